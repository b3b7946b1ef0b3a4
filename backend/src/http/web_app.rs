//! Serves the built web app: from a folder on disk when one is configured (`ZZYZX_WEB_DIR`), else
//! from the copy built into the binary, so an installed binary serves its UI from any working
//! directory. Hashed assets are cached for a year, and `index.html` answers every other path so
//! the app's own router can take it.

use actix_files::NamedFile;
use actix_web::http::{Method, header};
use actix_web::{HttpRequest, HttpResponse, web};
use rust_embed::{Embed, EmbeddedFile};
use std::path::{Path, PathBuf};

use super::problem::ApiError;

/// `frontend/dist` as it was when the binary was built (read from disk in debug builds).
#[derive(Embed)]
#[folder = "$CARGO_MANIFEST_DIR/../frontend/dist"]
#[allow_missing = true]
struct BuiltApp;

/// Looks a file of an embedded app up by its path inside the app.
pub type EmbeddedLookup = fn(&str) -> Option<EmbeddedFile>;

/// Where the web app is served from.
#[derive(Clone)]
pub enum WebApp {
    Directory(PathBuf),
    Embedded(EmbeddedLookup),
    /// zzyzx runs as an API only.
    None,
}

impl WebApp {
    /// The configured folder if it holds a built app, else the copy in the binary, if any.
    pub fn find(directory: PathBuf) -> Self {
        if directory.join("index.html").is_file() {
            WebApp::Directory(directory)
        } else if BuiltApp::get("index.html").is_some() {
            WebApp::Embedded(BuiltApp::get)
        } else {
            WebApp::None
        }
    }

    pub fn describe(&self) -> String {
        match self {
            WebApp::Directory(directory) => format!("from {}", directory.display()),
            WebApp::Embedded(_) => "built into the binary".into(),
            WebApp::None => "none".into(),
        }
    }
}

const INDEX_POLICY: &str = "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; \
     connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
const ASSET_CACHE: &str = "public, max-age=31536000, immutable";

/// The request's path inside the app, refusing anything that could climb out of it.
fn relative_path(request_path: &str) -> Option<&str> {
    let relative = request_path.trim_start_matches('/');
    let safe = !relative.is_empty()
        && relative
            .split('/')
            .all(|segment| !segment.is_empty() && segment != "." && segment != ".." && !segment.contains('\\'));
    safe.then_some(relative)
}

fn resolve(root: &Path, request_path: &str) -> Option<PathBuf> {
    relative_path(request_path).map(|relative| root.join(relative)).filter(|path| path.is_file())
}

fn cache_policy(request_path: &str, is_index: bool) -> &'static str {
    if !is_index && request_path.starts_with("/assets/") { ASSET_CACHE } else { "no-cache" }
}

fn finish(mut response: HttpResponse, request_path: &str, is_index: bool) -> HttpResponse {
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, header::HeaderValue::from_static(cache_policy(request_path, is_index)));
    if is_index {
        headers.insert(header::CONTENT_SECURITY_POLICY, header::HeaderValue::from_static(INDEX_POLICY));
    }
    response
}

async fn from_directory(request: &HttpRequest, root: &Path) -> Result<HttpResponse, ApiError> {
    let path = resolve(root, request.path()).unwrap_or_else(|| root.join("index.html"));
    let is_index = path.ends_with("index.html");
    let file = NamedFile::open_async(&path).await.map_err(|_| ApiError::NotFound)?;
    let response = file.use_etag(true).use_last_modified(true).into_response(request);
    Ok(finish(response, request.path(), is_index))
}

fn from_binary(request: &HttpRequest, lookup: EmbeddedLookup) -> Result<HttpResponse, ApiError> {
    let found = relative_path(request.path()).and_then(|relative| lookup(relative).map(|file| (relative, file)));
    let (relative, file) = match found {
        Some(found) => found,
        None => ("index.html", lookup("index.html").ok_or(ApiError::NotFound)?),
    };
    let is_index = relative == "index.html";
    let etag = format!("\"{}\"", hex_digest(&file.metadata.sha256_hash()));
    let unchanged = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|tag| tag.trim() == etag || tag.trim() == "*"));
    let mut response = if unchanged { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    response.insert_header((header::ETAG, etag));
    let response = if unchanged {
        response.finish()
    } else {
        response.content_type(file.metadata.mimetype().to_owned()).body(file.data.into_owned())
    };
    Ok(finish(response, request.path(), is_index))
}

fn hex_digest(bytes: &[u8]) -> String {
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

pub async fn serve(request: HttpRequest, web_app: web::Data<WebApp>) -> Result<HttpResponse, ApiError> {
    if matches!(web_app.as_ref(), WebApp::None) {
        return Err(ApiError::NotFound);
    }
    if request.method() != Method::GET && request.method() != Method::HEAD {
        return Err(ApiError::MethodNotAllowed("GET, HEAD".into()));
    }
    match web_app.as_ref() {
        WebApp::Directory(root) => from_directory(&request, root).await,
        WebApp::Embedded(lookup) => from_binary(&request, *lookup),
        WebApp::None => Err(ApiError::NotFound),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::body::to_bytes;
    use actix_web::test::TestRequest;

    /// A tiny built app, embedded the same way as the real one.
    #[derive(Embed)]
    #[folder = "$CARGO_MANIFEST_DIR/tests/fixtures/web"]
    struct FixtureApp;

    #[test]
    fn paths_cannot_climb_out_of_the_app() {
        for bad in ["/../etc/passwd", "/assets/../../x", "/a//b", "/", "/.\\x"] {
            assert_eq!(relative_path(bad), None, "{bad}");
        }
    }

    async fn get(path: &str, if_none_match: Option<&str>) -> HttpResponse {
        let mut request = TestRequest::get().uri(path);
        if let Some(tag) = if_none_match {
            request = request.insert_header((header::IF_NONE_MATCH, tag));
        }
        serve(request.to_http_request(), web::Data::new(WebApp::Embedded(FixtureApp::get))).await.unwrap()
    }

    #[actix_web::test]
    async fn the_embedded_app_serves_assets_and_routes_to_index() {
        let asset = get("/assets/app-3f2a.js", None).await;
        assert_eq!(asset.status(), 200);
        assert_eq!(asset.headers().get(header::CACHE_CONTROL).unwrap(), ASSET_CACHE);
        assert!(asset.headers().get(header::CONTENT_TYPE).unwrap().to_str().unwrap().contains("javascript"));
        let etag = asset.headers().get(header::ETAG).unwrap().to_str().unwrap().to_owned();
        assert_eq!(get("/assets/app-3f2a.js", Some(&etag)).await.status(), 304, "an unchanged asset is not sent again");

        for path in ["/", "/lists/123", "/assets/missing.js"] {
            let page = get(path, None).await;
            assert_eq!(page.status(), 200, "{path}");
            assert_eq!(page.headers().get(header::CACHE_CONTROL).unwrap(), "no-cache", "{path}");
            assert!(page.headers().contains_key(header::CONTENT_SECURITY_POLICY), "{path}");
            let body = to_bytes(page.into_body()).await.unwrap();
            assert!(String::from_utf8_lossy(&body).contains("zzyzx fixture app"), "{path} answers index.html");
        }
    }
}
