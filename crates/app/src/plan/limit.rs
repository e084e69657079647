//! How long the planner may search: a budget of steps, which makes it
//! deterministic, and a wall-clock stop for a slow device.

use domain::route::Budget;
use std::time::{Duration, Instant};

/// How long the planner may search: `iterations` steps (what makes it
/// deterministic), stopped early only if `time` runs out first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanLimit {
    pub iterations: u64,
    pub time: Duration,
}

impl PlanLimit {
    /// The day screen: about 300 ms on a phone at most.
    pub const DAY: PlanLimit = PlanLimit {
        iterations: 3_000,
        time: Duration::from_millis(300),
    };
    /// Each day of the week preview: the day screen's budget, so that a
    /// day of the week is the day plan of its date.
    pub const WEEK: PlanLimit = PlanLimit::DAY;
}

/// Search steps counted like `route::Iterations` (so the planner's phases
/// depend on steps only), with a wall-clock stop.
pub(super) struct Limited {
    done: u64,
    max: u64,
    started: Instant,
    time: Duration,
}

impl Limited {
    pub(super) fn new(limit: &PlanLimit) -> Limited {
        Limited {
            done: 0,
            max: limit.iterations,
            started: Instant::now(),
            time: limit.time,
        }
    }
}

impl Budget for Limited {
    fn should_stop(&mut self) -> bool {
        if self.done >= self.max || self.started.elapsed() >= self.time {
            return true;
        }
        self.done += 1;
        false
    }

    fn spent(&self) -> Option<f64> {
        Some(if self.max == 0 {
            1.0
        } else {
            self.done as f64 / self.max as f64
        })
    }
}
