use sea_orm::entity::prelude::*;

/// One module of a programme's own course, copied into each new cohort.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "module_templates")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub position: i32,
    pub title: String,
    pub mandatory: bool,
    pub place: Option<String>,
    /// The training provider teaching it; the cohort's own when none.
    pub organisation_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
