//! Files that do not fit in GraphQL: photo uploads and downloads, and PDFs.
//! Same bearer token as the API; errors come in the GraphQL error shape
//! (`errors[0].extensions.code`) so the browser reads them the same way.

use axum::{
    Json, Router,
    body::{Body, Bytes},
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::{get, post, put},
};
use serde::Deserialize;
use serde_json::json;
use shared_types::{ErrorCode, pickup::MAX_PHOTO_BYTES};
use uuid::Uuid;

use crate::{
    AppState,
    auth::{StaffUser, Viewer},
    services::{
        ServiceError,
        devices::{self, erasure::MAX_REPORT_BYTES},
        pickups,
    },
};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/api/pickups/{pickup_id}/photos/{photo_id}",
            put(upload_photo),
        )
        .route("/api/photos/{photo_id}", get(photo))
        .route("/api/pickups/{pickup_id}/receipt.pdf", get(receipt))
        .route("/api/devices/labels.pdf", get(labels))
        .route(
            "/api/donors/{donor_id}/erasure-certificate.pdf",
            get(erasure_certificate),
        )
        .route(
            "/api/erasures/{erasure_id}/report",
            put(upload_erasure_report).get(erasure_report),
        )
        .route(
            "/api/installations/{installation_id}/agreement.pdf",
            get(agreement),
        )
        .route("/api/reports/{file}", get(report_file))
        .route("/api/imports/check", post(check_import))
        .route("/api/imports", post(run_import))
        .route("/api/imports/template.xlsx", get(import_template))
        .route("/api/exports/programme.xlsx", get(export_programme))
        .layer(axum::middleware::map_response(coded_errors))
}

/// Whatever refuses a request here (an extractor, a wrong method), the
/// answer is JSON with a code, as the browser and API clients read errors.
async fn coded_errors(response: Response) -> Response {
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let code = match status {
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthenticated,
        StatusCode::FORBIDDEN => ErrorCode::Forbidden,
        StatusCode::NOT_FOUND => ErrorCode::NotFound,
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed,
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::RequestTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        s if s.is_server_error() => ErrorCode::Internal,
        _ => ErrorCode::BadRequest,
    };
    coded_body(status, code)
}

/// A refusal with its code, as the GraphQL endpoint would word it.
struct Refusal(ErrorCode);

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        refusal(self.0)
    }
}

fn refusal(code: ErrorCode) -> Response {
    let status = match code {
        ErrorCode::Unauthenticated
        | ErrorCode::TokenExpired
        | ErrorCode::InvalidToken
        | ErrorCode::AccountDeactivated
        | ErrorCode::SessionEnded => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::PhotoTooLarge | ErrorCode::PhotoTooManyPixels => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::PhotoNotImage | ErrorCode::ReportInvalid => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorCode::PhotoConflict | ErrorCode::TooManyPhotos => StatusCode::CONFLICT,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::BAD_REQUEST,
    };
    coded_body(status, code)
}

