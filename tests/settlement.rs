//! Signed settlements end to end: the device gets its certificate at login,
//! the client signs at the door with no network, the settlement waits in
//! the outbox, and the server verifies the signature, the chain to its CA
//! and the hash before it accepts it; the back office downloads the PDF.
//! A real server on 127.0.0.1, real replica files.

mod common;

use api::{OfferForm, SaveOfferRequest};
use app::settlement::{sign_settlement, SignRequest};
use app::sync_now::sync_now;
use app::{IdSource, SeqIds};
use common::{now, today, PASSWORD};
use server_storage::{Audit, Storage};
use settlement::{Point, Stroke, Strokes};
use store::{OutboxState, Store};
use sync_client::{HttpTransport, Transport};
use sync_proto::{
    kinds, LoginRequest, Mutation, Outcome, SettlementBody, UploadRequest, VERSION_HEADER,
};
use uuid::Uuid;

struct Device {
    store: Store,
    http: HttpTransport,
    _dir: tempfile::TempDir,
}

fn device(server: &common::Server, n: u64) -> Device {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&server.url).unwrap();
    let mut ids = SeqIds { prefix: n, next: 0 };
    app::login::login(
        &mut store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet",
    )
    .unwrap();
    assert_eq!(sync_now(&mut store, &mut http, now()).unwrap().error, None);
    Device {
        store,
        http,
        _dir: dir,
    }
}

fn strokes() -> Strokes {
    Strokes {
        width: 300.0,
        height: 100.0,
        strokes: vec![Stroke {
            points: (0..30)
                .map(|i| Point {
                    x: 10.0 + i as f32 * 9.0,
                    y: 50.0 + (i as f32 / 2.0).sin() * 30.0,
                    t: i * 15,
                })
                .collect(),
        }],
    }
}

fn form(case: &str) -> OfferForm {
    OfferForm {
        case_id: case.to_owned(),
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
    }
}

