//! The devices a viewer may list, a page at a time, with their count.

use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use shared_types::{DeviceStatus, Page, device::parse_tag, text::search_key};
use uuid::Uuid;

use crate::{
    auth::StaffUser,
    db::{
        Db,
        entities::{device, device_tally},
    },
};

use super::{DbErr, Device, DeviceError, rule};
use crate::services::access::{self, Action::Read, Resource::DeviceStock};

#[derive(Debug, Clone, Default)]
pub struct DeviceFilter {
    pub status: Option<DeviceStatus>,
    pub batch_id: Option<Uuid>,
    /// Words of the tag, brand, model or serial.
    pub search: Option<String>,
}

/// Devices of the programme: refurbishers see those in their hands,
/// coordinators all, others none (they open a device by its tag).
pub async fn list(
    db: &Db,
    viewer: &StaffUser,
    filter: DeviceFilter,
    offset: u64,
    limit: u64,
) -> Result<Page<Device>, DeviceError> {
    let mut query =
        device::Entity::find().filter(device::Column::ProgrammeId.eq(viewer.programme_id));
    let workshop = access::listing_scope(viewer, Read, DeviceStock, None).map_err(rule)?;
    if let Some(id) = workshop {
        query = query.filter(device::Column::RefurbisherId.eq(id));
    }
    // Without a batch or words, the total is the database's running tally.
    let tallied = filter.batch_id.is_none()
        && filter
            .search
            .as_deref()
            .is_none_or(|words| words.trim().is_empty());
    if let Some(status) = filter.status {
        query = query.filter(device::Column::Status.eq(status));
    }
    if let Some(batch_id) = filter.batch_id {
        query = query.filter(device::Column::BatchId.eq(batch_id));
    }
    if let Some(search) = filter.search.as_deref() {
        if let Some(tag) = parse_tag(search) {
            query = query.filter(device::Column::Tag.eq(tag));
        } else {
            for word in search.split_whitespace() {
                let word = word.to_string();
                query = query.filter(
                    sea_orm::Condition::any()
                        .add(device::Column::Tag.contains(word.to_uppercase()))
                        .add(device::Column::SerialKey.contains(search_key(&word)))
                        .add(device::Column::Model.contains(&word))
                        .add(device::Column::Brand.contains(&word)),
                );
            }
        }
    }
    let total = if tallied {
        tallied_total(db, viewer.programme_id, workshop, filter.status).await?
    } else {
        query.clone().count(&db.conn).await?
    };
    let rows = query
        .order_by_desc(device::Column::Tag)
        .offset(offset)
        .limit(limit.clamp(1, shared_types::MAX_PAGE_SIZE))
        .all(&db.conn)
        .await?;
    Ok(Page {
        items: rows
            .into_iter()
            .map(Device::try_from)
            .collect::<Result<_, _>>()?,
        total,
    })
}

/// The devices of a programme (of one workshop, in one status) from the
/// tallies the database keeps (`device_tally`).
async fn tallied_total(
    db: &Db,
    programme_id: Uuid,
    workshop: Option<Uuid>,
    status: Option<DeviceStatus>,
) -> Result<u64, DbErr> {
    let mut query = device_tally::Entity::find()
        .select_only()
        .column(device_tally::Column::Devices)
        .filter(device_tally::Column::ProgrammeId.eq(programme_id));
    if let Some(workshop) = workshop {
        query = query.filter(device_tally::Column::RefurbisherId.eq(workshop));
    }
    if let Some(status) = status {
        query = query.filter(device_tally::Column::Status.eq(status));
    }
    let tallies: Vec<i64> = query.into_tuple().all(&db.conn).await?;
    Ok(tallies.into_iter().sum::<i64>().max(0) as u64)
}
