//! Sessions end and apps age: an expired token and a server that needs a
//! newer app both stop the sync with a clear reason, and the work captured
//! offline stays on the device until it can be delivered, exactly once.

use app::sync_now::sync_now;
use app::IdSource;
use chrono::{Duration, NaiveDateTime};
use server_storage::{Audit, SqliteStorage, Storage};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use store::{OutboxState, Store};
use sync_client::{HttpTransport, SyncError};
use uuid::Uuid;

mod common;

use common::{now, PASSWORD};

/// Days the test clock of the expiry test runs ahead of `now()`.
static DAYS_AHEAD: AtomicI64 = AtomicI64::new(0);

fn moving_clock() -> NaiveDateTime {
    now() + Duration::days(DAYS_AHEAD.load(Ordering::SeqCst))
}

fn login(store: &mut Store, http: &mut HttpTransport, n: u64) {
    let mut ids = app::SeqIds { prefix: n, next: 0 };
    app::login::login(store, http, &mut ids, "doradca1", PASSWORD, "tablet").unwrap();
}

fn first_case(store: &Store) -> Uuid {
    store
        .search(&store::CaseQuery::default())
        .unwrap()
        .first()
        .expect("the advisor holds cases")
        .id
        .0
}

#[test]
fn an_expired_session_keeps_the_offline_work_until_the_advisor_logs_in_again() {
    let server = common::start_server(20, 1, common::today(), moving_clock);
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&server.url).unwrap();
    login(&mut store, &mut http, 1);
    assert_eq!(sync_now(&mut store, &mut http, now()).unwrap().error, None);
    let cases_before = store.case_count().unwrap();

    // A month offline: a note is written, the token expires meanwhile.
    let case = first_case(&store);
    let note = app::SeqIds { prefix: 9, next: 0 }.next_id();
    app::add_note::add_note(
        &mut store,
        now(),
        note,
        &case.to_string(),
        "Wizyta: brak kontaktu",
    )
    .unwrap();
    DAYS_AHEAD.store(31, Ordering::SeqCst);

    let r = sync_now(&mut store, &mut http, moving_clock()).unwrap();
    match &r.error {
        Some(SyncError::Unauthorized(message)) => {
            assert!(message.contains("expired"), "{message}")
        }
        other => panic!("expected an expired session, got {other:?}"),
    }
    assert!(!r.wiped, "an expired session is not a revocation");
    assert_eq!((r.pending, r.needs_attention), (1, 0));
    assert_eq!(store.case_count().unwrap(), cases_before);
    assert_eq!(server.storage.mutation_count(note).unwrap(), 0);

    // Logging in again delivers the note, once, however often it syncs.
    login(&mut store, &mut http, 2);
    for _ in 0..2 {
        let r = sync_now(&mut store, &mut http, moving_clock()).unwrap();
        assert_eq!(r.error, None);
        assert_eq!(r.pending, 0);
    }
    assert_eq!(server.storage.mutation_count(note).unwrap(), 1);
    assert_eq!(store.outbox(OutboxState::Applied).unwrap().len(), 1);
}

#[test]
fn an_app_too_old_for_the_server_is_told_to_update_and_loses_nothing() {
    let server = common::start_server(20, 1, common::today(), now);
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("replica.sqlite");
    let mut store = Store::open(&path).unwrap();
    let mut http = HttpTransport::new(&server.url).unwrap();
    login(&mut store, &mut http, 1);
    assert_eq!(sync_now(&mut store, &mut http, now()).unwrap().error, None);
    let case = first_case(&store);
    let note = app::SeqIds { prefix: 9, next: 0 }.next_id();
    app::add_note::add_note(
        &mut store,
        now(),
        note,
        &case.to_string(),
        "Klient prosi o ugodę",
    )
    .unwrap();

    // The company upgrades the server: it now needs a newer protocol than
    // this app speaks. Same data, same tokens.
    let storage: Arc<dyn Storage> = Arc::new(SqliteStorage::open(&server_file(&server)).unwrap());
    let mut state = server::ServerState::new(storage, Arc::new(now));
    state.min_protocol = sync_proto::PROTOCOL_VERSION + 1;
    let upgraded = common::serve(state);
    let mut old_app = HttpTransport::new(&upgraded).unwrap();
    let r = sync_now(&mut store, &mut old_app, now()).unwrap();
    match &r.error {
        Some(SyncError::UpgradeRequired(message)) => {
            assert!(message.contains("update the app"), "{message}")
        }
        other => panic!("expected 'update the app', got {other:?}"),
    }
    assert!(!r.wiped);
    assert_eq!((r.pending, r.needs_attention), (1, 0));
    assert_eq!(server.storage.mutation_count(note).unwrap(), 0);
    drop(store);

    // The updated app opens the same replica and delivers the note once.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.outbox(OutboxState::Pending).unwrap().len(), 1);
    let r = sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((r.error, r.pending), (None, 0));
    assert_eq!(server.storage.mutation_count(note).unwrap(), 1);
}

fn server_file(server: &common::Server) -> std::path::PathBuf {
    server.dir().join("server.sqlite")
}

/// Issue 15: a tablet that has not synced for more than 7 days locks its
/// case data — the list and the case file say why, in Polish — until a
/// sync, which still runs and delivers what was captured; then it opens.
#[test]
fn a_device_that_has_not_synced_for_a_week_locks_its_case_data_until_it_syncs() {
    let server = common::start_server(20, 1, common::today(), now);
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&server.url).unwrap();
    login(&mut store, &mut http, 1);
    // Synced on Monday 23 November 2026 at 10:00.
    assert_eq!(sync_now(&mut store, &mut http, now()).unwrap().error, None);
    let case = first_case(&store);
    let list = |store: &Store, days: i64| {
        app::search_cases::search_cases(
            store,
            common::today() + Duration::days(days),
            &api::SearchRequest::default(),
        )
    };
    let file = |store: &Store, days: i64| {
        app::get_case::get_case(
            store,
            common::today() + Duration::days(days),
            &api::CaseRequest {
                case_id: case.to_string(),
            },
        )
    };
    // Monday 30 November, 7 days: open.
    assert!(!list(&store, 7).unwrap().is_empty());
    assert!(file(&store, 7).is_ok());
    // Tuesday 1 December, 8 days: locked, and a note captured meanwhile
    // (a visit's work is not lost) waits in the outbox.
    let note = app::SeqIds { prefix: 9, next: 0 }.next_id();
    app::add_note::add_note(
        &mut store,
        now() + Duration::days(8),
        note,
        &case.to_string(),
        "Klient nieobecny",
    )
    .unwrap();
    assert_eq!(list(&store, 8), Err(api::CommandError::Locked { days: 8 }));
    assert_eq!(file(&store, 8), Err(api::CommandError::Locked { days: 8 }));
    assert_eq!(
        api::labels::error(api::labels::Lang::Pl, &api::CommandError::Locked { days: 8 }),
        "Dane spraw są zablokowane: to urządzenie nie synchronizowało się od 8 dni (dopuszczalne 7). Połącz się z siecią i zsynchronizuj — dane odblokują się same, nic nie zginęło."
    );
    // The sync still runs: the note goes, the data opens.
    let r = sync_now(&mut store, &mut http, now() + Duration::days(8)).unwrap();
    assert_eq!((r.error, r.uploaded), (None, 1));
    assert_eq!(server.storage.mutation_count(note).unwrap(), 1);
    assert!(!list(&store, 8).unwrap().is_empty());
    assert!(file(&store, 8).is_ok());
}
