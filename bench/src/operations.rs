//! The four operations measured, as the SPA sends them: the very documents
//! in `frontend/graphql/`, with the variables its pages pass.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::dataset::{Rows, Seeded};
use crate::load::{self, Operation, Plan, Sample, Server};

const LOGIN: &str = include_str!("../../frontend/graphql/login.graphql");
const DEVICES: &str = include_str!("../../frontend/graphql/devices.graphql");
const TRACKING: &str = include_str!("../../frontend/graphql/tracking.graphql");
const RECORD_PICKUP: &str = include_str!("../../frontend/graphql/record_pickup.graphql");
const REPORT: &str = include_str!("../../frontend/graphql/report.graphql");

/// The device list's page size (`frontend/src/api/devices.rs`).
const DEVICES_PER_PAGE: u64 = 50;

/// One database's results.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DatabaseRun {
    pub database: String,
    pub plan: Plan,
    pub rows: Rows,
    pub seed_seconds: f64,
    pub operations: Vec<Measured>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Measured {
    /// Stable name, for comparing runs.
    pub key: String,
    pub label: String,
    #[serde(flatten)]
    pub sample: Sample,
}

pub async fn run_all(
    url: &str,
    database: &str,
    seeded: &Seeded,
    plan: Plan,
    only: Option<&str>,
) -> Result<DatabaseRun, String> {
    let server = Arc::new(Server::parse(url)?);
    let accounts = &seeded.accounts;
    // Password hashing is slow on purpose: each role signs in once and
    // shares its access token (valid 15 minutes, longer than the run).
    let coordinator = sign_in(&server, &accounts.coordinator, &accounts.password).await?;
    let agent = sign_in(&server, &accounts.collection_agent, &accounts.password).await?;
    let refurbisher = sign_in(&server, &accounts.refurbisher, &accounts.password).await?;

    let codes = seeded.tracking_codes.clone();
    if codes.is_empty() {
        return Err("the dataset has no tracking codes".into());
    }
    let donors = seeded.donor_ids.clone();
    if donors.is_empty() {
        return Err("the dataset has no donors".into());
    }
    let year = seeded.report_year;
    let report = move || Operation {
        document: REPORT,
        token: Some(coordinator.clone()),
        variables: Box::new(move |_| {
            json!({
                "from": format!("{year}-01-01"), "to": format!("{year}-12-31"),
                "previousFrom": format!("{}-01-01", year - 1), "previousTo": format!("{}-12-31", year - 1),
            })
        }),
    };

    let runs: Vec<(&str, &str, Operation, u64)> = vec![
        (
            "device_list",
            "(a) device list page (refurbisher, 50 a page, status filter and page vary)",
            Operation {
                document: DEVICES,
                token: Some(refurbisher),
                variables: Box::new(|n| {
                    let status = [None, None, Some("IN_REFURBISHMENT"), Some("READY")];
                    json!({
                        "status": status[(n % 4) as usize],
                        "search": Value::Null,
                        "offset": (n / 4 % 3) * DEVICES_PER_PAGE,
                        "limit": DEVICES_PER_PAGE,
                    })
                }),
            },
            plan.clients,
        ),
        (
            "tracking",
            "(b) learner's tracking page (household, valid codes)",
            Operation {
                document: TRACKING,
                token: None,
                variables: Box::new(move |n| json!({ "code": codes[n as usize % codes.len()] })),
            },
            plan.clients,
        ),
        (
            "record_pickup",
            "(c) recording a pickup (collection agent, new clientUuid each)",
            Operation {
                document: RECORD_PICKUP,
                token: Some(agent),
                variables: Box::new(move |n| new_pickup(donors[n as usize % donors.len()])),
            },
            plan.clients,
        ),
        (
            "report_alone",
            "(d) yearly report, this year and last (one coordinator alone)",
            report(),
            1,
        ),
        (
            "report",
            "(d) yearly report, this year and last (coordinators)",
            report(),
            plan.clients,
        ),
    ];

    let mut operations = Vec::new();
    if let Some(only) = only
        && !runs.iter().any(|(key, ..)| *key == only)
    {
        let keys: Vec<&str> = runs.iter().map(|(key, ..)| *key).collect();
        return Err(format!(
            "no operation `{only}`; there are {}",
            keys.join(", ")
        ));
    }
    for (key, label, operation, clients) in runs {
        if only.is_some_and(|only| only != key) {
            continue;
        }
        println!("  {label}: {clients} client(s) for {} s", plan.seconds);
        let sample = load::measure(
            &server,
            &Arc::new(operation),
            clients,
            Duration::from_secs(plan.seconds),
        )
        .await
        .map_err(|e| format!("{label}: {e}"))?;
        println!(
            "    {} requests, {:.1}/s, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms, {} failure(s)",
            sample.requests,
            sample.per_second,
            sample.p50_ms,
            sample.p99_ms,
            sample.max_ms,
            sample.failures
        );
        if let Some(error) = &sample.first_error {
            println!("    first error: {error}");
        }
        operations.push(Measured {
            key: key.to_string(),
            label: label.to_string(),
            sample,
        });
    }
    Ok(DatabaseRun {
        database: database.to_string(),
        plan,
        rows: seeded.rows.clone(),
        seed_seconds: seeded.seconds,
        operations,
    })
}

pub async fn sign_in(server: &Server, email: &str, password: &str) -> Result<String, String> {
    let login = Operation {
        document: LOGIN,
        token: None,
        variables: Box::new({
            let (email, password) = (email.to_string(), password.to_string());
            move |_| json!({ "email": email, "password": password })
        }),
    };
    let answer = load::call(server, &login)
        .await
        .map_err(|e| format!("signing in as {email}: {e}"))?;
    answer["data"]["login"]["accessToken"]
        .as_str()
        .map(str::to_string)
        .ok_or(format!(
            "signing in as {email}: no access token in {answer}"
        ))
}

/// A pickup as the phone's outbox sends it (`pages/pickups/form.rs`): a
/// fresh `clientUuid`, so each one is recorded rather than replayed.
fn new_pickup(donor_id: Uuid) -> Value {
    json!({
        "input": {
            "clientUuid": Uuid::new_v4(),
            "scheduledPickupId": Value::Null,
            "donorId": donor_id,
            "collectedAt": (Utc::now() - chrono::Duration::minutes(20)).to_rfc3339(),
            "address": Value::Null,
            "counts": [
                { "category": "LAPTOP", "count": 4 },
                { "category": "DESKTOP", "count": 2 },
                { "category": "SCREEN", "count": 2 },
            ],
            "serials": [],
            "weightKg": 33.5,
            "location": { "latitude": 45.5646, "longitude": 5.9178, "accuracyM": 12.0 },
            "signature": [[40, 170, 90, 90, 140, 160, 200, 80, 260, 150, 330, 100]],
            "signedBy": "Accueil du site",
            "notes": Value::Null,
        }
    })
}
