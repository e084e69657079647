//! The office's index of consultation threads (issue 12): what a case's
//! thread puts in it, decided once here for every backend; `write_case`
//! keeps it with every write of a case.

use crate::rules::whole_seconds;
use chrono::NaiveDateTime;
use sync_proto::CaseFileDto;
use uuid::Uuid;

/// A case's row in the index.
#[derive(Debug, Clone, PartialEq)]
pub struct ThreadRow {
    pub case_id: Uuid,
    pub advisor_id: Uuid,
    /// Urgent and open.
    pub urgent: bool,
    /// Open, the advisor's message last.
    pub unanswered: bool,
    /// The server's time of the last message (whole seconds).
    pub last_at: NaiveDateTime,
}

/// The row of a case; `None` when it has no thread.
pub fn thread_row(file: &CaseFileDto) -> Option<ThreadRow> {
    let thread = file.thread.as_ref()?.thread();
    let last_at = thread.last_at()?;
    Some(ThreadRow {
        case_id: file.id,
        advisor_id: file.advisor_id,
        urgent: thread.urgent_open(),
        unanswered: thread.unanswered(),
        last_at: whole_seconds(last_at),
    })
}

/// Which page of threads to list: urgent first, then unanswered, then the
/// newest (then by case id), `limit` from `offset`; only the threads of
/// the advisors whose team lead is `lead`, when given.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThreadFilter {
    pub lead: Option<Uuid>,
    pub offset: u32,
    pub limit: u32,
}
