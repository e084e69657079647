//! The "visit" mutation: a visit report on the wire ([`VisitBody`]), its
//! codes, its conversion to and from `domain::visit::VisitReport`, the
//! hash chain link of a report ([`visit_link`]) and the server's record of
//! a report on the case ([`VisitRecordDto`]).

use crate::{wire_code, Mutation};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use domain::identity::{IdentityClaim, IdentityFact};
use domain::visit::{
    AddressProblem, Contact, ContactKind, Nobody, PayChannel, ResultKind, ThirdParty, VisitField,
    VisitReport, VisitResult,
};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

wire_code! {
    /// Whom the advisor reached (`domain::visit::ContactKind`).
    pub enum ContactCode {
        RightParty = "right_party",
        ThirdParty = "third_party",
        Nobody = "nobody",
        AddressInvalid = "address_invalid",
        Deceased = "deceased",
    }
}

wire_code! {
    /// The detail of a contact: who the third party was, why nobody was
    /// reached, what is wrong with the address.
    pub enum ContactDetail {
        HouseholdMember = "household_member",
        Neighbour = "neighbour",
        Other = "other",
        NotAtHome = "not_at_home",
        NoAnswer = "no_answer",
        Moved = "moved",
        WrongAddress = "wrong_address",
        Empty = "empty",
        Demolished = "demolished",
    }
}

wire_code! {
    /// What came of the visit (`domain::visit::ResultKind`).
    pub enum ResultCode {
        PromiseToPay = "promise_to_pay",
        PaidAtDoor = "paid_at_door",
        SettlementSigned = "settlement_signed",
        Refused = "refused",
        Dispute = "dispute",
        Hardship = "hardship",
        Revisit = "revisit",
        Nothing = "nothing",
    }
}

wire_code! {
    /// How a promised payment will be made (`domain::visit::PayChannel`).
    pub enum ChannelCode {
        BankTransfer = "bank_transfer",
        PostOffice = "post_office",
        Online = "online",
        Cash = "cash",
    }
}

wire_code! {
    /// Whether a report's link to the previous report of its device holds,
    /// as the server found it.
    pub enum ChainCheck {
        /// The first report of the device, or the previous one's hash.
        Holds = "holds",
        /// Another hash than the server's last one of this device: a
        /// report was left out, changed or replayed.
        Broken = "broken",
    }
}

/// A position fix, as the platform gave it. No fix is `None`, never a
/// made-up position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FixDto {
    pub lat: f64,
    pub lon: f64,
    /// The platform's accuracy radius in metres.
    pub accuracy_m: f64,
    /// Which provider answered ("gps", "network", ...).
    pub provider: String,
    /// The platform said the position comes from a mock provider.
    pub mock: bool,
}

/// The body of a "visit" mutation: one visit report, final once saved.
/// The server checks it with `domain::visit::check` and writes its own
/// timeline line from the codes; no text here becomes the line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitBody {
    pub contact: ContactCode,
    /// With a third party, nobody, or an invalid address: which one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<ContactDetail>,
    /// A third party in the advisor's words.
    #[serde(default)]
    pub who: String,
    pub result: ResultCode,
    /// A promise's or a payment's amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Decimal>,
    /// When the promised payment is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<ChannelCode>,
    /// The receipt's number of a payment at the door.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<String>,
    /// The "settlement" mutation signed during the visit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settlement: Option<Uuid>,
    /// A refusal's reason, or what is disputed, or the hardship noticed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revisit_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_from: Option<NaiveTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_until: Option<NaiveTime>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub next_step: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<NaiveDate>,
    /// The device's clock when the visit started and ended.
    pub started_at: NaiveDateTime,
    pub ended_at: NaiveDateTime,
    /// The report (its mutation id) this one corrects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub corrects: Option<Uuid>,
    /// Where the device was at the start; `None`: no fix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixDto>,
    /// [`visit_link`] of the previous report of this device (lowercase
    /// hex); `None` for its first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev_sha256: Option<String>,
    /// With a payment at the door: the receipt the device signed (added
    /// for issue 11; a payment at the door without one is refused).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed_receipt: Option<SignedReceiptDto>,
    /// With the debtor in person: what they told at the door to prove who
    /// they are (issue 14); the server checks it again against its copy.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityDto>,
}

