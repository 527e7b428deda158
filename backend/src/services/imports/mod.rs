//! A programme's history brought in from spreadsheets, and all it holds
//! taken out in the same form. A file is checked whole first (a dry run
//! that saves nothing and says what it would make and what is wrong, line
//! by line); an import checks it again and writes it in one transaction,
//! all or nothing. Rows carry the programme's own references, so that the
//! same file imported twice makes nothing twice.

mod apply;
pub mod export;
mod plan;
mod read;
mod rows;

use std::collections::HashSet;

use chrono::Utc;
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use shared_types::{
    ErrorCode, InstallationStatus,
    import::{ImportAnswer, MAX_IMPORT_BYTES, Problem, Sheet},
};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{
            batch, cohort, device, donor, imported_record, installation, organisation, pickup,
            referral,
        },
    },
    services::{
        ServiceError,
        access::{self, Action, Resource},
        calendar,
        installations::household_key,
    },
};

pub use plan::serde_plain;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("forbidden")]
    Forbidden,
    /// The file has problems: the answer lists them; nothing was saved.
    #[error("import refused")]
    Refused(Box<ImportAnswer>),
    #[error("file too large")]
    TooLarge,
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl ServiceError for ImportError {
    fn code(&self) -> ErrorCode {
        match self {
            ImportError::Forbidden => ErrorCode::Forbidden,
            ImportError::Refused(_) => ErrorCode::ImportRefused,
            ImportError::TooLarge => ErrorCode::RequestTooLarge,
            ImportError::Db(_) => ErrorCode::Internal,
        }
    }
}

fn allowed(viewer: &StaffUser, action: Action) -> Result<(), ImportError> {
    access::reach(viewer, action, Resource::ProgrammeRecords)
        .map(|_| ())
        .map_err(|_| ImportError::Forbidden)
}

/// The dry run: what `bytes` would make, and every problem, saving nothing.
pub async fn check(
    db: &Db,
    viewer: &StaffUser,
    bytes: Vec<u8>,
    file_name: &str,
) -> Result<ImportAnswer, ImportError> {
    allowed(viewer, Action::Write)?;
    let (answer, _) = planned(db, viewer, bytes, file_name).await?;
    Ok(answer)
}

/// Imports `bytes`: every record it makes, in one transaction, or nothing
/// (`ImportError::Refused`, with the problems) when any row is wrong.
pub async fn import(
    db: &Db,
    viewer: &StaffUser,
    bytes: Vec<u8>,
    file_name: &str,
) -> Result<ImportAnswer, ImportError> {
    allowed(viewer, Action::Write)?;
    let (mut answer, plan) = planned(db, viewer, bytes, file_name).await?;
    if answer.refused() {
        return Err(ImportError::Refused(Box::new(answer)));
    }
    let tx = db.write_tx().await?;
    match apply::write(&*tx, plan).await {
        Ok(()) => tx.commit().await?,
        Err(err) => {
            tx.rollback().await?;
            if crate::services::is_unique_violation(&err) {
                // Another import (or a person) made one of these meanwhile.
                answer.findings.push(shared_types::import::Finding {
                    sheet: None,
                    line: None,
                    column: None,
                    problem: Problem::AlreadyTaken,
                    value: None,
                    part: None,
                });
                return Err(ImportError::Refused(Box::new(answer)));
            }
            return Err(err.into());
        }
    }
    tracing::info!(
        programme = %viewer.programme_id,
        by = %viewer.id,
        file = file_name,
        "imported a file"
    );
    answer.saved = true;
    Ok(answer)
}

