//! Matching, home visits, the household's tracking page and after-sales.

use serde_json::{Value, json};

use crate::helpers::{COORDINATOR, PRESCRIBER, TRAINER, TestApp, programme_today, spawn_app};

const INSTALLER: &str = "installation@demo.passerelle.fr";

pub(crate) struct World {
    pub prescriber: String,
    pub coordinator: String,
    pub trainer: String,
    pub installer: String,
    pub cohort: Value,
    pub modules: Vec<Value>,
    pub session: Value,
}

pub(crate) async fn world(app: &TestApp) -> World {
    let prescriber = app.login_as(PRESCRIBER).await.0;
    let coordinator = app.login_as(COORDINATOR).await.0;
    let trainer = app.login_as(TRAINER).await.0;
    let installer = app.login_as(INSTALLER).await.0;
    let at = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let session = app
        .graphql(
            "mutation($at: DateTime!) { createInfoSession(startsAt: $at, place: \"BLÉ\") { id } }",
            json!({ "at": at }),
            Some(&trainer),
        )
        .await;
    let first = (chrono::Utc::now() - chrono::Duration::days(80)).to_rfc3339();
    let cohort = app
        .graphql(
            "mutation($input: CohortInput!) { createCohort(input: $input) { id modules { id } } }",
            json!({ "input": { "name": "Printemps", "places": 30, "firstModuleAt": first } }),
            Some(&trainer),
        )
        .await;
    let cohort = cohort.data()["createCohort"].clone();
    World {
        prescriber,
        coordinator,
        trainer,
        installer,
        modules: cohort["modules"].as_array().expect("modules").clone(),
        cohort: cohort["id"].clone(),
        session: session.data()["createInfoSession"]["id"].clone(),
    }
}

/// A learner who completed the course: their referral id.
pub(crate) async fn completed(
    app: &TestApp,
    w: &World,
    first: &str,
    address: &str,
    internet: &str,
    preference: &str,
) -> Value {
    let reply = app
        .graphql(
            "mutation($input: ReferralInput!) { createReferral(input: $input) { id } }",
            json!({ "input": {
                "prescriberKind": "SOCIAL_CENTRE", "firstName": first, "lastName": "Test", "phone": "06 11 11 11 11",
                "address": address, "internet": internet, "devicePreference": preference, "consent": true,
            } }),
            Some(&w.prescriber),
        )
        .await;
    let id = reply.data()["createReferral"]["id"].clone();
    app.graphql(
        "mutation($s: ID!, $r: [ID!]!) { inviteToSession(sessionId: $s, referralIds: $r) { id } }",
        json!({ "s": w.session, "r": [id] }),
        Some(&w.coordinator),
    )
    .await
    .data();
    app.graphql(
        "mutation($r: ID!) { decideEligibility(referralId: $r, input: { residence: true, french: true, availability: true, motivation: true, eligible: true }) { id } }",
        json!({ "r": id }),
        Some(&w.trainer),
    )
    .await
    .data();
    app.graphql(
        "mutation($r: ID!, $c: ID!) { enrol(referralId: $r, cohortId: $c) { id } }",
        json!({ "r": id, "c": w.cohort }),
        Some(&w.trainer),
    )
    .await
    .data();
    for module in &w.modules {
        app.graphql(
            "mutation($c: ID!, $m: ID!, $r: ID!) { markAttendance(cohortId: $c, moduleId: $m, marks: [{ referralId: $r, mark: PRESENT }]) }",
            json!({ "c": w.cohort, "m": module["id"], "r": id }),
            Some(&w.trainer),
        )
        .await
        .data();
    }
    app.graphql(
        "mutation($r: ID!) { confirmCompletion(referralId: $r) { id } }",
        json!({ "r": id }),
        Some(&w.trainer),
    )
    .await
    .data();
    id
}

/// A bought device made ready (erased, graded): (id, serial).
pub(crate) async fn ready_device(
    app: &TestApp,
    w: &World,
    kind: &str,
    grade: &str,
    serial: &str,
) -> Value {
    let created = app
        .graphql(
            "mutation($input: CreateDeviceInput!) { createDevice(input: $input) { id media { id } } }",
            json!({ "input": { "kind": kind, "brand": "Dell", "serial": serial, "source": "PURCHASE", "supplier": "Ordi Occasion", "priceEuros": 120.0, "media": [{ "kind": "SSD", "capacityGb": 256 }] } }),
            Some(&w.coordinator),
        )
        .await;
    let id = created.data()["createDevice"]["id"].clone();
    let medium = created.data()["createDevice"]["media"][0]["id"].clone();
    let step = |to: &str| json!({ "id": id, "input": { "to": to, "grade": grade } });
    app.graphql("mutation($id: ID!, $input: MoveDeviceInput!) { moveDevice(id: $id, input: $input) { status } }", step("IN_REFURBISHMENT"), Some(&w.coordinator))
        .await
        .data();
    app.graphql(
        "mutation($d: ID!, $m: ID!, $on: NaiveDate!) { recordErasure(deviceId: $d, input: { mediumId: $m, method: OVERWRITE, tool: \"nwipe\", erasedOn: $on, operator: \"Atelier\", passed: true }) { id } }",
        json!({ "d": id, "m": medium, "on": programme_today() }),
        Some(&w.coordinator),
    )
    .await
    .data();
    app.graphql("mutation($id: ID!, $input: MoveDeviceInput!) { moveDevice(id: $id, input: $input) { status } }", step("READY"), Some(&w.coordinator))
        .await
        .data();
    id
}

