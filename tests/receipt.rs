//! The receipt of money taken at the door (potwierdzenie wpłaty, issue 11)
//! end to end, on SQLite and on PostgreSQL: a payment recorded offline on a
//! real replica gets a receipt signed by the device's certified key, kept
//! in the replica; it arrives once, the server verifies it and renders it
//! again from its own facts, keeps the PDF for the back office and records
//! the payment on the case as "przyjęta w terenie", which the promise
//! ledger does not count until the back office books it. Hand-made uploads
//! with the device's real token and key are rejected with a reason, never
//! 5xx.

mod common;

use api::{ReceiptState, VisitContact, VisitForm, VisitOutcome};
use app::visit::{record_visit, NoFix};
use app::SeqIds;
use chrono::NaiveDateTime;
use common::{now, today, Backend, PASSWORD};
use domain::visit::{Contact, VisitReport, VisitResult};
use domain::Money;
use rust_decimal::Decimal;
use std::str::FromStr;
use store::Store;
use sync_client::HttpTransport;
use sync_proto::*;
use uuid::Uuid;

on_both!(
    an_honest_door_payment_arrives_once_with_its_receipt_and_waits_until_booked,
    hostile_receipts_are_rejected_with_a_reason_never_5xx,
);

impl Backend {
    /// An open case of the advisor whose status allows a visit.
    fn open_case(&self, n: usize) -> CaseFileDto {
        let mut held = self.held();
        held.retain(|c| {
            ["new", "visit_planned", "visited", "broken_promise"].contains(&c.status.as_str())
        });
        held.swap_remove(n)
    }
}

fn at(h: u32, m: u32) -> NaiveDateTime {
    today().and_hms_opt(h, m, 0).unwrap()
}

/// A replica logged in as doradca1 (its key certified by the server's CA)
/// and synced.
struct Device {
    _dir: tempfile::TempDir,
    store: Store,
    http: HttpTransport,
}

impl Device {
    fn new(h: &Backend, prefix: u64) -> Device {
        let dir = tempfile::TempDir::new().unwrap();
        let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
        let mut http = HttpTransport::new(&h.url).unwrap();
        let mut ids = SeqIds { prefix, next: 0 };
        app::login::login(
            &mut store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet",
        )
        .unwrap();
        app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
        Device {
            _dir: dir,
            store,
            http,
        }
    }

    fn token(&self) -> String {
        self.store.sync_value("token").unwrap().unwrap()
    }

    fn sync(&mut self) -> app::sync_now::SyncReport {
        app::sync_now::sync_now(&mut self.store, &mut self.http, now()).unwrap()
    }
}

fn paid_form(file: &sync_proto::CaseFileDto, amount: &str) -> VisitForm {
    VisitForm {
        case_id: file.id.to_string(),
        contact: Some(VisitContact::RightParty),
        identity: Some(common::door_identity(file)),
        outcome: Some(VisitOutcome::PaidAtDoor),
        amount: amount.into(),
        notes: "Klient wpłacił gotówką".into(),
        started_at: Some(at(9, 30)),
        ..VisitForm::default()
    }
}

