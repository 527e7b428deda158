use async_graphql::{Context, ID, Object};
use chrono::NaiveDate;
use shared_types::{BatchStatus, OrganisationKind, Role};

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service, organisations::types::OrganisationNode},
    services::{batches, organisations},
};

use super::types::{BatchNode, YieldNode};

#[derive(Default)]
pub struct BatchesQuery;

#[Object]
impl BatchesQuery {
    /// Batches the viewer's organisation sent or received (coordinators: all).
    #[graphql(
        guard = "RoleGuard::any(&[Role::Coordinator, Role::CollectionAgent, Role::Refurbisher])"
    )]
    async fn batches(
        &self,
        ctx: &Context<'_>,
        status: Option<BatchStatus>,
    ) -> async_graphql::Result<Vec<BatchNode>> {
        let viewer = context::staff(ctx)?;
        let found = batches::list(&context::state(ctx).db, viewer, status)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(BatchNode).collect())
    }

    #[graphql(
        guard = "RoleGuard::any(&[Role::Coordinator, Role::CollectionAgent, Role::Refurbisher])"
    )]
    async fn batch(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<BatchNode> {
        let viewer = context::staff(ctx)?;
        let found = batches::get(&context::state(ctx).db, viewer, context::parse_id(&id)?)
            .await
            .map_err(from_service)?;
        Ok(BatchNode(found))
    }

    /// The refurbishers of the programme, to hand a batch to.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::CollectionAgent])")]
    async fn refurbishers(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<OrganisationNode>> {
        let viewer = context::staff(ctx)?;
        let all = organisations::list(&context::state(ctx).db, viewer)
            .await
            .map_err(from_service)?;
        Ok(all
            .into_iter()
            .filter(|o| o.kind == OrganisationKind::Refurbisher)
            .map(OrganisationNode)
            .collect())
    }

    /// The refurbisher's yield over the batches received from `from` to `to`
    /// (both included). Refurbishers see their own; coordinators one or all.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Refurbisher])")]
    async fn refurbisher_yield(
        &self,
        ctx: &Context<'_>,
        from: NaiveDate,
        to: NaiveDate,
        refurbisher_id: Option<ID>,
    ) -> async_graphql::Result<YieldNode> {
        let viewer = context::staff(ctx)?;
        let refurbisher_id = refurbisher_id.as_ref().map(context::parse_id).transpose()?;
        let found =
            batches::period_yield(&context::state(ctx).db, viewer, from, to, refurbisher_id)
                .await
                .map_err(from_service)?;
        Ok(found.into())
    }
}
