//! The "contact" mutation (issue 11): a proposal of contact data on the
//! wire ([`ContactBody`]), its codes, its conversion to and from
//! `domain::contact::ContactProposal`, and the proposal as the case carries
//! it to every device with the back office's answer per change
//! ([`ContactRecordDto`], `CaseFileDto::contacts`).

use crate::wire_code;
use chrono::NaiveDateTime;
use domain::contact::{
    ChangeState, ConsentMethod, ContactChange, ContactField, ContactProposal, ContactRecord,
    FieldState,
};
use domain::{AddressKind, ConsentKind, ContactId, PhoneKind, PhoneMark};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

wire_code! {
    /// What a change is about.
    pub enum ChangeKind {
        Phone = "phone",
        Email = "email",
        Address = "address",
        Consent = "consent",
    }
}

wire_code! {
    /// A phone's kind (`domain::PhoneKind`).
    pub enum PhoneKindCode {
        Mobile = "mobile",
        Landline = "landline",
    }
}

wire_code! {
    /// A phone's mark (`domain::PhoneMark`).
    pub enum PhoneMarkCode {
        WrongNumber = "wrong_number",
        NotInService = "not_in_service",
    }
}

wire_code! {
    /// An address's kind (`domain::AddressKind`).
    pub enum AddressKindCode {
        Residence = "residence",
        Correspondence = "correspondence",
        Registered = "registered",
    }
}

wire_code! {
    /// A consent's channel (`domain::ConsentKind`).
    pub enum ConsentChannelCode {
        Phone = "phone",
        Sms = "sms",
        Email = "email",
        HomeVisit = "home_visit",
    }
}

wire_code! {
    /// How a consent was captured (`domain::contact::ConsentMethod`).
    pub enum ConsentMethodCode {
        InPerson = "in_person",
        Written = "written",
        Phone = "phone",
        Electronic = "electronic",
    }
}

wire_code! {
    /// The back office's answer on one change.
    pub enum FieldStateCode {
        Proposed = "proposed",
        Accepted = "accepted",
        Rejected = "rejected",
    }
}

/// One change of a proposal. Which fields count follows from `kind`; the
/// others are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactChangeDto {
    pub kind: ChangeKind,
    /// The debtor's entry (phone, e-mail, address) a correction names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Uuid>,
    /// A phone's number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone_kind: Option<PhoneKindCode>,
    /// A phone or e-mail is the primary one.
    #[serde(default)]
    pub primary: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<PhoneMarkCode>,
    /// An e-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address_kind: Option<AddressKindCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub street: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<ConsentChannelCode>,
    /// A consent to direct marketing, apart from the consent to contact.
    #[serde(default)]
    pub marketing: bool,
    #[serde(default)]
    pub granted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured_at: Option<NaiveDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<ConsentMethodCode>,
    /// Who captured a consent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured_by: Option<String>,
}

/// The body of a "contact" mutation: a proposal of changes to the case's
/// contact data, which the back office accepts or rejects per change. The
/// server checks it with `domain::contact::check` and writes its own
/// timeline line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactBody {
    pub changes: Vec<ContactChangeDto>,
    /// The visit report (its id) the proposal was made at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visit: Option<Uuid>,
    #[serde(default)]
    pub note: String,
}

/// The back office's answer on one change, as the case carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeStateDto {
    pub state: FieldStateCode,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<NaiveDateTime>,
}

/// A proposal on its case (`CaseFileDto::contacts`), with one state per
/// change, in the same order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactRecordDto {
    /// The proposal's mutation id (and its timeline line's).
    pub id: Uuid,
    /// The device's time when it was made.
    pub made_at: NaiveDateTime,
    pub author: String,
    pub body: ContactBody,
    pub states: Vec<ChangeStateDto>,
    /// When the server received it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<NaiveDateTime>,
}

impl PhoneKindCode {
    pub fn of(k: PhoneKind) -> Self {
        match k {
            PhoneKind::Mobile => Self::Mobile,
            PhoneKind::Landline => Self::Landline,
        }
    }
    pub fn kind(&self) -> Option<PhoneKind> {
        PhoneKind::from_code(self.code())
    }
}

impl PhoneMarkCode {
    pub fn of(k: PhoneMark) -> Self {
        Self::from_code(k.code())
    }
    pub fn mark(&self) -> Option<PhoneMark> {
        PhoneMark::from_code(self.code())
    }
}

impl AddressKindCode {
    pub fn of(k: AddressKind) -> Self {
        Self::from_code(k.code())
    }
    pub fn kind(&self) -> Option<AddressKind> {
        AddressKind::from_code(self.code())
    }
}

impl ConsentChannelCode {
    pub fn of(k: ConsentKind) -> Self {
        Self::from_code(k.code())
    }
    pub fn channel(&self) -> Option<ConsentKind> {
        ConsentKind::from_code(self.code())
    }
}

