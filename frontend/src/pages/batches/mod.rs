//! Batches: the collector hands stored material to the refurbisher, who
//! confirms what arrived; the refurbisher's yield against the agreed share.

mod detail;
mod recycling;

pub use detail::BatchPage;

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::{BatchStatus, ErrorCode, Language, Role};

use crate::{
    api::{
        ApiError,
        batches::{self, BatchRow, Yield},
    },
    app::has_role,
    components::{ErrorMessage, HappenedOn, TopBar, happened_day, loaded, mutation, today_field},
    i18n::{Key, category_text, decimal, kilograms, local_time, text, use_i18n},
};

#[component]
pub fn BatchesPage() -> impl IntoView {
    let i18n = use_i18n();
    let allowed = has_role(Role::Coordinator)
        || has_role(Role::CollectionAgent)
        || has_role(Role::Refurbisher);
    let version = RwSignal::new(0);
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Batches)}</h1>
            {if allowed {
                view! {
                    {has_role(Role::CollectionAgent).then(|| view! { <HandOverForm /> })}
                    {(has_role(Role::Coordinator) || has_role(Role::Refurbisher)).then(|| view! { <YearYield /> })}
                    <BatchList version=version />
                }
                    .into_any()
            } else {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            }}
        </main>
    }
}

/// The collector picks pickups in storage (all by default) and the refurbisher.
#[component]
fn HandOverForm() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let choices = LocalResource::new(batches::hand_over_choices);
    let open = RwSignal::new(false);
    let unticked = RwSignal::new(Vec::<String>::new());
    let refurbisher = RwSignal::new(String::new());
    let handed_over_on = today_field();
    let error = RwSignal::new(None::<ApiError>);
    let saving = mutation(error, batches::hand_over, move |id: String| {
        navigate(&format!("/batches/{id}"), Default::default())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(Ok(data)) = choices.get_untracked() else {
            return;
        };
        let pickup_ids: Vec<String> = data
            .pickups
            .items
            .iter()
            .map(|p| p.id.clone())
            .filter(|id| !unticked.with_untracked(|u| u.contains(id)))
            .collect();
        if pickup_ids.is_empty() {
            return error.set(Some(ApiError::Server(ErrorCode::NothingToHandOver)));
        }
        let refurbisher_id = refurbisher.get_untracked();
        let refurbisher_id = if refurbisher_id.is_empty() {
            match data.refurbishers.as_slice() {
                [only] => only.id.clone(),
                _ => return error.set(Some(ApiError::Server(ErrorCode::RefurbisherRequired))),
            }
        } else {
            refurbisher_id
        };
        saving.dispatch_local(batches::HandOver {
            pickup_ids,
            refurbisher_id,
            notes: None,
            handed_over_on: happened_day(handed_over_on),
        });
    };
    view! {
        <Show
            when=move || open.get()
            fallback=move || view! {
                <button type="button" class="button primary" on:click=move |_| open.set(true)>{move || i18n.t(Key::HandOverBatch)}</button>
            }
        >
            <form class="form card" novalidate on:submit=submit>
                <h2>{move || i18n.t(Key::HandOverBatch)}</h2>
                {move || loaded(choices.get(), move |answer| match answer {
                    data if data.pickups.items.is_empty() => view! { <p class="muted">{i18n.t(Key::StockEmpty)}</p> }.into_any(),
                    data => {
                        let language = i18n.language.get();
                        view! {
                            <fieldset class="choices single">
                                <legend>{i18n.t(Key::PickupsToHandOver)}</legend>
                                {data.pickups.items.into_iter().map(|p| {
                                    let id = p.id.clone();
                                    let label = format!(
                                        "{} · {} · {}{}",
                                        p.donor.name,
                                        p.collected_at.as_deref().map(|at| local_time(language, at)).unwrap_or_default(),
                                        p.item_count,
                                        p.weight_kg.map(|kg| format!(" · {}", kilograms(language, kg))).unwrap_or_default()
                                    );
                                    let checked_id = id.clone();
                                    view! {
                                        <label class="choice">
                                            <input
                                                type="checkbox"
                                                prop:checked=move || !unticked.with(|u| u.contains(&checked_id))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    let id = id.clone();
                                                    unticked.update(|u| if on { u.retain(|x| *x != id) } else { u.push(id) });
                                                }
                                            />
                                            <span>{label}</span>
                                        </label>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <label for="refurbisher">{i18n.t(Key::Refurbisher)}</label>
                            <select id="refurbisher" on:change=move |ev| refurbisher.set(event_target_value(&ev))>
                                {(data.refurbishers.len() != 1).then(|| view! { <option value="">{i18n.t(Key::ChooseOrganisation)}</option> })}
                                {data.refurbishers.into_iter().map(|o| view! { <option value=o.id>{o.name}</option> }).collect_view()}
                            </select>
                        }
                            .into_any()
                    }
                })}
                <HappenedOn id="handed-over-on" label=Key::HandedOverOn day=handed_over_on />
                <ErrorMessage error=error />
                <button type="submit" class="button primary" prop:disabled=move || saving.pending().get()>{move || i18n.t(Key::ConfirmHandOver)}</button>
            </form>
        </Show>
    }
}

/// This year's yield, against the share agreed with the refurbisher.
#[component]
fn YearYield() -> impl IntoView {
    let i18n = use_i18n();
    let year = js_sys::Date::new_0().get_full_year();
    let figures = LocalResource::new(move || {
        batches::period_yield(format!("{year}-01-01"), format!("{year}-12-31"))
    });
    move || {
        figures.get().and_then(Result::ok).map(|y| {
            view! {
                <section class="card yield">
                    <h2>{format!("{} {year}", i18n.t(Key::YieldTitle))}</h2>
                    {yield_view(y, i18n.language.get())}
                </section>
            }
        })
    }
}

pub fn yield_view(y: Yield, language: Language) -> impl IntoView {
    let t = |key| text(language, key);
    let below = y.received_items > 0 && y.ready_share_percent < y.agreed_share_percent;
    view! {
        <dl class="stock-list">
            <div><dt>{t(Key::ItemsReceived)}</dt><dd>{y.received_items}</dd></div>
            <div><dt>{t(Key::DevicesRecorded)}</dt><dd>{y.devices}</dd></div>
            <div><dt>{t(Key::ReadyDevices)}</dt><dd>{y.ready}</dd></div>
            <div><dt>{t(Key::RecycledDevices)}</dt><dd>{y.recycled}</dd></div>
            {(y.recycled_in_bulk > 0).then(|| view! { <div><dt>{t(Key::RecycledInBulk)}</dt><dd>{y.recycled_in_bulk}</dd></div> })}
        </dl>
        <p class=if below { "notice" } else { "muted" }>
            {format!(
                "{} {} % · {} {} % · {} {}",
                t(Key::ReadyShare),
                decimal(language, y.ready_share_percent),
                t(Key::AgreedShare),
                decimal(language, y.agreed_share_percent),
                t(Key::RecycledWeight),
                kilograms(language, y.recycled_kg)
            )}
        </p>
    }
}

fn status_badge(status: BatchStatus, mismatch: bool, language: Language) -> impl IntoView {
    let (class, key) = match status {
        BatchStatus::HandedOver => ("badge scheduled", Key::BatchHandedOver),
        BatchStatus::Received => ("badge", Key::BatchReceived),
    };
    view! {
        <span class=class>{text(language, key)}</span>
        {mismatch.then(|| view! { <span class="badge cancelled">{text(language, Key::CountMismatch)}</span> })}
    }
}

fn batch_card(b: BatchRow, language: Language) -> impl IntoView {
    let items: i64 = b.counts.iter().map(|c| c.received.unwrap_or(c.sent)).sum();
    let summary = b
        .counts
        .iter()
        .map(|c| {
            format!(
                "{} {}",
                category_text(language, c.category),
                c.received.unwrap_or(c.sent)
            )
        })
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="card pickup">
            <a class="pickup-link" href=format!("/batches/{}", b.id)>
                <strong>{format!("{} {} · {} → {}", text(language, Key::BatchWord), b.number, b.collector.name, b.refurbisher.name)}</strong>
                <span class="muted">{local_time(language, &b.handed_over_at)}</span>
                <span>{format!("{items} · {}", kilograms(language, b.weight_kg))}</span>
                <span class="muted">{summary}</span>
                <span>{status_badge(b.status, b.mismatch, language)}</span>
            </a>
        </li>
    }
}

#[component]
fn BatchList(version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(move || {
        version.track();
        batches::list()
    });
    move || {
        loaded(list.get(), move |answer| match answer {
            rows if rows.is_empty() => {
                view! { <p class="empty">{i18n.t(Key::NoBatch)}</p> }.into_any()
            }
            rows => {
                let language = i18n.language.get();
                view! { <ul class="pickup-list">{rows.into_iter().map(|b| batch_card(b, language)).collect_view()}</ul> }.into_any()
            }
        })
    }
}

pub(crate) fn batch_status_badge(
    status: BatchStatus,
    mismatch: bool,
    language: Language,
) -> impl IntoView {
    status_badge(status, mismatch, language)
}
