use sea_orm::entity::prelude::*;
use shared_types::{DeviceSource, DeviceStatus, Grade, MaterialCategory};

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "devices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub tag: String,
    pub kind: MaterialCategory,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub serial_key: Option<String>,
    pub cpu: Option<String>,
    pub ram_gb: Option<i32>,
    pub storage_gb: Option<i32>,
    pub screen_inches: Option<f64>,
    pub grade: Option<Grade>,
    pub operating_system: Option<String>,
    pub status: DeviceStatus,
    pub source: DeviceSource,
    pub batch_id: Option<Uuid>,
    pub pickup_id: Option<Uuid>,
    pub supplier: Option<String>,
    pub price_cents: Option<i64>,
    /// The day it was bought (purchases; reports count by it).
    pub purchased_on: Option<Date>,
    /// Who paid for it (purchases).
    pub funder: Option<String>,
    pub recycled_weight_grams: Option<i64>,
    pub refurbisher_id: Option<Uuid>,
    pub notes: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
