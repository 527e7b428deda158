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
    api::training::{self, Provider},
    i18n::{Key, agreed},
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

/// The programme's training providers, fetched once for a page's selects
/// (empty while loading or when the list cannot be read).
pub fn provider_list() -> Signal<Vec<Provider>> {
    let providers = LocalResource::new(training::providers);
    Signal::derive(move || providers.get().and_then(Result::ok).unwrap_or_default())
}
