//! The moves of a device along its lifecycle, each kept with who, when
//! and why, and its history.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared_types::{DeviceStatus, ErrorCode, Grade, device::holds_data};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{device, device_event, user},
    },
};

use super::{
    DbErr, Device, DeviceError, MAX_RECYCLED_GRAMS, clean, ensure_refurbisher_of, erasure,
    find_row, get, rule,
};
use crate::services::access::{self, Action::Write, Reach, Resource::Devices};
use crate::services::{audit, calendar};

pub(super) async fn record_event(
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
    /// The day it happened (today when none).
    pub on: Option<NaiveDate>,
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
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    transition_on(db, viewer, &calendar, id, step).await
}

/// [`transition`] with the programme's calendar read once for a grouped move.
async fn transition_on(
    db: &Db,
    viewer: &StaffUser,
    calendar: &calendar::ProgrammeCalendar,
    id: Uuid,
    step: Move,
) -> Result<Device, DeviceError> {
    let reason = clean(step.reason, 500)?;
    let now = Utc::now();
    let happened = calendar.happened(step.on, now).map_err(rule)?;
    let tx = db.write_tx().await?;
    let row = find_row(&*tx, viewer, id).await?;
    ensure_refurbisher_of(viewer, &row)?;
    let from = row.status;
    // Matching and home visits (reserved onwards) are the coordination's.
    let refurbisher_move = matches!(
        step.to,
        DeviceStatus::InRefurbishment | DeviceStatus::Ready | DeviceStatus::Recycled
    ) && from != DeviceStatus::Reserved;
    let programme_wide = access::reach(viewer, Write, Devices) == Ok(Reach::Programme);
    if !programme_wide && !refurbisher_move {
        return Err(rule(ErrorCode::Forbidden));
    }
    if !from.can_become_for(step.to, row.source) {
        return Err(rule(ErrorCode::TransitionNotAllowed));
    }
    if goes_back(from, step.to) && reason.is_none() {
        return Err(rule(ErrorCode::ReasonRequired));
    }
    let happened = calendar
        .follows(super::last_step_at(&*tx, id).await?, happened)
        .map_err(rule)?;
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
    active.status = Set(step.to);
    active.updated_at = Set(now);
    active.update(&*tx).await?;
    record_event(
        &tx,
        id,
        Some(from),
        step.to,
        viewer.id,
        reason.clone(),
        happened.at,
    )
    .await?;
    audit::dated(&*tx, viewer, happened, "device.move", id).await?;
    crate::services::installations::follow_device_move(&tx, id, step.to, reason).await?;
    tx.commit().await?;
    get(db, viewer, id).await
}

/// At most this many devices move in one go (a large batch's worth).
pub const MAX_DEVICES_MOVED: usize = 200;

/// Moves several devices the same way (a whole batch into refurbishment),
/// each under the same rules as alone and in its own transaction: what is
/// refused for one device is said for it, and the others still move.
pub async fn transition_many(
    db: &Db,
    viewer: &StaffUser,
    ids: Vec<Uuid>,
    step: Move,
) -> Result<Vec<(Uuid, Result<Device, ErrorCode>)>, DeviceError> {
    if ids.is_empty() {
        return Err(rule(ErrorCode::DeviceRequired));
    }
    if ids.len() > MAX_DEVICES_MOVED {
        return Err(rule(ErrorCode::TooManyDevices));
    }
    // Naming a device one may not change refuses the whole request; the
    // lifecycle's refusals are said device by device.
    for id in &ids {
        let row = find_row(&db.conn, viewer, *id).await?;
        ensure_refurbisher_of(viewer, &row)?;
    }
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let mut outcomes = Vec::with_capacity(ids.len());
    for id in ids {
        let outcome = match transition_on(db, viewer, &calendar, id, step.clone()).await {
            Ok(device) => Ok(device),
            Err(DeviceError::Rule(code)) => Err(code),
            Err(other) => return Err(other),
        };
        outcomes.push((id, outcome));
    }
    Ok(outcomes)
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
