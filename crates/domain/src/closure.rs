//! Closing and reopening a case (issue #12): why the back office closed it.
//! The status change itself goes through [`crate::status::transition`],
//! which lets only the back office close or reopen.

use crate::status::{transition, Actor, CaseStatus, TransitionError};

/// Why a case was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CloseReason {
    /// Spłacona w całości.
    PaidInFull,
    /// Zakończona ugodą.
    Settled,
    /// Umorzona (spisana).
    WrittenOff,
    /// Sprzedana innemu nabywcy.
    Sold,
    /// Dłużnik zmarł.
    Deceased,
    /// Przedawniona, klient odmawia.
    TimeBarredRefused,
    /// Zwrócona wierzycielowi.
    ReturnedToCreditor,
    /// Dłużnik nieustalony.
    Unlocatable,
    /// Inny powód: a note is required.
    Other,
}

/// The longest note kept with a closure, in characters.
pub const MAX_CLOSE_NOTE_CHARS: usize = 2_000;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CloseError {
    #[error("the reason \"other\" needs a note")]
    NoteRequired,
    #[error("the note is longer than {MAX_CLOSE_NOTE_CHARS} characters")]
    NoteTooLong,
    #[error(transparent)]
    Transition(#[from] TransitionError),
}

impl CloseReason {
    pub const ALL: [CloseReason; 9] = [
        Self::PaidInFull,
        Self::Settled,
        Self::WrittenOff,
        Self::Sold,
        Self::Deceased,
        Self::TimeBarredRefused,
        Self::ReturnedToCreditor,
        Self::Unlocatable,
        Self::Other,
    ];

    /// A stable code for storage and the wire.
    pub fn code(self) -> &'static str {
        match self {
            Self::PaidInFull => "paid_in_full",
            Self::Settled => "settled",
            Self::WrittenOff => "written_off",
            Self::Sold => "sold",
            Self::Deceased => "deceased",
            Self::TimeBarredRefused => "time_barred_refused",
            Self::ReturnedToCreditor => "returned_to_creditor",
            Self::Unlocatable => "unlocatable",
            Self::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn needs_note(self) -> bool {
        self == Self::Other
    }

    /// The reason as the case's timeline says it (timeline lines are
    /// worded in Polish; the UI labels the code in either language).
    pub fn name_pl(self) -> &'static str {
        match self {
            Self::PaidInFull => "spłacona w całości",
            Self::Settled => "zakończona ugodą",
            Self::WrittenOff => "umorzona",
            Self::Sold => "sprzedana",
            Self::Deceased => "dłużnik zmarł",
            Self::TimeBarredRefused => "przedawniona, klient odmawia zapłaty",
            Self::ReturnedToCreditor => "zwrócona wierzycielowi",
            Self::Unlocatable => "dłużnik nieustalony",
            Self::Other => "inny powód",
        }
    }
}

/// Checks closing a case in `status` by `actor` for `reason` with `note`
/// (trimmed; empty means none) and returns the note to keep.
pub fn close(
    status: CaseStatus,
    actor: Actor,
    reason: CloseReason,
    note: &str,
) -> Result<Option<String>, CloseError> {
    transition(status, CaseStatus::Closed, actor)?;
    let note = note.trim();
    if note.chars().count() > MAX_CLOSE_NOTE_CHARS {
        return Err(CloseError::NoteTooLong);
    }
    if note.is_empty() {
        if reason.needs_note() {
            return Err(CloseError::NoteRequired);
        }
        return Ok(None);
    }
    Ok(Some(note.to_owned()))
}

/// Checks reopening a closed case by `actor`: a reopened case starts anew.
pub fn reopen(status: CaseStatus, actor: Actor) -> Result<CaseStatus, TransitionError> {
    transition(status, CaseStatus::New, actor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in CloseReason::ALL {
            assert_eq!(CloseReason::from_code(r.code()), Some(r));
        }
        assert_eq!(CloseReason::from_code("paid"), None);
    }

    #[test]
    fn only_the_back_office_closes_and_reopens() {
        use CaseStatus::*;
        assert_eq!(
            close(Paying, Actor::BackOffice, CloseReason::PaidInFull, ""),
            Ok(None)
        );
        for actor in [Actor::Advisor, Actor::TeamLead, Actor::System] {
            assert!(matches!(
                close(Visited, actor, CloseReason::PaidInFull, ""),
                Err(CloseError::Transition(TransitionError::Forbidden { .. }))
            ));
            assert!(reopen(Closed, actor).is_err());
        }
        assert_eq!(reopen(Closed, Actor::BackOffice), Ok(New));
    }

    #[test]
    fn closing_twice_or_reopening_an_open_case_is_refused() {
        use CaseStatus::*;
        assert_eq!(
            close(Closed, Actor::BackOffice, CloseReason::Sold, ""),
            Err(CloseError::Transition(TransitionError::Unchanged(Closed)))
        );
        assert!(reopen(Visited, Actor::BackOffice).is_err());
    }

    #[test]
    fn other_needs_a_note_and_notes_are_bounded() {
        let s = CaseStatus::New;
        let a = Actor::BackOffice;
        assert_eq!(
            close(s, a, CloseReason::Other, "  "),
            Err(CloseError::NoteRequired)
        );
        assert_eq!(
            close(s, a, CloseReason::Other, " klient wyjechał "),
            Ok(Some("klient wyjechał".into()))
        );
        let long = "x".repeat(MAX_CLOSE_NOTE_CHARS + 1);
        assert_eq!(
            close(s, a, CloseReason::Deceased, &long),
            Err(CloseError::NoteTooLong)
        );
    }
}
