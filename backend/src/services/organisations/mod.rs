//! Programmes and the partner organisations that work in them.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared_types::{
    ErrorCode, OrganisationChanges, OrganisationKind, training::CompletionRule, validation,
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{organisation, programme},
    },
};

use super::{DbErr, ServiceError, audit, is_unique_violation};

#[derive(Debug, thiserror::Error)]
pub enum OrganisationError {
    #[error("{0}")]
    Rule(ErrorCode),
    #[error("an organisation with this name already exists in the programme")]
    NameTaken,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl ServiceError for OrganisationError {
    fn code(&self) -> ErrorCode {
        match self {
            OrganisationError::Rule(code) => *code,
            OrganisationError::NameTaken => ErrorCode::OrganisationNameTaken,
            OrganisationError::Db(_) => ErrorCode::Internal,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Organisation {
    pub id: Uuid,
    pub programme_id: Uuid,
    pub name: String,
    pub kind: OrganisationKind,
    pub phone: Option<String>,
}

impl TryFrom<organisation::Model> for Organisation {
    type Error = DbErr;
    fn try_from(m: organisation::Model) -> Result<Organisation, DbErr> {
        Ok(Organisation {
            kind: m.kind,
            id: m.id,
            programme_id: m.programme_id,
            name: m.name,
            phone: m.phone,
        })
    }
}

pub struct NewOrganisation {
    pub name: String,
    pub kind: OrganisationKind,
    pub phone: Option<String>,
}

/// The organisations of the viewer's programme, by name.
pub async fn list(db: &Db, viewer: &StaffUser) -> Result<Vec<Organisation>, OrganisationError> {
    let rows = organisation::Entity::find()
        .filter(organisation::Column::ProgrammeId.eq(viewer.programme_id))
        .order_by_asc(organisation::Column::Name)
        .all(&db.conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(Organisation::try_from)
        .collect::<Result<_, _>>()?)
}

pub async fn by_ids(db: &Db, ids: &[Uuid]) -> Result<HashMap<Uuid, Organisation>, DbErr> {
    let rows = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(ids.iter().copied()))
        .all(&db.conn)
        .await?;
    rows.into_iter()
        .map(|m| Organisation::try_from(m).map(|o| (o.id, o)))
        .collect()
}

pub async fn create(
    db: &Db,
    programme_id: Uuid,
    input: NewOrganisation,
) -> Result<Organisation, OrganisationError> {
    let OrganisationChanges { name, phone } =
        validation::check_organisation(&input.name, input.phone.as_deref())
            .map_err(OrganisationError::Rule)?;
    let tx = db.write_tx().await?;
    let row = organisation::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(programme_id),
        name: Set(name),
        kind: Set(input.kind),
        phone: Set(phone),
        created_at: Set(Utc::now()),
    }
    .insert(&*tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            OrganisationError::NameTaken
        } else {
            OrganisationError::Db(e)
        }
    })?;
    tx.commit().await?;
    Ok(Organisation::try_from(row)?)
}

/// Corrects an organisation's name or phone; the change is kept in the
/// programme's log (who, when).
pub async fn update(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    changes: OrganisationChanges,
) -> Result<Organisation, OrganisationError> {
    let OrganisationChanges { name, phone } =
        validation::check_organisation(&changes.name, changes.phone.as_deref())
            .map_err(OrganisationError::Rule)?;
    let tx = db.write_tx().await?;
    let row = organisation::Entity::find_by_id(id)
        .one(&*tx)
        .await?
        .filter(|o| o.programme_id == viewer.programme_id)
        .ok_or(OrganisationError::Rule(ErrorCode::NotFound))?;
    let mut active: organisation::ActiveModel = row.into();
    active.name = Set(name);
    active.phone = Set(phone);
    let row = active.update(&*tx).await.map_err(|e| {
        if is_unique_violation(&e) {
            OrganisationError::NameTaken
        } else {
            OrganisationError::Db(e)
        }
    })?;
    audit::record(
        &*tx,
        viewer.programme_id,
        Some(viewer.id),
        "EDIT",
        "ORGANISATION",
        &[id],
    )
    .await?;
    tx.commit().await?;
    Ok(Organisation::try_from(row)?)
}

/// Creates a programme with its coordinating organisation: the start of a real install.
pub async fn create_programme(
    db: &Db,
    programme_name: &str,
    coordinator_name: &str,
) -> Result<Organisation, OrganisationError> {
    let programme_name =
        validation::normalise_name(programme_name).map_err(OrganisationError::Rule)?;
    let coordinator_name =
        validation::normalise_name(coordinator_name).map_err(OrganisationError::Rule)?;
    let tx = db.write_tx().await?;
    let programme = programme::ActiveModel {
        id: Set(Uuid::new_v4()),
        name: Set(programme_name),
        return_share_percent: Set(10),
        completion_max_excused: Set(CompletionRule::default().max_excused_absences as i32),
        completion_max_absent: Set(CompletionRule::default().max_unexcused_absences as i32),
        time_zone: Set(shared_types::ProgrammeTimeZone::EuropeParis),
        created_at: Set(Utc::now()),
        started_on: Set(None),
    }
    .insert(&*tx)
    .await?;
    let row = organisation::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(programme.id),
        name: Set(coordinator_name),
        kind: Set(OrganisationKind::Coordinator),
        phone: Set(None),
        created_at: Set(Utc::now()),
    }
    .insert(&*tx)
    .await?;
    tx.commit().await?;
    Ok(Organisation::try_from(row)?)
}