/// The doorstep identity check as the device sends it: the name given and
/// exactly one fact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IdentityDto {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// The last four digits of the PESEL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pesel_end: Option<String>,
}

impl IdentityDto {
    pub fn of(c: &IdentityClaim) -> IdentityDto {
        let (birth_date, pesel_end) = match &c.fact {
            IdentityFact::BirthDate(d) => (Some(*d), None),
            IdentityFact::PeselEnd(e) => (None, Some(e.clone())),
        };
        IdentityDto {
            name: c.name.clone(),
            birth_date,
            pesel_end,
        }
    }

    /// The claim, or `None` unless exactly one fact is given.
    pub fn claim(&self) -> Option<IdentityClaim> {
        let fact = match (&self.birth_date, &self.pesel_end) {
            (Some(d), None) => IdentityFact::BirthDate(*d),
            (None, Some(e)) => IdentityFact::PeselEnd(e.clone()),
            _ => return None,
        };
        Some(IdentityClaim {
            name: self.name.clone(),
            fact,
        })
    }
}

/// The receipt of a payment at the door (potwierdzenie wpłaty), signed on
/// the device. Its number is the report's `receipt`, which the server
/// derives itself from the mutation id and day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SignedReceiptDto {
    /// The signed PDF, base64 (standard alphabet, padded); empty in the
    /// server's record on the case (the PDF stays in the mutation).
    pub pdf: String,
    /// SHA-256 of the PDF, lowercase hex.
    pub sha256: String,
    /// The client's signature from the pad (`settlement::Strokes::encode`);
    /// empty when the client did not sign.
    #[serde(default)]
    pub strokes: String,
}

impl SignedReceiptDto {
    pub fn new(pdf: &[u8], sha256: &[u8], strokes: String) -> Self {
        use base64ct::Encoding;
        SignedReceiptDto {
            pdf: base64ct::Base64::encode_string(pdf),
            sha256: hex::encode(sha256),
            strokes,
        }
    }

    /// The PDF's bytes; `None` when `pdf` is not valid base64.
    pub fn pdf_bytes(&self) -> Option<Vec<u8>> {
        use base64ct::Encoding;
        base64ct::Base64::decode_vec(&self.pdf).ok()
    }
}

impl ContactCode {
    pub fn of(k: ContactKind) -> ContactCode {
        match k {
            ContactKind::RightParty => ContactCode::RightParty,
            ContactKind::ThirdParty => ContactCode::ThirdParty,
            ContactKind::Nobody => ContactCode::Nobody,
            ContactKind::AddressInvalid => ContactCode::AddressInvalid,
            ContactKind::Deceased => ContactCode::Deceased,
        }
    }
}

impl ResultCode {
    pub fn of(k: ResultKind) -> ResultCode {
        match k {
            ResultKind::PromiseToPay => ResultCode::PromiseToPay,
            ResultKind::PaidAtDoor => ResultCode::PaidAtDoor,
            ResultKind::SettlementSigned => ResultCode::SettlementSigned,
            ResultKind::Refused => ResultCode::Refused,
            ResultKind::Dispute => ResultCode::Dispute,
            ResultKind::Hardship => ResultCode::Hardship,
            ResultKind::Revisit => ResultCode::Revisit,
            ResultKind::Nothing => ResultCode::Nothing,
        }
    }
}

impl ChannelCode {
    pub fn of(c: PayChannel) -> ChannelCode {
        match c {
            PayChannel::BankTransfer => ChannelCode::BankTransfer,
            PayChannel::PostOffice => ChannelCode::PostOffice,
            PayChannel::Online => ChannelCode::Online,
            PayChannel::Cash => ChannelCode::Cash,
        }
    }

    pub fn channel(&self) -> Option<PayChannel> {
        Some(match self {
            ChannelCode::BankTransfer => PayChannel::BankTransfer,
            ChannelCode::PostOffice => PayChannel::PostOffice,
            ChannelCode::Online => PayChannel::Online,
            ChannelCode::Cash => PayChannel::Cash,
            ChannelCode::Unknown(_) => return None,
        })
    }
}

