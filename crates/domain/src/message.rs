//! The consultation thread of a case (issue 12): the advisor asks the
//! office, the back office or the team lead answers, the office may mark
//! the thread urgent and close it; a new question reopens it. One thread
//! per case. [`check`] is the one check of a message's text (device and
//! server); the [`Thread`] methods are the one place its state changes.

use chrono::NaiveDateTime;
use uuid::Uuid;

/// The most characters of a message (characters, not bytes).
pub const MAX_MESSAGE_CHARS: usize = 4000;
/// The most messages a thread holds (a case document stays bounded).
pub const MAX_MESSAGES: usize = 500;

/// Why a message's text is refused; its `Display` is the Polish message
/// shown on the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MessageError {
    #[error("Wpisz treść wiadomości.")]
    Empty,
    #[error("Wiadomość może mieć najwyżej 4000 znaków (jest {chars}).")]
    TooLong { chars: usize },
}

/// The one check of a message: its text trimmed, 1 to 4000 characters.
pub fn check(text: &str) -> Result<String, MessageError> {
    let t = text.trim();
    let chars = t.chars().count();
    if chars == 0 {
        Err(MessageError::Empty)
    } else if chars > MAX_MESSAGE_CHARS {
        Err(MessageError::TooLong { chars })
    } else {
        Ok(t.to_owned())
    }
}

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Author {
    Advisor,
    BackOffice,
    TeamLead,
}

impl Author {
    /// Whether this is the office's word (an answer), not the advisor's.
    pub fn is_office(self) -> bool {
        !matches!(self, Author::Advisor)
    }
}

/// One message of a thread.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    /// A question's mutation id, or the answer id the office's client made.
    pub id: Uuid,
    pub author: Author,
    pub author_name: String,
    pub text: String,
    /// The question was sent as urgent.
    pub urgent: bool,
    /// The writer's clock: the device's for a question (its word only),
    /// the server's for an answer.
    pub written_at: NaiveDateTime,
    /// When the server took it.
    pub received_at: NaiveDateTime,
    /// A question: when the office read it; an answer: when the advisor
    /// read it on the device (as the server recorded it).
    pub read_at: Option<NaiveDateTime>,
}

/// Open or closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThreadState {
    #[default]
    Open,
    Closed,
}

/// A case's consultation thread: its messages in order (as the server took
/// them), its state and urgency, and who closed it when.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Thread {
    pub state: ThreadState,
    pub urgent: bool,
    pub messages: Vec<Message>,
    /// Who closed it and when (the last close).
    pub closed: Option<(String, NaiveDateTime)>,
}

/// Why the office cannot do something to a thread.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ThreadError {
    /// An answer to, or a close of, a closed thread.
    #[error("wątek zamknięty przez {by} {at}")]
    Closed { by: String, at: NaiveDateTime },
    /// Nothing to answer: no question was asked.
    #[error("w wątku nie ma pytania")]
    NoQuestion,
    /// The thread holds the most messages it may.
    #[error("wątek ma już {MAX_MESSAGES} wiadomości")]
    Full,
}

impl Thread {
    /// Whether the thread has any message.
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// Whether a message with this id is in the thread.
    pub fn has(&self, id: Uuid) -> bool {
        self.messages.iter().any(|m| m.id == id)
    }

    /// The advisor's question: appended in order; it reopens a closed
    /// thread, and an urgent question makes the thread urgent.
    pub fn ask(&mut self, m: Message) -> Result<(), ThreadError> {
        if self.messages.len() >= MAX_MESSAGES {
            return Err(ThreadError::Full);
        }
        self.urgent |= m.urgent;
        self.state = ThreadState::Open;
        self.messages.push(m);
        Ok(())
    }

    /// The office's answer: refused on a closed thread and on one with no
    /// question; an answer whose id is in the thread already changes
    /// nothing (answers `false`), so a retried answer is recorded once.
    pub fn answer(&mut self, m: Message) -> Result<bool, ThreadError> {
        if self.has(m.id) {
            return Ok(false);
        }
        if let (ThreadState::Closed, Some((by, at))) = (self.state, &self.closed) {
            return Err(ThreadError::Closed {
                by: by.clone(),
                at: *at,
            });
        }
        if !self.messages.iter().any(|q| !q.author.is_office()) {
            return Err(ThreadError::NoQuestion);
        }
        if self.messages.len() >= MAX_MESSAGES {
            return Err(ThreadError::Full);
        }
        self.messages.push(m);
        Ok(true)
    }

