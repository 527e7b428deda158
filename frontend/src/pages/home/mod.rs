//! The home page: who you are, and the tools of each of your roles.

use leptos::prelude::*;
use shared_types::Role;

use crate::{
    app::use_auth,
    components::TopBar,
    i18n::{Key, organisation_kind_text, role_purpose, role_text, use_i18n},
};

/// The screens a person's roles open, in the order they are used.
fn tools(roles: &[Role]) -> Vec<(&'static str, Key, Key)> {
    let mut tools = Vec::new();
    if roles.contains(&Role::CollectionAgent) {
        tools.push(("/pickups/new", Key::NewPickup, Key::NewPickupIntro));
    }
    if roles
        .iter()
        .any(|r| matches!(r, Role::Coordinator | Role::CollectionAgent))
    {
        tools.push(("/pickups", Key::Pickups, Key::PickupsIntro));
    }
    if roles.iter().any(|r| {
        matches!(
            r,
            Role::Coordinator | Role::CollectionAgent | Role::Refurbisher
        )
    }) {
        tools.push(("/batches", Key::Batches, Key::BatchesIntro));
    }
    if roles
        .iter()
        .any(|r| matches!(r, Role::Prescriber | Role::Coordinator))
    {
        tools.push(("/referrals", Key::Referrals, Key::ReferralsIntro));
    }
    if roles
        .iter()
        .any(|r| matches!(r, Role::Trainer | Role::Coordinator))
    {
        tools.push(("/sessions", Key::InfoSessions, Key::InfoSessionsIntro));
        tools.push(("/cohorts", Key::Cohorts, Key::CohortsIntro));
        tools.push(("/reminders", Key::RemindersTitle, Key::RemindersIntro));
    }
    if roles.contains(&Role::Coordinator) {
        tools.push(("/dashboard", Key::Dashboard, Key::DashboardIntro));
        tools.push(("/matching", Key::Matching, Key::MatchingIntro));
    }
    if roles
        .iter()
        .any(|r| matches!(r, Role::Installer | Role::Coordinator))
    {
        tools.push(("/visits", Key::Visits, Key::VisitsIntro));
        tools.push(("/support", Key::HelpDesk, Key::HelpDeskIntro));
    }
    // Anyone may open a device from its label (an installer at a home, a trainer).
    tools.push(("/devices", Key::Devices, Key::DevicesIntro));
    if roles.contains(&Role::Coordinator) {
        tools.push(("/accounts", Key::Accounts, Key::AccountsIntro));
        tools.push(("/settings", Key::Settings, Key::SettingsIntro));
        tools.push(("/imports", Key::Imports, Key::ImportsIntro));
        tools.push(("/messages", Key::Messages, Key::MessagesIntro));
    }
    if roles
        .iter()
        .any(|r| matches!(r, Role::Coordinator | Role::CollectionAgent))
    {
        tools.push(("/donors", Key::Donors, Key::DonorsIntro));
    }
    tools
}

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let me = move || auth.me.get();
    view! {
        <TopBar />
        <main class="page">
            {move || {
                me().map(|me| {
                    let language = i18n.language.get();
                    view! {
                        <h1 class="greeting">{format!("{}, {}", i18n.t(Key::Hello), me.display_name)}</h1>
                        <section class="card" aria-labelledby="organisation-title">
                            <h2 id="organisation-title" class="card-label">{i18n.t(Key::YourOrganisation)}</h2>
                            <p class="organisation-name">{me.organisation.name.clone()}</p>
                            <p class="muted">{organisation_kind_text(language, me.organisation.kind)}</p>
                            <a href="/password">{i18n.t(Key::ChangePassword)}</a>
                        </section>
                        <section aria-labelledby="roles-title">
                            <h2 id="roles-title" class="section-title">{i18n.t(Key::YourRoles)}</h2>
                            <ul class="role-list">
                                {me
                                    .roles
                                    .iter()
                                    .map(|role| {
                                        view! {
                                            <li class="card role" data-role=role.as_str()>
                                                <h3>{role_text(language, *role)}</h3>
                                                <p>{role_purpose(language, *role)}</p>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        </section>
                        <nav class="tools" aria-label=i18n.t(Key::YourTools)>
                            {tools(&me.roles)
                                .into_iter()
                                .map(|(href, title, intro)| {
                                    view! {
                                        <a class="tool card" href=href>
                                            <span class="tool-title">{i18n.t(title)}</span>
                                            <span class="muted">{i18n.t(intro)}</span>
                                        </a>
                                    }
                                })
                                .collect_view()}
                        </nav>
                    }
                })
            }}
        </main>
    }
}
