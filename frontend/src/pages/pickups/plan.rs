//! Planning a pickup with a donor (online): it shows in the list until it is collected.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::{ErrorCode, Role};

use crate::components::local_to_iso;
use crate::{
    api::{ApiError, donors, pickups},
    app::use_auth,
    components::{ErrorMessage, TextField, TopBar, mutation},
    i18n::{Key, use_i18n},
};

#[component]
pub fn PlanPickupPage() -> impl IntoView {
    let i18n = use_i18n();
    let auth = use_auth();
    let navigate = use_navigate();
    let agent = move || auth.has_role(Role::CollectionAgent);
    let known = LocalResource::new(donors::for_picker);
    let donor_id = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let address = RwSignal::new(String::new());
    let notes = RwSignal::new(String::new());
    let error = RwSignal::new(None::<ApiError>);
    let scheduling = mutation(error, pickups::schedule, move |()| {
        navigate("/pickups", Default::default())
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let donor = donor_id.get_untracked();
        if donor.is_empty() {
            return error.set(Some(ApiError::Server(ErrorCode::DonorRequired)));
        }
        let Some(at) = local_to_iso(&when.get_untracked()) else {
            return error.set(Some(ApiError::Server(ErrorCode::ScheduledInPast)));
        };
        let text = |s: RwSignal<String>| {
            Some(s.get_untracked().trim().to_string()).filter(|t| !t.is_empty())
        };
        let planned = pickups::PlannedPickup {
            donor_id: donor,
            scheduled_for: at,
            address: text(address),
            notes: text(notes),
        };
        scheduling.dispatch_local(planned);
    };
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/pickups">{move || format!("← {}", i18n.t(Key::Pickups))}</a>
            <h1>{move || i18n.t(Key::PlanPickup)}</h1>
            <Show when=agent fallback=|| view! { <ErrorMessage error=Signal::derive(|| Some(ApiError::Server(ErrorCode::Forbidden))) /> }>
                <form class="form" novalidate on:submit=submit>
                    <label for="plan-donor">{move || i18n.t(Key::Donor)}</label>
                    <select id="plan-donor" on:change=move |ev| donor_id.set(event_target_value(&ev))>
                        <option value="">{move || i18n.t(Key::ChooseDonor)}</option>
                        {move || known.get().unwrap_or_default().into_iter().map(|d| view! {
                            <option value=d.id.clone()>{format!("{} · {}", d.name, d.city.unwrap_or_default())}</option>
                        }).collect_view()}
                    </select>
                    <p class="hint"><a href="/donors/new">{move || i18n.t(Key::NewDonor)}</a></p>
                    <label for="plan-when">{move || i18n.t(Key::PlannedFor)}</label>
                    <input id="plan-when" type="datetime-local" prop:value=when on:input=move |ev| when.set(event_target_value(&ev)) />
                    <TextField id="plan-address" label=Key::PickupAddress value=address hint=Key::PickupAddressHint />
                    <TextField id="plan-notes" label=Key::Notes value=notes />
                    <ErrorMessage error=error />
                    <button type="submit" class="button primary" prop:disabled=move || scheduling.pending().get()>{move || i18n.t(Key::PlanPickup)}</button>
                </form>
            </Show>
        </main>
    }
}
