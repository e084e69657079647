//! The client's monthly budget and whether an installment fits it.
//!
//! The expense categories follow the UK Standard Financial Statement, which
//! debt advisers use to agree what a person must spend before paying any
//! creditor: an installment is judged against what is left, never against
//! income alone.

use super::schedule::Installment;
use crate::money::Money;
use chrono::Datelike;
use rust_decimal::{Decimal, RoundingStrategy};

/// The client's essential monthly expenses, by category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Expenses {
    /// Rent or mortgage, and what comes with the home (czynsz).
    pub housing: Money,
    /// Electricity, gas, water, heating, phone and internet.
    pub utilities: Money,
    /// Food and housekeeping.
    pub food: Money,
    /// Getting to work and to the doctor.
    pub transport: Money,
    /// Children and other dependants: childcare, school, maintenance paid.
    pub dependants: Money,
    /// Payments on other debts that come first (priority debts: alimony,
    /// rent and utility arrears, fines, other agreed installment plans).
    pub other_debts: Money,
}

impl Expenses {
    /// All essential expenses together.
    pub fn total(&self) -> Money {
        self.housing
            + self.utilities
            + self.food
            + self.transport
            + self.dependants
            + self.other_debts
    }

    /// The categories with their names, in the order of the statement, for
    /// validation messages and the budget form.
    pub fn by_category(&self) -> [(&'static str, Money); 6] {
        [
            ("housing", self.housing),
            ("utilities", self.utilities),
            ("food", self.food),
            ("transport", self.transport),
            ("dependants", self.dependants),
            ("other debts", self.other_debts),
        ]
    }
}

/// The client's monthly budget as the advisor takes it down at the visit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Budget {
    /// Net monthly income of the household (wages, pension, benefits).
    pub income: Money,
    /// Essential monthly expenses.
    pub expenses: Expenses,
}

impl Budget {
    /// Disposable income: income less essential expenses. Negative when the
    /// client cannot cover the essentials; that is a fact to show, not an
    /// error.
    pub fn disposable(&self) -> Money {
        self.income - self.expenses.total()
    }
}

/// Whether a payment fits the client's budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// Within the policy's share of disposable income.
    Affordable,
    /// Above the policy's share but within disposable income: possible, but
    /// the advisor must write down why the client can carry it.
    NeedsReason,
    /// Above disposable income (or there is none): the client cannot pay it
    /// from income; an offer like this needs a written reason too (savings,
    /// family help).
    Unaffordable,
}

/// The affordability of a variant: the payment judged and the numbers the
/// verdict comes from, so the advisor can explain it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Affordability {
    /// Income less essential expenses, a month.
    pub disposable: Money,
    /// The policy's share of disposable income, rounded down to the grosz:
    /// the most an affordable installment may be (zero when there is no
    /// disposable income).
    pub limit: Money,
    /// The payment judged: the most the schedule asks in one calendar
    /// month, a down payment and an installment in the same month together
    /// (see [`heaviest_month`]).
    pub payment: Money,
    /// The payment as a share of disposable income (four decimal places);
    /// `None` when there is no disposable income to divide by.
    pub share: Option<Decimal>,
    /// The verdict.
    pub verdict: Verdict,
}

impl Affordability {
    /// Judges `payment` against `disposable` income, of which the policy
    /// allows `policy_share` (e.g. 0.5) to go to this creditor.
    pub fn assess(payment: Money, disposable: Money, policy_share: Decimal) -> Affordability {
        let limit = affordable_limit(disposable, policy_share);
        let positive = disposable > Money::ZERO;
        let share = positive.then(|| {
            (payment.amount() / disposable.amount())
                .round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
        });
        let verdict = if !positive || payment > disposable {
            Verdict::Unaffordable
        } else if payment <= limit {
            Verdict::Affordable
        } else {
            Verdict::NeedsReason
        };
        Affordability {
            disposable,
            limit,
            payment,
            share,
            verdict,
        }
    }
}

/// The policy's share of disposable income, rounded down to the grosz so
/// that an installment at the limit is never above the share; zero when
/// there is no disposable income.
pub fn affordable_limit(disposable: Money, policy_share: Decimal) -> Money {
    if disposable <= Money::ZERO {
        return Money::ZERO;
    }
    Money::new(
        (disposable.amount() * policy_share).round_dp_with_strategy(2, RoundingStrategy::ToZero),
    )
}

/// The most `schedule` asks in any one calendar month: the payments due in
/// the same month added up (a down payment within a week and the first
/// installment in the same month are one burden on a monthly budget).
/// Zero for an empty schedule. The schedule must be in date order.
pub fn heaviest_month(schedule: &[Installment]) -> Money {
    let mut heaviest = Money::ZERO;
    let mut month = None;
    let mut sum = Money::ZERO;
    for i in schedule {
        let m = (i.due_on.year(), i.due_on.month());
        if month != Some(m) {
            month = Some(m);
            sum = Money::ZERO;
        }
        sum += i.amount;
        heaviest = heaviest.max(sum);
    }
    heaviest
}
