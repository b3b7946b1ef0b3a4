//! The HTTP API under `/api/v1`: one module per resource path, the problem format, and the
//! OpenAPI document collected from the handlers themselves. Where each path is handled:
//!
//! | path | module |
//! |---|---|
//! | `/auth/…` | `auth` |
//! | `/lists`, `/lists/{id}` | `lists` |
//! | `/lists/{id}/items…`, `/lists/{id}/order` | `lists::items` |
//! | `/lists/{id}/dashboard`, `dashboard.csv` | `lists::dashboard` |
//! | `/lists/{id}/share-links…` | `lists::share_links` |
//! | `/shared/dashboard`, `/shared/campaign` | `shared` |
//! | `/campaigns`, `/campaigns/{id}` | `campaigns` |
//! | `/campaigns/{id}/creators…` | `campaigns::creators` |
//! | `/campaigns/{id}/posts…` | `campaigns::posts` |
//! | `/campaigns/{id}/orders…` | `campaigns::orders` |
//! | `/campaigns/{id}/report…`, `share-links…` | `campaigns::report` |
//! | `/creators/search`, `/creators/{id}` | `creators` |
//! | `/creators/{id}/metrics…` | `creators::metrics` |
//! | `/creators/{id}/videos`, `top-video` | `creators::videos` |
//! | `/creators/{id}/analytics` | `creators::analytics` |
//! | `/creators/{id}/audience` | `creators::audience` |
//! | `/creators/{id}/refresh` | `creators::refresh` |
//! | `/creators/{id}/connection`, `/connections`, `/connect/…` | `connections` |
//! | `/imports/…` | `imports` |
//! | `/hashtags/{tag}/videos` | `hashtags` |
//! | `/discover/rising` | `discover` |
//! | `/workspace` | `workspace` |
//! | `/workspace/members…` | `workspace::members` |
//! | `/workspace/invitations…` | `workspace::invitations` |
//! | `/workspace/analytics-settings`, `target-audience` | `workspace::settings` |
//! | `/invitations/…` | `invitations` |
//! | `/api-keys…` | `api_keys` |
//! | `/jobs/{id}` | `jobs` |
//! | `/events…`, `/inbox/…`, `/workspace/alert-rules`, `/workspace/digest` | `alerts` |
//! | `/webhooks…` | `webhooks` |
//! | `/sources/status` | `sources` |
//! | `/health…` | `health` |
//!
//! Beside them: `caller` (who is calling and what they may do), `problem` (errors as problem
//! details), `body` (JSON and CSV bodies), `pagination`, `csv` (downloads), `schema_rules` (the
//! rules the OpenAPI document states beyond types) and `web_app` (the SPA).

pub mod alerts;
pub mod api_keys;
pub mod auth;
mod body;
pub mod caller;
pub mod campaigns;
pub mod connections;
pub mod creators;
mod csv;
pub mod discover;
pub mod hashtags;
mod health;
pub mod imports;
pub mod invitations;
pub mod jobs;
pub mod lists;
pub mod pagination;
pub mod problem;
mod request_guard;
mod retry;
pub mod schema_rules;
pub mod share_links;
pub mod shared;
pub mod sources;
pub mod web_app;
pub mod webhooks;
pub mod workspace;

use actix_web::{HttpRequest, HttpResponse, web};
use std::sync::LazyLock;
use utoipa::OpenApi;
use utoipa::openapi::path::{HttpMethod, Operation};
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{Object, OneOfBuilder, Schema, Type};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, RefOr};
use utoipa_actix_web::AppExt;

pub use body::JSON_LIMIT;
use problem::ApiError;
pub use request_guard::{MAX_HEADER_BYTES, guard_requests};
pub use retry::retry_lost_connections;

