//! The one sanctioned place that reads the system clock. Everything else gets
//! the time from a [`Clock`], so tests and demos are deterministic.

use chrono::{NaiveDate, NaiveDateTime};

pub trait Clock: Send + Sync {
    /// Local wall-clock time on the device (Polish time for our users).
    fn now(&self) -> NaiveDateTime;

    fn today(&self) -> NaiveDate {
        self.now().date()
    }
}

/// The device's clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> NaiveDateTime {
        chrono::Local::now().naive_local()
    }
}

/// A clock that always shows the same time.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub NaiveDateTime);

impl Clock for FixedClock {
    fn now(&self) -> NaiveDateTime {
        self.0
    }
}
