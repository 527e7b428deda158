//! A forgotten password: the staff member asks for a link by e-mail (the
//! sign-in attempt limits apply), and the link lets them choose a new
//! password once, within `RESET_LINK_MINUTES`. The answer to the asking
//! is the same whether the address has an account or not, so that it
//! tells nobody who works here.

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use shared_types::{ErrorCode, Language, MessageKind, message::RESET_LINK_MINUTES, validation};
use uuid::Uuid;

use crate::{
    AppState,
    auth::password,
    db::entities::{organisation, password_reset, user},
    services::messages::{self, NewMessage},
};

use super::{
    UserError,
    sessions::{end_every_session, hash_token, new_refresh_token},
};

/// The address links open at: the configured one, else the server's own.
pub fn app_address(state: &AppState) -> String {
    state
        .settings
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{}", state.settings.bind))
}

fn reset_email(language: Language, name: &str, link: &str) -> (String, String) {
    match language {
        Language::Fr => (
            "Passerelle : choisir un nouveau mot de passe".to_string(),
            format!(
                "Bonjour {name},\n\n\
                 Vous avez demandé à changer le mot de passe de votre compte Passerelle.\n\
                 Pour en choisir un nouveau, ouvrez ce lien dans les {RESET_LINK_MINUTES} minutes :\n\n\
                 {link}\n\n\
                 Le lien ne sert qu'une fois. Si vous n'avez rien demandé, ne faites rien : \
                 votre mot de passe reste le même.\n\n\
                 Passerelle"
            ),
        ),
        Language::En => (
            "Passerelle: choose a new password".to_string(),
            format!(
                "Hello {name},\n\n\
                 You asked to change the password of your Passerelle account.\n\
                 To choose a new one, open this link within {RESET_LINK_MINUTES} minutes:\n\n\
                 {link}\n\n\
                 The link works once. If you did not ask, do nothing: your password stays as it is.\n\n\
                 Passerelle"
            ),
        ),
    }
}

/// Asks for a link for `email` from `address`. Answers the same for an
/// address with no (active) account; refused only past the attempt limits.
pub async fn request(state: &AppState, email: &str, address: &str) -> Result<(), UserError> {
    let account_key = shared_types::text::search_key(email);
    let attempt = state
        .attempts
        .sign_in(&account_key, address)
        .await
        .map_err(UserError::Rule)?;
    // Each link asked for counts as a guess: asking is no way around the limits.
    attempt.wrong_password();
    let Ok(email) = validation::normalise_email(email) else {
        return Ok(());
    };
    let db = &state.db;
    let Some(account) = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .filter(user::Column::Active.eq(true))
        .one(&db.conn)
        .await?
    else {
        return Ok(());
    };
    let Some(organisation) = organisation::Entity::find_by_id(account.organisation_id)
        .one(&db.conn)
        .await?
    else {
        return Ok(());
    };
    let token = new_refresh_token()?;
    let now = Utc::now();
    let id = Uuid::new_v4();
    let link = format!("{}/password/reset#{token}", app_address(state));
    let (subject, body) = reset_email(account.language, &account.display_name, &link);
    let tx = db.write_tx().await?;
    password_reset::ActiveModel {
        id: Set(id),
        user_id: Set(account.id),
        token_hash: Set(hash_token(&token)),
        expires_at: Set(now + Duration::minutes(RESET_LINK_MINUTES)),
        used_at: Set(None),
        created_at: Set(now),
    }
    .insert(&*tx)
    .await?;
    messages::enqueue(
        &*tx,
        NewMessage {
            programme_id: organisation.programme_id,
            kind: MessageKind::PasswordReset,
            event_id: id,
            user_id: Some(account.id),
            recipient: account.email.clone(),
            language: account.language,
            subject,
            body,
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user = %account.id, "password reset link asked for");
    Ok(())
}

/// Sets a new password with the link's `token`: once, before it expires.
/// Every session of the account ends (whoever knew the old password is out).
pub async fn reset(state: &AppState, token: &str, new_password: &str) -> Result<(), UserError> {
    validation::check_password(new_password).map_err(UserError::Rule)?;
    let db = &state.db;
    let now = Utc::now();
    let found = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(hash_token(token.trim())))
        .one(&db.conn)
        .await?
        .filter(|r| r.used_at.is_none() && r.expires_at > now)
        .ok_or(UserError::Rule(ErrorCode::ResetLinkInvalid))?;
    let account = user::Entity::find_by_id(found.user_id)
        .one(&db.conn)
        .await?
        .filter(|u| u.active)
        .ok_or(UserError::Rule(ErrorCode::ResetLinkInvalid))?;
    let hash = password::hash(new_password.to_string()).await?;
    let tx = db.write_tx().await?;
    // Used once: a second use of the same link finds it spent.
    let spent = password_reset::Entity::update_many()
        .col_expr(
            password_reset::Column::UsedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(password_reset::Column::Id.eq(found.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&*tx)
        .await?;
    if spent.rows_affected != 1 {
        return Err(UserError::Rule(ErrorCode::ResetLinkInvalid));
    }
    let user_id = account.id;
    let mut active: user::ActiveModel = account.into();
    active.password_hash = Set(hash);
    active.update(&*tx).await?;
    end_every_session(&tx, user_id, now).await?;
    tx.commit().await?;
    tracing::info!(user = %user_id, "password reset");
    Ok(())
}
