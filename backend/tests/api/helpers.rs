//! Starts the real application on port 0 against a fresh database, and speaks to it over HTTP.

use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use uuid::Uuid;
use zzyzx::startup::{Application, open_state};
use zzyzx::state::AppState;
use zzyzx::store::Store;

pub const TEST_SECRET: &str = "integration-test-signing-secret-0123456789";
pub const PASSWORD: &str = "sourdough starter saga";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Db {
    Sqlite,
    Postgres,
}

/// Runs each test body once against SQLite and once against PostgreSQL, as a module named for
/// the test with a `sqlite` and a `postgres` test in it. What the body is given:
///
/// - `async fn name(app)`: a running application on a fresh database;
/// - `source: async fn name(app, source)`: the same, with a `FakeSource` answering instantly;
/// - `store: async fn name(store)`: a migrated store on a fresh database, no server;
/// - `db: async fn name(db)`: only which database (`Db`), on a four-thread runtime, for tests
///   that set up several workers themselves.
#[macro_export]
macro_rules! both_databases {
    (source: $(async fn $name:ident($app:ident, $source:ident) $body:block)*) => {
        $crate::both_databases! { @tests current_thread; $(async fn $name(db) {
            let $source = std::sync::Arc::new($crate::fake_source::FakeSource::new(std::time::Duration::ZERO));
            let $app = $crate::helpers::spawn_app_with_source(db, Some($source.clone())).await;
            $body
        })* }
    };
    (store: $(async fn $name:ident($store:ident) $body:block)*) => {
        $crate::both_databases! { @tests current_thread; $(async fn $name(db) {
            let ($store, _directory) = $crate::helpers::fresh_store(db).await;
            $body
        })* }
    };
    (db: $(async fn $name:ident($db:ident) $body:block)*) => {
        $crate::both_databases! { @tests multi_thread; $(async fn $name($db) $body)* }
    };
    (@tests $flavor:ident; $(async fn $name:ident($db:ident) $body:block)*) => {$(
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            $crate::both_databases!(@test $flavor, sqlite, $db, $crate::helpers::Db::Sqlite, $body);
            $crate::both_databases!(@test $flavor, postgres, $db, $crate::helpers::Db::Postgres, $body);
        }
    )*};
    (@test current_thread, $test:ident, $db:ident, $which:expr, $body:block) => {
        #[tokio::test]
        async fn $test() {
            let $db = $which;
            $body
        }
    };
    (@test multi_thread, $test:ident, $db:ident, $which:expr, $body:block) => {
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn $test() {
            let $db = $which;
            $body
        }
    };
    ($(async fn $name:ident($app:ident) $body:block)*) => {
        $crate::both_databases! { @tests current_thread; $(async fn $name(db) {
            let $app = $crate::helpers::spawn_app(db).await;
            $body
        })* }
    };
}

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub store: Arc<dyn Store>,
    _database: tempfile_dir::TempDir,
}

/// A registered user, logged in.
#[derive(Debug, Clone)]
pub struct TestUser {
    pub email: String,
    pub token: String,
    pub refresh_token: String,
    pub workspace_id: Uuid,
}

