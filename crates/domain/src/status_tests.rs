//! Exhaustive, data-driven tests of the case workflow in `status.rs`.
//!
//! The snapshot below spells out the outcome of every status change for every
//! actor, so that any change to the rules shows up in review as a diff of a
//! readable table rather than hiding in a match arm.

use crate::ids::{CaseId, PromiseId};
use crate::model::{Promise, PromiseStatus};
use crate::money::Money;
use crate::status::{
    next_statuses, promise_broken_from, system_marks_broken_promise, transition, Actor, CaseStatus,
    PromiseRules, TransitionError,
};
use chrono::NaiveDate;
use expect_test::expect;

const ACTORS: [Actor; 4] = [
    Actor::Advisor,
    Actor::TeamLead,
    Actor::BackOffice,
    Actor::System,
];

/// A short column label per status, so that one row of the table fits on a
/// line.
fn short(s: CaseStatus) -> &'static str {
    match s {
        CaseStatus::New => "new",
        CaseStatus::VisitPlanned => "plan",
        CaseStatus::Visited => "visit",
        CaseStatus::PromiseToPay => "prom",
        CaseStatus::SettlementSigned => "settl",
        CaseStatus::Paying => "pay",
        CaseStatus::BrokenPromise => "broke",
        CaseStatus::Closed => "closed",
    }
}

/// One cell of the table: `ok`, `-` for an edge that does not exist,
/// `FORB` for an edge this actor may not take, `=` for no change. The cell
/// also checks that an accepted transition returns the target status.
fn cell(from: CaseStatus, to: CaseStatus, actor: Actor) -> &'static str {
    match transition(from, to, actor) {
        Ok(status) => {
            assert_eq!(status, to, "{actor:?} {from:?} -> {to:?}");
            "ok"
        }
        Err(TransitionError::NotAllowed { .. }) => "-",
        Err(TransitionError::Forbidden { .. }) => "FORB",
        Err(TransitionError::Unchanged(_)) => "=",
        Err(TransitionError::NoOverduePromise) => "none",
    }
}

/// The outcome of every (from, to) pair for every actor; rows are the
/// current status, columns the requested one.
fn render_table() -> String {
    let mut out = String::from("legend: ok | - not allowed | FORB forbidden | = unchanged\n");
    for actor in ACTORS {
        out.push_str(&format!("\n{actor:?}\nfrom \\ to       "));
        for to in CaseStatus::ALL {
            out.push_str(&format!("{:>7}", short(to)));
        }
        out.push('\n');
        for from in CaseStatus::ALL {
            out.push_str(&format!("{:<17}", from.code()));
            for to in CaseStatus::ALL {
                out.push_str(&format!("{:>7}", cell(from, to, actor)));
            }
            out.push('\n');
        }
    }
    out
}

