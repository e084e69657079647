//! `cargo xtask bench visit`: visit reports with photos (issue 11), printed
//! beside their goals, not asserted.
//! 1. The device downscales a camera picture (4000×3000 JPEG) into a photo
//!    (longest side 1 600 px, ≤ 500 KB): reported apart.
//! 2. Saving a report with 3 photos on the device (checked, stored with
//!    their thumbnails, queued): goal ≤ 50 ms, without the downscale.
//! 3. The upload of 100 reports with 300 photos over loopback HTTP to a real
//!    server (SQLite storage): goal ≤ 5 s.

#[path = "../common/mod.rs"]
mod common;

use api::{PhotoFile, VisitContact, VisitDetail, VisitForm, VisitOutcome};
use app::visit::{record_visit, NoFix};
use app::SeqIds;
use base64ct::{Base64, Encoding};
use std::time::{Duration, Instant};
use sync_client::{HttpTransport, SyncError, Transport};
use sync_proto::*;
use uuid::Uuid;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

/// The real transport, timing its uploads.
struct Timed {
    inner: HttpTransport,
    uploads: Duration,
    requests: usize,
    bytes: usize,
}

impl Transport for Timed {
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
        self.bytes += serde_json::to_vec(req).map_or(0, |v| v.len());
        let t = Instant::now();
        let r = self.inner.upload(token, req);
        self.uploads += t.elapsed();
        self.requests += 1;
        r
    }
}

fn form(case: Uuid, photos: Vec<api::PhotoDraft>) -> VisitForm {
    VisitForm {
        case_id: case.to_string(),
        contact: Some(VisitContact::Nobody),
        detail: Some(VisitDetail::NotAtHome),
        outcome: Some(VisitOutcome::Nothing),
        notes: "Zostawiono awizo w drzwiach".into(),
        started_at: Some(common::now() - chrono::Duration::minutes(20)),
        photos,
        ..VisitForm::default()
    }
}

fn main() {
    println!("bench visit — visit reports with photos, release build, 2 shared cores");

    // 1. The downscale of camera pictures.
    let cameras: Vec<Vec<u8>> = (0..3)
        .map(|i| evidence::sample_jpeg(4000, 3000, i, 92))
        .collect();
    let mut times = Vec::new();
    let mut drafts = Vec::new();
    for round in 0..4 {
        for c in &cameras {
            let file = PhotoFile {
                name: "aparat.jpg".into(),
                data: Base64::encode_string(c),
            };
            let t = Instant::now();
            let d = app::photos::prepare_photo(&file).unwrap();
            times.push(t.elapsed());
            if round == 0 {
                drafts.push(d);
            }
        }
    }
    times.sort();
    let sizes: Vec<String> = drafts
        .iter()
        .map(|d| format!("{}×{} {} KB", d.width, d.height, d.bytes.div_ceil(1000)))
        .collect();
    println!(
        "  downscale of a 4000×3000 camera JPEG ({} KB) to a photo: p50 {:.0} ms, p95 {:.0} ms over {} (apart from the save; photos {})",
        cameras[0].len().div_ceil(1000),
        ms(pct(&times, 0.5)),
        ms(pct(&times, 0.95)),
        times.len(),
        sizes.join(", ")
    );

    // 2 and 3 on one device of a real server.
    let server = common::start_server(150, 1, common::today(), common::now);
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = store::Store::open(&dir.path().join("device.sqlite")).unwrap();
    let mut http = Timed {
        inner: HttpTransport::new(&server.url).unwrap(),
        uploads: Duration::ZERO,
        requests: 0,
        bytes: 0,
    };
    let mut ids = SeqIds { prefix: 1, next: 0 };
    app::login::login(
        &mut store,
        &mut http,
        &mut ids,
        "doradca1",
        common::PASSWORD,
        "bench",
    )
    .unwrap();
    let r = app::sync_now::sync_now(&mut store, &mut http, common::now()).unwrap();
    assert_eq!(r.error, None);
    let held: Vec<_> = store.search(&store::CaseQuery::default()).unwrap();

    // 2. Saving 100 reports with 3 photos each, one by one.
    let mut saves = Vec::new();
    let mut saved = 0;
    for (n, c) in held.iter().enumerate() {
        if saved == 100 {
            break;
        }
        let id = Uuid::from_u64_pair(0xB0, n as u64 + 1);
        let f = form(c.id.0, drafts.clone());
        let t = Instant::now();
        let ok = record_visit(&mut store, common::now(), id, &NoFix, &f).is_ok();
        let took = t.elapsed();
        if ok {
            saves.push(took);
            saved += 1;
        }
    }
    saves.sort();
    println!(
        "  save a report with 3 photos on the device: p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms over {} (goal <= 50 ms, without the downscale)",
        ms(pct(&saves, 0.5)),
        ms(pct(&saves, 0.95)),
        ms(*saves.last().unwrap()),
        saves.len()
    );

    // 3. The upload of the 100 reports and their 300 photos.
    let (pending, _) = store.outbox_counts().unwrap();
    http.uploads = Duration::ZERO;
    http.requests = 0;
    http.bytes = 0;
    let t = Instant::now();
    let r = app::sync_now::sync_now(&mut store, &mut http, common::now()).unwrap();
    let whole = t.elapsed();
    assert_eq!(r.error, None);
    assert_eq!((r.uploaded, r.rejected), (pending, 0), "{r:?}");
    let stored: usize =
        server_storage::Audit::cases_of(server.storage.as_ref(), server.portfolio.advisors[0].id.0)
            .unwrap()
            .iter()
            .map(|f| f.attachments.len())
            .sum::<usize>();
    println!(
        "  upload of {} reports with {} photos ({:.1} MB in {} requests): {:.2} s (goal <= 5 s); the whole sync with the download of the changed cases {:.2} s",
        saved,
        stored,
        http.bytes as f64 / 1e6,
        http.requests,
        http.uploads.as_secs_f64(),
        whole.as_secs_f64()
    );
}
