//! Short-lived access tokens: HS256 JWTs with an explicit audience and issuer.

use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use serde::{Deserialize, Serialize};
use shared_types::ErrorCode;
use uuid::Uuid;

pub const AUDIENCE: &str = "passerelle-api";
pub const ISSUER: &str = "passerelle";
/// Marks an access token; nothing else we sign carries it.
const ACCESS_TYPE: &str = "access";

#[derive(Debug, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub iat: i64,
    pub exp: i64,
    pub aud: String,
    pub iss: String,
    pub typ: String,
    /// The sign-in session (refresh token family) the token was issued for,
    /// so signing out or changing the password ends it at once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<Uuid>,
}

pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    ttl: chrono::Duration,
}

impl JwtKeys {
    pub fn new(secret: &[u8], ttl: std::time::Duration) -> JwtKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_audience(&[AUDIENCE]);
        validation.set_issuer(&[ISSUER]);
        validation.set_required_spec_claims(&["exp", "iat", "sub", "aud", "iss"]);
        // Clocks on one server agree; a minute of slack would stretch a 15-minute token.
        validation.leeway = 5;
        JwtKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            ttl: chrono::Duration::from_std(ttl).unwrap_or(chrono::Duration::minutes(15)),
        }
    }

    pub fn issue(
        &self,
        user_id: Uuid,
        session_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<(String, DateTime<Utc>), jsonwebtoken::errors::Error> {
        let expires_at = now + self.ttl;
        let claims = Claims {
            sub: user_id,
            iat: now.timestamp(),
            exp: expires_at.timestamp(),
            aud: AUDIENCE.into(),
            iss: ISSUER.into(),
            typ: ACCESS_TYPE.into(),
            sid: Some(session_id),
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok((token, expires_at))
    }

    /// The user an access token stands for, or why it is refused.
    pub fn verify(&self, token: &str) -> Result<Uuid, ErrorCode> {
        self.verify_session(token).map(|(user, _)| user)
    }

    /// The user and the sign-in session an access token stands for.
    pub fn verify_session(&self, token: &str) -> Result<(Uuid, Option<Uuid>), ErrorCode> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => ErrorCode::TokenExpired,
                _ => ErrorCode::InvalidToken,
            })?;
        if data.claims.typ != ACCESS_TYPE {
            return Err(ErrorCode::InvalidToken);
        }
        Ok((data.claims.sub, data.claims.sid))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};

    const SECRET: &[u8] = b"a test secret of at least 32 bytes!!";

    fn keys() -> JwtKeys {
        JwtKeys::new(SECRET, std::time::Duration::from_secs(900))
    }

    fn sign(claims: &serde_json::Value, secret: &[u8]) -> String {
        jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            claims,
            &EncodingKey::from_secret(secret),
        )
        .expect("sign")
    }

    fn claims(overrides: serde_json::Value) -> serde_json::Value {
        let now = Utc::now().timestamp();
        let mut base = serde_json::json!({
            "sub": Uuid::new_v4(), "iat": now, "exp": now + 600,
            "aud": AUDIENCE, "iss": ISSUER, "typ": "access"
        });
        if let (Some(base), Some(overrides)) = (base.as_object_mut(), overrides.as_object()) {
            for (k, v) in overrides {
                base.insert(k.clone(), v.clone());
            }
        }
        base
    }

    #[test]
    fn signs_and_verifies() {
        let keys = keys();
        let user = Uuid::new_v4();
        let (token, expires_at) = keys.issue(user, Uuid::new_v4(), Utc::now()).expect("issue");
        assert!(expires_at > Utc::now());
        assert_eq!(keys.verify(&token), Ok(user));
    }

    #[test]
    fn expired_tokens_say_so() {
        let keys = keys();
        let (token, _) = keys
            .issue(
                Uuid::new_v4(),
                Uuid::new_v4(),
                Utc::now() - chrono::Duration::hours(1),
            )
            .expect("issue");
        assert_eq!(keys.verify(&token), Err(ErrorCode::TokenExpired));
    }

    #[test]
    fn forged_and_foreign_tokens_are_refused() {
        let keys = keys();
        let wrong_secret = sign(
            &claims(serde_json::json!({})),
            b"another secret of at least 32 bytes!",
        );
        let wrong_audience = sign(&claims(serde_json::json!({"aud": "someone-else"})), SECRET);
        let wrong_issuer = sign(&claims(serde_json::json!({"iss": "someone-else"})), SECRET);
        let not_access = sign(&claims(serde_json::json!({"typ": "refresh"})), SECRET);
        for token in [
            wrong_secret,
            wrong_audience,
            wrong_issuer,
            not_access,
            "not.a.jwt".to_string(),
            String::new(),
        ] {
            assert_eq!(keys.verify(&token), Err(ErrorCode::InvalidToken), "{token}");
        }
    }

    #[test]
    fn alg_none_and_tampered_payloads_are_refused() {
        let keys = keys();
        let (token, _) = keys
            .issue(Uuid::new_v4(), Uuid::new_v4(), Utc::now())
            .expect("issue");
        let mut parts = token.split('.');
        let (_, payload, signature) = (
            parts.next(),
            parts.next().unwrap_or_default(),
            parts.next().unwrap_or_default(),
        );
        let none_header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
        assert_eq!(
            keys.verify(&format!("{none_header}.{payload}.")),
            Err(ErrorCode::InvalidToken)
        );

        let other_user = URL_SAFE_NO_PAD.encode(claims(serde_json::json!({})).to_string());
        let header = token.split('.').next().unwrap_or_default();
        assert_eq!(
            keys.verify(&format!("{header}.{other_user}.{signature}")),
            Err(ErrorCode::InvalidToken)
        );
    }
}
