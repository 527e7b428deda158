//! Pickups: material a collector takes from a donor, and what the collector
//! holds in storage until it leaves in a batch.
//!
//! Who sees what: collection agents see and record their own organisation's
//! pickups; coordinators see every pickup of the programme; nobody else any.

pub mod photos;
pub mod receipt;
mod record;

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, Set, sea_query::Expr,
};
use shared_types::{
    ErrorCode, MaterialCategory, PickupStatus,
    pickup::{
        ItemSerial, MAX_ADDRESS_CHARS, MAX_NOTES_CHARS, MaterialCount, check_length,
        check_material, clean_serials, weight_grams,
    },
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{pickup, pickup_count, pickup_serial},
    },
    services::donors::DonorError,
};

use shared_types::Page;

use super::{
    DbErr, ServiceError,
    access::{
        self,
        Action::{Read, Write},
        Resource::Pickups,
    },
};

pub use record::{DonorChoice, Location, PickupInput, record};

#[derive(Debug, thiserror::Error)]
pub enum PickupError {
    #[error("{0}")]
    Rule(ErrorCode),
    #[error("photo storage: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl ServiceError for PickupError {
    fn code(&self) -> ErrorCode {
        match self {
            PickupError::Rule(code) => *code,
            PickupError::Io(_) | PickupError::Db(_) => ErrorCode::Internal,
        }
    }
}

impl From<DonorError> for PickupError {
    fn from(err: DonorError) -> PickupError {
        match err {
            DonorError::Rule(code) => PickupError::Rule(code),
            DonorError::Db(e) => PickupError::Db(e),
        }
    }
}

fn rule(code: ErrorCode) -> PickupError {
    PickupError::Rule(code)
}

#[derive(Debug, Clone)]
pub struct Pickup {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub donor_id: Uuid,
    pub status: PickupStatus,
    pub scheduled_for: Option<DateTime<Utc>>,
    pub collected_at: Option<DateTime<Utc>>,
    pub address: Option<String>,
    pub weight_grams: Option<i64>,
    pub location: Option<Location>,
    pub signature: Vec<Vec<i32>>,
    pub signed_by: Option<String>,
    pub notes: Option<String>,
    pub cancel_reason: Option<String>,
    pub recorded_by: Uuid,
    /// The batch its material left in, once handed over.
    pub batch_id: Option<Uuid>,
    pub counts: Vec<MaterialCount>,
    pub serials: Vec<ItemSerial>,
    pub created_at: DateTime<Utc>,
}

impl Pickup {
    pub fn item_count(&self) -> i64 {
        self.counts.iter().map(|c| c.count).sum()
    }
}

/// Who may record and change pickups: agents, for their own organisation.
fn ensure_agent(viewer: &StaffUser) -> Result<(), PickupError> {
    access::reach(viewer, Write, Pickups).map_err(rule)?;
    Ok(())
}

/// Loads a pickup the viewer may see. Another organisation's pickup is
/// "not found", as if it did not exist: nothing to learn by guessing ids.
async fn find_visible<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    id: Uuid,
) -> Result<pickup::Model, PickupError> {
    access::reach(viewer, Read, Pickups).map_err(rule)?;
    pickup::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|row| {
            access::allows_record(viewer, Read, Pickups, row.programme_id, |_| {
                Some(row.organisation_id)
            })
        })
        .ok_or(rule(ErrorCode::NotFound))
}

