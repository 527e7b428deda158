//! The programme's yearly report, computed from the records (never typed
//! in): one `Report` value that the dashboard, the PDF, the CSV files and
//! the API all show, so a figure is the same everywhere.
//!
//! Each figure counts its own event in the period: a pickup by its
//! collection date, a device by the day it became ready (or was recycled,
//! or bought), a learner by the day they enrolled, completed, dropped out,
//! an installation by the day it was closed. People breakdowns with fewer
//! than five people are suppressed (`None`) so nobody can be recognised.

pub mod anonymity;
pub mod documents;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult, JoinType,
    PaginatorTrait, QueryFilter, QuerySelect, QueryTrait, RelationDef,
    sea_query::{Alias, Asterisk, Condition, Expr, Func, Query, SelectStatement, SimpleExpr},
};
use shared_types::{
    Connection, DeviceSource, DeviceStatus, ErrorCode, Gender, MaterialCategory, PickupStatus,
    PrescriberKind, ProgrammeTimeZone, ReferralStatus,
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{
            batch, bulk_recycling, cohort, device, device_event, installation, pickup,
            pickup_count, referral,
        },
    },
    services::{
        access::{self, Action, Resource},
        batches, calendar,
    },
};

use super::{DbErr, ServiceError};

/// How many records are this many days apart (a histogram, for medians).
#[derive(FromQueryResult)]
struct DaysTally {
    /// None for records with no start (a device that came from no pickup).
    days: Option<i64>,
    count: i64,
}

/// The learners trained in a period, by gender and neighbourhood, with
/// the sum of their ages where the birth year is known.
#[derive(FromQueryResult)]
struct TrainedTally {
    gender: Gender,
    priority_neighbourhood: bool,
    count: i64,
    aged: i64,
    age_years: i64,
}

static RUNNING_REPORTS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

/// Breakdowns of people smaller than this are not shown.
pub const SMALL_GROUP: i64 = 5;

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{0}")]
    Rule(ErrorCode),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl ServiceError for ReportError {
    fn code(&self) -> ErrorCode {
        match self {
            ReportError::Rule(code) => *code,
            ReportError::Db(_) => ErrorCode::Internal,
        }
    }
}

impl From<batches::BatchError> for ReportError {
    fn from(err: batches::BatchError) -> ReportError {
        match err {
            batches::BatchError::Rule(code) => ReportError::Rule(code),
            batches::BatchError::Db(e) => ReportError::Db(e),
        }
    }
}

/// The counts of one people breakdown whose total is published, with the
/// groups of one to four people hidden (`None`). A single hidden group
/// would be the total minus the others, so when exactly one is hidden the
/// smallest shown group is hidden with it (complementary suppression):
/// then no subtraction gives any hidden count.
pub fn suppress(counts: &[i64]) -> Vec<Option<i64>> {
    let small = |c: i64| c > 0 && c < SMALL_GROUP;
    let mut hidden: Vec<bool> = counts.iter().map(|c| small(*c)).collect();
    if hidden.iter().filter(|h| **h).count() == 1
        && let Some(next) = (0..counts.len())
            .filter(|i| !hidden[*i])
            .min_by_key(|i| counts[*i])
    {
        hidden[next] = true;
    }
    counts
        .iter()
        .zip(hidden)
        .map(|(count, hide)| (!hide).then_some(*count))
        .collect()
}

/// A share in percent with one decimal, `None` when there is no whole.
pub fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

/// The median of a days histogram.
fn median_days(tallies: &[DaysTally]) -> Option<f64> {
    let mut tallies: Vec<(i64, i64)> = tallies
        .iter()
        .filter_map(|t| Some((t.days?, t.count)))
        .collect();
    tallies.sort_unstable();
    let n: i64 = tallies.iter().map(|(_, count)| count).sum();
    if n <= 0 {
        return None;
    }
    let nth = |k: i64| {
        let mut seen = 0;
        for (days, count) in &tallies {
            seen += count;
            if k < seen {
                return *days;
            }
        }
        tallies.last().map_or(0, |(days, _)| *days)
    };
    Some(if n % 2 == 1 {
        nth(n / 2) as f64
    } else {
        (nth(n / 2 - 1) + nth(n / 2)) as f64 / 2.0
    })
}

