//! Refurbishment: batches handed from a collector to a refurbisher, devices
//! with their tag and lifecycle history, storage media and their erasure.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Batches {
    Table,
    Id,
    ProgrammeId,
    /// 1, 2, 3… per programme: what people call the batch ("lot 12").
    Number,
    CollectorId,
    RefurbisherId,
    Status,
    HandedOverAt,
    HandedOverBy,
    WeightGrams,
    ReceivedAt,
    ReceivedBy,
    Notes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum BatchCounts {
    Table,
    BatchId,
    Category,
    Sent,
    /// Counted by the refurbisher at receipt; NULL until then.
    Received,
}

#[derive(DeriveIden)]
enum Pickups {
    Table,
    /// The batch the pickup's material left in; NULL while in storage.
    BatchId,
}

#[derive(DeriveIden)]
enum Devices {
    Table,
    Id,
    ProgrammeId,
    Tag,
    Kind,
    Brand,
    Model,
    Serial,
    /// Brand and serial folded ("dell|5CG1234"): one device per pair.
    SerialKey,
    Cpu,
    RamGb,
    StorageGb,
    ScreenInches,
    Grade,
    OperatingSystem,
    Status,
    Source,
    BatchId,
    PickupId,
    Supplier,
    PriceCents,
    RecycledWeightGrams,
    /// The refurbisher organisation working on the device.
    RefurbisherId,
    Notes,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum DeviceEvents {
    Table,
    Id,
    DeviceId,
    FromStatus,
    ToStatus,
    At,
    ByUser,
    Reason,
}

#[derive(DeriveIden)]
enum StorageMedia {
    Table,
    Id,
    DeviceId,
    Kind,
    CapacityGb,
    Serial,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Erasures {
    Table,
    Id,
    MediumId,
    DeviceId,
    Method,
    Tool,
    ErasedOn,
    Operator,
    Passed,
    /// The tool's report, a file under the data directory, if uploaded.
    ReportContentType,
    ReportBytes,
    RecordedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn fk(
    from: (impl IntoIden + 'static, impl IntoIden + 'static),
    to: (impl IntoIden + 'static, impl IntoIden + 'static),
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(from.0, from.1)
        .to(to.0, to.1)
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

fn index(name: &str, table: impl IntoIden + 'static, cols: Vec<DynIden>) -> IndexCreateStatement {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for col in cols {
        statement.col(col);
    }
    statement.to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Batches::Table)
                    .col(ColumnDef::new(Batches::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Batches::ProgrammeId).uuid().not_null())
                    .col(ColumnDef::new(Batches::Number).big_integer().not_null())
                    .col(ColumnDef::new(Batches::CollectorId).uuid().not_null())
                    .col(ColumnDef::new(Batches::RefurbisherId).uuid().not_null())
                    .col(ColumnDef::new(Batches::Status).string_len(16).not_null())
                    .col(
                        ColumnDef::new(Batches::HandedOverAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(Batches::HandedOverBy).uuid().not_null())
                    .col(
                        ColumnDef::new(Batches::WeightGrams)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Batches::ReceivedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Batches::ReceivedBy).uuid().null())
                    .col(ColumnDef::new(Batches::Notes).text().null())
                    .col(
                        ColumnDef::new(Batches::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (Batches::Table, Batches::ProgrammeId),
                        (Programmes::Table, Programmes::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Batches::Table, Batches::CollectorId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Batches::Table, Batches::RefurbisherId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Batches::Table, Batches::HandedOverBy),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "batches_programme_number",
                    Batches::Table,
                    vec![
                        Batches::ProgrammeId.into_iden(),
                        Batches::Number.into_iden(),
                    ],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(BatchCounts::Table)
                    .col(ColumnDef::new(BatchCounts::BatchId).uuid().not_null())
                    .col(
                        ColumnDef::new(BatchCounts::Category)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(BatchCounts::Sent).big_integer().not_null())
                    .col(ColumnDef::new(BatchCounts::Received).big_integer().null())
                    .primary_key(
                        Index::create()
                            .col(BatchCounts::BatchId)
                            .col(BatchCounts::Category),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BatchCounts::Table, BatchCounts::BatchId)
                            .to(Batches::Table, Batches::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        // SQLite cannot add a foreign key to an existing table; the service
        // only ever sets a batch id it has just created.
        manager
            .alter_table(
                Table::alter()
                    .table(Pickups::Table)
                    .add_column(ColumnDef::new(Pickups::BatchId).uuid().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "pickups_batch",
                Pickups::Table,
                vec![Pickups::BatchId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Devices::Table)
                    .col(ColumnDef::new(Devices::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Devices::ProgrammeId).uuid().not_null())
                    .col(ColumnDef::new(Devices::Tag).string_len(32).not_null())
                    .col(ColumnDef::new(Devices::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(Devices::Brand).string_len(80).null())
                    .col(ColumnDef::new(Devices::Model).string_len(120).null())
                    .col(ColumnDef::new(Devices::Serial).string_len(64).null())
                    .col(ColumnDef::new(Devices::SerialKey).string_len(160).null())
                    .col(ColumnDef::new(Devices::Cpu).string_len(120).null())
                    .col(ColumnDef::new(Devices::RamGb).integer().null())
                    .col(ColumnDef::new(Devices::StorageGb).integer().null())
                    .col(ColumnDef::new(Devices::ScreenInches).double().null())
                    .col(ColumnDef::new(Devices::Grade).string_len(1).null())
                    .col(
                        ColumnDef::new(Devices::OperatingSystem)
                            .string_len(120)
                            .null(),
                    )
                    .col(ColumnDef::new(Devices::Status).string_len(32).not_null())
                    .col(ColumnDef::new(Devices::Source).string_len(16).not_null())
                    .col(ColumnDef::new(Devices::BatchId).uuid().null())
                    .col(ColumnDef::new(Devices::PickupId).uuid().null())
                    .col(ColumnDef::new(Devices::Supplier).string_len(120).null())
                    .col(ColumnDef::new(Devices::PriceCents).big_integer().null())
                    .col(
                        ColumnDef::new(Devices::RecycledWeightGrams)
                            .big_integer()
                            .null(),
                    )
                    .col(ColumnDef::new(Devices::RefurbisherId).uuid().null())
                    .col(ColumnDef::new(Devices::Notes).text().null())
                    .col(
                        ColumnDef::new(Devices::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Devices::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (Devices::Table, Devices::ProgrammeId),
                        (Programmes::Table, Programmes::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Devices::Table, Devices::BatchId),
                        (Batches::Table, Batches::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                index(
                    "devices_programme_tag",
                    Devices::Table,
                    vec![Devices::ProgrammeId.into_iden(), Devices::Tag.into_iden()],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        // NULL serial keys (no serial noted) never clash, on SQLite as on PostgreSQL.
        manager
            .create_index(
                index(
                    "devices_programme_serial",
                    Devices::Table,
                    vec![
                        Devices::ProgrammeId.into_iden(),
                        Devices::SerialKey.into_iden(),
                    ],
                )
                .unique()
                .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "devices_status",
                Devices::Table,
                vec![
                    Devices::ProgrammeId.into_iden(),
                    Devices::Status.into_iden(),
                ],
            ))
            .await?;
        manager
            .create_index(index(
                "devices_batch",
                Devices::Table,
                vec![Devices::BatchId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(DeviceEvents::Table)
                    .col(
                        ColumnDef::new(DeviceEvents::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(DeviceEvents::DeviceId).uuid().not_null())
                    .col(
                        ColumnDef::new(DeviceEvents::FromStatus)
                            .string_len(32)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(DeviceEvents::ToStatus)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(DeviceEvents::At)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(DeviceEvents::ByUser).uuid().not_null())
                    .col(ColumnDef::new(DeviceEvents::Reason).string_len(500).null())
                    .foreign_key(&mut fk(
                        (DeviceEvents::Table, DeviceEvents::DeviceId),
                        (Devices::Table, Devices::Id),
                    ))
                    .foreign_key(&mut fk(
                        (DeviceEvents::Table, DeviceEvents::ByUser),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "device_events_device",
                DeviceEvents::Table,
                vec![
                    DeviceEvents::DeviceId.into_iden(),
                    DeviceEvents::At.into_iden(),
                ],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(StorageMedia::Table)
                    .col(
                        ColumnDef::new(StorageMedia::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(StorageMedia::DeviceId).uuid().not_null())
                    .col(ColumnDef::new(StorageMedia::Kind).string_len(16).not_null())
                    .col(ColumnDef::new(StorageMedia::CapacityGb).integer().null())
                    .col(ColumnDef::new(StorageMedia::Serial).string_len(64).null())
                    .col(
                        ColumnDef::new(StorageMedia::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (StorageMedia::Table, StorageMedia::DeviceId),
                        (Devices::Table, Devices::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "storage_media_device",
                StorageMedia::Table,
                vec![StorageMedia::DeviceId.into_iden()],
            ))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Erasures::Table)
                    .col(ColumnDef::new(Erasures::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Erasures::MediumId).uuid().not_null())
                    .col(ColumnDef::new(Erasures::DeviceId).uuid().not_null())
                    .col(ColumnDef::new(Erasures::Method).string_len(32).not_null())
                    .col(ColumnDef::new(Erasures::Tool).string_len(120).not_null())
                    .col(ColumnDef::new(Erasures::ErasedOn).date().not_null())
                    .col(
                        ColumnDef::new(Erasures::Operator)
                            .string_len(120)
                            .not_null(),
                    )
                    .col(ColumnDef::new(Erasures::Passed).boolean().not_null())
                    .col(
                        ColumnDef::new(Erasures::ReportContentType)
                            .string_len(64)
                            .null(),
                    )
                    .col(ColumnDef::new(Erasures::ReportBytes).big_integer().null())
                    .col(ColumnDef::new(Erasures::RecordedBy).uuid().not_null())
                    .col(
                        ColumnDef::new(Erasures::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (Erasures::Table, Erasures::MediumId),
                        (StorageMedia::Table, StorageMedia::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Erasures::Table, Erasures::DeviceId),
                        (Devices::Table, Devices::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index(
                "erasures_device",
                Erasures::Table,
                vec![Erasures::DeviceId.into_iden()],
            ))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Erasures::Table.into_iden(),
            StorageMedia::Table.into_iden(),
            DeviceEvents::Table.into_iden(),
            Devices::Table.into_iden(),
            BatchCounts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        manager
            .drop_index(
                Index::drop()
                    .name("pickups_batch")
                    .table(Pickups::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Pickups::Table)
                    .drop_column(Pickups::BatchId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Batches::Table).to_owned())
            .await
    }
}
