//! The person behind a request, resolved once per request from its bearer token.

use shared_types::{ErrorCode, OrganisationKind, Role};
use uuid::Uuid;

use crate::{
    db::Db,
    services::{ServiceError, users},
};

use super::JwtKeys;

/// A signed-in member of a partner organisation, as loaded at the start of the request.
#[derive(Debug, Clone)]
pub struct StaffUser {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub organisation_kind: OrganisationKind,
    pub programme_id: Uuid,
    pub roles: Vec<Role>,
}

impl StaffUser {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

#[derive(Debug, Clone)]
pub enum Viewer {
    Anonymous,
    Staff(StaffUser),
    /// A token came but was refused; kept so that guards answer with the reason
    /// (expired, deactivated, …) rather than a bare "not signed in".
    Refused(ErrorCode),
}

impl Viewer {
    /// Reads an `Authorization: Bearer …` header value. The account is looked up
    /// on every request, so a deactivation takes effect at the next one.
    pub async fn from_authorization(header: Option<&str>, keys: &JwtKeys, db: &Db) -> Viewer {
        let Some(header) = header else {
            return Viewer::Anonymous;
        };
        let Some(token) = header.strip_prefix("Bearer ").map(str::trim) else {
            return Viewer::Refused(ErrorCode::InvalidToken);
        };
        let (user_id, session_id) = match keys.verify_session(token) {
            Ok(found) => found,
            Err(code) => return Viewer::Refused(code),
        };
        let staff = match users::load_staff(db, user_id, session_id).await {
            Ok(staff) => staff,
            Err(e) => return Viewer::Refused(e.code()),
        };
        Viewer::Staff(staff)
    }

    pub fn staff(&self) -> Result<&StaffUser, ErrorCode> {
        match self {
            Viewer::Staff(staff) => Ok(staff),
            Viewer::Anonymous => Err(ErrorCode::Unauthenticated),
            Viewer::Refused(code) => Err(*code),
        }
    }
}
