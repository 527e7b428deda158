//! The GraphQL API: one schema merged from each area's queries and mutations,
//! served at `/graphql` with limits on what a single request may ask.

pub mod batches;
pub mod checks;
pub mod context;
pub mod devices;
pub mod donors;
pub mod error;
pub mod installations;
pub mod loaders;
pub mod messages;
pub mod organisations;
pub mod page;
pub mod pickups;
pub mod reports;
pub mod settings;
pub mod text;
pub mod training;
pub mod transport;
pub mod users;

use async_graphql::{EmptySubscription, MergedObject, Schema, http::GraphiQLSource};
use axum::response::{Html, IntoResponse};

pub use transport::graphql_handler;

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
    settings::SettingsQuery,
    messages::MessagesQuery,
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
    settings::SettingsMutation,
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
    .extension(checks::RequestChecks)
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

/// In development, what answers introspection: GraphiQL's and schemathesis'
/// introspection query nests `ofType` deeper than `MAX_DEPTH` allows real
/// queries, and it reads only the schema, so it runs here without the depth
/// and complexity limits. This schema answers nothing but introspection.
/// Production has none: introspection stays off there.
pub fn build_introspection_schema(production: bool) -> Option<AppSchema> {
    (!production).then(|| {
        Schema::build(
            QueryRoot::default(),
            MutationRoot::default(),
            EmptySubscription,
        )
        .introspection_only()
        .limit_directives(MAX_DIRECTIVES)
        .extension(checks::RequestChecks)
        .finish()
    })
}

/// The API contract in SDL, as committed in `backend/schema.graphql`.
pub fn sdl() -> String {
    let sorted = async_graphql::SDLExportOptions::new()
        .sorted_fields()
        .sorted_arguments()
        .sorted_enum_items();
    schema_builder().finish().sdl_with_options(sorted)
}

pub async fn graphiql() -> impl IntoResponse {
    Html(GraphiQLSource::build().endpoint("/graphql").finish())
}
