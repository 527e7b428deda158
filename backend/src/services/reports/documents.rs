//! The report as files for funders: a PDF, and each table as CSV as a
//! spreadsheet in France reads it (UTF-8 with a byte-order mark, semicolons,
//! decimal commas, headers in French and English), all from the same
//! `Report`.

use shared_types::{Gender, PrescriberKind, ReferralStatus};

use crate::documents::pdf::{Flow, Font};

use super::{LearnerLine, Report, Share};

/// The tables a report exports.
pub const TABLES: &[&str] = &["summary", "collected", "prescribers", "gender", "learners"];

/// A number with a decimal comma, as French spreadsheets and readers expect.
fn decimal(value: f64) -> String {
    value.to_string().replace('.', ",")
}

fn kg(value: f64) -> String {
    let text = format!("{value:.1}");
    decimal(text.parse().unwrap_or(value))
}

fn optional(value: Option<f64>) -> String {
    value.map(decimal).unwrap_or_default()
}

/// A share in the PDF: its count and percent, or "moins de 5" for a group
/// too small to show.
fn share_words(count: Option<i64>, percent: Option<f64>) -> String {
    match (count, percent) {
        (Some(count), Some(percent)) => format!("{count} ({} %)", decimal(percent)),
        (Some(count), None) => count.to_string(),
        (None, _) => count_cell(None),
    }
}

/// A day in French words: "1er janvier 2026", "31 décembre 2026".
fn date_fr(day: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let first = if day.day() == 1 {
        "1er".to_string()
    } else {
        day.day().to_string()
    };
    format!("{first} {} {}", MONTHS[day.month0() as usize], day.year())
}

/// A learner's step in words, as the funders read it.
pub(super) fn status_fr(status: ReferralStatus) -> &'static str {
    match status {
        ReferralStatus::Received => "Orientation reçue",
        ReferralStatus::Invited => "Invitation à une information collective",
        ReferralStatus::Eligible => "Éligible",
        ReferralStatus::NotEligible => "Non éligible",
        ReferralStatus::WaitingList => "Sur liste d'attente",
        ReferralStatus::Enrolled => "En formation",
        ReferralStatus::Completed => "Formation terminée",
        ReferralStatus::DroppedOut => "Abandon",
    }
}

/// A suppressed count reads "moins de 5", never a number someone could
/// work back from.
fn count_cell(count: Option<i64>) -> String {
    count
        .map(|c| c.to_string())
        .unwrap_or_else(|| format!("moins de {}", super::SMALL_GROUP))
}

pub(super) fn prescriber_fr(kind: PrescriberKind) -> &'static str {
    match kind {
        PrescriberKind::JobCentre => "France Travail",
        PrescriberKind::SocialCentre => "Centre social / CCAS",
        PrescriberKind::Other => "Autre",
    }
}

pub(super) fn gender_fr(gender: Gender) -> &'static str {
    match gender {
        Gender::Woman => "Femmes",
        Gender::Man => "Hommes",
        Gender::Unspecified => "Autre / non précisé",
    }
}

/// The summary's lines: (French label, English label, value).
pub fn summary_lines(r: &Report) -> Vec<(&'static str, &'static str, String)> {
    vec![
        ("Collectes", "Pickups", r.pickups.to_string()),
        (
            "Matériel collecté (kg)",
            "Material collected (kg)",
            kg(r.collected_kg),
        ),
        (
            "Dons reconditionnés",
            "Donations refurbished",
            r.devices_refurbished.to_string(),
        ),
        (
            "Remis en état après un retour",
            "Made ready again after a return",
            r.devices_ready_again.to_string(),
        ),
        (
            "Appareils recyclés",
            "Devices recycled",
            r.devices_recycled.to_string(),
        ),
        (
            "Articles recyclés en vrac",
            "Items recycled in bulk",
            r.recycled_in_bulk.to_string(),
        ),
        ("Recyclé (kg)", "Recycled (kg)", kg(r.recycled_kg)),
        (
            "Appareils achetés",
            "Devices bought",
            r.devices_bought.to_string(),
        ),
        (
            "Ordinateurs remis aux foyers",
            "Computers given to households",
            r.devices_given.to_string(),
        ),
        (
            "… installés",
            "… installed",
            r.devices_installed.to_string(),
        ),
        (
            "… avec internet",
            "… with internet",
            r.installed_with_internet.to_string(),
        ),
        (
            "… sans internet",
            "… without internet",
            r.installed_without_internet.to_string(),
        ),
        (
            "… avec internet (%)",
            "… with internet (%)",
            optional(r.installed_with_internet_percent),
        ),
        (
            "… remis sans installation",
            "… handed over without installation",
            r.handed_over_without_installation.to_string(),
        ),
        (
            "Places ouvertes",
            "Places opened",
            r.places_opened.to_string(),
        ),
        (
            "Personnes orientées",
            "People referred",
            r.referrals.to_string(),
        ),
        (
            "Personnes inscrites",
            "People enrolled",
            r.enrolled.to_string(),
        ),
        ("Personnes formées", "People trained", r.trained.to_string()),
        ("Abandons", "Drop-outs", r.dropped_out.to_string()),
        (
            "Âge moyen des personnes formées",
            "Mean age of people trained",
            optional(r.mean_age),
        ),
        (
            "Habitant un quartier prioritaire",
            "Living in a priority neighbourhood",
            count_cell(r.priority_neighbourhood.count),
        ),
        (
            "… en %",
            "… in %",
            optional(r.priority_neighbourhood.percent),
        ),
        (
            "Part rendue prête par le reconditionneur (%)",
            "Share made ready by the refurbisher (%)",
            decimal(r.ready_share_percent),
        ),
        (
            "Part convenue (%)",
            "Agreed share (%)",
            decimal(r.agreed_share_percent),
        ),
        (
            "Délai médian collecte → prêt (jours)",
            "Median days pickup → ready",
            optional(r.median_days_pickup_to_ready),
        ),
        (
            "Délai médian formation → installation (jours)",
            "Median days training → installation",
            optional(r.median_days_completion_to_installation),
        ),
    ]
}

