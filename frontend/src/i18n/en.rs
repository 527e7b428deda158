use shared_types::{
    DeviceStatus, DonorKind, ErasureMethod, MaterialCategory, OrganisationKind, Role,
};

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
        Key::Agreement => "Agreement",
        Key::AgreementUntil => "until",
        Key::AddSerial => "Add a serial number",
        Key::Address => "Address",
        Key::Category => "Kind of device",
        Key::ChangeDonor => "Change donor",
        Key::ChooseDonor => "Choose a donor",
        Key::City => "Town",
        Key::ClearSignature => "Clear the signature",
        Key::CollectNow => "Collect now",
        Key::CollectedAt => "Date and time of the pickup",
        Key::Collector => "Collected by",
        Key::ContactPerson => "Contact person",
        Key::CreateAnyway => "It is another donor: save it",
        Key::Discard => "Delete from this phone",
        Key::Donor => "Donor",
        Key::DonorAlreadyKnown => {
            "This donor seems to be known already (same name, same postcode)."
        }
        Key::DonorKind => "Kind of donor",
        Key::DonorName => "Donor's name",
        Key::DonorSignature => "Donor's signature",
        Key::DownloadReceipt => "Download the receipt (PDF)",
        Key::FindDonor => "Find the donor (name, town…)",
        Key::InStorage => "In your storage",
        Key::Items => "items",
        Key::ListNeedsNetwork => {
            "No network: the list of pickups will show when the network is back. Your new pickups are kept on this phone."
        }
        Key::Locating => "Finding the position…",
        Key::NewDonor => "New donor",
        Key::NewDonorHere => "+ New donor",
        Key::NewPickup => "New pickup",
        Key::NewPickupIntro => "Note what you take from a donor, even with no network.",
        Key::NotSigned => "Not signed",
        Key::NotePosition => "Note the GPS position",
        Key::Notes => "Notes",
        Key::OnThisPhone => "On this phone",
        Key::OutboxOffline => {
            "No network: the pickups will be sent by themselves when the network is back."
        }
        Key::OutboxRefused => "Refused:",
        Key::OutboxSending => "Sending…",
        Key::OutboxSent => "Sent",
        Key::OutboxWaiting => "Waiting to be sent",
        Key::OutboxWillRetry => "Trying again by itself in a few seconds.",
        Key::Phone => "Phone",
        Key::Photos => "Photos",
        Key::PhotosSent => "Photos sent:",
        Key::PickKnownDonor => "Choose a known donor instead",
        Key::PickupAddress => "Pickup address",
        Key::PickupAddressHint => "Leave empty if it is the donor's address.",
        Key::Pickups => "Pickups",
        Key::PickupsIntro => "Planned and done pickups, and the material in storage.",
        Key::PickupsWord => "pickups",
        Key::PlanPickup => "Plan a pickup",
        Key::PlannedFor => "Planned date and time",
        Key::Position => "GPS position",
        Key::PositionNoted => "Position noted:",
        Key::Postcode => "Postcode",
        Key::PrepareReceipt => "Prepare the donor's receipt",
        Key::Receipt => "Donor's receipt",
        Key::ReceiptHint => {
            "A PDF listing what was given, with the signature, to show or send to the donor."
        }
        Key::Remove => "Remove",
        Key::SaveDonor => "Save the donor",
        Key::SavePickup => "Save the pickup",
        Key::SavePickupHint => {
            "The pickup is kept on this phone, then sent as soon as the network allows."
        }
        Key::Saving => "Saving…",
        Key::SeePickup => "See the pickup",
        Key::SendNow => "Send now",
        Key::SerialNumber => "Serial or asset number",
        Key::SerialNumbers => "Serial numbers (optional)",
        Key::SerialNumbersHint => {
            "Note them when they are readable: they are used for the erasure certificate."
        }
        Key::ShareReceipt => "Send the receipt…",
        Key::Signature => "Signature",
        Key::SignatureArea => "Signature area: sign with a finger",
        Key::SignedBy => "Name of the person signing",
        Key::CannotSign => "The person cannot sign",
        Key::UnsignedReason => "Why (for example: a proxy, a disability)",
        Key::StatusCancelled => "Cancelled",
        Key::StatusCollected => "Collected",
        Key::StatusScheduled => "Planned",
        Key::StockEmpty => "Nothing in storage yet.",
        Key::StorageFailed => {
            "This phone refuses to keep the pickup (private browsing or full memory). It cannot be saved offline."
        }
        Key::TakePhoto => "Take a photo",
        Key::TotalWeightKg => "Total weight (kg)",
        Key::UseExistingDonor => "Back to the donors list",
        Key::UseThisDonor => "Choose",
        Key::WeightHint => "For example 12.5",
        Key::WhatWasTaken => "Material taken",
        Key::WhenAndWhere => "When and where",
        Key::ChangePassword => "Change my password",
        Key::CurrentPassword => "Current password",
        Key::NewPassword => "New password",
        Key::NewPasswordAgain => "New password, once more",
        Key::PasswordHint => "At least 10 characters. Your other devices will be signed out.",
        Key::PasswordChanged => "Password changed. Your other devices are signed out.",
        Key::PersonalData => "Personal data (GDPR)",
        Key::WhoReadThis => "Who read this record",
        Key::NobodyReadThis => "Nobody has read this record yet.",
        Key::TheHousehold => "the household (tracking page)",
        Key::ExportPersonalData => "Export all their data (JSON)",
        Key::ErasePerson => "Erase this person",
        Key::EraseWarning => {
            "Name, phone, address, email and messages will be erased for good. Figures in past reports do not change."
        }
        Key::ConfirmErase => "Yes, erase for good",
        Key::KeepPerson => "Do not erase",
        Key::AuditRead => "read",
        Key::AuditExport => "export",
        Key::AuditErase => "erasure",
        Key::AuditRetention => "erasure (retention period over)",
        Key::HappenedOnHint => {
            "Today unless you choose the day it happened, when entering it later."
        }
        Key::HandedOverOn => "Date handed over",
        Key::ReceivedOn => "Date received",
        Key::DroppedOutOn => "Date they left",
        Key::CompletedOn => "Date the course was completed",
        Key::InstalledOn => "Date installed",
        Key::MovedOn => "Date of this step",
        Key::StartedOn => "Programme start",
        Key::StartedOnHint => {
            "No step can be dated before this day: set it earlier to enter the programme's history."
        }
        Key::AuditDated => "step entered later, on its own date",
        Key::Dashboard => "Dashboard and report",
        Key::DashboardIntro => "The year's figures against last year, and the report for funders.",
        Key::VsLastYear => "vs last year",
        Key::ReportPickups => "pickups",
        Key::ReportCollectedKg => "collected",
        Key::ReportRefurbished => "donations refurbished",
        Key::ReportInstalled => "computers installed",
        Key::ReportGiven => "computers given to households",
        Key::ReportHandedOverOnly => "handed over without installation",
        Key::ReportRecycledInBulk => "recycled in bulk",
        Key::ReportReadyAgain => "made ready again after a return",
        Key::ReportTrained => "people trained",
        Key::ReportDroppedOut => "drop-outs",
        Key::ReportPath => "From cohort to installation",
        Key::ReportPlaces => "places opened",
        Key::ReportEnrolled => "enrolled",
        Key::ReportWithInternet => "installed with internet",
        Key::ReportMedianDelay => "median delay training → installation",
        Key::ReportMaterial => "Material collected",
        Key::ReportRecycled => "recycled",
        Key::ReportBought => "bought",
        Key::ReportReferrers => "Referrals by referrer",
        Key::ReportGender => "People trained by gender",
        Key::ReportMeanAge => "mean age",
        Key::SmallGroupsHidden => {
            "\"<5\": a group of fewer than five people, not detailed so that nobody can be recognised."
        }
        Key::Year => "Year",
        Key::ReportFiles => "Files for funders",
        Key::ReportPdf => "Report (PDF)",
        Key::CsvSummary => "Key figures (CSV)",
        Key::CsvCollected => "Material collected (CSV)",
        Key::CsvPrescribers => "Referrers (CSV)",
        Key::CsvGender => "Gender (CSV)",
        Key::CsvLearners => "People, pseudonymised (CSV)",
        Key::TodayOnly => "Today's visits only",
        Key::ReasonPreferredKind => "the kind asked for",
        Key::ReasonAnyKind => "no preference",
        Key::ReasonOtherKind => "not the kind asked for",
        Key::ReasonLargeScreen => "large screen for their needs",
        Key::ReasonMemory => "8 GB of memory for the children's homework",
        Key::ReasonGradeA => "grade A",
        Key::ReasonGradeB => "grade B",
        Key::ReasonGradeC => "grade C",
        Key::ReasonLongWait => "has waited a long time",
        Key::Matching => "Matching",
        Key::MatchingIntro => "Offer a ready computer to each trained person.",
        Key::MatchesAccepted => "Matches saved: the computers are reserved.",
        Key::TrackingCode => "tracking code",
        Key::Visits => "Installation visits",
        Key::VisitsIntro => "Book, install at home, get it signed.",
        Key::LearnersWaiting => "trained people waiting",
        Key::DevicesReady => "computers ready",
        Key::OnHoldNoConnection => "Trained, computer on hold: no connection possible",
        Key::NothingToMatch => "Nobody to match for now.",
        Key::WaitingFor => "waiting for",
        Key::Days => "days",
        Key::DeviceForLearner => "Proposed computer",
        Key::HoldForNow => "Hold for now",
        Key::DeclineDevice => "Does not want a computer, or already has one",
        Key::OutcomeDeclined => "Declines the computer",
        Key::OutcomeAlreadyEquipped => "Already has a computer",
        Key::RecordOutcome => "Save",
        Key::DeclinedLearners => "No computer, at their request",
        Key::PutBackWaiting => "Put back on the waiting list",
        Key::WaitingNoDevice => "Waiting: no computer ready yet",
        Key::OutcomeReason => "Reason",
        Key::AcceptMatches => "Accept these matches",
        Key::VisitToBook => "Visit to book",
        Key::VisitBooked => "Visit booked",
        Key::Installed => "Installed",
        Key::VisitFailed => "Visit failed",
        Key::MatchCancelled => "Match undone",
        Key::DeviceReturned => "Computer returned",
        Key::EndedReason => "Why it ended",
        Key::NoVisit => "No visit.",
        Key::HandoverAgreement => "Handover agreement (PDF)",
        Key::VisitWindow => "Time window",
        Key::BookVisit => "Book the visit",
        Key::VisitDay => "Day",
        Key::From => "From",
        Key::To => "To",
        Key::Checklist => "At the home",
        Key::DeviceSetUp => "Computer set up and started",
        Key::AccountsCreated => "Accounts created (session, email)",
        Key::ConnectionLabel => "Internet connection",
        Key::ConnectionBox => "Internet box",
        Key::ConnectionTethering => "Phone connection sharing",
        Key::ConnectionNone => "None",
        Key::ConnectionTested => "Connection test passed",
        Key::InstalledSerial => "Serial number or tag of the installed computer",
        Key::InstalledSerialHint => "Read it off the device: it must be the reserved one.",
        Key::HouseholdSignature => "The person's signature",
        Key::CloseVisit => "Finish the installation",
        Key::VisitFailedAction => "Visit failed (nobody home, no connection)",
        Key::YourComputer => "Your computer",
        Key::TypeYourCode => "Type the code written on your paper",
        Key::TryAnotherCode => "Try another code",
        Key::StepTrained => "Training completed",
        Key::StepReserved => "Computer reserved for you",
        Key::StepVisit => "Installation appointment",
        Key::StepInstalled => "Computer installed at home",
        Key::OnHoldExplained => {
            "Your computer is waiting: it will be installed when you have an internet connection (box or phone sharing)."
        }
        Key::VisitFailedExplained => {
            "The appointment could not take place. You will be called for another day."
        }
        Key::QuestionsCall => "A question? Call:",
        Key::AskOtherDate => "Ask for another day",
        Key::ReportProblem => "Report a problem with the computer",
        Key::SendRequest => "Send",
        Key::RequestSent => "Sent. You will be called back.",
        Key::YourMessage => "Your message",
        Key::HelpDesk => "Help desk",
        Key::HelpDeskIntro => "Reported problems and date-change requests.",
        Key::NoRequest => "No request.",
        Key::Problem => "Problem",
        Key::DateChangeRequest => "Date change",
        Key::StatusOpen => "New",
        Key::StatusInProgress => "In progress",
        Key::StatusResolved => "Resolved",
        Key::FollowMyDelivery => "Follow my computer's delivery (with my code)",
        Key::DevicePreferenceLabel => "Preference",
        Key::PreferLaptop => "Laptop",
        Key::PreferDesktop => "Desktop",
        Key::PreferAny => "No preference",
        Key::ContractSignedOn => "Training contract signed on",
        Key::ChangeModule => "Change the date or place",
        Key::SaveChanges => "Save",
        Key::ReferralReceived => "Received",
        Key::ReferralInvited => "Invited to an information session",
        Key::ReferralEligible => "Eligible",
        Key::ReferralNotEligible => "Not eligible",
        Key::ReferralWaitingList => "On the waiting list",
        Key::ReferralEnrolled => "Enrolled",
        Key::ReferralCompleted => "Completed",
        Key::ReferralDroppedOut => "Dropped out",
        Key::Referrals => "Referrals",
        Key::ReferralsIntro => "Refer a resident to the programme and follow their path.",
        Key::NewReferral => "Refer a resident",
        Key::ReferralSent => "Referral sent.",
        Key::FirstName => "First name",
        Key::LastName => "Last name",
        Key::PhoneForReminders => "For the reminder calls before each module.",
        Key::BirthYear => "Year of birth",
        Key::GenderLabel => "Gender",
        Key::Woman => "Woman",
        Key::Man => "Man",
        Key::Unspecified => "Other / not said",
        Key::Neighbourhood => "Neighbourhood",
        Key::PriorityNeighbourhood => "Lives in a priority neighbourhood",
        Key::Languages => "Languages spoken",
        Key::Adults => "Adults at home",
        Key::Children => "Children at home",
        Key::InternetAtHome => "Internet at home",
        Key::InternetHas => "Already connected",
        Key::InternetCanGet => "Can get one (box or phone sharing)",
        Key::InternetNone => "No possibility",
        Key::AccessibilityNeeds => "Particular needs (sight, disability…)",
        Key::ReferralReason => "Why this referral",
        Key::YouAre => "You are",
        Key::JobCentre => "Job centre",
        Key::SocialCentre => "Social centre",
        Key::OtherPrescriber => "Other",
        Key::ConsentText => {
            "The person agrees to their data being used for the programme (they may ask to see or erase it)."
        }
        Key::SendReferral => "Send the referral",
        Key::NewReferralsToInvite => "New referrals to invite",
        Key::InfoSession => "Information session",
        Key::InfoSessions => "Information sessions",
        Key::InfoSessionsIntro => "Meet referred residents and decide their eligibility.",
        Key::ChooseSession => "Choose an information session",
        Key::Invite => "Invite",
        Key::NoReferral => "No referral yet.",
        Key::NewInfoSession => "New information session",
        Key::DateAndTime => "Date and time",
        Key::Place => "Place",
        Key::NobodyInvited => "Nobody is invited yet.",
        Key::EligibilityCriteria => "Criteria",
        Key::CriterionResidence => "Lives in a priority neighbourhood (or an agreed exception)",
        Key::CriterionFrench => "Speaks and writes enough French",
        Key::CriterionAvailability => "Available on the dates",
        Key::CriterionMotivation => "Motivated",
        Key::DecisionReason => "Reason (required if no, or if a criterion is missing)",
        Key::Eligible => "Eligible",
        Key::NotEligible => "Not eligible",
        Key::Cohorts => "Cohorts",
        Key::CohortsIntro => "Cohorts, their 11 modules, learners and completion.",
        Key::NewCohort => "New cohort",
        Key::CohortName => "Cohort name",
        Key::Places => "Places",
        Key::FirstModuleAt => "First module (date and time)",
        Key::FirstModuleHint => {
            "The 11 modules follow, one a week; each date can be changed later."
        }
        Key::TrainerName => "Trainer",
        Key::PlacesTaken => "places taken",
        Key::Learners => "Learners",
        Key::Modules => "Modules",
        Key::Optional => "optional",
        Key::PresentWord => "present",
        Key::OutcomeMet => "Completion rule met",
        Key::OutcomePending => "Modules still to come",
        Key::OutcomeNotMet => "Too many absences to complete",
        Key::ConfirmCompletion => "Confirm completion",
        Key::DropOut => "Record a drop-out",
        Key::EnrolEligible => "Enrol eligible people",
        Key::Enrol => "Enrol",
        Key::EveryonePresent => "Everyone present",
        Key::Present => "Present",
        Key::Absent => "Absent",
        Key::Excused => "Excused",
        Key::SaveAttendance => "Save attendance",
        Key::Sending => "Sending…",
        Key::AttendanceSaved => "Attendance saved.",
        Key::AttendanceWaiting => {
            "No network: attendance is kept and will be sent when the network is back."
        }
        Key::RemindersTitle => "Reminder calls",
        Key::RemindersIntro => "The people to call the day before each module.",
        Key::NoReminder => "No module tomorrow.",
        Key::PurchaseDate => "Purchase date",
        Key::Funder => "Paid for by (optional)",
        Key::PreparedBy => "Workshop preparing it",
        Key::BoughtRefurbished => "None: bought already refurbished",
        Key::Settings => "Programme settings",
        Key::Imports => "Import and export",
        Key::ImportsIntro => {
            "Bring the programme's history in from a spreadsheet, and export everything."
        }
        Key::ImportTemplates => "1. Download a template",
        Key::ImportTemplatesHint => {
            "One tab per kind of record (donors, pickups, devices, learners…). Headers may be in French or English."
        }
        Key::TemplateFrench => "Template in French",
        Key::TemplateEnglish => "Template in English",
        Key::ImportSend => "2. Send the filled file",
        Key::ImportFile => "XLSX, ODS or CSV file",
        Key::ImportFileHint => {
            "Passerelle checks the whole file first: nothing is saved until you confirm."
        }
        Key::CheckFile => "Check the file",
        Key::ImportNow => "Import these records",
        Key::ImportChecked => "Checked: nothing is saved yet.",
        Key::ImportSheet => "Tab",
        Key::ImportNewRecords => "New records",
        Key::ImportExistingRecords => "Already imported",
        Key::ImportNewOrganisations => "Organisations that will be created:",
        Key::ImportProblems => "Rows to fix",
        Key::ImportFixAndRetry => {
            "Nothing was saved. Fix these rows in your spreadsheet, save it, then check the file again."
        }
        Key::ImportOtherProblems => "other problems",
        Key::ImportDone => {
            "Import done: the records are saved. The reports of the imported years are on the dashboard."
        }
        Key::ImportLine => "line",
        Key::ImportColumn => "column",
        Key::ImportWholeFile => "File",
        Key::ExportTitle => "3. Export everything",
        Key::ExportHint => {
            "All the programme's records and their history, in the template's format: to archive them or move them to another Passerelle."
        }
        Key::ExportAll => "Export everything (XLSX)",
        Key::ReferredOn => "Referred on",
        Key::DecidedOn => "Decided on",
        Key::EnrolledOn => "Enrolled on",
        Key::SaidOn => "Day they said so",
        Key::ImportNothingNew => {
            "Nothing new: all these records were imported before, nothing is doubled."
        }
        Key::MatchedOn => "Matched on",
        Key::ForgotPassword => "Forgot your password?",
        Key::ForgotPasswordTitle => "Forgotten password",
        Key::ForgotPasswordIntro => {
            "Give the e-mail address of your account: you will receive a link to choose a new password."
        }
        Key::SendResetLink => "Send me the link",
        Key::ResetLinkSent => {
            "Sent. If this address has an account, an e-mail is on its way with a link that works for 30 minutes. Look in the spam folder too."
        }
        Key::BackToSignIn => "Back to sign-in",
        Key::ResetPasswordTitle => "Choose a new password",
        Key::SaveNewPassword => "Save the password",
        Key::PasswordResetDone => "Done: your password is changed. Sign in with the new one.",
        Key::AskNewLink => "The link no longer works? Ask for a new one",
        Key::Messages => "Messages sent",
        Key::MessagesIntro => {
            "The e-mails Passerelle sends (password links): sent, waiting, or failed with the reason."
        }
        Key::NoMessages => "No message yet.",
        Key::MessageWaiting => "Waiting",
        Key::MessageSent => "Sent",
        Key::MessageFailed => "Failed",
        Key::MessageAttempts => "Attempts",
        Key::MessagePasswordReset => "Link to a new password",
        Key::MessageText => "The message's text (demo server: nothing leaves)",
        Key::SettingsIntro => {
            "The course, the share agreed with the workshop, the completion rule, the time zone."
        }
        Key::ProgrammeRules => "Rules",
        Key::AgreedShareField => "Share made ready agreed with the workshop (%)",
        Key::MaxExcused => "Excused absences allowed to complete the course",
        Key::MaxAbsent => "Unexcused absences allowed to complete the course",
        Key::TimeZone => "Time zone",
        Key::Course => "The course's modules",
        Key::CourseHint => {
            "Each new cohort gets these modules, one a week. Cohorts already created keep theirs."
        }
        Key::ModuleWord => "Module",
        Key::ModuleTitle => "Title",
        Key::Mandatory => "Needed to complete the course",
        Key::PlaceOptional => "Place (optional: the cohort's otherwise)",
        Key::CohortsOwnProvider => "The cohort's own provider",
        Key::AddModule => "Add a module",
        Key::MoveUp => "Move up",
        Key::MoveDown => "Move down",
        Key::SettingsSaved => "Settings saved. The next cohorts will follow them.",
        Key::CorrectRecord => "Correct the record",
        Key::RecordCorrected => "Record corrected.",
        Key::MoveTicked => "Move the ticked devices",
        Key::MoveThem => "Move",
        Key::RecycledWeightEachKg => "Weight of each (kg)",
        Key::DevicesMoved => "devices moved",
        Key::OpenVisit => "Open the visit",
        Key::OpenComputer => "Open the computer",
        Key::BulkRecyclingTitle => "Recycled in bulk",
        Key::BulkRecyclingHint => {
            "Material from this batch sent to recycling without a record per device: counted and weighed."
        }
        Key::RecycledMaterial => "Material recycled",
        Key::RecycledOn => "Recycling date",
        Key::ItemCount => "Number of items (0 if only weighed)",
        Key::RecordRecycling => "Record the recycling",
        Key::RecycledInBulk => "Recycled in bulk",
        Key::CallOutcomeLegend => "How did the call go?",
        Key::CallNotYet => "To call",
        Key::CallReminded => "Reminded",
        Key::CallNoAnswer => "No answer",
        Key::CallMessageLeft => "Message left",
        Key::CallAbsenceAnnounced => "Will be absent",
        Key::AbsenceAnnouncedByPhone => "Said on the phone they will be absent",
        Key::TrainingProvider => "Training provider",
        Key::TaughtBy => "Taught by",
        Key::ChooseProvider => "Choose the provider",
        Key::ConfirmMove => "Move it anyway (the marks stay)",
        Key::CorrectCohort => "Correct the name or places",
        Key::AddPurchasedDevice => "Record a bought device",
        Key::Supplier => "Supplier",
        Key::PriceEuros => "Price (€)",
        Key::AddDevice => "Add a device",
        Key::AddStorage => "Add a storage medium",
        Key::AgreedShare => "agreed share",
        Key::AllStatuses => "All stages",
        Key::BatchHandedOver => "Handed over, to be received",
        Key::BatchReceived => "Received",
        Key::BatchWord => "Batch",
        Key::Batches => "Batches",
        Key::BatchesIntro => {
            "Material handed from collection to the refurbisher, and what comes back."
        }
        Key::Brand => "Brand",
        Key::Confirm => "Confirm",
        Key::ConfirmHandOver => "Hand over this batch",
        Key::ConfirmReceipt => "Confirm receipt",
        Key::ConfirmReceiptHint => {
            "Count what arrived: a difference with what was sent is flagged, not refused."
        }
        Key::CountMismatch => "Count mismatch",
        Key::Counted => "Counted",
        Key::DeviceTag => "Device tag",
        Key::Devices => "Devices",
        Key::DevicesIntro => "Find a device by its label, follow its refurbishment.",
        Key::DevicesRecorded => "Devices recorded",
        Key::DevicesWord => "devices",
        Key::Erased => "Erased",
        Key::ErasedOn => "Date of erasure",
        Key::ErasureCertificate => "Erasure certificate (PDF)",
        Key::ErasureMethod => "Method",
        Key::ErasureReport => "Report",
        Key::ErasureReportOptional => "The tool's report (optional: PDF, text or photo)",
        Key::ErasureTool => "Tool used",
        Key::ErasureToolHint => "For example nwipe 0.34, Blancco, shredder",
        Key::ExistingTag => "Label already stuck on it (optional)",
        Key::ExistingTagHint => "Leave empty: a new tag is made.",
        Key::Failed => "Failed",
        Key::FromDonor => "From donor",
        Key::Grade => "Grade",
        Key::GradeA => "like new",
        Key::GradeB => "visible wear",
        Key::GradeC => "works, worn",
        Key::HandOverBatch => "Hand a batch to the refurbisher",
        Key::HandedOverBy => "Handed over by",
        Key::History => "History",
        Key::ItemsReceived => "Items received",
        Key::Model => "Model",
        Key::NextStep => "Next step",
        Key::NoBatch => "No batch yet.",
        Key::NoStorage => "No data storage",
        Key::NotErased => "Not erased yet",
        Key::Open => "Open",
        Key::OperatingSystem => "Operating system",
        Key::Operator => "Done by",
        Key::Origin => "Origin",
        Key::Passed => "Passed",
        Key::PickupsToHandOver => "Pickups to hand over",
        Key::PrintLabel => "Label to print (PDF)",
        Key::PrintLabels => "Labels to print (PDF)",
        Key::Processor => "Processor",
        Key::Purchase => "Bought from",
        Key::RamGb => "Memory (GB)",
        Key::ReadyDevices => "Ready",
        Key::ReadyShare => "Share made ready",
        Key::Reason => "Reason (required to go back)",
        Key::RecordErasure => "Record an erasure",
        Key::RecycledDevices => "Recycled",
        Key::RecycledWeight => "Recycled",
        Key::RecycledWeightKg => "Weight sent to recycling (kg)",
        Key::Refurbisher => "Refurbisher",
        Key::Result => "Result",
        Key::SaveDevice => "Save the device",
        Key::ScanLabel => "Scan the label with the camera",
        Key::ScreenInches => "Screen (inches)",
        Key::Sent => "Sent",
        Key::Status => "Stage",
        Key::StopScan => "Stop the camera",
        Key::StorageAndErasure => "Storage and data erasure",
        Key::StorageGb => "Storage (GB)",
        Key::StorageKind => "Storage medium",
        Key::YieldTitle => "Refurbishment yield",
        Key::Download => "download",
        Key::SignOutLosesPickups => {
            "pickup(s) not sent yet will be deleted from this phone. Sign out anyway?"
        }
        Key::CorrectPickup => "Correct the material",
        Key::SaveCorrection => "Save the correction",
        Key::CancelReason => "Why it is called off (optional)",
        Key::CancelPickup => "Call off this pickup",
        Key::Organisations => "Partner organisations",
        Key::OrganisationsIntro => {
            "The bodies that collect, refurbish, train, install or refer in the programme."
        }
        Key::NewOrganisation => "Add a partner organisation",
        Key::OrganisationName => "Name of the organisation",
        Key::OrganisationKindLabel => "What it does in the programme",
        Key::ChooseOrganisationKind => "Choose",
        Key::Edit => "Edit",
        Key::AccountSaved => "Account saved.",
        Key::OrganisationSaved => "Organisation saved.",
        Key::CorrectReferralTitle => "Correct the referral",
        Key::SelectAll => "Select all",
        Key::CorrectReferral => "Correct",
        Key::ReferralCorrected => "Referral corrected.",
        Key::YourRequests => "Your requests",
        Key::RequestReceivedWaiting => "Received: the team will look at it",
        Key::RequestBeingHandled => "In progress: the team is on it",
        Key::RequestSettled => "Settled",
        Key::SentOn => "Sent on",
        Key::AnswerWord => "Answer:",
        Key::AnswerForHousehold => "Answer to the person (they read it on their tracking page)",
        Key::HouseholdAsked => "What the household asks",
        Key::CorrectVisit => "Correct this visit",
        Key::VisitCorrected => "Visit corrected.",
        Key::InstallingOrganisation => "Organisation that installs",
        Key::ConfirmPastSession => "It already took place: record it anyway",
        Key::ConfirmPastVisit => "The visit already took place: record it anyway",
        Key::FailedVisitOn => "Date of the missed visit",
        Key::WhatHappened => "What happened (nobody home, no connection…)",
        Key::ReportedOn => "Date reported",
        Key::InviteToThisSession => "Invite people to this session",
        Key::InvitedPeople => "people invited",
        Key::OfflineCopy => "No network: this is the copy kept on this phone. Last updated:",
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

