//! Fuzzing on stable Rust (issue #15): structured random inputs from
//! proptest against the decoders and every endpoint of a real server, for
//! a time budget each (`PARTNER_FUZZ_SECONDS`, a few seconds in `cargo
//! xtask test`; `cargo xtask fuzz [SECONDS]` for the long run). No panic,
//! no 5xx, and afterwards the server and its database still serve a
//! device's login and sync. A failing input is written by proptest to
//! `fuzz.proptest-regressions` beside this file and replayed first on every
//! later run: commit it, it is the regression test.
//!
//! Inputs: JSON made of the protocol's own field names and the values that
//! break parsers (huge, negative, fractional, NaN-like, malformed dates
//! and ids, deep nesting), and real requests — a real case's file for the
//! admin's upload, real ids — with one part replaced or removed.

mod common;

use common::{now, Backend};
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, TestCaseError, TestRunner};
use serde_json::{json, Map, Value};
use std::time::{Duration, Instant};
use sync_proto::*;
use uuid::Uuid;

on_both!(every_endpoint_answers_random_and_mutated_bodies_without_a_5xx,);

/// The time each target runs.
fn budget() -> Duration {
    let secs = std::env::var("PARTNER_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(3);
    Duration::from_secs(secs)
}

/// Runs `test` on values of `strategy` until the budget is spent (at least
/// one round of 32 cases); a failure (kept by proptest for the next runs)
/// fails the test with the input.
fn fuzz<S: Strategy>(name: &str, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    let deadline = Instant::now() + budget();
    let mut cases = 0u64;
    loop {
        let config = Config {
            cases: 32,
            failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
                "proptest-regressions",
            ))),
            source_file: Some(file!()),
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{name}: {e}");
        }
        cases += 32;
        if Instant::now() >= deadline {
            break;
        }
    }
    eprintln!("fuzz {name}: {cases} cases in {:.0?}", budget());
}

/// The protocol's field names, so random objects reach past "missing field".
const KEYS: &[&str] = &[
    "id",
    "case_id",
    "kind",
    "body",
    "created_at",
    "text",
    "amount",
    "amounts",
    "limit",
    "offset",
    "after",
    "cursor",
    "query",
    "reason",
    "note",
    "state",
    "advisor",
    "from",
    "to",
    "urgent",
    "mutations",
    "pending",
    "device_id",
    "user_id",
    "disabled",
    "mode",
    "answer_id",
    "index",
    "verdict",
    "comment",
    "edited",
    "number",
    "email",
    "street",
    "postal_code",
    "city",
    "offer_id",
    "variant",
    "installments",
    "first_due",
    "rate",
    "date",
    "valid_from",
    "visit_id",
    "jpeg",
    "sha256",
    "ids",
    "outcome",
    "contact",
    "started_at",
    "ended_at",
    "fix",
    "lat",
    "lon",
    "accuracy_m",
    "changes",
    "value",
    "login",
    "password",
    "device_name",
    "receipt",
    "pdf",
    "signature",
    "policy",
    "debts",
];

/// Strings that break parsers.
const STRINGS: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "-0.01",
    "1e309",
    "99999999999999999999999999999.99",
    "12,50",
    "NaN",
    "Infinity",
    "2026-12-03T10:00:00",
    "2026-02-30T25:61:00",
    "9999-12-31T23:59:59",
    "0000-01-01",
    "00000000-0000-0000-0000-000000000000",
    "not-a-uuid",
    "visit",
    "note",
    "offer",
    "settlement",
    "message",
    "contact",
    "attachment",
    "lost",
    "handover",
    "paid_in_full",
    "'; DROP TABLE cases; --",
    "\u{0}",
    "Zażółć gęślą jaźń",
    "%s%s%n",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        Just(json!(u64::MAX)),
        any::<f64>()
            .prop_filter("JSON has no NaN", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        prop::sample::select(STRINGS).prop_map(|s| json!(s)),
        "\\PC{0,24}".prop_map(Value::String),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(KEYS).prop_map(str::to_owned),
        1 => "[a-z_]{1,10}",
    ]
}

/// Random JSON, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map(key(), inner, 0..8)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// `v` with the part that `path` leads to replaced by `with`, or removed
/// when `with` is `None` (an object's key).
fn mutate(v: &mut Value, path: &[usize], with: Option<Value>) {
    let Some((&step, rest)) = path.split_first() else {
        if let Some(w) = with {
            *v = w;
        }
        return;
    };
    match v {
        Value::Object(m) if !m.is_empty() => {
            let k = m.keys().nth(step % m.len()).cloned().unwrap_or_default();
            if rest.is_empty() && with.is_none() {
                m.remove(&k);
            } else if let Some(child) = m.get_mut(&k) {
                mutate(child, rest, with);
            }
        }
        Value::Array(a) if !a.is_empty() => {
            let n = a.len();
            mutate(&mut a[step % n], rest, with);
        }
        other => {
            if let Some(w) = with {
                *other = w;
            }
        }
    }
}

