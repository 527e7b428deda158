use async_graphql::{Context, Object};
use shared_types::Role;

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::users,
};

use super::types::UserNode;
use crate::graphql::page::PageNode;

#[derive(Default)]
pub struct UsersQuery;

#[Object]
impl UsersQuery {
    /// The signed-in user.
    async fn me(&self, ctx: &Context<'_>) -> async_graphql::Result<UserNode> {
        let viewer = context::staff(ctx)?;
        let account = users::account(&context::state(ctx).db, viewer.id)
            .await
            .map_err(from_service)?;
        Ok(UserNode(account))
    }

    /// The accounts of the coordinator's programme, by name.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn users(
        &self,
        ctx: &Context<'_>,
        #[graphql(default = 0)] offset: u64,
        #[graphql(default = 50, desc = "At most 100.")] limit: u64,
    ) -> async_graphql::Result<PageNode<UserNode>> {
        let viewer = context::staff(ctx)?;
        let page = users::list(&context::state(ctx).db, viewer, offset, limit)
            .await
            .map_err(from_service)?;
        Ok(PageNode::of(page, UserNode))
    }
}
