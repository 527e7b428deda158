use shared_types::{
    DeviceStatus, DonorKind, ErrorCode, Gender, MaterialCategory, OrganisationKind, Role,
};

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
        Key::Agreement => "Convention",
        Key::AgreementUntil => "jusqu'au",
        Key::AddSerial => "Ajouter un numéro de série",
        Key::Address => "Adresse",
        Key::Category => "Type d'appareil",
        Key::ChangeDonor => "Changer de donateur",
        Key::ChooseDonor => "Choisir un donateur",
        Key::City => "Ville",
        Key::ClearSignature => "Effacer la signature",
        Key::CollectNow => "Faire la collecte",
        Key::CollectedAt => "Date et heure de la collecte",
        Key::Collector => "Collecté par",
        Key::ContactPerson => "Personne à contacter",
        Key::CreateAnyway => "C'est un autre donateur : l'enregistrer",
        Key::Discard => "Supprimer de ce téléphone",
        Key::Donor => "Donateur",
        Key::DonorAlreadyKnown => "Ce donateur semble déjà connu (même nom, même code postal).",
        Key::DonorKind => "Type de donateur",
        Key::DonorName => "Nom du donateur",
        Key::DonorSignature => "Signature du donateur",
        Key::DownloadReceipt => "Télécharger le reçu (PDF)",
        Key::FindDonor => "Chercher le donateur (nom, ville…)",
        Key::InStorage => "En stock chez vous",
        Key::Items => "appareils",
        Key::ListNeedsNetwork => {
            "Pas de réseau : la liste des collectes s'affichera au retour du réseau. Vos nouvelles collectes sont gardées sur ce téléphone."
        }
        Key::Locating => "Recherche de la position…",
        Key::NewDonor => "Nouveau donateur",
        Key::NewDonorHere => "+ Nouveau donateur",
        Key::NewPickup => "Nouvelle collecte",
        Key::NewPickupIntro => "Notez ce que vous prenez chez un donateur, même sans réseau.",
        Key::NotSigned => "Non signé",
        Key::NotePosition => "Noter la position GPS",
        Key::Notes => "Remarques",
        Key::OnThisPhone => "Sur ce téléphone",
        Key::OutboxOffline => {
            "Pas de réseau : les collectes partiront toutes seules au retour du réseau."
        }
        Key::OutboxRefused => "Refusée :",
        Key::OutboxSending => "Envoi en cours…",
        Key::OutboxSent => "Envoyée",
        Key::OutboxWaiting => "En attente d'envoi",
        Key::OutboxWillRetry => "Nouvel essai automatique dans quelques secondes.",
        Key::Phone => "Téléphone",
        Key::Photos => "Photos",
        Key::PhotosSent => "Photos envoyées :",
        Key::PickKnownDonor => "Choisir plutôt un donateur connu",
        Key::PickupAddress => "Adresse de collecte",
        Key::PickupAddressHint => "Laissez vide si c'est l'adresse du donateur.",
        Key::Pickups => "Collectes",
        Key::PickupsIntro => "Les collectes prévues et faites, et le matériel en stock.",
        Key::PickupsWord => "collectes",
        Key::PlanPickup => "Prévoir une collecte",
        Key::PlannedFor => "Date et heure prévues",
        Key::Position => "Position GPS",
        Key::PositionNoted => "Position notée :",
        Key::Postcode => "Code postal",
        Key::PrepareReceipt => "Préparer le reçu du donateur",
        Key::Receipt => "Reçu du donateur",
        Key::ReceiptHint => {
            "Un PDF avec le matériel remis et la signature, à montrer ou envoyer au donateur."
        }
        Key::Remove => "Retirer",
        Key::SaveDonor => "Enregistrer le donateur",
        Key::SavePickup => "Enregistrer la collecte",
        Key::SavePickupHint => {
            "La collecte est gardée sur ce téléphone, puis envoyée dès que le réseau le permet."
        }
        Key::Saving => "Enregistrement…",
        Key::SeePickup => "Voir la collecte",
        Key::SendNow => "Envoyer maintenant",
        Key::SerialNumber => "Numéro de série ou d'inventaire",
        Key::SerialNumbers => "Numéros de série (facultatif)",
        Key::SerialNumbersHint => {
            "Notez-les quand ils sont lisibles : ils servent au certificat d'effacement."
        }
        Key::ShareReceipt => "Envoyer le reçu…",
        Key::Signature => "Signature",
        Key::SignatureArea => "Zone de signature : signez avec le doigt",
        Key::SignedBy => "Nom de la personne qui signe",
        Key::CannotSign => "La personne ne peut pas signer",
        Key::UnsignedReason => "Pourquoi (par exemple : procuration, handicap)",
        Key::StatusCancelled => "Annulée",
        Key::StatusCollected => "Collectée",
        Key::StatusScheduled => "Prévue",
        Key::StockEmpty => "Rien en stock pour l'instant.",
        Key::StorageFailed => {
            "Ce téléphone refuse de garder la collecte (navigation privée ou mémoire pleine). Elle ne peut pas être enregistrée hors réseau."
        }
        Key::TakePhoto => "Prendre une photo",
        Key::TotalWeightKg => "Poids total (kg)",
        Key::UseExistingDonor => "Revenir à la liste des donateurs",
        Key::UseThisDonor => "Choisir",
        Key::WeightHint => "Par exemple 12,5",
        Key::WhatWasTaken => "Matériel collecté",
        Key::WhenAndWhere => "Quand et où",
        Key::ChangePassword => "Changer mon mot de passe",
        Key::CurrentPassword => "Mot de passe actuel",
        Key::NewPassword => "Nouveau mot de passe",
        Key::NewPasswordAgain => "Nouveau mot de passe, encore une fois",
        Key::PasswordHint => "Au moins 10 caractères. Vos autres appareils seront déconnectés.",
        Key::PasswordChanged => "Mot de passe changé. Vos autres appareils sont déconnectés.",
        Key::PersonalData => "Données personnelles (RGPD)",
        Key::WhoReadThis => "Qui a consulté cette fiche",
        Key::NobodyReadThis => "Personne n'a encore consulté cette fiche.",
        Key::TheHousehold => "le foyer (page de suivi)",
        Key::ExportPersonalData => "Exporter toutes ses données (JSON)",
        Key::ErasePerson => "Effacer cette personne",
        Key::EraseWarning => {
            "Nom, téléphone, adresse, e-mail et messages seront effacés pour toujours. Les chiffres des bilans passés ne changent pas."
        }
        Key::ConfirmErase => "Oui, effacer pour toujours",
        Key::KeepPerson => "Ne pas effacer",
        Key::AuditRead => "consultation",
        Key::AuditExport => "export",
        Key::AuditErase => "effacement",
        Key::AuditRetention => "effacement (durée de conservation dépassée)",
        Key::HappenedOnHint => {
            "Aujourd'hui par défaut ; choisissez le jour où c'est arrivé pour une saisie après coup."
        }
        Key::HandedOverOn => "Date de la remise",
        Key::ReceivedOn => "Date de réception",
        Key::DroppedOutOn => "Date de l'abandon",
        Key::CompletedOn => "Date de fin de formation",
        Key::InstalledOn => "Date de l'installation",
        Key::MovedOn => "Date de l'étape",
        Key::StartedOn => "Début du programme",
        Key::StartedOnHint => {
            "Aucune étape ne peut être datée avant ce jour : mettez-le plus tôt pour saisir l'historique du programme."
        }
        Key::AuditDated => "étape saisie après coup, à sa date",
        Key::Dashboard => "Tableau de bord et bilan",
        Key::DashboardIntro => {
            "Les chiffres de l'année, comparés à l'année d'avant, et le bilan pour les financeurs."
        }
        Key::VsLastYear => "par rapport à l'an dernier",
        Key::ReportPickups => "collectes",
        Key::ReportCollectedKg => "collectés",
        Key::ReportRefurbished => "dons reconditionnés",
        Key::ReportInstalled => "ordinateurs installés",
        Key::ReportGiven => "ordinateurs remis aux foyers",
        Key::ReportHandedOverOnly => "remis sans installation",
        Key::ReportRecycledInBulk => "recyclés en vrac",
        Key::ReportReadyAgain => "remis en état après un retour",
        Key::ReportTrained => "personnes formées",
        Key::ReportDroppedOut => "abandons",
        Key::ReportPath => "Du groupe à l'installation",
        Key::ReportPlaces => "places ouvertes",
        Key::ReportEnrolled => "personnes inscrites",
        Key::ReportWithInternet => "installés avec internet",
        Key::ReportMedianDelay => "délai médian formation → installation",
        Key::ReportMaterial => "Matériel collecté",
        Key::ReportRecycled => "recyclés",
        Key::ReportBought => "achetés",
        Key::ReportReferrers => "Orientations par prescripteur",
        Key::ReportGender => "Personnes formées par genre",
        Key::ReportMeanAge => "âge moyen",
        Key::SmallGroupsHidden => {
            "« <5 » : groupe de moins de cinq personnes, non détaillé pour que personne ne soit reconnaissable."
        }
        Key::Year => "Année",
        Key::ReportFiles => "Fichiers pour les financeurs",
        Key::ReportPdf => "Bilan (PDF)",
        Key::CsvSummary => "Chiffres clés (CSV)",
        Key::CsvCollected => "Matériel collecté (CSV)",
        Key::CsvPrescribers => "Prescripteurs (CSV)",
        Key::CsvGender => "Genre (CSV)",
        Key::CsvLearners => "Personnes, pseudonymisées (CSV)",
        Key::TodayOnly => "Seulement les visites d'aujourd'hui",
        Key::ReasonPreferredKind => "le type demandé",
        Key::ReasonAnyKind => "pas de préférence",
        Key::ReasonOtherKind => "pas le type demandé",
        Key::ReasonLargeScreen => "grand écran pour ses besoins",
        Key::ReasonMemory => "8 Go de mémoire pour les devoirs des enfants",
        Key::ReasonGradeA => "état A",
        Key::ReasonGradeB => "état B",
        Key::ReasonGradeC => "état C",
        Key::ReasonLongWait => "attend depuis longtemps",
        Key::Matching => "Attribution des ordinateurs",
        Key::MatchingIntro => "Proposer un ordinateur prêt à chaque personne formée.",
        Key::MatchesAccepted => "Attributions enregistrées : les ordinateurs sont réservés.",
        Key::TrackingCode => "code de suivi",
        Key::Visits => "Visites d'installation",
        Key::VisitsIntro => "Prendre rendez-vous, installer chez la personne, faire signer.",
        Key::LearnersWaiting => "personnes formées en attente",
        Key::DevicesReady => "ordinateurs prêts",
        Key::OnHoldNoConnection => {
            "Personnes formées, ordinateur en attente : pas de connexion possible"
        }
        Key::NothingToMatch => "Personne à attribuer pour l'instant.",
        Key::WaitingFor => "attend depuis",
        Key::Days => "jours",
        Key::DeviceForLearner => "Ordinateur proposé",
        Key::HoldForNow => "Garder de côté pour l'instant",
        Key::DeclineDevice => "Ne veut pas d'ordinateur, ou en a déjà un",
        Key::OutcomeDeclined => "Refuse l'ordinateur",
        Key::OutcomeAlreadyEquipped => "A déjà un ordinateur",
        Key::RecordOutcome => "Enregistrer",
        Key::DeclinedLearners => "Sans ordinateur, à leur demande",
        Key::PutBackWaiting => "Remettre en attente",
        Key::WaitingNoDevice => "En attente : pas encore d'ordinateur prêt",
        Key::OutcomeReason => "Raison",
        Key::AcceptMatches => "Accepter ces attributions",
        Key::VisitToBook => "Visite à prendre",
        Key::VisitBooked => "Visite prévue",
        Key::Installed => "Installé",
        Key::VisitFailed => "Visite manquée",
        Key::MatchCancelled => "Attribution annulée",
        Key::DeviceReturned => "Ordinateur rendu",
        Key::EndedReason => "Motif de la fin",
        Key::NoVisit => "Aucune visite.",
        Key::HandoverAgreement => "Convention de mise à disposition (PDF)",
        Key::VisitWindow => "Créneau",
        Key::BookVisit => "Prendre rendez-vous",
        Key::VisitDay => "Jour",
        Key::From => "De",
        Key::To => "À",
        Key::Checklist => "Installation chez la personne",
        Key::DeviceSetUp => "Ordinateur branché et démarré",
        Key::AccountsCreated => "Comptes créés (session, e-mail)",
        Key::ConnectionLabel => "Connexion internet",
        Key::ConnectionBox => "Box internet",
        Key::ConnectionTethering => "Partage de connexion du téléphone",
        Key::ConnectionNone => "Aucune",
        Key::ConnectionTested => "Test de connexion réussi",
        Key::InstalledSerial => "Numéro de série ou étiquette de l'ordinateur installé",
        Key::InstalledSerialHint => "Lisez-le sur l'appareil : il doit être celui réservé.",
        Key::HouseholdSignature => "Signature de la personne",
        Key::CloseVisit => "Terminer l'installation",
        Key::VisitFailedAction => "Visite manquée (personne absente, pas de connexion)",
        Key::YourComputer => "Votre ordinateur",
        Key::TypeYourCode => "Tapez le code écrit sur votre papier",
        Key::TryAnotherCode => "Essayer un autre code",
        Key::StepTrained => "Formation terminée",
        Key::StepReserved => "Ordinateur réservé pour vous",
        Key::StepVisit => "Rendez-vous pour l'installation",
        Key::StepInstalled => "Ordinateur installé chez vous",
        Key::OnHoldExplained => {
            "Votre ordinateur vous attend : il sera installé quand vous aurez une connexion internet (box ou partage du téléphone)."
        }
        Key::VisitFailedExplained => {
            "Le rendez-vous n'a pas pu avoir lieu. On vous rappelle pour un autre jour."
        }
        Key::QuestionsCall => "Une question ? Appelez :",
        Key::AskOtherDate => "Demander un autre jour",
        Key::ReportProblem => "Signaler un problème avec l'ordinateur",
        Key::SendRequest => "Envoyer",
        Key::RequestSent => "C'est envoyé. On vous rappelle.",
        Key::YourMessage => "Votre message",
        Key::HelpDesk => "Assistance",
        Key::HelpDeskIntro => "Les problèmes signalés et les demandes de changement de date.",
        Key::NoRequest => "Aucune demande.",
        Key::Problem => "Problème",
        Key::DateChangeRequest => "Changement de date",
        Key::StatusOpen => "Nouvelle",
        Key::StatusInProgress => "En cours",
        Key::StatusResolved => "Réglée",
        Key::FollowMyDelivery => "Suivre la livraison de mon ordinateur (avec mon code)",
        Key::DevicePreferenceLabel => "Préférence",
        Key::PreferLaptop => "Ordinateur portable",
        Key::PreferDesktop => "Ordinateur fixe",
        Key::PreferAny => "Peu importe",
        Key::ContractSignedOn => "Contrat de formation signé le",
        Key::ChangeModule => "Changer la date ou le lieu",
        Key::SaveChanges => "Enregistrer",
        Key::ReferralReceived => "Reçue",
        Key::ReferralInvited => "Invitation à une information collective",
        Key::ReferralEligible => "Éligible",
        Key::ReferralNotEligible => "Non éligible",
        Key::ReferralWaitingList => "Sur liste d'attente",
        Key::ReferralEnrolled => "En formation",
        Key::ReferralCompleted => "Formation terminée",
        Key::ReferralDroppedOut => "Abandon",
        Key::Referrals => "Orientations",
        Key::ReferralsIntro => "Orienter une personne vers le programme et suivre son parcours.",
        Key::NewReferral => "Orienter une personne",
        Key::ReferralSent => "Orientation envoyée.",
        Key::FirstName => "Prénom",
        Key::LastName => "Nom",
        Key::PhoneForReminders => "Pour les appels de rappel avant chaque module.",
        Key::BirthYear => "Année de naissance",
        Key::GenderLabel => "Genre",
        Key::Woman => "Femme",
        Key::Man => "Homme",
        Key::Unspecified => "Autre / non précisé",
        Key::Neighbourhood => "Quartier",
        Key::PriorityNeighbourhood => "Habite un quartier prioritaire (QPV)",
        Key::Languages => "Langues parlées",
        Key::Adults => "Adultes au foyer",
        Key::Children => "Enfants au foyer",
        Key::InternetAtHome => "Internet à la maison",
        Key::InternetHas => "A déjà une connexion",
        Key::InternetCanGet => "Peut en avoir une (box ou partage du téléphone)",
        Key::InternetNone => "Aucune possibilité",
        Key::AccessibilityNeeds => "Besoins particuliers (vue, handicap…)",
        Key::ReferralReason => "Pourquoi cette orientation",
        Key::YouAre => "Vous êtes",
        Key::JobCentre => "France Travail",
        Key::SocialCentre => "Centre social, CCAS",
        Key::OtherPrescriber => "Autre",
        Key::ConsentText => {
            "La personne accepte que ses données soient utilisées pour le programme (elle peut demander à les voir ou les effacer)."
        }
        Key::SendReferral => "Envoyer l'orientation",
        Key::NewReferralsToInvite => "Nouvelles orientations à inviter",
        Key::InfoSession => "Information collective",
        Key::InfoSessions => "Informations collectives",
        Key::InfoSessionsIntro => {
            "Recevoir les personnes orientées et décider de leur éligibilité."
        }
        Key::ChooseSession => "Choisir une information collective",
        Key::Invite => "Inviter",
        Key::NoReferral => "Aucune orientation pour l'instant.",
        Key::NewInfoSession => "Nouvelle information collective",
        Key::DateAndTime => "Date et heure",
        Key::Place => "Lieu",
        Key::NobodyInvited => "Aucune invitation pour l'instant.",
        Key::EligibilityCriteria => "Critères",
        Key::CriterionResidence => {
            "Habite un quartier prioritaire (ou dérogation du centre social)"
        }
        Key::CriterionFrench => "Parle et écrit assez le français",
        Key::CriterionAvailability => "Disponible aux dates",
        Key::CriterionMotivation => "Motivation",
        Key::DecisionReason => {
            "Raison de la décision (obligatoire si non, ou si un critère manque)"
        }
        Key::Eligible => "Éligible",
        Key::NotEligible => "Non éligible",
        Key::Cohorts => "Groupes de formation",
        Key::CohortsIntro => "Les groupes, leurs 11 modules, les inscrits et la fin de formation.",
        Key::NewCohort => "Nouveau groupe",
        Key::CohortName => "Nom du groupe",
        Key::Places => "Places",
        Key::FirstModuleAt => "Premier module (date et heure)",
        Key::FirstModuleHint => {
            "Les 11 modules suivent, un par semaine ; chaque date peut être changée ensuite."
        }
        Key::TrainerName => "Formateur ou formatrice",
        Key::PlacesTaken => "places prises",
        Key::Learners => "Personnes inscrites",
        Key::Modules => "Modules",
        Key::Optional => "facultatif",
        Key::PresentWord => "personnes présentes",
        Key::OutcomeMet => "Règle de fin de formation remplie",
        Key::OutcomePending => "Modules à venir",
        Key::OutcomeNotMet => "Trop d'absences pour terminer",
        Key::ConfirmCompletion => "Confirmer la fin de formation",
        Key::DropOut => "Noter un abandon",
        Key::EnrolEligible => "Inscrire des personnes éligibles",
        Key::Enrol => "Inscrire",
        Key::EveryonePresent => "Tout le monde présent",
        Key::Present => "Présence",
        Key::Absent => "Absence",
        Key::Excused => "Absence excusée",
        Key::SaveAttendance => "Enregistrer les présences",
        Key::Sending => "Envoi…",
        Key::AttendanceSaved => "Présences enregistrées.",
        Key::AttendanceWaiting => {
            "Pas de réseau : les présences sont gardées et partiront au retour du réseau."
        }
        Key::RemindersTitle => "Appels de rappel",
        Key::RemindersIntro => "Les personnes à appeler la veille de chaque module.",
        Key::NoReminder => "Aucun module demain.",
        Key::PurchaseDate => "Date d'achat",
        Key::Funder => "Financé par (facultatif)",
        Key::PreparedBy => "Atelier qui le prépare",
        Key::BoughtRefurbished => "Aucun : acheté déjà reconditionné",
        Key::Settings => "Réglages du programme",
        Key::Imports => "Importer et exporter",
        Key::ImportsIntro => {
            "Reprendre l'historique du programme depuis un tableur, et tout exporter."
        }
        Key::ImportTemplates => "1. Télécharger un modèle",
        Key::ImportTemplatesHint => {
            "Un onglet par sorte de fiche (donateurs, collectes, appareils, apprenants…). Les en-têtes peuvent être en français ou en anglais."
        }
        Key::TemplateFrench => "Modèle en français",
        Key::TemplateEnglish => "Modèle en anglais",
        Key::ImportSend => "2. Envoyer le fichier rempli",
        Key::ImportFile => "Fichier XLSX, ODS ou CSV",
        Key::ImportFileHint => {
            "Passerelle vérifie tout le fichier d'abord : rien n'est enregistré avant que vous confirmiez."
        }
        Key::CheckFile => "Vérifier le fichier",
        Key::ImportNow => "Importer ces fiches",
        Key::ImportChecked => "Vérification faite : rien n'est encore enregistré.",
        Key::ImportSheet => "Onglet",
        Key::ImportNewRecords => "Nouvelles fiches",
        Key::ImportExistingRecords => "Déjà importées",
        Key::ImportNewOrganisations => "Organisations qui seront créées :",
        Key::ImportProblems => "Lignes à corriger",
        Key::ImportFixAndRetry => {
            "Rien n'a été enregistré. Corrigez ces lignes dans votre tableur, enregistrez, puis vérifiez le fichier à nouveau."
        }
        Key::ImportOtherProblems => "autres problèmes",
        Key::ImportDone => {
            "Import terminé : les fiches sont enregistrées. Les bilans des années importées sont dans le tableau de bord."
        }
        Key::ImportLine => "ligne",
        Key::ImportColumn => "colonne",
        Key::ImportWholeFile => "Fichier",
        Key::ExportTitle => "3. Tout exporter",
        Key::ExportHint => {
            "Toutes les fiches du programme et leur historique, dans le format du modèle : pour les archiver ou les reprendre dans un autre Passerelle."
        }
        Key::ExportAll => "Tout exporter (XLSX)",
        Key::ReferredOn => "Date de l'orientation",
        Key::DecidedOn => "Date de la décision",
        Key::EnrolledOn => "Date de l'inscription",
        Key::SaidOn => "Date où la personne l'a dit",
        Key::ImportNothingNew => {
            "Rien de nouveau : toutes ces fiches avaient déjà été importées, rien n'est en double."
        }
        Key::MatchedOn => "Date de l'attribution",
        Key::ForgotPassword => "Mot de passe oublié ?",
        Key::ForgotPasswordTitle => "Mot de passe oublié",
        Key::ForgotPasswordIntro => {
            "Indiquez l'adresse e-mail de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe."
        }
        Key::SendResetLink => "Recevoir le lien",
        Key::ResetLinkSent => {
            "C'est envoyé. Si cette adresse a un compte, un e-mail arrive avec un lien valable 30 minutes. Regardez aussi dans les courriers indésirables."
        }
        Key::BackToSignIn => "Retour à la connexion",
        Key::ResetPasswordTitle => "Choisir un nouveau mot de passe",
        Key::SaveNewPassword => "Enregistrer le mot de passe",
        Key::PasswordResetDone => {
            "C'est fait : votre mot de passe est changé. Connectez-vous avec le nouveau."
        }
        Key::AskNewLink => "Le lien ne marche plus ? En demander un nouveau",
        Key::Messages => "Messages envoyés",
        Key::MessagesIntro => {
            "Les e-mails que Passerelle envoie (liens de mot de passe) : envoyés, en attente, ou en échec avec la raison."
        }
        Key::NoMessages => "Aucun message pour l'instant.",
        Key::MessageWaiting => "En attente",
        Key::MessageSent => "Envoyé",
        Key::MessageFailed => "Échec",
        Key::MessageAttempts => "Essais",
        Key::MessagePasswordReset => "Lien pour un nouveau mot de passe",
        Key::MessageText => "Texte du message (serveur de démonstration : rien ne part)",
        Key::SettingsIntro => {
            "La formation, la part convenue avec l'atelier, la règle de fin de formation, le fuseau horaire."
        }
        Key::ProgrammeRules => "Règles",
        Key::AgreedShareField => "Part rendue prête convenue avec l'atelier (%)",
        Key::MaxExcused => "Absences excusées permises pour finir la formation",
        Key::MaxAbsent => "Absences non excusées permises pour finir la formation",
        Key::TimeZone => "Fuseau horaire",
        Key::Course => "Les modules de la formation",
        Key::CourseHint => {
            "Chaque nouveau groupe reçoit ces modules, un par semaine. Les groupes déjà créés gardent les leurs."
        }
        Key::ModuleWord => "Module",
        Key::ModuleTitle => "Titre",
        Key::Mandatory => "Obligatoire pour finir la formation",
        Key::PlaceOptional => "Lieu (facultatif : sinon celui du groupe)",
        Key::CohortsOwnProvider => "L'organisme du groupe",
        Key::AddModule => "Ajouter un module",
        Key::MoveUp => "Monter",
        Key::MoveDown => "Descendre",
        Key::SettingsSaved => "Réglages enregistrés. Les prochains groupes les suivront.",
        Key::CorrectRecord => "Corriger la fiche",
        Key::RecordCorrected => "Fiche corrigée.",
        Key::MoveTicked => "Déplacer les appareils cochés",
        Key::MoveThem => "Déplacer",
        Key::RecycledWeightEachKg => "Poids de chacun (kg)",
        Key::DevicesMoved => "appareils déplacés",
        Key::OpenVisit => "Voir la visite",
        Key::OpenComputer => "Voir l'ordinateur",
        Key::BulkRecyclingTitle => "Recyclé en vrac",
        Key::BulkRecyclingHint => {
            "Le matériel de ce lot envoyé au recyclage sans fiche par appareil : compté et pesé."
        }
        Key::RecycledMaterial => "Matériel recyclé",
        Key::RecycledOn => "Date du recyclage",
        Key::ItemCount => "Nombre d'articles (0 s'ils sont seulement pesés)",
        Key::RecordRecycling => "Enregistrer le recyclage",
        Key::RecycledInBulk => "Recyclés en vrac",
        Key::CallOutcomeLegend => "Comment s'est passé l'appel ?",
        Key::CallNotYet => "À appeler",
        Key::CallReminded => "Rappel fait",
        Key::CallNoAnswer => "Pas de réponse",
        Key::CallMessageLeft => "Message laissé",
        Key::CallAbsenceAnnounced => "Absence annoncée",
        Key::AbsenceAnnouncedByPhone => "A prévenu de son absence au téléphone",
        Key::TrainingProvider => "Organisme de formation",
        Key::TaughtBy => "Animé par",
        Key::ChooseProvider => "Choisissez l'organisme",
        Key::ConfirmMove => "Déplacer quand même (les présences restent notées)",
        Key::CorrectCohort => "Corriger le nom ou les places",
        Key::AddPurchasedDevice => "Enregistrer un appareil acheté",
        Key::Supplier => "Fournisseur",
        Key::PriceEuros => "Prix (€)",
        Key::AddDevice => "Ajouter un appareil",
        Key::AddStorage => "Ajouter un support de stockage",
        Key::AgreedShare => "part convenue",
        Key::AllStatuses => "Toutes les étapes",
        Key::BatchHandedOver => "Remis, à réceptionner",
        Key::BatchReceived => "Réceptionné",
        Key::BatchWord => "Lot",
        Key::Batches => "Lots",
        Key::BatchesIntro => {
            "Le matériel remis par la collecte au reconditionneur, et ce qu'il en revient."
        }
        Key::Brand => "Marque",
        Key::Confirm => "Confirmer",
        Key::ConfirmHandOver => "Remettre ce lot",
        Key::ConfirmReceipt => "Confirmer la réception",
        Key::ConfirmReceiptHint => {
            "Comptez ce qui est arrivé : un écart avec l'envoi est signalé, pas refusé."
        }
        Key::CountMismatch => "Écart de comptage",
        Key::Counted => "Compté",
        Key::DeviceTag => "Étiquette de l'appareil",
        Key::Devices => "Appareils",
        Key::DevicesIntro => "Trouver un appareil par son étiquette, suivre son reconditionnement.",
        Key::DevicesRecorded => "Appareils enregistrés",
        Key::DevicesWord => "appareils",
        Key::Erased => "Effacé",
        Key::ErasedOn => "Date de l'effacement",
        Key::ErasureCertificate => "Certificat d'effacement (PDF)",
        Key::ErasureMethod => "Méthode",
        Key::ErasureReport => "Rapport",
        Key::ErasureReportOptional => "Rapport de l'outil (facultatif : PDF, texte ou photo)",
        Key::ErasureTool => "Outil utilisé",
        Key::ErasureToolHint => "Par exemple nwipe 0.34, Blancco, broyeur",
        Key::ExistingTag => "Étiquette déjà collée (facultatif)",
        Key::ExistingTagHint => "Laissez vide : une nouvelle étiquette est créée.",
        Key::Failed => "Échec",
        Key::FromDonor => "Venu de",
        Key::Grade => "Note",
        Key::GradeA => "comme neuf",
        Key::GradeB => "marques d'usage",
        Key::GradeC => "fonctionne, abîmé",
        Key::HandOverBatch => "Remettre un lot au reconditionneur",
        Key::HandedOverBy => "Remis par",
        Key::History => "Historique",
        Key::ItemsReceived => "Appareils reçus",
        Key::Model => "Modèle",
        Key::NextStep => "Étape suivante",
        Key::NoBatch => "Aucun lot pour l'instant.",
        Key::NoStorage => "Aucun support de données",
        Key::NotErased => "Pas encore effacé",
        Key::Open => "Ouvrir",
        Key::OperatingSystem => "Système installé",
        Key::Operator => "Fait par",
        Key::Origin => "Provenance",
        Key::Passed => "Réussi",
        Key::PickupsToHandOver => "Collectes à remettre",
        Key::PrintLabel => "Étiquette à imprimer (PDF)",
        Key::PrintLabels => "Étiquettes à imprimer (PDF)",
        Key::Processor => "Processeur",
        Key::Purchase => "Achat chez",
        Key::RamGb => "Mémoire (Go)",
        Key::ReadyDevices => "Prêts",
        Key::ReadyShare => "Part rendue prête",
        Key::Reason => "Raison (obligatoire pour un retour en arrière)",
        Key::RecordErasure => "Noter un effacement",
        Key::RecycledDevices => "Recyclés",
        Key::RecycledWeight => "Recyclé",
        Key::RecycledWeightKg => "Poids envoyé au recyclage (kg)",
        Key::Refurbisher => "Reconditionneur",
        Key::Result => "Résultat",
        Key::SaveDevice => "Enregistrer l'appareil",
        Key::ScanLabel => "Scanner l'étiquette avec la caméra",
        Key::ScreenInches => "Écran (pouces)",
        Key::Sent => "Envoyé",
        Key::Status => "Étape",
        Key::StopScan => "Arrêter la caméra",
        Key::StorageAndErasure => "Stockage et effacement des données",
        Key::StorageGb => "Stockage (Go)",
        Key::StorageKind => "Support de stockage",
        Key::YieldTitle => "Rendement du reconditionnement",
        Key::Download => "télécharger",
        Key::SignOutLosesPickups => {
            "collecte(s) pas encore envoyée(s) seront effacées de ce téléphone. Se déconnecter quand même ?"
        }
        Key::CorrectPickup => "Corriger le matériel",
        Key::SaveCorrection => "Enregistrer la correction",
        Key::CancelReason => "Raison de l'annulation (facultatif)",
        Key::CancelPickup => "Annuler cette collecte",
        Key::Organisations => "Organisations partenaires",
        Key::OrganisationsIntro => {
            "Les structures qui collectent, reconditionnent, forment, installent ou orientent dans le programme."
        }
        Key::NewOrganisation => "Ajouter une organisation partenaire",
        Key::OrganisationName => "Nom de l'organisation",
        Key::OrganisationKindLabel => "Ce qu'elle fait dans le programme",
        Key::ChooseOrganisationKind => "Choisir",
        Key::Edit => "Modifier",
        Key::AccountSaved => "Compte modifié.",
        Key::OrganisationSaved => "Organisation enregistrée.",
        Key::CorrectReferralTitle => "Corriger l'orientation",
        Key::SelectAll => "Tout sélectionner",
        Key::CorrectReferral => "Corriger",
        Key::ReferralCorrected => "Orientation corrigée.",
        Key::YourRequests => "Vos demandes",
        Key::RequestReceivedWaiting => "Reçue : l’équipe va s’en occuper",
        Key::RequestBeingHandled => "En cours : l’équipe s’en occupe",
        Key::RequestSettled => "Réglée",
        Key::SentOn => "Envoyée le",
        Key::AnswerWord => "Réponse :",
        Key::AnswerForHousehold => "Réponse à la personne (elle la lit sur sa page de suivi)",
        Key::HouseholdAsked => "Ce que la personne demande",
        Key::CorrectVisit => "Corriger la visite",
        Key::VisitCorrected => "Visite corrigée.",
        Key::InstallingOrganisation => "Structure qui installe",
        Key::ConfirmPastSession => "Elle a déjà eu lieu : l’enregistrer quand même",
        Key::ConfirmPastVisit => "La visite a déjà eu lieu : l’enregistrer quand même",
        Key::FailedVisitOn => "Date de la visite manquée",
        Key::WhatHappened => "Ce qui s'est passé (personne absente, pas de connexion…)",
        Key::ReportedOn => "Date du signalement",
        Key::InviteToThisSession => "Inviter des personnes à cette information collective",
        Key::InvitedPeople => "personnes invitées",
        Key::OfflineCopy => {
            "Pas de réseau : voici la copie gardée sur ce téléphone. Dernière mise à jour :"
        }
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
        ErrorCode::ResetLinkInvalid => {
            "Ce lien ne marche plus (déjà utilisé, ou vieux de plus de 30 minutes). Demandez-en un nouveau."
        }
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
        ErrorCode::ErasureToolRequired => {
            "Outil utilisé : indiquez l'outil ou la méthode de l'effacement."
        }
        ErrorCode::ErasureOperatorRequired => "Opérateur : indiquez qui a fait l'effacement.",
        ErrorCode::ErasureDateInFuture => {
            "Date d'effacement : elle ne peut pas être dans le futur."
        }
        ErrorCode::PlaceRequired => "Lieu : indiquez où cela se passe.",
        ErrorCode::CountNotANumber => {
            "Nombre d'articles : écrivez-le en chiffres (par exemple 12)."
        }
        ErrorCode::PlacesNotANumber => "Places : écrivez le nombre en chiffres (par exemple 10).",
        ErrorCode::PersonRequired => "Choisissez au moins une personne.",
        ErrorCode::ModuleOfAnotherProvider => {
            "Ce module est animé par un autre organisme de formation : ce sont ses formateurs et formatrices qui notent les présences."
        }
        ErrorCode::ModuleHasAttendance => {
            "Les présences de ce module sont déjà notées. Confirmez pour le déplacer : elles restent attachées au module."
        }
        ErrorCode::SessionRequired => "Choisissez l'information collective où les inviter.",
        ErrorCode::OrganisationKindRequired => {
            "Choisissez ce que fait l'organisation dans le programme."
        }
        ErrorCode::CannotDemoteSelf => {
            "Vous ne pouvez pas retirer le rôle de coordination de votre propre compte : demandez à une autre personne de la coordination."
        }
        ErrorCode::DonorPossibleDuplicate => {
            "Un donateur avec ce nom et ce code postal existe déjà : choisissez-le, ou confirmez qu'il s'agit d'un autre."
        }
        ErrorCode::AgreementDatesInvalid => "La convention ne peut pas finir avant de commencer.",
        ErrorCode::TextTooLong => {
            "Un texte est trop long : raccourcissez l'adresse ou les remarques."
        }
        ErrorCode::TextCharacterNotAllowed => {
            "Un texte contient un caractère de contrôle ou de sens d'écriture invisible : saisissez-le à nouveau sans le coller."
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
        ErrorCode::CategoryListedTwice => {
            "Le même type d'appareil est indiqué deux fois : donnez un seul nombre par type."
        }
        ErrorCode::TimeInFuture => {
            "L'heure de collecte est dans le futur : vérifiez la date et l'heure."
        }
        ErrorCode::DateInFuture => "La date est à venir : indiquez le jour où c'est arrivé.",
        ErrorCode::DateBeforeProgramme => {
            "La date est antérieure au début du programme (voir les réglages) : vérifiez-la."
        }
        ErrorCode::DateBeforePreviousStep => {
            "La date précède celle de l'étape d'avant (une réception avant la remise, par exemple) : vérifiez-la."
        }
        ErrorCode::FileRequired => "Choisissez d'abord un fichier.",
        ErrorCode::ImportRefused => {
            "Le fichier comporte des erreurs (voir la liste) : rien n'a été importé. Corrigez-les et envoyez-le à nouveau."
        }
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
        ErrorCode::PhotoTooManyPixels => "Cette image est trop grande : 40 mégapixels au maximum.",
        ErrorCode::TooManyPhotos => "8 photos au plus par collecte.",
        ErrorCode::PhotoConflict => "Une autre photo a déjà été envoyée sous cette référence.",
        ErrorCode::SpecsInvalid => {
            "Une caractéristique est hors limites (mémoire, stockage ou taille d'écran) : vérifiez-la."
        }
        ErrorCode::TransitionNotAllowed => {
            "Cet appareil ne peut pas passer à cette étape depuis là où il en est."
        }
        ErrorCode::ErasureMissing => {
            "Chaque support de stockage doit avoir un effacement réussi avant que l'appareil soit prêt."
        }
        ErrorCode::StorageMediaMissing => {
            "Indiquez le stockage de l'appareil (disque, SSD ou mémoire flash) avant qu'il soit prêt."
        }
        ErrorCode::TagTaken => "Un autre appareil porte déjà cette étiquette.",
        ErrorCode::TagInvalid => {
            "Ce n'est pas une étiquette d'appareil (par exemple PSL-2026-00042)."
        }
        ErrorCode::SerialTaken => "Un autre appareil de cette marque a déjà ce numéro de série.",
        ErrorCode::RecycledWeightRequired => "Indiquez le poids envoyé au recyclage, en kg.",
        ErrorCode::ReasonRequired => "Indiquez pourquoi.",
        ErrorCode::NothingToHandOver => "Choisissez au moins une collecte en stock à remettre.",
        ErrorCode::PickupNotInStorage => {
            "Une collecte choisie n'est plus en stock (déjà remise ou pas encore faite)."
        }
        ErrorCode::DeviceRequired => "Cochez au moins un appareil.",
        ErrorCode::PostcodeInvalid => "Code postal : 5 chiffres (par exemple 73000).",
        ErrorCode::TooManyDevices => "200 appareils au plus à la fois.",
        ErrorCode::WorkshopUnknown => {
            "Atelier : choisissez l'un des ateliers de reconditionnement du programme."
        }
        ErrorCode::PurchaseDateInFuture => "Date d'achat : elle ne peut pas être dans le futur.",
        ErrorCode::RefurbisherRequired => "Choisissez le reconditionneur qui reçoit le lot.",
        ErrorCode::BatchAlreadyReceived => "Ce lot a déjà été reçu.",
        ErrorCode::RecyclingWeightTooLarge => "Poids recyclé : 3 000 kg au plus par saisie.",
        ErrorCode::RecyclingDateInvalid => {
            "Date du recyclage : entre la réception du lot et aujourd'hui."
        }
        ErrorCode::BatchNotReceived => "Confirmez d'abord la réception du lot.",
        ErrorCode::SourceRequired => {
            "Indiquez d'où vient l'appareil : un lot (don) ou un achat avec son fournisseur et son prix."
        }
        ErrorCode::PriceInvalid => "Le prix n'est pas valide.",
        ErrorCode::ReportInvalid => {
            "Le rapport d'effacement doit être un PDF, un fichier texte ou une image de 10 Mo au plus."
        }
        ErrorCode::ShareInvalid => "La part restituée doit être entre 0 et 100 %.",
        ErrorCode::GradeRequired => {
            "Donnez une note à l'appareil (A, B ou C) avant qu'il soit prêt."
        }
        ErrorCode::DeviceNotAtRefurbisher => {
            "Cet appareil n'est plus chez le reconditionneur : il ne peut plus y être modifié."
        }
        ErrorCode::HouseholdInvalid => {
            "La composition du foyer n'est pas valide (1 à 20 adultes, 0 à 20 enfants)."
        }
        ErrorCode::BirthYearInvalid => "L'année de naissance n'est pas valide.",
        ErrorCode::ConsentRequired => {
            "Le consentement de la personne au traitement de ses données est obligatoire."
        }
        ErrorCode::PhoneInvalid => {
            "Téléphone : ce numéro ne peut pas exister ; écrivez-le comme 06 12 34 56 78 ou +33 6 12 34 56 78."
        }
        ErrorCode::PhoneRequired => {
            "Un numéro de téléphone est obligatoire : l'organisateur appelle avant chaque module."
        }
        ErrorCode::ReferralNotAllowed => {
            "Cette orientation ne peut pas passer à cette étape depuis là où elle en est."
        }
        ErrorCode::DecisionReasonRequired => "Indiquez pourquoi la personne n'est pas éligible.",
        ErrorCode::ExceptionNeededResidence => {
            "Critère « quartier prioritaire » non coché : écrivez la dérogation convenue pour retenir la personne quand même."
        }
        ErrorCode::ExceptionNeededFrench => {
            "Critère « français » non coché : écrivez l'exception convenue pour retenir la personne quand même."
        }
        ErrorCode::ExceptionNeededAvailability => {
            "Critère « disponibilité » non coché : écrivez l'exception convenue pour retenir la personne quand même."
        }
        ErrorCode::ExceptionNeededMotivation => {
            "Critère « motivation » non coché : écrivez l'exception convenue pour retenir la personne quand même."
        }
        ErrorCode::CohortFull => "Le groupe est complet.",
        ErrorCode::LearnerNotInCohort => "Cette personne n'est pas inscrite dans ce groupe.",
        ErrorCode::ModuleNotInCohort => "Ce module appartient à un autre groupe.",
        ErrorCode::CompletionRuleNotMet => {
            "La règle de fin de formation n'est pas remplie (modules obligatoires, absences)."
        }
        ErrorCode::PlacesInvalid => "Le nombre de places doit être entre 1 et 60.",
        ErrorCode::ProviderRequired => {
            "Organisme de formation : choisissez l'un des organismes de formation du programme."
        }
        ErrorCode::CompletionRuleInvalid => {
            "Règle de fin de formation : entre 0 et 10 absences de chaque sorte."
        }
        ErrorCode::ModuleCountInvalid => "La formation compte entre 1 et 30 modules.",
        ErrorCode::ModuleTitleRequired => "Titre du module : chaque module a un titre.",
        ErrorCode::PlacesBelowEnrolled => {
            "Places : plus de personnes sont déjà inscrites. Retirez-en ou déplacez-en d'abord."
        }
        ErrorCode::DatesInvalid => "Les dates ne sont pas valides (la fin est avant le début).",
        ErrorCode::NoConnection => {
            "Ce foyer n'a aucune possibilité d'internet : l'ordinateur est mis de côté jusqu'à ce que cela change."
        }
        ErrorCode::LearnerNotWaiting => {
            "Cette personne n'attend pas d'ordinateur (formation pas terminée, ou déjà attribué)."
        }
        ErrorCode::DeviceNotReady => "Cet appareil n'est pas prêt (ou déjà réservé).",
        ErrorCode::HouseholdAlreadyServed => "Ce foyer a déjà un ordinateur : un par foyer.",
        ErrorCode::DuplicateInMatch => "La même personne ou le même appareil apparaît deux fois.",
        ErrorCode::InstallerRequired => "Choisissez la structure qui installe.",
        ErrorCode::VisitWindowInvalid => {
            "Le créneau de visite n'est pas valide (il finit avant de commencer, ou dure plus de 12 heures)."
        }
        ErrorCode::VisitNotBooked => "Réservez d'abord la visite.",
        ErrorCode::InstallationClosed => "Cette installation est déjà faite.",
        ErrorCode::VisitInThePast => {
            "Créneau de visite : il est déjà passé. Vérifiez le jour et l'heure, ou confirmez que la visite a déjà eu lieu."
        }
        ErrorCode::SessionInThePast => {
            "Date et heure : cette information collective est dans le passé. Vérifiez la date, ou confirmez qu’elle a déjà eu lieu."
        }
        ErrorCode::NotYetInstalled => {
            "La connexion et le nom de qui a signé se corrigent une fois l’ordinateur installé."
        }
        ErrorCode::InstallationEnded => {
            "Cette attribution a été annulée ou l'ordinateur est revenu : attribuez à nouveau un ordinateur à cette personne."
        }
        ErrorCode::DeviceNotReserved => {
            "Cet ordinateur n'est plus réservé pour cette personne : attribuez-lui à nouveau un ordinateur."
        }
        ErrorCode::SignerNameRequired => {
            "Nom de la personne qui reçoit l'ordinateur : écrivez le nom de la personne qui signe."
        }
        ErrorCode::SignatureRequired => {
            "Signature : faites signer le foyer, ou indiquez pourquoi la personne ne peut pas signer."
        }
        ErrorCode::VisitNotYetDue => {
            "Cette visite est prévue un autre jour : déplacez-la à aujourd'hui avant de la clôturer."
        }
        ErrorCode::SerialMismatch => {
            "Ce numéro de série ou cette étiquette n'est pas celui de l'appareil réservé : vérifiez l'appareil."
        }
        ErrorCode::TrackingCodeUnknown => {
            "Ce code ne correspond à aucune livraison. Vérifiez-le sur votre papier."
        }
        ErrorCode::TooManyAttempts => "Trop d'essais : attendez quelques minutes.",
        ErrorCode::SessionEnded => {
            "Cette session a été fermée (déconnexion ou mot de passe changé) : reconnectez-vous."
        }
        ErrorCode::CurrentPasswordWrong => "Le mot de passe actuel n'est pas le bon.",
        ErrorCode::PasswordsDiffer => "Les deux nouveaux mots de passe ne sont pas identiques.",
        ErrorCode::MessageRequired => "Écrivez quelques mots.",
        ErrorCode::RequestTimeout => "Le serveur a mis trop de temps à répondre. Réessayez.",
        ErrorCode::QueryTooDeep
        | ErrorCode::QueryTooComplex
        | ErrorCode::BatchTooLarge
        | ErrorCode::RequestTooLarge
        | ErrorCode::UnsupportedMediaType
        | ErrorCode::MethodNotAllowed
        | ErrorCode::TooManyFields
        | ErrorCode::IntOutOfRange
        | ErrorCode::BadRequest => "La demande n'a pas pu être traitée. Rechargez la page.",
        ErrorCode::DateOutOfRange => "Les dates vont de l'an 1 à l'an 9999.",
        ErrorCode::DateInvalid => "Une date manque ou n'est pas écrite sous la forme AAAA-MM-JJ.",
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

pub fn category(category: MaterialCategory) -> &'static str {
    category.label_fr()
}

