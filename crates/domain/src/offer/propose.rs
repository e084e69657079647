//! The engine: builds every variant of an offer from an [`OfferRequest`].

use super::approval::{approval_reasons, Terms};
use super::budget::{affordable_limit, Affordability, Verdict};
use super::discount::{discount_for_share, Discount};
use super::interest::{
    max_interest_rate, max_late_interest_rate, plan_interest_amount, CappedRate, PlanInterest,
};
use super::schedule::{
    add_days, build_schedule, ceil_div, due_date_in_month, installment_dates, next_due_date,
    Installment, ScheduleSpec, Split, MAX_INSTALLMENTS,
};
use super::{
    CustomTerms, OfferError, OfferRequest, Offers, Unbuilt, UnbuiltReason, Variant, VariantKind,
    MAX_PAUSE_MONTHS, MAX_WINDOW_DAYS,
};
use crate::money::Money;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Builds every variant of an offer for `req`.
///
/// The variants come in the order of [`VariantKind`]: the lump sum, the
/// plan that fits the budget, the lowest installment, forbearance (for a
/// vulnerable client only) and the custom terms (when the advisor set
/// them). What cannot be built is listed in [`Offers::unbuilt`] with the
/// reason; the error is only for a request that makes no sense.
pub fn propose(req: &OfferRequest) -> Result<Offers, OfferError> {
    validate(req)?;
    let ctx = Context::new(req);
    let mut offers = Offers::default();
    let mut add = |kind: VariantKind, built: Result<Variant, UnbuiltReason>| match built {
        Ok(v) => offers.variants.push(v),
        Err(reason) => offers.unbuilt.push(Unbuilt { kind, reason }),
    };
    add(VariantKind::LumpSum, ctx.lump_sum());
    let standard = ctx.standard_plan(VariantKind::FitsBudget);
    add(
        VariantKind::FitsBudget,
        standard.and_then(|p| ctx.fits_budget(&p)),
    );
    let standard = ctx.standard_plan(VariantKind::LowestInstallment);
    add(
        VariantKind::LowestInstallment,
        standard.and_then(|p| ctx.lowest_installment(&p)),
    );
    if req.vulnerable {
        let forbearance = ctx.standard_plan(VariantKind::Forbearance).map(|p| Plan {
            pause_months: req.policy.max_pause_months,
            freeze: true,
            ..p
        });
        add(
            VariantKind::Forbearance,
            forbearance.and_then(|p| ctx.lowest_installment(&p)),
        );
    }
    if let Some(terms) = &req.custom {
        add(
            VariantKind::Custom,
            ctx.custom_plan(terms)
                .and_then(|p| ctx.installments(&p, terms.term_months)),
        );
    }
    Ok(offers)
}

