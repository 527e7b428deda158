//! Spawns the app on a fresh database with the real migrations and demo data.

use axum::{Router, body::Body, http::Request};
use http_body_util::BodyExt;
use passerelle::{build_app, config::Settings, demo, prepare};
use serde_json::{Value, json};
use tower::ServiceExt;

/// A fresh, migrated-on-first-use database and data directory, removed when dropped.
pub struct TestDatabase {
    pub url: String,
    pub data_dir: tempfile::TempDir,
    postgres_database: Option<String>,
}

/// Clones share the app and its database (for requests sent from other tasks).
#[derive(Clone)]
pub struct TestApp {
    pub router: Router,
    pub db: std::sync::Arc<TestDatabase>,
}

pub const SECRET: &str = "integration-tests-secret-of-32-bytes-at-least";

fn postgres_admin_url() -> String {
    std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn on_postgres() -> bool {
    std::env::var("PASSERELLE_TEST_DATABASE").is_ok_and(|v| v == "postgres")
}

/// Replaces the database name at the end of a PostgreSQL URL.
fn with_database(url: &str, database: &str) -> String {
    let (base, query) = url
        .split_once('?')
        .map_or((url, None), |(b, q)| (b, Some(q)));
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    match query {
        Some(q) => format!("{base}/{database}?{q}"),
        None => format!("{base}/{database}"),
    }
}

async fn admin_execute(sql: &str) {
    use sea_orm::{ConnectionTrait, Database};
    let admin = Database::connect(postgres_admin_url())
        .await
        .expect("PostgreSQL answers at TEST_POSTGRES_URL");
    admin
        .execute_unprepared(sql)
        .await
        .expect("admin statement");
    admin.close().await.ok();
}

impl TestDatabase {
    /// SQLite in a temporary folder, or a new PostgreSQL database when
    /// `PASSERELLE_TEST_DATABASE=postgres`.
    pub async fn new() -> TestDatabase {
        let data_dir = tempfile::tempdir().expect("temp dir");
        if on_postgres() {
            let name = format!("passerelle_test_{}", uuid::Uuid::new_v4().simple());
            admin_execute(&format!("CREATE DATABASE {name}")).await;
            TestDatabase {
                url: with_database(&postgres_admin_url(), &name),
                data_dir,
                postgres_database: Some(name),
            }
        } else {
            let url = format!(
                "sqlite://{}?mode=rwc",
                data_dir.path().join("test.db").display()
            );
            TestDatabase {
                url,
                data_dir,
                postgres_database: None,
            }
        }
    }

    pub fn dir(&self) -> &std::path::Path {
        self.data_dir.path()
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some(name) = self.postgres_database.take() {
            // Drop runs outside async; a short-lived runtime on its own thread cleans up.
            let _ = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("runtime");
                runtime.block_on(admin_execute(&format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )));
            })
            .join();
        }
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// Spawns the app with some settings changed (e.g. `PASSERELLE_ENV=development`).
pub async fn spawn_app_with(overrides: &[(&str, &str)]) -> TestApp {
    spawn_app_on(TestDatabase::new().await, overrides).await
}

/// Spawns the app on a given database (the demo loads only if it has no account).
pub async fn spawn_app_on(db: TestDatabase, overrides: &[(&str, &str)]) -> TestApp {
    let state = prepare(test_settings(&db, overrides))
        .await
        .expect("app prepares");
    TestApp {
        router: build_app(state),
        db: std::sync::Arc::new(db),
    }
}

/// The settings of a test app on `db`, with `overrides`.
fn test_settings(db: &TestDatabase, overrides: &[(&str, &str)]) -> Settings {
    let dir = db.dir().display().to_string();
    let overrides: Vec<(String, String)> = overrides
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Settings::from_lookup(|key| match key {
        _ if overrides.iter().any(|(k, _)| k == key) => overrides
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone()),
        "PASSERELLE_DATABASE_URL" => Some(db.url.clone()),
        "PASSERELLE_DATA_DIR" => Some(dir.clone()),
        "PASSERELLE_STATIC_DIR" => Some(dir.clone()),
        "PASSERELLE_JWT_SECRET" => Some(SECRET.into()),
        "PASSERELLE_DEMO" => Some("1".into()),
        // Most tests replay a used token at once and expect theft to be seen.
        "PASSERELLE_REFRESH_REUSE_GRACE_SECONDS" => Some("0".into()),
        _ => None,
    })
    .expect("test settings")
}

