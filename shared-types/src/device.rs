//! Devices: each reusable computer, screen or phone gets a record, a tag and
//! a lifecycle. The lifecycle is defined here once; the server enforces it
//! and the screens offer only the moves it allows.

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

/// Where a device is in its life in the programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
pub enum DeviceStatus {
    /// Arrived at the refurbisher, not yet looked at.
    Received,
    InRefurbishment,
    /// Data erased, tested, graded: can be given to a learner.
    Ready,
    /// Not reusable: sent to recycling (its weight is recorded).
    Recycled,
    /// Matched to a learner, waiting for the home visit to be booked.
    Reserved,
    InstallationScheduled,
    Installed,
    /// Came back from a household (broken, unwanted, moved away).
    Returned,
}

crate::stored_text!(DeviceStatus);

impl DeviceStatus {
    /// The moves the lifecycle allows from this status.
    ///
    /// Beyond the main line, a few moves back are real: a device found beyond
    /// repair at intake is recycled; a match undone puts a device back to
    /// ready; a visit called off puts it back to reserved.
    pub fn next(self) -> &'static [DeviceStatus] {
        use DeviceStatus::*;
        match self {
            Received => &[InRefurbishment, Recycled],
            InRefurbishment => &[Ready, Recycled],
            Ready => &[Reserved, InRefurbishment, Recycled],
            Reserved => &[InstallationScheduled, Ready],
            InstallationScheduled => &[Installed, Reserved],
            Installed => &[Returned],
            Returned => &[InRefurbishment, Ready, Recycled],
            Recycled => &[],
        }
    }

    pub fn can_become(self, to: DeviceStatus) -> bool {
        self.next().contains(&to)
    }

    /// The moves allowed from here for a device of this source: a computer
    /// bought already refurbished also goes from received straight to
    /// ready, its seller's erasure certificate recorded as its erasure.
    pub fn next_for(self, source: DeviceSource) -> &'static [DeviceStatus] {
        use DeviceStatus::*;
        match (self, source) {
            (Received, DeviceSource::Purchase) => &[InRefurbishment, Ready, Recycled],
            _ => self.next(),
        }
    }

    pub fn can_become_for(self, to: DeviceStatus, source: DeviceSource) -> bool {
        self.next_for(source).contains(&to)
    }

    /// Where the refurbisher has the device in hand (and may change its details).
    pub fn at_refurbisher(self) -> bool {
        matches!(
            self,
            DeviceStatus::Received | DeviceStatus::InRefurbishment | DeviceStatus::Returned
        )
    }
}

/// Cosmetic and functional grade given after refurbishment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
pub enum Grade {
    /// Like new.
    A,
    /// Works well, visible wear.
    B,
    /// Works, marked or with a weak battery.
    C,
}

crate::stored_text!(Grade);

/// How a device came to the programme.
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
pub enum DeviceSource {
    Donation,
    Purchase,
}

crate::stored_text!(DeviceSource);

/// A storage medium that must be erased before the device leaves.
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
pub enum MediumKind {
    Hdd,
    Ssd,
    /// Soldered flash (eMMC, phone and tablet storage).
    Flash,
    Other,
}

crate::stored_text!(MediumKind);

/// How a medium was erased (NIST SP 800-88 vocabulary, plus destruction).
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
pub enum ErasureMethod {
    /// Overwriting every sector (one or more passes).
    Overwrite,
    /// The drive's own secure erase / sanitize command.
    SecureErase,
    /// Destroying the encryption key of a self-encrypting drive.
    CryptographicErase,
    /// A factory reset of an encrypted phone or tablet.
    FactoryReset,
    /// The medium was shredded or drilled; the device leaves without it.
    PhysicalDestruction,
}

crate::stored_text!(ErasureMethod);

impl ErasureMethod {
    pub fn label_fr(self) -> &'static str {
        match self {
            ErasureMethod::Overwrite => "Réécriture complète",
            ErasureMethod::SecureErase => "Effacement sécurisé du disque",
            ErasureMethod::CryptographicErase => "Effacement cryptographique",
            ErasureMethod::FactoryReset => "Réinitialisation d'usine (chiffré)",
            ErasureMethod::PhysicalDestruction => "Destruction physique",
        }
    }
}

/// Where a batch handed from a collector to a refurbisher stands.
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
pub enum BatchStatus {
    /// The collector handed it over; the refurbisher has not confirmed yet.
    HandedOver,
    Received,
}

crate::stored_text!(BatchStatus);

