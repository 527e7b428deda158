//! The spreadsheet a programme brings its history in (and leaves with): its
//! sheets, their columns with French and English headers, the words a cell
//! may hold for each choice, and the answer to a file checked or imported.
//! The server reads files by these definitions and writes templates and
//! exports from them; the screen names columns and problems from them.

use serde::{Deserialize, Serialize};

use crate::{
    AttendanceMark, Connection, DeviceOutcome, DevicePreference, DeviceSource, DeviceStatus,
    DonorKind, ErasureMethod, Gender, Grade, InternetAccess, MaterialCategory, MediumKind,
    PrescriberKind, text::search_key,
};

/// Rows a tab may hold. Past it the file is refused whole: a larger sheet
/// goes on over tabs named after it ("Mouvements (2)", …), as exports
/// write it, or in another file (its references still find the records
/// of earlier files).
pub const MAX_ROWS_PER_SHEET: usize = 150_000;

/// The size of a file sent for import.
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// Problems listed in an answer; past it only their number is told.
pub const MAX_PROBLEMS_LISTED: usize = 200;

/// One kind of record, one sheet (one CSV file). In the order they are
/// read: a row only names records of the sheets above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Sheet {
    Donors,
    /// Batches handed to a workshop; before the pickups, which name theirs.
    Batches,
    Pickups,
    /// Material of a received batch recycled without a device record each.
    BulkRecycling,
    Devices,
    DeviceMoves,
    Erasures,
    Cohorts,
    Modules,
    Learners,
    Attendance,
    Installations,
}

/// A column of a sheet: the key the code reads it by and its headers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub key: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
    pub required: bool,
}

const fn req(key: &'static str, fr: &'static str, en: &'static str) -> Column {
    Column {
        key,
        fr,
        en,
        required: true,
    }
}

const fn opt(key: &'static str, fr: &'static str, en: &'static str) -> Column {
    Column {
        key,
        fr,
        en,
        required: false,
    }
}

const DONORS: &[Column] = &[
    req("reference", "Réf. donateur", "Donor ref."),
    req("name", "Nom", "Name"),
    req("kind", "Type de donateur", "Donor type"),
    opt("contact", "Contact", "Contact"),
    opt("phone", "Téléphone", "Phone"),
    opt("email", "E-mail", "Email"),
    opt("address", "Adresse", "Address"),
    opt("postcode", "Code postal", "Postcode"),
    opt("city", "Ville", "City"),
];

const BATCHES: &[Column] = &[
    req("reference", "Réf. lot", "Batch ref."),
    req("refurbisher", "Atelier", "Refurbisher"),
    req("handed_over_on", "Date de remise", "Handed over on"),
    opt("received_on", "Date de réception", "Received on"),
    opt("notes", "Remarques", "Notes"),
];

const PICKUPS: &[Column] = &[
    req("reference", "Réf. collecte", "Pickup ref."),
    req("donor", "Réf. donateur", "Donor ref."),
    req("collected_on", "Date de collecte", "Collected on"),
    opt("collector", "Collecteur", "Collector"),
    opt("batch", "Réf. lot", "Batch ref."),
    opt("weight_kg", "Poids (kg)", "Weight (kg)"),
    opt("desktops", "Ordinateurs fixes", "Desktops"),
    opt("laptops", "Ordinateurs portables", "Laptops"),
    opt("screens", "Écrans", "Screens"),
    opt("printers", "Imprimantes", "Printers"),
    opt("phones", "Téléphones", "Phones"),
    opt("tablets", "Tablettes", "Tablets"),
    opt("others", "Périphériques et autres", "Peripherals and other"),
    opt("notes", "Remarques", "Notes"),
];

const BULK_RECYCLING: &[Column] = &[
    req("batch", "Réf. lot", "Batch ref."),
    req("category", "Catégorie", "Category"),
    opt("count", "Nombre", "Count"),
    req("weight_kg", "Poids (kg)", "Weight (kg)"),
    req("recycled_on", "Date de recyclage", "Recycled on"),
];

/// The count column of each category in the pickups sheet.
pub const PICKUP_COUNT_COLUMNS: &[(MaterialCategory, &str)] = &[
    (MaterialCategory::Desktop, "desktops"),
    (MaterialCategory::Laptop, "laptops"),
    (MaterialCategory::Screen, "screens"),
    (MaterialCategory::Printer, "printers"),
    (MaterialCategory::Phone, "phones"),
    (MaterialCategory::Tablet, "tablets"),
    (MaterialCategory::Other, "others"),
];

