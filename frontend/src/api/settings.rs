//! The programme's settings (coordinators).

use serde::{Deserialize, Serialize};
use serde_json::Value;
use shared_types::ProgrammeTimeZone;

use super::{ApiError, NoVariables, WithInput, request, training::Provider};

/// One module of the programme's course.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CourseModule {
    pub title: String,
    pub mandatory: bool,
    pub place: Option<String>,
    /// The training provider teaching it; the cohort's own when none.
    pub organisation_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgrammeSettings {
    pub return_share_percent: i32,
    pub completion_max_excused: i32,
    pub completion_max_absent: i32,
    pub time_zone: ProgrammeTimeZone,
    pub course: Vec<CourseModule>,
}

/// The settings and the providers a module may be given to.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SettingsWithProviders {
    pub programme_settings: ProgrammeSettings,
    pub training_providers: Vec<Provider>,
}

pub async fn get() -> Result<SettingsWithProviders, ApiError> {
    request(
        include_str!("../../graphql/programme_settings.graphql"),
        NoVariables {},
    )
    .await
}

pub async fn update(input: ProgrammeSettings) -> Result<(), ApiError> {
    let _: Value = request(
        include_str!("../../graphql/update_programme_settings.graphql"),
        WithInput { input },
    )
    .await?;
    Ok(())
}
