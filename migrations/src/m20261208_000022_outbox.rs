//! The outbox: each message Passerelle sends is written in the same
//! transaction as the event that causes it, then sent by a worker with
//! retries, so that none is lost if the server stops in between, and one
//! event makes one message (its key is unique). Password-reset links are
//! kept as hashes, each usable once and for a short time.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum OutboxMessages {
    Table,
    Id,
    ProgrammeId,
    Kind,
    EventKey,
    UserId,
    Recipient,
    Language,
    Subject,
    Body,
    Status,
    Attempts,
    NextAttemptAt,
    LastError,
    SentAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PasswordResets {
    Table,
    Id,
    UserId,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OutboxMessages::Table)
                    .col(
                        ColumnDef::new(OutboxMessages::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(OutboxMessages::ProgrammeId)
                            .uuid()
                            .not_null(),
                    )
                    .col(ColumnDef::new(OutboxMessages::Kind).string().not_null())
                    .col(
                        ColumnDef::new(OutboxMessages::EventKey)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(OutboxMessages::UserId).uuid().null())
                    .col(
                        ColumnDef::new(OutboxMessages::Recipient)
                            .string()
                            .not_null(),
                    )
                    .col(ColumnDef::new(OutboxMessages::Language).string().not_null())
                    .col(ColumnDef::new(OutboxMessages::Subject).string().not_null())
                    .col(ColumnDef::new(OutboxMessages::Body).text().not_null())
                    .col(ColumnDef::new(OutboxMessages::Status).string().not_null())
                    .col(
                        ColumnDef::new(OutboxMessages::Attempts)
                            .integer()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(OutboxMessages::NextAttemptAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(ColumnDef::new(OutboxMessages::LastError).text().null())
                    .col(
                        ColumnDef::new(OutboxMessages::SentAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(OutboxMessages::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        // The worker's question: what is due now.
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_due")
                    .table(OutboxMessages::Table)
                    .col(OutboxMessages::Status)
                    .col(OutboxMessages::NextAttemptAt)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(PasswordResets::Table)
                    .col(
                        ColumnDef::new(PasswordResets::Id)
                            .uuid()
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(PasswordResets::UserId).uuid().not_null())
                    .col(
                        ColumnDef::new(PasswordResets::TokenHash)
                            .string()
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(PasswordResets::ExpiresAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(PasswordResets::UsedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .col(
                        ColumnDef::new(PasswordResets::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PasswordResets::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(OutboxMessages::Table).to_owned())
            .await
    }
}
