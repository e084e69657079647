//! Visit reports end to end (issue 11), on SQLite and on PostgreSQL: a
//! report recorded offline on a real replica arrives exactly once, moves
//! the case through the workflow, adds its promise to the case and gets the
//! server's own timeline line; hand-made uploads with a real advisor's token
//! are rejected with a reason (never 5xx), and a broken hash chain is
//! flagged on the case the back office reads.

mod common;

use api::{PromiseChannel, VisitContact, VisitDetail, VisitForm, VisitOutcome};
use app::visit::{record_visit, start_visit, NoFix};
use app::SeqIds;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use common::{now, today, Backend, PASSWORD};
use rust_decimal::Decimal;
use std::str::FromStr;
use store::Store;
use sync_client::HttpTransport;
use sync_proto::*;
use uuid::Uuid;

on_both!(
    a_visit_recorded_offline_arrives_once_moves_the_case_and_adds_its_promise,
    hostile_visits_are_rejected_with_a_reason_never_5xx,
    a_broken_chain_is_flagged_and_the_back_office_sees_it,
    a_correction_names_a_report_of_its_case,
);

impl Backend {
    /// An open case of the advisor whose status allows a promise to pay.
    fn case(&self, n: usize) -> CaseFileDto {
        let a = self.portfolio.advisors[0].id.0;
        let mut held = server_storage::Audit::cases_of(self.storage.as_ref(), a).unwrap();
        held.retain(|c| {
            ["new", "visit_planned", "visited", "broken_promise"].contains(&c.status.as_str())
        });
        held.sort_by_key(|c| c.id);
        held.swap_remove(n)
    }
}

fn at(h: u32, m: u32) -> NaiveDateTime {
    today().and_hms_opt(h, m, 0).unwrap()
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// An honest promise to pay from the debtor, as a wire body.
/// A promise to pay from the debtor of `f` in person, who proved who they
/// are at the door (issue 14).
fn promise_body(f: &CaseFileDto) -> serde_json::Value {
    let door = common::door_identity(f);
    serde_json::json!({
        "identity": { "name": door.name, "pesel_end": door.value },
        "contact": "right_party",
        "result": "promise_to_pay",
        "amount": "300.00",
        "due_on": "2026-11-30",
        "channel": "bank_transfer",
        "notes": "Klient obiecał wpłatę",
        "started_at": "2026-11-23T09:30:00",
        "ended_at": "2026-11-23T09:50:00",
    })
}

fn visit(id: u128, case: Uuid, body: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "id": Uuid::from_u128(id),
        "case_id": case,
        "created_at": "2026-11-23T09:50:00",
        "kind": "visit",
        "body": body,
    })
}

fn link_of(m: &serde_json::Value) -> String {
    visit_link(&serde_json::from_value::<Mutation>(m.clone()).unwrap())
}

