//! Business access: a connected creator's optional second step, authorizing their TikTok account on
//! the API for Business, whose own token reads the account's audience (countries, genders, ages)
//! from `/business/get/`. Login Kit's token is not documented as accepted there, so it is never
//! sent there.
//!
//! Rules:
//! - Only a connected creator can start it, from the same connect link; the `state` is single-use,
//!   lives 15 minutes and is stored only as SHA-256. No PKCE (the API for Business documents none).
//! - The account authorized must be the link's creator: `/business/get/` names it (`username`), as
//!   Login Kit's user info does. Another account, or one TikTok does not name, is refused and its
//!   token revoked.
//! - The audience is read at once, then at most weekly with the connection's reads. The access token
//!   is refreshed first when it has under 30 minutes left or no known expiry, and once when TikTok
//!   refuses it; a refresh answer is stored before use, keeping the refresh token when it brings no
//!   new one. A refused refresh marks business access revoked. No audience read is ever deleted.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;
use zzyzx_analytics::AudienceKind;
use zzyzx_sources::{AccountError, BusinessAudience, BusinessGrant, TikTokBusiness};

use crate::auth::sealing::Sealer;
use crate::auth::tokens::{hash_secret, new_secret};
use crate::services::Result;
use crate::services::analytics::Analytics;
use crate::services::connections::{
    self, AUTHORIZATION_TTL, Callback, ConnectSetup, Connector, Outcome, REFRESH_MARGIN, expiry,
};
use crate::store::{
    AudienceRow, Conflict, Connection, ConnectionStatus, ConnectionTokens, SealedBusinessGrant, Store, StoreError,
};

/// A business account's audience is read at most this often (TikTok updates it daily, 24–48 h late).
const AUDIENCE_INTERVAL: TimeDelta = TimeDelta::days(7);
/// The sealed columns; naming them binds each sealed token to its place.
const ACCESS_COLUMN: &str = "business_access_token";
const REFRESH_COLUMN: &str = "business_refresh_token";
/// What the brand reads when a read worked but TikTok had no demographics to give.
const NO_AUDIENCE: &str = "TikTok reported no audience for this account: it gives one only for business accounts \
     with at least 100 followers, and only with the audience permission granted.";

/// Starts business access from a connect link: where to send the creator. Their connection must
/// be connected.
pub async fn authorize(store: &dyn Store, setup: &ConnectSetup, token: &str) -> Result<String> {
    let business = setup.connector()?.business()?;
    let connection = connections::by_link(store, token).await?;
    if connection.status != ConnectionStatus::Connected {
        return Err(StoreError::Conflict(Conflict::NotConnected).into());
    }
    let (state, state_hash) = new_secret("");
    let now = Utc::now();
    store.begin_business_authorization(connection.id, &state_hash, now + AUTHORIZATION_TTL, now).await?;
    Ok(business.authorize_url(&state))
}

/// Finishes a business authorization: checks `state`, trades the code, checks the account, stores
/// the sealed tokens and the audience read with them.
pub async fn complete(store: &dyn Store, setup: &ConnectSetup, callback: Callback) -> Result<Outcome> {
    let connector = setup.connector()?;
    let business = connector.business()?;
    let now = Utc::now();
    let Some(state) = callback.state.as_deref().filter(|s| !s.is_empty() && s.len() <= 256) else {
        return Ok(Outcome::InvalidState);
    };
    let Some(connection) = store.take_business_authorization(&hash_secret(state), now).await? else {
        return Ok(Outcome::InvalidState);
    };
    let outcome = authorize_account(store, connector, business, &connection, callback, now).await?;
    if let Some(why) = why_not_connected(&outcome) {
        // Told to the brand on the creator's page, until an attempt succeeds.
        store.record_business_attempt(connection.id, why).await?;
    }
    Ok(outcome)
}

/// Why a business authorization that reached zzyzx connected nothing, in the brand's words.
fn why_not_connected(outcome: &Outcome) -> Option<&'static str> {
    Some(match outcome {
        Outcome::Connected { .. } | Outcome::InvalidState => return None,
        Outcome::Denied => "The creator declined to share their business account's audience on TikTok.",
        Outcome::WrongAccount { .. } => "The creator authorized another business account.",
        Outcome::MissingScopes { .. } => "TikTok did not say which account was authorized (a permission left out).",
        Outcome::Failed { .. } => "TikTok failed while authorizing the business account; the creator can try again.",
        Outcome::NotConnected { .. } => "The TikTok connection had ended; the creator connects first.",
    })
}

