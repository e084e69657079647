//! `cargo xtask bench office`: the back office's desk on the server, over
//! loopback HTTP, on SQLite and on PostgreSQL (printed beside the goals,
//! not asserted):
//! 1. A portfolio of 50,000 cases imported in transactions of 500
//!    (`Storage::put_cases`), timed.
//! 2. The portfolio search (`desk_paths::SEARCH`): 200 queries per kind —
//!    case number, surname, PESEL, phone typed with dashes, town, surname
//!    and town — p50/p95 (goal p95 ≤ 50 ms).
//! 3. The inbox (`office_paths::INBOX`) over 60,000 items the field sent
//!    (visit reports, proposals, questions, settlements; written with their
//!    mutations through `apply_batch`, as uploads are): the first page with
//!    the counts per kind, unfiltered, by kind, by advisor and the second
//!    page by keyset, 200 each — p50/p95 (goal p95 ≤ 50 ms).
//!
//! `PARTNER_BENCH_CASES` / `PARTNER_BENCH_INBOX` change the sizes;
//! PostgreSQL runs when `PARTNER_TEST_DATABASE_URL` is set (the xtask
//! starts a private cluster).

#[path = "../common/mod.rs"]
mod common;

use server_storage::testing::TestSchema;
use server_storage::{BatchItem, Device, Effect, PgStorage, SqliteStorage, Storage};
use std::sync::Arc;
use std::time::{Duration, Instant};
use sync_client::{HttpTransport, Transport};
use sync_proto::*;
use uuid::Uuid;

const GOAL_MS: f64 = 50.0;
const RUNS: usize = 200;

fn size(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(what: &str, mut times: Vec<Duration>, note: &str) {
    times.sort();
    let p95 = ms(pct(&times, 0.95));
    println!(
        "  {what:<34} p50 {:>7.2} ms  p95 {:>7.2} ms  max {:>7.2} ms  (goal p95 ≤ {GOAL_MS} ms {}){note}",
        ms(pct(&times, 0.5)),
        p95,
        ms(*times.last().unwrap()),
        if p95 <= GOAL_MS { "✓" } else { "✗" }
    );
}

fn main() {
    let cases = size("PARTNER_BENCH_CASES", 50_000);
    let inbox = size("PARTNER_BENCH_INBOX", 60_000);
    println!(
        "bench office — {cases} cases, {inbox} inbox items; loopback HTTP, real server, release build, 2 shared cores"
    );
    let portfolio = demo::generate(&demo::DemoConfig {
        seed: 99,
        cases,
        advisors: (cases / 2_000).max(1),
        today: common::today(),
    });
    {
        let dir = tempfile::TempDir::new().unwrap();
        let storage = Arc::new(SqliteStorage::open(&dir.path().join("server.sqlite")).unwrap());
        run("SQLite", storage, &portfolio, inbox);
    }
    match TestSchema::create("bench_office") {
        Some(schema) => {
            let storage = Arc::new(PgStorage::connect(&schema.url).unwrap());
            run("PostgreSQL", storage, &portfolio, inbox);
        }
        None => println!("PostgreSQL: skipped (PARTNER_TEST_DATABASE_URL is not set)"),
    }
}

fn run(name: &str, storage: Arc<dyn Storage>, portfolio: &demo::Portfolio, inbox: usize) {
    println!("{name}");
    let t = Instant::now();
    server::seed::seed_with(
        storage.as_ref(),
        portfolio,
        common::PASSWORD,
        server::PasswordCost::TestOnly,
    )
    .unwrap();
    println!(
        "  import of {} cases (transactions of 500): {:.1} s",
        portfolio.cases.len(),
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    fill_inbox(storage.as_ref(), portfolio, inbox);
    println!(
        "  {inbox} inbox items through apply_batch: {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let url = common::serve(server::ServerState::new(
        storage.clone(),
        Arc::new(common::now),
    ));
    let token = HttpTransport::new(&url)
        .unwrap()
        .login(&LoginRequest {
            login: "biuro".into(),
            password: common::PASSWORD.into(),
            device_id: Uuid::from_u128(0xB1),
            device_name: "bench".into(),
            certificate_request: None,
        })
        .unwrap()
        .token;
    let client = reqwest::blocking::Client::new();
    let post = |path: &str, body: &serde_json::Value| -> (Duration, String) {
        let t = Instant::now();
        let res = client
            .post(format!("{url}{path}"))
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
            .bearer_auth(&token)
            .json(body)
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 200, "{path} {body}");
        let text = res.text().unwrap();
        (t.elapsed(), text)
    };

    // 2. The search, per kind of query.
    let files: Vec<&domain::CaseFile> = portfolio.cases.iter().step_by(97).take(RUNS).collect();
    type Query = fn(&domain::CaseFile) -> String;
    let kinds: [(&str, Query); 6] = [
        ("case number", |f| f.case.number.clone()),
        ("surname", |f| f.debtor.last_name.clone()),
        ("PESEL", |f| f.debtor.pesel.clone()),
        ("phone typed 600-123-456", |f| {
            let n = f
                .debtor
                .phones
                .first()
                .map(|p| p.number.clone())
                .unwrap_or_default();
            let d = &n[n.len().saturating_sub(9)..];
            if d.len() < 9 {
                return d.to_owned();
            }
            format!("{}-{}-{}", &d[..3], &d[3..6], &d[6..])
        }),
        ("town", |f| {
            f.debtor
                .addresses
                .first()
                .map(|a| a.city.clone())
                .unwrap_or_default()
        }),
        ("surname and town", |f| {
            format!(
                "{} {}",
                f.debtor.last_name,
                f.debtor
                    .addresses
                    .first()
                    .map(|a| a.city.clone())
                    .unwrap_or_default()
            )
        }),
    ];
    for (what, query) in kinds {
        let mut times = Vec::with_capacity(files.len());
        let mut most = 0u32;
        for f in &files {
            // A case without a phone (or an address) has nothing to type.
            if query(f).trim().is_empty() {
                continue;
            }
            let (t, text) = post(
                desk_paths::SEARCH,
                &serde_json::json!({ "query": query(f), "limit": 20 }),
            );
            let page: SearchResponse = serde_json::from_str(&text).unwrap();
            assert!(!page.rows.is_empty(), "{what}: {}", query(f));
            most = most.max(page.total);
            times.push(t);
        }
        report(
            &format!("search by {what}"),
            times,
            &format!("; most matches {most}"),
        );
    }

    // 3. The inbox.
    let advisor = portfolio.advisors[0].id.0;
    let mut after = None;
    for (what, body) in [
        (
            "inbox first page + counts",
            serde_json::json!({ "limit": 50 }),
        ),
        (
            "inbox first page of contacts",
            serde_json::json!({ "kind": "contact", "limit": 50 }),
        ),
        (
            "inbox first page of one advisor",
            serde_json::json!({ "advisor": advisor, "limit": 50 }),
        ),
        ("inbox second page (keyset)", serde_json::Value::Null),
    ] {
        let body = if body.is_null() {
            serde_json::json!({ "limit": 50, "after": after })
        } else {
            body
        };
        let mut times = Vec::with_capacity(RUNS);
        let mut total = 0;
        for _ in 0..RUNS {
            let (t, text) = post(office_paths::INBOX, &body);
            let page: InboxPageDto = serde_json::from_str(&text).unwrap();
            assert_eq!(page.items.len(), 50, "{what}");
            total = page.counts.iter().map(|c| c.count).sum::<u64>();
            after = page.next.clone();
            times.push(t);
        }
        report(what, times, &format!("; counted {total}"));
    }
}

