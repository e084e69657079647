//! Worked examples, checked by hand. The numbers in the comments are the
//! spreadsheet the assertions were written from.

use super::*;
use crate::format::{format_date, format_pln};
use expect_test::{expect, Expect};
use rust_decimal_macros::dec;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn zl(amount: Decimal) -> Money {
    Money::new(amount)
}

/// The visit day of every example: Monday 23.11.2026.
fn today() -> NaiveDate {
    d(2026, 11, 23)
}

/// 4 000,00 principal + 1 200,00 interest + 300,00 costs = 5 500,00.
fn debt() -> DebtComponents {
    DebtComponents {
        principal: zl(dec!(4000)),
        interest: zl(dec!(1200)),
        costs: zl(dec!(300)),
    }
}

/// Income 4 200,00 less essentials 3 200,00 (1 200 + 400 + 900 + 200 +
/// 300 + 200) = disposable 1 000,00; half of it, 500,00, is affordable.
fn budget() -> Budget {
    Budget {
        income: zl(dec!(4200)),
        expenses: Expenses {
            housing: zl(dec!(1200)),
            utilities: zl(dec!(400)),
            food: zl(dec!(900)),
            transport: zl(dec!(200)),
            dependants: zl(dec!(300)),
            other_debts: zl(dec!(200)),
        },
    }
}

fn policy() -> Policy {
    Policy {
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
        reference_rates: ReferenceRates::constant(dec!(0.0575)),
        plan_interest_rate: None,
        late_interest_rate: Some(dec!(0.25)),
        max_pause_months: 3,
        promises: Default::default(),
        contact_hours: Default::default(),
    }
}

fn authority() -> Authority {
    Authority {
        max_discount_share: dec!(0.25),
        max_discount_amount: zl(dec!(1000)),
        max_term_months: 24,
    }
}

fn request() -> OfferRequest {
    OfferRequest {
        debt: debt(),
        today: today(),
        budget: budget(),
        policy: policy(),
        authority: authority(),
        due_day: 10,
        time_barred: false,
        debts: Vec::new(),
        vulnerable: false,
        custom: None,
    }
}

fn custom(term_months: u32, down_payment: Money, due_day: u8) -> CustomTerms {
    CustomTerms {
        term_months,
        down_payment,
        discount: Money::ZERO,
        due_day,
        pause_months: 0,
        interest_freeze: false,
    }
}

fn variant(req: &OfferRequest, kind: VariantKind) -> Variant {
    let offers = propose(req).unwrap();
    offers
        .get(kind)
        .cloned()
        .unwrap_or_else(|| panic!("{kind:?} not built: {:?}", offers.unbuilt))
}

/// The schedule as "dd.mm.rrrr amount" rows, the down payment marked "0".
fn rows(v: &Variant) -> Vec<String> {
    v.schedule
        .iter()
        .map(|i| {
            format!(
                "{:>2} {} {}",
                i.number,
                format_date(i.due_on),
                format_pln(i.amount)
            )
        })
        .collect()
}

/// The whole offer as text, for snapshots.
fn render(offers: &Offers) -> String {
    let mut out = String::new();
    for v in &offers.variants {
        out += &format!(
            "{:?}: total {}, {} × {}, down {}\n",
            v.kind,
            format_pln(v.total),
            v.term_months,
            format_pln(v.installment),
            format_pln(v.down_payment)
        );
        out += &format!(
            "  discount: costs {}, interest {}, principal {}\n",
            format_pln(v.discount.costs),
            format_pln(v.discount.interest),
            format_pln(v.discount.principal)
        );
        if let Some(p) = &v.plan_interest {
            out += &format!(
                "  plan interest: {} at {} (asked {}, cap {}){}\n",
                format_pln(p.amount),
                format_share(p.effective_rate()),
                format_share(p.rate.requested),
                format_share(p.rate.maximum),
                if p.frozen { ", frozen" } else { "" }
            );
        }
        for r in rows(v) {
            out += &format!("  {r}\n");
        }
        let a = &v.affordability;
        out += &format!(
            "  {:?}: {} of disposable {} (limit {}){}\n",
            a.verdict,
            format_pln(a.payment),
            format_pln(a.disposable),
            format_pln(a.limit),
            if v.requires_reason {
                ", reason required"
            } else {
                ""
            }
        );
        for r in &v.approval {
            out += &format!("  approval: {r}\n");
        }
        if v.voluntary_only {
            out += "  voluntary only\n";
        }
    }
    for u in &offers.unbuilt {
        out += &format!("{:?} not built: {}\n", u.kind, u.reason);
    }
    out
}

fn check(req: &OfferRequest, expect: Expect) {
    expect.assert_eq(&render(&propose(req).unwrap()));
}

#[test]
fn the_three_standard_variants_of_the_worked_example() {
    let offers = propose(&request()).unwrap();
    let kinds: Vec<VariantKind> = offers.variants.iter().map(|v| v.kind).collect();
    assert_eq!(
        kinds,
        [
            VariantKind::LumpSum,
            VariantKind::FitsBudget,
            VariantKind::LowestInstallment
        ]
    );
    assert!(offers.unbuilt.is_empty());

    // Lump sum: 30 % of interest + costs (1 500,00) = 450,00 forgiven,
    // costs first: costs 300,00 → 0,00, interest 150,00 → 1 050,00.
    // 5 500,00 − 450,00 = 5 050,00, due 23.11.2026 + 14 days = 07.12.2026.
    // 30 % is above the advisor's 25 %: approval.
    // 5 050,00 is more than the 1 000,00 disposable: unaffordable.
    let lump = offers.get(VariantKind::LumpSum).unwrap();
    assert_eq!(lump.total, zl(dec!(5050)));
    assert_eq!(
        lump.discount,
        Discount {
            costs: zl(dec!(300)),
            interest: zl(dec!(150)),
            principal: Money::ZERO,
        }
    );
    assert_eq!(
        lump.settled,
        DebtComponents {
            principal: zl(dec!(4000)),
            interest: zl(dec!(1050)),
            costs: Money::ZERO,
        }
    );
    assert_eq!(rows(lump), [" 1 07.12.2026 5 050,00 zł"]);
    assert_eq!(
        lump.approval,
        [ApprovalReason::DiscountShareAboveAuthority {
            share: dec!(0.3),
            limit: dec!(0.25),
        }]
    );
    assert_eq!(lump.affordability.verdict, Verdict::Unaffordable);
    assert_eq!(lump.affordability.share, Some(dec!(5.05)));
    assert!(lump.requires_reason);
    // Late interest 25 % asked; 2 × (5,75 % + 5,5 %) = 22,5 % applies.
    assert_eq!(
        lump.late_interest,
        Some(CappedRate {
            requested: dec!(0.25),
            maximum: dec!(0.225),
            applied: dec!(0.225),
        })
    );

    // Fits the budget: down payment 10 % of 5 500,00 = 550,00, due
    // 23.11.2026 + 7 = 30.11.2026. The rest, 4 950,00, at the affordable
    // 500,00 (half of 1 000,00): ⌈4 950 / 500⌉ = 10 months, 9 × 500,00 +
    // 450,00. The first installment is at least 14 days out (07.12.2026),
    // so on the 10th: 10.12.2026 … 10.09.2027. 10 months, within 24.
    let fits = offers.get(VariantKind::FitsBudget).unwrap();
    assert_eq!(fits.total, zl(dec!(5500)));
    assert_eq!(fits.down_payment, zl(dec!(550)));
    assert_eq!((fits.term_months, fits.installment), (10, zl(dec!(500))));
    assert_eq!(
        rows(fits),
        [
            " 0 30.11.2026 550,00 zł",
            " 1 10.12.2026 500,00 zł",
            " 2 10.01.2027 500,00 zł",
            " 3 10.02.2027 500,00 zł",
            " 4 10.03.2027 500,00 zł",
            " 5 10.04.2027 500,00 zł",
            " 6 10.05.2027 500,00 zł",
            " 7 10.06.2027 500,00 zł",
            " 8 10.07.2027 500,00 zł",
            " 9 10.08.2027 500,00 zł",
            "10 10.09.2027 450,00 zł",
        ]
    );
    // Every installment is within the 500,00 limit, but November asks for
    // the 550,00 down payment: above the limit, within the 1 000,00
    // disposable, so the advisor writes down why the client can pay it
    // (issue #10, the down payment no longer escapes the check).
    assert_eq!(fits.affordability.payment, zl(dec!(550)));
    assert_eq!(fits.affordability.verdict, Verdict::NeedsReason);
    assert!(fits.approval.is_empty() && fits.requires_reason);

    // Lowest installment: 4 950,00 / 100,00 minimum = 49 months, held to
    // the maximum of 36: 4 950,00 / 36 = 137,50 exactly. 36 months is
    // above the advisor's 24: approval.
    let lowest = offers.get(VariantKind::LowestInstallment).unwrap();
    assert_eq!(
        (lowest.term_months, lowest.installment),
        (36, zl(dec!(137.50)))
    );
    assert!(lowest.installments().all(|i| i.amount == zl(dec!(137.50))));
    let last = lowest.schedule.last().unwrap();
    assert_eq!((last.number, last.due_on), (36, d(2029, 11, 10)));
    assert_eq!(
        lowest.approval,
        [ApprovalReason::TermAboveAuthority {
            months: 36,
            limit: 24,
        }]
    );
    // November's 550,00 down payment is the heaviest month: 550 / 1 000.
    assert_eq!(lowest.affordability.share, Some(dec!(0.55)));
    assert_eq!(lowest.affordability.verdict, Verdict::NeedsReason);
}

