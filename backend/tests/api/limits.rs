//! What a single request may ask: depth, complexity, batch size.

use passerelle::graphql::{MAX_BATCH, MAX_DEPTH};
use serde_json::json;

use crate::helpers::{COORDINATOR, spawn_app};

#[tokio::test]
async fn a_query_nested_twenty_deep_is_refused() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    let mut query = String::from("name");
    for _ in 0..20 {
        query = format!("ofType {{ {query} }}");
    }
    let query = format!("{{ __type(name: \"User\") {{ fields {{ type {{ {query} }} }} }} }}");
    let reply = app.graphql(&query, json!({}), Some(&token)).await;
    assert_eq!(reply.code(), Some("QUERY_TOO_DEEP"), "{}", reply.body);
    const { assert!(MAX_DEPTH < 20) };
}

#[tokio::test]
async fn an_alias_flood_is_refused_as_too_complex() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    let fields: String = (0..2_000).map(|i| format!("a{i}: me {{ id }} ")).collect();
    let reply = app
        .graphql(&format!("{{ {fields} }}"), json!({}), Some(&token))
        .await;
    assert_eq!(reply.code(), Some("QUERY_TOO_COMPLEX"), "{}", reply.body);
}

#[tokio::test]
async fn a_batch_of_fifty_operations_is_refused_but_a_small_one_runs() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    let batch: Vec<_> = (0..50)
        .map(|_| json!({ "query": "{ me { id } }" }))
        .collect();
    let reply = app.post_json(json!(batch), Some(&token)).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.code(), Some("BATCH_TOO_LARGE"), "{}", reply.body);

    let small: Vec<_> = (0..MAX_BATCH)
        .map(|_| json!({ "query": "{ me { email } }" }))
        .collect();
    let reply = app.post_json(json!(small), Some(&token)).await;
    assert_eq!(reply.status, 200);
    let answers = reply.body.as_array().expect("one answer per operation");
    assert_eq!(answers.len(), MAX_BATCH);
    assert!(
        answers
            .iter()
            .all(|a| a["data"]["me"]["email"] == COORDINATOR)
    );
}

#[tokio::test]
async fn malformed_requests_get_a_code_and_introspection_is_off_in_production() {
    let app = spawn_app().await;
    let reply = app.graphql("{ me { id ", json!({}), None).await;
    assert_eq!(reply.code(), Some("BAD_REQUEST"), "{}", reply.body);
    let reply = app.graphql("{ nosuchfield }", json!({}), None).await;
    assert_eq!(reply.code(), Some("BAD_REQUEST"), "{}", reply.body);
    assert!(
        !reply.body.to_string().contains("Did you mean"),
        "no suggestions in production"
    );
    let reply = app
        .graphql("{ __schema { types { name } } }", json!({}), None)
        .await;
    assert!(reply.body["data"]["__schema"].is_null(), "{}", reply.body);
}

