//! Devices: find one by its label (camera or typed tag), the refurbisher's
//! list, and a device's page (`/d/<tag>`, what its QR code opens).

mod detail;
mod form;

pub use detail::DevicePage;
pub use form::DeviceForm;

use leptos::{html::Video, prelude::*, task::spawn_local};
use leptos_router::hooks::use_navigate;
use shared_types::{DeviceStatus, ErrorCode, MediumKind, Role, device::parse_tag};

use crate::{
    api::{ApiError, devices},
    app::has_role,
    browser,
    components::{ErrorMessage, TopBar, loaded},
    i18n::{Key, category_text, status_text, use_i18n},
};

/// The tag in what a QR code holds (`https://…/d/PSL-2026-00042`) or in what was typed.
fn tag_in(text: &str) -> Option<String> {
    let last = text
        .trim()
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(text);
    parse_tag(last).or_else(|| parse_tag(text))
}

#[component]
pub fn DevicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let lists = has_role(Role::Coordinator) || has_role(Role::Refurbisher);
    // The collector records the computers it buys; the workshop lists them.
    let buys = !lists && has_role(Role::CollectionAgent);
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Devices)}</h1>
            <FindDevice />
            {lists.then(|| view! { <DeviceForm batch=None /> <DeviceList /> })}
            {buys.then(|| view! { <DeviceForm batch=None /> })}
        </main>
    }
}

/// Opens a device from its label: the camera where the browser can read QR
/// codes, the tag typed by hand everywhere.
#[component]
fn FindDevice() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let scanning = RwSignal::new(false);
    let video = NodeRef::<Video>::new();
    let open = {
        let navigate = navigate.clone();
        move |text: String| match tag_in(&text) {
            Some(tag) => navigate(&format!("/d/{tag}"), Default::default()),
            None => error.set(Some(ApiError::Server(ErrorCode::TagInvalid))),
        }
    };
    let open_typed = open.clone();
    let scan = move |_| {
        let Some(element) = video.get() else { return };
        scanning.set(true);
        let open = open.clone();
        spawn_local(async move {
            let found = browser::scan_qr(&element).await;
            scanning.set(false);
            if let Some(text) = found {
                open(text);
            }
        });
    };
    view! {
        <form class="search" role="search" on:submit=move |ev| {
            ev.prevent_default();
            open_typed(typed.get_untracked());
        }>
            <label for="tag" class="visually-hidden">{move || i18n.t(Key::DeviceTag)}</label>
            <input
                id="tag"
                type="search"
                autocapitalize="characters"
                placeholder="PSL-2026-00042"
                prop:value=typed
                on:input=move |ev| typed.set(event_target_value(&ev))
            />
            <button type="submit" class="button primary search-button">{move || i18n.t(Key::Open)}</button>
        </form>
        <ErrorMessage error=error />
        {browser::can_scan().then(|| view! {
            <button type="button" class="button" on:click=scan disabled=scanning>{move || i18n.t(Key::ScanLabel)}</button>
        })}
        <video node_ref=video class="scanner" playsinline muted class:hidden=move || !scanning.get()></video>
        <Show when=move || scanning.get()>
            <button type="button" class="link-button" on:click=move |_| browser::stop_scan()>{move || i18n.t(Key::StopScan)}</button>
        </Show>
    }
}

#[component]
fn DeviceList() -> impl IntoView {
    let i18n = use_i18n();
    let status = RwSignal::new(None::<DeviceStatus>);
    let list = LocalResource::new(move || devices::list(status.get(), String::new(), 0));
    view! {
        <label for="status-filter">{move || i18n.t(Key::Status)}</label>
        <select id="status-filter" on:change=move |ev| status.set(DeviceStatus::parse(&event_target_value(&ev)))>
            <option value="">{move || i18n.t(Key::AllStatuses)}</option>
            {DeviceStatus::ALL.iter().map(|s| {
                let s = *s;
                view! { <option value=s.as_str()>{move || status_text(i18n.language.get(), s)}</option> }
            }).collect_view()}
        </select>
        {move || loaded(list.get(), move |page| {
                let language = i18n.language.get();
                view! {
                    <p class="count">{i18n.count(page.total, Key::DevicesWord)}</p>
                    <ul class="device-list">
                        {page.items.into_iter().map(|d| {
                            let name = [d.brand, d.model].into_iter().flatten().collect::<Vec<_>>().join(" ");
                            view! {
                                <li class="card">
                                    <a href=format!("/d/{}", d.tag)><strong>{d.tag.clone()}</strong></a>
                                    <span>{format!("{} {name}", category_text(language, d.kind))}</span>
                                    <span class="badge">{status_text(language, d.status)}{d.grade.map(|g| format!(" · {}", g.as_str()))}</span>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }
                    .into_any()
            })}
    }
}

pub fn medium_text(kind: MediumKind) -> &'static str {
    match kind {
        MediumKind::Hdd => "HDD",
        MediumKind::Ssd => "SSD",
        MediumKind::Flash => "Flash / eMMC",
        MediumKind::Other => "—",
    }
}
