use async_graphql::{ID, InputObject, Object};
use shared_types::OrganisationKind;

use crate::services::organisations::Organisation;

pub struct OrganisationNode(pub Organisation);

/// A partner organisation of the programme.
#[Object(name = "Organisation")]
impl OrganisationNode {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn kind(&self) -> OrganisationKind {
        self.0.kind
    }
    /// The number households and partners call.
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
}

#[derive(InputObject)]
pub struct CreateOrganisationInput {
    pub name: String,
    pub kind: OrganisationKind,
    pub phone: Option<String>,
}
