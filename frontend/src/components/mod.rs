//! Pieces shared by several pages.

mod counts;
mod mutation;
mod providers;
mod signature;
mod time;

pub use counts::{CountSteppers, empty_counts, typed_counts};
pub use mutation::mutation;
pub use providers::ProviderSelect;
pub use signature::{SignaturePad, SignatureView, wire_strokes};
pub use time::{HappenedOn, happened_day, local_to_iso, today_field};

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_navigate;
use shared_types::Language;

use crate::{
    api::{ApiError, session},
    app::use_auth,
    i18n::{Key, use_i18n},
};

/// What a page shows of an answer it waits for: "Chargement…", announced
/// to screen readers; the error in the person's language; or `ready` drawn
/// from the answer. Called from the page's own reactive closure, so what it
/// draws follows the resource and the language.
pub fn loaded<T>(answer: Option<Result<T, ApiError>>, ready: impl FnOnce(T) -> AnyView) -> AnyView {
    let i18n = use_i18n();
    match answer {
        None => view! { <p class="loading" role="status">{i18n.t(Key::Loading)}</p> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorMessage error=Signal::derive(move || Some(error.clone())) /> }.into_any()
        }
        Some(Ok(value)) => ready(value),
    }
}

/// An error in the person's language, announced to screen readers.
#[component]
pub fn ErrorMessage(#[prop(into)] error: Signal<Option<ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        error.get().map(|error| {
            view! { <p class="error" role="alert">{error.message(i18n.language.get())}</p> }
        })
    }
}

/// Two buttons, FR and EN. The choice is kept on this device and, once
/// signed in, on the person's account for all their devices.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    // The interface has switched already; failing to keep the choice on
    // the account is not worth interrupting anyone.
    let keeping = Action::new_local(|language: &Language| {
        let language = *language;
        async move {
            let _ = session::set_my_language(language).await;
        }
    });
    let choose = move |language: Language| {
        if i18n.language.get_untracked() == language {
            return;
        }
        i18n.set(language);
        i18n.explicit.set(true);
        if auth.me.get_untracked().is_some() {
            keeping.dispatch_local(language);
        }
    };
    let option = move |language: Language, label: &'static str, title: &'static str| {
        view! {
            <button
                type="button"
                class="lang-option"
                lang=if language == Language::Fr { "fr" } else { "en" }
                title=title
                aria-pressed=move || (i18n.language.get() == language).to_string()
                on:click=move |_| choose(language)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || i18n.t(Key::LanguageLabel)>
            {option(Language::Fr, "FR", "Français")}
            {option(Language::En, "EN", "English")}
        </div>
    }
}

/// The bar at the top of every signed-in page.
#[component]
pub fn TopBar() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let outbox = crate::outbox::use_outbox();
    let signing_out = Action::new_local(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            session::logout().await;
            auth.me.set(None);
            navigate("/login", Default::default());
        }
    });
    let sign_out = move |_| {
        // Signing out wipes the phone: say so when pickups have not left yet.
        let unsent = outbox.unsent();
        if unsent > 0 {
            let question = format!("{unsent} {}", i18n.t(Key::SignOutLosesPickups));
            if !window().confirm_with_message(&question).unwrap_or(false) {
                return;
            }
        }
        signing_out.dispatch_local(());
    };
    view! {
        <header class="topbar">
            <a class="brand" href="/">{move || i18n.t(Key::AppName)}</a>
            <LanguageSwitch />
            <button type="button" class="link-button" on:click=sign_out>{move || i18n.t(Key::SignOut)}</button>
        </header>
    }
}

/// What a text field takes: it picks the phone's keyboard and what the browser offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldKind {
    #[default]
    Text,
    Email,
    Phone,
    /// Kilograms and other decimals: the phone shows digits and a comma.
    Decimal,
}

/// A labelled text input bound to a signal, with an optional hint below it.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    label: Key,
    value: RwSignal<String>,
    #[prop(optional)] kind: FieldKind,
    /// The browser's autofill hint ("username", "new-password", …); off by default.
    #[prop(default = "off")]
    autocomplete: &'static str,
    #[prop(optional)] hint: Option<Key>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (input_type, input_mode, capitalize) = match kind {
        FieldKind::Text => ("text", "text", "sentences"),
        FieldKind::Email => ("email", "email", "none"),
        FieldKind::Phone => ("tel", "tel", "none"),
        FieldKind::Decimal => ("text", "decimal", "none"),
    };
    view! {
        <label for=id.clone()>{move || i18n.t(label)}</label>
        <input
            id=id.clone()
            name=id
            type=input_type
            inputmode=input_mode
            autocomplete=autocomplete
            autocapitalize=capitalize
            spellcheck=(kind == FieldKind::Text).to_string()
            prop:value=value
            on:input=move |ev| value.set(event_target_value(&ev))
        />
        {hint.map(|hint| view! { <p class="hint">{move || i18n.t(hint)}</p> })}
    }
}

/// A document behind the session (a PDF): fetched on demand, then offered
/// as a download link.
#[component]
pub fn DownloadButton(
    #[prop(into)] url: String,
    #[prop(into)] file_name: String,
    label: Key,
) -> impl IntoView {
    let i18n = use_i18n();
    let file = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    let fetch = move |_| {
        let url = url.clone();
        loading.set(true);
        spawn_local(async move {
            match crate::api::files::object_url(url).await {
                Ok(object_url) => {
                    error.set(None);
                    file.set(Some(object_url));
                }
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    view! {
        <div class="download">
            {move || match file.get() {
                None => view! {
                    <button type="button" class="button" disabled=loading on:click=fetch.clone()>
                        {move || i18n.t(if loading.get() { Key::Loading } else { label })}
                    </button>
                }
                    .into_any(),
                Some(href) => view! {
                    <a class="button primary" href=href download=file_name.clone()>
                        {move || format!("{} — {}", i18n.t(label), i18n.t(Key::Download))}
                    </a>
                }
                    .into_any(),
            }}
            <ErrorMessage error=error />
        </div>
    }
}

/// Shows `form` and makes it anew each time it calls `saved`: its fields are
/// the form's own signals, so the next record starts from the defaults and
/// nothing the previous person typed, ticked or chose is carried into it.
#[component]
pub fn FreshForm<V: IntoView + 'static>(
    form: impl Fn(Callback<()>) -> V + Send + Sync + 'static,
) -> impl IntoView {
    let generation = RwSignal::new(0u32);
    let saved = Callback::new(move |()| generation.update(|n| *n += 1));
    move || {
        generation.track();
        form(saved)
    }
}
