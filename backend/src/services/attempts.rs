//! How many guesses a client gets: sign-ins per account and per address,
//! current-password checks per account, tracking codes per address. The
//! numbers live in `config::AttemptLimits`.
//!
//! An attempt is counted *before* the password or code is checked, under one
//! lock: ten sign-ins sent at once (a JSON batch, aliases, parallel requests)
//! see the count the others left, so no burst gets past the limit. An attempt
//! that turns out not to be a guess (the right password, a known code) is
//! given back. Attempts still waiting for their verdict hold their place:
//! when they fill the limit, the next one waits its turn (a few milliseconds)
//! rather than being refused, so that households behind one address (a
//! mobile operator's, a social centre's Wi-Fi) opening their page at once
//! are all answered. Only settled wrong guesses refuse.

use std::{collections::HashMap, sync::Mutex, time::Instant};

use shared_types::ErrorCode;

use crate::config::{AttemptLimit, AttemptLimits};

/// How long an attempt waits for a place held by attempts in flight.
const LONGEST_WAIT: std::time::Duration = std::time::Duration::from_secs(2);

/// One key's window: since when, its wrong guesses, its attempts in flight.
#[derive(Debug, Clone, Copy)]
struct Count {
    since: Instant,
    failures: u32,
    pending: u32,
}

/// What became of an attempt.
#[derive(Debug, Clone, Copy)]
enum Verdict {
    Failed,
    GivenBack,
    Cleared,
}

/// Attempts per key within a window that starts at the key's first attempt.
pub struct AttemptLimiter {
    limit: AttemptLimit,
    counts: Mutex<HashMap<String, Count>>,
    /// Wakes the attempts waiting for a place when one is freed.
    freed: tokio::sync::Notify,
}

impl AttemptLimiter {
    pub fn new(limit: AttemptLimit) -> AttemptLimiter {
        AttemptLimiter {
            limit,
            counts: Mutex::new(HashMap::new()),
            freed: tokio::sync::Notify::new(),
        }
    }

    /// Counts one attempt for `key`: refused when the key has used its
    /// attempts in the current window, `None` while attempts in flight hold
    /// the remaining places. Checking and counting happen under the same
    /// lock: that is what makes the limit hold under bursts.
    pub fn try_reserve(&self, key: &str) -> Result<Option<Reservation<'_>>, ErrorCode> {
        // A poisoned lock means a panic while counting: refuse rather than let guesses through.
        let mut counts = self.counts.lock().map_err(|_| ErrorCode::TooManyAttempts)?;
        let now = Instant::now();
        let window = self.limit.window;
        // Forget old windows as we go: the map stays small.
        counts.retain(|_, c| c.pending > 0 || now.duration_since(c.since) < window);
        let entry = counts.entry(key.to_string()).or_insert(Count {
            since: now,
            failures: 0,
            pending: 0,
        });
        if now.duration_since(entry.since) >= window {
            entry.since = now;
            entry.failures = 0;
        }
        if entry.failures >= self.limit.max {
            return Err(ErrorCode::TooManyAttempts);
        }
        if entry.failures + entry.pending >= self.limit.max {
            return Ok(None);
        }
        entry.pending += 1;
        Ok(Some(Reservation {
            limiter: self,
            key: key.to_string(),
            settled: false,
        }))
    }

    /// [`try_reserve`](Self::try_reserve), waiting while attempts in flight
    /// hold the places (woken as soon as one is freed; refused if they
    /// still do after two seconds).
    pub async fn reserve(&self, key: &str) -> Result<Reservation<'_>, ErrorCode> {
        let deadline = tokio::time::Instant::now() + LONGEST_WAIT;
        loop {
            // Listening before looking: a place freed in between is not missed.
            let freed = self.freed.notified();
            tokio::pin!(freed);
            freed.as_mut().enable();
            if let Some(reservation) = self.try_reserve(key)? {
                return Ok(reservation);
            }
            if tokio::time::timeout_at(deadline, freed).await.is_err() {
                return Err(ErrorCode::TooManyAttempts);
            }
        }
    }

    fn settle(&self, key: &str, verdict: Verdict) {
        if let Ok(mut counts) = self.counts.lock()
            && let Some(entry) = counts.get_mut(key)
        {
            entry.pending = entry.pending.saturating_sub(1);
            match verdict {
                Verdict::Failed => entry.failures += 1,
                Verdict::GivenBack => {}
                Verdict::Cleared => entry.failures = 0,
            }
        }
        self.freed.notify_waiters();
    }
}

/// One counted attempt. Dropped without a verdict (the request was stopped
/// half-way), it counts as a wrong guess: a guess cut short is still a guess.
pub struct Reservation<'a> {
    limiter: &'a AttemptLimiter,
    key: String,
    settled: bool,
}

