//! The programme's settings (coordinators).

use super::contract::*;
use super::{ApiError, send, training::Provider};

super::operation!(
    kept UpdateProgrammeSettings,
    "graphql/update_programme_settings.graphql"
);
/// The settings as the form edits and sends them.
pub type ProgrammeSettings = update_programme_settings::ProgrammeSettingsInput;
/// One module of the programme's course; `organisation_id`: the training
/// provider teaching it (the cohort's own when none).
pub type CourseModule = update_programme_settings::CourseModuleInput;

super::operation!(kept ProgrammeSettingsQuery, "graphql/programme_settings.graphql");

/// The settings and the providers a module may be given to.
pub async fn get() -> Result<(ProgrammeSettings, Vec<Provider>), ApiError> {
    let answer = send::<ProgrammeSettingsQuery>(programme_settings_query::Variables).await?;
    Ok((
        super::retype(answer.programme_settings)?,
        super::retype(answer.training_providers)?,
    ))
}

pub async fn update(input: ProgrammeSettings) -> Result<(), ApiError> {
    send::<UpdateProgrammeSettings>(update_programme_settings::Variables { input }).await?;
    Ok(())
}
