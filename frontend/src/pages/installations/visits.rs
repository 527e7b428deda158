//! Home visits: the installer's list, booking a window, the checklist with
//! the household's signature, a failed visit and its reason.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::{
    Connection, ErrorCode, InstallationStatus, Language, Role, installation::check_handover,
};

use crate::{
    api::{
        self as api, ApiError, accounts,
        installations::{self, Checklist, SupportRow, Visit, VisitCorrection},
    },
    app::has_role,
    components::{
        DownloadButton, ErrorMessage, HappenedOn, SignaturePad, TextField, TopBar, happened_day,
        loaded, local_to_iso, mutation, today_field, wire_strokes,
    },
    i18n::{Key, category_text, local_day, local_time, one_of_category_text, text, use_i18n},
};

use super::support::RequestItem;

pub fn status_text(language: Language, status: InstallationStatus) -> &'static str {
    text(
        language,
        match status {
            InstallationStatus::Reserved => Key::VisitToBook,
            InstallationStatus::Booked => Key::VisitBooked,
            InstallationStatus::Installed => Key::Installed,
            InstallationStatus::Failed => Key::VisitFailed,
            InstallationStatus::Cancelled => Key::MatchCancelled,
            InstallationStatus::Returned => Key::DeviceReturned,
        },
    )
}

#[component]
pub fn VisitsPage() -> impl IntoView {
    let i18n = use_i18n();
    let allowed = has_role(Role::Installer) || has_role(Role::Coordinator);
    let list = LocalResource::new(installations::visits);
    let today_only = RwSignal::new(false);
    let today = {
        let now = js_sys::Date::new_0();
        (now.get_full_year(), now.get_month(), now.get_date())
    };
    let is_today = move |iso: &Option<String>| {
        iso.as_deref().is_some_and(|at| {
            let d = js_sys::Date::new(&at.into());
            (d.get_full_year(), d.get_month(), d.get_date()) == today
        })
    };
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Visits)}</h1>
            {if !allowed {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            } else {
                view! {
                    <label class="check"><input type="checkbox" prop:checked=today_only on:change=move |ev| today_only.set(event_target_checked(&ev)) />{move || i18n.t(Key::TodayOnly)}</label>
                    {move || loaded(list.get(), move |answer| match answer {
                        rows if rows.is_empty() => view! { <p class="empty">{i18n.t(Key::NoVisit)}</p> }.into_any(),
                        rows => {
                            let language = i18n.language.get();
                            view! {
                                <ul class="pickup-list">
                                    {rows.into_iter().filter(|v| !today_only.get() || is_today(&v.visit_from)).map(|v| view! {
                                        <li class="card visit">
                                            <a class="pickup-link" href=format!("/visits/{}", v.id)>
                                                <strong>{v.learner_name.clone()}</strong>
                                                <span>{v.address.clone().unwrap_or_default()}</span>
                                                <span class="muted">{v.visit_from.as_deref().map(|at| local_time(language, at)).unwrap_or_default()}</span>
                                                <span>{format!("{} · {}", v.device.tag, category_text(language, v.device.kind))}</span>
                                                <span class="badge">{status_text(language, v.status)}</span>
                                            </a>
                                            <a class="button small" href=format!("tel:{}", v.phone.replace(' ', ""))>{format!("☎ {}", v.phone)}</a>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })}
                }
                    .into_any()
            }}
        </main>
    }
}

#[component]
pub fn VisitPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let visit = LocalResource::new(move || installations::visit(id()));
    let reload = move || visit.refetch();
    let changed = Callback::new(move |()| visit.refetch());
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/visits">{move || format!("← {}", i18n.t(Key::Visits))}</a>
            {move || loaded(visit.get(), move |v| {
                    let language = i18n.language.get();
                    // An undone match or a returned computer is history: nothing left to book.
                    let open = v.status.holds_device() && v.status != InstallationStatus::Installed;
                    let booked = v.status == InstallationStatus::Booked;
                    // A date-change request waiting is what the installer
                    // must see first, before booking.
                    let requests: Vec<SupportRow> = api::retype(v.support_requests.clone()).unwrap_or_default();
                    let asked = (!requests.is_empty()).then(|| view! {
                        <section class="card">
                            <h2>{text(language, Key::HouseholdAsked)}</h2>
                            <ul class="entries">
                                {requests.into_iter().map(|r| view! { <RequestItem row=r on_changed=changed links=false /> }).collect_view()}
                            </ul>
                        </section>
                    });
                    view! {
                        {facts(&v, language)}
                        {asked}
                        {open.then(|| view! { <Book visit=v.clone() on_done=reload /> })}
                        {booked.then(|| view! { <Close visit=v.clone() on_done=reload /> <Fail visit=v.clone() on_done=reload /> })}
                        <DownloadButton url=format!("/api/installations/{}/agreement.pdf", v.id) file_name="convention.pdf" label=Key::HandoverAgreement />
                        <CorrectVisit visit=v.clone() on_done=reload />
                    }
                        .into_any()
                })}
        </main>
    }
}

/// A label that also sits mid-sentence elsewhere, at the start of a line.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn facts(v: &Visit, language: Language) -> impl IntoView {
    let t = |key| text(language, key);
    let window = match (&v.visit_from, &v.visit_to) {
        (Some(from), Some(to)) => Some(format!(
            "{} → {}",
            local_time(language, from),
            local_time(language, to)
        )),
        _ => None,
    };
    view! {
        <h1>{v.learner_name.clone()}</h1>
        <p><span class="badge">{status_text(language, v.status)}</span></p>
        <section class="card">
            <dl class="facts">
                {v.address.clone().map(|a| view! { <div><dt>{t(Key::Address)}</dt><dd>{a}</dd></div> })}
                <div><dt>{t(Key::Phone)}</dt><dd><a href=format!("tel:{}", v.phone.replace(' ', ""))>{v.phone.clone()}</a></dd></div>
                <div><dt>{t(Key::Devices)}</dt><dd>{format!("{} · {} {}", v.device.tag, one_of_category_text(language, v.device.kind), [v.device.brand.clone(), v.device.model.clone()].into_iter().flatten().collect::<Vec<_>>().join(" "))}</dd></div>
                {window.map(|w| view! { <div><dt>{t(Key::VisitWindow)}</dt><dd>{w}</dd></div> })}
                {v.tracking_code.clone().map(|c| view! { <div><dt>{capitalised(t(Key::TrackingCode))}</dt><dd class="code">{c}</dd></div> })}
                {v.failure_reason.clone().map(|r| {
                    let on = v.failed_at.as_deref().map(|at| format!(" ({})", local_day(language, at))).unwrap_or_default();
                    view! { <div><dt>{t(Key::VisitFailed)}</dt><dd>{format!("{r}{on}")}</dd></div> }
                })}
                {v.ended_reason.clone().map(|r| view! { <div><dt>{t(Key::EndedReason)}</dt><dd>{r}</dd></div> })}
                <div><dt>{t(Key::InstallingOrganisation)}</dt><dd>{v.installer.name.clone()}</dd></div>
                {v.connection.map(|c| view! { <div><dt>{t(Key::ConnectionLabel)}</dt><dd>{t(match c {
                    Connection::Box => Key::ConnectionBox,
                    Connection::Tethering => Key::ConnectionTethering,
                    Connection::None => Key::ConnectionNone,
                })}</dd></div> })}
                {v.signed_by.clone().map(|n| view! { <div><dt>{t(Key::SignedBy)}</dt><dd>{n}</dd></div> })}
            </dl>
        </section>
    }
}

