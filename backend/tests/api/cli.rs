//! The command a real install starts with: creating the first coordinator.

use std::process::Command;

use crate::helpers::{TestDatabase, spawn_app_on};

fn create_coordinator(db: &TestDatabase, email: &str, password: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .args([
            "create-coordinator",
            "--email",
            email,
            "--name",
            "Claire Fontaine",
        ])
        .args([
            "--organisation",
            "Métropole de Lyon",
            "--programme",
            "Ordi Solidaire",
        ])
        .env("PASSERELLE_DATABASE_URL", &db.url)
        .env("PASSERELLE_DATA_DIR", db.dir())
        .env("PASSERELLE_NEW_PASSWORD", password)
        .env("RUST_LOG", "error")
        .output()
        .expect("the binary runs")
}

#[tokio::test]
async fn the_first_coordinator_of_a_real_install_can_sign_in() {
    let db = TestDatabase::new().await;
    let short = create_coordinator(&db, "claire@example.org", "court");
    assert!(!short.status.success());
    assert!(
        String::from_utf8_lossy(&short.stderr).contains("password is too short"),
        "{short:?}"
    );

    let output = create_coordinator(&db, "Claire@Example.org", "un mot de passe solide");
    assert!(output.status.success(), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stdout).contains("claire@example.org"));

    // No demo on top of a real install: the coordinator is alone in their programme.
    let app = spawn_app_on(db, &[]).await;
    let reply = app
        .login("claire@example.org", "un mot de passe solide")
        .await;
    let login = &reply.data()["login"];
    assert_eq!(login["user"]["roles"], serde_json::json!(["COORDINATOR"]));
    let token = login["accessToken"].as_str().expect("token");
    let users = app
        .graphql(
            "{ users { total } organisations { name kind } }",
            serde_json::json!({}),
            Some(token),
        )
        .await;
    assert_eq!(users.data()["users"]["total"], 1);
    assert_eq!(
        users.data()["organisations"],
        serde_json::json!([{ "name": "Métropole de Lyon", "kind": "COORDINATOR" }])
    );
}

fn backup_command(
    url: &str,
    data_dir: &std::path::Path,
    command: &str,
    dir: &std::path::Path,
) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .arg(command)
        .arg(dir)
        .env("PASSERELLE_DATABASE_URL", url)
        .env("PASSERELLE_DATA_DIR", data_dir)
        .env("RUST_LOG", "error")
        .output()
        .expect("the binary runs")
}

#[tokio::test]
async fn a_backup_restores_the_data_and_files_as_they_were() {
    use serde_json::json;
    let db = TestDatabase::new().await;
    let (url, dir) = (db.url.clone(), db.dir().to_path_buf());
    let app = spawn_app_on(db, &[]).await;
    let (agent, _) = app.login_as(crate::helpers::AGENT).await;
    let record = |name: &str| {
        json!({ "input": {
            "clientUuid": uuid::Uuid::new_v4(), "newDonor": { "kind": "COMPANY", "name": name },
            "collectedAt": chrono::Utc::now().to_rfc3339(),
            "counts": [{ "category": "LAPTOP", "count": 1 }], "weightKg": 2,
        } })
    };
    const RECORD: &str =
        "mutation($input: RecordPickupInput!) { recordPickup(input: $input) { id } }";
    let kept = app.graphql(RECORD, record("Avant"), Some(&agent)).await;
    let kept = kept.data()["recordPickup"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    // A real image: uploads are decoded and stored re-encoded.
    let png = crate::pickups::png(4, 4);
    let photo = app
        .send_with_token(
            "PUT",
            &format!("/api/pickups/{kept}/photos/{}", uuid::Uuid::new_v4()),
            &agent,
            png,
        )
        .await;
    assert_eq!(photo.status, 200);

    // Online: the server is running while the backup is taken.
    let backup_dir = tempfile::tempdir().expect("temp dir");
    let done = backup_command(&url, &dir, "backup", backup_dir.path());
    assert!(done.status.success(), "{done:?}");

    let later = app.graphql(RECORD, record("Après"), Some(&agent)).await;
    let later = later.data()["recordPickup"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    std::fs::remove_dir_all(dir.join("photos")).expect("photos removed");

    // Restore with the server stopped, then start it again.
    let db = app.db.clone();
    drop(app);
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let done = backup_command(&url, &dir, "restore", backup_dir.path());
    assert!(done.status.success(), "{done:?}");
    let db = std::sync::Arc::try_unwrap(db)
        .ok()
        .expect("the database is ours again");
    let app = spawn_app_on(db, &[]).await;
    let (agent, _) = app.login_as(crate::helpers::AGENT).await;
    const READ: &str = "query($id: ID!) { pickup(id: $id) { id photos { id } } }";
    let before = app.graphql(READ, json!({ "id": kept }), Some(&agent)).await;
    assert_eq!(
        before.data()["pickup"]["photos"].as_array().map(Vec::len),
        Some(1)
    );
    assert!(
        dir.join("photos").join(&kept).exists(),
        "the photo file is back"
    );
    let after = app
        .graphql(READ, json!({ "id": later }), Some(&agent))
        .await;
    assert_eq!(
        after.code(),
        Some("NOT_FOUND"),
        "what came after the backup is gone"
    );
}
