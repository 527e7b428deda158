use serde::{Deserialize, Serialize};

/// The kinds of partner organisation a programme works with.
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
pub enum OrganisationKind {
    Coordinator,
    Collector,
    Refurbisher,
    TrainingProvider,
    Installer,
    Prescriber,
}

/// What a coordinator corrects on a partner organisation: its kind stays,
/// since the roles of its members follow from it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(async_graphql::InputObject),
    graphql(name = "OrganisationChangesInput")
)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationChanges {
    pub name: String,
    pub phone: Option<String>,
}

/// What a coordinator corrects on a staff account: the name, the e-mail
/// and the roles (the organisation is given beside it, as an id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "server",
    derive(async_graphql::InputObject),
    graphql(name = "AccountChangesInput")
)]
#[serde(rename_all = "camelCase")]
pub struct AccountChanges {
    pub display_name: String,
    pub email: String,
    pub roles: Vec<Role>,
}

/// What a person may do. A user holds one or more roles.
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
pub enum Role {
    Coordinator,
    CollectionAgent,
    Refurbisher,
    Trainer,
    Installer,
    Prescriber,
}

/// The languages the interface speaks. French first: the users are French.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
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
pub enum Language {
    #[default]
    Fr,
    En,
}

/// Gives an enumeration its stable text and the way back: the variant's
/// name in SCREAMING_SNAKE_CASE, the spelling serde, async-graphql and
/// sea-orm already use. The table itself is strum's derive on the type, so
/// a new variant is written once.
#[macro_export]
#[doc(hidden)]
macro_rules! stored_text {
    ($ty:ident) => {
        impl $ty {
            pub const ALL: &'static [$ty] = <$ty as strum::VariantArray>::VARIANTS;

            /// The stable text stored in the database and sent on the wire.
            pub fn as_str(self) -> &'static str {
                self.into()
            }

            pub fn parse(text: &str) -> Option<$ty> {
                text.parse().ok()
            }
        }
    };
}

crate::stored_text!(OrganisationKind);

crate::stored_text!(Role);

crate::stored_text!(Language);

impl Role {
    /// Whether a member of an organisation of `kind` may hold this role.
    ///
    /// A coordinator organisation may staff any role (the programme's own team
    /// sometimes installs or trains); partners only hold the role of their trade.
    /// In the reference programme BLÉ both trained and installed, so a training
    /// provider's staff may also install, and an installer's staff may also train.
    pub fn allowed_in(self, kind: OrganisationKind) -> bool {
        match kind {
            OrganisationKind::Coordinator => true,
            OrganisationKind::Collector => self == Role::CollectionAgent,
            OrganisationKind::Refurbisher => self == Role::Refurbisher,
            OrganisationKind::TrainingProvider | OrganisationKind::Installer => {
                matches!(self, Role::Trainer | Role::Installer)
            }
            OrganisationKind::Prescriber => self == Role::Prescriber,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_round_trip() {
        for kind in OrganisationKind::ALL {
            assert_eq!(OrganisationKind::parse(kind.as_str()), Some(*kind));
        }
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(*role));
        }
        assert_eq!(Role::parse("ADMIN"), None);
    }

    #[test]
    fn partners_hold_only_their_trade() {
        assert!(Role::CollectionAgent.allowed_in(OrganisationKind::Collector));
        assert!(!Role::Coordinator.allowed_in(OrganisationKind::Collector));
        assert!(!Role::Prescriber.allowed_in(OrganisationKind::Refurbisher));
        assert!(Role::Installer.allowed_in(OrganisationKind::TrainingProvider));
        for role in Role::ALL {
            assert!(role.allowed_in(OrganisationKind::Coordinator));
        }
    }
}
