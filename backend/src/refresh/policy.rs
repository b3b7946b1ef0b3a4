//! When to try again: capped exponential backoff with full jitter, `Retry-After` honoured, and a
//! circuit breaker that stops calling a provider that keeps failing (security.md §4.1–4.2).

use rand::Rng;
use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Longest wait zzyzx accepts from a provider's `Retry-After`.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(15 * 60);

#[derive(Debug, Clone, Copy)]
pub struct Backoff {
    pub base: Duration,
    pub cap: Duration,
}

impl Backoff {
    /// Full jitter: a random wait between 0 and min(cap, base · 2^attempt).
    pub fn delay(&self, attempt: u32) -> Duration {
        let ceiling = self.base.saturating_mul(2u32.saturating_pow(attempt)).min(self.cap);
        let millis = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(rand::rng().random_range(0..=millis))
    }

    /// The wait before the next attempt: never sooner than the provider asked.
    pub fn delay_after(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let backoff = self.delay(attempt);
        match retry_after {
            Some(asked) => asked.min(MAX_RETRY_AFTER).max(backoff),
            None => backoff,
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct BreakerConfig {
    /// Open after this many failures in a row …
    pub consecutive_failures: u32,
    /// … or when at least `failure_ratio` of the last `window` calls failed.
    pub window: usize,
    pub failure_ratio: f64,
    /// Stay open this long, then let one probe through.
    pub open_for: Duration,
}

impl Default for BreakerConfig {
    fn default() -> Self {
        Self { consecutive_failures: 5, window: 20, failure_ratio: 0.5, open_for: Duration::from_secs(60) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BreakerState {
    Closed,
    Open,
    HalfOpen,
}

/// Martin Fowler's circuit breaker: closed → open after failures → half-open after a pause,
/// where one probe decides between closed and open again.
#[derive(Debug)]
pub struct Breaker {
    config: BreakerConfig,
    recent: VecDeque<bool>,
    consecutive_failures: u32,
    open_until: Option<Instant>,
    probe_in_flight: bool,
}

impl Breaker {
    pub fn new(config: BreakerConfig) -> Self {
        Self { config, recent: VecDeque::new(), consecutive_failures: 0, open_until: None, probe_in_flight: false }
    }

    pub fn state(&self, now: Instant) -> BreakerState {
        match self.open_until {
            None => BreakerState::Closed,
            Some(until) if now < until => BreakerState::Open,
            Some(_) => BreakerState::HalfOpen,
        }
    }

    /// Whether a call may go out now. In half-open state only one probe may.
    pub fn allow(&mut self, now: Instant) -> bool {
        match self.state(now) {
            BreakerState::Closed => true,
            BreakerState::Open => false,
            BreakerState::HalfOpen if self.probe_in_flight => false,
            BreakerState::HalfOpen => {
                self.probe_in_flight = true;
                true
            }
        }
    }

    /// When calls may go out again, if the breaker is open.
    pub fn open_until(&self) -> Option<Instant> {
        self.open_until
    }

    pub fn record(&mut self, success: bool, now: Instant) {
        self.probe_in_flight = false;
        self.recent.push_back(success);
        if self.recent.len() > self.config.window {
            self.recent.pop_front();
        }
        if success {
            self.consecutive_failures = 0;
            self.open_until = None;
            return;
        }
        self.consecutive_failures += 1;
        let failures = self.recent.iter().filter(|ok| !**ok).count();
        let ratio_tripped = self.recent.len() >= self.config.window
            && failures as f64 / self.recent.len() as f64 >= self.config.failure_ratio;
        let was_probing = self.open_until.is_some();
        if self.consecutive_failures >= self.config.consecutive_failures || ratio_tripped || was_probing {
            if self.open_until.is_none_or(|until| until <= now) {
                tracing::warn!(failures = self.consecutive_failures, "circuit breaker opens");
            }
            self.open_until = Some(now + self.config.open_for);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn delays_stay_within_bounds(attempt in 0u32..40, asked in proptest::option::of(0u64..100_000)) {
            let backoff = Backoff { base: Duration::from_secs(1), cap: Duration::from_secs(60) };
            let asked = asked.map(Duration::from_secs);
            let delay = backoff.delay_after(attempt, asked);
            prop_assert!(delay <= MAX_RETRY_AFTER.max(backoff.cap));
            if let Some(asked) = asked {
                prop_assert!(delay >= asked.min(MAX_RETRY_AFTER), "never sooner than Retry-After");
            }
        }
    }

    #[test]
    fn the_breaker_opens_after_five_failures_and_probes_once() {
        let start = Instant::now();
        let mut breaker = Breaker::new(BreakerConfig::default());
        for _ in 0..4 {
            assert!(breaker.allow(start));
            breaker.record(false, start);
        }
        assert_eq!(breaker.state(start), BreakerState::Closed);
        breaker.record(false, start);
        assert_eq!(breaker.state(start), BreakerState::Open);
        assert!(!breaker.allow(start + Duration::from_secs(59)));

        let later = start + Duration::from_secs(61);
        assert!(breaker.allow(later), "one probe after the pause");
        assert!(!breaker.allow(later), "only one");
        breaker.record(false, later);
        assert_eq!(breaker.state(later), BreakerState::Open, "a failed probe opens it again");

        let much_later = later + Duration::from_secs(61);
        assert!(breaker.allow(much_later));
        breaker.record(true, much_later);
        assert_eq!(breaker.state(much_later), BreakerState::Closed);
    }

    #[test]
    fn the_breaker_opens_on_a_high_failure_ratio() {
        let now = Instant::now();
        let mut breaker = Breaker::new(BreakerConfig::default());
        for n in 0..20 {
            breaker.record(n % 2 == 0, now);
        }
        assert_eq!(breaker.state(now), BreakerState::Open);
    }
}
