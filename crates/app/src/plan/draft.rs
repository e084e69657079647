//! The advisor's plan of a day as it is edited: the stops in order, which
//! of them are pinned, and the candidates left out with why. The replica
//! keeps a draft in its own form ([`Stored`]): times are recomputed on
//! every load, so they are not kept. Only a submitted plan is stored as
//! the wire `sync_proto::PlanBody` it was sent as; its stops and drops read
//! back as a draft, since the stored form is a part of the wire form.

use crate::{json_error, storage_error, IdSource};
use api::{CommandError, DropCode};
use chrono::{NaiveDate, NaiveDateTime};
use domain::route::DropReason;
use domain::CaseId;
use serde::{Deserialize, Serialize};
use store::{PlanStatus, Store};
use uuid::Uuid;

/// Why a candidate is out of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(super) enum LeftReason {
    /// Its appointment cannot be met.
    WindowMissed,
    /// Its appointment is after the end of work, or the visit would end
    /// after it.
    AfterWorkingHours,
    /// More important visits fill the day.
    LowerPriority,
    /// The advisor took it out: planning again leaves it out.
    RemovedByAdvisor,
    /// Its appointment lies outside the contact hours of the policy.
    OutsideContactHours,
    /// The client's breathing space: no visits while it lasts.
    BreathingSpace,
    /// The client objected to home visits.
    Objection,
    /// The case was visited as often as the limits allow this week or month.
    VisitLimit,
    /// The working day is too short for it. Also what a reason this app
    /// does not know reads as (serde's `other` must be the last variant).
    #[serde(other)]
    NoTime,
}

impl From<domain::guard::Blocked> for LeftReason {
    fn from(b: domain::guard::Blocked) -> LeftReason {
        use domain::guard::Blocked as B;
        match b {
            B::BreathingSpace(_) => LeftReason::BreathingSpace,
            B::Objection => LeftReason::Objection,
            B::WeekLimit(_) | B::MonthLimit(_) => LeftReason::VisitLimit,
        }
    }
}

impl From<DropReason> for LeftReason {
    fn from(r: DropReason) -> LeftReason {
        match r {
            DropReason::DoesNotFitDay => LeftReason::NoTime,
            DropReason::WindowUnreachable => LeftReason::WindowMissed,
            DropReason::AfterWorkingHours => LeftReason::AfterWorkingHours,
            DropReason::LowerPriorityThanKept => LeftReason::LowerPriority,
        }
    }
}

impl From<LeftReason> for DropCode {
    fn from(r: LeftReason) -> DropCode {
        match r {
            LeftReason::NoTime => DropCode::NoTime,
            LeftReason::WindowMissed => DropCode::WindowMissed,
            LeftReason::AfterWorkingHours => DropCode::AfterWorkingHours,
            LeftReason::LowerPriority => DropCode::LowerPriority,
            LeftReason::RemovedByAdvisor => DropCode::RemovedByAdvisor,
            LeftReason::OutsideContactHours => DropCode::OutsideContactHours,
            LeftReason::BreathingSpace => DropCode::BreathingSpace,
            LeftReason::Objection => DropCode::Objection,
            LeftReason::VisitLimit => DropCode::VisitLimit,
        }
    }
}

/// One stop of a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct DraftStop {
    #[serde(rename = "case_id", with = "case_uuid")]
    pub case: CaseId,
    /// Fixed by the advisor: planning again keeps it at its place.
    pub pinned: bool,
}

/// A candidate left out of a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct LeftOut {
    #[serde(rename = "case_id", with = "case_uuid")]
    pub case: CaseId,
    pub reason: LeftReason,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct Draft {
    pub id: Uuid,
    pub date: NaiveDate,
    pub status: PlanStatus,
    pub stops: Vec<DraftStop>,
    pub dropped: Vec<LeftOut>,
    pub comment: Option<String>,
    pub review_comment: Option<String>,
    pub reviewed_by: Option<String>,
}

impl Draft {
    /// The position of the stop of `case`.
    pub fn stop_of(&self, case: CaseId) -> Option<usize> {
        self.stops.iter().position(|s| s.case == case)
    }

    /// Leaves out the cases `known` does not offer any more (closed,
    /// reassigned).
    pub fn retain(&mut self, known: impl Fn(CaseId) -> bool) {
        self.stops.retain(|s| known(s.case));
        self.dropped.retain(|d| known(d.case));
    }
}

/// A draft as the replica keeps it (`day_plan.body`). Its field names are
/// those of `sync_proto::PlanBody`, so a submitted plan reads back too.
#[derive(Debug, Serialize, Deserialize)]
struct Stored {
    plan_id: Uuid,
    date: NaiveDate,
    stops: Vec<DraftStop>,
    dropped: Vec<LeftOut>,
    comment: Option<String>,
}

/// A case id as the plain UUID the wire has (domain ids are not serde).
mod case_uuid {
    use domain::CaseId;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use uuid::Uuid;

