//! Home installation and after-sales: the visit's lifecycle, the checklist,
//! the household's tracking code, support requests.

use serde::{Deserialize, Serialize};

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
pub enum InstallationStatus {
    /// A device is reserved for the learner; no visit booked yet.
    Reserved,
    Booked,
    Installed,
    /// The visit failed (nobody home, no connection): to be booked again.
    Failed,
    /// The match was undone before the computer was installed (the device went
    /// back to the stock, or the learner declined it): kept as history.
    Cancelled,
    /// The computer was installed, then came back from the home.
    Returned,
}

/// The handover agreement is signed by the person who receives the computer,
/// whose name is written beside it; when they cannot sign (a proxy receives
/// it, a disability), the reason is recorded instead of the signature. Shared by the checklist form and the server.
pub fn check_handover(
    signature_strokes: usize,
    signed_by: Option<&str>,
    unsigned_reason: Option<&str>,
) -> Result<(), crate::ErrorCode> {
    let given = |text: Option<&str>| text.is_some_and(|t| !t.trim().is_empty());
    if !given(signed_by) {
        return Err(crate::ErrorCode::SignerNameRequired);
    }
    if signature_strokes == 0 && !given(unsigned_reason) {
        return Err(crate::ErrorCode::SignatureRequired);
    }
    Ok(())
}

impl InstallationStatus {
    /// Whether this installation still holds its device, its learner and
    /// their household: at most one such installation each, enforced by the
    /// database's partial unique indexes (migration 12). An ended one is
    /// history, and the device and the household can be matched again.
    pub fn holds_device(self) -> bool {
        match self {
            Self::Reserved | Self::Booked | Self::Failed | Self::Installed => true,
            Self::Cancelled | Self::Returned => false,
        }
    }

    /// The statuses that hold a device, for database filters.
    pub const HOLDING: [InstallationStatus; 4] =
        [Self::Reserved, Self::Booked, Self::Failed, Self::Installed];
}

crate::stored_text!(InstallationStatus);

/// Why a trained learner is not waiting for a computer although they could:
/// recorded with a reason, and withdrawn if they change their mind.
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
pub enum DeviceOutcome {
    /// The learner does not want the computer offered.
    Declined,
    /// The household already has a working computer.
    AlreadyEquipped,
}

crate::stored_text!(DeviceOutcome);

/// How the installed computer reaches the internet.
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
pub enum Connection {
    Box,
    /// The household's smartphone shares its connection.
    Tethering,
    None,
}

crate::stored_text!(Connection);

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
pub enum SupportKind {
    /// Something does not work on the installed device.
    Problem,
    /// The household asks to move the visit.
    DateChange,
}

crate::stored_text!(SupportKind);

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
pub enum SupportStatus {
    Open,
    InProgress,
    Resolved,
}

crate::stored_text!(SupportStatus);

/// Letters and digits a person reads off paper without confusion
/// (no 0/O, 1/I/L, 5/S, 2/Z, 8/B).
pub const TRACKING_ALPHABET: &[u8] = b"ACDEFGHJKMNPQRTUVWXY34679";
/// 10 characters of 25: about 46 bits, beyond guessing at our rate limits.
pub const TRACKING_CODE_LENGTH: usize = 10;

/// A tracking code typed by hand: case, spaces and dashes forgiven.
pub fn normalise_tracking_code(text: &str) -> Option<String> {
    let code: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect();
    (code.len() == TRACKING_CODE_LENGTH && code.bytes().all(|b| TRACKING_ALPHABET.contains(&b)))
        .then_some(code)
}

/// Printed in two halves for reading aloud: `ACD4F-GH7KM`.
pub fn display_tracking_code(code: &str) -> String {
    if code.len() == TRACKING_CODE_LENGTH {
        format!("{}-{}", &code[..5], &code[5..])
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handover_needs_a_name_and_a_signature_or_why_there_is_none() {
        use crate::ErrorCode;
        assert_eq!(check_handover(2, Some("Chantal Martin"), None), Ok(()));
        assert_eq!(
            check_handover(0, Some("Paul Martin"), Some("Procuration de sa mère")),
            Ok(())
        );
        assert_eq!(
            check_handover(2, Some("  "), None),
            Err(ErrorCode::SignerNameRequired)
        );
        assert_eq!(
            check_handover(2, None, None),
            Err(ErrorCode::SignerNameRequired)
        );
        assert_eq!(
            check_handover(0, Some("Chantal Martin"), None),
            Err(ErrorCode::SignatureRequired)
        );
        assert_eq!(
            check_handover(0, Some("Chantal Martin"), Some(" ")),
            Err(ErrorCode::SignatureRequired)
        );
    }

    #[test]
    fn holding_statuses_are_the_list_the_database_indexes() {
        for status in InstallationStatus::ALL {
            assert_eq!(
                status.holds_device(),
                InstallationStatus::HOLDING.contains(status),
                "{status:?}"
            );
        }
        assert!(!InstallationStatus::Cancelled.holds_device());
        assert!(!InstallationStatus::Returned.holds_device());
    }

    #[test]
    fn codes_read_back_as_typed() {
        assert_eq!(
            normalise_tracking_code("acd4f-gh7km").as_deref(),
            Some("ACD4FGH7KM")
        );
        assert_eq!(
            normalise_tracking_code(" ACD4F GH7KM ").as_deref(),
            Some("ACD4FGH7KM")
        );
        assert_eq!(
            normalise_tracking_code("ACD4FGH7K0"),
            None,
            "0 is not in the alphabet"
        );
        assert_eq!(normalise_tracking_code("ACD4F"), None);
        assert_eq!(display_tracking_code("ACD4FGH7KM"), "ACD4F-GH7KM");
    }
}
