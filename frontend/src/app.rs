//! The app shell: language and session providers, and the routes.

use leptos::{prelude::*, task::spawn_local};
use leptos_router::{
    components::{Redirect, Route, Router, Routes},
    path,
};

use shared_types::Role;

use crate::{
    api::{ApiError, session},
    components::ErrorMessage,
    i18n::{I18n, Key, use_i18n},
    outbox::Outbox,
    pages::{
        accounts::AccountsPage,
        batches::{BatchPage, BatchesPage},
        devices::{DevicePage, DevicesPage},
        donors::{DonorsPage, NewDonorPage},
        home::HomePage,
        imports::ImportPage,
        installations::{MatchingPage, SupportPage, TrackingPage, VisitPage, VisitsPage},
        login::LoginPage,
        not_found::NotFound,
        password::{ForgotPasswordPage, MessagesPage, PasswordPage, ResetPasswordPage},
        pickups::{NewPickupPage, PickupPage, PickupsPage, PlanPickupPage},
        reports::DashboardPage,
        settings::SettingsPage,
        training::{
            AttendancePage, CohortPage, CohortsPage, ReferralsPage, RemindersPage, SessionsPage,
            flush_pending_marks,
        },
    },
};

/// Who is signed in on this device, shared through the context.
#[derive(Clone, Copy)]
pub struct Auth {
    pub me: RwSignal<Option<session::Me>>,
    /// False until a stored session has been checked with the server.
    pub checked: RwSignal<bool>,
    /// Why the person is back on the sign-in page, when it was not their choice.
    pub notice: RwSignal<Option<ApiError>>,
    /// The stored session could not be checked (no network).
    pub load_error: RwSignal<Option<ApiError>>,
}

pub fn use_auth() -> Auth {
    expect_context::<Auth>()
}

/// Whether the signed-in person holds `role`, read once when a page is
/// built (pages are built again after signing in or out).
pub fn has_role(role: Role) -> bool {
    use_auth()
        .me
        .with_untracked(|me| me.as_ref().is_some_and(|me| me.has_role(role)))
}

impl Auth {
    /// Whether the signed-in person holds `role`, followed: a view that asks
    /// changes when the session restored from an earlier visit arrives.
    pub fn has_role(&self, role: Role) -> bool {
        self.me
            .with(|me| me.as_ref().is_some_and(|me| me.has_role(role)))
    }

    /// Checks a session kept from an earlier visit and adopts the person's language.
    fn restore(self, i18n: I18n) {
        if session::stored_tokens().is_none() {
            self.checked.set(true);
            return;
        }
        self.load_error.set(None);
        spawn_local(async move {
            match session::me().await {
                Ok(me) => {
                    i18n.set(me.language);
                    self.me.set(Some(me));
                }
                // No network: open as the person last signed in here, so that
                // pickups can be logged; the server checks them when they arrive.
                Err(ApiError::Network) if session::kept_me().is_some() => {
                    let me = session::kept_me();
                    if let Some(language) = me.as_ref().map(|m| m.language) {
                        i18n.set(language);
                    }
                    self.me.set(me);
                }
                Err(error) if !error.ends_session() => self.load_error.set(Some(error)),
                Err(_) => {}
            }
            self.checked.set(true);
        });
    }
}

