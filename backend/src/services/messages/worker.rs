//! Sends what the outbox holds: due messages in the order they came, each
//! claimed for a while before it goes (so that two servers do not send it
//! both), then marked sent, or tried again later, or failed with the
//! gateway's reason after `MAX_SEND_ATTEMPTS`.

use std::{sync::Arc, time::Duration};

use chrono::Utc;
use sea_orm::{
    ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use shared_types::{
    MessageStatus,
    message::{MAX_SEND_ATTEMPTS, retry_after_seconds},
};

use super::gateway::Gateway;
use crate::db::{Db, entities::outbox_message};

/// How long a message being sent is held for one worker: a server stopped
/// mid-sending leaves it due again after this.
const CLAIM: chrono::Duration = chrono::Duration::minutes(5);

/// Messages looked at per round.
const ROUND: u64 = 20;

/// Runs until the process stops, looking for due messages every second.
pub async fn run(db: Db, gateway: Arc<dyn Gateway>) {
    loop {
        match send_due(&db, gateway.as_ref()).await {
            // A full round: more may be waiting.
            Ok(n) if n as u64 == ROUND => continue,
            Ok(_) => {}
            Err(e) => tracing::error!(error = %e, "sending messages"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// Sends the messages due now; how many it looked at.
pub async fn send_due(db: &Db, gateway: &dyn Gateway) -> Result<usize, DbErr> {
    let now = Utc::now();
    let due = outbox_message::Entity::find()
        .filter(outbox_message::Column::Status.eq(MessageStatus::Waiting))
        .filter(outbox_message::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox_message::Column::NextAttemptAt)
        .limit(ROUND)
        .all(&db.conn)
        .await?;
    let looked_at = due.len();
    for message in due {
        // Claimed only if no other worker moved it since it was read.
        let claimed = outbox_message::Entity::update_many()
            .col_expr(
                outbox_message::Column::NextAttemptAt,
                Expr::value(now + CLAIM),
            )
            .filter(outbox_message::Column::Id.eq(message.id))
            .filter(outbox_message::Column::Status.eq(MessageStatus::Waiting))
            .filter(outbox_message::Column::NextAttemptAt.eq(message.next_attempt_at))
            .exec(&db.conn)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        let outcome = gateway.send(&message).await;
        let attempts = message.attempts + 1;
        let sent_at = Utc::now();
        let mut update = outbox_message::Entity::update_many()
            .col_expr(outbox_message::Column::Attempts, Expr::value(attempts))
            .filter(outbox_message::Column::Id.eq(message.id));
        update = match outcome {
            Ok(()) => update
                .col_expr(
                    outbox_message::Column::Status,
                    Expr::value(MessageStatus::Sent.as_str()),
                )
                .col_expr(outbox_message::Column::SentAt, Expr::value(sent_at))
                .col_expr(
                    outbox_message::Column::LastError,
                    Expr::value(Option::<String>::None),
                ),
            Err(reason) => {
                // The reason names the gateway's answer, never a secret.
                tracing::warn!(message = %message.id, attempts, reason = %reason, "a message was not sent");
                let update = update.col_expr(
                    outbox_message::Column::LastError,
                    Expr::value(reason.chars().take(500).collect::<String>()),
                );
                if attempts >= MAX_SEND_ATTEMPTS {
                    update.col_expr(
                        outbox_message::Column::Status,
                        Expr::value(MessageStatus::Failed.as_str()),
                    )
                } else {
                    update.col_expr(
                        outbox_message::Column::NextAttemptAt,
                        Expr::value(
                            sent_at + chrono::Duration::seconds(retry_after_seconds(attempts)),
                        ),
                    )
                }
            }
        };
        update.exec(&db.conn).await?;
    }
    Ok(looked_at)
}
