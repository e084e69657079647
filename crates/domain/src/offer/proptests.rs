//! Properties of every offer, for any debt, budget and policy in sensible
//! ranges. The limits are recomputed here from the request, independently
//! of the engine, so that "approval is needed exactly when a limit is
//! crossed" is checked rather than restated.

use super::*;
use chrono::{Datelike, Days};
use proptest::prelude::*;
use rust_decimal::RoundingStrategy;

fn grosze(g: i64) -> Money {
    Money::from_grosze(g)
}

/// A share in whole percent.
fn percent(p: i64) -> Decimal {
    Decimal::new(p, 2)
}

prop_compose! {
    fn debts()(
        small in prop::bool::weighted(0.2),
        principal in 0i64..=20_000_000,
        interest in 0i64..=5_000_000,
        costs in 0i64..=1_000_000,
        scale in 1i64..=100,
    ) -> DebtComponents {
        // Now and then a debt of a few złoty, to reach single payments.
        let div = if small { 1_000 * scale } else { 1 };
        DebtComponents {
            principal: grosze(principal / div),
            interest: grosze(interest / div),
            costs: grosze(costs / div),
        }
    }
}

prop_compose! {
    fn budgets()(
        income in 0i64..=2_000_000,
        e in proptest::array::uniform6(0i64..=200_000),
    ) -> Budget {
        Budget {
            income: grosze(income),
            expenses: Expenses {
                housing: grosze(e[0]),
                utilities: grosze(e[1]),
                food: grosze(e[2]),
                transport: grosze(e[3]),
                dependants: grosze(e[4]),
                other_debts: grosze(e[5]),
            },
        }
    }
}

prop_compose! {
    fn policies()(
        min_installment in 1i64..=50_000,
        max_term_months in 1u32..=120,
        // Now and then all of interest and costs may go, which lets a
        // custom discount reach the principal.
        (max_discount, lump_sum_discount) in prop_oneof![1 => Just(100i64), 3 => 0i64..=100]
            .prop_flat_map(|m| (Just(m), 0..=m)),
        lump_sum_days in 0u32..=60,
        down_share in 0i64..=50,
        down_days in 0u32..=30,
        first_installment_min_days in 0u32..=45,
        affordable_share in 1i64..=100,
        reference_bp in 0i64..=1_000,
        plan_bp in proptest::option::of(0i64..=5_000),
        late_bp in proptest::option::of(0i64..=5_000),
        max_pause_months in 0u32..=6,
    ) -> Policy {
        Policy {
            min_installment: grosze(min_installment),
            max_term_months,
            max_discount: percent(max_discount),
            lump_sum_discount: percent(lump_sum_discount),
            lump_sum_days,
            down_payment: DownPaymentRule {
                min_share: percent(down_share),
                due_within_days: down_days,
            },
            first_installment_min_days,
            affordable_share: percent(affordable_share),
            reference_rates: ReferenceRates::constant(Decimal::new(reference_bp, 4)),
            plan_interest_rate: plan_bp.map(|b| Decimal::new(b, 4)),
            late_interest_rate: late_bp.map(|b| Decimal::new(b, 4)),
            max_pause_months,
            promises: Default::default(),
        contact_hours: Default::default(),
        }
    }
}

prop_compose! {
    fn authorities()(
        share in 0i64..=100,
        amount in 0i64..=1_000_000,
        term in 1u32..=120,
    ) -> Authority {
        Authority {
            max_discount_share: percent(share),
            max_discount_amount: grosze(amount),
            max_term_months: term,
        }
    }
}

/// Custom terms as the advisor might type them, some of them wrong; the
/// amounts are thousandths of the debt so that they land near it.
#[derive(Debug, Clone, Copy)]
struct CustomDraft {
    term_months: u32,
    /// Most drafts keep within the policy's maximum term.
    within_term: bool,
    down_permille: i64,
    discount_permille: i64,
    due_day: u8,
    pause_months: u32,
    interest_freeze: bool,
}

