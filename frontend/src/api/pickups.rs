//! Pickups: the list, one pickup, recording (through the outbox), planning,
//! photos and the receipt.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shared_types::{
    Page, PickupStatus,
    pickup::{ItemSerial, MaterialCount},
};

use super::{ApiError, ById, OnRecord, PageArgs, WithInput, files, request};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Named {
    pub id: Option<String>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PickupRow {
    pub id: String,
    pub status: PickupStatus,
    pub scheduled_for: Option<String>,
    pub collected_at: Option<String>,
    pub address: Option<String>,
    pub weight_kg: Option<f64>,
    pub item_count: i64,
    pub counts: Vec<MaterialCount>,
    pub donor: Named,
    pub organisation: Named,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Stock {
    pub pickups: u64,
    pub weight_kg: f64,
    pub counts: Vec<MaterialCount>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Overview {
    pub pickups: Page<PickupRow>,
    pub pickup_stock: Stock,
}

/// The pickups page: the list and the stock, in one request. The first
/// page is kept on the phone, to read with no network (until sign-out).
pub async fn overview(offset: u64) -> Result<super::Kept<Overview>, ApiError> {
    let fetch = request(
        include_str!("../../graphql/pickups.graphql"),
        PageArgs {
            offset,
            limit: super::PAGE_SIZE,
        },
    );
    if offset == 0 {
        super::kept_or_fetch("pickups", fetch).await
    } else {
        fetch.await.map(super::Kept::fresh)
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DonorContact {
    pub id: String,
    pub name: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    pub latitude: f64,
    pub longitude: f64,
    pub accuracy_m: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PhotoRef {
    pub id: String,
    pub url: String,
    pub width: i32,
    pub height: i32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PickupDetail {
    pub id: String,
    pub status: PickupStatus,
    pub scheduled_for: Option<String>,
    pub collected_at: Option<String>,
    pub address: Option<String>,
    pub weight_kg: Option<f64>,
    pub item_count: i64,
    pub counts: Vec<MaterialCount>,
    pub serials: Vec<ItemSerial>,
    pub location: Option<Location>,
    pub signature: Vec<Vec<i32>>,
    pub signed_by: Option<String>,
    pub notes: Option<String>,
    pub cancel_reason: Option<String>,
    pub donor: DonorContact,
    pub organisation: Named,
    pub photos: Vec<PhotoRef>,
}

#[derive(Deserialize)]
struct PickupData {
    pickup: PickupDetail,
}

pub async fn get(id: String) -> Result<PickupDetail, ApiError> {
    let data: PickupData =
        request(include_str!("../../graphql/pickup.graphql"), ById { id }).await?;
    Ok(data.pickup)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RecordData {
    record_pickup: Recorded,
}

#[derive(Deserialize)]
struct Recorded {
    id: String,
}

/// Sends a pickup as kept in the outbox; answers the server's pickup id.
pub async fn record(input: &Value) -> Result<String, ApiError> {
    let data: RecordData = request(
        include_str!("../../graphql/record_pickup.graphql"),
        WithInput { input },
    )
    .await?;
    Ok(data.record_pickup.id)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedPickup {
    pub donor_id: String,
    /// RFC 3339.
    pub scheduled_for: String,
    pub address: Option<String>,
    pub notes: Option<String>,
}

pub async fn schedule(planned: PlannedPickup) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/schedule_pickup.graphql"),
        WithInput { input: planned },
    )
    .await?;
    Ok(())
}

pub async fn cancel(id: String, reason: Option<String>) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/cancel_pickup.graphql"),
        json!({ "id": id, "reason": reason }),
    )
    .await?;
    Ok(())
}

pub async fn upload_photo(
    pickup_id: &str,
    photo_id: &str,
    blob: &web_sys::Blob,
) -> Result<(), ApiError> {
    files::upload(&format!("/api/pickups/{pickup_id}/photos/{photo_id}"), blob).await
}

/// The receipt's address, with the phone's UTC offset so times read as local.
pub fn receipt_url(pickup_id: &str) -> String {
    let offset = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    format!("/api/pickups/{pickup_id}/receipt.pdf?tz={offset}")
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Correction {
    pub counts: Vec<MaterialCount>,
    pub serials: Vec<ItemSerial>,
    pub weight_kg: f64,
    pub notes: Option<String>,
}

pub async fn correct(id: String, correction: Correction) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/correct_pickup.graphql"),
        OnRecord {
            id,
            input: correction,
        },
    )
    .await?;
    Ok(())
}
