//! The rules of each domain area. Resolvers call these and nothing below them.

pub mod access;
pub mod attempts;
pub mod audit;
pub mod batches;
pub mod calendar;
pub mod devices;
pub mod donors;
pub mod imports;
pub mod installations;
pub mod messages;
pub mod organisations;
pub mod pickups;
pub mod reports;
pub mod settings;
pub mod training;
pub mod users;

use shared_types::ErrorCode;

/// Every service error knows which code the API answers with. `Internal`
/// errors are logged in full and reach the client as a generic message.
pub trait ServiceError: std::error::Error {
    fn code(&self) -> ErrorCode;
}

/// A database error, kept whole for the log and never shown to the client.
pub type DbErr = sea_orm::DbErr;

/// Whether a database error is a unique-constraint violation (same SQLSTATE
/// family on SQLite and PostgreSQL as sea-orm reports it).
pub(crate) fn is_unique_violation(err: &DbErr) -> bool {
    matches!(
        err.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}
