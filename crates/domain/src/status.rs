//! The case workflow (PRODUCT.md capability 9) as a state machine. Every status
//! change, on the device and on the server, goes through [`transition`].

use crate::calendar::deadline_day;
use crate::ledger::PromiseLedger;
use crate::model::Promise;
use chrono::{Days, NaiveDate};

/// The status of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CaseStatus {
    /// Nowa: assigned, nothing done yet.
    New,
    /// Wizyta zaplanowana.
    VisitPlanned,
    /// Po wizycie.
    Visited,
    /// Deklaracja wpłaty: the client promised to pay.
    PromiseToPay,
    /// Ugoda podpisana.
    SettlementSigned,
    /// Spłaca: payments under a settlement arrive.
    Paying,
    /// Niedotrzymana deklaracja: a promised payment or installment is late.
    BrokenPromise,
    /// Zamknięta: only the back office closes a case.
    Closed,
}

/// Who asks for a status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    Advisor,
    TeamLead,
    BackOffice,
    /// Automatic rules: payment matching, broken-promise detection.
    System,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("a case cannot change from {from:?} to {to:?}")]
    NotAllowed { from: CaseStatus, to: CaseStatus },
    #[error("{actor:?} may not change a case from {from:?} to {to:?}")]
    Forbidden {
        actor: Actor,
        from: CaseStatus,
        to: CaseStatus,
    },
    #[error("the case is already {0:?}")]
    Unchanged(CaseStatus),
    /// The automatic rules found no promise that is overdue: a case that
    /// never had a promise, or whose promises are kept or not yet late,
    /// cannot have a broken one.
    #[error("no promise of the case is overdue")]
    NoOverduePromise,
}

impl CaseStatus {
    pub const ALL: [CaseStatus; 8] = [
        Self::New,
        Self::VisitPlanned,
        Self::Visited,
        Self::PromiseToPay,
        Self::SettlementSigned,
        Self::Paying,
        Self::BrokenPromise,
        Self::Closed,
    ];

