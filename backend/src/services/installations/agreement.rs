//! The handover agreement the household signs at the installation visit.

use chrono::Utc;
use shared_types::{
    Connection,
    pickup::{SIGNATURE_HEIGHT, SIGNATURE_WIDTH},
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::Db,
    documents::pdf::{A4_WIDTH, Flow, Font},
};

use super::{InstallationError, get};

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "oui",
        Some(false) => "non",
        None => "—",
    }
}

pub async fn pdf(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Vec<u8>, InstallationError> {
    let visit = get(db, viewer, id).await?;
    let (learner, device, install) = (&visit.learner, &visit.device, &visit.installation);
    let mut flow = Flow::new("Convention de mise à disposition d'un ordinateur");
    flow.paragraph(
        "Convention de mise à disposition d'un ordinateur",
        17.0,
        Font::Bold,
    );
    flow.gap(8.0);
    flow.field(
        "Bénéficiaire",
        &format!("{} {}", learner.first_name, learner.last_name),
    );
    if let Some(address) = &learner.address {
        flow.field("Adresse", address);
    }
    let kind = device.kind.label_fr();
    let name = [device.brand.as_deref(), device.model.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    flow.field("Appareil", &format!("{} — {kind} {name}", device.tag));
    flow.field("Numéro de série", device.serial.as_deref().unwrap_or("—"));
    flow.field(
        "Date",
        &install
            .closed_at
            .unwrap_or_else(Utc::now)
            .format("%d/%m/%Y")
            .to_string(),
    );
    flow.gap(10.0);
    flow.paragraph("Installation", 12.0, Font::Bold);
    flow.field("Ordinateur installé", yes_no(install.device_set_up));
    flow.field("Comptes créés", yes_no(install.accounts_created));
    let connection = match install.connection {
        Some(Connection::Box) => "box internet",
        Some(Connection::Tethering) => "partage de connexion du téléphone",
        Some(Connection::None) => "aucune",
        None => "—",
    };
    flow.field("Connexion", connection);
    flow.field(
        "Test de connexion réussi",
        yes_no(install.connection_tested),
    );
    flow.gap(10.0);
    flow.paragraph(
        "L'ordinateur ci-dessus, reconditionné et dont les données ont été effacées, est mis \
         gratuitement à la disposition du bénéficiaire, qui a suivi la formation au numérique du \
         programme. En cas de problème, le bénéficiaire peut le signaler depuis sa page de suivi \
         ou auprès de la structure qui l'a installé. L'ordinateur ne peut pas être revendu.",
        9.5,
        Font::Regular,
    );
    flow.gap(12.0);
    let signer = install
        .signed_by
        .as_deref()
        .map(|n| format!("Signature du bénéficiaire ({n})"))
        .unwrap_or_else(|| "Signature du bénéficiaire".to_string());
    flow.paragraph(&signer, 11.0, Font::Bold);
    if let Some(reason) = install.unsigned_reason.as_deref() {
        flow.paragraph(&format!("Sans signature : {reason}"), 10.0, Font::Regular);
    }
    let width = A4_WIDTH - 2.0 * flow.margin;
    let height = width * SIGNATURE_HEIGHT as f32 / SIGNATURE_WIDTH as f32;
    flow.reserve(height + 8.0);
    flow.gap(height + 6.0);
    let (left, bottom) = (flow.margin, flow.y);
    let scale = width / SIGNATURE_WIDTH as f32;
    let strokes: Vec<Vec<i32>> = install
        .signature
        .as_deref()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or_default();
    let page = flow.page();
    page.rect(left, bottom, width, height, 0.5);
    for stroke in &strokes {
        let points: Vec<(f32, f32)> = stroke
            .chunks(2)
            .map(|p| {
                (
                    left + p[0] as f32 * scale,
                    bottom + height - p[1] as f32 * scale,
                )
            })
            .collect();
        page.polyline(&points, 1.4);
    }
    Ok(flow.finish())
}
