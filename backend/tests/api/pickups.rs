//! Pickups recorded from a phone: idempotent on the phone's UUID, checked,
//! visible only to their own collector and coordinators; photos and receipts.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::helpers::{AGENT, COORDINATOR, PRESCRIBER, TRAINER, TestApp, spawn_app};

const RECORD: &str = "mutation($input: RecordPickupInput!) { recordPickup(input: $input) { id status itemCount weightKg counts { category count } serials { category serial } signature signedBy donor { id name } organisation { name } } }";
const PICKUP: &str =
    "query($id: ID!) { pickup(id: $id) { id status itemCount photos { id url width height } } }";
const PICKUPS: &str = "query { pickups { total items { id status donor { name } } } }";
const STOCK: &str = "query { pickupStock { pickups weightKg counts { category count } } }";

fn now() -> String {
    chrono::Utc::now().to_rfc3339()
}

/// A pickup from a donor typed on the spot: three laptops and a screen, 12.5 kg.
fn pickup_input(client_uuid: Uuid) -> Value {
    json!({
        "clientUuid": client_uuid,
        "newDonor": { "kind": "COMPANY", "name": "Alpes Conseil", "postcode": "73000", "city": "Chambéry", "address": "12 rue de la Gare" },
        "collectedAt": "2026-11-20T10:30:00Z",
        "counts": [ { "category": "LAPTOP", "count": 3 }, { "category": "SCREEN", "count": 1 }, { "category": "PHONE", "count": 0 } ],
        "serials": [ { "category": "LAPTOP", "serial": " PF-1234 " } ],
        "weightKg": 12.5,
        "location": { "latitude": 45.566, "longitude": 5.92, "accuracyM": 14.0 },
        "signature": [[10, 10, 50, 60, 90, 20]],
        "signedBy": "Claire Dupont",
        "notes": "Chargé par l'entrée de service",
    })
}

async fn record(app: &TestApp, token: &str, input: Value) -> crate::helpers::Reply {
    app.graphql(RECORD, json!({ "input": input }), Some(token))
        .await
}

async fn pickup_rows(app: &TestApp) -> u64 {
    use sea_orm::{ConnectionTrait, Statement};
    let conn = sea_orm::Database::connect(&app.db.url)
        .await
        .expect("connect");
    let row = conn
        .query_one(Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM pickups",
        ))
        .await
        .expect("count")
        .expect("a row");
    row.try_get::<i64>("", "n").expect("n") as u64
}

#[tokio::test]
async fn an_agent_records_a_pickup_and_sees_it_in_stock() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let reply = record(&app, &agent, pickup_input(Uuid::new_v4())).await;
    let pickup = &reply.data()["recordPickup"];
    assert_eq!(pickup["status"], "COLLECTED");
    assert_eq!(pickup["itemCount"], 4);
    assert_eq!(pickup["weightKg"], 12.5);
    assert_eq!(
        pickup["counts"],
        json!([{ "category": "LAPTOP", "count": 3 }, { "category": "SCREEN", "count": 1 }])
    );
    assert_eq!(
        pickup["serials"],
        json!([{ "category": "LAPTOP", "serial": "PF-1234" }])
    );
    assert_eq!(pickup["signature"], json!([[10, 10, 50, 60, 90, 20]]));
    assert_eq!(pickup["donor"]["name"], "Alpes Conseil");
    assert_eq!(pickup["organisation"]["name"], "Régie Plus (démo)");

    let stock = app.graphql(STOCK, json!({}), Some(&agent)).await;
    assert_eq!(
        stock.data()["pickupStock"],
        json!({ "pickups": 1, "weightKg": 12.5, "counts": [
            { "category": "LAPTOP", "count": 3 }, { "category": "SCREEN", "count": 1 }
        ] })
    );

    // A second pickup from the same donor typed again offline reuses the donor.
    let mut again = pickup_input(Uuid::new_v4());
    again["newDonor"]["name"] = json!("ALPES conseil");
    let second = record(&app, &agent, again).await;
    assert_eq!(
        second.data()["recordPickup"]["donor"]["id"],
        pickup["donor"]["id"]
    );

    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let listed = app.graphql(PICKUPS, json!({}), Some(&coordinator)).await;
    assert_eq!(listed.data()["pickups"]["total"], 2);
    let stock = app.graphql(STOCK, json!({}), Some(&coordinator)).await;
    assert_eq!(stock.data()["pickupStock"]["weightKg"], 25.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_sends_of_one_pickup_record_it_once() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let input = pickup_input(Uuid::new_v4());
    let mut sends = tokio::task::JoinSet::new();
    for _ in 0..50 {
        let (app, agent, input) = (app.clone(), agent.clone(), input.clone());
        sends.spawn(async move { record(&app, &agent, input).await.body });
    }
    let mut ids = std::collections::HashSet::new();
    while let Some(answer) = sends.join_next().await {
        let answer = answer.expect("task");
        assert!(answer.get("errors").is_none(), "{answer}");
        ids.insert(answer["data"]["recordPickup"]["id"].to_string());
    }
    assert_eq!(ids.len(), 1, "every send answers with the same pickup");
    assert_eq!(pickup_rows(&app).await, 1);
    // The donor typed on the spot was created once too.
    let donors = app
        .graphql(
            "query { donors(search: \"alpes\") { total } }",
            json!({}),
            Some(&agent),
        )
        .await;
    assert_eq!(donors.data()["donors"]["total"], 1);
}