fn an_honest_door_payment_arrives_once_with_its_receipt_and_waits_until_booked(h: &Backend) {
    let mut d = Device::new(h, 7);
    let file = h.open_case(0);
    let id = Uuid::from_u128(0x7152_7000);
    // The client signs the receipt on the pad.
    let form = VisitForm {
        receipt_strokes: Some(common::receipt_strokes()),
        ..paid_form(&file, "150,00")
    };
    let started = std::time::Instant::now();
    let saved = record_visit(&mut d.store, at(9, 50), id, &NoFix, &form).unwrap();
    // A number to report, not a timed assertion.
    eprintln!(
        "record_visit with its receipt rendered and signed: {:?}",
        started.elapsed()
    );
    let number = settlement::receipt_number(today(), id.as_bytes());
    let r = saved.receipt.clone().expect("a receipt");
    assert_eq!(r.number, number);
    assert_eq!(r.words, "sto pięćdziesiąt złotych 00/100");
    assert_eq!(r.state, ReceiptState::Field);
    assert_eq!(r.amount, Decimal::from_str("150.00").unwrap());
    assert!(saved
        .line
        .contains(&format!("potwierdzenie wpłaty nr {number}")));
    // Kept in the replica with the report.
    let kept = d.store.door_receipts(domain::CaseId(file.id)).unwrap();
    assert_eq!(kept.len(), 1);
    assert!(kept[0].pdf.starts_with(b"%PDF"));
    eprintln!("the signed receipt: {} bytes", kept[0].pdf.len());
    let case = app::get_case::get_case(
        &d.store,
        today(),
        &api::CaseRequest {
            case_id: file.id.to_string(),
        },
    )
    .unwrap();
    assert_eq!(case.receipts, vec![r.clone()]);
    assert_eq!(
        api::labels::receipt(api::labels::Lang::Pl, &case.receipts[0]),
        format!("Potwierdzenie wpłaty nr {number} z 23.11.2026 — 150,00 zł (słownie: sto pięćdziesiąt złotych 00/100) — przyjęta w terenie")
    );

    // Exactly once.
    let rep = d.sync();
    assert_eq!((rep.uploaded, rep.rejected), (1, 0), "{rep:?}");
    assert_eq!(d.sync().uploaded, 0);
    let stored = h.stored(file.id);
    assert_eq!(stored.status, "visited");
    assert_eq!(
        stored.field_payments,
        vec![FieldPaymentDto {
            id,
            number: number.clone(),
            taken_on: today(),
            amount: Decimal::from_str("150.00").unwrap(),
            state: FieldPaymentState::Field,
            booked_on: None,
        }]
    );
    // Not a payment: the ledger does not count it until it is booked.
    assert!(!stored.payments.iter().any(|p| p.id == id));
    let line = stored.activities.iter().find(|a| a.id == id).unwrap();
    assert_eq!(
        line.summary,
        format!("Wizyta 23.11.2026 09:30–09:50: rozmowa z klientem; wpłata 150,00 zł przyjęta w terenie, potwierdzenie wpłaty nr {number}.")
    );
    // The case keeps the report without the PDF; the PDF is the back office's.
    let record = stored.visits.iter().find(|v| v.id == id).unwrap();
    let signed = record.body.signed_receipt.as_ref().unwrap();
    assert!(signed.pdf.is_empty());
    assert!(!signed.strokes.is_empty(), "the client's strokes travel");
    assert_eq!(signed.sha256, kept[0].sha256);

    let office = h.token("biuro", 0xB0);
    let res = reqwest::blocking::Client::new()
        .post(format!("{}{}", h.url, server::admin_paths::RECEIPT))
        .header(VERSION_HEADER, "1")
        .bearer_auth(&office)
        .json(&serde_json::json!({ "id": id }))
        .send()
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/pdf"
    );
    assert_eq!(res.bytes().unwrap().to_vec(), kept[0].pdf, "byte for byte");
    let (status, _) = h.post(
        &d.token(),
        server::admin_paths::RECEIPT,
        &serde_json::json!({ "id": id }),
    );
    assert_eq!(
        status, 403,
        "an advisor does not read the back office's copy"
    );
    let (status, _) = h.post(
        &office,
        server::admin_paths::RECEIPT,
        &serde_json::json!({ "id": Uuid::from_u128(0xDEAD) }),
    );
    assert_eq!(status, 404);

    // The back office books it: a payment with the report's id.
    let mut booked = h.stored(file.id);
    booked.payments.push(PaymentDto {
        id,
        paid_on: today(),
        amount: Decimal::from_str("150.00").unwrap(),
        channel: "bank_transfer".into(),
    });
    h.put_case(&office, &booked);
    let stored = h.stored(file.id);
    assert_eq!(stored.field_payments[0].state, FieldPaymentState::Booked);
    assert_eq!(stored.field_payments[0].booked_on, Some(today()));
    // The back office cannot unbook or rewrite it by sending another copy.
    let mut forged = stored.clone();
    forged.field_payments.clear();
    forged.payments.retain(|p| p.id != id);
    h.put_case(&office, &forged);
    let stored = h.stored(file.id);
    assert_eq!(stored.field_payments.len(), 1);
    assert_eq!(stored.field_payments[0].state, FieldPaymentState::Booked);

    // The device learns it with the download.
    let mut booked_again = stored.clone();
    booked_again.payments.push(PaymentDto {
        id,
        paid_on: today(),
        amount: Decimal::from_str("150.00").unwrap(),
        channel: "bank_transfer".into(),
    });
    h.put_case(&office, &booked_again);
    d.sync();
    let case = app::get_case::get_case(
        &d.store,
        today(),
        &api::CaseRequest {
            case_id: file.id.to_string(),
        },
    )
    .unwrap();
    assert_eq!(case.receipts[0].state, ReceiptState::Booked);
}

