//! Why a variant needs a team lead's approval.
//!
//! An advisor may agree an offer on the spot as long as it stays within
//! their authority; every limit it crosses is listed, so that the team lead
//! sees at once what to decide, and an offer that crosses none needs no
//! approval at all.

use super::format_share;
use crate::format::format_pln;
use crate::money::Money;
use rust_decimal::Decimal;
use std::fmt;

/// One limit of the advisor's authority that a variant crosses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApprovalReason {
    /// The discount on interest and costs, as a share of them, is above the
    /// share the advisor may grant.
    DiscountShareAboveAuthority {
        /// The share granted.
        share: Decimal,
        /// The advisor's limit.
        limit: Decimal,
    },
    /// The discount in złoty is above the amount the advisor may grant.
    DiscountAmountAboveAuthority {
        /// The discount granted.
        amount: Money,
        /// The advisor's limit.
        limit: Money,
    },
    /// Some principal is forgiven; an advisor never may on their own.
    PrincipalDiscount {
        /// The principal forgiven.
        amount: Money,
    },
    /// The plan is longer than the advisor may agree.
    TermAboveAuthority {
        /// The plan's number of monthly installments.
        months: u32,
        /// The advisor's limit.
        limit: u32,
    },
    /// An installment other than the last is below the policy's minimum.
    InstallmentBelowMinimum {
        /// The smallest such installment.
        installment: Money,
        /// The policy's minimum installment.
        minimum: Money,
    },
    /// The down payment is below what the policy asks for.
    DownPaymentBelowPolicy {
        /// The down payment agreed.
        amount: Money,
        /// The policy's minimum down payment for this offer.
        minimum: Money,
    },
    /// A payment pause or an interest freeze for a client who is not
    /// recorded as vulnerable: forbearance is the advisor's to give to
    /// vulnerable clients only.
    ForbearanceWithoutVulnerability,
}

impl fmt::Display for ApprovalReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DiscountShareAboveAuthority { share, limit } => write!(
                f,
                "the discount of {} of interest and costs is above the advisor's {}",
                format_share(*share),
                format_share(*limit)
            ),
            Self::DiscountAmountAboveAuthority { amount, limit } => write!(
                f,
                "the discount of {} is above the advisor's {}",
                format_pln(*amount),
                format_pln(*limit)
            ),
            Self::PrincipalDiscount { amount } => {
                write!(f, "{} of principal is forgiven", format_pln(*amount))
            }
            Self::TermAboveAuthority { months, limit } => write!(
                f,
                "the term of {months} months is above the advisor's {limit} months"
            ),
            Self::InstallmentBelowMinimum {
                installment,
                minimum,
            } => write!(
                f,
                "the installment of {} is below the minimum of {}",
                format_pln(*installment),
                format_pln(*minimum)
            ),
            Self::DownPaymentBelowPolicy { amount, minimum } => write!(
                f,
                "the down payment of {} is below the policy's {}",
                format_pln(*amount),
                format_pln(*minimum)
            ),
            Self::ForbearanceWithoutVulnerability => write!(
                f,
                "a payment pause or interest freeze for a client not recorded as vulnerable"
            ),
        }
    }
}

/// What the approval of a variant is decided from.
pub(super) struct Terms<'a> {
    pub discount_share: Decimal,
    pub discount: Money,
    pub principal_discount: Money,
    pub term_months: u32,
    pub schedule: &'a [super::Installment],
    /// The down payment agreed and the policy's minimum for this offer;
    /// `None` for a lump sum, which has no down payment rule.
    pub down_payment: Option<(Money, Money)>,
    /// A pause was asked for, or a freeze that removes some interest.
    pub forbearance: bool,
    pub vulnerable: bool,
}

/// Every limit of `authority` (and of the policy floors the advisor is held
/// to) that `t` crosses, in a stable order.
pub(super) fn approval_reasons(
    t: &Terms<'_>,
    authority: &super::Authority,
    minimum_installment: Money,
) -> Vec<ApprovalReason> {
    let mut reasons = Vec::new();
    if t.discount_share > authority.max_discount_share {
        reasons.push(ApprovalReason::DiscountShareAboveAuthority {
            share: t.discount_share,
            limit: authority.max_discount_share,
        });
    }
    if t.discount > authority.max_discount_amount {
        reasons.push(ApprovalReason::DiscountAmountAboveAuthority {
            amount: t.discount,
            limit: authority.max_discount_amount,
        });
    }
    if t.principal_discount > Money::ZERO {
        reasons.push(ApprovalReason::PrincipalDiscount {
            amount: t.principal_discount,
        });
    }
    if t.term_months > authority.max_term_months {
        reasons.push(ApprovalReason::TermAboveAuthority {
            months: t.term_months,
            limit: authority.max_term_months,
        });
    }
    // The last installment may be smaller: it is whatever remains.
    let installments: Vec<Money> = t
        .schedule
        .iter()
        .filter(|i| !i.is_down_payment())
        .map(|i| i.amount)
        .collect();
    if let Some((_, but_last)) = installments.split_last() {
        if let Some(smallest) = but_last.iter().copied().min() {
            if smallest < minimum_installment {
                reasons.push(ApprovalReason::InstallmentBelowMinimum {
                    installment: smallest,
                    minimum: minimum_installment,
                });
            }
        }
    }
    if let Some((amount, minimum)) = t.down_payment {
        if amount < minimum {
            reasons.push(ApprovalReason::DownPaymentBelowPolicy { amount, minimum });
        }
    }
    if t.forbearance && !t.vulnerable {
        reasons.push(ApprovalReason::ForbearanceWithoutVulnerability);
    }
    reasons
}
