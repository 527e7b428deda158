//! Messages to people, through a transactional outbox: a message is
//! written in the same transaction as the event that causes it
//! ([`enqueue`]), and the [`worker`] sends what is due through the
//! programme's [`gateway`], with retries and back-off. A server stopped
//! between the event and the sending loses nothing: the message waits in
//! the table. One event makes one message: its key is unique.

pub mod gateway;
pub mod worker;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};
use shared_types::{ErrorCode, Language, MessageKind, MessageStatus};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{Db, entities::outbox_message},
    services::access::{self, Action::Read, Resource::Messages},
};

/// A message to write with its event.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub programme_id: Uuid,
    pub kind: MessageKind,
    /// What makes it one message per event: the event's own id.
    pub event_id: Uuid,
    pub user_id: Option<Uuid>,
    pub recipient: String,
    pub language: Language,
    pub subject: String,
    pub body: String,
}

/// Writes `message` in the caller's transaction; an event whose message is
/// already written makes no second one.
pub async fn enqueue<C: ConnectionTrait>(conn: &C, message: NewMessage) -> Result<(), DbErr> {
    let event_key = format!("{}:{}", message.kind.as_str(), message.event_id);
    let written = outbox_message::Entity::find()
        .filter(outbox_message::Column::EventKey.eq(event_key.clone()))
        .count(conn)
        .await?;
    if written > 0 {
        return Ok(());
    }
    let now = Utc::now();
    outbox_message::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(message.programme_id),
        kind: Set(message.kind),
        event_key: Set(event_key),
        user_id: Set(message.user_id),
        recipient: Set(message.recipient),
        language: Set(message.language),
        subject: Set(message.subject),
        body: Set(message.body),
        status: Set(MessageStatus::Waiting),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        sent_at: Set(None),
        created_at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Messages of the viewer's programme, latest first (the coordination's
/// list: what was sent, what waits, what failed and why).
pub async fn list(
    db: &Db,
    viewer: &StaffUser,
    status: Option<MessageStatus>,
) -> Result<Vec<outbox_message::Model>, MessageError> {
    access::reach(viewer, Read, Messages).map_err(MessageError::Rule)?;
    let mut query = outbox_message::Entity::find()
        .filter(outbox_message::Column::ProgrammeId.eq(viewer.programme_id));
    if let Some(status) = status {
        query = query.filter(outbox_message::Column::Status.eq(status));
    }
    Ok(query
        .order_by_desc(outbox_message::Column::CreatedAt)
        .limit(200)
        .all(&db.conn)
        .await?)
}

#[derive(Debug, thiserror::Error)]
pub enum MessageError {
    #[error("{0:?}")]
    Rule(ErrorCode),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl super::ServiceError for MessageError {
    fn code(&self) -> ErrorCode {
        match self {
            MessageError::Rule(code) => *code,
            MessageError::Db(_) => ErrorCode::Internal,
        }
    }
}
