//! The checked-in `openapi.yaml` is the one the code generates.

#[test]
fn the_checked_in_openapi_document_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml");
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    let generated = zzyzx::http::openapi_yaml();
    assert!(
        checked_in == generated,
        "openapi.yaml is stale: run `cargo run -q -- openapi > openapi.yaml` and then \
         `npm --prefix frontend run gen:api`, and commit both"
    );
}

#[test]
fn every_operation_has_an_id_a_tag_and_documented_errors() {
    let document = zzyzx::http::openapi();
    let mut ids = std::collections::BTreeSet::new();
    for (path, item) in &document.paths.paths {
        for operation in [&item.get, &item.post, &item.put, &item.patch, &item.delete].into_iter().flatten() {
            assert!(operation.operation_id.is_some(), "{path} needs an operationId for generated clients");
            // Generated clients key operations by id: two handlers with one name would merge.
            assert!(
                ids.insert(operation.operation_id.clone()),
                "{path}: operationId {:?} is taken",
                operation.operation_id
            );
            assert!(operation.tags.as_ref().is_some_and(|t| !t.is_empty()), "{path} needs a tag");
            let takes_input =
                operation.request_body.is_some() || operation.parameters.is_some() || operation.security.is_some();
            if takes_input {
                assert!(
                    operation.responses.responses.keys().any(|status| status.starts_with('4')),
                    "{path} documents no 4xx"
                );
            }
            assert!(operation.responses.responses.contains_key("500"), "{path} documents no 500");
        }
    }
}

#[test]
fn every_reference_resolves() {
    let document = serde_json::to_value(zzyzx::http::openapi()).unwrap();
    let schemas = document["components"]["schemas"].as_object().cloned().unwrap_or_default();
    let mut missing = Vec::new();
    fn walk(
        value: &serde_json::Value,
        schemas: &serde_json::Map<String, serde_json::Value>,
        missing: &mut Vec<String>,
    ) {
        match value {
            serde_json::Value::Object(map) => {
                if let Some(reference) = map.get("$ref").and_then(|r| r.as_str()) {
                    let name = reference.trim_start_matches("#/components/schemas/");
                    if !schemas.contains_key(name) {
                        missing.push(reference.to_owned());
                    }
                }
                map.values().for_each(|v| walk(v, schemas, missing));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| walk(v, schemas, missing)),
            _ => {}
        }
    }
    walk(&document, &schemas, &mut missing);
    assert!(missing.is_empty(), "the OpenAPI document references undefined schemas: {missing:?}");
}