#[component]
fn Book(visit: Visit, on_done: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let day = RwSignal::new(String::new());
    let from = RwSignal::new("10:00".to_string());
    let to = RwSignal::new("12:00".to_string());
    let error = RwSignal::new(None::<ApiError>);
    let booking = mutation(
        error,
        |(id, start, end, past)| installations::book(id, start, end, past),
        move |()| on_done(),
    );
    // Offered once the server says the day is over (a mistyped date is far
    // more common than a visit entered afterwards).
    let confirm_past = RwSignal::new(false);
    let asks_past = Memo::new(move |_| {
        error.with(|e| matches!(e, Some(ApiError::Server(ErrorCode::VisitInThePast))))
            || confirm_past.get()
    });
    let id = visit.id.clone();
    let book = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (Some(start), Some(end)) = (
            local_to_iso(&format!("{}T{}", day.get_untracked(), from.get_untracked())),
            local_to_iso(&format!("{}T{}", day.get_untracked(), to.get_untracked())),
        ) else {
            return error.set(Some(ApiError::Server(ErrorCode::VisitWindowInvalid)));
        };
        booking.dispatch_local((id.clone(), start, end, confirm_past.get_untracked()));
    };
    view! {
        <form class="form card" novalidate on:submit=book>
            <h2>{move || i18n.t(Key::BookVisit)}</h2>
            <label for="visit-day">{move || i18n.t(Key::VisitDay)}</label>
            <input id="visit-day" type="date" prop:value=day on:input=move |ev| day.set(event_target_value(&ev)) />
            <div class="row">
                <div><label for="visit-from">{move || i18n.t(Key::From)}</label><input id="visit-from" type="time" prop:value=from on:input=move |ev| from.set(event_target_value(&ev)) /></div>
                <div><label for="visit-to">{move || i18n.t(Key::To)}</label><input id="visit-to" type="time" prop:value=to on:input=move |ev| to.set(event_target_value(&ev)) /></div>
            </div>
            <ErrorMessage error=error />
            <Show when=move || asks_past.get()>
                <label class="check"><input id="visit-confirm-past" type="checkbox" prop:checked=confirm_past on:change=move |ev| confirm_past.set(event_target_checked(&ev)) />{move || i18n.t(Key::ConfirmPastVisit)}</label>
            </Show>
            <button type="submit" class="button primary" prop:disabled=move || booking.pending().get()>{move || i18n.t(Key::BookVisit)}</button>
        </form>
    }
}

