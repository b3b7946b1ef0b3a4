//! The provider-client policy, checked the same way against every HTTP client: every failure a
//! provider can produce becomes one typed error, fast, without following redirects or reading
//! oversized bodies.

mod common;

use common::*;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockBuilder, MockServer, ResponseTemplate};
use zzyzx_sources::{ClientOptions, ResearchApi, ScrapeCreators, Source, SourceError, TikApi};

#[derive(Debug, Clone, Copy)]
enum Provider {
    TikApi,
    Research,
    ScrapeCreators,
}

const ALL: [Provider; 3] = [Provider::TikApi, Provider::Research, Provider::ScrapeCreators];

impl Provider {
    /// A fresh mock server (with a working token endpoint for the Research API) and a client.
    async fn start(self) -> (MockServer, Box<dyn Source>) {
        let server = MockServer::start().await;
        let client: Box<dyn Source> = match self {
            Provider::TikApi => Box::new(tikapi(&server)),
            Provider::Research => {
                mount_token(&server).await;
                Box::new(research(&server))
            }
            Provider::ScrapeCreators => Box::new(scrapecreators(&server)),
        };
        (server, client)
    }

    /// The route `profile()` calls.
    fn profile_route(self) -> MockBuilder {
        match self {
            Provider::TikApi => Mock::given(method("GET")).and(path("/public/check")),
            Provider::Research => Mock::given(method("POST")).and(path("/v2/research/user/info/")),
            Provider::ScrapeCreators => Mock::given(method("GET")).and(path("/v1/tiktok/profile")),
        }
    }

    fn profile_path(self) -> &'static str {
        match self {
            Provider::TikApi => "/public/check",
            Provider::Research => "/v2/research/user/info/",
            Provider::ScrapeCreators => "/v1/tiktok/profile",
        }
    }

    /// A well-formed profile answer whose follower count is `followers`.
    fn profile_body(self, followers: Value) -> Value {
        match self {
            Provider::TikApi => {
                let mut body = tikapi_check("mayabakes");
                body["userInfo"]["stats"]["followerCount"] = followers;
                body
            }
            Provider::Research => {
                let mut user = research_user();
                user["follower_count"] = followers;
                research_ok(user)
            }
            Provider::ScrapeCreators => {
                let mut body = sc_profile("mayabakes");
                body["stats"]["followerCount"] = followers;
                body
            }
        }
    }

    /// This provider's way of saying "too many requests" in a 429 body.
    fn rate_limit_body(self) -> Value {
        match self {
            Provider::TikApi => json!({ "status": "error", "message": "Too many requests" }),
            Provider::Research => research_error("rate_limit_exceeded", "slow down"),
            Provider::ScrapeCreators => json!({ "success": false, "message": "Too many requests, slow down" }),
        }
    }

    /// This provider's way of saying its quota (or, for ScrapeCreators, the credit balance) is spent.
    fn quota_spent(self) -> ResponseTemplate {
        match self {
            Provider::TikApi => ResponseTemplate::new(403)
                .set_body_json(json!({ "status": "error", "message": "Your monthly quota is exhausted" })),
            Provider::Research => {
                ResponseTemplate::new(429).set_body_json(research_error("rate_limit_exceeded", "daily quota exceeded"))
            }
            Provider::ScrapeCreators => ResponseTemplate::new(402).set_body_json(json!({
                "success": false,
                "message": "Looks like you're out of credits :( You'll need to buy more to continue using the service."
            })),
        }
    }

    fn client_with(self, base_url: &str, options: ClientOptions) -> Box<dyn Source> {
        match self {
            Provider::TikApi => Box::new(TikApi::new(TIKAPI_KEY, base_url, options).unwrap()),
            Provider::Research => Box::new(
                ResearchApi::new(CLIENT_KEY, CLIENT_SECRET, base_url, options).unwrap().with_clock(research_now),
            ),
            Provider::ScrapeCreators => Box::new(ScrapeCreators::new(SCRAPECREATORS_KEY, base_url, options).unwrap()),
        }
    }
}

/// Serves `template` on the profile route of each provider and returns what `profile()` gave.
async fn profile_error_for(provider: Provider, template: ResponseTemplate) -> SourceError {
    let (server, client) = provider.start().await;
    provider.profile_route().respond_with(template).expect(1).mount(&server).await;
    client.profile("mayabakes").await.expect_err("the provider failed, so must the call")
}

