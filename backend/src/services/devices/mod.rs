//! Devices: the record of each reusable device, its tag, and its lifecycle
//! (the moves are `shared_types::DeviceStatus::next`; every move is kept
//! with who, when and why).
//!
//! Who may do what: any signed-in member of the programme may look a device
//! up (an installer scans the label at a home); a refurbisher changes the
//! devices in their hands; coordinators may do everything.

pub mod documents;
pub mod erasure;

use chrono::{DateTime, Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared_types::{
    BatchStatus, DeviceSource, DeviceStatus, ErrorCode, Grade, MaterialCategory, MediumKind, Role,
    device::{MAX_PRICE_EUROS, check_specs, device_tag, holds_data, parse_tag},
    text::search_key,
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{batch, device, device_event, device_tally, pickup, user},
    },
    services::{batches, is_unique_violation},
};

use shared_types::Page;

use super::{DbErr, ServiceError};

/// A device sent to recycling weighs less than this; more is a typo.
const MAX_RECYCLED_GRAMS: i64 = 500_000;

#[derive(Debug, thiserror::Error)]
pub enum DeviceError {
    #[error("{0}")]
    Rule(ErrorCode),
    #[error("file storage: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl ServiceError for DeviceError {
    fn code(&self) -> ErrorCode {
        match self {
            DeviceError::Rule(code) => *code,
            DeviceError::Io(_) | DeviceError::Db(_) => ErrorCode::Internal,
        }
    }
}

impl From<batches::BatchError> for DeviceError {
    fn from(err: batches::BatchError) -> DeviceError {
        match err {
            batches::BatchError::Rule(code) => DeviceError::Rule(code),
            batches::BatchError::Db(e) => DeviceError::Db(e),
        }
    }
}

pub(crate) fn rule(code: ErrorCode) -> DeviceError {
    DeviceError::Rule(code)
}

#[derive(Debug, Clone)]
pub struct Device {
    pub id: Uuid,
    pub tag: String,
    pub kind: MaterialCategory,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub cpu: Option<String>,
    pub ram_gb: Option<i32>,
    pub storage_gb: Option<i32>,
    pub screen_inches: Option<f64>,
    pub grade: Option<Grade>,
    pub operating_system: Option<String>,
    pub status: DeviceStatus,
    pub source: DeviceSource,
    pub batch_id: Option<Uuid>,
    pub pickup_id: Option<Uuid>,
    pub supplier: Option<String>,
    pub price_cents: Option<i64>,
    pub recycled_weight_grams: Option<i64>,
    pub refurbisher_id: Option<Uuid>,
    pub notes: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl TryFrom<device::Model> for Device {
    type Error = DbErr;
    fn try_from(m: device::Model) -> Result<Device, DbErr> {
        Ok(Device {
            kind: m.kind,
            status: m.status,
            source: m.source,
            grade: m.grade,
            id: m.id,
            tag: m.tag,
            brand: m.brand,
            model: m.model,
            serial: m.serial,
            cpu: m.cpu,
            ram_gb: m.ram_gb,
            storage_gb: m.storage_gb,
            screen_inches: m.screen_inches,
            operating_system: m.operating_system,
            batch_id: m.batch_id,
            pickup_id: m.pickup_id,
            supplier: m.supplier,
            price_cents: m.price_cents,
            recycled_weight_grams: m.recycled_weight_grams,
            refurbisher_id: m.refurbisher_id,
            notes: m.notes,
            created_at: m.created_at,
        })
    }
}

/// Anyone signed in to the programme may read a device.
fn ensure_reader(viewer: &StaffUser, row: &device::Model) -> Result<(), DeviceError> {
    if row.programme_id == viewer.programme_id {
        Ok(())
    } else {
        Err(rule(ErrorCode::NotFound))
    }
}

/// Coordinators, and the refurbisher holding the device, may change it.
pub(crate) fn ensure_refurbisher_of(
    viewer: &StaffUser,
    row: &device::Model,
) -> Result<(), DeviceError> {
    ensure_reader(viewer, row)?;
    let holds =
        viewer.has_role(Role::Refurbisher) && row.refurbisher_id == Some(viewer.organisation_id);
    if viewer.has_role(Role::Coordinator) || holds {
        Ok(())
    } else {
        Err(rule(ErrorCode::Forbidden))
    }
}

pub(crate) async fn find_row<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    id: Uuid,
) -> Result<device::Model, DeviceError> {
    let row = device::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    ensure_reader(viewer, &row)?;
    Ok(row)
}

