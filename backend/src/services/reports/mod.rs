//! The programme's yearly report, computed from the records (never typed
//! in): one `Report` value that the dashboard, the PDF, the CSV files and
//! the API all show, so a figure is the same everywhere.
//!
//! Each figure counts its own event in the period: a pickup by its
//! collection date, a device by the day it became ready (or was recycled,
//! or bought), a learner by the day they enrolled, completed, dropped out,
//! an installation by the day it was closed. People breakdowns with fewer
//! than five people are suppressed (`None`) so nobody can be recognised.

pub mod documents;

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, Utc};
use sea_orm::{
    ColumnTrait, EntityTrait, FromQueryResult, JoinType, PaginatorTrait, QueryFilter, QuerySelect,
    RelationDef, sea_query::Query,
};
use shared_types::{
    Connection, DeviceSource, DeviceStatus, ErrorCode, Gender, MaterialCategory, PickupStatus,
    PrescriberKind, Role,
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{cohort, device, device_event, installation, pickup, pickup_count, referral},
    },
    services::batches,
};

use super::{DbErr, ServiceError};

#[derive(FromQueryResult)]
struct PickupFacts {
    id: Uuid,
    collected_at: Option<DateTime<Utc>>,
    weight_grams: Option<i64>,
}

/// A device's move to ready or recycled, and what the figures need of it.
#[derive(FromQueryResult)]
struct DeviceMove {
    device_id: Uuid,
    to_status: String,
    at: DateTime<Utc>,
    pickup_id: Option<Uuid>,
    recycled_weight_grams: Option<i64>,
}

#[derive(FromQueryResult)]
struct LearnerFacts {
    id: Uuid,
    created_at: DateTime<Utc>,
    enrolled_at: Option<DateTime<Utc>>,
    completed_at: Option<DateTime<Utc>>,
    dropped_out_at: Option<DateTime<Utc>>,
    birth_year: Option<i32>,
    gender: String,
    prescriber_kind: String,
    priority_neighbourhood: bool,
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

/// A count of people in a breakdown, or `None` when too small to show.
pub fn suppress(count: i64) -> Option<i64> {
    (count == 0 || count >= SMALL_GROUP).then_some(count)
}

/// A share in percent with one decimal, `None` when there is no whole.
pub fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| (part as f64 * 1000.0 / whole as f64).round() / 10.0)
}

fn median_days(mut days: Vec<i64>) -> Option<f64> {
    if days.is_empty() {
        return None;
    }
    days.sort_unstable();
    let n = days.len();
    Some(if n % 2 == 1 {
        days[n / 2] as f64
    } else {
        (days[n / 2 - 1] + days[n / 2]) as f64 / 2.0
    })
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
    pub devices_refurbished: i64,
    pub devices_recycled: i64,
    pub recycled_kg: f64,
    pub devices_bought: i64,
    pub devices_installed: i64,
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

fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc()
}

fn in_period(at: Option<DateTime<Utc>>, from: DateTime<Utc>, to: DateTime<Utc>) -> bool {
    at.is_some_and(|at| at >= from && at < to)
}

fn shares<K: Copy + Eq + std::hash::Hash>(keys: &[K], values: &[K]) -> Vec<Share<K>> {
    let whole = values.len() as i64;
    keys.iter()
        .map(|key| {
            let count = values.iter().filter(|v| *v == key).count() as i64;
            let shown = suppress(count);
            Share {
                key: *key,
                count: shown,
                percent: shown.and_then(|c| percent(c, whole)),
            }
        })
        .collect()
}

