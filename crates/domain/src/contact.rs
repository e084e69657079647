//! Contact data as proposals (issue 11): what an advisor learns at the
//! door — a new or corrected phone (its kind, "primary", a "wrong number" or
//! "not in service" mark), e-mail or address (by kind, postcode checked),
//! and a consent per channel (captured when, how and by whom; marketing
//! consent kept apart from the consent to be contacted about the debt, as
//! art. 398 of the electronic communications law wants) — is never written
//! straight into the case: it is a [`ContactProposal`], a list of
//! [`ContactChange`]s, that the back office accepts or rejects field by
//! field.
//!
//! [`check`] is the one check of a proposal (the device before it saves
//! one, the server on every upload), built on the validators of
//! [`crate::validate`]; it answers the proposal normalized (phones in
//! E.164, postcodes as "00-000", e-mail domains in lowercase). [`apply`] is
//! the one way an accepted change becomes the case's data.

use crate::ids::ContactId;
use crate::model::{
    Address, AddressKind, Consent, ConsentKind, Debtor, Email, Phone, PhoneKind, PhoneMark,
};
use crate::validate::{normalize_email, normalize_phone, normalize_postal_code, ValidationError};
use chrono::{NaiveDateTime, TimeDelta};
use uuid::Uuid;

/// The most changes one proposal may carry.
pub const MAX_CHANGES: usize = 20;
/// The most phones, e-mails or addresses a debtor may have with a
/// proposal's additions.
pub const MAX_ENTRIES: usize = 20;
/// The longest note of a proposal, in characters.
pub const MAX_NOTE: usize = 1000;
/// The longest street, city or "captured by", in characters.
pub const MAX_TEXT: usize = 200;
/// The longest back-office comment on a decision, in characters.
pub const MAX_COMMENT: usize = 2000;

/// How a consent was captured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConsentMethod {
    /// Said in person to the advisor at the door.
    InPerson,
    /// Signed on paper.
    Written,
    /// Given on a phone call.
    Phone,
    /// Given electronically (e-mail, a form).
    Electronic,
}

impl ConsentMethod {
    pub const ALL: [ConsentMethod; 4] =
        [Self::InPerson, Self::Written, Self::Phone, Self::Electronic];
}

/// One change of contact data a proposal asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum ContactChange {
    /// A new phone (`target` none) or a correction of the debtor's phone
    /// `target`: its number, kind, whether it is the primary one, and a
    /// mark when the number turned out wrong or out of service.
    Phone {
        target: Option<ContactId>,
        number: String,
        kind: PhoneKind,
        primary: bool,
        mark: Option<PhoneMark>,
    },
    /// A new e-mail or a correction of `target`.
    Email {
        target: Option<ContactId>,
        address: String,
        primary: bool,
    },
    /// A new address of a kind or a correction of `target`.
    Address {
        target: Option<ContactId>,
        kind: AddressKind,
        street: String,
        postal_code: String,
        city: String,
    },
    /// A consent on a channel, given or withdrawn: for contact about the
    /// debt, or (`marketing`) for direct marketing, which is a consent of
    /// its own and never stands in for the other.
    Consent {
        channel: ConsentKind,
        marketing: bool,
        granted: bool,
        captured_at: NaiveDateTime,
        method: ConsentMethod,
        by: String,
    },
}

/// A proposal of changes to a debtor's contact data, made on a case,
/// usually during a visit.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactProposal {
    pub changes: Vec<ContactChange>,
    /// The visit (its report's id) the proposal was made at.
    pub visit: Option<Uuid>,
    /// The advisor's note for the back office.
    pub note: String,
}

/// The part of a change an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ContactField {
    /// The list of changes as a whole (none, or too many).
    Changes,
    /// The entry a correction names.
    Target,
    Phone,
    Email,
    Street,
    PostalCode,
    City,
    /// When a consent was captured.
    CapturedAt,
    /// Who captured a consent.
    CapturedBy,
    Note,
}

