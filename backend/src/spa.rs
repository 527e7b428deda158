//! Serves the built SPA; any unknown path gets `index.html` so that the
//! browser's router handles deep links such as `/d/PSL-2026-00042`.

use std::path::Path;

use axum::http::{HeaderValue, header};
use tower_http::{
    services::{ServeDir, ServeFile},
    set_header::SetResponseHeader,
};

pub fn service(static_dir: &Path) -> SetResponseHeader<ServeDir<ServeFile>, HeaderValue> {
    let index = ServeFile::new(static_dir.join("index.html"));
    let files = ServeDir::new(static_dir)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(index);
    // File names are not content-hashed, so the browser must revalidate; it
    // still gets a cheap 304 when nothing changed.
    SetResponseHeader::if_not_present(
        files,
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    )
}