async fn planned(
    db: &Db,
    viewer: &StaffUser,
    bytes: Vec<u8>,
    file_name: &str,
) -> Result<(ImportAnswer, plan::Plan), ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge);
    }
    let name = file_name.to_string();
    // Reading a workbook is seconds of CPU for a large one: off the runtime.
    let tables = tokio::task::spawn_blocking(move || read::tables(&bytes, &name))
        .await
        .map_err(|e| DbErr::Custom(format!("reading the file stopped: {e}")))?;
    let tables = match tables {
        Ok(tables) => tables,
        Err(finding) => {
            return Ok((
                ImportAnswer {
                    sheets: Vec::new(),
                    new_organisations: Vec::new(),
                    findings: vec![finding],
                    more_findings: 0,
                    saved: false,
                },
                plan::Plan::default(),
            ));
        }
    };
    let known = known(db, viewer, &tables).await?;
    let clock = rows::Clock {
        calendar: calendar::of(&db.conn, viewer.programme_id).await?,
        now: Utc::now(),
    };
    let viewer_copy = viewer.clone();
    let name = file_name.to_string();
    let outcome = tokio::task::spawn_blocking(move || {
        plan::plan(&tables, &known, &viewer_copy, clock, &name)
    })
    .await
    .map_err(|e| DbErr::Custom(format!("checking the file stopped: {e}")))?;
    let answer = ImportAnswer {
        sheets: outcome.tallies,
        new_organisations: outcome.new_organisations,
        findings: outcome.findings.listed,
        more_findings: outcome.findings.more,
        saved: false,
    };
    Ok((answer, outcome.plan))
}

/// Ids in chunks a query's parameters hold on both databases.
const CHUNK: usize = 500;

