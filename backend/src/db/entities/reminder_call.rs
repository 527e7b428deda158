use sea_orm::entity::prelude::*;
use shared_types::ReminderOutcome;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "reminder_calls")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub module_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub referral_id: Uuid,
    pub outcome: ReminderOutcome,
    pub called_by: Uuid,
    pub called_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
