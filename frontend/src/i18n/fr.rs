use shared_types::{DonorKind, ErrorCode, OrganisationKind, Role};

use super::Key;

pub fn text(key: Key) -> &'static str {
    match key {
        Key::AppName => "Passerelle",
        Key::Tagline => "Des ordinateurs reconditionnés pour les personnes formées au numérique.",
        Key::Email => "Adresse e-mail",
        Key::Password => "Mot de passe",
        Key::ShowPassword => "Afficher",
        Key::HidePassword => "Masquer",
        Key::SignIn => "Se connecter",
        Key::SigningIn => "Connexion…",
        Key::SignOut => "Se déconnecter",
        Key::LanguageLabel => "Langue",
        Key::Hello => "Bonjour",
        Key::YourOrganisation => "Votre structure",
        Key::YourRoles => "Ce que vous faites dans Passerelle",
        Key::Accounts => "Comptes",
        Key::AccountsIntro => "Les personnes des structures partenaires qui utilisent Passerelle.",
        Key::NewAccount => "Nouveau compte",
        Key::FullName => "Prénom et nom",
        Key::Organisation => "Structure",
        Key::ChooseOrganisation => "Choisir une structure",
        Key::Roles => "Rôles",
        Key::RolesForOrganisation => {
            "Choisissez d'abord une structure : les rôles possibles en dépendent."
        }
        Key::InitialPassword => "Mot de passe de départ",
        Key::InitialPasswordHint => "10 caractères au moins. Donnez-le à la personne de vive voix.",
        Key::CreateAccount => "Créer le compte",
        Key::Creating => "Création…",
        Key::AccountCreated => "Compte créé.",
        Key::Active => "Actif",
        Key::Deactivated => "Désactivé",
        Key::Deactivate => "Désactiver",
        Key::Reactivate => "Réactiver",
        Key::Loading => "Chargement…",
        Key::BackHome => "Retour à l'accueil",
        Key::PageNotFound => "Cette page n'existe pas.",
        Key::AccountsCount => "comptes",
        Key::AccountCountOne => "compte",
        Key::Retry => "Réessayer",
        Key::FieldRequired => "Ce champ est obligatoire.",
        Key::ErrorNetwork => "Pas de connexion au serveur. Vérifiez le réseau puis réessayez.",
        Key::YourTools => "Vos outils",
        Key::Donors => "Donateurs",
        Key::DonorsIntro => {
            "Les entreprises, organismes publics, associations et particuliers qui donnent du matériel."
        }
        Key::SearchDonors => "Nom, ville ou code postal",
        Key::Search => "Rechercher",
        Key::NoDonorFound => "Aucun donateur ne correspond à cette recherche.",
        Key::DonorsCount => "donateurs",
        Key::DonorCountOne => "donateur",
        Key::Agreement => "Convention",
        Key::AgreementUntil => "jusqu'au",
    }
}

