use async_graphql::{Context, ID, Object};
use shared_types::{DeviceStatus, Role};

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::devices::{self, DeviceFilter},
};

use super::types::DeviceNode;
use crate::graphql::page::PageNode;

#[derive(Default)]
pub struct DevicesQuery;

#[Object]
impl DevicesQuery {
    /// Devices in the refurbisher's hands (coordinators: all), newest tags first.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Refurbisher])")]
    async fn devices(
        &self,
        ctx: &Context<'_>,
        status: Option<DeviceStatus>,
        batch_id: Option<ID>,
        #[graphql(desc = "A tag, or words of the brand, model or serial.")] search: Option<String>,
        #[graphql(default = 0)] offset: u64,
        #[graphql(default = 50, desc = "At most 100.")] limit: u64,
    ) -> async_graphql::Result<PageNode<DeviceNode>> {
        let viewer = context::staff(ctx)?;
        let filter = DeviceFilter {
            status,
            batch_id: batch_id.as_ref().map(context::parse_id).transpose()?,
            search: search.filter(|s| !s.trim().is_empty()),
        };
        let page = devices::list(&context::state(ctx).db, viewer, filter, offset, limit)
            .await
            .map_err(from_service)?;
        Ok(PageNode::of(page, DeviceNode))
    }

    async fn device(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<DeviceNode> {
        let viewer = context::staff(ctx)?;
        let found = devices::get(&context::state(ctx).db, viewer, context::parse_id(&id)?)
            .await
            .map_err(from_service)?;
        Ok(DeviceNode(found))
    }

    /// The device with this tag, as read from its QR label or typed
    /// ("psl 2026 42" works). Any signed-in member of the programme.
    async fn device_by_tag(
        &self,
        ctx: &Context<'_>,
        tag: String,
    ) -> async_graphql::Result<DeviceNode> {
        let viewer = context::staff(ctx)?;
        let found = devices::by_tag(&context::state(ctx).db, viewer, &tag)
            .await
            .map_err(from_service)?;
        Ok(DeviceNode(found))
    }
}
