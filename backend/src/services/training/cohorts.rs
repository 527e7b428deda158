//! Cohorts: places, modules (from the programme's template), learners
//! enrolled from eligible referrals (or on the waiting list when full),
//! attendance, completion, and the reminder calls before each module.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, Set, sea_query::Expr,
};
use shared_types::{
    AttendanceMark, CompletionOutcome, ErrorCode, ReferralStatus, Role,
    training::{CompletionRule, DEFAULT_PLACES, MAX_PLACES, MODULE_TEMPLATE},
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{attendance, cohort, cohort_module, programme, referral, reminder_call},
    },
    services::calendar,
};

use super::{Referral, TrainingError, clean, find_visible, organises, provider_for, rule};

#[derive(Debug, Clone)]
pub struct Cohort {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: String,
    pub places: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
}

impl From<cohort::Model> for Cohort {
    fn from(m: cohort::Model) -> Cohort {
        Cohort {
            id: m.id,
            organisation_id: m.organisation_id,
            name: m.name,
            places: m.places,
            starts_on: m.starts_on,
            ends_on: m.ends_on,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Module {
    pub id: Uuid,
    pub cohort_id: Uuid,
    pub position: i32,
    pub title: String,
    pub place: Option<String>,
    pub trainer: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub mandatory: bool,
}

impl From<cohort_module::Model> for Module {
    fn from(m: cohort_module::Model) -> Module {
        Module {
            id: m.id,
            cohort_id: m.cohort_id,
            position: m.position,
            title: m.title,
            place: m.place,
            trainer: m.trainer,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            mandatory: m.mandatory,
        }
    }
}

fn may_see_cohort(viewer: &StaffUser, row: &cohort::Model) -> bool {
    row.programme_id == viewer.programme_id && organises(viewer, row.organisation_id)
}

async fn find_cohort<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    id: Uuid,
) -> Result<cohort::Model, TrainingError> {
    cohort::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|c| may_see_cohort(viewer, c))
        .ok_or(rule(ErrorCode::NotFound))
}

#[derive(Debug, Clone)]
pub struct NewCohort {
    pub organisation_id: Option<Uuid>,
    pub name: String,
    pub places: Option<i32>,
    /// When the first module starts; the others follow weekly.
    pub first_module_at: DateTime<Utc>,
    pub module_minutes: i64,
    pub place: Option<String>,
    pub trainer: Option<String>,
}

/// A cohort with the programme's modules, one a week from the first.
pub async fn create(
    db: &Db,
    viewer: &StaffUser,
    input: NewCohort,
) -> Result<Cohort, TrainingError> {
    let organisation_id = provider_for(db, viewer, input.organisation_id).await?;
    let name = clean(Some(input.name), 120)?.ok_or(rule(ErrorCode::NameRequired))?;
    let places = input.places.unwrap_or(DEFAULT_PLACES);
    if !(1..=MAX_PLACES).contains(&places) {
        return Err(rule(ErrorCode::PlacesInvalid));
    }
    if !(15..=8 * 60).contains(&input.module_minutes) {
        return Err(rule(ErrorCode::DatesInvalid));
    }
    let place = clean(input.place, 240)?;
    let trainer = clean(input.trainer, 120)?;
    let first = input.first_module_at;
    let last = calendar::weeks_later(first, MODULE_TEMPLATE.len() as i64 - 1);
    let tx = db.write_tx().await?;
    let row = cohort::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(viewer.programme_id),
        organisation_id: Set(organisation_id),
        name: Set(name),
        places: Set(places),
        starts_on: Set(calendar::programme_day(first)),
        ends_on: Set(calendar::programme_day(last)),
        created_at: Set(Utc::now()),
    }
    .insert(&*tx)
    .await?;
    for (position, (title, mandatory)) in MODULE_TEMPLATE.iter().enumerate() {
        let starts_at = calendar::weeks_later(first, position as i64);
        cohort_module::ActiveModel {
            id: Set(Uuid::new_v4()),
            cohort_id: Set(row.id),
            position: Set(position as i32 + 1),
            title: Set(title.to_string()),
            place: Set(place.clone()),
            trainer: Set(trainer.clone()),
            starts_at: Set(starts_at),
            ends_at: Set(starts_at + Duration::minutes(input.module_minutes)),
            mandatory: Set(*mandatory),
        }
        .insert(&*tx)
        .await?;
    }
    tx.commit().await?;
    Ok(row.into())
}

