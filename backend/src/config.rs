//! Typed settings, read once from the environment at start. A bad value stops
//! the server with a message naming the variable; secrets are never logged.

use std::{net::SocketAddr, path::PathBuf, time::Duration};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// At most `max` attempts per key within `window` (from its first attempt).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptLimit {
    pub max: u32,
    pub window: Duration,
}

/// How many guesses a client gets (see `services::attempts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttemptLimits {
    /// Wrong passwords per account: a pause, never a permanent lockout
    /// (which would let anyone lock a colleague out).
    pub sign_in_per_account: AttemptLimit,
    /// Wrong passwords per address, whatever the account: one office shares one.
    pub sign_in_per_address: AttemptLimit,
    /// Wrong tracking codes per address: with ~46-bit codes, guessing one
    /// at this pace would take longer than the programme exists.
    pub tracking_per_address: AttemptLimit,
}

impl Default for AttemptLimits {
    fn default() -> AttemptLimits {
        let minutes = |m: u64| Duration::from_secs(m * 60);
        AttemptLimits {
            sign_in_per_account: AttemptLimit {
                max: 5,
                window: minutes(15),
            },
            sign_in_per_address: AttemptLimit {
                max: 30,
                window: minutes(15),
            },
            tracking_per_address: AttemptLimit {
                max: 10,
                window: minutes(10),
            },
        }
    }
}

#[derive(Clone)]
pub struct Settings {
    pub environment: Environment,
    pub bind: SocketAddr,
    pub database_url: String,
    pub data_dir: PathBuf,
    pub static_dir: PathBuf,
    /// `None` means: keep (or create) a random key in the data directory.
    pub jwt_secret: Option<Vec<u8>>,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    /// How long after its first use a refresh token coming back is taken for
    /// two tabs renewing at once rather than for theft.
    pub refresh_reuse_grace: Duration,
    /// A GraphQL request running longer is stopped (and answered `REQUEST_TIMEOUT`).
    pub request_timeout: Duration,
    pub attempt_limits: AttemptLimits,
    /// Closed learner records older than this are pseudonymised by the
    /// daily retention job; `None` keeps them until erased by hand.
    pub retention: Option<Duration>,
    /// Load the demo programme into an empty database.
    pub demo: bool,
    /// The address people open the app at (`https://passerelle.example.org`),
    /// printed in the QR codes of device labels. When unset, the address the
    /// label sheet was asked from is used.
    pub public_url: Option<String>,
    /// The SMTP server e-mails leave by (`smtp://user:pass@host:587?tls=required`,
    /// `smtps://…`); a secret, never logged whole.
    pub smtp_url: Option<String>,
    /// Who e-mails come from (`Passerelle <passerelle@example.org>`).
    pub mail_from: String,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("environment", &self.environment)
            .field("bind", &self.bind)
            .field("database_url", &redact_url(&self.database_url))
            .field("data_dir", &self.data_dir)
            .field("static_dir", &self.static_dir)
            .field("jwt_secret", &self.jwt_secret.as_ref().map(|_| "<set>"))
            .field("retention", &self.retention)
            .field("demo", &self.demo)
            .field("public_url", &self.public_url)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("mail_from", &self.mail_from)
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl Settings {
    pub fn from_env() -> Result<Settings, ConfigError> {
        Settings::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads settings through `lookup`, so tests can pass their own values.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Settings, ConfigError> {
        let get = |key: &str| lookup(key).filter(|v| !v.trim().is_empty());
        let environment = match get("PASSERELLE_ENV").as_deref() {
            None | Some("production") => Environment::Production,
            Some("development") => Environment::Development,
            Some(other) => {
                return Err(ConfigError {
                    variable: "PASSERELLE_ENV",
                    problem: format!("expected 'development' or 'production', got '{other}'"),
                });
            }
        };
        let bind = get("PASSERELLE_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .map_err(|e| ConfigError {
                variable: "PASSERELLE_BIND",
                problem: format!("not an address:port ({e})"),
            })?;
        let data_dir = PathBuf::from(get("PASSERELLE_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = get("PASSERELLE_DATABASE_URL").unwrap_or_else(|| {
            format!(
                "sqlite://{}?mode=rwc",
                data_dir.join("passerelle.db").display()
            )
        });
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err(ConfigError {
                variable: "PASSERELLE_DATABASE_URL",
                problem: "only sqlite: and postgres:// URLs are supported".into(),
            });
        }
        let static_dir =
            PathBuf::from(get("PASSERELLE_STATIC_DIR").unwrap_or_else(|| "frontend/dist".into()));
        let jwt_secret = match get("PASSERELLE_JWT_SECRET") {
            None => None,
            Some(secret) if secret.len() < 32 => {
                return Err(ConfigError {
                    variable: "PASSERELLE_JWT_SECRET",
                    problem: "must be at least 32 characters (or leave it unset to generate one)"
                        .into(),
                });
            }
            Some(secret) => Some(secret.into_bytes()),
        };
        let minutes = |key: &'static str, default: u64| -> Result<Duration, ConfigError> {
            match get(key) {
                None => Ok(Duration::from_secs(default * 60)),
                Some(v) => v
                    .parse::<u64>()
                    .ok()
                    .filter(|m| *m > 0)
                    .map(|m| Duration::from_secs(m * 60))
                    .ok_or(ConfigError {
                        variable: key,
                        problem: format!("expected a positive number of minutes, got '{v}'"),
                    }),
            }
        };
        Ok(Settings {
            environment,
            bind,
            database_url,
            data_dir,
            static_dir,
            jwt_secret,
            access_token_ttl: minutes("PASSERELLE_ACCESS_TOKEN_MINUTES", 15)?,
            refresh_token_ttl: minutes("PASSERELLE_REFRESH_TOKEN_MINUTES", 30 * 24 * 60)?,
            refresh_reuse_grace: match get("PASSERELLE_REFRESH_REUSE_GRACE_SECONDS") {
                None => Duration::from_secs(10),
                Some(v) => v
                    .parse::<u64>()
                    .ok()
                    .filter(|s| *s <= 300)
                    .map(Duration::from_secs)
                    .ok_or(ConfigError {
                        variable: "PASSERELLE_REFRESH_REUSE_GRACE_SECONDS",
                        problem: format!("expected a number of seconds from 0 to 300, got '{v}'"),
                    })?,
            },
            request_timeout: match get("PASSERELLE_REQUEST_TIMEOUT_SECONDS") {
                None => Duration::from_secs(15),
                Some(v) => v
                    .parse::<u64>()
                    .ok()
                    .filter(|s| *s <= 600)
                    .map(Duration::from_secs)
                    .ok_or(ConfigError {
                        variable: "PASSERELLE_REQUEST_TIMEOUT_SECONDS",
                        problem: format!("expected a number of seconds from 0 to 600, got '{v}'"),
                    })?,
            },
            attempt_limits: AttemptLimits::default(),
            retention: match get("PASSERELLE_RETENTION_DAYS").as_deref() {
                // Two years after the last contact, the CNIL's framework for
                // the social and medico-social sector (active data); the
                // reports' figures survive pseudonymisation anyway.
                None => Some(Duration::from_secs(2 * 365 * 86_400)),
                Some("off") => None,
                Some(v) => Some(
                    v.parse::<u64>()
                        .ok()
                        .filter(|d| (30..=36_500).contains(d))
                        .map(|d| Duration::from_secs(d * 86_400))
                        .ok_or(ConfigError {
                            variable: "PASSERELLE_RETENTION_DAYS",
                            problem: format!(
                                "expected a number of days from 30 to 36500, or 'off', got '{v}'"
                            ),
                        })?,
                ),
            },
            demo: matches!(
                get("PASSERELLE_DEMO").as_deref(),
                Some("1" | "true" | "yes")
            ),
            public_url: get("PASSERELLE_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_string()),
            smtp_url: match get("PASSERELLE_SMTP_URL") {
                None => None,
                Some(url) if url.starts_with("smtp://") || url.starts_with("smtps://") => Some(url),
                Some(_) => {
                    return Err(ConfigError {
                        variable: "PASSERELLE_SMTP_URL",
                        problem: "expected smtp://… or smtps://…".into(),
                    });
                }
            },
            mail_from: get("PASSERELLE_MAIL_FROM")
                .unwrap_or_else(|| "Passerelle <passerelle@localhost>".into()),
        })
    }

