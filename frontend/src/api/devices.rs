//! Devices: the list, one device by its tag, and what the refurbisher records.

use shared_types::Page;

use super::contract::*;
use super::{ApiError, send};

super::operation!(Devices, "graphql/devices.graphql");
pub type DeviceRow = devices::DevicesDevicesItems;

pub async fn list(
    status: Option<DeviceStatus>,
    search: String,
    offset: u64,
) -> Result<Page<DeviceRow>, ApiError> {
    let search = Some(search.trim().to_string()).filter(|s| !s.is_empty());
    let found = send::<Devices>(devices::Variables {
        status,
        search,
        offset: offset as i64,
        limit: super::PAGE_SIZE as i64,
    })
    .await?
    .devices;
    Ok(super::page_of(found.items, found.total))
}

super::operation!(DeviceByTag, "graphql/device.graphql");
pub type DeviceDetail = device_by_tag::DeviceByTagDeviceByTag;

pub async fn by_tag(tag: String) -> Result<DeviceDetail, ApiError> {
    Ok(send::<DeviceByTag>(device_by_tag::Variables { tag })
        .await?
        .device_by_tag)
}

super::operation!(CreateDevice, "graphql/create_device.graphql");
pub type NewDevice = create_device::CreateDeviceInput;
/// A storage medium of a device being recorded.
pub type NewDeviceMedium = create_device::MediumInput;

/// Records a device; answers its tag.
pub async fn create(input: NewDevice) -> Result<String, ApiError> {
    Ok(send::<CreateDevice>(create_device::Variables { input })
        .await?
        .create_device
        .tag)
}

super::operation!(MoveDevices, "graphql/move_devices.graphql");
/// A step taken by several devices at once.
pub type GroupMove = move_devices::MoveDeviceInput;
/// What became of one device of a grouped move: refused with `code`, or moved.
pub type MoveOutcome = move_devices::MoveDevicesMoveDevices;

/// Moves several devices the same way, each under the server's rules.
pub async fn move_many(ids: Vec<String>, input: GroupMove) -> Result<Vec<MoveOutcome>, ApiError> {
    Ok(send::<MoveDevices>(move_devices::Variables { ids, input })
        .await?
        .move_devices)
}

super::operation!(
    CorrectDevice,
    "graphql/correct_device.graphql",
    variable_types("String", "shared_types::device::DeviceCorrection")
);

/// Corrects a device's record (specs, grade, serial, notes).
pub async fn correct(
    id: String,
    input: shared_types::device::DeviceCorrection,
) -> Result<(), ApiError> {
    send::<CorrectDevice>(correct_device::Variables { id, input }).await?;
    Ok(())
}

super::operation!(MoveDevice, "graphql/move_device.graphql");
pub type Move = move_device::MoveDeviceInput;

pub async fn move_to(id: String, input: Move) -> Result<(), ApiError> {
    send::<MoveDevice>(move_device::Variables { id, input }).await?;
    Ok(())
}

super::operation!(AddStorageMedium, "graphql/add_storage_medium.graphql");
pub type NewMedium = add_storage_medium::MediumInput;

pub async fn add_medium(device_id: String, input: NewMedium) -> Result<(), ApiError> {
    send::<AddStorageMedium>(add_storage_medium::Variables { device_id, input }).await?;
    Ok(())
}

super::operation!(RecordErasure, "graphql/record_erasure.graphql");
pub type NewErasure = record_erasure::ErasureInput;

/// Records an erasure; answers its id (to attach the tool's report).
pub async fn record_erasure(device_id: String, input: NewErasure) -> Result<String, ApiError> {
    Ok(
        send::<RecordErasure>(record_erasure::Variables { device_id, input })
            .await?
            .record_erasure
            .id,
    )
}
