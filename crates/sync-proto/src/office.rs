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
}

/// Where a page of the inbox starts: after this item (newest first).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxCursor {
    pub received_at: NaiveDateTime,
    pub id: Uuid,
}

/// The most items in one page, whatever is asked.
pub const INBOX_PAGE_MAX: u32 = 100;
