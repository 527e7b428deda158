//! From a file's tables to the records they make: each sheet read in the
//! order of `Sheet::ALL`, every cell checked, every reference resolved
//! against the rows above it or what an earlier import (or export) made.
//! Nothing here touches the database: `Known` is what it holds.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate, NaiveTime};
use shared_types::{
    BatchStatus, DeviceSource, DeviceStatus, DonorKind, ErrorCode, Gender, InstallationStatus,
    InternetAccess, MaterialCategory, MediumKind, OrganisationKind, PickupStatus, ReferralStatus,
    device::{check_specs, device_tag, holds_data, parse_tag},
    import::{
        Decision, Ending, Finding, PICKUP_COUNT_COLUMNS, Problem, README_NAMES, Sheet, SheetTally,
    },
    pickup::{MAX_COUNT_PER_CATEGORY, MAX_WEIGHT_GRAMS},
    text::search_key,
    training::{MAX_PLACES, check_household},
    validation,
};
use uuid::Uuid;

use super::{
    read::{Table, cell_text},
    rows::{Clock, Findings, LONG, Row, SHORT},
};
use crate::{
    auth::StaffUser,
    db::entities::{
        attendance, batch, batch_count, bulk_recycling, cohort, cohort_module, device,
        device_event, donor, erasure, imported_record, installation, organisation, pickup,
        pickup_count, referral, storage_medium,
    },
    services::{
        devices::{creation::serial_key, erasure::erased_since},
        installations::household_key,
    },
};

/// What the database already holds that a file's rows may name or clash with.
#[derive(Debug, Default)]
pub struct Known {
    /// Records by the reference an earlier import gave them.
    pub references: HashMap<(Sheet, String), Uuid>,
    /// Records whose id a file gives as its reference (as exports write).
    pub ids: HashMap<Sheet, HashSet<Uuid>>,
    /// Organisations by `search_key` of their name.
    pub organisations: HashMap<String, Uuid>,
    pub tags: HashSet<String>,
    /// The highest tag number of each year.
    pub last_tag: HashMap<i32, i64>,
    pub serial_keys: HashSet<String>,
    /// The highest batch number of the programme.
    pub last_batch_number: i64,
    /// Learners of earlier imports: completed, and their household.
    pub learners: HashMap<Uuid, (bool, String)>,
    /// Learners, devices and households an installation holds now.
    pub held: HashSet<String>,
}

impl Known {
    fn find(&self, sheet: Sheet, reference: &str) -> Option<Uuid> {
        self.references
            .get(&(sheet, reference.to_string()))
            .copied()
            .or_else(|| {
                Uuid::parse_str(reference)
                    .ok()
                    .filter(|id| self.ids.get(&sheet).is_some_and(|ids| ids.contains(id)))
            })
    }
}

/// The records a file makes, in the order they are written.
#[derive(Debug, Default)]
pub struct Plan {
    pub organisations: Vec<organisation::Model>,
    pub donors: Vec<donor::Model>,
    pub batches: Vec<batch::Model>,
    pub batch_counts: Vec<batch_count::Model>,
    pub pickups: Vec<pickup::Model>,
    pub pickup_counts: Vec<pickup_count::Model>,
    pub bulk_recycling: Vec<bulk_recycling::Model>,
    pub devices: Vec<device::Model>,
    pub device_events: Vec<device_event::Model>,
    pub media: Vec<storage_medium::Model>,
    pub erasures: Vec<erasure::Model>,
    pub cohorts: Vec<cohort::Model>,
    pub modules: Vec<cohort_module::Model>,
    pub referrals: Vec<referral::Model>,
    pub attendance: Vec<attendance::Model>,
    pub installations: Vec<installation::Model>,
    pub provenance: Vec<imported_record::Model>,
}

pub struct Outcome {
    pub plan: Plan,
    pub tallies: Vec<SheetTally>,
    pub new_organisations: Vec<String>,
    pub findings: Findings,
}

/// A batch made by this file: what its pickups bring to it.
struct NewBatch {
    index: usize,
    handed_over_on: NaiveDate,
    received_on: Option<NaiveDate>,
    refurbisher: Uuid,
    counts: BTreeMap<MaterialCategory, i64>,
    pickups: usize,
}

/// A move of a device of this file: its day, where it is in the file (tab,
/// line), the status it goes to and why.
type Move = (NaiveDate, (u32, u32), DeviceStatus, Option<String>);

/// A device made by this file, for its moves and erasures.
struct NewDevice {
    index: usize,
    source: DeviceSource,
    kind: MaterialCategory,
    received_on: NaiveDate,
    graded: bool,
    moves: Vec<Move>,
    /// Per medium (its serial, or none): (day, passed).
    erasures: BTreeMap<Option<String>, Vec<(NaiveDate, bool)>>,
}

struct Planner<'k> {
    known: &'k Known,
    viewer: &'k StaffUser,
    clock: Clock,
    file_name: String,
    plan: Plan,
    findings: Findings,
    tallies: BTreeMap<Sheet, (u32, u32)>,
    /// References this file creates.
    made: HashMap<(Sheet, String), Uuid>,
    new_organisations: Vec<String>,
    organisations: HashMap<String, Uuid>,
    devices: HashMap<Uuid, NewDevice>,
    batches: HashMap<Uuid, NewBatch>,
    /// The batch of each pickup made by this file.
    pickup_batches: HashMap<Uuid, Uuid>,
    last_batch_number: i64,
    /// Cohorts made by this file: their index and module numbers.
    cohorts: HashMap<Uuid, (usize, HashSet<i64>)>,
    referrals: HashMap<Uuid, usize>,
    /// Modules made by this file, by cohort and number.
    modules: HashMap<(Uuid, i64), usize>,
    /// Marks made by this file, by module and learner.
    marked: HashSet<(Uuid, Uuid)>,
    held: HashSet<String>,
    tags: HashSet<String>,
    last_tag: HashMap<i32, i64>,
    serial_keys: HashSet<String>,
}

/// Which sheet a tab is, and which of its tabs: by its name, else (a first
/// tab) by the headers it has most of.
pub(super) fn tab_of(table: &Table) -> Option<(Sheet, u32)> {
    if let Some(tab) = Sheet::tab(&table.name) {
        return Some(tab);
    }
    sheet_of(table).map(|sheet| (sheet, 1))
}