impl VisitBody {
    /// The body of a report, with the device's fix and the link to its
    /// previous report.
    pub fn of(r: &VisitReport, fix: Option<FixDto>, prev_sha256: Option<String>) -> VisitBody {
        let (detail, who) = match &r.contact {
            Contact::ThirdParty { who, description } => (
                Some(match who {
                    ThirdParty::HouseholdMember => ContactDetail::HouseholdMember,
                    ThirdParty::Neighbour => ContactDetail::Neighbour,
                    ThirdParty::Other => ContactDetail::Other,
                }),
                description.clone(),
            ),
            Contact::Nobody(n) => (
                Some(match n {
                    Nobody::NotAtHome => ContactDetail::NotAtHome,
                    Nobody::NoAnswer => ContactDetail::NoAnswer,
                }),
                String::new(),
            ),
            Contact::AddressInvalid(a) => (
                Some(match a {
                    AddressProblem::Moved => ContactDetail::Moved,
                    AddressProblem::WrongAddress => ContactDetail::WrongAddress,
                    AddressProblem::Empty => ContactDetail::Empty,
                    AddressProblem::Demolished => ContactDetail::Demolished,
                }),
                String::new(),
            ),
            Contact::RightParty | Contact::Deceased => (None, String::new()),
        };
        let mut b = VisitBody {
            contact: ContactCode::of(r.contact.kind()),
            detail,
            who,
            result: ResultCode::of(r.result.kind()),
            amount: None,
            due_on: None,
            channel: None,
            receipt: None,
            settlement: None,
            details: None,
            revisit_on: None,
            window_from: None,
            window_until: None,
            notes: r.notes.clone(),
            next_step: r.next_step.clone(),
            follow_up: r.follow_up,
            started_at: r.started_at,
            ended_at: r.ended_at,
            corrects: r.corrects,
            fix,
            prev_sha256,
            signed_receipt: None,
            identity: r.identity.as_ref().map(IdentityDto::of),
        };
        match &r.result {
            VisitResult::PromiseToPay {
                amount,
                due_on,
                channel,
            } => {
                b.amount = Some(amount.amount());
                b.due_on = Some(*due_on);
                b.channel = Some(ChannelCode::of(*channel));
            }
            VisitResult::PaidAtDoor { amount, receipt } => {
                b.amount = Some(amount.amount());
                b.receipt = Some(receipt.clone());
            }
            VisitResult::SettlementSigned { settlement } => b.settlement = Some(*settlement),
            VisitResult::Refused { reason: t }
            | VisitResult::Dispute { what: t }
            | VisitResult::Hardship { what: t } => b.details = Some(t.clone()),
            VisitResult::Revisit { on, from, until } => {
                b.revisit_on = Some(*on);
                b.window_from = Some(*from);
                b.window_until = Some(*until);
            }
            VisitResult::Nothing => {}
        }
        b
    }

