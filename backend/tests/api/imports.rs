//! A programme moving in: a three-year history imported from a workbook,
//! its yearly reports checked against figures counted by hand, exported and
//! imported again into a fresh Passerelle with the same reports; and every
//! kind of bad file answered clearly with nothing saved.

use rust_xlsxwriter::Workbook;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use shared_types::import::{Finding, ImportAnswer, Problem, Sheet};

use crate::helpers::{AGENT, COORDINATOR, TestApp, spawn_app};

/// One row: its cells by column key.
type Line = Vec<(&'static str, String)>;

/// A workbook of `tabs`, French headers, only the columns the rows use.
fn workbook(tabs: &[(Sheet, Vec<Line>)]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (sheet, lines) in tabs {
        let page = book.add_worksheet();
        page.set_name(sheet.name(true)).expect("name");
        let keys: Vec<&'static str> = sheet
            .columns()
            .iter()
            .map(|c| c.key)
            .filter(|k| lines.iter().any(|l| l.iter().any(|(key, _)| key == k)))
            .collect();
        for (col, key) in keys.iter().enumerate() {
            let header = sheet.column(key).expect("column").fr;
            page.write_string(0, col as u16, header).expect("header");
        }
        for (row, line) in lines.iter().enumerate() {
            for (key, value) in line {
                let col = keys.iter().position(|k| k == key).expect("key");
                page.write_string(row as u32 + 1, col as u16, value.as_str())
                    .expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("workbook")
}

fn day(y: i32, m: u32, d: u32) -> String {
    format!("{d:02}/{m:02}/{y}")
}

fn line(cells: &[(&'static str, String)]) -> Line {
    cells.to_vec()
}

/// Three years of a small programme, 2019 to 2021 (and the January 2022
/// installations of 2021's last cohort), shaped the same each year so that
/// each figure is counted once by hand (see `expected`).
fn history() -> Vec<(Sheet, Vec<Line>)> {
    let mut donors = Vec::new();
    let kinds = [
        "Entreprise",
        "Organisme public",
        "Association",
        "Particulier",
    ];
    for d in 1..=6 {
        donors.push(line(&[
            ("reference", format!("D{d}")),
            ("name", format!("Donateur {d}")),
            ("kind", kinds[d % 4].to_string()),
            ("city", "Lille".into()),
        ]));
    }
    let (mut pickups, mut devices, mut moves, mut erasures) = (vec![], vec![], vec![], vec![]);
    let mut batches = vec![];
    // Two broken screens of March 2020's batch went to recycling as they were.
    let bulk = vec![line(&[
        ("batch", "B-2020-3".into()),
        ("category", "Écran".into()),
        ("count", "2".into()),
        ("weight_kg", "18,5".into()),
        ("recycled_on", day(2020, 3, 20)),
    ])];
    let (mut cohorts, mut modules, mut learners, mut installations) =
        (vec![], vec![], vec![], vec![]);
    let mut attendance = vec![];
    let mv = |device: &str, status: &str, on: String| {
        line(&[
            ("device", device.to_string()),
            ("status", status.to_string()),
            ("on", on),
        ])
    };
    let erase = |device: &str, on: String| {
        line(&[
            ("device", device.to_string()),
            ("erased_on", on),
            ("method", "Réécriture".into()),
            ("tool", "Blancco".into()),
            ("operator", "Atelier".into()),
            ("passed", "oui".into()),
            ("medium", "SSD".into()),
        ])
    };
    for y in 2019..=2021 {
        for i in 1..=10u32 {
            // Each pickup handed to the workshop the day it was collected,
            // received the next day; the last of the year waits in a batch
            // not yet received.
            batches.push(line(&[
                ("reference", format!("B-{y}-{i}")),
                ("refurbisher", "Atelier Réemploi".into()),
                ("handed_over_on", day(y, i, 15)),
                (
                    "received_on",
                    if i < 10 { day(y, i, 16) } else { String::new() },
                ),
            ]));
            pickups.push(line(&[
                ("reference", format!("P-{y}-{i}")),
                ("donor", format!("D{}", i % 6 + 1)),
                ("collected_on", day(y, i, 15)),
                ("batch", format!("B-{y}-{i}")),
                ("weight_kg", format!("{},5", 100 + i)),
                ("laptops", i.to_string()),
                ("desktops", "2".into()),
            ]));
        }
        // Twenty donated laptops, two by pickup: eighteen made ready five
        // days after their pickup, two recycled.
        for j in 1..=20u32 {
            let m = j.div_ceil(2);
            let reference = format!("O-{y}-{j}");
            devices.push(line(&[
                ("reference", reference.clone()),
                ("kind", "Ordinateur portable".into()),
                ("received_on", day(y, m, 16)),
                ("source", "Don".into()),
                ("pickup", format!("P-{y}-{m}")),
                ("serial", format!("SN{y}{j:03}")),
                ("brand", "Dell".into()),
                ("grade", "B".into()),
                (
                    "recycled_kg",
                    if j > 18 { "2,5".into() } else { String::new() },
                ),
            ]));
            moves.push(mv(&reference, "En reconditionnement", day(y, m, 17)));
            if j <= 18 {
                erasures.push(erase(&reference, day(y, m, 18)));
                moves.push(mv(&reference, "Prêt", day(y, m, 20)));
            } else {
                moves.push(mv(&reference, "Recyclé", day(y, m, 20)));
            }
        }
        // Two bought already refurbished: ready the day they arrive.
        for k in 1..=2 {
            let reference = format!("A-{y}-{k}");
            devices.push(line(&[
                ("reference", reference.clone()),
                ("kind", "Ordinateur portable".into()),
                ("received_on", day(y, 6, 1)),
                ("source", "Achat".into()),
                ("supplier", "Ateliers du Bocage".into()),
                ("price", "289,90".into()),
                ("purchased_on", day(y, 5, 28)),
                ("grade", "A".into()),
            ]));
            erasures.push(erase(&reference, day(y, 6, 1)));
            moves.push(mv(&reference, "Prêt", day(y, 6, 1)));
        }
        for (c, (starts, ends, places)) in [((3, 1), (4, 30), 12), ((11, 1), (12, 15), 8)]
            .into_iter()
            .enumerate()
        {
            let reference = format!("C-{y}-{}", c + 1);
            cohorts.push(line(&[
                ("reference", reference.clone()),
                ("name", format!("Groupe {} {y}", c + 1)),
                ("provider", "Les Petits Débrouillards".into()),
                ("places", places.to_string()),
                ("starts_on", day(y, starts.0, starts.1)),
                ("ends_on", day(y, ends.0, ends.1)),
            ]));
            for n in 1..=3 {
                modules.push(line(&[
                    ("cohort", reference.clone()),
                    ("number", n.to_string()),
                    ("title", format!("Module {n}")),
                    ("day", day(y, starts.0, starts.1 + 7 * (n - 1))),
                    ("from", "9h30".into()),
                    ("to", "11:30".into()),
                ]));
            }
        }
        // Twelve learners: 1–8 in the spring cohort (8 drops out), 9–12 in
        // the autumn one, trained in December and installed in January.
        for i in 1..=12u32 {
            let spring = i <= 8;
            let mut cells = vec![
                ("reference", format!("L-{y}-{i}")),
                ("referred_on", day(y, 1, i)),
                (
                    "prescriber",
                    if i % 2 == 1 {
                        "France Travail Lille"
                    } else {
                        "Centre social Wazemmes"
                    }
                    .into(),
                ),
                (
                    "prescriber_kind",
                    if i % 2 == 1 {
                        "France Travail"
                    } else {
                        "Centre social"
                    }
                    .into(),
                ),
                ("first_name", format!("Prénom{i}")),
                ("last_name", format!("Nom{y}")),
                ("gender", if i % 2 == 1 { "Femme" } else { "Homme" }.into()),
                ("phone", format!("06 12 34 {:02} {i:02}", y - 2000)),
                ("address", format!("{i} rue de la Paix {y}, Lille")),
                ("priority", if i <= 4 { "oui" } else { "non" }.into()),
                ("decision", "Éligible".into()),
                ("cohort", format!("C-{y}-{}", if spring { 1 } else { 2 })),
            ];
            match i {
                8 => {
                    cells.push(("dropped_out_on", day(y, 3, 20)));
                    cells.push(("drop_out_reason", "A trouvé un emploi".into()));
                }
                _ if spring => cells.push(("completed_on", day(y, 4, 30))),
                _ => cells.push(("completed_on", day(y, 12, 15))),
            }
            learners.push(line(&cells));
            for n in 1..=3u32 {
                let mark = match (i, n) {
                    (8, 3) => "Absent·e",
                    (2, 2) => "Excusé·e",
                    _ => "Présent·e",
                };
                attendance.push(line(&[
                    ("learner", format!("L-{y}-{i}")),
                    ("number", n.to_string()),
                    ("mark", mark.to_string()),
                ]));
            }
        }
        // Spring learners 1–7 get laptops 1–7 in May; learner 1's comes back.
        for i in 1..=7u32 {
            let device = format!("O-{y}-{i}");
            let mut cells = vec![
                ("reference", format!("I-{y}-{i}")),
                ("learner", format!("L-{y}-{i}")),
                ("device", device.clone()),
                ("matched_on", day(y, 5, 5)),
                ("installed_on", day(y, 5, 20)),
                (
                    "connection",
                    if i % 2 == 1 { "Box" } else { "Aucune" }.into(),
                ),
                ("set_up", "oui".into()),
            ];
            moves.push(mv(&device, "Réservé", day(y, 5, 5)));
            moves.push(mv(&device, "Installation prévue", day(y, 5, 5)));
            moves.push(mv(&device, "Installé", day(y, 5, 20)));
            if i == 1 {
                cells.push(("ended", "Ordinateur rendu".into()));
                cells.push(("ended_reason", "Déménagement".into()));
                moves.push(mv(&device, "Revenu", day(y, 9, 1)));
                moves.push(mv(&device, "En reconditionnement", day(y, 9, 2)));
                erasures.push(erase(&device, day(y, 9, 5)));
                moves.push(mv(&device, "Prêt", day(y, 9, 10)));
            }
            installations.push(line(&cells));
        }
        // Autumn: learner 9's first match is undone, then made again in
        // January with the same laptop; learners 10–12 in January too.
        let first = format!("O-{y}-8");
        installations.push(line(&[
            ("reference", format!("I-{y}-9a")),
            ("learner", format!("L-{y}-9")),
            ("device", first.clone()),
            ("matched_on", day(y, 12, 20)),
            ("ended", "Attribution annulée".into()),
            ("ended_reason", "Absent·e à la visite".into()),
        ]));
        moves.push(mv(&first, "Réservé", day(y, 12, 20)));
        moves.push(mv(&first, "Prêt", day(y, 12, 22)));
        for (i, device, installed, connection) in [
            (9, 8, 12, "Box"),
            (10, 9, 13, "Box"),
            (11, 10, 13, "Aucune"),
            (12, 11, 13, "Partage de connexion"),
        ] {
            let device = format!("O-{y}-{device}");
            installations.push(line(&[
                ("reference", format!("I-{y}-{i}")),
                ("learner", format!("L-{y}-{i}")),
                ("device", device.clone()),
                ("matched_on", day(y + 1, 1, 5)),
                ("installed_on", day(y + 1, 1, installed)),
                ("connection", connection.into()),
            ]));
            moves.push(mv(&device, "Réservé", day(y + 1, 1, 5)));
            moves.push(mv(&device, "Installation prévue", day(y + 1, 1, 5)));
            moves.push(mv(&device, "Installé", day(y + 1, 1, installed)));
        }
    }
    vec![
        (Sheet::Donors, donors),
        (Sheet::Batches, batches),
        (Sheet::Pickups, pickups),
        (Sheet::BulkRecycling, bulk),
        (Sheet::Devices, devices),
        (Sheet::DeviceMoves, moves),
        (Sheet::Erasures, erasures),
        (Sheet::Cohorts, cohorts),
        (Sheet::Modules, modules),
        (Sheet::Learners, learners),
        (Sheet::Attendance, attendance),
        (Sheet::Installations, installations),
    ]
}

const REPORT: &str = "query($from: NaiveDate!, $to: NaiveDate!) { report(from: $from, to: $to) {
    pickups collected { category count } collectedKg devicesRefurbished devicesReadyAgain devicesRecycled recycledInBulk recycledKg devicesBought
    devicesGiven devicesInstalled handedOverWithoutInstallation installedWithInternet installedWithoutInternet installedWithInternetPercent
    placesOpened enrolled trained droppedOut referrals referralsByPrescriber { kind count percent }
    meanAge gender { gender count percent } priorityNeighbourhoodCount readySharePercent agreedSharePercent
    medianDaysPickupToReady medianDaysCompletionToInstallation } }";

async fn report(app: &TestApp, token: &str, year: i32) -> Value {
    app.graphql(
        REPORT,
        json!({ "from": format!("{year}-01-01"), "to": format!("{year}-12-31") }),
        Some(token),
    )
    .await
    .data()["report"]
        .clone()
}

/// The programme started before the history it brings.
async fn started_in_2018(app: &TestApp) {
    let conn = sea_orm::Database::connect(&app.db.url)
        .await
        .expect("connect");
    conn.execute_unprepared("UPDATE programmes SET started_on = '2018-01-01'")
        .await
        .expect("start");
    conn.close().await.ok();
}

struct Answer {
    status: u16,
    body: Value,
}

impl Answer {
    /// The answer as the shared type says (also inside a refusal).
    fn typed(&self) -> ImportAnswer {
        let answer = if self.status == 422 {
            &self.body["answer"]
        } else {
            &self.body
        };
        serde_json::from_value(answer.clone()).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }
}

async fn send(app: &TestApp, token: &str, path: &str, bytes: Vec<u8>) -> Answer {
    let sent = app.send_with_token("POST", path, token, bytes).await;
    Answer {
        status: sent.status,
        body: serde_json::from_slice(&sent.body).unwrap_or(Value::Null),
    }
}

async fn check(app: &TestApp, token: &str, bytes: Vec<u8>) -> Answer {
    send(app, token, "/api/imports/check?name=historique.xlsx", bytes).await
}

async fn import(app: &TestApp, token: &str, bytes: Vec<u8>) -> Answer {
    send(app, token, "/api/imports?name=historique.xlsx", bytes).await
}

fn tally(answer: &Answer, sheet: Sheet) -> (u32, u32) {
    let found = answer.typed();
    let tally = found
        .sheets
        .iter()
        .find(|t| t.sheet == sheet)
        .unwrap_or_else(|| panic!("no {sheet:?} in {found:?}"));
    (tally.new, tally.existing)
}

/// The figures of each year, counted by hand from `history`.
fn expected(year: i32, report: &Value) {
    let figure = |name: &str| report[name].clone();
    let whole = |name: &str| report[name].as_i64().unwrap_or(-1);
    let (pickups, kg, laptops) = if year <= 2021 {
        (10, 1060.0, 55)
    } else {
        (0, 0.0, 0)
    };
    assert_eq!(whole("pickups"), pickups, "{year} pickups");
    assert_eq!(figure("collectedKg").as_f64(), Some(kg), "{year} kg");
    let collected = figure("collected");
    let count_of = |category: &str| {
        collected
            .as_array()
            .and_then(|c| c.iter().find(|x| x["category"] == category))
            .map_or(0, |x| x["count"].as_i64().unwrap_or(0))
    };
    assert_eq!(count_of("LAPTOP"), laptops, "{year} laptops");
    assert_eq!(
        count_of("DESKTOP"),
        if year <= 2021 { 20 } else { 0 },
        "{year} desktops"
    );
    let in_history = year <= 2021;
    let n = |value: i64| if in_history { value } else { 0 };
    assert_eq!(whole("devicesRefurbished"), n(18), "{year} refurbished");
    assert_eq!(whole("devicesReadyAgain"), n(1), "{year} ready again");
    assert_eq!(whole("devicesRecycled"), n(2), "{year} recycled");
    let bulk = if year == 2020 { 2 } else { 0 };
    assert_eq!(whole("recycledInBulk"), bulk, "{year} recycled in bulk");
    assert_eq!(
        figure("recycledKg").as_f64(),
        Some(match year {
            2020 => 5.0 + 18.5,
            2019 | 2021 => 5.0,
            _ => 0.0,
        }),
        "{year} recycled kg"
    );
    assert_eq!(whole("devicesBought"), n(2), "{year} bought");
    // Seven in May, and the previous autumn's four in January.
    let (given, with, without) = match year {
        2019 => (7, 4, 3),
        2020 | 2021 => (11, 7, 4),
        _ => (4, 3, 1),
    };
    assert_eq!(whole("devicesGiven"), given, "{year} given");
    assert_eq!(whole("devicesInstalled"), given, "{year} installed");
    assert_eq!(whole("handedOverWithoutInstallation"), 0, "{year}");
    assert_eq!(whole("installedWithInternet"), with, "{year} with internet");
    assert_eq!(whole("installedWithoutInternet"), without, "{year} without");
    assert_eq!(whole("placesOpened"), n(20), "{year} places");
    assert_eq!(whole("enrolled"), n(12), "{year} enrolled");
    assert_eq!(whole("trained"), n(11), "{year} trained");
    assert_eq!(whole("droppedOut"), n(1), "{year} dropped out");
    assert_eq!(whole("referrals"), n(12), "{year} referrals");
    if in_history {
        let by_kind = figure("referralsByPrescriber");
        let count = |kind: &str| {
            by_kind
                .as_array()
                .and_then(|k| k.iter().find(|x| x["kind"] == kind))
                .and_then(|x| x["count"].as_i64())
        };
        assert_eq!(count("JOB_CENTRE"), Some(6), "{year}");
        assert_eq!(count("SOCIAL_CENTRE"), Some(6), "{year}");
        let gender = figure("gender");
        let of = |g: &str| {
            gender
                .as_array()
                .and_then(|k| k.iter().find(|x| x["gender"] == g))
                .and_then(|x| x["count"].as_i64())
        };
        assert_eq!(of("WOMAN"), Some(6), "{year} women trained");
        assert_eq!(of("MAN"), Some(5), "{year} men trained");
        // Four trained from priority neighbourhoods: fewer than five, hidden.
        assert_eq!(figure("priorityNeighbourhoodCount"), Value::Null, "{year}");
        assert_eq!(
            figure("medianDaysPickupToReady").as_f64(),
            Some(5.0),
            "{year}"
        );
    }
    let median_to_installation = match year {
        2019..=2021 => Some(20.0),
        _ => Some(29.0),
    };
    assert_eq!(
        figure("medianDaysCompletionToInstallation").as_f64(),
        median_to_installation,
        "{year} days from completion to installation"
    );
}

#[tokio::test]
async fn a_three_year_history_imports_reports_as_counted_and_exports_to_the_same() {
    let app = spawn_app().await;
    started_in_2018(&app).await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let file = workbook(&history());

    // The dry run says what would be made, and saves nothing.
    let dry = check(&app, &coordinator, file.clone()).await;
    assert_eq!(dry.status, 200, "{}", dry.body);
    assert_eq!(dry.typed().findings, [], "{}", dry.body);
    assert!(!dry.typed().saved);
    assert_eq!(tally(&dry, Sheet::Donors), (6, 0));
    assert_eq!(tally(&dry, Sheet::Batches), (30, 0));
    assert_eq!(tally(&dry, Sheet::Devices), (66, 0));
    assert_eq!(tally(&dry, Sheet::Learners), (36, 0));
    assert_eq!(tally(&dry, Sheet::Installations), (36, 0));
    assert_eq!(tally(&dry, Sheet::Attendance), (108, 0));
    let names = dry.typed().new_organisations;
    assert!(
        names.iter().any(|n| n == "Les Petits Débrouillards"),
        "{names:?}"
    );
    assert_eq!(report(&app, &coordinator, 2019).await["pickups"], 0);

    let done = import(&app, &coordinator, file.clone()).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.typed().saved);
    for year in 2019..=2022 {
        expected(year, &report(&app, &coordinator, year).await);
    }
    // One person asks for their data to be erased: the export carries them
    // without name or phone, and the figures still count them.
    let erase = app
        .graphql(
            "mutation($id: ID!) { erasePerson(referralId: $id) }",
            json!({ "id": learner_id(&app, "L-2019-12").await }),
            Some(&coordinator),
        )
        .await;
    assert_eq!(erase.data()["erasePerson"], true);
    let mut reports = Vec::new();
    for year in 2019..=2022 {
        reports.push(report(&app, &coordinator, year).await);
    }

    // Where each record came from: the file, its line, who and when.
    let conn = sea_orm::Database::connect(&app.db.url)
        .await
        .expect("connect");
    let provenance = passerelle::db::entities::imported_record::Entity::find()
        .all(&conn)
        .await
        .expect("provenance");
    let donor = provenance
        .iter()
        .find(|p| p.reference.as_deref() == Some("D1"))
        .expect("the first donor's origin");
    assert_eq!(
        (donor.file_name.as_str(), donor.line),
        ("historique.xlsx", 2)
    );
    // An enrolled learner's household follows its computer with a code,
    // as one enrolled on the screens does.
    let learner = passerelle::db::entities::referral::Entity::find_by_id(
        uuid::Uuid::parse_str(&learner_id(&app, "L-2021-10").await).expect("an id"),
    )
    .one(&conn)
    .await
    .expect("the learner")
    .expect("found");
    let code = learner.tracking_code.expect("a tracking code");
    let followed = app
        .graphql(
            "query($code: String!) { tracking(code: $code) { trained installed } }",
            json!({ "code": code }),
            None,
        )
        .await;
    assert_eq!(
        followed.data()["tracking"],
        json!({ "trained": true, "installed": true })
    );

    // Each batch holds its pickup's weight and counts, and its workshop
    // holds the laptops that came in it.
    let batches = batches_held(&conn).await;
    assert_eq!(batches.len(), 30);
    let (batch, counts) = &batches[&(2020, 3)];
    assert_eq!(batch.weight_grams, 103_500);
    assert_eq!(batch.status, shared_types::BatchStatus::Received);
    assert_eq!(
        counts
            .iter()
            .map(|c| (c.category, c.sent, c.received))
            .collect::<Vec<_>>(),
        [
            (shared_types::MaterialCategory::Desktop, 2, Some(2)),
            (shared_types::MaterialCategory::Laptop, 3, Some(3)),
        ]
    );
    assert_eq!(
        batches[&(2021, 10)].0.status,
        shared_types::BatchStatus::HandedOver
    );
    let donated = passerelle::db::entities::device::Entity::find()
        .filter(passerelle::db::entities::device::Column::BatchId.eq(batch.id))
        .all(&conn)
        .await
        .expect("devices");
    assert_eq!(donated.len(), 2);
    assert!(
        donated
            .iter()
            .all(|d| d.refurbisher_id == Some(batch.refurbisher_id))
    );

    // The same file again makes nothing twice.
    let again = import(&app, &coordinator, file).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(tally(&again, Sheet::Donors), (0, 6));
    assert_eq!(tally(&again, Sheet::Devices), (0, 66));
    assert_eq!(tally(&again, Sheet::Installations), (0, 36));
    assert_eq!(report(&app, &coordinator, 2020).await, reports[1]);
    let devices = passerelle::db::entities::device::Entity::find()
        .count(&conn)
        .await
        .expect("count");

    // Export, then import into a fresh Passerelle: the same reports.
    let export = app
        .send_with_token("GET", "/api/exports/programme.xlsx", &coordinator, vec![])
        .await;
    assert_eq!(export.status, 200);
    assert!(export.body.starts_with(b"PK"));
    let fresh = spawn_app().await;
    started_in_2018(&fresh).await;
    let (fresh_coordinator, _) = fresh.login_as(COORDINATOR).await;
    let moved = import(&fresh, &fresh_coordinator, export.body.clone()).await;
    assert_eq!(moved.status, 200, "{}", moved.body);
    // Every record and step travels: the marks, the moves, the erasures too.
    assert_eq!(tally(&moved, Sheet::Attendance), (108, 0));
    assert_eq!(tally(&moved, Sheet::Learners), (36, 0));
    assert_eq!(tally(&moved, Sheet::Batches), (30, 0));
    assert_eq!(tally(&moved, Sheet::BulkRecycling), (1, 0));
    let fresh_conn = sea_orm::Database::connect(&fresh.db.url)
        .await
        .expect("connect");
    let travelled = batches_held(&fresh_conn).await;
    for (key, (batch, counts)) in &batches {
        let (other, other_counts) = &travelled[key];
        assert_eq!(
            (other.weight_grams, other.status, other.received_at),
            (batch.weight_grams, batch.status, batch.received_at),
            "{key:?}"
        );
        let sent = |c: &[passerelle::db::entities::batch_count::Model]| {
            c.iter()
                .map(|c| (c.category, c.sent, c.received))
                .collect::<Vec<_>>()
        };
        assert_eq!(sent(other_counts), sent(counts), "{key:?}");
    }
    assert_eq!(tally(&moved, Sheet::Erasures), tally(&dry, Sheet::Erasures));
    assert_eq!(
        tally(&moved, Sheet::DeviceMoves),
        tally(&dry, Sheet::DeviceMoves)
    );
    for (year, before) in (2019..=2022).zip(&reports) {
        assert_eq!(
            &report(&fresh, &fresh_coordinator, year).await,
            before,
            "{year}"
        );
    }
    // Exported into the programme it came from, it is all already there.
    let home = check(&app, &coordinator, export.body).await;
    let home = home.typed();
    assert_eq!(home.findings, []);
    assert!(home.sheets.iter().all(|s| s.new == 0), "{home:?}");
    assert_eq!(
        passerelle::db::entities::device::Entity::find()
            .count(&conn)
            .await
            .expect("count"),
        devices
    );
}

type BatchHeld = (
    passerelle::db::entities::batch::Model,
    Vec<passerelle::db::entities::batch_count::Model>,
);

/// Each batch with its counts, by the year and month of its hand-over.
async fn batches_held(
    conn: &sea_orm::DatabaseConnection,
) -> std::collections::HashMap<(i32, u32), BatchHeld> {
    use chrono::Datelike;
    use passerelle::db::entities::{batch, batch_count};
    let mut held = std::collections::HashMap::new();
    for b in batch::Entity::find().all(conn).await.expect("batches") {
        let mut counts = batch_count::Entity::find()
            .filter(batch_count::Column::BatchId.eq(b.id))
            .all(conn)
            .await
            .expect("counts");
        counts.sort_by_key(|c| c.category.as_str());
        let at = b.handed_over_at;
        // The file's, not the demo's.
        if at.year() <= 2021 {
            held.insert((at.year(), at.month()), (b, counts));
        }
    }
    held
}

/// The id of the learner the file calls `reference`.
async fn learner_id(app: &TestApp, reference: &str) -> String {
    let conn = sea_orm::Database::connect(&app.db.url)
        .await
        .expect("connect");
    use sea_orm::{ColumnTrait, QueryFilter};
    passerelle::db::entities::imported_record::Entity::find()
        .filter(passerelle::db::entities::imported_record::Column::Reference.eq(reference))
        .one(&conn)
        .await
        .expect("read")
        .expect("imported")
        .record_id
        .to_string()
}

/// A refused import: the finding expected, and nothing saved.
async fn refused(app: &TestApp, token: &str, bytes: Vec<u8>, problem: Problem) -> Vec<Finding> {
    let answer = import(app, token, bytes).await;
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(
        answer.body["errors"][0]["extensions"]["code"],
        "IMPORT_REFUSED"
    );
    let findings = answer.typed().findings;
    assert!(
        findings.iter().any(|f| f.problem == problem),
        "{problem:?} not in {findings:?}"
    );
    let conn = sea_orm::Database::connect(&app.db.url)
        .await
        .expect("connect");
    assert_eq!(
        passerelle::db::entities::imported_record::Entity::find()
            .count(&conn)
            .await
            .expect("count"),
        0,
        "nothing of a refused file is saved"
    );
    findings
}

fn finding(findings: &[Finding], problem: Problem) -> &Finding {
    findings
        .iter()
        .find(|f| f.problem == problem)
        .expect("finding")
}

#[tokio::test]
async fn each_bad_file_is_answered_and_saves_nothing() {
    let app = spawn_app().await;
    started_in_2018(&app).await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let donor = |reference: &str| {
        line(&[
            ("reference", reference.to_string()),
            ("name", "Mairie de Roubaix".into()),
            ("kind", "Organisme public".into()),
        ])
    };

    // Not a spreadsheet: an image.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    refused(&app, &coordinator, png, Problem::NotSpreadsheet).await;

    // A workbook cut short, and one locked with a password.
    let good = workbook(&[(Sheet::Donors, vec![donor("D1")])]);
    refused(
        &app,
        &coordinator,
        good[..good.len() / 2].to_vec(),
        Problem::Corrupt,
    )
    .await;
    refused(&app, &coordinator, encrypted_workbook(), Problem::Encrypted).await;

    // An unknown column, and a missing required one, by name.
    let csv = "Réf. donateur;Nom;Type de donateur;Couleur\nD1;Mairie;Organisme public;bleu\n";
    let findings = refused(
        &app,
        &coordinator,
        csv.as_bytes().to_vec(),
        Problem::UnknownColumn,
    )
    .await;
    assert_eq!(
        finding(&findings, Problem::UnknownColumn).value.as_deref(),
        Some("Couleur")
    );
    let csv = "Réf. donateur;Nom\nD1;Mairie\n";
    let findings = refused(
        &app,
        &coordinator,
        csv.as_bytes().to_vec(),
        Problem::MissingColumn,
    )
    .await;
    assert_eq!(
        finding(&findings, Problem::MissingColumn).column.as_deref(),
        Some("kind")
    );

    // A day the programme did not exist yet, with its line and column.
    let csv = "Réf. collecte;Réf. donateur;Date de collecte\nP1;D1;03/03/2017\n";
    let file = [
        (
            "Donateurs",
            "Réf. donateur;Nom;Type de donateur\nD1;Mairie;Organisme public\n",
        ),
        ("Collectes", csv),
    ];
    let bytes = workbook_of_csv(&file);
    let findings = refused(&app, &coordinator, bytes, Problem::DateBeforeProgramme).await;
    let found = finding(&findings, Problem::DateBeforeProgramme);
    assert_eq!(
        (found.sheet, found.line, found.column.as_deref()),
        (Some(Sheet::Pickups), Some(2), Some("collected_on"))
    );

    // A donor a row names that no row creates.
    let csv = "Réf. collecte;Réf. donateur;Date de collecte\nP1;D404;03/03/2020\n";
    let findings = refused(
        &app,
        &coordinator,
        csv.as_bytes().to_vec(),
        Problem::UnknownReference,
    )
    .await;
    assert_eq!(
        finding(&findings, Problem::UnknownReference)
            .value
            .as_deref(),
        Some("D404")
    );

    // A pickup collected after the batch it was handed over in, and a
    // batch received before it was handed over.
    let file = [
        (
            "Donateurs",
            "Réf. donateur;Nom;Type de donateur\nD1;Mairie;Organisme public\n",
        ),
        (
            "Lots",
            "Réf. lot;Atelier;Date de remise;Date de réception\nB1;Atelier Réemploi;10/03/2020;12/03/2020\nB2;Atelier Réemploi;10/03/2020;09/03/2020\n",
        ),
        (
            "Collectes",
            "Réf. collecte;Réf. donateur;Date de collecte;Réf. lot\nP1;D1;11/03/2020;B1\n",
        ),
        (
            "Recyclage en lot",
            "Réf. lot;Catégorie;Poids (kg);Date de recyclage\nB1;Écran;12;11/03/2020\n",
        ),
    ];
    let findings = refused(
        &app,
        &coordinator,
        workbook_of_csv(&file),
        Problem::DateBeforePreviousStep,
    )
    .await;
    let places: Vec<_> = findings
        .iter()
        .map(|f| (f.sheet, f.line, f.column.as_deref(), f.problem))
        .collect();
    assert_eq!(
        places,
        [
            (
                Some(Sheet::Batches),
                Some(3),
                Some("received_on"),
                Problem::DateBeforePreviousStep
            ),
            (
                Some(Sheet::Pickups),
                Some(2),
                Some("batch"),
                Problem::DateBeforePreviousStep
            ),
            (
                Some(Sheet::BulkRecycling),
                Some(2),
                Some("recycled_on"),
                Problem::DateBeforePreviousStep
            ),
        ]
    );

    // The same reference twice in one file.
    let bytes = workbook(&[(Sheet::Donors, vec![donor("D1"), donor("D1")])]);
    let findings = refused(&app, &coordinator, bytes, Problem::DuplicateReference).await;
    assert_eq!(
        finding(&findings, Problem::DuplicateReference).line,
        Some(3)
    );

    // Past the stated limit of rows.
    let mut csv = String::from("Réf. donateur;Nom;Type de donateur\n");
    for i in 0..200_000 {
        csv.push_str(&format!("D{i};Donateur {i};Particulier\n"));
    }
    refused(&app, &coordinator, csv.into_bytes(), Problem::TooManyRows).await;

    // A formula, and merged header cells.
    let mut book = Workbook::new();
    let page = book.add_worksheet();
    page.set_name("Donateurs").expect("name");
    for (col, header) in ["Réf. donateur", "Nom", "Type de donateur"]
        .iter()
        .enumerate()
    {
        page.write_string(0, col as u16, *header).expect("header");
    }
    page.write_string(1, 0, "D1").expect("cell");
    page.write_formula(1, 1, "=CONCAT(\"Mai\";\"rie\")")
        .expect("formula");
    page.write_string(1, 2, "Particulier").expect("cell");
    let findings = refused(
        &app,
        &coordinator,
        book.save_to_buffer().expect("book"),
        Problem::Formula,
    )
    .await;
    assert_eq!(
        finding(&findings, Problem::Formula).column.as_deref(),
        Some("name")
    );
    let mut book = Workbook::new();
    let page = book.add_worksheet();
    page.set_name("Donateurs").expect("name");
    page.merge_range(0, 0, 0, 1, "Réf. donateur", &rust_xlsxwriter::Format::new())
        .expect("merge");
    page.write_string(0, 2, "Type de donateur").expect("header");
    page.write_string(1, 0, "D1").expect("cell");
    refused(
        &app,
        &coordinator,
        book.save_to_buffer().expect("book"),
        Problem::MergedHeader,
    )
    .await;

    // A CSV as Excel saves it in France: Windows-1252, semicolons, BOM-less.
    let csv = b"R\xe9f. donateur;Nom;Type de donateur;Ville\nD1;Soci\xe9t\xe9 du Nord;Entreprise;Roubaix\n".to_vec();
    let done = import(&app, &coordinator, csv).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(tally(&done, Sheet::Donors), (1, 0));

    // Only the coordination imports and exports.
    let (agent, _) = app.login_as(AGENT).await;
    let answer = check(&app, &agent, b"x".to_vec()).await;
    assert_eq!(answer.status, 403);
    let export = app
        .send_with_token("GET", "/api/exports/programme.xlsx", &agent, vec![])
        .await;
    assert_eq!(export.status, 403);
    let template = app
        .send_with_token(
            "GET",
            "/api/imports/template.xlsx?language=en",
            &coordinator,
            vec![],
        )
        .await;
    assert_eq!(template.status, 200);
    // The template reads back as an empty import: known tabs, no problem.
    let empty = check(&app, &coordinator, template.body).await;
    assert_eq!(
        empty.typed().findings[0].problem,
        Problem::Empty,
        "{}",
        empty.body
    );
}

/// A workbook whose tabs are the given CSV texts.
fn workbook_of_csv(tabs: &[(&str, &str)]) -> Vec<u8> {
    let mut book = Workbook::new();
    for (name, csv) in tabs {
        let page = book.add_worksheet();
        page.set_name(*name).expect("name");
        for (row, text) in csv.lines().enumerate() {
            for (col, cell) in text.split(';').enumerate() {
                page.write_string(row as u32, col as u16, cell)
                    .expect("cell");
            }
        }
    }
    book.save_to_buffer().expect("book")
}

/// What Excel saves when a workbook is locked with a password: an OLE
/// container holding the encrypted package.
fn encrypted_workbook() -> Vec<u8> {
    use std::io::Write;
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).expect("cfb");
    file.create_stream("/EncryptionInfo")
        .expect("stream")
        .write_all(&[4, 0, 4, 0, 0x40, 0, 0, 0])
        .expect("write");
    file.create_stream("/EncryptedPackage")
        .expect("stream")
        .write_all(&[0u8; 64])
        .expect("write");
    file.flush().expect("flush");
    file.into_inner().into_inner()
}

/// A LibreOffice spreadsheet: its cells typed as LibreOffice writes them
/// (text, a date value, a decimal number).
fn ods_workbook() -> Vec<u8> {
    use std::io::Write;
    let text = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let row = |cells: Vec<String>| format!("<table:table-row>{}</table:table-row>", cells.concat());
    let donors = [
        row(vec![
            text("Réf. donateur"),
            text("Nom"),
            text("Type de donateur"),
        ]),
        row(vec![
            text("D-ODS"),
            text("Médiathèque de Lens"),
            text("Organisme public"),
        ]),
    ]
    .concat();
    let pickups = [
        row(vec![
            text("Réf. collecte"),
            text("Réf. donateur"),
            text("Date de collecte"),
            text("Poids (kg)"),
            text("Ordinateurs portables"),
        ]),
        row(vec![
            text("P-ODS"),
            text("D-ODS"),
            r#"<table:table-cell office:value-type="date" office:date-value="2020-03-15"><text:p>15/03/2020</text:p></table:table-cell>"#.to_string(),
            r#"<table:table-cell office:value-type="float" office:value="42.5"><text:p>42,5</text:p></table:table-cell>"#.to_string(),
            r#"<table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell>"#.to_string(),
        ]),
    ]
    .concat();
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Donateurs">{donors}</table:table><table:table table:name="Collectes">{pickups}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    // The mimetype first and uncompressed, as the format requires.
    for (name, body) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content.as_str()),
    ] {
        zip.start_file(name, stored).expect("entry");
        zip.write_all(body.as_bytes()).expect("write");
    }
    zip.finish().expect("zip").into_inner()
}

