use async_graphql::{ID, Object, SimpleObject};
use chrono::NaiveDate;
use shared_types::DonorKind;

use crate::services::donors::Donor;

pub struct DonorNode(pub Donor);

/// A company, public body, association or individual who gives equipment.
#[Object(name = "Donor")]
impl DonorNode {
    async fn id(&self) -> ID {
        ID(self.0.id.to_string())
    }
    async fn kind(&self) -> DonorKind {
        self.0.kind
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn contact_name(&self) -> Option<&str> {
        self.0.contact_name.as_deref()
    }
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    async fn email(&self) -> Option<&str> {
        self.0.email.as_deref()
    }
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    async fn postcode(&self) -> Option<&str> {
        self.0.postcode.as_deref()
    }
    async fn city(&self) -> Option<&str> {
        self.0.city.as_deref()
    }
    /// The reference of the framework agreement signed with the programme, if any.
    async fn agreement_reference(&self) -> Option<&str> {
        self.0.agreement_reference.as_deref()
    }
    async fn agreement_starts_on(&self) -> Option<NaiveDate> {
        self.0.agreement_starts_on
    }
    async fn agreement_ends_on(&self) -> Option<NaiveDate> {
        self.0.agreement_ends_on
    }
    async fn notes(&self) -> Option<&str> {
        self.0.notes.as_deref()
    }
}

#[derive(SimpleObject)]
pub struct DonorPage {
    pub items: Vec<DonorNode>,
    /// How many donors match in all, across pages.
    pub total: u64,
}
