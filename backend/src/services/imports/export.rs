//! The import's workbook written out: empty, as a template with its
//! instructions, or filled with everything the programme holds, in the same
//! sheets and columns, so that an export imported into a fresh Passerelle
//! gives the same records and the same yearly report. References are the
//! programme's own where an import gave them, the record's id otherwise.

use std::collections::HashMap;

use chrono::{NaiveDate, NaiveTime};
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use shared_types::{
    InstallationStatus, PickupStatus, ReferralStatus,
    import::{
        Decision, Ending, MAX_ROWS_PER_SHEET, PICKUP_COUNT_COLUMNS, README_NAMES, Sheet, Word,
        yes_no_word,
    },
};
use uuid::Uuid;

use super::{ImportError, allowed};
use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{
            attendance, batch, bulk_recycling, cohort, cohort_module, device, device_event, donor,
            erasure, imported_record, installation, organisation, pickup, pickup_count, referral,
            storage_medium,
        },
    },
    services::{
        access::Action,
        calendar::{self, ProgrammeCalendar, programme_day, programme_time},
    },
};

/// A cell to write.
enum Value {
    Text(String),
    Number(f64),
    Day(NaiveDate),
    Time(NaiveTime),
}

type Line = HashMap<&'static str, Value>;

fn text(value: impl Into<String>) -> Value {
    Value::Text(value.into())
}

/// Puts `value` under `key` when there is one.
fn put(line: &mut Line, key: &'static str, value: Option<Value>) {
    if let Some(value) = value {
        line.insert(key, value);
    }
}

fn workbook_error(err: XlsxError) -> ImportError {
    ImportError::Db(DbErr::Custom(format!("writing the workbook: {err}")))
}

/// A workbook of every sheet, its instructions first, with `lines` under
/// each sheet's header; a sheet longer than `rows_per_tab` goes on over
/// tabs named after it ("Mouvements (2)"), which an import reads as one.
fn workbook(
    french: bool,
    lines: &HashMap<Sheet, Vec<Line>>,
    rows_per_tab: usize,
) -> Result<Vec<u8>, ImportError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let readme = book.add_worksheet();
    readme
        .set_name(if french {
            README_NAMES.0
        } else {
            README_NAMES.1
        })
        .map_err(workbook_error)?;
    readme.set_column_width(0, 110).map_err(workbook_error)?;
    for (row, line) in instructions(french).iter().enumerate() {
        readme
            .write_string(row as u32, 0, *line)
            .map_err(workbook_error)?;
    }
    for sheet in Sheet::ALL {
        let all = lines.get(sheet).map_or(&[][..], Vec::as_slice);
        // An empty sheet still has its tab, with its headers.
        let tabs: Vec<&[Line]> = if all.is_empty() {
            vec![all]
        } else {
            all.chunks(rows_per_tab.max(1)).collect()
        };
        for (part, tab) in tabs.into_iter().enumerate() {
            write_tab(&mut book, &bold, *sheet, french, part as u32 + 1, tab)?;
        }
    }
    book.save_to_buffer().map_err(workbook_error)
}

fn write_tab(
    book: &mut Workbook,
    bold: &Format,
    sheet: Sheet,
    french: bool,
    part: u32,
    lines: &[Line],
) -> Result<(), ImportError> {
    {
        let page = book.add_worksheet();
        page.set_name(sheet.tab_name(french, part))
            .map_err(workbook_error)?;
        for (col, column) in sheet.columns().iter().enumerate() {
            let col = col as u16;
            page.write_string_with_format(0, col, column.header(french), bold)
                .map_err(workbook_error)?;
            page.set_column_width(col, 18).map_err(workbook_error)?;
        }
        page.set_freeze_panes(1, 0).map_err(workbook_error)?;
        for (row, line) in lines.iter().enumerate() {
            let row = row as u32 + 1;
            for (col, column) in sheet.columns().iter().enumerate() {
                let col = col as u16;
                match line.get(column.key) {
                    None => {}
                    Some(Value::Text(t)) => {
                        page.write_string(row, col, t.as_str())
                            .map_err(workbook_error)?;
                    }
                    Some(Value::Number(n)) => {
                        page.write_number(row, col, *n).map_err(workbook_error)?;
                    }
                    Some(Value::Day(d)) => {
                        page.write_string(row, col, d.format("%d/%m/%Y").to_string())
                            .map_err(workbook_error)?;
                    }
                    Some(Value::Time(t)) => {
                        page.write_string(row, col, t.format("%H:%M").to_string())
                            .map_err(workbook_error)?;
                    }
                }
            }
        }
    }
    Ok(())
}

