use async_graphql::{Context, ID, InputObject, Object, SimpleObject, dataloader::DataLoader};
use chrono::{DateTime, Utc};
use shared_types::{
    ErrorCode, PickupStatus,
    pickup::{ItemSerial, MaterialCount},
};

use crate::{
    graphql::{
        context,
        donors::types::{DonorInput, DonorNode},
        error::{coded, from_service},
        loaders::{DonorByIdLoader, OrganisationByIdLoader},
        organisations::types::OrganisationNode,
    },
    services::pickups::{self, Location, Pickup, Stock, photos::Photo},
};

pub struct PickupNode(pub Pickup);

/// Material taken from a donor by a collector, planned ahead or logged after the fact.
#[Object(name = "Pickup")]
impl PickupNode {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn status(&self) -> PickupStatus {
        self.0.status
    }
    /// When a planned pickup is due.
    async fn scheduled_for(&self) -> Option<DateTime<Utc>> {
        self.0.scheduled_for
    }
    async fn collected_at(&self) -> Option<DateTime<Utc>> {
        self.0.collected_at
    }
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    /// Total weight of what was taken, in kilograms.
    async fn weight_kg(&self) -> Option<f64> {
        self.0.weight_grams.map(|g| g as f64 / 1000.0)
    }
    /// Items taken per category (categories with none are left out).
    async fn counts(&self) -> &[MaterialCount] {
        &self.0.counts
    }
    async fn item_count(&self) -> i64 {
        self.0.item_count()
    }
    async fn serials(&self) -> &[ItemSerial] {
        &self.0.serials
    }
    async fn location(&self) -> Option<LocationNode> {
        self.0.location.map(LocationNode::from)
    }
    /// The donor's signature: strokes of points `[x0, y0, x1, y1, …]` on a 600 × 240 pad.
    async fn signature(&self) -> &[Vec<i32>] {
        &self.0.signature
    }
    async fn signed_by(&self) -> Option<&str> {
        self.0.signed_by.as_deref()
    }
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }
    async fn cancel_reason(&self) -> Option<&str> {
        self.0.cancel_reason.as_deref()
    }
    async fn created_at(&self) -> DateTime<Utc> {
        self.0.created_at
    }
    async fn donor(&self, ctx: &Context<'_>) -> async_graphql::Result<DonorNode> {
        ctx.data_unchecked::<DataLoader<DonorByIdLoader>>()
            .load_one(self.0.donor_id)
            .await?
            .map(DonorNode)
            .ok_or_else(|| coded(ErrorCode::NotFound))
    }
    /// The collector holding the material.
    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<OrganisationNode> {
        ctx.data_unchecked::<DataLoader<OrganisationByIdLoader>>()
            .load_one(self.0.organisation_id)
            .await?
            .map(OrganisationNode)
            .ok_or_else(|| coded(ErrorCode::NotFound))
    }
    async fn photos(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<PhotoNode>> {
        let viewer = context::staff(ctx)?;
        let found = pickups::photos::of_pickup(&context::state(ctx).db, viewer, self.0.id)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(PhotoNode).collect())
    }
}

#[derive(SimpleObject)]
#[graphql(name = "Location")]
pub struct LocationNode {
    pub latitude: f64,
    pub longitude: f64,
    /// How far off the phone said the position could be, in metres.
    pub accuracy_m: Option<f64>,
}

impl From<Location> for LocationNode {
    fn from(l: Location) -> LocationNode {
        LocationNode {
            latitude: l.latitude,
            longitude: l.longitude,
            accuracy_m: l.accuracy_m,
        }
    }
}

pub struct PhotoNode(pub Photo);

/// A photo taken at a pickup. Its image is at `url`, for signed-in viewers of the pickup.
#[Object(name = "PickupPhoto")]
impl PhotoNode {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn url(&self) -> String {
        format!("/api/photos/{}", self.0.id)
    }
    async fn content_type(&self) -> &str {
        &self.0.content_type
    }
    async fn bytes(&self) -> i64 {
        self.0.bytes
    }
    async fn width(&self) -> i32 {
        self.0.width
    }
    async fn height(&self) -> i32 {
        self.0.height
    }
}

#[derive(SimpleObject)]
#[graphql(name = "PickupStock")]
pub struct StockNode {
    /// Items in storage per category.
    pub counts: Vec<MaterialCount>,
    pub weight_kg: f64,
    /// How many pickups the stock comes from.
    pub pickups: u64,
}

impl From<Stock> for StockNode {
    fn from(stock: Stock) -> StockNode {
        StockNode {
            counts: stock.counts,
            weight_kg: stock.weight_grams as f64 / 1000.0,
            pickups: stock.pickups,
        }
    }
}

#[derive(InputObject)]
pub struct LocationInput {
    pub latitude: f64,
    pub longitude: f64,
    pub accuracy_m: Option<f64>,
}

/// A pickup as the agent's phone sends it. `clientUuid` is made by the phone
/// when the form is started; sending the same pickup again is harmless.
#[derive(InputObject)]
pub struct RecordPickupInput {
    pub client_uuid: uuid::Uuid,
    /// An existing donor…
    pub donor_id: Option<ID>,
    /// …or one typed on the spot (reused if one with the same name and postcode exists).
    pub new_donor: Option<DonorInput>,
    /// The planned pickup this completes, if any.
    pub scheduled_pickup_id: Option<ID>,
    pub collected_at: DateTime<Utc>,
    /// Where the material was taken, when not at the donor's address.
    pub address: Option<String>,
    pub counts: Vec<MaterialCount>,
    #[graphql(default)]
    pub serials: Vec<ItemSerial>,
    pub weight_kg: f64,
    pub location: Option<LocationInput>,
    /// Strokes of points `[x0, y0, x1, y1, …]` on a 600 × 240 pad.
    #[graphql(default)]
    pub signature: Vec<Vec<i32>>,
    pub signed_by: Option<String>,
    pub notes: Option<String>,
}

#[derive(InputObject)]
pub struct SchedulePickupInput {
    pub donor_id: ID,
    pub scheduled_for: DateTime<Utc>,
    pub address: Option<String>,
    pub notes: Option<String>,
}

/// A collected pickup's material, corrected (a miscount noticed at the depot).
#[derive(InputObject)]
pub struct CorrectPickupInput {
    pub counts: Vec<MaterialCount>,
    #[graphql(default)]
    pub serials: Vec<ItemSerial>,
    pub weight_kg: f64,
    pub address: Option<String>,
    pub notes: Option<String>,
}

/// Which pickups to list.
#[derive(InputObject, Default)]
pub struct PickupFilterInput {
    pub status: Option<PickupStatus>,
    /// Coordinators only: one collector's pickups.
    pub organisation_id: Option<ID>,
    pub donor_id: Option<ID>,
    /// Only what is still in storage (collected, not handed over).
    #[graphql(default)]
    pub in_storage: bool,
}
