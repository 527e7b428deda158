//! Events entered after the day they happened: each carries its own day,
//! checked against the programme's calendar, kept as such in the history,
//! and counted on that day by the reports.

use chrono::{Duration, NaiveDate, Utc};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::devices::REFURBISHER;
use crate::helpers::{AGENT, COORDINATOR, programme_today, spawn_app};

const RECEIVE: &str = "mutation($id: ID!, $input: ReceiveBatchInput!) { receiveBatch(id: $id, input: $input) { id receivedAt handedOverAt } }";
const YIELD: &str = "query($from: NaiveDate!, $to: NaiveDate!) { refurbisherYield(from: $from, to: $to) { receivedItems } }";

fn day_of(at: &Value) -> NaiveDate {
    let at =
        chrono::DateTime::parse_from_rfc3339(at.as_str().expect("an instant")).expect("RFC 3339");
    // Noon in Paris is 10:00 or 11:00 UTC: the same day either way.
    at.with_timezone(&Utc).date_naive()
}

#[tokio::test]
async fn a_batch_entered_late_keeps_the_days_it_happened_and_its_year_counts_it_on_them() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let today = programme_today();
    let donors = app
        .graphql(
            "query { donors(search: \"cour\") { items { id } } }",
            json!({}),
            Some(&agent),
        )
        .await;
    let donor = donors.data()["donors"]["items"][0]["id"].clone();
    // Collected three weeks ago, written down from the paper form today.
    let collected = (Utc::now() - Duration::days(21)).to_rfc3339();
    let pickup = app
        .graphql(
            "mutation($input: RecordPickupInput!) { recordPickup(input: $input) { id } }",
            json!({ "input": {
                "clientUuid": Uuid::new_v4(), "donorId": donor, "collectedAt": collected,
                "counts": [{ "category": "LAPTOP", "count": 4 }], "weightKg": 9,
            } }),
            Some(&agent),
        )
        .await;
    let pickup = pickup.data()["recordPickup"]["id"].clone();
    let refurbishers = app
        .graphql("query { refurbishers { id } }", json!({}), Some(&agent))
        .await;
    let refurbisher = refurbishers.data()["refurbishers"][0]["id"].clone();
    let hand_over = |on: String| json!({ "input": { "pickupIds": [pickup], "refurbisherId": refurbisher, "handedOverOn": on } });
    const HAND_OVER: &str =
        "mutation($input: HandOverInput!) { handOverBatch(input: $input) { id handedOverAt } }";
    for (on, code) in [
        ((today + Duration::days(1)).to_string(), "DATE_IN_FUTURE"),
        ("2001-05-02".to_string(), "DATE_BEFORE_PROGRAMME"),
        // Before the material was collected.
        (
            (today - Duration::days(25)).to_string(),
            "DATE_BEFORE_PREVIOUS_STEP",
        ),
    ] {
        let refused = app
            .graphql(HAND_OVER, hand_over(on.clone()), Some(&agent))
            .await;
        assert_eq!(refused.code(), Some(code), "handed over on {on}");
    }
    let handed_over_on = today - Duration::days(15);
    let batch = app
        .graphql(
            HAND_OVER,
            hand_over(handed_over_on.to_string()),
            Some(&agent),
        )
        .await;
    let batch = batch.data()["handOverBatch"].clone();
    assert_eq!(day_of(&batch["handedOverAt"]), handed_over_on);

    let (workshop, _) = app.login_as(REFURBISHER).await;
    let receive = |on: NaiveDate| json!({ "id": batch["id"], "input": { "counts": [{ "category": "LAPTOP", "count": 4 }], "receivedOn": on } });
    let early = app
        .graphql(
            RECEIVE,
            receive(handed_over_on - Duration::days(1)),
            Some(&workshop),
        )
        .await;
    assert_eq!(early.code(), Some("DATE_BEFORE_PREVIOUS_STEP"));
    let received_on = today - Duration::days(10);
    let received = app
        .graphql(RECEIVE, receive(received_on), Some(&workshop))
        .await;
    let received = received.data()["receiveBatch"].clone();
    assert_eq!(day_of(&received["receivedAt"]), received_on);

    // The yield counts the receipt on its own day, not on the day it was typed.
    let count = |from: NaiveDate, to: NaiveDate| {
        let app = &app;
        let workshop = workshop.clone();
        async move {
            let reply = app
                .graphql(YIELD, json!({ "from": from, "to": to }), Some(&workshop))
                .await;
            reply.data()["refurbisherYield"]["receivedItems"].clone()
        }
    };
    assert_eq!(count(received_on, received_on).await, 4);
    assert_eq!(count(today - Duration::days(9), today).await, 0);

    // The history says both steps were entered later.
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let log = app
        .graphql(
            "query($id: ID!) { auditLog(subjectId: $id) { action } }",
            json!({ "id": batch["id"] }),
            Some(&coordinator),
        )
        .await;
    let actions: Vec<&str> = log.data()["auditLog"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(actions, ["DATED", "DATED"]);
}

