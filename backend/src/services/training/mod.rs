//! Training: residents referred by prescribers, information sessions where
//! eligibility is decided, cohorts and their modules, attendance, completion.
//!
//! Who sees a learner's personal data: the prescriber who referred them,
//! the training provider whose information session or cohort they are in,
//! and coordinators. Nobody else.

pub mod cohorts;
pub mod privacy;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    QueryTrait, Set,
};
use shared_types::{
    DevicePreference, ErrorCode, Gender, InternetAccess, OrganisationKind, PrescriberKind,
    ReferralStatus, Role,
    training::{ReferralDetails, check_household},
    validation,
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{cohort, info_session, organisation, referral},
    },
};

use super::{DbErr, ServiceError, audit, calendar};
use crate::services::access::{
    self,
    Action::{Read, Write},
    Reach,
    Resource::{self, Cohorts, InfoSessions, Invitations, Learners, Referring, TrainingProviders},
};

#[derive(Debug, thiserror::Error)]
pub enum TrainingError {
    #[error("{0}")]
    Rule(ErrorCode),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl ServiceError for TrainingError {
    fn code(&self) -> ErrorCode {
        match self {
            TrainingError::Rule(code) => *code,
            TrainingError::Db(_) => ErrorCode::Internal,
        }
    }
}

pub(crate) fn rule(code: ErrorCode) -> TrainingError {
    TrainingError::Rule(code)
}

#[derive(Debug, Clone)]
pub struct Referral {
    pub id: Uuid,
    pub status: ReferralStatus,
    pub prescriber_kind: PrescriberKind,
    pub prescriber_organisation_id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub birth_year: Option<i32>,
    pub gender: Gender,
    pub phone: String,
    pub email: Option<String>,
    pub address: Option<String>,
    pub neighbourhood: Option<String>,
    pub priority_neighbourhood: bool,
    pub languages: Option<String>,
    pub household_adults: i32,
    pub household_children: i32,
    pub internet: InternetAccess,
    pub accessibility_needs: Option<String>,
    pub reason: Option<String>,
    pub consent_at: DateTime<Utc>,
    pub info_session_id: Option<Uuid>,
    pub criteria: Option<Criteria>,
    pub decision_reason: Option<String>,
    pub cohort_id: Option<Uuid>,
    pub contract_signed_on: Option<NaiveDate>,
    pub completed_at: Option<DateTime<Utc>>,
    pub drop_out_reason: Option<String>,
    pub referred_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub device_preference: DevicePreference,
    /// Given on paper at enrolment; opens the household's tracking page.
    pub tracking_code: Option<String>,
}

/// The eligibility criteria checked at the information session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Criteria {
    /// Lives in a priority neighbourhood, or an exception agreed by a social centre.
    pub residence: bool,
    /// Speaks and writes enough French.
    pub french: bool,
    pub availability: bool,
    pub motivation: bool,
}

impl Criteria {
    /// The code naming the first criterion not met, for a "yes" without
    /// the agreed exception written.
    fn first_unmet(&self) -> Option<ErrorCode> {
        [
            (self.residence, ErrorCode::ExceptionNeededResidence),
            (self.french, ErrorCode::ExceptionNeededFrench),
            (self.availability, ErrorCode::ExceptionNeededAvailability),
            (self.motivation, ErrorCode::ExceptionNeededMotivation),
        ]
        .into_iter()
        .find(|(met, _)| !met)
        .map(|(_, code)| code)
    }
}

impl TryFrom<referral::Model> for Referral {
    type Error = DbErr;
    fn try_from(m: referral::Model) -> Result<Referral, DbErr> {
        let criteria = match (
            m.criterion_residence,
            m.criterion_french,
            m.criterion_availability,
            m.criterion_motivation,
        ) {
            (Some(residence), Some(french), Some(availability), Some(motivation)) => {
                Some(Criteria {
                    residence,
                    french,
                    availability,
                    motivation,
                })
            }
            _ => None,
        };
        Ok(Referral {
            status: m.status,
            prescriber_kind: m.prescriber_kind,
            gender: m.gender,
            internet: m.internet,
            device_preference: m.device_preference,
            tracking_code: m.tracking_code,
            criteria,
            id: m.id,
            prescriber_organisation_id: m.prescriber_organisation_id,
            first_name: m.first_name,
            last_name: m.last_name,
            birth_year: m.birth_year,
            phone: m.phone,
            email: m.email,
            address: m.address,
            neighbourhood: m.neighbourhood,
            priority_neighbourhood: m.priority_neighbourhood,
            languages: m.languages,
            household_adults: m.household_adults,
            household_children: m.household_children,
            accessibility_needs: m.accessibility_needs,
            reason: m.reason,
            consent_at: m.consent_at,
            info_session_id: m.info_session_id,
            decision_reason: m.decision_reason,
            cohort_id: m.cohort_id,
            contract_signed_on: m.contract_signed_on,
            completed_at: m.completed_at,
            drop_out_reason: m.drop_out_reason,
            referred_at: m.referred_at,
            created_at: m.created_at,
        })
    }
}

