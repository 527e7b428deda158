//! Pickups: the list, one pickup, recording (through the outbox), planning,
//! photos and the receipt.

use shared_types::pickup::{ItemSerial, MaterialCount};

use super::contract::*;
use super::{ApiError, files, send};

super::operation!(kept Pickups, "graphql/pickups.graphql");
/// The pickups page: a page of the list and the collector's stock.
pub type Overview = pickups::ResponseData;
pub type PickupRow = pickups::PickupsPickupsItems;
pub type Stock = pickups::PickupsPickupStock;

/// The pickups page: the list and the stock, in one request. The first
/// page is kept on the phone, to read with no network (until sign-out).
pub async fn overview(offset: u64) -> Result<super::Kept<Overview>, ApiError> {
    let fetch = send::<Pickups>(pickups::Variables {
        status: None,
        offset: offset as i64,
        limit: super::PAGE_SIZE as i64,
    });
    if offset == 0 {
        super::kept_or_fetch("pickups", fetch).await
    } else {
        fetch.await.map(super::Kept::fresh)
    }
}

super::operation!(kept Pickup, "graphql/pickup.graphql");
pub type PickupDetail = pickup::PickupPickup;

pub async fn get(id: String) -> Result<PickupDetail, ApiError> {
    Ok(send::<Pickup>(pickup::Variables { id }).await?.pickup)
}

super::operation!(kept RecordPickup, "graphql/record_pickup.graphql");
/// A pickup as the outbox keeps it until the server has it.
pub type NewPickup = record_pickup::RecordPickupInput;
pub type NewPickupDonor = record_pickup::DonorInput;
pub type NewPickupLocation = record_pickup::LocationInput;

/// Sends a pickup as kept in the outbox; answers the server's pickup id.
pub async fn record(input: NewPickup) -> Result<String, ApiError> {
    Ok(send::<RecordPickup>(record_pickup::Variables { input })
        .await?
        .record_pickup
        .id)
}

super::operation!(SchedulePickup, "graphql/schedule_pickup.graphql");
/// A pickup planned with a donor; `scheduled_for` in RFC 3339.
pub type PlannedPickup = schedule_pickup::SchedulePickupInput;

pub async fn schedule(input: PlannedPickup) -> Result<(), ApiError> {
    send::<SchedulePickup>(schedule_pickup::Variables { input }).await?;
    Ok(())
}

super::operation!(CancelPickup, "graphql/cancel_pickup.graphql");

pub async fn cancel(id: String, reason: Option<String>) -> Result<(), ApiError> {
    send::<CancelPickup>(cancel_pickup::Variables { id, reason }).await?;
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

super::operation!(kept CorrectPickup, "graphql/correct_pickup.graphql");

pub async fn correct(
    id: String,
    counts: Vec<MaterialCount>,
    serials: Vec<ItemSerial>,
    weight_kg: f64,
    notes: Option<String>,
) -> Result<(), ApiError> {
    let input = correct_pickup::CorrectPickupInput {
        address: None,
        counts: super::retype(counts)?,
        serials: super::retype(serials)?,
        weight_kg,
        notes,
    };
    send::<CorrectPickup>(correct_pickup::Variables { id, input }).await?;
    Ok(())
}
