//! Photos and documents as a visit's evidence (issue 11): the advisor's
//! file (the camera's or one from the disk) downscaled on the device by
//! `evidence::prepare`, sent back to the visit form as a draft; saved with
//! the report, each checked again by `evidence::check` (the server's own
//! check) and recorded as an "attachment" mutation queued after the
//! report's; shown on the case with whether it was sent.

use crate::capture::{Capture, PhotoCapture};
use api::{CommandError, Field, PhotoDraft, PhotoFile, PhotoState, PhotoView, Reason};
use base64ct::{Base64, Encoding};
use chrono::NaiveDateTime;
use domain::{ActivityKind, CaseId};
use evidence::Refused;
use sha2::{Digest, Sha256};
use store::{OutboxState, Store};
use sync_proto::{AttachmentBody, MutationKind};
use uuid::Uuid;

/// The typed error of a refused file or photo, on the photos' field.
pub fn photo_error(e: &Refused) -> CommandError {
    let reason = match e {
        Refused::Empty | Refused::NotAnImage | Refused::NotAJpeg => Reason::NotAnImage,
        Refused::TooManyBytes { .. } | Refused::TooLarge { .. } => Reason::PhotoTooLarge,
        Refused::TooMany { .. } => Reason::TooManyPhotos,
    };
    CommandError::invalid(Field::VisitPhotos, reason)
}

fn base64(s: &str) -> Result<Vec<u8>, CommandError> {
    Base64::decode_vec(s).map_err(|_| CommandError::invalid(Field::VisitPhotos, Reason::Malformed))
}

/// Downscales the advisor's file into a photo for a report (nothing is
/// stored until the report is saved).
pub fn prepare_photo(file: &PhotoFile) -> Result<PhotoDraft, CommandError> {
    let bytes = base64(&file.data)?;
    let p = evidence::prepare(&bytes).map_err(|e| photo_error(&e))?;
    Ok(PhotoDraft {
        jpeg: Base64::encode_string(&p.jpeg),
        thumb: Base64::encode_string(&p.thumb),
        width: p.facts.width,
        height: p.facts.height,
        bytes: p.facts.bytes as u64,
    })
}

/// The id of the `ordinal`-th photo of the visit `visit`: derived from the
/// visit's id (which the caller's id source gave), so a report and its
/// photos need one id and the same report always names the same photos.
pub fn photo_id(visit: Uuid, ordinal: usize) -> Uuid {
    let mut h = Sha256::new();
    h.update(b"partner/visit-photo/");
    h.update(visit.as_bytes());
    h.update((ordinal as u64).to_be_bytes());
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    uuid::Builder::from_custom_bytes(b).into_uuid()
}

/// The photos of a report (or a question) checked as the server will
/// check them, ready to record after the report `visit`: at most
/// `evidence::MAX_PER_VISIT`, each a JPEG within the limits with a
/// thumbnail that is one too; each photo's timeline line is of `activity`
/// (the server's: a visit's photo is a visit, a question's a note).
pub fn captures(
    visit: Uuid,
    case: CaseId,
    at: NaiveDateTime,
    drafts: &[PhotoDraft],
    activity: ActivityKind,
) -> Result<Vec<PhotoCapture>, CommandError> {
    if drafts.len() > evidence::MAX_PER_VISIT {
        return Err(photo_error(&Refused::TooMany {
            max: evidence::MAX_PER_VISIT,
        }));
    }
    drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let jpeg = base64(&d.jpeg)?;
            let thumb = base64(&d.thumb)?;
            let facts = evidence::check(&jpeg).map_err(|e| photo_error(&e))?;
            evidence::check(&thumb).map_err(|e| photo_error(&e))?;
            let body = AttachmentBody {
                visit_id: visit,
                // Decoded above, so this is the JPEG's canonical base64.
                jpeg: d.jpeg.clone(),
                sha256: sync_proto::sha256_hex(&jpeg),
            };
            let line = evidence::timeline_line(&facts);
            let capture = Capture {
                activity,
                ..Capture::new(
                    MutationKind::Attachment,
                    photo_id(visit, i),
                    case,
                    at,
                    body,
                    line,
                )
            };
            Ok(PhotoCapture {
                capture,
                photo: evidence::Photo { jpeg, thumb, facts },
            })
        })
        .collect()
}

/// The photos of a case taken on this device, for the case page.
pub fn views(store: &Store, case: CaseId) -> Result<Vec<PhotoView>, CommandError> {
    Ok(store
        .visit_photos(case)
        .map_err(crate::storage_error)?
        .into_iter()
        .map(|p| PhotoView {
            id: p.id.to_string(),
            visit_id: p.visit_id.to_string(),
            thumb: Base64::encode_string(&p.thumb),
            width: p.width,
            height: p.height,
            bytes: p.bytes,
            state: match p.state {
                Some(OutboxState::Pending) => PhotoState::Waiting,
                Some(OutboxState::Rejected) => PhotoState::Refused,
                Some(OutboxState::Applied) | None => PhotoState::Sent,
            },
            reason: p.error,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn photo_ids_differ_by_visit_and_order_and_repeat() {
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_ne!(photo_id(a, 0), photo_id(a, 1));
        assert_ne!(photo_id(a, 0), photo_id(b, 0));
        assert_eq!(photo_id(a, 3), photo_id(a, 3));
        assert_ne!(photo_id(a, 0), a);
    }
}