#[tokio::test]
async fn the_same_uuid_with_other_content_is_refused_and_changes_nothing() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let id = Uuid::new_v4();
    let first = record(&app, &agent, pickup_input(id)).await;
    let first_id = first.data()["recordPickup"]["id"].clone();
    let mut changed = pickup_input(id);
    changed["weightKg"] = json!(13);
    let refused = record(&app, &agent, changed).await;
    assert_eq!(refused.code(), Some("PICKUP_CONFLICT"));
    let resent = record(&app, &agent, pickup_input(id)).await;
    assert_eq!(resent.data()["recordPickup"]["id"], first_id);
    assert_eq!(resent.data()["recordPickup"]["weightKg"], 12.5);
    assert_eq!(pickup_rows(&app).await, 1);

    // Another collector reusing the id does not get to see or change the pickup.
    let other = app.agent_of_another_collector().await;
    let stolen = record(&app, &other, pickup_input(id)).await;
    assert_eq!(stolen.code(), Some("PICKUP_CONFLICT"));
}

/// One mistake made to a valid pickup.
type Change = Box<dyn Fn(&mut Value)>;

#[tokio::test]
async fn absurd_counts_and_weights_are_refused_with_their_own_code() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let cases: Vec<(&str, Change)> = vec![
        (
            "WEIGHT_TOO_LARGE",
            Box::new(|i| i["weightKg"] = json!(10_000)),
        ),
        (
            "WEIGHT_NOT_POSITIVE",
            Box::new(|i| i["weightKg"] = json!(-2)),
        ),
        (
            "WEIGHT_NOT_POSITIVE",
            Box::new(|i| i["weightKg"] = json!(0)),
        ),
        (
            "WEIGHT_IMPLAUSIBLE",
            Box::new(|i| i["weightKg"] = json!(2_500)),
        ),
        (
            "COUNT_NEGATIVE",
            Box::new(|i| i["counts"][1]["count"] = json!(-1)),
        ),
        (
            "COUNT_TOO_LARGE",
            Box::new(|i| i["counts"][0]["count"] = json!(5_000)),
        ),
        (
            "NOTHING_COLLECTED",
            Box::new(|i| i["counts"] = json!([{ "category": "LAPTOP", "count": 0 }])),
        ),
        (
            "TOO_MANY_SERIALS",
            Box::new(
                |i| i["serials"] = json!([{ "category": "SCREEN", "serial": "A" }, { "category": "SCREEN", "serial": "B" }]),
            ),
        ),
        (
            "CATEGORY_LISTED_TWICE",
            Box::new(
                |i| i["counts"] = json!([{ "category": "LAPTOP", "count": 2 }, { "category": "LAPTOP", "count": 1 }]),
            ),
        ),
        (
            "TIME_IN_FUTURE",
            Box::new(|i| i["collectedAt"] = json!("2099-01-01T00:00:00Z")),
        ),
        (
            "DATE_BEFORE_PROGRAMME",
            Box::new(|i| i["collectedAt"] = json!("2020-01-01T00:00:00Z")),
        ),
        (
            "SIGNATURE_INVALID",
            Box::new(|i| i["signature"] = json!([[1, 2, 3]])),
        ),
        (
            "LOCATION_INVALID",
            Box::new(|i| i["location"]["latitude"] = json!(123.0)),
        ),
        (
            "DONOR_REQUIRED",
            Box::new(|i| {
                i.as_object_mut().expect("object").remove("newDonor");
            }),
        ),
        (
            "NAME_REQUIRED",
            Box::new(|i| i["newDonor"]["name"] = json!("  ")),
        ),
    ];
    for (code, change) in cases {
        let mut input = pickup_input(Uuid::new_v4());
        change(&mut input);
        let reply = record(&app, &agent, input).await;
        assert_eq!(reply.code(), Some(code), "{}", reply.body);
    }
    assert_eq!(pickup_rows(&app).await, 0, "nothing was saved");
}

