use async_graphql::{Context, ID, Object};
use shared_types::Role;

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::pickups::{self, PickupFilter},
};

use super::types::{PickupFilterInput, PickupNode, StockNode};
use crate::graphql::page::PageNode;

#[derive(Default)]
pub struct PickupsQuery;

#[Object]
impl PickupsQuery {
    /// Pickups the viewer may see: an agent, their organisation's; a
    /// coordinator, all (or one collector's). Planned ones first.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::CollectionAgent])")]
    async fn pickups(
        &self,
        ctx: &Context<'_>,
        #[graphql(default)] filter: PickupFilterInput,
        #[graphql(default = 0)] offset: u64,
        #[graphql(default = 50, desc = "At most 100.")] limit: u64,
    ) -> async_graphql::Result<PageNode<PickupNode>> {
        let viewer = context::staff(ctx)?;
        let filter = PickupFilter {
            status: filter.status,
            organisation_id: filter
                .organisation_id
                .as_ref()
                .map(context::parse_id)
                .transpose()?,
            donor_id: filter
                .donor_id
                .as_ref()
                .map(context::parse_id)
                .transpose()?,
            in_storage: filter.in_storage,
        };
        let page = pickups::list(&context::state(ctx).db, viewer, filter, offset, limit)
            .await
            .map_err(from_service)?;
        Ok(PageNode::of(page, PickupNode))
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::CollectionAgent])")]
    async fn pickup(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<PickupNode> {
        let viewer = context::staff(ctx)?;
        let found = pickups::get(&context::state(ctx).db, viewer, context::parse_id(&id)?)
            .await
            .map_err(from_service)?;
        Ok(PickupNode(found))
    }

    /// Collected material still in storage at the collector, by category.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::CollectionAgent])")]
    async fn pickup_stock(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Coordinators only: one collector's stock (default: all).")]
        organisation_id: Option<ID>,
    ) -> async_graphql::Result<StockNode> {
        let viewer = context::staff(ctx)?;
        let organisation_id = organisation_id
            .as_ref()
            .map(context::parse_id)
            .transpose()?;
        let stock = pickups::stock(&context::state(ctx).db, viewer, organisation_id)
            .await
            .map_err(from_service)?;
        Ok(stock.into())
    }
}
