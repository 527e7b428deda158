//! The sign-in page: the first thing every staff member sees.

use leptos::prelude::*;
use leptos_router::{components::Redirect, hooks::use_navigate};
use shared_types::{ErrorCode, validation};

use crate::{
    api::{ApiError, session},
    app::use_auth,
    components::{ErrorMessage, FieldKind, LanguageSwitch, TextField, mutation},
    i18n::{Key, use_i18n},
};

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let missing = RwSignal::new(false);
    let show_password = RwSignal::new(false);
    let signing_in = mutation(
        error,
        move |(typed_email, typed_password): (String, String)| async move {
            let answer = session::login(typed_email, typed_password).await;
            match &answer {
                // The language chosen on this page before signing in stays.
                Ok(me) if i18n.explicit.get_untracked() => {
                    let chosen = i18n.language.get_untracked();
                    if chosen != me.language {
                        let _ = session::set_my_language(chosen).await;
                    }
                }
                Err(ApiError::Server(ErrorCode::InvalidCredentials)) => password.set(String::new()),
                _ => {}
            }
            answer
        },
        move |me: session::Me| {
            if !i18n.explicit.get_untracked() {
                i18n.set(me.language);
            }
            i18n.explicit.set(false);
            auth.me.set(Some(me));
            auth.checked.set(true);
            navigate("/", Default::default());
        },
    );
    let pending = signing_in.pending();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        auth.notice.set(None);
        error.set(None);
        let (typed_email, typed_password) = (email.get_untracked(), password.get_untracked());
        missing.set(typed_email.trim().is_empty() || typed_password.is_empty());
        if missing.get_untracked() {
            return;
        }
        // Say so at once when the address cannot be one; the server checks again.
        if let Err(code) = validation::normalise_email(&typed_email) {
            error.set(Some(ApiError::Server(code)));
            return;
        }
        signing_in.dispatch_local((typed_email, typed_password));
    };

    view! {
        <Show when=move || auth.me.with(Option::is_some)>
            <Redirect path="/" />
        </Show>
        <main class="page narrow login">
            <div class="login-top">
                <LanguageSwitch />
            </div>
            <h1 class="brand-title">{move || i18n.t(Key::AppName)}</h1>
            <p class="tagline">{move || i18n.t(Key::Tagline)}</p>
            {move || {
                auth.notice
                    .get()
                    .map(|reason| {
                        view! { <p class="notice" role="status">{reason.message(i18n.language.get())}</p> }
                    })
            }}
            <form class="card form" on:submit=submit novalidate=true>
                <TextField id="email" label=Key::Email value=email kind=FieldKind::Email autocomplete="username" />
                <label for="password">{move || i18n.t(Key::Password)}</label>
                <div class="password-field">
                    <input
                        id="password"
                        name="password"
                        type=move || if show_password.get() { "text" } else { "password" }
                        autocomplete="current-password"
                        prop:value=password
                        on:input=move |ev| password.set(event_target_value(&ev))
                    />
                    <button
                        type="button"
                        class="link-button reveal"
                        aria-controls="password"
                        aria-pressed=move || show_password.get().to_string()
                        on:click=move |_| show_password.update(|on| *on = !*on)
                    >
                        {move || if show_password.get() { i18n.t(Key::HidePassword) } else { i18n.t(Key::ShowPassword) }}
                    </button>
                </div>
                <Show when=move || missing.get()>
                    <p class="error" role="alert">{move || i18n.t(Key::FieldRequired)}</p>
                </Show>
                <ErrorMessage error=error />
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t(Key::SigningIn) } else { i18n.t(Key::SignIn) }}
                </button>
            </form>
            <p class="forgot-link"><a href="/password/forgot">{move || i18n.t(Key::ForgotPassword)}</a></p>
            <p class="household-link"><a href="/t">{move || i18n.t(Key::FollowMyDelivery)}</a></p>
        </main>
    }
}
