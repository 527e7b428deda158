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
        Key::ItemOne => "item",
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
        Key::PickupOne => "pickup",
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
        Key::EnrolEligible => "Enrol an eligible person",
        Key::ChoosePerson => "Choose a person",
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
        Key::Called => "Called",
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
