//! Alerts end to end: the worker records each fact once (under three workers too), the inbox and
//! its read marks, the alert rules, signed webhooks with retries, redelivery and disabling, the
//! SSRF guard, and the e-mail digest through an SMTP sink.

use crate::both_databases;
use crate::fake_source::FakeSource;
use crate::helpers::*;
use chrono::{Duration as ChronoDuration, Utc};
use reqwest::StatusCode;
use secrecy::SecretString;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::sync::Notify;
use tokio_util::sync::CancellationToken;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zzyzx::refresh::policy::Backoff;
use zzyzx::refresh::{RefreshWorker, WorkerConfig};
use zzyzx::services::mail::Mailer;
use zzyzx::services::webhooks::{Dispatcher, UrlPolicy, WebhookSecrets, sign};
use zzyzx::services::{alerts, digest};
use zzyzx::store::{DeliveryAttempt, EventFilter};
use zzyzx_sources::SourceError;

fn worker(app: &TestApp, source: &Arc<FakeSource>, owner: &str) -> RefreshWorker {
    let config = WorkerConfig {
        owner: owner.into(),
        batch_size: 10,
        requests_per_second: 10_000,
        backoff: Backoff { base: Duration::from_millis(5), cap: Duration::from_millis(20) },
        ..WorkerConfig::default()
    };
    RefreshWorker::new(app.store.clone(), source.clone(), config, Arc::new(Notify::new()))
}

fn dispatcher(app: &TestApp) -> Dispatcher {
    let secrets = WebhookSecrets::new(&SecretString::from(TEST_SECRET));
    Dispatcher::new(app.store.clone(), secrets, UrlPolicy { allow_private: true })
}

fn private_allowed(state: &mut zzyzx::state::AppState) {
    state.webhook_policy = UrlPolicy { allow_private: true };
}

async fn events(app: &TestApp, user: &TestUser, query: &str) -> Vec<Value> {
    let page = expect_json(app.get(&user.token, &format!("/events{query}")).await, StatusCode::OK).await;
    page["items"].as_array().unwrap().clone()
}

fn of_type<'a>(events: &'a [Value], kind: &str) -> Vec<&'a Value> {
    events.iter().filter(|e| e["type"] == kind).collect()
}

/// A list of creators, each with a point two days ago at 500 followers (a milestone of 1,000
/// is then crossed at the first fetch); their ids.
async fn watched(app: &TestApp, user: &TestUser, handles: &[String]) -> Vec<String> {
    let list = app.create_list(user, "Watched").await;
    let mut ids = Vec::new();
    for handle in handles {
        let item = app.add_item(user, list["id"].as_str().unwrap(), handle).await;
        let id = item["creator"]["id"].as_str().unwrap().to_owned();
        let earlier = (Utc::now() - ChronoDuration::days(2)).to_rfc3339();
        let point = json!({"captured_at": earlier, "followers": 500, "following": 100, "likes": 1000, "videos": 30});
        expect_json(app.post(&user.token, &format!("/creators/{id}/metrics"), point).await, StatusCode::OK).await;
        ids.push(id);
    }
    let rules = json!({"milestones": [1000, 1_000_000]});
    expect_json(app.put(&user.token, "/workspace/alert-rules", rules).await, StatusCode::OK).await;
    ids
}

/// An SMTP server that takes every message and keeps its text.
struct SmtpSink {
    port: u16,
    messages: Arc<Mutex<Vec<String>>>,
}

