//! Worked dates and properties of the promise ledger (issue 11).

use super::*;
use crate::ids::{AdvisorId, CaseId, DebtorId};
use crate::model::{Case, Debtor, PaymentChannel};
use crate::priority::{key_flags, CaseFacts, KeyFlag, PriorityRules};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn zl(grosze: i64) -> Money {
    Money::from_grosze(grosze)
}

fn promise(n: u128, made_on: NaiveDate, due_on: NaiveDate, amount: i64) -> Promise {
    Promise {
        id: PromiseId(uuid::Uuid::from_u128(n)),
        case_id: CaseId(uuid::Uuid::from_u128(1)),
        made_on,
        due_on,
        amount: zl(amount),
        status: PromiseStatus::Pending,
    }
}

fn payment(n: u128, paid_on: NaiveDate, amount: i64) -> Payment {
    Payment {
        id: PaymentId(uuid::Uuid::from_u128(1000 + n)),
        case_id: CaseId(uuid::Uuid::from_u128(1)),
        paid_on,
        amount: zl(amount),
        channel: PaymentChannel::BankTransfer,
    }
}

fn file(status: CaseStatus, promises: Vec<Promise>, payments: Vec<Payment>) -> CaseFile {
    CaseFile {
        case: Case {
            id: CaseId(uuid::Uuid::from_u128(1)),
            number: "PT/2026/000001".into(),
            debtor_id: DebtorId(uuid::Uuid::from_u128(2)),
            advisor_id: AdvisorId(uuid::Uuid::from_u128(3)),
            status,
            opened_on: d(2026, 1, 5),
            appointment: None,
        },
        debtor: Debtor {
            id: DebtorId(uuid::Uuid::from_u128(2)),
            first_name: "Jan".into(),
            last_name: "Kowalski".into(),
            pesel: "44051401359".into(),
            phones: vec![],
            emails: vec![],
            addresses: vec![],
            consents: vec![],
            vulnerability: None,
            vulnerability_since: None,
        },
        debts: vec![],
        payments,
        promises,
        activities: vec![],
        agreements: vec![],
        contacts: vec![],
        thread: Default::default(),
    }
}

fn states(l: &PromiseLedger) -> Vec<PromiseStatus> {
    l.promises.iter().map(|p| p.state).collect()
}

const RULES: PromiseRules = PromiseRules { grace_days: 3 };

/// A promise of 500,00 zł made on 20.12.2026, due Saturday 2.01.2027, with 3
/// grace days.
///
/// 2.01.2027 is a Saturday. It is neither a Sunday nor a public holiday, but
/// art. 115 KC (since 1.01.2017) also moves a deadline that ends on a
/// Saturday: "termin upływa następnego dnia, który nie jest dniem wolnym od
/// pracy ani sobotą". Sunday 3.01 is a day off too, so the deadline is
/// Monday 4.01.2027. The grace days are calendar days after it: 5.01, 6.01
/// (Epiphany, a holiday, but a grace day is not a deadline and does not
/// move) and 7.01. The last day in time is Thursday 7.01.2027; unpaid, the
/// promise is broken from Friday 8.01.2027. (Had the Saturday not moved,
/// as before 2017, it would be broken from 6.01.)
#[test]
fn a_promise_due_saturday_2_january_2027_with_3_grace_days() {
    let p = promise(1, d(2026, 12, 20), d(2027, 1, 2), 500_00);
    let l = ledger(std::slice::from_ref(&p), &[], d(2027, 1, 7), &RULES);
    let line = &l.promises[0];
    assert_eq!(line.deadline, d(2027, 1, 4));
    assert_eq!(line.last_day, d(2027, 1, 7));
    assert_eq!(line.broken_from(), Some(d(2027, 1, 8)));
    assert_eq!(
        crate::status::promise_broken_from(&p, &RULES),
        Some(d(2027, 1, 8))
    );
    assert_eq!(states(&l), [PromiseStatus::Pending]);
    let l = ledger(std::slice::from_ref(&p), &[], d(2027, 1, 8), &RULES);
    assert_eq!(states(&l), [PromiseStatus::Broken]);

    // Paid 200,00 zł on the Saturday itself and 300,00 zł on the last day
    // of grace: kept.
    let paid = [
        payment(1, d(2027, 1, 2), 200_00),
        payment(2, d(2027, 1, 7), 300_00),
    ];
    let l = ledger(std::slice::from_ref(&p), &paid, d(2027, 1, 20), &RULES);
    assert_eq!(states(&l), [PromiseStatus::Kept]);
    let left: Vec<Money> = l.matches.iter().map(|m| m.left).collect();
    assert_eq!(left, [zl(300_00), zl(0)]);

    // The second payment a day late, on 8.01: it does not count towards the
    // promise, which is broken with 300,00 zł unpaid.
    let late = [
        payment(1, d(2027, 1, 2), 200_00),
        payment(2, d(2027, 1, 8), 300_00),
    ];
    let l = ledger(std::slice::from_ref(&p), &late, d(2027, 1, 20), &RULES);
    assert_eq!(states(&l), [PromiseStatus::Broken]);
    assert_eq!(l.promises[0].paid, zl(200_00));
    assert_eq!(l.promises[0].remaining(), zl(300_00));
    assert_eq!(l.matches.len(), 1);
}

