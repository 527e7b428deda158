use serde::{Deserialize, Serialize};

/// Machine-readable error codes carried in GraphQL `extensions.code`.
///
/// The browser matches on these to show a message in the user's language, so
/// a code is never renamed once shipped: add a new one instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// No valid access token came with a request that needs one.
    Unauthenticated,
    /// The access token has expired: refresh the session.
    TokenExpired,
    /// The token is malformed, forged, or not an access token.
    InvalidToken,
    /// The user is known but their role or organisation does not allow this.
    Forbidden,
    /// Wrong email or password (deliberately not saying which).
    InvalidCredentials,
    /// The account was deactivated by a coordinator.
    AccountDeactivated,
    /// The refresh token is unknown, expired or revoked.
    InvalidRefreshToken,
    /// A refresh token that was already exchanged came back: the whole session is ended.
    RefreshTokenReused,
    NotFound,
    InvalidEmail,
    EmailTaken,
    OrganisationNameTaken,
    PasswordTooShort,
    /// A password-reset link unknown, already used or past its time.
    ResetLinkInvalid,
    PasswordTooLong,
    NameRequired,
    NameTooLong,
    /// An account must belong to an organisation.
    OrganisationRequired,
    /// A donor must be a company, a public body, an association or an individual.
    DonorKindRequired,
    /// A user must hold at least one role.
    RoleRequired,
    /// The role does not fit the kind of organisation the user belongs to.
    RoleNotAllowedForOrganisation,
    /// A coordinator cannot deactivate their own account (nobody would be left to undo it).
    CannotDeactivateSelf,
    /// A coordinator tried to take the coordinator role from their own
    /// account, which would leave them unable to undo it.
    CannotDemoteSelf,
    /// A new organisation needs what it does in the programme.
    OrganisationKindRequired,
    /// An action on people (inviting, enrolling) was sent with nobody chosen.
    /// An erasure needs the tool (or method) used.
    ErasureToolRequired,
    /// An erasure needs the name of whoever did it.
    ErasureOperatorRequired,
    /// An erasure cannot be dated after today.
    ErasureDateInFuture,
    /// A session or a module needs the place where it happens.
    PlaceRequired,
    /// The number of places was not written in figures.
    PlacesNotANumber,
    /// A number of items was not written in figures.
    CountNotANumber,
    PersonRequired,
    /// Only the training provider teaching a module marks its attendance or
    /// hands it to another provider (the cohort's own provider may do the latter).
    ModuleOfAnotherProvider,
    /// Moving a module that already has attendance needs to be confirmed:
    /// its marks stay with it.
    ModuleHasAttendance,
    /// Inviting needs the information session to invite to.
    SessionRequired,
    /// Same name and postcode as a donor already recorded; the form asks to confirm.
    DonorPossibleDuplicate,
    AgreementDatesInvalid,
    TextTooLong,
    /// Text carries a control character (NUL, escape…) or a bidirectional override or isolate
    /// that can make it display as something else ("fdp.exe" shown as "exe.pdf").
    TextCharacterNotAllowed,
    DonorRequired,
    /// A collected pickup must list at least one item.
    NothingCollected,
    CountNegative,
    CountTooLarge,
    WeightRequired,
    WeightNotPositive,
    WeightTooLarge,
    /// More kilograms per item than any computer equipment weighs: a typo in the weight or the counts.
    WeightImplausible,
    SerialTooLong,
    TooManySerials,
    /// The same category appears twice in a pickup's counts.
    CategoryListedTwice,
    TimeInFuture,
    /// The day given for an event is still to come.
    DateInFuture,
    /// The day given for an event is before the programme started (a setting).
    DateBeforeProgramme,
    /// The day given for a step is before the step it follows (a receipt
    /// before its hand-over, a drop-out before the enrolment).
    DateBeforePreviousStep,
    /// A file sent for import has problems (listed in the answer): nothing
    /// of it was saved.
    ImportRefused,
    /// A file was expected and none came (an empty upload).
    FileRequired,
    ScheduledInPast,
    SignatureInvalid,
    LocationInvalid,
    /// The same client-generated pickup id came back with different content (idempotency).
    PickupConflict,
    PickupNotScheduled,
    PickupNotEditable,
    PhotoTooLarge,
    PhotoNotImage,
    /// The image is larger in pixels than any photo of a pickup needs (checked from its header).
    PhotoTooManyPixels,
    TooManyPhotos,
    PhotoConflict,
    SpecsInvalid,
    /// The lifecycle has no arrow from the device's status to the one asked.
    TransitionNotAllowed,
    ErasureMissing,
    StorageMediaMissing,
    TagTaken,
    TagInvalid,
    SerialTaken,
    RecycledWeightRequired,
    ReasonRequired,
    NothingToHandOver,
    PickupNotInStorage,
    RefurbisherRequired,
    /// A French postcode has five digits.
    PostcodeInvalid,
    /// A grouped move names at least one device…
    DeviceRequired,
    /// …and at most 200.
    TooManyDevices,
    /// A bought computer is prepared by one of the programme's workshops.
    WorkshopUnknown,
    /// A purchase is dated today or earlier.
    PurchaseDateInFuture,
    BatchAlreadyReceived,
    BatchNotReceived,
    /// One bulk recycling entry weighs at most 3 000 kg.
    RecyclingWeightTooLarge,
    /// Recycled material is dated between the batch's receipt and today.
    RecyclingDateInvalid,
    SourceRequired,
    PriceInvalid,
    ReportInvalid,
    ShareInvalid,
    GradeRequired,
    DeviceNotAtRefurbisher,
    HouseholdInvalid,
    BirthYearInvalid,
    /// GDPR: a referral is recorded only with the resident's consent.
    ConsentRequired,
    PhoneRequired,
    /// A phone number that cannot exist (too short, an unused prefix).
    PhoneInvalid,
    /// The referral lifecycle has no arrow from its status to the one asked.
    ReferralNotAllowed,
    DecisionReasonRequired,
    /// Eligible despite an unticked criterion needs the agreed exception,
    /// named by the criterion that is not met.
    ExceptionNeededResidence,
    ExceptionNeededFrench,
    ExceptionNeededAvailability,
    ExceptionNeededMotivation,
    CohortFull,
    LearnerNotInCohort,
    ModuleNotInCohort,
    CompletionRuleNotMet,
    PlacesInvalid,
    /// A cohort cannot have fewer places than learners already enrolled.
    PlacesBelowEnrolled,
    /// The completion rule allows 0 to 10 absences of each kind.
    CompletionRuleInvalid,
    /// A course has 1 to 30 modules.
    ModuleCountInvalid,
    /// Every module of the course has a title.
    ModuleTitleRequired,
    /// A session or module is run by one of the programme's training providers.
    ProviderRequired,
    DatesInvalid,
    NoConnection,
    LearnerNotWaiting,
    DeviceNotReady,
    HouseholdAlreadyServed,
    DuplicateInMatch,
    InstallerRequired,
    VisitWindowInvalid,
    VisitNotBooked,
    InstallationClosed,
    /// The match was undone or the computer came back: this installation is history.
    InstallationEnded,
    /// The device is no longer reserved for this installation (moved back to the stock).
    DeviceNotReserved,
    /// The handover names the person who received the computer.
    SignerNameRequired,
    /// The household signs the handover, or the reason it cannot is recorded.
    SignatureRequired,
    /// The visit is booked for a later day: move it before closing it.
    VisitNotYetDue,
    /// An information session dated before now, not confirmed as past.
    SessionInThePast,
    /// A visit window already over, not confirmed as one that took place.
    VisitInThePast,
    /// The handover's facts (connection, signer) are corrected once installed.
    NotYetInstalled,
    SerialMismatch,
    TrackingCodeUnknown,
    TooManyAttempts,
    /// Signed out, or the password was changed: this session is over.
    SessionEnded,
    CurrentPasswordWrong,
    PasswordsDiffer,
    MessageRequired,
    RequestTimeout,
    QueryTooDeep,
    QueryTooComplex,
    BatchTooLarge,
    /// The request body is over the size the API accepts.
    RequestTooLarge,
    /// A POST to the API whose body is not declared `application/json`: a
    /// form or `text/plain` sent by another site is never run.
    UnsupportedMediaType,
    /// The API answers POST only (GET, PUT, … are refused).
    MethodNotAllowed,
    /// More field selections (aliases and `__typename` included) than one request may make.
    TooManyFields,
    /// A GraphQL `Int` beyond 32 bits, which the specification does not allow.
    IntOutOfRange,
    /// A date outside the years 0001 to 9999.
    DateOutOfRange,
    /// A date is missing or not written as YYYY-MM-DD.
    DateInvalid,
    /// The request is not a valid GraphQL request for this schema.
    BadRequest,
    /// Something failed on the server; details are in the server log only.
    Internal,
}

