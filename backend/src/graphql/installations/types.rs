use async_graphql::{Context, ID, InputObject, Object, SimpleObject, dataloader::DataLoader};
use chrono::{DateTime, Utc};
use shared_types::{
    Connection, DeviceOutcome, ErrorCode, InstallationStatus, MatchReason, SupportKind,
    SupportStatus, installation::display_tracking_code,
};

use crate::{
    db::entities::{referral, support_request},
    graphql::{
        devices::types::DeviceNode, error::coded, loaders::OrganisationByIdLoader,
        organisations::types::OrganisationNode, training::types::ReferralNode,
    },
    services::{
        devices::Device,
        installations::{Proposal, Visit},
        training::Referral,
    },
};

fn referral_node(row: referral::Model) -> async_graphql::Result<ReferralNode> {
    Referral::try_from(row)
        .map(ReferralNode::from)
        .map_err(|_| coded(ErrorCode::Internal))
}

fn device_node(row: crate::db::entities::device::Model) -> async_graphql::Result<DeviceNode> {
    Device::try_from(row)
        .map(DeviceNode)
        .map_err(|_| coded(ErrorCode::Internal))
}

pub struct WaitingNode {
    pub referral: referral::Model,
    pub days_waiting: i64,
}

/// A learner who completed the course and waits for a device.
#[Object(name = "WaitingLearner")]
impl WaitingNode {
    async fn referral(&self) -> async_graphql::Result<ReferralNode> {
        referral_node(self.referral.clone())
    }
    /// Days since completion: first trained, first served.
    async fn days_waiting(&self) -> i64 {
        self.days_waiting
    }
}

pub struct DeclinedNode(pub referral::Model);

/// A trained learner who declined the computer or already has one.
#[Object(name = "DeclinedLearner")]
impl DeclinedNode {
    async fn referral(&self) -> async_graphql::Result<ReferralNode> {
        referral_node(self.0.clone())
    }
    async fn outcome(&self) -> async_graphql::Result<DeviceOutcome> {
        self.0
            .device_outcome
            .ok_or_else(|| coded(ErrorCode::Internal))
    }
    async fn reason(&self) -> Option<&str> {
        self.0.device_outcome_reason.as_deref()
    }
    /// When it was recorded.
    async fn at(&self) -> Option<DateTime<Utc>> {
        self.0.device_outcome_at
    }
}

#[derive(SimpleObject)]
#[graphql(name = "MatchingCandidates")]
pub struct CandidatesNode {
    pub waiting: Vec<WaitingNode>,
    /// Trained, device on hold: no internet possibility at home.
    pub on_hold: Vec<ReferralNode>,
    /// Trained, but they declined the computer or already have one.
    pub declined: Vec<DeclinedNode>,
    pub devices: Vec<DeviceNode>,
}

pub struct ProposalNode(pub Proposal);

/// One pair of the proposed assignment, with why it was chosen.
#[Object(name = "MatchProposal")]
impl ProposalNode {
    async fn referral(&self) -> async_graphql::Result<ReferralNode> {
        referral_node(self.0.referral.clone())
    }
    async fn device(&self) -> async_graphql::Result<DeviceNode> {
        device_node(self.0.device.clone())
    }
    async fn score(&self) -> i64 {
        self.0.score
    }
    async fn reasons(&self) -> &[MatchReason] {
        &self.0.reasons
    }
    async fn days_waiting(&self) -> i64 {
        self.0.days_waiting
    }
}

pub struct InstallationNode(pub Visit);

