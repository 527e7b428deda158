//! Training: referrals by prescribers, information sessions, cohorts and
//! their modules, attendance, and the rule that says who completed.

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

/// Where a referred resident stands, from the prescriber's form to the end
/// of the course.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "server",
    sea_orm(
        rs_type = "String",
        db_type = "Text",
        rename_all = "SCREAMING_SNAKE_CASE"
    )
)]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ReferralStatus {
    Received,
    /// Invited to an information session.
    Invited,
    Eligible,
    NotEligible,
    /// Eligible, but the cohort was full.
    WaitingList,
    Enrolled,
    Completed,
    DroppedOut,
}

crate::stored_text!(ReferralStatus);

impl ReferralStatus {
    /// The moves a referral may make. Invitations can be repeated (a missed
    /// session), a waiting learner is enrolled when a place frees up.
    pub fn next(self) -> &'static [ReferralStatus] {
        use ReferralStatus::*;
        match self {
            Received => &[Invited],
            Invited => &[Invited, Eligible, NotEligible],
            NotEligible => &[Invited],
            Eligible => &[Enrolled, WaitingList],
            WaitingList => &[Enrolled],
            Enrolled => &[Completed, DroppedOut],
            Completed | DroppedOut => &[],
        }
    }

    pub fn can_become(self, to: ReferralStatus) -> bool {
        self.next().contains(&to)
    }
}

/// Who referred the resident, as the yearly report breaks it down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "server",
    sea_orm(
        rs_type = "String",
        db_type = "Text",
        rename_all = "SCREAMING_SNAKE_CASE"
    )
)]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum PrescriberKind {
    /// France Travail (formerly Pôle emploi).
    JobCentre,
    /// Centre social, CCAS, social worker.
    SocialCentre,
    Other,
}

crate::stored_text!(PrescriberKind);

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "server",
    sea_orm(
        rs_type = "String",
        db_type = "Text",
        rename_all = "SCREAMING_SNAKE_CASE"
    )
)]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum Gender {
    Woman,
    Man,
    /// Another answer, or not said: the interface then uses neutral wording.
    #[default]
    Unspecified,
}

crate::stored_text!(Gender);

/// Whether the home has, or can get, an internet connection (a box, or a
/// smartphone's shared connection). Without one, no computer is installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "server",
    sea_orm(
        rs_type = "String",
        db_type = "Text",
        rename_all = "SCREAMING_SNAKE_CASE"
    )
)]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum InternetAccess {
    Has,
    CanGet,
    None,
}

crate::stored_text!(InternetAccess);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "server",
    sea_orm(
        rs_type = "String",
        db_type = "Text",
        rename_all = "SCREAMING_SNAKE_CASE"
    )
)]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum AttendanceMark {
    Present,
    Absent,
    /// Absent with a reason the organiser accepts.
    Excused,
}

crate::stored_text!(AttendanceMark);

/// How the call before a module went. An announced absence shows on that
/// module's attendance sheet as excused, for the trainer to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(
    feature = "server",
    sea_orm(
        rs_type = "String",
        db_type = "Text",
        rename_all = "SCREAMING_SNAKE_CASE"
    )
)]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ReminderOutcome {
    /// Reached, and reminded.
    Called,
    NoAnswer,
    MessageLeft,
    /// Reached, and said they will not come.
    AbsenceAnnounced,
}

crate::stored_text!(ReminderOutcome);

/// The programme's completion rule: every mandatory module attended, except
/// a few excused absences (one by default) and no unexcused one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionRule {
    pub max_excused_absences: u32,
    pub max_unexcused_absences: u32,
}

impl Default for CompletionRule {
    fn default() -> CompletionRule {
        CompletionRule {
            max_excused_absences: 1,
            max_unexcused_absences: 0,
        }
    }
}

/// Where a learner stands against the completion rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum CompletionOutcome {
    /// The rule is met: the trainer may confirm completion.
    Met,
    /// Mandatory modules are still to be held or marked.
    Pending,
    /// Too many absences: the rule can no longer be met.
    NotMet,
}

impl CompletionRule {
    /// `marks`: one per mandatory module of the cohort, `None` when not yet marked.
    pub fn outcome(&self, marks: &[Option<AttendanceMark>]) -> CompletionOutcome {
        let count = |m: AttendanceMark| marks.iter().filter(|x| **x == Some(m)).count() as u32;
        let (excused, absent) = (
            count(AttendanceMark::Excused),
            count(AttendanceMark::Absent),
        );
        if absent > self.max_unexcused_absences || excused > self.max_excused_absences {
            CompletionOutcome::NotMet
        } else if marks.iter().any(Option::is_none) {
            CompletionOutcome::Pending
        } else {
            CompletionOutcome::Met
        }
    }
}