pub async fn get(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Device, DeviceError> {
    Ok(Device::try_from(find_row(&db.conn, viewer, id).await?)?)
}

/// The device with this tag (typed by hand, or read from its QR code).
pub async fn by_tag(db: &Db, viewer: &StaffUser, tag: &str) -> Result<Device, DeviceError> {
    let tag = parse_tag(tag).ok_or(rule(ErrorCode::TagInvalid))?;
    let row = device::Entity::find()
        .filter(device::Column::ProgrammeId.eq(viewer.programme_id))
        .filter(device::Column::Tag.eq(tag))
        .one(&db.conn)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    Ok(Device::try_from(row)?)
}

#[derive(Debug, Clone, Default)]
pub struct DeviceFilter {
    pub status: Option<DeviceStatus>,
    pub batch_id: Option<Uuid>,
    /// Words of the tag, brand, model or serial.
    pub search: Option<String>,
}

/// Devices of the programme: refurbishers see those in their hands,
/// coordinators all, others none (they open a device by its tag).
pub async fn list(
    db: &Db,
    viewer: &StaffUser,
    filter: DeviceFilter,
    offset: u64,
    limit: u64,
) -> Result<Page<Device>, DeviceError> {
    let mut query =
        device::Entity::find().filter(device::Column::ProgrammeId.eq(viewer.programme_id));
    let mut workshop = None;
    if !viewer.has_role(Role::Coordinator) {
        if !viewer.has_role(Role::Refurbisher) {
            return Err(rule(ErrorCode::Forbidden));
        }
        query = query.filter(device::Column::RefurbisherId.eq(viewer.organisation_id));
        workshop = Some(viewer.organisation_id);
    }
    // Without a batch or words, the total is the database's running tally.
    let tallied = filter.batch_id.is_none()
        && filter
            .search
            .as_deref()
            .is_none_or(|words| words.trim().is_empty());
    if let Some(status) = filter.status {
        query = query.filter(device::Column::Status.eq(status));
    }
    if let Some(batch_id) = filter.batch_id {
        query = query.filter(device::Column::BatchId.eq(batch_id));
    }
    if let Some(search) = filter.search.as_deref() {
        if let Some(tag) = parse_tag(search) {
            query = query.filter(device::Column::Tag.eq(tag));
        } else {
            for word in search.split_whitespace() {
                let word = word.to_string();
                query = query.filter(
                    sea_orm::Condition::any()
                        .add(device::Column::Tag.contains(word.to_uppercase()))
                        .add(device::Column::SerialKey.contains(search_key(&word)))
                        .add(device::Column::Model.contains(&word))
                        .add(device::Column::Brand.contains(&word)),
                );
            }
        }
    }
    let total = if tallied {
        tallied_total(db, viewer.programme_id, workshop, filter.status).await?
    } else {
        query.clone().count(&db.conn).await?
    };
    let rows = query
        .order_by_desc(device::Column::Tag)
        .offset(offset)
        .limit(limit.clamp(1, shared_types::MAX_PAGE_SIZE))
        .all(&db.conn)
        .await?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(Device::try_from)
            .collect::<Result<_, _>>()?,
        total,
    })
}

