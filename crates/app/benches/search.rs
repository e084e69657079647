//! `cargo xtask bench search`: case search over a 5,000-case replica on a
//! real SQLite file, plaintext and encrypted (SQLCipher) side by side. Prints
//! numbers; asserts nothing about speed.
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

/// What one replica measured.
struct Numbers {
    load: Duration,
    times: Vec<Duration>,
    by_kind: std::collections::BTreeMap<&'static str, Vec<Duration>>,
    list: Vec<Duration>,
    found: usize,
}

fn measure(
    store: &mut store::Store,
    portfolio: &demo::Portfolio,
    queries: &[(&'static str, String)],
    today: NaiveDate,
) -> Numbers {
    let t = Instant::now();
    store.import(&portfolio.advisors, &portfolio.cases).unwrap();
    let load = t.elapsed();
    let mut times: Vec<Duration> = Vec::new();
    let mut by_kind: std::collections::BTreeMap<&str, Vec<Duration>> = Default::default();
    let mut found = 0usize;
    for _ in 0..ROUNDS {
        for (kind, q) in queries {
            let req = SearchRequest {
                text: q.clone(),
                ..Default::default()
            };
            let t = Instant::now();
            let rows = app::search_cases::search_cases(store, today, &req).unwrap();
            let e = t.elapsed();
            found += rows.len();
            times.push(e);
            by_kind.entry(kind).or_default().push(e);
        }
    }
    times.sort();
    for t in by_kind.values_mut() {
        t.sort();
    }
    // The unfiltered list of the whole replica, for comparison.
    let mut list = Vec::new();
    for _ in 0..20 {
        let t = Instant::now();
        let rows =
            app::search_cases::search_cases(store, today, &SearchRequest::default()).unwrap();
        list.push(t.elapsed());
        assert_eq!(rows.len(), CASES);
    }
    list.sort();
    Numbers {
        load,
        times,
        by_kind,
        list,
        found,
    }
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let dir = tempfile::TempDir::new().unwrap();

    let t = Instant::now();
    let portfolio = demo::generate(&demo::DemoConfig {
        seed: 5000,
        cases: CASES,
        advisors: 10,
        today,
    });
    let generate = t.elapsed();

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

    // The same portfolio and queries on a plaintext file and on one
    // encrypted as the app keeps it (SQLCipher, a raw 256-bit key).
    let mut plain = store::Store::open(&dir.path().join("plain.sqlite")).unwrap();
    let p = measure(&mut plain, &portfolio, &queries, today);
    drop(plain);
    let mut encrypted = store::Store::open_encrypted(
        &dir.path().join("encrypted.sqlite"),
        &store::ReplicaKey::generate(),
    )
    .unwrap();
    let e = measure(&mut encrypted, &portfolio, &queries, today);

    let slower = |a: Duration, b: Duration| (ms(b) / ms(a) - 1.0) * 100.0;
    println!("bench search — {CASES} cases in a real SQLite file (2 shared cores); plaintext | encrypted (SQLCipher)");
    println!("  generate portfolio: {:>8.1} ms", ms(generate));
    println!(
        "  load into replica:  {:>8.1} ms | {:>8.1} ms ({:+.0} %) (one transaction, FTS index included)",
        ms(p.load),
        ms(e.load),
        slower(p.load, e.load)
    );
    let (p95p, p95e) = (percentile(&p.times, 0.95), percentile(&e.times, 0.95));
    println!(
        "  search ({} queries x {ROUNDS}, {:.1} rows/query): p50 {:.3} | {:.3} ms  p95 {:.3} | {:.3} ms  max {:.3} | {:.3} ms   goal p95 <= 5 ms",
        queries.len(),
        p.found as f64 / p.times.len() as f64,
        ms(percentile(&p.times, 0.5)),
        ms(percentile(&e.times, 0.5)),
        ms(p95p),
        ms(p95e),
        ms(*p.times.last().unwrap()),
        ms(*e.times.last().unwrap())
    );
    println!(
        "  encryption's cost on the search p95: {:+.1} %   goal <= +15 %",
        slower(p95p, p95e)
    );
    for (kind, t) in &p.by_kind {
        let te = &e.by_kind[kind];
        println!(
            "    {kind:<12} p50 {:.3} | {:.3} ms  p95 {:.3} | {:.3} ms",
            ms(percentile(t, 0.5)),
            ms(percentile(te, 0.5)),
            ms(percentile(t, 0.95)),
            ms(percentile(te, 0.95))
        );
    }
    println!(
        "  whole list (no text, {CASES} rows): p50 {:.1} | {:.1} ms  p95 {:.1} | {:.1} ms",
        ms(percentile(&p.list, 0.5)),
        ms(percentile(&e.list, 0.5)),
        ms(percentile(&p.list, 0.95)),
        ms(percentile(&e.list, 0.95))
    );
}
