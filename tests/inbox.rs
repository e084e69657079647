//! The back office's inbox end to end (issue #12), on SQLite and on
//! PostgreSQL: what an advisor's real replica recorded offline — a visit
//! with money taken at the door and its signed receipt, a phone proposal,
//! a question, a signed settlement — arrives once and is in the office's
//! inbox, newest first, with the counts per kind, filtered and paged by
//! keyset over HTTP. Each item shows what it is about (the settlement
//! verified again by the server); the door payment is booked at the
//! server's amount and the settlement registered, once (409 after); the
//! phone is accepted as the office corrected it (its inbox item decided in
//! the same transaction) and reaches the device; the answer marks the
//! question answered. An advisor gets 403, hostile bodies a 4xx.

mod common;

use api::{AskForm, ContactChangeForm, ContactChangeKind, ContactForm, VisitContact, VisitForm};
use api::{OfferForm, SaveOfferRequest, VisitOutcome};
use app::settlement::{sign_settlement, SignRequest};
use app::visit::{record_visit, NoFix};
use app::{IdSource, SeqIds};
use chrono::NaiveDateTime;
use common::{now, today, Backend, PASSWORD};
use rust_decimal::Decimal;
use std::str::FromStr;
use store::Store;
use sync_client::HttpTransport;
use sync_proto::*;
use uuid::Uuid;

on_both!(
    the_office_sees_what_the_field_sent_and_handles_each_once,
    hostile_inbox_requests_get_a_4xx_never_a_5xx,
);

fn at(h: u32, m: u32) -> NaiveDateTime {
    today().and_hms_opt(h, m, 0).unwrap()
}