#[tokio::test]
async fn a_libreoffice_spreadsheet_imports_with_its_dates_and_decimals() {
    let app = spawn_app().await;
    started_in_2018(&app).await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let done = import(&app, &coordinator, ods_workbook()).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(tally(&done, Sheet::Donors), (1, 0));
    assert_eq!(tally(&done, Sheet::Pickups), (1, 0));
    let year = report(&app, &coordinator, 2020).await;
    assert_eq!(year["pickups"], 1);
    assert_eq!(year["collectedKg"].as_f64(), Some(42.5));
}

#[tokio::test]
async fn a_sheet_going_on_over_two_tabs_is_read_as_one() {
    let app = spawn_app().await;
    started_in_2018(&app).await;
    let (coordinator, _) = app.login_as(COORDINATOR).await;
    let header = "Réf. donateur;Nom;Type de donateur\n";
    // A reference is once in the sheet, whichever tab holds it.
    let twice = workbook_of_csv(&[
        (
            "Donateurs",
            &format!("{header}D1;Mairie;Organisme public\n"),
        ),
        (
            "Donateurs (2)",
            &format!("{header}D1;Mairie;Organisme public\n"),
        ),
    ]);
    let findings = refused(&app, &coordinator, twice, Problem::DuplicateReference).await;
    let found = finding(&findings, Problem::DuplicateReference);
    assert_eq!(
        (found.sheet, found.part, found.line),
        (Some(Sheet::Donors), Some(2), Some(2))
    );
    let file = workbook_of_csv(&[
        (
            "Donateurs",
            &format!("{header}D1;Mairie;Organisme public\nD2;Lycée Pasteur;Organisme public\n"),
        ),
        (
            "Donateurs (2)",
            &format!("{header}D3;Boulangerie;Entreprise\n"),
        ),
        (
            "Collectes",
            "Réf. collecte;Réf. donateur;Date de collecte\nP1;D3;12/05/2020\n",
        ),
    ]);
    let done = import(&app, &coordinator, file).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!(tally(&done, Sheet::Donors), (3, 0));
    assert_eq!(tally(&done, Sheet::Pickups), (1, 0));
}
