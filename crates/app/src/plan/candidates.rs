//! The day's candidates: every open case with a located visit address,
//! scored as a key case for the day, and which of them a day or a week is
//! planned from. Also where the day starts and the visit each candidate
//! makes for the planner.

use super::views::candidate_view;
use crate::{facts_of_summary, invalid, storage_error};
use api::{CandidatesView, CommandError, Flag, PlanParams, PlanPoint, ScoreReasonView};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use domain::breathing::BreathingRules;
use domain::guard::{Blocked, VisitFacts, VisitLimits};
use domain::hours::{ContactHours, DayHours, DayRule};
use domain::route::{key_case_score, ScoreRules, Seconds, TimeWindow, Visit};
use domain::{CaseId, CaseStatus, GeoPoint};
use std::collections::HashMap;
use store::Store;

/// The most candidates a day is planned from (appointments of the day
/// always included); a day holds a dozen visits at most.
pub const DAY_CANDIDATES: usize = 40;

/// A case that can be visited: open, with a located visit address.
#[derive(Debug, Clone)]
pub(super) struct Candidate {
    pub id: CaseId,
    pub number: String,
    pub name: String,
    pub street: String,
    pub city: String,
    pub at: GeoPoint,
    pub points: u32,
    pub reasons: Vec<ScoreReasonView>,
    /// The agreed visit, any day.
    pub appointment: Option<NaiveDateTime>,
    /// Why the case may not be visited on the day planned
    /// (`domain::guard`: a breathing space, an objection, the visit limits).
    pub blocked: Option<Blocked>,
}

impl Candidate {
    pub fn appointment_on(&self, day: NaiveDate) -> Option<NaiveTime> {
        self.appointment
            .filter(|a| a.date() == day)
            .map(|a| a.time())
    }

    pub fn flags(&self) -> Vec<Flag> {
        self.reasons.iter().map(|r| r.flag).collect()
    }
}

/// The candidates as the replica has them now, and where the day starts.
pub(super) struct Pool {
    pub all: Vec<Candidate>,
    /// Open cases without coordinates: they cannot be planned.
    pub unlocated: usize,
    pub start: PlanPoint,
    /// The policy's contact hours.
    pub contact: ContactHours,
}

impl Pool {
    pub fn load(store: &Store, params: &PlanParams) -> Result<Pool, CommandError> {
        let contact = crate::offers::policy_in_force(store)?.0.contact_hours;
        let (all, unlocated) = all_candidates(store, params.date)?;
        let start = start_point(store, params, &all)?;
        Ok(Pool {
            all,
            unlocated,
            start,
            contact,
        })
    }

    pub fn by_id(&self) -> HashMap<CaseId, &Candidate> {
        self.all.iter().map(|c| (c.id, c)).collect()
    }
}

pub(super) fn secs(t: NaiveTime) -> Seconds {
    i64::from(t.num_seconds_from_midnight())
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
    let promises = crate::promise_rules(store)?;
    // The visits of the day's week and month count against the limits.
    let week_start = day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()));
    let visits = store
        .visit_days(week_start.min(day.with_day(1).unwrap_or(day)))
        .map_err(storage_error)?;
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
        let score = key_case_score(&facts_of_summary(&s, day, &promises), day, &rules);
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
            blocked: domain::guard::may_visit(
                &VisitFacts {
                    vulnerable_since: s.vulnerable_since,
                    objects_to_visits: s.objects_to_visits,
                    visit_days: visits.get(&s.id).cloned().unwrap_or_default(),
                },
                day,
                &BreathingRules::default(),
                &VisitLimits::default(),
            )
            .err(),
        });
    }
    Ok((out, unlocated))
}

/// The candidates for the days `days`: their appointments first, then the
/// highest scores (cases without points are not worth a trip), at most
/// `cap`. A case agreed for another day is left for that day.
pub(super) fn select(all: &[Candidate], days: &[NaiveDate], cap: usize) -> Vec<Candidate> {
    choose(all.iter().filter(|c| c.blocked.is_none()), days, cap)
}

