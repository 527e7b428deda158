//! Choosing one of the programme's training providers.

use leptos::prelude::*;

use crate::{
    api::training::Provider,
    i18n::{Key, use_i18n},
};

/// Chooses one of the programme's training providers (who runs a session,
/// who teaches a module); `empty` names the choice of none. The page
/// fetches the list once and hands it to each select.
#[component]
pub fn ProviderSelect(
    #[prop(into)] id: String,
    chosen: RwSignal<String>,
    #[prop(into)] providers: Signal<Vec<Provider>>,
    #[prop(default = Key::ChooseProvider)] empty: Key,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label for=id.clone()>{move || i18n.t(Key::TrainingProvider)}</label>
        <select id=id on:change=move |ev| chosen.set(event_target_value(&ev))>
            <option value="" prop:selected=move || chosen.get().is_empty()>{move || i18n.t(empty)}</option>
            {move || {
                providers
                    .get()
                    .into_iter()
                    .map(|p| {
                        let mine = p.id.clone();
                        view! { <option value=p.id prop:selected=move || chosen.get() == mine>{p.name}</option> }
                    })
                    .collect_view()
            }}
        </select>
    }
}
