//! The yearly report against figures computed by hand, on a dataset built
//! here (some events moved back to last December in the database).

use serde_json::{Value, json};
use uuid::Uuid;

use crate::{
    helpers::{AGENT, TestApp, programme_today, spawn_app},
    installations::{ACCEPT, completed, ready_device, world},
};

async fn connect(app: &TestApp) -> sea_orm::DatabaseConnection {
    sea_orm::Database::connect(&app.db.url)
        .await
        .expect("connect")
}

fn at(text: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(text)
        .expect("date")
        .to_utc()
}

fn uuid_of(value: &Value) -> Uuid {
    Uuid::parse_str(value.as_str().expect("id")).expect("uuid")
}

const REPORT: &str = "query($from: NaiveDate!, $to: NaiveDate!) { report(from: $from, to: $to) {
    pickups collected { category count } collectedKg devicesRefurbished devicesReadyAgain devicesRecycled recycledKg devicesBought
    devicesGiven devicesInstalled handedOverWithoutInstallation installedWithInternet installedWithoutInternet installedWithInternetPercent
    placesOpened enrolled trained droppedOut referrals referralsByPrescriber { kind count percent }
    meanAge gender { gender count percent } priorityNeighbourhoodCount readySharePercent agreedSharePercent
    medianDaysPickupToReady medianDaysCompletionToInstallation } }";

async fn report(app: &TestApp, token: &str, year: i32) -> Value {
    let reply = app
        .graphql(
            REPORT,
            json!({ "from": format!("{year}-01-01"), "to": format!("{year}-12-31") }),
            Some(token),
        )
        .await;
    reply.data()["report"].clone()
}

/// Tries every subtraction on every people breakdown of a report: the
/// published total minus any set of shown groups must never leave a single
/// hidden group (whose count it would then be).
fn no_count_follows_by_subtraction(report: &Value) {
    let breakdowns = [
        ("gender", "trained"),
        ("referralsByPrescriber", "referrals"),
    ];
    for (field, total) in breakdowns {
        let total = report[total].as_i64().expect("total");
        let cells: Vec<Option<i64>> = report[field]
            .as_array()
            .expect("groups")
            .iter()
            .map(|g| g["count"].as_i64())
            .collect();
        // Subtract the shown groups in `subset`: what is left is the sum of
        // the other groups, a hidden count only when that is one hidden group.
        for subset in 0..1u32 << cells.len() {
            let taken: Vec<usize> = (0..cells.len())
                .filter(|i| subset & (1 << i) != 0)
                .collect();
            if taken.iter().any(|i| cells[*i].is_none()) {
                continue;
            }
            let left = total - taken.iter().filter_map(|i| cells[*i]).sum::<i64>();
            let rest: Vec<usize> = (0..cells.len()).filter(|i| !taken.contains(i)).collect();
            assert!(
                !(rest.len() == 1 && cells[rest[0]].is_none()),
                "{field}: {left} is the hidden group {} ({cells:?})",
                rest[0]
            );
        }
    }
    // The priority group's complement is the trained total minus it.
    let trained = report["trained"].as_i64().expect("trained");
    if let Some(priority) = report["priorityNeighbourhoodCount"].as_i64() {
        let others = trained - priority;
        assert!(
            others == 0 || others >= 5,
            "{others} outside priority areas"
        );
    }
}

