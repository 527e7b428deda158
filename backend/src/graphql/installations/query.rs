use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use shared_types::{InstallationStatus, Role, SupportStatus};

use crate::{
    auth::RoleGuard,
    graphql::{
        context,
        error::{coded, from_service},
    },
    rate_limit::ClientAddress,
    services::{
        ServiceError,
        devices::Device,
        installations::{self, support, tracking},
        training::Referral,
    },
};

use super::types::{
    CandidatesNode, DeclinedNode, InstallationNode, ProposalNode, SupportNode, WaitingNode,
};
use crate::graphql::{devices::types::DeviceNode, training::types::ReferralNode};

#[derive(Default)]
pub struct InstallationsQuery;

#[Object]
impl InstallationsQuery {
    /// Learners waiting for a device, those on hold (no internet), ready devices.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn matching_candidates(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<CandidatesNode> {
        let viewer = context::staff(ctx)?;
        let found = installations::candidates(&context::state(ctx).db, viewer)
            .await
            .map_err(from_service)?;
        let internal = |_| coded(shared_types::ErrorCode::Internal);
        Ok(CandidatesNode {
            waiting: found
                .waiting
                .into_iter()
                .map(|w| WaitingNode {
                    referral: w.referral,
                    days_waiting: w.days_waiting,
                })
                .collect(),
            declined: found.declined.into_iter().map(DeclinedNode).collect(),
            on_hold: found
                .on_hold
                .into_iter()
                .map(|r| {
                    Referral::try_from(r)
                        .map(ReferralNode::from)
                        .map_err(internal)
                })
                .collect::<Result<_, _>>()?,
            devices: found
                .devices
                .into_iter()
                .map(|d| Device::try_from(d).map(DeviceNode).map_err(internal))
                .collect::<Result<_, _>>()?,
        })
    }

    /// The optimal assignment of the ready devices to the waiting learners.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn match_proposal(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ProposalNode>> {
        let viewer = context::staff(ctx)?;
        let found = installations::propose(&context::state(ctx).db, viewer)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(ProposalNode).collect())
    }

    /// Installations: an installer sees their organisation's; coordinators all.
    /// `from`/`to` keep the visits starting in that window (a day's round).
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Installer])")]
    async fn installations(
        &self,
        ctx: &Context<'_>,
        status: Option<InstallationStatus>,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> async_graphql::Result<Vec<InstallationNode>> {
        let viewer = context::staff(ctx)?;
        let found = installations::list(&context::state(ctx).db, viewer, status, from.zip(to))
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(InstallationNode).collect())
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Installer])")]
    async fn installation(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<InstallationNode> {
        let viewer = context::staff(ctx)?;
        let found = installations::get(&context::state(ctx).db, viewer, context::parse_id(&id)?)
            .await
            .map_err(from_service)?;
        Ok(InstallationNode(found))
    }

    /// The household's delivery, opened with its code, without an account.
    /// Wrong codes are counted per address and soon refused (`TOO_MANY_ATTEMPTS`).
    async fn tracking(
        &self,
        ctx: &Context<'_>,
        code: String,
    ) -> async_graphql::Result<tracking::Tracking> {
        let state = context::state(ctx);
        let client = ctx.data_unchecked::<ClientAddress>();
        let attempt = state
            .attempts
            .tracking_code(&client.0)
            .await
            .map_err(coded)?;
        match tracking::by_code(&state.db, &code).await {
            Ok(found) => {
                attempt.not_a_guess();
                Ok(found)
            }
            Err(err) => {
                if err.code() == shared_types::ErrorCode::TrackingCodeUnknown {
                    attempt.failed();
                } else {
                    attempt.not_a_guess();
                }
                Err(from_service(err))
            }
        }
    }

    /// The help desk: problems and date-change requests.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Installer])")]
    async fn support_requests(
        &self,
        ctx: &Context<'_>,
        status: Option<SupportStatus>,
    ) -> async_graphql::Result<Vec<SupportNode>> {
        let viewer = context::staff(ctx)?;
        let db = &context::state(ctx).db;
        let found = support::list(db, viewer, status)
            .await
            .map_err(from_service)?;
        let rows: Vec<_> = found.iter().map(|(row, _)| row.clone()).collect();
        let tags = support::device_tags(db, &rows)
            .await
            .map_err(from_service)?;
        Ok(found
            .into_iter()
            .map(|(row, learner)| SupportNode::new(row, &learner, &tags))
            .collect())
    }
}
