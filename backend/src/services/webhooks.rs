//! Webhooks: endpoints a workspace owner registers, the URL rules that keep them off zzyzx's own
//! network (SSRF), the Standard Webhooks signature, and the dispatcher that sends each queued
//! delivery with retries for about a day and turns off an endpoint that keeps failing.

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use chrono::{DateTime, Duration, Utc};
use futures_util::StreamExt;
use hmac::{Hmac, Mac};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use sha2::Sha256;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use url::{Host, Url};
use uuid::Uuid;

use super::alerts::{EventBody, EventType};
use super::{Result, ServiceError, Violation};
use crate::store::{DeliveryAttempt, DueDelivery, EventRow, NewEvent, Store, WebhookChange, WebhookEndpoint};

type HmacSha256 = Hmac<Sha256>;

/// Waits before each retry: the schedule the Standard Webhooks guidance suggests, about 27 hours
/// in all; after the last one the delivery has failed.
pub const RETRY_DELAYS: [Duration; 7] = [
    Duration::seconds(5),
    Duration::minutes(5),
    Duration::minutes(30),
    Duration::hours(2),
    Duration::hours(5),
    Duration::hours(10),
    Duration::hours(10),
];
/// An endpoint whose deliveries have failed for this long is turned off.
pub const DISABLE_AFTER: Duration = Duration::days(3);
/// How long a receiver has to answer.
pub const TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);
/// Endpoints one workspace may have.
pub const MAX_ENDPOINTS: usize = 20;

/// Which webhook URLs are allowed. Without `allow_private` (`ZZYZX_WEBHOOK_ALLOW_PRIVATE`), only
/// `https` URLs whose host is, or resolves only to, public addresses.
#[derive(Debug, Clone, Copy, Default)]
pub struct UrlPolicy {
    pub allow_private: bool,
}

/// Whether an address is one a webhook must never reach: this machine, its private networks,
/// link-local (cloud metadata), multicast, and the reserved ranges.
pub fn is_forbidden(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return forbidden_v4(v4);
            }
            let first = v6.segments()[0];
            // 64:ff9b::/96 translates to the IPv4 address in its last 32 bits.
            let nat64 = v6.segments()[..6] == [0x64, 0xff9b, 0, 0, 0, 0];
            let embedded = Ipv4Addr::from(u32::try_from(v6.to_bits() & 0xffff_ffff).unwrap_or_default());
            v6.is_unspecified()
                || v6.is_loopback()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || (first & 0xffc0) == 0xfec0 // site-local (deprecated)
                || first == 0x2001 && v6.segments()[1] == 0x0db8 // documentation
                || (nat64 && forbidden_v4(embedded))
        }
    }
}

fn forbidden_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    ip.is_unspecified()
        || ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (b & 0xc0) == 64) // carrier-grade NAT
        || (a == 192 && b == 0 && c == 0) // IETF protocol assignments
        || (a == 198 && (b & 0xfe) == 18) // benchmarking
        || a >= 240 // reserved
}

impl UrlPolicy {
    /// The URL if a webhook may point at it; otherwise why not, in words. Resolves a host name
    /// and refuses it when any of its addresses is forbidden.
    pub async fn check(&self, raw: &str) -> std::result::Result<Url, String> {
        let url = Url::parse(raw.trim()).map_err(|e| format!("is not a URL ({e})"))?;
        match url.scheme() {
            "https" => {}
            "http" if self.allow_private => {}
            "http" => return Err("must use https".to_owned()),
            other => return Err(format!("must use https, not {other}")),
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err("must not carry a user name or password".to_owned());
        }
        if url.as_str().len() > 2048 {
            return Err("must be at most 2048 characters".to_owned());
        }
        if self.allow_private {
            return url.host().map(|_| url.clone()).ok_or_else(|| "has no host".to_owned());
        }
        let port = url.port_or_known_default().unwrap_or(443);
        let addresses: Vec<IpAddr> = match url.host() {
            None => return Err("has no host".to_owned()),
            Some(Host::Ipv4(ip)) => vec![IpAddr::V4(ip)],
            Some(Host::Ipv6(ip)) => vec![IpAddr::V6(ip)],
            Some(Host::Domain(name)) => {
                let lookup = tokio::net::lookup_host((name, port));
                match tokio::time::timeout(std::time::Duration::from_secs(3), lookup).await {
                    Ok(Ok(found)) => found.map(|a| a.ip()).collect(),
                    _ => return Err(format!("names a host, {name}, that does not resolve")),
                }
            }
        };
        match addresses.iter().find(|ip| is_forbidden(**ip)) {
            Some(ip) => Err(format!("points at {ip}, a loopback, private or reserved address")),
            None if addresses.is_empty() => Err("names a host that does not resolve".to_owned()),
            None => Ok(url),
        }
    }