pub async fn list(db: &Db, viewer: &StaffUser) -> Result<Vec<Cohort>, TrainingError> {
    let mut query =
        cohort::Entity::find().filter(cohort::Column::ProgrammeId.eq(viewer.programme_id));
    if !viewer.has_role(Role::Coordinator) {
        if !viewer.has_role(Role::Trainer) {
            return Err(rule(ErrorCode::Forbidden));
        }
        query = query.filter(cohort::Column::OrganisationId.eq(viewer.organisation_id));
    }
    Ok(query
        .order_by_desc(cohort::Column::StartsOn)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(Cohort::from)
        .collect())
}

pub async fn get(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Cohort, TrainingError> {
    Ok(find_cohort(&db.conn, viewer, id).await?.into())
}

pub async fn modules(
    db: &Db,
    viewer: &StaffUser,
    cohort_id: Uuid,
) -> Result<Vec<Module>, TrainingError> {
    find_cohort(&db.conn, viewer, cohort_id).await?;
    Ok(cohort_module::Entity::find()
        .filter(cohort_module::Column::CohortId.eq(cohort_id))
        .order_by_asc(cohort_module::Column::Position)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(Module::from)
        .collect())
}

/// Learners of the cohort, enrolled or waiting, with their progress.
pub async fn learners(
    db: &Db,
    viewer: &StaffUser,
    cohort_id: Uuid,
) -> Result<Vec<Referral>, TrainingError> {
    find_cohort(&db.conn, viewer, cohort_id).await?;
    let rows = referral::Entity::find()
        .filter(referral::Column::CohortId.eq(cohort_id))
        .order_by_asc(referral::Column::LastName)
        .all(&db.conn)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    crate::services::audit::read(
        db,
        crate::services::audit::Reader::Staff(viewer),
        "LEARNER",
        &ids,
    )
    .await?;
    rows.into_iter()
        .map(|r| Referral::try_from(r).map_err(TrainingError::from))
        .collect()
}

pub async fn update_module(
    db: &Db,
    viewer: &StaffUser,
    module_id: Uuid,
    starts_at: DateTime<Utc>,
    minutes: i64,
    place: Option<String>,
    trainer: Option<String>,
) -> Result<Module, TrainingError> {
    if !(15..=8 * 60).contains(&minutes) {
        return Err(rule(ErrorCode::DatesInvalid));
    }
    let tx = db.write_tx().await?;
    let row = cohort_module::Entity::find_by_id(module_id)
        .one(&*tx)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    find_cohort(&*tx, viewer, row.cohort_id).await?;
    let mut active: cohort_module::ActiveModel = row.into();
    active.starts_at = Set(starts_at);
    active.ends_at = Set(starts_at + Duration::minutes(minutes));
    active.place = Set(clean(place, 240)?);
    active.trainer = Set(clean(trainer, 120)?);
    let saved = active.update(&*tx).await?;
    follow_modules(&*tx, saved.cohort_id).await?;
    tx.commit().await?;
    Ok(saved.into())
}

/// The cohort's first and last days follow its modules when one moves.
async fn follow_modules<C: ConnectionTrait>(conn: &C, cohort_id: Uuid) -> Result<(), DbErr> {
    let modules = cohort_module::Entity::find()
        .filter(cohort_module::Column::CohortId.eq(cohort_id))
        .all(conn)
        .await?;
    let days = modules.iter().map(|m| calendar::programme_day(m.starts_at));
    let (Some(first), Some(last)) = (days.clone().min(), days.max()) else {
        return Ok(());
    };
    cohort::Entity::update_many()
        .col_expr(cohort::Column::StartsOn, Expr::value(first))
        .col_expr(cohort::Column::EndsOn, Expr::value(last))
        .filter(cohort::Column::Id.eq(cohort_id))
        .exec(conn)
        .await?;
    Ok(())
}

/// Enrols an eligible learner; when the cohort is full they go on its
/// waiting list instead (and are enrolled later, when a place frees up).
pub async fn enrol(
    db: &Db,
    viewer: &StaffUser,
    referral_id: Uuid,
    cohort_id: Uuid,
    contract_signed_on: Option<NaiveDate>,
) -> Result<Referral, TrainingError> {
    let tx = db.write_tx().await?;
    let cohort = find_cohort(&*tx, viewer, cohort_id).await?;
    let row = find_visible(&*tx, viewer, referral_id).await?;
    let status = row.status;
    if !matches!(
        status,
        ReferralStatus::Eligible | ReferralStatus::WaitingList
    ) {
        return Err(rule(ErrorCode::ReferralNotAllowed));
    }
    let taken = referral::Entity::find()
        .filter(referral::Column::CohortId.eq(cohort_id))
        .filter(
            referral::Column::Status.is_in([ReferralStatus::Enrolled, ReferralStatus::Completed]),
        )
        .count(&*tx)
        .await?;
    let to = if taken < cohort.places as u64 {
        ReferralStatus::Enrolled
    } else {
        ReferralStatus::WaitingList
    };
    if status == ReferralStatus::WaitingList && to == ReferralStatus::WaitingList {
        return Err(rule(ErrorCode::CohortFull));
    }
    let now = Utc::now();
    let mut active: referral::ActiveModel = row.into();
    active.status = Set(to);
    active.cohort_id = Set(Some(cohort_id));
    if to == ReferralStatus::Enrolled {
        active.enrolled_at = Set(Some(now));
        active.contract_signed_on = Set(contract_signed_on);
        // The household's code for following the delivery, printed at enrolment.
        if active.tracking_code.as_ref().is_none() {
            active.tracking_code = Set(Some(super::new_tracking_code()));
        }
    }
    active.updated_at = Set(now);
    let saved = active.update(&*tx).await?;
    tx.commit().await?;
    Ok(Referral::try_from(saved)?)
}

async fn enrolled_in_cohort<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    referral_id: Uuid,
) -> Result<(referral::Model, cohort::Model), TrainingError> {
    let row = find_visible(conn, viewer, referral_id).await?;
    let cohort_id = row.cohort_id.ok_or(rule(ErrorCode::LearnerNotInCohort))?;
    let cohort = find_cohort(conn, viewer, cohort_id).await?;
    Ok((row, cohort))
}

