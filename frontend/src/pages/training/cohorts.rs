//! Cohorts: their modules, learners (enrolled, waiting, done), enrolment
//! from eligible referrals, completion and drop-outs.

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared_types::{AttendanceMark, CompletionOutcome, ErrorCode, ReferralStatus, Role};

use super::{provider_list, referral_badge};
use crate::components::{ProviderSelect, local_to_iso};
use crate::{
    api::{
        ApiError,
        training::{self, CohortChanges, CohortWithCandidates, Learner, ModuleChanges, NewCohort},
    },
    app::has_role,
    components::{
        ErrorMessage, FieldKind, HappenedOn, TextField, TopBar, happened_day, loaded, mutation,
        today_field,
    },
    i18n::{Key, count, date_in_words, local_time, noun, text, use_i18n},
};

#[component]
pub fn CohortsPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let allowed = has_role(Role::Coordinator) || has_role(Role::Trainer);
    let list = LocalResource::new(training::cohorts);
    let (name, places, first, place, trainer) = (
        RwSignal::new(String::new()),
        RwSignal::new("10".to_string()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let error = RwSignal::new(None::<ApiError>);
    let creating = mutation(error, training::create_cohort, move |id: String| {
        navigate(&format!("/cohorts/{id}"), Default::default())
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(first_module_at) = local_to_iso(&first.get_untracked()) else {
            return error.set(Some(ApiError::Server(ErrorCode::DatesInvalid)));
        };
        let Ok(places) = places.get_untracked().trim().parse::<i64>() else {
            return error.set(Some(ApiError::Server(ErrorCode::PlacesNotANumber)));
        };
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|t| !t.is_empty())
        };
        let input = NewCohort {
            name: name.get_untracked(),
            places: Some(places),
            first_module_at,
            place: text(place),
            trainer: text(trainer),
            module_minutes: shared_types::training::MODULE_MINUTES,
            // The server's default: the trainer's own provider.
            organisation_id: None,
        };
        creating.dispatch_local(input);
    };
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Cohorts)}</h1>
            {if allowed {
                view! {
                    <details class="card">
                        <summary>{move || i18n.t(Key::NewCohort)}</summary>
                        <form class="form" novalidate on:submit=create>
                            <TextField id="cohort-name" label=Key::CohortName value=name />
                            <TextField id="cohort-places" label=Key::Places value=places kind=FieldKind::Decimal />
                            <label for="cohort-first">{move || i18n.t(Key::FirstModuleAt)}</label>
                            <input id="cohort-first" type="datetime-local" prop:value=first on:input=move |ev| first.set(event_target_value(&ev)) />
                            <p class="hint">{move || i18n.t(Key::FirstModuleHint)}</p>
                            <TextField id="cohort-place" label=Key::Place value=place />
                            <TextField id="cohort-trainer" label=Key::TrainerName value=trainer />
                            <ErrorMessage error=error />
                            <button type="submit" class="button primary" prop:disabled=move || creating.pending().get()>{move || i18n.t(Key::NewCohort)}</button>
                        </form>
                    </details>
                    {move || loaded(list.get(), move |rows| view! {
                            <ul class="pickup-list">
                                {rows.into_iter().map(|c| view! {
                                    <li class="card"><a class="pickup-link" href=format!("/cohorts/{}", c.id)>
                                        <strong>{c.name}</strong>
                                        <span class="muted">{format!("{} → {} · {} · {}", date_in_words(i18n.language.get(), &c.starts_on), date_in_words(i18n.language.get(), &c.ends_on), c.places, c.organisation.name)}</span>
                                    </a></li>
                                }).collect_view()}
                            </ul>
                        }.into_any())}
                }
                    .into_any()
            } else {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            }}
        </main>
    }
}

