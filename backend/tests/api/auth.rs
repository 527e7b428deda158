//! Signing in, token checks, refresh rotation and deactivation.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::Utc;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use passerelle::{auth::JwtKeys, demo::DEMO_PASSWORD};
use serde_json::json;

use crate::helpers::{AGENT, COORDINATOR, SECRET, spawn_app, spawn_app_with};

const ME: &str = "{ me { id email displayName roles language organisation { name kind } } }";

#[tokio::test]
async fn the_demo_coordinator_signs_in_and_reads_their_account() {
    let app = spawn_app().await;
    let (access, _) = app.login_as(COORDINATOR).await;
    let reply = app.graphql(ME, json!({}), Some(&access)).await;
    let me = &reply.data()["me"];
    assert_eq!(me["email"], COORDINATOR);
    assert_eq!(me["roles"], json!(["COORDINATOR"]));
    assert_eq!(me["language"], "FR");
    assert_eq!(me["organisation"]["kind"], "COORDINATOR");
    assert_eq!(reply.cache_control.as_deref(), Some("no-store"));
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    for (email, password) in [
        (COORDINATOR, "not-the-password"),
        ("nobody@demo.passerelle.fr", DEMO_PASSWORD),
        ("not an email", DEMO_PASSWORD),
        (COORDINATOR, ""),
    ] {
        let reply = app.login(email, password).await;
        assert_eq!(
            reply.code(),
            Some("INVALID_CREDENTIALS"),
            "{email}/{password}: {}",
            reply.body
        );
        assert!(reply.body["data"].is_null());
    }
    // Case and surrounding spaces in the email do not matter.
    let reply = app
        .login("  Coordination@Demo.Passerelle.FR ", DEMO_PASSWORD)
        .await;
    assert_eq!(reply.data()["login"]["user"]["email"], COORDINATOR);
}

#[tokio::test]
async fn requests_without_a_token_are_unauthenticated() {
    let app = spawn_app().await;
    let reply = app.graphql(ME, json!({}), None).await;
    assert_eq!(reply.code(), Some("UNAUTHENTICATED"));
    let reply = app.graphql(ME, json!({}), Some("")).await;
    assert_eq!(reply.code(), Some("INVALID_TOKEN"));
}

fn sign(claims: serde_json::Value, secret: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret),
    )
    .expect("sign")
}

#[tokio::test]
async fn expired_tampered_unsigned_and_foreign_tokens_are_refused() {
    let app = spawn_app().await;
    let (access, refresh) = app.login_as(COORDINATOR).await;
    let user_id = app.graphql(ME, json!({}), Some(&access)).await.data()["me"]["id"]
        .as_str()
        .map(str::to_string);
    let user_id = user_id.expect("id");
    let now = Utc::now().timestamp();
    let claims = |aud: &str, iat: i64, exp: i64| json!({ "sub": user_id, "iat": iat, "exp": exp, "aud": aud, "iss": "passerelle", "typ": "access" });

    let expired = JwtKeys::new(SECRET.as_bytes(), std::time::Duration::from_secs(60))
        .issue(
            user_id.parse().expect("uuid"),
            uuid::Uuid::new_v4(),
            Utc::now() - chrono::Duration::hours(2),
        )
        .expect("issue")
        .0;
    let wrong_audience = sign(claims("another-app", now, now + 600), SECRET.as_bytes());
    let wrong_key = sign(
        claims("passerelle-api", now, now + 600),
        b"someone else's secret of 32 bytes!!",
    );
    let payload = access.split('.').nth(1).expect("payload");
    let unsigned = format!(
        "{}.{payload}.",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#)
    );
    let mut tampered_payload: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64")).expect("json");
    tampered_payload["exp"] = json!(now + 86_400 * 365);
    let parts: Vec<&str> = access.split('.').collect();
    let tampered = format!(
        "{}.{}.{}",
        parts[0],
        URL_SAFE_NO_PAD.encode(tampered_payload.to_string()),
        parts[2]
    );

    let cases = [
        (expired, "TOKEN_EXPIRED"),
        (wrong_audience, "INVALID_TOKEN"),
        (wrong_key, "INVALID_TOKEN"),
        (unsigned, "INVALID_TOKEN"),
        (tampered, "INVALID_TOKEN"),
        (refresh, "INVALID_TOKEN"),
    ];
    for (token, code) in cases {
        let reply = app.graphql(ME, json!({}), Some(&token)).await;
        assert_eq!(reply.code(), Some(code), "{token}: {}", reply.body);
    }
    // The genuine token still works.
    app.graphql(ME, json!({}), Some(&access)).await.data();
}

const REFRESH: &str = "mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken refreshToken user { email } } }";

#[tokio::test]
async fn refresh_tokens_rotate_and_a_reused_one_ends_the_session() {
    let app = spawn_app().await;
    let (_, first) = app.login_as(AGENT).await;

    let reply = app.graphql(REFRESH, json!({ "t": first }), None).await;
    let renewed = &reply.data()["refreshSession"];
    let second = renewed["refreshToken"]
        .as_str()
        .expect("refresh")
        .to_string();
    let access = renewed["accessToken"].as_str().expect("access").to_string();
    assert_ne!(second, first);
    app.graphql(ME, json!({}), Some(&access)).await.data();

    // The first token comes back: someone kept a copy. The whole session ends.
    let reused = app.graphql(REFRESH, json!({ "t": first }), None).await;
    assert_eq!(reused.code(), Some("REFRESH_TOKEN_REUSED"));
    let after = app.graphql(REFRESH, json!({ "t": second }), None).await;
    assert_eq!(after.code(), Some("INVALID_REFRESH_TOKEN"));

    let unknown = app.graphql(REFRESH, json!({ "t": "made-up" }), None).await;
    assert_eq!(unknown.code(), Some("INVALID_REFRESH_TOKEN"));
}

