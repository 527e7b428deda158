use sea_orm::entity::prelude::*;
use shared_types::DeviceStatus;

/// Devices per workshop and status, kept by triggers on `devices`
/// (migration `m20261201_000010_device_tallies`); read-only here.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "device_tallies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub programme_id: Uuid,
    /// The nil UUID for devices with no workshop.
    #[sea_orm(primary_key, auto_increment = false)]
    pub refurbisher_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub status: DeviceStatus,
    pub devices: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
