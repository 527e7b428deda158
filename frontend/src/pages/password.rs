//! A staff member changes their password; their other devices are signed
//! out by the server, this one stays signed in.

use leptos::prelude::*;
use shared_types::{ErrorCode, validation};

use crate::{
    api::{ApiError, session},
    components::{ErrorMessage, TopBar, mutation},
    i18n::{Key, use_i18n},
};

#[component]
pub fn PasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let changing = mutation(
        error,
        |(current, new)| session::change_password(current, new),
        move |()| {
            current.set(String::new());
            new.set(String::new());
            again.set(String::new());
            done.set(true);
        },
    );
    let pending = changing.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        done.set(false);
        let (typed_current, typed_new) = (current.get_untracked(), new.get_untracked());
        let fail = |code| error.set(Some(ApiError::Server(code)));
        if typed_current.is_empty() {
            return fail(ErrorCode::CurrentPasswordWrong);
        }
        if let Err(code) = validation::check_password(&typed_new) {
            return fail(code);
        }
        if typed_new != again.get_untracked() {
            return fail(ErrorCode::PasswordsDiffer);
        }
        changing.dispatch_local((typed_current, typed_new));
    };
    let field =
        move |id: &'static str, label: Key, value: RwSignal<String>, autocomplete: &'static str| {
            view! {
                <label for=id>{move || i18n.t(label)}</label>
                <input id=id name=id type="password" autocomplete=autocomplete prop:value=value
                    on:input=move |ev| value.set(event_target_value(&ev)) />
            }
        };
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::ChangePassword)}</h1>
            <form class="card form" on:submit=submit novalidate=true>
                {field("current-password", Key::CurrentPassword, current, "current-password")}
                {field("new-password", Key::NewPassword, new, "new-password")}
                <p class="hint">{move || i18n.t(Key::PasswordHint)}</p>
                {field("new-password-again", Key::NewPasswordAgain, again, "new-password")}
                <ErrorMessage error=error />
                <Show when=move || done.get()>
                    <p class="notice" role="status">{move || i18n.t(Key::PasswordChanged)}</p>
                </Show>
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || i18n.t(Key::ChangePassword)}
                </button>
            </form>
        </main>
    }
}
