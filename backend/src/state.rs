//! What every request handler shares: the store, token keys, hashing, throttles and the data
//! source with its caches; and the services, each given only what it uses.

use secrecy::SecretString;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Notify;
use uuid::Uuid;
use zzyzx_sources::Source;

use crate::auth::passwords::PasswordHashing;
use crate::auth::throttle::{AddressLimiter, KeyedLimiter};
use crate::auth::tokens::TokenKeys;
use crate::refresh::RefreshWorker;
use crate::services::accounts::Accounts;
use crate::services::analytics::Analytics;
use crate::services::campaigns::Campaigns;
use crate::services::connections::{self, ConnectSetup};
use crate::services::discovery::{Discovery, UserSearchCache};
use crate::services::mail::Mailer;
use crate::services::webhooks::{UrlPolicy, WebhookSecrets};
use crate::store::Store;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub keys: TokenKeys,
    pub hashing: PasswordHashing,
    /// Login and registration attempts per client address.
    pub auth_attempts: AddressLimiter,
    /// Requests per API key.
    pub api_key_requests: KeyedLimiter<Uuid>,
    /// When this instance last recorded each API key's use (it records at most once a minute).
    pub api_key_uses: Arc<Mutex<HashMap<Uuid, Instant>>>,
    /// The configured data source, if any.
    pub source: Option<Arc<dyn Source>>,
    /// Wakes this process's refresh worker when a refresh is asked for.
    pub refresh_wake: Arc<Notify>,
    /// This process's worker, when it runs one (for its breaker state).
    pub worker: Option<Arc<RefreshWorker>>,
    pub hashtag_cache_ttl: Duration,
    pub user_search_cache: UserSearchCache,
    /// The bearer token `GET /metrics` asks for; without one, only this machine may read them.
    pub metrics_token: Option<SecretString>,
    /// Derives each webhook endpoint's signing secret.
    pub webhook_secrets: WebhookSecrets,
    pub webhook_policy: UrlPolicy,
    /// Wakes this process's webhook dispatcher when a delivery is queued by hand.
    pub webhook_wake: Arc<Notify>,
    /// E-mail, when `ZZYZX_SMTP_URL` is set.
    pub mailer: Option<Mailer>,
    /// How often the workers fetch creators, and their daily request budget.
    pub cadence: crate::refresh::cadence::Cadence,
    pub daily_budget: Option<u32>,
    /// Whether creators can connect their TikTok accounts here, and with what.
    pub connect: ConnectSetup,
}

impl AppState {
    /// The state for a server whose tokens and webhook secrets derive from `secret`.
    pub fn new(store: Arc<dyn Store>, secret: &SecretString) -> Self {
        Self {
            store,
            keys: TokenKeys::new(secret),
            hashing: PasswordHashing::new(),
            auth_attempts: AddressLimiter::per_minute(20),
            api_key_requests: KeyedLimiter::per_minute(600),
            api_key_uses: Arc::default(),
            source: None,
            refresh_wake: Arc::new(Notify::new()),
            worker: None,
            hashtag_cache_ttl: Duration::from_secs(60 * 60),
            user_search_cache: UserSearchCache::new(Duration::from_secs(60)),
            metrics_token: None,
            webhook_secrets: WebhookSecrets::new(secret),
            webhook_policy: UrlPolicy::default(),
            webhook_wake: Arc::new(Notify::new()),
            mailer: None,
            cadence: Default::default(),
            daily_budget: None,
            connect: ConnectSetup::Off(connections::OFF_WITHOUT_APP),
        }
    }

    pub fn accounts(&self) -> Accounts<'_> {
        Accounts { store: self.store.as_ref(), hashing: &self.hashing, keys: &self.keys, attempts: &self.auth_attempts }
    }

    pub fn analytics(&self) -> Analytics<'_> {
        Analytics { store: self.store.as_ref() }
    }

    pub fn campaigns(&self) -> Campaigns<'_> {
        Campaigns { store: self.store.as_ref(), analytics: self.analytics() }
    }

    pub fn discovery(&self) -> Discovery<'_> {
        Discovery {
            store: self.store.as_ref(),
            source: self.source.as_deref(),
            search_cache: &self.user_search_cache,
            hashtag_ttl: self.hashtag_cache_ttl,
        }
    }
}
