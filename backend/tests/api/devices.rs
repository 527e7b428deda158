//! Batches from collector to refurbisher, devices and their lifecycle,
//! erasure, yield, labels and certificates.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{AGENT, COORDINATOR, TRAINER, TestApp, programme_today, spawn_app};

pub const REFURBISHER: &str = "atelier@demo.passerelle.fr";

const RECORD: &str =
    "mutation($input: RecordPickupInput!) { recordPickup(input: $input) { id donor { id } } }";
const HAND_OVER: &str = "mutation($input: HandOverInput!) { handOverBatch(input: $input) { id number status weightKg counts { category sent received } } }";
const RECEIVE: &str = "mutation($id: ID!, $input: ReceiveBatchInput!) { receiveBatch(id: $id, input: $input) { status mismatch counts { category sent received } } }";
const CREATE: &str = "mutation($input: CreateDeviceInput!) { createDevice(input: $input) { id tag status media { id } } }";
const MOVE: &str = "mutation($id: ID!, $input: MoveDeviceInput!) { moveDevice(id: $id, input: $input) { status grade recycledWeightKg } }";
const ERASE: &str = "mutation($device: ID!, $input: ErasureInput!) { recordErasure(deviceId: $device, input: $input) { id passed } }";

/// A pickup from the demo court: 3 laptops and a screen, 12 kg.
async fn pickup(app: &TestApp, agent: &str, donor: &str) -> (Value, Value) {
    let donors = app
        .graphql(
            "query($s: String) { donors(search: $s) { items { id } } }",
            json!({ "s": donor }),
            Some(agent),
        )
        .await;
    let donor_id = donors.data()["donors"]["items"][0]["id"].clone();
    let reply = app
        .graphql(
            RECORD,
            json!({ "input": {
                "clientUuid": Uuid::new_v4(),
                "donorId": donor_id,
                "collectedAt": chrono::Utc::now().to_rfc3339(),
                "counts": [{ "category": "LAPTOP", "count": 3 }, { "category": "SCREEN", "count": 1 }],
                "weightKg": 12,
            } }),
            Some(agent),
        )
        .await;
    (reply.data()["recordPickup"]["id"].clone(), donor_id)
}

async fn refurbisher_id(app: &TestApp, token: &str) -> Value {
    let reply = app
        .graphql("query { refurbishers { id name } }", json!({}), Some(token))
        .await;
    reply.data()["refurbishers"][0]["id"].clone()
}

/// A received batch of one pickup from the court, and the tokens of the
/// agent and the refurbisher: (batch id, pickup id, donor id, agent, refurbisher).
async fn received_batch(app: &TestApp) -> (Value, Value, Value, String, String) {
    let (agent, _) = app.login_as(AGENT).await;
    let (pickup_id, donor_id) = pickup(app, &agent, "cour appel").await;
    let refurbisher = refurbisher_id(app, &agent).await;
    let batch = app
        .graphql(
            HAND_OVER,
            json!({ "input": { "pickupIds": [pickup_id], "refurbisherId": refurbisher } }),
            Some(&agent),
        )
        .await;
    let batch_id = batch.data()["handOverBatch"]["id"].clone();
    let (workshop, _) = app.login_as(REFURBISHER).await;
    app.graphql(
        RECEIVE,
        json!({ "id": batch_id, "input": { "counts": [{ "category": "LAPTOP", "count": 3 }, { "category": "SCREEN", "count": 1 }] } }),
        Some(&workshop),
    )
    .await
    .data();
    (batch_id, pickup_id, donor_id, agent, workshop)
}

async fn create_device(app: &TestApp, token: &str, input: Value) -> crate::helpers::Reply {
    app.graphql(CREATE, json!({ "input": input }), Some(token))
        .await
}

fn laptop(batch_id: &Value, serial: &str) -> Value {
    json!({
        "kind": "LAPTOP", "brand": "Dell", "model": "Latitude 5490", "serial": serial,
        "ramGb": 8, "storageGb": 256, "screenInches": 14.0,
        "source": "DONATION", "batchId": batch_id,
        "media": [{ "kind": "SSD", "capacityGb": 256 }],
    })
}

async fn erase(
    app: &TestApp,
    token: &str,
    device: &Value,
    medium: &Value,
    passed: bool,
) -> crate::helpers::Reply {
    app.graphql(
        ERASE,
        json!({ "device": device, "input": {
            "mediumId": medium, "method": "OVERWRITE", "tool": "nwipe 0.34",
            "erasedOn": programme_today(), "operator": "Sami Haddad", "passed": passed,
        } }),
        Some(token),
    )
    .await
}

async fn move_to(
    app: &TestApp,
    token: &str,
    device: &Value,
    input: Value,
) -> crate::helpers::Reply {
    app.graphql(MOVE, json!({ "id": device, "input": input }), Some(token))
        .await
}

