//! The feasibility checker: re-simulates a plan from the problem alone and
//! lists every rule it breaks. It shares no code with the planner on
//! purpose, so that it can catch the planner's bugs.

use super::{
    DayPlan, DayProblem, DaySpec, Route, Seconds, TimeWindow, TravelTimes, Visit, WeekPlan,
    WeekProblem,
};

/// One broken rule. `day` is the index of the day (0 for a day plan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Violation {
    /// A stop or a dropped entry names a visit the problem does not have.
    UnknownVisit { visit: usize },
    /// A visit is planned or dropped more than once.
    Duplicate { visit: usize },
    /// A visit is neither planned nor dropped.
    Missing { visit: usize },
    /// The plan has a different number of days than the problem.
    DayCount { stated: usize, expected: usize },
    LeavesTooEarly {
        day: usize,
        departure: Seconds,
        open: Seconds,
    },
    ReturnsTooLate {
        day: usize,
        return_at: Seconds,
        close: Seconds,
    },
    /// A time the plan states differs from the re-simulated one.
    WrongTime {
        day: usize,
        visit: Option<usize>,
        what: &'static str,
        stated: Seconds,
        actual: Seconds,
    },
    /// A visit starts before its arrival.
    StartsBeforeArrival { day: usize, visit: usize },
    WindowMissed {
        day: usize,
        visit: usize,
        start: Seconds,
        window: TimeWindow,
    },
    /// An appointment planned on another day than agreed.
    WrongDay {
        visit: usize,
        day: usize,
        agreed: usize,
    },
    OverCapacity {
        day: usize,
        load: i64,
        capacity: i64,
    },
    /// A stated total (travel, waiting, load) differs from the sum.
    WrongTotal {
        day: Option<usize>,
        what: &'static str,
        stated: i64,
        actual: i64,
    },
}

/// Checks a day plan against its problem.
pub fn check_day(problem: &DayProblem, plan: &DayPlan) -> Result<(), Vec<Violation>> {
    let spec = DaySpec {
        start: problem.start,
        end: problem.end,
        hours: problem.hours,
        capacity: None,
    };
    let mut out = Vec::new();
    let planned: Vec<usize> = plan.route.stops.iter().map(|s| s.visit).collect();
    let dropped: Vec<usize> = plan.dropped.iter().map(|d| d.visit).collect();
    account(problem.visits.len(), &planned, &dropped, &mut out);
    check_route(
        &problem.travel,
        &problem.visits,
        &spec,
        0,
        &plan.route,
        &mut out,
    );
    done(out)
}

/// Checks a week plan against its problem.
pub fn check_week(problem: &WeekProblem, plan: &WeekPlan) -> Result<(), Vec<Violation>> {
    let mut out = Vec::new();
    if plan.days.len() != problem.days.len() {
        out.push(Violation::DayCount {
            stated: plan.days.len(),
            expected: problem.days.len(),
        });
        return done(out);
    }
    let planned: Vec<usize> = plan
        .days
        .iter()
        .flat_map(|r| r.stops.iter().map(|s| s.visit))
        .collect();
    let dropped: Vec<usize> = plan.dropped.iter().map(|d| d.visit).collect();
    account(problem.visits.len(), &planned, &dropped, &mut out);
    let mut total = 0;
    for (d, (spec, route)) in problem.days.iter().zip(&plan.days).enumerate() {
        check_route(&problem.travel, &problem.visits, spec, d, route, &mut out);
        total += route.travel;
        for s in &route.stops {
            if let Some(agreed) = problem.visits.get(s.visit).and_then(|v| v.day) {
                if agreed != d {
                    out.push(Violation::WrongDay {
                        visit: s.visit,
                        day: d,
                        agreed,
                    });
                }
            }
        }
    }
    if total != plan.travel {
        out.push(Violation::WrongTotal {
            day: None,
            what: "travel",
            stated: plan.travel,
            actual: total,
        });
    }
    done(out)
}

