//! The day the programme started: no event can have happened before it.
//! Empty for the programmes already here, which then started the day they
//! were created; a coordinator sets an earlier day to enter their history.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Programmes {
    Table,
    StartedOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Programmes::Table)
                    .add_column(ColumnDef::new(Programmes::StartedOn).date().null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Programmes::Table)
                    .drop_column(Programmes::StartedOn)
                    .to_owned(),
            )
            .await
    }
}