impl SmtpSink {
    async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let messages = Arc::new(Mutex::new(Vec::new()));
        let kept = messages.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let kept = kept.clone();
                tokio::spawn(async move {
                    let (read, mut write) = socket.into_split();
                    let mut lines = BufReader::new(read).lines();
                    write.write_all(b"220 sink ESMTP\r\n").await.ok();
                    let mut data: Option<String> = None;
                    while let Ok(Some(line)) = lines.next_line().await {
                        if let Some(body) = data.as_mut() {
                            if line == "." {
                                kept.lock().unwrap().push(std::mem::take(body));
                                data = None;
                                write.write_all(b"250 kept\r\n").await.ok();
                            } else {
                                body.push_str(&line);
                                body.push('\n');
                            }
                            continue;
                        }
                        let verb = line.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" => b"250-sink\r\n250 8BITMIME\r\n",
                            "DATA" => {
                                data = Some(String::new());
                                b"354 go on\r\n"
                            }
                            "QUIT" => {
                                write.write_all(b"221 bye\r\n").await.ok();
                                break;
                            }
                            _ => b"250 ok\r\n",
                        };
                        write.write_all(reply).await.ok();
                    }
                });
            }
        });
        Self { port, messages }
    }

    /// The messages, with quoted-printable soft line breaks undone.
    fn messages(&self) -> Vec<String> {
        self.messages.lock().unwrap().iter().map(|m| m.replace("=\n", "")).collect()
    }
}

both_databases! {
    db:
    async fn three_workers_record_each_fact_once(db) {
        let source = Arc::new(FakeSource::new(Duration::from_millis(2)));
        let app = spawn_app_with_source(db, Some(source.clone())).await;
        let alice = app.new_user().await;
        let handles: Vec<String> = (0..24).map(|n| format!("viral.star{n:02}")).collect();
        let ids = watched(&app, &alice, &handles).await;

        let workers: Vec<_> = (0..3).map(|n| worker(&app, &source, &format!("w{n}"))).collect();
        let shutdown = CancellationToken::new();
        futures_util::future::join_all(workers.iter().map(|w| w.run_cycle(&shutdown))).await;
        // Everyone due again: the same facts are offered again, and none is told twice.
        for id in &ids {
            app.store.reschedule_creator(id.parse().unwrap(), Utc::now() - ChronoDuration::minutes(1)).await.unwrap();
        }
        futures_util::future::join_all(workers.iter().map(|w| w.run_cycle(&shutdown))).await;

        let all = events(&app, &alice, "?limit=100").await;
        for id in &ids {
            let about: Vec<&Value> = all.iter().filter(|e| e["subject"]["creator_id"] == id.as_str()).collect();
            let kinds: Vec<&str> = about.iter().map(|e| e["type"].as_str().unwrap()).collect();
            assert_eq!(kinds.iter().filter(|k| **k == "video.viral").count(), 1, "{id}: one viral video, once: {kinds:?}");
            assert_eq!(kinds.iter().filter(|k| **k == "creator.milestone").count(), 1, "{id}: 1K passed once: {kinds:?}");
        }
        let viral = of_type(&all, "video.viral")[0];
        assert!(viral["sentence"].as_str().unwrap().contains("went viral: 100K views"), "{viral}");
        assert_eq!(viral["source"], "tikapi");
        assert_eq!(viral["demo"], false);
        assert!(viral["subject"]["video_id"].as_str().unwrap().ends_with("-3"), "the breakout video: {viral}");
        assert!(viral["numbers"]["multiple"].as_f64().unwrap() >= 5.0, "the numbers behind it: {viral}");
        let milestone = of_type(&all, "creator.milestone")[0];
        assert_eq!(milestone["numbers"]["milestone"], 1000);
        assert!(milestone["sentence"].as_str().unwrap().contains("passed 1K followers"), "{milestone}");
    }
}

