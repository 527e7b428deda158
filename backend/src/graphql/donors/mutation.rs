use async_graphql::{Context, ID, Object};
use shared_types::Role;

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::donors::{self, OnDuplicate},
};

use super::types::{DonorInput, DonorNode};

#[derive(Default)]
pub struct DonorsMutation;

#[Object]
impl DonorsMutation {
    /// Records a donor. A donor with the same name and postcode is refused
    /// with `DONOR_POSSIBLE_DUPLICATE` unless `confirmNotDuplicate` is true
    /// (the person looked and it is another donor).
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::CollectionAgent])")]
    async fn create_donor(
        &self,
        ctx: &Context<'_>,
        input: DonorInput,
        #[graphql(default = false)] confirm_not_duplicate: bool,
    ) -> async_graphql::Result<DonorNode> {
        let viewer = context::staff(ctx)?;
        let on_duplicate = if confirm_not_duplicate {
            OnDuplicate::CreateAnyway
        } else {
            OnDuplicate::Refuse
        };
        let donor = donors::create(
            &context::state(ctx).db,
            viewer.programme_id,
            input.into(),
            on_duplicate,
        )
        .await
        .map_err(from_service)?;
        Ok(DonorNode(donor))
    }

    /// Corrects a donor's details (same duplicate rule as creating one).
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::CollectionAgent])")]
    async fn update_donor(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: DonorInput,
        #[graphql(default = false)] confirm_not_duplicate: bool,
    ) -> async_graphql::Result<DonorNode> {
        let viewer = context::staff(ctx)?;
        let donor = donors::update(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            input.into(),
            confirm_not_duplicate,
        )
        .await
        .map_err(from_service)?;
        Ok(DonorNode(donor))
    }
}
