//! Fixtures shared by the end-to-end tests: a real server on 127.0.0.1:0.

#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};

mod backend;
#[allow(unused_imports)]
pub use backend::Backend;
use server_storage::SqliteStorage;
use std::sync::Arc;

pub const PASSWORD: &str = "tajne hasło";

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

pub fn now() -> NaiveDateTime {
    today().and_hms_opt(10, 0, 0).unwrap()
}

pub struct Server {
    pub url: String,
    pub storage: Arc<SqliteStorage>,
    pub portfolio: demo::Portfolio,
    _dir: tempfile::TempDir,
}

/// A server with the demo users (password [`PASSWORD`]) and a portfolio of
/// `cases` cases over `advisors` advisors, serving on a free port of
/// 127.0.0.1 until the test process ends.
pub fn start_server(
    cases: usize,
    advisors: usize,
    today: NaiveDate,
    clock: fn() -> NaiveDateTime,
) -> Server {
    start_server_with(cases, advisors, today, clock, |_| {})
}

/// As [`start_server`], with `tweak` applied to the server's state first.
pub fn start_server_with(
    cases: usize,
    advisors: usize,
    today: NaiveDate,
    clock: fn() -> NaiveDateTime,
    tweak: impl FnOnce(&mut server::ServerState),
) -> Server {
    let dir = tempfile::TempDir::new().unwrap();
    let storage = Arc::new(SqliteStorage::open(&dir.path().join("server.sqlite")).unwrap());
    let (url, portfolio) = serve_seeded_with(storage.clone(), cases, advisors, today, clock, tweak);
    Server {
        url,
        storage,
        portfolio,
        _dir: dir,
    }
}

/// Seeds `storage` with the demo users (password [`PASSWORD`]) and a
/// portfolio, and serves it on a free port of 127.0.0.1 until the test
/// process ends; answers the base URL and the portfolio.
pub fn serve_seeded(
    storage: Arc<dyn server_storage::Storage>,
    cases: usize,
    advisors: usize,
    today: NaiveDate,
    clock: fn() -> NaiveDateTime,
) -> (String, demo::Portfolio) {
    serve_seeded_with(storage, cases, advisors, today, clock, |_| {})
}

fn serve_seeded_with(
    storage: Arc<dyn server_storage::Storage>,
    cases: usize,
    advisors: usize,
    today: NaiveDate,
    clock: fn() -> NaiveDateTime,
    tweak: impl FnOnce(&mut server::ServerState),
) -> (String, demo::Portfolio) {
    let portfolio = demo::generate(&demo::DemoConfig {
        seed: 99,
        cases,
        advisors,
        today,
    });
    server::seed::seed_with(
        storage.as_ref(),
        &portfolio,
        PASSWORD,
        server::PasswordCost::TestOnly,
    )
    .unwrap();
    let mut state = server::ServerState::new(storage, Arc::new(clock));
    tweak(&mut state);
    (serve(state), portfolio)
}

impl Server {
    /// The folder holding the server's database file (`server.sqlite`).
    pub fn dir(&self) -> &std::path::Path {
        self._dir.path()
    }
}

/// Serves `state` on a free port of 127.0.0.1 until the test process ends;
/// answers the server's base URL.
pub fn serve(state: server::ServerState) -> String {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            server::serve(listener, state).await.unwrap();
        });
    });
    let addr = rx.recv().unwrap();
    format!("http://{addr}")
}

/// What the debtor of `file` tells at the door to prove who they are (issue
/// 14): their name and the last four digits of their PESEL.
#[allow(dead_code)]
pub fn door_identity(file: &sync_proto::CaseFileDto) -> api::IdentityForm {
    let d = &file.debtor;
    api::IdentityForm {
        case_id: file.id.to_string(),
        name: format!("{} {}", d.first_name, d.last_name),
        fact: api::IdentityFactCode::PeselEnd,
        value: d.pesel[d.pesel.len().saturating_sub(4)..].to_owned(),
    }
}

/// A signature for a receipt as the pad records it: a quick stroke.
pub fn receipt_strokes() -> api::SignatureStrokes {
    api::SignatureStrokes {
        width: 320.0,
        height: 120.0,
        strokes: vec![(0..30u32)
            .map(|i| (10.0 + i as f32 * 9.0, 60.0 + (i % 5) as f32 * 6.0, i * 12))
            .collect()],
    }
}

/// Logs `store` in to the server at `url` as doradca1 (ids from
/// `prefix`) and syncs it once; answers the transport.
pub fn login_and_sync(
    store: &mut store::Store,
    url: &str,
    prefix: u64,
) -> sync_client::HttpTransport {
    let mut http = sync_client::HttpTransport::new(url).unwrap();
    let mut ids = app::SeqIds { prefix, next: 0 };
    app::login::login(store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet").unwrap();
    let r = app::sync_now::sync_now(store, &mut http, now()).unwrap();
    assert_eq!(r.error, None);
    http
}