prop_compose! {
    fn drafts()(
        term_months in 0u32..=130,
        within_term in prop::bool::weighted(0.8),
        down_permille in prop_oneof![Just(0i64), 0i64..=1_100],
        discount_permille in prop_oneof![Just(0i64), 0i64..=400, 0i64..=1_100],
        due_day in prop_oneof![9 => 1u8..=31, 1 => 0u8..=40],
        pause_months in prop_oneof![Just(0u32), 0u32..=8],
        interest_freeze in any::<bool>(),
    ) -> CustomDraft {
        CustomDraft { term_months, within_term, down_permille, discount_permille, due_day, pause_months, interest_freeze }
    }
}

prop_compose! {
    fn requests()(
        debt in debts(),
        days in 0u64..=3_650,
        budget in budgets(),
        policy in policies(),
        authority in authorities(),
        due_day in 1u8..=31,
        time_barred in any::<bool>(),
        // Now and then the case's debts one by one: the debt cut in two at
        // `cut` thousandths, each part time-barred or not.
        per_debt in any::<bool>(),
        barred in (any::<bool>(), any::<bool>()),
        cut in 0i64..=1_000,
        dated_rates in any::<bool>(),
        vulnerable in any::<bool>(),
        draft in proptest::option::of(drafts()),
    ) -> OfferRequest {
        let part = |m: Money| grosze(m.grosze() * cut / 1_000);
        let first = DebtComponents {
            principal: part(debt.principal),
            interest: part(debt.interest),
            costs: part(debt.costs),
        };
        let second = DebtComponents {
            principal: debt.principal - first.principal,
            interest: debt.interest - first.interest,
            costs: debt.costs - first.costs,
        };
        let debts = if per_debt {
            vec![
                OfferDebt { outstanding: first, time_barred: barred.0 },
                OfferDebt { outstanding: second, time_barred: barred.1 },
            ]
        } else {
            Vec::new()
        };
        let time_barred = if per_debt { barred.0 || barred.1 } else { time_barred };
        let total = debt.total().grosze();
        let custom = draft.map(|c| CustomTerms {
            term_months: if c.within_term {
                c.term_months % (policy.max_term_months + 1)
            } else {
                c.term_months
            },
            down_payment: grosze(total * c.down_permille / 1_000),
            discount: grosze(total * c.discount_permille / 1_000),
            due_day: c.due_day,
            pause_months: c.pause_months,
            interest_freeze: c.interest_freeze,
        });
        OfferRequest {
            debt,
            today: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(days),
            budget,
            // Now and then the dated NBP table instead of one rate.
            policy: if dated_rates {
                Policy { reference_rates: ReferenceRates::nbp(), ..policy }
            } else {
                policy
            },
            authority,
            due_day,
            time_barred,
            debts,
            vulnerable,
            custom,
        }
    }
}

/// The limits the variant crosses, recomputed from the request.
fn expected_approval(req: &OfferRequest, v: &Variant) -> Vec<ApprovalReason> {
    let a = &req.authority;
    let p = &req.policy;
    let debt = &req.debt;
    let mut reasons = Vec::new();
    let base = debt.interest.amount() + debt.costs.amount();
    let on_ic = v.discount.costs.amount() + v.discount.interest.amount();
    let share = if base > Decimal::ZERO {
        on_ic / base
    } else {
        Decimal::ZERO
    };
    if share > a.max_discount_share {
        reasons.push(ApprovalReason::DiscountShareAboveAuthority {
            share,
            limit: a.max_discount_share,
        });
    }
    let discount = v.discount.costs + v.discount.interest + v.discount.principal;
    if discount > a.max_discount_amount {
        reasons.push(ApprovalReason::DiscountAmountAboveAuthority {
            amount: discount,
            limit: a.max_discount_amount,
        });
    }
    if v.discount.principal > Money::ZERO {
        reasons.push(ApprovalReason::PrincipalDiscount {
            amount: v.discount.principal,
        });
    }
    let months = v.schedule.iter().filter(|i| i.number > 0).count() as u32;
    if months > a.max_term_months {
        reasons.push(ApprovalReason::TermAboveAuthority {
            months,
            limit: a.max_term_months,
        });
    }
    let regular: Vec<Money> = v
        .schedule
        .iter()
        .filter(|i| i.number > 0)
        .map(|i| i.amount)
        .collect();
    if regular.len() > 1 {
        let smallest = regular[..regular.len() - 1].iter().min().copied().unwrap();
        if smallest < p.min_installment {
            reasons.push(ApprovalReason::InstallmentBelowMinimum {
                installment: smallest,
                minimum: p.min_installment,
            });
        }
    }
    if v.kind != VariantKind::LumpSum {
        let settled = debt.total() - discount;
        let minimum = if settled <= p.min_installment {
            Money::ZERO
        } else {
            Money::new(settled.amount() * p.down_payment.min_share)
        };
        let down = v
            .schedule
            .iter()
            .find(|i| i.number == 0)
            .map_or(Money::ZERO, |i| i.amount);
        if down < minimum {
            reasons.push(ApprovalReason::DownPaymentBelowPolicy {
                amount: down,
                minimum,
            });
        }
    }
    let (pause, freeze) = match v.kind {
        VariantKind::Custom => {
            let c = req.custom.unwrap();
            (c.pause_months, c.interest_freeze)
        }
        VariantKind::Forbearance => (p.max_pause_months, true),
        _ => (0, false),
    };
    let statutory = Decimal::TWO * (reference_in_force(req) + Decimal::new(35, 3));
    let charged = p
        .plan_interest_rate
        .filter(|_| !all_barred(req))
        .map_or(Decimal::ZERO, |r| r.min(statutory));
    if (pause > 0 || (freeze && charged > Decimal::ZERO)) && !req.vulnerable {
        reasons.push(ApprovalReason::ForbearanceWithoutVulnerability);
    }
    reasons
}

