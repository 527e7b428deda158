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

/// A learner's course and a bought laptop, each entered weeks after it
/// happened: the chain a programme types in from its paper folders.
#[tokio::test]
async fn a_home_visit_entered_later_fails_then_installs_on_its_own_days() {
    let app = spawn_app().await;
    let w = crate::installations::world(&app).await;
    let today = programme_today();
    let ago = |days: i64| today - Duration::days(days);
    let data = |reply: crate::helpers::Reply, field: &str| {
        assert!(reply.code().is_none(), "{field}: {}", reply.body);
        reply.data()[field].clone()
    };

    // The course: referred 100 days ago, the modules from 80 days ago.
    let resident = json!({
        "prescriberKind": "SOCIAL_CENTRE", "firstName": "Odile", "lastName": "Papier", "phone": "06 12 34 56 78",
        "address": "4 rue des Archives", "internet": "HAS", "devicePreference": "ANY", "consent": true,
    });
    let referral = app
        .graphql(
            "mutation($input: ReferralInput!, $on: NaiveDate) { createReferral(input: $input, referredOn: $on) { id } }",
            json!({ "input": resident, "on": ago(100) }),
            Some(&w.prescriber),
        )
        .await;
    let learner = data(referral, "createReferral")["id"].clone();
    data(
        app.graphql(
            "mutation($s: ID!, $r: [ID!]!) { inviteToSession(sessionId: $s, referralIds: $r) { id } }",
            json!({ "s": w.session, "r": [learner] }),
            Some(&w.coordinator),
        )
        .await,
        "inviteToSession",
    );
    data(
        app.graphql(
            "mutation($r: ID!, $on: NaiveDate) { decideEligibility(referralId: $r, decidedOn: $on, input: { residence: true, french: true, availability: true, motivation: true, eligible: true }) { id } }",
            json!({ "r": learner, "on": ago(95) }),
            Some(&w.trainer),
        )
        .await,
        "decideEligibility",
    );
    // Its day corrected afterwards: not after the decision that followed it.
    const CORRECT: &str = "mutation($id: ID!, $input: ReferralInput!, $on: NaiveDate) { updateReferral(id: $id, input: $input, referredOn: $on) { referredOn } }";
    let late = app
        .graphql(
            CORRECT,
            json!({ "id": learner, "input": resident, "on": ago(94) }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(late.code(), Some("DATE_BEFORE_PREVIOUS_STEP"));
    let corrected = data(
        app.graphql(
            CORRECT,
            json!({ "id": learner, "input": resident, "on": ago(101) }),
            Some(&w.coordinator),
        )
        .await,
        "updateReferral",
    );
    assert_eq!(corrected["referredOn"], json!(ago(101).to_string()));
    data(
        app.graphql(
            "mutation($r: ID!, $c: ID!, $on: NaiveDate) { enrol(referralId: $r, cohortId: $c, enrolledOn: $on) { id } }",
            json!({ "r": learner, "c": w.cohort, "on": ago(90) }),
            Some(&w.trainer),
        )
        .await,
        "enrol",
    );
    for module in &w.modules {
        data(
            app.graphql(
                "mutation($c: ID!, $m: ID!, $r: ID!) { markAttendance(cohortId: $c, moduleId: $m, marks: [{ referralId: $r, mark: PRESENT }]) }",
                json!({ "c": w.cohort, "m": module["id"], "r": learner }),
                Some(&w.trainer),
            )
            .await,
            "markAttendance",
        );
    }
    data(
        app.graphql(
            "mutation($r: ID!, $on: NaiveDate) { confirmCompletion(referralId: $r, on: $on) { id } }",
            json!({ "r": learner, "on": ago(30) }),
            Some(&w.trainer),
        )
        .await,
        "confirmCompletion",
    );

    // The laptop: bought 60 days ago, in the workshop two days later.
    const CREATE: &str = "mutation($input: CreateDeviceInput!) { createDevice(input: $input) { id tag media { id } history { at to } } }";
    let bought = |received: NaiveDate| {
        json!({ "input": {
            "kind": "LAPTOP", "brand": "Lenovo", "serial": "SN-PAPIER-1", "source": "PURCHASE",
            "supplier": "Ordi Occasion", "priceEuros": 95.0, "purchasedOn": ago(60), "receivedOn": received,
            "media": [{ "kind": "SSD", "capacityGb": 128 }],
        } })
    };
    let early = app
        .graphql(CREATE, bought(ago(61)), Some(&w.coordinator))
        .await;
    assert_eq!(early.code(), Some("DATE_BEFORE_PREVIOUS_STEP"));
    let mut before_start = bought(ago(58));
    before_start["input"]["purchasedOn"] = json!("2001-03-01");
    let refused = app
        .graphql(CREATE, before_start, Some(&w.coordinator))
        .await;
    assert_eq!(refused.code(), Some("DATE_BEFORE_PROGRAMME"));
    let device = data(
        app.graphql(CREATE, bought(ago(58)), Some(&w.coordinator))
            .await,
        "createDevice",
    );
    assert_eq!(day_of(&device["history"][0]["at"]), ago(58));
    assert!(
        device["tag"]
            .as_str()
            .expect("a tag")
            .starts_with(&format!("PSL-{}-", chrono::Datelike::year(&ago(58)))),
        "{device}"
    );
    let id = device["id"].clone();
    let medium = device["media"][0]["id"].clone();
    const MOVE: &str = "mutation($id: ID!, $input: MoveDeviceInput!) { moveDevice(id: $id, input: $input) { status } }";
    data(
        app.graphql(
            MOVE,
            json!({ "id": id, "input": { "to": "IN_REFURBISHMENT", "on": ago(55) } }),
            Some(&w.coordinator),
        )
        .await,
        "moveDevice",
    );
    const ERASE: &str = "mutation($d: ID!, $m: ID!, $on: NaiveDate!) { recordErasure(deviceId: $d, input: { mediumId: $m, method: OVERWRITE, tool: \"nwipe\", erasedOn: $on, operator: \"Atelier\", passed: true }) { id } }";
    for (on, code) in [
        (ago(59), "DATE_BEFORE_PREVIOUS_STEP"),
        (
            NaiveDate::from_ymd_opt(2001, 3, 1).expect("a day"),
            "DATE_BEFORE_PROGRAMME",
        ),
        (today + Duration::days(1), "ERASURE_DATE_IN_FUTURE"),
    ] {
        let refused = app
            .graphql(
                ERASE,
                json!({ "d": id, "m": medium, "on": on }),
                Some(&w.coordinator),
            )
            .await;
        assert_eq!(refused.code(), Some(code), "erased on {on}");
    }
    data(
        app.graphql(
            ERASE,
            json!({ "d": id, "m": medium, "on": ago(54) }),
            Some(&w.coordinator),
        )
        .await,
        "recordErasure",
    );
    data(
        app.graphql(
            MOVE,
            json!({ "id": id, "input": { "to": "READY", "grade": "B", "on": ago(50) } }),
            Some(&w.coordinator),
        )
        .await,
        "moveDevice",
    );
    let matched = data(
        app.graphql(
            "mutation($pairs: [PairInput!]!, $on: NaiveDate) { acceptMatches(pairs: $pairs, matchedOn: $on) { id } }",
            json!({ "pairs": [{ "referralId": learner, "deviceId": id }], "on": ago(29) }),
            Some(&w.coordinator),
        )
        .await,
        "acceptMatches",
    );
    let visit = matched[0]["id"].clone();

    // The first visit, 20 days ago, found nobody home.
    const BOOK: &str = "mutation($id: ID!, $from: DateTime!, $to: DateTime!, $past: Boolean!) { bookVisit(id: $id, from: $from, to: $to, confirmPast: $past) { status } }";
    let window = |day: NaiveDate| {
        let from = day.and_hms_opt(13, 0, 0).expect("a time").and_utc();
        (from, from + Duration::hours(2))
    };
    let book = |day: NaiveDate, past: bool| {
        let (from, to) = window(day);
        json!({ "id": visit, "from": from, "to": to, "past": past })
    };
    let unconfirmed = app
        .graphql(BOOK, book(ago(20), false), Some(&w.installer))
        .await;
    assert_eq!(unconfirmed.code(), Some("VISIT_IN_THE_PAST"));
    let before_match = app
        .graphql(BOOK, book(ago(31), true), Some(&w.installer))
        .await;
    assert_eq!(before_match.code(), Some("DATE_BEFORE_PREVIOUS_STEP"));
    let booked = data(
        app.graphql(BOOK, book(ago(20), true), Some(&w.installer))
            .await,
        "bookVisit",
    );
    assert_eq!(booked["status"], "BOOKED");
    const FAIL: &str = "mutation($id: ID!, $on: NaiveDate) { failVisit(id: $id, reason: \"Personne\", failedOn: $on) { status failedAt } }";
    let before_visit = app
        .graphql(
            FAIL,
            json!({ "id": visit, "on": ago(21) }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(before_visit.code(), Some("DATE_BEFORE_PREVIOUS_STEP"));
    let failed = data(
        app.graphql(
            FAIL,
            json!({ "id": visit, "on": ago(20) }),
            Some(&w.installer),
        )
        .await,
        "failVisit",
    );
    assert_eq!(failed["status"], "FAILED");
    assert_eq!(day_of(&failed["failedAt"]), ago(20));

    // Booked again for 10 days ago, and installed that day.
    data(
        app.graphql(BOOK, book(ago(10), true), Some(&w.installer))
            .await,
        "bookVisit",
    );
    let closed = data(
        app.graphql(
            "mutation($id: ID!, $on: NaiveDate) { closeVisit(id: $id, input: { deviceSetUp: true, accountsCreated: true, connection: BOX, connectionTested: true, installedSerial: \"SN-PAPIER-1\", signature: [[10, 10, 60, 40]], signedBy: \"Odile Papier\", installedOn: $on }) { status closedAt } }",
            json!({ "id": visit, "on": ago(10) }),
            Some(&w.installer),
        )
        .await,
        "closeVisit",
    );
    assert_eq!(closed["status"], "INSTALLED");
    assert_eq!(day_of(&closed["closedAt"]), ago(10));

    // The device's history reads in the order it happened, each on its day.
    let history = data(
        app.graphql(
            "query($id: ID!) { device(id: $id) { history { at to } } }",
            json!({ "id": id }),
            Some(&w.coordinator),
        )
        .await,
        "device",
    )["history"]
        .clone();
    let steps: Vec<(String, NaiveDate)> = history
        .as_array()
        .expect("steps")
        .iter()
        .map(|e| {
            (
                e["to"].as_str().expect("status").to_string(),
                day_of(&e["at"]),
            )
        })
        .collect();
    let expected = [
        ("RECEIVED", 58),
        ("IN_REFURBISHMENT", 55),
        ("READY", 50),
        ("RESERVED", 29),
        ("INSTALLATION_SCHEDULED", 20),
        ("RESERVED", 20),
        ("INSTALLATION_SCHEDULED", 10),
        ("INSTALLED", 10),
    ]
    .map(|(to, days)| (to.to_string(), ago(days)));
    assert_eq!(steps, expected);

    // The household phoned about it five days ago; entered today.
    const REPORT: &str = "mutation($r: ID!, $on: NaiveDate) { reportLearnerProblem(referralId: $r, message: \"L'écran reste noir\", reportedOn: $on) { id reportedAt createdAt } }";
    for (on, code) in [
        (ago(102), "DATE_BEFORE_PREVIOUS_STEP"),
        (today + Duration::days(1), "DATE_IN_FUTURE"),
    ] {
        let refused = app
            .graphql(REPORT, json!({ "r": learner, "on": on }), Some(&w.trainer))
            .await;
        assert_eq!(refused.code(), Some(code), "reported on {on}");
    }
    let request = data(
        app.graphql(
            REPORT,
            json!({ "r": learner, "on": ago(5) }),
            Some(&w.trainer),
        )
        .await,
        "reportLearnerProblem",
    );
    assert_eq!(day_of(&request["reportedAt"]), ago(5));
    assert_eq!(day_of(&request["createdAt"]), today);

    // Each step entered later says so in the programme's log.
    let log = |subject: Value| {
        let app = &app;
        let coordinator = w.coordinator.clone();
        async move {
            let reply = app
                .graphql(
                    "query($id: ID!) { auditLog(subjectId: $id) { action } }",
                    json!({ "id": subject }),
                    Some(&coordinator),
                )
                .await;
            reply.data()["auditLog"]
                .as_array()
                .expect("entries")
                .iter()
                .filter(|e| e["action"] == "DATED")
                .count()
        }
    };
    // Matched, booked twice, failed, installed.
    assert_eq!(log(visit.clone()).await, 5);
    assert_eq!(log(request["id"].clone()).await, 1);
    // Received; its two moves.
    assert_eq!(log(id.clone()).await, 3);
}