/// An error answer in the GraphQL shape, with whatever goes along
/// (`answer`: an import's problems).
#[derive(serde::Serialize)]
struct CodedBody<T: serde::Serialize> {
    errors: [CodedError; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<T>,
}

#[derive(serde::Serialize)]
struct CodedError {
    message: &'static str,
    extensions: CodedExtensions,
}

#[derive(serde::Serialize)]
struct CodedExtensions {
    code: &'static str,
}

fn coded_with<T: serde::Serialize>(
    status: StatusCode,
    code: ErrorCode,
    answer: Option<T>,
) -> Response {
    let body = CodedBody {
        errors: [CodedError {
            message: code.message_en(),
            extensions: CodedExtensions {
                code: code.as_str(),
            },
        }],
        answer,
    };
    (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

fn coded_body(status: StatusCode, code: ErrorCode) -> Response {
    coded_with::<()>(status, code, None)
}

fn from_service<E: ServiceError>(err: E) -> Response {
    let code = err.code();
    if code == ErrorCode::Internal {
        tracing::error!(error = %err, "internal error");
    }
    refusal(code)
}

async fn staff(state: &AppState, headers: &HeaderMap) -> Result<StaffUser, Refusal> {
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    match Viewer::from_authorization(authorization, &state.keys, &state.db).await {
        Viewer::Staff(staff) => Ok(staff),
        Viewer::Anonymous => Err(Refusal(ErrorCode::Unauthenticated)),
        Viewer::Refused(code) => Err(Refusal(code)),
    }
}

fn parse_uuid(text: &str) -> Result<Uuid, Refusal> {
    Uuid::parse_str(text).map_err(|_| Refusal(ErrorCode::NotFound))
}

fn photos_dir(state: &AppState) -> std::path::PathBuf {
    state.settings.data_dir.join("photos")
}

/// `PUT` a photo's bytes under the id the phone gave it. Sending the same
/// photo again answers as the first time.
async fn upload_photo(
    State(state): State<AppState>,
    Path((pickup_id, photo_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let viewer = staff(&state, &headers).await?;
    let (pickup_id, photo_id) = (parse_uuid(&pickup_id)?, parse_uuid(&photo_id)?);
    // Read at most one byte past the limit: enough to know it is too large.
    let bytes: Bytes = match axum::body::to_bytes(body, MAX_PHOTO_BYTES + 1).await {
        Ok(bytes) => bytes,
        Err(_) => return Err(Refusal(ErrorCode::PhotoTooLarge)),
    };
    Ok(
        match pickups::photos::add(
            &state.db,
            &photos_dir(&state),
            &viewer,
            pickup_id,
            photo_id,
            &bytes,
        )
        .await
        {
            Ok(photo) => (
                StatusCode::OK,
                [(header::CACHE_CONTROL, "no-store")],
                Json(json!({
                    "id": photo.id,
                    "url": format!("/api/photos/{}", photo.id),
                    "width": photo.width,
                    "height": photo.height,
                })),
            )
                .into_response(),
            Err(err) => from_service(err),
        },
    )
}

async fn photo(
    State(state): State<AppState>,
    Path(photo_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let viewer = staff(&state, &headers).await?;
    let photo_id = parse_uuid(&photo_id)?;
    Ok(
        match pickups::photos::read(&state.db, &photos_dir(&state), &viewer, photo_id).await {
            Ok((content_type, bytes)) => (
                [
                    (header::CONTENT_TYPE, content_type),
                    // A resident donor's home may be in the picture: not kept
                    // on a phone others may pick up.
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                bytes,
            )
                .into_response(),
            Err(err) => from_service(err),
        },
    )
}

#[derive(Deserialize)]
struct ReceiptQuery {
    /// Minutes east of UTC of the viewer's clock (Paris in winter: 60).
    tz: Option<i32>,
}

async fn receipt(
    State(state): State<AppState>,
    Path(pickup_id): Path<String>,
    Query(query): Query<ReceiptQuery>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let viewer = staff(&state, &headers).await?;
    let pickup_id = parse_uuid(&pickup_id)?;
    let offset = query.tz.unwrap_or(0).clamp(-14 * 60, 14 * 60);
    Ok(
        match pickups::receipt::pdf(&state.db, &viewer, pickup_id, offset).await {
            Ok(pdf) => (
                [
                    (header::CONTENT_TYPE, "application/pdf".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!(
                            "inline; filename=\"recu-collecte-{}.pdf\"",
                            &pickup_id.to_string()[..8]
                        ),
                    ),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                pdf,
            )
                .into_response(),
            Err(err) => from_service(err),
        },
    )
}

fn pdf(bytes: Vec<u8>, file_name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/pdf".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Deserialize)]
struct LabelsQuery {
    /// Device ids, comma-separated.
    ids: Option<String>,
    /// Every device of a batch.
    batch: Option<String>,
}

/// The address the QR codes open: the configured one, else the one asked from.
fn public_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.settings.public_url {
        return url.clone();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
        .filter(|s| *s == "https")
        .unwrap_or("http");
    format!("{scheme}://{host}")
}

async fn labels(
    State(state): State<AppState>,
    Query(query): Query<LabelsQuery>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let viewer = staff(&state, &headers).await?;
    let mut ids: Vec<Uuid> = Vec::new();
    for id in query
        .ids
        .as_deref()
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
    {
        ids.push(parse_uuid(id)?);
    }
    if let Some(batch) = &query.batch {
        let filter = devices::DeviceFilter {
            batch_id: Some(parse_uuid(batch)?),
            ..Default::default()
        };
        let page = devices::list(&state.db, &viewer, filter, 0, shared_types::MAX_PAGE_SIZE)
            .await
            .map_err(|e| Refusal(e.code()))?;
        ids.extend(page.items.into_iter().map(|d| d.id));
    }
    if ids.len() > 500 {
        return Err(Refusal(ErrorCode::BadRequest));
    }
    let url = public_url(&state, &headers);
    Ok(
        match devices::documents::labels(&state.db, &viewer, &ids, &url).await {
            Ok(bytes) => pdf(bytes, "etiquettes.pdf"),
            Err(err) => from_service(err),
        },
    )
}

async fn erasure_certificate(
    State(state): State<AppState>,
    Path(donor_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let viewer = staff(&state, &headers).await?;
    let donor_id = parse_uuid(&donor_id)?;
    Ok(
        match devices::documents::erasure_certificate(&state.db, &viewer, donor_id).await {
            Ok(bytes) => pdf(bytes, "certificat-effacement.pdf"),
            Err(err) => from_service(err),
        },
    )
}

fn reports_dir(state: &AppState) -> std::path::PathBuf {
    state.settings.data_dir.join("erasure-reports")
}

async fn upload_erasure_report(
    State(state): State<AppState>,
    Path(erasure_id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    let viewer = staff(&state, &headers).await?;
    let erasure_id = parse_uuid(&erasure_id)?;
    let bytes: Bytes = axum::body::to_bytes(body, MAX_REPORT_BYTES + 1)
        .await
        .map_err(|_| Refusal(ErrorCode::ReportInvalid))?;
    Ok(
        match devices::erasure::attach_report(
            &state.db,
            &reports_dir(&state),
            &viewer,
            erasure_id,
            &bytes,
        )
        .await
        {
            Ok(()) => (
                StatusCode::OK,
                Json(json!({ "url": format!("/api/erasures/{erasure_id}/report") })),
            )
                .into_response(),
            Err(err) => from_service(err),
        },
    )
}

async fn erasure_report(
    State(state): State<AppState>,
    Path(erasure_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let viewer = staff(&state, &headers).await?;
    let erasure_id = parse_uuid(&erasure_id)?;
    Ok(
        match devices::erasure::read_report(&state.db, &reports_dir(&state), &viewer, erasure_id)
            .await
        {
            Ok((content_type, bytes)) => (
                [
                    (header::CONTENT_TYPE, content_type),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                bytes,
            )
                .into_response(),
            Err(err) => from_service(err),
        },
    )
}

async fn agreement(
    State(state): State<AppState>,
    Path(installation_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let viewer = staff(&state, &headers).await?;
    let id = parse_uuid(&installation_id)?;
    Ok(
        match crate::services::installations::agreement::pdf(&state.db, &viewer, id).await {
            Ok(bytes) => pdf(bytes, "convention-mise-a-disposition.pdf"),
            Err(err) => from_service(err),
        },
    )
}

/// Read by hand, so that a missing or malformed date gets its code.
#[derive(Deserialize)]
struct PeriodQuery {
    from: Option<String>,
    to: Option<String>,
}

/// A day written `YYYY-MM-DD`, or `DATE_INVALID`.
fn day(text: Option<&str>) -> Result<chrono::NaiveDate, Refusal> {
    text.and_then(|t| chrono::NaiveDate::parse_from_str(t.trim(), "%Y-%m-%d").ok())
        .ok_or(Refusal(ErrorCode::DateInvalid))
}

/// `report.pdf`, or one table as `<table>.csv` (see `reports::documents::TABLES`).
async fn report_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    Query(period): Query<PeriodQuery>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    use crate::services::reports::{self, documents};
    let viewer = staff(&state, &headers).await?;
    let (from, to) = (day(period.from.as_deref())?, day(period.to.as_deref())?);
    let found = reports::report(&state.db, &viewer, from, to)
        .await
        .map_err(|e| Refusal(e.code()))?;
    if file == "report.pdf" {
        use sea_orm::EntityTrait;
        let programme = crate::db::entities::programme::Entity::find_by_id(viewer.programme_id)
            .one(&state.db.conn)
            .await
            .ok()
            .flatten()
            .map(|p| p.name)
            .unwrap_or_default();
        return Ok(pdf(
            documents::pdf(&found, &programme),
            &format!("bilan-{from}.pdf"),
        ));
    }
    let table = file
        .strip_suffix(".csv")
        .ok_or(Refusal(ErrorCode::NotFound))?;
    let learners = if table == "learners" {
        reports::learner_lines(&state.db, &viewer, from, to)
            .await
            .map_err(|e| Refusal(e.code()))?
    } else {
        Vec::new()
    };
    let text = documents::csv(table, &found, &learners).ok_or(Refusal(ErrorCode::NotFound))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{table}-{from}.csv\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        text,
    )
        .into_response())
}

#[derive(Deserialize)]
struct ImportQuery {
    /// The file's name, as the person chose it (kept with each record).
    name: Option<String>,
}

#[derive(Deserialize)]
struct LanguageQuery {
    language: Option<String>,
}

impl LanguageQuery {
    fn french(&self) -> bool {
        self.language.as_deref() != Some("en")
    }
}

async fn import_bytes(body: Body) -> Result<Vec<u8>, Refusal> {
    use shared_types::import::MAX_IMPORT_BYTES;
    match axum::body::to_bytes(body, MAX_IMPORT_BYTES + 1).await {
        Ok(bytes) if bytes.is_empty() => Err(Refusal(ErrorCode::FileRequired)),
        Ok(bytes) if bytes.len() <= MAX_IMPORT_BYTES => Ok(bytes.to_vec()),
        _ => Err(Refusal(ErrorCode::RequestTooLarge)),
    }
}

/// The dry run: what the file would make and what is wrong with it.
async fn check_import(
    State(state): State<AppState>,
    Query(query): Query<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    imported(&state, query, &headers, body, false).await
}

/// The import itself: all of the file, or nothing and why.
async fn run_import(
    State(state): State<AppState>,
    Query(query): Query<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Refusal> {
    imported(&state, query, &headers, body, true).await
}

/// The file checked, and when `save`, imported. A refused import answers
/// with its code and the problems (`answer`).
async fn imported(
    state: &AppState,
    query: ImportQuery,
    headers: &HeaderMap,
    body: Body,
    save: bool,
) -> Result<Response, Refusal> {
    use crate::services::imports::{self, ImportError};
    let viewer = staff(state, headers).await?;
    let bytes = import_bytes(body).await?;
    let name = query.name.unwrap_or_default();
    let answered = if save {
        imports::import(&state.db, &viewer, bytes, &name).await
    } else {
        imports::check(&state.db, &viewer, bytes, &name).await
    };
    let no_store = [(header::CACHE_CONTROL, "no-store")];
    match answered {
        Ok(answer) => Ok((StatusCode::OK, no_store, Json(answer)).into_response()),
        Err(ImportError::Refused(answer)) => Ok(coded_with(
            StatusCode::UNPROCESSABLE_ENTITY,
            ErrorCode::ImportRefused,
            Some(answer),
        )),
        Err(err) => Ok(from_service(err)),
    }
}

fn workbook(bytes: Vec<u8>, file_name: &str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

async fn import_template(
    State(state): State<AppState>,
    Query(query): Query<LanguageQuery>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    use crate::services::imports::export;
    let viewer = staff(&state, &headers).await?;
    let french = query.french();
    let bytes = export::template(&viewer, french).map_err(|e| Refusal(e.code()))?;
    Ok(workbook(
        bytes,
        if french {
            "modele-passerelle.xlsx"
        } else {
            "passerelle-template.xlsx"
        },
    ))
}

async fn export_programme(
    State(state): State<AppState>,
    Query(query): Query<LanguageQuery>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    use crate::services::imports::export;
    let viewer = staff(&state, &headers).await?;
    let french = query.french();
    let bytes = export::export(&state.db, &viewer, french)
        .await
        .map_err(|e| match e.code() {
            ErrorCode::Internal => {
                tracing::error!(error = %e, "export failed");
                Refusal(ErrorCode::Internal)
            }
            code => Refusal(code),
        })?;
    let today = chrono::Utc::now().format("%Y-%m-%d");
    Ok(workbook(bytes, &format!("passerelle-{today}.xlsx")))
}
