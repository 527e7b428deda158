use shared_types::{DonorKind, OrganisationKind, Role};

use super::Key;

pub fn text(key: Key) -> &'static str {
    match key {
        Key::AppName => "Passerelle",
        Key::Tagline => "Refurbished computers for people trained in digital skills.",
        Key::Email => "Email address",
        Key::Password => "Password",
        Key::ShowPassword => "Show",
        Key::HidePassword => "Hide",
        Key::SignIn => "Sign in",
        Key::SigningIn => "Signing in…",
        Key::SignOut => "Sign out",
        Key::LanguageLabel => "Language",
        Key::Hello => "Hello",
        Key::YourOrganisation => "Your organisation",
        Key::YourRoles => "What you do in Passerelle",
        Key::Accounts => "Accounts",
        Key::AccountsIntro => "The people of partner organisations who use Passerelle.",
        Key::NewAccount => "New account",
        Key::FullName => "First and last name",
        Key::Organisation => "Organisation",
        Key::ChooseOrganisation => "Choose an organisation",
        Key::Roles => "Roles",
        Key::RolesForOrganisation => {
            "Choose an organisation first: the possible roles depend on it."
        }
        Key::InitialPassword => "First password",
        Key::InitialPasswordHint => "At least 10 characters. Tell it to the person directly.",
        Key::CreateAccount => "Create account",
        Key::Creating => "Creating…",
        Key::AccountCreated => "Account created.",
        Key::Active => "Active",
        Key::Deactivated => "Deactivated",
        Key::Deactivate => "Deactivate",
        Key::Reactivate => "Reactivate",
        Key::Loading => "Loading…",
        Key::BackHome => "Back to home",
        Key::PageNotFound => "This page does not exist.",
        Key::AccountsCount => "accounts",
        Key::AccountCountOne => "account",
        Key::Retry => "Try again",
        Key::FieldRequired => "This field is required.",
        Key::ErrorNetwork => "Cannot reach the server. Check the network and try again.",
        Key::YourTools => "Your tools",
        Key::Donors => "Donors",
        Key::DonorsIntro => {
            "The companies, public bodies, associations and residents who give equipment."
        }
        Key::SearchDonors => "Name, town or postcode",
        Key::Search => "Search",
        Key::NoDonorFound => "No donor matches this search.",
        Key::DonorsCount => "donors",
        Key::DonorCountOne => "donor",
        Key::Agreement => "Agreement",
        Key::AgreementUntil => "until",
    }
}

pub fn role(role: Role) -> &'static str {
    match role {
        Role::Coordinator => "Coordination",
        Role::CollectionAgent => "Collection agent",
        Role::Refurbisher => "Refurbishment",
        Role::Trainer => "Training",
        Role::Installer => "Installation",
        Role::Prescriber => "Referral",
    }
}

pub fn role_purpose(role: Role) -> &'static str {
    match role {
        Role::Coordinator => {
            "You run the programme: partners, accounts, cohorts and the yearly report."
        }
        Role::CollectionAgent => "You log pickups of donated equipment, even with no network.",
        Role::Refurbisher => "You receive batches, wipe data and refurbish the computers.",
        Role::Trainer => "You run the training cohorts and mark attendance.",
        Role::Installer => "You install computers in the homes of trained learners.",
        Role::Prescriber => "You refer residents to the programme.",
    }
}

pub fn organisation_kind(kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::Coordinator => "Programme coordination",
        OrganisationKind::Collector => "Collection",
        OrganisationKind::Refurbisher => "Refurbishment",
        OrganisationKind::TrainingProvider => "Training provider",
        OrganisationKind::Installer => "Home installation",
        OrganisationKind::Prescriber => "Referral",
    }
}

pub fn donor_kind(kind: DonorKind) -> &'static str {
    match kind {
        DonorKind::Company => "Company",
        DonorKind::PublicBody => "Public body",
        DonorKind::Association => "Association",
        DonorKind::Individual => "Individual",
    }
}
