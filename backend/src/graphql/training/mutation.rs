use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};
use shared_types::{ReminderOutcome, Role, training::ReferralDetails};

use crate::{
    auth::RoleGuard,
    graphql::{context, error::from_service},
    services::training::{
        self, Criteria,
        cohorts::{self, NewCohort},
    },
};

use super::types::{
    CohortInput, CohortNode, EligibilityInput, InfoSessionNode, MarkInput, ModuleNode, ReferralNode,
};

#[derive(Default)]
pub struct TrainingMutation;

#[Object]
impl TrainingMutation {
    /// A prescriber refers a resident (with the resident's consent).
    #[graphql(guard = "RoleGuard::any(&[Role::Prescriber])")]
    async fn create_referral(
        &self,
        ctx: &Context<'_>,
        input: ReferralDetails,
        #[graphql(
            desc = "The day the resident was referred (a paper form typed later); today when none."
        )]
        referred_on: Option<NaiveDate>,
    ) -> async_graphql::Result<ReferralNode> {
        let viewer = context::staff(ctx)?;
        let created = training::create(&context::state(ctx).db, viewer, input, referred_on)
            .await
            .map_err(from_service)?;
        Ok(created.into())
    }

    /// Corrects a referral's details: the prescriber who sent it, or the
    /// coordination. Its step on the path stays.
    #[graphql(guard = "RoleGuard::any(&[Role::Prescriber, Role::Coordinator])")]
    async fn update_referral(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ReferralDetails,
        #[graphql(desc = "A corrected day of referral; unchanged when none.")] referred_on: Option<
            NaiveDate,
        >,
    ) -> async_graphql::Result<ReferralNode> {
        let viewer = context::staff(ctx)?;
        let corrected = training::correct(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            input,
            referred_on,
        )
        .await
        .map_err(from_service)?;
        Ok(corrected.into())
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn create_info_session(
        &self,
        ctx: &Context<'_>,
        organisation_id: Option<ID>,
        starts_at: DateTime<Utc>,
        place: String,
        #[graphql(
            default,
            desc = "The session already took place: record it anyway (else `SESSION_IN_THE_PAST`)."
        )]
        confirm_past: bool,
    ) -> async_graphql::Result<InfoSessionNode> {
        let viewer = context::staff(ctx)?;
        let organisation_id = organisation_id
            .as_ref()
            .map(context::parse_id)
            .transpose()?;
        let created = training::create_session(
            &context::state(ctx).db,
            viewer,
            organisation_id,
            starts_at,
            place,
            confirm_past,
        )
        .await
        .map_err(from_service)?;
        Ok(created.into())
    }

    /// Invites referred residents to an information session.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn invite_to_session(
        &self,
        ctx: &Context<'_>,
        session_id: ID,
        referral_ids: Vec<ID>,
    ) -> async_graphql::Result<Vec<ReferralNode>> {
        let viewer = context::staff(ctx)?;
        let ids = referral_ids
            .iter()
            .map(context::parse_id)
            .collect::<Result<_, _>>()?;
        let invited = training::invite(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&session_id)?,
            ids,
        )
        .await
        .map_err(from_service)?;
        Ok(invited.into_iter().map(ReferralNode::from).collect())
    }

    /// Records the eligibility criteria and the decision after the session.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn decide_eligibility(
        &self,
        ctx: &Context<'_>,
        referral_id: ID,
        input: EligibilityInput,
        #[graphql(desc = "The day it was decided; today when none.")] decided_on: Option<NaiveDate>,
    ) -> async_graphql::Result<ReferralNode> {
        let viewer = context::staff(ctx)?;
        let criteria = Criteria {
            residence: input.residence,
            french: input.french,
            availability: input.availability,
            motivation: input.motivation,
        };
        let decided = training::decide(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&referral_id)?,
            criteria,
            input.eligible,
            input.reason,
            decided_on,
        )
        .await
        .map_err(from_service)?;
        Ok(decided.into())
    }

    /// A cohort with the programme's 11 modules, one a week from the first.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn create_cohort(
        &self,
        ctx: &Context<'_>,
        input: CohortInput,
    ) -> async_graphql::Result<CohortNode> {
        let viewer = context::staff(ctx)?;
        let new = NewCohort {
            organisation_id: input
                .organisation_id
                .as_ref()
                .map(context::parse_id)
                .transpose()?,
            name: input.name,
            places: input.places,
            first_module_at: input.first_module_at,
            module_minutes: input.module_minutes,
            place: input.place,
            trainer: input.trainer,
        };
        let created = cohorts::create(&context::state(ctx).db, viewer, new)
            .await
            .map_err(from_service)?;
        Ok(created.into())
    }

    /// Moves a module or changes its place, trainer or training provider.
    /// Moving one that already has attendance needs `confirmMove`.
    #[allow(clippy::too_many_arguments)]
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn update_module(
        &self,
        ctx: &Context<'_>,
        id: ID,
        starts_at: DateTime<Utc>,
        #[graphql(default = 120)] minutes: i64,
        place: Option<String>,
        trainer: Option<String>,
        #[graphql(desc = "The training provider to teach it; the current one when absent.")]
        organisation_id: Option<ID>,
        #[graphql(default = false)] confirm_move: bool,
    ) -> async_graphql::Result<ModuleNode> {
        let viewer = context::staff(ctx)?;
        let changes = cohorts::ModuleChanges {
            starts_at,
            minutes,
            place,
            trainer,
            organisation_id: organisation_id
                .as_ref()
                .map(context::parse_id)
                .transpose()?,
            confirm_move,
        };
        let updated = cohorts::update_module(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            changes,
        )
        .await
        .map_err(from_service)?;
        Ok(updated.into())
    }

    /// Corrects a cohort's name or its number of places.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn update_cohort(
        &self,
        ctx: &Context<'_>,
        id: ID,
        name: String,
        places: i32,
    ) -> async_graphql::Result<CohortNode> {
        let viewer = context::staff(ctx)?;
        let updated = cohorts::update(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            name,
            places,
        )
        .await
        .map_err(from_service)?;
        Ok(updated.into())
    }

    /// Enrols an eligible learner, or puts them on the waiting list when full.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn enrol(
        &self,
        ctx: &Context<'_>,
        referral_id: ID,
        cohort_id: ID,
        contract_signed_on: Option<NaiveDate>,
        #[graphql(desc = "The day of the enrolment; today when none.")] enrolled_on: Option<
            NaiveDate,
        >,
    ) -> async_graphql::Result<ReferralNode> {
        let viewer = context::staff(ctx)?;
        let enrolled = cohorts::enrol(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&referral_id)?,
            context::parse_id(&cohort_id)?,
            contract_signed_on,
            enrolled_on,
        )
        .await
        .map_err(from_service)?;
        Ok(enrolled.into())
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn drop_out(
        &self,
        ctx: &Context<'_>,
        referral_id: ID,
        reason: String,
        #[graphql(desc = "The day they left, when entered later (today by default).")] on: Option<
            chrono::NaiveDate,
        >,
    ) -> async_graphql::Result<ReferralNode> {
        let viewer = context::staff(ctx)?;
        let dropped = cohorts::drop_out(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&referral_id)?,
            reason,
            on,
        )
        .await
        .map_err(from_service)?;
        Ok(dropped.into())
    }

    /// The trainer confirms completion; refused unless the rule is met.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn confirm_completion(
        &self,
        ctx: &Context<'_>,
        referral_id: ID,
        #[graphql(
            desc = "The day the course was completed, when entered later (today by default)."
        )]
        on: Option<chrono::NaiveDate>,
    ) -> async_graphql::Result<ReferralNode> {
        let viewer = context::staff(ctx)?;
        let done = cohorts::complete(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&referral_id)?,
            on,
        )
        .await
        .map_err(from_service)?;
        Ok(done.into())
    }

    /// Marks attendance for a module; sending the same marks again changes nothing.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn mark_attendance(
        &self,
        ctx: &Context<'_>,
        cohort_id: ID,
        module_id: ID,
        marks: Vec<MarkInput>,
    ) -> async_graphql::Result<bool> {
        let viewer = context::staff(ctx)?;
        let marks = marks
            .iter()
            .map(|m| context::parse_id(&m.referral_id).map(|id| (id, m.mark)))
            .collect::<Result<_, _>>()?;
        cohorts::mark(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&cohort_id)?,
            context::parse_id(&module_id)?,
            marks,
        )
        .await
        .map_err(from_service)?;
        Ok(true)
    }

    /// Records how the call before a module went; no outcome: not called after all.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn record_call(
        &self,
        ctx: &Context<'_>,
        module_id: ID,
        referral_id: ID,
        outcome: Option<ReminderOutcome>,
    ) -> async_graphql::Result<bool> {
        let viewer = context::staff(ctx)?;
        cohorts::record_call(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&module_id)?,
            context::parse_id(&referral_id)?,
            outcome,
        )
        .await
        .map_err(from_service)?;
        Ok(true)
    }

    /// Everything held about one person, as JSON text (their right of access).
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn export_person(
        &self,
        ctx: &Context<'_>,
        referral_id: ID,
    ) -> async_graphql::Result<String> {
        let viewer = context::staff(ctx)?;
        let data = training::privacy::export(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&referral_id)?,
        )
        .await
        .map_err(from_service)?;
        Ok(data.to_string())
    }

    /// Erases what identifies a person (name, contact, address, free texts,
    /// signature, tracking code); the facts past figures were made of stay.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn erase_person(
        &self,
        ctx: &Context<'_>,
        referral_id: ID,
    ) -> async_graphql::Result<bool> {
        let viewer = context::staff(ctx)?;
        training::privacy::erase(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&referral_id)?,
        )
        .await
        .map_err(from_service)?;
        Ok(true)
    }
}
