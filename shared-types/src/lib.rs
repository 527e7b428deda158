//! One definition of what both sides of Passerelle must agree on: the error
//! codes the API sends, the roles and organisation kinds, and the validation
//! rules a form checks before the server checks them again.

pub mod device;
pub mod donor;
pub mod error;
pub mod installation;
pub mod matching;
pub mod organisation;
pub mod page;
pub mod pickup;
pub mod programme;
pub mod text;
pub mod training;
pub mod validation;

pub use device::{BatchStatus, DeviceSource, DeviceStatus, ErasureMethod, Grade, MediumKind};
pub use donor::DonorKind;
pub use error::ErrorCode;
pub use installation::{Connection, DeviceOutcome, InstallationStatus, SupportKind, SupportStatus};
pub use matching::{DevicePreference, MatchReason};
pub use organisation::{AccountChanges, Language, OrganisationChanges, OrganisationKind, Role};
pub use page::{MAX_PAGE_SIZE, Page};
pub use pickup::{MaterialCategory, PickupStatus};
pub use programme::ProgrammeTimeZone;
pub use training::{
    AttendanceMark, CompletionOutcome, Gender, InternetAccess, PrescriberKind, ReferralStatus,
    ReminderOutcome,
};
