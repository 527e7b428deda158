//! Collection: donors, the pickups taken from them over two years, and the
//! batches the collectors handed to the refurbishers (ten pickups each).

use chrono::{DateTime, Duration, Utc};
use passerelle::db::entities::{batch, batch_count, donor, pickup, pickup_count};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, Set};
use shared_types::{BatchStatus, DonorKind, MaterialCategory, PickupStatus, text::search_key};
use uuid::Uuid;

use super::{
    Rows, Scale, days,
    dice::{CITIES, Dice, FIRST_NAMES, LAST_NAMES, STREETS},
    insert_all, not_after,
    partners::Partners,
};

/// Pickups per batch handed over.
const PICKUPS_PER_BATCH: usize = 10;
/// Share of the devices that come from donations (the rest are bought).
pub const DONATED_PERCENT: usize = 95;

/// What the refurbishment needs from collection.
pub struct Collected {
    pub donor_ids: Vec<Uuid>,
    /// Pickups whose material a refurbisher received, oldest first.
    pub received: Vec<ReceivedPickup>,
}

/// Material received from one pickup, to be recorded device by device.
pub struct ReceivedPickup {
    pub pickup_id: Uuid,
    pub batch_id: Uuid,
    /// Index in `Partners::refurbishers`.
    pub refurbisher: usize,
    pub received_at: DateTime<Utc>,
    pub devices: Vec<MaterialCategory>,
}

struct PlannedPickup {
    id: Uuid,
    status: PickupStatus,
    /// When it was (or is to be) collected.
    at: DateTime<Utc>,
    /// When it was recorded, or planned.
    created_at: DateTime<Utc>,
    donor: usize,
    collector: usize,
    batch: Option<usize>,
    devices: Vec<MaterialCategory>,
    counts: Vec<(MaterialCategory, i64)>,
}

struct PlannedBatch {
    id: Uuid,
    collector: usize,
    refurbisher: usize,
    pickups: Vec<usize>,
    handed_over_at: DateTime<Utc>,
    received_at: Option<DateTime<Utc>>,
}

pub async fn add(
    tx: &DatabaseTransaction,
    partners: &Partners,
    scale: Scale,
    now: DateTime<Utc>,
    dice: &mut Dice,
    rows: &mut Rows,
) -> Result<Collected, String> {
    let donors = donors(partners, scale, now, dice);
    let donor_ids: Vec<Uuid> = donors.iter().map(|d| d.id).collect();

    // Pickups, oldest first, evenly over the two years.
    let first_day = now - days(720);
    let span = days(700).num_seconds();
    let total = scale.pickups.max(1);
    let mut pickups: Vec<PlannedPickup> = (0..total)
        .map(|i| {
            let at = first_day
                + Duration::seconds(span * i as i64 / total as i64)
                + Duration::hours(dice.between(8, 17));
            // The newest few are planned for the coming days; one in 33 was called off.
            let (status, at, created_at) = if i >= total - total / 50 {
                let planned_for = now + days(1 + (i % 14) as i64);
                (PickupStatus::Scheduled, planned_for, now - days(3))
            } else if i % 33 == 0 {
                (PickupStatus::Cancelled, at, at - days(5))
            } else {
                let at = not_after(at, now);
                (PickupStatus::Collected, at, at)
            };
            PlannedPickup {
                id: dice.uuid(),
                status,
                at,
                created_at,
                donor: dice.below(donors.len() as u64) as usize,
                collector: i % partners.collectors.len(),
                batch: None,
                devices: Vec::new(),
                counts: Vec::new(),
            }
        })
        .collect();

    // Batches: what was collected more than ten days ago has been handed over.
    let mut batches: Vec<PlannedBatch> = Vec::new();
    for (i, p) in pickups.iter_mut().enumerate() {
        if p.status != PickupStatus::Collected || p.at > now - days(10) {
            continue;
        }
        let full = batches
            .last()
            .is_none_or(|b| b.pickups.len() == PICKUPS_PER_BATCH);
        if full {
            let number = batches.len();
            batches.push(PlannedBatch {
                id: dice.uuid(),
                collector: number % partners.collectors.len(),
                refurbisher: number % partners.refurbishers.len(),
                pickups: Vec::new(),
                handed_over_at: p.at,
                received_at: None,
            });
        }
        let number = batches.len() - 1;
        if let Some(b) = batches.last_mut() {
            b.pickups.push(i);
            p.batch = Some(number);
            p.collector = b.collector;
            b.handed_over_at = b.handed_over_at.max(p.at + days(2));
        }
    }
    for b in &mut batches {
        b.handed_over_at = not_after(b.handed_over_at, now);
        let received = b.handed_over_at + days(3);
        b.received_at = (received < now - days(1)).then_some(received);
    }

    // The donated devices, spread unevenly over the pickups received.
    let received: Vec<usize> = (0..pickups.len())
        .filter(|&i| {
            pickups[i]
                .batch
                .is_some_and(|b| batches[b].received_at.is_some())
        })
        .collect();
    let donated = scale.devices * DONATED_PERCENT / 100;
    let weights: Vec<usize> = received
        .iter()
        .map(|_| 1 + dice.below(5) as usize)
        .collect();
    let whole: usize = weights.iter().sum::<usize>().max(1);
    let mut per_pickup: Vec<usize> = weights.iter().map(|w| donated * w / whole).collect();
    let short = donated - per_pickup.iter().sum::<usize>();
    for n in per_pickup.iter_mut().take(short) {
        *n += 1;
    }
    let mut devices_of: Vec<Option<usize>> = vec![None; pickups.len()];
    for (&i, &n) in received.iter().zip(&per_pickup) {
        devices_of[i] = Some(n);
    }
    // Material not yet at a refurbisher is counted, not yet recorded.
    let usual = donated / received.len().max(1);
    for (p, recorded) in pickups.iter_mut().zip(devices_of) {
        let devices = match recorded {
            Some(n) => n,
            None if p.status == PickupStatus::Collected => usual,
            None => continue,
        };
        p.devices = (0..devices)
            .map(|_| match dice.below(100) {
                0..55 => MaterialCategory::Laptop,
                55..90 => MaterialCategory::Desktop,
                _ => MaterialCategory::Tablet,
            })
            .collect();
        p.counts = counts(&p.devices, dice);
    }

    let collected = Collected {
        donor_ids,
        received: received
            .iter()
            .filter_map(|&i| {
                let p = &pickups[i];
                let b = &batches[p.batch?];
                Some(ReceivedPickup {
                    pickup_id: p.id,
                    batch_id: b.id,
                    refurbisher: b.refurbisher,
                    received_at: b.received_at?,
                    devices: p.devices.clone(),
                })
            })
            .collect(),
    };
    write(tx, partners, donors, &pickups, &batches, dice, rows).await?;
    Ok(collected)
}

