//! Discounts (umorzenia) and the order in which they reduce the debt.

use crate::model::DebtComponents;
use crate::money::Money;
use rust_decimal::{Decimal, RoundingStrategy};

/// How much of each component of the debt an offer forgives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Discount {
    /// Forgiven costs.
    pub costs: Money,
    /// Forgiven interest.
    pub interest: Money,
    /// Forgiven principal.
    pub principal: Money,
}

impl Discount {
    /// Spreads a discount of `amount` over the debt: costs first, then
    /// interest, then principal. A creditor forgives what it added to the
    /// debt before what was lent, the reverse of the order in which a
    /// payment is counted (art. 451 of the Civil Code). The discount is at
    /// most the whole debt; a negative amount forgives nothing.
    pub fn waterfall(debt: &DebtComponents, amount: Money) -> Discount {
        let mut left = amount.max(Money::ZERO);
        let mut take = |part: Money| {
            let t = left.min(part.max(Money::ZERO));
            left -= t;
            t
        };
        let costs = take(debt.costs);
        let interest = take(debt.interest);
        let principal = take(debt.principal);
        Discount {
            costs,
            interest,
            principal,
        }
    }

    /// The whole discount.
    pub fn total(&self) -> Money {
        self.costs + self.interest + self.principal
    }

    /// The part of the discount on interest and costs.
    pub fn on_interest_and_costs(&self) -> Money {
        self.costs + self.interest
    }

    /// The discount on interest and costs as a share of the debt's interest
    /// and costs: what the policy and the advisor's authority limit. Zero
    /// when the debt has neither.
    pub fn share_of_interest_and_costs(&self, debt: &DebtComponents) -> Decimal {
        let base = (debt.interest + debt.costs).amount();
        if base <= Decimal::ZERO {
            return Decimal::ZERO;
        }
        self.on_interest_and_costs().amount() / base
    }

    /// What the client still owes of each component after the discount.
    pub fn apply(&self, debt: &DebtComponents) -> DebtComponents {
        DebtComponents {
            principal: debt.principal - self.principal,
            interest: debt.interest - self.interest,
            costs: debt.costs - self.costs,
        }
    }
}

/// The discount amount for `share` of the debt's interest and costs, rounded
/// down to the grosz: rounding up could grant a fraction of a grosz more
/// than the share the policy names, and so cross a limit nobody crossed.
pub fn discount_for_share(debt: &DebtComponents, share: Decimal) -> Money {
    let base = (debt.interest + debt.costs).amount();
    Money::new((base * share).round_dp_with_strategy(2, RoundingStrategy::ToZero))
}
