//! Home visits: booked, failed and booked again, closed with the
//! checklist and the household's signature, by the installers of the
//! organisation the installation belongs to.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared_types::{
    Connection, DeviceStatus, ErrorCode, InstallationStatus, Role, installation::check_handover,
    pickup::check_signature,
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{device, installation, referral},
    },
    services::{audit, calendar, devices},
};

use super::{InstallationError, clean_reason, rule};
use crate::services::access::{
    self,
    Action::{Read, Write},
    Resource::{VisitInstaller, Visits},
};

/// A visit can be booked, closed or failed only while its installation holds
/// a device that is still reserved for it (not moved back to the stock).
fn ensure_still_reserved(
    row: &installation::Model,
    device_row: &device::Model,
) -> Result<(), InstallationError> {
    let status = row.status;
    if status == InstallationStatus::Installed {
        return Err(rule(ErrorCode::InstallationClosed));
    }
    if !status.holds_device() {
        return Err(rule(ErrorCode::InstallationEnded));
    }
    let reserved = matches!(
        device_row.status,
        DeviceStatus::Reserved | DeviceStatus::InstallationScheduled
    );
    if !reserved {
        return Err(rule(ErrorCode::DeviceNotReserved));
    }
    Ok(())
}

/// The installer making a visit, for the installers' grants.
pub(crate) fn holder(row: &installation::Model) -> impl Fn(Role) -> Option<Uuid> + '_ {
    |role| (role == Role::Installer).then_some(row.installer_id)
}

/// Coordinators see every installation; installers their organisation's.
fn may_see(viewer: &StaffUser, row: &installation::Model) -> bool {
    access::allows_record(viewer, Read, Visits, row.programme_id, holder(row))
}

async fn find_visible<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    id: Uuid,
) -> Result<installation::Model, InstallationError> {
    installation::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|row| may_see(viewer, row))
        .ok_or(rule(ErrorCode::NotFound))
}

/// An installation with the learner and device it joins.
#[derive(Debug, Clone)]
pub struct Visit {
    pub installation: installation::Model,
    pub learner: referral::Model,
    pub device: device::Model,
}

async fn with_parties(
    db: &Db,
    viewer: &StaffUser,
    rows: Vec<installation::Model>,
) -> Result<Vec<Visit>, InstallationError> {
    let referral_ids: Vec<Uuid> = rows.iter().map(|r| r.referral_id).collect();
    crate::services::audit::read(
        db,
        crate::services::audit::Reader::Staff(viewer),
        "LEARNER",
        &referral_ids,
    )
    .await?;
    let device_ids: Vec<Uuid> = rows.iter().map(|r| r.device_id).collect();
    let learners: HashMap<Uuid, referral::Model> = referral::Entity::find()
        .filter(referral::Column::Id.is_in(referral_ids))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    let found_devices: HashMap<Uuid, device::Model> = device::Entity::find()
        .filter(device::Column::Id.is_in(device_ids))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(Visit {
                learner: learners.get(&row.referral_id)?.clone(),
                device: found_devices.get(&row.device_id)?.clone(),
                installation: row,
            })
        })
        .collect())
}

/// Visits the viewer may see, by visit time (unbooked first), optionally
/// only those starting in `[from, to)` (an installer's day).
pub async fn list(
    db: &Db,
    viewer: &StaffUser,
    status: Option<InstallationStatus>,
    window: Option<(DateTime<Utc>, DateTime<Utc>)>,
) -> Result<Vec<Visit>, InstallationError> {
    let mut query = installation::Entity::find()
        .filter(installation::Column::ProgrammeId.eq(viewer.programme_id));
    if let Some(installer) = access::listing_scope(viewer, Read, Visits, None).map_err(rule)? {
        query = query.filter(installation::Column::InstallerId.eq(installer));
    }
    if let Some(status) = status {
        query = query.filter(installation::Column::Status.eq(status));
    }
    if let Some((from, to)) = window {
        query = query
            .filter(installation::Column::VisitFrom.gte(from))
            .filter(installation::Column::VisitFrom.lt(to));
    }
    let rows = query
        .order_by_asc(installation::Column::VisitFrom)
        .order_by_asc(installation::Column::CreatedAt)
        .all(&db.conn)
        .await?;
    with_parties(db, viewer, rows).await
}

