//! The help desk: problems reported on installed devices and requests to
//! move a visit, with their status.

use leptos::prelude::*;
use shared_types::{ErrorCode, Role, SupportKind, SupportStatus};

use crate::{
    api::{ApiError, installations, installations::SupportRow},
    app::has_role,
    components::{ErrorMessage, TopBar, loaded, mutation},
    i18n::{Key, local_time, text, use_i18n},
};

#[component]
pub fn SupportPage() -> impl IntoView {
    let i18n = use_i18n();
    let allowed = has_role(Role::Coordinator) || has_role(Role::Installer);
    let list = LocalResource::new(installations::support_requests);
    let changed = Callback::new(move |()| list.refetch());
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::HelpDesk)}</h1>
            {if !allowed {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            } else {
                view! {
                    {move || loaded(list.get(), move |answer| match answer {
                        rows if rows.is_empty() => view! { <p class="empty">{i18n.t(Key::NoRequest)}</p> }.into_any(),
                        rows => view! {
                            <ul class="entries">
                                {rows.into_iter().map(|r| view! { <RequestItem row=r on_changed=changed links=true /> }).collect_view()}
                            </ul>
                        }
                            .into_any(),
                    })}
                }
                    .into_any()
            }}
        </main>
    }
}

/// One request, on the help desk or on its visit: what was asked, its
/// status, and while it is not settled the answer the household will read.
#[component]
pub fn RequestItem(row: SupportRow, on_changed: Callback<()>, links: bool) -> impl IntoView {
    let i18n = use_i18n();
    let answer = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let updating = mutation(
        error,
        |(id, status, text)| installations::update_support(id, status, text),
        move |()| {
            answer.set(String::new());
            on_changed.run(());
        },
    );
    let id = row.id.clone();
    let set = move |status: SupportStatus| {
        let text = answer.get_untracked();
        let text = Some(text.trim().to_string()).filter(|t| !t.is_empty());
        updating.dispatch_local((id.clone(), status, text));
    };
    let (set_progress, set_done) = (set.clone(), set);
    let language = i18n.language.get_untracked();
    let kind = text(
        language,
        if row.kind == SupportKind::Problem {
            Key::Problem
        } else {
            Key::DateChangeRequest
        },
    );
    let status = text(
        language,
        match row.status {
            SupportStatus::Open => Key::StatusOpen,
            SupportStatus::InProgress => Key::StatusInProgress,
            SupportStatus::Resolved => Key::StatusResolved,
        },
    );
    let answer_id = format!("answer-{}", row.id);
    view! {
        <li class="entry support">
            <strong>{format!("{kind} · {}", row.learner_name)}</strong>
            <span>{row.message.clone()}</span>
            <span class="muted">{format!("{} · {}", local_time(language, &row.reported_at), row.phone)}</span>
            <span class="badge">{status}</span>
            {row.resolution.clone().map(|r| view! { <p><strong>{format!("{} ", text(language, Key::AnswerWord))}</strong>{r}</p> })}
            {(links && (row.installation_id.is_some() || row.device_tag.is_some())).then(|| view! {
                <p class="links">
                    {row.installation_id.clone().map(|id| view! { <a href=format!("/visits/{id}")>{text(language, Key::OpenVisit)}</a> " " })}
                    {row.device_tag.clone().map(|tag| view! { <a href=format!("/d/{tag}")>{format!("{} {tag}", text(language, Key::OpenComputer))}</a> })}
                </p>
            })}
            {(row.status != SupportStatus::Resolved).then(|| view! {
                <label for=answer_id.clone()>{text(language, Key::AnswerForHousehold)}</label>
                <textarea id=answer_id.clone() rows="2" prop:value=answer on:input=move |ev| answer.set(event_target_value(&ev))></textarea>
                <ErrorMessage error=error />
                <div class="actions">
                    <button type="button" class="button small" on:click=move |_| set_progress(SupportStatus::InProgress)>{text(language, Key::StatusInProgress)}</button>
                    <button type="button" class="button small" on:click=move |_| set_done(SupportStatus::Resolved)>{text(language, Key::StatusResolved)}</button>
                </div>
            })}
        </li>
    }
}
