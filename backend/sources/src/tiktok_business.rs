//! The TikTok API for Business for the owner of an account who authorized zzyzx: the owner's own
//! authorization (authorize URL, code exchange, refresh, revoke under `/open_api/v1.3/tt_user/`)
//! and what that token reads from `/business/get/`: which account it is, and its audience's
//! countries, genders and ages. Login Kit's token is not documented as accepted there, so a
//! creator who wants to share their audience authorizes this separately.
//!
//! What this relies on (reference §5; TikTok's own page, S27, is known only through integrations):
//! - **Bodies.** JSON, as pytiktok and the bububa Go SDK send them: exchange `{client_id,
//!   client_secret, grant_type: "authorization_code", auth_code, redirect_uri}`, refresh
//!   `{client_id, client_secret, grant_type: "refresh_token", refresh_token}`, revoke
//!   `{client_id, client_secret, access_token}`.
//! - **No PKCE.** None of those bodies carries a verifier and nothing documents one for this
//!   authorization, so none is sent; the single-use `state` is the guard against forged callbacks.
//! - **Answers** come in the Business envelope `{code, message, request_id, data}`; `code == 0` is
//!   success, and errors mostly arrive with HTTP 200. `data.open_id` is the account's
//!   `business_id`; it and `data.access_token` are required. The other names are (unconfirmed):
//!   lifetimes are read from `expires_in` and `refresh_token_expires_in` (or `refresh_expires_in`),
//!   and are `None` when absent, which makes the caller refresh before each use; `scope` may be
//!   comma-separated text or an array; a refresh answer without a `refresh_token` keeps the old one.
//! - **Error codes** (unconfirmed; from public integrations of the Marketing and Accounts APIs):
//!   40100 and 42900 are rate limits. 40001 (no permission: the owner withdrew the app) and the
//!   other 401xx codes (40102 expired, 40104 missing, 40105 incorrect or revoked, 40131 an expired
//!   code) are about the authorization: on the token endpoints the grant is gone, elsewhere the
//!   access token is refused. 5xxxx are TikTok's outages. Anything else is a refused request.
//! - **The consent page** is configurable: TikTok's `/v2/auth/authorize/` with Business scopes by
//!   default, or the Business portal's page. They name the app id differently, so both
//!   `client_key` and `app_id` are sent; TikTok may send the code back as `code` or `auth_code`.
//! - **`/business/get/`** takes the token in an `Access-Token` header, not `Authorization: Bearer`.

use crate::http::{self, Http, Reply, Secret};
use crate::wire::{self, Count, Id, decode};
use crate::{AccountError, BuildError, ClientOptions, SourceError};
use reqwest::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::fmt;

const TOKEN_PATH: &str = "/open_api/v1.3/tt_user/oauth2/token/";
const REFRESH_PATH: &str = "/open_api/v1.3/tt_user/oauth2/refresh_token/";
const REVOKE_PATH: &str = "/open_api/v1.3/tt_user/oauth2/revoke/";
const ACCOUNT_PATH: &str = "/open_api/v1.3/business/get/";

/// What zzyzx asks the account owner for: who the account is (basic), its audience (insights) and
/// whether it is a business account (account type).
pub const BUSINESS_SCOPES: &str = "user.info.basic,user.insights,user.account.type";
/// `fields` of `/business/get/`: a JSON array written as a string. `username` checks whose
/// account it is; the rest is the audience.
const ACCOUNT_FIELDS: &str = r#"["username","audience_countries","audience_genders","audience_ages"]"#;

/// Where the client sends the account owner and itself.
#[derive(Debug, Clone)]
pub struct BusinessConfig {
    /// The app id of an app on TikTok API for Business (business-api.tiktok.com/portal).
    pub app_id: String,
    pub secret: String,
    /// Registered with the app as its TikTok account holder redirect URL, exactly as written here.
    pub redirect_url: String,
    /// The consent page; see [`BusinessConfig::AUTHORIZE_URL`].
    pub authorize_url: String,
    /// `https://business-api.tiktok.com`
    pub base_url: String,
}

impl BusinessConfig {
    /// TikTok's consent page with Business scopes; which page TikTok means for this authorization
    /// is (unconfirmed), the Business portal's being the other candidate.
    pub const AUTHORIZE_URL: &str = "https://www.tiktok.com/v2/auth/authorize/";
    pub const BASE_URL: &str = "https://business-api.tiktok.com";
}