#[test]
fn the_protocols_decoders_take_any_json_without_a_panic() {
    fuzz("decoders", any_json(), |v| {
        // Each decoder either reads the value or says why not.
        let _ = serde_json::from_value::<Mutation>(v.clone());
        let _ = serde_json::from_value::<UploadRequest>(v.clone());
        let _ = serde_json::from_value::<DownloadRequest>(v.clone());
        let _ = serde_json::from_value::<OfferBody>(v.clone());
        let _ = serde_json::from_value::<VisitBody>(v.clone());
        let _ = serde_json::from_value::<MessageBody>(v.clone());
        let _ = serde_json::from_value::<AttachmentBody>(v.clone()).map(|a| a.jpeg_bytes());
        let _ = serde_json::from_value::<InboxRequest>(v.clone());
        if let Ok(file) = serde_json::from_value::<CaseFileDto>(v) {
            // A decoded case goes through the device's conversion too.
            let _ = domain::CaseFile::try_from(&file);
        }
        Ok(())
    });
}

#[test]
fn a_broken_or_foreign_replica_file_is_refused_without_a_panic() {
    // A real replica, synced: the file whose bytes are broken below.
    let server = common::start_server(10, 1, common::today(), now);
    let dir = tempfile::TempDir::new().unwrap();
    let good = dir.path().join("good.sqlite");
    let mut store = store::Store::open(&good).unwrap();
    common::login_and_sync(&mut store, &server.url, 3);
    drop(store);
    let bytes = std::fs::read(&good).unwrap();
    let len = bytes.len();
    let edits = prop::collection::vec((0..len, any::<u8>()), 1..32);
    let strategy = prop_oneof![
        // Bytes changed here and there.
        edits.prop_map(|e| (e, None)),
        // Cut short.
        (0..len).prop_map(|n| (Vec::new(), Some(n))),
    ];
    let n = std::sync::atomic::AtomicU64::new(0);
    fuzz("replica file", strategy, |(edits, cut)| {
        let mut b = bytes.clone();
        for (at, byte) in edits {
            b[at] = byte;
        }
        if let Some(n) = cut {
            b.truncate(n);
        }
        let i = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = dir.path().join(format!("broken-{i}.sqlite"));
        std::fs::write(&path, &b).unwrap();
        // Open, search, read a case: an answer or an error, never a panic.
        if let Ok(s) = store::Store::open(&path) {
            if let Ok(rows) = s.search(&store::CaseQuery::default()) {
                for r in rows.iter().take(3) {
                    let _ = s.case_file(r.id);
                }
            }
            let _ = s.outbox(store::OutboxState::Pending);
            let _ = s.integrity_check();
        }
        let _ = store::Store::remove_files(&path);
        Ok(())
    });
}

/// Every POST path the server routes.
const PATHS: &[&str] = &[
    paths::LOGIN,
    paths::DOWNLOAD,
    paths::UPLOAD,
    paths::TEAM_OFFERS,
    paths::TEAM_PLANS,
    paths::TEAM_DECIDE,
    paths::TEAM_THREADS,
    paths::TEAM_THREAD,
    paths::TEAM_THREAD_ANSWER,
    server::admin_paths::PUT_CASE,
    server::admin_paths::ASSIGN,
    server::admin_paths::REVOKE,
    server::admin_paths::CASE,
    server::admin_paths::SETTLEMENT,
    server::admin_paths::RECEIPT,
    server::admin_paths::ATTACHMENTS,
    server::admin_paths::POLICY,
    server::admin_paths::REFERENCE_RATES,
    server::admin_paths::JUDGE_PROMISES,
    server::admin_paths::AUDIT,
    server::admin_paths::CONTACTS,
    server::admin_paths::CONTACTS_DECIDE,
    server::admin_paths::THREADS,
    server::admin_paths::THREAD,
    server::admin_paths::THREAD_ANSWER,
    server::admin_paths::THREAD_CLOSE,
    server::admin_paths::THREAD_URGENT,
    office_paths::INBOX,
    office_paths::INBOX_ITEM,
    office_paths::INBOX_HANDLE,
    desk_paths::SEARCH,
    desk_paths::CLOSE,
    desk_paths::REOPEN,
    desk_paths::DEVICES,
    desk_paths::USERS,
    desk_paths::USER_DISABLED,
];

