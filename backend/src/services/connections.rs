//! Creator-connected accounts: a brand sends a creator a connect link; the creator authorizes
//! zzyzx on TikTok (Login Kit, with `state` and PKCE); zzyzx keeps the tokens sealed and reads the
//! account on a schedule — exact counts and videos, and with the optional business access
//! ([`super::business_access`]) the account's audience — labelled `connected` and private to the
//! workspace the creator consented to.
//!
//! Rules:
//! - The account authorized must be the creator the link is for (by username); another account is
//!   refused and its token revoked.
//! - Without `user.info.basic` and `user.info.profile` there is no way to check that, so the
//!   connection is refused too. The other scopes are optional: without `user.info.stats` there are
//!   no counts, without `video.list` no videos.
//! - The access token is refreshed when it has under [`REFRESH_MARGIN`] left, or when TikTok
//!   refuses it; the refresh answer (which may rotate the refresh token) is stored before it is
//!   used. A refused refresh (`invalid_grant`) marks the connection revoked; history stays.
//! - Business access lives inside the connection: it is read with it, and ends with it.

use chrono::{DateTime, TimeDelta, Utc};
use std::sync::Arc;
use uuid::Uuid;
use zzyzx_sources::tiktok_login::REQUIRED_SCOPES;
use zzyzx_sources::{AccountError, ConnectedProfile, TikTokBusiness, TikTokLogin, TokenGrant};

use crate::auth::sealing::Sealer;
use crate::auth::tokens::{hash_secret, new_secret};
use crate::domain::MetricPoint;
use crate::services::analytics::Analytics;
use crate::services::business_access;
use crate::services::{Result, ServiceError};
use crate::store::{
    ConnectedData, Connection, ConnectionStatus, ConnectionTokens, NewConnectionLink, SealedGrant, Store, StoreError,
};

/// Connect links start with this, so they are recognisable (and refused early when mistyped).
pub const LINK_PREFIX: &str = "zzc_";
/// How long a creator has between pressing "Connect" and coming back from TikTok.
pub(crate) const AUTHORIZATION_TTL: TimeDelta = TimeDelta::minutes(15);
/// How often a connected account is read.
pub const SYNC_INTERVAL: TimeDelta = TimeDelta::hours(6);
/// How long a read holds its lease.
const SYNC_LEASE: TimeDelta = TimeDelta::minutes(10);
/// A failed read is tried again after this.
const RETRY_AFTER_FAILURE: TimeDelta = TimeDelta::hours(1);
/// Access tokens with less than this left are refreshed before use.
pub(crate) const REFRESH_MARGIN: TimeDelta = TimeDelta::minutes(30);
/// Videos read per sync: the documented page size.
const VIDEOS_PER_SYNC: usize = 20;
/// Connections read per pass.
const SYNC_BATCH: i64 = 20;

/// Why creator connections are off, for whoever asks.
pub const OFF_WITHOUT_APP: &str = "Creator connections are off: set ZZYZX_TIKTOK_CLIENT_KEY and \
     ZZYZX_TIKTOK_CLIENT_SECRET (a TikTok app with Login Kit) to turn them on.";
pub const OFF_WITHOUT_KEY: &str = "Creator connections are off: set ZZYZX_ENCRYPTION_KEY (32 random bytes in base64, \
     e.g. from `openssl rand -base64 32`) so creators' tokens can be stored encrypted.";
pub const OFF_WITHOUT_BUSINESS_APP: &str = "Sharing a business account's audience is off: set \
     ZZYZX_TIKTOK_BUSINESS_APP_ID and ZZYZX_TIKTOK_BUSINESS_SECRET (an app on TikTok API for Business with \
     the TikTok account holder authorization) to turn it on.";

/// What creator connections need: the Login Kit client and the key that seals tokens, and for
/// business access an API for Business client.
#[derive(Debug)]
pub struct Connector {
    pub login: TikTokLogin,
    pub sealer: Sealer,
    /// `None` without an API for Business app: connected creators cannot share their audience.
    pub business: Option<TikTokBusiness>,
}

impl Connector {
    pub fn business(&self) -> Result<&TikTokBusiness> {
        self.business.as_ref().ok_or(ServiceError::SourceUnavailable(OFF_WITHOUT_BUSINESS_APP))
    }
}