#[tokio::test]
async fn a_good_answer_parses_for_every_provider() {
    for provider in ALL {
        let (server, client) = provider.start().await;
        provider
            .profile_route()
            .respond_with(ResponseTemplate::new(200).set_body_json(provider.profile_body(json!(284113))))
            .expect(1)
            .mount(&server)
            .await;

        let profile = client.profile("mayabakes").await.unwrap_or_else(|e| panic!("{provider:?}: {e:?}"));

        assert_eq!(profile.followers, 284113, "{provider:?}");
    }
}

#[tokio::test]
async fn unauthorized_is_unauthorized() {
    for provider in ALL {
        let err = profile_error_for(provider, ResponseTemplate::new(401)).await;
        assert!(matches!(err, SourceError::Unauthorized(_)), "{provider:?}: {err:?}");
    }
}

#[tokio::test]
async fn a_spent_quota_is_quota_exhausted_which_pauses_the_source() {
    for provider in ALL {
        let err = profile_error_for(provider, provider.quota_spent()).await;
        assert!(matches!(err, SourceError::QuotaExhausted { .. }), "{provider:?}: {err:?}");
        assert!(!err.is_permanent_for_creator(), "{provider:?}: a spent quota says nothing about the creator");
    }
}

#[tokio::test]
async fn too_many_requests_carries_retry_after_in_seconds_or_as_a_date_or_not_at_all() {
    let in_two_minutes = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(120));
    for provider in ALL {
        let err = profile_error_for(
            provider,
            ResponseTemplate::new(429).insert_header("Retry-After", "3").set_body_json(provider.rate_limit_body()),
        )
        .await;
        assert_eq!(err, SourceError::RateLimited { retry_after: Some(Duration::from_secs(3)) }, "{provider:?}");

        let err = profile_error_for(
            provider,
            ResponseTemplate::new(429)
                .insert_header("Retry-After", in_two_minutes.as_str())
                .set_body_json(provider.rate_limit_body()),
        )
        .await;
        let SourceError::RateLimited { retry_after: Some(wait) } = err else { panic!("{provider:?}: {err:?}") };
        assert!(wait > Duration::from_secs(110) && wait <= Duration::from_secs(120), "{provider:?}: waited {wait:?}");

        let err = profile_error_for(provider, ResponseTemplate::new(429)).await;
        assert_eq!(err, SourceError::RateLimited { retry_after: None }, "{provider:?}");
    }
}

#[tokio::test]
async fn retry_after_is_capped_at_fifteen_minutes() {
    for provider in ALL {
        let err = profile_error_for(provider, ResponseTemplate::new(429).insert_header("Retry-After", "86400")).await;
        assert_eq!(err, SourceError::RateLimited { retry_after: Some(Duration::from_secs(900)) }, "{provider:?}");
    }
}

#[tokio::test]
async fn server_errors_are_unavailable() {
    for provider in ALL {
        for status in [500, 502, 503, 504] {
            let err = profile_error_for(provider, ResponseTemplate::new(status).set_body_string("upstream down")).await;
            assert!(matches!(err, SourceError::Unavailable(_)), "{provider:?} {status}: {err:?}");
        }
    }
}

#[tokio::test]
async fn a_slow_provider_is_cut_off_at_the_timeout() {
    for provider in ALL {
        let started = Instant::now();
        let err = profile_error_for(
            provider,
            ResponseTemplate::new(200).set_body_json(provider.profile_body(json!(1))).set_delay(Duration::from_secs(2)),
        )
        .await;
        assert!(matches!(err, SourceError::Unavailable(_)), "{provider:?}: {err:?}");
        assert!(started.elapsed() < Duration::from_secs(1), "{provider:?}: took {:?}", started.elapsed());
    }
}

#[tokio::test]
async fn an_unreachable_provider_is_unavailable() {
    // Bind a port, then free it: nothing listens there.
    let port = TcpListener::bind("127.0.0.1:0").await.unwrap().local_addr().unwrap().port();
    for provider in ALL {
        let client = provider.client_with(&format!("http://127.0.0.1:{port}"), options());
        let err = client.profile("mayabakes").await.unwrap_err();
        assert!(matches!(err, SourceError::Unavailable(_)), "{provider:?}: {err:?}");
    }
}

