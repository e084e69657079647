//! Interest in an offer and the statutory caps on it (odsetki maksymalne,
//! art. 359 § 2¹ and art. 481 § 2¹ of the Civil Code).
//!
//! Rates are yearly and written as fractions: `0.185` is 18,5 % a year.

use super::schedule::Installment;
use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::{Decimal, RoundingStrategy};

/// What the statute adds to the NBP reference rate for the maximum
/// (remuneratory) interest: 3.5 percentage points, the sum then doubled.
const MAX_INTEREST_MARGIN: Decimal = Decimal::from_parts(35, 0, 0, false, 3);

/// What the statute adds to the NBP reference rate for the maximum interest
/// for late payment: 5.5 percentage points, the sum then doubled.
const MAX_LATE_MARGIN: Decimal = Decimal::from_parts(55, 0, 0, false, 3);

/// The statutory maximum interest a year (odsetki maksymalne):
/// 2 × (NBP reference rate + 3.5 pp). With the reference rate at 5.75 % it
/// is 18.5 %.
pub fn max_interest_rate(reference_rate: Decimal) -> Decimal {
    Decimal::TWO * (reference_rate + MAX_INTEREST_MARGIN)
}

/// The statutory maximum interest for late payment a year (maksymalne
/// odsetki za opóźnienie): 2 × (NBP reference rate + 5.5 pp). With the
/// reference rate at 5.75 % it is 22.5 %.
pub fn max_late_interest_rate(reference_rate: Decimal) -> Decimal {
    Decimal::TWO * (reference_rate + MAX_LATE_MARGIN)
}

/// A rate the policy asks for, the statutory maximum it is held to, and the
/// rate that applies. Both are kept so that the offer can show the advisor
/// (and the settlement can state) that the cap was applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CappedRate {
    /// What the policy asks for.
    pub requested: Decimal,
    /// The statutory maximum on the day of the offer.
    pub maximum: Decimal,
    /// The lower of the two: what the offer uses.
    pub applied: Decimal,
}

impl CappedRate {
    /// Holds `requested` to `maximum`.
    pub fn new(requested: Decimal, maximum: Decimal) -> CappedRate {
        CappedRate {
            requested,
            maximum,
            applied: requested.min(maximum),
        }
    }

    /// True when the statutory maximum lowered the requested rate.
    pub fn was_capped(&self) -> bool {
        self.applied < self.requested
    }
}

/// The interest an installment plan adds to the settled amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanInterest {
    /// The policy's plan rate held to the statutory maximum.
    pub rate: CappedRate,
    /// True when the interest is frozen (a forbearance option): no plan
    /// interest is charged whatever the rate.
    pub frozen: bool,
    /// The share of the outstanding balance the rate runs on: 1, less the
    /// share of the debt owed on time-barred claims, which a voluntary
    /// settlement does not charge interest on.
    pub charged_share: Decimal,
    /// The interest the plan adds, in złoty.
    pub amount: Money,
}

impl PlanInterest {
    /// The rate actually charged on the whole balance: zero when frozen,
    /// the applied rate scaled down by the time-barred share otherwise.
    pub fn effective_rate(&self) -> Decimal {
        if self.frozen {
            Decimal::ZERO
        } else {
            self.rate.applied * self.charged_share
        }
    }
}

/// The balance of a plan in grosz-days: for each payment, the part of
/// `financed` still unpaid before it, times the days since the previous
/// payment (from `start` for the first).
///
/// Every payment is counted against the financed amount first and against
/// the plan interest last. That is the allocation least favourable to the
/// creditor, so a rate measured on this balance is the highest any reading
/// gives: the plan interest itself never bears interest (art. 482 KC), and a
/// cap kept on this balance is kept on any other. Payments must be in date
/// order; a payment before the previous one counts no days.
pub fn balance_grosz_days(
    financed: Money,
    start: NaiveDate,
    payments: impl IntoIterator<Item = (NaiveDate, Money)>,
) -> i128 {
    let mut outstanding = i128::from(financed.grosze().max(0));
    let mut previous = start;
    let mut total: i128 = 0;
    for (due, amount) in payments {
        if outstanding <= 0 {
            break;
        }
        let days = i128::from((due - previous).num_days().max(0));
        total = total.saturating_add(outstanding.saturating_mul(days));
        outstanding -= i128::from(amount.grosze().max(0));
        previous = previous.max(due);
    }
    total
}

/// Simple interest at the yearly `rate` on `grosz_days` of balance, over a
/// 365-day year (as Polish statutory interest is counted), rounded down to
/// the grosz so that rounding never takes it above the rate. `None` when it
/// does not fit in an amount.
pub fn interest_on_grosz_days(grosz_days: i128, rate: Decimal) -> Option<Money> {
    if rate <= Decimal::ZERO || grosz_days <= 0 {
        return Some(Money::ZERO);
    }
    let balance = Decimal::try_from_i128_with_scale(grosz_days, 0).ok()?;
    let grosze = balance
        .checked_mul(rate)?
        .checked_div(Decimal::from(365))?
        .round_dp_with_strategy(0, RoundingStrategy::ToZero);
    Some(Money::new(grosze.checked_div(Decimal::ONE_HUNDRED)?))
}

/// The most plan interest a schedule may carry at the yearly `rate`: the
/// simple interest on the financed amount actually outstanding between the
/// payments (see [`balance_grosz_days`]), counted from `start`, rounded
/// down to the grosz. So a pause before the first installment costs
/// interest on the whole amount, and a small last installment costs little.
pub fn plan_interest_amount(
    financed: Money,
    rate: Decimal,
    start: NaiveDate,
    installments: &[Installment],
) -> Money {
    let days = balance_grosz_days(
        financed,
        start,
        installments.iter().map(|i| (i.due_on, i.amount)),
    );
    interest_on_grosz_days(days, rate).unwrap_or(Money::ZERO)
}

/// The simple yearly rate a schedule's plan interest is on its actual
/// outstanding balance: `interest` × 365 over the balance in grosz-days,
/// where the balance is the settled amount (the total less the interest)
/// still unpaid, counted from `start`, every payment against the settled
/// amount first (see [`balance_grosz_days`]). This is the rate the
/// statutory maximum is checked against. `None` when the schedule has no
/// outstanding balance to divide by (nothing is financed for a day).
pub fn effective_annual_rate(
    total: Money,
    interest: Money,
    start: NaiveDate,
    schedule: &[Installment],
) -> Option<Decimal> {
    let settled = total - interest;
    let days = balance_grosz_days(
        settled,
        start,
        schedule.iter().map(|i| (i.due_on, i.amount)),
    );
    if days <= 0 {
        return None;
    }
    let days = Decimal::try_from_i128_with_scale(days, 0).ok()?;
    Decimal::from(interest.grosze())
        .checked_mul(Decimal::from(365))?
        .checked_div(days)
}