pub mod tempfile_dir {
    /// A directory removed when the test ends.
    pub struct TempDir(pub std::path::PathBuf);
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique_name() -> String {
    format!("zt_{}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed), Uuid::new_v4().simple())
}

pub fn postgres_base_url() -> String {
    std::env::var("ZZYZX_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

/// A fresh, empty schema for one test; PostgreSQL being unreachable fails the test.
async fn postgres_schema_url() -> String {
    use sqlx::Connection;
    let base = postgres_base_url();
    let schema = unique_name();
    let mut connection = sqlx::PgConnection::connect(&base).await.unwrap_or_else(|error| {
        panic!(
            "PostgreSQL is required for the PostgreSQL half of the suite and cannot be reached at {base} \
             (set ZZYZX_TEST_POSTGRES_URL): {error}"
        )
    });
    sqlx::query(&format!("create schema {schema}")).execute(&mut connection).await.expect("create a test schema");
    let separator = if base.contains('?') { '&' } else { '?' };
    format!("{base}{separator}options=-c%20search_path%3D{schema}")
}

/// A URL for an empty database of kind `db`, and the directory to remove afterwards.
pub async fn fresh_database(db: Db) -> (String, tempfile_dir::TempDir) {
    let directory = std::env::temp_dir().join(unique_name());
    std::fs::create_dir_all(&directory).expect("create a temporary directory");
    let url = match db {
        Db::Sqlite => format!("sqlite://{}", directory.join("test.db").display()),
        Db::Postgres => postgres_schema_url().await,
    };
    (url, tempfile_dir::TempDir(directory))
}

/// A migrated store on a fresh database, without a server.
pub async fn fresh_store(db: Db) -> (Arc<dyn Store>, tempfile_dir::TempDir) {
    let (url, directory) = fresh_database(db).await;
    let store = zzyzx::store::connect(&url).await.expect("connect");
    store.migrate().await.expect("migrate");
    (store, directory)
}

pub async fn spawn_app(db: Db) -> TestApp {
    spawn_app_with_source(db, None).await
}

/// The application with a data source, as `zzyzx serve` runs it (the worker is driven by tests).
pub async fn spawn_app_with_source(db: Db, source: Option<Arc<dyn zzyzx_sources::Source>>) -> TestApp {
    spawn_app_with(db, |state| state.source = source).await
}

/// A Login Kit and API for Business connector whose TikTok is `base` (a wiremock server, or
/// nowhere), with a fixed key.
pub fn test_connector(base: &str) -> Arc<zzyzx::services::connections::Connector> {
    let business = zzyzx_sources::TikTokBusiness::new(
        zzyzx_sources::BusinessConfig {
            app_id: "test-business-app".into(),
            secret: "test-business-secret".into(),
            redirect_url: "http://127.0.0.1:8080/api/v1/connect/business/callback".into(),
            authorize_url: format!("{base}/business/authorize/"),
            base_url: base.into(),
        },
        zzyzx_sources::ClientOptions::default(),
    )
    .expect("an API for Business client");
    Arc::new(test_connector_with(base, Some(business)))
}

/// A Login Kit connector whose TikTok is `base`, with a fixed key, and `business` as its API for
/// Business client (or none: sharing business audiences is off).
pub fn test_connector_with(
    base: &str,
    business: Option<zzyzx_sources::TikTokBusiness>,
) -> zzyzx::services::connections::Connector {
    use base64::Engine;
    let login = zzyzx_sources::TikTokLogin::new(
        zzyzx_sources::LoginConfig {
            client_key: "test-client-key".into(),
            client_secret: "test-client-secret".into(),
            redirect_url: "http://127.0.0.1:8080/api/v1/connect/callback".into(),
            authorize_url: format!("{base}/v2/auth/authorize/"),
            api_base_url: base.into(),
        },
        zzyzx_sources::ClientOptions::default(),
    )
    .expect("a Login Kit client");
    let key = secrecy::SecretString::from(base64::engine::general_purpose::STANDARD.encode([42u8; 32]));
    let sealer = zzyzx::auth::sealing::Sealer::from_config(&key).expect("a sealing key");
    zzyzx::services::connections::Connector { login, sealer, business }
}

/// The application with its state adjusted first (limits, sources).
pub async fn spawn_app_with(db: Db, configure: impl FnOnce(&mut AppState)) -> TestApp {
    let (url, directory) = fresh_database(db).await;
    let mut state = open_state(&url, Some(TEST_SECRET.to_string().into())).await.expect("open the database");
    configure(&mut state);
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind a port");
    let application = Application::with_state(state, listener, zzyzx::http::web_app::WebApp::None).expect("build");
    let address = format!("http://127.0.0.1:{}", application.port());
    let store = application.store();
    tokio::spawn(application.run_until_stopped());
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    TestApp { address, client, store, _database: directory }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.address)
    }

    pub async fn send(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Response {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("the request reaches the server")
    }

    /// A request acting in `workspace` (the `X-Workspace-Id` header).
    pub async fn send_in(
        &self,
        method: Method,
        path: &str,
        token: &str,
        workspace: Uuid,
        body: Option<Value>,
    ) -> Response {
        let mut request = self
            .client
            .request(method, self.url(path))
            .bearer_auth(token)
            .header("X-Workspace-Id", workspace.to_string());
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("the request reaches the server")
    }

    pub async fn get(&self, token: &str, path: &str) -> Response {
        self.send(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, token: &str, path: &str, body: Value) -> Response {
        self.send(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn patch(&self, token: &str, path: &str, body: Value) -> Response {
        self.send(Method::PATCH, path, Some(token), Some(body)).await
    }

    pub async fn put(&self, token: &str, path: &str, body: Value) -> Response {
        self.send(Method::PUT, path, Some(token), Some(body)).await
    }

    pub async fn delete(&self, token: &str, path: &str) -> Response {
        self.send(Method::DELETE, path, Some(token), None).await
    }

    pub async fn register_response(&self, email: &str, password: &str) -> Response {
        let body =
            json!({"email": email, "password": password, "display_name": "Tester", "refresh_token_delivery": "body"});
        self.send(Method::POST, "/auth/register", None, Some(body)).await
    }

    pub async fn login_response(&self, email: &str, password: &str) -> Response {
        let body = json!({"email": email, "password": password, "refresh_token_delivery": "body"});
        self.send(Method::POST, "/auth/login", None, Some(body)).await
    }

    /// Registers a new user with a unique e-mail address.
    pub async fn new_user(&self) -> TestUser {
        let email = format!("user-{}@example.com", Uuid::new_v4().simple());
        let response = self.register_response(&email, PASSWORD).await;
        let body = expect_json(response, StatusCode::CREATED).await;
        user_from_session(email, &body)
    }

    /// Invites `email` into `owner`'s workspace with `role`; returns the invitation's token.
    pub async fn invite(&self, owner: &TestUser, email: &str, role: &str) -> String {
        let body = json!({"email": email, "role": role});
        let created =
            expect_json(self.post(&owner.token, "/workspace/invitations", body).await, StatusCode::CREATED).await;
        created["token"].as_str().expect("an invitation token").to_owned()
    }

    /// A new user who joined `owner`'s workspace with `role` through an invitation. Their
    /// `workspace_id` is the joined one (send it as `X-Workspace-Id`).
    pub async fn new_member(&self, owner: &TestUser, role: &str) -> TestUser {
        let mut user = self.new_user().await;
        let token = self.invite(owner, &user.email, role).await;
        let joined =
            expect_json(self.post(&user.token, "/invitations/accept", json!({"token": token})).await, StatusCode::OK)
                .await;
        assert_eq!(joined["role"], role);
        user.workspace_id = owner.workspace_id;
        user
    }

    /// A new API key of `owner`'s workspace with these scopes; returns (id, secret).
    pub async fn new_api_key(&self, owner: &TestUser, scopes: &[&str]) -> (String, String) {
        let body = json!({"name": "test key", "scopes": scopes});
        let created = expect_json(self.post(&owner.token, "/api-keys", body).await, StatusCode::CREATED).await;
        (created["key"]["id"].as_str().unwrap().to_owned(), created["secret"].as_str().unwrap().to_owned())
    }

    pub async fn user_id(&self, user: &TestUser) -> String {
        let me = expect_json(self.get(&user.token, "/auth/me").await, StatusCode::OK).await;
        me["user"]["id"].as_str().unwrap().to_owned()
    }

    pub async fn create_list(&self, user: &TestUser, name: &str) -> Value {
        expect_json(self.post(&user.token, "/lists", json!({"name": name})).await, StatusCode::CREATED).await
    }

    pub async fn add_item(&self, user: &TestUser, list_id: &str, handle: &str) -> Value {
        let response = self.post(&user.token, &format!("/lists/{list_id}/items"), json!({"handle": handle})).await;
        expect_json(response, StatusCode::CREATED).await
    }

    /// Records an event of `kind` in the user's workspace, about `creator` when given; its id.
    pub async fn record_event(&self, user: &TestUser, kind: &'static str, creator: Option<&str>) -> String {
        let event = zzyzx::store::NewEvent {
            workspace_id: user.workspace_id,
            kind,
            key: format!("{kind}:{}", Uuid::new_v4()),
            creator_id: creator.map(|c| c.parse().unwrap()),
            campaign_id: None,
            video_id: None,
            occurred_at: chrono::Utc::now(),
            sentence: format!("A test {kind} event"),
            data: json!({"test": true}),
            source: Some("demo".into()),
        };
        let ids = self.store.record_events(&[event], chrono::Utc::now()).await.expect("the event is recorded");
        ids[0].to_string()
    }

    /// A webhook endpoint of the user's workspace, made through the store (so any URL will do),
    /// subscribed to every event type; its id.
    pub async fn store_webhook(&self, user: &TestUser, url: &str) -> String {
        let now = chrono::Utc::now();
        let types = zzyzx::services::alerts::EventType::ALL.iter().map(|t| t.as_str().to_owned()).collect();
        let endpoint = zzyzx::store::WebhookEndpoint {
            id: Uuid::now_v7(),
            workspace_id: user.workspace_id,
            url: url.to_owned(),
            description: String::new(),
            event_types: sqlx::types::Json(types),
            enabled: true,
            secret_generation: 1,
            failing_since: None,
            disabled_reason: None,
            created_at: now,
            updated_at: now,
        };
        self.store.create_webhook(&endpoint).await.expect("the endpoint is stored").id.to_string()
    }

    pub async fn items(&self, user: &TestUser, list_id: &str) -> Value {
        expect_json(self.get(&user.token, &format!("/lists/{list_id}/items?limit=100")).await, StatusCode::OK).await
    }
}

pub fn user_from_session(email: String, body: &Value) -> TestUser {
    TestUser {
        email,
        token: body["access_token"].as_str().expect("an access token").to_owned(),
        refresh_token: body["refresh_token"].as_str().unwrap_or_default().to_owned(),
        workspace_id: body["workspaces"][0]["id"].as_str().and_then(|id| id.parse().ok()).expect("a workspace"),
    }
}

/// Asserts the status, then returns the JSON body.
pub async fn expect_json(response: Response, status: StatusCode) -> Value {
    let actual = response.status();
    let text = response.text().await.expect("a body");
    assert_eq!(actual, status, "expected {status}, got {actual} with body {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Asserts an RFC 9457 problem with this status and code, and returns it.
pub async fn expect_problem(response: Response, status: StatusCode, code: &str) -> Value {
    let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    let body = expect_json(response, status).await;
    assert_eq!(content_type, "application/problem+json", "a problem response, got {content_type}: {body}");
    assert_eq!(body["code"], code, "expected problem code {code}: {body}");
    assert_eq!(body["status"], status.as_u16(), "problem status matches: {body}");
    assert_eq!(body["type"], format!("urn:zzyzx:problem:{code}"));
    body
}

/// The handles of a list's items, in order.
pub fn handles(items: &Value) -> Vec<String> {
    items["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["creator"]["handle"].as_str().unwrap().to_owned())
        .collect()
}
