//! Cohorts: places, modules (from the programme's template), learners
//! enrolled from eligible referrals (or on the waiting list when full),
//! attendance, completion, and the reminder calls before each module.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set, sea_query::Expr,
};
use shared_types::{
    AttendanceMark, CompletionOutcome, ErrorCode, ReferralStatus, ReminderOutcome,
    training::{CompletionRule, DEFAULT_PLACES, MAX_PLACES},
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{attendance, cohort, cohort_module, programme, referral, reminder_call},
    },
    services::{audit, calendar, settings},
};

use super::{
    Referral, TrainingError, clean, find_visible, organises, provider_for, rule, training_provider,
};
use crate::services::access::{self, Action::Read, Resource::Cohorts};

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
    /// The training provider teaching it.
    pub organisation_id: Uuid,
    pub position: i32,
    pub title: String,
    pub place: Option<String>,
    pub trainer: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub mandatory: bool,
    /// Whether the viewer may mark its attendance.
    pub may_mark: bool,
}

impl Module {
    fn seen_by(m: cohort_module::Model, viewer: &StaffUser) -> Module {
        Module {
            may_mark: organises(viewer, m.organisation_id),
            id: m.id,
            cohort_id: m.cohort_id,
            organisation_id: m.organisation_id,
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

/// The cohorts in which a training provider teaches at least one module.
pub(crate) fn taught_by(organisation_id: Uuid) -> sea_orm::sea_query::SelectStatement {
    cohort_module::Entity::find()
        .select_only()
        .column(cohort_module::Column::CohortId)
        .filter(cohort_module::Column::OrganisationId.eq(organisation_id))
        .into_query()
}

/// A cohort the viewer may see: coordinators, the trainers of its own
/// provider, and those of a provider teaching one of its modules.
async fn find_cohort<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    id: Uuid,
) -> Result<cohort::Model, TrainingError> {
    let row = cohort::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|c| c.programme_id == viewer.programme_id)
        .ok_or(rule(ErrorCode::NotFound))?;
    if organises(viewer, row.organisation_id) {
        return Ok(row);
    }
    let teaches = access::reach(viewer, Read, Cohorts).is_ok()
        && cohort_module::Entity::find()
            .filter(cohort_module::Column::CohortId.eq(id))
            .filter(cohort_module::Column::OrganisationId.eq(viewer.organisation_id))
            .count(conn)
            .await?
            > 0;
    if teaches {
        Ok(row)
    } else {
        Err(rule(ErrorCode::NotFound))
    }
}

/// Whether the viewer manages the cohort: coordinators and its own provider's trainers.
pub fn manages(viewer: &StaffUser, cohort: &Cohort) -> bool {
    organises(viewer, cohort.organisation_id)
}

/// A cohort the viewer runs (enrolment, completion, drop-out, who teaches
/// what): coordinators and the trainers of its own provider. A provider
/// that only teaches some of its modules sees it but does not run it.
async fn find_run_cohort<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    id: Uuid,
) -> Result<cohort::Model, TrainingError> {
    let row = find_cohort(conn, viewer, id).await?;
    if organises(viewer, row.organisation_id) {
        Ok(row)
    } else {
        Err(rule(ErrorCode::Forbidden))
    }
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
    let organisation_id = provider_for(&db.conn, viewer, Cohorts, input.organisation_id).await?;
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
    let tx = db.write_tx().await?;
    let zone = calendar::zone_of(&*tx, viewer.programme_id).await?;
    let course = settings::course(&*tx, viewer.programme_id).await?;
    let last = calendar::weeks_later(zone, first, course.len() as i64 - 1);
    let row = cohort::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(viewer.programme_id),
        organisation_id: Set(organisation_id),
        name: Set(name),
        places: Set(places),
        starts_on: Set(calendar::programme_day(zone, first)),
        ends_on: Set(calendar::programme_day(zone, last)),
        created_at: Set(Utc::now()),
    }
    .insert(&*tx)
    .await?;
    // The programme's course: a module's own place and provider, else the
    // cohort's; the trainer named here teaches the cohort's provider's modules.
    for (position, module) in course.into_iter().enumerate() {
        let starts_at = calendar::weeks_later(zone, first, position as i64);
        let provider = module.organisation_id.unwrap_or(organisation_id);
        cohort_module::ActiveModel {
            id: Set(Uuid::new_v4()),
            cohort_id: Set(row.id),
            organisation_id: Set(provider),
            position: Set(position as i32 + 1),
            title: Set(module.title),
            place: Set(module.place.or_else(|| place.clone())),
            trainer: Set(trainer.clone().filter(|_| provider == organisation_id)),
            starts_at: Set(starts_at),
            ends_at: Set(starts_at + Duration::minutes(input.module_minutes)),
            mandatory: Set(module.mandatory),
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
    if let Some(provider) = access::listing_scope(viewer, Read, Cohorts, None).map_err(rule)? {
        query = query.filter(
            Condition::any()
                .add(cohort::Column::OrganisationId.eq(provider))
                .add(cohort::Column::Id.in_subquery(taught_by(provider))),
        );
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
        .map(|m| Module::seen_by(m, viewer))
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

/// What may change in a module: it moves (a holiday, a room taken), its
/// place or trainer change, another provider takes it over.
#[derive(Debug, Clone)]
pub struct ModuleChanges {
    pub starts_at: DateTime<Utc>,
    pub minutes: i64,
    pub place: Option<String>,
    pub trainer: Option<String>,
    /// The training provider to teach it; `None` keeps the current one.
    pub organisation_id: Option<Uuid>,
    /// Moving a module that already has attendance must be confirmed.
    pub confirm_move: bool,
}

/// The cohort's provider (or the coordination) changes any of its modules;
/// the provider teaching a module changes its own, but does not hand it on.
pub async fn update_module(
    db: &Db,
    viewer: &StaffUser,
    module_id: Uuid,
    changes: ModuleChanges,
) -> Result<Module, TrainingError> {
    if !(15..=8 * 60).contains(&changes.minutes) {
        return Err(rule(ErrorCode::DatesInvalid));
    }
    let place = clean(changes.place, 240)?;
    let trainer = clean(changes.trainer, 120)?;
    let tx = db.write_tx().await?;
    let row = cohort_module::Entity::find_by_id(module_id)
        .one(&*tx)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    let cohort = find_cohort(&*tx, viewer, row.cohort_id).await?;
    let runs = organises(viewer, cohort.organisation_id);
    if !runs && !organises(viewer, row.organisation_id) {
        return Err(rule(ErrorCode::ModuleOfAnotherProvider));
    }
    let provider = match changes.organisation_id {
        Some(id) if id != row.organisation_id => {
            if !runs {
                return Err(rule(ErrorCode::ModuleOfAnotherProvider));
            }
            training_provider(&*tx, viewer, id).await?
        }
        _ => row.organisation_id,
    };
    if changes.starts_at != row.starts_at && !changes.confirm_move {
        let marked = attendance::Entity::find()
            .filter(attendance::Column::ModuleId.eq(module_id))
            .count(&*tx)
            .await?;
        if marked > 0 {
            return Err(rule(ErrorCode::ModuleHasAttendance));
        }
    }
    let mut active: cohort_module::ActiveModel = row.into();
    active.starts_at = Set(changes.starts_at);
    active.ends_at = Set(changes.starts_at + Duration::minutes(changes.minutes));
    active.place = Set(place);
    active.trainer = Set(trainer);
    active.organisation_id = Set(provider);
    let saved = active.update(&*tx).await?;
    follow_modules(&*tx, viewer.programme_id, saved.cohort_id).await?;
    audit::record(
        &*tx,
        viewer.programme_id,
        Some(viewer.id),
        "EDIT",
        "MODULE",
        &[module_id],
    )
    .await?;
    tx.commit().await?;
    Ok(Module::seen_by(saved, viewer))
}

/// Corrects a cohort's name or number of places; the places cannot drop
/// below the learners already enrolled.
pub async fn update(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    name: String,
    places: i32,
) -> Result<Cohort, TrainingError> {
    let name = clean(Some(name), 120)?.ok_or(rule(ErrorCode::NameRequired))?;
    if !(1..=MAX_PLACES).contains(&places) {
        return Err(rule(ErrorCode::PlacesInvalid));
    }
    let tx = db.write_tx().await?;
    let row = find_run_cohort(&*tx, viewer, id).await?;
    if (places as u64) < taken_places(&*tx, id).await? {
        return Err(rule(ErrorCode::PlacesBelowEnrolled));
    }
    let mut active: cohort::ActiveModel = row.into();
    active.name = Set(name);
    active.places = Set(places);
    let saved = active.update(&*tx).await?;
    audit::record(
        &*tx,
        viewer.programme_id,
        Some(viewer.id),
        "EDIT",
        "COHORT",
        &[id],
    )
    .await?;
    tx.commit().await?;
    Ok(saved.into())
}

async fn taken_places<C: ConnectionTrait>(conn: &C, cohort_id: Uuid) -> Result<u64, DbErr> {
    referral::Entity::find()
        .filter(referral::Column::CohortId.eq(cohort_id))
        .filter(
            referral::Column::Status.is_in([ReferralStatus::Enrolled, ReferralStatus::Completed]),
        )
        .count(conn)
        .await
}

/// The cohort's first and last days follow its modules when one moves.
async fn follow_modules<C: ConnectionTrait>(
    conn: &C,
    programme_id: Uuid,
    cohort_id: Uuid,
) -> Result<(), DbErr> {
    let zone = calendar::zone_of(conn, programme_id).await?;
    let modules = cohort_module::Entity::find()
        .filter(cohort_module::Column::CohortId.eq(cohort_id))
        .all(conn)
        .await?;
    let days = modules
        .iter()
        .map(|m| calendar::programme_day(zone, m.starts_at));
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
    enrolled_on: Option<NaiveDate>,
) -> Result<Referral, TrainingError> {
    let now = Utc::now();
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let happened = calendar.happened(enrolled_on, now).map_err(rule)?;
    let tx = db.write_tx().await?;
    let cohort = find_run_cohort(&*tx, viewer, cohort_id).await?;
    let row = find_visible(&*tx, viewer, referral_id).await?;
    let status = row.status;
    if !matches!(
        status,
        ReferralStatus::Eligible | ReferralStatus::WaitingList
    ) {
        return Err(rule(ErrorCode::ReferralNotAllowed));
    }
    let taken = taken_places(&*tx, cohort_id).await?;
    let to = if taken < cohort.places as u64 {
        ReferralStatus::Enrolled
    } else {
        ReferralStatus::WaitingList
    };
    if status == ReferralStatus::WaitingList && to == ReferralStatus::WaitingList {
        return Err(rule(ErrorCode::CohortFull));
    }
    let happened = calendar
        .follows(row.decided_at.or(Some(row.referred_at)), happened)
        .map_err(rule)?;
    let mut active: referral::ActiveModel = row.into();
    active.status = Set(to);
    active.cohort_id = Set(Some(cohort_id));
    if to == ReferralStatus::Enrolled {
        active.enrolled_at = Set(Some(happened.at));
        active.contract_signed_on = Set(contract_signed_on);
        // The household's code for following the delivery, printed at enrolment.
        if active.tracking_code.as_ref().is_none() {
            active.tracking_code = Set(Some(super::new_tracking_code()));
        }
    }
    active.updated_at = Set(now);
    let saved = active.update(&*tx).await?;
    if to == ReferralStatus::Enrolled {
        audit::dated(&*tx, viewer, happened, "referral.enrol", saved.id).await?;
    }
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
    let cohort = find_run_cohort(conn, viewer, cohort_id).await?;
    Ok((row, cohort))
}

pub async fn drop_out(
    db: &Db,
    viewer: &StaffUser,
    referral_id: Uuid,
    reason: String,
    on: Option<NaiveDate>,
) -> Result<Referral, TrainingError> {
    let reason = clean(Some(reason), 500)?.ok_or(rule(ErrorCode::ReasonRequired))?;
    let now = Utc::now();
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let happened = calendar.happened(on, now).map_err(rule)?;
    let tx = db.write_tx().await?;
    let (row, _) = enrolled_in_cohort(&*tx, viewer, referral_id).await?;
    if row.status != ReferralStatus::Enrolled {
        return Err(rule(ErrorCode::ReferralNotAllowed));
    }
    let happened = calendar.follows(row.enrolled_at, happened).map_err(rule)?;
    let mut active: referral::ActiveModel = row.into();
    active.status = Set(ReferralStatus::DroppedOut);
    active.dropped_out_at = Set(Some(happened.at));
    active.drop_out_reason = Set(Some(reason));
    active.updated_at = Set(now);
    let saved = active.update(&*tx).await?;
    audit::dated(&*tx, viewer, happened, "referral.dropout", saved.id).await?;
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
    on: Option<NaiveDate>,
) -> Result<Referral, TrainingError> {
    let now = Utc::now();
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let happened = calendar.happened(on, now).map_err(rule)?;
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
    let happened = calendar.follows(row.enrolled_at, happened).map_err(rule)?;
    let mut active: referral::ActiveModel = row.into();
    active.status = Set(ReferralStatus::Completed);
    active.completed_at = Set(Some(happened.at));
    active.updated_at = Set(now);
    let saved = active.update(&*tx).await?;
    audit::dated(&*tx, viewer, happened, "referral.done", saved.id).await?;
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
    if !organises(viewer, module.organisation_id) {
        return Err(rule(ErrorCode::ModuleOfAnotherProvider));
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
    /// How the call went, once made.
    pub outcome: Option<ReminderOutcome>,
}

/// The learners to phone about the modules starting in `[from, to)`: for a
/// trainer, the modules their provider teaches or whose cohort it runs.
pub async fn reminders(
    db: &Db,
    viewer: &StaffUser,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<Reminder>, TrainingError> {
    let cohorts: HashMap<Uuid, Cohort> = list(db, viewer)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
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
        let Some(cohort) = cohorts.get(&module.cohort_id) else {
            continue;
        };
        if !organises(viewer, module.organisation_id) && !organises(viewer, cohort.organisation_id)
        {
            continue;
        }
        let calls: HashMap<Uuid, ReminderOutcome> = reminder_call::Entity::find()
            .filter(reminder_call::Column::ModuleId.eq(module.id))
            .all(&db.conn)
            .await?
            .into_iter()
            .map(|c| (c.referral_id, c.outcome))
            .collect();
        let learners = referral::Entity::find()
            .filter(referral::Column::CohortId.eq(module.cohort_id))
            .filter(referral::Column::Status.eq(ReferralStatus::Enrolled))
            .order_by_asc(referral::Column::LastName)
            .all(&db.conn)
            .await?;
        for learner in learners {
            result.push(Reminder {
                outcome: calls.get(&learner.id).copied(),
                cohort_name: cohort.name.clone(),
                module: Module::seen_by(module.clone(), viewer),
                learner: Referral::try_from(learner)?,
            });
        }
    }
    Ok(result)
}

/// Records how the call before a module went (`None`: not called after all).
/// Recording again replaces the outcome, with who and when.
pub async fn record_call(
    db: &Db,
    viewer: &StaffUser,
    module_id: Uuid,
    referral_id: Uuid,
    outcome: Option<ReminderOutcome>,
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
    match (existing, outcome) {
        (Some(row), Some(outcome)) if row.outcome == outcome => {}
        (Some(row), Some(outcome)) => {
            let mut active: reminder_call::ActiveModel = row.into();
            active.outcome = Set(outcome);
            active.called_by = Set(viewer.id);
            active.called_at = Set(Utc::now());
            active.update(&*tx).await?;
        }
        (None, Some(outcome)) => {
            reminder_call::ActiveModel {
                module_id: Set(module_id),
                referral_id: Set(referral_id),
                outcome: Set(outcome),
                called_by: Set(viewer.id),
                called_at: Set(Utc::now()),
            }
            .insert(&*tx)
            .await?;
        }
        (Some(row), None) => {
            reminder_call::Entity::delete_by_id((row.module_id, row.referral_id))
                .exec(&*tx)
                .await?;
        }
        (None, None) => {}
    }
    tx.commit().await?;
    Ok(())
}

/// The call outcomes recorded for a cohort's modules: (module, learner, outcome).
/// The attendance sheet shows an announced absence as excused.
pub async fn calls(
    db: &Db,
    viewer: &StaffUser,
    cohort_id: Uuid,
) -> Result<Vec<(Uuid, Uuid, ReminderOutcome)>, TrainingError> {
    find_cohort(&db.conn, viewer, cohort_id).await?;
    let modules = cohort_module::Entity::find()
        .select_only()
        .column(cohort_module::Column::Id)
        .filter(cohort_module::Column::CohortId.eq(cohort_id))
        .into_query();
    Ok(reminder_call::Entity::find()
        .filter(reminder_call::Column::ModuleId.in_subquery(modules))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|c| (c.module_id, c.referral_id, c.outcome))
        .collect())
}
