//! The case workflow (PRODUCT.md capability 9) as a state machine. Every status
//! change, on the device and on the server, goes through [`transition`].

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
        // Automatic rules only record payments and broken promises.
        (Actor::System, _, Paying | BrokenPromise) => true,
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

/// The statuses `actor` may move a case to from `from`.
pub fn next_statuses(from: CaseStatus, actor: Actor) -> Vec<CaseStatus> {
    CaseStatus::ALL
        .into_iter()
        .filter(|&to| transition(from, to, actor).is_ok())
        .collect()
}
