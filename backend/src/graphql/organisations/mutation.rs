use async_graphql::{Context, ID, Object};
use shared_types::{OrganisationChanges, Role};

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::organisations::{self, NewOrganisation},
};

use super::types::{CreateOrganisationInput, OrganisationNode};

#[derive(Default)]
pub struct OrganisationsMutation;

#[Object]
impl OrganisationsMutation {
    /// Adds a partner organisation to the coordinator's programme.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn create_organisation(
        &self,
        ctx: &Context<'_>,
        input: CreateOrganisationInput,
    ) -> async_graphql::Result<OrganisationNode> {
        let viewer = context::staff(ctx)?;
        let new = NewOrganisation {
            name: input.name,
            kind: input.kind,
            phone: input.phone,
        };
        let created = organisations::create(&context::state(ctx).db, viewer.programme_id, new)
            .await
            .map_err(from_service)?;
        Ok(OrganisationNode(created))
    }

    /// Corrects a partner organisation's name or phone.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn update_organisation(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: OrganisationChanges,
    ) -> async_graphql::Result<OrganisationNode> {
        let viewer = context::staff(ctx)?;
        let updated = organisations::update(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            input,
        )
        .await
        .map_err(from_service)?;
        Ok(OrganisationNode(updated))
    }
}