/// Whether this zzyzx can connect creators, and if not, why.
#[derive(Debug, Clone)]
pub enum ConnectSetup {
    On(Arc<Connector>),
    Off(&'static str),
}

impl ConnectSetup {
    pub fn connector(&self) -> Result<&Connector> {
        match self {
            ConnectSetup::On(connector) => Ok(connector),
            ConnectSetup::Off(reason) => Err(ServiceError::SourceUnavailable(reason)),
        }
    }

    pub fn off_reason(&self) -> Option<&'static str> {
        match self {
            ConnectSetup::On(_) => None,
            ConnectSetup::Off(reason) => Some(reason),
        }
    }

    /// Why connected creators cannot share their business audience here, if they cannot.
    pub fn business_off_reason(&self) -> Option<&'static str> {
        match self {
            ConnectSetup::On(connector) => connector.business.is_none().then_some(OFF_WITHOUT_BUSINESS_APP),
            ConnectSetup::Off(reason) => Some(reason),
        }
    }
}

/// A connect link to send to the creator: the token appears here only.
pub struct NewLink {
    pub connection: Connection,
    pub token: String,
}

/// Makes (or replaces) the connect link of a creator the workspace knows.
pub async fn create_link(
    store: &dyn Store,
    setup: &ConnectSetup,
    workspace_id: Uuid,
    creator_id: Uuid,
    user_id: Uuid,
) -> Result<NewLink> {
    // Another workspace's creator answers like a missing one, whatever the setup.
    store.connection(workspace_id, creator_id).await?;
    setup.connector()?;
    let (token, hash) = new_secret(LINK_PREFIX);
    let connection = store
        .put_connection_link(NewConnectionLink {
            id: Uuid::now_v7(),
            workspace_id,
            creator_id,
            link_prefix: token[..LINK_PREFIX.len() + 6].to_string(),
            link_hash: hash,
            created_by: user_id,
            now: Utc::now(),
        })
        .await?;
    Ok(NewLink { connection, token })
}

/// The connection a link opens; not found for a malformed or replaced link.
pub async fn by_link(store: &dyn Store, token: &str) -> Result<Connection> {
    if !token.starts_with(LINK_PREFIX) || token.len() > 128 {
        return Err(StoreError::NotFound.into());
    }
    Ok(store.connection_by_link(&hash_secret(token)).await?.ok_or(StoreError::NotFound)?)
}

/// Starts an authorization from a link: where to send the creator.
pub async fn authorize(store: &dyn Store, setup: &ConnectSetup, token: &str) -> Result<String> {
    let connector = setup.connector()?;
    let connection = by_link(store, token).await?;
    let (state, state_hash) = new_secret("");
    // 43 characters of base64url: inside PKCE's unreserved alphabet and its 43–128 length.
    let (verifier, _) = new_secret("");
    let sealed = connector.sealer.seal(verifier.as_bytes(), connection.id, "verifier");
    let now = Utc::now();
    store.begin_authorization(connection.id, &state_hash, &sealed, now + AUTHORIZATION_TTL, now).await?;
    Ok(connector.login.authorize_url(&state, &verifier))
}

/// What TikTok sent back to the redirect URL.
#[derive(Debug, Default, Clone)]
pub struct Callback {
    pub code: Option<String>,
    pub state: Option<String>,
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// How an authorization ended, for the page the creator lands on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Connected {
        handle: String,
    },
    /// The creator declined on TikTok.
    Denied,
    /// No such authorization under way (forged, used, or too old).
    InvalidState,
    /// The creator authorized another account than the one the link is for.
    WrongAccount {
        expected: String,
        authorized: Option<String>,
    },
    /// A scope zzyzx cannot work without was not granted.
    MissingScopes {
        handle: String,
    },
    /// TikTok failed; trying again may work.
    Failed {
        handle: String,
    },
    /// Business access was authorized, but the connection itself had ended meanwhile.
    NotConnected {
        handle: String,
    },
}