    /// An HTTP client for deliveries: no redirects, no proxies, a timeout, and (unless private
    /// addresses are allowed) a resolver that refuses names resolving to forbidden addresses, so
    /// what is connected to is what was checked.
    pub fn client(&self) -> reqwest::Client {
        let builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .timeout(TIMEOUT)
            .connect_timeout(std::time::Duration::from_secs(5))
            .user_agent(concat!("zzyzx-webhooks/", env!("CARGO_PKG_VERSION")));
        let builder = if self.allow_private { builder } else { builder.dns_resolver(Arc::new(PublicOnly)) };
        builder.build().unwrap_or_default()
    }
}

struct PublicOnly;

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((name.as_str(), 0)).await?.collect();
            if let Some(bad) = found.iter().find(|a| is_forbidden(a.ip())) {
                let message = format!("{} resolves to {}, a private address", name.as_str(), bad.ip());
                return Err(message.into());
            }
            Ok(Box::new(found.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// Each endpoint's signing secret, derived from the server's secret, the endpoint's id and its
/// secret generation: shown to the owner once, never stored.
#[derive(Clone)]
pub struct WebhookSecrets {
    key: [u8; 32],
}

impl WebhookSecrets {
    pub fn new(server_secret: &SecretString) -> Self {
        let mut mac = HmacSha256::new_from_slice(server_secret.expose_secret().as_bytes()).expect("any key length");
        mac.update(b"zzyzx webhook signing secrets v1");
        Self { key: mac.finalize().into_bytes().into() }
    }

    /// `whsec_` and the base64 of 32 secret bytes, as Standard Webhooks writes secrets.
    pub fn secret(&self, endpoint_id: Uuid, generation: i32) -> SecretString {
        let mut mac = HmacSha256::new_from_slice(&self.key).expect("any key length");
        mac.update(endpoint_id.as_bytes());
        mac.update(&generation.to_be_bytes());
        SecretString::from(format!("whsec_{}", BASE64.encode(mac.finalize().into_bytes())))
    }
}

/// The `webhook-signature` value (`v1,` and the base64 HMAC-SHA256 of `id.timestamp.body`) for a
/// `whsec_` secret, as the Standard Webhooks specification defines it.
pub fn sign(secret: &str, message_id: &str, timestamp: i64, body: &[u8]) -> Option<String> {
    let key = BASE64.decode(secret.strip_prefix("whsec_").unwrap_or(secret)).ok()?;
    let mut mac = HmacSha256::new_from_slice(&key).ok()?;
    mac.update(format!("{message_id}.{timestamp}.").as_bytes());
    mac.update(body);
    Some(format!("v1,{}", BASE64.encode(mac.finalize().into_bytes())))
}

/// What a webhook receives: `type`, `timestamp` and `data`, the Standard Webhooks envelope.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct WebhookPayload {
    /// The event type.
    #[serde(rename = "type")]
    pub kind: String,
    /// When the event was recorded.
    pub timestamp: DateTime<Utc>,
    pub data: EventBody,
}

impl WebhookPayload {
    pub fn of(event: EventRow) -> Self {
        Self { kind: event.kind.clone(), timestamp: event.created_at, data: event.into() }
    }
}

/// A new endpoint, as asked for.
pub struct NewEndpoint {
    pub url: String,
    pub description: String,
    pub event_types: Vec<EventType>,
}

/// Endpoint management, for owners.
pub struct Webhooks<'a> {
    pub store: &'a dyn Store,
    pub secrets: &'a WebhookSecrets,
    pub policy: UrlPolicy,
}

fn invalid(pointer: &str, detail: impl std::fmt::Display) -> ServiceError {
    ServiceError::Invalid(vec![Violation::body(pointer, detail)])
}

fn type_names(types: &[EventType]) -> Vec<String> {
    let mut names: Vec<String> = types.iter().map(|t| t.as_str().to_owned()).collect();
    names.sort();
    names.dedup();
    names
}