    /// The domain's report; the first part that is missing, of a code this
    /// build does not know, or an amount out of range
    /// (`domain::offer::input_amount`). The report still has to pass
    /// `domain::visit::check`.
    pub fn report(&self) -> Result<VisitReport, VisitField> {
        use domain::offer::input_amount;
        let detail = self.detail.as_ref();
        let contact = match self.contact {
            ContactCode::RightParty => Contact::RightParty,
            ContactCode::Deceased => Contact::Deceased,
            ContactCode::ThirdParty => Contact::ThirdParty {
                who: match detail {
                    Some(ContactDetail::HouseholdMember) => ThirdParty::HouseholdMember,
                    Some(ContactDetail::Neighbour) => ThirdParty::Neighbour,
                    Some(ContactDetail::Other) => ThirdParty::Other,
                    _ => return Err(VisitField::Who),
                },
                description: self.who.clone(),
            },
            ContactCode::Nobody => Contact::Nobody(match detail {
                Some(ContactDetail::NotAtHome) => Nobody::NotAtHome,
                Some(ContactDetail::NoAnswer) => Nobody::NoAnswer,
                _ => return Err(VisitField::Contact),
            }),
            ContactCode::AddressInvalid => Contact::AddressInvalid(match detail {
                Some(ContactDetail::Moved) => AddressProblem::Moved,
                Some(ContactDetail::WrongAddress) => AddressProblem::WrongAddress,
                Some(ContactDetail::Empty) => AddressProblem::Empty,
                Some(ContactDetail::Demolished) => AddressProblem::Demolished,
                _ => return Err(VisitField::Contact),
            }),
            ContactCode::Unknown(_) => return Err(VisitField::Contact),
        };
        let amount = || self.amount.and_then(input_amount).ok_or(VisitField::Amount);
        let text = |t: &Option<String>, f| t.clone().ok_or(f);
        let result = match self.result {
            ResultCode::PromiseToPay => VisitResult::PromiseToPay {
                amount: amount()?,
                due_on: self.due_on.ok_or(VisitField::DueOn)?,
                channel: self
                    .channel
                    .as_ref()
                    .and_then(ChannelCode::channel)
                    .ok_or(VisitField::Channel)?,
            },
            ResultCode::PaidAtDoor => VisitResult::PaidAtDoor {
                amount: amount()?,
                receipt: text(&self.receipt, VisitField::Receipt)?,
            },
            ResultCode::SettlementSigned => VisitResult::SettlementSigned {
                settlement: self.settlement.ok_or(VisitField::Settlement)?,
            },
            ResultCode::Refused => VisitResult::Refused {
                reason: text(&self.details, VisitField::Details)?,
            },
            ResultCode::Dispute => VisitResult::Dispute {
                what: text(&self.details, VisitField::Details)?,
            },
            ResultCode::Hardship => VisitResult::Hardship {
                what: text(&self.details, VisitField::Details)?,
            },
            ResultCode::Revisit => VisitResult::Revisit {
                on: self.revisit_on.ok_or(VisitField::RevisitOn)?,
                from: self.window_from.ok_or(VisitField::Window)?,
                until: self.window_until.ok_or(VisitField::Window)?,
            },
            ResultCode::Nothing => VisitResult::Nothing,
            ResultCode::Unknown(_) => return Err(VisitField::Result),
        };
        Ok(VisitReport {
            contact,
            result,
            notes: self.notes.clone(),
            next_step: self.next_step.clone(),
            follow_up: self.follow_up,
            started_at: self.started_at,
            ended_at: self.ended_at,
            corrects: self.corrects,
            identity: match &self.identity {
                Some(i) => Some(i.claim().ok_or(VisitField::Identity)?),
                None => None,
            },
        })
    }
}

/// The report as the server keeps it on its case (`CaseFileDto::visits`),
/// for the back office: what the device sent, when the server received
/// it, and whether the device's hash chain held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitRecordDto {
    /// The report's mutation id (and its timeline line's id).
    pub id: Uuid,
    pub device_id: Uuid,
    pub body: VisitBody,
    pub received_at: NaiveDateTime,
    /// [`visit_link`] of this report.
    pub sha256: String,
    pub chain: ChainCheck,
    /// With a broken chain: the hash the server expected (`None`: none,
    /// the device had sent no report before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_prev: Option<String>,
}

/// JSON with object keys sorted at every level and no whitespace, so the
/// same value always gives the same bytes whatever order it was built in.
pub fn canonical_json(v: &serde_json::Value) -> String {
    use serde_json::Value;
    fn write(v: &Value, out: &mut String) {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<&String> = m.keys().collect();
                keys.sort();
                out.push('{');
                for (i, k) in keys.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push(':');
                    write(&m[k], out);
                }
                out.push('}');
            }
            Value::Array(a) => {
                out.push('[');
                for (i, x) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(x, out);
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    write(v, &mut out);
    out
}

/// A report's link in its device's hash chain: SHA-256 (lowercase hex) of
/// the canonical JSON of the mutation's id, case, time and body — the
/// body carries the previous link, so changing, dropping or reordering a
/// report breaks every link after it.
pub fn visit_link(m: &Mutation) -> String {
    let doc = serde_json::json!({
        "id": m.id,
        "case_id": m.case_id,
        "created_at": m.created_at,
        "body": m.body,
    });
    hex::encode(Sha256::digest(canonical_json(&doc).as_bytes()))
}
