//! A programme moving in or out, for its coordinators: templates to fill,
//! a file checked whole before anything is saved (every refused row with
//! its tab, line, column and reason), the import, and the export of all.

use leptos::prelude::*;
use shared_types::{
    ErrorCode, Language, Role,
    import::{Finding, ImportAnswer},
};
use wasm_bindgen::JsCast;

use crate::{
    api::{ApiError, files},
    app::has_role,
    components::{DownloadButton, ErrorMessage, TopBar, mutation},
    i18n::{Key, count, import_problem_text, text, use_i18n},
};

#[component]
pub fn ImportPage() -> impl IntoView {
    let i18n = use_i18n();
    let allowed = has_role(Role::Coordinator);
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Imports)}</h1>
            {if allowed {
                view! { <ImportSteps /> }.into_any()
            } else {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            }}
        </main>
    }
}

/// Where a finding is and what is wrong, in words: "Collectes, ligne 2,
/// colonne « Date de collecte » : la date précède… (03/03/2017)".
fn finding_text(language: Language, finding: &Finding) -> String {
    let french = language == Language::Fr;
    let mut place = vec![match finding.sheet {
        Some(sheet) => sheet.tab_name(french, finding.part.unwrap_or(1)),
        None => text(language, Key::ImportWholeFile).to_string(),
    }];
    if let Some(line) = finding.line {
        place.push(format!("{} {line}", text(language, Key::ImportLine)));
    }
    if let Some(column) = &finding.column {
        let header = finding
            .sheet
            .and_then(|s| s.column(column))
            .map_or_else(|| column.clone(), |c| c.header(french).to_string());
        if !header.is_empty() {
            let column_word = text(language, Key::ImportColumn);
            place.push(if french {
                // No break inside the quotes nor before the colon.
                format!("{column_word} «\u{a0}{header}\u{a0}»")
            } else {
                format!("{column_word} “{header}”")
            });
        }
    }
    let colon = if french { "\u{a0}: " } else { ": " };
    // The reason follows a colon: it starts in lower case.
    let reason = import_problem_text(language, finding.problem);
    let mut letters = reason.chars();
    let reason: String = letters
        .next()
        .map(|first| first.to_lowercase().chain(letters).collect())
        .unwrap_or_default();
    let mut said = format!("{}{colon}{reason}", place.join(", "));
    if let Some(value) = finding.value.as_deref().filter(|v| !v.is_empty()) {
        said.push_str(&format!(" ({value})"));
    }
    said
}

fn chosen_file(ev: &leptos::ev::Event) -> Option<web_sys::File> {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .and_then(|files| files.get(0))
}

fn address(confirm: bool, name: &str) -> String {
    let name: String = js_sys::encode_uri_component(name).into();
    if confirm {
        format!("/api/imports?name={name}")
    } else {
        format!("/api/imports/check?name={name}")
    }
}

