use sea_orm::entity::prelude::*;
use shared_types::{SupportKind, SupportStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "support_requests")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub referral_id: Uuid,
    pub installation_id: Option<Uuid>,
    pub kind: SupportKind,
    pub status: SupportStatus,
    pub message: String,
    /// Who reported it: HOUSEHOLD or STAFF.
    pub source: String,
    pub resolution: Option<String>,
    /// When the problem was reported (a phone call entered later keeps its day).
    pub reported_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