/// Whole days from `earlier` to `later`, cut toward zero as chrono's
/// `num_days` does. SQLite's date functions keep milliseconds: the
/// difference is rounded to them before dividing, so whole days stay whole.
fn days_between(backend: DbBackend, later: &str, earlier: &str) -> SimpleExpr {
    Expr::cust(match backend {
        DbBackend::Postgres => {
            format!("CAST(TRUNC(EXTRACT(EPOCH FROM ({later}) - ({earlier})) / 86400) AS BIGINT)")
        }
        _ => format!(
            "CAST(ROUND((julianday({later}) - julianday({earlier})) * 86400000.0) AS INTEGER) / 86400000"
        ),
    })
}

/// The calendar year of a stored time on the programme's clocks, which at
/// New Year keep `offset_minutes` from UTC.
fn year_of(backend: DbBackend, at: &str, offset_minutes: i64) -> String {
    match backend {
        DbBackend::Postgres => format!(
            "CAST(EXTRACT(YEAR FROM (({at}) AT TIME ZONE 'UTC') + INTERVAL '{offset_minutes} minutes') AS BIGINT)"
        ),
        _ => format!("CAST(strftime('%Y', {at}, '{offset_minutes:+} minutes') AS INTEGER)"),
    }
}

/// `SUM(expr)` as a bigint, 0 over no rows (PostgreSQL sums bigints into numeric).
fn total(expr: SimpleExpr) -> SimpleExpr {
    Func::cast_as(
        Func::coalesce([Func::sum(expr).into(), Expr::value(0)]),
        Alias::new("BIGINT"),
    )
    .into()
}

