//! Randomized, seeded fault runs of sync (issue #3). Each seed: a real server
//! on 127.0.0.1 (SQLite file), several advisors' devices (real replica files)
//! working offline, the back office changing data, and faults: requests and
//! answers dropped, requests duplicated, stale requests replayed later
//! (reordering), uploads cut after part of a batch, the server restarted, the
//! device "killed" mid-sync (the run aborted and the replica reopened from
//! its file). Then the faults stop, one clean sync runs, and:
//! - every note, visit report, photo (issue 11), question to the office and
//!   read receipt (issue 12) captured offline is on
//!   the server exactly once, or was rejected with a reason the device
//!   shows (never lost, never doubled);
//! - every replica equals the server's view of that advisor's cases;
//! - each device's questions are in their case's thread once each, in the
//!   order it asked them.
//!
//! `PARTNER_FAULT_RUNS` sets the number of seeds (default 1,000; more for a
//! longer run); `PARTNER_FAULT_SEED` replays one seed. A failure prints its seed.

use app::sync_now::sync_now;
use app::{IdSource, SeqIds};
use chrono::{NaiveDate, NaiveDateTime};
use server_storage::{Audit, SqliteStorage, Storage};
use std::collections::{BTreeMap, BTreeSet};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use store::{OutboxState, Store};
use sync_client::{HttpTransport, SyncError, Transport};
use sync_proto::*;
use uuid::Uuid;

const PASSWORD: &str = "hasło";

fn now() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

/// splitmix64: small, seeded, good enough to pick faults.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// The server, restartable on the same address.
struct ServerProc {
    db: PathBuf,
    addr: SocketAddr,
    storage: Arc<SqliteStorage>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ServerProc {
    fn start(db: PathBuf, addr: Option<SocketAddr>) -> ServerProc {
        let storage = Arc::new(SqliteStorage::open(&db).unwrap());
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let state = server::ServerState::new(storage.clone(), Arc::new(now));
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                let bind = addr.unwrap_or_else(|| "127.0.0.1:0".parse().unwrap());
                let listener = tokio::net::TcpListener::bind(bind).await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                server::serve_until(listener, state, async {
                    let _ = stop_rx.await;
                })
                .await
                .unwrap();
            });
        });
        let addr = addr_rx.recv().unwrap();
        ServerProc {
            db,
            addr,
            storage,
            stop: Some(stop_tx),
            thread: Some(thread),
        }
    }

    fn restart(&mut self) {
        self.shutdown();
        *self = ServerProc::start(self.db.clone(), Some(self.addr));
    }

    fn shutdown(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
    }
}

impl Drop for ServerProc {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// How many faults of each kind a run injected.
#[derive(Debug, Default, Clone, Copy)]
struct Stats {
    dropped_requests: u64,
    dropped_answers: u64,
    duplicated: u64,
    replayed_late: u64,
    partial_batches: u64,
    device_kills: u64,
    server_restarts: u64,
    rejected_notes: u64,
    notes: u64,
    photos: u64,
}

impl std::ops::AddAssign for Stats {
    fn add_assign(&mut self, o: Stats) {
        self.dropped_requests += o.dropped_requests;
        self.dropped_answers += o.dropped_answers;
        self.duplicated += o.duplicated;
        self.replayed_late += o.replayed_late;
        self.partial_batches += o.partial_batches;
        self.device_kills += o.device_kills;
        self.server_restarts += o.server_restarts;
        self.rejected_notes += o.rejected_notes;
        self.notes += o.notes;
        self.photos += o.photos;
    }
}

/// The real HTTP transport with faults injected from a seeded generator.
struct Faulty {
    stats: Stats,
    inner: HttpTransport,
    rng: Rng,
    on: bool,
    /// Requests held back, to arrive later than newer ones.
    late: Vec<(String, UploadRequest)>,
    /// Set when this call "killed" the device.
    crashed: bool,
}

impl Faulty {
    fn flush_late(&mut self) {
        if !self.late.is_empty() && self.rng.chance(50) {
            let (token, req) = self.late.remove(0);
            let _ = self.inner.upload(&token, &req);
        }
    }
}

fn lost() -> SyncError {
    SyncError::Unreachable("fault: connection dropped".into())
}

impl Transport for Faulty {
    fn login(&mut self, req: &LoginRequest) -> Result<LoginResponse, SyncError> {
        self.inner.login(req)
    }

