//! Checking a policy: one rule for the admin endpoint, for the device when a
//! policy arrives, and for the engine.
//!
//! A policy the engine cannot apply must be refused where it is entered,
//! not discovered by every offer failing offline afterwards. The error names
//! the field as an enum, so that the admin form can mark it and the device
//! can say which value it kept the previous policy over.

use super::{Policy, RatesError, MAX_AMOUNT_GROSZE, MAX_PAUSE_MONTHS, MAX_WINDOW_DAYS};
use crate::format::format_pln;
use crate::money::Money;
use rust_decimal::Decimal;

/// The longest plan a policy may allow: ten years of monthly installments.
pub const MAX_TERM_MONTHS: u32 = 120;

/// A field of [`Policy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PolicyField {
    /// [`Policy::min_installment`].
    MinInstallment,
    /// [`Policy::max_term_months`].
    MaxTermMonths,
    /// [`Policy::max_discount`].
    MaxDiscount,
    /// [`Policy::lump_sum_discount`].
    LumpSumDiscount,
    /// [`Policy::lump_sum_days`].
    LumpSumDays,
    /// The down payment's [`super::DownPaymentRule::min_share`].
    DownPaymentMinShare,
    /// The down payment's [`super::DownPaymentRule::due_within_days`].
    DownPaymentDueWithinDays,
    /// [`Policy::first_installment_min_days`].
    FirstInstallmentMinDays,
    /// [`Policy::affordable_share`].
    AffordableShare,
    /// [`Policy::reference_rates`].
    ReferenceRate,
    /// [`Policy::plan_interest_rate`].
    PlanInterestRate,
    /// [`Policy::late_interest_rate`].
    LateInterestRate,
    /// [`Policy::max_pause_months`].
    MaxPauseMonths,
    /// The grace days of [`Policy::promises`].
    PromiseGraceDays,
    /// [`Policy::contact_hours`].
    ContactHours,
}

impl PolicyField {
    /// The field's name as the wire and the admin form spell it.
    pub fn code(self) -> &'static str {
        match self {
            Self::MinInstallment => "min_installment",
            Self::MaxTermMonths => "max_term_months",
            Self::MaxDiscount => "max_discount",
            Self::LumpSumDiscount => "lump_sum_discount",
            Self::LumpSumDays => "lump_sum_days",
            Self::DownPaymentMinShare => "down_payment_min_share",
            Self::DownPaymentDueWithinDays => "down_payment_due_within_days",
            Self::FirstInstallmentMinDays => "first_installment_min_days",
            Self::AffordableShare => "affordable_share",
            Self::ReferenceRate => "reference_rate",
            Self::PlanInterestRate => "plan_interest_rate",
            Self::LateInterestRate => "late_interest_rate",
            Self::MaxPauseMonths => "max_pause_months",
            Self::PromiseGraceDays => "promise_grace_days",
            Self::ContactHours => "contact_hours",
        }
    }

    /// The field in words, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::MinInstallment => "minimum installment",
            Self::MaxTermMonths => "maximum term",
            Self::MaxDiscount => "maximum discount",
            Self::LumpSumDiscount => "lump-sum discount",
            Self::LumpSumDays => "lump-sum window",
            Self::DownPaymentMinShare => "down payment share",
            Self::DownPaymentDueWithinDays => "down payment window",
            Self::FirstInstallmentMinDays => "first installment window",
            Self::AffordableShare => "affordable share",
            Self::ReferenceRate => "reference rate",
            Self::PlanInterestRate => "plan interest rate",
            Self::LateInterestRate => "late interest rate",
            Self::MaxPauseMonths => "maximum pause",
            Self::PromiseGraceDays => "grace days of a promise",
            Self::ContactHours => "contact hours",
        }
    }
}

impl std::fmt::Display for PolicyField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Why a policy cannot be applied. Every variant names its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The minimum installment is zero or negative (a plan of 0,00 zł
    /// installments never ends), or absurdly large.
    #[error(
        "the policy's minimum installment must be above 0,00 zł and at most {}, not {}",
        format_pln(Money::from_grosze(MAX_AMOUNT_GROSZE)),
        format_pln(Money::new(*value))
    )]
    MinInstallmentOutOfRange {
        /// The value given.
        value: Decimal,
    },
    /// A number of months is outside its range.
    #[error("the policy's {field} must be between {min} and {max} months, not {value}")]
    MonthsOutOfRange {
        /// Which field.
        field: PolicyField,
        /// The value given.
        value: u32,
        /// The smallest allowed.
        min: u32,
        /// The largest allowed.
        max: u32,
    },
    /// A window in days is longer than a year.
    #[error("the policy's {field} must be at most {MAX_WINDOW_DAYS} days, not {value}")]
    DaysOutOfRange {
        /// Which field.
        field: PolicyField,
        /// The value given.
        value: u32,
    },
    /// A share is outside its range: 0 to 1 for discounts, above 0 for the
    /// affordable share (none of the budget is no plan at all), below 1 for
    /// the down payment (all of it is a lump sum).
    #[error("the policy's {field} must be {}, not {value}", share_range(*field))]
    ShareOutOfRange {
        /// Which field.
        field: PolicyField,
        /// The value given.
        value: Decimal,
    },
    /// A yearly rate is negative or above 100 % (a percentage sent where a
    /// fraction belongs: 8 for 8 %).
    #[error("the policy's {field} must be between 0 and 1 a year, not {value}")]
    RateOutOfRange {
        /// Which field.
        field: PolicyField,
        /// The value given.
        value: Decimal,
    },
    /// The contact hours are outside the ZDP limits or empty.
    #[error("the policy's contact hours: {0}")]
    ContactHours(crate::hours::HoursError),
    /// The table of NBP reference rates cannot be used.
    #[error("the policy's reference rates: {0}")]
    ReferenceRates(RatesError),
    /// The lump-sum discount is above the policy's own maximum discount.
    #[error("the policy's lump-sum discount {lump_sum} is above its maximum discount {maximum}")]
    LumpSumDiscountAboveMaximum {
        /// The lump-sum discount.
        lump_sum: Decimal,
        /// The maximum discount.
        maximum: Decimal,
    },
}

