//! A checked plan written: every record in one transaction, in the order
//! their references need, in chunks a statement's parameters hold.

use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel};

use super::plan::Plan;
use crate::db::entities::{
    attendance, batch, batch_count, bulk_recycling, cohort, cohort_module, device, device_event,
    donor, erasure, imported_record, installation, organisation, pickup, pickup_count, referral,
    storage_medium,
};

/// Rows per statement: the widest table (referrals, ~50 columns) stays
/// under SQLite's and PostgreSQL's limits on parameters.
const ROWS_PER_STATEMENT: usize = 100;

async fn insert_all<C, E, M>(conn: &C, models: Vec<M>) -> Result<(), DbErr>
where
    C: ConnectionTrait,
    E: EntityTrait<Model = M>,
    M: IntoActiveModel<E::ActiveModel> + sea_orm::ModelTrait<Entity = E>,
    E::ActiveModel: ActiveModelTrait<Entity = E> + Send,
{
    let mut models = models.into_iter().peekable();
    while models.peek().is_some() {
        let chunk: Vec<E::ActiveModel> = models
            .by_ref()
            .take(ROWS_PER_STATEMENT)
            .map(|m| m.into_active_model().reset_all())
            .collect();
        E::insert_many(chunk).exec_without_returning(conn).await?;
    }
    Ok(())
}

pub async fn write<C: ConnectionTrait>(conn: &C, plan: Plan) -> Result<(), DbErr> {
    insert_all::<_, organisation::Entity, _>(conn, plan.organisations).await?;
    insert_all::<_, donor::Entity, _>(conn, plan.donors).await?;
    insert_all::<_, batch::Entity, _>(conn, plan.batches).await?;
    insert_all::<_, batch_count::Entity, _>(conn, plan.batch_counts).await?;
    insert_all::<_, pickup::Entity, _>(conn, plan.pickups).await?;
    insert_all::<_, pickup_count::Entity, _>(conn, plan.pickup_counts).await?;
    insert_all::<_, bulk_recycling::Entity, _>(conn, plan.bulk_recycling).await?;
    insert_all::<_, device::Entity, _>(conn, plan.devices).await?;
    insert_all::<_, device_event::Entity, _>(conn, plan.device_events).await?;
    insert_all::<_, storage_medium::Entity, _>(conn, plan.media).await?;
    insert_all::<_, erasure::Entity, _>(conn, plan.erasures).await?;
    insert_all::<_, cohort::Entity, _>(conn, plan.cohorts).await?;
    insert_all::<_, cohort_module::Entity, _>(conn, plan.modules).await?;
    insert_all::<_, referral::Entity, _>(conn, plan.referrals).await?;
    insert_all::<_, attendance::Entity, _>(conn, plan.attendance).await?;
    insert_all::<_, installation::Entity, _>(conn, plan.installations).await?;
    insert_all::<_, imported_record::Entity, _>(conn, plan.provenance).await?;
    Ok(())
}