both_databases! {
    source: async fn unavailable_accounts_and_a_paused_source_are_told(app, source) {
        let alice = app.new_user().await;
        let ids = watched(&app, &alice, &["gone.away".to_owned(), "still.here".to_owned()]).await;
        source.script("gone.away", vec![SourceError::NotFound]);
        worker(&app, &source, "w").run_cycle(&CancellationToken::new()).await;
        let unavailable = of_type(&events(&app, &alice, "").await, "creator.unavailable").len();
        assert_eq!(unavailable, 1);
        let all = events(&app, &alice, "?type=creator.unavailable").await;
        assert_eq!(all[0]["subject"]["creator_id"], ids[0].as_str());
        assert_eq!(all[0]["sentence"], "@gone.away's account can no longer be found");

        let quota = Arc::new(FakeSource::failing(SourceError::QuotaExhausted { resets_at: Some(Utc::now() + ChronoDuration::hours(2)) }));
        app.store.reschedule_creator(ids[1].parse().unwrap(), Utc::now() - ChronoDuration::minutes(1)).await.unwrap();
        worker(&app, &quota, "paused").run_cycle(&CancellationToken::new()).await;
        let paused = events(&app, &alice, "?type=source.paused").await;
        assert_eq!(paused.len(), 1, "{paused:?}");
        assert!(paused[0]["sentence"].as_str().unwrap().starts_with("The tikapi data source is paused until"));
    }

    async fn rules_choose_what_is_recorded_and_refuse_what_is_wrong(app, source) {
        let alice = app.new_user().await;
        let defaults = expect_json(app.get(&alice.token, "/workspace/alert-rules").await, StatusCode::OK).await;
        assert_eq!(defaults["events"].as_array().unwrap().len(), 10);
        assert_eq!((defaults["dormant_days"].as_i64(), defaults["viral_min_views"].as_i64()), (Some(30), Some(10_000)));
        assert_eq!(defaults["milestones"][0], 10_000);

        let bad = json!({"dormant_days": 3, "events": ["video.viral", "video.viral"], "milestones": [0],
            "viral_multiple": 1.0, "list_ids": [uuid::Uuid::new_v4()]});
        let problem = expect_problem(app.put(&alice.token, "/workspace/alert-rules", bad).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let mut pointers: Vec<&str> = problem["errors"].as_array().unwrap().iter().map(|e| e["pointer"].as_str().unwrap()).collect();
        pointers.sort_unstable();
        assert_eq!(pointers, ["/dormant_days", "/events", "/list_ids/0", "/milestones", "/viral_multiple"], "{problem}");
        let unknown = json!({"list_ids": [uuid::Uuid::new_v4()]});
        expect_problem(app.put(&alice.token, "/workspace/alert-rules", unknown).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let unchanged = expect_json(app.get(&alice.token, "/workspace/alert-rules").await, StatusCode::OK).await;
        assert_eq!(unchanged, defaults, "a refused change changes nothing");

        // Only milestones: the viral video is not recorded.
        watched(&app, &alice, &["viral.only".to_owned()]).await;
        let only = json!({"events": ["creator.milestone"], "milestones": [1000]});
        expect_json(app.put(&alice.token, "/workspace/alert-rules", only).await, StatusCode::OK).await;
        worker(&app, &source, "w").run_cycle(&CancellationToken::new()).await;
        let kinds: Vec<String> = events(&app, &alice, "").await.iter().map(|e| e["type"].as_str().unwrap().to_owned()).collect();
        assert_eq!(kinds, ["creator.milestone"]);
    }
}

both_databases! {
    async fn the_inbox_counts_lists_and_marks_what_a_member_read(app) {
        let alice = app.new_user().await;
        let colleague = app.new_member(&alice, "viewer").await;
        for kind in ["creator.rising", "video.viral", "creator.milestone"] {
            app.record_event(&alice, kind, None).await;
        }
        let unread = |user: TestUser| {
            let app = &app;
            async move { expect_json(app.get(&user.token, "/inbox/unread-count").await, StatusCode::OK).await["unread"].as_i64().unwrap() }
        };
        assert_eq!(unread(alice.clone()).await, 3);

        let all = events(&app, &alice, "").await;
        assert_eq!(all.len(), 3);
        assert!(all.iter().all(|e| e["read"] == false && e["demo"] == true));
        let first = all[0]["id"].as_str().unwrap();
        let read = app.post(&alice.token, &format!("/events/{first}/read"), json!({})).await;
        assert_eq!(read.status(), StatusCode::NO_CONTENT);
        assert_eq!(unread(alice.clone()).await, 2);
        let theirs = app.send_in(reqwest::Method::GET, "/inbox/unread-count", &colleague.token, alice.workspace_id, None).await;
        assert_eq!(expect_json(theirs, StatusCode::OK).await["unread"], 3, "read marks are each member's own");
        let unread_only = events(&app, &alice, "?unread=true").await;
        assert_eq!(unread_only.len(), 2);
        assert!(unread_only.iter().all(|e| e["id"] != first));

        // Pages of one, newest first, without repeats.
        let page = expect_json(app.get(&alice.token, "/events?limit=2").await, StatusCode::OK).await;
        let cursor = page["next_cursor"].as_str().expect("a second page");
        let rest = expect_json(app.get(&alice.token, &format!("/events?limit=2&cursor={cursor}")).await, StatusCode::OK).await;
        let mut seen: Vec<&str> = page["items"].as_array().unwrap().iter().chain(rest["items"].as_array().unwrap()).map(|e| e["id"].as_str().unwrap()).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 3);
        assert_eq!(events(&app, &alice, "?type=video.viral").await.len(), 1);
        expect_problem(app.get(&alice.token, "/events?type=video.boring").await, StatusCode::BAD_REQUEST, "invalid_query").await;

        let all_read = app.post(&alice.token, "/inbox/read-all", json!({})).await;
        assert_eq!(all_read.status(), StatusCode::NO_CONTENT);
        assert_eq!(unread(alice.clone()).await, 0);
        app.record_event(&alice, "creator.dormant", None).await;
        assert_eq!(unread(alice.clone()).await, 1, "what comes after is unread again");

        // An API key reads events, without read marks.
        let (_, key) = app.new_api_key(&alice, &["alerts:read"]).await;
        let through_key = expect_json(app.get(&key, "/events").await, StatusCode::OK).await;
        assert!(through_key["items"].as_array().unwrap().iter().all(|e| e["read"].is_null()));
        expect_problem(app.get(&key, "/inbox/unread-count").await, StatusCode::FORBIDDEN, "api_key_not_allowed").await;
    }

    async fn campaign_creators_who_do_not_post_are_overdue_once(app) {
        let alice = app.new_user().await;
        let list = app.create_list(&alice, "Seeded").await;
        let item = app.add_item(&alice, list["id"].as_str().unwrap(), "slow.poster").await;
        let body = json!({"name": "Autumn", "starts_on": (Utc::now() - ChronoDuration::days(60)).date_naive(),
            "ends_on": (Utc::now() + ChronoDuration::days(30)).date_naive(), "overdue_days": 14,
            "product": {"name": "Shirt", "unit_cost": 10, "shipping_cost": 5, "retail_value": 40, "currency": "USD"}});
        let campaign = expect_json(app.post(&alice.token, "/campaigns", body).await, StatusCode::CREATED).await;
        let campaign = campaign["id"].as_str().unwrap();
        let added = app.post(&alice.token, &format!("/campaigns/{campaign}/creators"), json!({"creator_ids": [item["creator"]["id"]]})).await;
        let entry = expect_json(added, StatusCode::OK).await["items"][0]["id"].as_str().unwrap().to_owned();
        let shipped = json!({"shipped_on": (Utc::now() - ChronoDuration::days(20)).date_naive(), "units": 1});
        expect_json(app.put(&alice.token, &format!("/campaigns/{campaign}/creators/{entry}/shipment"), shipped).await, StatusCode::OK).await;

        assert_eq!(alerts::overdue_sweep(app.store.as_ref(), Utc::now()).await.unwrap(), 1);
        assert_eq!(alerts::overdue_sweep(app.store.as_ref(), Utc::now()).await.unwrap(), 0, "told once");
        let overdue = events(&app, &alice, "?type=campaign.overdue").await;
        assert_eq!(overdue[0]["subject"]["campaign_name"], "Autumn");
        assert_eq!(overdue[0]["sentence"], "@slow.poster has not posted for Autumn 20 days after shipping (the campaign allows 14)");
    }
}

both_databases! {
    db:
    async fn webhooks_are_signed_retried_logged_and_redelivered(db) {
        let app = spawn_app_with(db, private_allowed).await;
        let alice = app.new_user().await;
        let receiver = MockServer::start().await;
        Mock::given(method("POST")).and(path("/hook")).respond_with(ResponseTemplate::new(500)).up_to_n_times(1).mount(&receiver).await;
        Mock::given(method("POST")).and(path("/hook")).respond_with(ResponseTemplate::new(204)).mount(&receiver).await;
        let body = json!({"url": format!("{}/hook", receiver.uri()), "description": "CRM", "event_types": ["creator.milestone"]});
        let created = expect_json(app.post(&alice.token, "/webhooks", body).await, StatusCode::CREATED).await;
        let secret = created["secret"].as_str().unwrap().to_owned();
        assert!(secret.starts_with("whsec_"));
        let webhook = created["webhook"]["id"].as_str().unwrap().to_owned();
        let listed = expect_json(app.get(&alice.token, "/webhooks").await, StatusCode::OK).await;
        assert!(listed.to_string().find("whsec_").is_none(), "the secret is shown once only");

        app.record_event(&alice, "video.viral", None).await; // not subscribed
        let event = app.record_event(&alice, "creator.milestone", None).await;
        let dispatcher = dispatcher(&app);
        let first = dispatcher.run_once().await.unwrap();
        assert_eq!((first.delivered, first.failed), (0, 1), "the receiver fails the first time");
        let log = expect_json(app.get(&alice.token, &format!("/webhooks/{webhook}/deliveries")).await, StatusCode::OK).await;
        let delivery = &log["items"][0];
        assert_eq!((delivery["status"].as_str(), delivery["attempts"].as_i64(), delivery["response_status"].as_i64()), (Some("pending"), Some(1), Some(500)));
        assert_eq!(delivery["last_error"], "HTTP 500");
        assert_eq!(log["items"].as_array().unwrap().len(), 1, "only the subscribed type");

        // The first retry comes 5 seconds later.
        assert_eq!(dispatcher.run_once().await.unwrap().delivered, 0, "not due yet");
        tokio::time::sleep(Duration::from_millis(5_200)).await;
        assert_eq!(dispatcher.run_once().await.unwrap().delivered, 1);

        let received = receiver.received_requests().await.unwrap();
        assert_eq!(received.len(), 2);
        let header = |r: &wiremock::Request, name: &str| r.headers.get(name).unwrap().to_str().unwrap().to_owned();
        assert_eq!(header(&received[0], "webhook-id"), header(&received[1], "webhook-id"), "a retry keeps its message id");
        for request in &received {
            let timestamp: i64 = header(request, "webhook-timestamp").parse().unwrap();
            let expected = sign(&secret, &header(request, "webhook-id"), timestamp, &request.body).unwrap();
            assert_eq!(header(request, "webhook-signature"), expected, "signed with the secret shown at creation");
            let payload: Value = serde_json::from_slice(&request.body).unwrap();
            assert_eq!((payload["type"].as_str(), payload["data"]["id"].as_str()), (Some("creator.milestone"), Some(event.as_str())));
            assert!(payload["data"].get("read").is_none(), "a webhook carries no read marks");
        }
        let log = expect_json(app.get(&alice.token, &format!("/webhooks/{webhook}/deliveries")).await, StatusCode::OK).await;
        let delivery = log["items"][0].clone();
        assert_eq!((delivery["status"].as_str(), delivery["attempts"].as_i64(), delivery["response_status"].as_i64()), (Some("delivered"), Some(2), Some(204)));

        // Sent again by hand.
        let id = delivery["id"].as_str().unwrap();
        let again = app.post(&alice.token, &format!("/webhooks/{webhook}/deliveries/{id}/redeliver"), json!({})).await;
        assert_eq!(expect_json(again, StatusCode::ACCEPTED).await["status"], "pending");
        assert_eq!(dispatcher.run_once().await.unwrap().delivered, 1);
        assert_eq!(receiver.received_requests().await.unwrap().len(), 3);

        // Rotating the secret shows the new one, once; deliveries are signed with it.
        let rotated = expect_json(app.patch(&alice.token, &format!("/webhooks/{webhook}"), json!({"rotate_secret": true})).await, StatusCode::OK).await;
        let new_secret = rotated["secret"].as_str().unwrap();
        assert_ne!(new_secret, secret);
        app.record_event(&alice, "creator.milestone", None).await;
        dispatcher.run_once().await.unwrap();
        let last = receiver.received_requests().await.unwrap().pop().unwrap();
        let timestamp: i64 = header(&last, "webhook-timestamp").parse().unwrap();
        assert_eq!(header(&last, "webhook-signature"), sign(new_secret, &header(&last, "webhook-id"), timestamp, &last.body).unwrap());
    }

    async fn an_endpoint_failing_for_days_is_turned_off_and_the_owner_told(db) {
        let app = spawn_app_with(db, private_allowed).await;
        let alice = app.new_user().await;
        let receiver = MockServer::start().await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(503)).mount(&receiver).await;
        let body = json!({"url": receiver.uri(), "event_types": ["creator.rising"]});
        let created = expect_json(app.post(&alice.token, "/webhooks", body).await, StatusCode::CREATED).await;
        let webhook = created["webhook"]["id"].as_str().unwrap().to_owned();
        app.record_event(&alice, "creator.rising", None).await;
        // Its first failure was four days ago.
        let delivery = app.store.webhook_deliveries(alice.workspace_id, webhook.parse().unwrap(), None, 1).await.unwrap()[0].id;
        let long_ago = Utc::now() - ChronoDuration::days(4);
        app.store.record_delivery(&DeliveryAttempt {
            delivery_id: delivery, endpoint_id: webhook.parse().unwrap(), at: long_ago,
            response_status: Some(503), error: Some("HTTP 503".into()), retry_at: Some(long_ago),
        }).await.unwrap();

        dispatcher(&app).run_once().await.unwrap();

        let endpoint = expect_json(app.get(&alice.token, &format!("/webhooks/{webhook}")).await, StatusCode::OK).await;
        assert_eq!(endpoint["enabled"], false);
        assert!(endpoint["disabled_reason"].as_str().unwrap().starts_with("every delivery has failed since"), "{endpoint}");
        let told = events(&app, &alice, "?type=webhook.disabled").await;
        assert_eq!(told.len(), 1, "the owner's inbox says so");
        // Turned on again, it starts afresh.
        let on = expect_json(app.patch(&alice.token, &format!("/webhooks/{webhook}"), json!({"enabled": true})).await, StatusCode::OK).await;
        assert_eq!((on["webhook"]["enabled"].as_bool(), on["webhook"]["failing_since"].as_str()), (Some(true), None));
        assert!(on["secret"].is_null(), "no new secret unless asked");
    }

    async fn webhooks_never_reach_this_machine_or_its_networks(db) {
        // A canary on loopback counts every connection.
        let canary = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = canary.local_addr().unwrap().port();
        let connections = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = connections.clone();
        tokio::spawn(async move {
            while canary.accept().await.is_ok() {
                counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            }
        });
        let app = spawn_app(db).await;
        let alice = app.new_user().await;
        for url in [
            format!("http://127.0.0.1:{port}/"),
            format!("https://127.0.0.1:{port}/"),
            format!("https://[::1]:{port}/"),
            format!("https://2130706433:{port}/"),
            format!("https://0x7f000001:{port}/"),
            format!("https://localhost:{port}/"),
            "https://169.254.169.254/latest/meta-data/".to_owned(),
            "https://10.1.2.3/hook".to_owned(),
            "file:///etc/passwd".to_owned(),
        ] {
            let body = json!({"url": url, "event_types": ["video.viral"]});
            let problem = expect_problem(app.post(&alice.token, "/webhooks", body).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
            assert_eq!(problem["errors"][0]["pointer"], "/url", "{url}: {problem}");
        }
        let hooks = expect_json(app.get(&alice.token, "/webhooks").await, StatusCode::OK).await;
        assert_eq!(hooks["items"], json!([]), "nothing was made");

        // Even where private addresses are allowed, a redirect is not followed.
        let open = spawn_app_with(db, private_allowed).await;
        let bob = open.new_user().await;
        let redirector = MockServer::start().await;
        Mock::given(method("POST")).respond_with(ResponseTemplate::new(302).insert_header("location", format!("http://127.0.0.1:{port}/"))).mount(&redirector).await;
        let body = json!({"url": redirector.uri(), "event_types": ["video.viral"]});
        let created = expect_json(open.post(&bob.token, "/webhooks", body).await, StatusCode::CREATED).await;
        open.record_event(&bob, "video.viral", None).await;
        dispatcher(&open).run_once().await.unwrap();
        let log = expect_json(open.get(&bob.token, &format!("/webhooks/{}/deliveries", created["webhook"]["id"].as_str().unwrap())).await, StatusCode::OK).await;
        assert_eq!(log["items"][0]["last_error"], "HTTP 302: redirects are not followed");
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(connections.load(std::sync::atomic::Ordering::SeqCst), 0, "the canary was never reached");
    }

    async fn the_digest_and_invitations_are_emailed(db) {
        let sink = SmtpSink::start().await;
        let url = SecretString::from(format!("smtp://127.0.0.1:{}", sink.port));
        let mailer = Mailer::new(&url, "zzyzx <alerts@zzyzx.test>", "https://zzyzx.example.com").unwrap();
        let for_app = mailer.clone();
        let app = spawn_app_with(db, move |state| state.mailer = Some(for_app)).await;
        let alice = app.new_user().await;
        let digest_settings = expect_json(app.get(&alice.token, "/workspace/digest").await, StatusCode::OK).await;
        assert_eq!(digest_settings, json!({"frequency": "off", "email_configured": true}));
        expect_json(app.put(&alice.token, "/workspace/digest", json!({"frequency": "daily"})).await, StatusCode::OK).await;
        expect_problem(app.put(&alice.token, "/workspace/digest", json!({"frequency": "hourly"})).await, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let rising = app.record_event(&alice, "creator.rising", None).await;
        app.record_event(&alice, "video.viral", None).await;

        let now = Utc::now();
        assert_eq!(digest::send_due(app.store.as_ref(), &mailer, now).await.unwrap(), 0, "not a day yet");
        let tomorrow = now + ChronoDuration::days(1) + ChronoDuration::minutes(1);
        assert_eq!(digest::send_due(app.store.as_ref(), &mailer, tomorrow).await.unwrap(), 1);
        assert_eq!(digest::send_due(app.store.as_ref(), &mailer, tomorrow).await.unwrap(), 0, "one per day");
        let messages = sink.messages();
        assert_eq!(messages.len(), 1);
        let message = &messages[0];
        assert!(message.contains(&format!("To: {}", alice.email)), "{message}");
        assert!(message.contains("Subject: zzyzx daily digest"), "{message}");
        assert!(message.contains("text/plain") && message.contains("text/html"), "plain text and HTML: {message}");
        assert!(message.contains("New rising creators (1)") && message.contains("Viral videos (1)"), "{message}");
        assert!(message.contains("[demo data]"), "demo events say so: {message}");
        let events = app.store.events(alice.workspace_id, None, &EventFilter::default(), None, 10).await.unwrap();
        assert!(events.iter().any(|e| e.id.to_string() == rising));

        // Invitations go out by e-mail too.
        let invited = app.post(&alice.token, "/workspace/invitations", json!({"email": "sam@example.com", "role": "editor"})).await;
        let invited = expect_json(invited, StatusCode::CREATED).await;
        assert_eq!(invited["emailed"], true);
        let messages = sink.messages();
        let invitation = messages.last().unwrap();
        assert!(invitation.contains("To: sam@example.com") && invitation.contains("as editor"), "{invitation}");
        let token = invited["token"].as_str().unwrap();
        assert!(invitation.contains(&format!("https://zzyzx.example.com/invite#{token}")), "{invitation}");
    }
}
