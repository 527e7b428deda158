//! Donors, for collection agents and coordinators.

use serde::{Deserialize, Serialize};
use serde_json::json;
use shared_types::{DonorKind, Page};

use super::{ApiError, request};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

#[derive(Deserialize)]
struct DonorsData {
    donors: Page<DonorRow>,
}

pub async fn search(search: String, offset: u64) -> Result<Page<DonorRow>, ApiError> {
    let search = Some(search.trim().to_string()).filter(|s| !s.is_empty());
    let data: DonorsData = request(
        include_str!("../../graphql/donors.graphql"),
        json!({ "search": search, "offset": offset, "limit": super::PAGE_SIZE }),
    )
    .await?;
    Ok(data.donors)
}

/// A donor's details as typed in a form (all text, as typed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DonorDraft {
    pub kind: Option<DonorKind>,
    pub name: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreatedData {
    create_donor: Created,
}

#[derive(Deserialize)]
pub struct Created {
    pub id: String,
}

pub async fn create(draft: DonorDraft, confirm_not_duplicate: bool) -> Result<String, ApiError> {
    let data: CreatedData = request(
        include_str!("../../graphql/create_donor.graphql"),
        json!({ "input": draft, "confirmNotDuplicate": confirm_not_duplicate }),
    )
    .await?;
    Ok(data.create_donor.id)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DuplicatesData {
    donor_duplicates: Vec<DonorRow>,
}

pub async fn duplicates(name: String, postcode: Option<String>) -> Result<Vec<DonorRow>, ApiError> {
    let data: DuplicatesData = request(
        include_str!("../../graphql/donor_duplicates.graphql"),
        json!({ "name": name, "postcode": postcode }),
    )
    .await?;
    Ok(data.donor_duplicates)
}

const KEPT_DONORS: &str = "donors";
/// Enough for any programme's donors on a phone; more would be a slow download.
const MAX_KEPT_DONORS: u64 = 500;

/// The programme's donors for the pickup form, fetched when online and kept
/// on the phone for when it is not. Only what the picker shows is kept (no
/// contact person, phone or email).
pub async fn for_picker() -> Vec<DonorRow> {
    let mut fetched = Vec::new();
    let mut offset = 0;
    let online = loop {
        match search(String::new(), offset).await {
            Ok(page) => {
                let done = page.items.is_empty()
                    || offset + super::PAGE_SIZE >= page.total
                    || offset + super::PAGE_SIZE >= MAX_KEPT_DONORS;
                fetched.extend(page.items);
                if done {
                    break true;
                }
                offset += super::PAGE_SIZE;
            }
            Err(_) => break false,
        }
    };
    if online {
        let slim: Vec<DonorRow> = fetched
            .into_iter()
            .map(|d| DonorRow {
                contact_name: None,
                phone: None,
                agreement_reference: None,
                agreement_ends_on: None,
                ..d
            })
            .collect();
        if let Ok(text) = serde_json::to_string(&slim) {
            let _ = crate::browser::keep(KEPT_DONORS, &text).await;
        }
        slim
    } else {
        crate::browser::kept(KEPT_DONORS)
            .await
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_default()
    }
}
