//! Tests of the planners and the checker. Small instances are compared with
//! brute force over every order (and every subset, where visits must be
//! dropped), simulated here independently of both planner and checker.

use super::rng::Rng;
use super::*;

fn iters(n: u64) -> Iterations {
    Iterations::new(n)
}

/// Random points on a 10 km square, travel = Euclidean metres at 10 m/s.
fn grid_travel(rng: &mut Rng, n: usize) -> TravelTimes {
    let pts: Vec<(f64, f64)> = (0..n)
        .map(|_| (rng.unit() * 10_000.0, rng.unit() * 10_000.0))
        .collect();
    let rows = pts
        .iter()
        .map(|a| {
            pts.iter()
                .map(|b| (((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt() / 10.0).round() as i64)
                .collect()
        })
        .collect();
    TravelTimes::from_matrix(rows).unwrap()
}

/// Every permutation of `items`, by Heap's algorithm.
fn permutations(items: &[usize], f: &mut impl FnMut(&[usize])) {
    let mut a = items.to_vec();
    let n = a.len();
    let mut c = vec![0; n];
    f(&a);
    let mut i = 0;
    while i < n {
        if c[i] < i {
            if i % 2 == 0 {
                a.swap(0, i);
            } else {
                a.swap(c[i], i);
            }
            f(&a);
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
}

/// The travel of visiting `order` (visit indices), or None if infeasible.
fn simulate(p: &DayProblem, order: &[usize]) -> Option<i64> {
    let mut t = p.hours.open;
    let mut at = p.start;
    let mut travel = 0;
    for &v in order {
        let visit = &p.visits[v];
        let leg = p.travel.get(at, visit.location);
        travel += leg;
        t += leg;
        if let Some(w) = visit.window {
            t = t.max(w.open);
            if t > w.close {
                return None;
            }
        }
        t += visit.duration;
        at = visit.location;
    }
    if order.is_empty() {
        return Some(0);
    }
    let leg = p.travel.get(at, p.end);
    (t + leg <= p.hours.close).then_some(travel + leg)
}

/// The best (kept per rank, travel) over every subset and order: the
/// planner's objective, by brute force.
fn brute_force(p: &DayProblem) -> (Vec<usize>, i64) {
    let n = p.visits.len();
    let mut keys: Vec<(bool, u32)> = p
        .visits
        .iter()
        .map(|v| (v.window.is_some(), v.priority))
        .collect();
    keys.sort_unstable_by(|a, b| b.cmp(a));
    keys.dedup();
    let rank = |v: usize| {
        let k = (p.visits[v].window.is_some(), p.visits[v].priority);
        keys.iter().position(|&x| x == k).unwrap()
    };
    // Kept counts per rank, negated so that smaller is better.
    let mut best: Option<(Vec<i64>, i64)> = None;
    for mask in 0u32..(1 << n) {
        let subset: Vec<usize> = (0..n).filter(|i| mask & (1 << i) != 0).collect();
        let mut kept = vec![0i64; keys.len()];
        for &v in &subset {
            kept[rank(v)] -= 1;
        }
        if best.as_ref().is_some_and(|b| kept > b.0) {
            continue;
        }
        let mut cheapest: Option<i64> = None;
        permutations(&subset, &mut |order| {
            if let Some(c) = simulate(p, order) {
                cheapest = Some(cheapest.map_or(c, |x| x.min(c)));
            }
        });
        if let Some(c) = cheapest {
            let cand = (kept, c);
            if best.as_ref().is_none_or(|b| cand < *b) {
                best = Some(cand);
            }
        }
    }
    let (kept, travel) = best.unwrap();
    (kept.iter().map(|&k| (-k) as usize).collect(), travel)
}

fn kept_per_rank(p: &DayProblem, plan: &DayPlan) -> Vec<usize> {
    let mut keys: Vec<(bool, u32)> = p
        .visits
        .iter()
        .map(|v| (v.window.is_some(), v.priority))
        .collect();
    keys.sort_unstable_by(|a, b| b.cmp(a));
    keys.dedup();
    let mut kept = vec![0; keys.len()];
    for s in &plan.route.stops {
        let v = &p.visits[s.visit];
        kept[keys
            .iter()
            .position(|&x| x == (v.window.is_some(), v.priority))
            .unwrap()] += 1;
    }
    kept
}

fn plan(p: &DayProblem, seed: u64, n: u64) -> DayPlan {
    let plan = plan_day(p, &PlanOptions { seed }, &mut iters(n)).unwrap();
    assert_eq!(check_day(p, &plan), Ok(()), "the checker accepts the plan");
    plan
}

/// A day of 8:00–18:00 from location 0 back to location 0 (or to `end`).
fn day(travel: TravelTimes, end: usize, visits: Vec<Visit>) -> DayProblem {
    DayProblem {
        travel,
        start: 0,
        end,
        hours: TimeWindow::new(8 * 3600, 18 * 3600),
        visits,
    }
}

// ---------------------------------------------------------------- checker

/// Three visits on a line, 10 minutes apart; the middle one at 9:00–9:30.
fn line() -> DayProblem {
    let rows = (0..4)
        .map(|a: i64| (0..4).map(|b: i64| (a - b).abs() * 600).collect())
        .collect();
    day(
        TravelTimes::from_matrix(rows).unwrap(),
        0,
        vec![
            Visit::new(1, 1800),
            Visit::new(2, 1800).with_window(9 * 3600, 9 * 3600 + 1800),
            Visit::new(3, 1800),
        ],
    )
}

fn line_plan() -> DayPlan {
    let h = 3600;
    DayPlan {
        route: Route {
            departure: 8 * h,
            stops: vec![
                Stop {
                    visit: 0,
                    arrival: 8 * h + 600,
                    wait: 0,
                    start: 8 * h + 600,
                    finish: 8 * h + 2400,
                },
                Stop {
                    visit: 1,
                    arrival: 8 * h + 3000,
                    wait: 600,
                    start: 9 * h,
                    finish: 9 * h + 1800,
                },
                Stop {
                    visit: 2,
                    arrival: 9 * h + 2400,
                    wait: 0,
                    start: 9 * h + 2400,
                    finish: 10 * h + 600,
                },
            ],
            return_at: 10 * h + 2400,
            travel: 3600,
            waiting: 600,
            load: 0,
        },
        dropped: vec![],
    }
}

#[test]
fn checker_accepts_a_correct_hand_made_plan() {
    assert_eq!(check_day(&line(), &line_plan()), Ok(()));
}

#[test]
fn checker_catches_hand_made_violations() {
    let p = line();
    let h = 3600;
    type Edit = fn(&mut DayPlan);
    let cases: Vec<(&str, Edit, Violation)> = vec![
        (
            "leaves before working hours",
            |pl| {
                pl.route.departure -= 60;
            },
            Violation::LeavesTooEarly {
                day: 0,
                departure: 8 * 3600 - 60,
                open: 8 * 3600,
            },
        ),
        (
            "arrival stated wrong",
            |pl| pl.route.stops[0].arrival += 1,
            Violation::WrongTime {
                day: 0,
                visit: Some(0),
                what: "arrival",
                stated: 8 * 3600 + 601,
                actual: 8 * 3600 + 600,
            },
        ),
        (
            "appointment missed",
            |pl| {
                let s = &mut pl.route.stops[1];
                s.wait = 0;
                s.start = s.arrival;
                s.finish = s.start + 1800;
            },
            Violation::WindowMissed {
                day: 0,
                visit: 1,
                start: 8 * 3600 + 3000,
                window: TimeWindow::new(9 * 3600, 9 * 3600 + 1800),
            },
        ),
        (
            "travel total wrong",
            |pl| pl.route.travel = 3000,
            Violation::WrongTotal {
                day: Some(0),
                what: "travel",
                stated: 3000,
                actual: 3600,
            },
        ),
        (
            "visit planned twice",
            |pl| {
                pl.dropped.push(Dropped {
                    visit: 2,
                    reason: DropReason::DoesNotFitDay,
                })
            },
            Violation::Duplicate { visit: 2 },
        ),
        (
            "visit lost",
            |pl| {
                pl.route.stops.pop();
            },
            Violation::Missing { visit: 2 },
        ),
        (
            "visit that does not exist",
            |pl| {
                pl.dropped.push(Dropped {
                    visit: 9,
                    reason: DropReason::DoesNotFitDay,
                })
            },
            Violation::UnknownVisit { visit: 9 },
        ),
    ];
    for (name, edit, want) in cases {
        let mut pl = line_plan();
        edit(&mut pl);
        let got = check_day(&p, &pl).expect_err(name);
        assert!(got.contains(&want), "{name}: {got:?}");
    }
    // Returning after hours: the same plan in a shorter day.
    let short = DayProblem {
        hours: TimeWindow::new(8 * h, 10 * h),
        ..line()
    };
    let got = check_day(&short, &line_plan()).unwrap_err();
    assert_eq!(
        got,
        vec![Violation::ReturnsTooLate {
            day: 0,
            return_at: 10 * h + 2400,
            close: 10 * h
        }]
    );
}

#[test]
fn checker_catches_week_violations() {
    let base = line();
    let spec = DaySpec {
        start: 0,
        end: 0,
        hours: base.hours,
        capacity: Some(2),
    };
    let week = WeekProblem {
        travel: base.travel.clone(),
        days: vec![spec.clone(), spec],
        visits: vec![
            Visit::new(1, 1800).with_demand(1),
            Visit::new(2, 1800)
                .with_window(9 * 3600, 9 * 3600 + 1800)
                .on_day(1)
                .with_demand(1),
            Visit::new(3, 1800).with_demand(1),
        ],
        objective: WeekObjective::LeastTravel,
    };
    let mut day0 = line_plan().route;
    day0.load = 3;
    let plan = WeekPlan {
        days: vec![
            day0,
            Route {
                departure: 8 * 3600,
                stops: vec![],
                return_at: 8 * 3600,
                travel: 0,
                waiting: 0,
                load: 0,
            },
        ],
        dropped: vec![],
        travel: 3600,
    };
    let got = check_week(&week, &plan).unwrap_err();
    assert!(got.contains(&Violation::WrongDay {
        visit: 1,
        day: 0,
        agreed: 1
    }));
    assert!(got.contains(&Violation::OverCapacity {
        day: 0,
        load: 3,
        capacity: 2
    }));
    assert_eq!(got.len(), 2, "{got:?}");
}

// ---------------------------------------------------------------- planner

#[test]
fn small_days_match_brute_force_order() {
    let mut rng = Rng::new(11);
    for case in 0..30 {
        let n = 3 + case % 6; // 3..=8 visits
        let closed = case % 2 == 0;
        let travel = grid_travel(&mut rng, n + 2);
        let visits = (0..n).map(|i| Visit::new(i + 2, 600)).collect();
        let p = day(travel, if closed { 0 } else { 1 }, visits);
        let want = brute_force(&p);
        let got = plan(&p, case as u64, 300);
        assert_eq!(got.route.stops.len(), n, "case {case}: all fit");
        assert_eq!(got.route.travel, want.1, "case {case}: optimal travel");
    }
}

#[test]
fn tight_windows_match_brute_force() {
    let mut rng = Rng::new(23);
    for case in 0..30 {
        let n = 4 + case % 5; // 4..=8 visits
        let travel = grid_travel(&mut rng, n + 1);
        let visits = (0..n)
            .map(|i| {
                let v = Visit::new(i + 1, 1200).with_priority(rng.below(3) as u32);
                if rng.chance(0.5) {
                    let open = 8 * 3600 + rng.below(6 * 3600) as i64;
                    v.with_window(open, open + 3600)
                } else {
                    v
                }
            })
            .collect();
        // A short day, so that some visits must go.
        let mut p = day(travel, 0, visits);
        p.hours = TimeWindow::new(8 * 3600, 8 * 3600 + 3 * 3600);
        let (kept, travel) = brute_force(&p);
        let got = plan(&p, case as u64, 2_000);
        assert_eq!(kept_per_rank(&p, &got), kept, "case {case}: kept per rank");
        assert_eq!(got.route.travel, travel, "case {case}: travel");
    }
}

#[test]
fn asymmetric_travel_matches_brute_force() {
    let mut rng = Rng::new(5);
    for case in 0..20 {
        let n = 5 + case % 4;
        let rows = (0..n + 1)
            .map(|a| {
                (0..n + 1)
                    .map(|b| {
                        if a == b {
                            0
                        } else {
                            60 + rng.below(1200) as i64
                        }
                    })
                    .collect()
            })
            .collect();
        let visits = (0..n).map(|i| Visit::new(i + 1, 300)).collect();
        let p = day(TravelTimes::from_matrix(rows).unwrap(), 0, visits);
        let want = brute_force(&p);
        let got = plan(&p, 1, 500);
        assert_eq!(got.route.travel, want.1, "case {case}");
    }
}

#[test]
fn appointments_are_kept_or_reported_impossible() {
    // Location 1 is 2 h away: its 8:30–9:00 appointment cannot be met.
    let mut rows = vec![vec![0, 7200, 600, 900], vec![7200, 0, 7000, 7000]];
    rows.push(vec![600, 7000, 0, 400]);
    rows.push(vec![900, 7000, 400, 0]);
    let p = day(
        TravelTimes::from_matrix(rows).unwrap(),
        0,
        vec![
            Visit::new(1, 1800).with_window(8 * 3600 + 1800, 9 * 3600),
            Visit::new(2, 1800).with_window(10 * 3600, 10 * 3600 + 600),
            Visit::new(3, 1800).with_window(10 * 3600, 10 * 3600 + 600),
            Visit::new(3, 1800).with_priority(9),
        ],
    );
    let got = plan(&p, 3, 500);
    let planned: Vec<usize> = got.route.stops.iter().map(|s| s.visit).collect();
    assert!(planned.contains(&1) || planned.contains(&2));
    assert!(planned.contains(&3), "the priority visit fits around them");
    assert_eq!(
        got.dropped,
        vec![
            Dropped {
                visit: 0,
                reason: DropReason::WindowUnreachable
            },
            Dropped {
                // Two appointments at the same time in different places.
                visit: if planned.contains(&1) { 2 } else { 1 },
                reason: DropReason::WindowUnreachable
            },
        ]
    );
    // The kept appointment starts inside its window, after waiting for it.
    let kept = got
        .route
        .stops
        .iter()
        .find(|s| s.visit == 1 || s.visit == 2);
    assert_eq!(kept.unwrap().start, 10 * 3600);
}

#[test]
fn dropping_order_respects_priority() {
    // Ten visits of 1 h at the office's door: only 9 fit into 8:00–17:30
    // with the drive. The lowest priority goes.
    let mut rows = vec![vec![60; 11]; 11];
    for (i, row) in rows.iter_mut().enumerate() {
        row[i] = 0;
    }
    let visits: Vec<Visit> = (0..10)
        .map(|i| Visit::new(i + 1, 3600).with_priority([5, 3, 8, 1, 9, 2, 7, 4, 6, 5][i] as u32))
        .collect();
    let mut p = day(TravelTimes::from_matrix(rows).unwrap(), 0, visits.clone());
    p.hours = TimeWindow::new(8 * 3600, 17 * 3600 + 1800);
    let got = plan(&p, 1, 300);
    assert_eq!(
        got.dropped,
        vec![Dropped {
            visit: 3,
            reason: DropReason::LowerPriorityThanKept
        }]
    );
    // With six hours only five fit: priorities 9, 8, 7, 6 and one of the 5s.
    p.hours = TimeWindow::new(8 * 3600, 13 * 3600 + 600);
    let got = plan(&p, 1, 300);
    let mut kept: Vec<u32> = got
        .route
        .stops
        .iter()
        .map(|s| visits[s.visit].priority)
        .collect();
    kept.sort_unstable();
    assert_eq!(kept, vec![5, 6, 7, 8, 9]);
    let reasons: Vec<(u32, DropReason)> = got
        .dropped
        .iter()
        .map(|d| (visits[d.visit].priority, d.reason))
        .collect();
    assert!(reasons.contains(&(5, DropReason::LowerPriorityThanKept)));
    assert!(reasons
        .iter()
        .all(|&(_, r)| r == DropReason::LowerPriorityThanKept));
}

#[test]
fn no_dropped_visit_fits_the_planned_day() {
    // Random busy days: whatever the planner drops cannot be slotted into
    // the plan it returns, at any position; appointments are kept or
    // dropped for their window or for higher-ranked visits only.
    let mut rng = Rng::new(77);
    for case in 0..40 {
        let n = 8 + rng.below(25);
        let travel = grid_travel(&mut rng, n + 1);
        let visits: Vec<Visit> = (0..n)
            .map(|i| {
                let v = Visit::new(i + 1, 600 + 300 * rng.below(6) as i64)
                    .with_priority(rng.below(4) as u32);
                if rng.chance(0.3) {
                    let open = 8 * 3600 + rng.below(8 * 3600) as i64;
                    v.with_window(open, open + 1800 + rng.below(7200) as i64)
                } else {
                    v
                }
            })
            .collect();
        let mut p = day(travel, 0, visits);
        p.hours = TimeWindow::new(8 * 3600, (12 + rng.below(6) as i64) * 3600);
        let got = plan(&p, case, 400);
        let order: Vec<usize> = got.route.stops.iter().map(|s| s.visit).collect();
        assert_eq!(simulate(&p, &order), Some(got.route.travel), "case {case}");
        for d in &got.dropped {
            for at in 0..=order.len() {
                let mut with = order.clone();
                with.insert(at, d.visit);
                assert_eq!(simulate(&p, &with), None, "case {case}: {d:?} fits at {at}");
            }
            if p.visits[d.visit].window.is_some() {
                assert_ne!(d.reason, DropReason::DoesNotFitDay, "case {case}");
            }
        }
    }
}

#[test]
fn an_empty_day_is_an_empty_plan() {
    let p = day(TravelTimes::from_matrix(vec![vec![0]]).unwrap(), 0, vec![]);
    let got = plan(&p, 0, 10);
    assert!(got.route.stops.is_empty() && got.dropped.is_empty());
    assert_eq!(got.route.travel, 0);
}

#[test]
fn a_visit_too_far_for_the_day_does_not_fit() {
    let rows = vec![vec![0, 20 * 3600], vec![20 * 3600, 0]];
    let p = day(
        TravelTimes::from_matrix(rows).unwrap(),
        0,
        vec![Visit::new(1, 600)],
    );
    let got = plan(&p, 0, 10);
    assert!(got.route.stops.is_empty());
    assert_eq!(got.route.travel, 0);
    assert_eq!(
        got.dropped,
        vec![Dropped {
            visit: 0,
            reason: DropReason::DoesNotFitDay
        }]
    );
}

#[test]
fn same_seed_same_plan() {
    let mut rng = Rng::new(99);
    let travel = grid_travel(&mut rng, 41);
    let visits: Vec<Visit> = (0..40)
        .map(|i| {
            let v = Visit::new(i + 1, 900).with_priority(rng.below(4) as u32);
            if i % 5 == 0 {
                let open = 9 * 3600 + rng.below(6 * 3600) as i64;
                v.with_window(open, open + 7200)
            } else {
                v
            }
        })
        .collect();
    let p = day(travel, 0, visits);
    let a = plan(&p, 42, 3_000);
    let b = plan(&p, 42, 3_000);
    assert_eq!(a, b);
    assert!(!a.dropped.is_empty(), "40 visits of 15 min do not all fit");
}

#[test]
fn larger_tour_without_windows_is_two_opt_and_or_opt_optimal() {
    // Points on a circle: the optimal tour is the circle itself.
    let n = 60;
    let pts: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = (i * 37 % n) as f64 / n as f64 * std::f64::consts::TAU;
            (5000.0 * a.cos(), 5000.0 * a.sin())
        })
        .collect();
    let rows = pts
        .iter()
        .map(|a| {
            pts.iter()
                .map(|b| (((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()).round() as i64)
                .collect()
        })
        .collect();
    let travel = TravelTimes::from_matrix(rows).unwrap();
    let visits = (1..n).map(|i| Visit::new(i, 0)).collect();
    let mut p = day(travel.clone(), 0, visits);
    p.hours = TimeWindow::new(0, 1 << 40);
    let got = plan(&p, 7, 2_000);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        pts[a]
            .1
            .atan2(pts[a].0)
            .total_cmp(&pts[b].1.atan2(pts[b].0))
    });
    let circle: i64 = (0..n)
        .map(|i| travel.get(order[i], order[(i + 1) % n]))
        .sum();
    assert_eq!(got.route.travel, circle);
}

#[test]
fn malformed_input_is_an_error() {
    let mut p = line();
    p.visits[0].location = 7;
    assert!(matches!(
        plan_day(&p, &PlanOptions::default(), &mut iters(1)),
        Err(RouteError::UnknownLocation { location: 7, .. })
    ));
    let mut p = line();
    p.visits[1].window = Some(TimeWindow::new(10, 5));
    assert!(matches!(
        plan_day(&p, &PlanOptions::default(), &mut iters(1)),
        Err(RouteError::BadWindow { .. })
    ));
}

// ---------------------------------------------------------------- week

fn week(days: usize, capacity: Option<i64>, objective: WeekObjective) -> (WeekProblem, Rng) {
    let mut rng = Rng::new(1234);
    let travel = grid_travel(&mut rng, 31);
    let spec = DaySpec {
        start: 0,
        end: 0,
        hours: TimeWindow::new(8 * 3600, 16 * 3600),
        capacity,
    };
    let visits = (0..30)
        .map(|i| Visit::new(i + 1, 1800).with_demand(1))
        .collect();
    let p = WeekProblem {
        travel,
        days: vec![spec; days],
        visits,
        objective,
    };
    (p, rng)
}

#[test]
fn week_keeps_appointments_on_their_day_and_capacity() {
    let (mut p, _) = week(5, Some(7), WeekObjective::LeastTravel);
    p.visits[3] = p.visits[3]
        .clone()
        .with_window(9 * 3600, 10 * 3600)
        .on_day(2);
    p.visits[8] = p.visits[8]
        .clone()
        .with_window(14 * 3600, 15 * 3600)
        .on_day(4);
    let plan = plan_week(&p, &PlanOptions { seed: 1 }, &mut iters(3_000)).unwrap();
    assert_eq!(check_week(&p, &plan), Ok(()));
    assert!(plan.dropped.is_empty(), "{:?}", plan.dropped);
    assert!(plan.days[2].stops.iter().any(|s| s.visit == 3));
    assert!(plan.days[4].stops.iter().any(|s| s.visit == 8));
    assert!(plan.days.iter().all(|d| d.load <= 7));
}

#[test]
fn week_fewest_days_uses_no_more_days_than_needed() {
    // 30 visits of 30 min with at most 10 per day need 3 days.
    let (p, _) = week(6, Some(10), WeekObjective::FewestDaysThenTravel);
    let plan = plan_week(&p, &PlanOptions { seed: 2 }, &mut iters(5_000)).unwrap();
    assert_eq!(check_week(&p, &plan), Ok(()));
    assert!(plan.dropped.is_empty());
    assert_eq!(plan.days_used(), 3);
    // Spreading over every day travels less, or at worst the same.
    let spread = WeekProblem {
        objective: WeekObjective::LeastTravel,
        ..p.clone()
    };
    let plan2 = plan_week(&spread, &PlanOptions { seed: 2 }, &mut iters(5_000)).unwrap();
    assert_eq!(check_week(&spread, &plan2), Ok(()));
    assert!(plan2.travel <= plan.travel);
}

#[test]
fn week_drops_lowest_priority_when_the_week_is_full() {
    let (mut p, mut rng) = week(2, Some(10), WeekObjective::LeastTravel);
    for v in &mut p.visits {
        v.priority = rng.below(5) as u32;
    }
    let plan = plan_week(&p, &PlanOptions { seed: 3 }, &mut iters(3_000)).unwrap();
    assert_eq!(check_week(&p, &plan), Ok(()));
    assert_eq!(plan.dropped.len(), 10);
    let lowest_kept = plan
        .days
        .iter()
        .flat_map(|d| &d.stops)
        .map(|s| p.visits[s.visit].priority)
        .min()
        .unwrap();
    for d in &plan.dropped {
        assert!(p.visits[d.visit].priority <= lowest_kept);
    }
    let same = plan_week(&p, &PlanOptions { seed: 3 }, &mut iters(3_000)).unwrap();
    assert_eq!(plan, same, "same seed, same week");
}

#[test]
fn moves_between_days_keep_every_visit_and_never_add_travel() {
    use super::engine::{recreate, Between, Sol, SortBy};
    let mut improved = 0;
    for seed in 0..10 {
        let (mut p, mut rng) = week(4, Some(9), WeekObjective::LeastTravel);
        for v in p.visits.iter_mut().step_by(4) {
            let open = 8 * 3600 + rng.below(5 * 3600) as i64;
            *v = v.clone().with_window(open, open + 3600);
        }
        let prep = Prepared::new(&p.travel, &p.days, &p.visits, false).unwrap();
        let inst = &prep.inst;
        let mut sol = Sol::empty(inst);
        let mut r = Rng::new(seed);
        recreate(
            inst,
            &mut sol,
            &mut r,
            0.2,
            SortBy::Random,
            inst.vehicles.len(),
        );
        let before = sol.clone();
        Between::new(10).descend(inst, &mut sol);
        assert!(sol.cost <= before.cost, "seed {seed}");
        improved += usize::from(sol.cost < before.cost);
        assert!(sol.used() <= before.used());
        let mut jobs: Vec<u32> = sol.routes.iter().flat_map(|r| r.jobs.clone()).collect();
        let mut was: Vec<u32> = before.routes.iter().flat_map(|r| r.jobs.clone()).collect();
        jobs.sort_unstable();
        was.sort_unstable();
        assert_eq!(jobs, was, "seed {seed}");
        for route in &mut sol.routes {
            assert!(route.refresh(inst), "seed {seed}: feasible");
        }
    }
    assert!(
        improved >= 5,
        "the moves find something on sloppy plans: {improved}"
    );
}

// ------------------------------------------- agreed times (issue #17, 8)

const H: i64 = 3600;
const M: i64 = 60;

/// Base 0 and two places: 0↔1 10 min, 0↔2 20 min, 1↔2 `between` min.
fn three(between: i64) -> TravelTimes {
    TravelTimes::from_matrix(vec![
        vec![0, 10 * M, 20 * M],
        vec![10 * M, 0, between * M],
        vec![20 * M, between * M, 0],
    ])
    .unwrap()
}

fn hours_8_to(p: &mut DayProblem, h: i64, m: i64) {
    p.hours = TimeWindow::new(8 * H, h * H + m * M);
}

#[test]
fn an_appointment_at_15_starts_at_15_after_waiting() {
    // Work 8:00–16:00. The stop before is agreed for 13:50 and takes 30
    // minutes: it ends at 14:20; 10 minutes' drive to the 15:00 appointment
    // arrives at 14:30, so the advisor waits 30 minutes and starts at 15:00
    // (with a window of ±15 minutes the visit started at 14:45).
    let mut p = day(
        three(10),
        0,
        vec![
            Visit::new(1, 30 * M).at(13 * H + 50 * M),
            Visit::new(2, 30 * M).at(15 * H),
        ],
    );
    hours_8_to(&mut p, 16, 0);
    let got = plan(&p, 1, 200);
    assert!(got.dropped.is_empty(), "{:?}", got.dropped);
    let s = &got.route.stops;
    assert_eq!(s.iter().map(|s| s.visit).collect::<Vec<_>>(), vec![0, 1]);
    assert_eq!(got.route.departure, 13 * H + 40 * M);
    assert_eq!(
        (s[0].start, s[0].finish),
        (13 * H + 50 * M, 14 * H + 20 * M)
    );
    assert_eq!(s[1].arrival, 14 * H + 30 * M);
    assert_eq!(s[1].wait, 30 * M);
    assert_eq!(s[1].start, 15 * H);
    assert_eq!(s[1].finish, 15 * H + 30 * M);
    // Back at the base at 15:50, before the end of work.
    assert_eq!(got.route.return_at, 15 * H + 50 * M);
    // The same order timed as the advisor's edit: the same times.
    let spec = DaySpec {
        start: 0,
        end: 0,
        hours: p.hours,
        capacity: None,
    };
    assert_eq!(time_route(&p.travel, &spec, &p.visits, &[0, 1]), got.route);
}

#[test]
fn an_appointment_at_12_starts_at_12_not_at_12_14() {
    // Work 8:00–17:00. A free visit of 3 h 44 min at 1 and an appointment
    // at 12:00 at 2 (1↔2 20 min). The free visit first ends at 11:54 and
    // reaches the appointment at 12:14: with ±15 minutes that was a plan
    // (the visit started 12:14); now the appointment comes first: leave at
    // 11:40, start at 12:00, then the free visit 12:50–16:34, back 16:44.
    let mut p = day(
        three(20),
        0,
        vec![
            Visit::new(1, 3 * H + 44 * M),
            Visit::new(2, 30 * M).at(12 * H),
        ],
    );
    hours_8_to(&mut p, 17, 0);
    let got = plan(&p, 1, 200);
    assert!(got.dropped.is_empty(), "{:?}", got.dropped);
    let s = &got.route.stops;
    assert_eq!(s.iter().map(|s| s.visit).collect::<Vec<_>>(), vec![1, 0]);
    assert_eq!(got.route.departure, 11 * H + 40 * M);
    assert_eq!((s[0].arrival, s[0].start), (12 * H, 12 * H));
    assert_eq!(
        (s[1].arrival, s[1].finish),
        (12 * H + 50 * M, 16 * H + 34 * M)
    );
    assert_eq!(got.route.return_at, 16 * H + 44 * M);
    // The other order, timed as an edit, starts the appointment at 12:14
    // and the checker says it is missed.
    let spec = DaySpec {
        start: 0,
        end: 0,
        hours: p.hours,
        capacity: None,
    };
    let late = DayPlan {
        route: time_route(&p.travel, &spec, &p.visits, &[0, 1]),
        dropped: vec![],
    };
    assert_eq!(late.route.stops[0].finish, 11 * H + 54 * M);
    assert_eq!(late.route.stops[1].start, 12 * H + 14 * M);
    assert!(matches!(
        check_day(&p, &late).unwrap_err()[..],
        [Violation::WindowMissed { visit: 1, .. }]
    ));
}

#[test]
fn an_appointment_the_working_day_cannot_hold_says_so() {
    // Work 8:00–16:00, visits of 30 minutes; base↔1 10 min, base↔2 20 min.
    let case = |visit: Visit| {
        let mut p = day(three(10), 0, vec![visit]);
        hours_8_to(&mut p, 16, 0);
        plan(&p, 1, 100)
    };
    let reason = |visit: Visit| {
        let got = case(visit);
        assert!(got.route.stops.is_empty());
        assert_eq!(got.dropped.len(), 1);
        got.dropped[0].reason
    };
    // Agreed for 16:30: after the end of work.
    assert_eq!(
        reason(Visit::new(1, 30 * M).at(16 * H + 30 * M)),
        DropReason::AfterWorkingHours
    );
    // Agreed for 15:30: it ends at 16:00, back at the base at 16:10.
    assert_eq!(
        reason(Visit::new(1, 30 * M).at(15 * H + 30 * M)),
        DropReason::AfterWorkingHours
    );
    // Agreed for 15:20: ends 15:50, back at 16:00 sharp: planned.
    let kept = case(Visit::new(1, 30 * M).at(15 * H + 20 * M));
    assert!(kept.dropped.is_empty());
    assert_eq!(kept.route.return_at, 16 * H);
    // Agreed for 8:05, 20 minutes from the base that opens at 8:00: the
    // time itself cannot be reached.
    assert_eq!(
        reason(Visit::new(2, 30 * M).at(8 * H + 5 * M)),
        DropReason::WindowUnreachable
    );
    // Agreed for 8:20 there: leave at 8:00 sharp and start on time.
    let early = case(Visit::new(2, 30 * M).at(8 * H + 20 * M));
    assert_eq!(early.route.stops[0].start, 8 * H + 20 * M);
    assert_eq!(early.route.stops[0].wait, 0);
}

#[test]
fn only_today_and_later_days_may_be_planned() {
    let d = |day| chrono::NaiveDate::from_ymd_opt(2026, 11, day).unwrap();
    assert_eq!(may_plan(d(23), d(23)), Ok(()));
    assert_eq!(may_plan(d(24), d(23)), Ok(()));
    assert_eq!(
        may_plan(d(20), d(23)),
        Err(DayInPast {
            day: d(20),
            today: d(23)
        })
    );
}