/// A visit body of a payment at the door of `amount` with the receipt
/// `number` and its signed PDF, as a device would send it.
fn paid_body(
    file: &sync_proto::CaseFileDto,
    amount: &str,
    number: &str,
    receipt: Option<SignedReceiptDto>,
) -> serde_json::Value {
    let door = common::door_identity(file);
    let report = VisitReport {
        contact: Contact::RightParty,
        result: VisitResult::PaidAtDoor {
            amount: Money::from_grosze(1),
            receipt: number.into(),
        },
        notes: String::new(),
        next_step: String::new(),
        follow_up: None,
        started_at: at(9, 30),
        ended_at: at(9, 50),
        corrects: None,
        identity: Some(app::visit::claim_of(&door).unwrap()),
    };
    let mut body = VisitBody::of(&report, None, None);
    body.signed_receipt = receipt;
    let mut v = serde_json::to_value(&body).unwrap();
    v["amount"] = serde_json::Value::String(amount.into());
    v
}

fn mutation(id: Uuid, case: Uuid, body: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "id": id,
        "case_id": case,
        "created_at": at(9, 50),
        "kind": "visit",
        "body": body,
    })
}

/// The id of the hostile upload `n`: its first five bytes, which number
/// its receipt, its own.
fn hid(n: u128) -> Uuid {
    Uuid::from_u128((0xA0 + n) << 120)
}

