//! The messages sent to people, as the coordination follows them.

use async_graphql::{Context, ID, Object, SimpleObject};
use chrono::{DateTime, Utc};
use shared_types::{Language, MessageKind, MessageStatus, Role};

use crate::{
    auth::RoleGuard,
    db::entities::outbox_message,
    graphql::{context, error::from_service},
    services::messages,
};

#[derive(SimpleObject)]
#[graphql(name = "OutboxMessage")]
pub struct MessageNode {
    pub id: ID,
    pub kind: MessageKind,
    pub recipient: String,
    pub language: Language,
    pub subject: String,
    /// The text, on a server whose messages stay in the app (development,
    /// demo); none where they leave by e-mail.
    pub body: Option<String>,
    pub status: MessageStatus,
    pub attempts: i32,
    /// Why the last sending failed, as the gateway said.
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl MessageNode {
    fn new(row: outbox_message::Model, shows_bodies: bool) -> MessageNode {
        MessageNode {
            id: ID(row.id.to_string()),
            kind: row.kind,
            recipient: row.recipient,
            language: row.language,
            subject: row.subject,
            body: shows_bodies.then_some(row.body),
            status: row.status,
            attempts: row.attempts,
            last_error: row.last_error,
            sent_at: row.sent_at,
            created_at: row.created_at,
        }
    }
}

#[derive(Default)]
pub struct MessagesQuery;

#[Object]
impl MessagesQuery {
    /// The programme's messages, latest first (at most 200), by status.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn messages(
        &self,
        ctx: &Context<'_>,
        status: Option<MessageStatus>,
    ) -> async_graphql::Result<Vec<MessageNode>> {
        let viewer = context::staff(ctx)?;
        let state = context::state(ctx);
        let shows = state.mail.shows_bodies();
        Ok(messages::list(&state.db, viewer, status)
            .await
            .map_err(from_service)?
            .into_iter()
            .map(|row| MessageNode::new(row, shows))
            .collect())
    }
}
