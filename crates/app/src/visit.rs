//! The visit report (issue 11): started on a case (the device's time),
//! saved once with the platform's position fix, checked by the domain's
//! one check (`domain::visit::check`, which the server runs again), its
//! status move decided by `domain::visit::status_after` and recorded
//! through [`crate::capture::record`] with its link in the device's hash
//! chain. A bad input is a typed error on its field; nothing is written.

use crate::capture::{record_with_photos, Capture};
use crate::storage_error;
use api::{
    CaseRequest, CommandError, DoorCase, Field, IdentityFactCode, IdentityForm, PromiseChannel,
    Reason, VisitContact, VisitDetail, VisitForm, VisitOutcome, VisitSaved, VisitStart,
};
use chrono::NaiveDateTime;
use domain::identity::{confirm, IdentityClaim, IdentityError, IdentityFact};
use domain::visit::{
    check, check_at_door, status_after, timeline_line, AddressProblem, Contact, DoorPolicy, Nobody,
    PayChannel, ThirdParty, VisitError, VisitField, VisitReport, VisitResult,
};
use domain::{ActivityKind, CaseId, Money};
use store::Store;
use sync_proto::{FixDto, MutationKind, VisitBody};
use uuid::Uuid;

/// A position fix as the platform gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub lat: f64,
    pub lon: f64,
    /// The accuracy radius in metres.
    pub accuracy_m: f64,
    /// Which provider answered ("gps", "network", ...).
    pub provider: String,
    /// The platform says the position comes from a mock provider.
    pub mock: bool,
}

/// Where the device is, if the platform can tell. On mobile this is
/// `tauri-plugin-geolocation` (in src-tauri, the only code that names
/// tauri); on desktop and in tests it is [`NoFix`]: no fix is recorded as
/// no fix, never invented.
pub trait Position {
    fn fix(&self) -> Option<Fix>;
}

/// The platform that has no position (desktop, tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct NoFix;

impl Position for NoFix {
    fn fix(&self) -> Option<Fix> {
        None
    }
}

fn case_id(s: &str) -> Result<CaseId, CommandError> {
    s.parse()
        .map_err(|_| CommandError::invalid(Field::CaseId, Reason::MalformedId))
}

fn case_status(store: &Store, id: CaseId) -> Result<domain::CaseStatus, CommandError> {
    store
        .case_file(id)
        .map_err(storage_error)?
        .map(|f| f.case.status)
        .ok_or_else(|| CommandError::NotFound {
            what: api::Missing::Case,
            key: Some(id.to_string()),
        })
}

/// Starts a visit on a case: the device's time, which the form sends back
/// as the visit's start.
pub fn start_visit(
    store: &Store,
    now: NaiveDateTime,
    req: &CaseRequest,
) -> Result<VisitStart, CommandError> {
    let id = case_id(&req.case_id)?;
    Ok(VisitStart {
        case_id: id.to_string(),
        started_at: now,
        status: case_status(store, id)?.into(),
    })
}

/// The api field of a part of a report.
pub fn field_of(f: VisitField) -> Field {
    match f {
        VisitField::Contact => Field::VisitContact,
        VisitField::Who => Field::VisitWho,
        VisitField::Result => Field::VisitOutcome,
        VisitField::Amount => Field::VisitAmount,
        VisitField::DueOn => Field::VisitDueOn,
        VisitField::Channel => Field::VisitChannel,
        VisitField::Receipt => Field::VisitReceipt,
        VisitField::Settlement => Field::VisitSettlement,
        VisitField::Details => Field::VisitDetails,
        VisitField::RevisitOn => Field::VisitRevisitOn,
        VisitField::Window => Field::VisitWindow,
        VisitField::Notes => Field::VisitNotes,
        VisitField::NextStep => Field::VisitNextStep,
        VisitField::FollowUp => Field::VisitFollowUp,
        VisitField::StartedAt | VisitField::EndedAt => Field::VisitTimes,
        VisitField::Corrects => Field::VisitCorrects,
        VisitField::Identity => Field::VisitIdentity,
    }
}

