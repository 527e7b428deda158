use sea_orm::entity::prelude::*;
use shared_types::{
    DeviceOutcome, DevicePreference, Gender, InternetAccess, PrescriberKind, ReferralStatus,
};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "referrals")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    pub prescriber_organisation_id: Uuid,
    pub prescriber_user_id: Uuid,
    pub prescriber_kind: PrescriberKind,
    pub status: ReferralStatus,
    pub first_name: String,
    pub last_name: String,
    pub birth_year: Option<i32>,
    pub gender: Gender,
    pub phone: String,
    pub email: Option<String>,
    pub address: Option<String>,
    pub neighbourhood: Option<String>,
    pub priority_neighbourhood: bool,
    pub languages: Option<String>,
    pub household_adults: i32,
    pub household_children: i32,
    pub internet: InternetAccess,
    pub accessibility_needs: Option<String>,
    pub reason: Option<String>,
    pub consent_at: DateTimeUtc,
    pub info_session_id: Option<Uuid>,
    pub criterion_residence: Option<bool>,
    pub criterion_french: Option<bool>,
    pub criterion_availability: Option<bool>,
    pub criterion_motivation: Option<bool>,
    pub decision_reason: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub decided_by: Option<Uuid>,
    pub cohort_id: Option<Uuid>,
    pub enrolled_at: Option<DateTimeUtc>,
    pub contract_signed_on: Option<Date>,
    pub completed_at: Option<DateTimeUtc>,
    pub dropped_out_at: Option<DateTimeUtc>,
    pub drop_out_reason: Option<String>,
    /// When the resident was referred (reports count by it); `created_at`
    /// is when it was typed in.
    pub referred_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub device_preference: DevicePreference,
    pub tracking_code: Option<String>,
    /// Set when the identifying fields were erased (request or retention).
    pub erased_at: Option<DateTimeUtc>,
    /// The learner declined the computer or already has one, so they do
    /// not wait for one.
    pub device_outcome: Option<DeviceOutcome>,
    pub device_outcome_reason: Option<String>,
    pub device_outcome_at: Option<DateTimeUtc>,
    pub device_outcome_by: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