/// The modules of the reference programme's course, in order. A cohort is
/// created with them; dates, places and trainers are set per cohort.
pub const MODULE_TEMPLATE: &[(&str, bool)] = &[
    (
        "Découvrir l'ordinateur : allumer, la souris, le clavier",
        true,
    ),
    ("Les fichiers et les dossiers", true),
    ("Internet : naviguer et chercher", true),
    ("Créer et utiliser son adresse e-mail", true),
    ("Écrire un courrier et un CV (traitement de texte)", true),
    ("Les logiciels libres et la sécurité", true),
    ("Les démarches en ligne : CAF, Ameli, impôts", true),
    ("France Travail : actualisation et candidatures", true),
    ("Sur les sites du service public (e-administration)", true),
    ("Pronote : suivre la scolarité de ses enfants", false),
    ("Bilan et remise des attestations", true),
];

pub const DEFAULT_PLACES: i32 = 10;
/// A module's usual length when a cohort is created, in minutes.
pub const MODULE_MINUTES: i64 = 120;
pub const MAX_PLACES: i32 = 60;

/// A referral as the prescriber fills it in: the same shape for a new
/// referral and for a correction of one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(async_graphql::InputObject),
    graphql(name = "ReferralInput")
)]
#[serde(rename_all = "camelCase")]
pub struct ReferralDetails {
    pub prescriber_kind: PrescriberKind,
    pub first_name: String,
    pub last_name: String,
    pub birth_year: Option<i32>,
    #[cfg_attr(feature = "server", graphql(default_with = "Gender::Unspecified"))]
    pub gender: Gender,
    pub phone: String,
    pub email: Option<String>,
    pub address: Option<String>,
    pub neighbourhood: Option<String>,
    #[cfg_attr(feature = "server", graphql(default))]
    pub priority_neighbourhood: bool,
    pub languages: Option<String>,
    #[cfg_attr(feature = "server", graphql(default = 1))]
    pub household_adults: i32,
    #[cfg_attr(feature = "server", graphql(default))]
    pub household_children: i32,
    pub internet: InternetAccess,
    pub accessibility_needs: Option<String>,
    pub reason: Option<String>,
    #[cfg_attr(
        feature = "server",
        graphql(default_with = "crate::DevicePreference::Any")
    )]
    pub device_preference: crate::DevicePreference,
    /// The resident agreed to the processing of their data (required).
    /// A referral read back holds it since it was given (`consentAt`).
    #[serde(default)]
    pub consent: bool,
}

/// Checks a referral's identity and household fields.
pub fn check_household(
    adults: i32,
    children: i32,
    birth_year: Option<i32>,
    this_year: i32,
) -> Result<(), ErrorCode> {
    if !(1..=20).contains(&adults) || !(0..=20).contains(&children) {
        return Err(ErrorCode::HouseholdInvalid);
    }
    if let Some(year) = birth_year
        && !(this_year - 110..=this_year - 15).contains(&year)
    {
        return Err(ErrorCode::BirthYearInvalid);
    }
    Ok(())
}

/// Where a learner's computer stands, as far as keeping their record goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeviceStage {
    /// Nothing reserved nor installed: waiting for a device, or on hold for
    /// an internet connection.
    Nothing,
    /// Reserved, a visit booked, or a visit that failed and is to be booked
    /// again.
    InProgress,
    /// Installed at their home, or at their household's for a second member.
    Installed,
    /// They declined the computer or already have one
    /// (`crate::installation::DeviceOutcome`): done with the programme.
    Declined,
}

impl DeviceStage {
    /// From the learner's own installations and whether their household
    /// already has a computer installed.
    pub fn of(
        own: &[crate::InstallationStatus],
        household_installed: bool,
        declined: bool,
    ) -> DeviceStage {
        use crate::InstallationStatus::*;
        if own.iter().any(|s| matches!(s, Reserved | Booked | Failed)) {
            DeviceStage::InProgress
        } else if household_installed || own.contains(&Installed) {
            DeviceStage::Installed
        } else if declined {
            DeviceStage::Declined
        } else {
            DeviceStage::Nothing
        }
    }
}

