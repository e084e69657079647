//! Amending a signed agreement (aneks): when the client's situation got
//! worse, what is still unpaid under the agreement in force is rescheduled
//! with the same engine and the same authority rules. The balance carries
//! no new plan interest (it holds the agreement's interest already: no
//! interest on interest, art. 482 KC), no further discount and no new down
//! payment; a longer term
//! or a smaller installment than the advisor's authority needs the team
//! lead, as for any offer.

use super::{Authority, OfferInputs, OfferRequest, Policy};
use crate::{CaseFile, DebtComponents, Money, Payment};
use chrono::NaiveDate;

/// The agreement in force on a case, as an amendment needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InForce {
    /// The day it was signed.
    pub signed_on: NaiveDate,
    /// What the client agreed to pay under it in all.
    pub total: Money,
    /// It settles time-barred debts voluntarily.
    pub voluntary_only: bool,
}

impl InForce {
    /// The agreement in force as an amendment needs it.
    pub fn of(a: &crate::SignedAgreement) -> InForce {
        InForce {
            signed_on: a.signed_on,
            total: a.total,
            voluntary_only: a.voluntary_only,
        }
    }

    /// What is still unpaid under it: its total less the payments the case
    /// records from the day it was signed (never below zero).
    pub fn unpaid(&self, file: &CaseFile) -> Money {
        self.unpaid_after(&file.payments)
    }

    /// What is still unpaid after `payments` (those before the day it was
    /// signed do not count).
    pub fn unpaid_after(&self, payments: &[Payment]) -> Money {
        let paid: Money = payments
            .iter()
            .filter(|p| p.paid_on >= self.signed_on)
            .map(|p| p.amount)
            .sum();
        if paid >= self.total {
            Money::ZERO
        } else {
            self.total - paid
        }
    }
}

impl OfferRequest {
    /// The engine's request for an amendment of `agreement` on `file`: the
    /// unpaid balance rescheduled on the inputs, under `policy` without plan
    /// interest and without discounts, judged by the same `authority`.
    pub fn for_amendment(
        file: &CaseFile,
        agreement: &InForce,
        inputs: OfferInputs,
        policy: Policy,
        authority: Authority,
    ) -> OfferRequest {
        OfferRequest::for_case(file, inputs, policy, authority)
            .amending(agreement, agreement.unpaid(file))
    }

