use leptos::prelude::*;

use crate::i18n::{Key, use_i18n};

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main class="page narrow">
            <h1>{move || i18n.t(Key::PageNotFound)}</h1>
            <a class="button" href="/">{move || i18n.t(Key::BackHome)}</a>
        </main>
    }
}
