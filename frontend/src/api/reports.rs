//! The programme's report for a year, with the year before for comparison.

use super::contract::*;
use super::{ApiError, send};

super::operation!(Report, "graphql/report.graphql");
/// A year's figures and the year before's.
pub type YearReport = report::ResponseData;
pub type Figures = report::Figures;

pub async fn year(year: i32) -> Result<YearReport, ApiError> {
    send::<Report>(report::Variables {
        from: format!("{year}-01-01"),
        to: format!("{year}-12-31"),
        previous_from: format!("{}-01-01", year - 1),
        previous_to: format!("{}-12-31", year - 1),
    })
    .await
}
