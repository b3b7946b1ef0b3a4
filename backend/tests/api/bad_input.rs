//! Malformed requests get a clean 4xx problem and change nothing; never a 500.

use crate::both_databases;
use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::json;

both_databases! {
    async fn malformed_bodies_get_the_right_problem(app) {
        let user = app.new_user().await;
        let raw = |content_type: Option<&'static str>, body: Vec<u8>| {
            let mut request = app.client.post(app.url("/lists")).bearer_auth(&user.token).body(body);
            if let Some(content_type) = content_type {
                request = request.header("content-type", content_type);
            }
            request.send()
        };
        let json_type = Some("application/json");
        let cases: Vec<(Option<&'static str>, Vec<u8>, StatusCode, &str)> = vec![
            (json_type, br#"{"name": "trunc"#.to_vec(), StatusCode::BAD_REQUEST, "malformed_json"),
            (Some("text/plain"), br#"{"name": "x"}"#.to_vec(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
            (None, br#"{"name": "x"}"#.to_vec(), StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type"),
            (json_type, b"{\"name\": \"\xff\xfe\"}".to_vec(), StatusCode::BAD_REQUEST, "malformed_json"),
            (json_type, br#"{"name": "\ud800"}"#.to_vec(), StatusCode::BAD_REQUEST, "malformed_json"),
            (json_type, br#"{"name": "a", "name": "b"}"#.to_vec(), StatusCode::BAD_REQUEST, "malformed_json"),
            (json_type, br#"{"name": 5}"#.to_vec(), StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            (json_type, br#"["name"]"#.to_vec(), StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
            (json_type, b"{\"name\": \"a\\u0000b\"}".to_vec(), StatusCode::UNPROCESSABLE_ENTITY, "validation_failed"),
        ];
        for (content_type, body, status, code) in cases {
            let shown = String::from_utf8_lossy(&body).into_owned();
            let response = raw(content_type, body).await.unwrap();
            assert_eq!(response.status(), status, "{content_type:?} {shown}");
            expect_problem(response, status, code).await;
        }
        let lists = expect_json(app.get(&user.token, "/lists").await, StatusCode::OK).await;
        assert_eq!(lists["items"].as_array().unwrap().len(), 0, "nothing was created");
    }

    async fn whole_numbers_may_carry_a_fraction_and_a_bad_cursor_names_its_parameter(app) {
        let user = app.new_user().await;
        let list = app.create_list(&user, "Numbers").await;
        let item = app.add_item(&user, list["id"].as_str().unwrap(), "numbers").await;
        let version = app.items(&user, list["id"].as_str().unwrap()).await["version"].as_i64().unwrap();
        let path = format!("/lists/{}/items/{}/move", list["id"].as_str().unwrap(), item["id"].as_str().unwrap());

        // JSON Schema counts 1.0 as an integer, and so does the API; 1.5 is still not one.
        let moved = app.post(&user.token, &path, json!({"version": version as f64, "position": 0.0})).await;
        expect_json(moved, StatusCode::OK).await;
        let fraction = app.post(&user.token, &path, json!({"version": version + 1, "position": 1.5})).await;
        expect_problem(fraction, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;

        let problem = expect_problem(app.get(&user.token, "/lists?cursor=nonsense").await, StatusCode::BAD_REQUEST, "invalid_cursor").await;
        assert_eq!(problem["errors"][0]["parameter"], "cursor", "the problem points at the parameter");
    }

    async fn bodies_over_the_limit_are_refused(app) {
        let user = app.new_user().await;
        let exactly = |size: usize| {
            let filler = size - r#"{"name":"x","description":""}"#.len();
            format!(r#"{{"name":"x","description":"{}"}}"#, "d".repeat(filler))
        };
        let at_limit = app.client.post(app.url("/lists")).bearer_auth(&user.token).header("content-type", "application/json").body(exactly(65_536)).send().await.unwrap();
        // 65,536 bytes is read; it fails on its content (a description over 2,000 characters).
        expect_problem(at_limit, StatusCode::UNPROCESSABLE_ENTITY, "validation_failed").await;
        let over = app.client.post(app.url("/lists")).bearer_auth(&user.token).header("content-type", "application/json").body(exactly(65_537)).send().await.unwrap();
        expect_problem(over, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;

        let chunks = futures_util::stream::iter((0..160).map(|_| Ok::<_, std::io::Error>(vec![b' '; 64 * 1024])));
        let streamed = app.client.post(app.url("/lists")).bearer_auth(&user.token).header("content-type", "application/json").body(reqwest::Body::wrap_stream(chunks)).send().await;
        match streamed {
            Ok(response) => {
                expect_problem(response, StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large").await;
            }
            // The server may also close the connection before the client finishes sending; that
            // is a refusal too, as long as it is the server's doing and not a client fault.
            Err(error) => assert!(error.is_request() || error.is_body(), "expected the server to cut the upload: {error:?}"),
        };
        let lists = expect_json(app.get(&user.token, "/lists").await, StatusCode::OK).await;
        assert_eq!(lists["items"].as_array().unwrap().len(), 0, "no oversized body created a list");
    }

    async fn unknown_routes_methods_and_ids_get_problems(app) {
        let user = app.new_user().await;
        expect_problem(app.get(&user.token, "/nothing/here").await, StatusCode::NOT_FOUND, "not_found").await;
        let wrong_method = app.send(Method::PATCH, "/auth/login", None, Some(json!({}))).await;
        assert_eq!(wrong_method.headers()["allow"], "POST");
        expect_problem(wrong_method, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
        let delete_collection = app.send(Method::DELETE, "/lists", Some(&user.token), None).await;
        assert_eq!(delete_collection.headers()["allow"], "GET, POST");
        expect_problem(app.get(&user.token, "/lists/not-a-uuid").await, StatusCode::NOT_FOUND, "not_found").await;
        expect_problem(app.get(&user.token, "/creators/123").await, StatusCode::NOT_FOUND, "not_found").await;
    }

    async fn credentials_in_the_url_are_refused(app) {
        let user = app.new_user().await;
        let response = app.get(&user.token, &format!("/lists?access_token={}", user.token)).await;
        expect_problem(response, StatusCode::BAD_REQUEST, "credentials_in_query").await;
        let response = app.get(&user.token, "/lists?api_key=zz_something").await;
        expect_problem(response, StatusCode::BAD_REQUEST, "credentials_in_query").await;
        // Every spelling, also beside a valid header, and also on public endpoints.
        for query in ["apikey=x", "authorization=Bearer%20x", "bearer=x", "Api-Key=x", "refresh_token=x", "q=1&token=x"] {
            let response = app.get(&user.token, &format!("/lists?{query}")).await;
            expect_problem(response, StatusCode::BAD_REQUEST, "credentials_in_query").await;
        }
        let public = app.client.get(format!("{}?apikey=x", app.url("/health"))).send().await.unwrap();
        expect_problem(public, StatusCode::BAD_REQUEST, "credentials_in_query").await;
    }

    async fn undecodable_queries_and_oversized_headers_are_refused(app) {
        let user = app.new_user().await;
        for query in ["q=%FF", "q=ma%C3", "%FF=1"] {
            let response = app.get(&user.token, &format!("/creators/search?{query}")).await;
            expect_problem(response, StatusCode::BAD_REQUEST, "invalid_query").await;
        }
        let fine = app.get(&user.token, "/creators/search?q=caf%C3%A9").await;
        assert_eq!(fine.status(), StatusCode::OK);

        let padding = |bytes: usize| "x".repeat(bytes);
        let big = app.client.get(app.url("/lists")).bearer_auth(&user.token).header("x-padding", padding(20 * 1024)).send().await.unwrap();
        expect_problem(big, StatusCode::from_u16(431).unwrap(), "headers_too_large").await;
        let huge = app.client.get(app.url("/lists")).bearer_auth(&user.token).header("x-padding", padding(100 * 1024)).send().await;
        assert!(huge.is_err() || huge.unwrap().status() == StatusCode::from_u16(431).unwrap(), "a 100 KB header is refused");
        let normal = app.client.get(app.url("/lists")).bearer_auth(&user.token).header("x-padding", padding(4 * 1024)).send().await.unwrap();
        assert_eq!(normal.status(), StatusCode::OK, "ordinary headers pass");
    }

    async fn every_response_carries_the_security_headers(app) {
        let user = app.new_user().await;
        for response in [app.get(&user.token, "/lists").await, app.get(&user.token, "/nothing").await] {
            let headers = response.headers();
            assert_eq!(headers["x-content-type-options"], "nosniff");
            assert_eq!(headers["cache-control"], "no-store");
            assert!(headers.contains_key("x-request-id"));
            assert!(!headers.contains_key("access-control-allow-origin"));
        }
    }

    async fn responses_are_compressed_as_the_client_accepts(app) {
        let user = app.new_user().await;
        let spec = |encoding: &'static str| app.client.get(app.url("/auth/me")).bearer_auth(&user.token).header("accept-encoding", encoding).send();
        for (accepted, expected) in [("br", Some("br")), ("gzip", Some("gzip")), ("identity", None)] {
            let response = spec(accepted).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            assert_eq!(response.headers().get("content-encoding").map(|v| v.to_str().unwrap()), expected, "{accepted}");
        }
    }

    async fn the_docs_page_and_the_spec_it_loads_are_served(app) {
        let docs = app.client.get(format!("{}/api/docs/", app.address)).send().await.unwrap();
        assert_eq!(docs.status(), StatusCode::OK);
        let spec = app.client.get(format!("{}/api/openapi.json", app.address)).send().await.unwrap();
        let spec = expect_json(spec, StatusCode::OK).await;
        assert_eq!(spec["info"]["title"], "zzyzx", "the Swagger UI page can load the spec it points at");
    }

    async fn health_and_readiness_answer(app) {
        let health = app.send(Method::GET, "/health", None, None).await;
        assert_eq!(expect_json(health, StatusCode::OK).await["status"], "ok");
        let ready = app.send(Method::GET, "/health/ready", None, None).await;
        assert_eq!(expect_json(ready, StatusCode::OK).await["status"], "ready");
    }
}