/// The referrals a viewer may see, as a condition on the referrals table.
pub(crate) fn visible_condition(viewer: &StaffUser) -> Option<Condition> {
    let programme = Condition::all().add(referral::Column::ProgrammeId.eq(viewer.programme_id));
    let mut any = Condition::any();
    let mut allowed = false;
    for (role, reach) in access::grants(viewer, Read, Learners) {
        allowed = true;
        any = match (role, reach) {
            (_, Reach::Programme) => return Some(programme),
            // A prescriber sees the residents they referred.
            (Role::Prescriber, Reach::Own) => {
                any.add(referral::Column::PrescriberUserId.eq(viewer.id))
            }
            // A provider sees the learners of its sessions and cohorts, and
            // those of another's cohort it teaches some modules of.
            (Role::Trainer, Reach::Own) => {
                let sessions = info_session::Entity::find()
                    .select_only()
                    .column(info_session::Column::Id)
                    .filter(info_session::Column::OrganisationId.eq(viewer.organisation_id))
                    .into_query();
                let cohorts = cohort::Entity::find()
                    .select_only()
                    .column(cohort::Column::Id)
                    .filter(cohort::Column::OrganisationId.eq(viewer.organisation_id))
                    .into_query();
                any.add(referral::Column::InfoSessionId.in_subquery(sessions))
                    .add(referral::Column::CohortId.in_subquery(cohorts))
                    .add(
                        referral::Column::CohortId
                            .in_subquery(cohorts::taught_by(viewer.organisation_id)),
                    )
            }
            _ => any,
        };
    }
    allowed.then(|| programme.add(any))
}

/// A referral the viewer may see; anyone else's is "not found".
pub(crate) async fn find_visible<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    id: Uuid,
) -> Result<referral::Model, TrainingError> {
    let condition = visible_condition(viewer).ok_or(rule(ErrorCode::Forbidden))?;
    referral::Entity::find_by_id(id)
        .filter(condition)
        .one(conn)
        .await?
        .ok_or(rule(ErrorCode::NotFound))
}

