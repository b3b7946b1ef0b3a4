//! Errors as RFC 9457 problem details (`application/problem+json`) with a stable machine `code`,
//! including the ones actix-web raises itself (bad JSON, wrong content type, oversized bodies).

use actix_web::error::{JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde::Serialize;
use std::fmt;
use utoipa::ToSchema;

use crate::auth::api_keys::Scope;
use crate::services::{Location, ServiceError, Violation};
use crate::store::{Conflict, Limit, MAX_CAMPAIGN_CREATORS, MAX_LIST_ITEMS, StoreError};

/// Stable, machine-readable error codes: clients switch on these, never on `title` or `detail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    ValidationFailed,
    MalformedJson,
    InvalidQuery,
    InvalidCursor,
    InvalidWorkspaceHeader,
    CredentialsInQuery,
    UnsupportedMediaType,
    PayloadTooLarge,
    HeadersTooLarge,
    AuthenticationRequired,
    InvalidToken,
    InvalidCredentials,
    Forbidden,
    InsufficientScope,
    ApiKeyNotAllowed,
    NotFound,
    MethodNotAllowed,
    EmailTaken,
    DuplicateListName,
    CreatorAlreadyInList,
    StaleVersion,
    StaleCursor,
    ItemSetMismatch,
    LastOwner,
    AlreadyMember,
    DuplicateCampaignName,
    DuplicateDiscountCode,
    PostAlreadyInCampaign,
    DuplicateOrder,
    NotConnected,
    InvitationUsed,
    InvitationExpired,
    InvitationForAnotherEmail,
    LimitReached,
    ImportRejected,
    TooManyRequests,
    SourceUnavailable,
    UpstreamFailed,
    Unavailable,
    Internal,
}

impl ErrorCode {
    fn as_str(self) -> String {
        serde_json::to_value(self).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    }
}

/// One invalid input: `pointer` is a JSON Pointer into the body, `parameter` names a query or
/// path parameter, `line` a line of an uploaded file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FieldError {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    pub detail: String,
}

impl FieldError {
    pub fn body(pointer: impl Into<String>, detail: impl fmt::Display) -> Self {
        Self { pointer: Some(pointer.into()), parameter: None, line: None, detail: detail.to_string() }
    }

    pub fn parameter(name: impl Into<String>, detail: impl fmt::Display) -> Self {
        Self { pointer: None, parameter: Some(name.into()), line: None, detail: detail.to_string() }
    }

    pub fn line(line: u64, detail: impl fmt::Display) -> Self {
        Self { pointer: None, parameter: None, line: Some(line), detail: detail.to_string() }
    }
}

/// An RFC 9457 problem details object.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:zzyzx:problem:validation_failed",
    "title": "Request validation failed",
    "status": 422,
    "detail": "One or more fields are invalid.",
    "code": "validation_failed",
    "errors": [{"pointer": "/name", "detail": "must be at most 100 characters"}]
}))]
pub struct Problem {
    /// `urn:zzyzx:problem:<code>`.
    #[serde(rename = "type")]
    pub type_: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    pub code: ErrorCode,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
}

