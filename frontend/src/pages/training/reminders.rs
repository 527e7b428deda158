//! The day before each module, the learners to phone, and how each call
//! went (an announced absence reaches the attendance sheet as excused).

use leptos::prelude::*;
use shared_types::{ErrorCode, ReminderOutcome, Role};

use crate::{
    api::{
        ApiError,
        training::{self, CallRecord},
    },
    app::has_role,
    components::{ErrorMessage, TopBar, loaded, mutation},
    i18n::{Key, local_time, use_i18n},
};

/// Tomorrow, midnight to midnight on the phone's clock, as RFC 3339.
fn tomorrow() -> (String, String) {
    let now = js_sys::Date::new_0();
    let start = js_sys::Date::new_with_year_month_day(
        now.get_full_year(),
        now.get_month() as i32,
        now.get_date() as i32 + 1,
    );
    let end = js_sys::Date::new_with_year_month_day(
        now.get_full_year(),
        now.get_month() as i32,
        now.get_date() as i32 + 2,
    );
    (
        String::from(start.to_iso_string()),
        String::from(end.to_iso_string()),
    )
}

#[component]
pub fn RemindersPage() -> impl IntoView {
    let i18n = use_i18n();
    let allowed = has_role(Role::Coordinator) || has_role(Role::Trainer);
    let list = LocalResource::new(|| {
        let (from, to) = tomorrow();
        training::reminders(from, to)
    });
    let error = RwSignal::new(None::<ApiError>);
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::RemindersTitle)}</h1>
            <p class="hint">{move || i18n.t(Key::RemindersIntro)}</p>
            {if allowed {
                view! {
                    <ErrorMessage error=error />
                    {move || loaded(list.get(), move |answer| match answer {
                        rows if rows.is_empty() => view! { <p class="empty">{i18n.t(Key::NoReminder)}</p> }.into_any(),
                        rows => {
                            let language = i18n.language.get();
                            view! {
                                <ul class="entries">
                                    {rows.into_iter().map(|r| {
                                        let outcome = RwSignal::new(r.outcome);
                                        let (module, referral) = (r.module_id.clone(), r.referral_id.clone());
                                        // Shown at once; put back as it was if the server refuses.
                                        let recording = mutation(
                                            error,
                                            move |(call, before): (CallRecord, Option<ReminderOutcome>)| async move {
                                                let answer = training::record_call(call).await;
                                                if answer.is_err() {
                                                    outcome.set(before);
                                                }
                                                answer
                                            },
                                            |()| {},
                                        );
                                        view! {
                                            <li class="entry reminder">
                                                <strong>{r.learner_name.clone()}</strong>
                                                <a class="button small" href=format!("tel:{}", r.phone.replace(' ', ""))>{format!("☎ {}", r.phone)}</a>
                                                <span>{r.module_title.clone()}</span>
                                                <span class="muted">{format!("{}{} · {}", local_time(language, &r.starts_at), r.place.as_deref().map(|p| format!(" · {p}")).unwrap_or_default(), r.cohort_name)}</span>
                                                <label for=format!("call-{module}-{referral}") class="visually-hidden">{i18n.t(Key::CallOutcomeLegend)}</label>
                                                <select id=format!("call-{module}-{referral}") class="call-outcome" on:change=move |ev| {
                                                    let before = outcome.get_untracked();
                                                    let chosen = ReminderOutcome::parse(&event_target_value(&ev));
                                                    outcome.set(chosen);
                                                    let call = CallRecord { module_id: module.clone(), referral_id: referral.clone(), outcome: chosen };
                                                    recording.dispatch_local((call, before));
                                                }>
                                                    <option value="" prop:selected=move || outcome.get().is_none()>{i18n.t(Key::CallNotYet)}</option>
                                                    {ReminderOutcome::ALL.iter().map(|o| {
                                                        let o = *o;
                                                        view! { <option value=o.as_str() prop:selected=move || outcome.get() == Some(o)>{i18n.t(call_outcome_key(o))}</option> }
                                                    }).collect_view()}
                                                </select>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    })}
                }
                    .into_any()
            } else {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            }}
        </main>
    }
}

/// The words for how a call went.
pub fn call_outcome_key(outcome: ReminderOutcome) -> Key {
    match outcome {
        ReminderOutcome::Called => Key::CallReminded,
        ReminderOutcome::NoAnswer => Key::CallNoAnswer,
        ReminderOutcome::MessageLeft => Key::CallMessageLeft,
        ReminderOutcome::AbsenceAnnounced => Key::CallAbsenceAnnounced,
    }
}