#[tokio::test]
async fn a_batch_leaves_storage_and_its_receipt_flags_a_miscount() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let (first, _) = pickup(&app, &agent, "cour appel").await;
    let (second, _) = pickup(&app, &agent, "cpam").await;
    let refurbisher = refurbisher_id(&app, &agent).await;
    let batch = app
        .graphql(
            HAND_OVER,
            json!({ "input": { "pickupIds": [first, second], "refurbisherId": refurbisher } }),
            Some(&agent),
        )
        .await;
    let batch = batch.data()["handOverBatch"].clone();
    assert_eq!(batch["number"], 1);
    assert_eq!(batch["status"], "HANDED_OVER");
    assert_eq!(batch["weightKg"], 24.0);
    assert_eq!(
        batch["counts"],
        json!([{ "category": "LAPTOP", "sent": 6, "received": null }, { "category": "SCREEN", "sent": 2, "received": null }])
    );
    let stock = app
        .graphql(
            "query { pickupStock { pickups counts { count } } }",
            json!({}),
            Some(&agent),
        )
        .await;
    assert_eq!(
        stock.data()["pickupStock"]["pickups"],
        0,
        "handed over: out of storage"
    );
    let again = app
        .graphql(
            HAND_OVER,
            json!({ "input": { "pickupIds": [first], "refurbisherId": refurbisher } }),
            Some(&agent),
        )
        .await;
    assert_eq!(again.code(), Some("PICKUP_NOT_IN_STORAGE"));
    let corrected = app
        .graphql(
            "mutation($id: ID!) { correctPickup(id: $id, input: { counts: [{ category: LAPTOP, count: 1 }], weightKg: 2 }) { id } }",
            json!({ "id": first }),
            Some(&agent),
        )
        .await;
    assert_eq!(corrected.code(), Some("PICKUP_NOT_EDITABLE"));

    let (workshop, _) = app.login_as(REFURBISHER).await;
    let received = app
        .graphql(
            RECEIVE,
            json!({ "id": batch["id"], "input": { "counts": [{ "category": "LAPTOP", "count": 5 }, { "category": "SCREEN", "count": 2 }, { "category": "OTHER", "count": 4 }] } }),
            Some(&workshop),
        )
        .await;
    let received = &received.data()["receiveBatch"];
    assert_eq!(received["status"], "RECEIVED");
    assert_eq!(received["mismatch"], true);
    assert_eq!(
        received["counts"],
        json!([
            { "category": "LAPTOP", "sent": 6, "received": 5 },
            { "category": "SCREEN", "sent": 2, "received": 2 },
            { "category": "OTHER", "sent": 0, "received": 4 },
        ])
    );
    let twice = app
        .graphql(
            RECEIVE,
            json!({ "id": batch["id"], "input": { "counts": [] } }),
            Some(&workshop),
        )
        .await;
    assert_eq!(twice.code(), Some("BATCH_ALREADY_RECEIVED"));

    // Traceable to its pickups and donors.
    let traced = app
        .graphql(
            "query($id: ID!) { batch(id: $id) { pickups { donorName items } } }",
            json!({ "id": batch["id"] }),
            Some(&workshop),
        )
        .await;
    let mut donors: Vec<String> = traced.data()["batch"]["pickups"]
        .as_array()
        .expect("pickups")
        .iter()
        .map(|p| p["donorName"].as_str().unwrap_or_default().to_string())
        .collect();
    donors.sort();
    assert_eq!(donors, ["CPAM de la Savoie", "Cour d'appel de Chambéry"]);
    // From two donors, a device must say which pickup it came from.
    let unsourced = create_device(&app, &workshop, laptop(&batch["id"], "A1")).await;
    assert_eq!(unsourced.code(), Some("SOURCE_REQUIRED"));
    let mut sourced = laptop(&batch["id"], "A1");
    sourced["pickupId"] = first.clone();
    create_device(&app, &workshop, sourced).await.data();
}

#[tokio::test]
async fn batches_and_devices_stay_with_their_organisations() {
    let app = spawn_app().await;
    let (batch_id, _, _, agent, workshop) = received_batch(&app).await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    // A second refurbisher, who must see nothing of the first one's batch.
    let org = app
        .graphql(
            "mutation { createOrganisation(input: { name: \"Atelier Nord\", kind: REFURBISHER }) { id } }",
            json!({}),
            Some(&coordinator),
        )
        .await;
    app.graphql(
        "mutation($input: CreateUserInput!) { createUser(input: $input) { id } }",
        json!({ "input": { "displayName": "Atelier Nord", "email": "nord@example.org", "password": passerelle::demo::DEMO_PASSWORD, "organisationId": org.data()["createOrganisation"]["id"], "roles": ["REFURBISHER"] } }),
        Some(&coordinator),
    )
    .await
    .data();
    let (other, _) = app.login_as("nord@example.org").await;
    let read = app
        .graphql(
            "query($id: ID!) { batch(id: $id) { id } }",
            json!({ "id": batch_id }),
            Some(&other),
        )
        .await;
    assert_eq!(read.code(), Some("NOT_FOUND"));
    let listed = app
        .graphql("query { batches { id } }", json!({}), Some(&other))
        .await;
    assert_eq!(listed.data()["batches"], json!([]));
    let device = create_device(&app, &workshop, laptop(&batch_id, "B1")).await;
    let device_id = device.data()["createDevice"]["id"].clone();
    let tag = device.data()["createDevice"]["tag"].clone();
    let stolen = create_device(&app, &other, laptop(&batch_id, "B2")).await;
    assert_eq!(stolen.code(), Some("NOT_FOUND"));
    let moved = move_to(
        &app,
        &other,
        &device_id,
        json!({ "to": "IN_REFURBISHMENT" }),
    )
    .await;
    assert_eq!(moved.code(), Some("FORBIDDEN"));
    let devices = app
        .graphql("query { devices { total } }", json!({}), Some(&other))
        .await;
    assert_eq!(devices.data()["devices"]["total"], 0);

    // The agent cannot make devices; a trainer can read one by its tag, not move it.
    let by_agent = create_device(&app, &agent, laptop(&batch_id, "B3")).await;
    assert_eq!(by_agent.code(), Some("FORBIDDEN"));
    let (trainer, _) = app.login_as(TRAINER).await;
    let scanned = app
        .graphql(
            "query($tag: String!) { deviceByTag(tag: $tag) { id donorName } }",
            json!({ "tag": tag.as_str().expect("tag").to_lowercase() }),
            Some(&trainer),
        )
        .await;
    assert_eq!(scanned.data()["deviceByTag"]["id"], device_id);
    assert_eq!(
        scanned.data()["deviceByTag"]["donorName"],
        Value::Null,
        "donors are not a trainer's business"
    );
    let moved = move_to(
        &app,
        &trainer,
        &device_id,
        json!({ "to": "IN_REFURBISHMENT" }),
    )
    .await;
    assert_eq!(moved.code(), Some("FORBIDDEN"));
    let bad_tag = app
        .graphql(
            "query { deviceByTag(tag: \"hello\") { id } }",
            json!({}),
            Some(&trainer),
        )
        .await;
    assert_eq!(bad_tag.code(), Some("TAG_INVALID"));
}

#[tokio::test]
async fn every_illegal_move_is_refused_along_the_whole_lifecycle() {
    use shared_types::DeviceStatus;
    let app = spawn_app().await;
    let (batch_id, _, _, _, workshop) = received_batch(&app).await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let created = create_device(&app, &workshop, laptop(&batch_id, "C1")).await;
    let device = created.data()["createDevice"]["id"].clone();
    let medium = created.data()["createDevice"]["media"][0]["id"].clone();
    // The main line, then back from the household, then the end.
    let path = [
        DeviceStatus::Received,
        DeviceStatus::InRefurbishment,
        DeviceStatus::Ready,
        DeviceStatus::Reserved,
        DeviceStatus::InstallationScheduled,
        DeviceStatus::Installed,
        DeviceStatus::Returned,
        DeviceStatus::Recycled,
    ];
    for window in path.windows(2).map(Some).chain([None]) {
        let here = window.map_or(DeviceStatus::Recycled, |w| w[0]);
        for to in DeviceStatus::ALL {
            if here.can_become(*to) {
                continue;
            }
            let refused = move_to(
                &app,
                &coordinator,
                &device,
                json!({ "to": to.as_str(), "reason": "essai", "grade": "A", "recycledWeightKg": 2.0 }),
            )
            .await;
            assert_eq!(
                refused.code(),
                Some("TRANSITION_NOT_ALLOWED"),
                "{here:?} → {to:?}: {}",
                refused.body
            );
        }
        let Some(w) = window else { break };
        if w[1] == DeviceStatus::Ready {
            erase(&app, &workshop, &device, &medium, true).await.data();
        }
        let moved = move_to(
            &app,
            &coordinator,
            &device,
            json!({ "to": w[1].as_str(), "reason": "retour du foyer", "grade": "B", "recycledWeightKg": 2.4 }),
        )
        .await;
        assert_eq!(moved.data()["moveDevice"]["status"], w[1].as_str());
    }
    let history = app
        .graphql(
            "query($id: ID!) { device(id: $id) { history { from to by reason } } }",
            json!({ "id": device }),
            Some(&coordinator),
        )
        .await;
    let history = history.data()["device"]["history"]
        .as_array()
        .expect("history")
        .clone();
    assert_eq!(
        history.len(),
        path.len(),
        "one event per move, creation included"
    );
    assert_eq!(history[0]["to"], "RECEIVED");
    assert_eq!(history[7]["from"], "RETURNED");
    assert_eq!(history[7]["by"], "Camille Martin");
}

