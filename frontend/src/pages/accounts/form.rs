//! The form a coordinator fills to give someone access.

use leptos::{prelude::*, task::spawn_local};
use shared_types::{OrganisationKind, Role, validation};

use crate::{
    api::{ApiError, accounts},
    components::{ErrorMessage, FieldKind, TextField},
    i18n::{Key, role_text, use_i18n},
};

#[component]
pub fn NewAccountForm(on_created: impl Fn() + Copy + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let organisations = LocalResource::new(accounts::organisations);
    let organisation_id = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<Role>::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let pending = RwSignal::new(false);

    let kind = move || -> Option<OrganisationKind> {
        let id = organisation_id.get();
        organisations
            .get()?
            .ok()?
            .into_iter()
            .find(|o| o.id == id)
            .map(|o| o.kind)
    };
    let kind_untracked = move || untrack(kind);
    // Roles that do not fit the newly chosen organisation are dropped.
    Effect::new(move |_| {
        if let Some(kind) = kind() {
            roles.update(|list| list.retain(|r| r.allowed_in(kind)));
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        done.set(false);
        let account = accounts::NewAccount {
            organisation_id: organisation_id.get_untracked(),
            email: email.get_untracked(),
            display_name: name.get_untracked(),
            password: password.get_untracked(),
            roles: roles.get_untracked(),
            language: i18n.language.get_untracked(),
        };
        // The same rules as the server, for an answer without a round trip.
        let checked = validation::check_new_account(
            kind_untracked(),
            &account.display_name,
            &account.email,
            &account.password,
            &account.roles,
        );
        if let Err(code) = checked {
            error.set(Some(ApiError::Server(code)));
            return;
        }
        error.set(None);
        pending.set(true);
        spawn_local(async move {
            match accounts::create(account).await {
                Ok(()) => {
                    name.set(String::new());
                    email.set(String::new());
                    password.set(String::new());
                    roles.set(Vec::new());
                    done.set(true);
                    on_created();
                }
                Err(e) => error.set(Some(e)),
            }
            pending.set(false);
        });
    };

    view! {
        <details class="card new-account">
            <summary>{move || i18n.t(Key::NewAccount)}</summary>
            <form class="form" on:submit=submit novalidate=true>
                <label for="new-organisation">{move || i18n.t(Key::Organisation)}</label>
                <select
                    id="new-organisation"
                    prop:value=organisation_id
                    on:change=move |ev| organisation_id.set(event_target_value(&ev))
                >
                    <option value="">{move || i18n.t(Key::ChooseOrganisation)}</option>
                    {move || {
                        organisations
                            .get()
                            .and_then(Result::ok)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|o| view! { <option value=o.id>{o.name}</option> })
                            .collect_view()
                    }}
                </select>
                <TextField id="new-name" label=Key::FullName value=name />
                <TextField id="new-email" label=Key::Email value=email kind=FieldKind::Email />
                // Shown as text: the coordinator tells it to the person.
                <TextField
                    id="new-password"
                    label=Key::InitialPassword
                    value=password
                    autocomplete="new-password"
                    hint=Key::InitialPasswordHint
                />
                <fieldset class="roles">
                    <legend>{move || i18n.t(Key::Roles)}</legend>
                    {move || match kind() {
                        None => view! { <p class="hint">{i18n.t(Key::RolesForOrganisation)}</p> }.into_any(),
                        Some(kind) => {
                            let language = i18n.language.get();
                            Role::ALL
                                .iter()
                                .copied()
                                .filter(|role| role.allowed_in(kind))
                                .map(|role| {
                                    view! {
                                        <label class="check">
                                            <input
                                                type="checkbox"
                                                value=role.as_str()
                                                prop:checked=move || roles.with(|list| list.contains(&role))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    roles.update(|list| {
                                                        list.retain(|r| *r != role);
                                                        if on {
                                                            list.push(role);
                                                        }
                                                    });
                                                }
                                            />
                                            {role_text(language, role)}
                                        </label>
                                    }
                                })
                                .collect_view()
                                .into_any()
                        }
                    }}
                </fieldset>
                <ErrorMessage error=error />
                <Show when=move || done.get()>
                    <p class="success" role="status">{move || i18n.t(Key::AccountCreated)}</p>
                </Show>
                <button type="submit" class="button primary" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t(Key::Creating) } else { i18n.t(Key::CreateAccount) }}
                </button>
            </form>
        </details>
    }
}
