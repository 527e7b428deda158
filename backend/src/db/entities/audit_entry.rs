use sea_orm::entity::prelude::*;

/// One read of personal records: who, when, what kind, which ids. Append-only.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub at: DateTimeUtc,
    pub user_id: Option<Uuid>,
    pub action: String,
    pub subject_kind: String,
    /// JSON array of ids.
    pub subject_ids: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
