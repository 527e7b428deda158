//! Correcting a device's record: specs read again, a grade revised, a typo
//! in the serial. Coordinators at any time; the workshop while it has the
//! device in hand or ready. Kept in the audit log (who, when).

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use shared_types::{
    DeviceStatus, ErrorCode,
    device::{DeviceCorrection, check_specs},
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{Db, entities::device},
    services::audit,
};

use super::{
    Device, DeviceError, clean, creation::serial_key, ensure_refurbisher_of, find_row, get, rule,
};
use crate::services::access::{self, Action::Write, Reach, Resource::Devices};

pub async fn correct(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    changes: DeviceCorrection,
) -> Result<Device, DeviceError> {
    check_specs(changes.ram_gb, changes.storage_gb, changes.screen_inches).map_err(rule)?;
    let brand = clean(changes.brand, 80)?;
    let model = clean(changes.model, 120)?;
    let serial = clean(changes.serial, 64)?;
    let cpu = clean(changes.cpu, 120)?;
    let os = clean(changes.operating_system, 120)?;
    let notes = clean(changes.notes, 2_000)?;
    let tx = db.write_tx().await?;
    let row = find_row(&*tx, viewer, id).await?;
    ensure_refurbisher_of(viewer, &row)?;
    let in_hand = row.status.at_refurbisher() || row.status == DeviceStatus::Ready;
    let programme_wide = access::reach(viewer, Write, Devices) == Ok(Reach::Programme);
    if !programme_wide && !in_hand {
        return Err(rule(ErrorCode::DeviceNotAtRefurbisher));
    }
    // A device that reached ready keeps a grade.
    let graded_before = row.grade.is_some();
    if changes.grade.is_none() && graded_before {
        return Err(rule(ErrorCode::GradeRequired));
    }
    let key = serial_key(brand.as_deref(), serial.as_deref());
    if let Some(key) = &key {
        let taken = device::Entity::find()
            .filter(device::Column::ProgrammeId.eq(viewer.programme_id))
            .filter(device::Column::SerialKey.eq(key.clone()))
            .filter(device::Column::Id.ne(id))
            .count(&*tx)
            .await?;
        if taken > 0 {
            return Err(rule(ErrorCode::SerialTaken));
        }
    }
    let mut active: device::ActiveModel = row.into();
    active.brand = Set(brand);
    active.model = Set(model);
    active.serial = Set(serial);
    active.serial_key = Set(key);
    active.cpu = Set(cpu);
    active.ram_gb = Set(changes.ram_gb);
    active.storage_gb = Set(changes.storage_gb);
    active.screen_inches = Set(changes.screen_inches);
    active.operating_system = Set(os);
    active.grade = Set(changes.grade);
    active.notes = Set(notes);
    active.updated_at = Set(Utc::now());
    active.update(&*tx).await?;
    audit::record(
        &*tx,
        viewer.programme_id,
        Some(viewer.id),
        "EDIT",
        "DEVICE",
        &[id],
    )
    .await?;
    tx.commit().await?;
    get(db, viewer, id).await
}
