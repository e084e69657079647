//! Photos as a visit's evidence end to end (issue 11), on SQLite and on
//! PostgreSQL: photos taken offline with a report on a real replica arrive
//! exactly once after their report, shown on the case as waiting and then
//! sent; a sync cut after some of them resumes and doubles nothing;
//! hand-made uploads with a real advisor's token are rejected one by one
//! with a reason (never 5xx); the back office reads the bytes.

mod common;

use api::{PhotoFile, PhotoState, VisitContact, VisitDetail, VisitForm, VisitOutcome};
use app::visit::{record_visit, NoFix};
use app::SeqIds;
use base64ct::{Base64, Encoding};
use chrono::NaiveDateTime;
use common::{now, today, Backend, PASSWORD};
use store::Store;
use sync_client::{HttpTransport, SyncError, Transport};
use sync_proto::*;
use uuid::Uuid;

on_both!(
    photos_recorded_offline_arrive_once_after_their_visit,
    a_sync_cut_after_some_photos_resumes_and_doubles_nothing,
    hostile_photos_are_rejected_with_a_reason_never_5xx,
);

fn at(h: u32, m: u32) -> NaiveDateTime {
    today().and_hms_opt(h, m, 0).unwrap()
}

/// A device of doradca1, logged in and synced.
fn device(h: &Backend, dir: &tempfile::TempDir) -> (Store, HttpTransport) {
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&h.url).unwrap();
    let mut ids = SeqIds { prefix: 9, next: 0 };
    app::login::login(
        &mut store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet",
    )
    .unwrap();
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    (store, http)
}

/// `n` photos as the visit screen sends them: camera-sized files
/// downscaled on the device.
fn drafts(n: u32) -> Vec<api::PhotoDraft> {
    (0..n)
        .map(|i| {
            let file = evidence::sample_png(2000 + 8 * i, 1500, i);
            app::photos::prepare_photo(&PhotoFile {
                name: format!("foto{i}.png"),
                data: Base64::encode_string(&file),
            })
            .unwrap()
        })
        .collect()
}

/// Nobody at home: a notice left at the door, photographed.
fn notice(case: Uuid, photos: Vec<api::PhotoDraft>) -> VisitForm {
    VisitForm {
        case_id: case.to_string(),
        contact: Some(VisitContact::Nobody),
        detail: Some(VisitDetail::NotAtHome),
        outcome: Some(VisitOutcome::Nothing),
        notes: "Zostawiono awizo w drzwiach".into(),
        started_at: Some(at(9, 30)),
        photos,
        ..VisitForm::default()
    }
}

/// An open case of the advisor.
fn open_case(h: &Backend, n: usize) -> CaseFileDto {
    let mut held = h.held();
    held.retain(|c| c.status != "closed");
    held.swap_remove(n)
}

impl Backend {
    /// The photos of a case as the back office reads them.
    fn attachments(&self, case: Uuid) -> Vec<AttachmentDto> {
        let biuro = self.token("biuro", 0xB10);
        let (status, text) = self.post(
            &biuro,
            server::admin_paths::ATTACHMENTS,
            &serde_json::json!({ "case_id": case }),
        );
        assert_eq!(status, 200, "{text}");
        serde_json::from_str(&text).unwrap()
    }
}

