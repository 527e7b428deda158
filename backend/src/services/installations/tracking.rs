//! The household's tracking page, opened with the code given on paper: the
//! steps of the delivery and whom to call, nothing else about anyone.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use shared_types::{
    ErrorCode, InstallationStatus, MaterialCategory, ReferralStatus, SupportKind, SupportStatus,
    installation::normalise_tracking_code,
};

use crate::db::{
    Db,
    entities::{device, installation, organisation, referral, support_request},
};

/// How many of its own requests the household sees (the latest).
const REQUESTS_SHOWN: u64 = 10;

/// A request the household sent from its page, as it sees it: received,
/// being handled, settled, and the help desk's answer. Never who handled it.
#[derive(Debug, Clone, async_graphql::SimpleObject)]
#[graphql(name = "HouseholdRequest")]
pub struct HouseholdRequest {
    pub kind: SupportKind,
    pub status: SupportStatus,
    pub sent_at: DateTime<Utc>,
    /// When the help desk last changed it; none while it is only received.
    pub answered_at: Option<DateTime<Utc>>,
    /// The help desk's answer, written for the household.
    pub answer: Option<String>,
}

use super::{InstallationError, rule};

/// What the household's tracking page shows: steps, and whom to call.
#[derive(Debug, Clone, async_graphql::SimpleObject)]
pub struct Tracking {
    pub trained: bool,
    pub reserved: bool,
    pub visit_from: Option<DateTime<Utc>>,
    pub visit_to: Option<DateTime<Utc>>,
    pub installed: bool,
    /// The last visit failed and a new one is to be booked.
    pub visit_failed: bool,
    /// Trained, but no internet at home: the device waits.
    pub on_hold_no_connection: bool,
    pub installer_name: Option<String>,
    pub installer_phone: Option<String>,
    /// Which computer it is, once one is reserved for the household.
    pub device_kind: Option<MaterialCategory>,
    /// Its brand and model, as written on it.
    pub device_name: Option<String>,
    /// Its own requests, latest first.
    pub requests: Vec<HouseholdRequest>,
}

/// The learner behind a code, or `TRACKING_CODE_UNKNOWN` (the same answer
/// for a malformed code and a well-formed wrong one).
pub(crate) async fn learner_by_code(
    db: &Db,
    code: &str,
) -> Result<referral::Model, InstallationError> {
    let code = normalise_tracking_code(code).ok_or(rule(ErrorCode::TrackingCodeUnknown))?;
    referral::Entity::find()
        .filter(referral::Column::TrackingCode.eq(code))
        .one(&db.conn)
        .await?
        .ok_or(rule(ErrorCode::TrackingCodeUnknown))
}

pub async fn by_code(db: &Db, code: &str) -> Result<Tracking, InstallationError> {
    let learner = learner_by_code(db, code).await?;
    crate::services::audit::read(
        db,
        crate::services::audit::Reader::Household {
            programme_id: learner.programme_id,
        },
        "HOUSEHOLD",
        &[learner.id],
    )
    .await?;
    // An undone match or a returned computer is history, not what the
    // household waits for now.
    let install = installation::Entity::find()
        .filter(installation::Column::ReferralId.eq(learner.id))
        .filter(super::holding())
        .one(&db.conn)
        .await?;
    let installer = match &install {
        Some(i) => {
            organisation::Entity::find_by_id(i.installer_id)
                .one(&db.conn)
                .await?
        }
        None => None,
    };
    let device = match &install {
        Some(i) => {
            device::Entity::find_by_id(i.device_id)
                .one(&db.conn)
                .await?
        }
        None => None,
    };
    let device_name = device.as_ref().and_then(|d| {
        let name = [d.brand.as_deref(), d.model.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        (!name.is_empty()).then_some(name)
    });
    let requests = support_request::Entity::find()
        .filter(support_request::Column::ReferralId.eq(learner.id))
        .order_by_desc(support_request::Column::ReportedAt)
        .limit(REQUESTS_SHOWN)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|r| HouseholdRequest {
            kind: r.kind,
            status: r.status,
            sent_at: r.created_at,
            answered_at: (r.status != SupportStatus::Open || r.resolution.is_some())
                .then_some(r.updated_at),
            answer: r.resolution,
        })
        .collect();
    let status = install.as_ref().map(|i| i.status);
    let trained = learner.status == ReferralStatus::Completed;
    Ok(Tracking {
        trained,
        reserved: install.is_some(),
        visit_from: install.as_ref().and_then(|i| i.visit_from).filter(|_| {
            status == Some(InstallationStatus::Booked)
                || status == Some(InstallationStatus::Installed)
        }),
        visit_to: install.as_ref().and_then(|i| i.visit_to).filter(|_| {
            status == Some(InstallationStatus::Booked)
                || status == Some(InstallationStatus::Installed)
        }),
        installed: status == Some(InstallationStatus::Installed),
        visit_failed: status == Some(InstallationStatus::Failed),
        installer_name: installer.as_ref().map(|o| o.name.clone()),
        installer_phone: installer.and_then(|o| o.phone),
        on_hold_no_connection: trained
            && install.is_none()
            && learner.internet == shared_types::InternetAccess::None,
        device_kind: device.as_ref().map(|d| d.kind),
        device_name,
        requests,
    })
}