async fn authorize_account(
    store: &dyn Store,
    connector: &Connector,
    business: &TikTokBusiness,
    connection: &Connection,
    callback: Callback,
    now: DateTime<Utc>,
) -> Result<Outcome> {
    if callback.error.is_some() {
        tracing::info!(connection = %connection.id, error = ?callback.error, description = ?callback.error_description, "the creator declined business access");
        return Ok(Outcome::Denied);
    }
    let handle = connection.handle.clone();
    let Some(code) = callback.code.filter(|c| !c.is_empty()) else { return Ok(Outcome::InvalidState) };
    let grant = match business.exchange_code(&code).await {
        Ok(grant) => grant,
        Err(AccountError::AuthorizationGone(_)) => return Ok(Outcome::Denied),
        Err(error) => {
            tracing::warn!(connection = %connection.id, %error, "exchanging the business code failed");
            return Ok(Outcome::Failed { handle });
        }
    };
    let account = match business.account(&grant.access_token, &grant.business_id).await {
        Ok(account) => account,
        Err(error) => {
            tracing::warn!(connection = %connection.id, %error, "reading the authorized business account failed");
            revoke_quietly(business, &grant.access_token).await;
            return Ok(Outcome::Failed { handle });
        }
    };
    match account.username {
        Some(username) if username == handle => {}
        Some(other) => {
            revoke_quietly(business, &grant.access_token).await;
            return Ok(Outcome::WrongAccount { expected: handle, authorized: Some(other) });
        }
        None => {
            revoke_quietly(business, &grant.access_token).await;
            return Ok(Outcome::MissingScopes { handle });
        }
    }
    let sealed = seal(&connector.sealer, connection.id, &grant, None, now);
    if !store.store_business_grant(connection.id, &sealed, now).await? {
        revoke_quietly(business, &grant.access_token).await;
        return Ok(Outcome::NotConnected { handle });
    }
    record_read(store, connection.workspace_id, connection.id, connection.creator_id, account.audience, now).await?;
    Ok(Outcome::Connected { handle })
}

/// Ends business access from the link (the creator) or the workspace (the brand): the token is
/// revoked at TikTok and deleted; the audience read stays.
pub async fn disconnect(store: &dyn Store, setup: &ConnectSetup, connection: &Connection, by: &str) -> Result<()> {
    let held = store.end_business_access(connection.id, ConnectionStatus::Disconnected, Some(by), Utc::now()).await?;
    if let ConnectSetup::On(connector) = setup {
        revoke_held(connector, connection.id, held.as_deref()).await;
    }
    Ok(())
}

/// Revokes a business access token that was held, sealed, for the connection, if any.
pub(crate) async fn revoke_held(connector: &Connector, connection_id: Uuid, sealed: Option<&[u8]>) {
    if let (Some(business), Some(sealed)) = (&connector.business, sealed)
        && let Ok(token) = connector.sealer.open_text(sealed, connection_id, ACCESS_COLUMN)
    {
        revoke_quietly(business, &token).await;
    }
}

async fn revoke_quietly(business: &TikTokBusiness, access_token: &str) {
    if let Err(error) = business.revoke(access_token).await {
        tracing::warn!(%error, "revoking a TikTok business token failed; it lapses on its own");
    }
}

/// The business tokens of a connection, as held between refreshes in one read.
struct Held {
    business_id: String,
    scopes: String,
    access_token: Vec<u8>,
    refresh_token: Option<Vec<u8>>,
    access_expires_at: Option<DateTime<Utc>>,
    refresh_expires_at: Option<DateTime<Utc>>,
}

impl Held {
    fn of(connection: &ConnectionTokens) -> Option<Held> {
        Some(Held {
            business_id: connection.business_id.clone()?,
            scopes: connection.business_scopes.clone().unwrap_or_default(),
            access_token: connection.business_access_token.clone()?,
            refresh_token: connection.business_refresh_token.clone(),
            access_expires_at: connection.business_access_expires_at,
            refresh_expires_at: connection.business_refresh_expires_at,
        })
    }

    fn replace(&mut self, sealed: SealedBusinessGrant) {
        self.business_id = sealed.business_id;
        self.scopes = sealed.scopes;
        self.access_token = sealed.access_token;
        self.refresh_token = sealed.refresh_token;
        self.access_expires_at = sealed.access_expires_at;
        self.refresh_expires_at = sealed.refresh_expires_at;
    }
}

/// Reads the business audience of a connection whose counts were just read, when it has business
/// access and the last read is a week old. TikTok's failures are recorded on the business access;
/// only the store's are errors.
pub(crate) async fn read_due(
    store: &dyn Store,
    connector: &Connector,
    connection: &ConnectionTokens,
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let (Some(business), Some(mut held)) = (&connector.business, Held::of(connection)) else { return Ok(()) };
    if connection.business_last_read_at.is_some_and(|at| now - at < AUDIENCE_INTERVAL) {
        return Ok(());
    }
    let id = connection.id;
    let mut refreshed = false;
    // Without a refresh token, the access token is all there is: it is tried as it is.
    if held.refresh_token.is_some() && held.access_expires_at.is_none_or(|at| at - now < REFRESH_MARGIN) {
        if !refresh(store, connector, business, id, &mut held, now).await? {
            return Ok(());
        }
        refreshed = true;
    }
    loop {
        let Ok(access) = connector.sealer.open_text(&held.access_token, id, ACCESS_COLUMN) else {
            return end_revoked(store, id, "The stored business token cannot be read; authorize again.", now).await;
        };
        match business.account(&access, &held.business_id).await {
            Ok(account) => {
                return record_read(store, connection.workspace_id, id, connection.creator_id, account.audience, now)
                    .await
                    .map_err(Into::into);
            }
            Err(AccountError::TokenInvalid(_)) if !refreshed && held.refresh_token.is_some() => {
                refreshed = true;
                if !refresh(store, connector, business, id, &mut held, now).await? {
                    return Ok(());
                }
            }
            Err(AccountError::TokenInvalid(message) | AccountError::AuthorizationGone(message)) => {
                let reason = format!("TikTok refused the business token ({message}).");
                return end_revoked(store, id, &reason, now).await;
            }
            Err(error) => {
                tracing::warn!(connection = %id, %error, "reading a business audience failed");
                store.record_business_failure(id, &error.to_string(), now).await?;
                return Ok(());
            }
        }
    }
}