#[test]
fn transition_table() {
    expect![[r#"
        legend: ok | - not allowed | FORB forbidden | = unchanged

        Advisor
        from \ to           new   plan  visit   prom  settl    pay  broke closed
        new                    =     ok     ok     ok      -   FORB   FORB   FORB
        visit_planned         ok      =     ok     ok     ok   FORB   FORB   FORB
        visited                -     ok      =     ok     ok   FORB   FORB   FORB
        promise_to_pay         -     ok     ok      =     ok   FORB   FORB   FORB
        settlement_signed      -     ok     ok      -      =   FORB   FORB   FORB
        paying                 -     ok     ok      -     ok      =   FORB   FORB
        broken_promise         -     ok     ok     ok     ok   FORB      =   FORB
        closed              FORB      -      -      -      -      -      -      =

        TeamLead
        from \ to           new   plan  visit   prom  settl    pay  broke closed
        new                    =     ok     ok     ok      -   FORB   FORB   FORB
        visit_planned         ok      =     ok     ok     ok   FORB   FORB   FORB
        visited                -     ok      =     ok     ok   FORB   FORB   FORB
        promise_to_pay         -     ok     ok      =     ok   FORB   FORB   FORB
        settlement_signed      -     ok     ok      -      =   FORB   FORB   FORB
        paying                 -     ok     ok      -     ok      =   FORB   FORB
        broken_promise         -     ok     ok     ok     ok   FORB      =   FORB
        closed              FORB      -      -      -      -      -      -      =

        BackOffice
        from \ to           new   plan  visit   prom  settl    pay  broke closed
        new                    =     ok     ok     ok      -     ok     ok     ok
        visit_planned         ok      =     ok     ok     ok     ok     ok     ok
        visited                -     ok      =     ok     ok     ok     ok     ok
        promise_to_pay         -     ok     ok      =     ok     ok     ok     ok
        settlement_signed      -     ok     ok      -      =     ok     ok     ok
        paying                 -     ok     ok      -     ok      =     ok     ok
        broken_promise         -     ok     ok     ok     ok     ok      =     ok
        closed                ok      -      -      -      -      -      -      =

        System
        from \ to           new   plan  visit   prom  settl    pay  broke closed
        new                    =   FORB   FORB   FORB      -     ok   FORB   FORB
        visit_planned       FORB      =   FORB   FORB   FORB     ok   FORB   FORB
        visited                -   FORB      =   FORB   FORB     ok   FORB   FORB
        promise_to_pay         -   FORB   FORB      =   FORB     ok   FORB   FORB
        settlement_signed      -   FORB   FORB      -      =     ok   FORB   FORB
        paying                 -   FORB   FORB      -   FORB      =   FORB   FORB
        broken_promise         -   FORB   FORB   FORB   FORB     ok      =   FORB
        closed              FORB      -      -      -      -      -      -      =
    "#]]
    .assert_eq(&render_table());
}

#[test]
fn advisor_can_never_close_a_case() {
    for from in CaseStatus::ALL {
        let result = transition(from, CaseStatus::Closed, Actor::Advisor);
        assert!(result.is_err(), "advisor closed a case from {from:?}");
        assert!(!next_statuses(from, Actor::Advisor).contains(&CaseStatus::Closed));
    }
}

#[test]
fn only_back_office_closes_a_case() {
    for actor in ACTORS {
        for from in CaseStatus::ALL.into_iter().filter(|s| s.is_open()) {
            let closed = transition(from, CaseStatus::Closed, actor).is_ok();
            assert_eq!(
                closed,
                actor == Actor::BackOffice,
                "{actor:?} from {from:?}"
            );
        }
    }
}

#[test]
fn only_back_office_reopens() {
    for actor in ACTORS {
        let reopened = transition(CaseStatus::Closed, CaseStatus::New, actor);
        if actor == Actor::BackOffice {
            assert_eq!(reopened, Ok(CaseStatus::New));
        } else {
            assert_eq!(
                reopened,
                Err(TransitionError::Forbidden {
                    actor,
                    from: CaseStatus::Closed,
                    to: CaseStatus::New
                })
            );
        }
        // A closed case reopens into New and nowhere else, whoever asks.
        let targets = next_statuses(CaseStatus::Closed, actor);
        let expected = if actor == Actor::BackOffice {
            vec![CaseStatus::New]
        } else {
            vec![]
        };
        assert_eq!(targets, expected, "{actor:?}");
    }
}

#[test]
fn money_statuses_come_from_payments_only() {
    for from in CaseStatus::ALL {
        for to in [CaseStatus::Paying, CaseStatus::BrokenPromise] {
            for actor in [Actor::Advisor, Actor::TeamLead] {
                assert!(
                    transition(from, to, actor).is_err(),
                    "{actor:?} {from:?} -> {to:?}"
                );
            }
        }
    }
}

#[test]
fn system_only_sets_money_statuses() {
    for from in CaseStatus::ALL {
        for to in next_statuses(from, Actor::System) {
            assert!(
                matches!(to, CaseStatus::Paying | CaseStatus::BrokenPromise),
                "system moved {from:?} to {to:?}"
            );
        }
    }
}

#[test]
fn next_statuses_of_new_for_advisor() {
    assert_eq!(
        next_statuses(CaseStatus::New, Actor::Advisor),
        [
            CaseStatus::VisitPlanned,
            CaseStatus::Visited,
            CaseStatus::PromiseToPay
        ]
    );
}

#[test]
fn next_statuses_agree_with_transition() {
    for actor in ACTORS {
        for from in CaseStatus::ALL {
            let expected: Vec<CaseStatus> = CaseStatus::ALL
                .into_iter()
                .filter(|&to| cell(from, to, actor) == "ok")
                .collect();
            assert_eq!(next_statuses(from, actor), expected, "{actor:?} {from:?}");
        }
    }
}

#[test]
fn errors_carry_the_request() {
    use CaseStatus::*;
    assert_eq!(
        transition(New, SettlementSigned, Actor::BackOffice),
        Err(TransitionError::NotAllowed {
            from: New,
            to: SettlementSigned
        })
    );
    assert_eq!(
        transition(Visited, Closed, Actor::TeamLead),
        Err(TransitionError::Forbidden {
            actor: Actor::TeamLead,
            from: Visited,
            to: Closed
        })
    );
    assert_eq!(
        transition(Paying, Paying, Actor::System),
        Err(TransitionError::Unchanged(Paying))
    );
    assert_eq!(
        TransitionError::Forbidden {
            actor: Actor::Advisor,
            from: Visited,
            to: Closed
        }
        .to_string(),
        "Advisor may not change a case from Visited to Closed"
    );
}

#[test]
fn status_codes_round_trip() {
    for s in CaseStatus::ALL {
        assert_eq!(CaseStatus::from_code(s.code()), Some(s));
    }
    assert_eq!(CaseStatus::from_code("unknown"), None);
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn promise(due_on: NaiveDate, status: PromiseStatus) -> Promise {
    Promise {
        id: PromiseId(uuid::Uuid::from_u128(7)),
        case_id: CaseId(uuid::Uuid::from_u128(1)),
        made_on: d(2026, 10, 20),
        due_on,
        amount: Money::from_grosze(500_00),
        status,
    }
}

#[test]
fn a_promise_is_broken_after_its_grace_days_past_days_off() {
    let rules = PromiseRules::default();
    // Due Friday 6.11.2026: grace 7, 8 and 9.11; broken from 10.11.
    let p = promise(d(2026, 11, 6), PromiseStatus::Pending);
    assert_eq!(promise_broken_from(&p, &rules), Some(d(2026, 11, 10)));
    // Due Sunday 1.11.2026 (All Saints' too): moved to Monday 2.11, grace
    // 3, 4, 5.11; broken from 6.11.
    let p = promise(d(2026, 11, 1), PromiseStatus::Pending);
    assert_eq!(promise_broken_from(&p, &rules), Some(d(2026, 11, 6)));
    // Due Thursday 24.12.2026: 24–26.12 holidays, 27.12 Sunday → Monday
    // 28.12; grace 29, 30, 31.12; broken from 1.01.2027.
    let p = promise(d(2026, 12, 24), PromiseStatus::Pending);
    assert_eq!(promise_broken_from(&p, &rules), Some(d(2027, 1, 1)));
}

#[test]
fn the_system_breaks_a_promise_only_when_one_exists_and_is_overdue() {
    use crate::ledger::ledger;
    use CaseStatus::*;
    let rules = PromiseRules::default();
    let today = d(2026, 11, 23);
    let marks = |from, promises: &[Promise]| {
        system_marks_broken_promise(from, &ledger(promises, &[], today, &rules))
    };
    // Issue #10: a case that never had a promise.
    assert_eq!(
        marks(PromiseToPay, &[]),
        Err(TransitionError::NoOverduePromise)
    );
    // A promise not yet late: due 20.11.2026 (Friday), broken from 24.11.
    let in_grace = promise(d(2026, 11, 20), PromiseStatus::Pending);
    assert_eq!(
        marks(PromiseToPay, std::slice::from_ref(&in_grace)),
        Err(TransitionError::NoOverduePromise)
    );
    // Due 19.11.2026 (Thursday), grace 20–22.11: broken from 23.11.
    let mut late = promise(d(2026, 11, 19), PromiseStatus::Pending);
    late.id = PromiseId(uuid::Uuid::from_u128(8));
    assert_eq!(
        marks(PromiseToPay, &[in_grace, late.clone()]),
        Ok(BrokenPromise)
    );
    assert_eq!(
        marks(BrokenPromise, std::slice::from_ref(&late)),
        Err(TransitionError::Unchanged(BrokenPromise))
    );
    assert_eq!(
        marks(Closed, std::slice::from_ref(&late)),
        Err(TransitionError::NotAllowed {
            from: Closed,
            to: BrokenPromise
        })
    );
    // Once the verdict is recorded with the promise, it does not move the
    // case again (a settlement signed after it stays signed).
    late.status = PromiseStatus::Broken;
    assert_eq!(
        marks(SettlementSigned, &[late]),
        Err(TransitionError::NoOverduePromise)
    );
    // Without the ledger in hand the system may not set it at all.
    assert!(transition(PromiseToPay, BrokenPromise, Actor::System).is_err());
}

#[test]
fn a_signed_settlement_moves_the_case_to_signed_whatever_came_before() {
    use crate::status::after_signing;
    use CaseStatus::*;
    // Signed at the first visit: the new case was visited on the way.
    assert_eq!(after_signing(New), Some(SettlementSigned));
    assert_eq!(after_signing(VisitPlanned), Some(SettlementSigned));
    assert_eq!(after_signing(Visited), Some(SettlementSigned));
    assert_eq!(after_signing(PromiseToPay), Some(SettlementSigned));
    // An amendment of a paying case, or after a broken promise.
    assert_eq!(after_signing(Paying), Some(SettlementSigned));
    assert_eq!(after_signing(BrokenPromise), Some(SettlementSigned));
    // Already signed, or closed: it stays.
    assert_eq!(after_signing(SettlementSigned), None);
    assert_eq!(after_signing(Closed), None);
}
