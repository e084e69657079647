//! What the planning screen shows: candidates, stops, left-out cases and
//! the checker's warnings, as the UI contract (`api`) has them.

use super::candidates::Candidate;
use api::{
    CandidateView, DropCode, PlanDroppedView, PlanStatusCode, PlanStopView, PlanWarning,
    PlanWarningCode,
};
use chrono::{NaiveDate, NaiveTime};
use domain::route::{Seconds, Stop, Violation};
use store::PlanStatus;

pub(super) fn time(s: Seconds) -> NaiveTime {
    let s = s.clamp(0, 24 * 3600 - 1);
    NaiveTime::from_num_seconds_from_midnight_opt(s as u32, 0).unwrap_or_default()
}

pub(super) fn minutes(s: Seconds) -> u32 {
    u32::try_from((s + 30) / 60).unwrap_or(0)
}

pub(super) fn status_code(s: PlanStatus) -> PlanStatusCode {
    match s {
        PlanStatus::Draft => PlanStatusCode::Draft,
        PlanStatus::Submitted => PlanStatusCode::Submitted,
        PlanStatus::Approved => PlanStatusCode::Approved,
        PlanStatus::Returned => PlanStatusCode::Returned,
    }
}

pub(super) fn candidate_view(c: &Candidate, day: NaiveDate) -> CandidateView {
    CandidateView {
        case_id: c.id.to_string(),
        number: c.number.clone(),
        debtor_name: c.name.clone(),
        street: c.street.clone(),
        city: c.city.clone(),
        lat: c.at.lat,
        lon: c.at.lon,
        points: c.points,
        reasons: c.reasons.clone(),
        appointment: c.appointment_on(day),
    }
}

pub(super) fn stop_view(c: &Candidate, day: NaiveDate, s: &Stop, pinned: bool) -> PlanStopView {
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

pub(super) fn dropped_view(c: &Candidate, reason: DropCode) -> PlanDroppedView {
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

/// What the checker found, as warnings; `stops` are the planned stops by
/// visit index (the problem lists them first).
pub(super) fn warnings(violations: &[Violation], stops: &[&Candidate]) -> Vec<PlanWarning> {
    violations
        .iter()
        .map(|v| match v {
            Violation::WindowMissed { visit, start, .. } => PlanWarning {
                code: PlanWarningCode::WindowMissed,
                debtor_name: stops.get(*visit).map(|c| c.name.clone()),
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
        .collect()
}