const DEVICES: &[Column] = &[
    req("reference", "Réf. appareil", "Device ref."),
    opt("tag", "N° d'inventaire", "Tag"),
    req("kind", "Catégorie", "Category"),
    req("received_on", "Date de réception", "Received on"),
    req("source", "Origine", "Source"),
    opt("pickup", "Réf. collecte", "Pickup ref."),
    opt("serial", "N° de série", "Serial number"),
    opt("brand", "Marque", "Brand"),
    opt("model", "Modèle", "Model"),
    opt("cpu", "Processeur", "Processor"),
    opt("ram_gb", "Mémoire (Go)", "Memory (GB)"),
    opt("storage_gb", "Stockage (Go)", "Storage (GB)"),
    opt("screen_inches", "Écran (pouces)", "Screen (inches)"),
    opt("grade", "Grade", "Grade"),
    opt("operating_system", "Système", "Operating system"),
    opt("supplier", "Fournisseur", "Supplier"),
    opt("price", "Prix (€)", "Price (€)"),
    opt("purchased_on", "Date d'achat", "Bought on"),
    opt("funder", "Financeur", "Funder"),
    opt("refurbisher", "Atelier", "Refurbisher"),
    opt("recycled_kg", "Poids recyclé (kg)", "Recycled weight (kg)"),
    opt("notes", "Remarques", "Notes"),
];

const DEVICE_MOVES: &[Column] = &[
    req("device", "Réf. appareil", "Device ref."),
    req("status", "Nouveau statut", "New status"),
    req("on", "Date du changement", "Date of change"),
    opt("reason", "Motif", "Reason"),
];

const ERASURES: &[Column] = &[
    req("device", "Réf. appareil", "Device ref."),
    req("erased_on", "Date d'effacement", "Erased on"),
    req("method", "Méthode", "Method"),
    req("tool", "Outil", "Tool"),
    req("operator", "Opérateur", "Operator"),
    opt("passed", "Réussi", "Passed"),
    opt("medium", "Support", "Medium"),
    opt(
        "medium_serial",
        "N° de série du support",
        "Medium serial number",
    ),
];

const COHORTS: &[Column] = &[
    req("reference", "Réf. groupe", "Cohort ref."),
    req("name", "Nom du groupe", "Cohort name"),
    req("provider", "Organisme de formation", "Training provider"),
    req("places", "Places", "Places"),
    req("starts_on", "Début", "Starts on"),
    req("ends_on", "Fin", "Ends on"),
];

const MODULES: &[Column] = &[
    req("cohort", "Réf. groupe", "Cohort ref."),
    req("number", "N° du module", "Module no."),
    req("title", "Intitulé", "Title"),
    req("day", "Date du module", "Module day"),
    opt("from", "Heure de début", "Start time"),
    opt("to", "Heure de fin", "End time"),
    opt("place", "Lieu", "Place"),
    opt("trainer", "Formateur ou formatrice", "Trainer"),
    opt("provider", "Organisme de formation", "Training provider"),
    opt("mandatory", "Obligatoire", "Mandatory"),
];

const LEARNERS: &[Column] = &[
    req("reference", "Réf. apprenant", "Learner ref."),
    req("referred_on", "Date d'orientation", "Referred on"),
    req("prescriber", "Prescripteur", "Prescriber"),
    req("prescriber_kind", "Type de prescripteur", "Prescriber type"),
    req("first_name", "Prénom", "First name"),
    req("last_name", "Nom", "Last name"),
    opt("gender", "Genre", "Gender"),
    opt("birth_year", "Année de naissance", "Birth year"),
    req("phone", "Téléphone", "Phone"),
    opt("email", "E-mail", "Email"),
    opt("address", "Adresse", "Address"),
    opt("neighbourhood", "Quartier", "Neighbourhood"),
    opt("priority", "Quartier prioritaire", "Priority neighbourhood"),
    opt("adults", "Adultes du foyer", "Adults in household"),
    opt("children", "Enfants du foyer", "Children in household"),
    opt("internet", "Accès à internet", "Internet access"),
    opt(
        "device_preference",
        "Ordinateur souhaité",
        "Computer wanted",
    ),
    opt("decision", "Décision", "Decision"),
    opt("decided_on", "Date de décision", "Decided on"),
    opt("cohort", "Réf. groupe", "Cohort ref."),
    opt("enrolled_on", "Date d'inscription", "Enrolled on"),
    opt("completed_on", "Date de fin de formation", "Completed on"),
    opt("dropped_out_on", "Date d'abandon", "Dropped out on"),
    opt("drop_out_reason", "Motif d'abandon", "Drop-out reason"),
    opt("device_outcome", "Sans ordinateur", "No computer"),
    opt("device_outcome_on", "Date du refus", "Declined on"),
    opt("erased", "Données effacées", "Data erased"),
];

