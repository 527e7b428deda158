//! Every word the interface shows, in French (the default) and English.
//! Each key must be translated in both languages: the `match` in each
//! language file is exhaustive, so a missing text does not compile.

mod en;
mod fr;

use leptos::prelude::*;
use shared_types::{
    DeviceStatus, DonorKind, ErasureMethod, ErrorCode, Gender, Language, MaterialCategory,
    OrganisationKind, Role,
};

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
    Agreement,
    AgreementUntil,
    AddSerial,
    Address,
    Category,
    ChangeDonor,
    ChooseDonor,
    City,
    ClearSignature,
    CollectNow,
    CollectedAt,
    Collector,
    ContactPerson,
    CreateAnyway,
    Discard,
    Donor,
    DonorAlreadyKnown,
    DonorKind,
    DonorName,
    DonorSignature,
    DownloadReceipt,
    FindDonor,
    InStorage,
    Items,
    ListNeedsNetwork,
    Locating,
    NewDonor,
    NewDonorHere,
    NewPickup,
    NewPickupIntro,
    NotSigned,
    NotePosition,
    Notes,
    OnThisPhone,
    OutboxOffline,
    OutboxRefused,
    OutboxSending,
    OutboxSent,
    OutboxWaiting,
    OutboxWillRetry,
    Phone,
    Photos,
    PhotosSent,
    PickKnownDonor,
    PickupAddress,
    PickupAddressHint,
    Pickups,
    PickupsIntro,
    PickupsWord,
    PlanPickup,
    PlannedFor,
    Position,
    PositionNoted,
    Postcode,
    PrepareReceipt,
    Receipt,
    ReceiptHint,
    Remove,
    SaveDonor,
    SavePickup,
    SavePickupHint,
    Saving,
    SeePickup,
    SendNow,
    SerialNumber,
    SerialNumbers,
    SerialNumbersHint,
    ShareReceipt,
    Signature,
    SignatureArea,
    SignedBy,
    CannotSign,
    UnsignedReason,
    StatusCancelled,
    StatusCollected,
    StatusScheduled,
    StockEmpty,
    StorageFailed,
    TakePhoto,
    TotalWeightKg,
    UseExistingDonor,
    UseThisDonor,
    WeightHint,
    WhatWasTaken,
    WhenAndWhere,
    ChangePassword,
    CurrentPassword,
    NewPassword,
    NewPasswordAgain,
    PasswordHint,
    PasswordChanged,
    PersonalData,
    WhoReadThis,
    NobodyReadThis,
    TheHousehold,
    ExportPersonalData,
    ErasePerson,
    EraseWarning,
    ConfirmErase,
    KeepPerson,
    AuditRead,
    AuditExport,
    AuditErase,
    AuditRetention,
    AuditDated,
    HappenedOnHint,
    HandedOverOn,
    ReceivedOn,
    DroppedOutOn,
    CompletedOn,
    InstalledOn,
    MovedOn,
    StartedOn,
    StartedOnHint,
    Dashboard,
    DashboardIntro,
    VsLastYear,
    ReportPickups,
    ReportCollectedKg,
    ReportRefurbished,
    ReportInstalled,
    ReportGiven,
    ReportHandedOverOnly,
    ReportReadyAgain,
    ReportRecycledInBulk,
    ReportTrained,
    ReportDroppedOut,
    ReportPath,
    ReportPlaces,
    ReportEnrolled,
    ReportWithInternet,
    ReportMedianDelay,
    ReportMaterial,
    ReportRecycled,
    ReportBought,
    ReportReferrers,
    ReportGender,
    ReportMeanAge,
    SmallGroupsHidden,
    Year,
    ReportFiles,
    ReportPdf,
    CsvSummary,
    CsvCollected,
    CsvPrescribers,
    CsvGender,
    CsvLearners,
    TodayOnly,
    ReasonPreferredKind,
    ReasonAnyKind,
    ReasonOtherKind,
    ReasonLargeScreen,
    ReasonMemory,
    ReasonGradeA,
    ReasonGradeB,
    ReasonGradeC,
    ReasonLongWait,
    Matching,
    MatchingIntro,
    MatchesAccepted,
    TrackingCode,
    Visits,
    VisitsIntro,
    LearnersWaiting,
    DevicesReady,
    OnHoldNoConnection,
    NothingToMatch,
    WaitingFor,
    Days,
    DeviceForLearner,
    HoldForNow,
    DeclineDevice,
    OutcomeDeclined,
    OutcomeAlreadyEquipped,
    RecordOutcome,
    DeclinedLearners,
    PutBackWaiting,
    WaitingNoDevice,
    OutcomeReason,
    AcceptMatches,
    VisitToBook,
    VisitBooked,
    Installed,
    VisitFailed,
    MatchCancelled,
    DeviceReturned,
    EndedReason,
    NoVisit,
    HandoverAgreement,
    VisitWindow,
    BookVisit,
    VisitDay,
    From,
    To,
    Checklist,
    DeviceSetUp,
    AccountsCreated,
    ConnectionLabel,
    ConnectionBox,
    ConnectionTethering,
    ConnectionNone,
    ConnectionTested,
    InstalledSerial,
    InstalledSerialHint,
    HouseholdSignature,
    CloseVisit,
    VisitFailedAction,
    YourComputer,
    TypeYourCode,
    TryAnotherCode,
    StepTrained,
    StepReserved,
    StepVisit,
    StepInstalled,
    OnHoldExplained,
    VisitFailedExplained,
    QuestionsCall,
    AskOtherDate,
    ReportProblem,
    SendRequest,
    RequestSent,
    YourMessage,
    HelpDesk,
    HelpDeskIntro,
    NoRequest,
    Problem,
    DateChangeRequest,
    StatusOpen,
    StatusInProgress,
    StatusResolved,
    FollowMyDelivery,
    DevicePreferenceLabel,
    PreferLaptop,
    PreferDesktop,
    PreferAny,
    ContractSignedOn,
    ChangeModule,
    SaveChanges,
    ReferralReceived,
    ReferralInvited,
    ReferralEligible,
    ReferralNotEligible,
    ReferralWaitingList,
    ReferralEnrolled,
    ReferralCompleted,
    ReferralDroppedOut,
    Referrals,
    ReferralsIntro,
    NewReferral,
    ReferralSent,
    FirstName,
    LastName,
    PhoneForReminders,
    BirthYear,
    GenderLabel,
    Woman,
    Man,
    Unspecified,
    Neighbourhood,
    PriorityNeighbourhood,
    Languages,
    Adults,
    Children,
    InternetAtHome,
    InternetHas,
    InternetCanGet,
    InternetNone,
    AccessibilityNeeds,
    ReferralReason,
    YouAre,
    JobCentre,
    SocialCentre,
    OtherPrescriber,
    ConsentText,
    SendReferral,
    NewReferralsToInvite,
    InfoSession,
    InfoSessions,
    InfoSessionsIntro,
    ChooseSession,
    Invite,
    NoReferral,
    NewInfoSession,
    DateAndTime,
    Place,
    NobodyInvited,
    EligibilityCriteria,
    CriterionResidence,
    CriterionFrench,
    CriterionAvailability,
    CriterionMotivation,
    DecisionReason,
    Eligible,
    NotEligible,
    Cohorts,
    CohortsIntro,
    NewCohort,
    CohortName,
    Places,
    FirstModuleAt,
    FirstModuleHint,
    TrainerName,
    PlacesTaken,
    Learners,
    Modules,
    Optional,
    PresentWord,
    OutcomeMet,
    OutcomePending,
    OutcomeNotMet,
    ConfirmCompletion,
    DropOut,
    EnrolEligible,
    Enrol,
    EveryonePresent,
    Present,
    Absent,
    Excused,
    SaveAttendance,
    Sending,
    AttendanceSaved,
    AttendanceWaiting,
    RemindersTitle,
    RemindersIntro,
    NoReminder,
    PurchaseDate,
    Funder,
    PreparedBy,
    BoughtRefurbished,
    Settings,
    SettingsIntro,
    ReferredOn,
    MatchedOn,
    DecidedOn,
    EnrolledOn,
    SaidOn,
    Imports,
    ImportsIntro,
    ImportTemplates,
    ImportTemplatesHint,
    TemplateFrench,
    TemplateEnglish,
    ImportSend,
    ImportFile,
    ImportFileHint,
    CheckFile,
    ImportNow,
    ImportChecked,
    ImportSheet,
    ImportNewRecords,
    ImportExistingRecords,
    ImportNewOrganisations,
    ImportProblems,
    ImportFixAndRetry,
    ImportOtherProblems,
    ImportDone,
    ImportNothingNew,
    ImportLine,
    ImportColumn,
    ImportWholeFile,
    ExportTitle,
    ExportHint,
    ExportAll,
    ProgrammeRules,
    AgreedShareField,
    MaxExcused,
    MaxAbsent,
    TimeZone,
    Course,
    CourseHint,
    ModuleWord,
    ModuleTitle,
    Mandatory,
    PlaceOptional,
    CohortsOwnProvider,
    AddModule,
    MoveUp,
    MoveDown,
    SettingsSaved,
    CorrectRecord,
    RecordCorrected,
    MoveTicked,
    MoveThem,
    RecycledWeightEachKg,
    DevicesMoved,
    OpenVisit,
    OpenComputer,
    BulkRecyclingTitle,
    RecycledMaterial,
    BulkRecyclingHint,
    RecycledOn,
    ItemCount,
    RecordRecycling,
    RecycledInBulk,
    CallOutcomeLegend,
    CallNotYet,
    CallReminded,
    CallNoAnswer,
    CallMessageLeft,
    CallAbsenceAnnounced,
    AbsenceAnnouncedByPhone,
    TrainingProvider,
    TaughtBy,
    ChooseProvider,
    ConfirmMove,
    CorrectCohort,
    AddPurchasedDevice,
    Supplier,
    PriceEuros,
    AddDevice,
    AddStorage,
    AgreedShare,
    AllStatuses,
    BatchHandedOver,
    BatchReceived,
    BatchWord,
    Batches,
    BatchesIntro,
    Brand,
    Confirm,
    ConfirmHandOver,
    ConfirmReceipt,
    ConfirmReceiptHint,
    CountMismatch,
    Counted,
    DeviceTag,
    Devices,
    DevicesIntro,
    DevicesRecorded,
    DevicesWord,
    Erased,
    ErasedOn,
    ErasureCertificate,
    ErasureMethod,
    ErasureReport,
    ErasureReportOptional,
    ErasureTool,
    ErasureToolHint,
    ExistingTag,
    ExistingTagHint,
    Failed,
    FromDonor,
    Grade,
    GradeA,
    GradeB,
    GradeC,
    HandOverBatch,
    HandedOverBy,
    History,
    ItemsReceived,
    Model,
    NextStep,
    NoBatch,
    NoStorage,
    NotErased,
    Open,
    OperatingSystem,
    Operator,
    Origin,
    Passed,
    PickupsToHandOver,
    PrintLabel,
    PrintLabels,
    Processor,
    Purchase,
    RamGb,
    ReadyDevices,
    ReadyShare,
    Reason,
    RecordErasure,
    RecycledDevices,
    RecycledWeight,
    RecycledWeightKg,
    Refurbisher,
    Result,
    SaveDevice,
    ScanLabel,
    ScreenInches,
    Sent,
    Status,
    StopScan,
    StorageAndErasure,
    StorageGb,
    StorageKind,
    YieldTitle,
    Download,
    SignOutLosesPickups,
    CorrectPickup,
    SaveCorrection,
    CancelReason,
    CancelPickup,
    Organisations,
    OrganisationsIntro,
    NewOrganisation,
    OrganisationName,
    OrganisationKindLabel,
    ChooseOrganisationKind,
    Edit,
    AccountSaved,
    OrganisationSaved,
    CorrectReferralTitle,
    SelectAll,
    CorrectReferral,
    ReferralCorrected,
    YourRequests,
    RequestReceivedWaiting,
    RequestBeingHandled,
    RequestSettled,
    SentOn,
    AnswerWord,
    AnswerForHousehold,
    HouseholdAsked,
    CorrectVisit,
    VisitCorrected,
    InstallingOrganisation,
    ConfirmPastSession,
    ConfirmPastVisit,
    WhatHappened,
    FailedVisitOn,
    ReportedOn,
    InviteToThisSession,
    InvitedPeople,
    OfflineCopy,
    ForgotPassword,
    ForgotPasswordTitle,
    ForgotPasswordIntro,
    SendResetLink,
    ResetLinkSent,
    BackToSignIn,
    ResetPasswordTitle,
    SaveNewPassword,
    PasswordResetDone,
    AskNewLink,
    Messages,
    MessagesIntro,
    NoMessages,
    MessageWaiting,
    MessageSent,
    MessageFailed,
    MessageAttempts,
    MessagePasswordReset,
    MessageText,
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

