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

/// The app lock (issue #15) on an encrypted replica against a real server,
/// worked try by try: a PIN "4711" set after the login (a run and a
/// mismatch refused first); wrong PINs 1–4 leave 4…1 PINs, the fifth makes
/// it the password only (a PIN is then not even counted); wrong passwords
/// 6–9, checked by the server, warn from 3 tries left; the right password
/// opens it and the count starts again; then ten wrong tries erase the
/// replica: the key destroyed, the file gone, the note not yet synced
/// reported lost.
#[test]
fn the_app_lock_asks_the_pin_then_the_password_and_erases_after_ten_tries() {
    use api::{CommandError, Field, Reason, SetPinForm};
    use app::lock::{try_password, try_pin, Tried};
    let server = common::start_server(20, 1, common::today(), now);
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("replica.sqlite");
    let vault = app::vault::FileVault::new(dir.path().join("keys"));
    let mut store = app::vault::open_replica(&vault, &path).unwrap();
    let mut http = HttpTransport::new(&server.url).unwrap();
    login(&mut store, &mut http, 1);
    assert_eq!(sync_now(&mut store, &mut http, now()).unwrap().error, None);
    assert!(!app::lock::pin_set(&store).unwrap());

    let set = |store: &mut Store, pin: &str, repeat: &str| {
        app::lock::set_pin(
            store,
            Uuid::from_u128(0x5A17),
            &SetPinForm {
                pin: pin.into(),
                repeat: repeat.into(),
            },
        )
    };
    assert_eq!(
        set(&mut store, "1234", "1234"),
        Err(CommandError::invalid(Field::Pin, Reason::GuessablePin))
    );
    assert_eq!(
        set(&mut store, "47", "47"),
        Err(CommandError::invalid(Field::Pin, Reason::Malformed))
    );
    assert_eq!(
        set(&mut store, "4711", "4712"),
        Err(CommandError::invalid(Field::PinRepeat, Reason::Mismatch))
    );
    set(&mut store, "4711", "4711").unwrap();
    assert!(app::lock::pin_set(&store).unwrap());
    // The PIN is kept as an argon2id hash, never as typed.
    assert!(!std::fs::read(&path)
        .unwrap()
        .windows(4)
        .any(|w| w == b"4711"));

    // A note written, not yet synced.
    let case = first_case(&store);
    app::add_note::add_note(
        &mut store,
        now(),
        Uuid::from_u128(0x5A_0001),
        &case.to_string(),
        "Notatka przed blokadą",
    )
    .unwrap();

    let wrong = |pins_left: u32, before_wipe: u32| {
        Tried::Wrong(CommandError::WrongPin {
            pins_left,
            before_wipe,
        })
    };
    // Wrong PINs 1–4: 4, 3, 2, 1 PINs left; 9…6 tries before the wipe.
    for (n, (pins, wipe)) in [(4, 9), (3, 8), (2, 7), (1, 6)].into_iter().enumerate() {
        assert_eq!(
            try_pin(&mut store, "0000").unwrap(),
            wrong(pins, wipe),
            "try {}",
            n + 1
        );
    }
    // The right PIN still opens it, and the count starts again.
    assert_eq!(try_pin(&mut store, "4711").unwrap(), Tried::Opened);
    assert_eq!(app::lock::view(&store, true).unwrap().before_wipe, 10);
    // Five wrong: the password only. Even the right PIN is refused now,
    // and not counted.
    for _ in 0..4 {
        try_pin(&mut store, "9999").unwrap();
    }
    assert_eq!(try_pin(&mut store, "9999").unwrap(), wrong(0, 5));
    assert_eq!(try_pin(&mut store, "4711").unwrap(), wrong(0, 5));
    let v = app::lock::view(&store, true).unwrap();
    assert!(v.password_only && !v.warn);
    assert_eq!((v.pins_left, v.before_wipe, v.unsynced), (0, 5, 1));

    let mut ids = app::SeqIds { prefix: 2, next: 0 };
    let mut password =
        |store: &mut Store, p: &str| try_password(store, &mut http, &mut ids, p, "tablet").unwrap();
    // Wrong passwords 6, 7 (the server says no): 4, 3 tries left; from 3
    // the screen warns that unsynced work will be lost.
    assert_eq!(password(&mut store, "zle-haslo"), wrong(0, 4));
    assert_eq!(password(&mut store, "zle-haslo"), wrong(0, 3));
    assert!(app::lock::view(&store, true).unwrap().warn);
    assert!(api::labels::error(
        api::labels::Lang::Pl,
        &CommandError::WrongPin {
            pins_left: 0,
            before_wipe: 3
        }
    )
    .contains("po 3 kolejnych błędach dane na urządzeniu zostaną usunięte"));
    // The right password opens it: the count starts again.
    assert_eq!(password(&mut store, PASSWORD), Tried::Opened);
    assert_eq!(app::lock::view(&store, true).unwrap().before_wipe, 10);

    // Ten wrong tries in all: five PINs, then five passwords.
    for _ in 0..5 {
        try_pin(&mut store, "1111").unwrap();
    }
    for left in [4, 3, 2, 1] {
        assert_eq!(password(&mut store, "zle-haslo"), wrong(0, left));
    }
    assert_eq!(password(&mut store, "zle-haslo"), Tried::Erase { lost: 1 });
    // What the shell then does (`AppState::shred`): the key first.
    drop(store);
    app::vault::shred(&vault, &path, &dir.path().join("ugody")).unwrap();
    assert!(!path.exists());
    assert_eq!(
        app::vault::KeyVault::load(&vault, &app::vault::replica_name(&path)).unwrap(),
        None
    );
}

