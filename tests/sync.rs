//! Sync end to end: a real server on 127.0.0.1:0 (SQLite storage on a real
//! file) and real device replicas on real SQLite files, talking HTTP.

use app::sync_now::sync_now;
use app::{IdSource, SeqIds};
use server_storage::{Audit, AuditedStorage, Storage};
use std::collections::BTreeSet;
use store::{OutboxState, Store};
use sync_client::{HttpTransport, SyncError, Transport};
use sync_proto::*;
use uuid::Uuid;

mod common;

use common::{now, Server, PASSWORD};

fn start_server(cases: usize, advisors: usize) -> Server {
    common::start_server(cases, advisors, common::today(), now)
}

struct Device {
    store: Store,
    http: HttpTransport,
    ids: SeqIds,
    _dir: tempfile::TempDir,
}

fn device(server: &Server, login: &str, n: u64) -> Device {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&server.url).unwrap();
    let mut ids = SeqIds { prefix: n, next: 0 };
    app::login::login(&mut store, &mut http, &mut ids, login, PASSWORD, "tablet").unwrap();
    Device {
        store,
        http,
        ids,
        _dir: dir,
    }
}

fn held(store: &Store) -> BTreeSet<Uuid> {
    store
        .search(&store::CaseQuery::default())
        .unwrap()
        .into_iter()
        .map(|r| r.id.0)
        .collect()
}

fn server_view(s: &dyn AuditedStorage, advisor: Uuid) -> BTreeSet<Uuid> {
    s.cases_of(advisor)
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect()
}

