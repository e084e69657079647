//! The engine: builds every variant of an offer from an [`OfferRequest`].

use super::approval::{approval_reasons, Terms};
use super::budget::heaviest_month;
use super::budget::{affordable_limit, Affordability, Verdict};
use super::discount::{discount_for_share, Discount};
use super::interest::{
    balance_grosz_days, interest_on_grosz_days, max_interest_rate, max_late_interest_rate,
    CappedRate, PlanInterest,
};
use super::schedule::{
    add_days, build_schedule, ceil_div, due_date_in_month, installment_dates, next_due_date,
    Installment, ScheduleSpec, Split, MAX_INSTALLMENTS,
};
use super::{
    CustomTerms, OfferError, OfferRequest, Offers, Unbuilt, UnbuiltReason, Variant, VariantKind,
    MAX_AMOUNT_GROSZE, MAX_PAUSE_MONTHS, MAX_WINDOW_DAYS,
};
use crate::model::DebtComponents;
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
        within_range(name, part)?;
    }
    // Each part is bounded, so their sum cannot overflow.
    if debt.total() <= Money::ZERO {
        return Err(OfferError::NothingOwed);
    }
    within_range("debt", debt.total())?;
    if req.budget.income.is_negative() {
        return Err(OfferError::NegativeBudget("income"));
    }
    within_range("income", req.budget.income)?;
    for (name, amount) in req.budget.expenses.by_category() {
        if amount.is_negative() {
            return Err(OfferError::NegativeBudget(name));
        }
        within_range(name, amount)?;
    }
    validate_debts(req)?;
    if !(1..=31).contains(&req.due_day) {
        return Err(OfferError::InvalidDueDay(req.due_day));
    }
    let p = &req.policy;
    p.validate().map_err(OfferError::Policy)?;
    months(
        "advisor's maximum term",
        req.authority.max_term_months,
        1,
        MAX_INSTALLMENTS,
    )?;
    let zero = Decimal::ZERO;
    let one = Decimal::ONE;
    if !(zero..=one).contains(&req.authority.max_discount_share) {
        return Err(OfferError::ShareOutOfRange {
            field: "advisor's maximum discount",
            value: req.authority.max_discount_share,
        });
    }
    if req.authority.max_discount_amount.is_negative() {
        return Err(OfferError::NegativeAuthorityAmount);
    }
    within_range(
        "advisor's discount limit",
        req.authority.max_discount_amount,
    )?;
    // The furthest date an offer can reach must exist in the calendar, so
    // that no variant fails on dates later.
    let furthest = MAX_WINDOW_DAYS * 2 + 31 * (MAX_INSTALLMENTS + MAX_PAUSE_MONTHS + 2);
    if add_days(req.today, furthest).is_none() {
        return Err(OfferError::DateOutOfRange);
    }
    Ok(())
}

/// Refuses an amount beyond what the engine computes with: far above any
/// real debt, and low enough that no sum or product of amounts in an offer
/// can overflow.
fn within_range(field: &'static str, amount: Money) -> Result<(), OfferError> {
    if amount.amount().abs() > Money::from_grosze(MAX_AMOUNT_GROSZE).amount() {
        return Err(OfferError::AmountTooLarge(field));
    }
    Ok(())
}

