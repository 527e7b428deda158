//! The household's page, opened with the code on its paper: large text,
//! plain words, the steps of the delivery, whom to call. No account, and
//! nothing about anyone.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared_types::{SupportKind, SupportStatus, installation::normalise_tracking_code};

use crate::{
    api::{
        ApiError,
        installations::{self, Delivery, HouseholdRequest},
    },
    components::{ErrorMessage, LanguageSwitch, mutation},
    i18n::{Key, local_time, one_of_category_text, use_i18n},
};

#[component]
pub fn TrackingPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let params = use_params_map();
    let code = move || params.with(|p| p.get("code").unwrap_or_default());
    let typed = RwSignal::new(String::new());
    let found = LocalResource::new(move || {
        let code = code();
        async move {
            if code.is_empty() {
                return None;
            }
            Some(installations::tracking(code).await)
        }
    });
    let open = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = typed.get_untracked();
        let code = normalise_tracking_code(&text).unwrap_or(text);
        navigate(&format!("/t/{}", code.trim()), Default::default());
    };
    view! {
        <main class="page narrow tracking">
            <div class="login-top"><LanguageSwitch /></div>
            <h1>{move || i18n.t(Key::YourComputer)}</h1>
            {move || match found.get().flatten() {
                None => view! {
                    <form class="form" on:submit=open.clone()>
                        <label for="tracking-code">{i18n.t(Key::TypeYourCode)}</label>
                        <input id="tracking-code" type="text" autocapitalize="characters" autocomplete="off" placeholder="ACD4F-GH7KM" prop:value=typed on:input=move |ev| typed.set(event_target_value(&ev)) />
                        <button type="submit" class="button primary">{i18n.t(Key::Open)}</button>
                    </form>
                }
                    .into_any(),
                Some(Err(e)) => view! {
                    <ErrorMessage error=Signal::derive(move || Some(e.clone())) />
                    <a class="button" href="/t">{i18n.t(Key::TryAnotherCode)}</a>
                }
                    .into_any(),
                Some(Ok(t)) => steps(t, code()).into_any(),
            }}
        </main>
    }
}

fn steps(t: Delivery, code: String) -> impl IntoView {
    let i18n = use_i18n();
    let booked = t.visit_from.is_some() && t.visit_to.is_some();
    // The appointment, in the language on screen (it follows the switch);
    // once the computer is installed it is past, and no longer shown.
    let (from, to, installed) = (t.visit_from.clone(), t.visit_to.clone(), t.installed);
    let visit = move || match (&from, &to) {
        (Some(from), Some(to)) if !installed => {
            let language = i18n.language.get();
            Some(format!(
                "{} – {}",
                local_time(language, from),
                local_time(language, to)
                    .rsplit(' ')
                    .next()
                    .unwrap_or_default()
            ))
        }
        _ => None,
    };
    let (kind, name) = (t.device_kind, t.device_name.clone());
    let computer = move || {
        let language = i18n.language.get();
        let words: Vec<String> = [
            kind.map(|k| one_of_category_text(language, k).to_string()),
            name.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!words.is_empty()).then(|| words.join(" · "))
    };
    let step = move |done: bool, key: Key, detail: Signal<Option<String>>| {
        view! {
            <li class=if done { "track-step done" } else { "track-step" }>
                <span class="icon" aria-hidden="true">{if done { "✓" } else { "○" }}</span>
                <span>
                    <strong>{move || i18n.t(key)}</strong>
                    {move || detail.get().map(|d| view! { <span class="detail">{d}</span> })}
                </span>
            </li>
        }
    };
    let nothing = Signal::derive(|| None);
    let sent_requests = RwSignal::new(t.requests.clone());
    view! {
        <ol class="steps">
            {step(t.trained, Key::StepTrained, nothing)}
            {step(t.reserved, Key::StepReserved, Signal::derive(computer))}
            {step(booked, Key::StepVisit, Signal::derive(visit))}
            {step(t.installed, Key::StepInstalled, nothing)}
        </ol>
        {t.on_hold_no_connection.then(|| view! { <p class="notice big">{move || i18n.t(Key::OnHoldExplained)}</p> })}
        {t.visit_failed.then(|| view! { <p class="notice big">{move || i18n.t(Key::VisitFailedExplained)}</p> })}
        {t.installer_phone.clone().map(|phone| view! {
            <p class="big">{move || i18n.t(Key::QuestionsCall)}</p>
            <a class="button primary big-button" href=format!("tel:{}", phone.replace(' ', ""))>{format!("☎ {}", phone)}</a>
            {t.installer_name.clone().map(|n| view! { <p class="muted">{n}</p> })}
        })}
        {requests(sent_requests)}
        {(!t.installed && t.reserved).then(|| view! { <HouseholdMessage code=code.clone() kind=SupportKind::DateChange sent_requests=sent_requests /> })}
        {t.installed.then(|| view! { <HouseholdMessage code=code.clone() kind=SupportKind::Problem sent_requests=sent_requests /> })}
    }
}

