//! Visit planning (issue #5): which visits fit into a working day, in what
//! order, and when the advisor arrives; and how to spread visits over a week.
//!
//! Everything here is pure: no I/O and no clock. The only randomness is a
//! generator seeded from [`PlanOptions::seed`], so the same problem, seed and
//! iteration budget always give the same plan. How long the search may run is
//! injected as a [`Budget`]: tests count iterations, the app passes a closure
//! over its clock.
//!
//! Non-fatal outcomes are data: a plan holds the route and the visits it
//! could not fit, each with its [`DropReason`]. Only malformed input (a
//! location outside the travel matrix, a window that closes before it opens)
//! is an error.
//!
//! Times are whole seconds, usually since midnight of the planned day. A
//! visit's window is when the visit must *start*. An agreed appointment is
//! a window of one instant ([`Visit::at`]): the visit starts exactly at the
//! agreed time, and an advisor who arrives early waits (issue #17: an
//! appointment at 15:00 is planned at 15:00, not from 14:45).
//! Appointments rank above every other visit; among the rest, a higher
//! [`Visit::priority`] ranks higher, strictly: the planner never drops a visit
//! to keep any number of visits that rank lower. Among visits of equal rank it
//! keeps as many as it can, then minimises travel time.
//!
//! [`check_day`] and [`check_week`] re-simulate a plan independently of the
//! planner and report every broken rule.

mod check;
mod engine;
mod order;
mod repair;
mod rng;
pub mod score;
mod timing;
mod travel;

#[cfg(test)]
mod tests;

pub use check::{check_day, check_week, Violation};
pub use repair::{repair_order, OrderedStop, Repaired};
pub use score::{key_case_score, KeyScore, ScoreReason, ScoreRules};
pub use timing::time_route;
pub use travel::{TravelRules, TravelTimes};

use engine::{Inst, JobSpec, Params, Search, Sol, SortBy, Vehicle, FAR, NONE};
use rng::Rng;

/// Seconds, usually since midnight of the planned day.
pub type Seconds = i64;

/// A closed interval of time, `open..=close`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct TimeWindow {
    pub open: Seconds,
    pub close: Seconds,
}

impl TimeWindow {
    pub fn new(open: Seconds, close: Seconds) -> TimeWindow {
        TimeWindow { open, close }
    }

    pub fn contains(&self, t: Seconds) -> bool {
        self.open <= t && t <= self.close
    }
}

/// One visit to plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    /// Where, as an index into the problem's [`TravelTimes`].
    pub location: usize,
    /// How long the visit takes on site.
    pub duration: Seconds,
    /// The agreed appointment: the visit must start inside this window.
    pub window: Option<TimeWindow>,
    /// Higher is more important; see [`key_case_score`].
    pub priority: u32,
    /// Week planning only: the day (index into [`WeekProblem::days`]) the
    /// appointment is on. `plan_day` ignores it.
    pub day: Option<usize>,
    /// Week planning only: what the visit takes from a day's capacity.
    pub demand: i64,
}

impl Visit {
    /// A visit with no appointment, priority 0 and no demand.
    pub fn new(location: usize, duration: Seconds) -> Visit {
        Visit {
            location,
            duration,
            window: None,
            priority: 0,
            day: None,
            demand: 0,
        }
    }

    pub fn with_window(self, open: Seconds, close: Seconds) -> Visit {
        Visit {
            window: Some(TimeWindow::new(open, close)),
            ..self
        }
    }

    /// An agreed appointment: the visit starts exactly at `time`. This is
    /// the one place an agreed time becomes a window; arriving early means
    /// waiting, arriving later is missing it.
    pub fn at(self, time: Seconds) -> Visit {
        self.with_window(time, time)
    }

    pub fn with_priority(self, priority: u32) -> Visit {
        Visit { priority, ..self }
    }

    pub fn on_day(self, day: usize) -> Visit {
        Visit {
            day: Some(day),
            ..self
        }
    }

    pub fn with_demand(self, demand: i64) -> Visit {
        Visit { demand, ..self }
    }
}

/// One working day: from `start` (leaving no earlier than `hours.open`) back
/// to `end` (arriving no later than `hours.close`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaySpec {
    pub start: usize,
    pub end: usize,
    pub hours: TimeWindow,
    /// The most total [`Visit::demand`] the day can take; `None` for no limit.
    pub capacity: Option<i64>,
}