pub fn import_problem_text(
    language: Language,
    problem: shared_types::import::Problem,
) -> &'static str {
    match language {
        Language::Fr => fr::import_problem(problem),
        Language::En => en::import_problem(problem),
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

pub fn category_text(language: Language, category: MaterialCategory) -> &'static str {
    match language {
        Language::Fr => fr::category(category),
        Language::En => en::category(category),
    }
}

/// One item of a category: "Ordinateur portable", "Laptop".
pub fn one_of_category_text(language: Language, category: MaterialCategory) -> &'static str {
    match language {
        Language::Fr => fr::one_of_category(category),
        Language::En => en::one_of_category(category),
    }
}

pub fn status_text(language: Language, status: DeviceStatus) -> &'static str {
    match language {
        Language::Fr => fr::device_status(status),
        Language::En => en::device_status(status),
    }
}

pub fn erasure_method_text(language: Language, method: ErasureMethod) -> &'static str {
    match language {
        Language::Fr => method.label_fr(),
        Language::En => en::erasure_method(method),
    }
}

/// The accessible name of the `number`th of `total` pickup photos (from 1).
pub fn photo_link_text(language: Language, number: usize, total: usize) -> String {
    match language {
        Language::Fr => fr::photo_link(number, total),
        Language::En => en::photo_link(number, total),
    }
}