    pub fn serialize<S: Serializer>(c: &CaseId, s: S) -> Result<S::Ok, S::Error> {
        c.0.serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<CaseId, D::Error> {
        Uuid::deserialize(d).map(CaseId)
    }
}

/// The newest plan of the day, if any.
pub(super) fn load(store: &Store, day: NaiveDate) -> Result<Option<Draft>, CommandError> {
    store
        .day_plans_on(day)
        .map_err(storage_error)?
        .into_iter()
        .next()
        .map(of_row)
        .transpose()
}

/// The newest plan of `day` and of each later day that has one, by date.
pub(super) fn load_from(store: &Store, day: NaiveDate) -> Result<Vec<Draft>, CommandError> {
    let mut out: Vec<Draft> = Vec::new();
    for row in store.day_plans_from(day).map_err(storage_error)? {
        if out.last().is_some_and(|d| d.date == row.date) {
            continue;
        }
        out.push(of_row(row)?);
    }
    Ok(out)
}

fn of_row(row: store::DayPlanRow) -> Result<Draft, CommandError> {
    let body: Stored = serde_json::from_str(&row.body).map_err(json_error)?;
    Ok(Draft {
        id: row.id,
        date: row.date,
        status: row.status,
        stops: body.stops,
        dropped: body.dropped,
        comment: body.comment,
        review_comment: row.review_comment,
        reviewed_by: row.reviewed_by,
    })
}

/// An empty draft of `day`, not saved: a day planned for the week preview.
/// It gets an id when it is saved.
pub(super) fn blank(day: NaiveDate) -> Draft {
    Draft {
        id: Uuid::nil(),
        date: day,
        status: PlanStatus::Draft,
        stops: Vec::new(),
        dropped: Vec::new(),
        comment: None,
        review_comment: None,
        reviewed_by: None,
    }
}

/// The newest plan of the day, which must exist.
pub(super) fn existing(store: &Store, day: NaiveDate) -> Result<Draft, CommandError> {
    load(store, day)?.ok_or_else(|| CommandError::NotFound {
        what: api::Missing::Plan,
        key: Some(day.to_string()),
    })
}

/// The draft of the day, by `id`.
pub(super) fn save(
    store: &mut Store,
    now: NaiveDateTime,
    draft: &Draft,
) -> Result<(), CommandError> {
    let body = Stored {
        plan_id: draft.id,
        date: draft.date,
        stops: draft.stops.clone(),
        dropped: draft.dropped.clone(),
        comment: draft.comment.clone(),
    };
    let body = serde_json::to_string(&body).map_err(json_error)?;
    store
        .save_plan_draft(draft.id, draft.date, &body, now)
        .map_err(storage_error)
}

/// The draft to change: the day's draft, or a new draft (new id) when the
/// newest plan of the day was already submitted.
pub(super) fn editable(draft: Option<Draft>, day: NaiveDate, ids: &mut dyn IdSource) -> Draft {
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
            date: day,
            status: PlanStatus::Draft,
            stops: Vec::new(),
            dropped: Vec::new(),
            comment: None,
            review_comment: None,
            reviewed_by: None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A submitted plan is stored as the wire body it was sent as; its
    /// stops, pins, drops and comment read back as the draft's.
    #[test]
    fn a_submitted_wire_body_reads_back_as_a_draft() {
        let case = Uuid::from_u64_pair(1, 2);
        let other = Uuid::from_u64_pair(1, 3);
        let wire = sync_proto::PlanBody {
            plan_id: Uuid::from_u64_pair(9, 9),
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap(),
            stops: vec![sync_proto::PlanStopDto {
                case_id: case,
                arrival: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
                departure: chrono::NaiveTime::from_hms_opt(9, 30, 0).unwrap(),
                pinned: true,
                reasons: vec!["promise_due".into()],
            }],
            dropped: vec![sync_proto::PlanDroppedDto {
                case_id: other,
                reason: "removed_by_advisor".into(),
            }],
            drive_minutes: 12,
            comment: Some("ok".into()),
        };
        let stored: Stored = serde_json::from_str(&serde_json::to_string(&wire).unwrap()).unwrap();
        assert_eq!(stored.plan_id, wire.plan_id);
        assert_eq!(
            stored.stops,
            vec![DraftStop {
                case: CaseId(case),
                pinned: true
            }]
        );
        assert_eq!(
            stored.dropped,
            vec![LeftOut {
                case: CaseId(other),
                reason: LeftReason::RemovedByAdvisor
            }]
        );
        assert_eq!(stored.comment.as_deref(), Some("ok"));
    }

    /// The stored codes are the wire's, and a code this app does not know
    /// reads as "no time", as it did before the draft had its own form.
    #[test]
    fn reasons_keep_the_wire_codes() {
        for code in DropCode::ALL {
            let text = format!("\"{}\"", code.code());
            let r: LeftReason = serde_json::from_str(&text).unwrap();
            assert_eq!(DropCode::from(r), code);
            assert_eq!(serde_json::to_string(&r).unwrap(), text);
        }
        let r: LeftReason = serde_json::from_str("\"gone_fishing\"").unwrap();
        assert_eq!(r, LeftReason::NoTime);
    }
}
