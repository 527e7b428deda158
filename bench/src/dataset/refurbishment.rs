//! Refurbishment: a device for each computer or tablet received (and a few
//! bought), tagged `PSL-YYYY-NNNNN` in the order they were recorded, each
//! with its lifecycle history as the server writes it, one event per move.
//! Some are still waiting, some in the workshop; of those finished, two in
//! five were recycled and the rest made ready.

use chrono::{DateTime, Datelike, Duration, Utc};
use passerelle::db::entities::{device, device_event};
use sea_orm::{DatabaseTransaction, Set};
use shared_types::{
    DeviceSource, DeviceStatus, Grade, MaterialCategory, device::device_tag, text::search_key,
};
use uuid::Uuid;

use super::{
    Rows, Scale,
    collection::Collected,
    days,
    dice::{DESKTOPS, Dice, LAPTOPS, Specs, TABLETS},
    insert_all, not_after,
    partners::Partners,
};

pub struct PlannedDevice {
    pub id: Uuid,
    pub kind: MaterialCategory,
    source: DeviceSource,
    batch_id: Option<Uuid>,
    pickup_id: Option<Uuid>,
    /// Index in `Partners::refurbishers`.
    refurbisher: usize,
    created_at: DateTime<Utc>,
    specs: Specs,
    pub serial: String,
    pub status: DeviceStatus,
    grade: Option<Grade>,
    recycled_weight_grams: Option<i64>,
    price_cents: Option<i64>,
    /// When it became ready, if it did.
    pub ready_at: Option<DateTime<Utc>>,
    moves: Vec<Move>,
}

struct Move {
    from: Option<DeviceStatus>,
    to: DeviceStatus,
    at: DateTime<Utc>,
    by: Uuid,
    reason: Option<&'static str>,
}

impl PlannedDevice {
    /// Moves the device on, keeping the event as the server would.
    pub fn moved(
        &mut self,
        to: DeviceStatus,
        at: DateTime<Utc>,
        by: Uuid,
        reason: Option<&'static str>,
    ) {
        self.moves.push(Move {
            from: Some(self.status),
            to,
            at,
            by,
            reason,
        });
        self.status = to;
    }

    fn last_moved_at(&self) -> DateTime<Utc> {
        self.moves.last().map_or(self.created_at, |m| m.at)
    }
}

pub fn plan(
    partners: &Partners,
    collected: &Collected,
    scale: Scale,
    now: DateTime<Utc>,
    dice: &mut Dice,
) -> Vec<PlannedDevice> {
    let mut devices = Vec::with_capacity(scale.devices);
    for pickup in &collected.received {
        for &kind in &pickup.devices {
            // Recorded in the fortnight after the batch arrived.
            let created_at = not_after(
                pickup.received_at + Duration::hours(dice.between(2, 24 * 14)),
                now,
            );
            let number = devices.len();
            devices.push(new_device(
                number,
                kind,
                (Some(pickup.batch_id), Some(pickup.pickup_id)),
                pickup.refurbisher,
                created_at,
                dice,
            ));
        }
    }
    let bought = scale.devices.saturating_sub(devices.len());
    let span = days(700).num_seconds();
    for i in 0..bought {
        let created_at =
            now - days(710) + Duration::seconds(span * i as i64 / bought.max(1) as i64);
        let kind = if dice.percent(70) {
            MaterialCategory::Laptop
        } else {
            MaterialCategory::Desktop
        };
        let number = devices.len();
        let refurbisher = i % partners.refurbishers.len();
        let mut bought = new_device(number, kind, (None, None), refurbisher, created_at, dice);
        bought.source = DeviceSource::Purchase;
        bought.price_cents = Some(dice.between(150, 320) * 100);
        devices.push(bought);
    }
    devices.sort_by_key(|d| d.created_at);
    for d in &mut devices {
        refurbish(d, partners, now, dice);
    }
    devices
}

fn new_device(
    number: usize,
    kind: MaterialCategory,
    (batch_id, pickup_id): (Option<Uuid>, Option<Uuid>),
    refurbisher: usize,
    created_at: DateTime<Utc>,
    dice: &mut Dice,
) -> PlannedDevice {
    let specs = *dice.pick(match kind {
        MaterialCategory::Desktop => DESKTOPS,
        MaterialCategory::Tablet => TABLETS,
        _ => LAPTOPS,
    });
    PlannedDevice {
        id: dice.uuid(),
        kind,
        source: DeviceSource::Donation,
        batch_id,
        pickup_id,
        refurbisher,
        created_at,
        specs,
        serial: format!("{}{number:08}", &specs.0[..2].to_uppercase()),
        status: DeviceStatus::Received,
        grade: None,
        recycled_weight_grams: None,
        price_cents: None,
        ready_at: None,
        moves: Vec::new(),
    }
}