impl Outcome {
    /// Why an authorization that reached zzyzx connected nothing, in the brand's words.
    fn why_not_connected(&self) -> Option<String> {
        Some(match self {
            Outcome::Connected { .. } | Outcome::InvalidState => return None,
            Outcome::Denied => "The creator declined on TikTok.".into(),
            Outcome::WrongAccount { authorized, .. } => match authorized {
                Some(other) => format!("The creator authorized another account (@{other})."),
                None => "The creator authorized another account.".into(),
            },
            Outcome::MissingScopes { .. } => "The creator left out permissions zzyzx needs.".into(),
            Outcome::Failed { .. } => "TikTok failed while connecting; the creator can try again.".into(),
            // Only business access ends so; a connection always can be made.
            Outcome::NotConnected { .. } => return None,
        })
    }

    /// The name the result page knows it by.
    pub fn name(&self) -> &'static str {
        match self {
            Outcome::Connected { .. } => "connected",
            Outcome::Denied => "denied",
            Outcome::InvalidState => "invalid_state",
            Outcome::WrongAccount { .. } => "wrong_account",
            Outcome::MissingScopes { .. } => "missing_scopes",
            Outcome::Failed { .. } => "failed",
            Outcome::NotConnected { .. } => "not_connected",
        }
    }
}

/// Finishes an authorization: checks `state`, trades the code, checks the account and stores the
/// sealed tokens.
pub async fn complete(store: &dyn Store, setup: &ConnectSetup, callback: Callback) -> Result<Outcome> {
    let connector = setup.connector()?;
    let now = Utc::now();
    let Some(state) = callback.state.as_deref().filter(|s| !s.is_empty() && s.len() <= 256) else {
        return Ok(Outcome::InvalidState);
    };
    let Some((connection, sealed_verifier)) = store.take_authorization(&hash_secret(state), now).await? else {
        return Ok(Outcome::InvalidState);
    };
    let outcome = authorize_account(store, connector, &connection, &sealed_verifier, callback, now).await?;
    if let Some(why) = outcome.why_not_connected() {
        // Told to the brand on the creator's page, until an attempt succeeds.
        store.record_connect_attempt(connection.id, &why).await?;
    }
    Ok(outcome)
}

/// The code traded, the account checked, the tokens stored: the rest of [`complete`].
async fn authorize_account(
    store: &dyn Store,
    connector: &Connector,
    connection: &Connection,
    sealed_verifier: &[u8],
    callback: Callback,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    if callback.error.is_some() {
        tracing::info!(connection = %connection.id, error = ?callback.error, description = ?callback.error_description, "the creator declined");
        return Ok(Outcome::Denied);
    }
    let handle = connection.handle.clone();
    let Some(code) = callback.code.filter(|c| !c.is_empty()) else { return Ok(Outcome::InvalidState) };
    let verifier = connector
        .sealer
        .open_text(sealed_verifier, connection.id, "verifier")
        .map_err(|e| ServiceError::Unexpected(e.into()))?;
    let grant = match connector.login.exchange_code(&code, &verifier).await {
        Ok(grant) => grant,
        Err(AccountError::AuthorizationGone(_)) => return Ok(Outcome::Denied),
        Err(error) => {
            tracing::warn!(connection = %connection.id, %error, "exchanging the code failed");
            return Ok(Outcome::Failed { handle });
        }
    };
    if !REQUIRED_SCOPES.iter().all(|scope| grant.scopes.iter().any(|granted| granted == scope)) {
        revoke_quietly(connector, &grant.access_token).await;
        return Ok(Outcome::MissingScopes { handle });
    }
    let profile = match connector.login.user_info(&grant.access_token).await {
        Ok(profile) => profile,
        Err(error) => {
            tracing::warn!(connection = %connection.id, %error, "reading the authorized account failed");
            revoke_quietly(connector, &grant.access_token).await;
            return Ok(Outcome::Failed { handle });
        }
    };
    if profile.username.as_deref() != Some(handle.as_str()) {
        revoke_quietly(connector, &grant.access_token).await;
        return Ok(Outcome::WrongAccount { expected: handle, authorized: profile.username });
    }
    store.store_grant(connection.id, &seal(&connector.sealer, connection.id, &grant, now), now).await?;
    Analytics { store }.keep_rows_logged(&[connection.creator_id]).await;
    Ok(Outcome::Connected { handle })
}

