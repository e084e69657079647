//! A draft timed and checked against the replica as it is now: the times
//! are recomputed in the draft's order (`domain::route::time_route`) and
//! the domain's checker says what rules the order breaks, as warnings.

use super::candidates::{hours, points, visit_of, Candidate, Pool};
use super::draft::{save, Draft};
use super::views::{dropped_view, minutes, status_code, stop_view, time, warnings};
use api::{CommandError, DayPlanView, PlanParams};
use chrono::NaiveDateTime;
use domain::route::{
    check_day, time_route, DayPlan, DayProblem, DaySpec, DropReason, Dropped, Route, TravelRules,
    TravelTimes,
};
use domain::CaseId;
use std::collections::HashMap;
use store::Store;

pub(super) struct Timed<'c> {
    /// The draft less the cases the replica no longer offers.
    pub draft: Draft,
    pub view: DayPlanView,
    pub route: Route,
    /// The candidate of each visit of the problem: the stops in order,
    /// then the cases left out.
    pub cases: Vec<&'c Candidate>,
}

/// The planner's problem of a draft: its stops in order, then the cases it
/// left out, each a visit. Cases `by_id` does not offer are skipped.
pub(super) fn day_problem<'c>(
    params: &PlanParams,
    pool: &Pool,
    by_id: &HashMap<CaseId, &'c Candidate>,
    draft: &Draft,
) -> Result<(DayProblem, Vec<&'c Candidate>), CommandError> {
    let hours = hours(params, &pool.contact)?;
    let cases: Vec<&Candidate> = draft
        .stops
        .iter()
        .map(|s| s.case)
        .chain(draft.dropped.iter().map(|d| d.case))
        .filter_map(|id| by_id.get(&id).copied())
        .collect();
    let visits = cases
        .iter()
        .enumerate()
        .map(|(i, c)| visit_of(c, i + 1, params.date, params))
        .collect();
    let problem = DayProblem {
        travel: TravelTimes::great_circle(
            &points(&pool.start, cases.iter().copied()),
            &TravelRules::default(),
        ),
        start: 0,
        end: 0,
        hours,
        visits,
    };
    Ok((problem, cases))
}

/// Times the draft's order, checks it and builds the view. A case the
/// replica no longer offers (closed, reassigned) leaves the plan.
pub(super) fn time_draft<'c>(
    params: &PlanParams,
    pool: &Pool,
    by_id: &HashMap<CaseId, &'c Candidate>,
    mut draft: Draft,
) -> Result<Timed<'c>, CommandError> {
    let day = params.date;
    draft.retain(|id| by_id.contains_key(&id));
    let (problem, cases) = day_problem(params, pool, by_id, &draft)?;
    let n = draft.stops.len();
    let spec = DaySpec {
        start: 0,
        end: 0,
        hours: problem.hours,
        capacity: None,
    };
    let order: Vec<usize> = (0..n).collect();
    let plan = DayPlan {
        route: time_route(&problem.travel, &spec, &problem.visits, &order),
        dropped: (n..cases.len())
            .map(|visit| Dropped {
                visit,
                reason: DropReason::DoesNotFitDay,
            })
            .collect(),
    };
    let violations = check_day(&problem, &plan).err().unwrap_or_default();
    let route = plan.route;
    let view = DayPlanView {
        plan_id: draft.id.to_string(),
        date: day,
        status: status_code(draft.status),
        start: pool.start.clone(),
        departure: time(route.departure),
        end: time(route.return_at),
        drive_minutes: minutes(route.travel),
        stops: route
            .stops
            .iter()
            .map(|s| stop_view(cases[s.visit], day, s, draft.stops[s.visit].pinned))
            .collect(),
        dropped: draft
            .dropped
            .iter()
            .zip(&cases[n..])
            .map(|(d, c)| dropped_view(c, d.reason.into()))
            .collect(),
        warnings: warnings(&violations, &cases[..n]),
        comment: draft.comment.clone(),
        review_comment: draft.review_comment.clone(),
        reviewed_by: draft.reviewed_by.clone(),
    };
    Ok(Timed {
        draft,
        view,
        route,
        cases,
    })
}

/// Times the draft and saves it as timed (without the cases the replica
/// no longer offers); answers what the screen shows.
pub(super) fn time_and_save(
    store: &mut Store,
    now: NaiveDateTime,
    params: &PlanParams,
    pool: &Pool,
    by_id: &HashMap<CaseId, &Candidate>,
    draft: Draft,
) -> Result<DayPlanView, CommandError> {
    let timed = time_draft(params, pool, by_id, draft)?;
    save(store, now, &timed.draft)?;
    Ok(timed.view)
}
