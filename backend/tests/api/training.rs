//! Referrals, information sessions, cohorts, attendance and completion.

use serde_json::{Value, json};

use crate::helpers::{COORDINATOR, PRESCRIBER, TRAINER, TestApp, spawn_app};

const REFER: &str =
    "mutation($input: ReferralInput!) { createReferral(input: $input) { id status } }";
const SESSION: &str = "mutation($at: DateTime!) { createInfoSession(startsAt: $at, place: \"Médiathèque J.-J. Rousseau\") { id } }";
const INVITE: &str =
    "mutation($s: ID!, $r: [ID!]!) { inviteToSession(sessionId: $s, referralIds: $r) { status } }";
const DECIDE: &str = "mutation($r: ID!, $input: EligibilityInput!) { decideEligibility(referralId: $r, input: $input) { status } }";
const COHORT: &str = "mutation($input: CohortInput!) { createCohort(input: $input) { id places modules { id mandatory position } } }";
const ENROL: &str = "mutation($r: ID!, $c: ID!) { enrol(referralId: $r, cohortId: $c) { status } }";
const MARK: &str = "mutation($c: ID!, $m: ID!, $marks: [MarkInput!]!) { markAttendance(cohortId: $c, moduleId: $m, marks: $marks) }";
const COMPLETE: &str = "mutation($r: ID!) { confirmCompletion(referralId: $r) { status } }";

fn resident(first: &str) -> Value {
    json!({
        "prescriberKind": "JOB_CENTRE", "firstName": first, "lastName": "Haddad",
        "birthYear": 1984, "gender": "WOMAN", "phone": "06 12 34 56 78",
        "neighbourhood": "Les Hauts-de-Chambéry", "priorityNeighbourhood": true,
        "languages": "français, arabe", "householdAdults": 1, "householdChildren": 2,
        "internet": "CAN_GET", "reason": "Démarches en ligne", "consent": true,
    })
}

struct Tokens {
    prescriber: String,
    coordinator: String,
    trainer: String,
}

async fn tokens(app: &TestApp) -> Tokens {
    Tokens {
        prescriber: app.login_as(PRESCRIBER).await.0,
        coordinator: app.login_as(COORDINATOR).await.0,
        trainer: app.login_as(TRAINER).await.0,
    }
}