pub async fn get(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Referral, TrainingError> {
    let row = find_visible(&db.conn, viewer, id).await?;
    crate::services::audit::read(
        db,
        crate::services::audit::Reader::Staff(viewer),
        "LEARNER",
        &[row.id],
    )
    .await?;
    Ok(Referral::try_from(row)?)
}

pub async fn list(
    db: &Db,
    viewer: &StaffUser,
    status: Option<ReferralStatus>,
) -> Result<Vec<Referral>, TrainingError> {
    let condition = visible_condition(viewer).ok_or(rule(ErrorCode::Forbidden))?;
    let mut query = referral::Entity::find().filter(condition);
    if let Some(status) = status {
        query = query.filter(referral::Column::Status.eq(status));
    }
    let rows = query
        .order_by_desc(referral::Column::CreatedAt)
        .limit(500)
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

pub(crate) fn clean(text: Option<String>, max: usize) -> Result<Option<String>, TrainingError> {
    let text = text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    if text.as_ref().is_some_and(|t| t.chars().count() > max) {
        return Err(rule(ErrorCode::TextTooLong));
    }
    Ok(text)
}

/// A referral's details once they pass the rules: names, phone and e-mail
/// normalised, free texts trimmed and within their length, the household
/// plausible, the resident's consent given.
fn checked_details(
    input: ReferralDetails,
    this_year: i32,
) -> Result<ReferralDetails, TrainingError> {
    if !input.consent {
        return Err(rule(ErrorCode::ConsentRequired));
    }
    let first_name = validation::normalise_name(&input.first_name).map_err(rule)?;
    let last_name = validation::normalise_name(&input.last_name).map_err(rule)?;
    let phone = validation::phone_number(&input.phone).map_err(rule)?;
    let email = match clean(input.email, 254)? {
        Some(email) => Some(validation::normalise_email(&email).map_err(rule)?),
        None => None,
    };
    check_household(
        input.household_adults,
        input.household_children,
        input.birth_year,
        this_year,
    )
    .map_err(rule)?;
    Ok(ReferralDetails {
        first_name,
        last_name,
        phone,
        email,
        address: clean(input.address, 240)?,
        neighbourhood: clean(input.neighbourhood, 120)?,
        languages: clean(input.languages, 240)?,
        accessibility_needs: clean(input.accessibility_needs, 500)?,
        reason: clean(input.reason, 2_000)?,
        ..input
    })
}

/// Corrects a referral's details (a mistyped phone number, a household that
/// changed): the prescriber's organisation that sent it, or the
/// coordination. Its step on the path does not change; the correction is
/// kept in the record's log (who, when).
pub async fn correct(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    input: ReferralDetails,
    referred_on: Option<NaiveDate>,
) -> Result<Referral, TrainingError> {
    let now = Utc::now();
    let input = checked_details(input, now.year())?;
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let tx = db.write_tx().await?;
    let row = referral::Entity::find_by_id(id)
        .one(&*tx)
        .await?
        .filter(|r| r.programme_id == viewer.programme_id && r.erased_at.is_none())
        .ok_or(rule(ErrorCode::NotFound))?;
    let prescriber = row.prescriber_organisation_id;
    if !access::allows(viewer, Write, Learners, |role| {
        (role == Role::Prescriber).then_some(prescriber)
    }) {
        return Err(rule(ErrorCode::NotFound));
    }
    // A corrected day of referral: not to come, not after the steps that
    // followed it (its decision, enrolment, end).
    let referred_at = match referred_on {
        Some(day) if day != calendar::programme_day(calendar.zone, row.referred_at) => {
            let happened = calendar.happened(Some(day), now).map_err(rule)?;
            let next = [
                row.decided_at,
                row.enrolled_at,
                row.completed_at,
                row.dropped_out_at,
            ]
            .into_iter()
            .flatten()
            .min();
            if next.is_some_and(|next| calendar::programme_day(calendar.zone, next) < day) {
                return Err(rule(ErrorCode::DateBeforePreviousStep));
            }
            Some(happened.at)
        }
        _ => None,
    };
    let mut active: referral::ActiveModel = row.into();
    if let Some(at) = referred_at {
        active.referred_at = Set(at);
    }
    active.prescriber_kind = Set(input.prescriber_kind);
    active.first_name = Set(input.first_name);
    active.last_name = Set(input.last_name);
    active.birth_year = Set(input.birth_year);
    active.gender = Set(input.gender);
    active.phone = Set(input.phone);
    active.email = Set(input.email);
    active.address = Set(input.address);
    active.neighbourhood = Set(input.neighbourhood);
    active.priority_neighbourhood = Set(input.priority_neighbourhood);
    active.languages = Set(input.languages);
    active.household_adults = Set(input.household_adults);
    active.household_children = Set(input.household_children);
    active.internet = Set(input.internet);
    active.accessibility_needs = Set(input.accessibility_needs);
    active.reason = Set(input.reason);
    active.device_preference = Set(input.device_preference);
    active.updated_at = Set(now);
    let row = active.update(&*tx).await?;
    super::audit::record(
        &*tx,
        viewer.programme_id,
        Some(viewer.id),
        "EDIT",
        "REFERRAL",
        &[id],
    )
    .await?;
    tx.commit().await?;
    Ok(Referral::try_from(row)?)
}

/// A prescriber refers a resident, with their consent.
pub async fn create(
    db: &Db,
    viewer: &StaffUser,
    input: ReferralDetails,
    referred_on: Option<NaiveDate>,
) -> Result<Referral, TrainingError> {
    access::reach(viewer, Write, Referring).map_err(rule)?;
    let now = Utc::now();
    let input = checked_details(input, now.year())?;
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let happened = calendar.happened(referred_on, now).map_err(rule)?;
    let tx = db.write_tx().await?;
    let row = referral::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(viewer.programme_id),
        prescriber_organisation_id: Set(viewer.organisation_id),
        prescriber_user_id: Set(viewer.id),
        prescriber_kind: Set(input.prescriber_kind),
        status: Set(ReferralStatus::Received),
        first_name: Set(input.first_name),
        last_name: Set(input.last_name),
        birth_year: Set(input.birth_year),
        gender: Set(input.gender),
        phone: Set(input.phone),
        email: Set(input.email),
        address: Set(input.address),
        neighbourhood: Set(input.neighbourhood),
        priority_neighbourhood: Set(input.priority_neighbourhood),
        languages: Set(input.languages),
        household_adults: Set(input.household_adults),
        household_children: Set(input.household_children),
        internet: Set(input.internet),
        accessibility_needs: Set(input.accessibility_needs),
        reason: Set(input.reason),
        consent_at: Set(now),
        info_session_id: Set(None),
        criterion_residence: Set(None),
        criterion_french: Set(None),
        criterion_availability: Set(None),
        criterion_motivation: Set(None),
        decision_reason: Set(None),
        decided_at: Set(None),
        decided_by: Set(None),
        cohort_id: Set(None),
        enrolled_at: Set(None),
        contract_signed_on: Set(None),
        completed_at: Set(None),
        dropped_out_at: Set(None),
        drop_out_reason: Set(None),
        referred_at: Set(happened.at),
        created_at: Set(now),
        updated_at: Set(now),
        device_preference: Set(input.device_preference),
        tracking_code: Set(None),
        erased_at: Set(None),
        device_outcome: Set(None),
        device_outcome_reason: Set(None),
        device_outcome_at: Set(None),
        device_outcome_by: Set(None),
    }
    .insert(&*tx)
    .await?;
    audit::dated(&*tx, viewer, happened, "referral.sent", row.id).await?;
    tx.commit().await?;
    Ok(Referral::try_from(row)?)
}

#[derive(Debug, Clone)]
pub struct InfoSession {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub place: String,
}

impl From<info_session::Model> for InfoSession {
    fn from(m: info_session::Model) -> InfoSession {
        InfoSession {
            id: m.id,
            organisation_id: m.organisation_id,
            starts_at: m.starts_at,
            place: m.place,
        }
    }
}

/// The organisation a coordinator names, or the trainer's own: a training provider.
pub(crate) async fn provider_for<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    resource: Resource,
    organisation_id: Option<Uuid>,
) -> Result<Uuid, TrainingError> {
    let id = access::listing_scope(viewer, Write, resource, organisation_id)
        .map_err(rule)?
        .unwrap_or(viewer.organisation_id);
    training_provider(conn, viewer, id).await
}