#[tokio::test]
async fn pickups_are_seen_only_by_their_collector_and_coordinators() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let mine = record(&app, &agent, pickup_input(Uuid::new_v4())).await;
    let id = mine.data()["recordPickup"]["id"].clone();

    let other = app.agent_of_another_collector().await;
    let read = app.graphql(PICKUP, json!({ "id": id }), Some(&other)).await;
    assert_eq!(read.code(), Some("NOT_FOUND"));
    let list = app.graphql(PICKUPS, json!({}), Some(&other)).await;
    assert_eq!(list.data()["pickups"]["total"], 0);
    let stock = app.graphql(STOCK, json!({}), Some(&other)).await;
    assert_eq!(stock.data()["pickupStock"]["pickups"], 0);
    let receipt = app
        .send_with_token(
            "GET",
            &format!("/api/pickups/{}/receipt.pdf", id.as_str().expect("id")),
            &other,
            vec![],
        )
        .await;
    assert_eq!(receipt.status, 404);

    for outsider in [TRAINER, PRESCRIBER] {
        let (token, _) = app.login_as(outsider).await;
        let read = app.graphql(PICKUP, json!({ "id": id }), Some(&token)).await;
        assert_eq!(read.code(), Some("FORBIDDEN"));
        let list = app.graphql(PICKUPS, json!({}), Some(&token)).await;
        assert_eq!(list.code(), Some("FORBIDDEN"));
        let recorded = record(&app, &token, pickup_input(Uuid::new_v4())).await;
        assert_eq!(recorded.code(), Some("FORBIDDEN"));
    }
    let anonymous = app.graphql(PICKUPS, json!({}), None).await;
    assert_eq!(anonymous.code(), Some("UNAUTHENTICATED"));

    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let read = app
        .graphql(PICKUP, json!({ "id": id }), Some(&coordinator))
        .await;
    assert_eq!(read.data()["pickup"]["status"], "COLLECTED");
    // Coordinators oversee; recording is the agents' job.
    let recorded = record(&app, &coordinator, pickup_input(Uuid::new_v4())).await;
    assert_eq!(recorded.code(), Some("FORBIDDEN"));
}

/// A real PNG image `width` × `height`, its colour from `shade`.
fn png_shaded(width: u32, height: u32, shade: u8) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(width, height, image::Rgb([shade, 90, 200]));
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Png,
        )
        .expect("encode a PNG");
    bytes
}

pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    png_shaded(width, height, 40)
}

/// A real JPEG image `width` × `height`.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image)
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .expect("encode a JPEG");
    bytes
}

