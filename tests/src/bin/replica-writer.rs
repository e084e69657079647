//! A process of its own that writes to a replica as the app does: the
//! `app` use case on the encrypted replica opened through the key vault.
//! It prints each note's id once its transaction has committed, and writes
//! until it is killed. `tests/durability.rs` starts and kills it (kill -9).
//!
//! Usage: replica-writer DB KEYS PREFIX AT (AT as 2026-11-23T10:00:00).

use std::io::Write;
use std::path::Path;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, db, keys, prefix, at] = args.as_slice() else {
        eprintln!("usage: replica-writer DB KEYS PREFIX AT");
        std::process::exit(2);
    };
    let prefix: u64 = prefix.parse().expect("PREFIX is a number");
    let at = chrono::NaiveDateTime::parse_from_str(at, "%Y-%m-%dT%H:%M:%S")
        .expect("AT is 2026-11-23T10:00:00");
    let vault = app::vault::FileVault::new(keys);
    let mut store = app::vault::open_replica(&vault, Path::new(db)).expect("the replica opens");
    let cases: Vec<String> = store
        .search(&store::CaseQuery::default())
        .expect("the cases")
        .iter()
        .map(|c| c.id.0.to_string())
        .collect();
    assert!(!cases.is_empty(), "a synced replica");
    let mut ids = app::SeqIds { prefix, next: 0 };
    let mut out = std::io::stdout().lock();
    for i in 0usize.. {
        let id = app::IdSource::next_id(&mut ids);
        app::add_note::add_note(
            &mut store,
            at,
            id,
            &cases[i % cases.len()],
            &format!("notatka {prefix}/{i}"),
        )
        .expect("the note is written");
        // Printed only after the commit: what the test may count on.
        writeln!(out, "{id}").expect("stdout");
        out.flush().expect("stdout");
        // About as often as a busy advisor's screen writes, and few enough
        // for the test to deliver them all afterwards.
        std::thread::sleep(std::time::Duration::from_millis(15));
    }
}