/// Ends a connection from its link (the creator) or from the workspace (the brand): the tokens are
/// revoked at TikTok and deleted; what was read stays.
pub async fn disconnect(store: &dyn Store, setup: &ConnectSetup, connection: &Connection, by: &str) -> Result<()> {
    let held = store.end_connection(connection.id, ConnectionStatus::Disconnected, Some(by), Utc::now()).await?;
    Analytics { store }.keep_rows_logged(&[connection.creator_id]).await;
    if let (Some(held), ConnectSetup::On(connector)) = (held, setup) {
        if let Some(sealed) = &held.access_token
            && let Ok(token) = connector.sealer.open_text(sealed, held.id, "access_token")
        {
            revoke_quietly(connector, &token).await;
        }
        business_access::revoke_held(connector, held.id, held.business_access_token.as_deref()).await;
    }
    Ok(())
}

async fn revoke_quietly(connector: &Connector, access_token: &str) {
    if let Err(error) = connector.login.revoke(access_token).await {
        tracing::warn!(%error, "revoking a TikTok token failed; it lapses on its own");
    }
}

fn seal(sealer: &Sealer, connection_id: Uuid, grant: &TokenGrant, now: DateTime<Utc>) -> SealedGrant {
    SealedGrant {
        open_id: grant.open_id.clone(),
        scopes: grant.scopes.join(","),
        access_token: sealer.seal(grant.access_token.as_bytes(), connection_id, "access_token"),
        refresh_token: sealer.seal(grant.refresh_token.as_bytes(), connection_id, "refresh_token"),
        access_expires_at: expiry(now, grant.expires_in),
        refresh_expires_at: expiry(now, grant.refresh_expires_in),
    }
}

/// When a token that lives `seconds` from `now` expires (a lifetime beyond ten years is not believed).
pub(crate) fn expiry(now: DateTime<Utc>, seconds: i64) -> DateTime<Utc> {
    now + TimeDelta::seconds(seconds.clamp(0, 10 * 366 * 86_400))
}

/// How one read of a connected account ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncResult {
    Read,
    Revoked,
    Failed,
}

/// Reads every connected account that is due; returns how many were read.
pub async fn sync_due(store: &dyn Store, connector: &Connector, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let due = store.claim_due_connections(now, now + SYNC_LEASE, SYNC_BATCH).await?;
    let mut read = 0;
    for connection in due {
        if sync_one(store, connector, connection, now).await? == SyncResult::Read {
            read += 1;
        }
    }
    Ok(read)
}

/// Reads one connected account: refreshes its token when needed, then the counts, the videos and,
/// with business access, (weekly) the account's audience.
pub async fn sync_one(
    store: &dyn Store,
    connector: &Connector,
    mut connection: ConnectionTokens,
    now: DateTime<Utc>,
) -> anyhow::Result<SyncResult> {
    let mut refreshed = false;
    let needs_refresh = connection.access_expires_at.is_none_or(|at| at - now < REFRESH_MARGIN);
    if needs_refresh {
        match refresh(store, connector, &mut connection, now).await? {
            Some(result) => return Ok(result),
            None => refreshed = true,
        }
    }
    loop {
        let access = match open(connector, &connection, "access_token") {
            Some(token) => token,
            None => {
                let reason = "The stored token cannot be read; connect again.";
                return revoked(store, connector, &connection, reason, now).await;
            }
        };
        match read(connector, &connection, &access).await {
            Ok((profile, videos)) => {
                let point = profile_point(&profile, now);
                store
                    .record_connected_read(
                        &connection,
                        ConnectedData { point, videos: &videos },
                        now + SYNC_INTERVAL,
                        now,
                    )
                    .await?;
                // The counts were read: a failure with the audience only logs.
                if let Err(error) = business_access::read_due(store, connector, &connection, now).await {
                    tracing::warn!(connection = %connection.id, error = ?error, "recording a business audience read failed");
                }
                Analytics { store }.keep_rows_logged(&[connection.creator_id]).await;
                return Ok(SyncResult::Read);
            }
            Err(AccountError::TokenInvalid(_)) if !refreshed => {
                refreshed = true;
                if let Some(result) = refresh(store, connector, &mut connection, now).await? {
                    return Ok(result);
                }
            }
            Err(AccountError::TokenInvalid(message) | AccountError::AuthorizationGone(message)) => {
                return revoked(store, connector, &connection, &format!("TikTok refused the token ({message})."), now)
                    .await;
            }
            Err(error) => return failed(store, &connection, &error, now).await,
        }
    }
}

