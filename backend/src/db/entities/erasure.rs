use sea_orm::entity::prelude::*;
use shared_types::ErasureMethod;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "erasures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub medium_id: Uuid,
    pub device_id: Uuid,
    pub method: ErasureMethod,
    pub tool: String,
    pub erased_on: Date,
    pub operator: String,
    pub passed: bool,
    pub report_content_type: Option<String>,
    pub report_bytes: Option<i64>,
    pub recorded_by: Uuid,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