fn photos_recorded_offline_arrive_once_after_their_visit(h: &Backend) {
    let dir = tempfile::TempDir::new().unwrap();
    let (mut store, mut http) = device(h, &dir);
    let file = open_case(h, 0);
    let photos = drafts(3);
    for p in &photos {
        assert!(p.width.max(p.height) <= 1600 && p.bytes <= 500_000, "{p:?}");
    }
    let id = Uuid::from_u128(0xE71D_0001);
    let saved = record_visit(
        &mut store,
        at(9, 50),
        id,
        &NoFix,
        &notice(file.id, photos.clone()),
    )
    .unwrap();
    assert_eq!(saved.photos, 3);

    // On the case at once, offline: three thumbnails waiting to be sent,
    // each with its line on the timeline.
    let req = api::CaseRequest {
        case_id: file.id.to_string(),
    };
    let case = app::get_case::get_case(&store, today(), &req).unwrap();
    assert_eq!(case.photos.len(), 3);
    assert!(case.photos.iter().all(|p| p.state == PhotoState::Waiting
        && p.visit_id == id.to_string()
        && !p.thumb.is_empty()));
    let line = format!(
        "Zdjęcie do raportu z wizyty ({}×{} px, {} KB).",
        photos[0].width,
        photos[0].height,
        photos[0].bytes.div_ceil(1000)
    );
    assert!(case.timeline.iter().any(|a| a.summary == line), "{line}");
    // Queued after their visit, one item each.
    let queued: Vec<(Uuid, String)> = store
        .outbox(store::OutboxState::Pending)
        .unwrap()
        .into_iter()
        .map(|i| (i.mutation_id, i.kind))
        .collect();
    let photo_ids: Vec<Uuid> = case.photos.iter().map(|p| p.id.parse().unwrap()).collect();
    assert_eq!(
        queued,
        [
            (id, "visit".to_owned()),
            (photo_ids[0], "attachment".to_owned()),
            (photo_ids[1], "attachment".to_owned()),
            (photo_ids[2], "attachment".to_owned()),
        ]
    );

    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected, r.pending), (4, 0, 0), "{r:?}");
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!(r.uploaded, 0);

    let stored = h.stored(file.id);
    assert_eq!(stored.attachments.len(), 3);
    for (p, rec) in photos.iter().zip(&stored.attachments) {
        assert_eq!(rec.visit_id, id);
        assert_eq!(
            (rec.width, rec.height, rec.bytes),
            (p.width, p.height, p.bytes)
        );
        assert_eq!(rec.received_at, now());
        assert_eq!(h.storage.mutation_count(rec.id).unwrap(), 1);
        let lines: Vec<_> = stored
            .activities
            .iter()
            .filter(|a| a.id == rec.id)
            .collect();
        assert_eq!(lines.len(), 1, "exactly once");
        assert_eq!(lines[0].received_at, Some(now()));
    }
    // The back office sees the bytes, once each, as the device took them.
    let seen = h.attachments(file.id);
    assert_eq!(seen.len(), 3);
    for (p, a) in photos.iter().zip(&seen) {
        assert_eq!(a.jpeg, p.jpeg);
        let bytes = Base64::decode_vec(&a.jpeg).unwrap();
        assert_eq!(sha256_hex(&bytes), a.record.sha256);
    }
    // Not to an advisor.
    let advisor = h.token("doradca1", 0xA11);
    let (status, _) = h.post(
        &advisor,
        server::admin_paths::ATTACHMENTS,
        &serde_json::json!({ "case_id": file.id }),
    );
    assert_eq!(status, 403);
    let (status, _) = h.post(
        &h.token("biuro", 0xB11),
        server::admin_paths::ATTACHMENTS,
        &serde_json::json!({ "case_id": Uuid::from_u128(0xDEAD) }),
    );
    assert_eq!(status, 404);

    // Sent, on the device, after the download; the photos stay.
    let case = app::get_case::get_case(&store, today(), &req).unwrap();
    assert_eq!(case.photos.len(), 3);
    assert!(case.photos.iter().all(|p| p.state == PhotoState::Sent));
}

/// The real transport, cut once: the first upload reaches the server with
/// only its first `keep` items and the answer is lost.
struct CutOnce {
    inner: HttpTransport,
    keep: Option<usize>,
}

impl Transport for CutOnce {
    fn login(&mut self, req: &LoginRequest) -> Result<LoginResponse, SyncError> {
        self.inner.login(req)
    }
    fn download(
        &mut self,
        token: &str,
        req: &DownloadRequest,
    ) -> Result<DownloadResponse, SyncError> {
        self.inner.download(token, req)
    }
    fn upload(&mut self, token: &str, req: &UploadRequest) -> Result<UploadResponse, SyncError> {
        match self.keep.take() {
            Some(k) => {
                let part = UploadRequest {
                    mutations: req.mutations[..k.min(req.mutations.len())].to_vec(),
                };
                self.inner.upload(token, &part)?;
                Err(SyncError::Unreachable("cut after part of the batch".into()))
            }
            None => self.inner.upload(token, req),
        }
    }
}