#[tokio::test]
async fn ready_needs_every_medium_erased_a_grade_and_backward_moves_a_reason() {
    let app = spawn_app().await;
    let (batch_id, _, _, _, workshop) = received_batch(&app).await;
    let created = create_device(&app, &workshop, laptop(&batch_id, "D1")).await;
    let device = created.data()["createDevice"]["id"].clone();
    let first = created.data()["createDevice"]["media"][0]["id"].clone();
    move_to(
        &app,
        &workshop,
        &device,
        json!({ "to": "IN_REFURBISHMENT" }),
    )
    .await
    .data();
    let second = app
        .graphql(
            "mutation($id: ID!) { addStorageMedium(deviceId: $id, input: { kind: HDD, capacityGb: 500 }) { id } }",
            json!({ "id": device }),
            Some(&workshop),
        )
        .await;
    let second = second.data()["addStorageMedium"][1]["id"].clone();
    let ready = json!({ "to": "READY", "grade": "A" });
    let refused = move_to(&app, &workshop, &device, ready.clone()).await;
    assert_eq!(refused.code(), Some("ERASURE_MISSING"));
    erase(&app, &workshop, &device, &first, true).await.data();
    erase(&app, &workshop, &device, &second, false).await.data();
    let refused = move_to(&app, &workshop, &device, ready.clone()).await;
    assert_eq!(
        refused.code(),
        Some("ERASURE_MISSING"),
        "a failed erasure does not count"
    );
    erase(&app, &workshop, &device, &second, true).await.data();
    let ungraded = move_to(&app, &workshop, &device, json!({ "to": "READY" })).await;
    assert_eq!(ungraded.code(), Some("GRADE_REQUIRED"));
    let done = move_to(&app, &workshop, &device, ready).await;
    assert_eq!(done.data()["moveDevice"]["grade"], "A");
    let back = move_to(
        &app,
        &workshop,
        &device,
        json!({ "to": "IN_REFURBISHMENT" }),
    )
    .await;
    assert_eq!(back.code(), Some("REASON_REQUIRED"));
    // The refurbisher does not match devices to learners.
    let reserve = move_to(&app, &workshop, &device, json!({ "to": "RESERVED" })).await;
    assert_eq!(reserve.code(), Some("FORBIDDEN"));

    // A computer with no storage listed cannot be ready either.
    let mut bare = laptop(&batch_id, "D2");
    bare["media"] = json!([]);
    let bare = create_device(&app, &workshop, bare).await;
    let bare = bare.data()["createDevice"]["id"].clone();
    move_to(&app, &workshop, &bare, json!({ "to": "IN_REFURBISHMENT" }))
        .await
        .data();
    let refused = move_to(
        &app,
        &workshop,
        &bare,
        json!({ "to": "READY", "grade": "C" }),
    )
    .await;
    assert_eq!(refused.code(), Some("STORAGE_MEDIA_MISSING"));
    let no_weight = move_to(&app, &workshop, &bare, json!({ "to": "RECYCLED" })).await;
    assert_eq!(no_weight.code(), Some("RECYCLED_WEIGHT_REQUIRED"));
    // A screen holds no data: ready without media.
    let screen = create_device(
        &app,
        &workshop,
        json!({ "kind": "SCREEN", "brand": "Iiyama", "source": "DONATION", "batchId": batch_id }),
    )
    .await;
    let screen = screen.data()["createDevice"]["id"].clone();
    move_to(
        &app,
        &workshop,
        &screen,
        json!({ "to": "IN_REFURBISHMENT" }),
    )
    .await
    .data();
    move_to(
        &app,
        &workshop,
        &screen,
        json!({ "to": "READY", "grade": "B" }),
    )
    .await
    .data();
}

#[tokio::test]
async fn a_device_back_from_a_home_needs_a_new_erasure_to_be_ready() {
    let app = spawn_app().await;
    let (batch_id, _, _, _, workshop) = received_batch(&app).await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let created = create_device(&app, &workshop, laptop(&batch_id, "R1")).await;
    let device = created.data()["createDevice"]["id"].clone();
    let medium = created.data()["createDevice"]["media"][0]["id"].clone();
    erase(&app, &workshop, &device, &medium, true).await.data();
    for to in [
        "IN_REFURBISHMENT",
        "READY",
        "RESERVED",
        "INSTALLATION_SCHEDULED",
        "INSTALLED",
        "RETURNED",
    ] {
        let moved = move_to(
            &app,
            &coordinator,
            &device,
            json!({ "to": to, "grade": "A", "reason": "retour du foyer" }),
        )
        .await;
        assert_eq!(moved.data()["moveDevice"]["status"], to);
    }
    let media = app
        .graphql(
            "query($id: ID!) { device(id: $id) { media { erased } } }",
            json!({ "id": device }),
            Some(&workshop),
        )
        .await;
    assert_eq!(
        media.data()["device"]["media"][0]["erased"],
        false,
        "the erasure before the installation does not cover the household's data"
    );
    let ready = json!({ "to": "READY", "grade": "A", "reason": "retour du foyer" });
    let refused = move_to(&app, &workshop, &device, ready.clone()).await;
    assert_eq!(refused.code(), Some("ERASURE_MISSING"), "{}", refused.body);
    erase(&app, &workshop, &device, &medium, false).await.data();
    let refused = move_to(&app, &workshop, &device, ready.clone()).await;
    assert_eq!(
        refused.code(),
        Some("ERASURE_MISSING"),
        "a failed erasure does not count"
    );
    erase(&app, &workshop, &device, &medium, true).await.data();
    let done = move_to(&app, &workshop, &device, ready).await;
    assert_eq!(
        done.data()["moveDevice"]["status"],
        "READY",
        "{}",
        done.body
    );
}