/// Plan one day.
#[derive(Debug, Clone, PartialEq)]
pub struct DayProblem {
    pub travel: TravelTimes,
    /// Where the day starts and ends (indices into `travel`).
    pub start: usize,
    pub end: usize,
    /// Working hours.
    pub hours: TimeWindow,
    pub visits: Vec<Visit>,
}

/// What the week planner minimises after keeping the most important visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekObjective {
    /// Total travel time over the week.
    LeastTravel,
    /// The number of days used, then total travel time.
    FewestDaysThenTravel,
}

/// Spread visits over several days (the days act as vehicles).
#[derive(Debug, Clone, PartialEq)]
pub struct WeekProblem {
    pub travel: TravelTimes,
    pub days: Vec<DaySpec>,
    pub visits: Vec<Visit>,
    pub objective: WeekObjective,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanOptions {
    /// Seeds the planner's random choices.
    pub seed: u64,
}

/// How long the planner may search. The planner asks `should_stop` once per
/// search step. Any `FnMut() -> bool` is a budget; [`Iterations`] is one that
/// also knows how much of it is spent, which lets the search cool down on
/// schedule.
pub trait Budget {
    fn should_stop(&mut self) -> bool;

    /// The share of the budget spent so far, in `0.0..=1.0`, if known.
    fn spent(&self) -> Option<f64> {
        None
    }
}

impl<F: FnMut() -> bool> Budget for F {
    fn should_stop(&mut self) -> bool {
        self()
    }
}

/// A budget of search steps: deterministic, for tests and reproducible runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Iterations {
    pub done: u64,
    pub max: u64,
}

impl Iterations {
    pub fn new(max: u64) -> Iterations {
        Iterations { done: 0, max }
    }
}

impl Budget for Iterations {
    fn should_stop(&mut self) -> bool {
        if self.done >= self.max {
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

/// A part of a budget: stops when the whole budget stops or when `share` of
/// it is spent; with a budget that does not know, after `fallback` steps
/// (the caller decides when a phase has done enough).
struct Share<'b> {
    inner: &'b mut dyn Budget,
    from: f64,
    until: f64,
    steps: u64,
    fallback: u64,
}

impl<'b> Share<'b> {
    fn new(inner: &'b mut dyn Budget, until: f64, fallback: u64) -> Share<'b> {
        let from = inner.spent().unwrap_or(0.0);
        Share {
            inner,
            from,
            until,
            steps: 0,
            fallback,
        }
    }
}

impl Budget for Share<'_> {
    fn should_stop(&mut self) -> bool {
        self.steps += 1;
        if self.inner.should_stop() {
            return true;
        }
        match self.inner.spent() {
            Some(s) => s >= self.until,
            None => self.steps > self.fallback,
        }
    }

    fn spent(&self) -> Option<f64> {
        let span = (self.until - self.from).max(1e-9);
        match self.inner.spent() {
            Some(s) => Some(((s - self.from) / span).clamp(0.0, 1.0)),
            None => Some((self.steps as f64 / self.fallback.max(1) as f64).min(1.0)),
        }
    }
}

/// One stop of a route, with its times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop {
    /// Index into the problem's visits.
    pub visit: usize,
    pub arrival: Seconds,
    /// Time spent waiting for the appointment window to open.
    pub wait: Seconds,
    /// When the visit starts (`arrival + wait`).
    pub start: Seconds,
    /// When the visit ends and the advisor drives on.
    pub finish: Seconds,
}

/// A day's route. A day without stops has no travel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// When to leave the start: no earlier than the first stop needs.
    pub departure: Seconds,
    pub stops: Vec<Stop>,
    /// Arrival at the end of the day.
    pub return_at: Seconds,
    /// Total driving time, to the end included.
    pub travel: Seconds,
    pub waiting: Seconds,
    pub load: i64,
}

