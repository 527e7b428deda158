use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pickup_counts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pickup_id: Uuid,
    /// `shared_types::MaterialCategory` as text.
    #[sea_orm(primary_key, auto_increment = false)]
    pub category: String,
    pub count: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
