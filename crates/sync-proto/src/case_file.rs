//! A whole case file on the wire, converted to and from the domain.

use chrono::{NaiveDate, NaiveDateTime};
use domain::*;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdvisorDto {
    pub id: Uuid,
    pub name: String,
    pub base_lat: f64,
    pub base_lon: f64,
    pub base_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseFileDto {
    pub id: Uuid,
    pub number: String,
    pub advisor_id: Uuid,
    /// A status code of `domain::CaseStatus`.
    pub status: String,
    pub opened_on: NaiveDate,
    pub appointment: Option<NaiveDateTime>,
    pub debtor: DebtorDto,
    pub debts: Vec<DebtDto>,
    pub payments: Vec<PaymentDto>,
    pub promises: Vec<PromiseDto>,
    pub activities: Vec<ActivityDto>,
    /// The agreements and amendments signed on the case, oldest first, as
    /// the server took them (added after protocol 1 shipped; absent: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<AgreementDto>,
    /// The visit reports the server received on this case, each with its
    /// hash chain check (added for issue 11; absent from older servers and
    /// ignored by the device, which keeps its own).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub visits: Vec<crate::VisitRecordDto>,
    /// The proposals of contact data made on the case, each with the back
    /// office's answer per change (added for issue 11; absent: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<crate::ContactRecordDto>,
    /// Money taken at the door with a receipt the server verified, oldest
    /// first: "przyjęta w terenie" until the back office books it (added
    /// for issue 11; the server's record, never the back office's word).
    /// Not a payment: the promise ledger counts only `payments`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub field_payments: Vec<FieldPaymentDto>,
    /// The photos of the case's visits the server received, without their
    /// bytes (added for issue 11; absent: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<crate::AttachmentRecordDto>,
    /// The consultation thread with the office (added for issue 12;
    /// absent: no question asked).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<crate::ThreadDto>,
}

crate::wire_code! {
    /// Where money taken at the door stands.
    pub enum FieldPaymentState {
        /// Przyjęta w terenie: taken and receipted, not booked yet.
        Field = "field",
        /// The back office booked it: a payment of the case has its id.
        Booked = "booked",
    }
}

/// Money taken at the door, as the server recorded it from a visit
/// report with a verified receipt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldPaymentDto {
    /// The visit report (its mutation id); the payment that books it has
    /// the same id.
    pub id: Uuid,
    /// The receipt's number (`settlement::receipt_number`).
    pub number: String,
    pub taken_on: NaiveDate,
    pub amount: Decimal,
    pub state: FieldPaymentState,
    /// The day of the booked payment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub booked_on: Option<NaiveDate>,
}

/// An agreement or amendment signed on a case (`domain::SignedAgreement`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementDto {
    /// The settlement (its mutation id) that signed it.
    pub id: Uuid,
    pub number: String,
    pub signed_on: NaiveDate,
    pub total: Decimal,
    pub voluntary_only: bool,
    /// (due date, amount) of every payment, in date order.
    pub schedule: Vec<(NaiveDate, Decimal)>,
    /// For an amendment: the agreement it amends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amends: Option<Uuid>,
}

impl From<&domain::SignedAgreement> for AgreementDto {
    fn from(a: &domain::SignedAgreement) -> Self {
        AgreementDto {
            id: a.id,
            number: a.number.clone(),
            signed_on: a.signed_on,
            total: a.total.amount(),
            voluntary_only: a.voluntary_only,
            schedule: a.schedule.iter().map(|(d, m)| (*d, m.amount())).collect(),
            amends: a.amends,
        }
    }
}

