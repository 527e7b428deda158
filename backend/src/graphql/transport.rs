//! GraphQL over HTTP at `/graphql`, as the GraphQL-over-HTTP specification
//! words it (checked by the `graphql-http` audit in the e2e suite):
//!
//! - POST only, with a body declared `application/json`. Anything else is
//!   refused before it is read (415 `UNSUPPORTED_MEDIA_TYPE`): a form or
//!   `text/plain` is what another site can make a visitor's browser send
//!   without asking, and it must never run a sign-in or a tracking guess.
//! - GET is refused (405 `METHOD_NOT_ALLOWED`), queries included: our
//!   answers hold personal data, and a query in a URL ends up in browser
//!   history and proxy logs; our client never needs it. (In development GET
//!   serves GraphiQL.)
//! - The answer is `application/graphql-response+json` when the client asks
//!   for it, else `application/json`. With the former, a request that fails
//!   before it runs (unparsable, invalid, over a limit) is a 400 with no `data`.
//! - Every refusal is JSON with `errors[0].extensions.code`.

use async_graphql::{BatchRequest, BatchResponse, Response as GqlResponse, dataloader::DataLoader};
use axum::{
    body::Body,
    extract::State,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::Value as Json;
use shared_types::ErrorCode;

use super::{MAX_BATCH, error, loaders};
use crate::{AppState, auth::Viewer};

/// GraphQL requests are small; a large body is a mistake or an attack.
pub const MAX_BODY: usize = 256 * 1024;

const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";

/// The media type the client asked its answer in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Json,
    GraphqlResponseJson,
}

impl Answer {
    /// From the `Accept` header: `application/graphql-response+json` when it
    /// is accepted at least as much as `application/json`; JSON otherwise
    /// (no header, `*/*`, or anything else).
    pub fn negotiate(headers: &HeaderMap) -> Answer {
        let Some(accept) = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) else {
            return Answer::Json;
        };
        let (mut graphql, mut json) = (0.0f32, 0.0f32);
        for range in accept.split(',') {
            let mut parts = range.split(';');
            let media = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            match media.as_str() {
                GRAPHQL_RESPONSE_JSON => graphql = graphql.max(quality),
                "application/json" | "application/*" | "*/*" => json = json.max(quality),
                _ => {}
            }
        }
        if graphql > 0.0 && graphql >= json {
            Answer::GraphqlResponseJson
        } else {
            Answer::Json
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Answer::Json => "application/json; charset=utf-8",
            Answer::GraphqlResponseJson => "application/graphql-response+json; charset=utf-8",
        }
    }
}

/// Whether the body is declared JSON (`application/json`, any letter case,
/// with parameters such as `charset=utf-8`).
fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"))
}

fn json_answer(status: StatusCode, answer: Answer, body: String) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(answer.content_type()),
    );
    // Answers hold personal data: no browser or proxy may keep them.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A request refused before it runs: a body of errors only, no `data`.
pub fn refuse(status: StatusCode, answer: Answer, code: ErrorCode) -> Response {
    let body = serde_json::json!({
        "errors": [{ "message": code.message_en(), "extensions": { "code": code.as_str() } }]
    });
    let mut response = json_answer(status, answer, body.to_string());
    if status == StatusCode::METHOD_NOT_ALLOWED {
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
    }
    response
}

/// Any method but POST (and, in development, GET for GraphiQL).
pub async fn method_not_allowed(headers: HeaderMap) -> Response {
    refuse(
        StatusCode::METHOD_NOT_ALLOWED,
        Answer::negotiate(&headers),
        ErrorCode::MethodNotAllowed,
    )
}

/// One operation's JSON, checked against the specification's shape before
/// async-graphql reads it: `query` a string, `operationName` a string,
/// `variables` and `extensions` maps; the last three may be null or absent.
fn operation(value: Json) -> Option<async_graphql::Request> {
    let Json::Object(mut fields) = value else {
        return None;
    };
    if !matches!(fields.get("query"), Some(Json::String(_))) {
        return None;
    }
    for (name, fits) in [
        ("operationName", Json::is_string as fn(&Json) -> bool),
        ("variables", Json::is_object),
        ("extensions", Json::is_object),
    ] {
        match fields.get(name) {
            None => {}
            Some(Json::Null) => {
                fields.remove(name);
            }
            Some(value) if fits(value) => {}
            Some(_) => return None,
        }
    }
    serde_json::from_value(Json::Object(fields)).ok()
}

fn batch_request(body: &[u8]) -> Result<BatchRequest, ErrorCode> {
    match serde_json::from_slice::<Json>(body).map_err(|_| ErrorCode::BadRequest)? {
        Json::Array(items) if items.len() > MAX_BATCH => Err(ErrorCode::BatchTooLarge),
        Json::Array(items) if items.is_empty() => Err(ErrorCode::BadRequest),
        Json::Array(items) => items
            .into_iter()
            .map(operation)
            .collect::<Option<Vec<_>>>()
            .map(BatchRequest::Batch)
            .ok_or(ErrorCode::BadRequest),
        single => operation(single)
            .map(BatchRequest::Single)
            .ok_or(ErrorCode::BadRequest),
    }
}

/// An error raised before execution (parsing, validation, limits): no
/// field ran, so there is no `data` and no error has a path.
fn failed_before_running(response: &GqlResponse) -> bool {
    !response.errors.is_empty()
        && response.data == async_graphql::Value::Null
        && response.errors.iter().all(|e| e.path.is_empty())
}

