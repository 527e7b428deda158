//! Matching: who waits for a computer, the proposal that pairs them with
//! the ready ones, its acceptance (one device per household, never for a
//! home with no internet possibility), and a learner's decline.

use std::collections::HashSet;

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared_types::{
    DeviceOutcome, DeviceStatus, ErrorCode, InstallationStatus, InternetAccess, MatchReason,
    MaterialCategory, OrganisationKind, ReferralStatus,
    matching::{DeviceFit, LearnerNeeds, best_assignment, score},
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{device, installation, organisation, referral},
    },
    services::{devices, is_unique_violation},
};

use super::{DbErr, InstallationError, clean_reason, ensure_matcher, holding, household_key, rule};

#[derive(Debug, Clone)]
pub struct Waiting {
    pub referral: referral::Model,
    pub days_waiting: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Candidates {
    pub waiting: Vec<Waiting>,
    /// Trained, but no internet possibility at home: not matched.
    pub on_hold: Vec<referral::Model>,
    /// Trained, but they declined the computer or already have one.
    pub declined: Vec<referral::Model>,
    pub devices: Vec<device::Model>,
}

/// Who waits for a device, who is on hold, and which devices are ready.
///
/// Only installations that hold a device count as served: after an undone
/// match or a computer returned from the home, the learner waits again and
/// the device, once ready, is proposed again.
pub async fn candidates(db: &Db, viewer: &StaffUser) -> Result<Candidates, InstallationError> {
    ensure_matcher(viewer)?;
    let served: Vec<installation::Model> = installation::Entity::find()
        .filter(installation::Column::ProgrammeId.eq(viewer.programme_id))
        .filter(holding())
        .all(&db.conn)
        .await?;
    let served_referrals: HashSet<Uuid> = served.iter().map(|i| i.referral_id).collect();
    let served_households: HashSet<String> =
        served.iter().map(|i| i.household_key.clone()).collect();
    let served_devices: HashSet<Uuid> = served.iter().map(|i| i.device_id).collect();
    let completed = referral::Entity::find()
        .filter(referral::Column::ProgrammeId.eq(viewer.programme_id))
        .filter(referral::Column::Status.eq(ReferralStatus::Completed))
        // An erased person can no longer be reached nor visited.
        .filter(referral::Column::ErasedAt.is_null())
        .order_by_asc(referral::Column::CompletedAt)
        .all(&db.conn)
        .await?;
    let now = Utc::now();
    let mut result = Candidates::default();
    let mut households_waiting = HashSet::new();
    for row in completed {
        if served_referrals.contains(&row.id) {
            continue;
        }
        if row.device_outcome.is_some() {
            result.declined.push(row);
            continue;
        }
        if row.internet == InternetAccess::None {
            result.on_hold.push(row);
            continue;
        }
        let household = household_key(&row);
        // The first trained of a household waits for its device; the others share it.
        if served_households.contains(&household) || !households_waiting.insert(household) {
            continue;
        }
        let days_waiting = row.completed_at.map_or(0, |at| (now - at).num_days());
        result.waiting.push(Waiting {
            referral: row,
            days_waiting,
        });
    }
    result.devices = device::Entity::find()
        .filter(device::Column::ProgrammeId.eq(viewer.programme_id))
        .filter(device::Column::Status.eq(DeviceStatus::Ready))
        .filter(device::Column::Kind.is_in([MaterialCategory::Laptop, MaterialCategory::Desktop]))
        .order_by_asc(device::Column::Tag)
        .all(&db.conn)
        .await?
        .into_iter()
        .filter(|d| !served_devices.contains(&d.id))
        .collect();
    Ok(result)
}

fn needs(waiting: &Waiting) -> LearnerNeeds {
    LearnerNeeds {
        preference: waiting.referral.device_preference,
        particular_needs: waiting.referral.accessibility_needs.is_some(),
        children: waiting.referral.household_children,
        days_waiting: waiting.days_waiting,
    }
}

fn fit(row: &device::Model) -> DeviceFit {
    DeviceFit {
        kind: row.kind,
        grade: row.grade,
        ram_gb: row.ram_gb,
        screen_inches: row.screen_inches,
    }
}

#[derive(Debug, Clone)]
pub struct Proposal {
    pub referral: referral::Model,
    pub device: device::Model,
    pub score: i64,
    pub reasons: Vec<MatchReason>,
    pub days_waiting: i64,
}

/// The best assignment of ready devices to waiting learners, all at once.
pub async fn propose(db: &Db, viewer: &StaffUser) -> Result<Vec<Proposal>, InstallationError> {
    let found = candidates(db, viewer).await?;
    let weights: Vec<Vec<i64>> = found
        .waiting
        .iter()
        .map(|w| {
            found
                .devices
                .iter()
                .map(|d| score(&needs(w), &fit(d)).0)
                .collect()
        })
        .collect();
    let assignment = best_assignment(&weights);
    Ok(found
        .waiting
        .iter()
        .zip(assignment)
        .filter_map(|(w, column)| {
            let device = found.devices.get(column?)?;
            let (points, reasons) = score(&needs(w), &fit(device));
            Some(Proposal {
                referral: w.referral.clone(),
                device: device.clone(),
                score: points,
                reasons,
                days_waiting: w.days_waiting,
            })
        })
        .collect())
}

/// The installer organisation named, or the programme's only one.
pub(super) async fn installer_for<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    id: Option<Uuid>,
) -> Result<Uuid, InstallationError> {
    let installers: Vec<organisation::Model> = organisation::Entity::find()
        .filter(organisation::Column::ProgrammeId.eq(viewer.programme_id))
        .filter(organisation::Column::Kind.is_in([
            OrganisationKind::Installer,
            OrganisationKind::TrainingProvider,
        ]))
        .all(conn)
        .await?;
    match (id, installers.as_slice()) {
        (Some(id), _) if installers.iter().any(|o| o.id == id) => Ok(id),
        (None, [only]) => Ok(only.id),
        (None, _) => installers
            .iter()
            .find(|o| o.kind == OrganisationKind::Installer)
            .map(|o| o.id)
            .ok_or(rule(ErrorCode::InstallerRequired)),
        _ => Err(rule(ErrorCode::InstallerRequired)),
    }
}

