//! Account management for coordinators: who uses Passerelle, with which roles.

mod form;
mod organisations;

use leptos::prelude::*;
use shared_types::{ErrorCode, Role};

use crate::{
    api::{ApiError, accounts},
    app::use_auth,
    components::{ErrorMessage, TopBar, loaded, mutation},
    i18n::{Key, role_text, use_i18n},
};

#[component]
pub fn AccountsPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let allowed = move || auth.has_role(Role::Coordinator);
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Accounts)}</h1>
            <Show
                when=allowed
                fallback=move || {
                    view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }
                }
            >
                <AccountsManager />
            </Show>
        </main>
    }
}

#[component]
fn AccountsManager() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    // Bumped after each change so the list is read again.
    let version = RwSignal::new(0u32);
    let offset = RwSignal::new(0u64);
    let page = LocalResource::new(move || {
        version.track();
        accounts::list(offset.get())
    });
    let row_error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    // Read again when an organisation is added or renamed: the account
    // forms offer it and the rows show its name.
    let organisations_version = RwSignal::new(0u32);
    let organisations = LocalResource::new(move || {
        organisations_version.track();
        accounts::organisations()
    });
    let on_organisations_changed = move || {
        organisations_version.update(|v| *v += 1);
        version.update(|v| *v += 1);
    };
    let on_account_saved = move || {
        saved.set(true);
        version.update(|v| *v += 1);
    };
    let my_id = move || auth.me.with(|me| me.as_ref().map(|me| me.id.clone()));

    let switching = mutation(
        row_error,
        |(id, active)| accounts::set_active(id, active),
        move |()| version.update(|v| *v += 1),
    );
    let toggle = move |id: String, active: bool| {
        row_error.set(None);
        switching.dispatch_local((id, active));
    };

    view! {
        <p class="muted">{move || i18n.t(Key::AccountsIntro)}</p>
        <form::NewAccountForm organisations=organisations on_created=move || version.update(|v| *v += 1) />
        <ErrorMessage error=row_error />
        {move || saved.get().then(|| view! { <p class="success" role="status">{i18n.t(Key::AccountSaved)}</p> })}
        {move || loaded(page.get(), move |page| {
                let language = i18n.language.get();
                let total = page.total;
                view! {
                    <p class="count">{i18n.count(total, Key::AccountsCount)}</p>
                    <ul class="account-list">
                        {page
                            .items
                            .into_iter()
                            .map(|account| {
                                let is_me = my_id().as_deref() == Some(account.id.as_str());
                                let id = account.id.clone();
                                let active = account.active;
                                let email_key = account.email.clone();
                                let editable = account.clone();
                                let roles = account
                                    .roles
                                    .iter()
                                    .map(|r| role_text(language, *r))
                                    .collect::<Vec<_>>()
                                    .join(", ");
                                view! {
                                    <li class="card account" class:inactive=!active data-email=email_key>
                                        <div class="account-main">
                                            <strong>{account.display_name}</strong>
                                            <span class="muted">{account.email}</span>
                                            <span>{account.organisation.name}</span>
                                            <span class="muted">{roles}</span>
                                        </div>
                                        <div class="account-side">
                                            <span class="badge" class:off=!active>
                                                {if active { i18n.t(Key::Active) } else { i18n.t(Key::Deactivated) }}
                                            </span>
                                            <Show when=move || !is_me>
                                                <button
                                                    type="button"
                                                    class="button small"
                                                    on:click={
                                                        let id = id.clone();
                                                        move |_| toggle(id.clone(), !active)
                                                    }
                                                >
                                                    {if active { i18n.t(Key::Deactivate) } else { i18n.t(Key::Reactivate) }}
                                                </button>
                                            </Show>
                                        </div>
                                        <form::AccountEdit account=editable organisations=organisations on_saved=on_account_saved />
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                    <Show when=move || { total > crate::api::PAGE_SIZE }>
                        <div class="pager">
                            <button
                                type="button"
                                class="button small"
                                disabled=move || offset.get() == 0
                                on:click=move |_| offset.update(|o| *o = o.saturating_sub(crate::api::PAGE_SIZE))
                            >
                                "←"
                            </button>
                            <span>
                                {move || format!("{}–{}", offset.get() + 1, (offset.get() + crate::api::PAGE_SIZE).min(total))}
                            </span>
                            <button
                                type="button"
                                class="button small"
                                disabled=move || offset.get() + crate::api::PAGE_SIZE >= total
                                on:click=move |_| offset.update(|o| *o += crate::api::PAGE_SIZE)
                            >
                                "→"
                            </button>
                        </div>
                    </Show>
                }
                    .into_any()
            })}
        <organisations::OrganisationsSection organisations=organisations on_changed=on_organisations_changed />
    }
}
