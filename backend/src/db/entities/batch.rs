use sea_orm::entity::prelude::*;
use shared_types::BatchStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "batches")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub number: i64,
    pub collector_id: Uuid,
    pub refurbisher_id: Uuid,
    pub status: BatchStatus,
    pub handed_over_at: DateTimeUtc,
    pub handed_over_by: Uuid,
    pub weight_grams: i64,
    pub received_at: Option<DateTimeUtc>,
    pub received_by: Option<Uuid>,
    pub notes: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