pub fn one_of_category(category: MaterialCategory) -> &'static str {
    match category {
        MaterialCategory::Desktop => "Ordinateur fixe",
        MaterialCategory::Laptop => "Ordinateur portable",
        MaterialCategory::Screen => "Écran",
        MaterialCategory::Printer => "Imprimante",
        MaterialCategory::Phone => "Téléphone",
        MaterialCategory::Tablet => "Tablette",
        MaterialCategory::Other => "Appareil",
    }
}

pub fn device_status(status: DeviceStatus) -> &'static str {
    match status {
        DeviceStatus::Received => "Reçu",
        DeviceStatus::InRefurbishment => "En reconditionnement",
        DeviceStatus::Ready => "Prêt",
        DeviceStatus::Recycled => "Recyclé",
        DeviceStatus::Reserved => "Réservé pour une personne",
        DeviceStatus::InstallationScheduled => "Installation prévue",
        DeviceStatus::Installed => "Installé",
        DeviceStatus::Returned => "Revenu",
    }
}

/// The name a screen reader gives a photo link: the image alone says nothing.
pub fn photo_link(number: usize, total: usize) -> String {
    format!("Photo {number} sur {total}, en grand dans un nouvel onglet")
}

/// The singular of the plural nouns that follow a number.
pub fn singular(many: Key) -> Option<&'static str> {
    Some(match many {
        Key::ImportOtherProblems => "autre problème",
        Key::InvitedPeople => "personne invitée",
        Key::AccountsCount => "compte",
        Key::DonorsCount => "donateur",
        Key::Items => "appareil",
        Key::PickupsWord => "collecte",
        Key::DevicesWord => "appareil",
        Key::LearnersWaiting => "personne formée en attente",
        Key::DevicesReady => "ordinateur prêt",
        Key::Days => "jour",
        Key::PlacesTaken => "place prise",
        Key::PresentWord => "personne présente",
        Key::ReportPickups => "collecte",
        Key::ReportRefurbished => "don reconditionné",
        Key::ReportInstalled => "ordinateur installé",
        Key::ReportGiven => "ordinateur remis à un foyer",
        Key::DevicesMoved => "appareil déplacé",
        Key::ReportTrained => "personne formée",
        Key::ReportDroppedOut => "abandon",
        _ => return None,
    })
}

