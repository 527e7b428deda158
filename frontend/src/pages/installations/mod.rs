//! Matching trained learners with ready devices, home visits, the
//! household's tracking page and the help desk.

mod support;
mod tracking;
mod visits;

pub use support::SupportPage;
pub use tracking::TrackingPage;
pub use visits::{VisitPage, VisitsPage};

use leptos::prelude::*;
use shared_types::{DeviceOutcome, ErrorCode, Language, MatchReason, Role};

use crate::{
    api::{
        ApiError,
        installations::{self, Pair},
    },
    app::has_role,
    components::{
        ErrorMessage, HappenedOn, TextField, TopBar, happened_day, loaded, mutation, today_field,
    },
    i18n::{Key, category_text, text, use_i18n},
};

pub fn reason_text(language: Language, reason: MatchReason) -> &'static str {
    text(
        language,
        match reason {
            MatchReason::PreferredKind => Key::ReasonPreferredKind,
            MatchReason::AnyKind => Key::ReasonAnyKind,
            MatchReason::OtherKind => Key::ReasonOtherKind,
            MatchReason::LargeScreenForNeeds => Key::ReasonLargeScreen,
            MatchReason::MemoryForSchool => Key::ReasonMemory,
            MatchReason::GradeA => Key::ReasonGradeA,
            MatchReason::GradeB => Key::ReasonGradeB,
            MatchReason::GradeC => Key::ReasonGradeC,
            MatchReason::LongWait => Key::ReasonLongWait,
        },
    )
}

fn outcome_text(language: Language, outcome: DeviceOutcome) -> &'static str {
    text(
        language,
        match outcome {
            DeviceOutcome::Declined => Key::OutcomeDeclined,
            DeviceOutcome::AlreadyEquipped => Key::OutcomeAlreadyEquipped,
        },
    )
}

/// A learner declines the computer or already has one: recorded with a
/// reason, the list is read again. Each learner's form starts empty.
#[component]
fn DeclineForm(
    referral_id: String,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let outcome = RwSignal::new(DeviceOutcome::Declined);
    let reason = RwSignal::new(String::new());
    let said_on = today_field();
    let error = RwSignal::new(None::<ApiError>);
    let saving = mutation(
        error,
        |(id, chosen, why, on)| installations::record_device_outcome(id, chosen, why, on),
        move |()| on_done(),
    );
    let id = referral_id.clone();
    let save = move |_| {
        let why = reason.get_untracked();
        if why.trim().is_empty() {
            return error.set(Some(ApiError::Server(ErrorCode::ReasonRequired)));
        }
        saving.dispatch_local((
            id.clone(),
            outcome.get_untracked(),
            why,
            happened_day(said_on),
        ));
    };
    let name = format!("outcome-{referral_id}");
    view! {
        <details class="decline">
            <summary>{move || i18n.t(Key::DeclineDevice)}</summary>
            <fieldset class="choices single">
                <legend class="visually-hidden">{move || i18n.t(Key::DeclineDevice)}</legend>
                {[DeviceOutcome::Declined, DeviceOutcome::AlreadyEquipped].into_iter().map(|value| {
                    let name = name.clone();
                    view! {
                        <label class="choice"><input type="radio" name=name prop:checked=move || outcome.get() == value on:change=move |_| outcome.set(value) /><span>{move || outcome_text(i18n.language.get(), value)}</span></label>
                    }
                }).collect_view()}
            </fieldset>
            <TextField id=format!("outcome-reason-{referral_id}") label=Key::OutcomeReason value=reason />
            <HappenedOn id=format!("outcome-on-{referral_id}") label=Key::SaidOn day=said_on />
            <ErrorMessage error=error />
            <button type="button" class="button" on:click=save prop:disabled=move || saving.pending().get()>{move || i18n.t(Key::RecordOutcome)}</button>
        </details>
    }
}