/// What the programme already holds that the file's rows may name.
async fn known(db: &Db, viewer: &StaffUser, tables: &[read::Table]) -> Result<plan::Known, DbErr> {
    let programme = viewer.programme_id;
    let conn = &db.conn;
    let mut known = plan::Known::default();
    for row in imported_record::Entity::find()
        .filter(imported_record::Column::ProgrammeId.eq(programme))
        .filter(imported_record::Column::Reference.is_not_null())
        .all(conn)
        .await?
    {
        if let (Some(sheet), Some(reference)) = (sheet_named(&row.sheet), row.reference) {
            known.references.insert((sheet, reference), row.record_id);
        }
    }
    // References written as ids (as exports write them) of records here.
    let mut ids: Vec<Uuid> = tables
        .iter()
        .flat_map(|t| t.rows.iter())
        .flat_map(|(_, cells)| cells.iter())
        .filter_map(|cell| match cell {
            read::Cell::Text(text) => Uuid::parse_str(text).ok(),
            _ => None,
        })
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    ids.sort();
    for chunk in ids.chunks(CHUNK) {
        let chunk = chunk.to_vec();
        let found = [
            (
                Sheet::Donors,
                ids_in::<donor::Entity>(
                    conn,
                    donor::Column::ProgrammeId,
                    donor::Column::Id,
                    programme,
                    &chunk,
                )
                .await?,
            ),
            (
                Sheet::Batches,
                ids_in::<batch::Entity>(
                    conn,
                    batch::Column::ProgrammeId,
                    batch::Column::Id,
                    programme,
                    &chunk,
                )
                .await?,
            ),
            (
                Sheet::Pickups,
                ids_in::<pickup::Entity>(
                    conn,
                    pickup::Column::ProgrammeId,
                    pickup::Column::Id,
                    programme,
                    &chunk,
                )
                .await?,
            ),
            (
                Sheet::Devices,
                ids_in::<device::Entity>(
                    conn,
                    device::Column::ProgrammeId,
                    device::Column::Id,
                    programme,
                    &chunk,
                )
                .await?,
            ),
            (
                Sheet::Cohorts,
                ids_in::<cohort::Entity>(
                    conn,
                    cohort::Column::ProgrammeId,
                    cohort::Column::Id,
                    programme,
                    &chunk,
                )
                .await?,
            ),
            (
                Sheet::Learners,
                ids_in::<referral::Entity>(
                    conn,
                    referral::Column::ProgrammeId,
                    referral::Column::Id,
                    programme,
                    &chunk,
                )
                .await?,
            ),
            (
                Sheet::Installations,
                ids_in::<installation::Entity>(
                    conn,
                    installation::Column::ProgrammeId,
                    installation::Column::Id,
                    programme,
                    &chunk,
                )
                .await?,
            ),
        ];
        for (sheet, found) in found {
            known.ids.entry(sheet).or_default().extend(found);
        }
    }
    let organisations: Vec<(Uuid, String)> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .column(organisation::Column::Name)
        .filter(organisation::Column::ProgrammeId.eq(programme))
        .into_tuple()
        .all(conn)
        .await?;
    for (id, name) in organisations {
        known
            .organisations
            .insert(shared_types::text::search_key(&name), id);
    }
    let last_batch: Option<i64> = batch::Entity::find()
        .select_only()
        .column_as(batch::Column::Number.max(), "number")
        .filter(batch::Column::ProgrammeId.eq(programme))
        .into_tuple()
        .one(conn)
        .await?
        .flatten();
    known.last_batch_number = last_batch.unwrap_or(0);
    let devices: Vec<(String, Option<String>)> = device::Entity::find()
        .select_only()
        .column(device::Column::Tag)
        .column(device::Column::SerialKey)
        .filter(device::Column::ProgrammeId.eq(programme))
        .into_tuple()
        .all(conn)
        .await?;
    for (tag, serial_key) in devices {
        if let Some((year, number)) = tag_number(&tag) {
            let last = known.last_tag.entry(year).or_insert(0);
            *last = (*last).max(number);
        }
        known.tags.insert(tag);
        known.serial_keys.extend(serial_key);
    }
    let holding: Vec<(Uuid, Uuid, String)> = installation::Entity::find()
        .select_only()
        .column(installation::Column::ReferralId)
        .column(installation::Column::DeviceId)
        .column(installation::Column::HouseholdKey)
        .filter(installation::Column::ProgrammeId.eq(programme))
        .filter(installation::Column::Status.is_in(InstallationStatus::HOLDING))
        .into_tuple()
        .all(conn)
        .await?;
    for (learner, device, household) in holding {
        known.held.insert(format!("learner:{learner}"));
        known.held.insert(format!("device:{device}"));
        known.held.insert(format!("household:{household}"));
    }
    // Learners an installations sheet may name: those of earlier imports.
    let has_installations = tables
        .iter()
        .any(|t| plan::tab_of(t).is_some_and(|(sheet, _)| sheet == Sheet::Installations));
    if has_installations {
        let mut learner_ids: Vec<Uuid> = known
            .references
            .iter()
            .filter(|((sheet, _), _)| *sheet == Sheet::Learners)
            .map(|(_, id)| *id)
            .chain(
                known
                    .ids
                    .get(&Sheet::Learners)
                    .into_iter()
                    .flatten()
                    .copied(),
            )
            .collect();
        learner_ids.sort();
        learner_ids.dedup();
        for chunk in learner_ids.chunks(CHUNK) {
            for learner in referral::Entity::find()
                .filter(referral::Column::Id.is_in(chunk.to_vec()))
                .all(conn)
                .await?
            {
                known.learners.insert(
                    learner.id,
                    (learner.completed_at.is_some(), household_key(&learner)),
                );
            }
        }
    }
    Ok(known)
}

/// Which of `ids` are records of `E` in the programme.
async fn ids_in<E: EntityTrait>(
    conn: &sea_orm::DatabaseConnection,
    programme_column: E::Column,
    id_column: E::Column,
    programme: Uuid,
    ids: &[Uuid],
) -> Result<Vec<Uuid>, DbErr> {
    E::find()
        .select_only()
        .column(id_column)
        .filter(programme_column.eq(programme))
        .filter(id_column.is_in(ids.to_vec()))
        .into_tuple()
        .all(conn)
        .await
}

fn sheet_named(text: &str) -> Option<Sheet> {
    Sheet::ALL
        .iter()
        .copied()
        .find(|sheet| serde_plain(*sheet) == text)
}

/// The year and number of a tag as the programme numbers them.
fn tag_number(tag: &str) -> Option<(i32, i64)> {
    let mut parts = tag.strip_prefix("PSL-")?.split('-');
    let year = parts.next()?.parse().ok()?;
    let number = parts.next()?.parse().ok()?;
    Some((year, number))
}
