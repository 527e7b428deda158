//! Devices: the record of each reusable device, its tag, and its lifecycle
//! (the moves are `shared_types::DeviceStatus::next`; every move is kept
//! with who, when and why).
//!
//! Who may do what: any signed-in member of the programme may look a device
//! up (an installer scans the label at a home); a refurbisher changes the
//! devices in their hands; coordinators may do everything.

mod correction;
pub(crate) mod creation;
pub mod documents;
pub mod erasure;
mod lifecycle;
mod list;

pub use correction::correct;
pub use creation::{NewDevice, NewMedium, create};
use lifecycle::record_event;
pub use lifecycle::{Event, MAX_DEVICES_MOVED, Move, history, transition, transition_many};
pub use list::{DeviceFilter, list};

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use shared_types::{
    DeviceSource, DeviceStatus, ErrorCode, Grade, MaterialCategory, Role, device::parse_tag,
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{batch, device, pickup},
    },
    services::batches,
};

use super::{DbErr, ServiceError};
use crate::services::access::{
    self,
    Action::{Read, Write},
    Resource::{DeviceProvenance, Devices},
};

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

/// A free text trimmed, `None` when empty, refused beyond `max` characters.
fn clean(text: Option<String>, max: usize) -> Result<Option<String>, DeviceError> {
    let text = text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    if text.as_ref().is_some_and(|t| t.chars().count() > max) {
        return Err(rule(ErrorCode::TextTooLong));
    }
    Ok(text)
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
    pub purchased_on: Option<chrono::NaiveDate>,
    pub funder: Option<String>,
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
            purchased_on: m.purchased_on,
            funder: m.funder,
            recycled_weight_grams: m.recycled_weight_grams,
            refurbisher_id: m.refurbisher_id,
            notes: m.notes,
            created_at: m.created_at,
        })
    }
}

/// The workshop holding a device, for the refurbisher's grants.
pub(crate) fn holder(row: &device::Model) -> impl Fn(Role) -> Option<Uuid> + '_ {
    |role| match role {
        Role::Refurbisher => row.refurbisher_id,
        _ => None,
    }
}

fn ensure_reader(viewer: &StaffUser, row: &device::Model) -> Result<(), DeviceError> {
    if access::allows_record(viewer, Read, Devices, row.programme_id, holder(row)) {
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
    if access::allows(viewer, Write, Devices, holder(row)) {
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
    if access::reach(viewer, Read, DeviceProvenance).is_err() {
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
    move_in_on(tx, row, to, by, reason, Utc::now()).await
}

/// When the device's last step happened: a step entered later is dated
/// after it (`calendar::follows`).
pub(crate) async fn last_step_at<C: sea_orm::ConnectionTrait>(
    conn: &C,
    device_id: Uuid,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    crate::db::entities::device_event::Entity::find()
        .filter(crate::db::entities::device_event::Column::DeviceId.eq(device_id))
        .order_by_desc(crate::db::entities::device_event::Column::At)
        .select_only()
        .column(crate::db::entities::device_event::Column::At)
        .into_tuple()
        .one(conn)
        .await
}

/// [`move_in`] for a step that happened at `at` (entered later).
pub(crate) async fn move_in_on(
    tx: &sea_orm::DatabaseTransaction,
    row: &device::Model,
    to: DeviceStatus,
    by: Uuid,
    reason: Option<String>,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    let from = row.status;
    if !from.can_become(to) {
        return Err(DbErr::Custom(format!(
            "device {} cannot go from {from:?} to {to:?}",
            row.tag
        )));
    }
    let mut active: device::ActiveModel = row.clone().into();
    active.status = Set(to);
    active.updated_at = Set(Utc::now());
    active.update(tx).await?;
    record_event(tx, row.id, Some(from), to, by, reason, at).await
}
