//! Recording a device, from a received batch or a purchase.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::{
    DeviceSource, ErrorCode, MaterialCategory, MediumKind, Role, device::holds_data,
};

use crate::{
    api::{
        ApiError,
        batches::{self, BatchDetail},
        devices::{self, NewDevice, NewDeviceMedium as NewMedium},
    },
    app::has_role,
    components::{
        ErrorMessage, FieldKind, HappenedOn, TextField, happened_day, mutation, today_field,
    },
    i18n::{Key, category_text, use_i18n},
    pages::devices::medium_text,
};

/// Records a device: from a received batch (a donation), or bought.
#[component]
pub fn DeviceForm(batch: Option<BatchDetail>) -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let open = RwSignal::new(false);
    let kind = RwSignal::new(MaterialCategory::Laptop);
    let (brand, model, serial, cpu, ram, storage, screen, os, tag) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let medium_kind = RwSignal::new(Some(MediumKind::Ssd));
    let pickup = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let saving = mutation(error, devices::create, move |tag: String| {
        navigate(&format!("/d/{tag}"), Default::default())
    });
    let supplier = RwSignal::new(String::new());
    let price = RwSignal::new(String::new());
    let purchased_on = RwSignal::new(crate::browser::today_input());
    let funder = RwSignal::new(String::new());
    let received_on = today_field();
    let workshop = RwSignal::new(String::new());
    let purchase = batch.is_none();
    // A workshop's own purchases are its own; the coordinator or the
    // collector says which workshop prepares the computer (or none: bought
    // already refurbished).
    let names_workshop = purchase && !has_role(Role::Refurbisher);
    let pickups = batch
        .as_ref()
        .map(|b| b.pickups.clone())
        .unwrap_or_default();
    let several = pickups.len() > 1;
    let batch_id = batch.as_ref().map(|b| b.id.clone());
    let number = |s: RwSignal<String>| -> Result<Option<f64>, ErrorCode> {
        let text = s.get_untracked().trim().replace(',', ".");
        if text.is_empty() {
            return Ok(None);
        }
        text.parse::<f64>()
            .map(Some)
            .map_err(|_| ErrorCode::SpecsInvalid)
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|t| !t.is_empty())
        };
        let specs = (number(ram), number(storage), number(screen));
        let (Ok(ram_gb), Ok(storage_gb), Ok(screen_inches)) = specs else {
            return error.set(Some(ApiError::Server(ErrorCode::SpecsInvalid)));
        };
        let (ram_gb, storage_gb) = (ram_gb.map(|r| r as i32), storage_gb.map(|s| s as i32));
        if let Err(code) = shared_types::device::check_specs(ram_gb, storage_gb, screen_inches) {
            return error.set(Some(ApiError::Server(code)));
        }
        // The storage typed above is the medium to erase; more can be added on the device.
        let media: Vec<NewMedium> = medium_kind
            .get_untracked()
            .map(|kind| NewMedium {
                kind,
                capacity_gb: storage_gb.map(i64::from),
                serial: None,
            })
            .into_iter()
            .collect();
        let price_euros = match number(price) {
            Ok(p) => p,
            Err(_) => return error.set(Some(ApiError::Server(ErrorCode::PriceInvalid))),
        };
        if purchase && (text(supplier).is_none() || price_euros.is_none()) {
            return error.set(Some(ApiError::Server(ErrorCode::SourceRequired)));
        }
        let device = NewDevice {
            kind: kind.get_untracked(),
            brand: text(brand),
            model: text(model),
            serial: text(serial),
            cpu: text(cpu),
            ram_gb: ram_gb.map(i64::from),
            storage_gb: storage_gb.map(i64::from),
            screen_inches,
            operating_system: text(os),
            source: if purchase {
                DeviceSource::Purchase
            } else {
                DeviceSource::Donation
            },
            batch_id: batch_id.clone(),
            supplier: text(supplier),
            price_euros,
            purchased_on: purchase
                .then(|| purchased_on.get_untracked())
                .filter(|d| !d.is_empty()),
            funder: purchase.then(|| text(funder)).flatten(),
            refurbisher_id: names_workshop.then(|| text(workshop)).flatten(),
            pickup_id: text(pickup),
            tag: text(tag),
            notes: None,
            media,
            received_on: happened_day(received_on),
        };
        saving.dispatch_local(device);
    };
    view! {
        <Show
            when=move || open.get()
            fallback=move || view! { <button type="button" class="button primary" on:click=move |_| open.set(true)>{move || i18n.t(if purchase { Key::AddPurchasedDevice } else { Key::AddDevice })}</button> }
        >
            <form class="form card" novalidate on:submit=submit.clone()>
                <h2>{move || i18n.t(if purchase { Key::AddPurchasedDevice } else { Key::AddDevice })}</h2>
                {purchase.then(|| view! {
                    <TextField id="device-supplier" label=Key::Supplier value=supplier />
                    <TextField id="device-price" label=Key::PriceEuros value=price kind=FieldKind::Decimal />
                    <label for="device-bought-on">{move || i18n.t(Key::PurchaseDate)}</label>
                    <input id="device-bought-on" type="date" prop:value=purchased_on on:input=move |ev| purchased_on.set(event_target_value(&ev)) />
                    <TextField id="device-funder" label=Key::Funder value=funder />
                })}
                {names_workshop.then(|| view! { <WorkshopSelect chosen=workshop /> })}
                <label for="device-kind">{move || i18n.t(Key::Category)}</label>
                <select id="device-kind" on:change=move |ev| {
                    if let Some(k) = MaterialCategory::parse(&event_target_value(&ev)) {
                        kind.set(k);
                        medium_kind.set(holds_data(k).then_some(MediumKind::Ssd));
                    }
                }>
                    {MaterialCategory::ALL.iter().map(|c| {
                        let c = *c;
                        view! { <option value=c.as_str() selected=move || kind.get() == c>{move || category_text(i18n.language.get(), c)}</option> }
                    }).collect_view()}
                </select>
                {several.then(|| {
                    let pickups = pickups.clone();
                    view! {
                        <label for="device-pickup">{move || i18n.t(Key::FromDonor)}</label>
                        <select id="device-pickup" on:change=move |ev| pickup.set(event_target_value(&ev))>
                            <option value="">{move || i18n.t(Key::ChooseDonor)}</option>
                            {pickups.into_iter().map(|p| view! { <option value=p.id>{p.donor_name}</option> }).collect_view()}
                        </select>
                    }
                })}
                <TextField id="device-brand" label=Key::Brand value=brand />
                <TextField id="device-model" label=Key::Model value=model />
                <TextField id="device-serial" label=Key::SerialNumber value=serial />
                <TextField id="device-cpu" label=Key::Processor value=cpu />
                <div class="row">
                    <div><TextField id="device-ram" label=Key::RamGb value=ram kind=FieldKind::Decimal /></div>
                    <div class="grow"><TextField id="device-storage" label=Key::StorageGb value=storage kind=FieldKind::Decimal /></div>
                </div>
                <TextField id="device-screen" label=Key::ScreenInches value=screen kind=FieldKind::Decimal />
                <label for="device-medium">{move || i18n.t(Key::StorageKind)}</label>
                <select id="device-medium" on:change=move |ev| medium_kind.set(MediumKind::parse(&event_target_value(&ev)))>
                    <option value="" selected=move || medium_kind.get().is_none()>{move || i18n.t(Key::NoStorage)}</option>
                    {MediumKind::ALL.iter().map(|m| {
                        let m = *m;
                        view! { <option value=m.as_str() selected=move || medium_kind.get() == Some(m)>{medium_text(m)}</option> }
                    }).collect_view()}
                </select>
                <TextField id="device-os" label=Key::OperatingSystem value=os />
                <TextField id="device-tag" label=Key::ExistingTag value=tag hint=Key::ExistingTagHint />
                <HappenedOn id="device-received-on" label=Key::ReceivedOn day=received_on />
                <ErrorMessage error=error />
                <button type="submit" class="button primary" prop:disabled=move || saving.pending().get()>{move || i18n.t(Key::SaveDevice)}</button>
            </form>
        </Show>
    }
}

/// The workshop that prepares a bought computer, or none when it was bought
/// already refurbished.
#[component]
fn WorkshopSelect(chosen: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let workshops = LocalResource::new(batches::refurbishers);
    view! {
        <label for="device-workshop">{move || i18n.t(Key::PreparedBy)}</label>
        <select id="device-workshop" prop:value=chosen on:change=move |ev| chosen.set(event_target_value(&ev))>
            <option value="">{move || i18n.t(Key::BoughtRefurbished)}</option>
            {move || {
                workshops
                    .get()
                    .and_then(Result::ok)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|w| {
                        let selected = w.id == chosen.get_untracked();
                        view! { <option value=w.id selected=selected>{w.name}</option> }
                    })
                    .collect_view()
            }}
        </select>
    }
}