/// `jpeg` with an EXIF segment right after its start marker, as a phone
/// writes it: IFD0 points to a GPS IFD holding latitude 48° 51' 24" N.
fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
    let mut tiff: Vec<u8> = b"II*\0".to_vec();
    tiff.extend(8u32.to_le_bytes());
    // IFD0 at 8: one entry, GPSInfo (0x8825) LONG 1 -> offset 26.
    tiff.extend(1u16.to_le_bytes());
    tiff.extend([0x25, 0x88, 4, 0]);
    tiff.extend(1u32.to_le_bytes());
    tiff.extend(26u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    // GPS IFD at 26: LatitudeRef "N", Latitude 3 RATIONAL at 56.
    tiff.extend(2u16.to_le_bytes());
    tiff.extend([1, 0, 2, 0]);
    tiff.extend(2u32.to_le_bytes());
    tiff.extend(*b"N\0\0\0");
    tiff.extend([2, 0, 5, 0]);
    tiff.extend(3u32.to_le_bytes());
    tiff.extend(56u32.to_le_bytes());
    tiff.extend(0u32.to_le_bytes());
    for (numerator, denominator) in [(48u32, 1u32), (51, 1), (24, 1)] {
        tiff.extend(numerator.to_le_bytes());
        tiff.extend(denominator.to_le_bytes());
    }
    let mut segment = b"Exif\0\0".to_vec();
    segment.extend(tiff);
    let plain = jpeg(width, height);
    let mut bytes = plain[..2].to_vec();
    bytes.extend([0xFF, 0xE1]);
    bytes.extend(((segment.len() + 2) as u16).to_be_bytes());
    bytes.extend(segment);
    bytes.extend(&plain[2..]);
    bytes
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn photos_are_stored_once_checked_and_kept_to_the_pickup() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let mine = record(&app, &agent, pickup_input(Uuid::new_v4())).await;
    let id = mine.data()["recordPickup"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let photo = Uuid::new_v4();
    let path = format!("/api/pickups/{id}/photos/{photo}");
    let first = app
        .send_with_token("PUT", &path, &agent, png(1200, 900))
        .await;
    assert_eq!(
        first.status,
        200,
        "{}",
        String::from_utf8_lossy(&first.body)
    );
    let again = app
        .send_with_token("PUT", &path, &agent, png(1200, 900))
        .await;
    assert_eq!(again.status, 200, "a resend is answered as the first send");
    let clash = app
        .send_with_token("PUT", &path, &agent, png_shaded(1200, 900, 41))
        .await;
    assert_eq!(clash.status, 409);

    let detail = app.graphql(PICKUP, json!({ "id": id }), Some(&agent)).await;
    let photos = &detail.data()["pickup"]["photos"];
    assert_eq!(photos.as_array().map(Vec::len), Some(1));
    assert_eq!(photos[0]["width"], 1200);
    let url = photos[0]["url"].as_str().expect("url");
    let image = app.send_with_token("GET", url, &agent, vec![]).await;
    assert_eq!(
        image
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store"),
        "a resident donor's home may be in the picture"
    );
    assert_eq!(image.status, 200);
    assert_eq!(image.headers["content-type"], "image/png");
    let kept = image::load_from_memory(&image.body).expect("the stored copy decodes");
    assert_eq!((kept.width(), kept.height()), (1200, 900));
    // The image is a file under the data directory, not a row.
    let stored = app
        .db
        .dir()
        .join("photos")
        .join(&id)
        .join(format!("{photo}.png"));
    assert!(stored.exists(), "{stored:?}");

    let other = app.agent_of_another_collector().await;
    let peek = app.send_with_token("GET", url, &other, vec![]).await;
    assert_eq!(peek.status, 404);
    let upload = app
        .send_with_token(
            "PUT",
            &format!("/api/pickups/{id}/photos/{}", Uuid::new_v4()),
            &other,
            png(10, 10),
        )
        .await;
    assert_eq!(upload.status, 404);

    let not_image = app
        .send_with_token(
            "PUT",
            &format!("/api/pickups/{id}/photos/{}", Uuid::new_v4()),
            &agent,
            b"%PDF-1.4 not a photo at all".to_vec(),
        )
        .await;
    assert_eq!(not_image.status, 415);
    assert!(String::from_utf8_lossy(&not_image.body).contains("PHOTO_NOT_IMAGE"));
    let mut huge = png(40, 30);
    huge.resize(6 * 1024 * 1024, 0);
    let too_large = app
        .send_with_token(
            "PUT",
            &format!("/api/pickups/{id}/photos/{}", Uuid::new_v4()),
            &agent,
            huge,
        )
        .await;
    assert_eq!(too_large.status, 413);
    assert!(String::from_utf8_lossy(&too_large.body).contains("PHOTO_TOO_LARGE"));
    let anonymous = app
        .send(
            axum::http::Request::put(format!("/api/pickups/{id}/photos/{}", Uuid::new_v4()))
                .body(axum::body::Body::from(png(10, 10)))
                .expect("request"),
        )
        .await;
    assert_eq!(anonymous.status, 401);
    for _ in 0..7 {
        let added = app
            .send_with_token(
                "PUT",
                &format!("/api/pickups/{id}/photos/{}", Uuid::new_v4()),
                &agent,
                png(10, 10),
            )
            .await;
        assert_eq!(added.status, 200);
    }
    let ninth = app
        .send_with_token(
            "PUT",
            &format!("/api/pickups/{id}/photos/{}", Uuid::new_v4()),
            &agent,
            png(10, 10),
        )
        .await;
    assert!(String::from_utf8_lossy(&ninth.body).contains("TOO_MANY_PHOTOS"));
}

#[tokio::test]
async fn photos_are_decoded_and_stored_as_a_clean_copy() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let mine = record(&app, &agent, pickup_input(Uuid::new_v4())).await;
    let id = mine.data()["recordPickup"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let put = |bytes: Vec<u8>| {
        let path = format!("/api/pickups/{id}/photos/{}", Uuid::new_v4());
        let app = &app;
        let agent = agent.clone();
        async move { app.send_with_token("PUT", &path, &agent, bytes).await }
    };

    // A JPEG's first bytes, then a web page: passes a signature check, not a decoder.
    let mut html = b"\xFF\xD8\xFF\xE0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0".to_vec();
    while html.len() < 130 * 1024 {
        html.extend(b"<html><body><script>alert(document.cookie)</script></body></html>\n");
    }
    let refused = put(html).await;
    assert_eq!(
        refused.status,
        415,
        "{}",
        String::from_utf8_lossy(&refused.body)
    );
    assert!(String::from_utf8_lossy(&refused.body).contains("PHOTO_NOT_IMAGE"));

    // 45 bytes claiming 11 999 × 11 999 pixels (144 MP): refused from the header.
    let mut bomb = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bomb.extend(11_999u32.to_be_bytes());
    bomb.extend(11_999u32.to_be_bytes());
    bomb.extend([8, 2, 0, 0, 0]);
    bomb.extend([0xb2, 0xf3, 0x77, 0x6b]); // the header's CRC: a well-formed lie
    bomb.extend(b"\0\0\0\0IEND\xaeB`\x82");
    assert_eq!(bomb.len(), 45);
    let refused = put(bomb).await;
    assert_eq!(
        refused.status,
        413,
        "{}",
        String::from_utf8_lossy(&refused.body)
    );
    assert!(String::from_utf8_lossy(&refused.body).contains("PHOTO_TOO_MANY_PIXELS"));

    // A real JPEG that is also a web page (in a comment and after its end):
    // accepted as the image it is, stored without the page.
    let plain = jpeg(64, 48);
    let page = b"<html><script>alert(1)</script></html>";
    let mut polyglot = plain[..2].to_vec();
    polyglot.extend([0xFF, 0xFE]);
    polyglot.extend(((page.len() + 2) as u16).to_be_bytes());
    polyglot.extend(page);
    polyglot.extend(&plain[2..]);
    polyglot.extend(page);
    let stored = put(polyglot).await;
    assert_eq!(
        stored.status,
        200,
        "{}",
        String::from_utf8_lossy(&stored.body)
    );
    let url: serde_json::Value = serde_json::from_slice(&stored.body).expect("json");
    let copy = app
        .send_with_token("GET", url["url"].as_str().expect("url"), &agent, vec![])
        .await;
    assert_eq!(copy.headers["content-type"], "image/jpeg");
    assert!(
        !contains(&copy.body, b"<script"),
        "the page went with the photo"
    );
    assert_eq!(
        image::load_from_memory(&copy.body)
            .map(|i| (i.width(), i.height()))
            .ok(),
        Some((64, 48))
    );

    // A phone photo with its position in EXIF: the stored copy has none.
    let located = jpeg_with_gps(64, 48);
    assert!(contains(&located, b"Exif\0\0"));
    let stored = put(located).await;
    assert_eq!(
        stored.status,
        200,
        "{}",
        String::from_utf8_lossy(&stored.body)
    );
    let url: serde_json::Value = serde_json::from_slice(&stored.body).expect("json");
    let copy = app
        .send_with_token("GET", url["url"].as_str().expect("url"), &agent, vec![])
        .await;
    assert_eq!(copy.status, 200);
    assert!(
        !contains(&copy.body, b"Exif"),
        "EXIF kept in the stored photo"
    );
    assert!(
        !contains(&copy.body, &[0xFF, 0xE1]),
        "an APP1 segment is left"
    );
    assert!(image::load_from_memory(&copy.body).is_ok());
}

#[tokio::test]
async fn the_receipt_is_a_pdf_listing_what_was_taken() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let mine = record(&app, &agent, pickup_input(Uuid::new_v4())).await;
    let id = mine.data()["recordPickup"]["id"]
        .as_str()
        .expect("id")
        .to_string();
    let pdf = app
        .send_with_token(
            "GET",
            &format!("/api/pickups/{id}/receipt.pdf?tz=60"),
            &agent,
            vec![],
        )
        .await;
    assert_eq!(pdf.status, 200);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert!(pdf.body.starts_with(b"%PDF-"));
    assert!(pdf.body.ends_with(b"%%EOF\n"));
    let text = String::from_utf8_lossy(&pdf.body);
    for expected in [
        "Alpes Conseil",
        "Ordinateurs portables",
        "PF-1234",
        "12,5 kg",
        "20/11/2026 ",
        "11:30",
        "Claire Dupont",
    ] {
        assert!(text.contains(expected), "receipt lacks {expected}");
    }
    // The signature is drawn: a path through its points.
    assert!(text.contains(" l S"));
}