pub async fn get(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Visit, InstallationError> {
    let row = find_visible(&db.conn, viewer, id).await?;
    with_parties(db, viewer, vec![row])
        .await?
        .pop()
        .ok_or(rule(ErrorCode::NotFound))
}

fn ensure_installer(
    viewer: &StaffUser,
    row: &installation::Model,
) -> Result<(), InstallationError> {
    if access::allows(viewer, Write, Visits, holder(row)) {
        Ok(())
    } else {
        Err(rule(ErrorCode::Forbidden))
    }
}

/// Books (or books again) the home visit's window.
pub async fn book(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    confirm_past: bool,
) -> Result<Visit, InstallationError> {
    let now = Utc::now();
    if to <= from || (to - from).num_hours() > 12 {
        return Err(rule(ErrorCode::VisitWindowInvalid));
    }
    // A window already over is usually a mistyped day; a visit that did
    // take place, entered afterwards (a programme's history, a round typed
    // in the next week), is confirmed and dated by its window.
    let past = to < now;
    if past && !confirm_past {
        return Err(rule(ErrorCode::VisitInThePast));
    }
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let booked = if past {
        let day = calendar::programme_day(calendar.zone, from);
        calendar.check_day(day, now).map_err(rule)?;
        calendar::Happened {
            at: from,
            backdated: true,
        }
    } else {
        calendar::Happened {
            at: now,
            backdated: false,
        }
    };
    let tx = db.write_tx().await?;
    let row = find_visible(&*tx, viewer, id).await?;
    ensure_installer(viewer, &row)?;
    let device_row = device::Entity::find_by_id(row.device_id)
        .one(&*tx)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    ensure_still_reserved(&row, &device_row)?;
    // Not before the computer was matched to the household.
    let booked = calendar
        .follows(devices::last_step_at(&*tx, device_row.id).await?, booked)
        .map_err(rule)?;
    if device_row.status == DeviceStatus::Reserved {
        devices::move_in_on(
            &tx,
            &device_row,
            DeviceStatus::InstallationScheduled,
            viewer.id,
            None,
            booked.at,
        )
        .await?;
    }
    audit::dated(&*tx, viewer, booked, "visit.booked", id).await?;
    let mut active: installation::ActiveModel = row.into();
    active.status = Set(InstallationStatus::Booked);
    active.visit_from = Set(Some(from));
    active.visit_to = Set(Some(to));
    active.updated_at = Set(Utc::now());
    active.update(&*tx).await?;
    tx.commit().await?;
    get(db, viewer, id).await
}

/// What the installer checked at the home.
#[derive(Debug, Clone)]
pub struct Checklist {
    pub device_set_up: bool,
    pub accounts_created: bool,
    pub connection: Connection,
    pub connection_tested: bool,
    /// Read off the device: its serial number or its tag.
    pub installed_serial: String,
    pub signature: Vec<Vec<i32>>,
    pub signed_by: Option<String>,
    pub unsigned_reason: Option<String>,
    /// The day it was installed, when entered later (today when none).
    pub installed_on: Option<NaiveDate>,
}

/// Closes a visit that went well: the device is installed.
pub async fn close(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    checklist: Checklist,
) -> Result<Visit, InstallationError> {
    check_signature(&checklist.signature).map_err(rule)?;
    let now = Utc::now();
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let happened = calendar
        .happened(checklist.installed_on, now)
        .map_err(rule)?;
    let tx = db.write_tx().await?;
    let row = find_visible(&*tx, viewer, id).await?;
    ensure_installer(viewer, &row)?;
    check_handover(
        checklist.signature.len(),
        checklist.signed_by.as_deref(),
        checklist.unsigned_reason.as_deref(),
    )
    .map_err(rule)?;
    let unsigned_reason = if checklist.signature.is_empty() {
        clean_reason(checklist.unsigned_reason)?
    } else {
        None
    };
    let device_row = device::Entity::find_by_id(row.device_id)
        .one(&*tx)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    ensure_still_reserved(&row, &device_row)?;
    if row.status != InstallationStatus::Booked
        || device_row.status != DeviceStatus::InstallationScheduled
    {
        return Err(rule(ErrorCode::VisitNotBooked));
    }
    // Closed on the day or after, never ahead: an installation recorded
    // before it happened would count a computer no household has yet.
    let booked_day = row
        .visit_from
        .map(|at| calendar::programme_day(calendar.zone, at));
    if booked_day.is_some_and(|day| day > calendar.today(now)) {
        return Err(rule(ErrorCode::VisitNotYetDue));
    }
    let happened = calendar.follows(row.visit_from, happened).map_err(rule)?;
    let typed = checklist.installed_serial.trim().to_uppercase();
    let matches = !typed.is_empty()
        && (device_row
            .serial
            .as_deref()
            .is_some_and(|s| s.trim().to_uppercase() == typed)
            || shared_types::device::parse_tag(&typed).is_some_and(|t| t == device_row.tag));
    if !matches {
        return Err(rule(ErrorCode::SerialMismatch));
    }
    devices::move_in_on(
        &tx,
        &device_row,
        DeviceStatus::Installed,
        viewer.id,
        None,
        happened.at,
    )
    .await?;
    let mut active: installation::ActiveModel = row.into();
    active.status = Set(InstallationStatus::Installed);
    active.device_set_up = Set(Some(checklist.device_set_up));
    active.accounts_created = Set(Some(checklist.accounts_created));
    active.connection = Set(Some(checklist.connection));
    active.connection_tested = Set(Some(checklist.connection_tested));
    active.installed_serial = Set(Some(typed));
    active.signature = Set((!checklist.signature.is_empty())
        .then(|| serde_json::to_string(&checklist.signature).unwrap_or_default()));
    active.unsigned_reason = Set(unsigned_reason);
    active.signed_by = Set(checklist
        .signed_by
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty()));
    active.closed_at = Set(Some(happened.at));
    active.updated_at = Set(now);
    active.update(&*tx).await?;
    audit::dated(&*tx, viewer, happened, "visit.installed", id).await?;
    tx.commit().await?;
    get(db, viewer, id).await
}