#[component]
fn Close(visit: Visit, on_done: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let set_up = RwSignal::new(false);
    let accounts = RwSignal::new(false);
    let tested = RwSignal::new(false);
    let connection = RwSignal::new(Connection::Box);
    let serial = RwSignal::new(String::new());
    let strokes = RwSignal::new(Vec::<Vec<i32>>::new());
    let signed_by = RwSignal::new(visit.learner_name.clone());
    let unsigned_reason = RwSignal::new(String::new());
    let installed_on = today_field();
    let error = RwSignal::new(None::<ApiError>);
    let closing = mutation(
        error,
        |(id, checklist)| installations::close(id, checklist),
        move |()| on_done(),
    );
    let id = visit.id.clone();
    let close = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if serial.get_untracked().trim().is_empty() {
            return error.set(Some(ApiError::Server(ErrorCode::SerialMismatch)));
        }
        let unsigned = Some(unsigned_reason.get_untracked()).filter(|r| !r.trim().is_empty());
        if let Err(code) = check_handover(
            strokes.with_untracked(Vec::len),
            Some(signed_by.get_untracked().as_str()),
            unsigned.as_deref(),
        ) {
            return error.set(Some(ApiError::Server(code)));
        }
        let checklist = Checklist {
            device_set_up: set_up.get_untracked(),
            accounts_created: accounts.get_untracked(),
            connection: connection.get_untracked(),
            connection_tested: tested.get_untracked(),
            installed_serial: serial.get_untracked(),
            signature: wire_strokes(strokes.get_untracked()),
            signed_by: Some(signed_by.get_untracked()),
            unsigned_reason: unsigned,
            installed_on: happened_day(installed_on),
        };
        closing.dispatch_local((id.clone(), checklist));
    };
    let check = move |signal: RwSignal<bool>, key: Key| {
        view! {
            <label class="check"><input type="checkbox" prop:checked=signal on:change=move |ev| signal.set(event_target_checked(&ev)) />{move || i18n.t(key)}</label>
        }
    };
    view! {
        <form class="form card" novalidate on:submit=close>
            <h2>{move || i18n.t(Key::Checklist)}</h2>
            {check(set_up, Key::DeviceSetUp)}
            {check(accounts, Key::AccountsCreated)}
            <fieldset class="choices single">
                <legend>{move || i18n.t(Key::ConnectionLabel)}</legend>
                {[(Connection::Box, Key::ConnectionBox), (Connection::Tethering, Key::ConnectionTethering), (Connection::None, Key::ConnectionNone)].into_iter().map(|(value, key)| view! {
                    <label class="choice"><input type="radio" name="connection" prop:checked=move || connection.get() == value on:change=move |_| connection.set(value) /><span>{move || i18n.t(key)}</span></label>
                }).collect_view()}
            </fieldset>
            {check(tested, Key::ConnectionTested)}
            <TextField id="installed-serial" label=Key::InstalledSerial value=serial hint=Key::InstalledSerialHint />
            <h3>{move || i18n.t(Key::HouseholdSignature)}</h3>
            <SignaturePad strokes=strokes />
            <TextField id="visit-signed-by" label=Key::SignedBy value=signed_by />
            <details>
                <summary>{move || i18n.t(Key::CannotSign)}</summary>
                <TextField id="visit-unsigned-reason" label=Key::UnsignedReason value=unsigned_reason />
            </details>
            <HappenedOn id="visit-installed-on" label=Key::InstalledOn day=installed_on />
            <ErrorMessage error=error />
            <button type="submit" class="button primary" prop:disabled=move || closing.pending().get()>{move || i18n.t(Key::CloseVisit)}</button>
        </form>
    }
}

