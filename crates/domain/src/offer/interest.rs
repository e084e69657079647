//! Interest in an offer and the statutory caps on it (odsetki maksymalne,
//! art. 359 § 2¹ and art. 481 § 2¹ of the Civil Code).
//!
//! Rates are yearly and written as fractions: `0.185` is 18,5 % a year.

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
    /// The interest the plan adds, in złoty.
    pub amount: Money,
}

impl PlanInterest {
    /// The rate actually charged: zero when frozen.
    pub fn effective_rate(&self) -> Decimal {
        if self.frozen {
            Decimal::ZERO
        } else {
            self.rate.applied
        }
    }
}

/// The plan interest on `financed` at the yearly `rate`, for installments on
/// `due_dates`, counted from `start`.
///
/// The convention: the financed amount is repaid in equal parts on the due
/// dates, and interest runs on what is still outstanding, day by day, over a
/// 365-day year (as Polish statutory interest is counted). So a pause before
/// the first installment costs interest on the whole amount, and a late part
/// of the plan costs little. The result is rounded down to the grosz, so that
/// rounding never takes the interest above the rate, and hence never above
/// the statutory maximum.
pub fn plan_interest_amount(
    financed: Money,
    rate: Decimal,
    start: NaiveDate,
    due_dates: &[NaiveDate],
) -> Money {
    let n = due_dates.len() as i64;
    if n == 0 || rate <= Decimal::ZERO || financed <= Money::ZERO {
        return Money::ZERO;
    }
    // Before installment k (1-based) the outstanding share is (n - k + 1)/n
    // of the financed amount, for the days since the previous date.
    let mut weighted_days: i64 = 0;
    let mut previous = start;
    for (k, due) in due_dates.iter().enumerate() {
        let days = (*due - previous).num_days().max(0);
        weighted_days += (n - k as i64) * days;
        previous = *due;
    }
    let interest = financed.amount() * rate * Decimal::from(weighted_days) / Decimal::from(365 * n);
    Money::new(interest.round_dp_with_strategy(2, RoundingStrategy::ToZero))
}
