use serde::{Deserialize, Serialize};

/// Who gives equipment to the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "server",
    sea_orm(
        rs_type = "String",
        db_type = "Text",
        rename_all = "SCREAMING_SNAKE_CASE"
    )
)]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum DonorKind {
    Company,
    /// City IT departments, law courts, health insurance, schools…
    PublicBody,
    Association,
    Individual,
}

crate::stored_text!(DonorKind);