/// Which sheet a tab is: by its name, else by the headers it has most of.
pub(super) fn sheet_of(table: &Table) -> Option<Sheet> {
    if let Some(sheet) = Sheet::named(&table.name) {
        return Some(sheet);
    }
    let score = |sheet: Sheet| {
        table
            .headers
            .iter()
            .filter(|h| sheet.columns().iter().any(|c| c.is_named(h)))
            .count()
    };
    let best = Sheet::ALL.iter().copied().max_by_key(|s| score(*s))?;
    let ties = Sheet::ALL
        .iter()
        .filter(|s| score(**s) == score(best))
        .count();
    (score(best) > 0 && ties == 1).then_some(best)
}

fn header_finding(
    sheet: Sheet,
    part: u32,
    column: Option<String>,
    problem: Problem,
    value: Option<String>,
) -> Finding {
    Finding {
        part: (part > 1).then_some(part),
        sheet: Some(sheet),
        line: Some(1),
        column,
        problem,
        value,
    }
}

/// A sheet's columns by key, or its problems when its header is wrong (its
/// rows are then not read: every one would be wrong the same way).
fn layout(
    sheet: Sheet,
    part: u32,
    table: &Table,
    findings: &mut Findings,
) -> Option<HashMap<&'static str, usize>> {
    let before = findings.count();
    if table.merged_header {
        findings.push(header_finding(
            sheet,
            part,
            None,
            Problem::MergedHeader,
            None,
        ));
    }
    let mut columns = HashMap::new();
    for (index, header) in table.headers.iter().enumerate() {
        if header.is_empty() {
            let used = table
                .rows
                .iter()
                .any(|(_, cells)| cells.get(index).is_some_and(|c| !cell_text(c).is_empty()));
            if used {
                findings.push(header_finding(
                    sheet,
                    part,
                    Some(String::new()),
                    Problem::UnknownColumn,
                    None,
                ));
            }
            continue;
        }
        match sheet.columns().iter().find(|c| c.is_named(header)) {
            Some(column) if columns.contains_key(column.key) => findings.push(header_finding(
                sheet,
                part,
                Some(column.key.to_string()),
                Problem::DuplicateColumn,
                Some(header.clone()),
            )),
            Some(column) => {
                columns.insert(column.key, index);
            }
            None => findings.push(header_finding(
                sheet,
                part,
                Some(header.clone()),
                Problem::UnknownColumn,
                Some(header.clone()),
            )),
        }
    }
    for column in sheet.columns().iter().filter(|c| c.required) {
        if !columns.contains_key(column.key) {
            findings.push(header_finding(
                sheet,
                part,
                Some(column.key.to_string()),
                Problem::MissingColumn,
                None,
            ));
        }
    }
    (findings.count() == before).then_some(columns)
}

/// Reads `tables` into the records they make.
pub fn plan(
    tables: &[Table],
    known: &Known,
    viewer: &StaffUser,
    clock: Clock,
    file_name: &str,
) -> Outcome {
    let mut planner = Planner {
        known,
        viewer,
        clock,
        // The name as the person's computer gave it, without what no
        // database keeps (NUL) or a log would misread (line breaks).
        file_name: file_name
            .chars()
            .filter(|c| !c.is_control())
            .take(255)
            .collect(),
        plan: Plan::default(),
        findings: Findings::default(),
        tallies: BTreeMap::new(),
        made: HashMap::new(),
        new_organisations: Vec::new(),
        organisations: known.organisations.clone(),
        devices: HashMap::new(),
        batches: HashMap::new(),
        pickup_batches: HashMap::new(),
        last_batch_number: known.last_batch_number,
        cohorts: HashMap::new(),
        referrals: HashMap::new(),
        modules: HashMap::new(),
        marked: HashSet::new(),
        held: known.held.clone(),
        tags: known.tags.clone(),
        last_tag: known.last_tag.clone(),
        serial_keys: known.serial_keys.clone(),
    };
    let mut by_sheet: BTreeMap<Sheet, BTreeMap<u32, &Table>> = BTreeMap::new();
    for table in tables {
        let readme = [README_NAMES.0, README_NAMES.1]
            .iter()
            .any(|name| search_key(name) == search_key(&table.name));
        let blank = readme || (table.rows.is_empty() && table.headers.iter().all(String::is_empty));
        match tab_of(table) {
            Some((sheet, part))
                if !by_sheet
                    .get(&sheet)
                    .is_some_and(|tabs| tabs.contains_key(&part)) =>
            {
                by_sheet.entry(sheet).or_default().insert(part, table);
            }
            _ if blank => {}
            _ => planner.findings.push(Finding {
                sheet: None,
                line: None,
                column: None,
                problem: Problem::UnknownSheet,
                value: Some(table.name.clone()),
                part: None,
            }),
        }
    }
    if by_sheet
        .values()
        .flat_map(|tabs| tabs.values())
        .all(|t| t.rows.is_empty())
        && planner.findings.count() == 0
    {
        planner.findings.push(Finding {
            sheet: None,
            line: None,
            column: None,
            problem: Problem::Empty,
            value: None,
            part: None,
        });
    }
    for (sheet, tabs) in by_sheet {
        // A reference is once in the sheet, whichever of its tabs.
        let mut seen: HashMap<String, u32> = HashMap::new();
        for (part, table) in tabs {
            planner.read_tab(sheet, part, table, &mut seen);
        }
    }
    planner.lifecycles();
    planner.batch_counts();
    Outcome {
        plan: planner.plan,
        tallies: planner
            .tallies
            .into_iter()
            .map(|(sheet, (new, existing))| SheetTally {
                sheet,
                new,
                existing,
            })
            .collect(),
        new_organisations: planner.new_organisations,
        findings: planner.findings,
    }
}

/// The text of a cell when given, normalised by `check`.
fn optional<T>(
    row: &mut Row,
    key: &str,
    max: usize,
    check: fn(&str) -> Result<T, ErrorCode>,
) -> Option<T> {
    let text = row.text(key, max)?;
    row.checked(key, check(&text))
}

