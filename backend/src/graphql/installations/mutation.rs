use async_graphql::{Context, ID, Object};
use chrono::{DateTime, NaiveDate, Utc};
use shared_types::{Connection, DeviceOutcome, Role, SupportKind, SupportStatus};

use crate::{
    auth::RoleGuard,
    graphql::{
        context,
        error::{coded, from_service},
    },
    rate_limit::ClientAddress,
    services::{
        ServiceError,
        installations::{self, Checklist, support},
    },
};

use super::types::{ChecklistInput, InstallationNode, PairInput, SupportNode};

#[derive(Default)]
pub struct InstallationsMutation;

/// Files a household's request from its tracking page, counting wrong codes.
async fn from_household(
    ctx: &Context<'_>,
    code: &str,
    kind: SupportKind,
    message: String,
) -> async_graphql::Result<bool> {
    let state = context::state(ctx);
    let client = ctx.data_unchecked::<ClientAddress>();
    let attempt = state
        .attempts
        .tracking_code(&client.0)
        .await
        .map_err(coded)?;
    match support::from_household(&state.db, code, kind, message).await {
        Ok(()) => {
            attempt.not_a_guess();
            Ok(true)
        }
        Err(err) => {
            if err.code() == shared_types::ErrorCode::TrackingCodeUnknown {
                attempt.failed();
            } else {
                attempt.not_a_guess();
            }
            Err(from_service(err))
        }
    }
}

