use async_graphql::{Context, Object};
use shared_types::Role;

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::organisations,
};

use super::types::OrganisationNode;

#[derive(Default)]
pub struct OrganisationsQuery;

#[Object]
impl OrganisationsQuery {
    /// The partner organisations of the coordinator's programme.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn organisations(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<OrganisationNode>> {
        let viewer = context::staff(ctx)?;
        let list = organisations::list(&context::state(ctx).db, viewer)
            .await
            .map_err(from_service)?;
        Ok(list.into_iter().map(OrganisationNode).collect())
    }
}
