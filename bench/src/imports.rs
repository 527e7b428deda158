//! The import timed: a workbook of `rows` records of each kind (donors,
//! pickups, devices with their moves to installed and erasures, cohorts
//! and modules, trained learners, installations), checked then imported
//! by the running server, with the server's memory before and at its peak.

use std::time::Instant;

use rust_xlsxwriter::Workbook;
use serde::{Deserialize, Serialize};
use shared_types::import::Sheet;

use crate::dataset::Seeded;
use crate::load::{Server, post_file};
use crate::operations::sign_in;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ImportRun {
    pub database: String,
    /// Records of each kind in the file.
    pub rows_per_kind: usize,
    /// Rows of the whole file, over every tab.
    pub rows: usize,
    pub file_bytes: usize,
    pub check_seconds: f64,
    pub import_seconds: f64,
    /// The server's resident memory before, and its peak after (kB).
    pub rss_before_kb: Option<u64>,
    pub peak_kb: Option<u64>,
}

type Tab = (Sheet, Vec<Vec<(&'static str, String)>>);

fn workbook(tabs: &[Tab]) -> Result<Vec<u8>, String> {
    let fail = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    for (sheet, lines) in tabs {
        let page = book.add_worksheet();
        page.set_name(sheet.name(true)).map_err(fail)?;
        let keys: Vec<&'static str> = sheet
            .columns()
            .iter()
            .map(|c| c.key)
            .filter(|k| {
                lines
                    .first()
                    .is_some_and(|l| l.iter().any(|(key, _)| key == k))
            })
            .collect();
        for (col, key) in keys.iter().enumerate() {
            let header = sheet.column(key).map_or(*key, |c| c.fr);
            page.write_string(0, col as u16, header).map_err(fail)?;
        }
        for (row, line) in lines.iter().enumerate() {
            for (key, value) in line {
                if let Some(col) = keys.iter().position(|k| k == key) {
                    page.write_string(row as u32 + 1, col as u16, value.as_str())
                        .map_err(fail)?;
                }
            }
        }
    }
    book.save_to_buffer().map_err(fail)
}

/// `n` records of each kind, all on `day`, the file's own references
/// prefixed by `run` so that a second run makes new ones.
fn history(n: usize, day: &str, run: &str) -> Vec<Tab> {
    let mut tabs: Vec<Tab> = Sheet::ALL.iter().map(|s| (*s, Vec::new())).collect();
    let mut push = |sheet: Sheet, line: Vec<(&'static str, String)>| {
        if let Some((_, lines)) = tabs.iter_mut().find(|(s, _)| *s == sheet) {
            lines.push(line);
        }
    };
    let d = || day.to_string();
    for i in 0..n {
        let r = |kind: &str| format!("{run}-{kind}{i}");
        push(
            Sheet::Donors,
            vec![
                ("reference", r("D")),
                ("name", format!("Donateur {run} {i}")),
                ("kind", "Entreprise".into()),
            ],
        );
        push(
            Sheet::Pickups,
            vec![
                ("reference", r("P")),
                ("donor", r("D")),
                ("collected_on", d()),
                ("laptops", "2".into()),
                ("weight_kg", "5,5".into()),
            ],
        );
        push(
            Sheet::Devices,
            vec![
                ("reference", r("O")),
                ("kind", "Ordinateur portable".into()),
                ("received_on", d()),
                ("source", "Don".into()),
                ("pickup", r("P")),
                ("grade", "B".into()),
                ("serial", format!("{run}SN{i}")),
            ],
        );
        for status in [
            "En reconditionnement",
            "Prêt",
            "Réservé",
            "Installation prévue",
            "Installé",
        ] {
            push(
                Sheet::DeviceMoves,
                vec![("device", r("O")), ("status", status.into()), ("on", d())],
            );
        }
        push(
            Sheet::Erasures,
            vec![
                ("device", r("O")),
                ("erased_on", d()),
                ("method", "Réécriture".into()),
                ("tool", "Blancco".into()),
                ("operator", "Atelier".into()),
            ],
        );
        push(
            Sheet::Cohorts,
            vec![
                ("reference", r("C")),
                ("name", format!("Groupe {i}")),
                ("provider", "Organisme importé".into()),
                ("places", "12".into()),
                ("starts_on", d()),
                ("ends_on", d()),
            ],
        );
        push(
            Sheet::Modules,
            vec![
                ("cohort", r("C")),
                ("number", "1".into()),
                ("title", "Découvrir l'ordinateur".into()),
                ("day", d()),
            ],
        );
        push(
            Sheet::Learners,
            vec![
                ("reference", r("L")),
                ("referred_on", d()),
                ("prescriber", "Prescripteur importé".into()),
                ("prescriber_kind", "Centre social".into()),
                ("first_name", format!("Prénom{i}")),
                ("last_name", format!("Nom{run}")),
                (
                    "phone",
                    // 06 12 …: a mobile range the numbering plan knows.
                    format!(
                        "06 12 {:02} {:02} {:02}",
                        (i / 10_000) % 100,
                        (i / 100) % 100,
                        i % 100
                    ),
                ),
                ("address", format!("{i} rue du Banc {run}")),
                ("cohort", r("C")),
                ("completed_on", d()),
            ],
        );
        push(
            Sheet::Installations,
            vec![
                ("reference", r("I")),
                ("learner", r("L")),
                ("device", r("O")),
                ("matched_on", d()),
                ("installed_on", d()),
                ("connection", "Box".into()),
            ],
        );
    }
    tabs
}

/// The server's resident memory now and at its peak, from `/proc`.
fn memory(pid: Option<u32>) -> (Option<u64>, Option<u64>) {
    let Some(status) = pid.and_then(|p| std::fs::read_to_string(format!("/proc/{p}/status")).ok())
    else {
        return (None, None);
    };
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|n| n.parse().ok())
    };
    (field("VmRSS:"), field("VmHWM:"))
}

