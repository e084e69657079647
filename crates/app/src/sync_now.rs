//! One sync run: upload the outbox exactly once, then download the changes
//! for this advisor. The decisions come from `sync_client::plan`; this module
//! performs them against the replica and the transport.

use chrono::NaiveDateTime;
use domain::{CaseFile, CaseId};
use store::{DownloadPage, OutboxState, Review, Reviewed, Store, StoreError};
use sync_client::plan::{may_download, settle, sized_batches, Settled};
use sync_client::{SyncError, Transport};
use sync_proto::{Change, DownloadRequest, Mutation, UploadRequest, MAX_BATCH, MAX_BATCH_BYTES};

/// How a run went. Non-fatal outcomes are data: an unreachable server is a
/// report with `error` set, not a failure of the app.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SyncReport {
    pub uploaded: usize,
    pub rejected: usize,
    pub downloaded: usize,
    pub removed: usize,
    /// Team leads' answers received.
    pub reviews: usize,
    /// Still waiting in the outbox.
    pub pending: usize,
    /// Rejected items the advisor should look at.
    pub needs_attention: usize,
    pub error: Option<SyncError>,
    /// True when the device was revoked and its case data wiped.
    pub wiped: bool,
    /// Downloaded cases this replica could not take (unreadable, or at odds
    /// with what it holds), with why; the rest of the sync went on.
    pub skipped_cases: Vec<(uuid::Uuid, String)>,
    /// Why the offer policy the server sent was not taken (the last valid
    /// one stays in force).
    pub policy_refused: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum SyncRunError {
    #[error("not logged in")]
    NotLoggedIn,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("unreadable outbox item: {0}")]
    Outbox(String),
}

/// A team lead's answer as the replica keeps it; one this app cannot read
/// (an unknown kind or decision) is skipped.
fn review(r: &sync_proto::ReviewDto) -> Option<Review> {
    use sync_proto::{Decision, MutationKind};
    let about = match (&r.kind, r.case_id, r.plan_id) {
        (MutationKind::Offer, Some(case_id), _) => Reviewed::Offer {
            offer_id: r.request_id,
            case_id: CaseId(case_id),
        },
        (MutationKind::Plan, _, Some(plan_id)) => Reviewed::Plan { plan_id },
        _ => return None,
    };
    let approved = match r.decision {
        Decision::Approved => true,
        Decision::Rejected | Decision::Returned => false,
        Decision::Pending | Decision::Unknown(_) => return None,
    };
    Some(Review {
        about,
        approved,
        comment: r.comment.clone(),
        reviewed_by: r.reviewed_by.clone(),
        reviewed_at: r.reviewed_at,
    })
}

/// The download page size.
pub const PAGE: u32 = 200;

pub fn sync_now(
    store: &mut Store,
    transport: &mut dyn Transport,
    now: NaiveDateTime,
) -> Result<SyncReport, SyncRunError> {
    sync_now_with_progress(store, transport, now, &mut |_| {})
}

/// As [`sync_now`], calling `progress` with the number of cases received so
/// far after each downloaded page (the first sync's progress bar).
pub fn sync_now_with_progress(
    store: &mut Store,
    transport: &mut dyn Transport,
    now: NaiveDateTime,
    progress: &mut dyn FnMut(usize),
) -> Result<SyncReport, SyncRunError> {
    let token = store
        .sync_value("token")?
        .ok_or(SyncRunError::NotLoggedIn)?;
    let mut report = SyncReport::default();
    if crate::login::holds_no_cases(store)? {
        // A team lead's or the back office's device holds no cases: their
        // pages are online.
        return Ok(report);
    }
    let outcome = run(store, transport, &token, &mut report, progress);
    if let Err(e) = outcome {
        if matches!(e, SyncError::DeviceRevoked(_)) {
            store.wipe_case_data()?;
            report.wiped = true;
        }
        report.error = Some(e);
    } else {
        store.set_sync_value("last_sync", &now.format("%Y-%m-%dT%H:%M:%S").to_string())?;
    }
    let (pending, rejected) = store.outbox_counts()?;
    report.pending = pending;
    report.needs_attention = rejected;
    Ok(report)
}

/// The kinds whose payload is not read again once the server has it: a
/// photo (its picture is in the replica's `visit_photo`) and a visit report
/// (its body in `visit_report`, a receipt's PDF in `door_receipt`). The
/// delivered entry keeps its id and state, the receipt of delivery, without
/// a second copy of the bytes. Questions stay whole (the thread shows them
/// from the outbox), so do settlements (the device's copy of what the
/// client signed).
fn compacted_once_delivered(kind: &sync_proto::MutationKind) -> bool {
    matches!(
        kind,
        sync_proto::MutationKind::Attachment | sync_proto::MutationKind::Visit
    )
}

