//! `cargo xtask bench sync`: sync over loopback HTTP against a real server
//! (SQLite storage), printed, not asserted.
//! 1. First sync of 5,000 cases into a fresh replica file, against inserting
//!    the same case files straight into a replica in one transaction.
//! 2. An incremental sync of 100 changes (50 notes up, 50 back-office
//!    changes down): round-trip time.
//!    Both on a plaintext and on an encrypted replica: encryption's cost.
//! 3. 500 simulated advisors syncing at once: request latency p50/p99, errors.

#[path = "../common/mod.rs"]
mod common;

use app::sync_now::sync_now;
use app::{IdSource, SeqIds};
use server_storage::{Audit, Storage};
use std::time::{Duration, Instant};
use sync_client::{HttpTransport, Transport};
use sync_proto::*;
use uuid::Uuid;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// One device's first sync and five incremental rounds.
struct DeviceRun {
    rows: usize,
    first: Duration,
    median: Duration,
    max: Duration,
}

fn device_run(server: &common::Server, store: &mut store::Store, prefix: u64) -> DeviceRun {
    let mut http = HttpTransport::new(&server.url).unwrap();
    let mut ids = SeqIds { prefix, next: 0 };
    app::login::login(
        store,
        &mut http,
        &mut ids,
        "doradca1",
        common::PASSWORD,
        "bench",
    )
    .unwrap();
    let t = Instant::now();
    let r = sync_now(store, &mut http, common::now()).unwrap();
    let first = t.elapsed();
    assert_eq!(r.error, None);
    let rows = r.downloaded;
    // 50 notes captured on the device, 50 cases changed by the back
    // office; one sync carries both ways.
    let mut rounds = Vec::new();
    for round in 0..5 {
        let held: Vec<_> = store.search(&store::CaseQuery::default()).unwrap();
        for (i, c) in held.iter().take(50).enumerate() {
            app::add_note::add_note(
                store,
                common::now(),
                ids.next_id(),
                &c.id.to_string(),
                &format!("notatka {round}/{i}"),
            )
            .unwrap();
        }
        for c in held.iter().skip(100).take(50) {
            let mut f = server.storage.case(c.id.0).unwrap().unwrap();
            f.debts[0].costs += rust_decimal::Decimal::new(100 + round, 2);
            server.storage.put_case(&f).unwrap();
        }
        let t = Instant::now();
        let r = sync_now(store, &mut http, common::now()).unwrap();
        rounds.push(t.elapsed());
        assert_eq!((r.uploaded, r.error.clone()), (50, None), "{r:?}");
        assert!(r.downloaded >= 50);
    }
    rounds.sort();
    DeviceRun {
        rows,
        first,
        median: rounds[rounds.len() / 2],
        max: *rounds.last().unwrap(),
    }
}