const PROPOSAL: &str =
    "query { matchProposal { referral { id firstName } device { id kind } reasons } }";
pub(crate) const ACCEPT: &str = "mutation($pairs: [PairInput!]!) { acceptMatches(pairs: $pairs) { id status trackingCode device { status } } }";

#[tokio::test]
async fn the_proposal_is_optimal_where_greedy_is_not() {
    let app = spawn_app().await;
    let w = world(&app).await;
    // Anna (trained first) takes anything; Bruno needs a desktop.
    let anna = completed(&app, &w, "Anna", "1 rue A", "HAS", "ANY").await;
    let bruno = completed(&app, &w, "Bruno", "2 rue B", "HAS", "DESKTOP").await;
    let desktop = ready_device(&app, &w, "DESKTOP", "A", "D-1").await;
    let laptop = ready_device(&app, &w, "LAPTOP", "C", "L-1").await;
    // Greedy, first trained first: Anna takes the better desktop, Bruno the laptop he does not want.
    let proposal = app.graphql(PROPOSAL, json!({}), Some(&w.coordinator)).await;
    let pairs: Vec<(Value, Value)> = proposal.data()["matchProposal"]
        .as_array()
        .expect("pairs")
        .iter()
        .map(|p| (p["referral"]["id"].clone(), p["device"]["id"].clone()))
        .collect();
    assert_eq!(pairs.len(), 2);
    assert!(pairs.contains(&(anna.clone(), laptop.clone())), "{pairs:?}");
    assert!(
        pairs.contains(&(bruno.clone(), desktop.clone())),
        "{pairs:?}"
    );
    let bruno_reasons = proposal.data()["matchProposal"]
        .as_array()
        .expect("pairs")
        .iter()
        .find(|p| p["referral"]["id"] == bruno)
        .map(|p| p["reasons"].clone())
        .expect("bruno");
    assert_eq!(bruno_reasons, json!(["PREFERRED_KIND", "GRADE_A"]));
    let accepted = app
        .graphql(ACCEPT, json!({ "pairs": [{ "referralId": anna, "deviceId": laptop }, { "referralId": bruno, "deviceId": desktop }] }), Some(&w.coordinator))
        .await;
    let installations = accepted.data()["acceptMatches"]
        .as_array()
        .expect("installations")
        .clone();
    assert_eq!(installations.len(), 2);
    assert_eq!(installations[0]["device"]["status"], "RESERVED");
    let left = app.graphql(PROPOSAL, json!({}), Some(&w.coordinator)).await;
    assert_eq!(left.data()["matchProposal"], json!([]));
}