fn run(
    store: &mut Store,
    t: &mut dyn Transport,
    token: &str,
    report: &mut SyncReport,
    progress: &mut dyn FnMut(usize),
) -> Result<(), SyncError> {
    let local = |e: StoreError| SyncError::Decode(format!("replica: {e}"));
    // Each item with its size as stored (the JSON it is sent as), so that a
    // batch of photos stays within the server's body limit.
    let pending: Vec<(Mutation, usize)> = store
        .outbox(OutboxState::Pending)
        .map_err(local)?
        .into_iter()
        .filter_map(
            |item| match serde_json::from_str::<Mutation>(&item.payload) {
                Ok(m) => Some((m, item.payload.len() + 1)),
                Err(e) => {
                    // An item this app cannot read again can never be sent; it
                    // goes to "needs attention" instead of blocking the queue.
                    let _ = store.outbox_mark(
                        item.mutation_id,
                        OutboxState::Rejected,
                        Some(&format!("unreadable: {e}")),
                    );
                    None
                }
            },
        )
        .collect();
    for batch in sized_batches(pending, MAX_BATCH, MAX_BATCH_BYTES) {
        let res = t.upload(
            token,
            &UploadRequest {
                mutations: batch.clone(),
            },
        )?;
        // The batch's receipts in one transaction: one sync to the disk
        // per batch, not one per item.
        let receipts: Vec<store::OutboxReceipt> = settle(&batch, &res.receipts)
            .into_iter()
            .map(|s| match s {
                Settled::Applied(id) => {
                    report.uploaded += 1;
                    store::OutboxReceipt {
                        id,
                        state: OutboxState::Applied,
                        error: None,
                        compact: batch
                            .iter()
                            .any(|m| m.id == id && compacted_once_delivered(&m.kind)),
                    }
                }
                Settled::Rejected { id, reason } => {
                    report.rejected += 1;
                    store::OutboxReceipt {
                        id,
                        state: OutboxState::Rejected,
                        error: Some(reason),
                        compact: false,
                    }
                }
            })
            .collect();
        store.outbox_settle(&receipts).map_err(local)?;
    }
    let (pending, rejected) = store.outbox_counts().map_err(local)?;
    if !may_download(pending) {
        return Ok(());
    }
    // Nothing waits for upload once it downloads: what the back office
    // sees are the changes the server refused, waiting for the advisor.
    let unsent = pending + rejected;
    loop {
        let cursor: u64 = store
            .sync_value("cursor")
            .map_err(local)?
            .and_then(|c| c.parse().ok())
            .unwrap_or(0);
        let page = t.download(
            token,
            &DownloadRequest {
                cursor,
                limit: PAGE,
                // What the back office's "Urządzenia" shows (issue #12).
                pending: Some(
                    u32::try_from(unsent)
                        .unwrap_or(u32::MAX)
                        .min(sync_proto::MAX_REPORTED_PENDING),
                ),
                app_version: Some(env!("CARGO_PKG_VERSION").into()),
            },
        )?;
        let mut upserts = Vec::new();
        let mut removes = Vec::new();
        for c in &page.changes {
            match c {
                Change::Upsert { file } => match CaseFile::try_from(&**file) {
                    Ok(f) => upserts.push(f),
                    // One unreadable case does not stop the others.
                    Err(e) => report.skipped_cases.push((file.id, e.to_string())),
                },
                Change::Remove { case_id } => removes.push(CaseId(*case_id)),
            }
        }
        let advisor = page.advisor.as_ref().map(domain::Advisor::from);
        let reviews: Vec<Review> = page.reviews.iter().filter_map(review).collect();
        let policy = match &page.offer_policy {
            Some(p) => match p.check() {
                Ok(()) => Some((p.policy(), p.authority())),
                Err(why) => {
                    report.policy_refused = Some(why);
                    None
                }
            },
            None => None,
        };
        let skipped = store
            .apply_download_page(&DownloadPage {
                upserts: &upserts,
                removes: &removes,
                advisor: advisor.as_ref(),
                reviews: &reviews,
                policy: policy.as_ref().map(|(p, a)| (p, a)),
                cursor: page.next_cursor,
            })
            .map_err(local)?;
        report
            .skipped_cases
            .extend(skipped.into_iter().map(|(id, why)| (id.0, why)));
        report.reviews += reviews.len();
        report.downloaded += upserts.len();
        report.removed += removes.len();
        progress(report.downloaded);
        if !page.more {
            return Ok(());
        }
    }
}