/// The histogram of the `days` column of `rows` (a query with one per record).
async fn days_histogram(db: &Db, rows: SelectStatement) -> Result<Vec<DaysTally>, DbErr> {
    let days = Alias::new("days");
    let histogram = Query::select()
        .column(days.clone())
        .expr_as(Expr::col(Asterisk).count(), Alias::new("count"))
        .from_subquery(rows, Alias::new("spans"))
        .group_by_col(days)
        .to_owned();
    DaysTally::find_by_statement(db.conn.get_database_backend().build(&histogram))
        .all(&db.conn)
        .await
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryLine {
    pub category: MaterialCategory,
    pub count: i64,
}

/// One line of a people breakdown (suppressed below five).
#[derive(Debug, Clone, PartialEq)]
pub struct Share<K> {
    pub key: K,
    pub count: Option<i64>,
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub pickups: i64,
    pub collected: Vec<CategoryLine>,
    pub collected_kg: f64,
    /// Donated devices made ready for the first time.
    pub devices_refurbished: i64,
    /// Devices made ready again after coming back from a home.
    pub devices_ready_again: i64,
    pub devices_recycled: i64,
    /// Items recycled in bulk from batches, with no device record each.
    pub recycled_in_bulk: i64,
    /// Device records and bulk recycling together.
    pub recycled_kg: f64,
    pub devices_bought: i64,
    /// Computers handed over to households (the visit closed), set up or not.
    pub devices_given: i64,
    /// Of those given, the ones set up at home.
    pub devices_installed: i64,
    /// Given, but not set up (no connection yet, a cable missing).
    pub handed_over_without_installation: i64,
    pub installed_with_internet: i64,
    pub installed_without_internet: i64,
    pub installed_with_internet_percent: Option<f64>,
    pub places_opened: i64,
    pub enrolled: i64,
    pub trained: i64,
    pub dropped_out: i64,
    pub referrals: i64,
    pub referrals_by_prescriber: Vec<Share<PrescriberKind>>,
    /// Of the people trained in the period.
    pub mean_age: Option<f64>,
    pub gender: Vec<Share<Gender>>,
    pub priority_neighbourhood: Share<bool>,
    pub ready_share_percent: f64,
    pub agreed_share_percent: f64,
    pub median_days_pickup_to_ready: Option<f64>,
    pub median_days_completion_to_installation: Option<f64>,
}

/// The instants a report of `from_day` to `to_day` (both included, days of
/// the programme's clocks) counts from (included) and to (excluded), or why
/// the period cannot be reported.
///
/// Years run from 1 to 9999 (`DATE_OUT_OF_RANGE`): SQLite compares stored
/// times as text, where a five-digit year ("10000-01-01") sorts before
/// "2024" and made `to: "9999-12-31"` a silently empty report. For that last
/// day the end is its last microsecond: nothing is recorded in the future.
pub fn period_bounds(
    zone: ProgrammeTimeZone,
    from_day: NaiveDate,
    to_day: NaiveDate,
) -> Result<(DateTime<Utc>, DateTime<Utc>), ErrorCode> {
    let supported = |day: NaiveDate| (1..=9999).contains(&day.year());
    if !supported(from_day) || !supported(to_day) {
        return Err(ErrorCode::DateOutOfRange);
    }
    if to_day < from_day {
        return Err(ErrorCode::DatesInvalid);
    }
    let end = match to_day.succ_opt().filter(|next| supported(*next)) {
        Some(next) => calendar::start_of_day(zone, next),
        None => to_day
            .and_hms_micro_opt(23, 59, 59, 999_999)
            .ok_or(ErrorCode::DateOutOfRange)?
            .and_utc(),
    };
    Ok((calendar::start_of_day(zone, from_day), end))
}

fn in_period(at: Option<DateTime<Utc>>, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
    at.is_some_and(|at| at >= from && at < to)
}

/// A people breakdown from counts per key (keys not in `keys` are left out,
/// of the whole too).
fn shares<K: Copy + Eq + std::hash::Hash>(keys: &[K], counts: &HashMap<K, i64>) -> Vec<Share<K>> {
    let whole: i64 = keys.iter().filter_map(|key| counts.get(key)).sum();
    let raw: Vec<i64> = keys
        .iter()
        .map(|key| counts.get(key).copied().unwrap_or(0))
        .collect();
    keys.iter()
        .zip(suppress(&raw))
        .map(|(key, shown)| Share {
            key: *key,
            count: shown,
            percent: shown.and_then(|c| percent(c, whole)),
        })
        .collect()
}

/// What each section of a report reads: whose figures, and for when.
#[derive(Clone, Copy)]
struct Period {
    programme: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    from_day: NaiveDate,
    to_day: NaiveDate,
    zone: ProgrammeTimeZone,
    backend: DbBackend,
}

struct Collection {
    pickups: i64,
    collected_grams: i64,
    by_category: BTreeMap<MaterialCategory, i64>,
}

struct DeviceFigures {
    ready_again: i64,
    recycled: i64,
    recycled_in_bulk: i64,
    recycled_grams: i64,
    bought: i64,
    refurbished: i64,
    pickup_to_ready: Vec<DaysTally>,
}

struct LearnerFigures {
    enrolled: i64,
    dropped_out: i64,
    referrals: i64,
    referred: HashMap<PrescriberKind, i64>,
    trained: i64,
    aged: i64,
    age_years: i64,
    genders: HashMap<Gender, i64>,
    priority_shown: Option<i64>,
    places: i64,
}

struct InstallationFigures {
    given: i64,
    installed: i64,
    with: i64,
    without: i64,
    completion_to_installation: Vec<DaysTally>,
}

/// Pickups collected in the period, their weight and what they held.
async fn collection(db: &Db, period: &Period) -> Result<Collection, ReportError> {
    let Period {
        programme,
        from,
        to,
        ..
    } = *period;
    // Collection.
    let collected = || {
        pickup::Entity::find()
            .filter(pickup::Column::ProgrammeId.eq(programme))
            .filter(pickup::Column::Status.eq(PickupStatus::Collected))
            .filter(pickup::Column::CollectedAt.gte(from))
            .filter(pickup::Column::CollectedAt.lt(to))
    };
    let (pickups, collected_grams): (i64, i64) = collected()
        .select_only()
        .expr(Expr::col(pickup::Column::Id).count())
        .expr(total(Expr::col(pickup::Column::WeightGrams).into()))
        .into_tuple()
        .one(&db.conn)
        .await?
        .unwrap_or_default();
    let collected_in_period = collected()
        .select_only()
        .column(pickup::Column::Id)
        .into_query();
    let mut by_category: BTreeMap<MaterialCategory, i64> = BTreeMap::new();
    let category_counts: Vec<(MaterialCategory, i64)> = pickup_count::Entity::find()
        .select_only()
        .column(pickup_count::Column::Category)
        .expr(total(Expr::col(pickup_count::Column::Count).into()))
        .filter(pickup_count::Column::PickupId.in_subquery(collected_in_period))
        .group_by(pickup_count::Column::Category)
        .into_tuple()
        .all(&db.conn)
        .await?;
    for (category, count) in category_counts {
        *by_category.entry(category).or_default() += count;
    }
    Ok(Collection {
        pickups,
        collected_grams,
        by_category,
    })
}

/// Devices made ready, recycled and bought in the period.
async fn device_figures(db: &Db, period: &Period) -> Result<DeviceFigures, ReportError> {
    let Period {
        programme,
        from,
        to,
        backend,
        ..
    } = *period;
    // Devices: the moves to ready or recycled in the period. A device made
    // ready twice in a year counts once.
    let to_device = || -> RelationDef {
        device_event::Entity::belongs_to(device::Entity)
            .from(device_event::Column::DeviceId)
            .to(device::Column::Id)
            .into()
    };
    let moves = |status: DeviceStatus| {
        device_event::Entity::find()
            .join(JoinType::InnerJoin, to_device())
            .filter(device::Column::ProgrammeId.eq(programme))
            .filter(device_event::Column::ToStatus.eq(status))
            .filter(device_event::Column::At.gte(from))
            .filter(device_event::Column::At.lt(to))
    };
    let moved_devices =
        Expr::col((device_event::Entity, device_event::Column::DeviceId)).count_distinct();
    // Recycling is final: a device moves there once, so its weight is summed once.
    let (recycled, recycled_grams): (i64, i64) = moves(DeviceStatus::Recycled)
        .select_only()
        .expr(moved_devices)
        .expr(total(
            Expr::col((device::Entity, device::Column::RecycledWeightGrams)).into(),
        ))
        .into_tuple()
        .one(&db.conn)
        .await?
        .unwrap_or_default();
    // Recycled in bulk from the programme's batches, by the day it went.
    let programme_batches = batch::Entity::find()
        .select_only()
        .column(batch::Column::Id)
        .filter(batch::Column::ProgrammeId.eq(programme))
        .into_query();
    let (recycled_in_bulk, bulk_grams): (i64, i64) = bulk_recycling::Entity::find()
        .select_only()
        .expr(total(Expr::col(bulk_recycling::Column::Count).into()))
        .expr(total(Expr::col(bulk_recycling::Column::WeightGrams).into()))
        .filter(bulk_recycling::Column::BatchId.in_subquery(programme_batches))
        .filter(bulk_recycling::Column::RecycledOn.gte(period.from_day))
        .filter(bulk_recycling::Column::RecycledOn.lte(period.to_day))
        .into_tuple()
        .one(&db.conn)
        .await?
        .unwrap_or_default();
    // Purchases by the day they were bought; rows from before that day was
    // kept fall back on the day they were recorded.
    let bought = device::Entity::find()
        .filter(device::Column::ProgrammeId.eq(programme))
        .filter(device::Column::Source.eq(DeviceSource::Purchase))
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(device::Column::PurchasedOn.gte(period.from_day))
                        .add(device::Column::PurchasedOn.lte(period.to_day)),
                )
                .add(
                    Condition::all()
                        .add(device::Column::PurchasedOn.is_null())
                        .add(device::Column::CreatedAt.gte(from))
                        .add(device::Column::CreatedAt.lt(to)),
                ),
        )
        .count(&db.conn)
        .await? as i64;
    // Made ready in the period: donations for the first time (refurbished),
    // and any device after coming back from a home (ready again).
    let refurbished = made_ready(
        db,
        period,
        Some(DeviceSource::Donation),
        DeviceStatus::Ready,
        false,
    )
    .await?;
    let ready_again = made_ready(db, period, None, DeviceStatus::Returned, true).await?;
    // The devices made ready in the period, each with the days from its
    // pickup to its first move to ready (none for a device from no pickup):
    // one pass gives both the count and the median.
    let pickup_to_ready = Query::select()
        .expr_as(
            days_between(backend, "MIN(device_events.at)", "pickups.collected_at"),
            Alias::new("days"),
        )
        .from(device_event::Entity)
        .inner_join(
            device::Entity,
            Expr::col((device::Entity, device::Column::Id))
                .equals((device_event::Entity, device_event::Column::DeviceId)),
        )
        .left_join(
            pickup::Entity,
            Condition::all()
                .add(
                    Expr::col((pickup::Entity, pickup::Column::Id))
                        .equals((device::Entity, device::Column::PickupId)),
                )
                .add(
                    Expr::col((pickup::Entity, pickup::Column::Status))
                        .eq(PickupStatus::Collected.as_str()),
                )
                .add(Expr::col((pickup::Entity, pickup::Column::CollectedAt)).is_not_null()),
        )
        .and_where(Expr::col((device::Entity, device::Column::ProgrammeId)).eq(programme))
        .and_where(
            Expr::col((device_event::Entity, device_event::Column::ToStatus))
                .eq(DeviceStatus::Ready.as_str()),
        )
        .and_where(Expr::col((device_event::Entity, device_event::Column::At)).gte(from))
        .and_where(Expr::col((device_event::Entity, device_event::Column::At)).lt(to))
        .group_by_col((device_event::Entity, device_event::Column::DeviceId))
        .group_by_col((pickup::Entity, pickup::Column::CollectedAt))
        .to_owned();
    let pickup_to_ready = days_histogram(db, pickup_to_ready).await?;
    Ok(DeviceFigures {
        ready_again,
        recycled,
        recycled_in_bulk,
        recycled_grams: recycled_grams + bulk_grams,
        bought,
        refurbished,
        pickup_to_ready,
    })
}