    fn download(
        &mut self,
        token: &str,
        req: &DownloadRequest,
    ) -> Result<DownloadResponse, SyncError> {
        if !self.on {
            return self.inner.download(token, req);
        }
        self.flush_late();
        match self.rng.below(10) {
            0 => {
                self.stats.dropped_requests += 1;
                Err(lost())
            }
            1 => {
                self.stats.dropped_answers += 1;
                let _ = self.inner.download(token, req);
                Err(lost())
            }
            2 => {
                self.stats.duplicated += 1;
                let _ = self.inner.download(token, req);
                self.inner.download(token, req)
            }
            3 => {
                self.stats.device_kills += 1;
                self.crashed = true;
                Err(SyncError::Unreachable("fault: device killed".into()))
            }
            _ => self.inner.download(token, req),
        }
    }

    fn upload(&mut self, token: &str, req: &UploadRequest) -> Result<UploadResponse, SyncError> {
        if !self.on {
            return self.inner.upload(token, req);
        }
        self.flush_late();
        match self.rng.below(12) {
            0 => {
                self.stats.dropped_requests += 1;
                Err(lost())
            }
            1 => {
                self.stats.dropped_answers += 1;
                let _ = self.inner.upload(token, req);
                Err(lost())
            }
            2 => {
                self.stats.duplicated += 1;
                let _ = self.inner.upload(token, req);
                self.inner.upload(token, req)
            }
            3 => {
                self.stats.replayed_late += 1;
                self.late.push((token.to_owned(), req.clone()));
                Err(lost())
            }
            4 => {
                self.stats.partial_batches += 1;
                // The server dies after applying part of the batch.
                let k = self.rng.below(req.mutations.len() + 1);
                let _ = self.inner.upload(
                    token,
                    &UploadRequest {
                        mutations: req.mutations[..k].to_vec(),
                    },
                );
                Err(lost())
            }
            5 => {
                self.stats.device_kills += 1;
                let _ = self.inner.upload(token, req);
                self.crashed = true;
                Err(SyncError::Unreachable("fault: device killed".into()))
            }
            _ => self.inner.upload(token, req),
        }
    }
}

struct Device {
    path: PathBuf,
    store: Store,
    net: Faulty,
    ids: SeqIds,
    /// Every note, visit report and contact proposal this device captured.
    notes: Vec<Uuid>,
    /// Its questions to the office, in the order asked, with their case.
    questions: Vec<(Uuid, Uuid)>,
}

/// Two small photos as the visit screen sends them (made once).
fn photos() -> &'static [api::PhotoDraft] {
    static PHOTOS: std::sync::OnceLock<Vec<api::PhotoDraft>> = std::sync::OnceLock::new();
    PHOTOS.get_or_init(|| {
        (0..2)
            .map(|i| {
                let file = evidence::sample_png(96, 72, i);
                app::photos::prepare_photo(&api::PhotoFile {
                    name: "awizo.png".into(),
                    data: <base64ct::Base64 as base64ct::Encoding>::encode_string(&file),
                })
                .unwrap()
            })
            .collect()
    })
}

fn canonical(mut f: domain::CaseFile) -> domain::CaseFile {
    f.payments.sort_by_key(|p| (p.paid_on, p.id));
    f.promises.sort_by_key(|p| (p.due_on, p.id));
    f.activities.sort_by_key(|a| (a.at, a.id));
    f.contacts.sort_by_key(|c| (c.made_at, c.id));
    f
}

