//! The back office's desk (issue #12) as the UI sees it: the portfolio
//! search ("Wyszukiwarka"), one case file as the server holds it, and
//! closing ("Zamknij sprawę", a reason code and a note) and reopening
//! ("Otwórz ponownie") a case. Online only; the server decides.

use crate::error::{Field, Reason};
use crate::labels::Lang;
use crate::types::{
    ActivityView, AddressView, Components, DebtView, PaymentView, PhoneView, Status,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Why the back office closes a case (`domain::closure::CloseReason`): a
/// code, labelled by [`close_reason`], never a text compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseReasonCode {
    PaidInFull,
    Settled,
    WrittenOff,
    Sold,
    Deceased,
    TimeBarredRefused,
    ReturnedToCreditor,
    Unlocatable,
    /// "Inny": a note is required.
    Other,
}

impl CloseReasonCode {
    /// Every reason, in the order of the list on screen.
    pub const ALL: [CloseReasonCode; 9] = [
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

    /// The domain's reason.
    pub fn reason(self) -> domain::closure::CloseReason {
        use domain::closure::CloseReason as R;
        match self {
            Self::PaidInFull => R::PaidInFull,
            Self::Settled => R::Settled,
            Self::WrittenOff => R::WrittenOff,
            Self::Sold => R::Sold,
            Self::Deceased => R::Deceased,
            Self::TimeBarredRefused => R::TimeBarredRefused,
            Self::ReturnedToCreditor => R::ReturnedToCreditor,
            Self::Unlocatable => R::Unlocatable,
            Self::Other => R::Other,
        }
    }

    /// Whether the reason needs a note (the domain's rule).
    pub fn needs_note(self) -> bool {
        self.reason().needs_note()
    }
}

/// A close reason's name on screen.
pub fn close_reason(lang: Lang, r: CloseReasonCode) -> &'static str {
    use CloseReasonCode::*;
    match (lang, r) {
        // The same words as the server's timeline line.
        (Lang::Pl, r) => r.reason().name_pl(),
        (Lang::En, PaidInFull) => "paid in full",
        (Lang::En, Settled) => "settled",
        (Lang::En, WrittenOff) => "written off",
        (Lang::En, Sold) => "sold",
        (Lang::En, Deceased) => "the debtor died",
        (Lang::En, TimeBarredRefused) => "time-barred, the client refuses to pay",
        (Lang::En, ReturnedToCreditor) => "returned to the creditor",
        (Lang::En, Unlocatable) => "the debtor cannot be found",
        (Lang::En, Other) => "other reason",
    }
}

/// The desk's messages for its fields, where there is more to say than
/// "invalid" (`labels::invalid` asks here first).
pub(crate) fn invalid(lang: Lang, f: Field, r: &Reason) -> Option<String> {
    let s = match (lang, f, r) {
        (Lang::Pl, Field::CloseReason, Reason::Required) => "Wybierz powód zamknięcia sprawy.",
        (Lang::En, Field::CloseReason, Reason::Required) => "Choose why the case is closed.",
        (Lang::Pl, Field::CloseNote, Reason::Required) => {
            "Przy powodzie „inny powód” wpisz notatkę: jest wymagana."
        }
        (Lang::En, Field::CloseNote, Reason::Required) => {
            "With \"other reason\" enter a note: it is required."
        }
        (Lang::Pl, Field::CloseNote, Reason::TooLong) => "Notatka może mieć najwyżej 2000 znaków.",
        (Lang::En, Field::CloseNote, Reason::TooLong) => "A note has at most 2000 characters.",
        (Lang::Pl, Field::SearchQuery, Reason::TooLong) => {
            "Wyszukiwana fraza może mieć najwyżej 200 znaków."
        }
        (Lang::En, Field::SearchQuery, Reason::TooLong) => "A search has at most 200 characters.",
        _ => return None,
    };
    Some(s.to_owned())
}

/// A page of the portfolio search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskSearchQuery {
    /// A case number, a name, a PESEL, a phone however typed, a town.
    pub query: String,
    pub offset: u32,
    pub limit: u32,
}

/// One case found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskHit {
    pub case_id: String,
    pub number: String,
    pub name: String,
    /// The last four digits only ("•••••••1234"): the whole number is in
    /// the case file.
    pub pesel: String,
    pub town: String,
    /// `None` for a status this app does not know.
    pub status: Option<Status>,
    pub outstanding: Decimal,
    /// Whether an advisor holds it (a closed case is held by nobody).
    pub assigned: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskSearchPage {
    /// The query this page answers (the screen drops an answer to an
    /// older query).
    pub query: String,
    pub rows: Vec<DeskHit>,
    pub offset: u32,
    /// How many match, counted up to a cap.
    pub total: u32,
    /// Whether more than `total` match.
    pub capped: bool,
    /// The next page's offset, when there is one.
    pub next_offset: Option<u32>,
}

