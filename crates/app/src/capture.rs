//! One way to record a captured thing. What the advisor captures on a case
//! (a note, an offer, a signed settlement; visit reports, contact proposals
//! and messages next) becomes a line on the case's timeline and the outbox
//! entry that uploads it, in one store transaction. Every kind records
//! through [`record`], so the mutation, its stored payload and the author
//! are made in one place and a new kind only says what it captured.

use crate::{json_error, storage_error};
use api::CommandError;
use chrono::NaiveDateTime;
use domain::{Activity, ActivityId, ActivityKind, CaseId};
use serde::Serialize;
use store::{Captured, Store};
use sync_proto::{Mutation, MutationKind};
use uuid::Uuid;

/// The name on a timeline line written on this device: the advisor signed
/// in here, or "Doradca" (advisor) before the first sync has told us.
pub fn author(store: &Store) -> Result<String, CommandError> {
    Ok(store
        .advisors()
        .map_err(storage_error)?
        .first()
        .map_or_else(|| "Doradca".to_owned(), |a| a.name.clone()))
}

/// The JSON the outbox keeps for the mutation `id` of `kind` with `body`:
/// what the sync uploads as it is.
pub fn payload<B: Serialize>(
    id: Uuid,
    case_id: Uuid,
    created_at: NaiveDateTime,
    kind: MutationKind,
    body: &B,
) -> Result<String, CommandError> {
    let mutation = Mutation {
        id,
        case_id,
        created_at,
        kind,
        body: serde_json::to_value(body).map_err(json_error)?,
    };
    serde_json::to_string(&mutation).map_err(json_error)
}

/// Whether the thing waits for a team lead before it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Approval {
    /// It holds as captured.
    NotNeeded,
    /// An offer beyond the advisor's authority: its pending review is
    /// written in the same transaction (`offer_review`).
    OfferPending,
}

/// A thing the advisor captured on a case, ready to record.
#[derive(Debug, Clone)]
pub struct Capture<B> {
    /// The mutation id; the timeline line has the same id.
    pub id: Uuid,
    pub case: CaseId,
    pub at: NaiveDateTime,
    /// The mutation kind.
    pub kind: MutationKind,
    /// The mutation's wire body.
    pub body: B,
    /// What the timeline line shows, and as what.
    pub activity: ActivityKind,
    pub summary: String,
    pub approval: Approval,
    /// For a settlement: the saved offer (its id) it signs, once, and the
    /// agreement it makes.
    pub signs: Option<(Uuid, domain::SignedAgreement)>,
    /// The status the case moves to on this device (a visit report's,
    /// decided by `domain::visit::status_after`).
    pub moves_to: Option<domain::CaseStatus>,
    /// The promise to pay it adds to its case on this device (a visit
    /// report's, `domain::visit::promise`).
    pub promise: Option<domain::Promise>,
    /// For a contact proposal: the proposal as the case keeps it until the
    /// server's copy replaces it.
    pub contact: Option<domain::contact::ContactRecord>,
    /// For a payment at the door: its signed receipt, kept with the report.
    pub receipt: Option<store::DoorReceiptRow>,
}

impl<B> Capture<B> {
    /// A thing of `kind` that shows on the timeline as its kind (an offer,
    /// a settlement, a message, a visit; anything else as a note) and holds
    /// as captured; `id` is its mutation id.
    pub fn new(
        kind: MutationKind,
        id: Uuid,
        case: CaseId,
        at: NaiveDateTime,
        body: B,
        summary: String,
    ) -> Capture<B> {
        let activity = shown_as(&kind);
        Capture {
            id,
            case,
            at,
            kind,
            body,
            activity,
            summary,
            approval: Approval::NotNeeded,
            signs: None,
            moves_to: None,
            promise: None,
            contact: None,
            receipt: None,
        }
    }

    /// A visit report with the signed receipt of its payment at the door.
    pub fn with_receipt(self, receipt: Option<store::DoorReceiptRow>) -> Capture<B> {
        Capture { receipt, ..self }
    }

    /// A thing that moves its case to `status` (a visit report).
    pub fn moving_to(self, status: Option<domain::CaseStatus>) -> Capture<B> {
        Capture {
            moves_to: status,
            ..self
        }
    }

    /// A thing that adds `promise` to its case (a visit report's).
    pub fn promising(self, promise: Option<domain::Promise>) -> Capture<B> {
        Capture { promise, ..self }
    }

    pub fn with_approval(self, approval: Approval) -> Capture<B> {
        Capture { approval, ..self }
    }

    /// A settlement of the saved offer `offer`, making `agreement`.
    pub fn signing(self, offer: Uuid, agreement: domain::SignedAgreement) -> Capture<B> {
        Capture {
            signs: Some((offer, agreement)),
            ..self
        }
    }
}

/// The kind of the timeline line of a captured mutation.
pub fn shown_as(kind: &MutationKind) -> ActivityKind {
    match kind {
        MutationKind::Offer => ActivityKind::Offer,
        MutationKind::Settlement => ActivityKind::Settlement,
        MutationKind::Message => ActivityKind::Message,
        MutationKind::Visit => ActivityKind::Visit,
        _ => ActivityKind::Note,
    }
}

