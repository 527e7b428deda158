//! The day a visit failed and the day a household's problem was reported,
//! apart from when they were typed in: an installer back from a round
//! enters the door nobody opened yesterday; a coordinator enters the call
//! taken on Friday. Requests already here were typed the day they came.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Installations {
    Table,
    FailedAt,
}

#[derive(DeriveIden)]
enum SupportRequests {
    Table,
    ReportedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Installations::Table)
                    .add_column(
                        ColumnDef::new(Installations::FailedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        // SQLite adds a NOT NULL column only with a constant default; every
        // row gets its own day just below, and every insert writes one.
        manager
            .alter_table(
                Table::alter()
                    .table(SupportRequests::Table)
                    .add_column(
                        ColumnDef::new(SupportRequests::ReportedAt)
                            .timestamp_with_time_zone()
                            .not_null()
                            .default("2000-01-01 00:00:00+00:00"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .exec_stmt(
                Query::update()
                    .table(SupportRequests::Table)
                    .value(
                        SupportRequests::ReportedAt,
                        Expr::col(SupportRequests::CreatedAt),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(SupportRequests::Table)
                    .drop_column(SupportRequests::ReportedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Installations::Table)
                    .drop_column(Installations::FailedAt)
                    .to_owned(),
            )
            .await
    }
}
