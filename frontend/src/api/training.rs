//! Training: referrals, information sessions, cohorts, attendance, reminders.

use super::contract::*;
use super::{ApiError, send};

super::operation!(Referrals, "graphql/referrals.graphql");

/// A referral as the coordination's list shows it.
pub type ReferralRow = referrals::ReferralsReferrals;

pub async fn referrals(status: Option<ReferralStatus>) -> Result<Vec<ReferralRow>, ApiError> {
    Ok(send::<Referrals>(referrals::Variables { status })
        .await?
        .referrals)
}

super::operation!(
    ReferralDetails,
    "graphql/referral_details.graphql",
    response_type = "shared_types::training::ReferralDetails"
);

super::operation!(ReferralDay, "graphql/referral_day.graphql");

/// A referral's answers, to correct them (consent was given when it was
/// sent), and the day it was made.
pub async fn referral_details(
    id: String,
) -> Result<(shared_types::training::ReferralDetails, String), ApiError> {
    let answer = send::<ReferralDetails>(referral_details::Variables { id: id.clone() }).await?;
    let day = send::<ReferralDay>(referral_day::Variables { id }).await?;
    Ok((
        shared_types::training::ReferralDetails {
            consent: true,
            ..answer.referral
        },
        day.referral.referred_on,
    ))
}

super::operation!(
    UpdateReferral,
    "graphql/update_referral.graphql",
    variable_types(
        "String",
        "shared_types::training::ReferralDetails",
        "Option<String>"
    )
);

/// Corrects a referral's details (and its day, when given); its step stays.
pub async fn correct_referral(
    id: String,
    input: shared_types::training::ReferralDetails,
    referred_on: Option<String>,
) -> Result<(), ApiError> {
    send::<UpdateReferral>(update_referral::Variables {
        id,
        input,
        referred_on,
    })
    .await?;
    Ok(())
}

super::operation!(
    CreateReferral,
    "graphql/create_referral.graphql",
    variable_types("shared_types::training::ReferralDetails", "Option<String>")
);

/// Refers a resident; `referred_on`: the day it was made, when not today.
pub async fn refer(
    input: shared_types::training::ReferralDetails,
    referred_on: Option<String>,
) -> Result<(), ApiError> {
    send::<CreateReferral>(create_referral::Variables { input, referred_on }).await?;
    Ok(())
}

super::operation!(InfoSessions, "graphql/info_sessions.graphql");
pub type InfoSession = info_sessions::InfoSessionsInfoSessions;

pub async fn sessions() -> Result<Vec<InfoSession>, ApiError> {
    Ok(send::<InfoSessions>(info_sessions::Variables)
        .await?
        .info_sessions)
}

super::operation!(CreateInfoSession, "graphql/create_info_session.graphql");
/// A new information session; `organisation_id` (coordinators) names the
/// training provider running it; `confirm_past`: the person confirmed a
/// session dated in the past.
pub type NewSession = create_info_session::Variables;

pub async fn create_session(session: NewSession) -> Result<(), ApiError> {
    send::<CreateInfoSession>(session).await?;
    Ok(())
}

super::operation!(TrainingProviders, "graphql/training_providers.graphql");
/// A training provider of the programme, to choose who runs or teaches.
pub type Provider = training_providers::TrainingProvidersTrainingProviders;

pub async fn providers() -> Result<Vec<Provider>, ApiError> {
    Ok(send::<TrainingProviders>(training_providers::Variables)
        .await?
        .training_providers)
}

super::operation!(InviteToSession, "graphql/invite_to_session.graphql");

pub async fn invite(session_id: String, referral_ids: Vec<String>) -> Result<(), ApiError> {
    send::<InviteToSession>(invite_to_session::Variables {
        session_id,
        referral_ids,
    })
    .await?;
    Ok(())
}

super::operation!(DecideEligibility, "graphql/decide_eligibility.graphql");
pub type Decision = decide_eligibility::EligibilityInput;

/// `decided_on`: the day it was decided, when not today.
pub async fn decide(
    referral_id: String,
    input: Decision,
    decided_on: Option<String>,
) -> Result<(), ApiError> {
    send::<DecideEligibility>(decide_eligibility::Variables {
        referral_id,
        input,
        decided_on,
    })
    .await?;
    Ok(())
}

super::operation!(Cohorts, "graphql/cohorts.graphql");
pub type CohortRow = cohorts::CohortsCohorts;

pub async fn cohorts() -> Result<Vec<CohortRow>, ApiError> {
    Ok(send::<Cohorts>(cohorts::Variables).await?.cohorts)
}

super::operation!(CreateCohort, "graphql/create_cohort.graphql");
pub type NewCohort = create_cohort::CohortInput;

pub async fn create_cohort(input: NewCohort) -> Result<String, ApiError> {
    Ok(send::<CreateCohort>(create_cohort::Variables { input })
        .await?
        .create_cohort
        .id)
}