/// Why a visit is not in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DropReason {
    /// The working day is too short for it, even as the only visit; or the
    /// day is full of visits that rank as high as it does.
    DoesNotFitDay,
    /// Its appointment window cannot be met: not even as the only visit
    /// (too early to get there from the start), or not together with the
    /// other appointments kept.
    WindowUnreachable,
    /// Its appointment can be reached, but the visit (and the way to the
    /// day's end) would end after the working hours: an appointment agreed
    /// after the end of work, or too close to it for the visit.
    AfterWorkingHours,
    /// It would fit alone, but visits that rank higher fill the time.
    LowerPriorityThanKept,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dropped {
    pub visit: usize,
    pub reason: DropReason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayPlan {
    pub route: Route,
    /// Visits not planned, in the order of the problem's visits.
    pub dropped: Vec<Dropped>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeekPlan {
    /// One route per day of the problem, in the same order.
    pub days: Vec<Route>,
    pub dropped: Vec<Dropped>,
    pub travel: Seconds,
}

impl WeekPlan {
    /// The number of days with at least one visit.
    pub fn days_used(&self) -> usize {
        self.days.iter().filter(|d| !d.stops.is_empty()).count()
    }
}

/// A day gone by cannot be planned: a plan says where the advisor will
/// go, and yesterday's would only record what did not happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{day} is in the past (today is {today})")]
pub struct DayInPast {
    pub day: chrono::NaiveDate,
    pub today: chrono::NaiveDate,
}

/// Whether `day` may be planned on `today` (the caller's clock): today and
/// later days may, earlier days may not.
pub fn may_plan(day: chrono::NaiveDate, today: chrono::NaiveDate) -> Result<(), DayInPast> {
    if day < today {
        Err(DayInPast { day, today })
    } else {
        Ok(())
    }
}

/// Malformed input; the plan itself never fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RouteError {
    #[error("travel matrix row {row} has {len} entries, expected {expected}")]
    MatrixNotSquare {
        row: usize,
        len: usize,
        expected: usize,
    },
    #[error("travel matrix row {row} has a negative time ({seconds} s)")]
    NegativeTravelTime { row: usize, seconds: Seconds },
    #[error("{what} refers to location {location}, but the matrix has {len}")]
    UnknownLocation {
        what: String,
        location: usize,
        len: usize,
    },
    #[error("{what} has a window that closes before it opens")]
    BadWindow { what: String },
    #[error("visit {visit} has a negative duration or demand")]
    Negative { visit: usize },
    #[error("visit {visit} is on day {day}, but the week has {days} days")]
    UnknownDay {
        visit: usize,
        day: usize,
        days: usize,
    },
    #[error("a week plan needs at least one day")]
    NoDays,
}

/// Plans one day: picks the visits that fit (dropping the lowest ranked
/// first), orders them to minimise travel and times every stop.
pub fn plan_day(
    problem: &DayProblem,
    options: &PlanOptions,
    budget: &mut dyn Budget,
) -> Result<DayPlan, RouteError> {
    let day = DaySpec {
        start: problem.start,
        end: problem.end,
        hours: problem.hours,
        capacity: None,
    };
    let visits: Vec<Visit> = problem
        .visits
        .iter()
        .map(|v| Visit {
            day: None,
            ..v.clone()
        })
        .collect();
    let prep = Prepared::new(&problem.travel, std::slice::from_ref(&day), &visits, false)?;
    let inst = &prep.inst;
    let mut rng = Rng::new(options.seed);
    let mut sol = Sol::empty(inst);
    engine::recreate(inst, &mut sol, &mut rng, 0.0, SortBy::FarFirst, 1);
    let mut search = Search::new(inst, sol, rng, Params::single_route()).with_polish();
    if !search.best.unassigned.is_empty() || inst.any_windows {
        // Which visits to keep, and the order where windows make the order
        // hard: ruin and recreate with 2-opt and Or-opt, leaving a little of
        // the budget to iterated local search on the best selection's order.
        let fallback = 2_000 + 200 * inst.nj as u64;
        let mut share = Share::new(budget, 0.85, fallback);
        let windows = inst.any_windows;
        search.run(&mut share, |s| !windows && s.best.unassigned.is_empty());
    }
    let Search {
        mut best, mut rng, ..
    } = search;
    order::improve_route(inst, &mut best.routes[0], &mut rng, budget);
    best.recount(inst);
    // A last pass without blinks: no dropped visit fits the day as planned.
    engine::recreate(inst, &mut best, &mut rng, 0.0, SortBy::FarFirst, 1);
    Ok(DayPlan {
        route: prep.export(&best.routes[0]),
        dropped: prep.dropped(&best),
    })
}

/// Plans a week: assigns visits to days (appointments to their own day),
/// orders each day, and drops what does not fit, lowest ranked first.
pub fn plan_week(
    problem: &WeekProblem,
    options: &PlanOptions,
    budget: &mut dyn Budget,
) -> Result<WeekPlan, RouteError> {
    if problem.days.is_empty() {
        return Err(RouteError::NoDays);
    }
    let fewest = problem.objective == WeekObjective::FewestDaysThenTravel;
    let prep = Prepared::new(&problem.travel, &problem.days, &problem.visits, fewest)?;
    let inst = &prep.inst;
    let mut rng = Rng::new(options.seed);
    let mut sol = Sol::empty(inst);
    let fleet = inst.vehicles.len();
    engine::recreate(inst, &mut sol, &mut rng, 0.0, SortBy::FarFirst, fleet);
    // Relocate, exchange and 2-opt* between days on the construction and on
    // the final plan. (Measured: applied to every new best during the
    // search it gains nothing over ruin and recreate alone.)
    let mut between = engine::Between::new(10);
    between.descend(inst, &mut sol);
    let mut search = Search::new(inst, sol, rng, Params::default());
    if fewest || !search.best.unassigned.is_empty() {
        // First fit everything that can be fitted (and, when asked, with as
        // few days as possible), then minimise travel.
        let fallback = 5_000 + 500 * inst.nj as u64;
        let mut share = Share::new(budget, 0.5, fallback);
        search.fleet_phase(&mut share, fewest);
    }
    search.run(budget, |_| false);
    let mut best = search.best;
    between.descend(inst, &mut best);
    // A last pass without blinks: no dropped visit fits any day as planned.
    engine::recreate(
        inst,
        &mut best,
        &mut search.rng,
        0.0,
        SortBy::FarFirst,
        fleet,
    );
    let days: Vec<Route> = best.routes.iter().map(|r| prep.export(r)).collect();
    let travel = days.iter().map(|d| d.travel).sum();
    Ok(WeekPlan {
        days,
        dropped: prep.dropped(&best),
        travel,
    })
}

/// The engine's instance for a problem, with the visits that cannot be
/// served on any day set aside first.
struct Prepared<'p> {
    inst: Inst,
    visits: &'p [Visit],
    /// Visit index of each engine job.
    visit_of: Vec<usize>,
    /// Visits that no day can serve even alone, with the reason.
    impossible: Vec<Dropped>,
    /// The rank of each visit (0 = most important).
    rank: Vec<u32>,
}

