use sea_orm::entity::prelude::*;
use shared_types::DonorKind;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "donors")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub kind: DonorKind,
    pub name: String,
    /// `shared_types::text::search_key` of the name, city and postcode.
    pub search_key: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    /// A framework agreement ("convention") signed with the programme, if any.
    pub agreement_reference: Option<String>,
    pub agreement_starts_on: Option<Date>,
    pub agreement_ends_on: Option<Date>,
    pub notes: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