/// What is wrong with that part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactProblem {
    /// A validator of [`crate::validate`] refused the value.
    Invalid(ValidationError),
    Required,
    TooLong,
    /// More changes, or more entries of a kind, than a case may hold.
    TooMany,
    /// A correction names no entry of that kind of the debtor.
    UnknownTarget,
    /// A time in the future (beyond a day of clock skew).
    OutOfRange,
}

/// Why a proposal is refused: which change (`None`: the proposal as a
/// whole), which part of it, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("change {index:?}: {field:?} {problem:?}")]
pub struct ContactError {
    pub index: Option<usize>,
    pub field: ContactField,
    pub problem: ContactProblem,
}

fn err(index: Option<usize>, field: ContactField, problem: ContactProblem) -> ContactError {
    ContactError {
        index,
        field,
        problem,
    }
}

fn text(
    s: &str,
    i: usize,
    field: ContactField,
    required: bool,
    max: usize,
) -> Result<String, ContactError> {
    let t = s.trim();
    if required && t.is_empty() {
        return Err(err(Some(i), field, ContactProblem::Required));
    }
    if t.chars().count() > max {
        return Err(err(Some(i), field, ContactProblem::TooLong));
    }
    Ok(t.to_owned())
}

/// The one check of a proposal on `debtor`, on the device and on the
/// server, at `now` (the checker's clock): one to [`MAX_CHANGES`] changes;
/// phones, postcodes and e-mails through the validators of
/// [`crate::validate`]; a correction names an entry of its kind the debtor
/// has; the additions keep each kind at most [`MAX_ENTRIES`]; texts within
/// their sizes; a consent captured by someone, not later than a day after
/// `now`. Answers the proposal normalized; the first error names its change
/// and field.
pub fn check(
    debtor: &Debtor,
    p: &ContactProposal,
    now: NaiveDateTime,
) -> Result<ContactProposal, ContactError> {
    use ContactField as F;
    use ContactProblem as P;
    if p.changes.is_empty() {
        return Err(err(None, F::Changes, P::Required));
    }
    if p.changes.len() > MAX_CHANGES {
        return Err(err(None, F::Changes, P::TooMany));
    }
    if p.note.chars().count() > MAX_NOTE {
        return Err(err(None, F::Note, P::TooLong));
    }
    let (mut phones, mut emails, mut addresses) = (
        debtor.phones.len(),
        debtor.emails.len(),
        debtor.addresses.len(),
    );
    let ids = |v: &mut dyn Iterator<Item = ContactId>| v.collect::<Vec<_>>();
    let phone_ids = ids(&mut debtor.phones.iter().map(|x| x.id));
    let email_ids = ids(&mut debtor.emails.iter().map(|x| x.id));
    let address_ids = ids(&mut debtor.addresses.iter().map(|x| x.id));
    let mut changes = Vec::with_capacity(p.changes.len());
    for (i, c) in p.changes.iter().enumerate() {
        let target = |t: &Option<ContactId>, known: &[ContactId], n: &mut usize| match t {
            Some(id) if !known.contains(id) => Err(err(Some(i), F::Target, P::UnknownTarget)),
            Some(_) => Ok(()),
            None => {
                *n += 1;
                if *n > MAX_ENTRIES {
                    Err(err(Some(i), F::Changes, P::TooMany))
                } else {
                    Ok(())
                }
            }
        };
        changes.push(match c {
            ContactChange::Phone {
                target: t,
                number,
                kind,
                primary,
                mark,
            } => {
                let number =
                    normalize_phone(number).map_err(|e| err(Some(i), F::Phone, P::Invalid(e)))?;
                target(t, &phone_ids, &mut phones)?;
                ContactChange::Phone {
                    target: *t,
                    number,
                    kind: *kind,
                    primary: *primary,
                    mark: *mark,
                }
            }
            ContactChange::Email {
                target: t,
                address,
                primary,
            } => {
                let address =
                    normalize_email(address).map_err(|e| err(Some(i), F::Email, P::Invalid(e)))?;
                target(t, &email_ids, &mut emails)?;
                ContactChange::Email {
                    target: *t,
                    address,
                    primary: *primary,
                }
            }
            ContactChange::Address {
                target: t,
                kind,
                street,
                postal_code,
                city,
            } => {
                let street = text(street, i, F::Street, true, MAX_TEXT)?;
                let postal_code = normalize_postal_code(postal_code)
                    .map_err(|e| err(Some(i), F::PostalCode, P::Invalid(e)))?;
                let city = text(city, i, F::City, true, MAX_TEXT)?;
                target(t, &address_ids, &mut addresses)?;
                ContactChange::Address {
                    target: *t,
                    kind: *kind,
                    street,
                    postal_code,
                    city,
                }
            }
            ContactChange::Consent {
                channel,
                marketing,
                granted,
                captured_at,
                method,
                by,
            } => {
                if *captured_at > now + TimeDelta::days(1) {
                    return Err(err(Some(i), F::CapturedAt, P::OutOfRange));
                }
                ContactChange::Consent {
                    channel: *channel,
                    marketing: *marketing,
                    granted: *granted,
                    captured_at: *captured_at,
                    method: *method,
                    by: text(by, i, F::CapturedBy, true, MAX_TEXT)?,
                }
            }
        });
    }
    Ok(ContactProposal {
        changes,
        visit: p.visit,
        note: p.note.trim().to_owned(),
    })
}