/// The words said of one person that agree with their gender; `text` holds
/// the neutral wording used when the gender is not known.
pub fn agreed(key: Key, gender: Gender) -> Option<&'static str> {
    let (woman, man) = match key {
        Key::ReferralInvited => (
            "Invitée à une information collective",
            "Invité à une information collective",
        ),
        Key::ReferralEnrolled => ("Inscrite en formation", "Inscrit en formation"),
        Key::Present => ("Présente", "Présent"),
        Key::Absent => ("Absente", "Absent"),
        Key::Excused => ("Excusée", "Excusé"),
        _ => return None,
    };
    match gender {
        Gender::Woman => Some(woman),
        Gender::Man => Some(man),
        Gender::Unspecified => None,
    }
}

/// What is wrong with an imported file, sheet, row or cell.
pub fn import_problem(problem: shared_types::import::Problem) -> &'static str {
    use shared_types::import::Problem;
    match problem {
        Problem::NotSpreadsheet => {
            "Ce fichier n'est pas un tableur : envoyez un fichier XLSX, ODS ou CSV."
        }
        Problem::Encrypted => {
            "Le classeur est protégé par un mot de passe : enregistrez-le sans mot de passe, puis envoyez-le à nouveau."
        }
        Problem::Corrupt => {
            "Le classeur est illisible (abîmé ou incomplet) : enregistrez-le à nouveau depuis votre tableur."
        }
        Problem::Empty => "Le fichier n'a aucune ligne à importer sous les en-têtes.",
        Problem::UnknownSheet => {
            "Cet onglet n'est pas un onglet du modèle : renommez-le comme dans le modèle ou retirez-le."
        }
        Problem::TooManyRows => {
            "Un onglet a trop de lignes (au plus 150 000) : découpez le fichier en plusieurs, les références d'un fichier retrouvent celles des précédents."
        }
        Problem::UnknownColumn => "Colonne inconnue : vérifiez son en-tête, ou retirez-la.",
        Problem::MissingColumn => "Colonne obligatoire absente : ajoutez-la avec cet en-tête.",
        Problem::DuplicateColumn => "Cette colonne figure deux fois : gardez-en une.",
        Problem::MergedHeader => {
            "Des cellules d'en-tête sont fusionnées : défusionnez-les, un en-tête par colonne."
        }
        Problem::Formula => {
            "La cellule contient une formule : collez sa valeur à la place (Collage spécial, Valeurs)."
        }
        Problem::Required => "Cette case est obligatoire.",
        Problem::NotADate => "Ce n'est pas une date : écrivez-la jj/mm/aaaa.",
        Problem::NotATime => "Ce n'est pas une heure : écrivez-la 9:30 ou 9h30.",
        Problem::NotANumber => "Ce n'est pas un nombre.",
        Problem::UnknownWord => {
            "Valeur inconnue pour cette colonne : utilisez l'une de celles du modèle."
        }
        Problem::NotYesNo => "Écrivez oui ou non.",
        Problem::OutOfRange => "Valeur hors des limites permises.",
        Problem::Invalid => "Valeur refusée : vérifiez-la.",
        Problem::DateInFuture => "La date est à venir : indiquez le jour où c'est arrivé.",
        Problem::DateBeforeProgramme => {
            "La date précède le début du programme (voir les réglages)."
        }
        Problem::DateBeforePreviousStep => "La date précède celle de l'étape d'avant.",
        Problem::UnknownReference => {
            "Aucune ligne du fichier ni aucun import précédent ne crée cette référence."
        }
        Problem::DuplicateReference => {
            "Cette référence figure déjà sur une autre ligne de l'onglet (ligne entre parenthèses)."
        }
        Problem::MoveNotAllowed => {
            "Ce changement de statut n'est pas possible depuis le statut d'avant."
        }
        Problem::ErasureRequired => {
            "L'appareil ne peut pas être prêt sans effacement réussi de ses données à cette date ou avant."
        }
        Problem::AlreadyTaken => "Un autre appareil porte déjà ce numéro.",
        Problem::AlreadyMatched => {
            "Cet apprenant, ce foyer ou cet appareil a déjà un ordinateur attribué."
        }
        Problem::NotCompleted => {
            "L'apprenant n'a pas terminé la formation : un ordinateur est attribué après la formation."
        }
    }
}
