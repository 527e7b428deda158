//! The form a coordinator fills to give someone access.

use leptos::prelude::*;
use shared_types::{AccountChanges, OrganisationKind, Role, validation};

use crate::{
    api::{
        ApiError,
        accounts::{self, AccountRow, OrganisationOption},
    },
    components::{ErrorMessage, FieldKind, TextField, mutation},
    i18n::{Key, role_text, use_i18n},
};

/// The programme's organisations, read once for the whole page.
pub type Organisations = LocalResource<Result<Vec<OrganisationOption>, ApiError>>;

#[component]
pub fn NewAccountForm(
    organisations: Organisations,
    on_created: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let organisation_id = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<Role>::new());
    let error = RwSignal::new(None::<ApiError>);
    let done = RwSignal::new(false);
    let creating = mutation(error, accounts::create, move |()| {
        // The next account starts clean, its organisation too.
        organisation_id.set(String::new());
        name.set(String::new());
        email.set(String::new());
        password.set(String::new());
        roles.set(Vec::new());
        done.set(true);
        on_created();
    });
    let pending = creating.pending();

    let kind = move || kind_of(organisations, organisation_id);
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
        creating.dispatch_local(account);
    };

    view! {
        <details class="card new-account">
            <summary>{move || i18n.t(Key::NewAccount)}</summary>
            <form class="form" on:submit=submit novalidate=true>
                <OrganisationSelect id="new-organisation" organisations=organisations chosen=organisation_id />
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
                <RoleChoices kind=Signal::derive(kind) roles=roles />
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

/// The kind of the organisation chosen, once the list is known.
fn kind_of(organisations: Organisations, chosen: RwSignal<String>) -> Option<OrganisationKind> {
    let id = chosen.get();
    organisations
        .get()?
        .ok()?
        .into_iter()
        .find(|o| o.id == id)
        .map(|o| o.kind)
}

#[component]
fn OrganisationSelect(
    #[prop(into)] id: String,
    organisations: Organisations,
    chosen: RwSignal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label for=id.clone()>{move || i18n.t(Key::Organisation)}</label>
        <select id=id prop:value=chosen on:change=move |ev| chosen.set(event_target_value(&ev))>
            <option value="">{move || i18n.t(Key::ChooseOrganisation)}</option>
            {move || {
                organisations
                    .get()
                    .and_then(Result::ok)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|o| {
                        let selected = o.id == chosen.get_untracked();
                        view! { <option value=o.id selected=selected>{o.name}</option> }
                    })
                    .collect_view()
            }}
        </select>
    }
}

/// The roles the chosen organisation's trade allows, as checkboxes.
#[component]
fn RoleChoices(
    kind: Signal<Option<OrganisationKind>>,
    roles: RwSignal<Vec<Role>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <fieldset class="roles">
            <legend>{move || i18n.t(Key::Roles)}</legend>
            {move || match kind.get() {
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
    }
}

/// Corrects an account: its organisation, name, e-mail and roles. The
/// person's new roles apply from their next tap.
#[component]
pub fn AccountEdit(
    account: AccountRow,
    organisations: Organisations,
    on_saved: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let organisation_id = RwSignal::new(account.organisation.id.clone());
    let name = RwSignal::new(account.display_name.clone());
    let email = RwSignal::new(account.email.clone());
    let roles = RwSignal::new(account.roles.clone());
    let error = RwSignal::new(None::<ApiError>);
    let saving = mutation(
        error,
        |(id, organisation, changes)| accounts::update(id, organisation, changes),
        move |()| on_saved(),
    );
    let kind = move || kind_of(organisations, organisation_id);
    Effect::new(move |_| {
        if let Some(kind) = kind() {
            roles.update(|list| list.retain(|r| r.allowed_in(kind)));
        }
    });
    let user_id = account.id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let changes = AccountChanges {
            display_name: name.get_untracked(),
            email: email.get_untracked(),
            roles: roles.get_untracked(),
        };
        let checked = validation::check_account(
            untrack(kind),
            &changes.display_name,
            &changes.email,
            &changes.roles,
        );
        if let Err(code) = checked {
            return error.set(Some(ApiError::Server(code)));
        }
        saving.dispatch_local((user_id.clone(), organisation_id.get_untracked(), changes));
    };
    let prefix = format!("edit-{}", account.id);
    let open = RwSignal::new(false);
    // The form is built when opened: a list of accounts holds no hidden
    // copies of its fields.
    view! {
        <button type="button" class="button small" aria-expanded=move || open.get().to_string() on:click=move |_| open.update(|o| *o = !*o)>
            {move || i18n.t(Key::Edit)}
        </button>
        <Show when=move || open.get()>
            <form class="form account-edit" novalidate on:submit=save.clone()>
                <OrganisationSelect id=format!("{prefix}-organisation") organisations=organisations chosen=organisation_id />
                <TextField id=format!("{prefix}-name") label=Key::FullName value=name />
                <TextField id=format!("{prefix}-email") label=Key::Email value=email kind=FieldKind::Email />
                <RoleChoices kind=Signal::derive(kind) roles=roles />
                <ErrorMessage error=error />
                <button type="submit" class="button primary" prop:disabled=move || saving.pending().get()>{move || i18n.t(Key::SaveChanges)}</button>
            </form>
        </Show>
    }
}
