//! The dataset of a national-scale programme: the demo accounts (made by the
//! server's own code, so they sign in like real ones), partner organisations
//! in twenty cities, and years of records bulk-inserted as the services
//! would have left them: pickups handed over in batches, devices with their
//! whole lifecycle history, learners referred, trained in cohorts, and
//! equipped at home.
//!
//! Dates run over the last two years, so that the yearly report has a full
//! previous year to compare with.

mod collection;
mod dice;
mod partners;
mod refurbishment;
mod training;

use std::time::Instant;

use chrono::{DateTime, Datelike, Utc};
use passerelle::{db::Db, demo};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseTransaction, DbBackend, EntityName, EntityTrait,
    IntoActiveModel, Iterable, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use dice::Dice;

/// How many of each record the programme holds.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub devices: usize,
    pub learners: usize,
    pub pickups: usize,
}

impl Scale {
    pub const FULL: Scale = Scale {
        devices: 100_000,
        learners: 20_000,
        pickups: 5_000,
    };
    pub const QUICK: Scale = Scale {
        devices: 10_000,
        learners: 2_000,
        pickups: 500,
    };
}

/// What the seeding made, and what the load needs from it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Seeded {
    pub rows: Rows,
    pub seconds: f64,
    pub accounts: Accounts,
    /// Codes of enrolled, trained and equipped learners (all valid).
    pub tracking_codes: Vec<String>,
    /// Donors of the programme, for new pickups.
    pub donor_ids: Vec<Uuid>,
    /// The year the report is asked for (with the one before).
    pub report_year: i32,
}

/// The demo accounts the load signs in as.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Accounts {
    pub password: String,
    pub coordinator: String,
    pub collection_agent: String,
    pub refurbisher: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Rows {
    pub organisations: usize,
    pub donors: usize,
    pub pickups: usize,
    pub batches: usize,
    pub devices: usize,
    pub device_events: usize,
    pub learners: usize,
    pub cohorts: usize,
    pub cohort_modules: usize,
    pub installations: usize,
}

impl Rows {
    /// Each count with what it counts, in the order a reader wants them.
    pub fn named(&self) -> Vec<(&'static str, usize)> {
        vec![
            ("devices", self.devices),
            ("device lifecycle events", self.device_events),
            ("learners (referrals)", self.learners),
            ("cohorts", self.cohorts),
            ("cohort modules", self.cohort_modules),
            ("home installations", self.installations),
            ("pickups", self.pickups),
            ("batches", self.batches),
            ("donors", self.donors),
            ("organisations", self.organisations),
        ]
    }
}

/// Migrates a fresh database and fills it.
pub async fn seed(database_url: &str, scale: Scale) -> Result<Seeded, String> {
    let started = Instant::now();
    let db = Db::connect(database_url)
        .await
        .map_err(|e| format!("connecting: {e}"))?;
    db.migrate().await.map_err(|e| format!("migrating: {e}"))?;
    let fresh = demo::load_if_empty(&db)
        .await
        .map_err(|e| format!("demo accounts: {e}"))?;
    if !fresh {
        return Err("the database already holds accounts: seed a fresh one".into());
    }
    let now = Utc::now();
    let mut dice = Dice::new(20_261_130);
    let mut rows = Rows::default();

    // One transaction: one sync to disk at the end rather than one per row.
    let tx = db.conn.begin().await.map_err(|e| e.to_string())?;
    let partners = partners::add(&tx, now, &mut rows).await?;
    let collected = collection::add(&tx, &partners, scale, now, &mut dice, &mut rows).await?;
    let mut devices = refurbishment::plan(&partners, &collected, scale, now, &mut dice);
    let learners = training::plan(&partners, scale, now, &mut dice);
    let installations = training::equip(&partners, &learners, &mut devices, now, &mut dice);
    refurbishment::write(&tx, &partners, devices, &mut rows).await?;
    let tracking_codes = training::write(&tx, learners, installations, &mut rows).await?;
    tx.commit().await.map_err(|e| e.to_string())?;

    // Leave the database as a long-running server would have it.
    let settle = match db.conn.get_database_backend() {
        // Planner statistics and the visibility map (which lets counts read
        // indexes only): autovacuum keeps both on a live server, a freshly
        // loaded database lacks them until autovacuum comes round.
        DbBackend::Postgres => "VACUUM ANALYZE",
        // The big transaction's pages moved from the write-ahead log into
        // the database file, as SQLite's automatic checkpoints do over time.
        // (No ANALYZE: the server never runs it on SQLite.)
        _ => "PRAGMA wal_checkpoint(TRUNCATE)",
    };
    db.conn
        .execute_unprepared(settle)
        .await
        .map_err(|e| format!("{settle}: {e}"))?;

    let login = |role| {
        demo::DEMO_LOGINS
            .iter()
            .find(|l| l.role == role)
            .map(|l| l.email.to_string())
            .ok_or(format!("no demo account with the role {role:?}"))
    };
    Ok(Seeded {
        rows,
        seconds: started.elapsed().as_secs_f64(),
        accounts: Accounts {
            password: demo::DEMO_PASSWORD.to_string(),
            coordinator: login(shared_types::Role::Coordinator)?,
            collection_agent: login(shared_types::Role::CollectionAgent)?,
            refurbisher: login(shared_types::Role::Refurbisher)?,
        },
        tracking_codes,
        donor_ids: collected.donor_ids.iter().take(500).copied().collect(),
        report_year: now.year(),
    })
}

/// Bind parameters per statement: under SQLite's 32 766 and PostgreSQL's 65 535.
const MAX_PARAMETERS: usize = 30_000;

/// Inserts `rows` in as few multi-row statements as the databases allow;
/// returns how many.
async fn insert_all<A>(tx: &DatabaseTransaction, rows: Vec<A>) -> Result<usize, String>
where
    A: ActiveModelTrait + Send,
    <A::Entity as EntityTrait>::Model: IntoActiveModel<A>,
{
    let columns = <<A::Entity as EntityTrait>::Column as Iterable>::iter().count();
    let per_statement = (MAX_PARAMETERS / columns.max(1)).max(1);
    let total = rows.len();
    let mut rows = rows.into_iter();
    loop {
        let chunk: Vec<A> = rows.by_ref().take(per_statement).collect();
        if chunk.is_empty() {
            return Ok(total);
        }
        A::Entity::insert_many(chunk)
            .exec_without_returning(tx)
            .await
            .map_err(|e| format!("inserting into {}: {e}", A::Entity::default().table_name()))?;
    }
}

/// Days as a duration (the dataset thinks in days).
fn days(n: i64) -> chrono::Duration {
    chrono::Duration::days(n)
}

/// `at`, or a little before `now` if it would be in the future: records
/// are never dated later than the moment they were made.
fn not_after(at: DateTime<Utc>, now: DateTime<Utc>) -> DateTime<Utc> {
    at.min(now - chrono::Duration::hours(1))
}
