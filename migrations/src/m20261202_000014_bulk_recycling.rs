//! Recycling by weight: a refurbisher sends a batch's unusable material to
//! recycling in bulk (a pallet of screens, a crate of cables), counted and
//! weighed, without a device record per item. The reports' recycled weight
//! includes it, by the day it was recycled.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum BulkRecyclings {
    Table,
    Id,
    BatchId,
    Category,
    Count,
    WeightGrams,
    RecycledOn,
    RecordedBy,
    RecordedAt,
}

#[derive(DeriveIden)]
enum Batches {
    Table,
    Id,
}

fn indexes() -> [(&'static str, DynIden, Vec<DynIden>); 2] {
    [
        (
            "bulk_recyclings_batch",
            BulkRecyclings::Table.into_iden(),
            vec![BulkRecyclings::BatchId.into_iden()],
        ),
        (
            "bulk_recyclings_day",
            BulkRecyclings::Table.into_iden(),
            vec![BulkRecyclings::RecycledOn.into_iden()],
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(BulkRecyclings::Table)
                    .col(
                        ColumnDef::new(BulkRecyclings::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(BulkRecyclings::BatchId).uuid().not_null())
                    .col(
                        ColumnDef::new(BulkRecyclings::Category)
                            .string_len(16)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(BulkRecyclings::Count)
                            .big_integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(BulkRecyclings::WeightGrams)
                            .big_integer()
                            .not_null(),
                    )
                    .col(ColumnDef::new(BulkRecyclings::RecycledOn).date().not_null())
                    .col(ColumnDef::new(BulkRecyclings::RecordedBy).uuid().not_null())
                    .col(
                        ColumnDef::new(BulkRecyclings::RecordedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(BulkRecyclings::Table, BulkRecyclings::BatchId)
                            .to(Batches::Table, Batches::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        crate::indexes::create(manager, indexes().into()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(BulkRecyclings::Table).to_owned())
            .await
    }
}