/// The devices of a programme (of one workshop, in one status) from the
/// tallies the database keeps (`device_tally`).
async fn tallied_total(
    db: &Db,
    programme_id: Uuid,
    workshop: Option<Uuid>,
    status: Option<DeviceStatus>,
) -> Result<u64, DbErr> {
    let mut query = device_tally::Entity::find()
        .select_only()
        .column(device_tally::Column::Devices)
        .filter(device_tally::Column::ProgrammeId.eq(programme_id));
    if let Some(workshop) = workshop {
        query = query.filter(device_tally::Column::RefurbisherId.eq(workshop));
    }
    if let Some(status) = status {
        query = query.filter(device_tally::Column::Status.eq(status));
    }
    let tallies: Vec<i64> = query.into_tuple().all(&db.conn).await?;
    Ok(tallies.into_iter().sum::<i64>().max(0) as u64)
}

#[derive(Debug, Clone)]
pub struct NewMedium {
    pub kind: MediumKind,
    pub capacity_gb: Option<i32>,
    pub serial: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewDevice {
    /// A label already printed; a new tag is made when absent.
    pub tag: Option<String>,
    pub kind: MaterialCategory,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub cpu: Option<String>,
    pub ram_gb: Option<i32>,
    pub storage_gb: Option<i32>,
    pub screen_inches: Option<f64>,
    pub operating_system: Option<String>,
    pub source: DeviceSource,
    pub batch_id: Option<Uuid>,
    pub pickup_id: Option<Uuid>,
    pub supplier: Option<String>,
    pub price_euros: Option<f64>,
    pub notes: Option<String>,
    pub media: Vec<NewMedium>,
}

fn clean(text: Option<String>, max: usize) -> Result<Option<String>, DeviceError> {
    let text = text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    if text.as_ref().is_some_and(|t| t.chars().count() > max) {
        return Err(rule(ErrorCode::TextTooLong));
    }
    Ok(text)
}

/// Brand and serial, folded, so "DELL 5cg-123" and "Dell 5CG-123" are one device.
fn serial_key(brand: Option<&str>, serial: Option<&str>) -> Option<String> {
    let serial = serial?.trim().to_uppercase();
    (!serial.is_empty()).then(|| format!("{}|{serial}", search_key(brand.unwrap_or_default())))
}

/// Where the device comes from, checked: (batch, pickup, refurbisher holding it).
async fn source_of(
    db: &Db,
    viewer: &StaffUser,
    input: &NewDevice,
) -> Result<(Option<Uuid>, Option<Uuid>, Option<Uuid>), DeviceError> {
    match input.source {
        DeviceSource::Purchase => {
            let supplier = input.supplier.as_deref().map(str::trim).unwrap_or_default();
            let Some(price) = input.price_euros else {
                return Err(rule(ErrorCode::SourceRequired));
            };
            if supplier.is_empty() {
                return Err(rule(ErrorCode::SourceRequired));
            }
            if !price.is_finite() || !(0.0..=MAX_PRICE_EUROS).contains(&price) {
                return Err(rule(ErrorCode::PriceInvalid));
            }
            let holder = viewer
                .has_role(Role::Refurbisher)
                .then_some(viewer.organisation_id);
            Ok((None, None, holder))
        }
        DeviceSource::Donation => {
            let batch_id = input.batch_id.ok_or(rule(ErrorCode::SourceRequired))?;
            let batch = batches::find_visible(&db.conn, viewer, batch_id).await?;
            let may_add = viewer.has_role(Role::Coordinator)
                || (viewer.has_role(Role::Refurbisher)
                    && batch.refurbisher_id == viewer.organisation_id);
            if !may_add {
                return Err(rule(ErrorCode::Forbidden));
            }
            if batch.status != BatchStatus::Received {
                return Err(rule(ErrorCode::BatchNotReceived));
            }
            let pickups: Vec<Uuid> = pickup::Entity::find()
                .filter(pickup::Column::BatchId.eq(batch_id))
                .select_only()
                .column(pickup::Column::Id)
                .into_tuple()
                .all(&db.conn)
                .await?;
            // The pickup says which donor the device came from (certificates);
            // a batch from a single pickup needs no choice.
            let pickup_id = match (input.pickup_id, pickups.as_slice()) {
                (Some(id), _) if pickups.contains(&id) => id,
                (None, [only]) => *only,
                _ => return Err(rule(ErrorCode::SourceRequired)),
            };
            Ok((Some(batch_id), Some(pickup_id), Some(batch.refurbisher_id)))
        }
    }
}

/// The next free tag number of this year in the programme.
async fn next_tag<C: sea_orm::ConnectionTrait>(
    conn: &C,
    programme_id: Uuid,
    year: i32,
) -> Result<String, DbErr> {
    let prefix = format!("PSL-{year:04}-");
    let last: Option<String> = device::Entity::find()
        .filter(device::Column::ProgrammeId.eq(programme_id))
        .filter(device::Column::Tag.starts_with(&prefix))
        .order_by_desc(device::Column::Tag)
        .select_only()
        .column(device::Column::Tag)
        .into_tuple()
        .one(conn)
        .await?;
    let number = last
        .and_then(|t| t.strip_prefix(&prefix).and_then(|n| n.parse::<i64>().ok()))
        .unwrap_or(0);
    Ok(device_tag(year, number + 1))
}

/// Records a device (received from a batch, or bought) with its storage media.
pub async fn create(db: &Db, viewer: &StaffUser, input: NewDevice) -> Result<Device, DeviceError> {
    if !(viewer.has_role(Role::Refurbisher) || viewer.has_role(Role::Coordinator)) {
        return Err(rule(ErrorCode::Forbidden));
    }
    check_specs(input.ram_gb, input.storage_gb, input.screen_inches).map_err(rule)?;
    let given_tag = match input
        .tag
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(text) => Some(parse_tag(text).ok_or(rule(ErrorCode::TagInvalid))?),
        None => None,
    };
    let brand = clean(input.brand.clone(), 80)?;
    let serial = clean(input.serial.clone(), 64)?;
    let key = serial_key(brand.as_deref(), serial.as_deref());
    let (batch_id, pickup_id, holder) = source_of(db, viewer, &input).await?;
    let model = clean(input.model.clone(), 120)?;
    let cpu = clean(input.cpu.clone(), 120)?;
    let os = clean(input.operating_system.clone(), 120)?;
    let supplier = clean(input.supplier.clone(), 120)?;
    let notes = clean(input.notes.clone(), 2_000)?;
    for medium in &input.media {
        check_specs(None, medium.capacity_gb, None).map_err(rule)?;
    }
    let now = Utc::now();
    // A generated tag may race another creation: take the next one and retry.
    for _ in 0..5 {
        let tx = db.write_tx().await?;
        if let Some(key) = &key {
            let taken = device::Entity::find()
                .filter(device::Column::ProgrammeId.eq(viewer.programme_id))
                .filter(device::Column::SerialKey.eq(key.clone()))
                .count(&*tx)
                .await?;
            if taken > 0 {
                return Err(rule(ErrorCode::SerialTaken));
            }
        }
        let tag = match &given_tag {
            Some(tag) => tag.clone(),
            None => next_tag(&*tx, viewer.programme_id, now.year()).await?,
        };
        let id = Uuid::new_v4();
        let inserted = device::ActiveModel {
            id: Set(id),
            programme_id: Set(viewer.programme_id),
            tag: Set(tag),
            kind: Set(input.kind),
            brand: Set(brand.clone()),
            model: Set(model.clone()),
            serial: Set(serial.clone()),
            serial_key: Set(key.clone()),
            cpu: Set(cpu.clone()),
            ram_gb: Set(input.ram_gb),
            storage_gb: Set(input.storage_gb),
            screen_inches: Set(input.screen_inches),
            grade: Set(None),
            operating_system: Set(os.clone()),
            status: Set(DeviceStatus::Received),
            source: Set(input.source),
            batch_id: Set(batch_id),
            pickup_id: Set(pickup_id),
            supplier: Set(supplier.clone()),
            price_cents: Set(input.price_euros.map(|p| (p * 100.0).round() as i64)),
            recycled_weight_grams: Set(None),
            refurbisher_id: Set(holder),
            notes: Set(notes.clone()),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&*tx)
        .await;
        match inserted {
            Ok(_) => {}
            Err(err) if is_unique_violation(&err) => {
                tx.rollback().await?;
                // Which constraint? Ask again outside the failed transaction.
                if let Some(tag) = &given_tag {
                    let clash = device::Entity::find()
                        .filter(device::Column::ProgrammeId.eq(viewer.programme_id))
                        .filter(device::Column::Tag.eq(tag.clone()))
                        .count(&db.conn)
                        .await?;
                    if clash > 0 {
                        return Err(rule(ErrorCode::TagTaken));
                    }
                }
                if key.is_some() && given_tag.is_some() {
                    return Err(rule(ErrorCode::SerialTaken));
                }
                continue;
            }
            Err(err) => return Err(err.into()),
        }
        record_event(&tx, id, None, DeviceStatus::Received, viewer.id, None, now).await?;
        for medium in &input.media {
            erasure::insert_medium(&tx, id, medium, now).await?;
        }
        tx.commit().await?;
        return get(db, viewer, id).await;
    }
    Err(rule(ErrorCode::Internal))
}

