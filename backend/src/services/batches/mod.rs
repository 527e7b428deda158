//! Batches: a collector hands stored material to a refurbisher; both
//! confirm (the collector by handing over what the pickups list, the
//! refurbisher by counting what arrived). A batch keeps its pickups, so every
//! device made from it traces back to its donors.
//!
//! Who sees what: the collector's agents and the receiving refurbisher's
//! staff see a batch; coordinators see all of the programme's.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect, Set,
    sea_query::{Alias, Expr, Func},
};
use shared_types::{
    BatchStatus, DeviceStatus, ErrorCode, MaterialCategory, OrganisationKind, PickupStatus, Role,
    pickup::{MAX_COUNT_PER_CATEGORY, MaterialCount},
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{
            batch, batch_count, bulk_recycling, device, donor, organisation, pickup, pickup_count,
            programme,
        },
    },
    services::{
        access::{
            self,
            Action::{Read, Write},
            Reach,
            Resource::{BatchHandOver, BatchReceipt, Batches, RefurbisherYield},
        },
        audit, calendar, reports,
    },
};

use super::{DbErr, ServiceError, is_unique_violation};

pub mod recycling;

#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{0}")]
    Rule(ErrorCode),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl ServiceError for BatchError {
    fn code(&self) -> ErrorCode {
        match self {
            BatchError::Rule(code) => *code,
            BatchError::Db(_) => ErrorCode::Internal,
        }
    }
}

fn rule(code: ErrorCode) -> BatchError {
    BatchError::Rule(code)
}

/// One category of a batch: what the collector sent and what the refurbisher counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchCount {
    pub category: MaterialCategory,
    pub sent: i64,
    pub received: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Batch {
    pub id: Uuid,
    pub number: i64,
    pub collector_id: Uuid,
    pub refurbisher_id: Uuid,
    pub status: BatchStatus,
    pub handed_over_at: DateTime<Utc>,
    pub weight_grams: i64,
    pub received_at: Option<DateTime<Utc>>,
    pub notes: Option<String>,
    pub counts: Vec<BatchCount>,
}

impl Batch {
    /// Received, and some category counted differently from what was sent.
    pub fn mismatch(&self) -> bool {
        self.status == BatchStatus::Received
            && self
                .counts
                .iter()
                .any(|c| c.received.is_some_and(|r| r != c.sent))
    }
}

/// The organisation that holds a batch for each role: its collector for
/// the agents, its refurbisher for the workshop.
pub(crate) fn holder(row: &batch::Model) -> impl Fn(Role) -> Option<Uuid> + '_ {
    |role| match role {
        Role::CollectionAgent => Some(row.collector_id),
        Role::Refurbisher => Some(row.refurbisher_id),
        _ => None,
    }
}

pub fn may_see(viewer: &StaffUser, row: &batch::Model) -> bool {
    access::allows_record(viewer, Read, Batches, row.programme_id, holder(row))
}

/// A batch the viewer may see; another organisation's is "not found".
pub async fn find_visible<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    id: Uuid,
) -> Result<batch::Model, BatchError> {
    batch::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|row| may_see(viewer, row))
        .ok_or(rule(ErrorCode::NotFound))
}

async fn with_counts(db: &Db, rows: Vec<batch::Model>) -> Result<Vec<Batch>, BatchError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut counts: HashMap<Uuid, Vec<BatchCount>> = HashMap::new();
    for row in batch_count::Entity::find()
        .filter(batch_count::Column::BatchId.is_in(ids))
        .all(&db.conn)
        .await?
    {
        counts.entry(row.batch_id).or_default().push(BatchCount {
            category: row.category,
            sent: row.sent,
            received: row.received,
        });
    }
    rows.into_iter()
        .map(|row| {
            let mut row_counts = counts.remove(&row.id).unwrap_or_default();
            row_counts.sort_by_key(|c| c.category);
            Ok(Batch {
                status: row.status,
                id: row.id,
                number: row.number,
                collector_id: row.collector_id,
                refurbisher_id: row.refurbisher_id,
                handed_over_at: row.handed_over_at,
                weight_grams: row.weight_grams,
                received_at: row.received_at,
                notes: row.notes,
                counts: row_counts,
            })
        })
        .collect()
}

