//! A note on the case timeline, captured offline and queued for upload.

use crate::capture::{record, Capture};
use api::{CommandError, Field, Reason};
use chrono::NaiveDateTime;
use domain::CaseId;
use store::Store;
use sync_proto::{MutationKind, NoteBody};

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
        .map_err(|_| CommandError::invalid(Field::CaseId, Reason::MalformedId))?;
    let text = text.trim();
    if text.is_empty() {
        return Err(CommandError::invalid(Field::Note, Reason::Empty));
    }
    if text.chars().count() > MAX_NOTE {
        return Err(CommandError::invalid(Field::Note, Reason::TooLong));
    }
    let body = NoteBody {
        text: text.to_owned(),
    };
    let summary = text.to_owned();
    record(
        store,
        Capture::new(MutationKind::Note, id, case, now, body, summary),
    )
}
