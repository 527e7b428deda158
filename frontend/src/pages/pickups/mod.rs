//! Pickups: what waits on this phone, what the collector holds in stock,
//! and the pickups planned and done.

mod detail;
mod form;
mod plan;

pub use detail::PickupPage;
pub use form::NewPickupPage;
pub use plan::PlanPickupPage;

use leptos::prelude::*;
use shared_types::{Language, PickupStatus, Role};

use crate::{
    api::{
        ApiError,
        pickups::{self, PickupRow, Stock},
    },
    app::{has_role, use_auth},
    components::{ErrorMessage, TopBar},
    i18n::{Key, category_text, count, error_text, kilograms, local_time, use_i18n},
    outbox::{Entry, EntryStatus, use_outbox},
};

#[component]
pub fn PickupsPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let allowed = move || auth.has_role(Role::CollectionAgent) || auth.has_role(Role::Coordinator);
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Pickups)}</h1>
            <Show
                when=allowed
                fallback=|| view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(shared_types::ErrorCode::Forbidden))) /> }
            >
                <Show when=move || auth.has_role(Role::CollectionAgent)>
                    <div class="actions">
                        <a class="button primary" href="/pickups/new">{move || i18n.t(Key::NewPickup)}</a>
                        <a class="button" href="/pickups/plan">{move || i18n.t(Key::PlanPickup)}</a>
                    </div>
                    <OutboxList />
                </Show>
                <PickupList />
            </Show>
        </main>
    }
}

fn status_text(language: Language, status: &EntryStatus) -> String {
    let t = |key| crate::i18n::text(language, key);
    match status {
        EntryStatus::Waiting => t(Key::OutboxWaiting).to_string(),
        EntryStatus::Sending => t(Key::OutboxSending).to_string(),
        EntryStatus::Sent => t(Key::OutboxSent).to_string(),
        EntryStatus::Refused(code) => {
            format!("{} {}", t(Key::OutboxRefused), error_text(language, *code))
        }
    }
}

/// The pickups saved on this phone and not yet (or just) sent.
#[component]
fn OutboxList() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let online = move || window().navigator().on_line();
    let has_unsent = move || outbox.unsent() > 0;
    view! {
        <Show when=move || outbox.entries.with(|e| !e.is_empty())>
            <section class="card outbox" aria-labelledby="outbox-title">
                <h2 id="outbox-title">{move || i18n.t(Key::OnThisPhone)}</h2>
                <ul class="entries">
                    {move || outbox.entries.get().into_iter().map(|entry| entry_view(entry, i18n.language.get())).collect_view()}
                </ul>
                <Show when=has_unsent>
                    <p class="hint">{move || i18n.t(if online() { Key::OutboxWillRetry } else { Key::OutboxOffline })}</p>
                    <button type="button" class="button small" disabled=move || outbox.syncing.get() on:click=move |_| outbox.sync()>
                        {move || i18n.t(Key::SendNow)}
                    </button>
                </Show>
            </section>
        </Show>
    }
}

fn entry_view(entry: Entry, language: Language) -> impl IntoView {
    let outbox = use_outbox();
    let i18n = use_i18n();
    let Entry {
        id,
        meta,
        photos_total,
        photos_sent,
    } = entry;
    let state = match meta.status {
        EntryStatus::Waiting | EntryStatus::Sending => "waiting",
        EntryStatus::Sent => "sent",
        EntryStatus::Refused(_) => "refused",
    };
    let summary = format!(
        "{} · {} · {}",
        meta.donor_name,
        i18n.count(meta.item_count.max(0) as u64, Key::Items),
        kilograms(language, meta.weight_kg)
    );
    let photos = (photos_total > 0 && meta.status != EntryStatus::Sent).then(|| {
        format!(
            "{} {photos_sent}/{photos_total}",
            crate::i18n::text(language, Key::PhotosSent)
        )
    });
    let refused = matches!(meta.status, EntryStatus::Refused(_));
    let link = meta
        .pickup_id
        .clone()
        .filter(|_| meta.status == EntryStatus::Sent);
    view! {
        <li class=format!("entry {state}") data-entry=id.clone()>
            <span class="entry-summary">{summary}</span>
            <span class="entry-time muted">{local_time(language, &meta.saved_at)}</span>
            <span class=format!("status {state}") role="status">{status_text(language, &meta.status)}</span>
            {photos.map(|p| view! { <span class="muted">{p}</span> })}
            {link.map(|id| view! { <a href=format!("/pickups/{id}")>{crate::i18n::text(language, Key::SeePickup)}</a> })}
            {refused.then(|| {
                let id = id.clone();
                view! {
                    <button type="button" class="link-button" on:click=move |_| {
                        let id = id.clone();
                        leptos::task::spawn_local(async move { outbox.discard(id).await });
                    }>{crate::i18n::text(language, Key::Discard)}</button>
                }
            })}
        </li>
    }
}