#[tokio::test]
async fn a_planned_pickup_is_collected_or_cancelled_once() {
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let donors = app
        .graphql(
            "query { donors(search: \"appel\") { items { id } } }",
            json!({}),
            Some(&agent),
        )
        .await;
    let donor_id = donors.data()["donors"]["items"][0]["id"].clone();
    const SCHEDULE: &str = "mutation($input: SchedulePickupInput!) { schedulePickup(input: $input) { id status scheduledFor address } }";
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).to_rfc3339();
    let planned = app
        .graphql(
            SCHEDULE,
            json!({ "input": { "donorId": donor_id, "scheduledFor": tomorrow } }),
            Some(&agent),
        )
        .await;
    let planned = planned.data()["schedulePickup"].clone();
    assert_eq!(planned["status"], "SCHEDULED");
    assert!(
        planned["address"].as_str().is_some(),
        "the donor's address by default"
    );
    let yesterday = (chrono::Utc::now() - chrono::Duration::days(2)).to_rfc3339();
    let late = app
        .graphql(
            SCHEDULE,
            json!({ "input": { "donorId": donor_id, "scheduledFor": yesterday } }),
            Some(&agent),
        )
        .await;
    assert_eq!(late.code(), Some("SCHEDULED_IN_PAST"));

    let mut input = pickup_input(Uuid::new_v4());
    input.as_object_mut().expect("object").remove("newDonor");
    input["donorId"] = donor_id.clone();
    input["scheduledPickupId"] = planned["id"].clone();
    input["collectedAt"] = json!(now());
    let collected = record(&app, &agent, input.clone()).await;
    assert_eq!(collected.data()["recordPickup"]["id"], planned["id"]);
    assert_eq!(collected.data()["recordPickup"]["status"], "COLLECTED");
    let mut twice = input;
    twice["clientUuid"] = json!(Uuid::new_v4());
    let refused = record(&app, &agent, twice).await;
    assert_eq!(refused.code(), Some("PICKUP_NOT_SCHEDULED"));
    let cancel = app
        .graphql(
            "mutation($id: ID!) { cancelPickup(id: $id, reason: \"Donateur absent\") { status } }",
            json!({ "id": planned["id"] }),
            Some(&agent),
        )
        .await;
    assert_eq!(cancel.code(), Some("PICKUP_NOT_SCHEDULED"));
    assert_eq!(pickup_rows(&app).await, 1);
}