fn csv_line(cells: &[String]) -> String {
    cells
        .iter()
        .map(|c| {
            if c.contains([';', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

fn share_rows<K: Copy>(shares: &[Share<K>], label: impl Fn(K) -> &'static str) -> Vec<Vec<String>> {
    shares
        .iter()
        .map(|s| {
            vec![
                label(s.key).to_string(),
                count_cell(s.count),
                optional(s.percent),
            ]
        })
        .collect()
}

fn column_title(column: super::anonymity::Column) -> &'static str {
    use super::anonymity::Column::*;
    match column {
        AgeBand => "Âge / Age band",
        Gender => "Genre / Gender",
        PriorityNeighbourhood => "Quartier prioritaire / Priority neighbourhood",
        Prescriber => "Prescripteur / Referrer",
        Status => "Statut / Status",
        CompletedOn => "Formation terminée / Completed",
        InstalledOn => "Installé / Installed",
    }
}

/// One table as CSV text (UTF-8 with a byte-order mark, for spreadsheets).
pub fn csv(table: &str, report: &Report, learners: &[LearnerLine]) -> Option<String> {
    let s = |text: &str| text.to_string();
    let mut note = None;
    let (header, rows): (Vec<String>, Vec<Vec<String>>) = match table {
        "summary" => (
            vec![s("Indicateur / Indicator"), s("Valeur / Value")],
            summary_lines(report)
                .into_iter()
                .map(|(fr, en, v)| vec![format!("{fr} / {en}"), v])
                .collect(),
        ),
        "collected" => (
            vec![s("Catégorie / Category"), s("Nombre / Count")],
            report
                .collected
                .iter()
                .map(|c| vec![c.category.label_fr().to_string(), c.count.to_string()])
                .collect(),
        ),
        "prescribers" => (
            vec![
                s("Prescripteur / Referrer"),
                s("Nombre / Count"),
                s("% / Share"),
            ],
            share_rows(&report.referrals_by_prescriber, prescriber_fr),
        ),
        "gender" => (
            vec![s("Genre / Gender"), s("Nombre / Count"), s("% / Share")],
            share_rows(&report.gender, gender_fr),
        ),
        "learners" => {
            let shown = super::anonymity::k_anonymous(learners);
            note = Some(shown.note);
            (
                std::iter::once(s("Pseudonyme / Pseudonym"))
                    .chain(shown.columns.iter().map(|c| column_title(*c).to_string()))
                    .collect(),
                shown
                    .rows
                    .into_iter()
                    .map(|(pseudonym, values)| std::iter::once(pseudonym).chain(values).collect())
                    .collect(),
            )
        }
        _ => return None,
    };
    let mut out = String::from("\u{feff}");
    // What was generalised or withheld, so nobody reads the file as complete.
    if let Some(note) = note {
        out.push_str(&csv_line(&[note]));
        out.push_str("\r\n");
    }
    out.push_str(&csv_line(&header));
    out.push_str("\r\n");
    for row in rows {
        out.push_str(&csv_line(&row));
        out.push_str("\r\n");
    }
    Some(out)
}

/// The report for funders, in French.
pub fn pdf(report: &Report, programme: &str) -> Vec<u8> {
    let mut flow = Flow::new("Bilan du programme");
    flow.paragraph(&format!("Bilan — {programme}"), 18.0, Font::Bold);
    flow.paragraph(
        &format!("Du {} au {}", date_fr(report.from), date_fr(report.to)),
        11.0,
        Font::Regular,
    );
    flow.gap(10.0);
    for (label, _, value) in summary_lines(report) {
        flow.field(label, if value.is_empty() { "—" } else { &value });
    }
    flow.gap(12.0);
    flow.paragraph("Matériel collecté par catégorie", 13.0, Font::Bold);
    for line in &report.collected {
        flow.field(line.category.label_fr(), &line.count.to_string());
    }
    flow.gap(12.0);
    flow.paragraph("Orientations par prescripteur", 13.0, Font::Bold);
    for share in &report.referrals_by_prescriber {
        flow.field(
            prescriber_fr(share.key),
            &share_words(share.count, share.percent),
        );
    }
    flow.gap(12.0);
    flow.paragraph("Personnes formées par genre", 13.0, Font::Bold);
    for share in &report.gender {
        flow.field(
            gender_fr(share.key),
            &share_words(share.count, share.percent),
        );
    }
    flow.gap(12.0);
    flow.paragraph(
        "Chiffres calculés à partir des enregistrements de Passerelle. Les groupes de moins de \
         cinq personnes ne sont pas détaillés (« moins de 5 ») afin que personne ne puisse être reconnu.",
        9.0,
        Font::Regular,
    );
    flow.finish()
}