const ATTENDANCE: &[Column] = &[
    req("learner", "Réf. apprenant", "Learner ref."),
    req("number", "N° du module", "Module no."),
    req("mark", "Présence", "Attendance"),
];

const INSTALLATIONS: &[Column] = &[
    req("reference", "Réf. installation", "Installation ref."),
    req("learner", "Réf. apprenant", "Learner ref."),
    req("device", "Réf. appareil", "Device ref."),
    req("matched_on", "Date d'attribution", "Matched on"),
    opt("installer", "Installateur", "Installer"),
    opt("installed_on", "Date d'installation", "Installed on"),
    opt("connection", "Connexion", "Connection"),
    opt("set_up", "Ordinateur configuré", "Computer set up"),
    opt("ended", "Fin", "End"),
    opt("ended_on", "Date de fin", "Ended on"),
    opt("ended_reason", "Motif de fin", "End reason"),
];

/// The tab of instructions a template opens on, in each language; an
/// import passes it by.
pub const README_NAMES: (&str, &str) = ("Lisez-moi", "Read me");

impl Sheet {
    pub const ALL: &'static [Sheet] = &[
        Sheet::Donors,
        Sheet::Batches,
        Sheet::Pickups,
        Sheet::BulkRecycling,
        Sheet::Devices,
        Sheet::DeviceMoves,
        Sheet::Erasures,
        Sheet::Cohorts,
        Sheet::Modules,
        Sheet::Learners,
        Sheet::Attendance,
        Sheet::Installations,
    ];

    pub fn columns(self) -> &'static [Column] {
        match self {
            Sheet::Donors => DONORS,
            Sheet::Batches => BATCHES,
            Sheet::BulkRecycling => BULK_RECYCLING,
            Sheet::Pickups => PICKUPS,
            Sheet::Devices => DEVICES,
            Sheet::DeviceMoves => DEVICE_MOVES,
            Sheet::Erasures => ERASURES,
            Sheet::Cohorts => COHORTS,
            Sheet::Modules => MODULES,
            Sheet::Learners => LEARNERS,
            Sheet::Attendance => ATTENDANCE,
            Sheet::Installations => INSTALLATIONS,
        }
    }

    pub fn column(self, key: &str) -> Option<&'static Column> {
        self.columns().iter().find(|c| c.key == key)
    }

    /// The sheet's tab name in each language.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Sheet::Donors => ("Donateurs", "Donors"),
            Sheet::Batches => ("Lots", "Batches"),
            Sheet::BulkRecycling => ("Recyclage en lot", "Bulk recycling"),
            Sheet::Pickups => ("Collectes", "Pickups"),
            Sheet::Devices => ("Appareils", "Devices"),
            Sheet::DeviceMoves => ("Mouvements", "Device moves"),
            Sheet::Erasures => ("Effacements", "Erasures"),
            Sheet::Cohorts => ("Groupes", "Cohorts"),
            Sheet::Modules => ("Modules", "Modules"),
            Sheet::Learners => ("Apprenants", "Learners"),
            Sheet::Attendance => ("Présences", "Attendance"),
            Sheet::Installations => ("Installations", "Installations"),
        }
    }

    pub fn name(self, french: bool) -> &'static str {
        let (fr, en) = self.names();
        if french { fr } else { en }
    }

    /// The sheet a tab (or a CSV file) is named after, in either language.
    pub fn named(name: &str) -> Option<Sheet> {
        let key = search_key(name);
        Sheet::ALL.iter().copied().find(|sheet| {
            let (fr, en) = sheet.names();
            search_key(fr) == key || search_key(en) == key
        })
    }

    /// The sheet a tab holds, and which of its tabs: "Mouvements" is the
    /// first, "Mouvements (2)" or "Mouvements 2" the second.
    pub fn tab(name: &str) -> Option<(Sheet, u32)> {
        if let Some(sheet) = Sheet::named(name) {
            return Some((sheet, 1));
        }
        let trimmed = name.trim_end();
        let digits = trimmed
            .trim_end_matches(')')
            .trim_end_matches(|c: char| c.is_ascii_digit());
        let number = trimmed[digits.len()..].trim_end_matches(')');
        let part: u32 = number.parse().ok().filter(|n| *n >= 2)?;
        let base = digits.trim_end();
        let base = if trimmed.ends_with(')') {
            base.strip_suffix('(')?
        } else {
            base
        };
        Sheet::named(base).map(|sheet| (sheet, part))
    }

    /// The tab's name for `part` of this sheet, as [`Sheet::tab`] reads it.
    pub fn tab_name(self, french: bool, part: u32) -> String {
        if part <= 1 {
            self.name(french).to_string()
        } else {
            format!("{} ({part})", self.name(french))
        }
    }

    /// Whether rows of this sheet carry a reference of their own (the others
    /// belong to a record that does: a move to its device).
    pub fn has_reference(self) -> bool {
        self.column("reference").is_some()
    }
}

