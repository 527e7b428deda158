//! Recording a pickup from a phone, exactly once.
//!
//! The phone gives every pickup a UUID and may send it many times (flaky
//! network, a retry after a timeout whose answer was lost). The first send
//! records it; a resend with the same content gets the same pickup back; a
//! resend with other content is refused (`PICKUP_CONFLICT`) and changes nothing.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use sha2::{Digest, Sha256};
use shared_types::{
    ErrorCode, PickupStatus,
    pickup::{
        ItemSerial, MAX_ADDRESS_CHARS, MAX_NOTES_CHARS, MaterialCount, check_location,
        check_signature,
    },
    validation,
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{Db, entities::pickup},
    services::{
        calendar,
        donors::{self, NewDonor, OnDuplicate},
        is_unique_violation,
    },
};

use super::{Material, Pickup, PickupError, clean_text, ensure_agent, get, rule};

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    pub accuracy_m: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub enum DonorChoice {
    Existing(Uuid),
    /// Typed on the spot, possibly with no network to look the donor up.
    New(Box<NewDonor>),
}

/// A pickup as the phone sends it.
#[derive(Debug, Clone, Serialize)]
pub struct PickupInput {
    pub client_uuid: Uuid,
    pub donor: Option<DonorChoice>,
    /// The planned pickup this completes, if it was planned.
    pub scheduled_pickup_id: Option<Uuid>,
    pub collected_at: DateTime<Utc>,
    pub address: Option<String>,
    pub counts: Vec<MaterialCount>,
    pub serials: Vec<ItemSerial>,
    pub weight_kg: f64,
    pub location: Option<Location>,
    pub signature: Vec<Vec<i32>>,
    pub signed_by: Option<String>,
    pub notes: Option<String>,
}

impl PickupInput {
    /// What identifies this content: a resend must match it exactly.
    fn fingerprint(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        Sha256::digest(json)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Records a collected pickup; see the module's note on resends.
pub async fn record(
    db: &Db,
    viewer: &StaffUser,
    input: PickupInput,
) -> Result<Pickup, PickupError> {
    ensure_agent(viewer)?;
    let fingerprint = input.fingerprint();
    if let Some(found) = replay(db, viewer, input.client_uuid, &fingerprint).await? {
        return Ok(found);
    }
    let now = Utc::now();
    // Phones' clocks drift a little; a pickup an hour ahead is a wrong date.
    if input.collected_at > now + Duration::minutes(15) {
        return Err(rule(ErrorCode::TimeInFuture));
    }
    // Any day of the programme's history may be entered (a paper form
    // typed in later), none before it started.
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    if calendar::programme_day(calendar.zone, input.collected_at) < calendar.started_on {
        return Err(rule(ErrorCode::DateBeforeProgramme));
    }
    let material = Material::checked(&input.counts, &input.serials, input.weight_kg)?;
    check_signature(&input.signature).map_err(rule)?;
    if let Some(location) = input.location {
        check_location(location.latitude, location.longitude, location.accuracy_m).map_err(rule)?;
    }
    let address = clean_text(input.address.clone(), MAX_ADDRESS_CHARS)?;
    let notes = clean_text(input.notes.clone(), MAX_NOTES_CHARS)?;
    let signed_by = match input.signed_by.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => Some(validation::normalise_name(name).map_err(rule)?),
        _ => None,
    };
    let signature = if input.signature.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&input.signature).unwrap_or_default())
    };

    let existing_donor = match &input.donor {
        None => return Err(rule(ErrorCode::DonorRequired)),
        Some(DonorChoice::Existing(id)) => Some(donors::get(db, viewer, *id).await?),
        Some(DonorChoice::New(_)) => None,
    };
    let tx = db.write_tx().await?;
    let donor = match (existing_donor, input.donor.clone()) {
        (Some(donor), _) => donor,
        (None, Some(DonorChoice::New(new))) => {
            donors::create_in(&tx, viewer.programme_id, *new, OnDuplicate::UseExisting).await?
        }
        (None, _) => return Err(rule(ErrorCode::DonorRequired)),
    };
    let planned = match input.scheduled_pickup_id {
        Some(id) => {
            let row = super::find_visible(&*tx, viewer, id).await?;
            if row.organisation_id != viewer.organisation_id {
                return Err(rule(ErrorCode::NotFound));
            }
            if row.status != PickupStatus::Scheduled {
                return Err(rule(ErrorCode::PickupNotScheduled));
            }
            Some(row)
        }
        None => None,
    };
    let mut row = pickup::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(viewer.programme_id),
        organisation_id: Set(viewer.organisation_id),
        donor_id: Set(donor.id),
        status: Set(PickupStatus::Collected),
        client_uuid: Set(Some(input.client_uuid)),
        content_hash: Set(Some(fingerprint.clone())),
        scheduled_for: Set(None),
        collected_at: Set(Some(input.collected_at)),
        address: Set(address.or(donor.address)),
        weight_grams: Set(Some(material.weight_grams)),
        latitude: Set(input.location.map(|l| l.latitude)),
        longitude: Set(input.location.map(|l| l.longitude)),
        location_accuracy_m: Set(input.location.and_then(|l| l.accuracy_m)),
        signature: Set(signature),
        signed_by: Set(signed_by),
        notes: Set(notes),
        cancel_reason: Set(None),
        recorded_by: Set(viewer.id),
        batch_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    let saved = match planned {
        Some(planned) => {
            row.id = Set(planned.id);
            row.scheduled_for = Set(planned.scheduled_for);
            row.created_at = Set(planned.created_at);
            row.update(&*tx).await
        }
        None => row.insert(&*tx).await,
    };
    let saved = match saved {
        Ok(saved) => saved,
        // Another send of the same pickup got in first (PostgreSQL runs them
        // side by side): answer as a resend.
        Err(err) if is_unique_violation(&err) => {
            tx.rollback().await?;
            return replay(db, viewer, input.client_uuid, &fingerprint)
                .await?
                .ok_or(PickupError::Db(err));
        }
        Err(err) => return Err(err.into()),
    };
    material.write(&tx, saved.id).await?;
    if let Err(err) = tx.commit().await {
        if is_unique_violation(&err) {
            return replay(db, viewer, input.client_uuid, &fingerprint)
                .await?
                .ok_or(PickupError::Db(err));
        }
        return Err(err.into());
    }
    get(db, viewer, saved.id).await
}

/// The pickup already recorded under `client_uuid`, if this is a resend.
async fn replay(
    db: &Db,
    viewer: &StaffUser,
    client_uuid: Uuid,
    fingerprint: &str,
) -> Result<Option<Pickup>, PickupError> {
    let Some(existing) = pickup::Entity::find()
        .filter(pickup::Column::ClientUuid.eq(client_uuid))
        .one(&db.conn)
        .await?
    else {
        return Ok(None);
    };
    let same_sender = existing.organisation_id == viewer.organisation_id
        && existing.programme_id == viewer.programme_id;
    if same_sender && existing.content_hash.as_deref() == Some(fingerprint) {
        Ok(Some(get(db, viewer, existing.id).await?))
    } else {
        Err(rule(ErrorCode::PickupConflict))
    }
}