fn instructions(french: bool) -> Vec<&'static str> {
    if french {
        vec![
            "Modèle d'import Passerelle",
            "",
            "Remplissez un onglet par sorte de fiche, une ligne par fiche, sans changer les en-têtes (en français ou en anglais).",
            "Les colonnes obligatoires sont : la référence de chaque fiche, et les dates et types que l'onglet demande ; les autres peuvent rester vides.",
            "Chaque fiche porte votre propre référence (Réf.) : les autres onglets la citent, et un même fichier importé deux fois ne crée rien en double.",
            "Dates au format jj/mm/aaaa, nombres avec une virgule décimale si besoin, oui ou non pour les cases à cocher.",
            "Lots : ce que le collecteur remet à un atelier, et le jour où l'atelier l'a reçu ; chaque collecte cite son lot.",
            "Mouvements : un changement de statut d'un appareil par ligne (Prêt, Réservé, Installé, Revenu…), à sa date.",
            "Pas de formules ni de cellules fusionnées dans les en-têtes. Un fichier CSV (séparateur point-virgule) contient un seul onglet.",
            "Passerelle vérifie tout le fichier avant d'enregistrer : rien n'est enregistré tant qu'une ligne est refusée.",
        ]
    } else {
        vec![
            "Passerelle import template",
            "",
            "Fill one tab per kind of record, one row per record, keeping the headers (in French or English).",
            "Required columns: each record's reference, and the dates and types the tab asks for; the others may stay empty.",
            "Each record carries your own reference (Ref.): other tabs name it, and the same file imported twice creates nothing twice.",
            "Dates as dd/mm/yyyy, numbers with a decimal comma or point, yes or no for ticks.",
            "Batches: what a collector hands to a workshop, and the day the workshop received it; each pickup names its batch.",
            "Device moves: one change of a device's status per row (Ready, Reserved, Installed, Returned…), with its date.",
            "No formulas and no merged header cells. A CSV file (semicolon-separated) holds one tab.",
            "Passerelle checks the whole file before saving: nothing is saved while any row is refused.",
        ]
    }
}

/// The empty workbook, with its instructions.
pub fn template(viewer: &StaffUser, french: bool) -> Result<Vec<u8>, ImportError> {
    allowed(viewer, Action::Read)?;
    workbook(french, &HashMap::new(), MAX_ROWS_PER_SHEET)
}

/// Everything the programme holds, as the template's workbook.
pub async fn export(db: &Db, viewer: &StaffUser, french: bool) -> Result<Vec<u8>, ImportError> {
    allowed(viewer, Action::Read)?;
    let lines = lines(db, viewer.programme_id, french).await?;
    workbook(french, &lines, MAX_ROWS_PER_SHEET)
}

/// The reference each record is known by.
struct References(HashMap<Uuid, String>);

impl References {
    fn of(&self, id: Uuid) -> String {
        self.0.get(&id).cloned().unwrap_or_else(|| id.to_string())
    }
}

