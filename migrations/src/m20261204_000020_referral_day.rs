//! When a resident was referred, apart from when the referral was typed in:
//! a paper form entered the next week, or a programme's history imported,
//! keeps its day, and the yearly report counts referrals by it. Existing
//! referrals were typed the day they were made.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Referrals {
    Table,
    ReferredAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds a NOT NULL column only with a constant default; every
        // row gets its own day just below, and every insert writes one.
        manager
            .alter_table(
                Table::alter()
                    .table(Referrals::Table)
                    .add_column(
                        ColumnDef::new(Referrals::ReferredAt)
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
                    .table(Referrals::Table)
                    .value(Referrals::ReferredAt, Expr::col(Referrals::CreatedAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Referrals::Table)
                    .drop_column(Referrals::ReferredAt)
                    .to_owned(),
            )
            .await
    }
}