/// The one definition of a closed record, the only kind the retention job
/// may pseudonymise: the person left the programme (not eligible, dropped
/// out) or went all the way through it (trained and their household's
/// computer installed), and no support request is open. Anyone still
/// waiting, on hold or being helped is in the programme, however old
/// their record.
pub fn record_closed(status: ReferralStatus, device: DeviceStage, open_request: bool) -> bool {
    use ReferralStatus::*;
    if open_request || device == DeviceStage::InProgress {
        return false;
    }
    match status {
        NotEligible | DroppedOut => true,
        Completed => matches!(device, DeviceStage::Installed | DeviceStage::Declined),
        Received | Invited | Eligible | WaitingList | Enrolled => false,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_people_out_of_the_programme_are_closed() {
        use DeviceStage::*;
        use ReferralStatus::*;
        for status in [Received, Invited, Eligible, WaitingList, Enrolled] {
            for device in [Nothing, InProgress, Installed] {
                for open in [false, true] {
                    assert!(
                        !record_closed(status, device, open),
                        "{status:?} {device:?}"
                    );
                }
            }
        }
        // Trained: waiting for a device or on hold (Nothing), a visit to come.
        assert!(!record_closed(Completed, Nothing, false));
        assert!(!record_closed(Completed, InProgress, false));
        assert!(record_closed(Completed, Installed, false));
        assert!(
            record_closed(Completed, Declined, false),
            "declined the computer"
        );
        assert_eq!(DeviceStage::of(&[], false, true), DeviceStage::Declined);
        assert_eq!(
            DeviceStage::of(&[crate::InstallationStatus::Cancelled], false, false),
            DeviceStage::Nothing,
            "an undone match waits again"
        );
        assert!(
            !record_closed(Completed, Installed, true),
            "a request is open"
        );
        for status in [NotEligible, DroppedOut] {
            assert!(record_closed(status, Nothing, false));
            assert!(record_closed(status, Installed, false));
            assert!(!record_closed(status, Nothing, true));
            assert!(!record_closed(status, InProgress, false));
        }
    }

    #[test]
    fn the_device_outcome_follows_every_installation_status() {
        use crate::InstallationStatus::*;
        assert_eq!(DeviceStage::of(&[], false, false), DeviceStage::Nothing);
        assert_eq!(
            DeviceStage::of(&[], true, false),
            DeviceStage::Installed,
            "second member"
        );
        for pending in [Reserved, Booked, Failed] {
            assert_eq!(
                DeviceStage::of(&[pending], false, false),
                DeviceStage::InProgress
            );
            assert_eq!(
                DeviceStage::of(&[Installed, pending], true, false),
                DeviceStage::InProgress
            );
        }
        assert_eq!(
            DeviceStage::of(&[Installed], false, false),
            DeviceStage::Installed
        );
    }

    use super::*;
    use AttendanceMark::*;

    #[test]
    fn completion_follows_the_rule_and_its_edges() {
        let rule = CompletionRule::default();
        assert_eq!(rule.outcome(&[Some(Present); 10]), CompletionOutcome::Met);
        let mut one_excused = vec![Some(Present); 10];
        one_excused[3] = Some(Excused);
        assert_eq!(rule.outcome(&one_excused), CompletionOutcome::Met);
        let mut two_excused = one_excused.clone();
        two_excused[5] = Some(Excused);
        assert_eq!(rule.outcome(&two_excused), CompletionOutcome::NotMet);
        let mut one_absent = vec![Some(Present); 10];
        one_absent[0] = Some(Absent);
        assert_eq!(rule.outcome(&one_absent), CompletionOutcome::NotMet);
        let mut unmarked = vec![Some(Present); 10];
        unmarked[9] = None;
        assert_eq!(rule.outcome(&unmarked), CompletionOutcome::Pending);
        // Already failed, even with modules left.
        let mut failed_early = vec![None; 10];
        failed_early[0] = Some(Absent);
        assert_eq!(rule.outcome(&failed_early), CompletionOutcome::NotMet);
        let lenient = CompletionRule {
            max_excused_absences: 2,
            max_unexcused_absences: 1,
        };
        two_excused[0] = Some(Absent);
        assert_eq!(lenient.outcome(&two_excused), CompletionOutcome::Met);
        assert_eq!(rule.outcome(&[]), CompletionOutcome::Met);
    }

    #[test]
    fn referral_moves() {
        use ReferralStatus::*;
        assert!(Received.can_become(Invited));
        assert!(Invited.can_become(Eligible));
        assert!(Eligible.can_become(WaitingList));
        assert!(WaitingList.can_become(Enrolled));
        assert!(!Received.can_become(Enrolled));
        assert!(!NotEligible.can_become(Enrolled));
        assert!(!Completed.can_become(DroppedOut));
    }

    #[test]
    fn the_template_has_eleven_modules() {
        assert_eq!(MODULE_TEMPLATE.len(), 11);
        assert_eq!(MODULE_TEMPLATE.iter().filter(|(_, m)| !m).count(), 1);
    }
}