/// Why a caller may not do something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Denial {
    /// Their role in the workspace is too low.
    Role,
    /// An API key without this scope.
    Scope(Scope),
    /// Only a person, logged in, may do this; not an API key.
    ApiKey,
    /// The invitation names another e-mail address.
    OtherEmail,
}

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("bad request: {detail}")]
    BadRequest { code: ErrorCode, detail: String },
    /// A `cursor` parameter this API did not issue.
    #[error("invalid cursor")]
    InvalidCursor,
    #[error("unsupported media type")]
    UnsupportedMediaType(&'static str),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("request headers too large")]
    HeadersTooLarge,
    #[error("authentication required")]
    AuthenticationRequired,
    #[error("invalid token")]
    InvalidToken,
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("forbidden")]
    Forbidden(Denial),
    #[error("not found")]
    NotFound,
    #[error("method not allowed")]
    MethodNotAllowed(String),
    #[error("conflict: {detail}")]
    Conflict { code: ErrorCode, detail: String },
    #[error("import rejected")]
    ImportRejected { errors: Vec<FieldError>, total: usize },
    #[error("too many requests")]
    TooManyRequests { retry_after: u64 },
    /// No data source is configured that can do this.
    #[error("source unavailable: {0}")]
    SourceUnavailable(&'static str),
    /// The data source failed while answering this request.
    #[error("upstream failed: {0}")]
    UpstreamFailed(String),
    #[error("unavailable")]
    Unavailable,
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl ApiError {
    pub fn invalid(pointer: &str, detail: impl fmt::Display) -> Self {
        ApiError::Validation(vec![FieldError::body(pointer, detail)])
    }

    pub fn invalid_parameter(name: &str, detail: impl fmt::Display) -> Self {
        ApiError::Validation(vec![FieldError::parameter(name, detail)])
    }

    pub fn bad_request(code: ErrorCode, detail: impl Into<String>) -> Self {
        ApiError::BadRequest { code, detail: detail.into() }
    }

    fn parts(&self) -> (ErrorCode, &'static str, String) {
        match self {
            ApiError::Validation(_) => {
                (ErrorCode::ValidationFailed, "Request validation failed", "One or more fields are invalid.".into())
            }
            ApiError::BadRequest { code, detail } => (*code, "Bad request", detail.clone()),
            ApiError::InvalidCursor => {
                (ErrorCode::InvalidCursor, "Bad request", "The cursor is not one this API issued.".into())
            }
            ApiError::UnsupportedMediaType(expected) => {
                (ErrorCode::UnsupportedMediaType, "Unsupported media type", format!("Send the body as {expected}."))
            }
            ApiError::PayloadTooLarge => (
                ErrorCode::PayloadTooLarge,
                "Payload too large",
                "The request body is larger than this endpoint accepts.".into(),
            ),
            ApiError::HeadersTooLarge => (
                ErrorCode::HeadersTooLarge,
                "Request headers too large",
                "The request's headers together exceed 16 KiB.".into(),
            ),
            ApiError::AuthenticationRequired => (
                ErrorCode::AuthenticationRequired,
                "Authentication required",
                "Send an access token as 'Authorization: Bearer <token>'.".into(),
            ),
            ApiError::InvalidToken => {
                (ErrorCode::InvalidToken, "Invalid token", "The token is invalid, expired or revoked.".into())
            }
            ApiError::InvalidCredentials => (
                ErrorCode::InvalidCredentials,
                "Invalid credentials",
                "The e-mail address or password is incorrect.".into(),
            ),
            ApiError::Forbidden(Denial::Role) => {
                (ErrorCode::Forbidden, "Forbidden", "Your role in this workspace does not allow this.".into())
            }
            ApiError::Forbidden(Denial::Scope(scope)) => (
                ErrorCode::InsufficientScope,
                "Forbidden",
                format!("This API key lacks the '{}' scope.", scope.as_str()),
            ),
            ApiError::Forbidden(Denial::OtherEmail) => (
                ErrorCode::InvitationForAnotherEmail,
                "Forbidden",
                "This invitation is for another e-mail address; log in with that one.".into(),
            ),
            ApiError::Forbidden(Denial::ApiKey) => {
                (ErrorCode::ApiKeyNotAllowed, "Forbidden", "API keys cannot do this; log in as a person.".into())
            }
            ApiError::NotFound => (ErrorCode::NotFound, "Not found", "No such resource.".into()),
            ApiError::MethodNotAllowed(_) => (
                ErrorCode::MethodNotAllowed,
                "Method not allowed",
                "This resource does not support that method.".into(),
            ),
            ApiError::Conflict { code, detail } => (*code, "Conflict", detail.clone()),
            ApiError::ImportRejected { total, .. } => (
                ErrorCode::ImportRejected,
                "Import rejected",
                format!("{total} row(s) are invalid; nothing was imported. Fix them, or import in partial mode."),
            ),
            ApiError::TooManyRequests { retry_after } => {
                (ErrorCode::TooManyRequests, "Too many requests", format!("Try again in {retry_after} second(s)."))
            }
            ApiError::SourceUnavailable(detail) => {
                (ErrorCode::SourceUnavailable, "No data source for this", (*detail).into())
            }
            ApiError::UpstreamFailed(_) => (
                ErrorCode::UpstreamFailed,
                "The data source failed",
                "The TikTok data source did not answer usefully; try again later.".into(),
            ),
            ApiError::Unavailable => {
                (ErrorCode::Unavailable, "Service unavailable", "The database cannot be reached.".into())
            }
            ApiError::Unexpected(_) => {
                (ErrorCode::Internal, "Internal server error", "Something went wrong on our side.".into())
            }
        }
    }
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::Validation(_) | ApiError::ImportRejected { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            ApiError::BadRequest { .. } | ApiError::InvalidCursor => StatusCode::BAD_REQUEST,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::HeadersTooLarge => StatusCode::REQUEST_HEADER_FIELDS_TOO_LARGE,
            ApiError::AuthenticationRequired | ApiError::InvalidToken | ApiError::InvalidCredentials => {
                StatusCode::UNAUTHORIZED
            }
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::SourceUnavailable(_) => StatusCode::CONFLICT,
            ApiError::UpstreamFailed(_) => StatusCode::BAD_GATEWAY,
            ApiError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::Unexpected(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        if let ApiError::Unexpected(error) = self {
            tracing::error!(error = ?error, "request failed");
        }
        let status = self.status_code();
        let (code, title, detail) = self.parts();
        let errors = match self {
            ApiError::Validation(errors) | ApiError::ImportRejected { errors, .. } => errors.clone(),
            ApiError::InvalidCursor => vec![FieldError::parameter("cursor", "is not a cursor this API issued")],
            _ => Vec::new(),
        };
        let problem = Problem {
            type_: format!("urn:zzyzx:problem:{}", code.as_str()),
            title: title.into(),
            status: status.as_u16(),
            detail,
            code,
            errors,
        };
        let mut response = HttpResponse::build(status);
        response.content_type("application/problem+json").insert_header((header::CACHE_CONTROL, "no-store"));
        match self {
            ApiError::TooManyRequests { retry_after } => {
                response.insert_header((header::RETRY_AFTER, retry_after.to_string()));
            }
            ApiError::MethodNotAllowed(allow) => {
                if let Ok(value) = HeaderValue::from_str(allow) {
                    response.insert_header((header::ALLOW, value));
                }
            }
            ApiError::AuthenticationRequired | ApiError::InvalidToken => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            ApiError::Unexpected(error) if crate::store::is_connection_lost(error) => {
                response.extensions_mut().insert(super::retry::ConnectionLost);
            }
            _ => {}
        }
        response.json(problem)
    }
}

impl From<Violation> for FieldError {
    fn from(violation: Violation) -> Self {
        match violation.at {
            Location::Body(pointer) => FieldError::body(pointer, violation.detail),
            Location::Parameter(name) => FieldError::parameter(name, violation.detail),
            Location::Line(line) => FieldError::line(line, violation.detail),
        }
    }
}

fn field_errors(violations: Vec<Violation>) -> Vec<FieldError> {
    violations.into_iter().map(FieldError::from).collect()
}

/// Every broken rule has its own code and words; a new one does not compile until it has them.
fn conflict(conflict: Conflict) -> ApiError {
    let (code, detail) = match conflict {
        Conflict::EmailTaken => (ErrorCode::EmailTaken, "An account with this e-mail address exists; log in instead."),
        Conflict::DuplicateListName => {
            (ErrorCode::DuplicateListName, "A list with this name exists in this workspace.")
        }
        Conflict::CreatorAlreadyInList => (ErrorCode::CreatorAlreadyInList, "This creator is already in the list."),
        Conflict::LastOwner => {
            (ErrorCode::LastOwner, "A workspace keeps at least one owner; make someone else owner first.")
        }
        Conflict::AlreadyMember => (ErrorCode::AlreadyMember, "That person is already a member of this workspace."),
        Conflict::DuplicateCampaignName => {
            (ErrorCode::DuplicateCampaignName, "A campaign with this name exists in this workspace.")
        }
        Conflict::DuplicateDiscountCode => {
            (ErrorCode::DuplicateDiscountCode, "Another creator of this campaign has this discount code.")
        }
        Conflict::PostAlreadyInCampaign => {
            (ErrorCode::PostAlreadyInCampaign, "This video is a post of the campaign already.")
        }
        Conflict::DuplicateOrder => (ErrorCode::DuplicateOrder, "An order with this id is in the campaign already."),
        Conflict::NotConnected => (
            ErrorCode::NotConnected,
            "The TikTok account is not connected; connect it first, then share the business audience.",
        ),
    };
    ApiError::Conflict { code, detail: detail.into() }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound => ApiError::NotFound,
            StoreError::Conflict(rule) => conflict(rule),
            StoreError::StaleVersion => ApiError::Conflict {
                code: ErrorCode::StaleVersion,
                detail: "The list changed since you loaded it; reload and try again.".into(),
            },
            StoreError::ItemSetMismatch => ApiError::Conflict {
                code: ErrorCode::ItemSetMismatch,
                detail: "The order must name every item of the list exactly once.".into(),
            },
            StoreError::LimitReached(Limit::ListFull) => {
                ApiError::invalid("", format!("a list holds at most {MAX_LIST_ITEMS} creators"))
            }
            StoreError::LimitReached(Limit::CampaignFull) => {
                ApiError::invalid("", format!("a campaign holds at most {MAX_CAMPAIGN_CREATORS} creators"))
            }
            StoreError::Unexpected(error) => ApiError::Unexpected(error),
        }
    }
}