/// What the household asked, and where it stands: received, being handled,
/// settled, with the help desk's answer. Dates follow the language switch.
fn requests(list: RwSignal<Vec<HouseholdRequest>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let list = list.get();
        (!list.is_empty()).then(|| view! {
            <section class="card">
                <h2>{move || i18n.t(Key::YourRequests)}</h2>
                <ul class="entries">
                    {list.into_iter().map(|r| {
                        let kind = if r.kind == SupportKind::Problem { Key::Problem } else { Key::DateChangeRequest };
                        let status = match r.status {
                            SupportStatus::Open => Key::RequestReceivedWaiting,
                            SupportStatus::InProgress => Key::RequestBeingHandled,
                            SupportStatus::Resolved => Key::RequestSettled,
                        };
                        let sent = r.sent_at.clone();
                        let answer = r.answer.clone();
                        view! {
                            <li class="entry">
                                <strong class="big">{move || i18n.t(kind)}</strong>
                                <span class="muted">{move || format!("{} {}", i18n.t(Key::SentOn), local_time(i18n.language.get(), &sent))}</span>
                                <span class="badge">{move || i18n.t(status)}</span>
                                {answer.map(|a| view! { <p class="big"><strong>{move || format!("{} ", i18n.t(Key::AnswerWord))}</strong>{a}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}

#[component]
fn HouseholdMessage(
    code: String,
    kind: SupportKind,
    sent_requests: RwSignal<Vec<HouseholdRequest>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let message = RwSignal::new(String::new());
    let sent = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let (title, button) = match kind {
        SupportKind::DateChange => (Key::AskOtherDate, Key::SendRequest),
        SupportKind::Problem => (Key::ReportProblem, Key::SendRequest),
    };
    let sending = mutation(
        error,
        move |(code, text)| installations::household_request(code, text, kind),
        move |()| {
            sent.set(true);
            // Shown at once in the list, as the server keeps it.
            let now = String::from(js_sys::Date::new_0().to_iso_string());
            sent_requests.update(|list| {
                list.insert(
                    0,
                    HouseholdRequest {
                        kind,
                        status: SupportStatus::Open,
                        sent_at: now,
                        answered_at: None,
                        answer: None,
                    },
                )
            });
        },
    );
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        sending.dispatch_local((code.clone(), message.get_untracked()));
    };
    view! {
        <details class="card">
            <summary class="big">{move || i18n.t(title)}</summary>
            <Show
                when=move || !sent.get()
                fallback=move || view! { <p class="success big" role="status">{i18n.t(Key::RequestSent)}</p> }
            >
                <form class="form" on:submit=send.clone()>
                    <label for=format!("message-{}", kind.as_str())>{move || i18n.t(Key::YourMessage)}</label>
                    <textarea id=format!("message-{}", kind.as_str()) rows="3" prop:value=message on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                    <ErrorMessage error=error />
                    <button type="submit" class="button primary" prop:disabled=move || sending.pending().get()>{move || i18n.t(button)}</button>
                </form>
            </Show>
        </details>
    }
}
