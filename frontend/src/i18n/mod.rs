//! Every word the interface shows, in French (the default) and English.
//! Each key must be translated in both languages: the `match` in each
//! language file is exhaustive, so a missing text does not compile.

mod en;
mod fr;

use leptos::prelude::*;
use shared_types::{DonorKind, ErrorCode, Language, OrganisationKind, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    AppName,
    Tagline,
    Email,
    Password,
    ShowPassword,
    HidePassword,
    SignIn,
    SigningIn,
    SignOut,
    LanguageLabel,
    Hello,
    YourOrganisation,
    YourRoles,
    Accounts,
    AccountsIntro,
    NewAccount,
    FullName,
    Organisation,
    ChooseOrganisation,
    Roles,
    RolesForOrganisation,
    InitialPassword,
    InitialPasswordHint,
    CreateAccount,
    Creating,
    AccountCreated,
    Active,
    Deactivated,
    Deactivate,
    Reactivate,
    Loading,
    BackHome,
    PageNotFound,
    AccountsCount,
    AccountCountOne,
    Retry,
    FieldRequired,
    ErrorNetwork,
    YourTools,
    Donors,
    DonorsIntro,
    SearchDonors,
    Search,
    NoDonorFound,
    DonorsCount,
    DonorCountOne,
    Agreement,
    AgreementUntil,
}

pub fn text(language: Language, key: Key) -> &'static str {
    match language {
        Language::Fr => fr::text(key),
        Language::En => en::text(key),
    }
}

/// What to tell the person when the server answers with `code`.
pub fn error_text(language: Language, code: ErrorCode) -> &'static str {
    match language {
        Language::Fr => fr::error(code),
        Language::En => code.message_en(),
    }
}

pub fn role_text(language: Language, role: Role) -> &'static str {
    match language {
        Language::Fr => fr::role(role),
        Language::En => en::role(role),
    }
}

/// One sentence on what a person with `role` does in Passerelle.
pub fn role_purpose(language: Language, role: Role) -> &'static str {
    match language {
        Language::Fr => fr::role_purpose(role),
        Language::En => en::role_purpose(role),
    }
}

pub fn organisation_kind_text(language: Language, kind: OrganisationKind) -> &'static str {
    match language {
        Language::Fr => fr::organisation_kind(kind),
        Language::En => en::organisation_kind(kind),
    }
}

pub fn donor_kind_text(language: Language, kind: DonorKind) -> &'static str {
    match language {
        Language::Fr => fr::donor_kind(kind),
        Language::En => en::donor_kind(kind),
    }
}

/// The language in use, shared by every component through the context.
#[derive(Clone, Copy)]
pub struct I18n {
    pub language: RwSignal<Language>,
    /// Set when the person picked a language before signing in: that choice
    /// then wins over the one kept on their account.
    pub explicit: RwSignal<bool>,
}

const STORAGE_KEY: &str = "passerelle.language";

impl I18n {
    /// Starts in the language chosen last on this device, French otherwise.
    pub fn new() -> I18n {
        let stored = crate::storage::get(STORAGE_KEY).and_then(|s| Language::parse(&s));
        let i18n = I18n {
            language: RwSignal::new(stored.unwrap_or_default()),
            explicit: RwSignal::new(false),
        };
        i18n.apply_to_document(i18n.language.get_untracked());
        i18n
    }

    pub fn t(&self, key: Key) -> &'static str {
        text(self.language.get(), key)
    }

    /// "1 donateur", "6 donateurs": `one` and `many` are the two noun forms.
    pub fn count(&self, n: u64, one: Key, many: Key) -> String {
        format!("{n} {}", self.t(if n == 1 { one } else { many }))
    }

    pub fn set(&self, language: Language) {
        crate::storage::set(STORAGE_KEY, language.as_str());
        self.apply_to_document(language);
        self.language.set(language);
    }

    /// Screen readers and the browser's spell-check follow `<html lang>`.
    fn apply_to_document(&self, language: Language) {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", if language == Language::En { "en" } else { "fr" });
        }
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}