impl From<ServiceError> for ApiError {
    fn from(error: ServiceError) -> Self {
        match error {
            ServiceError::Store(error) => error.into(),
            ServiceError::Invalid(violations) => ApiError::Validation(field_errors(violations)),
            ServiceError::ImportRejected { errors, total } => {
                ApiError::ImportRejected { errors: field_errors(errors), total }
            }
            ServiceError::TooManyRequests { retry_after } => ApiError::TooManyRequests { retry_after },
            ServiceError::InvalidCredentials => ApiError::InvalidCredentials,
            ServiceError::InvalidToken => ApiError::InvalidToken,
            ServiceError::SourceUnavailable(detail) => ApiError::SourceUnavailable(detail),
            ServiceError::Upstream(detail) => ApiError::UpstreamFailed(detail),
            ServiceError::Unexpected(error) => ApiError::Unexpected(error),
        }
    }
}

/// Classifies a JSON body error: syntax → 400, wrong shape or unknown field → 422 (with a
/// pointer where serde names the field), wrong content type → 415, too large → 413.
pub fn json_error(error: JsonPayloadError, _: &HttpRequest) -> actix_web::Error {
    let api_error = match &error {
        JsonPayloadError::ContentType => ApiError::UnsupportedMediaType("application/json"),
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => ApiError::PayloadTooLarge,
        JsonPayloadError::Deserialize(inner) => deserialize_error(inner),
        _ => ApiError::bad_request(ErrorCode::MalformedJson, "The body could not be read."),
    };
    api_error.into()
}

