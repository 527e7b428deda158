//! How many guesses a client gets: sign-ins per account and per address,
//! current-password checks per account, tracking codes per address. The
//! numbers live in `config::AttemptLimits`.
//!
//! An attempt is counted *before* the password or code is checked, under one
//! lock: ten sign-ins sent at once (a JSON batch, aliases, parallel requests)
//! see the count the others left, so no burst gets past the limit. An attempt
//! that turns out not to be a guess (the right password, a known code) is
//! given back.

use std::{collections::HashMap, sync::Mutex, time::Instant};

use shared_types::ErrorCode;

use crate::config::{AttemptLimit, AttemptLimits};

/// Attempts per key within a window that starts at the key's first attempt.
pub struct AttemptLimiter {
    limit: AttemptLimit,
    counts: Mutex<HashMap<String, (Instant, u32)>>,
}

impl AttemptLimiter {
    pub fn new(limit: AttemptLimit) -> AttemptLimiter {
        AttemptLimiter {
            limit,
            counts: Mutex::new(HashMap::new()),
        }
    }

    /// Counts one attempt for `key`, or refuses it when the key has used
    /// its attempts in the current window. Checking and counting happen
    /// under the same lock: that is what makes the limit hold under bursts.
    pub fn reserve(&self, key: &str) -> Result<Reservation<'_>, ErrorCode> {
        // A poisoned lock means a panic while counting: refuse rather than let guesses through.
        let mut counts = self.counts.lock().map_err(|_| ErrorCode::TooManyAttempts)?;
        let now = Instant::now();
        // Forget old windows as we go: the map stays small.
        counts.retain(|_, (since, _)| now.duration_since(*since) < self.limit.window);
        let entry = counts.entry(key.to_string()).or_insert((now, 0));
        if entry.1 >= self.limit.max {
            return Err(ErrorCode::TooManyAttempts);
        }
        entry.1 += 1;
        Ok(Reservation {
            limiter: self,
            key: key.to_string(),
        })
    }

    fn give_back(&self, key: &str) {
        if let Ok(mut counts) = self.counts.lock()
            && let Some(entry) = counts.get_mut(key)
        {
            entry.1 = entry.1.saturating_sub(1);
        }
    }

    fn clear(&self, key: &str) {
        if let Ok(mut counts) = self.counts.lock() {
            counts.remove(key);
        }
    }
}

/// One counted attempt. Dropped without a verdict (the request was stopped
/// half-way), it stays counted: a guess cut short is still a guess.
pub struct Reservation<'a> {
    limiter: &'a AttemptLimiter,
    key: String,
}

impl Reservation<'_> {
    /// A wrong password or code: the attempt stays counted.
    pub fn failed(self) {}

    /// Not a guess (the right answer, or a refusal for another reason): the
    /// attempt is given back.
    pub fn not_a_guess(self) {
        self.limiter.give_back(&self.key);
    }

    /// The right password: the key's earlier failures are forgotten too.
    pub fn succeeded(self) {
        self.limiter.clear(&self.key);
    }
}

/// Every attempt limit of the server, shared by all requests.
pub struct Attempts {
    sign_in_by_account: AttemptLimiter,
    sign_in_by_address: AttemptLimiter,
    tracking_by_address: AttemptLimiter,
}

/// A sign-in counted against its account and its address.
pub struct SignInAttempt<'a> {
    account: Reservation<'a>,
    address: Reservation<'a>,
}

impl SignInAttempt<'_> {
    pub fn wrong_password(self) {
        self.account.failed();
        self.address.failed();
    }

    /// Signed in: the account's count starts again (a pause, never a
    /// lockout), and the office's address is not charged for it.
    pub fn signed_in(self) {
        self.account.succeeded();
        self.address.not_a_guess();
    }

    pub fn not_a_guess(self) {
        self.account.not_a_guess();
        self.address.not_a_guess();
    }
}

impl Attempts {
    pub fn new(limits: &AttemptLimits) -> Attempts {
        Attempts {
            sign_in_by_account: AttemptLimiter::new(limits.sign_in_per_account),
            sign_in_by_address: AttemptLimiter::new(limits.sign_in_per_address),
            tracking_by_address: AttemptLimiter::new(limits.tracking_per_address),
        }
    }

    /// A sign-in with `account` (the email's search key) from `address`,
    /// or `TOO_MANY_ATTEMPTS` when either has used its attempts.
    pub fn sign_in(&self, account: &str, address: &str) -> Result<SignInAttempt<'_>, ErrorCode> {
        let account = self.sign_in_by_account.reserve(account)?;
        match self.sign_in_by_address.reserve(address) {
            Ok(address) => Ok(SignInAttempt { account, address }),
            Err(code) => {
                account.not_a_guess();
                Err(code)
            }
        }
    }

    /// A signed-in person typing their current password (to change it):
    /// counted with the account's sign-ins, so that a phone left signed in
    /// is no way to guess the password.
    pub fn password_check(&self, account: &str) -> Result<Reservation<'_>, ErrorCode> {
        self.sign_in_by_account.reserve(account)
    }

    /// A tracking code typed from `address`.
    pub fn tracking_code(&self, address: &str) -> Result<Reservation<'_>, ErrorCode> {
        self.tracking_by_address.reserve(address)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn limiter(max: u32) -> AttemptLimiter {
        AttemptLimiter::new(AttemptLimit {
            max,
            window: Duration::from_secs(60),
        })
    }

    #[test]
    fn failures_stop_a_client_not_the_others() {
        let limiter = limiter(3);
        for _ in 0..3 {
            limiter.reserve("a").expect("within the limit").failed();
        }
        assert!(limiter.reserve("a").is_err());
        assert!(limiter.reserve("b").is_ok());
    }

    #[test]
    fn attempts_in_flight_count_before_their_verdict() {
        let limiter = limiter(5);
        // Ten attempts at once, none answered yet: only five get through.
        let held: Vec<_> = (0..10).filter_map(|_| limiter.reserve("a").ok()).collect();
        assert_eq!(held.len(), 5);
        held.into_iter().for_each(Reservation::failed);
        assert!(limiter.reserve("a").is_err());
    }

    #[test]
    fn threads_racing_never_pass_the_limit() {
        let limiter = std::sync::Arc::new(limiter(5));
        let passed: usize = (0..20)
            .map(|_| {
                let limiter = limiter.clone();
                std::thread::spawn(move || {
                    limiter.reserve("a").map(Reservation::failed).is_ok() as usize
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap_or(0))
            .sum();
        assert_eq!(passed, 5);
    }

    #[test]
    fn an_attempt_given_back_or_succeeding_frees_its_place() {
        let limiter = limiter(2);
        limiter.reserve("a").expect("first").failed();
        limiter.reserve("a").expect("second").not_a_guess();
        limiter.reserve("a").expect("given back").succeeded();
        for _ in 0..2 {
            limiter.reserve("a").expect("cleared").failed();
        }
        assert!(limiter.reserve("a").is_err());
    }

    #[test]
    fn an_attempt_cut_short_stays_counted() {
        let limiter = limiter(1);
        drop(limiter.reserve("a").expect("first"));
        assert!(limiter.reserve("a").is_err());
    }
}
