//! Changes sent to the server, as Leptos `Action`s.

use std::future::Future;

use leptos::prelude::*;

use crate::api::ApiError;

/// A change the person sends: an `Action` whose answer either runs `done`
/// or lands in the form's `error` (where the form's own checks write too).
/// While it is on its way `pending()` is true, and the form's button says
/// so and takes no second tap: on a slow network a tired thumb would
/// otherwise send the same thing twice.
pub fn mutation<I, O, Fu>(
    error: RwSignal<Option<ApiError>>,
    send: impl Fn(I) -> Fu + 'static,
    done: impl Fn(O) + 'static,
) -> Action<I, Result<O, ApiError>>
where
    I: Clone + 'static,
    O: Clone + 'static,
    Fu: Future<Output = Result<O, ApiError>> + 'static,
{
    let action = Action::new_local(move |input: &I| send(input.clone()));
    Effect::new(move |_| {
        // Only the answer is watched: what `done` reads must not send again.
        if let Some(answer) = action.value().get() {
            untrack(|| match answer {
                Ok(value) => {
                    error.set(None);
                    done(value);
                }
                Err(e) => error.set(Some(e)),
            });
        }
    });
    action
}