#[tokio::test]
async fn every_figure_counts_its_own_event_in_its_own_year() {
    use chrono::Datelike;
    let app = spawn_app().await;
    let this_year = chrono::Utc::now().year();
    let last_year = this_year - 1;
    let w = world(&app).await;
    let (agent, _) = app.login_as(AGENT).await;

    // Pickups: two this year (3 laptops + 1 screen, 12 kg each), one last December.
    let mut pickup_ids = Vec::new();
    for _ in 0..3 {
        let reply = app
            .graphql(
                "mutation($input: RecordPickupInput!) { recordPickup(input: $input) { id } }",
                json!({ "input": {
                    "clientUuid": Uuid::new_v4(), "newDonor": { "kind": "COMPANY", "name": "Alpes Conseil", "postcode": "73000" },
                    "collectedAt": chrono::Utc::now().to_rfc3339(),
                    "counts": [{ "category": "LAPTOP", "count": 3 }, { "category": "SCREEN", "count": 1 }], "weightKg": 12,
                } }),
                Some(&agent),
            )
            .await;
        pickup_ids.push(
            reply.data()["recordPickup"]["id"]
                .as_str()
                .expect("id")
                .to_string(),
        );
    }
    {
        use passerelle::db::entities::pickup;
        use sea_orm::{ActiveModelTrait, EntityTrait, Set};
        let conn = connect(&app).await;
        let row = pickup::Entity::find_by_id(uuid_of(&json!(pickup_ids[2])))
            .one(&conn)
            .await
            .expect("read")
            .expect("pickup");
        let mut active: pickup::ActiveModel = row.into();
        active.collected_at = Set(Some(at(&format!("{last_year}-12-20T10:00:00Z"))));
        active.update(&conn).await.expect("backdate");
    }

    // Learners: "Décembre" trained last December and installed in January;
    // three more trained this year (a group of 3 genders: suppressed), one drop-out.
    let december = completed(&app, &w, "Décembre", "1 rue A", "HAS", "ANY").await;
    let mut this_years = Vec::new();
    for (i, name) in ["Un", "Deux", "Trois"].iter().enumerate() {
        this_years.push(completed(&app, &w, name, &format!("{} rue B", i + 2), "HAS", "ANY").await);
    }
    let quitter = app
        .graphql(
            "mutation($input: ReferralInput!) { createReferral(input: $input) { id } }",
            json!({ "input": { "prescriberKind": "JOB_CENTRE", "firstName": "Part", "lastName": "Test", "phone": "06 00 00 00 00", "internet": "HAS", "consent": true } }),
            Some(&w.prescriber),
        )
        .await;
    let quitter = quitter.data()["createReferral"]["id"].clone();
    app.graphql(
        "mutation($s: ID!, $r: [ID!]!) { inviteToSession(sessionId: $s, referralIds: $r) { id } }",
        json!({ "s": w.session, "r": [quitter] }),
        Some(&w.coordinator),
    )
    .await
    .data();
    app.graphql("mutation($r: ID!) { decideEligibility(referralId: $r, input: { residence: true, french: true, availability: true, motivation: true, eligible: true }) { id } }", json!({ "r": quitter }), Some(&w.trainer)).await.data();
    app.graphql(
        "mutation($r: ID!, $c: ID!) { enrol(referralId: $r, cohortId: $c) { id } }",
        json!({ "r": quitter, "c": w.cohort }),
        Some(&w.trainer),
    )
    .await
    .data();
    app.graphql(
        "mutation($r: ID!) { dropOut(referralId: $r, reason: \"Déménagement\") { id } }",
        json!({ "r": quitter }),
        Some(&w.trainer),
    )
    .await
    .data();

    // Devices: three bought and made ready this year; one installed for
    // "Décembre" (in January), one returned and made ready again, one recycled.
    let installed_device = ready_device(&app, &w, "LAPTOP", "A", "R-1").await;
    let returned_device = ready_device(&app, &w, "LAPTOP", "B", "R-2").await;
    let recycled_device = ready_device(&app, &w, "DESKTOP", "C", "R-3").await;
    let accepted = app
        .graphql(ACCEPT, json!({ "pairs": [{ "referralId": december, "deviceId": installed_device }, { "referralId": this_years[0], "deviceId": returned_device }] }), Some(&w.coordinator))
        .await;
    let installs = accepted.data()["acceptMatches"]
        .as_array()
        .expect("installations")
        .clone();
    // A window around now: a visit is closed on its day, never ahead of it.
    let from = chrono::Utc::now() - chrono::Duration::hours(1);
    for (install, serial) in installs.iter().zip(["R-1", "R-2"]) {
        app.graphql(
            "mutation($id: ID!, $from: DateTime!, $to: DateTime!) { bookVisit(id: $id, from: $from, to: $to) { id } }",
            json!({ "id": install["id"], "from": from.to_rfc3339(), "to": (from + chrono::Duration::hours(2)).to_rfc3339() }),
            Some(&w.installer),
        )
        .await
        .data();
        app.graphql(
            "mutation($id: ID!, $s: String!) { closeVisit(id: $id, input: { deviceSetUp: true, accountsCreated: true, connection: BOX, connectionTested: true, installedSerial: $s, signature: [[10, 10, 60, 40]], signedBy: \"Foyer\" }) { id } }",
            json!({ "id": install["id"], "s": serial }),
            Some(&w.installer),
        )
        .await
        .data();
    }
    // A third household gets its computer with no connection yet: given,
    // not installed.
    let unconnected_device = ready_device(&app, &w, "LAPTOP", "A", "R-4").await;
    let unconnected = app
        .graphql(
            ACCEPT,
            json!({ "pairs": [{ "referralId": this_years[1], "deviceId": unconnected_device }] }),
            Some(&w.coordinator),
        )
        .await;
    let unconnected = unconnected.data()["acceptMatches"][0]["id"].clone();
    app.graphql(
        "mutation($id: ID!, $from: DateTime!, $to: DateTime!) { bookVisit(id: $id, from: $from, to: $to) { id } }",
        json!({ "id": unconnected, "from": from.to_rfc3339(), "to": (from + chrono::Duration::hours(2)).to_rfc3339() }),
        Some(&w.installer),
    )
    .await
    .data();
    app.graphql(
        "mutation($id: ID!) { closeVisit(id: $id, input: { deviceSetUp: false, accountsCreated: false, connection: NONE, connectionTested: false, installedSerial: \"R-4\", signature: [[10, 10, 60, 40]], signedBy: \"Foyer\" }) { id } }",
        json!({ "id": unconnected }),
        Some(&w.installer),
    )
    .await
    .data();
    // The second household gives its computer back; it is wiped again and
    // made ready.
    for (to, reason) in [("RETURNED", "Rendu"), ("READY", "Contrôlé")] {
        if to == "READY" {
            let media = app
                .graphql(
                    "query($id: ID!) { device(id: $id) { media { id } } }",
                    json!({ "id": returned_device }),
                    Some(&w.coordinator),
                )
                .await;
            app.graphql(
                "mutation($d: ID!, $m: ID!, $on: NaiveDate!) { recordErasure(deviceId: $d, input: { mediumId: $m, method: OVERWRITE, tool: \"nwipe\", erasedOn: $on, operator: \"Atelier\", passed: true }) { id } }",
                json!({ "d": returned_device, "m": media.data()["device"]["media"][0]["id"], "on": programme_today() }),
                Some(&w.coordinator),
            )
            .await
            .data();
        }
        app.graphql(
            "mutation($id: ID!, $to: DeviceStatus!, $r: String) { moveDevice(id: $id, input: { to: $to, reason: $r }) { id } }",
            json!({ "id": returned_device, "to": to, "r": reason }),
            Some(&w.coordinator),
        )
        .await
        .data();
    }
    app.graphql(
        "mutation($id: ID!) { moveDevice(id: $id, input: { to: RECYCLED, recycledWeightKg: 7.5 }) { id } }",
        json!({ "id": recycled_device }),
        Some(&w.coordinator),
    )
    .await
    .data();

    // Move "Décembre"'s training to last December, the installation to this January.
    {
        use passerelle::db::entities::{installation, referral};
        use sea_orm::{ActiveModelTrait, EntityTrait, Set};
        let conn = connect(&app).await;
        let row = referral::Entity::find_by_id(uuid_of(&december))
            .one(&conn)
            .await
            .expect("read")
            .expect("referral");
        let mut active: referral::ActiveModel = row.into();
        active.completed_at = Set(Some(at(&format!("{last_year}-12-10T15:00:00Z"))));
        active.enrolled_at = Set(Some(at(&format!("{last_year}-09-01T09:00:00Z"))));
        active.referred_at = Set(at(&format!("{last_year}-08-20T09:00:00Z")));
        active.update(&conn).await.expect("backdate");
        let row = installation::Entity::find_by_id(uuid_of(&installs[0]["id"]))
            .one(&conn)
            .await
            .expect("read")
            .expect("installation");
        let mut active: installation::ActiveModel = row.into();
        active.closed_at = Set(Some(at(&format!("{this_year}-01-15T11:00:00Z"))));
        active.update(&conn).await.expect("backdate");
    }

    let now = report(&app, &w.coordinator, this_year).await;
    let before = report(&app, &w.coordinator, last_year).await;

    assert_eq!(now["pickups"], 2);
    assert_eq!(
        now["collected"],
        json!([{ "category": "LAPTOP", "count": 6 }, { "category": "SCREEN", "count": 2 }])
    );
    assert_eq!(now["collectedKg"], 24.0);
    assert_eq!(before["pickups"], 1);
    assert_eq!(before["collectedKg"], 12.0);

    assert_eq!(now["devicesBought"], 4);
    assert_eq!(
        now["devicesRefurbished"], 0,
        "bought computers are not refurbished donations"
    );
    assert_eq!(
        now["devicesReadyAgain"], 1,
        "the computer back from a home, made ready again"
    );
    assert_eq!(now["devicesRecycled"], 1);
    assert_eq!(now["recycledKg"], 7.5);
    assert_eq!(
        now["devicesInstalled"], 2,
        "December's learner installed in January counts this year"
    );
    assert_eq!(now["devicesGiven"], 3, "the unconnected home was given one");
    assert_eq!(now["handedOverWithoutInstallation"], 1);
    assert_eq!(before["devicesGiven"], 0);
    assert_eq!(now["installedWithInternet"], 2);
    assert_eq!(now["installedWithoutInternet"], 0);
    assert_eq!(now["installedWithInternetPercent"], 100.0);
    assert_eq!(before["devicesInstalled"], 0);

    assert_eq!(now["trained"], 3);
    assert_eq!(before["trained"], 1, "trained in December counts last year");
    assert_eq!(now["droppedOut"], 1);
    assert_eq!(
        now["enrolled"], 4,
        "three trained and the drop-out enrolled this year"
    );
    assert_eq!(before["enrolled"], 1);
    assert_eq!(now["referrals"], 4);
    // The cohort's first module was 80 days ago: this year, or (early in the year) last.
    let cohort_year = (chrono::Utc::now() - chrono::Duration::days(80)).year();
    let (opened_now, opened_before) = if cohort_year == this_year {
        (30, 0)
    } else {
        (0, 30)
    };
    assert_eq!(now["placesOpened"], opened_now);
    assert_eq!(before["placesOpened"], opened_before);
    // A group of 3 is not shown, nor its share; alone it would be the
    // total minus the others, so the smallest other group is hidden too.
    assert_eq!(
        now["gender"],
        json!([
            { "gender": "WOMAN", "count": null, "percent": null },
            { "gender": "MAN", "count": 0, "percent": 0.0 },
            { "gender": "UNSPECIFIED", "count": null, "percent": null },
        ])
    );
    for year in [&now, &before] {
        no_count_follows_by_subtraction(year);
    }
    assert_eq!(
        now["meanAge"],
        Value::Null,
        "no age from fewer than five people"
    );
    assert_eq!(
        now["medianDaysCompletionToInstallation"]
            .as_f64()
            .map(|d| d >= 0.0),
        Some(true)
    );
    assert!(before["medianDaysCompletionToInstallation"].is_null());
    assert_eq!(now["agreedSharePercent"], 10.0);

    // The same figures in the CSV; no name or phone anywhere in the exports.
    let period = format!("from={this_year}-01-01&to={this_year}-12-31");
    let summary = app
        .send_with_token(
            "GET",
            &format!("/api/reports/summary.csv?{period}"),
            &w.coordinator,
            vec![],
        )
        .await;
    assert_eq!(summary.status, 200);
    let text = String::from_utf8(summary.body).expect("UTF-8");
    assert!(text.starts_with('\u{feff}'));
    assert!(text.contains("Ordinateurs remis aux foyers / Computers given to households;3"));
    assert!(text.contains("… installés / … installed;2"));
    assert!(text.contains("… remis sans installation / … handed over without installation;1"));
    assert!(text.contains("Collectes / Pickups;2"));
    let gender = app
        .send_with_token(
            "GET",
            &format!("/api/reports/gender.csv?{period}"),
            &w.coordinator,
            vec![],
        )
        .await;
    assert!(String::from_utf8_lossy(&gender.body).contains("Autre / non précisé;moins de 5;"));
    let learners = app
        .send_with_token(
            "GET",
            &format!("/api/reports/learners.csv?{period}"),
            &w.coordinator,
            vec![],
        )
        .await;
    assert_eq!(
        learners
            .headers
            .get("cache-control")
            .and_then(|v| v.to_str().ok()),
        Some("no-store")
    );
    let learners = String::from_utf8(learners.body).expect("UTF-8");
    let lines: Vec<&str> = learners.lines().collect();
    let note = lines[0].trim_start_matches(['\u{feff}', '"']);
    assert!(note.starts_with("k-anonymat, k = 5"), "{note}");
    let withheld: usize = note
        .split(" ; ")
        .nth(1)
        .and_then(|w| w.split(' ').next())
        .and_then(|n| n.parse().ok())
        .expect("the note says how many rows were withheld");
    assert_eq!(
        lines.len() - 2 + withheld,
        5,
        "the five learners of the year, shown or withheld"
    );
    // k-anonymity on what was exported: every combination but the pseudonym.
    let mut groups: std::collections::HashMap<Vec<&str>, usize> = Default::default();
    for row in &lines[2..] {
        *groups.entry(row.split(';').skip(1).collect()).or_default() += 1;
    }
    assert!(groups.values().all(|n| *n >= 5), "{groups:?}");
    for personal in ["Décembre", "Test", "06 ", "rue", "Part"] {
        assert!(
            !learners.contains(personal),
            "{personal} leaked into the export"
        );
    }
    assert!(lines[2..].iter().all(|l| l.starts_with("L-")));
    let pdf = app
        .send_with_token(
            "GET",
            &format!("/api/reports/report.pdf?{period}"),
            &w.coordinator,
            vec![],
        )
        .await;
    assert!(pdf.body.starts_with(b"%PDF-"));
    // Small groups in words; a label's arrow written the way the PDF fonts can.
    let text = String::from_utf8_lossy(&pdf.body);
    assert!(text.contains("moins de 5"));
    assert!(!text.contains("<5"));
    assert!(text.contains("->"));
    let forbidden = app
        .graphql(
            REPORT,
            json!({ "from": "2026-01-01", "to": "2026-12-31" }),
            Some(&w.trainer),
        )
        .await;
    assert_eq!(forbidden.code(), Some("FORBIDDEN"));
}