super::operation!(kept Cohort, "graphql/cohort.graphql");
/// A cohort with its modules, learners, marks and calls, and the eligible
/// residents the viewer may enrol.
pub type CohortWithCandidates = cohort::ResponseData;
pub type Module = cohort::CohortCohortModules;
pub type Learner = cohort::CohortCohortLearners;
pub type Candidate = cohort::CohortReferrals;

pub async fn cohort(id: String) -> Result<CohortWithCandidates, ApiError> {
    send::<Cohort>(cohort::Variables { id }).await
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

super::operation!(DropOut, "graphql/drop_out.graphql");

/// `on`: the day they left, when entered later.
pub async fn drop_out(
    referral_id: String,
    reason: String,
    on: Option<String>,
) -> Result<(), ApiError> {
    send::<DropOut>(drop_out::Variables {
        referral_id,
        reason,
        on,
    })
    .await?;
    Ok(())
}

super::operation!(ConfirmCompletion, "graphql/confirm_completion.graphql");

/// `on`: the day the course was completed, when entered later.
pub async fn complete(referral_id: String, on: Option<String>) -> Result<(), ApiError> {
    send::<ConfirmCompletion>(confirm_completion::Variables { referral_id, on }).await?;
    Ok(())
}

super::operation!(kept MarkAttendance, "graphql/mark_attendance.graphql");
pub type MarkInput = mark_attendance::MarkInput;

pub async fn mark(cohort_id: &str, module_id: &str, marks: &[MarkInput]) -> Result<(), ApiError> {
    send::<MarkAttendance>(mark_attendance::Variables {
        cohort_id: cohort_id.to_owned(),
        module_id: module_id.to_owned(),
        marks: marks.to_vec(),
    })
    .await?;
    Ok(())
}

super::operation!(Reminders, "graphql/reminders.graphql");
pub type Reminder = reminders::RemindersReminders;

pub async fn reminders(from: String, to: String) -> Result<Vec<Reminder>, ApiError> {
    Ok(send::<Reminders>(reminders::Variables { from, to })
        .await?
        .reminders)
}

super::operation!(RecordCall, "graphql/record_call.graphql");
/// How the call before a module went; `outcome: None` takes it back.
pub type CallRecord = record_call::Variables;

pub async fn record_call(call: CallRecord) -> Result<(), ApiError> {
    send::<RecordCall>(call).await?;
    Ok(())
}

super::operation!(UpdateModule, "graphql/update_module.graphql");
/// A module moved, or its place, trainer or provider changed;
/// `confirm_move`: the person saw that attendance is already marked.
pub type ModuleChanges = update_module::Variables;

pub async fn update_module(changes: ModuleChanges) -> Result<(), ApiError> {
    send::<UpdateModule>(changes).await?;
    Ok(())
}

super::operation!(UpdateCohort, "graphql/update_cohort.graphql");
/// A cohort's name and places, corrected.
pub type CohortChanges = update_cohort::Variables;

pub async fn update_cohort(changes: CohortChanges) -> Result<(), ApiError> {
    send::<UpdateCohort>(changes).await?;
    Ok(())
}

super::operation!(Enrol, "graphql/enrol.graphql");

pub async fn enrol(
    referral_id: String,
    cohort_id: String,
    contract_signed_on: Option<String>,
    enrolled_on: Option<String>,
) -> Result<ReferralStatus, ApiError> {
    Ok(send::<Enrol>(enrol::Variables {
        referral_id,
        cohort_id,
        contract_signed_on,
        enrolled_on,
    })
    .await?
    .enrol
    .status)
}

super::operation!(
    ReportLearnerProblem,
    "graphql/report_learner_problem.graphql"
);

/// A trainer reports a problem with a learner's installed computer.
/// `reported_on`: the day the household told them, when entered later.
pub async fn report_problem(
    referral_id: String,
    message: String,
    reported_on: Option<String>,
) -> Result<(), ApiError> {
    send::<ReportLearnerProblem>(report_learner_problem::Variables {
        referral_id,
        message,
        reported_on,
    })
    .await?;
    Ok(())
}

super::operation!(AuditLog, "graphql/audit_log.graphql");
/// One read of a person's record, as the audit log keeps it.
pub type AuditEntry = audit_log::AuditLogAuditLog;

pub async fn audit_log(subject_id: String) -> Result<Vec<AuditEntry>, ApiError> {
    Ok(send::<AuditLog>(audit_log::Variables { subject_id })
        .await?
        .audit_log)
}

super::operation!(ExportPerson, "graphql/export_person.graphql");

/// Everything held about one person, as JSON text.
pub async fn export_person(referral_id: String) -> Result<String, ApiError> {
    Ok(
        send::<ExportPerson>(export_person::Variables { referral_id })
            .await?
            .export_person,
    )
}

super::operation!(ErasePerson, "graphql/erase_person.graphql");

pub async fn erase_person(referral_id: String) -> Result<(), ApiError> {
    send::<ErasePerson>(erase_person::Variables { referral_id }).await?;
    Ok(())
}
