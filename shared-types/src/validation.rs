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
    let phone = optional_phone_number(phone)?;
    Ok(OrganisationChanges { name, phone })
}

/// A phone number as it is kept, written the way people read it: a French
/// number as `06 12 34 56 78`, another country's as `+44 20 7946 0958`.
/// Typed as `0612345678`, `+33 6 12 34 56 78` or `06.12.34.56.78`, it is
/// the same number. One that cannot exist (too short, a prefix no operator
/// uses) is refused with `PHONE_INVALID`; an empty one with `PHONE_REQUIRED`.
#[cfg(feature = "server")]
pub fn phone_number(text: &str) -> Result<String, ErrorCode> {
    use phonenumber::{Mode, country};
    let text = text.trim();
    if text.is_empty() {
        return Err(ErrorCode::PhoneRequired);
    }
    let number =
        phonenumber::parse(Some(country::Id::FR), text).map_err(|_| ErrorCode::PhoneInvalid)?;
    if !phonenumber::is_valid(&number) {
        return Err(ErrorCode::PhoneInvalid);
    }
    let french = number.country().id() == Some(country::Id::FR);
    let mode = if french {
        Mode::National
    } else {
        Mode::International
    };
    Ok(number.format().mode(mode).to_string())
}

/// In the browser, only the shape (the numbering plans stay on the server,
/// which has the last word): enough digits to be called, not too long.
#[cfg(not(feature = "server"))]
pub fn phone_number(text: &str) -> Result<String, ErrorCode> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ErrorCode::PhoneRequired);
    }
    let digits = text.chars().filter(char::is_ascii_digit).count();
    if !(6..=15).contains(&digits) {
        return Err(ErrorCode::PhoneInvalid);
    }
    Ok(text.to_string())
}

/// A phone that may be left empty, checked as [`phone_number`] when given.
pub fn optional_phone_number(text: Option<&str>) -> Result<Option<String>, ErrorCode> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(text) => phone_number(text).map(Some),
        None => Ok(None),
    }
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

#[cfg(all(test, feature = "server"))]
mod phone_tests {
    use super::*;

    #[test]
    fn french_numbers_are_kept_as_people_read_them() {
        for typed in [
            "0612345678",
            "06 12 34 56 78",
            "+33 6 12 34 56 78",
            "06.12.34.56.78",
            "0033612345678",
        ] {
            assert_eq!(
                phone_number(typed).as_deref(),
                Ok("06 12 34 56 78"),
                "{typed}"
            );
        }
        assert_eq!(
            phone_number("04 79 11 22 33").as_deref(),
            Ok("04 79 11 22 33")
        );
    }

    #[test]
    fn other_countries_keep_their_prefix() {
        assert_eq!(
            phone_number("+44 20 7946 0958").as_deref(),
            Ok("+44 20 7946 0958")
        );
        assert_eq!(
            phone_number("+32 470 12 34 56").as_deref(),
            Ok("+32 470 12 34 56")
        );
    }

    #[test]
    fn numbers_that_cannot_exist_are_refused() {
        for typed in [
            "04 79",
            "06 12 34 56",
            "06 12 34 56 78 90",
            "bonjour",
            "00 00 00 00 00",
        ] {
            assert_eq!(phone_number(typed), Err(ErrorCode::PhoneInvalid), "{typed}");
        }
        assert_eq!(phone_number("  "), Err(ErrorCode::PhoneRequired));
        assert_eq!(optional_phone_number(Some(" ")), Ok(None));
    }
}