fn main() {
    println!(
        "bench sync — loopback HTTP, real server (SQLite storage), release build, 2 shared cores"
    );

    // 1. First sync of 5,000 cases (one advisor holds them all), and
    // 2. incremental syncs, on a plaintext replica and on one encrypted as
    //    the app keeps it (SQLCipher, a raw 256-bit key).
    let server = common::start_server(5_000, 1, common::today(), common::now);
    let dir = tempfile::TempDir::new().unwrap();
    let mut plain = store::Store::open(&dir.path().join("device.sqlite")).unwrap();
    let p = device_run(&server, &mut plain, 1);
    drop(plain);
    let mut encrypted = store::Store::open_encrypted(
        &dir.path().join("encrypted.sqlite"),
        &store::ReplicaKey::generate(),
    )
    .unwrap();
    let e = device_run(&server, &mut encrypted, 2);
    drop(encrypted);
    let files: Vec<domain::CaseFile> = server
        .storage
        .cases_of(server.portfolio.advisors[0].id.0)
        .unwrap()
        .iter()
        .map(|f| domain::CaseFile::try_from(f).unwrap())
        .collect();
    let mut raw = store::Store::open(&dir.path().join("raw.sqlite")).unwrap();
    let t = Instant::now();
    raw.import(&server.portfolio.advisors, &files).unwrap();
    let raw_insert = t.elapsed();
    let cost = |a: Duration, b: Duration| (b.as_secs_f64() / a.as_secs_f64() - 1.0) * 100.0;
    println!(
        "  first sync: {} cases in {:.2} s = {:.0} cases/s; raw insert of the same in one transaction {:.2} s; ratio {:.2}x (goal <= 3x)",
        p.rows,
        p.first.as_secs_f64(),
        p.rows as f64 / p.first.as_secs_f64(),
        raw_insert.as_secs_f64(),
        p.first.as_secs_f64() / raw_insert.as_secs_f64()
    );
    println!(
        "  first sync, encrypted replica: {} cases in {:.2} s = {:.0} cases/s; encryption's cost {:+.1} % (goal <= +15 %)",
        e.rows,
        e.first.as_secs_f64(),
        e.rows as f64 / e.first.as_secs_f64(),
        cost(p.first, e.first)
    );
    println!(
        "  incremental sync of 100 changes (50 up, 50 down), 5 rounds: median {:.1} | {:.1} ms encrypted ({:+.1} %, goal <= +15 %), max {:.1} | {:.1} ms (goal <= 100 ms)",
        ms(p.median),
        ms(e.median),
        cost(p.median, e.median),
        ms(p.max),
        ms(e.max)
    );

    // 3. 500 advisors syncing at once, 10 cases each.
    let advisors = 500;
    let server = common::start_server(5_000, advisors, common::today(), common::now);
    let tokens: Vec<String> = (0..advisors)
        .map(|i| {
            HttpTransport::new(&server.url)
                .unwrap()
                .login(&LoginRequest {
                    login: format!("doradca{}", i + 1),
                    password: common::PASSWORD.into(),
                    device_id: Uuid::from_u128(i as u128 + 1),
                    device_name: "bench".into(),
                    certificate_request: None,
                })
                .unwrap()
                .token
        })
        .collect();
    // The advisors' devices are simulated by one async client in this
    // process (500 blocking clients would each bring a runtime thread and
    // measure the load generator on these 2 cores rather than the server).
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(advisors)
        .build()
        .unwrap();
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(advisors));
    let t = Instant::now();
    let results: Vec<(Vec<Duration>, usize)> = rt.block_on(async {
        let tasks: Vec<_> = tokens
            .into_iter()
            .enumerate()
            .map(|(i, token)| {
                let url = server.url.clone();
                let barrier = barrier.clone();
                let client = client.clone();
                tokio::spawn(async move {
                    let mut lat = Vec::new();
                    let mut errors = 0;
                    barrier.wait().await;
                    // A download of the advisor's cases, then an upload of two notes.
                    let s = Instant::now();
                    let page = async {
                        client
                            .post(format!("{url}{}", paths::DOWNLOAD))
                            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
                            .bearer_auth(&token)
                            .json(&DownloadRequest {
                                cursor: 0,
                                limit: 200,
                                pending: None,
                                app_version: None,
                            })
                            .send()
                            .await?
                            .error_for_status()?
                            .json::<DownloadResponse>()
                            .await
                    }
                    .await;
                    lat.push(s.elapsed());
                    let case = match page {
                        Ok(p) => p.changes.iter().find_map(|c| match c {
                            Change::Upsert { file } => Some(file.id),
                            Change::Remove { .. } => None,
                        }),
                        Err(_) => {
                            errors += 1;
                            None
                        }
                    };
                    if let Some(case) = case {
                        let m = |n: u128| Mutation {
                            id: Uuid::from_u128(((i as u128) << 32) + n),
                            case_id: case,
                            created_at: common::now(),
                            kind: kinds::NOTE.into(),
                            body: serde_json::json!({"text": "wizyta"}),
                        };
                        let s = Instant::now();
                        let sent = async {
                            client
                                .post(format!("{url}{}", paths::UPLOAD))
                                .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
                                .bearer_auth(&token)
                                .json(&UploadRequest {
                                    mutations: vec![m(1), m(2)],
                                })
                                .send()
                                .await?
                                .error_for_status()?
                                .json::<UploadResponse>()
                                .await
                        }
                        .await;
                        match sent {
                            Ok(r) if r.receipts.iter().all(|r| r.outcome == Outcome::Applied) => {}
                            _ => errors += 1,
                        }
                        lat.push(s.elapsed());
                    }
                    (lat, errors)
                })
            })
            .collect();
        let mut out = Vec::new();
        for task in tasks {
            out.push(task.await.unwrap());
        }
        out
    });
    let mut lat = Vec::new();
    let mut errors = 0;
    for (l, e) in results {
        lat.extend(l);
        errors += e;
    }
    let wall = t.elapsed();
    lat.sort();
    println!(
        "  {advisors} advisors at once: {} requests in {:.2} s; latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms; errors {errors} (goal p99 <= 300 ms, no errors)",
        lat.len(),
        wall.as_secs_f64(),
        ms(pct(&lat, 0.5)),
        ms(pct(&lat, 0.99)),
        ms(*lat.last().unwrap())
    );
}
