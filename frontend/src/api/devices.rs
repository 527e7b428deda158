//! Devices: the list, one device by its tag, and what the refurbisher records.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shared_types::{
    DeviceSource, DeviceStatus, ErasureMethod, Grade, MaterialCategory, MediumKind, Page,
};

use super::{ApiError, OnRecord, WithInput, request};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceRow {
    pub id: String,
    pub tag: String,
    pub kind: MaterialCategory,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub status: DeviceStatus,
    pub grade: Option<Grade>,
}

#[derive(Deserialize)]
struct DevicesData {
    devices: Page<DeviceRow>,
}

pub async fn list(
    status: Option<DeviceStatus>,
    search: String,
    offset: u64,
) -> Result<Page<DeviceRow>, ApiError> {
    let search = Some(search.trim().to_string()).filter(|s| !s.is_empty());
    let data: DevicesData = request(
        include_str!("../../graphql/devices.graphql"),
        json!({ "status": status, "search": search, "offset": offset, "limit": super::PAGE_SIZE }),
    )
    .await?;
    Ok(data.devices)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    pub from: Option<DeviceStatus>,
    pub to: DeviceStatus,
    pub at: String,
    pub by: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErasureRow {
    pub id: String,
    pub method: ErasureMethod,
    pub tool: String,
    pub erased_on: String,
    pub operator: String,
    pub passed: bool,
    pub report_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Medium {
    pub id: String,
    pub kind: MediumKind,
    pub capacity_gb: Option<i32>,
    pub serial: Option<String>,
    pub erased: bool,
    pub erasures: Vec<ErasureRow>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DeviceDetail {
    pub id: String,
    pub tag: String,
    pub kind: MaterialCategory,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub cpu: Option<String>,
    pub ram_gb: Option<i32>,
    pub storage_gb: Option<i32>,
    pub screen_inches: Option<f64>,
    pub grade: Option<Grade>,
    pub operating_system: Option<String>,
    pub status: DeviceStatus,
    pub next_statuses: Vec<DeviceStatus>,
    pub source: DeviceSource,
    pub supplier: Option<String>,
    pub price_euros: Option<f64>,
    #[serde(default)]
    pub purchased_on: Option<String>,
    #[serde(default)]
    pub funder: Option<String>,
    pub recycled_weight_kg: Option<f64>,
    pub notes: Option<String>,
    pub batch_id: Option<String>,
    pub batch_number: Option<i64>,
    pub donor_name: Option<String>,
    pub history: Vec<Event>,
    pub media: Vec<Medium>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DeviceData {
    device_by_tag: DeviceDetail,
}

pub async fn by_tag(tag: String) -> Result<DeviceDetail, ApiError> {
    let data: DeviceData = request(
        include_str!("../../graphql/device.graphql"),
        json!({ "tag": tag }),
    )
    .await?;
    Ok(data.device_by_tag)
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewMedium {
    pub kind: MediumKind,
    pub capacity_gb: Option<i32>,
    pub serial: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewDevice {
    pub kind: MaterialCategory,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub cpu: Option<String>,
    pub ram_gb: Option<i32>,
    pub storage_gb: Option<i32>,
    pub screen_inches: Option<f64>,
    pub operating_system: Option<String>,
    pub source: DeviceSource,
    pub batch_id: Option<String>,
    pub pickup_id: Option<String>,
    pub supplier: Option<String>,
    pub price_euros: Option<f64>,
    /// For a purchase: the day it was bought, as a date input writes it.
    pub purchased_on: Option<String>,
    pub funder: Option<String>,
    /// For a purchase: the workshop that prepares it.
    pub refurbisher_id: Option<String>,
    pub tag: Option<String>,
    pub media: Vec<NewMedium>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreatedData {
    create_device: Created,
}

#[derive(Deserialize)]
struct Created {
    tag: String,
}

/// Records a device; answers its tag.
pub async fn create(device: NewDevice) -> Result<String, ApiError> {
    let data: CreatedData = request(
        include_str!("../../graphql/create_device.graphql"),
        WithInput { input: device },
    )
    .await?;
    Ok(data.create_device.tag)
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Move {
    pub to: DeviceStatus,
    pub reason: Option<String>,
    pub grade: Option<Grade>,
    pub recycled_weight_kg: Option<f64>,
}

/// What became of one device of a grouped move: refused with `code`, or moved.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MoveOutcome {
    pub device_id: String,
    pub code: Option<String>,
}

#[derive(Serialize)]
struct MoveMany {
    ids: Vec<String>,
    input: Move,
}

/// Moves several devices the same way, each under the server's rules.
pub async fn move_many(ids: Vec<String>, step: Move) -> Result<Vec<MoveOutcome>, ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        move_devices: Vec<MoveOutcome>,
    }
    let data: Data = request(
        include_str!("../../graphql/move_devices.graphql"),
        MoveMany { ids, input: step },
    )
    .await?;
    Ok(data.move_devices)
}

/// Corrects a device's record (specs, grade, serial, notes).
pub async fn correct(
    id: String,
    input: shared_types::device::DeviceCorrection,
) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/correct_device.graphql"),
        OnRecord { id, input },
    )
    .await?;
    Ok(())
}

pub async fn move_to(id: String, step: Move) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/move_device.graphql"),
        OnRecord { id, input: step },
    )
    .await?;
    Ok(())
}

pub async fn add_medium(device_id: String, medium: NewMedium) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/add_storage_medium.graphql"),
        json!({ "deviceId": device_id, "input": medium }),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewErasure {
    pub medium_id: String,
    pub method: ErasureMethod,
    pub tool: String,
    /// ISO date.
    pub erased_on: String,
    pub operator: String,
    pub passed: bool,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErasedData {
    record_erasure: Created2,
}

#[derive(Deserialize)]
struct Created2 {
    id: String,
}

/// Records an erasure; answers its id (to attach the tool's report).
pub async fn record_erasure(device_id: String, erasure: NewErasure) -> Result<String, ApiError> {
    let data: ErasedData = request(
        include_str!("../../graphql/record_erasure.graphql"),
        json!({ "deviceId": device_id, "input": erasure }),
    )
    .await?;
    Ok(data.record_erasure.id)
}
