//! Times of a route in a given order, without changing the order: what the
//! advisor's edits (pin, move, remove, add back) need. A visit whose window
//! is already closed on arrival starts on arrival; [`super::check_day`]
//! reports it, so an edit is never lost for breaking a rule.

use super::{DaySpec, Route, Stop, TravelTimes, Visit};

/// Drives `order` (indices into `visits`) from `day.start` to `day.end`,
/// leaving as late as the first stop allows and waiting for windows to open.
pub fn time_route(travel: &TravelTimes, day: &DaySpec, visits: &[Visit], order: &[usize]) -> Route {
    let Some(&first) = order.first() else {
        return Route {
            departure: day.hours.open,
            stops: Vec::new(),
            return_at: day.hours.open,
            travel: 0,
            waiting: 0,
            load: 0,
        };
    };
    let lead = travel.get(day.start, visits[first].location);
    let opens = visits[first].window.map_or(day.hours.open, |w| w.open);
    let departure = day.hours.open.max(opens - lead);
    let mut t = departure;
    let mut here = day.start;
    let mut stops = Vec::with_capacity(order.len());
    let (mut driven, mut waiting, mut load) = (0, 0, 0);
    for &i in order {
        let v = &visits[i];
        let leg = travel.get(here, v.location);
        driven += leg;
        let arrival = t + leg;
        let start = match v.window {
            Some(w) if arrival < w.open => w.open,
            _ => arrival,
        };
        waiting += start - arrival;
        load += v.demand;
        let finish = start + v.duration;
        stops.push(Stop {
            visit: i,
            arrival,
            wait: start - arrival,
            start,
            finish,
        });
        t = finish;
        here = v.location;
    }
    let back = travel.get(here, day.end);
    Route {
        departure,
        stops,
        return_at: t + back,
        travel: driven + back,
        waiting,
        load,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{check_day, DayPlan, DayProblem, DropReason, Dropped, TimeWindow};
    use super::*;

    #[test]
    fn timed_orders_pass_the_checker_or_name_the_missed_window() {
        // 0 = base, 1..=3 visits, ten minutes apart on a line.
        let m: Vec<Vec<i64>> = (0..4)
            .map(|i: i64| (0..4).map(|j: i64| (i - j).abs() * 600).collect())
            .collect();
        let travel = TravelTimes::from_matrix(m).unwrap();
        let hours = TimeWindow::new(8 * 3600, 16 * 3600);
        let visits = vec![
            Visit::new(1, 1800),
            Visit::new(2, 1800).with_window(9 * 3600, 9 * 3600 + 900),
            Visit::new(3, 1800),
        ];
        let problem = DayProblem {
            travel: travel.clone(),
            start: 0,
            end: 0,
            hours,
            visits: visits.clone(),
        };
        let day = DaySpec {
            start: 0,
            end: 0,
            hours,
            capacity: None,
        };
        let plan = |order: &[usize], dropped: &[usize]| DayPlan {
            route: time_route(&travel, &day, &visits, order),
            dropped: dropped
                .iter()
                .map(|&visit| Dropped {
                    visit,
                    reason: DropReason::DoesNotFitDay,
                })
                .collect(),
        };
        let good = plan(&[0, 1, 2], &[]);
        assert_eq!(check_day(&problem, &good), Ok(()));
        assert_eq!(good.route.stops[1].start, 9 * 3600);
        // Starting with the appointment: leave as late as it allows.
        let late = plan(&[1, 0, 2], &[]);
        assert_eq!(late.route.departure, 9 * 3600 - 1200);
        assert_eq!(check_day(&problem, &late), Ok(()));
        // The appointment last misses its window: reported, times still true.
        let missed = plan(&[0, 2, 1], &[]);
        let v = check_day(&problem, &missed).unwrap_err();
        assert!(
            v.iter()
                .all(|x| matches!(x, super::super::Violation::WindowMissed { visit: 1, .. })),
            "{v:?}"
        );
        assert_eq!(check_day(&problem, &plan(&[2], &[0, 1])), Ok(()));
        assert_eq!(check_day(&problem, &plan(&[], &[0, 1, 2])), Ok(()));
    }
}
