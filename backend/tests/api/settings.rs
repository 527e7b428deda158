//! The programme's settings: read and changed by its coordinators, checked
//! whole, and followed by what comes after (new cohorts, the yield).

use serde_json::{Value, json};

use crate::helpers::{COORDINATOR, TRAINER, spawn_app};

const READ: &str = "query { programmeSettings { returnSharePercent completionMaxExcused completionMaxAbsent timeZone startedOn course { title mandatory place organisationId } } }";
const UPDATE: &str = "mutation($input: ProgrammeSettingsInput!) { updateProgrammeSettings(input: $input) { returnSharePercent timeZone course { title } } }";

fn settings(share: i32, excused: i32, course: Value) -> Value {
    json!({ "input": {
        "returnSharePercent": share, "completionMaxExcused": excused, "completionMaxAbsent": 0,
        "timeZone": "INDIAN_REUNION", "startedOn": "2016-09-01", "course": course,
    } })
}

#[tokio::test]
async fn a_coordinator_sets_the_course_the_share_the_rule_and_the_clock_and_new_cohorts_follow() {
    let app = spawn_app().await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let (trainer, _) = app.login_as(TRAINER).await;

    let defaults = app.graphql(READ, json!({}), Some(&coordinator)).await;
    let defaults = defaults.data()["programmeSettings"].clone();
    assert_eq!(defaults["returnSharePercent"], 10);
    assert_eq!(defaults["completionMaxExcused"], 1);
    assert_eq!(defaults["timeZone"], "EUROPE_PARIS");
    // The demo programme's history begins two years back.
    let started: chrono::NaiveDate = defaults["startedOn"]
        .as_str()
        .and_then(|d| d.parse().ok())
        .expect("a start day");
    assert!((crate::helpers::programme_today() - started).num_days() >= 729);
    assert_eq!(defaults["course"].as_array().map(Vec::len), Some(11));
    let refused = app.graphql(READ, json!({}), Some(&trainer)).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));

    let (association, _) = app
        .member_of_new_organisation(
            "Association Les Clés",
            "TRAINING_PROVIDER",
            "TRAINER",
            "cles@example.org",
        )
        .await;
    let (collector, _) = app
        .member_of_new_organisation(
            "Collecte Est",
            "COLLECTOR",
            "COLLECTION_AGENT",
            "est@example.org",
        )
        .await;
    let module = |title: &str| json!({ "title": title, "mandatory": true });
    for (input, code) in [
        (settings(120, 1, json!([module("A")])), "SHARE_INVALID"),
        (
            settings(10, 11, json!([module("A")])),
            "COMPLETION_RULE_INVALID",
        ),
        (settings(10, 1, json!([])), "MODULE_COUNT_INVALID"),
        (
            {
                let mut later = settings(10, 1, json!([module("A")]));
                later["input"]["startedOn"] = json!("2099-01-01");
                later
            },
            "DATE_IN_FUTURE",
        ),
        (
            settings(10, 1, json!([module("A"), module("   ")])),
            "MODULE_TITLE_REQUIRED",
        ),
        (
            settings(
                10,
                1,
                json!([{ "title": "A", "mandatory": true, "organisationId": collector }]),
            ),
            "PROVIDER_REQUIRED",
        ),
    ] {
        let reply = app.graphql(UPDATE, input.clone(), Some(&coordinator)).await;
        assert_eq!(reply.code(), Some(code), "{input}");
    }
    let unchanged = app.graphql(READ, json!({}), Some(&coordinator)).await;
    assert_eq!(
        unchanged.data()["programmeSettings"],
        defaults,
        "nothing refused was saved"
    );

    // A three-module course: the second taught by the association, optional.
    let saved = app
        .graphql(
            UPDATE,
            settings(
                12,
                2,
                json!([
                    { "title": "Découvrir l'ordinateur", "mandatory": true, "place": "Médiathèque" },
                    { "title": "Démarches en ligne", "mandatory": false, "organisationId": association },
                    { "title": "Bilan", "mandatory": true },
                ]),
            ),
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        saved.data()["updateProgrammeSettings"],
        json!({ "returnSharePercent": 12, "timeZone": "INDIAN_REUNION", "course": [
            { "title": "Découvrir l'ordinateur" }, { "title": "Démarches en ligne" }, { "title": "Bilan" },
        ] })
    );

    // 20:30 UTC is 00:30 the next day in Réunion: the cohort's days say so.
    let first = "2026-03-02T20:30:00Z";
    let cohort = app
        .graphql(
            "mutation($input: CohortInput!) { createCohort(input: $input) { startsOn endsOn modules { title mandatory place startsAt organisation { id } } } }",
            json!({ "input": { "name": "Océan", "firstModuleAt": first, "place": "Salle B" } }),
            Some(&trainer),
        )
        .await;
    let cohort = cohort.data()["createCohort"].clone();
    assert_eq!(cohort["startsOn"], "2026-03-03");
    assert_eq!(cohort["endsOn"], "2026-03-17");
    let modules = cohort["modules"].as_array().expect("modules");
    assert_eq!(modules.len(), 3);
    assert_eq!(modules[0]["place"], "Médiathèque");
    assert_eq!(modules[2]["place"], "Salle B");
    assert_eq!(modules[1]["mandatory"], false);
    assert_eq!(modules[1]["organisation"]["id"], association);
    assert_ne!(modules[0]["organisation"]["id"], association);
    let third: chrono::DateTime<chrono::Utc> = modules[2]["startsAt"]
        .as_str()
        .and_then(|t| t.parse().ok())
        .expect("a date");
    assert_eq!(
        third.to_rfc3339(),
        "2026-03-16T20:30:00+00:00",
        "weekly, same hour"
    );

    // The agreed share is the one the yield compares with.
    let year = "query { refurbisherYield(from: \"2026-01-01\", to: \"2026-12-31\") { agreedSharePercent } }";
    let yield_ = app.graphql(year, json!({}), Some(&coordinator)).await;
    assert_eq!(
        yield_.data()["refurbisherYield"]["agreedSharePercent"],
        12.0
    );
}