#[component]
fn Fail(visit: Visit, on_done: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    let failed_on = today_field();
    let error = RwSignal::new(None::<ApiError>);
    let failing = mutation(
        error,
        |(id, why, on)| installations::fail(id, why, on),
        move |()| on_done(),
    );
    let id = visit.id.clone();
    let fail = move |_| {
        failing.dispatch_local((id.clone(), reason.get_untracked(), happened_day(failed_on)));
    };
    view! {
        <details class="card">
            <summary>{move || i18n.t(Key::VisitFailedAction)}</summary>
            <TextField id="fail-reason" label=Key::WhatHappened value=reason />
            <HappenedOn id="visit-failed-on" label=Key::FailedVisitOn day=failed_on />
            <ErrorMessage error=error />
            <button type="button" class="button" on:click=fail prop:disabled=move || failing.pending().get()>{move || i18n.t(Key::VisitFailedAction)}</button>
        </details>
    }
}

/// Corrects a visit: the coordination hands an open one to another
/// installer; once installed, the connection and who signed are fixed.
/// Nothing to correct on a match undone or a computer returned.
#[component]
fn CorrectVisit(visit: Visit, on_done: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let i18n = use_i18n();
    let installed = visit.status == InstallationStatus::Installed;
    let open = visit.status.holds_device() && !installed;
    let hands_on = open && has_role(Role::Coordinator);
    let installer = RwSignal::new(visit.installer.id.clone());
    let connection = RwSignal::new(visit.connection.unwrap_or(Connection::Box));
    let signed_by = RwSignal::new(visit.signed_by.clone().unwrap_or_default());
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let saving = mutation(error, installations::correct_visit, move |()| {
        saved.set(true);
        on_done();
    });
    let installers = LocalResource::new(move || async move {
        if hands_on {
            accounts::organisations().await.map(|list| {
                list.into_iter()
                    .filter(|o| {
                        matches!(
                            o.kind,
                            shared_types::OrganisationKind::Installer
                                | shared_types::OrganisationKind::TrainingProvider
                        )
                    })
                    .collect::<Vec<_>>()
            })
        } else {
            Ok(Vec::new())
        }
    });
    let (id, current_installer) = (visit.id.clone(), visit.installer.id.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = installer.get_untracked();
        let correction = VisitCorrection {
            id: id.clone(),
            installer_id: (hands_on && chosen != current_installer && !chosen.is_empty())
                .then_some(chosen),
            connection: installed.then(|| connection.get_untracked()),
            signed_by: installed.then(|| signed_by.get_untracked()),
        };
        saving.dispatch_local(correction);
    };
    (hands_on || installed).then(|| view! {
        <details class="card">
            <summary>{move || i18n.t(Key::CorrectVisit)}</summary>
            <form class="form" novalidate on:submit=save>
                {hands_on.then(|| view! {
                    <label for="visit-installer">{move || i18n.t(Key::InstallingOrganisation)}</label>
                    <select id="visit-installer" on:change=move |ev| installer.set(event_target_value(&ev))>
                        {move || installers.get().and_then(Result::ok).unwrap_or_default().into_iter().map(|o| {
                            let chosen = o.id == installer.get_untracked();
                            view! { <option value=o.id.clone() selected=chosen>{o.name.clone()}</option> }
                        }).collect_view()}
                    </select>
                })}
                {installed.then(|| view! {
                    <fieldset class="choices single">
                        <legend>{move || i18n.t(Key::ConnectionLabel)}</legend>
                        {[(Connection::Box, Key::ConnectionBox), (Connection::Tethering, Key::ConnectionTethering), (Connection::None, Key::ConnectionNone)].into_iter().map(|(value, key)| view! {
                            <label class="choice"><input type="radio" name="correct-connection" prop:checked=move || connection.get() == value on:change=move |_| connection.set(value) /><span>{move || i18n.t(key)}</span></label>
                        }).collect_view()}
                    </fieldset>
                    <TextField id="correct-signed-by" label=Key::SignedBy value=signed_by />
                })}
                <ErrorMessage error=error />
                <Show when=move || saved.get()>
                    <p class="success" role="status">{move || i18n.t(Key::VisitCorrected)}</p>
                </Show>
                <button type="submit" class="button" prop:disabled=move || saving.pending().get()>{move || i18n.t(Key::SaveCorrection)}</button>
            </form>
        </details>
    })
}
