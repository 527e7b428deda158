use sea_orm::entity::prelude::*;
use shared_types::{Connection, InstallationStatus};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "installations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub referral_id: Uuid,
    pub device_id: Uuid,
    pub installer_id: Uuid,
    pub status: InstallationStatus,
    pub household_key: String,
    pub visit_from: Option<DateTimeUtc>,
    pub visit_to: Option<DateTimeUtc>,
    pub device_set_up: Option<bool>,
    pub accounts_created: Option<bool>,
    pub connection: Option<Connection>,
    pub connection_tested: Option<bool>,
    pub installed_serial: Option<String>,
    pub signature: Option<String>,
    pub signed_by: Option<String>,
    /// Why the handover has no signature (a proxy received it, a disability).
    pub unsigned_reason: Option<String>,
    pub failure_reason: Option<String>,
    /// Why the installation ended without staying installed: the match was
    /// undone, or the computer came back from the home.
    pub ended_reason: Option<String>,
    pub failures: i32,
    /// The day the last visit failed (the door nobody opened).
    pub failed_at: Option<DateTimeUtc>,
    pub matched_by: Uuid,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
