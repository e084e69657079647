//! The planning screen (issue #5): the day's candidates with their key-case
//! scores, the day and week plans, the advisor's edits and the submission
//! to the team lead.
//!
//! A plan is kept in the replica as a draft (`day_plan`, the JSON of
//! `sync_proto::PlanBody`). Every edit loads it, changes the order only as
//! asked, recomputes the times (`domain::route::time_route`) and runs the
//! domain's checker: what the checker finds is shown as a warning and the
//! edit is kept. Planning again keeps pinned stops at their positions and
//! the stops the advisor removed out of the plan.
//!
//! The planner is deterministic: a fixed seed and a budget of search steps
//! ([`PlanLimit`]); a wall-clock limit only stops it early on a slow device.

use crate::{storage_error, IdSource};
use api::{
    CandidateView, CandidatesView, CommandError, DayPlanView, DropCode, EditPlanRequest, Field,
    Flag, Missing, PlanDroppedView, PlanEdit, PlanParams, PlanPoint, PlanStatusCode, PlanStopView,
    PlanWarning, PlanWarningCode, Reason, ScoreReasonView, SubmitPlanRequest, WeekDayView,
    WeekPlanView,
};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use domain::priority::CaseFacts;
use domain::route::{
    check_day, key_case_score, time_route, Budget, DayPlan, DayProblem, DaySpec, DropReason,
    Dropped, PlanOptions, ScoreRules, Seconds, TimeWindow, TravelRules, TravelTimes, Violation,
    Visit, WeekObjective, WeekProblem,
};
use domain::{CaseId, CaseStatus, GeoPoint};
use std::collections::HashMap;
use std::time::{Duration, Instant};
use store::{PlanStatus, Store};
use sync_proto::{kinds, Mutation, PlanBody, PlanDroppedDto, PlanStopDto};
use uuid::Uuid;

/// The planner's seed: the same replica and date give the same plan.
pub const SEED: u64 = 5;
/// The most candidates a day is planned from (appointments of the day
/// always included); a day holds a dozen visits at most.
pub const DAY_CANDIDATES: usize = 40;
/// The most candidates a week is planned from.
pub const WEEK_CANDIDATES: usize = 80;
/// An appointment's window: this long before and after the agreed time.
pub const APPOINTMENT_SLACK: Seconds = 15 * 60;
/// Priority of a pinned stop: above any key-case score class.
const PINNED: u32 = 1_000;

/// How long the planner may search: `iterations` steps (what makes it
/// deterministic), stopped early only if `time` runs out first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanLimit {
    pub iterations: u64,
    pub time: Duration,
}

impl PlanLimit {
    /// The day screen: about 300 ms on a phone at most.
    pub const DAY: PlanLimit = PlanLimit {
        iterations: 3_000,
        time: Duration::from_millis(300),
    };
    /// The week preview.
    pub const WEEK: PlanLimit = PlanLimit {
        iterations: 3_000,
        time: Duration::from_millis(1_500),
    };
}

/// Search steps counted like `route::Iterations` (so the planner's phases
/// depend on steps only), with a wall-clock stop.
struct Limited {
    done: u64,
    max: u64,
    started: Instant,
    time: Duration,
}

impl Limited {
    fn new(limit: &PlanLimit) -> Limited {
        Limited {
            done: 0,
            max: limit.iterations,
            started: Instant::now(),
            time: limit.time,
        }
    }
}

