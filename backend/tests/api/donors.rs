//! The demo donors, and who may read them.

use serde_json::json;

use crate::helpers::{AGENT, COORDINATOR, PRESCRIBER, spawn_app};

const DONORS: &str = "query($search: String) { donors(search: $search) { total items { name kind city agreementReference agreementStartsOn } } }";

fn names(reply: &serde_json::Value) -> Vec<String> {
    reply["donors"]["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|d| d["name"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn agents_and_coordinators_search_donors_ignoring_accents_and_case() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let all = app.graphql(DONORS, json!({}), Some(&agent)).await;
    assert_eq!(all.data()["donors"]["total"], 6);

    let court = app
        .graphql(DONORS, json!({ "search": "COUR  appel" }), Some(&agent))
        .await;
    assert_eq!(names(court.data()), ["Cour d'appel de Chambéry"]);
    assert_eq!(court.data()["donors"]["items"][0]["kind"], "PUBLIC_BODY");
    assert_eq!(
        court.data()["donors"]["items"][0]["agreementReference"],
        "CONV-2019-CA73"
    );
    assert_eq!(
        court.data()["donors"]["items"][0]["agreementStartsOn"],
        "2019-04-30"
    );

    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let ravoire = app
        .graphql(DONORS, json!({ "search": "ravoire" }), Some(&coordinator))
        .await;
    assert_eq!(names(ravoire.data()), ["Mme Josette Perrin"]);
    let electronique = app
        .graphql(
            DONORS,
            json!({ "search": "electronique" }),
            Some(&coordinator),
        )
        .await;
    assert_eq!(names(electronique.data()), ["ADEO Électronique"]);
    let none = app
        .graphql(DONORS, json!({ "search": "%" }), Some(&coordinator))
        .await;
    assert_eq!(
        none.data()["donors"]["total"],
        6,
        "punctuation alone filters nothing"
    );
    let nobody = app
        .graphql(DONORS, json!({ "search": "grenoble" }), Some(&coordinator))
        .await;
    assert_eq!(nobody.data()["donors"]["total"], 0);
}

#[tokio::test]
async fn people_with_no_business_with_donors_cannot_read_them() {
    let app = spawn_app().await;
    let (prescriber, _) = app.login_as(PRESCRIBER).await;
    assert_eq!(
        app.graphql(DONORS, json!({}), Some(&prescriber))
            .await
            .code(),
        Some("FORBIDDEN")
    );
    assert_eq!(
        app.graphql(DONORS, json!({}), None).await.code(),
        Some("UNAUTHENTICATED")
    );
}