fn run_seed(seed: u64, stats: &mut Stats) -> Result<(), String> {
    let dir = tempfile::TempDir::new().unwrap();
    let mut rng = Rng(seed);
    let advisors = 3;
    let portfolio = demo::generate(&demo::DemoConfig {
        seed,
        cases: 18,
        advisors,
        today: now().date(),
    });
    let mut server = ServerProc::start(dir.path().join("server.sqlite"), None);
    server::seed::seed_with(
        server.storage.as_ref(),
        &portfolio,
        PASSWORD,
        server::PasswordCost::TestOnly,
    )
    .map_err(|e| e.body.message)?;
    let url = format!("http://{}", server.addr);

    let mut devices: Vec<Device> = (0..advisors)
        .map(|i| {
            let path = dir.path().join(format!("device{i}.sqlite"));
            let mut store = Store::open(&path).unwrap();
            let mut net = Faulty {
                inner: HttpTransport::new(&url).unwrap(),
                rng: Rng(seed ^ ((i as u64 + 1) * 0xA5A5)),
                on: false,
                late: Vec::new(),
                crashed: false,
                stats: Stats::default(),
            };
            let mut ids = SeqIds {
                prefix: seed.wrapping_mul(16) + i as u64,
                next: 0,
            };
            app::login::login(
                &mut store,
                &mut net,
                &mut ids,
                &format!("doradca{}", i + 1),
                PASSWORD,
                "t",
            )
            .unwrap();
            Device {
                path,
                store,
                net,
                ids,
                notes: Vec::new(),
                questions: Vec::new(),
            }
        })
        .collect();
    let advisor_ids: Vec<Uuid> = portfolio.advisors.iter().map(|a| a.id.0).collect();

    // A first sync without faults, so the advisors have cases to work on.
    for d in &mut devices {
        sync_now(&mut d.store, &mut d.net, now()).map_err(|e| e.to_string())?;
    }

    for round in 0..6 {
        for d in &mut devices {
            d.net.on = true;
            // Work offline: notes on cases the device holds.
            let held: Vec<_> = d.store.search(&store::CaseQuery::default()).unwrap();
            for _ in 0..rng.below(4) {
                if held.is_empty() {
                    break;
                }
                let case = &held[rng.below(held.len())];
                let id = d.ids.next_id();
                app::add_note::add_note(
                    &mut d.store,
                    now(),
                    id,
                    &case.id.to_string(),
                    &format!("notatka {round} {id}"),
                )
                .map_err(|e| format!("capturing a note: {e}"))?;
                d.notes.push(id);
            }
            // Now and then a visit report (issue 11): a promise to pay from
            // the client, or nobody at home; it is chained to the device's
            // previous report and moves the case on the replica at once.
            if !held.is_empty() && rng.chance(30) {
                let case = &held[rng.below(held.len())];
                let id = d.ids.next_id();
                let promise = rng.chance(50);
                let form = api::VisitForm {
                    case_id: case.id.to_string(),
                    contact: Some(if promise {
                        api::VisitContact::RightParty
                    } else {
                        api::VisitContact::Nobody
                    }),
                    detail: (!promise).then_some(api::VisitDetail::NotAtHome),
                    // The debtor proves who they are at the door (issue 14).
                    identity: promise.then(|| {
                        let f = d.store.case_file(case.id).unwrap().unwrap();
                        let p = &f.debtor.pesel;
                        api::IdentityForm {
                            case_id: case.id.to_string(),
                            name: f.debtor.full_name(),
                            fact: api::IdentityFactCode::PeselEnd,
                            value: p[p.len() - 4..].to_owned(),
                        }
                    }),
                    outcome: Some(if promise {
                        api::VisitOutcome::PromiseToPay
                    } else {
                        api::VisitOutcome::Nothing
                    }),
                    amount: "100,00".into(),
                    due_on: Some(now().date() + chrono::Duration::days(7)),
                    channel: Some(api::PromiseChannel::BankTransfer),
                    started_at: Some(now() - chrono::Duration::minutes(15)),
                    // Photos of the evidence, queued after the report.
                    photos: photos()[..rng.below(3)].to_vec(),
                    ..api::VisitForm::default()
                };
                let n = form.photos.len();
                match app::visit::record_visit(&mut d.store, now(), id, &app::visit::NoFix, &form) {
                    Ok(_) => {
                        d.notes.push(id);
                        d.notes.extend((0..n).map(|i| app::photos::photo_id(id, i)));
                        stats.photos += n as u64;
                    }
                    // A case that is paying takes no promise: the workflow
                    // refuses it on the device, nothing is saved.
                    Err(api::CommandError::Invalid {
                        code: api::Reason::StatusRefused,
                        ..
                    }) => {}
                    Err(e) => return Err(format!("capturing a visit: {e}")),
                }
            }
            // Now and then a contact proposal (issue 11): a new phone, which
            // the case shows as proposed until the back office decides.
            if !held.is_empty() && rng.chance(30) {
                let case = &held[rng.below(held.len())];
                let id = d.ids.next_id();
                let form = api::ContactForm {
                    case_id: case.id.to_string(),
                    visit_id: None,
                    changes: vec![api::ContactChangeForm {
                        number: format!("60{} 234 567", rng.below(10)),
                        primary: rng.chance(50),
                        ..api::ContactChangeForm::new(api::ContactChangeKind::Phone)
                    }],
                    note: String::new(),
                };
                match app::contact::propose_contact(&mut d.store, now(), id, &form) {
                    Ok(_) => d.notes.push(id),
                    // A case full of phones takes no more.
                    Err(api::CommandError::Invalid {
                        code: api::Reason::TooMany,
                        ..
                    }) => {}
                    Err(e) => return Err(format!("capturing a contact proposal: {e}")),
                }
            }
            // Now and then a question to the office (issue 12), or the
            // office's answers read.
            if !held.is_empty() && rng.chance(40) {
                let case = &held[rng.below(held.len())];
                let id = d.ids.next_id();
                let form = api::AskForm {
                    case_id: case.id.to_string(),
                    text: format!("Pytanie {}", rng.below(1000)),
                    urgent: rng.chance(30),
                    photos: vec![],
                };
                match app::consult::ask(&mut d.store, now(), id, &form) {
                    Ok(_) => {
                        d.notes.push(id);
                        d.questions.push((case.id.0, id));
                    }
                    Err(e) => return Err(format!("asking the office: {e}")),
                }
            }
            if !held.is_empty() && rng.chance(30) {
                let case = &held[rng.below(held.len())];
                let id = d.ids.next_id();
                let req = api::CaseRequest {
                    case_id: case.id.to_string(),
                };
                let before = d.store.outbox_counts().unwrap().0;
                match app::consult::read_answers(&mut d.store, now(), id, &req) {
                    Ok(_) if d.store.outbox_counts().unwrap().0 > before => d.notes.push(id),
                    Ok(_) => {}
                    Err(e) => return Err(format!("reading answers: {e}")),
                }
            }
            if rng.chance(70) {
                let _ = sync_now(&mut d.store, &mut d.net, now()).map_err(|e| e.to_string())?;
            }
            if d.net.crashed {
                // The device was killed: whatever was committed is what the
                // replica file holds when the app starts again.
                d.net.crashed = false;
                d.store = Store::open(&d.path).unwrap();
            }
        }
        // The back office changes data.
        let all: Vec<CaseFileDto> = advisor_ids
            .iter()
            .flat_map(|a| server.storage.cases_of(*a).unwrap())
            .collect();
        if !all.is_empty() {
            let c = &all[rng.below(all.len())];
            match rng.below(3) {
                0 => server
                    .storage
                    .assign(c.id, Some(advisor_ids[rng.below(advisors)]))
                    .unwrap(),
                1 => {
                    let mut f = c.clone();
                    f.debts[0].interest = rust_decimal::Decimal::new(rng.below(100_000) as i64, 2);
                    server.storage.put_case(&f).unwrap();
                }
                _ => {
                    let mut f = c.clone();
                    f.status = "closed".into();
                    server.storage.put_case(&f).unwrap();
                }
            }
        }
        // The back office decides an open contact proposal: the accepted
        // phone becomes the case's data on the device that holds it.
        let open = server.storage.open_contacts(0, 100).unwrap();
        if let (Some(c), true) = (open.first(), rng.chance(60)) {
            if let Some(r) = c.contacts.iter().find(|r| r.is_open()) {
                let accept = rng.chance(50);
                let req = DecideContactRequest {
                    case_id: c.id,
                    proposal_id: r.id,
                    decisions: vec![ChangeDecisionDto {
                        index: 0,
                        verdict: if accept {
                            ContactVerdict::Accept
                        } else {
                            ContactVerdict::Reject
                        },
                        comment: if accept { String::new() } else { "nie".into() },
                        edited: None,
                    }],
                };
                server
                    .storage
                    .change_case(c.id, &|f| {
                        server::contacts::decide(f, &req, "Biuro Obsługi", now())
                    })
                    .unwrap();
            }
        }
        // The back office answers an unanswered thread now and then.
        let threads = server
            .storage
            .threads(&server_storage::ThreadFilter {
                lead: None,
                offset: 0,
                limit: 5,
            })
            .unwrap();
        if let (Some(c), true) = (threads.first(), rng.chance(60)) {
            let answer_id = Uuid::from_u128(rng.next() as u128 | (0xA5 << 120));
            let _ = server.storage.change_case(c.id, &|mut f| {
                let mut t = f.thread.as_ref().map(ThreadDto::thread).unwrap_or_default();
                let m = domain::message::Message {
                    id: answer_id,
                    author: domain::message::Author::BackOffice,
                    author_name: "Biuro Obsługi".into(),
                    text: "Odpowiedź".into(),
                    urgent: false,
                    written_at: now(),
                    received_at: now(),
                    read_at: None,
                };
                t.answer(m)
                    .map_err(|e| server_storage::StorageError::Conflict(e.to_string()))?;
                f.thread = Some(ThreadDto::from(&t));
                Ok(f)
            });
        }
        if rng.chance(25) {
            stats.server_restarts += 1;
            server.restart();
        }
    }

    // Faults stop; one clean sync (a second one only if the first had to
    // leave the download for later because uploads were still pending).
    for d in &mut devices {
        d.net.on = false;
        let late = std::mem::take(&mut d.net.late);
        for (token, req) in late {
            // Stale requests still arrive after everything else.
            let _ = d.net.inner.upload(&token, &req);
        }
        let r = sync_now(&mut d.store, &mut d.net, now()).map_err(|e| e.to_string())?;
        if r.error.is_some() || r.pending > 0 {
            return Err(format!("clean sync failed: {r:?}"));
        }
    }

    // Every note: recorded on the server once, applied at most once, and if
    // not applied, shown to the advisor as rejected.
    let mut applied_in_docs: BTreeMap<Uuid, usize> = BTreeMap::new();
    let docs: Vec<CaseFileDto> = advisor_ids
        .iter()
        .flat_map(|a| server.storage.cases_of(*a).unwrap())
        .collect();
    for f in &docs {
        for a in &f.activities {
            *applied_in_docs.entry(a.id).or_default() += 1;
        }
        // Uploads in order, exactly once: no device's chain of visit
        // reports ever looks broken to the server.
        if let Some(v) = f.visits.iter().find(|v| v.chain != ChainCheck::Holds) {
            return Err(format!("visit {} breaks its device's chain", v.id));
        }
        // A message is in its thread once.
        if let Some(t) = &f.thread {
            let ids: BTreeSet<Uuid> = t.messages.iter().map(|m| m.id).collect();
            if ids.len() != t.messages.len() {
                return Err(format!("case {} holds a message twice", f.id));
            }
        }
        // A proposal is on its case once.
        let ids: BTreeSet<Uuid> = f.contacts.iter().map(|c| c.id).collect();
        if ids.len() != f.contacts.len() {
            return Err(format!("case {} holds a proposal twice", f.id));
        }
    }
    for d in &devices {
        let rejected: BTreeSet<Uuid> = d
            .store
            .outbox(OutboxState::Rejected)
            .unwrap()
            .into_iter()
            .map(|i| i.mutation_id)
            .collect();
        let applied: BTreeSet<Uuid> = d
            .store
            .outbox(OutboxState::Applied)
            .unwrap()
            .into_iter()
            .map(|i| i.mutation_id)
            .collect();
        stats.notes += d.notes.len() as u64;
        stats.rejected_notes += d.notes.iter().filter(|n| rejected.contains(n)).count() as u64;
        *stats += d.net.stats;
        // Its questions: in their thread in the order asked (those the
        // server took), and a question in a thread was taken.
        let mut asked: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
        for (case, id) in &d.questions {
            if applied.contains(id) {
                asked.entry(*case).or_default().push(*id);
            }
        }
        let mine: BTreeSet<Uuid> = d.questions.iter().map(|(_, id)| *id).collect();
        for (case, ids) in &asked {
            let stored = server.storage.case(*case).unwrap().unwrap();
            let in_thread: Vec<Uuid> = stored
                .thread
                .iter()
                .flat_map(|t| t.messages.iter().map(|m| m.id))
                .filter(|id| mine.contains(id))
                .collect();
            if &in_thread != ids {
                return Err(format!(
                    "case {case}: questions {in_thread:?} in the thread, asked {ids:?}"
                ));
            }
        }
        for n in &d.notes {
            let count = server.storage.mutation_count(*n).unwrap();
            if count != 1 {
                return Err(format!("note {n} recorded {count} times on the server"));
            }
            if applied_in_docs.get(n).copied().unwrap_or(0) > 1 {
                return Err(format!("note {n} appears twice in a case"));
            }
            if !(applied.contains(n) ^ rejected.contains(n)) {
                return Err(format!(
                    "note {n} is neither applied nor rejected on the device"
                ));
            }
        }
    }

    // Every replica equals the server's view of its advisor's cases.
    for (d, a) in devices.iter().zip(&advisor_ids) {
        let server_cases: BTreeMap<Uuid, domain::CaseFile> = server
            .storage
            .cases_of(*a)
            .unwrap()
            .iter()
            .map(|f| (f.id, canonical(domain::CaseFile::try_from(f).unwrap())))
            .collect();
        let local: BTreeSet<Uuid> = d
            .store
            .search(&store::CaseQuery::default())
            .unwrap()
            .into_iter()
            .map(|r| r.id.0)
            .collect();
        if local != server_cases.keys().copied().collect::<BTreeSet<_>>() {
            return Err(format!(
                "advisor {a}: replica holds {local:?}, server view {:?}",
                server_cases.keys()
            ));
        }
        for (id, f) in &server_cases {
            let mine = canonical(d.store.case_file(domain::CaseId(*id)).unwrap().unwrap());
            if &mine != f {
                return Err(format!(
                    "case {id} differs between the replica and the server"
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn seeded_fault_runs_lose_nothing_and_converge() {
    let seeds: Vec<u64> = match std::env::var("PARTNER_FAULT_SEED") {
        Ok(s) => vec![s.parse().expect("PARTNER_FAULT_SEED is a number")],
        Err(_) => {
            let runs: u64 = std::env::var("PARTNER_FAULT_RUNS")
                .ok()
                .and_then(|r| r.parse().ok())
                .unwrap_or(1000);
            (1..=runs).collect()
        }
    };
    let started = std::time::Instant::now();
    // Two workers (the machine has two cores); each seed is independent.
    let results: Vec<(Vec<u64>, Stats)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|w| {
                let mine: Vec<u64> = seeds.iter().copied().skip(w).step_by(2).collect();
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    let mut stats = Stats::default();
                    for seed in mine {
                        if let Err(e) = run_seed(seed, &mut stats) {
                            eprintln!(
                                "fault run failed: seed {seed}: {e}\n  replay: PARTNER_FAULT_SEED={seed} cargo test -p e2e --test faults"
                            );
                            failures.push(seed);
                            if failures.len() >= 5 {
                                break;
                            }
                        }
                    }
                    (failures, stats)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let mut failures = Vec::new();
    let mut stats = Stats::default();
    for (f, s) in results {
        failures.extend(f);
        stats += s;
    }
    eprintln!(
        "{} fault runs in {:.1} s: {stats:?}",
        seeds.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "failing seeds: {failures:?}");
    if seeds.len() >= 100 {
        // The runs must really have hit every kind of fault.
        for (what, n) in [
            ("dropped requests", stats.dropped_requests),
            ("dropped answers", stats.dropped_answers),
            ("duplicates", stats.duplicated),
            ("late replays", stats.replayed_late),
            ("partial batches", stats.partial_batches),
            ("device kills", stats.device_kills),
            ("server restarts", stats.server_restarts),
            ("rejected notes", stats.rejected_notes),
            ("photos", stats.photos),
        ] {
            assert!(n > 0, "no {what} in {} runs", seeds.len());
        }
    }
}
