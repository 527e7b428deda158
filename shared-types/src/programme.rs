//! A programme's own settings: its clocks, its course, its agreement with
//! the refurbisher and its completion rule. The coordinator changes them in
//! the app; the rules below are checked by the form and again by the server.

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

/// The time zone the programme's days and hours are counted in: mainland
/// France and the overseas departments and territories where French
/// programmes run. Stored as its IANA name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(async_graphql::Enum))]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[cfg_attr(
    feature = "server",
    derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum)
)]
#[cfg_attr(feature = "server", sea_orm(rs_type = "String", db_type = "Text"))]
#[derive(strum::IntoStaticStr, strum::EnumString, strum::VariantArray)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
pub enum ProgrammeTimeZone {
    /// UTC+1, UTC+2 in summer (the EU rule).
    #[cfg_attr(feature = "server", sea_orm(string_value = "Europe/Paris"))]
    EuropeParis,
    #[cfg_attr(feature = "server", sea_orm(string_value = "America/Guadeloupe"))]
    AmericaGuadeloupe,
    #[cfg_attr(feature = "server", sea_orm(string_value = "America/Martinique"))]
    AmericaMartinique,
    #[cfg_attr(feature = "server", sea_orm(string_value = "America/Cayenne"))]
    AmericaCayenne,
    #[cfg_attr(feature = "server", sea_orm(string_value = "Indian/Reunion"))]
    IndianReunion,
    #[cfg_attr(feature = "server", sea_orm(string_value = "Indian/Mayotte"))]
    IndianMayotte,
    #[cfg_attr(feature = "server", sea_orm(string_value = "Pacific/Noumea"))]
    PacificNoumea,
    #[cfg_attr(feature = "server", sea_orm(string_value = "Pacific/Tahiti"))]
    PacificTahiti,
}

crate::stored_text!(ProgrammeTimeZone);

impl ProgrammeTimeZone {
    /// The offset from UTC in minutes where the zone keeps one all year;
    /// `None` for Europe/Paris, which follows the EU summer-time rule.
    pub fn fixed_offset_minutes(self) -> Option<i32> {
        use ProgrammeTimeZone::*;
        match self {
            EuropeParis => None,
            AmericaGuadeloupe | AmericaMartinique => Some(-4 * 60),
            AmericaCayenne => Some(-3 * 60),
            IndianReunion => Some(4 * 60),
            IndianMayotte => Some(3 * 60),
            PacificNoumea => Some(11 * 60),
            PacificTahiti => Some(-10 * 60),
        }
    }

    /// Where it is, in French: the place people recognise.
    pub fn label_fr(self) -> &'static str {
        use ProgrammeTimeZone::*;
        match self {
            EuropeParis => "France métropolitaine (Paris)",
            AmericaGuadeloupe => "Guadeloupe",
            AmericaMartinique => "Martinique",
            AmericaCayenne => "Guyane",
            IndianReunion => "La Réunion",
            IndianMayotte => "Mayotte",
            PacificNoumea => "Nouvelle-Calédonie",
            PacificTahiti => "Polynésie française (Tahiti)",
        }
    }

    pub fn label_en(self) -> &'static str {
        use ProgrammeTimeZone::*;
        match self {
            EuropeParis => "Mainland France (Paris)",
            AmericaGuadeloupe => "Guadeloupe",
            AmericaMartinique => "Martinique",
            AmericaCayenne => "French Guiana",
            IndianReunion => "Réunion",
            IndianMayotte => "Mayotte",
            PacificNoumea => "New Caledonia",
            PacificTahiti => "French Polynesia (Tahiti)",
        }
    }
}

/// A course has at least one module and at most this many.
pub const MAX_TEMPLATE_MODULES: usize = 30;
pub const MAX_MODULE_TITLE_CHARS: usize = 200;
/// The completion rule's limits: more absences than this is no course.
pub const MAX_RULE_ABSENCES: i32 = 10;

/// The settings as the coordinator sends them, checked in one step.
pub fn check_settings(
    return_share_percent: i32,
    max_excused: i32,
    max_absent: i32,
    module_titles: &[&str],
) -> Result<(), ErrorCode> {
    if !(0..=100).contains(&return_share_percent) {
        return Err(ErrorCode::ShareInvalid);
    }
    if !(0..=MAX_RULE_ABSENCES).contains(&max_excused)
        || !(0..=MAX_RULE_ABSENCES).contains(&max_absent)
    {
        return Err(ErrorCode::CompletionRuleInvalid);
    }
    if module_titles.is_empty() || module_titles.len() > MAX_TEMPLATE_MODULES {
        return Err(ErrorCode::ModuleCountInvalid);
    }
    for title in module_titles {
        let title = title.trim();
        if title.is_empty() {
            return Err(ErrorCode::ModuleTitleRequired);
        }
        if title.chars().count() > MAX_MODULE_TITLE_CHARS {
            return Err(ErrorCode::TextTooLong);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_checked_at_their_edges() {
        assert_eq!(check_settings(10, 1, 0, &["Découvrir"]), Ok(()));
        assert_eq!(
            check_settings(101, 1, 0, &["A"]),
            Err(ErrorCode::ShareInvalid)
        );
        assert_eq!(
            check_settings(-1, 1, 0, &["A"]),
            Err(ErrorCode::ShareInvalid)
        );
        assert_eq!(
            check_settings(10, 11, 0, &["A"]),
            Err(ErrorCode::CompletionRuleInvalid)
        );
        assert_eq!(
            check_settings(10, 1, 0, &[]),
            Err(ErrorCode::ModuleCountInvalid)
        );
        assert_eq!(
            check_settings(10, 1, 0, &["A", "  "]),
            Err(ErrorCode::ModuleTitleRequired)
        );
        let many = vec!["A"; MAX_TEMPLATE_MODULES + 1];
        assert_eq!(
            check_settings(10, 1, 0, &many),
            Err(ErrorCode::ModuleCountInvalid)
        );
    }

    #[test]
    fn overseas_zones_keep_one_offset() {
        assert_eq!(ProgrammeTimeZone::EuropeParis.fixed_offset_minutes(), None);
        assert_eq!(
            ProgrammeTimeZone::IndianReunion.fixed_offset_minutes(),
            Some(240)
        );
        assert_eq!(ProgrammeTimeZone::ALL.len(), 8);
    }
}