/// A visit that failed (nobody home, no connection): kept with its reason,
/// the device stays reserved, and the visit is to be booked again.
pub async fn fail(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    reason: String,
    failed_on: Option<NaiveDate>,
) -> Result<Visit, InstallationError> {
    let reason = Some(reason.trim().to_string())
        .filter(|r| !r.is_empty())
        .ok_or(rule(ErrorCode::ReasonRequired))?;
    let now = Utc::now();
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let happened = calendar.happened(failed_on, now).map_err(rule)?;
    let tx = db.write_tx().await?;
    let row = find_visible(&*tx, viewer, id).await?;
    ensure_installer(viewer, &row)?;
    let device_row = device::Entity::find_by_id(row.device_id)
        .one(&*tx)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    ensure_still_reserved(&row, &device_row)?;
    if row.status != InstallationStatus::Booked {
        return Err(rule(ErrorCode::VisitNotBooked));
    }
    // After its booking; ahead of the window too (the household called
    // off the visit: it will not take place).
    let last_step = devices::last_step_at(&*tx, device_row.id).await?;
    let happened = calendar.follows(last_step, happened).map_err(rule)?;
    if device_row.status == DeviceStatus::InstallationScheduled {
        devices::move_in_on(
            &tx,
            &device_row,
            DeviceStatus::Reserved,
            viewer.id,
            Some(reason.clone()),
            happened.at,
        )
        .await?;
    }
    let failures = row.failures + 1;
    let mut active: installation::ActiveModel = row.into();
    active.status = Set(InstallationStatus::Failed);
    active.failure_reason = Set(Some(reason));
    active.failures = Set(failures);
    active.failed_at = Set(Some(happened.at));
    active.updated_at = Set(now);
    active.update(&*tx).await?;
    audit::dated(&*tx, viewer, happened, "visit.failed", id).await?;
    tx.commit().await?;
    get(db, viewer, id).await
}

/// What is corrected on a visit: who carries it out while it is open, and,
/// once installed, how the home is connected and who signed (a typo, or
/// "box" recorded for a phone shared as a hotspot: the report counts it).
#[derive(Debug, Clone, Default)]
pub struct VisitCorrection {
    pub installer_id: Option<Uuid>,
    pub connection: Option<Connection>,
    pub signed_by: Option<String>,
}

pub async fn correct(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    correction: VisitCorrection,
) -> Result<Visit, InstallationError> {
    let tx = db.write_tx().await?;
    let row = find_visible(&*tx, viewer, id).await?;
    ensure_installer(viewer, &row)?;
    let installed = row.status == InstallationStatus::Installed;
    let mut active: installation::ActiveModel = row.clone().into();
    if let Some(installer) = correction.installer_id {
        // Handing a visit to another partner is the coordination's call, and
        // only while there is still a visit to make.
        access::reach(viewer, Write, VisitInstaller).map_err(rule)?;
        if installed {
            return Err(rule(ErrorCode::InstallationClosed));
        }
        if !row.status.holds_device() {
            return Err(rule(ErrorCode::InstallationEnded));
        }
        super::matching::installer_for(&*tx, viewer, Some(installer)).await?;
        active.installer_id = Set(installer);
    }
    if correction.connection.is_some() || correction.signed_by.is_some() {
        if !installed {
            return Err(rule(ErrorCode::NotYetInstalled));
        }
        if let Some(connection) = correction.connection {
            active.connection = Set(Some(connection));
        }
        if let Some(name) = correction.signed_by {
            let name = clean_reason(Some(name))?;
            // A signed handover names its signer; one without a signature
            // keeps its recorded reason instead.
            if name.is_none() && row.signature.is_some() {
                return Err(rule(ErrorCode::SignerNameRequired));
            }
            active.signed_by = Set(name);
        }
    }
    active.updated_at = Set(Utc::now());
    active.update(&*tx).await?;
    crate::services::audit::record(
        &*tx,
        viewer.programme_id,
        Some(viewer.id),
        "EDIT",
        "INSTALLATION",
        &[id],
    )
    .await?;
    tx.commit().await?;
    get(db, viewer, id).await
}