async fn record_event(
    tx: &sea_orm::DatabaseTransaction,
    device_id: Uuid,
    from: Option<DeviceStatus>,
    to: DeviceStatus,
    by: Uuid,
    reason: Option<String>,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    device_event::ActiveModel {
        id: Set(Uuid::new_v4()),
        device_id: Set(device_id),
        from_status: Set(from),
        to_status: Set(to),
        at: Set(at),
        by_user: Set(by),
        reason: Set(reason),
    }
    .insert(tx)
    .await?;
    Ok(())
}

/// A move along the lifecycle, with what it needs.
#[derive(Debug, Clone)]
pub struct Move {
    pub to: DeviceStatus,
    pub reason: Option<String>,
    /// Required to become ready (unless already graded).
    pub grade: Option<Grade>,
    /// Required to be recycled.
    pub recycled_weight_kg: Option<f64>,
}

/// Moves that go back are exceptions people must explain.
fn goes_back(from: DeviceStatus, to: DeviceStatus) -> bool {
    use DeviceStatus::*;
    matches!(
        (from, to),
        (Ready, InRefurbishment) | (Reserved, Ready) | (InstallationScheduled, Reserved)
    ) || from == Returned
}

pub async fn transition(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    step: Move,
) -> Result<Device, DeviceError> {
    let reason = clean(step.reason, 500)?;
    let tx = db.write_tx().await?;
    let row = find_row(&*tx, viewer, id).await?;
    ensure_refurbisher_of(viewer, &row)?;
    let from = row.status;
    // Matching and home visits (reserved onwards) are the coordination's.
    let refurbisher_move = matches!(
        step.to,
        DeviceStatus::InRefurbishment | DeviceStatus::Ready | DeviceStatus::Recycled
    ) && from != DeviceStatus::Reserved;
    if !viewer.has_role(Role::Coordinator) && !refurbisher_move {
        return Err(rule(ErrorCode::Forbidden));
    }
    if !from.can_become(step.to) {
        return Err(rule(ErrorCode::TransitionNotAllowed));
    }
    if goes_back(from, step.to) && reason.is_none() {
        return Err(rule(ErrorCode::ReasonRequired));
    }
    let kind = row.kind;
    let mut active: device::ActiveModel = row.clone().into();
    match step.to {
        DeviceStatus::Ready => {
            let grade = step
                .grade
                .or(row.grade)
                .ok_or(rule(ErrorCode::GradeRequired))?;
            active.grade = Set(Some(grade));
            let media = erasure::media_in(&*tx, &[id]).await?;
            if holds_data(kind) && media.is_empty() {
                return Err(rule(ErrorCode::StorageMediaMissing));
            }
            if !media.iter().all(|m| m.erased) {
                return Err(rule(ErrorCode::ErasureMissing));
            }
        }
        DeviceStatus::Recycled => {
            let kg = step
                .recycled_weight_kg
                .filter(|kg| kg.is_finite() && *kg > 0.0)
                .ok_or(rule(ErrorCode::RecycledWeightRequired))?;
            let grams = (kg * 1000.0).round() as i64;
            if grams > MAX_RECYCLED_GRAMS {
                return Err(rule(ErrorCode::WeightTooLarge));
            }
            active.recycled_weight_grams = Set(Some(grams));
        }
        _ => {}
    }
    let now = Utc::now();
    active.status = Set(step.to);
    active.updated_at = Set(now);
    active.update(&*tx).await?;
    record_event(&tx, id, Some(from), step.to, viewer.id, reason.clone(), now).await?;
    crate::services::installations::follow_device_move(&tx, id, step.to, reason).await?;
    tx.commit().await?;
    get(db, viewer, id).await
}

