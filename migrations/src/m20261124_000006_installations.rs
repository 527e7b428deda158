//! Matching and home installation: a learner's device preference and
//! tracking code, installations (one per learner), support requests.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Referrals {
    Table,
    Id,
    DevicePreference,
    /// What the household types on the tracking page (random, unique).
    TrackingCode,
}

#[derive(DeriveIden)]
enum Installations {
    Table,
    Id,
    ProgrammeId,
    ReferralId,
    DeviceId,
    InstallerId,
    Status,
    /// The household's address key: one device per household.
    HouseholdKey,
    VisitFrom,
    VisitTo,
    DeviceSetUp,
    AccountsCreated,
    Connection,
    ConnectionTested,
    InstalledSerial,
    Signature,
    SignedBy,
    FailureReason,
    Failures,
    MatchedBy,
    ClosedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum SupportRequests {
    Table,
    Id,
    ProgrammeId,
    ReferralId,
    InstallationId,
    Kind,
    Status,
    Message,
    Source,
    Resolution,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Devices {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Organisations {
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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Referrals::Table)
                    .add_column(
                        ColumnDef::new(Referrals::DevicePreference)
                            .string_len(16)
                            .not_null()
                            .default("ANY"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Referrals::Table)
                    .add_column(
                        ColumnDef::new(Referrals::TrackingCode)
                            .string_len(16)
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("referrals_tracking_code")
                    .table(Referrals::Table)
                    .col(Referrals::TrackingCode)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Installations::Table)
                    .col(
                        ColumnDef::new(Installations::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(Installations::ProgrammeId).uuid().not_null())
                    .col(
                        ColumnDef::new(Installations::ReferralId)
                            .uuid()
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(Installations::DeviceId)
                            .uuid()
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Installations::InstallerId).uuid().not_null())
                    .col(
                        ColumnDef::new(Installations::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Installations::HouseholdKey)
                            .string_len(300)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Installations::VisitFrom)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Installations::VisitTo)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(ColumnDef::new(Installations::DeviceSetUp).boolean().null())
                    .col(
                        ColumnDef::new(Installations::AccountsCreated)
                            .boolean()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Installations::Connection)
                            .string_len(16)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Installations::ConnectionTested)
                            .boolean()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Installations::InstalledSerial)
                            .string_len(64)
                            .null(),
                    )
                    .col(ColumnDef::new(Installations::Signature).text().null())
                    .col(
                        ColumnDef::new(Installations::SignedBy)
                            .string_len(120)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Installations::FailureReason)
                            .string_len(500)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Installations::Failures)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(ColumnDef::new(Installations::MatchedBy).uuid().not_null())
                    .col(
                        ColumnDef::new(Installations::ClosedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(Installations::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(Installations::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (Installations::Table, Installations::ProgrammeId),
                        (Programmes::Table, Programmes::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Installations::Table, Installations::ReferralId),
                        (Referrals::Table, Referrals::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Installations::Table, Installations::DeviceId),
                        (Devices::Table, Devices::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Installations::Table, Installations::InstallerId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        // One device per household, enforced by the database too.
        manager
            .create_index(
                Index::create()
                    .name("installations_household")
                    .table(Installations::Table)
                    .col(Installations::ProgrammeId)
                    .col(Installations::HouseholdKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SupportRequests::Table)
                    .col(
                        ColumnDef::new(SupportRequests::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(SupportRequests::ProgrammeId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SupportRequests::ReferralId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SupportRequests::InstallationId)
                            .uuid()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(SupportRequests::Kind)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SupportRequests::Status)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(SupportRequests::Message).text().not_null())
                    .col(
                        ColumnDef::new(SupportRequests::Source)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(ColumnDef::new(SupportRequests::Resolution).text().null())
                    .col(
                        ColumnDef::new(SupportRequests::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SupportRequests::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (SupportRequests::Table, SupportRequests::ProgrammeId),
                        (Programmes::Table, Programmes::Id),
                    ))
                    .foreign_key(&mut fk(
                        (SupportRequests::Table, SupportRequests::ReferralId),
                        (Referrals::Table, Referrals::Id),
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SupportRequests::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Installations::Table).to_owned())
            .await?;
        manager
            .drop_index(
                Index::drop()
                    .name("referrals_tracking_code")
                    .table(Referrals::Table)
                    .to_owned(),
            )
            .await?;
        for column in [Referrals::TrackingCode, Referrals::DevicePreference] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Referrals::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