pub async fn get(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Batch, BatchError> {
    let row = find_visible(&db.conn, viewer, id).await?;
    with_counts(db, vec![row])
        .await?
        .pop()
        .ok_or(rule(ErrorCode::NotFound))
}

/// The batches the viewer may see, waiting ones first, then the latest.
pub async fn list(
    db: &Db,
    viewer: &StaffUser,
    status: Option<BatchStatus>,
) -> Result<Vec<Batch>, BatchError> {
    let mut query =
        batch::Entity::find().filter(batch::Column::ProgrammeId.eq(viewer.programme_id));
    if access::reach(viewer, Read, Batches).map_err(rule)? == Reach::Own {
        let org = viewer.organisation_id;
        let mut condition = sea_orm::Condition::any();
        for (role, _) in access::grants(viewer, Read, Batches) {
            condition = match role {
                Role::CollectionAgent => condition.add(batch::Column::CollectorId.eq(org)),
                Role::Refurbisher => condition.add(batch::Column::RefurbisherId.eq(org)),
                _ => condition,
            };
        }
        query = query.filter(condition);
    }
    if let Some(status) = status {
        query = query.filter(batch::Column::Status.eq(status));
    }
    let rows = query
        .order_by_desc(Expr::cust(
            "CASE WHEN status = 'HANDED_OVER' THEN 1 ELSE 0 END",
        ))
        .order_by_desc(batch::Column::Number)
        .limit(200)
        .all(&db.conn)
        .await?;
    with_counts(db, rows).await
}

#[derive(Debug, Clone)]
pub struct HandOver {
    pub pickup_ids: Vec<Uuid>,
    pub refurbisher_id: Uuid,
    pub notes: Option<String>,
    /// The day it happened (today when none).
    pub on: Option<NaiveDate>,
}

/// The collector hands pickups in storage to a refurbisher as one batch.
pub async fn hand_over(db: &Db, viewer: &StaffUser, input: HandOver) -> Result<Batch, BatchError> {
    access::reach(viewer, Write, BatchHandOver).map_err(rule)?;
    if input.pickup_ids.is_empty() {
        return Err(rule(ErrorCode::NothingToHandOver));
    }
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let now = Utc::now();
    let happened = calendar.happened(input.on, now).map_err(rule)?;
    let refurbisher = organisation::Entity::find_by_id(input.refurbisher_id)
        .one(&db.conn)
        .await?
        .filter(|o| {
            o.programme_id == viewer.programme_id && o.kind == OrganisationKind::Refurbisher
        })
        .ok_or(rule(ErrorCode::RefurbisherRequired))?;
    let notes = input
        .notes
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    // Two agents handing over at once may pick the same number; the loser retries.
    for _ in 0..3 {
        let tx = db.write_tx().await?;
        let pickups = pickup::Entity::find()
            .filter(pickup::Column::Id.is_in(input.pickup_ids.clone()))
            .all(&*tx)
            .await?;
        // Another organisation's pickups are not found, not "not in storage":
        // their state is none of this agent's business.
        let all_ours = pickups.len() == input.pickup_ids.len()
            && pickups.iter().all(|p| {
                p.organisation_id == viewer.organisation_id && p.programme_id == viewer.programme_id
            });
        if !all_ours {
            return Err(rule(ErrorCode::NotFound));
        }
        let all_in_storage = pickups
            .iter()
            .all(|p| p.status == PickupStatus::Collected && p.batch_id.is_none());
        if !all_in_storage {
            return Err(rule(ErrorCode::PickupNotInStorage));
        }
        // Material leaves on or after the day it was collected.
        let collected = pickups.iter().filter_map(|p| p.collected_at).max();
        let happened = calendar.follows(collected, happened).map_err(rule)?;
        let mut sent: BTreeMap<MaterialCategory, i64> = BTreeMap::new();
        for row in pickup_count::Entity::find()
            .filter(pickup_count::Column::PickupId.is_in(input.pickup_ids.clone()))
            .all(&*tx)
            .await?
        {
            *sent.entry(row.category).or_default() += row.count;
        }
        let weight: i64 = pickups.iter().filter_map(|p| p.weight_grams).sum();
        let last: Option<i64> = batch::Entity::find()
            .filter(batch::Column::ProgrammeId.eq(viewer.programme_id))
            .select_only()
            .column_as(batch::Column::Number.max(), "last")
            .into_tuple()
            .one(&*tx)
            .await?
            .flatten();
        let inserted = batch::ActiveModel {
            id: Set(Uuid::new_v4()),
            programme_id: Set(viewer.programme_id),
            number: Set(last.unwrap_or(0) + 1),
            collector_id: Set(viewer.organisation_id),
            refurbisher_id: Set(refurbisher.id),
            status: Set(BatchStatus::HandedOver),
            handed_over_at: Set(happened.at),
            handed_over_by: Set(viewer.id),
            weight_grams: Set(weight),
            received_at: Set(None),
            received_by: Set(None),
            notes: Set(notes.clone()),
            created_at: Set(now),
        }
        .insert(&*tx)
        .await;
        let row = match inserted {
            Ok(row) => row,
            Err(err) if is_unique_violation(&err) => {
                tx.rollback().await?;
                continue;
            }
            Err(err) => return Err(err.into()),
        };
        for (category, count) in &sent {
            batch_count::ActiveModel {
                batch_id: Set(row.id),
                category: Set(*category),
                sent: Set(*count),
                received: Set(None),
            }
            .insert(&*tx)
            .await?;
        }
        pickup::Entity::update_many()
            .col_expr(pickup::Column::BatchId, Expr::value(row.id))
            .col_expr(pickup::Column::UpdatedAt, Expr::value(now))
            .filter(pickup::Column::Id.is_in(input.pickup_ids.clone()))
            .exec(&*tx)
            .await?;
        audit::dated(&*tx, viewer, happened, "batch.handover", row.id).await?;
        tx.commit().await?;
        return get(db, viewer, row.id).await;
    }
    Err(rule(ErrorCode::Internal))
}

/// The refurbisher confirms receipt with what they counted; differences
/// with what was sent are kept and flagged, not refused.
pub async fn receive(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    counted: Vec<MaterialCount>,
    notes: Option<String>,
    on: Option<NaiveDate>,
) -> Result<Batch, BatchError> {
    access::reach(viewer, Write, BatchReceipt).map_err(rule)?;
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let happened = calendar.happened(on, Utc::now()).map_err(rule)?;
    for count in &counted {
        if count.count < 0 {
            return Err(rule(ErrorCode::CountNegative));
        }
        if count.count > MAX_COUNT_PER_CATEGORY * 10 {
            return Err(rule(ErrorCode::CountTooLarge));
        }
    }
    let tx = db.write_tx().await?;
    let row = find_visible(&*tx, viewer, id).await?;
    if !access::allows(viewer, Write, BatchReceipt, holder(&row)) {
        return Err(rule(ErrorCode::NotFound));
    }
    if row.status != BatchStatus::HandedOver {
        return Err(rule(ErrorCode::BatchAlreadyReceived));
    }
    let happened = calendar
        .follows(Some(row.handed_over_at), happened)
        .map_err(rule)?;
    let existing = batch_count::Entity::find()
        .filter(batch_count::Column::BatchId.eq(id))
        .all(&*tx)
        .await?;
    for category in MaterialCategory::ALL {
        let received: i64 = counted
            .iter()
            .filter(|c| c.category == *category)
            .map(|c| c.count)
            .sum();
        match existing.iter().find(|e| e.category == *category) {
            Some(found) => {
                let mut active: batch_count::ActiveModel = found.clone().into();
                active.received = Set(Some(received));
                active.update(&*tx).await?;
            }
            None if received > 0 => {
                batch_count::ActiveModel {
                    batch_id: Set(id),
                    category: Set(*category),
                    sent: Set(0),
                    received: Set(Some(received)),
                }
                .insert(&*tx)
                .await?;
            }
            None => {}
        }
    }
    let mut active: batch::ActiveModel = row.into();
    active.status = Set(BatchStatus::Received);
    active.received_at = Set(Some(happened.at));
    active.received_by = Set(Some(viewer.id));
    if let Some(notes) = notes
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
    {
        active.notes = Set(Some(notes));
    }
    active.update(&*tx).await?;
    audit::dated(&*tx, viewer, happened, "batch.receipt", id).await?;
    tx.commit().await?;
    get(db, viewer, id).await
}

/// A pickup in a batch, as the batch shows it: where the material came from.
#[derive(Debug, Clone)]
pub struct BatchPickup {
    pub id: Uuid,
    pub donor_id: Uuid,
    pub donor_name: String,
    pub collected_at: Option<DateTime<Utc>>,
    pub items: i64,
}

pub async fn pickups_of(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
) -> Result<Vec<BatchPickup>, BatchError> {
    find_visible(&db.conn, viewer, id).await?;
    let rows = pickup::Entity::find()
        .filter(pickup::Column::BatchId.eq(id))
        .order_by_asc(pickup::Column::CollectedAt)
        .all(&db.conn)
        .await?;
    let donor_ids: Vec<Uuid> = rows.iter().map(|r| r.donor_id).collect();
    let names: HashMap<Uuid, String> = donor::Entity::find()
        .filter(donor::Column::Id.is_in(donor_ids))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let mut items: HashMap<Uuid, i64> = HashMap::new();
    for row in pickup_count::Entity::find()
        .filter(pickup_count::Column::PickupId.is_in(rows.iter().map(|r| r.id).collect::<Vec<_>>()))
        .all(&db.conn)
        .await?
    {
        *items.entry(row.pickup_id).or_default() += row.count;
    }
    Ok(rows
        .into_iter()
        .map(|r| BatchPickup {
            id: r.id,
            donor_name: names.get(&r.donor_id).cloned().unwrap_or_default(),
            donor_id: r.donor_id,
            collected_at: r.collected_at,
            items: items.get(&r.id).copied().unwrap_or(0),
        })
        .collect())
}

/// What a refurbisher gave back from what they received.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Yield {
    /// Items counted at receipt.
    pub received_items: i64,
    pub received_grams: i64,
    /// Device records made.
    pub devices: i64,
    /// Devices that reached "ready" (including those since given out).
    pub ready: i64,
    /// Device records recycled.
    pub recycled: i64,
    /// Items recycled in bulk, with no device record each.
    pub recycled_in_bulk: i64,
    /// Weight recycled, device records and bulk together.
    pub recycled_grams: i64,
    /// The share of received items given back ready, in percent.
    pub ready_share_percent: f64,
    /// The share agreed with the refurbisher (a programme setting).
    pub agreed_share_percent: f64,
}

