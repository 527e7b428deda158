//! One batch: what was sent and counted, where it came from, the devices
//! made from it, their labels and the yield.

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_params_map;
use shared_types::{BatchStatus, ErrorCode, Language, Role};

use super::{batch_status_badge, recycling::BulkRecyclingSection, yield_view};
use crate::app::has_role;
use crate::{
    api::{
        ApiError,
        batches::{self, BatchDetail, BatchWithDevices as Page, DeviceList},
    },
    components::{DownloadButton, ErrorMessage, TextField, TopBar},
    i18n::{Key, category_text, kilograms, local_time, status_text, text, use_i18n},
    pages::{
        devices::DeviceForm,
        pickups::{CountSteppers, empty_counts, typed_counts},
    },
};

#[component]
pub fn BatchPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let with_devices = has_role(Role::Coordinator) || has_role(Role::Refurbisher);
    let page = LocalResource::new(move || batches::get(id(), with_devices));
    let reload = move || page.refetch();
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/batches">{move || format!("← {}", i18n.t(Key::Batches))}</a>
            {move || match page.get() {
                None => view! { <p class="loading" role="status">{i18n.t(Key::Loading)}</p> }.into_any(),
                Some(Err(e)) => view! { <ErrorMessage error=Signal::derive(move || Some(e.clone())) /> }.into_any(),
                Some(Ok(Page { batch, devices })) => {
                    let language = i18n.language.get();
                    let receivable = batch.status == BatchStatus::HandedOver && has_role(Role::Refurbisher);
                    let received = batch.status == BatchStatus::Received;
                    view! {
                        {summary(&batch, language)}
                        {receivable.then(|| view! { <ReceiveForm batch=batch.clone() on_done=reload /> })}
                        {origin(&batch, language)}
                        {devices.map(|list| devices_view(&batch, list, language))}
                        {(received && with_devices).then(|| view! { <DeviceForm batch=Some(batch.clone()) /> })}
                        {(received && (has_role(Role::Refurbisher) || has_role(Role::Coordinator))).then(|| view! {
                            <BulkRecyclingSection batch_id=batch.id.clone() entries=batch.bulk_recycling.clone() on_done=reload />
                        })}
                        {batch.batch_yield.clone().filter(|_| received && with_devices).map(|y| view! {
                            <section class="card yield"><h2>{text(language, Key::YieldTitle)}</h2>{yield_view(y, language)}</section>
                        })}
                    }
                        .into_any()
                }
            }}
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

fn devices_view(batch: &BatchDetail, list: DeviceList, language: Language) -> impl IntoView {
    let t = |key| text(language, key);
    let labels = (list.total > 0).then(|| {
        view! {
            <DownloadButton
                url=format!("/api/devices/labels.pdf?batch={}", batch.id)
                file_name=format!("etiquettes-lot-{}.pdf", batch.number)
                label=Key::PrintLabels
            />
        }
    });
    view! {
        <section class="card">
            <h2>{format!("{} ({})", t(Key::Devices), list.total)}</h2>
            <ul class="device-list">
                {list.items.into_iter().map(|d| {
                    let name = [d.brand, d.model].into_iter().flatten().collect::<Vec<_>>().join(" ");
                    view! {
                        <li>
                            <a href=format!("/d/{}", d.tag)><strong>{d.tag.clone()}</strong></a>
                            {format!(" · {} {name} · ", category_text(language, d.kind))}
                            <span class="badge">{status_text(language, d.status)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
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
    let error = RwSignal::new(None::<ApiError>);
    let id = batch.id.clone();
    let counts_for_save = counts.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let counted = typed_counts(&counts_for_save);
        if counted.iter().any(|c| c.count < 0) {
            return error.set(Some(ApiError::Server(ErrorCode::CountNegative)));
        }
        let (id, on_done) = (id.clone(), on_done.clone());
        let notes = Some(notes.get_untracked().trim().to_string()).filter(|n| !n.is_empty());
        spawn_local(async move {
            match batches::receive(
                id,
                counted.into_iter().filter(|c| c.count != 0).collect(),
                notes,
            )
            .await
            {
                Ok(()) => on_done(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <form class="form card" novalidate on:submit=submit>
            <h2>{move || i18n.t(Key::ConfirmReceipt)}</h2>
            <p class="hint">{move || i18n.t(Key::ConfirmReceiptHint)}</p>
            <CountSteppers counts=counts />
            <TextField id="receipt-notes" label=Key::Notes value=notes />
            <ErrorMessage error=error />
            <button type="submit" class="button primary">{move || i18n.t(Key::ConfirmReceipt)}</button>
        </form>
    }
}