impl Webhooks<'_> {
    /// Creates an endpoint; its signing secret is in the answer, and only there.
    pub async fn create(&self, workspace_id: Uuid, new: NewEndpoint) -> Result<(WebhookEndpoint, SecretString)> {
        let url = self.policy.check(&new.url).await.map_err(|why| invalid("/url", format!("the URL {why}")))?;
        if self.store.webhooks(workspace_id).await?.len() >= MAX_ENDPOINTS {
            return Err(invalid("/url", format!("a workspace has at most {MAX_ENDPOINTS} webhook endpoints")));
        }
        let now = Utc::now();
        let endpoint = WebhookEndpoint {
            id: Uuid::now_v7(),
            workspace_id,
            url: url.to_string(),
            description: new.description,
            event_types: sqlx::types::Json(type_names(&new.event_types)),
            enabled: true,
            secret_generation: 1,
            failing_since: None,
            disabled_reason: None,
            created_at: now,
            updated_at: now,
        };
        let created = self.store.create_webhook(&endpoint).await?;
        let secret = self.secrets.secret(created.id, created.secret_generation);
        Ok((created, secret))
    }

    /// Changes an endpoint; with `rotate_secret`, the new secret is in the answer.
    pub async fn update(
        &self,
        workspace_id: Uuid,
        endpoint_id: Uuid,
        change: EndpointChange,
    ) -> Result<(WebhookEndpoint, Option<SecretString>)> {
        self.store.webhook(workspace_id, endpoint_id).await?;
        let url = match change.url {
            Some(url) => Some(
                self.policy.check(&url).await.map_err(|why| invalid("/url", format!("the URL {why}")))?.to_string(),
            ),
            None => None,
        };
        let stored = WebhookChange {
            url,
            description: change.description,
            event_types: change.event_types.as_deref().map(type_names),
            enabled: change.enabled,
            rotate_secret: change.rotate_secret,
        };
        let updated = self.store.update_webhook(workspace_id, endpoint_id, &stored, Utc::now()).await?;
        let secret = change.rotate_secret.then(|| self.secrets.secret(updated.id, updated.secret_generation));
        Ok((updated, secret))
    }
}

/// A change to an endpoint, as asked for; `None` leaves a field as it is.
pub struct EndpointChange {
    pub url: Option<String>,
    pub description: Option<String>,
    pub event_types: Option<Vec<EventType>>,
    pub enabled: Option<bool>,
    pub rotate_secret: bool,
}

/// What one dispatch pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct DispatchReport {
    pub delivered: usize,
    pub failed: usize,
}

/// Sends due deliveries. Several dispatchers (processes) share the work through leases.
pub struct Dispatcher {
    pub store: Arc<dyn Store>,
    pub secrets: WebhookSecrets,
    pub policy: UrlPolicy,
    pub client: reqwest::Client,
    pub owner: String,
    pub batch: i64,
    pub concurrency: usize,
}

impl Dispatcher {
    pub fn new(store: Arc<dyn Store>, secrets: WebhookSecrets, policy: UrlPolicy) -> Self {
        Self {
            store,
            secrets,
            client: policy.client(),
            policy,
            owner: format!("dispatcher-{}-{}", std::process::id(), Uuid::new_v4().simple()),
            batch: 100,
            concurrency: 16,
        }
    }

    /// Sends what is due until nothing is, and reports how it went.
    pub async fn run_once(&self) -> Result<DispatchReport> {
        let mut report = DispatchReport::default();
        loop {
            let now = Utc::now();
            let due = self.store.claim_deliveries(&self.owner, now, now + Duration::minutes(2), self.batch).await?;
            if due.is_empty() {
                return Ok(report);
            }
            let attempts: Vec<(DueDelivery, DeliveryAttempt)> = futures_util::stream::iter(due)
                .map(|delivery| async move {
                    let attempt = self.send(&delivery).await;
                    (delivery, attempt)
                })
                .buffer_unordered(self.concurrency)
                .collect()
                .await;
            for (delivery, attempt) in attempts {
                if attempt.error.is_none() {
                    report.delivered += 1;
                } else {
                    report.failed += 1;
                }
                self.store.record_delivery(&attempt).await?;
                let failing_since = delivery.failing_since.unwrap_or(attempt.at);
                if attempt.error.is_some() && attempt.at - failing_since >= DISABLE_AFTER {
                    self.disable(&delivery, failing_since, attempt.at).await?;
                }
            }
        }
    }

    async fn send(&self, delivery: &DueDelivery) -> DeliveryAttempt {
        let at = Utc::now();
        let result = self.post(delivery, at).await;
        let retry_at =
            RETRY_DELAYS.get(usize::try_from(delivery.attempts).unwrap_or(usize::MAX)).map(|wait| at + *wait);
        let (response_status, error) = match result {
            Ok(status) if (200..300).contains(&status) => (Some(status), None),
            Ok(status) if (300..400).contains(&status) => {
                (Some(status), Some(format!("HTTP {status}: redirects are not followed")))
            }
            Ok(status) => (Some(status), Some(format!("HTTP {status}"))),
            Err(error) => (None, Some(error)),
        };
        DeliveryAttempt {
            delivery_id: delivery.id,
            endpoint_id: delivery.endpoint_id,
            at,
            response_status,
            error,
            retry_at,
        }
    }

