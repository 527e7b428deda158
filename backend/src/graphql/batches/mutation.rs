use async_graphql::{Context, ID, Object};
use shared_types::Role;

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::batches::{self, HandOver},
};

use super::types::{BatchNode, HandOverInput, ReceiveBatchInput};

#[derive(Default)]
pub struct BatchesMutation;

#[Object]
impl BatchesMutation {
    /// The collector hands pickups in storage to a refurbisher as one batch.
    #[graphql(guard = "RoleGuard::any(&[Role::CollectionAgent])")]
    async fn hand_over_batch(
        &self,
        ctx: &Context<'_>,
        input: HandOverInput,
    ) -> async_graphql::Result<BatchNode> {
        let viewer = context::staff(ctx)?;
        let hand_over = HandOver {
            pickup_ids: input
                .pickup_ids
                .iter()
                .map(context::parse_id)
                .collect::<Result<_, _>>()?,
            refurbisher_id: context::parse_id(&input.refurbisher_id)?,
            notes: input.notes,
        };
        let batch = batches::hand_over(&context::state(ctx).db, viewer, hand_over)
            .await
            .map_err(from_service)?;
        Ok(BatchNode(batch))
    }

    /// The refurbisher confirms receipt with what they counted; a difference
    /// with what was sent is kept and flagged (`mismatch`).
    #[graphql(guard = "RoleGuard::any(&[Role::Refurbisher])")]
    async fn receive_batch(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ReceiveBatchInput,
    ) -> async_graphql::Result<BatchNode> {
        let viewer = context::staff(ctx)?;
        let batch = batches::receive(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            input.counts,
            input.notes,
        )
        .await
        .map_err(from_service)?;
        Ok(BatchNode(batch))
    }
}