/// A home installation: the device reserved for a learner, the visit, its checklist.
#[Object(name = "Installation")]
impl InstallationNode {
    async fn id(&self) -> ID {
        ID(self.0.installation.id.to_string())
    }
    async fn status(&self) -> InstallationStatus {
        self.0.installation.status
    }
    /// Why it ended without staying installed: the match undone (the
    /// computer went back to the stock) or the computer returned from the home.
    async fn ended_reason(&self) -> Option<&str> {
        self.0.installation.ended_reason.as_deref()
    }
    async fn visit_from(&self) -> Option<DateTime<Utc>> {
        self.0.installation.visit_from
    }
    async fn visit_to(&self) -> Option<DateTime<Utc>> {
        self.0.installation.visit_to
    }
    /// Who to visit: the learner's name, phone and address (what the visit needs).
    async fn learner_name(&self) -> String {
        format!("{} {}", self.0.learner.first_name, self.0.learner.last_name)
    }
    async fn learner_id(&self) -> ID {
        ID(self.0.learner.id.to_string())
    }
    async fn phone(&self) -> &str {
        &self.0.learner.phone
    }
    async fn address(&self) -> Option<&str> {
        self.0.learner.address.as_deref()
    }
    /// The household's code for its tracking page, printed as `ACD4F-GH7KM`.
    async fn tracking_code(&self) -> Option<String> {
        self.0
            .learner
            .tracking_code
            .as_deref()
            .map(display_tracking_code)
    }
    async fn device(&self) -> async_graphql::Result<DeviceNode> {
        device_node(self.0.device.clone())
    }
    async fn installer(&self, ctx: &Context<'_>) -> async_graphql::Result<OrganisationNode> {
        ctx.data_unchecked::<DataLoader<OrganisationByIdLoader>>()
            .load_one(self.0.installation.installer_id)
            .await?
            .map(OrganisationNode)
            .ok_or_else(|| coded(ErrorCode::NotFound))
    }
    async fn device_set_up(&self) -> Option<bool> {
        self.0.installation.device_set_up
    }
    async fn accounts_created(&self) -> Option<bool> {
        self.0.installation.accounts_created
    }
    async fn connection(&self) -> Option<Connection> {
        self.0.installation.connection
    }
    async fn connection_tested(&self) -> Option<bool> {
        self.0.installation.connection_tested
    }
    async fn installed_serial(&self) -> Option<&str> {
        self.0.installation.installed_serial.as_deref()
    }
    async fn signed_by(&self) -> Option<&str> {
        self.0.installation.signed_by.as_deref()
    }
    /// Why the handover has no signature, when it has none.
    async fn unsigned_reason(&self) -> Option<&str> {
        self.0.installation.unsigned_reason.as_deref()
    }
    async fn failure_reason(&self) -> Option<&str> {
        self.0.installation.failure_reason.as_deref()
    }
    async fn failures(&self) -> i32 {
        self.0.installation.failures
    }
    /// When the last visit failed.
    async fn failed_at(&self) -> Option<DateTime<Utc>> {
        self.0.installation.failed_at
    }
    async fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.0.installation.closed_at
    }
    /// What the household asked about this installation (another date, a
    /// problem), latest first, so the installer sees it on the visit.
    async fn support_requests(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<SupportNode>> {
        let db = &crate::graphql::context::state(ctx).db;
        let rows =
            crate::services::installations::support::about_installation(db, self.0.installation.id)
                .await
                .map_err(crate::graphql::error::from_service)?;
        let tags =
            std::collections::HashMap::from([(self.0.installation.id, self.0.device.tag.clone())]);
        Ok(rows
            .into_iter()
            .map(|row| SupportNode::new(row, &self.0.learner, &tags))
            .collect())
    }
}

#[derive(SimpleObject)]
#[graphql(name = "SupportRequest")]
pub struct SupportNode {
    pub id: ID,
    /// The installation (visit) it is about, when there is one.
    pub installation_id: Option<ID>,
    /// The tag of the computer it is about, to open its page.
    pub device_tag: Option<String>,
    pub kind: SupportKind,
    pub status: SupportStatus,
    pub message: String,
    /// HOUSEHOLD (from the tracking page) or STAFF.
    pub source: String,
    pub resolution: Option<String>,
    pub learner_name: String,
    pub phone: String,
    /// When it was typed in.
    pub created_at: DateTime<Utc>,
    /// When the household reported it (a call entered later keeps its day).
    pub reported_at: DateTime<Utc>,
}

impl SupportNode {
    pub fn new(
        row: support_request::Model,
        learner: &referral::Model,
        device_tags: &std::collections::HashMap<uuid::Uuid, String>,
    ) -> SupportNode {
        SupportNode {
            id: ID(row.id.to_string()),
            installation_id: row.installation_id.map(|i| ID(i.to_string())),
            device_tag: row
                .installation_id
                .and_then(|i| device_tags.get(&i).cloned()),
            kind: row.kind,
            status: row.status,
            message: row.message,
            source: row.source,
            resolution: row.resolution,
            learner_name: format!("{} {}", learner.first_name, learner.last_name),
            phone: learner.phone.clone(),
            created_at: row.created_at,
            reported_at: row.reported_at,
        }
    }
}

#[derive(InputObject)]
pub struct PairInput {
    pub referral_id: ID,
    pub device_id: ID,
}

#[derive(InputObject)]
pub struct ChecklistInput {
    pub device_set_up: bool,
    pub accounts_created: bool,
    pub connection: Connection,
    /// The connection test passed.
    pub connection_tested: bool,
    /// Read off the device: its serial number or its tag.
    pub installed_serial: String,
    /// The household's signature on the handover agreement (strokes on a 600 × 240 pad).
    #[graphql(default)]
    pub signature: Vec<Vec<i32>>,
    /// Who received the computer and signs (or, unsigned, who received it).
    pub signed_by: Option<String>,
    /// Why the handover has no signature (a proxy, a disability).
    pub unsigned_reason: Option<String>,
    /// The day it was installed, when entered later (today by default).
    pub installed_on: Option<chrono::NaiveDate>,
}