/// Accepts pairs (as proposed, or changed by the coordinator): each device
/// is reserved for its learner and an installation waits to be booked.
pub async fn accept(
    db: &Db,
    viewer: &StaffUser,
    pairs: Vec<(Uuid, Uuid)>,
    installer_id: Option<Uuid>,
    matched_on: Option<NaiveDate>,
) -> Result<Vec<Uuid>, InstallationError> {
    ensure_matcher(viewer)?;
    let installer = installer_for(&db.conn, viewer, installer_id).await?;
    let calendar = crate::services::calendar::of(&db.conn, viewer.programme_id).await?;
    let happened = calendar.happened(matched_on, Utc::now()).map_err(rule)?;
    let (mut learners, mut devices_seen) = (HashSet::new(), HashSet::new());
    for (referral_id, device_id) in &pairs {
        if !learners.insert(*referral_id) || !devices_seen.insert(*device_id) {
            return Err(rule(ErrorCode::DuplicateInMatch));
        }
    }
    let tx = db.write_tx().await?;
    let mut households = HashSet::new();
    let mut created = Vec::new();
    let now = Utc::now();
    for (referral_id, device_id) in pairs {
        let learner = referral::Entity::find_by_id(referral_id)
            .one(&*tx)
            .await?
            .filter(|r| r.programme_id == viewer.programme_id)
            .ok_or(rule(ErrorCode::NotFound))?;
        if learner.status != ReferralStatus::Completed {
            return Err(rule(ErrorCode::LearnerNotWaiting));
        }
        if learner.internet == InternetAccess::None {
            return Err(rule(ErrorCode::NoConnection));
        }
        if learner.device_outcome.is_some() {
            return Err(rule(ErrorCode::LearnerNotWaiting));
        }
        let household = household_key(&learner);
        if !households.insert(household.clone()) {
            return Err(rule(ErrorCode::HouseholdAlreadyServed));
        }
        let device_row = device::Entity::find_by_id(device_id)
            .one(&*tx)
            .await?
            .filter(|d| d.programme_id == viewer.programme_id)
            .ok_or(rule(ErrorCode::NotFound))?;
        if device_row.status != DeviceStatus::Ready {
            return Err(rule(ErrorCode::DeviceNotReady));
        }
        // A match entered later is dated after the learner's completion and
        // the device's last step (its being made ready).
        let last_step = devices::last_step_at(&*tx, device_id).await?;
        let matched = calendar
            .follows(learner.completed_at, happened)
            .and_then(|h| calendar.follows(last_step, h))
            .map_err(rule)?;
        // Said before the insert, so each refusal names its own reason; the
        // partial unique indexes stay the last word under concurrency.
        let held = installation::Entity::find()
            .filter(installation::Column::ProgrammeId.eq(viewer.programme_id))
            .filter(holding())
            .filter(
                sea_orm::Condition::any()
                    .add(installation::Column::ReferralId.eq(referral_id))
                    .add(installation::Column::HouseholdKey.eq(household.clone())),
            )
            .all(&*tx)
            .await?;
        if held.iter().any(|i| i.referral_id == referral_id) {
            return Err(rule(ErrorCode::LearnerNotWaiting));
        }
        if !held.is_empty() {
            return Err(rule(ErrorCode::HouseholdAlreadyServed));
        }
        let id = Uuid::new_v4();
        let inserted = installation::ActiveModel {
            id: Set(id),
            programme_id: Set(viewer.programme_id),
            referral_id: Set(referral_id),
            device_id: Set(device_id),
            installer_id: Set(installer),
            status: Set(InstallationStatus::Reserved),
            household_key: Set(household),
            visit_from: Set(None),
            visit_to: Set(None),
            device_set_up: Set(None),
            accounts_created: Set(None),
            connection: Set(None),
            connection_tested: Set(None),
            installed_serial: Set(None),
            signature: Set(None),
            signed_by: Set(None),
            unsigned_reason: Set(None),
            failure_reason: Set(None),
            ended_reason: Set(None),
            failures: Set(0),
            failed_at: Set(None),
            matched_by: Set(viewer.id),
            closed_at: Set(None),
            // When matched (a match entered later: its day; the log keeps
            // when it was entered).
            created_at: Set(matched.at),
            updated_at: Set(now),
        }
        .insert(&*tx)
        .await;
        match inserted {
            Ok(_) => {}
            Err(err) if is_unique_violation(&err) => {
                tx.rollback().await?;
                return Err(holder_taken(&err));
            }
            Err(err) => return Err(err.into()),
        }
        devices::move_in_on(
            &tx,
            &device_row,
            DeviceStatus::Reserved,
            viewer.id,
            None,
            matched.at,
        )
        .await?;
        crate::services::audit::dated(&*tx, viewer, matched, "match.made", id).await?;
        created.push(id);
    }
    tx.commit().await?;
    Ok(created)
}

