use async_graphql::{
    ComplexObject, Context, ID, InputObject, SimpleObject, dataloader::DataLoader,
};
use chrono::{DateTime, NaiveDate, Utc};
use shared_types::{
    AttendanceMark, CompletionOutcome, DevicePreference, ErrorCode, Gender, InternetAccess,
    PrescriberKind, ReferralStatus, ReminderOutcome,
};

use crate::{
    graphql::{
        context,
        error::{coded, from_service},
        loaders::OrganisationByIdLoader,
        organisations::types::OrganisationNode,
    },
    services::training::{
        Criteria, InfoSession, Referral,
        cohorts::{self, Cohort, Module, Reminder},
    },
};

async fn organisation(
    ctx: &Context<'_>,
    id: uuid::Uuid,
) -> async_graphql::Result<OrganisationNode> {
    ctx.data_unchecked::<DataLoader<OrganisationByIdLoader>>()
        .load_one(id)
        .await?
        .map(OrganisationNode)
        .ok_or_else(|| coded(ErrorCode::NotFound))
}

#[derive(SimpleObject, Clone, Copy)]
#[graphql(name = "EligibilityCriteria")]
pub struct CriteriaNode {
    /// Lives in a priority neighbourhood, or an exception agreed by a social centre.
    pub residence: bool,
    /// Speaks and writes enough French.
    pub french: bool,
    pub availability: bool,
    pub motivation: bool,
}

impl From<Criteria> for CriteriaNode {
    fn from(c: Criteria) -> CriteriaNode {
        CriteriaNode {
            residence: c.residence,
            french: c.french,
            availability: c.availability,
            motivation: c.motivation,
        }
    }
}

/// A resident referred to the programme. Personal data: seen only by the
/// prescriber who referred them, their training provider, and coordinators.
#[derive(SimpleObject)]
#[graphql(name = "Referral", complex)]
pub struct ReferralNode {
    pub id: ID,
    pub status: ReferralStatus,
    pub prescriber_kind: PrescriberKind,
    pub first_name: String,
    pub last_name: String,
    pub birth_year: Option<i32>,
    pub gender: Gender,
    pub phone: String,
    pub email: Option<String>,
    pub address: Option<String>,
    pub neighbourhood: Option<String>,
    pub priority_neighbourhood: bool,
    pub languages: Option<String>,
    pub household_adults: i32,
    pub household_children: i32,
    pub internet: InternetAccess,
    pub accessibility_needs: Option<String>,
    pub reason: Option<String>,
    /// When the resident agreed to the processing of their data.
    pub consent_at: DateTime<Utc>,
    pub info_session_id: Option<ID>,
    pub criteria: Option<CriteriaNode>,
    pub decision_reason: Option<String>,
    pub cohort_id: Option<ID>,
    pub contract_signed_on: Option<NaiveDate>,
    pub completed_at: Option<DateTime<Utc>>,
    pub drop_out_reason: Option<String>,
    /// When the resident was referred; `createdAt` is when it was typed in.
    pub referred_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub device_preference: DevicePreference,
    /// The household's code for the tracking page (given at enrolment).
    pub tracking_code: Option<String>,
    #[graphql(skip)]
    pub prescriber_organisation_id: uuid::Uuid,
}

#[ComplexObject]
impl ReferralNode {
    /// The day the resident was referred, on the programme's calendar.
    async fn referred_on(&self, ctx: &Context<'_>) -> async_graphql::Result<NaiveDate> {
        let viewer = crate::graphql::context::staff(ctx)?;
        let zone = ctx
            .data_unchecked::<DataLoader<crate::graphql::loaders::ProgrammeZoneLoader>>()
            .load_one(viewer.programme_id)
            .await?
            .ok_or_else(|| coded(ErrorCode::NotFound))?;
        Ok(crate::services::calendar::programme_day(
            zone,
            self.referred_at,
        ))
    }

