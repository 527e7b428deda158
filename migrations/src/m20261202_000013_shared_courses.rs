//! Shared courses and call outcomes. In the reference programme the media
//! library teaches nine modules of a cohort and an association two: each
//! module now names the training provider that teaches it (until now the
//! cohort's own provider taught all of them, which is what existing modules
//! are given). A reminder call now says how it went (called, no answer,
//! message left, absence announced); calls ticked before were answered.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CohortModules {
    Table,
    OrganisationId,
}

#[derive(DeriveIden)]
enum ReminderCalls {
    Table,
    Outcome,
}

fn indexes() -> [(&'static str, DynIden, Vec<DynIden>); 1] {
    [(
        "cohort_modules_provider",
        CohortModules::Table.into_iden(),
        vec![CohortModules::OrganisationId.into_iden()],
    )]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Nullable in the table because SQLite cannot add a NOT NULL column
        // without a constant default; every row is filled here and every
        // insert sets it, and the entity reads it as required.
        manager
            .alter_table(
                Table::alter()
                    .table(CohortModules::Table)
                    .add_column(ColumnDef::new(CohortModules::OrganisationId).uuid().null())
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ReminderCalls::Table)
                    .add_column(ColumnDef::new(ReminderCalls::Outcome).string_len(24).null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "UPDATE \"cohort_modules\" SET \"organisation_id\" = (SELECT \"organisation_id\" \
             FROM \"cohorts\" WHERE \"cohorts\".\"id\" = \"cohort_modules\".\"cohort_id\")",
        )
        .await?;
        db.execute_unprepared("UPDATE \"reminder_calls\" SET \"outcome\" = 'CALLED'")
            .await?;
        crate::indexes::create(manager, indexes().into()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::indexes::drop(manager, indexes().into()).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ReminderCalls::Table)
                    .drop_column(ReminderCalls::Outcome)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(CohortModules::Table)
                    .drop_column(CohortModules::OrganisationId)
                    .to_owned(),
            )
            .await
    }
}
