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

use shared_types::Page;

use super::{
    DbErr, ServiceError,
    access::{self, Action, Resource},
};

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
            kind: m.kind,
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

#[derive(Debug, Clone, Default, serde::Serialize)]
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
) -> Result<Page<Donor>, DonorError> {
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
        .limit(limit.clamp(1, shared_types::MAX_PAGE_SIZE))
        .all(&db.conn)
        .await?;
    let items = rows
        .into_iter()
        .map(Donor::try_from)
        .collect::<Result<_, _>>()?;
    Ok(Page { items, total })
}

pub async fn get(db: &Db, viewer: &StaffUser, id: Uuid) -> Result<Donor, DonorError> {
    access::reach(viewer, Action::Read, Resource::Donors).map_err(DonorError::Rule)?;
    let row = donor::Entity::find_by_id(id)
        .filter(donor::Column::ProgrammeId.eq(viewer.programme_id))
        .one(&db.conn)
        .await?
        .ok_or(DonorError::Rule(ErrorCode::NotFound))?;
    Ok(Donor::try_from(row)?)
}

/// A donor of the programme, for documents whose access was checked already.
pub async fn get_unchecked(db: &Db, programme_id: Uuid, id: Uuid) -> Result<Donor, DonorError> {
    let row = donor::Entity::find_by_id(id)
        .filter(donor::Column::ProgrammeId.eq(programme_id))
        .one(&db.conn)
        .await?
        .ok_or(DonorError::Rule(ErrorCode::NotFound))?;
    Ok(Donor::try_from(row)?)
}

/// Postcodes compare without spaces and case ("73 000" is "73000").
fn postcode_key(postcode: Option<&str>) -> String {
    postcode
        .unwrap_or_default()
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Donors of the programme with the same name (accents and case ignored) and
/// postcode as those given: probably the same donor typed again.
pub async fn possible_duplicates<C: sea_orm::ConnectionTrait>(
    conn: &C,
    programme_id: Uuid,
    name: &str,
    postcode: Option<&str>,
    except: Option<Uuid>,
) -> Result<Vec<Donor>, DonorError> {
    let name_key = search_key(name);
    if name_key.is_empty() {
        return Ok(Vec::new());
    }
    let postcode = postcode_key(postcode);
    // The search key starts with the folded name; narrow in SQL, decide here.
    let rows = donor::Entity::find()
        .filter(donor::Column::ProgrammeId.eq(programme_id))
        .filter(donor::Column::SearchKey.starts_with(&name_key))
        .limit(50)
        .all(conn)
        .await?;
    rows.into_iter()
        .filter(|row| Some(row.id) != except)
        .filter(|row| search_key(&row.name) == name_key)
        .filter(|row| postcode_key(row.postcode.as_deref()) == postcode)
        .map(|row| Donor::try_from(row).map_err(DonorError::from))
        .collect()
}

/// A donor's fields checked and cleaned, ready to store.
struct CleanDonor {
    kind: DonorKind,
    name: String,
    contact_name: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    address: Option<String>,
    postcode: Option<String>,
    city: Option<String>,
    agreement_reference: Option<String>,
    agreement_starts_on: Option<NaiveDate>,
    agreement_ends_on: Option<NaiveDate>,
    notes: Option<String>,
}

/// How strictly a phone number is checked.
#[derive(Clone, Copy, PartialEq)]
enum PhoneCheck {
    /// Against the numbering plans: the person typing can correct it.
    Strict,
    /// Typed on a phone with no network, inside a pickup: nobody can be asked
    /// any more, and a pickup is never lost over a donor's phone number. One
    /// that does not check out is kept as typed, to be corrected on the donor.
    AsTyped,
}

fn clean(input: NewDonor, phone_check: PhoneCheck) -> Result<CleanDonor, DonorError> {
    let kind = input
        .kind
        .ok_or(DonorError::Rule(ErrorCode::DonorKindRequired))?;
    let name = validation::normalise_name(&input.name).map_err(DonorError::Rule)?;
    let email = match optional(input.email) {
        Some(email) => Some(validation::normalise_email(&email).map_err(DonorError::Rule)?),
        None => None,
    };
    if let (Some(starts), Some(ends)) = (input.agreement_starts_on, input.agreement_ends_on)
        && ends < starts
    {
        return Err(DonorError::Rule(ErrorCode::AgreementDatesInvalid));
    }
    let postcode = match optional(input.postcode) {
        Some(code) => Some(validation::normalise_postcode(&code).map_err(DonorError::Rule)?),
        None => None,
    };
    let donor = CleanDonor {
        kind,
        name,
        contact_name: optional(input.contact_name),
        phone: match validation::optional_phone_number(input.phone.as_deref()) {
            Ok(phone) => phone,
            Err(_) if phone_check == PhoneCheck::AsTyped => optional(input.phone),
            Err(code) => return Err(DonorError::Rule(code)),
        },
        email,
        address: optional(input.address),
        postcode,
        city: optional(input.city),
        agreement_reference: optional(input.agreement_reference),
        agreement_starts_on: input.agreement_starts_on,
        agreement_ends_on: input.agreement_ends_on,
        notes: optional(input.notes),
    };
    let limits = [
        (&donor.contact_name, 120),
        (&donor.phone, 32),
        (&donor.address, 240),
        (&donor.postcode, 16),
        (&donor.city, 120),
        (&donor.agreement_reference, 120),
        (&donor.notes, 2_000),
    ];
    for (text, max) in limits {
        if text.as_ref().is_some_and(|t| t.chars().count() > max) {
            return Err(DonorError::Rule(ErrorCode::TextTooLong));
        }
    }
    Ok(donor)
}

impl CleanDonor {
    fn into_active(self, id: Uuid, programme_id: Uuid) -> donor::ActiveModel {
        donor::ActiveModel {
            id: Set(id),
            programme_id: Set(programme_id),
            kind: Set(self.kind),
            search_key: Set(donor_search_key(
                &self.name,
                self.city.as_deref(),
                self.postcode.as_deref(),
            )),
            name: Set(self.name),
            contact_name: Set(self.contact_name),
            phone: Set(self.phone),
            email: Set(self.email),
            address: Set(self.address),
            postcode: Set(self.postcode),
            city: Set(self.city),
            agreement_reference: Set(self.agreement_reference),
            agreement_starts_on: Set(self.agreement_starts_on),
            agreement_ends_on: Set(self.agreement_ends_on),
            notes: Set(self.notes),
            created_at: sea_orm::ActiveValue::NotSet,
        }
    }
}

/// What to do when the new donor looks like one already recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnDuplicate {
    /// Refuse with `DONOR_POSSIBLE_DUPLICATE`, so the person can choose.
    Refuse,
    /// The person saw the warning and confirmed it is another donor.
    CreateAnyway,
    /// Use the existing donor (a donor typed on a phone with no network,
    /// where nobody could be asked).
    UseExisting,
}

