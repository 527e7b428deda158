use async_graphql::{Context, ID, Object};
use shared_types::Role;

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::pickups::{self, Correction, DonorChoice, Location, PickupInput, PlannedPickup},
};

use super::types::{CorrectPickupInput, PickupNode, RecordPickupInput, SchedulePickupInput};

#[derive(Default)]
pub struct PickupsMutation;

#[Object]
impl PickupsMutation {
    /// Records a collected pickup. Idempotent on `clientUuid`: the same pickup
    /// sent again gives the same answer; other content under the same id is
    /// refused with `PICKUP_CONFLICT`.
    #[graphql(guard = "RoleGuard::any(&[Role::CollectionAgent])")]
    async fn record_pickup(
        &self,
        ctx: &Context<'_>,
        input: RecordPickupInput,
    ) -> async_graphql::Result<PickupNode> {
        let viewer = context::staff(ctx)?;
        let donor = match (input.donor_id, input.new_donor) {
            (Some(id), _) => Some(DonorChoice::Existing(context::parse_id(&id)?)),
            (None, Some(new)) => Some(DonorChoice::New(Box::new(new.into()))),
            (None, None) => None,
        };
        let input = PickupInput {
            client_uuid: input.client_uuid,
            donor,
            scheduled_pickup_id: input
                .scheduled_pickup_id
                .as_ref()
                .map(context::parse_id)
                .transpose()?,
            collected_at: input.collected_at,
            address: input.address,
            counts: input.counts,
            serials: input.serials,
            weight_kg: input.weight_kg,
            location: input.location.map(|l| Location {
                latitude: l.latitude,
                longitude: l.longitude,
                accuracy_m: l.accuracy_m,
            }),
            signature: input.signature,
            signed_by: input.signed_by,
            notes: input.notes,
        };
        let recorded = pickups::record(&context::state(ctx).db, viewer, input)
            .await
            .map_err(from_service)?;
        Ok(PickupNode(recorded))
    }

    /// Plans a pickup with a donor for a later date.
    #[graphql(guard = "RoleGuard::any(&[Role::CollectionAgent])")]
    async fn schedule_pickup(
        &self,
        ctx: &Context<'_>,
        input: SchedulePickupInput,
    ) -> async_graphql::Result<PickupNode> {
        let viewer = context::staff(ctx)?;
        let planned = PlannedPickup {
            donor_id: context::parse_id(&input.donor_id)?,
            scheduled_for: input.scheduled_for,
            address: input.address,
            notes: input.notes,
        };
        let scheduled = pickups::schedule(&context::state(ctx).db, viewer, planned)
            .await
            .map_err(from_service)?;
        Ok(PickupNode(scheduled))
    }

    /// Calls off a planned pickup.
    #[graphql(guard = "RoleGuard::any(&[Role::CollectionAgent])")]
    async fn cancel_pickup(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: Option<String>,
    ) -> async_graphql::Result<PickupNode> {
        let viewer = context::staff(ctx)?;
        let cancelled = pickups::cancel(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            reason,
        )
        .await
        .map_err(from_service)?;
        Ok(PickupNode(cancelled))
    }

    /// Corrects what a collected pickup lists; the agents of its collector only.
    #[graphql(guard = "RoleGuard::any(&[Role::CollectionAgent])")]
    async fn correct_pickup(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: CorrectPickupInput,
    ) -> async_graphql::Result<PickupNode> {
        let viewer = context::staff(ctx)?;
        let correction = Correction {
            counts: input.counts,
            serials: input.serials,
            weight_kg: input.weight_kg,
            address: input.address,
            notes: input.notes,
        };
        let corrected = pickups::correct(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            correction,
        )
        .await
        .map_err(from_service)?;
        Ok(PickupNode(corrected))
    }
}