/// What a collection agent counts: the computers and tablets, the screens
/// that came with the desktops, and odds and ends.
fn counts(devices: &[MaterialCategory], dice: &mut Dice) -> Vec<(MaterialCategory, i64)> {
    let of = |kind| devices.iter().filter(|d| **d == kind).count() as i64;
    let desktops = of(MaterialCategory::Desktop);
    [
        (MaterialCategory::Laptop, of(MaterialCategory::Laptop)),
        (MaterialCategory::Desktop, desktops),
        (MaterialCategory::Tablet, of(MaterialCategory::Tablet)),
        (MaterialCategory::Screen, desktops),
        (MaterialCategory::Printer, dice.below(2) as i64),
        (
            MaterialCategory::Other,
            dice.below(devices.len() as u64 / 3 + 2) as i64,
        ),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .collect()
}

/// Rough weight of one item, for the pickup's total.
fn grams(category: MaterialCategory) -> i64 {
    match category {
        MaterialCategory::Laptop => 2_300,
        MaterialCategory::Desktop => 7_500,
        MaterialCategory::Screen => 4_500,
        MaterialCategory::Printer => 9_000,
        MaterialCategory::Tablet => 600,
        MaterialCategory::Phone => 200,
        MaterialCategory::Other => 800,
    }
}

fn donors(
    partners: &Partners,
    scale: Scale,
    now: DateTime<Utc>,
    dice: &mut Dice,
) -> Vec<donor::Model> {
    let count = (scale.pickups * 2 / 5).max(10);
    (0..count)
        .map(|i| {
            let (city, postcode) = CITIES[i % CITIES.len()];
            let kind = DonorKind::ALL[i % DonorKind::ALL.len()];
            let last = *dice.pick(LAST_NAMES);
            let name = match kind {
                DonorKind::Company => format!(
                    "{} {last} {}",
                    dice.pick(&["Cabinet", "Groupe", "Société"]),
                    i / 20 + 1
                ),
                DonorKind::PublicBody => format!(
                    "{} {city} – site {}",
                    dice.pick(&["Mairie de", "CPAM de", "Tribunal judiciaire de", "Lycée de"]),
                    i / 20 + 1
                ),
                DonorKind::Association => format!("Association des amis de {city} {}", i / 20 + 1),
                DonorKind::Individual => format!("{} {last}", dice.pick(FIRST_NAMES)),
            };
            let address = format!("{} {}", dice.between(1, 120), dice.pick(STREETS));
            donor::Model {
                id: dice.uuid(),
                programme_id: partners.programme_id,
                kind,
                search_key: search_key(&format!("{name} {city} {postcode}")),
                name,
                contact_name: Some(format!("{} {last}", dice.pick(FIRST_NAMES))),
                phone: Some(format!(
                    "06 {:02} {:02} {:02} {:02}",
                    i % 100,
                    (i / 100) % 100,
                    dice.below(100),
                    dice.below(100)
                )),
                email: None,
                address: Some(address),
                postcode: Some(postcode.to_string()),
                city: Some(city.to_string()),
                agreement_reference: None,
                agreement_starts_on: None,
                agreement_ends_on: None,
                notes: None,
                created_at: now - days(730),
            }
        })
        .collect()
}

async fn write(
    tx: &DatabaseTransaction,
    partners: &Partners,
    donors: Vec<donor::Model>,
    pickups: &[PlannedPickup],
    batches: &[PlannedBatch],
    dice: &mut Dice,
    rows: &mut Rows,
) -> Result<(), String> {
    let batch_rows = batches
        .iter()
        .enumerate()
        .map(|(number, b)| {
            let weight: i64 = b
                .pickups
                .iter()
                .flat_map(|&i| &pickups[i].counts)
                .map(|(category, n)| grams(*category) * n)
                .sum();
            batch::ActiveModel {
                id: Set(b.id),
                programme_id: Set(partners.programme_id),
                number: Set(number as i64 + 1),
                collector_id: Set(partners.collectors[b.collector].id),
                refurbisher_id: Set(partners.refurbishers[b.refurbisher].id),
                status: Set(match b.received_at {
                    Some(_) => BatchStatus::Received,
                    None => BatchStatus::HandedOver,
                }),
                handed_over_at: Set(b.handed_over_at),
                handed_over_by: Set(partners.collectors[b.collector].member),
                weight_grams: Set(weight),
                received_at: Set(b.received_at),
                received_by: Set(b
                    .received_at
                    .map(|_| partners.refurbishers[b.refurbisher].member)),
                notes: Set(None),
                created_at: Set(b.handed_over_at),
            }
        })
        .collect();
    let mut batch_counts = Vec::new();
    for (number, b) in batches.iter().enumerate() {
        let mut sent: Vec<(MaterialCategory, i64)> = Vec::new();
        for (category, n) in b.pickups.iter().flat_map(|&i| &pickups[i].counts) {
            match sent.iter_mut().find(|(c, _)| c == category) {
                Some((_, total)) => *total += n,
                None => sent.push((*category, *n)),
            }
        }
        for (line, (category, n)) in sent.into_iter().enumerate() {
            // Now and then the refurbisher counts one item fewer than was sent.
            let gap = i64::from(number % 17 == 0 && line == 0);
            batch_counts.push(batch_count::ActiveModel {
                batch_id: Set(b.id),
                category: Set(category),
                sent: Set(n),
                received: Set(b.received_at.map(|_| n - gap)),
            });
        }
    }

    let mut pickup_rows = Vec::new();
    let mut pickup_counts = Vec::new();
    for p in pickups {
        let donor = &donors[p.donor];
        let collected = p.status == PickupStatus::Collected;
        let weight: i64 = p.counts.iter().map(|(c, n)| grams(*c) * n).sum();
        pickup_rows.push(pickup::ActiveModel {
            id: Set(p.id),
            programme_id: Set(partners.programme_id),
            organisation_id: Set(partners.collectors[p.collector].id),
            donor_id: Set(donor.id),
            status: Set(p.status),
            client_uuid: Set(collected.then(|| dice.uuid())),
            content_hash: Set(None),
            scheduled_for: Set((!collected).then_some(p.at)),
            collected_at: Set(collected.then_some(p.at)),
            address: Set(donor.address.clone()),
            weight_grams: Set(collected.then_some(weight)),
            latitude: Set(collected.then(|| 43.0 + dice.below(6_000) as f64 / 1_000.0)),
            longitude: Set(collected.then(|| -1.0 + dice.below(8_000) as f64 / 1_000.0)),
            location_accuracy_m: Set(collected.then_some(12.0)),
            signature: Set(collected.then(|| "[[40,170,90,90,140,160,200,80,260,150]]".to_string())),
            signed_by: Set(collected.then(|| donor.contact_name.clone()).flatten()),
            notes: Set(None),
            cancel_reason: Set((p.status == PickupStatus::Cancelled)
                .then(|| "Le donateur a reporté le don".to_string())),
            recorded_by: Set(partners.collectors[p.collector].member),
            batch_id: Set(p.batch.map(|b| batches[b].id)),
            created_at: Set(p.created_at),
            updated_at: Set(p.created_at),
        });
        if collected {
            pickup_counts.extend(
                p.counts
                    .iter()
                    .map(|(category, n)| pickup_count::ActiveModel {
                        pickup_id: Set(p.id),
                        category: Set(*category),
                        count: Set(*n),
                    }),
            );
        }
    }

    // `reset_all`: a model turned into an active model is "unchanged"; insert all of it.
    let donors: Vec<donor::ActiveModel> = donors
        .into_iter()
        .map(|d| donor::ActiveModel::from(d).reset_all())
        .collect();
    rows.donors = insert_all(tx, donors).await?;
    rows.batches = insert_all(tx, batch_rows).await?;
    rows.pickups = insert_all(tx, pickup_rows).await?;
    insert_all(tx, pickup_counts).await?;
    insert_all(tx, batch_counts).await?;
    Ok(())
}