impl From<&AgreementDto> for domain::SignedAgreement {
    fn from(a: &AgreementDto) -> Self {
        domain::SignedAgreement {
            id: a.id,
            number: a.number.clone(),
            signed_on: a.signed_on,
            total: Money::new(a.total),
            voluntary_only: a.voluntary_only,
            schedule: a
                .schedule
                .iter()
                .map(|(d, m)| (*d, Money::new(*m)))
                .collect(),
            amends: a.amends,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DebtorDto {
    pub id: Uuid,
    pub first_name: String,
    pub last_name: String,
    pub pesel: String,
    pub vulnerability: Option<String>,
    /// The day the vulnerability was noted (its breathing space's first day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vulnerability_since: Option<NaiveDate>,
    pub phones: Vec<PhoneDto>,
    pub emails: Vec<EmailDto>,
    pub addresses: Vec<AddressDto>,
    pub consents: Vec<ConsentDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PhoneDto {
    pub id: Uuid,
    pub number: String,
    pub kind: String,
    pub primary: bool,
    /// "Wrong number" or "not in service" (added for issue 11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<crate::PhoneMarkCode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmailDto {
    pub id: Uuid,
    pub address: String,
    pub primary: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddressDto {
    pub id: Uuid,
    pub kind: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsentDto {
    pub kind: String,
    pub granted: bool,
    pub recorded_on: NaiveDate,
    /// A consent to direct marketing, kept apart from the consent to
    /// contact (added for issue 11; absent: not marketing).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub marketing: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<crate::ConsentMethodCode>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captured_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DebtDto {
    pub id: Uuid,
    pub title: String,
    pub original_creditor: String,
    pub creditor_kind: String,
    pub principal: Decimal,
    pub interest: Decimal,
    pub costs: Decimal,
    pub due_since: NaiveDate,
    pub limitation_date: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentDto {
    pub id: Uuid,
    pub paid_on: NaiveDate,
    pub amount: Decimal,
    pub channel: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PromiseDto {
    pub id: Uuid,
    pub made_on: NaiveDate,
    pub due_on: NaiveDate,
    pub amount: Decimal,
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActivityDto {
    pub id: Uuid,
    /// When it happened, by the clock of whoever captured it.
    pub at: NaiveDateTime,
    pub kind: String,
    pub author: String,
    pub summary: String,
    /// When the server received it (entries uploaded by a device; absent
    /// from older servers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_at: Option<NaiveDateTime>,
}

impl From<&Advisor> for AdvisorDto {
    fn from(a: &Advisor) -> Self {
        AdvisorDto {
            id: a.id.0,
            name: a.name.clone(),
            base_lat: a.base.lat,
            base_lon: a.base.lon,
            base_label: a.base_label.clone(),
        }
    }
}

impl From<&AdvisorDto> for Advisor {
    fn from(a: &AdvisorDto) -> Self {
        Advisor {
            id: AdvisorId(a.id),
            name: a.name.clone(),
            base: GeoPoint {
                lat: a.base_lat,
                lon: a.base_lon,
            },
            base_label: a.base_label.clone(),
        }
    }
}

impl From<&CaseFile> for CaseFileDto {
    fn from(f: &CaseFile) -> Self {
        let d = &f.debtor;
        CaseFileDto {
            id: f.case.id.0,
            number: f.case.number.clone(),
            advisor_id: f.case.advisor_id.0,
            status: f.case.status.code().to_owned(),
            opened_on: f.case.opened_on,
            appointment: f.case.appointment,
            debtor: DebtorDto {
                id: d.id.0,
                first_name: d.first_name.clone(),
                last_name: d.last_name.clone(),
                pesel: d.pesel.clone(),
                vulnerability: d.vulnerability.clone(),
                vulnerability_since: d.vulnerability_since,
                phones: d
                    .phones
                    .iter()
                    .map(|p| PhoneDto {
                        id: p.id.0,
                        number: p.number.clone(),
                        kind: p.kind.code().to_owned(),
                        primary: p.primary,
                        mark: p.mark.map(crate::PhoneMarkCode::of),
                    })
                    .collect(),
                emails: d
                    .emails
                    .iter()
                    .map(|e| EmailDto {
                        id: e.id.0,
                        address: e.address.clone(),
                        primary: e.primary,
                    })
                    .collect(),
                addresses: d
                    .addresses
                    .iter()
                    .map(|a| AddressDto {
                        id: a.id.0,
                        kind: a.kind.code().to_owned(),
                        street: a.street.clone(),
                        postal_code: a.postal_code.clone(),
                        city: a.city.clone(),
                        lat: a.location.map(|l| l.lat),
                        lon: a.location.map(|l| l.lon),
                    })
                    .collect(),
                consents: d
                    .consents
                    .iter()
                    .map(|c| ConsentDto {
                        kind: c.kind.code().to_owned(),
                        granted: c.granted,
                        recorded_on: c.recorded_on,
                        marketing: c.marketing,
                        method: c.method.map(crate::ConsentMethodCode::of),
                        captured_by: c.captured_by.clone(),
                    })
                    .collect(),
            },
            debts: f
                .debts
                .iter()
                .map(|x| DebtDto {
                    id: x.id.0,
                    title: x.title.clone(),
                    original_creditor: x.original_creditor.clone(),
                    creditor_kind: x.creditor_kind.code().to_owned(),
                    principal: x.outstanding.principal.amount(),
                    interest: x.outstanding.interest.amount(),
                    costs: x.outstanding.costs.amount(),
                    due_since: x.due_since,
                    limitation_date: x.limitation_date,
                })
                .collect(),
            payments: f
                .payments
                .iter()
                .map(|p| PaymentDto {
                    id: p.id.0,
                    paid_on: p.paid_on,
                    amount: p.amount.amount(),
                    channel: p.channel.code().to_owned(),
                })
                .collect(),
            promises: f
                .promises
                .iter()
                .map(|p| PromiseDto {
                    id: p.id.0,
                    made_on: p.made_on,
                    due_on: p.due_on,
                    amount: p.amount.amount(),
                    status: p.status.code().to_owned(),
                })
                .collect(),
            activities: f
                .activities
                .iter()
                .map(|a| ActivityDto {
                    id: a.id.0,
                    at: a.at,
                    kind: a.kind.code().to_owned(),
                    author: a.author.clone(),
                    summary: a.summary.clone(),
                    received_at: a.received_at,
                })
                .collect(),
            agreements: f.agreements.iter().map(AgreementDto::from).collect(),
            visits: Vec::new(),
            contacts: f.contacts.iter().map(Into::into).collect(),
            field_payments: Vec::new(),
            attachments: Vec::new(),
            thread: (!f.thread.is_empty()).then(|| crate::ThreadDto::from(&f.thread)),
        }
    }
}

/// A wire value the domain does not know (a newer server, or corruption).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode {
    pub field: &'static str,
    pub value: String,
}

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown {} {:?}", self.field, self.value)
    }
}

impl std::error::Error for UnknownCode {}

fn code<T>(
    field: &'static str,
    value: &str,
    f: impl Fn(&str) -> Option<T>,
) -> Result<T, UnknownCode> {
    f(value).ok_or_else(|| UnknownCode {
        field,
        value: value.to_owned(),
    })
}

/// The most debts, payments or promises one case may hold: with every
/// amount at most the engine's ceiling, no sum over a case can overflow.
pub const MAX_CASE_ROWS: usize = 1000;

impl CaseFileDto {
    /// Why the case's amounts cannot be taken: one with more than two
    /// decimal places, negative or beyond the engine's ceiling, or more
    /// rows than a case may hold. Names the first one found.
    pub fn check_amounts(&self) -> Result<(), String> {
        let ok = |d: Decimal| domain::offer::input_amount(d).is_some();
        if self.debts.len() > MAX_CASE_ROWS
            || self.payments.len() > MAX_CASE_ROWS
            || self.promises.len() > MAX_CASE_ROWS
        {
            return Err(format!(
                "a case holds at most {MAX_CASE_ROWS} debts, payments and promises each"
            ));
        }
        for d in &self.debts {
            if ![d.principal, d.interest, d.costs].into_iter().all(ok) {
                return Err(format!("an amount of debt {} is out of range", d.id));
            }
        }
        if let Some(p) = self.payments.iter().find(|p| !ok(p.amount)) {
            return Err(format!("the amount of payment {} is out of range", p.id));
        }
        if let Some(p) = self.promises.iter().find(|p| !ok(p.amount)) {
            return Err(format!("the amount of promise {} is out of range", p.id));
        }
        Ok(())
    }
}

impl TryFrom<&CaseFileDto> for CaseFile {
    type Error = UnknownCode;

    fn try_from(f: &CaseFileDto) -> Result<Self, UnknownCode> {
        let case_id = CaseId(f.id);
        let d = &f.debtor;
        Ok(CaseFile {
            case: Case {
                id: case_id,
                number: f.number.clone(),
                debtor_id: DebtorId(d.id),
                advisor_id: AdvisorId(f.advisor_id),
                status: code("status", &f.status, CaseStatus::from_code)?,
                opened_on: f.opened_on,
                appointment: f.appointment,
            },
            debtor: Debtor {
                id: DebtorId(d.id),
                first_name: d.first_name.clone(),
                last_name: d.last_name.clone(),
                pesel: d.pesel.clone(),
                phones: d
                    .phones
                    .iter()
                    .map(|p| {
                        Ok(Phone {
                            id: ContactId(p.id),
                            number: p.number.clone(),
                            kind: code("phone kind", &p.kind, PhoneKind::from_code)?,
                            primary: p.primary,
                            mark: match &p.mark {
                                None => None,
                                Some(m) => {
                                    Some(code("phone mark", m.code(), PhoneMark::from_code)?)
                                }
                            },
                        })
                    })
                    .collect::<Result<_, UnknownCode>>()?,
                emails: d
                    .emails
                    .iter()
                    .map(|e| Email {
                        id: ContactId(e.id),
                        address: e.address.clone(),
                        primary: e.primary,
                    })
                    .collect(),
                addresses: d
                    .addresses
                    .iter()
                    .map(|a| {
                        Ok(Address {
                            id: ContactId(a.id),
                            kind: code("address kind", &a.kind, AddressKind::from_code)?,
                            street: a.street.clone(),
                            postal_code: a.postal_code.clone(),
                            city: a.city.clone(),
                            location: a.lat.zip(a.lon).map(|(lat, lon)| GeoPoint { lat, lon }),
                        })
                    })
                    .collect::<Result<_, UnknownCode>>()?,
                consents: d
                    .consents
                    .iter()
                    .map(|c| {
                        Ok(Consent {
                            kind: code("consent kind", &c.kind, ConsentKind::from_code)?,
                            granted: c.granted,
                            recorded_on: c.recorded_on,
                            marketing: c.marketing,
                            method: c.method.as_ref().and_then(crate::ConsentMethodCode::method),
                            captured_by: c.captured_by.clone(),
                        })
                    })
                    .collect::<Result<_, UnknownCode>>()?,
                vulnerability: d.vulnerability.clone(),
                vulnerability_since: d.vulnerability_since,
            },
            debts: f
                .debts
                .iter()
                .map(|x| {
                    Ok(Debt {
                        id: DebtId(x.id),
                        case_id,
                        title: x.title.clone(),
                        original_creditor: x.original_creditor.clone(),
                        creditor_kind: code(
                            "creditor kind",
                            &x.creditor_kind,
                            CreditorKind::from_code,
                        )?,
                        outstanding: DebtComponents {
                            principal: Money::new(x.principal),
                            interest: Money::new(x.interest),
                            costs: Money::new(x.costs),
                        },
                        due_since: x.due_since,
                        limitation_date: x.limitation_date,
                    })
                })
                .collect::<Result<_, UnknownCode>>()?,
            payments: f
                .payments
                .iter()
                .map(|p| {
                    Ok(Payment {
                        id: PaymentId(p.id),
                        case_id,
                        paid_on: p.paid_on,
                        amount: Money::new(p.amount),
                        channel: code("payment channel", &p.channel, PaymentChannel::from_code)?,
                    })
                })
                .collect::<Result<_, UnknownCode>>()?,
            promises: f
                .promises
                .iter()
                .map(|p| {
                    Ok(Promise {
                        id: PromiseId(p.id),
                        case_id,
                        made_on: p.made_on,
                        due_on: p.due_on,
                        amount: Money::new(p.amount),
                        status: code("promise status", &p.status, PromiseStatus::from_code)?,
                    })
                })
                .collect::<Result<_, UnknownCode>>()?,
            activities: f
                .activities
                .iter()
                .map(|a| {
                    Ok(Activity {
                        id: ActivityId(a.id),
                        case_id,
                        at: a.at,
                        kind: code("activity kind", &a.kind, ActivityKind::from_code)?,
                        author: a.author.clone(),
                        summary: a.summary.clone(),
                        received_at: a.received_at,
                    })
                })
                .collect::<Result<_, UnknownCode>>()?,
            agreements: f.agreements.iter().map(Into::into).collect(),
            // A record this build cannot read is left out, never the case.
            contacts: f
                .contacts
                .iter()
                .filter_map(crate::ContactRecordDto::record)
                .collect(),
            thread: f
                .thread
                .as_ref()
                .map(crate::ThreadDto::thread)
                .unwrap_or_default(),
        })
    }
}