/// Hours the handover test's clock runs ahead of `now()`.
static HOURS_AHEAD: AtomicI64 = AtomicI64::new(0);

fn handover_clock() -> NaiveDateTime {
    now() + Duration::hours(HOURS_AHEAD.load(Ordering::SeqCst))
}

/// Issue #15: a tablet revoked for a handover delivers its pending work for
/// three days by the server's clock (`server::auth::HANDOVER_WINDOW`); a
/// second one, first back after 73 hours, is treated as lost: its note is
/// not taken and the sync wipes it.
#[test]
fn a_handed_over_tablet_delivers_within_three_days_and_is_lost_after() {
    use sync_client::Transport;
    let server = common::start_server(20, 1, common::today(), handover_clock);
    let dirs = [
        tempfile::TempDir::new().unwrap(),
        tempfile::TempDir::new().unwrap(),
    ];
    let mut devices: Vec<(Store, HttpTransport)> = dirs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let mut store = Store::open(&d.path().join("replica.sqlite")).unwrap();
            let mut http = HttpTransport::new(&server.url).unwrap();
            login(&mut store, &mut http, 40 + i as u64);
            assert_eq!(sync_now(&mut store, &mut http, now()).unwrap().error, None);
            (store, http)
        })
        .collect();
    let case = first_case(&devices[0].0);
    // Each writes a note before the revocation.
    for (i, (store, _)) in devices.iter_mut().enumerate() {
        app::add_note::add_note(
            store,
            now(),
            Uuid::from_u128(0x4A_0000 + i as u128),
            &case.to_string(),
            &format!("Przed przekazaniem {i}"),
        )
        .unwrap();
    }
    // The back office revokes both for a handover at now().
    let office = HttpTransport::new(&server.url)
        .unwrap()
        .login(&sync_proto::LoginRequest {
            login: "biuro".into(),
            password: PASSWORD.into(),
            device_id: Uuid::from_u128(0x4A_B1),
            device_name: "biuro".into(),
            certificate_request: None,
        })
        .unwrap()
        .token;
    for (store, _) in &devices {
        let device_id = store.sync_value("device_id").unwrap().unwrap();
        let res = reqwest::blocking::Client::new()
            .post(format!("{}{}", server.url, sync_proto::desk_paths::REVOKE))
            .header(
                sync_proto::VERSION_HEADER,
                sync_proto::PROTOCOL_VERSION.to_string(),
            )
            .bearer_auth(&office)
            .json(&serde_json::json!({ "device_id": device_id, "mode": "handover" }))
            .send()
            .unwrap();
        assert_eq!(res.status().as_u16(), 204);
    }
    let delivered = |text: &str| {
        server
            .storage
            .case(case)
            .unwrap()
            .unwrap()
            .activities
            .iter()
            .any(|a| a.summary.contains(text))
    };
    // 71 hours later the first one is back: its note is taken, it is wiped.
    HOURS_AHEAD.store(71, Ordering::SeqCst);
    let (store, http) = &mut devices[0];
    let r = sync_now(store, http, handover_clock()).unwrap();
    assert_eq!(r.uploaded, 1, "{r:?}");
    assert!(r.wiped);
    assert!(delivered("Przed przekazaniem 0"));
    // 73 hours: the second is treated as lost — nothing taken, wiped.
    HOURS_AHEAD.store(73, Ordering::SeqCst);
    let (store, http) = &mut devices[1];
    let r = sync_now(store, http, handover_clock()).unwrap();
    assert_eq!(r.uploaded, 0, "{r:?}");
    assert!(r.wiped);
    assert!(!delivered("Przed przekazaniem 1"));
}
