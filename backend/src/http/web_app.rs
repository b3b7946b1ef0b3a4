//! Serves the built web app (`frontend/dist`): files as they are, hashed assets cached for a
//! year, and `index.html` for every other path so the app's own router can take it.

use actix_files::NamedFile;
use actix_web::http::{Method, header};
use actix_web::{HttpRequest, HttpResponse, web};
use std::path::{Path, PathBuf};

use super::problem::ApiError;

/// Where the built app lives; `None` when zzyzx runs as an API only.
#[derive(Debug, Clone)]
pub struct WebDir(pub Option<PathBuf>);

const INDEX_POLICY: &str = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; \
     connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/// A path inside the app directory, refusing anything that could climb out of it.
fn resolve(root: &Path, request_path: &str) -> Option<PathBuf> {
    let relative = request_path.trim_start_matches('/');
    let safe = !relative.is_empty()
        && relative
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != ".." && !segment.contains('\\'));
    safe.then(|| root.join(relative)).filter(|path| path.is_file())
}

pub async fn serve(request: HttpRequest, web_dir: web::Data<WebDir>) -> Result<HttpResponse, ApiError> {
    let Some(root) = &web_dir.0 else { return Err(ApiError::NotFound) };
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Err(ApiError::MethodNotAllowed("GET, HEAD".into()));
    }
    let (path, cache) = match resolve(root, request.path()) {
        Some(path) if request.path().starts_with("/assets/") => (path, "public, max-age=31536000, immutable"),
        Some(path) => (path, "no-cache"),
        None => (root.join("index.html"), "no-cache"),
    };
    let is_index = path.ends_with("index.html");
    let file = NamedFile::open_async(&path).await.map_err(|_| ApiError::NotFound)?;
    let mut response = file.use_etag(true).use_last_modified(true).into_response(&request);
    response.headers_mut().insert(header::CACHE_CONTROL, header::HeaderValue::from_static(cache));
    if is_index {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, header::HeaderValue::from_static(INDEX_POLICY));
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_climb_out_of_the_app() {
        let root = std::env::temp_dir();
        for bad in ["/../etc/passwd", "/assets/../../x", "/a//b", "/", "/.\\x"] {
            assert_eq!(resolve(&root, bad), None, "{bad}");
        }
    }
}
