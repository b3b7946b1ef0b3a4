//! Cursor pagination: `limit` from 1 to 100 (50 when absent) and an opaque cursor.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::problem::ApiError;

pub const DEFAULT_LIMIT: i64 = 50;
pub const MAX_LIMIT: i64 = 100;

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    /// The `next_cursor` of the previous page.
    #[param(pattern = "^[A-Za-z0-9_-]+$")]
    pub cursor: Option<String>,
}

impl PageQuery {
    pub fn limit(&self) -> Result<i64, ApiError> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
            Some(_) => Err(ApiError::invalid_parameter("limit", "must be between 1 and 100")),
        }
    }

    /// Decodes the cursor into whatever the endpoint encoded.
    pub fn cursor<T: for<'de> Deserialize<'de>>(&self) -> Result<Option<T>, ApiError> {
        self.cursor.as_deref().map(decode_cursor).transpose()
    }
}

/// A page of results; `next_cursor` is absent on the last page.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next_cursor: Option<String>,
}

pub fn encode_cursor<T: Serialize>(position: &T) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(position).unwrap_or_default())
}

fn decode_cursor<T: for<'de> Deserialize<'de>>(raw: &str) -> Result<T, ApiError> {
    URL_SAFE_NO_PAD
        .decode(raw)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or(ApiError::InvalidCursor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    #[test]
    fn limits_are_bounded() {
        for (limit, ok) in
            [(None, true), (Some(1), true), (Some(100), true), (Some(0), false), (Some(-1), false), (Some(101), false)]
        {
            assert_eq!(PageQuery { limit, cursor: None }.limit().is_ok(), ok, "{limit:?}");
        }
    }

    #[test]
    fn cursors_round_trip_and_tampering_is_refused() {
        let id = Uuid::now_v7();
        let cursor = encode_cursor(&id);
        let page = PageQuery { limit: None, cursor: Some(cursor.clone()) };
        assert_eq!(page.cursor::<Uuid>().unwrap(), Some(id));
        let tampered = PageQuery { limit: None, cursor: Some(format!("x{cursor}")) };
        assert!(tampered.cursor::<Uuid>().is_err());
    }
}
