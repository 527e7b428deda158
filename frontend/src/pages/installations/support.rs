//! The help desk: problems reported on installed devices and requests to
//! move a visit, with their status.

use leptos::{prelude::*, task::spawn_local};
use shared_types::{ErrorCode, Role, SupportKind, SupportStatus};

use crate::{
    api::{ApiError, installations},
    app::has_role,
    components::{ErrorMessage, TopBar},
    i18n::{Key, local_time, text, use_i18n},
};

#[component]
pub fn SupportPage() -> impl IntoView {
    let i18n = use_i18n();
    let allowed = has_role(Role::Coordinator) || has_role(Role::Installer);
    let list = LocalResource::new(installations::support_requests);
    let error = RwSignal::new(None::<ApiError>);
    let set = move |id: String, status: SupportStatus| {
        spawn_local(async move {
            match installations::update_support(id, status, None).await {
                Ok(()) => list.refetch(),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::HelpDesk)}</h1>
            {if !allowed {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            } else {
                view! {
                    <ErrorMessage error=error />
                    {move || match list.get() {
                        None => view! { <p class="loading">{i18n.t(Key::Loading)}</p> }.into_any(),
                        Some(Err(e)) => view! { <ErrorMessage error=Signal::derive(move || Some(e.clone())) /> }.into_any(),
                        Some(Ok(rows)) if rows.is_empty() => view! { <p class="empty">{i18n.t(Key::NoRequest)}</p> }.into_any(),
                        Some(Ok(rows)) => {
                            let language = i18n.language.get();
                            view! {
                                <ul class="entries">
                                    {rows.into_iter().map(|r| {
                                        let (id_progress, id_done) = (r.id.clone(), r.id.clone());
                                        let kind = text(language, if r.kind == SupportKind::Problem { Key::Problem } else { Key::DateChangeRequest });
                                        let status = text(language, match r.status {
                                            SupportStatus::Open => Key::StatusOpen,
                                            SupportStatus::InProgress => Key::StatusInProgress,
                                            SupportStatus::Resolved => Key::StatusResolved,
                                        });
                                        view! {
                                            <li class="entry support">
                                                <strong>{format!("{kind} · {}", r.learner_name)}</strong>
                                                <span>{r.message.clone()}</span>
                                                <span class="muted">{format!("{} · {}", local_time(language, &r.created_at), r.phone)}</span>
                                                <span class="badge">{status}</span>
                                                {(r.installation_id.is_some() || r.device_tag.is_some()).then(|| view! {
                                                    <p class="links">
                                                        {r.installation_id.clone().map(|id| view! { <a href=format!("/visits/{id}")>{text(language, Key::OpenVisit)}</a> " " })}
                                                        {r.device_tag.clone().map(|tag| view! { <a href=format!("/d/{tag}")>{format!("{} {tag}", text(language, Key::OpenComputer))}</a> })}
                                                    </p>
                                                })}
                                                {(r.status != SupportStatus::Resolved).then(|| view! {
                                                    <div class="actions">
                                                        <button type="button" class="button small" on:click=move |_| set(id_progress.clone(), SupportStatus::InProgress)>{text(language, Key::StatusInProgress)}</button>
                                                        <button type="button" class="button small" on:click=move |_| set(id_done.clone(), SupportStatus::Resolved)>{text(language, Key::StatusResolved)}</button>
                                                    </div>
                                                })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }
                                .into_any()
                        }
                    }}
                }
                    .into_any()
            }}
        </main>
    }
}