fn stock_view(stock: Stock, language: Language) -> impl IntoView {
    let t = |key| crate::i18n::text(language, key);
    view! {
        <section class="card stock" aria-labelledby="stock-title">
            <h2 id="stock-title">{t(Key::InStorage)}</h2>
            {if stock.counts.is_empty() {
                view! { <p class="muted">{t(Key::StockEmpty)}</p> }.into_any()
            } else {
                view! {
                    <dl class="stock-list">
                        {stock.counts.into_iter().map(|c| view! {
                            <div><dt>{category_text(language, c.category)}</dt><dd>{c.count}</dd></div>
                        }).collect_view()}
                    </dl>
                    <p class="muted">{format!(
                        "{} · {}",
                        kilograms(language, stock.weight_kg),
                        count(language, stock.pickups, Key::PickupsWord)
                    )}</p>
                }.into_any()
            }}
        </section>
    }
}

fn row_view(row: PickupRow, language: Language, collector: bool) -> impl IntoView {
    let t = |key| crate::i18n::text(language, key);
    let when = row
        .collected_at
        .clone()
        .or(row.scheduled_for.clone())
        .map(|at| local_time(language, &at))
        .unwrap_or_default();
    let (state, label) = match row.status {
        PickupStatus::Scheduled => ("scheduled", t(Key::StatusScheduled)),
        PickupStatus::Collected => ("collected", t(Key::StatusCollected)),
        PickupStatus::Cancelled => ("cancelled", t(Key::StatusCancelled)),
    };
    let material = row
        .counts
        .iter()
        .map(|c| format!("{} {}", category_text(language, c.category), c.count))
        .collect::<Vec<_>>()
        .join(" · ");
    let collect_link = (row.status == PickupStatus::Scheduled && collector).then(|| {
        let mut href = format!(
            "/pickups/new?planned={}&donor={}&donor_name={}",
            row.id,
            row.donor.id,
            js_sys::encode_uri_component(&row.donor.name)
        );
        if let Some(address) = &row.address {
            href.push_str(&format!(
                "&address={}",
                js_sys::encode_uri_component(address)
            ));
        }
        view! { <a class="button small" href=href>{t(Key::CollectNow)}</a> }
    });
    view! {
        <li class=format!("card pickup {state}")>
            <a class="pickup-link" href=format!("/pickups/{}", row.id)>
                <strong>{row.donor.name}</strong>
                <span class="muted">{when}</span>
                {(!material.is_empty()).then(|| view! { <span>{material}</span> })}
                {row.weight_kg.map(|kg| view! { <span>{kilograms(language, kg)}</span> })}
                <span class=format!("badge {state}")>{label}</span>
            </a>
            {collect_link}
        </li>
    }
}

/// The pickups on the server, refreshed when the outbox has sent something.
#[component]
fn PickupList() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let sent = Memo::new(move |_| {
        outbox.entries.with(|e| {
            e.iter()
                .filter(|e| e.meta.status == EntryStatus::Sent)
                .count()
        })
    });
    let overview = LocalResource::new(move || {
        sent.track();
        pickups::overview(0)
    });
    // Read from the copy kept on the phone while offline: fresh again as
    // soon as the network is back.
    let back_online = window_event_listener(leptos::ev::online, move |_| overview.refetch());
    on_cleanup(move || back_online.remove());
    let collector = move || has_role(Role::CollectionAgent);
    move || match overview.get() {
        None => view! { <p class="loading" role="status">{i18n.t(Key::Loading)}</p> }.into_any(),
        Some(Err(ApiError::Network)) => {
            view! { <p class="notice">{i18n.t(Key::ListNeedsNetwork)}</p> }.into_any()
        }
        Some(Err(error)) => {
            view! { <ErrorMessage error=Signal::derive(move || Some(error.clone())) /> }.into_any()
        }
        Some(Ok(kept)) => {
            let language = i18n.language.get();
            let collector = collector();
            let offline = kept.kept_at.map(|at| view! {
                <p class="notice" role="status">{format!("{} {}", i18n.t(Key::OfflineCopy), local_time(language, &at))}</p>
            });
            let data = kept.value;
            view! {
                {offline}
                {stock_view(data.pickup_stock, language)}
                <h2 class="section-title">{i18n.count(data.pickups.total, Key::PickupsWord)}</h2>
                <ul class="pickup-list">
                    {data.pickups.items.into_iter().map(|row| row_view(row, language, collector)).collect_view()}
                </ul>
            }
                .into_any()
        }
    }
}
