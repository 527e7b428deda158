//! The append-only audit log of reads of personal records (learners and
//! households) and of corrections to records (accounts, organisations,
//! referrals): who, when, what — never the data itself. Nothing in
//! Passerelle updates or deletes these rows.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set,
};
use shared_types::ErrorCode;
use uuid::Uuid;

use crate::services::access::{self, Action, Resource};
use crate::{
    auth::StaffUser,
    db::{Db, entities::audit_entry},
};

use super::DbErr;

/// Who read: a staff member, or a household with its code.
#[derive(Debug, Clone, Copy)]
pub enum Reader<'a> {
    Staff(&'a StaffUser),
    Household { programme_id: Uuid },
}

/// Writes one entry for the records read; nothing when none were.
pub async fn read(db: &Db, reader: Reader<'_>, kind: &str, ids: &[Uuid]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    let (programme_id, user_id) = match reader {
        Reader::Staff(viewer) => (viewer.programme_id, Some(viewer.id)),
        Reader::Household { programme_id } => (programme_id, None),
    };
    db.append(
        audit_entry::Entity::insert(entry(programme_id, user_id, "READ", kind, ids)).into_query(),
    )
    .await
}

fn entry(
    programme_id: Uuid,
    user_id: Option<Uuid>,
    action: &str,
    kind: &str,
    ids: &[Uuid],
) -> audit_entry::ActiveModel {
    audit_entry::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(programme_id),
        at: Set(Utc::now()),
        user_id: Set(user_id),
        action: Set(action.to_string()),
        subject_kind: Set(kind.to_string()),
        subject_ids: Set(serde_json::to_string(ids).unwrap_or_default()),
    }
}

/// Appends one entry inside the caller's transaction: a read, an export,
/// an erasure; `user_id` is None for a household or the retention job.
pub async fn record<C: ConnectionTrait>(
    conn: &C,
    programme_id: Uuid,
    user_id: Option<Uuid>,
    action: &str,
    kind: &str,
    ids: &[Uuid],
) -> Result<(), DbErr> {
    entry(programme_id, user_id, action, kind, ids)
        .insert(conn)
        .await?;
    Ok(())
}

/// Notes a step entered on a later day than it happened (see
/// `calendar::Happened`); nothing for one entered on its day.
pub async fn dated<C: ConnectionTrait>(
    conn: &C,
    viewer: &StaffUser,
    happened: super::calendar::Happened,
    kind: &str,
    id: Uuid,
) -> Result<(), DbErr> {
    if !happened.backdated {
        return Ok(());
    }
    record(
        conn,
        viewer.programme_id,
        Some(viewer.id),
        "DATED",
        kind,
        &[id],
    )
    .await
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub at: DateTime<Utc>,
    pub user_id: Option<Uuid>,
    pub action: String,
    pub subject_kind: String,
}

/// Who read this person's record (coordinators), latest first.
pub async fn of_subject(
    db: &Db,
    viewer: &StaffUser,
    subject: Uuid,
) -> Result<Vec<Entry>, ErrorCode> {
    access::reach(viewer, Action::Read, Resource::AuditLog)?;
    let needle = subject.to_string();
    let rows = audit_entry::Entity::find()
        .filter(audit_entry::Column::ProgrammeId.eq(viewer.programme_id))
        .filter(audit_entry::Column::SubjectIds.contains(&needle))
        .order_by_desc(audit_entry::Column::At)
        .limit(1_000)
        .all(&db.conn)
        .await
        .map_err(|_| ErrorCode::Internal)?;
    Ok(rows
        .into_iter()
        .map(|r| Entry {
            at: r.at,
            user_id: r.user_id,
            action: r.action,
            subject_kind: r.subject_kind,
        })
        .collect())
}
