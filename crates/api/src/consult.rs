//! The consultation thread (issue 12) as the UI sees it: the advisor's
//! thread on a case ("Konsultacja z biurem"), the list of threads
//! ("Wiadomości"), and the office's paged list, one thread, answer, close
//! and urgent ("Konsultacje").

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageAuthor {
    Advisor,
    BackOffice,
    TeamLead,
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageState {
    /// A question waiting on the device for the next sync.
    Queued,
    /// A question the server took.
    Delivered,
    /// A question the office read.
    ReadByOffice,
    /// A question the server refused: its reason, and it can be sent again.
    Rejected,
    /// An answer the advisor has not opened yet.
    Unread,
    /// An answer the advisor read.
    Read,
}

impl MessageState {
    pub const ALL: [MessageState; 6] = [
        MessageState::Queued,
        MessageState::Delivered,
        MessageState::ReadByOffice,
        MessageState::Rejected,
        MessageState::Unread,
        MessageState::Read,
    ];
}

/// One message of a thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: String,
    pub author: MessageAuthor,
    pub author_name: String,
    pub text: String,
    pub urgent: bool,
    /// The writer's clock (the device's for a question).
    pub written_at: NaiveDateTime,
    /// The server's clock; none while queued.
    pub received_at: Option<NaiveDateTime>,
    pub read_at: Option<NaiveDateTime>,
    pub state: MessageState,
    /// Why the server refused it.
    pub reason: Option<String>,
    /// How many photos it carries.
    #[serde(default)]
    pub photos: u32,
}

/// A case's thread on the device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadPanel {
    pub case_id: String,
    pub case_number: String,
    pub debtor: String,
    pub open: bool,
    pub urgent: bool,
    pub closed_by: Option<String>,
    pub closed_at: Option<NaiveDateTime>,
    /// In order: the server's thread, then what waits on the device.
    pub messages: Vec<MessageView>,
    /// Answers not read yet.
    pub unread: u32,
}

/// A question to the office (offline; queued).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AskForm {
    pub case_id: String,
    pub text: String,
    /// "Pilne".
    pub urgent: bool,
    /// Photos prepared by `PreparePhoto` (at most `evidence::MAX_PER_VISIT`),
    /// each queued after the question.
    #[serde(default)]
    pub photos: Vec<crate::PhotoDraft>,
}

/// A question saved on the device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageSaved {
    pub id: String,
    /// Its timeline line.
    pub line: String,
}

/// Sends a refused question again: its text as it was, as a new question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResendRequest {
    /// The refused question's id.
    pub message_id: String,
}

/// One thread in "Wiadomości".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadRow {
    pub case_id: String,
    pub case_number: String,
    pub debtor: String,
    pub open: bool,
    pub urgent: bool,
    pub unread: u32,
    /// Questions waiting on the device or refused.
    pub waiting: u32,
    pub last_text: String,
    pub last_at: NaiveDateTime,
}

/// A page of the office's threads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeThreadsQuery {
    pub offset: u32,
    pub limit: u32,
}

/// One thread in the office's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeThreadRow {
    pub case_id: String,
    pub case_number: String,
    pub debtor: String,
    pub advisor_name: String,
    pub open: bool,
    pub urgent: bool,
    pub unanswered: bool,
    /// Questions the office has not read.
    pub unread: u32,
    pub messages: u32,
    pub last_text: String,
    pub last_at: NaiveDateTime,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeThreadsPage {
    pub threads: Vec<OfficeThreadRow>,
    pub next_offset: Option<u32>,
}

/// A case's thread as the office sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeThreadView {
    pub case_id: String,
    pub case_number: String,
    pub debtor: String,
    pub open: bool,
    pub urgent: bool,
    pub closed_by: Option<String>,
    pub closed_at: Option<NaiveDateTime>,
    pub messages: Vec<MessageView>,
}

/// The office's answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeAnswerForm {
    pub case_id: String,
    pub text: String,
}

/// Marks a thread urgent or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficeUrgentForm {
    pub case_id: String,
    pub urgent: bool,
}