#[tokio::test]
async fn tags_and_serials_are_unique() {
    let app = spawn_app().await;
    let (batch_id, _, _, _, workshop) = received_batch(&app).await;
    let first = create_device(&app, &workshop, laptop(&batch_id, "5CG-123")).await;
    let tag = first.data()["createDevice"]["tag"]
        .as_str()
        .expect("tag")
        .to_string();
    let year = chrono::Utc::now().format("%Y").to_string();
    assert_eq!(tag, format!("PSL-{year}-00001"));
    let second = create_device(&app, &workshop, laptop(&batch_id, "5CG-124")).await;
    assert_eq!(
        second.data()["createDevice"]["tag"],
        format!("PSL-{year}-00002")
    );

    let mut same_serial = laptop(&batch_id, " 5cg-123 ");
    same_serial["brand"] = json!("DELL");
    let clash = create_device(&app, &workshop, same_serial).await;
    assert_eq!(clash.code(), Some("SERIAL_TAKEN"));
    let mut other_brand = laptop(&batch_id, "5CG-123");
    other_brand["brand"] = json!("HP");
    create_device(&app, &workshop, other_brand).await.data();

    let mut labelled = laptop(&batch_id, "X-1");
    labelled["tag"] = json!(tag.to_lowercase());
    let clash = create_device(&app, &workshop, labelled).await;
    assert_eq!(clash.code(), Some("TAG_TAKEN"));
    let mut labelled = laptop(&batch_id, "X-2");
    labelled["tag"] = json!("PSL-2025-00777");
    let kept = create_device(&app, &workshop, labelled).await;
    assert_eq!(kept.data()["createDevice"]["tag"], "PSL-2025-00777");
    let mut nonsense = laptop(&batch_id, "X-3");
    nonsense["tag"] = json!("étiquette");
    assert_eq!(
        create_device(&app, &workshop, nonsense).await.code(),
        Some("TAG_INVALID")
    );
    let mut absurd = laptop(&batch_id, "X-4");
    absurd["ramGb"] = json!(-8);
    assert_eq!(
        create_device(&app, &workshop, absurd).await.code(),
        Some("SPECS_INVALID")
    );
    let bought = create_device(
        &app,
        &workshop,
        json!({ "kind": "LAPTOP", "source": "PURCHASE", "supplier": "Ordi Occasion", "media": [] }),
    )
    .await;
    assert_eq!(
        bought.code(),
        Some("SOURCE_REQUIRED"),
        "a purchase has a price"
    );
}

#[tokio::test]
async fn the_yield_matches_the_records() {
    let app = spawn_app().await;
    let (batch_id, _, _, _, workshop) = received_batch(&app).await;
    // 4 items received; 3 devices: one ready, one recycled (2.5 kg), one in work.
    let a = create_device(&app, &workshop, laptop(&batch_id, "Y1")).await;
    let (a, medium) = (
        a.data()["createDevice"]["id"].clone(),
        a.data()["createDevice"]["media"][0]["id"].clone(),
    );
    move_to(&app, &workshop, &a, json!({ "to": "IN_REFURBISHMENT" }))
        .await
        .data();
    erase(&app, &workshop, &a, &medium, true).await.data();
    move_to(&app, &workshop, &a, json!({ "to": "READY", "grade": "B" }))
        .await
        .data();
    let b = create_device(&app, &workshop, laptop(&batch_id, "Y2")).await;
    let b = b.data()["createDevice"]["id"].clone();
    move_to(
        &app,
        &workshop,
        &b,
        json!({ "to": "RECYCLED", "recycledWeightKg": 2.5 }),
    )
    .await
    .data();
    create_device(&app, &workshop, laptop(&batch_id, "Y3"))
        .await
        .data();

    const FIELDS: &str = "receivedItems receivedKg devices ready recycled recycledKg readySharePercent agreedSharePercent";
    let expected = json!({
        "receivedItems": 4, "receivedKg": 12.0, "devices": 3, "ready": 1, "recycled": 1,
        "recycledKg": 2.5, "readySharePercent": 25.0, "agreedSharePercent": 10.0,
    });
    let per_batch = app
        .graphql(
            &format!("query($id: ID!) {{ batch(id: $id) {{ yield {{ {FIELDS} }} }} }}"),
            json!({ "id": batch_id }),
            Some(&workshop),
        )
        .await;
    assert_eq!(per_batch.data()["batch"]["yield"], expected);
    let today = programme_today();
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let period = app
        .graphql(
            &format!("query($from: NaiveDate!, $to: NaiveDate!) {{ refurbisherYield(from: $from, to: $to) {{ {FIELDS} }} }}"),
            json!({ "from": today, "to": today }),
            Some(&coordinator),
        )
        .await;
    assert_eq!(period.data()["refurbisherYield"], expected);
    let last_year = today - chrono::Duration::days(365);
    let before = app
        .graphql(
            "query($from: NaiveDate!, $to: NaiveDate!) { refurbisherYield(from: $from, to: $to) { receivedItems devices } }",
            json!({ "from": last_year, "to": today - chrono::Duration::days(1) }),
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        before.data()["refurbisherYield"],
        json!({ "receivedItems": 0, "devices": 0 })
    );
}