#[tokio::test]
async fn a_step_entered_today_is_not_marked_as_late() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let donors = app
        .graphql(
            "query { donors(search: \"cour\") { items { id } } }",
            json!({}),
            Some(&agent),
        )
        .await;
    let donor = donors.data()["donors"]["items"][0]["id"].clone();
    let pickup = app
        .graphql(
            "mutation($input: RecordPickupInput!) { recordPickup(input: $input) { id } }",
            json!({ "input": {
                "clientUuid": Uuid::new_v4(), "donorId": donor, "collectedAt": Utc::now().to_rfc3339(),
                "counts": [{ "category": "LAPTOP", "count": 1 }], "weightKg": 2,
            } }),
            Some(&agent),
        )
        .await;
    let refurbishers = app
        .graphql("query { refurbishers { id } }", json!({}), Some(&agent))
        .await;
    let batch = app
        .graphql(
            "mutation($input: HandOverInput!) { handOverBatch(input: $input) { id } }",
            json!({ "input": {
                "pickupIds": [pickup.data()["recordPickup"]["id"]],
                "refurbisherId": refurbishers.data()["refurbishers"][0]["id"],
                "handedOverOn": programme_today(),
            } }),
            Some(&agent),
        )
        .await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let log = app
        .graphql(
            "query($id: ID!) { auditLog(subjectId: $id) { action } }",
            json!({ "id": batch.data()["handOverBatch"]["id"] }),
            Some(&coordinator),
        )
        .await;
    assert_eq!(log.data()["auditLog"], json!([]));
}

#[tokio::test]
async fn a_referral_typed_in_later_keeps_the_day_it_was_made_and_is_counted_on_it() {
    let app = spawn_app().await;
    let (prescriber, _) = app.login_as(crate::helpers::PRESCRIBER).await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let today = programme_today();
    let resident = json!({
        "prescriberKind": "SOCIAL_CENTRE", "firstName": "Nadia", "lastName": "Papier",
        "gender": "WOMAN", "phone": "06 12 34 56 78", "internet": "CAN_GET", "consent": true,
    });
    const REFER: &str = "mutation($input: ReferralInput!, $on: NaiveDate) { createReferral(input: $input, referredOn: $on) { id referredOn referredAt createdAt } }";
    for (on, code) in [
        ((today + Duration::days(1)).to_string(), "DATE_IN_FUTURE"),
        ("2001-05-02".to_string(), "DATE_BEFORE_PROGRAMME"),
    ] {
        let refused = app
            .graphql(
                REFER,
                json!({ "input": resident, "on": on }),
                Some(&prescriber),
            )
            .await;
        assert_eq!(refused.code(), Some(code), "{on}");
    }
    // The paper form of two months ago, typed in today.
    let made = today - Duration::days(60);
    let created = app
        .graphql(
            REFER,
            json!({ "input": resident, "on": made.to_string() }),
            Some(&prescriber),
        )
        .await;
    let referral = created.data()["createReferral"].clone();
    assert_eq!(referral["referredOn"], json!(made.to_string()));
    assert_eq!(day_of(&referral["referredAt"]), made);
    assert_ne!(
        referral["referredAt"], referral["createdAt"],
        "typed in today"
    );
    let referrals = |from: NaiveDate, to: NaiveDate| {
        let app = app.clone();
        let coordinator = coordinator.clone();
        async move {
            app.graphql(
                "query($from: NaiveDate!, $to: NaiveDate!) { report(from: $from, to: $to) { referrals } }",
                json!({ "from": from, "to": to }),
                Some(&coordinator),
            )
            .await
            .data()["report"]["referrals"]
                .as_i64()
                .expect("referrals")
        }
    };
    let around = |day: NaiveDate| (day, day);
    let (from, to) = around(made);
    assert_eq!(
        referrals(from, to).await,
        1,
        "counted on the day it was made"
    );
    let (from, to) = around(today);
    let today_before = referrals(from, to).await;

    // Corrected: a day still to come is refused, another earlier day kept.
    const CORRECT: &str = "mutation($id: ID!, $input: ReferralInput!, $on: NaiveDate) { updateReferral(id: $id, input: $input, referredOn: $on) { referredOn } }";
    let tomorrow = (today + Duration::days(1)).to_string();
    let refused = app
        .graphql(
            CORRECT,
            json!({ "id": referral["id"], "input": resident, "on": tomorrow }),
            Some(&prescriber),
        )
        .await;
    assert_eq!(refused.code(), Some("DATE_IN_FUTURE"));
    let earlier = made - Duration::days(3);
    let corrected = app
        .graphql(
            CORRECT,
            json!({ "id": referral["id"], "input": resident, "on": earlier.to_string() }),
            Some(&prescriber),
        )
        .await;
    assert_eq!(
        corrected.data()["updateReferral"]["referredOn"],
        json!(earlier.to_string())
    );
    let (from, to) = around(made);
    assert_eq!(referrals(from, to).await, 0);
    let (from, to) = around(earlier);
    assert_eq!(referrals(from, to).await, 1);
    let (from, to) = around(today);
    assert_eq!(referrals(from, to).await, today_before, "not counted today");
}