#[derive(Debug, Clone)]
pub struct Event {
    pub from: Option<DeviceStatus>,
    pub to: DeviceStatus,
    pub at: DateTime<Utc>,
    /// The name of the person who made the move.
    pub by: String,
    pub reason: Option<String>,
}

/// Every move of the device, oldest first.
pub async fn history(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Vec<Event>, DeviceError> {
    find_row(&db.conn, viewer, id).await?;
    let events = device_event::Entity::find()
        .filter(device_event::Column::DeviceId.eq(id))
        .order_by_asc(device_event::Column::At)
        .all(&db.conn)
        .await?;
    let names: std::collections::HashMap<Uuid, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(events.iter().map(|e| e.by_user).collect::<Vec<_>>()))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    events
        .into_iter()
        .map(|e| {
            Ok(Event {
                from: e.from_status,
                to: e.to_status,
                at: e.at,
                by: names.get(&e.by_user).cloned().unwrap_or_default(),
                reason: e.reason,
            })
        })
        .collect::<Result<_, DbErr>>()
        .map_err(DeviceError::from)
}

/// The batch's number, for showing where a device came from.
pub async fn batch_number(db: &Db, batch_id: Uuid) -> Result<Option<i64>, DeviceError> {
    Ok(batch::Entity::find_by_id(batch_id)
        .one(&db.conn)
        .await?
        .map(|b| b.number))
}

