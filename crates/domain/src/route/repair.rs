//! Making an order the advisor partly fixed fit its day. When the advisor
//! pins stops and plans again, the planner orders the free stops and the
//! pins are put back at their places; that may push the day past its hours
//! or past an appointment. Then free stops leave, one at a time, as the
//! planner would drop them: the order of the rest is kept and the pins
//! never move.

use super::{check_day, time_route, DayPlan, DayProblem, DaySpec, DropReason, Dropped, Violation};

/// One stop of an order the advisor edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OrderedStop {
    /// Index into the problem's visits.
    pub visit: usize,
    /// Fixed by the advisor: it stays, whatever it breaks.
    pub pinned: bool,
}

/// An order made to fit its day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repaired {
    /// The order that is left: the given one less the stops taken out.
    pub stops: Vec<OrderedStop>,
    /// The stops taken out, in the order they were taken out, with why.
    pub removed: Vec<Dropped>,
    /// The timed plan of `stops`: its `dropped` are the ones given, then
    /// `removed`.
    pub plan: DayPlan,
    /// What [`check_day`] still finds in `plan`: rules that only a pinned
    /// stop or a met appointment breaks, which no free stop can fix.
    pub violations: Vec<Violation>,
}

/// Takes free stops out of `stops` until [`check_day`] accepts the day or
/// no free stop can help: first the earliest free stop whose appointment
/// is missed ([`DropReason::WindowUnreachable`]), else the free stop
/// without an appointment that is worth least (`worth`, by visit; the
/// earliest of equals) ([`DropReason::DoesNotFitDay`]).
///
/// `dropped` are the problem's visits that are not in `stops`, so that
/// the plan accounts for every visit.
pub fn repair_order(
    problem: &DayProblem,
    stops: &[OrderedStop],
    dropped: &[Dropped],
    worth: &[u32],
) -> Repaired {
    let spec = DaySpec {
        start: problem.start,
        end: problem.end,
        hours: problem.hours,
        capacity: None,
    };
    let timed = |stops: &[OrderedStop], removed: &[Dropped]| {
        let order: Vec<usize> = stops.iter().map(|s| s.visit).collect();
        let plan = DayPlan {
            route: time_route(&problem.travel, &spec, &problem.visits, &order),
            dropped: dropped.iter().chain(removed).copied().collect(),
        };
        let violations = check_day(problem, &plan).err().unwrap_or_default();
        (plan, violations)
    };
    let mut stops = stops.to_vec();
    let mut removed: Vec<Dropped> = Vec::new();
    let (mut plan, mut violations) = timed(&stops, &removed);
    while !violations.is_empty() {
        let free = |visit: usize| stops.iter().any(|s| s.visit == visit && !s.pinned);
        let missed = violations.iter().find_map(|v| match v {
            Violation::WindowMissed { visit, .. } if free(*visit) => Some(*visit),
            _ => None,
        });
        let victim = match missed {
            Some(visit) => Some(Dropped {
                visit,
                reason: DropReason::WindowUnreachable,
            }),
            None => stops
                .iter()
                .filter(|s| !s.pinned && problem.visits[s.visit].window.is_none())
                .min_by_key(|s| worth[s.visit])
                .map(|s| Dropped {
                    visit: s.visit,
                    reason: DropReason::DoesNotFitDay,
                }),
        };
        let Some(victim) = victim else { break };
        stops.retain(|s| s.visit != victim.visit);
        removed.push(victim);
        (plan, violations) = timed(&stops, &removed);
    }
    Repaired {
        stops,
        removed,
        plan,
        violations,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{TimeWindow, TravelTimes, Visit};
    use super::*;
    use proptest::prelude::*;

    const H: i64 = 3600;
    const M: i64 = 60;

    fn stop(visit: usize, pinned: bool) -> OrderedStop {
        OrderedStop { visit, pinned }
    }

    /// Locations on a line ten minutes apart: 0 is the base.
    fn line(n: usize) -> TravelTimes {
        TravelTimes::from_matrix(
            (0..n as i64)
                .map(|i| (0..n as i64).map(|j| (i - j).abs() * 10 * M).collect())
                .collect(),
        )
        .unwrap()
    }

    /// A worked example. From 8:00 to 12:00, the advisor pinned the first
    /// stop (an hour at 1) and planned after it a visit worth 30 (an hour at
    /// 2), one worth 10 (70 minutes at 3) and an appointment at 9:00 (at 1).
    /// Driven in this order the appointment is reached at 12:00 and the day
    /// ends at 13:10: the missed appointment leaves first. The day then ends
    /// at 12:10, still too late, so the free stop worth least (10) leaves;
    /// the rest ends at 10:40 and passes the checker. The pin stays first.
    #[test]
    fn a_worked_example_takes_out_the_missed_appointment_then_the_least_worth() {
        let problem = DayProblem {
            travel: line(4),
            start: 0,
            end: 0,
            hours: TimeWindow::new(8 * H, 12 * H),
            visits: vec![
                Visit::new(1, H),
                Visit::new(2, H),
                Visit::new(3, H + 10 * M),
                Visit::new(1, H).with_window(9 * H, 9 * H + 30 * M),
            ],
        };
        let order = [
            stop(0, true),
            stop(1, false),
            stop(2, false),
            stop(3, false),
        ];
        let first = check_day(
            &problem,
            &DayPlan {
                route: time_route(
                    &problem.travel,
                    &DaySpec {
                        start: 0,
                        end: 0,
                        hours: problem.hours,
                        capacity: None,
                    },
                    &problem.visits,
                    &[0, 1, 2, 3],
                ),
                dropped: Vec::new(),
            },
        )
        .unwrap_err();
        assert!(first.contains(&Violation::WindowMissed {
            day: 0,
            visit: 3,
            start: 12 * H,
            window: TimeWindow::new(9 * H, 9 * H + 30 * M),
        }));
        assert!(first.contains(&Violation::ReturnsTooLate {
            day: 0,
            return_at: 13 * H + 10 * M,
            close: 12 * H,
        }));

        let r = repair_order(&problem, &order, &[], &[0, 30, 10, 0]);
        assert_eq!(r.stops, vec![stop(0, true), stop(1, false)]);
        assert_eq!(
            r.removed,
            vec![
                Dropped {
                    visit: 3,
                    reason: DropReason::WindowUnreachable
                },
                Dropped {
                    visit: 2,
                    reason: DropReason::DoesNotFitDay
                },
            ]
        );
        assert_eq!(r.violations, Vec::new());
        assert_eq!(check_day(&problem, &r.plan), Ok(()));
        assert_eq!(r.plan.route.departure, 8 * H);
        assert_eq!(r.plan.route.stops[1].arrival, 9 * H + 20 * M);
        assert_eq!(r.plan.route.return_at, 10 * H + 40 * M);
        assert_eq!(r.plan.dropped, r.removed);
    }

    /// A pin the day cannot hold stays, with what it breaks; every free
    /// stop has left by then.
    #[test]
    fn a_pin_that_breaks_the_day_stays_and_is_reported() {
        let problem = DayProblem {
            travel: line(3),
            start: 0,
            end: 0,
            hours: TimeWindow::new(8 * H, 10 * H),
            visits: vec![Visit::new(2, 2 * H), Visit::new(1, 30 * M)],
        };
        let r = repair_order(&problem, &[stop(1, false), stop(0, true)], &[], &[0, 5]);
        assert_eq!(r.stops, vec![stop(0, true)]);
        assert_eq!(r.removed.len(), 1);
        assert!(matches!(
            r.violations.as_slice(),
            [Violation::ReturnsTooLate { .. }]
        ));
        assert_eq!(check_day(&problem, &r.plan), Err(r.violations.clone()));
    }

    /// A random day on a grid (Manhattan distances, so the triangle
    /// inequality holds exactly): the visits, the advisor's order of some of
    /// them with pins, and the worth of each.
    fn days() -> impl Strategy<Value = (DayProblem, Vec<OrderedStop>, Vec<Dropped>, Vec<u32>)> {
        (1usize..=7, 4i64..=10)
            .prop_flat_map(|(n, close)| {
                let visit = (
                    (0i64..10, 0i64..10),
                    10i64..=120,
                    proptest::option::weighted(0.25, (8 * 60i64..=15 * 60, 0i64..=60)),
                    any::<bool>(),
                    0u32..100,
                    proptest::bool::weighted(0.8),
                );
                (
                    proptest::collection::vec(visit, n),
                    Just((0..n).collect::<Vec<usize>>()).prop_shuffle(),
                    Just(close),
                )
            })
            .prop_map(|(specs, shuffled, close)| {
                let mut points = vec![(5i64, 5i64)];
                points.extend(specs.iter().map(|s| s.0));
                let travel = TravelTimes::from_matrix(
                    points
                        .iter()
                        .map(|a| {
                            points
                                .iter()
                                .map(|b| ((a.0 - b.0).abs() + (a.1 - b.1).abs()) * 3 * M)
                                .collect()
                        })
                        .collect(),
                )
                .unwrap();
                let visits = specs
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let v = Visit::new(i + 1, s.1 * M);
                        match s.2 {
                            Some((open, width)) => v.with_window(open * M, (open + width) * M),
                            None => v,
                        }
                    })
                    .collect();
                let mut stops = Vec::new();
                let mut dropped = Vec::new();
                for &i in &shuffled {
                    if specs[i].5 {
                        stops.push(stop(i, specs[i].3));
                    } else {
                        dropped.push(Dropped {
                            visit: i,
                            reason: DropReason::DoesNotFitDay,
                        });
                    }
                }
                let problem = DayProblem {
                    travel,
                    start: 0,
                    end: 0,
                    hours: TimeWindow::new(8 * H, (8 + close) * H),
                    visits,
                };
                let worth = specs.iter().map(|s| s.4).collect();
                (problem, stops, dropped, worth)
            })
    }

    fn passes(problem: &DayProblem, stops: &[OrderedStop], dropped: &[Dropped]) -> bool {
        let spec = DaySpec {
            start: problem.start,
            end: problem.end,
            hours: problem.hours,
            capacity: None,
        };
        let order: Vec<usize> = stops.iter().map(|s| s.visit).collect();
        // Every visit neither kept nor given as dropped counts as dropped.
        let plan = DayPlan {
            route: time_route(&problem.travel, &spec, &problem.visits, &order),
            dropped: dropped
                .iter()
                .copied()
                .chain(
                    (0..problem.visits.len())
                        .filter(|v| !order.contains(v) && !dropped.iter().any(|d| d.visit == *v))
                        .map(|visit| Dropped {
                            visit,
                            reason: DropReason::DoesNotFitDay,
                        }),
                )
                .collect(),
        };
        check_day(problem, &plan).is_ok()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(500))]

        /// The repair only takes free stops out, keeps the order of the
        /// rest, and its plan is what the checker sees: if a rule is still
        /// broken, no free stop is left that the repair may take out.
        #[test]
        fn the_repair_keeps_pins_and_order_and_stops_only_when_stuck(
            (problem, stops, dropped, worth) in days()
        ) {
            let r = repair_order(&problem, &stops, &dropped, &worth);
            let expected: Vec<OrderedStop> = stops
                .iter()
                .copied()
                .filter(|s| !r.removed.iter().any(|d| d.visit == s.visit))
                .collect();
            prop_assert_eq!(&r.stops, &expected);
            prop_assert!(stops.iter().filter(|s| s.pinned).all(|s| r.stops.contains(s)));
            prop_assert!(r
                .removed
                .iter()
                .all(|d| stops.iter().any(|s| s.visit == d.visit && !s.pinned)));
            prop_assert_eq!(
                check_day(&problem, &r.plan).err().unwrap_or_default(),
                r.violations.clone()
            );
            if !r.violations.is_empty() {
                let windowed = |v: usize| problem.visits[v].window.is_some();
                prop_assert!(r.stops.iter().all(|s| s.pinned || windowed(s.visit)));
                let missed_only_by_pins = r.violations.iter().all(|v| match v {
                    Violation::WindowMissed { visit, .. } => {
                        r.stops.iter().any(|s| s.visit == *visit && s.pinned)
                    }
                    _ => true,
                });
                prop_assert!(missed_only_by_pins, "{:?}", r.violations);
            }
        }

        /// When the stops the repair may not take out to shorten the day
        /// (the pins and the free appointments) fit the day in the given
        /// order, the repaired plan passes the checker.
        #[test]
        fn the_repaired_plan_passes_check_day(
            (problem, stops, dropped, worth) in days()
        ) {
            let fixed: Vec<OrderedStop> = stops
                .iter()
                .copied()
                .filter(|s| s.pinned || problem.visits[s.visit].window.is_some())
                .collect();
            let r = repair_order(&problem, &stops, &dropped, &worth);
            if passes(&problem, &fixed, &dropped) {
                prop_assert_eq!(check_day(&problem, &r.plan), Ok(()));
                prop_assert!(r.violations.is_empty());
            }
        }
    }
}
