//! The programme's partner organisations: added and corrected by the
//! coordination, before their staff get accounts.

use leptos::prelude::*;
use shared_types::{ErrorCode, OrganisationKind, validation};

use super::form::Organisations;
use crate::{
    api::{
        ApiError,
        accounts::{self, NewOrganisation, OrganisationOption},
    },
    components::{ErrorMessage, FieldKind, FreshForm, TextField, loaded, mutation},
    i18n::{Key, organisation_kind_text, use_i18n},
};

#[component]
pub fn OrganisationsSection(
    organisations: Organisations,
    on_changed: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let saved = RwSignal::new(false);
    let on_saved = move || {
        saved.set(true);
        on_changed();
    };
    view! {
        <section class="card organisations" aria-labelledby="organisations-title">
            <h2 id="organisations-title">{move || i18n.t(Key::Organisations)}</h2>
            <p class="muted">{move || i18n.t(Key::OrganisationsIntro)}</p>
            <details class="new-organisation">
                <summary>{move || i18n.t(Key::NewOrganisation)}</summary>
                <FreshForm form=move |done| view! {
                    <NewOrganisationForm on_saved=move || { done.run(()); on_saved(); } />
                } />
            </details>
            {move || saved.get().then(|| view! { <p class="success" role="status">{i18n.t(Key::OrganisationSaved)}</p> })}
            {move || loaded(organisations.get(), move |list| {
                    let language = i18n.language.get();
                    view! {
                        <ul class="entries organisation-list">
                            {list.into_iter().map(|o| {
                                let facts = [Some(organisation_kind_text(language, o.kind).to_string()), o.phone.clone()]
                                    .into_iter()
                                    .flatten()
                                    .collect::<Vec<_>>()
                                    .join(" · ");
                                let (name, key) = (o.name.clone(), o.name.clone());
                                view! {
                                    <li class="entry organisation" data-name=key>
                                        <strong>{name}</strong>
                                        <span class="muted">{facts}</span>
                                        <OrganisationEdit organisation=o on_saved=on_saved />
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                        .into_any()
                })}
        </section>
    }
}

#[component]
fn NewOrganisationForm(on_saved: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let phone = RwSignal::new(String::new());
    let kind = RwSignal::new(None::<OrganisationKind>);
    let error = RwSignal::new(None::<ApiError>);
    let creating = mutation(error, accounts::create_organisation, move |()| on_saved());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fail = |code| error.set(Some(ApiError::Server(code)));
        let Some(chosen) = kind.get_untracked() else {
            return fail(ErrorCode::OrganisationKindRequired);
        };
        let checked = match validation::check_organisation(
            &name.get_untracked(),
            Some(&phone.get_untracked()),
        ) {
            Ok(checked) => checked,
            Err(code) => return fail(code),
        };
        let organisation = NewOrganisation {
            name: checked.name,
            kind: chosen,
            phone: checked.phone,
        };
        creating.dispatch_local(organisation);
    };
    view! {
        <form class="form" novalidate on:submit=save>
            <TextField id="organisation-name" label=Key::OrganisationName value=name />
            <label for="organisation-kind">{move || i18n.t(Key::OrganisationKindLabel)}</label>
            <select
                id="organisation-kind"
                on:change=move |ev| kind.set(OrganisationKind::parse(&event_target_value(&ev)))
            >
                <option value="">{move || i18n.t(Key::ChooseOrganisationKind)}</option>
                {move || {
                    let language = i18n.language.get();
                    OrganisationKind::ALL
                        .iter()
                        .filter(|k| **k != OrganisationKind::Coordinator)
                        .map(|k| view! { <option value=k.as_str()>{organisation_kind_text(language, *k)}</option> })
                        .collect_view()
                }}
            </select>
            <TextField id="organisation-phone" label=Key::Phone value=phone kind=FieldKind::Phone />
            <ErrorMessage error=error />
            <button type="submit" class="button primary" prop:disabled=move || creating.pending().get()>{move || i18n.t(Key::NewOrganisation)}</button>
        </form>
    }
}

/// Corrects an organisation's name or phone; its kind stays, since its
/// members' roles follow from it.
#[component]
fn OrganisationEdit(
    organisation: OrganisationOption,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(organisation.name.clone());
    let phone = RwSignal::new(organisation.phone.clone().unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let saving = mutation(
        error,
        |(id, changes)| accounts::update_organisation(id, changes),
        move |()| on_saved(),
    );
    let id = organisation.id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fail = |code| error.set(Some(ApiError::Server(code)));
        let changes = match validation::check_organisation(
            &name.get_untracked(),
            Some(&phone.get_untracked()),
        ) {
            Ok(changes) => changes,
            Err(code) => return fail(code),
        };
        saving.dispatch_local((id.clone(), changes));
    };
    let prefix = format!("organisation-{}", organisation.id);
    let open = RwSignal::new(false);
    view! {
        <button type="button" class="button small" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
            {move || i18n.t(Key::Edit)}
        </button>
        <Show when=move || open.get()>
            <form class="form organisation-edit" novalidate on:submit=save.clone()>
                <TextField id=format!("{prefix}-name") label=Key::OrganisationName value=name />
                <TextField id=format!("{prefix}-phone") label=Key::Phone value=phone kind=FieldKind::Phone />
                <ErrorMessage error=error />
                <button type="submit" class="button primary" prop:disabled=move || saving.pending().get()>{move || i18n.t(Key::SaveChanges)}</button>
            </form>
        </Show>
    }
}
