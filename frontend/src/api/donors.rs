//! Donors, for collection agents and coordinators.

use shared_types::Page;

use super::contract::*;
use super::{ApiError, send};

super::operation!(kept Donors, "graphql/donors.graphql");
pub type DonorRow = donors::DonorsDonorsItems;

pub async fn search(search: String, offset: u64) -> Result<Page<DonorRow>, ApiError> {
    let search = Some(search.trim().to_string()).filter(|s| !s.is_empty());
    let found = send::<Donors>(donors::Variables {
        search,
        offset: offset as i64,
        limit: super::PAGE_SIZE as i64,
    })
    .await?
    .donors;
    Ok(super::page_of(found.items, found.total))
}

super::operation!(CreateDonor, "graphql/create_donor.graphql");
/// A donor's details as typed in a form.
pub type DonorDraft = create_donor::DonorInput;

pub async fn create(input: DonorDraft, confirm_not_duplicate: bool) -> Result<String, ApiError> {
    Ok(send::<CreateDonor>(create_donor::Variables {
        input,
        confirm_not_duplicate,
    })
    .await?
    .create_donor
    .id)
}

super::operation!(kept DonorDuplicates, "graphql/donor_duplicates.graphql");

pub async fn duplicates(name: String, postcode: Option<String>) -> Result<Vec<DonorRow>, ApiError> {
    let found = send::<DonorDuplicates>(donor_duplicates::Variables { name, postcode }).await?;
    super::retype(found.donor_duplicates)
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