pub const API_PREFIX: &str = "/api/v1";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "zzyzx",
        description = "Tracks TikTok creators over time for brands.\n\n\
            **Authentication.** Third-party tools use an API key made by a workspace owner: send it as \
            `Authorization: Bearer zz_…`. It acts in its workspace with its scopes (`lists:read`, \
            `lists:write`, `creators:read`, `creators:write`, `campaigns:read`, `campaigns:write`), never with more than its creator's role, and \
            never manages the workspace; each key may make 600 requests a minute per instance by default (429 with \
            `Retry-After` beyond). People log in for a short-lived access token, sent the same way; the web \
            app refreshes it through an HttpOnly cookie, other clients ask for the refresh token in the body \
            (`refresh_token_delivery: body`). Credentials in a query string are refused.\n\n\
            **Roles.** Viewers read; editors also change lists, items, metrics and audiences, and run \
            campaigns; owners also delete campaigns and manage members, invitations, API keys, share links and \
            settings.\n\n\
            **Workspaces.** Every request acts in one workspace: the one named by the `X-Workspace-Id` \
            header, or the caller's first workspace without it. Another workspace's objects answer 404.\n\n\
            **Errors** are RFC 9457 problem details (`application/problem+json`) with a stable `code`.\n\n\
            **Limits.** Request headers up to 16 KiB in all (431 beyond); query strings must be valid \
            percent-encoded UTF-8 and carry no credential-like parameter (`api_key`, `token`, `authorization`, \
            `bearer`, …: 400). JSON bodies up to 64 KiB (metric batches 2 MiB, CSV imports 16 MiB); pages of 1 to \
            100 items (50 by default); unknown query parameters are ignored, unknown body fields refused.",
        license(name = "AGPL-3.0-only")
    ),
    tags(
        (name = "auth", description = "Accounts and sessions"),
        (name = "lists", description = "Lists of creators and their order"),
        (name = "creators", description = "Creators, their metric history and videos"),
        (name = "discovery", description = "Finding new creators through hashtags"),
        (name = "analytics", description = "Growth, projections, engagement, outliers, rising creators, fit and fair price"),
        (name = "workspace", description = "The workspace, its members and invitations, analytics assumptions and target audience"),
        (name = "api-keys", description = "Keys for third-party tools"),
        (name = "campaigns", description = "Seeding campaigns: the pipeline, detected posts, orders and the report"),
        (name = "sharing", description = "Public, read-only links to a list's dashboard or a campaign's report"),
        (name = "jobs", description = "Progress of long operations"),
        (name = "sources", description = "The TikTok data source"),
        (name = "connect", description = "A creator connecting their own TikTok account through a brand's connect link (no login)"),
        (name = "health", description = "Liveness and readiness"),
    ),
    components(schemas(
        problem::Problem,
        problem::FieldError,
        problem::ErrorCode,
        imports::ImportMode,
        creators::metrics::IntervalParam,
        creators::videos::VideoSort,
        crate::services::analytics::DashboardSort,
        crate::services::analytics::SortOrder,
        zzyzx_analytics::Tier
    ))
)]
struct ApiDoc;

/// Registers every API route; used by the server and by the OpenAPI generator alike.
pub fn routes(config: &mut utoipa_actix_web::service_config::ServiceConfig) {
    config
        .configure(health::routes)
        .configure(auth::routes)
        .configure(lists::routes)
        .configure(campaigns::routes)
        .configure(shared::routes)
        .configure(creators::routes)
        .configure(connections::routes)
        .configure(imports::routes)
        .configure(hashtags::routes)
        .configure(discover::routes)
        .configure(workspace::routes)
        .configure(invitations::routes)
        .configure(api_keys::routes)
        .configure(jobs::routes)
        .configure(sources::routes)
        .configure(alerts::routes)
        .configure(webhooks::routes);
}

/// The OpenAPI document, collected from the registered handlers and completed with the error
/// responses every operation can give.
pub fn openapi() -> utoipa::openapi::OpenApi {
    static DOCUMENT: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(|| {
        let (_, mut document) = actix_web::App::new()
            .into_utoipa_app()
            .openapi(ApiDoc::openapi())
            .service(utoipa_actix_web::scope(API_PREFIX).configure(routes))
            .split_for_parts();
        complete(&mut document);
        restore_generic_nulls(&mut document);
        schema_rules::apply(&mut document);
        document
    });
    DOCUMENT.clone()
}

pub fn openapi_yaml() -> String {
    openapi().to_yaml().expect("the OpenAPI document serialises")
}

fn problem_response(description: &str) -> RefOr<utoipa::openapi::Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/problem+json",
            ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build(),
        )
        .into()
}

/// Adds the security scheme and, to every operation, the problem responses it can give.
fn complete(document: &mut utoipa::openapi::OpenApi) {
    let components = document.components.get_or_insert_with(Default::default);
    components.add_security_scheme(
        "bearer",
        SecurityScheme::Http(
            HttpBuilder::new()
                .scheme(HttpAuthScheme::Bearer)
                .bearer_format("API key (zz_…) or access token (JWT)")
                .build(),
        ),
    );
    components.add_security_scheme(
        "share_link",
        SecurityScheme::Http(
            HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("share link (zzs_…)").build(),
        ),
    );
    for (path, item) in document.paths.paths.iter_mut() {
        let has_path_parameters = path.contains('{');
        for (_, operation) in operations(item) {
            let secured = operation.security.as_ref().is_some_and(|s| !s.is_empty());
            let has_query = operation.parameters.as_ref().is_some_and(|ps| {
                ps.iter().any(|p| matches!(p.parameter_in, utoipa::openapi::path::ParameterIn::Query))
            });
            let has_body = operation.request_body.is_some();
            let mut add = |status: &str, description: &str| {
                operation
                    .responses
                    .responses
                    .entry(status.to_string())
                    .or_insert_with(|| problem_response(description));
            };
            if has_body || has_query || secured {
                add("400", "Malformed request: invalid JSON, query string or workspace header");
            }
            if secured {
                add("401", "Missing, invalid, expired or revoked token or key");
                add("403", "Your role, or the API key's scopes, do not allow this");
                add("404", "Not found, or not visible in this workspace");
                add("429", "This API key made too many requests; see `Retry-After`");
            } else if has_path_parameters {
                add("404", "Not found");
            }
            if has_body {
                add("413", "The body is larger than this endpoint accepts");
                add("415", "Wrong content type");
            }
            if has_body || has_query {
                add("422", "Invalid input; `errors` points at each problem");
            }
            add("500", "Unexpected server error");
        }
    }
}

