//! Messages to people: a forgotten password's link, and the coordination's
//! list of what was sent.

use super::contract::*;
use super::{ApiError, send, send_anonymous};

super::operation!(
    RequestPasswordReset,
    "graphql/request_password_reset.graphql"
);

/// Asks for a link to choose a new password (the same answer whether the
/// address has an account or not).
pub async fn request_password_reset(email: String) -> Result<(), ApiError> {
    send_anonymous::<RequestPasswordReset>(request_password_reset::Variables { email }).await?;
    Ok(())
}

super::operation!(ResetPassword, "graphql/reset_password.graphql");

/// Sets a new password with the link's token.
pub async fn reset_password(token: String, new_password: String) -> Result<(), ApiError> {
    send_anonymous::<ResetPassword>(reset_password::Variables {
        token,
        new_password,
    })
    .await?;
    Ok(())
}

super::operation!(Messages, "graphql/messages.graphql");
/// One message as the coordination's list shows it.
pub type Message = messages::MessagesMessages;

pub async fn list() -> Result<Vec<Message>, ApiError> {
    Ok(send::<Messages>(messages::Variables).await?.messages)
}
