//! Restructuring offers (issue #4): from the debt, the client's budget, the
//! company policy and the advisor's authority, the variants an advisor can
//! put to the client at the visit, offline.
//!
//! [`propose`] builds every variant it can:
//!
//! - a lump sum with the policy's discount ([`VariantKind::LumpSum`]);
//! - installments that fit the budget, over the shortest term
//!   ([`VariantKind::FitsBudget`]);
//! - the lowest installment within the policy's maximum term
//!   ([`VariantKind::LowestInstallment`]);
//! - for a vulnerable client, the same with a payment pause and the interest
//!   frozen ([`VariantKind::Forbearance`]);
//! - the advisor's own terms ([`VariantKind::Custom`]).
//!
//! Each variant carries its exact schedule, the affordability verdict, every
//! limit of the advisor's authority it crosses (and so whether a team lead
//! must approve it), and the flags the settlement needs. A variant that
//! cannot be built is not an error: it comes back in [`Offers::unbuilt`]
//! with the reason, so the advisor can see why it is missing. Only a request
//! that makes no sense (a negative debt, a policy with no minimum
//! installment) is an [`OfferError`].
//!
//! The policy and the authority are plain data: they will come from the
//! server with the advisor's data. Nothing here reads the clock: `today` is
//! part of the request.

// The offer is what the UI, the settlement and the approval flow build on:
// every public item says what it means.
#![warn(missing_docs)]

mod accept;
mod amend;
mod approval;
mod budget;
mod discount;
mod inputs;
mod interest;
mod line;
mod policy;
mod propose;
mod rates;
mod schedule;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use accept::{accept, AcceptError, AcceptedOffer};
pub use amend::InForce;
pub use approval::ApprovalReason;
pub use budget::{affordable_limit, heaviest_month, Affordability, Budget, Expenses, Verdict};
pub use discount::{discount_for_share, Discount};
pub use inputs::{input_amount, OfferInputs};
pub use interest::{
    balance_grosz_days, effective_annual_rate, interest_on_grosz_days, max_interest_rate,
    max_late_interest_rate, plan_interest_amount, CappedRate, PlanInterest,
};
pub use line::timeline_line;
pub use policy::{PolicyError, PolicyField, MAX_TERM_MONTHS};
pub use propose::propose;
pub use rates::{
    first_rate_day, last_rate_day, RateChange, RatesError, ReferenceRates, RATE_PLACES,
};
pub use schedule::{
    build_schedule, due_date_in_month, installment_dates, next_due_date, Installment,
    ScheduleError, ScheduleSpec, Split, MAX_INSTALLMENTS,
};

use crate::format::format_pln;
use crate::model::DebtComponents;
use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::fmt;

/// The longest payment pause a policy may allow. Pauses are counted in
/// months of breathing space; a year is already far beyond the three months
/// of the standard policy, and a longer one is a mistyped number or an
/// unbounded pause in disguise.
pub const MAX_PAUSE_MONTHS: u32 = 12;

/// The largest amount, in grosze, the engine computes with (10 000 000 000
/// 000 zł): far above any real debt, and low enough that no sum of amounts
/// or interest over the longest plan can overflow. A larger amount in a
/// request is an [`OfferError::AmountTooLarge`], never a panic.
pub const MAX_AMOUNT_GROSZE: i64 = 1_000_000_000_000_000;

/// The most days a policy may allow for a payment window (lump sum, down
/// payment, the first installment).
pub const MAX_WINDOW_DAYS: u32 = 366;

/// The down payment (wpłata początkowa) the policy asks for with an
/// installment plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DownPaymentRule {
    /// The smallest down payment, as a share of the settled amount (the debt
    /// less any discount, before plan interest); 0 for none. Below 1: a down
    /// payment of everything is a lump sum. A debt no larger than the
    /// minimum installment asks for no down payment: it is paid at once.
    pub min_share: Decimal,
    /// The down payment is due this many days after the offer.
    pub due_within_days: u32,
}