fn page(h: &Backend, token: &str, req: serde_json::Value) -> InboxPageDto {
    let (status, text) = h.post(token, office_paths::INBOX, &req);
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn detail(h: &Backend, token: &str, id: Uuid, kind: &str) -> InboxDetailDto {
    let (status, text) = h.post(
        token,
        office_paths::INBOX_ITEM,
        &serde_json::json!({ "id": id, "kind": kind }),
    );
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn count(p: &InboxPageDto, kind: InboxKind) -> u64 {
    p.counts.iter().find(|c| c.kind == kind).unwrap().count
}

fn strokes() -> settlement::Strokes {
    settlement::Strokes {
        width: 300.0,
        height: 100.0,
        strokes: vec![settlement::Stroke {
            points: (0..30)
                .map(|i| settlement::Point {
                    x: 10.0 + i as f32 * 9.0,
                    y: 50.0 + (i as f32 / 2.0).sin() * 30.0,
                    t: i * 15,
                })
                .collect(),
        }],
    }
}

/// An offer within the advisor's authority saved on a case other than
/// `not`, signed at the door: the settlement's id.
fn sign_one(store: &mut Store, not: &[Uuid]) -> Uuid {
    let save = store
        .search(&store::CaseQuery::default())
        .unwrap()
        .iter()
        .filter(|row| !not.contains(&row.id.0))
        .find_map(|row| {
            let form = OfferForm {
                case_id: row.id.0.to_string(),
                income: "5 200,00".into(),
                housing: "1 400".into(),
                utilities: "450,50".into(),
                food: "1 100".into(),
                transport: "300".into(),
                dependants: "".into(),
                other_debts: "".into(),
                custom_term: None,
                custom_down_payment: "".into(),
                due_day: 15,
                amends: None,
            };
            let view = app::offers::build_offers(store, today(), &form).ok()?;
            let v = view.variants.iter().find(|v| v.approval.is_empty())?;
            Some(SaveOfferRequest {
                form,
                kind: v.kind,
                reason: Some("Klient ma stałe dochody z umowy o pracę.".into()),
            })
        })
        .expect("a case with an offer within the advisor's authority");
    let offer = SeqIds { prefix: 6, next: 0 }.next_id();
    app::offers::save_offer(store, now(), offer, &save).unwrap();
    let id = Uuid::from_u128(0x5E77_0001);
    sign_settlement(
        store,
        now(),
        id,
        &SignRequest {
            offer,
            place: "Zgierz".into(),
            strokes: strokes(),
        },
    )
    .unwrap();
    id
}

fn the_office_sees_what_the_field_sent_and_handles_each_once(h: &Backend) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&h.url).unwrap();
    let mut ids = SeqIds {
        prefix: 13,
        next: 0,
    };
    app::login::login(
        &mut store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet",
    )
    .unwrap();
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    let office = h.token("biuro", 0xB1);
    let before = page(h, &office, serde_json::json!({}));
    assert!(before.items.is_empty(), "{before:?}");

    let mut visitable = h.held();
    visitable.retain(|c| {
        ["new", "visit_planned", "visited", "broken_promise"].contains(&c.status.as_str())
            && !c.debtor.phones.is_empty()
    });
    let (paid, asked) = (visitable[0].clone(), visitable[1].clone());

    // Offline, at the door: 150,00 zł taken with a signed receipt.
    let visit = Uuid::from_u128(0x1B_0001);
    let form = VisitForm {
        case_id: paid.id.to_string(),
        contact: Some(VisitContact::RightParty),
        identity: Some(common::door_identity(&paid)),
        outcome: Some(VisitOutcome::PaidAtDoor),
        amount: "150,00".into(),
        notes: "Klient wpłacił gotówką".into(),
        started_at: Some(at(9, 30)),
        receipt_strokes: Some(api::SignatureStrokes {
            width: 320.0,
            height: 120.0,
            strokes: vec![(0..30u32)
                .map(|i| (10.0 + i as f32 * 9.0, 60.0 + (i % 5) as f32 * 6.0, i * 12))
                .collect()],
        }),
        ..VisitForm::default()
    };
    record_visit(&mut store, at(9, 50), visit, &NoFix, &form).unwrap();
    // A new phone, with a typo the office will correct.
    let proposal = Uuid::from_u128(0x1B_0002);
    app::contact::propose_contact(
        &mut store,
        at(9, 52),
        proposal,
        &ContactForm {
            case_id: paid.id.to_string(),
            visit_id: Some(visit.to_string()),
            changes: vec![ContactChangeForm {
                number: "+48 601 234 576".into(),
                primary: true,
                ..ContactChangeForm::new(ContactChangeKind::Phone)
            }],
            note: "Nowy numer podany przy drzwiach".into(),
        },
    )
    .unwrap();
    let question = Uuid::from_u128(0x1B_0003);
    app::consult::ask(
        &mut store,
        at(10, 5),
        question,
        &AskForm {
            case_id: asked.id.to_string(),
            text: "Klient prosi o odroczenie raty do 15.12. Czy możemy?".into(),
            urgent: false,
            photos: vec![],
        },
    )
    .unwrap();
    let signed = sign_one(&mut store, &[paid.id, asked.id]);

    // Delivered once, each in the inbox once.
    for _ in 0..2 {
        let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
        assert_eq!((&r.error, r.rejected, r.pending), (&None, 0, 0), "{r:?}");
    }
    let all = page(h, &office, serde_json::json!({}));
    let kinds: Vec<(Uuid, InboxKind)> = all.items.iter().map(|i| (i.id, i.kind.clone())).collect();
    for (id, kind) in [
        (visit, InboxKind::Visit),
        (visit, InboxKind::DoorPayment),
        (proposal, InboxKind::Contact),
        (question, InboxKind::Message),
        (signed, InboxKind::Settlement),
    ] {
        assert_eq!(
            kinds.iter().filter(|k| **k == (id, kind.clone())).count(),
            1,
            "{kind} once: {kinds:?}"
        );
        assert_eq!(count(&all, kind), 1);
    }
    assert!(all.items.iter().all(|i| i.state == InboxState::New));
    // Newest first (the server's receive time, then the id).
    assert!(all
        .items
        .windows(2)
        .all(|w| (w[0].received_at, w[0].id) >= (w[1].received_at, w[1].id)));
    let line = all.items.iter().find(|i| i.id == proposal).unwrap();
    assert_eq!(
        line.summary,
        format!(
            "{} {} · {}",
            paid.debtor.first_name, paid.debtor.last_name, paid.number
        )
    );
    assert_eq!(line.device_at, at(9, 52));
    // The advisor by name, from the users the server holds.
    let advisor = h.storage.user(line.advisor_id).unwrap().unwrap();
    assert_eq!(line.advisor_name, advisor.name);
    assert!(!line.advisor_name.is_empty());
    assert_eq!(line.decided_by_name, None);
    // Filtered by kind, the counts stay those of every kind.
    let contacts = page(h, &office, serde_json::json!({ "kind": "contact" }));
    assert_eq!(contacts.items.len(), 1);
    assert_eq!(contacts.counts, all.counts);
    // (Received by the database's clock: a day far ahead has nothing.)
    let none = page(h, &office, serde_json::json!({ "from": "2100-01-01" }));
    assert!(none.items.is_empty() && count(&none, InboxKind::Visit) == 0);
    // Pages of two by keyset: the same five items, none twice.
    let mut seen = Vec::new();
    let mut after: Option<InboxAfter> = None;
    loop {
        let mut req = serde_json::json!({ "limit": 2 });
        if let Some(a) = &after {
            req["after"] = serde_json::to_value(a).unwrap();
        }
        let p = page(h, &office, req);
        assert!(p.items.len() <= 2);
        seen.extend(p.items.iter().map(|i| (i.id, i.kind.clone())));
        match p.next {
            Some(n) => after = Some(n),
            None => break,
        }
    }
    assert_eq!(seen, kinds);

    // The visit: its chain held, no photo.
    let v = detail(h, &office, visit, "visit");
    let InboxDetail::Visit { report, photos } = &v.detail else {
        panic!("{v:?}")
    };
    assert_eq!(report.chain, ChainCheck::Holds);
    assert!(photos.is_empty());
    assert_eq!(v.case_number, paid.number);

    // The door payment: booked at the amount of the verified receipt, once.
    let d = detail(h, &office, visit, "door_payment");
    let InboxDetail::DoorPayment { field, .. } = &d.detail else {
        panic!("{d:?}")
    };
    let amount = Decimal::from_str("150.00").unwrap();
    assert_eq!(field.as_ref().unwrap().amount, amount);
    let handle = |id: Uuid, kind: &str| {
        h.post(
            &office,
            office_paths::INBOX_HANDLE,
            &serde_json::json!({ "id": id, "kind": kind }),
        )
    };
    let (status, text) = handle(visit, "door_payment");
    assert_eq!(status, 200, "{text}");
    let booked: InboxDetailDto = serde_json::from_str(&text).unwrap();
    assert_eq!(booked.item.state, InboxState::Booked);
    assert!(booked.item.decided_at.is_some());
    let stored = h.stored(paid.id);
    let payment = stored.payments.iter().find(|p| p.id == visit).unwrap();
    assert_eq!(payment.amount, amount);
    assert_eq!(stored.field_payments[0].state, FieldPaymentState::Booked);
    let (status, text) = handle(visit, "door_payment");
    assert_eq!(status, 409, "booked once: {text}");
    assert_eq!(
        h.stored(paid.id)
            .payments
            .iter()
            .filter(|p| p.id == visit)
            .count(),
        1
    );

    // The settlement: verified again by the server, registered once.
    let s = detail(h, &office, signed, "settlement");
    let InboxDetail::Settlement { check } = &s.detail else {
        panic!("{s:?}")
    };
    assert!(check.holds(), "{check:?}");
    assert!(check.signer.contains("CN="), "{check:?}");
    assert_eq!(check.place, "Zgierz");
    assert!(check.pdf_bytes > 1000);
    let (status, text) = handle(signed, "settlement");
    assert_eq!(status, 200, "{text}");
    let (status, _) = handle(signed, "settlement");
    assert_eq!(status, 409, "registered once");
    // A proposal is decided, a question answered, where they belong.
    assert_eq!(handle(proposal, "contact").0, 400);
    assert_eq!(handle(question, "message").0, 400);

    // The phone: rejecting needs a comment; accepted as the office
    // corrected it, the item is decided with the change.
    let decide = |decisions: serde_json::Value| {
        h.post(
            &office,
            server::admin_paths::CONTACTS_DECIDE,
            &serde_json::json!({
                "case_id": paid.id, "proposal_id": proposal, "decisions": decisions,
            }),
        )
    };
    let (status, _) = decide(serde_json::json!([{ "index": 0, "verdict": "reject" }]));
    assert_eq!(status, 400);
    // An edit of another kind is refused.
    let (status, _) = decide(serde_json::json!([{
        "index": 0, "verdict": "accept",
        "edited": { "kind": "email", "email": "a@example.pl" },
    }]));
    assert_eq!(status, 400);
    let c = detail(h, &office, proposal, "contact");
    assert_eq!(c.item.state, InboxState::New, "nothing decided yet");
    let InboxDetail::Contact { record } = &c.detail else {
        panic!("{c:?}")
    };
    // The form opens on the change as proposed; the office fixes the digits.
    let mut edited = record.body.changes[0].clone();
    assert_eq!(edited.number.as_deref(), Some("+48601234576"));
    edited.number = Some("+48 601 234 567".into());
    let (status, text) = decide(serde_json::json!([{
        "index": 0, "verdict": "accept", "edited": edited,
    }]));
    assert_eq!(status, 200, "{text}");
    let c = detail(h, &office, proposal, "contact");
    assert_eq!(c.item.state, InboxState::Decided);
    let InboxDetail::Contact { record } = &c.detail else {
        panic!("{c:?}")
    };
    assert_eq!(record.states[0].state, FieldStateCode::Accepted);
    assert!(
        record.states[0].comment.contains("601 234 567"),
        "{:?}",
        record.states[0]
    );

    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    // The booked cash payment is stored too (a channel of its own).
    assert!(r.skipped_cases.is_empty(), "{r:?}");
    let on_device = store
        .case_file(domain::CaseId(paid.id))
        .unwrap()
        .expect("the case on the device");
    assert!(
        on_device
            .debtor
            .phones
            .iter()
            .any(|p| p.number.as_str() == "+48601234567" && p.primary),
        "the corrected number, not the typo: {:?}",
        on_device.debtor.phones
    );
    assert!(!on_device
        .debtor
        .phones
        .iter()
        .any(|p| p.number.as_str() == "+48601234576"));
    let (status, _) = decide(serde_json::json!([{ "index": 0, "verdict": "accept" }]));
    assert_eq!(status, 409, "decided once");

    // The question: answered through the thread, its item answered.
    let m = detail(h, &office, question, "message");
    let InboxDetail::Message { thread, .. } = &m.detail else {
        panic!("{m:?}")
    };
    assert_eq!(thread.messages.len(), 1);
    let (status, text) = h.post(
        &office,
        server::admin_paths::THREAD_ANSWER,
        &serde_json::json!({
            "case_id": asked.id, "answer_id": Uuid::from_u128(0x1B_00A1),
            "text": "Tak, do 15.12.2026 bez odsetek.",
        }),
    );
    assert_eq!(status, 200, "{text}");
    let answered = detail(h, &office, question, "message").item;
    assert_eq!(answered.state, InboxState::Answered);
    // Who handled it, by name.
    let by = h
        .storage
        .user(answered.decided_by.expect("handled by someone"))
        .unwrap()
        .unwrap();
    assert_eq!(answered.decided_by_name.as_deref(), Some(by.name.as_str()));

    // What is left new: only the visit report, which is read, not decided.
    let new = page(h, &office, serde_json::json!({ "state": "new" }));
    assert_eq!(
        new.items
            .iter()
            .map(|i| (i.id, i.kind.clone()))
            .collect::<Vec<_>>(),
        vec![(visit, InboxKind::Visit)]
    );
}