/// Refreshes the connection's tokens in place. `Some` when the sync ends here.
async fn refresh(
    store: &dyn Store,
    connector: &Connector,
    connection: &mut ConnectionTokens,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<SyncResult>> {
    let Some(refresh_token) = open(connector, connection, "refresh_token") else {
        let reason = "The stored token cannot be read; connect again.";
        return revoked(store, connector, connection, reason, now).await.map(Some);
    };
    match connector.login.refresh(&refresh_token).await {
        Ok(grant) => {
            let sealed = seal(&connector.sealer, connection.id, &grant, now);
            // Stored before use: the old refresh token may already be dead.
            store.replace_tokens(connection.id, &sealed, now).await?;
            connection.access_token = Some(sealed.access_token);
            connection.refresh_token = Some(sealed.refresh_token);
            connection.access_expires_at = Some(sealed.access_expires_at);
            connection.refresh_expires_at = Some(sealed.refresh_expires_at);
            connection.scopes = sealed.scopes;
            Ok(None)
        }
        Err(AccountError::AuthorizationGone(message)) => revoked(
            store,
            connector,
            connection,
            &format!("The creator's authorization ended ({message}); they can connect again from their link."),
            now,
        )
        .await
        .map(Some),
        Err(error) => failed(store, connection, &error, now).await.map(Some),
    }
}

async fn read(
    connector: &Connector,
    connection: &ConnectionTokens,
    access: &str,
) -> Result<(ConnectedProfile, Vec<zzyzx_sources::Video>), AccountError> {
    let profile = connector.login.user_info(access).await?;
    let videos = if has_scope(connection, "video.list") {
        connector.login.videos(access, &connection.handle, VIDEOS_PER_SYNC).await?
    } else {
        Vec::new()
    };
    Ok((profile, videos))
}

fn profile_point(profile: &ConnectedProfile, now: DateTime<Utc>) -> Option<MetricPoint> {
    Some(MetricPoint {
        captured_at: now,
        followers: profile.followers?,
        following: profile.following.unwrap_or_default(),
        likes: profile.likes.unwrap_or_default(),
        videos: profile.videos.unwrap_or_default(),
    })
}

fn has_scope(connection: &ConnectionTokens, scope: &str) -> bool {
    connection.scopes.split(',').any(|granted| granted.trim() == scope)
}

/// The connection's access or refresh token in clear, or `None` when it is missing or does not open.
fn open(connector: &Connector, connection: &ConnectionTokens, column: &'static str) -> Option<String> {
    let sealed = if column == "access_token" { &connection.access_token } else { &connection.refresh_token };
    debug_assert!(matches!(column, "access_token" | "refresh_token"));
    connector.sealer.open_text(sealed.as_deref()?, connection.id, column).ok()
}

/// TikTok no longer accepts the connection: it ends as revoked, and business access with it (whose
/// token, still good, is revoked at TikTok rather than left behind).
async fn revoked(
    store: &dyn Store,
    connector: &Connector,
    connection: &ConnectionTokens,
    reason: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<SyncResult> {
    tracing::info!(connection = %connection.id, reason, "connection revoked");
    let held = store.end_connection(connection.id, ConnectionStatus::Revoked, Some(reason), now).await?;
    Analytics { store }.keep_rows_logged(&[connection.creator_id]).await;
    business_access::revoke_held(connector, connection.id, held.and_then(|h| h.business_access_token).as_deref()).await;
    Ok(SyncResult::Revoked)
}

async fn failed(
    store: &dyn Store,
    connection: &ConnectionTokens,
    error: &AccountError,
    now: DateTime<Utc>,
) -> anyhow::Result<SyncResult> {
    tracing::warn!(connection = %connection.id, %error, "reading a connected account failed");
    let message = match error {
        AccountError::ScopeMissing(_) => "The creator did not grant a permission this read needs.".to_owned(),
        other => other.to_string(),
    };
    store.record_connection_failure(connection.id, &message, now + RETRY_AFTER_FAILURE, now).await?;
    Ok(SyncResult::Failed)
}
