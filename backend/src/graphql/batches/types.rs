use async_graphql::{Context, ID, InputObject, Object, SimpleObject, dataloader::DataLoader};
use chrono::{DateTime, NaiveDate, Utc};
use shared_types::{BatchStatus, ErrorCode, MaterialCategory, pickup::MaterialCount};

use crate::{
    graphql::{
        context,
        error::{coded, from_service},
        loaders::OrganisationByIdLoader,
        organisations::types::OrganisationNode,
    },
    services::batches::{
        self, Batch, BatchPickup, Yield,
        recycling::{self, RecyclingEntry},
    },
};

pub struct BatchNode(pub Batch);

/// Material a collector handed to a refurbisher.
#[Object(name = "Batch")]
impl BatchNode {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    /// "Lot 12": numbered in the programme.
    async fn number(&self) -> i64 {
        self.0.number
    }
    async fn status(&self) -> BatchStatus {
        self.0.status
    }
    async fn handed_over_at(&self) -> DateTime<Utc> {
        self.0.handed_over_at
    }
    async fn received_at(&self) -> Option<DateTime<Utc>> {
        self.0.received_at
    }
    async fn weight_kg(&self) -> f64 {
        self.0.weight_grams as f64 / 1000.0
    }
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }
    /// Per category: sent by the collector, and counted by the refurbisher at receipt.
    async fn counts(&self) -> Vec<BatchCountNode> {
        self.0
            .counts
            .iter()
            .map(|c| BatchCountNode {
                category: c.category,
                sent: c.sent,
                received: c.received,
            })
            .collect()
    }
    /// Received with a count that differs from what was sent.
    async fn mismatch(&self) -> bool {
        self.0.mismatch()
    }
    async fn collector(&self, ctx: &Context<'_>) -> async_graphql::Result<OrganisationNode> {
        organisation(ctx, self.0.collector_id).await
    }
    async fn refurbisher(&self, ctx: &Context<'_>) -> async_graphql::Result<OrganisationNode> {
        organisation(ctx, self.0.refurbisher_id).await
    }
    /// The pickups the batch was made of, with their donors.
    async fn pickups(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<BatchPickupNode>> {
        let viewer = context::staff(ctx)?;
        let found = batches::pickups_of(&context::state(ctx).db, viewer, self.0.id)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(BatchPickupNode::from).collect())
    }
    /// What was recycled from it in bulk (no device record per item).
    async fn bulk_recycling(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<RecyclingEntryNode>> {
        let viewer = context::staff(ctx)?;
        let found = recycling::of_batch(&context::state(ctx).db, viewer, self.0.id)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(RecyclingEntryNode::from).collect())
    }
    /// What the refurbisher gave back from this batch.
    #[graphql(name = "yield")]
    async fn batch_yield(&self, ctx: &Context<'_>) -> async_graphql::Result<YieldNode> {
        let viewer = context::staff(ctx)?;
        let found = batches::batch_yield(&context::state(ctx).db, viewer, self.0.id)
            .await
            .map_err(from_service)?;
        Ok(found.into())
    }
}

async fn organisation(
    ctx: &Context<'_>,
    id: uuid::Uuid,
) -> async_graphql::Result<OrganisationNode> {
    ctx.data_unchecked::<DataLoader<OrganisationByIdLoader>>()
        .load_one(id)
        .await?
        .map(OrganisationNode)
        .ok_or_else(|| coded(ErrorCode::NotFound))
}

#[derive(SimpleObject)]
#[graphql(name = "BatchCount")]
pub struct BatchCountNode {
    pub category: MaterialCategory,
    pub sent: i64,
    pub received: Option<i64>,
}

#[derive(SimpleObject)]
#[graphql(name = "BatchPickup")]
pub struct BatchPickupNode {
    pub id: ID,
    pub donor_id: ID,
    pub donor_name: String,
    pub collected_at: Option<DateTime<Utc>>,
    pub items: i64,
}

impl From<BatchPickup> for BatchPickupNode {
    fn from(p: BatchPickup) -> BatchPickupNode {
        BatchPickupNode {
            id: ID(p.id.to_string()),
            donor_id: ID(p.donor_id.to_string()),
            donor_name: p.donor_name,
            collected_at: p.collected_at,
            items: p.items,
        }
    }
}

/// What a refurbisher gave back from what they received.
#[derive(SimpleObject)]
#[graphql(name = "RefurbisherYield")]
pub struct YieldNode {
    /// Items counted at receipt (sent, where not counted).
    pub received_items: i64,
    pub received_kg: f64,
    /// Device records made.
    pub devices: i64,
    /// Devices that reached "ready", including those since given out.
    pub ready: i64,
    /// Device records recycled.
    pub recycled: i64,
    /// Items recycled in bulk, with no device record each.
    pub recycled_in_bulk: i64,
    /// Weight recycled, device records and bulk together.
    pub recycled_kg: f64,
    /// Ready devices per received item, in percent (one decimal).
    pub ready_share_percent: f64,
    /// The return share agreed with the refurbisher, in percent.
    pub agreed_share_percent: f64,
}

impl From<Yield> for YieldNode {
    fn from(y: Yield) -> YieldNode {
        YieldNode {
            received_items: y.received_items,
            received_kg: y.received_grams as f64 / 1000.0,
            devices: y.devices,
            ready: y.ready,
            recycled: y.recycled,
            recycled_in_bulk: y.recycled_in_bulk,
            recycled_kg: y.recycled_grams as f64 / 1000.0,
            ready_share_percent: y.ready_share_percent,
            agreed_share_percent: y.agreed_share_percent,
        }
    }
}

/// Material of a batch recycled in bulk.
#[derive(SimpleObject)]
#[graphql(name = "BulkRecycling")]
pub struct RecyclingEntryNode {
    pub id: ID,
    pub category: MaterialCategory,
    /// 0 when only weighed.
    pub count: i64,
    pub weight_kg: f64,
    /// The day it went to recycling.
    pub recycled_on: NaiveDate,
}

impl From<RecyclingEntry> for RecyclingEntryNode {
    fn from(e: RecyclingEntry) -> RecyclingEntryNode {
        RecyclingEntryNode {
            id: ID(e.id.to_string()),
            category: e.category,
            count: e.count,
            weight_kg: e.weight_grams as f64 / 1000.0,
            recycled_on: e.recycled_on,
        }
    }
}

#[derive(InputObject)]
pub struct HandOverInput {
    /// Pickups in storage at the agent's organisation.
    pub pickup_ids: Vec<ID>,
    pub refurbisher_id: ID,
    pub notes: Option<String>,
    /// The day it was handed over, when entered later (today by default).
    pub handed_over_on: Option<chrono::NaiveDate>,
}

#[derive(InputObject)]
pub struct ReceiveBatchInput {
    /// What was counted on arrival, per category.
    pub counts: Vec<MaterialCount>,
    pub notes: Option<String>,
    /// The day it arrived, when entered later (today by default).
    pub received_on: Option<chrono::NaiveDate>,
}