/// The report of the viewer's programme for `from` to `to` (both included).
pub async fn report(
    db: &Db,
    viewer: &StaffUser,
    from_day: NaiveDate,
    to_day: NaiveDate,
) -> Result<Report, ReportError> {
    if !viewer.has_role(Role::Coordinator) {
        return Err(ReportError::Rule(ErrorCode::Forbidden));
    }
    // A report reads the whole programme: a few at a time, so that
    // coordinators opening the dashboard together queue among themselves
    // instead of taking every database connection from the people in the field.
    let _turn = RUNNING_REPORTS.acquire().await;
    if to_day < from_day {
        return Err(ReportError::Rule(ErrorCode::DatesInvalid));
    }
    let programme = viewer.programme_id;
    let (from, to) = (
        start_of(from_day),
        start_of(to_day.succ_opt().unwrap_or(to_day)),
    );

    // Collection. Only the columns the figures need: the report reads every
    // record of the programme, and a national one has hundreds of thousands.
    let pickups: Vec<PickupFacts> = pickup::Entity::find()
        .select_only()
        .columns([
            pickup::Column::Id,
            pickup::Column::CollectedAt,
            pickup::Column::WeightGrams,
        ])
        .filter(pickup::Column::ProgrammeId.eq(programme))
        .filter(pickup::Column::Status.eq(PickupStatus::Collected.as_str()))
        .into_model()
        .all(&db.conn)
        .await?;
    let pickups_in: Vec<&PickupFacts> = pickups
        .iter()
        .filter(|p| in_period(p.collected_at, from, to))
        .collect();
    let collected_in_period = Query::select()
        .column(pickup::Column::Id)
        .from(pickup::Entity)
        .and_where(pickup::Column::ProgrammeId.eq(programme))
        .and_where(pickup::Column::Status.eq(PickupStatus::Collected.as_str()))
        .and_where(pickup::Column::CollectedAt.gte(from))
        .and_where(pickup::Column::CollectedAt.lt(to))
        .to_owned();
    let mut by_category: BTreeMap<MaterialCategory, i64> = BTreeMap::new();
    for row in pickup_count::Entity::find()
        .filter(pickup_count::Column::PickupId.in_subquery(collected_in_period))
        .all(&db.conn)
        .await?
    {
        if let Some(category) = MaterialCategory::parse(&row.category) {
            *by_category.entry(category).or_default() += row.count;
        }
    }
    let collected_grams: i64 = pickups_in.iter().filter_map(|p| p.weight_grams).sum();

    // Devices: the moves to ready or recycled in the period, with the few
    // facts of the device that made each.
    let to_device: RelationDef = device_event::Entity::belongs_to(device::Entity)
        .from(device_event::Column::DeviceId)
        .to(device::Column::Id)
        .into();
    let events: Vec<DeviceMove> = device_event::Entity::find()
        .select_only()
        .columns([
            device_event::Column::DeviceId,
            device_event::Column::ToStatus,
            device_event::Column::At,
        ])
        .column(device::Column::PickupId)
        .column(device::Column::RecycledWeightGrams)
        .join(JoinType::InnerJoin, to_device)
        .filter(device::Column::ProgrammeId.eq(programme))
        .filter(device_event::Column::ToStatus.is_in([
            DeviceStatus::Ready.as_str(),
            DeviceStatus::Recycled.as_str(),
        ]))
        .filter(device_event::Column::At.gte(from))
        .filter(device_event::Column::At.lt(to))
        .into_model()
        .all(&db.conn)
        .await?;
    let devices: HashMap<Uuid, &DeviceMove> = events.iter().map(|e| (e.device_id, e)).collect();
    let reached = |status: DeviceStatus| -> HashMap<Uuid, DateTime<Utc>> {
        let mut first = HashMap::new();
        for e in events.iter().filter(|e| e.to_status == status.as_str()) {
            first
                .entry(e.device_id)
                .and_modify(|at: &mut DateTime<Utc>| *at = (*at).min(e.at))
                .or_insert(e.at);
        }
        first
    };
    let ready = reached(DeviceStatus::Ready);
    let recycled = reached(DeviceStatus::Recycled);
    let recycled_grams: i64 = recycled
        .keys()
        .filter_map(|id| devices.get(id)?.recycled_weight_grams)
        .sum();
    let bought = device::Entity::find()
        .filter(device::Column::ProgrammeId.eq(programme))
        .filter(device::Column::Source.eq(DeviceSource::Purchase.as_str()))
        .filter(device::Column::CreatedAt.gte(from))
        .filter(device::Column::CreatedAt.lt(to))
        .count(&db.conn)
        .await? as i64;
    let pickup_dates: HashMap<Uuid, DateTime<Utc>> = pickups
        .iter()
        .filter_map(|p| Some((p.id, p.collected_at?)))
        .collect();
    let pickup_to_ready: Vec<i64> = ready
        .iter()
        .filter_map(|(id, at)| {
            let collected = pickup_dates.get(&devices.get(id)?.pickup_id?)?;
            Some((*at - *collected).num_days())
        })
        .collect();

    // Learners.
    let learners: Vec<LearnerFacts> = referral::Entity::find()
        .select_only()
        .columns([
            referral::Column::Id,
            referral::Column::CreatedAt,
            referral::Column::EnrolledAt,
            referral::Column::CompletedAt,
            referral::Column::DroppedOutAt,
            referral::Column::BirthYear,
            referral::Column::Gender,
            referral::Column::PrescriberKind,
            referral::Column::PriorityNeighbourhood,
        ])
        .filter(referral::Column::ProgrammeId.eq(programme))
        .into_model()
        .all(&db.conn)
        .await?;
    let completed_at: HashMap<Uuid, DateTime<Utc>> = learners
        .iter()
        .filter_map(|r| Some((r.id, r.completed_at?)))
        .collect();
    let referred: Vec<&LearnerFacts> = learners
        .iter()
        .filter(|r| in_period(Some(r.created_at), from, to))
        .collect();
    let trained: Vec<&LearnerFacts> = learners
        .iter()
        .filter(|r| in_period(r.completed_at, from, to))
        .collect();
    let ages: Vec<f64> = trained
        .iter()
        .filter_map(|r| Some((r.completed_at?.year() - r.birth_year?) as f64))
        .collect();
    let kinds: Vec<PrescriberKind> = referred
        .iter()
        .filter_map(|r| PrescriberKind::parse(&r.prescriber_kind))
        .collect();
    let genders: Vec<Gender> = trained
        .iter()
        .filter_map(|r| Gender::parse(&r.gender))
        .collect();
    let priority = trained.iter().filter(|r| r.priority_neighbourhood).count() as i64;
    let priority_shown = suppress(priority);
    let places: i64 = cohort::Entity::find()
        .filter(cohort::Column::ProgrammeId.eq(programme))
        .filter(cohort::Column::StartsOn.gte(from_day))
        .filter(cohort::Column::StartsOn.lte(to_day))
        .all(&db.conn)
        .await?
        .iter()
        .map(|c| c.places as i64)
        .sum();

    // Installations.
    let installed: Vec<installation::Model> = installation::Entity::find()
        .filter(installation::Column::ProgrammeId.eq(programme))
        .filter(installation::Column::ClosedAt.gte(from))
        .filter(installation::Column::ClosedAt.lt(to))
        .all(&db.conn)
        .await?
        .into_iter()
        .filter(|i| in_period(i.closed_at, from, to))
        .collect();
    let without = installed
        .iter()
        .filter(|i| i.connection.as_deref() == Some(Connection::None.as_str()))
        .count() as i64;
    let with = installed.len() as i64 - without;
    let completion_to_installation: Vec<i64> = installed
        .iter()
        .filter_map(|i| Some((i.closed_at? - *completed_at.get(&i.referral_id)?).num_days()))
        .collect();

    let refurbished: HashSet<Uuid> = ready.keys().copied().collect();
    let yield_ = batches::period_yield(db, viewer, from, to, None).await?;
    Ok(Report {
        from: from_day,
        to: to_day,
        pickups: pickups_in.len() as i64,
        collected: by_category
            .into_iter()
            .map(|(category, count)| CategoryLine { category, count })
            .collect(),
        collected_kg: collected_grams as f64 / 1000.0,
        devices_refurbished: refurbished.len() as i64,
        devices_recycled: recycled.len() as i64,
        recycled_kg: recycled_grams as f64 / 1000.0,
        devices_bought: bought,
        devices_installed: installed.len() as i64,
        installed_with_internet: with,
        installed_without_internet: without,
        installed_with_internet_percent: percent(with, installed.len() as i64),
        places_opened: places,
        enrolled: learners
            .iter()
            .filter(|r| in_period(r.enrolled_at, from, to))
            .count() as i64,
        trained: trained.len() as i64,
        dropped_out: learners
            .iter()
            .filter(|r| in_period(r.dropped_out_at, from, to))
            .count() as i64,
        referrals: referred.len() as i64,
        referrals_by_prescriber: shares(PrescriberKind::ALL, &kinds),
        mean_age: (ages.len() as i64 >= SMALL_GROUP)
            .then(|| (ages.iter().sum::<f64>() / ages.len() as f64 * 10.0).round() / 10.0),
        gender: shares(Gender::ALL, &genders),
        priority_neighbourhood: Share {
            key: true,
            count: priority_shown,
            percent: priority_shown.and_then(|p| percent(p, trained.len() as i64)),
        },
        ready_share_percent: yield_.ready_share_percent,
        agreed_share_percent: yield_.agreed_share_percent,
        median_days_pickup_to_ready: median_days(pickup_to_ready),
        median_days_completion_to_installation: median_days(completion_to_installation),
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
    pub status: String,
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
    if !viewer.has_role(Role::Coordinator) {
        return Err(ReportError::Rule(ErrorCode::Forbidden));
    }
    let (from, to) = (
        start_of(from_day),
        start_of(to_day.succ_opt().unwrap_or(to_day)),
    );
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
                gender: Gender::parse(&r.gender).unwrap_or(Gender::Unspecified),
                priority_neighbourhood: r.priority_neighbourhood,
                prescriber_kind: PrescriberKind::parse(&r.prescriber_kind)
                    .unwrap_or(PrescriberKind::Other),
                status: r.status.clone(),
                completed_on: r.completed_at.map(|d| d.date_naive()),
                installed_on: installed.get(&r.id).map(|d| d.date_naive()),
            }
        })
        .collect())
}
