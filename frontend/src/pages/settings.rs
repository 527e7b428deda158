//! The programme's settings, for its coordinators: the course each new
//! cohort gets, the share agreed with the refurbisher, the completion rule
//! and the time zone.

use leptos::prelude::*;
use shared_types::{ErrorCode, Language, ProgrammeTimeZone, Role, programme::check_settings};

use crate::{
    api::{
        ApiError,
        settings::{self, CourseModule, ProgrammeSettings},
        training::Provider,
    },
    app::has_role,
    components::{ErrorMessage, FieldKind, ProviderSelect, TextField, TopBar, loaded, mutation},
    i18n::{Key, use_i18n},
};

fn zone_text(language: Language, zone: ProgrammeTimeZone) -> &'static str {
    match language {
        Language::Fr => zone.label_fr(),
        Language::En => zone.label_en(),
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    let allowed = has_role(Role::Coordinator);
    let page = LocalResource::new(settings::get);
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Settings)}</h1>
            {if allowed {
                view! {
                    {move || loaded(page.get(), move |(programme_settings, training_providers)| view! {
                            <SettingsForm current=programme_settings providers=training_providers />
                        }.into_any())}
                }
                    .into_any()
            } else {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            }}
        </main>
    }
}

/// One module line of the form; `key` keeps each line's inputs its own
/// while lines move.
#[derive(Clone, Copy)]
struct ModuleLine {
    key: usize,
    title: RwSignal<String>,
    mandatory: RwSignal<bool>,
    place: RwSignal<String>,
    provider: RwSignal<String>,
}

impl ModuleLine {
    fn new(key: usize, m: &CourseModule) -> ModuleLine {
        ModuleLine {
            key,
            title: RwSignal::new(m.title.clone()),
            mandatory: RwSignal::new(m.mandatory),
            place: RwSignal::new(m.place.clone().unwrap_or_default()),
            provider: RwSignal::new(m.organisation_id.clone().unwrap_or_default()),
        }
    }

    fn read(&self) -> CourseModule {
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|t| !t.is_empty())
        };
        CourseModule {
            title: self.title.get_untracked(),
            mandatory: self.mandatory.get_untracked(),
            place: text(self.place),
            organisation_id: text(self.provider),
        }
    }
}

