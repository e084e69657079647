//! The central server: login with device registration, the per-advisor delta
//! download, the exactly-once upload, and back-office endpoints. Written
//! against `server_storage::Storage`, so it runs on any backend.
//!
//! This is the only crate that names axum. It knows the wire types and the
//! domain's rules; storage details stay behind the trait.

mod attachments;
pub mod audit;
mod auth;
pub mod ca;
pub mod contacts;
mod desk;
mod error;
mod handlers;
mod inbox;
pub mod ledger;
mod messages;
pub mod offers;
pub mod portfolio;
mod receipts;
pub mod seed;
pub mod settlements;
mod team;
pub mod tls;
mod visits;

pub use auth::{hash_password, hash_password_with, PasswordCost};
pub use error::ApiError;

use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use chrono::NaiveDateTime;
use server_storage::Storage;
use std::sync::Arc;
use sync_proto::paths;

/// The server's clock: the one place it reads the time.
pub type Clock = Arc<dyn Fn() -> NaiveDateTime + Send + Sync>;

/// The system clock (UTC).
pub fn system_clock() -> Clock {
    #[allow(clippy::disallowed_methods)]
    Arc::new(|| chrono::Utc::now().naive_utc())
}

#[derive(Clone)]
pub struct ServerState {
    pub storage: Arc<dyn Storage>,
    pub clock: Clock,
    /// How long a device token lives.
    pub token_ttl: chrono::Duration,
    /// The oldest device protocol this server accepts
    /// ([`sync_proto::MIN_SUPPORTED_VERSION`] unless raised).
    pub min_protocol: u32,
    /// The CA that certifies devices' signing keys at login and against
    /// which uploaded settlements are verified.
    pub ca: Arc<settlement::Authority>,
    /// The password hashes that may run at once
    /// ([`auth::CONCURRENT_HASHES`]).
    pub hashing: Arc<tokio::sync::Semaphore>,
    /// How long a client may take to send a request's headers, and the
    /// whole request with its answer (issue #15: half-sent requests held
    /// open are closed).
    pub timeouts: Timeouts,
}

/// See [`ServerState::timeouts`].
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub headers: std::time::Duration,
    pub request: std::time::Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            headers: std::time::Duration::from_secs(10),
            request: std::time::Duration::from_secs(60),
        }
    }
}

impl ServerState {
    /// A server with a CA of its own made now, for tests and demos: the
    /// certificates it issues die with it. `partner-server` keeps its CA in
    /// files ([`ca::load_or_create`], [`ServerState::with_ca`]).
    pub fn new(storage: Arc<dyn Storage>, clock: Clock) -> Self {
        let ca = ca::ephemeral((clock)()).expect("a CA can be made");
        ServerState {
            ca: Arc::new(ca),
            storage,
            clock,
            token_ttl: chrono::Duration::days(30),
            min_protocol: sync_proto::MIN_SUPPORTED_VERSION,
            hashing: Arc::new(tokio::sync::Semaphore::new(auth::CONCURRENT_HASHES)),
            timeouts: Timeouts::default(),
        }
    }
}

impl ServerState {
    /// The same server with this CA.
    pub fn with_ca(mut self, ca: settlement::Authority) -> Self {
        self.ca = Arc::new(ca);
        self
    }
}

pub mod admin_paths {
    pub const PUT_CASE: &str = "/api/v1/admin/cases";
    pub const ASSIGN: &str = "/api/v1/admin/assign";
    pub const REVOKE: &str = sync_proto::desk_paths::REVOKE;
    pub const CASE: &str = sync_proto::desk_paths::CASE;
    /// A signed settlement's PDF by its mutation id (`{"id": ...}`).
    pub const SETTLEMENT: &str = sync_proto::office_paths::SETTLEMENT_PDF;
    /// A door receipt's PDF: `{"id": <the visit report's mutation id>}`.
    pub const RECEIPT: &str = sync_proto::office_paths::RECEIPT_PDF;
    /// Sets an advisor's offer policy and authority limits.
    pub const POLICY: &str = "/api/v1/admin/policy";
    /// Adds or corrects a dated NBP reference rate (`SetReferenceRateRequest`);
    /// answers the whole table.
    pub const REFERENCE_RATES: &str = "/api/v1/admin/reference-rates";
    /// Judges every held case's promises on the server's day now (what
    /// the daily run does); answers `{"changed": n}`.
    pub const JUDGE_PROMISES: &str = "/api/v1/admin/promises/judge";
    /// Back office: the contact proposals still to decide.
    pub const CONTACTS: &str = "/api/v1/admin/contacts";
    /// Back office: accept or reject changes of one contact proposal.
    pub const CONTACTS_DECIDE: &str = sync_proto::office_paths::CONTACTS_DECIDE;
    /// The photos of a case with their bytes (`AttachmentsQuery`), oldest
    /// first: back office, team leads and admins.
    pub const ATTACHMENTS: &str = "/api/v1/admin/attachments";
    /// Back office: a page of the consultation threads (`ThreadsRequest`),
    /// urgent first, then unanswered, then the newest.
    pub const THREADS: &str = sync_proto::paths::ADMIN_THREADS;
    /// Back office: one thread (`ThreadQuery`); marks its questions read.
    pub const THREAD: &str = sync_proto::paths::ADMIN_THREAD;
    /// Back office: answers a thread (`AnswerRequest`, idempotent by
    /// `answer_id`; 409 on a closed thread).
    pub const THREAD_ANSWER: &str = sync_proto::paths::ADMIN_THREAD_ANSWER;
    /// Back office: closes a thread (`ThreadQuery`; 409 when closed).
    pub const THREAD_CLOSE: &str = sync_proto::paths::ADMIN_THREAD_CLOSE;
    /// Back office: marks a thread urgent or not (`UrgentRequest`).
    pub const THREAD_URGENT: &str = sync_proto::paths::ADMIN_THREAD_URGENT;
    /// Admin: a page of the audit log, newest first (`AuditRequest`).
    pub const AUDIT: &str = "/api/v1/admin/audit";
}

