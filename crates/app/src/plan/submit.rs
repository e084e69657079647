//! Sending the day's draft to the team lead. Only here does a draft become
//! the wire `sync_proto::PlanBody`.

use super::candidates::Pool;
use super::draft::existing;
use super::timed::{time_draft, Timed};
use super::views::{minutes, time};
use crate::capture::payload;
use crate::{invalid, json_error, storage_error, IdSource};
use api::{CommandError, DayPlanView, DropCode, PlanStatusCode, SubmitPlanRequest};
use chrono::NaiveDateTime;
use store::{PlanStatus, Store};
use sync_proto::{kinds, PlanBody, PlanDroppedDto, PlanStopDto};
use uuid::Uuid;

/// Sends the day's draft to the team lead: the plan (times recomputed) goes
/// to the outbox as a "plan" mutation in the same transaction as its status
/// change to submitted.
pub fn submit_plan(
    store: &mut Store,
    now: NaiveDateTime,
    ids: &mut dyn IdSource,
    req: &SubmitPlanRequest,
) -> Result<DayPlanView, CommandError> {
    let params = &req.params;
    let pool = Pool::load(store, params)?;
    let by_id = pool.by_id();
    let mut draft = existing(store, params.date)?;
    if draft.status != PlanStatus::Draft {
        return Err(invalid(api::Field::Plan, api::Reason::AlreadySubmitted));
    }
    if draft.stops.is_empty() {
        return Err(invalid(api::Field::Plan, api::Reason::Empty));
    }
    let comment = req
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if comment.is_some_and(|c| c.chars().count() > crate::add_note::MAX_NOTE) {
        return Err(invalid(api::Field::Comment, api::Reason::TooLong));
    }
    draft.comment = comment.map(str::to_owned);
    let mut timed = time_draft(params, &pool, &by_id, draft)?;
    let wire = wire(&timed);
    // The contact hours (`domain::hours`): the server checks the same.
    let visits: Vec<_> = wire
        .stops
        .iter()
        .map(|s| (s.arrival, s.departure))
        .collect();
    pool.contact
        .check_visits(wire.date, &visits, comment)
        .map_err(plan_hours_error)?;
    let body = serde_json::to_string(&wire).map_err(json_error)?;
    let mutation_id = ids.next_id();
    // A plan is about many cases: its mutation names none.
    let payload = payload(
        mutation_id,
        Uuid::nil(),
        now,
        sync_proto::MutationKind::Plan,
        &wire,
    )?;
    store
        .submit_plan(wire.plan_id, &body, now, mutation_id, kinds::PLAN, &payload)
        .map_err(storage_error)?;
    timed.view.status = PlanStatusCode::Submitted;
    Ok(timed.view)
}

/// A refused day of visits as the plan's field error.
pub(crate) fn plan_hours_error(e: domain::hours::PlanHoursError) -> CommandError {
    use domain::hours::PlanHoursError as E;
    match e {
        E::Closed(c) => invalid(api::Field::Date, api::Reason::ContactDayClosed(c.into())),
        E::ReasonMissing => invalid(api::Field::Comment, api::Reason::SaturdayNeedsReason),
        E::Outside(w) => invalid(
            api::Field::Plan,
            api::Reason::OutsideContactHours {
                from: w.from,
                until: w.until,
            },
        ),
    }
}

/// The timed draft as the team lead receives it.
fn wire(timed: &Timed<'_>) -> PlanBody {
    let draft = &timed.draft;
    PlanBody {
        plan_id: draft.id,
        date: draft.date,
        stops: timed
            .route
            .stops
            .iter()
            .map(|s| {
                let c = timed.cases[s.visit];
                PlanStopDto {
                    case_id: c.id.0,
                    arrival: time(s.arrival),
                    departure: time(s.finish),
                    pinned: draft.stops[s.visit].pinned,
                    reasons: c
                        .reasons
                        .iter()
                        .filter_map(|r| {
                            serde_json::to_value(r.flag)
                                .ok()
                                .and_then(|j| j.as_str().map(str::to_owned))
                        })
                        .collect(),
                }
            })
            .collect(),
        dropped: draft
            .dropped
            .iter()
            .map(|d| PlanDroppedDto {
                case_id: d.case.0,
                reason: DropCode::from(d.reason).code().into(),
            })
            .collect(),
        drive_minutes: minutes(timed.route.travel),
        comment: draft.comment.clone(),
    }
}
