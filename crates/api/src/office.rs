//! The back office's inbox ("Skrzynka", issue #12) as the UI sees it:
//! a page of everything the field sent (newest first, filtered, with the
//! counts per kind), one item with what it is about, and the actions on
//! it — decide a contact proposal's changes, register a settlement, book a
//! door payment, open a signed PDF. Questions are answered through the
//! consultation's commands (`OfficeAnswer`, `OfficeClose`).
//!
//! Every code is a type here, so the screen matches variants and its label
//! tables are exhaustive by the compiler.

use crate::labels::Lang;
use crate::{OfficeThreadView, ProposalView, ReceiptState, Status, VisitContact, VisitOutcome};
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What an inbox item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InboxKindCode {
    Visit,
    Contact,
    Settlement,
    Message,
    DoorPayment,
}

impl InboxKindCode {
    /// In the navigation's order.
    pub const ALL: [InboxKindCode; 5] = [
        Self::Visit,
        Self::Contact,
        Self::Settlement,
        Self::Message,
        Self::DoorPayment,
    ];

    /// The kind as the screen names it (e.g. for element ids).
    pub fn slug(self) -> &'static str {
        match self {
            Self::Visit => "visit",
            Self::Contact => "contact",
            Self::Settlement => "settlement",
            Self::Message => "message",
            Self::DoorPayment => "door-payment",
        }
    }
}

/// Where an inbox item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InboxStateCode {
    /// Not yet handled by the office.
    New,
    /// A contact proposal decided.
    Decided,
    /// A settlement registered.
    Registered,
    /// A door payment booked.
    Booked,
    /// A question answered.
    Answered,
}

impl InboxStateCode {
    pub const ALL: [InboxStateCode; 5] = [
        Self::New,
        Self::Decided,
        Self::Registered,
        Self::Booked,
        Self::Answered,
    ];
}

/// Where the next page starts (handed back as the server gave it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxCursor {
    pub received_at: NaiveDateTime,
    pub id: String,
    pub kind: InboxKindCode,
}

/// A page of the inbox; every filter optional. `from` and `to` are days of
/// receipt (inclusive); `limit` 1 to 100 (the server caps it too).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxQuery {
    #[serde(default)]
    pub kind: Option<InboxKindCode>,
    #[serde(default)]
    pub state: Option<InboxStateCode>,
    /// An advisor's user id.
    #[serde(default)]
    pub advisor: Option<String>,
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    #[serde(default)]
    pub after: Option<InboxCursor>,
    pub limit: u32,
}

/// One line of the inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxRow {
    /// The mutation's id.
    pub id: String,
    pub kind: InboxKindCode,
    pub case_id: String,
    pub advisor_id: String,
    /// The server's time it arrived.
    pub received_at: NaiveDateTime,
    /// The device's time it was made.
    pub device_at: NaiveDateTime,
    /// Debtor's name and the case number.
    pub summary: String,
    pub state: InboxStateCode,
    pub decided_by: Option<String>,
    pub decided_at: Option<NaiveDateTime>,
    /// The advisor's name (empty from an older server).
    #[serde(default)]
    pub advisor_name: String,
    /// Who handled it, by name.
    #[serde(default)]
    pub decided_by_name: Option<String>,
}

/// How many items of a kind the filter (without its kind) finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxCount {
    pub kind: InboxKindCode,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxPage {
    /// Newest first.
    pub items: Vec<InboxRow>,
    /// `None` on the last page.
    pub next: Option<InboxCursor>,
    /// One per kind, in [`InboxKindCode::ALL`]'s order.
    pub counts: Vec<InboxCount>,
}

impl InboxPage {
    /// The count of `kind` (0 when the server gave none).
    pub fn count(&self, kind: InboxKindCode) -> u64 {
        self.counts
            .iter()
            .find(|c| c.kind == kind)
            .map_or(0, |c| c.count)
    }

    /// Every kind together.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|c| c.count).sum()
    }
}

/// One inbox item: its id and its kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItemRequest {
    pub id: String,
    pub kind: InboxKindCode,
}

/// The hash chain of a device's visit reports, as the server judged it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChainState {
    /// The first report of the device, or the previous one's hash.
    Holds,
    /// A report was left out, changed or replayed.
    Broken,
}

