//! The advisor's edits of the day's plan: pin, move, remove, add back.

use super::candidates::{points, Candidate, Pool};
use super::draft::{editable, existing, Draft, DraftStop, LeftOut, LeftReason};
use super::timed::time_and_save;
use crate::{invalid, IdSource};
use api::{CommandError, DayPlanView, EditPlanRequest, PlanEdit, PlanPoint};
use chrono::NaiveDateTime;
use domain::route::{TravelRules, TravelTimes};
use domain::CaseId;
use std::collections::HashMap;
use store::Store;

/// Applies one edit to the day's plan, recomputes its times and saves the
/// draft; a broken rule comes back as a warning, never as a lost edit.
pub fn edit_plan(
    store: &mut Store,
    now: NaiveDateTime,
    ids: &mut dyn IdSource,
    req: &EditPlanRequest,
) -> Result<DayPlanView, CommandError> {
    let params = &req.params;
    let pool = Pool::load(store, params)?;
    let by_id = pool.by_id();
    let mut draft = editable(Some(existing(store, params.date)?), params.date, ids);
    let case = |id: &str| -> Result<CaseId, CommandError> {
        id.parse()
            .map_err(|_| invalid(api::Field::CaseId, api::Reason::MalformedId))
    };
    let stop_at = |draft: &Draft, id: CaseId| -> Result<usize, CommandError> {
        draft
            .stop_of(id)
            .ok_or_else(|| invalid(api::Field::CaseId, api::Reason::NotInPlan))
    };
    match &req.edit {
        PlanEdit::Pin { case_id, pinned } => {
            let i = stop_at(&draft, case(case_id)?)?;
            draft.stops[i].pinned = *pinned;
        }
        PlanEdit::MoveUp { case_id } => {
            let i = stop_at(&draft, case(case_id)?)?;
            if i > 0 {
                draft.stops.swap(i, i - 1);
            }
        }
        PlanEdit::MoveDown { case_id } => {
            let i = stop_at(&draft, case(case_id)?)?;
            if i + 1 < draft.stops.len() {
                draft.stops.swap(i, i + 1);
            }
        }
        PlanEdit::Remove { case_id } => {
            let id = case(case_id)?;
            let i = stop_at(&draft, id)?;
            draft.stops.remove(i);
            draft.dropped.retain(|d| d.case != id);
            draft.dropped.push(LeftOut {
                case: id,
                reason: LeftReason::RemovedByAdvisor,
            });
        }
        PlanEdit::AddBack { case_id } => {
            let id = case(case_id)?;
            let c = *by_id
                .get(&id)
                .ok_or_else(|| invalid(api::Field::CaseId, api::Reason::NotACandidate))?;
            if let Some(b) = c.blocked {
                use domain::guard::Blocked as B;
                let reason = match b {
                    B::BreathingSpace(space) => api::Reason::BreathingSpace {
                        until: space.last_day,
                    },
                    B::Objection => api::Reason::Objection,
                    B::WeekLimit(n) => api::Reason::VisitLimit {
                        per_week: Some(n),
                        per_month: None,
                    },
                    B::MonthLimit(n) => api::Reason::VisitLimit {
                        per_week: None,
                        per_month: Some(n),
                    },
                };
                return Err(invalid(api::Field::CaseId, reason));
            }
            if draft.stop_of(id).is_some() {
                return Err(invalid(api::Field::CaseId, api::Reason::AlreadyPlanned));
            }
            draft.dropped.retain(|d| d.case != id);
            let at = cheapest_slot(&pool.start, &draft, &by_id, c);
            draft.stops.insert(
                at,
                DraftStop {
                    case: id,
                    pinned: false,
                },
            );
        }
    }
    time_and_save(store, now, params, &pool, &by_id, draft)
}

/// Where a visit adds the least driving, by great-circle times.
fn cheapest_slot(
    start: &PlanPoint,
    draft: &Draft,
    by_id: &HashMap<CaseId, &Candidate>,
    c: &Candidate,
) -> usize {
    let mut route = points(
        start,
        draft
            .stops
            .iter()
            .filter_map(|s| by_id.get(&s.case).copied()),
    );
    route.push(route[0]);
    route.push(c.at);
    let new = route.len() - 1;
    let t = TravelTimes::great_circle(&route, &TravelRules::default());
    (0..new - 1)
        .min_by_key(|&i| t.get(i, new) + t.get(new, i + 1) - t.get(i, i + 1))
        .unwrap_or(0)
}