/// Refuses a request no offer can sensibly be built from. The policy and the
/// authority come from the server, so a wrong unit there (8 sent for 8 %,
/// a term in days) must stop the engine rather than produce offers.
fn validate(req: &OfferRequest) -> Result<(), OfferError> {
    let debt = &req.debt;
    for (name, part) in [
        ("principal", debt.principal),
        ("interest", debt.interest),
        ("costs", debt.costs),
    ] {
        if part.is_negative() {
            return Err(OfferError::NegativeDebt(name));
        }
    }
    if debt.total() <= Money::ZERO {
        return Err(OfferError::NothingOwed);
    }
    if req.budget.income.is_negative() {
        return Err(OfferError::NegativeBudget("income"));
    }
    for (name, amount) in req.budget.expenses.by_category() {
        if amount.is_negative() {
            return Err(OfferError::NegativeBudget(name));
        }
    }
    if !(1..=31).contains(&req.due_day) {
        return Err(OfferError::InvalidDueDay(req.due_day));
    }
    let p = &req.policy;
    if p.min_installment <= Money::ZERO {
        return Err(OfferError::MinInstallmentNotPositive);
    }
    months(
        "policy's maximum term",
        p.max_term_months,
        1,
        MAX_INSTALLMENTS,
    )?;
    months(
        "policy's maximum pause",
        p.max_pause_months,
        0,
        MAX_PAUSE_MONTHS,
    )?;
    months(
        "advisor's maximum term",
        req.authority.max_term_months,
        1,
        MAX_INSTALLMENTS,
    )?;
    for (field, value) in [
        ("policy's lump-sum window", p.lump_sum_days),
        (
            "policy's down payment window",
            p.down_payment.due_within_days,
        ),
        (
            "policy's first installment window",
            p.first_installment_min_days,
        ),
    ] {
        if value > MAX_WINDOW_DAYS {
            return Err(OfferError::DaysOutOfRange { field, value });
        }
    }
    let one = Decimal::ONE;
    let zero = Decimal::ZERO;
    for (field, value, ok) in [
        (
            "policy's maximum discount",
            p.max_discount,
            (zero..=one).contains(&p.max_discount),
        ),
        (
            "policy's lump-sum discount",
            p.lump_sum_discount,
            (zero..=one).contains(&p.lump_sum_discount),
        ),
        (
            "policy's down payment share",
            p.down_payment.min_share,
            (zero..one).contains(&p.down_payment.min_share),
        ),
        (
            "policy's affordable share",
            p.affordable_share,
            p.affordable_share > zero && p.affordable_share <= one,
        ),
        (
            "advisor's maximum discount",
            req.authority.max_discount_share,
            (zero..=one).contains(&req.authority.max_discount_share),
        ),
    ] {
        if !ok {
            return Err(OfferError::ShareOutOfRange { field, value });
        }
    }
    // A yearly rate above 1 (100 %) is a percentage sent where a fraction
    // belongs (8 for 8 %): refuse it rather than quietly cap a unit mistake.
    for (field, value) in [
        ("reference rate", Some(p.reference_rate)),
        ("plan interest rate", p.plan_interest_rate),
        ("late interest rate", p.late_interest_rate),
    ] {
        if let Some(value) = value {
            if !(zero..=one).contains(&value) {
                return Err(OfferError::RateOutOfRange { field, value });
            }
        }
    }
    if p.lump_sum_discount > p.max_discount {
        return Err(OfferError::LumpSumDiscountAboveMaximum {
            lump_sum: p.lump_sum_discount,
            maximum: p.max_discount,
        });
    }
    if req.authority.max_discount_amount.is_negative() {
        return Err(OfferError::NegativeAuthorityAmount);
    }
    // The furthest date an offer can reach must exist in the calendar, so
    // that no variant fails on dates later.
    let furthest = MAX_WINDOW_DAYS * 2 + 31 * (MAX_INSTALLMENTS + MAX_PAUSE_MONTHS + 2);
    if add_days(req.today, furthest).is_none() {
        return Err(OfferError::DateOutOfRange);
    }
    Ok(())
}

fn months(field: &'static str, value: u32, min: u32, max: u32) -> Result<(), OfferError> {
    if (min..=max).contains(&value) {
        Ok(())
    } else {
        Err(OfferError::MonthsOutOfRange {
            field,
            value,
            min,
            max,
        })
    }
}

/// What every variant of one request shares.
struct Context<'a> {
    req: &'a OfferRequest,
    disposable: Money,
    /// The affordable installment.
    limit: Money,
    /// The plan rate held to the statutory maximum, if the policy has one.
    plan_rate: Option<CappedRate>,
    late_rate: Option<CappedRate>,
}

/// An installment plan before its term is chosen.
#[derive(Debug, Clone, Copy)]
struct Plan {
    kind: VariantKind,
    discount: Discount,
    down_payment: Money,
    /// The policy's minimum down payment for this plan.
    min_down_payment: Money,
    due_day: u8,
    pause_months: u32,
    freeze: bool,
}

