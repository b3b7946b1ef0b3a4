//! The authorization matrix (OWASP's "feature × role" table, security.md §2): every documented
//! operation, called by a non-member, a viewer, an editor and an owner of the workspace, and by
//! API keys with and without the operation's scope. A test fails when an operation is missing
//! from the table, so a new endpoint cannot ship unclassified.

use crate::fake_source::FakeSource;
use crate::helpers::*;
use chrono::Utc;
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;
use uuid::Uuid;
use zzyzx::auth::throttle::AddressLimiter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// No credentials (tested in their own suites).
    Public,
    /// Any member, with their own token.
    Member,
    /// Anyone logged in, member of this workspace or not (joining one).
    Person,
    Read(&'static str),
    Write(&'static str),
    /// Owners, with their own token.
    Manage,
    /// Owners, with their own token or a key with the scope (which acts at most as an editor).
    Delete(&'static str),
}

#[derive(Clone)]
enum Body {
    None,
    Json(Value),
    Csv(String),
}

/// What a case's placeholders are filled with: fresh objects of the owner's workspace.
struct Fixture {
    list: String,
    item: String,
    creator: String,
    handle: String,
    version: i64,
    job: String,
    member: String,
    invitation: String,
    key: String,
    link: String,
    /// An invitation for the viewer into the outsider's workspace.
    viewer_invitation: String,
    campaign: String,
    /// The creator's entry in the campaign.
    entry: String,
    post: String,
    order: String,
    campaign_link: String,
    event: String,
    webhook: String,
    delivery: String,
}

struct Case {
    method: Method,
    template: &'static str,
    query: &'static str,
    need: Need,
    body: fn(&Fixture) -> Body,
}

fn unique(prefix: &str) -> String {
    format!("{prefix}{}", &Uuid::new_v4().simple().to_string()[..10])
}

fn point() -> Value {
    json!({"captured_at": "2026-01-01T00:00:00Z", "followers": 10, "following": 1, "likes": 1, "videos": 1})
}

fn campaign_body() -> Value {
    json!({
        "name": unique("campaign "),
        "starts_on": "2026-01-01",
        "ends_on": "2026-12-31",
        "product": {"name": "Linen shirt", "unit_cost": 18.0, "shipping_cost": 6.0, "retail_value": 60.0, "currency": "USD"},
        "rules": {"hashtags": ["sunnyco"]}
    })
}

/// A TikTok video URL of the creator, with an id no one has used.
fn video_url(handle: &str) -> String {
    format!("https://www.tiktok.com/@{handle}/video/7{}", Uuid::new_v4().as_u128() % 10u128.pow(18))
}

fn cases() -> Vec<Case> {
    use Need::*;
    let none = |_: &Fixture| Body::None;
    let case =
        |method: Method, template, need, body: fn(&Fixture) -> Body| Case { method, template, query: "", need, body };
    vec![
        case(Method::POST, "/auth/register", Public, none),
        case(Method::POST, "/auth/login", Public, none),
        case(Method::POST, "/auth/refresh", Public, none),
        case(Method::GET, "/health", Public, none),
        case(Method::GET, "/health/ready", Public, none),
        case(Method::POST, "/invitations/preview", Public, none),
        case(Method::GET, "/shared/dashboard", Public, none),
        case(Method::GET, "/auth/me", Member, none),
        Case {
            method: Method::GET,
            template: "/creators/search",
            query: "?q=ma",
            need: Read("creators:read"),
            body: none,
        },
        case(Method::GET, "/lists", Read("lists:read"), none),
        case(Method::POST, "/lists", Write("lists:write"), |_| Body::Json(json!({"name": unique("list ")}))),
        case(Method::GET, "/lists/{list_id}", Read("lists:read"), none),
        case(Method::PATCH, "/lists/{list_id}", Write("lists:write"), |_| {
            Body::Json(json!({"name": unique("renamed ")}))
        }),
        case(Method::DELETE, "/lists/{list_id}", Write("lists:write"), none),
        case(Method::GET, "/lists/{list_id}/items", Read("lists:read"), none),
        case(Method::POST, "/lists/{list_id}/items", Write("lists:write"), |_| {
            Body::Json(json!({"handle": unique("added.")}))
        }),
        case(Method::PATCH, "/lists/{list_id}/items/{item_id}", Write("lists:write"), |_| {
            Body::Json(json!({"note": "noted"}))
        }),
        case(Method::DELETE, "/lists/{list_id}/items/{item_id}", Write("lists:write"), none),
        case(Method::POST, "/lists/{list_id}/items/{item_id}/move", Write("lists:write"), |f| {
            Body::Json(json!({"version": f.version, "position": 0}))
        }),
        case(Method::PUT, "/lists/{list_id}/order", Write("lists:write"), |f| {
            Body::Json(json!({"version": f.version, "item_ids": [f.item]}))
        }),
        case(Method::GET, "/lists/{list_id}/dashboard", Read("lists:read"), none),
        case(Method::GET, "/lists/{list_id}/dashboard.csv", Read("lists:read"), none),
        case(Method::GET, "/lists/{list_id}/share-links", Manage, none),
        case(Method::POST, "/lists/{list_id}/share-links", Manage, |_| Body::Json(json!({}))),
        case(Method::DELETE, "/lists/{list_id}/share-links/{link_id}", Manage, none),
        case(Method::GET, "/shared/campaign", Public, none),
        case(Method::GET, "/campaigns", Read("campaigns:read"), none),
        case(Method::POST, "/campaigns", Write("campaigns:write"), |_| Body::Json(campaign_body())),
        case(Method::GET, "/campaigns/{campaign_id}", Read("campaigns:read"), none),
        case(Method::PATCH, "/campaigns/{campaign_id}", Write("campaigns:write"), |_| {
            Body::Json(json!({"name": unique("renamed ")}))
        }),
        case(Method::DELETE, "/campaigns/{campaign_id}", Delete("campaigns:write"), none),
        case(Method::GET, "/campaigns/{campaign_id}/creators", Read("campaigns:read"), none),
        case(Method::POST, "/campaigns/{campaign_id}/creators", Write("campaigns:write"), |_| {
            Body::Json(json!({"handles": [unique("joined.")]}))
        }),
        case(Method::PATCH, "/campaigns/{campaign_id}/creators/{entry_id}", Write("campaigns:write"), |_| {
            Body::Json(json!({"contact": "hello@example.com"}))
        }),
        case(Method::PUT, "/campaigns/{campaign_id}/creators/{entry_id}/stage", Write("campaigns:write"), |_| {
            Body::Json(json!({"stage": "contacted"}))
        }),
        case(Method::PUT, "/campaigns/{campaign_id}/creators/{entry_id}/shipment", Write("campaigns:write"), |_| {
            Body::Json(json!({"shipped_on": "2026-06-01", "units": 1}))
        }),
        case(Method::DELETE, "/campaigns/{campaign_id}/creators/{entry_id}", Write("campaigns:write"), none),
        case(Method::GET, "/campaigns/{campaign_id}/posts", Read("campaigns:read"), none),
        case(Method::POST, "/campaigns/{campaign_id}/posts", Write("campaigns:write"), |f| {
            Body::Json(json!({"video_url": video_url(&f.handle)}))
        }),
        case(Method::POST, "/campaigns/{campaign_id}/posts/{post_id}/dismiss", Write("campaigns:write"), none),
        case(Method::GET, "/campaigns/{campaign_id}/posts/{post_id}/curve", Read("campaigns:read"), none),
        case(Method::GET, "/campaigns/{campaign_id}/orders", Read("campaigns:read"), none),
        case(Method::POST, "/campaigns/{campaign_id}/orders", Write("campaigns:write"), |f| {
            Body::Json(json!({"order_id": unique("#"), "ordered_at": "2026-06-02", "entry_id": f.entry,
                "amount": 49.5, "currency": "USD"}))
        }),
        case(Method::POST, "/campaigns/{campaign_id}/orders/import", Write("campaigns:write"), |f| {
            Body::Csv(format!(
                "date,order_id,code,utm,amount,currency\n2026-06-02,{},,{},20,USD\n",
                unique("#"),
                f.handle
            ))
        }),
        case(Method::DELETE, "/campaigns/{campaign_id}/orders/{order_id}", Write("campaigns:write"), none),
        case(Method::GET, "/campaigns/{campaign_id}/report", Read("campaigns:read"), none),
        case(Method::GET, "/campaigns/{campaign_id}/report.csv", Read("campaigns:read"), none),
        case(Method::GET, "/campaigns/{campaign_id}/share-links", Manage, none),
        case(Method::POST, "/campaigns/{campaign_id}/share-links", Manage, |_| Body::Json(json!({}))),
        case(Method::DELETE, "/campaigns/{campaign_id}/share-links/{link_id}", Manage, none),
        case(Method::GET, "/creators/{creator_id}", Read("creators:read"), none),
        case(Method::POST, "/creators/{creator_id}/metrics", Write("creators:write"), |_| Body::Json(point())),
        case(Method::POST, "/creators/{creator_id}/metrics/batch", Write("creators:write"), |_| {
            Body::Json(json!({"points": [point()]}))
        }),
        case(Method::GET, "/creators/{creator_id}/metrics", Read("creators:read"), none),
        case(Method::GET, "/creators/{creator_id}/metrics.csv", Read("creators:read"), none),
        case(Method::POST, "/creators/{creator_id}/refresh", Write("creators:write"), none),
        case(Method::GET, "/creators/{creator_id}/videos", Read("creators:read"), none),
        case(Method::GET, "/creators/{creator_id}/top-video", Read("creators:read"), none),
        case(Method::GET, "/creators/{creator_id}/analytics", Read("creators:read"), none),
        case(Method::GET, "/creators/{creator_id}/audience", Read("creators:read"), none),
        case(Method::POST, "/creators/{creator_id}/audience", Write("creators:write"), |_| {
            Body::Json(json!({"captured_at": "2026-01-01T00:00:00Z", "countries": {"US": 0.5}}))
        }),
        case(Method::GET, "/connections", Read("creators:read"), none),
        case(Method::GET, "/creators/{creator_id}/connection", Read("creators:read"), none),
        case(Method::POST, "/creators/{creator_id}/connection", Write("creators:write"), none),
        case(Method::DELETE, "/creators/{creator_id}/connection", Write("creators:write"), none),
        case(Method::DELETE, "/creators/{creator_id}/connection/business", Write("creators:write"), none),
        case(Method::POST, "/connect/preview", Public, none),
        case(Method::POST, "/connect/authorize", Public, none),
        case(Method::POST, "/connect/disconnect", Public, none),
        case(Method::GET, "/connect/callback", Public, none),
        case(Method::POST, "/connect/business/authorize", Public, none),
        case(Method::POST, "/connect/business/disconnect", Public, none),
        case(Method::GET, "/connect/business/callback", Public, none),
        case(Method::POST, "/imports/metrics", Write("creators:write"), |_| {
            Body::Csv("handle,captured_at,followers,following,likes,videos\nmatrix.import,2026-01-01,1,1,1,1\n".into())
        }),
        case(Method::POST, "/imports/audience", Write("creators:write"), |f| {
            Body::Csv(format!(
                "handle,captured_at,sample_size,dimension,key,share\n{},2026-01-01,100,country,US,0.7\n",
                f.handle
            ))
        }),
        case(Method::GET, "/jobs/{job_id}", Read("creators:read"), none),
        case(Method::GET, "/hashtags/{tag}/videos", Read("creators:read"), none),
        case(Method::GET, "/discover/rising", Read("creators:read"), none),
        case(Method::GET, "/sources/status", Read("creators:read"), none),
        case(Method::GET, "/workspace/analytics-settings", Read("creators:read"), none),
        case(Method::PUT, "/workspace/analytics-settings", Manage, |_| Body::Json(json!({"viral_multiple": 4.0}))),
        case(Method::GET, "/workspace/target-audience", Read("creators:read"), none),
        case(Method::PUT, "/workspace/target-audience", Manage, |_| Body::Json(json!({"countries": ["US"]}))),
        case(Method::GET, "/workspace", Member, none),
        case(Method::PATCH, "/workspace", Manage, |_| Body::Json(json!({"name": unique("Team ")}))),
        case(Method::GET, "/workspace/members", Member, none),
        case(Method::PATCH, "/workspace/members/{user_id}", Manage, |_| Body::Json(json!({"role": "editor"}))),
        case(Method::DELETE, "/workspace/members/{user_id}", Manage, none),
        case(Method::GET, "/workspace/invitations", Manage, none),
        case(Method::POST, "/workspace/invitations", Manage, |_| {
            Body::Json(json!({"email": format!("{}@example.com", unique("invitee-")), "role": "viewer"}))
        }),
        case(Method::DELETE, "/workspace/invitations/{invitation_id}", Manage, none),
        case(Method::POST, "/invitations/accept", Person, |f| Body::Json(json!({"token": f.viewer_invitation}))),
        case(Method::GET, "/api-keys", Manage, none),
        case(Method::POST, "/api-keys", Manage, |_| Body::Json(json!({"name": "matrix", "scopes": ["lists:read"]}))),
        case(Method::DELETE, "/api-keys/{key_id}", Manage, none),
        case(Method::GET, "/events", Read("alerts:read"), none),
        case(Method::GET, "/inbox/unread-count", Member, none),
        case(Method::POST, "/inbox/read-all", Member, none),
        case(Method::GET, "/events/{event_id}", Read("alerts:read"), none),
        case(Method::POST, "/events/{event_id}/read", Member, none),
        case(Method::GET, "/workspace/alert-rules", Read("alerts:read"), none),
        case(Method::PUT, "/workspace/alert-rules", Write("alerts:write"), |_| Body::Json(json!({"dormant_days": 45}))),
        case(Method::GET, "/workspace/digest", Member, none),
        case(Method::PUT, "/workspace/digest", Member, |_| Body::Json(json!({"frequency": "weekly"}))),
        case(Method::GET, "/webhooks", Manage, none),
        case(Method::POST, "/webhooks", Manage, |_| {
            Body::Json(json!({"url": "http://127.0.0.1:9/matrix", "event_types": ["video.viral"]}))
        }),
        case(Method::GET, "/webhooks/{webhook_id}", Manage, none),
        case(Method::PATCH, "/webhooks/{webhook_id}", Manage, |_| Body::Json(json!({"description": "renamed"}))),
        case(Method::DELETE, "/webhooks/{webhook_id}", Manage, none),
        case(Method::GET, "/webhooks/{webhook_id}/deliveries", Manage, none),
        case(Method::POST, "/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver", Manage, none),
        // Last: these end the viewer's session (the test logs in again after each).
        case(Method::POST, "/auth/password", Member, |_| {
            Body::Json(json!({"current_password": PASSWORD, "new_password": PASSWORD}))
        }),
        case(Method::POST, "/auth/logout", Member, none),
    ]
}

struct Matrix {
    app: TestApp,
    owner: TestUser,
    editor: TestUser,
    viewer: TestUser,
    outsider: TestUser,
    /// Per scope: a key with only that scope, and one with every other scope.
    keys: Vec<(&'static str, String, String)>,
    all_scopes: String,
    /// What went other than expected, case by case.
    failures: std::cell::RefCell<Vec<String>>,
}

const SCOPES: [&str; 8] = [
    "lists:read",
    "lists:write",
    "creators:read",
    "creators:write",
    "campaigns:read",
    "campaigns:write",
    "alerts:read",
    "alerts:write",
];

impl Matrix {
    async fn new(db: Db) -> Self {
        let source: Arc<dyn zzyzx_sources::Source> = Arc::new(FakeSource::new(Duration::ZERO));
        // The fixtures register a member each; lift the per-address registration limit.
        let app = spawn_app_with(db, |state| {
            state.source = Some(source);
            state.auth_attempts = AddressLimiter::per_minute(100_000);
            // The webhook cases register a receiver on this machine.
            state.webhook_policy = zzyzx::services::webhooks::UrlPolicy { allow_private: true };
            // Connect links can be made (TikTok itself is never called by these cases).
            state.connect = zzyzx::services::connections::ConnectSetup::On(test_connector("http://127.0.0.1:9"));
        })
        .await;
        let owner = app.new_user().await;
        let editor = app.new_member(&owner, "editor").await;
        let viewer = app.new_member(&owner, "viewer").await;
        let outsider = app.new_user().await;
        let mut keys = Vec::new();
        for scope in SCOPES {
            let others: Vec<&str> = SCOPES.into_iter().filter(|s| *s != scope).collect();
            keys.push((scope, app.new_api_key(&owner, &[scope]).await.1, app.new_api_key(&owner, &others).await.1));
        }
        let all_scopes = app.new_api_key(&owner, &SCOPES).await.1;
        Self { app, owner, editor, viewer, outsider, keys, all_scopes, failures: Default::default() }
    }

    async fn fixture(&self) -> Fixture {
        let (app, owner) = (&self.app, &self.owner);
        let list = app.create_list(owner, &unique("fixture ")).await;
        let list = list["id"].as_str().unwrap().to_owned();
        let handle = unique("matrix.");
        let item = app.add_item(owner, &list, &handle).await;
        let creator = item["creator"]["id"].as_str().unwrap().to_owned();
        expect_json(
            app.post(&owner.token, &format!("/creators/{creator}/connection"), json!({})).await,
            StatusCode::CREATED,
        )
        .await;
        let version =
            expect_json(app.get(&owner.token, &format!("/lists/{list}")).await, StatusCode::OK).await["version"]
                .as_i64()
                .unwrap();
        let job = Uuid::new_v4();
        app.store.request_refresh(owner.workspace_id, creator.parse().unwrap(), job, Utc::now()).await.unwrap();
        let member = app.new_member(owner, "viewer").await;
        let member = app.user_id(&member).await;
        let invitee = format!("{}@example.com", unique("pending-"));
        app.invite(owner, &invitee, "viewer").await;
        let pending = expect_json(app.get(&owner.token, "/workspace/invitations").await, StatusCode::OK).await;
        let invitation = pending["items"].as_array().unwrap().iter().find(|i| i["email"] == invitee).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned();
        let (key, _) = app.new_api_key(owner, &["lists:read"]).await;
        let link = expect_json(
            app.post(&owner.token, &format!("/lists/{list}/share-links"), json!({})).await,
            StatusCode::CREATED,
        )
        .await["link"]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        // Once the viewer has joined the outsider's workspace (the accept case), no new invitation.
        let body = json!({"email": self.viewer.email, "role": "viewer"});
        let invited = app.post(&self.outsider.token, "/workspace/invitations", body).await;
        let viewer_invitation = match invited.status() {
            StatusCode::CONFLICT => String::new(),
            _ => expect_json(invited, StatusCode::CREATED).await["token"].as_str().unwrap().to_owned(),
        };
        let campaign =
            expect_json(app.post(&owner.token, "/campaigns", campaign_body()).await, StatusCode::CREATED).await;
        let campaign = campaign["id"].as_str().unwrap().to_owned();
        let added =
            app.post(&owner.token, &format!("/campaigns/{campaign}/creators"), json!({"creator_ids": [creator]})).await;
        let entry = expect_json(added, StatusCode::OK).await["items"][0]["id"].as_str().unwrap().to_owned();
        let attached = app
            .post(&owner.token, &format!("/campaigns/{campaign}/posts"), json!({"video_url": video_url(&handle)}))
            .await;
        let post = expect_json(attached, StatusCode::CREATED).await["id"].as_str().unwrap().to_owned();
        let order = json!({"order_id": unique("#"), "ordered_at": "2026-06-02", "entry_id": entry, "amount": 30, "currency": "USD"});
        let order = app.post(&owner.token, &format!("/campaigns/{campaign}/orders"), order).await;
        let order = expect_json(order, StatusCode::CREATED).await["id"].as_str().unwrap().to_owned();
        let campaign_link = app.post(&owner.token, &format!("/campaigns/{campaign}/share-links"), json!({})).await;
        let campaign_link =
            expect_json(campaign_link, StatusCode::CREATED).await["link"]["id"].as_str().unwrap().to_owned();
        // A workspace has at most 20 endpoints: one at a time here.
        for endpoint in app.store.webhooks(owner.workspace_id).await.unwrap() {
            app.store.delete_webhook(owner.workspace_id, endpoint.id).await.unwrap();
        }
        let webhook = app.store_webhook(owner, "http://127.0.0.1:9/fixture").await;
        let event = app.record_event(owner, "creator.milestone", Some(&creator)).await;
        let delivery =
            app.store.webhook_deliveries(owner.workspace_id, webhook.parse().unwrap(), None, 1).await.unwrap()[0].id;
        Fixture {
            event,
            webhook,
            delivery: delivery.to_string(),
            campaign,
            entry,
            post,
            order,
            campaign_link,
            list,
            item: item["id"].as_str().unwrap().to_owned(),
            creator,
            handle,
            version,
            job: job.to_string(),
            member,
            invitation,
            key,
            link,
            viewer_invitation,
        }
    }

    fn path(case: &Case, f: &Fixture) -> String {
        let link = if case.template.starts_with("/campaigns") { &f.campaign_link } else { &f.link };
        let path = case
            .template
            .replace("{campaign_id}", &f.campaign)
            .replace("{entry_id}", &f.entry)
            .replace("{post_id}", &f.post)
            .replace("{order_id}", &f.order)
            .replace("{list_id}", &f.list)
            .replace("{item_id}", &f.item)
            .replace("{creator_id}", &f.creator)
            .replace("{job_id}", &f.job)
            .replace("{user_id}", &f.member)
            .replace("{invitation_id}", &f.invitation)
            .replace("{event_id}", &f.event)
            .replace("{webhook_id}", &f.webhook)
            .replace("{delivery_id}", &f.delivery)
            .replace("{key_id}", &f.key)
            .replace("{link_id}", link)
            .replace("{tag}", "gymtok");
        format!("{path}{}", case.query)
    }

    async fn call(&self, case: &Case, fixture: &Fixture, token: &str) -> Response {
        let mut request = self
            .app
            .client
            .request(case.method.clone(), self.app.url(&Self::path(case, fixture)))
            .bearer_auth(token)
            .header("X-Workspace-Id", self.owner.workspace_id.to_string());
        request = match (case.body)(fixture) {
            Body::None => request,
            Body::Json(body) => request.json(&body),
            Body::Csv(body) => request.header("content-type", "text/csv").body(body),
        };
        request.send().await.expect("the request reaches the server")
    }

    async fn expect(
        &self,
        case: &Case,
        fixture: &Fixture,
        who: &str,
        token: &str,
        status: StatusCode,
        code: Option<&str>,
    ) {
        let response = self.call(case, fixture, token).await;
        let actual = response.status();
        let body = response.text().await.unwrap_or_default();
        let label = format!("{} {} as {who}", case.method, case.template);
        let failure = match code {
            Some(code) => {
                let problem: Value = serde_json::from_str(&body).unwrap_or_default();
                (actual != status || problem["code"] != code)
                    .then(|| format!("{label}: expected {status} {code}, got {actual}: {body}"))
            }
            None => (!actual.is_success()).then(|| format!("{label}: expected success, got {actual}: {body}")),
        };
        // Every failing case is reported at the end, not just the first.
        self.failures.borrow_mut().extend(failure);
    }

    async fn check(&mut self, case: &Case) {
        let lowest = match case.need {
            Need::Public => return,
            Need::Person | Need::Member | Need::Read(_) => "viewer",
            Need::Write(_) => "editor",
            Need::Manage | Need::Delete(_) => "owner",
        };
        let fixture = self.fixture().await;
        // Joining a workspace is for anyone logged in; everything else hides the workspace.
        if case.need != Need::Person {
            self.expect(case, &fixture, "a non-member", &self.outsider.token, StatusCode::NOT_FOUND, Some("not_found"))
                .await;
        }
        let below: Vec<(&str, &str)> = match lowest {
            "editor" => vec![("viewer", &self.viewer.token)],
            "owner" => vec![("viewer", &self.viewer.token), ("editor", &self.editor.token)],
            _ => vec![],
        };
        for (who, token) in below {
            self.expect(case, &fixture, who, token, StatusCode::FORBIDDEN, Some("forbidden")).await;
        }
        match case.need {
            Need::Delete(scope) => {
                let (_, with, without) = self.keys.iter().find(|(s, ..)| *s == scope).unwrap();
                self.expect(
                    case,
                    &fixture,
                    "a key without the scope",
                    without,
                    StatusCode::FORBIDDEN,
                    Some("insufficient_scope"),
                )
                .await;
                // A key acts at most as an editor.
                self.expect(case, &fixture, "a key with the scope", with, StatusCode::FORBIDDEN, Some("forbidden"))
                    .await;
            }
            Need::Read(scope) | Need::Write(scope) => {
                let (_, with, without) = self.keys.iter().find(|(s, ..)| *s == scope).unwrap();
                self.expect(
                    case,
                    &fixture,
                    "a key without the scope",
                    without,
                    StatusCode::FORBIDDEN,
                    Some("insufficient_scope"),
                )
                .await;
                self.expect(case, &fixture, "a key with the scope", with, StatusCode::OK, None).await;
            }
            _ => {
                self.expect(
                    case,
                    &fixture,
                    "an API key",
                    &self.all_scopes,
                    StatusCode::FORBIDDEN,
                    Some("api_key_not_allowed"),
                )
                .await;
            }
        }
        // The lowest allowed role succeeds, on fresh objects where a key already changed them.
        let fixture = if matches!(case.need, Need::Write(_)) { self.fixture().await } else { fixture };
        let token = match lowest {
            "viewer" => self.viewer.token.clone(),
            "editor" => self.editor.token.clone(),
            _ => self.owner.token.clone(),
        };
        self.expect(case, &fixture, lowest, &token, StatusCode::OK, None).await;
        if matches!(case.template, "/auth/password" | "/auth/logout") {
            let session =
                expect_json(self.app.login_response(&self.viewer.email, PASSWORD).await, StatusCode::OK).await;
            self.viewer.token = session["access_token"].as_str().unwrap().to_owned();
        }
    }
}

fn documented_operations() -> BTreeSet<(String, String)> {
    let document = zzyzx::http::openapi();
    let mut operations = BTreeSet::new();
    for (path, item) in &document.paths.paths {
        let path = path.strip_prefix("/api/v1").unwrap_or(path).to_owned();
        for (present, method) in [
            (item.get.is_some(), "GET"),
            (item.post.is_some(), "POST"),
            (item.put.is_some(), "PUT"),
            (item.patch.is_some(), "PATCH"),
            (item.delete.is_some(), "DELETE"),
        ] {
            if present {
                operations.insert((method.to_owned(), path.clone()));
            }
        }
    }
    operations
}

#[test]
fn the_matrix_covers_every_documented_operation() {
    let covered: BTreeSet<(String, String)> =
        cases().iter().map(|c| (c.method.to_string(), c.template.to_owned())).collect();
    let documented = documented_operations();
    let missing: Vec<_> = documented.difference(&covered).collect();
    let stale: Vec<_> = covered.difference(&documented).collect();
    assert!(missing.is_empty() && stale.is_empty(), "unclassified: {missing:?}; not documented: {stale:?}");
}

async fn run_matrix(db: Db) {
    let mut matrix = Matrix::new(db).await;
    let cases = cases();
    for case in &cases {
        matrix.check(case).await;
    }
    let failures = matrix.failures.into_inner();
    assert!(
        failures.is_empty(),
        "{} of the role matrix's checks over {} operations failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn every_operation_by_every_role_and_key_sqlite() {
    run_matrix(Db::Sqlite).await;
}

#[tokio::test]
async fn every_operation_by_every_role_and_key_postgres() {
    run_matrix(Db::Postgres).await;
}
