//! Signing in and staying signed in: login, refresh-token rotation, logout,
//! password change.

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DbErr, EntityTrait, QueryFilter, Set, sea_query::Expr,
};
use sha2::{Digest, Sha256};
use shared_types::{ErrorCode, validation};
use uuid::Uuid;

use crate::{
    auth::{JwtKeys, password},
    db::{
        Db, WriteTx,
        entities::{refresh_token, user},
    },
};

use super::UserError;

/// How long sessions last, read from the settings.
#[derive(Debug, Clone, Copy)]
pub struct SessionPolicy {
    pub refresh_ttl: std::time::Duration,
    pub reuse_grace: std::time::Duration,
}

impl SessionPolicy {
    pub fn from_settings(settings: &crate::config::Settings) -> SessionPolicy {
        SessionPolicy {
            refresh_ttl: settings.refresh_token_ttl,
            reuse_grace: settings.refresh_reuse_grace,
        }
    }
}

/// What a successful login or refresh hands back to the client.
#[derive(Debug)]
pub struct Session {
    pub user_id: Uuid,
    pub access_token: String,
    pub access_expires_at: DateTime<Utc>,
    pub refresh_token: String,
    pub refresh_expires_at: DateTime<Utc>,
}

pub(super) fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A random URL-safe secret (256 bits): a refresh token, a reset link's.
pub(super) fn new_refresh_token() -> Result<String, UserError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)
        .map_err(|e| UserError::Db(sea_orm::DbErr::Custom(format!("no randomness: {e}"))))?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

async fn open_session(
    tx: &WriteTx,
    keys: &JwtKeys,
    refresh_ttl: std::time::Duration,
    user_id: Uuid,
    family_id: Uuid,
) -> Result<Session, UserError> {
    let now = Utc::now();
    let refresh_token = new_refresh_token()?;
    let refresh_expires_at =
        now + chrono::Duration::from_std(refresh_ttl).unwrap_or(chrono::Duration::days(30));
    refresh_token::ActiveModel {
        id: Set(Uuid::new_v4()),
        user_id: Set(user_id),
        family_id: Set(family_id),
        token_hash: Set(hash_token(&refresh_token)),
        expires_at: Set(refresh_expires_at),
        used_at: Set(None),
        revoked_at: Set(None),
        created_at: Set(now),
    }
    .insert(&**tx)
    .await?;
    let (access_token, access_expires_at) = keys.issue(user_id, family_id, now)?;
    Ok(Session {
        user_id,
        access_token,
        access_expires_at,
        refresh_token,
        refresh_expires_at,
    })
}

/// Checks an email and password. Says only "wrong email or password" either
/// way, and takes as long for an unknown email as for a wrong password.
pub async fn login(
    db: &Db,
    keys: &JwtKeys,
    policy: SessionPolicy,
    email: &str,
    password: &str,
) -> Result<Session, UserError> {
    let found = match validation::normalise_email(email) {
        Ok(email) => {
            user::Entity::find()
                .filter(user::Column::Email.eq(email))
                .one(&db.conn)
                .await?
        }
        Err(_) => None,
    };
    let stored = found.as_ref().map(|u| u.password_hash.clone());
    // A password longer than any we accept cannot match: refuse it without hashing it.
    let matches = password.chars().count() <= validation::PASSWORD_MAX_CHARS
        && password::verify(password.to_string(), stored).await?;
    let Some(account) = found.filter(|_| matches) else {
        return Err(UserError::Rule(ErrorCode::InvalidCredentials));
    };
    if !account.active {
        return Err(UserError::Rule(ErrorCode::AccountDeactivated));
    }
    let tx = db.write_tx().await?;
    let session = open_session(&tx, keys, policy.refresh_ttl, account.id, Uuid::new_v4()).await?;
    tx.commit().await?;
    Ok(session)
}