pub fn category(category: MaterialCategory) -> &'static str {
    match category {
        MaterialCategory::Desktop => "Desktop computers",
        MaterialCategory::Laptop => "Laptops",
        MaterialCategory::Screen => "Screens",
        MaterialCategory::Printer => "Printers",
        MaterialCategory::Phone => "Phones",
        MaterialCategory::Tablet => "Tablets",
        MaterialCategory::Other => "Peripherals and other",
    }
}

pub fn one_of_category(category: MaterialCategory) -> &'static str {
    match category {
        MaterialCategory::Desktop => "Desktop computer",
        MaterialCategory::Laptop => "Laptop",
        MaterialCategory::Screen => "Screen",
        MaterialCategory::Printer => "Printer",
        MaterialCategory::Phone => "Phone",
        MaterialCategory::Tablet => "Tablet",
        MaterialCategory::Other => "Device",
    }
}

pub fn device_status(status: DeviceStatus) -> &'static str {
    match status {
        DeviceStatus::Received => "Received",
        DeviceStatus::InRefurbishment => "In refurbishment",
        DeviceStatus::Ready => "Ready",
        DeviceStatus::Recycled => "Recycled",
        DeviceStatus::Reserved => "Reserved for a learner",
        DeviceStatus::InstallationScheduled => "Installation booked",
        DeviceStatus::Installed => "Installed",
        DeviceStatus::Returned => "Returned",
    }
}

