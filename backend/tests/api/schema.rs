//! The committed API contract, and the browser's operations checked against it.

use std::path::{Path, PathBuf};

use passerelle::graphql::sdl;
use serde_json::json;

use crate::helpers::spawn_app;

fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(relative)
}

#[test]
fn the_committed_schema_is_current() {
    let path = repo_path("backend/schema.graphql");
    let current = sdl();
    if std::env::var("UPDATE_SCHEMA").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &current).expect("write schema.graphql");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == current,
        "backend/schema.graphql is stale: run `UPDATE_SCHEMA=1 cargo test -p passerelle-backend --test api schema` and commit it"
    );
}

/// Every operation the frontend sends must validate against the schema. A
/// validation error has no path; an error raised while running (here: not
/// signed in, or a variable left out) has one, and is fine.
#[tokio::test]
async fn the_frontend_operations_match_the_schema() {
    let app = spawn_app().await;
    let dir = repo_path("frontend/graphql");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("frontend/graphql exists") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("graphql") {
            continue;
        }
        let document = std::fs::read_to_string(&path).expect("read operation");
        let reply = app.graphql(&document, json!({}), None).await;
        let errors = reply.body["errors"].as_array().cloned().unwrap_or_default();
        let validation_errors: Vec<_> = errors.iter().filter(|e| e.get("path").is_none()).collect();
        assert!(
            validation_errors.is_empty(),
            "{}: {validation_errors:?}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked > 0, "no operation found in {}", dir.display());
}
