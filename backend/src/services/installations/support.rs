//! After-sales: problems reported on an installed device (by the household
//! from its tracking page, or by a trainer), and requests to move a visit,
//! handled by the help desk (the coordination and the installer).

use std::collections::HashMap;

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared_types::{ErrorCode, SupportKind, SupportStatus};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{device, installation, referral, support_request},
    },
    services::{audit, calendar, training},
};

use super::{InstallationError, rule, tracking::learner_by_code};
use crate::services::access::{self, Action::Read, Resource::SupportRequests};

const MAX_MESSAGE: usize = 2_000;

fn message_of(text: String) -> Result<String, InstallationError> {
    let text = text.trim().to_string();
    if text.chars().count() < 3 {
        return Err(rule(ErrorCode::MessageRequired));
    }
    if text.chars().count() > MAX_MESSAGE {
        return Err(rule(ErrorCode::TextTooLong));
    }
    Ok(text)
}

/// When a request was reported: now (the household's page), or on the day a
/// staff member says the household told them.
enum Reported<'a> {
    Now,
    By(&'a StaffUser, calendar::Happened),
}

async fn file(
    db: &Db,
    learner: &referral::Model,
    kind: SupportKind,
    message: String,
    source: &str,
    reported: Reported<'_>,
) -> Result<support_request::Model, InstallationError> {
    // The household's latest installation: the one it has now, or the one
    // whose computer it gave back.
    let install = installation::Entity::find()
        .filter(installation::Column::ReferralId.eq(learner.id))
        .order_by_desc(installation::Column::CreatedAt)
        .one(&db.conn)
        .await?;
    let now = Utc::now();
    let tx = db.write_tx().await?;
    let row = support_request::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(learner.programme_id),
        referral_id: Set(learner.id),
        installation_id: Set(install.map(|i| i.id)),
        kind: Set(kind),
        status: Set(SupportStatus::Open),
        message: Set(message),
        source: Set(source.to_string()),
        resolution: Set(None),
        reported_at: Set(match reported {
            Reported::Now => now,
            Reported::By(_, happened) => happened.at,
        }),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    if let Reported::By(viewer, happened) = reported {
        audit::dated(&*tx, viewer, happened, "support.request", row.id).await?;
    }
    tx.commit().await?;
    Ok(row)
}

/// From the tracking page: a problem, or a request to move the visit.
pub async fn from_household(
    db: &Db,
    code: &str,
    kind: SupportKind,
    message: String,
) -> Result<(), InstallationError> {
    let message = message_of(message)?;
    let learner = learner_by_code(db, code).await?;
    file(db, &learner, kind, message, "HOUSEHOLD", Reported::Now)
        .await
        .map(|_| ())
}

/// A trainer or coordinator reports a problem for a learner they may see,
/// on the day the household told them (a call taken on Friday, entered on
/// Monday), not before the learner was referred.
pub async fn from_staff(
    db: &Db,
    viewer: &StaffUser,
    referral_id: Uuid,
    message: String,
    reported_on: Option<NaiveDate>,
) -> Result<support_request::Model, InstallationError> {
    let message = message_of(message)?;
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let happened = calendar.happened(reported_on, Utc::now()).map_err(rule)?;
    let learner = training::find_visible(&db.conn, viewer, referral_id)
        .await
        .map_err(|e| match e {
            training::TrainingError::Rule(code) => rule(code),
            training::TrainingError::Db(e) => InstallationError::Db(e),
        })?;
    let happened = calendar
        .follows(Some(learner.referred_at), happened)
        .map_err(rule)?;
    file(
        db,
        &learner,
        SupportKind::Problem,
        message,
        "STAFF",
        Reported::By(viewer, happened),
    )
    .await
}

/// The help desk's list: coordinators see all; installers their visits'.
pub async fn list(
    db: &Db,
    viewer: &StaffUser,
    status: Option<SupportStatus>,
) -> Result<Vec<(support_request::Model, referral::Model)>, InstallationError> {
    let mut query = support_request::Entity::find()
        .filter(support_request::Column::ProgrammeId.eq(viewer.programme_id));
    let scope = access::listing_scope(viewer, Read, SupportRequests, None).map_err(rule)?;
    if let Some(installer) = scope {
        let mine: Vec<Uuid> = installation::Entity::find()
            .filter(installation::Column::InstallerId.eq(installer))
            .all(&db.conn)
            .await?
            .into_iter()
            .map(|i| i.id)
            .collect();
        query = query.filter(support_request::Column::InstallationId.is_in(mine));
    }
    if let Some(status) = status {
        query = query.filter(support_request::Column::Status.eq(status));
    }
    let rows = query
        .order_by_desc(support_request::Column::ReportedAt)
        .all(&db.conn)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.referral_id).collect();
    crate::services::audit::read(
        db,
        crate::services::audit::Reader::Staff(viewer),
        "LEARNER",
        &ids,
    )
    .await?;
    let mut result = Vec::new();
    for row in rows {
        if let Some(learner) = referral::Entity::find_by_id(row.referral_id)
            .one(&db.conn)
            .await?
        {
            result.push((row, learner));
        }
    }
    Ok(result)
}

/// The requests about one installation, for its visit page: the viewer
/// already sees the installation (`visits::get`), so sees what the household
/// asked about it.
pub async fn about_installation(
    db: &Db,
    installation_id: Uuid,
) -> Result<Vec<support_request::Model>, InstallationError> {
    Ok(support_request::Entity::find()
        .filter(support_request::Column::InstallationId.eq(installation_id))
        .order_by_desc(support_request::Column::ReportedAt)
        .all(&db.conn)
        .await?)
}

/// The tags of the computers requests are about, by installation, to open
/// them from the help desk: two queries whatever the number of requests.
pub async fn device_tags(
    db: &Db,
    rows: &[support_request::Model],
) -> Result<HashMap<Uuid, String>, InstallationError> {
    let ids: Vec<Uuid> = rows.iter().filter_map(|r| r.installation_id).collect();
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let installations = installation::Entity::find()
        .filter(installation::Column::Id.is_in(ids))
        .all(&db.conn)
        .await?;
    let tags: HashMap<Uuid, String> = device::Entity::find()
        .filter(device::Column::Id.is_in(installations.iter().map(|i| i.device_id)))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|d| (d.id, d.tag))
        .collect();
    Ok(installations
        .into_iter()
        .filter_map(|i| tags.get(&i.device_id).map(|tag| (i.id, tag.clone())))
        .collect())
}

pub async fn update(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    status: SupportStatus,
    resolution: Option<String>,
) -> Result<support_request::Model, InstallationError> {
    let visible = list(db, viewer, None).await?;
    let (row, _) = visible
        .into_iter()
        .find(|(r, _)| r.id == id)
        .ok_or(rule(ErrorCode::NotFound))?;
    let tx = db.write_tx().await?;
    let mut active: support_request::ActiveModel = row.into();
    active.status = Set(status);
    if let Some(text) = resolution
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
    {
        active.resolution = Set(Some(text));
    }
    active.updated_at = Set(Utc::now());
    let saved = active.update(&*tx).await?;
    tx.commit().await?;
    Ok(saved)
}
