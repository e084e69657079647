//! The promise ledger (deklaracje wpłaty): the case's payments matched to
//! its promises, and which promise is kept, pending or broken on a day.
//!
//! [`ledger`] is the one rule: the device calls it offline, the server when
//! the back office stores a case, and both get the same answer from the same
//! promises, payments, day and [`PromiseRules`].
//!
//! How it counts:
//! - Promises are served oldest first (by due date, then the day made, then
//!   id); payments in the order they were paid (by day, then id), so the
//!   order in which either is listed never matters.
//! - A payment counts towards a promise made on or before the day it was
//!   paid and still in time on that day (up to its last day of grace); a
//!   partial payment reduces it, what is left over goes to the next one, and
//!   what no promise takes is not matched (it still reduces the debt).
//! - A promise's date is first moved as art. 115 KC moves the end of a
//!   deadline: a date on a Saturday, a Sunday or a public holiday moves to
//!   the next day that is none of them (`calendar::deadline_day`); then come
//!   the policy's grace days, calendar days; the last of them is still in
//!   time.
//! - Kept: paid in full by payments in time. Broken: not paid in full and
//!   the last day of grace is over. Pending: neither yet.

use crate::ids::{PaymentId, PromiseId};
use crate::model::{CaseFile, Payment, Promise, PromiseStatus};
use crate::money::Money;
use crate::status::{CaseStatus, PromiseRules};
use chrono::{Days, NaiveDate};

/// One promise as the ledger sees it on a day.
#[derive(Debug, Clone, PartialEq)]
pub struct PromiseLine {
    pub id: PromiseId,
    pub made_on: NaiveDate,
    /// The date the client gave.
    pub due_on: NaiveDate,
    /// `due_on` moved past Saturdays, Sundays and public holidays (art. 115
    /// KC).
    pub deadline: NaiveDate,
    /// The last day a payment is still in time: the deadline plus the grace
    /// days.
    pub last_day: NaiveDate,
    pub amount: Money,
    /// What the payments in time paid towards it (never more than `amount`).
    pub paid: Money,
    /// Computed on the day asked, never taken from the stored status.
    pub state: PromiseStatus,
    /// The status recorded with the promise (the server's last verdict).
    pub recorded: PromiseStatus,
}

impl PromiseLine {
    pub fn remaining(&self) -> Money {
        self.amount - self.paid
    }

    /// The first day it counts as broken if still unpaid.
    pub fn broken_from(&self) -> Option<NaiveDate> {
        self.last_day.succ_opt()
    }
}

/// One payment (or part of it) counted towards one promise.
#[derive(Debug, Clone, PartialEq)]
pub struct PaymentMatch {
    pub payment: PaymentId,
    pub paid_on: NaiveDate,
    pub promise: PromiseId,
    /// The date of the promise it was counted towards.
    pub promise_due_on: NaiveDate,
    pub amount: Money,
    /// What is left to pay on that promise after this payment.
    pub left: Money,
}

/// The promises of a case (oldest first) and the payment matches (in the
/// order paid) on one day.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PromiseLedger {
    pub promises: Vec<PromiseLine>,
    pub matches: Vec<PaymentMatch>,
}

impl PromiseLedger {
    pub fn line(&self, id: PromiseId) -> Option<&PromiseLine> {
        self.promises.iter().find(|p| p.id == id)
    }

    /// The next promise still open: the earliest one pending (neither kept
    /// nor broken). An old broken promise never hides it.
    pub fn next_open(&self) -> Option<&PromiseLine> {
        self.promises
            .iter()
            .filter(|p| p.state == PromiseStatus::Pending)
            .min_by_key(|p| (p.due_on, p.made_on, p.id))
    }

    pub fn broken(&self) -> impl Iterator<Item = &PromiseLine> {
        self.promises
            .iter()
            .filter(|p| p.state == PromiseStatus::Broken)
    }

    /// The promises whose breaking the case has not answered yet: broken
    /// today, not yet recorded as broken, and with no promise made since it
    /// broke (a new promise taken after a broken one is the answer to it).
    /// These are what move a case to "broken promise"; once the verdict is
    /// recorded the same promise never moves the case again.
    pub fn newly_broken(&self) -> impl Iterator<Item = &PromiseLine> {
        self.broken().filter(|p| {
            p.recorded != PromiseStatus::Broken
                && p.broken_from().is_some_and(|from| {
                    !self
                        .promises
                        .iter()
                        .any(|q| q.id != p.id && q.made_on >= from)
                })
        })
    }

    /// What was paid towards each promise in all.
    pub fn matched_total(&self) -> Money {
        self.matches.iter().map(|m| m.amount).sum()
    }
}

