//! Information sessions: when and where, who was invited, and the
//! eligibility decided for each person, criterion by criterion.

use leptos::prelude::*;
use shared_types::{ErrorCode, ReferralStatus, Role};

use super::{provider_list, referral_badge};
use crate::components::{ProviderSelect, local_to_iso};
use crate::{
    api::{
        ApiError,
        training::{self, Decision, NewSession, ReferralRow},
    },
    app::has_role,
    components::{
        ErrorMessage, FreshForm, HappenedOn, TextField, TopBar, happened_day, loaded, mutation,
        today_field,
    },
    i18n::{Key, local_time, use_i18n},
};

#[component]
pub fn SessionsPage() -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let allowed = has_role(Role::Coordinator) || has_role(Role::Trainer);
    // Inviting new referrals is the coordination's.
    let coordinates = has_role(Role::Coordinator);
    let data = LocalResource::new(move || {
        version.track();
        async move {
            let sessions = training::sessions().await?;
            let referrals = training::referrals(None).await?;
            Ok::<_, ApiError>((sessions, referrals))
        }
    });
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::InfoSessions)}</h1>
            {if allowed {
                view! {
                    <details class="card">
                        <summary>{move || i18n.t(Key::NewInfoSession)}</summary>
                        <FreshForm form=move |saved| view! { <NewSessionForm saved=saved version=version /> } />
                    </details>
                    {move || loaded(data.get(), move |(sessions, referrals)| {
                            let language = i18n.language.get();
                            sessions.into_iter().map(|s| {
                                let invited: Vec<ReferralRow> = referrals.iter().filter(|r| r.info_session_id.as_deref() == Some(&s.id)).cloned().collect();
                                let count = i18n.count(invited.len() as u64, Key::InvitedPeople);
                                view! {
                                    <section class="card session" id=format!("session-{}", s.id)>
                                        <h2>{format!("{} · {}", local_time(language, &s.starts_at), s.place)}</h2>
                                        <p class="muted">{format!("{} · {count}", s.organisation.name)}</p>
                                        {coordinates.then(|| view! { <a class="button small" href=format!("/referrals?session={}#invite", s.id)>{i18n.t(Key::InviteToThisSession)}</a> })}
                                        {invited.is_empty().then(|| view! { <p class="muted">{i18n.t(Key::NobodyInvited)}</p> })}
                                        <ul class="entries">
                                            {invited.into_iter().map(|r| view! { <Invitee referral=r version=version /> }).collect_view()}
                                        </ul>
                                    </section>
                                }
                            }).collect_view().into_any()
                        })}
                }
                    .into_any()
            } else {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            }}
        </main>
    }
}

/// A new information session: its date and place, empty for each new one.
#[component]
fn NewSessionForm(saved: Callback<()>, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let when = RwSignal::new(String::new());
    let place = RwSignal::new(String::new());
    let provider = RwSignal::new(String::new());
    // A coordinator chooses the training provider running it; a trainer's
    // sessions are their own provider's.
    let chooses = has_role(Role::Coordinator);
    let error = RwSignal::new(None::<ApiError>);
    let creating = mutation(error, training::create_session, move |()| {
        version.update(|v| *v += 1);
        saved.run(());
    });
    // Offered once the server says the date is past (a mistyped year is
    // far more common than a session recorded afterwards).
    let confirm_past = RwSignal::new(false);
    let asks_past = Memo::new(move |_| {
        error.with(|e| matches!(e, Some(ApiError::Server(ErrorCode::SessionInThePast))))
            || confirm_past.get()
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(at) = local_to_iso(&when.get_untracked()) else {
            return error.set(Some(ApiError::Server(ErrorCode::DatesInvalid)));
        };
        let organisation_id = Some(provider.get_untracked()).filter(|p| !p.is_empty());
        if chooses && organisation_id.is_none() {
            return error.set(Some(ApiError::Server(ErrorCode::ProviderRequired)));
        }
        let session = NewSession {
            starts_at: at,
            place: place.get_untracked(),
            organisation_id,
            confirm_past: confirm_past.get_untracked(),
        };
        creating.dispatch_local(session);
    };
    view! {
        <form class="form" novalidate on:submit=create>
            <label for="session-when">{move || i18n.t(Key::DateAndTime)}</label>
            <input id="session-when" type="datetime-local" prop:value=when on:input=move |ev| when.set(event_target_value(&ev)) />
            <TextField id="session-place" label=Key::Place value=place />
            {chooses.then(|| view! { <ProviderSelect id="session-provider" chosen=provider providers=provider_list() /> })}
            <ErrorMessage error=error />
            <Show when=move || asks_past.get()>
                <label class="check"><input type="checkbox" prop:checked=confirm_past on:change=move |ev| confirm_past.set(event_target_checked(&ev)) />{move || i18n.t(Key::ConfirmPastSession)}</label>
            </Show>
            <button type="submit" class="button primary" prop:disabled=move || creating.pending().get()>{move || i18n.t(Key::NewInfoSession)}</button>
        </form>
    }
}

/// One invited person, and the decision form while none was taken.
#[component]
fn Invitee(referral: ReferralRow, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let criteria = [
        (
            Key::CriterionResidence,
            RwSignal::new(referral.priority_neighbourhood),
        ),
        (Key::CriterionFrench, RwSignal::new(true)),
        (Key::CriterionAvailability, RwSignal::new(true)),
        (Key::CriterionMotivation, RwSignal::new(true)),
    ];
    let reason = RwSignal::new(String::new());
    let decided_on = today_field();
    let error = RwSignal::new(None::<ApiError>);
    let pending = referral.status == ReferralStatus::Invited;
    let id = referral.id.clone();
    let deciding = mutation(
        error,
        |(id, decision, on)| training::decide(id, decision, on),
        move |()| version.update(|v| *v += 1),
    );
    let decide = move |eligible: bool| {
        let [residence, french, availability, motivation] =
            criteria.map(|(_, s)| s.get_untracked());
        let decision = Decision {
            residence,
            french,
            availability,
            motivation,
            eligible,
            reason: Some(reason.get_untracked().trim().to_string()).filter(|r| !r.is_empty()),
        };
        deciding.dispatch_local((id.clone(), decision, happened_day(decided_on)));
    };
    let decide_no = decide.clone();
    view! {
        <li class="entry" data-referral=referral.id.clone()>
            <strong>{format!("{} {}", referral.first_name, referral.last_name)}</strong>
            <span>{move || referral_badge(i18n.language.get(), referral.status, referral.gender)}</span>
            {pending.then(|| view! {
                <fieldset class="choices single">
                    <legend>{move || i18n.t(Key::EligibilityCriteria)}</legend>
                    {criteria.iter().map(|(label, signal)| {
                        let (label, signal) = (*label, *signal);
                        view! {
                            <label class="choice">
                                <input type="checkbox" prop:checked=signal on:change=move |ev| signal.set(event_target_checked(&ev)) />
                                <span>{move || i18n.t(label)}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <TextField id=format!("reason-{}", referral.id) label=Key::DecisionReason value=reason />
                <HappenedOn id=format!("decided-{}", referral.id) label=Key::DecidedOn day=decided_on />
                <ErrorMessage error=error />
                <div class="actions">
                    <button type="button" class="button primary" on:click=move |_| decide(true) prop:disabled=move || deciding.pending().get()>{move || i18n.t(Key::Eligible)}</button>
                    <button type="button" class="button" on:click=move |_| decide_no(false) prop:disabled=move || deciding.pending().get()>{move || i18n.t(Key::NotEligible)}</button>
                </div>
            })}
        </li>
    }
}
