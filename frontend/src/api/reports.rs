//! The programme's report for a year, with the year before for comparison.

use serde::Deserialize;
use serde_json::json;
use shared_types::{Gender, MaterialCategory, PrescriberKind};

use super::{ApiError, request};

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct CategoryCount {
    pub category: MaterialCategory,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PrescriberShare {
    pub kind: PrescriberKind,
    pub count: Option<i64>,
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GenderShare {
    pub gender: Gender,
    pub count: Option<i64>,
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Figures {
    pub pickups: i64,
    pub collected: Vec<CategoryCount>,
    pub collected_kg: f64,
    pub devices_refurbished: i64,
    pub devices_ready_again: i64,
    pub devices_recycled: i64,
    pub recycled_in_bulk: i64,
    pub recycled_kg: f64,
    pub devices_bought: i64,
    pub devices_given: i64,
    pub devices_installed: i64,
    pub handed_over_without_installation: i64,
    pub installed_with_internet: i64,
    pub installed_without_internet: i64,
    pub installed_with_internet_percent: Option<f64>,
    pub places_opened: i64,
    pub enrolled: i64,
    pub trained: i64,
    pub dropped_out: i64,
    pub referrals: i64,
    pub referrals_by_prescriber: Vec<PrescriberShare>,
    pub mean_age: Option<f64>,
    pub gender: Vec<GenderShare>,
    pub priority_neighbourhood_count: Option<i64>,
    pub priority_neighbourhood_percent: Option<f64>,
    pub ready_share_percent: f64,
    pub agreed_share_percent: f64,
    pub median_days_pickup_to_ready: Option<f64>,
    pub median_days_completion_to_installation: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct YearReport {
    pub current: Figures,
    pub previous: Figures,
}

pub async fn year(year: i32) -> Result<YearReport, ApiError> {
    request(
        include_str!("../../graphql/report.graphql"),
        json!({
            "from": format!("{year}-01-01"), "to": format!("{year}-12-31"),
            "previousFrom": format!("{}-01-01", year - 1), "previousTo": format!("{}-12-31", year - 1),
        }),
    )
    .await
}