pub async fn run(
    url: &str,
    database: &str,
    seeded: &Seeded,
    rows_per_kind: usize,
    pid: Option<u32>,
) -> Result<ImportRun, String> {
    let server = Server::parse(url)?;
    let accounts = &seeded.accounts;
    let token = sign_in(&server, &accounts.coordinator, &accounts.password).await?;
    let today = chrono::Utc::now()
        .date_naive()
        .format("%d/%m/%Y")
        .to_string();
    let run = format!("B{}", chrono::Utc::now().timestamp());
    let tabs = history(rows_per_kind, &today, &run);
    let rows = tabs.iter().map(|(_, lines)| lines.len()).sum();
    let file = workbook(&tabs)?;
    let file_bytes = file.len();
    let (rss_before_kb, _) = memory(pid);
    let started = Instant::now();
    let (status, answer) = post_file(
        &server,
        "/api/imports/check?name=bench.xlsx",
        &token,
        file.clone(),
    )
    .await?;
    let check_seconds = started.elapsed().as_secs_f64();
    if !status.is_success() || answer["findings"].as_array().is_none_or(|f| !f.is_empty()) {
        return Err(format!(
            "the check refused the file (HTTP {status}): {answer}"
        ));
    }
    let started = Instant::now();
    let (status, answer) = post_file(&server, "/api/imports?name=bench.xlsx", &token, file).await?;
    let import_seconds = started.elapsed().as_secs_f64();
    if !status.is_success() || answer["saved"] != serde_json::Value::Bool(true) {
        return Err(format!("the import failed (HTTP {status}): {answer}"));
    }
    let (_, peak_kb) = memory(pid);
    Ok(ImportRun {
        database: database.to_string(),
        rows_per_kind,
        rows,
        file_bytes,
        check_seconds,
        import_seconds,
        rss_before_kb,
        peak_kb,
    })
}