#[test]
fn partial_payments_reduce_a_promise_until_it_is_paid() {
    // 600,00 zł due Friday 15.01.2027 (a working day: no shift), last day
    // in time Monday 18.01, broken from 19.01.
    let p = promise(1, d(2027, 1, 4), d(2027, 1, 15), 600_00);
    let paid = [
        payment(1, d(2027, 1, 5), 100_00),
        payment(2, d(2027, 1, 10), 150_00),
        payment(3, d(2027, 1, 18), 350_00),
    ];
    let on = |day, n: usize| ledger(std::slice::from_ref(&p), &paid[..n], day, &RULES);
    // After 100,00 and 150,00 zł: 350,00 zł left, pending on 18.01.
    let l = on(d(2027, 1, 18), 2);
    assert_eq!(l.promises[0].remaining(), zl(350_00));
    assert_eq!(states(&l), [PromiseStatus::Pending]);
    // Not paid in full on 19.01: broken.
    assert_eq!(states(&on(d(2027, 1, 19), 2)), [PromiseStatus::Broken]);
    // The last 350,00 zł on 18.01: kept, whenever asked.
    let l = on(d(2027, 2, 1), 3);
    assert_eq!(states(&l), [PromiseStatus::Kept]);
    let left: Vec<Money> = l.matches.iter().map(|m| m.left).collect();
    assert_eq!(left, [zl(500_00), zl(350_00), zl(0)]);
}

#[test]
fn two_promises_are_paid_oldest_first() {
    // A: 300,00 zł due Friday 15.01.2027 (last day Monday 18.01).
    // B: 400,00 zł due Friday 29.01.2027 (last day Monday 1.02, broken from
    // Tuesday 2.02). Both made on 4.01; B is listed first.
    let a = promise(1, d(2027, 1, 4), d(2027, 1, 15), 300_00);
    let b = promise(2, d(2027, 1, 4), d(2027, 1, 29), 400_00);
    // 500,00 zł on 14.01: 300,00 to A (kept), 200,00 to B (200,00 left).
    let paid = [payment(1, d(2027, 1, 14), 500_00)];
    let l = ledger(&[b.clone(), a.clone()], &paid, d(2027, 2, 1), &RULES);
    assert_eq!(l.promises[0].id, a.id);
    assert_eq!(states(&l), [PromiseStatus::Kept, PromiseStatus::Pending]);
    let got: Vec<(PromiseId, Money, Money)> = l
        .matches
        .iter()
        .map(|m| (m.promise, m.amount, m.left))
        .collect();
    assert_eq!(
        got,
        [(a.id, zl(300_00), zl(0)), (b.id, zl(200_00), zl(200_00))]
    );
    assert_eq!(l.next_open().map(|p| p.id), Some(b.id));
    // On 2.02 B is broken with 200,00 zł unpaid.
    let l = ledger(&[a.clone(), b.clone()], &paid, d(2027, 2, 2), &RULES);
    assert_eq!(states(&l), [PromiseStatus::Kept, PromiseStatus::Broken]);
    assert_eq!(l.next_open(), None);

    // An old broken promise does not hide the next open one (issue 11: the
    // case list showed the earliest promise ever).
    let old = promise(3, d(2026, 11, 2), d(2026, 11, 19), 250_00);
    let l = ledger(&[old.clone(), b.clone()], &[], d(2027, 1, 27), &RULES);
    assert_eq!(states(&l), [PromiseStatus::Broken, PromiseStatus::Pending]);
    assert_eq!(l.next_open().map(|p| p.due_on), Some(d(2027, 1, 29)));
    // A payment after the old promise broke goes to the open one.
    let paid = [payment(2, d(2027, 1, 20), 400_00)];
    let l = ledger(&[old, b], &paid, d(2027, 1, 27), &RULES);
    assert_eq!(states(&l), [PromiseStatus::Broken, PromiseStatus::Kept]);
}