/// The donor a device came from, for the coordination and the refurbisher
/// (a household or an installer has no need of it).
pub async fn donor_name(
    db: &Db,
    viewer: &StaffUser,
    device: &Device,
) -> Result<Option<String>, DeviceError> {
    if !(viewer.has_role(Role::Coordinator) || viewer.has_role(Role::Refurbisher)) {
        return Ok(None);
    }
    let Some(pickup_id) = device.pickup_id else {
        return Ok(None);
    };
    let Some(found) = pickup::Entity::find_by_id(pickup_id).one(&db.conn).await? else {
        return Ok(None);
    };
    Ok(
        crate::services::donors::get_unchecked(db, viewer.programme_id, found.donor_id)
            .await
            .ok()
            .map(|d| d.name),
    )
}

/// Moves a device inside a transaction another area owns (matching, visits),
/// along the same lifecycle and with the same history.
pub(crate) async fn move_in(
    tx: &sea_orm::DatabaseTransaction,
    row: &device::Model,
    to: DeviceStatus,
    by: Uuid,
    reason: Option<String>,
) -> Result<(), DbErr> {
    let from = row.status;
    if !from.can_become(to) {
        return Err(DbErr::Custom(format!(
            "device {} cannot go from {from:?} to {to:?}",
            row.tag
        )));
    }
    let now = Utc::now();
    let mut active: device::ActiveModel = row.clone().into();
    active.status = Set(to);
    active.updated_at = Set(now);
    active.update(tx).await?;
    record_event(tx, row.id, Some(from), to, by, reason, now).await
}
