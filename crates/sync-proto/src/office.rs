//! The back office's inbox on the wire (issue #12): everything the field
//! sent, paged, filtered and decided once (`office_paths`).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::wire_code! {
    /// What an inbox item is.
    pub enum InboxKind {
        /// A visit report.
        Visit = "visit",
        /// A proposal of contact data.
        Contact = "contact",
        /// A settlement signed at the door.
        Settlement = "settlement",
        /// A question to the office.
        Message = "message",
        /// A payment taken or promised at the door (a visit with a receipt or a promise).
        DoorPayment = "door_payment",
    }
}

impl InboxKind {
    /// Every known kind, in the navigation's order.
    pub const ALL: [InboxKind; 5] = [
        InboxKind::Visit,
        InboxKind::Contact,
        InboxKind::Settlement,
        InboxKind::Message,
        InboxKind::DoorPayment,
    ];
}

crate::wire_code! {
    /// Where an inbox item stands.
    pub enum InboxState {
        /// Not yet handled by the office.
        New = "new",
        /// A contact proposal decided.
        Decided = "decided",
        /// A settlement registered.
        Registered = "registered",
        /// A door payment booked.
        Booked = "booked",
        /// A question answered.
        Answered = "answered",
    }
}

/// One line of the inbox's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxItemDto {
    /// The mutation's id.
    pub id: Uuid,
    pub kind: InboxKind,
    pub case_id: Uuid,
    pub advisor_id: Uuid,
    /// The server's time it arrived (whole seconds).
    pub received_at: NaiveDateTime,
    /// The device's time it was made.
    pub device_at: NaiveDateTime,
    /// Debtor's name and the case number.
    pub summary: String,
    pub state: InboxState,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<NaiveDateTime>,
    /// The advisor's name, filled in by the server as it answers (empty
    /// from the storage, or from an older server).
    #[serde(default)]
    pub advisor_name: String,
    /// Who handled it, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_by_name: Option<String>,
}

/// Where a page of the inbox starts: after this item (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxCursor {
    pub received_at: NaiveDateTime,
    pub id: Uuid,
}

/// The most items in one page, whatever is asked.
pub const INBOX_PAGE_MAX: u32 = 100;

/// The inbox's endpoints (POST, JSON, back office and admin only).
pub mod office_paths {
    /// [`super::InboxRequest`] → [`super::InboxPageDto`].
    pub const INBOX: &str = "/api/v1/office/inbox";
    /// [`super::InboxItemQuery`] → [`super::InboxDetailDto`].
    pub const INBOX_ITEM: &str = "/api/v1/office/inbox/item";
    /// [`super::InboxHandleRequest`] → [`super::InboxDetailDto`]: registers
    /// a settlement (after the server verified it again) or books a door
    /// payment (at the amount the server recorded), once (409 after).
    /// Contact proposals are decided through `CONTACTS_DECIDE` and
    /// questions answered through the thread's answer; either marks its
    /// inbox item in the same transaction.
    pub const INBOX_HANDLE: &str = "/api/v1/office/inbox/handle";
    /// The back office's endpoints the inbox acts through besides its own
    /// (the server's `admin_paths::CONTACTS_DECIDE`, `SETTLEMENT` and
    /// `RECEIPT`; `tests/ui.rs` checks they are the same strings):
    /// `DecideContactRequest` → `ContactRecordDto`.
    pub const CONTACTS_DECIDE: &str = "/api/v1/admin/contacts/decide";
    /// `{"id": <the settlement's mutation id>}` → the signed PDF's bytes.
    pub const SETTLEMENT_PDF: &str = "/api/v1/admin/settlement";
    /// `{"id": <the visit report's mutation id>}` → the door receipt's PDF.
    pub const RECEIPT_PDF: &str = "/api/v1/admin/receipt";
}

/// Where the next page of the inbox starts: after this item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxAfter {
    pub received_at: NaiveDateTime,
    pub id: Uuid,
    pub kind: InboxKind,
}

/// A page of the inbox, newest first; every filter optional. `from` and
/// `to` are days of receipt (inclusive), `limit` 1 to 100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<InboxKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advisor: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<InboxState>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<chrono::NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<InboxAfter>,
    #[serde(default = "default_inbox_limit")]
    pub limit: u32,
}

fn default_inbox_limit() -> u32 {
    50
}

impl Default for InboxRequest {
    fn default() -> Self {
        InboxRequest {
            kind: None,
            advisor: None,
            state: None,
            from: None,
            to: None,
            after: None,
            limit: default_inbox_limit(),
        }
    }
}

/// How many items of a kind the filter (without its kind) finds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxCountDto {
    pub kind: InboxKind,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxPageDto {
    pub items: Vec<InboxItemDto>,
    /// `None` on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<InboxAfter>,
    /// One per kind, in [`InboxKind::ALL`]'s order.
    pub counts: Vec<InboxCountDto>,
}

/// One item of the inbox (its mutation's id and its kind).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItemQuery {
    pub id: Uuid,
    pub kind: InboxKind,
}

/// Registers a settlement or books a door payment.
pub type InboxHandleRequest = InboxItemQuery;

/// What the server found when it verified a signed settlement again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettlementCheckDto {
    /// Why the signature does not verify (its certificate chained to the
    /// server's CA and valid when it was signed); `None`: it verifies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature_problem: Option<String>,
    /// The signing device's certificate subject.
    pub signer: String,
    /// SHA-256 of the PDF as stored (hex), and whether it is the hash the
    /// device recorded.
    pub sha256: String,
    pub hash_matches: bool,
    /// The offer it signs, and whether the case's agreements bind it.
    pub offer_id: Option<Uuid>,
    pub bound: bool,
    /// An amendment: the agreement it amends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<Uuid>,
    pub place: String,
    /// The PDF's size in bytes (the file itself: `admin_paths::SETTLEMENT`).
    pub pdf_bytes: u64,
}

impl SettlementCheckDto {
    /// Everything the server checks holds.
    pub fn holds(&self) -> bool {
        self.signature_problem.is_none() && self.hash_matches && self.bound
    }
}

/// What an inbox item is about, by its kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "detail", rename_all = "snake_case")]
pub enum InboxDetail {
    /// The report as received, with its chain check and its photos
    /// (without their bytes: `admin_paths::ATTACHMENTS`).
    Visit {
        report: crate::VisitRecordDto,
        photos: Vec<crate::AttachmentRecordDto>,
    },
    /// The proposal with each change's state.
    Contact {
        record: crate::ContactRecordDto,
    },
    Settlement {
        check: SettlementCheckDto,
    },
    /// The case's thread as it stands.
    Message {
        thread: crate::ThreadDto,
        /// The photos of its questions, without their bytes.
        #[serde(default)]
        photos: Vec<crate::AttachmentRecordDto>,
    },
    /// The money at the door: a receipted payment (`field`) and/or a
    /// promise the report made.
    DoorPayment {
        report: crate::VisitRecordDto,
        field: Option<crate::FieldPaymentDto>,
    },
}

/// An inbox item with what it is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxDetailDto {
    pub item: InboxItemDto,
    pub case_number: String,
    pub debtor: String,
    /// The case's status code (`domain::CaseStatus`).
    pub status: String,
    pub detail: InboxDetail,
}
