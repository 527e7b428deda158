use sea_orm::entity::prelude::*;
use shared_types::PickupStatus;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "pickups")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub programme_id: Uuid,
    /// The collector organisation holding the material.
    pub organisation_id: Uuid,
    pub donor_id: Uuid,
    pub status: PickupStatus,
    pub client_uuid: Option<Uuid>,
    pub content_hash: Option<String>,
    pub scheduled_for: Option<DateTimeUtc>,
    pub collected_at: Option<DateTimeUtc>,
    pub address: Option<String>,
    pub weight_grams: Option<i64>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub location_accuracy_m: Option<f64>,
    /// JSON strokes, see `shared_types::pickup::check_signature`.
    pub signature: Option<String>,
    pub signed_by: Option<String>,
    pub notes: Option<String>,
    pub cancel_reason: Option<String>,
    pub recorded_by: Uuid,
    /// The batch the material left in; `None` while it is in storage.
    pub batch_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
