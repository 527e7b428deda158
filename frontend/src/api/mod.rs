//! The typed GraphQL client. Each area's module declares its operations with
//! [`operation!`]: the documents live in `frontend/graphql/`, and the Rust
//! types of their variables and answers are generated from them and
//! `backend/schema.graphql` when the app compiles (graphql_client), so the
//! client cannot ask for a field, or send a variable, the schema lacks. The
//! backend's schema test keeps the snapshot equal to the server's schema.

/// Rows asked for per page of a list: enough for a phone's screen, well
/// under the server's `MAX_PAGE_SIZE`.
pub const PAGE_SIZE: u64 = 50;

pub mod accounts;
pub mod batches;
pub mod devices;
pub mod donors;
pub mod files;
pub mod installations;
pub mod messages;
pub mod pickups;
pub mod reports;
pub mod session;
pub mod settings;
pub mod training;

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use shared_types::{ErrorCode, Language};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::{self, Key};

/// An answer, fresh from the server or, with no network, the copy kept on
/// this phone from the last time (`kept_at` says when it was fetched).
#[derive(Debug, Clone, PartialEq)]
pub struct Kept<T> {
    pub value: T,
    pub kept_at: Option<String>,
}

impl<T> Kept<T> {
    pub fn fresh(value: T) -> Kept<T> {
        Kept {
            value,
            kept_at: None,
        }
    }
}

#[derive(Serialize, Deserialize)]
struct KeptCopy<T> {
    at: String,
    value: T,
}

/// Fetches, keeping a copy for the person signed in (IndexedDB, cleared at
/// sign-out); with no network, answers with that copy when there is one.
/// Only what a person needs in the field is kept so: a few pages' answers.
pub async fn kept_or_fetch<T: Serialize + DeserializeOwned>(
    key: &str,
    fetch: impl std::future::Future<Output = Result<T, ApiError>>,
) -> Result<Kept<T>, ApiError> {
    let person = session::kept_me().map(|me| me.id).unwrap_or_default();
    let key = format!("{person}:{key}");
    match fetch.await {
        Ok(value) => {
            let copy = KeptCopy {
                at: String::from(js_sys::Date::new_0().to_iso_string()),
                value,
            };
            if let Ok(text) = serde_json::to_string(&copy) {
                let _ = crate::browser::keep(&key, &text).await;
            }
            Ok(Kept::fresh(copy.value))
        }
        Err(ApiError::Network) => {
            let copy: KeptCopy<T> = crate::browser::kept(&key)
                .await
                .and_then(|text| serde_json::from_str(&text).ok())
                .ok_or(ApiError::Network)?;
            Ok(Kept {
                value: copy.value,
                kept_at: Some(copy.at),
            })
        }
        Err(error) => Err(error),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// The server could not be reached (no network, server down).
    Network,
    /// The server answered with an error code.
    Server(ErrorCode),
}

impl ApiError {
    pub fn message(&self, language: Language) -> &'static str {
        match self {
            ApiError::Network => i18n::text(language, Key::ErrorNetwork),
            ApiError::Server(code) => i18n::error_text(language, *code),
        }
    }

    /// Errors after which the person must sign in again.
    pub fn ends_session(&self) -> bool {
        matches!(
            self,
            ApiError::Server(
                ErrorCode::Unauthenticated
                    | ErrorCode::InvalidToken
                    | ErrorCode::TokenExpired
                    | ErrorCode::InvalidRefreshToken
                    | ErrorCode::RefreshTokenReused
                    | ErrorCode::AccountDeactivated
                    | ErrorCode::SessionEnded
            )
        )
    }
}

impl From<JsValue> for ApiError {
    fn from(_: JsValue) -> ApiError {
        ApiError::Network
    }
}

#[derive(Deserialize)]
struct GraphQlResponse<D> {
    data: Option<D>,
    #[serde(default)]
    errors: Vec<GraphQlError>,
}

#[derive(Deserialize)]
struct GraphQlError {
    #[serde(default)]
    extensions: Option<ErrorExtensions>,
}

#[derive(Deserialize)]
struct ErrorExtensions {
    code: Option<String>,
}

#[derive(Serialize)]
struct Body<'a, V> {
    query: &'a str,
    variables: V,
}

async fn post<V: Serialize, D: DeserializeOwned>(
    document: &str,
    variables: &V,
    token: Option<&str>,
) -> Result<D, ApiError> {
    let body = serde_json::to_string(&Body {
        query: document,
        variables,
    })
    .map_err(|_| ApiError::Server(ErrorCode::BadRequest))?;
    let headers = web_sys::Headers::new()?;
    headers.set("content-type", "application/json")?;
    if let Some(token) = token {
        headers.set("authorization", &format!("Bearer {token}"))?;
    }
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_headers(&headers);
    init.set_body(&JsValue::from_str(&body));
    let request = web_sys::Request::new_with_str_and_init("/graphql", &init)?;
    let window = web_sys::window().ok_or(ApiError::Network)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await?
        .dyn_into()?;
    let text = JsFuture::from(response.text()?)
        .await?
        .as_string()
        .unwrap_or_default();
    let parsed: GraphQlResponse<D> = serde_json::from_str(&text).map_err(|_| {
        // A proxy's error page, or a server too old for this app.
        ApiError::Server(if response.ok() {
            ErrorCode::BadRequest
        } else {
            ErrorCode::Internal
        })
    })?;
    if let Some(error) = parsed.errors.first() {
        let code = error
            .extensions
            .as_ref()
            .and_then(|e| e.code.as_deref())
            .and_then(ErrorCode::parse);
        return Err(ApiError::Server(code.unwrap_or(ErrorCode::Internal)));
    }
    parsed.data.ok_or(ApiError::Server(ErrorCode::Internal))
}

