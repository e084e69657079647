//! Contact data as proposals (issue 11): the form the case page and the
//! visit screen send, what they get back, and the proposals as the case
//! page shows them, each change with its state ("zaproponowane" until the
//! back office decides).

use crate::{AddressKind, ConsentKind};
use serde::{Deserialize, Serialize};

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactChangeKind {
    Phone,
    Email,
    Address,
    Consent,
}

/// A phone's mark (`domain::PhoneMark`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PhoneMarkCode {
    WrongNumber,
    NotInService,
}

/// How a consent was captured (`domain::contact::ConsentMethod`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentMethodCode {
    InPerson,
    Written,
    Phone,
    Electronic,
}

/// The back office's answer on one change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProposalState {
    /// Zaproponowane: waits for the back office.
    Proposed,
    Accepted,
    Rejected,
}

impl PhoneMarkCode {
    pub const ALL: [PhoneMarkCode; 2] = [Self::WrongNumber, Self::NotInService];
}

impl ConsentMethodCode {
    pub const ALL: [ConsentMethodCode; 4] =
        [Self::InPerson, Self::Written, Self::Phone, Self::Electronic];
}

impl ContactChangeKind {
    pub const ALL: [ContactChangeKind; 4] =
        [Self::Phone, Self::Email, Self::Address, Self::Consent];
}

/// One change as typed. Which fields count follows from `kind`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactChangeForm {
    pub kind: ContactChangeKind,
    /// The phone, e-mail or address (its id) a correction names; none for
    /// a new one.
    #[serde(default)]
    pub target: Option<String>,
    /// A phone as typed ("601 234 567").
    #[serde(default)]
    pub number: String,
    /// A landline, not a mobile.
    #[serde(default)]
    pub landline: bool,
    #[serde(default)]
    pub primary: bool,
    #[serde(default)]
    pub mark: Option<PhoneMarkCode>,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub address_kind: Option<AddressKind>,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub channel: Option<ConsentKind>,
    /// A consent to direct marketing, apart from the consent to contact.
    #[serde(default)]
    pub marketing: bool,
    #[serde(default)]
    pub granted: bool,
    /// When the consent was captured; none: now.
    #[serde(default)]
    pub captured_at: Option<chrono::NaiveDateTime>,
    #[serde(default)]
    pub method: Option<ConsentMethodCode>,
    /// Who captured it; empty: the advisor signed in.
    #[serde(default)]
    pub captured_by: String,
}

impl ContactChangeForm {
    /// An empty change of `kind`.
    pub fn new(kind: ContactChangeKind) -> ContactChangeForm {
        ContactChangeForm {
            kind,
            target: None,
            number: String::new(),
            landline: false,
            primary: false,
            mark: None,
            email: String::new(),
            address_kind: None,
            street: String::new(),
            postal_code: String::new(),
            city: String::new(),
            channel: None,
            marketing: false,
            granted: false,
            captured_at: None,
            method: None,
            captured_by: String::new(),
        }
    }
}

/// A proposal of contact data on a case, made on the case page or from
/// the visit screen (then it refers to the visit's report).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactForm {
    pub case_id: String,
    /// The visit report (its id) it was made at.
    #[serde(default)]
    pub visit_id: Option<String>,
    pub changes: Vec<ContactChangeForm>,
    #[serde(default)]
    pub note: String,
}

/// A saved proposal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactSaved {
    /// The proposal's id (its timeline line's too).
    pub id: String,
    /// Its timeline line.
    pub line: String,
}

/// One change of a proposal on the case page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalChangeView {
    pub kind: ContactChangeKind,
    /// The change in Polish words ("telefon +48 601 234 567 (korekta)").
    pub text: String,
    pub state: ProposalState,
    /// The back office's comment (why it was rejected).
    pub comment: String,
    pub decided_by: String,
    pub decided_at: Option<chrono::NaiveDateTime>,
}

/// A proposal on the case page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalView {
    pub id: String,
    pub made_at: chrono::NaiveDateTime,
    pub author: String,
    /// Made at a visit (its report's id).
    pub visit_id: Option<String>,
    pub note: String,
    pub changes: Vec<ProposalChangeView>,
}
