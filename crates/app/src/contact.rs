//! Contact data as proposals (issue 11): the form read into the domain's
//! proposal, checked by the domain's one check (`domain::contact::check`,
//! which the server runs again) against the case's debtor here, and
//! recorded through [`crate::capture::record`] with the proposal kept on
//! the case ("zaproponowane") until the server's copy of the case brings
//! the back office's answer. A bad input is a typed error on its field
//! (the validator's own Polish sentence); nothing is written.

use crate::capture::{author, record, Capture};
use crate::storage_error;
use api::{
    CommandError, ConsentMethodCode, ContactChangeForm, ContactChangeKind, ContactForm,
    ContactSaved, Field, PhoneMarkCode, ProposalState, Reason, ValueProblem,
};
use chrono::NaiveDateTime;
use domain::contact::{
    check, timeline_line, ChangeState, ConsentMethod, ContactChange, ContactError, ContactField,
    ContactProblem, ContactProposal, ContactRecord, FieldState,
};
use domain::{AddressKind, CaseId, ConsentKind, ContactId, PhoneKind, PhoneMark};
use store::Store;
use sync_proto::{ContactBody, MutationKind};
use uuid::Uuid;

/// The api field of a part of a proposal.
pub fn field_of(f: ContactField) -> Field {
    match f {
        ContactField::Changes => Field::ContactChanges,
        ContactField::Target => Field::ContactTarget,
        ContactField::Phone => Field::ContactPhone,
        ContactField::Email => Field::ContactEmail,
        ContactField::Street => Field::ContactStreet,
        ContactField::PostalCode => Field::ContactPostalCode,
        ContactField::City => Field::ContactCity,
        ContactField::CapturedAt => Field::ContactCapturedAt,
        ContactField::CapturedBy => Field::ContactCapturedBy,
        ContactField::Note => Field::ContactNote,
    }
}

/// The typed error of a proposal the domain refuses.
pub fn contact_error(e: &ContactError) -> CommandError {
    let code = match &e.problem {
        ContactProblem::Invalid(v) => ValueProblem::of(v).map_or(Reason::Malformed, Reason::Value),
        ContactProblem::Required => Reason::Required,
        ContactProblem::TooLong => Reason::TooLong,
        ContactProblem::TooMany => Reason::TooMany,
        ContactProblem::UnknownTarget => Reason::UnknownEntry,
        ContactProblem::OutOfRange => Reason::OutOfRange,
    };
    CommandError::invalid(field_of(e.field), code)
}

/// Where a proposal stands as a whole, for its timeline line: proposed
/// while any change waits, accepted when any was accepted, else rejected.
pub fn overall(r: &ContactRecord) -> ProposalState {
    let any = |s: FieldState| r.states.iter().any(|x| x.state == s);
    if any(FieldState::Proposed) {
        ProposalState::Proposed
    } else if any(FieldState::Accepted) {
        ProposalState::Accepted
    } else {
        ProposalState::Rejected
    }
}

fn id_of(s: &Option<String>, field: Field) -> Result<Option<ContactId>, CommandError> {
    match s.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(t) => t
            .parse::<Uuid>()
            .map(|u| Some(ContactId(u)))
            .map_err(|_| CommandError::invalid(field, Reason::MalformedId)),
    }
}

