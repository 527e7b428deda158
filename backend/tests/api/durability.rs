//! The real server killed (SIGKILL) in the middle of a stream of writes:
//! every write it acknowledged is still there after a restart, and the
//! SQLite file passes its integrity check. Also the group commit of
//! `Db::append` when the database refuses one of its rows.

use std::{net::TcpListener, process::Stdio, time::Duration};

use serde_json::{Value, json};
use tokio::{
    io::{AsyncReadExt, AsyncWriteExt},
    net::TcpStream,
    process::{Child, Command},
};
use uuid::Uuid;

use crate::helpers::{AGENT, SECRET, TestDatabase};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn start(db: &TestDatabase, port: u16) -> Child {
    Command::new(env!("CARGO_BIN_EXE_passerelle"))
        .arg("serve")
        .env("PASSERELLE_BIND", format!("127.0.0.1:{port}"))
        .env("PASSERELLE_DATABASE_URL", &db.url)
        .env("PASSERELLE_DATA_DIR", db.dir())
        .env("PASSERELLE_STATIC_DIR", db.dir())
        .env("PASSERELLE_JWT_SECRET", SECRET)
        .env("PASSERELLE_DEMO", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the server starts")
}

/// One GraphQL request over a plain connection (no HTTP client in our tests).
async fn post(port: u16, body: &Value, token: Option<&str>) -> Option<Value> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await.ok()?;
    let body = body.to_string();
    let auth = token
        .map(|t| format!("authorization: Bearer {t}\r\n"))
        .unwrap_or_default();
    let request = format!(
        "POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\n{auth}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.ok()?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.ok()?;
    let text = String::from_utf8_lossy(&answer);
    let (head, json_body) = text.split_once("\r\n\r\n")?;
    if !head.starts_with("HTTP/1.1 200") {
        return None;
    }
    serde_json::from_str(json_body).ok()
}

async fn login(port: u16) -> String {
    for _ in 0..200 {
        let body = json!({ "query": "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }", "variables": { "e": AGENT, "p": passerelle::demo::DEMO_PASSWORD } });
        if let Some(answer) = post(port, &body, None).await
            && let Some(token) = answer["data"]["login"]["accessToken"].as_str()
        {
            return token.to_string();
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server never answered");
}

fn pickup(client_uuid: Uuid) -> Value {
    json!({
        "query": "mutation($input: RecordPickupInput!) { recordPickup(input: $input) { id } }",
        "variables": { "input": {
            "clientUuid": client_uuid,
            "newDonor": { "kind": "COMPANY", "name": "Durable SA", "postcode": "73000" },
            "collectedAt": chrono::Utc::now().to_rfc3339(),
            "counts": [{ "category": "LAPTOP", "count": 1 }],
            "weightKg": 2.5,
        } },
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_write_survives_a_kill() {
    let db = TestDatabase::new().await;
    let port = free_port();
    let mut server = start(&db, port);
    let token = login(port).await;

    // Four writers in parallel; the server is killed while they write.
    let mut writers = tokio::task::JoinSet::new();
    for _ in 0..4 {
        let token = token.clone();
        writers.spawn(async move {
            let mut acknowledged = Vec::new();
            loop {
                let id = Uuid::new_v4();
                match post(port, &pickup(id), Some(&token)).await {
                    Some(answer) if answer["data"]["recordPickup"]["id"].is_string() => {
                        acknowledged.push(
                            answer["data"]["recordPickup"]["id"]
                                .as_str()
                                .map(str::to_string)
                                .unwrap_or_default(),
                        );
                    }
                    // The connection failed: the server is gone.
                    None => return acknowledged,
                    Some(other) => panic!("a write was refused: {other}"),
                }
            }
        });
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    server.kill().await.expect("SIGKILL");
    let mut acknowledged = Vec::new();
    while let Some(done) = writers.join_next().await {
        acknowledged.extend(done.expect("writer"));
    }
    assert!(
        acknowledged.len() >= 5,
        "the writers got through: {}",
        acknowledged.len()
    );

    let port = free_port();
    let _restarted = start(&db, port);
    let token = login(port).await;
    for id in &acknowledged {
        let body = json!({ "query": "query($id: ID!) { pickup(id: $id) { id } }", "variables": { "id": id } });
        let answer = post(port, &body, Some(&token)).await.expect("an answer");
        assert_eq!(
            answer["data"]["pickup"]["id"],
            json!(id),
            "acknowledged pickup {id} lost"
        );
    }
    if db.url.starts_with("sqlite:") {
        use sea_orm::{ConnectionTrait, Statement};
        let conn = sea_orm::Database::connect(&db.url).await.expect("connect");
        let row = conn
            .query_one(Statement::from_string(
                conn.get_database_backend(),
                "PRAGMA integrity_check",
            ))
            .await
            .expect("integrity check")
            .expect("a row");
        assert_eq!(row.try_get_by_index::<String>(0).expect("result"), "ok");
    }
}

/// Rows appended together share one transaction; one the database refuses
/// (here a repeated id) fails alone, the others are saved, and the writer
/// takes the next rows at once.
#[tokio::test]
async fn a_refused_append_fails_alone() {
    use passerelle::db::{Db, entities::audit_entry};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryTrait, Set};

    let app = crate::helpers::spawn_app().await;
    let db = Db::connect(&app.db.url).await.expect("connects");
    let programme_id = Uuid::new_v4();
    let row = |id: Uuid| {
        audit_entry::Entity::insert(audit_entry::ActiveModel {
            id: Set(id),
            programme_id: Set(programme_id),
            at: Set(chrono::Utc::now()),
            user_id: Set(None),
            action: Set("READ".into()),
            subject_kind: Set("TEST".into()),
            subject_ids: Set("[]".into()),
        })
        .into_query()
    };
    let twice = Uuid::new_v4();
    let (first, repeated, other) = tokio::join!(
        db.append(row(twice)),
        db.append(row(twice)),
        db.append(row(Uuid::new_v4())),
    );
    assert!(first.is_ok(), "{first:?}");
    assert!(repeated.is_err(), "a repeated id is refused");
    assert!(other.is_ok(), "{other:?}");
    let next = tokio::time::timeout(Duration::from_secs(5), db.append(row(Uuid::new_v4())))
        .await
        .expect("the writer did not wait on the failed transaction");
    assert!(next.is_ok(), "{next:?}");
    let saved = audit_entry::Entity::find()
        .filter(audit_entry::Column::ProgrammeId.eq(programme_id))
        .count(&db.conn)
        .await
        .expect("counts");
    assert_eq!(saved, 3);
}
