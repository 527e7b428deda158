use sea_orm::entity::prelude::*;
use shared_types::MaterialCategory;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "pickup_counts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub pickup_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub category: MaterialCategory,
    pub count: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
