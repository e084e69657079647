//! Payment schedules (harmonogramy spłat): exact amounts on real dates.
//!
//! A schedule is what the client signs, so it is exact to the grosz: the
//! payments always add up to the agreed total, and the rounding remainder of
//! an even split goes to the last installment. Amounts are handled in whole
//! grosze here so that no rounding can creep in between the steps.

use crate::money::Money;
use chrono::{Datelike, Days, NaiveDate};

/// The longest schedule [`build_schedule`] builds. No policy comes near it;
/// it exists so that a mistyped installment of one grosz cannot make the
/// device build millions of rows.
pub const MAX_INSTALLMENTS: u32 = 600;

/// One payment of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Installment {
    /// 0 for the down payment (wpłata początkowa), then 1, 2, … for the
    /// monthly installments, as the settlement numbers them.
    pub number: u32,
    /// The day the payment is due.
    pub due_on: NaiveDate,
    /// The amount due that day.
    pub amount: Money,
}

impl Installment {
    /// True for the down payment, which is not one of the monthly
    /// installments (it is a one-off, due soon after signing).
    pub fn is_down_payment(&self) -> bool {
        self.number == 0
    }
}

/// How the amount left after the down payment is spread over the months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// `term_months` installments of the amount divided evenly and rounded
    /// down to the grosz; the rounding remainder goes to the last one, which
    /// is therefore never smaller than the others (5 500,00 over 12 months is
    /// 11 × 458,33 and 458,37).
    Equal {
        /// How many monthly installments.
        term_months: u32,
    },
    /// Installments of `installment` each until the amount is paid; the last
    /// one is what remains, never more than `installment`. This is the shape
    /// of "what the client can pay each month".
    Fixed {
        /// The amount of every installment but the last.
        installment: Money,
    },
}

/// Everything a schedule is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScheduleSpec {
    /// The agreed total, the down payment included.
    pub total: Money,
    /// Paid first, on `down_payment_due`; zero for none.
    pub down_payment: Money,
    /// When the down payment is due; ignored when there is none.
    pub down_payment_due: NaiveDate,
    /// How the rest is spread over the months.
    pub split: Split,
    /// The first installment's date.
    pub first_due: NaiveDate,
    /// The day of the month the later installments fall on; a day past the
    /// end of a month falls on the month's last day (31 → 28.02.2027).
    pub due_day: u8,
}

/// Why a schedule cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    /// There is nothing to schedule.
    #[error("the total to schedule must be positive")]
    TotalNotPositive,
    /// A negative down payment would be a refund.
    #[error("the down payment must not be negative")]
    NegativeDownPayment,
    /// The installments would have nothing left to pay.
    #[error("the down payment must be smaller than the total")]
    DownPaymentNotBelowTotal,
    /// An installment plan has at least one installment.
    #[error("the term must be at least one month")]
    TermZero,
    /// A fixed installment of zero would never pay the debt off.
    #[error("the installment must be positive")]
    InstallmentNotPositive,
    /// An even split into more installments than the amount has grosze
    /// would have installments of 0,00 zł.
    #[error("{0} installments would be less than a grosz each")]
    TermTooLongForAmount(u32),
    /// The schedule would exceed [`MAX_INSTALLMENTS`].
    #[error("the schedule would need {0} installments, more than {MAX_INSTALLMENTS}")]
    TooManyInstallments(u64),
    /// Days of the month run from 1 to 31.
    #[error("due day {0} is not a day of the month (1 to 31)")]
    InvalidDueDay(u8),
    /// The payments must fall in order, the down payment first.
    #[error("the down payment must be due before the first installment")]
    DownPaymentNotFirst,
    /// The dates ran past what the calendar can represent.
    #[error("the schedule runs past the last representable date")]
    DateOutOfRange,
}

