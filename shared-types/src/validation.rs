//! Validation rules run by the form (for a quick answer) and again by the
//! server (the one that counts).

use crate::{ErrorCode, OrganisationChanges, OrganisationKind, Role};

pub const PASSWORD_MIN_CHARS: usize = 10;
/// argon2 hashes any length, but an unbounded input is a cheap denial of service.
pub const PASSWORD_MAX_CHARS: usize = 128;
pub const NAME_MAX_CHARS: usize = 120;
pub const EMAIL_MAX_CHARS: usize = 254;

/// Trims and lower-cases an email address, then checks its shape.
///
/// Deliberately loose (one `@`, a dot in the domain, no spaces): the real
/// check is that the person receives mail, which is not ours to verify here.
pub fn normalise_email(raw: &str) -> Result<String, ErrorCode> {
    let email = raw.trim().to_lowercase();
    let Some((local, domain)) = email.split_once('@') else {
        return Err(ErrorCode::InvalidEmail);
    };
    let valid = !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && email.chars().count() <= EMAIL_MAX_CHARS;
    if valid {
        Ok(email)
    } else {
        Err(ErrorCode::InvalidEmail)
    }
}

pub fn check_password(password: &str) -> Result<(), ErrorCode> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        Err(ErrorCode::PasswordTooShort)
    } else if chars > PASSWORD_MAX_CHARS {
        Err(ErrorCode::PasswordTooLong)
    } else {
        Ok(())
    }
}

/// A French postcode: five digits ("73 000" is written "73000"). Overseas
/// postcodes (971..., 974...) have five digits too.
pub fn normalise_postcode(raw: &str) -> Result<String, ErrorCode> {
    let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() == 5 && digits.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(ErrorCode::PostcodeInvalid)
    }
}

/// Trims a person's or organisation's name and checks it is present and not absurdly long.
pub fn normalise_name(raw: &str) -> Result<String, ErrorCode> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        Err(ErrorCode::NameRequired)
    } else if name.chars().count() > NAME_MAX_CHARS {
        Err(ErrorCode::NameTooLong)
    } else {
        Ok(name)
    }
}

/// A new staff account, cleaned up: the email normalised, the name trimmed,
/// the roles sorted without repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedAccount {
    pub email: String,
    pub display_name: String,
    pub roles: Vec<Role>,
}

/// An organisation's name and phone as they are kept: spaces in the name
/// tidied; the phone optional but, when given, one that can be called.
pub fn check_organisation(
    name: &str,
    phone: Option<&str>,
) -> Result<OrganisationChanges, ErrorCode> {
    let name = normalise_name(name)?;
    let phone = phone.map(str::trim).filter(|p| !p.is_empty());
    if phone.is_some_and(|p| p.chars().filter(char::is_ascii_digit).count() < 6) {
        return Err(ErrorCode::PhoneRequired);
    }
    Ok(OrganisationChanges {
        name,
        phone: phone.map(str::to_string),
    })
}

/// The rules for a new staff account, in the order a form shows its fields.
/// `organisation` is the kind of the chosen organisation, `None` if none is chosen.
pub fn check_new_account(
    organisation: Option<OrganisationKind>,
    display_name: &str,
    email: &str,
    password: &str,
    roles: &[Role],
) -> Result<CheckedAccount, ErrorCode> {
    // In the order of the form: the password comes before the roles.
    organisation.ok_or(ErrorCode::OrganisationRequired)?;
    normalise_name(display_name)?;
    normalise_email(email)?;
    check_password(password)?;
    check_account(organisation, display_name, email, roles)
}

/// The details of an account, new or corrected: its organisation, name,
/// e-mail, and roles the organisation's trade allows.
pub fn check_account(
    organisation: Option<OrganisationKind>,
    display_name: &str,
    email: &str,
    roles: &[Role],
) -> Result<CheckedAccount, ErrorCode> {
    let kind = organisation.ok_or(ErrorCode::OrganisationRequired)?;
    let display_name = normalise_name(display_name)?;
    let email = normalise_email(email)?;
    let mut roles = roles.to_vec();
    roles.sort();
    roles.dedup();
    if roles.is_empty() {
        return Err(ErrorCode::RoleRequired);
    }
    if roles.iter().any(|role| !role.allowed_in(kind)) {
        return Err(ErrorCode::RoleNotAllowedForOrganisation);
    }
    Ok(CheckedAccount {
        email,
        display_name,
        roles,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_a_tired_person_types() {
        assert_eq!(
            normalise_email("  Marie.Dupont@Exemple.FR ").as_deref(),
            Ok("marie.dupont@exemple.fr")
        );
        for bad in [
            "",
            "marie",
            "marie@",
            "@exemple.fr",
            "marie@exemple",
            "marie dupont@exemple.fr",
            "marie@@exemple.fr",
            "marie@exemple.",
        ] {
            assert_eq!(
                normalise_email(bad),
                Err(ErrorCode::InvalidEmail),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn password_bounds_count_characters_not_bytes() {
        assert_eq!(check_password("court"), Err(ErrorCode::PasswordTooShort));
        assert_eq!(check_password("éééééééééé"), Ok(()));
        assert_eq!(
            check_password(&"a".repeat(PASSWORD_MAX_CHARS + 1)),
            Err(ErrorCode::PasswordTooLong)
        );
    }

    #[test]
    fn names_are_trimmed_and_required() {
        assert_eq!(
            normalise_name("  Régie   Plus ").as_deref(),
            Ok("Régie Plus")
        );
        assert_eq!(normalise_name("   "), Err(ErrorCode::NameRequired));
        assert_eq!(
            normalise_name(&"x".repeat(NAME_MAX_CHARS + 1)),
            Err(ErrorCode::NameTooLong)
        );
    }

    #[test]
    fn a_new_account_is_checked_field_by_field() {
        let agent = [Role::CollectionAgent, Role::CollectionAgent];
        let ok = check_new_account(
            Some(OrganisationKind::Collector),
            " Léa  Petit ",
            "Lea@X.fr",
            "0123456789",
            &agent,
        );
        assert_eq!(
            ok,
            Ok(CheckedAccount {
                email: "lea@x.fr".into(),
                display_name: "Léa Petit".into(),
                roles: vec![Role::CollectionAgent]
            })
        );
        let check = |kind, roles: &[Role]| {
            check_new_account(kind, "Léa", "lea@x.fr", "0123456789", roles).map(|_| ())
        };
        assert_eq!(check(None, &agent), Err(ErrorCode::OrganisationRequired));
        assert_eq!(
            check(Some(OrganisationKind::Collector), &[]),
            Err(ErrorCode::RoleRequired)
        );
        assert_eq!(
            check(Some(OrganisationKind::Collector), &[Role::Coordinator]),
            Err(ErrorCode::RoleNotAllowedForOrganisation)
        );
    }

    #[test]
    fn postcodes_have_five_digits() {
        assert_eq!(normalise_postcode(" 73 000 "), Ok("73000".into()));
        assert_eq!(normalise_postcode("97400"), Ok("97400".into()));
        for wrong in ["7300", "730000", "73OOO", "Chambéry"] {
            assert_eq!(
                normalise_postcode(wrong),
                Err(ErrorCode::PostcodeInvalid),
                "{wrong}"
            );
        }
    }
}