    /// This request turned into the amendment of `agreement` with `unpaid`
    /// left to pay.
    pub fn amending(self, agreement: &InForce, unpaid: Money) -> OfferRequest {
        let mut request = self;
        request.debt = DebtComponents {
            principal: unpaid,
            interest: Money::ZERO,
            costs: Money::ZERO,
        };
        // One contractual debt: limitation no longer runs per debt (the
        // agreement acknowledged them), unless it settled barred debts
        // voluntarily.
        request.debts = Vec::new();
        request.time_barred = agreement.voluntary_only;
        request.policy.plan_interest_rate = None;
        // A reschedule of an agreement under way asks no new down payment.
        request.policy.down_payment.min_share = rust_decimal::Decimal::ZERO;
        request.policy.lump_sum_discount = rust_decimal::Decimal::ZERO;
        request.policy.max_discount = rust_decimal::Decimal::ZERO;
        request
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::{
        propose, ApprovalReason, Budget, CustomTerms, DownPaymentRule, Expenses, VariantKind,
    };
    use crate::{CaseId, PaymentChannel, PaymentId};
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn zl(a: rust_decimal::Decimal) -> Money {
        Money::new(a)
    }

    fn paid(on: NaiveDate, amount: rust_decimal::Decimal) -> Payment {
        Payment {
            id: PaymentId(uuid::Uuid::nil()),
            case_id: CaseId(uuid::Uuid::nil()),
            paid_on: on,
            amount: zl(amount),
            channel: PaymentChannel::BankTransfer,
        }
    }

    /// An agreement of 5 000,00 zł signed on 12.10.2026.
    fn agreement() -> InForce {
        InForce {
            signed_on: d(2026, 10, 12),
            total: zl(dec!(5000.00)),
            voluntary_only: false,
        }
    }

    /// Worked by hand: 5 000,00 − 500,00 (10.11) − 450,00 (10.12) =
    /// 4 050,00; the 300,00 paid on 1.10, before signing, does not count.
    #[test]
    fn the_unpaid_balance_counts_the_payments_since_signing() {
        let payments = [
            paid(d(2026, 10, 1), dec!(300.00)),
            paid(d(2026, 11, 10), dec!(500.00)),
            paid(d(2026, 12, 10), dec!(450.00)),
        ];
        assert_eq!(agreement().unpaid_after(&payments), zl(dec!(4050.00)));
        assert_eq!(agreement().unpaid_after(&payments[..1]), zl(dec!(5000.00)));
        // Paid more than the total: nothing is left, never less.
        let over = [paid(d(2026, 10, 12), dec!(5200.00))];
        assert_eq!(agreement().unpaid_after(&over), Money::ZERO);
    }

    fn request() -> OfferRequest {
        OfferRequest {
            debt: DebtComponents {
                principal: zl(dec!(4000)),
                interest: zl(dec!(1200)),
                costs: zl(dec!(300)),
            },
            today: d(2026, 12, 14),
            budget: Budget {
                income: zl(dec!(3000)),
                expenses: Expenses {
                    housing: zl(dec!(1200)),
                    utilities: zl(dec!(400)),
                    food: zl(dec!(600)),
                    transport: Money::ZERO,
                    dependants: Money::ZERO,
                    other_debts: Money::ZERO,
                },
            },
            policy: Policy {
                min_installment: zl(dec!(100)),
                max_term_months: 36,
                max_discount: dec!(0.5),
                lump_sum_discount: dec!(0.30),
                lump_sum_days: 14,
                down_payment: DownPaymentRule {
                    min_share: dec!(0.10),
                    due_within_days: 7,
                },
                first_installment_min_days: 14,
                affordable_share: dec!(0.5),
                reference_rates: crate::offer::ReferenceRates::constant(dec!(0.0375)),
                plan_interest_rate: Some(dec!(0.10)),
                late_interest_rate: None,
                max_pause_months: 3,
                promises: Default::default(),
                contact_hours: Default::default(),
            },
            authority: Authority {
                max_discount_share: dec!(0.25),
                max_discount_amount: zl(dec!(1000)),
                max_term_months: 24,
            },
            due_day: 10,
            time_barred: false,
            debts: Vec::new(),
            vulnerable: false,
            custom: None,
        }
    }

    fn custom(term_months: u32) -> CustomTerms {
        CustomTerms {
            term_months,
            down_payment: Money::ZERO,
            discount: Money::ZERO,
            due_day: 10,
            pause_months: 0,
            interest_freeze: false,
        }
    }

    /// Worked by hand: 4 050,00 zł unpaid, rescheduled in 10 months with no
    /// down payment: 10 × 405,00 zł from 10.01.2027 (the first 10th at
    /// least 14 days after 14.12.2026), no interest although the policy has
    /// a plan rate of 10 %, no discount, within authority.
    #[test]
    fn the_unpaid_balance_is_rescheduled_without_interest_or_discount() {
        let mut req = request().amending(&agreement(), zl(dec!(4050.00)));
        req.custom = Some(custom(10));
        let offers = propose(&req).unwrap();
        let v = offers.get(VariantKind::Custom).expect("custom variant");
        assert_eq!(v.total, zl(dec!(4050.00)));
        assert_eq!(v.plan_interest, None);
        assert!(v.discount.costs.is_zero() && v.discount.interest.is_zero());
        assert_eq!(v.term_months, 10);
        assert_eq!(v.installment, zl(dec!(405.00)));
        assert_eq!(v.schedule[0].due_on, d(2027, 1, 10));
        assert!(v.schedule.iter().all(|i| i.amount == zl(dec!(405.00))));
        assert!(v.approval.is_empty(), "{:?}", v.approval);
        // No variant of an amendment forgives anything.
        for v in &offers.variants {
            let forgiven = v.discount.costs + v.discount.interest + v.discount.principal;
            assert!(forgiven.is_zero(), "{:?} forgives {forgiven:?}", v.kind);
            assert_eq!(
                v.schedule.iter().map(|i| i.amount).sum::<Money>(),
                zl(dec!(4050.00)),
                "{:?} adds up to the unpaid balance",
                v.kind
            );
        }
    }

    /// The same authority rules: 30 months is beyond the advisor's 24.
    #[test]
    fn a_longer_amendment_than_the_authority_needs_the_team_lead() {
        let mut req = request().amending(&agreement(), zl(dec!(4050.00)));
        req.custom = Some(custom(30));
        let v = propose(&req)
            .unwrap()
            .get(VariantKind::Custom)
            .cloned()
            .expect("custom variant");
        assert!(
            v.approval
                .iter()
                .any(|a| matches!(a, ApprovalReason::TermAboveAuthority { .. })),
            "{:?}",
            v.approval
        );
    }
}