/// The devices (of `source`, or all) moved to ready in the period whose
/// earlier history holds (`had`) or lacks (`!had`) a move to `earlier`.
async fn made_ready(
    db: &Db,
    period: &Period,
    source: Option<DeviceSource>,
    earlier: DeviceStatus,
    had: bool,
) -> Result<i64, ReportError> {
    let before = Alias::new("earlier_events");
    let history = Query::select()
        .expr(Expr::val(1))
        .from_as(device_event::Entity, before.clone())
        .and_where(
            Expr::col((before.clone(), device_event::Column::DeviceId))
                .equals((device_event::Entity, device_event::Column::DeviceId)),
        )
        .and_where(Expr::col((before.clone(), device_event::Column::ToStatus)).eq(earlier.as_str()))
        .and_where(
            Expr::col((before, device_event::Column::At))
                .lt(Expr::col((device_event::Entity, device_event::Column::At))),
        )
        .to_owned();
    let history = if had {
        Expr::exists(history)
    } else {
        Expr::exists(history).not()
    };
    let mut moves = Query::select();
    moves
        .expr_as(
            Expr::col((device_event::Entity, device_event::Column::DeviceId)).count_distinct(),
            Alias::new("devices"),
        )
        .from(device_event::Entity)
        .inner_join(
            device::Entity,
            Expr::col((device::Entity, device::Column::Id))
                .equals((device_event::Entity, device_event::Column::DeviceId)),
        )
        .and_where(Expr::col((device::Entity, device::Column::ProgrammeId)).eq(period.programme))
        .and_where(
            Expr::col((device_event::Entity, device_event::Column::ToStatus))
                .eq(DeviceStatus::Ready.as_str()),
        )
        .and_where(Expr::col((device_event::Entity, device_event::Column::At)).gte(period.from))
        .and_where(Expr::col((device_event::Entity, device_event::Column::At)).lt(period.to))
        .and_where(history);
    if let Some(source) = source {
        moves.and_where(Expr::col((device::Entity, device::Column::Source)).eq(source.as_str()));
    }
    let row = db
        .conn
        .query_one(period.backend.build(&moves))
        .await?
        .map(|row| row.try_get::<i64>("", "devices"))
        .transpose()?;
    Ok(row.unwrap_or(0))
}

