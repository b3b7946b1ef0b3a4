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
/// refused, and every failure is a problem response. A whole number written with a fraction or
/// an exponent (`1.0`, `2e3`) is an integer, as JSON Schema counts it.
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
            let parsed = serde_json::from_str::<T>(raw.get()).or_else(|error| {
                let float_for_integer = error.to_string().starts_with("invalid type: floating point");
                match float_for_integer.then(|| integral_numbers_as_integers(raw.get())).flatten() {
                    Some(rewritten) => serde_json::from_str::<T>(&rewritten),
                    None => Err(error),
                }
            });
            parsed.map(Json).map_err(|e| deserialize_error(&e).into())
        })
    }
}

/// Integers beyond this many digits stay as written (and are refused where an integer is due).
const MAX_INTEGER_DIGITS: usize = 20;

/// `json` with every number that is a whole number but written with a fraction or exponent
/// (`3.0`, `1e3`, `2.50e1`) spelled as an integer, decided on the digits rather than a float, so
/// nothing is rounded; `None` when there is no such number.
fn integral_numbers_as_integers(json: &str) -> Option<String> {
    let bytes = json.as_bytes();
    let mut out = String::with_capacity(json.len());
    let (mut copied, mut at, mut changed) = (0, 0, false);
    while at < bytes.len() {
        match bytes[at] {
            b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
                at += 1;
            }
            b'-' | b'0'..=b'9' => {
                let start = at;
                while at < bytes.len() && matches!(bytes[at], b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9') {
                    at += 1;
                }
                if let Some(integer) = whole_number(&json[start..at]) {
                    out.push_str(&json[copied..start]);
                    out.push_str(&integer);
                    copied = at;
                    changed = true;
                }
            }
            _ => at += 1,
        }
    }
    out.push_str(&json[copied..]);
    changed.then_some(out)
}

/// `-12.50e1` → `-125`; `None` for integers already, fractions and implausibly long numbers.
fn whole_number(number: &str) -> Option<String> {
    let (negative, unsigned) = number.strip_prefix('-').map_or((false, number), |rest| (true, rest));
    if !unsigned.contains(['.', 'e', 'E']) {
        return None;
    }
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, exponent.parse::<i64>().ok().filter(|e| e.unsigned_abs() <= 400)?),
        None => (unsigned, 0),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: String = format!("{whole}{fraction}");
    let digits = digits.trim_start_matches('0');
    let shift = exponent - i64::try_from(fraction.len()).ok()?;
    let integer = if digits.is_empty() {
        "0".to_owned()
    } else if shift >= 0 {
        let zeros = usize::try_from(shift).ok().filter(|z| digits.len() + z <= MAX_INTEGER_DIGITS)?;
        format!("{digits}{}", "0".repeat(zeros))
    } else {
        let cut = usize::try_from(-shift).ok()?;
        let kept = digits.len().checked_sub(cut)?;
        if !digits[kept..].bytes().all(|b| b == b'0') {
            return None;
        }
        if kept == 0 { "0".to_owned() } else { digits[..kept].to_owned() }
    };
    if integer.len() > MAX_INTEGER_DIGITS {
        return None;
    }
    Some(if negative && integer != "0" { format!("-{integer}") } else { integer })
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

/// `T`'s schema with no property required: a request body whose left-out fields take their
/// defaults, where an answer always has them all.
pub fn all_optional<T: utoipa::ToSchema>() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::{RefOr, schema::Schema};
    let mut schema = T::schema();
    if let RefOr::T(Schema::Object(object)) = &mut schema {
        object.required.clear();
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_with_a_fraction_or_exponent_become_integers() {
        let cases = [
            ("1.0", Some("1")),
            ("-3.000", Some("-3")),
            ("2e3", Some("2000")),
            ("2e0", Some("2")),
            ("12.50e1", Some("125")),
            ("1500e-2", Some("15")),
            ("0.0", Some("0")),
            ("-0.0", Some("0")),
            ("9223372036854775807.0", Some("9223372036854775807")),
            ("1", None),
            ("1.5", None),
            ("15e-1", None),
            ("1e40", None),
            ("1e-400", None),
            ("1e-9223372036854775808", None),
            ("1.5e-9223372036854775808", None),
        ];
        for (number, expected) in cases {
            assert_eq!(whole_number(number).as_deref(), expected, "{number}");
        }
    }

    #[test]
    fn only_numbers_outside_strings_are_rewritten() {
        let json = r#"{"version": 3.0, "name": "v 2.0 \"4.0\"", "ids": [1, 2e0], "share": 0.5}"#;
        assert_eq!(
            integral_numbers_as_integers(json).as_deref(),
            Some(r#"{"version": 3, "name": "v 2.0 \"4.0\"", "ids": [1, 2], "share": 0.5}"#)
        );
        assert_eq!(integral_numbers_as_integers(r#"{"a": 1, "b": "1.0"}"#), None);
    }
}