#[component]
fn SettingsForm(current: ProgrammeSettings, providers: Vec<Provider>) -> impl IntoView {
    let i18n = use_i18n();
    let share = RwSignal::new(current.return_share_percent.to_string());
    let excused = RwSignal::new(current.completion_max_excused.to_string());
    let absent = RwSignal::new(current.completion_max_absent.to_string());
    let zone = RwSignal::new(current.time_zone);
    let started_on = RwSignal::new(current.started_on.clone());
    let next_key = StoredValue::new(current.course.len());
    let lines = RwSignal::new(
        current
            .course
            .iter()
            .enumerate()
            .map(|(i, m)| ModuleLine::new(i, m))
            .collect::<Vec<_>>(),
    );
    let error = RwSignal::new(None::<ApiError>);
    let saved = RwSignal::new(false);
    let saving = mutation(error, settings::update, move |()| saved.set(true));
    let add = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        let blank = CourseModule {
            title: String::new(),
            mandatory: true,
            place: None,
            organisation_id: None,
        };
        lines.update(|l| l.push(ModuleLine::new(key, &blank)));
        saved.set(false);
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        saved.set(false);
        let number = |s: RwSignal<String>, code| {
            s.get_untracked()
                .trim()
                .trim_end_matches('%')
                .trim()
                .parse::<i32>()
                .map_err(|_| ApiError::Server(code))
        };
        let parsed = (
            number(share, ErrorCode::ShareInvalid),
            number(excused, ErrorCode::CompletionRuleInvalid),
            number(absent, ErrorCode::CompletionRuleInvalid),
        );
        let (share, excused, absent) = match parsed {
            (Ok(s), Ok(e), Ok(a)) => (s, e, a),
            (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return error.set(Some(e)),
        };
        let course: Vec<CourseModule> =
            lines.with_untracked(|l| l.iter().map(ModuleLine::read).collect());
        let titles: Vec<&str> = course.iter().map(|m| m.title.as_str()).collect();
        if let Err(code) = check_settings(share, excused, absent, &titles) {
            return error.set(Some(ApiError::Server(code)));
        }
        if started_on.get_untracked().trim().is_empty() {
            return error.set(Some(ApiError::Server(ErrorCode::DatesInvalid)));
        }
        let input = ProgrammeSettings {
            return_share_percent: share.into(),
            completion_max_excused: excused.into(),
            completion_max_absent: absent.into(),
            time_zone: zone.get_untracked(),
            started_on: started_on.get_untracked(),
            course,
        };
        saving.dispatch_local(input);
    };
    let providers = Signal::stored(providers);
    view! {
        <form class="form" novalidate on:submit=save>
            <section class="card">
                <h2>{move || i18n.t(Key::ProgrammeRules)}</h2>
                <TextField id="settings-share" label=Key::AgreedShareField value=share kind=FieldKind::Decimal />
                <TextField id="settings-excused" label=Key::MaxExcused value=excused kind=FieldKind::Decimal />
                <TextField id="settings-absent" label=Key::MaxAbsent value=absent kind=FieldKind::Decimal />
                <label for="settings-zone">{move || i18n.t(Key::TimeZone)}</label>
                <select id="settings-zone" on:change=move |ev| if let Some(z) = ProgrammeTimeZone::parse(&event_target_value(&ev)) { zone.set(z) }>
                    {ProgrammeTimeZone::ALL.iter().map(|z| {
                        let z = *z;
                        view! { <option value=z.as_str() prop:selected=move || zone.get() == z>{move || zone_text(i18n.language.get(), z)}</option> }
                    }).collect_view()}
                </select>
                <label for="settings-started-on">{move || i18n.t(Key::StartedOn)}</label>
                <input id="settings-started-on" type="date" required max=crate::browser::today_input() aria-describedby="settings-started-on-hint" prop:value=started_on on:input=move |ev| started_on.set(event_target_value(&ev)) />
                <p class="hint" id="settings-started-on-hint">{move || i18n.t(Key::StartedOnHint)}</p>
            </section>
            <section class="card">
                <h2>{move || i18n.t(Key::Course)}</h2>
                <p class="hint">{move || i18n.t(Key::CourseHint)}</p>
                <ol class="course">
                    <For each=move || lines.get().into_iter().enumerate() key=|(i, l)| (*i, l.key) let((position, line))>
                        <CourseLine position=position line=line lines=lines providers=providers />
                    </For>
                </ol>
                <button type="button" class="button" on:click=add>{move || i18n.t(Key::AddModule)}</button>
            </section>
            <ErrorMessage error=error />
            {move || saved.get().then(|| view! { <p class="success" role="status">{i18n.t(Key::SettingsSaved)}</p> })}
            <button type="submit" class="button primary" prop:disabled=move || saving.pending().get()>{move || i18n.t(Key::SaveChanges)}</button>
        </form>
    }
}

#[component]
fn CourseLine(
    position: usize,
    line: ModuleLine,
    lines: RwSignal<Vec<ModuleLine>>,
    providers: Signal<Vec<Provider>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let number = position + 1;
    let count = move || lines.with(Vec::len);
    let move_by = move |delta: isize| {
        lines.update(|l| {
            let to = position as isize + delta;
            if to >= 0 && (to as usize) < l.len() {
                l.swap(position, to as usize);
            }
        })
    };
    let remove = move |_| {
        lines.update(|l| {
            l.remove(position);
        })
    };
    let id = |what: &str| format!("course-{what}-{}", line.key);
    view! {
        <li class="course-module">
            <h3>{move || format!("{} {number}", i18n.t(Key::ModuleWord))}</h3>
            <TextField id=id("title") label=Key::ModuleTitle value=line.title />
            <label class="check">
                <input type="checkbox" prop:checked=line.mandatory on:change=move |ev| line.mandatory.set(event_target_checked(&ev)) />
                {move || i18n.t(Key::Mandatory)}
            </label>
            <TextField id=id("place") label=Key::PlaceOptional value=line.place />
            <ProviderSelect id=id("provider") chosen=line.provider providers=providers empty=Key::CohortsOwnProvider />
            <div class="actions">
                <button type="button" class="button small" disabled=move || position == 0 on:click=move |_| move_by(-1)>{move || i18n.t(Key::MoveUp)}</button>
                <button type="button" class="button small" disabled=move || { position + 1 >= count() } on:click=move |_| move_by(1)>{move || i18n.t(Key::MoveDown)}</button>
                <button type="button" class="button small" disabled=move || count() <= 1 on:click=remove>{move || i18n.t(Key::Remove)}</button>
            </div>
        </li>
    }
}
