//! The GraphQL API: one schema merged from each area's queries and mutations,
//! served at `/graphql` with limits on what a single request may ask.

pub mod batches;
pub mod context;
pub mod devices;
pub mod donors;
pub mod error;
pub mod installations;
pub mod loaders;
pub mod organisations;
pub mod pickups;
pub mod reports;
pub mod text;
pub mod training;
pub mod users;

use async_graphql::{
    BatchRequest, BatchResponse, EmptySubscription, MergedObject, Schema, dataloader::DataLoader,
    http::GraphiQLSource,
};
use async_graphql_axum::{GraphQLBatchRequest, GraphQLResponse};
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{Html, IntoResponse, Response},
};
use shared_types::ErrorCode;

use crate::{AppState, auth::Viewer};

#[derive(MergedObject, Default)]
pub struct QueryRoot(
    users::UsersQuery,
    organisations::OrganisationsQuery,
    donors::DonorsQuery,
    pickups::PickupsQuery,
    batches::BatchesQuery,
    devices::DevicesQuery,
    training::TrainingQuery,
    installations::InstallationsQuery,
    reports::ReportsQuery,
);

#[derive(MergedObject, Default)]
pub struct MutationRoot(
    users::UsersMutation,
    organisations::OrganisationsMutation,
    donors::DonorsMutation,
    pickups::PickupsMutation,
    batches::BatchesMutation,
    devices::DevicesMutation,
    training::TrainingMutation,
    installations::InstallationsMutation,
);

pub type AppSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// Deep enough for any screen of ours, shallow enough to stop a recursive crawl.
pub const MAX_DEPTH: usize = 10;
pub const MAX_COMPLEXITY: usize = 1_000;
pub const MAX_DIRECTIVES: usize = 10;
/// A client of ours never batches more than a few operations.
pub const MAX_BATCH: usize = 10;

/// The schema without request data: what the SDL snapshot is taken from.
pub fn schema_builder() -> async_graphql::SchemaBuilder<QueryRoot, MutationRoot, EmptySubscription>
{
    Schema::build(
        QueryRoot::default(),
        MutationRoot::default(),
        EmptySubscription,
    )
    .limit_depth(MAX_DEPTH)
    .limit_complexity(MAX_COMPLEXITY)
    .limit_directives(MAX_DIRECTIVES)
}

pub fn build_schema(production: bool) -> AppSchema {
    let builder = schema_builder();
    if production {
        // Nothing for a prober to read the API from; GraphiQL needs introspection in development.
        builder
            .disable_introspection()
            .disable_suggestions()
            .finish()
    } else {
        builder.finish()
    }
}

/// The API contract in SDL, as committed in `backend/schema.graphql`.
pub fn sdl() -> String {
    let sorted = async_graphql::SDLExportOptions::new()
        .sorted_fields()
        .sorted_arguments()
        .sorted_enum_items();
    schema_builder().finish().sdl_with_options(sorted)
}

pub async fn graphql_handler(
    State(state): State<AppState>,
    connect: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    headers: HeaderMap,
    request: Result<GraphQLBatchRequest, async_graphql_axum::rejection::GraphQLRejection>,
) -> Response {
    // A body the extractor refused: say why with a code, never its debug text.
    let request = match request {
        Ok(request) => request,
        Err(rejection) => {
            let too_large = format!("{:?}", rejection.0).contains("length limit exceeded");
            let (status, code) = if too_large {
                (StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::RequestTooLarge)
            } else {
                (StatusCode::BAD_REQUEST, ErrorCode::BadRequest)
            };
            let refusal: GraphQLResponse = BatchResponse::Single(error::refusal(code)).into();
            return (status, [(header::CACHE_CONTROL, "no-store")], refusal).into_response();
        }
    };
    let client = crate::rate_limit::ClientAddress(
        connect.map_or_else(|| "local".to_string(), |c| c.0.0.ip().to_string()),
    );
    let batch = request.into_inner();
    let with_no_store = |response: GraphQLResponse| {
        // Answers hold personal data: no browser or proxy may keep them.
        ([(header::CACHE_CONTROL, "no-store")], response).into_response()
    };
    if let BatchRequest::Batch(operations) = &batch
        && operations.len() > MAX_BATCH
    {
        let refusal = BatchResponse::Single(error::refusal(ErrorCode::BatchTooLarge));
        return (StatusCode::BAD_REQUEST, with_no_store(refusal.into())).into_response();
    }
    let mut batch = batch;
    if let Err(code) = batch.iter_mut().try_for_each(text::normalise_request) {
        let refusal = BatchResponse::Single(error::refusal(code));
        return (StatusCode::BAD_REQUEST, with_no_store(refusal.into())).into_response();
    }
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
    };
    let batch = match batch {
        BatchRequest::Single(request) => BatchRequest::Single(prepare(request)),
        BatchRequest::Batch(requests) => {
            BatchRequest::Batch(requests.into_iter().map(prepare).collect())
        }
    };
    // A request running too long is stopped: it holds a connection others need.
    let mut response = match tokio::time::timeout(
        state.settings.request_timeout,
        state.schema.execute_batch(batch),
    )
    .await
    {
        Ok(response) => response,
        Err(_) => {
            let refusal = BatchResponse::Single(error::refusal(ErrorCode::RequestTimeout));
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                with_no_store(refusal.into()),
            )
                .into_response();
        }
    };
    match &mut response {
        BatchResponse::Single(r) => error::ensure_codes(r),
        BatchResponse::Batch(rs) => rs.iter_mut().for_each(error::ensure_codes),
    }
    with_no_store(response.into())
}

pub async fn graphiql() -> impl IntoResponse {
    Html(GraphiQLSource::build().endpoint("/graphql").finish())
}
