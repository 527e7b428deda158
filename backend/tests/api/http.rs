//! What the server serves besides GraphQL answers.

use crate::helpers::{spawn_app, spawn_app_with};

#[tokio::test]
async fn graphiql_is_served_only_in_development() {
    let production = spawn_app().await;
    let (status, _) = production.get("/graphql").await;
    assert_eq!(status, 405, "no GraphiQL in production");

    let development = spawn_app_with(&[("PASSERELLE_ENV", "development")]).await;
    let (status, body) = development.get("/graphql").await;
    assert_eq!(status, 200);
    assert!(body.contains("graphiql"), "{body}");
}

#[tokio::test]
async fn deep_links_get_the_app_and_files_are_served() {
    let app = spawn_app().await;
    std::fs::write(
        app.db.dir().join("index.html"),
        "<!doctype html><title>Passerelle</title>",
    )
    .expect("write index");
    std::fs::write(app.db.dir().join("style.css"), "body{}").expect("write css");
    for path in ["/", "/login", "/d/PSL-2026-00042"] {
        let (status, body) = app.get(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(body.contains("<title>Passerelle</title>"), "{path}: {body}");
    }
    assert_eq!(app.get("/style.css").await, (200, "body{}".to_string()));
    assert_eq!(app.get("/health").await, (200, "ok".to_string()));
}

#[tokio::test]
async fn pages_carry_security_headers() {
    use axum::{body::Body, http::Request};

    let app = spawn_app().await;
    std::fs::write(app.db.dir().join("index.html"), "<!doctype html>").expect("write index");
    let page = app
        .send(Request::get("/login").body(Body::empty()).expect("request"))
        .await;
    let headers = &page.headers;
    let csp = headers
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'")
            && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(
        headers.get("x-frame-options").map(|v| v.as_bytes()),
        Some(&b"DENY"[..])
    );
    assert_eq!(
        headers.get("x-content-type-options").map(|v| v.as_bytes()),
        Some(&b"nosniff"[..])
    );
    assert_eq!(
        headers.get("referrer-policy").map(|v| v.as_bytes()),
        Some(&b"no-referrer"[..])
    );

    let api = app
        .graphql("{ me { id } }", serde_json::json!({}), None)
        .await;
    assert_eq!(api.cache_control.as_deref(), Some("no-store"));
}

fn post(
    content_type: Option<&str>,
    accept: Option<&str>,
    body: &str,
) -> axum::http::Request<axum::body::Body> {
    let mut request = axum::http::Request::post("/graphql");
    if let Some(content_type) = content_type {
        request = request.header("content-type", content_type);
    }
    if let Some(accept) = accept {
        request = request.header("accept", accept);
    }
    request
        .body(axum::body::Body::from(body.to_string()))
        .expect("request")
}

fn code_of(sent: &crate::helpers::Sent) -> String {
    let body: serde_json::Value = serde_json::from_slice(&sent.body).unwrap_or_default();
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn a_post_not_declared_json_is_refused_before_it_runs() {
    let app = spawn_app().await;
    let login = serde_json::json!({
        "query": "mutation { login(email: \"collecte@demo.passerelle.fr\", password: \"x\") { accessToken } }"
    })
    .to_string();
    // What a page of another site can send without asking the browser first.
    for content_type in [
        Some("text/plain"),
        Some("text/plain;charset=UTF-8"),
        Some("application/x-www-form-urlencoded"),
        Some("multipart/form-data; boundary=x"),
        None,
    ] {
        let sent = app.send(post(content_type, None, &login)).await;
        assert_eq!(sent.status, 415, "{content_type:?}");
        assert_eq!(code_of(&sent), "UNSUPPORTED_MEDIA_TYPE", "{content_type:?}");
    }
    // None of them counted as a sign-in attempt: the account is not paused.
    for _ in 0..5 {
        let reply = app.login(crate::helpers::AGENT, "not-the-password").await;
        assert_eq!(reply.code(), Some("INVALID_CREDENTIALS"));
    }
    let sent = app
        .send(post(
            Some("Application/JSON; charset=utf-8"),
            None,
            "{\"query\":\"{ __typename }\"}",
        ))
        .await;
    assert_eq!(sent.status, 200);
}

#[tokio::test]
async fn every_refusal_of_the_api_is_json_with_a_code() {
    use axum::{body::Body, http::Request};
    let app = spawn_app().await;
    let (token, _) = app.login_as(crate::helpers::COORDINATOR).await;

    let get = app
        .send(
            Request::get("/graphql?query=%7B__typename%7D")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(get.status, 405);
    assert_eq!(code_of(&get), "METHOD_NOT_ALLOWED");
    let put = app
        .send(
            Request::put("/graphql")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
    assert_eq!(put.status, 405);
    assert_eq!(code_of(&put), "METHOD_NOT_ALLOWED");

    // Declared too large: refused before reading, still with a code.
    let large = app
        .send(
            Request::post("/graphql")
                .header("content-type", "application/json")
                .header("content-length", (300 * 1024).to_string())
                .body(Body::from(vec![b' '; 300 * 1024]))
                .expect("request"),
        )
        .await;
    assert_eq!(large.status, 413);
    assert_eq!(code_of(&large), "REQUEST_TOO_LARGE");

    for (path, code) in [
        ("/api/reports/report.pdf", "DATE_INVALID"),
        ("/api/reports/report.pdf?from=2026-01-01", "DATE_INVALID"),
        (
            "/api/reports/gender.csv?from=yesterday&to=2026-12-31",
            "DATE_INVALID",
        ),
        (
            "/api/reports/report.pdf?from=2026-01-01&to=2026-13-01",
            "DATE_INVALID",
        ),
        (
            "/api/pickups/00000000-0000-0000-0000-000000000000/receipt.pdf?tz=east",
            "BAD_REQUEST",
        ),
    ] {
        let sent = app.send_with_token("GET", path, &token, Vec::new()).await;
        assert_eq!(sent.status, 400, "{path}");
        assert_eq!(code_of(&sent), code, "{path}");
    }
}

#[tokio::test]
async fn answers_follow_the_graphql_over_http_media_types() {
    let app = spawn_app().await;
    let query = "{\"query\":\"{ __typename }\"}";
    for (accept, media) in [
        (None, "application/json"),
        (Some("*/*"), "application/json"),
        (Some("application/json"), "application/json"),
        (
            Some("application/graphql-response+json"),
            "application/graphql-response+json",
        ),
    ] {
        let sent = app
            .send(post(Some("application/json"), accept, query))
            .await;
        assert_eq!(sent.status, 200, "{accept:?}");
        let content_type = sent.headers["content-type"].to_str().unwrap_or_default();
        assert!(
            content_type.starts_with(media),
            "{accept:?}: {content_type}"
        );
    }
    // A request that fails before it runs: 400 and no data with the new
    // media type, 200 with application/json (as older clients expect).
    for broken in [
        "{\"query\":\"{\"}",
        "{\"query\":\"{ nosuchfield }\"}",
        "{\"query\":\"query($id: ID!) { __typename }\",\"variables\":{\"id\":null}}",
    ] {
        let sent = app
            .send(post(
                Some("application/json"),
                Some("application/graphql-response+json"),
                broken,
            ))
            .await;
        assert_eq!(sent.status, 400, "{broken}");
        let body: serde_json::Value = serde_json::from_slice(&sent.body).expect("json");
        assert!(body.get("data").is_none(), "{broken}: {body}");
        assert_eq!(code_of(&sent), "BAD_REQUEST", "{broken}");
        let sent = app
            .send(post(
                Some("application/json"),
                Some("application/json"),
                broken,
            ))
            .await;
        assert_eq!(sent.status, 200, "{broken}");
    }
    // A field that fails while running keeps its 200 and its data entry.
    let sent = app
        .send(post(
            Some("application/json"),
            Some("application/graphql-response+json"),
            "{\"query\":\"{ me { id } }\"}",
        ))
        .await;
    assert_eq!(sent.status, 200);
    for bad in [
        "",
        "{ \"not a JSON",
        "{\"notquery\":\"{ __typename }\"}",
        "{\"query\":0}",
        "[]",
    ] {
        let sent = app.send(post(Some("application/json"), None, bad)).await;
        assert_eq!(sent.status, 400, "{bad}");
        assert_eq!(code_of(&sent), "BAD_REQUEST", "{bad}");
    }
}

#[tokio::test]
async fn introspection_works_in_development_and_stays_off_in_production() {
    let introspection = serde_json::json!({ "query": INTROSPECTION_QUERY }).to_string();
    let development = crate::helpers::spawn_app_with(&[("PASSERELLE_ENV", "development")]).await;
    let sent = development
        .send(post(Some("application/json"), None, &introspection))
        .await;
    let body: serde_json::Value = serde_json::from_slice(&sent.body).expect("json");
    assert!(body.get("errors").is_none(), "{body}");
    assert!(
        body["data"]["__schema"]["types"]
            .as_array()
            .is_some_and(|t| t.len() > 50),
        "{body}"
    );
    // The limits still hold for everything else in development.
    let mut nested = String::from("name");
    for _ in 0..20 {
        nested = format!("ofType {{ {nested} }}");
    }
    let deep = serde_json::json!({
        "query": format!("{{ me {{ id }} __type(name: \"User\") {{ fields {{ type {{ {nested} }} }} }} }}")
    })
    .to_string();
    let sent = development
        .send(post(Some("application/json"), None, &deep))
        .await;
    assert_eq!(code_of(&sent), "QUERY_TOO_DEEP");

    let production = spawn_app().await;
    let sent = production
        .send(post(Some("application/json"), None, &introspection))
        .await;
    let body: serde_json::Value = serde_json::from_slice(&sent.body).expect("json");
    assert!(body["data"]["__schema"].is_null(), "{body}");
}

/// The query GraphiQL sends to read the schema (its `TypeRef` nests eight `ofType`).
const INTROSPECTION_QUERY: &str = "query IntrospectionQuery { __schema { queryType { name } mutationType { name } subscriptionType { name } types { ...FullType } directives { name description locations args { ...InputValue } } } }
fragment FullType on __Type { kind name description fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason } inputFields { ...InputValue } interfaces { ...TypeRef } enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason } possibleTypes { ...TypeRef } }
fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";