impl<'a> Context<'a> {
    fn new(req: &'a OfferRequest) -> Context<'a> {
        let p = &req.policy;
        let disposable = req.budget.disposable();
        Context {
            req,
            disposable,
            limit: affordable_limit(disposable, p.affordable_share),
            plan_rate: p
                .plan_interest_rate
                .map(|r| CappedRate::new(r, max_interest_rate(p.reference_rate))),
            late_rate: p
                .late_interest_rate
                .map(|r| CappedRate::new(r, max_late_interest_rate(p.reference_rate))),
        }
    }

    fn lump_sum(&self) -> Result<Variant, UnbuiltReason> {
        let req = self.req;
        let debt = &req.debt;
        let discount =
            Discount::waterfall(debt, discount_for_share(debt, req.policy.lump_sum_discount));
        let settled = discount.apply(debt);
        let total = settled.total();
        if total <= Money::ZERO {
            return Err(UnbuiltReason::NothingLeftToPay);
        }
        let due_on = add_days(req.today, req.policy.lump_sum_days).ok_or(
            UnbuiltReason::Schedule(super::ScheduleError::DateOutOfRange),
        )?;
        let schedule = vec![Installment {
            number: 1,
            due_on,
            amount: total,
        }];
        let approval = approval_reasons(
            &Terms {
                discount_share: discount.share_of_interest_and_costs(debt),
                discount: discount.total(),
                principal_discount: discount.principal,
                term_months: 1,
                schedule: &schedule,
                down_payment: None,
                forbearance: false,
                vulnerable: req.vulnerable,
            },
            &req.authority,
            req.policy.min_installment,
        );
        let affordability =
            Affordability::assess(total, self.disposable, req.policy.affordable_share);
        Ok(Variant {
            kind: VariantKind::LumpSum,
            total,
            settled,
            discount,
            plan_interest: None,
            late_interest: self.late_rate,
            down_payment: Money::ZERO,
            schedule,
            installment: total,
            term_months: 1,
            pause_months: 0,
            due_day: None,
            requires_reason: affordability.verdict != Verdict::Affordable,
            affordability,
            approval,
            voluntary_only: req.time_barred,
        })
    }

    /// The policy's own plan: no discount, the minimum down payment, the
    /// client's due day, no forbearance.
    fn standard_plan(&self, kind: VariantKind) -> Result<Plan, UnbuiltReason> {
        let settled = self.req.debt.total();
        let min_down_payment = self.min_down_payment(settled);
        if min_down_payment >= settled {
            return Err(UnbuiltReason::DownPaymentCoversTotal {
                down_payment: min_down_payment,
                total: settled,
            });
        }
        Ok(Plan {
            kind,
            discount: Discount::default(),
            down_payment: min_down_payment,
            min_down_payment,
            due_day: self.req.due_day,
            pause_months: 0,
            freeze: false,
        })
    }

    fn custom_plan(&self, c: &CustomTerms) -> Result<Plan, UnbuiltReason> {
        let req = self.req;
        let p = &req.policy;
        if !(1..=31).contains(&c.due_day) {
            return Err(UnbuiltReason::InvalidDueDay(c.due_day));
        }
        if c.term_months == 0 {
            return Err(UnbuiltReason::TermZero);
        }
        if c.term_months > p.max_term_months {
            return Err(UnbuiltReason::TermAbovePolicy {
                months: c.term_months,
                maximum: p.max_term_months,
            });
        }
        if c.pause_months > p.max_pause_months {
            return Err(UnbuiltReason::PauseAbovePolicy {
                months: c.pause_months,
                maximum: p.max_pause_months,
            });
        }
        if c.discount.is_negative() {
            return Err(UnbuiltReason::NegativeDiscount);
        }
        if c.down_payment.is_negative() {
            return Err(UnbuiltReason::NegativeDownPayment);
        }
        let debt = &req.debt;
        if c.discount > debt.total() {
            return Err(UnbuiltReason::DiscountAboveDebt {
                discount: c.discount,
                debt: debt.total(),
            });
        }
        let discount = Discount::waterfall(debt, c.discount);
        let share = discount.share_of_interest_and_costs(debt);
        if share > p.max_discount {
            return Err(UnbuiltReason::DiscountAbovePolicy {
                share,
                maximum: p.max_discount,
            });
        }
        let settled = debt.total() - discount.total();
        if settled <= Money::ZERO {
            return Err(UnbuiltReason::NothingLeftToPay);
        }
        if c.down_payment >= settled {
            return Err(UnbuiltReason::DownPaymentCoversTotal {
                down_payment: c.down_payment,
                total: settled,
            });
        }
        Ok(Plan {
            kind: VariantKind::Custom,
            discount,
            down_payment: c.down_payment,
            min_down_payment: self.min_down_payment(settled),
            due_day: c.due_day,
            pause_months: c.pause_months,
            freeze: c.interest_freeze,
        })
    }

    /// The policy's minimum down payment on `settled`, to the grosz. A debt
    /// no larger than the minimum installment is paid in one go, so it asks
    /// for none: the down payment secures a plan, and splitting 80 zł into
    /// 8 zł and 72 zł would only add a payment.
    fn min_down_payment(&self, settled: Money) -> Money {
        let p = &self.req.policy;
        if settled <= p.min_installment {
            return Money::ZERO;
        }
        Money::new(settled.amount() * p.down_payment.min_share)
    }

    /// Installments of the affordable amount, over the shortest term.
    fn fits_budget(&self, plan: &Plan) -> Result<Variant, UnbuiltReason> {
        let p = &self.req.policy;
        let dated = self.dated(plan)?;
        let limit = self.limit.grosze();
        let too_small = UnbuiltReason::BudgetTooSmall {
            limit: self.limit,
            minimum: p.min_installment,
        };
        if limit <= 0 {
            return Err(too_small);
        }
        let financed = dated.financed.grosze();
        // Interest grows with the term, so the term that pays the plan off
        // is found by iterating from the interest-free one. The iteration
        // only climbs and stops at the shortest term whose total fits,
        // where the number of installments of the affordable amount is
        // exactly that term.
        let mut n = ceil_div(financed, limit).unsigned_abs();
        loop {
            if n > u64::from(p.max_term_months) {
                if n > 1 && self.limit < p.min_installment {
                    return Err(too_small);
                }
                return Err(UnbuiltReason::TermTooLong {
                    needed: n,
                    maximum: p.max_term_months,
                });
            }
            let term = n as u32;
            let needed = ceil_div(financed + dated.interest(term).grosze(), limit).unsigned_abs();
            if needed <= n {
                break;
            }
            n = needed;
        }
        // A single payment of everything may be smaller than the minimum
        // installment; a plan of installments at the limit may not.
        if n > 1 && self.limit < p.min_installment {
            return Err(too_small);
        }
        self.variant(
            plan,
            &dated,
            n as u32,
            Split::Fixed {
                installment: self.limit,
            },
        )
    }

    /// The lowest installment that is not below the minimum, within the
    /// policy's maximum term.
    fn lowest_installment(&self, plan: &Plan) -> Result<Variant, UnbuiltReason> {
        let p = &self.req.policy;
        let dated = self.dated(plan)?;
        let financed = dated.financed.grosze();
        let min = p.min_installment.grosze();
        let max = i64::from(p.max_term_months);
        // Without interest this is the longest term whose equal parts stay
        // at or above the minimum (a debt below the minimum is one payment).
        let mut n = (financed / min).clamp(1, max);
        // Interest adds to what is split, which may allow a longer term.
        while n < max {
            let next = n + 1;
            let total = financed + dated.interest(next as u32).grosze();
            if total / next < min {
                break;
            }
            n = next;
        }
        self.variant(
            plan,
            &dated,
            n as u32,
            Split::Equal {
                term_months: n as u32,
            },
        )
    }

    /// Equal installments over `term` months.
    fn installments(&self, plan: &Plan, term: u32) -> Result<Variant, UnbuiltReason> {
        let dated = self.dated(plan)?;
        self.variant(plan, &dated, term, Split::Equal { term_months: term })
    }

    /// The plan's dates and the amount its interest runs on.
    fn dated(&self, plan: &Plan) -> Result<Dated, UnbuiltReason> {
        let req = self.req;
        let p = &req.policy;
        let out_of_range = UnbuiltReason::Schedule(super::ScheduleError::DateOutOfRange);
        let down_payment_due =
            add_days(req.today, p.down_payment.due_within_days).ok_or(out_of_range)?;
        let mut earliest = add_days(req.today, p.first_installment_min_days).ok_or(out_of_range)?;
        if plan.down_payment > Money::ZERO {
            // The first installment comes after the down payment, never on
            // the same day, so that the schedule's dates strictly increase.
            earliest = earliest.max(add_days(down_payment_due, 1).ok_or(out_of_range)?);
        }
        let first = next_due_date(earliest, plan.due_day)
            .and_then(|d| due_date_in_month(d, plan.pause_months, plan.due_day))
            .ok_or(out_of_range)?;
        let dates = installment_dates(first, plan.due_day, p.max_term_months)
            .map_err(UnbuiltReason::Schedule)?;
        let rate = match self.plan_rate {
            Some(r) if !plan.freeze => r.applied,
            _ => Decimal::ZERO,
        };
        Ok(Dated {
            start: req.today,
            down_payment_due,
            dates,
            financed: req.debt.total() - plan.discount.total() - plan.down_payment,
            rate,
        })
    }

    /// The variant of `plan` over `term` months, split as `split` says.
    fn variant(
        &self,
        plan: &Plan,
        dated: &Dated,
        term: u32,
        split: Split,
    ) -> Result<Variant, UnbuiltReason> {
        let req = self.req;
        let p = &req.policy;
        let debt = &req.debt;
        let interest = dated.interest(term);
        let settled = plan.discount.apply(debt);
        let total = settled.total() + interest;
        let schedule = build_schedule(&ScheduleSpec {
            total,
            down_payment: plan.down_payment,
            down_payment_due: dated.down_payment_due,
            split,
            first_due: dated.dates[0],
            due_day: plan.due_day,
        })
        .map_err(UnbuiltReason::Schedule)?;
        debug_assert_eq!(
            schedule.iter().filter(|i| !i.is_down_payment()).count(),
            term as usize
        );
        let installments = schedule.iter().filter(|i| !i.is_down_payment());
        let installment = installments.clone().next().map_or(total, |i| i.amount);
        let heaviest = installments.map(|i| i.amount).max().unwrap_or(total);
        let plan_interest = self.plan_rate.map(|rate| PlanInterest {
            rate,
            frozen: plan.freeze,
            amount: interest,
        });
        // A freeze only counts as forbearance when it removes some interest.
        let freezes_interest =
            plan.freeze && self.plan_rate.is_some_and(|r| r.applied > Decimal::ZERO);
        let approval = approval_reasons(
            &Terms {
                discount_share: plan.discount.share_of_interest_and_costs(debt),
                discount: plan.discount.total(),
                principal_discount: plan.discount.principal,
                term_months: term,
                schedule: &schedule,
                down_payment: Some((plan.down_payment, plan.min_down_payment)),
                forbearance: plan.pause_months > 0 || freezes_interest,
                vulnerable: req.vulnerable,
            },
            &req.authority,
            p.min_installment,
        );
        let affordability = Affordability::assess(heaviest, self.disposable, p.affordable_share);
        Ok(Variant {
            kind: plan.kind,
            total,
            settled,
            discount: plan.discount,
            plan_interest,
            late_interest: self.late_rate,
            down_payment: plan.down_payment,
            schedule,
            installment,
            term_months: term,
            pause_months: plan.pause_months,
            due_day: Some(plan.due_day),
            requires_reason: affordability.verdict != Verdict::Affordable,
            affordability,
            approval,
            voluntary_only: req.time_barred,
        })
    }
}

/// The dates of a plan, up to the policy's maximum term, and what its
/// interest is counted on.
struct Dated {
    start: NaiveDate,
    down_payment_due: NaiveDate,
    /// The installment dates for the longest plan; a shorter plan uses the
    /// first ones.
    dates: Vec<NaiveDate>,
    /// The amount the installments repay, before interest.
    financed: Money,
    /// The plan rate actually charged (zero when frozen or absent).
    rate: Decimal,
}

impl Dated {
    /// The plan interest over the first `term` installments.
    fn interest(&self, term: u32) -> Money {
        let n = (term as usize).min(self.dates.len());
        plan_interest_amount(self.financed, self.rate, self.start, &self.dates[..n])
    }
}
