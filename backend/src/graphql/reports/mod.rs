//! The yearly report, as the dashboard reads it.

use async_graphql::{Context, Object, SimpleObject};
use chrono::NaiveDate;
use shared_types::{Gender, MaterialCategory, PrescriberKind, Role};

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::reports::{self, Report, Share},
};

#[derive(SimpleObject)]
#[graphql(name = "CategoryCount")]
pub struct CategoryNode {
    pub category: MaterialCategory,
    pub count: i64,
}

/// A line of a people breakdown; `count` is null when fewer than five.
#[derive(SimpleObject)]
#[graphql(name = "PrescriberShare")]
pub struct PrescriberShareNode {
    pub kind: PrescriberKind,
    pub count: Option<i64>,
    pub percent: Option<f64>,
}

#[derive(SimpleObject)]
#[graphql(name = "GenderShare")]
pub struct GenderShareNode {
    pub gender: Gender,
    pub count: Option<i64>,
    pub percent: Option<f64>,
}

/// The programme's figures for a period, computed from the records.
#[derive(SimpleObject)]
#[graphql(name = "ProgrammeReport")]
pub struct ReportNode {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub pickups: i64,
    pub collected: Vec<CategoryNode>,
    pub collected_kg: f64,
    /// Donated devices made ready for the first time.
    pub devices_refurbished: i64,
    /// Devices made ready again after coming back from a home.
    pub devices_ready_again: i64,
    pub devices_recycled: i64,
    /// Items recycled in bulk from batches, with no device record each.
    pub recycled_in_bulk: i64,
    /// Device records and bulk recycling together.
    pub recycled_kg: f64,
    pub devices_bought: i64,
    /// Computers handed over to households (the visit closed), set up or not.
    pub devices_given: i64,
    /// Of those given, the ones set up at home.
    pub devices_installed: i64,
    /// Given, but not set up (no connection yet, a cable missing).
    pub handed_over_without_installation: i64,
    /// Installed, with a connection (a box, or the phone's).
    pub installed_with_internet: i64,
    pub installed_without_internet: i64,
    pub installed_with_internet_percent: Option<f64>,
    pub places_opened: i64,
    pub enrolled: i64,
    pub trained: i64,
    pub dropped_out: i64,
    pub referrals: i64,
    pub referrals_by_prescriber: Vec<PrescriberShareNode>,
    pub mean_age: Option<f64>,
    pub gender: Vec<GenderShareNode>,
    /// Trained people living in a priority neighbourhood (null below five).
    pub priority_neighbourhood_count: Option<i64>,
    pub priority_neighbourhood_percent: Option<f64>,
    pub ready_share_percent: f64,
    pub agreed_share_percent: f64,
    pub median_days_pickup_to_ready: Option<f64>,
    pub median_days_completion_to_installation: Option<f64>,
}

fn share_node<K>(s: &Share<K>) -> (Option<i64>, Option<f64>) {
    (s.count, s.percent)
}

impl From<Report> for ReportNode {
    fn from(r: Report) -> ReportNode {
        ReportNode {
            from: r.from,
            to: r.to,
            pickups: r.pickups,
            collected: r
                .collected
                .iter()
                .map(|c| CategoryNode {
                    category: c.category,
                    count: c.count,
                })
                .collect(),
            collected_kg: r.collected_kg,
            devices_refurbished: r.devices_refurbished,
            devices_ready_again: r.devices_ready_again,
            devices_recycled: r.devices_recycled,
            recycled_in_bulk: r.recycled_in_bulk,
            recycled_kg: r.recycled_kg,
            devices_bought: r.devices_bought,
            devices_given: r.devices_given,
            devices_installed: r.devices_installed,
            handed_over_without_installation: r.handed_over_without_installation,
            installed_with_internet: r.installed_with_internet,
            installed_without_internet: r.installed_without_internet,
            installed_with_internet_percent: r.installed_with_internet_percent,
            places_opened: r.places_opened,
            enrolled: r.enrolled,
            trained: r.trained,
            dropped_out: r.dropped_out,
            referrals: r.referrals,
            referrals_by_prescriber: r
                .referrals_by_prescriber
                .iter()
                .map(|s| {
                    let (count, percent) = share_node(s);
                    PrescriberShareNode {
                        kind: s.key,
                        count,
                        percent,
                    }
                })
                .collect(),
            mean_age: r.mean_age,
            gender: r
                .gender
                .iter()
                .map(|s| {
                    let (count, percent) = share_node(s);
                    GenderShareNode {
                        gender: s.key,
                        count,
                        percent,
                    }
                })
                .collect(),
            priority_neighbourhood_count: r.priority_neighbourhood.count,
            priority_neighbourhood_percent: r.priority_neighbourhood.percent,
            ready_share_percent: r.ready_share_percent,
            agreed_share_percent: r.agreed_share_percent,
            median_days_pickup_to_ready: r.median_days_pickup_to_ready,
            median_days_completion_to_installation: r.median_days_completion_to_installation,
        }
    }
}

#[derive(Default)]
pub struct ReportsQuery;

#[Object]
impl ReportsQuery {
    /// The report for `from` to `to` (both included); the same figures as the
    /// PDF and the CSV files at `/api/reports/…?from=…&to=…`.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn report(
        &self,
        ctx: &Context<'_>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> async_graphql::Result<ReportNode> {
        let viewer = context::staff(ctx)?;
        let found = reports::report(&context::state(ctx).db, viewer, from, to)
            .await
            .map_err(from_service)?;
        Ok(found.into())
    }
}