/// The coordinator's matching screen: the proposal, each pair explained,
/// any pair changed or held, then accepted at once.
#[component]
pub fn MatchingPage() -> impl IntoView {
    let i18n = use_i18n();
    let data = LocalResource::new(installations::matching);
    // Per learner: the device chosen ("" = held, not matched now).
    let choices = RwSignal::new(Vec::<(String, String)>::new());
    let accepted = RwSignal::new(Vec::<installations::Accepted>::new());
    let error = RwSignal::new(None::<ApiError>);
    let matched_on = today_field();
    let accepting = mutation(error, installations::accept, move |done| {
        accepted.set(done);
        data.refetch();
    });
    let putting_back = mutation(error, installations::withdraw_device_outcome, move |()| {
        data.refetch()
    });
    Effect::new(move |_| {
        if let Some(Ok(m)) = data.get() {
            choices.set(
                m.match_proposal
                    .iter()
                    .map(|p| (p.referral.id.clone(), p.device.id.clone()))
                    .collect(),
            );
        }
    });
    let accept = move |_| {
        let pairs: Vec<Pair> = choices.with_untracked(|c| {
            c.iter()
                .filter(|(_, device)| !device.is_empty())
                .map(|(referral, device)| Pair {
                    referral_id: referral.clone(),
                    device_id: device.clone(),
                })
                .collect()
        });
        if pairs.is_empty() {
            return;
        }
        accepting.dispatch_local((pairs, happened_day(matched_on)));
    };
    let allowed = has_role(Role::Coordinator);
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Matching)}</h1>
            {if !allowed {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            } else {
                view! {
                    {move || (!accepted.get().is_empty()).then(|| view! {
                        <section class="card success-card">
                            <h2>{i18n.t(Key::MatchesAccepted)}</h2>
                            <ul class="serial-list">
                                {accepted.get().into_iter().map(|a| view! {
                                    <li>{format!("{} · {} {}", a.learner_name, i18n.t(Key::TrackingCode), a.tracking_code.unwrap_or_default())}</li>
                                }).collect_view()}
                            </ul>
                            <a class="button" href="/visits">{i18n.t(Key::Visits)}</a>
                        </section>
                    })}
                    {move || loaded(data.get(), move |m| {
                            let language = i18n.language.get();
                            let devices = m.matching_candidates.devices.clone();
                            let reload = move || data.refetch();
                            let proposed: Vec<String> = m.match_proposal.iter().map(|p| p.referral.id.clone()).collect();
                            let unmatched: Vec<_> = m.matching_candidates.waiting.iter().filter(|w| !proposed.contains(&w.referral.id)).cloned().collect();
                            let declined = m.matching_candidates.declined.clone();
                            view! {
                                <p class="muted">{format!(
                                    "{} · {}",
                                    i18n.count(m.matching_candidates.waiting.len() as u64, Key::LearnersWaiting),
                                    i18n.count(devices.len() as u64, Key::DevicesReady)
                                )}</p>
                                {(!m.matching_candidates.on_hold.is_empty()).then(|| view! {
                                    <section class="card">
                                        <h2>{i18n.t(Key::OnHoldNoConnection)}</h2>
                                        <ul class="serial-list">
                                            {m.matching_candidates.on_hold.iter().map(|p| view! { <li>{format!("{} {}", p.first_name, p.last_name)}</li> }).collect_view()}
                                        </ul>
                                    </section>
                                })}
                                {(!declined.is_empty()).then(|| view! {
                                    <section class="card">
                                        <h2>{i18n.t(Key::DeclinedLearners)}</h2>
                                        <ul class="entries">
                                            {declined.into_iter().map(|d| {
                                                let id = d.referral.id.clone();
                                                let put_back = move |_| {
                                                    putting_back.dispatch_local(id.clone());
                                                };
                                                view! {
                                                    <li class="entry declined">
                                                        <strong>{format!("{} {}", d.referral.first_name, d.referral.last_name)}</strong>
                                                        <span class="muted">{format!("{}{}", outcome_text(language, d.outcome), d.reason.map(|r| format!(" · {r}")).unwrap_or_default())}</span>
                                                        <button type="button" class="button" on:click=put_back>{i18n.t(Key::PutBackWaiting)}</button>
                                                    </li>
                                                }
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                })}
                                {(!unmatched.is_empty()).then(|| view! {
                                    <section class="card">
                                        <h2>{i18n.t(Key::WaitingNoDevice)}</h2>
                                        <ul class="entries">
                                            {unmatched.into_iter().map(|w| view! {
                                                <li class="entry waiting">
                                                    <strong>{format!("{} {}", w.referral.first_name, w.referral.last_name)}</strong>
                                                    <DeclineForm referral_id=w.referral.id.clone() on_done=reload />
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                })}
                                {m.match_proposal.is_empty().then(|| view! { <p class="empty">{i18n.t(Key::NothingToMatch)}</p> })}
                                <ul class="entries proposal">
                                    {m.match_proposal.into_iter().map(|p| {
                                        let learner = p.referral.id.clone();
                                        let options = devices.clone();
                                        let reasons = p.reasons.iter().map(|r| reason_text(language, *r)).collect::<Vec<_>>().join(" · ");
                                        let current = learner.clone();
                                        view! {
                                            <li class="entry pair" data-referral=learner.clone()>
                                                <strong>{format!("{} {}", p.referral.first_name, p.referral.last_name)}</strong>
                                                <span class="muted">{format!("{} {}", i18n.t(Key::WaitingFor), i18n.count(p.days_waiting.max(0) as u64, Key::Days))}</span>
                                                <label class="visually-hidden" for=format!("device-for-{learner}")>{i18n.t(Key::DeviceForLearner)}</label>
                                                <select id=format!("device-for-{learner}") on:change=move |ev| {
                                                    let value = event_target_value(&ev);
                                                    let id = current.clone();
                                                    choices.update(|c| if let Some(row) = c.iter_mut().find(|(r, _)| *r == id) { row.1 = value });
                                                }>
                                                    {options.into_iter().map(|d| {
                                                        let selected = d.id == p.device.id;
                                                        let label = format!("{} · {} {}{}", d.tag, category_text(language, d.kind), [d.brand, d.model].into_iter().flatten().collect::<Vec<_>>().join(" "), d.grade.map(|g| format!(" · {}", g.as_str())).unwrap_or_default());
                                                        view! { <option value=d.id selected=selected>{label}</option> }
                                                    }).collect_view()}
                                                    <option value="">{i18n.t(Key::HoldForNow)}</option>
                                                </select>
                                                <span class="reasons">{reasons}</span>
                                                <DeclineForm referral_id=learner.clone() on_done=reload />
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }
                                .into_any()
                        })}
                    <HappenedOn id="matched-on" label=Key::MatchedOn day=matched_on />
                    <ErrorMessage error=error />
                    <button type="button" class="button primary" on:click=accept prop:disabled=move || accepting.pending().get()>{move || i18n.t(Key::AcceptMatches)}</button>
                }
                    .into_any()
            }}
        </main>
    }
}