/// Refreshes the business tokens in place, stored before use. `false` when the read ends here.
async fn refresh(
    store: &dyn Store,
    connector: &Connector,
    business: &TikTokBusiness,
    id: Uuid,
    held: &mut Held,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let opened = held.refresh_token.as_deref().map(|sealed| connector.sealer.open_text(sealed, id, REFRESH_COLUMN));
    let Some(Ok(refresh_token)) = opened else {
        end_revoked(store, id, "The stored business token cannot be read; authorize again.", now).await?;
        return Ok(false);
    };
    match business.refresh(&refresh_token).await {
        Ok(grant) => {
            let sealed = seal(&connector.sealer, id, &grant, Some(held), now);
            // Stored before use: the old refresh token may already be dead.
            store.replace_business_tokens(id, &sealed, now).await?;
            held.replace(sealed);
            Ok(true)
        }
        Err(AccountError::AuthorizationGone(message)) => {
            let reason = format!(
                "The creator's business authorization ended ({message}); they can authorize again from their link."
            );
            end_revoked(store, id, &reason, now).await?;
            Ok(false)
        }
        Err(error) => {
            tracing::warn!(connection = %id, %error, "refreshing a business token failed");
            store.record_business_failure(id, &error.to_string(), now).await?;
            Ok(false)
        }
    }
}

async fn end_revoked(store: &dyn Store, id: Uuid, reason: &str, now: DateTime<Utc>) -> anyhow::Result<()> {
    tracing::info!(connection = %id, reason, "business access revoked");
    store.end_business_access(id, ConnectionStatus::Revoked, Some(reason), now).await?;
    Ok(())
}

/// Stores what a read found: the audience as a `connected` profile (kept forever), and when.
async fn record_read(
    store: &dyn Store,
    workspace_id: Uuid,
    connection_id: Uuid,
    creator_id: Uuid,
    audience: Option<BusinessAudience>,
    now: DateTime<Utc>,
) -> Result<()> {
    let Some(audience) = audience else {
        store.record_business_read(connection_id, Some(NO_AUDIENCE), now).await?;
        return Ok(());
    };
    store.add_audience_profiles(workspace_id, &[audience_row(creator_id, audience, now)]).await?;
    store.record_business_read(connection_id, None, now).await?;
    Analytics { store }.keep_rows_logged(&[creator_id]).await;
    Ok(())
}

fn audience_row(creator_id: Uuid, audience: BusinessAudience, now: DateTime<Utc>) -> AudienceRow {
    AudienceRow {
        id: Uuid::now_v7(),
        creator_id,
        kind: AudienceKind::Connected.as_str().to_owned(),
        source: "tiktok_business".to_owned(),
        captured_at: now,
        sample_size: None,
        ages: sqlx::types::Json(audience.ages),
        genders: sqlx::types::Json(audience.genders),
        countries: sqlx::types::Json(audience.countries),
        languages: sqlx::types::Json(Default::default()),
        created_at: now,
        estimate: None,
    }
}

/// Seals a grant. A refresh answer may leave out the refresh token, the scopes or the lifetimes:
/// what was `held` stays then.
fn seal(
    sealer: &Sealer,
    connection_id: Uuid,
    grant: &BusinessGrant,
    held: Option<&Held>,
    now: DateTime<Utc>,
) -> SealedBusinessGrant {
    let refresh_token =
        grant.refresh_token.as_deref().map(|token| sealer.seal(token.as_bytes(), connection_id, REFRESH_COLUMN));
    let (refresh_token, refresh_expires_at) = match (refresh_token, held) {
        (Some(sealed), _) => (Some(sealed), grant.refresh_expires_in.map(|seconds| expiry(now, seconds))),
        (None, Some(held)) => (held.refresh_token.clone(), held.refresh_expires_at),
        (None, None) => (None, None),
    };
    let scopes = match held {
        Some(held) if grant.scopes.is_empty() => held.scopes.clone(),
        _ => grant.scopes.join(","),
    };
    SealedBusinessGrant {
        business_id: grant.business_id.clone(),
        scopes,
        access_token: sealer.seal(grant.access_token.as_bytes(), connection_id, ACCESS_COLUMN),
        refresh_token,
        access_expires_at: grant.expires_in.map(|seconds| expiry(now, seconds)),
        refresh_expires_at,
    }
}
