//! Storage media and their erasure: every medium of a device gets an
//! erasure record (method, tool, date, operator, result, and the tool's
//! report if there is one) before the device may be given to anyone.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared_types::{DeviceStatus, ErasureMethod, ErrorCode, MediumKind, device::check_specs};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{device_event, erasure, storage_medium},
    },
    services::calendar,
};

use super::{DbErr, DeviceError, NewMedium, ensure_refurbisher_of, find_row, rule};

pub const MAX_REPORT_BYTES: usize = 10 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Erasure {
    pub id: Uuid,
    pub medium_id: Uuid,
    pub method: ErasureMethod,
    pub tool: String,
    pub erased_on: NaiveDate,
    pub operator: String,
    pub passed: bool,
    pub has_report: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Medium {
    pub id: Uuid,
    pub kind: MediumKind,
    pub capacity_gb: Option<i32>,
    pub serial: Option<String>,
    /// Oldest first; the last one counts.
    pub erasures: Vec<Erasure>,
    /// See [`erased_since`].
    pub erased: bool,
}

/// The rule behind `ERASURE_MISSING`: a medium is erased when its latest
/// erasure record passed and was recorded after the device last came back
/// from a home, since anything older predates the household's data.
/// `records` are the medium's (recorded at, passed), oldest first.
pub(crate) fn erased_since(
    records: impl DoubleEndedIterator<Item = (DateTime<Utc>, bool)>,
    last_return: Option<DateTime<Utc>>,
) -> bool {
    records
        .last()
        .is_some_and(|(at, passed)| passed && last_return.is_none_or(|back| at > back))
}

/// When each of `device_ids` last came back from a home.
pub(super) async fn last_returns(
    conn: &impl sea_orm::ConnectionTrait,
    device_ids: &[Uuid],
) -> Result<HashMap<Uuid, DateTime<Utc>>, DbErr> {
    let mut last = HashMap::new();
    for e in device_event::Entity::find()
        .filter(device_event::Column::DeviceId.is_in(device_ids.to_vec()))
        .filter(device_event::Column::ToStatus.eq(DeviceStatus::Returned))
        .all(conn)
        .await?
    {
        let at = last.entry(e.device_id).or_insert(e.at);
        *at = (*at).max(e.at);
    }
    Ok(last)
}

pub(super) async fn insert_medium(
    tx: &sea_orm::DatabaseTransaction,
    device_id: Uuid,
    medium: &NewMedium,
    at: DateTime<Utc>,
) -> Result<Uuid, DbErr> {
    let id = Uuid::new_v4();
    storage_medium::ActiveModel {
        id: Set(id),
        device_id: Set(device_id),
        kind: Set(medium.kind),
        capacity_gb: Set(medium.capacity_gb),
        serial: Set(medium
            .serial
            .as_deref()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())),
        created_at: Set(at),
    }
    .insert(tx)
    .await?;
    Ok(id)
}

/// Media can be listed and erased while the refurbisher has the device.
fn ensure_at_refurbisher(status: DeviceStatus) -> Result<(), DeviceError> {
    if status.at_refurbisher() {
        Ok(())
    } else {
        Err(rule(ErrorCode::DeviceNotAtRefurbisher))
    }
}

pub async fn add_medium(
    db: &Db,
    viewer: &StaffUser,
    device_id: Uuid,
    medium: NewMedium,
) -> Result<Vec<Medium>, DeviceError> {
    check_specs(None, medium.capacity_gb, None).map_err(rule)?;
    let tx = db.write_tx().await?;
    let row = find_row(&*tx, viewer, device_id).await?;
    ensure_refurbisher_of(viewer, &row)?;
    ensure_at_refurbisher(row.status)?;
    insert_medium(&tx, device_id, &medium, Utc::now()).await?;
    tx.commit().await?;
    media_of(db, viewer, device_id).await
}

#[derive(Debug, Clone)]
pub struct NewErasure {
    pub medium_id: Uuid,
    pub method: ErasureMethod,
    pub tool: String,
    pub erased_on: NaiveDate,
    pub operator: String,
    pub passed: bool,
}

