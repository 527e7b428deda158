//! The one place where failures become GraphQL errors with `extensions.code`.

use async_graphql::{ErrorExtensions, Response, ServerError, Value};
use shared_types::ErrorCode;

use crate::services::ServiceError;

/// The English message API clients read; the browser shows its own translation.
fn message(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Unauthenticated => "You need to sign in.",
        ErrorCode::TokenExpired => "Your session has expired; refresh it or sign in again.",
        ErrorCode::InvalidToken => "The access token is not valid.",
        ErrorCode::Forbidden => "Your role does not allow this.",
        ErrorCode::InvalidCredentials => "Wrong email or password.",
        ErrorCode::AccountDeactivated => "This account has been deactivated.",
        ErrorCode::InvalidRefreshToken => "The session is no longer valid; sign in again.",
        ErrorCode::RefreshTokenReused => {
            "This session was ended because its refresh token was used twice; sign in again."
        }
        ErrorCode::NotFound => "Not found.",
        ErrorCode::InvalidEmail => "The email address is not valid.",
        ErrorCode::EmailTaken => "An account with this email address already exists.",
        ErrorCode::OrganisationNameTaken => "An organisation with this name already exists.",
        ErrorCode::PasswordTooShort => "The password is too short (10 characters at least).",
        ErrorCode::PasswordTooLong => "The password is too long (128 characters at most).",
        ErrorCode::NameRequired => "A name is required.",
        ErrorCode::NameTooLong => "The name is too long (120 characters at most).",
        ErrorCode::OrganisationRequired => "Choose the organisation the person belongs to.",
        ErrorCode::DonorKindRequired => {
            "Say whether the donor is a company, a public body, an association or an individual."
        }
        ErrorCode::RoleRequired => "Choose at least one role.",
        ErrorCode::RoleNotAllowedForOrganisation => {
            "This role does not fit this kind of organisation."
        }
        ErrorCode::CannotDeactivateSelf => "You cannot deactivate your own account.",
        ErrorCode::QueryTooDeep => "The query is nested too deeply.",
        ErrorCode::QueryTooComplex => "The query is too complex.",
        ErrorCode::BatchTooLarge => "Too many operations in one batch.",
        ErrorCode::BadRequest => "The request is not valid.",
        ErrorCode::Internal => "Something went wrong on the server. Please try again.",
    }
}

/// A GraphQL error carrying `code`.
pub fn coded(code: ErrorCode) -> async_graphql::Error {
    async_graphql::Error::new(message(code)).extend_with(|_, ext| ext.set("code", code.as_str()))
}

/// Maps a service error, logging internal ones in full: their text (SQL,
/// file paths) is for the log, never for the client.
pub fn from_service<E: ServiceError>(err: E) -> async_graphql::Error {
    let code = err.code();
    if code == ErrorCode::Internal {
        tracing::error!(error = %err, "internal error");
    }
    coded(code)
}

/// A response made of one error, for requests refused before execution.
pub fn refusal(code: ErrorCode) -> Response {
    let mut error = ServerError::new(message(code), None);
    error
        .extensions
        .get_or_insert_with(Default::default)
        .set("code", code.as_str());
    Response::from_errors(vec![error])
}

/// Gives every error a code. Resolver errors carry theirs already; the ones
/// async-graphql raises itself (parsing, validation, limits) do not.
pub fn ensure_codes(response: &mut Response) {
    for error in &mut response.errors {
        let has_code = error
            .extensions
            .as_ref()
            .is_some_and(|ext| ext.get("code").is_some());
        if has_code {
            continue;
        }
        let code = match error.message.as_str() {
            "Query is nested too deep." => ErrorCode::QueryTooDeep,
            "Query is too complex." => ErrorCode::QueryTooComplex,
            _ => ErrorCode::BadRequest,
        };
        error
            .extensions
            .get_or_insert_with(Default::default)
            .set("code", Value::from(code.as_str()));
    }
}