#[tokio::test]
async fn labels_and_certificates_are_pdfs_with_the_tags() {
    let app = spawn_app().await;
    let (batch_id, _, donor_id, agent, workshop) = received_batch(&app).await;
    let mut tags = Vec::new();
    for serial in ["L1", "L2"] {
        let created = create_device(&app, &workshop, laptop(&batch_id, serial)).await;
        let device = created.data()["createDevice"]["id"].clone();
        let medium = created.data()["createDevice"]["media"][0]["id"].clone();
        tags.push(
            created.data()["createDevice"]["tag"]
                .as_str()
                .expect("tag")
                .to_string(),
        );
        move_to(
            &app,
            &workshop,
            &device,
            json!({ "to": "IN_REFURBISHMENT" }),
        )
        .await
        .data();
        let erasure = erase(&app, &workshop, &device, &medium, true).await;
        let erasure_id = erasure.data()["recordErasure"]["id"]
            .as_str()
            .expect("id")
            .to_string();
        if serial == "L1" {
            let report = app
                .send_with_token(
                    "PUT",
                    &format!("/api/erasures/{erasure_id}/report"),
                    &workshop,
                    b"nwipe report: pass".to_vec(),
                )
                .await;
            assert_eq!(report.status, 200);
            let binary = app
                .send_with_token(
                    "PUT",
                    &format!("/api/erasures/{erasure_id}/report"),
                    &workshop,
                    vec![0, 159, 146, 150],
                )
                .await;
            assert_eq!(binary.status, 415);
        }
    }
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let labels = app
        .send_with_token(
            "GET",
            &format!(
                "/api/devices/labels.pdf?batch={}",
                batch_id.as_str().expect("id")
            ),
            &coordinator,
            vec![],
        )
        .await;
    assert_eq!(labels.status, 200);
    assert!(labels.body.starts_with(b"%PDF-") && labels.body.ends_with(b"%%EOF\n"));
    let text = String::from_utf8_lossy(&labels.body);
    for tag in &tags {
        assert!(text.contains(&format!("({tag})")), "label for {tag}");
    }
    assert!(text.contains(" re f"), "the QR codes are drawn");

    let certificate = app
        .send_with_token(
            "GET",
            &format!(
                "/api/donors/{}/erasure-certificate.pdf",
                donor_id.as_str().expect("id")
            ),
            &coordinator,
            vec![],
        )
        .await;
    assert_eq!(certificate.status, 200);
    let text = String::from_utf8_lossy(&certificate.body);
    assert!(certificate.body.starts_with(b"%PDF-"));
    assert!(text.contains("Cour d'appel de Chambr") || text.contains("Cour d'appel de Chamb"));
    for tag in &tags {
        assert!(text.contains(tag), "certificate lists {tag}");
    }
    assert!(text.contains("nwipe 0.34"));
    assert!(text.contains("L1") && text.contains("L2"), "serials");

    let forbidden = app
        .send_with_token(
            "GET",
            &format!(
                "/api/donors/{}/erasure-certificate.pdf",
                donor_id.as_str().expect("id")
            ),
            &agent,
            vec![],
        )
        .await;
    assert_eq!(forbidden.status, 403);
}

/// The list's totals come from tallies the database keeps as devices are
/// added and moved: they must match the devices the list itself returns,
/// for the workshop and the coordinator, with and without a status.
#[tokio::test]
async fn list_totals_follow_every_move() {
    let app = spawn_app().await;
    let (batch_id, _, _, _, workshop) = received_batch(&app).await;
    let mut ids = Vec::new();
    for serial in ["T1", "T2", "T3"] {
        let created = create_device(&app, &workshop, laptop(&batch_id, serial)).await;
        ids.push((
            created.data()["createDevice"]["id"].clone(),
            created.data()["createDevice"]["media"][0]["id"].clone(),
        ));
    }
    let (a, medium) = &ids[0];
    move_to(&app, &workshop, a, json!({ "to": "IN_REFURBISHMENT" }))
        .await
        .data();
    erase(&app, &workshop, a, medium, true).await.data();
    move_to(&app, &workshop, a, json!({ "to": "READY", "grade": "A" }))
        .await
        .data();
    // Back to the bench: the READY tally goes down again.
    move_to(
        &app,
        &workshop,
        a,
        json!({ "to": "IN_REFURBISHMENT", "reason": "Clavier à changer" }),
    )
    .await
    .data();
    move_to(
        &app,
        &workshop,
        &ids[1].0,
        json!({ "to": "RECYCLED", "recycledWeightKg": 2.0 }),
    )
    .await
    .data();

    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let statuses = [
        Value::Null,
        json!("RECEIVED"),
        json!("IN_REFURBISHMENT"),
        json!("READY"),
        json!("RECYCLED"),
    ];
    let mut seen = Vec::new();
    for token in [&workshop, &coordinator] {
        for status in &statuses {
            let page = app
                .graphql(
                    "query($status: DeviceStatus) { devices(status: $status, limit: 100) { total items { status } } }",
                    json!({ "status": status }),
                    Some(token),
                )
                .await;
            let devices = &page.data()["devices"];
            let listed = devices["items"].as_array().expect("items").len();
            assert_eq!(
                devices["total"], listed,
                "total for {status} is what is listed"
            );
            if let Some(status) = status.as_str() {
                assert!(
                    devices["items"]
                        .as_array()
                        .expect("items")
                        .iter()
                        .all(|d| d["status"] == status),
                );
            }
            seen.push(listed);
        }
    }
    // The workshop's own: 3 devices, one received, one back in work, one recycled.
    assert_eq!(&seen[..5], &[3, 1, 1, 0, 1]);
}

/// The enumerations are stored as text; a row holding text the code does not
/// know (a hand edit, a rollback past a migration) is an error that is
/// logged, never read as some default status.
#[tokio::test]
async fn a_status_the_code_cannot_read_is_an_error_not_a_guess() {
    use sea_orm::{ConnectionTrait, Statement};
    let app = spawn_app().await;
    let (batch_id, _, _, _, workshop) = received_batch(&app).await;
    let created = create_device(&app, &workshop, laptop(&batch_id, "5CG-900")).await;
    let id = created.data()["createDevice"]["id"].clone();
    let tag = created.data()["createDevice"]["tag"]
        .as_str()
        .expect("tag")
        .to_string();
    const READ: &str = "query($id: ID!) { device(id: $id) { status } }";
    let before = app
        .graphql(READ, json!({ "id": id }), Some(&workshop))
        .await;
    assert_eq!(before.data()["device"]["status"], "RECEIVED");

    let conn = sea_orm::Database::connect(&app.db.url)
        .await
        .expect("connect");
    conn.execute(Statement::from_string(
        conn.get_database_backend(),
        format!("UPDATE devices SET status = 'MISLAID' WHERE tag = '{tag}'"),
    ))
    .await
    .expect("hand edit");
    let after = app
        .graphql(READ, json!({ "id": id }), Some(&workshop))
        .await;
    assert_eq!(after.code(), Some("INTERNAL"));
}

/// Each refusal of an erasure names the field a clerk has to fix.
#[tokio::test]
async fn a_wrong_erasure_names_the_field_to_fix() {
    let app = spawn_app().await;
    let (batch_id, _, _, _, workshop) = received_batch(&app).await;
    let created = create_device(&app, &workshop, laptop(&batch_id, "5CG-910")).await;
    let device = created.data()["createDevice"]["id"].clone();
    move_to(
        &app,
        &workshop,
        &device,
        json!({ "to": "IN_REFURBISHMENT" }),
    )
    .await;
    let medium = created.data()["createDevice"]["media"][0]["id"].clone();
    let today = programme_today();
    for (tool, operator, on, code) in [
        (" ", "Sami Haddad", today, "ERASURE_TOOL_REQUIRED"),
        ("nwipe 0.34", "", today, "ERASURE_OPERATOR_REQUIRED"),
        (
            "nwipe 0.34",
            "Sami Haddad",
            today + chrono::Duration::days(2),
            "ERASURE_DATE_IN_FUTURE",
        ),
    ] {
        let reply = app
            .graphql(
                ERASE,
                json!({ "device": device, "input": {
                    "mediumId": medium, "method": "OVERWRITE", "tool": tool,
                    "erasedOn": on, "operator": operator, "passed": true,
                } }),
                Some(&workshop),
            )
            .await;
        assert_eq!(reply.code(), Some(code));
    }
    let fine = erase(&app, &workshop, &device, &medium, true).await;
    assert_eq!(fine.data()["recordErasure"]["passed"], true);
}