    pub fn is_development(&self) -> bool {
        self.environment == Environment::Development
    }
}

/// Hides a password in a database URL before it reaches a log line.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            format!("{}://<redacted>{}", &url[..scheme_end], &url[at..])
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Settings::from_lookup(move |key| {
            pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
        })
    }

    #[test]
    fn defaults_are_safe() {
        let s = settings(&[]).expect("defaults load");
        assert_eq!(s.environment, Environment::Production);
        assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
        assert!(s.database_url.starts_with("sqlite://data/passerelle.db"));
        assert!(s.jwt_secret.is_none());
        assert!(!s.demo);
    }

    #[test]
    fn bad_values_name_their_variable() {
        assert_eq!(
            settings(&[("PASSERELLE_BIND", "nowhere")])
                .err()
                .map(|e| e.variable),
            Some("PASSERELLE_BIND")
        );
        assert_eq!(
            settings(&[("PASSERELLE_JWT_SECRET", "short")])
                .err()
                .map(|e| e.variable),
            Some("PASSERELLE_JWT_SECRET")
        );
        assert_eq!(
            settings(&[("PASSERELLE_ENV", "prod")])
                .err()
                .map(|e| e.variable),
            Some("PASSERELLE_ENV")
        );
    }

    #[test]
    fn secrets_stay_out_of_debug_output() {
        let s = settings(&[
            (
                "PASSERELLE_JWT_SECRET",
                "0123456789abcdef0123456789abcdef-secret",
            ),
            (
                "PASSERELLE_DATABASE_URL",
                "postgres://app:hunter2@db/passerelle",
            ),
        ])
        .expect("valid settings");
        let shown = format!("{s:?}");
        assert!(
            !shown.contains("hunter2") && !shown.contains("abcdef-secret"),
            "{shown}"
        );
    }
}