/// `key` said of one person: French agrees with their gender ("Inscrite",
/// "Inscrit") and words it neutrally when it is not known ("En formation").
pub fn agreed(language: Language, key: Key, gender: Gender) -> &'static str {
    match language {
        Language::Fr => fr::agreed(key, gender).unwrap_or_else(|| fr::text(key)),
        Language::En => en::text(key),
    }
}

/// Whether `n` of something takes the singular. French says "0 jour",
/// "1,5 jour", "1 jour" (below two); English says "1 day" only.
pub fn takes_singular(language: Language, n: f64) -> bool {
    match language {
        Language::Fr => n.abs() < 2.0,
        Language::En => n == 1.0,
    }
}

/// The plural noun `many` as it is written after the number `n`: its
/// singular where the language wants one ("1 ordinateur prêt").
pub fn noun(language: Language, n: f64, many: Key) -> &'static str {
    let singular = if takes_singular(language, n) {
        match language {
            Language::Fr => fr::singular(many),
            Language::En => en::singular(many),
        }
    } else {
        None
    };
    singular.unwrap_or_else(|| text(language, many))
}

/// "0 donateur", "6 donateurs", "1 donor", "0 donors".
/// `n` as the wire (a GraphQL `Int`) or a length gives it.
pub fn count(language: Language, n: impl TryInto<i64>, many: Key) -> String {
    let n: i64 = n.try_into().unwrap_or(i64::MAX);
    format!("{n} {}", noun(language, n as f64, many))
}