/// Where the device was when the visit started.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixView {
    pub lat: f64,
    pub lon: f64,
    pub accuracy_m: f64,
    /// The platform said the position comes from a mock provider.
    pub mock: bool,
}

/// A photo of a visit, without its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoRecordView {
    pub id: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub taken_at: NaiveDateTime,
}

/// A visit report as the server received it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitReportView {
    /// `None`: a code this build does not know.
    pub contact: Option<VisitContact>,
    pub outcome: Option<VisitOutcome>,
    /// A third party in the advisor's words.
    pub who: String,
    pub amount: Option<Decimal>,
    pub due_on: Option<NaiveDate>,
    pub details: Option<String>,
    pub notes: String,
    pub started_at: NaiveDateTime,
    pub ended_at: NaiveDateTime,
    pub received_at: NaiveDateTime,
    pub fix: Option<FixView>,
    pub chain: ChainState,
    /// With a broken chain: the hash the server expected.
    pub expected_prev: Option<String>,
    pub sha256: String,
    pub photos: Vec<PhotoRecordView>,
    /// The report this one corrects.
    pub corrects: Option<String>,
}

/// One change of a contact proposal with the values an edit starts from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeValues {
    pub number: Option<String>,
    pub email: Option<String>,
    pub street: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
}

/// A contact proposal with each change's state; `values` are parallel to
/// `proposal.changes`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactProposalView {
    pub proposal: ProposalView,
    pub values: Vec<ChangeValues>,
}

/// What the server found when it verified a signed settlement again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettlementCheckView {
    /// Why the signature does not verify; `None`: it verifies.
    pub signature_problem: Option<String>,
    pub signer: String,
    pub sha256: String,
    pub hash_matches: bool,
    pub offer_id: Option<String>,
    /// The case's agreements bind the offer it signs.
    pub bound: bool,
    pub amends: Option<String>,
    pub place: String,
    pub pdf_bytes: u64,
    /// Everything the server checks holds.
    pub holds: bool,
}

/// Money at the door: the receipted payment and/or the promise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoorPaymentView {
    pub report: VisitReportView,
    /// The receipt's number, with a receipted payment.
    pub receipt_number: Option<String>,
    /// The amount the server recorded (the receipt's, else the promise's).
    pub amount: Option<Decimal>,
    pub taken_on: Option<NaiveDate>,
    pub receipt_state: Option<ReceiptState>,
    pub booked_on: Option<NaiveDate>,
}

/// What an inbox item is about, by its kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "detail", rename_all = "snake_case")]
pub enum InboxDetailView {
    Visit(VisitReportView),
    Contact(ContactProposalView),
    Settlement(SettlementCheckView),
    Message(OfficeThreadView),
    DoorPayment(DoorPaymentView),
}

/// An inbox item with what it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxItemView {
    pub row: InboxRow,
    pub case_number: String,
    pub debtor: String,
    /// `None`: a status this build does not know.
    pub status: Option<Status>,
    pub detail: InboxDetailView,
}

/// The back office's answer on one change of a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeVerdict {
    /// "Przyjmij": as proposed.
    Accept,
    /// "Popraw i przyjmij": as the back office corrected it.
    AcceptEdited,
    /// "Odrzuć": needs a comment.
    Reject,
}

/// A corrected value of a change; only the fields of the change's kind
/// count (a phone's number, an e-mail, an address's parts).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ContactEdit {
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub street: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
}

/// Decides one change of a contact proposal (the inbox item `item_id`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeDecisionForm {
    /// The proposal's id (its inbox item's).
    pub item_id: String,
    /// The change's index in the proposal.
    pub index: usize,
    pub verdict: ChangeVerdict,
    #[serde(default)]
    pub comment: String,
    /// With [`ChangeVerdict::AcceptEdited`].
    #[serde(default)]
    pub edited: Option<ContactEdit>,
}

/// A signed PDF saved on this device for the system viewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PdfOpened {
    pub path: String,
    /// Handed to the system viewer (not with `PARTNER_NO_OPENER`).
    pub opened: bool,
    pub bytes: u64,
}