/// Tokens from a code exchange or a refresh.
#[derive(Clone, PartialEq, Eq)]
pub struct BusinessGrant {
    /// `data.open_id`: the account's id for this app, the `business_id` of `/business/get/`.
    pub business_id: String,
    /// The scopes granted, when the answer names them.
    pub scopes: Vec<String>,
    pub access_token: String,
    /// Seconds the access token lives from now, when the answer says.
    pub expires_in: Option<i64>,
    /// `None` when the answer carries none (then the one held stays good).
    pub refresh_token: Option<String>,
    /// Seconds the refresh token lives from now, when the answer says.
    pub refresh_expires_in: Option<i64>,
}

impl fmt::Debug for BusinessGrant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BusinessGrant")
            .field("business_id", &self.business_id)
            .field("scopes", &self.scopes)
            .field("expires_in", &self.expires_in)
            .field("refresh_expires_in", &self.refresh_expires_in)
            .finish_non_exhaustive()
    }
}

/// A business account's audience as the API for Business reports it: shares between 0 and 1.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BusinessAudience {
    /// ISO 3166-1 alpha-2 (upper case) → share.
    pub countries: BTreeMap<String, f64>,
    /// `female`, `male`, `other` → share.
    pub genders: BTreeMap<String, f64>,
    /// `18-24`, `25-34`, `35-44`, `45-54`, `55+` → share.
    pub ages: BTreeMap<String, f64>,
}

impl BusinessAudience {
    pub fn is_empty(&self) -> bool {
        self.countries.is_empty() && self.genders.is_empty() && self.ages.is_empty()
    }
}

/// What `/business/get/` says about the authorizing account.
#[derive(Debug, Clone, PartialEq)]
pub struct BusinessAccount {
    /// Canonical (lowercase, without `@`), when TikTok names it.
    pub username: Option<String>,
    /// `None` when TikTok has none: not a business account, fewer than 100 followers, or a scope
    /// not granted.
    pub audience: Option<BusinessAudience>,
}

/// A client of the API for Business for authorizing account owners. Cheap to share behind an `Arc`.
pub struct TikTokBusiness {
    http: Http,
    app_id: String,
    secret: Secret,
    redirect_url: String,
    authorize_url: reqwest::Url,
    base_url: String,
}

impl fmt::Debug for TikTokBusiness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TikTokBusiness")
            .field("app_id", &self.app_id)
            .field("secret", &self.secret)
            .field("redirect_url", &self.redirect_url)
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

/// Which kind of endpoint answered: an authorization failure means the grant is gone at the token
/// endpoints, and only the access token elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Call {
    Token,
    Api,
}

impl TikTokBusiness {
    pub fn new(config: BusinessConfig, options: ClientOptions) -> Result<Self, BuildError> {
        const NAME: &str = "tiktok business";
        Ok(TikTokBusiness {
            http: Http::new(NAME, &options)?,
            app_id: config.app_id,
            secret: Secret::new(config.secret),
            redirect_url: http::redirect_url(NAME, &config.redirect_url)?,
            authorize_url: http::page_url(NAME, &config.authorize_url)?,
            base_url: http::base_url(NAME, &config.base_url)?,
        })
    }

    pub fn redirect_url(&self) -> &str {
        &self.redirect_url
    }

    /// Where to send the account owner: the consent page for [`BUSINESS_SCOPES`], which comes back
    /// to the redirect URL with a code and `state` (or `error`).
    pub fn authorize_url(&self, state: &str) -> String {
        let mut url = self.authorize_url.clone();
        url.query_pairs_mut()
            .append_pair("client_key", &self.app_id)
            .append_pair("app_id", &self.app_id)
            .append_pair("scope", BUSINESS_SCOPES)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", &self.redirect_url)
            .append_pair("state", state);
        url.into()
    }

    /// Trades the code TikTok sent back for the account's tokens.
    pub async fn exchange_code(&self, code: &str) -> Result<BusinessGrant, AccountError> {
        let body = json!({
            "client_id": self.app_id,
            "client_secret": self.secret.expose(),
            "grant_type": "authorization_code",
            "auth_code": code,
            "redirect_uri": self.redirect_url,
        });
        self.token(TOKEN_PATH, &body).await
    }