/// The reference rate on the day of the offer, recomputed from the request.
fn reference_in_force(req: &OfferRequest) -> Decimal {
    req.policy.reference_rates.rate_on(req.today)
}

/// The part of the debt owed on time-barred claims, recomputed.
fn barred_debt(req: &OfferRequest) -> Money {
    if req.debts.is_empty() {
        if req.time_barred {
            req.debt.total()
        } else {
            Money::ZERO
        }
    } else {
        req.debts
            .iter()
            .filter(|d| d.time_barred)
            .fold(Money::ZERO, |a, d| a + d.outstanding.total())
    }
}

fn all_barred(req: &OfferRequest) -> bool {
    barred_debt(req) == req.debt.total()
}

/// The most paid in one calendar month, recomputed.
fn heaviest_calendar_month(schedule: &[Installment]) -> Money {
    let mut by_month = std::collections::BTreeMap::<(i32, u32), Money>::new();
    for i in schedule {
        *by_month
            .entry((i.due_on.year(), i.due_on.month()))
            .or_default() += i.amount;
    }
    by_month.values().copied().max().unwrap_or(Money::ZERO)
}

/// The verdict, recomputed from the budget.
fn expected_verdict(req: &OfferRequest, payment: Money) -> Verdict {
    let b = &req.budget;
    let e = &b.expenses;
    let disposable = b.income.amount()
        - e.housing.amount()
        - e.utilities.amount()
        - e.food.amount()
        - e.transport.amount()
        - e.dependants.amount()
        - e.other_debts.amount();
    let limit = (disposable * req.policy.affordable_share)
        .round_dp_with_strategy(2, RoundingStrategy::ToZero);
    if disposable <= Decimal::ZERO || payment.amount() > disposable {
        Verdict::Unaffordable
    } else if payment.amount() <= limit {
        Verdict::Affordable
    } else {
        Verdict::NeedsReason
    }
}