/// An inbox kind's name on the screen (the filter chip, the row).
pub fn inbox_kind(lang: Lang, k: InboxKindCode) -> &'static str {
    use InboxKindCode::*;
    match (lang, k) {
        (Lang::Pl, Visit) => "Raport z wizyty",
        (Lang::Pl, Contact) => "Dane kontaktowe",
        (Lang::Pl, Settlement) => "Ugoda",
        (Lang::Pl, Message) => "Pytanie",
        (Lang::Pl, DoorPayment) => "Wpłata w terenie",
        (Lang::En, Visit) => "Visit report",
        (Lang::En, Contact) => "Contact data",
        (Lang::En, Settlement) => "Settlement",
        (Lang::En, Message) => "Question",
        (Lang::En, DoorPayment) => "Door payment",
    }
}

/// An inbox state's name on the screen.
pub fn inbox_state(lang: Lang, s: InboxStateCode) -> &'static str {
    use InboxStateCode::*;
    match (lang, s) {
        (Lang::Pl, New) => "nowe",
        (Lang::Pl, Decided) => "rozstrzygnięte",
        (Lang::Pl, Registered) => "zarejestrowana",
        (Lang::Pl, Booked) => "zaksięgowana",
        (Lang::Pl, Answered) => "odpowiedziano",
        (Lang::En, New) => "new",
        (Lang::En, Decided) => "decided",
        (Lang::En, Registered) => "registered",
        (Lang::En, Booked) => "booked",
        (Lang::En, Answered) => "answered",
    }
}

/// The hash chain's state on the screen.
pub fn chain_state(lang: Lang, c: ChainState) -> &'static str {
    match (lang, c) {
        (Lang::Pl, ChainState::Holds) => "łańcuch raportów ciągły",
        (Lang::Pl, ChainState::Broken) => "łańcuch raportów przerwany",
        (Lang::En, ChainState::Holds) => "report chain intact",
        (Lang::En, ChainState::Broken) => "report chain broken",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_kind_and_state_has_its_own_label_in_both_languages() {
        for lang in [Lang::Pl, Lang::En] {
            let kinds: HashSet<_> = InboxKindCode::ALL
                .iter()
                .map(|k| inbox_kind(lang, *k))
                .collect();
            assert_eq!(kinds.len(), InboxKindCode::ALL.len());
            let states: HashSet<_> = InboxStateCode::ALL
                .iter()
                .map(|s| inbox_state(lang, *s))
                .collect();
            assert_eq!(states.len(), InboxStateCode::ALL.len());
            assert_ne!(
                chain_state(lang, ChainState::Holds),
                chain_state(lang, ChainState::Broken)
            );
        }
        for k in InboxKindCode::ALL {
            let code = serde_json::to_value(k).unwrap();
            assert_ne!(Some(inbox_kind(Lang::Pl, k)), code.as_str());
        }
    }

    #[test]
    fn a_decision_made_before_says_who_and_when_in_polish() {
        let at = NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(9, 5, 0)
            .unwrap();
        let e = crate::CommandError::HandledBefore {
            by: "Biuro Obsługi".into(),
            at: Some(at),
        };
        assert_eq!(
            crate::labels::error(Lang::Pl, &e),
            "Już załatwione: Biuro Obsługi, 03.12.2026 09:05. Decyzja jest ostateczna; \
             pozycja została odświeżona."
        );
        let no_comment =
            crate::CommandError::invalid(crate::Field::InboxComment, crate::Reason::Required);
        assert_eq!(
            crate::labels::error(Lang::Pl, &no_comment),
            "Wpisz komentarz: odrzucenie zmiany wymaga uzasadnienia dla doradcy."
        );
    }

    #[test]
    fn counts_of_a_page() {
        let page = InboxPage {
            items: vec![],
            next: None,
            counts: vec![
                InboxCount {
                    kind: InboxKindCode::Visit,
                    count: 3,
                },
                InboxCount {
                    kind: InboxKindCode::Contact,
                    count: 2,
                },
            ],
        };
        assert_eq!(page.count(InboxKindCode::Contact), 2);
        assert_eq!(page.count(InboxKindCode::Message), 0);
        assert_eq!(page.total(), 5);
    }
}