#[test]
fn twelve_installments_of_5500_on_the_31st() {
    // 5 500,00 / 12 = 458,333…: 11 × 458,33 = 5 041,63, and the last is
    // 5 500,00 − 5 041,63 = 458,37. No down payment: the first installment
    // is on the first 31st at least 14 days out (07.12.2026), 31.12.2026;
    // short months fall on their last day. Without the policy's 550,00 down
    // payment the plan needs approval; 458,37 is within the 500,00 limit.
    let req = OfferRequest {
        custom: Some(custom(12, Money::ZERO, 31)),
        ..request()
    };
    let v = variant(&req, VariantKind::Custom);
    assert_eq!(
        rows(&v),
        [
            " 1 31.12.2026 458,33 zł",
            " 2 31.01.2027 458,33 zł",
            " 3 28.02.2027 458,33 zł",
            " 4 31.03.2027 458,33 zł",
            " 5 30.04.2027 458,33 zł",
            " 6 31.05.2027 458,33 zł",
            " 7 30.06.2027 458,33 zł",
            " 8 31.07.2027 458,33 zł",
            " 9 31.08.2027 458,33 zł",
            "10 30.09.2027 458,33 zł",
            "11 31.10.2027 458,33 zł",
            "12 30.11.2027 458,37 zł",
        ]
    );
    assert_eq!(v.installment, zl(dec!(458.33)));
    assert_eq!(v.affordability.payment, zl(dec!(458.37)));
    assert_eq!(v.affordability.verdict, Verdict::Affordable);
    assert_eq!(
        v.approval,
        [ApprovalReason::DownPaymentBelowPolicy {
            amount: Money::ZERO,
            minimum: zl(dec!(550)),
        }]
    );
}

#[test]
fn due_days_past_the_end_of_the_month_fall_on_its_last_day() {
    // (first due, due day, expected dates)
    let cases = [
        (
            d(2027, 1, 31),
            31,
            vec![d(2027, 1, 31), d(2027, 2, 28), d(2027, 3, 31)],
        ),
        (
            d(2028, 1, 31),
            31,
            vec![d(2028, 1, 31), d(2028, 2, 29), d(2028, 3, 31)],
        ),
        (
            d(2027, 1, 30),
            30,
            vec![d(2027, 1, 30), d(2027, 2, 28), d(2027, 3, 30)],
        ),
        (
            d(2027, 1, 29),
            29,
            vec![d(2027, 1, 29), d(2027, 2, 28), d(2027, 3, 29)],
        ),
        (
            d(2028, 1, 29),
            29,
            vec![d(2028, 1, 29), d(2028, 2, 29), d(2028, 3, 29)],
        ),
        (
            d(2100, 1, 31),
            31,
            vec![d(2100, 1, 31), d(2100, 2, 28), d(2100, 3, 31)],
        ),
        (
            d(2026, 11, 30),
            31,
            vec![d(2026, 11, 30), d(2026, 12, 31), d(2027, 1, 31)],
        ),
        (
            d(2027, 4, 30),
            31,
            vec![d(2027, 4, 30), d(2027, 5, 31), d(2027, 6, 30)],
        ),
        (
            d(2026, 12, 1),
            1,
            vec![d(2026, 12, 1), d(2027, 1, 1), d(2027, 2, 1)],
        ),
    ];
    for (first, day, expected) in cases {
        assert_eq!(
            installment_dates(first, day, 3).unwrap(),
            expected,
            "{first} day {day}"
        );
    }
}

#[test]
fn the_first_installment_is_the_next_due_day_far_enough_out() {
    // (earliest, due day, first due date)
    let cases = [
        (d(2026, 12, 7), 10, d(2026, 12, 10)),
        (d(2026, 12, 7), 7, d(2026, 12, 7)),
        (d(2026, 12, 7), 5, d(2027, 1, 5)),
        (d(2026, 12, 7), 31, d(2026, 12, 31)),
        (d(2027, 2, 7), 31, d(2027, 2, 28)),
        (d(2028, 2, 7), 31, d(2028, 2, 29)),
        (d(2027, 2, 28), 30, d(2027, 2, 28)),
        (d(2027, 3, 1), 29, d(2027, 3, 29)),
        (d(2026, 12, 31), 1, d(2027, 1, 1)),
    ];
    for (earliest, day, expected) in cases {
        assert_eq!(
            next_due_date(earliest, day),
            Some(expected),
            "{earliest} {day}"
        );
    }
}

#[test]
fn schedules_add_up_to_the_grosz() {
    let first = d(2027, 1, 10);
    let spec = |total: Decimal, down: Decimal, split| ScheduleSpec {
        total: zl(total),
        down_payment: zl(down),
        down_payment_due: d(2026, 12, 1),
        split,
        first_due: first,
        due_day: 10,
    };
    let amounts = |s: &ScheduleSpec| -> Vec<String> {
        build_schedule(s)
            .unwrap()
            .iter()
            .map(|i| format!("{}:{}", i.number, crate::format::format_amount(i.amount)))
            .collect()
    };
    let equal = |n| Split::Equal { term_months: n };
    let fixed = |a: Decimal| Split::Fixed { installment: zl(a) };
    // (spec, amounts)
    let cases: Vec<(ScheduleSpec, Vec<&str>)> = vec![
        // 100,00 / 3 = 33,33 + 33,33 + 33,34.
        (
            spec(dec!(100), dec!(0), equal(3)),
            vec!["1:33,33", "2:33,33", "3:33,34"],
        ),
        // 0,05 / 3 = 0,01 + 0,01 + 0,03.
        (
            spec(dec!(0.05), dec!(0), equal(3)),
            vec!["1:0,01", "2:0,01", "3:0,03"],
        ),
        // Term 1: everything at once.
        (spec(dec!(1234.56), dec!(0), equal(1)), vec!["1:1 234,56"]),
        // Down payment 200,00, then 800,01 / 2 = 400,00 + 400,01.
        (
            spec(dec!(1000.01), dec!(200), equal(2)),
            vec!["0:200,00", "1:400,00", "2:400,01"],
        ),
        // 1 000,00 at 300,00: 300 + 300 + 300 + 100 (the last is smaller).
        (
            spec(dec!(1000), dec!(0), fixed(dec!(300))),
            vec!["1:300,00", "2:300,00", "3:300,00", "4:100,00"],
        ),
        // At an installment that divides it: no smaller last one.
        (
            spec(dec!(900), dec!(0), fixed(dec!(300))),
            vec!["1:300,00", "2:300,00", "3:300,00"],
        ),
        // An installment above the total: one payment.
        (
            spec(dec!(250), dec!(50), fixed(dec!(300))),
            vec!["0:50,00", "1:200,00"],
        ),
    ];
    for (s, expected) in cases {
        assert_eq!(amounts(&s), expected, "{s:?}");
    }
}

#[test]
fn schedules_that_cannot_be_built() {
    let ok = ScheduleSpec {
        total: zl(dec!(100)),
        down_payment: Money::ZERO,
        down_payment_due: d(2026, 12, 1),
        split: Split::Equal { term_months: 2 },
        first_due: d(2027, 1, 10),
        due_day: 10,
    };
    assert!(build_schedule(&ok).is_ok());
    let cases = [
        (
            ScheduleSpec {
                total: Money::ZERO,
                ..ok
            },
            ScheduleError::TotalNotPositive,
        ),
        (
            ScheduleSpec {
                down_payment: zl(dec!(-1)),
                ..ok
            },
            ScheduleError::NegativeDownPayment,
        ),
        (
            ScheduleSpec {
                down_payment: zl(dec!(100)),
                ..ok
            },
            ScheduleError::DownPaymentNotBelowTotal,
        ),
        (
            ScheduleSpec {
                split: Split::Equal { term_months: 0 },
                ..ok
            },
            ScheduleError::TermZero,
        ),
        (
            ScheduleSpec {
                split: Split::Fixed {
                    installment: Money::ZERO,
                },
                ..ok
            },
            ScheduleError::InstallmentNotPositive,
        ),
        (
            ScheduleSpec {
                split: Split::Fixed {
                    installment: zl(dec!(0.01)),
                },
                ..ok
            },
            ScheduleError::TooManyInstallments(10_000),
        ),
        (
            ScheduleSpec {
                split: Split::Equal { term_months: 601 },
                ..ok
            },
            ScheduleError::TooManyInstallments(601),
        ),
        (
            ScheduleSpec {
                total: zl(dec!(0.02)),
                split: Split::Equal { term_months: 3 },
                ..ok
            },
            ScheduleError::TermTooLongForAmount(3),
        ),
        (
            ScheduleSpec { due_day: 0, ..ok },
            ScheduleError::InvalidDueDay(0),
        ),
        (
            ScheduleSpec { due_day: 32, ..ok },
            ScheduleError::InvalidDueDay(32),
        ),
        (
            ScheduleSpec {
                down_payment: zl(dec!(10)),
                down_payment_due: d(2027, 1, 10),
                ..ok
            },
            ScheduleError::DownPaymentNotFirst,
        ),
    ];
    for (spec, error) in cases {
        assert_eq!(build_schedule(&spec), Err(error), "{spec:?}");
    }
}

