//! A device's page: what it is, where it is in its life, its storage and
//! erasure, and the moves the lifecycle allows from here.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::{DeviceStatus, ErasureMethod, ErrorCode, Grade, Language, MediumKind, Role};
use wasm_bindgen::JsCast;

use crate::{
    api::{
        ApiError,
        devices::{self, DeviceDetail, Move, NewErasure, NewMedium},
        files,
    },
    app::{has_role, use_auth},
    components::{
        DownloadButton, ErrorMessage, FieldKind, HappenedOn, TextField, TopBar, happened_day,
        loaded, mutation, today_field,
    },
    i18n::{
        Key, category_text, date_in_words, erasure_method_text, kilograms, local_time, status_text,
        text, use_i18n,
    },
    pages::devices::medium_text,
};

#[component]
pub fn DevicePage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let tag = move || params.with(|p| p.get("tag").unwrap_or_default());
    let device = LocalResource::new(move || devices::by_tag(tag()));
    let reload = move || device.refetch();
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/devices">{move || format!("← {}", i18n.t(Key::Devices))}</a>
            {move || loaded(device.get(), move |d| {
                    let language = i18n.language.get();
                    let may_change = may_change(&d);
                    let at_refurbisher = d.status.at_refurbisher();
                    view! {
                        {facts(&d, language)}
                        {(may_change && (has_role(Role::Coordinator) || at_refurbisher || d.status == DeviceStatus::Ready)).then(|| view! { <CorrectDevice device=d.clone() on_done=reload /> })}
                        {may_change.then(|| view! { <Moves device=d.clone() on_done=reload /> })}
                        {media_view(&d, language)}
                        {(may_change && at_refurbisher).then(|| view! { <RecordErasure device=d.clone() on_done=reload /> })}
                        {(may_change && at_refurbisher).then(|| view! { <AddMedium device_id=d.id.clone() on_done=reload /> })}
                        {history_view(&d, language)}
                        {may_change.then(|| view! {
                            <DownloadButton url=format!("/api/devices/labels.pdf?ids={}", d.id) file_name=format!("etiquette-{}.pdf", d.tag) label=Key::PrintLabel />
                        })}
                    }
                        .into_any()
                })}
        </main>
    }
}

/// Coordinators, and the refurbisher's staff while the device is theirs.
fn may_change(_device: &DeviceDetail) -> bool {
    has_role(Role::Coordinator) || has_role(Role::Refurbisher)
}

