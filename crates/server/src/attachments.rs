//! A photo uploaded by a device ("attachment" mutation), judged alone: of a
//! visit's evidence (issue 11) or of a question to the office (issue 12).
//! What it belongs to must be a report the server holds on the same case,
//! or a question of the advisor's in the case's thread (never the office's
//! answer); each may carry at most `evidence::MAX_PER_VISIT` photos, and the bytes must be a JPEG within
//! the limits as `evidence::check` — the device's own check — reads them
//! from the JPEG's header, with the SHA-256 the device recorded. Nothing
//! the device says about size or dimensions is taken. The server writes
//! the timeline line and keeps the photo's record on the case; the bytes
//! stay in the applied mutation's stored body (as a settlement's PDF).

use crate::offers::{recent, Refusal};
use serde::Deserialize;
use server_storage::Effect;
use sync_proto::*;

/// What a photo does to its case (already checked to be the advisor's and
/// open), judged at the server's `now`.
pub fn effect(
    advisor: &str,
    m: &Mutation,
    mut file: CaseFileDto,
    now: chrono::NaiveDateTime,
) -> Result<Effect, Refusal> {
    let invalid = |reason: String| Err((RejectCode::InvalidAttachment, reason));
    // Read from the body in place: a photo's body is large.
    let body = AttachmentBody::deserialize(&m.body)
        .map_err(|e| (RejectCode::InvalidBody, format!("malformed photo: {e}")))?;
    recent(m.created_at, now, "a photo")?;
    let of_visit = file.visits.iter().any(|v| v.id == body.visit_id);
    let of_question = file.thread.as_ref().is_some_and(|t| {
        t.messages
            .iter()
            .any(|q| q.id == body.visit_id && q.author == AuthorCode::Advisor)
    });
    if !of_visit && !of_question {
        return Err((
            RejectCode::UnknownVisit,
            format!(
                "{} nie jest raportem wizyty ani pytaniem doradcy w tej sprawie ({}).",
                body.visit_id, file.number
            ),
        ));
    }
    let activity = if of_visit {
        domain::ActivityKind::Visit
    } else {
        domain::ActivityKind::Note
    };
    let existing = file
        .attachments
        .iter()
        .filter(|a| a.visit_id == body.visit_id)
        .count();
    if let Err(e) = evidence::may_add(existing) {
        return Err((RejectCode::TooManyAttachments, e.polish()));
    }
    let Some(jpeg) = body.jpeg_bytes() else {
        return invalid("Zdjęcie nie jest zapisane w base64.".into());
    };
    let facts = match evidence::check(&jpeg) {
        Ok(f) => f,
        Err(e) => return invalid(e.polish()),
    };
    if sha256_hex(&jpeg) != body.sha256 {
        return invalid("Skrót SHA-256 nie zgadza się z treścią zdjęcia.".into());
    }
    file.activities.push(ActivityDto {
        id: m.id,
        at: m.created_at,
        kind: activity.code().to_owned(),
        author: advisor.to_owned(),
        summary: evidence::timeline_line(&facts),
        received_at: Some(now),
    });
    file.attachments.push(AttachmentRecordDto {
        id: m.id,
        visit_id: body.visit_id,
        width: facts.width,
        height: facts.height,
        bytes: facts.bytes as u64,
        sha256: body.sha256,
        taken_at: m.created_at,
        received_at: now,
    });
    Ok(Effect::case(file))
}
