//! Request-scoped batch loaders: one query per relation per request, not per row.

use std::collections::HashMap;

use async_graphql::dataloader::Loader;
use uuid::Uuid;

use crate::{
    db::Db,
    services::organisations::{self, Organisation},
};

pub struct OrganisationByIdLoader(pub Db);

impl Loader<Uuid> for OrganisationByIdLoader {
    type Value = Organisation;
    type Error = async_graphql::Error;

    async fn load(&self, keys: &[Uuid]) -> Result<HashMap<Uuid, Organisation>, Self::Error> {
        organisations::by_ids(&self.0, keys).await.map_err(|e| {
            tracing::error!(error = %e, "loading organisations");
            super::error::coded(shared_types::ErrorCode::Internal)
        })
    }
}

/// Loads donors by id. Callers only ask for donors of objects the viewer may
/// already see (a pickup's donor), so no access check is repeated here.
pub struct DonorByIdLoader(pub Db);

impl Loader<Uuid> for DonorByIdLoader {
    type Value = crate::services::donors::Donor;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[Uuid],
    ) -> Result<HashMap<Uuid, crate::services::donors::Donor>, Self::Error> {
        crate::services::donors::by_ids(&self.0, keys)
            .await
            .map_err(|e| {
                tracing::error!(error = %e, "loading donors");
                super::error::coded(shared_types::ErrorCode::Internal)
            })
    }
}

/// The time zone of each programme, for days shown on the programme's
/// calendar (a list of referrals asks it once, not once a row).
pub struct ProgrammeZoneLoader(pub Db);

impl Loader<Uuid> for ProgrammeZoneLoader {
    type Value = shared_types::ProgrammeTimeZone;
    type Error = async_graphql::Error;

    async fn load(
        &self,
        keys: &[Uuid],
    ) -> Result<HashMap<Uuid, shared_types::ProgrammeTimeZone>, Self::Error> {
        let mut zones = HashMap::new();
        for id in keys {
            let zone = crate::services::calendar::zone_of(&self.0.conn, *id)
                .await
                .map_err(|e| {
                    tracing::error!(error = %e, "loading a programme's time zone");
                    super::error::coded(shared_types::ErrorCode::Internal)
                })?;
            zones.insert(*id, zone);
        }
        Ok(zones)
    }
}
