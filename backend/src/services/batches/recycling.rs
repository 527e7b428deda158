//! Recycling by weight: what a refurbisher sends to recycling from a batch
//! without making a device record per item. Entered wrongly, an entry is
//! taken back (and kept in the audit log) and entered again.

use chrono::{NaiveDate, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use shared_types::{BatchStatus, ErrorCode, MaterialCategory, pickup::BulkRecycling};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{batch, bulk_recycling},
    },
    services::{
        access::{self, Action, Resource},
        audit, calendar,
    },
};

use super::{BatchError, find_visible, holder, rule};

/// One bulk entry as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct RecyclingEntry {
    pub id: Uuid,
    pub batch_id: Uuid,
    pub category: MaterialCategory,
    pub count: i64,
    pub weight_grams: i64,
    pub recycled_on: NaiveDate,
}

impl From<bulk_recycling::Model> for RecyclingEntry {
    fn from(m: bulk_recycling::Model) -> RecyclingEntry {
        RecyclingEntry {
            id: m.id,
            batch_id: m.batch_id,
            category: m.category,
            count: m.count,
            weight_grams: m.weight_grams,
            recycled_on: m.recycled_on,
        }
    }
}

async fn recordable_batch<C: sea_orm::ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    batch_id: Uuid,
) -> Result<batch::Model, BatchError> {
    let row = find_visible(conn, viewer, batch_id).await?;
    // The receiving workshop and the coordination, once it is received.
    if !access::allows(
        viewer,
        Action::Write,
        Resource::BatchRecycling,
        holder(&row),
    ) {
        return Err(rule(ErrorCode::Forbidden));
    }
    Ok(row)
}

pub async fn record(
    db: &Db,
    viewer: &StaffUser,
    batch_id: Uuid,
    recycled_on: NaiveDate,
    entry: BulkRecycling,
) -> Result<RecyclingEntry, BatchError> {
    entry.check().map_err(rule)?;
    let tx = db.write_tx().await?;
    let row = recordable_batch(&*tx, viewer, batch_id).await?;
    let zone = calendar::zone_of(&*tx, row.programme_id).await?;
    let received = match (row.status, row.received_at) {
        (BatchStatus::Received, Some(at)) => calendar::programme_day(zone, at),
        _ => return Err(rule(ErrorCode::BatchNotReceived)),
    };
    if recycled_on < received || recycled_on > calendar::programme_day(zone, Utc::now()) {
        return Err(rule(ErrorCode::RecyclingDateInvalid));
    }
    let saved = bulk_recycling::ActiveModel {
        id: Set(Uuid::new_v4()),
        batch_id: Set(batch_id),
        category: Set(entry.category),
        count: Set(entry.count),
        weight_grams: Set(entry.weight_grams()),
        recycled_on: Set(recycled_on),
        recorded_by: Set(viewer.id),
        recorded_at: Set(Utc::now()),
    }
    .insert(&*tx)
    .await?;
    audit::record(
        &*tx,
        viewer.programme_id,
        Some(viewer.id),
        "CREATE",
        "BULK_RECYCLING",
        &[saved.id, batch_id],
    )
    .await?;
    tx.commit().await?;
    Ok(saved.into())
}

/// Takes back an entry made by mistake; the audit log keeps that it was.
pub async fn remove(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Uuid, BatchError> {
    let tx = db.write_tx().await?;
    let entry = bulk_recycling::Entity::find_by_id(id)
        .one(&*tx)
        .await?
        .ok_or(rule(ErrorCode::NotFound))?;
    recordable_batch(&*tx, viewer, entry.batch_id).await?;
    bulk_recycling::Entity::delete_by_id(id).exec(&*tx).await?;
    audit::record(
        &*tx,
        viewer.programme_id,
        Some(viewer.id),
        "DELETE",
        "BULK_RECYCLING",
        &[id, entry.batch_id],
    )
    .await?;
    tx.commit().await?;
    Ok(entry.batch_id)
}

/// A batch's bulk entries, oldest first.
pub async fn of_batch(
    db: &Db,
    viewer: &StaffUser,
    batch_id: Uuid,
) -> Result<Vec<RecyclingEntry>, BatchError> {
    find_visible(&db.conn, viewer, batch_id).await?;
    Ok(bulk_recycling::Entity::find()
        .filter(bulk_recycling::Column::BatchId.eq(batch_id))
        .order_by_asc(bulk_recycling::Column::RecycledOn)
        .order_by_asc(bulk_recycling::Column::RecordedAt)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(RecyclingEntry::from)
        .collect())
}