/// The last day a promise due on `due_on` is still in time: the date moved
/// past days off (art. 115 KC), plus the grace days. `NaiveDate::MAX` at the
/// end of the calendar.
pub fn last_day_in_time(due_on: NaiveDate, rules: &PromiseRules) -> NaiveDate {
    crate::calendar::deadline_day(due_on)
        .and_then(|d| d.checked_add_days(Days::new(u64::from(rules.grace_days))))
        .unwrap_or(NaiveDate::MAX)
}

/// The ledger of `promises` and `payments` on `today` under `rules`.
pub fn ledger(
    promises: &[Promise],
    payments: &[Payment],
    today: NaiveDate,
    rules: &PromiseRules,
) -> PromiseLedger {
    let mut lines: Vec<PromiseLine> = promises
        .iter()
        .map(|p| PromiseLine {
            id: p.id,
            made_on: p.made_on,
            due_on: p.due_on,
            deadline: crate::calendar::deadline_day(p.due_on).unwrap_or(NaiveDate::MAX),
            last_day: last_day_in_time(p.due_on, rules),
            amount: p.amount.max(Money::ZERO),
            paid: Money::ZERO,
            state: PromiseStatus::Pending,
            recorded: p.status,
        })
        .collect();
    lines.sort_by_key(|p| (p.due_on, p.made_on, p.id));
    let mut paid: Vec<&Payment> = payments.iter().collect();
    paid.sort_by_key(|p| (p.paid_on, p.id, p.amount));
    let mut matches = Vec::new();
    for payment in paid {
        let mut left = payment.amount;
        for line in lines.iter_mut() {
            if left <= Money::ZERO {
                break;
            }
            let in_time = line.made_on <= payment.paid_on && payment.paid_on <= line.last_day;
            let owed = line.remaining();
            if !in_time || owed <= Money::ZERO {
                continue;
            }
            let take = owed.min(left);
            line.paid += take;
            left -= take;
            matches.push(PaymentMatch {
                payment: payment.id,
                paid_on: payment.paid_on,
                promise: line.id,
                promise_due_on: line.due_on,
                amount: take,
                left: line.remaining(),
            });
        }
    }
    for line in &mut lines {
        line.state = if line.remaining() <= Money::ZERO {
            PromiseStatus::Kept
        } else if today > line.last_day {
            PromiseStatus::Broken
        } else {
            PromiseStatus::Pending
        };
    }
    PromiseLedger {
        promises: lines,
        matches,
    }
}

/// What the automatic rules make of a case on `today`: its ledger and, when
/// a promise has newly broken, the status the case moves to
/// (`status::system_marks_broken_promise`, the only way the system sets it).
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub ledger: PromiseLedger,
    /// `Some(BrokenPromise)` when the case moves now.
    pub moves_to: Option<CaseStatus>,
}

impl Verdict {
    /// The case's status after the rules: the new one, else `from`.
    pub fn status(&self, from: CaseStatus) -> CaseStatus {
        self.moves_to.unwrap_or(from)
    }
}

/// The ledger of a case file on `today` and whether it moves the case to
/// "broken promise".
pub fn judge(file: &CaseFile, today: NaiveDate, rules: &PromiseRules) -> Verdict {
    verdict(
        file.case.status,
        &file.promises,
        &file.payments,
        today,
        rules,
    )
}

/// [`judge`] from the parts of a case: its status, promises and payments
/// (the case list holds these without the whole file).
pub fn verdict(
    status: CaseStatus,
    promises: &[Promise],
    payments: &[Payment],
    today: NaiveDate,
    rules: &PromiseRules,
) -> Verdict {
    let ledger = ledger(promises, payments, today, rules);
    let moves_to = crate::status::system_marks_broken_promise(status, &ledger).ok();
    Verdict { ledger, moves_to }
}

/// Applies the verdict to a case file: the case's status, if it moves, and
/// each promise's recorded status set to the ledger's. Answers whether
/// anything changed. The server calls this before it stores a case, so
/// what it stores and sends is the ledger's.
pub fn apply(file: &mut CaseFile, today: NaiveDate, rules: &PromiseRules) -> bool {
    let verdict = judge(file, today, rules);
    let mut changed = false;
    if let Some(to) = verdict.moves_to {
        file.case.status = to;
        changed = true;
    }
    for p in &mut file.promises {
        if let Some(line) = verdict.ledger.line(p.id) {
            if p.status != line.state {
                p.status = line.state;
                changed = true;
            }
        }
    }
    changed
}

#[cfg(test)]
#[path = "ledger_tests.rs"]
mod tests;