const BULK: &str = "mutation($b: ID!, $on: NaiveDate!, $input: BulkRecyclingInput!) { recordBulkRecycling(batchId: $b, recycledOn: $on, input: $input) { id category count weightKg recycledOn } }";

#[tokio::test]
async fn recycling_by_weight_counts_in_the_yield_and_the_report_by_its_day() {
    let app = spawn_app().await;
    let (batch_id, _, _, agent, workshop) = received_batch(&app).await;
    let today = programme_today();
    let bulk = |on: chrono::NaiveDate, input: Value| {
        let (app, workshop, batch_id) = (&app, workshop.clone(), batch_id.clone());
        async move {
            app.graphql(
                BULK,
                json!({ "b": batch_id, "on": on, "input": input }),
                Some(&workshop),
            )
            .await
        }
    };

    // Wrong entries are refused, each saying what is wrong, and save nothing.
    for (on, input, code) in [
        (
            today,
            json!({ "category": "SCREEN", "count": 5, "weightKg": 0 }),
            "WEIGHT_NOT_POSITIVE",
        ),
        (
            today,
            json!({ "category": "SCREEN", "count": -1, "weightKg": 10 }),
            "COUNT_NEGATIVE",
        ),
        (
            today,
            json!({ "category": "SCREEN", "count": 1, "weightKg": 500 }),
            "WEIGHT_IMPLAUSIBLE",
        ),
        (
            today,
            json!({ "category": "OTHER", "count": 0, "weightKg": 4000 }),
            "RECYCLING_WEIGHT_TOO_LARGE",
        ),
        (
            today + chrono::Duration::days(2),
            json!({ "category": "SCREEN", "count": 5, "weightKg": 60 }),
            "RECYCLING_DATE_INVALID",
        ),
        (
            today - chrono::Duration::days(3),
            json!({ "category": "SCREEN", "count": 5, "weightKg": 60 }),
            "RECYCLING_DATE_INVALID",
        ),
    ] {
        let refused = bulk(on, input.clone()).await;
        assert_eq!(refused.code(), Some(code), "{input} on {on}");
    }

    // Five screens on a pallet, and a crate of cables only weighed.
    let screens = bulk(
        today,
        json!({ "category": "SCREEN", "count": 5, "weightKg": 60 }),
    )
    .await;
    assert_eq!(
        screens.data()["recordBulkRecycling"]["weightKg"],
        json!(60.0)
    );
    let cables = bulk(
        today,
        json!({ "category": "OTHER", "count": 0, "weightKg": 12.5 }),
    )
    .await;
    let cables_id = cables.data()["recordBulkRecycling"]["id"].clone();
    // Plus one device record recycled, 2.5 kg.
    let device = create_device(&app, &workshop, laptop(&batch_id, "R1")).await;
    move_to(
        &app,
        &workshop,
        &device.data()["createDevice"]["id"],
        json!({ "to": "RECYCLED", "recycledWeightKg": 2.5 }),
    )
    .await
    .data();

    let batch_yield = "query($id: ID!) { batch(id: $id) { bulkRecycling { category count } yield { recycled recycledInBulk recycledKg } } }";
    let seen = app
        .graphql(batch_yield, json!({ "id": batch_id }), Some(&workshop))
        .await;
    assert_eq!(
        seen.data()["batch"]["yield"],
        json!({ "recycled": 1, "recycledInBulk": 5, "recycledKg": 75.0 })
    );
    assert_eq!(
        seen.data()["batch"]["bulkRecycling"],
        json!([{ "category": "SCREEN", "count": 5 }, { "category": "OTHER", "count": 0 }])
    );

    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let report = "query($from: NaiveDate!, $to: NaiveDate!) { report(from: $from, to: $to) { devicesRecycled recycledInBulk recycledKg } }";
    let this_year = app
        .graphql(
            report,
            json!({ "from": today, "to": today }),
            Some(&coordinator),
        )
        .await;
    assert_eq!(
        this_year.data()["report"],
        json!({ "devicesRecycled": 1, "recycledInBulk": 5, "recycledKg": 75.0 })
    );
    let before = app
        .graphql(
            report,
            json!({ "from": today - chrono::Duration::days(30), "to": today - chrono::Duration::days(1) }),
            Some(&coordinator),
        )
        .await;
    assert_eq!(before.data()["report"]["recycledKg"], json!(0.0));

    // The cables were entered by mistake: taken back, the figures follow.
    let removed = app
        .graphql(
            "mutation($id: ID!) { removeBulkRecycling(id: $id) { id } }",
            json!({ "id": cables_id }),
            Some(&workshop),
        )
        .await;
    assert_eq!(removed.data()["removeBulkRecycling"]["id"], batch_id);
    let after = app
        .graphql(
            report,
            json!({ "from": today, "to": today }),
            Some(&coordinator),
        )
        .await;
    assert_eq!(after.data()["report"]["recycledKg"], json!(62.5));

    // Only the receiving workshop and coordinators record, and only once received.
    let by_agent = app
        .graphql(
            BULK,
            json!({ "b": batch_id, "on": today, "input": { "category": "SCREEN", "count": 1, "weightKg": 10 } }),
            Some(&agent),
        )
        .await;
    assert_eq!(by_agent.code(), Some("FORBIDDEN"));
    let (second_pickup, _) = pickup(&app, &agent, "cour appel").await;
    let refurbisher = refurbisher_id(&app, &agent).await;
    let not_received = app
        .graphql(
            HAND_OVER,
            json!({ "input": { "pickupIds": [second_pickup], "refurbisherId": refurbisher } }),
            Some(&agent),
        )
        .await;
    let early = app
        .graphql(
            BULK,
            json!({ "b": not_received.data()["handOverBatch"]["id"], "on": today, "input": { "category": "SCREEN", "count": 1, "weightKg": 10 } }),
            Some(&workshop),
        )
        .await;
    assert_eq!(early.code(), Some("BATCH_NOT_RECEIVED"));
}

