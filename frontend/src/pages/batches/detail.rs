//! One batch: what was sent and counted, where it came from, the devices
//! made from it, their labels and the yield.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::{BatchStatus, DeviceStatus, ErrorCode, Language, Role};

use super::{batch_status_badge, recycling::BulkRecyclingSection, yield_view};
use crate::app::has_role;
use crate::{
    api::{
        self as api, ApiError,
        batches::{self, BatchDetail, BatchWithDevices, DeviceList},
        devices::{self, GroupMove as Move},
    },
    components::{
        CountSteppers, DownloadButton, ErrorMessage, FieldKind, HappenedOn, TextField, TopBar,
        empty_counts, happened_day, loaded, mutation, today_field, typed_counts,
    },
    i18n::{
        Key, category_text, kilograms, local_time, one_of_category_text, status_text, text,
        use_i18n,
    },
    pages::devices::DeviceForm,
};

#[component]
pub fn BatchPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let with_devices = has_role(Role::Coordinator) || has_role(Role::Refurbisher);
    let page = LocalResource::new(move || batches::get(id(), with_devices));
    let reload = move || page.refetch();
    // Kept here, outside the list: the list is drawn again after a move.
    let group_result = RwSignal::new(None::<GroupResult>);
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/batches">{move || format!("← {}", i18n.t(Key::Batches))}</a>
            {move || loaded(page.get(), move |BatchWithDevices { batch, workshop }| {
                    let language = i18n.language.get();
                    let receivable = batch.status == BatchStatus::HandedOver && has_role(Role::Refurbisher);
                    let received = batch.status == BatchStatus::Received;
                    let (recycling, batch_yield, devices) = match workshop {
                        Some(w) => (Some(w.batch.bulk_recycling), Some(w.batch.yield_), Some(w.devices)),
                        None => (None, None, None),
                    };
                    view! {
                        {summary(&batch, language)}
                        {receivable.then(|| view! { <ReceiveForm batch=batch.clone() on_done=reload /> })}
                        {origin(&batch, language)}
                        {devices.map(|list| view! { <BatchDevices batch=batch.clone() list=list result=group_result on_done=reload /> })}
                        {(received && with_devices).then(|| view! { <DeviceForm batch=Some(batch.clone()) /> })}
                        {recycling.filter(|_| received).map(|entries| view! {
                            <BulkRecyclingSection batch_id=batch.id.clone() entries=entries on_done=reload />
                        })}
                        {batch_yield.filter(|_| received).and_then(|y| api::retype::<_, batches::Yield>(y).ok()).map(|y| view! {
                            <section class="card yield"><h2>{text(language, Key::YieldTitle)}</h2>{yield_view(y, language)}</section>
                        })}
                    }
                        .into_any()
                })}
        </main>
    }
}