    /// New tokens for a refresh token. Store the answer's refresh token when it has one: it may be
    /// a new one, and the old one dead.
    pub async fn refresh(&self, refresh_token: &str) -> Result<BusinessGrant, AccountError> {
        let body = json!({
            "client_id": self.app_id,
            "client_secret": self.secret.expose(),
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
        });
        self.token(REFRESH_PATH, &body).await
    }

    /// Ends the authorization at TikTok.
    pub async fn revoke(&self, access_token: &str) -> Result<(), AccountError> {
        let body = json!({
            "client_id": self.app_id,
            "client_secret": self.secret.expose(),
            "access_token": access_token,
        });
        let request = self.http.client().post(format!("{}{REVOKE_PATH}", self.base_url)).json(&body);
        envelope(&self.http.send(request).await?, Call::Token).map(drop)
    }

    async fn token(&self, path: &str, body: &Value) -> Result<BusinessGrant, AccountError> {
        let request = self.http.client().post(format!("{}{path}", self.base_url)).json(body);
        let data = envelope(&self.http.send(request).await?, Call::Token)?;
        if !data.is_object() {
            return Err(SourceError::BadPayload("token answer without data".into()).into());
        }
        let raw: RawGrant = decode(data, "token answer")?;
        let business_id = match &raw.open_id {
            Some(id) => id.get("data.open_id")?.to_owned(),
            None => return Err(SourceError::BadPayload("token answer without data.open_id".into()).into()),
        };
        let Some(access_token) = wire::text(raw.access_token) else {
            return Err(SourceError::BadPayload("token answer without data.access_token".into()).into());
        };
        let lifetime = |count: Option<Count>, field: &str| count.map(|c| c.get(field)).transpose();
        Ok(BusinessGrant {
            business_id,
            scopes: scopes(raw.scope),
            access_token,
            expires_in: lifetime(raw.expires_in, "data.expires_in")?,
            refresh_token: wire::text(raw.refresh_token),
            refresh_expires_in: match raw.refresh_token_expires_in {
                Some(count) => Some(count.get("data.refresh_token_expires_in")?),
                None => lifetime(raw.refresh_expires_in, "data.refresh_expires_in")?,
            },
        })
    }

    /// Which account the token is for and its audience, read with the token in `Access-Token`.
    pub async fn account(&self, access_token: &str, business_id: &str) -> Result<BusinessAccount, AccountError> {
        let request = self
            .http
            .client()
            .get(format!("{}{ACCOUNT_PATH}", self.base_url))
            .query(&[("business_id", business_id), ("fields", ACCOUNT_FIELDS)])
            .header("Access-Token", access_token);
        let data = envelope(&self.http.send(request).await?, Call::Api)?;
        if !data.is_object() {
            return Err(SourceError::BadPayload("business account without data".into()).into());
        }
        let raw: RawAccount = decode(data, "business account")?;
        let audience = BusinessAudience {
            countries: shares(raw.audience_countries, country_code),
            genders: shares(raw.audience_genders, gender),
            ages: shares(raw.audience_ages, age_band),
        };
        Ok(BusinessAccount {
            username: wire::text(raw.username).map(|u| wire::canonical_handle(&u)).filter(|u| !u.is_empty()),
            audience: (!audience.is_empty()).then_some(audience),
        })
    }
}

/// `data` of a Business envelope (`Null` when absent), after checking `code` (on 200s too) and
/// the status.
fn envelope(reply: &Reply, call: Call) -> Result<Value, AccountError> {
    let body = match reply.json() {
        Ok(body) => body,
        Err(error) if reply.status.is_success() => return Err(error.into()),
        Err(_) => return Err(status_failure(reply, call, None)),
    };
    let code = body.get("code").and_then(|code| code.as_i64().or_else(|| code.as_str()?.trim().parse().ok()));
    let Some(code) = code else {
        return Err(if reply.status.is_success() {
            SourceError::BadPayload("answer without code".into()).into()
        } else {
            status_failure(reply, call, None)
        });
    };
    let message = body.get("message").and_then(Value::as_str).unwrap_or("");
    if code != 0 {
        return Err(code_failure(reply, call, code, message));
    }
    if !reply.status.is_success() {
        return Err(status_failure(reply, call, Some(message)));
    }
    Ok(body.get("data").cloned().unwrap_or(Value::Null))
}