    async fn prescriber_organisation(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<OrganisationNode> {
        organisation(ctx, self.prescriber_organisation_id).await
    }
}

impl From<Referral> for ReferralNode {
    fn from(r: Referral) -> ReferralNode {
        ReferralNode {
            id: ID(r.id.to_string()),
            status: r.status,
            prescriber_kind: r.prescriber_kind,
            first_name: r.first_name,
            last_name: r.last_name,
            birth_year: r.birth_year,
            gender: r.gender,
            phone: r.phone,
            email: r.email,
            address: r.address,
            neighbourhood: r.neighbourhood,
            priority_neighbourhood: r.priority_neighbourhood,
            languages: r.languages,
            household_adults: r.household_adults,
            household_children: r.household_children,
            internet: r.internet,
            accessibility_needs: r.accessibility_needs,
            reason: r.reason,
            consent_at: r.consent_at,
            info_session_id: r.info_session_id.map(|id| ID(id.to_string())),
            criteria: r.criteria.map(CriteriaNode::from),
            decision_reason: r.decision_reason,
            cohort_id: r.cohort_id.map(|id| ID(id.to_string())),
            contract_signed_on: r.contract_signed_on,
            completed_at: r.completed_at,
            drop_out_reason: r.drop_out_reason,
            referred_at: r.referred_at,
            created_at: r.created_at,
            device_preference: r.device_preference,
            tracking_code: r.tracking_code,
            prescriber_organisation_id: r.prescriber_organisation_id,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "InfoSession", complex)]
pub struct InfoSessionNode {
    pub id: ID,
    pub starts_at: DateTime<Utc>,
    pub place: String,
    #[graphql(skip)]
    pub organisation_id: uuid::Uuid,
}

#[ComplexObject]
impl InfoSessionNode {
    /// The training provider holding it.
    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<OrganisationNode> {
        organisation(ctx, self.organisation_id).await
    }
}

impl From<InfoSession> for InfoSessionNode {
    fn from(s: InfoSession) -> InfoSessionNode {
        InfoSessionNode {
            id: ID(s.id.to_string()),
            starts_at: s.starts_at,
            place: s.place,
            organisation_id: s.organisation_id,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "CohortModule", complex)]
pub struct ModuleNode {
    pub id: ID,
    pub position: i32,
    pub title: String,
    pub place: Option<String>,
    pub trainer: Option<String>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Counts for completion (optional modules do not).
    pub mandatory: bool,
    /// Whether the viewer may mark its attendance (its provider's trainers, coordinators).
    pub may_mark: bool,
    #[graphql(skip)]
    pub organisation_id: uuid::Uuid,
}

#[ComplexObject]
impl ModuleNode {
    /// The training provider teaching it.
    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<OrganisationNode> {
        organisation(ctx, self.organisation_id).await
    }
}

impl From<Module> for ModuleNode {
    fn from(m: Module) -> ModuleNode {
        ModuleNode {
            may_mark: m.may_mark,
            organisation_id: m.organisation_id,
            id: ID(m.id.to_string()),
            position: m.position,
            title: m.title,
            place: m.place,
            trainer: m.trainer,
            starts_at: m.starts_at,
            ends_at: m.ends_at,
            mandatory: m.mandatory,
        }
    }
}

#[derive(SimpleObject)]
#[graphql(name = "AttendanceEntry")]
pub struct AttendanceNode {
    pub module_id: ID,
    pub referral_id: ID,
    pub mark: AttendanceMark,
}

#[derive(SimpleObject)]
#[graphql(name = "CohortLearner")]
pub struct LearnerNode {
    pub referral: ReferralNode,
    /// Where they stand against the programme's completion rule.
    pub outcome: CompletionOutcome,
}

#[derive(SimpleObject)]
#[graphql(name = "Cohort", complex)]
pub struct CohortNode {
    pub id: ID,
    pub name: String,
    pub places: i32,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    #[graphql(skip)]
    pub inner: Cohort,
}

#[ComplexObject]
impl CohortNode {
    async fn organisation(&self, ctx: &Context<'_>) -> async_graphql::Result<OrganisationNode> {
        organisation(ctx, self.inner.organisation_id).await
    }

    /// Whether the viewer manages it: enrols, confirms completion, corrects
    /// it and chooses who teaches each module. A provider that only teaches
    /// some of its modules does not.
    async fn may_manage(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
        Ok(cohorts::manages(context::staff(ctx)?, &self.inner))
    }

