//! Programme settings in the app: the time zone its days and hours are
//! counted in (Europe/Paris for the programmes already here), and its own
//! course, module by module (title, mandatory, place, training provider).
//! A programme with no course of its own uses the built-in one.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Programmes {
    Table,
    TimeZone,
}

#[derive(DeriveIden)]
enum ModuleTemplates {
    Table,
    Id,
    ProgrammeId,
    Position,
    Title,
    Mandatory,
    Place,
    OrganisationId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Programmes::Table)
                    .add_column(
                        ColumnDef::new(Programmes::TimeZone)
                            .string_len(40)
                            .not_null()
                            .default("Europe/Paris"),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ModuleTemplates::Table)
                    .col(
                        ColumnDef::new(ModuleTemplates::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ModuleTemplates::ProgrammeId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ModuleTemplates::Position)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ModuleTemplates::Title)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ModuleTemplates::Mandatory)
                            .boolean()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(ModuleTemplates::Place)
                            .string_len(240)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(ModuleTemplates::OrganisationId)
                            .uuid()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("module_templates_position")
                    .table(ModuleTemplates::Table)
                    .col(ModuleTemplates::ProgrammeId)
                    .col(ModuleTemplates::Position)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ModuleTemplates::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Programmes::Table)
                    .drop_column(Programmes::TimeZone)
                    .to_owned(),
            )
            .await
    }
}