/// The company's restructuring policy for the advisor's portfolio, with
/// the NBP reference rates it is applied under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// No monthly installment may be smaller, except a last one that is what
    /// remains (and a single payment of a debt smaller than this).
    pub min_installment: Money,
    /// No plan may have more monthly installments; no approval overrides it.
    pub max_term_months: u32,
    /// The largest discount on interest and costs together, as a share of
    /// them (0.5 = half); no approval overrides it.
    pub max_discount: Decimal,
    /// The discount on interest and costs for a lump sum, as a share of them.
    pub lump_sum_discount: Decimal,
    /// The lump sum is due this many days after the offer.
    pub lump_sum_days: u32,
    /// The down payment of installment plans.
    pub down_payment: DownPaymentRule,
    /// The first installment is due at least this many days after the offer
    /// (and after the down payment).
    pub first_installment_min_days: u32,
    /// The share of disposable income an installment may take and still be
    /// affordable without a written reason (0.5 = half).
    pub affordable_share: Decimal,
    /// The NBP reference rates by date (the server's table, sent with the
    /// policy); the statutory interest caps of an offer are derived from the
    /// rate in force on its day. [`ReferenceRates::nbp`] when no server
    /// ever sent one.
    pub reference_rates: ReferenceRates,
    /// The yearly interest an installment plan adds, if any; held to the
    /// statutory maximum.
    pub plan_interest_rate: Option<Decimal>,
    /// The yearly interest for late payment the settlement states, if any;
    /// held to the statutory maximum for late payment.
    pub late_interest_rate: Option<Decimal>,
    /// The longest payment pause (months by which the first installment is
    /// deferred) a vulnerable client may get.
    pub max_pause_months: u32,
    /// When a promise to pay counts as broken (its grace days): the
    /// promise ledger on the device and on the server judges by these.
    pub promises: crate::status::PromiseRules,
    /// When an advisor may contact a client (issue #14): the planner and the
    /// visit screen on the device and the server's check of a plan judge by
    /// these; within the ZDP limits (`hours::ContactHours::validate`).
    pub contact_hours: crate::hours::ContactHours,
}

/// What an advisor may agree without a team lead's approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Authority {
    /// The largest discount on interest and costs, as a share of them.
    pub max_discount_share: Decimal,
    /// The largest discount in złoty.
    pub max_discount_amount: Money,
    /// The longest plan, in monthly installments.
    pub max_term_months: u32,
}

/// The terms the advisor sets by hand for the custom variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CustomTerms {
    /// How many monthly installments.
    pub term_months: u32,
    /// The down payment; zero for none.
    pub down_payment: Money,
    /// The discount in złoty, spread costs first, then interest, then
    /// principal.
    pub discount: Money,
    /// The day of the month installments fall due (1 to 31).
    pub due_day: u8,
    /// Months by which the first installment is deferred (forbearance).
    pub pause_months: u32,
    /// No plan interest (forbearance).
    pub interest_freeze: bool,
}

/// Everything an offer is built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferRequest {
    /// The outstanding debt of the case.
    pub debt: DebtComponents,
    /// The day of the visit.
    pub today: NaiveDate,
    /// The client's budget.
    pub budget: Budget,
    /// The company's policy.
    pub policy: Policy,
    /// The advisor's authority.
    pub authority: Authority,
    /// The day of the month the client prefers to pay (usually just after
    /// payday), for the proposed plans (1 to 31).
    pub due_day: u8,
    /// A claim of the case is past its limitation date: it can only be
    /// settled voluntarily. Without [`OfferRequest::debts`] the whole debt
    /// counts as time-barred; with them, exactly the debts marked so, and
    /// this must be true exactly when one of them is.
    pub time_barred: bool,
    /// The case's debts one by one, with whether each is time-barred on
    /// `today`; they add up to `debt`. Empty when the caller only knows the
    /// case as a whole (then `time_barred` covers all of it).
    pub debts: Vec<OfferDebt>,
    /// The client is in a vulnerable situation: forbearance is offered.
    pub vulnerable: bool,
    /// The advisor's own terms, once they adjust them.
    pub custom: Option<CustomTerms>,
}

/// One debt of a case, as the offer needs it: limitation is per debt
/// (art. 118 KC), so one time-barred debt does not make a live one
/// voluntary, nor the other way round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfferDebt {
    /// What is outstanding on the debt.
    pub outstanding: DebtComponents,
    /// The debt is past its last enforceable day.
    pub time_barred: bool,
}

impl OfferRequest {
    /// The part of the debt owed on time-barred claims: the barred debts
    /// of [`OfferRequest::debts`], or the whole debt when the request has
    /// no debts one by one and is time-barred.
    pub fn time_barred_debt(&self) -> Money {
        if self.debts.is_empty() {
            return if self.time_barred {
                self.debt.total()
            } else {
                Money::ZERO
            };
        }
        self.debts
            .iter()
            .filter(|d| d.time_barred)
            .map(|d| d.outstanding.total())
            .sum()
    }
}

/// Which variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum VariantKind {
    /// One payment soon, with the policy's discount.
    LumpSum,
    /// Installments at what the budget allows, over the shortest term.
    FitsBudget,
    /// The lowest installment within the policy's maximum term.
    LowestInstallment,
    /// For a vulnerable client: the lowest installment with the longest
    /// pause the policy allows and the interest frozen. The pause defers the
    /// installments; the policy's down payment still applies (the advisor
    /// can waive it in the custom terms, with approval).
    Forbearance,
    /// The advisor's own terms.
    Custom,
}