#[tokio::test]
async fn purchases_have_their_day_their_funder_and_their_workshop_and_bought_refurbished_goes_straight_to_ready()
 {
    let app = spawn_app().await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let (workshop, _) = app.login_as(REFURBISHER).await;
    let (agent, _) = app.login_as(AGENT).await;
    let workshop_id = refurbisher_id(&app, &agent).await;
    let today = programme_today();
    let last_year =
        chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&today) - 1, 3, 10).expect("date");
    let bought = |extra: Value| {
        let mut input = json!({
            "kind": "LAPTOP", "brand": "Lenovo", "model": "T480", "source": "PURCHASE",
            "supplier": "Ordi Occasion", "priceEuros": 149.9, "funder": "Grand Chambéry",
            "media": [{ "kind": "SSD", "capacityGb": 256 }],
        });
        for (k, v) in extra.as_object().expect("fields") {
            input[k] = v.clone();
        }
        input
    };
    const PURCHASE: &str = "mutation($input: CreateDeviceInput!) { createDevice(input: $input) { id status purchasedOn funder nextStatuses media { id } } }";

    // Bought by the coordinator last March, for the workshop to prepare.
    let for_workshop = app
        .graphql(
            PURCHASE,
            json!({ "input": bought(json!({ "serial": "P-1", "purchasedOn": last_year, "refurbisherId": workshop_id })) }),
            Some(&coordinator),
        )
        .await;
    let for_workshop = for_workshop.data()["createDevice"].clone();
    assert_eq!(for_workshop["purchasedOn"], json!(last_year));
    assert_eq!(for_workshop["funder"], "Grand Chambéry");
    let listed = app
        .graphql(
            "query { devices { items { id } } }",
            json!({}),
            Some(&workshop),
        )
        .await;
    assert!(
        listed.data()["devices"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .any(|d| d["id"] == for_workshop["id"]),
        "the workshop sees the computer it is to prepare"
    );

    // Wrong purchases say what is wrong.
    let future = app
        .graphql(PURCHASE, json!({ "input": bought(json!({ "serial": "P-2", "purchasedOn": today + chrono::Duration::days(3) })) }), Some(&coordinator))
        .await;
    assert_eq!(future.code(), Some("PURCHASE_DATE_IN_FUTURE"));
    let collector_org = app
        .graphql(
            "query { me { organisation { id } } }",
            json!({}),
            Some(&agent),
        )
        .await;
    let not_a_workshop = app
        .graphql(PURCHASE, json!({ "input": bought(json!({ "serial": "P-2", "refurbisherId": collector_org.data()["me"]["organisation"]["id"] })) }), Some(&coordinator))
        .await;
    assert_eq!(not_a_workshop.code(), Some("WORKSHOP_UNKNOWN"));

    // The collector records a computer it bought already refurbished; it
    // records no donated device.
    let refurbished = app
        .graphql(
            PURCHASE,
            json!({ "input": bought(json!({ "serial": "P-3" })) }),
            Some(&agent),
        )
        .await;
    let refurbished = refurbished.data()["createDevice"].clone();
    assert_eq!(refurbished["purchasedOn"], json!(today), "today by default");
    assert_eq!(
        refurbished["nextStatuses"],
        json!(["IN_REFURBISHMENT", "READY", "RECYCLED"])
    );
    let (batch_id, _, _, _, _) = received_batch(&app).await;
    let donated = create_device(&app, &agent, laptop(&batch_id, "D-1")).await;
    assert_eq!(donated.code(), Some("FORBIDDEN"));

    // Straight to ready, once the seller's certificate is its erasure.
    let id = refurbished["id"].clone();
    let medium = refurbished["media"][0]["id"].clone();
    let early = move_to(
        &app,
        &coordinator,
        &id,
        json!({ "to": "READY", "grade": "A" }),
    )
    .await;
    assert_eq!(early.code(), Some("ERASURE_MISSING"));
    let erasure = app
        .graphql(
            ERASE,
            json!({ "device": id, "input": {
                "mediumId": medium, "method": "OVERWRITE", "tool": "Blancco (certificat du vendeur)",
                "erasedOn": today, "operator": "Ordi Occasion", "passed": true,
            } }),
            Some(&coordinator),
        )
        .await;
    let erasure_id = erasure.data()["recordErasure"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let certificate = app
        .send_with_token(
            "PUT",
            &format!("/api/erasures/{erasure_id}/report"),
            &coordinator,
            b"%PDF-1.4 certificat d'effacement Ordi Occasion".to_vec(),
        )
        .await;
    assert_eq!(certificate.status, 200);
    let ready = move_to(
        &app,
        &coordinator,
        &id,
        json!({ "to": "READY", "grade": "A" }),
    )
    .await;
    assert_eq!(ready.data()["moveDevice"]["status"], "READY");
    // A donated computer still goes through the workshop.
    let donated = create_device(&app, &workshop, laptop(&batch_id, "D-2")).await;
    let donated_id = donated.data()["createDevice"]["id"].clone();
    let skipped = move_to(
        &app,
        &workshop,
        &donated_id,
        json!({ "to": "READY", "grade": "A" }),
    )
    .await;
    assert_eq!(skipped.code(), Some("TRANSITION_NOT_ALLOWED"));
    move_to(
        &app,
        &workshop,
        &donated_id,
        json!({ "to": "IN_REFURBISHMENT" }),
    )
    .await
    .data();
    let donated_medium = donated.data()["createDevice"]["media"][0]["id"].clone();
    erase(&app, &workshop, &donated_id, &donated_medium, true)
        .await
        .data();
    move_to(
        &app,
        &workshop,
        &donated_id,
        json!({ "to": "READY", "grade": "B" }),
    )
    .await
    .data();

    // Reports count purchases by the day they were bought, donations made
    // ready apart from them.
    let report = "query($from: NaiveDate!, $to: NaiveDate!) { report(from: $from, to: $to) { devicesBought devicesRefurbished devicesReadyAgain } }";
    let year_of = |day: chrono::NaiveDate| {
        let y = chrono::Datelike::year(&day);
        json!({ "from": format!("{y}-01-01"), "to": format!("{y}-12-31") })
    };
    let then = app
        .graphql(report, year_of(last_year), Some(&coordinator))
        .await;
    assert_eq!(then.data()["report"]["devicesBought"], 1);
    let now = app
        .graphql(report, year_of(today), Some(&coordinator))
        .await;
    assert_eq!(
        now.data()["report"],
        json!({ "devicesBought": 1, "devicesRefurbished": 1, "devicesReadyAgain": 0 })
    );
}

#[tokio::test]
async fn a_device_record_is_corrected_by_whoever_may_edit_it_under_the_same_rules() {
    let app = spawn_app().await;
    let (batch_id, _, _, agent, workshop) = received_batch(&app).await;
    const CORRECT: &str = "mutation($id: ID!, $input: DeviceCorrectionInput!) { correctDevice(id: $id, input: $input) { serial ramGb grade notes } }";
    let first = create_device(&app, &workshop, laptop(&batch_id, "5CG-123")).await;
    let first_id = first.data()["createDevice"]["id"].clone();
    let medium = first.data()["createDevice"]["media"][0]["id"].clone();
    create_device(&app, &workshop, laptop(&batch_id, "5CG-999"))
        .await
        .data();
    let fixed = json!({ "brand": "Dell", "model": "Latitude 5490", "serial": "5CG-124", "ramGb": 16, "storageGb": 256, "notes": "Mémoire ajoutée" });

    // The serial typed wrong at intake, the memory upgraded.
    let corrected = app
        .graphql(
            CORRECT,
            json!({ "id": first_id, "input": fixed }),
            Some(&workshop),
        )
        .await;
    assert_eq!(
        corrected.data()["correctDevice"],
        json!({ "serial": "5CG-124", "ramGb": 16, "grade": null, "notes": "Mémoire ajoutée" })
    );
    // Same rules as a new device: a serial already taken, specs out of range.
    let mut taken = fixed.clone();
    taken["serial"] = json!("5cg-999");
    let refused = app
        .graphql(
            CORRECT,
            json!({ "id": first_id, "input": taken }),
            Some(&workshop),
        )
        .await;
    assert_eq!(refused.code(), Some("SERIAL_TAKEN"));
    let mut huge = fixed.clone();
    huge["ramGb"] = json!(4096);
    let refused = app
        .graphql(
            CORRECT,
            json!({ "id": first_id, "input": huge }),
            Some(&workshop),
        )
        .await;
    assert_eq!(refused.code(), Some("SPECS_INVALID"));
    for token in [&agent, &app.login_as(TRAINER).await.0] {
        let refused = app
            .graphql(
                CORRECT,
                json!({ "id": first_id, "input": fixed }),
                Some(token),
            )
            .await;
        assert_eq!(refused.code(), Some("FORBIDDEN"));
    }

    // Once ready it keeps a grade: revised, never removed.
    move_to(
        &app,
        &workshop,
        &first_id,
        json!({ "to": "IN_REFURBISHMENT" }),
    )
    .await
    .data();
    erase(&app, &workshop, &first_id, &medium, true)
        .await
        .data();
    move_to(
        &app,
        &workshop,
        &first_id,
        json!({ "to": "READY", "grade": "B" }),
    )
    .await
    .data();
    let mut regraded = fixed.clone();
    regraded["grade"] = json!("A");
    let regraded = app
        .graphql(
            CORRECT,
            json!({ "id": first_id, "input": regraded }),
            Some(&workshop),
        )
        .await;
    assert_eq!(regraded.data()["correctDevice"]["grade"], "A");
    let ungraded = app
        .graphql(
            CORRECT,
            json!({ "id": first_id, "input": fixed }),
            Some(&workshop),
        )
        .await;
    assert_eq!(ungraded.code(), Some("GRADE_REQUIRED"));
    let unchanged = app
        .graphql(
            "query($id: ID!) { device(id: $id) { serial grade } }",
            json!({ "id": first_id }),
            Some(&workshop),
        )
        .await;
    assert_eq!(
        unchanged.data()["device"],
        json!({ "serial": "5CG-124", "grade": "A" })
    );
}

#[tokio::test]
async fn a_whole_batch_moves_in_one_go_each_device_under_its_own_rules() {
    let app = spawn_app().await;
    let (batch_id, _, _, agent, workshop) = received_batch(&app).await;
    let mut ids = Vec::new();
    for serial in ["G-1", "G-2", "G-3"] {
        let created = create_device(&app, &workshop, laptop(&batch_id, serial)).await;
        ids.push(created.data()["createDevice"]["id"].clone());
    }
    // One is already in refurbishment: it cannot go there again.
    move_to(
        &app,
        &workshop,
        &ids[2],
        json!({ "to": "IN_REFURBISHMENT" }),
    )
    .await
    .data();
    const MANY: &str = "mutation($ids: [ID!]!, $input: MoveDeviceInput!) { moveDevices(ids: $ids, input: $input) { deviceId code device { status } } }";
    let moved = app
        .graphql(
            MANY,
            json!({ "ids": ids, "input": { "to": "IN_REFURBISHMENT" } }),
            Some(&workshop),
        )
        .await;
    assert_eq!(
        moved.data()["moveDevices"],
        json!([
            { "deviceId": ids[0], "code": null, "device": { "status": "IN_REFURBISHMENT" } },
            { "deviceId": ids[1], "code": null, "device": { "status": "IN_REFURBISHMENT" } },
            { "deviceId": ids[2], "code": "TRANSITION_NOT_ALLOWED", "device": null },
        ])
    );
    // Ready needs each one's erasure: refused for each, said for each.
    let ready = app
        .graphql(
            MANY,
            json!({ "ids": ids, "input": { "to": "READY", "grade": "B" } }),
            Some(&workshop),
        )
        .await;
    let codes: Vec<Value> = ready.data()["moveDevices"]
        .as_array()
        .expect("outcomes")
        .iter()
        .map(|o| o["code"].clone())
        .collect();
    assert_eq!(codes, vec![json!("ERASURE_MISSING"); 3]);
    // Naming nothing, too many, or a device of another workshop refuses the whole request.
    let nothing = app
        .graphql(
            MANY,
            json!({ "ids": [], "input": { "to": "RECYCLED" } }),
            Some(&workshop),
        )
        .await;
    assert_eq!(nothing.code(), Some("DEVICE_REQUIRED"));
    let many: Vec<Value> = (0..201).map(|_| ids[0].clone()).collect();
    let too_many = app
        .graphql(
            MANY,
            json!({ "ids": many, "input": { "to": "RECYCLED" } }),
            Some(&workshop),
        )
        .await;
    assert_eq!(too_many.code(), Some("TOO_MANY_DEVICES"));
    let by_agent = app
        .graphql(
            MANY,
            json!({ "ids": ids, "input": { "to": "RECYCLED" } }),
            Some(&agent),
        )
        .await;
    assert_eq!(by_agent.code(), Some("FORBIDDEN"));
    let unknown = app
        .graphql(MANY, json!({ "ids": [ids[0], Uuid::new_v4()], "input": { "to": "RECYCLED", "recycledWeightKg": 2 } }), Some(&workshop))
        .await;
    assert_eq!(unknown.code(), Some("NOT_FOUND"));
    let still = app
        .graphql(
            "query($id: ID!) { device(id: $id) { status } }",
            json!({ "id": ids[0] }),
            Some(&workshop),
        )
        .await;
    assert_eq!(
        still.data()["device"]["status"],
        "IN_REFURBISHMENT",
        "nothing moved"
    );
}
