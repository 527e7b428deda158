use sea_orm::entity::prelude::*;

/// Where an imported record came from (see `services::imports`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "imported_records")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    /// `shared_types::import::Sheet`, as its wire text.
    pub sheet: String,
    /// The programme's own reference; none for rows that belong to another
    /// record (a device's move).
    pub reference: Option<String>,
    pub record_id: Uuid,
    pub file_name: String,
    pub line: i32,
    pub imported_by: Uuid,
    pub imported_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