async fn lines(db: &Db, programme: Uuid, french: bool) -> Result<HashMap<Sheet, Vec<Line>>, DbErr> {
    let conn = &db.conn;
    let cal: ProgrammeCalendar = calendar::of(conn, programme).await?;
    let day = |at| programme_day(cal.zone, at);
    let refs = References(
        imported_record::Entity::find()
            .filter(imported_record::Column::ProgrammeId.eq(programme))
            .all(conn)
            .await?
            .into_iter()
            .filter_map(|r| r.reference.map(|reference| (r.record_id, reference)))
            .collect(),
    );
    let organisations: HashMap<Uuid, String> = organisation::Entity::find()
        .filter(organisation::Column::ProgrammeId.eq(programme))
        .all(conn)
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let organisation = |id: Uuid| organisations.get(&id).cloned().map(text);
    let mut out: HashMap<Sheet, Vec<Line>> = HashMap::new();

    for d in donor::Entity::find()
        .filter(donor::Column::ProgrammeId.eq(programme))
        .order_by_asc(donor::Column::CreatedAt)
        .all(conn)
        .await?
    {
        let mut line = Line::new();
        line.insert("reference", text(refs.of(d.id)));
        line.insert("name", text(d.name));
        line.insert("kind", text(d.kind.word(french)));
        put(&mut line, "contact", d.contact_name.map(text));
        put(&mut line, "phone", d.phone.map(text));
        put(&mut line, "email", d.email.map(text));
        put(&mut line, "address", d.address.map(text));
        put(&mut line, "postcode", d.postcode.map(text));
        put(&mut line, "city", d.city.map(text));
        out.entry(Sheet::Donors).or_default().push(line);
    }

    let batches = batch::Entity::find()
        .filter(batch::Column::ProgrammeId.eq(programme))
        .order_by_asc(batch::Column::Number)
        .all(conn)
        .await?;
    let batch_ids: Vec<Uuid> = batches.iter().map(|b| b.id).collect();
    for chunk in batch_ids.chunks(super::CHUNK) {
        for r in bulk_recycling::Entity::find()
            .filter(bulk_recycling::Column::BatchId.is_in(chunk.to_vec()))
            .order_by_asc(bulk_recycling::Column::RecycledOn)
            .all(conn)
            .await?
        {
            let mut line = Line::new();
            line.insert("batch", text(refs.of(r.batch_id)));
            line.insert("category", text(r.category.word(french)));
            line.insert("count", Value::Number(r.count as f64));
            line.insert("weight_kg", Value::Number(r.weight_grams as f64 / 1000.0));
            line.insert("recycled_on", Value::Day(r.recycled_on));
            out.entry(Sheet::BulkRecycling).or_default().push(line);
        }
    }
    for b in batches {
        let mut line = Line::new();
        line.insert("reference", text(refs.of(b.id)));
        put(&mut line, "refurbisher", organisation(b.refurbisher_id));
        line.insert("handed_over_on", Value::Day(day(b.handed_over_at)));
        put(
            &mut line,
            "received_on",
            b.received_at.map(|at| Value::Day(day(at))),
        );
        put(&mut line, "notes", b.notes.map(text));
        out.entry(Sheet::Batches).or_default().push(line);
    }

    let pickups = pickup::Entity::find()
        .filter(pickup::Column::ProgrammeId.eq(programme))
        .filter(pickup::Column::Status.eq(PickupStatus::Collected))
        .order_by_asc(pickup::Column::CollectedAt)
        .all(conn)
        .await?;
    let mut counts: HashMap<Uuid, Vec<pickup_count::Model>> = HashMap::new();
    for chunk in pickups.chunks(super::CHUNK) {
        for count in pickup_count::Entity::find()
            .filter(pickup_count::Column::PickupId.is_in(chunk.iter().map(|p| p.id)))
            .all(conn)
            .await?
        {
            counts.entry(count.pickup_id).or_default().push(count);
        }
    }
    for p in pickups {
        let Some(collected_at) = p.collected_at else {
            continue;
        };
        let mut line = Line::new();
        line.insert("reference", text(refs.of(p.id)));
        line.insert("donor", text(refs.of(p.donor_id)));
        line.insert("collected_on", Value::Day(day(collected_at)));
        put(&mut line, "collector", organisation(p.organisation_id));
        put(&mut line, "batch", p.batch_id.map(|b| text(refs.of(b))));
        put(
            &mut line,
            "weight_kg",
            p.weight_grams.map(|g| Value::Number(g as f64 / 1000.0)),
        );
        for count in counts.remove(&p.id).unwrap_or_default() {
            if let Some((_, key)) = PICKUP_COUNT_COLUMNS
                .iter()
                .find(|(c, _)| *c == count.category)
            {
                line.insert(key, Value::Number(count.count as f64));
            }
        }
        put(&mut line, "notes", p.notes.map(text));
        out.entry(Sheet::Pickups).or_default().push(line);
    }

    let devices = device::Entity::find()
        .filter(device::Column::ProgrammeId.eq(programme))
        .order_by_asc(device::Column::CreatedAt)
        .all(conn)
        .await?;
    let device_ids: Vec<Uuid> = devices.iter().map(|d| d.id).collect();
    let mut moves = Vec::new();
    let mut received: HashMap<Uuid, chrono::DateTime<chrono::Utc>> = HashMap::new();
    for chunk in device_ids.chunks(super::CHUNK) {
        for event in device_event::Entity::find()
            .filter(device_event::Column::DeviceId.is_in(chunk.to_vec()))
            .order_by_asc(device_event::Column::At)
            .all(conn)
            .await?
        {
            if event.from_status.is_none() {
                received.entry(event.device_id).or_insert(event.at);
            } else {
                moves.push(event);
            }
        }
    }
    for d in &devices {
        let mut line = Line::new();
        line.insert("reference", text(refs.of(d.id)));
        line.insert("tag", text(d.tag.clone()));
        line.insert("kind", text(d.kind.word(french)));
        line.insert(
            "received_on",
            Value::Day(day(received.get(&d.id).copied().unwrap_or(d.created_at))),
        );
        line.insert("source", text(d.source.word(french)));
        put(&mut line, "pickup", d.pickup_id.map(|p| text(refs.of(p))));
        put(&mut line, "serial", d.serial.clone().map(text));
        put(&mut line, "brand", d.brand.clone().map(text));
        put(&mut line, "model", d.model.clone().map(text));
        put(&mut line, "cpu", d.cpu.clone().map(text));
        put(
            &mut line,
            "ram_gb",
            d.ram_gb.map(|n| Value::Number(n.into())),
        );
        put(
            &mut line,
            "storage_gb",
            d.storage_gb.map(|n| Value::Number(n.into())),
        );
        put(
            &mut line,
            "screen_inches",
            d.screen_inches.map(Value::Number),
        );
        put(&mut line, "grade", d.grade.map(|g| text(g.word(french))));
        put(
            &mut line,
            "operating_system",
            d.operating_system.clone().map(text),
        );
        put(&mut line, "supplier", d.supplier.clone().map(text));
        put(
            &mut line,
            "price",
            d.price_cents.map(|c| Value::Number(c as f64 / 100.0)),
        );
        put(&mut line, "purchased_on", d.purchased_on.map(Value::Day));
        put(&mut line, "funder", d.funder.clone().map(text));
        put(
            &mut line,
            "refurbisher",
            d.refurbisher_id.and_then(organisation),
        );
        put(
            &mut line,
            "recycled_kg",
            d.recycled_weight_grams
                .map(|g| Value::Number(g as f64 / 1000.0)),
        );
        put(&mut line, "notes", d.notes.clone().map(text));
        out.entry(Sheet::Devices).or_default().push(line);
    }
    moves.sort_by_key(|m| (m.device_id, m.at));
    for m in moves {
        let mut line = Line::new();
        line.insert("device", text(refs.of(m.device_id)));
        line.insert("status", text(m.to_status.word(french)));
        line.insert("on", Value::Day(day(m.at)));
        put(&mut line, "reason", m.reason.map(text));
        out.entry(Sheet::DeviceMoves).or_default().push(line);
    }

    let mut media: HashMap<Uuid, storage_medium::Model> = HashMap::new();
    let mut erasures = Vec::new();
    for chunk in device_ids.chunks(super::CHUNK) {
        for medium in storage_medium::Entity::find()
            .filter(storage_medium::Column::DeviceId.is_in(chunk.to_vec()))
            .all(conn)
            .await?
        {
            media.insert(medium.id, medium);
        }
        erasures.extend(
            erasure::Entity::find()
                .filter(erasure::Column::DeviceId.is_in(chunk.to_vec()))
                .order_by_asc(erasure::Column::CreatedAt)
                .all(conn)
                .await?,
        );
    }
    for e in erasures {
        let medium = media.get(&e.medium_id);
        let mut line = Line::new();
        line.insert("device", text(refs.of(e.device_id)));
        line.insert("erased_on", Value::Day(e.erased_on));
        line.insert("method", text(e.method.word(french)));
        line.insert("tool", text(e.tool));
        line.insert("operator", text(e.operator));
        line.insert("passed", text(yes_no_word(e.passed, french)));
        put(
            &mut line,
            "medium",
            medium.map(|m| text(m.kind.word(french))),
        );
        put(
            &mut line,
            "medium_serial",
            medium.and_then(|m| m.serial.clone()).map(text),
        );
        out.entry(Sheet::Erasures).or_default().push(line);
    }

    let cohorts = cohort::Entity::find()
        .filter(cohort::Column::ProgrammeId.eq(programme))
        .order_by_asc(cohort::Column::StartsOn)
        .all(conn)
        .await?;
    let providers: HashMap<Uuid, Uuid> =
        cohorts.iter().map(|c| (c.id, c.organisation_id)).collect();
    for c in &cohorts {
        let mut line = Line::new();
        line.insert("reference", text(refs.of(c.id)));
        line.insert("name", text(c.name.clone()));
        put(&mut line, "provider", organisation(c.organisation_id));
        line.insert("places", Value::Number(c.places.into()));
        line.insert("starts_on", Value::Day(c.starts_on));
        line.insert("ends_on", Value::Day(c.ends_on));
        out.entry(Sheet::Cohorts).or_default().push(line);
    }
    let cohort_ids: Vec<Uuid> = cohorts.iter().map(|c| c.id).collect();
    let mut positions: HashMap<Uuid, i32> = HashMap::new();
    for chunk in cohort_ids.chunks(super::CHUNK) {
        for m in cohort_module::Entity::find()
            .filter(cohort_module::Column::CohortId.is_in(chunk.to_vec()))
            .order_by_asc(cohort_module::Column::CohortId)
            .order_by_asc(cohort_module::Column::Position)
            .all(conn)
            .await?
        {
            positions.insert(m.id, m.position);
            let starts = programme_time(cal.zone, m.starts_at);
            let ends = programme_time(cal.zone, m.ends_at);
            let mut line = Line::new();
            line.insert("cohort", text(refs.of(m.cohort_id)));
            line.insert("number", Value::Number(m.position.into()));
            line.insert("title", text(m.title));
            line.insert("day", Value::Day(starts.date()));
            line.insert("from", Value::Time(starts.time()));
            line.insert("to", Value::Time(ends.time()));
            put(&mut line, "place", m.place.map(text));
            put(&mut line, "trainer", m.trainer.map(text));
            if providers.get(&m.cohort_id) != Some(&m.organisation_id) {
                put(&mut line, "provider", organisation(m.organisation_id));
            }
            line.insert("mandatory", text(yes_no_word(m.mandatory, french)));
            out.entry(Sheet::Modules).or_default().push(line);
        }
    }

    for r in referral::Entity::find()
        .filter(referral::Column::ProgrammeId.eq(programme))
        .order_by_asc(referral::Column::ReferredAt)
        .all(conn)
        .await?
    {
        let mut line = Line::new();
        line.insert("reference", text(refs.of(r.id)));
        line.insert("referred_on", Value::Day(day(r.referred_at)));
        put(
            &mut line,
            "prescriber",
            organisation(r.prescriber_organisation_id),
        );
        line.insert("prescriber_kind", text(r.prescriber_kind.word(french)));
        if r.erased_at.is_some() {
            line.insert("erased", text(yes_no_word(true, french)));
        } else {
            line.insert("first_name", text(r.first_name));
            line.insert("last_name", text(r.last_name));
            line.insert("phone", text(r.phone));
        }
        line.insert("gender", text(r.gender.word(french)));
        put(
            &mut line,
            "birth_year",
            r.birth_year.map(|y| Value::Number(y.into())),
        );
        put(&mut line, "email", r.email.map(text));
        put(&mut line, "address", r.address.map(text));
        put(&mut line, "neighbourhood", r.neighbourhood.map(text));
        line.insert(
            "priority",
            text(yes_no_word(r.priority_neighbourhood, french)),
        );
        line.insert("adults", Value::Number(r.household_adults.into()));
        line.insert("children", Value::Number(r.household_children.into()));
        line.insert("internet", text(r.internet.word(french)));
        line.insert("device_preference", text(r.device_preference.word(french)));
        let decision = match r.status {
            ReferralStatus::Received | ReferralStatus::Invited => None,
            ReferralStatus::NotEligible => Some(Decision::NotEligible),
            _ => Some(Decision::Eligible),
        };
        put(
            &mut line,
            "decision",
            decision.map(|d| text(d.word(french))),
        );
        put(
            &mut line,
            "decided_on",
            r.decided_at.map(|at| Value::Day(day(at))),
        );
        put(&mut line, "cohort", r.cohort_id.map(|c| text(refs.of(c))));
        put(
            &mut line,
            "enrolled_on",
            r.enrolled_at.map(|at| Value::Day(day(at))),
        );
        put(
            &mut line,
            "completed_on",
            r.completed_at.map(|at| Value::Day(day(at))),
        );
        put(
            &mut line,
            "dropped_out_on",
            r.dropped_out_at.map(|at| Value::Day(day(at))),
        );
        put(&mut line, "drop_out_reason", r.drop_out_reason.map(text));
        put(
            &mut line,
            "device_outcome",
            r.device_outcome.map(|o| text(o.word(french))),
        );
        put(
            &mut line,
            "device_outcome_on",
            r.device_outcome_at.map(|at| Value::Day(day(at))),
        );
        out.entry(Sheet::Learners).or_default().push(line);
    }

    let module_ids: Vec<Uuid> = positions.keys().copied().collect();
    for chunk in module_ids.chunks(super::CHUNK) {
        for a in attendance::Entity::find()
            .filter(attendance::Column::ModuleId.is_in(chunk.to_vec()))
            .order_by_asc(attendance::Column::MarkedAt)
            .all(conn)
            .await?
        {
            let mut line = Line::new();
            line.insert("learner", text(refs.of(a.referral_id)));
            put(
                &mut line,
                "number",
                positions
                    .get(&a.module_id)
                    .map(|p| Value::Number((*p).into())),
            );
            line.insert("mark", text(a.mark.word(french)));
            out.entry(Sheet::Attendance).or_default().push(line);
        }
    }

    for i in installation::Entity::find()
        .filter(installation::Column::ProgrammeId.eq(programme))
        .order_by_asc(installation::Column::CreatedAt)
        .all(conn)
        .await?
    {
        let mut line = Line::new();
        line.insert("reference", text(refs.of(i.id)));
        line.insert("learner", text(refs.of(i.referral_id)));
        line.insert("device", text(refs.of(i.device_id)));
        line.insert("matched_on", Value::Day(day(i.created_at)));
        put(&mut line, "installer", organisation(i.installer_id));
        let installed = matches!(
            i.status,
            InstallationStatus::Installed | InstallationStatus::Returned
        );
        if installed {
            put(
                &mut line,
                "installed_on",
                i.closed_at.map(|at| Value::Day(day(at))),
            );
            put(
                &mut line,
                "connection",
                i.connection.map(|c| text(c.word(french))),
            );
            put(
                &mut line,
                "set_up",
                i.device_set_up.map(|s| text(yes_no_word(s, french))),
            );
        }
        let ending = match i.status {
            InstallationStatus::Cancelled => Some(Ending::Undone),
            InstallationStatus::Returned => Some(Ending::Returned),
            _ => None,
        };
        put(&mut line, "ended", ending.map(|e| text(e.word(french))));
        put(&mut line, "ended_reason", i.ended_reason.map(text));
        out.entry(Sheet::Installations).or_default().push(line);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_sheet_goes_on_over_tabs_an_import_reads_as_one() {
        let donors: Vec<Line> = (1..=5)
            .map(|n| {
                let mut line = Line::new();
                line.insert("reference", text(format!("D{n}")));
                line
            })
            .collect();
        let lines = HashMap::from([(Sheet::Donors, donors)]);
        let bytes = workbook(true, &lines, 2).expect("a workbook");
        let tables = super::super::read::tables(&bytes, "export.xlsx").expect("read back");
        let tabs: Vec<(Sheet, u32, usize)> = tables
            .iter()
            .filter_map(|t| {
                super::super::plan::tab_of(t).map(|(sheet, part)| (sheet, part, t.rows.len()))
            })
            .filter(|(sheet, _, _)| *sheet == Sheet::Donors)
            .collect();
        assert_eq!(
            tabs,
            [
                (Sheet::Donors, 1, 2),
                (Sheet::Donors, 2, 2),
                (Sheet::Donors, 3, 1)
            ]
        );
        assert!(tables.iter().any(|t| t.name == "Donateurs (3)"));
    }
}