#[test]
fn discounts_take_costs_then_interest_then_principal() {
    // Debt 4 000,00 / 1 200,00 / 300,00. (discount, costs, interest, principal)
    let cases = [
        (dec!(0), dec!(0), dec!(0), dec!(0)),
        (dec!(200), dec!(200), dec!(0), dec!(0)),
        (dec!(300), dec!(300), dec!(0), dec!(0)),
        (dec!(450), dec!(300), dec!(150), dec!(0)),
        (dec!(1500), dec!(300), dec!(1200), dec!(0)),
        (dec!(1700), dec!(300), dec!(1200), dec!(200)),
        // At most the whole debt; a negative discount forgives nothing.
        (dec!(9999), dec!(300), dec!(1200), dec!(4000)),
        (dec!(-5), dec!(0), dec!(0), dec!(0)),
    ];
    for (amount, costs, interest, principal) in cases {
        assert_eq!(
            Discount::waterfall(&debt(), zl(amount)),
            Discount {
                costs: zl(costs),
                interest: zl(interest),
                principal: zl(principal),
            },
            "{amount}"
        );
    }
    // A share of interest + costs (1 500,00), rounded down to the grosz.
    for (share, amount) in [
        (dec!(0.30), dec!(450)),
        (dec!(0.3333), dec!(499.95)),
        (dec!(0.33333), dec!(499.99)),
        (dec!(1), dec!(1500)),
        (dec!(0), dec!(0)),
    ] {
        assert_eq!(discount_for_share(&debt(), share), zl(amount), "{share}");
    }
}

#[test]
fn statutory_maximum_interest() {
    // (NBP reference rate, 2 × (rate + 3,5 pp), 2 × (rate + 5,5 pp))
    let cases = [
        (dec!(0.0575), dec!(0.185), dec!(0.225)),
        (dec!(0.0675), dec!(0.205), dec!(0.245)),
        (dec!(0.05), dec!(0.17), dec!(0.21)),
        (dec!(0), dec!(0.07), dec!(0.11)),
    ];
    for (reference, max, late) in cases {
        assert_eq!(max_interest_rate(reference), max, "{reference}");
        assert_eq!(max_late_interest_rate(reference), late, "{reference}");
    }
    let capped = CappedRate::new(dec!(0.25), dec!(0.185));
    assert_eq!(capped.applied, dec!(0.185));
    assert!(capped.was_capped());
    let within = CappedRate::new(dec!(0.10), dec!(0.185));
    assert_eq!(within.applied, dec!(0.10));
    assert!(!within.was_capped());
}

#[test]
fn plan_interest_is_capped_and_counted_on_the_declining_balance() {
    // Debt 1 000,00 + 150,00 + 50,00 = 1 200,00, no down payment, 3 months
    // on the 10th: 10.12.2026, 10.01.2027, 10.02.2027. The policy asks
    // 25 %, the statutory maximum is 2 × (5,75 % + 3,5 %) = 18,5 %.
    // Days: 23.11 → 10.12 = 17, then 31, then 31. Outstanding thirds 3, 2, 1:
    // weighted days 3 × 17 + 2 × 31 + 1 × 31 = 144.
    // On equal parts of 400,00: 1 200,00 × 0,185 × 144 / (365 × 3)
    //          = 31 968 / 1 095 = 29,1945… → 29,19 (rounded down).
    // But the installments carry the interest, 1 229,19 / 3 = 409,73 each,
    // so the balance they leave is smaller: 1 200,00 × 17 + 790,27 × 31 +
    // 380,54 × 31 = 20 400 + 24 498,37 + 11 796,74 = 56 695,11 zł-days,
    // × 0,185 / 365 = 28,7359… → 28,73. That is the interest: with it the
    // installments are 1 228,73 / 3 = 409,57 (the last 409,59), leaving
    // 20 400 + 790,43 × 31 + 380,86 × 31 = 56 709,99 zł-days, room for
    // 28,74 ≥ 28,73, so the cap holds on the real balance.
    let req = OfferRequest {
        debt: DebtComponents {
            principal: zl(dec!(1000)),
            interest: zl(dec!(150)),
            costs: zl(dec!(50)),
        },
        policy: Policy {
            plan_interest_rate: Some(dec!(0.25)),
            down_payment: DownPaymentRule {
                min_share: Decimal::ZERO,
                due_within_days: 7,
            },
            ..policy()
        },
        custom: Some(custom(3, Money::ZERO, 10)),
        ..request()
    };
    let v = variant(&req, VariantKind::Custom);
    let interest = v.plan_interest.unwrap();
    assert_eq!(
        interest.rate,
        CappedRate {
            requested: dec!(0.25),
            maximum: dec!(0.185),
            applied: dec!(0.185),
        }
    );
    assert!(interest.rate.was_capped() && !interest.frozen);
    assert_eq!(interest.amount, zl(dec!(28.73)));
    assert_eq!(v.total, zl(dec!(1228.73)));
    assert_eq!(
        rows(&v),
        [
            " 1 10.12.2026 409,57 zł",
            " 2 10.01.2027 409,57 zł",
            " 3 10.02.2027 409,59 zł",
        ]
    );
    assert!(v.approval.is_empty());

    // The same for a vulnerable client who asks for the interest to be
    // frozen: 3 × 400,00, no approval needed.
    let frozen = OfferRequest {
        vulnerable: true,
        custom: Some(CustomTerms {
            interest_freeze: true,
            ..custom(3, Money::ZERO, 10)
        }),
        ..req.clone()
    };
    let v = variant(&frozen, VariantKind::Custom);
    let interest = v.plan_interest.unwrap();
    assert!(interest.frozen);
    assert_eq!(
        (interest.amount, interest.effective_rate()),
        (Money::ZERO, Decimal::ZERO)
    );
    assert_eq!(v.total, zl(dec!(1200)));
    assert!(v.approval.is_empty());

    // A client who is not vulnerable needs approval for the freeze.
    let not_vulnerable = OfferRequest {
        vulnerable: false,
        ..frozen
    };
    assert_eq!(
        variant(&not_vulnerable, VariantKind::Custom).approval,
        [ApprovalReason::ForbearanceWithoutVulnerability]
    );
}

#[test]
fn plan_interest_amounts() {
    let pay = |rows: &[(NaiveDate, Decimal)]| -> Vec<Installment> {
        rows.iter()
            .zip(1..)
            .map(|(&(due_on, amount), number)| Installment {
                number,
                due_on,
                amount: zl(amount),
            })
            .collect()
    };
    // (financed, rate, start, payments, interest), the balance counted
    // against the financed amount first.
    let cases = [
        // The example above: 1 200,00 for 17 days, 800,00 for 31, 400,00 for
        // 31 = 20 400 + 24 800 + 12 400 = 57 600 zł-days;
        // × 0,185 / 365 = 10 656 / 365 = 29,1945… → 29,19.
        (
            dec!(1200),
            dec!(0.185),
            today(),
            pay(&[
                (d(2026, 12, 10), dec!(400)),
                (d(2027, 1, 10), dec!(400)),
                (d(2027, 2, 10), dec!(400)),
            ]),
            dec!(29.19),
        ),
        // The audit's case: 10 000,00 from 10.01.2027, 9 000,00 on
        // 10.02.2027 (31 days), the rest on 10.03.2027 (28 days):
        // 10 000 × 31 + 1 000 × 28 = 338 000 zł-days;
        // × 0,185 / 365 = 62 530 / 365 = 171,3150… → 171,31 (not the 228,08
        // that equal parts of 5 000,00 gave).
        (
            dec!(10000),
            dec!(0.185),
            d(2027, 1, 10),
            pay(&[
                (d(2027, 2, 10), dec!(9000)),
                (d(2027, 3, 10), dec!(1171.31)),
            ]),
            dec!(171.31),
        ),
        // One installment a year later at 10 %: 1 000,00 × 0,10 × 365/365.
        (
            dec!(1000),
            dec!(0.10),
            d(2027, 1, 1),
            pay(&[(d(2028, 1, 1), dec!(1100))]),
            dec!(100),
        ),
        // A leap year counts 366 days: 1 000,00 × 0,10 × 366/365 = 100,27.
        (
            dec!(1000),
            dec!(0.10),
            d(2028, 1, 1),
            pay(&[(d(2029, 1, 1), dec!(1100.27))]),
            dec!(100.27),
        ),
        // No rate, no interest.
        (
            dec!(1000),
            dec!(0),
            d(2027, 1, 1),
            pay(&[(d(2027, 2, 1), dec!(1000))]),
            dec!(0),
        ),
    ];
    for (financed, rate, start, payments, expected) in cases {
        assert_eq!(
            plan_interest_amount(zl(financed), rate, start, &payments),
            zl(expected),
            "{financed} at {rate}"
        );
    }
}