fn facts(d: &DeviceDetail, language: Language) -> impl IntoView {
    let t = |key| text(language, key);
    let name = [d.brand.clone(), d.model.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let row = |label: Key, value: Option<String>| {
        value.map(|v| view! { <div><dt>{t(label)}</dt><dd>{v}</dd></div> })
    };
    let source = match (d.batch_number, &d.supplier) {
        (Some(n), _) => Some(format!(
            "{} {n}{}",
            t(Key::BatchWord),
            d.donor_name
                .as_deref()
                .map(|x| format!(" · {x}"))
                .unwrap_or_default()
        )),
        (None, Some(s)) => Some(format!(
            "{} {s}{}{}{}",
            t(Key::Purchase),
            d.price_euros
                .map(|p| format!(" · {} €", money(language, p)))
                .unwrap_or_default(),
            d.purchased_on
                .as_deref()
                .map(|on| format!(" · {}", date_in_words(language, on)))
                .unwrap_or_default(),
            d.funder
                .as_deref()
                .map(|f| format!(" · {f}"))
                .unwrap_or_default()
        )),
        _ => None,
    };
    view! {
        <h1 class="tag">{d.tag.clone()}</h1>
        <p>
            <span class="badge">{status_text(language, d.status)}</span>
            {d.grade.map(|g| view! { " " <span class="badge grade">{format!("{} {}", t(Key::Grade), g.as_str())}</span> })}
        </p>
        <section class="card">
            <dl class="facts">
                {row(Key::Category, Some(format!("{} {name}", category_text(language, d.kind))))}
                {row(Key::SerialNumber, d.serial.clone())}
                {row(Key::Processor, d.cpu.clone())}
                {row(Key::RamGb, d.ram_gb.map(|r| format!("{r} Go")))}
                {row(Key::StorageGb, d.storage_gb.map(|s| format!("{s} Go")))}
                {row(Key::ScreenInches, d.screen_inches.map(|s| format!("{s}\"")))}
                {row(Key::OperatingSystem, d.operating_system.clone())}
                {row(Key::Origin, source)}
                {row(Key::RecycledWeight, d.recycled_weight_kg.map(|kg| kilograms(language, kg)))}
                {row(Key::Notes, d.notes.clone())}
            </dl>
        </section>
    }
}

fn media_view(d: &DeviceDetail, language: Language) -> impl IntoView {
    let t = |key| text(language, key);
    view! {
        <section class="card">
            <h2>{t(Key::StorageAndErasure)}</h2>
            {d.media.is_empty().then(|| view! { <p class="muted">{t(Key::NoStorage)}</p> })}
            <ul class="media">
                {d.media.iter().map(|m| {
                    let what = format!(
                        "{}{}{}",
                        medium_text(m.kind),
                        m.capacity_gb.map(|c| format!(" {c} Go")).unwrap_or_default(),
                        m.serial.as_deref().map(|s| format!(" · {s}")).unwrap_or_default()
                    );
                    view! {
                        <li class=if m.erased { "medium erased" } else { "medium" }>
                            <strong>{what}</strong>
                            <span class=if m.erased { "status sent" } else { "status refused" }>{t(if m.erased { Key::Erased } else { Key::NotErased })}</span>
                            <ul>
                                {m.erasures.iter().map(|e| view! {
                                    <li>
                                        {format!(
                                            "{} · {} · {} · {} — {}",
                                            date_in_words(language, &e.erased_on),
                                            erasure_method_text(language, e.method),
                                            e.tool,
                                            e.operator,
                                            t(if e.passed { Key::Passed } else { Key::Failed })
                                        )}
                                        {e.report_url.clone().map(|url| view! {
                                            <DownloadButton url=url file_name=format!("rapport-{}", e.id) label=Key::ErasureReport />
                                        })}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

fn history_view(d: &DeviceDetail, language: Language) -> impl IntoView {
    let t = |key| text(language, key);
    view! {
        <section class="card">
            <h2>{t(Key::History)}</h2>
            <ol class="history">
                {d.history.iter().rev().map(|e| view! {
                    <li>
                        <strong>{status_text(language, e.to)}</strong>
                        <span class="muted">{format!(" · {} · {}", local_time(language, &e.at), e.by)}</span>
                        {e.reason.clone().map(|r| view! { <p class="reason">{r}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}

/// The moves the lifecycle allows, each with what it needs.
#[component]
fn Moves(
    device: DeviceDetail,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let coordinator = has_role(Role::Coordinator);
    // Matching and home visits belong to the coordination (and later the installers).
    let offered: Vec<DeviceStatus> = device
        .next_statuses
        .iter()
        .copied()
        .filter(|to| {
            coordinator
                || (matches!(
                    to,
                    DeviceStatus::InRefurbishment | DeviceStatus::Ready | DeviceStatus::Recycled
                ) && device.status != DeviceStatus::Reserved)
        })
        .collect();
    let chosen = RwSignal::new(None::<DeviceStatus>);
    let grade = RwSignal::new(device.grade);
    let weight = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let moved_on = today_field();
    let error = RwSignal::new(None::<ApiError>);
    let moving = mutation(
        error,
        |(id, step)| devices::move_to(id, step),
        move |()| on_done(),
    );
    let id = device.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(to) = chosen.get_untracked() else {
            return;
        };
        let recycled_weight_kg = if to == DeviceStatus::Recycled {
            match shared_types::pickup::parse_weight_kg(&weight.get_untracked()) {
                Ok(grams) => Some(grams as f64 / 1000.0),
                Err(_) => {
                    return error.set(Some(ApiError::Server(ErrorCode::RecycledWeightRequired)));
                }
            }
        } else {
            None
        };
        let step = Move {
            to,
            reason: Some(reason.get_untracked().trim().to_string()).filter(|r| !r.is_empty()),
            grade: grade.get_untracked(),
            recycled_weight_kg,
            on: happened_day(moved_on),
        };
        moving.dispatch_local((id.clone(), step));
    };
    (!offered.is_empty()).then(|| view! {
        <section class="card moves">
            <h2>{move || i18n.t(Key::NextStep)}</h2>
            <div class="actions">
                {offered.iter().map(|to| {
                    let to = *to;
                    view! {
                        <button
                            type="button"
                            class="button"
                            aria-pressed=move || (chosen.get() == Some(to)).to_string()
                            on:click=move |_| { chosen.set(Some(to)); error.set(None); }
                        >
                            {move || format!("→ {}", status_text(i18n.language.get(), to))}
                        </button>
                    }
                }).collect_view()}
            </div>
            <Show when=move || chosen.get().is_some()>
                <form class="form" novalidate on:submit=submit.clone()>
                    <Show when=move || chosen.get() == Some(DeviceStatus::Ready)>
                        <fieldset class="choices">
                            <legend>{move || i18n.t(Key::Grade)}</legend>
                            {Grade::ALL.iter().map(|g| {
                                let g = *g;
                                view! {
                                    <label class="choice">
                                        <input type="radio" name="grade" prop:checked=move || grade.get() == Some(g) on:change=move |_| grade.set(Some(g)) />
                                        <span>{move || format!("{} — {}", g.as_str(), grade_text(i18n.language.get(), g))}</span>
                                    </label>
                                }
                            }).collect_view()}
                        </fieldset>
                    </Show>
                    <Show when=move || chosen.get() == Some(DeviceStatus::Recycled)>
                        <TextField id="recycled-weight" label=Key::RecycledWeightKg value=weight kind=FieldKind::Decimal />
                    </Show>
                    <TextField id="move-reason" label=Key::Reason value=reason />
                    <HappenedOn id="move-on" label=Key::MovedOn day=moved_on />
                    <ErrorMessage error=error />
                    <button type="submit" class="button primary" prop:disabled=move || moving.pending().get()>
                        {move || format!("{} : {}", i18n.t(Key::Confirm), chosen.get().map(|s| status_text(i18n.language.get(), s)).unwrap_or_default())}
                    </button>
                </form>
            </Show>
        </section>
    })
}

fn grade_text(language: Language, grade: Grade) -> &'static str {
    text(
        language,
        match grade {
            Grade::A => Key::GradeA,
            Grade::B => Key::GradeB,
            Grade::C => Key::GradeC,
        },
    )
}

/// Records an erasure of one medium, with the tool's report if there is one.
#[component]
fn RecordErasure(
    device: DeviceDetail,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let media = device.media.clone();
    let medium = RwSignal::new(
        media
            .iter()
            .find(|m| !m.erased)
            .or(media.first())
            .map(|m| m.id.clone())
            .unwrap_or_default(),
    );
    let method = RwSignal::new(ErasureMethod::Overwrite);
    let tool = RwSignal::new(String::new());
    let operator = RwSignal::new(
        use_auth()
            .me
            .with_untracked(|me| me.as_ref().map(|m| m.display_name.clone()))
            .unwrap_or_default(),
    );
    let erased_on = RwSignal::new(crate::browser::today_input());
    let passed = RwSignal::new(true);
    let report = RwSignal::new(None::<web_sys::File>);
    let error = RwSignal::new(None::<ApiError>);
    let recording = mutation(
        error,
        |(id, erasure, file): (String, NewErasure, Option<web_sys::File>)| async move {
            let erasure_id = devices::record_erasure(id, erasure).await?;
            if let Some(file) = file {
                files::upload(&format!("/api/erasures/{erasure_id}/report"), &file).await?;
            }
            Ok(())
        },
        move |()| on_done(),
    );
    let id = device.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if tool.get_untracked().trim().is_empty() || operator.get_untracked().trim().is_empty() {
            return error.set(Some(ApiError::Server(ErrorCode::NameRequired)));
        }
        let erasure = NewErasure {
            medium_id: medium.get_untracked(),
            method: method.get_untracked(),
            tool: tool.get_untracked(),
            erased_on: erased_on.get_untracked(),
            operator: operator.get_untracked(),
            passed: passed.get_untracked(),
        };
        recording.dispatch_local((id.clone(), erasure, report.get_untracked()));
    };
    (!media.is_empty()).then(|| view! {
        <form class="form card" novalidate on:submit=submit>
            <h2>{move || i18n.t(Key::RecordErasure)}</h2>
            <label for="erasure-medium">{move || i18n.t(Key::StorageKind)}</label>
            <select id="erasure-medium" on:change=move |ev| medium.set(event_target_value(&ev))>
                {media.iter().map(|m| {
                    let id = m.id.clone();
                    let label = format!("{}{}", medium_text(m.kind), m.capacity_gb.map(|c| format!(" {c} Go")).unwrap_or_default());
                    let selected_id = id.clone();
                    view! { <option value=id selected=move || medium.get() == selected_id>{label}</option> }
                }).collect_view()}
            </select>
            <label for="erasure-method">{move || i18n.t(Key::ErasureMethod)}</label>
            <select id="erasure-method" on:change=move |ev| if let Some(m) = ErasureMethod::parse(&event_target_value(&ev)) { method.set(m) }>
                {ErasureMethod::ALL.iter().map(|m| {
                    let m = *m;
                    view! { <option value=m.as_str()>{move || erasure_method_text(i18n.language.get(), m)}</option> }
                }).collect_view()}
            </select>
            <TextField id="erasure-tool" label=Key::ErasureTool value=tool hint=Key::ErasureToolHint />
            <label for="erasure-date">{move || i18n.t(Key::ErasedOn)}</label>
            <input id="erasure-date" type="date" prop:value=erased_on on:input=move |ev| erased_on.set(event_target_value(&ev)) />
            <TextField id="erasure-operator" label=Key::Operator value=operator />
            <fieldset class="choices">
                <legend>{move || i18n.t(Key::Result)}</legend>
                <label class="choice"><input type="radio" name="passed" prop:checked=move || passed.get() on:change=move |_| passed.set(true) /><span>{move || i18n.t(Key::Passed)}</span></label>
                <label class="choice"><input type="radio" name="passed" prop:checked=move || !passed.get() on:change=move |_| passed.set(false) /><span>{move || i18n.t(Key::Failed)}</span></label>
            </fieldset>
            <label for="erasure-report">{move || i18n.t(Key::ErasureReportOptional)}</label>
            <input id="erasure-report" type="file" accept="application/pdf,text/plain,image/*" on:change=move |ev| {
                let file = ev.target()
                    .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                    .and_then(|input| input.files())
                    .and_then(|files| files.get(0));
                report.set(file);
            } />
            <ErrorMessage error=error />
            <button type="submit" class="button primary" prop:disabled=move || recording.pending().get()>{move || i18n.t(Key::RecordErasure)}</button>
        </form>
    })
}

#[component]
fn AddMedium(
    device_id: String,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let kind = RwSignal::new(MediumKind::Ssd);
    let capacity = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let adding = mutation(
        error,
        |(id, medium)| devices::add_medium(id, medium),
        move |()| on_done(),
    );
    let add = move |_| {
        let capacity_gb = match capacity.get_untracked().trim() {
            "" => None,
            text => match text.parse::<i64>() {
                Ok(c) => Some(c),
                Err(_) => return error.set(Some(ApiError::Server(ErrorCode::SpecsInvalid))),
            },
        };
        let medium = NewMedium {
            kind: kind.get_untracked(),
            capacity_gb,
            serial: None,
        };
        adding.dispatch_local((device_id.clone(), medium));
    };
    view! {
        <details class="card">
            <summary>{move || i18n.t(Key::AddStorage)}</summary>
            <div class="form">
                <label for="medium-kind">{move || i18n.t(Key::StorageKind)}</label>
                <select id="medium-kind" on:change=move |ev| if let Some(k) = MediumKind::parse(&event_target_value(&ev)) { kind.set(k) }>
                    {MediumKind::ALL.iter().map(|m| view! { <option value=m.as_str() selected=*m == MediumKind::Ssd>{medium_text(*m)}</option> }).collect_view()}
                </select>
                <TextField id="medium-capacity" label=Key::StorageGb value=capacity kind=FieldKind::Decimal />
                <ErrorMessage error=error />
                <button type="button" class="button" on:click=add prop:disabled=move || adding.pending().get()>{move || i18n.t(Key::AddStorage)}</button>
            </div>
        </details>
    }
}

/// "149,90" in French, "149.90" in English.
fn money(language: Language, euros: f64) -> String {
    let text = format!("{euros:.2}");
    match language {
        Language::Fr => text.replace('.', ","),
        Language::En => text,
    }
}

/// Corrects the record: specs read again, a grade revised, a serial typo.
#[component]
fn CorrectDevice(
    device: DeviceDetail,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = |v: &Option<String>| RwSignal::new(v.clone().unwrap_or_default());
    let number = |v: Option<String>| RwSignal::new(v.unwrap_or_default());
    let (brand, model, serial, cpu, os, notes) = (
        text(&device.brand),
        text(&device.model),
        text(&device.serial),
        text(&device.cpu),
        text(&device.operating_system),
        text(&device.notes),
    );
    let ram = number(device.ram_gb.map(|r| r.to_string()));
    let storage = number(device.storage_gb.map(|s| s.to_string()));
    let screen = number(device.screen_inches.map(|s| s.to_string()));
    let grade = RwSignal::new(device.grade);
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let saving = mutation(
        error,
        |(id, input)| devices::correct(id, input),
        move |()| {
            saved.set(true);
            on_done();
        },
    );
    let id = device.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|t| !t.is_empty())
        };
        let whole = |s: RwSignal<String>| typed(s).map(|t| t.parse::<i32>()).transpose();
        let (Ok(ram_gb), Ok(storage_gb)) = (whole(ram), whole(storage)) else {
            return error.set(Some(ApiError::Server(ErrorCode::SpecsInvalid)));
        };
        let Ok(screen_inches) = typed(screen)
            .map(|t| t.replace(',', ".").trim_end_matches('"').parse::<f64>())
            .transpose()
        else {
            return error.set(Some(ApiError::Server(ErrorCode::SpecsInvalid)));
        };
        if let Err(code) = shared_types::device::check_specs(ram_gb, storage_gb, screen_inches) {
            return error.set(Some(ApiError::Server(code)));
        }
        let input = shared_types::device::DeviceCorrection {
            brand: typed(brand),
            model: typed(model),
            serial: typed(serial),
            cpu: typed(cpu),
            ram_gb,
            storage_gb,
            screen_inches,
            operating_system: typed(os),
            grade: grade.get_untracked(),
            notes: typed(notes),
        };
        saving.dispatch_local((id.clone(), input));
    };
    view! {
        <details class="card correct-device">
            <summary>{move || i18n.t(Key::CorrectRecord)}</summary>
            <form class="form" novalidate on:submit=submit>
                <TextField id="fix-brand" label=Key::Brand value=brand />
                <TextField id="fix-model" label=Key::Model value=model />
                <TextField id="fix-serial" label=Key::SerialNumber value=serial />
                <TextField id="fix-cpu" label=Key::Processor value=cpu />
                <TextField id="fix-ram" label=Key::RamGb value=ram kind=FieldKind::Decimal />
                <TextField id="fix-storage" label=Key::StorageGb value=storage kind=FieldKind::Decimal />
                <TextField id="fix-screen" label=Key::ScreenInches value=screen kind=FieldKind::Decimal />
                <TextField id="fix-os" label=Key::OperatingSystem value=os />
                <fieldset class="choices single">
                    <legend>{move || i18n.t(Key::Grade)}</legend>
                    {Grade::ALL.iter().map(|g| {
                        let g = *g;
                        view! {
                            <label class="choice">
                                <input type="radio" name="fix-grade" prop:checked=move || grade.get() == Some(g) on:change=move |_| grade.set(Some(g)) />
                                <span>{move || grade_text(i18n.language.get(), g)}</span>
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <TextField id="fix-notes" label=Key::Notes value=notes />
                <ErrorMessage error=error />
                {move || saved.get().then(|| view! { <p class="success" role="status">{i18n.t(Key::RecordCorrected)}</p> })}
                <button type="submit" class="button small" prop:disabled=move || saving.pending().get()>{move || i18n.t(Key::SaveChanges)}</button>
            </form>
        </details>
    }
}