#[tokio::test]
async fn a_category_listed_twice_is_refused_not_an_internal_error() {
    const CORRECT: &str = "mutation($id: ID!, $input: CorrectPickupInput!) { correctPickup(id: $id, input: $input) { itemCount } }";
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let mut twice = pickup_input(Uuid::new_v4());
    twice["counts"] =
        json!([{ "category": "LAPTOP", "count": 2 }, { "category": "LAPTOP", "count": 1 }]);
    let refused = record(&app, &agent, twice).await;
    assert_eq!(refused.code(), Some("CATEGORY_LISTED_TWICE"));
    assert_eq!(pickup_rows(&app).await, 0);

    let mine = record(&app, &agent, pickup_input(Uuid::new_v4())).await;
    let id = mine.data()["recordPickup"]["id"].clone();
    let doubled = json!({ "counts": [{ "category": "SCREEN", "count": 1 }, { "category": "SCREEN", "count": 2 }], "weightKg": 9.2 });
    let refused = app
        .graphql(CORRECT, json!({ "id": id, "input": doubled }), Some(&agent))
        .await;
    assert_eq!(refused.code(), Some("CATEGORY_LISTED_TWICE"));
    let unchanged = app.graphql(PICKUP, json!({ "id": id }), Some(&agent)).await;
    assert_eq!(unchanged.data()["pickup"]["itemCount"], 4);
}

