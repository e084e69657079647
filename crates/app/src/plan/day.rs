//! Planning the day: the current plan with its times recomputed, and
//! planning again from the candidates, keeping the advisor's pins and
//! removals.

use super::candidates::{
    hours, points, resting, select, visit_of, Candidate, Pool, DAY_CANDIDATES,
};
use super::chain::{chain_days, Chain};
use super::draft::{editable, load, Draft, DraftStop, LeftOut, LeftReason};
use super::limit::{Limited, PlanLimit};
use super::timed::{day_problem, time_and_save, time_draft};
use super::SEED;
use crate::{invalid, IdSource};
use api::{CommandError, DayPlanView, PlanParams};
use chrono::{NaiveDate, NaiveDateTime};
use domain::hours::Contactable;
use domain::route::{
    repair_order, DayProblem, DropReason, Dropped, OrderedStop, PlanOptions, TravelRules,
    TravelTimes,
};
use domain::CaseId;
use std::collections::{HashMap, HashSet};
use store::Store;

/// Priority of a pinned stop: above any key-case score class.
const PINNED: u32 = 1_000;

/// The current plan of the day with its times recomputed, if there is one.
pub fn current_plan(
    store: &Store,
    params: &PlanParams,
) -> Result<Option<DayPlanView>, CommandError> {
    let Some(draft) = load(store, params.date)? else {
        return Ok(None);
    };
    let pool = Pool::load(store, params)?;
    Ok(Some(time_draft(params, &pool, &pool.by_id(), draft)?.view))
}

/// The current plan of a day as the advisor opens it: the team lead's
/// decision on that day's plan counts as seen from now on.
pub fn open_plan(
    store: &mut Store,
    params: &PlanParams,
) -> Result<Option<DayPlanView>, CommandError> {
    let plan = current_plan(store, params)?;
    store
        .see_decisions(None, Some(params.date))
        .map_err(crate::storage_error)?;
    Ok(plan)
}

/// Plans the day from its candidates and saves the draft. Stops the advisor
/// pinned keep their positions; candidates the advisor removed stay out.
/// The cases the days before take (from today on, as the week preview
/// plans them, `chain`) and those in the plans of other days are left to
/// those days, so the day is the week preview's day of the same date.
/// A day gone by is refused (today is `now`'s date, the app's clock).
pub fn plan_day(
    store: &mut Store,
    now: NaiveDateTime,
    ids: &mut dyn IdSource,
    params: &PlanParams,
    limit: &PlanLimit,
) -> Result<DayPlanView, CommandError> {
    let today = now.date();
    refuse_past(params.date, today)?;
    let pool = Pool::load(store, params)?;
    hours(params, &pool.contact)?;
    let mut chain = Chain::load(store, today)?;
    for date in chain_days(today, params.date, params, &pool.contact) {
        chain.plan(
            store,
            &PlanParams {
                date,
                ..params.clone()
            },
            limit,
        )?;
    }
    let taken = chain.taken_by_others(params.date);
    let draft = editable(load(store, params.date)?, params.date, ids);
    let draft = plan_draft(&pool, params, draft, &taken, limit)?;
    time_and_save(store, now, params, &pool, &pool.by_id(), draft)
}

