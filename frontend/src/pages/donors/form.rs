//! Recording a donor: the fields (also used on the pickup form for a donor
//! met on the spot) and the page, with the duplicate warning.

use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::{DonorKind, ErrorCode, validation};

use crate::{
    api::{
        ApiError,
        donors::{self, DonorDraft, DonorRow},
    },
    components::{ErrorMessage, FieldKind, TextField, TopBar, mutation},
    i18n::{Key, donor_kind_text, use_i18n},
};

/// A donor's fields, each bound to the form.
#[derive(Clone, Copy)]
pub struct DonorFieldsState {
    pub kind: RwSignal<Option<DonorKind>>,
    pub name: RwSignal<String>,
    pub contact_name: RwSignal<String>,
    pub phone: RwSignal<String>,
    pub email: RwSignal<String>,
    pub address: RwSignal<String>,
    pub postcode: RwSignal<String>,
    pub city: RwSignal<String>,
}

fn optional(text: String) -> Option<String> {
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}

impl DonorFieldsState {
    pub fn new() -> DonorFieldsState {
        DonorFieldsState {
            kind: RwSignal::new(None),
            name: RwSignal::new(String::new()),
            contact_name: RwSignal::new(String::new()),
            phone: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            address: RwSignal::new(String::new()),
            postcode: RwSignal::new(String::new()),
            city: RwSignal::new(String::new()),
        }
    }

    pub fn draft(&self) -> DonorDraft {
        DonorDraft {
            kind: self.kind.get_untracked(),
            name: self.name.get_untracked().trim().to_string(),
            contact_name: optional(self.contact_name.get_untracked()),
            phone: optional(self.phone.get_untracked()),
            email: optional(self.email.get_untracked()),
            address: optional(self.address.get_untracked()),
            postcode: optional(self.postcode.get_untracked()),
            city: optional(self.city.get_untracked()),
            // The agreement is written on the donor's page, not when met.
            agreement_reference: None,
            agreement_starts_on: None,
            agreement_ends_on: None,
            notes: None,
        }
    }

    /// The checks the server makes too, so that a mistake shows at once.
    pub fn check(&self) -> Result<DonorDraft, ErrorCode> {
        let draft = self.draft();
        if draft.kind.is_none() {
            return Err(ErrorCode::DonorKindRequired);
        }
        validation::normalise_name(&draft.name)?;
        if let Some(email) = &draft.email {
            validation::normalise_email(email)?;
        }
        if let Some(postcode) = &draft.postcode {
            validation::normalise_postcode(postcode)?;
        }
        Ok(draft)
    }
}

#[component]
pub fn DonorFields(state: DonorFieldsState, prefix: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    let id = move |name: &str| format!("{prefix}-{name}");
    let kind_id = id("kind");
    view! {
        <fieldset class="choices">
            <legend>{move || i18n.t(Key::DonorKind)}</legend>
            {DonorKind::ALL
                .iter()
                .map(|kind| {
                    let kind = *kind;
                    view! {
                        <label class="choice">
                            <input
                                type="radio"
                                name=kind_id.clone()
                                value=kind.as_str()
                                prop:checked=move || state.kind.get() == Some(kind)
                                on:change=move |_| state.kind.set(Some(kind))
                            />
                            <span>{move || donor_kind_text(i18n.language.get(), kind)}</span>
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
        <TextField id=id("name") label=Key::DonorName value=state.name />
        <TextField id=id("address") label=Key::Address value=state.address autocomplete="street-address" />
        <div class="row">
            <div>
                <TextField id=id("postcode") label=Key::Postcode value=state.postcode autocomplete="postal-code" />
            </div>
            <div class="grow">
                <TextField id=id("city") label=Key::City value=state.city autocomplete="address-level2" />
            </div>
        </div>
        <TextField id=id("contact") label=Key::ContactPerson value=state.contact_name />
        <TextField id=id("phone") label=Key::Phone value=state.phone kind=FieldKind::Phone />
        <TextField id=id("email") label=Key::Email value=state.email kind=FieldKind::Email />
    }
}

/// Donors already recorded that look like the one being typed.
#[component]
pub fn DuplicateList(found: Vec<DonorRow>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ul class="duplicates">
            {found
                .into_iter()
                .map(|d| {
                    let place = [d.postcode, d.city].into_iter().flatten().collect::<Vec<_>>().join(" ");
                    view! {
                        <li>
                            <strong>{d.name}</strong>
                            " · "
                            {move || donor_kind_text(i18n.language.get(), d.kind)}
                            " · "
                            {place}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn NewDonorPage() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let state = DonorFieldsState::new();
    let error = RwSignal::new(None::<ApiError>);
    let duplicates = RwSignal::new(Vec::<DonorRow>::new());
    let creating = mutation(
        error,
        move |(draft, confirm): (DonorDraft, bool)| async move {
            let answer = donors::create(draft.clone(), confirm).await;
            // A donor that may be one already known: show them, to choose.
            if answer == Err(ApiError::Server(ErrorCode::DonorPossibleDuplicate)) {
                let found = donors::duplicates(draft.name, draft.postcode).await;
                duplicates.set(found.unwrap_or_default());
            }
            answer
        },
        move |_| navigate("/donors", Default::default()),
    );
    let saving = creating.pending();
    let save = move |confirm: bool| {
        let draft = match state.check() {
            Ok(draft) => draft,
            Err(code) => {
                error.set(Some(ApiError::Server(code)));
                return;
            }
        };
        error.set(None);
        creating.dispatch_local((draft, confirm));
    };
    let save_first = save;
    view! {
        <TopBar />
        <main class="page narrow">
            <a class="back" href="/donors">{move || format!("← {}", i18n.t(Key::Donors))}</a>
            <h1>{move || i18n.t(Key::NewDonor)}</h1>
            <form
                class="form"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    save_first(false);
                }
            >
                <DonorFields state=state prefix="donor" />
                <ErrorMessage error=error />
                {move || {
                    let found = duplicates.get();
                    (!found.is_empty())
                        .then(|| {
                            view! {
                                <DuplicateList found=found />
                                <a class="button" href="/donors">{i18n.t(Key::UseExistingDonor)}</a>
                                <button type="button" class="button" on:click=move |_| save(true)>
                                    {i18n.t(Key::CreateAnyway)}
                                </button>
                            }
                        })
                }}
                <button type="submit" class="button primary" disabled=saving>
                    {move || i18n.t(if saving.get() { Key::Saving } else { Key::SaveDonor })}
                </button>
            </form>
        </main>
    }
}