#[tokio::test]
async fn no_device_twice_no_household_twice_and_no_match_without_connection() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let mother = completed(&app, &w, "Mère", "5 place du Marché", "HAS", "ANY").await;
    let son = completed(&app, &w, "Fils", "5, Place du marché", "HAS", "ANY").await;
    let offline = completed(&app, &w, "Sans", "9 rue C", "NONE", "ANY").await;
    let first = ready_device(&app, &w, "LAPTOP", "B", "S-1").await;
    let second = ready_device(&app, &w, "LAPTOP", "B", "S-2").await;
    let third = ready_device(&app, &w, "LAPTOP", "B", "S-3").await;

    let candidates = app
        .graphql("query { matchingCandidates { waiting { referral { firstName } } onHold { firstName } devices { id } } }", json!({}), Some(&w.coordinator))
        .await;
    let candidates = &candidates.data()["matchingCandidates"];
    assert_eq!(
        candidates["waiting"],
        json!([{ "referral": { "firstName": "Mère" } }]),
        "one per household"
    );
    assert_eq!(candidates["onHold"], json!([{ "firstName": "Sans" }]));
    let proposal = app.graphql(PROPOSAL, json!({}), Some(&w.coordinator)).await;
    assert_eq!(
        proposal.data()["matchProposal"].as_array().map(Vec::len),
        Some(1)
    );

    let twice = app
        .graphql(ACCEPT, json!({ "pairs": [{ "referralId": mother, "deviceId": first }, { "referralId": son, "deviceId": first }] }), Some(&w.coordinator))
        .await;
    assert_eq!(twice.code(), Some("DUPLICATE_IN_MATCH"));
    let household = app
        .graphql(ACCEPT, json!({ "pairs": [{ "referralId": mother, "deviceId": first }, { "referralId": son, "deviceId": second }] }), Some(&w.coordinator))
        .await;
    assert_eq!(household.code(), Some("HOUSEHOLD_ALREADY_SERVED"));
    let no_connection = app
        .graphql(
            ACCEPT,
            json!({ "pairs": [{ "referralId": offline, "deviceId": third }] }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(no_connection.code(), Some("NO_CONNECTION"));
    app.graphql(
        ACCEPT,
        json!({ "pairs": [{ "referralId": mother, "deviceId": first }] }),
        Some(&w.coordinator),
    )
    .await
    .data();
    let again = app
        .graphql(
            ACCEPT,
            json!({ "pairs": [{ "referralId": son, "deviceId": first }] }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(again.code(), Some("DEVICE_NOT_READY"));
    let sibling = app
        .graphql(
            ACCEPT,
            json!({ "pairs": [{ "referralId": son, "deviceId": second }] }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(
        sibling.code(),
        Some("HOUSEHOLD_ALREADY_SERVED"),
        "the household has its device"
    );
    let refused = app.graphql(PROPOSAL, json!({}), Some(&w.installer)).await;
    assert_eq!(refused.code(), Some("FORBIDDEN"));
}

const TRACKING: &str = "query($code: String!) { tracking(code: $code) { trained reserved visitFrom installed installerName installerPhone } }";

#[tokio::test]
async fn the_visit_is_booked_failed_rebooked_and_closed_while_the_household_follows_it() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let learner = completed(&app, &w, "Chantal", "3 rue D", "CAN_GET", "LAPTOP").await;
    let device = ready_device(&app, &w, "LAPTOP", "A", "PF-77").await;
    let accepted = app
        .graphql(
            ACCEPT,
            json!({ "pairs": [{ "referralId": learner, "deviceId": device }] }),
            Some(&w.coordinator),
        )
        .await;
    let installation = accepted.data()["acceptMatches"][0].clone();
    let id = installation["id"].clone();
    let code = installation["trackingCode"]
        .as_str()
        .expect("code")
        .to_string();
    assert_eq!(code.len(), 11, "printed as XXXXX-XXXXX");

    let seen = app
        .graphql(TRACKING, json!({ "code": code.to_lowercase() }), None)
        .await;
    assert_eq!(
        seen.data()["tracking"],
        json!({ "trained": true, "reserved": true, "visitFrom": null, "installed": false, "installerName": "BLÉ (démo)", "installerPhone": "04 79 00 00 00" })
    );
    let from = chrono::Utc::now() + chrono::Duration::days(2);
    let to = from + chrono::Duration::hours(2);
    const BOOK: &str = "mutation($id: ID!, $from: DateTime!, $to: DateTime!) { bookVisit(id: $id, from: $from, to: $to) { status device { status } } }";
    let booked = app
        .graphql(
            BOOK,
            json!({ "id": id, "from": from.to_rfc3339(), "to": to.to_rfc3339() }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(
        booked.data()["bookVisit"],
        json!({ "status": "BOOKED", "device": { "status": "INSTALLATION_SCHEDULED" } })
    );
    let backwards = app
        .graphql(
            BOOK,
            json!({ "id": id, "from": to.to_rfc3339(), "to": from.to_rfc3339() }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(backwards.code(), Some("VISIT_WINDOW_INVALID"));
    let seen = app.graphql(TRACKING, json!({ "code": code }), None).await;
    assert!(seen.data()["tracking"]["visitFrom"].is_string());
    let ahead = app
        .graphql(
            CLOSE_VISIT,
            json!({ "id": id, "serial": "PF-77" }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(
        ahead.code(),
        Some("VISIT_NOT_YET_DUE"),
        "a visit booked for the day after tomorrow is not closed today"
    );

    let failed = app
        .graphql("mutation($id: ID!) { failVisit(id: $id, reason: \"Personne à la maison\") { status failureReason device { status } } }", json!({ "id": id }), Some(&w.installer))
        .await;
    assert_eq!(failed.data()["failVisit"]["status"], "FAILED");
    assert_eq!(failed.data()["failVisit"]["device"]["status"], "RESERVED");
    // Booked again around now: the visit happens today.
    let (from, to) = (
        chrono::Utc::now() - chrono::Duration::hours(1),
        chrono::Utc::now() + chrono::Duration::hours(1),
    );
    app.graphql(
        BOOK,
        json!({ "id": id, "from": from.to_rfc3339(), "to": to.to_rfc3339() }),
        Some(&w.installer),
    )
    .await
    .data();
    const CLOSE: &str = "mutation($id: ID!, $serial: String!) { closeVisit(id: $id, input: { deviceSetUp: true, accountsCreated: true, connection: TETHERING, connectionTested: true, installedSerial: $serial, signature: [[10, 10, 60, 40]], signedBy: \"Chantal Test\" }) { status device { status } } }";
    let wrong = app
        .graphql(
            CLOSE,
            json!({ "id": id, "serial": "NOT-IT" }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(wrong.code(), Some("SERIAL_MISMATCH"));
    let closed = app
        .graphql(
            CLOSE,
            json!({ "id": id, "serial": "pf-77" }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(
        closed.data()["closeVisit"],
        json!({ "status": "INSTALLED", "device": { "status": "INSTALLED" } })
    );
    let seen = app.graphql(TRACKING, json!({ "code": code }), None).await;
    assert_eq!(seen.data()["tracking"]["installed"], true);

    let agreement = app
        .send_with_token(
            "GET",
            &format!(
                "/api/installations/{}/agreement.pdf",
                id.as_str().expect("id")
            ),
            &w.installer,
            vec![],
        )
        .await;
    assert_eq!(agreement.status, 200);
    assert_eq!(
        agreement
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store"),
        "a household's agreement is never kept by a browser or proxy"
    );
    let text = String::from_utf8_lossy(&agreement.body);
    assert!(text.contains("Chantal Test") && text.contains("PF-77"));

    // After-sales: the household reports a problem from its page; the help desk sees it.
    app.graphql(
        "mutation($code: String!) { reportProblem(code: $code, message: \"L'écran reste noir\") }",
        json!({ "code": code }),
        None,
    )
    .await
    .data();
    let desk = app
        .graphql(
            "query { supportRequests { kind status message source learnerName installationId deviceTag } }",
            json!({}),
            Some(&w.coordinator),
        )
        .await;
    let tag = app
        .graphql(
            "query($id: ID!) { device(id: $id) { tag } }",
            json!({ "id": device }),
            Some(&w.coordinator),
        )
        .await;
    // It opens the visit and the computer it is about.
    assert_eq!(
        desk.data()["supportRequests"],
        json!([{ "kind": "PROBLEM", "status": "OPEN", "message": "L'écran reste noir", "source": "HOUSEHOLD", "learnerName": "Chantal Test", "installationId": id, "deviceTag": tag.data()["device"]["tag"] }])
    );
}

#[tokio::test]
async fn installers_see_only_their_visits_and_codes_cannot_be_guessed() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let learner = completed(&app, &w, "Dora", "4 rue E", "HAS", "ANY").await;
    let device = ready_device(&app, &w, "LAPTOP", "B", "Z-1").await;
    let accepted = app
        .graphql(
            ACCEPT,
            json!({ "pairs": [{ "referralId": learner, "deviceId": device }] }),
            Some(&w.coordinator),
        )
        .await;
    let id = accepted.data()["acceptMatches"][0]["id"].clone();
    let code = accepted.data()["acceptMatches"][0]["trackingCode"]
        .as_str()
        .expect("code")
        .to_string();

    let org = app
        .graphql("mutation { createOrganisation(input: { name: \"Install Nord\", kind: INSTALLER }) { id } }", json!({}), Some(&w.coordinator))
        .await;
    app.graphql(
        "mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
        json!({ "input": { "displayName": "Autre installateur", "email": "nord.install@example.org", "password": passerelle::demo::DEMO_PASSWORD, "organisationId": org.data()["createOrganisation"]["id"], "roles": ["INSTALLER"] } }),
        Some(&w.coordinator),
    )
    .await
    .data();
    let (other, _) = app.login_as("nord.install@example.org").await;
    let list = app
        .graphql("query { installations { id } }", json!({}), Some(&other))
        .await;
    assert_eq!(list.data()["installations"], json!([]));
    let read = app
        .graphql(
            "query($id: ID!) { installation(id: $id) { phone } }",
            json!({ "id": id }),
            Some(&other),
        )
        .await;
    assert_eq!(read.code(), Some("NOT_FOUND"));
    let from = chrono::Utc::now() + chrono::Duration::days(1);
    let book = app
        .graphql(
            "mutation($id: ID!, $from: DateTime!, $to: DateTime!) { bookVisit(id: $id, from: $from, to: $to) { status } }",
            json!({ "id": id, "from": from.to_rfc3339(), "to": (from + chrono::Duration::hours(2)).to_rfc3339() }),
            Some(&other),
        )
        .await;
    assert_eq!(book.code(), Some("NOT_FOUND"));
    let mine = app
        .graphql(
            "query { installations { id phone address } }",
            json!({}),
            Some(&w.installer),
        )
        .await;
    assert_eq!(mine.data()["installations"][0]["address"], "4 rue E");

    // A wrong code reveals nothing, and ten of them stop the guessing.
    for guess in ["AAAAAAAAAA", "hello", "ACDEFGHJKM", "0000000000"] {
        let reply = app.graphql(TRACKING, json!({ "code": guess }), None).await;
        assert_eq!(reply.code(), Some("TRACKING_CODE_UNKNOWN"));
        assert_eq!(reply.body["data"], Value::Null);
    }
    for _ in 0..6 {
        app.graphql(TRACKING, json!({ "code": "CCCCCCCCCC" }), None)
            .await;
    }
    let blocked = app.graphql(TRACKING, json!({ "code": code }), None).await;
    assert_eq!(
        blocked.code(),
        Some("TOO_MANY_ATTEMPTS"),
        "even a right code waits"
    );
}

const BOOK_VISIT: &str = "mutation($id: ID!, $from: DateTime!, $to: DateTime!) { bookVisit(id: $id, from: $from, to: $to) { status device { status } } }";
const CLOSE_VISIT: &str = "mutation($id: ID!, $serial: String!) { closeVisit(id: $id, input: { deviceSetUp: true, accountsCreated: true, connection: BOX, connectionTested: true, installedSerial: $serial, signature: [[10, 10, 60, 40]], signedBy: \"Test\" }) { status device { status } } }";
const MOVE_DEVICE: &str = "mutation($id: ID!, $input: MoveDeviceInput!) { moveDevice(id: $id, input: $input) { status } }";
const LIST_INSTALLATIONS: &str =
    "query { installations { id status endedReason learnerId device { id } } }";

/// Books a visit in a window around now, so that it can be closed today.
async fn book(app: &TestApp, w: &World, installation: &Value) -> crate::helpers::Reply {
    let from = chrono::Utc::now() - chrono::Duration::hours(1);
    let to = from + chrono::Duration::hours(2);
    app.graphql(
        BOOK_VISIT,
        json!({ "id": installation, "from": from.to_rfc3339(), "to": to.to_rfc3339() }),
        Some(&w.installer),
    )
    .await
}

async fn move_device(app: &TestApp, w: &World, device: &Value, to: &str, reason: &str) {
    let moved = app
        .graphql(
            MOVE_DEVICE,
            json!({ "id": device, "input": { "to": to, "reason": reason } }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(moved.data()["moveDevice"]["status"], to, "{}", moved.body);
}

async fn accept_pair(app: &TestApp, w: &World, learner: &Value, device: &Value) -> Value {
    let accepted = app
        .graphql(
            ACCEPT,
            json!({ "pairs": [{ "referralId": learner, "deviceId": device }] }),
            Some(&w.coordinator),
        )
        .await;
    accepted.data()["acceptMatches"][0]["id"].clone()
}

async fn installations_of(app: &TestApp, w: &World, device: &Value) -> Vec<Value> {
    let listed = app
        .graphql(LIST_INSTALLATIONS, json!({}), Some(&w.coordinator))
        .await;
    listed.data()["installations"]
        .as_array()
        .expect("installations")
        .iter()
        .filter(|i| i["device"]["id"] == *device)
        .cloned()
        .collect()
}

#[tokio::test]
async fn an_undone_match_ends_its_installation_and_the_device_goes_to_another_learner() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let anne = completed(&app, &w, "Anne", "1 rue A", "CAN_GET", "LAPTOP").await;
    let bruno = completed(&app, &w, "Bruno", "2 rue B", "CAN_GET", "LAPTOP").await;
    let device = ready_device(&app, &w, "LAPTOP", "A", "UNDO-1").await;
    let first = accept_pair(&app, &w, &anne, &device).await;
    book(&app, &w, &first).await.data();

    // The coordination takes the computer back to the stock: the visit is
    // called off first, then the match itself is undone.
    move_device(&app, &w, &device, "RESERVED", "Visite annulée").await;
    move_device(&app, &w, &device, "READY", "Erreur d'attribution").await;
    let ended = installations_of(&app, &w, &device).await;
    assert_eq!(ended.len(), 1);
    assert_eq!(ended[0]["status"], "CANCELLED");
    assert_eq!(ended[0]["endedReason"], "Erreur d'attribution");
    assert_eq!(
        book(&app, &w, &first).await.code(),
        Some("INSTALLATION_ENDED"),
        "an undone match cannot be booked"
    );
    let close = app
        .graphql(
            CLOSE_VISIT,
            json!({ "id": first, "serial": "UNDO-1" }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(close.code(), Some("INSTALLATION_ENDED"));

    // Both are candidates again: the device for anyone, Anne waits again.
    let proposal = app.graphql(PROPOSAL, json!({}), Some(&w.coordinator)).await;
    let proposed = proposal.data()["matchProposal"].as_array().expect("pairs");
    assert_eq!(proposed.len(), 1, "one device for two waiting learners");
    assert_eq!(proposed[0]["device"]["id"], device);

    let second = accept_pair(&app, &w, &bruno, &device).await;
    assert_eq!(
        book(&app, &w, &second).await.data()["bookVisit"]["status"],
        "BOOKED"
    );
    let closed = app
        .graphql(
            CLOSE_VISIT,
            json!({ "id": second, "serial": "UNDO-1" }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(
        closed.data()["closeVisit"],
        json!({ "status": "INSTALLED", "device": { "status": "INSTALLED" } })
    );
    let history = installations_of(&app, &w, &device).await;
    assert_eq!(history.len(), 2, "the undone match is kept: {history:?}");

    let candidates = app
        .graphql(
            "query { matchingCandidates { waiting { referral { id } } } }",
            json!({}),
            Some(&w.coordinator),
        )
        .await;
    let waiting: Vec<&Value> = candidates.data()["matchingCandidates"]["waiting"]
        .as_array()
        .expect("waiting")
        .iter()
        .map(|c| &c["referral"]["id"])
        .collect();
    assert_eq!(waiting, vec![&anne], "Anne waits again, Bruno is served");
}

#[tokio::test]
async fn a_visit_whose_device_left_the_reservation_is_refused_with_its_own_code() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let learner = completed(&app, &w, "Carla", "3 rue C", "CAN_GET", "LAPTOP").await;
    let device = ready_device(&app, &w, "LAPTOP", "A", "UNDO-2").await;
    let installation = accept_pair(&app, &w, &learner, &device).await;
    book(&app, &w, &installation).await.data();
    // The visit is called off from the device: the installation waits to be
    // booked again, and cannot be closed as if the visit were on.
    move_device(&app, &w, &device, "RESERVED", "Report").await;
    let close = app
        .graphql(
            CLOSE_VISIT,
            json!({ "id": installation, "serial": "UNDO-2" }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(close.code(), Some("VISIT_NOT_BOOKED"), "{}", close.body);
    let listed = installations_of(&app, &w, &device).await;
    assert_eq!(listed[0]["status"], "RESERVED");
    // Booked again, it closes normally.
    book(&app, &w, &installation).await.data();
    let closed = app
        .graphql(
            CLOSE_VISIT,
            json!({ "id": installation, "serial": "UNDO-2" }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(closed.data()["closeVisit"]["status"], "INSTALLED");
}

#[tokio::test]
async fn a_returned_computer_is_given_to_someone_else_and_its_household_waits_again() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let dora = completed(&app, &w, "Dora", "4 rue D", "CAN_GET", "LAPTOP").await;
    let emile = completed(&app, &w, "Émile", "5 rue E", "CAN_GET", "LAPTOP").await;
    let device = ready_device(&app, &w, "LAPTOP", "A", "BACK-1").await;
    let first = accept_pair(&app, &w, &dora, &device).await;
    book(&app, &w, &first).await.data();
    app.graphql(
        CLOSE_VISIT,
        json!({ "id": first, "serial": "BACK-1" }),
        Some(&w.installer),
    )
    .await
    .data();

    move_device(&app, &w, &device, "RETURNED", "Rendu par le foyer").await;
    let ended = installations_of(&app, &w, &device).await;
    assert_eq!(ended[0]["status"], "RETURNED");
    assert_eq!(ended[0]["endedReason"], "Rendu par le foyer");

    // Erased again after its return, then ready for another household.
    move_device(&app, &w, &device, "IN_REFURBISHMENT", "Effacement").await;
    let medium = app
        .graphql(
            "query($id: ID!) { device(id: $id) { media { id } } }",
            json!({ "id": device }),
            Some(&w.coordinator),
        )
        .await
        .data()["device"]["media"][0]["id"]
        .clone();
    app.graphql(
        "mutation($d: ID!, $m: ID!, $on: NaiveDate!) { recordErasure(deviceId: $d, input: { mediumId: $m, method: OVERWRITE, tool: \"nwipe\", erasedOn: $on, operator: \"Atelier\", passed: true }) { id } }",
        json!({ "d": device, "m": medium, "on": programme_today() }),
        Some(&w.coordinator),
    )
    .await
    .data();
    let ready = app
        .graphql(
            MOVE_DEVICE,
            json!({ "id": device, "input": { "to": "READY", "grade": "B" } }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(
        ready.data()["moveDevice"]["status"],
        "READY",
        "{}",
        ready.body
    );

    let second = accept_pair(&app, &w, &emile, &device).await;
    assert!(
        second.is_string(),
        "the returned computer is matchable again"
    );
    // Dora's household gave its computer back: it waits for another one.
    let other = ready_device(&app, &w, "LAPTOP", "A", "BACK-2").await;
    let again = accept_pair(&app, &w, &dora, &other).await;
    assert!(again.is_string(), "Dora is matchable again");
    assert_eq!(installations_of(&app, &w, &device).await.len(), 2);
}

#[tokio::test]
async fn a_handover_names_who_received_it_and_is_signed_or_says_why_not() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let learner = completed(&app, &w, "Fatou", "6 rue F", "CAN_GET", "LAPTOP").await;
    let device = ready_device(&app, &w, "LAPTOP", "A", "SIGN-1").await;
    let installation = accept_pair(&app, &w, &learner, &device).await;
    book(&app, &w, &installation).await.data();
    const CLOSE: &str = "mutation($id: ID!, $input: ChecklistInput!) { closeVisit(id: $id, input: $input) { status signedBy unsignedReason } }";
    let checklist = |extra: Value| {
        let mut input = json!({ "deviceSetUp": true, "accountsCreated": true, "connection": "BOX", "connectionTested": true, "installedSerial": "SIGN-1" });
        for (key, value) in extra.as_object().expect("fields") {
            input[key] = value.clone();
        }
        json!({ "id": installation, "input": input })
    };
    for (extra, code) in [
        (json!({}), "SIGNER_NAME_REQUIRED"),
        (
            json!({ "signature": [[10, 10, 60, 40]], "signedBy": "  " }),
            "SIGNER_NAME_REQUIRED",
        ),
        (json!({ "signedBy": "Fatou Test" }), "SIGNATURE_REQUIRED"),
        (
            json!({ "signedBy": "Fatou Test", "unsignedReason": " " }),
            "SIGNATURE_REQUIRED",
        ),
    ] {
        let refused = app
            .graphql(CLOSE, checklist(extra.clone()), Some(&w.installer))
            .await;
        assert_eq!(refused.code(), Some(code), "{extra}");
    }
    let closed = app
        .graphql(
            CLOSE,
            checklist(
                json!({ "signedBy": "Awa Test", "unsignedReason": "Procuration de sa fille" }),
            ),
            Some(&w.installer),
        )
        .await;
    assert_eq!(
        closed.data()["closeVisit"],
        json!({ "status": "INSTALLED", "signedBy": "Awa Test", "unsignedReason": "Procuration de sa fille" })
    );
}

#[tokio::test]
async fn a_learner_who_declines_leaves_the_waiting_list_and_can_come_back() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let gaby = completed(&app, &w, "Gaby", "7 rue G", "CAN_GET", "LAPTOP").await;
    let hugo = completed(&app, &w, "Hugo", "8 rue H", "CAN_GET", "LAPTOP").await;
    let device = ready_device(&app, &w, "LAPTOP", "A", "NO-1").await;
    let reserved = accept_pair(&app, &w, &gaby, &device).await;
    const OUTCOME: &str = "mutation($r: ID!, $o: DeviceOutcome!, $why: String!) { recordDeviceOutcome(referralId: $r, outcome: $o, reason: $why) }";
    let blank = app
        .graphql(
            OUTCOME,
            json!({ "r": gaby, "o": "DECLINED", "why": "  " }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(blank.code(), Some("REASON_REQUIRED"));
    let by_installer = app
        .graphql(
            OUTCOME,
            json!({ "r": gaby, "o": "DECLINED", "why": "Non" }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(by_installer.code(), Some("FORBIDDEN"));
    // Gaby declines the computer reserved for her: the match is undone and
    // the computer goes back to the stock, for Hugo.
    app.graphql(
        OUTCOME,
        json!({ "r": gaby, "o": "DECLINED", "why": "A reçu un ordinateur de sa fille" }),
        Some(&w.coordinator),
    )
    .await
    .data();
    let ended = installations_of(&app, &w, &device).await;
    assert_eq!(ended[0]["id"], reserved);
    assert_eq!(ended[0]["status"], "CANCELLED");
    const CANDIDATES: &str = "query { matchingCandidates { waiting { referral { id } } declined { referral { id } outcome reason } devices { id } } }";
    let found = app
        .graphql(CANDIDATES, json!({}), Some(&w.coordinator))
        .await;
    let found = &found.data()["matchingCandidates"];
    assert_eq!(found["waiting"], json!([{ "referral": { "id": hugo } }]));
    assert_eq!(
        found["declined"],
        json!([{ "referral": { "id": gaby }, "outcome": "DECLINED", "reason": "A reçu un ordinateur de sa fille" }])
    );
    assert_eq!(found["devices"], json!([{ "id": device }]));
    let refused = app
        .graphql(
            ACCEPT,
            json!({ "pairs": [{ "referralId": gaby, "deviceId": device }] }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(refused.code(), Some("LEARNER_NOT_WAITING"));
    // She changes her mind: she waits again.
    app.graphql(
        "mutation($r: ID!) { withdrawDeviceOutcome(referralId: $r) }",
        json!({ "r": gaby }),
        Some(&w.coordinator),
    )
    .await
    .data();
    let found = app
        .graphql(CANDIDATES, json!({}), Some(&w.coordinator))
        .await;
    assert_eq!(
        found.data()["matchingCandidates"]["waiting"]
            .as_array()
            .expect("waiting")
            .len(),
        2
    );
    assert_eq!(found.data()["matchingCandidates"]["declined"], json!([]));
}

#[tokio::test]
async fn the_household_sees_its_request_answered_and_the_installer_sees_it_on_the_visit() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let learner = completed(&app, &w, "Yasmina", "8 rue H", "CAN_GET", "LAPTOP").await;
    let device = ready_device(&app, &w, "LAPTOP", "A", "ASK-1").await;
    let accepted = app
        .graphql(
            ACCEPT,
            json!({ "pairs": [{ "referralId": learner, "deviceId": device }] }),
            Some(&w.coordinator),
        )
        .await;
    let installation = accepted.data()["acceptMatches"][0]["id"].clone();
    let code = accepted.data()["acceptMatches"][0]["trackingCode"].clone();
    const REQUESTS: &str = "query($code: String!) { tracking(code: $code) { requests { kind status answeredAt answer } } }";
    let none = app.graphql(REQUESTS, json!({ "code": code }), None).await;
    assert_eq!(none.data()["tracking"]["requests"], json!([]));
    app.graphql(
        "mutation($code: String!) { requestVisitChange(code: $code, message: \"Plutôt le mercredi matin\") }",
        json!({ "code": code }),
        None,
    )
    .await
    .data();
    let received = app.graphql(REQUESTS, json!({ "code": code }), None).await;
    assert_eq!(
        received.data()["tracking"]["requests"],
        json!([{ "kind": "DATE_CHANGE", "status": "OPEN", "answeredAt": null, "answer": null }])
    );

    // On the installer's visit, not only under the help desk.
    const VISIT: &str = "query($id: ID!) { installation(id: $id) { supportRequests { id kind status message deviceTag } } }";
    let visit = app
        .graphql(VISIT, json!({ "id": installation }), Some(&w.installer))
        .await;
    let requests = visit.data()["installation"]["supportRequests"].clone();
    assert_eq!(requests.as_array().map(Vec::len), Some(1));
    assert_eq!(requests[0]["kind"], "DATE_CHANGE");
    assert_eq!(requests[0]["message"], "Plutôt le mercredi matin");
    assert!(requests[0]["deviceTag"].is_string());

    let answered = app
        .graphql(
            "mutation($id: ID!) { updateSupportRequest(id: $id, status: RESOLVED, resolution: \"  Visite déplacée au mercredi 10 h.  \") }",
            json!({ "id": requests[0]["id"] }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(answered.data()["updateSupportRequest"], true);
    let settled = app.graphql(REQUESTS, json!({ "code": code }), None).await;
    let seen = &settled.data()["tracking"]["requests"][0];
    assert_eq!(seen["status"], "RESOLVED");
    assert_eq!(seen["answer"], "Visite déplacée au mercredi 10 h.");
    assert!(seen["answeredAt"].is_string());

    // Another household's code shows none of it.
    let other = completed(&app, &w, "Odile", "9 rue I", "CAN_GET", "LAPTOP").await;
    let other_device = ready_device(&app, &w, "LAPTOP", "A", "ASK-2").await;
    let theirs = app
        .graphql(
            ACCEPT,
            json!({ "pairs": [{ "referralId": other, "deviceId": other_device }] }),
            Some(&w.coordinator),
        )
        .await;
    let their_code = theirs.data()["acceptMatches"][0]["trackingCode"].clone();
    let nothing = app
        .graphql(REQUESTS, json!({ "code": their_code }), None)
        .await;
    assert_eq!(nothing.data()["tracking"]["requests"], json!([]));
}

#[tokio::test]
async fn a_visit_is_handed_to_another_installer_and_its_handover_corrected() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let learner = completed(&app, &w, "Rachid", "10 rue J", "CAN_GET", "LAPTOP").await;
    let device = ready_device(&app, &w, "LAPTOP", "A", "FIX-1").await;
    let installation = accept_pair(&app, &w, &learner, &device).await;
    const CORRECT: &str = "mutation($id: ID!, $installer: ID, $connection: Connection, $signedBy: String) { correctVisit(id: $id, installerId: $installer, connection: $connection, signedBy: $signedBy) { installer { name } connection signedBy } }";
    let early = app
        .graphql(
            CORRECT,
            json!({ "id": installation, "connection": "TETHERING" }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(early.code(), Some("NOT_YET_INSTALLED"));

    let north = app
        .graphql(
            "mutation { createOrganisation(input: { name: \"Install Nord\", kind: INSTALLER }) { id } }",
            json!({}),
            Some(&w.coordinator),
        )
        .await;
    let north = north.data()["createOrganisation"]["id"].clone();
    let by_installer = app
        .graphql(
            CORRECT,
            json!({ "id": installation, "installer": north }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(
        by_installer.code(),
        Some("FORBIDDEN"),
        "handing a visit on is the coordination's call"
    );
    let prescribers = app
        .graphql(
            "mutation { createOrganisation(input: { name: \"CCAS\", kind: PRESCRIBER }) { id } }",
            json!({}),
            Some(&w.coordinator),
        )
        .await;
    let not_installer = app
        .graphql(
            CORRECT,
            json!({ "id": installation, "installer": prescribers.data()["createOrganisation"]["id"] }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(not_installer.code(), Some("INSTALLER_REQUIRED"));
    let handed = app
        .graphql(
            CORRECT,
            json!({ "id": installation, "installer": north }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(
        handed.data()["correctVisit"]["installer"]["name"],
        "Install Nord"
    );
    let gone = app
        .graphql(
            "query($id: ID!) { installation(id: $id) { id } }",
            json!({ "id": installation }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(
        gone.code(),
        Some("NOT_FOUND"),
        "the first installer no longer sees it"
    );
    // Given back, booked and closed; then the recorded connection is fixed.
    let demo_installer = app
        .graphql(
            "query { organisations { id kind name } }",
            json!({}),
            Some(&w.coordinator),
        )
        .await;
    let demo = demo_installer.data()["organisations"]
        .as_array()
        .expect("organisations")
        .iter()
        .find(|o| o["name"] == "BLÉ (démo)")
        .expect("demo installer")["id"]
        .clone();
    app.graphql(
        CORRECT,
        json!({ "id": installation, "installer": demo }),
        Some(&w.coordinator),
    )
    .await
    .data();
    book(&app, &w, &installation).await.data();
    app.graphql(
        CLOSE_VISIT,
        json!({ "id": installation, "serial": "FIX-1" }),
        Some(&w.installer),
    )
    .await
    .data();
    let fixed = app
        .graphql(
            CORRECT,
            json!({ "id": installation, "connection": "TETHERING", "signedBy": " Rachid Test " }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(
        fixed.data()["correctVisit"],
        json!({ "installer": { "name": "BLÉ (démo)" }, "connection": "TETHERING", "signedBy": "Rachid Test" })
    );
    let blank = app
        .graphql(
            CORRECT,
            json!({ "id": installation, "signedBy": "  " }),
            Some(&w.installer),
        )
        .await;
    assert_eq!(blank.code(), Some("SIGNER_NAME_REQUIRED"));
    let handed_late = app
        .graphql(
            CORRECT,
            json!({ "id": installation, "installer": north }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(handed_late.code(), Some("INSTALLATION_CLOSED"));
}

#[tokio::test]
async fn a_match_entered_later_keeps_its_day_but_not_before_the_completion_or_the_device_ready() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let learner = completed(&app, &w, "Maëlle", "9 rue du Matin", "HAS", "ANY").await;
    let device = ready_device(&app, &w, "LAPTOP", "A", "SN-LATE-1").await;
    let today = crate::helpers::programme_today();
    const ACCEPT_ON: &str = "mutation($pairs: [PairInput!]!, $on: NaiveDate) { acceptMatches(pairs: $pairs, matchedOn: $on) { id device { status } } }";
    let pairs = json!([{ "referralId": learner, "deviceId": device }]);
    // The learner completed and the laptop was made ready today: a match
    // yesterday would come before them.
    let yesterday = (today - chrono::Duration::days(1)).to_string();
    let refused = app
        .graphql(
            ACCEPT_ON,
            json!({ "pairs": pairs, "on": yesterday }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(refused.code(), Some("DATE_BEFORE_PREVIOUS_STEP"));
    let tomorrow = (today + chrono::Duration::days(1)).to_string();
    let refused = app
        .graphql(
            ACCEPT_ON,
            json!({ "pairs": pairs, "on": tomorrow }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(refused.code(), Some("DATE_IN_FUTURE"));
    let accepted = app
        .graphql(
            ACCEPT_ON,
            json!({ "pairs": pairs, "on": today.to_string() }),
            Some(&w.coordinator),
        )
        .await;
    assert_eq!(
        accepted.data()["acceptMatches"][0]["device"]["status"],
        "RESERVED"
    );
}