#[tokio::test]
async fn unreadable_200s_are_bad_payloads() {
    let ok = || ResponseTemplate::new(200);
    let cases = [
        (
            "truncated JSON",
            ok().set_body_raw(b"{\"userInfo\": {\"stats\": {\"followerCount\":".to_vec(), "application/json"),
        ),
        ("HTML", ok().set_body_raw(b"<!DOCTYPE html><html><body>Access denied</body></html>".to_vec(), "text/html")),
        ("HTML labelled as JSON", ok().set_body_raw(b"  <html></html>".to_vec(), "application/json")),
        ("an empty body", ok()),
        ("not an object", ok().set_body_json(json!(["a", "list"]))),
    ];
    for provider in ALL {
        for (what, template) in &cases {
            let err = profile_error_for(provider, template.clone()).await;
            assert!(matches!(err, SourceError::BadPayload(_)), "{provider:?} {what}: {err:?}");
        }
    }
}

#[tokio::test]
async fn negative_and_absurd_counts_are_bad_payloads() {
    for provider in ALL {
        for bad in [json!(-1), json!(-2147483648i64), json!(9223372036854775808u64), json!("9223372036854775808")] {
            let err = profile_error_for(
                provider,
                ResponseTemplate::new(200).set_body_json(provider.profile_body(bad.clone())),
            )
            .await;
            assert!(matches!(err, SourceError::BadPayload(_)), "{provider:?} followers {bad}: {err:?}");
        }
    }
}

#[tokio::test]
async fn counts_sent_as_strings_are_read() {
    for provider in ALL {
        let (server, client) = provider.start().await;
        provider
            .profile_route()
            .respond_with(ResponseTemplate::new(200).set_body_json(provider.profile_body(json!("9223372036854775807"))))
            .mount(&server)
            .await;

        assert_eq!(client.profile("mayabakes").await.map(|p| p.followers), Ok(i64::MAX), "{provider:?}");
    }
}

#[tokio::test]
async fn a_body_declared_over_the_cap_is_refused() {
    for provider in ALL {
        let big = format!("{{\"padding\": \"{}\"}}", "x".repeat(2 * 1024 * 1024));
        let err =
            profile_error_for(provider, ResponseTemplate::new(200).set_body_raw(big.into_bytes(), "application/json"))
                .await;
        assert!(matches!(&err, SourceError::BadPayload(m) if m.contains("cap")), "{provider:?}: {err:?}");
    }
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    for provider in ALL {
        let other = MockServer::start().await;
        Mock::given(any()).respond_with(ResponseTemplate::new(200)).expect(0).mount(&other).await;

        let err = profile_error_for(
            provider,
            ResponseTemplate::new(301).insert_header("Location", format!("{}{}", other.uri(), provider.profile_path())),
        )
        .await;

        assert!(matches!(err, SourceError::BadPayload(_)), "{provider:?}: {err:?}");
        // `other` verifies on drop that it saw no request.
    }
}

#[tokio::test]
async fn an_endless_chunked_body_is_cut_off_at_the_cap() {
    for provider in ALL {
        let written = Arc::new(AtomicUsize::new(0));
        let base_url = serve_endless_body(written.clone()).await;
        let client = provider.client_with(&base_url, ClientOptions { max_body_bytes: 64 * 1024, ..options() });

        let started = Instant::now();
        let err = client.profile("mayabakes").await.unwrap_err();

        assert!(matches!(&err, SourceError::BadPayload(m) if m.contains("cap")), "{provider:?}: {err:?}");
        assert!(started.elapsed() < Duration::from_secs(1), "{provider:?}: took {:?}", started.elapsed());
        // The server had 20 MiB to send; the client hung up long before (what was written is
        // the cap plus whatever the loopback socket buffers absorbed).
        let sent = written.load(Ordering::SeqCst);
        assert!(sent < 16 * 1024 * 1024, "{provider:?}: server managed to write {sent} bytes");
    }
}

/// A raw HTTP/1.1 server (wiremock always sends a length): the token endpoint answers normally,
/// every other request gets a chunked body of up to 20 MiB without `Content-Length`.
async fn serve_endless_body(written: Arc<AtomicUsize>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let written = written.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                if head.starts_with(b"POST /v2/oauth/token/") {
                    let body = token_body(TOKEN, 7200).to_string();
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                        body.len()
                    );
                    let _ = socket.write_all(reply.as_bytes()).await;
                    return;
                }
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
                if socket.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                let chunk = format!("{:x}\r\n{}\r\n", 16 * 1024, "7".repeat(16 * 1024));
                for _ in 0..(20 * 64) {
                    if socket.write_all(chunk.as_bytes()).await.is_err() {
                        return;
                    }
                    written.fetch_add(16 * 1024, Ordering::SeqCst);
                }
            });
        }
    });
    format!("http://{address}")
}
