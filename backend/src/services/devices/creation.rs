//! A new device: its source (a donation in a received batch, or a
//! purchase), its tag, its specs and storage media.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared_types::{
    BatchStatus, DeviceSource, DeviceStatus, ErrorCode, MaterialCategory, MediumKind,
    OrganisationKind,
    device::{MAX_PRICE_EUROS, check_specs, device_tag, parse_tag},
    text::search_key,
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{device, organisation, pickup},
    },
    services::{audit, batches, calendar, is_unique_violation},
};

use super::{DbErr, Device, DeviceError, clean, erasure, get, lifecycle::record_event, rule};
use crate::services::access::{
    self,
    Action::Write,
    Reach,
    Resource::{Devices, Purchases},
};

#[derive(Debug, Clone)]
pub struct NewMedium {
    pub kind: MediumKind,
    pub capacity_gb: Option<i32>,
    pub serial: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewDevice {
    /// A label already printed; a new tag is made when absent.
    pub tag: Option<String>,
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
    pub batch_id: Option<Uuid>,
    pub pickup_id: Option<Uuid>,
    pub supplier: Option<String>,
    pub price_euros: Option<f64>,
    /// For a purchase: the day it was bought (today when absent).
    pub purchased_on: Option<NaiveDate>,
    pub funder: Option<String>,
    /// For a purchase: the workshop that prepares it.
    pub refurbisher_id: Option<Uuid>,
    pub notes: Option<String>,
    pub media: Vec<NewMedium>,
    /// The day the workshop (or the programme) had it in hand, when entered
    /// later (today when absent): not before its batch's receipt or its purchase.
    pub received_on: Option<NaiveDate>,
}

/// Where a device comes from, checked: its batch and pickup (donations),
/// the workshop holding it, and the purchase's day.
struct Source {
    batch_id: Option<Uuid>,
    pickup_id: Option<Uuid>,
    holder: Option<Uuid>,
    purchased_on: Option<NaiveDate>,
    /// The step its receipt follows: the batch's receipt, or the purchase.
    follows: Option<DateTime<Utc>>,
}

/// Brand and serial, folded, so "DELL 5cg-123" and "Dell 5CG-123" are one device.
pub(crate) fn serial_key(brand: Option<&str>, serial: Option<&str>) -> Option<String> {
    let serial = serial?.trim().to_uppercase();
    (!serial.is_empty()).then(|| format!("{}|{serial}", search_key(brand.unwrap_or_default())))
}

/// Where the device comes from, checked.
async fn source_of(
    db: &Db,
    viewer: &StaffUser,
    input: &NewDevice,
    calendar: &calendar::ProgrammeCalendar,
) -> Result<Source, DeviceError> {
    match input.source {
        DeviceSource::Purchase => {
            let supplier = input.supplier.as_deref().map(str::trim).unwrap_or_default();
            let Some(price) = input.price_euros else {
                return Err(rule(ErrorCode::SourceRequired));
            };
            if supplier.is_empty() {
                return Err(rule(ErrorCode::SourceRequired));
            }
            if !price.is_finite() || !(0.0..=MAX_PRICE_EUROS).contains(&price) {
                return Err(rule(ErrorCode::PriceInvalid));
            }
            let now = Utc::now();
            let purchased_on = input.purchased_on.unwrap_or(calendar.today(now));
            calendar
                .check_day_or(purchased_on, now, ErrorCode::PurchaseDateInFuture)
                .map_err(rule)?;
            // A workshop's own purchases are its own; the collector or the
            // coordinator names the workshop that prepares the computer.
            let holder = match access::reach(viewer, Write, Purchases).map_err(rule)? {
                Reach::Own => Some(viewer.organisation_id),
                Reach::Programme => match input.refurbisher_id {
                    Some(id) => Some(workshop(db, viewer, id).await?),
                    None => None,
                },
            };
            Ok(Source {
                batch_id: None,
                pickup_id: None,
                holder,
                purchased_on: Some(purchased_on),
                follows: Some(calendar::start_of_day(calendar.zone, purchased_on)),
            })
        }
        DeviceSource::Donation => {
            let batch_id = input.batch_id.ok_or(rule(ErrorCode::SourceRequired))?;
            let batch = batches::find_visible(&db.conn, viewer, batch_id).await?;
            if !access::allows(viewer, Write, Devices, batches::holder(&batch)) {
                return Err(rule(ErrorCode::Forbidden));
            }
            if batch.status != BatchStatus::Received {
                return Err(rule(ErrorCode::BatchNotReceived));
            }
            let pickups: Vec<Uuid> = pickup::Entity::find()
                .filter(pickup::Column::BatchId.eq(batch_id))
                .select_only()
                .column(pickup::Column::Id)
                .into_tuple()
                .all(&db.conn)
                .await?;
            // The pickup says which donor the device came from (certificates);
            // a batch from a single pickup needs no choice.
            let pickup_id = match (input.pickup_id, pickups.as_slice()) {
                (Some(id), _) if pickups.contains(&id) => id,
                (None, [only]) => *only,
                _ => return Err(rule(ErrorCode::SourceRequired)),
            };
            Ok(Source {
                batch_id: Some(batch_id),
                pickup_id: Some(pickup_id),
                holder: Some(batch.refurbisher_id),
                purchased_on: None,
                follows: batch.received_at,
            })
        }
    }
}

/// A refurbisher of the viewer's programme, to prepare a bought computer.
async fn workshop(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Uuid, DeviceError> {
    organisation::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .filter(|o| {
            o.programme_id == viewer.programme_id && o.kind == OrganisationKind::Refurbisher
        })
        .map(|o| o.id)
        .ok_or(rule(ErrorCode::WorkshopUnknown))
}

/// The next free tag number of this year in the programme.
async fn next_tag<C: sea_orm::ConnectionTrait>(
    conn: &C,
    programme_id: Uuid,
    year: i32,
) -> Result<String, DbErr> {
    let prefix = format!("PSL-{year:04}-");
    let last: Option<String> = device::Entity::find()
        .filter(device::Column::ProgrammeId.eq(programme_id))
        .filter(device::Column::Tag.starts_with(&prefix))
        .order_by_desc(device::Column::Tag)
        .select_only()
        .column(device::Column::Tag)
        .into_tuple()
        .one(conn)
        .await?;
    let number = last
        .and_then(|t| t.strip_prefix(&prefix).and_then(|n| n.parse::<i64>().ok()))
        .unwrap_or(0);
    Ok(device_tag(year, number + 1))
}

/// Records a device (received from a batch, or bought) with its storage media.
pub async fn create(db: &Db, viewer: &StaffUser, input: NewDevice) -> Result<Device, DeviceError> {
    // The collector records the computers it buys, not donated ones.
    let resource = match input.source {
        DeviceSource::Purchase => Purchases,
        DeviceSource::Donation => Devices,
    };
    access::reach(viewer, Write, resource).map_err(rule)?;
    check_specs(input.ram_gb, input.storage_gb, input.screen_inches).map_err(rule)?;
    let given_tag = match input
        .tag
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        Some(text) => Some(parse_tag(text).ok_or(rule(ErrorCode::TagInvalid))?),
        None => None,
    };
    let brand = clean(input.brand.clone(), 80)?;
    let serial = clean(input.serial.clone(), 64)?;
    let key = serial_key(brand.as_deref(), serial.as_deref());
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    let Source {
        batch_id,
        pickup_id,
        holder,
        purchased_on,
        follows,
    } = source_of(db, viewer, &input, &calendar).await?;
    let now = Utc::now();
    let received = calendar
        .happened(input.received_on, now)
        .and_then(|h| calendar.follows(follows, h))
        .map_err(rule)?;
    let tag_year = calendar::programme_day(calendar.zone, received.at).year();
    let model = clean(input.model.clone(), 120)?;
    let cpu = clean(input.cpu.clone(), 120)?;
    let os = clean(input.operating_system.clone(), 120)?;
    let supplier = clean(input.supplier.clone(), 120)?;
    let funder = clean(input.funder.clone(), 120)?;
    let notes = clean(input.notes.clone(), 2_000)?;
    for medium in &input.media {
        check_specs(None, medium.capacity_gb, None).map_err(rule)?;
    }
    // A generated tag may race another creation: take the next one and retry.
    for _ in 0..5 {
        let tx = db.write_tx().await?;
        if let Some(key) = &key {
            let taken = device::Entity::find()
                .filter(device::Column::ProgrammeId.eq(viewer.programme_id))
                .filter(device::Column::SerialKey.eq(key.clone()))
                .count(&*tx)
                .await?;
            if taken > 0 {
                return Err(rule(ErrorCode::SerialTaken));
            }
        }
        let tag = match &given_tag {
            Some(tag) => tag.clone(),
            None => next_tag(&*tx, viewer.programme_id, tag_year).await?,
        };
        let id = Uuid::new_v4();
        let inserted = device::ActiveModel {
            id: Set(id),
            programme_id: Set(viewer.programme_id),
            tag: Set(tag),
            kind: Set(input.kind),
            brand: Set(brand.clone()),
            model: Set(model.clone()),
            serial: Set(serial.clone()),
            serial_key: Set(key.clone()),
            cpu: Set(cpu.clone()),
            ram_gb: Set(input.ram_gb),
            storage_gb: Set(input.storage_gb),
            screen_inches: Set(input.screen_inches),
            grade: Set(None),
            operating_system: Set(os.clone()),
            status: Set(DeviceStatus::Received),
            source: Set(input.source),
            batch_id: Set(batch_id),
            pickup_id: Set(pickup_id),
            supplier: Set(supplier.clone()),
            price_cents: Set(input.price_euros.map(|p| (p * 100.0).round() as i64)),
            purchased_on: Set(purchased_on),
            funder: Set(funder.clone()),
            recycled_weight_grams: Set(None),
            refurbisher_id: Set(holder),
            notes: Set(notes.clone()),
            created_at: Set(received.at),
            updated_at: Set(now),
        }
        .insert(&*tx)
        .await;
        match inserted {
            Ok(_) => {}
            Err(err) if is_unique_violation(&err) => {
                tx.rollback().await?;
                // Which constraint? Ask again outside the failed transaction.
                if let Some(tag) = &given_tag {
                    let clash = device::Entity::find()
                        .filter(device::Column::ProgrammeId.eq(viewer.programme_id))
                        .filter(device::Column::Tag.eq(tag.clone()))
                        .count(&db.conn)
                        .await?;
                    if clash > 0 {
                        return Err(rule(ErrorCode::TagTaken));
                    }
                }
                if key.is_some() && given_tag.is_some() {
                    return Err(rule(ErrorCode::SerialTaken));
                }
                continue;
            }
            Err(err) => return Err(err.into()),
        }
        record_event(
            &tx,
            id,
            None,
            DeviceStatus::Received,
            viewer.id,
            None,
            received.at,
        )
        .await?;
        audit::dated(&*tx, viewer, received, "device.received", id).await?;
        for medium in &input.media {
            erasure::insert_medium(&tx, id, medium, now).await?;
        }
        tx.commit().await?;
        return get(db, viewer, id).await;
    }
    Err(rule(ErrorCode::Internal))
}