#[Object]
impl InstallationsMutation {
    /// Accepts matches (as proposed or changed): each device is reserved for
    /// its learner; refused for a home with no internet, a second device for
    /// a household, a device not ready, or anyone twice.
    /// A trained learner declines the computer or already has one: out of the
    /// waiting list with the reason; a match still open for them is undone.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn record_device_outcome(
        &self,
        ctx: &Context<'_>,
        referral_id: ID,
        outcome: DeviceOutcome,
        reason: String,
        #[graphql(desc = "The day the learner said so; today when none.")] on: Option<
            chrono::NaiveDate,
        >,
    ) -> async_graphql::Result<bool> {
        let viewer = context::staff(ctx)?;
        installations::record_device_outcome(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&referral_id)?,
            outcome,
            reason,
            on,
        )
        .await
        .map_err(from_service)?;
        Ok(true)
    }

    /// The learner changed their mind: they wait for a computer again.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn withdraw_device_outcome(
        &self,
        ctx: &Context<'_>,
        referral_id: ID,
    ) -> async_graphql::Result<bool> {
        let viewer = context::staff(ctx)?;
        installations::withdraw_device_outcome(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&referral_id)?,
        )
        .await
        .map_err(from_service)?;
        Ok(true)
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]
    async fn accept_matches(
        &self,
        ctx: &Context<'_>,
        pairs: Vec<PairInput>,
        installer_id: Option<ID>,
        #[graphql(desc = "The day the matches were made (entered later); today when none.")]
        matched_on: Option<chrono::NaiveDate>,
    ) -> async_graphql::Result<Vec<InstallationNode>> {
        let viewer = context::staff(ctx)?;
        let pairs = pairs
            .iter()
            .map(|p| {
                Ok((
                    context::parse_id(&p.referral_id)?,
                    context::parse_id(&p.device_id)?,
                ))
            })
            .collect::<async_graphql::Result<Vec<_>>>()?;
        let installer = installer_id.as_ref().map(context::parse_id).transpose()?;
        let db = &context::state(ctx).db;
        let ids = installations::accept(db, viewer, pairs, installer, matched_on)
            .await
            .map_err(from_service)?;
        let mut result = Vec::new();
        for id in ids {
            result.push(InstallationNode(
                installations::get(db, viewer, id)
                    .await
                    .map_err(from_service)?,
            ));
        }
        Ok(result)
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Installer])")]
    async fn book_visit(
        &self,
        ctx: &Context<'_>,
        id: ID,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        #[graphql(
            default = false,
            desc = "The window is over: the visit took place and is entered afterwards."
        )]
        confirm_past: bool,
    ) -> async_graphql::Result<InstallationNode> {
        let viewer = context::staff(ctx)?;
        let visit = installations::book(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            from,
            to,
            confirm_past,
        )
        .await
        .map_err(from_service)?;
        Ok(InstallationNode(visit))
    }

    /// Closes a visit with its checklist; the serial typed must be the device's.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Installer])")]
    async fn close_visit(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: ChecklistInput,
    ) -> async_graphql::Result<InstallationNode> {
        let viewer = context::staff(ctx)?;
        let checklist = Checklist {
            device_set_up: input.device_set_up,
            accounts_created: input.accounts_created,
            connection: input.connection,
            connection_tested: input.connection_tested,
            installed_serial: input.installed_serial,
            signature: input.signature,
            signed_by: input.signed_by,
            unsigned_reason: input.unsigned_reason,
            installed_on: input.installed_on,
        };
        let visit = installations::close(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            checklist,
        )
        .await
        .map_err(from_service)?;
        Ok(InstallationNode(visit))
    }

    /// Corrects a visit: the coordination hands it to another installer while
    /// it is open; once installed, the connection and the signer's name are
    /// fixed (the audit log keeps who corrected and when).
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Installer])")]
    async fn correct_visit(
        &self,
        ctx: &Context<'_>,
        id: ID,
        installer_id: Option<ID>,
        connection: Option<Connection>,
        signed_by: Option<String>,
    ) -> async_graphql::Result<InstallationNode> {
        let viewer = context::staff(ctx)?;
        let correction = installations::VisitCorrection {
            installer_id: installer_id.as_ref().map(context::parse_id).transpose()?,
            connection,
            signed_by,
        };
        let visit = installations::correct(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            correction,
        )
        .await
        .map_err(from_service)?;
        Ok(InstallationNode(visit))
    }

    /// A failed visit (nobody home, no connection): kept, to be booked again.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Installer])")]
    async fn fail_visit(
        &self,
        ctx: &Context<'_>,
        id: ID,
        reason: String,
        #[graphql(desc = "The day of the failed visit, when entered later (today by default).")]
        failed_on: Option<NaiveDate>,
    ) -> async_graphql::Result<InstallationNode> {
        let viewer = context::staff(ctx)?;
        let visit = installations::fail(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            reason,
            failed_on,
        )
        .await
        .map_err(from_service)?;
        Ok(InstallationNode(visit))
    }

    /// From the tracking page: ask to move the visit.
    async fn request_visit_change(
        &self,
        ctx: &Context<'_>,
        code: String,
        message: String,
    ) -> async_graphql::Result<bool> {
        from_household(ctx, &code, SupportKind::DateChange, message).await
    }

    /// From the tracking page: something does not work.
    async fn report_problem(
        &self,
        ctx: &Context<'_>,
        code: String,
        message: String,
    ) -> async_graphql::Result<bool> {
        from_household(ctx, &code, SupportKind::Problem, message).await
    }

    /// A trainer (or the coordination) reports a learner's device problem.
    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Trainer])")]
    async fn report_learner_problem(
        &self,
        ctx: &Context<'_>,
        referral_id: ID,
        message: String,
        #[graphql(
            desc = "The day the household reported it, when entered later (today by default)."
        )]
        reported_on: Option<NaiveDate>,
    ) -> async_graphql::Result<SupportNode> {
        let viewer = context::staff(ctx)?;
        let db = &context::state(ctx).db;
        let row = support::from_staff(
            db,
            viewer,
            context::parse_id(&referral_id)?,
            message,
            reported_on,
        )
        .await
        .map_err(from_service)?;
        let learner = crate::services::training::find_visible(&db.conn, viewer, row.referral_id)
            .await
            .map_err(from_service)?;
        let tags = support::device_tags(db, std::slice::from_ref(&row))
            .await
            .map_err(from_service)?;
        Ok(SupportNode::new(row, &learner, &tags))
    }

    #[graphql(guard = "RoleGuard::any(&[Role::Coordinator, Role::Installer])")]
    async fn update_support_request(
        &self,
        ctx: &Context<'_>,
        id: ID,
        status: SupportStatus,
        resolution: Option<String>,
    ) -> async_graphql::Result<bool> {
        let viewer = context::staff(ctx)?;
        support::update(
            &context::state(ctx).db,
            viewer,
            context::parse_id(&id)?,
            status,
            resolution,
        )
        .await
        .map_err(from_service)?;
        Ok(true)
    }
}
