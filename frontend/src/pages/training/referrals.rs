//! Referrals: a prescriber refers a resident and follows them; the
//! coordination invites new referrals to an information session.

use leptos::prelude::*;
use shared_types::{
    DevicePreference, ErrorCode, Gender, InternetAccess, PrescriberKind, ReferralStatus, Role,
    training::ReferralDetails, validation,
};

use super::referral_badge;
use crate::{
    api::{ApiError, training},
    app::has_role,
    components::{
        ErrorMessage, FieldKind, HappenedOn, TextField, TopBar, happened_day, loaded, mutation,
    },
    i18n::{Key, local_time, use_i18n},
};

#[component]
pub fn ReferralsPage() -> impl IntoView {
    let i18n = use_i18n();
    let version = RwSignal::new(0u32);
    let allowed =
        has_role(Role::Prescriber) || has_role(Role::Coordinator) || has_role(Role::Trainer);
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Referrals)}</h1>
            {if allowed {
                view! {
                    {has_role(Role::Prescriber).then(|| view! { <ReferralForm version=version /> })}
                    {has_role(Role::Coordinator).then(|| view! { <InviteNew version=version /> })}
                    <ReferralList version=version />
                }
                    .into_any()
            } else {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            }}
        </main>
    }
}

#[component]
fn ReferralForm(version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let sent = RwSignal::new(false);
    let on_sent = Callback::new(move |()| {
        sent.set(true);
        open.set(false);
        version.update(|v| *v += 1);
    });
    view! {
        {move || sent.get().then(|| view! { <p class="success" role="status">{i18n.t(Key::ReferralSent)}</p> })}
        // The fields are made anew at each opening: a referral never starts
        // with the previous person's gender, household or needs.
        <Show
            when=move || open.get()
            fallback=move || view! { <button type="button" class="button primary" on:click=move |_| { sent.set(false); open.set(true); }>{move || i18n.t(Key::NewReferral)}</button> }
        >
            <ReferralFields initial=blank_referral() referred_on=crate::browser::today_input() correcting=None on_sent=on_sent />
        </Show>
    }
}

/// The answers a new referral starts from: nobody's.
fn blank_referral() -> ReferralDetails {
    ReferralDetails {
        prescriber_kind: PrescriberKind::JobCentre,
        first_name: String::new(),
        last_name: String::new(),
        birth_year: None,
        gender: Gender::Unspecified,
        phone: String::new(),
        email: None,
        address: None,
        neighbourhood: None,
        priority_neighbourhood: false,
        languages: None,
        household_adults: 1,
        household_children: 0,
        internet: InternetAccess::CanGet,
        accessibility_needs: None,
        reason: None,
        device_preference: DevicePreference::Any,
        consent: false,
    }
}