/// One change as the domain has it; `by` is who captured a consent when
/// the form leaves it empty, `now` when.
fn change_of(
    c: &ContactChangeForm,
    by: &str,
    now: NaiveDateTime,
) -> Result<ContactChange, CommandError> {
    let target = id_of(&c.target, Field::ContactTarget)?;
    Ok(match c.kind {
        ContactChangeKind::Phone => ContactChange::Phone {
            target,
            number: c.number.clone(),
            kind: if c.landline {
                PhoneKind::Landline
            } else {
                PhoneKind::Mobile
            },
            primary: c.primary,
            mark: c.mark.map(|m| match m {
                PhoneMarkCode::WrongNumber => PhoneMark::WrongNumber,
                PhoneMarkCode::NotInService => PhoneMark::NotInService,
            }),
        },
        ContactChangeKind::Email => ContactChange::Email {
            target,
            address: c.email.clone(),
            primary: c.primary,
        },
        ContactChangeKind::Address => ContactChange::Address {
            target,
            kind: match c.address_kind {
                Some(api::AddressKind::Residence) | None => AddressKind::Residence,
                Some(api::AddressKind::Correspondence) => AddressKind::Correspondence,
                Some(api::AddressKind::Registered) => AddressKind::Registered,
            },
            street: c.street.clone(),
            postal_code: c.postal_code.clone(),
            city: c.city.clone(),
        },
        ContactChangeKind::Consent => ContactChange::Consent {
            channel: match c.channel {
                Some(api::ConsentKind::Phone) => ConsentKind::Phone,
                Some(api::ConsentKind::Sms) => ConsentKind::Sms,
                Some(api::ConsentKind::Email) => ConsentKind::Email,
                Some(api::ConsentKind::HomeVisit) => ConsentKind::HomeVisit,
                None => {
                    return Err(CommandError::invalid(
                        Field::ContactChanges,
                        Reason::Required,
                    ))
                }
            },
            marketing: c.marketing,
            granted: c.granted,
            captured_at: c.captured_at.unwrap_or(now),
            method: match c.method {
                Some(ConsentMethodCode::InPerson) | None => ConsentMethod::InPerson,
                Some(ConsentMethodCode::Written) => ConsentMethod::Written,
                Some(ConsentMethodCode::Phone) => ConsentMethod::Phone,
                Some(ConsentMethodCode::Electronic) => ConsentMethod::Electronic,
            },
            by: if c.captured_by.trim().is_empty() {
                by.to_owned()
            } else {
                c.captured_by.clone()
            },
        },
    })
}

/// Saves a proposal under the mutation id `id`, made `now`: read, checked
/// against the case's debtor here (normalized: phones in E.164, postcodes
/// "00-000"), its visit one saved on this device for the case, and
/// recorded with its timeline line and outbox entry in one transaction.
pub fn propose_contact(
    store: &mut Store,
    now: NaiveDateTime,
    id: Uuid,
    form: &ContactForm,
) -> Result<ContactSaved, CommandError> {
    let case: CaseId = form
        .case_id
        .parse()
        .map_err(|_| CommandError::invalid(Field::CaseId, Reason::MalformedId))?;
    let file = store
        .case_file(case)
        .map_err(storage_error)?
        .ok_or_else(|| CommandError::NotFound {
            what: api::Missing::Case,
            key: Some(case.to_string()),
        })?;
    let me = author(store)?;
    if form.changes.len() > domain::contact::MAX_CHANGES {
        return Err(CommandError::invalid(
            Field::ContactChanges,
            Reason::TooMany,
        ));
    }
    let visit = match form.visit_id.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => {
            let v: Uuid = v
                .parse()
                .map_err(|_| CommandError::invalid(Field::ContactVisit, Reason::MalformedId))?;
            let known = store.visits(case).map_err(storage_error)?;
            if !known.iter().any(|r| r.id == v) {
                return Err(CommandError::invalid(
                    Field::ContactVisit,
                    Reason::UnknownEntry,
                ));
            }
            Some(v)
        }
    };
    let proposal = ContactProposal {
        changes: form
            .changes
            .iter()
            .map(|c| change_of(c, &me, now))
            .collect::<Result<_, _>>()?,
        visit,
        note: form.note.clone(),
    };
    let checked = check(&file.debtor, &proposal, now).map_err(|e| contact_error(&e))?;
    let line = timeline_line(&checked);
    let body = ContactBody::of(&checked);
    let record_kept = ContactRecord {
        id,
        made_at: now,
        author: me,
        states: vec![ChangeState::proposed(); checked.changes.len()],
        proposal: checked,
    };
    let capture = Capture {
        contact: Some(record_kept),
        ..Capture::new(MutationKind::Contact, id, case, now, body, line.clone())
    };
    record(store, capture)?;
    Ok(ContactSaved {
        id: id.to_string(),
        line,
    })
}