/// Plans `draft`'s day from its candidates less `taken` (the cases other
/// days have; an appointment of the day is never taken), keeping the
/// draft's pins and removals; saves nothing. The day's plan and each day
/// of the week preview are this.
pub(super) fn plan_draft(
    pool: &Pool,
    params: &PlanParams,
    mut draft: Draft,
    taken: &HashSet<CaseId>,
    limit: &PlanLimit,
) -> Result<Draft, CommandError> {
    let day = params.date;
    let hours = hours(params, &pool.contact)?;
    let by_id = pool.by_id();
    let free: Vec<Candidate> = pool
        .all
        .iter()
        .filter(|c| !taken.contains(&c.id) || c.appointment_on(day).is_some())
        .cloned()
        .collect();
    let pinned: Vec<(usize, CaseId)> = draft
        .stops
        .iter()
        .enumerate()
        .filter(|(_, s)| s.pinned && by_id.contains_key(&s.case))
        .map(|(i, s)| (i, s.case))
        .collect();
    let removed: Vec<CaseId> = draft
        .dropped
        .iter()
        .filter(|d| d.reason == LeftReason::RemovedByAdvisor)
        .map(|d| d.case)
        .filter(|id| by_id.contains_key(id) && !pinned.iter().any(|p| p.1 == *id))
        .collect();
    let mut chosen: Vec<&Candidate> = pinned.iter().map(|(_, id)| by_id[id]).collect();
    for c in select(&free, &[day], DAY_CANDIDATES) {
        if !removed.contains(&c.id) && !chosen.iter().any(|p| p.id == c.id) {
            chosen.push(by_id[&c.id]);
        }
    }
    let visits = chosen
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let v = visit_of(c, i + 1, day, params);
            if i < pinned.len() {
                v.with_priority(PINNED)
            } else {
                v
            }
        })
        .collect();
    let problem = DayProblem {
        travel: TravelTimes::great_circle(
            &points(&pool.start, chosen.iter().copied()),
            &TravelRules::default(),
        ),
        start: 0,
        end: 0,
        hours,
        visits,
    };
    let planned = domain::route::plan_day(
        &problem,
        &PlanOptions { seed: SEED },
        &mut Limited::new(limit),
    )
    .map_err(|e| invalid(api::Field::Plan, api::Reason::Rule(e.to_string())))?;
    // The planner's order of the free stops, the pinned ones put back at
    // their places.
    let mut order: Vec<DraftStop> = planned
        .route
        .stops
        .iter()
        .filter(|s| s.visit >= pinned.len())
        .map(|s| DraftStop {
            case: chosen[s.visit].id,
            pinned: false,
        })
        .collect();
    for (at, id) in &pinned {
        let stop = DraftStop {
            case: *id,
            pinned: true,
        };
        order.insert((*at).min(order.len()), stop);
    }
    // "More important visits fill the day" only when every free stop kept
    // is of a higher class; among equals it is simply no time left.
    let lowest_kept = planned
        .route
        .stops
        .iter()
        .filter(|s| s.visit >= pinned.len())
        .map(|s| problem.visits[s.visit].priority)
        .min();
    let mut dropped: Vec<LeftOut> = planned
        .dropped
        .iter()
        .filter(|d| d.visit >= pinned.len())
        .map(|d| {
            let reason = match LeftReason::from(d.reason) {
                LeftReason::LowerPriority
                    if lowest_kept.is_some_and(|k| k <= problem.visits[d.visit].priority) =>
                {
                    LeftReason::NoTime
                }
                // An appointment agreed outside the contact hours: the
                // planner cannot meet it, and the reason is the hours.
                LeftReason::WindowMissed | LeftReason::AfterWorkingHours
                    if chosen[d.visit].appointment.is_some_and(|a| {
                        a.date() == day
                            && !matches!(
                                pool.contact.judge(a),
                                Contactable::Yes | Contactable::NeedsReason
                            )
                    }) =>
                {
                    LeftReason::OutsideContactHours
                }
                reason => reason,
            };
            LeftOut {
                case: chosen[d.visit].id,
                reason,
            }
        })
        .collect();
    // A pinned stop the day cannot hold stays, with a warning.
    for d in planned.dropped.iter().filter(|d| d.visit < pinned.len()) {
        let id = chosen[d.visit].id;
        if !order.iter().any(|o| o.case == id) {
            order.push(DraftStop {
                case: id,
                pinned: true,
            });
        }
    }
    dropped.extend(removed.iter().map(|&case| LeftOut {
        case,
        reason: LeftReason::RemovedByAdvisor,
    }));
    // Who would have been visited but for a breathing space, and why not.
    dropped.extend(
        resting(&free, &[day], DAY_CANDIDATES)
            .iter()
            .filter(|c| !pinned.iter().any(|p| p.1 == c.id))
            .filter_map(|c| {
                c.blocked.map(|b| LeftOut {
                    case: c.id,
                    reason: b.into(),
                })
            }),
    );
    draft.stops = order;
    draft.dropped = dropped;
    make_room(params, pool, &by_id, draft)
}

/// A day before today cannot be planned (`domain::route::may_plan`).
pub(super) fn refuse_past(day: NaiveDate, today: NaiveDate) -> Result<(), CommandError> {
    domain::route::may_plan(day, today)
        .map_err(|e| invalid(api::Field::Date, api::Reason::DayInPast { today: e.today }))
}

/// Pins put back may push the day over its hours or past a window: then
/// the least important free stops make room, as the planner would
/// (`domain::route::repair_order`). Every case of `draft` is in `by_id`.
fn make_room(
    params: &PlanParams,
    pool: &Pool,
    by_id: &HashMap<CaseId, &Candidate>,
    mut draft: Draft,
) -> Result<Draft, CommandError> {
    let (problem, cases) = day_problem(params, pool, by_id, &draft)?;
    let n = draft.stops.len();
    let stops: Vec<OrderedStop> = draft
        .stops
        .iter()
        .enumerate()
        .map(|(visit, s)| OrderedStop {
            visit,
            pinned: s.pinned,
        })
        .collect();
    let left: Vec<Dropped> = (n..cases.len())
        .map(|visit| Dropped {
            visit,
            reason: DropReason::DoesNotFitDay,
        })
        .collect();
    let worth: Vec<u32> = cases.iter().map(|c| c.points).collect();
    let repaired = repair_order(&problem, &stops, &left, &worth);
    draft.stops = repaired
        .stops
        .iter()
        .map(|s| DraftStop {
            case: cases[s.visit].id,
            pinned: s.pinned,
        })
        .collect();
    draft
        .dropped
        .extend(repaired.removed.iter().map(|d| LeftOut {
            case: cases[d.visit].id,
            reason: d.reason.into(),
        }));
    Ok(draft)
}
