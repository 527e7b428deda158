//! Migrations that only add indexes list them (name, table, columns) and
//! create or drop them here.
use sea_orm_migration::prelude::*;

pub type Plain = (&'static str, DynIden, Vec<DynIden>);

pub async fn create(manager: &SchemaManager<'_>, indexes: Vec<Plain>) -> Result<(), DbErr> {
    for (name, table, columns) in indexes {
        let mut index = Index::create();
        index.name(name).table(table);
        for column in columns {
            index.col(column);
        }
        manager.create_index(index.to_owned()).await?;
    }
    Ok(())
}

pub async fn drop(manager: &SchemaManager<'_>, indexes: Vec<Plain>) -> Result<(), DbErr> {
    for (name, table, _) in indexes {
        manager
            .drop_index(Index::drop().name(name).table(table).to_owned())
            .await?;
    }
    Ok(())
}