/// A learner of the viewer's programme who was not erased.
async fn find_learner(
    tx: &sea_orm::DatabaseTransaction,
    viewer: &StaffUser,
    id: Uuid,
) -> Result<referral::Model, InstallationError> {
    referral::Entity::find_by_id(id)
        .one(tx)
        .await?
        .filter(|r| r.programme_id == viewer.programme_id && r.erased_at.is_none())
        .ok_or(rule(ErrorCode::NotFound))
}

/// A trained learner declines the computer, or says they already have one:
/// they leave the waiting list with the reason. A match still open for them
/// is undone in the same step (its device goes back to the stock), since
/// nobody will install it; an installed computer comes back through the
/// device instead (RETURNED).
pub async fn record_device_outcome(
    db: &Db,
    viewer: &StaffUser,
    referral_id: Uuid,
    outcome: DeviceOutcome,
    reason: String,
    on: Option<NaiveDate>,
) -> Result<(), InstallationError> {
    ensure_matcher(viewer)?;
    let reason = clean_reason(Some(reason))?.ok_or(rule(ErrorCode::ReasonRequired))?;
    let calendar = crate::services::calendar::of(&db.conn, viewer.programme_id).await?;
    let happened = calendar.happened(on, Utc::now()).map_err(rule)?;
    let tx = db.write_tx().await?;
    let learner = find_learner(&tx, viewer, referral_id).await?;
    if learner.status != ReferralStatus::Completed {
        return Err(rule(ErrorCode::LearnerNotWaiting));
    }
    let happened = calendar
        .follows(learner.completed_at, happened)
        .map_err(rule)?;
    let held = installation::Entity::find()
        .filter(installation::Column::ReferralId.eq(referral_id))
        .filter(holding())
        .one(&*tx)
        .await?;
    let now = Utc::now();
    if let Some(open) = held {
        if open.status == InstallationStatus::Installed {
            return Err(rule(ErrorCode::InstallationClosed));
        }
        let mut device_row = device::Entity::find_by_id(open.device_id)
            .one(&*tx)
            .await?
            .ok_or(rule(ErrorCode::NotFound))?;
        // Back along the lifecycle, each step in the device's history.
        for step in [DeviceStatus::Reserved, DeviceStatus::Ready] {
            let from = device_row.status;
            if from.can_become(step) {
                devices::move_in(&tx, &device_row, step, viewer.id, Some(reason.clone())).await?;
                device_row.status = step;
            }
        }
        let mut active: installation::ActiveModel = open.into();
        active.status = Set(InstallationStatus::Cancelled);
        active.ended_reason = Set(Some(reason.clone()));
        active.updated_at = Set(now);
        active.update(&*tx).await?;
    }
    let mut active: referral::ActiveModel = learner.into();
    active.device_outcome = Set(Some(outcome));
    active.device_outcome_reason = Set(Some(reason));
    active.device_outcome_at = Set(Some(happened.at));
    active.device_outcome_by = Set(Some(viewer.id));
    active.updated_at = Set(now);
    active.update(&*tx).await?;
    crate::services::audit::dated(&*tx, viewer, happened, "referral.outcome", referral_id).await?;
    tx.commit().await?;
    Ok(())
}

