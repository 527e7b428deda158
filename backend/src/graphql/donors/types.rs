use async_graphql::{ID, Object};
use chrono::NaiveDate;
use shared_types::DonorKind;

use crate::services::donors::{Donor, NewDonor};

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

/// A donor's details as typed in the form.
#[derive(async_graphql::InputObject, Debug, Clone, serde::Serialize)]
pub struct DonorInput {
    pub kind: Option<DonorKind>,
    pub name: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub agreement_reference: Option<String>,
    pub agreement_starts_on: Option<NaiveDate>,
    pub agreement_ends_on: Option<NaiveDate>,
    pub notes: Option<String>,
}

impl From<DonorInput> for NewDonor {
    fn from(input: DonorInput) -> NewDonor {
        NewDonor {
            kind: input.kind,
            name: input.name,
            contact_name: input.contact_name,
            phone: input.phone,
            email: input.email,
            address: input.address,
            postcode: input.postcode,
            city: input.city,
            agreement_reference: input.agreement_reference,
            agreement_starts_on: input.agreement_starts_on,
            agreement_ends_on: input.agreement_ends_on,
            notes: input.notes,
        }
    }
}