fn check_variant(req: &OfferRequest, v: &Variant) -> Result<(), TestCaseError> {
    let p = &req.policy;
    let debt = &req.debt;
    let kind = v.kind;

    // The schedule adds up to the total, to the grosz, down payment included.
    let sum: i64 = v.schedule.iter().map(|i| i.amount.grosze()).sum();
    prop_assert_eq!(sum, v.total.grosze(), "{:?}", kind);
    let interest = v.plan_interest.map_or(Money::ZERO, |i| i.amount);
    prop_assert_eq!(v.total, debt.total() - v.discount.total() + interest);
    prop_assert!(v.schedule.iter().all(|i| i.amount > Money::ZERO));

    // The down payment, if any, comes first; installments are 1..=term.
    let down: Vec<&Installment> = v.schedule.iter().filter(|i| i.number == 0).collect();
    prop_assert_eq!(down.len(), usize::from(v.down_payment > Money::ZERO));
    if let Some(d) = down.first() {
        prop_assert_eq!(d.amount, v.down_payment);
        prop_assert_eq!(v.schedule[0].number, 0);
    }
    let regular: Vec<&Installment> = v.schedule.iter().filter(|i| i.number > 0).collect();
    prop_assert_eq!(regular.len(), v.term_months as usize);
    for (k, i) in regular.iter().enumerate() {
        prop_assert_eq!(i.number as usize, k + 1);
    }

    // No variant is longer than the policy allows.
    prop_assert!(v.term_months >= 1 && v.term_months <= p.max_term_months);

    // Due dates strictly increase, and after the first installment fall on
    // the due day or the last day of a shorter month.
    for pair in v.schedule.windows(2) {
        prop_assert!(pair[0].due_on < pair[1].due_on, "{:?}", pair);
    }
    prop_assert!(v.schedule[0].due_on >= req.today);
    if let Some(day) = v.due_day {
        for i in regular.iter().skip(1) {
            let month_end = i.due_on.num_days_in_month();
            prop_assert_eq!(i.due_on.day(), u32::from(day.min(month_end)));
        }
    }

    // No installment is below the minimum except a smaller last one; the
    // advisor's custom terms may go below it, and then need approval.
    let amounts: Vec<Money> = regular.iter().map(|i| i.amount).collect();
    let (last, but_last) = amounts.split_last().unwrap();
    let below = but_last.iter().any(|a| *a < p.min_installment);
    let flagged = v
        .approval
        .iter()
        .any(|r| matches!(r, ApprovalReason::InstallmentBelowMinimum { .. }));
    prop_assert_eq!(below, flagged);
    if kind != VariantKind::Custom {
        prop_assert!(!below, "{:?}: {:?}", kind, amounts);
    }
    if *last < p.min_installment && !below {
        prop_assert!(but_last.iter().all(|a| a > last), "{:?}", amounts);
    }

    // Approval is needed exactly when a limit is crossed.
    prop_assert_eq!(&v.approval, &expected_approval(req, v), "{:?}", kind);

    // Affordability and the reason rule: the heaviest calendar month,
    // the down payment included, is judged.
    let heaviest = heaviest_calendar_month(&v.schedule);
    prop_assert!(heaviest >= amounts.iter().max().copied().unwrap());
    prop_assert!(heaviest >= v.down_payment);
    prop_assert_eq!(v.affordability.payment, heaviest);
    prop_assert_eq!(v.affordability.verdict, expected_verdict(req, heaviest));
    prop_assert_eq!(
        v.requires_reason,
        v.affordability.verdict != Verdict::Affordable
    );
    prop_assert_eq!(v.voluntary_only, req.time_barred);
    prop_assert_eq!(v.time_barred_debt, barred_debt(req));
    if all_barred(req) {
        // A voluntary settlement of time-barred debts only: no plan
        // interest, no late-payment interest.
        prop_assert!(v.plan_interest.is_none() && v.late_interest.is_none());
    }

    // Discounts: costs, then interest, then principal; never beyond the
    // policy on interest and costs.
    let dc = &v.discount;
    if dc.interest > Money::ZERO || dc.principal > Money::ZERO {
        prop_assert_eq!(dc.costs, debt.costs);
    }
    if dc.principal > Money::ZERO {
        prop_assert_eq!(dc.interest, debt.interest);
    }
    prop_assert!(dc.share_of_interest_and_costs(debt) <= p.max_discount);
    let asked = match kind {
        VariantKind::LumpSum => Money::new(
            ((debt.interest + debt.costs).amount() * p.lump_sum_discount)
                .round_dp_with_strategy(2, RoundingStrategy::ToZero),
        ),
        VariantKind::Custom => req.custom.unwrap().discount,
        _ => Money::ZERO,
    };
    prop_assert_eq!(dc.total(), asked);
    prop_assert!(v.settled.principal >= Money::ZERO);

    // Interest never above the statutory maximum in force on the day.
    let reference = reference_in_force(req);
    let max = Decimal::TWO * (reference + Decimal::new(35, 3));
    let max_late = Decimal::TWO * (reference + Decimal::new(55, 3));
    // The effective simple yearly rate on the actual outstanding balance of
    // the schedule (every payment against the settled amount first) never
    // exceeds the cap, nor the enforceable share of it.
    match effective_annual_rate(v.total, interest, req.today, &v.schedule) {
        Some(rate) => {
            prop_assert!(rate <= max, "{:?}: {} > {}", kind, rate, max);
            let share = (debt.total() - barred_debt(req)).amount() / debt.total().amount();
            let charged = p.plan_interest_rate.map_or(Decimal::ZERO, |r| r.min(max)) * share;
            prop_assert!(rate <= charged, "{:?}: {} > {}", kind, rate, charged);
        }
        None => prop_assert!(interest.is_zero()),
    }
    if let Some(pi) = v.plan_interest {
        prop_assert!(pi.rate.applied <= max && pi.rate.maximum == max);
        prop_assert!(pi.effective_rate() <= pi.rate.requested);
        if pi.frozen {
            prop_assert_eq!(pi.amount, Money::ZERO);
        }
        // At most the statutory rate on everything financed, for the whole
        // time until the last installment.
        let financed = debt.total() - dc.total() - v.down_payment;
        let days = (v.schedule.last().unwrap().due_on - req.today).num_days();
        let bound = financed.amount() * max * Decimal::from(days) / Decimal::from(365);
        prop_assert!(pi.amount.amount() <= bound, "{:?} > {}", pi, bound);
    } else {
        prop_assert!(
            p.plan_interest_rate.is_none() || kind == VariantKind::LumpSum || all_barred(req)
        );
    }
    if let Some(late) = v.late_interest {
        prop_assert!(late.applied <= max_late && late.maximum == max_late);
    }

    match kind {
        VariantKind::FitsBudget => {
            // Every installment is within the affordable amount; the plan
            // as a whole is affordable unless a down payment weighs on a
            // month.
            let limit = v.affordability.limit;
            prop_assert!(amounts.iter().all(|a| *a <= limit));
            if v.down_payment.is_zero() {
                prop_assert_eq!(v.affordability.verdict, Verdict::Affordable);
            }
            // The shortest term: one month fewer at the affordable amount
            // would not pay it (exact without plan interest).
            if v.term_months > 1 && interest.is_zero() {
                let limit = v.affordability.limit.grosze();
                let rest = (v.total - v.down_payment).grosze();
                prop_assert!(i64::from(v.term_months - 1) * limit < rest);
            }
        }
        VariantKind::LowestInstallment if interest.is_zero() => {
            // The lowest: one month more would go below the minimum.
            let rest = (v.total - v.down_payment).grosze();
            let n = i64::from(v.term_months);
            prop_assert!(
                v.term_months == p.max_term_months || rest / (n + 1) < p.min_installment.grosze()
            );
        }
        _ => {}
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_000))]

    #[test]
    fn every_variant_keeps_the_rules(req in requests()) {
        let offers = propose(&req).map_err(|e| TestCaseError::fail(e.to_string()));
        if req.debt.total().is_zero() {
            prop_assert!(offers.is_err());
            return Ok(());
        }
        let offers = offers?;
        for v in &offers.variants {
            check_variant(&req, v)?;
        }
        // Every variant is either built or explained, and the lowest
        // installment is always there when a down payment leaves something.
        let mut kinds: Vec<VariantKind> = offers
            .variants
            .iter()
            .map(|v| v.kind)
            .chain(offers.unbuilt.iter().map(|u| u.kind))
            .collect();
        kinds.sort();
        let mut expected = vec![
            VariantKind::LumpSum,
            VariantKind::FitsBudget,
            VariantKind::LowestInstallment,
        ];
        if req.vulnerable {
            expected.push(VariantKind::Forbearance);
        }
        if req.custom.is_some() {
            expected.push(VariantKind::Custom);
        }
        prop_assert_eq!(kinds, expected);
        for u in &offers.unbuilt {
            let ok = match u.kind {
                VariantKind::LumpSum => u.reason == UnbuiltReason::NothingLeftToPay,
                VariantKind::FitsBudget => matches!(
                    u.reason,
                    UnbuiltReason::BudgetTooSmall { .. }
                        | UnbuiltReason::TermTooLong { .. }
                        | UnbuiltReason::DownPaymentCoversTotal { .. }
                ),
                VariantKind::LowestInstallment | VariantKind::Forbearance => {
                    matches!(u.reason, UnbuiltReason::DownPaymentCoversTotal { .. })
                }
                VariantKind::Custom => true,
            };
            prop_assert!(ok, "{:?}", u);
        }
    }

    #[test]
    fn schedules_add_up_and_dates_increase(
        total in 1i64..=100_000_000,
        down_permille in 0i64..=999,
        equal in any::<bool>(),
        term in 1u32..=120,
        installment in 1i64..=10_000_000,
        days in 0u64..=36_500,
        due_day in 1u8..=31,
    ) {
        let down = total * down_permille / 1_000;
        let split = if equal {
            Split::Equal { term_months: term }
        } else {
            Split::Fixed { installment: grosze(installment) }
        };
        let first_due = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap() + Days::new(days);
        let spec = ScheduleSpec {
            total: grosze(total),
            down_payment: grosze(down),
            down_payment_due: first_due - Days::new(1),
            split,
            first_due,
            due_day,
        };
        let schedule = match build_schedule(&spec) {
            Err(ScheduleError::TooManyInstallments(_)) => {
                prop_assert!(!equal);
                return Ok(());
            }
            other => other.unwrap(),
        };
        let sum: i64 = schedule.iter().map(|i| i.amount.grosze()).sum();
        prop_assert_eq!(sum, total);
        for pair in schedule.windows(2) {
            prop_assert!(pair[0].due_on < pair[1].due_on);
        }
        let regular: Vec<i64> = schedule
            .iter()
            .filter(|i| !i.is_down_payment())
            .map(|i| i.amount.grosze())
            .collect();
        let (last, but_last) = regular.split_last().unwrap();
        if equal {
            prop_assert_eq!(regular.len(), term as usize);
            // Equal parts; the last carries the remainder, less than a grosz
            // per installment.
            prop_assert!(but_last.iter().all(|a| *a == regular[0]));
            prop_assert!(*last >= regular[0] && *last - regular[0] < i64::from(term));
        } else {
            prop_assert!(but_last.iter().all(|a| *a == installment));
            prop_assert!(*last > 0 && *last <= installment);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Limitation per debt, as `for_case` asks the engine: a debt is barred
    /// exactly from the day after its last enforceable day (and only while
    /// something is owed on it), no live debt is counted as barred, the
    /// plan interest runs on the live share only, and a case of barred
    /// debts only carries neither plan nor late-payment interest.
    #[test]
    fn for_case_judges_every_debt_on_its_own(
        parts in proptest::collection::vec((debts(), -400i64..=400), 1..=3),
        budget in budgets(),
        policy in policies(),
        authority in authorities(),
        days in 0u64..=3_000,
    ) {
        let today = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + Days::new(days);
        let debts: Vec<(DebtComponents, NaiveDate)> = parts
            .iter()
            .map(|(c, off)| (*c, today + chrono::Duration::days(*off)))
            .collect();
        let file = super::tests::case_with(&debts);
        let inputs = OfferInputs { today, budget, due_day: 10, custom: None };
        let req = OfferRequest::for_case(&file, inputs, policy, authority);
        prop_assert_eq!(req.debts.len(), debts.len());
        let mut barred = Money::ZERO;
        for ((c, last_day), d) in debts.iter().zip(&req.debts) {
            let is_barred = today > *last_day && c.total() > Money::ZERO;
            prop_assert_eq!(d.time_barred, is_barred);
            if is_barred {
                barred += c.total();
            }
        }
        prop_assert_eq!(req.time_barred, barred > Money::ZERO);
        let Ok(offers) = propose(&req) else {
            // Nothing owed at all: the engine says so, as for any case.
            prop_assert!(req.debt.total().is_zero());
            return Ok(());
        };
        let total = req.debt.total();
        for v in &offers.variants {
            check_variant(&req, v)?;
            prop_assert_eq!(v.time_barred_debt, barred);
            prop_assert_eq!(v.voluntary_only, barred > Money::ZERO);
            if barred == total {
                prop_assert!(v.plan_interest.is_none(), "{:?}", v.kind);
                prop_assert!(v.late_interest.is_none(), "{:?}", v.kind);
            }
            if let Some(pi) = v.plan_interest {
                let live = (total - barred).amount() / total.amount();
                prop_assert_eq!(pi.charged_share, live);
            }
        }
    }
}