#[test]
fn advisors_get_their_own_cases_and_notes_arrive_exactly_once() {
    let server = start_server(80, 2);
    let (a_id, b_id) = (
        server.portfolio.advisors[0].id.0,
        server.portfolio.advisors[1].id.0,
    );
    let mut a = device(&server, "doradca1", 1);
    let mut b = device(&server, "doradca2", 2);

    // First sync: exactly each advisor's open cases, equal to the server's.
    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!(r.error, None);
    assert_eq!(held(&a.store), server_view(server.storage.as_ref(), a_id));
    assert_eq!(r.downloaded, held(&a.store).len());
    sync_now(&mut b.store, &mut b.http, now()).unwrap();
    assert_eq!(held(&b.store), server_view(server.storage.as_ref(), b_id));
    assert!(held(&a.store).is_disjoint(&held(&b.store)));
    for id in held(&a.store) {
        let local = a.store.case_file(domain::CaseId(id)).unwrap().unwrap();
        let remote =
            domain::CaseFile::try_from(&server.storage.case(id).unwrap().unwrap()).unwrap();
        assert_eq!(local.case.number, remote.case.number);
        assert_eq!(local.outstanding(), remote.outstanding());
    }

    // Offline: two notes on two cases. They show at once and wait in the outbox.
    let cases: Vec<Uuid> = held(&a.store).into_iter().collect();
    let (x, y) = (cases[0], cases[1]);
    let note1 = a.ids.next_id();
    app::add_note::add_note(
        &mut a.store,
        now(),
        note1,
        &x.to_string(),
        "Klient prosi o kontakt po 17:00",
    )
    .unwrap();
    let note2 = a.ids.next_id();
    app::add_note::add_note(
        &mut a.store,
        now(),
        note2,
        &y.to_string(),
        "Sąsiad potwierdza adres",
    )
    .unwrap();
    assert_eq!(a.store.outbox_counts().unwrap(), (2, 0));
    // Meanwhile the back office moves case Y to advisor B.
    server.storage.assign(y, Some(b_id)).unwrap();

    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!(
        (r.uploaded, r.rejected, r.error.clone()),
        (1, 1, None),
        "{r:?}"
    );
    // The rejected note does not block the other one, and is visible.
    assert_eq!((r.pending, r.needs_attention), (0, 1));
    let rejected = a.store.outbox(OutboxState::Rejected).unwrap();
    assert_eq!(rejected[0].mutation_id, note2);
    assert!(rejected[0]
        .last_error
        .as_deref()
        .unwrap()
        .contains("case_not_assigned"));
    // Case Y left A's device; case X carries the note, once.
    assert!(!held(&a.store).contains(&y));
    let on_server = server.storage.case(x).unwrap().unwrap();
    assert_eq!(
        on_server
            .activities
            .iter()
            .filter(|act| act.id == note1)
            .count(),
        1
    );
    assert_eq!(server.storage.mutation_count(note1).unwrap(), 1);
    let local = a.store.case_file(domain::CaseId(x)).unwrap().unwrap();
    assert_eq!(
        local
            .activities
            .iter()
            .filter(|act| act.id.0 == note1)
            .count(),
        1
    );

    // The same mutation sent again (a retry after a lost answer) is a duplicate.
    let token = a.store.sync_value("token").unwrap().unwrap();
    let again = a.store.outbox(OutboxState::Applied).unwrap();
    let m: Mutation = serde_json::from_str(&again[0].payload).unwrap();
    let res = a
        .http
        .upload(
            &token,
            &UploadRequest {
                mutations: vec![m.clone(), m],
            },
        )
        .unwrap();
    assert!(res.receipts.iter().all(|r| r.outcome == Outcome::Duplicate));
    assert_eq!(server.storage.mutation_count(note1).unwrap(), 1);
    let on_server = server.storage.case(x).unwrap().unwrap();
    assert_eq!(
        on_server
            .activities
            .iter()
            .filter(|act| act.id == note1)
            .count(),
        1
    );

    // An offer saved offline on case X reaches the server as a timeline entry.
    let offer_id = a.ids.next_id();
    let form = api::OfferForm {
        case_id: x.to_string(),
        income: "4 000".into(),
        housing: "1 200".into(),
        food: "900".into(),
        due_day: 15,
        ..Default::default()
    };
    app::offers::save_offer(
        &mut a.store,
        now(),
        offer_id,
        &api::SaveOfferRequest {
            form,
            kind: api::OfferKind::LumpSum,
            reason: Some("oszczędności".into()),
        },
    )
    .unwrap();
    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    let why = a.store.outbox(OutboxState::Rejected).unwrap();
    assert_eq!((r.uploaded, r.error.clone()), (1, None), "{r:?} {why:?}");
    let on_server = server.storage.case(x).unwrap().unwrap();
    let entry = on_server
        .activities
        .iter()
        .find(|act| act.id == offer_id)
        .expect("the offer is on the server");
    assert!(
        entry.summary.starts_with("Propozycja ugody"),
        "{}",
        entry.summary
    );

    // B receives case Y.
    let r = sync_now(&mut b.store, &mut b.http, now()).unwrap();
    assert_eq!(r.error, None);
    assert!(held(&b.store).contains(&y));
    assert_eq!(held(&b.store), server_view(server.storage.as_ref(), b_id));

    // A second run with nothing new changes nothing.
    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!((r.uploaded, r.downloaded, r.removed), (0, 0, 0));
    assert_eq!(held(&a.store), server_view(server.storage.as_ref(), a_id));
}

fn admin_token(server: &Server) -> String {
    let mut t = HttpTransport::new(&server.url).unwrap();
    t.login(&LoginRequest {
        login: "admin".into(),
        password: PASSWORD.into(),
        device_id: Uuid::from_u128(0xAD),
        device_name: "office".into(),
        certificate_request: None,
    })
    .unwrap()
    .token
}

