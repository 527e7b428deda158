//! The one place where failures become GraphQL errors with `extensions.code`.

use async_graphql::{ErrorExtensions, Response, ServerError, Value};
use shared_types::ErrorCode;

use crate::services::ServiceError;

/// A GraphQL error carrying `code`.
pub fn coded(code: ErrorCode) -> async_graphql::Error {
    async_graphql::Error::new(code.message_en())
        .extend_with(|_, ext| ext.set("code", code.as_str()))
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
    let mut error = ServerError::new(code.message_en(), None);
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