impl ConsentMethodCode {
    pub fn of(m: ConsentMethod) -> Self {
        match m {
            ConsentMethod::InPerson => Self::InPerson,
            ConsentMethod::Written => Self::Written,
            ConsentMethod::Phone => Self::Phone,
            ConsentMethod::Electronic => Self::Electronic,
        }
    }
    pub fn method(&self) -> Option<ConsentMethod> {
        Some(match self {
            Self::InPerson => ConsentMethod::InPerson,
            Self::Written => ConsentMethod::Written,
            Self::Phone => ConsentMethod::Phone,
            Self::Electronic => ConsentMethod::Electronic,
            Self::Unknown(_) => return None,
        })
    }
}

impl FieldStateCode {
    pub fn of(s: FieldState) -> Self {
        match s {
            FieldState::Proposed => Self::Proposed,
            FieldState::Accepted => Self::Accepted,
            FieldState::Rejected => Self::Rejected,
        }
    }
    pub fn state(&self) -> Option<FieldState> {
        Some(match self {
            Self::Proposed => FieldState::Proposed,
            Self::Accepted => FieldState::Accepted,
            Self::Rejected => FieldState::Rejected,
            Self::Unknown(_) => return None,
        })
    }
}

impl ContactChangeDto {
    /// A change of `kind` with nothing filled in.
    pub fn empty(kind: ChangeKind) -> ContactChangeDto {
        ContactChangeDto {
            kind,
            target: None,
            number: None,
            phone_kind: None,
            primary: false,
            mark: None,
            email: None,
            address_kind: None,
            street: None,
            postal_code: None,
            city: None,
            channel: None,
            marketing: false,
            granted: false,
            captured_at: None,
            method: None,
            captured_by: None,
        }
    }
}

impl ContactChangeDto {
    /// The wire form of a domain change.
    pub fn of(c: &ContactChange) -> ContactChangeDto {
        match c {
            ContactChange::Phone {
                target,
                number,
                kind,
                primary,
                mark,
            } => ContactChangeDto {
                target: target.map(|t| t.0),
                number: Some(number.clone()),
                phone_kind: Some(PhoneKindCode::of(*kind)),
                primary: *primary,
                mark: mark.map(PhoneMarkCode::of),
                ..ContactChangeDto::empty(ChangeKind::Phone)
            },
            ContactChange::Email {
                target,
                address,
                primary,
            } => ContactChangeDto {
                target: target.map(|t| t.0),
                email: Some(address.clone()),
                primary: *primary,
                ..ContactChangeDto::empty(ChangeKind::Email)
            },
            ContactChange::Address {
                target,
                kind,
                street,
                postal_code,
                city,
            } => ContactChangeDto {
                target: target.map(|t| t.0),
                address_kind: Some(AddressKindCode::of(*kind)),
                street: Some(street.clone()),
                postal_code: Some(postal_code.clone()),
                city: Some(city.clone()),
                ..ContactChangeDto::empty(ChangeKind::Address)
            },
            ContactChange::Consent {
                channel,
                marketing,
                granted,
                captured_at,
                method,
                by,
            } => ContactChangeDto {
                channel: Some(ConsentChannelCode::of(*channel)),
                marketing: *marketing,
                granted: *granted,
                captured_at: Some(*captured_at),
                method: Some(ConsentMethodCode::of(*method)),
                captured_by: Some(by.clone()),
                ..ContactChangeDto::empty(ChangeKind::Consent)
            },
        }
    }

    /// The domain's change; the first part that is missing or of a code
    /// this build does not know. The change still has to pass
    /// `domain::contact::check`.
    pub fn change(&self) -> Result<ContactChange, ContactField> {
        let target = self.target.map(ContactId);
        let text = |t: &Option<String>, f: ContactField| t.clone().ok_or(f);
        Ok(match self.kind {
            ChangeKind::Phone => ContactChange::Phone {
                target,
                number: text(&self.number, ContactField::Phone)?,
                kind: self
                    .phone_kind
                    .as_ref()
                    .and_then(PhoneKindCode::kind)
                    .ok_or(ContactField::Phone)?,
                primary: self.primary,
                mark: match &self.mark {
                    None => None,
                    Some(m) => Some(m.mark().ok_or(ContactField::Phone)?),
                },
            },
            ChangeKind::Email => ContactChange::Email {
                target,
                address: text(&self.email, ContactField::Email)?,
                primary: self.primary,
            },
            ChangeKind::Address => ContactChange::Address {
                target,
                kind: self
                    .address_kind
                    .as_ref()
                    .and_then(AddressKindCode::kind)
                    .ok_or(ContactField::Street)?,
                street: text(&self.street, ContactField::Street)?,
                postal_code: text(&self.postal_code, ContactField::PostalCode)?,
                city: text(&self.city, ContactField::City)?,
            },
            ChangeKind::Consent => ContactChange::Consent {
                channel: self
                    .channel
                    .as_ref()
                    .and_then(ConsentChannelCode::channel)
                    .ok_or(ContactField::Changes)?,
                marketing: self.marketing,
                granted: self.granted,
                captured_at: self.captured_at.ok_or(ContactField::CapturedAt)?,
                method: self
                    .method
                    .as_ref()
                    .and_then(ConsentMethodCode::method)
                    .ok_or(ContactField::CapturedBy)?,
                by: text(&self.captured_by, ContactField::CapturedBy)?,
            },
            ChangeKind::Unknown(_) => return Err(ContactField::Changes),
        })
    }
}

