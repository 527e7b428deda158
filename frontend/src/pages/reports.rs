//! The coordinator's dashboard: the year's figures against the year before,
//! charts drawn as SVG, and the files for funders (PDF, CSV).

use leptos::prelude::*;
use shared_types::{ErrorCode, Gender, Language, PrescriberKind, Role};

use crate::{
    api::{
        ApiError,
        reports::{self, Figures},
    },
    app::has_role,
    components::{DownloadButton, ErrorMessage, TopBar, loaded},
    i18n::{Key, category_text, decimal, kilograms, noun, text, use_i18n},
};

/// "+12" / "−3" / "=" against last year.
fn delta(now: f64, before: f64, language: Language) -> String {
    let d = now - before;
    if d.abs() < f64::EPSILON {
        "=".to_string()
    } else if d > 0.0 {
        format!("+{}", decimal(language, d))
    } else {
        format!("−{}", decimal(language, -d))
    }
}

/// Horizontal bars, one per line; a suppressed value shows "<5" and no bar.
fn bars(lines: Vec<(String, Option<f64>)>, label: &str) -> impl IntoView {
    let max = lines
        .iter()
        .filter_map(|(_, v)| *v)
        .fold(0.0_f64, f64::max)
        .max(1.0);
    // Label above its bar: long French labels need the whole width.
    let height = 44 * lines.len().max(1);
    view! {
        <svg class="chart" viewBox=format!("0 0 320 {height}") role="img" aria-label=label.to_string()>
            {lines.into_iter().enumerate().map(|(i, (name, value))| {
                let y = i * 44;
                let width = value.map(|v| (v / max * 260.0).max(if v > 0.0 { 2.0 } else { 0.0 })).unwrap_or(0.0);
                let shown = value.map(|v| if v.fract() == 0.0 { format!("{v:.0}") } else { format!("{v:.1}") }).unwrap_or_else(|| "<5".into());
                view! {
                    <text x="0" y=y + 14 class="chart-label">{name}</text>
                    <rect x="0" y=y + 20 width=format!("{width:.1}") height="16" rx="3" class="chart-bar" />
                    <text x=format!("{:.1}", 6.0 + width) y=y + 33 class="chart-value">{shown}</text>
                }
            }).collect_view()}
        </svg>
    }
}

fn prescriber_key(kind: PrescriberKind) -> Key {
    match kind {
        PrescriberKind::JobCentre => Key::JobCentre,
        PrescriberKind::SocialCentre => Key::SocialCentre,
        PrescriberKind::Other => Key::OtherPrescriber,
    }
}

fn gender_key(gender: Gender) -> Key {
    match gender {
        Gender::Woman => Key::Woman,
        Gender::Man => Key::Man,
        Gender::Unspecified => Key::Unspecified,
    }
}