impl Column {
    pub fn header(&self, french: bool) -> &'static str {
        if french { self.fr } else { self.en }
    }

    /// Whether a header cell names this column, in either language, whatever
    /// the case, accents and punctuation.
    pub fn is_named(&self, header: &str) -> bool {
        let key = search_key(header);
        !key.is_empty() && (search_key(self.fr) == key || search_key(self.en) == key)
    }
}

/// A choice a cell may hold, by its French or English word or its code.
pub trait Word: Copy + 'static {
    const ALL_WORDS: &'static [Self];
    /// The French and English words, as templates and exports write them.
    fn words(self) -> (&'static str, &'static str);
    /// Other words people write for it ("PC portable").
    fn also(self) -> &'static [&'static str] {
        &[]
    }

    fn word(self, french: bool) -> &'static str {
        let (fr, en) = self.words();
        if french { fr } else { en }
    }

    fn from_word(text: &str) -> Option<Self> {
        let key = search_key(text);
        if key.is_empty() {
            return None;
        }
        Self::ALL_WORDS.iter().copied().find(|value| {
            let (fr, en) = value.words();
            search_key(fr) == key
                || search_key(en) == key
                || value.also().iter().any(|w| search_key(w) == key)
        })
    }
}

macro_rules! words {
    ($ty:ident { $($value:ident => $fr:literal, $en:literal $(, also [$($also:literal),*])?;)* }) => {
        impl Word for $ty {
            const ALL_WORDS: &'static [Self] = &[$($ty::$value),*];
            fn words(self) -> (&'static str, &'static str) {
                match self { $($ty::$value => ($fr, $en),)* }
            }
            fn also(self) -> &'static [&'static str] {
                match self { $($ty::$value => &[$($($also),*)?],)* }
            }
        }
    };
}

words!(DonorKind {
    Company => "Entreprise", "Company", also ["société"];
    PublicBody => "Organisme public", "Public body", also ["collectivité", "administration"];
    Association => "Association", "Association";
    Individual => "Particulier", "Individual";
});

words!(MaterialCategory {
    Desktop => "Ordinateur fixe", "Desktop", also ["fixe", "unité centrale", "PC fixe"];
    Laptop => "Ordinateur portable", "Laptop", also ["portable", "PC portable"];
    Screen => "Écran", "Screen", also ["moniteur", "monitor"];
    Printer => "Imprimante", "Printer";
    Phone => "Téléphone", "Phone", also ["smartphone"];
    Tablet => "Tablette", "Tablet";
    Other => "Autre", "Other", also ["périphérique"];
});

words!(DeviceSource {
    Donation => "Don", "Donation";
    Purchase => "Achat", "Purchase";
});

words!(Grade {
    A => "A", "A";
    B => "B", "B";
    C => "C", "C";
});

words!(DeviceStatus {
    Received => "Reçu", "Received";
    InRefurbishment => "En reconditionnement", "In refurbishment";
    Ready => "Prêt", "Ready";
    Recycled => "Recyclé", "Recycled";
    Reserved => "Réservé", "Reserved";
    InstallationScheduled => "Installation prévue", "Installation scheduled";
    Installed => "Installé", "Installed";
    Returned => "Revenu", "Returned", also ["rendu", "retourné"];
});

