use serde::{Deserialize, Serialize};

/// Machine-readable error codes carried in GraphQL `extensions.code`.
///
/// The browser matches on these to show a message in the user's language, so
/// a code is never renamed once shipped: add a new one instead.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// No valid access token came with a request that needs one.
    Unauthenticated,
    /// The access token has expired: refresh the session.
    TokenExpired,
    /// The token is malformed, forged, or not an access token.
    InvalidToken,
    /// The user is known but their role or organisation does not allow this.
    Forbidden,
    /// Wrong email or password (deliberately not saying which).
    InvalidCredentials,
    /// The account was deactivated by a coordinator.
    AccountDeactivated,
    /// The refresh token is unknown, expired or revoked.
    InvalidRefreshToken,
    /// A refresh token that was already exchanged came back: the whole session is ended.
    RefreshTokenReused,
    NotFound,
    InvalidEmail,
    EmailTaken,
    OrganisationNameTaken,
    PasswordTooShort,
    PasswordTooLong,
    NameRequired,
    NameTooLong,
    /// An account must belong to an organisation.
    OrganisationRequired,
    /// A donor must be a company, a public body, an association or an individual.
    DonorKindRequired,
    /// A user must hold at least one role.
    RoleRequired,
    /// The role does not fit the kind of organisation the user belongs to.
    RoleNotAllowedForOrganisation,
    /// A coordinator cannot deactivate their own account (nobody would be left to undo it).
    CannotDeactivateSelf,
    QueryTooDeep,
    QueryTooComplex,
    BatchTooLarge,
    /// The request is not a valid GraphQL request for this schema.
    BadRequest,
    /// Something failed on the server; details are in the server log only.
    Internal,
}

