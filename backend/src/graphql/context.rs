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
