//! Passerelle's schema, as an ordered list of migrations the backend applies at start.
pub use sea_orm_migration::prelude::*;

mod indexes;
mod m20261124_000001_accounts;
mod m20261124_000002_donors;
mod m20261124_000003_pickups;
mod m20261124_000004_devices;
mod m20261124_000005_training;
mod m20261124_000006_installations;
mod m20261124_000007_audit;
mod m20261130_000008_erasure;
mod m20261130_000009_lookup_indexes;
mod m20261201_000010_device_tallies;
mod m20261201_000011_report_indexes;
mod m20261201_000012_installation_loops;
mod m20261202_000013_shared_courses;
mod m20261202_000014_bulk_recycling;
mod m20261202_000015_purchases;
mod m20261202_000016_programme_settings;
mod m20261203_000017_programme_start;
mod m20261203_000018_device_history_index;
mod m20261204_000019_imported_records;
mod m20261204_000020_referral_day;
mod m20261207_000021_visit_and_request_days;
mod m20261208_000022_outbox;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_accounts::Migration),
            Box::new(m20261124_000002_donors::Migration),
            Box::new(m20261124_000003_pickups::Migration),
            Box::new(m20261124_000004_devices::Migration),
            Box::new(m20261124_000005_training::Migration),
            Box::new(m20261124_000006_installations::Migration),
            Box::new(m20261124_000007_audit::Migration),
            Box::new(m20261130_000008_erasure::Migration),
            Box::new(m20261130_000009_lookup_indexes::Migration),
            Box::new(m20261201_000010_device_tallies::Migration),
            Box::new(m20261201_000011_report_indexes::Migration),
            Box::new(m20261201_000012_installation_loops::Migration),
            Box::new(m20261202_000013_shared_courses::Migration),
            Box::new(m20261202_000014_bulk_recycling::Migration),
            Box::new(m20261202_000015_purchases::Migration),
            Box::new(m20261202_000016_programme_settings::Migration),
            Box::new(m20261203_000017_programme_start::Migration),
            Box::new(m20261203_000018_device_history_index::Migration),
            Box::new(m20261204_000019_imported_records::Migration),
            Box::new(m20261204_000020_referral_day::Migration),
            Box::new(m20261207_000021_visit_and_request_days::Migration),
            Box::new(m20261208_000022_outbox::Migration),
        ]
    }
}
