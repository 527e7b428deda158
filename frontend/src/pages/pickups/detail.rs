//! One pickup: what was taken, photos, signature, and the donor's receipt.

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_params_map;
use shared_types::{Language, PickupStatus, pickup::ItemSerial};

use crate::components::SignatureView;
use crate::{
    api::{self, ApiError, files, pickups},
    browser,
    components::{ErrorMessage, TopBar, loaded, mutation},
    i18n::{Key, category_text, count, kilograms, local_time, photo_link_text, use_i18n},
};

#[component]
pub fn PickupPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let pickup = LocalResource::new(move || pickups::get(id()));
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/pickups">{move || format!("← {}", i18n.t(Key::Pickups))}</a>
            {move || loaded(pickup.get(), move |p| {
                    let scheduled = p.status == PickupStatus::Scheduled;
                    let collected = p.status == PickupStatus::Collected;
                    let pickup_id = p.id.clone();
                    let correcting = p.clone();
                    view! {
                        {detail(p, i18n.language.get())}
                        {scheduled.then(|| view! { <CancelPlanned pickup_id=pickup_id on_done=move || pickup.refetch() /> })}
                        {collected.then(|| view! { <CorrectMaterial pickup=correcting on_done=move || pickup.refetch() /> })}
                    }
                        .into_any()
                })}
        </main>
    }
}

fn detail(p: pickups::PickupDetail, language: Language) -> impl IntoView {
    let t = |key| crate::i18n::text(language, key);
    let when = p
        .collected_at
        .clone()
        .or(p.scheduled_for.clone())
        .map(|at| local_time(language, &at))
        .unwrap_or_default();
    let collected = p.status == PickupStatus::Collected;
    let status = match p.status {
        PickupStatus::Scheduled => t(Key::StatusScheduled),
        PickupStatus::Collected => t(Key::StatusCollected),
        PickupStatus::Cancelled => t(Key::StatusCancelled),
    };
    let map = p.location.as_ref().map(|l| {
        (
            format!(
                "https://www.openstreetmap.org/?mlat={:.5}&mlon={:.5}#map=18/{:.5}/{:.5}",
                l.latitude, l.longitude, l.latitude, l.longitude
            ),
            format!("{:.5}, {:.5}", l.latitude, l.longitude),
        )
    });
    let id = p.id.clone();
    view! {
        <h1>{p.donor.name.clone()}</h1>
        <p><span class="badge">{status}</span> " " <span class="muted">{when}</span></p>
        <section class="card">
            <dl class="facts">
                {p.address.clone().map(|a| view! { <div><dt>{t(Key::PickupAddress)}</dt><dd>{a}</dd></div> })}
                {p.donor.contact_name.clone().map(|c| view! { <div><dt>{t(Key::ContactPerson)}</dt><dd>{c}</dd></div> })}
                {p.donor.phone.clone().map(|ph| view! { <div><dt>{t(Key::Phone)}</dt><dd><a href=format!("tel:{}", ph.replace(' ', ""))>{ph.clone()}</a></dd></div> })}
                <div><dt>{t(Key::Collector)}</dt><dd>{p.organisation.name.clone()}</dd></div>
                {map.map(|(href, text)| view! { <div><dt>{t(Key::Position)}</dt><dd><a href=href rel="noopener noreferrer" target="_blank">{text}</a></dd></div> })}
            </dl>
        </section>
        {collected.then(|| view! {
            <section class="card">
                <h2>{t(Key::WhatWasTaken)}</h2>
                <dl class="stock-list">
                    {p.counts.iter().map(|c| view! { <div><dt>{category_text(language, c.category)}</dt><dd>{c.count}</dd></div> }).collect_view()}
                </dl>
                <p>{format!(
                    "{} · {}",
                    count(language, p.item_count.max(0) as u64, Key::Items),
                    p.weight_kg.map(|kg| kilograms(language, kg)).unwrap_or_default()
                )}</p>
                {(!p.serials.is_empty()).then(|| view! {
                    <h3>{t(Key::SerialNumbers)}</h3>
                    <ul class="serial-list">
                        {p.serials.iter().map(|s| view! { <li>{format!("{} — {}", category_text(language, s.category), s.serial)}</li> }).collect_view()}
                    </ul>
                })}
            </section>
        })}
        {(!p.photos.is_empty()).then(|| view! {
            <section class="card">
                <h2>{t(Key::Photos)}</h2>
                <div class="photos">
                    {p.photos.iter().enumerate().map(|(i, photo)| {
                        let label = photo_link_text(language, i + 1, p.photos.len());
                        view! { <Photo url=photo.url.clone() label=label /> }
                    }).collect_view()}
                </div>
            </section>
        })}
        {collected.then(|| view! {
            <section class="card">
                <h2>{t(Key::DonorSignature)}</h2>
                {if p.signature.is_empty() {
                    view! { <p class="muted">{t(Key::NotSigned)}</p> }.into_any()
                } else {
                    view! { <SignatureView strokes=p.signature.clone() /> }.into_any()
                }}
                {p.signed_by.clone().map(|s| view! { <p>{s}</p> })}
            </section>
            <Receipt pickup_id=id.clone() />
        })}
        {p.notes.clone().map(|n| view! { <section class="card"><h2>{t(Key::Notes)}</h2><p class="pre">{n}</p></section> })}
        {p.cancel_reason.clone().map(|r| view! { <p class="notice">{r}</p> })}
    }
}

