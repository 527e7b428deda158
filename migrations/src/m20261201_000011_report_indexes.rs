//! Covering indexes for the yearly report's joins: each device move of the
//! year looks its device up (programme, pickup, recycled weight) and each
//! device its pickup (status, collection date). Reading these from the
//! index alone halves the b-tree walks of the report's heaviest queries.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Devices {
    Table,
    Id,
    ProgrammeId,
    PickupId,
    RecycledWeightGrams,
}

#[derive(DeriveIden)]
enum Pickups {
    Table,
    Id,
    Status,
    CollectedAt,
}

/// Each index: its name, its table, its columns.
fn indexes() -> [(&'static str, DynIden, Vec<DynIden>); 2] {
    [
        (
            "devices_report_facts",
            Devices::Table.into_iden(),
            vec![
                Devices::Id.into_iden(),
                Devices::ProgrammeId.into_iden(),
                Devices::PickupId.into_iden(),
                Devices::RecycledWeightGrams.into_iden(),
            ],
        ),
        (
            "pickups_report_facts",
            Pickups::Table.into_iden(),
            vec![
                Pickups::Id.into_iden(),
                Pickups::Status.into_iden(),
                Pickups::CollectedAt.into_iden(),
            ],
        ),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::indexes::create(manager, indexes().into()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::indexes::drop(manager, indexes().into()).await
    }
}