/// A non-zero `code`, read as the module documentation says.
fn code_failure(reply: &Reply, call: Call, code: i64, message: &str) -> AccountError {
    let detail = format!("{code}: {}", http::clip(message));
    match code {
        40100 | 42900 => SourceError::RateLimited { retry_after: reply.retry_after() }.into(),
        40001 | 40101..=40199 => match call {
            Call::Token => AccountError::AuthorizationGone(detail),
            Call::Api => AccountError::TokenInvalid(detail),
        },
        50000..=59999 => SourceError::Unavailable(detail).into(),
        _ => SourceError::Rejected(detail).into(),
    }
}

/// A failed answer without a usable envelope, read by its status. A 401 is zzyzx's app
/// credentials at the token endpoints, and the account's token elsewhere.
fn status_failure(reply: &Reply, call: Call, message: Option<&str>) -> AccountError {
    match (reply.status, call) {
        (StatusCode::UNAUTHORIZED, Call::Api) => {
            AccountError::TokenInvalid(format!("{}: {}", reply.status, message.unwrap_or("token refused")))
        }
        _ => reply.status_error(message).into(),
    }
}

/// Granted scopes, from comma-separated text or an array of names.
fn scopes(raw: Option<Value>) -> Vec<String> {
    let names: Vec<String> = match raw {
        Some(Value::String(text)) => text.split(',').map(String::from).collect(),
        Some(Value::Array(items)) => items.into_iter().filter_map(|item| item.as_str().map(String::from)).collect(),
        _ => Vec::new(),
    };
    names.iter().map(|name| name.trim()).filter(|name| !name.is_empty()).map(String::from).collect()
}

/// Named shares, normalised by `key` (unknown names dropped) and kept only between 0 and 1.
fn shares(entries: Option<Vec<RawShare>>, key: fn(&str) -> Option<String>) -> BTreeMap<String, f64> {
    let mut out = BTreeMap::new();
    for entry in entries.unwrap_or_default() {
        if let (Some(name), Some(share)) = (entry.name.as_deref().and_then(key), entry.percentage)
            && share.is_finite()
            && (0.0..=1.0).contains(&share)
        {
            *out.entry(name).or_insert(0.0) += share;
        }
    }
    out
}

fn country_code(name: &str) -> Option<String> {
    let code = name.trim();
    (code.len() == 2 && code.bytes().all(|b| b.is_ascii_alphabetic())).then(|| code.to_ascii_uppercase())
}

fn gender(name: &str) -> Option<String> {
    match name.trim().to_ascii_lowercase().as_str() {
        "female" => Some("female".into()),
        "male" => Some("male".into()),
        "other" | "none" | "unknown" => Some("other".into()),
        _ => None,
    }
}

fn age_band(name: &str) -> Option<String> {
    let band = name.trim();
    ["18-24", "25-34", "35-44", "45-54", "55+"].contains(&band).then(|| band.to_string())
}

#[derive(Deserialize)]
struct RawGrant {
    open_id: Option<Id>,
    access_token: Option<String>,
    refresh_token: Option<String>,
    expires_in: Option<Count>,
    // Two names seen for one field: read both rather than fail on an answer that has both.
    refresh_token_expires_in: Option<Count>,
    refresh_expires_in: Option<Count>,
    scope: Option<Value>,
}

#[derive(Deserialize)]
struct RawAccount {
    username: Option<String>,
    audience_countries: Option<Vec<RawShare>>,
    audience_genders: Option<Vec<RawShare>>,
    audience_ages: Option<Vec<RawShare>>,
}

/// One `{country|gender|age, percentage}` entry.
#[derive(Deserialize)]
struct RawShare {
    #[serde(alias = "country", alias = "gender", alias = "age")]
    name: Option<String>,
    percentage: Option<f64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demographic_names_are_normalised_and_unknown_ones_dropped() {
        assert_eq!(country_code(" us ").as_deref(), Some("US"));
        assert_eq!(country_code("USA"), None);
        assert_eq!(gender("Female").as_deref(), Some("female"));
        assert_eq!(gender("NONE").as_deref(), Some("other"));
        assert_eq!(gender("robot"), None);
        assert_eq!(age_band("55+").as_deref(), Some("55+"));
        assert_eq!(age_band("35+"), None);
    }

    #[test]
    fn scopes_are_read_from_text_or_an_array() {
        assert_eq!(scopes(Some(json!("user.info.basic, user.insights,"))), ["user.info.basic", "user.insights"]);
        assert_eq!(scopes(Some(json!(["user.insights", 3, " "]))), ["user.insights"]);
        assert!(scopes(None).is_empty());
    }
}