#[tokio::test]
async fn repeated_wrong_passwords_pause_the_account_not_the_others() {
    let app = crate::helpers::spawn_app().await;
    for _ in 0..5 {
        let reply = app.login(crate::helpers::AGENT, "not-the-password").await;
        assert_eq!(reply.code(), Some("INVALID_CREDENTIALS"));
    }
    // Even the right password waits now: guessing stops here.
    let paused = app
        .login(crate::helpers::AGENT, passerelle::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(paused.code(), Some("TOO_MANY_ATTEMPTS"));
    let typed_differently = app
        .login(
            " COLLECTE@demo.passerelle.fr ",
            passerelle::demo::DEMO_PASSWORD,
        )
        .await;
    assert_eq!(typed_differently.code(), Some("TOO_MANY_ATTEMPTS"));
    // A colleague is not locked out by someone else's guesses.
    app.login(crate::helpers::COORDINATOR, passerelle::demo::DEMO_PASSWORD)
        .await
        .data();
}

#[tokio::test]
async fn a_request_running_too_long_is_stopped_with_a_code() {
    let app = crate::helpers::spawn_app_with(&[("PASSERELLE_REQUEST_TIMEOUT_SECONDS", "0")]).await;
    // Signing in waits on the database and on password hashing: never instant.
    let reply = app
        .login(crate::helpers::AGENT, passerelle::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(reply.status, 503);
    assert_eq!(reply.code(), Some("REQUEST_TIMEOUT"));
}

/// The codes a refused request may carry: none of them is INTERNAL.
fn refused_with_a_code(reply: &crate::helpers::Reply) -> bool {
    matches!(
        reply.code(),
        Some("BAD_REQUEST" | "QUERY_TOO_COMPLEX" | "QUERY_TOO_DEEP" | "TOO_MANY_DIRECTIVES")
    )
}

#[tokio::test]
async fn a_directive_flood_and_an_oversized_body_are_refused() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    let directives = "@include(if: true) ".repeat(200);
    let reply = app
        .graphql(
            &format!("{{ me {directives} {{ id }} }}"),
            json!({}),
            Some(&token),
        )
        .await;
    assert!(refused_with_a_code(&reply), "{}", reply.body);
    assert!(reply.body["data"].is_null(), "{}", reply.body);

    let padding = "x".repeat(300 * 1024);
    let reply = app
        .graphql(
            &format!("{{ me {{ id }} }} # {padding}"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(reply.status, 413, "{}", reply.body);
    assert_eq!(reply.code(), Some("REQUEST_TOO_LARGE"), "{}", reply.body);
    let reply = app.post_json(json!("not an operation"), Some(&token)).await;
    assert_eq!(reply.status, 400);
    assert_eq!(reply.code(), Some("BAD_REQUEST"), "{}", reply.body);
}

#[tokio::test]
async fn a_huge_page_is_cut_to_the_largest_page() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    for limit in [1_000_000, 0] {
        let reply = app
            .graphql(
                "query($l: Int!) { donors(limit: $l) { total items { id } } users(limit: $l) { items { id } } }",
                json!({ "l": limit }),
                Some(&token),
            )
            .await;
        let data = reply.data();
        let items = data["donors"]["items"].as_array().expect("a page").len();
        assert!(items <= 100, "limit {limit}: {items} donors");
    }
    let negative = app
        .graphql("{ donors(limit: -5) { total } }", json!({}), Some(&token))
        .await;
    assert_eq!(negative.code(), Some("BAD_REQUEST"), "{}", negative.body);
}

#[tokio::test]
async fn a_database_failure_says_internal_and_never_shows_sql() {
    use sea_orm::ConnectionTrait;
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    // Something breaks under the app: the donors table is gone.
    let conn = sea_orm::Database::connect(&app.db.url)
        .await
        .expect("connect");
    conn.execute_unprepared("DROP TABLE donors CASCADE")
        .await
        .or(conn.execute_unprepared("DROP TABLE donors").await)
        .expect("drop");
    let reply = app
        .graphql("{ donors { items { id name } } }", json!({}), Some(&token))
        .await;
    assert_eq!(reply.code(), Some("INTERNAL"), "{}", reply.body);
    let text = format!(
        "{} {}",
        reply.body["errors"][0]["message"], reply.body["errors"][0]["extensions"]
    )
    .to_lowercase();
    for secret in [
        "select", "from", "table", "sqlx", "sqlite", "postgres", "relation", "panicked", ".rs",
    ] {
        assert!(!text.contains(secret), "'{secret}' leaked: {text}");
    }
}

#[tokio::test]
async fn a_flood_of_typename_aliases_is_counted_and_refused() {
    let app = spawn_app().await;
    let fields: String = (0..12_000).map(|i| format!("a{i}: __typename ")).collect();
    let reply = app
        .graphql(&format!("{{ {fields} }}"), json!({}), None)
        .await;
    assert_eq!(reply.code(), Some("TOO_MANY_FIELDS"), "{}", reply.body);
    let fields: String = (0..100).map(|i| format!("a{i}: __typename ")).collect();
    let reply = app
        .graphql(&format!("{{ {fields} }}"), json!({}), None)
        .await;
    assert_eq!(reply.data()["a99"], "QueryRoot");
}

#[tokio::test]
async fn integers_beyond_32_bits_are_refused_with_a_code() {
    let app = spawn_app().await;
    let (token, _) = app.login_as(COORDINATOR).await;
    let literal = app
        .graphql(
            "{ users(limit: 13592254891) { total } }",
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(literal.code(), Some("INT_OUT_OF_RANGE"), "{}", literal.body);
    let variable = app
        .graphql(
            "query($l: Int!) { users(limit: $l) { total } }",
            json!({ "l": 13_592_254_891u64 }),
            Some(&token),
        )
        .await;
    assert_eq!(
        variable.code(),
        Some("INT_OUT_OF_RANGE"),
        "{}",
        variable.body
    );
    let largest = app
        .graphql(
            "{ users(limit: 2147483647) { total } }",
            json!({}),
            Some(&token),
        )
        .await;
    largest.data();
}

#[tokio::test]
async fn a_burst_of_sign_ins_never_passes_the_limit() {
    let app = crate::helpers::spawn_app().await;
    // A JSON batch of ten sign-ins for one account: five passwords checked.
    let batch: Vec<_> = (0..10)
        .map(|_| json!({
            "query": "mutation($e: String!) { login(email: $e, password: \"wrong\") { accessToken } }",
            "variables": { "e": crate::helpers::AGENT },
        }))
        .collect();
    let reply = app.post_json(json!(batch), None).await;
    let answers = reply.body.as_array().cloned().unwrap_or_default();
    assert_eq!(answers.len(), 10, "{}", reply.body);
    let checked = answers
        .iter()
        .filter(|a| a["errors"][0]["extensions"]["code"] == "INVALID_CREDENTIALS")
        .count();
    assert_eq!(checked, 5, "{}", reply.body);

    let app = crate::helpers::spawn_app().await;
    let login = json!({
        "query": "mutation($e: String!) { login(email: $e, password: \"wrong\") { accessToken } }",
        "variables": { "e": crate::helpers::TRAINER },
    });
    let replies = futures_join(&app, login, 20).await;
    let checked = replies
        .iter()
        .filter(|r| r.code() == Some("INVALID_CREDENTIALS"))
        .count();
    assert_eq!(checked, 5, "20 parallel sign-ins");
    assert!(
        replies
            .iter()
            .all(|r| matches!(r.code(), Some("INVALID_CREDENTIALS" | "TOO_MANY_ATTEMPTS")))
    );
}

/// Sends `body` `count` times at once from separate tasks.
async fn futures_join(
    app: &crate::helpers::TestApp,
    body: serde_json::Value,
    count: usize,
) -> Vec<crate::helpers::Reply> {
    let tasks: Vec<_> = (0..count)
        .map(|_| {
            let (app, body) = (app.clone(), body.clone());
            tokio::spawn(async move { app.post_json(body, None).await })
        })
        .collect();
    let mut replies = Vec::new();
    for task in tasks {
        replies.push(task.await.expect("task"));
    }
    replies
}

#[tokio::test]
async fn households_behind_one_address_opening_their_page_at_once_are_all_answered() {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = crate::helpers::spawn_app().await;
    // A learner enrolled (and trained): the household has its code.
    let w = crate::installations::world(&app).await;
    crate::installations::completed(&app, &w, "Inès", "2 rue du Lac", "HAS", "ANY").await;
    let conn = sea_orm::Database::connect(&app.db.url)
        .await
        .expect("connect");
    let learner = passerelle::db::entities::referral::Entity::find()
        .filter(passerelle::db::entities::referral::Column::TrackingCode.is_not_null())
        .one(&conn)
        .await
        .expect("a query")
        .expect("an enrolled learner with a tracking code");
    let code = learner.tracking_code.expect("a code");
    let tracking = json!({
        "query": "query($c: String!) { tracking(code: $c) { trained } }",
        "variables": { "c": code },
    });
    // Four times the limit of wrong codes, all right, all at once.
    let replies = futures_join(&app, tracking, 40).await;
    let answered = replies
        .iter()
        .filter(|r| r.body["data"]["tracking"]["trained"].is_boolean())
        .count();
    assert_eq!(
        answered,
        40,
        "{:?}",
        replies.iter().map(|r| &r.body).collect::<Vec<_>>()
    );
    // Wrong codes still stop at the limit, even sent at once.
    let wrong = json!({
        "query": "query { tracking(code: \"AAAAA-AAAAA\") { trained } }",
    });
    let replies = futures_join(&app, wrong, 20).await;
    let guessed = replies
        .iter()
        .filter(|r| r.code() == Some("TRACKING_CODE_UNKNOWN"))
        .count();
    assert_eq!(guessed, 10, "the tracking limit per address");
}
