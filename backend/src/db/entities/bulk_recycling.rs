use sea_orm::entity::prelude::*;
use shared_types::MaterialCategory;

/// Material of a batch recycled in bulk, with no device record per item.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "bulk_recyclings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub batch_id: Uuid,
    pub category: MaterialCategory,
    pub count: i64,
    pub weight_grams: i64,
    /// The day it went to recycling (reports count by it).
    pub recycled_on: Date,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