fn summary(batch: &BatchDetail, language: Language) -> impl IntoView {
    let t = |key| text(language, key);
    view! {
        <h1>{format!("{} {}", t(Key::BatchWord), batch.number)}</h1>
        <p>{batch_status_badge(batch.status, batch.mismatch, language)}</p>
        <section class="card">
            <dl class="facts">
                <div><dt>{t(Key::HandedOverBy)}</dt><dd>{format!("{} · {}", batch.collector.name, local_time(language, &batch.handed_over_at))}</dd></div>
                <div><dt>{t(Key::Refurbisher)}</dt><dd>{format!("{}{}", batch.refurbisher.name, batch.received_at.as_deref().map(|at| format!(" · {}", local_time(language, at))).unwrap_or_default())}</dd></div>
                <div><dt>{t(Key::TotalWeightKg)}</dt><dd>{kilograms(language, batch.weight_kg)}</dd></div>
                {batch.notes.clone().map(|n| view! { <div><dt>{t(Key::Notes)}</dt><dd>{n}</dd></div> })}
            </dl>
            <table class="counts-table">
                <thead><tr><th>{t(Key::Category)}</th><th>{t(Key::Sent)}</th><th>{t(Key::Counted)}</th></tr></thead>
                <tbody>
                    {batch.counts.iter().map(|c| {
                        let differs = c.received.is_some_and(|r| r != c.sent);
                        view! {
                            <tr class=if differs { "differs" } else { "" }>
                                <td>{category_text(language, c.category)}</td>
                                <td>{c.sent}</td>
                                <td>{c.received.map(|r| r.to_string()).unwrap_or_else(|| "—".into())}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

/// The pickups and donors the batch came from, with each donor's certificate.
fn origin(batch: &BatchDetail, language: Language) -> impl IntoView {
    let t = |key| text(language, key);
    let printable = has_role(Role::Coordinator) || has_role(Role::Refurbisher);
    let mut donors: Vec<(String, String)> = batch
        .pickups
        .iter()
        .map(|p| (p.donor_id.clone(), p.donor_name.clone()))
        .collect();
    donors.sort();
    donors.dedup();
    view! {
        <section class="card">
            <h2>{t(Key::Origin)}</h2>
            <ul class="serial-list">
                {batch.pickups.iter().map(|p| view! {
                    <li>{format!("{} · {} · {}", p.donor_name, p.collected_at.as_deref().map(|at| local_time(language, at)).unwrap_or_default(), p.items)}</li>
                }).collect_view()}
            </ul>
            {printable.then(|| donors.into_iter().map(|(id, name)| view! {
                <p class="hint donor-name">{name.clone()}</p>
                <DownloadButton
                    url=format!("/api/donors/{id}/erasure-certificate.pdf")
                    file_name=format!("certificat-effacement-{}.pdf", name.to_lowercase().replace(' ', "-"))
                    label=Key::ErasureCertificate
                />
            }).collect_view())}
        </section>
    }
}

/// What a grouped move did: how many moved, and each refusal with its tag.
#[derive(Clone)]
struct GroupResult {
    moved: usize,
    refused: Vec<(String, ErrorCode)>,
}

/// The devices made from the batch; the workshop ticks several (or all) and
/// moves them in one go, each under the server's rules.
#[component]
fn BatchDevices(
    batch: BatchDetail,
    list: DeviceList,
    result: RwSignal<Option<GroupResult>>,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(Vec::<String>::new());
    let to = RwSignal::new(DeviceStatus::InRefurbishment);
    let weight = RwSignal::new(String::new());
    let moved_on = today_field();
    let error = RwSignal::new(None::<ApiError>);
    let tags: Vec<(String, String)> = list
        .items
        .iter()
        .map(|d| (d.id.clone(), d.tag.clone()))
        .collect();
    let moving = mutation(
        error,
        |(ids, step)| devices::move_many(ids, step),
        move |outcomes: Vec<devices::MoveOutcome>| {
            let tag_of = |id: &str| {
                tags.iter()
                    .find(|(i, _)| i == id)
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default()
            };
            let failed: Vec<(String, ErrorCode)> = outcomes
                .iter()
                .filter_map(|o| {
                    o.code.as_deref().map(|c| {
                        (
                            tag_of(&o.device_id),
                            ErrorCode::parse(c).unwrap_or(ErrorCode::Internal),
                        )
                    })
                })
                .collect();
            result.set(Some(GroupResult {
                moved: outcomes.len() - failed.len(),
                refused: failed,
            }));
            chosen.set(Vec::new());
            on_done();
        },
    );
    let apply = move |_| {
        let ids = chosen.get_untracked();
        if ids.is_empty() {
            return error.set(Some(ApiError::Server(ErrorCode::DeviceRequired)));
        }
        let target = to.get_untracked();
        let recycled_weight_kg = if target == DeviceStatus::Recycled {
            match shared_types::pickup::parse_weight_kg(&weight.get_untracked()) {
                Ok(grams) => Some(grams as f64 / 1000.0),
                Err(_) => {
                    return error.set(Some(ApiError::Server(ErrorCode::RecycledWeightRequired)));
                }
            }
        } else {
            None
        };
        let step = Move {
            to: target,
            reason: None,
            grade: None,
            recycled_weight_kg,
            on: happened_day(moved_on),
        };
        moving.dispatch_local((ids, step));
    };
    let labels = (list.total > 0).then(|| {
        view! {
            <DownloadButton
                url=format!("/api/devices/labels.pdf?batch={}", batch.id)
                file_name=format!("etiquettes-lot-{}.pdf", batch.number)
                label=Key::PrintLabels
            />
        }
    });
    let all: Vec<String> = list.items.iter().map(|d| d.id.clone()).collect();
    let every = all.len();
    let total = list.total;
    view! {
        <section class="card">
            <h2>{move || format!("{} ({total})", i18n.t(Key::Devices))}</h2>
            {(every > 1).then(|| view! {
                <label class="choice select-all">
                    <input type="checkbox" prop:checked=move || chosen.with(|c| c.len() == every) on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chosen.set(if on { all.clone() } else { Vec::new() });
                    } />
                    <span>{move || i18n.t(Key::SelectAll)}</span>
                </label>
            })}
            <ul class="device-list">
                {list.items.into_iter().map(|d| {
                    let name = [d.brand, d.model].into_iter().flatten().collect::<Vec<_>>().join(" ");
                    let (id, mine) = (d.id.clone(), d.id.clone());
                    let kind = d.kind;
                    let status = d.status;
                    view! {
                        <li class="ticked-device">
                            <input type="checkbox" aria-label=d.tag.clone()
                                prop:checked=move || chosen.with(|c| c.contains(&mine))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let id = id.clone();
                                    chosen.update(|c| if on { c.push(id) } else { c.retain(|x| *x != id) });
                                } />
                            <div>
                                <a href=format!("/d/{}", d.tag)><strong>{d.tag.clone()}</strong></a>
                                <span>{move || format!(" · {} {name} · ", one_of_category_text(i18n.language.get(), kind))}</span>
                                <span class="badge">{move || status_text(i18n.language.get(), status)}</span>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {(every > 0).then(|| view! {
                <div class="form group-move">
                    <label for="group-move-to">{move || i18n.t(Key::MoveTicked)}</label>
                    <select id="group-move-to" on:change=move |ev| if let Some(s) = DeviceStatus::parse(&event_target_value(&ev)) { to.set(s) }>
                        {[DeviceStatus::InRefurbishment, DeviceStatus::Recycled].into_iter().map(|s| view! {
                            <option value=s.as_str() prop:selected=move || to.get() == s>{move || format!("→ {}", status_text(i18n.language.get(), s))}</option>
                        }).collect_view()}
                    </select>
                    <Show when=move || to.get() == DeviceStatus::Recycled>
                        <TextField id="group-move-weight" label=Key::RecycledWeightEachKg value=weight kind=FieldKind::Decimal />
                    </Show>
                    <HappenedOn id="group-move-on" label=Key::MovedOn day=moved_on />
                    <ErrorMessage error=error />
                    <button type="button" class="button primary" on:click=apply prop:disabled=move || moving.pending().get()>{move || i18n.t(Key::MoveThem)}</button>
                </div>
            })}
            {move || result.get().map(|GroupResult { moved, refused }| view! {
                <div role="status">
                    <p class="success">{i18n.count(moved as u64, Key::DevicesMoved)}</p>
                    <ul class="refused">
                        {refused.into_iter().map(|(tag, code)| view! {
                            <li class="error">{format!("{tag} : {}", ApiError::Server(code).message(i18n.language.get()))}</li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            {labels}
        </section>
    }
}

/// The refurbisher counts what arrived; the form starts from what was sent.
#[component]
fn ReceiveForm(
    batch: BatchDetail,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let counts = empty_counts();
    for (category, value) in &counts {
        if let Some(c) = batch.counts.iter().find(|c| c.category == *category) {
            value.set(c.sent.to_string());
        }
    }
    let notes = RwSignal::new(String::new());
    let received_on = today_field();
    let error = RwSignal::new(None::<ApiError>);
    let receiving = mutation(
        error,
        |(id, counts, notes, on)| batches::receive(id, counts, notes, on),
        move |()| on_done(),
    );
    let id = batch.id.clone();
    let counts_for_save = counts.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let counted = typed_counts(&counts_for_save);
        if counted.iter().any(|c| c.count < 0) {
            return error.set(Some(ApiError::Server(ErrorCode::CountNegative)));
        }
        let notes = Some(notes.get_untracked().trim().to_string()).filter(|n| !n.is_empty());
        let counted = counted.into_iter().filter(|c| c.count != 0).collect();
        receiving.dispatch_local((id.clone(), counted, notes, happened_day(received_on)));
    };
    view! {
        <form class="form card" novalidate on:submit=submit>
            <h2>{move || i18n.t(Key::ConfirmReceipt)}</h2>
            <p class="hint">{move || i18n.t(Key::ConfirmReceiptHint)}</p>
            <CountSteppers counts=counts />
            <TextField id="receipt-notes" label=Key::Notes value=notes />
            <HappenedOn id="received-on" label=Key::ReceivedOn day=received_on />
            <ErrorMessage error=error />
            <button type="submit" class="button primary" prop:disabled=move || receiving.pending().get()>{move || i18n.t(Key::ConfirmReceipt)}</button>
        </form>
    }
}
