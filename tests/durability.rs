//! Issue 15, durability: a replica written by a process that is killed
//! (kill -9, no chance to clean up) 100 times while it writes loses nothing
//! it committed, stays consistent, and delivers each change exactly once.
//!
//! The process is `replica-writer` (tests/src/bin): the app's write path —
//! the `app` use case on the encrypted replica opened through the key
//! vault, as the app opens it — without the window, which takes no part in
//! a write. The replica runs with `synchronous=FULL`, so a commit is on the
//! disk when it returns (a power cut cannot be made here; kill -9 can).

mod common;

use app::sync_now::sync_now;
use app::vault::{open_replica, FileVault};
use server_storage::Audit;
use std::collections::BTreeSet;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Duration;
use store::OutboxState;
use sync_client::HttpTransport;
use uuid::Uuid;

#[test]
fn a_replica_killed_100_times_while_writing_loses_nothing_and_delivers_each_change_once() {
    let server = common::start_server(20, 1, common::today(), common::now);
    let dir = tempfile::TempDir::new().unwrap();
    let keys = dir.path().join("keys");
    let db = dir.path().join("replica.sqlite");
    let vault = FileVault::new(&keys);
    common::login_and_sync(&mut open_replica(&vault, &db).unwrap(), &server.url, 1);

    // 100 runs, each killed after 20 to 400 ms (a fixed sequence: the same
    // test every time), some while the replica opens, most mid-write.
    let writer = env!("CARGO_BIN_EXE_replica-writer");
    let kills = std::time::Instant::now();
    let at = common::now().format("%Y-%m-%dT%H:%M:%S").to_string();
    let mut acked: Vec<Uuid> = Vec::new();
    let mut seed: u64 = 0x5eed_2026;
    let mut killed_writing = 0;
    for run in 0..100u64 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let wait = 20 + (seed >> 33) % 380;
        let mut child = Command::new(writer)
            .arg(&db)
            .arg(&keys)
            .arg((1000 + run).to_string())
            .arg(&at)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(wait));
        // Child::kill is SIGKILL on Unix: no destructor, no checkpoint.
        child.kill().unwrap();
        let status = child.wait().unwrap();
        assert!(!status.success(), "run {run} was killed, not finished");
        let mut out = String::new();
        child
            .stdout
            .take()
            .unwrap()
            .read_to_string(&mut out)
            .unwrap();
        let ids: Vec<Uuid> = out.lines().filter_map(|l| l.parse().ok()).collect();
        if !ids.is_empty() {
            killed_writing += 1;
        }
        acked.extend(ids);
    }
    eprintln!(
        "durability: the kills took {:.1} s",
        kills.elapsed().as_secs_f64()
    );
    assert!(
        killed_writing >= 50,
        "most runs were killed mid-write ({killed_writing})"
    );
    assert!(
        acked.len() >= 100,
        "enough writes to lose some ({} acknowledged)",
        acked.len()
    );

    // Consistent, and every acknowledged change is there with its outbox
    // entry; at most one more per run (committed, killed before printing).
    let mut store = open_replica(&vault, &db).unwrap();
    assert_eq!(store.integrity_check().unwrap(), Vec::<String>::new());
    let pending: Vec<Uuid> = store
        .outbox(OutboxState::Pending)
        .unwrap()
        .iter()
        .map(|i| i.mutation_id)
        .collect();
    let queued: BTreeSet<Uuid> = pending.iter().copied().collect();
    assert_eq!(queued.len(), pending.len(), "no change queued twice");
    for id in &acked {
        assert!(queued.contains(id), "acknowledged note {id} lost");
    }
    assert!(queued.len() <= acked.len() + 100);
    let on_timeline: usize = store
        .search(&store::CaseQuery::default())
        .unwrap()
        .iter()
        .map(|c| {
            store
                .case_file(c.id)
                .unwrap()
                .unwrap()
                .activities
                .iter()
                .filter(|a| queued.contains(&a.id.0))
                .count()
        })
        .sum();
    assert_eq!(on_timeline, queued.len(), "each queued note is on its case");

    let started = std::time::Instant::now();
    // Delivered once: synced until nothing waits, then once more.
    let mut http = HttpTransport::new(&server.url).unwrap();
    let mut uploaded = 0;
    for _ in 0..20 {
        let r = sync_now(&mut store, &mut http, common::now()).unwrap();
        assert_eq!((r.error.clone(), r.rejected), (None, 0), "{r:?}");
        uploaded += r.uploaded;
        if r.pending == 0 {
            break;
        }
    }
    assert_eq!(uploaded, queued.len());
    let again = sync_now(&mut store, &mut http, common::now()).unwrap();
    assert_eq!(again.uploaded, 0);
    for id in &queued {
        assert_eq!(server.storage.mutation_count(*id).unwrap(), 1, "{id}");
    }
    eprintln!(
        "durability: 100 kills, {killed_writing} mid-write, {} notes acknowledged, {} queued, all delivered once (upload {:.1} s)",
        acked.len(),
        queued.len(),
        started.elapsed().as_secs_f64()
    );
}