#[tokio::test]
async fn an_agent_corrects_a_miscount_of_their_own_pickup() {
    const CORRECT: &str = "mutation($id: ID!, $input: CorrectPickupInput!) { correctPickup(id: $id, input: $input) { itemCount weightKg counts { category count } notes } }";
    let app = spawn_app().await;
    let (agent, _) = app.login_as(AGENT).await;
    let mine = record(&app, &agent, pickup_input(Uuid::new_v4())).await;
    let id = mine.data()["recordPickup"]["id"].clone();
    let fixed = json!({ "counts": [{ "category": "LAPTOP", "count": 4 }], "weightKg": 9.2, "notes": "Un portable de plus" });
    let corrected = app
        .graphql(CORRECT, json!({ "id": id, "input": fixed }), Some(&agent))
        .await;
    assert_eq!(
        corrected.data()["correctPickup"],
        json!({ "itemCount": 4, "weightKg": 9.2, "counts": [{ "category": "LAPTOP", "count": 4 }], "notes": "Un portable de plus" })
    );
    let absurd = json!({ "counts": [{ "category": "LAPTOP", "count": 4 }], "weightKg": 10000 });
    let refused = app
        .graphql(CORRECT, json!({ "id": id, "input": absurd }), Some(&agent))
        .await;
    assert_eq!(refused.code(), Some("WEIGHT_TOO_LARGE"));
    let unchanged = app.graphql(PICKUP, json!({ "id": id }), Some(&agent)).await;
    assert_eq!(unchanged.data()["pickup"]["itemCount"], 4);

    let other = app.agent_of_another_collector().await;
    let foreign = app
        .graphql(CORRECT, json!({ "id": id, "input": fixed }), Some(&other))
        .await;
    assert_eq!(foreign.code(), Some("NOT_FOUND"));
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let coordinator_try = app
        .graphql(
            CORRECT,
            json!({ "id": id, "input": fixed }),
            Some(&coordinator),
        )
        .await;
    assert_eq!(coordinator_try.code(), Some("FORBIDDEN"));
}
