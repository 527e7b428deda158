//! Passerelle's server. `build_app` gives the whole HTTP app for a prepared
//! state, so tests drive exactly what `main` serves.

pub mod auth;
pub mod backup;
pub mod config;
pub mod db;
pub mod demo;
pub mod documents;
mod files;
pub mod graphql;
pub mod rate_limit;
pub mod services;
mod spa;

use std::sync::Arc;

use axum::{
    Router,
    http::{HeaderValue, header},
    routing::{get, post},
};
use tower_http::{compression::CompressionLayer, set_header::SetResponseHeaderLayer};

use crate::{auth::JwtKeys, config::Settings, db::Db, graphql::AppSchema};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub keys: Arc<JwtKeys>,
    pub settings: Arc<Settings>,
    pub schema: AppSchema,
    /// Development only: introspection without the query limits (see `graphql`).
    pub introspection_schema: Option<AppSchema>,
    pub attempts: Arc<services::attempts::Attempts>,
    /// Where e-mails leave by (see `services::messages::gateway`).
    pub mail: Arc<dyn services::messages::gateway::Gateway>,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("signing key: {0}")]
    Secret(#[from] std::io::Error),
    #[error("demo data: {0}")]
    Demo(String),
    #[error("{0}")]
    Mail(String),
}

/// Connects, migrates, loads the signing key and (if asked) the demo programme.
pub async fn prepare(settings: Settings) -> Result<AppState, StartError> {
    // The SQLite file, the signing key and (later) uploads live here.
    std::fs::create_dir_all(&settings.data_dir)?;
    let db = Db::connect(&settings.database_url).await?;
    db.migrate().await?;
    let secret = match &settings.jwt_secret {
        Some(secret) => secret.clone(),
        None => auth::secret::load_or_create(&settings.data_dir)?,
    };
    if settings.demo {
        demo::load_if_empty(&db)
            .await
            .map_err(|e| StartError::Demo(e.to_string()))?;
    }
    let mail = services::messages::gateway::from_settings(&settings).map_err(StartError::Mail)?;
    Ok(AppState {
        mail,
        keys: Arc::new(JwtKeys::new(&secret, settings.access_token_ttl)),
        schema: graphql::build_schema(!settings.is_development()),
        introspection_schema: graphql::build_introspection_schema(!settings.is_development()),
        attempts: Arc::new(services::attempts::Attempts::new(&settings.attempt_limits)),
        settings: Arc::new(settings),
        db,
    })
}

/// Starts sending the outbox's messages, for as long as the runtime runs.
pub fn start_sending(state: &AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(services::messages::worker::run(
        state.db.clone(),
        state.mail.clone(),
    ))
}

pub fn build_app(state: AppState) -> Router {
    let mut graphql_route = post(graphql::graphql_handler);
    if state.settings.is_development() {
        graphql_route = graphql_route.get(graphql::graphiql);
    }
    // The handler reads at most `transport::MAX_BODY` itself, to refuse more with a code.
    let graphql_route = graphql_route.fallback(graphql::transport::method_not_allowed);
    let api = Router::new()
        .route("/graphql", graphql_route)
        .route("/health", get(|| async { "ok" }))
        // Photos need more than a GraphQL body; their route reads at most its own limit.
        .merge(files::routes());
    api.merge(spa::service(&state.settings.static_dir))
        // Tracking links will carry codes in their URL: never leak them to another site.
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(CompressionLayer::new())
        .with_state(state)
}
