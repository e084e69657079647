//! The consultation thread on the wire (issue 12): the "message" mutation
//! (a question of the advisor, [`MessageBody`]), the "message_read"
//! mutation (answers read on the device, [`MessageReadBody`]), the thread
//! on the case document ([`ThreadDto`], `CaseFileDto::thread`) and the
//! office's requests and answers (a paged list of threads, one thread,
//! answer, close, urgent).
//!
//! The case of a question is its mutation's `case_id` and the device's
//! time its `created_at` (the device's word only); the server adds its own
//! `received_at`.

use crate::wire_code;
use chrono::NaiveDateTime;
use domain::message::{Author, Message, Thread, ThreadState};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The body of a "message" mutation: the advisor's question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageBody {
    pub text: String,
    /// The advisor marked it urgent ("Pilne").
    #[serde(default)]
    pub urgent: bool,
}

/// The most answers one "message_read" names.
pub const MAX_READ_IDS: usize = 100;

/// The body of a "message_read" mutation: the office's answers the advisor
/// read on the device (their ids).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageReadBody {
    pub ids: Vec<Uuid>,
}

wire_code! {
    /// Who wrote a message (`domain::message::Author`).
    pub enum AuthorCode {
        Advisor = "advisor",
        BackOffice = "back_office",
        TeamLead = "team_lead",
    }
}

wire_code! {
    /// A thread's state (`domain::message::ThreadState`).
    pub enum ThreadStateCode {
        Open = "open",
        Closed = "closed",
    }
}

impl AuthorCode {
    pub fn of(a: Author) -> AuthorCode {
        match a {
            Author::Advisor => AuthorCode::Advisor,
            Author::BackOffice => AuthorCode::BackOffice,
            Author::TeamLead => AuthorCode::TeamLead,
        }
    }

    pub fn author(&self) -> Option<Author> {
        match self {
            AuthorCode::Advisor => Some(Author::Advisor),
            AuthorCode::BackOffice => Some(Author::BackOffice),
            AuthorCode::TeamLead => Some(Author::TeamLead),
            AuthorCode::Unknown(_) => None,
        }
    }
}

/// One message of a thread as the server recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageDto {
    pub id: Uuid,
    pub author: AuthorCode,
    pub author_name: String,
    pub text: String,
    #[serde(default)]
    pub urgent: bool,
    /// The writer's clock (the device's for a question).
    pub written_at: NaiveDateTime,
    /// The server's clock when it took the message.
    pub received_at: NaiveDateTime,
    /// A question: read by the office at; an answer: read on the device at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_at: Option<NaiveDateTime>,
}

/// A case's consultation thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadDto {
    pub state: ThreadStateCode,
    #[serde(default)]
    pub urgent: bool,
    pub messages: Vec<MessageDto>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<NaiveDateTime>,
}

impl From<&Message> for MessageDto {
    fn from(m: &Message) -> Self {
        MessageDto {
            id: m.id,
            author: AuthorCode::of(m.author),
            author_name: m.author_name.clone(),
            text: m.text.clone(),
            urgent: m.urgent,
            written_at: m.written_at,
            received_at: m.received_at,
            read_at: m.read_at,
        }
    }
}

impl MessageDto {
    /// The domain's message; `None` for an author this build does not know.
    pub fn message(&self) -> Option<Message> {
        Some(Message {
            id: self.id,
            author: self.author.author()?,
            author_name: self.author_name.clone(),
            text: self.text.clone(),
            urgent: self.urgent,
            written_at: self.written_at,
            received_at: self.received_at,
            read_at: self.read_at,
        })
    }
}

impl From<&Thread> for ThreadDto {
    fn from(t: &Thread) -> Self {
        ThreadDto {
            state: match t.state {
                ThreadState::Open => ThreadStateCode::Open,
                ThreadState::Closed => ThreadStateCode::Closed,
            },
            urgent: t.urgent,
            messages: t.messages.iter().map(MessageDto::from).collect(),
            closed_by: t.closed.as_ref().map(|(by, _)| by.clone()),
            closed_at: t.closed.as_ref().map(|(_, at)| *at),
        }
    }
}

impl ThreadDto {
    /// The domain's thread: a message of an unknown author is left out, an
    /// unknown state reads as open.
    pub fn thread(&self) -> Thread {
        Thread {
            state: if self.state == ThreadStateCode::Closed {
                ThreadState::Closed
            } else {
                ThreadState::Open
            },
            urgent: self.urgent,
            messages: self
                .messages
                .iter()
                .filter_map(MessageDto::message)
                .collect(),
            closed: self.closed_by.clone().zip(self.closed_at),
        }
    }
}

/// The office's page of threads: `offset` from the start, `limit` of them
/// (1 to [`MAX_THREAD_PAGE`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadsRequest {
    #[serde(default)]
    pub offset: u32,
    pub limit: u32,
}

/// The most threads in one page.
pub const MAX_THREAD_PAGE: u32 = 100;

/// One thread in the office's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadSummaryDto {
    pub case_id: Uuid,
    pub case_number: String,
    pub debtor: String,
    pub advisor_id: Uuid,
    /// The advisor's name as on their questions.
    pub advisor_name: String,
    pub state: ThreadStateCode,
    pub urgent: bool,
    /// Open and the last message is the advisor's.
    pub unanswered: bool,
    /// The advisor's questions the office has not read.
    pub unread: u32,
    pub messages: u32,
    /// The last message's first characters.
    pub last_text: String,
    pub last_at: NaiveDateTime,
}

/// A page of the office's threads: urgent first, then unanswered, then
/// the newest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadsPage {
    pub threads: Vec<ThreadSummaryDto>,
    /// The offset of the next page; `None` on the last page.
    pub next_offset: Option<u32>,
}

/// One case's thread (the office reads it, answers, closes or marks it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadQuery {
    pub case_id: Uuid,
}

/// A thread with its case, as the office sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadView {
    pub case_id: Uuid,
    pub case_number: String,
    pub debtor: String,
    pub advisor_id: Uuid,
    pub thread: ThreadDto,
    /// The photos of the thread's questions (`visit_id` names the
    /// question), without their bytes.
    #[serde(default)]
    pub photos: Vec<crate::AttachmentRecordDto>,
}

/// The office's answer; `answer_id` is made by the office's client, so a
/// retried answer is recorded once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerRequest {
    pub case_id: Uuid,
    pub answer_id: Uuid,
    pub text: String,
}

/// Marks a thread urgent or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UrgentRequest {
    pub case_id: Uuid,
    pub urgent: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_round_trips_and_an_older_case_has_none() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        let mut t = Thread::default();
        t.ask(Message {
            id: Uuid::from_u128(1),
            author: Author::Advisor,
            author_name: "Anna".into(),
            text: "Pytanie".into(),
            urgent: true,
            written_at: at,
            received_at: at,
            read_at: None,
        })
        .unwrap();
        t.close("Biuro", at).unwrap();
        let dto = ThreadDto::from(&t);
        let json = serde_json::to_value(&dto).unwrap();
        assert_eq!(json["state"], "closed");
        assert_eq!(json["messages"][0]["author"], "advisor");
        let back: ThreadDto = serde_json::from_value(json).unwrap();
        assert_eq!(back.thread(), t);
        let body: MessageBody = serde_json::from_str(r#"{"text":"x"}"#).unwrap();
        assert!(!body.urgent);
    }
}