/// How many of a set of batches' devices are in one status, and their
/// recycled weight.
#[derive(FromQueryResult)]
struct StatusTally {
    status: DeviceStatus,
    devices: i64,
    recycled_grams: i64,
}

async fn yield_of_batches(
    db: &Db,
    programme_id: Uuid,
    batch_ids: Vec<Uuid>,
) -> Result<Yield, BatchError> {
    let agreed = programme::Entity::find_by_id(programme_id)
        .one(&db.conn)
        .await?
        .map(|p| p.return_share_percent as f64)
        .unwrap_or(10.0);
    let counts = batch_count::Entity::find()
        .filter(batch_count::Column::BatchId.is_in(batch_ids.clone()))
        .all(&db.conn)
        .await?;
    let received_items: i64 = counts.iter().map(|c| c.received.unwrap_or(c.sent)).sum();
    let received_grams: i64 = batch::Entity::find()
        .filter(batch::Column::Id.is_in(batch_ids.clone()))
        .all(&db.conn)
        .await?
        .iter()
        .map(|b| b.weight_grams)
        .sum();
    // Counted by the database: a year's batches hold tens of thousands of devices.
    let tallies: Vec<StatusTally> = device::Entity::find()
        .select_only()
        .column(device::Column::Status)
        .column_as(Expr::col(device::Column::Id).count(), "devices")
        .column_as(
            // PostgreSQL sums bigints into numeric: back to a bigint.
            Expr::expr(Func::cast_as(
                Func::coalesce([
                    Expr::col(device::Column::RecycledWeightGrams).sum(),
                    Expr::value(0),
                ]),
                Alias::new("BIGINT"),
            )),
            "recycled_grams",
        )
        .filter(device::Column::BatchId.is_in(batch_ids.clone()))
        .group_by(device::Column::Status)
        .into_model()
        .all(&db.conn)
        .await?;
    let bulk = bulk_recycling::Entity::find()
        .filter(bulk_recycling::Column::BatchId.is_in(batch_ids))
        .all(&db.conn)
        .await?;
    let mut result = Yield {
        received_items,
        received_grams,
        devices: tallies.iter().map(|t| t.devices).sum(),
        agreed_share_percent: agreed,
        recycled_in_bulk: bulk.iter().map(|b| b.count).sum(),
        recycled_grams: bulk.iter().map(|b| b.weight_grams).sum(),
        ..Yield::default()
    };
    for tally in &tallies {
        match tally.status {
            DeviceStatus::Recycled => {
                result.recycled += tally.devices;
                result.recycled_grams += tally.recycled_grams;
            }
            DeviceStatus::Ready
            | DeviceStatus::Reserved
            | DeviceStatus::InstallationScheduled
            | DeviceStatus::Installed
            | DeviceStatus::Returned => result.ready += tally.devices,
            _ => {}
        }
    }
    if received_items > 0 {
        result.ready_share_percent =
            (result.ready as f64 * 1000.0 / received_items as f64).round() / 10.0;
    }
    Ok(result)
}

