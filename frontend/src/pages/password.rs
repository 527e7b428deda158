//! Passwords and the messages that carry their links: a staff member
//! changes theirs (their other devices are signed out by the server, this
//! one stays signed in), or, forgotten, asks for a link by e-mail and
//! chooses a new one; the coordination follows the messages sent.

use leptos::prelude::*;
use shared_types::{ErrorCode, Language, MessageKind, MessageStatus, Role, validation};

use crate::{
    api::{ApiError, messages, session},
    app::has_role,
    components::{ErrorMessage, FieldKind, LanguageSwitch, TextField, TopBar, loaded, mutation},
    i18n::{Key, local_time, text, use_i18n},
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

/// A forgotten password: the staff member asks for a link by e-mail.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let sent = RwSignal::new(false);
    let asking = mutation(error, messages::request_password_reset, move |()| {
        sent.set(true)
    });
    let pending = asking.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = email.get_untracked();
        // Say so at once when the address cannot be one; the server checks again.
        if let Err(code) = validation::normalise_email(&typed) {
            return error.set(Some(ApiError::Server(code)));
        }
        asking.dispatch_local(typed);
    };
    view! {
        <main class="page narrow login">
            <div class="login-top">
                <LanguageSwitch />
            </div>
            <a class="back" href="/login">{move || format!("← {}", i18n.t(Key::BackToSignIn))}</a>
            <h1>{move || i18n.t(Key::ForgotPasswordTitle)}</h1>
            <Show
                when=move || !sent.get()
                fallback=move || view! { <p class="notice" role="status">{i18n.t(Key::ResetLinkSent)}</p> }
            >
                <form class="card form" on:submit=submit novalidate=true>
                    <p>{move || i18n.t(Key::ForgotPasswordIntro)}</p>
                    <TextField id="reset-email" label=Key::Email value=email kind=FieldKind::Email autocomplete="username" />
                    <ErrorMessage error=error />
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t(Key::SendResetLink)}
                    </button>
                </form>
            </Show>
        </main>
    }
}

/// The page the e-mailed link opens: a new password, twice. The link's
/// token is after `#`, so that it never reaches a server's log.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let token = crate::browser::location_hash();
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let resetting = mutation(
        error,
        |(token, new)| messages::reset_password(token, new),
        move |()| {
            new.set(String::new());
            again.set(String::new());
            done.set(true);
        },
    );
    let pending = resetting.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed_new = new.get_untracked();
        let fail = |code| error.set(Some(ApiError::Server(code)));
        if token.is_empty() {
            return fail(ErrorCode::ResetLinkInvalid);
        }
        if let Err(code) = validation::check_password(&typed_new) {
            return fail(code);
        }
        if typed_new != again.get_untracked() {
            return fail(ErrorCode::PasswordsDiffer);
        }
        resetting.dispatch_local((token.clone(), typed_new));
    };
    let field = move |id: &'static str, label: Key, value: RwSignal<String>| {
        view! {
            <label for=id>{move || i18n.t(label)}</label>
            <input id=id name=id type="password" autocomplete="new-password" prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev)) />
        }
    };
    view! {
        <main class="page narrow login">
            <div class="login-top">
                <LanguageSwitch />
            </div>
            <h1>{move || i18n.t(Key::ResetPasswordTitle)}</h1>
            <Show
                when=move || !done.get()
                fallback=move || view! {
                    <p class="notice" role="status">{i18n.t(Key::PasswordResetDone)}</p>
                    <p><a class="button primary" href="/login">{i18n.t(Key::SignIn)}</a></p>
                }
            >
                <form class="card form" on:submit=submit.clone() novalidate=true>
                    {field("reset-new-password", Key::NewPassword, new)}
                    <p class="hint">{move || i18n.t(Key::PasswordHint)}</p>
                    {field("reset-new-password-again", Key::NewPasswordAgain, again)}
                    <ErrorMessage error=error />
                    <button type="submit" class="button primary" disabled=move || pending.get()>
                        {move || i18n.t(Key::SaveNewPassword)}
                    </button>
                </form>
                <p><a href="/password/forgot">{move || i18n.t(Key::AskNewLink)}</a></p>
            </Show>
        </main>
    }
}

/// The coordination's messages: what was sent to whom, what waits and what
/// failed (with the gateway's reason). On a demo server, their text too.
#[component]
pub fn MessagesPage() -> impl IntoView {
    let i18n = use_i18n();
    let allowed = has_role(Role::Coordinator);
    let list = LocalResource::new(messages::list);
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Messages)}</h1>
            <p class="hint">{move || i18n.t(Key::MessagesIntro)}</p>
            {if !allowed {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            } else {
                view! {
                    {move || loaded(list.get(), move |rows| {
                        if rows.is_empty() {
                            return view! { <p class="empty">{i18n.t(Key::NoMessages)}</p> }.into_any();
                        }
                        let language = i18n.language.get_untracked();
                        view! {
                            <ul class="entries">
                                {rows.into_iter().map(|m| view! { <MessageItem message=m language=language /> }).collect_view()}
                            </ul>
                        }
                            .into_any()
                    })}
                }
                    .into_any()
            }}
        </main>
    }
}

#[component]
fn MessageItem(message: messages::Message, language: Language) -> impl IntoView {
    let t = |key| text(language, key);
    let (status, class) = match message.status {
        MessageStatus::Waiting => (Key::MessageWaiting, "badge scheduled"),
        MessageStatus::Sent => (Key::MessageSent, "badge"),
        MessageStatus::Failed => (Key::MessageFailed, "badge failed"),
    };
    let kind = match message.kind {
        MessageKind::PasswordReset => Key::MessagePasswordReset,
    };
    let when = message
        .sent_at
        .clone()
        .unwrap_or(message.created_at.clone());
    view! {
        <li class="entry">
            <p><span class=class>{t(status)}</span>" "<strong>{t(kind)}</strong></p>
            <p>{message.recipient.clone()}" · "<span class="muted">{local_time(language, &when)}</span></p>
            <p class="muted">{message.subject.clone()}</p>
            {(message.attempts > 1 || message.last_error.is_some()).then(|| view! {
                <p class="muted">{format!("{} : {}", t(Key::MessageAttempts), message.attempts)}</p>
            })}
            {message.last_error.clone().map(|e| view! { <p class="error">{e}</p> })}
            {message.body.clone().map(|body| view! {
                <details>
                    <summary>{t(Key::MessageText)}</summary>
                    <pre class="message-text">{body}</pre>
                </details>
            })}
        </li>
    }
}