#[component]
pub fn App() -> impl IntoView {
    let i18n = I18n::new();
    provide_context(i18n);
    let auth = Auth {
        me: RwSignal::new(None),
        checked: RwSignal::new(false),
        notice: RwSignal::new(None),
        load_error: RwSignal::new(None),
    };
    provide_context(auth);
    session::on_session_end(move |reason| {
        auth.notice.set(Some(reason.clone()));
        auth.me.set(None);
    });
    auth.restore(i18n);
    let outbox = Outbox::new(auth);
    provide_context(outbox);
    // Whenever someone is signed in, what waits on the phone is sent: at
    // start, when the network comes back, and every half minute meanwhile.
    Effect::new(move |_| {
        if auth.me.with(Option::is_some) {
            outbox.sync();
        }
    });
    let _ = window_event_listener(leptos::ev::online, move |_| {
        outbox.sync();
        spawn_local(async {
            let _ = flush_pending_marks().await;
        });
    });
    let _ = set_interval_with_handle(
        move || {
            if outbox.unsent() > 0 {
                outbox.sync();
            }
        },
        std::time::Duration::from_secs(30),
    );

    view! {
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                // The household's page: no account.
                <Route path=path!("/t") view=TrackingPage />
                <Route path=path!("/t/:code") view=TrackingPage />
                <Route path=path!("/") view=|| view! { <RequireSignIn><HomePage /></RequireSignIn> } />
                <Route path=path!("/password") view=|| view! { <RequireSignIn>{lazily(password_page)}</RequireSignIn> } />
                // A forgotten password: no account signed in.
                <Route path=path!("/password/forgot") view=|| lazily(forgot_password_page) />
                <Route path=path!("/password/reset") view=|| lazily(reset_password_page) />
                <Route path=path!("/messages") view=|| view! { <RequireSignIn>{lazily(messages_page)}</RequireSignIn> } />
                <Route path=path!("/accounts") view=|| view! { <RequireSignIn>{lazily(accounts_page)}</RequireSignIn> } />
                <Route path=path!("/donors") view=|| view! { <RequireSignIn>{lazily(donors_page)}</RequireSignIn> } />
                <Route path=path!("/donors/new") view=|| view! { <RequireSignIn>{lazily(new_donor_page)}</RequireSignIn> } />
                <Route path=path!("/pickups") view=|| view! { <RequireSignIn>{lazily(pickups_page)}</RequireSignIn> } />
                <Route path=path!("/pickups/new") view=|| view! { <RequireSignIn>{lazily(new_pickup_page)}</RequireSignIn> } />
                <Route path=path!("/pickups/plan") view=|| view! { <RequireSignIn>{lazily(plan_pickup_page)}</RequireSignIn> } />
                <Route path=path!("/pickups/:id") view=|| view! { <RequireSignIn>{lazily(pickup_page)}</RequireSignIn> } />
                <Route path=path!("/batches") view=|| view! { <RequireSignIn>{lazily(batches_page)}</RequireSignIn> } />
                <Route path=path!("/batches/:id") view=|| view! { <RequireSignIn>{lazily(batch_page)}</RequireSignIn> } />
                <Route path=path!("/devices") view=|| view! { <RequireSignIn>{lazily(devices_page)}</RequireSignIn> } />
                <Route path=path!("/d/:tag") view=|| view! { <RequireSignIn>{lazily(device_page)}</RequireSignIn> } />
                <Route path=path!("/referrals") view=|| view! { <RequireSignIn>{lazily(referrals_page)}</RequireSignIn> } />
                <Route path=path!("/sessions") view=|| view! { <RequireSignIn>{lazily(sessions_page)}</RequireSignIn> } />
                <Route path=path!("/cohorts") view=|| view! { <RequireSignIn>{lazily(cohorts_page)}</RequireSignIn> } />
                <Route path=path!("/cohorts/:id") view=|| view! { <RequireSignIn>{lazily(cohort_page)}</RequireSignIn> } />
                <Route path=path!("/cohorts/:cohort/modules/:module") view=|| view! { <RequireSignIn>{lazily(attendance_page)}</RequireSignIn> } />
                <Route path=path!("/reminders") view=|| view! { <RequireSignIn>{lazily(reminders_page)}</RequireSignIn> } />
                <Route path=path!("/matching") view=|| view! { <RequireSignIn>{lazily(matching_page)}</RequireSignIn> } />
                <Route path=path!("/visits") view=|| view! { <RequireSignIn>{lazily(visits_page)}</RequireSignIn> } />
                <Route path=path!("/visits/:id") view=|| view! { <RequireSignIn>{lazily(visit_page)}</RequireSignIn> } />
                <Route path=path!("/support") view=|| view! { <RequireSignIn>{lazily(support_page)}</RequireSignIn> } />
                <Route path=path!("/dashboard") view=|| view! { <RequireSignIn>{lazily(dashboard_page)}</RequireSignIn> } />
                <Route path=path!("/settings") view=|| view! { <RequireSignIn>{lazily(settings_page)}</RequireSignIn> } />
                <Route path=path!("/imports") view=|| view! { <RequireSignIn>{lazily(import_page)}</RequireSignIn> } />
            </Routes>
        </Router>
    }
}

/// Shows its children to a signed-in person, and sends anyone else to sign in.
#[component]
fn RequireSignIn(children: ChildrenFn) -> impl IntoView {
    let auth = use_auth();
    let i18n = use_i18n();
    move || {
        if let Some(error) = auth.load_error.get() {
            view! {
                <main class="page">
                    <ErrorMessage error=Signal::derive(move || Some(error.clone())) />
                    <button class="button" on:click=move |_| auth.restore(i18n)>{move || i18n.t(Key::Retry)}</button>
                </main>
            }
            .into_any()
        } else if !auth.checked.get() {
            view! { <p class="loading" role="status">{move || i18n.t(Key::Loading)}</p> }.into_any()
        } else if auth.me.with(Option::is_some) {
            children().into_any()
        } else {
            view! { <Redirect path="/login" /> }.into_any()
        }
    }
}

/// Opens a page kept in its own piece of the app, fetched the first time
/// (see `lazy_pages!`).
fn lazily<F, Fut>(page: F) -> impl IntoView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = AnyView> + Send + 'static,
{
    let i18n = use_i18n();
    // The first time on a slow line, the piece takes a moment: say so.
    let loading = move || view! { <main class="page"><p class="loading" role="status">{i18n.t(Key::Loading)}</p></main> };
    view! { <Suspense fallback=loading>{move || Suspend::new(page())}</Suspense> }
}

/// Every page but sign-in, home and the household's page lives in its own
/// piece of WebAssembly, fetched when first opened: the first download is
/// only what signing in needs. `xtask build-frontend` does the cutting.
macro_rules! lazy_pages {
    ($($name:ident => $page:ident),* $(,)?) => {
        $(
            #[leptos::lazy]
            fn $name() -> AnyView {
                $page().into_any()
            }
        )*
    };
}

lazy_pages! {
    password_page => PasswordPage,
    forgot_password_page => ForgotPasswordPage,
    reset_password_page => ResetPasswordPage,
    messages_page => MessagesPage,
    accounts_page => AccountsPage,
    donors_page => DonorsPage,
    new_donor_page => NewDonorPage,
    pickups_page => PickupsPage,
    new_pickup_page => NewPickupPage,
    plan_pickup_page => PlanPickupPage,
    pickup_page => PickupPage,
    batches_page => BatchesPage,
    batch_page => BatchPage,
    devices_page => DevicesPage,
    device_page => DevicePage,
    referrals_page => ReferralsPage,
    sessions_page => SessionsPage,
    cohorts_page => CohortsPage,
    cohort_page => CohortPage,
    attendance_page => AttendancePage,
    reminders_page => RemindersPage,
    matching_page => MatchingPage,
    visits_page => VisitsPage,
    visit_page => VisitPage,
    support_page => SupportPage,
    dashboard_page => DashboardPage,
    settings_page => SettingsPage,
    import_page => ImportPage,
}