async fn load_details(db: &Db, rows: Vec<pickup::Model>) -> Result<Vec<Pickup>, PickupError> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut counts: HashMap<Uuid, Vec<MaterialCount>> = HashMap::new();
    for row in pickup_count::Entity::find()
        .filter(pickup_count::Column::PickupId.is_in(ids.clone()))
        .all(&db.conn)
        .await?
    {
        counts
            .entry(row.pickup_id)
            .or_default()
            .push(MaterialCount {
                category: row.category,
                count: row.count,
            });
    }
    let mut serials: HashMap<Uuid, Vec<ItemSerial>> = HashMap::new();
    for row in pickup_serial::Entity::find()
        .filter(pickup_serial::Column::PickupId.is_in(ids))
        .order_by_asc(pickup_serial::Column::Serial)
        .all(&db.conn)
        .await?
    {
        serials.entry(row.pickup_id).or_default().push(ItemSerial {
            category: row.category,
            serial: row.serial,
        });
    }
    rows.into_iter()
        .map(|row| {
            let mut row_counts = counts.remove(&row.id).unwrap_or_default();
            row_counts.sort_by_key(|c| c.category);
            Ok(Pickup {
                status: row.status,
                location: row
                    .latitude
                    .zip(row.longitude)
                    .map(|(latitude, longitude)| Location {
                        latitude,
                        longitude,
                        accuracy_m: row.location_accuracy_m,
                    }),
                signature: match &row.signature {
                    Some(json) => serde_json::from_str(json)
                        .map_err(|e| DbErr::Custom(format!("stored signature: {e}")))?,
                    None => Vec::new(),
                },
                counts: row_counts,
                serials: serials.remove(&row.id).unwrap_or_default(),
                id: row.id,
                organisation_id: row.organisation_id,
                donor_id: row.donor_id,
                scheduled_for: row.scheduled_for,
                collected_at: row.collected_at,
                address: row.address,
                weight_grams: row.weight_grams,
                signed_by: row.signed_by,
                notes: row.notes,
                cancel_reason: row.cancel_reason,
                recorded_by: row.recorded_by,
                batch_id: row.batch_id,
                created_at: row.created_at,
            })
        })
        .collect()
}