#[component]
fn ImportSteps() -> impl IntoView {
    let i18n = use_i18n();
    let file = RwSignal::new(None::<web_sys::File>);
    let answer = RwSignal::new(None::<ImportAnswer>);
    let error = RwSignal::new(None::<ApiError>);
    let sending = mutation(
        error,
        |(file, confirm): (web_sys::File, bool)| async move {
            files::send_import(&address(confirm, &file.name()), &file).await
        },
        move |found| answer.set(Some(found)),
    );
    let send = move |confirm: bool| {
        match file.get_untracked() {
            Some(chosen) => {
                sending.dispatch((chosen, confirm));
            }
            None => error.set(Some(ApiError::Server(ErrorCode::FileRequired))),
        };
    };
    let busy = sending.pending();
    view! {
        <section class="card">
            <h2>{move || i18n.t(Key::ImportTemplates)}</h2>
            <p class="hint">{move || i18n.t(Key::ImportTemplatesHint)}</p>
            <DownloadButton url="/api/imports/template.xlsx?language=fr" file_name="modele-passerelle.xlsx" label=Key::TemplateFrench />
            <DownloadButton url="/api/imports/template.xlsx?language=en" file_name="passerelle-template.xlsx" label=Key::TemplateEnglish />
        </section>
        <section class="card">
            <h2>{move || i18n.t(Key::ImportSend)}</h2>
            <label for="import-file">{move || i18n.t(Key::ImportFile)}</label>
            <input
                id="import-file"
                type="file"
                accept=".xlsx,.ods,.csv,.xls,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
                on:change=move |ev| {
                    // A new file starts clean: the last file's answer is not its.
                    answer.set(None);
                    error.set(None);
                    file.set(chosen_file(&ev));
                }
            />
            <p class="hint">{move || i18n.t(Key::ImportFileHint)}</p>
            <ErrorMessage error=error />
            <button type="button" class="button" prop:disabled=busy on:click=move |_| send(false)>
                {move || i18n.t(if busy.get() { Key::Loading } else { Key::CheckFile })}
            </button>
            {move || answer.get().map(|found| view! { <ImportResult answer=found on_import=move || send(true) busy=busy /> })}
        </section>
        <section class="card">
            <h2>{move || i18n.t(Key::ExportTitle)}</h2>
            <p class="hint">{move || i18n.t(Key::ExportHint)}</p>
            <DownloadButton url="/api/exports/programme.xlsx" file_name="passerelle-export.xlsx" label=Key::ExportAll />
        </section>
    }
}

#[component]
fn ImportResult(
    answer: ImportAnswer,
    on_import: impl Fn() + Send + Sync + 'static,
    busy: Memo<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let language = i18n.language;
    let refused = answer.refused();
    let saved = answer.saved;
    let nothing_new = answer.sheets.iter().all(|t| t.new == 0);
    let findings = answer.findings.clone();
    let more = answer.more_findings;
    let tallies = answer.sheets.clone();
    let organisations = answer.new_organisations.clone();
    view! {
        <div class="import-result" role="status">
            {if saved {
                view! {
                    <p class="success">{move || i18n.t(if nothing_new { Key::ImportNothingNew } else { Key::ImportDone })}</p>
                    <a class="button" href="/dashboard">{move || i18n.t(Key::Dashboard)}</a>
                }
                    .into_any()
            } else if !refused {
                view! { <p>{move || i18n.t(Key::ImportChecked)}</p> }.into_any()
            } else {
                view! { <p class="error">{move || i18n.t(Key::ImportFixAndRetry)}</p> }.into_any()
            }}
            {(!tallies.is_empty()).then(|| view! {
                <table class="tally">
                    <thead>
                        <tr>
                            <th scope="col">{move || i18n.t(Key::ImportSheet)}</th>
                            <th scope="col">{move || i18n.t(Key::ImportNewRecords)}</th>
                            <th scope="col">{move || i18n.t(Key::ImportExistingRecords)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {tallies.into_iter().filter(|t| t.new + t.existing > 0).map(|t| view! {
                            <tr>
                                <th scope="row">{move || t.sheet.name(language.get() == Language::Fr)}</th>
                                <td>{t.new}</td>
                                <td>{t.existing}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {(!organisations.is_empty() && !saved).then(|| view! {
                <p>{move || i18n.t(Key::ImportNewOrganisations)}" "{organisations.join(", ")}</p>
            })}
            {refused.then(|| view! {
                <h3>{move || i18n.t(Key::ImportProblems)}</h3>
                <ul class="findings">
                    {findings.into_iter().map(|f| view! { <li>{move || finding_text(language.get(), &f)}</li> }).collect_view()}
                </ul>
                {(more > 0).then(|| view! { <p>{move || format!("+ {}", count(language.get(), more, Key::ImportOtherProblems))}</p> })}
            })}
            {(!refused && !saved).then(|| view! {
                <button type="button" class="button primary" prop:disabled=busy on:click=move |_| on_import()>
                    {move || i18n.t(if busy.get() { Key::Loading } else { Key::ImportNow })}
                </button>
            })}
        </div>
    }
}
