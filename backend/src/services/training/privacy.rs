//! A person's rights over their data: everything held about them, exported
//! as JSON; and erasure, which removes what identifies them while keeping
//! the facts past reports were made of (dates, status, gender, birth year,
//! neighbourhood flag), so those figures do not change.

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::{Value, json};
use shared_types::{
    InstallationStatus, SupportStatus,
    training::{DeviceStage, record_closed},
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{
            attendance, audit_entry, installation, referral, reminder_call, support_request,
        },
    },
    services::{audit, installations::household_key},
};

use super::{TrainingError, find_visible, rule};
use crate::services::access::{self, Action, Resource};

fn coordinator(viewer: &StaffUser) -> Result<(), TrainingError> {
    access::reach(viewer, Action::Write, Resource::PersonalData).map_err(rule)?;
    Ok(())
}

/// The audit entry of an export or erasure; `user` is None for the
/// retention job.
async fn log(
    tx: &sea_orm::DatabaseTransaction,
    user: Option<Uuid>,
    programme_id: Uuid,
    action: &str,
    id: Uuid,
) -> Result<(), sea_orm::DbErr> {
    audit::record(tx, programme_id, user, action, "LEARNER", &[id]).await
}

/// Everything Passerelle holds about one person, as JSON.
pub async fn export(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Value, TrainingError> {
    coordinator(viewer)?;
    let person = find_visible(&db.conn, viewer, id).await?;
    let marks = attendance::Entity::find()
        .filter(attendance::Column::ReferralId.eq(id))
        .all(&db.conn)
        .await?;
    let installs = installation::Entity::find()
        .filter(installation::Column::ReferralId.eq(id))
        .all(&db.conn)
        .await?;
    let requests = support_request::Entity::find()
        .filter(support_request::Column::ReferralId.eq(id))
        .all(&db.conn)
        .await?;
    let reads = audit_entry::Entity::find()
        .filter(audit_entry::Column::SubjectIds.contains(id.to_string()))
        .all(&db.conn)
        .await?;
    let tx = db.write_tx().await?;
    log(&tx, Some(viewer.id), viewer.programme_id, "EXPORT", id).await?;
    tx.commit().await?;
    Ok(json!({
        "exportedAt": Utc::now(),
        "referral": {
            "id": person.id, "status": person.status, "firstName": person.first_name, "lastName": person.last_name,
            "birthYear": person.birth_year, "gender": person.gender, "phone": person.phone, "email": person.email,
            "address": person.address, "neighbourhood": person.neighbourhood, "priorityNeighbourhood": person.priority_neighbourhood,
            "languages": person.languages, "householdAdults": person.household_adults, "householdChildren": person.household_children,
            "internet": person.internet, "accessibilityNeeds": person.accessibility_needs, "reason": person.reason,
            "consentAt": person.consent_at, "decisionReason": person.decision_reason, "enrolledAt": person.enrolled_at,
            "contractSignedOn": person.contract_signed_on, "completedAt": person.completed_at, "droppedOutAt": person.dropped_out_at,
            "dropOutReason": person.drop_out_reason, "devicePreference": person.device_preference, "createdAt": person.created_at, "erasedAt": person.erased_at,
        },
        "attendance": marks.iter().map(|m| json!({ "moduleId": m.module_id, "mark": m.mark, "markedAt": m.marked_at })).collect::<Vec<_>>(),
        "installations": installs.iter().map(|i| json!({
            "id": i.id, "status": i.status, "visitFrom": i.visit_from, "visitTo": i.visit_to,
            "connection": i.connection, "signedBy": i.signed_by, "closedAt": i.closed_at,
        })).collect::<Vec<_>>(),
        "supportRequests": requests.iter().map(|r| json!({ "kind": r.kind, "status": r.status, "message": r.message, "createdAt": r.created_at })).collect::<Vec<_>>(),
        "reads": reads.iter().map(|r| json!({ "at": r.at, "byUser": r.user_id, "action": r.action })).collect::<Vec<_>>(),
    }))
}

/// Erases what identifies a person; the facts figures were made of stay.
pub async fn erase(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<(), TrainingError> {
    coordinator(viewer)?;
    let tx = db.write_tx().await?;
    let person = find_visible(&*tx, viewer, id).await?;
    pseudonymise(&tx, person).await?;
    log(&tx, Some(viewer.id), viewer.programme_id, "ERASE", id).await?;
    tx.commit().await?;
    Ok(())
}

async fn pseudonymise(
    tx: &sea_orm::DatabaseTransaction,
    person: referral::Model,
) -> Result<(), sea_orm::DbErr> {
    let id = person.id;
    let mut active: referral::ActiveModel = person.into();
    active.first_name = Set("Personne".to_string());
    active.last_name = Set("effacée".to_string());
    active.phone = Set(String::new());
    for field in [
        &mut active.email,
        &mut active.address,
        &mut active.neighbourhood,
        &mut active.languages,
        &mut active.accessibility_needs,
        &mut active.reason,
        &mut active.decision_reason,
        &mut active.drop_out_reason,
        &mut active.tracking_code,
    ] {
        *field = Set(None);
    }
    let now = Utc::now();
    active.updated_at = Set(now);
    active.erased_at = Set(Some(now));
    active.update(tx).await?;
    for row in installation::Entity::find()
        .filter(installation::Column::ReferralId.eq(id))
        .all(tx)
        .await?
    {
        let key = format!("erased:{}", row.id);
        let mut active: installation::ActiveModel = row.into();
        active.signature = Set(None);
        active.signed_by = Set(None);
        // The household key is the folded address: it goes too.
        active.household_key = Set(key);
        active.update(tx).await?;
    }
    for row in support_request::Entity::find()
        .filter(support_request::Column::ReferralId.eq(id))
        .all(tx)
        .await?
    {
        let mut active: support_request::ActiveModel = row.into();
        active.message = Set("(effacé)".to_string());
        active.resolution = Set(None);
        active.update(tx).await?;
    }
    reminder_call::Entity::delete_many()
        .filter(reminder_call::Column::ReferralId.eq(id))
        .exec(tx)
        .await?;
    Ok(())
}

/// Pseudonymises the people whose record is closed
/// (`shared_types::training::record_closed`) and untouched for more than
/// `retention`: their record, their visits and their requests all older
/// than the cut-off. Returns how many people were pseudonymised.
pub async fn apply_retention(
    db: &Db,
    now: chrono::DateTime<Utc>,
    retention: chrono::Duration,
) -> Result<usize, TrainingError> {
    let cutoff = now - retention;
    let candidates = referral::Entity::find()
        .filter(referral::Column::ErasedAt.is_null())
        .filter(referral::Column::UpdatedAt.lt(cutoff))
        .all(&db.conn)
        .await?;
    let mut done = 0;
    for person in candidates {
        let tx = db.write_tx().await?;
        // Read again inside the write: the person may have moved meanwhile.
        let Some(person) = referral::Entity::find_by_id(person.id)
            .filter(referral::Column::ErasedAt.is_null())
            .filter(referral::Column::UpdatedAt.lt(cutoff))
            .one(&*tx)
            .await?
        else {
            continue;
        };
        if !closed_since(&tx, &person, cutoff).await? {
            continue;
        }
        let (id, programme_id) = (person.id, person.programme_id);
        pseudonymise(&tx, person).await?;
        log(&tx, None, programme_id, "RETENTION", id).await?;
        tx.commit().await?;
        done += 1;
    }
    Ok(done)
}

/// Whether the record is closed and its last contact (a visit or a request
/// changed) is before the cut-off.
async fn closed_since(
    tx: &sea_orm::DatabaseTransaction,
    person: &referral::Model,
    cutoff: chrono::DateTime<Utc>,
) -> Result<bool, TrainingError> {
    let status = person.status;
    let installs = installation::Entity::find()
        .filter(installation::Column::ReferralId.eq(person.id))
        .all(tx)
        .await?;
    let requests = support_request::Entity::find()
        .filter(support_request::Column::ReferralId.eq(person.id))
        .all(tx)
        .await?;
    if installs.iter().any(|i| i.updated_at >= cutoff)
        || requests.iter().any(|r| r.updated_at >= cutoff)
    {
        return Ok(false);
    }
    let own: Vec<InstallationStatus> = installs.iter().map(|i| i.status).collect();
    let household_installed = installation::Entity::find()
        .filter(installation::Column::ProgrammeId.eq(person.programme_id))
        .filter(installation::Column::HouseholdKey.eq(household_key(person)))
        .filter(installation::Column::Status.eq(InstallationStatus::Installed))
        .one(tx)
        .await?
        .is_some();
    let open_request = requests.iter().any(|r| r.status != SupportStatus::Resolved);
    Ok(record_closed(
        status,
        DeviceStage::of(&own, household_installed, person.device_outcome.is_some()),
        open_request,
    ))
}