pub fn error(code: ErrorCode) -> &'static str {
    match code {
        ErrorCode::Unauthenticated => "Vous devez vous connecter.",
        ErrorCode::TokenExpired | ErrorCode::InvalidToken | ErrorCode::InvalidRefreshToken => {
            "Votre session est terminée. Reconnectez-vous."
        }
        ErrorCode::RefreshTokenReused => {
            "Par sécurité, votre session a été fermée (elle a été utilisée ailleurs). Reconnectez-vous."
        }
        ErrorCode::Forbidden => "Votre rôle ne permet pas de faire cela.",
        ErrorCode::InvalidCredentials => "Adresse e-mail ou mot de passe incorrect.",
        ErrorCode::AccountDeactivated => {
            "Ce compte a été désactivé. Adressez-vous à la coordination du programme."
        }
        ErrorCode::NotFound => "Introuvable : l'élément a peut-être été supprimé.",
        ErrorCode::InvalidEmail => {
            "Cette adresse e-mail n'est pas valide (exemple : prenom.nom@exemple.fr)."
        }
        ErrorCode::EmailTaken => "Un compte existe déjà avec cette adresse e-mail.",
        ErrorCode::OrganisationNameTaken => "Une structure porte déjà ce nom.",
        ErrorCode::PasswordTooShort => "Le mot de passe est trop court : 10 caractères au moins.",
        ErrorCode::PasswordTooLong => "Le mot de passe est trop long : 128 caractères au plus.",
        ErrorCode::NameRequired => "Le nom est obligatoire.",
        ErrorCode::NameTooLong => "Le nom est trop long : 120 caractères au plus.",
        ErrorCode::OrganisationRequired => "Choisissez la structure de la personne.",
        ErrorCode::DonorKindRequired => {
            "Précisez si le donateur est une entreprise, un organisme public, une association ou un particulier."
        }
        ErrorCode::RoleRequired => "Choisissez au moins un rôle.",
        ErrorCode::RoleNotAllowedForOrganisation => {
            "Ce rôle ne correspond pas à ce type de structure."
        }
        ErrorCode::CannotDeactivateSelf => "Vous ne pouvez pas désactiver votre propre compte.",
        ErrorCode::DonorPossibleDuplicate => {
            "Un donateur avec ce nom et ce code postal existe déjà : choisissez-le, ou confirmez qu'il s'agit d'un autre."
        }
        ErrorCode::AgreementDatesInvalid => "La convention ne peut pas finir avant de commencer.",
        ErrorCode::TextTooLong => {
            "Un texte est trop long : raccourcissez l'adresse ou les remarques."
        }
        ErrorCode::DonorRequired => "Choisissez le donateur, ou créez-le.",
        ErrorCode::NothingCollected => "Indiquez au moins un appareil collecté.",
        ErrorCode::CountNegative => "Un nombre ne peut pas être négatif.",
        ErrorCode::CountTooLarge => {
            "Un nombre est trop grand : 1 000 appareils d'un même type au plus par collecte."
        }
        ErrorCode::WeightRequired => "Indiquez le poids total en kg.",
        ErrorCode::WeightNotPositive => "Le poids doit être supérieur à 0 kg.",
        ErrorCode::WeightTooLarge => "Le poids est trop grand : 3 000 kg au plus par collecte.",
        ErrorCode::WeightImplausible => {
            "Le poids ne correspond pas aux appareils (plus de 60 kg chacun en moyenne) : vérifiez le poids et les nombres."
        }
        ErrorCode::SerialTooLong => "Un numéro de série est trop long : 64 caractères au plus.",
        ErrorCode::TooManySerials => "Il y a plus de numéros de série que d'appareils de ce type.",
        ErrorCode::TimeInFuture => {
            "L'heure de collecte est dans le futur : vérifiez la date et l'heure."
        }
        ErrorCode::TimeTooOld => "La date remonte à plus d'un an : vérifiez-la.",
        ErrorCode::ScheduledInPast => "Une collecte prévue doit être aujourd'hui ou plus tard.",
        ErrorCode::SignatureInvalid => {
            "La signature n'a pas pu être lue : faites signer à nouveau."
        }
        ErrorCode::LocationInvalid => "La position GPS n'est pas valide.",
        ErrorCode::PickupConflict => {
            "Cette collecte a déjà été envoyée avec un contenu différent. Rien n'a été modifié : vérifiez-la dans la liste."
        }
        ErrorCode::PickupNotScheduled => {
            "Cette collecte n'est plus prévue : elle a déjà été faite ou annulée."
        }
        ErrorCode::PickupNotEditable => "Cette collecte ne peut plus être modifiée.",
        ErrorCode::PhotoTooLarge => "La photo est trop lourde : 5 Mo au plus.",
        ErrorCode::PhotoNotImage => "Ce fichier n'est pas une photo (JPEG, PNG ou WebP).",
        ErrorCode::TooManyPhotos => "8 photos au plus par collecte.",
        ErrorCode::PhotoConflict => "Une autre photo a déjà été envoyée sous cette référence.",
        ErrorCode::QueryTooDeep
        | ErrorCode::QueryTooComplex
        | ErrorCode::BatchTooLarge
        | ErrorCode::BadRequest => "La demande n'a pas pu être traitée. Rechargez la page.",
        ErrorCode::Internal => "Un problème est survenu sur le serveur. Réessayez dans un instant.",
    }
}

pub fn role(role: Role) -> &'static str {
    match role {
        Role::Coordinator => "Coordination",
        Role::CollectionAgent => "Agent de collecte",
        Role::Refurbisher => "Reconditionnement",
        Role::Trainer => "Formation",
        Role::Installer => "Installation",
        Role::Prescriber => "Prescription",
    }
}

pub fn role_purpose(role: Role) -> &'static str {
    match role {
        Role::Coordinator => {
            "Vous pilotez le programme : partenaires, comptes, sessions et bilan annuel."
        }
        Role::CollectionAgent => {
            "Vous enregistrez les collectes de matériel chez les donateurs, même sans réseau."
        }
        Role::Refurbisher => {
            "Vous recevez les lots, effacez les données et reconditionnez les ordinateurs."
        }
        Role::Trainer => "Vous animez les sessions de formation et notez les présences.",
        Role::Installer => "Vous installez les ordinateurs au domicile des personnes formées.",
        Role::Prescriber => "Vous orientez des habitantes et habitants vers le programme.",
    }
}

pub fn organisation_kind(kind: OrganisationKind) -> &'static str {
    match kind {
        OrganisationKind::Coordinator => "Coordination du programme",
        OrganisationKind::Collector => "Collecte",
        OrganisationKind::Refurbisher => "Reconditionnement",
        OrganisationKind::TrainingProvider => "Organisme de formation",
        OrganisationKind::Installer => "Installation à domicile",
        OrganisationKind::Prescriber => "Prescription",
    }
}

pub fn donor_kind(kind: DonorKind) -> &'static str {
    match kind {
        DonorKind::Company => "Entreprise",
        DonorKind::PublicBody => "Organisme public",
        DonorKind::Association => "Association",
        DonorKind::Individual => "Particulier",
    }
}