/// One offer the advisor can put to the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    /// Which variant.
    pub kind: VariantKind,
    /// What the client agrees to pay in all: the debt less the discount,
    /// plus plan interest. The schedule adds up to it to the grosz.
    pub total: Money,
    /// What is settled of each component, after the discount.
    pub settled: DebtComponents,
    /// What is forgiven of each component.
    pub discount: Discount,
    /// The plan interest, when the policy has a plan rate; `None` for a
    /// lump sum and when every debt is time-barred.
    pub plan_interest: Option<PlanInterest>,
    /// The late-payment interest the settlement states, when the policy has
    /// one and some debt is enforceable (it runs on the enforceable debts
    /// only).
    pub late_interest: Option<CappedRate>,
    /// The down payment; zero for none.
    pub down_payment: Money,
    /// Every payment, the down payment first, in date order.
    pub schedule: Vec<Installment>,
    /// The monthly installment as the client is told it: the first one (the
    /// last may differ by what remains). For a lump sum, the lump sum.
    pub installment: Money,
    /// How many monthly installments (1 for a lump sum).
    pub term_months: u32,
    /// Months by which the first installment is deferred.
    pub pause_months: u32,
    /// The day of the month installments fall due; `None` for a lump sum.
    pub due_day: Option<u8>,
    /// Whether the installments fit the client's budget.
    pub affordability: Affordability,
    /// Every limit of the advisor's authority this variant crosses; empty
    /// when the advisor may agree it alone.
    pub approval: Vec<ApprovalReason>,
    /// A claim is time-barred: the settlement must say the client pays it
    /// voluntarily and must not threaten court action over it.
    pub voluntary_only: bool,
    /// The part of the debt (before any discount) owed on time-barred
    /// claims: the whole debt when all are barred, zero when none is. The
    /// rest is enforceable and is settled as usual.
    pub time_barred_debt: Money,
    /// The installment is above the policy's share of disposable income:
    /// the advisor must write down why (see [`accept`]).
    pub requires_reason: bool,
}

impl Variant {
    /// True when a team lead must approve the variant.
    pub fn needs_approval(&self) -> bool {
        !self.approval.is_empty()
    }

    /// The monthly installments, without the down payment.
    pub fn installments(&self) -> impl Iterator<Item = &Installment> {
        self.schedule.iter().filter(|i| !i.is_down_payment())
    }
}

/// Why a variant could not be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnbuiltReason {
    /// The affordable installment is below the policy's minimum installment
    /// (or there is no disposable income at all).
    BudgetTooSmall {
        /// The affordable installment.
        limit: Money,
        /// The policy's minimum installment.
        minimum: Money,
    },
    /// Paying what the budget allows would take longer than the policy's
    /// maximum term.
    TermTooLong {
        /// At least this many months would be needed.
        needed: u64,
        /// The policy's maximum term.
        maximum: u32,
    },
    /// The custom term is zero months.
    TermZero,
    /// The custom term is longer than the policy allows.
    TermAbovePolicy {
        /// The term asked for.
        months: u32,
        /// The policy's maximum term.
        maximum: u32,
    },
    /// The custom due day is not a day of the month.
    InvalidDueDay(u8),
    /// The custom discount is negative.
    NegativeDiscount,
    /// The custom down payment is negative.
    NegativeDownPayment,
    /// The custom discount is more than the debt.
    DiscountAboveDebt {
        /// The discount asked for.
        discount: Money,
        /// The whole debt.
        debt: Money,
    },
    /// The discount on interest and costs is above the policy's maximum.
    DiscountAbovePolicy {
        /// The share asked for.
        share: Decimal,
        /// The policy's maximum.
        maximum: Decimal,
    },
    /// The down payment would pay everything: that is a lump sum.
    DownPaymentCoversTotal {
        /// The down payment.
        down_payment: Money,
        /// The settled amount.
        total: Money,
    },
    /// The pause is longer than the policy allows.
    PauseAbovePolicy {
        /// The pause asked for.
        months: u32,
        /// The policy's maximum pause.
        maximum: u32,
    },
    /// After the discount nothing is left to pay.
    NothingLeftToPay,
    /// The schedule could not be built (dates beyond the calendar).
    Schedule(ScheduleError),
    /// An amount of the variant is beyond what the engine computes with.
    AmountTooLarge,
}

