//! The programme's settings, changed by its coordinators: the time zone its
//! days are counted in, its course (the modules each new cohort gets), the
//! share of working devices agreed with the refurbisher, and the completion
//! rule. A programme that never wrote its course uses the built-in one.

use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared_types::{
    ErrorCode, OrganisationKind, ProgrammeTimeZone, programme::check_settings,
    training::MODULE_TEMPLATE,
};
use uuid::Uuid;

use crate::services::access::{self, Action, Resource};
use crate::services::calendar;
use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{module_template, organisation, programme},
    },
    services::audit,
};

use super::{DbErr, ServiceError};

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("{0}")]
    Rule(ErrorCode),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl ServiceError for SettingsError {
    fn code(&self) -> ErrorCode {
        match self {
            SettingsError::Rule(code) => *code,
            SettingsError::Db(_) => ErrorCode::Internal,
        }
    }
}

fn rule(code: ErrorCode) -> SettingsError {
    SettingsError::Rule(code)
}

/// One module of the programme's course.
#[derive(Debug, Clone, PartialEq)]
pub struct CourseModule {
    pub title: String,
    /// Counts for completion.
    pub mandatory: bool,
    /// Where it is taught; the cohort's place when none.
    pub place: Option<String>,
    /// The training provider teaching it; the cohort's own when none.
    pub organisation_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    pub return_share_percent: i32,
    pub completion_max_excused: i32,
    pub completion_max_absent: i32,
    pub time_zone: ProgrammeTimeZone,
    /// No event can be dated before it: set earlier to enter the history.
    pub started_on: chrono::NaiveDate,
    pub course: Vec<CourseModule>,
}

/// The programme's course: its own, or the built-in one.
pub async fn course<C: sea_orm::ConnectionTrait>(
    conn: &C,
    programme_id: Uuid,
) -> Result<Vec<CourseModule>, DbErr> {
    let rows = module_template::Entity::find()
        .filter(module_template::Column::ProgrammeId.eq(programme_id))
        .order_by_asc(module_template::Column::Position)
        .all(conn)
        .await?;
    if rows.is_empty() {
        return Ok(MODULE_TEMPLATE
            .iter()
            .map(|(title, mandatory)| CourseModule {
                title: title.to_string(),
                mandatory: *mandatory,
                place: None,
                organisation_id: None,
            })
            .collect());
    }
    Ok(rows
        .into_iter()
        .map(|r| CourseModule {
            title: r.title,
            mandatory: r.mandatory,
            place: r.place,
            organisation_id: r.organisation_id,
        })
        .collect())
}

fn ensure(viewer: &StaffUser, action: Action) -> Result<(), SettingsError> {
    access::reach(viewer, action, Resource::Settings).map_err(rule)?;
    Ok(())
}

pub async fn get(db: &Db, viewer: &StaffUser) -> Result<Settings, SettingsError> {
    ensure(viewer, Action::Read)?;
    let row = programme::Entity::find_by_id(viewer.programme_id)
        .one(&db.conn)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    Ok(Settings {
        return_share_percent: row.return_share_percent,
        completion_max_excused: row.completion_max_excused,
        completion_max_absent: row.completion_max_absent,
        time_zone: row.time_zone,
        started_on: row
            .started_on
            .unwrap_or(calendar::programme_day(row.time_zone, row.created_at)),
        course: course(&db.conn, viewer.programme_id).await?,
    })
}

/// Replaces the settings whole; cohorts already created keep their modules.
pub async fn update(
    db: &Db,
    viewer: &StaffUser,
    changes: Settings,
) -> Result<Settings, SettingsError> {
    ensure(viewer, Action::Write)?;
    let titles: Vec<&str> = changes.course.iter().map(|m| m.title.as_str()).collect();
    check_settings(
        changes.return_share_percent,
        changes.completion_max_excused,
        changes.completion_max_absent,
        &titles,
    )
    .map_err(rule)?;
    if changes.started_on > calendar::programme_day(changes.time_zone, chrono::Utc::now()) {
        return Err(rule(ErrorCode::DateInFuture));
    }
    let tx = db.write_tx().await?;
    for module in &changes.course {
        if let Some(id) = module.organisation_id {
            let teaches = organisation::Entity::find_by_id(id)
                .one(&*tx)
                .await?
                .filter(|o| o.programme_id == viewer.programme_id)
                .is_some_and(|o| {
                    matches!(
                        o.kind,
                        OrganisationKind::TrainingProvider
                            | OrganisationKind::Installer
                            | OrganisationKind::Coordinator
                    )
                });
            if !teaches {
                return Err(rule(ErrorCode::ProviderRequired));
            }
        }
    }
    let row = programme::Entity::find_by_id(viewer.programme_id)
        .one(&*tx)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    let mut active: programme::ActiveModel = row.into();
    active.return_share_percent = Set(changes.return_share_percent);
    active.completion_max_excused = Set(changes.completion_max_excused);
    active.completion_max_absent = Set(changes.completion_max_absent);
    active.time_zone = Set(changes.time_zone);
    active.started_on = Set(Some(changes.started_on));
    active.update(&*tx).await?;
    module_template::Entity::delete_many()
        .filter(module_template::Column::ProgrammeId.eq(viewer.programme_id))
        .exec(&*tx)
        .await?;
    for (position, module) in changes.course.iter().enumerate() {
        let place = module
            .place
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_string);
        if place.as_ref().is_some_and(|p| p.chars().count() > 240) {
            return Err(rule(ErrorCode::TextTooLong));
        }
        module_template::ActiveModel {
            id: Set(Uuid::new_v4()),
            programme_id: Set(viewer.programme_id),
            position: Set(position as i32 + 1),
            title: Set(module.title.trim().to_string()),
            mandatory: Set(module.mandatory),
            place: Set(place),
            organisation_id: Set(module.organisation_id),
        }
        .insert(&*tx)
        .await?;
    }
    audit::record(
        &*tx,
        viewer.programme_id,
        Some(viewer.id),
        "EDIT",
        "SETTINGS",
        &[viewer.programme_id],
    )
    .await?;
    tx.commit().await?;
    get(db, viewer).await
}
