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
