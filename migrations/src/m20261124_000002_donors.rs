//! Donors: the companies, public bodies, associations and individuals who give equipment.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Donors {
    Table,
    Id,
    ProgrammeId,
    Kind,
    Name,
    /// Name, city and postcode folded (lower case, no accents) for searching.
    SearchKey,
    ContactName,
    Phone,
    Email,
    Address,
    Postcode,
    City,
    AgreementReference,
    AgreementStartsOn,
    AgreementEndsOn,
    Notes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Programmes {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Donors::Table)
                    .col(ColumnDef::new(Donors::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Donors::ProgrammeId).uuid().not_null())
                    .col(ColumnDef::new(Donors::Kind).string_len(32).not_null())
                    .col(ColumnDef::new(Donors::Name).string_len(120).not_null())
                    .col(ColumnDef::new(Donors::SearchKey).string_len(400).not_null())
                    .col(ColumnDef::new(Donors::ContactName).string_len(120).null())
                    .col(ColumnDef::new(Donors::Phone).string_len(32).null())
                    .col(ColumnDef::new(Donors::Email).string_len(254).null())
                    .col(ColumnDef::new(Donors::Address).string_len(240).null())
                    .col(ColumnDef::new(Donors::Postcode).string_len(16).null())
                    .col(ColumnDef::new(Donors::City).string_len(120).null())
                    .col(
                        ColumnDef::new(Donors::AgreementReference)
                            .string_len(120)
                            .null(),
                    )
                    .col(ColumnDef::new(Donors::AgreementStartsOn).date().null())
                    .col(ColumnDef::new(Donors::AgreementEndsOn).date().null())
                    .col(ColumnDef::new(Donors::Notes).text().null())
                    .col(
                        ColumnDef::new(Donors::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Donors::Table, Donors::ProgrammeId)
                            .to(Programmes::Table, Programmes::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("donors_programme_name")
                    .table(Donors::Table)
                    .col(Donors::ProgrammeId)
                    .col(Donors::Name)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Donors::Table).to_owned())
            .await
    }
}