fn done(out: Vec<Violation>) -> Result<(), Vec<Violation>> {
    if out.is_empty() {
        Ok(())
    } else {
        Err(out)
    }
}

/// Every visit exactly once: planned or dropped.
fn account(n: usize, planned: &[usize], dropped: &[usize], out: &mut Vec<Violation>) {
    let mut seen = vec![0u32; n];
    for &v in planned.iter().chain(dropped) {
        match seen.get_mut(v) {
            None => out.push(Violation::UnknownVisit { visit: v }),
            Some(c) => {
                *c += 1;
                if *c == 2 {
                    out.push(Violation::Duplicate { visit: v });
                }
            }
        }
    }
    for (v, &c) in seen.iter().enumerate() {
        if c == 0 {
            out.push(Violation::Missing { visit: v });
        }
    }
}

/// Drives the route again from its stated departure and compares.
fn check_route(
    travel: &TravelTimes,
    visits: &[Visit],
    spec: &DaySpec,
    day: usize,
    route: &Route,
    out: &mut Vec<Violation>,
) {
    let wrong =
        |visit: Option<usize>, what: &'static str, stated: i64, actual: i64| Violation::WrongTime {
            day,
            visit,
            what,
            stated,
            actual,
        };
    if route.stops.is_empty() {
        for (what, stated) in [
            ("travel", route.travel),
            ("waiting", route.waiting),
            ("load", route.load),
        ] {
            if stated != 0 {
                out.push(Violation::WrongTotal {
                    day: Some(day),
                    what,
                    stated,
                    actual: 0,
                });
            }
        }
        return;
    }
    if route.departure < spec.hours.open {
        out.push(Violation::LeavesTooEarly {
            day,
            departure: route.departure,
            open: spec.hours.open,
        });
    }
    let mut clock = route.departure;
    let mut here = spec.start;
    let mut driven = 0;
    let mut waited = 0;
    let mut load = 0;
    for stop in &route.stops {
        let Some(visit) = visits.get(stop.visit) else {
            // Reported by `account`; nothing to simulate.
            return;
        };
        let leg = travel.get(here, visit.location);
        driven += leg;
        let arrival = clock + leg;
        if stop.arrival != arrival {
            out.push(wrong(Some(stop.visit), "arrival", stop.arrival, arrival));
        }
        if stop.start < arrival {
            out.push(Violation::StartsBeforeArrival {
                day,
                visit: stop.visit,
            });
        }
        if stop.wait != stop.start - arrival {
            out.push(wrong(
                Some(stop.visit),
                "wait",
                stop.wait,
                stop.start - arrival,
            ));
        }
        if let Some(w) = visit.window {
            if !w.contains(stop.start) {
                out.push(Violation::WindowMissed {
                    day,
                    visit: stop.visit,
                    start: stop.start,
                    window: w,
                });
            }
        }
        let finish = stop.start.max(arrival) + visit.duration;
        if stop.finish != finish {
            out.push(wrong(Some(stop.visit), "finish", stop.finish, finish));
        }
        waited += (stop.start - arrival).max(0);
        load += visit.demand;
        clock = finish;
        here = visit.location;
    }
    let leg = travel.get(here, spec.end);
    driven += leg;
    let back = clock + leg;
    if route.return_at != back {
        out.push(wrong(None, "return", route.return_at, back));
    }
    if back > spec.hours.close {
        out.push(Violation::ReturnsTooLate {
            day,
            return_at: back,
            close: spec.hours.close,
        });
    }
    for (what, stated, actual) in [
        ("travel", route.travel, driven),
        ("waiting", route.waiting, waited),
        ("load", route.load, load),
    ] {
        if stated != actual {
            out.push(Violation::WrongTotal {
                day: Some(day),
                what,
                stated,
                actual,
            });
        }
    }
    if let Some(cap) = spec.capacity {
        if load > cap {
            out.push(Violation::OverCapacity {
                day,
                load,
                capacity: cap,
            });
        }
    }
}