pub async fn drop_out(
    db: &Db,
    viewer: &StaffUser,
    referral_id: Uuid,
    reason: String,
) -> Result<Referral, TrainingError> {
    let reason = clean(Some(reason), 500)?.ok_or(rule(ErrorCode::ReasonRequired))?;
    let tx = db.write_tx().await?;
    let (row, _) = enrolled_in_cohort(&*tx, viewer, referral_id).await?;
    if row.status != ReferralStatus::Enrolled {
        return Err(rule(ErrorCode::ReferralNotAllowed));
    }
    let now = Utc::now();
    let mut active: referral::ActiveModel = row.into();
    active.status = Set(ReferralStatus::DroppedOut);
    active.dropped_out_at = Set(Some(now));
    active.drop_out_reason = Set(Some(reason));
    active.updated_at = Set(now);
    let saved = active.update(&*tx).await?;
    tx.commit().await?;
    Ok(Referral::try_from(saved)?)
}

/// The programme's completion rule.
async fn completion_rule<C: sea_orm::ConnectionTrait>(
    conn: &C,
    programme_id: Uuid,
) -> Result<CompletionRule, TrainingError> {
    let row = programme::Entity::find_by_id(programme_id)
        .one(conn)
        .await?;
    Ok(row
        .map(|p| CompletionRule {
            max_excused_absences: p.completion_max_excused.max(0) as u32,
            max_unexcused_absences: p.completion_max_absent.max(0) as u32,
        })
        .unwrap_or_default())
}

