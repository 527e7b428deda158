//! Role guards for resolvers: `#[graphql(guard = "RoleGuard::any(&[Role::Coordinator])")]`.

use async_graphql::{Context, Guard};
use shared_types::{ErrorCode, Role};

use crate::graphql::error::coded;

use super::Viewer;

/// Lets a signed-in, active user through when they hold one of the roles.
pub struct RoleGuard {
    roles: &'static [Role],
}

impl RoleGuard {
    pub fn any(roles: &'static [Role]) -> RoleGuard {
        RoleGuard { roles }
    }
}

impl Guard for RoleGuard {
    async fn check(&self, ctx: &Context<'_>) -> async_graphql::Result<()> {
        let staff = ctx.data_unchecked::<Viewer>().staff().map_err(coded)?;
        if self.roles.iter().any(|role| staff.has_role(*role)) {
            Ok(())
        } else {
            Err(coded(ErrorCode::Forbidden))
        }
    }
}
