//! One definition of what both sides of Passerelle must agree on: the error
//! codes the API sends, the roles and organisation kinds, and the validation
//! rules a form checks before the server checks them again.

pub mod device;
pub mod donor;
pub mod error;
pub mod import;
pub mod installation;
pub mod matching;
pub mod message;
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
pub use message::{MessageKind, MessageStatus};
pub use organisation::{AccountChanges, Language, OrganisationChanges, OrganisationKind, Role};
pub use page::{MAX_PAGE_SIZE, Page};
pub use pickup::{MaterialCategory, PickupStatus};
pub use programme::ProgrammeTimeZone;
pub use training::{
    AttendanceMark, CompletionOutcome, Gender, InternetAccess, PrescriberKind, ReferralStatus,
    ReminderOutcome,
};

#[cfg(test)]
mod stored_text_tests {
    use super::*;

    /// The text stored and sent for each value is the one serde writes on
    /// the wire, and reads back to the same value.
    fn holds<T>(values: &[T], as_str: fn(T) -> &'static str, parse: fn(&str) -> Option<T>)
    where
        T: Copy + PartialEq + std::fmt::Debug + serde::Serialize,
    {
        assert!(!values.is_empty());
        for value in values {
            let wire = serde_json::to_value(value).expect("serialises");
            assert_eq!(wire, serde_json::Value::from(as_str(*value)), "{value:?}");
            assert_eq!(parse(as_str(*value)), Some(*value));
        }
        assert_eq!(parse("NOT_A_VALUE"), None);
    }

    macro_rules! each {
        ($($ty:ident),+) => {$( holds($ty::ALL, $ty::as_str, $ty::parse); )+};
    }

    #[test]
    fn every_enumeration_is_stored_as_it_is_sent() {
        each!(
            DeviceStatus,
            Grade,
            DeviceSource,
            MediumKind,
            ErasureMethod,
            BatchStatus,
            DonorKind,
            ErrorCode,
            InstallationStatus,
            DeviceOutcome,
            Connection,
            SupportKind,
            SupportStatus,
            DevicePreference,
            OrganisationKind,
            Role,
            Language,
            MaterialCategory,
            PickupStatus,
            ProgrammeTimeZone,
            ReferralStatus,
            PrescriberKind,
            Gender,
            InternetAccess,
            AttendanceMark,
            ReminderOutcome
        );
    }
}
