use async_graphql::{Context, ID, Object};
use shared_types::Role;

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::donors,
};

use super::types::DonorNode;
use crate::graphql::page::PageNode;

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
    ) -> async_graphql::Result<PageNode<DonorNode>> {
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
        Ok(PageNode::of(page, DonorNode))
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::CollectionAgent])")]
    async fn donor(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<DonorNode> {
        let viewer = context::staff(ctx)?;
        let donor = donors::get(&context::state(ctx).db, viewer, context::parse_id(&id)?)
            .await
            .map_err(from_service)?;
        Ok(DonorNode(donor))
    }

    /// Donors already recorded with this name and postcode (accents, case and
    /// spaces ignored): what the form warns about before creating one.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::CollectionAgent])")]
    async fn donor_duplicates(
        &self,
        ctx: &Context<'_>,
        name: String,
        postcode: Option<String>,
        #[graphql(desc = "The donor being edited, never its own duplicate.")] except: Option<ID>,
    ) -> async_graphql::Result<Vec<DonorNode>> {
        let viewer = context::staff(ctx)?;
        let except = except.as_ref().map(context::parse_id).transpose()?;
        let found = donors::possible_duplicates(
            &context::state(ctx).db.conn,
            viewer.programme_id,
            &name,
            postcode.as_deref(),
            except,
        )
        .await
        .map_err(from_service)?;
        Ok(found.into_iter().map(DonorNode).collect())
    }
}
