use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use shared_types::{ReferralStatus, Role};

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::training::{self, cohorts},
};

use super::types::{CohortNode, InfoSessionNode, ReferralNode, ReminderNode};

#[derive(Default)]
pub struct TrainingQuery;

#[Object]
impl TrainingQuery {
    /// Referrals the viewer may see: a prescriber, their own; a training
    /// provider, those in their sessions and cohorts; coordinators, all.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Prescriber, Role::Trainer])")]
    async fn referrals(
        &self,
        ctx: &Context<'_>,
        status: Option<ReferralStatus>,
    ) -> async_graphql::Result<Vec<ReferralNode>> {
        let viewer = context::staff(ctx)?;
        let found = training::list(&context::state(ctx).db, viewer, status)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(ReferralNode::from).collect())
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Prescriber, Role::Trainer])")]
    async fn referral(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<ReferralNode> {
        let viewer = context::staff(ctx)?;
        let found = training::get(&context::state(ctx).db, viewer, context::parse_id(&id)?)
            .await
            .map_err(from_service)?;
        Ok(found.into())
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn info_sessions(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<InfoSessionNode>> {
        let viewer = context::staff(ctx)?;
        let found = training::sessions(&context::state(ctx).db, viewer)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(InfoSessionNode::from).collect())
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn cohorts(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CohortNode>> {
        let viewer = context::staff(ctx)?;
        let found = cohorts::list(&context::state(ctx).db, viewer)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(CohortNode::from).collect())
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn cohort(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<CohortNode> {
        let viewer = context::staff(ctx)?;
        let found = cohorts::get(&context::state(ctx).db, viewer, context::parse_id(&id)?)
            .await
            .map_err(from_service)?;
        Ok(found.into())
    }

    /// Learners to phone about the modules starting in `[from, to)`
    /// (the client passes tomorrow in its own time zone).
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn reminders(
        &self,
        ctx: &Context<'_>,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> async_graphql::Result<Vec<ReminderNode>> {
        let viewer = context::staff(ctx)?;
        let found = cohorts::reminders(&context::state(ctx).db, viewer, from, to)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(ReminderNode::from).collect())
    }
}