    /// The office closes the thread, once; it is no longer urgent.
    pub fn close(&mut self, by: &str, at: NaiveDateTime) -> Result<(), ThreadError> {
        if let (ThreadState::Closed, Some((who, when))) = (self.state, &self.closed) {
            return Err(ThreadError::Closed {
                by: who.clone(),
                at: *when,
            });
        }
        if self.messages.is_empty() {
            return Err(ThreadError::NoQuestion);
        }
        self.state = ThreadState::Closed;
        self.urgent = false;
        self.closed = Some((by.to_owned(), at));
        Ok(())
    }

    /// The office read the thread: the advisor's unread questions are read
    /// at `at`; answers how many changed.
    pub fn read_by_office(&mut self, at: NaiveDateTime) -> usize {
        let mut n = 0;
        for m in &mut self.messages {
            if !m.author.is_office() && m.read_at.is_none() {
                m.read_at = Some(at);
                n += 1;
            }
        }
        n
    }

    /// The advisor read these answers at `at`; an id that is no answer of
    /// the thread is answered as `Err` with the id, and nothing changes.
    pub fn read_answers(&mut self, ids: &[Uuid], at: NaiveDateTime) -> Result<usize, Uuid> {
        if let Some(bad) = ids.iter().find(|id| {
            !self
                .messages
                .iter()
                .any(|m| m.id == **id && m.author.is_office())
        }) {
            return Err(*bad);
        }
        let mut n = 0;
        for m in &mut self.messages {
            if m.author.is_office() && m.read_at.is_none() && ids.contains(&m.id) {
                m.read_at = Some(at);
                n += 1;
            }
        }
        Ok(n)
    }

    /// The office's answers the advisor has not read yet.
    pub fn unread_answers(&self) -> usize {
        self.messages
            .iter()
            .filter(|m| m.author.is_office() && m.read_at.is_none())
            .count()
    }

    /// Open and its last message is the advisor's: the office owes an
    /// answer.
    pub fn unanswered(&self) -> bool {
        self.state == ThreadState::Open
            && self.messages.last().is_some_and(|m| !m.author.is_office())
    }

    /// Urgent and still open: shown first to the office.
    pub fn urgent_open(&self) -> bool {
        self.urgent && self.state == ThreadState::Open
    }

    /// When the server took the last message.
    pub fn last_at(&self) -> Option<NaiveDateTime> {
        self.messages.iter().map(|m| m.received_at).max()
    }
}

/// The first characters of a text for a timeline line or a list.
pub fn preview(text: &str, chars: usize) -> String {
    let mut out: String = text.chars().take(chars).collect();
    if text.chars().count() > chars {
        out.push('…');
    }
    out
}

/// The Polish timeline line of a message.
pub fn timeline_line(m: &Message) -> String {
    let text = preview(&m.text, 200);
    match (m.author, m.urgent) {
        (Author::Advisor, true) => format!("Konsultacja, pytanie do biura (pilne): {text}"),
        (Author::Advisor, false) => format!("Konsultacja, pytanie do biura: {text}"),
        (Author::BackOffice, _) => {
            format!("Konsultacja, odpowiedź biura ({}): {text}", m.author_name)
        }
        (Author::TeamLead, _) => {
            format!(
                "Konsultacja, odpowiedź kierownika zespołu ({}): {text}",
                m.author_name
            )
        }
    }
}