pub async fn record(
    db: &Db,
    viewer: &StaffUser,
    device_id: Uuid,
    input: NewErasure,
) -> Result<Erasure, DeviceError> {
    let tool = input.tool.trim().to_string();
    let operator = input.operator.trim().to_string();
    if tool.is_empty() {
        return Err(rule(ErrorCode::ErasureToolRequired));
    }
    if operator.is_empty() {
        return Err(rule(ErrorCode::ErasureOperatorRequired));
    }
    if tool.chars().count() > 120 || operator.chars().count() > 120 {
        return Err(rule(ErrorCode::TextTooLong));
    }
    let calendar = calendar::of(&db.conn, viewer.programme_id).await?;
    calendar
        .check_day_or(input.erased_on, Utc::now(), ErrorCode::ErasureDateInFuture)
        .map_err(rule)?;
    let tx = db.write_tx().await?;
    let row = find_row(&*tx, viewer, device_id).await?;
    ensure_refurbisher_of(viewer, &row)?;
    ensure_at_refurbisher(row.status)?;
    // Not erased before the workshop had it.
    if input.erased_on < calendar::programme_day(calendar.zone, row.created_at) {
        return Err(rule(ErrorCode::DateBeforePreviousStep));
    }
    storage_medium::Entity::find_by_id(input.medium_id)
        .one(&*tx)
        .await?
        .filter(|m| m.device_id == device_id)
        .ok_or(rule(ErrorCode::NotFound))?;
    let now = Utc::now();
    let saved = erasure::ActiveModel {
        id: Set(Uuid::new_v4()),
        medium_id: Set(input.medium_id),
        device_id: Set(device_id),
        method: Set(input.method),
        tool: Set(tool),
        erased_on: Set(input.erased_on),
        operator: Set(operator),
        passed: Set(input.passed),
        report_content_type: Set(None),
        report_bytes: Set(None),
        recorded_by: Set(viewer.id),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    tx.commit().await?;
    Ok(to_erasure(saved)?)
}

fn to_erasure(e: erasure::Model) -> Result<Erasure, DbErr> {
    Ok(Erasure {
        method: e.method,
        id: e.id,
        medium_id: e.medium_id,
        tool: e.tool,
        erased_on: e.erased_on,
        operator: e.operator,
        passed: e.passed,
        has_report: e.report_content_type.is_some(),
        created_at: e.created_at,
    })
}

/// The device's media with their erasure records.
pub async fn media_of(
    db: &Db,
    viewer: &StaffUser,
    device_id: Uuid,
) -> Result<Vec<Medium>, DeviceError> {
    find_row(&db.conn, viewer, device_id).await?;
    media_of_devices(db, &[device_id]).await
}

/// Media of several devices (no access check: for documents already checked).
pub(super) async fn media_of_devices(
    db: &Db,
    device_ids: &[Uuid],
) -> Result<Vec<Medium>, DeviceError> {
    Ok(media_in(&db.conn, device_ids).await?)
}

/// The media of `device_ids` with their records and whether each is erased.
pub(super) async fn media_in(
    conn: &impl sea_orm::ConnectionTrait,
    device_ids: &[Uuid],
) -> Result<Vec<Medium>, DbErr> {
    let media = storage_medium::Entity::find()
        .filter(storage_medium::Column::DeviceId.is_in(device_ids.to_vec()))
        .order_by_asc(storage_medium::Column::CreatedAt)
        .all(conn)
        .await?;
    let erasures = erasure::Entity::find()
        .filter(erasure::Column::DeviceId.is_in(device_ids.to_vec()))
        .order_by_asc(erasure::Column::CreatedAt)
        .all(conn)
        .await?;
    let returns = last_returns(conn, device_ids).await?;
    media
        .into_iter()
        .map(|m| {
            let erasures: Vec<Erasure> = erasures
                .iter()
                .filter(|e| e.medium_id == m.id)
                .cloned()
                .map(to_erasure)
                .collect::<Result<_, DbErr>>()?;
            Ok(Medium {
                kind: m.kind,
                erased: erased_since(
                    erasures.iter().map(|e| (e.created_at, e.passed)),
                    returns.get(&m.device_id).copied(),
                ),
                erasures,
                id: m.id,
                capacity_gb: m.capacity_gb,
                serial: m.serial,
            })
        })
        .collect()
}

/// Which medium each of `device_ids`' media is on: (medium id → device id).
pub(super) async fn device_of_media(
    db: &Db,
    device_ids: &[Uuid],
) -> Result<Vec<(Uuid, Uuid)>, DbErr> {
    Ok(storage_medium::Entity::find()
        .filter(storage_medium::Column::DeviceId.is_in(device_ids.to_vec()))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|m| (m.id, m.device_id))
        .collect())
}

fn report_path(dir: &Path, erasure_id: Uuid) -> PathBuf {
    dir.join(erasure_id.to_string())
}

/// What an erasure report may be: a PDF, plain text, or a photo of a screen.
fn report_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        return Some("application/pdf");
    }
    match imagesize::image_type(bytes) {
        Ok(imagesize::ImageType::Jpeg) => return Some("image/jpeg"),
        Ok(imagesize::ImageType::Png) => return Some("image/png"),
        _ => {}
    }
    let text = std::str::from_utf8(bytes).ok()?;
    (!text.contains('\0')).then_some("text/plain; charset=utf-8")
}

/// Attaches the erasure tool's report to a record (replacing an earlier one).
pub async fn attach_report(
    db: &Db,
    reports_dir: &Path,
    viewer: &StaffUser,
    erasure_id: Uuid,
    bytes: &[u8],
) -> Result<(), DeviceError> {
    if bytes.len() > MAX_REPORT_BYTES || bytes.is_empty() {
        return Err(rule(ErrorCode::ReportInvalid));
    }
    let content_type = report_type(bytes).ok_or(rule(ErrorCode::ReportInvalid))?;
    let tx = db.write_tx().await?;
    let record = erasure::Entity::find_by_id(erasure_id)
        .one(&*tx)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    let device = find_row(&*tx, viewer, record.device_id).await?;
    ensure_refurbisher_of(viewer, &device)?;
    tokio::fs::create_dir_all(reports_dir).await?;
    let path = report_path(reports_dir, erasure_id);
    let partial = path.with_extension("part");
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, &path).await?;
    let mut active: erasure::ActiveModel = record.into();
    active.report_content_type = Set(Some(content_type.to_string()));
    active.report_bytes = Set(Some(bytes.len() as i64));
    active.update(&*tx).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn read_report(
    db: &Db,
    reports_dir: &Path,
    viewer: &StaffUser,
    erasure_id: Uuid,
) -> Result<(String, Vec<u8>), DeviceError> {
    let record = erasure::Entity::find_by_id(erasure_id)
        .one(&db.conn)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    find_row(&db.conn, viewer, record.device_id).await?;
    let content_type = record
        .report_content_type
        .ok_or(rule(ErrorCode::NotFound))?;
    let bytes = tokio::fs::read(report_path(reports_dir, erasure_id)).await?;
    Ok((content_type, bytes))
}