#[test]
fn a_promise_six_days_overdue_breaks_the_case_and_gets_the_flag() {
    // Due Thursday 19.11.2026, grace 20, 21, 22.11: broken from Monday
    // 23.11. On 25.11.2026 it is 6 days overdue (issue 11: no flag at all).
    let today = d(2026, 11, 25);
    let f = file(
        CaseStatus::PromiseToPay,
        vec![promise(1, d(2026, 11, 10), d(2026, 11, 19), 400_00)],
        vec![payment(1, d(2026, 11, 18), 100_00)],
    );
    let v = judge(&f, today, &RULES);
    assert_eq!(v.moves_to, Some(CaseStatus::BrokenPromise));
    let facts = CaseFacts {
        status: v.status(f.case.status),
        outstanding: zl(100_000),
        next_promise_due: v.ledger.next_open().map(|p| p.due_on),
        limitation_date: None,
        last_activity: Some(d(2026, 11, 18)),
        vulnerable: false,
        appointment: None,
    };
    assert!(key_flags(&facts, today, &PriorityRules::default()).contains(&KeyFlag::BrokenPromise));

    // Applied (as the server stores it): the status moves once and the
    // promise is recorded broken; judged again, nothing moves.
    let mut stored = f.clone();
    assert!(apply(&mut stored, today, &RULES));
    assert_eq!(stored.case.status, CaseStatus::BrokenPromise);
    assert_eq!(stored.promises[0].status, PromiseStatus::Broken);
    assert!(!apply(&mut stored, today, &RULES));
    // A settlement signed after it is not undone by the old promise.
    stored.case.status = CaseStatus::SettlementSigned;
    assert_eq!(judge(&stored, d(2026, 12, 20), &RULES).moves_to, None);
    // Nor is a new promise taken after it broke.
    let mut again = f.clone();
    again.case.status = CaseStatus::PromiseToPay;
    again
        .promises
        .push(promise(2, d(2026, 11, 24), d(2026, 12, 4), 400_00));
    assert_eq!(judge(&again, today, &RULES).moves_to, None);
}

#[test]
fn a_case_that_never_had_a_promise_never_becomes_broken() {
    let paid = vec![payment(1, d(2026, 3, 1), 50_00)];
    for status in CaseStatus::ALL {
        for today in [d(2026, 1, 1), d(2027, 6, 1), d(2099, 12, 31)] {
            let f = file(status, vec![], paid.clone());
            assert_eq!(
                judge(&f, today, &RULES).moves_to,
                None,
                "{status:?} {today}"
            );
        }
    }
}

fn day(offset: i64) -> NaiveDate {
    d(2026, 12, 1) + chrono::Duration::days(offset)
}

fn promises() -> impl Strategy<Value = Vec<Promise>> {
    prop::collection::vec((0i64..60, 0i64..30, 1i64..100_000), 0..5).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(n, (made, wait, amount))| {
                promise(n as u128 + 1, day(made), day(made + wait), amount)
            })
            .collect()
    })
}

fn payments() -> impl Strategy<Value = Vec<Payment>> {
    prop::collection::vec((0i64..100, 1i64..100_000), 0..8).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(n, (on, amount))| payment(n as u128, day(on), amount))
            .collect()
    })
}

proptest! {
    #[test]
    fn matching_never_assigns_more_than_was_paid(
        ps in promises(), pays in payments(), today in 0i64..120,
    ) {
        let l = ledger(&ps, &pays, day(today), &RULES);
        for pay in &pays {
            let taken: Money = l.matches.iter().filter(|m| m.payment == pay.id).map(|m| m.amount).sum();
            prop_assert!(taken <= pay.amount);
        }
        for line in &l.promises {
            let taken: Money = l.matches.iter().filter(|m| m.promise == line.id).map(|m| m.amount).sum();
            prop_assert_eq!(taken, line.paid);
            prop_assert!(line.paid <= line.amount);
            prop_assert!(l.matches.iter().filter(|m| m.promise == line.id).all(|m| m.paid_on <= line.last_day && m.paid_on >= line.made_on));
        }
        let paid: Money = pays.iter().map(|p| p.amount).sum();
        prop_assert!(l.matched_total() <= paid);
    }

    #[test]
    fn a_promise_is_never_both_kept_and_broken(
        ps in promises(), pays in payments(), today in 0i64..120,
    ) {
        let l = ledger(&ps, &pays, day(today), &RULES);
        let later = ledger(&ps, &pays, day(today + 30), &RULES);
        for (now, then) in l.promises.iter().zip(&later.promises) {
            match now.state {
                PromiseStatus::Kept => {
                    prop_assert!(now.remaining() <= Money::ZERO);
                    prop_assert_eq!(then.state, PromiseStatus::Kept);
                }
                PromiseStatus::Broken => {
                    prop_assert!(now.remaining() > Money::ZERO);
                    prop_assert!(day(today) > now.last_day);
                    // Broken stays broken: a later day never keeps it.
                    prop_assert_eq!(then.state, PromiseStatus::Broken);
                }
                PromiseStatus::Pending => {
                    prop_assert!(now.remaining() > Money::ZERO);
                    prop_assert!(day(today) <= now.last_day);
                }
            }
        }
    }

    #[test]
    fn the_result_does_not_depend_on_the_order_payments_are_listed(
        ps in promises(), pays in payments(), today in 0i64..120, turn in 0usize..8,
    ) {
        let l = ledger(&ps, &pays, day(today), &RULES);
        let mut shuffled = pays.clone();
        shuffled.reverse();
        if !shuffled.is_empty() {
            let k = turn % shuffled.len();
            shuffled.rotate_left(k);
        }
        let mut listed = ps.clone();
        listed.reverse();
        prop_assert_eq!(&ledger(&listed, &shuffled, day(today), &RULES), &l);
    }
}