/// The Polish timeline line of a close.
pub fn close_line(by: &str) -> String {
    format!("Konsultacja zamknięta przez {by}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(h: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn msg(n: u128, author: Author, h: u32) -> Message {
        Message {
            id: Uuid::from_u128(n),
            author,
            author_name: "Anna Nowak".into(),
            text: "Czy mogę zgodzić się na 12 rat?".into(),
            urgent: false,
            written_at: at(h),
            received_at: at(h),
            read_at: None,
        }
    }

    #[test]
    fn the_text_is_trimmed_and_counted_in_characters() {
        assert_eq!(check("  Pytanie  ").unwrap(), "Pytanie");
        // 4000 characters pass, whatever their bytes ("ż" is two bytes).
        let four_thousand = "ż".repeat(4000);
        assert_eq!(four_thousand.len(), 8000);
        assert_eq!(check(&four_thousand).unwrap().chars().count(), 4000);
        // Spaces around do not count.
        assert!(check(&format!("  {four_thousand}\n")).is_ok());
        assert_eq!(
            check(&"a".repeat(4001)),
            Err(MessageError::TooLong { chars: 4001 })
        );
        assert_eq!(check(" \n\t "), Err(MessageError::Empty));
        assert_eq!(check(""), Err(MessageError::Empty));
        assert_eq!(
            MessageError::TooLong { chars: 4001 }.to_string(),
            "Wiadomość może mieć najwyżej 4000 znaków (jest 4001)."
        );
        assert_eq!(MessageError::Empty.to_string(), "Wpisz treść wiadomości.");
    }

    #[test]
    fn a_thread_is_asked_answered_read_and_closed() {
        let mut t = Thread::default();
        assert_eq!(
            t.answer(msg(9, Author::BackOffice, 8)),
            Err(ThreadError::NoQuestion)
        );
        t.ask(Message {
            urgent: true,
            ..msg(1, Author::Advisor, 9)
        })
        .unwrap();
        assert!(t.urgent_open() && t.unanswered());
        assert_eq!(t.read_by_office(at(10)), 1);
        assert_eq!(t.read_by_office(at(11)), 0);
        assert_eq!(t.messages[0].read_at, Some(at(10)));
        assert_eq!(t.answer(msg(2, Author::BackOffice, 11)), Ok(true));
        // The same answer again is recorded once.
        assert_eq!(t.answer(msg(2, Author::BackOffice, 12)), Ok(false));
        assert_eq!(t.messages.len(), 2);
        assert!(!t.unanswered());
        assert_eq!(t.unread_answers(), 1);
        assert_eq!(
            t.read_answers(&[Uuid::from_u128(1)], at(13)),
            Err(Uuid::from_u128(1))
        );
        assert_eq!(t.read_answers(&[Uuid::from_u128(2)], at(13)), Ok(1));
        assert_eq!(t.unread_answers(), 0);
        t.close("Biuro Centralne", at(14)).unwrap();
        assert!(!t.urgent_open());
        let closed = ThreadError::Closed {
            by: "Biuro Centralne".into(),
            at: at(14),
        };
        assert_eq!(t.answer(msg(3, Author::TeamLead, 15)), Err(closed.clone()));
        assert_eq!(t.close("Kierownik", at(15)), Err(closed));
        // A new question reopens it.
        t.ask(msg(4, Author::Advisor, 16)).unwrap();
        assert_eq!(t.state, ThreadState::Open);
        assert_eq!(t.answer(msg(5, Author::TeamLead, 17)), Ok(true));
        assert_eq!(t.last_at(), Some(at(17)));
    }

    #[test]
    fn a_thread_holds_at_most_500_messages() {
        let mut t = Thread::default();
        for i in 0..MAX_MESSAGES {
            t.ask(msg(i as u128 + 1, Author::Advisor, 9)).unwrap();
        }
        assert_eq!(
            t.ask(msg(10_000, Author::Advisor, 9)),
            Err(ThreadError::Full)
        );
        assert_eq!(
            t.answer(msg(10_001, Author::BackOffice, 9)),
            Err(ThreadError::Full)
        );
    }

    #[test]
    fn the_timeline_lines_are_polish() {
        let q = Message {
            urgent: true,
            ..msg(1, Author::Advisor, 9)
        };
        assert_eq!(
            timeline_line(&q),
            "Konsultacja, pytanie do biura (pilne): Czy mogę zgodzić się na 12 rat?"
        );
        let a = Message {
            text: "Tak, do 12 rat.".into(),
            author_name: "Ewa Biuro".into(),
            ..msg(2, Author::BackOffice, 10)
        };
        assert_eq!(
            timeline_line(&a),
            "Konsultacja, odpowiedź biura (Ewa Biuro): Tak, do 12 rat."
        );
        assert_eq!(
            close_line("Ewa Biuro"),
            "Konsultacja zamknięta przez Ewa Biuro."
        );
        assert_eq!(preview("abcdef", 3), "abc…");
        assert_eq!(preview("abc", 3), "abc");
    }
}