/// The referral form: empty for a new resident, or holding a referral's
/// answers to correct (`correcting` is then its id).
#[component]
fn ReferralFields(
    initial: ReferralDetails,
    /// The day it was made (today for a new one).
    referred_on: String,
    correcting: Option<String>,
    on_sent: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let text_of = |t: &Option<String>| RwSignal::new(t.clone().unwrap_or_default());
    let kind = RwSignal::new(initial.prescriber_kind);
    let (first, last, phone) = (
        RwSignal::new(initial.first_name.clone()),
        RwSignal::new(initial.last_name.clone()),
        RwSignal::new(initial.phone.clone()),
    );
    let (email, address, neighbourhood, languages, reason, needs) = (
        text_of(&initial.email),
        text_of(&initial.address),
        text_of(&initial.neighbourhood),
        text_of(&initial.languages),
        text_of(&initial.reason),
        text_of(&initial.accessibility_needs),
    );
    let year = RwSignal::new(
        initial
            .birth_year
            .map(|y| y.to_string())
            .unwrap_or_default(),
    );
    let gender = RwSignal::new(initial.gender);
    let priority = RwSignal::new(initial.priority_neighbourhood);
    let adults = RwSignal::new(initial.household_adults.to_string());
    let children = RwSignal::new(initial.household_children.to_string());
    let internet = RwSignal::new(initial.internet);
    let preference = RwSignal::new(initial.device_preference);
    let consent = RwSignal::new(initial.consent);
    let made_on = RwSignal::new(referred_on.clone());
    // Ids and radio groups of their own: a correction opens inside the list.
    let prefix = match &correcting {
        Some(id) => format!("ref-{id}"),
        None => "ref".to_string(),
    };
    let id_of = move |field: &str| format!("{prefix}-{field}");
    let editing = correcting.is_some();
    let error = RwSignal::new(None::<ApiError>);
    let sending = mutation(
        error,
        move |(correcting, input, day): (Option<String>, ReferralDetails, Option<String>)| async move {
            match correcting {
                Some(id) => training::correct_referral(id, input, day).await,
                None => training::refer(input, day).await,
            }
        },
        move |()| on_sent.run(()),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let fail = |code| error.set(Some(ApiError::Server(code)));
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|t| !t.is_empty())
        };
        if let Err(code) = validation::normalise_name(&first.get_untracked())
            .and_then(|_| validation::normalise_name(&last.get_untracked()))
        {
            return fail(code);
        }
        if phone
            .get_untracked()
            .chars()
            .filter(char::is_ascii_digit)
            .count()
            < 6
        {
            return fail(ErrorCode::PhoneRequired);
        }
        let (Ok(household_adults), Ok(household_children)) = (
            adults.get_untracked().trim().parse::<i32>(),
            children.get_untracked().trim().parse::<i32>(),
        ) else {
            return fail(ErrorCode::HouseholdInvalid);
        };
        let birth_year = match text(year) {
            Some(y) => match y.parse::<i32>() {
                Ok(y) => Some(y),
                Err(_) => return fail(ErrorCode::BirthYearInvalid),
            },
            None => None,
        };
        let this_year = js_sys::Date::new_0().get_full_year() as i32;
        if let Err(code) = shared_types::training::check_household(
            household_adults,
            household_children,
            birth_year,
            this_year,
        ) {
            return fail(code);
        }
        if !consent.get_untracked() {
            return fail(ErrorCode::ConsentRequired);
        }
        let input = ReferralDetails {
            prescriber_kind: kind.get_untracked(),
            first_name: first.get_untracked(),
            last_name: last.get_untracked(),
            birth_year,
            gender: gender.get_untracked(),
            phone: phone.get_untracked(),
            email: text(email),
            address: text(address),
            neighbourhood: text(neighbourhood),
            priority_neighbourhood: priority.get_untracked(),
            languages: text(languages),
            household_adults,
            household_children,
            internet: internet.get_untracked(),
            accessibility_needs: text(needs),
            reason: text(reason),
            device_preference: preference.get_untracked(),
            consent: true,
        };
        // A correction sends the day only when it changed.
        let day = if correcting.is_some() {
            Some(made_on.get_untracked()).filter(|d| !d.trim().is_empty() && *d != referred_on)
        } else {
            happened_day(made_on)
        };
        sending.dispatch_local((correcting.clone(), input, day));
    };
    let radio = move |name: String,
                      options: Vec<(&'static str, Key)>,
                      current: Box<dyn Fn(&str) -> bool + Send + Sync>,
                      set: Box<dyn Fn(&str) + Send + Sync>| {
        let current = std::sync::Arc::new(current);
        let set = std::sync::Arc::new(set);
        view! {
            {options.into_iter().map(|(value, label)| {
                let (current, set, name) = (current.clone(), set.clone(), name.clone());
                view! {
                    <label class="choice">
                        <input type="radio" name=name value=value prop:checked=move || current(value) on:change=move |_| set(value) />
                        <span>{move || i18n.t(label)}</span>
                    </label>
                }
            }).collect_view()}
        }
    };
    view! {
            <form class="form card" novalidate on:submit=submit>
                <h2>{move || i18n.t(if editing { Key::CorrectReferralTitle } else { Key::NewReferral })}</h2>
                <TextField id=id_of("first") label=Key::FirstName value=first autocomplete="off" />
                <TextField id=id_of("last") label=Key::LastName value=last />
                <TextField id=id_of("phone") label=Key::Phone value=phone kind=FieldKind::Phone hint=Key::PhoneForReminders />
                <TextField id=id_of("email") label=Key::Email value=email kind=FieldKind::Email />
                <TextField id=id_of("year") label=Key::BirthYear value=year kind=FieldKind::Decimal />
                <fieldset class="choices">
                    <legend>{move || i18n.t(Key::GenderLabel)}</legend>
                    {radio(id_of("gender"), vec![("WOMAN", Key::Woman), ("MAN", Key::Man), ("UNSPECIFIED", Key::Unspecified)],
                        Box::new(move |v| gender.get().as_str() == v), Box::new(move |v| if let Some(g) = Gender::parse(v) { gender.set(g) }))}
                </fieldset>
                <TextField id=id_of("address") label=Key::Address value=address autocomplete="street-address" />
                <TextField id=id_of("neighbourhood") label=Key::Neighbourhood value=neighbourhood />
                <label class="check"><input type="checkbox" prop:checked=priority on:change=move |ev| priority.set(event_target_checked(&ev)) />{move || i18n.t(Key::PriorityNeighbourhood)}</label>
                <TextField id=id_of("languages") label=Key::Languages value=languages />
                <div class="row">
                    <div><TextField id=id_of("adults") label=Key::Adults value=adults kind=FieldKind::Decimal /></div>
                    <div class="grow"><TextField id=id_of("children") label=Key::Children value=children kind=FieldKind::Decimal /></div>
                </div>
                <fieldset class="choices single">
                    <legend>{move || i18n.t(Key::InternetAtHome)}</legend>
                    {radio(id_of("internet"), vec![("HAS", Key::InternetHas), ("CAN_GET", Key::InternetCanGet), ("NONE", Key::InternetNone)],
                        Box::new(move |v| internet.get().as_str() == v), Box::new(move |v| if let Some(i) = InternetAccess::parse(v) { internet.set(i) }))}
                </fieldset>
                <fieldset class="choices single">
                    <legend>{move || i18n.t(Key::DevicePreferenceLabel)}</legend>
                    {radio(id_of("preference"), vec![("ANY", Key::PreferAny), ("LAPTOP", Key::PreferLaptop), ("DESKTOP", Key::PreferDesktop)],
                        Box::new(move |v| preference.get().as_str() == v), Box::new(move |v| if let Some(p) = DevicePreference::parse(v) { preference.set(p) }))}
                </fieldset>
                <TextField id=id_of("needs") label=Key::AccessibilityNeeds value=needs />
                <TextField id=id_of("reason") label=Key::ReferralReason value=reason />
                <fieldset class="choices single">
                    <legend>{move || i18n.t(Key::YouAre)}</legend>
                    {radio(id_of("prescriber-kind"), vec![("JOB_CENTRE", Key::JobCentre), ("SOCIAL_CENTRE", Key::SocialCentre), ("OTHER", Key::OtherPrescriber)],
                        Box::new(move |v| kind.get().as_str() == v), Box::new(move |v| if let Some(k) = PrescriberKind::parse(v) { kind.set(k) }))}
                </fieldset>
                <HappenedOn id=id_of("referred-on") label=Key::ReferredOn day=made_on />
                <label class="check consent"><input type="checkbox" prop:checked=consent on:change=move |ev| consent.set(event_target_checked(&ev)) />{move || i18n.t(Key::ConsentText)}</label>
                <ErrorMessage error=error />
                <button type="submit" class="button primary" prop:disabled=move || sending.pending().get()>{move || i18n.t(if editing { Key::SaveChanges } else { Key::SendReferral })}</button>
            </form>
    }
}