fn a_sync_cut_after_some_photos_resumes_and_doubles_nothing(h: &Backend) {
    let dir = tempfile::TempDir::new().unwrap();
    let (mut store, http) = device(h, &dir);
    let (a, b) = (open_case(h, 1), open_case(h, 2));
    let photos = drafts(4);
    let (va, vb) = (Uuid::from_u128(0xE71D_0A00), Uuid::from_u128(0xE71D_0B00));
    record_visit(
        &mut store,
        at(9, 50),
        va,
        &NoFix,
        &notice(a.id, photos.clone()),
    )
    .unwrap();
    record_visit(
        &mut store,
        at(10, 20),
        vb,
        &NoFix,
        &notice(b.id, photos[..3].to_vec()),
    )
    .unwrap();
    let all: Vec<Uuid> = store
        .outbox(store::OutboxState::Pending)
        .unwrap()
        .iter()
        .map(|i| i.mutation_id)
        .collect();
    assert_eq!(all.len(), 9);

    // The connection dies after the server took the report and two photos.
    let mut cut = CutOnce {
        inner: http,
        keep: Some(3),
    };
    let r = app::sync_now::sync_now(&mut store, &mut cut, now()).unwrap();
    assert!(r.error.is_some());
    assert_eq!(r.pending, 9, "nothing settled without a receipt");
    assert_eq!(h.stored(a.id).attachments.len(), 2);

    // The next sync sends everything again: the server answers the three it
    // has as duplicates and takes the rest; each is there once.
    let r = app::sync_now::sync_now(&mut store, &mut cut, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected, r.pending), (9, 0, 0), "{r:?}");
    for id in &all {
        assert_eq!(h.storage.mutation_count(*id).unwrap(), 1);
    }
    for (case, visit, n) in [(a.id, va, 4), (b.id, vb, 3)] {
        let stored = h.stored(case);
        assert_eq!(stored.attachments.len(), n);
        assert!(stored.attachments.iter().all(|x| x.visit_id == visit));
        let mut ids: Vec<Uuid> = stored.activities.iter().map(|x| x.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), stored.activities.len(), "no line twice");
        assert_eq!(h.attachments(case).len(), n);
    }
}

/// An attachment mutation as a device would send it.
fn attachment(id: u128, case: Uuid, body: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "id": Uuid::from_u128(id),
        "case_id": case,
        "created_at": "2026-11-23T09:50:00",
        "kind": "attachment",
        "body": body,
    })
}

fn body_of(visit: Uuid, jpeg: &[u8]) -> serde_json::Value {
    serde_json::to_value(AttachmentBody::new(visit, jpeg)).unwrap()
}