fn response_json(response: &GqlResponse) -> Json {
    let mut json = serde_json::to_value(response).unwrap_or(Json::Null);
    if failed_before_running(response)
        && let Json::Object(fields) = &mut json
    {
        fields.remove("data");
    }
    json
}

fn answer_with(response: BatchResponse, answer: Answer) -> Response {
    let (status, body) = match &response {
        BatchResponse::Single(single) => {
            let status = if answer == Answer::GraphqlResponseJson && failed_before_running(single) {
                StatusCode::BAD_REQUEST
            } else {
                StatusCode::OK
            };
            (status, response_json(single))
        }
        BatchResponse::Batch(all) => (
            StatusCode::OK,
            Json::Array(all.iter().map(response_json).collect()),
        ),
    };
    json_answer(status, answer, body.to_string())
}

pub async fn graphql_handler(
    State(state): State<AppState>,
    connect: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let answer = Answer::negotiate(&headers);
    if !is_json(&headers) {
        return refuse(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            answer,
            ErrorCode::UnsupportedMediaType,
        );
    }
    let declared_too_large = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|length| length > MAX_BODY);
    if declared_too_large {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            answer,
            ErrorCode::RequestTooLarge,
        );
    }
    let body = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(body) => body,
        Err(err) => {
            let too_large = std::error::Error::source(&err)
                .is_some_and(|e| e.is::<http_body_util::LengthLimitError>());
            return if too_large {
                refuse(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    answer,
                    ErrorCode::RequestTooLarge,
                )
            } else {
                refuse(StatusCode::BAD_REQUEST, answer, ErrorCode::BadRequest)
            };
        }
    };
    let mut batch = match batch_request(&body) {
        Ok(batch) => batch,
        Err(code) => return refuse(StatusCode::BAD_REQUEST, answer, code),
    };
    // One normalisation for every text input, before anything reads it.
    if let Err(code) = batch
        .iter_mut()
        .try_for_each(super::text::normalise_request)
    {
        return refuse(StatusCode::BAD_REQUEST, answer, code);
    }
    let client = crate::rate_limit::ClientAddress(
        connect.map_or_else(|| "local".to_string(), |c| c.0.0.ip().to_string()),
    );
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let viewer = Viewer::from_authorization(authorization, &state.keys, &state.db).await;
    // Each operation gets its own loaders: a batch shares the viewer, not caches.
    let prepare = |request: async_graphql::Request| {
        request
            .data(viewer.clone())
            .data(client.clone())
            .data(state.clone())
            .data(DataLoader::new(
                loaders::OrganisationByIdLoader(state.db.clone()),
                tokio::spawn,
            ))
            .data(DataLoader::new(
                loaders::DonorByIdLoader(state.db.clone()),
                tokio::spawn,
            ))
            .data(DataLoader::new(
                loaders::ProgrammeZoneLoader(state.db.clone()),
                tokio::spawn,
            ))
    };
    let schema = match (&batch, &state.introspection_schema) {
        (BatchRequest::Single(request), Some(introspection))
            if super::checks::is_introspection(
                &request.query,
                request.operation_name.as_deref(),
            ) =>
        {
            introspection
        }
        _ => &state.schema,
    };
    let batch = match batch {
        BatchRequest::Single(request) => BatchRequest::Single(prepare(request)),
        BatchRequest::Batch(requests) => {
            BatchRequest::Batch(requests.into_iter().map(prepare).collect())
        }
    };
    // A request running too long is stopped: it holds a connection others need.
    let mut response =
        match tokio::time::timeout(state.settings.request_timeout, schema.execute_batch(batch))
            .await
        {
            Ok(response) => response,
            Err(_) => {
                return refuse(
                    StatusCode::SERVICE_UNAVAILABLE,
                    answer,
                    ErrorCode::RequestTimeout,
                );
            }
        };
    match &mut response {
        BatchResponse::Single(r) => error::ensure_codes(r),
        BatchResponse::Batch(rs) => rs.iter_mut().for_each(error::ensure_codes),
    }
    answer_with(response, answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> Answer {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_str(value).expect("header"),
        );
        Answer::negotiate(&headers)
    }

    #[test]
    fn the_answer_follows_accept() {
        assert_eq!(Answer::negotiate(&HeaderMap::new()), Answer::Json);
        assert_eq!(accept("*/*"), Answer::Json);
        assert_eq!(accept("application/json"), Answer::Json);
        assert_eq!(accept(GRAPHQL_RESPONSE_JSON), Answer::GraphqlResponseJson);
        assert_eq!(
            accept("application/graphql-response+json, application/json;q=0.9"),
            Answer::GraphqlResponseJson
        );
        assert_eq!(
            accept("application/graphql-response+json;q=0.5, application/json"),
            Answer::Json
        );
    }

    #[test]
    fn only_the_specified_shape_is_an_operation() {
        assert!(batch_request(br#"{"query":"{ __typename }","variables":null}"#).is_ok());
        for bad in [
            &br#"{"notquery":"{ __typename }"}"#[..],
            br#"{"query":0}"#,
            br#"{"query":"{ a }","variables":"x"}"#,
            br#"{"query":"{ a }","operationName":false}"#,
            br#"{"query":"{ a }","extensions":["x"]}"#,
            br#"[]"#,
            br#"{ "not a JSON"#,
            b"",
        ] {
            assert_eq!(
                batch_request(bad).err(),
                Some(ErrorCode::BadRequest),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
