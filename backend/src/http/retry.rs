//! A read that failed because the database connection was lost (a restarted or failed-over
//! PostgreSQL, a terminated backend) is tried once more before the client sees a 500: the pool
//! opens a fresh connection for the second try. Only `GET` and `HEAD`, which change nothing, are
//! repeated.

use actix_web::body::{BoxBody, MessageBody};
use actix_web::dev::{Payload, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::Next;

/// Set on a 500 response whose cause was a lost database connection.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLost;

pub async fn retry_lost_connections(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let repeatable = matches!(*request.method(), Method::GET | Method::HEAD);
    let response = next.call(request).await?.map_into_boxed_body();
    let lost = response.status() == StatusCode::INTERNAL_SERVER_ERROR
        && response.response().extensions().get::<ConnectionLost>().is_some();
    if !repeatable || !lost {
        return Ok(response);
    }
    // The failed response held the only other handle on the request; with it gone the request
    // can be routed again from the start.
    let (request, failed) = response.into_parts();
    drop(failed);
    let mut request = ServiceRequest::from_parts(request, Payload::None);
    request.match_info_mut().reset();
    tracing::warn!("database connection lost; trying the read once more");
    Ok(next.call(request).await?.map_into_boxed_body())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::http::problem::ApiError;
    use actix_web::{App, HttpResponse, test, web};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn lost() -> ApiError {
        let io = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "connection reset by peer");
        ApiError::Unexpected(anyhow::Error::new(sqlx::Error::Io(io)).context("reading a list"))
    }

    /// A scope and a path parameter, as the API routes: the first call fails with `$first`,
    /// the next ones answer the id they were routed with.
    macro_rules! app {
        ($first:expr) => {{
            let calls = Arc::new(AtomicUsize::new(0));
            let counter = calls.clone();
            let handler = move |id: web::Path<u32>| {
                let counter = counter.clone();
                async move {
                    match counter.fetch_add(1, Ordering::SeqCst) {
                        0 => Err($first),
                        _ => Ok(HttpResponse::Ok().body(id.to_string())),
                    }
                }
            };
            let things =
                web::resource("/things/{id}").route(web::get().to(handler.clone())).route(web::post().to(handler));
            let app = App::new()
                .service(web::scope("/api/v1").service(things))
                .wrap(actix_web::middleware::from_fn(retry_lost_connections));
            (test::init_service(app).await, calls)
        }};
    }

    #[actix_web::test]
    async fn a_read_that_lost_its_connection_is_routed_again_once() {
        let (app, calls) = app!(lost());
        let response = test::call_service(&app, test::TestRequest::get().uri("/api/v1/things/7").to_request()).await;
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(test::read_body(response).await, "7");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[actix_web::test]
    async fn writes_and_other_failures_are_not_repeated() {
        let (app, calls) = app!(lost());
        let response = test::call_service(&app, test::TestRequest::post().uri("/api/v1/things/7").to_request()).await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(calls.load(Ordering::SeqCst), 1);

        let (app, calls) = app!(ApiError::Unexpected(anyhow::anyhow!("a bug")));
        let response = test::call_service(&app, test::TestRequest::get().uri("/api/v1/things/7").to_request()).await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
