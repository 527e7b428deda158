//! Serves the built SPA; any unknown path gets `index.html` so that the
//! browser's router handles deep links such as `/d/PSL-2026-00042`.

use std::path::Path;

use axum::{
    Router,
    http::{HeaderName, HeaderValue, header},
};
use tower_http::{
    services::{ServeDir, ServeFile},
    set_header::SetResponseHeaderLayer,
};

/// Only our own files may run (WebAssembly needs 'wasm-unsafe-eval' to
/// compile); no inline script, no framing (click-jacking), no form posting elsewhere.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; \
    frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

pub fn service<S: Clone + Send + Sync + 'static>(static_dir: &Path) -> Router<S> {
    let index = ServeFile::new(static_dir.join("index.html"));
    let files = ServeDir::new(static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    let header = |name: HeaderName, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(name, HeaderValue::from_static(value))
    };
    Router::new()
        .fallback_service(files)
        // File names are not content-hashed, so the browser must revalidate;
        // it still gets a cheap 304 when nothing changed.
        .layer(header(header::CACHE_CONTROL, "no-cache"))
        .layer(header(
            header::CONTENT_SECURITY_POLICY,
            CONTENT_SECURITY_POLICY,
        ))
        .layer(header(header::X_FRAME_OPTIONS, "DENY"))
}