#[component]
pub fn CohortPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let page = LocalResource::new(move || training::cohort(id()));
    let reload = move || page.refetch();
    // Once for the page, not once per module.
    let providers = provider_list();
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/cohorts">{move || format!("← {}", i18n.t(Key::Cohorts))}</a>
            {move || loaded(page.get(), move |CohortWithCandidates { cohort, referrals }| {
                    let language = i18n.language.get();
                    let t = move |key| text(language, key);
                    let enrolled = cohort.learners.iter().filter(|l| matches!(l.referral.status, ReferralStatus::Enrolled | ReferralStatus::Completed)).count();
                    let cohort_id = cohort.id.clone();
                    let manages = cohort.may_manage;
                    view! {
                        <h1>{cohort.name.clone()}</h1>
                        <p class="muted">{format!("{} → {} · {enrolled}/{} {} · {}", date_in_words(language, &cohort.starts_on), date_in_words(language, &cohort.ends_on), cohort.places, noun(language, enrolled as f64, Key::PlacesTaken), cohort.organisation.name)}</p>
                        {manages.then(|| view! { <CohortEdit id=cohort_id.clone() name=cohort.name.clone() places=cohort.places on_done=reload /> })}
                        <section class="card">
                            <h2>{t(Key::Learners)}</h2>
                            <ul class="entries">
                                {cohort.learners.iter().cloned().map(|l| view! { <LearnerRow learner=l manages=manages on_done=reload /> }).collect_view()}
                            </ul>
                            {manages.then(|| view! { <Enrol cohort_id=cohort_id.clone() candidates=referrals on_done=reload /> })}
                        </section>
                        <section class="card">
                            <h2>{t(Key::Modules)}</h2>
                            <ol class="modules">
                                {cohort.modules.iter().map(|m| {
                                    let marked = cohort.attendance.iter().filter(|a| a.module_id == m.id && a.mark == AttendanceMark::Present).count();
                                    let provider = format!(" · {} {}", t(Key::TaughtBy), m.organisation.name);
                                    view! {
                                        <li>
                                            {if m.may_mark {
                                                view! { <a href=format!("/cohorts/{}/modules/{}", cohort_id, m.id)><strong>{m.title.clone()}</strong></a> }.into_any()
                                            } else {
                                                view! { <strong>{m.title.clone()}</strong> }.into_any()
                                            }}
                                            {(manages || m.may_mark).then(|| view! { <ModuleEdit module=m.clone() manages=manages providers=providers on_done=reload /> })}
                                            <span class="muted">{format!(
                                                " · {}{}{}{provider} · {}",
                                                local_time(language, &m.starts_at),
                                                m.place.as_deref().map(|p| format!(" · {p}")).unwrap_or_default(),
                                                if m.mandatory { String::new() } else { format!(" · {}", t(Key::Optional)) },
                                                count(language, marked as u64, Key::PresentWord)
                                            )}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        </section>
                    }
                        .into_any()
                })}
        </main>
    }
}

#[component]
fn LearnerRow(
    learner: Learner,
    /// Completion and drop-out are for those who run the cohort.
    manages: bool,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(String::new());
    // Completion and drop-out are often noted after the day, from the sheet.
    let (completed_on, left_on) = (today_field(), today_field());
    let error = RwSignal::new(None::<ApiError>);
    let id = learner.referral.id.clone();
    let enrolled = learner.referral.status == ReferralStatus::Enrolled && manages;
    let outcome_key = match learner.outcome {
        CompletionOutcome::Met => Key::OutcomeMet,
        CompletionOutcome::Pending => Key::OutcomePending,
        CompletionOutcome::NotMet => Key::OutcomeNotMet,
    };
    let completing = mutation(error, |(id, on)| training::complete(id, on), {
        let done = on_done.clone();
        move |()| done()
    });
    let dropping = mutation(
        error,
        |(id, why, on)| training::drop_out(id, why, on),
        move |()| on_done(),
    );
    let (complete_id, drop_id) = (id.clone(), id.clone());
    let complete = move |_| {
        completing.dispatch_local((complete_id.clone(), happened_day(completed_on)));
    };
    let drop_out = move |_| {
        dropping.dispatch_local((
            drop_id.clone(),
            reason.get_untracked(),
            happened_day(left_on),
        ));
    };
    view! {
        <li class="entry learner">
            <strong>{format!("{} {}", learner.referral.first_name, learner.referral.last_name)}</strong>
            <a href=format!("tel:{}", learner.referral.phone.replace(' ', ""))>{learner.referral.phone.clone()}</a>
            <span>{move || referral_badge(i18n.language.get(), learner.referral.status, learner.referral.gender)}</span>
            {enrolled.then(|| view! {
                <span class="muted">{move || i18n.t(outcome_key)}</span>
                {(learner.outcome == CompletionOutcome::Met).then(|| view! {
                    <details>
                        <summary>{move || i18n.t(Key::ConfirmCompletion)}</summary>
                        <HappenedOn id=format!("completed-{id}") label=Key::CompletedOn day=completed_on />
                        <button type="button" class="button small" on:click=complete.clone() prop:disabled=move || completing.pending().get()>{move || i18n.t(Key::ConfirmCompletion)}</button>
                    </details>
                })}
                <details>
                    <summary>{move || i18n.t(Key::DropOut)}</summary>
                    <TextField id=format!("drop-{id}") label=Key::Reason value=reason />
                    <HappenedOn id=format!("left-{id}") label=Key::DroppedOutOn day=left_on />
                    <button type="button" class="button small" on:click=drop_out.clone() prop:disabled=move || dropping.pending().get()>{move || i18n.t(Key::DropOut)}</button>
                </details>
            })}
            {learner.referral.drop_out_reason.clone().map(|r| view! { <span class="muted">{r}</span> })}
            {learner.referral.tracking_code.clone().map(|c| view! {
                <span class="muted">{move || format!("{} : {}", i18n.t(Key::TrackingCode), shared_types::installation::display_tracking_code(&c))}</span>
            })}
            {(learner.referral.status == ReferralStatus::Completed).then(|| view! { <ReportProblem referral_id=learner.referral.id.clone() /> })}
            <ErrorMessage error=error />
        </li>
    }
}

/// Enrols the eligible people ticked, several at once (a new cohort is
/// filled from one information session), each under the server's rules.
#[component]
fn Enrol(
    cohort_id: String,
    candidates: Vec<training::Candidate>,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(Vec::<String>::new());
    let contract = RwSignal::new(String::new());
    let enrolled_on = today_field();
    let error = RwSignal::new(None::<ApiError>);
    let enrolling = mutation(
        error,
        move |(people, signed, on): (Vec<String>, Option<String>, Option<String>)| {
            let cohort = cohort_id.clone();
            async move {
                // One at a time: a full cohort puts the next ones on its waiting
                // list; the first refusal stops and is shown, the others stay.
                for referral in people {
                    if let Err(e) =
                        training::enrol(referral, cohort.clone(), signed.clone(), on.clone()).await
                    {
                        return Ok(Some(e));
                    }
                }
                Ok(None)
            }
        },
        move |refused: Option<ApiError>| {
            error.set(refused);
            on_done();
        },
    );
    let enrol = move |_| {
        let people = chosen.get_untracked();
        if people.is_empty() {
            return error.set(Some(ApiError::Server(ErrorCode::PersonRequired)));
        }
        let signed = Some(contract.get_untracked()).filter(|d| !d.is_empty());
        enrolling.dispatch_local((people, signed, happened_day(enrolled_on)));
    };
    let all: Vec<String> = candidates.iter().map(|c| c.id.clone()).collect();
    let every = all.len();
    (!candidates.is_empty()).then(|| view! {
        <fieldset class="choices single enrol">
            <legend>{move || i18n.t(Key::EnrolEligible)}</legend>
            <label class="choice select-all">
                <input
                    type="checkbox"
                    prop:checked=move || chosen.with(|c| c.len() == every)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chosen.set(if on { all.clone() } else { Vec::new() });
                    }
                />
                <span>{move || i18n.t(Key::SelectAll)}</span>
            </label>
            {candidates.into_iter().map(|c| {
                let (id, mine) = (c.id.clone(), c.id.clone());
                view! {
                    <label class="choice">
                        <input
                            type="checkbox"
                            prop:checked=move || chosen.with(|list| list.contains(&mine))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                let id = id.clone();
                                chosen.update(|list| if on { list.push(id) } else { list.retain(|x| *x != id) });
                            }
                        />
                        <span>{format!("{} {}", c.first_name, c.last_name)}</span>
                    </label>
                }
            }).collect_view()}
        </fieldset>
        <label for="enrol-contract">{move || i18n.t(Key::ContractSignedOn)}</label>
        <input id="enrol-contract" type="date" prop:value=contract on:input=move |ev| contract.set(event_target_value(&ev)) />
        <HappenedOn id="enrolled-on" label=Key::EnrolledOn day=enrolled_on />
        <ErrorMessage error=error />
        <button type="button" class="button primary" on:click=enrol prop:disabled=move || enrolling.pending().get()>{move || i18n.t(Key::Enrol)}</button>
    })
}

