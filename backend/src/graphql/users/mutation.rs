use async_graphql::{Context, ID, Object};
use shared_types::{AccountChanges, ErrorCode, Language, Role};

use crate::{
    AppState,
    auth::RoleGuard,
    graphql::{
        context,
        error::{coded, from_service},
    },
    services::{
        ServiceError,
        users::{self, NewAccount, sessions},
    },
};

use super::types::{AuthPayload, CreateUserInput, UserNode};

#[derive(Default)]
pub struct UsersMutation;

/// The answer to a login or a refresh: the tokens and who they are for.
async fn signed_in(
    state: &AppState,
    session: sessions::Session,
) -> async_graphql::Result<AuthPayload> {
    let account = users::account(&state.db, session.user_id)
        .await
        .map_err(from_service)?;
    Ok(AuthPayload::new(session, account))
}

#[Object]
impl UsersMutation {
    /// A forgotten password: sends a link to choose a new one to `email`,
    /// when it has an account. Answers `true` either way (it tells nobody
    /// who has an account); refused only past the sign-in attempt limits.
    async fn request_password_reset(
        &self,
        ctx: &Context<'_>,
        email: String,
    ) -> async_graphql::Result<bool> {
        let state = context::state(ctx);
        let client = &ctx.data_unchecked::<crate::rate_limit::ClientAddress>().0;
        users::reset::request(state, &email, client)
            .await
            .map_err(from_service)?;
        Ok(true)
    }

    /// Chooses a new password with the token of a reset link (once, within
    /// its time); every session of the account ends.
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        token: String,
        new_password: String,
    ) -> async_graphql::Result<bool> {
        users::reset::reset(context::state(ctx), &token, &new_password)
            .await
            .map_err(from_service)?;
        Ok(true)
    }

    /// Signs in with an email and password.
    async fn login(
        &self,
        ctx: &Context<'_>,
        email: String,
        password: String,
    ) -> async_graphql::Result<AuthPayload> {
        let state = context::state(ctx);
        let client = &ctx.data_unchecked::<crate::rate_limit::ClientAddress>().0;
        let account = shared_types::text::search_key(&email);
        let attempt = state
            .attempts
            .sign_in(&account, client)
            .await
            .map_err(coded)?;
        let session = match sessions::login(
            &state.db,
            &state.keys,
            sessions::SessionPolicy::from_settings(&state.settings),
            &email,
            &password,
        )
        .await
        {
            Ok(session) => {
                attempt.signed_in();
                session
            }
            Err(err) => {
                if err.code() == ErrorCode::InvalidCredentials {
                    attempt.wrong_password();
                } else {
                    attempt.not_a_guess();
                }
                return Err(from_service(err));
            }
        };
        signed_in(state, session).await
    }

    /// Exchanges a refresh token for a new access token and a new refresh
    /// token; the one given stops working.
    async fn refresh_session(
        &self,
        ctx: &Context<'_>,
        refresh_token: String,
    ) -> async_graphql::Result<AuthPayload> {
        let state = context::state(ctx);
        let session = sessions::refresh(
            &state.db,
            &state.keys,
            sessions::SessionPolicy::from_settings(&state.settings),
            &refresh_token,
        )
        .await
        .map_err(from_service)?;
        signed_in(state, session).await
    }

    /// Ends the session the refresh token belongs to.
    async fn logout(
        &self,
        ctx: &Context<'_>,
        refresh_token: String,
    ) -> async_graphql::Result<bool> {
        sessions::logout(&context::state(ctx).db, &refresh_token)
            .await
            .map_err(from_service)?;
        Ok(true)
    }

    /// Changes the signed-in user's password. Every other session of the
    /// account ends; the answer is this device's new session.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        current_password: String,
        new_password: String,
    ) -> async_graphql::Result<AuthPayload> {
        let viewer = context::staff(ctx)?;
        let state = context::state(ctx);
        // A borrowed phone left signed in must not become a way to guess the
        // password: wrong guesses here count like failed sign-ins.
        let attempt = state
            .attempts
            .password_check(&viewer.id.to_string())
            .await
            .map_err(coded)?;
        let changed = sessions::change_password(
            &state.db,
            &state.keys,
            sessions::SessionPolicy::from_settings(&state.settings),
            viewer.id,
            &current_password,
            &new_password,
        )
        .await;
        let session = match changed {
            Ok(session) => {
                attempt.not_a_guess();
                session
            }
            Err(err) => {
                if err.code() == ErrorCode::CurrentPasswordWrong {
                    attempt.failed();
                } else {
                    attempt.not_a_guess();
                }
                return Err(from_service(err));
            }
        };
        signed_in(state, session).await
    }

    /// Keeps the signed-in user's interface language for all their devices.
    async fn set_my_language(
        &self,
        ctx: &Context<'_>,
        language: Language,
    ) -> async_graphql::Result<UserNode> {
        let viewer = context::staff(ctx)?;
        let account = users::set_language(&context::state(ctx).db, viewer.id, language)
            .await
            .map_err(from_service)?;
        Ok(UserNode(account))
    }

    /// Creates a staff account in an organisation of the coordinator's programme.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn create_user(
        &self,
        ctx: &Context<'_>,
        input: CreateUserInput,
    ) -> async_graphql::Result<UserNode> {
        let viewer = context::staff(ctx)?;
        let new = NewAccount {
            organisation_id: if input.organisation_id.trim().is_empty() {
                return Err(coded(ErrorCode::OrganisationRequired));
            } else {
                context::parse_id(&input.organisation_id)?
            },
            email: input.email,
            display_name: input.display_name,
            password: input.password,
            roles: input.roles,
            language: input.language,
        };
        let account = users::create(&context::state(ctx).db, viewer.programme_id, new)
            .await
            .map_err(from_service)?;
        Ok(UserNode(account))
    }

    /// Corrects an account: its organisation, name, e-mail and roles.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn update_user(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        organisation_id: ID,
        input: AccountChanges,
    ) -> async_graphql::Result<UserNode> {
        let viewer = context::staff(ctx)?;
        let account = users::update(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&user_id)?,
            context::parse_id(&organisation_id)?,
            input,
        )
        .await
        .map_err(from_service)?;
        Ok(UserNode(account))
    }

    /// Deactivates (or reactivates) an account. A deactivated person is
    /// refused from their next request on.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn set_user_active(
        &self,
        ctx: &Context<'_>,
        user_id: ID,
        active: bool,
    ) -> async_graphql::Result<UserNode> {
        let viewer = context::staff(ctx)?;
        let account = users::set_active(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&user_id)?,
            active,
        )
        .await
        .map_err(from_service)?;
        Ok(UserNode(account))
    }
}