fn a_visit_recorded_offline_arrives_once_moves_the_case_and_adds_its_promise(h: &Backend) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&h.url).unwrap();
    let mut ids = SeqIds { prefix: 7, next: 0 };
    app::login::login(
        &mut store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet",
    )
    .unwrap();
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    let file = h.case(0);
    let before = file.activities.len();

    // Offline: started at 9:30, saved at 9:50.
    let start = start_visit(
        &store,
        at(9, 30),
        &api::CaseRequest {
            case_id: file.id.to_string(),
        },
    )
    .unwrap();
    let form = VisitForm {
        case_id: file.id.to_string(),
        contact: Some(VisitContact::RightParty),
        identity: Some(common::door_identity(&file)),
        outcome: Some(VisitOutcome::PromiseToPay),
        amount: "1 250,50".into(),
        due_on: Some(day(30)),
        channel: Some(PromiseChannel::BankTransfer),
        notes: "Klient pracuje od grudnia".into(),
        follow_up: Some(day(27)),
        started_at: Some(start.started_at),
        ..VisitForm::default()
    };
    let id = Uuid::from_u128(0x7151_7000);
    let saved = record_visit(&mut store, at(9, 50), id, &NoFix, &form).unwrap();
    assert_eq!(saved.status, api::Status::PromiseToPay);
    assert!(!saved.fix, "no fix on this platform, none invented");
    let local = store.visits(domain::CaseId(file.id)).unwrap();
    assert_eq!(local.len(), 1);
    let body: VisitBody = serde_json::from_str(&local[0].body_json).unwrap();
    assert_eq!(body.fix, None);
    assert_eq!(body.prev_sha256, None, "the device's first report");
    // Before any sync the promise is on the case on this device: the
    // ledger holds it pending, as the server will.
    let offline = app::get_case::get_case(
        &store,
        today(),
        &api::CaseRequest {
            case_id: file.id.to_string(),
        },
    )
    .unwrap();
    let promised: Vec<_> = offline
        .promises
        .iter()
        .filter(|p| p.due_on == day(30))
        .map(|p| (p.made_on, p.amount, p.state))
        .collect();
    assert_eq!(
        promised,
        [(
            today(),
            Decimal::from_str("1250.50").unwrap(),
            api::PromiseState::Pending
        )]
    );

    // A second report of the same device, on another case: chained.
    let other = h.case(1);
    let nobody = VisitForm {
        case_id: other.id.to_string(),
        contact: Some(VisitContact::Nobody),
        detail: Some(VisitDetail::NotAtHome),
        outcome: Some(VisitOutcome::Revisit),
        revisit_on: Some(day(25)),
        window_from: NaiveTime::from_hms_opt(16, 0, 0),
        window_until: NaiveTime::from_hms_opt(18, 0, 0),
        started_at: Some(at(9, 55)),
        ..VisitForm::default()
    };
    record_visit(
        &mut store,
        at(10, 0),
        Uuid::from_u128(0x7151_8000),
        &NoFix,
        &nobody,
    )
    .unwrap();

    // Sync twice: each report arrives once.
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (2, 0), "{r:?}");
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!(r.uploaded, 0);

    let stored = h.stored(file.id);
    assert_eq!(stored.status, "promise_to_pay");
    let lines: Vec<_> = stored.activities.iter().filter(|a| a.id == id).collect();
    assert_eq!(lines.len(), 1, "exactly once");
    assert_eq!(stored.activities.len(), before + 1);
    assert_eq!(lines[0].kind, "visit");
    assert_eq!(
        lines[0].summary,
        "Wizyta 23.11.2026 09:30–09:50: rozmowa z klientem; deklaracja wpłaty 1 250,50 zł do 30.11.2026 (przelew). Kontakt ponowny 27.11.2026."
    );
    assert_eq!(lines[0].received_at, Some(now()));
    let promise = stored.promises.iter().find(|p| p.id == id).unwrap();
    assert_eq!(promise.amount, Decimal::from_str("1250.50").unwrap());
    assert_eq!(
        (promise.due_on, promise.status.as_str()),
        (day(30), "pending")
    );
    assert_eq!(stored.visits.len(), 1);
    assert_eq!(stored.visits[0].chain, ChainCheck::Holds);
    assert_eq!(stored.visits[0].sha256, local[0].sha256);

    let second = h.stored(other.id);
    assert_eq!(second.status, "visited");
    assert_eq!(second.visits[0].chain, ChainCheck::Holds);
    assert_eq!(
        second.visits[0].body.prev_sha256,
        Some(local[0].sha256.clone())
    );

    // The replica holds the server's case after the download.
    let f = store.case_file(domain::CaseId(file.id)).unwrap().unwrap();
    assert_eq!(f.case.status, domain::CaseStatus::PromiseToPay);
    assert_eq!(
        f.promises.iter().filter(|p| p.id.0 == id).count(),
        1,
        "the device's promise and the server's are one"
    );
}

