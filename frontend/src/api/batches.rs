//! Batches handed from collectors to refurbishers, and the refurbisher's yield.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shared_types::{
    BatchStatus, DeviceStatus, MaterialCategory,
    pickup::{BulkRecycling, MaterialCount},
};

use super::{ApiError, ById, NoVariables, WithInput, request};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Named {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BatchCount {
    pub category: MaterialCategory,
    pub sent: i64,
    pub received: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchRow {
    pub id: String,
    pub number: i64,
    pub status: BatchStatus,
    pub handed_over_at: String,
    pub received_at: Option<String>,
    pub weight_kg: f64,
    pub mismatch: bool,
    pub counts: Vec<BatchCount>,
    pub collector: Named,
    pub refurbisher: Named,
}

#[derive(Deserialize)]
struct BatchesData {
    batches: Vec<BatchRow>,
}

pub async fn list() -> Result<Vec<BatchRow>, ApiError> {
    let data: BatchesData = request(
        include_str!("../../graphql/batches.graphql"),
        NoVariables {},
    )
    .await?;
    Ok(data.batches)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchPickup {
    pub id: String,
    pub donor_id: String,
    pub donor_name: String,
    pub collected_at: Option<String>,
    pub items: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Yield {
    pub received_items: i64,
    pub received_kg: f64,
    pub devices: i64,
    pub ready: i64,
    pub recycled: i64,
    /// Items recycled in bulk, with no device record each.
    #[serde(default)]
    pub recycled_in_bulk: i64,
    pub recycled_kg: f64,
    pub ready_share_percent: f64,
    pub agreed_share_percent: f64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchDetail {
    pub id: String,
    pub number: i64,
    pub status: BatchStatus,
    pub handed_over_at: String,
    pub received_at: Option<String>,
    pub weight_kg: f64,
    pub notes: Option<String>,
    pub mismatch: bool,
    pub counts: Vec<BatchCount>,
    pub collector: Named,
    pub refurbisher: Named,
    pub pickups: Vec<BatchPickup>,
    /// What was recycled from it in bulk (refurbishers and coordinators).
    #[serde(default)]
    pub bulk_recycling: Vec<RecyclingEntry>,
    #[serde(rename = "yield")]
    pub batch_yield: Option<Yield>,
}

/// Material of a batch recycled in bulk.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecyclingEntry {
    pub id: String,
    pub category: MaterialCategory,
    pub count: i64,
    pub weight_kg: f64,
    pub recycled_on: String,
}

/// The variables of `recordBulkRecycling`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewRecycling {
    pub batch_id: String,
    pub recycled_on: String,
    pub input: BulkRecycling,
}

pub async fn record_recycling(entry: NewRecycling) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/record_bulk_recycling.graphql"),
        entry,
    )
    .await?;
    Ok(())
}

pub async fn remove_recycling(id: String) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/remove_bulk_recycling.graphql"),
        ById { id },
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceSummary {
    pub id: String,
    pub tag: String,
    pub kind: MaterialCategory,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub status: DeviceStatus,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DeviceList {
    pub total: u64,
    pub items: Vec<DeviceSummary>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct BatchWithDevices {
    pub batch: BatchDetail,
    /// Devices made from the batch (refurbishers and coordinators only).
    pub devices: Option<DeviceList>,
}

/// A batch with its devices (refurbishers, coordinators) or without (agents).
pub async fn get(id: String, with_devices: bool) -> Result<BatchWithDevices, ApiError> {
    let document = if with_devices {
        include_str!("../../graphql/batch.graphql")
    } else {
        include_str!("../../graphql/batch_for_agent.graphql")
    };
    request(document, ById { id }).await
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct StoredPickup {
    pub id: String,
    pub collected_at: Option<String>,
    pub weight_kg: Option<f64>,
    pub item_count: i64,
    pub donor: Named,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct StoredPickups {
    pub items: Vec<StoredPickup>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Organisation {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct HandOverChoices {
    pub pickups: StoredPickups,
    pub refurbishers: Vec<Organisation>,
}

/// The programme's workshops (to hand a batch to, or to prepare a purchase).
pub async fn refurbishers() -> Result<Vec<Organisation>, ApiError> {
    #[derive(Deserialize)]
    struct Data {
        refurbishers: Vec<Organisation>,
    }
    let data: Data = request(
        include_str!("../../graphql/refurbishers.graphql"),
        NoVariables {},
    )
    .await?;
    Ok(data.refurbishers)
}

pub async fn hand_over_choices() -> Result<HandOverChoices, ApiError> {
    request(
        include_str!("../../graphql/hand_over.graphql"),
        NoVariables {},
    )
    .await
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HandOver {
    pub pickup_ids: Vec<String>,
    pub refurbisher_id: String,
    pub notes: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct HandedOver {
    hand_over_batch: Created,
}

#[derive(Deserialize)]
struct Created {
    id: String,
}

pub async fn hand_over(input: HandOver) -> Result<String, ApiError> {
    let data: HandedOver = request(
        include_str!("../../graphql/hand_over_batch.graphql"),
        WithInput { input },
    )
    .await?;
    Ok(data.hand_over_batch.id)
}

pub async fn receive(
    id: String,
    counts: Vec<MaterialCount>,
    notes: Option<String>,
) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/receive_batch.graphql"),
        json!({ "id": id, "input": { "counts": counts, "notes": notes } }),
    )
    .await?;
    Ok(())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct YieldData {
    refurbisher_yield: Yield,
}

/// Over the batches received from `from` to `to` (ISO dates, both included).
pub async fn period_yield(from: String, to: String) -> Result<Yield, ApiError> {
    let data: YieldData = request(
        include_str!("../../graphql/refurbisher_yield.graphql"),
        json!({ "from": from, "to": to }),
    )
    .await?;
    Ok(data.refurbisher_yield)
}