/// The debtor in the back office's case file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskDebtor {
    pub name: String,
    /// The whole PESEL: the case file is where the back office needs it.
    pub pesel: String,
    pub birth_date: Option<chrono::NaiveDate>,
    pub vulnerability: Option<String>,
    pub phones: Vec<PhoneView>,
    pub emails: Vec<String>,
    pub addresses: Vec<AddressView>,
}

/// One case file as the server holds it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskCaseView {
    pub id: String,
    pub number: String,
    pub status: Status,
    pub opened_on: chrono::NaiveDate,
    /// Whether an advisor holds it now (not when closed).
    pub assigned: bool,
    pub debtor: DeskDebtor,
    pub debts: Vec<DebtView>,
    /// Sums over the debts, less the payments.
    pub total: Components,
    pub payments: Vec<PaymentView>,
    /// Visit reports the server received from the field.
    pub visits: u32,
    /// Photos of those visits.
    pub photos: u32,
    /// Contact proposals still waiting for the back office.
    pub open_proposals: u32,
    /// Newest first, with the closing and reopening lines.
    pub timeline: Vec<ActivityView>,
}

/// "Zamknij sprawę".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CloseForm {
    pub case_id: String,
    /// `None` until one is chosen.
    pub reason: Option<CloseReasonCode>,
    pub note: String,
}

/// A page of devices or of users.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskPageQuery {
    pub offset: u32,
    pub limit: u32,
}

/// Whose a device is: the user's role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserRole {
    Advisor,
    TeamLead,
    BackOffice,
    Admin,
}

/// A role's name on screen.
pub fn user_role(lang: Lang, r: UserRole) -> &'static str {
    match (lang, r) {
        (Lang::Pl, UserRole::Advisor) => "doradca",
        (Lang::Pl, UserRole::TeamLead) => "kierownik zespołu",
        (Lang::Pl, UserRole::BackOffice) => "biuro",
        (Lang::Pl, UserRole::Admin) => "administrator",
        (Lang::En, UserRole::Advisor) => "advisor",
        (Lang::En, UserRole::TeamLead) => "team lead",
        (Lang::En, UserRole::BackOffice) => "back office",
        (Lang::En, UserRole::Admin) => "administrator",
    }
}

/// One device in "Urządzenia".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskDevice {
    pub device_id: String,
    pub name: String,
    pub user_id: String,
    pub login: String,
    pub user_name: String,
    pub role: UserRole,
    pub user_disabled: bool,
    pub revoked: bool,
    /// The server's time of its last download; `None`: never synced.
    pub last_sync: Option<chrono::NaiveDateTime>,
    /// Captured changes the server has not taken, as the device reported.
    pub pending: Option<u32>,
    pub app_version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskDevicesPage {
    pub devices: Vec<DeskDevice>,
    pub offset: u32,
    pub next_offset: Option<u32>,
}

/// One user as the desk lists them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskUser {
    pub user_id: String,
    pub login: String,
    pub name: String,
    pub role: UserRole,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskUsersPage {
    pub users: Vec<DeskUser>,
    pub offset: u32,
    pub next_offset: Option<u32>,
}

/// "Zablokuj użytkownika" / "Odblokuj".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UserDisabledForm {
    pub user_id: String,
    pub disabled: bool,
}

/// How a device is revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevokeModeCode {
    /// "Zgubione lub skradzione": wiped at its next call, nothing taken.
    #[default]
    Lost,
    /// "Przekazanie": its pending work is taken first, then it is wiped.
    Handover,
}

/// "Unieważnij": revokes a device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RevokeForm {
    pub device_id: String,
    #[serde(default)]
    pub mode: RevokeModeCode,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_reason_is_the_domains_and_only_other_needs_a_note() {
        let domain: Vec<_> = CloseReasonCode::ALL.iter().map(|r| r.reason()).collect();
        assert_eq!(domain, domain::closure::CloseReason::ALL.to_vec());
        for r in CloseReasonCode::ALL {
            assert_eq!(r.needs_note(), r == CloseReasonCode::Other);
            for lang in [Lang::Pl, Lang::En] {
                assert!(!close_reason(lang, r).is_empty());
            }
        }
        assert_eq!(close_reason(Lang::Pl, CloseReasonCode::Other), "inny powód");
    }

    #[test]
    fn a_missing_note_and_a_missing_reason_are_said_apart_in_polish() {
        use crate::labels::error;
        use crate::CommandError;
        let note = CommandError::invalid(Field::CloseNote, Reason::Required);
        let reason = CommandError::invalid(Field::CloseReason, Reason::Required);
        assert_eq!(
            error(Lang::Pl, &note),
            "Przy powodzie „inny powód” wpisz notatkę: jest wymagana."
        );
        assert_eq!(error(Lang::Pl, &reason), "Wybierz powód zamknięcia sprawy.");
        assert_ne!(error(Lang::En, &note), error(Lang::En, &reason));
        let missing = CommandError::NotFound {
            what: crate::Missing::PortfolioCase,
            key: None,
        };
        assert_eq!(
            error(Lang::Pl, &missing),
            "Nie ma takiej sprawy w portfelu."
        );
    }
}