    /// A stable code for storage and the wire.
    pub fn code(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::VisitPlanned => "visit_planned",
            Self::Visited => "visited",
            Self::PromiseToPay => "promise_to_pay",
            Self::SettlementSigned => "settlement_signed",
            Self::Paying => "paying",
            Self::BrokenPromise => "broken_promise",
            Self::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn is_open(self) -> bool {
        self != Self::Closed
    }
}

/// Which statuses may follow which, regardless of who asks. Closing and
/// reopening are listed here too; who may do them is decided in [`may`].
fn edge_exists(from: CaseStatus, to: CaseStatus) -> bool {
    use CaseStatus::*;
    match (from, to) {
        (Closed, New) => true,
        (Closed, _) => false,
        (_, Closed) => true,
        // Payments and late payments are facts from the bank statement: any
        // open case can start paying or break a promise, whatever the advisor
        // did last, so that no broken promise goes undetected.
        (_, Paying | BrokenPromise) => true,
        (New, VisitPlanned | Visited | PromiseToPay) => true,
        (VisitPlanned, New | Visited | PromiseToPay | SettlementSigned) => true,
        (Visited, VisitPlanned | PromiseToPay | SettlementSigned) => true,
        (PromiseToPay, VisitPlanned | Visited | SettlementSigned) => true,
        // A paying client whose situation changed gets a visit and an
        // amended settlement (aneks).
        (Paying, VisitPlanned | Visited | SettlementSigned) => true,
        (SettlementSigned, VisitPlanned | Visited) => true,
        (BrokenPromise, VisitPlanned | Visited | PromiseToPay | SettlementSigned) => true,
        _ => false,
    }
}

/// Whether `actor` may move a case along an existing edge.
fn may(actor: Actor, from: CaseStatus, to: CaseStatus) -> bool {
    use CaseStatus::*;
    match (actor, from, to) {
        // Closing and reopening belong to the back office alone.
        (Actor::BackOffice, _, _) => true,
        (_, _, Closed) | (_, Closed, _) => false,
        // Money facts come from the bank statement, not from the field.
        (Actor::Advisor | Actor::TeamLead, _, Paying | BrokenPromise) => false,
        (Actor::Advisor | Actor::TeamLead, _, _) => true,
        // Automatic rules only record payments and broken promises, and a
        // broken promise only with the overdue promise in hand: through
        // [`system_marks_broken_promise`], never through a bare transition.
        (Actor::System, _, Paying) => true,
        (Actor::System, _, _) => false,
    }
}

/// Checks a status change and returns the new status.
pub fn transition(
    from: CaseStatus,
    to: CaseStatus,
    actor: Actor,
) -> Result<CaseStatus, TransitionError> {
    if from == to {
        return Err(TransitionError::Unchanged(from));
    }
    if !edge_exists(from, to) {
        return Err(TransitionError::NotAllowed { from, to });
    }
    if !may(actor, from, to) {
        return Err(TransitionError::Forbidden { actor, from, to });
    }
    Ok(to)
}

/// The status a settlement signed on the device moves its case to, or
/// `None` when it stays (already "Ugoda podpisana", or closed). A
/// settlement is signed in person, at the door: a new case passes through
/// "Po wizycie" on the way. An amendment (aneks) of a paying case or one
/// with a broken promise makes it "Ugoda podpisana" again until the bank
/// statement shows its payments.
pub fn after_signing(from: CaseStatus) -> Option<CaseStatus> {
    use CaseStatus::*;
    match transition(from, SettlementSigned, Actor::Advisor) {
        Ok(to) => Some(to),
        Err(TransitionError::NotAllowed { .. })
            if transition(from, Visited, Actor::Advisor).is_ok()
                && transition(Visited, SettlementSigned, Actor::Advisor).is_ok() =>
        {
            Some(SettlementSigned)
        }
        Err(_) => None,
    }
}

/// The statuses `actor` may move a case to from `from`.
pub fn next_statuses(from: CaseStatus, actor: Actor) -> Vec<CaseStatus> {
    CaseStatus::ALL
        .into_iter()
        .filter(|&to| transition(from, to, actor).is_ok())
        .collect()
}

/// When a promise to pay counts as broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromiseRules {
    /// Days of grace after the promised date (moved past Sundays and public
    /// holidays) before an unpaid promise is broken.
    pub grace_days: u32,
}

impl Default for PromiseRules {
    fn default() -> Self {
        PromiseRules { grace_days: 3 }
    }
}

/// The first day `promise` counts as broken if still unpaid: its date moved
/// past Saturdays, Sundays and public holidays (art. 115 KC,
/// `calendar::deadline_day`), plus the grace days, plus one (the last day of
/// grace is still in time). `None` past the end of the calendar.
pub fn promise_broken_from(promise: &Promise, rules: &PromiseRules) -> Option<NaiveDate> {
    deadline_day(promise.due_on)?
        .checked_add_days(Days::new(u64::from(rules.grace_days)))?
        .succ_opt()
}

/// The automatic rules' broken-promise change: allowed only when the
/// case's promise ledger (`ledger::ledger`, payments matched to promises)
/// has a promise newly broken (`PromiseLedger::newly_broken`), and then
/// along the workflow like any other change. A case that never had a
/// promise, or whose promises are kept, in time or already answered,
/// cannot get it.
pub fn system_marks_broken_promise(
    from: CaseStatus,
    ledger: &PromiseLedger,
) -> Result<CaseStatus, TransitionError> {
    let to = CaseStatus::BrokenPromise;
    if from == to {
        return Err(TransitionError::Unchanged(from));
    }
    if !edge_exists(from, to) {
        return Err(TransitionError::NotAllowed { from, to });
    }
    if ledger.newly_broken().next().is_none() {
        return Err(TransitionError::NoOverduePromise);
    }
    Ok(to)
}
