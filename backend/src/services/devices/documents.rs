//! Printed documents about devices: sheets of QR labels, and the erasure
//! certificate a donor (a court, a company) asks for.

use chrono::Utc;
use qrcodegen::{QrCode, QrCodeEcc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use shared_types::ErrorCode;
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{device, pickup},
    },
    documents::pdf::{A4_HEIGHT, A4_WIDTH, Document, Flow, Font, Page},
    services::donors,
};

use super::{Device, DeviceError, erasure::media_of_devices, rule};
use crate::services::access::{self, Action::Read, Reach, Resource::DeviceProvenance};

/// Labels of 70 × 37 mm, 3 across and 8 down: the common A4 label sheet.
const COLUMNS: usize = 3;
const ROWS: usize = 8;
const LABEL_WIDTH: f32 = A4_WIDTH / COLUMNS as f32;
const LABEL_HEIGHT: f32 = A4_HEIGHT / ROWS as f32;

/// Draws a QR code with its bottom-left corner at (x, y), `size` points wide.
fn draw_qr(page: &mut Page, text: &str, x: f32, y: f32, size: f32) {
    let Ok(code) = QrCode::encode_text(text, QrCodeEcc::Medium) else {
        return;
    };
    let modules = code.size();
    // Four modules of quiet zone around the code, as readers expect.
    let cell = size / (modules + 8) as f32;
    for row in 0..modules {
        let mut column = 0;
        while column < modules {
            if !code.get_module(column, row) {
                column += 1;
                continue;
            }
            // One rectangle per run of dark modules keeps the file small.
            let start = column;
            while column < modules && code.get_module(column, row) {
                column += 1;
            }
            page.fill_rect(
                x + (start + 4) as f32 * cell,
                y + size - (row + 5) as f32 * cell,
                (column - start) as f32 * cell,
                cell,
            );
        }
    }
}

