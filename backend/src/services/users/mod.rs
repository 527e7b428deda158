//! Staff accounts: who belongs to which organisation, with which roles, and
//! whether they may still sign in.

pub mod reset;
pub mod sessions;

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, FromQueryResult, JoinType, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Set,
    sea_query::{Expr, Query},
};
use shared_types::{AccountChanges, ErrorCode, Language, OrganisationKind, Role, validation};
use uuid::Uuid;

use crate::{
    auth::{StaffUser, password},
    db::{
        Db,
        entities::{organisation, refresh_token, user, user_role},
    },
};

use shared_types::Page;

use super::{DbErr, ServiceError, is_unique_violation};

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("{0}")]
    Rule(ErrorCode),
    #[error(transparent)]
    Db(#[from] DbErr),
    #[error(transparent)]
    Hash(#[from] password::HashError),
    #[error("could not sign the access token: {0}")]
    Token(#[from] jsonwebtoken::errors::Error),
}

impl ServiceError for UserError {
    fn code(&self) -> ErrorCode {
        match self {
            UserError::Rule(code) => *code,
            UserError::Db(_) | UserError::Hash(_) | UserError::Token(_) => ErrorCode::Internal,
        }
    }
}

/// A staff account as the API shows it (never with its password hash).
#[derive(Debug, Clone)]
pub struct Account {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub language: Language,
    pub active: bool,
    pub roles: Vec<Role>,
}

impl Account {
    fn from_row(row: user::Model, roles: Vec<Role>) -> Result<Account, DbErr> {
        Ok(Account {
            language: row.language,
            id: row.id,
            organisation_id: row.organisation_id,
            email: row.email,
            display_name: row.display_name,
            active: row.active,
            roles,
        })
    }
}

pub struct NewAccount {
    pub organisation_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub roles: Vec<Role>,
    pub language: Language,
}

async fn roles_of(db: &Db, user_ids: &[Uuid]) -> Result<HashMap<Uuid, Vec<Role>>, DbErr> {
    let rows = user_role::Entity::find()
        .filter(user_role::Column::UserId.is_in(user_ids.iter().copied()))
        .all(&db.conn)
        .await?;
    let mut roles: HashMap<Uuid, Vec<Role>> = HashMap::new();
    for row in rows {
        roles.entry(row.user_id).or_default().push(row.role);
    }
    for list in roles.values_mut() {
        list.sort();
    }
    Ok(roles)
}

async fn roles_of_one(db: &Db, user_id: Uuid) -> Result<Vec<Role>, DbErr> {
    Ok(roles_of(db, &[user_id])
        .await?
        .remove(&user_id)
        .unwrap_or_default())
}

/// What one request needs to know of the account behind its token.
#[derive(FromQueryResult)]
struct SignedInRow {
    active: bool,
    organisation_id: Uuid,
    organisation_kind: OrganisationKind,
    programme_id: Uuid,
    role: Option<Role>,
    session_ended: bool,
}

/// The signed-in user behind a token: refused if unknown or deactivated, or
/// if the token's session (`session_id`, its refresh family) was ended by a
/// sign-out or a password change. Every request asks, so it is one query:
/// the account, its organisation, its roles (a row each) and the session.
pub async fn load_staff(
    db: &Db,
    user_id: Uuid,
    session_id: Option<Uuid>,
) -> Result<StaffUser, UserError> {
    let session_ended = match session_id {
        Some(session_id) => Expr::exists(
            Query::select()
                .expr(Expr::val(1))
                .from(refresh_token::Entity)
                .and_where(refresh_token::Column::FamilyId.eq(session_id))
                .and_where(refresh_token::Column::RevokedAt.is_not_null())
                .to_owned(),
        ),
        None => Expr::val(false).into(),
    };
    let rows: Vec<SignedInRow> = user::Entity::find()
        .select_only()
        .column(user::Column::Active)
        .column_as(organisation::Column::Id, "organisation_id")
        .column_as(organisation::Column::Kind, "organisation_kind")
        .column(organisation::Column::ProgrammeId)
        .column(user_role::Column::Role)
        .expr_as(session_ended, "session_ended")
        .join(
            JoinType::InnerJoin,
            user::Entity::belongs_to(organisation::Entity)
                .from(user::Column::OrganisationId)
                .to(organisation::Column::Id)
                .into(),
        )
        .join_rev(
            JoinType::LeftJoin,
            user_role::Entity::belongs_to(user::Entity)
                .from(user_role::Column::UserId)
                .to(user::Column::Id)
                .into(),
        )
        .filter(user::Column::Id.eq(user_id))
        .into_model()
        .all(&db.conn)
        .await?;
    let Some(first) = rows.first() else {
        return Err(UserError::Rule(ErrorCode::InvalidToken));
    };
    // The account first: "deactivated" says more than "session ended".
    if !first.active {
        return Err(UserError::Rule(ErrorCode::AccountDeactivated));
    }
    if first.session_ended {
        return Err(UserError::Rule(ErrorCode::SessionEnded));
    }
    let mut roles: Vec<Role> = rows.iter().filter_map(|row| row.role).collect();
    roles.sort();
    Ok(StaffUser {
        id: user_id,
        organisation_id: first.organisation_id,
        organisation_kind: first.organisation_kind,
        programme_id: first.programme_id,
        roles,
    })
}

/// A user with their organisation (two primary-key lookups; our entities declare no relations).
async fn user_with_organisation(
    db: &Db,
    user_id: Uuid,
) -> Result<Option<(user::Model, organisation::Model)>, DbErr> {
    let Some(row) = user::Entity::find_by_id(user_id).one(&db.conn).await? else {
        return Ok(None);
    };
    let org = organisation::Entity::find_by_id(row.organisation_id)
        .one(&db.conn)
        .await?;
    Ok(org.map(|org| (row, org)))
}

pub async fn account(db: &Db, user_id: Uuid) -> Result<Account, UserError> {
    let row = user::Entity::find_by_id(user_id)
        .one(&db.conn)
        .await?
        .ok_or(UserError::Rule(ErrorCode::NotFound))?;
    let roles = roles_of_one(db, row.id).await?;
    Ok(Account::from_row(row, roles)?)
}

/// The accounts of the viewer's programme, by name, a page at a time.
pub async fn list(
    db: &Db,
    viewer: &StaffUser,
    offset: u64,
    limit: u64,
) -> Result<Page<Account>, UserError> {
    let in_programme = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::ProgrammeId.eq(viewer.programme_id))
        .into_query();
    let query = user::Entity::find().filter(user::Column::OrganisationId.in_subquery(in_programme));
    let total = query.clone().count(&db.conn).await?;
    let rows = query
        .order_by_asc(user::Column::DisplayName)
        .order_by_asc(user::Column::Id)
        .offset(offset)
        .limit(limit.clamp(1, shared_types::MAX_PAGE_SIZE))
        .all(&db.conn)
        .await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let mut roles = roles_of(db, &ids).await?;
    let items = rows
        .into_iter()
        .map(|row| {
            let user_roles = roles.remove(&row.id).unwrap_or_default();
            Account::from_row(row, user_roles)
        })
        .collect::<Result<_, _>>()?;
    Ok(Page { items, total })
}

/// Creates an account in an organisation of the same programme as `programme_id`.
pub async fn create(db: &Db, programme_id: Uuid, input: NewAccount) -> Result<Account, UserError> {
    let org = organisation::Entity::find_by_id(input.organisation_id)
        .one(&db.conn)
        .await?
        .filter(|o| o.programme_id == programme_id)
        .ok_or(UserError::Rule(ErrorCode::NotFound))?;
    let kind = org.kind;
    let validation::CheckedAccount {
        email,
        display_name,
        roles,
    } = validation::check_new_account(
        Some(kind),
        &input.display_name,
        &input.email,
        &input.password,
        &input.roles,
    )
    .map_err(UserError::Rule)?;
    let password_hash = password::hash(input.password).await?;

    let tx = db.write_tx().await?;
    let row = user::ActiveModel {
        id: Set(Uuid::new_v4()),
        organisation_id: Set(org.id),
        email: Set(email),
        display_name: Set(display_name),
        password_hash: Set(password_hash),
        language: Set(input.language),
        active: Set(true),
        created_at: Set(Utc::now()),
        deactivated_at: Set(None),
    }
    .insert(&*tx)
    .await
    .map_err(|e| {
        if is_unique_violation(&e) {
            UserError::Rule(ErrorCode::EmailTaken)
        } else {
            UserError::Db(e)
        }
    })?;
    user_role::Entity::insert_many(roles.iter().map(|role| user_role::ActiveModel {
        user_id: Set(row.id),
        role: Set(*role),
    }))
    .exec(&*tx)
    .await?;
    tx.commit().await?;
    Ok(Account::from_row(row, roles)?)
}

/// Corrects an account of the viewer's programme: its organisation, name,
/// e-mail and roles, under the same rules as a new account. The roles take
/// effect at the person's next request; the change is kept in the log.
pub async fn update(
    db: &Db,
    viewer: &StaffUser,
    user_id: Uuid,
    organisation_id: Uuid,
    changes: AccountChanges,
) -> Result<Account, UserError> {
    let Some((row, current)) = user_with_organisation(db, user_id).await? else {
        return Err(UserError::Rule(ErrorCode::NotFound));
    };
    if current.programme_id != viewer.programme_id {
        return Err(UserError::Rule(ErrorCode::NotFound));
    }
    let org = organisation::Entity::find_by_id(organisation_id)
        .one(&db.conn)
        .await?
        .filter(|o| o.programme_id == viewer.programme_id)
        .ok_or(UserError::Rule(ErrorCode::OrganisationRequired))?;
    let validation::CheckedAccount {
        email,
        display_name,
        roles,
    } = validation::check_account(
        Some(org.kind),
        &changes.display_name,
        &changes.email,
        &changes.roles,
    )
    .map_err(UserError::Rule)?;
    if user_id == viewer.id && !roles.contains(&Role::Coordinator) {
        return Err(UserError::Rule(ErrorCode::CannotDemoteSelf));
    }
    let tx = db.write_tx().await?;
    let mut change: user::ActiveModel = row.into();
    change.organisation_id = Set(org.id);
    change.email = Set(email);
    change.display_name = Set(display_name);
    let row = change.update(&*tx).await.map_err(|e| {
        if is_unique_violation(&e) {
            UserError::Rule(ErrorCode::EmailTaken)
        } else {
            UserError::Db(e)
        }
    })?;
    user_role::Entity::delete_many()
        .filter(user_role::Column::UserId.eq(user_id))
        .exec(&*tx)
        .await?;
    user_role::Entity::insert_many(roles.iter().map(|role| user_role::ActiveModel {
        user_id: Set(user_id),
        role: Set(*role),
    }))
    .exec(&*tx)
    .await?;
    super::audit::record(
        &*tx,
        viewer.programme_id,
        Some(viewer.id),
        "EDIT",
        "USER",
        &[user_id],
    )
    .await?;
    tx.commit().await?;
    Ok(Account::from_row(row, roles)?)
}

/// Deactivates or reactivates an account of the viewer's programme. Deactivation
/// ends the account's sessions at once: its refresh tokens are revoked, and its
/// access tokens are refused at the next request.
pub async fn set_active(
    db: &Db,
    viewer: &StaffUser,
    user_id: Uuid,
    active: bool,
) -> Result<Account, UserError> {
    if user_id == viewer.id && !active {
        return Err(UserError::Rule(ErrorCode::CannotDeactivateSelf));
    }
    let Some((row, org)) = user_with_organisation(db, user_id).await? else {
        return Err(UserError::Rule(ErrorCode::NotFound));
    };
    if org.programme_id != viewer.programme_id {
        return Err(UserError::Rule(ErrorCode::NotFound));
    }
    let now = Utc::now();
    let tx = db.write_tx().await?;
    let mut change: user::ActiveModel = row.into();
    change.active = Set(active);
    change.deactivated_at = Set((!active).then_some(now));
    let row = change.update(&*tx).await?;
    if !active {
        sessions::end_every_session(&tx, user_id, now).await?;
    }
    tx.commit().await?;
    let roles = roles_of_one(db, row.id).await?;
    Ok(Account::from_row(row, roles)?)
}

/// Remembers the interface language a person chose, for every device they use.
pub async fn set_language(
    db: &Db,
    user_id: Uuid,
    language: Language,
) -> Result<Account, UserError> {
    let tx = db.write_tx().await?;
    user::Entity::update_many()
        .col_expr(user::Column::Language, Expr::value(language))
        .filter(user::Column::Id.eq(user_id))
        .exec(&*tx)
        .await?;
    tx.commit().await?;
    account(db, user_id).await
}

/// Whether any account exists yet (a real install starts with none).
pub async fn any_exist(db: &Db) -> Result<bool, DbErr> {
    Ok(user::Entity::find().count(&db.conn).await? > 0)
}