/// Exchanges a refresh token for a new pair. Each token works once: if a used
/// one comes back, someone holds a copy, so the whole session is ended.
pub async fn refresh(
    db: &Db,
    keys: &JwtKeys,
    policy: SessionPolicy,
    token: &str,
) -> Result<Session, UserError> {
    let now = Utc::now();
    let tx = db.write_tx().await?;
    let Some(row) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(token)))
        .one(&*tx)
        .await?
    else {
        return Err(UserError::Rule(ErrorCode::InvalidRefreshToken));
    };
    if row.revoked_at.is_some() || row.expires_at <= now {
        return Err(UserError::Rule(ErrorCode::InvalidRefreshToken));
    }
    // Marking it used only if nobody else did closes the race between two
    // refreshes with the same token: exactly one of them wins.
    let claimed = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(now))
        .filter(refresh_token::Column::Id.eq(row.id))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(&*tx)
        .await?
        .rows_affected
        == 1;
    if !claimed {
        // Two tabs renewing at the same moment is not theft: shortly after the
        // first use, the late one is refused without ending the session.
        let grace = chrono::Duration::from_std(policy.reuse_grace).unwrap_or_default();
        if row.used_at.is_none_or(|used| now - used <= grace) {
            return Err(UserError::Rule(ErrorCode::InvalidRefreshToken));
        }
        revoke_family(&tx, row.family_id, now).await?;
        tx.commit().await?;
        return Err(UserError::Rule(ErrorCode::RefreshTokenReused));
    }
    let active = user::Entity::find_by_id(row.user_id)
        .one(&*tx)
        .await?
        .is_some_and(|u| u.active);
    if !active {
        return Err(UserError::Rule(ErrorCode::AccountDeactivated));
    }
    let session = open_session(&tx, keys, policy.refresh_ttl, row.user_id, row.family_id).await?;
    tx.commit().await?;
    Ok(session)
}

/// Ends the session a refresh token belongs to. An unknown token is not an
/// error: the client forgets its tokens either way.
pub async fn logout(db: &Db, token: &str) -> Result<(), UserError> {
    let tx = db.write_tx().await?;
    if let Some(row) = refresh_token::Entity::find()
        .filter(refresh_token::Column::TokenHash.eq(hash_token(token)))
        .one(&*tx)
        .await?
    {
        revoke_family(&tx, row.family_id, Utc::now()).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn revoke_family(tx: &WriteTx, family_id: Uuid, now: DateTime<Utc>) -> Result<(), UserError> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(&**tx)
        .await?;
    Ok(())
}

/// Ends every session of an account (deactivation, password change).
pub(super) async fn end_every_session(
    tx: &WriteTx,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(now))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(&**tx)
        .await?;
    Ok(())
}

/// Changes the signed-in user's password after checking the current one.
/// Every session of the account ends (a stolen phone stays signed in no
/// longer); the device that changed it gets a new session.
pub async fn change_password(
    db: &Db,
    keys: &JwtKeys,
    policy: SessionPolicy,
    user_id: Uuid,
    current: &str,
    new: &str,
) -> Result<Session, UserError> {
    validation::check_password(new).map_err(UserError::Rule)?;
    let Some(account) = user::Entity::find_by_id(user_id).one(&db.conn).await? else {
        return Err(UserError::Rule(ErrorCode::InvalidToken));
    };
    let matches = current.chars().count() <= validation::PASSWORD_MAX_CHARS
        && password::verify(current.to_string(), Some(account.password_hash.clone())).await?;
    if !matches {
        return Err(UserError::Rule(ErrorCode::CurrentPasswordWrong));
    }
    let hash = password::hash(new.to_string()).await?;
    let now = Utc::now();
    let tx = db.write_tx().await?;
    let mut active: user::ActiveModel = account.into();
    active.password_hash = Set(hash);
    active.update(&*tx).await?;
    end_every_session(&tx, user_id, now).await?;
    let session = open_session(&tx, keys, policy.refresh_ttl, user_id, Uuid::new_v4()).await?;
    tx.commit().await?;
    Ok(session)
}
