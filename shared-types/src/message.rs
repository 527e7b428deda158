//! Messages Passerelle sends people (e-mail now; SMS through the same
//! outbox later): what kind each is, where it stands, and the rules on
//! a password-reset link.

use serde::{Deserialize, Serialize};

/// How long a password-reset link works after it was asked for.
pub const RESET_LINK_MINUTES: i64 = 30;

/// Sendings tried before a message is marked failed (with the reason).
pub const MAX_SEND_ATTEMPTS: i32 = 5;

macro_rules! message_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "server", derive(async_graphql::Enum))]
        #[serde(rename_all = "SCREAMING_SNAKE_CASE")]
        #[cfg_attr(
            feature = "server",
            derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
        )]
        #[cfg_attr(
            feature = "server",
            sea_orm(
                rs_type = "String",
                db_type = "Text",
                rename_all = "SCREAMING_SNAKE_CASE"
            )
        )]
        #[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
        #[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
        pub enum $name {
            $($(#[$vmeta])* $variant),*
        }

        crate::stored_text!($name);
    };
}

message_enum!(
    /// What a message is about.
    MessageKind {
        /// A staff member asked for a link to choose a new password.
        PasswordReset,
    }
);

message_enum!(
    /// Where a message stands in the outbox.
    MessageStatus {
        /// Written with its event, to be sent (again, after a failure).
        Waiting,
        Sent,
        /// Given up after `MAX_SEND_ATTEMPTS`, with the gateway's reason.
        Failed,
    }
);

/// The wait before trying a message again after `attempts` failed sendings:
/// 30 s, 2 min, 8 min, 32 min.
pub fn retry_after_seconds(attempts: i32) -> i64 {
    30 * 4_i64.pow(attempts.clamp(1, 4) as u32 - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_retry_waits_longer() {
        assert_eq!(
            (1..=5).map(retry_after_seconds).collect::<Vec<_>>(),
            [30, 120, 480, 1920, 1920]
        );
    }
}
