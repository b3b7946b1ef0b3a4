//! Checks every API request passes before routing, whatever the endpoint: headers of a sane
//! size, a query string that decodes, and no credentials in the URL (they would end up in logs,
//! proxies and browser histories).

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use percent_encoding::percent_decode_str;

use super::problem::{ApiError, ErrorCode};

/// All request headers together, names and values, at most this many bytes.
pub const MAX_HEADER_BYTES: usize = 16 * 1024;

/// Query parameter names that carry a credential, compared in lower case without `-` and `_`.
const CREDENTIAL_PARAMETERS: [&str; 14] = [
    "apikey",
    "accesstoken",
    "refreshtoken",
    "idtoken",
    "token",
    "key",
    "authorization",
    "auth",
    "bearer",
    "jwt",
    "password",
    "secret",
    "session",
    "sessiontoken",
];

fn header_bytes(request: &ServiceRequest) -> usize {
    request.headers().iter().map(|(name, value)| name.as_str().len() + value.len()).sum()
}

fn decodes(part: &str) -> bool {
    percent_decode_str(&part.replace('+', " ")).decode_utf8().is_ok()
}

fn is_credential(name: &str) -> bool {
    let normalised: String = name.chars().filter(|c| !matches!(c, '-' | '_')).flat_map(char::to_lowercase).collect();
    CREDENTIAL_PARAMETERS.contains(&normalised.as_str())
}

/// Why `query` is refused, if it is.
fn query_problem(query: &str) -> Option<ApiError> {
    let pairs = query.split('&').filter(|pair| !pair.is_empty()).map(|pair| pair.split_once('=').unwrap_or((pair, "")));
    for (name, value) in pairs {
        if !decodes(name) || !decodes(value) {
            return Some(ApiError::bad_request(
                ErrorCode::InvalidQuery,
                "The query string is not valid percent-encoded UTF-8.",
            ));
        }
        let name = percent_decode_str(name).decode_utf8_lossy();
        if is_credential(&name) {
            return Some(ApiError::bad_request(
                ErrorCode::CredentialsInQuery,
                "Credentials are accepted only in the Authorization header, never in the URL.",
            ));
        }
    }
    None
}

/// Refuses what no API endpoint accepts, before any of them runs.
pub async fn guard_requests(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let is_api = request.path() == "/api" || request.path().starts_with("/api/");
    let refusal = if !is_api {
        None
    } else if header_bytes(&request) > MAX_HEADER_BYTES {
        Some(ApiError::HeadersTooLarge)
    } else {
        query_problem(request.query_string())
    };
    match refusal {
        Some(error) => Ok(request.error_response(error).map_into_right_body()),
        None => next.call(request).await.map(ServiceResponse::map_into_left_body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_names_are_found_in_any_spelling() {
        for name in ["api_key", "apikey", "API-KEY", "access_token", "accessToken", "authorization", "Bearer", "token"]
        {
            assert!(is_credential(name), "{name}");
        }
        for name in [
            "q",
            "sort",
            "order",
            "cursor",
            "limit",
            "from",
            "to",
            "interval",
            "tier",
            "min_fit",
            "fit_known",
            "keyword",
        ] {
            assert!(!is_credential(name), "{name}");
        }
    }

    #[test]
    fn queries_must_decode_and_carry_no_credentials() {
        assert!(query_problem("q=maya&limit=10").is_none());
        assert!(query_problem("q=caf%C3%A9+au+lait&").is_none());
        assert!(query_problem("").is_none());
        assert!(matches!(query_problem("q=%FF"), Some(ApiError::BadRequest { code: ErrorCode::InvalidQuery, .. })));
        assert!(matches!(query_problem("%FF=1"), Some(ApiError::BadRequest { code: ErrorCode::InvalidQuery, .. })));
        for query in ["apikey=x", "q=a&authorization=Bearer%20x", "bear%65r=x", "Access-Token=x"] {
            assert!(
                matches!(query_problem(query), Some(ApiError::BadRequest { code: ErrorCode::CredentialsInQuery, .. })),
                "{query}"
            );
        }
    }
}
