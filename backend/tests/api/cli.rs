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