impl fmt::Display for UnbuiltReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BudgetTooSmall { limit, minimum } => write!(
                f,
                "the affordable installment of {} is below the minimum installment of {}",
                format_pln(*limit),
                format_pln(*minimum)
            ),
            Self::TermTooLong { needed, maximum } => write!(
                f,
                "the affordable installment would need at least {needed} months, more than the maximum of {maximum}"
            ),
            Self::TermZero => write!(f, "the term must be at least one month"),
            Self::TermAbovePolicy { months, maximum } => write!(
                f,
                "the term of {months} months is above the policy's maximum of {maximum}"
            ),
            Self::InvalidDueDay(day) => {
                write!(f, "due day {day} is not a day of the month (1 to 31)")
            }
            Self::NegativeDiscount => write!(f, "the discount must not be negative"),
            Self::NegativeDownPayment => write!(f, "the down payment must not be negative"),
            Self::DiscountAboveDebt { discount, debt } => write!(
                f,
                "the discount of {} is more than the debt of {}",
                format_pln(*discount),
                format_pln(*debt)
            ),
            Self::DiscountAbovePolicy { share, maximum } => write!(
                f,
                "the discount of {} of interest and costs is above the policy's maximum of {}",
                format_share(*share),
                format_share(*maximum)
            ),
            Self::DownPaymentCoversTotal {
                down_payment,
                total,
            } => write!(
                f,
                "the down payment of {} covers the whole {}: offer a lump sum instead",
                format_pln(*down_payment),
                format_pln(*total)
            ),
            Self::PauseAbovePolicy { months, maximum } => write!(
                f,
                "the pause of {months} months is above the policy's maximum of {maximum}"
            ),
            Self::NothingLeftToPay => write!(f, "nothing is left to pay after the discount"),
            Self::Schedule(e) => e.fmt(f),
            Self::AmountTooLarge => write!(f, "an amount of the offer is too large"),
        }
    }
}

/// A variant that could not be built, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unbuilt {
    /// Which variant.
    pub kind: VariantKind,
    /// Why it could not be built.
    pub reason: UnbuiltReason,
}

/// What [`propose`] found: the variants, and the ones it could not build.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Offers {
    /// The variants, in the order of [`VariantKind`].
    pub variants: Vec<Variant>,
    /// The variants that could not be built, with the reason.
    pub unbuilt: Vec<Unbuilt>,
}

impl Offers {
    /// The variant of `kind`, if it was built.
    pub fn get(&self, kind: VariantKind) -> Option<&Variant> {
        self.variants.iter().find(|v| v.kind == kind)
    }
}

/// A request that makes no sense, so no variant can be built from it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfferError {
    /// There is nothing to settle.
    #[error("the debt has nothing outstanding")]
    NothingOwed,
    /// A component of the debt is negative.
    #[error("the debt's {0} is negative")]
    NegativeDebt(&'static str),
    /// An amount of the budget is negative.
    #[error("the budget's {0} is negative")]
    NegativeBudget(&'static str),
    /// The preferred due day is not a day of the month.
    #[error("due day {0} is not a day of the month (1 to 31)")]
    InvalidDueDay(u8),
    /// The policy is not one the engine can apply.
    #[error(transparent)]
    Policy(PolicyError),
    /// An amount is beyond what the engine computes with.
    #[error("the {0} is too large")]
    AmountTooLarge(&'static str),
    /// The case's debts one by one do not add up to the debt offered on.
    #[error("the debts of the case do not add up to the debt")]
    DebtsDoNotAddUp,
    /// The request says the case is time-barred and its debts say
    /// otherwise, or the other way round.
    #[error("the case's time-barred flag disagrees with its debts")]
    TimeBarredMismatch,
    /// A limit in months is outside what makes sense.
    #[error("the {field} must be between {min} and {max} months, not {value}")]
    MonthsOutOfRange {
        /// Which limit.
        field: &'static str,
        /// Its value.
        value: u32,
        /// The smallest allowed.
        min: u32,
        /// The largest allowed.
        max: u32,
    },
    /// A share is outside its range.
    #[error("the {field} must be a share between 0 and 1, not {value}")]
    ShareOutOfRange {
        /// Which share.
        field: &'static str,
        /// Its value.
        value: Decimal,
    },
    /// A rate is negative or absurd.
    #[error("the {field} must be between 0 and 1 a year, not {value}")]
    RateOutOfRange {
        /// Which rate.
        field: &'static str,
        /// Its value.
        value: Decimal,
    },
    /// The advisor's discount limit in złoty is negative.
    #[error("the advisor's discount limit must not be negative")]
    NegativeAuthorityAmount,
    /// The dates of the offer run past the calendar.
    #[error("the offer's dates run past the last representable date")]
    DateOutOfRange,
}

/// A share as Polish percent, for messages: 0.305 is "30,5 %".
pub(crate) fn format_share(share: Decimal) -> String {
    let percent = (share * Decimal::ONE_HUNDRED)
        .round_dp_with_strategy(2, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    format!("{} %", percent.to_string().replace('.', ","))
}