/// `n` items in the inbox: mutations of the four kinds the office reads,
/// spread over the portfolio's cases and advisors, applied through
/// `apply_batch` (each written with its inbox row, as an upload is) in
/// batches of 500. Their effect leaves the case as it is: what is measured
/// is the office's reading, not the judging of uploads.
fn fill_inbox(storage: &dyn Storage, portfolio: &demo::Portfolio, n: usize) {
    let kinds = [
        MutationKind::Visit,
        MutationKind::Contact,
        MutationKind::Message,
        MutationKind::Settlement,
    ];
    let start = common::now() - chrono::Duration::days(30);
    let devices: Vec<Device> = portfolio
        .advisors
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let d = Device {
                id: Uuid::from_u128(0xDE_0000 + i as u128),
                user_id: a.id.0,
                name: format!("tablet {i}"),
                expires_at: common::now() + chrono::Duration::days(30),
                revoked: false,
                handover: false,
                revoked_at: None,
            };
            storage
                .register_device(&d, &format!("bench-token-{i}"))
                .unwrap();
            d
        })
        .collect();
    let by_advisor = |c: &domain::CaseFile| {
        portfolio
            .advisors
            .iter()
            .position(|a| a.id == c.case.advisor_id)
            .unwrap()
    };
    let mut per_device: Vec<Vec<BatchItem>> = vec![Vec::new(); devices.len()];
    for i in 0..n {
        let case = &portfolio.cases[(i * 7919) % portfolio.cases.len()];
        per_device[by_advisor(case)].push(BatchItem {
            mutation: Mutation {
                id: Uuid::from_u128(0x1B0C_0000_0000 + i as u128),
                case_id: case.case.id.0,
                created_at: start + chrono::Duration::seconds(i as i64 * 40),
                kind: kinds[i % kinds.len()].clone(),
                body: serde_json::json!({}),
            },
            cases: vec![case.case.id.0],
            offer: None,
            agreement: None,
        });
    }
    for (device, items) in devices.iter().zip(per_device) {
        for batch in items.chunks(500) {
            let outcomes = storage
                .apply_batch(device, batch, &|_, file, _| {
                    Ok(Effect::case(file.expect("the case is stored")))
                })
                .unwrap();
            assert!(outcomes.iter().all(|o| *o == Outcome::Applied));
        }
    }
}