/// An organisation of the viewer's programme that may teach: a training
/// provider (installers and the coordination also run sessions in some
/// programmes).
pub(crate) async fn training_provider<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    id: Uuid,
) -> Result<Uuid, TrainingError> {
    let org = organisation::Entity::find_by_id(id)
        .one(conn)
        .await?
        .filter(|o| o.programme_id == viewer.programme_id)
        .ok_or(rule(ErrorCode::ProviderRequired))?;
    if !matches!(
        org.kind,
        OrganisationKind::TrainingProvider
            | OrganisationKind::Installer
            | OrganisationKind::Coordinator
    ) {
        return Err(rule(ErrorCode::ProviderRequired));
    }
    Ok(id)
}

/// The training providers of the programme, for choosing who runs a
/// session or teaches a module (names only: trainers choose too).
pub async fn providers(
    db: &Db,
    viewer: &StaffUser,
) -> Result<Vec<crate::services::organisations::Organisation>, TrainingError> {
    access::reach(viewer, Read, TrainingProviders).map_err(rule)?;
    organisation::Entity::find()
        .filter(organisation::Column::ProgrammeId.eq(viewer.programme_id))
        .filter(organisation::Column::Kind.eq(OrganisationKind::TrainingProvider))
        .order_by_asc(organisation::Column::Name)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|o| o.try_into().map_err(TrainingError::from))
        .collect()
}

pub async fn create_session(
    db: &Db,
    viewer: &StaffUser,
    organisation_id: Option<Uuid>,
    starts_at: DateTime<Utc>,
    place: String,
    confirm_past: bool,
) -> Result<InfoSession, TrainingError> {
    let organisation_id = provider_for(&db.conn, viewer, InfoSessions, organisation_id).await?;
    let place = clean(Some(place), 240)?.ok_or(rule(ErrorCode::PlaceRequired))?;
    // A session in the past is usually a mistyped year or month; recording
    // one that did take place (to invite people to it afterwards) is confirmed.
    if starts_at < Utc::now() && !confirm_past {
        return Err(rule(ErrorCode::SessionInThePast));
    }
    let tx = db.write_tx().await?;
    let row = info_session::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(viewer.programme_id),
        organisation_id: Set(organisation_id),
        starts_at: Set(starts_at),
        place: Set(place),
        created_at: Set(Utc::now()),
    }
    .insert(&*tx)
    .await?;
    tx.commit().await?;
    Ok(row.into())
}

/// Sessions of the viewer's organisation (coordinators: all), soonest first.
pub async fn sessions(db: &Db, viewer: &StaffUser) -> Result<Vec<InfoSession>, TrainingError> {
    let mut query = info_session::Entity::find()
        .filter(info_session::Column::ProgrammeId.eq(viewer.programme_id));
    if let Some(provider) = access::listing_scope(viewer, Read, InfoSessions, None).map_err(rule)? {
        query = query.filter(info_session::Column::OrganisationId.eq(provider));
    }
    Ok(query
        .order_by_desc(info_session::Column::StartsAt)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(InfoSession::from)
        .collect())
}