words!(ErasureMethod {
    Overwrite => "Réécriture", "Overwrite";
    SecureErase => "Effacement sécurisé", "Secure erase";
    CryptographicErase => "Effacement cryptographique", "Cryptographic erase";
    FactoryReset => "Réinitialisation d'usine", "Factory reset";
    PhysicalDestruction => "Destruction physique", "Physical destruction";
});

words!(MediumKind {
    Hdd => "Disque dur", "Hard disk", also ["HDD"];
    Ssd => "SSD", "SSD";
    Flash => "Mémoire flash", "Flash memory", also ["flash", "eMMC"];
    Other => "Autre", "Other";
});

words!(PrescriberKind {
    JobCentre => "France Travail", "Job centre", also ["Pôle emploi"];
    SocialCentre => "Centre social", "Social centre", also ["CCAS"];
    Other => "Autre", "Other";
});

words!(Gender {
    Woman => "Femme", "Woman", also ["F"];
    Man => "Homme", "Man", also ["H", "M"];
    Unspecified => "Non précisé", "Not given";
});

words!(InternetAccess {
    Has => "Oui", "Yes";
    CanGet => "Peut l'obtenir", "Can get it";
    None => "Non", "No";
});

words!(DevicePreference {
    Laptop => "Portable", "Laptop";
    Desktop => "Fixe", "Desktop";
    Any => "Indifférent", "Any";
});

words!(Connection {
    Box => "Box", "Home router", also ["box internet"];
    Tethering => "Partage de connexion", "Phone tethering";
    None => "Aucune", "None";
});

words!(DeviceOutcome {
    Declined => "Refusé", "Declined";
    AlreadyEquipped => "Déjà équipé", "Already has one", also ["déjà équipée"];
});

words!(AttendanceMark {
    Present => "Présent·e", "Present", also ["présent", "présente", "P"];
    Absent => "Absent·e", "Absent", also ["absent", "absente", "A"];
    Excused => "Excusé·e", "Excused", also ["excusé", "excusée", "E"];
});

/// The decision on a referral, as a learners sheet writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Eligible,
    NotEligible,
}

words!(Decision {
    Eligible => "Éligible", "Eligible";
    NotEligible => "Non éligible", "Not eligible";
});

/// How an installation ended, as an installations sheet writes it (empty:
/// it has not ended).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The match was undone before the visit.
    Undone,
    /// The computer came back from the home.
    Returned,
}

words!(Ending {
    Undone => "Attribution annulée", "Match undone", also ["annulée"];
    Returned => "Ordinateur rendu", "Computer returned", also ["rendu"];
});

/// Yes or no as people write it in a cell.
pub fn yes_no(text: &str) -> Option<bool> {
    match search_key(text).as_str() {
        "oui" | "o" | "yes" | "y" | "vrai" | "true" | "1" | "x" => Some(true),
        "non" | "n" | "no" | "faux" | "false" | "0" => Some(false),
        _ => None,
    }
}

pub fn yes_no_word(value: bool, french: bool) -> &'static str {
    match (value, french) {
        (true, true) => "Oui",
        (false, true) => "Non",
        (true, false) => "Yes",
        (false, false) => "No",
    }
}

/// What is wrong with a file, a sheet, a row or a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Problem {
    /// Not XLSX, ODS nor CSV.
    NotSpreadsheet,
    /// A password-protected workbook.
    Encrypted,
    /// A workbook that cannot be read (cut short, damaged).
    Corrupt,
    /// No sheet the programme knows, or nothing under the headers.
    Empty,
    /// A tab that is none of the sheets.
    UnknownSheet,
    TooManyRows,
    UnknownColumn,
    MissingColumn,
    /// The same column twice in one sheet.
    DuplicateColumn,
    MergedHeader,
    /// A cell computed by a formula: its value may change when opened.
    Formula,
    /// A required cell left empty.
    Required,
    NotADate,
    NotATime,
    NotANumber,
    /// Not one of the words the column accepts.
    UnknownWord,
    NotYesNo,
    /// A number outside what the column allows (a negative count).
    OutOfRange,
    /// Refused by the rule its error code names (a phone number, an e-mail).
    Invalid,
    DateInFuture,
    DateBeforeProgramme,
    /// A date before the step it follows (a completion before enrolment).
    DateBeforePreviousStep,
    /// A reference no row of the file nor earlier import creates.
    UnknownReference,
    /// The same reference on two rows of one sheet.
    DuplicateReference,
    /// A device move the lifecycle does not allow from where it stands.
    MoveNotAllowed,
    /// A data-holding device made ready without a passed erasure before.
    ErasureRequired,
    /// A tag or serial number another device already has.
    AlreadyTaken,
    /// Two installations holding one computer, learner or household at once.
    AlreadyMatched,
    /// A learner installed without having completed the course.
    NotCompleted,
}

