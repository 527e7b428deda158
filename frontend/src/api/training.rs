//! Training: referrals, information sessions, cohorts, attendance, reminders.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shared_types::{
    AttendanceMark, CompletionOutcome, Gender, InternetAccess, ReferralStatus, ReminderOutcome,
    training::ReferralDetails,
};

use super::{ApiError, ById, ForReferral, NoVariables, OnRecord, WithInput, request};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Named {
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
pub struct Criteria {
    pub residence: bool,
    pub french: bool,
    pub availability: bool,
    pub motivation: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ReferralRow {
    pub id: String,
    pub status: ReferralStatus,
    pub first_name: String,
    /// Kept copies from before the field was asked for read as unknown.
    #[serde(default)]
    pub gender: Gender,
    pub last_name: String,
    pub phone: String,
    pub neighbourhood: Option<String>,
    pub priority_neighbourhood: bool,
    pub internet: InternetAccess,
    pub info_session_id: Option<String>,
    pub cohort_id: Option<String>,
    pub decision_reason: Option<String>,
    pub drop_out_reason: Option<String>,
    pub created_at: String,
    pub criteria: Option<Criteria>,
    pub prescriber_organisation: Named,
}

#[derive(Deserialize)]
struct ReferralsData {
    referrals: Vec<ReferralRow>,
}

pub async fn referrals(status: Option<ReferralStatus>) -> Result<Vec<ReferralRow>, ApiError> {
    let data: ReferralsData = request(
        include_str!("../../graphql/referrals.graphql"),
        json!({ "status": status }),
    )
    .await?;
    Ok(data.referrals)
}

#[derive(Deserialize)]
struct ReferralDetailsData {
    referral: ReferralDetails,
}

/// A referral's answers, to correct them: consent was given when it was sent.
pub async fn referral_details(id: String) -> Result<ReferralDetails, ApiError> {
    let data: ReferralDetailsData = request(
        include_str!("../../graphql/referral_details.graphql"),
        ById { id },
    )
    .await?;
    Ok(ReferralDetails {
        consent: true,
        ..data.referral
    })
}

/// Corrects a referral's details; its step stays.
pub async fn correct_referral(id: String, input: ReferralDetails) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/update_referral.graphql"),
        OnRecord { id, input },
    )
    .await?;
    Ok(())
}

pub async fn refer(input: ReferralDetails) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/create_referral.graphql"),
        WithInput { input },
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InfoSession {
    pub id: String,
    pub starts_at: String,
    pub place: String,
    pub organisation: Named,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SessionsData {
    info_sessions: Vec<InfoSession>,
}

pub async fn sessions() -> Result<Vec<InfoSession>, ApiError> {
    let data: SessionsData = request(
        include_str!("../../graphql/info_sessions.graphql"),
        NoVariables {},
    )
    .await?;
    Ok(data.info_sessions)
}

/// A new information session; `organisation_id` (coordinators) names the
/// training provider running it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewSession {
    pub starts_at: String,
    pub place: String,
    pub organisation_id: Option<String>,
    /// The person confirmed a session dated in the past.
    pub confirm_past: bool,
}

pub async fn create_session(session: NewSession) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/create_info_session.graphql"),
        session,
    )
    .await?;
    Ok(())
}

/// A training provider of the programme, to choose who runs or teaches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    pub id: String,
    pub name: String,
}

pub async fn providers() -> Result<Vec<Provider>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        training_providers: Vec<Provider>,
    }
    let data: Data = request(
        include_str!("../../graphql/training_providers.graphql"),
        NoVariables {},
    )
    .await?;
    Ok(data.training_providers)
}

pub async fn invite(session_id: String, referral_ids: Vec<String>) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/invite_to_session.graphql"),
        json!({ "sessionId": session_id, "referralIds": referral_ids }),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct Decision {
    pub residence: bool,
    pub french: bool,
    pub availability: bool,
    pub motivation: bool,
    pub eligible: bool,
    pub reason: Option<String>,
}

pub async fn decide(referral_id: String, decision: Decision) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/decide_eligibility.graphql"),
        json!({ "referralId": referral_id, "input": decision }),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortRow {
    pub id: String,
    pub name: String,
    pub places: i32,
    pub starts_on: String,
    pub ends_on: String,
    pub organisation: Named,
}