impl ContactBody {
    /// The body of a domain proposal.
    pub fn of(p: &ContactProposal) -> ContactBody {
        ContactBody {
            changes: p.changes.iter().map(ContactChangeDto::of).collect(),
            visit: p.visit,
            note: p.note.clone(),
        }
    }

    /// The domain's proposal; the index and part of the first change that
    /// cannot be read.
    pub fn proposal(&self) -> Result<ContactProposal, (usize, ContactField)> {
        Ok(ContactProposal {
            changes: self
                .changes
                .iter()
                .enumerate()
                .map(|(i, c)| c.change().map_err(|f| (i, f)))
                .collect::<Result<_, _>>()?,
            visit: self.visit,
            note: self.note.clone(),
        })
    }
}

impl From<&ChangeState> for ChangeStateDto {
    fn from(s: &ChangeState) -> Self {
        ChangeStateDto {
            state: FieldStateCode::of(s.state),
            comment: s.comment.clone(),
            by: s.by.clone(),
            at: s.at,
        }
    }
}

impl ChangeStateDto {
    /// Waiting for the back office.
    pub fn proposed() -> ChangeStateDto {
        (&ChangeState::proposed()).into()
    }
}

impl From<&ContactRecord> for ContactRecordDto {
    fn from(r: &ContactRecord) -> Self {
        ContactRecordDto {
            id: r.id,
            made_at: r.made_at,
            author: r.author.clone(),
            body: ContactBody::of(&r.proposal),
            states: r.states.iter().map(Into::into).collect(),
            received_at: None,
        }
    }
}

impl ContactRecordDto {
    /// The domain's record; `None` when a change or a state is of a code
    /// this build does not know, or the states do not match the changes
    /// (a device then leaves the record out, never the case).
    pub fn record(&self) -> Option<ContactRecord> {
        let proposal = self.body.proposal().ok()?;
        if self.states.len() != proposal.changes.len() {
            return None;
        }
        let states = self
            .states
            .iter()
            .map(|s| {
                Some(ChangeState {
                    state: s.state.state()?,
                    comment: s.comment.clone(),
                    by: s.by.clone(),
                    at: s.at,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(ContactRecord {
            id: self.id,
            made_at: self.made_at,
            author: self.author.clone(),
            proposal,
            states,
        })
    }

    /// Whether a change still waits for the back office.
    pub fn is_open(&self) -> bool {
        self.states
            .iter()
            .any(|s| s.state == FieldStateCode::Proposed)
    }
}

/// Back office: one proposal still to decide, with its case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenContactDto {
    pub case_id: Uuid,
    pub case_number: String,
    pub advisor_id: Uuid,
    /// The debtor's name.
    pub debtor: String,
    pub record: ContactRecordDto,
}

/// Back office: a page of the cases with proposals still to decide (by
/// case; `{}` is the first 100). The inbox (`office_paths::INBOX` with kind
/// "contact" and state "new") is the list to work from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenContactsRequest {
    #[serde(default)]
    pub offset: u32,
    #[serde(default = "hundred")]
    pub limit: u32,
}

fn hundred() -> u32 {
    100
}

/// Back office: the proposals still to decide on a page of cases, oldest
/// first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpenContactsResponse {
    pub proposals: Vec<OpenContactDto>,
}

wire_code! {
    /// What the back office does with one change.
    pub enum ContactVerdict {
        Accept = "accept",
        /// Needs a comment.
        Reject = "reject",
    }
}

/// Back office: the answer on one change (by its index in the proposal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeDecisionDto {
    pub index: usize,
    pub verdict: ContactVerdict,
    #[serde(default)]
    pub comment: String,
    /// Accepted as the back office corrected it (a typo in the number, the
    /// street): the same kind of change on the same entry, checked by the
    /// server as any proposal; absent: accepted as proposed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub edited: Option<ContactChangeDto>,
}

/// Back office: decide some changes of one proposal; each change is
/// decided once (a second decision is a 409).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DecideContactRequest {
    pub case_id: Uuid,
    pub proposal_id: Uuid,
    pub decisions: Vec<ChangeDecisionDto>,
}
