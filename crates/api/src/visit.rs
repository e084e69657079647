//! The visit report's commands and codes (issue 11): the form the visit
//! screen sends, what it gets back, and the codes of the two axes with the
//! domain's rule of which results a contact allows.

use crate::Status;
use domain::visit::{allowed, ContactKind, ResultKind};
use serde::{Deserialize, Serialize};

/// Whom the advisor reached (`domain::visit::ContactKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitContact {
    RightParty,
    ThirdParty,
    Nobody,
    AddressInvalid,
    Deceased,
}

/// Which third party, why nobody, what is wrong with the address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitDetail {
    HouseholdMember,
    Neighbour,
    Other,
    NotAtHome,
    NoAnswer,
    Moved,
    WrongAddress,
    Empty,
    Demolished,
}

/// What came of the visit (`domain::visit::ResultKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitOutcome {
    PromiseToPay,
    PaidAtDoor,
    SettlementSigned,
    Refused,
    Dispute,
    Hardship,
    Revisit,
    Nothing,
}

/// How a promised payment will be made (`domain::visit::PayChannel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromiseChannel {
    BankTransfer,
    PostOffice,
    Online,
    Cash,
}

impl VisitContact {
    pub const ALL: [VisitContact; 5] = [
        Self::RightParty,
        Self::ThirdParty,
        Self::Nobody,
        Self::AddressInvalid,
        Self::Deceased,
    ];

    pub fn kind(self) -> ContactKind {
        match self {
            Self::RightParty => ContactKind::RightParty,
            Self::ThirdParty => ContactKind::ThirdParty,
            Self::Nobody => ContactKind::Nobody,
            Self::AddressInvalid => ContactKind::AddressInvalid,
            Self::Deceased => ContactKind::Deceased,
        }
    }

    /// The details the screen offers with this contact (empty: none).
    pub fn details(self) -> &'static [VisitDetail] {
        use VisitDetail::*;
        match self {
            Self::ThirdParty => &[HouseholdMember, Neighbour, Other],
            Self::Nobody => &[NotAtHome, NoAnswer],
            Self::AddressInvalid => &[Moved, WrongAddress, Empty, Demolished],
            Self::RightParty | Self::Deceased => &[],
        }
    }

    /// The results this contact allows (`domain::visit::allowed`).
    pub fn outcomes(self) -> Vec<VisitOutcome> {
        VisitOutcome::ALL
            .into_iter()
            .filter(|o| allowed(self.kind(), o.kind()))
            .collect()
    }
}

impl VisitOutcome {
    pub const ALL: [VisitOutcome; 8] = [
        Self::PromiseToPay,
        Self::PaidAtDoor,
        Self::SettlementSigned,
        Self::Refused,
        Self::Dispute,
        Self::Hardship,
        Self::Revisit,
        Self::Nothing,
    ];

    pub fn kind(self) -> ResultKind {
        match self {
            Self::PromiseToPay => ResultKind::PromiseToPay,
            Self::PaidAtDoor => ResultKind::PaidAtDoor,
            Self::SettlementSigned => ResultKind::SettlementSigned,
            Self::Refused => ResultKind::Refused,
            Self::Dispute => ResultKind::Dispute,
            Self::Hardship => ResultKind::Hardship,
            Self::Revisit => ResultKind::Revisit,
            Self::Nothing => ResultKind::Nothing,
        }
    }
}

impl PromiseChannel {
    pub const ALL: [PromiseChannel; 4] = [
        Self::BankTransfer,
        Self::PostOffice,
        Self::Online,
        Self::Cash,
    ];
}

/// The start of a visit: the device's time when the advisor opened the
/// visit screen, sent back with the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitStart {
    pub case_id: String,
    pub started_at: chrono::NaiveDateTime,
    /// The case's status now, for the screen's header.
    pub status: Status,
}