/// A number with at most two decimals, as people write it: "12,5" in French.
pub fn decimal(language: Language, value: f64) -> String {
    let text = format!("{value:.2}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    match language {
        Language::Fr => text.replace('.', ","),
        Language::En => text.to_string(),
    }
}

/// Kilograms as people write them: "12,5 kg" in French, "12.5 kg" in English.
pub fn kilograms(language: Language, kg: f64) -> String {
    format!("{} kg", decimal(language, kg))
}

fn locale(language: Language) -> &'static str {
    if language == Language::En {
        "en-GB"
    } else {
        "fr-FR"
    }
}

/// The options of `toLocaleString`: the weekday, day and month in words,
/// the year only when it is not this one.
fn words_options(date: &js_sys::Date, with_time: bool) -> js_sys::Object {
    let options = js_sys::Object::new();
    let mut fields = vec![("weekday", "short"), ("day", "numeric"), ("month", "short")];
    if date.get_full_year() != js_sys::Date::new_0().get_full_year() {
        fields.push(("year", "numeric"));
    }
    if with_time {
        fields.extend([("hour", "2-digit"), ("minute", "2-digit")]);
    }
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&options, &name.into(), &value.into());
    }
    options
}

/// A server time (RFC 3339) as the phone's local date and time, in words:
/// "sam. 12 sept., 09:30", with the year when it is not this one.
pub fn local_time(language: Language, iso: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    String::from(date.to_locale_string(locale(language), &words_options(&date, true)))
}

/// A server time (RFC 3339) as the phone's local day in words, without the
/// hour: for a step whose day is what counts (one entered later is kept at
/// noon, an hour nobody chose).
pub fn local_day(language: Language, iso: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(iso));
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    String::from(date.to_locale_date_string(locale(language), &words_options(&date, false)))
}

/// A calendar date ("2026-09-12") in words: "sam. 12 sept. 2026" in
/// French, "Sat 12 Sept 2026" in English, the year left out when it is this
/// one. Never shown as ISO text.
pub fn date_in_words(language: Language, iso: &str) -> String {
    let mut parts = iso
        .get(..10)
        .unwrap_or(iso)
        .splitn(3, '-')
        .map(str::parse::<u32>);
    let (Some(Ok(year)), Some(Ok(month)), Some(Ok(day))) =
        (parts.next(), parts.next(), parts.next())
    else {
        return iso.to_string();
    };
    // Built in the phone's own time zone, so that no shift moves the day.
    let date = js_sys::Date::new_with_year_month_day(year, month as i32 - 1, day as i32);
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    String::from(date.to_locale_date_string(locale(language), &words_options(&date, false)))
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

    /// "1 donateur", "6 donateurs": `many` is the plural noun.
    pub fn count(&self, n: impl TryInto<i64>, many: Key) -> String {
        count(self.language.get(), n, many)
    }

    /// `key` in agreement with the person's gender, neutral when unknown.
    pub fn agreed(&self, key: Key, gender: Gender) -> &'static str {
        agreed(self.language.get(), key, gender)
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
