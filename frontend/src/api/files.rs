//! Files behind the session: photo and report uploads, photos and PDFs
//! fetched for showing or downloading. Same token and error codes as the API.

use serde_json::Value;
use shared_types::{ErrorCode, import::ImportAnswer};

use super::{ApiError, session};
use crate::browser;

/// The error code in a file endpoint's answer (same shape as GraphQL's).
fn code_in(body: &str) -> ErrorCode {
    serde_json::from_str::<Value>(body)
        .ok()
        .and_then(|v| {
            v["errors"][0]["extensions"]["code"]
                .as_str()
                .map(str::to_string)
        })
        .and_then(|code| ErrorCode::parse(&code))
        .unwrap_or(ErrorCode::Internal)
}

/// Runs a transfer with the session's token, renewing it once if it
/// expired: the answer's status and body, whatever the status.
async fn answered<F, Fut>(send: F) -> Result<(u16, String), ApiError>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = (u16, String)>,
{
    let tokens = session::stored_tokens().ok_or(ApiError::Server(ErrorCode::Unauthenticated))?;
    let (status, body) = send(tokens.access_token.clone()).await;
    if status == 401 && code_in(&body) == ErrorCode::TokenExpired {
        let renewed = session::renew(Some(tokens)).await?;
        return Ok(send(renewed.access_token).await);
    }
    Ok((status, body))
}

/// The body of a transfer that succeeded; an error with its code otherwise.
fn succeeded(status: u16, body: String) -> Result<String, ApiError> {
    match status {
        0 => Err(ApiError::Network),
        200..=299 => Ok(body),
        _ => {
            let error = ApiError::Server(code_in(&body));
            if error.ends_session() {
                session::end_locally(&error);
            }
            Err(error)
        }
    }
}

async fn with_token<F, Fut>(send: F) -> Result<String, ApiError>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = (u16, String)>,
{
    let (status, body) = answered(send).await?;
    succeeded(status, body)
}

/// `PUT`s a file (a photo, an erasure report).
pub async fn upload(url: &str, blob: &web_sys::Blob) -> Result<(), ApiError> {
    with_token(|token| {
        let (url, blob) = (url.to_string(), blob.clone());
        async move { browser::put_blob(&url, &token, &blob).await }
    })
    .await
    .map(|_| ())
}

/// A photo or PDF as an object URL the page can show or download.
pub async fn object_url(url: String) -> Result<String, ApiError> {
    with_token(|token| {
        let url = url.clone();
        async move { browser::fetch_object_url(&url, &token).await }
    })
    .await
}

/// `POST`s a file for import: the server's answer, also when it refused the
/// file (its problems are in the answer).
pub async fn send_import(url: &str, blob: &web_sys::Blob) -> Result<ImportAnswer, ApiError> {
    let (status, body) = answered(|token| {
        let (url, blob) = (url.to_string(), blob.clone());
        async move { browser::post_blob(&url, &token, &blob).await }
    })
    .await?;
    let refused = status == 422 && code_in(&body) == ErrorCode::ImportRefused;
    let body = if refused {
        body
    } else {
        succeeded(status, body)?
    };
    let value: Value =
        serde_json::from_str(&body).map_err(|_| ApiError::Server(ErrorCode::Internal))?;
    let answer = if refused {
        value["answer"].clone()
    } else {
        value
    };
    serde_json::from_value(answer).map_err(|_| ApiError::Server(ErrorCode::Internal))
}