pub async fn get(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Pickup, PickupError> {
    let row = find_visible(&db.conn, viewer, id).await?;
    let mut found = load_details(db, vec![row]).await?;
    found.pop().ok_or(rule(ErrorCode::NotFound))
}

#[derive(Debug, Default, Clone)]
pub struct PickupFilter {
    pub status: Option<PickupStatus>,
    /// Coordinators only; agents always see their own organisation's.
    pub organisation_id: Option<Uuid>,
    pub donor_id: Option<Uuid>,
    /// Only what is still in storage (collected, not handed over).
    pub in_storage: bool,
}

/// The viewer's pickups, planned ones by date first, then the latest collected.
pub async fn list(
    db: &Db,
    viewer: &StaffUser,
    filter: PickupFilter,
    offset: u64,
    limit: u64,
) -> Result<Page<Pickup>, PickupError> {
    let scope =
        access::listing_scope(viewer, Read, Pickups, filter.organisation_id).map_err(rule)?;
    let mut query =
        pickup::Entity::find().filter(pickup::Column::ProgrammeId.eq(viewer.programme_id));
    if let Some(organisation_id) = scope {
        query = query.filter(pickup::Column::OrganisationId.eq(organisation_id));
    }
    if let Some(status) = filter.status {
        query = query.filter(pickup::Column::Status.eq(status));
    }
    if let Some(donor_id) = filter.donor_id {
        query = query.filter(pickup::Column::DonorId.eq(donor_id));
    }
    if filter.in_storage {
        query = query
            .filter(pickup::Column::Status.eq(PickupStatus::Collected))
            .filter(pickup::Column::BatchId.is_null());
    }
    let total = query.clone().count(&db.conn).await?;
    let rows = query
        // Planned first (soonest first), then collected (latest first).
        .order_by_desc(Expr::cust(
            "CASE WHEN status = 'SCHEDULED' THEN 1 ELSE 0 END",
        ))
        .order_by_asc(pickup::Column::ScheduledFor)
        .order_by_desc(pickup::Column::CollectedAt)
        .order_by_desc(pickup::Column::CreatedAt)
        .order_by_asc(pickup::Column::Id)
        .offset(offset)
        .limit(limit.clamp(1, shared_types::MAX_PAGE_SIZE))
        .all(&db.conn)
        .await?;
    Ok(Page {
        items: load_details(db, rows).await?,
        total,
    })
}

/// What a collector holds: collected material not yet handed over.
#[derive(Debug, Clone, Default)]
pub struct Stock {
    pub counts: Vec<MaterialCount>,
    pub weight_grams: i64,
    pub pickups: u64,
}

#[derive(FromQueryResult)]
struct CategoryTotal {
    category: MaterialCategory,
    total: i64,
}

#[derive(FromQueryResult)]
struct WeightTotal {
    pickups: i64,
    weight: Option<i64>,
}

/// Stock by category for one collector (agents: their own; coordinators: the
/// one asked for, or the whole programme).
pub async fn stock(
    db: &Db,
    viewer: &StaffUser,
    organisation_id: Option<Uuid>,
) -> Result<Stock, PickupError> {
    let organisation_id =
        access::listing_scope(viewer, Read, Pickups, organisation_id).map_err(rule)?;
    let mut in_storage = pickup::Entity::find()
        .filter(pickup::Column::ProgrammeId.eq(viewer.programme_id))
        .filter(pickup::Column::Status.eq(PickupStatus::Collected))
        .filter(pickup::Column::BatchId.is_null());
    if let Some(organisation_id) = organisation_id {
        in_storage = in_storage.filter(pickup::Column::OrganisationId.eq(organisation_id));
    }
    let totals = in_storage
        .clone()
        .select_only()
        .column_as(pickup::Column::Id.count(), "pickups")
        .column_as(Expr::cust("CAST(SUM(weight_grams) AS BIGINT)"), "weight")
        .into_model::<WeightTotal>()
        .one(&db.conn)
        .await?;
    let ids = in_storage
        .select_only()
        .column(pickup::Column::Id)
        .into_query();
    let by_category = pickup_count::Entity::find()
        .filter(pickup_count::Column::PickupId.in_subquery(ids))
        .select_only()
        .column(pickup_count::Column::Category)
        .column_as(Expr::cust("CAST(SUM(count) AS BIGINT)"), "total")
        .group_by(pickup_count::Column::Category)
        .into_model::<CategoryTotal>()
        .all(&db.conn)
        .await?;
    let mut counts: Vec<MaterialCount> = by_category
        .into_iter()
        .map(|row| MaterialCount {
            category: row.category,
            count: row.total,
        })
        .collect();
    counts.sort_by_key(|c| c.category);
    Ok(Stock {
        counts,
        weight_grams: totals.as_ref().and_then(|t| t.weight).unwrap_or(0),
        pickups: totals.map(|t| t.pickups.max(0) as u64).unwrap_or(0),
    })
}

/// What a collected pickup lists, checked against the rules.
struct Material {
    /// Categories with none are left out.
    counts: Vec<MaterialCount>,
    serials: Vec<ItemSerial>,
    weight_grams: i64,
}

impl Material {
    fn checked(
        counts: &[MaterialCount],
        serials: &[ItemSerial],
        weight_kg: f64,
    ) -> Result<Material, PickupError> {
        let weight_grams = weight_grams(weight_kg).map_err(rule)?;
        let serials = clean_serials(serials);
        check_material(counts, &serials, weight_grams).map_err(rule)?;
        Ok(Material {
            counts: counts.iter().filter(|c| c.count != 0).cloned().collect(),
            serials,
            weight_grams,
        })
    }

    /// Replaces the pickup's counts and serials with these.
    async fn write(&self, tx: &sea_orm::DatabaseTransaction, pickup_id: Uuid) -> Result<(), DbErr> {
        pickup_count::Entity::delete_many()
            .filter(pickup_count::Column::PickupId.eq(pickup_id))
            .exec(tx)
            .await?;
        pickup_serial::Entity::delete_many()
            .filter(pickup_serial::Column::PickupId.eq(pickup_id))
            .exec(tx)
            .await?;
        for count in &self.counts {
            pickup_count::ActiveModel {
                pickup_id: Set(pickup_id),
                category: Set(count.category),
                count: Set(count.count),
            }
            .insert(tx)
            .await?;
        }
        for serial in &self.serials {
            pickup_serial::ActiveModel {
                id: Set(Uuid::new_v4()),
                pickup_id: Set(pickup_id),
                category: Set(serial.category),
                serial: Set(serial.serial.clone()),
            }
            .insert(tx)
            .await?;
        }
        Ok(())
    }
}

/// A correction of what a collected pickup lists (a miscount noticed back
/// at the depot), by an agent of the collector.
#[derive(Debug, Clone)]
pub struct Correction {
    pub counts: Vec<MaterialCount>,
    pub serials: Vec<ItemSerial>,
    pub weight_kg: f64,
    pub address: Option<String>,
    pub notes: Option<String>,
}

pub async fn correct(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    correction: Correction,
) -> Result<Pickup, PickupError> {
    ensure_agent(viewer)?;
    let material = Material::checked(
        &correction.counts,
        &correction.serials,
        correction.weight_kg,
    )?;
    let address = clean_text(correction.address, MAX_ADDRESS_CHARS)?;
    let notes = clean_text(correction.notes, MAX_NOTES_CHARS)?;
    let tx = db.write_tx().await?;
    let row = find_visible(&*tx, viewer, id).await?;
    if row.organisation_id != viewer.organisation_id {
        return Err(rule(ErrorCode::NotFound));
    }
    // Once handed over, the batch's counts rest on it: it is the refurbisher's now.
    if row.status != PickupStatus::Collected || row.batch_id.is_some() {
        return Err(rule(ErrorCode::PickupNotEditable));
    }
    let mut active: pickup::ActiveModel = row.into();
    active.weight_grams = Set(Some(material.weight_grams));
    if address.is_some() {
        active.address = Set(address);
    }
    active.notes = Set(notes);
    active.updated_at = Set(Utc::now());
    active.update(&*tx).await?;
    material.write(&tx, id).await?;
    tx.commit().await?;
    get(db, viewer, id).await
}

fn clean_text(text: Option<String>, max: usize) -> Result<Option<String>, PickupError> {
    let text = text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    if let Some(text) = &text {
        check_length(text, max).map_err(rule)?;
    }
    Ok(text)
}

/// A pickup planned ahead with a donor, to be collected later.
#[derive(Debug, Clone)]
pub struct PlannedPickup {
    pub donor_id: Uuid,
    pub scheduled_for: DateTime<Utc>,
    pub address: Option<String>,
    pub notes: Option<String>,
}

pub async fn schedule(
    db: &Db,
    viewer: &StaffUser,
    input: PlannedPickup,
) -> Result<Pickup, PickupError> {
    ensure_agent(viewer)?;
    let now = Utc::now();
    // Planning this morning's pickup at noon is fine; yesterday is a mistake.
    if input.scheduled_for < now - Duration::hours(12) {
        return Err(rule(ErrorCode::ScheduledInPast));
    }
    if input.scheduled_for > now + Duration::days(366) {
        return Err(rule(ErrorCode::TimeInFuture));
    }
    let address = clean_text(input.address, MAX_ADDRESS_CHARS)?;
    let notes = clean_text(input.notes, MAX_NOTES_CHARS)?;
    let donor = super::donors::get(db, viewer, input.donor_id).await?;
    let tx = db.write_tx().await?;
    let row = pickup::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(viewer.programme_id),
        organisation_id: Set(viewer.organisation_id),
        donor_id: Set(donor.id),
        status: Set(PickupStatus::Scheduled),
        client_uuid: Set(None),
        content_hash: Set(None),
        scheduled_for: Set(Some(input.scheduled_for)),
        collected_at: Set(None),
        address: Set(address.or(donor.address)),
        weight_grams: Set(None),
        latitude: Set(None),
        longitude: Set(None),
        location_accuracy_m: Set(None),
        signature: Set(None),
        signed_by: Set(None),
        notes: Set(notes),
        cancel_reason: Set(None),
        recorded_by: Set(viewer.id),
        batch_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    tx.commit().await?;
    get(db, viewer, row.id).await
}

/// Calls off a planned pickup (the donor cancelled, nothing to take).
pub async fn cancel(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    reason: Option<String>,
) -> Result<Pickup, PickupError> {
    ensure_agent(viewer)?;
    let reason = clean_text(reason, MAX_ADDRESS_CHARS)?;
    let tx = db.write_tx().await?;
    let row = find_visible(&*tx, viewer, id).await?;
    if row.organisation_id != viewer.organisation_id {
        return Err(rule(ErrorCode::NotFound));
    }
    if row.status != PickupStatus::Scheduled {
        return Err(rule(ErrorCode::PickupNotScheduled));
    }
    let mut active: pickup::ActiveModel = row.into();
    active.status = Set(PickupStatus::Cancelled);
    active.cancel_reason = Set(reason);
    active.updated_at = Set(Utc::now());
    active.update(&*tx).await?;
    tx.commit().await?;
    get(db, viewer, id).await
}