/// Referrals, enrolments, completions and drop-outs, by their own dates.
async fn learner_figures(db: &Db, period: &Period) -> Result<LearnerFigures, ReportError> {
    let Period {
        programme,
        from,
        to,
        from_day,
        to_day,
        backend,
        ..
    } = *period;
    // Learners.
    let learners_with = |column: referral::Column| {
        referral::Entity::find()
            .filter(referral::Column::ProgrammeId.eq(programme))
            .filter(column.gte(from))
            .filter(column.lt(to))
    };
    let enrolled = learners_with(referral::Column::EnrolledAt)
        .count(&db.conn)
        .await? as i64;
    let dropped_out = learners_with(referral::Column::DroppedOutAt)
        .count(&db.conn)
        .await? as i64;
    let referred_by_kind: Vec<(PrescriberKind, i64)> = learners_with(referral::Column::ReferredAt)
        .select_only()
        .column(referral::Column::PrescriberKind)
        .expr(Expr::col(referral::Column::Id).count())
        .group_by(referral::Column::PrescriberKind)
        .into_tuple()
        .all(&db.conn)
        .await?;
    let referrals: i64 = referred_by_kind.iter().map(|(_, count)| count).sum();
    let referred: HashMap<PrescriberKind, i64> = referred_by_kind.into_iter().collect();
    let trained_tallies: Vec<TrainedTally> = learners_with(referral::Column::CompletedAt)
        .select_only()
        .column(referral::Column::Gender)
        .column(referral::Column::PriorityNeighbourhood)
        .expr_as(Expr::col(referral::Column::Id).count(), "count")
        .expr_as(Expr::col(referral::Column::BirthYear).count(), "aged")
        .expr_as(
            total(Expr::cust(format!(
                "{} - referrals.birth_year",
                year_of(
                    backend,
                    "referrals.completed_at",
                    calendar::new_year_offset_minutes(period.zone)
                )
            ))),
            "age_years",
        )
        .group_by(referral::Column::Gender)
        .group_by(referral::Column::PriorityNeighbourhood)
        .into_model()
        .all(&db.conn)
        .await?;
    let trained: i64 = trained_tallies.iter().map(|t| t.count).sum();
    let aged: i64 = trained_tallies.iter().map(|t| t.aged).sum();
    let age_years: i64 = trained_tallies.iter().map(|t| t.age_years).sum();
    let mut genders: HashMap<Gender, i64> = HashMap::new();
    for tally in &trained_tallies {
        *genders.entry(tally.gender).or_default() += tally.count;
    }
    let priority: i64 = trained_tallies
        .iter()
        .filter(|t| t.priority_neighbourhood)
        .map(|t| t.count)
        .sum();
    // Only the priority group is published, but the trained total is: the
    // others are the second group of the breakdown.
    let priority_shown = suppress(&[priority, trained - priority])[0];
    let places: i64 = cohort::Entity::find()
        .select_only()
        .expr(total(Expr::col(cohort::Column::Places).into()))
        .filter(cohort::Column::ProgrammeId.eq(programme))
        .filter(cohort::Column::StartsOn.gte(from_day))
        .filter(cohort::Column::StartsOn.lte(to_day))
        .into_tuple()
        .one(&db.conn)
        .await?
        .unwrap_or_default();
    Ok(LearnerFigures {
        enrolled,
        dropped_out,
        referrals,
        referred,
        trained,
        aged,
        age_years,
        genders,
        priority_shown,
        places,
    })
}

