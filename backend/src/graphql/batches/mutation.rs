use async_graphql::{Context, ID, Object};
use chrono::NaiveDate;
use shared_types::{Role, pickup::BulkRecycling};

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::batches::{self, HandOver, recycling},
};

use super::types::{BatchNode, HandOverInput, ReceiveBatchInput, RecyclingEntryNode};

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
            on: input.handed_over_on,
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
            input.received_on,
        )
        .await
        .map_err(from_service)?;
        Ok(BatchNode(batch))
    }

    /// Records material of a received batch sent to recycling in bulk
    /// (category, count, kg), with no device record per item.
    #[graphql(guard = "RoleGuard::any(&[Role::Refurbisher, Role::Coordinator])")]
    async fn record_bulk_recycling(
        &self,
        ctx: &Context<'_>,
        batch_id: ID,
        #[graphql(desc = "The day it went to recycling.")] recycled_on: NaiveDate,
        input: BulkRecycling,
    ) -> async_graphql::Result<RecyclingEntryNode> {
        let viewer = context::staff(ctx)?;
        let saved = recycling::record(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&batch_id)?,
            recycled_on,
            input,
        )
        .await
        .map_err(from_service)?;
        Ok(saved.into())
    }

    /// Takes back a bulk recycling entry made by mistake (the audit log
    /// keeps it); answers the batch.
    #[graphql(guard = "RoleGuard::any(&[Role::Refurbisher, Role::Coordinator])")]
    async fn remove_bulk_recycling(
        &self,
        ctx: &Context<'_>,
        id: ID,
    ) -> async_graphql::Result<BatchNode> {
        let viewer = context::staff(ctx)?;
        let db = &context::state(ctx).db;
        let batch_id = recycling::remove(db, viewer, context::parse_id(&id)?)
            .await
            .map_err(from_service)?;
        let batch = batches::get(db, viewer, batch_id)
            .await
            .map_err(from_service)?;
        Ok(BatchNode(batch))
    }
}