/// The visit screen's form. Texts are as typed; the amount in Polish
/// format ("1 234,56"); fields the chosen result does not use are ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct VisitForm {
    pub case_id: String,
    pub contact: Option<VisitContact>,
    pub detail: Option<VisitDetail>,
    #[serde(default)]
    pub who: String,
    pub outcome: Option<VisitOutcome>,
    #[serde(default)]
    pub amount: String,
    pub due_on: Option<chrono::NaiveDate>,
    pub channel: Option<PromiseChannel>,
    #[serde(default)]
    pub receipt: String,
    /// The settlement signed during the visit (its id).
    pub settlement_id: Option<String>,
    /// A refusal's reason, what is disputed, the hardship noticed.
    #[serde(default)]
    pub details: String,
    pub revisit_on: Option<chrono::NaiveDate>,
    pub window_from: Option<chrono::NaiveTime>,
    pub window_until: Option<chrono::NaiveTime>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub next_step: String,
    pub follow_up: Option<chrono::NaiveDate>,
    /// From [`VisitStart::started_at`].
    pub started_at: Option<chrono::NaiveDateTime>,
    /// The report (its id) this one corrects.
    pub corrects: Option<String>,
    /// With a payment at the door: the client's signature on the receipt,
    /// if the client signed on the pad.
    #[serde(default)]
    pub receipt_strokes: Option<crate::SignatureStrokes>,
    /// The photos taken for the report, as [`PreparePhoto`](crate::PreparePhoto)
    /// made them, in order (at most `evidence::MAX_PER_VISIT`).
    #[serde(default)]
    pub photos: Vec<PhotoDraft>,
    /// With the debtor in person: the doorstep identity check as
    /// confirmed on the screen (issue 14).
    #[serde(default)]
    pub identity: Option<IdentityForm>,
}

/// Which fact the person at the door told besides the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum IdentityFactCode {
    /// The birth date, typed "15.07.1985".
    #[default]
    BirthDate,
    /// The last four digits of the PESEL.
    PeselEnd,
}

impl IdentityFactCode {
    pub const ALL: [IdentityFactCode; 2] = [Self::BirthDate, Self::PeselEnd];
}

/// The doorstep identity check as typed: the name the person gave and one
/// fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct IdentityForm {
    pub case_id: String,
    pub name: String,
    pub fact: IdentityFactCode,
    pub value: String,
}

/// What the visit screen shows once the debtor is confirmed: the debt,
/// the creditor and the recent history. Never sent for a third party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DoorCase {
    pub creditor: String,
    /// The outstanding balance, Polish format ("1 234,56 zł").
    pub outstanding: String,
    /// The newest timeline lines, newest first (at most 5).
    pub history: Vec<String>,
}

/// A file the advisor chose or took with the camera, as read by the UI.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PhotoFile {
    /// The file's name, for nothing but the screen.
    #[serde(default)]
    pub name: String,
    /// The file's bytes, base64.
    pub data: String,
}

/// A photo downscaled on the device, ready to go with a report: the JPEG
/// (longest side at most 1 600 px, at most 500 KB) and its thumbnail,
/// both base64.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PhotoDraft {
    pub jpeg: String,
    pub thumb: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
}

/// Where a photo taken on this device stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhotoState {
    /// In the outbox, waiting for the next sync.
    Waiting,
    /// The server took it.
    Sent,
    /// The server refused it (the reason is with it).
    Refused,
}

/// A photo of a visit on the case page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhotoView {
    pub id: String,
    /// The visit report it belongs to.
    pub visit_id: String,
    /// The thumbnail (JPEG, base64).
    pub thumb: String,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub state: PhotoState,
    /// The server's reason, when it refused the photo.
    #[serde(default)]
    pub reason: Option<String>,
}

/// A saved visit report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitSaved {
    /// The report's id (its timeline line's too).
    pub id: String,
    /// Its timeline line.
    pub line: String,
    /// The case's status after it.
    pub status: Status,
    /// Whether the device had a position fix (none on desktop).
    pub fix: bool,
    /// How many photos were saved with it.
    #[serde(default)]
    pub photos: usize,
    /// With a payment at the door: its signed receipt.
    #[serde(default)]
    pub receipt: Option<ReceiptView>,
}

/// Where money taken at the door stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptState {
    /// Przyjęta w terenie: not booked by the back office yet.
    Field,
    /// Booked: a payment of the case.
    Booked,
}

/// The receipt of a payment at the door (potwierdzenie wpłaty), as the
/// case and the visit screen show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptView {
    /// The visit report's id.
    pub id: String,
    /// e.g. "KP/2026/11/8DEE575855".
    pub number: String,
    pub amount: rust_decimal::Decimal,
    /// The amount in Polish words, as the receipt states it.
    pub words: String,
    pub taken_on: chrono::NaiveDate,
    pub state: ReceiptState,
    /// Where the client's copy was saved on the device, when it was.
    #[serde(default)]
    pub saved_to: Option<String>,
}

/// A visit report saved on this device, as the case lists it for a
/// correction (a report is final; a correction is a new report naming it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    /// The report's id (its timeline line's too).
    pub id: String,
    pub saved_at: chrono::NaiveDateTime,
    /// Its timeline line.
    pub line: String,
}