impl Budget for Limited {
    fn should_stop(&mut self) -> bool {
        if self.done >= self.max || self.started.elapsed() >= self.time {
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

/// A case that can be visited: open, with a located visit address.
#[derive(Debug, Clone)]
struct Candidate {
    id: CaseId,
    number: String,
    name: String,
    street: String,
    city: String,
    at: GeoPoint,
    points: u32,
    reasons: Vec<ScoreReasonView>,
    /// The agreed visit, any day.
    appointment: Option<NaiveDateTime>,
}

impl Candidate {
    fn appointment_on(&self, day: NaiveDate) -> Option<NaiveTime> {
        self.appointment
            .filter(|a| a.date() == day)
            .map(|a| a.time())
    }

    fn flags(&self) -> Vec<Flag> {
        self.reasons.iter().map(|r| r.flag).collect()
    }
}

fn invalid(field: Field, code: Reason) -> CommandError {
    CommandError::Invalid { field, code }
}

fn json_error(e: serde_json::Error) -> CommandError {
    CommandError::Storage {
        message: e.to_string(),
    }
}

fn secs(t: NaiveTime) -> Seconds {
    i64::from(t.num_seconds_from_midnight())
}

fn time(s: Seconds) -> NaiveTime {
    let s = s.clamp(0, 24 * 3600 - 1);
    NaiveTime::from_num_seconds_from_midnight_opt(s as u32, 0).unwrap_or_default()
}

fn minutes(s: Seconds) -> u32 {
    u32::try_from((s + 30) / 60).unwrap_or(0)
}

/// Every open case with a located address, scored for `day`; and how many
/// open cases have no coordinates.
fn all_candidates(store: &Store, day: NaiveDate) -> Result<(Vec<Candidate>, usize), CommandError> {
    let places: HashMap<CaseId, store::VisitPlace> = store
        .visit_places()
        .map_err(storage_error)?
        .into_iter()
        .map(|p| (p.case_id, p))
        .collect();
    let rules = ScoreRules::default();
    let mut out = Vec::new();
    let mut unlocated = 0;
    for s in store
        .search(&store::CaseQuery::default())
        .map_err(storage_error)?
    {
        if s.status == CaseStatus::Closed {
            continue;
        }
        let Some((place, at)) = places.get(&s.id).and_then(|p| p.location.map(|at| (p, at))) else {
            unlocated += 1;
            continue;
        };
        let facts = CaseFacts {
            status: s.status,
            outstanding: s.outstanding,
            next_promise_due: s.next_promise_due,
            limitation_date: s.limitation_date,
            last_activity: s.last_activity,
            vulnerable: s.vulnerable,
            appointment: s.appointment.map(|a| a.date()),
        };
        let score = key_case_score(&facts, day, &rules);
        out.push(Candidate {
            id: s.id,
            number: s.number,
            name: s.debtor_name,
            street: place.street.clone(),
            city: place.city.clone(),
            at,
            points: score.points,
            reasons: score
                .reasons
                .iter()
                .map(|r| ScoreReasonView {
                    flag: r.flag.into(),
                    points: r.points,
                })
                .collect(),
            appointment: s.appointment,
        });
    }
    Ok((out, unlocated))
}

/// The candidates for the days `days`: their appointments first, then the
/// highest scores (cases without points are not worth a trip), at most
/// `cap`. A case agreed for another day is left for that day.
fn select(all: &[Candidate], days: &[NaiveDate], cap: usize) -> Vec<Candidate> {
    let mut appointments = Vec::new();
    let mut scored = Vec::new();
    for c in all {
        match c.appointment.map(|a| a.date()) {
            Some(d) if days.contains(&d) => appointments.push(c.clone()),
            Some(d) if d >= days[0] => {}
            _ if c.points > 0 => scored.push(c.clone()),
            _ => {}
        }
    }
    appointments.sort_by_key(|c| (c.appointment, c.number.clone()));
    scored.sort_by(|a, b| b.points.cmp(&a.points).then(a.number.cmp(&b.number)));
    let room = cap.saturating_sub(appointments.len());
    appointments.extend(scored.into_iter().take(room));
    appointments
}

fn start_point(
    store: &Store,
    params: &PlanParams,
    all: &[Candidate],
) -> Result<PlanPoint, CommandError> {
    if let Some(p) = &params.start {
        if !(-90.0..=90.0).contains(&p.lat) || !(-180.0..=180.0).contains(&p.lon) {
            return Err(invalid(Field::Start, Reason::OutOfRange));
        }
        return Ok(p.clone());
    }
    if let Some(a) = store.advisors().map_err(storage_error)?.first() {
        return Ok(PlanPoint {
            lat: a.base.lat,
            lon: a.base.lon,
            label: a.base_label.clone(),
        });
    }
    all.first()
        .map(|c| PlanPoint {
            lat: c.at.lat,
            lon: c.at.lon,
            label: c.city.clone(),
        })
        .ok_or_else(|| invalid(Field::Start, Reason::NoCases))
}

fn hours(params: &PlanParams) -> Result<TimeWindow, CommandError> {
    if params.from >= params.until {
        return Err(invalid(Field::Hours, Reason::EndsBeforeStart));
    }
    if !(5..=240).contains(&params.visit_minutes) {
        return Err(invalid(Field::VisitMinutes, Reason::OutOfRange));
    }
    Ok(TimeWindow::new(secs(params.from), secs(params.until)))
}

fn visit_of(c: &Candidate, location: usize, day: NaiveDate, params: &PlanParams) -> Visit {
    let v = Visit::new(location, i64::from(params.visit_minutes) * 60)
        // Classes of ten points: among close scores, the planner keeps more
        // visits rather than one more point.
        .with_priority(c.points / 10);
    match c.appointment_on(day) {
        Some(t) => v.with_window(secs(t) - APPOINTMENT_SLACK, secs(t) + APPOINTMENT_SLACK),
        None => v,
    }
}

fn drop_code(r: DropReason) -> DropCode {
    match r {
        DropReason::DoesNotFitDay => DropCode::NoTime,
        DropReason::WindowUnreachable => DropCode::WindowMissed,
        DropReason::LowerPriorityThanKept => DropCode::LowerPriority,
    }
}

/// The advisor's plan of a day as it is edited: the stops in order and the
/// candidates left out, by case.
#[derive(Debug, Clone)]
struct Draft {
    id: Uuid,
    status: PlanStatus,
    stops: Vec<(CaseId, bool)>,
    dropped: Vec<(CaseId, DropCode)>,
    comment: Option<String>,
    review_comment: Option<String>,
    reviewed_by: Option<String>,
}

/// The newest plan of the day, if any.
fn load(store: &Store, day: NaiveDate) -> Result<Option<Draft>, CommandError> {
    let Some(row) = store
        .day_plans_on(day)
        .map_err(storage_error)?
        .into_iter()
        .next()
    else {
        return Ok(None);
    };
    let body: PlanBody = serde_json::from_str(&row.body).map_err(json_error)?;
    Ok(Some(Draft {
        id: row.id,
        status: row.status,
        stops: body
            .stops
            .iter()
            .map(|s| (CaseId(s.case_id), s.pinned))
            .collect(),
        dropped: body
            .dropped
            .iter()
            .map(|d| {
                (
                    CaseId(d.case_id),
                    DropCode::from_code(&d.reason).unwrap_or(DropCode::NoTime),
                )
            })
            .collect(),
        comment: body.comment,
        review_comment: row.review_comment,
        reviewed_by: row.reviewed_by,
    }))
}

/// A draft timed and checked against the replica as it is now.
struct Timed {
    view: DayPlanView,
    body: PlanBody,
    violations: Vec<Violation>,
    /// Case of each problem visit (stops first, then dropped).
    cases: Vec<CaseId>,
}

fn status_code(s: PlanStatus) -> PlanStatusCode {
    match s {
        PlanStatus::Draft => PlanStatusCode::Draft,
        PlanStatus::Submitted => PlanStatusCode::Submitted,
        PlanStatus::Approved => PlanStatusCode::Approved,
        PlanStatus::Returned => PlanStatusCode::Returned,
    }
}

fn stop_view(c: &Candidate, day: NaiveDate, s: &domain::route::Stop, pinned: bool) -> PlanStopView {
    PlanStopView {
        case_id: c.id.to_string(),
        number: c.number.clone(),
        debtor_name: c.name.clone(),
        street: c.street.clone(),
        city: c.city.clone(),
        lat: c.at.lat,
        lon: c.at.lon,
        arrival: time(s.arrival),
        start: time(s.start),
        departure: time(s.finish),
        pinned,
        points: c.points,
        reasons: c.flags(),
        appointment: c.appointment_on(day),
    }
}

fn dropped_view(c: &Candidate, reason: DropCode) -> PlanDroppedView {
    PlanDroppedView {
        case_id: c.id.to_string(),
        number: c.number.clone(),
        debtor_name: c.name.clone(),
        city: c.city.clone(),
        reason,
        points: c.points,
        reasons: c.flags(),
    }
}

/// Times the draft's order, checks it and builds the view and the body. A
/// case the replica no longer offers (closed, reassigned) leaves the plan.
fn time_draft(
    params: &PlanParams,
    start: &PlanPoint,
    by_id: &HashMap<CaseId, &Candidate>,
    draft: &Draft,
) -> Result<Timed, CommandError> {
    let day = params.date;
    let hours = hours(params)?;
    let stops: Vec<(&Candidate, bool)> = draft
        .stops
        .iter()
        .filter_map(|(id, pinned)| by_id.get(id).map(|c| (*c, *pinned)))
        .collect();
    let dropped: Vec<(&Candidate, DropCode)> = draft
        .dropped
        .iter()
        .filter_map(|(id, r)| by_id.get(id).map(|c| (*c, *r)))
        .collect();
    let mut points = vec![GeoPoint {
        lat: start.lat,
        lon: start.lon,
    }];
    let mut visits = Vec::new();
    let mut cases = Vec::new();
    for c in stops.iter().map(|s| s.0).chain(dropped.iter().map(|d| d.0)) {
        points.push(c.at);
        visits.push(visit_of(c, points.len() - 1, day, params));
        cases.push(c.id);
    }
    let travel = TravelTimes::great_circle(&points, &TravelRules::default());
    let spec = DaySpec {
        start: 0,
        end: 0,
        hours,
        capacity: None,
    };
    let order: Vec<usize> = (0..stops.len()).collect();
    let route = time_route(&travel, &spec, &visits, &order);
    let plan = DayPlan {
        route: route.clone(),
        dropped: (0..dropped.len())
            .map(|i| Dropped {
                visit: stops.len() + i,
                reason: DropReason::DoesNotFitDay,
            })
            .collect(),
    };
    let problem = DayProblem {
        travel,
        start: 0,
        end: 0,
        hours,
        visits,
    };
    let violations = check_day(&problem, &plan).err().unwrap_or_default();
    let warnings = violations
        .iter()
        .map(|v| match v {
            Violation::WindowMissed { visit, start, .. } => PlanWarning {
                code: PlanWarningCode::WindowMissed,
                debtor_name: stops.get(*visit).map(|s| s.0.name.clone()),
                at: Some(time(*start)),
            },
            Violation::ReturnsTooLate { return_at, .. } => PlanWarning {
                code: PlanWarningCode::ReturnsLate,
                debtor_name: None,
                at: Some(time(*return_at)),
            },
            _ => PlanWarning {
                code: PlanWarningCode::Other,
                debtor_name: None,
                at: None,
            },
        })
        .collect();
    let stop_views: Vec<PlanStopView> = route
        .stops
        .iter()
        .map(|s| stop_view(stops[s.visit].0, day, s, stops[s.visit].1))
        .collect();
    let body = PlanBody {
        plan_id: draft.id,
        date: day,
        stops: route
            .stops
            .iter()
            .map(|s| {
                let (c, pinned) = stops[s.visit];
                PlanStopDto {
                    case_id: c.id.0,
                    arrival: time(s.arrival),
                    departure: time(s.finish),
                    pinned,
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
        dropped: dropped
            .iter()
            .map(|(c, r)| PlanDroppedDto {
                case_id: c.id.0,
                reason: r.code().into(),
            })
            .collect(),
        drive_minutes: minutes(route.travel),
        comment: draft.comment.clone(),
    };
    let view = DayPlanView {
        plan_id: draft.id.to_string(),
        date: day,
        status: status_code(draft.status),
        start: start.clone(),
        departure: time(route.departure),
        end: time(route.return_at),
        drive_minutes: minutes(route.travel),
        stops: stop_views,
        dropped: dropped.iter().map(|(c, r)| dropped_view(c, *r)).collect(),
        warnings,
        comment: draft.comment.clone(),
        review_comment: draft.review_comment.clone(),
        reviewed_by: draft.reviewed_by.clone(),
    };
    Ok(Timed {
        view,
        body,
        violations,
        cases,
    })
}

/// The candidates of a day, appointments first, then by score.
pub fn candidates(store: &Store, params: &PlanParams) -> Result<CandidatesView, CommandError> {
    let (all, without_location) = all_candidates(store, params.date)?;
    let start = start_point(store, params, &all)?;
    let chosen = select(&all, &[params.date], DAY_CANDIDATES);
    Ok(CandidatesView {
        date: params.date,
        start,
        candidates: chosen
            .iter()
            .map(|c| CandidateView {
                case_id: c.id.to_string(),
                number: c.number.clone(),
                debtor_name: c.name.clone(),
                street: c.street.clone(),
                city: c.city.clone(),
                lat: c.at.lat,
                lon: c.at.lon,
                points: c.points,
                reasons: c.reasons.clone(),
                appointment: c.appointment_on(params.date),
            })
            .collect(),
        without_location,
    })
}

/// The current plan of the day with its times recomputed, if there is one.
pub fn current_plan(
    store: &Store,
    params: &PlanParams,
) -> Result<Option<DayPlanView>, CommandError> {
    let Some(draft) = load(store, params.date)? else {
        return Ok(None);
    };
    let (all, _) = all_candidates(store, params.date)?;
    let start = start_point(store, params, &all)?;
    let by_id: HashMap<CaseId, &Candidate> = all.iter().map(|c| (c.id, c)).collect();
    Ok(Some(time_draft(params, &start, &by_id, &draft)?.view))
}

/// The draft to change: the day's draft, or a new draft (new id) when the
/// newest plan of the day was already submitted.
fn editable(draft: Option<Draft>, ids: &mut dyn IdSource) -> Draft {
    match draft {
        Some(d) if d.status == PlanStatus::Draft => d,
        Some(d) => Draft {
            id: ids.next_id(),
            status: PlanStatus::Draft,
            review_comment: None,
            reviewed_by: None,
            comment: None,
            ..d
        },
        None => Draft {
            id: ids.next_id(),
            status: PlanStatus::Draft,
            stops: Vec::new(),
            dropped: Vec::new(),
            comment: None,
            review_comment: None,
            reviewed_by: None,
        },
    }
}

fn save(store: &mut Store, now: NaiveDateTime, timed: &Timed) -> Result<(), CommandError> {
    let body = serde_json::to_string(&timed.body).map_err(json_error)?;
    store
        .save_plan_draft(timed.body.plan_id, timed.body.date, &body, now)
        .map_err(storage_error)
}

/// Plans the day from its candidates and saves the draft. Stops the advisor
/// pinned keep their positions; candidates the advisor removed stay out.
pub fn plan_day(
    store: &mut Store,
    now: NaiveDateTime,
    ids: &mut dyn IdSource,
    params: &PlanParams,
    limit: &PlanLimit,
) -> Result<DayPlanView, CommandError> {
    let day = params.date;
    let hours = hours(params)?;
    let (all, _) = all_candidates(store, day)?;
    let start = start_point(store, params, &all)?;
    let by_id: HashMap<CaseId, &Candidate> = all.iter().map(|c| (c.id, c)).collect();
    let mut draft = editable(load(store, day)?, ids);
    let pinned: Vec<(usize, CaseId)> = draft
        .stops
        .iter()
        .enumerate()
        .filter(|(_, (id, p))| *p && by_id.contains_key(id))
        .map(|(i, (id, _))| (i, *id))
        .collect();
    let removed: Vec<CaseId> = draft
        .dropped
        .iter()
        .filter(|(_, r)| *r == DropCode::RemovedByAdvisor)
        .map(|(id, _)| *id)
        .filter(|id| by_id.contains_key(id) && !pinned.iter().any(|p| p.1 == *id))
        .collect();
    let mut pool: Vec<&Candidate> = pinned.iter().map(|(_, id)| by_id[id]).collect();
    for c in select(&all, &[day], DAY_CANDIDATES) {
        if !removed.contains(&c.id) && !pool.iter().any(|p| p.id == c.id) {
            pool.push(by_id[&c.id]);
        }
    }
    let mut points = vec![GeoPoint {
        lat: start.lat,
        lon: start.lon,
    }];
    let mut visits = Vec::new();
    for (i, c) in pool.iter().enumerate() {
        points.push(c.at);
        let v = visit_of(c, i + 1, day, params);
        visits.push(if i < pinned.len() {
            v.with_priority(PINNED)
        } else {
            v
        });
    }
    let problem = DayProblem {
        travel: TravelTimes::great_circle(&points, &TravelRules::default()),
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
    .map_err(|e| invalid(Field::Plan, Reason::Rule(e.to_string())))?;
    // The planner's order of the free stops, the pinned ones put back at
    // their places.
    let mut order: Vec<(CaseId, bool)> = planned
        .route
        .stops
        .iter()
        .filter(|s| s.visit >= pinned.len())
        .map(|s| (pool[s.visit].id, false))
        .collect();
    for (at, id) in &pinned {
        order.insert((*at).min(order.len()), (*id, true));
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
    let mut dropped: Vec<(CaseId, DropCode)> = planned
        .dropped
        .iter()
        .filter(|d| d.visit >= pinned.len())
        .map(|d| {
            let code = match drop_code(d.reason) {
                DropCode::LowerPriority
                    if lowest_kept.is_some_and(|k| k <= problem.visits[d.visit].priority) =>
                {
                    DropCode::NoTime
                }
                code => code,
            };
            (pool[d.visit].id, code)
        })
        .collect();
    // A pinned stop the day cannot hold stays, with a warning.
    for d in planned.dropped.iter().filter(|d| d.visit < pinned.len()) {
        let id = pool[d.visit].id;
        if !order.iter().any(|o| o.0 == id) {
            order.push((id, true));
        }
    }
    dropped.extend(removed.iter().map(|id| (*id, DropCode::RemovedByAdvisor)));
    draft.stops = order;
    draft.dropped = dropped;
    // Pins put back may push the day over its hours or past a window: then
    // the least important free stop makes room, as the planner would.
    let mut timed = time_draft(params, &start, &by_id, &draft)?;
    for _ in 0..draft.stops.len() {
        if timed.violations.is_empty() {
            break;
        }
        let missed: Option<CaseId> = timed.violations.iter().find_map(|v| match v {
            Violation::WindowMissed { visit, .. } => timed
                .cases
                .get(*visit)
                .copied()
                .filter(|id| draft.stops.iter().any(|s| s.0 == *id && !s.1)),
            _ => None,
        });
        let victim = missed.or_else(|| {
            draft
                .stops
                .iter()
                .filter(|s| !s.1 && by_id[&s.0].appointment_on(day).is_none())
                .min_by_key(|s| by_id[&s.0].points)
                .map(|s| s.0)
        });
        let Some(victim) = victim else { break };
        draft.stops.retain(|s| s.0 != victim);
        let code = if missed.is_some() {
            DropCode::WindowMissed
        } else {
            DropCode::NoTime
        };
        draft.dropped.push((victim, code));
        timed = time_draft(params, &start, &by_id, &draft)?;
    }
    save(store, now, &timed)?;
    Ok(timed.view)
}

/// Applies one edit to the day's plan, recomputes its times and saves the
/// draft; a broken rule comes back as a warning, never as a lost edit.
pub fn edit_plan(
    store: &mut Store,
    now: NaiveDateTime,
    ids: &mut dyn IdSource,
    req: &EditPlanRequest,
) -> Result<DayPlanView, CommandError> {
    let params = &req.params;
    let (all, _) = all_candidates(store, params.date)?;
    let start = start_point(store, params, &all)?;
    let by_id: HashMap<CaseId, &Candidate> = all.iter().map(|c| (c.id, c)).collect();
    let draft = load(store, params.date)?.ok_or_else(|| CommandError::NotFound {
        what: Missing::Plan,
        key: Some(params.date.to_string()),
    })?;
    let mut draft = editable(Some(draft), ids);
    let case = |id: &str| -> Result<CaseId, CommandError> {
        id.parse()
            .map_err(|_| invalid(Field::CaseId, Reason::MalformedId))
    };
    let stop_at = |draft: &Draft, id: CaseId| -> Result<usize, CommandError> {
        draft
            .stops
            .iter()
            .position(|s| s.0 == id)
            .ok_or_else(|| invalid(Field::CaseId, Reason::NotInPlan))
    };
    match &req.edit {
        PlanEdit::Pin { case_id, pinned } => {
            let i = stop_at(&draft, case(case_id)?)?;
            draft.stops[i].1 = *pinned;
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
            draft.dropped.retain(|d| d.0 != id);
            draft.dropped.push((id, DropCode::RemovedByAdvisor));
        }
        PlanEdit::AddBack { case_id } => {
            let id = case(case_id)?;
            let c = *by_id
                .get(&id)
                .ok_or_else(|| invalid(Field::CaseId, Reason::NotACandidate))?;
            if draft.stops.iter().any(|s| s.0 == id) {
                return Err(invalid(Field::CaseId, Reason::AlreadyPlanned));
            }
            draft.dropped.retain(|d| d.0 != id);
            let at = cheapest_slot(&start, &draft, &by_id, c);
            draft.stops.insert(at, (id, false));
        }
    }
    let timed = time_draft(params, &start, &by_id, &draft)?;
    save(store, now, &timed)?;
    Ok(timed.view)
}

/// Where a visit adds the least driving, by great-circle times.
fn cheapest_slot(
    start: &PlanPoint,
    draft: &Draft,
    by_id: &HashMap<CaseId, &Candidate>,
    c: &Candidate,
) -> usize {
    let base = GeoPoint {
        lat: start.lat,
        lon: start.lon,
    };
    let mut route: Vec<GeoPoint> = vec![base];
    route.extend(
        draft
            .stops
            .iter()
            .filter_map(|(id, _)| by_id.get(id).map(|x| x.at)),
    );
    route.push(base);
    route.push(c.at);
    let new = route.len() - 1;
    let t = TravelTimes::great_circle(&route, &TravelRules::default());
    (0..new - 1)
        .min_by_key(|&i| t.get(i, new) + t.get(new, i + 1) - t.get(i, i + 1))
        .unwrap_or(0)
}

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
    let (all, _) = all_candidates(store, params.date)?;
    let start = start_point(store, params, &all)?;
    let by_id: HashMap<CaseId, &Candidate> = all.iter().map(|c| (c.id, c)).collect();
    let mut draft = load(store, params.date)?.ok_or_else(|| CommandError::NotFound {
        what: Missing::Plan,
        key: Some(params.date.to_string()),
    })?;
    if draft.status != PlanStatus::Draft {
        return Err(invalid(Field::Plan, Reason::AlreadySubmitted));
    }
    if draft.stops.is_empty() {
        return Err(invalid(Field::Plan, Reason::Empty));
    }
    let comment = req
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if comment.is_some_and(|c| c.chars().count() > crate::add_note::MAX_NOTE) {
        return Err(invalid(Field::Comment, Reason::TooLong));
    }
    draft.comment = comment.map(str::to_owned);
    let mut timed = time_draft(params, &start, &by_id, &draft)?;
    let body = serde_json::to_string(&timed.body).map_err(json_error)?;
    let mutation_id = ids.next_id();
    let mutation = Mutation {
        id: mutation_id,
        case_id: Uuid::nil(),
        created_at: now,
        kind: sync_proto::MutationKind::Plan,
        body: serde_json::to_value(&timed.body).map_err(json_error)?,
    };
    let payload = serde_json::to_string(&mutation).map_err(json_error)?;
    store
        .submit_plan(draft.id, &body, now, mutation_id, kinds::PLAN, &payload)
        .map_err(storage_error)?;
    timed.view.status = PlanStatusCode::Submitted;
    Ok(timed.view)
}

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
    let hours = hours(params)?;
    let dates = working_days(params.date);
    let (all, _) = all_candidates(store, params.date)?;
    let start = start_point(store, params, &all)?;
    let pool = select(&all, &dates, WEEK_CANDIDATES);
    let mut points = vec![GeoPoint {
        lat: start.lat,
        lon: start.lon,
    }];
    let mut visits = Vec::new();
    for (i, c) in pool.iter().enumerate() {
        points.push(c.at);
        let on = c
            .appointment
            .and_then(|a| dates.iter().position(|d| *d == a.date()));
        visits.push(match on {
            Some(d) => visit_of(c, i + 1, dates[d], params).on_day(d),
            None => {
                Visit::new(i + 1, i64::from(params.visit_minutes) * 60).with_priority(c.points / 10)
            }
        });
    }
    let problem = WeekProblem {
        travel: TravelTimes::great_circle(&points, &TravelRules::default()),
        days: dates
            .iter()
            .map(|_| DaySpec {
                start: 0,
                end: 0,
                hours,
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
    .map_err(|e| invalid(Field::Plan, Reason::Rule(e.to_string())))?;
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
            .map(|d| dropped_view(&pool[d.visit], drop_code(d.reason)))
            .collect(),
        drive_minutes: minutes(plan.travel),
    })
}
