//! A note on the case timeline, captured offline and queued for upload.

use crate::capture::{record, Capture};
use crate::invalid;
use api::CommandError;
use chrono::NaiveDateTime;
use domain::CaseId;
use store::Store;
use sync_proto::{kinds, NoteBody};

/// The longest note, in characters.
pub const MAX_NOTE: usize = 4000;

/// Adds a note to the case: it shows on the timeline at once and goes to the
/// outbox in the same transaction, under the mutation id `id`.
pub fn add_note(
    store: &mut Store,
    now: NaiveDateTime,
    id: uuid::Uuid,
    case_id: &str,
    text: &str,
) -> Result<(), CommandError> {
    let case: CaseId = case_id
        .parse()
        .map_err(|_| invalid("case_id", "malformed_id"))?;
    let text = text.trim();
    if text.is_empty() {
        return Err(invalid("note", "empty"));
    }
    if text.chars().count() > MAX_NOTE {
        return Err(invalid("note", "too_long"));
    }
    let body = NoteBody {
        text: text.to_owned(),
    };
    let summary = text.to_owned();
    record(
        store,
        Capture::new(kinds::NOTE, id, case, now, body, summary),
    )
}
