//! Table mappings. Enumerations are stored as their stable text from `shared-types`.
pub mod attendance;
pub mod audit_entry;
pub mod batch;
pub mod batch_count;
pub mod bulk_recycling;
pub mod cohort;
pub mod cohort_module;
pub mod device;
pub mod device_event;
pub mod device_tally;
pub mod donor;
pub mod erasure;
pub mod imported_record;
pub mod info_session;
pub mod installation;
pub mod module_template;
pub mod organisation;
pub mod outbox_message;
pub mod password_reset;
pub mod pickup;
pub mod pickup_count;
pub mod pickup_photo;
pub mod pickup_serial;
pub mod programme;
pub mod referral;
pub mod refresh_token;
pub mod reminder_call;
pub mod storage_medium;
pub mod support_request;
pub mod user;
pub mod user_role;

#[cfg(test)]
mod tests {
    use sea_orm::{ActiveEnum, Iterable};
    use shared_types::*;

    /// The text sea-orm stores for each variant is the text of the API and
    /// of the rows written before the columns were typed.
    macro_rules! stored_as_wire_text {
        ($($ty:ty),+ $(,)?) => {$(
            assert_eq!(<$ty>::iter().count(), <$ty>::ALL.len(), stringify!($ty));
            for variant in <$ty>::iter() {
                assert_eq!(variant.to_value(), variant.as_str(), stringify!($ty));
            }
        )+};
    }

    #[test]
    fn every_stored_enumeration_keeps_its_text() {
        stored_as_wire_text!(
            AttendanceMark,
            BatchStatus,
            Connection,
            DeviceOutcome,
            DevicePreference,
            DeviceSource,
            DeviceStatus,
            DonorKind,
            ErasureMethod,
            Gender,
            Grade,
            InstallationStatus,
            InternetAccess,
            Language,
            MaterialCategory,
            MediumKind,
            OrganisationKind,
            PickupStatus,
            PrescriberKind,
            ReferralStatus,
            ReminderOutcome,
            Role,
            SupportKind,
            SupportStatus,
        );
    }
}
