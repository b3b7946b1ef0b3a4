//! Request bodies larger than the default 64 KiB JSON limit, for the endpoints that need them:
//! metric batches (2 MiB of JSON) and CSV imports (16 MiB).

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use std::ops::Deref;

use serde_json::value::RawValue;

use super::problem::{ApiError, deserialize_error, json_error};

/// The JSON limit for every endpoint but the ones below.
pub const JSON_LIMIT: usize = 64 * 1024;
pub const LARGE_JSON_LIMIT: usize = 2 * 1024 * 1024;
pub const CSV_LIMIT: usize = 16 * 1024 * 1024;

/// A JSON object body of at most `LIMIT` bytes, parsed strictly: the top level must be an
/// object (serde would also take an array for a struct), unknown fields and duplicate keys are
/// refused, and every failure is a problem response.
pub struct Json<T, const LIMIT: usize = JSON_LIMIT>(pub T);

/// For the endpoints that take metric batches.
pub type LargeJson<T> = Json<T, LARGE_JSON_LIMIT>;

impl<T, const LIMIT: usize> Json<T, LIMIT> {
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T, const LIMIT: usize> Deref for Json<T, LIMIT> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static, const LIMIT: usize> FromRequest for Json<T, LIMIT> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let request = request.clone();
        let body = web::JsonBody::<Box<RawValue>>::new(&request, payload, None, true).limit(LIMIT);
        Box::pin(async move {
            let raw = body.await.map_err(|e| json_error(e, &request))?;
            if !raw.get().starts_with('{') {
                return Err(ApiError::invalid("", "the body must be a JSON object").into());
            }
            serde_json::from_str::<T>(raw.get()).map(Json).map_err(|e| deserialize_error(&e).into())
        })
    }
}

/// A `text/csv` body up to [`CSV_LIMIT`]; a larger one is refused without reading it all.
pub struct CsvBody(pub web::Bytes);

impl FromRequest for CsvBody {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_csv = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .is_some_and(|mime| mime.trim().eq_ignore_ascii_case("text/csv"));
        let declared_length = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        let mut payload = payload.take();
        Box::pin(async move {
            if !is_csv {
                return Err(ApiError::UnsupportedMediaType("text/csv"));
            }
            if declared_length.is_some_and(|length| length > CSV_LIMIT) {
                return Err(ApiError::PayloadTooLarge);
            }
            let mut body = web::BytesMut::new();
            while let Some(chunk) = payload.next().await {
                let chunk = chunk.map_err(|_| {
                    ApiError::bad_request(super::problem::ErrorCode::MalformedJson, "The body could not be read.")
                })?;
                if body.len() + chunk.len() > CSV_LIMIT {
                    return Err(ApiError::PayloadTooLarge);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(CsvBody(body.freeze()))
        })
    }
}