crate::stored_text!(ErrorCode);

impl ErrorCode {
    /// What to tell a person, in English, when this error happens: the
    /// message API clients read, and the English interface shows.
    pub fn message_en(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "You need to sign in.",
            ErrorCode::TokenExpired | ErrorCode::InvalidToken | ErrorCode::InvalidRefreshToken => {
                "Your session has ended. Please sign in again."
            }
            ErrorCode::RefreshTokenReused => {
                "For your safety your session was closed (it was used elsewhere). Please sign in again."
            }
            ErrorCode::Forbidden => "Your role does not allow this.",
            ErrorCode::InvalidCredentials => "Wrong email address or password.",
            ErrorCode::AccountDeactivated => {
                "This account has been deactivated. Please contact the programme's coordination."
            }
            ErrorCode::NotFound => "Not found: it may have been removed.",
            ErrorCode::InvalidEmail => {
                "This email address is not valid (for example: first.last@example.org)."
            }
            ErrorCode::EmailTaken => "An account already exists with this email address.",
            ErrorCode::OrganisationNameTaken => "An organisation already has this name.",
            ErrorCode::PasswordTooShort => "The password is too short: at least 10 characters.",
            ErrorCode::ResetLinkInvalid => {
                "This link no longer works (used already, or more than 30 minutes old). Ask for a new one."
            }
            ErrorCode::PasswordTooLong => "The password is too long: 128 characters at most.",
            ErrorCode::NameRequired => "The name is required.",
            ErrorCode::NameTooLong => "The name is too long: 120 characters at most.",
            ErrorCode::OrganisationRequired => "Choose the organisation the person belongs to.",
            ErrorCode::DonorKindRequired => {
                "Say whether the donor is a company, a public body, an association or an individual."
            }
            ErrorCode::RoleRequired => "Choose at least one role.",
            ErrorCode::RoleNotAllowedForOrganisation => {
                "This role does not fit this kind of organisation."
            }
            ErrorCode::CannotDeactivateSelf => "You cannot deactivate your own account.",
            ErrorCode::ErasureToolRequired => "Say which tool did the erasure.",
            ErrorCode::ErasureOperatorRequired => "Say who did the erasure.",
            ErrorCode::ErasureDateInFuture => "The erasure date cannot be in the future.",
            ErrorCode::PlaceRequired => "Say where it takes place.",
            ErrorCode::PlacesNotANumber => "Places: write the number in figures (for example 10).",
            ErrorCode::CountNotANumber => "Number of items: write it in figures (for example 12).",
            ErrorCode::PersonRequired => "Choose at least one person.",
            ErrorCode::ModuleOfAnotherProvider => {
                "This module is taught by another training provider: its trainers mark it."
            }
            ErrorCode::ModuleHasAttendance => {
                "Attendance is already marked for this module. Confirm to move it: the marks stay with it."
            }
            ErrorCode::SessionRequired => "Choose the information session to invite them to.",
            ErrorCode::OrganisationKindRequired => {
                "Choose what the organisation does in the programme."
            }
            ErrorCode::CannotDemoteSelf => {
                "You cannot take the coordinator role from your own account: ask another coordinator."
            }
            ErrorCode::DonorPossibleDuplicate => {
                "A donor with this name and postcode already exists: use it, or confirm this is another one."
            }
            ErrorCode::AgreementDatesInvalid => "The agreement cannot end before it starts.",
            ErrorCode::TextTooLong => "A text is too long: shorten the address or the notes.",
            ErrorCode::TextCharacterNotAllowed => {
                "A text contains an invisible control or direction character: retype it without pasting."
            }
            ErrorCode::DonorRequired => "Choose the donor, or create one.",
            ErrorCode::NothingCollected => "Enter at least one item collected.",
            ErrorCode::CountNegative => "A count cannot be negative.",
            ErrorCode::CountTooLarge => {
                "A count is too high: 1,000 items of one kind at most on one pickup."
            }
            ErrorCode::WeightRequired => "Enter the total weight in kg.",
            ErrorCode::WeightNotPositive => "The weight must be more than 0 kg.",
            ErrorCode::WeightTooLarge => "The weight is too high: 3,000 kg at most on one pickup.",
            ErrorCode::WeightImplausible => {
                "The weight does not fit the items (more than 60 kg each on average): check the weight and the counts."
            }
            ErrorCode::SerialTooLong => "A serial number is too long: 64 characters at most.",
            ErrorCode::TooManySerials => "There are more serial numbers than items of that kind.",
            ErrorCode::CategoryListedTwice => {
                "The same kind of item is listed twice: give one count per kind."
            }
            ErrorCode::TimeInFuture => "The pickup time is in the future: check the date and time.",
            ErrorCode::DateInFuture => "The date is still to come: give the day it happened.",
            ErrorCode::DateBeforeProgramme => {
                "The date is before the programme started (see the settings): check it."
            }
            ErrorCode::DateBeforePreviousStep => {
                "The date is before the step it follows (a receipt before its hand-over, say): check it."
            }
            ErrorCode::FileRequired => "Choose a file first.",
            ErrorCode::ImportRefused => {
                "The file has problems (listed): nothing was imported. Fix them and send it again."
            }
            ErrorCode::ScheduledInPast => "A planned pickup must be today or later.",
            ErrorCode::SignatureInvalid => "The signature could not be read: please sign again.",
            ErrorCode::LocationInvalid => "The GPS position is not valid.",
            ErrorCode::PickupConflict => {
                "This pickup was already sent with different content. Nothing was changed; check the pickup in the list."
            }
            ErrorCode::PickupNotScheduled => {
                "This pickup is no longer planned: it was already collected or cancelled."
            }
            ErrorCode::PickupNotEditable => "This pickup can no longer be changed.",
            ErrorCode::PhotoTooLarge => "The photo is too large: 5 MB at most.",
            ErrorCode::PhotoNotImage => "This file is not a photo (JPEG, PNG or WebP).",
            ErrorCode::PhotoTooManyPixels => "This image is too big: 40 megapixels at most.",
            ErrorCode::TooManyPhotos => "8 photos at most per pickup.",
            ErrorCode::PhotoConflict => "A different photo was already sent under this reference.",
            ErrorCode::SpecsInvalid => {
                "A specification is out of range (memory, storage or screen size): check it."
            }
            ErrorCode::TransitionNotAllowed => {
                "This device cannot go to that stage from where it is now."
            }
            ErrorCode::ErasureMissing => {
                "Each storage medium needs a passed erasure record before the device can be ready."
            }
            ErrorCode::StorageMediaMissing => {
                "List the device's storage (disk, SSD or flash) before it can be ready."
            }
            ErrorCode::TagTaken => "Another device already has this tag.",
            ErrorCode::TagInvalid => "This is not a device tag (for example PSL-2026-00042).",
            ErrorCode::SerialTaken => {
                "Another device of this brand already has this serial number."
            }
            ErrorCode::RecycledWeightRequired => "Enter the weight sent to recycling, in kg.",
            ErrorCode::ReasonRequired => "Say why.",
            ErrorCode::NothingToHandOver => "Choose at least one pickup in storage to hand over.",
            ErrorCode::PickupNotInStorage => {
                "A chosen pickup is no longer in storage (already handed over or not collected)."
            }
            ErrorCode::RefurbisherRequired => "Choose the refurbisher receiving the batch.",
            ErrorCode::DeviceRequired => "Tick at least one device.",
            ErrorCode::PostcodeInvalid => "Postcode: five digits (for example 73000).",
            ErrorCode::TooManyDevices => "At most 200 devices at once.",
            ErrorCode::WorkshopUnknown => "Workshop: choose one of the programme's refurbishers.",
            ErrorCode::PurchaseDateInFuture => "Purchase date: it cannot be in the future.",
            ErrorCode::BatchAlreadyReceived => "This batch was already received.",
            ErrorCode::BatchNotReceived => "Confirm the receipt of the batch first.",
            ErrorCode::RecyclingWeightTooLarge => "Recycled weight: at most 3,000 kg in one entry.",
            ErrorCode::RecyclingDateInvalid => {
                "Recycling date: between the batch's receipt and today."
            }
            ErrorCode::SourceRequired => {
                "Say where the device comes from: a batch (donation) or a purchase with its supplier and price."
            }
            ErrorCode::PriceInvalid => "The price is not valid.",
            ErrorCode::ReportInvalid => {
                "The erasure report must be a PDF, a text file or an image of 10 MB at most."
            }
            ErrorCode::ShareInvalid => "The return share must be between 0 and 100 %.",
            ErrorCode::GradeRequired => "Give the device a grade (A, B or C) before it is ready.",
            ErrorCode::DeviceNotAtRefurbisher => {
                "This device is no longer at the refurbisher's: it cannot be changed there."
            }
            ErrorCode::HouseholdInvalid => {
                "The household composition is not valid (1 to 20 adults, 0 to 20 children)."
            }
            ErrorCode::BirthYearInvalid => "The year of birth is not valid.",
            ErrorCode::ConsentRequired => {
                "The resident's consent to the processing of their data is required."
            }
            ErrorCode::PhoneInvalid => {
                "Phone: this number cannot exist; write it as 06 12 34 56 78 or +33 6 12 34 56 78."
            }
            ErrorCode::PhoneRequired => {
                "A phone number is required: the organiser calls before each module."
            }
            ErrorCode::ReferralNotAllowed => {
                "This referral cannot go to that stage from where it is now."
            }
            ErrorCode::DecisionReasonRequired => "Say why the person is not eligible.",
            ErrorCode::ExceptionNeededResidence => {
                "Residence is not ticked: write the agreed exception to enrol them anyway."
            }
            ErrorCode::ExceptionNeededFrench => {
                "French is not ticked: write the agreed exception to enrol them anyway."
            }
            ErrorCode::ExceptionNeededAvailability => {
                "Availability is not ticked: write the agreed exception to enrol them anyway."
            }
            ErrorCode::ExceptionNeededMotivation => {
                "Motivation is not ticked: write the agreed exception to enrol them anyway."
            }
            ErrorCode::CohortFull => "The cohort is full.",
            ErrorCode::LearnerNotInCohort => "This person is not enrolled in this cohort.",
            ErrorCode::ModuleNotInCohort => "This module belongs to another cohort.",
            ErrorCode::CompletionRuleNotMet => {
                "The completion rule is not met (mandatory modules, absences)."
            }
            ErrorCode::PlacesInvalid => "The number of places must be between 1 and 60.",
            ErrorCode::ProviderRequired => {
                "Training provider: choose one of the programme's training providers."
            }
            ErrorCode::CompletionRuleInvalid => {
                "Completion rule: between 0 and 10 absences of each kind."
            }
            ErrorCode::ModuleCountInvalid => "The course has between 1 and 30 modules.",
            ErrorCode::ModuleTitleRequired => "Every module needs a title.",
            ErrorCode::PlacesBelowEnrolled => {
                "Places: more learners are already enrolled than that. Move or withdraw some first."
            }
            ErrorCode::DatesInvalid => "The dates are not valid (the end is before the start).",
            ErrorCode::NoConnection => {
                "This household has no internet possibility: the device is on hold until that changes."
            }
            ErrorCode::LearnerNotWaiting => {
                "This person is not waiting for a device (training not completed, or already matched)."
            }
            ErrorCode::DeviceNotReady => "This device is not ready (or already reserved).",
            ErrorCode::HouseholdAlreadyServed => {
                "This household already has a device: one per household."
            }
            ErrorCode::DuplicateInMatch => {
                "The same person or device appears twice in the matches."
            }
            ErrorCode::InstallerRequired => "Choose the installer organisation.",
            ErrorCode::VisitWindowInvalid => {
                "The visit window is not valid (it ends before it starts, or lasts more than 12 hours)."
            }
            ErrorCode::VisitNotBooked => "Book the visit first.",
            ErrorCode::InstallationClosed => "This installation is already done.",
            ErrorCode::InstallationEnded => {
                "This match was undone or the computer came back: match the person again."
            }
            ErrorCode::DeviceNotReserved => {
                "This computer is no longer reserved for this person: match them again."
            }
            ErrorCode::SignerNameRequired => {
                "Name who received the computer: write the name of the person signing."
            }
            ErrorCode::SignatureRequired => {
                "Signature: have the household sign, or say why the person cannot sign."
            }
            ErrorCode::VisitNotYetDue => {
                "This visit is booked for a later day: move the visit to today before closing it."
            }
            ErrorCode::SessionInThePast => {
                "Date and time: this session is in the past. Check the date, or confirm it already took place."
            }
            ErrorCode::VisitInThePast => {
                "Visit window: it is already over. Check the day and time, or confirm the visit already took place."
            }
            ErrorCode::NotYetInstalled => {
                "The connection and who signed are corrected once the computer is installed."
            }
            ErrorCode::SerialMismatch => {
                "This serial number or tag is not the one of the reserved device: check the device."
            }
            ErrorCode::TrackingCodeUnknown => {
                "This code does not open any delivery. Check it on your paper."
            }
            ErrorCode::TooManyAttempts => "Too many attempts: please wait a few minutes.",
            ErrorCode::SessionEnded => {
                "This session was ended (signed out or password changed): please sign in again."
            }
            ErrorCode::CurrentPasswordWrong => "Your current password is not right.",
            ErrorCode::PasswordsDiffer => "The two new passwords are not the same.",
            ErrorCode::MessageRequired => "Write a few words about it.",
            ErrorCode::RequestTimeout => "The server took too long to answer. Please try again.",
            ErrorCode::QueryTooDeep => "The query is nested too deeply.",
            ErrorCode::QueryTooComplex => "The query asks for too much at once.",
            ErrorCode::BatchTooLarge => "Too many operations in one batch.",
            ErrorCode::RequestTooLarge => "The request is too large.",
            ErrorCode::UnsupportedMediaType => {
                "The API takes only requests sent as application/json."
            }
            ErrorCode::MethodNotAllowed => "The API takes only POST requests.",
            ErrorCode::TooManyFields => "The query asks for too many fields at once.",
            ErrorCode::IntOutOfRange => {
                "A number is too large: whole numbers go from -2147483648 to 2147483647."
            }
            ErrorCode::DateOutOfRange => "Dates go from the year 1 to the year 9999.",
            ErrorCode::DateInvalid => "A date is missing or not written as YYYY-MM-DD.",
            ErrorCode::BadRequest => "The request could not be understood. Please reload the page.",
            ErrorCode::Internal => {
                "Something went wrong on the server. Please try again in a moment."
            }
        }
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_matches_serde() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(*code));
            let wire = serde_json::to_string(code).expect("a unit variant serialises");
            assert_eq!(wire, format!("\"{}\"", code.as_str()));
        }
        assert_eq!(ErrorCode::parse("NO_SUCH_CODE"), None);
    }
}