/// Opens a referral's answers to correct them (a mistyped phone number).
#[component]
fn CorrectReferral(id: String, version: RwSignal<u32>, corrected: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let on_sent = Callback::new(move |()| {
        open.set(false);
        corrected.set(true);
        version.update(|v| *v += 1);
    });
    let details = {
        let id = id.clone();
        LocalResource::new(move || {
            let (id, wanted) = (id.clone(), open.get());
            async move {
                if wanted {
                    training::referral_details(id).await.map(Some)
                } else {
                    Ok(None)
                }
            }
        })
    };
    view! {
        <button type="button" class="button small" aria-expanded=move || open.get().to_string() on:click=move |_| { corrected.set(false); open.update(|o| *o = !*o); }>
            {move || i18n.t(Key::CorrectReferral)}
        </button>
        {move || match details.get() {
            Some(Ok(Some((initial, referred_on)))) if open.get() => {
                view! { <ReferralFields initial=initial referred_on=referred_on correcting=Some(id.clone()) on_sent=on_sent /> }.into_any()
            }
            Some(Err(e)) => view! { <ErrorMessage error=Signal::derive(move || Some(e.clone())) /> }.into_any(),
            _ => ().into_any(),
        }}
    }
}

/// New referrals, invited to an information session by the coordination.
#[component]
fn InviteNew(version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let data = LocalResource::new(move || {
        version.track();
        async move {
            let received = training::referrals(Some(ReferralStatus::Received)).await?;
            let sessions = training::sessions().await?;
            Ok::<_, ApiError>((received, sessions))
        }
    });
    let ticked = RwSignal::new(Vec::<String>::new());
    // Opened from a session ("invite people to this session"): it is chosen.
    let query = leptos_router::hooks::use_query_map();
    let session = RwSignal::new(query.with_untracked(|q| q.get("session").unwrap_or_default()));
    let error = RwSignal::new(None::<ApiError>);
    let inviting = mutation(
        error,
        |(session, ids)| training::invite(session, ids),
        move |()| {
            ticked.set(Vec::new());
            version.update(|v| *v += 1);
        },
    );
    let invite = move |_| {
        let ids = ticked.get_untracked();
        let chosen = session.get_untracked();
        if ids.is_empty() {
            return error.set(Some(ApiError::Server(ErrorCode::PersonRequired)));
        }
        if chosen.is_empty() {
            return error.set(Some(ApiError::Server(ErrorCode::SessionRequired)));
        }
        inviting.dispatch_local((chosen, ids));
    };
    move || {
        data.get().and_then(Result::ok).filter(|(received, _)| !received.is_empty()).map(|(received, sessions)| {
            let language = i18n.language.get();
            view! {
                <section class="card" id="invite">
                    <h2>{i18n.t(Key::NewReferralsToInvite)}</h2>
                    <fieldset class="choices single">
                        <legend class="visually-hidden">{i18n.t(Key::NewReferralsToInvite)}</legend>
                        {
                            let all: Vec<String> = received.iter().map(|r| r.id.clone()).collect();
                            let every = all.len();
                            view! {
                                <label class="choice select-all">
                                    <input
                                        type="checkbox"
                                        prop:checked=move || ticked.with(|t| t.len() == every)
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            ticked.set(if on { all.clone() } else { Vec::new() });
                                        }
                                    />
                                    <span>{i18n.t(Key::SelectAll)}</span>
                                </label>
                            }
                        }
                        {received.into_iter().map(|r| {
                            let id = r.id.clone();
                            let mine = r.id.clone();
                            view! {
                                <label class="choice">
                                    <input type="checkbox" prop:checked=move || ticked.with(|t| t.contains(&mine)) on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = id.clone();
                                        ticked.update(|t| if on { t.push(id) } else { t.retain(|x| *x != id) });
                                    } />
                                    <span>{format!("{} {} · {}", r.first_name, r.last_name, r.prescriber_organisation.name)}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <label for="invite-session">{i18n.t(Key::InfoSession)}</label>
                    <select id="invite-session" on:change=move |ev| session.set(event_target_value(&ev))>
                        <option value="">{i18n.t(Key::ChooseSession)}</option>
                        {sessions.into_iter().map(|s| {
                            let chosen = s.id == session.get_untracked();
                            view! {
                                <option value=s.id selected=chosen>{format!("{} · {} · {}", local_time(language, &s.starts_at), s.place, s.organisation.name)}</option>
                            }
                        }).collect_view()}
                    </select>
                    <ErrorMessage error=error />
                    <button type="button" class="button primary" on:click=invite prop:disabled=move || inviting.pending().get()>{i18n.t(Key::Invite)}</button>
                </section>
            }
        })
    }
}

#[component]
fn ReferralList(version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let list = LocalResource::new(move || {
        version.track();
        training::referrals(None)
    });
    // Outside the list, which is drawn again once a correction is saved.
    let corrected = RwSignal::new(false);
    let message = move || {
        corrected.get().then(
            || view! { <p class="success" role="status">{i18n.t(Key::ReferralCorrected)}</p> },
        )
    };
    let rows = move || {
        loaded(list.get(), move |answer| match answer {
            rows if rows.is_empty() => {
                view! { <p class="empty">{i18n.t(Key::NoReferral)}</p> }.into_any()
            }
            rows => {
                let language = i18n.language.get();
                let may_correct = has_role(Role::Prescriber) || has_role(Role::Coordinator);
                view! {
                <ul class="pickup-list">
                    {rows.into_iter().map(|r| view! {
                        <li class="card referral">
                            <strong>{format!("{} {}", r.first_name, r.last_name)}</strong>
                            <span class="muted">{format!("{} · {}", local_time(language, &r.created_at), r.neighbourhood.clone().unwrap_or_default())}</span>
                            <span>{referral_badge(language, r.status, r.gender)}</span>
                            {r.decision_reason.clone().map(|reason| view! { <span class="muted">{reason}</span> })}
                            {r.drop_out_reason.clone().map(|reason| view! { <span class="muted">{reason}</span> })}
                            {may_correct.then(|| view! { <CorrectReferral id=r.id.clone() version=version corrected=corrected /> })}
                            {has_role(Role::Coordinator).then(|| view! { <PersonalData id=r.id.clone() name=format!("{} {}", r.first_name, r.last_name) version=version /> })}
                        </li>
                    }).collect_view()}
                </ul>
            }
                .into_any()
            }
        })
    };
    view! {
        {message}
        {rows}
    }
}

/// A person's rights over their data, for the coordination: who read the
/// record, everything held (JSON), and erasure after a second confirmation.
#[component]
fn PersonalData(id: String, name: String, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let reads = RwSignal::new(None::<Vec<training::AuditEntry>>);
    let export = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let file_name = format!(
        "donnees-{}.json",
        shared_types::text::search_key(&name).replace(' ', "-")
    );
    let reading = mutation(error, training::audit_log, move |entries| {
        reads.set(Some(entries))
    });
    let exporting = mutation(
        error,
        training::export_person,
        move |text: String| match json_file(&text) {
            Some(url) => export.set(Some(url)),
            None => error.set(Some(ApiError::Server(ErrorCode::Internal))),
        },
    );
    let erasing = mutation(error, training::erase_person, move |()| {
        version.update(|v| *v += 1)
    });
    let show_reads = {
        let id = id.clone();
        move |_| {
            reading.dispatch_local(id.clone());
        }
    };
    let export_data = {
        let id = id.clone();
        move |_| {
            exporting.dispatch_local(id.clone());
        }
    };
    let erase = move |_| {
        erasing.dispatch_local(id.clone());
    };
    view! {
        <details class="personal-data">
            <summary>{move || i18n.t(Key::PersonalData)}</summary>
            <div class="actions">
                <button type="button" class="button" on:click=show_reads>{move || i18n.t(Key::WhoReadThis)}</button>
                {move || match export.get() {
                    None => view! { <button type="button" class="button" on:click=export_data.clone()>{i18n.t(Key::ExportPersonalData)}</button> }.into_any(),
                    Some(href) => view! { <a class="button primary" href=href download=file_name.clone()>{format!("{} — {}", i18n.t(Key::ExportPersonalData), i18n.t(Key::Download))}</a> }.into_any(),
                }}
            </div>
            {move || reads.get().map(|entries| {
                let language = i18n.language.get();
                if entries.is_empty() {
                    return view! { <p class="empty">{i18n.t(Key::NobodyReadThis)}</p> }.into_any();
                }
                view! {
                    <ul class="audit-log">
                        {entries.into_iter().map(|e| {
                            let who = e.reader.clone().unwrap_or_else(|| match e.action.as_str() {
                                "RETENTION" => "Passerelle".to_string(),
                                _ => i18n.t(Key::TheHousehold).to_string(),
                            });
                            view! { <li>{format!("{} · {} · {}", local_time(language, &e.at), who, i18n.t(audit_action(&e.action)))}</li> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            {move || if confirming.get() {
                view! {
                    <p class="warning">{i18n.t(Key::EraseWarning)}</p>
                    <button type="button" class="button danger" on:click=erase.clone() prop:disabled=move || erasing.pending().get()>{i18n.t(Key::ConfirmErase)}</button>
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>{i18n.t(Key::KeepPerson)}</button>
                }.into_any()
            } else {
                view! { <button type="button" class="button danger" on:click=move |_| confirming.set(true)>{i18n.t(Key::ErasePerson)}</button> }.into_any()
            }}
            <ErrorMessage error=error />
        </details>
    }
}

/// The JSON text as a file the browser can download.
fn json_file(text: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .ok()
        .map(|blob| crate::browser::object_url(&blob))
}

fn audit_action(action: &str) -> Key {
    match action {
        "EXPORT" => Key::AuditExport,
        "ERASE" => Key::AuditErase,
        "RETENTION" => Key::AuditRetention,
        "DATED" => Key::AuditDated,
        _ => Key::AuditRead,
    }
}
