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

const INDEXES: [&str; 3] = [
    "devices_refurbisher_tag",
    "devices_refurbisher_status_tag",
    "device_events_to_status_at",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name(INDEXES[0])
                    .table(Devices::Table)
                    .col(Devices::ProgrammeId)
                    .col(Devices::RefurbisherId)
                    .col(Devices::Tag)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEXES[1])
                    .table(Devices::Table)
                    .col(Devices::ProgrammeId)
                    .col(Devices::RefurbisherId)
                    .col(Devices::Status)
                    .col(Devices::Tag)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name(INDEXES[2])
                    .table(DeviceEvents::Table)
                    .col(DeviceEvents::ToStatus)
                    .col(DeviceEvents::At)
                    .col(DeviceEvents::DeviceId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            Devices::Table.into_iden(),
            Devices::Table.into_iden(),
            DeviceEvents::Table.into_iden(),
        ];
        for (name, table) in INDEXES.into_iter().zip(tables) {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
