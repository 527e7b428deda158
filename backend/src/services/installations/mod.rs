//! Matching, home installation, household tracking and after-sales.
//!
//! Learners who completed the course wait for a device; the coordination
//! accepts an optimal proposal (one device per household, never for a home
//! with no internet possibility); installers book and run the home visits
//! of their own organisation; the household follows it all with a code.

pub mod agreement;
mod matching;
pub mod support;
pub mod tracking;
mod visits;

pub use matching::{
    Candidates, Proposal, Waiting, accept, candidates, propose, record_device_outcome,
    withdraw_device_outcome,
};
pub use visits::{Checklist, Visit, VisitCorrection, book, close, correct, fail, get, list};

use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use shared_types::{DeviceStatus, ErrorCode, InstallationStatus, text::search_key};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::entities::{installation, referral},
};

use super::{DbErr, ServiceError};

#[derive(Debug, thiserror::Error)]
pub enum InstallationError {
    #[error("{0}")]
    Rule(ErrorCode),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl ServiceError for InstallationError {
    fn code(&self) -> ErrorCode {
        match self {
            InstallationError::Rule(code) => *code,
            InstallationError::Db(_) => ErrorCode::Internal,
        }
    }
}

pub(crate) fn rule(code: ErrorCode) -> InstallationError {
    InstallationError::Rule(code)
}

/// Matching, undoing a match and recording a learner's outcome.
fn ensure_matcher(viewer: &StaffUser) -> Result<(), InstallationError> {
    crate::services::access::reach(
        viewer,
        crate::services::access::Action::Write,
        crate::services::access::Resource::Matching,
    )
    .map_err(rule)?;
    Ok(())
}

/// One household, one device: learners are grouped by their address
/// (folded); a learner with no address is their own household.
pub fn household_key(row: &referral::Model) -> String {
    match row
        .address
        .as_deref()
        .map(search_key)
        .filter(|k| !k.is_empty())
    {
        Some(address) => format!("address:{address}"),
        None => format!("referral:{}", row.id),
    }
}

/// Installations that still hold their device, learner and household
/// (`InstallationStatus::holds_device`): an ended one is history.
pub(crate) fn holding() -> sea_orm::sea_query::SimpleExpr {
    installation::Column::Status.is_in(InstallationStatus::HOLDING)
}

/// A reason typed by a person: trimmed, at most 500 characters (the column).
fn clean_reason(text: Option<String>) -> Result<Option<String>, InstallationError> {
    let text = text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
    if text.as_ref().is_some_and(|t| t.chars().count() > 500) {
        return Err(rule(ErrorCode::TextTooLong));
    }
    Ok(text)
}

/// Ends the installation that holds `device` when the device leaves it
/// (a move made on the device itself, inside the move's transaction): back to
/// the stock before installation cancels the match, and a computer that comes
/// back from the home ends its installation as returned. Either way the row
/// stays as history with the reason, and the learner waits again.
pub(crate) async fn follow_device_move(
    tx: &sea_orm::DatabaseTransaction,
    device: Uuid,
    to: DeviceStatus,
    reason: Option<String>,
) -> Result<(), DbErr> {
    let Some(row) = installation::Entity::find()
        .filter(installation::Column::DeviceId.eq(device))
        .filter(holding())
        .one(tx)
        .await?
    else {
        return Ok(());
    };
    let now = Utc::now();
    let mut active: installation::ActiveModel = row.into();
    match to {
        DeviceStatus::InstallationScheduled | DeviceStatus::Installed => return Ok(()),
        // The visit is called off but the computer stays reserved: to be booked again.
        DeviceStatus::Reserved => {
            active.status = Set(InstallationStatus::Reserved);
            active.failure_reason = Set(reason);
        }
        DeviceStatus::Returned => {
            active.status = Set(InstallationStatus::Returned);
            active.ended_reason = Set(reason);
        }
        _ => {
            active.status = Set(InstallationStatus::Cancelled);
            active.ended_reason = Set(reason);
        }
    }
    // `closed_at` stays the day it was installed (reports count by it), or
    // none for a match undone before installation.
    active.updated_at = Set(now);
    active.update(tx).await?;
    Ok(())
}
