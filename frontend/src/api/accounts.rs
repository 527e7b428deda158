//! Account management, for coordinators.

use serde::{Deserialize, Serialize};
use serde_json::json;
use shared_types::{AccountChanges, Language, OrganisationChanges, OrganisationKind, Page, Role};

use super::{ApiError, NoVariables, OnRecord, PageArgs, WithInput, request};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OrganisationName {
    pub id: String,
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

#[derive(Deserialize)]
struct UsersData {
    users: Page<AccountRow>,
}

pub async fn list(offset: u64) -> Result<Page<AccountRow>, ApiError> {
    let data: UsersData = request(
        include_str!("../../graphql/users.graphql"),
        PageArgs {
            offset,
            limit: super::PAGE_SIZE,
        },
    )
    .await?;
    Ok(data.users)
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct OrganisationOption {
    pub id: String,
    pub name: String,
    pub kind: OrganisationKind,
    pub phone: Option<String>,
}

#[derive(Deserialize)]
struct OrganisationsData {
    organisations: Vec<OrganisationOption>,
}

pub async fn organisations() -> Result<Vec<OrganisationOption>, ApiError> {
    let data: OrganisationsData = request(
        include_str!("../../graphql/organisations.graphql"),
        NoVariables {},
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
        WithInput { input: account },
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

/// Corrects an account: its organisation, name, e-mail and roles.
pub async fn update(
    user_id: String,
    organisation_id: String,
    changes: AccountChanges,
) -> Result<(), ApiError> {
    let _: serde_json::Value = request(
        include_str!("../../graphql/update_user.graphql"),
        json!({ "userId": user_id, "organisationId": organisation_id, "input": changes }),
    )
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct NewOrganisation {
    pub name: String,
    pub kind: OrganisationKind,
    pub phone: Option<String>,
}

pub async fn create_organisation(organisation: NewOrganisation) -> Result<(), ApiError> {
    let _: serde_json::Value = request(
        include_str!("../../graphql/create_organisation.graphql"),
        WithInput {
            input: organisation,
        },
    )
    .await?;
    Ok(())
}

pub async fn update_organisation(id: String, changes: OrganisationChanges) -> Result<(), ApiError> {
    let _: serde_json::Value = request(
        include_str!("../../graphql/update_organisation.graphql"),
        OnRecord { id, input: changes },
    )
    .await?;
    Ok(())
}