/// Syntax errors (truncated JSON, invalid UTF-8, lone surrogates, duplicate keys) are 400; a
/// body of the wrong shape is 422 with a pointer where serde names the field.
pub fn deserialize_error(error: &serde_json::Error) -> ApiError {
    let message = error.to_string();
    if !error.is_data() || message.starts_with("duplicate field") {
        let detail = if message.starts_with("duplicate field") {
            "The body has a duplicate key."
        } else {
            "The body is not valid JSON."
        };
        return ApiError::bad_request(ErrorCode::MalformedJson, detail);
    }
    ApiError::Validation(vec![FieldError::body(pointer_of(&message), strip_position(&message))])
}

/// "unknown field `owner_id`, expected …" → "/owner_id"; other messages point at the whole body.
fn pointer_of(message: &str) -> String {
    for prefix in ["unknown field `", "missing field `"] {
        if let Some(field) = message.strip_prefix(prefix).and_then(|rest| rest.split('`').next()) {
            return format!("/{field}");
        }
    }
    String::new()
}

fn strip_position(message: &str) -> String {
    message.split(" at line ").next().unwrap_or(message).to_string()
}

pub fn query_error(error: QueryPayloadError, _: &HttpRequest) -> actix_web::Error {
    let detail = strip_position(&error.to_string());
    ApiError::bad_request(ErrorCode::InvalidQuery, format!("Invalid query string: {detail}")).into()
}

/// A malformed id in a path is indistinguishable from a missing object.
pub fn path_error(_: PathError, _: &HttpRequest) -> actix_web::Error {
    ApiError::NotFound.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_become_pointers() {
        assert_eq!(pointer_of("unknown field `owner_id`, expected one of `name`"), "/owner_id");
        assert_eq!(pointer_of("invalid type: string"), "");
    }

    #[test]
    fn codes_serialise_in_snake_case() {
        assert_eq!(ErrorCode::DuplicateListName.as_str(), "duplicate_list_name");
    }
}
