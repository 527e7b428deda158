//! Matching, home visits, the household's tracking page, the help desk.

use super::contract::*;
use super::{ApiError, send, send_anonymous};

super::operation!(MatchProposal, "graphql/match_proposal.graphql");
/// The proposed pairs, and who and what waits besides.
pub type Matching = match_proposal::ResponseData;

pub async fn matching() -> Result<Matching, ApiError> {
    send::<MatchProposal>(match_proposal::Variables).await
}

super::operation!(RecordDeviceOutcome, "graphql/record_device_outcome.graphql");

pub async fn record_device_outcome(
    referral_id: String,
    outcome: DeviceOutcome,
    reason: String,
    on: Option<String>,
) -> Result<(), ApiError> {
    send::<RecordDeviceOutcome>(record_device_outcome::Variables {
        referral_id,
        outcome,
        reason,
        on,
    })
    .await?;
    Ok(())
}

super::operation!(
    WithdrawDeviceOutcome,
    "graphql/withdraw_device_outcome.graphql"
);

pub async fn withdraw_device_outcome(referral_id: String) -> Result<(), ApiError> {
    send::<WithdrawDeviceOutcome>(withdraw_device_outcome::Variables { referral_id }).await?;
    Ok(())
}

super::operation!(AcceptMatches, "graphql/accept_matches.graphql");
pub type Pair = accept_matches::PairInput;
pub type Accepted = accept_matches::AcceptMatchesAcceptMatches;

/// `matched_on`: the day the matches were made, when not today.
pub async fn accept(
    (pairs, matched_on): (Vec<Pair>, Option<String>),
) -> Result<Vec<Accepted>, ApiError> {
    Ok(
        send::<AcceptMatches>(accept_matches::Variables { pairs, matched_on })
            .await?
            .accept_matches,
    )
}

super::operation!(Installations, "graphql/installations.graphql");
pub type VisitRow = installations::InstallationsInstallations;

pub async fn visits() -> Result<Vec<VisitRow>, ApiError> {
    Ok(send::<Installations>(installations::Variables)
        .await?
        .installations)
}

super::operation!(CorrectVisit, "graphql/correct_visit.graphql");
/// What is corrected on a visit (each left out stays as it is).
pub type VisitCorrection = correct_visit::Variables;

pub async fn correct_visit(correction: VisitCorrection) -> Result<(), ApiError> {
    send::<CorrectVisit>(correction).await?;
    Ok(())
}

super::operation!(kept Installation, "graphql/installation.graphql");
pub type Visit = installation::InstallationInstallation;
pub type SupportRow = support_requests::SupportRequestsSupportRequests;

pub async fn visit(id: String) -> Result<Visit, ApiError> {
    Ok(send::<Installation>(installation::Variables { id })
        .await?
        .installation)
}

super::operation!(BookVisit, "graphql/book_visit.graphql");

/// `confirm_past`: the window is over and the person confirmed the visit
/// took place (entered afterwards).
pub async fn book(
    id: String,
    from: String,
    to: String,
    confirm_past: bool,
) -> Result<(), ApiError> {
    send::<BookVisit>(book_visit::Variables {
        id,
        from,
        to,
        confirm_past,
    })
    .await?;
    Ok(())
}

super::operation!(CloseVisit, "graphql/close_visit.graphql");
pub type Checklist = close_visit::ChecklistInput;

pub async fn close(id: String, input: Checklist) -> Result<(), ApiError> {
    send::<CloseVisit>(close_visit::Variables { id, input }).await?;
    Ok(())
}

super::operation!(FailVisit, "graphql/fail_visit.graphql");

/// `failed_on`: the day of the visit, when entered later (none: today).
pub async fn fail(id: String, reason: String, failed_on: Option<String>) -> Result<(), ApiError> {
    send::<FailVisit>(fail_visit::Variables {
        id,
        reason,
        failed_on,
    })
    .await?;
    Ok(())
}

super::operation!(Tracking, "graphql/tracking.graphql");
/// The household's page: where its computer's delivery stands.
pub type Delivery = tracking::TrackingTracking;
/// A request the household sent, as its page shows it.
pub type HouseholdRequest = tracking::TrackingTrackingRequests;

/// The household's page: no account, only the code.
pub async fn tracking(code: String) -> Result<Delivery, ApiError> {
    Ok(send_anonymous::<Tracking>(tracking::Variables { code })
        .await?
        .tracking)
}

super::operation!(ReportProblem, "graphql/report_problem.graphql");
super::operation!(RequestVisitChange, "graphql/request_visit_change.graphql");

/// What the household writes from its page: a problem with the computer,
/// or another date for the visit.
pub async fn household_request(
    code: String,
    message: String,
    kind: SupportKind,
) -> Result<(), ApiError> {
    match kind {
        SupportKind::Problem => {
            send_anonymous::<ReportProblem>(report_problem::Variables { code, message }).await?;
        }
        SupportKind::DateChange => {
            send_anonymous::<RequestVisitChange>(request_visit_change::Variables { code, message })
                .await?;
        }
    }
    Ok(())
}

super::operation!(kept SupportRequests, "graphql/support_requests.graphql");

pub async fn support_requests() -> Result<Vec<SupportRow>, ApiError> {
    Ok(send::<SupportRequests>(support_requests::Variables)
        .await?
        .support_requests)
}

super::operation!(
    UpdateSupportRequest,
    "graphql/update_support_request.graphql"
);

pub async fn update_support(
    id: String,
    status: SupportStatus,
    resolution: Option<String>,
) -> Result<(), ApiError> {
    send::<UpdateSupportRequest>(update_support_request::Variables {
        id,
        status,
        resolution,
    })
    .await?;
    Ok(())
}