/// The case's debts one by one must add up to the debt offered on, and the
/// case is time-barred exactly when one of them is.
fn validate_debts(req: &OfferRequest) -> Result<(), OfferError> {
    if req.debts.is_empty() {
        return Ok(());
    }
    let mut sum = DebtComponents::default();
    for d in &req.debts {
        for part in [
            d.outstanding.principal,
            d.outstanding.interest,
            d.outstanding.costs,
        ] {
            if part.is_negative() {
                return Err(OfferError::NegativeDebt("debt of the case"));
            }
            within_range("debt of the case", part)?;
        }
        sum = sum + d.outstanding;
        within_range("debts of the case", sum.total())?;
    }
    if sum != req.debt {
        return Err(OfferError::DebtsDoNotAddUp);
    }
    if req.time_barred != req.debts.iter().any(|d| d.time_barred) {
        return Err(OfferError::TimeBarredMismatch);
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
    /// The plan rate held to the statutory maximum, if the policy has one
    /// and some debt is enforceable.
    plan_rate: Option<CappedRate>,
    /// The late-payment rate held to its maximum, likewise.
    late_rate: Option<CappedRate>,
    /// The part of the debt owed on time-barred claims.
    barred: Money,
    /// The share of the balance plan interest runs on: the enforceable
    /// share of the debt.
    charged_share: Decimal,
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
        // The cap is that of the rate in force on the day of the offer, in
        // the policy's table (checked by `Policy::validate`).
        let reference = p.reference_rates.rate_on(req.today);
        let total = req.debt.total();
        let barred = req.time_barred_debt();
        let charged_share = if barred.is_zero() {
            Decimal::ONE
        } else {
            (total - barred).amount() / total.amount()
        };
        // A voluntary settlement of nothing but time-barred debts carries
        // no plan interest and no late-payment interest: the client pays
        // what they choose to acknowledge, and nothing can be enforced.
        let enforceable = charged_share > Decimal::ZERO;
        Context {
            req,
            disposable,
            limit: affordable_limit(disposable, p.affordable_share),
            plan_rate: p
                .plan_interest_rate
                .filter(|_| enforceable)
                .map(|r| CappedRate::new(r, max_interest_rate(reference))),
            late_rate: p
                .late_interest_rate
                .filter(|_| enforceable)
                .map(|r| CappedRate::new(r, max_late_interest_rate(reference))),
            barred,
            charged_share,
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
            time_barred_debt: self.barred,
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
        // The installments are the affordable amount, so the balance they
        // leave, and hence the interest, do not depend on the term: the
        // term is what pays the financed amount and that interest.
        let interest = dated.fixed_interest(self.limit)?;
        let rest = financed
            .checked_add(interest.grosze())
            .ok_or(UnbuiltReason::AmountTooLarge)?;
        let n = ceil_div(rest, limit).unsigned_abs();
        if n > u64::from(p.max_term_months) {
            if n > 1 && self.limit < p.min_installment {
                return Err(too_small);
            }
            return Err(UnbuiltReason::TermTooLong {
                needed: n,
                maximum: p.max_term_months,
            });
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
            interest,
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
            let total = financed
                .checked_add(dated.equal_interest(next as u32)?.grosze())
                .ok_or(UnbuiltReason::AmountTooLarge)?;
            if total / next < min {
                break;
            }
            n = next;
        }
        let interest = dated.equal_interest(n as u32)?;
        self.variant(
            plan,
            &dated,
            n as u32,
            interest,
            Split::Equal {
                term_months: n as u32,
            },
        )
    }

    /// Equal installments over `term` months.
    fn installments(&self, plan: &Plan, term: u32) -> Result<Variant, UnbuiltReason> {
        let dated = self.dated(plan)?;
        let interest = dated.equal_interest(term)?;
        self.variant(
            plan,
            &dated,
            term,
            interest,
            Split::Equal { term_months: term },
        )
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
            Some(r) if !plan.freeze => r.applied * self.charged_share,
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
        interest: Money,
        split: Split,
    ) -> Result<Variant, UnbuiltReason> {
        let req = self.req;
        let p = &req.policy;
        let debt = &req.debt;
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
        // The client's budget is monthly: what is judged is the most the
        // schedule asks in one calendar month, a down payment and an
        // installment in the same month together.
        let heaviest = heaviest_month(&schedule);
        let plan_interest = self.plan_rate.map(|rate| PlanInterest {
            rate,
            frozen: plan.freeze,
            charged_share: self.charged_share,
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
            time_barred_debt: self.barred,
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
    /// The simple interest on `grosz_days` of balance at the plan's rate.
    fn interest_on(&self, grosz_days: i128) -> Result<Money, UnbuiltReason> {
        interest_on_grosz_days(grosz_days, self.rate).ok_or(UnbuiltReason::AmountTooLarge)
    }

    /// The plan interest of `term` equal installments, on the balance they
    /// actually leave.
    ///
    /// The installments carry the interest, so the interest shapes the
    /// balance it is counted on: the larger the interest, the larger the
    /// installments and the smaller the balance. Counted on the balance of
    /// installments without interest, the interest is an upper bound; if
    /// the installments that include it leave too small a balance for it,
    /// the interest on that smaller balance is taken instead. That one is
    /// within the cap: smaller interest means smaller installments, a
    /// larger balance, and so room for at least as much interest.
    fn equal_interest(&self, term: u32) -> Result<Money, UnbuiltReason> {
        if self.rate <= Decimal::ZERO {
            return Ok(Money::ZERO);
        }
        let n = (term as usize).min(self.dates.len());
        let financed = self.financed.grosze();
        let dates = &self.dates[..n];
        let balance = |interest: Money| -> Result<i128, UnbuiltReason> {
            let rest = financed
                .checked_add(interest.grosze())
                .ok_or(UnbuiltReason::AmountTooLarge)?;
            let each = Money::from_grosze(rest / n.max(1) as i64);
            Ok(balance_grosz_days(
                self.financed,
                self.start,
                dates.iter().map(|d| (*d, each)),
            ))
        };
        let upper = self.interest_on(balance(Money::ZERO)?)?;
        let within = self.interest_on(balance(upper)?)?;
        Ok(upper.min(within))
    }

    /// The plan interest of installments of `installment` each, the last
    /// one what remains: on the balance those installments leave, which is
    /// the same whatever the term.
    fn fixed_interest(&self, installment: Money) -> Result<Money, UnbuiltReason> {
        if self.rate <= Decimal::ZERO {
            return Ok(Money::ZERO);
        }
        // Dates beyond the policy's term are not needed: a plan that has not
        // paid the financed amount by then is too long anyway.
        self.interest_on(balance_grosz_days(
            self.financed,
            self.start,
            self.dates.iter().map(|d| (*d, installment)),
        ))
    }
}