/// Sheets of labels for the devices, each with a QR code opening
/// `<public_url>/d/<tag>` and the tag in print for reading by eye.
pub async fn labels(
    db: &Db,
    viewer: &StaffUser,
    device_ids: &[Uuid],
    public_url: &str,
) -> Result<Vec<u8>, DeviceError> {
    let reach = access::reach(viewer, Read, DeviceProvenance).map_err(rule)?;
    let mut rows = device::Entity::find()
        .filter(device::Column::Id.is_in(device_ids.to_vec()))
        .filter(device::Column::ProgrammeId.eq(viewer.programme_id))
        .order_by_asc(device::Column::Tag)
        .all(&db.conn)
        .await?;
    if reach == Reach::Own {
        rows.retain(|d| access::allows(viewer, Read, DeviceProvenance, super::holder(d)));
    }
    if rows.is_empty() {
        return Err(rule(ErrorCode::NotFound));
    }
    let mut doc = Document::new("Étiquettes Passerelle");
    for (i, row) in rows.iter().enumerate() {
        if i % (COLUMNS * ROWS) == 0 {
            doc.add_page();
        }
        let slot = i % (COLUMNS * ROWS);
        let (column, line) = (slot % COLUMNS, slot / COLUMNS);
        let x = column as f32 * LABEL_WIDTH;
        let y = A4_HEIGHT - (line + 1) as f32 * LABEL_HEIGHT;
        let page = doc.last_page();
        let qr = LABEL_HEIGHT - 8.0;
        draw_qr(
            page,
            &format!("{public_url}/d/{}", row.tag),
            x + 4.0,
            y + 4.0,
            qr,
        );
        let text_x = x + qr + 8.0;
        page.text(text_x, y + LABEL_HEIGHT - 30.0, 11.0, Font::Bold, &row.tag);
        let kind = row.kind.label_fr();
        page.text(text_x, y + LABEL_HEIGHT - 46.0, 7.5, Font::Regular, kind);
        let name = [row.brand.as_deref(), row.model.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        page.text(
            text_x,
            y + LABEL_HEIGHT - 58.0,
            7.5,
            Font::Regular,
            &name.chars().take(24).collect::<String>(),
        );
        page.text(text_x, y + 10.0, 6.5, Font::Regular, "Passerelle");
    }
    Ok(doc.finish())
}

/// The donor's erasure certificate: every device that came from this donor,
/// with each medium's erasure (method, tool, date, result).
pub async fn erasure_certificate(
    db: &Db,
    viewer: &StaffUser,
    donor_id: Uuid,
) -> Result<Vec<u8>, DeviceError> {
    access::reach(viewer, Read, DeviceProvenance).map_err(rule)?;
    let donor = donors::get_unchecked(db, viewer.programme_id, donor_id)
        .await
        .map_err(|_| rule(ErrorCode::NotFound))?;
    let pickup_ids: Vec<Uuid> = pickup::Entity::find()
        .filter(pickup::Column::DonorId.eq(donor_id))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    let devices: Vec<Device> = device::Entity::find()
        .filter(device::Column::PickupId.is_in(pickup_ids))
        .order_by_asc(device::Column::Tag)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(Device::try_from)
        .collect::<Result<_, _>>()?;
    let ids: Vec<Uuid> = devices.iter().map(|d| d.id).collect();
    let media = media_of_devices(db, &ids).await?;
    let media_by_device = super::erasure::device_of_media(db, &ids).await?;

    let mut flow = Flow::new("Certificat d'effacement des données");
    flow.paragraph("Certificat d'effacement des données", 18.0, Font::Bold);
    flow.gap(6.0);
    flow.field("Donateur", &donor.name);
    if let Some(reference) = &donor.agreement_reference {
        flow.field("Convention", reference);
    }
    flow.field("Établi le", &Utc::now().format("%d/%m/%Y").to_string());
    flow.field("Appareils", &devices.len().to_string());
    flow.gap(8.0);
    flow.paragraph(
        "Les supports de stockage des appareils ci-dessous, remis au programme par le \
         donateur, ont été effacés selon la méthode indiquée avant tout réemploi. Un \
         support dont l'effacement a échoué a été détruit ou effacé à nouveau.",
        9.5,
        Font::Regular,
    );
    for device in &devices {
        flow.gap(10.0);
        let name = [device.brand.as_deref(), device.model.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        flow.paragraph(
            &format!("{} — {} {}", device.tag, device.kind.label_fr(), name),
            11.0,
            Font::Bold,
        );
        flow.field(
            "Numéro de série",
            device.serial.as_deref().unwrap_or("non relevé"),
        );
        let mine: Vec<_> = media
            .iter()
            .filter(|m| {
                media_by_device
                    .iter()
                    .any(|(medium, dev)| *medium == m.id && *dev == device.id)
            })
            .collect();
        if mine.is_empty() {
            flow.field("Stockage", "aucun support de données");
        }
        for medium in mine {
            let what = format!(
                "{}{}{}",
                medium.kind.as_str(),
                medium
                    .capacity_gb
                    .map(|c| format!(" {c} Go"))
                    .unwrap_or_default(),
                medium
                    .serial
                    .as_deref()
                    .map(|s| format!(" (n° {s})"))
                    .unwrap_or_default()
            );
            let erasure = match medium.erasures.last() {
                Some(e) => format!(
                    "{}, {} — {} le {} par {}",
                    e.method.label_fr(),
                    e.tool,
                    if e.passed { "réussi" } else { "ÉCHEC" },
                    e.erased_on.format("%d/%m/%Y"),
                    e.operator
                ),
                None => "pas encore effacé".to_string(),
            };
            flow.field(&what, &erasure);
        }
    }
    flow.gap(24.0);
    flow.paragraph(
        "Pour le reconditionneur (nom, date, signature) :",
        10.0,
        Font::Regular,
    );
    Ok(flow.finish())
}