/// A photo fetched with the session (photos are not public files).
#[component]
fn Photo(url: String, label: String) -> impl IntoView {
    let source = LocalResource::new(move || files::object_url(url.clone()));
    move || {
        source.get().and_then(Result::ok).map(|src| {
            let href = src.clone();
            // The link's name is on the image: a picture-only link is
            // otherwise announced as its blob: address, or as nothing.
            view! {
                <a class="photo" href=href target="_blank">
                    <img src=src alt=label.clone() />
                </a>
            }
        })
    }
}

/// The donor's receipt: downloaded as a PDF, or handed to the phone's share sheet.
#[component]
fn Receipt(pickup_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let file = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<ApiError>);
    let loading = RwSignal::new(false);
    let file_name = format!("recu-collecte-{}.pdf", &pickup_id[..8.min(pickup_id.len())]);
    let prepare = move |_| {
        let url = pickups::receipt_url(&pickup_id);
        loading.set(true);
        spawn_local(async move {
            match files::object_url(url).await {
                Ok(object_url) => file.set(Some(object_url)),
                Err(e) => error.set(Some(e)),
            }
            loading.set(false);
        });
    };
    view! {
        <section class="card receipt">
            <h2>{move || i18n.t(Key::Receipt)}</h2>
            <p class="hint">{move || i18n.t(Key::ReceiptHint)}</p>
            {move || match file.get() {
                None => view! {
                    <button type="button" class="button primary" disabled=loading on:click=prepare.clone()>
                        {move || i18n.t(if loading.get() { Key::Loading } else { Key::PrepareReceipt })}
                    </button>
                }
                    .into_any(),
                Some(href) => {
                    let (share_href, share_name) = (href.clone(), file_name.clone());
                    view! {
                        <a class="button primary" href=href download=file_name.clone()>{i18n.t(Key::DownloadReceipt)}</a>
                        <button type="button" class="button" on:click=move |_| {
                            let (href, name) = (share_href.clone(), share_name.clone());
                            spawn_local(async move {
                                let title = crate::i18n::text(i18n.language.get_untracked(), Key::Receipt);
                                if !browser::share_file(&href, &name, title).await {
                                    error.set(Some(ApiError::Server(shared_types::ErrorCode::BadRequest)));
                                }
                            });
                        }>{i18n.t(Key::ShareReceipt)}</button>
                    }
                        .into_any()
                }
            }}
            <ErrorMessage error=error />
        </section>
    }
}