/// One problem, where it is. `line` counts as the spreadsheet does (the
/// header is line 1).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    pub sheet: Option<Sheet>,
    pub line: Option<u32>,
    /// The column's key (`Sheet::column`), or for an unknown column its header.
    pub column: Option<String>,
    pub problem: Problem,
    /// The cell's text, or what the problem names (a reference, a tab).
    pub value: Option<String>,
    /// Which tab of the sheet, when it goes on over several (2, 3, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<u32>,
}

/// What a sheet of the file adds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SheetTally {
    pub sheet: Sheet,
    /// Rows that create a record.
    pub new: u32,
    /// Rows whose record an earlier import created: left as they are.
    pub existing: u32,
}

/// The answer to a file checked (nothing saved) or imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportAnswer {
    pub sheets: Vec<SheetTally>,
    /// Organisations named by rows and not yet known, created with them.
    pub new_organisations: Vec<String>,
    pub findings: Vec<Finding>,
    /// Problems beyond those listed.
    pub more_findings: u32,
    /// Whether the records were saved (an import with no problem).
    pub saved: bool,
}

impl ImportAnswer {
    pub fn refused(&self) -> bool {
        !self.findings.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sheet_has_distinct_keys_and_headers() {
        for sheet in Sheet::ALL {
            let columns = sheet.columns();
            for (i, a) in columns.iter().enumerate() {
                for b in &columns[i + 1..] {
                    assert_ne!(a.key, b.key, "{sheet:?}");
                    assert_ne!(search_key(a.fr), search_key(b.fr), "{sheet:?}");
                    assert_ne!(search_key(a.en), search_key(b.en), "{sheet:?}");
                    assert_ne!(search_key(a.fr), search_key(b.en), "{sheet:?}");
                }
            }
        }
    }

    #[test]
    fn a_word_is_read_in_either_language_and_written_back_the_same() {
        assert_eq!(
            MaterialCategory::from_word("PC portable"),
            Some(MaterialCategory::Laptop)
        );
        assert_eq!(
            MaterialCategory::from_word("ordinateur PORTABLE"),
            Some(MaterialCategory::Laptop)
        );
        assert_eq!(
            PrescriberKind::from_word("pole emploi"),
            Some(PrescriberKind::JobCentre)
        );
        assert_eq!(Gender::from_word("Femme"), Some(Gender::Woman));
        assert_eq!(Gender::from_word("chat"), None);
        for status in DeviceStatus::ALL_WORDS {
            for french in [true, false] {
                assert_eq!(DeviceStatus::from_word(status.word(french)), Some(*status));
            }
        }
        assert_eq!(yes_no(" OUI "), Some(true));
        assert_eq!(yes_no("peut-être"), None);
    }

    #[test]
    fn a_tab_is_found_by_its_name_in_either_language() {
        assert_eq!(Sheet::named("apprenants"), Some(Sheet::Learners));
        assert_eq!(Sheet::named("Device moves"), Some(Sheet::DeviceMoves));
        assert_eq!(Sheet::named("Feuil1"), None);
        // A sheet going on over several tabs.
        assert_eq!(Sheet::tab("Mouvements"), Some((Sheet::DeviceMoves, 1)));
        assert_eq!(Sheet::tab("Mouvements (2)"), Some((Sheet::DeviceMoves, 2)));
        assert_eq!(Sheet::tab("device moves 3"), Some((Sheet::DeviceMoves, 3)));
        assert_eq!(
            Sheet::tab("Recyclage en lot (12)"),
            Some((Sheet::BulkRecycling, 12))
        );
        assert_eq!(Sheet::tab("Mouvements (1)"), None);
        assert_eq!(Sheet::tab("Mouvements (x)"), None);
        assert_eq!(Sheet::tab("Feuil2"), None);
        for sheet in Sheet::ALL {
            for part in [1, 2, 40] {
                assert_eq!(
                    Sheet::tab(&sheet.tab_name(true, part)),
                    Some((*sheet, part))
                );
                assert_eq!(
                    Sheet::tab(&sheet.tab_name(false, part)),
                    Some((*sheet, part))
                );
            }
        }
    }
}
