//! Brute-force throttling (security.md §1.4): per account, a doubling delay after 5 consecutive
//! failures (kept in the database, so every instance sees it) and a lock at 100; per client
//! address, 20 attempts a minute (kept in memory, per instance).

use chrono::{DateTime, Duration, Utc};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

pub const FREE_FAILURES: i32 = 5;
pub const LOCK_AT_FAILURES: i32 = 100;
const MAX_DELAY: Duration = Duration::minutes(15);

/// How long an account with `failures` consecutive failures must wait after the last one.
pub fn account_delay(failures: i32) -> Option<Duration> {
    if failures < FREE_FAILURES {
        return None;
    }
    if failures >= LOCK_AT_FAILURES {
        return Some(Duration::days(36_500));
    }
    let doublings = u32::try_from(failures - FREE_FAILURES).unwrap_or(u32::MAX).min(20);
    Some(Duration::seconds(1i64 << doublings).min(MAX_DELAY))
}

/// Seconds left before the account may try again, if it must wait: rounded up, so a client that
/// waits as long as it is told is never refused again.
pub fn account_retry_after(failures: i32, last_failure: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<u64> {
    let until = last_failure? + account_delay(failures)?;
    let wait = (until - now).to_std().ok().filter(|wait| !wait.is_zero())?;
    Some(whole_seconds_up(wait))
}

/// At least one second, and never less than `wait`.
fn whole_seconds_up(wait: std::time::Duration) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1)
}

/// Attempts per key (a client address, an API key) and minute, in memory (per instance).
#[derive(Clone)]
pub struct KeyedLimiter<K: Hash + Eq + Clone>(Arc<DefaultKeyedRateLimiter<K>>);

pub type AddressLimiter = KeyedLimiter<IpAddr>;

impl<K: Hash + Eq + Clone> KeyedLimiter<K> {
    pub fn per_minute(attempts: u32) -> Self {
        let quota = Quota::per_minute(NonZeroU32::new(attempts).unwrap_or(NonZeroU32::MIN));
        Self(Arc::new(RateLimiter::keyed(quota)))
    }

    /// `Err(seconds)` to wait when `key` has used up its attempts.
    pub fn check(&self, key: K) -> Result<(), u64> {
        self.0.check_key(&key).map_err(|not_until| {
            let wait = not_until.wait_time_from(governor::clock::Clock::now(&governor::clock::DefaultClock::default()));
            whole_seconds_up(wait)
        })?;
        if self.0.len() > 100_000 {
            self.0.retain_recent();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_after_five_failures_and_cap() {
        assert_eq!(account_delay(4), None);
        assert_eq!(account_delay(5), Some(Duration::seconds(1)));
        assert_eq!(account_delay(6), Some(Duration::seconds(2)));
        assert_eq!(account_delay(9), Some(Duration::seconds(16)));
        assert_eq!(account_delay(40), Some(MAX_DELAY));
        assert!(account_delay(100).unwrap() > Duration::days(365));
    }

    #[test]
    fn retry_after_counts_down_from_the_last_failure() {
        let now = Utc::now();
        assert_eq!(account_retry_after(6, Some(now), now), Some(2));
        assert_eq!(account_retry_after(6, Some(now - Duration::seconds(3)), now), None);
        assert_eq!(account_retry_after(3, Some(now), now), None);
    }

    #[test]
    fn retry_after_rounds_up_so_waiting_that_long_is_enough() {
        let now = Utc::now();
        // 4 s of delay, 0.3 s already gone: 3.7 s left is said as 4, never 3.
        let last = now - Duration::milliseconds(300);
        let advertised = account_retry_after(7, Some(last), now).unwrap();
        assert_eq!(advertised, 4);
        let later = now + Duration::seconds(i64::try_from(advertised).unwrap());
        assert_eq!(account_retry_after(7, Some(last), later), None, "after the advertised wait, no more waiting");
        assert_eq!(whole_seconds_up(std::time::Duration::from_millis(3_001)), 4);
        assert_eq!(whole_seconds_up(std::time::Duration::from_millis(3_000)), 3);
        assert_eq!(whole_seconds_up(std::time::Duration::from_millis(1)), 1);
    }

    #[test]
    fn addresses_get_twenty_attempts_a_minute() {
        let limiter = AddressLimiter::per_minute(20);
        let address: IpAddr = "127.0.0.9".parse().unwrap();
        for attempt in 1..=20 {
            assert!(limiter.check(address).is_ok(), "attempt {attempt} should pass");
        }
        assert!(limiter.check(address).unwrap_err() >= 1);
        assert!(limiter.check("127.0.0.10".parse().unwrap()).is_ok(), "another address is not blocked");
    }
}
