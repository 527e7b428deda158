//! Where an imported record came from: the file, its row, who imported it
//! and when, and the programme's own reference for it, so that importing
//! the same file again finds the record rather than making it twice.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ImportedRecords {
    Table,
    Id,
    ProgrammeId,
    Sheet,
    Reference,
    RecordId,
    FileName,
    Line,
    ImportedBy,
    ImportedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ImportedRecords::Table)
                    .col(
                        ColumnDef::new(ImportedRecords::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ImportedRecords::ProgrammeId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ImportedRecords::Sheet)
                            .string_len(40)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ImportedRecords::Reference)
                            .string_len(120)
                            .null(),
                    )
                    .col(ColumnDef::new(ImportedRecords::RecordId).uuid().not_null())
                    .col(
                        ColumnDef::new(ImportedRecords::FileName)
                            .string_len(255)
                            .not_null(),
                    )
                    .col(ColumnDef::new(ImportedRecords::Line).integer().not_null())
                    .col(
                        ColumnDef::new(ImportedRecords::ImportedBy)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ImportedRecords::ImportedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("imported_records_reference")
                    .table(ImportedRecords::Table)
                    .col(ImportedRecords::ProgrammeId)
                    .col(ImportedRecords::Sheet)
                    .col(ImportedRecords::Reference)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("imported_records_record")
                    .table(ImportedRecords::Table)
                    .col(ImportedRecords::RecordId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ImportedRecords::Table).to_owned())
            .await
    }
}