fn dashboard(now: Figures, before: Figures, language: Language) -> impl IntoView {
    let t = |key| text(language, key);
    let figure = |key: Key, value: f64, previous: f64, shown: String| {
        view! {
            <div class="figure">
                <span class="figure-value">{shown}</span>
                <span class="figure-label">{noun(language, value, key)}</span>
                <span class="figure-delta muted">{format!("{} {}", delta(value, previous, language), t(Key::VsLastYear))}</span>
            </div>
        }
    };
    view! {
        <section class="figures">
            {figure(Key::ReportPickups, now.pickups as f64, before.pickups as f64, now.pickups.to_string())}
            {figure(Key::ReportCollectedKg, now.collected_kg, before.collected_kg, kilograms(language, now.collected_kg))}
            {figure(Key::ReportRefurbished, now.devices_refurbished as f64, before.devices_refurbished as f64, now.devices_refurbished.to_string())}
            {figure(Key::ReportGiven, now.devices_given as f64, before.devices_given as f64, now.devices_given.to_string())}
            {figure(Key::ReportInstalled, now.devices_installed as f64, before.devices_installed as f64, now.devices_installed.to_string())}
            {figure(Key::ReportTrained, now.trained as f64, before.trained as f64, now.trained.to_string())}
            {figure(Key::ReportDroppedOut, now.dropped_out as f64, before.dropped_out as f64, now.dropped_out.to_string())}
        </section>
        <section class="card">
            <h2>{t(Key::ReportPath)}</h2>
            {bars(vec![
                (t(Key::ReportPlaces).to_string(), Some(now.places_opened as f64)),
                (t(Key::ReportEnrolled).to_string(), Some(now.enrolled as f64)),
                (t(Key::ReportTrained).to_string(), Some(now.trained as f64)),
                (t(Key::ReportDroppedOut).to_string(), Some(now.dropped_out as f64)),
                (t(Key::ReportGiven).to_string(), Some(now.devices_given as f64)),
                (t(Key::ReportInstalled).to_string(), Some(now.devices_installed as f64)),
            ], t(Key::ReportPath))}
            <p class="muted">{format!(
                "{} : {} · {} : {} · {} : {}",
                t(Key::ReportHandedOverOnly),
                now.handed_over_without_installation,
                t(Key::ReportWithInternet),
                now.installed_with_internet_percent.map(|p| format!("{} %", decimal(language, p))).unwrap_or_else(|| "—".into()),
                t(Key::ReportMedianDelay),
                now.median_days_completion_to_installation.map(|d| format!("{} {}", decimal(language, d), noun(language, d, Key::Days))).unwrap_or_else(|| "—".into())
            )}</p>
        </section>
        <section class="card">
            <h2>{t(Key::ReportMaterial)}</h2>
            {bars(now.collected.iter().map(|c| (category_text(language, c.category).to_string(), Some(c.count as f64))).collect(), t(Key::ReportMaterial))}
            <p class="muted">{format!(
                "{} : {} · {} : {} · {} : {} · {} : {} · {} : {} % ({} {} %)",
                t(Key::ReportReadyAgain), now.devices_ready_again,
                t(Key::ReportRecycled), now.devices_recycled,
                t(Key::ReportRecycledInBulk), now.recycled_in_bulk,
                t(Key::ReportBought), now.devices_bought,
                t(Key::ReadyShare), decimal(language, now.ready_share_percent),
                t(Key::AgreedShare), decimal(language, now.agreed_share_percent)
            )}</p>
        </section>
        <section class="card">
            <h2>{t(Key::ReportReferrers)}</h2>
            {bars(now.referrals_by_prescriber.iter().map(|s| (t(prescriber_key(s.kind)).to_string(), s.count.map(|c| c as f64))).collect(), t(Key::ReportReferrers))}
            <h2>{t(Key::ReportGender)}</h2>
            {bars(now.gender.iter().map(|s| (t(gender_key(s.gender)).to_string(), s.count.map(|c| c as f64))).collect(), t(Key::ReportGender))}
            <p class="muted">{format!(
                "{} : {} · {} : {}",
                t(Key::ReportMeanAge), now.mean_age.map(|a| decimal(language, a)).unwrap_or_else(|| "—".into()),
                t(Key::PriorityNeighbourhood), now.priority_neighbourhood_percent.map(|p| format!("{} %", decimal(language, p))).unwrap_or_else(|| "<5".into())
            )}</p>
            <p class="hint">{t(Key::SmallGroupsHidden)}</p>
        </section>
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let i18n = use_i18n();
    let this_year = js_sys::Date::new_0().get_full_year() as i32;
    let year = RwSignal::new(this_year);
    let report = LocalResource::new(move || reports::year(year.get()));
    let allowed = has_role(Role::Coordinator);
    // Every year since the programme started (its history may be imported),
    // at least the last five.
    let settings = LocalResource::new(crate::api::settings::get);
    let first_year = move || {
        let started = settings
            .get()
            .and_then(|found| found.ok())
            .and_then(|(s, _)| s.started_on.get(..4).and_then(|y| y.parse::<i32>().ok()));
        started.map_or(this_year - 4, |y| y.min(this_year - 4))
    };
    view! {
        <TopBar />
        <main class="page">
            <a class="back" href="/">{move || format!("← {}", i18n.t(Key::BackHome))}</a>
            <h1>{move || i18n.t(Key::Dashboard)}</h1>
            {if !allowed {
                view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }.into_any()
            } else {
                view! {
                    <label for="report-year">{move || i18n.t(Key::Year)}</label>
                    <select id="report-year" on:change=move |ev| if let Ok(y) = event_target_value(&ev).parse() { year.set(y) }>
                        {move || (first_year()..=this_year).rev().map(|y| {
                            view! { <option value=y.to_string() selected=move || year.get() == y>{y}</option> }
                        }).collect_view()}
                    </select>
                    {move || loaded(report.get(), move |r| dashboard(r.current, r.previous, i18n.language.get()).into_any())}
                    <section class="card downloads">
                        <h2>{move || i18n.t(Key::ReportFiles)}</h2>
                        {move || {
                            let y = year.get();
                            let period = format!("from={y}-01-01&to={y}-12-31");
                            let mut files = vec![(format!("/api/reports/report.pdf?{period}"), format!("bilan-{y}.pdf"), Key::ReportPdf)];
                            for (table, key) in [("summary", Key::CsvSummary), ("collected", Key::CsvCollected), ("prescribers", Key::CsvPrescribers), ("gender", Key::CsvGender), ("learners", Key::CsvLearners)] {
                                files.push((format!("/api/reports/{table}.csv?{period}"), format!("{table}-{y}.csv"), key));
                            }
                            files.into_iter().map(|(url, name, key)| view! { <DownloadButton url=url file_name=name label=key /> }).collect_view()
                        }}
                    </section>
                }
                    .into_any()
            }}
        </main>
    }
}
