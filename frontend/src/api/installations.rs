//! Matching, home visits, the household's tracking page, the help desk.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shared_types::{
    Connection, DeviceOutcome, DevicePreference, Grade, InstallationStatus, MatchReason,
    MaterialCategory, SupportKind, SupportStatus,
};

use super::{ApiError, ById, ForReferral, NoVariables, OnRecord, request, request_anonymous};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Person {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub device_preference: Option<DevicePreference>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DeviceBrief {
    pub id: String,
    pub tag: String,
    pub kind: MaterialCategory,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub grade: Option<Grade>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Proposal {
    pub referral: Person,
    pub device: DeviceBrief,
    pub score: i64,
    pub reasons: Vec<MatchReason>,
    pub days_waiting: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WaitingLearner {
    pub days_waiting: i64,
    pub referral: Person,
}

/// A trained learner who declined the computer or already has one.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Declined {
    pub referral: Person,
    pub outcome: DeviceOutcome,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidates {
    pub waiting: Vec<WaitingLearner>,
    pub on_hold: Vec<Person>,
    pub declined: Vec<Declined>,
    pub devices: Vec<DeviceBrief>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Matching {
    pub match_proposal: Vec<Proposal>,
    pub matching_candidates: Candidates,
}

pub async fn matching() -> Result<Matching, ApiError> {
    request(
        include_str!("../../graphql/match_proposal.graphql"),
        NoVariables {},
    )
    .await
}

pub async fn record_device_outcome(
    referral_id: String,
    outcome: DeviceOutcome,
    reason: String,
) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/record_device_outcome.graphql"),
        json!({ "referralId": referral_id, "outcome": outcome, "reason": reason }),
    )
    .await?;
    Ok(())
}

pub async fn withdraw_device_outcome(referral_id: String) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/withdraw_device_outcome.graphql"),
        ForReferral { referral_id },
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pair {
    pub referral_id: String,
    pub device_id: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Accepted {
    pub id: String,
    pub learner_name: String,
    pub tracking_code: Option<String>,
}

pub async fn accept(pairs: Vec<Pair>) -> Result<Vec<Accepted>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        accept_matches: Vec<Accepted>,
    }
    let data: Data = request(
        include_str!("../../graphql/accept_matches.graphql"),
        json!({ "pairs": pairs }),
    )
    .await?;
    Ok(data.accept_matches)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DeviceTag {
    pub tag: String,
    pub kind: MaterialCategory,
    #[serde(default)]
    pub brand: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    #[serde(default)]
    pub serial: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitRow {
    pub id: String,
    pub status: InstallationStatus,
    pub visit_from: Option<String>,
    pub visit_to: Option<String>,
    pub learner_name: String,
    pub phone: String,
    pub address: Option<String>,
    pub device: DeviceTag,
}

pub async fn visits() -> Result<Vec<VisitRow>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        installations: Vec<VisitRow>,
    }
    let data: Data = request(
        include_str!("../../graphql/installations.graphql"),
        NoVariables {},
    )
    .await?;
    Ok(data.installations)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Installer {
    #[serde(default)]
    pub id: String,
    pub name: String,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Visit {
    pub id: String,
    pub status: InstallationStatus,
    pub visit_from: Option<String>,
    pub visit_to: Option<String>,
    pub learner_name: String,
    pub phone: String,
    pub address: Option<String>,
    pub tracking_code: Option<String>,
    pub failure_reason: Option<String>,
    pub ended_reason: Option<String>,
    pub failures: i32,
    pub connection: Option<Connection>,
    pub installed_serial: Option<String>,
    pub signed_by: Option<String>,
    pub closed_at: Option<String>,
    pub installer: Installer,
    pub device: DeviceTag,
    /// What the household asked about it (another date, a problem).
    #[serde(default)]
    pub support_requests: Vec<SupportRow>,
}

/// What is corrected on a visit (each left out stays as it is).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VisitCorrection {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub installer_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub connection: Option<Connection>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_by: Option<String>,
}

pub async fn correct_visit(correction: VisitCorrection) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/correct_visit.graphql"),
        correction,
    )
    .await?;
    Ok(())
}

pub async fn visit(id: String) -> Result<Visit, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        installation: Visit,
    }
    let data: Data = request(
        include_str!("../../graphql/installation.graphql"),
        ById { id },
    )
    .await?;
    Ok(data.installation)
}

pub async fn book(id: String, from: String, to: String) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/book_visit.graphql"),
        json!({ "id": id, "from": from, "to": to }),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checklist {
    pub device_set_up: bool,
    pub accounts_created: bool,
    pub connection: Connection,
    pub connection_tested: bool,
    pub installed_serial: String,
    pub signature: Vec<Vec<i32>>,
    pub signed_by: Option<String>,
    pub unsigned_reason: Option<String>,
}

pub async fn close(id: String, checklist: Checklist) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/close_visit.graphql"),
        OnRecord {
            id,
            input: checklist,
        },
    )
    .await?;
    Ok(())
}

pub async fn fail(id: String, reason: String) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/fail_visit.graphql"),
        json!({ "id": id, "reason": reason }),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tracking {
    pub trained: bool,
    pub reserved: bool,
    pub visit_from: Option<String>,
    pub visit_to: Option<String>,
    pub installed: bool,
    pub visit_failed: bool,
    pub on_hold_no_connection: bool,
    pub installer_name: Option<String>,
    pub installer_phone: Option<String>,
    pub device_kind: Option<MaterialCategory>,
    pub device_name: Option<String>,
    #[serde(default)]
    pub requests: Vec<HouseholdRequest>,
}

/// A request the household sent, as its page shows it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HouseholdRequest {
    pub kind: SupportKind,
    pub status: SupportStatus,
    pub sent_at: String,
    pub answered_at: Option<String>,
    pub answer: Option<String>,
}

/// The household's page: no account, only the code.
pub async fn tracking(code: String) -> Result<Tracking, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        tracking: Tracking,
    }
    let data: Data = request_anonymous(
        include_str!("../../graphql/tracking.graphql"),
        json!({ "code": code }),
    )
    .await?;
    Ok(data.tracking)
}

pub async fn household_request(
    code: String,
    message: String,
    kind: SupportKind,
) -> Result<(), ApiError> {
    let _: Value = request_anonymous(
        include_str!("../../graphql/household_request.graphql"),
        json!({ "code": code, "message": message, "problem": kind == SupportKind::Problem }),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SupportRow {
    pub id: String,
    pub kind: SupportKind,
    pub status: SupportStatus,
    pub message: String,
    pub source: String,
    pub resolution: Option<String>,
    pub learner_name: String,
    pub phone: String,
    pub created_at: String,
    /// The visit it is about, and its computer's tag, when there is one.
    #[serde(default)]
    pub installation_id: Option<String>,
    #[serde(default)]
    pub device_tag: Option<String>,
}

pub async fn support_requests() -> Result<Vec<SupportRow>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        support_requests: Vec<SupportRow>,
    }
    let data: Data = request(
        include_str!("../../graphql/support_requests.graphql"),
        NoVariables {},
    )
    .await?;
    Ok(data.support_requests)
}

pub async fn update_support(
    id: String,
    status: SupportStatus,
    resolution: Option<String>,
) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/update_support_request.graphql"),
        json!({ "id": id, "status": status, "resolution": resolution }),
    )
    .await?;
    Ok(())
}