/// Installations closed in the period, with and without internet.
async fn installation_figures(
    db: &Db,
    period: &Period,
) -> Result<InstallationFigures, ReportError> {
    let Period {
        programme,
        from,
        to,
        backend,
        ..
    } = *period;
    // Installations.
    let closed = || {
        installation::Entity::find()
            .filter(installation::Column::ProgrammeId.eq(programme))
            .filter(installation::Column::ClosedAt.gte(from))
            .filter(installation::Column::ClosedAt.lt(to))
    };
    // Handed over in the period, by whether the computer was set up at home
    // and how it connects: a computer given to a home with no connection yet
    // is given, not installed.
    let by_state: Vec<(Option<bool>, Option<Connection>, i64)> = closed()
        .select_only()
        .column(installation::Column::DeviceSetUp)
        .column(installation::Column::Connection)
        .expr(Expr::col(installation::Column::Id).count())
        .group_by(installation::Column::DeviceSetUp)
        .group_by(installation::Column::Connection)
        .into_tuple()
        .all(&db.conn)
        .await?;
    let given: i64 = by_state.iter().map(|(_, _, count)| count).sum();
    let set_up = || {
        by_state
            .iter()
            .filter(|(set_up, _, _)| *set_up == Some(true))
    };
    let installed: i64 = set_up().map(|(_, _, count)| count).sum();
    let without: i64 = set_up()
        .filter(|(_, connection, _)| *connection == Some(Connection::None))
        .map(|(_, _, count)| count)
        .sum();
    let with = installed - without;
    let completion_to_installation = Query::select()
        .expr_as(
            days_between(backend, "installations.closed_at", "referrals.completed_at"),
            Alias::new("days"),
        )
        .from(installation::Entity)
        .inner_join(
            referral::Entity,
            Expr::col((referral::Entity, referral::Column::Id))
                .equals((installation::Entity, installation::Column::ReferralId)),
        )
        .and_where(
            Expr::col((installation::Entity, installation::Column::ProgrammeId)).eq(programme),
        )
        .and_where(Expr::col((referral::Entity, referral::Column::ProgrammeId)).eq(programme))
        .and_where(Expr::col((installation::Entity, installation::Column::ClosedAt)).gte(from))
        .and_where(Expr::col((installation::Entity, installation::Column::ClosedAt)).lt(to))
        .and_where(Expr::col((referral::Entity, referral::Column::CompletedAt)).is_not_null())
        .to_owned();
    let completion_to_installation = days_histogram(db, completion_to_installation).await?;
    Ok(InstallationFigures {
        given,
        installed,
        with,
        without,
        completion_to_installation,
    })
}

