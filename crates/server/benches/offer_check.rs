//! `cargo xtask bench offers` (second half): the server's check of an
//! uploaded offer (`server::offers::judge`: the engine run again on the
//! server's copy of the case, the numbers and limits compared) over the
//! 5,000-case demo portfolio. Prints numbers beside the goal (2 ms per
//! offer); asserts nothing about speed.

use chrono::NaiveDate;
use domain::offer::{Budget, Expenses, OfferInputs, OfferRequest};
use domain::Money;
use std::time::{Duration, Instant};
use sync_proto::{CaseFileDto, OfferBody, OfferPolicyDto, OfferTermsDto};

fn zl(whole: i64) -> Money {
    Money::from_grosze(whole * 100)
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let made_at = today.and_hms_opt(10, 0, 0).unwrap();
    let portfolio = demo::generate(&demo::DemoConfig {
        seed: 7,
        cases: 5_000,
        advisors: 3,
        today,
    });
    let policy = OfferPolicyDto::standard();
    let mut uploads: Vec<(CaseFileDto, OfferBody)> = Vec::new();
    for (i, f) in portfolio.cases.iter().enumerate() {
        let i = i as i64;
        let inputs = OfferInputs {
            today,
            budget: Budget {
                income: zl(2_000 + (i * 7_919) % 8_000),
                expenses: Expenses {
                    housing: zl(800 + (i * 31) % 1_200),
                    utilities: zl(300),
                    food: zl(600 + (i * 13) % 700),
                    transport: zl(100),
                    dependants: zl((i % 4) * 400),
                    other_debts: Money::ZERO,
                },
            },
            due_day: 10,
            custom: None,
        };
        let request =
            OfferRequest::for_case(f, inputs.clone(), policy.policy(), policy.authority());
        let Ok(offers) = domain::offer::propose(&request) else {
            continue;
        };
        // The last variant built: the one with the longest schedule.
        let Some(v) = offers.variants.into_iter().last() else {
            continue;
        };
        let body = OfferBody::of(
            &v,
            v.requires_reason.then(|| "powód".into()),
            "Propozycja".into(),
            OfferTermsDto::from_inputs(&inputs),
        );
        uploads.push((CaseFileDto::from(f), body));
    }
    let mut times = Vec::with_capacity(uploads.len());
    let mut accepted = 0;
    for (file, body) in &uploads {
        let start = Instant::now();
        let judged = server::offers::judge(file, body, &policy, None, (made_at, made_at));
        times.push(start.elapsed());
        accepted += usize::from(judged.is_ok());
    }
    times.sort();
    let at = |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "bench offers — server check of an uploaded offer over {} offers ({} accepted)",
        times.len(),
        accepted
    );
    println!(
        "judge per offer: p50 {:.3} ms, p95 {:.3} ms, p99 {:.3} ms, max {:.3} ms (goal <= 2 ms)",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(0.99)),
        ms(*times.last().unwrap())
    );
}