pub async fn batch_yield(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Yield, BatchError> {
    let row = find_visible(&db.conn, viewer, id).await?;
    yield_of_batches(db, row.programme_id, vec![id]).await
}

/// The yield over the batches received in `[from, to)`: a refurbisher's own,
/// or (coordinators) one refurbisher's or all.
pub async fn period_yield(
    db: &Db,
    viewer: &StaffUser,
    from_day: NaiveDate,
    to_day: NaiveDate,
    refurbisher_id: Option<Uuid>,
) -> Result<Yield, BatchError> {
    let refurbisher_id =
        access::listing_scope(viewer, Read, RefurbisherYield, refurbisher_id).map_err(rule)?;
    let zone = calendar::zone_of(&db.conn, viewer.programme_id).await?;
    let (from, to) = reports::period_bounds(zone, from_day, to_day).map_err(rule)?;
    let mut query = batch::Entity::find()
        .filter(batch::Column::ProgrammeId.eq(viewer.programme_id))
        .filter(batch::Column::Status.eq(BatchStatus::Received))
        .filter(batch::Column::ReceivedAt.gte(from))
        .filter(batch::Column::ReceivedAt.lt(to));
    if let Some(id) = refurbisher_id {
        query = query.filter(batch::Column::RefurbisherId.eq(id));
    }
    let ids: Vec<Uuid> = query
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|b| b.id)
        .collect();
    yield_of_batches(db, viewer.programme_id, ids).await
}