fn hostile_inbox_requests_get_a_4xx_never_a_5xx(h: &Backend) {
    let office = h.token("biuro", 0xB2);
    let advisor = h.token("doradca1", 0xB3);
    let item = serde_json::json!({ "id": Uuid::from_u128(7), "kind": "visit" });
    for (path, body) in [
        (office_paths::INBOX, serde_json::json!({})),
        (office_paths::INBOX_ITEM, item.clone()),
        (office_paths::INBOX_HANDLE, item.clone()),
    ] {
        assert_eq!(h.post(&advisor, path, &body).0, 403, "{path}");
    }
    let today = today();
    for body in [
        serde_json::json!({ "limit": 0 }),
        serde_json::json!({ "limit": 101 }),
        serde_json::json!({ "limit": -1 }),
        serde_json::json!({ "kind": "parcel" }),
        serde_json::json!({ "state": "lost" }),
        serde_json::json!({ "from": "1900-01-01" }),
        serde_json::json!({ "from": today, "to": today.pred_opt().unwrap() }),
        serde_json::json!({ "from": "2026-02-30" }),
        serde_json::json!({ "advisor": "nobody" }),
        serde_json::json!({ "after": { "received_at": "2026-11-23T10:00:00", "id": Uuid::nil(), "kind": "x" } }),
        serde_json::json!([1, 2]),
    ] {
        let (status, text) = h.post(&office, office_paths::INBOX, &body);
        assert_eq!(status, 400, "{body}: {text}");
    }
    for (path, body, want) in [
        (office_paths::INBOX_ITEM, item.clone(), 404),
        (office_paths::INBOX_HANDLE, item.clone(), 404),
        (
            office_paths::INBOX_ITEM,
            serde_json::json!({ "id": Uuid::nil(), "kind": "parcel" }),
            400,
        ),
        (
            office_paths::INBOX_HANDLE,
            serde_json::json!({ "id": "not-a-uuid", "kind": "settlement" }),
            400,
        ),
        (office_paths::INBOX_ITEM, serde_json::json!({}), 400),
    ] {
        let (status, text) = h.post(&office, path, &body);
        assert_eq!(status, want, "{path} {body}: {text}");
    }
}