fn hostile_receipts_are_rejected_with_a_reason_never_5xx(h: &Backend) {
    let mut d = Device::new(h, 8);
    let token = d.token();
    let file = h.open_case(1);
    let case = d.store.case_file(domain::CaseId(file.id)).unwrap().unwrap();
    let sign = |d: &mut Device, id: Uuid, grosze: i64| {
        app::receipt::sign_receipt(
            &mut d.store,
            at(9, 50),
            id,
            &case,
            Money::from_grosze(grosze),
            None,
        )
        .unwrap()
        .0
    };
    let number = |id: Uuid| settlement::receipt_number(today(), id.as_bytes());

    // Another device of the same advisor, with its own certified key.
    let mut other = Device::new(h, 9);
    // Bytes changed after signing, with the hash of the changed file.
    let tampered = |r: SignedReceiptDto| {
        use sha2::Digest;
        let mut pdf = r.pdf_bytes().unwrap();
        let at = pdf.len() / 2;
        pdf[at] ^= 0x01;
        let sha: [u8; 32] = sha2::Sha256::digest(&pdf).into();
        SignedReceiptDto::new(&pdf, &sha, r.strokes)
    };
    // A key no CA of this server certified.
    let stranger = {
        let mut rng = rand_core::OsRng;
        let from = now().and_utc() - chrono::Duration::days(1);
        let ca = settlement::Authority::create("Obce CA", &mut rng, from, 1).unwrap();
        let key = settlement::DeviceKey::generate(&mut rng);
        let device = d.store.sync_value("device_id").unwrap().unwrap();
        let cert = ca
            .issue(
                &key.certificate_request(&device).unwrap(),
                &format!("Urządzenie {device}"),
                &mut rng,
                from,
                30,
            )
            .unwrap();
        (ca, key, cert)
    };

    let mut cases: Vec<(&str, Uuid, serde_json::Value, RejectCode, String)> = Vec::new();
    let mut add = |what: &'static str,
                   n: u128,
                   body: &dyn Fn(Uuid) -> serde_json::Value,
                   code: RejectCode,
                   says: &str| {
        let id = hid(n);
        cases.push((what, id, body(id), code, says.to_owned()));
    };
    let signed_150: std::collections::HashMap<u128, SignedReceiptDto> = (0..20u128)
        .map(|n| (n, sign(&mut d, hid(n), 150_00)))
        .collect();
    let s = |n: u128| signed_150[&n].clone();
    add(
        "a receipt for another amount than the visit says",
        0,
        &|id| paid_body(&file, "200.00", &number(id), Some(s(0))),
        RejectCode::DocumentMismatch,
        "200,00 zł",
    );
    add(
        "three places",
        1,
        &|id| paid_body(&file, "150.005", &number(id), Some(s(1))),
        RejectCode::InvalidBody,
        "Amount",
    );
    add(
        "zero",
        2,
        &|id| paid_body(&file, "0", &number(id), Some(s(2))),
        RejectCode::InvalidBody,
        "Amount",
    );
    add(
        "negative",
        3,
        &|id| paid_body(&file, "-150.00", &number(id), Some(s(3))),
        RejectCode::InvalidBody,
        "Amount",
    );
    add(
        "above the door limit",
        4,
        &|id| paid_body(&file, "15000.01", &number(id), Some(s(4))),
        RejectCode::InvalidBody,
        "at most 15 000,00 zł",
    );
    add(
        "a number the device made up",
        5,
        &|_| paid_body(&file, "150.00", "KP/1", Some(s(5))),
        RejectCode::DocumentMismatch,
        "number",
    );
    add(
        "no receipt",
        6,
        &|id| paid_body(&file, "150.00", &number(id), None),
        RejectCode::InvalidBody,
        "update the app",
    );
    add(
        "tampered bytes",
        7,
        &|id| paid_body(&file, "150.00", &number(id), Some(tampered(s(7)))),
        RejectCode::InvalidSignature,
        "receipt",
    );
    add(
        "a receipt signed for another visit",
        8,
        &|id| paid_body(&file, "150.00", &number(id), Some(s(18))),
        RejectCode::DocumentMismatch,
        "not the receipt",
    );
    let hash_lies = {
        let mut r = s(9);
        r.sha256 = "00".repeat(32);
        r
    };
    add(
        "a hash that is not the PDF's",
        9,
        &|id| paid_body(&file, "150.00", &number(id), Some(hash_lies.clone())),
        RejectCode::InvalidSignature,
        "hash",
    );
    let by_other: std::collections::HashMap<u128, SignedReceiptDto> = [10u128]
        .into_iter()
        .map(|n| (n, sign(&mut other, hid(n), 150_00)))
        .collect();
    add(
        "signed by the advisor's other device",
        10,
        &|id| paid_body(&file, "150.00", &number(id), Some(by_other[&10].clone())),
        RejectCode::InvalidSignature,
        "another device",
    );
    let foreign = {
        let id = hid(11);
        // The very receipt, signed with a key of a foreign CA.
        let (ca, key, cert) = &stranger;
        let unsigned = settlement::render_receipt(&settlement::Receipt {
            number: &number(id),
            date: today(),
            place: settlement::receipt_place(&case).unwrap(),
            creditor: &settlement::Creditor::company(),
            advisor: "Anna Nowak",
            case: &case,
            amount: Money::from_grosze(150_00),
            client_signature: &settlement::Strokes::default(),
        })
        .unwrap();
        let pdf = settlement::sign(
            &unsigned,
            key,
            cert,
            &ca.certificate_der().unwrap(),
            &settlement::SignatureDetails {
                name: "x".into(),
                reason: "x".into(),
                location: "x".into(),
                time: now().and_utc(),
            },
        )
        .unwrap();
        use sha2::Digest;
        let sha: [u8; 32] = sha2::Sha256::digest(&pdf).into();
        SignedReceiptDto::new(&pdf, &sha, String::new())
    };
    add(
        "signed by a key the server's CA did not certify",
        11,
        &|id| paid_body(&file, "150.00", &number(id), Some(foreign.clone())),
        RejectCode::InvalidSignature,
        "receipt",
    );
    add(
        "a receipt on a visit that took no money",
        12,
        &|_| {
            let mut b = paid_body(&file, "150.00", "x", Some(s(12)));
            b["result"] = "nothing".into();
            b
        },
        RejectCode::InvalidBody,
        "only a payment at the door",
    );
    add(
        "not base64",
        13,
        &|id| {
            let mut r = s(13);
            r.pdf = "%%%".into();
            paid_body(&file, "150.00", &number(id), Some(r))
        },
        RejectCode::InvalidBody,
        "base64",
    );

    let before = h.stored(file.id);
    for (what, id, body, code, says) in cases {
        let (status, receipts) = h.upload(&token, &[mutation(id, file.id, body)]);
        assert_eq!(status, 200, "{what}");
        match &receipts[0].outcome {
            Outcome::Rejected { code: c, reason } => {
                assert_eq!(c, &code, "{what}: {reason}");
                assert!(reason.contains(&says), "{what}: {reason}");
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    let after = h.stored(file.id);
    assert!(after.field_payments.is_empty(), "none taken");
    assert_eq!(after.activities.len(), before.activities.len());

    // The honest one with the same key passes.
    let id = hid(19);
    let (_, receipts) = h.upload(
        &token,
        &[mutation(
            id,
            file.id,
            paid_body(&file, "150.00", &number(id), Some(s(19))),
        )],
    );
    assert!(
        matches!(receipts[0].outcome, Outcome::Applied),
        "{:?}",
        receipts[0].outcome
    );
    assert_eq!(h.stored(file.id).field_payments.len(), 1);
    // A second receipt of the same number on the case (a device choosing
    // an id that numbers alike): refused.
    let twin = Uuid::from_u128(hid(19).as_u128() | 1);
    let signed = sign(&mut d, twin, 150_00);
    let (_, receipts) = h.upload(
        &token,
        &[mutation(
            twin,
            file.id,
            paid_body(&file, "150.00", &number(twin), Some(signed)),
        )],
    );
    match &receipts[0].outcome {
        Outcome::Rejected { code, reason } => {
            assert_eq!(code, &RejectCode::DocumentMismatch, "{reason}");
            assert!(reason.contains("already"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(h.stored(file.id).field_payments.len(), 1);

    // On the device: the amounts are refused on the field, nothing saved.
    for (typed, reason) in [
        ("150,005", None),
        ("0", Some(api::Reason::OutOfRange)),
        ("-5", None),
        (
            "15 000,01",
            Some(api::Reason::AboveDoorLimit {
                max_grosze: 1_500_000,
            }),
        ),
    ] {
        let e = record_visit(
            &mut d.store,
            at(9, 50),
            Uuid::from_u128(0x6000),
            &NoFix,
            &paid_form(&file, typed),
        )
        .unwrap_err();
        match (&e, &reason) {
            (api::CommandError::Invalid { field, code }, Some(r)) => {
                assert_eq!((field, code), (&api::Field::VisitAmount, r), "{typed}")
            }
            (api::CommandError::Invalid { field, .. }, None) => {
                assert_eq!(field, &api::Field::VisitAmount, "{typed}: {e:?}")
            }
            _ => panic!("{typed}: {e:?}"),
        }
    }
    assert!(d
        .store
        .door_receipts(domain::CaseId(file.id))
        .unwrap()
        .is_empty());
}
