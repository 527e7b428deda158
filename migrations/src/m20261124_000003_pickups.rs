//! Pickups: material taken from a donor by a collector, counted per category,
//! with serials, photos (files on disk, rows here) and the donor's signature.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Pickups {
    Table,
    Id,
    ProgrammeId,
    OrganisationId,
    DonorId,
    Status,
    /// The id the phone gave the pickup: sending it again must not record it twice.
    ClientUuid,
    /// SHA-256 of what was sent with `client_uuid`, to tell a resend from a clash.
    ContentHash,
    ScheduledFor,
    CollectedAt,
    Address,
    WeightGrams,
    Latitude,
    Longitude,
    LocationAccuracyM,
    /// Strokes as JSON (`[[x0, y0, x1, y1, …], …]`): small, and drawn again in the receipt.
    Signature,
    SignedBy,
    Notes,
    CancelReason,
    RecordedBy,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PickupCounts {
    Table,
    PickupId,
    Category,
    Count,
}

#[derive(DeriveIden)]
enum PickupSerials {
    Table,
    Id,
    PickupId,
    Category,
    Serial,
}

#[derive(DeriveIden)]
enum PickupPhotos {
    Table,
    /// The id the phone gave the photo, so a resent upload is recognised.
    Id,
    PickupId,
    ContentType,
    Bytes,
    Sha256,
    Width,
    Height,
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
enum Donors {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn pickup_fk(
    table: impl IntoIden + 'static,
    col: impl IntoIden + 'static,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, col)
        .to(Pickups::Table, Pickups::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Pickups::Table)
                    .col(ColumnDef::new(Pickups::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Pickups::ProgrammeId).uuid().not_null())
                    .col(ColumnDef::new(Pickups::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(Pickups::DonorId).uuid().not_null())
                    .col(ColumnDef::new(Pickups::Status).string_len(16).not_null())
                    .col(
                        ColumnDef::new(Pickups::ClientUuid)
                            .uuid()
                            .null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Pickups::ContentHash).string_len(64).null())
                    .col(
                        ColumnDef::new(Pickups::ScheduledFor)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Pickups::CollectedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Pickups::Address).string_len(240).null())
                    .col(ColumnDef::new(Pickups::WeightGrams).big_integer().null())
                    .col(ColumnDef::new(Pickups::Latitude).double().null())
                    .col(ColumnDef::new(Pickups::Longitude).double().null())
                    .col(ColumnDef::new(Pickups::LocationAccuracyM).double().null())
                    .col(ColumnDef::new(Pickups::Signature).text().null())
                    .col(ColumnDef::new(Pickups::SignedBy).string_len(120).null())
                    .col(ColumnDef::new(Pickups::Notes).text().null())
                    .col(ColumnDef::new(Pickups::CancelReason).string_len(240).null())
                    .col(ColumnDef::new(Pickups::RecordedBy).uuid().not_null())
                    .col(
                        ColumnDef::new(Pickups::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Pickups::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Pickups::Table, Pickups::ProgrammeId)
                            .to(Programmes::Table, Programmes::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Pickups::Table, Pickups::OrganisationId)
                            .to(Organisations::Table, Organisations::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Pickups::Table, Pickups::DonorId)
                            .to(Donors::Table, Donors::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Pickups::Table, Pickups::RecordedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("pickups_organisation_status")
                    .table(Pickups::Table)
                    .col(Pickups::OrganisationId)
                    .col(Pickups::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("pickups_donor")
                    .table(Pickups::Table)
                    .col(Pickups::DonorId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PickupCounts::Table)
                    .col(ColumnDef::new(PickupCounts::PickupId).uuid().not_null())
                    .col(
                        ColumnDef::new(PickupCounts::Category)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(PickupCounts::Count).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(PickupCounts::PickupId)
                            .col(PickupCounts::Category),
                    )
                    .foreign_key(&mut pickup_fk(PickupCounts::Table, PickupCounts::PickupId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PickupSerials::Table)
                    .col(
                        ColumnDef::new(PickupSerials::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PickupSerials::PickupId).uuid().not_null())
                    .col(
                        ColumnDef::new(PickupSerials::Category)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PickupSerials::Serial)
                            .string_len(64)
                            .not_null(),
                    )
                    .foreign_key(&mut pickup_fk(
                        PickupSerials::Table,
                        PickupSerials::PickupId,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("pickup_serials_pickup")
                    .table(PickupSerials::Table)
                    .col(PickupSerials::PickupId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PickupPhotos::Table)
                    .col(
                        ColumnDef::new(PickupPhotos::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PickupPhotos::PickupId).uuid().not_null())
                    .col(
                        ColumnDef::new(PickupPhotos::ContentType)
                            .string_len(32)
                            .not_null(),
                    )
                    .col(ColumnDef::new(PickupPhotos::Bytes).big_integer().not_null())
                    .col(
                        ColumnDef::new(PickupPhotos::Sha256)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(ColumnDef::new(PickupPhotos::Width).integer().not_null())
                    .col(ColumnDef::new(PickupPhotos::Height).integer().not_null())
                    .col(
                        ColumnDef::new(PickupPhotos::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut pickup_fk(PickupPhotos::Table, PickupPhotos::PickupId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("pickup_photos_pickup")
                    .table(PickupPhotos::Table)
                    .col(PickupPhotos::PickupId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            PickupPhotos::Table.into_iden(),
            PickupSerials::Table.into_iden(),
            PickupCounts::Table.into_iden(),
            Pickups::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
