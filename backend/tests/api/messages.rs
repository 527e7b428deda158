//! Messages through the outbox to a real SMTP server (Python's aiosmtpd,
//! started here, keeping what it receives in a maildir): a forgotten
//! password's link, used once; a gateway that does not answer, retried
//! with its reason shown to the coordination.

use std::{net::TcpListener, path::PathBuf, process::Stdio, time::Duration};

use base64::Engine;
use serde_json::{Value, json};
use tokio::process::{Child, Command};

use crate::helpers::{COORDINATOR, TRAINER, TestApp, spawn_app_sending};

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// An SMTP server keeping each message it receives as a file.
struct SmtpServer {
    port: u16,
    dir: tempfile::TempDir,
    _child: Child,
}

impl SmtpServer {
    async fn start() -> SmtpServer {
        let port = free_port();
        let dir = tempfile::tempdir().expect("a maildir");
        let child = Command::new("python3")
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(dir.path().join("mail"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("aiosmtpd starts (pip install aiosmtpd; `cargo xtask ensure-tools --for-tests` does)");
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return SmtpServer {
                    port,
                    dir,
                    _child: child,
                };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("aiosmtpd did not answer on port {port}");
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// The messages received so far, as raw text.
    fn received(&self) -> Vec<String> {
        let new: PathBuf = self.dir.path().join("mail").join("new");
        let Ok(entries) = std::fs::read_dir(new) else {
            return Vec::new();
        };
        entries
            .filter_map(|e| e.ok())
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect()
    }

    async fn wait_for(&self, count: usize) -> Vec<String> {
        for _ in 0..150 {
            let received = self.received();
            if received.len() >= count {
                return received;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("expected {count} message(s), got {}", self.received().len());
    }
}

/// A message's text body, decoded from its transfer encoding.
fn body_of(raw: &str) -> String {
    let raw = raw.replace("\r\n", "\n");
    let (head, body) = raw.split_once("\n\n").expect("headers and a body");
    let head = head.to_lowercase();
    if head.contains("content-transfer-encoding: base64") {
        let joined: String = body.split_whitespace().collect();
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(joined)
            .expect("base64");
        return String::from_utf8(bytes).expect("utf-8");
    }
    if head.contains("content-transfer-encoding: quoted-printable") {
        let joined = body.replace("=\n", "");
        let mut out = Vec::new();
        let bytes = joined.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'=' && i + 2 < bytes.len() {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("hex");
                out.push(u8::from_str_radix(hex, 16).expect("a byte"));
                i += 3;
            } else {
                out.push(bytes[i]);
                i += 1;
            }
        }
        return String::from_utf8(out).expect("utf-8");
    }
    body.to_string()
}

fn header<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    raw.lines()
        .find(|l| {
            l.to_lowercase()
                .starts_with(&format!("{}:", name.to_lowercase()))
        })
        .map(|l| l[name.len() + 1..].trim())
}

async fn messages(app: &TestApp, coordinator: &str) -> Vec<Value> {
    let reply = app
        .graphql(
            "query { messages { kind recipient status attempts lastError sentAt body subject } }",
            json!({}),
            Some(coordinator),
        )
        .await;
    reply.data()["messages"]
        .as_array()
        .expect("messages")
        .clone()
}

const ASK: &str = "mutation($e: String!) { requestPasswordReset(email: $e) }";
const RESET: &str =
    "mutation($t: String!, $p: String!) { resetPassword(token: $t, newPassword: $p) }";

#[tokio::test]
async fn a_forgotten_password_is_reset_from_the_emailed_link_once() {
    let smtp = SmtpServer::start().await;
    let app = spawn_app_sending(&[
        ("PASSERELLE_SMTP_URL", &smtp.url()),
        ("PASSERELLE_PUBLIC_URL", "https://passerelle.example.org"),
        (
            "PASSERELLE_MAIL_FROM",
            "Passerelle <ne-pas-repondre@example.org>",
        ),
    ])
    .await;
    // An address with no account gets the same answer, and no e-mail.
    for email in ["personne@example.org", TRAINER] {
        let asked = app.graphql(ASK, json!({ "e": email }), None).await;
        assert_eq!(asked.data()["requestPasswordReset"], true, "{email}");
    }
    let received = smtp.wait_for(1).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(smtp.received().len(), 1, "one e-mail, for the account only");
    let raw = &received[0];
    assert!(
        header(raw, "To").is_some_and(|to| to.contains(TRAINER)),
        "{raw}"
    );
    assert!(
        header(raw, "From").is_some_and(|from| from.contains("ne-pas-repondre@example.org")),
        "{raw}"
    );
    let body = body_of(raw);
    assert!(body.contains("dans les 30 minutes"), "in French: {body}");
    let link = body
        .lines()
        .find(|l| l.starts_with("https://passerelle.example.org/password/reset#"))
        .expect("the link");
    let token = link.split('#').nth(1).expect("a token").trim().to_string();

    // The coordination sees it sent; its text stays out of the app.
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let sent = messages(&app, &coordinator).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["status"], "SENT");
    assert_eq!(sent[0]["kind"], "PASSWORD_RESET");
    assert_eq!(sent[0]["recipient"], TRAINER);
    assert_eq!(sent[0]["body"], Value::Null);

    let short = app
        .graphql(RESET, json!({ "t": token, "p": "court" }), None)
        .await;
    assert_eq!(short.code(), Some("PASSWORD_TOO_SHORT"));
    let done = app
        .graphql(
            RESET,
            json!({ "t": token, "p": "un-nouveau-secret-2026" }),
            None,
        )
        .await;
    assert_eq!(done.data()["resetPassword"], true);
    let old = app.login(TRAINER, passerelle::demo::DEMO_PASSWORD).await;
    assert_eq!(old.code(), Some("INVALID_CREDENTIALS"));
    let new = app.login(TRAINER, "un-nouveau-secret-2026").await;
    assert!(
        new.body["data"]["login"]["accessToken"].is_string(),
        "{}",
        new.body
    );
    // The link works once.
    let again = app
        .graphql(
            RESET,
            json!({ "t": token, "p": "encore-un-autre-secret" }),
            None,
        )
        .await;
    assert_eq!(again.code(), Some("RESET_LINK_INVALID"));
    let made_up = app
        .graphql(
            RESET,
            json!({ "t": "pas-un-vrai-lien", "p": "encore-un-autre-secret" }),
            None,
        )
        .await;
    assert_eq!(made_up.code(), Some("RESET_LINK_INVALID"));
}

#[tokio::test]
async fn a_gateway_that_does_not_answer_is_tried_again_and_the_coordination_sees_why() {
    // Nothing listens there.
    let closed = format!("smtp://127.0.0.1:{}", free_port());
    let app = spawn_app_sending(&[("PASSERELLE_SMTP_URL", &closed)]).await;
    let asked = app.graphql(ASK, json!({ "e": TRAINER }), None).await;
    assert_eq!(asked.data()["requestPasswordReset"], true);
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    for _ in 0..100 {
        let listed = messages(&app, &coordinator).await;
        if listed.first().is_some_and(|m| m["attempts"] == 1) {
            let message = &listed[0];
            assert_eq!(message["status"], "WAITING", "to be tried again");
            assert!(
                message["lastError"].as_str().is_some_and(|e| !e.is_empty()),
                "{message}"
            );
            assert_eq!(message["sentAt"], Value::Null);
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the sending was not tried");
}

#[tokio::test]
async fn the_demo_keeps_its_messages_on_the_coordinations_page() {
    // No SMTP server set, demo data: the development gateway.
    let app = spawn_app_sending(&[]).await;
    let asked = app.graphql(ASK, json!({ "e": TRAINER }), None).await;
    assert_eq!(asked.data()["requestPasswordReset"], true);
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    for _ in 0..100 {
        let listed = messages(&app, &coordinator).await;
        if listed.first().is_some_and(|m| m["status"] == "SENT") {
            let body = listed[0]["body"].as_str().expect("the text is shown");
            assert!(body.contains("/password/reset#"), "{body}");
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the message was not kept");
}