/// Spawns the app and, as `serve` does, its sending of the outbox's messages.
pub async fn spawn_app_sending(overrides: &[(&str, &str)]) -> TestApp {
    let db = TestDatabase::new().await;
    let state = prepare(test_settings(&db, overrides))
        .await
        .expect("app prepares");
    passerelle::start_sending(&state);
    TestApp {
        router: build_app(state),
        db: std::sync::Arc::new(db),
    }
}

pub struct Sent {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: Vec<u8>,
}

pub struct Reply {
    pub status: u16,
    pub body: Value,
    pub cache_control: Option<String>,
}

impl Reply {
    /// The `extensions.code` of the first error, if any.
    pub fn code(&self) -> Option<&str> {
        self.body["errors"][0]["extensions"]["code"].as_str()
    }

    pub fn data(&self) -> &Value {
        assert!(
            self.body.get("errors").is_none(),
            "unexpected errors: {}",
            self.body
        );
        &self.body["data"]
    }
}

impl TestApp {
    pub async fn post_json(&self, body: Value, token: Option<&str>) -> Reply {
        let mut request = Request::post("/graphql").header("content-type", "application/json");
        if let Some(token) = token {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let sent = self
            .send(request.body(Body::from(body.to_string())).expect("request"))
            .await;
        let cache_control = sent
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = serde_json::from_slice(&sent.body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&sent.body).into_owned()));
        Reply {
            status: sent.status,
            body,
            cache_control,
        }
    }

    /// Sends any request to the app, in process, and reads the whole answer.
    pub async fn send(&self, request: Request<Body>) -> Sent {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        Sent {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let sent = self
            .send(Request::get(path).body(Body::empty()).expect("request"))
            .await;
        (
            sent.status,
            String::from_utf8_lossy(&sent.body).into_owned(),
        )
    }

    pub async fn graphql(&self, query: &str, variables: Value, token: Option<&str>) -> Reply {
        self.post_json(json!({ "query": query, "variables": variables }), token)
            .await
    }

    pub async fn login(&self, email: &str, password: &str) -> Reply {
        self.graphql(
            "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken user { id email roles } } }",
            json!({ "email": email, "password": password }),
            None,
        )
        .await
    }

    /// Signs in a demo account and returns (access token, refresh token).
    pub async fn login_as(&self, email: &str) -> (String, String) {
        let reply = self.login(email, demo::DEMO_PASSWORD).await;
        let login = &reply.data()["login"];
        (
            login["accessToken"]
                .as_str()
                .expect("access token")
                .to_string(),
            login["refreshToken"]
                .as_str()
                .expect("refresh token")
                .to_string(),
        )
    }
}

pub const COORDINATOR: &str = "coordination@demo.passerelle.fr";
pub const AGENT: &str = "collecte@demo.passerelle.fr";
pub const PRESCRIBER: &str = "prescription@demo.passerelle.fr";
pub const TRAINER: &str = "formation@demo.passerelle.fr";

impl TestApp {
    /// Creates another collector organisation with one agent, signed in.
    pub async fn agent_of_another_collector(&self) -> String {
        self.member_of_new_organisation(
            "Collecte Sud",
            "COLLECTOR",
            "COLLECTION_AGENT",
            "agent.sud@example.org",
        )
        .await
        .1
    }

    /// Creates a partner organisation with one member, signed in: the
    /// organisation's id and the member's token.
    pub async fn member_of_new_organisation(
        &self,
        name: &str,
        kind: &str,
        role: &str,
        email: &str,
    ) -> (Value, String) {
        let (coordinator, _) = self.login_as(COORDINATOR).await;
        let organisation = self
            .graphql(
                "mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { id } }",
                json!({ "input": { "name": name, "kind": kind } }),
                Some(&coordinator),
            )
            .await;
        let organisation_id = organisation.data()["createOrganisation"]["id"].clone();
        self.graphql(
            "mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
            json!({ "input": {
                "displayName": format!("Membre {name}"),
                "email": email,
                "password": demo::DEMO_PASSWORD,
                "organisationId": organisation_id,
                "roles": [role],
            } }),
            Some(&coordinator),
        )
        .await
        .data();
        (organisation_id, self.login_as(email).await.0)
    }

    /// Sends a request with a bearer token and a raw body.
    pub async fn send_with_token(
        &self,
        method: &str,
        path: &str,
        token: &str,
        body: Vec<u8>,
    ) -> Sent {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("authorization", format!("Bearer {token}"))
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }
}

/// Today for the people of the demo programme (Europe/Paris): the server
/// checks "not in the future" against this day, which is already tomorrow
/// in the last hour or two of a UTC day.
pub fn programme_today() -> chrono::NaiveDate {
    passerelle::services::calendar::programme_day(
        shared_types::ProgrammeTimeZone::EuropeParis,
        chrono::Utc::now(),
    )
}