/// Calls off a planned pickup, saying why (kept with it).
#[component]
fn CancelPlanned(
    pickup_id: String,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let auth = crate::app::use_auth();
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let agent = move || auth.has_role(shared_types::Role::CollectionAgent);
    let cancelling = mutation(
        error,
        |(id, reason)| pickups::cancel(id, reason),
        move |()| on_done(),
    );
    let cancel = move |_| {
        let reason = Some(reason.get_untracked().trim().to_string()).filter(|r| !r.is_empty());
        cancelling.dispatch_local((pickup_id.clone(), reason));
    };
    view! {
        <Show when=agent>
            <section class="card">
                <crate::components::TextField id="cancel-reason" label=Key::CancelReason value=reason />
                <ErrorMessage error=error />
                <button type="button" class="button" on:click=cancel.clone() prop:disabled=move || cancelling.pending().get()>{move || i18n.t(Key::CancelPickup)}</button>
            </section>
        </Show>
    }
}

/// Corrects a miscount noticed back at the depot (agents of the collector).
#[component]
fn CorrectMaterial(
    pickup: pickups::PickupDetail,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    use shared_types::pickup::{check_material, parse_weight_kg};

    use crate::components::{CountSteppers, empty_counts, typed_counts};

    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let counts = empty_counts();
    for (category, value) in &counts {
        if let Some(c) = pickup.counts.iter().find(|c| c.category == *category) {
            value.set(c.count.to_string());
        }
    }
    let weight = RwSignal::new(
        pickup
            .weight_kg
            .map(|kg| {
                kilograms(i18n.language.get_untracked(), kg)
                    .trim_end_matches(" kg")
                    .to_string()
            })
            .unwrap_or_default(),
    );
    let notes = RwSignal::new(pickup.notes.clone().unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let agent = move || crate::app::has_role(shared_types::Role::CollectionAgent);
    let serials: Vec<ItemSerial> = api::retype(pickup.serials.clone()).unwrap_or_default();
    let id = pickup.id.clone();
    let saving = mutation(
        error,
        |(id, counts, serials, kg, notes)| pickups::correct(id, counts, serials, kg, notes),
        move |()| {
            open.set(false);
            on_done();
        },
    );
    let counts_for_save = counts.clone();
    let counts = StoredValue::new(counts);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let material = typed_counts(&counts_for_save);
        let grams = match parse_weight_kg(&weight.get_untracked()) {
            Ok(grams) => grams,
            Err(code) => return error.set(Some(ApiError::Server(code))),
        };
        if let Err(code) = check_material(&material, &serials, grams) {
            return error.set(Some(ApiError::Server(code)));
        }
        let counts = material.into_iter().filter(|c| c.count != 0).collect();
        let notes = Some(notes.get_untracked().trim().to_string()).filter(|n| !n.is_empty());
        let kg = grams as f64 / 1000.0;
        saving.dispatch_local((id.clone(), counts, serials.clone(), kg, notes));
    };
    agent().then(|| view! {
            <Show
                when=move || open.get()
                fallback=move || view! {
                    <button type="button" class="button" on:click=move |_| open.set(true)>{move || i18n.t(Key::CorrectPickup)}</button>
                }
            >
                <form class="form card" novalidate on:submit=save.clone()>
                    <h2>{move || i18n.t(Key::CorrectPickup)}</h2>
                    <CountSteppers counts=counts.get_value() />
                    <crate::components::TextField id="correct-weight" label=Key::TotalWeightKg value=weight kind=crate::components::FieldKind::Decimal />
                    <crate::components::TextField id="correct-notes" label=Key::Notes value=notes />
                    <ErrorMessage error=error />
                    <button type="submit" class="button primary" prop:disabled=move || saving.pending().get()>{move || i18n.t(Key::SaveCorrection)}</button>
                </form>
            </Show>
    })
}