#[tokio::test]
async fn logout_ends_the_session_at_once() {
    let app = spawn_app().await;
    let (access, refresh) = app.login_as(AGENT).await;
    let (other_device, _) = app.login_as(AGENT).await;
    let reply = app
        .graphql(
            "mutation($t: String!) { logout(refreshToken: $t) }",
            json!({ "t": refresh }),
            None,
        )
        .await;
    assert_eq!(reply.data()["logout"], true);
    let after = app.graphql(REFRESH, json!({ "t": refresh }), None).await;
    assert_eq!(after.code(), Some("INVALID_REFRESH_TOKEN"));
    // The access token of that session stops too, not 15 minutes later;
    // the same person signed in on another device stays signed in.
    let stale = app.graphql(ME, json!({}), Some(&access)).await;
    assert_eq!(stale.code(), Some("SESSION_ENDED"));
    app.graphql(ME, json!({}), Some(&other_device)).await.data();
}

const CHANGE_PASSWORD: &str = "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { accessToken refreshToken } }";

#[tokio::test]
async fn changing_the_password_ends_every_other_session() {
    let app = spawn_app().await;
    let (phone, phone_refresh) = app.login_as(AGENT).await;
    let (laptop, _) = app.login_as(AGENT).await;

    let wrong = app
        .graphql(
            CHANGE_PASSWORD,
            json!({ "c": "not-my-password", "n": "a-new-long-password" }),
            Some(&laptop),
        )
        .await;
    assert_eq!(wrong.code(), Some("CURRENT_PASSWORD_WRONG"));
    let short = app
        .graphql(
            CHANGE_PASSWORD,
            json!({ "c": DEMO_PASSWORD, "n": "short" }),
            Some(&laptop),
        )
        .await;
    assert_eq!(short.code(), Some("PASSWORD_TOO_SHORT"));
    app.graphql(ME, json!({}), Some(&phone)).await.data();

    let changed = app
        .graphql(
            CHANGE_PASSWORD,
            json!({ "c": DEMO_PASSWORD, "n": "a-new-long-password" }),
            Some(&laptop),
        )
        .await;
    let new_access = changed.data()["changePassword"]["accessToken"]
        .as_str()
        .expect("token")
        .to_string();
    app.graphql(ME, json!({}), Some(&new_access)).await.data();
    for old in [&phone, &laptop] {
        let refused = app.graphql(ME, json!({}), Some(old)).await;
        assert_eq!(refused.code(), Some("SESSION_ENDED"));
    }
    let renew = app
        .graphql(REFRESH, json!({ "t": phone_refresh }), None)
        .await;
    assert_eq!(renew.code(), Some("INVALID_REFRESH_TOKEN"));
    assert_eq!(
        app.login(AGENT, DEMO_PASSWORD).await.code(),
        Some("INVALID_CREDENTIALS")
    );
    app.login(AGENT, "a-new-long-password").await.data();
    let anonymous = app
        .graphql(
            CHANGE_PASSWORD,
            json!({ "c": "x", "n": "a-new-long-password" }),
            None,
        )
        .await;
    assert_eq!(anonymous.code(), Some("UNAUTHENTICATED"));
}

#[tokio::test]
async fn a_deactivated_user_is_refused_at_the_next_request() {
    let app = spawn_app().await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let (agent, agent_refresh) = app.login_as(AGENT).await;
    let agent_id = app.graphql(ME, json!({}), Some(&agent)).await.data()["me"]["id"].clone();

    let reply = app
        .graphql(
            "mutation($id: ID!) { setUserActive(userId: $id, active: false) { active } }",
            json!({ "id": agent_id }),
            Some(&coordinator),
        )
        .await;
    assert_eq!(reply.data()["setUserActive"]["active"], false);

    assert_eq!(
        app.graphql(ME, json!({}), Some(&agent)).await.code(),
        Some("ACCOUNT_DEACTIVATED")
    );
    assert_eq!(
        app.login(AGENT, DEMO_PASSWORD).await.code(),
        Some("ACCOUNT_DEACTIVATED")
    );
    assert_eq!(
        app.graphql(REFRESH, json!({ "t": agent_refresh }), None)
            .await
            .code(),
        Some("INVALID_REFRESH_TOKEN")
    );

    // Reactivated, the person signs in again.
    app.graphql(
        "mutation($id: ID!) { setUserActive(userId: $id, active: true) { active } }",
        json!({ "id": agent_id }),
        Some(&coordinator),
    )
    .await
    .data();
    app.login_as(AGENT).await;
}

#[tokio::test]
async fn two_tabs_renewing_at_once_keep_the_session() {
    let app = spawn_app_with(&[("PASSERELLE_REFRESH_REUSE_GRACE_SECONDS", "30")]).await;
    let (_, token) = app.login_as(AGENT).await;
    let (first, second) = tokio::join!(
        app.graphql(REFRESH, json!({ "t": token }), None),
        app.graphql(REFRESH, json!({ "t": token }), None),
    );
    let (winner, loser) = if first.code().is_none() {
        (first, second)
    } else {
        (second, first)
    };
    assert_eq!(
        loser.code(),
        Some("INVALID_REFRESH_TOKEN"),
        "{}",
        loser.body
    );
    let renewed = winner.data()["refreshSession"]["refreshToken"]
        .as_str()
        .map(str::to_string)
        .expect("token");
    // The session lives on: the winner's token renews again.
    app.graphql(REFRESH, json!({ "t": renewed }), None)
        .await
        .data();
}