/// The refurbisher's part of the lifecycle, as far as it has gone by `now`.
fn refurbish(d: &mut PlannedDevice, partners: &Partners, now: DateTime<Utc>, dice: &mut Dice) {
    let by = partners.refurbishers[d.refurbisher].member;
    d.moves.push(Move {
        from: None,
        to: DeviceStatus::Received,
        at: d.created_at,
        by,
        reason: None,
    });
    // Bought devices come refurbished: checked and erased within days.
    let (wait, work) = match d.source {
        DeviceSource::Purchase => (days(1), days(1)),
        DeviceSource::Donation => (days(dice.between(1, 30)), days(dice.between(2, 60))),
    };
    let started = d.created_at + wait;
    if started >= now {
        return;
    }
    d.moved(DeviceStatus::InRefurbishment, started, by, None);
    let finished = started + work;
    if finished >= now {
        return;
    }
    if d.source == DeviceSource::Donation && dice.percent(40) {
        d.moved(DeviceStatus::Recycled, finished, by, None);
        d.recycled_weight_grams = Some(match d.kind {
            MaterialCategory::Desktop => 7_500,
            MaterialCategory::Tablet => 600,
            _ => 2_300,
        });
    } else {
        d.moved(DeviceStatus::Ready, finished, by, None);
        d.ready_at = Some(finished);
        d.grade = Some(*dice.pick(Grade::ALL));
    }
}

pub async fn write(
    tx: &DatabaseTransaction,
    partners: &Partners,
    devices: Vec<PlannedDevice>,
    rows: &mut Rows,
) -> Result<(), String> {
    let mut last_number_of_year: Vec<(i32, i64)> = Vec::new();
    let mut device_rows = Vec::with_capacity(devices.len());
    let mut events = Vec::new();
    for d in devices {
        let year = d.created_at.year();
        let number = match last_number_of_year.iter_mut().find(|(y, _)| *y == year) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                last_number_of_year.push((year, 1));
                1
            }
        };
        let (brand, model, cpu, ram_gb, storage_gb, screen_inches) = d.specs;
        device_rows.push(device::ActiveModel {
            id: Set(d.id),
            programme_id: Set(partners.programme_id),
            tag: Set(device_tag(year, number)),
            kind: Set(d.kind),
            brand: Set(Some(brand.to_string())),
            model: Set(Some(model.to_string())),
            serial: Set(Some(d.serial.clone())),
            serial_key: Set(Some(format!("{}|{}", search_key(brand), d.serial))),
            cpu: Set(Some(cpu.to_string())),
            ram_gb: Set(Some(ram_gb)),
            storage_gb: Set(Some(storage_gb)),
            screen_inches: Set(screen_inches),
            grade: Set(d.grade),
            operating_system: Set((d.status != DeviceStatus::Recycled && d.ready_at.is_some())
                .then(|| "Linux Mint 22".to_string())),
            status: Set(d.status),
            source: Set(d.source),
            batch_id: Set(d.batch_id),
            pickup_id: Set(d.pickup_id),
            supplier: Set(
                (d.source == DeviceSource::Purchase).then(|| "Reconditionneur agréé".to_string())
            ),
            price_cents: Set(d.price_cents),
            purchased_on: Set(
                (d.source == DeviceSource::Purchase).then(|| d.created_at.date_naive())
            ),
            funder: Set((d.source == DeviceSource::Purchase).then(|| "Grand Chambéry".to_string())),
            recycled_weight_grams: Set(d.recycled_weight_grams),
            refurbisher_id: Set(Some(partners.refurbishers[d.refurbisher].id)),
            notes: Set(None),
            created_at: Set(d.created_at),
            updated_at: Set(d.last_moved_at()),
        });
        for m in d.moves {
            events.push(device_event::ActiveModel {
                id: Set(Uuid::new_v4()),
                device_id: Set(d.id),
                from_status: Set(m.from),
                to_status: Set(m.to),
                at: Set(m.at),
                by_user: Set(m.by),
                reason: Set(m.reason.map(str::to_string)),
            });
        }
    }
    rows.devices = insert_all(tx, device_rows).await?;
    rows.device_events = insert_all(tx, events).await?;
    Ok(())
}