/// Moves a module (a holiday, a room taken) or changes its place and
/// trainer; those who run the cohort also choose the provider teaching it.
/// Moving a module whose attendance is marked asks to confirm first.
#[component]
fn ModuleEdit(
    module: training::Module,
    manages: bool,
    providers: Signal<Vec<training::Provider>>,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let when = RwSignal::new(String::new());
    let place = RwSignal::new(module.place.clone().unwrap_or_default());
    let trainer = RwSignal::new(module.trainer.clone().unwrap_or_default());
    let provider = RwSignal::new(module.organisation.id.clone());
    let confirm = RwSignal::new(false);
    let asks_confirm = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let saving = mutation(
        error,
        move |changes| async move {
            let answer = training::update_module(changes).await;
            if answer == Err(ApiError::Server(ErrorCode::ModuleHasAttendance)) {
                asks_confirm.set(true);
            }
            answer
        },
        move |()| on_done(),
    );
    let minutes = {
        let start = js_sys::Date::new(&module.starts_at.clone().into()).get_time();
        let end = js_sys::Date::new(&module.ends_at.clone().into()).get_time();
        (((end - start) / 60_000.0) as i64).max(15)
    };
    let (id, starts_at) = (module.id.clone(), module.starts_at.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let at = local_to_iso(&when.get_untracked()).unwrap_or_else(|| starts_at.clone());
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|t| !t.is_empty())
        };
        let changes = ModuleChanges {
            id: id.clone(),
            starts_at: at,
            minutes,
            place: text(place),
            trainer: text(trainer),
            organisation_id: if manages { text(provider) } else { None },
            confirm_move: confirm.get_untracked(),
        };
        saving.dispatch_local(changes);
    };
    view! {
        <details class="module-edit">
            <summary>{move || i18n.t(Key::ChangeModule)}</summary>
            <form class="form" novalidate on:submit=save>
                <label for=format!("when-{}", module.id)>{move || i18n.t(Key::DateAndTime)}</label>
                <input id=format!("when-{}", module.id) type="datetime-local" prop:value=when on:input=move |ev| when.set(event_target_value(&ev)) />
                <TextField id=format!("place-{}", module.id) label=Key::Place value=place />
                <TextField id=format!("trainer-{}", module.id) label=Key::TrainerName value=trainer />
                {manages.then(|| view! { <ProviderSelect id=format!("provider-{}", module.id) chosen=provider providers=providers /> })}
                <ErrorMessage error=error />
                <Show when=move || asks_confirm.get()>
                    <label class="check">
                        <input type="checkbox" prop:checked=confirm on:change=move |ev| confirm.set(event_target_checked(&ev)) />
                        {move || i18n.t(Key::ConfirmMove)}
                    </label>
                </Show>
                <button type="submit" class="button small" prop:disabled=move || saving.pending().get()>{move || i18n.t(Key::SaveChanges)}</button>
            </form>
        </details>
    }
}

