//! Request bodies larger than the default 64 KiB JSON limit, for the endpoints that need them:
//! metric batches (2 MiB of JSON) and CSV imports (16 MiB).

use actix_web::dev::Payload;
use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, web};
use futures_util::StreamExt;
use futures_util::future::LocalBoxFuture;
use serde::de::DeserializeOwned;
use std::ops::Deref;

use super::problem::{ApiError, json_error};

/// The JSON limit for every endpoint but the ones below.
pub const JSON_LIMIT: usize = 64 * 1024;
pub const LARGE_JSON_LIMIT: usize = 2 * 1024 * 1024;
pub const CSV_LIMIT: usize = 16 * 1024 * 1024;

/// JSON up to [`LARGE_JSON_LIMIT`], with the same error handling as `web::Json`.
pub struct LargeJson<T>(pub T);

impl<T> Deref for LargeJson<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for LargeJson<T> {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(request: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let request = request.clone();
        let body = web::JsonBody::<T>::new(&request, payload, None, true).limit(LARGE_JSON_LIMIT);
        Box::pin(async move {
            body.await
                .map(LargeJson)
                .map_err(|e| json_error(e, &request))
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
                    ApiError::bad_request(
                        super::problem::ErrorCode::MalformedJson,
                        "The body could not be read.",
                    )
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