/// The learners' marks for each mandatory module of the cohort, in order.
async fn mandatory_marks<C: sea_orm::ConnectionTrait>(
    conn: &C,
    cohort_id: Uuid,
    referral_ids: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Option<AttendanceMark>>>, TrainingError> {
    let modules: Vec<Uuid> = cohort_module::Entity::find()
        .filter(cohort_module::Column::CohortId.eq(cohort_id))
        .filter(cohort_module::Column::Mandatory.eq(true))
        .order_by_asc(cohort_module::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    let marks = attendance::Entity::find()
        .filter(attendance::Column::ModuleId.is_in(modules.clone()))
        .filter(attendance::Column::ReferralId.is_in(referral_ids.to_vec()))
        .all(conn)
        .await?;
    let mut result = HashMap::new();
    for referral in referral_ids {
        let row: Vec<Option<AttendanceMark>> = modules
            .iter()
            .map(|module| {
                marks
                    .iter()
                    .find(|m| m.module_id == *module && m.referral_id == *referral)
                    .map(|m| m.mark)
            })
            .collect();
        result.insert(*referral, row);
    }
    Ok(result)
}

/// Where each learner stands against the completion rule.
pub async fn outcomes(
    db: &Db,
    viewer: &StaffUser,
    cohort_id: Uuid,
) -> Result<HashMap<Uuid, CompletionOutcome>, TrainingError> {
    let cohort = find_cohort(&db.conn, viewer, cohort_id).await?;
    let rule_ = completion_rule(&db.conn, cohort.programme_id).await?;
    let ids: Vec<Uuid> = referral::Entity::find()
        .filter(referral::Column::CohortId.eq(cohort_id))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    Ok(mandatory_marks(&db.conn, cohort_id, &ids)
        .await?
        .into_iter()
        .map(|(id, marks)| (id, rule_.outcome(&marks)))
        .collect())
}

/// The trainer confirms completion; the rule must be met.
pub async fn complete(
    db: &Db,
    viewer: &StaffUser,
    referral_id: Uuid,
) -> Result<Referral, TrainingError> {
    let tx = db.write_tx().await?;
    let (row, cohort) = enrolled_in_cohort(&*tx, viewer, referral_id).await?;
    if row.status != ReferralStatus::Enrolled {
        return Err(rule(ErrorCode::ReferralNotAllowed));
    }
    let rule_ = completion_rule(&*tx, cohort.programme_id).await?;
    let marks = mandatory_marks(&*tx, cohort.id, &[row.id]).await?;
    if rule_.outcome(marks.get(&row.id).map(Vec::as_slice).unwrap_or(&[])) != CompletionOutcome::Met
    {
        return Err(rule(ErrorCode::CompletionRuleNotMet));
    }
    let now = Utc::now();
    let mut active: referral::ActiveModel = row.into();
    active.status = Set(ReferralStatus::Completed);
    active.completed_at = Set(Some(now));
    active.updated_at = Set(now);
    let saved = active.update(&*tx).await?;
    tx.commit().await?;
    Ok(Referral::try_from(saved)?)
}

/// Marks attendance for learners of one module. Sending the same marks
/// again changes nothing (a flaky network resends).
pub async fn mark(
    db: &Db,
    viewer: &StaffUser,
    cohort_id: Uuid,
    module_id: Uuid,
    marks: Vec<(Uuid, AttendanceMark)>,
) -> Result<(), TrainingError> {
    let tx = db.write_tx().await?;
    find_cohort(&*tx, viewer, cohort_id).await?;
    let module = cohort_module::Entity::find_by_id(module_id)
        .one(&*tx)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    if module.cohort_id != cohort_id {
        return Err(rule(ErrorCode::ModuleNotInCohort));
    }
    let now = Utc::now();
    for (referral_id, mark) in marks {
        let learner = referral::Entity::find_by_id(referral_id).one(&*tx).await?;
        let in_cohort = learner.as_ref().is_some_and(|r| {
            r.cohort_id == Some(cohort_id)
                && matches!(
                    r.status,
                    ReferralStatus::Enrolled
                        | ReferralStatus::Completed
                        | ReferralStatus::DroppedOut
                )
        });
        if !in_cohort {
            return Err(rule(ErrorCode::LearnerNotInCohort));
        }
        let existing = attendance::Entity::find_by_id((module_id, referral_id))
            .one(&*tx)
            .await?;
        match existing {
            Some(row) if row.mark == mark => {}
            Some(row) => {
                let mut active: attendance::ActiveModel = row.into();
                active.mark = Set(mark);
                active.marked_by = Set(viewer.id);
                active.marked_at = Set(now);
                active.update(&*tx).await?;
            }
            None => {
                attendance::ActiveModel {
                    module_id: Set(module_id),
                    referral_id: Set(referral_id),
                    mark: Set(mark),
                    marked_by: Set(viewer.id),
                    marked_at: Set(now),
                }
                .insert(&*tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Marks of a module: (learner, mark).
pub async fn sheet(
    db: &Db,
    viewer: &StaffUser,
    module_id: Uuid,
) -> Result<Vec<(Uuid, AttendanceMark)>, TrainingError> {
    let module = cohort_module::Entity::find_by_id(module_id)
        .one(&db.conn)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    find_cohort(&db.conn, viewer, module.cohort_id).await?;
    Ok(attendance::Entity::find()
        .filter(attendance::Column::ModuleId.eq(module_id))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|a| (a.referral_id, a.mark))
        .collect())
}

/// One call to make before a module.
#[derive(Debug, Clone)]
pub struct Reminder {
    pub module: Module,
    pub cohort_name: String,
    pub learner: Referral,
    pub called: bool,
}

/// The learners to phone about the modules starting in `[from, to)`.
pub async fn reminders(
    db: &Db,
    viewer: &StaffUser,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Reminder>, TrainingError> {
    let cohorts: HashMap<Uuid, String> = list(db, viewer)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let modules = cohort_module::Entity::find()
        .filter(cohort_module::Column::CohortId.is_in(cohorts.keys().copied().collect::<Vec<_>>()))
        .filter(cohort_module::Column::StartsAt.gte(from))
        .filter(cohort_module::Column::StartsAt.lt(to))
        .order_by_asc(cohort_module::Column::StartsAt)
        .all(&db.conn)
        .await?;
    let mut result = Vec::new();
    for module in modules {
        let calls: Vec<Uuid> = reminder_call::Entity::find()
            .filter(reminder_call::Column::ModuleId.eq(module.id))
            .all(&db.conn)
            .await?
            .into_iter()
            .map(|c| c.referral_id)
            .collect();
        let learners = referral::Entity::find()
            .filter(referral::Column::CohortId.eq(module.cohort_id))
            .filter(referral::Column::Status.eq(ReferralStatus::Enrolled))
            .order_by_asc(referral::Column::LastName)
            .all(&db.conn)
            .await?;
        for learner in learners {
            result.push(Reminder {
                called: calls.contains(&learner.id),
                cohort_name: cohorts.get(&module.cohort_id).cloned().unwrap_or_default(),
                module: module.clone().into(),
                learner: Referral::try_from(learner)?,
            });
        }
    }
    Ok(result)
}

/// Ticks (or unticks) a reminder call as made.
pub async fn set_called(
    db: &Db,
    viewer: &StaffUser,
    module_id: Uuid,
    referral_id: Uuid,
    called: bool,
) -> Result<(), TrainingError> {
    let tx = db.write_tx().await?;
    let module = cohort_module::Entity::find_by_id(module_id)
        .one(&*tx)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    find_cohort(&*tx, viewer, module.cohort_id).await?;
    let learner = find_visible(&*tx, viewer, referral_id).await?;
    if learner.cohort_id != Some(module.cohort_id) {
        return Err(rule(ErrorCode::LearnerNotInCohort));
    }
    let existing = reminder_call::Entity::find_by_id((module_id, referral_id))
        .one(&*tx)
        .await?;
    match (existing, called) {
        (None, true) => {
            reminder_call::ActiveModel {
                module_id: Set(module_id),
                referral_id: Set(referral_id),
                called_by: Set(viewer.id),
                called_at: Set(Utc::now()),
            }
            .insert(&*tx)
            .await?;
        }
        (Some(row), false) => {
            reminder_call::Entity::delete_by_id((row.module_id, row.referral_id))
                .exec(&*tx)
                .await?;
        }
        _ => {}
    }
    tx.commit().await?;
    Ok(())
}
