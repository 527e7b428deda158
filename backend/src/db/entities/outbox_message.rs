use sea_orm::entity::prelude::*;
use shared_types::{Language, MessageKind, MessageStatus};

/// A message to send, written with the event that causes it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox_messages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub kind: MessageKind,
    /// One event, one message: the kind and the event's id.
    pub event_key: String,
    /// The staff member it is for, when it is for one.
    pub user_id: Option<Uuid>,
    pub recipient: String,
    pub language: Language,
    pub subject: String,
    pub body: String,
    pub status: MessageStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// The gateway's answer to the last failed sending.
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