/// Real requests of each kind, with real ids: what a mutation starts from.
fn templates(h: &Backend) -> Vec<(&'static str, Value)> {
    let file = h.held().into_iter().next().expect("a case");
    let case = file.id;
    let advisor = file.advisor_id;
    let m = |kind: &str, body: Value| {
        json!({ "mutations": [{
            "id": Uuid::from_u128(0xF0_0001), "case_id": case, "created_at": now(),
            "kind": kind, "body": body,
        }] })
    };
    vec![
        (paths::UPLOAD, m("note", json!({ "text": "Notatka" }))),
        (
            paths::UPLOAD,
            m("message", json!({ "text": "Pytanie", "urgent": true })),
        ),
        (
            paths::UPLOAD,
            m(
                "contact",
                json!({ "changes": [{ "kind": "phone", "number": "+48 601 234 567" }], "note": "" }),
            ),
        ),
        (
            paths::UPLOAD,
            m("message_read", json!({ "ids": [Uuid::from_u128(1)] })),
        ),
        (
            paths::DOWNLOAD,
            json!({ "cursor": 0, "limit": 50, "pending": 0 }),
        ),
        (
            paths::LOGIN,
            json!({ "login": "doradca1", "password": "x", "device_id": Uuid::from_u128(0xF1), "device_name": "f" }),
        ),
        (
            server::admin_paths::PUT_CASE,
            serde_json::to_value(&file).unwrap(),
        ),
        (
            server::admin_paths::ASSIGN,
            json!({ "case_id": case, "advisor_id": advisor }),
        ),
        (server::admin_paths::CASE, json!({ "case_id": case })),
        (
            office_paths::INBOX,
            json!({ "limit": 50, "kind": "visit", "advisor": advisor }),
        ),
        (
            office_paths::INBOX_ITEM,
            json!({ "id": Uuid::from_u128(0xF0_0001), "kind": "message" }),
        ),
        (
            desk_paths::SEARCH,
            json!({ "query": "kow", "offset": 0, "limit": 20 }),
        ),
        (
            desk_paths::CLOSE,
            json!({ "case_id": case, "reason": "paid_in_full", "note": "" }),
        ),
        (desk_paths::USERS, json!({ "offset": 0, "limit": 20 })),
        (
            server::admin_paths::THREAD_ANSWER,
            json!({ "case_id": case, "answer_id": Uuid::from_u128(0xF2), "text": "Tak" }),
        ),
        (
            server::admin_paths::REFERENCE_RATES,
            json!({ "valid_from": "2026-12-01", "rate": "5.75" }),
        ),
        (server::admin_paths::AUDIT, json!({ "limit": 20 })),
    ]
}

fn every_endpoint_answers_random_and_mutated_bodies_without_a_5xx(h: &Backend) {
    let tokens: Vec<String> = ["doradca1", "kierownik", "biuro", "admin"]
        .iter()
        .enumerate()
        .map(|(i, l)| h.token(l, 0xF00 + i as u128))
        .collect();
    let templates = templates(h);
    let client = reqwest::blocking::Client::new();
    let post = |token: &str, path: &str, body: &Value| -> Result<(), TestCaseError> {
        let res = client
            .post(format!("{}{}", h.url, path))
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
            .bearer_auth(token)
            .json(body)
            .send()
            .map_err(|e| TestCaseError::fail(format!("{path}: {e}")))?;
        let status = res.status().as_u16();
        let text = res.text().unwrap_or_default();
        prop_assert!(status < 500, "{path} answered {status}: {text}\n{body}");
        Ok(())
    };
    let random = (0..tokens.len(), prop::sample::select(PATHS), any_json());
    fuzz("endpoints, random bodies", random, |(t, path, body)| {
        post(&tokens[t], path, &body)
    });
    let mutated = (
        0..tokens.len(),
        0..templates.len(),
        prop::collection::vec(any::<usize>(), 1..6),
        prop::option::weighted(0.85, any_json()),
    );
    fuzz(
        "endpoints, mutated requests",
        mutated,
        |(t, which, path, with)| {
            let (p, template) = &templates[which];
            let mut body = template.clone();
            mutate(&mut body, &path, with);
            post(&tokens[t], p, &body)
        },
    );
    // The server and its database still serve the advisor (whose logins
    // the fuzzing throttled, with the session it had): a note is taken and
    // the download answers with the cases.
    let file = h.held().into_iter().next().expect("a case");
    let note = json!({
        "id": Uuid::from_u128(0xF0_0FFF), "case_id": file.id, "created_at": now(),
        "kind": "note", "body": { "text": "Po fuzzingu" },
    });
    let (status, receipts) = h.upload(&tokens[0], &[note]);
    assert_eq!(status, 200);
    assert_eq!(receipts[0].outcome, Outcome::Applied, "{receipts:?}");
    assert!(h
        .stored(file.id)
        .activities
        .iter()
        .any(|a| a.summary.contains("Po fuzzingu")));
    let (status, text) = h.post(
        &tokens[0],
        paths::DOWNLOAD,
        &json!({ "cursor": 0, "limit": 500, "pending": 0 }),
    );
    assert_eq!(status, 200, "{text}");
    let page: DownloadResponse = serde_json::from_str(&text).unwrap();
    assert!(!page.changes.is_empty());
}
