use async_graphql::{Context, ID, Object};
use shared_types::{Role, device::DeviceCorrection};

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::devices::{
        self, Move, NewDevice, NewMedium,
        erasure::{self, NewErasure},
    },
};

use super::types::{
    CreateDeviceInput, DeviceMoveOutcome, DeviceNode, ErasureInput, ErasureNode, MediumInput,
    MediumNode, MoveDeviceInput,
};

#[derive(Default)]
pub struct DevicesMutation;

fn medium(input: MediumInput) -> NewMedium {
    NewMedium {
        kind: input.kind,
        capacity_gb: input.capacity_gb,
        serial: input.serial,
    }
}

#[Object]
impl DevicesMutation {
    /// Records a device from a received batch (or a purchase, which the
    /// collector may record too), with its storage media. It starts as
    /// RECEIVED with a new tag.
    #[graphql(
        guard = "RoleGuard::any(&[Role::Coordinator, Role::Refurbisher, Role::CollectionAgent])"
    )]
    async fn create_device(
        &self,
        ctx: &Context<'_>,
        input: CreateDeviceInput,
    ) -> async_graphql::Result<DeviceNode> {
        let viewer = context::staff(ctx)?;
        let new = NewDevice {
            tag: input.tag,
            kind: input.kind,
            brand: input.brand,
            model: input.model,
            serial: input.serial,
            cpu: input.cpu,
            ram_gb: input.ram_gb,
            storage_gb: input.storage_gb,
            screen_inches: input.screen_inches,
            operating_system: input.operating_system,
            source: input.source,
            batch_id: input.batch_id.as_ref().map(context::parse_id).transpose()?,
            pickup_id: input
                .pickup_id
                .as_ref()
                .map(context::parse_id)
                .transpose()?,
            supplier: input.supplier,
            price_euros: input.price_euros,
            purchased_on: input.purchased_on,
            funder: input.funder,
            refurbisher_id: input
                .refurbisher_id
                .as_ref()
                .map(context::parse_id)
                .transpose()?,
            notes: input.notes,
            media: input.media.into_iter().map(medium).collect(),
            received_on: input.received_on,
        };
        let created = devices::create(&context::state(ctx).db, viewer, new)
            .await
            .map_err(from_service)?;
        Ok(DeviceNode(created))
    }

    /// Corrects a device's record (specs, grade, serial, notes): coordinators,
    /// and the workshop while it has the device in hand or ready.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Refurbisher])")]
    async fn correct_device(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: DeviceCorrection,
    ) -> async_graphql::Result<DeviceNode> {
        let viewer = context::staff(ctx)?;
        let corrected = devices::correct(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            input,
        )
        .await
        .map_err(from_service)?;
        Ok(DeviceNode(corrected))
    }

    /// Moves several devices the same way (a whole batch into
    /// refurbishment), each under the rules of `moveDevice`; one refused
    /// does not stop the others, and its outcome says why.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Refurbisher])")]
    async fn move_devices(
        &self,
        ctx: &Context<'_>,
        ids: Vec<ID>,
        input: MoveDeviceInput,
    ) -> async_graphql::Result<Vec<DeviceMoveOutcome>> {
        let viewer = context::staff(ctx)?;
        let ids = ids
            .iter()
            .map(context::parse_id)
            .collect::<Result<Vec<_>, _>>()?;
        let step = Move::from(input);
        let outcomes = devices::transition_many(&context::state(ctx).db, viewer, ids, step)
            .await
            .map_err(from_service)?;
        Ok(outcomes
            .into_iter()
            .map(|(id, outcome)| match outcome {
                Ok(device) => DeviceMoveOutcome {
                    device_id: ID(id.to_string()),
                    device: Some(DeviceNode(device)),
                    code: None,
                },
                Err(code) => DeviceMoveOutcome {
                    device_id: ID(id.to_string()),
                    device: None,
                    code: Some(code.as_str().to_string()),
                },
            })
            .collect())
    }

    /// Moves a device along its lifecycle; an illegal move is refused with
    /// `TRANSITION_NOT_ALLOWED`, "ready" without erasure with `ERASURE_MISSING`.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Refurbisher])")]
    async fn move_device(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: MoveDeviceInput,
    ) -> async_graphql::Result<DeviceNode> {
        let viewer = context::staff(ctx)?;
        let step = Move::from(input);
        let moved = devices::transition(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            step,
        )
        .await
        .map_err(from_service)?;
        Ok(DeviceNode(moved))
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Refurbisher])")]
    async fn add_storage_medium(
        &self,
        ctx: &Context<'_>,
        device_id: ID,
        input: MediumInput,
    ) -> async_graphql::Result<Vec<MediumNode>> {
        let viewer = context::staff(ctx)?;
        let media = erasure::add_medium(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&device_id)?,
            medium(input),
        )
        .await
        .map_err(from_service)?;
        Ok(media.into_iter().map(MediumNode::from).collect())
    }

    /// Records the erasure of one storage medium (a failed one too: it is kept).
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Refurbisher])")]
    async fn record_erasure(
        &self,
        ctx: &Context<'_>,
        device_id: ID,
        input: ErasureInput,
    ) -> async_graphql::Result<ErasureNode> {
        let viewer = context::staff(ctx)?;
        let new = NewErasure {
            medium_id: context::parse_id(&input.medium_id)?,
            method: input.method,
            tool: input.tool,
            erased_on: input.erased_on,
            operator: input.operator,
            passed: input.passed,
        };
        let recorded = erasure::record(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&device_id)?,
            new,
        )
        .await
        .map_err(from_service)?;
        Ok(recorded.into())
    }
}