pub fn router(state: ServerState) -> Router {
    Router::new()
        .route(paths::HEALTH, get(|| async { "ok" }))
        .route(paths::LOGIN, post(handlers::login))
        .route(paths::LOGOUT, post(handlers::logout))
        .route(paths::DOWNLOAD, post(handlers::download))
        .route(paths::UPLOAD, post(handlers::upload))
        .route(admin_paths::PUT_CASE, post(handlers::put_case))
        .route(admin_paths::ASSIGN, post(handlers::assign))
        .route(admin_paths::REVOKE, post(handlers::revoke))
        .route(admin_paths::CASE, post(handlers::get_case))
        .route(admin_paths::SETTLEMENT, post(handlers::get_settlement))
        .route(admin_paths::RECEIPT, post(handlers::get_receipt))
        .route(admin_paths::ATTACHMENTS, post(handlers::get_attachments))
        .route(admin_paths::POLICY, post(team::set_policy))
        .route(admin_paths::REFERENCE_RATES, post(team::set_reference_rate))
        .route(admin_paths::JUDGE_PROMISES, post(handlers::judge_promises))
        .route(admin_paths::AUDIT, post(audit::page))
        .route(admin_paths::CONTACTS, post(contacts::open))
        .route(admin_paths::CONTACTS_DECIDE, post(contacts::decide_changes))
        .route(paths::TEAM_OFFERS, post(team::offers))
        .route(paths::TEAM_PLANS, post(team::plans))
        .route(paths::TEAM_DECIDE, post(team::decide))
        .route(admin_paths::THREADS, post(messages::office_threads))
        .route(admin_paths::THREAD, post(messages::office_thread))
        .route(admin_paths::THREAD_ANSWER, post(messages::office_answer))
        .route(admin_paths::THREAD_CLOSE, post(messages::office_close))
        .route(admin_paths::THREAD_URGENT, post(messages::office_urgent))
        .route(paths::TEAM_THREADS, post(messages::team_threads))
        .route(paths::TEAM_THREAD, post(messages::team_thread))
        .route(paths::TEAM_THREAD_ANSWER, post(messages::team_answer))
        .merge(inbox::routes())
        .merge(desk::routes())
        .layer(DefaultBodyLimit::max(sync_proto::MAX_BODY_BYTES))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::REQUEST_TIMEOUT,
            state.timeouts.request,
        ))
        .layer(tower_http::compression::CompressionLayer::new().gzip(true))
        .with_state(state)
}

/// Serves until the listener fails (see [`serve_until`]).
pub async fn serve(listener: tokio::net::TcpListener, state: ServerState) -> std::io::Result<()> {
    serve_until(listener, state, std::future::pending()).await
}

/// Serves until `stop` resolves, then finishes the requests under way (at
/// most a request's timeout). Each request knows its peer's address (the
/// login throttle counts failures per address); a client that does not
/// send a request's headers within [`Timeouts::headers`] is disconnected,
/// and a request not answered within [`Timeouts::request`] (a body sent
/// too slowly) is answered 408.
pub async fn serve_until(
    listener: tokio::net::TcpListener,
    state: ServerState,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, state, None, stop).await
}

/// As [`serve_until`], over HTTPS: each connection's TLS handshake within
/// the header timeout, then HTTP/1.1 as on plain connections.
pub async fn serve_tls_until(
    listener: tokio::net::TcpListener,
    state: ServerState,
    tls: tls::TlsAcceptor,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with(listener, state, Some(tls), stop).await
}

async fn serve_with(
    listener: tokio::net::TcpListener,
    state: ServerState,
    tls: Option<tls::TlsAcceptor>,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use axum::extract::ConnectInfo;
    use tower::ServiceExt;
    let timeouts = state.timeouts;
    let app = router(state);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of file descriptors and the like: wait, keep serving.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        let service =
            app.clone()
                .map_request(move |mut req: axum::http::Request<hyper::body::Incoming>| {
                    req.extensions_mut().insert(ConnectInfo(peer));
                    req.map(axum::body::Body::new)
                });
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(timeouts.headers);
        let service = hyper_util::service::TowerToHyperService::new(service);
        // Taken now: the shutdown waits for this connection from here on.
        let watcher = graceful.watcher();
        let tls = tls.clone();
        tokio::spawn(async move {
            // A connection's end, a client gone or timed out, a failed
            // handshake, is no error of the server's.
            match tls {
                None => {
                    let conn = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                    let _ = watcher.watch(conn).await;
                }
                Some(tls) => {
                    let Ok(Ok(stream)) =
                        tokio::time::timeout(timeouts.headers, tls.accept(stream)).await
                    else {
                        return;
                    };
                    let conn = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
                    let _ = watcher.watch(conn).await;
                }
            }
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(timeouts.request, graceful.shutdown()).await;
    Ok(())
}
