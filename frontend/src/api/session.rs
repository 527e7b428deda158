//! Signing in and out, and keeping the session's tokens across reloads.

use std::{cell::RefCell, rc::Rc};

use futures::lock::Mutex;
use serde::{Deserialize, Serialize};
use shared_types::ErrorCode;

use super::contract::*;
use super::{ApiError, send, send_anonymous};
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

super::operation!(kept MeQuery, "graphql/me.graphql");
/// The signed-in person, as the home page shows them.
pub type Me = me_query::MeQueryMe;

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

super::operation!(kept RefreshSession, "graphql/refresh_session.graphql");

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
    let answer = send_anonymous::<RefreshSession>(refresh_session::Variables {
        refresh_token: current.refresh_token.clone(),
    })
    .await
    .and_then(|renewed| super::retype::<_, Tokens>(renewed.refresh_session));
    match answer {
        Ok(renewed) => {
            store(&renewed);
            Ok(renewed)
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

super::operation!(kept Login, "graphql/login.graphql");

pub async fn login(email: String, password: String) -> Result<Me, ApiError> {
    let answer = send_anonymous::<Login>(login::Variables { email, password })
        .await?
        .login;
    store(&Tokens {
        access_token: answer.access_token,
        refresh_token: answer.refresh_token,
    });
    let me: Me = super::retype(answer.user)?;
    keep_me(&me);
    Ok(me)
}

pub async fn me() -> Result<Me, ApiError> {
    let me = send::<MeQuery>(me_query::Variables).await?.me;
    keep_me(&me);
    Ok(me)
}

super::operation!(Logout, "graphql/logout.graphql");

/// Ends the session on the server too, so a copied refresh token is useless.
pub async fn logout() {
    if let Some(tokens) = stored_tokens() {
        let _ = send_anonymous::<Logout>(logout::Variables {
            refresh_token: tokens.refresh_token,
        })
        .await;
    }
    storage::remove(TOKENS_KEY);
    storage::remove(ME_KEY);
    storage::remove("passerelle.attendance");
    // Pickups not sent, kept donors: nothing of this person stays on the phone.
    let _ = crate::browser::forget_all().await;
}

super::operation!(SetMyLanguage, "graphql/set_my_language.graphql");

pub async fn set_my_language(language: Language) -> Result<(), ApiError> {
    send::<SetMyLanguage>(set_my_language::Variables { language }).await?;
    Ok(())
}

super::operation!(kept ChangePassword, "graphql/change_password.graphql");

/// Changes the password; the server ends every other session and answers
/// with this device's new one.
pub async fn change_password(current: String, new: String) -> Result<(), ApiError> {
    let answer = send::<ChangePassword>(change_password::Variables {
        current_password: current,
        new_password: new,
    })
    .await?;
    store(&super::retype(answer.change_password)?);
    Ok(())
}
