//! Training: referrals (prescribers), information sessions and eligibility,
//! cohorts, attendance in class, and the reminder calls.

mod attendance;
mod cohorts;
mod referrals;
mod reminders;
mod sessions;

pub use attendance::{AttendancePage, flush_pending_marks};
pub use cohorts::{CohortPage, CohortsPage};
pub use referrals::ReferralsPage;
pub use reminders::RemindersPage;
pub use sessions::SessionsPage;

use leptos::prelude::*;
use shared_types::{Gender, Language, ReferralStatus};

use crate::{
    api::training,
    i18n::{Key, agreed, use_i18n},
};

/// The step a person is at, in agreement with their gender.
pub fn referral_status_text(
    language: Language,
    status: ReferralStatus,
    gender: Gender,
) -> &'static str {
    agreed(
        language,
        match status {
            ReferralStatus::Received => Key::ReferralReceived,
            ReferralStatus::Invited => Key::ReferralInvited,
            ReferralStatus::Eligible => Key::ReferralEligible,
            ReferralStatus::NotEligible => Key::ReferralNotEligible,
            ReferralStatus::WaitingList => Key::ReferralWaitingList,
            ReferralStatus::Enrolled => Key::ReferralEnrolled,
            ReferralStatus::Completed => Key::ReferralCompleted,
            ReferralStatus::DroppedOut => Key::ReferralDroppedOut,
        },
        gender,
    )
}

pub fn referral_badge(language: Language, status: ReferralStatus, gender: Gender) -> impl IntoView {
    let class = match status {
        ReferralStatus::Completed | ReferralStatus::Eligible | ReferralStatus::Enrolled => "badge",
        ReferralStatus::NotEligible | ReferralStatus::DroppedOut => "badge cancelled",
        _ => "badge scheduled",
    };
    view! { <span class=class>{referral_status_text(language, status, gender)}</span> }
}

/// "2026-11-25T09:00" (the phone's local time) from a datetime-local input, as RFC 3339.
pub fn local_input_to_iso(local: &str) -> Option<String> {
    crate::pages::pickups::local_to_iso(local)
}

/// Chooses one of the programme's training providers (who runs a session,
/// who teaches a module); empty until one is chosen.
#[component]
pub fn ProviderSelect(#[prop(into)] id: String, chosen: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let providers = LocalResource::new(training::providers);
    view! {
        <label for=id.clone()>{move || i18n.t(Key::TrainingProvider)}</label>
        <select id=id prop:value=chosen on:change=move |ev| chosen.set(event_target_value(&ev))>
            <option value="">{move || i18n.t(Key::ChooseProvider)}</option>
            {move || {
                providers
                    .get()
                    .and_then(Result::ok)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| {
                        let selected = p.id == chosen.get_untracked();
                        view! { <option value=p.id selected=selected>{p.name}</option> }
                    })
                    .collect_view()
            }}
        </select>
    }
}