/// Residents referred, invited to a session, found eligible: their ids.
async fn eligible(app: &TestApp, t: &Tokens, names: &[&str]) -> Vec<Value> {
    let mut ids = Vec::new();
    for name in names {
        let reply = app
            .graphql(
                REFER,
                json!({ "input": resident(name) }),
                Some(&t.prescriber),
            )
            .await;
        ids.push(reply.data()["createReferral"]["id"].clone());
    }
    let at = (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339();
    let session = app
        .graphql(SESSION, json!({ "at": at }), Some(&t.trainer))
        .await;
    let session = session.data()["createInfoSession"]["id"].clone();
    app.graphql(
        INVITE,
        json!({ "s": session, "r": ids }),
        Some(&t.coordinator),
    )
    .await
    .data();
    for id in &ids {
        let yes = json!({ "residence": true, "french": true, "availability": true, "motivation": true, "eligible": true });
        app.graphql(DECIDE, json!({ "r": id, "input": yes }), Some(&t.trainer))
            .await
            .data();
    }
    ids
}

/// A cohort of `places` whose first module starts tomorrow at this hour.
async fn cohort(app: &TestApp, t: &Tokens, places: i32) -> (Value, Vec<Value>) {
    let first = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let reply = app
        .graphql(
            COHORT,
            json!({ "input": { "name": "Session d'automne", "places": places, "firstModuleAt": first, "place": "Médiathèque", "trainer": "Valérie" } }),
            Some(&t.trainer),
        )
        .await;
    let cohort = reply.data()["createCohort"].clone();
    let modules = cohort["modules"].as_array().expect("modules").clone();
    (cohort["id"].clone(), modules)
}

async fn mark_all(
    app: &TestApp,
    t: &Tokens,
    cohort: &Value,
    modules: &[Value],
    learner: &Value,
    marks: &[&str],
) {
    for (module, mark) in modules.iter().zip(marks) {
        app.graphql(
            MARK,
            json!({ "c": cohort, "m": module["id"], "marks": [{ "referralId": learner, "mark": mark }] }),
            Some(&t.trainer),
        )
        .await
        .data();
    }
}

#[tokio::test]
async fn a_referral_goes_from_the_prescriber_to_completion_and_back_to_their_screen() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let ids = eligible(&app, &t, &["Amina"]).await;
    let (cohort_id, modules) = cohort(&app, &t, 10).await;
    assert_eq!(modules.len(), 11);
    let enrolled = app
        .graphql(
            ENROL,
            json!({ "r": ids[0], "c": cohort_id }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(enrolled.data()["enrol"]["status"], "ENROLLED");
    // Every mandatory module present; the optional one (Pronote) missed.
    let marks: Vec<&str> = modules
        .iter()
        .map(|m| {
            if m["mandatory"] == true {
                "PRESENT"
            } else {
                "ABSENT"
            }
        })
        .collect();
    mark_all(&app, &t, &cohort_id, &modules, &ids[0], &marks).await;
    let done = app
        .graphql(COMPLETE, json!({ "r": ids[0] }), Some(&t.trainer))
        .await;
    assert_eq!(done.data()["confirmCompletion"]["status"], "COMPLETED");

    let seen = app
        .graphql(
            "query { referrals { firstName status } }",
            json!({}),
            Some(&t.prescriber),
        )
        .await;
    assert_eq!(
        seen.data()["referrals"],
        json!([{ "firstName": "Amina", "status": "COMPLETED" }])
    );
}

#[tokio::test]
async fn learners_data_stays_with_their_prescriber_provider_and_coordinators() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let mine = app
        .graphql(
            REFER,
            json!({ "input": resident("Nadia") }),
            Some(&t.prescriber),
        )
        .await;
    let id = mine.data()["createReferral"]["id"].clone();
    // Another prescriber, in another organisation.
    let org = app
        .graphql(
            "mutation { createOrganisation(input: { name: \"CCAS de Chambéry\", kind: PRESCRIBER }) { id } }",
            json!({}),
            Some(&t.coordinator),
        )
        .await;
    app.graphql(
        "mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
        json!({ "input": { "displayName": "Autre prescripteur", "email": "ccas@example.org", "password": passerelle::demo::DEMO_PASSWORD, "organisationId": org.data()["createOrganisation"]["id"], "roles": ["PRESCRIBER"] } }),
        Some(&t.coordinator),
    )
    .await
    .data();
    let (other, _) = app.login_as("ccas@example.org").await;
    let read = app
        .graphql(
            "query($id: ID!) { referral(id: $id) { firstName } }",
            json!({ "id": id }),
            Some(&other),
        )
        .await;
    assert_eq!(read.code(), Some("NOT_FOUND"));
    let list = app
        .graphql("query { referrals { id } }", json!({}), Some(&other))
        .await;
    assert_eq!(list.data()["referrals"], json!([]));
    // Not invited yet: the training provider does not see them either.
    let list = app
        .graphql("query { referrals { id } }", json!({}), Some(&t.trainer))
        .await;
    assert_eq!(list.data()["referrals"], json!([]));
    let (agent, _) = app.login_as(crate::helpers::AGENT).await;
    let forbidden = app
        .graphql("query { referrals { id } }", json!({}), Some(&agent))
        .await;
    assert_eq!(forbidden.code(), Some("FORBIDDEN"));
    let all = app
        .graphql(
            "query { referrals { firstName } }",
            json!({}),
            Some(&t.coordinator),
        )
        .await;
    assert_eq!(all.data()["referrals"][0]["firstName"], "Nadia");

    let mut refused = resident("Sans consentement");
    refused["consent"] = json!(false);
    let reply = app
        .graphql(REFER, json!({ "input": refused }), Some(&t.prescriber))
        .await;
    assert_eq!(reply.code(), Some("CONSENT_REQUIRED"));
    let mut no_phone = resident("Sans téléphone");
    no_phone["phone"] = json!("06");
    let reply = app
        .graphql(REFER, json!({ "input": no_phone }), Some(&t.prescriber))
        .await;
    assert_eq!(reply.code(), Some("PHONE_INVALID"));
    // Checked against the numbering plans, not by counting digits.
    for wrong in ["06 12 34 56", "00 00 00 00 00", "06 12 34 56 78 90"] {
        let mut typo = resident("Faute de frappe");
        typo["phone"] = json!(wrong);
        let reply = app
            .graphql(REFER, json!({ "input": typo }), Some(&t.prescriber))
            .await;
        assert_eq!(reply.code(), Some("PHONE_INVALID"), "{wrong}");
    }
    let mut empty = resident("Vide");
    empty["phone"] = json!("  ");
    let reply = app
        .graphql(REFER, json!({ "input": empty }), Some(&t.prescriber))
        .await;
    assert_eq!(reply.code(), Some("PHONE_REQUIRED"));
    // Typed any usual way, kept the way people read it.
    for (name, typed, kept) in [
        ("Collé", "0612345678", "06 12 34 56 78"),
        ("Indicatif", "+33 6 12 34 56 78", "06 12 34 56 78"),
        ("Belgique", "+32 470 12 34 56", "+32 470 12 34 56"),
    ] {
        let mut person = resident(name);
        person["phone"] = json!(typed);
        let reply = app
            .graphql(
                "mutation($input: ReferralInput!) { createReferral(input: $input) { phone } }",
                json!({ "input": person }),
                Some(&t.prescriber),
            )
            .await;
        assert_eq!(reply.data()["createReferral"]["phone"], kept, "{typed}");
    }
    let mut bad_year = resident("Année");
    bad_year["birthYear"] = json!(2030);
    let reply = app
        .graphql(REFER, json!({ "input": bad_year }), Some(&t.prescriber))
        .await;
    assert_eq!(reply.code(), Some("BIRTH_YEAR_INVALID"));
}

#[tokio::test]
async fn a_full_cohort_puts_learners_on_its_waiting_list() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let ids = eligible(&app, &t, &["Un", "Deux", "Trois"]).await;
    let (cohort_id, _) = cohort(&app, &t, 2).await;
    let mut statuses = Vec::new();
    for id in &ids {
        let reply = app
            .graphql(ENROL, json!({ "r": id, "c": cohort_id }), Some(&t.trainer))
            .await;
        statuses.push(
            reply.data()["enrol"]["status"]
                .as_str()
                .unwrap_or_default()
                .to_string(),
        );
    }
    assert_eq!(statuses, ["ENROLLED", "ENROLLED", "WAITING_LIST"]);
    let still_full = app
        .graphql(
            ENROL,
            json!({ "r": ids[2], "c": cohort_id }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(still_full.code(), Some("COHORT_FULL"));
    let dropped = app
        .graphql(
            "mutation($r: ID!) { dropOut(referralId: $r, reason: \"A trouvé un emploi\") { status dropOutReason } }",
            json!({ "r": ids[0] }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(dropped.data()["dropOut"]["status"], "DROPPED_OUT");
    let moved_up = app
        .graphql(
            ENROL,
            json!({ "r": ids[2], "c": cohort_id }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(moved_up.data()["enrol"]["status"], "ENROLLED");
    let count = app
        .graphql(
            "query($id: ID!) { cohort(id: $id) { learners { referral { status } } } }",
            json!({ "id": cohort_id }),
            Some(&t.trainer),
        )
        .await;
    let enrolled = count.data()["cohort"]["learners"]
        .as_array()
        .expect("learners")
        .iter()
        .filter(|l| l["referral"]["status"] == "ENROLLED")
        .count();
    assert_eq!(enrolled, 2, "never more than its places");
}

#[tokio::test]
async fn attendance_stays_within_its_cohort_and_resending_it_changes_nothing() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let ids = eligible(&app, &t, &["Ana", "Bea"]).await;
    let (first, first_modules) = cohort(&app, &t, 10).await;
    let (second, second_modules) = cohort(&app, &t, 10).await;
    app.graphql(ENROL, json!({ "r": ids[0], "c": first }), Some(&t.trainer))
        .await
        .data();
    app.graphql(ENROL, json!({ "r": ids[1], "c": second }), Some(&t.trainer))
        .await
        .data();
    let outsider = app
        .graphql(
            MARK,
            json!({ "c": first, "m": first_modules[0]["id"], "marks": [{ "referralId": ids[1], "mark": "PRESENT" }] }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(outsider.code(), Some("LEARNER_NOT_IN_COHORT"));
    let other_module = app
        .graphql(
            MARK,
            json!({ "c": first, "m": second_modules[0]["id"], "marks": [{ "referralId": ids[0], "mark": "PRESENT" }] }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(other_module.code(), Some("MODULE_NOT_IN_COHORT"));
    let send = json!({ "c": first, "m": first_modules[0]["id"], "marks": [{ "referralId": ids[0], "mark": "EXCUSED" }] });
    for _ in 0..3 {
        app.graphql(MARK, send.clone(), Some(&t.trainer))
            .await
            .data();
    }
    let sheet = app
        .graphql(
            "query($id: ID!) { cohort(id: $id) { attendance { referralId mark } } }",
            json!({ "id": first }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(
        sheet.data()["cohort"]["attendance"],
        json!([{ "referralId": ids[0], "mark": "EXCUSED" }])
    );
    // A prescriber cannot mark anything.
    let refused = app.graphql(MARK, send, Some(&t.prescriber)).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));
}

#[tokio::test]
async fn completion_follows_the_rule_at_its_edges() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let ids = eligible(&app, &t, &["Un", "Deux", "Trois", "Quatre"]).await;
    let (cohort_id, modules) = cohort(&app, &t, 10).await;
    for id in &ids {
        app.graphql(ENROL, json!({ "r": id, "c": cohort_id }), Some(&t.trainer))
            .await
            .data();
    }
    let optional = modules
        .iter()
        .position(|m| m["mandatory"] == false)
        .expect("an optional module");
    let sheet = |special: &[(usize, &'static str)]| -> Vec<&'static str> {
        (0..modules.len())
            .map(|i| {
                special
                    .iter()
                    .find(|(j, _)| *j == i)
                    .map(|(_, m)| *m)
                    .unwrap_or("PRESENT")
            })
            .collect()
    };
    // One excused absence: met. Two: not met. One unexcused: not met.
    mark_all(
        &app,
        &t,
        &cohort_id,
        &modules,
        &ids[0],
        &sheet(&[(2, "EXCUSED"), (optional, "ABSENT")]),
    )
    .await;
    mark_all(
        &app,
        &t,
        &cohort_id,
        &modules,
        &ids[1],
        &sheet(&[(2, "EXCUSED"), (4, "EXCUSED")]),
    )
    .await;
    mark_all(
        &app,
        &t,
        &cohort_id,
        &modules,
        &ids[2],
        &sheet(&[(0, "ABSENT")]),
    )
    .await;
    // The fourth has the last module still unmarked.
    mark_all(
        &app,
        &t,
        &cohort_id,
        &modules[..modules.len() - 1],
        &ids[3],
        &sheet(&[]),
    )
    .await;
    let outcomes = app
        .graphql(
            "query($id: ID!) { cohort(id: $id) { learners { referral { firstName } outcome } } }",
            json!({ "id": cohort_id }),
            Some(&t.trainer),
        )
        .await;
    let mut outcomes: Vec<(String, String)> = outcomes.data()["cohort"]["learners"]
        .as_array()
        .expect("learners")
        .iter()
        .map(|l| {
            (
                l["referral"]["firstName"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                l["outcome"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    outcomes.sort();
    assert_eq!(
        outcomes,
        [
            ("Deux".to_string(), "NOT_MET".to_string()),
            ("Quatre".to_string(), "PENDING".to_string()),
            ("Trois".to_string(), "NOT_MET".to_string()),
            ("Un".to_string(), "MET".to_string()),
        ]
    );
    let codes: Vec<Option<String>> = {
        let mut codes = Vec::new();
        for id in &ids {
            let reply = app
                .graphql(COMPLETE, json!({ "r": id }), Some(&t.trainer))
                .await;
            codes.push(reply.code().map(str::to_string));
        }
        codes
    };
    assert_eq!(
        codes,
        [
            None,
            Some("COMPLETION_RULE_NOT_MET".into()),
            Some("COMPLETION_RULE_NOT_MET".into()),
            Some("COMPLETION_RULE_NOT_MET".into())
        ]
    );
}

#[tokio::test]
async fn eligibility_needs_reasons_and_tomorrows_calls_are_listed() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let reply = app
        .graphql(
            REFER,
            json!({ "input": resident("Lina") }),
            Some(&t.prescriber),
        )
        .await;
    let id = reply.data()["createReferral"]["id"].clone();
    let at = (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339();
    let session = app
        .graphql(SESSION, json!({ "at": at }), Some(&t.trainer))
        .await;
    let session = session.data()["createInfoSession"]["id"].clone();
    let early = app
        .graphql(DECIDE, json!({ "r": id, "input": { "residence": true, "french": true, "availability": true, "motivation": true, "eligible": true } }), Some(&t.trainer))
        .await;
    assert_eq!(
        early.code(),
        Some("NOT_FOUND"),
        "not invited to this provider's session yet: not theirs to see"
    );
    app.graphql(
        INVITE,
        json!({ "s": session, "r": [id] }),
        Some(&t.coordinator),
    )
    .await
    .data();
    let no_reason = app
        .graphql(DECIDE, json!({ "r": id, "input": { "residence": false, "french": true, "availability": true, "motivation": true, "eligible": true } }), Some(&t.trainer))
        .await;
    assert_eq!(
        no_reason.code(),
        Some("EXCEPTION_NEEDED_RESIDENCE"),
        "the unticked criterion is named"
    );
    let french = app
        .graphql(DECIDE, json!({ "r": id, "input": { "residence": true, "french": false, "availability": true, "motivation": true, "eligible": true } }), Some(&t.trainer))
        .await;
    assert_eq!(french.code(), Some("EXCEPTION_NEEDED_FRENCH"));
    let refused = app
        .graphql(DECIDE, json!({ "r": id, "input": { "residence": true, "french": true, "availability": true, "motivation": true, "eligible": false } }), Some(&t.trainer))
        .await;
    assert_eq!(refused.code(), Some("DECISION_REASON_REQUIRED"));
    let exception = app
        .graphql(DECIDE, json!({ "r": id, "input": { "residence": false, "french": true, "availability": true, "motivation": true, "eligible": true, "reason": "Dérogation du centre social" } }), Some(&t.trainer))
        .await;
    assert_eq!(exception.data()["decideEligibility"]["status"], "ELIGIBLE");
    let (cohort_id, modules) = cohort(&app, &t, 10).await;
    app.graphql(ENROL, json!({ "r": id, "c": cohort_id }), Some(&t.trainer))
        .await
        .data();

    let from = chrono::Utc::now();
    let to = from + chrono::Duration::days(2);
    const REMINDERS: &str = "query($from: DateTime!, $to: DateTime!) { reminders(from: $from, to: $to) { moduleId learnerName phone outcome } }";
    let list = app
        .graphql(
            REMINDERS,
            json!({ "from": from.to_rfc3339(), "to": to.to_rfc3339() }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(
        list.data()["reminders"],
        json!([{ "moduleId": modules[0]["id"], "learnerName": "Lina Haddad", "phone": "06 12 34 56 78", "outcome": null }])
    );
    app.graphql(
        "mutation($m: ID!, $r: ID!) { recordCall(moduleId: $m, referralId: $r, outcome: CALLED) }",
        json!({ "m": modules[0]["id"], "r": id }),
        Some(&t.trainer),
    )
    .await
    .data();
    let list = app
        .graphql(
            REMINDERS,
            json!({ "from": from.to_rfc3339(), "to": to.to_rfc3339() }),
            Some(&t.coordinator),
        )
        .await;
    assert_eq!(list.data()["reminders"][0]["outcome"], "CALLED");
}

#[tokio::test]
async fn every_read_of_a_learner_is_written_to_the_audit_log() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let reply = app
        .graphql(
            REFER,
            json!({ "input": resident("Audrey") }),
            Some(&t.prescriber),
        )
        .await;
    let id = reply.data()["createReferral"]["id"].clone();
    app.graphql(
        "query($id: ID!) { referral(id: $id) { firstName } }",
        json!({ "id": id }),
        Some(&t.prescriber),
    )
    .await
    .data();
    let log = app
        .graphql(
            "query($id: ID!) { auditLog(subjectId: $id) { reader action subjectKind } }",
            json!({ "id": id }),
            Some(&t.coordinator),
        )
        .await;
    assert_eq!(
        log.data()["auditLog"],
        json!([{ "reader": "Nathalie Roux", "action": "READ", "subjectKind": "LEARNER" }])
    );
    // The coordinator's own list is a read too; the log holds no personal data.
    app.graphql(
        "query { referrals { firstName } }",
        json!({}),
        Some(&t.coordinator),
    )
    .await
    .data();
    let log = app
        .graphql(
            "query($id: ID!) { auditLog(subjectId: $id) { reader } }",
            json!({ "id": id }),
            Some(&t.coordinator),
        )
        .await;
    assert_eq!(log.data()["auditLog"].as_array().map(Vec::len), Some(2));
    let refused = app
        .graphql(
            "query($id: ID!) { auditLog(subjectId: $id) { reader } }",
            json!({ "id": id }),
            Some(&t.prescriber),
        )
        .await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));
}

/// Reads arriving together share one commit of their audit entries (a
/// group commit); each still gets its own entry, saved before it is answered.
#[tokio::test]
async fn reads_at_the_same_time_each_leave_one_entry() {
    const READS: usize = 40;
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let reply = app
        .graphql(
            REFER,
            json!({ "input": resident("Brahim") }),
            Some(&t.prescriber),
        )
        .await;
    let id = reply.data()["createReferral"]["id"].clone();
    let mut reads = tokio::task::JoinSet::new();
    for _ in 0..READS {
        let app = app.clone();
        let (token, id) = (t.prescriber.clone(), id.clone());
        reads.spawn(async move {
            app.graphql(
                "query($id: ID!) { referral(id: $id) { firstName } }",
                json!({ "id": id }),
                Some(&token),
            )
            .await
            .data();
        });
    }
    while let Some(read) = reads.join_next().await {
        read.expect("the read ran");
    }
    let log = app
        .graphql(
            "query($id: ID!) { auditLog(subjectId: $id) { action } }",
            json!({ "id": id }),
            Some(&t.coordinator),
        )
        .await;
    assert_eq!(log.data()["auditLog"].as_array().map(Vec::len), Some(READS));
}

#[tokio::test]
async fn a_person_is_exported_then_erased_without_changing_past_figures() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let ids = eligible(&app, &t, &["Zoé"]).await;
    let (cohort_id, modules) = cohort(&app, &t, 10).await;
    app.graphql(
        ENROL,
        json!({ "r": ids[0], "c": cohort_id }),
        Some(&t.trainer),
    )
    .await
    .data();
    let marks = vec!["PRESENT"; modules.len()];
    mark_all(&app, &t, &cohort_id, &modules, &ids[0], &marks).await;
    app.graphql(COMPLETE, json!({ "r": ids[0] }), Some(&t.trainer))
        .await
        .data();
    let year = chrono::Utc::now().format("%Y").to_string();
    const TRAINED: &str = "query($from: NaiveDate!, $to: NaiveDate!) { report(from: $from, to: $to) { trained referrals } }";
    let period = json!({ "from": format!("{year}-01-01"), "to": format!("{year}-12-31") });
    let before = app
        .graphql(TRAINED, period.clone(), Some(&t.coordinator))
        .await;

    let export = app
        .graphql(
            "mutation($r: ID!) { exportPerson(referralId: $r) }",
            json!({ "r": ids[0] }),
            Some(&t.coordinator),
        )
        .await;
    let export: Value = serde_json::from_str(export.data()["exportPerson"].as_str().expect("json"))
        .expect("valid JSON");
    assert_eq!(export["referral"]["firstName"], "Zoé");
    assert_eq!(export["referral"]["phone"], "06 12 34 56 78");
    assert_eq!(
        export["attendance"].as_array().map(Vec::len),
        Some(modules.len())
    );

    app.graphql(
        "mutation($r: ID!) { erasePerson(referralId: $r) }",
        json!({ "r": ids[0] }),
        Some(&t.coordinator),
    )
    .await
    .data();
    let seen = app
        .graphql("query($id: ID!) { referral(id: $id) { firstName lastName phone neighbourhood status } }", json!({ "id": ids[0] }), Some(&t.coordinator))
        .await;
    assert_eq!(
        seen.data()["referral"],
        json!({ "firstName": "Personne", "lastName": "effacée", "phone": "", "neighbourhood": null, "status": "COMPLETED" })
    );
    let after = app.graphql(TRAINED, period, Some(&t.coordinator)).await;
    assert_eq!(after.data(), before.data(), "past figures unchanged");
    let refused = app
        .graphql(
            "mutation($r: ID!) { erasePerson(referralId: $r) }",
            json!({ "r": ids[0] }),
            Some(&t.prescriber),
        )
        .await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));
}

#[tokio::test]
async fn closed_records_past_the_retention_period_are_pseudonymised_and_people_in_the_programme_kept()
 {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let ids = eligible(&app, &t, &["Ana", "Bruno", "Chloé"]).await;
    let (cohort_id, modules) = cohort(&app, &t, 10).await;
    for id in &ids {
        app.graphql(ENROL, json!({ "r": id, "c": cohort_id }), Some(&t.trainer))
            .await
            .data();
    }
    // Ana completes and waits for a computer (still in the programme), Bruno
    // drops out (closed), Chloé is still in training (open, whatever her
    // record's age).
    mark_all(
        &app,
        &t,
        &cohort_id,
        &modules,
        &ids[0],
        &vec!["PRESENT"; modules.len()],
    )
    .await;
    app.graphql(COMPLETE, json!({ "r": ids[0] }), Some(&t.trainer))
        .await
        .data();
    app.graphql(
        "mutation($r: ID!) { dropOut(referralId: $r, reason: \"A trouvé un emploi\") { status } }",
        json!({ "r": ids[1] }),
        Some(&t.trainer),
    )
    .await
    .data();

    let db = passerelle::db::Db::connect(&app.db.url).await.expect("db");
    let three_years = chrono::Duration::days(3 * 365);
    let now = chrono::Utc::now();
    let run = |at| passerelle::services::training::privacy::apply_retention(&db, at, three_years);
    assert_eq!(
        run(now).await.expect("runs"),
        0,
        "nothing is old enough yet"
    );
    let later = now + chrono::Duration::days(3 * 365 + 1);
    assert_eq!(run(later).await.expect("runs"), 1, "only Bruno is closed");
    assert_eq!(run(later).await.expect("runs"), 0, "erased once only");

    let names = app
        .graphql(
            "query { referrals { id firstName phone status } }",
            json!({}),
            Some(&t.coordinator),
        )
        .await;
    let by_id = |id: &Value| {
        names.data()["referrals"]
            .as_array()
            .and_then(|rows| rows.iter().find(|r| &r["id"] == id).cloned())
            .expect("listed")
    };
    assert_eq!(by_id(&ids[0])["firstName"], "Ana", "waiting for a computer");
    assert_eq!(by_id(&ids[0])["status"], "COMPLETED");
    assert_eq!(by_id(&ids[1])["firstName"], "Personne");
    assert_eq!(by_id(&ids[1])["phone"], "");
    assert_eq!(by_id(&ids[2])["firstName"], "Chloé");
    let log = app
        .graphql(
            "query($id: ID!) { auditLog(subjectId: $id) { action reader } }",
            json!({ "id": ids[1] }),
            Some(&t.coordinator),
        )
        .await;
    assert!(
        log.data()["auditLog"]
            .as_array()
            .expect("entries")
            .iter()
            .any(|e| e["action"] == "RETENTION" && e["reader"].is_null()),
        "the job's pass is on the record: {}",
        log.body
    );
    async fn waiting(app: &TestApp, token: &str) -> Vec<Value> {
        let found = app
            .graphql(
                "query { matchingCandidates { waiting { referral { id } } onHold { id } } }",
                json!({}),
                Some(token),
            )
            .await;
        found.data()["matchingCandidates"]["waiting"]
            .as_array()
            .expect("waiting")
            .iter()
            .map(|w| w["referral"]["id"].clone())
            .collect()
    }
    assert_eq!(waiting(&app, &t.coordinator).await, vec![ids[0].clone()]);
    app.graphql(
        "mutation($r: ID!) { erasePerson(referralId: $r) }",
        json!({ "r": ids[0] }),
        Some(&t.coordinator),
    )
    .await
    .data();
    assert!(
        waiting(&app, &t.coordinator).await.is_empty(),
        "an erased person is offered no computer"
    );
}

const CORRECT: &str = "mutation($id: ID!, $input: ReferralInput!) { updateReferral(id: $id, input: $input) { status phone householdChildren gender firstName } }";

#[tokio::test]
async fn a_prescriber_corrects_her_referral_and_keeps_its_step() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let ids = eligible(&app, &t, &["Samira"]).await;
    let id = ids[0].clone();

    let mut fixed = resident("Samira");
    fixed["phone"] = json!(" 06 98 76 54 32 ");
    fixed["householdChildren"] = json!(3);
    let reply = app
        .graphql(
            CORRECT,
            json!({ "id": id, "input": fixed }),
            Some(&t.prescriber),
        )
        .await;
    assert_eq!(
        reply.data()["updateReferral"],
        json!({ "status": "ELIGIBLE", "phone": "06 98 76 54 32", "householdChildren": 3, "gender": "WOMAN", "firstName": "Samira" })
    );

    // Wrong corrections are refused by field and change nothing.
    for (field, value, code) in [
        ("phone", json!("06"), "PHONE_INVALID"),
        ("firstName", json!("   "), "NAME_REQUIRED"),
        ("householdAdults", json!(0), "HOUSEHOLD_INVALID"),
        ("consent", json!(false), "CONSENT_REQUIRED"),
    ] {
        let mut wrong = fixed.clone();
        wrong[field] = value;
        let reply = app
            .graphql(
                CORRECT,
                json!({ "id": id, "input": wrong }),
                Some(&t.prescriber),
            )
            .await;
        assert_eq!(reply.code(), Some(code), "{field}");
    }
    let read = app
        .graphql(
            "query($id: ID!) { referral(id: $id) { phone householdChildren } }",
            json!({ "id": id }),
            Some(&t.coordinator),
        )
        .await;
    assert_eq!(
        read.data()["referral"],
        json!({ "phone": "06 98 76 54 32", "householdChildren": 3 })
    );

    // The trainer reads learners but does not rewrite what the prescriber said.
    let reply = app
        .graphql(
            CORRECT,
            json!({ "id": id, "input": fixed }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(reply.code(), Some("FORBIDDEN"));

    // The correction is in the person's log: who changed it, and when.
    let log = app
        .graphql(
            "query($id: ID!) { auditLog(subjectId: $id) { action } }",
            json!({ "id": id }),
            Some(&t.coordinator),
        )
        .await;
    let actions: Vec<&str> = log.data()["auditLog"]
        .as_array()
        .expect("log")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert!(actions.contains(&"EDIT"), "{actions:?}");
}

#[tokio::test]
async fn inviting_nobody_says_to_choose_someone() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let session = app
        .graphql(
            SESSION,
            json!({ "at": (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339() }),
            Some(&t.trainer),
        )
        .await;
    let reply = app
        .graphql(
            INVITE,
            json!({ "s": session.data()["createInfoSession"]["id"], "r": [] }),
            Some(&t.coordinator),
        )
        .await;
    assert_eq!(reply.code(), Some("PERSON_REQUIRED"));
}

/// Modules are weekly on the programme's clocks (Europe/Paris): the one
/// after summer time starts keeps its 14:00; the cohort's last day follows
/// its last module when that module moves.
#[tokio::test]
async fn weekly_modules_keep_their_hour_in_paris_and_the_cohort_follows_its_modules() {
    use chrono::{DateTime, Utc};
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let created = app
        .graphql(
            "mutation($input: CohortInput!) { createCohort(input: $input) { id startsOn endsOn modules { id startsAt } } }",
            json!({ "input": { "name": "Printemps", "firstModuleAt": "2027-03-23T13:00:00Z" } }),
            Some(&t.trainer),
        )
        .await;
    let cohort = &created.data()["createCohort"];
    let at = |v: &Value| -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(v.as_str().expect("an instant"))
            .expect("rfc 3339")
            .with_timezone(&Utc)
    };
    let modules = cohort["modules"].as_array().expect("modules");
    assert_eq!(
        at(&modules[0]["startsAt"]),
        at(&json!("2027-03-23T13:00:00Z"))
    );
    // Summer time from 28 March 2027: 14:00 in Paris is 12:00 UTC.
    assert_eq!(
        at(&modules[1]["startsAt"]),
        at(&json!("2027-03-30T12:00:00Z"))
    );
    assert_eq!(cohort["startsOn"], "2027-03-23");
    assert_eq!(cohort["endsOn"], "2027-06-01");

    // A holiday: the last module moves a week later, and so does the end.
    let last = modules.last().expect("a last module")["id"].clone();
    app.graphql(
        "mutation($id: ID!, $at: DateTime!) { updateModule(id: $id, startsAt: $at) { id } }",
        json!({ "id": last, "at": "2027-06-08T12:00:00Z" }),
        Some(&t.trainer),
    )
    .await
    .data();
    let read = app
        .graphql(
            "query($id: ID!) { cohort(id: $id) { startsOn endsOn } }",
            json!({ "id": cohort["id"] }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(
        read.data()["cohort"],
        json!({ "startsOn": "2027-03-23", "endsOn": "2027-06-08" })
    );
}

#[tokio::test]
async fn a_session_without_a_place_says_the_place_is_missing() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let reply = app
        .graphql(
            "mutation($at: DateTime!) { createInfoSession(startsAt: $at, place: \"  \") { id } }",
            json!({ "at": (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339() }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(reply.code(), Some("PLACE_REQUIRED"));
}

#[tokio::test]
async fn a_session_in_the_past_is_recorded_only_once_confirmed() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    const PAST: &str = "mutation($at: DateTime!, $confirm: Boolean!) { createInfoSession(startsAt: $at, place: \"Salle B\", confirmPast: $confirm) { id startsAt } }";
    let last_month = (chrono::Utc::now() - chrono::Duration::days(30)).to_rfc3339();
    let refused = app
        .graphql(
            PAST,
            json!({ "at": last_month, "confirm": false }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(refused.code(), Some("SESSION_IN_THE_PAST"));
    let sessions = app
        .graphql("query { infoSessions { id } }", json!({}), Some(&t.trainer))
        .await;
    assert_eq!(sessions.data()["infoSessions"], json!([]), "nothing saved");
    let confirmed = app
        .graphql(
            PAST,
            json!({ "at": last_month, "confirm": true }),
            Some(&t.trainer),
        )
        .await;
    assert!(confirmed.data()["createInfoSession"]["id"].is_string());
}

const MODULES: &str = "query($id: ID!) { cohort(id: $id) { organisation { id } modules { id startsAt mayMark organisation { name } } } }";

/// Hands a module to a training provider, keeping its time.
async fn hand_module(
    app: &TestApp,
    token: &str,
    module: &Value,
    provider: &Value,
) -> crate::helpers::Reply {
    app.graphql(
        "mutation($id: ID!, $at: DateTime!, $org: ID) { updateModule(id: $id, startsAt: $at, organisationId: $org) { id mayMark } }",
        json!({ "id": module["id"], "at": module["startsAt"], "org": provider }),
        Some(token),
    )
    .await
}

#[tokio::test]
async fn two_providers_share_a_cohort_and_each_marks_its_own_modules() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let (association, asso) = app
        .member_of_new_organisation(
            "Association Com'Un",
            "TRAINING_PROVIDER",
            "TRAINER",
            "formation@comun.example.org",
        )
        .await;
    let learner = eligible(&app, &t, &["Lina"]).await.remove(0);
    let (cohort_id, _) = cohort(&app, &t, 10).await;
    app.graphql(
        ENROL,
        json!({ "r": learner, "c": cohort_id }),
        Some(&t.trainer),
    )
    .await
    .data();
    let read = |token: String| {
        let app = app.clone();
        let cohort_id = cohort_id.clone();
        async move {
            app.graphql(MODULES, json!({ "id": cohort_id }), Some(&token))
                .await
        }
    };

    // Before sharing, the association sees neither the cohort nor its learner.
    assert_eq!(read(asso.clone()).await.code(), Some("NOT_FOUND"));
    let cohorts = app
        .graphql("query { cohorts { id } }", json!({}), Some(&asso))
        .await;
    assert_eq!(cohorts.data()["cohorts"], json!([]));
    let person = "query($id: ID!) { referral(id: $id) { firstName } }";
    let hidden = app
        .graphql(person, json!({ "id": learner }), Some(&asso))
        .await;
    assert_eq!(hidden.code(), Some("NOT_FOUND"));

    // The media library, which runs the cohort, hands the last two modules on.
    let mine = read(t.trainer.clone()).await;
    let modules = mine.data()["cohort"]["modules"]
        .as_array()
        .expect("modules")
        .clone();
    let library = mine.data()["cohort"]["organisation"]["id"].clone();
    for module in &modules[9..] {
        let handed = hand_module(&app, &t.trainer, module, &association).await;
        assert_eq!(handed.data()["updateModule"]["mayMark"], false);
    }
    let not_a_provider = hand_module(
        &app,
        &t.trainer,
        &modules[0],
        &json!(uuid::Uuid::new_v4().to_string()),
    )
    .await;
    assert_eq!(not_a_provider.code(), Some("PROVIDER_REQUIRED"));

    // Now the association sees the cohort, its learner, and which modules are its own.
    let theirs = read(asso.clone()).await;
    let seen: Vec<(bool, String)> = theirs.data()["cohort"]["modules"]
        .as_array()
        .expect("modules")
        .iter()
        .map(|m| {
            (
                m["mayMark"] == true,
                m["organisation"]["name"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(seen.iter().filter(|(may, _)| *may).count(), 2);
    assert!(seen[9].0 && seen[10].0 && !seen[0].0);
    assert_eq!(seen[10].1, "Association Com'Un");
    let visible = app
        .graphql(person, json!({ "id": learner }), Some(&asso))
        .await;
    assert_eq!(visible.data()["referral"]["firstName"], "Lina");
    let cohorts = app
        .graphql("query { cohorts { id } }", json!({}), Some(&asso))
        .await;
    assert_eq!(cohorts.data()["cohorts"], json!([{ "id": cohort_id }]));

    // Each marks its own modules, and only those.
    let mark = |token: &str, module: &Value| {
        let (app, token) = (app.clone(), token.to_string());
        let vars = json!({ "c": cohort_id, "m": module["id"], "marks": [{ "referralId": learner, "mark": "PRESENT" }] });
        async move { app.graphql(MARK, vars, Some(&token)).await }
    };
    assert_eq!(
        mark(&asso, &modules[0]).await.code(),
        Some("MODULE_OF_ANOTHER_PROVIDER")
    );
    assert_eq!(
        mark(&t.trainer, &modules[10]).await.code(),
        Some("MODULE_OF_ANOTHER_PROVIDER")
    );
    assert_eq!(
        mark(&asso, &modules[10]).await.data()["markAttendance"],
        true
    );
    assert_eq!(
        mark(&t.trainer, &modules[0]).await.data()["markAttendance"],
        true
    );
    assert_eq!(
        mark(&t.coordinator, &modules[9]).await.data()["markAttendance"],
        true
    );

    // The association changes its own module, but neither hands it back nor
    // touches the others, nor runs the cohort.
    let moved = app
        .graphql(
            "mutation($id: ID!, $at: DateTime!) { updateModule(id: $id, startsAt: $at, place: \"Local Com'Un\", confirmMove: false) { place } }",
            json!({ "id": modules[10]["id"], "at": modules[10]["startsAt"] }),
            Some(&asso),
        )
        .await;
    assert_eq!(moved.data()["updateModule"]["place"], "Local Com'Un");
    assert_eq!(
        hand_module(&app, &asso, &modules[10], &library)
            .await
            .code(),
        Some("MODULE_OF_ANOTHER_PROVIDER")
    );
    assert_eq!(
        hand_module(&app, &asso, &modules[0], &association)
            .await
            .code(),
        Some("MODULE_OF_ANOTHER_PROVIDER")
    );
    let complete = app
        .graphql(COMPLETE, json!({ "r": learner }), Some(&asso))
        .await;
    assert_eq!(complete.code(), Some("FORBIDDEN"));
    let rename = app
        .graphql(
            "mutation($id: ID!) { updateCohort(id: $id, name: \"Nôtre\", places: 10) { id } }",
            json!({ "id": cohort_id }),
            Some(&asso),
        )
        .await;
    assert_eq!(rename.code(), Some("FORBIDDEN"));

    // The media library still sees every mark of its cohort.
    let marks = app
        .graphql(
            "query($id: ID!) { cohort(id: $id) { attendance { moduleId } } }",
            json!({ "id": cohort_id }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(
        marks.data()["cohort"]["attendance"]
            .as_array()
            .map(Vec::len),
        Some(3)
    );
}

#[tokio::test]
async fn a_coordinator_creates_a_session_for_a_provider_whose_trainers_then_see_it() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let (association, asso) = app
        .member_of_new_organisation(
            "Association Com'Un",
            "TRAINING_PROVIDER",
            "TRAINER",
            "formation@comun.example.org",
        )
        .await;
    let providers = app
        .graphql(
            "query { trainingProviders { id name } }",
            json!({}),
            Some(&asso),
        )
        .await;
    let names: Vec<&str> = providers.data()["trainingProviders"]
        .as_array()
        .expect("providers")
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Association Com'Un",
            "Médiathèque Jean-Jacques Rousseau (démo)"
        ]
    );
    let at = (chrono::Utc::now() + chrono::Duration::days(5)).to_rfc3339();
    let created = app
        .graphql(
            "mutation($at: DateTime!, $org: ID) { createInfoSession(startsAt: $at, place: \"Maison de quartier\", organisationId: $org) { id } }",
            json!({ "at": at, "org": association }),
            Some(&t.coordinator),
        )
        .await;
    let id = created.data()["createInfoSession"]["id"].clone();
    let sessions = "query { infoSessions { id organisation { name } } }";
    let theirs = app.graphql(sessions, json!({}), Some(&asso)).await;
    assert_eq!(
        theirs.data()["infoSessions"],
        json!([{ "id": id, "organisation": { "name": "Association Com'Un" } }])
    );
    let others = app.graphql(sessions, json!({}), Some(&t.trainer)).await;
    assert_eq!(others.data()["infoSessions"], json!([]));
}

#[tokio::test]
async fn moving_a_module_with_attendance_is_confirmed_and_its_marks_stay() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let learner = eligible(&app, &t, &["Lina"]).await.remove(0);
    let (cohort_id, modules) = cohort(&app, &t, 1).await;
    app.graphql(
        ENROL,
        json!({ "r": learner, "c": cohort_id }),
        Some(&t.trainer),
    )
    .await
    .data();
    mark_all(&app, &t, &cohort_id, &modules[..1], &learner, &["PRESENT"]).await;
    const MOVE: &str = "mutation($id: ID!, $at: DateTime!, $confirm: Boolean!) { updateModule(id: $id, startsAt: $at, confirmMove: $confirm) { startsAt } }";
    let later = (chrono::Utc::now() + chrono::Duration::days(3)).to_rfc3339();
    let unconfirmed = app
        .graphql(
            MOVE,
            json!({ "id": modules[0]["id"], "at": later, "confirm": false }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(unconfirmed.code(), Some("MODULE_HAS_ATTENDANCE"));
    let confirmed = app
        .graphql(
            MOVE,
            json!({ "id": modules[0]["id"], "at": later, "confirm": true }),
            Some(&t.trainer),
        )
        .await;
    assert!(confirmed.data()["updateModule"]["startsAt"].is_string());
    // A module without marks moves without asking.
    let free = app
        .graphql(
            MOVE,
            json!({ "id": modules[1]["id"], "at": later, "confirm": false }),
            Some(&t.trainer),
        )
        .await;
    assert!(free.data()["updateModule"]["startsAt"].is_string());
    let marks = app
        .graphql(
            "query($id: ID!) { cohort(id: $id) { attendance { moduleId mark } } }",
            json!({ "id": cohort_id }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(
        marks.data()["cohort"]["attendance"],
        json!([{ "moduleId": modules[0]["id"], "mark": "PRESENT" }])
    );

    // The places cannot drop below the learners enrolled; the name is required.
    const EDIT: &str = "mutation($id: ID!, $name: String!, $places: Int!) { updateCohort(id: $id, name: $name, places: $places) { name places } }";
    let fewer = app
        .graphql(
            EDIT,
            json!({ "id": cohort_id, "name": "Automne", "places": 0 }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(fewer.code(), Some("PLACES_INVALID"));
    let second = eligible(&app, &t, &["Sami"]).await.remove(0);
    let waiting = app
        .graphql(
            ENROL,
            json!({ "r": second, "c": cohort_id }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(waiting.data()["enrol"]["status"], "WAITING_LIST");
    let unnamed = app
        .graphql(
            EDIT,
            json!({ "id": cohort_id, "name": "  ", "places": 2 }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(unnamed.code(), Some("NAME_REQUIRED"));
    let more = app
        .graphql(
            EDIT,
            json!({ "id": cohort_id, "name": "Automne bis", "places": 2 }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(
        more.data()["updateCohort"],
        json!({ "name": "Automne bis", "places": 2 })
    );
    app.graphql(
        ENROL,
        json!({ "r": second, "c": cohort_id }),
        Some(&t.trainer),
    )
    .await
    .data();
    let below = app
        .graphql(
            EDIT,
            json!({ "id": cohort_id, "name": "Automne", "places": 1 }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(below.code(), Some("PLACES_BELOW_ENROLLED"));
}

#[tokio::test]
async fn a_call_outcome_is_kept_and_an_announced_absence_reaches_the_sheet() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let learner = eligible(&app, &t, &["Lina"]).await.remove(0);
    let (cohort_id, modules) = cohort(&app, &t, 10).await;
    app.graphql(
        ENROL,
        json!({ "r": learner, "c": cohort_id }),
        Some(&t.trainer),
    )
    .await
    .data();
    const CALL: &str = "mutation($m: ID!, $r: ID!, $o: ReminderOutcome) { recordCall(moduleId: $m, referralId: $r, outcome: $o) }";
    const CALLS: &str =
        "query($id: ID!) { cohort(id: $id) { calls { moduleId referralId outcome } } }";
    let calls = |token: String| {
        let (app, id) = (app.clone(), cohort_id.clone());
        async move { app.graphql(CALLS, json!({ "id": id }), Some(&token)).await }
    };
    for outcome in ["NO_ANSWER", "MESSAGE_LEFT", "ABSENCE_ANNOUNCED"] {
        app.graphql(
            CALL,
            json!({ "m": modules[0]["id"], "r": learner, "o": outcome }),
            Some(&t.trainer),
        )
        .await
        .data();
    }
    // The last outcome replaces the earlier ones: one call per learner and module.
    assert_eq!(
        calls(t.coordinator.clone()).await.data()["cohort"]["calls"],
        json!([{ "moduleId": modules[0]["id"], "referralId": learner, "outcome": "ABSENCE_ANNOUNCED" }])
    );
    let unknown = app
        .graphql(
            CALL,
            json!({ "m": modules[0]["id"], "r": learner, "o": "MAYBE" }),
            Some(&t.trainer),
        )
        .await;
    assert!(
        unknown.code().is_some(),
        "an outcome the API does not know is refused"
    );
    app.graphql(
        CALL,
        json!({ "m": modules[0]["id"], "r": learner, "o": null }),
        Some(&t.trainer),
    )
    .await
    .data();
    assert_eq!(
        calls(t.trainer.clone()).await.data()["cohort"]["calls"],
        json!([])
    );
}

#[tokio::test]
async fn a_decision_and_an_enrolment_typed_in_later_keep_their_days_after_the_referral() {
    let app = spawn_app().await;
    let t = tokens(&app).await;
    let today = crate::helpers::programme_today();
    let day = |back: i64| (today - chrono::Duration::days(back)).to_string();
    let referred = app
        .graphql(
            "mutation($input: ReferralInput!, $on: NaiveDate) { createReferral(input: $input, referredOn: $on) { id } }",
            json!({ "input": resident("Awa"), "on": day(30) }),
            Some(&t.prescriber),
        )
        .await;
    let id = referred.data()["createReferral"]["id"].clone();
    let at = (chrono::Utc::now() + chrono::Duration::days(2)).to_rfc3339();
    let session = app
        .graphql(SESSION, json!({ "at": at }), Some(&t.trainer))
        .await;
    let session = session.data()["createInfoSession"]["id"].clone();
    app.graphql(
        INVITE,
        json!({ "s": session, "r": [id] }),
        Some(&t.coordinator),
    )
    .await
    .data();
    const DECIDE_ON: &str = "mutation($r: ID!, $input: EligibilityInput!, $on: NaiveDate) { decideEligibility(referralId: $r, input: $input, decidedOn: $on) { status } }";
    let yes = json!({ "residence": true, "french": true, "availability": true, "motivation": true, "eligible": true });
    // Decided before the resident was even referred: refused, nothing changes.
    let refused = app
        .graphql(
            DECIDE_ON,
            json!({ "r": id, "input": yes, "on": day(31) }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(refused.code(), Some("DATE_BEFORE_PREVIOUS_STEP"));
    app.graphql(
        DECIDE_ON,
        json!({ "r": id, "input": yes, "on": day(20) }),
        Some(&t.trainer),
    )
    .await
    .data();
    let (cohort, _) = cohort(&app, &t, 10).await;
    const ENROL_ON: &str = "mutation($r: ID!, $c: ID!, $on: NaiveDate) { enrol(referralId: $r, cohortId: $c, enrolledOn: $on) { status } }";
    let refused = app
        .graphql(
            ENROL_ON,
            json!({ "r": id, "c": cohort, "on": day(25) }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(
        refused.code(),
        Some("DATE_BEFORE_PREVIOUS_STEP"),
        "before the decision"
    );
    let tomorrow = (today + chrono::Duration::days(1)).to_string();
    let refused = app
        .graphql(
            ENROL_ON,
            json!({ "r": id, "c": cohort, "on": tomorrow }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(refused.code(), Some("DATE_IN_FUTURE"));
    let enrolled = app
        .graphql(
            ENROL_ON,
            json!({ "r": id, "c": cohort, "on": day(10) }),
            Some(&t.trainer),
        )
        .await;
    assert_eq!(enrolled.data()["enrol"]["status"], "ENROLLED");
    // The report counts the enrolment on its own day, not today.
    let enrolled_on = |from: String, to: String| {
        let app = app.clone();
        let coordinator = t.coordinator.clone();
        async move {
            app.graphql(
                "query($from: NaiveDate!, $to: NaiveDate!) { report(from: $from, to: $to) { enrolled referrals } }",
                json!({ "from": from, "to": to }),
                Some(&coordinator),
            )
            .await
            .data()["report"]
                .clone()
        }
    };
    let that_day = enrolled_on(day(10), day(10)).await;
    assert_eq!(that_day["enrolled"], 1);
    let referred_day = enrolled_on(day(30), day(30)).await;
    assert_eq!(referred_day["referrals"], 1);
}
