//! `cargo xtask bench search`: case search over a 5,000-case replica on a
//! real SQLite file. Prints numbers; asserts nothing about speed.
//!
//! It measures the time to generate the portfolio and to load it into the
//! replica, then p50/p95/max of the search use case (FTS query, key facts,
//! priorities) for a mix of what advisors type: surnames without Polish
//! letters, prefixes, phone numbers, case numbers and towns.

use api::SearchRequest;
use chrono::NaiveDate;
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

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("bench.sqlite");

    let t = Instant::now();
    let portfolio = demo::generate(&demo::DemoConfig {
        seed: 5000,
        cases: CASES,
        advisors: 10,
        today,
    });
    let generate = t.elapsed();
    let t = Instant::now();
    let mut store = store::Store::open(&path).unwrap();
    store.import(&portfolio.advisors, &portfolio.cases).unwrap();
    let load = t.elapsed();

    // What advisors type, taken from the portfolio itself.
    let mut queries: Vec<(&str, String)> = Vec::new();
    for (i, f) in portfolio.cases.iter().enumerate().step_by(25) {
        let surname = domain::search::fold(&f.debtor.last_name);
        queries.push(("surname", surname.clone()));
        queries.push(("prefix", surname.chars().take(3).collect()));
        queries.push(("full name", domain::search::fold(&f.debtor.full_name())));
        queries.push(("case number", f.case.number.clone()));
        if let Some(p) = f.debtor.phones.first() {
            let n = &p.number[3..];
            queries.push(("phone", format!("{} {} {}", &n[..3], &n[3..6], &n[6..])));
        }
        if i % 100 == 0 {
            if let Some(a) = f.debtor.visit_address() {
                queries.push(("town", domain::search::fold(&a.city)));
            }
        }
    }

    let mut times: Vec<Duration> = Vec::new();
    let mut by_kind: std::collections::BTreeMap<&str, Vec<Duration>> = Default::default();
    let mut found = 0usize;
    for _ in 0..ROUNDS {
        for (kind, q) in &queries {
            let req = SearchRequest {
                text: q.clone(),
                ..Default::default()
            };
            let t = Instant::now();
            let rows = app::search_cases::search_cases(&store, today, &req).unwrap();
            let e = t.elapsed();
            found += rows.len();
            times.push(e);
            by_kind.entry(kind).or_default().push(e);
        }
    }
    times.sort();

    // The unfiltered list of the whole replica, for comparison.
    let mut list_times = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let rows =
            app::search_cases::search_cases(&store, today, &SearchRequest::default()).unwrap();
        list_times.push(t.elapsed());
        assert_eq!(rows.len(), CASES);
    }
    list_times.sort();

    println!("bench search — {CASES} cases in a real SQLite file (2 shared cores)");
    println!("  generate portfolio: {:>8.1} ms", ms(generate));
    println!(
        "  load into replica:  {:>8.1} ms (one transaction, FTS index included)",
        ms(load)
    );
    println!(
        "  search ({} queries x {ROUNDS}, {:.1} rows/query): p50 {:.3} ms  p95 {:.3} ms  max {:.3} ms   goal p95 <= 5 ms",
        queries.len(),
        found as f64 / times.len() as f64,
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(*times.last().unwrap())
    );
    for (kind, mut t) in by_kind {
        t.sort();
        println!(
            "    {kind:<12} p50 {:.3} ms  p95 {:.3} ms",
            ms(percentile(&t, 0.5)),
            ms(percentile(&t, 0.95))
        );
    }
    println!(
        "  whole list (no text, {CASES} rows): p50 {:.1} ms  p95 {:.1} ms",
        ms(percentile(&list_times, 0.5)),
        ms(percentile(&list_times, 0.95))
    );
}