    async fn post(&self, delivery: &DueDelivery, at: DateTime<Utc>) -> std::result::Result<i32, String> {
        let url = self.policy.check(&delivery.url).await.map_err(|why| format!("the URL {why}"))?;
        let body = serde_json::to_vec(&WebhookPayload::of(delivery.event.clone())).map_err(|e| e.to_string())?;
        let message_id = format!("msg_{}", delivery.id.simple());
        let timestamp = at.timestamp();
        let secret = self.secrets.secret(delivery.endpoint_id, delivery.secret_generation);
        let signature =
            sign(secret.expose_secret(), &message_id, timestamp, &body).ok_or("the secret could not sign")?;
        let response = self
            .client
            .post(url)
            .header("content-type", "application/json")
            .header("webhook-id", &message_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body)
            .send()
            .await
            .map_err(|error| describe(&error))?;
        Ok(i32::from(response.status().as_u16()))
    }

    /// Turns the endpoint off and tells its workspace.
    async fn disable(&self, delivery: &DueDelivery, since: DateTime<Utc>, now: DateTime<Utc>) -> Result<()> {
        let reason = format!("every delivery has failed since {}", since.format("%-d %b %Y %H:%M UTC"));
        if !self.store.disable_webhook(delivery.endpoint_id, &reason, now).await? {
            return Ok(());
        }
        tracing::warn!(endpoint = %delivery.endpoint_id, "webhook endpoint turned off after failing for days");
        let event = NewEvent {
            workspace_id: delivery.event.workspace_id,
            kind: EventType::WebhookDisabled.as_str(),
            key: format!("webhook.disabled:{}:{}", delivery.endpoint_id, now.timestamp()),
            creator_id: None,
            campaign_id: None,
            video_id: None,
            occurred_at: now,
            sentence: format!("The webhook to {} was turned off: {reason}", delivery.url),
            data: serde_json::json!({ "endpoint_id": delivery.endpoint_id, "url": delivery.url, "failing_since": since }),
            source: None,
        };
        self.store.record_events(&[event], now).await?;
        Ok(())
    }
}

/// A failed request in words, without the URL (the log shows which endpoint).
fn describe(error: &reqwest::Error) -> String {
    let kind = if error.is_timeout() {
        "timed out"
    } else if error.is_connect() {
        "could not connect"
    } else {
        "request failed"
    };
    let mut cause = std::error::Error::source(error);
    let mut detail = String::new();
    while let Some(inner) = cause {
        detail = inner.to_string();
        cause = inner.source();
    }
    if detail.is_empty() { kind.to_owned() } else { format!("{kind}: {detail}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signs_the_standard_webhooks_test_vector() {
        let signature = sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330,
            br#"{"test": 2432232314}"#,
        );
        assert_eq!(signature.as_deref(), Some("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    #[test]
    fn secrets_differ_by_endpoint_and_generation_and_are_stable() {
        let secrets = WebhookSecrets::new(&SecretString::from("x".repeat(40)));
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        let s = |id, generation| secrets.secret(id, generation).expose_secret().to_owned();
        assert_eq!(s(a, 1), s(a, 1), "the same endpoint and generation give the same secret");
        assert_ne!(s(a, 1), s(b, 1), "another endpoint, another secret");
        assert_ne!(s(a, 1), s(a, 2), "rotating gives a new secret");
        assert!(s(a, 1).starts_with("whsec_") && BASE64.decode(&s(a, 1)[6..]).unwrap().len() == 32);
    }

    #[test]
    fn refuses_every_address_a_webhook_must_not_reach() {
        let forbidden = [
            "127.0.0.1",
            "127.1.2.3",
            "0.0.0.0",
            "10.0.0.1",
            "172.16.5.4",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "198.18.0.1",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12:3456::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "ff02::1",
        ];
        for ip in forbidden {
            assert!(is_forbidden(ip.parse().unwrap()), "{ip} must be refused");
        }
        for ip in ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111", "8.8.8.8"] {
            assert!(!is_forbidden(ip.parse().unwrap()), "{ip} is public");
        }
    }

    #[tokio::test]
    async fn refuses_urls_that_reach_this_machine_or_its_networks() {
        let policy = UrlPolicy { allow_private: false };
        let refused = [
            "http://example.com/hook",
            "https://127.0.0.1/hook",
            "https://[::1]/hook",
            "https://2130706433/hook",
            "https://0x7f000001/hook",
            "https://169.254.169.254/latest/meta-data",
            "https://10.0.0.1/",
            "https://[::ffff:192.168.0.1]/",
            "https://localhost/hook",
            "https://user:pass@93.184.216.34/",
            "file:///etc/passwd",
            "gopher://93.184.216.34/",
            "not a url",
        ];
        for url in refused {
            assert!(policy.check(url).await.is_err(), "{url} must be refused");
        }
        assert!(policy.check("https://93.184.216.34/hook").await.is_ok(), "a public address is allowed");
        let open = UrlPolicy { allow_private: true };
        assert!(open.check("http://127.0.0.1:9/hook").await.is_ok(), "the operator may allow private addresses");
        assert!(open.check("ftp://127.0.0.1/").await.is_err(), "but only over http(s)");
    }
}