/// The typed error of a report the domain refuses.
pub fn visit_error(e: &VisitError) -> CommandError {
    if let VisitError::Identity(i) = e {
        return identity_error(*i);
    }
    let code = match e {
        VisitError::NotAllowed { .. } => Reason::NotAllowedForContact,
        VisitError::Required(_) => Reason::Required,
        VisitError::TooLong(_) => Reason::TooLong,
        VisitError::OutOfRange(VisitField::EndedAt) => Reason::EndsBeforeStart,
        VisitError::Amount(_) | VisitError::OutOfRange(_) => Reason::OutOfRange,
        VisitError::AboveDoorLimit { max } => Reason::AboveDoorLimit {
            max_grosze: max.grosze(),
        },
        VisitError::Identity(_) => Reason::NotTheDebtor,
    };
    CommandError::invalid(field_of(e.field()), code)
}

/// The typed error of a doorstep identity check that failed: on the name
/// or on the fact.
fn identity_error(e: IdentityError) -> CommandError {
    let (field, reason) = match e {
        IdentityError::NameMissing => (Field::VisitIdentity, Reason::Required),
        IdentityError::NameMismatch => (Field::VisitIdentity, Reason::NotTheDebtor),
        IdentityError::PeselEndMalformed => (Field::VisitIdentityFact, Reason::Malformed),
        IdentityError::FactMismatch => (Field::VisitIdentityFact, Reason::NotTheDebtor),
        IdentityError::FactUnknown => (Field::VisitIdentityFact, Reason::FactUnknown),
    };
    CommandError::invalid(field, reason)
}

