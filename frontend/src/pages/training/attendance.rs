//! Marking a module's attendance in class, in a few taps, on a flaky
//! network: marks are kept on the device until the server has them, and
//! sending them again is harmless (the server keeps one mark per learner).

use leptos::{prelude::*, task::spawn_local};
use leptos_router::hooks::use_params_map;
use serde::{Deserialize, Serialize};
use shared_types::{AttendanceMark, ErrorCode, Gender, ReferralStatus, ReminderOutcome};

use crate::{
    api::{
        ApiError,
        training::{self, MarkInput},
    },
    components::{ErrorMessage, TopBar},
    i18n::{Key, local_time, use_i18n},
    storage,
};

const PENDING_KEY: &str = "passerelle.attendance";

/// Marks waiting for the network (ids only: no names kept on the device).
#[derive(Clone, Serialize, Deserialize)]
struct PendingMarks {
    cohort_id: String,
    module_id: String,
    marks: Vec<MarkInput>,
}

fn pending() -> Vec<PendingMarks> {
    storage::get(PENDING_KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn keep(list: &[PendingMarks]) {
    if list.is_empty() {
        storage::remove(PENDING_KEY);
    } else if let Ok(text) = serde_json::to_string(list) {
        storage::set(PENDING_KEY, &text);
    }
}

/// Sends what waits; answers whether nothing is left and the last refusal.
pub async fn flush_pending_marks() -> (bool, Option<ApiError>) {
    let mut left = Vec::new();
    let mut refused = None;
    for entry in pending() {
        match training::mark(&entry.cohort_id, &entry.module_id, &entry.marks).await {
            Ok(()) => {}
            Err(ApiError::Network) => left.push(entry),
            Err(error) if error.ends_session() => left.push(entry),
            // Refused (a learner moved to another cohort…): kept out, and said.
            Err(error) => refused = Some(error),
        }
    }
    keep(&left);
    (left.is_empty(), refused)
}

#[component]
pub fn AttendancePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let cohort_id = params.with_untracked(|p| p.get("cohort").unwrap_or_default());
    let module_id = params.with_untracked(|p| p.get("module").unwrap_or_default());
    let page = LocalResource::new({
        let cohort_id = cohort_id.clone();
        move || training::cohort_for_sheet(cohort_id.clone())
    });
    // Opened offline from the copy kept on the phone: when the network comes
    // back, what waits is sent, then the sheet reads the server again.
    let back_online = window_event_listener(leptos::ev::online, move |_| {
        spawn_local(async move {
            let _ = flush_pending_marks().await;
            page.refetch();
        });
    });
    on_cleanup(move || back_online.remove());
    let marks = RwSignal::new(Vec::<MarkRow>::new());
    let status = RwSignal::new(None::<Key>);
    let error = RwSignal::new(None::<ApiError>);
    let module_for_init = module_id.clone();
    Effect::new(move |_| {
        if let Some(Ok(kept)) = page.get() {
            let data = kept.value;
            // Marks tapped but not saved yet stay as tapped when the sheet
            // is read again (the network came back meanwhile).
            let tapped: Vec<(String, AttendanceMark)> = marks.with_untracked(|rows| {
                rows.iter()
                    .filter_map(|r| r.mark.map(|m| (r.id.clone(), m)))
                    .collect()
            });
            let rows = data
                .cohort
                .learners
                .iter()
                .filter(|l| {
                    matches!(
                        l.referral.status,
                        ReferralStatus::Enrolled | ReferralStatus::Completed
                    )
                })
                .map(|l| {
                    let mark = data
                        .cohort
                        .attendance
                        .iter()
                        .find(|a| a.module_id == module_for_init && a.referral_id == l.referral.id)
                        .map(|a| a.mark);
                    let announced = data.cohort.calls.iter().any(|c| {
                        c.module_id == module_for_init
                            && c.referral_id == l.referral.id
                            && c.outcome == ReminderOutcome::AbsenceAnnounced
                    });
                    let tapped = tapped
                        .iter()
                        .find(|(id, _)| *id == l.referral.id)
                        .map(|(_, m)| *m);
                    MarkRow {
                        id: l.referral.id.clone(),
                        name: format!("{} {}", l.referral.first_name, l.referral.last_name),
                        gender: l.referral.gender,
                        // Said on the phone the day before: excused until
                        // the trainer marks otherwise.
                        mark: tapped
                            .or(mark)
                            .or(announced.then_some(AttendanceMark::Excused)),
                        announced,
                    }
                })
                .collect();
            marks.set(rows);
        }
    });
    let set_mark = move |id: String, mark: AttendanceMark| {
        marks.update(|rows| {
            if let Some(row) = rows.iter_mut().find(|r| r.id == id) {
                row.mark = Some(mark);
            }
        });
        status.set(None);
    };
    let everyone_present = move |_| {
        marks.update(|rows| {
            rows.iter_mut()
                .for_each(|r| r.mark = Some(AttendanceMark::Present))
        });
        status.set(None);
    };
    let (cohort_for_save, module_for_save) = (cohort_id.clone(), module_id.clone());
    let save = move |_| {
        let chosen: Vec<MarkInput> = marks.with_untracked(|rows| {
            rows.iter()
                .filter_map(|row| {
                    row.mark.map(|mark| MarkInput {
                        referral_id: row.id.clone(),
                        mark,
                    })
                })
                .collect()
        });
        if chosen.is_empty() {
            return;
        }
        let mut list = pending();
        list.retain(|p| p.module_id != module_for_save);
        list.push(PendingMarks {
            cohort_id: cohort_for_save.clone(),
            module_id: module_for_save.clone(),
            marks: chosen,
        });
        keep(&list);
        status.set(Some(Key::Sending));
        spawn_local(async move {
            let (all_sent, refused) = flush_pending_marks().await;
            error.set(refused);
            status.set(Some(if all_sent {
                Key::AttendanceSaved
            } else {
                Key::AttendanceWaiting
            }));
        });
    };
    let module_id_view = module_id.clone();
    let module_for_right = module_id.clone();
    // Only the provider teaching the module marks it (the server says so too).
    let may_mark = Signal::derive(move || {
        page.get()
            .and_then(Result::ok)
            .and_then(|d| {
                d.value
                    .cohort
                    .modules
                    .iter()
                    .find(|m| m.id == module_for_right)
                    .map(|m| m.may_mark)
            })
            .unwrap_or(true)
    });
    view! {
        <TopBar />
        <main class="page narrow attendance">
            <a class="back" href=format!("/cohorts/{cohort_id}")>{move || format!("← {}", i18n.t(Key::Cohorts))}</a>
            {move || page.get().map(|result| match result {
                Err(e) => view! { <ErrorMessage error=Signal::derive(move || Some(e.clone())) /> }.into_any(),
                Ok(kept) => {
                    let offline = kept.kept_at.clone().map(|at| view! {
                        <p class="notice" role="status">{format!("{} {}", i18n.t(Key::OfflineCopy), local_time(i18n.language.get(), &at))}</p>
                    });
                    let data = kept.value;
                    let module = data.cohort.modules.iter().find(|m| m.id == module_id_view).cloned();
                    let language = i18n.language.get();
                    match module {
                        None => view! { <p class="error">{i18n.t(Key::PageNotFound)}</p> }.into_any(),
                        Some(m) => {
                            let theirs = (!m.may_mark).then(|| view! {
                                <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::ModuleOfAnotherProvider))) />
                            });
                            view! {
                                {offline}
                                <h1>{m.title.clone()}</h1>
                                <p class="muted">{format!(
                                    "{} · {} · {} {}",
                                    local_time(language, &m.starts_at),
                                    data.cohort.name,
                                    i18n.t(Key::TaughtBy),
                                    m.organisation.name
                                )}</p>
                                {theirs}
                            }.into_any()
                        }
                    }
                }
            })}
            <Show when=move || may_mark.get()>
                <button type="button" class="button" on:click=everyone_present>{move || i18n.t(Key::EveryonePresent)}</button>
                <ul class="marks">
                    {move || marks.get().into_iter().map(|MarkRow { id, name, gender, mark, announced }| {
                        let option = move |value: AttendanceMark, key: Key, short: &'static str| {
                            let id = id.clone();
                            view! {
                                <button
                                    type="button"
                                    class=format!("mark {}", short)
                                    aria-pressed=(mark == Some(value)).to_string()
                                    title=move || i18n.agreed(key, gender)
                                    on:click=move |_| set_mark(id.clone(), value)
                                >
                                    {move || i18n.agreed(key, gender)}
                                </button>
                            }
                        };
                        view! {
                            <li class="mark-row">
                                <span class="learner-name">{name.clone()}</span>
                                {announced.then(|| view! { <span class="muted">{move || i18n.t(Key::AbsenceAnnouncedByPhone)}</span> })}
                                <div class="mark-options" role="group" aria-label=name.clone()>
                                    {option(AttendanceMark::Present, Key::Present, "present")}
                                    {option(AttendanceMark::Absent, Key::Absent, "absent")}
                                    {option(AttendanceMark::Excused, Key::Excused, "excused")}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <button type="button" class="button primary" on:click=save.clone()>{move || i18n.t(Key::SaveAttendance)}</button>
            </Show>
            {move || status.get().map(|key| view! { <p class="success" role="status">{i18n.t(key)}</p> })}
            <ErrorMessage error=error />
        </main>
    }
}

/// One learner's line on the attendance sheet.
#[derive(Clone)]
struct MarkRow {
    id: String,
    name: String,
    /// The marks agree with it ("Présente", "Présent", or "Présence").
    gender: Gender,
    mark: Option<AttendanceMark>,
    /// Announced their absence when called the day before.
    announced: bool,
}