/// Creates a donor inside a write transaction the caller owns.
pub(crate) async fn create_in(
    tx: &sea_orm::DatabaseTransaction,
    programme_id: Uuid,
    input: NewDonor,
    on_duplicate: OnDuplicate,
) -> Result<Donor, DonorError> {
    let phone_check = if on_duplicate == OnDuplicate::UseExisting {
        PhoneCheck::AsTyped
    } else {
        PhoneCheck::Strict
    };
    let donor = clean(input, phone_check)?;
    if on_duplicate != OnDuplicate::CreateAnyway {
        let existing = possible_duplicates(
            tx,
            programme_id,
            &donor.name,
            donor.postcode.as_deref(),
            None,
        )
        .await?;
        match (existing.into_iter().next(), on_duplicate) {
            (Some(found), OnDuplicate::UseExisting) => return Ok(found),
            (Some(_), _) => return Err(DonorError::Rule(ErrorCode::DonorPossibleDuplicate)),
            (None, _) => {}
        }
    }
    let mut row = donor.into_active(Uuid::new_v4(), programme_id);
    row.created_at = Set(Utc::now());
    Ok(Donor::try_from(row.insert(tx).await?)?)
}

pub async fn create(
    db: &Db,
    programme_id: Uuid,
    input: NewDonor,
    on_duplicate: OnDuplicate,
) -> Result<Donor, DonorError> {
    let tx = db.write_tx().await?;
    let donor = create_in(&tx, programme_id, input, on_duplicate).await?;
    tx.commit().await?;
    Ok(donor)
}

/// Corrects a donor's details. Changing the name or postcode to those of
/// another donor is refused unless confirmed, as at creation.
pub async fn update(
    db: &Db,
    viewer: &StaffUser,
    id: Uuid,
    input: NewDonor,
    confirm_duplicate: bool,
) -> Result<Donor, DonorError> {
    access::reach(viewer, Action::Write, Resource::Donors).map_err(DonorError::Rule)?;
    let donor = clean(input, PhoneCheck::Strict)?;
    let tx = db.write_tx().await?;
    let current = donor::Entity::find_by_id(id)
        .filter(donor::Column::ProgrammeId.eq(viewer.programme_id))
        .one(&*tx)
        .await?
        .ok_or(DonorError::Rule(ErrorCode::NotFound))?;
    if !confirm_duplicate
        && !possible_duplicates(
            &*tx,
            viewer.programme_id,
            &donor.name,
            donor.postcode.as_deref(),
            Some(id),
        )
        .await?
        .is_empty()
    {
        return Err(DonorError::Rule(ErrorCode::DonorPossibleDuplicate));
    }
    let row = donor
        .into_active(current.id, current.programme_id)
        .update(&*tx)
        .await?;
    tx.commit().await?;
    Ok(Donor::try_from(row)?)
}

/// Donors by id, for the request-scoped loader.
pub async fn by_ids(
    db: &Db,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, Donor>, DonorError> {
    donor::Entity::find()
        .filter(donor::Column::Id.is_in(ids.to_vec()))
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|row| Ok((row.id, Donor::try_from(row)?)))
        .collect()
}