/// The kinds of device that hold personal data and must have their storage
/// declared (and erased) before they can be given out.
pub fn holds_data(kind: crate::MaterialCategory) -> bool {
    use crate::MaterialCategory::*;
    matches!(kind, Desktop | Laptop | Phone | Tablet)
}

/// The human-readable tag printed on the label: `PSL-2026-00042`.
pub fn device_tag(year: i32, number: i64) -> String {
    format!("PSL-{year:04}-{number:05}")
}

/// Reads a tag typed by hand: case, spaces and a missing dash forgiven
/// ("psl 2026 42" is `PSL-2026-00042`).
pub fn parse_tag(text: &str) -> Option<String> {
    let cleaned: String = text
        .trim()
        .to_uppercase()
        .chars()
        .map(|c| if c == ' ' || c == '_' { '-' } else { c })
        .collect();
    let rest = cleaned.strip_prefix("PSL")?.trim_start_matches('-');
    let (year, number) = rest.split_once('-')?;
    let year: i32 = year.parse().ok().filter(|y| (2000..=2999).contains(y))?;
    let number: i64 = number
        .trim_start_matches('-')
        .parse()
        .ok()
        .filter(|n| *n > 0)?;
    Some(device_tag(year, number))
}

pub const MAX_RAM_GB: i32 = 1_024;
pub const MAX_STORAGE_GB: i32 = 100_000;
pub const MAX_SCREEN_INCHES: f64 = 100.0;
pub const MAX_PRICE_EUROS: f64 = 10_000.0;

/// A device's record corrected: its specs and grade as read again, a typo
/// in the serial fixed. The same shape on the form and the server.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(async_graphql::InputObject),
    graphql(name = "DeviceCorrectionInput")
)]
#[serde(rename_all = "camelCase")]
pub struct DeviceCorrection {
    pub brand: Option<String>,
    pub model: Option<String>,
    pub serial: Option<String>,
    pub cpu: Option<String>,
    pub ram_gb: Option<i32>,
    pub storage_gb: Option<i32>,
    pub screen_inches: Option<f64>,
    pub operating_system: Option<String>,
    /// Kept once given: a ready device always has one.
    pub grade: Option<Grade>,
    pub notes: Option<String>,
}

/// The specification fields a refurbisher types, checked for typos.
pub fn check_specs(
    ram_gb: Option<i32>,
    storage_gb: Option<i32>,
    screen_inches: Option<f64>,
) -> Result<(), ErrorCode> {
    let ok = ram_gb.is_none_or(|r| (0..=MAX_RAM_GB).contains(&r))
        && storage_gb.is_none_or(|s| (0..=MAX_STORAGE_GB).contains(&s))
        && screen_inches.is_none_or(|s| s.is_finite() && (0.0..=MAX_SCREEN_INCHES).contains(&s));
    if ok {
        Ok(())
    } else {
        Err(ErrorCode::SpecsInvalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lifecycle_only_moves_along_its_arrows() {
        use DeviceStatus::*;
        assert!(Received.can_become(InRefurbishment));
        assert!(InRefurbishment.can_become(Ready));
        assert!(Ready.can_become(Reserved));
        assert!(Installed.can_become(Returned));
        assert!(Returned.can_become(Ready));
        assert!(!Received.can_become(Ready), "erasure and tests come first");
        assert!(!Recycled.can_become(Ready), "recycling is the end");
        assert!(!Installed.can_become(Ready), "it must come back first");
        for status in DeviceStatus::ALL {
            assert!(!status.can_become(*status), "{status:?} to itself");
            assert_eq!(DeviceStatus::parse(status.as_str()), Some(*status));
        }
    }

    #[test]
    fn tags_print_and_read_back() {
        assert_eq!(device_tag(2026, 42), "PSL-2026-00042");
        assert_eq!(
            parse_tag("psl-2026-00042").as_deref(),
            Some("PSL-2026-00042")
        );
        assert_eq!(
            parse_tag(" PSL 2026 42 ").as_deref(),
            Some("PSL-2026-00042")
        );
        assert_eq!(parse_tag("PSL2026-7").as_deref(), Some("PSL-2026-00007"));
        assert_eq!(parse_tag("ABC-2026-1"), None);
        assert_eq!(parse_tag("PSL-2026-0"), None);
    }

    #[test]
    fn specs_within_reason() {
        assert_eq!(check_specs(Some(8), Some(256), Some(15.6)), Ok(()));
        assert_eq!(
            check_specs(Some(-1), None, None),
            Err(ErrorCode::SpecsInvalid)
        );
        assert_eq!(
            check_specs(None, None, Some(150.0)),
            Err(ErrorCode::SpecsInvalid)
        );
    }
}
