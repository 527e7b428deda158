//! A device's history by device, step and time: the yearly report asks,
//! for each device made ready in the year, whether it had been ready (or
//! returned) before. Without this index SQLite answered that from the index
//! on (step, time), walking every earlier move of the programme for each
//! device: 30 seconds for a national programme's year, past the server's
//! time limit.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum DeviceEvents {
    Table,
    DeviceId,
    ToStatus,
    At,
}

fn indexes() -> [(&'static str, DynIden, Vec<DynIden>); 1] {
    [(
        "device_events_device_status_at",
        DeviceEvents::Table.into_iden(),
        vec![
            DeviceEvents::DeviceId.into_iden(),
            DeviceEvents::ToStatus.into_iden(),
            DeviceEvents::At.into_iden(),
        ],
    )]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::indexes::create(manager, indexes().into()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::indexes::drop(manager, indexes().into()).await
    }
}
