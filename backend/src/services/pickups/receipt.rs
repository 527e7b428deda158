//! The donor's receipt: what was taken, when, by whom, and the donor's
//! signature as drawn on the phone. In French: it is handed to French donors.

use chrono::{DateTime, FixedOffset, Utc};
use sea_orm::EntityTrait;
use shared_types::{
    ErrorCode, PickupStatus,
    pickup::{SIGNATURE_HEIGHT, SIGNATURE_WIDTH},
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{organisation, user},
    },
    documents::pdf::{A4_WIDTH, Flow, Font},
    services::donors,
};

use super::{PickupError, get, rule};

fn local_time(at: DateTime<Utc>, offset_minutes: i32) -> String {
    let offset = FixedOffset::east_opt(offset_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    at.with_timezone(&offset)
        .format("%d/%m/%Y à %H:%M")
        .to_string()
}

/// Formats grams as kilograms the French way ("12,5 kg").
pub fn kilograms_fr(grams: i64) -> String {
    let kg = format!("{:.2}", grams as f64 / 1000.0);
    let kg = kg
        .trim_end_matches('0')
        .trim_end_matches('.')
        .replace('.', ",");
    format!("{kg} kg")
}

/// The receipt of a collected pickup as a PDF. Times are shown at
/// `offset_minutes` from UTC (the viewer's own clock).
pub async fn pdf(
    db: &Db,
    viewer: &StaffUser,
    pickup_id: Uuid,
    offset_minutes: i32,
) -> Result<Vec<u8>, PickupError> {
    let pickup = get(db, viewer, pickup_id).await?;
    if pickup.status != PickupStatus::Collected {
        return Err(rule(ErrorCode::PickupNotScheduled));
    }
    let donor = donors::get(db, viewer, pickup.donor_id).await?;
    let collector = organisation::Entity::find_by_id(pickup.organisation_id)
        .one(&db.conn)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    let agent = user::Entity::find_by_id(pickup.recorded_by)
        .one(&db.conn)
        .await?
        .map(|u| u.display_name)
        .unwrap_or_default();

    let mut flow = Flow::new("Reçu de collecte de matériel informatique");
    flow.paragraph(
        "Reçu de collecte de matériel informatique",
        18.0,
        Font::Bold,
    );
    flow.paragraph(
        &format!("Référence {}", &pickup.id.to_string()[..8].to_uppercase()),
        10.0,
        Font::Regular,
    );
    flow.gap(12.0);
    flow.field("Donateur", &donor.name);
    if let Some(contact) = &donor.contact_name {
        flow.field("Contact", contact);
    }
    if let Some(address) = &pickup.address {
        flow.field("Adresse de collecte", address);
    }
    if let Some(at) = pickup.collected_at {
        flow.field("Date", &local_time(at, offset_minutes));
    }
    flow.field("Collecté par", &format!("{agent} ({})", collector.name));
    flow.gap(16.0);
    flow.paragraph("Matériel remis", 13.0, Font::Bold);
    for count in &pickup.counts {
        flow.field(count.category.label_fr(), &count.count.to_string());
    }
    flow.field("Total", &format!("{} appareils", pickup.item_count()));
    if let Some(grams) = pickup.weight_grams {
        flow.field("Poids total", &kilograms_fr(grams));
    }
    if !pickup.serials.is_empty() {
        flow.gap(10.0);
        flow.paragraph("Numéros de série relevés", 13.0, Font::Bold);
        for serial in &pickup.serials {
            flow.field(serial.category.label_fr(), &serial.serial);
        }
    }
    if let Some(notes) = &pickup.notes {
        flow.gap(10.0);
        flow.field("Remarques", notes);
    }
    flow.gap(16.0);
    flow.paragraph(
        "Le matériel ci-dessus a été remis gratuitement au programme pour être reconditionné \
         et confié à des personnes formées au numérique. Les données qu'il contient seront \
         effacées par un reconditionneur agréé, qui en délivrera un certificat.",
        9.5,
        Font::Regular,
    );
    flow.gap(14.0);
    let signer = pickup
        .signed_by
        .as_deref()
        .map(|name| format!("Signature du donateur ({name})"))
        .unwrap_or_else(|| "Signature du donateur".to_string());
    flow.paragraph(&signer, 11.0, Font::Bold);
    // The pad's strokes scaled into a box on the page (PDF y grows upwards).
    let (box_width, box_height) = (
        A4_WIDTH - 2.0 * flow.margin,
        (A4_WIDTH - 2.0 * flow.margin) * SIGNATURE_HEIGHT as f32 / SIGNATURE_WIDTH as f32,
    );
    flow.reserve(box_height + 8.0);
    flow.gap(box_height + 6.0);
    let (left, bottom) = (flow.margin, flow.y);
    let scale = box_width / SIGNATURE_WIDTH as f32;
    let page = flow.page();
    page.rect(left, bottom, box_width, box_height, 0.5);
    if pickup.signature.is_empty() {
        page.text(
            left + 10.0,
            bottom + box_height / 2.0,
            10.0,
            Font::Regular,
            "Non signé",
        );
    }
    for stroke in &pickup.signature {
        let points: Vec<(f32, f32)> = stroke
            .chunks(2)
            .map(|p| {
                (
                    left + p[0] as f32 * scale,
                    bottom + box_height - p[1] as f32 * scale,
                )
            })
            .collect();
        page.polyline(&points, 1.4);
    }
    Ok(flow.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kilograms_read_the_french_way() {
        assert_eq!(kilograms_fr(12_500), "12,5 kg");
        assert_eq!(kilograms_fr(40_000), "40 kg");
        assert_eq!(kilograms_fr(250), "0,25 kg");
        assert_eq!(kilograms_fr(100_000), "100 kg");
    }
}