#[tokio::test]
async fn far_dates_give_the_same_report_or_a_code() {
    let app = crate::helpers::spawn_app().await;
    let (token, _) = app.login_as(crate::helpers::COORDINATOR).await;
    let (prescriber, _) = app.login_as(crate::helpers::PRESCRIBER).await;
    // Something to count, so that a far date counting nothing would show.
    app.graphql(
        "mutation { createReferral(input: { prescriberKind: OTHER, firstName: \"Lina\", lastName: \"Test\", phone: \"06 33 33 33 33\", internet: HAS, consent: true }) { id } }",
        serde_json::json!({}),
        Some(&prescriber),
    )
    .await
    .data();
    let query = "query($from: NaiveDate!, $to: NaiveDate!) { report(from: $from, to: $to) { pickups enrolled referrals } }";
    let near = app
        .graphql(
            query,
            serde_json::json!({ "from": "2000-01-01", "to": "2100-12-31" }),
            Some(&token),
        )
        .await;
    let far = app
        .graphql(
            query,
            serde_json::json!({ "from": "2000-01-01", "to": "9999-12-31" }),
            Some(&token),
        )
        .await;
    assert!(
        near.data()["report"]["referrals"].as_i64().unwrap_or(0) > 0,
        "{}",
        near.body
    );
    assert_eq!(near.data()["report"], far.data()["report"]);
    let beyond = app
        .graphql(
            query,
            serde_json::json!({ "from": "2000-01-01", "to": "+10000-01-01" }),
            Some(&token),
        )
        .await;
    assert!(
        matches!(beyond.code(), Some("DATE_OUT_OF_RANGE" | "BAD_REQUEST")),
        "{}",
        beyond.body
    );
}
