//! The clock is injected: rules never read it, and tests on every language set it.

use chrono::{DateTime, Utc};

/// The current time, supplied by the shell (or a fixed clock in tests).
#[uniffi::export(with_foreign)]
pub trait Clock: Send + Sync {
    /// Milliseconds since the Unix epoch, UTC.
    fn now_millis(&self) -> i64;
}

/// The operating system's clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_millis(&self) -> i64 {
        Utc::now().timestamp_millis()
    }
}

/// A clock stopped at one instant.
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now_millis(&self) -> i64 {
        self.0.timestamp_millis()
    }
}

pub(crate) fn now_of(clock: &dyn Clock) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(clock.now_millis()).unwrap_or_default()
}
