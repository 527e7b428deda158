//! Logging a pickup on the phone, with or without network. The form checks
//! what the server will check (the rules in `shared-types`), then hands the
//! pickup to the outbox, which sends it as soon as it can.

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::{use_navigate, use_query_map};
use shared_types::{
    ErrorCode, MaterialCategory, Role,
    pickup::{
        self, ItemSerial, MAX_PHOTOS, PHOTO_MAX_SIDE, check_material, check_signature,
        clean_serials, parse_weight_kg,
    },
    text::search_key,
};
use wasm_bindgen::JsCast;

use crate::{
    api::{self, ApiError, donors, pickups},
    app::use_auth,
    browser::{self, Position},
    components::{
        CountSteppers, ErrorMessage, FieldKind, SignaturePad, TextField, TopBar, empty_counts,
        local_to_iso, typed_counts, wire_strokes,
    },
    i18n::{Key, category_text, use_i18n},
    outbox::{EntryMeta, EntryStatus, use_outbox},
    pages::donors::{DonorFields, DonorFieldsState},
};

/// The donor the pickup is from: one already known, or one typed here.
#[derive(Debug, Clone, PartialEq)]
struct ChosenDonor {
    id: String,
    name: String,
    address: Option<String>,
}

struct PhotoDraft {
    id: String,
    blob: web_sys::Blob,
    preview: String,
}

/// "2026-11-24T10:42", the phone's local time, for a datetime-local input.
fn local_now() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date(),
        now.get_hours(),
        now.get_minutes()
    )
}

fn place_of(donor: &donors::DonorRow) -> String {
    [donor.postcode.clone(), donor.city.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn NewPickupPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let allowed = move || {
        auth.me.with(|me| {
            me.as_ref()
                .is_some_and(|me| me.has_role(Role::CollectionAgent))
        })
    };
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/pickups">{move || format!("← {}", i18n.t(Key::Pickups))}</a>
            <h1>{move || i18n.t(Key::NewPickup)}</h1>
            <Show
                when=allowed
                fallback=|| view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }
            >
                <PickupForm />
            </Show>
        </main>
    }
}

