//! Training: referrals, information sessions, cohorts, their modules,
//! attendance and reminder calls; the programme's completion rule.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Programmes {
    Table,
    Id,
    CompletionMaxExcused,
    CompletionMaxAbsent,
}

#[derive(DeriveIden)]
enum Organisations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum InfoSessions {
    Table,
    Id,
    ProgrammeId,
    OrganisationId,
    StartsAt,
    Place,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Cohorts {
    Table,
    Id,
    ProgrammeId,
    OrganisationId,
    Name,
    Places,
    StartsOn,
    EndsOn,
    CreatedAt,
}

#[derive(DeriveIden)]
enum CohortModules {
    Table,
    Id,
    CohortId,
    Position,
    Title,
    Place,
    Trainer,
    StartsAt,
    EndsAt,
    Mandatory,
}

#[derive(DeriveIden)]
enum Referrals {
    Table,
    Id,
    ProgrammeId,
    PrescriberOrganisationId,
    PrescriberUserId,
    PrescriberKind,
    Status,
    FirstName,
    LastName,
    BirthYear,
    Gender,
    Phone,
    Email,
    Address,
    Neighbourhood,
    PriorityNeighbourhood,
    Languages,
    HouseholdAdults,
    HouseholdChildren,
    Internet,
    AccessibilityNeeds,
    Reason,
    ConsentAt,
    InfoSessionId,
    /// Eligibility criteria, recorded at the information session (NULL before).
    CriterionResidence,
    CriterionFrench,
    CriterionAvailability,
    CriterionMotivation,
    DecisionReason,
    DecidedAt,
    DecidedBy,
    CohortId,
    EnrolledAt,
    ContractSignedOn,
    CompletedAt,
    DroppedOutAt,
    DropOutReason,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Attendance {
    Table,
    ModuleId,
    ReferralId,
    Mark,
    MarkedBy,
    MarkedAt,
}

#[derive(DeriveIden)]
enum ReminderCalls {
    Table,
    ModuleId,
    ReferralId,
    CalledBy,
    CalledAt,
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
        for column in [
            Programmes::CompletionMaxExcused,
            Programmes::CompletionMaxAbsent,
        ] {
            let default = if matches!(column, Programmes::CompletionMaxExcused) {
                1
            } else {
                0
            };
            manager
                .alter_table(
                    Table::alter()
                        .table(Programmes::Table)
                        .add_column(ColumnDef::new(column).integer().not_null().default(default))
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(InfoSessions::Table)
                    .col(
                        ColumnDef::new(InfoSessions::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(InfoSessions::ProgrammeId).uuid().not_null())
                    .col(
                        ColumnDef::new(InfoSessions::OrganisationId)
                            .uuid()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InfoSessions::StartsAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InfoSessions::Place)
                            .string_len(240)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(InfoSessions::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (InfoSessions::Table, InfoSessions::ProgrammeId),
                        (Programmes::Table, Programmes::Id),
                    ))
                    .foreign_key(&mut fk(
                        (InfoSessions::Table, InfoSessions::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Cohorts::Table)
                    .col(ColumnDef::new(Cohorts::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(Cohorts::ProgrammeId).uuid().not_null())
                    .col(ColumnDef::new(Cohorts::OrganisationId).uuid().not_null())
                    .col(ColumnDef::new(Cohorts::Name).string_len(120).not_null())
                    .col(ColumnDef::new(Cohorts::Places).integer().not_null())
                    .col(ColumnDef::new(Cohorts::StartsOn).date().not_null())
                    .col(ColumnDef::new(Cohorts::EndsOn).date().not_null())
                    .col(
                        ColumnDef::new(Cohorts::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (Cohorts::Table, Cohorts::ProgrammeId),
                        (Programmes::Table, Programmes::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Cohorts::Table, Cohorts::OrganisationId),
                        (Organisations::Table, Organisations::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CohortModules::Table)
                    .col(
                        ColumnDef::new(CohortModules::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(CohortModules::CohortId).uuid().not_null())
                    .col(ColumnDef::new(CohortModules::Position).integer().not_null())
                    .col(
                        ColumnDef::new(CohortModules::Title)
                            .string_len(200)
                            .not_null(),
                    )
                    .col(ColumnDef::new(CohortModules::Place).string_len(240).null())
                    .col(
                        ColumnDef::new(CohortModules::Trainer)
                            .string_len(120)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(CohortModules::StartsAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CohortModules::EndsAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(CohortModules::Mandatory)
                            .boolean()
                            .not_null(),
                    )
                    .foreign_key(&mut fk(
                        (CohortModules::Table, CohortModules::CohortId),
                        (Cohorts::Table, Cohorts::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("cohort_modules_cohort")
                    .table(CohortModules::Table)
                    .col(CohortModules::CohortId)
                    .col(CohortModules::Position)
                    .to_owned(),
            )
            .await?;
        let mut referrals = Table::create();
        referrals
            .table(Referrals::Table)
            .col(
                ColumnDef::new(Referrals::Id)
                    .uuid()
                    .not_null()
                    .primary_key(),
            )
            .col(ColumnDef::new(Referrals::ProgrammeId).uuid().not_null())
            .col(
                ColumnDef::new(Referrals::PrescriberOrganisationId)
                    .uuid()
                    .not_null(),
            )
            .col(
                ColumnDef::new(Referrals::PrescriberUserId)
                    .uuid()
                    .not_null(),
            )
            .col(
                ColumnDef::new(Referrals::PrescriberKind)
                    .string_len(32)
                    .not_null(),
            )
            .col(ColumnDef::new(Referrals::Status).string_len(32).not_null())
            .col(
                ColumnDef::new(Referrals::FirstName)
                    .string_len(120)
                    .not_null(),
            )
            .col(
                ColumnDef::new(Referrals::LastName)
                    .string_len(120)
                    .not_null(),
            )
            .col(ColumnDef::new(Referrals::BirthYear).integer().null())
            .col(ColumnDef::new(Referrals::Gender).string_len(16).not_null())
            .col(ColumnDef::new(Referrals::Phone).string_len(32).not_null())
            .col(ColumnDef::new(Referrals::Email).string_len(254).null())
            .col(ColumnDef::new(Referrals::Address).string_len(240).null())
            .col(
                ColumnDef::new(Referrals::Neighbourhood)
                    .string_len(120)
                    .null(),
            )
            .col(
                ColumnDef::new(Referrals::PriorityNeighbourhood)
                    .boolean()
                    .not_null(),
            )
            .col(ColumnDef::new(Referrals::Languages).string_len(240).null())
            .col(
                ColumnDef::new(Referrals::HouseholdAdults)
                    .integer()
                    .not_null(),
            )
            .col(
                ColumnDef::new(Referrals::HouseholdChildren)
                    .integer()
                    .not_null(),
            )
            .col(
                ColumnDef::new(Referrals::Internet)
                    .string_len(16)
                    .not_null(),
            )
            .col(
                ColumnDef::new(Referrals::AccessibilityNeeds)
                    .string_len(500)
                    .null(),
            )
            .col(ColumnDef::new(Referrals::Reason).text().null())
            .col(
                ColumnDef::new(Referrals::ConsentAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(ColumnDef::new(Referrals::InfoSessionId).uuid().null())
            .col(
                ColumnDef::new(Referrals::CriterionResidence)
                    .boolean()
                    .null(),
            )
            .col(ColumnDef::new(Referrals::CriterionFrench).boolean().null())
            .col(
                ColumnDef::new(Referrals::CriterionAvailability)
                    .boolean()
                    .null(),
            )
            .col(
                ColumnDef::new(Referrals::CriterionMotivation)
                    .boolean()
                    .null(),
            )
            .col(
                ColumnDef::new(Referrals::DecisionReason)
                    .string_len(500)
                    .null(),
            )
            .col(
                ColumnDef::new(Referrals::DecidedAt)
                    .timestamp_with_time_zone()
                    .null(),
            )
            .col(ColumnDef::new(Referrals::DecidedBy).uuid().null())
            .col(ColumnDef::new(Referrals::CohortId).uuid().null())
            .col(
                ColumnDef::new(Referrals::EnrolledAt)
                    .timestamp_with_time_zone()
                    .null(),
            )
            .col(ColumnDef::new(Referrals::ContractSignedOn).date().null())
            .col(
                ColumnDef::new(Referrals::CompletedAt)
                    .timestamp_with_time_zone()
                    .null(),
            )
            .col(
                ColumnDef::new(Referrals::DroppedOutAt)
                    .timestamp_with_time_zone()
                    .null(),
            )
            .col(
                ColumnDef::new(Referrals::DropOutReason)
                    .string_len(500)
                    .null(),
            )
            .col(
                ColumnDef::new(Referrals::CreatedAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .col(
                ColumnDef::new(Referrals::UpdatedAt)
                    .timestamp_with_time_zone()
                    .not_null(),
            )
            .foreign_key(&mut fk(
                (Referrals::Table, Referrals::ProgrammeId),
                (Programmes::Table, Programmes::Id),
            ))
            .foreign_key(&mut fk(
                (Referrals::Table, Referrals::PrescriberUserId),
                (Users::Table, Users::Id),
            ))
            .foreign_key(&mut fk(
                (Referrals::Table, Referrals::InfoSessionId),
                (InfoSessions::Table, InfoSessions::Id),
            ))
            .foreign_key(&mut fk(
                (Referrals::Table, Referrals::CohortId),
                (Cohorts::Table, Cohorts::Id),
            ));
        manager.create_table(referrals.to_owned()).await?;
        for (name, col) in [
            ("referrals_prescriber", Referrals::PrescriberUserId),
            ("referrals_cohort", Referrals::CohortId),
            ("referrals_session", Referrals::InfoSessionId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Referrals::Table)
                        .col(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(Attendance::Table)
                    .col(ColumnDef::new(Attendance::ModuleId).uuid().not_null())
                    .col(ColumnDef::new(Attendance::ReferralId).uuid().not_null())
                    .col(ColumnDef::new(Attendance::Mark).string_len(16).not_null())
                    .col(ColumnDef::new(Attendance::MarkedBy).uuid().not_null())
                    .col(
                        ColumnDef::new(Attendance::MarkedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(Attendance::ModuleId)
                            .col(Attendance::ReferralId),
                    )
                    .foreign_key(&mut fk(
                        (Attendance::Table, Attendance::ModuleId),
                        (CohortModules::Table, CohortModules::Id),
                    ))
                    .foreign_key(&mut fk(
                        (Attendance::Table, Attendance::ReferralId),
                        (Referrals::Table, Referrals::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ReminderCalls::Table)
                    .col(ColumnDef::new(ReminderCalls::ModuleId).uuid().not_null())
                    .col(ColumnDef::new(ReminderCalls::ReferralId).uuid().not_null())
                    .col(ColumnDef::new(ReminderCalls::CalledBy).uuid().not_null())
                    .col(
                        ColumnDef::new(ReminderCalls::CalledAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .primary_key(
                        Index::create()
                            .col(ReminderCalls::ModuleId)
                            .col(ReminderCalls::ReferralId),
                    )
                    .foreign_key(&mut fk(
                        (ReminderCalls::Table, ReminderCalls::ModuleId),
                        (CohortModules::Table, CohortModules::Id),
                    ))
                    .foreign_key(&mut fk(
                        (ReminderCalls::Table, ReminderCalls::ReferralId),
                        (Referrals::Table, Referrals::Id),
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            ReminderCalls::Table.into_iden(),
            Attendance::Table.into_iden(),
            Referrals::Table.into_iden(),
            CohortModules::Table.into_iden(),
            Cohorts::Table.into_iden(),
            InfoSessions::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [
            Programmes::CompletionMaxExcused,
            Programmes::CompletionMaxAbsent,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Programmes::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