fn hostile_visits_are_rejected_with_a_reason_never_5xx(h: &Backend) {
    let token = h.token("doradca1", 0xBAD);
    let file = h.case(2);
    let mut paying = h.case(3);
    paying.status = "paying".into();
    h.storage.put_case(&paying).unwrap();
    let with = |k: &str, v: serde_json::Value| {
        let mut b = promise_body(&file);
        b[k] = v;
        b
    };
    let mut neighbour = promise_body(&file);
    neighbour["contact"] = "third_party".into();
    neighbour["detail"] = "neighbour".into();
    let mut neighbour_asked = neighbour.clone();
    neighbour_asked["result"] = "nothing".into();
    neighbour.as_object_mut().unwrap().remove("identity");
    let mut unasked = promise_body(&file);
    unasked.as_object_mut().unwrap().remove("identity");
    let cases: Vec<(&str, serde_json::Value, Uuid, RejectCode, &str)> = vec![
        (
            "unknown contact",
            with("contact", "alien".into()),
            file.id,
            RejectCode::InvalidBody,
            "Contact",
        ),
        (
            "unknown result",
            with("result", "maybe_later".into()),
            file.id,
            RejectCode::InvalidBody,
            "Result",
        ),
        (
            "a promise from a neighbour",
            neighbour,
            file.id,
            RejectCode::InvalidBody,
            "does not allow",
        ),
        (
            "end before start",
            with("ended_at", "2026-11-23T09:00:00".into()),
            file.id,
            RejectCode::InvalidBody,
            "EndedAt",
        ),
        (
            "three places",
            with("amount", "10.005".into()),
            file.id,
            RejectCode::InvalidBody,
            "Amount",
        ),
        (
            "Decimal::MAX",
            with("amount", Decimal::MAX.to_string().into()),
            file.id,
            RejectCode::InvalidBody,
            "Amount",
        ),
        (
            "negative",
            with("amount", "-5".into()),
            file.id,
            RejectCode::InvalidBody,
            "Amount",
        ),
        (
            "dated 2019",
            {
                let mut b = with("started_at", "2019-03-01T09:30:00".into());
                b["ended_at"] = "2019-03-01T09:50:00".into();
                b["due_on"] = "2019-03-10".into();
                b
            },
            file.id,
            RejectCode::InvalidBody,
            "35 days",
        ),
        (
            "notes beyond 4 000",
            with("notes", "x".repeat(4001).into()),
            file.id,
            RejectCode::InvalidBody,
            "Notes",
        ),
        (
            "not a hash",
            with("prev_sha256", "zz".into()),
            file.id,
            RejectCode::InvalidBody,
            "SHA-256",
        ),
        (
            "a promise on a paying case",
            promise_body(&paying),
            paying.id,
            RejectCode::TransitionRefused,
            "Paying",
        ),
        (
            "the debtor in person without the identity check",
            unasked,
            file.id,
            RejectCode::InvalidBody,
            "Identity",
        ),
        (
            "a wrong PESEL end",
            with(
                "identity",
                serde_json::json!({ "name": common::door_identity(&file).name, "pesel_end": "0000" }),
            ),
            file.id,
            RejectCode::InvalidBody,
            "not confirmed as the debtor",
        ),
        (
            "another name",
            with(
                "identity",
                serde_json::json!({ "name": "Jan Obcy", "pesel_end": common::door_identity(&file).value }),
            ),
            file.id,
            RejectCode::InvalidBody,
            "not confirmed as the debtor",
        ),
        (
            "two facts at once",
            with(
                "identity",
                serde_json::json!({ "name": common::door_identity(&file).name, "pesel_end": "1234", "birth_date": "1985-07-15" }),
            ),
            file.id,
            RejectCode::InvalidBody,
            "Identity",
        ),
        (
            "a neighbour asked for the debtor's PESEL",
            neighbour_asked,
            file.id,
            RejectCode::InvalidBody,
            "Identity",
        ),
        (
            "not a body",
            serde_json::json!([1, 2]),
            file.id,
            RejectCode::InvalidBody,
            "malformed",
        ),
    ];
    for (n, (what, body, case, code, says)) in cases.into_iter().enumerate() {
        let (status, receipts) = h.upload(&token, &[visit(0x4000 + n as u128, case, body)]);
        assert_eq!(status, 200, "{what}");
        match &receipts[0].outcome {
            Outcome::Rejected { code: c, reason } => {
                assert_eq!(c, &code, "{what}: {reason}");
                assert!(reason.contains(says), "{what}: {reason}");
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    for f in [&file, &paying] {
        let now = h.stored(f.id);
        assert!(now.visits.is_empty());
        assert_eq!(now.activities, f.activities, "nothing applied as sent");
        assert_eq!(now.promises, f.promises);
    }
    assert_eq!(h.stored(file.id).status, file.status);
    assert_eq!(h.stored(paying.id).status, "paying");
    // Someone else's case.
    let (status, receipts) = h.upload(
        &h.token("doradca1", 0xBAD),
        &[visit(0x4100, Uuid::from_u128(0xF00), promise_body(&file))],
    );
    assert_eq!(status, 200);
    assert!(matches!(
        receipts[0].outcome,
        Outcome::Rejected {
            code: RejectCode::CaseNotFound,
            ..
        }
    ));
}

fn a_broken_chain_is_flagged_and_the_back_office_sees_it(h: &Backend) {
    let token = h.token("doradca1", 0xC4A1);
    let file = h.case(4);
    let first = visit(0x5001, file.id, promise_body(&file));
    let mut skipped = promise_body(&file);
    skipped["prev_sha256"] = "ab".repeat(32).into();
    skipped["result"] = "nothing".into();
    let second = visit(0x5002, file.id, skipped);
    let mut third_body = promise_body(&file);
    third_body["result"] = "nothing".into();
    third_body["prev_sha256"] = link_of(&second).into();
    let third = visit(0x5003, file.id, third_body);
    let (status, receipts) = h.upload(&token, &[first.clone(), second, third]);
    assert_eq!(status, 200);
    assert!(
        receipts.iter().all(|r| r.outcome == Outcome::Applied),
        "{receipts:?}"
    );

    // The back office reads the case over its endpoint.
    let office = h.token("biuro", 0xB10);
    let (status, text) = h.post(
        &office,
        server::admin_paths::CASE,
        &serde_json::json!({ "case_id": file.id }),
    );
    assert_eq!(status, 200, "{text}");
    let read: CaseFileDto = serde_json::from_str(&text).unwrap();
    let chain: Vec<_> = read.visits.iter().map(|v| v.chain.clone()).collect();
    assert_eq!(
        chain,
        [ChainCheck::Holds, ChainCheck::Broken, ChainCheck::Holds]
    );
    assert_eq!(read.visits[1].expected_prev, Some(link_of(&first)));
    let line = &read
        .activities
        .iter()
        .find(|a| a.id == Uuid::from_u128(0x5002))
        .unwrap()
        .summary;
    assert!(
        line.ends_with("Uwaga: łańcuch raportów urządzenia przerwany."),
        "{line}"
    );

    // A back-office case cannot replace the server's records.
    let mut edited = read.clone();
    edited.visits.clear();
    h.storage.put_case(&edited).unwrap();
    assert_eq!(h.stored(file.id).visits.len(), 3);
}

fn a_correction_names_a_report_of_its_case(h: &Backend) {
    let token = h.token("doradca1", 0xC0EC);
    let file = h.case(5);
    let first = visit(0x6001, file.id, promise_body(&file));
    let mut fix = promise_body(&file);
    fix["result"] = "nothing".into();
    fix["corrects"] = serde_json::json!(Uuid::from_u128(0x6001));
    fix["prev_sha256"] = link_of(&first).into();
    let mut wrong = promise_body(&file);
    wrong["result"] = "nothing".into();
    wrong["corrects"] = serde_json::json!(Uuid::from_u128(0x9999));
    let (_, receipts) = h.upload(
        &token,
        &[
            first,
            visit(0x6002, file.id, fix),
            visit(0x6003, file.id, wrong),
        ],
    );
    assert_eq!(receipts[0].outcome, Outcome::Applied);
    assert_eq!(receipts[1].outcome, Outcome::Applied, "{receipts:?}");
    assert!(matches!(
        &receipts[2].outcome,
        Outcome::Rejected { code: RejectCode::InvalidBody, reason } if reason.contains("no report of this case")
    ));
    let stored = h.stored(file.id);
    assert_eq!(stored.visits.len(), 2);
    assert_eq!(
        stored.visits[1].body.corrects,
        Some(Uuid::from_u128(0x6001))
    );
    // Both reports stay: a report is final, the correction refers to it.
    assert!(stored
        .activities
        .iter()
        .any(|a| a.id == Uuid::from_u128(0x6002) && a.summary.contains("Korekta")));
}