/// utoipa 5.5 loses the `null` of an `Option<T>` field whose `T` is a type parameter
/// (juhaku/utoipa#1468): `Measure<T>::value`, in every `Measure_…` schema, is that field.
fn restore_generic_nulls(document: &mut utoipa::openapi::OpenApi) {
    let schemas = document.components.iter_mut().flat_map(|c| c.schemas.iter_mut());
    for (_, schema) in schemas.filter(|(name, _)| name.starts_with("Measure_")) {
        if let RefOr::T(Schema::Object(measure)) = schema
            && let Some(value) = measure.properties.remove("value")
        {
            let nullable = OneOfBuilder::new().item(Object::with_type(Type::Null)).item(value);
            measure.properties.insert("value".into(), nullable.into());
        }
    }
}

fn operations(item: &mut utoipa::openapi::PathItem) -> Vec<(HttpMethod, &mut Operation)> {
    [
        (HttpMethod::Get, item.get.as_mut()),
        (HttpMethod::Post, item.post.as_mut()),
        (HttpMethod::Put, item.put.as_mut()),
        (HttpMethod::Patch, item.patch.as_mut()),
        (HttpMethod::Delete, item.delete.as_mut()),
    ]
    .into_iter()
    .filter_map(|(method, operation)| operation.map(|o| (method, o)))
    .collect()
}

/// Path templates and their methods, to tell "no such resource" (404) from "no such method
/// here" (405 with `Allow`).
static ROUTES: LazyLock<Vec<(Vec<String>, String)>> = LazyLock::new(|| {
    let document = openapi();
    document
        .paths
        .paths
        .iter()
        .map(|(path, item)| {
            let segments = path.split('/').map(str::to_owned).collect();
            let mut allowed: Vec<&str> = Vec::new();
            for (present, name) in [
                (item.get.is_some(), "GET"),
                (item.post.is_some(), "POST"),
                (item.put.is_some(), "PUT"),
                (item.patch.is_some(), "PATCH"),
                (item.delete.is_some(), "DELETE"),
            ] {
                if present {
                    allowed.push(name);
                }
            }
            (segments, allowed.join(", "))
        })
        .collect()
});

fn allowed_methods(path: &str) -> Option<&'static str> {
    let segments: Vec<&str> = path.split('/').collect();
    ROUTES.iter().find_map(|(template, allowed)| {
        let matches = template.len() == segments.len()
            && template.iter().zip(&segments).all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t == s);
        matches.then_some(allowed.as_str())
    })
}

/// What answers when no route matched: a problem under `/api`, the web app elsewhere.
pub async fn fallback(request: HttpRequest, web_app: web::Data<web_app::WebApp>) -> Result<HttpResponse, ApiError> {
    if request.path() == "/api" || request.path().starts_with("/api/") {
        return match allowed_methods(request.path()) {
            Some(allowed) => Err(ApiError::MethodNotAllowed(allowed.to_owned())),
            None => Err(ApiError::NotFound),
        };
    }
    web_app::serve(request, web_app).await
}

/// Configures actix-web's own extractors to answer with problem details.
pub fn extractor_configs() -> (web::JsonConfig, web::QueryConfig, web::PathConfig) {
    (
        web::JsonConfig::default().limit(JSON_LIMIT).error_handler(problem::json_error),
        web::QueryConfig::default().error_handler(problem::query_error),
        web::PathConfig::default().error_handler(problem::path_error),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_are_found_for_templates() {
        assert_eq!(allowed_methods("/api/v1/auth/login"), Some("POST"));
        assert_eq!(allowed_methods("/api/v1/lists/abc"), Some("GET, PATCH, DELETE"));
        assert_eq!(allowed_methods("/api/v1/nothing"), None);
    }

    #[test]
    fn every_operation_documents_problem_responses() {
        let document = openapi();
        for (path, item) in document.paths.paths.clone().iter_mut() {
            for (_, operation) in operations(item) {
                assert!(operation.responses.responses.contains_key("500"), "{path} lacks a 500 response");
            }
        }
    }
}