#[test]
fn a_revoked_device_is_wiped_on_its_next_contact() {
    let server = start_server(20, 1);
    let mut a = device(&server, "doradca1", 1);
    sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert!(a.store.case_count().unwrap() > 0);
    let device_id: Uuid = a
        .store
        .sync_value("device_id")
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    let admin = admin_token(&server);
    let res = reqwest::blocking::Client::new()
        .post(format!("{}{}", server.url, server::admin_paths::REVOKE))
        .header(VERSION_HEADER, "1")
        .bearer_auth(&admin)
        .json(&serde_json::json!({ "device_id": device_id }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 204);
    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert!(r.wiped);
    assert!(matches!(r.error, Some(SyncError::DeviceRevoked(_))));
    assert_eq!(a.store.case_count().unwrap(), 0);
    // And it cannot log back in.
    let err = app::login::login(
        &mut a.store,
        &mut a.http,
        &mut a.ids,
        "doradca1",
        PASSWORD,
        "tablet",
    );
    assert!(matches!(
        err,
        Err(app::login::LoginError::Sync(SyncError::DeviceRevoked(_)))
    ));
}

fn call(
    server: &Server,
    token: Option<&str>,
    path: &str,
    body: &serde_json::Value,
) -> (u16, String) {
    let mut rb = reqwest::blocking::Client::new()
        .post(format!("{}{path}", server.url))
        .header(VERSION_HEADER, "1")
        .json(body);
    if let Some(t) = token {
        rb = rb.bearer_auth(t);
    }
    let res = rb.send().unwrap();
    (res.status().as_u16(), res.text().unwrap())
}

fn token_of(server: &Server, login: &str, device: u128) -> String {
    let mut t = HttpTransport::new(&server.url).unwrap();
    t.login(&LoginRequest {
        login: login.into(),
        password: PASSWORD.into(),
        device_id: Uuid::from_u128(device),
        device_name: "x".into(),
        certificate_request: None,
    })
    .unwrap()
    .token
}

#[test]
fn access_matrix_every_forbidden_pair_is_refused_and_changes_nothing() {
    let server = start_server(30, 2);
    let (a_id, b_id) = (
        server.portfolio.advisors[0].id.0,
        server.portfolio.advisors[1].id.0,
    );
    let someone_elses = *server_view(server.storage.as_ref(), b_id)
        .iter()
        .next()
        .unwrap();
    let own = *server_view(server.storage.as_ref(), a_id)
        .iter()
        .next()
        .unwrap();
    let before = server.storage.case(someone_elses).unwrap();
    let file = serde_json::to_value(server.storage.case(own).unwrap().unwrap()).unwrap();
    let tokens = [
        ("advisor", Some(token_of(&server, "doradca1", 1))),
        ("team_lead", Some(token_of(&server, "kierownik", 2))),
        ("back_office", Some(token_of(&server, "biuro", 3))),
        ("admin", Some(token_of(&server, "admin", 4))),
        ("nobody", None),
        ("forged", Some("0".repeat(64))),
    ];
    let note = |case: Uuid, n: u128| {
        serde_json::json!({"mutations": [{"id": Uuid::from_u128(n), "case_id": case, "created_at": "2026-11-23T10:00:00",
            "kind": "note", "body": {"text": "próba"}}]})
    };
    let endpoints: Vec<(&str, &str, serde_json::Value)> = vec![
        (
            "download",
            paths::DOWNLOAD,
            serde_json::json!({"cursor": 0, "limit": 10}),
        ),
        (
            "upload other's case",
            paths::UPLOAD,
            note(someone_elses, 500),
        ),
        ("put case", server::admin_paths::PUT_CASE, file),
        (
            "assign other's case",
            server::admin_paths::ASSIGN,
            serde_json::json!({"case_id": someone_elses, "advisor_id": a_id}),
        ),
        (
            "revoke",
            server::admin_paths::REVOKE,
            serde_json::json!({"device_id": Uuid::from_u128(999)}),
        ),
        (
            "read other's case",
            server::admin_paths::CASE,
            serde_json::json!({"case_id": someone_elses}),
        ),
        ("team offers", paths::TEAM_OFFERS, serde_json::json!({})),
        (
            "team plans",
            paths::TEAM_PLANS,
            serde_json::json!({"date": "2026-11-24"}),
        ),
        (
            "team decide",
            paths::TEAM_DECIDE,
            serde_json::json!({"request_id": Uuid::from_u128(0xDEC), "decision": "approve"}),
        ),
        (
            "set policy",
            server::admin_paths::POLICY,
            serde_json::json!({"advisor_id": b_id, "policy": OfferPolicyDto::standard()}),
        ),
    ];
    // Who may call what (other endpoints: 403 for a known role, 401 without a valid token).
    let allowed = |role: &str, ep: &str| -> bool {
        matches!(
            (role, ep),
            ("advisor", "download")
                | ("advisor", "upload other's case") // allowed call, but the item is rejected (checked below)
                | ("back_office" | "admin", "put case")
                | ("team_lead" | "back_office" | "admin", "read other's case")
                | ("back_office" | "admin", "revoke")
                | ("team_lead", "team offers" | "team plans" | "team decide")
                | ("admin", "set policy")
        )
    };
    let mut table = String::new();
    for (role, token) in &tokens {
        for (name, path, body) in &endpoints {
            let (status, text) = call(&server, token.as_deref(), path, body);
            table.push_str(&format!("{role:<12} {name:<22} {status}\n"));
            if *role == "nobody" || *role == "forged" {
                assert_eq!(status, 401, "{role} {name}: {text}");
            } else if allowed(role, name) {
                // Revoking an unknown device is a clear 404, not a success.
                let expected = if *name == "revoke" || *name == "team decide" {
                    404
                } else if *name == "put case" || *name == "set policy" {
                    204
                } else {
                    200
                };
                assert_eq!(status, expected, "{role} {name}: {text}");
            } else if *name == "assign other's case" && *role != "advisor" {
                // Leads and the office may reassign: checked on a copy below.
                assert!(status == 204, "{role} {name}: {status} {text}");
                server.storage.assign(someone_elses, Some(b_id)).unwrap();
            } else {
                assert_eq!(status, 403, "{role} {name}: {text}");
                assert!(text.contains("\"code\":\"forbidden\""), "{text}");
            }
        }
    }
    // The advisor's upload to someone else's case was answered item by item: rejected.
    assert_eq!(
        server.storage.mutation_count(Uuid::from_u128(500)).unwrap(),
        1
    );
    let after = server.storage.case(someone_elses).unwrap();
    assert_eq!(
        after, before,
        "nothing changed on the other advisor's case:\n{table}"
    );
}

#[test]
fn malformed_oversized_and_old_requests_get_clear_4xx_and_the_server_keeps_serving() {
    let server = start_server(10, 1);
    let token = token_of(&server, "doradca1", 1);
    let client = reqwest::blocking::Client::new();
    let url = |p: &str| format!("{}{p}", server.url);

    // No version header.
    let res = client
        .post(url(paths::DOWNLOAD))
        .bearer_auth(&token)
        .body("{}")
        .send()
        .unwrap();
    assert_eq!(res.status(), 400);
    assert!(res.text().unwrap().contains("x-partner-protocol"));
    // Too old a protocol: 426 and the app is told to update.
    let res = client
        .post(url(paths::DOWNLOAD))
        .header(VERSION_HEADER, "0")
        .bearer_auth(&token)
        .body("{}")
        .send()
        .unwrap();
    assert_eq!(res.status(), 426);
    let body: ErrorBody = res.json().unwrap();
    assert_eq!(body.code, ErrorCode::UpgradeRequired);
    // A protocol the server does not know (newer, or nonsense) is refused,
    // on login too.
    for v in ["2", "999", "4294967295"] {
        for path in [paths::DOWNLOAD, paths::LOGIN] {
            let res = client
                .post(url(path))
                .header(VERSION_HEADER, v)
                .bearer_auth(&token)
                .body("{}")
                .send()
                .unwrap();
            assert_eq!(res.status(), 400, "{v} {path}");
            let body: ErrorBody = res.json().unwrap();
            assert!(
                body.message.contains("unknown to this server"),
                "{v}: {}",
                body.message
            );
        }
    }
    // Malformed JSON, and JSON of the wrong shape.
    for bad in ["{not json", "{\"cursor\": \"zero\"}", "[]"] {
        let res = client
            .post(url(paths::DOWNLOAD))
            .header(VERSION_HEADER, "1")
            .bearer_auth(&token)
            .body(bad)
            .send()
            .unwrap();
        assert_eq!(res.status(), 400, "{bad}");
        let body: ErrorBody = res.json().unwrap();
        assert!(
            body.message.starts_with("malformed request"),
            "{}",
            body.message
        );
    }
    // Too large.
    let huge = format!(
        "{{\"mutations\": [], \"pad\": \"{}\"}}",
        "x".repeat(MAX_BODY_BYTES + 10)
    );
    let res = client
        .post(url(paths::UPLOAD))
        .header(VERSION_HEADER, "1")
        .bearer_auth(&token)
        .body(huge)
        .send()
        .unwrap();
    assert_eq!(res.status(), 413);
    // Too many mutations in one batch.
    let many: Vec<serde_json::Value> = (0..=MAX_BATCH as u128)
        .map(|n| {
            serde_json::json!({"id": Uuid::from_u128(n + 1), "case_id": Uuid::from_u128(1),
            "created_at": "2026-11-23T10:00:00", "kind": "note", "body": {"text": "x"}})
        })
        .collect();
    let res = client
        .post(url(paths::UPLOAD))
        .header(VERSION_HEADER, "1")
        .bearer_auth(&token)
        .json(&serde_json::json!({ "mutations": many }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 413);
    assert_eq!(
        server.storage.mutation_count(Uuid::from_u128(1)).unwrap(),
        0,
        "nothing stored"
    );
    // An unknown kind and a malformed body are rejected per item, not per request.
    let res = client
        .post(url(paths::UPLOAD))
        .header(VERSION_HEADER, "1")
        .bearer_auth(&token)
        .json(&serde_json::json!({ "mutations": [
            {"id": Uuid::from_u128(7001), "case_id": Uuid::from_u128(1), "created_at": "2026-11-23T10:00:00", "kind": "teleport", "body": {}},
        ]}))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let up: UploadResponse = res.json().unwrap();
    assert!(matches!(&up.receipts[0].outcome, Outcome::Rejected { .. }));
    // A NUL character or a malformed kind is refused per item, never a 500.
    let res = client
        .post(url(paths::UPLOAD))
        .header(VERSION_HEADER, "1")
        .bearer_auth(&token)
        .json(&serde_json::json!({ "mutations": [
            {"id": Uuid::from_u128(7002), "case_id": Uuid::from_u128(1), "created_at": "2026-11-23T10:00:00", "kind": "note", "body": {"text": "a\u{0}b"}},
            {"id": Uuid::from_u128(7003), "case_id": Uuid::from_u128(1), "created_at": "2026-11-23T10:00:00", "kind": "no\u{0}te", "body": {"text": "x"}},
        ]}))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    let up: UploadResponse = res.json().unwrap();
    assert!(
        up.receipts.iter().all(|r| matches!(
            &r.outcome,
            Outcome::Rejected {
                code: sync_proto::RejectCode::Malformed,
                ..
            }
        )),
        "{up:?}"
    );
    // Wrong password: 401 with a message, and the server still serves.
    let mut t = HttpTransport::new(&server.url).unwrap();
    let err = t
        .login(&LoginRequest {
            login: "doradca1".into(),
            password: "zle".into(),
            device_id: Uuid::from_u128(5),
            device_name: "x".into(),
            certificate_request: None,
        })
        .unwrap_err();
    assert!(matches!(err, SyncError::Unauthorized(_)));
    let mut d = device(&server, "doradca1", 9);
    let r = sync_now(&mut d.store, &mut d.http, now()).unwrap();
    assert_eq!(r.error, None);
    assert!(d.store.case_count().unwrap() > 0);
}