/// The report of the viewer's programme for `from` to `to` (both included).
pub async fn report(
    db: &Db,
    viewer: &StaffUser,
    from_day: NaiveDate,
    to_day: NaiveDate,
) -> Result<Report, ReportError> {
    access::reach(viewer, Action::Read, Resource::Reports).map_err(ReportError::Rule)?;
    // A report reads the whole programme: a few at a time, so that
    // coordinators opening the dashboard together queue among themselves
    // instead of taking every database connection from the people in the field.
    let _turn = RUNNING_REPORTS.acquire().await;
    let zone = calendar::zone_of(&db.conn, viewer.programme_id).await?;
    let (from, to) = period_bounds(zone, from_day, to_day).map_err(ReportError::Rule)?;
    let period = Period {
        programme: viewer.programme_id,
        from,
        to,
        from_day,
        to_day,
        zone,
        backend: db.conn.get_database_backend(),
    };
    // Every figure is counted by the database: a national programme's year
    // holds tens of thousands of moves and learners, and carrying each row
    // to Rust cost seconds on SQLite.
    let Collection {
        pickups,
        collected_grams,
        by_category,
    } = collection(db, &period).await?;
    let DeviceFigures {
        ready_again,
        recycled,
        recycled_in_bulk,
        recycled_grams,
        bought,
        refurbished,
        pickup_to_ready,
    } = device_figures(db, &period).await?;
    let LearnerFigures {
        enrolled,
        dropped_out,
        referrals,
        referred,
        trained,
        aged,
        age_years,
        genders,
        priority_shown,
        places,
    } = learner_figures(db, &period).await?;
    let InstallationFigures {
        given,
        installed,
        with,
        without,
        completion_to_installation,
    } = installation_figures(db, &period).await?;

    let yield_ = batches::period_yield(db, viewer, from_day, to_day, None).await?;
    Ok(Report {
        from: from_day,
        to: to_day,
        pickups,
        collected: by_category
            .into_iter()
            .map(|(category, count)| CategoryLine { category, count })
            .collect(),
        collected_kg: collected_grams as f64 / 1000.0,
        devices_refurbished: refurbished,
        devices_ready_again: ready_again,
        devices_recycled: recycled,
        recycled_in_bulk,
        recycled_kg: recycled_grams as f64 / 1000.0,
        devices_bought: bought,
        devices_given: given,
        devices_installed: installed,
        handed_over_without_installation: given - installed,
        installed_with_internet: with,
        installed_without_internet: without,
        installed_with_internet_percent: percent(with, installed),
        places_opened: places,
        enrolled,
        trained,
        dropped_out,
        referrals,
        referrals_by_prescriber: shares(PrescriberKind::ALL, &referred),
        mean_age: (aged >= SMALL_GROUP)
            .then(|| (age_years as f64 / aged as f64 * 10.0).round() / 10.0),
        gender: shares(Gender::ALL, &genders),
        priority_neighbourhood: Share {
            key: true,
            count: priority_shown,
            percent: priority_shown.and_then(|p| percent(p, trained)),
        },
        ready_share_percent: yield_.ready_share_percent,
        agreed_share_percent: yield_.agreed_share_percent,
        median_days_pickup_to_ready: median_days(&pickup_to_ready),
        median_days_completion_to_installation: median_days(&completion_to_installation),
    })
}

/// The learners of the period, pseudonymised: no name, no contact; an id
/// that cannot be traced back without the database, an age band, and what
/// happened. For funders who ask for line-level data.
#[derive(Debug, Clone)]
pub struct LearnerLine {
    pub pseudonym: String,
    pub age_band: Option<&'static str>,
    pub gender: Gender,
    pub priority_neighbourhood: bool,
    pub prescriber_kind: PrescriberKind,
    pub status: ReferralStatus,
    pub completed_on: Option<NaiveDate>,
    pub installed_on: Option<NaiveDate>,
}