#[derive(Deserialize)]
struct CohortsData {
    cohorts: Vec<CohortRow>,
}

pub async fn cohorts() -> Result<Vec<CohortRow>, ApiError> {
    let data: CohortsData = request(
        include_str!("../../graphql/cohorts.graphql"),
        NoVariables {},
    )
    .await?;
    Ok(data.cohorts)
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewCohort {
    pub name: String,
    pub places: Option<i32>,
    pub first_module_at: String,
    pub place: Option<String>,
    pub trainer: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreatedCohort {
    create_cohort: Id,
}

#[derive(Deserialize)]
struct Id {
    id: String,
}

pub async fn create_cohort(input: NewCohort) -> Result<String, ApiError> {
    let data: CreatedCohort = request(
        include_str!("../../graphql/create_cohort.graphql"),
        WithInput { input },
    )
    .await?;
    Ok(data.create_cohort.id)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Module {
    pub id: String,
    pub position: i32,
    pub title: String,
    pub place: Option<String>,
    pub trainer: Option<String>,
    pub starts_at: String,
    pub ends_at: String,
    pub mandatory: bool,
    /// Whether this person may mark its attendance (its provider's trainers).
    /// A copy kept offline before the field existed lets the server decide.
    #[serde(default = "may_by_default")]
    pub may_mark: bool,
    /// The training provider teaching it.
    #[serde(default)]
    pub organisation: Option<Provider>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LearnerReferral {
    pub id: String,
    pub status: ReferralStatus,
    pub first_name: String,
    /// The attendance page keeps the cohort for offline use: a copy kept
    /// before the field was asked for reads as unknown.
    #[serde(default)]
    pub gender: Gender,
    pub last_name: String,
    pub phone: String,
    pub drop_out_reason: Option<String>,
    /// The household's code for following the delivery (given on paper).
    pub tracking_code: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Learner {
    pub outcome: CompletionOutcome,
    pub referral: LearnerReferral,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Mark {
    pub module_id: String,
    pub referral_id: String,
    pub mark: AttendanceMark,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CohortDetail {
    pub id: String,
    pub name: String,
    pub places: i32,
    pub starts_on: String,
    pub ends_on: String,
    /// The training provider running it (copies kept offline before the
    /// field existed read as none).
    #[serde(default)]
    pub organisation: Option<Provider>,
    pub modules: Vec<Module>,
    pub learners: Vec<Learner>,
    pub attendance: Vec<Mark>,
    /// How the calls before its modules went (copies kept offline before
    /// the field existed read as none).
    #[serde(default)]
    pub calls: Vec<Call>,
    /// Whether this person manages it (enrols, completes, hands modules on).
    #[serde(default)]
    pub may_manage: bool,
}

fn may_by_default() -> bool {
    true
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    pub module_id: String,
    pub referral_id: String,
    pub outcome: ReminderOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortWithCandidates {
    pub cohort: CohortDetail,
    /// Eligible residents the viewer may enrol.
    pub referrals: Vec<Candidate>,
}

pub async fn cohort(id: String) -> Result<CohortWithCandidates, ApiError> {
    request(include_str!("../../graphql/cohort.graphql"), ById { id }).await
}

/// The cohort for its attendance sheet, which opens in class with no
/// network: the last answer is kept on the phone (without the eligible
/// people, which the sheet does not need) until sign-out.
pub async fn cohort_for_sheet(id: String) -> Result<super::Kept<CohortWithCandidates>, ApiError> {
    let key = format!("cohort:{id}");
    super::kept_or_fetch(&key, async move {
        cohort(id).await.map(|mut found| {
            // The sheet shows names and marks: what else identifies or
            // reaches a person stays off the phone.
            found.referrals.clear();
            for learner in &mut found.cohort.learners {
                learner.referral.phone.clear();
                learner.referral.tracking_code = None;
                learner.referral.drop_out_reason = None;
            }
            found
        })
    })
    .await
}

pub async fn drop_out(referral_id: String, reason: String) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/drop_out.graphql"),
        json!({ "referralId": referral_id, "reason": reason }),
    )
    .await?;
    Ok(())
}

pub async fn complete(referral_id: String) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/confirm_completion.graphql"),
        ForReferral { referral_id },
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MarkInput {
    pub referral_id: String,
    pub mark: AttendanceMark,
}

pub async fn mark(cohort_id: &str, module_id: &str, marks: &[MarkInput]) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/mark_attendance.graphql"),
        json!({ "cohortId": cohort_id, "moduleId": module_id, "marks": marks }),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Reminder {
    pub module_id: String,
    pub module_title: String,
    pub starts_at: String,
    pub place: Option<String>,
    pub cohort_name: String,
    pub referral_id: String,
    pub learner_name: String,
    pub phone: String,
    pub outcome: Option<ReminderOutcome>,
}

#[derive(Deserialize)]
struct RemindersData {
    reminders: Vec<Reminder>,
}

pub async fn reminders(from: String, to: String) -> Result<Vec<Reminder>, ApiError> {
    let data: RemindersData = request(
        include_str!("../../graphql/reminders.graphql"),
        json!({ "from": from, "to": to }),
    )
    .await?;
    Ok(data.reminders)
}

/// How the call before a module went; `None` takes it back.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CallRecord {
    pub module_id: String,
    pub referral_id: String,
    pub outcome: Option<ReminderOutcome>,
}

pub async fn record_call(call: CallRecord) -> Result<(), ApiError> {
    let _: Value = request(include_str!("../../graphql/record_call.graphql"), call).await?;
    Ok(())
}

/// A module moved, or its place, trainer or provider changed.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModuleChanges {
    pub id: String,
    pub starts_at: String,
    pub minutes: i64,
    pub place: Option<String>,
    pub trainer: Option<String>,
    pub organisation_id: Option<String>,
    /// The person saw that attendance is already marked and confirmed the move.
    pub confirm_move: bool,
}

pub async fn update_module(changes: ModuleChanges) -> Result<(), ApiError> {
    let _: Value = request(include_str!("../../graphql/update_module.graphql"), changes).await?;
    Ok(())
}

/// A cohort's name and places, corrected.
#[derive(Debug, Clone, Serialize)]
pub struct CohortChanges {
    pub id: String,
    pub name: String,
    pub places: i32,
}

pub async fn update_cohort(changes: CohortChanges) -> Result<(), ApiError> {
    let _: Value = request(include_str!("../../graphql/update_cohort.graphql"), changes).await?;
    Ok(())
}

pub async fn enrol(
    referral_id: String,
    cohort_id: String,
    contract_signed_on: Option<String>,
) -> Result<ReferralStatus, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        enrol: Status,
    }
    #[derive(Deserialize)]
    struct Status {
        status: ReferralStatus,
    }
    let data: Data = request(
        include_str!("../../graphql/enrol.graphql"),
        json!({ "referralId": referral_id, "cohortId": cohort_id, "contractSignedOn": contract_signed_on }),
    )
    .await?;
    Ok(data.enrol.status)
}

/// A trainer reports a problem with a learner's installed computer.
pub async fn report_problem(referral_id: String, message: String) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/report_learner_problem.graphql"),
        json!({ "referralId": referral_id, "message": message }),
    )
    .await?;
    Ok(())
}

/// One read of a person's record, as the audit log keeps it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AuditEntry {
    pub action: String,
    pub at: String,
    pub reader: Option<String>,
}

pub async fn audit_log(subject_id: String) -> Result<Vec<AuditEntry>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        audit_log: Vec<AuditEntry>,
    }
    let data: Data = request(
        include_str!("../../graphql/audit_log.graphql"),
        json!({ "subjectId": subject_id }),
    )
    .await?;
    Ok(data.audit_log)
}

/// Everything held about one person, as JSON text.
pub async fn export_person(referral_id: String) -> Result<String, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        export_person: String,
    }
    let data: Data = request(
        include_str!("../../graphql/export_person.graphql"),
        ForReferral { referral_id },
    )
    .await?;
    Ok(data.export_person)
}

pub async fn erase_person(referral_id: String) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/erase_person.graphql"),
        ForReferral { referral_id },
    )
    .await?;
    Ok(())
}
