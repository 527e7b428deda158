use async_graphql::{Context, Object};
use shared_types::Role;

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::donors,
};

use super::types::{DonorNode, DonorPage};

#[derive(Default)]
pub struct DonorsQuery;

#[Object]
impl DonorsQuery {
    /// The programme's donors, by name. `search` matches words of the name,
    /// city or postcode, ignoring accents and case.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::CollectionAgent])")]
    async fn donors(
        &self,
        ctx: &Context<'_>,
        search: Option<String>,
        #[graphql(default = 0)] offset: u64,
        #[graphql(default = 50, desc = "At most 100.")] limit: u64,
    ) -> async_graphql::Result<DonorPage> {
        let viewer = context::staff(ctx)?;
        let page = donors::list(
            &context::state(ctx).db,
            viewer,
            search.as_deref(),
            offset,
            limit,
        )
        .await
        .map_err(from_service)?;
        Ok(DonorPage {
            items: page.items.into_iter().map(DonorNode).collect(),
            total: page.total,
        })
    }
}
