use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use shared_types::{ReferralStatus, Role};

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service, organisations::types::OrganisationNode},
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

    /// The programme's training providers, to choose who runs a session or
    /// teaches a module.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn training_providers(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<OrganisationNode>> {
        let viewer = context::staff(ctx)?;
        let found = training::providers(&context::state(ctx).db, viewer)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(OrganisationNode).collect())
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

    /// Who read this person's record, and when (latest first): the audit
    /// log of personal data, for coordinators.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        subject_id: ID,
    ) -> async_graphql::Result<Vec<AuditEntryNode>> {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let viewer = context::staff(ctx)?;
        let db = &context::state(ctx).db;
        let entries =
            crate::services::audit::of_subject(db, viewer, context::parse_id(&subject_id)?)
                .await
                .map_err(crate::graphql::error::coded)?;
        let ids: Vec<uuid::Uuid> = entries.iter().filter_map(|e| e.user_id).collect();
        let names: std::collections::HashMap<uuid::Uuid, String> =
            crate::db::entities::user::Entity::find()
                .filter(crate::db::entities::user::Column::Id.is_in(ids))
                .all(&db.conn)
                .await
                .map_err(|_| crate::graphql::error::coded(shared_types::ErrorCode::Internal))?
                .into_iter()
                .map(|u| (u.id, u.display_name))
                .collect();
        Ok(entries
            .into_iter()
            .map(|e| AuditEntryNode {
                at: e.at,
                reader: e.user_id.and_then(|id| names.get(&id).cloned()),
                action: e.action,
                subject_kind: e.subject_kind,
            })
            .collect())
    }
}

/// One read of a person's record.
#[derive(async_graphql::SimpleObject)]
#[graphql(name = "AuditEntry")]
pub struct AuditEntryNode {
    pub at: DateTime<Utc>,
    /// The staff member; null for the household itself (tracking page).
    pub reader: Option<String>,
    pub action: String,
    pub subject_kind: String,
}