#[test]
fn the_effective_rate_of_a_schedule_on_its_actual_balance() {
    let pay = |rows: &[(NaiveDate, Decimal)]| -> Vec<Installment> {
        rows.iter()
            .zip(1..)
            .map(|(&(due_on, amount), number)| Installment {
                number,
                due_on,
                amount: zl(amount),
            })
            .collect()
    };
    // The audit: 10 000,00 at 9 000,00 a month with the old interest of
    // 228,08 (equal parts assumed). On the real balance, 338 000 zł-days
    // (10 000 × 31 + 1 000 × 28): 228,08 × 365 / 338 000 = 0,24630… —
    // 24,6 %, above the 18,5 % cap. (The audit's 24,2 % counts the unpaid
    // interest in the balance: 310 000 + 1 228,08 × 28 = 344 386.)
    let old = pay(&[
        (d(2027, 2, 10), dec!(9000)),
        (d(2027, 3, 10), dec!(1228.08)),
    ]);
    let rate =
        effective_annual_rate(zl(dec!(10228.08)), zl(dec!(228.08)), d(2027, 1, 10), &old).unwrap();
    assert_eq!(rate.round_dp(4), dec!(0.2463));
    // The interest the engine now charges, 171,31: 171,31 × 365 / 338 000
    // = 0,18499… — within 18,5 %.
    let new = pay(&[
        (d(2027, 2, 10), dec!(9000)),
        (d(2027, 3, 10), dec!(1171.31)),
    ]);
    let rate =
        effective_annual_rate(zl(dec!(10171.31)), zl(dec!(171.31)), d(2027, 1, 10), &new).unwrap();
    assert!(rate <= dec!(0.185), "{rate}");
    assert_eq!(rate.round_dp(4), dec!(0.1850));
    // A down payment is part of the balance until it is paid: 1 000,00 for
    // 7 days, then 900,00 for 24 days = 7 000 + 21 600 = 28 600 zł-days;
    // 10,00 × 365 / 28 600 = 0,12762…
    let with_down = vec![
        Installment {
            number: 0,
            due_on: d(2027, 1, 8),
            amount: zl(dec!(100)),
        },
        Installment {
            number: 1,
            due_on: d(2027, 2, 1),
            amount: zl(dec!(910)),
        },
    ];
    let rate =
        effective_annual_rate(zl(dec!(1010)), zl(dec!(10)), d(2027, 1, 1), &with_down).unwrap();
    assert_eq!(rate.round_dp(5), dec!(0.12762));
}

#[test]
fn a_vulnerable_client_gets_a_forbearance_variant() {
    // The lowest installment (36 × 137,50 after 550,00 down), with the first
    // installment deferred by the policy's 3 months: 10.12.2026 → 10.03.2027,
    // the last on 10.02.2030. Forbearance is within the advisor's
    // authority for a vulnerable client; only the 36 months are not.
    let req = OfferRequest {
        vulnerable: true,
        ..request()
    };
    let v = variant(&req, VariantKind::Forbearance);
    assert_eq!(v.pause_months, 3);
    assert_eq!(v.installment, zl(dec!(137.50)));
    let first = v.installments().next().unwrap();
    let last = v.schedule.last().unwrap();
    assert_eq!((first.number, first.due_on), (1, d(2027, 3, 10)));
    assert_eq!((last.number, last.due_on), (36, d(2030, 2, 10)));
    assert_eq!(
        v.approval,
        [ApprovalReason::TermAboveAuthority {
            months: 36,
            limit: 24,
        }]
    );
    // Not offered to a client who is not vulnerable; a pause they ask for
    // needs approval.
    let offers = propose(&request()).unwrap();
    assert!(offers.get(VariantKind::Forbearance).is_none());
    let paused = OfferRequest {
        custom: Some(CustomTerms {
            pause_months: 2,
            ..custom(10, zl(dec!(550)), 10)
        }),
        ..request()
    };
    let v = variant(&paused, VariantKind::Custom);
    assert_eq!(v.installments().next().unwrap().due_on, d(2027, 2, 10));
    assert_eq!(
        v.approval,
        [ApprovalReason::ForbearanceWithoutVulnerability]
    );
}

#[test]
fn a_time_barred_claim_is_settled_voluntarily_only() {
    let req = OfferRequest {
        time_barred: true,
        vulnerable: true,
        custom: Some(custom(12, zl(dec!(550)), 10)),
        ..request()
    };
    let offers = propose(&req).unwrap();
    assert_eq!(offers.variants.len(), 5);
    assert!(offers.variants.iter().all(|v| v.voluntary_only));
    assert!(propose(&request())
        .unwrap()
        .variants
        .iter()
        .all(|v| !v.voluntary_only));
}

#[test]
fn no_disposable_income_makes_every_variant_unaffordable_but_still_computed() {
    // Income 3 200,00 = essentials: disposable 0,00. Income 2 000,00:
    // disposable −1 200,00. Nothing is affordable, so there is no plan that
    // fits the budget, but the other variants are all there to discuss.
    for income in [dec!(3200), dec!(2000), dec!(0)] {
        let req = OfferRequest {
            budget: Budget {
                income: zl(income),
                ..budget()
            },
            custom: Some(custom(12, zl(dec!(550)), 10)),
            ..request()
        };
        let offers = propose(&req).unwrap();
        // The lump sum, the lowest installment and the custom terms.
        assert_eq!(offers.variants.len(), 3, "{income}");
        for v in &offers.variants {
            assert_eq!(v.affordability.verdict, Verdict::Unaffordable, "{income}");
            assert_eq!(v.affordability.share, None);
            assert_eq!(v.affordability.limit, Money::ZERO);
            assert!(v.requires_reason);
        }
        assert_eq!(
            offers.unbuilt,
            [Unbuilt {
                kind: VariantKind::FitsBudget,
                reason: UnbuiltReason::BudgetTooSmall {
                    limit: Money::ZERO,
                    minimum: zl(dec!(100)),
                },
            }]
        );
    }
}

#[test]
fn the_plan_that_fits_the_budget_and_when_there_is_none() {
    let with_income = |income: Decimal| OfferRequest {
        budget: Budget {
            income: zl(income),
            ..budget()
        },
        ..request()
    };
    // (income, outcome). Essentials are 3 200,00; half of the rest is
    // affordable; 4 950,00 is left after the 550,00 down payment.
    let cases = [
        // Disposable 1 000,00 → 500,00: 9 × 500,00 + 450,00.
        (dec!(4200), "10 × 500,00 zł"),
        // Disposable 20 000,00 → 10 000,00: everything in one installment.
        (dec!(23200), "1 × 4 950,00 zł"),
        // Disposable 300,00 → 150,00: ⌈4 950 / 150⌉ = 33 months.
        (dec!(3500), "33 × 150,00 zł"),
        // Disposable 240,00 → 120,00: 42 months, more than 36.
        (
            dec!(3440),
            "the affordable installment would need at least 42 months, more than the maximum of 36",
        ),
        // Disposable 150,00 → 75,00: below the 100,00 minimum.
        (
            dec!(3350),
            "the affordable installment of 75,00 zł is below the minimum installment of 100,00 zł",
        ),
    ];
    for (income, expected) in cases {
        let offers = propose(&with_income(income)).unwrap();
        let got = match offers.get(VariantKind::FitsBudget) {
            Some(v) => format!("{} × {}", v.term_months, format_pln(v.installment)),
            None => offers.unbuilt[0].reason.to_string(),
        };
        assert_eq!(got, expected, "{income}");
    }
}