/// `debtor` with the accepted changes applied, in order: each with the id
/// a new entry gets (unused by a correction, which keeps its entry's id).
/// A correction of an entry the debtor no longer has adds it anew. A
/// primary phone or e-mail makes the others not primary; a consent
/// replaces the one of its channel and purpose (marketing or not), never
/// the other.
pub fn apply<'a>(
    mut debtor: Debtor,
    accepted: impl IntoIterator<Item = (ContactId, &'a ContactChange)>,
) -> Debtor {
    for (new_id, c) in accepted {
        match c {
            ContactChange::Phone {
                target,
                number,
                kind,
                primary,
                mark,
            } => {
                let id = target
                    .filter(|t| debtor.phones.iter().any(|p| p.id == *t))
                    .unwrap_or(new_id);
                if *primary {
                    debtor.phones.iter_mut().for_each(|p| p.primary = false);
                }
                let phone = Phone {
                    id,
                    number: number.clone(),
                    kind: *kind,
                    primary: *primary,
                    mark: *mark,
                };
                match debtor.phones.iter_mut().find(|p| p.id == id) {
                    Some(p) => *p = phone,
                    None => debtor.phones.push(phone),
                }
            }
            ContactChange::Email {
                target,
                address,
                primary,
            } => {
                let id = target
                    .filter(|t| debtor.emails.iter().any(|e| e.id == *t))
                    .unwrap_or(new_id);
                if *primary {
                    debtor.emails.iter_mut().for_each(|e| e.primary = false);
                }
                let email = Email {
                    id,
                    address: address.clone(),
                    primary: *primary,
                };
                match debtor.emails.iter_mut().find(|e| e.id == id) {
                    Some(e) => *e = email,
                    None => debtor.emails.push(email),
                }
            }
            ContactChange::Address {
                target,
                kind,
                street,
                postal_code,
                city,
            } => {
                let id = target
                    .filter(|t| debtor.addresses.iter().any(|a| a.id == *t))
                    .unwrap_or(new_id);
                match debtor.addresses.iter_mut().find(|a| a.id == id) {
                    Some(a) => {
                        // The place moved: the old geocode no longer holds.
                        let moved = a.street != *street || a.postal_code != *postal_code;
                        a.kind = *kind;
                        a.street = street.clone();
                        a.postal_code = postal_code.clone();
                        a.city = city.clone();
                        if moved {
                            a.location = None;
                        }
                    }
                    None => debtor.addresses.push(Address {
                        id,
                        kind: *kind,
                        street: street.clone(),
                        postal_code: postal_code.clone(),
                        city: city.clone(),
                        location: None,
                    }),
                }
            }
            ContactChange::Consent {
                channel,
                marketing,
                granted,
                captured_at,
                method,
                by,
            } => {
                let consent = Consent {
                    kind: *channel,
                    granted: *granted,
                    recorded_on: captured_at.date(),
                    marketing: *marketing,
                    method: Some(*method),
                    captured_by: Some(by.clone()),
                };
                match debtor
                    .consents
                    .iter_mut()
                    .find(|k| k.kind == *channel && k.marketing == *marketing)
                {
                    Some(k) => *k = consent,
                    None => debtor.consents.push(consent),
                }
            }
        }
    }
    debtor
}

