//! Signing in and out, and keeping the session's tokens across reloads.

use std::{cell::RefCell, rc::Rc};

use futures::lock::Mutex;
use serde::{Deserialize, Serialize};
use serde_json::json;
use shared_types::{ErrorCode, Language, OrganisationKind, Role};

use super::{ApiError, NoVariables, request, request_anonymous};
use crate::storage;

const TOKENS_KEY: &str = "passerelle.session";
/// Who is signed in, kept so that the app opens with no network.
const ME_KEY: &str = "passerelle.me";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tokens {
    pub access_token: String,
    pub refresh_token: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationSummary {
    pub name: String,
    pub kind: OrganisationKind,
}

/// The signed-in person, as the home page shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Me {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub language: Language,
    pub roles: Vec<Role>,
    pub organisation: OrganisationSummary,
}

impl Me {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// What the app runs when a session ends without the person asking.
type SessionEndHandler = Box<dyn Fn(&ApiError)>;

thread_local! {
    /// One renewal at a time: two requests that both find their token expired
    /// must not both spend the same refresh token (the second would look like
    /// a stolen token and end the session).
    static RENEWING: Rc<Mutex<()>> = Rc::new(Mutex::new(()));
    static ON_SESSION_END: RefCell<Option<SessionEndHandler>> = const { RefCell::new(None) };
}

fn keep_me(me: &Me) {
    if let Ok(text) = serde_json::to_string(me) {
        storage::set(ME_KEY, &text);
    }
}

/// The person last seen signed in on this device, for opening the app offline.
pub fn kept_me() -> Option<Me> {
    stored_tokens()?;
    serde_json::from_str(&storage::get(ME_KEY)?).ok()
}

pub fn stored_tokens() -> Option<Tokens> {
    serde_json::from_str(&storage::get(TOKENS_KEY)?).ok()
}

fn store(tokens: &Tokens) {
    if let Ok(text) = serde_json::to_string(tokens) {
        storage::set(TOKENS_KEY, &text);
    }
}

/// What the app does when the session ends by itself (expired, deactivated…).
pub fn on_session_end(callback: impl Fn(&ApiError) + 'static) {
    ON_SESSION_END.with(|slot| *slot.borrow_mut() = Some(Box::new(callback)));
}

/// Forgets the tokens on this device and tells the app why.
pub fn end_locally(reason: &ApiError) {
    storage::remove(TOKENS_KEY);
    ON_SESSION_END.with(|slot| {
        if let Some(callback) = slot.borrow().as_ref() {
            callback(reason);
        }
    });
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Renewed {
    refresh_session: Tokens,
}

pub(super) async fn renew(failed: Option<Tokens>) -> Result<Tokens, ApiError> {
    let lock = RENEWING.with(Rc::clone);
    let _turn = lock.lock().await;
    let current = stored_tokens().ok_or(ApiError::Server(ErrorCode::Unauthenticated))?;
    if failed
        .as_ref()
        .is_some_and(|f| f.access_token != current.access_token)
    {
        // Renewed by another request while this one waited.
        return Ok(current);
    }
    let answer: Result<Renewed, ApiError> = request_anonymous(
        include_str!("../../graphql/refresh_session.graphql"),
        json!({ "refreshToken": current.refresh_token }),
    )
    .await;
    match answer {
        Ok(renewed) => {
            store(&renewed.refresh_session);
            Ok(renewed.refresh_session)
        }
        // Another tab of this browser renewed the same session first: use its tokens.
        Err(ApiError::Server(ErrorCode::InvalidRefreshToken))
            if stored_tokens().is_some_and(|now| now.refresh_token != current.refresh_token) =>
        {
            stored_tokens().ok_or(ApiError::Server(ErrorCode::Unauthenticated))
        }
        Err(error) => Err(error),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LoginPayload {
    access_token: String,
    refresh_token: String,
    user: Me,
}

#[derive(Deserialize)]
struct LoginData {
    login: LoginPayload,
}

pub async fn login(email: String, password: String) -> Result<Me, ApiError> {
    let data: LoginData = request_anonymous(
        include_str!("../../graphql/login.graphql"),
        json!({ "email": email, "password": password }),
    )
    .await?;
    store(&Tokens {
        access_token: data.login.access_token,
        refresh_token: data.login.refresh_token,
    });
    keep_me(&data.login.user);
    Ok(data.login.user)
}

#[derive(Deserialize)]
struct MeData {
    me: Me,
}

pub async fn me() -> Result<Me, ApiError> {
    let data: MeData = request(include_str!("../../graphql/me.graphql"), NoVariables {}).await?;
    keep_me(&data.me);
    Ok(data.me)
}

/// Ends the session on the server too, so a copied refresh token is useless.
pub async fn logout() {
    if let Some(tokens) = stored_tokens() {
        let _: Result<serde_json::Value, _> = request_anonymous(
            include_str!("../../graphql/logout.graphql"),
            json!({ "refreshToken": tokens.refresh_token }),
        )
        .await;
    }
    storage::remove(TOKENS_KEY);
    storage::remove(ME_KEY);
    storage::remove("passerelle.attendance");
    // Pickups not sent, kept donors: nothing of this person stays on the phone.
    let _ = crate::browser::forget_all().await;
}

pub async fn set_my_language(language: Language) -> Result<(), ApiError> {
    let _: serde_json::Value = request(
        include_str!("../../graphql/set_my_language.graphql"),
        json!({ "language": language }),
    )
    .await?;
    Ok(())
}

/// Changes the password; the server ends every other session and answers
/// with this device's new one.
pub async fn change_password(current: String, new: String) -> Result<(), ApiError> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Data {
        change_password: Tokens,
    }
    let data: Data = request(
        include_str!("../../graphql/change_password.graphql"),
        json!({ "currentPassword": current, "newPassword": new }),
    )
    .await?;
    store(&data.change_password);
    Ok(())
}