/// The installment date in the month `months` after `first`'s month: the
/// `due_day`, or the month's last day when the month is shorter.
pub fn due_date_in_month(first: NaiveDate, months: u32, due_day: u8) -> Option<NaiveDate> {
    let index = i64::from(first.year()) * 12 + i64::from(first.month0()) + i64::from(months);
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    let first_of_month = NaiveDate::from_ymd_opt(year, month, 1)?;
    let day = u32::from(due_day).min(u32::from(first_of_month.num_days_in_month()));
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The first day on or after `earliest` that is the `due_day` of its month
/// (or the month's last day, for a short month).
pub fn next_due_date(earliest: NaiveDate, due_day: u8) -> Option<NaiveDate> {
    let this_month = due_date_in_month(earliest, 0, due_day)?;
    if this_month >= earliest {
        Some(this_month)
    } else {
        due_date_in_month(earliest, 1, due_day)
    }
}

/// The due dates of `count` monthly installments starting on `first_due`.
pub fn installment_dates(
    first_due: NaiveDate,
    due_day: u8,
    count: u32,
) -> Result<Vec<NaiveDate>, ScheduleError> {
    if !(1..=31).contains(&due_day) {
        return Err(ScheduleError::InvalidDueDay(due_day));
    }
    (0..count)
        .map(|k| {
            if k == 0 {
                Ok(first_due)
            } else {
                due_date_in_month(first_due, k, due_day).ok_or(ScheduleError::DateOutOfRange)
            }
        })
        .collect()
}

/// Builds the exact schedule `spec` describes: the down payment (if any) as
/// number 0, then the monthly installments. The amounts add up to
/// `spec.total` to the grosz.
pub fn build_schedule(spec: &ScheduleSpec) -> Result<Vec<Installment>, ScheduleError> {
    let total = spec.total.grosze();
    let down = spec.down_payment.grosze();
    if total <= 0 {
        return Err(ScheduleError::TotalNotPositive);
    }
    if down < 0 {
        return Err(ScheduleError::NegativeDownPayment);
    }
    if down >= total {
        return Err(ScheduleError::DownPaymentNotBelowTotal);
    }
    let rest = total - down;
    let amounts = split_amounts(rest, spec.split)?;
    let count = u32::try_from(amounts.len()).map_err(|_| ScheduleError::DateOutOfRange)?;
    let dates = installment_dates(spec.first_due, spec.due_day, count)?;
    let mut schedule = Vec::with_capacity(amounts.len() + 1);
    if down > 0 {
        if spec.down_payment_due >= spec.first_due {
            return Err(ScheduleError::DownPaymentNotFirst);
        }
        schedule.push(Installment {
            number: 0,
            due_on: spec.down_payment_due,
            amount: spec.down_payment,
        });
    }
    schedule.extend(
        amounts
            .into_iter()
            .zip(dates)
            .zip(1..)
            .map(|((amount, due_on), number)| Installment {
                number,
                due_on,
                amount: Money::from_grosze(amount),
            }),
    );
    Ok(schedule)
}

/// Splits `rest` grosze into the installment amounts, in grosze.
fn split_amounts(rest: i64, split: Split) -> Result<Vec<i64>, ScheduleError> {
    match split {
        Split::Equal { term_months } => {
            if term_months == 0 {
                return Err(ScheduleError::TermZero);
            }
            if term_months > MAX_INSTALLMENTS {
                return Err(ScheduleError::TooManyInstallments(u64::from(term_months)));
            }
            let n = i64::from(term_months);
            if rest < n {
                return Err(ScheduleError::TermTooLongForAmount(term_months));
            }
            // Rounded down, so that the remainder is never negative and the
            // last installment carries it (PRODUCT.md: "the rounding
            // remainder goes to the last installment").
            let each = rest / n;
            let mut v = vec![each; term_months as usize];
            if let Some(last) = v.last_mut() {
                *last = rest - each * (n - 1);
            }
            Ok(v)
        }
        Split::Fixed { installment } => {
            let each = installment.grosze();
            if each <= 0 {
                return Err(ScheduleError::InstallmentNotPositive);
            }
            let count = ceil_div(rest, each);
            if count > i64::from(MAX_INSTALLMENTS) {
                return Err(ScheduleError::TooManyInstallments(count.unsigned_abs()));
            }
            let mut v = vec![each; count as usize];
            if let Some(last) = v.last_mut() {
                *last = rest - each * (count - 1);
            }
            Ok(v)
        }
    }
}

/// `date` plus `days` days, or `None` past the end of the calendar.
pub(crate) fn add_days(date: NaiveDate, days: u32) -> Option<NaiveDate> {
    date.checked_add_days(Days::new(u64::from(days)))
}

/// `a / b` rounded up, for a positive `b` and a non-negative `a` (signed
/// `div_ceil` is not stable yet).
pub(crate) fn ceil_div(a: i64, b: i64) -> i64 {
    debug_assert!(a >= 0 && b > 0);
    a / b + i64::from(a % b != 0)
}