/// What the back office said of one change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldState {
    /// Zaproponowane: waits for the back office.
    Proposed,
    Accepted,
    Rejected,
}

/// The back office's answer on one change of a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeState {
    pub state: FieldState,
    /// Why it was rejected (required then), or a remark on an acceptance.
    pub comment: String,
    /// Who decided, and when (the server's time); empty while proposed.
    pub by: String,
    pub at: Option<NaiveDateTime>,
}

impl ChangeState {
    /// Waiting for the back office.
    pub fn proposed() -> ChangeState {
        ChangeState {
            state: FieldState::Proposed,
            comment: String::new(),
            by: String::new(),
            at: None,
        }
    }
}

/// A proposal on its case, with the state of each of its changes: what
/// the case carries to every device that holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactRecord {
    /// The proposal's mutation id (and its timeline line's).
    pub id: Uuid,
    /// The device's time when it was made.
    pub made_at: NaiveDateTime,
    pub author: String,
    pub proposal: ContactProposal,
    /// One per change, in the same order.
    pub states: Vec<ChangeState>,
}

impl ContactRecord {
    /// Whether a change still waits for the back office.
    pub fn is_open(&self) -> bool {
        self.states.iter().any(|s| s.state == FieldState::Proposed)
    }
}

/// The case timeline's line for a proposal, in Polish.
pub fn timeline_line(p: &ContactProposal) -> String {
    let what: Vec<String> = p.changes.iter().map(describe).collect();
    format!("Propozycja zmiany danych kontaktowych: {}", what.join("; "))
}

/// One change in words, for the timeline and the back office.
pub fn describe(c: &ContactChange) -> String {
    let fix = |t: &Option<ContactId>| if t.is_some() { "korekta" } else { "nowy" };
    match c {
        ContactChange::Phone {
            target,
            number,
            mark,
            primary,
            ..
        } => {
            let mut s = format!(
                "telefon {} ({})",
                crate::format::format_phone(number),
                fix(target)
            );
            if *primary {
                s.push_str(", główny");
            }
            match mark {
                Some(PhoneMark::WrongNumber) => s.push_str(", błędny numer"),
                Some(PhoneMark::NotInService) => s.push_str(", numer nieaktywny"),
                None => {}
            }
            s
        }
        ContactChange::Email {
            target, address, ..
        } => format!("e-mail {address} ({})", fix(target)),
        ContactChange::Address {
            target,
            kind,
            street,
            postal_code,
            city,
        } => {
            let kind = match kind {
                AddressKind::Residence => "zamieszkania",
                AddressKind::Correspondence => "korespondencyjny",
                AddressKind::Registered => "zameldowania",
            };
            let fix = if target.is_some() { "korekta" } else { "nowy" };
            format!("adres {kind} {street}, {postal_code} {city} ({fix})")
        }
        ContactChange::Consent {
            channel,
            marketing,
            granted,
            ..
        } => {
            let channel = match channel {
                ConsentKind::Phone => "telefon",
                ConsentKind::Sms => "SMS",
                ConsentKind::Email => "e-mail",
                ConsentKind::HomeVisit => "wizyta domowa",
            };
            let what = if *marketing {
                "zgoda marketingowa"
            } else {
                "zgoda na kontakt"
            };
            let state = if *granted { "udzielona" } else { "cofnięta" };
            format!("{what} ({channel}) {state}")
        }
    }
}

#[cfg(test)]
#[path = "contact_tests.rs"]
mod tests;