/// A settlement the advisor may sign alone: an offer saved on the first
/// case with a variant within the advisor's authority.
fn request(store: &mut Store) -> SignRequest {
    let save = store
        .search(&store::CaseQuery::default())
        .unwrap()
        .iter()
        .find_map(|row| {
            let form = form(&row.id.0.to_string());
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
    SignRequest {
        offer,
        place: "Zgierz".into(),
        strokes: strokes(),
    }
}

fn ca_der(store: &Store) -> Vec<u8> {
    let pem = store
        .sync_value("ca_certificate")
        .unwrap()
        .expect("CA kept");
    settlement::pem_to_der(&pem, "CERTIFICATE").unwrap()
}

fn token_of(server: &common::Server, login: &str, device: u128) -> String {
    HttpTransport::new(&server.url)
        .unwrap()
        .login(&LoginRequest {
            login: login.into(),
            password: PASSWORD.into(),
            device_id: Uuid::from_u128(device),
            device_name: "biuro".into(),
            certificate_request: None,
        })
        .unwrap()
        .token
}

fn download(server: &common::Server, token: &str, id: Uuid) -> (u16, String, Vec<u8>) {
    let res = reqwest::blocking::Client::new()
        .post(format!("{}{}", server.url, server::admin_paths::SETTLEMENT))
        .header(VERSION_HEADER, sync_proto::PROTOCOL_VERSION.to_string())
        .bearer_auth(token)
        .json(&serde_json::json!({ "id": id }))
        .send()
        .unwrap();
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    (status, kind, res.bytes().unwrap().to_vec())
}

#[test]
fn a_settlement_signed_offline_is_verified_kept_and_downloaded_by_the_back_office() {
    let server = common::start_server(20, 1, today(), now);
    let mut d = device(&server, 1);
    assert!(d.store.sync_value("device_certificate").unwrap().is_some());

    // At the door, offline: signed and queued with its hash.
    let id = SeqIds { prefix: 7, next: 0 }.next_id();
    let req = request(&mut d.store);
    let signed = sign_settlement(&mut d.store, now(), id, &req).unwrap();
    // Issue 17: the case follows the workflow, on the device at once.
    let case_id = {
        let m: Mutation =
            serde_json::from_str(&d.store.outbox(OutboxState::Pending).unwrap()[1].payload)
                .unwrap();
        domain::CaseId(m.case_id)
    };
    let on_device = d.store.case_file(case_id).unwrap().unwrap();
    assert_eq!(on_device.case.status, domain::CaseStatus::SettlementSigned);
    let kinds_of = |acts: &[domain::Activity]| -> Vec<domain::ActivityKind> {
        acts.iter().map(|a| a.kind).collect()
    };
    let shown = kinds_of(&on_device.activities);
    assert!(shown.contains(&domain::ActivityKind::Offer), "{shown:?}");
    assert!(
        shown.contains(&domain::ActivityKind::Settlement),
        "{shown:?}"
    );
    let v = settlement::verify(&signed.pdf, &ca_der(&d.store), now().and_utc()).unwrap();
    assert_eq!(v.file_sha256, signed.sha256);
    // The offer, then the settlement that signs it.
    let pending = d.store.outbox(OutboxState::Pending).unwrap();
    assert_eq!(pending.len(), 2);
    assert_eq!(pending[0].kind, kinds::OFFER);
    assert_eq!(pending[1].kind, kinds::SETTLEMENT);
    let m: Mutation = serde_json::from_str(&pending[1].payload).unwrap();
    let body: SettlementBody = serde_json::from_value(m.body).unwrap();
    assert_eq!(body.pdf_bytes().unwrap(), signed.pdf);
    assert_eq!(server.storage.mutation_count(id).unwrap(), 0);
    // The client's copy, saved on the device: the same signed bytes.
    let docs = tempfile::TempDir::new().unwrap();
    let copy = signed
        .save_for_client(&docs.path().join("Partner"))
        .unwrap();
    assert_eq!(
        copy.file_name().unwrap().to_str().unwrap(),
        signed.file_name()
    );
    assert!(!signed.file_name().contains('/'));
    assert_eq!(std::fs::read(&copy).unwrap(), signed.pdf);

    // Back online: delivered once, accepted.
    for _ in 0..2 {
        let r = sync_now(&mut d.store, &mut d.http, now()).unwrap();
        assert_eq!((r.error, r.pending, r.needs_attention), (None, 0, 0));
    }
    assert_eq!(server.storage.mutation_count(id).unwrap(), 1);
    let case = server.storage.case(m.case_id).unwrap().unwrap();
    assert!(case.activities.iter().any(|a| a.id == id
        && a.kind == "settlement"
        && a.summary
            .starts_with(&format!("Ugoda nr {}", signed.number))));
    // The server moved the case with the same rule, and the device keeps
    // the status after its next download.
    assert_eq!(
        domain::CaseStatus::from_code(&case.status),
        Some(domain::CaseStatus::SettlementSigned)
    );
    assert!(case.activities.iter().any(|a| a.kind == "offer"));
    assert_eq!(
        d.store.case_file(case_id).unwrap().unwrap().case.status,
        domain::CaseStatus::SettlementSigned
    );

    // The back office gets the very bytes the client signed.
    let office = token_of(&server, "biuro", 0xB1);
    let (status, content_type, pdf) = download(&server, &office, id);
    assert_eq!(status, 200);
    assert_eq!(content_type, "application/pdf");
    assert_eq!(pdf, signed.pdf);
    // An advisor may not download it; an unknown id is not found.
    let advisor = token_of(&server, "doradca1", 0xB2);
    assert_eq!(download(&server, &advisor, id).0, 403);
    assert_eq!(download(&server, &office, Uuid::from_u128(1)).0, 404);
}

/// Uploads `body` as a new settlement of `case_id` with `token`; answers
/// the rejection's code and reason.
fn upload(
    http: &mut HttpTransport,
    token: &str,
    case_id: Uuid,
    body: &SettlementBody,
    n: u128,
) -> Outcome {
    let res = http
        .upload(
            token,
            &UploadRequest {
                mutations: vec![Mutation {
                    id: Uuid::from_u128(0x5E77_0000 + n),
                    case_id,
                    created_at: now(),
                    kind: kinds::SETTLEMENT.into(),
                    body: serde_json::to_value(body).unwrap(),
                }],
            },
        )
        .unwrap();
    res.receipts[0].outcome.clone()
}

fn rejected(outcome: &Outcome, reason: &str) {
    match outcome {
        Outcome::Rejected { code, reason: r } => {
            assert_eq!(code, &sync_proto::RejectCode::InvalidSignature, "{r}");
            assert!(r.contains(reason), "{r:?} does not say {reason:?}");
        }
        other => panic!("expected a rejection ({reason}), got {other:?}"),
    }
}

#[test]
fn the_server_refuses_a_changed_a_misdescribed_or_a_foreign_settlement() {
    let server = common::start_server(20, 1, today(), now);
    let mut d = device(&server, 1);
    let id = SeqIds { prefix: 7, next: 0 }.next_id();
    let req = request(&mut d.store);
    // The offer is on the server first (the settlement names it).
    assert_eq!(
        sync_now(&mut d.store, &mut d.http, now()).unwrap().error,
        None
    );
    let signed = sign_settlement(&mut d.store, now(), id, &req).unwrap();
    let m: Mutation =
        serde_json::from_str(&d.store.outbox(OutboxState::Pending).unwrap()[0].payload).unwrap();
    let body: SettlementBody = serde_json::from_value(m.body.clone()).unwrap();
    let token = d.store.sync_value("token").unwrap().unwrap();
    let with_pdf = |pdf: &[u8], sha: &[u8]| {
        SettlementBody::new(
            body.number.clone(),
            pdf,
            sha,
            body.strokes.clone(),
            body.summary.clone(),
            req.offer,
            body.place.clone(),
        )
    };

    // One byte changed inside the signed range (the hash updated to match).
    let mut changed = signed.pdf.clone();
    let at = changed.len() / 3;
    changed[at] ^= 0x01;
    let sha: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(&changed).into();
    rejected(
        &upload(&mut d.http, &token, m.case_id, &with_pdf(&changed, &sha), 1),
        "changed after signing",
    );

    // A page appended after signing.
    let mut appended = signed.pdf.clone();
    appended.extend_from_slice(b"\n% more\n");
    let sha: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(&appended).into();
    rejected(
        &upload(
            &mut d.http,
            &token,
            m.case_id,
            &with_pdf(&appended, &sha),
            2,
        ),
        "whole file",
    );

    // The PDF intact, but not the hash the device recorded.
    rejected(
        &upload(
            &mut d.http,
            &token,
            m.case_id,
            &with_pdf(&signed.pdf, &[0u8; 32]),
            3,
        ),
        "hash",
    );

    // The intact settlement uploaded by another device of the same advisor.
    let mut other = device(&server, 2);
    let other_token = other.store.sync_value("token").unwrap().unwrap();
    rejected(
        &upload(&mut other.http, &other_token, m.case_id, &body, 4),
        "another device",
    );

    // Signed with a certificate from a CA of the device's own making.
    let mut rng = rand_core::OsRng;
    let rogue = settlement::Authority::create("Partner CA", &mut rng, now().and_utc(), 1).unwrap();
    let key = settlement::DeviceKey::generate(&mut rng);
    let device_id = d.store.sync_value("device_id").unwrap().unwrap();
    let cert = rogue
        .issue(
            &key.certificate_request("x").unwrap(),
            &format!("Jan ({device_id})"),
            &mut rng,
            now().and_utc(),
            30,
        )
        .unwrap();
    // The same agreement, rendered afresh and signed with the rogue key.
    let unsigned = {
        // (Signed already on the device: built again from the saved body.)
        let saved = d.store.saved_offer(req.offer).unwrap().unwrap();
        let file = d.store.case_file(saved.case_id).unwrap().unwrap();
        let (policy, authority) = app::offers::policy_in_force(&d.store).unwrap();
        let offer = serde_json::from_str::<sync_proto::OfferBody>(&saved.body_json)
            .unwrap()
            .rebuild(&file, policy, authority, None)
            .unwrap();
        let creditor = settlement::Creditor::company();
        settlement::render(&settlement::Agreement {
            number: &body.number,
            date: today(),
            place: "Zgierz",
            creditor: &creditor,
            advisor: "Jan",
            case: &file,
            offer: &offer,
            client_signature: &strokes(),
            advisor_signature: None,
        })
        .unwrap()
    };
    let forged = settlement::sign(
        &unsigned,
        &key,
        &cert,
        &rogue.certificate_der().unwrap(),
        &settlement::SignatureDetails {
            name: "Jan".into(),
            reason: "Ugoda".into(),
            location: "Zgierz".into(),
            time: now().and_utc(),
        },
    )
    .unwrap();
    let sha: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(&forged).into();
    rejected(
        &upload(&mut d.http, &token, m.case_id, &with_pdf(&forged, &sha), 5),
        "CA",
    );

    // The genuine one still goes through.
    let r = sync_now(&mut d.store, &mut d.http, now()).unwrap();
    assert_eq!((r.error, r.pending, r.needs_attention), (None, 0, 0));
    assert_eq!(server.storage.mutation_count(id).unwrap(), 1);
}

/// Issue 15, a lost tablet leaks nothing: the replica as the app keeps it
/// (SQLCipher, its key in a vault outside the file) after a sync, a visit
/// with money taken at the door (a signed receipt) and a signed settlement.
/// Neither the file nor its -wal and -shm holds a PESEL, a debtor's name,
/// the bearer token, the visit's notes or a piece of the signed PDF as
/// bytes; without its key, or with another, it does not open; with it,
/// everything is there.
#[test]
fn a_lost_tablets_replica_holds_nothing_readable() {
    use app::vault::{open_replica, FileVault};
    let server = common::start_server(20, 1, today(), now);
    let dir = tempfile::TempDir::new().unwrap();
    let vault = FileVault::new(dir.path().join("keys"));
    let path = dir.path().join("replica.sqlite");
    let mut store = open_replica(&vault, &path).unwrap();
    let mut http = common::login_and_sync(&mut store, &server.url, 15);
    let mut ids = SeqIds {
        prefix: 16,
        next: 0,
    };

    // A visit: the client pays 150 zł at the door and signs the receipt.
    let row = store
        .search(&store::CaseQuery::default())
        .unwrap()
        .into_iter()
        .find(|r| {
            use domain::CaseStatus::*;
            matches!(r.status, New | VisitPlanned | Visited | BrokenPromise)
        })
        .expect("a case open for a visit");
    let debtor = store.case_file(row.id).unwrap().unwrap().debtor;
    let notes = "Klient wpłacił gotówką, prosi o kontakt po piętnastym";
    let form = api::VisitForm {
        case_id: row.id.0.to_string(),
        contact: Some(api::VisitContact::RightParty),
        identity: Some(api::IdentityForm {
            case_id: row.id.0.to_string(),
            name: debtor.full_name(),
            fact: api::IdentityFactCode::PeselEnd,
            value: debtor.pesel[debtor.pesel.len() - 4..].to_owned(),
        }),
        outcome: Some(api::VisitOutcome::PaidAtDoor),
        amount: "150,00".into(),
        notes: notes.into(),
        started_at: Some(now() - chrono::Duration::minutes(20)),
        receipt_strokes: Some(common::receipt_strokes()),
        ..api::VisitForm::default()
    };
    let visit = ids.next_id();
    app::visit::record_visit(&mut store, now(), visit, &app::visit::NoFix, &form).unwrap();
    // A settlement signed on the pad.
    let req = request(&mut store);
    let signed = sign_settlement(&mut store, now(), ids.next_id(), &req).unwrap();
    let r = sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((r.error, r.needs_attention), (None, 0));
    // Delivered, the visit's outbox entry keeps no second copy of the
    // report and its receipt (they are in their own tables, and the case
    // still shows them); the settlement stays whole, the device's copy of
    // what the client signed.
    let applied = store.outbox(OutboxState::Applied).unwrap();
    let visit_item = applied.iter().find(|i| i.mutation_id == visit).unwrap();
    assert_eq!(visit_item.payload, "");
    assert!(applied
        .iter()
        .any(|i| i.kind == kinds::SETTLEMENT && i.payload.contains(&signed.number)));
    let shown = app::get_case::get_case(
        &store,
        today(),
        &api::CaseRequest {
            case_id: row.id.0.to_string(),
        },
    )
    .unwrap();
    assert!(shown.reports.iter().any(|v| v.id == visit.to_string()));
    assert!(shown
        .receipts
        .iter()
        .any(|v| v.amount == rust_decimal::Decimal::new(150_00, 2)));

    // What an attacker with the copied files would look for.
    let token = store.sync_value("token").unwrap().unwrap();
    let mut secrets: Vec<(String, Vec<u8>)> = vec![
        ("token".into(), token.clone().into_bytes()),
        ("notes".into(), notes.as_bytes().to_vec()),
        // 64 bytes from the middle of the signed PDF.
        (
            "pdf".into(),
            signed.pdf[signed.pdf.len() / 2..][..64].to_vec(),
        ),
    ];
    for c in store.search(&store::CaseQuery::default()).unwrap() {
        let f = store.case_file(c.id).unwrap().unwrap();
        secrets.push((
            format!("PESEL of {}", c.number),
            f.debtor.pesel.into_bytes(),
        ));
        secrets.push((
            format!("name of {}", c.number),
            f.debtor.last_name.clone().into_bytes(),
        ));
    }
    assert!(secrets.len() > 20);
    // While the app holds it open (the WAL has the latest pages), and after.
    let scan = |when: &str| {
        let mut read = 0;
        for f in std::iter::once(path.clone()).chain(store::companions(&path)) {
            let Ok(bytes) = std::fs::read(&f) else {
                continue;
            };
            read += bytes.len();
            for (what, s) in &secrets {
                assert!(
                    !bytes.windows(s.len()).any(|w| w == s.as_slice()),
                    "{when}: {what} readable in {}",
                    f.display()
                );
            }
        }
        assert!(
            read > 100_000,
            "{when}: the replica's files were read ({read} bytes)"
        );
    };
    scan("open");
    let cases = store.case_count().unwrap();
    drop(store);
    scan("closed");

    // Without the key, with another: refused, the file untouched.
    let before = std::fs::read(&path).unwrap();
    let e = Store::open(&path).unwrap_err();
    assert!(matches!(e, store::StoreError::Unreadable), "{e}");
    assert!(e.to_string().contains("key"), "{e}");
    let e = Store::open_encrypted(&path, &store::ReplicaKey::generate()).unwrap_err();
    assert!(matches!(e, store::StoreError::WrongKey), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // With it: everything there.
    let store = open_replica(&vault, &path).unwrap();
    assert_eq!(store.case_count().unwrap(), cases);
    assert_eq!(store.sync_value("token").unwrap(), Some(token));
}