fn hostile_photos_are_rejected_with_a_reason_never_5xx(h: &Backend) {
    // An honest report with no photos, through a real device.
    let dir = tempfile::TempDir::new().unwrap();
    let (mut store, mut http) = device(h, &dir);
    let (file, other) = (open_case(h, 3), open_case(h, 4));
    let visit = Uuid::from_u128(0xE71D_0C00);
    record_visit(
        &mut store,
        at(9, 50),
        visit,
        &NoFix,
        &notice(file.id, vec![]),
    )
    .unwrap();
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!(r.uploaded, 1, "{r:?}");
    // A case of another advisor.
    let mut theirs = open_case(h, 5);
    theirs.advisor_id = Uuid::from_u128(0xA2);
    h.storage.put_case(&theirs).unwrap();

    let token = h.token("doradca1", 0xBAD);
    let good = Base64::decode_vec(&drafts(1)[0].jpeg).unwrap();
    let small = evidence::sample_jpeg(64, 48, 1, 80);
    // Over 500 KB: a well-formed JPEG padded before its end.
    let mut fat = small[..small.len() - 2].to_vec();
    fat.resize(600_000, 0);
    fat.extend_from_slice(&[0xFF, 0xD9]);
    // A header that claims 20 000 px wide.
    let mut lying = small.clone();
    let sof = (2..lying.len() - 1)
        .find(|&i| lying[i] == 0xFF && lying[i + 1] == 0xC0)
        .unwrap();
    lying[sof + 7..sof + 9].copy_from_slice(&20_000u16.to_be_bytes());
    let png = evidence::sample_png(64, 48, 2);
    let mut wrong_hash = body_of(visit, &good);
    wrong_hash["sha256"] = sha256_hex(b"something else").into();
    let mut not_base64 = body_of(visit, &good);
    not_base64["jpeg"] = "***".into();

    let cases: Vec<(&str, serde_json::Value, Uuid, RejectCode, &str)> = vec![
        (
            "over 500 KB",
            body_of(visit, &fat),
            file.id,
            RejectCode::InvalidAttachment,
            "najwyżej 500 KB",
        ),
        (
            "a PNG",
            body_of(visit, &png),
            file.id,
            RejectCode::InvalidAttachment,
            "nie jest poprawnym plikiem JPEG",
        ),
        (
            "a PDF",
            body_of(visit, b"%PDF-1.7\n%%EOF\n"),
            file.id,
            RejectCode::InvalidAttachment,
            "nie jest poprawnym plikiem JPEG",
        ),
        (
            "20 000 px claimed",
            body_of(visit, &lying),
            file.id,
            RejectCode::InvalidAttachment,
            "20000×48 px",
        ),
        (
            "a hash of other bytes",
            wrong_hash,
            file.id,
            RejectCode::InvalidAttachment,
            "SHA-256",
        ),
        (
            "not base64",
            not_base64,
            file.id,
            RejectCode::InvalidAttachment,
            "base64",
        ),
        (
            "another case's visit",
            body_of(visit, &good),
            other.id,
            RejectCode::UnknownVisit,
            "nie jest raportem wizyty ani pytaniem doradcy w tej sprawie",
        ),
        (
            "no visit at all",
            body_of(Uuid::from_u128(0x5555), &good),
            file.id,
            RejectCode::UnknownVisit,
            "nie jest raportem wizyty ani pytaniem doradcy w tej sprawie",
        ),
        (
            "another advisor's case",
            body_of(visit, &good),
            theirs.id,
            RejectCode::CaseNotAssigned,
            "not assigned to you",
        ),
        (
            "no such case",
            body_of(visit, &good),
            Uuid::from_u128(0xDEAD),
            RejectCode::CaseNotFound,
            "does not exist",
        ),
        (
            "not a body",
            serde_json::json!({ "jpeg": 5 }),
            file.id,
            RejectCode::InvalidBody,
            "malformed photo",
        ),
    ];
    for (n, (what, body, case, code, says)) in cases.into_iter().enumerate() {
        let (status, receipts) = h.upload(&token, &[attachment(0x6000 + n as u128, case, body)]);
        assert_eq!(status, 200, "{what}");
        match &receipts[0].outcome {
            Outcome::Rejected { code: c, reason } => {
                assert_eq!(c, &code, "{what}: {reason}");
                assert!(reason.contains(says), "{what}: {reason}");
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    assert!(h.stored(file.id).attachments.is_empty(), "none applied");

    // Ten honest photos in one upload are taken; the eleventh is refused
    // alone, and a repeat of one of the ten is a duplicate, not a twelfth.
    let ten: Vec<serde_json::Value> = (0..10)
        .map(|i| attachment(0x7000 + i, file.id, body_of(visit, &good)))
        .collect();
    let (status, receipts) = h.upload(&token, &ten);
    assert_eq!(status, 200);
    assert!(
        receipts.iter().all(|r| r.outcome == Outcome::Applied),
        "{receipts:?}"
    );
    let (status, receipts) = h.upload(
        &token,
        &[
            attachment(0x7100, file.id, body_of(visit, &good)),
            attachment(0x7003, file.id, body_of(visit, &good)),
        ],
    );
    assert_eq!(status, 200);
    match &receipts[0].outcome {
        Outcome::Rejected { code, reason } => {
            assert_eq!(code, &RejectCode::TooManyAttachments);
            assert_eq!(reason, "Do jednej wizyty można dołączyć najwyżej 10 zdjęć.");
        }
        other => panic!("the eleventh photo: {other:?}"),
    }
    assert_eq!(receipts[1].outcome, Outcome::Duplicate);
    assert_eq!(h.stored(file.id).attachments.len(), 10);
    assert_eq!(h.attachments(file.id).len(), 10);

    // A body too large for the server is refused whole with a 413, never a 5xx.
    let huge = "A".repeat(MAX_BODY_BYTES + 1);
    let mut body = body_of(visit, &good);
    body["jpeg"] = huge.into();
    let (status, _) = h.upload(&token, &[attachment(0x7200, file.id, body)]);
    assert_eq!(status, 413);
}