/// Whether the viewer organises for this training provider.
pub(crate) fn organises(viewer: &StaffUser, organisation_id: Uuid) -> bool {
    access::allows(viewer, Write, Cohorts, |role| {
        (role == Role::Trainer).then_some(organisation_id)
    })
}

/// Invites referred residents to an information session (the coordination
/// dispatches referrals to training providers).
pub async fn invite(
    db: &Db,
    viewer: &StaffUser,
    session_id: Uuid,
    referral_ids: Vec<Uuid>,
) -> Result<Vec<Referral>, TrainingError> {
    access::reach(viewer, Write, Invitations).map_err(rule)?;
    if referral_ids.is_empty() {
        return Err(rule(ErrorCode::PersonRequired));
    }
    let tx = db.write_tx().await?;
    let session = info_session::Entity::find_by_id(session_id)
        .one(&*tx)
        .await?
        .filter(|s| s.programme_id == viewer.programme_id)
        .ok_or(rule(ErrorCode::NotFound))?;
    let mut invited = Vec::new();
    for id in referral_ids {
        let row = find_visible(&*tx, viewer, id).await?;
        let status = row.status;
        if !status.can_become(ReferralStatus::Invited) {
            return Err(rule(ErrorCode::ReferralNotAllowed));
        }
        let mut active: referral::ActiveModel = row.into();
        active.status = Set(ReferralStatus::Invited);
        active.info_session_id = Set(Some(session.id));
        active.updated_at = Set(Utc::now());
        invited.push(Referral::try_from(active.update(&*tx).await?)?);
    }
    tx.commit().await?;
    Ok(invited)
}

/// The organiser records each criterion and the decision. A "no" needs a
/// reason; so does a "yes" despite an unmet criterion (an agreed exception).
pub async fn decide(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    criteria: Criteria,
    eligible: bool,
    reason: Option<String>,
    decided_on: Option<NaiveDate>,
) -> Result<Referral, TrainingError> {
    let reason = clean(reason, 500)?;
    let now = Utc::now();
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let happened = calendar.happened(decided_on, now).map_err(rule)?;
    if reason.is_none() {
        if !eligible {
            return Err(rule(ErrorCode::DecisionReasonRequired));
        }
        if let Some(code) = criteria.first_unmet() {
            return Err(rule(code));
        }
    }
    let tx = db.write_tx().await?;
    let row = find_visible(&*tx, viewer, id).await?;
    let session_org = match row.info_session_id {
        Some(session) => info_session::Entity::find_by_id(session)
            .one(&*tx)
            .await?
            .map(|s| s.organisation_id),
        None => None,
    };
    if !session_org.is_some_and(|org| organises(viewer, org)) {
        return Err(rule(ErrorCode::Forbidden));
    }
    let status = row.status;
    let to = if eligible {
        ReferralStatus::Eligible
    } else {
        ReferralStatus::NotEligible
    };
    if !status.can_become(to) {
        return Err(rule(ErrorCode::ReferralNotAllowed));
    }
    let happened = calendar
        .follows(Some(row.referred_at), happened)
        .map_err(rule)?;
    let mut active: referral::ActiveModel = row.into();
    active.status = Set(to);
    active.criterion_residence = Set(Some(criteria.residence));
    active.criterion_french = Set(Some(criteria.french));
    active.criterion_availability = Set(Some(criteria.availability));
    active.criterion_motivation = Set(Some(criteria.motivation));
    active.decision_reason = Set(reason);
    active.decided_at = Set(Some(happened.at));
    active.decided_by = Set(Some(viewer.id));
    active.updated_at = Set(now);
    let saved = active.update(&*tx).await?;
    audit::dated(&*tx, viewer, happened, "referral.decided", saved.id).await?;
    tx.commit().await?;
    Ok(Referral::try_from(saved)?)
}

/// A new random tracking code (see `shared_types::installation`).
pub(crate) fn new_tracking_code() -> String {
    use shared_types::installation::{TRACKING_ALPHABET, TRACKING_CODE_LENGTH};
    let mut bytes = [0u8; TRACKING_CODE_LENGTH];
    // The system's random source; failing here means the machine is broken.
    getrandom::fill(&mut bytes).expect("the system random source");
    bytes
        .iter()
        .map(|b| TRACKING_ALPHABET[*b as usize % TRACKING_ALPHABET.len()] as char)
        .collect()
}
