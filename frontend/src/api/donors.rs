//! Donors, for collection agents and coordinators.

use serde::Deserialize;
use serde_json::json;
use shared_types::DonorKind;

use super::{ApiError, request};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DonorRow {
    pub id: String,
    pub kind: DonorKind,
    pub name: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub agreement_reference: Option<String>,
    /// ISO date (YYYY-MM-DD).
    pub agreement_ends_on: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct DonorPage {
    pub total: u64,
    pub items: Vec<DonorRow>,
}

#[derive(Deserialize)]
struct DonorsData {
    donors: DonorPage,
}

pub const PAGE_SIZE: u64 = 50;

pub async fn search(search: String, offset: u64) -> Result<DonorPage, ApiError> {
    let search = Some(search.trim().to_string()).filter(|s| !s.is_empty());
    let data: DonorsData = request(
        include_str!("../../graphql/donors.graphql"),
        json!({ "search": search, "offset": offset, "limit": PAGE_SIZE }),
    )
    .await?;
    Ok(data.donors)
}