/// The learner changed their mind: they wait for a computer again.
pub async fn withdraw_device_outcome(
    db: &Db,
    viewer: &StaffUser,
    referral_id: Uuid,
) -> Result<(), InstallationError> {
    ensure_matcher(viewer)?;
    let tx = db.write_tx().await?;
    let learner = find_learner(&tx, viewer, referral_id).await?;
    let mut active: referral::ActiveModel = learner.into();
    active.device_outcome = Set(None);
    active.device_outcome_reason = Set(None);
    active.device_outcome_at = Set(None);
    active.device_outcome_by = Set(None);
    active.updated_at = Set(Utc::now());
    active.update(&*tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Which holder a unique-index violation names: the device, the learner or
/// the household (migration 12's partial indexes; SQLite names the columns,
/// PostgreSQL the index). Never reported as another refusal.
fn holder_taken(err: &DbErr) -> InstallationError {
    let text = err.to_string();
    let names = |index: &str, columns: &str| text.contains(index) || text.contains(columns);
    if names("installations_holding_device", "installations.device_id") {
        rule(ErrorCode::DeviceNotReady)
    } else if names("installations_holding_learner", "installations.referral_id") {
        rule(ErrorCode::LearnerNotWaiting)
    } else if names(
        "installations_holding_household",
        "installations.household_key",
    ) {
        rule(ErrorCode::HouseholdAlreadyServed)
    } else {
        tracing::error!(error = %err, "unexpected unique violation while matching");
        rule(ErrorCode::Internal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::ServiceError;

    #[test]
    fn a_unique_violation_names_its_own_holder_on_both_databases() {
        let code = |text: &str| holder_taken(&DbErr::Custom(text.to_string())).code();
        assert_eq!(
            code("UNIQUE constraint failed: installations.device_id"),
            ErrorCode::DeviceNotReady
        );
        assert_eq!(
            code(
                "duplicate key value violates unique constraint \"installations_holding_learner\""
            ),
            ErrorCode::LearnerNotWaiting
        );
        assert_eq!(
            code(
                "UNIQUE constraint failed: installations.programme_id, installations.household_key"
            ),
            ErrorCode::HouseholdAlreadyServed
        );
        assert_eq!(
            code("UNIQUE constraint failed: other.thing"),
            ErrorCode::Internal
        );
    }
}
