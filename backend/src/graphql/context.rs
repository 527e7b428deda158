//! What a resolver reads from the request context.

use async_graphql::Context;

use crate::{
    AppState,
    auth::{StaffUser, Viewer},
};

use super::error::coded;

pub fn state<'a>(ctx: &Context<'a>) -> &'a AppState {
    ctx.data_unchecked::<AppState>()
}

pub fn viewer<'a>(ctx: &Context<'a>) -> &'a Viewer {
    ctx.data_unchecked::<Viewer>()
}

/// The signed-in user, or the reason there is none.
pub fn staff<'a>(ctx: &Context<'a>) -> async_graphql::Result<&'a StaffUser> {
    viewer(ctx).staff().map_err(coded)
}

/// An id from the client. One that is not a UUID cannot name anything: not found.
pub fn parse_id(id: &async_graphql::ID) -> async_graphql::Result<uuid::Uuid> {
    uuid::Uuid::parse_str(id).map_err(|_| coded(shared_types::ErrorCode::NotFound))
}