/// The candidates [`select`] leaves out for a guardrail only (a breathing
/// space, an objection, the visit limits): those it would choose
/// otherwise, shown with that reason.
pub(super) fn resting(all: &[Candidate], days: &[NaiveDate], cap: usize) -> Vec<Candidate> {
    choose(all.iter(), days, cap)
        .into_iter()
        .filter(|c| c.blocked.is_some())
        .collect()
}

fn choose<'c>(
    all: impl Iterator<Item = &'c Candidate>,
    days: &[NaiveDate],
    cap: usize,
) -> Vec<Candidate> {
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

/// Where the day starts: as asked, else the advisor's base, else the
/// first candidate's town.
fn start_point(
    store: &Store,
    params: &PlanParams,
    all: &[Candidate],
) -> Result<PlanPoint, CommandError> {
    if let Some(p) = &params.start {
        if !(-90.0..=90.0).contains(&p.lat) || !(-180.0..=180.0).contains(&p.lon) {
            return Err(invalid(api::Field::Start, api::Reason::OutOfRange));
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
        .ok_or_else(|| invalid(api::Field::Start, api::Reason::NoCases))
}

/// The working hours asked for, checked (not yet held to a day's contact
/// window).
pub(super) fn work_hours(params: &PlanParams) -> Result<TimeWindow, CommandError> {
    if params.from >= params.until {
        return Err(invalid(api::Field::Hours, api::Reason::EndsBeforeStart));
    }
    if !(5..=240).contains(&params.visit_minutes) {
        return Err(invalid(api::Field::VisitMinutes, api::Reason::OutOfRange));
    }
    Ok(TimeWindow::new(secs(params.from), secs(params.until)))
}

/// The working hours of the day asked for within the policy's contact
/// window of that day (`domain::hours`): a Sunday, a public holiday or a
/// day the policy leaves out cannot be planned, and hours outside the
/// window are cut to it, so the planner never places a visit outside.
pub(super) fn hours(
    params: &PlanParams,
    contact: &ContactHours,
) -> Result<TimeWindow, CommandError> {
    work_hours(params)?;
    let rule = contact.on(params.date);
    let window = match rule {
        DayRule::Closed(c) => {
            return Err(invalid(
                api::Field::Date,
                api::Reason::ContactDayClosed(c.into()),
            ))
        }
        DayRule::Open(w) | DayRule::WithReason(w) => w,
    };
    let asked = DayHours {
        from: params.from,
        until: params.until,
    };
    let Some(within) = asked.intersect(&window) else {
        return Err(invalid(
            api::Field::Hours,
            api::Reason::OutsideContactHours {
                from: window.from,
                until: window.until,
            },
        ));
    };
    Ok(TimeWindow::new(secs(within.from), secs(within.until)))
}

/// The planner's visit to a candidate on `day`, at `location` of the
/// travel matrix.
pub(super) fn visit_of(
    c: &Candidate,
    location: usize,
    day: NaiveDate,
    params: &PlanParams,
) -> Visit {
    let v = Visit::new(location, i64::from(params.visit_minutes) * 60)
        // Classes of ten points: among close scores, the planner keeps more
        // visits rather than one more point.
        .with_priority(c.points / 10);
    // The agreed time is when the visit starts (`Visit::at`).
    match c.appointment_on(day) {
        Some(t) => v.at(secs(t)),
        None => v,
    }
}

/// The travel points of a route from `start` through `stops`, the start
/// first.
pub(super) fn points<'c>(
    start: &PlanPoint,
    stops: impl IntoIterator<Item = &'c Candidate>,
) -> Vec<GeoPoint> {
    let mut points = vec![GeoPoint {
        lat: start.lat,
        lon: start.lon,
    }];
    points.extend(stops.into_iter().map(|c| c.at));
    points
}

/// The candidates of a day, appointments first, then by score.
pub fn candidates(store: &Store, params: &PlanParams) -> Result<CandidatesView, CommandError> {
    let pool = Pool::load(store, params)?;
    let chosen = select(&pool.all, &[params.date], DAY_CANDIDATES);
    Ok(CandidatesView {
        date: params.date,
        candidates: chosen
            .iter()
            .map(|c| candidate_view(c, params.date))
            .collect(),
        start: pool.start,
        without_location: pool.unlocated,
    })
}