fn age_band(age: i32) -> &'static str {
    match age {
        ..=25 => "16-25",
        26..=40 => "26-40",
        41..=60 => "41-60",
        _ => "61+",
    }
}

pub async fn learner_lines(
    db: &Db,
    viewer: &StaffUser,
    from_day: NaiveDate,
    to_day: NaiveDate,
) -> Result<Vec<LearnerLine>, ReportError> {
    use sha2::{Digest, Sha256};
    access::reach(viewer, Action::Read, Resource::Reports).map_err(ReportError::Rule)?;
    let zone = calendar::zone_of(&db.conn, viewer.programme_id).await?;
    let (from, to) = period_bounds(zone, from_day, to_day).map_err(ReportError::Rule)?;
    let installed: HashMap<Uuid, DateTime<Utc>> = installation::Entity::find()
        .filter(installation::Column::ProgrammeId.eq(viewer.programme_id))
        .all(&db.conn)
        .await?
        .into_iter()
        .filter_map(|i| Some((i.referral_id, i.closed_at?)))
        .collect();
    let rows = referral::Entity::find()
        .filter(referral::Column::ProgrammeId.eq(viewer.programme_id))
        .all(&db.conn)
        .await?;
    let this_year = to_day.year();
    Ok(rows
        .into_iter()
        .filter(|r| {
            in_period(Some(r.created_at), from, to)
                || in_period(r.completed_at, from, to)
                || installed
                    .get(&r.id)
                    .is_some_and(|at| *at >= from && *at < to)
        })
        .map(|r| {
            let digest = Sha256::digest(format!("{}:{}", viewer.programme_id, r.id));
            LearnerLine {
                pseudonym: format!(
                    "L-{}",
                    digest
                        .iter()
                        .take(5)
                        .map(|b| format!("{b:02x}"))
                        .collect::<String>()
                ),
                age_band: r.birth_year.map(|y| age_band(this_year - y)),
                gender: r.gender,
                priority_neighbourhood: r.priority_neighbourhood,
                prescriber_kind: r.prescriber_kind,
                status: r.status,
                completed_on: r.completed_at.map(|at| calendar::programme_day(zone, at)),
                installed_on: installed
                    .get(&r.id)
                    .map(|at| calendar::programme_day(zone, *at)),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histogram(pairs: &[(i64, i64)]) -> Vec<DaysTally> {
        pairs
            .iter()
            .map(|&(days, count)| DaysTally {
                days: Some(days),
                count,
            })
            .collect()
    }

    #[test]
    fn no_hidden_count_follows_from_the_total_and_the_others() {
        // Every breakdown of two to four groups of 0 to 12 people.
        for groups in 2..=4u32 {
            for n in 0..13i64.pow(groups) {
                let counts: Vec<i64> = (0..groups).map(|g| n / 13i64.pow(g) % 13).collect();
                let shown = suppress(&counts);
                for (count, cell) in counts.iter().zip(&shown) {
                    if (1..SMALL_GROUP).contains(count) {
                        assert_eq!(*cell, None, "{counts:?}");
                    }
                    if let Some(c) = cell {
                        assert_eq!(c, count, "a shown count is the true one");
                    }
                }
                // Subtracting every set of shown groups from the total
                // leaves one number for the hidden ones together: it names
                // a group only when exactly one is hidden.
                let hidden = shown.iter().filter(|c| c.is_none()).count();
                assert_ne!(hidden, 1, "{counts:?} → {shown:?}");
            }
        }
    }

    #[test]
    fn the_median_of_a_histogram_is_the_median_of_its_records() {
        assert_eq!(median_days(&histogram(&[])), None);
        // 3, 3, 7: odd.
        assert_eq!(median_days(&histogram(&[(7, 1), (3, 2)])), Some(3.0));
        // 1, 4, 4, 9: even, between the two middle ones.
        assert_eq!(
            median_days(&histogram(&[(9, 1), (1, 1), (4, 2)])),
            Some(4.0)
        );
        // 2, 5: halfway.
        assert_eq!(median_days(&histogram(&[(5, 1), (2, 1)])), Some(3.5));
        // Records with no start are counted elsewhere, not in the median.
        let mut with_unknown = histogram(&[(6, 1)]);
        with_unknown.push(DaysTally {
            days: None,
            count: 9,
        });
        assert_eq!(median_days(&with_unknown), Some(6.0));
    }
}