impl ErrorCode {
    pub const ALL: &'static [ErrorCode] = &[
        ErrorCode::Unauthenticated,
        ErrorCode::TokenExpired,
        ErrorCode::InvalidToken,
        ErrorCode::Forbidden,
        ErrorCode::InvalidCredentials,
        ErrorCode::AccountDeactivated,
        ErrorCode::InvalidRefreshToken,
        ErrorCode::RefreshTokenReused,
        ErrorCode::NotFound,
        ErrorCode::InvalidEmail,
        ErrorCode::EmailTaken,
        ErrorCode::OrganisationNameTaken,
        ErrorCode::PasswordTooShort,
        ErrorCode::PasswordTooLong,
        ErrorCode::NameRequired,
        ErrorCode::NameTooLong,
        ErrorCode::OrganisationRequired,
        ErrorCode::DonorKindRequired,
        ErrorCode::RoleRequired,
        ErrorCode::RoleNotAllowedForOrganisation,
        ErrorCode::CannotDeactivateSelf,
        ErrorCode::QueryTooDeep,
        ErrorCode::QueryTooComplex,
        ErrorCode::BatchTooLarge,
        ErrorCode::BadRequest,
        ErrorCode::Internal,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "UNAUTHENTICATED",
            ErrorCode::TokenExpired => "TOKEN_EXPIRED",
            ErrorCode::InvalidToken => "INVALID_TOKEN",
            ErrorCode::Forbidden => "FORBIDDEN",
            ErrorCode::InvalidCredentials => "INVALID_CREDENTIALS",
            ErrorCode::AccountDeactivated => "ACCOUNT_DEACTIVATED",
            ErrorCode::InvalidRefreshToken => "INVALID_REFRESH_TOKEN",
            ErrorCode::RefreshTokenReused => "REFRESH_TOKEN_REUSED",
            ErrorCode::NotFound => "NOT_FOUND",
            ErrorCode::InvalidEmail => "INVALID_EMAIL",
            ErrorCode::EmailTaken => "EMAIL_TAKEN",
            ErrorCode::OrganisationNameTaken => "ORGANISATION_NAME_TAKEN",
            ErrorCode::PasswordTooShort => "PASSWORD_TOO_SHORT",
            ErrorCode::PasswordTooLong => "PASSWORD_TOO_LONG",
            ErrorCode::NameRequired => "NAME_REQUIRED",
            ErrorCode::NameTooLong => "NAME_TOO_LONG",
            ErrorCode::OrganisationRequired => "ORGANISATION_REQUIRED",
            ErrorCode::DonorKindRequired => "DONOR_KIND_REQUIRED",
            ErrorCode::RoleRequired => "ROLE_REQUIRED",
            ErrorCode::RoleNotAllowedForOrganisation => "ROLE_NOT_ALLOWED_FOR_ORGANISATION",
            ErrorCode::CannotDeactivateSelf => "CANNOT_DEACTIVATE_SELF",
            ErrorCode::QueryTooDeep => "QUERY_TOO_DEEP",
            ErrorCode::QueryTooComplex => "QUERY_TOO_COMPLEX",
            ErrorCode::BatchTooLarge => "BATCH_TOO_LARGE",
            ErrorCode::BadRequest => "BAD_REQUEST",
            ErrorCode::Internal => "INTERNAL",
        }
    }

    /// What to tell a person, in English, when this error happens: the
    /// message API clients read, and the English interface shows.
    pub fn message_en(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "You need to sign in.",
            ErrorCode::TokenExpired | ErrorCode::InvalidToken | ErrorCode::InvalidRefreshToken => {
                "Your session has ended. Please sign in again."
            }
            ErrorCode::RefreshTokenReused => {
                "For your safety your session was closed (it was used elsewhere). Please sign in again."
            }
            ErrorCode::Forbidden => "Your role does not allow this.",
            ErrorCode::InvalidCredentials => "Wrong email address or password.",
            ErrorCode::AccountDeactivated => {
                "This account has been deactivated. Please contact the programme's coordination."
            }
            ErrorCode::NotFound => "Not found: it may have been removed.",
            ErrorCode::InvalidEmail => {
                "This email address is not valid (for example: first.last@example.org)."
            }
            ErrorCode::EmailTaken => "An account already exists with this email address.",
            ErrorCode::OrganisationNameTaken => "An organisation already has this name.",
            ErrorCode::PasswordTooShort => "The password is too short: at least 10 characters.",
            ErrorCode::PasswordTooLong => "The password is too long: 128 characters at most.",
            ErrorCode::NameRequired => "The name is required.",
            ErrorCode::NameTooLong => "The name is too long: 120 characters at most.",
            ErrorCode::OrganisationRequired => "Choose the organisation the person belongs to.",
            ErrorCode::DonorKindRequired => {
                "Say whether the donor is a company, a public body, an association or an individual."
            }
            ErrorCode::RoleRequired => "Choose at least one role.",
            ErrorCode::RoleNotAllowedForOrganisation => {
                "This role does not fit this kind of organisation."
            }
            ErrorCode::CannotDeactivateSelf => "You cannot deactivate your own account.",
            ErrorCode::QueryTooDeep => "The query is nested too deeply.",
            ErrorCode::QueryTooComplex => "The query asks for too much at once.",
            ErrorCode::BatchTooLarge => "Too many operations in one batch.",
            ErrorCode::BadRequest => "The request could not be understood. Please reload the page.",
            ErrorCode::Internal => {
                "Something went wrong on the server. Please try again in a moment."
            }
        }
    }

    pub fn parse(code: &str) -> Option<ErrorCode> {
        ErrorCode::ALL.iter().copied().find(|c| c.as_str() == code)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_matches_serde() {
        for code in ErrorCode::ALL {
            assert_eq!(ErrorCode::parse(code.as_str()), Some(*code));
            let wire = serde_json::to_string(code).expect("a unit variant serialises");
            assert_eq!(wire, format!("\"{}\"", code.as_str()));
        }
        assert_eq!(ErrorCode::parse("NO_SUCH_CODE"), None);
    }
}