pub fn erasure_method(method: ErasureMethod) -> &'static str {
    match method {
        ErasureMethod::Overwrite => "Full overwrite",
        ErasureMethod::SecureErase => "Drive secure erase",
        ErasureMethod::CryptographicErase => "Cryptographic erase",
        ErasureMethod::FactoryReset => "Factory reset (encrypted)",
        ErasureMethod::PhysicalDestruction => "Physical destruction",
    }
}

/// The name a screen reader gives a photo link: the image alone says nothing.
pub fn photo_link(number: usize, total: usize) -> String {
    format!("Photo {number} of {total}, full size in a new tab")
}

/// The singular of the plural nouns that follow a number.
pub fn singular(many: Key) -> Option<&'static str> {
    Some(match many {
        Key::ImportOtherProblems => "other problem",
        Key::InvitedPeople => "person invited",
        Key::AccountsCount => "account",
        Key::DonorsCount => "donor",
        Key::Items => "item",
        Key::PickupsWord => "pickup",
        Key::DevicesWord => "device",
        Key::LearnersWaiting => "trained person waiting",
        Key::DevicesReady => "computer ready",
        Key::Days => "day",
        Key::PlacesTaken => "place taken",
        Key::ReportPickups => "pickup",
        Key::ReportRefurbished => "donation refurbished",
        Key::ReportInstalled => "computer installed",
        Key::ReportGiven => "computer given to a household",
        Key::DevicesMoved => "device moved",
        Key::ReportTrained => "person trained",
        Key::ReportDroppedOut => "drop-out",
        _ => return None,
    })
}

