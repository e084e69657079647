//! `cargo bench -p app --bench offers` (the lead wires `cargo xtask bench
//! offers`): the offer engine over the 5,000-case demo portfolio. Prints
//! numbers; asserts nothing about speed.
//!
//! For every case it builds a request from the case's outstanding debt, a
//! budget derived deterministically from the case's index (so that some
//! clients have money to spare, some none), the company's standard policy
//! and authority, and a custom variant, then times `domain::offer::propose`,
//! which computes all variants with their schedules. The goal is at most
//! 1 ms per case on the advisor's device.

use chrono::NaiveDate;
use domain::offer::{
    propose, Authority, Budget, CustomTerms, DownPaymentRule, Expenses, OfferInputs, OfferRequest,
    Policy, ReferenceRates, UnbuiltReason, Verdict,
};
use domain::{CaseFile, Money};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

const CASES: usize = 5_000;
const ROUNDS: usize = 5;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn zl(whole: i64) -> Money {
    Money::from_grosze(whole * 100)
}

/// The company's standard policy, as the server will send it, with the
/// seeded table of NBP reference rates.
fn policy() -> Policy {
    Policy {
        min_installment: zl(50),
        max_term_months: 36,
        max_discount: Decimal::new(50, 2),
        lump_sum_discount: Decimal::new(30, 2),
        lump_sum_days: 14,
        down_payment: DownPaymentRule {
            min_share: Decimal::new(10, 2),
            due_within_days: 7,
        },
        first_installment_min_days: 14,
        affordable_share: Decimal::new(50, 2),
        reference_rates: ReferenceRates::nbp(),
        plan_interest_rate: Some(Decimal::new(8, 2)),
        late_interest_rate: Some(Decimal::new(25, 2)),
        max_pause_months: 3,
        promises: Default::default(),
        contact_hours: Default::default(),
    }
}

fn authority() -> Authority {
    Authority {
        max_discount_share: Decimal::new(25, 2),
        max_discount_amount: zl(2_000),
        max_term_months: 24,
    }
}

/// A budget for case `i`: incomes from 2 000 to 9 999 zł and expenses that
/// leave anything from a deficit to a few thousand złoty.
fn budget(i: i64) -> Budget {
    Budget {
        income: zl(2_000 + (i * 7_919) % 8_000),
        expenses: Expenses {
            housing: zl(800 + (i * 31) % 1_200),
            utilities: zl(300 + (i * 17) % 300),
            food: zl(600 + (i * 13) % 700),
            transport: zl(100 + (i * 7) % 300),
            dependants: zl((i % 4) * 400),
            other_debts: zl(if i % 5 == 0 { 500 } else { 0 }),
        },
    }
}

/// The request for case `i`, with a custom variant the advisor might try.
fn request(i: usize, f: &CaseFile, today: NaiveDate) -> OfferRequest {
    let n = i as i64;
    let debt = f.outstanding();
    let due_day = 1 + (i * 7 % 31) as u8;
    let custom = CustomTerms {
        term_months: 12 + (i % 25) as u32,
        down_payment: Money::new(debt.total().amount() * Decimal::new(10, 2)),
        discount: Money::new((debt.interest + debt.costs).amount() * Decimal::new(n % 4, 1)),
        due_day,
        pause_months: u32::from(n % 5 == 0),
        interest_freeze: n % 7 == 0,
    };
    // As the device and the server ask: limitation per debt.
    OfferRequest::for_case(
        f,
        OfferInputs {
            today,
            budget: budget(n),
            due_day,
            custom: Some(custom),
        },
        policy(),
        authority(),
    )
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let t = Instant::now();
    let portfolio = demo::generate(&demo::DemoConfig {
        seed: 5000,
        cases: CASES,
        advisors: 10,
        today,
    });
    let generate = t.elapsed();
    let requests: Vec<OfferRequest> = portfolio
        .cases
        .iter()
        .enumerate()
        .map(|(i, f)| request(i, f, today))
        .collect();

    // One untimed round warms the caches and counts what was built.
    let mut refused = 0usize;
    let mut variants = 0usize;
    let mut installments = 0usize;
    let mut needing_approval = 0usize;
    let mut verdicts: BTreeMap<String, usize> = BTreeMap::new();
    let mut unbuilt: BTreeMap<String, usize> = BTreeMap::new();
    for req in &requests {
        match propose(req) {
            Err(_) => refused += 1,
            Ok(offers) => {
                for v in &offers.variants {
                    variants += 1;
                    installments += v.schedule.len();
                    needing_approval += usize::from(v.needs_approval());
                    let verdict = match v.affordability.verdict {
                        Verdict::Affordable => "affordable",
                        Verdict::NeedsReason => "needs a reason",
                        Verdict::Unaffordable => "unaffordable",
                    };
                    *verdicts.entry(verdict.to_string()).or_default() += 1;
                }
                for u in &offers.unbuilt {
                    let reason = match u.reason {
                        UnbuiltReason::BudgetTooSmall { .. } => "budget too small",
                        UnbuiltReason::TermTooLong { .. } => "term too long",
                        _ => "other",
                    };
                    *unbuilt
                        .entry(format!("{:?}: {reason}", u.kind))
                        .or_default() += 1;
                }
            }
        }
    }

    let mut times: Vec<Duration> = Vec::with_capacity(CASES * ROUNDS);
    let mut by_case: Vec<Vec<Duration>> = vec![Vec::with_capacity(ROUNDS); requests.len()];
    let t = Instant::now();
    for _ in 0..ROUNDS {
        for (case, req) in requests.iter().enumerate() {
            let t = Instant::now();
            let offers = propose(black_box(req));
            let elapsed = t.elapsed();
            times.push(elapsed);
            by_case[case].push(elapsed);
            black_box(offers.ok());
        }
    }
    let total = t.elapsed();
    times.sort();
    let mean = times.iter().sum::<Duration>() / times.len() as u32;
    // A single sample can be stretched by the scheduler on a shared machine
    // (a preemption costs a whole tick, ~4 ms); the median of each case's
    // rounds shows whether some case is itself slow.
    let (slowest_median, slowest_case) = by_case
        .iter_mut()
        .enumerate()
        .map(|(case, t)| {
            t.sort();
            (t[t.len() / 2], case)
        })
        .max()
        .unwrap();

    println!("bench offers — all variants of {CASES} demo cases (2 shared cores)");
    println!("  generate portfolio: {:>8.1} ms", ms(generate));
    println!(
        "  propose ({CASES} cases x {ROUNDS}, {:.2} variants/case, {:.1} payments/variant): \
         mean {:.3} ms  p50 {:.3} ms  p95 {:.3} ms  max {:.3} ms   goal <= 1 ms per case",
        variants as f64 / (CASES - refused) as f64,
        installments as f64 / variants as f64,
        ms(mean),
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(*times.last().unwrap())
    );
    println!(
        "  p99 {:.3} ms; slowest case by its median of {ROUNDS} rounds: {:.3} ms (case {})",
        ms(percentile(&times, 0.99)),
        ms(slowest_median),
        portfolio.cases[slowest_case].case.number
    );
    println!(
        "  whole portfolio once: {:.1} ms",
        ms(total) / ROUNDS as f64
    );
    println!(
        "  cases refused (nothing owed): {refused}; variants needing approval: {needing_approval} of {variants}"
    );
    for (verdict, count) in verdicts {
        println!("    {verdict:<16} {count}");
    }
    for (what, count) in unbuilt {
        println!("    not built, {what:<40} {count}");
    }
}