#[component]
fn PickupForm() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let outbox = use_outbox();
    let navigate = use_navigate();
    let query = use_query_map();
    let planned_id = query.with_untracked(|q| q.get("planned"));
    let client_uuid = browser::new_uuid();

    let chosen = RwSignal::new(query.with_untracked(|q| {
        q.get("donor").map(|id| ChosenDonor {
            id,
            name: q.get("donor_name").unwrap_or_default(),
            address: q.get("address"),
        })
    }));
    let typing_new = RwSignal::new(false);
    let new_donor = DonorFieldsState::new();
    let collected_at = RwSignal::new(local_now());
    let address = RwSignal::new(String::new());
    let counts = empty_counts();
    let serials =
        RwSignal::new(Vec::<(usize, RwSignal<MaterialCategory>, RwSignal<String>)>::new());
    let weight = RwSignal::new(String::new());
    let photos = RwSignal::new(Vec::<PhotoDraft>::new());
    let strokes = RwSignal::new(Vec::<Vec<i32>>::new());
    let signed_by = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let position = RwSignal::new(None::<Position>);
    let locating = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let saving = RwSignal::new(false);

    let counts_for_submit = counts.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fail = |code: ErrorCode| error.set(Some(ApiError::Server(code)));
        let (donor_id, new_donor, donor_name) =
            match (chosen.get_untracked(), typing_new.get_untracked()) {
                (Some(donor), false) => (Some(donor.id), None, donor.name),
                (_, true) => match new_donor.check() {
                    Ok(draft) => {
                        let name = draft.name.clone();
                        match api::retype::<_, pickups::NewPickupDonor>(draft) {
                            Ok(draft) => (None, Some(draft), name),
                            Err(e) => return error.set(Some(e)),
                        }
                    }
                    Err(code) => return fail(code),
                },
                (None, false) => return fail(ErrorCode::DonorRequired),
            };
        let material = typed_counts(&counts_for_submit);
        let noted: Vec<ItemSerial> = serials.with_untracked(|rows| {
            rows.iter()
                .map(|(_, category, serial)| ItemSerial {
                    category: category.get_untracked(),
                    serial: serial.get_untracked(),
                })
                .collect()
        });
        let noted = clean_serials(&noted);
        let grams = match parse_weight_kg(&weight.get_untracked()) {
            Ok(grams) => grams,
            Err(code) => return fail(code),
        };
        if let Err(code) = check_material(&material, &noted, grams) {
            return fail(code);
        }
        let signature = strokes.get_untracked();
        if let Err(code) = check_signature(&signature) {
            return fail(code);
        }
        let Some(collected) = local_to_iso(&collected_at.get_untracked()) else {
            return fail(ErrorCode::TimeInFuture);
        };
        let now = js_sys::Date::now();
        if js_sys::Date::new(&collected.clone().into()).get_time() > now + 15.0 * 60_000.0 {
            return fail(ErrorCode::TimeInFuture);
        }
        let Some(user_id) = auth
            .me
            .with_untracked(|me| me.as_ref().map(|m| m.id.clone()))
        else {
            return;
        };
        let item_count: i64 = material.iter().map(|c| c.count).sum();
        let text = |signal: RwSignal<String>| {
            Some(signal.get_untracked().trim().to_string()).filter(|t| !t.is_empty())
        };
        let counts: Vec<_> = material.into_iter().filter(|c| c.count != 0).collect();
        let (Ok(counts), Ok(serials)) = (api::retype(counts), api::retype(noted)) else {
            return fail(ErrorCode::Internal);
        };
        let input = pickups::NewPickup {
            client_uuid: client_uuid.clone(),
            scheduled_pickup_id: planned_id.clone(),
            donor_id,
            new_donor,
            collected_at: collected,
            address: text(address),
            counts,
            serials,
            weight_kg: grams as f64 / 1000.0,
            location: position
                .get_untracked()
                .map(|p| pickups::NewPickupLocation {
                    latitude: p.latitude,
                    longitude: p.longitude,
                    accuracy_m: p.accuracy,
                }),
            signature: wire_strokes(signature),
            signed_by: text(signed_by),
            notes: text(notes),
        };
        let meta = EntryMeta {
            user_id,
            status: EntryStatus::Waiting,
            pickup_id: None,
            donor_name,
            item_count,
            weight_kg: grams as f64 / 1000.0,
            saved_at: String::from(js_sys::Date::new_0().to_iso_string()),
            input: Some(input),
        };
        let files: Vec<(String, web_sys::Blob)> =
            photos.with_untracked(|p| p.iter().map(|p| (p.id.clone(), p.blob.clone())).collect());
        error.set(None);
        saving.set(true);
        let navigate = navigate.clone();
        let id = client_uuid.clone();
        spawn_local(async move {
            match outbox.add(id, meta, files).await {
                Ok(()) => navigate("/pickups", Default::default()),
                Err(_) => {
                    saving.set(false);
                    error.set(Some(ApiError::Server(ErrorCode::Internal)));
                }
            }
        });
    };

    let add_photos = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(files) = input.files() else { return };
        let selected: Vec<web_sys::File> =
            (0..files.length()).filter_map(|i| files.get(i)).collect();
        input.set_value("");
        spawn_local(async move {
            for file in selected {
                if photos.with_untracked(Vec::len) >= MAX_PHOTOS {
                    error.set(Some(ApiError::Server(ErrorCode::TooManyPhotos)));
                    break;
                }
                match browser::shrink_photo(&file, PHOTO_MAX_SIDE).await {
                    Ok(blob) => {
                        let preview = browser::object_url(&blob);
                        photos.update(|p| {
                            p.push(PhotoDraft {
                                id: browser::new_uuid(),
                                blob,
                                preview,
                            })
                        });
                    }
                    Err(_) => error.set(Some(ApiError::Server(ErrorCode::PhotoNotImage))),
                }
            }
        });
    };

    let locate = move |_| {
        locating.set(true);
        spawn_local(async move {
            position.set(browser::current_position().await);
            locating.set(false);
        });
    };

    view! {
        <form class="form pickup-form" novalidate on:submit=submit>
            <DonorPicker chosen=chosen typing_new=typing_new new_donor=new_donor />

            <h2 class="section-title">{move || i18n.t(Key::WhatWasTaken)}</h2>
            <CountSteppers counts=counts.clone() />
            <TextField id="weight" label=Key::TotalWeightKg value=weight kind=FieldKind::Decimal hint=Key::WeightHint />

            <details class="serials">
                <summary>{move || i18n.t(Key::SerialNumbers)}</summary>
                <p class="hint">{move || i18n.t(Key::SerialNumbersHint)}</p>
                {move || {
                    serials
                        .get()
                        .into_iter()
                        .map(|(key, category, serial)| {
                            view! {
                                <div class="serial-row">
                                    <select
                                        aria-label=move || i18n.t(Key::Category)
                                        on:change=move |ev| {
                                            if let Some(c) = MaterialCategory::parse(&event_target_value(&ev)) {
                                                category.set(c);
                                            }
                                        }
                                    >
                                        {MaterialCategory::ALL
                                            .iter()
                                            .map(|c| {
                                                let c = *c;
                                                view! {
                                                    <option value=c.as_str() selected=move || category.get() == c>
                                                        {move || category_text(i18n.language.get(), c)}
                                                    </option>
                                                }
                                            })
                                            .collect_view()}
                                    </select>
                                    <input
                                        type="text"
                                        autocapitalize="characters"
                                        spellcheck="false"
                                        maxlength=pickup::MAX_SERIAL_CHARS.to_string()
                                        aria-label=move || i18n.t(Key::SerialNumber)
                                        prop:value=serial
                                        on:input=move |ev| serial.set(event_target_value(&ev))
                                    />
                                    <button
                                        type="button"
                                        class="link-button"
                                        on:click=move |_| serials.update(|rows| rows.retain(|(k, _, _)| *k != key))
                                    >
                                        {move || i18n.t(Key::Remove)}
                                    </button>
                                </div>
                            }
                        })
                        .collect_view()
                }}
                <button
                    type="button"
                    class="button small"
                    on:click=move |_| {
                        serials.update(|rows| {
                            let key = rows.iter().map(|(k, _, _)| k + 1).max().unwrap_or(0);
                            let last = rows.last().map(|(_, c, _)| c.get_untracked()).unwrap_or(MaterialCategory::Laptop);
                            rows.push((key, RwSignal::new(last), RwSignal::new(String::new())));
                        })
                    }
                >
                    {move || i18n.t(Key::AddSerial)}
                </button>
            </details>

            <h2 class="section-title">{move || i18n.t(Key::Photos)}</h2>
            <div class="photos">
                {move || {
                    photos
                        .with(|p| p.iter().map(|p| (p.id.clone(), p.preview.clone())).collect::<Vec<_>>())
                        .into_iter()
                        .map(|(id, preview)| {
                            view! {
                                <figure class="photo">
                                    <img src=preview alt="" />
                                    <button
                                        type="button"
                                        class="link-button"
                                        on:click=move |_| photos.update(|p| p.retain(|p| p.id != id))
                                    >
                                        {move || i18n.t(Key::Remove)}
                                    </button>
                                </figure>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <label class="button" for="photo-input">{move || i18n.t(Key::TakePhoto)}</label>
            <input
                id="photo-input"
                class="visually-hidden"
                type="file"
                accept="image/*"
                capture="environment"
                multiple
                on:change=add_photos
            />

            <h2 class="section-title">{move || i18n.t(Key::WhenAndWhere)}</h2>
            <label for="collected-at">{move || i18n.t(Key::CollectedAt)}</label>
            <input
                id="collected-at"
                type="datetime-local"
                prop:value=collected_at
                on:input=move |ev| collected_at.set(event_target_value(&ev))
            />
            <TextField id="pickup-address" label=Key::PickupAddress value=address hint=Key::PickupAddressHint autocomplete="street-address" />
            <div class="gps">
                {move || match position.get() {
                    Some(p) => view! {
                        <p class="success">
                            {format!(
                                "{} {:.5}, {:.5}{}",
                                i18n.t(Key::PositionNoted),
                                p.latitude,
                                p.longitude,
                                p.accuracy.map(|a| format!(" (± {a:.0} m)")).unwrap_or_default()
                            )}
                        </p>
                    }
                        .into_any(),
                    None => view! {
                        <button type="button" class="button small" disabled=locating on:click=locate>
                            {move || i18n.t(if locating.get() { Key::Locating } else { Key::NotePosition })}
                        </button>
                    }
                        .into_any(),
                }}
            </div>

            <h2 class="section-title">{move || i18n.t(Key::DonorSignature)}</h2>
            <SignaturePad strokes=strokes />
            <TextField id="signed-by" label=Key::SignedBy value=signed_by />
            <label for="notes">{move || i18n.t(Key::Notes)}</label>
            <textarea
                id="notes"
                rows="3"
                maxlength=pickup::MAX_NOTES_CHARS.to_string()
                prop:value=notes
                on:input=move |ev| notes.set(event_target_value(&ev))
            ></textarea>

            <ErrorMessage error=error />
            {move || outbox.storage_failed.get().then(|| view! { <p class="error">{i18n.t(Key::StorageFailed)}</p> })}
            <button type="submit" class="button primary" disabled=saving>
                {move || i18n.t(if saving.get() { Key::Saving } else { Key::SavePickup })}
            </button>
            <p class="hint">{move || i18n.t(Key::SavePickupHint)}</p>
        </form>
    }
}

/// Picks the donor among those kept on the phone (searching without
/// accents), or opens the fields for a new one.
#[component]
fn DonorPicker(
    chosen: RwSignal<Option<ChosenDonor>>,
    typing_new: RwSignal<bool>,
    new_donor: DonorFieldsState,
) -> impl IntoView {
    let i18n = use_i18n();
    let known = LocalResource::new(donors::for_picker);
    let typed = RwSignal::new(String::new());
    let matches = move || {
        let words = search_key(&typed.get());
        let all = known.get().unwrap_or_default();
        all.into_iter()
            .filter(|d| {
                let key = search_key(&format!("{} {}", d.name, place_of(d)));
                words
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .all(|w| key.contains(w))
            })
            .take(6)
            .collect::<Vec<_>>()
    };
    // The donor being typed may be known already (same name and postcode).
    let same_as_known = move || {
        if !typing_new.get() {
            return None;
        }
        let name = search_key(&new_donor.name.get());
        let postcode: String = new_donor.postcode.get().split_whitespace().collect();
        if name.is_empty() {
            return None;
        }
        known.get().unwrap_or_default().into_iter().find(|d| {
            search_key(&d.name) == name
                && d.postcode
                    .clone()
                    .unwrap_or_default()
                    .split_whitespace()
                    .collect::<String>()
                    == postcode
        })
    };
    let choose = move |d: donors::DonorRow| {
        chosen.set(Some(ChosenDonor {
            id: d.id,
            name: d.name,
            address: [
                d.address,
                d.postcode.zip(d.city).map(|(p, c)| format!("{p} {c}")),
            ]
            .into_iter()
            .flatten()
            .reduce(|a, b| format!("{a}, {b}")),
        }));
        typing_new.set(false);
    };
    view! {
        <h2 class="section-title">{move || i18n.t(Key::Donor)}</h2>
        {move || match (chosen.get(), typing_new.get()) {
            (Some(donor), false) => view! {
                <div class="card chosen-donor">
                    <strong>{donor.name}</strong>
                    {donor.address.map(|a| view! { <span class="muted">{a}</span> })}
                    <button type="button" class="link-button" on:click=move |_| chosen.set(None)>
                        {i18n.t(Key::ChangeDonor)}
                    </button>
                </div>
            }
                .into_any(),
            (_, true) => view! {
                <div class="card new-donor">
                    <DonorFields state=new_donor prefix="new-donor" />
                    {move || same_as_known().map(|d| {
                        let label = format!("{} {}", i18n.t(Key::UseThisDonor), d.name);
                        view! {
                            <p class="notice">{i18n.t(Key::DonorAlreadyKnown)}</p>
                            <button type="button" class="button small" on:click=move |_| choose(d.clone())>{label}</button>
                        }
                    })}
                    <button type="button" class="link-button" on:click=move |_| typing_new.set(false)>
                        {i18n.t(Key::PickKnownDonor)}
                    </button>
                </div>
            }
                .into_any(),
            (None, false) => view! {
                <label for="donor-picker">{i18n.t(Key::FindDonor)}</label>
                <input
                    id="donor-picker"
                    type="search"
                    autocomplete="off"
                    prop:value=typed
                    on:input=move |ev| typed.set(event_target_value(&ev))
                />
                <ul class="picker">
                    {move || matches()
                        .into_iter()
                        .map(|d| {
                            let label = format!("{} · {}", d.name, place_of(&d));
                            view! {
                                <li>
                                    <button type="button" class="pick" on:click=move |_| choose(d.clone())>{label}</button>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <button type="button" class="button small" on:click=move |_| typing_new.set(true)>
                    {i18n.t(Key::NewDonorHere)}
                </button>
            }
                .into_any(),
        }}
    }
}
