//! The donors list: find a donor before a pickup, with their contact and agreement.

mod form;

pub use form::{DonorFields, DonorFieldsState, NewDonorPage};

use leptos::prelude::*;
use shared_types::{Language, Role};

use crate::{
    api::{ApiError, donors},
    app::use_auth,
    components::{ErrorMessage, TopBar, loaded},
    i18n::{Key, donor_kind_text, use_i18n},
};

#[component]
pub fn DonorsPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let allowed = move || auth.has_role(Role::Coordinator) || auth.has_role(Role::CollectionAgent);
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Donors)}</h1>
            <Show
                when=allowed
                fallback=move || {
                    view! {
                        <ErrorMessage error=Signal::derive(|| {
                            Some(ApiError::Server(shared_types::ErrorCode::Forbidden))
                        }) />
                    }
                }
            >
                <a class="button primary" href="/donors/new">{move || i18n.t(Key::NewDonor)}</a>
                <DonorSearch />
            </Show>
        </main>
    }
}

#[component]
fn DonorSearch() -> impl IntoView {
    let i18n = use_i18n();
    let typed = RwSignal::new(String::new());
    let search = RwSignal::new(String::new());
    let results = LocalResource::new(move || donors::search(search.get(), 0));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        search.set(typed.get_untracked());
    };
    view! {
        <form class="search" role="search" on:submit=submit>
            <label for="donor-search" class="visually-hidden">{move || i18n.t(Key::SearchDonors)}</label>
            <input
                id="donor-search"
                type="search"
                enterkeyhint="search"
                placeholder=move || i18n.t(Key::SearchDonors)
                prop:value=typed
                on:input=move |ev| {
                    typed.set(event_target_value(&ev));
                    if typed.with_untracked(String::is_empty) {
                        search.set(String::new());
                    }
                }
            />
            <button type="submit" class="button primary search-button">{move || i18n.t(Key::Search)}</button>
        </form>
        {move || loaded(results.get(), move |answer| match answer {
            page if page.items.is_empty() => {
                view! { <p class="empty">{i18n.t(Key::NoDonorFound)}</p> }.into_any()
            }
            page => {
                let language = i18n.language.get();
                let coordinator = crate::app::has_role(Role::Coordinator);
                view! {
                    <p class="count">{i18n.count(page.total, Key::DonorsCount)}</p>
                    <ul class="donor-list">
                        {page.items.into_iter().map(|donor| donor_card(donor, language, coordinator)).collect_view()}
                    </ul>
                }
                    .into_any()
            }
        })}
    }
}

fn donor_card(donor: donors::DonorRow, language: Language, certificate: bool) -> impl IntoView {
    let donor_id = donor.id.clone();
    let place = [
        donor.address,
        donor
            .postcode
            .zip(donor.city)
            .map(|(p, c)| format!("{p} {c}")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let agreement = donor.agreement_reference.map(|reference| {
        let until = donor
            .agreement_ends_on
            .map(|d| {
                format!(
                    " · {} {}",
                    crate::i18n::text(language, Key::AgreementUntil),
                    crate::i18n::date_in_words(language, &d)
                )
            })
            .unwrap_or_default();
        format!(
            "{} {reference}{until}",
            crate::i18n::text(language, Key::Agreement)
        )
    });
    view! {
        <li class="card donor" data-donor=donor.id>
            <strong>{donor.name}</strong>
            <span class="muted">{donor_kind_text(language, donor.kind)}</span>
            <span>{place}</span>
            {donor.contact_name.map(|c| view! { <span>{c}</span> })}
            {donor.phone.map(|p| view! { <a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a> })}
            {agreement.map(|a| view! { <span class="badge agreement">{a}</span> })}
            {certificate.then(|| view! {
                <crate::components::DownloadButton
                    url=format!("/api/donors/{}/erasure-certificate.pdf", donor_id)
                    file_name="certificat-effacement.pdf"
                    label=Key::ErasureCertificate
                />
            })}
        </li>
    }
}
