//! Counts failed attempts per client so that guessing stops early: after a
//! few wrong tracking codes from one address, that address waits.

use std::{
    collections::HashMap,
    sync::Mutex,
    time::{Duration, Instant},
};

pub struct AttemptLimiter {
    window: Duration,
    max_failures: u32,
    failures: Mutex<HashMap<String, (Instant, u32)>>,
}

impl AttemptLimiter {
    pub fn new(window: Duration, max_failures: u32) -> AttemptLimiter {
        AttemptLimiter {
            window,
            max_failures,
            failures: Mutex::new(HashMap::new()),
        }
    }

    /// Whether `client` may try again now.
    pub fn allowed(&self, client: &str) -> bool {
        let Ok(mut map) = self.failures.lock() else {
            return false;
        };
        let now = Instant::now();
        // Forget old windows as we go: the map stays small.
        map.retain(|_, (since, _)| now.duration_since(*since) < self.window);
        map.get(client)
            .is_none_or(|(_, count)| *count < self.max_failures)
    }

    /// Forgets `client`'s failures (a successful sign-in).
    pub fn clear(&self, client: &str) {
        if let Ok(mut map) = self.failures.lock() {
            map.remove(client);
        }
    }

    pub fn failed(&self, client: &str) {
        if let Ok(mut map) = self.failures.lock() {
            let now = Instant::now();
            let entry = map.entry(client.to_string()).or_insert((now, 0));
            entry.1 += 1;
        }
    }
}

/// The address a request came from, as the listener saw it.
#[derive(Debug, Clone)]
pub struct ClientAddress(pub String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_stop_a_client_not_the_others() {
        let limiter = AttemptLimiter::new(Duration::from_secs(60), 3);
        for _ in 0..3 {
            assert!(limiter.allowed("a"));
            limiter.failed("a");
        }
        assert!(!limiter.allowed("a"));
        assert!(limiter.allowed("b"));
    }
}
