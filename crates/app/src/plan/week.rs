//! The week preview: the candidates spread over five working days.

use super::candidates::{hours, points, select, visit_of, Pool, WEEK_CANDIDATES};
use super::draft::LeftReason;
use super::limit::{Limited, PlanLimit};
use super::views::{dropped_view, minutes, stop_view, time};
use super::SEED;
use crate::invalid;
use api::{CommandError, DropCode, PlanParams, WeekDayView, WeekPlanView};
use chrono::{Datelike, NaiveDate, Weekday};
use domain::route::{
    DaySpec, PlanOptions, TimeWindow, TravelRules, TravelTimes, Visit, WeekObjective, WeekProblem,
};
use store::Store;

/// The five working days (Monday to Friday) from `day` on.
pub fn working_days(day: NaiveDate) -> Vec<NaiveDate> {
    day.iter_days()
        .filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun))
        .take(5)
        .collect()
}

/// Spreads the candidates over five working days (a preview; nothing is
/// saved). Appointments go to their own day.
pub fn plan_week(
    store: &Store,
    params: &PlanParams,
    limit: &PlanLimit,
) -> Result<WeekPlanView, CommandError> {
    super::candidates::work_hours(params)?;
    let Pool {
        all,
        start,
        contact,
        ..
    } = Pool::load(store, params)?;
    // The five working days from the date asked, each within its contact
    // window: a public holiday is no working day.
    let days: Vec<(NaiveDate, TimeWindow)> = working_days(params.date)
        .into_iter()
        .filter_map(|date| {
            hours(
                &PlanParams {
                    date,
                    ..params.clone()
                },
                &contact,
            )
            .ok()
            .map(|h| (date, h))
        })
        .collect();
    let dates: Vec<NaiveDate> = days.iter().map(|(d, _)| *d).collect();
    let pool = select(&all, &dates, WEEK_CANDIDATES);
    let visits = pool
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let on = c
                .appointment
                .and_then(|a| dates.iter().position(|d| *d == a.date()));
            match on {
                Some(d) => visit_of(c, i + 1, dates[d], params).on_day(d),
                None => Visit::new(i + 1, i64::from(params.visit_minutes) * 60)
                    .with_priority(c.points / 10),
            }
        })
        .collect();
    let problem = WeekProblem {
        travel: TravelTimes::great_circle(&points(&start, &pool), &TravelRules::default()),
        days: days
            .iter()
            .map(|(_, hours)| DaySpec {
                start: 0,
                end: 0,
                hours: *hours,
                capacity: None,
            })
            .collect(),
        visits,
        objective: WeekObjective::LeastTravel,
    };
    let plan = domain::route::plan_week(
        &problem,
        &PlanOptions { seed: SEED },
        &mut Limited::new(limit),
    )
    .map_err(|e| invalid(api::Field::Plan, api::Reason::Rule(e.to_string())))?;
    Ok(WeekPlanView {
        start,
        days: plan
            .days
            .iter()
            .zip(&dates)
            .map(|(r, d)| WeekDayView {
                date: *d,
                departure: time(r.departure),
                end: time(r.return_at),
                drive_minutes: minutes(r.travel),
                stops: r
                    .stops
                    .iter()
                    .map(|s| stop_view(&pool[s.visit], *d, s, false))
                    .collect(),
            })
            .collect(),
        dropped: plan
            .dropped
            .iter()
            .map(|d| dropped_view(&pool[d.visit], DropCode::from(LeftReason::from(d.reason))))
            .chain(
                super::candidates::resting(&all, &dates, WEEK_CANDIDATES)
                    .iter()
                    .filter_map(|c| {
                        c.blocked
                            .map(|b| dropped_view(c, DropCode::from(LeftReason::from(b))))
                    }),
            )
            .collect(),
        drive_minutes: minutes(plan.travel),
    })
}
