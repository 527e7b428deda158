use async_graphql::{Context, ID, InputObject, Object, SimpleObject, dataloader::DataLoader};
use chrono::{DateTime, Utc};
use shared_types::{ErrorCode, Language, Role};

use crate::{
    graphql::{
        error::coded, loaders::OrganisationByIdLoader, organisations::types::OrganisationNode,
    },
    services::users::{Account, sessions::Session},
};

pub struct UserNode(pub Account);

/// A staff account.
#[Object(name = "User")]
impl UserNode {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn email(&self) -> &str {
        &self.0.email
    }
    async fn display_name(&self) -> &str {
        &self.0.display_name
    }
    /// The interface language this person chose.
    async fn language(&self) -> Language {
        self.0.language
    }
    async fn active(&self) -> bool {
        self.0.active
    }
    async fn roles(&self) -> &[Role] {
        &self.0.roles
    }
    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<OrganisationNode> {
        let loader = ctx.data_unchecked::<DataLoader<OrganisationByIdLoader>>();
        loader
            .load_one(self.0.organisation_id)
            .await?
            .map(OrganisationNode)
            .ok_or_else(|| coded(ErrorCode::NotFound))
    }
}

/// A signed-in session: a short-lived access token and the refresh token that renews it.
#[derive(SimpleObject)]
pub struct AuthPayload {
    pub access_token: String,
    pub access_token_expires_at: DateTime<Utc>,
    pub refresh_token: String,
    pub refresh_token_expires_at: DateTime<Utc>,
    pub user: UserNode,
}

impl AuthPayload {
    pub fn new(session: Session, user: Account) -> AuthPayload {
        AuthPayload {
            access_token: session.access_token,
            access_token_expires_at: session.access_expires_at,
            refresh_token: session.refresh_token,
            refresh_token_expires_at: session.refresh_expires_at,
            user: UserNode(user),
        }
    }
}

#[derive(InputObject)]
pub struct CreateUserInput {
    pub organisation_id: ID,
    pub email: String,
    pub display_name: String,
    /// The first password, which the person is told in person.
    pub password: String,
    pub roles: Vec<Role>,
    #[graphql(default)]
    pub language: Language,
}
