//! Account management, for coordinators.

use serde::{Deserialize, Serialize};
use serde_json::json;
use shared_types::{Language, OrganisationKind, Role};

use super::{ApiError, request};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OrganisationName {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountRow {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub active: bool,
    pub roles: Vec<Role>,
    pub organisation: OrganisationName,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AccountPage {
    pub total: u64,
    pub items: Vec<AccountRow>,
}

#[derive(Deserialize)]
struct UsersData {
    users: AccountPage,
}

pub const PAGE_SIZE: u64 = 50;

pub async fn list(offset: u64) -> Result<AccountPage, ApiError> {
    let data: UsersData = request(
        include_str!("../../graphql/users.graphql"),
        json!({ "offset": offset, "limit": PAGE_SIZE }),
    )
    .await?;
    Ok(data.users)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OrganisationOption {
    pub id: String,
    pub name: String,
    pub kind: OrganisationKind,
}

#[derive(Deserialize)]
struct OrganisationsData {
    organisations: Vec<OrganisationOption>,
}

pub async fn organisations() -> Result<Vec<OrganisationOption>, ApiError> {
    let data: OrganisationsData = request(
        include_str!("../../graphql/organisations.graphql"),
        json!({}),
    )
    .await?;
    Ok(data.organisations)
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewAccount {
    pub organisation_id: String,
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub roles: Vec<Role>,
    pub language: Language,
}

pub async fn create(account: NewAccount) -> Result<(), ApiError> {
    let _: serde_json::Value = request(
        include_str!("../../graphql/create_user.graphql"),
        json!({ "input": account }),
    )
    .await?;
    Ok(())
}

pub async fn set_active(user_id: String, active: bool) -> Result<(), ApiError> {
    let _: serde_json::Value = request(
        include_str!("../../graphql/set_user_active.graphql"),
        json!({ "userId": user_id, "active": active }),
    )
    .await?;
    Ok(())
}
