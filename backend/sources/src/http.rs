//! The HTTP plumbing both provider clients share: one `reqwest::Client` per provider with the
//! provider-client policy (timeouts, no redirects, a body cap enforced while reading), and the
//! provider-independent reading of an answer (status classes, `Retry-After`, JSON or not).
//! Provider-specific meaning (TikAPI's 403, the Research API's `error.code`) stays in each client.

use crate::{BuildError, ClientOptions, SourceError};
use reqwest::header::{CONTENT_TYPE, HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::{StatusCode, redirect};
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

/// No `Retry-After` is believed beyond this: a provider asking for hours is treated as asking for
/// the cap, and the worker's own quota handling takes over from there.
pub(crate) const RETRY_AFTER_CAP: Duration = Duration::from_secs(15 * 60);

/// How much of a provider's text ends up in an error message (and so in logs and the UI).
const MESSAGE_CHARS: usize = 200;

/// A provider client's connection: built once, shared by every request of that client.
#[derive(Debug, Clone)]
pub(crate) struct Http {
    client: reqwest::Client,
    max_body_bytes: usize,
    /// Requests sent, answered or not: what a daily budget counts.
    sent: Arc<AtomicU64>,
}

/// A provider's answer, read completely and within the body cap.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Http {
    pub(crate) fn new(client_name: &'static str, options: &ClientOptions) -> Result<Self, BuildError> {
        let client = reqwest::Client::builder()
            .timeout(options.timeout)
            .connect_timeout(options.connect_timeout)
            // A redirect from a provider API is never expected; following it could carry the key
            // or token to another host.
            .redirect(redirect::Policy::none())
            .user_agent(concat!("zzyzx-sources/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| BuildError { client: client_name, reason: e.to_string() })?;
        Ok(Http { client, max_body_bytes: options.max_body_bytes, sent: Arc::default() })
    }

    pub(crate) fn client(&self) -> &reqwest::Client {
        &self.client
    }

    pub(crate) fn requests_sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// Sends `request` and reads the body, refusing redirects and bodies over the cap.
    pub(crate) async fn send(&self, request: reqwest::RequestBuilder) -> Result<Reply, SourceError> {
        self.sent.fetch_add(1, Ordering::Relaxed);
        let mut response = request.send().await.map_err(transport_error)?;
        let status = response.status();
        if status.is_redirection() {
            let target = response.headers().get(LOCATION).and_then(|v| v.to_str().ok()).unwrap_or("nowhere");
            return Err(SourceError::BadPayload(format!("unexpected redirect ({status}) to {}", clip(target))));
        }
        if let Some(length) = response.content_length()
            && length > self.max_body_bytes as u64
        {
            return Err(SourceError::BadPayload(format!(
                "body of {length} bytes is over the {} byte cap",
                self.max_body_bytes
            )));
        }
        let headers = response.headers().clone();
        let mut body = Vec::new();
        // Chunk by chunk, so a body without (or lying about) its length still stops at the cap.
        while let Some(chunk) = response.chunk().await.map_err(transport_error)? {
            if body.len() + chunk.len() > self.max_body_bytes {
                return Err(SourceError::BadPayload(format!("body is over the {} byte cap", self.max_body_bytes)));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Reply { status, headers, body })
    }
}

fn transport_error(error: reqwest::Error) -> SourceError {
    // `without_url`: request URLs carry handles and search terms; the message needs neither.
    let error = error.without_url();
    if error.is_timeout() {
        SourceError::Unavailable("request timed out".into())
    } else if error.is_connect() {
        SourceError::Unavailable(format!("connection failed: {error}"))
    } else if error.is_redirect() {
        SourceError::BadPayload(format!("redirect refused: {error}"))
    } else {
        SourceError::Unavailable(format!("transport error: {error}"))
    }
}

impl Reply {
    /// The body as JSON. An empty body, HTML or anything unparsable is a `BadPayload`: providers
    /// answer 200 with such bodies when they are blocked, and that is not "no data".
    pub(crate) fn json(&self) -> Result<serde_json::Value, SourceError> {
        let text = self.body.trim_ascii_start();
        if text.is_empty() {
            return Err(SourceError::BadPayload("empty body".into()));
        }
        let content_type = self.headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        if text.starts_with(b"<") || content_type.to_ascii_lowercase().contains("html") {
            return Err(SourceError::BadPayload("HTML instead of JSON".into()));
        }
        serde_json::from_slice(text).map_err(|e| SourceError::BadPayload(format!("invalid JSON: {e}")))
    }

    /// `Retry-After`, when present and understood.
    pub(crate) fn retry_after(&self) -> Option<Duration> {
        let value = self.headers.get(RETRY_AFTER)?.to_str().ok()?;
        parse_retry_after(value, SystemTime::now())
    }

    /// The status-only reading of a failed answer, for when the body says nothing more specific.
    pub(crate) fn status_error(&self, message: Option<&str>) -> SourceError {
        let status = self.status;
        let detail = |fallback: &str| match message {
            Some(m) if !m.trim().is_empty() => format!("{status}: {}", clip(m)),
            _ => format!("{status}: {fallback}"),
        };
        match status {
            StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => {
                SourceError::Unauthorized(detail("credentials refused"))
            }
            StatusCode::TOO_MANY_REQUESTS => SourceError::RateLimited { retry_after: self.retry_after() },
            StatusCode::REQUEST_TIMEOUT => SourceError::Unavailable(detail("provider timed out")),
            s if s.is_server_error() => SourceError::Unavailable(detail("provider error")),
            s if s.is_client_error() => SourceError::Rejected(detail("request refused")),
            _ => SourceError::BadPayload(detail("unexpected status")),
        }
    }
}

/// Parses `Retry-After` as delta-seconds or an HTTP-date (RFC 9110 §10.2.3), capped at
/// [`RETRY_AFTER_CAP`]. A date in the past means "now" (zero). Anything else is `None`.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    let wait = if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // All digits but too long for u64 is still "a very long time".
        Duration::from_secs(value.parse::<u64>().unwrap_or(u64::MAX))
    } else {
        let at = httpdate::parse_http_date(value).ok()?;
        at.duration_since(now).unwrap_or(Duration::ZERO)
    };
    Some(wait.min(RETRY_AFTER_CAP))
}

/// Cuts provider text down to a size fit for an error message.
pub(crate) fn clip(text: &str) -> String {
    let text = text.trim();
    match text.char_indices().nth(MESSAGE_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// A credential that never prints: `Debug` shows a placeholder, so a client can derive `Debug`
/// and its key still stays out of logs.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Secret(String);

impl Secret {
    pub(crate) fn new(value: String) -> Self {
        Secret(value)
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

/// Checks a configured base URL and returns it without a trailing slash, ready for `{base}{path}`.
pub(crate) fn base_url(client: &'static str, raw: &str) -> Result<String, BuildError> {
    let url = reqwest::Url::parse(raw.trim())
        .map_err(|e| BuildError { client, reason: format!("invalid base URL {raw:?}: {e}") })?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(BuildError { client, reason: format!("base URL {raw:?} is not an http(s) URL with a host") });
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(BuildError { client, reason: format!("base URL {raw:?} must not carry a query or fragment") });
    }
    Ok(url.as_str().trim_end_matches('/').to_string())
}

/// Checks a configured page to send a browser to (an OAuth consent page): http(s) with a host,
/// and no query of its own, since the client appends one.
pub(crate) fn page_url(client: &'static str, raw: &str) -> Result<reqwest::Url, BuildError> {
    reqwest::Url::parse(raw.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some() && u.query().is_none())
        .ok_or_else(|| BuildError { client, reason: format!("invalid authorize URL {raw:?}") })
}

/// Checks an OAuth redirect URL: http(s), without query or fragment (TikTok registers it exactly so).
pub(crate) fn redirect_url(client: &'static str, raw: &str) -> Result<String, BuildError> {
    reqwest::Url::parse(raw.trim())
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https") && u.query().is_none() && u.fragment().is_none())
        .map(String::from)
        .ok_or_else(|| BuildError {
            client,
            reason: format!("redirect URL {raw:?} must be an http(s) URL without query or fragment"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn retry_after_reads_delta_seconds() {
        let now = at(1_700_000_000);
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after(" 120 ", now), Some(Duration::from_secs(120)));
        assert_eq!(parse_retry_after("0", now), Some(Duration::ZERO));
    }

    #[test]
    fn retry_after_is_capped_at_fifteen_minutes() {
        let now = at(1_700_000_000);
        assert_eq!(parse_retry_after("86400", now), Some(RETRY_AFTER_CAP));
        assert_eq!(parse_retry_after("99999999999999999999999999", now), Some(RETRY_AFTER_CAP));
    }

    #[test]
    fn retry_after_reads_all_three_http_date_forms() {
        // 1994-11-06T08:49:37Z, the RFC's own example, and 90 seconds before it.
        let now = at(784_111_777 - 90);
        let expected = Some(Duration::from_secs(90));
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), expected);
        assert_eq!(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", now), expected);
        assert_eq!(parse_retry_after("Sun Nov  6 08:49:37 1994", now), expected);
    }

    #[test]
    fn retry_after_in_the_past_means_now() {
        let now = at(784_111_777 + 3600);
        assert_eq!(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Some(Duration::ZERO));
    }

    #[test]
    fn retry_after_rejects_nonsense() {
        let now = at(1_700_000_000);
        for value in ["", "soon", "-5", "1.5", "3s", "Sun, 32 Nov 1994 08:49:37 GMT"] {
            assert_eq!(parse_retry_after(value, now), None, "{value:?} should not parse");
        }
    }

    #[test]
    fn base_url_is_normalised_and_checked() {
        assert_eq!(base_url("t", "https://api.tikapi.io/").as_deref(), Ok("https://api.tikapi.io"));
        assert_eq!(base_url("t", "http://127.0.0.1:8080/proxy/").as_deref(), Ok("http://127.0.0.1:8080/proxy"));
        assert!(base_url("t", "ftp://example.com").is_err());
        assert!(base_url("t", "not a url").is_err());
        assert!(base_url("t", "https://example.com/?key=1").is_err());
    }

    #[test]
    fn secrets_do_not_print() {
        let secret = Secret::new("tikapi-key-123".into());
        assert!(!format!("{secret:?}").contains("tikapi-key-123"));
    }

    #[test]
    fn clip_keeps_short_text_and_cuts_long_text_on_a_char_boundary() {
        assert_eq!(clip("  short  "), "short");
        let long = "é".repeat(500);
        let clipped = clip(&long);
        assert_eq!(clipped.chars().count(), MESSAGE_CHARS + 1);
    }

    proptest! {
        #[test]
        fn retry_after_never_panics_and_never_exceeds_the_cap(value in ".*", now in 0u64..4_000_000_000) {
            if let Some(wait) = parse_retry_after(&value, at(now)) {
                prop_assert!(wait <= RETRY_AFTER_CAP);
            }
        }

        #[test]
        fn retry_after_seconds_round_trip_below_the_cap(secs in 0u64..=900) {
            prop_assert_eq!(parse_retry_after(&secs.to_string(), at(1_700_000_000)), Some(Duration::from_secs(secs)));
        }
    }
}
