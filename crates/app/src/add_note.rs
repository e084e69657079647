//! A note on the case timeline, captured offline and queued for upload.

use crate::storage_error;
use api::{CommandError, Field, Reason};
use chrono::NaiveDateTime;
use domain::{Activity, ActivityId, ActivityKind, CaseId};
use store::{Captured, Store};
use sync_proto::{kinds, Mutation, NoteBody};

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
    let author = store
        .advisors()
        .map_err(storage_error)?
        .first()
        .map_or_else(|| "Doradca".to_owned(), |a| a.name.clone());
    let mutation = Mutation {
        id,
        case_id: case.0,
        created_at: now,
        kind: sync_proto::MutationKind::Note,
        body: serde_json::to_value(NoteBody {
            text: text.to_owned(),
        })
        .map_err(|e| CommandError::Storage {
            message: e.to_string(),
        })?,
    };
    let payload = serde_json::to_string(&mutation).map_err(|e| CommandError::Storage {
        message: e.to_string(),
    })?;
    store
        .capture_activity(
            &Activity {
                id: ActivityId(id),
                case_id: case,
                at: now,
                kind: ActivityKind::Note,
                author,
                summary: text.to_owned(),
            },
            &Captured {
                mutation_id: id,
                kind: kinds::NOTE.into(),
                case_id: case,
                payload,
                created_at: now,
            },
        )
        .map_err(storage_error)
}
