//! Account management, for coordinators.

use shared_types::{AccountChanges, OrganisationChanges, Page};

use super::contract::*;
use super::{ApiError, send};

super::operation!(Users, "graphql/users.graphql");
pub type AccountRow = users::UsersUsersItems;

pub async fn list(offset: u64) -> Result<Page<AccountRow>, ApiError> {
    let found = send::<Users>(users::Variables {
        offset: offset as i64,
        limit: super::PAGE_SIZE as i64,
    })
    .await?
    .users;
    Ok(super::page_of(found.items, found.total))
}

super::operation!(Organisations, "graphql/organisations.graphql");
pub type OrganisationOption = organisations::OrganisationsOrganisations;

pub async fn organisations() -> Result<Vec<OrganisationOption>, ApiError> {
    Ok(send::<Organisations>(organisations::Variables)
        .await?
        .organisations)
}

super::operation!(CreateUser, "graphql/create_user.graphql");
pub type NewAccount = create_user::CreateUserInput;

pub async fn create(input: NewAccount) -> Result<(), ApiError> {
    send::<CreateUser>(create_user::Variables { input }).await?;
    Ok(())
}

super::operation!(SetUserActive, "graphql/set_user_active.graphql");

pub async fn set_active(user_id: String, active: bool) -> Result<(), ApiError> {
    send::<SetUserActive>(set_user_active::Variables { user_id, active }).await?;
    Ok(())
}

super::operation!(
    UpdateUser,
    "graphql/update_user.graphql",
    variable_types("String", "String", "AccountChanges")
);

/// Corrects an account: its organisation, name, e-mail and roles.
pub async fn update(
    user_id: String,
    organisation_id: String,
    input: AccountChanges,
) -> Result<(), ApiError> {
    send::<UpdateUser>(update_user::Variables {
        user_id,
        organisation_id,
        input,
    })
    .await?;
    Ok(())
}

super::operation!(CreateOrganisation, "graphql/create_organisation.graphql");
pub type NewOrganisation = create_organisation::CreateOrganisationInput;

pub async fn create_organisation(input: NewOrganisation) -> Result<(), ApiError> {
    send::<CreateOrganisation>(create_organisation::Variables { input }).await?;
    Ok(())
}

super::operation!(
    UpdateOrganisation,
    "graphql/update_organisation.graphql",
    variable_types("String", "OrganisationChanges")
);

pub async fn update_organisation(id: String, input: OrganisationChanges) -> Result<(), ApiError> {
    send::<UpdateOrganisation>(update_organisation::Variables { id, input }).await?;
    Ok(())
}
