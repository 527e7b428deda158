//! The programme's settings, for its coordinators.

use async_graphql::{Context, ID, InputObject, Object, SimpleObject};
use shared_types::{ProgrammeTimeZone, Role};

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::settings::{self, CourseModule, Settings},
};

/// One module of the programme's course, copied into each new cohort.
#[derive(SimpleObject, InputObject)]
#[graphql(name = "CourseModule", input_name = "CourseModuleInput")]
pub struct CourseModuleNode {
    pub title: String,
    /// Counts for completion.
    pub mandatory: bool,
    /// Where it is taught; the cohort's place when none.
    pub place: Option<String>,
    /// The training provider teaching it; the cohort's own when none.
    pub organisation_id: Option<ID>,
}

/// How the programme runs: its clocks, its course, its agreement with the
/// refurbisher and its completion rule.
#[derive(SimpleObject, InputObject)]
#[graphql(name = "ProgrammeSettings", input_name = "ProgrammeSettingsInput")]
pub struct SettingsNode {
    /// Share of the items received the refurbisher agreed to give back ready, in percent.
    pub return_share_percent: i32,
    /// Completion: excused absences allowed from mandatory modules.
    pub completion_max_excused: i32,
    /// Completion: unexcused absences allowed from mandatory modules.
    pub completion_max_absent: i32,
    pub time_zone: ProgrammeTimeZone,
    /// The day the programme started: no event can be dated before it.
    pub started_on: chrono::NaiveDate,
    /// The modules each new cohort gets, in order, one a week.
    pub course: Vec<CourseModuleNode>,
}

impl From<Settings> for SettingsNode {
    fn from(s: Settings) -> SettingsNode {
        SettingsNode {
            return_share_percent: s.return_share_percent,
            completion_max_excused: s.completion_max_excused,
            completion_max_absent: s.completion_max_absent,
            time_zone: s.time_zone,
            started_on: s.started_on,
            course: s
                .course
                .into_iter()
                .map(|m| CourseModuleNode {
                    title: m.title,
                    mandatory: m.mandatory,
                    place: m.place,
                    organisation_id: m.organisation_id.map(|id| ID(id.to_string())),
                })
                .collect(),
        }
    }
}

impl SettingsNode {
    fn into_settings(self) -> async_graphql::Result<Settings> {
        let course = self
            .course
            .into_iter()
            .map(|m| {
                Ok(CourseModule {
                    title: m.title,
                    mandatory: m.mandatory,
                    place: m.place,
                    organisation_id: m
                        .organisation_id
                        .as_ref()
                        .map(context::parse_id)
                        .transpose()?,
                })
            })
            .collect::<async_graphql::Result<_>>()?;
        Ok(Settings {
            return_share_percent: self.return_share_percent,
            completion_max_excused: self.completion_max_excused,
            completion_max_absent: self.completion_max_absent,
            time_zone: self.time_zone,
            started_on: self.started_on,
            course,
        })
    }
}

#[derive(Default)]
pub struct SettingsQuery;

#[Object]
impl SettingsQuery {
    /// The programme's settings.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn programme_settings(&self, ctx: &Context<'_>) -> async_graphql::Result<SettingsNode> {
        let viewer = context::staff(ctx)?;
        let found = settings::get(&context::state(ctx).db, viewer)
            .await
            .map_err(from_service)?;
        Ok(found.into())
    }
}

#[derive(Default)]
pub struct SettingsMutation;

#[Object]
impl SettingsMutation {
    /// Replaces the programme's settings; cohorts already created keep
    /// their modules.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn update_programme_settings(
        &self,
        ctx: &Context<'_>,
        input: SettingsNode,
    ) -> async_graphql::Result<SettingsNode> {
        let viewer = context::staff(ctx)?;
        let saved = settings::update(&context::state(ctx).db, viewer, input.into_settings()?)
            .await
            .map_err(from_service)?;
        Ok(saved.into())
    }
}