/// What the generated operations find in scope: the schema's scalars as the
/// wire carries them, and its enumerations as shared-types defines them
/// (one definition on both sides, rather than a generated copy).
#[allow(unused_imports)] // each operation takes the ones its document uses
pub mod contract {
    pub use shared_types::{
        AttendanceMark, BatchStatus, CompletionOutcome, Connection, DeviceOutcome,
        DevicePreference, DeviceSource, DeviceStatus, DonorKind, ErasureMethod, Gender, Grade,
        InstallationStatus, InternetAccess, Language, MatchReason, MaterialCategory, MediumKind,
        MessageKind, MessageStatus, OrganisationKind, PickupStatus, PrescriberKind,
        ProgrammeTimeZone, ReferralStatus, ReminderOutcome, Role, SupportKind, SupportStatus,
    };
    /// An instant as RFC 3339 text.
    pub type DateTime = String;
    /// A calendar day as `yyyy-mm-dd`.
    pub type NaiveDate = String;
    #[allow(clippy::upper_case_acronyms)]
    pub type UUID = String;
}

/// Declares an operation of `frontend/graphql/`: its variables and answer
/// are generated from the document and `backend/schema.graphql` when the
/// app compiles, so a field the schema lacks, a wrong type or a missing
/// variable fails the build. `variable_types` names shared-types inputs
/// used as the operation's variables, in the order the document declares
/// them; `response_type` a shared-types answer of its one field (the backend
/// derives that field's schema type from the same struct).
macro_rules! operation {
    (@with $answers:tt $variables:tt $name:ident, $file:tt $(, variable_types($($input:tt),*))? $(, response_type = $answer:tt)?) => {
        #[derive(graphql_client::GraphQLQuery)]
        #[graphql(
            schema_path = "../backend/schema.graphql",
            query_path = $file,
            response_derives = $answers,
            variables_derives = $variables,
            extern_enums(
                "AttendanceMark", "BatchStatus", "CompletionOutcome", "Connection",
                "DeviceOutcome", "DevicePreference", "DeviceSource", "DeviceStatus", "DonorKind",
                "ErasureMethod", "Gender", "Grade", "InstallationStatus", "InternetAccess",
                "Language", "MatchReason", "MaterialCategory", "MediumKind", "MessageKind",
                "MessageStatus", "OrganisationKind",
                "PickupStatus", "PrescriberKind", "ProgrammeTimeZone", "ReferralStatus",
                "ReminderOutcome", "Role", "SupportKind", "SupportStatus"
            )
            $(, variable_types($($input),*))?
            $(, response_type = $answer)?
        )]
        pub struct $name;
    };
    // Kept on the phone or read as another operation's (`retype`): its
    // answer is written back to JSON and its inputs read from it.
    (kept $($rest:tt)*) => {
        $crate::api::operation!(@with "Clone, Serialize" "Clone, Deserialize" $($rest)*);
    };
    // The others carry only what the screens use: each derive is code in
    // the first download.
    ($($rest:tt)*) => {
        $crate::api::operation!(@with "Clone" "Clone" $($rest)*);
    };
}
pub(crate) use operation;

/// Sends an operation declared with [`operation!`] as the signed-in person.
pub async fn send<Q: graphql_client::GraphQLQuery>(
    variables: Q::Variables,
) -> Result<Q::ResponseData, ApiError> {
    let body = Q::build_query(variables);
    request(body.query, body.variables).await
}

/// A page of a list as the screens use it, from the answer's rows and
/// total (a GraphQL `Int`).
pub fn page_of<T>(items: Vec<T>, total: i64) -> shared_types::Page<T> {
    shared_types::Page {
        items,
        total: total.max(0) as u64,
    }
}

/// Reads the answer of one operation as another's, where both select the
/// same fields of one schema type: their generated types differ only in
/// name (a batch's yield and the year's, say), so one view serves both.
pub fn retype<A: Serialize, B: DeserializeOwned>(answer: A) -> Result<B, ApiError> {
    serde_json::to_value(answer)
        .and_then(serde_json::from_value)
        .map_err(|_| ApiError::Server(ErrorCode::Internal))
}

/// Sends an operation declared with [`operation!`] without credentials.
pub async fn send_anonymous<Q: graphql_client::GraphQLQuery>(
    variables: Q::Variables,
) -> Result<Q::ResponseData, ApiError> {
    let body = Q::build_query(variables);
    post(body.query, &body.variables, None).await
}

/// Sends an operation as the signed-in person. An expired access token is
/// renewed once with the refresh token and the operation sent again; when
/// the session cannot be renewed, the app goes back to the sign-in page.
async fn request<V: Serialize, D: DeserializeOwned>(
    document: &str,
    variables: V,
) -> Result<D, ApiError> {
    let tokens = session::stored_tokens();
    let first = post(
        document,
        &variables,
        tokens.as_ref().map(|t| t.access_token.as_str()),
    )
    .await;
    let result = match first {
        Err(ApiError::Server(ErrorCode::TokenExpired)) => match session::renew(tokens).await {
            Ok(renewed) => post(document, &variables, Some(&renewed.access_token)).await,
            Err(e) => Err(e),
        },
        other => other,
    };
    if let Err(error) = &result
        && error.ends_session()
    {
        session::end_locally(error);
    }
    result
}
