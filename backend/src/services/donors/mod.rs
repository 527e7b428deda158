//! Donors: who gives equipment, and under which agreement.

use chrono::{NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use shared_types::{DonorKind, ErrorCode, text::search_key, validation};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{Db, entities::donor},
};

use super::{DbErr, ServiceError, parse_stored};

pub const MAX_PAGE_SIZE: u64 = 100;

#[derive(Debug, thiserror::Error)]
pub enum DonorError {
    #[error("{0}")]
    Rule(ErrorCode),
    #[error(transparent)]
    Db(#[from] DbErr),
}

impl ServiceError for DonorError {
    fn code(&self) -> ErrorCode {
        match self {
            DonorError::Rule(code) => *code,
            DonorError::Db(_) => ErrorCode::Internal,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Donor {
    pub id: Uuid,
    pub kind: DonorKind,
    pub name: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub agreement_reference: Option<String>,
    pub agreement_starts_on: Option<NaiveDate>,
    pub agreement_ends_on: Option<NaiveDate>,
    pub notes: Option<String>,
}

impl TryFrom<donor::Model> for Donor {
    type Error = DbErr;
    fn try_from(m: donor::Model) -> Result<Donor, DbErr> {
        Ok(Donor {
            kind: parse_stored(&m.kind, DonorKind::parse, "donor kind")?,
            id: m.id,
            name: m.name,
            contact_name: m.contact_name,
            phone: m.phone,
            email: m.email,
            address: m.address,
            postcode: m.postcode,
            city: m.city,
            agreement_reference: m.agreement_reference,
            agreement_starts_on: m.agreement_starts_on,
            agreement_ends_on: m.agreement_ends_on,
            notes: m.notes,
        })
    }
}

#[derive(Debug, Clone, Default)]
pub struct NewDonor {
    pub kind: Option<DonorKind>,
    pub name: String,
    pub contact_name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub address: Option<String>,
    pub postcode: Option<String>,
    pub city: Option<String>,
    pub agreement_reference: Option<String>,
    pub agreement_starts_on: Option<NaiveDate>,
    pub agreement_ends_on: Option<NaiveDate>,
    pub notes: Option<String>,
}

pub struct DonorPage {
    pub items: Vec<Donor>,
    pub total: u64,
}

fn donor_search_key(name: &str, city: Option<&str>, postcode: Option<&str>) -> String {
    search_key(
        &[Some(name), city, postcode]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    )
}

fn optional(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// The donors of the viewer's programme whose name, city or postcode contain
/// every word searched for (accents and case ignored), by name.
pub async fn list(
    db: &Db,
    viewer: &StaffUser,
    search: Option<&str>,
    offset: u64,
    limit: u64,
) -> Result<DonorPage, DonorError> {
    let mut query =
        donor::Entity::find().filter(donor::Column::ProgrammeId.eq(viewer.programme_id));
    for word in search_key(search.unwrap_or_default())
        .split(' ')
        .filter(|w| !w.is_empty())
    {
        // A search key holds only letters, digits and spaces: no LIKE wildcard to escape.
        query = query.filter(donor::Column::SearchKey.contains(word));
    }
    let total = query.clone().count(&db.conn).await?;
    let rows = query
        .order_by_asc(donor::Column::Name)
        .order_by_asc(donor::Column::Id)
        .offset(offset)
        .limit(limit.clamp(1, MAX_PAGE_SIZE))
        .all(&db.conn)
        .await?;
    let items = rows
        .into_iter()
        .map(Donor::try_from)
        .collect::<Result<_, _>>()?;
    Ok(DonorPage { items, total })
}

pub async fn create(db: &Db, programme_id: Uuid, input: NewDonor) -> Result<Donor, DonorError> {
    let kind = input
        .kind
        .ok_or(DonorError::Rule(ErrorCode::DonorKindRequired))?;
    let name = validation::normalise_name(&input.name).map_err(DonorError::Rule)?;
    let email = match optional(input.email) {
        Some(email) => Some(validation::normalise_email(&email).map_err(DonorError::Rule)?),
        None => None,
    };
    let (city, postcode) = (optional(input.city), optional(input.postcode));
    let tx = db.write_tx().await?;
    let row = donor::ActiveModel {
        id: Set(Uuid::new_v4()),
        programme_id: Set(programme_id),
        kind: Set(kind.as_str().to_string()),
        search_key: Set(donor_search_key(
            &name,
            city.as_deref(),
            postcode.as_deref(),
        )),
        name: Set(name),
        contact_name: Set(optional(input.contact_name)),
        phone: Set(optional(input.phone)),
        email: Set(email),
        address: Set(optional(input.address)),
        postcode: Set(postcode),
        city: Set(city),
        agreement_reference: Set(optional(input.agreement_reference)),
        agreement_starts_on: Set(input.agreement_starts_on),
        agreement_ends_on: Set(input.agreement_ends_on),
        notes: Set(optional(input.notes)),
        created_at: Set(Utc::now()),
    }
    .insert(&*tx)
    .await?;
    tx.commit().await?;
    Ok(Donor::try_from(row)?)
}