    async fn modules(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<ModuleNode>> {
        let viewer = context::staff(ctx)?;
        let found = cohorts::modules(&context::state(ctx).db, viewer, self.inner.id)
            .await
            .map_err(from_service)?;
        Ok(found.into_iter().map(ModuleNode::from).collect())
    }

    /// Enrolled, waiting, completed and dropped-out learners.
    async fn learners(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<LearnerNode>> {
        let viewer = context::staff(ctx)?;
        let db = &context::state(ctx).db;
        let found = cohorts::learners(db, viewer, self.inner.id)
            .await
            .map_err(from_service)?;
        let outcomes = cohorts::outcomes(db, viewer, self.inner.id)
            .await
            .map_err(from_service)?;
        Ok(found
            .into_iter()
            .map(|r| LearnerNode {
                outcome: outcomes
                    .get(&r.id)
                    .copied()
                    .unwrap_or(CompletionOutcome::Pending),
                referral: r.into(),
            })
            .collect())
    }

    /// Every mark given in the cohort.
    async fn attendance(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<AttendanceNode>> {
        let viewer = context::staff(ctx)?;
        let db = &context::state(ctx).db;
        let modules = cohorts::modules(db, viewer, self.inner.id)
            .await
            .map_err(from_service)?;
        let mut all = Vec::new();
        for module in modules {
            for (referral, mark) in cohorts::sheet(db, viewer, module.id)
                .await
                .map_err(from_service)?
            {
                all.push(AttendanceNode {
                    module_id: ID(module.id.to_string()),
                    referral_id: ID(referral.to_string()),
                    mark,
                });
            }
        }
        Ok(all)
    }

    /// How the calls before its modules went; an announced absence shows
    /// on the attendance sheet as excused.
    async fn calls(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<CallNode>> {
        let viewer = context::staff(ctx)?;
        let found = cohorts::calls(&context::state(ctx).db, viewer, self.inner.id)
            .await
            .map_err(from_service)?;
        Ok(found
            .into_iter()
            .map(|(module, referral, outcome)| CallNode {
                module_id: ID(module.to_string()),
                referral_id: ID(referral.to_string()),
                outcome,
            })
            .collect())
    }
}

/// How the call to one learner before one module went.
#[derive(SimpleObject)]
#[graphql(name = "CallOutcome")]
pub struct CallNode {
    pub module_id: ID,
    pub referral_id: ID,
    pub outcome: ReminderOutcome,
}

impl From<Cohort> for CohortNode {
    fn from(c: Cohort) -> CohortNode {
        CohortNode {
            id: ID(c.id.to_string()),
            name: c.name.clone(),
            places: c.places,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            inner: c,
        }
    }
}

/// A learner to phone the day before a module.
#[derive(SimpleObject)]
#[graphql(name = "ReminderCall")]
pub struct ReminderNode {
    pub module_id: ID,
    pub module_title: String,
    pub starts_at: DateTime<Utc>,
    pub place: Option<String>,
    pub cohort_name: String,
    pub referral_id: ID,
    pub learner_name: String,
    pub phone: String,
    /// How the call went; none while not made.
    pub outcome: Option<ReminderOutcome>,
}

impl From<Reminder> for ReminderNode {
    fn from(r: Reminder) -> ReminderNode {
        ReminderNode {
            module_id: ID(r.module.id.to_string()),
            module_title: r.module.title,
            starts_at: r.module.starts_at,
            place: r.module.place,
            cohort_name: r.cohort_name,
            referral_id: ID(r.learner.id.to_string()),
            learner_name: format!("{} {}", r.learner.first_name, r.learner.last_name),
            phone: r.learner.phone,
            outcome: r.outcome,
        }
    }
}

#[derive(InputObject)]
pub struct EligibilityInput {
    pub residence: bool,
    pub french: bool,
    pub availability: bool,
    pub motivation: bool,
    pub eligible: bool,
    /// Required when not eligible, or eligible despite an unmet criterion.
    pub reason: Option<String>,
}

#[derive(InputObject)]
pub struct CohortInput {
    /// Coordinators: the training provider (a trainer's own by default).
    pub organisation_id: Option<ID>,
    pub name: String,
    /// 10 by default.
    pub places: Option<i32>,
    /// When the first module starts; the others follow weekly.
    pub first_module_at: DateTime<Utc>,
    #[graphql(default_with = "shared_types::training::MODULE_MINUTES")]
    pub module_minutes: i64,
    pub place: Option<String>,
    pub trainer: Option<String>,
}

#[derive(InputObject)]
pub struct MarkInput {
    pub referral_id: ID,
    pub mark: AttendanceMark,
}