impl<'p> Prepared<'p> {
    fn new(
        travel: &TravelTimes,
        days: &[DaySpec],
        visits: &'p [Visit],
        fewest: bool,
    ) -> Result<Prepared<'p>, RouteError> {
        validate(travel, days, visits)?;
        // Ranks: appointments first, then by priority, highest first.
        let key = |v: &Visit| (v.window.is_some(), v.priority);
        let mut keys: Vec<(bool, u32)> = visits.iter().map(key).collect();
        keys.sort_unstable_by(|a, b| b.cmp(a));
        keys.dedup();
        let rank: Vec<u32> = visits
            .iter()
            .map(|v| {
                keys.binary_search_by(|k| key(v).cmp(k))
                    .expect("key listed") as u32
            })
            .collect();
        let vehicles: Vec<Vehicle> = days
            .iter()
            .map(|d| Vehicle {
                start: d.start as u32,
                end: d.end as u32,
                open: d.hours.open,
                close: d.hours.close,
                cap: d.capacity.unwrap_or(FAR),
            })
            .collect();
        let mut jobs = Vec::new();
        let mut visit_of = Vec::new();
        let mut impossible = Vec::new();
        for (i, v) in visits.iter().enumerate() {
            let (open, close) = v.window.map_or((-FAR, FAR), |w| (w.open, w.close));
            let fits = |d: &DaySpec, open: i64, close: i64| {
                let arrive = d.hours.open + travel.get(d.start, v.location);
                let start = arrive.max(open);
                start <= close
                    && start + v.duration + travel.get(v.location, d.end) <= d.hours.close
                    && v.demand <= d.capacity.unwrap_or(FAR)
            };
            let days_for: Vec<usize> = match v.day {
                Some(d) => vec![d],
                None => (0..days.len()).collect(),
            };
            if !days_for.iter().any(|&d| fits(&days[d], open, close)) {
                let without_window = days_for.iter().any(|&d| fits(&days[d], -FAR, FAR));
                // Reached in time on a day with room for it: then only the
                // end of that day is in the way.
                let reached = days_for.iter().any(|&d| {
                    let d = &days[d];
                    (d.hours.open + travel.get(d.start, v.location)).max(open) <= close
                        && v.demand <= d.capacity.unwrap_or(FAR)
                });
                let reason = if v.window.is_some() && without_window && reached {
                    DropReason::AfterWorkingHours
                } else if v.window.is_some() && without_window {
                    DropReason::WindowUnreachable
                } else {
                    DropReason::DoesNotFitDay
                };
                impossible.push(Dropped { visit: i, reason });
                continue;
            }
            visit_of.push(i);
            jobs.push(JobSpec {
                loc: v.location,
                service: v.duration,
                open,
                close,
                demand: v.demand,
                rank: rank[i],
                vehicle: v.day.map_or(NONE, |d| d as u32),
            });
        }
        let mut inst = Inst::new(travel, &jobs, &vehicles, fewest);
        // Ranks count over the jobs the engine sees.
        inst.nranks = keys.len();
        Ok(Prepared {
            inst,
            visits,
            visit_of,
            impossible,
            rank,
        })
    }

    /// The public route of an engine route, leaving the start as late as
    /// the first stop allows.
    fn export(&self, r: &engine::Route) -> Route {
        let inst = &self.inst;
        let v = &inst.vehicles[r.v];
        if r.jobs.is_empty() {
            return Route {
                departure: v.open,
                stops: Vec::new(),
                return_at: v.open,
                travel: 0,
                waiting: 0,
                load: 0,
            };
        }
        let first = r.jobs[0];
        let departure = v.open.max(r.early[0] - inst.d(v.start, first));
        let mut t = departure;
        let mut prev = v.start;
        let mut stops = Vec::with_capacity(r.jobs.len());
        let mut travel = 0;
        let mut waiting = 0;
        for &j in &r.jobs {
            let dd = inst.d(prev, j);
            travel += dd;
            let arrival = t + dd;
            let start = arrival.max(inst.open[j as usize]);
            waiting += start - arrival;
            let finish = start + inst.service[j as usize];
            stops.push(Stop {
                visit: self.visit_of[j as usize],
                arrival,
                wait: start - arrival,
                start,
                finish,
            });
            t = finish;
            prev = j;
        }
        let back = inst.d(prev, v.end);
        Route {
            departure,
            stops,
            return_at: t + back,
            travel: travel + back,
            waiting,
            load: r.load,
        }
    }

    /// Every visit not in `sol`, with why.
    fn dropped(&self, sol: &Sol) -> Vec<Dropped> {
        let best_kept = sol
            .routes
            .iter()
            .flat_map(|r| r.jobs.iter())
            .map(|&j| self.rank[self.visit_of[j as usize]])
            .min();
        let mut out = self.impossible.clone();
        for &j in &sol.unassigned {
            let visit = self.visit_of[j as usize];
            let reason = if best_kept.is_some_and(|k| k < self.rank[visit]) {
                DropReason::LowerPriorityThanKept
            } else if self.visits[visit].window.is_some() {
                DropReason::WindowUnreachable
            } else {
                DropReason::DoesNotFitDay
            };
            out.push(Dropped { visit, reason });
        }
        out.sort_by_key(|d| d.visit);
        out
    }
}

fn validate(travel: &TravelTimes, days: &[DaySpec], visits: &[Visit]) -> Result<(), RouteError> {
    let n = travel.len();
    let known = |what: String, location: usize| {
        if location < n {
            Ok(())
        } else {
            Err(RouteError::UnknownLocation {
                what,
                location,
                len: n,
            })
        }
    };
    for (i, d) in days.iter().enumerate() {
        known(format!("day {i} start"), d.start)?;
        known(format!("day {i} end"), d.end)?;
        if d.hours.open > d.hours.close {
            return Err(RouteError::BadWindow {
                what: format!("day {i}"),
            });
        }
    }
    for (i, v) in visits.iter().enumerate() {
        known(format!("visit {i}"), v.location)?;
        if v.window.is_some_and(|w| w.open > w.close) {
            return Err(RouteError::BadWindow {
                what: format!("visit {i}"),
            });
        }
        if v.duration < 0 || v.demand < 0 {
            return Err(RouteError::Negative { visit: i });
        }
        if let Some(day) = v.day {
            if day >= days.len() {
                return Err(RouteError::UnknownDay {
                    visit: i,
                    day,
                    days: days.len(),
                });
            }
        }
    }
    Ok(())
}