#[test]
fn a_debt_smaller_than_the_minimum_installment_is_one_payment() {
    // 80,00 of principal, minimum installment 100,00: no down payment is
    // asked and every plan is a single payment on the 10th.
    let req = OfferRequest {
        debt: DebtComponents {
            principal: zl(dec!(80)),
            ..DebtComponents::default()
        },
        ..request()
    };
    check(
        &req,
        expect![[r#"
            LumpSum: total 80,00 zł, 1 × 80,00 zł, down 0,00 zł
              discount: costs 0,00 zł, interest 0,00 zł, principal 0,00 zł
               1 07.12.2026 80,00 zł
              Affordable: 80,00 zł of disposable 1 000,00 zł (limit 500,00 zł)
            FitsBudget: total 80,00 zł, 1 × 80,00 zł, down 0,00 zł
              discount: costs 0,00 zł, interest 0,00 zł, principal 0,00 zł
               1 10.12.2026 80,00 zł
              Affordable: 80,00 zł of disposable 1 000,00 zł (limit 500,00 zł)
            LowestInstallment: total 80,00 zł, 1 × 80,00 zł, down 0,00 zł
              discount: costs 0,00 zł, interest 0,00 zł, principal 0,00 zł
               1 10.12.2026 80,00 zł
              Affordable: 80,00 zł of disposable 1 000,00 zł (limit 500,00 zł)
        "#]],
    );
}

#[test]
fn custom_terms() {
    let with = |terms: CustomTerms| OfferRequest {
        custom: Some(terms),
        ..request()
    };
    let down = zl(dec!(550));
    // Term 1: the 4 950,00 after the down payment at once, on 10.12.2026;
    // twice the 1 000,00 disposable. 4 months: 1 237,50, still above.
    // 6 months: 825,00, above the 500,00 limit but within disposable.
    // 10 and 36 months: every installment is within the limit, but the
    // 550,00 down payment on 30.11.2026 is November's payment, above it.
    // A down payment of 400,00 and 12 months: 5 100,00 / 12 = 425,00, and
    // November asks 400,00: affordable.
    // The audit's case: 4 000,00 within 7 days and 10 × 150,00 against
    // 1 000,00 disposable: November asks 4 000,00, four times what is
    // left; unaffordable, though each installment is 150,00.
    let cases = [
        (custom(1, down, 10), "1 × 4 950,00 zł Unaffordable"),
        (custom(4, down, 10), "4 × 1 237,50 zł Unaffordable"),
        (custom(6, down, 10), "6 × 825,00 zł NeedsReason"),
        (custom(10, down, 10), "10 × 495,00 zł NeedsReason"),
        (custom(36, down, 10), "36 × 137,50 zł NeedsReason"),
        (custom(12, zl(dec!(400)), 10), "12 × 425,00 zł Affordable"),
        (
            custom(10, zl(dec!(4000)), 10),
            "10 × 150,00 zł Unaffordable",
        ),
    ];
    for (terms, expected) in cases {
        let v = variant(&with(terms), VariantKind::Custom);
        let got = format!(
            "{} × {} {:?}",
            v.term_months,
            format_pln(v.installment),
            v.affordability.verdict
        );
        assert_eq!(got, expected, "{terms:?}");
        assert_eq!(
            v.requires_reason,
            v.affordability.verdict != Verdict::Affordable
        );
    }
}

#[test]
fn custom_terms_crossing_the_advisors_authority() {
    let with = |terms: CustomTerms, max_discount: Decimal| OfferRequest {
        policy: Policy {
            max_discount,
            ..policy()
        },
        custom: Some(terms),
        ..request()
    };
    let down = zl(dec!(550));
    use ApprovalReason::*;
    let cases = [
        // 24 months, the policy's down payment: within authority.
        (custom(24, down, 10), dec!(0.5), vec![]),
        // 25 months: one month over.
        (
            custom(25, down, 10),
            dec!(0.5),
            vec![TermAboveAuthority {
                months: 25,
                limit: 24,
            }],
        ),
        // 375,00 off = costs 300,00 + interest 75,00: 25 % of 1 500,00,
        // exactly the limit.
        (
            CustomTerms {
                discount: zl(dec!(375)),
                ..custom(12, zl(dec!(512.50)), 10)
            },
            dec!(0.5),
            vec![],
        ),
        // 600,00 off: 40 % of interest and costs. The settled 4 900,00
        // asks for a 490,00 down payment; 400,00 is less. The 4 500,00 left
        // over 60 months would be 75,00 a month, but the policy ends at 36.
        (
            CustomTerms {
                discount: zl(dec!(600)),
                ..custom(36, zl(dec!(400)), 10)
            },
            dec!(0.5),
            vec![
                DiscountShareAboveAuthority {
                    share: dec!(0.4),
                    limit: dec!(0.25),
                },
                TermAboveAuthority {
                    months: 36,
                    limit: 24,
                },
                DownPaymentBelowPolicy {
                    amount: zl(dec!(400)),
                    minimum: zl(dec!(490)),
                },
            ],
        ),
        // 1 700,00 off, where the policy allows all of interest and costs:
        // 1 500,00 of them and 200,00 of principal. 3 800,00 settled, down
        // 380,00, 3 420,00 over 36 months = 95,00, below the 100,00 minimum.
        (
            CustomTerms {
                discount: zl(dec!(1700)),
                ..custom(36, zl(dec!(380)), 10)
            },
            dec!(1),
            vec![
                DiscountShareAboveAuthority {
                    share: dec!(1),
                    limit: dec!(0.25),
                },
                DiscountAmountAboveAuthority {
                    amount: zl(dec!(1700)),
                    limit: zl(dec!(1000)),
                },
                PrincipalDiscount {
                    amount: zl(dec!(200)),
                },
                TermAboveAuthority {
                    months: 36,
                    limit: 24,
                },
                InstallmentBelowMinimum {
                    installment: zl(dec!(95)),
                    minimum: zl(dec!(100)),
                },
            ],
        ),
    ];
    for (terms, max_discount, expected) in cases {
        let v = variant(&with(terms, max_discount), VariantKind::Custom);
        assert_eq!(v.approval, expected, "{terms:?}");
        assert_eq!(v.needs_approval(), !expected.is_empty());
    }
}

#[test]
fn custom_terms_that_cannot_be_built() {
    let with = |terms: CustomTerms| OfferRequest {
        custom: Some(terms),
        ..request()
    };
    let down = zl(dec!(550));
    let cases = [
        (custom(0, down, 10), "the term must be at least one month"),
        (
            custom(37, down, 10),
            "the term of 37 months is above the policy's maximum of 36",
        ),
        (custom(12, down, 0), "due day 0 is not a day of the month (1 to 31)"),
        (custom(12, down, 32), "due day 32 is not a day of the month (1 to 31)"),
        (
            custom(12, zl(dec!(-1)), 10),
            "the down payment must not be negative",
        ),
        (
            custom(12, zl(dec!(5500)), 10),
            "the down payment of 5 500,00 zł covers the whole 5 500,00 zł: offer a lump sum instead",
        ),
        (
            CustomTerms {
                pause_months: 4,
                ..custom(12, down, 10)
            },
            "the pause of 4 months is above the policy's maximum of 3",
        ),
        (
            CustomTerms {
                discount: zl(dec!(-0.01)),
                ..custom(12, down, 10)
            },
            "the discount must not be negative",
        ),
        (
            CustomTerms {
                discount: zl(dec!(751)),
                ..custom(12, down, 10)
            },
            "the discount of 50,07 % of interest and costs is above the policy's maximum of 50 %",
        ),
        (
            CustomTerms {
                discount: zl(dec!(5500.01)),
                ..custom(12, down, 10)
            },
            "the discount of 5 500,01 zł is more than the debt of 5 500,00 zł",
        ),
    ];
    for (terms, expected) in cases {
        let offers = propose(&with(terms)).unwrap();
        assert_eq!(offers.variants.len(), 3, "the standard variants stay");
        assert_eq!(offers.unbuilt.len(), 1, "{terms:?}");
        assert_eq!(offers.unbuilt[0].kind, VariantKind::Custom);
        assert_eq!(offers.unbuilt[0].reason.to_string(), expected, "{terms:?}");
    }
}

#[test]
fn affordability_verdicts() {
    // (payment, disposable, verdict, limit, share); the policy allows half.
    let cases = [
        (
            dec!(500),
            dec!(1000),
            Verdict::Affordable,
            dec!(500),
            Some(dec!(0.5)),
        ),
        (
            dec!(500.01),
            dec!(1000),
            Verdict::NeedsReason,
            dec!(500),
            Some(dec!(0.5)),
        ),
        (
            dec!(1000),
            dec!(1000),
            Verdict::NeedsReason,
            dec!(500),
            Some(dec!(1)),
        ),
        (
            dec!(1000.01),
            dec!(1000),
            Verdict::Unaffordable,
            dec!(500),
            Some(dec!(1)),
        ),
        // Half of 1,01 is 0,505: the limit is rounded down to 0,50.
        (
            dec!(0.50),
            dec!(1.01),
            Verdict::Affordable,
            dec!(0.50),
            Some(dec!(0.495)),
        ),
        (
            dec!(0.51),
            dec!(1.01),
            Verdict::NeedsReason,
            dec!(0.50),
            Some(dec!(0.505)),
        ),
        (dec!(10), dec!(0), Verdict::Unaffordable, dec!(0), None),
        (dec!(10), dec!(-5), Verdict::Unaffordable, dec!(0), None),
    ];
    for (payment, disposable, verdict, limit, share) in cases {
        let a = Affordability::assess(zl(payment), zl(disposable), dec!(0.5));
        assert_eq!(
            (a.verdict, a.limit, a.share),
            (verdict, zl(limit), share),
            "{payment} of {disposable}"
        );
    }
    assert_eq!(budget().expenses.total(), zl(dec!(3200)));
    assert_eq!(budget().disposable(), zl(dec!(1000)));
}

#[test]
fn accepting_an_offer_above_the_affordable_share_needs_a_written_reason() {
    // Without a down payment the plan at the affordable 500,00 needs no
    // reason: 11 × 500,00, one payment a month.
    let offers = propose(&OfferRequest {
        policy: Policy {
            down_payment: DownPaymentRule {
                min_share: Decimal::ZERO,
                due_within_days: 7,
            },
            ..policy()
        },
        ..request()
    })
    .unwrap();
    let lump = offers.get(VariantKind::LumpSum).unwrap().clone();
    let fits = offers.get(VariantKind::FitsBudget).unwrap().clone();
    assert!(lump.requires_reason && !fits.requires_reason);
    // (variant, reason given, the reason kept or the error)
    type Outcome<'a> = Result<Option<&'a str>, AcceptError>;
    let cases: [(&Variant, Option<&str>, Outcome); 7] = [
        (&lump, None, Err(AcceptError::ReasonMissing)),
        (&lump, Some(""), Err(AcceptError::ReasonBlank)),
        (&lump, Some(" \t\n "), Err(AcceptError::ReasonBlank)),
        (
            &lump,
            Some("  klient spłaci z oszczędności  "),
            Ok(Some("klient spłaci z oszczędności")),
        ),
        (&fits, None, Ok(None)),
        (&fits, Some("   "), Ok(None)),
        (
            &fits,
            Some("na prośbę klienta"),
            Ok(Some("na prośbę klienta")),
        ),
    ];
    for (v, reason, expected) in cases {
        let got = accept(v.clone(), reason);
        let got = got.as_ref().map(|a| a.reason()).map_err(|e| *e);
        assert_eq!(got, expected, "{:?} {reason:?}", v.kind);
    }
    let accepted = accept(lump.clone(), Some("z oszczędności")).unwrap();
    assert_eq!(accepted.variant(), &lump);
    assert!(accepted.needs_approval());
    assert_eq!(
        AcceptError::ReasonBlank.to_string(),
        "the reason is empty: write why the client can carry this installment"
    );
}

#[test]
fn requests_that_make_no_sense_are_errors() {
    let with_policy = |policy: Policy| OfferRequest {
        policy,
        ..request()
    };
    let cases: Vec<(OfferRequest, &str)> = vec![
        (
            OfferRequest {
                debt: DebtComponents::default(),
                ..request()
            },
            "the debt has nothing outstanding",
        ),
        (
            OfferRequest {
                debt: DebtComponents {
                    interest: zl(dec!(-1)),
                    ..debt()
                },
                ..request()
            },
            "the debt's interest is negative",
        ),
        (
            OfferRequest {
                budget: Budget {
                    expenses: Expenses {
                        food: zl(dec!(-1)),
                        ..budget().expenses
                    },
                    ..budget()
                },
                ..request()
            },
            "the budget's food is negative",
        ),
        (
            OfferRequest {
                due_day: 0,
                ..request()
            },
            "due day 0 is not a day of the month (1 to 31)",
        ),
        (
            with_policy(Policy {
                min_installment: Money::ZERO,
                ..policy()
            }),
            "the policy's minimum installment must be above 0,00 zł and at most 10 000 000 000 000,00 zł, not 0,00 zł",
        ),
        (
            with_policy(Policy {
                max_term_months: 0,
                ..policy()
            }),
            "the policy's maximum term must be between 1 and 120 months, not 0",
        ),
        (
            with_policy(Policy {
                max_pause_months: 13,
                ..policy()
            }),
            "the policy's maximum pause must be between 0 and 12 months, not 13",
        ),
        (
            with_policy(Policy {
                lump_sum_days: 400,
                ..policy()
            }),
            "the policy's lump-sum window must be at most 366 days, not 400",
        ),
        (
            with_policy(Policy {
                down_payment: DownPaymentRule {
                    min_share: dec!(1),
                    due_within_days: 7,
                },
                ..policy()
            }),
            "the policy's down payment share must be at least 0 and below 1, not 1",
        ),
        (
            with_policy(Policy {
                affordable_share: dec!(0),
                ..policy()
            }),
            "the policy's affordable share must be above 0 and at most 1, not 0",
        ),
        (
            with_policy(Policy {
                plan_interest_rate: Some(dec!(-0.01)),
                ..policy()
            }),
            "the policy's plan interest rate must be between 0 and 1 a year, not -0.01",
        ),
        (
            with_policy(Policy {
                lump_sum_discount: dec!(0.6),
                ..policy()
            }),
            "the policy's lump-sum discount 0.6 is above its maximum discount 0.5",
        ),
        (
            OfferRequest {
                authority: Authority {
                    max_term_months: 0,
                    ..authority()
                },
                ..request()
            },
            "the advisor's maximum term must be between 1 and 600 months, not 0",
        ),
        (
            OfferRequest {
                authority: Authority {
                    max_discount_amount: zl(dec!(-1)),
                    ..authority()
                },
                ..request()
            },
            "the advisor's discount limit must not be negative",
        ),
        (
            OfferRequest {
                today: NaiveDate::MAX,
                ..request()
            },
            "the offer's dates run past the last representable date",
        ),
        // Issue #10: 9e16 zł overflowed the sums in grosze and panicked;
        // Decimal::MAX components overflowed the sum of the debt.
        (
            OfferRequest {
                debt: DebtComponents {
                    principal: zl(dec!(90_000_000_000_000_000)),
                    ..debt()
                },
                ..request()
            },
            "the principal is too large",
        ),
        (
            OfferRequest {
                debt: DebtComponents {
                    principal: Money::new(Decimal::MAX),
                    interest: Money::new(Decimal::MAX),
                    costs: Money::new(Decimal::MAX),
                },
                ..request()
            },
            "the principal is too large",
        ),
        (
            OfferRequest {
                budget: Budget {
                    income: Money::new(Decimal::MAX),
                    ..budget()
                },
                ..request()
            },
            "the income is too large",
        ),
        (
            OfferRequest {
                debts: vec![OfferDebt {
                    outstanding: DebtComponents {
                        principal: zl(dec!(1)),
                        ..debt()
                    },
                    time_barred: false,
                }],
                ..request()
            },
            "the debts of the case do not add up to the debt",
        ),
        (
            OfferRequest {
                debts: vec![OfferDebt {
                    outstanding: debt(),
                    time_barred: true,
                }],
                ..request()
            },
            "the case's time-barred flag disagrees with its debts",
        ),
    ];
    for (req, expected) in cases {
        assert_eq!(propose(&req).unwrap_err().to_string(), expected);
    }
}

#[test]
fn messages_are_lowercase_without_a_trailing_period() {
    let reasons = [
        ApprovalReason::DiscountShareAboveAuthority {
            share: dec!(0.3),
            limit: dec!(0.25),
        },
        ApprovalReason::DiscountAmountAboveAuthority {
            amount: zl(dec!(1700)),
            limit: zl(dec!(1000)),
        },
        ApprovalReason::PrincipalDiscount {
            amount: zl(dec!(200)),
        },
        ApprovalReason::TermAboveAuthority {
            months: 36,
            limit: 24,
        },
        ApprovalReason::InstallmentBelowMinimum {
            installment: zl(dec!(95)),
            minimum: zl(dec!(100)),
        },
        ApprovalReason::DownPaymentBelowPolicy {
            amount: Money::ZERO,
            minimum: zl(dec!(550)),
        },
        ApprovalReason::ForbearanceWithoutVulnerability,
    ];
    let messages: Vec<String> = reasons
        .iter()
        .map(ToString::to_string)
        .chain([
            AcceptError::ReasonMissing.to_string(),
            AcceptError::ReasonBlank.to_string(),
            UnbuiltReason::NothingLeftToPay.to_string(),
            UnbuiltReason::TermZero.to_string(),
        ])
        .collect();
    for m in &messages {
        assert!(
            m.starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit()),
            "{m}"
        );
        assert!(!m.ends_with('.'), "{m}");
    }
    expect![[r#"
        the discount of 30 % of interest and costs is above the advisor's 25 %
        the discount of 1 700,00 zł is above the advisor's 1 000,00 zł
        200,00 zł of principal is forgiven
        the term of 36 months is above the advisor's 24 months
        the installment of 95,00 zł is below the minimum of 100,00 zł
        the down payment of 0,00 zł is below the policy's 550,00 zł
        a payment pause or interest freeze for a client not recorded as vulnerable"#]]
    .assert_eq(&messages[..7].join("\n"));
}

/// Issue #10's audit, with the policy's plan rate at the 18,5 % cap.
fn with_plan_rate(rate: Decimal) -> OfferRequest {
    OfferRequest {
        policy: Policy {
            plan_interest_rate: Some(rate),
            ..policy()
        },
        ..request()
    }
}

#[test]
fn the_plan_that_fits_the_budget_charges_interest_on_its_real_balance() {
    // 5 500,00, 550,00 down on 30.11.2026, 4 950,00 at 500,00 a month from
    // 10.12.2026. The balance before each installment and the days it runs:
    // 4 950 × 17 (23.11 → 10.12) = 84 150, 4 450 × 31 = 137 950,
    // 3 950 × 31 = 122 450, 3 450 × 28 = 96 600, 2 950 × 31 = 91 450,
    // 2 450 × 30 = 73 500, 1 950 × 31 = 60 450, 1 450 × 30 = 43 500,
    // 950 × 31 = 29 450, 450 × 31 = 13 950: 753 450 zł-days.
    // At 18,5 %: 753 450 × 0,185 / 365 = 139 388,25 / 365 = 381,885… →
    // 381,88. 4 950,00 + 381,88 = 5 331,88 = 10 × 500,00 + 331,88, the
    // eleventh installment on 10.10.2027. (The audit found 19,1 % for the
    // equal-parts interest on this plan.)
    let v = variant(&with_plan_rate(dec!(0.185)), VariantKind::FitsBudget);
    assert_eq!(v.plan_interest.unwrap().amount, zl(dec!(381.88)));
    assert_eq!(v.total, zl(dec!(5881.88)));
    assert_eq!(v.term_months, 11);
    let last = v.schedule.last().unwrap();
    assert_eq!(
        (last.due_on, last.amount),
        (d(2027, 10, 10), zl(dec!(331.88)))
    );
    // On the whole balance, the down payment's 7 days included:
    // 5 500 × 7 + 4 950 × 10 + (753 450 − 84 150) = 757 300 zł-days;
    // 381,88 × 365 / 757 300 = 0,18405… ≤ 18,5 %.
    let rate = effective_annual_rate(v.total, zl(dec!(381.88)), today(), &v.schedule).unwrap();
    assert_eq!(rate.round_dp(5), dec!(0.18406));

    // The rate in force on 23.11.2026 is 3,75 % (since 5.03.2026): the cap
    // is 2 × (3,75 % + 3,5 %) = 14,5 %, and the 25 % asked is held to it:
    // 753 450 × 0,145 / 365 = 109 250,25 / 365 = 299,315… → 299,31;
    // 4 950,00 + 299,31 = 5 249,31 = 10 × 500,00 + 249,31, 11 installments.
    let mut dated = with_plan_rate(dec!(0.25));
    dated.policy.reference_rates = ReferenceRates::nbp();
    let v = variant(&dated, VariantKind::FitsBudget);
    let pi = v.plan_interest.unwrap();
    assert_eq!(
        pi.rate,
        CappedRate {
            requested: dec!(0.25),
            maximum: dec!(0.145),
            applied: dec!(0.145)
        }
    );
    assert_eq!(pi.amount, zl(dec!(299.31)));
    assert_eq!(v.schedule.last().unwrap().amount, zl(dec!(249.31)));
    // The late-payment cap from the same rate: 2 × (3,75 % + 5,5 %) = 18,5 %.
    assert_eq!(v.late_interest.unwrap().maximum, dec!(0.185));
    // With a table of one 5,75 % for every day, the cap is 18,5 %.
    let v = variant(&with_plan_rate(dec!(0.25)), VariantKind::FitsBudget);
    assert_eq!(v.plan_interest.unwrap().rate.maximum, dec!(0.185));
}

#[test]
fn limitation_is_per_debt() {
    // The case's 5 500,00 is two debts: 4 000,00 (3 000 + 900 + 100)
    // time-barred, 1 500,00 (1 000 + 300 + 200) enforceable.
    let barred = DebtComponents {
        principal: zl(dec!(3000)),
        interest: zl(dec!(900)),
        costs: zl(dec!(100)),
    };
    let live = DebtComponents {
        principal: zl(dec!(1000)),
        interest: zl(dec!(300)),
        costs: zl(dec!(200)),
    };
    let mixed = OfferRequest {
        time_barred: true,
        debts: vec![
            OfferDebt {
                outstanding: barred,
                time_barred: true,
            },
            OfferDebt {
                outstanding: live,
                time_barred: false,
            },
        ],
        ..with_plan_rate(dec!(0.185))
    };
    // Interest runs on the enforceable 1 500 / 5 500 = 3/11 of the
    // balance: 753 450 zł-days (as above) × 0,185 × 3/11 / 365
    // = 38 014,977… / 365 = 104,150… → 104,15.
    let v = variant(&mixed, VariantKind::FitsBudget);
    assert!(v.voluntary_only);
    assert_eq!(v.time_barred_debt, zl(dec!(4000)));
    let pi = v.plan_interest.unwrap();
    assert_eq!(pi.amount, zl(dec!(104.15)));
    assert_eq!(pi.charged_share, dec!(1500) / dec!(5500));
    assert!(v.late_interest.is_some());

    // Every debt time-barred: a voluntary settlement with no plan interest
    // and no late-payment interest, in every variant.
    let all = OfferRequest {
        time_barred: true,
        debts: vec![
            OfferDebt {
                outstanding: barred,
                time_barred: true,
            },
            OfferDebt {
                outstanding: live,
                time_barred: true,
            },
        ],
        ..mixed.clone()
    };
    let offers = propose(&all).unwrap();
    assert!(!offers.variants.is_empty());
    for v in &offers.variants {
        assert!(v.voluntary_only && v.plan_interest.is_none() && v.late_interest.is_none());
        assert_eq!(v.time_barred_debt, zl(dec!(5500)));
    }
    // The same from the case-level flag alone (callers without the debts).
    let whole = OfferRequest {
        debts: Vec::new(),
        ..all
    };
    assert!(propose(&whole)
        .unwrap()
        .variants
        .iter()
        .all(|v| v.plan_interest.is_none() && v.late_interest.is_none()));
    // Nothing barred: the full rate, nothing voluntary.
    let none = OfferRequest {
        time_barred: false,
        debts: vec![
            OfferDebt {
                outstanding: barred,
                time_barred: false,
            },
            OfferDebt {
                outstanding: live,
                time_barred: false,
            },
        ],
        ..mixed
    };
    let v = variant(&none, VariantKind::FitsBudget);
    assert!(!v.voluntary_only && v.time_barred_debt.is_zero());
    assert_eq!(v.plan_interest.unwrap().amount, zl(dec!(381.88)));
}

#[test]
fn policy_validate_names_the_field() {
    let cases = [
        (
            Policy {
                min_installment: Money::ZERO,
                ..policy()
            },
            PolicyField::MinInstallment,
        ),
        (
            Policy {
                affordable_share: Decimal::ZERO,
                ..policy()
            },
            PolicyField::AffordableShare,
        ),
        (
            Policy {
                down_payment: DownPaymentRule {
                    min_share: Decimal::ONE,
                    due_within_days: 7,
                },
                ..policy()
            },
            PolicyField::DownPaymentMinShare,
        ),
        (
            Policy {
                lump_sum_discount: dec!(0.6),
                ..policy()
            },
            PolicyField::LumpSumDiscount,
        ),
        (
            Policy {
                max_pause_months: 13,
                ..policy()
            },
            PolicyField::MaxPauseMonths,
        ),
        (
            Policy {
                max_term_months: 0,
                ..policy()
            },
            PolicyField::MaxTermMonths,
        ),
        (
            Policy {
                max_term_months: 121,
                ..policy()
            },
            PolicyField::MaxTermMonths,
        ),
        (
            Policy {
                max_discount: dec!(1.5),
                ..policy()
            },
            PolicyField::MaxDiscount,
        ),
        (
            Policy {
                late_interest_rate: Some(dec!(8)),
                ..policy()
            },
            PolicyField::LateInterestRate,
        ),
        (
            Policy {
                reference_rates: ReferenceRates::constant(dec!(5.75)),
                ..policy()
            },
            PolicyField::ReferenceRate,
        ),
        (
            Policy {
                reference_rates: ReferenceRates::from_changes(Vec::new()),
                ..policy()
            },
            PolicyField::ReferenceRate,
        ),
        (
            Policy {
                promises: crate::status::PromiseRules { grace_days: 367 },
                ..policy()
            },
            PolicyField::PromiseGraceDays,
        ),
        (
            // Saturday from 7:00: the ZDP allow 8:00 at the earliest.
            Policy {
                contact_hours: crate::hours::ContactHours {
                    saturday: Some(crate::hours::DayHours::hours(7, 12)),
                    ..Default::default()
                },
                ..policy()
            },
            PolicyField::ContactHours,
        ),
    ];
    for (p, field) in cases {
        assert_eq!(p.validate().map_err(|e| e.field()), Err(field), "{p:?}");
    }
    assert_eq!(policy().validate(), Ok(()));
    assert_eq!(
        Policy {
            max_pause_months: 12,
            max_term_months: 120,
            ..policy()
        }
        .validate(),
        Ok(())
    );
    assert_eq!(
        PolicyField::DownPaymentMinShare.code(),
        "down_payment_min_share"
    );
}

/// A case file with these debts (outstanding, last enforceable day), for
/// `for_case`.
pub(super) fn case_with(debts: &[(DebtComponents, NaiveDate)]) -> crate::CaseFile {
    use crate::{
        AdvisorId, Case, CaseFile, CaseId, CaseStatus, CreditorKind, Debt, DebtId, Debtor, DebtorId,
    };
    let id = |n: u128| uuid::Uuid::from_u128(n);
    CaseFile {
        case: Case {
            id: CaseId(id(1)),
            number: "PT/2026/000001".into(),
            debtor_id: DebtorId(id(2)),
            advisor_id: AdvisorId(id(3)),
            status: CaseStatus::New,
            opened_on: d(2026, 1, 5),
            appointment: None,
        },
        debtor: Debtor {
            id: DebtorId(id(2)),
            first_name: "Anna".into(),
            last_name: "Nowak".into(),
            pesel: "44051401359".into(),
            phones: Vec::new(),
            emails: Vec::new(),
            addresses: Vec::new(),
            consents: Vec::new(),
            vulnerability: None,
            vulnerability_since: None,
        },
        debts: debts
            .iter()
            .zip(10u128..)
            .map(|((outstanding, limitation_date), n)| Debt {
                id: DebtId(id(n)),
                case_id: CaseId(id(1)),
                title: format!("Umowa nr {n}/2019"),
                original_creditor: "Telekom S.A.".into(),
                creditor_kind: CreditorKind::Telecom,
                outstanding: *outstanding,
                due_since: d(2019, 3, 1),
                limitation_date: *limitation_date,
            })
            .collect(),
        payments: Vec::new(),
        promises: Vec::new(),
        activities: Vec::new(),
        agreements: Vec::new(),
        contacts: Vec::new(),
        thread: Default::default(),
    }
}

/// A case of two debts: 4 000,00 (3 000 + 900 + 100) whose last
/// enforceable day is `barred_until`, and 1 500,00 (1 000 + 300 + 200)
/// enforceable until 31.12.2028. Together the 5 500,00 of [`debt`].
fn two_debt_case(barred_until: NaiveDate) -> crate::CaseFile {
    case_with(&[
        (
            DebtComponents {
                principal: zl(dec!(3000)),
                interest: zl(dec!(900)),
                costs: zl(dec!(100)),
            },
            barred_until,
        ),
        (
            DebtComponents {
                principal: zl(dec!(1000)),
                interest: zl(dec!(300)),
                costs: zl(dec!(200)),
            },
            d(2028, 12, 31),
        ),
    ])
}

fn inputs_on(today: NaiveDate) -> OfferInputs {
    OfferInputs {
        today,
        budget: budget(),
        due_day: 10,
        custom: None,
    }
}

#[test]
fn for_case_judges_limitation_per_debt() {
    let policy = Policy {
        plan_interest_rate: Some(dec!(0.185)),
        ..policy()
    };
    // The first debt's last enforceable day is the offer day itself: still
    // enforceable, so the whole 5 500,00 bears interest as in
    // `the_plan_that_fits_the_budget_charges_interest_on_its_real_balance`.
    let file = two_debt_case(today());
    let req = OfferRequest::for_case(&file, inputs_on(today()), policy.clone(), authority());
    assert!(!req.time_barred);
    assert_eq!(
        req.debts.iter().map(|d| d.time_barred).collect::<Vec<_>>(),
        [false, false]
    );
    let v = variant(&req, VariantKind::FitsBudget);
    assert!(!v.voluntary_only);
    assert_eq!(v.plan_interest.unwrap().amount, zl(dec!(381.88)));

    // Barred since 23.11.2026 (its last day was the 22nd): only that debt.
    // Interest runs on the live 1 500 / 5 500 of the balance: 753 450
    // zł-days × 0,185 × 3/11 / 365 = 104,15 (as in
    // `limitation_is_per_debt`); the late-payment rate stays, on the live
    // debt only. Before, the whole case was voluntary and had neither.
    let file = two_debt_case(d(2026, 11, 22));
    let req = OfferRequest::for_case(&file, inputs_on(today()), policy.clone(), authority());
    assert!(req.time_barred);
    assert_eq!(
        req.debts.iter().map(|d| d.time_barred).collect::<Vec<_>>(),
        [true, false]
    );
    let v = variant(&req, VariantKind::FitsBudget);
    assert!(v.voluntary_only);
    assert_eq!(v.time_barred_debt, zl(dec!(4000)));
    assert_eq!(v.plan_interest.unwrap().amount, zl(dec!(104.15)));
    assert_eq!(v.total, zl(dec!(5604.15)));
    assert!(v.late_interest.is_some());

    // A barred debt paid off is no claim: nothing is voluntary.
    let mut paid = two_debt_case(d(2026, 11, 22));
    paid.debts[0].outstanding = DebtComponents::default();
    let req = OfferRequest::for_case(&paid, inputs_on(today()), policy, authority());
    assert!(!req.time_barred && req.debts.iter().all(|d| !d.time_barred));
}

#[test]
fn an_added_reference_rate_changes_the_cap_from_its_day_and_not_before() {
    // The seeded table has 3,75 % on 23.11.2026: the cap is 2 × (3,75 % +
    // 3,5 %) = 14,5 %, and the 25 % asked gives 753 450 zł-days × 0,145 /
    // 365 = 299,31 on the plan that fits the budget (see above).
    let file = two_debt_case(d(2028, 12, 31));
    let asked = |rates: ReferenceRates| Policy {
        plan_interest_rate: Some(dec!(0.25)),
        reference_rates: rates,
        ..policy()
    };
    let offer = |rates: ReferenceRates| {
        let req = OfferRequest::for_case(&file, inputs_on(today()), asked(rates), authority());
        variant(&req, VariantKind::FitsBudget)
    };
    let seeded = offer(ReferenceRates::nbp());
    assert_eq!(seeded.plan_interest.unwrap().rate.maximum, dec!(0.145));
    assert_eq!(seeded.plan_interest.unwrap().amount, zl(dec!(299.31)));

    // The admin adds 3,25 % from 23.11.2026, the offer's day: the cap is
    // 2 × (3,25 % + 3,5 %) = 13,5 %; 753 450 × 0,135 / 365 = 101 715,75 /
    // 365 = 278,673… → 278,67; the last of 11 installments is 5 228,67 −
    // 10 × 500,00 = 228,67. Late payment: 2 × (3,25 % + 5,5 %) = 17,5 %.
    let cut = |from| {
        ReferenceRates::nbp().with(RateChange {
            from,
            rate: dec!(0.0325),
        })
    };
    let on_the_day = offer(cut(today()));
    let pi = on_the_day.plan_interest.unwrap();
    assert_eq!(pi.rate.maximum, dec!(0.135));
    assert_eq!(pi.amount, zl(dec!(278.67)));
    assert_eq!(on_the_day.total, zl(dec!(5778.67)));
    assert_eq!(on_the_day.schedule.last().unwrap().amount, zl(dec!(228.67)));
    assert_eq!(on_the_day.late_interest.unwrap().maximum, dec!(0.175));

    // From the next day on: an offer of 23.11.2026 keeps the 14,5 %.
    let next_day = offer(cut(d(2026, 11, 24)));
    assert_eq!(next_day.plan_interest.unwrap().amount, zl(dec!(299.31)));
    assert_eq!(next_day.plan_interest.unwrap().rate.maximum, dec!(0.145));

    // A table that fails its check is a policy error, never a cap of 0.
    let broken = OfferRequest::for_case(
        &file,
        inputs_on(today()),
        asked(ReferenceRates::from_changes(Vec::new())),
        authority(),
    );
    assert!(matches!(
        propose(&broken),
        Err(OfferError::Policy(PolicyError::ReferenceRates(
            RatesError::Empty
        )))
    ));
}