/// Records `c`: its timeline line (by the device's [`author`]) and its
/// outbox entry, in one transaction; an offer is also kept as a saved offer
/// (`store::SavedOfferRow`), a settlement marks the offer it signs, a visit
/// report is kept with its link in the device's hash chain
/// (`sync_proto::visit_link` of this very mutation), which becomes the
/// chain's head, and moves its case.
pub fn record<B: Serialize>(store: &mut Store, c: Capture<B>) -> Result<(), CommandError> {
    if c.kind == MutationKind::Visit {
        return record_visit(store, c, Vec::new());
    }
    let author = author(store)?;
    let (activity, captured, _) = parts(&c, author)?;
    let body_json = serde_json::to_string(&c.body).map_err(json_error)?;
    let pending = c.approval == Approval::OfferPending;
    match (&c.kind, &c.signs) {
        (MutationKind::Offer, _) => store.capture_offer(&activity, &captured, pending, &body_json),
        (MutationKind::Contact, _) => match &c.contact {
            Some(record) => store.capture_contact(&activity, &captured, record),
            None => store.capture_activity(&activity, &captured),
        },
        (_, Some((offer, agreement))) => {
            store.capture_settlement(&activity, &captured, (*offer, agreement), c.moves_to)
        }
        _ => store.capture_activity(&activity, &captured),
    }
    .map_err(|e| match e {
        store::StoreError::AlreadySigned(_) => {
            CommandError::invalid(api::Field::Offer, api::Reason::AlreadySigned)
        }
        other => storage_error(other),
    })
}

/// The timeline line, the outbox entry and the mutation of `c`.
fn parts<B: Serialize>(
    c: &Capture<B>,
    author: String,
) -> Result<(Activity, Captured, Mutation), CommandError> {
    let mutation = Mutation {
        id: c.id,
        case_id: c.case.0,
        created_at: c.at,
        kind: c.kind.clone(),
        body: serde_json::to_value(&c.body).map_err(json_error)?,
    };
    let payload = serde_json::to_string(&mutation).map_err(json_error)?;
    let activity = Activity {
        id: ActivityId(c.id),
        case_id: c.case,
        at: c.at,
        kind: c.activity,
        author,
        summary: c.summary.clone(),
        // The server's word, once it has received it.
        received_at: None,
    };
    let captured = Captured {
        mutation_id: c.id,
        kind: c.kind.code().into(),
        case_id: c.case,
        payload,
        created_at: c.at,
    };
    Ok((activity, captured, mutation))
}

/// A photo of a visit, captured with its report: its "attachment"
/// mutation and the photo as downscaled (with its thumbnail).
#[derive(Debug, Clone)]
pub struct PhotoCapture {
    pub capture: Capture<sync_proto::AttachmentBody>,
    pub photo: evidence::Photo,
}

/// Records a visit report `c` with its photos: the report kept with its
/// link in the device's hash chain (`sync_proto::visit_link` of this very
/// mutation), which becomes the chain's head, its case moved, its promise
/// and its door receipt kept, and each photo with its own timeline line and outbox entry queued after the
/// report's, all in one transaction.
pub fn record_visit<B: Serialize>(
    store: &mut Store,
    c: Capture<B>,
    photos: Vec<PhotoCapture>,
) -> Result<(), CommandError> {
    let author = author(store)?;
    let (activity, captured, mutation) = parts(&c, author.clone())?;
    let body_json = serde_json::to_string(&c.body).map_err(json_error)?;
    let photos = photo_rows(photos, &author)?;
    store
        .capture_visit(
            &activity,
            &captured,
            &body_json,
            &sync_proto::visit_link(&mutation),
            &store::VisitExtras {
                status: c.moves_to,
                promise: c.promise.as_ref(),
                receipt: c.receipt.as_ref(),
                photos: &photos,
            },
        )
        .map_err(storage_error)
}

/// Records `c` with its photos, each queued after it, in one transaction:
/// a visit report as [`record_visit`], anything else (a question to the
/// office) as a plain timeline line and outbox entry.
pub fn record_with_photos<B: Serialize>(
    store: &mut Store,
    c: Capture<B>,
    photos: Vec<PhotoCapture>,
) -> Result<(), CommandError> {
    if c.kind == MutationKind::Visit {
        return record_visit(store, c, photos);
    }
    let author = author(store)?;
    let (activity, captured, _) = parts(&c, author.clone())?;
    let photos = photo_rows(photos, &author)?;
    store
        .capture_with_photos(&activity, &captured, &photos)
        .map_err(storage_error)
}

/// The store's rows of `photos`, their lines by `author`.
fn photo_rows(
    photos: Vec<PhotoCapture>,
    author: &str,
) -> Result<Vec<store::PhotoCapture>, CommandError> {
    photos
        .into_iter()
        .map(|p| {
            let (activity, captured, _) = parts(&p.capture, author.to_owned())?;
            Ok(store::PhotoCapture {
                activity,
                captured,
                visit_id: p.capture.body.visit_id,
                width: p.photo.facts.width,
                height: p.photo.facts.height,
                sha256: p.capture.body.sha256,
                jpeg: p.photo.jpeg,
                thumb: p.photo.thumb,
            })
        })
        .collect()
}