/// The claim the identity form types: a birth date in Polish format
/// ("15.07.1985") or the PESEL's last four digits.
pub fn claim_of(f: &IdentityForm) -> Result<IdentityClaim, CommandError> {
    let value = f.value.trim();
    let fact = match f.fact {
        IdentityFactCode::BirthDate => IdentityFact::BirthDate(
            chrono::NaiveDate::parse_from_str(value, "%d.%m.%Y")
                .or_else(|_| chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d"))
                .map_err(|_| CommandError::invalid(Field::VisitIdentityFact, Reason::Malformed))?,
        ),
        IdentityFactCode::PeselEnd => IdentityFact::PeselEnd(value.to_owned()),
    };
    Ok(IdentityClaim {
        name: f.name.clone(),
        fact,
    })
}

/// The doorstep identity check: the case as the visit screen may show it
/// once the person is confirmed as the debtor; an error on the name or the
/// fact otherwise, and nothing about the debt.
pub fn confirm_identity(store: &Store, form: &IdentityForm) -> Result<DoorCase, CommandError> {
    let file = crate::get_case::case_file(store, case_id(&form.case_id)?)?;
    confirm(&file.debtor, &claim_of(form)?).map_err(identity_error)?;
    let mut history: Vec<_> = file.activities.iter().collect();
    history.sort_by_key(|a| std::cmp::Reverse(a.at));
    let creditors: Vec<&str> = file
        .debts
        .iter()
        .map(|d| d.original_creditor.as_str())
        .fold(Vec::new(), |mut v, c| {
            if !v.contains(&c) {
                v.push(c);
            }
            v
        });
    Ok(DoorCase {
        creditor: creditors.join(", "),
        outstanding: domain::format::format_pln(file.outstanding().total()),
        history: history
            .into_iter()
            .take(5)
            .map(|a| format!("{} {}", a.at.format("%d.%m.%Y"), a.summary))
            .collect(),
    })
}

fn required<T: Copy>(v: Option<T>, field: Field) -> Result<T, CommandError> {
    v.ok_or(CommandError::invalid(field, Reason::Required))
}

/// A typed amount: Polish format, then the engine's range
/// (`domain::offer::input_amount`: two places, not negative, the ceiling).
fn amount(text: &str) -> Result<Money, CommandError> {
    let m = domain::validate::parse_amount(text)
        .map_err(|e| CommandError::invalid(Field::VisitAmount, (&e).into()))?;
    domain::offer::input_amount(m.amount()).ok_or(CommandError::invalid(
        Field::VisitAmount,
        Reason::OutOfRange,
    ))
}

fn contact(f: &VisitForm) -> Result<Contact, CommandError> {
    use VisitDetail as D;
    let c = required(f.contact, Field::VisitContact)?;
    let wrong = || CommandError::invalid(Field::VisitDetail, Reason::Required);
    Ok(match c {
        VisitContact::RightParty => Contact::RightParty,
        VisitContact::Deceased => Contact::Deceased,
        VisitContact::ThirdParty => Contact::ThirdParty {
            who: match f.detail {
                Some(D::HouseholdMember) => ThirdParty::HouseholdMember,
                Some(D::Neighbour) => ThirdParty::Neighbour,
                Some(D::Other) => ThirdParty::Other,
                _ => return Err(wrong()),
            },
            description: f.who.trim().to_owned(),
        },
        VisitContact::Nobody => Contact::Nobody(match f.detail {
            Some(D::NotAtHome) => Nobody::NotAtHome,
            Some(D::NoAnswer) => Nobody::NoAnswer,
            _ => return Err(wrong()),
        }),
        VisitContact::AddressInvalid => Contact::AddressInvalid(match f.detail {
            Some(D::Moved) => AddressProblem::Moved,
            Some(D::WrongAddress) => AddressProblem::WrongAddress,
            Some(D::Empty) => AddressProblem::Empty,
            Some(D::Demolished) => AddressProblem::Demolished,
            _ => return Err(wrong()),
        }),
    })
}

fn result(f: &VisitForm) -> Result<VisitResult, CommandError> {
    let text = |t: &str| t.trim().to_owned();
    Ok(match required(f.outcome, Field::VisitOutcome)? {
        VisitOutcome::PromiseToPay => VisitResult::PromiseToPay {
            amount: amount(&f.amount)?,
            due_on: required(f.due_on, Field::VisitDueOn)?,
            channel: match required(f.channel, Field::VisitChannel)? {
                PromiseChannel::BankTransfer => PayChannel::BankTransfer,
                PromiseChannel::PostOffice => PayChannel::PostOffice,
                PromiseChannel::Online => PayChannel::Online,
                PromiseChannel::Cash => PayChannel::Cash,
            },
        },
        VisitOutcome::PaidAtDoor => VisitResult::PaidAtDoor {
            amount: amount(&f.amount)?,
            receipt: text(&f.receipt),
        },
        VisitOutcome::SettlementSigned => VisitResult::SettlementSigned {
            settlement: f
                .settlement_id
                .as_deref()
                .ok_or(CommandError::invalid(
                    Field::VisitSettlement,
                    Reason::Required,
                ))?
                .parse()
                .map_err(|_| CommandError::invalid(Field::VisitSettlement, Reason::MalformedId))?,
        },
        VisitOutcome::Refused => VisitResult::Refused {
            reason: text(&f.details),
        },
        VisitOutcome::Dispute => VisitResult::Dispute {
            what: text(&f.details),
        },
        VisitOutcome::Hardship => VisitResult::Hardship {
            what: text(&f.details),
        },
        VisitOutcome::Revisit => VisitResult::Revisit {
            on: required(f.revisit_on, Field::VisitRevisitOn)?,
            from: required(f.window_from, Field::VisitWindow)?,
            until: required(f.window_until, Field::VisitWindow)?,
        },
        VisitOutcome::Nothing => VisitResult::Nothing,
    })
}

/// The report the form describes, ended `now`.
pub fn report_of(f: &VisitForm, now: NaiveDateTime) -> Result<VisitReport, CommandError> {
    let contact = contact(f)?;
    let result = result(f)?;
    let corrects = match f.corrects.as_deref() {
        None | Some("") => None,
        Some(s) => Some(
            s.parse::<Uuid>()
                .map_err(|_| CommandError::invalid(Field::VisitCorrects, Reason::MalformedId))?,
        ),
    };
    // Only the debtor in person is asked; answers kept from an earlier
    // choice on the screen go nowhere else.
    let identity = match contact {
        Contact::RightParty => f.identity.as_ref().map(claim_of).transpose()?,
        _ => None,
    };
    let report = VisitReport {
        identity,
        contact,
        result,
        notes: f.notes.trim().to_owned(),
        next_step: f.next_step.trim().to_owned(),
        follow_up: f.follow_up,
        started_at: f.started_at.unwrap_or(now),
        ended_at: now,
        corrects,
    };
    check(&report).map_err(|e| visit_error(&e))?;
    Ok(report)
}

/// Saves a visit report under the mutation id `id`, ended `now`: checked,
/// its status move decided by the workflow (a refused move is an error on
/// the result, nothing saved), the fix of `position` taken, chained to the
/// device's previous report, and recorded with its timeline line and
/// outbox entry in one transaction. A correction must name a report saved
/// on this device for the same case. The form's photos (at most
/// `evidence::MAX_PER_VISIT`, each passing `evidence::check`) are recorded
/// in the same transaction, each an "attachment" queued after the report,
/// under ids derived from `id` (`photos::photo_id`).
pub fn record_visit(
    store: &mut Store,
    now: NaiveDateTime,
    id: Uuid,
    position: &dyn Position,
    form: &VisitForm,
) -> Result<VisitSaved, CommandError> {
    let case = case_id(&form.case_id)?;
    // A payment at the door gets the receipt numbered as the server
    // numbers it, from this report's id and day: never a typed number.
    let paid = form.outcome == Some(VisitOutcome::PaidAtDoor);
    let numbered;
    let form = if paid {
        numbered = VisitForm {
            receipt: settlement::receipt_number(now.date(), id.as_bytes()),
            ..form.clone()
        };
        &numbered
    } else {
        form
    };
    let report = report_of(form, now)?;
    let debtor = crate::get_case::case_file(store, case)?.debtor;
    check_at_door(&report, &debtor, &DoorPolicy::default()).map_err(|e| visit_error(&e))?;
    let from = case_status(store, case)?;
    let moves_to = status_after(from, report.result.kind())
        .map_err(|_| CommandError::invalid(Field::VisitOutcome, Reason::StatusRefused))?;
    if let Some(c) = report.corrects {
        let known = store.visits(case).map_err(storage_error)?;
        if !known.iter().any(|v| v.id == c) {
            return Err(CommandError::invalid(
                Field::VisitCorrects,
                Reason::OutOfRange,
            ));
        }
    }
    let fix = position.fix().map(|f| FixDto {
        lat: f.lat,
        lon: f.lon,
        accuracy_m: f.accuracy_m,
        provider: f.provider,
        mock: f.mock,
    });
    let had_fix = fix.is_some();
    // The photos are checked before anything is written.
    let photos = crate::photos::captures(id, case, now, &form.photos, ActivityKind::Visit)?;
    let saved_photos = photos.len();
    let prev = store.visit_chain_head().map_err(storage_error)?;
    let mut body = VisitBody::of(&report, fix, prev);
    // The receipt, rendered and signed before anything is written.
    let signed = match &report.result {
        VisitResult::PaidAtDoor { amount, .. } => {
            let file = crate::get_case::case_file(store, case)?;
            let strokes = form
                .receipt_strokes
                .as_ref()
                .map(crate::settlement::strokes_from);
            let (dto, row) =
                crate::receipt::sign_receipt(store, now, id, &file, *amount, strokes.as_ref())?;
            body.signed_receipt = Some(dto);
            Some((row, file))
        }
        _ => None,
    };
    let line = timeline_line(&report);
    let promise = domain::visit::promise(&report, domain::PromiseId(id), case);
    let view = signed
        .as_ref()
        .map(|(row, file)| crate::receipt::receipt_view(row, file));
    let capture = Capture {
        activity: ActivityKind::Visit,
        ..Capture::new(MutationKind::Visit, id, case, now, body, line.clone())
    }
    .moving_to(moves_to)
    .promising(promise)
    .with_receipt(signed.map(|(row, _)| row));
    record_with_photos(store, capture, photos)?;
    Ok(VisitSaved {
        id: id.to_string(),
        line,
        status: moves_to.unwrap_or(from).into(),
        fix: had_fix,
        receipt: view,
        photos: saved_photos,
    })
}
