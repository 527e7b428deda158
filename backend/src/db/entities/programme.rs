use sea_orm::entity::prelude::*;
use shared_types::ProgrammeTimeZone;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programmes")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    /// Share of the collected volume the refurbisher agreed to return as working devices.
    pub return_share_percent: i32,
    /// The completion rule (`shared_types::training::CompletionRule`).
    pub completion_max_excused: i32,
    pub completion_max_absent: i32,
    /// The zone its days and hours are counted in.
    pub time_zone: ProgrammeTimeZone,
    pub created_at: DateTimeUtc,
    /// No event happened before this day; none means the day of `created_at`.
    pub started_on: Option<Date>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