impl Reservation<'_> {
    fn settle(mut self, verdict: Verdict) {
        self.settled = true;
        self.limiter.settle(&self.key, verdict);
    }

    /// A wrong password or code: the attempt stays counted.
    pub fn failed(self) {
        self.settle(Verdict::Failed);
    }

    /// Not a guess (the right answer, or a refusal for another reason): the
    /// attempt is given back.
    pub fn not_a_guess(self) {
        self.settle(Verdict::GivenBack);
    }

    /// The right password: the key's earlier failures are forgotten too.
    pub fn succeeded(self) {
        self.settle(Verdict::Cleared);
    }
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        if !self.settled {
            self.limiter.settle(&self.key, Verdict::Failed);
        }
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
    pub async fn sign_in(
        &self,
        account: &str,
        address: &str,
    ) -> Result<SignInAttempt<'_>, ErrorCode> {
        let account = self.sign_in_by_account.reserve(account).await?;
        match self.sign_in_by_address.reserve(address).await {
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
    pub async fn password_check(&self, account: &str) -> Result<Reservation<'_>, ErrorCode> {
        self.sign_in_by_account.reserve(account).await
    }

    /// A tracking code typed from `address`.
    pub async fn tracking_code(&self, address: &str) -> Result<Reservation<'_>, ErrorCode> {
        self.tracking_by_address.reserve(address).await
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
            limiter
                .try_reserve("a")
                .ok()
                .flatten()
                .expect("within the limit")
                .failed();
        }
        assert!(limiter.try_reserve("a").is_err());
        assert!(matches!(limiter.try_reserve("b"), Ok(Some(_))));
    }

    #[test]
    fn attempts_in_flight_hold_their_places_until_their_verdict() {
        let limiter = limiter(5);
        // Ten attempts at once, none answered yet: five get a place, the
        // others wait (not refused).
        let attempts: Vec<_> = (0..10).map(|_| limiter.try_reserve("a")).collect();
        let held: Vec<_> = attempts
            .into_iter()
            .filter_map(|a| a.ok().flatten())
            .collect();
        assert_eq!(held.len(), 5);
        assert!(matches!(limiter.try_reserve("a"), Ok(None)));
        held.into_iter().for_each(Reservation::failed);
        assert!(limiter.try_reserve("a").is_err());
    }

    #[test]
    fn threads_racing_never_pass_the_limit() {
        let limiter = std::sync::Arc::new(limiter(5));
        let passed: usize = (0..20)
            .map(|_| {
                let limiter = limiter.clone();
                std::thread::spawn(move || {
                    loop {
                        match limiter.try_reserve("a") {
                            Err(_) => return 0,
                            Ok(Some(attempt)) => {
                                attempt.failed();
                                return 1;
                            }
                            Ok(None) => std::thread::yield_now(),
                        }
                    }
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|t| t.join().unwrap_or(0))
            .sum();
        assert_eq!(passed, 5);
    }

    #[tokio::test]
    async fn right_answers_in_a_crowd_are_all_answered() {
        let limiter = std::sync::Arc::new(limiter(3));
        // Forty households behind one address, at once, each with its code.
        let mut crowd = tokio::task::JoinSet::new();
        for _ in 0..40 {
            let limiter = limiter.clone();
            crowd.spawn(async move {
                match limiter.reserve("address").await {
                    Ok(attempt) => {
                        tokio::time::sleep(Duration::from_millis(2)).await;
                        attempt.not_a_guess();
                        1
                    }
                    Err(_) => 0,
                }
            });
        }
        let answered: usize = crowd.join_all().await.into_iter().sum();
        assert_eq!(answered, 40);
    }

    #[test]
    fn an_attempt_given_back_or_succeeding_frees_its_place() {
        let limiter = limiter(2);
        let next = |limiter: &AttemptLimiter| limiter.try_reserve("a").ok().flatten().is_some();
        limiter
            .try_reserve("a")
            .ok()
            .flatten()
            .expect("first")
            .failed();
        limiter
            .try_reserve("a")
            .ok()
            .flatten()
            .expect("second")
            .not_a_guess();
        limiter
            .try_reserve("a")
            .ok()
            .flatten()
            .expect("given back")
            .succeeded();
        for _ in 0..2 {
            limiter
                .try_reserve("a")
                .ok()
                .flatten()
                .expect("cleared")
                .failed();
        }
        assert!(limiter.try_reserve("a").is_err());
        assert!(!next(&limiter));
    }

    #[test]
    fn an_attempt_cut_short_stays_counted() {
        let limiter = limiter(1);
        drop(limiter.try_reserve("a").ok().flatten().expect("first"));
        assert!(limiter.try_reserve("a").is_err());
    }
}