/// Corrects a cohort's name or its number of places.
#[component]
fn CohortEdit(
    id: String,
    name: String,
    places: i64,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(name);
    let places = RwSignal::new(places.to_string());
    let error = RwSignal::new(None::<ApiError>);
    let saving = mutation(error, training::update_cohort, move |()| on_done());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(places) = places.get_untracked().trim().parse::<i64>() else {
            return error.set(Some(ApiError::Server(ErrorCode::PlacesNotANumber)));
        };
        let changes = CohortChanges {
            id: id.clone(),
            name: name.get_untracked(),
            places,
        };
        saving.dispatch_local(changes);
    };
    view! {
        <details class="card">
            <summary>{move || i18n.t(Key::CorrectCohort)}</summary>
            <form class="form" novalidate on:submit=save>
                <TextField id="edit-cohort-name" label=Key::CohortName value=name />
                <TextField id="edit-cohort-places" label=Key::Places value=places kind=FieldKind::Decimal />
                <ErrorMessage error=error />
                <button type="submit" class="button small">{move || i18n.t(Key::SaveChanges)}</button>
            </form>
        </details>
    }
}

/// A trainer reports a learner's computer problem to the help desk.
#[component]
fn ReportProblem(referral_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let message = RwSignal::new(String::new());
    let reported_on = today_field();
    let sent = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let field_id = format!("problem-{referral_id}");
    let day_id = format!("problem-on-{referral_id}");
    let sending = mutation(
        error,
        |(id, text, on)| training::report_problem(id, text, on),
        move |()| sent.set(true),
    );
    let send = move |_| {
        sending.dispatch_local((
            referral_id.clone(),
            message.get_untracked(),
            happened_day(reported_on),
        ));
    };
    view! {
        <details>
            <summary>{move || i18n.t(Key::ReportProblem)}</summary>
            <Show when=move || !sent.get() fallback=move || view! { <p class="success">{i18n.t(Key::RequestSent)}</p> }>
                <TextField id=field_id.clone() label=Key::YourMessage value=message />
                <HappenedOn id=day_id.clone() label=Key::ReportedOn day=reported_on />
                <ErrorMessage error=error />
                <button type="button" class="button small" on:click=send.clone()>{move || i18n.t(Key::SendRequest)}</button>
            </Show>
        </details>
    }
}