/// What is wrong with an imported file, sheet, row or cell.
pub fn import_problem(problem: shared_types::import::Problem) -> &'static str {
    use shared_types::import::Problem;
    match problem {
        Problem::NotSpreadsheet => "This file is not a spreadsheet: send an XLSX, ODS or CSV file.",
        Problem::Encrypted => {
            "The workbook is locked with a password: save it without one, then send it again."
        }
        Problem::Corrupt => {
            "The workbook cannot be read (damaged or cut short): save it again from your spreadsheet."
        }
        Problem::Empty => "The file has no row to import under the headers.",
        Problem::UnknownSheet => {
            "This tab is not one of the template's: name it as in the template or remove it."
        }
        Problem::TooManyRows => {
            "A tab has too many rows (150,000 at most): split the file; each file's references find those of earlier ones."
        }
        Problem::UnknownColumn => "Unknown column: check its header, or remove it.",
        Problem::MissingColumn => "A required column is missing: add it with this header.",
        Problem::DuplicateColumn => "This column is there twice: keep one.",
        Problem::MergedHeader => "Header cells are merged: unmerge them, one header per column.",
        Problem::Formula => {
            "The cell holds a formula: paste its value instead (Paste special, Values)."
        }
        Problem::Required => "This cell is required.",
        Problem::NotADate => "This is not a date: write it dd/mm/yyyy.",
        Problem::NotATime => "This is not a time: write it 9:30.",
        Problem::NotANumber => "This is not a number.",
        Problem::UnknownWord => "Unknown value for this column: use one of the template's.",
        Problem::NotYesNo => "Write yes or no.",
        Problem::OutOfRange => "Value outside what is allowed.",
        Problem::Invalid => "Value refused: check it.",
        Problem::DateInFuture => "The date is still to come: give the day it happened.",
        Problem::DateBeforeProgramme => {
            "The date is before the programme started (see the settings)."
        }
        Problem::DateBeforePreviousStep => "The date is before the step it follows.",
        Problem::UnknownReference => {
            "No row of the file nor earlier import creates this reference."
        }
        Problem::DuplicateReference => {
            "This reference is already on another row of the tab (its line in brackets)."
        }
        Problem::MoveNotAllowed => "This change of status is not possible from the one before.",
        Problem::ErasureRequired => {
            "The device cannot be ready without a passed erasure of its data on or before that day."
        }
        Problem::AlreadyTaken => "Another device already has this number.",
        Problem::AlreadyMatched => {
            "This learner, household or device already has a computer matched."
        }
        Problem::NotCompleted => {
            "The learner has not completed the course: a computer comes after it."
        }
    }
}