impl Planner<'_> {
    /// Reads one tab of `sheet` (its `part`) into the plan, row by row.
    fn read_tab(
        &mut self,
        sheet: Sheet,
        part: u32,
        table: &Table,
        seen: &mut HashMap<String, u32>,
    ) {
        let Some(columns) = layout(sheet, part, table, &mut self.findings) else {
            return;
        };
        self.tallies.entry(sheet).or_default();
        let known = self.known;
        let clock = self.clock;
        for (line, cells) in &table.rows {
            let mut row = Row::new(sheet, part, *line, cells, &columns, clock);
            if sheet.has_reference() {
                let Some(reference) = row.required_text("reference", SHORT) else {
                    row.finish(&mut self.findings);
                    continue;
                };
                if let Some(first) = seen.insert(reference.clone(), *line) {
                    row.flag_with(
                        "reference",
                        Problem::DuplicateReference,
                        Some(format!("{reference} ({first})")),
                    );
                    row.finish(&mut self.findings);
                    continue;
                }
                if let Some(id) = known.find(sheet, &reference) {
                    self.made.insert((sheet, reference), id);
                    self.tallies.entry(sheet).or_default().1 += 1;
                    row.finish(&mut self.findings);
                    continue;
                }
                let id = Uuid::parse_str(&reference).unwrap_or_else(|_| Uuid::new_v4());
                if self.read(sheet, &mut row, id) {
                    self.made.insert((sheet, reference.clone()), id);
                    self.provenance(sheet, Some(reference), id, *line);
                    self.tallies.entry(sheet).or_default().0 += 1;
                }
            } else {
                self.read(sheet, &mut row, Uuid::new_v4());
            }
            row.finish(&mut self.findings);
        }
    }

    /// Reads one row of `sheet` into the plan; whether it was sound.
    fn read(&mut self, sheet: Sheet, row: &mut Row, id: Uuid) -> bool {
        match sheet {
            Sheet::Donors => self.donor(row, id),
            Sheet::Batches => self.batch(row, id),
            Sheet::BulkRecycling => self.bulk_recycling(row),
            Sheet::Pickups => self.pickup(row, id),
            Sheet::Devices => self.device(row, id),
            Sheet::DeviceMoves => self.device_move(row),
            Sheet::Erasures => self.erasure(row),
            Sheet::Cohorts => self.cohort(row, id),
            Sheet::Modules => self.module(row, id),
            Sheet::Learners => self.learner(row, id),
            Sheet::Attendance => self.attendance(row),
            Sheet::Installations => self.installation(row, id),
        }
    }

    fn provenance(&mut self, sheet: Sheet, reference: Option<String>, record_id: Uuid, line: u32) {
        self.plan.provenance.push(imported_record::Model {
            id: Uuid::new_v4(),
            programme_id: self.viewer.programme_id,
            sheet: serde_plain(sheet),
            reference,
            record_id,
            file_name: self.file_name.clone(),
            line: line as i32,
            imported_by: self.viewer.id,
            imported_at: self.clock.now,
        });
    }

    /// The record a cell names: made by a row above, or earlier.
    fn resolve(&self, row: &mut Row, key: &str, sheet: Sheet) -> Option<Uuid> {
        let reference = row.text(key, SHORT)?;
        let found = self
            .made
            .get(&(sheet, reference.clone()))
            .copied()
            .or_else(|| self.known.find(sheet, &reference));
        if found.is_none() {
            row.flag(key, Problem::UnknownReference);
        }
        found
    }

    fn required_resolve(&self, row: &mut Row, key: &str, sheet: Sheet) -> Option<Uuid> {
        if !row.has(key) {
            row.flag_with(key, Problem::Required, None);
            return None;
        }
        self.resolve(row, key, sheet)
    }

    /// The organisation a cell names, made with `kind` when unknown.
    fn organisation(&mut self, row: &mut Row, key: &str, kind: OrganisationKind) -> Option<Uuid> {
        let name = row.text(key, SHORT)?;
        let name = row.checked(key, validation::normalise_name(&name))?;
        let folded = search_key(&name);
        if let Some(id) = self.organisations.get(&folded) {
            return Some(*id);
        }
        if !row.sound() {
            return None;
        }
        let id = Uuid::new_v4();
        self.organisations.insert(folded, id);
        self.new_organisations.push(name.clone());
        self.plan.organisations.push(organisation::Model {
            id,
            programme_id: self.viewer.programme_id,
            name,
            kind,
            phone: None,
            created_at: self.clock.now,
        });
        Some(id)
    }

    fn donor(&mut self, row: &mut Row, id: Uuid) -> bool {
        let name = row
            .required_text("name", SHORT)
            .and_then(|n| row.checked("name", validation::normalise_name(&n)));
        let kind: Option<DonorKind> = row.required_word("kind");
        let contact = row.text("contact", SHORT);
        let phone = optional(row, "phone", SHORT, validation::phone_number);
        let email = optional(row, "email", SHORT, validation::normalise_email);
        let address = row.text("address", LONG);
        let postcode = optional(row, "postcode", SHORT, validation::normalise_postcode);
        let city = row.text("city", SHORT);
        let (Some(name), Some(kind), true) = (name, kind, row.sound()) else {
            return false;
        };
        let key = search_key(
            &[Some(name.as_str()), city.as_deref(), postcode.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        );
        self.plan.donors.push(donor::Model {
            id,
            programme_id: self.viewer.programme_id,
            kind,
            name,
            search_key: key,
            contact_name: contact,
            phone,
            email,
            address,
            postcode,
            city,
            agreement_reference: None,
            agreement_starts_on: None,
            agreement_ends_on: None,
            notes: None,
            created_at: self.clock.now,
        });
        true
    }

    fn batch(&mut self, row: &mut Row, id: Uuid) -> bool {
        let refurbisher = if row.has("refurbisher") {
            self.organisation(row, "refurbisher", OrganisationKind::Refurbisher)
        } else {
            row.flag_with("refurbisher", Problem::Required, None);
            None
        };
        let handed_over_on = row.required_day("handed_over_on");
        let received_on = row.day("received_on");
        row.in_order("received_on", handed_over_on, received_on);
        let notes = row.text("notes", LONG);
        let (Some(refurbisher), Some(handed_over_on), true) =
            (refurbisher, handed_over_on, row.sound())
        else {
            return false;
        };
        self.last_batch_number += 1;
        self.batches.insert(
            id,
            NewBatch {
                index: self.plan.batches.len(),
                handed_over_on,
                received_on,
                refurbisher,
                counts: BTreeMap::new(),
                pickups: 0,
            },
        );
        self.plan.batches.push(batch::Model {
            id,
            programme_id: self.viewer.programme_id,
            number: self.last_batch_number,
            // The collector of its first pickup, below.
            collector_id: self.viewer.organisation_id,
            refurbisher_id: refurbisher,
            status: if received_on.is_some() {
                BatchStatus::Received
            } else {
                BatchStatus::HandedOver
            },
            handed_over_at: self.clock.noon(handed_over_on, 1),
            handed_over_by: self.viewer.id,
            weight_grams: 0,
            received_at: received_on.map(|day| self.clock.noon(day, 2)),
            received_by: received_on.map(|_| self.viewer.id),
            notes,
            created_at: self.clock.now,
        });
        true
    }

    /// Material of a batch of this file recycled in bulk, after its receipt.
    /// A row of a batch an earlier file made is already there.
    fn bulk_recycling(&mut self, row: &mut Row) -> bool {
        let batch = self.required_resolve(row, "batch", Sheet::Batches);
        let category: Option<MaterialCategory> = row.required_word("category");
        let count = row.whole("count", 0, MAX_COUNT_PER_CATEGORY).unwrap_or(0);
        if !row.has("weight_kg") {
            row.flag_with("weight_kg", Problem::Required, None);
        }
        let weight_kg = row.number("weight_kg");
        let recycled_on = row.required_day("recycled_on");
        let (Some(batch), Some(category), Some(weight_kg), Some(recycled_on)) =
            (batch, category, weight_kg, recycled_on)
        else {
            return false;
        };
        let Some(made) = self.batches.get(&batch) else {
            self.tallies.entry(row.sheet).or_default().1 += 1;
            return false;
        };
        match made.received_on {
            Some(received) => row.in_order("recycled_on", Some(received), Some(recycled_on)),
            // Nothing is recycled from a batch the workshop has not received.
            None => row.flag("batch", Problem::Invalid),
        }
        let entry = shared_types::pickup::BulkRecycling {
            category,
            count,
            weight_kg,
        };
        row.checked("weight_kg", entry.check());
        if !row.sound() {
            return false;
        }
        self.plan.bulk_recycling.push(bulk_recycling::Model {
            id: Uuid::new_v4(),
            batch_id: batch,
            category,
            count,
            weight_grams: entry.weight_grams(),
            recycled_on,
            recorded_by: self.viewer.id,
            recorded_at: self.clock.now,
        });
        self.tallies.entry(row.sheet).or_default().0 += 1;
        true
    }

    /// What each batch of the file was sent (and, received, counted): the
    /// sum of its pickups.
    fn batch_counts(&mut self) {
        for (id, batch) in &self.batches {
            for (category, count) in &batch.counts {
                self.plan.batch_counts.push(batch_count::Model {
                    batch_id: *id,
                    category: *category,
                    sent: *count,
                    received: batch.received_on.map(|_| *count),
                });
            }
        }
        self.plan
            .batch_counts
            .sort_by_key(|c| (c.batch_id, c.category));
    }

    fn pickup(&mut self, row: &mut Row, id: Uuid) -> bool {
        let donor = self.required_resolve(row, "donor", Sheet::Donors);
        let collected_on = row.required_day("collected_on");
        let collector = if row.has("collector") {
            self.organisation(row, "collector", OrganisationKind::Collector)
        } else {
            Some(self.viewer.organisation_id)
        };
        let grams = row
            .amount("weight_kg", 0.0, MAX_WEIGHT_GRAMS as f64 / 1000.0)
            .map(|kg| (kg * 1000.0).round() as i64);
        let mut counts = Vec::new();
        for (category, key) in PICKUP_COUNT_COLUMNS {
            if let Some(count) = row.whole(key, 0, MAX_COUNT_PER_CATEGORY)
                && count > 0
            {
                counts.push((*category, count));
            }
        }
        let notes = row.text("notes", LONG);
        let batch = self.resolve(row, "batch", Sheet::Batches);
        if let Some(batch) = batch {
            match self.batches.get(&batch) {
                // Collected before it was handed over in its batch.
                Some(made) => row.in_order("batch", collected_on, Some(made.handed_over_on)),
                // A batch of an earlier file keeps the pickups it has.
                None => row.flag("batch", Problem::Invalid),
            }
        }
        let (Some(donor), Some(day), Some(collector), true) =
            (donor, collected_on, collector, row.sound())
        else {
            return false;
        };
        if let Some(made) = batch.and_then(|b| self.batches.get_mut(&b)) {
            for (category, count) in &counts {
                *made.counts.entry(*category).or_insert(0) += count;
            }
            let model = &mut self.plan.batches[made.index];
            model.weight_grams += grams.unwrap_or(0);
            if made.pickups == 0 {
                model.collector_id = collector;
            }
            made.pickups += 1;
        }
        if let Some(batch) = batch {
            self.pickup_batches.insert(id, batch);
        }
        let at = self.clock.noon(day, 0);
        self.plan.pickups.push(pickup::Model {
            id,
            programme_id: self.viewer.programme_id,
            organisation_id: collector,
            donor_id: donor,
            status: PickupStatus::Collected,
            client_uuid: None,
            content_hash: None,
            scheduled_for: None,
            collected_at: Some(at),
            address: None,
            weight_grams: grams,
            latitude: None,
            longitude: None,
            location_accuracy_m: None,
            signature: None,
            signed_by: None,
            notes,
            cancel_reason: None,
            recorded_by: self.viewer.id,
            batch_id: batch,
            created_at: self.clock.now,
            updated_at: self.clock.now,
        });
        for (category, count) in counts {
            self.plan.pickup_counts.push(pickup_count::Model {
                pickup_id: id,
                category,
                count,
            });
        }
        true
    }

    fn device(&mut self, row: &mut Row, id: Uuid) -> bool {
        let kind: Option<MaterialCategory> = row.required_word("kind");
        let received_on = row.required_day("received_on");
        let source: Option<DeviceSource> = row.required_word("source");
        let pickup = self.resolve(row, "pickup", Sheet::Pickups);
        let tag = optional(row, "tag", SHORT, |t| {
            parse_tag(t).ok_or(ErrorCode::TagInvalid)
        });
        let serial = row.text("serial", 64);
        let brand = row.text("brand", SHORT);
        let model = row.text("model", SHORT);
        let cpu = row.text("cpu", SHORT);
        let ram = row.whole("ram_gb", 0, i32::MAX.into()).map(|n| n as i32);
        let storage = row
            .whole("storage_gb", 0, i32::MAX.into())
            .map(|n| n as i32);
        let screen = row.amount("screen_inches", 0.0, f64::MAX);
        row.checked("ram_gb", check_specs(ram, storage, screen));
        let grade = row.word("grade");
        let os = row.text("operating_system", SHORT);
        let supplier = row.text("supplier", SHORT);
        let price = row
            .amount("price", 0.0, shared_types::device::MAX_PRICE_EUROS)
            .map(|euros| (euros * 100.0).round() as i64);
        let purchased_on = row.day("purchased_on");
        let funder = row.text("funder", SHORT);
        let workshop = if row.has("refurbisher") {
            self.organisation(row, "refurbisher", OrganisationKind::Refurbisher)
        } else {
            None
        };
        // A donation comes in its pickup's batch, to that batch's workshop,
        // not before the workshop received it.
        let batch = pickup
            .filter(|_| source == Some(DeviceSource::Donation))
            .and_then(|p| self.pickup_batches.get(&p).copied());
        let in_batch = batch.and_then(|b| self.batches.get(&b));
        row.in_order(
            "received_on",
            in_batch.and_then(|b| b.received_on),
            received_on,
        );
        let refurbisher = workshop.or(in_batch.map(|b| b.refurbisher));
        let recycled_grams = row
            .amount("recycled_kg", 0.0, MAX_WEIGHT_GRAMS as f64 / 1000.0)
            .map(|kg| (kg * 1000.0).round() as i64);
        let notes = row.text("notes", LONG);
        if source == Some(DeviceSource::Donation) && (supplier.is_some() || price.is_some()) {
            row.flag("source", Problem::Invalid);
        }
        row.in_order("received_on", purchased_on, received_on);
        let key = serial_key(brand.as_deref(), serial.as_deref());
        if let Some(key) = &key
            && self.serial_keys.contains(key)
        {
            row.flag("serial", Problem::AlreadyTaken);
        }
        if let Some(tag) = &tag
            && self.tags.contains(tag)
        {
            row.flag("tag", Problem::AlreadyTaken);
        }
        let (Some(kind), Some(received_on), Some(source), true) =
            (kind, received_on, source, row.sound())
        else {
            return false;
        };
        let tag = tag.unwrap_or_else(|| {
            let year = received_on.year();
            let last = self.last_tag.entry(year).or_insert(0);
            loop {
                *last += 1;
                let tag = device_tag(year, *last);
                if !self.tags.contains(&tag) {
                    break tag;
                }
            }
        });
        self.tags.insert(tag.clone());
        if let Some(key) = &key {
            self.serial_keys.insert(key.clone());
        }
        let at = self.clock.noon(received_on, 0);
        self.devices.insert(
            id,
            NewDevice {
                index: self.plan.devices.len(),
                source,
                kind,
                received_on,
                graded: grade.is_some(),
                moves: Vec::new(),
                erasures: BTreeMap::new(),
            },
        );
        self.plan.devices.push(device::Model {
            id,
            programme_id: self.viewer.programme_id,
            tag,
            kind,
            brand,
            model,
            serial,
            serial_key: key,
            cpu,
            ram_gb: ram,
            storage_gb: storage,
            screen_inches: screen,
            grade,
            operating_system: os,
            status: DeviceStatus::Received,
            source,
            batch_id: batch,
            pickup_id: pickup.filter(|_| source == DeviceSource::Donation),
            supplier,
            price_cents: price,
            purchased_on: purchased_on.filter(|_| source == DeviceSource::Purchase),
            funder,
            recycled_weight_grams: recycled_grams,
            refurbisher_id: refurbisher,
            notes,
            created_at: at,
            updated_at: self.clock.now,
        });
        true
    }

    /// A move of a device made by this file (a device of an earlier import
    /// keeps the history it has: its rows are counted as already there).
    fn new_device(&mut self, row: &mut Row) -> Option<Option<Uuid>> {
        let id = self.required_resolve(row, "device", Sheet::Devices)?;
        if self.devices.contains_key(&id) {
            Some(Some(id))
        } else {
            self.tallies.entry(row.sheet).or_default().1 += 1;
            Some(None)
        }
    }

    fn device_move(&mut self, row: &mut Row) -> bool {
        let device = self.new_device(row);
        let status: Option<DeviceStatus> = row.required_word("status");
        let on = row.required_day("on");
        let reason = row.text("reason", LONG);
        let (Some(Some(device)), Some(status), Some(on), true) = (device, status, on, row.sound())
        else {
            return false;
        };
        if let Some(new) = self.devices.get_mut(&device) {
            new.moves.push((on, (row.part, row.line), status, reason));
        }
        self.tallies.entry(row.sheet).or_default().0 += 1;
        true
    }

    fn erasure(&mut self, row: &mut Row) -> bool {
        let device = self.new_device(row);
        let erased_on = row.required_day("erased_on");
        let method = row.required_word("method");
        let tool = row.required_text("tool", SHORT);
        let operator = row.required_text("operator", SHORT);
        let passed = row.yes_no("passed").unwrap_or(true);
        let medium: MediumKind = row.word("medium").unwrap_or(MediumKind::Other);
        let medium_serial = row.text("medium_serial", 64);
        let (Some(Some(device)), Some(erased_on), Some(method), Some(tool), Some(operator), true) =
            (device, erased_on, method, tool, operator, row.sound())
        else {
            return false;
        };
        let Some(new) = self.devices.get_mut(&device) else {
            return false;
        };
        if erased_on < new.received_on {
            row.flag("erased_on", Problem::DateBeforePreviousStep);
            return false;
        }
        let medium_id = match self
            .plan
            .media
            .iter()
            .find(|m| m.device_id == device && m.serial == medium_serial)
        {
            Some(found) => found.id,
            None => {
                let id = Uuid::new_v4();
                self.plan.media.push(storage_medium::Model {
                    id,
                    device_id: device,
                    kind: medium,
                    capacity_gb: None,
                    serial: medium_serial.clone(),
                    created_at: self.clock.noon(new.received_on, 0),
                });
                id
            }
        };
        new.erasures
            .entry(medium_serial)
            .or_default()
            .push((erased_on, passed));
        self.plan.erasures.push(erasure::Model {
            id: Uuid::new_v4(),
            medium_id,
            device_id: device,
            method,
            tool,
            erased_on,
            operator,
            passed,
            report_content_type: None,
            report_bytes: None,
            recorded_by: self.viewer.id,
            created_at: self.clock.noon(erased_on, row.line.into()),
        });
        self.tallies.entry(row.sheet).or_default().0 += 1;
        true
    }

    /// Each new device's moves, in order of their days (then of the file),
    /// checked against the lifecycle and the erasure rule, written as its
    /// history from its receipt.
    fn lifecycles(&mut self) {
        let mut ids: Vec<Uuid> = self.devices.keys().copied().collect();
        ids.sort_by_key(|id| self.devices[id].index);
        for id in ids {
            let Some(new) = self.devices.get_mut(&id) else {
                continue;
            };
            new.moves.sort_by_key(|(on, place, _, _)| (*on, *place));
            for records in new.erasures.values_mut() {
                records.sort_by_key(|(day, _)| *day);
            }
            let mut status = DeviceStatus::Received;
            let mut previous = self.clock.noon(new.received_on, 0);
            let mut last_return = None;
            self.plan.device_events.push(device_event::Model {
                id: Uuid::new_v4(),
                device_id: id,
                from_status: None,
                to_status: DeviceStatus::Received,
                at: previous,
                by_user: self.viewer.id,
                reason: None,
            });
            for (on, (part, line), to, reason) in &new.moves {
                let problem = if *on < new.received_on {
                    Some(Problem::DateBeforePreviousStep)
                } else if !status.can_become_for(*to, new.source) {
                    Some(Problem::MoveNotAllowed)
                } else if *to == DeviceStatus::Ready && !new.graded {
                    Some(Problem::Invalid)
                } else if *to == DeviceStatus::Ready && holds_data(new.kind) {
                    // Erased on the day it came back counts as after it.
                    let erased = !new.erasures.is_empty()
                        && new.erasures.values().all(|records| {
                            erased_since(
                                records
                                    .iter()
                                    .filter(|(day, _)| day <= on)
                                    .map(|(day, passed)| {
                                        (
                                            self.clock.noon(*day, 0) + chrono::Duration::hours(1),
                                            *passed,
                                        )
                                    }),
                                last_return,
                            )
                        });

                    (!erased).then_some(Problem::ErasureRequired)
                } else {
                    None
                };
                if let Some(problem) = problem {
                    let value = match problem {
                        Problem::MoveNotAllowed => Some(format!(
                            "{} → {}",
                            shared_types::import::Word::word(status, true),
                            shared_types::import::Word::word(*to, true)
                        )),
                        Problem::Invalid => Some(ErrorCode::GradeRequired.as_str().to_string()),
                        _ => None,
                    };
                    self.findings.push(Finding {
                        sheet: Some(Sheet::DeviceMoves),
                        line: Some(*line),
                        column: Some(if problem == Problem::DateBeforePreviousStep {
                            "on".into()
                        } else {
                            "status".into()
                        }),
                        problem,
                        value,
                        part: (*part > 1).then_some(*part),
                    });
                    break;
                }
                // In the order of the file, tab after tab, on the same day.
                let order = i64::from(*part - 1)
                    * (shared_types::import::MAX_ROWS_PER_SHEET as i64 + 2)
                    + i64::from(*line);
                let at = self
                    .clock
                    .noon(*on, order)
                    .max(previous + chrono::Duration::milliseconds(1));
                if *to == DeviceStatus::Returned {
                    last_return = Some(at);
                }
                self.plan.device_events.push(device_event::Model {
                    id: Uuid::new_v4(),
                    device_id: id,
                    from_status: Some(status),
                    to_status: *to,
                    at,
                    by_user: self.viewer.id,
                    reason: reason.clone(),
                });
                status = *to;
                previous = at;
            }
            let device = &mut self.plan.devices[new.index];
            device.status = status;
        }
    }

    fn cohort(&mut self, row: &mut Row, id: Uuid) -> bool {
        let name = row.required_text("name", SHORT);
        let provider = if row.has("provider") {
            self.organisation(row, "provider", OrganisationKind::TrainingProvider)
        } else {
            row.flag_with("provider", Problem::Required, None);
            None
        };
        let places = row.required_whole("places", 1, MAX_PLACES.into());
        let starts_on = row.planned_day("starts_on", true);
        let ends_on = row.planned_day("ends_on", true);
        row.in_order("ends_on", starts_on, ends_on);
        let (Some(name), Some(provider), Some(places), Some(starts_on), Some(ends_on), true) =
            (name, provider, places, starts_on, ends_on, row.sound())
        else {
            return false;
        };
        self.cohorts
            .insert(id, (self.plan.cohorts.len(), HashSet::new()));
        self.plan.cohorts.push(cohort::Model {
            id,
            programme_id: self.viewer.programme_id,
            organisation_id: provider,
            name,
            places: places as i32,
            starts_on,
            ends_on,
            created_at: self.clock.now,
        });
        true
    }

    fn module(&mut self, row: &mut Row, id: Uuid) -> bool {
        let cohort = self.required_resolve(row, "cohort", Sheet::Cohorts);
        let number = row.required_whole("number", 1, 100);
        let title = row.required_text("title", SHORT);
        let day = row.planned_day("day", true);
        let from = row.time("from");
        let to = row.time("to");
        let place = row.text("place", SHORT);
        let trainer = row.text("trainer", SHORT);
        let provider = if row.has("provider") {
            self.organisation(row, "provider", OrganisationKind::TrainingProvider)
        } else {
            None
        };
        let mandatory = row.yes_no("mandatory").unwrap_or(true);
        let (Some(cohort), Some(number), Some(title), Some(day), true) =
            (cohort, number, title, day, row.sound())
        else {
            return false;
        };
        let Some((index, numbers)) = self.cohorts.get_mut(&cohort) else {
            self.tallies.entry(row.sheet).or_default().1 += 1;
            return false;
        };
        if !numbers.insert(number) {
            row.flag("number", Problem::DuplicateReference);
            return false;
        }
        let cohort_row = &self.plan.cohorts[*index];
        let from = from.unwrap_or(NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default());
        let to =
            to.unwrap_or(from + chrono::Duration::minutes(shared_types::training::MODULE_MINUTES));
        if to <= from {
            row.flag("to", Problem::DateBeforePreviousStep);
            return false;
        }
        self.modules
            .insert((cohort, number), self.plan.modules.len());
        let start = crate::services::calendar::start_of_day(self.clock.calendar.zone, day);
        let midnight = NaiveTime::from_hms_opt(0, 0, 0).unwrap_or_default();
        self.plan.modules.push(cohort_module::Model {
            id,
            cohort_id: cohort,
            organisation_id: provider.unwrap_or(cohort_row.organisation_id),
            position: number as i32,
            title,
            place,
            trainer,
            starts_at: start + (from - midnight),
            ends_at: start + (to - midnight),
            mandatory,
        });
        self.tallies.entry(row.sheet).or_default().0 += 1;
        true
    }

    fn learner(&mut self, row: &mut Row, id: Uuid) -> bool {
        // A person whose data were erased (at their request, or after the
        // retention period) comes without name or phone: only the figures
        // the reports count.
        let erased = row.yes_no("erased").unwrap_or(false);
        let referred_on = row.required_day("referred_on");
        let prescriber = if row.has("prescriber") {
            self.organisation(row, "prescriber", OrganisationKind::Prescriber)
        } else {
            row.flag_with("prescriber", Problem::Required, None);
            None
        };
        let prescriber_kind = row.required_word("prescriber_kind");
        let (first_name, last_name) = if erased {
            (Some("Personne".to_string()), Some("effacée".to_string()))
        } else {
            (
                row.required_text("first_name", SHORT)
                    .and_then(|n| row.checked("first_name", validation::normalise_name(&n))),
                row.required_text("last_name", SHORT)
                    .and_then(|n| row.checked("last_name", validation::normalise_name(&n))),
            )
        };
        let gender: Gender = row.word("gender").unwrap_or(Gender::Unspecified);
        let this_year = self.clock.calendar.today(self.clock.now).year();
        let birth_year = row
            .whole("birth_year", 1900, this_year.into())
            .map(|y| y as i32);
        let phone = if erased {
            Some(String::new())
        } else {
            row.required_text("phone", SHORT)
                .and_then(|p| row.checked("phone", validation::phone_number(&p)))
        };
        let email = optional(row, "email", SHORT, validation::normalise_email);
        let address = row.text("address", LONG);
        let neighbourhood = row.text("neighbourhood", SHORT);
        let priority = row.yes_no("priority").unwrap_or(false);
        let adults = row.whole("adults", 1, 20).unwrap_or(1) as i32;
        let children = row.whole("children", 0, 20).unwrap_or(0) as i32;
        row.checked(
            "adults",
            check_household(adults, children, birth_year, this_year),
        );
        let internet: InternetAccess = row.word("internet").unwrap_or(InternetAccess::None);
        let preference = row
            .word("device_preference")
            .unwrap_or(shared_types::DevicePreference::Any);
        let decision: Option<Decision> = row.word("decision");
        let decided_on = row.day("decided_on");
        let cohort = self.resolve(row, "cohort", Sheet::Cohorts);
        let enrolled_on = row.day("enrolled_on");
        let completed_on = row.day("completed_on");
        let dropped_out_on = row.day("dropped_out_on");
        let drop_out_reason = row.text("drop_out_reason", LONG);
        let outcome = row.word("device_outcome");
        let outcome_on = row.day("device_outcome_on");
        let enrolled_on = enrolled_on.or_else(|| {
            cohort.and_then(|c| {
                let start = self
                    .cohorts
                    .get(&c)
                    .map(|(i, _)| self.plan.cohorts[*i].starts_on);
                start.max(referred_on)
            })
        });
        if cohort.is_none()
            && (row.has("enrolled_on") || completed_on.is_some() || dropped_out_on.is_some())
        {
            row.flag_with("cohort", Problem::Required, None);
        }
        if decision == Some(Decision::NotEligible) && cohort.is_some() {
            row.flag("decision", Problem::Invalid);
        }
        if completed_on.is_some() && dropped_out_on.is_some() {
            row.flag("dropped_out_on", Problem::Invalid);
        }
        let decided_on = decided_on.or(if decision.is_some() || cohort.is_some() {
            referred_on
        } else {
            None
        });
        row.in_order("decided_on", referred_on, decided_on);
        row.in_order("enrolled_on", decided_on.or(referred_on), enrolled_on);
        row.in_order("completed_on", enrolled_on, completed_on);
        row.in_order("dropped_out_on", enrolled_on, dropped_out_on);
        row.in_order("device_outcome_on", referred_on, outcome_on);
        let (
            Some(referred_on),
            Some(prescriber),
            Some(prescriber_kind),
            Some(first_name),
            Some(last_name),
            Some(phone),
            true,
        ) = (
            referred_on,
            prescriber,
            prescriber_kind,
            first_name,
            last_name,
            phone,
            row.sound(),
        )
        else {
            return false;
        };
        let status = if completed_on.is_some() {
            ReferralStatus::Completed
        } else if dropped_out_on.is_some() {
            ReferralStatus::DroppedOut
        } else if cohort.is_some() {
            ReferralStatus::Enrolled
        } else {
            match decision {
                Some(Decision::Eligible) => ReferralStatus::Eligible,
                Some(Decision::NotEligible) => ReferralStatus::NotEligible,
                None => ReferralStatus::Received,
            }
        };
        let at = |day: Option<NaiveDate>, order: i64| day.map(|d| self.clock.noon(d, order));
        let model = referral::Model {
            id,
            programme_id: self.viewer.programme_id,
            prescriber_organisation_id: prescriber,
            prescriber_user_id: self.viewer.id,
            prescriber_kind,
            status,
            first_name,
            last_name,
            birth_year,
            gender,
            phone,
            email,
            address,
            neighbourhood,
            priority_neighbourhood: priority,
            languages: None,
            household_adults: adults,
            household_children: children,
            internet,
            accessibility_needs: None,
            reason: None,
            consent_at: self.clock.noon(referred_on, 0),
            info_session_id: None,
            criterion_residence: None,
            criterion_french: None,
            criterion_availability: None,
            criterion_motivation: None,
            decision_reason: None,
            decided_at: at(decided_on, 1),
            decided_by: decided_on.map(|_| self.viewer.id),
            cohort_id: cohort,
            enrolled_at: at(enrolled_on.filter(|_| cohort.is_some()), 2),
            contract_signed_on: None,
            completed_at: at(completed_on, 3),
            dropped_out_at: at(dropped_out_on, 3),
            drop_out_reason,
            referred_at: self.clock.noon(referred_on, 0),
            created_at: self.clock.now,
            updated_at: self.clock.now,
            device_preference: preference,
            // Given at enrolment, as on the screens: a household whose
            // computer is still to come follows it with this code.
            tracking_code: (cohort.is_some() && !erased)
                .then(crate::services::training::new_tracking_code),
            erased_at: erased.then_some(self.clock.now),
            device_outcome: outcome,
            device_outcome_reason: None,
            device_outcome_at: outcome.map(|_| {
                self.clock
                    .noon(outcome_on.or(completed_on).unwrap_or(referred_on), 4)
            }),
            device_outcome_by: outcome.map(|_| self.viewer.id),
        };
        self.referrals.insert(id, self.plan.referrals.len());
        self.plan.referrals.push(model);
        true
    }

    /// A learner's mark at a module of their cohort, dated the module's day.
    fn attendance(&mut self, row: &mut Row) -> bool {
        let learner = self.required_resolve(row, "learner", Sheet::Learners);
        let number = row.required_whole("number", 1, 100);
        let mark = row.required_word("mark");
        let (Some(learner), Some(number), Some(mark), true) = (learner, number, mark, row.sound())
        else {
            return false;
        };
        // A learner of an earlier import keeps the marks it has.
        let Some(index) = self.referrals.get(&learner) else {
            self.tallies.entry(row.sheet).or_default().1 += 1;
            return false;
        };
        let Some(cohort) = self.plan.referrals[*index].cohort_id else {
            row.flag("learner", Problem::Invalid);
            return false;
        };
        let Some(module) = self
            .modules
            .get(&(cohort, number))
            .map(|i| &self.plan.modules[*i])
        else {
            row.flag("number", Problem::UnknownReference);
            return false;
        };
        if !self.marked.insert((module.id, learner)) {
            row.flag("number", Problem::DuplicateReference);
            return false;
        }
        self.plan.attendance.push(attendance::Model {
            module_id: module.id,
            referral_id: learner,
            mark,
            marked_by: self.viewer.id,
            marked_at: module.ends_at,
        });
        self.tallies.entry(row.sheet).or_default().0 += 1;
        true
    }

    fn installation(&mut self, row: &mut Row, id: Uuid) -> bool {
        let learner = self.required_resolve(row, "learner", Sheet::Learners);
        let device = self.required_resolve(row, "device", Sheet::Devices);
        let matched_on = row.required_day("matched_on");
        let installer = if row.has("installer") {
            self.organisation(row, "installer", OrganisationKind::Installer)
        } else {
            Some(self.viewer.organisation_id)
        };
        let installed_on = row.day("installed_on");
        let connection = row.word("connection");
        let set_up = row.yes_no("set_up");
        let ending: Option<Ending> = row.word("ended");
        let ended_on = row.day("ended_on");
        let ended_reason = row.text("ended_reason", LONG);
        row.in_order("installed_on", matched_on, installed_on);
        row.in_order("ended_on", installed_on.or(matched_on), ended_on);
        match ending {
            Some(Ending::Undone) if installed_on.is_some() => row.flag("ended", Problem::Invalid),
            Some(Ending::Returned) if installed_on.is_none() => {
                row.flag_with("installed_on", Problem::Required, None);
            }
            _ => {}
        }
        let (Some(learner), Some(device), Some(matched_on), Some(installer), true) =
            (learner, device, matched_on, installer, row.sound())
        else {
            return false;
        };
        let (completed, household) = match self.referrals.get(&learner) {
            Some(index) => {
                let referral = &self.plan.referrals[*index];
                (referral.completed_at.is_some(), household_key(referral))
            }
            None => self
                .known
                .learners
                .get(&learner)
                .cloned()
                .unwrap_or((false, format!("referral:{learner}"))),
        };
        if !completed {
            row.flag("learner", Problem::NotCompleted);
            return false;
        }
        let status = match (ending, installed_on) {
            (Some(Ending::Undone), _) => InstallationStatus::Cancelled,
            (Some(Ending::Returned), _) => InstallationStatus::Returned,
            (None, Some(_)) => InstallationStatus::Installed,
            (None, None) => InstallationStatus::Reserved,
        };
        if status.holds_device() {
            for (key, held) in [
                ("learner", format!("learner:{learner}")),
                ("device", format!("device:{device}")),
                ("learner", format!("household:{household}")),
            ] {
                if self.held.contains(&held) {
                    row.flag(key, Problem::AlreadyMatched);
                    return false;
                }
            }
            self.held.insert(format!("learner:{learner}"));
            self.held.insert(format!("device:{device}"));
            self.held.insert(format!("household:{household}"));
        }
        let installed = installed_on.is_some();
        self.plan.installations.push(installation::Model {
            id,
            programme_id: self.viewer.programme_id,
            referral_id: learner,
            device_id: device,
            installer_id: installer,
            status,
            household_key: household,
            visit_from: None,
            visit_to: None,
            device_set_up: installed.then_some(set_up.unwrap_or(true)),
            accounts_created: None,
            connection: if installed { connection } else { None },
            connection_tested: None,
            installed_serial: None,
            signature: None,
            signed_by: None,
            unsigned_reason: None,
            failure_reason: None,
            ended_reason,
            failures: 0,
            failed_at: None,
            matched_by: self.viewer.id,
            // After the learner's own steps of the same day (see `learner`).
            closed_at: installed_on.map(|d| self.clock.noon(d, 6)),
            created_at: self.clock.noon(matched_on, 5),
            updated_at: self.clock.now,
        });
        true
    }
}

/// A value's wire text (`Sheet::Donors` is `DONORS`).
pub fn serde_plain<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