fn share_range(field: PolicyField) -> &'static str {
    match field {
        PolicyField::AffordableShare => "above 0 and at most 1",
        PolicyField::DownPaymentMinShare => "at least 0 and below 1",
        _ => "between 0 and 1",
    }
}

impl PolicyError {
    /// The field the error is about.
    pub fn field(&self) -> PolicyField {
        match self {
            Self::MinInstallmentOutOfRange { .. } => PolicyField::MinInstallment,
            Self::MonthsOutOfRange { field, .. }
            | Self::DaysOutOfRange { field, .. }
            | Self::ShareOutOfRange { field, .. }
            | Self::RateOutOfRange { field, .. } => *field,
            Self::LumpSumDiscountAboveMaximum { .. } => PolicyField::LumpSumDiscount,
            Self::ReferenceRates(_) => PolicyField::ReferenceRate,
            Self::ContactHours(_) => PolicyField::ContactHours,
        }
    }
}

impl Policy {
    /// Checks that the engine can apply this policy: the first field found
    /// wrong, in the order of the struct.
    pub fn validate(&self) -> Result<(), PolicyError> {
        use PolicyField as F;
        let max_amount = Money::from_grosze(MAX_AMOUNT_GROSZE);
        if self.min_installment <= Money::ZERO || self.min_installment > max_amount {
            return Err(PolicyError::MinInstallmentOutOfRange {
                value: self.min_installment.amount(),
            });
        }
        months(F::MaxTermMonths, self.max_term_months, 1, MAX_TERM_MONTHS)?;
        let zero = Decimal::ZERO;
        let one = Decimal::ONE;
        let share = |field, value: Decimal, ok: bool| {
            if ok {
                Ok(())
            } else {
                Err(PolicyError::ShareOutOfRange { field, value })
            }
        };
        share(
            F::MaxDiscount,
            self.max_discount,
            (zero..=one).contains(&self.max_discount),
        )?;
        share(
            F::LumpSumDiscount,
            self.lump_sum_discount,
            (zero..=one).contains(&self.lump_sum_discount),
        )?;
        if self.lump_sum_discount > self.max_discount {
            return Err(PolicyError::LumpSumDiscountAboveMaximum {
                lump_sum: self.lump_sum_discount,
                maximum: self.max_discount,
            });
        }
        days(F::LumpSumDays, self.lump_sum_days)?;
        share(
            F::DownPaymentMinShare,
            self.down_payment.min_share,
            (zero..one).contains(&self.down_payment.min_share),
        )?;
        days(
            F::DownPaymentDueWithinDays,
            self.down_payment.due_within_days,
        )?;
        days(F::FirstInstallmentMinDays, self.first_installment_min_days)?;
        days(F::PromiseGraceDays, self.promises.grace_days)?;
        share(
            F::AffordableShare,
            self.affordable_share,
            self.affordable_share > zero && self.affordable_share <= one,
        )?;
        self.reference_rates
            .check()
            .map_err(PolicyError::ReferenceRates)?;
        for (field, value) in [
            (F::PlanInterestRate, self.plan_interest_rate),
            (F::LateInterestRate, self.late_interest_rate),
        ] {
            if let Some(value) = value {
                if !(zero..=one).contains(&value) {
                    return Err(PolicyError::RateOutOfRange { field, value });
                }
            }
        }
        months(
            F::MaxPauseMonths,
            self.max_pause_months,
            0,
            MAX_PAUSE_MONTHS,
        )?;
        self.contact_hours
            .validate()
            .map_err(PolicyError::ContactHours)
    }
}

fn months(field: PolicyField, value: u32, min: u32, max: u32) -> Result<(), PolicyError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(PolicyError::MonthsOutOfRange {
            field,
            value,
            min,
            max,
        })
    }
}

fn days(field: PolicyField, value: u32) -> Result<(), PolicyError> {
    if value <= MAX_WINDOW_DAYS {
        Ok(())
    } else {
        Err(PolicyError::DaysOutOfRange { field, value })
    }
}
