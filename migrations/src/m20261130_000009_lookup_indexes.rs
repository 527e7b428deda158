//! Indexes for the lists a national programme reads most: a workshop's
//! devices newest tag first (with or without a status; the programme in
//! front so that counting them never reads the table), and the device
//! moves of a period the yearly report counts (covering).
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Devices {
    Table,
    ProgrammeId,
    RefurbisherId,
    Status,
    Tag,
}

#[derive(DeriveIden)]
enum DeviceEvents {
    Table,
    ToStatus,
    At,
    DeviceId,
}

/// Each index: its name, its table, its columns.
fn indexes() -> [(&'static str, DynIden, Vec<DynIden>); 3] {
    [
        (
            "devices_refurbisher_tag",
            Devices::Table.into_iden(),
            vec![
                Devices::ProgrammeId.into_iden(),
                Devices::RefurbisherId.into_iden(),
                Devices::Tag.into_iden(),
            ],
        ),
        (
            "devices_refurbisher_status_tag",
            Devices::Table.into_iden(),
            vec![
                Devices::ProgrammeId.into_iden(),
                Devices::RefurbisherId.into_iden(),
                Devices::Status.into_iden(),
                Devices::Tag.into_iden(),
            ],
        ),
        (
            "device_events_to_status_at",
            DeviceEvents::Table.into_iden(),
            vec![
                DeviceEvents::ToStatus.into_iden(),
                DeviceEvents::At.into_iden(),
                DeviceEvents::DeviceId.into_iden(),
            ],
        ),
    ]
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
