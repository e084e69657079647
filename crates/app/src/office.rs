//! The back office's inbox ("Skrzynka", issue #12), online only like the
//! team lead's page: a page of everything the field sent, one item with
//! what it is about, and the actions — decide a contact proposal's change
//! (as proposed, as corrected, or rejected with a comment), register a
//! settlement, book a door payment, save a signed PDF for the viewer.
//!
//! The server decides: every action reads the item as the server has it
//! now (never the screen's copy), and a decision made before is answered
//! as [`CommandError::HandledBefore`] with who and when. What the device
//! checks first (a comment to reject, a corrected value's format) only
//! spares a round trip; the server checks it again.

use crate::team::command_error;
use crate::{invalid, storage_error};
use api::{
    ChainState, ChangeDecisionForm, ChangeValues, ChangeVerdict, CommandError, ContactEdit,
    ContactProposalView, DoorPaymentView, Field, FixView, InboxCount, InboxCursor, InboxDetailView,
    InboxItemRequest, InboxItemView, InboxKindCode, InboxPage, InboxQuery, InboxRow,
    InboxStateCode, PhotoRecordView, ProposalView, Reason, ReceiptState, SettlementCheckView,
    Status, ValueProblem, VisitContact, VisitOutcome, VisitReportView,
};
use domain::validate::{normalize_email, normalize_phone, normalize_postal_code, phone_kind};
use std::path::{Path, PathBuf};
use store::Store;
use sync_client::{OfficeApi, Pdf, SyncError};
use sync_proto::{
    AttachmentRecordDto, ChainCheck, ChangeDecisionDto, ChangeKind, ContactChangeDto,
    ContactVerdict, DecideContactRequest, FieldPaymentState, FieldStateCode, InboxAfter,
    InboxDetail, InboxDetailDto, InboxItemDto, InboxItemQuery, InboxKind, InboxRequest, InboxState,
    PhoneKindCode, VisitRecordDto, INBOX_PAGE_MAX,
};
use uuid::Uuid;

/// The most characters of a comment on a decision (the server's limit).
const MAX_COMMENT: usize = 2000;

/// The token of a logged-in back office; anyone else may not.
fn office_token(store: &Store) -> Result<String, CommandError> {
    let token = store
        .sync_value("token")
        .map_err(storage_error)?
        .ok_or(CommandError::LoginRequired)?;
    if !crate::login::is_back_office(store).map_err(storage_error)? {
        return Err(CommandError::Forbidden);
    }
    Ok(token)
}

fn id_of(s: &str) -> Result<Uuid, CommandError> {
    s.trim()
        .parse()
        .map_err(|_| invalid(Field::InboxItem, Reason::MalformedId))
}

/// The wire's kind of a screen's kind.
pub fn wire_kind(k: InboxKindCode) -> InboxKind {
    match k {
        InboxKindCode::Visit => InboxKind::Visit,
        InboxKindCode::Contact => InboxKind::Contact,
        InboxKindCode::Settlement => InboxKind::Settlement,
        InboxKindCode::Message => InboxKind::Message,
        InboxKindCode::DoorPayment => InboxKind::DoorPayment,
    }
}

/// The screen's kind of a wire kind; `None` for a kind this build does not
/// know (a newer server).
pub fn kind_code(k: &InboxKind) -> Option<InboxKindCode> {
    InboxKindCode::ALL.into_iter().find(|c| &wire_kind(*c) == k)
}

fn wire_state(s: InboxStateCode) -> InboxState {
    match s {
        InboxStateCode::New => InboxState::New,
        InboxStateCode::Decided => InboxState::Decided,
        InboxStateCode::Registered => InboxState::Registered,
        InboxStateCode::Booked => InboxState::Booked,
        InboxStateCode::Answered => InboxState::Answered,
    }
}

fn state_code(s: &InboxState) -> Option<InboxStateCode> {
    InboxStateCode::ALL
        .into_iter()
        .find(|c| &wire_state(*c) == s)
}

/// An inbox line as the screen shows it; `None` for a kind or state this
/// build does not know, which it could not act on.
fn row(i: &InboxItemDto) -> Option<InboxRow> {
    Some(InboxRow {
        id: i.id.to_string(),
        kind: kind_code(&i.kind)?,
        case_id: i.case_id.to_string(),
        advisor_id: i.advisor_id.to_string(),
        received_at: i.received_at,
        device_at: i.device_at,
        summary: i.summary.clone(),
        state: state_code(&i.state)?,
        decided_by: i.decided_by.map(|u| u.to_string()),
        decided_at: i.decided_at,
        advisor_name: i.advisor_name.clone(),
        decided_by_name: i.decided_by_name.clone(),
    })
}

/// A page of the inbox, newest first, with the counts per kind. The dates
/// are checked here (the end not before the start); the server caps the
/// page at [`INBOX_PAGE_MAX`] whatever is asked.
pub fn inbox(
    store: &Store,
    api: &mut dyn OfficeApi,
    q: &InboxQuery,
) -> Result<InboxPage, CommandError> {
    let token = office_token(store)?;
    if let (Some(from), Some(to)) = (q.from, q.to) {
        if to < from {
            return Err(invalid(Field::Date, Reason::EndsBeforeStart));
        }
    }
    let advisor = match q.advisor.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(a) => Some(
            a.parse()
                .map_err(|_| invalid(Field::InboxItem, Reason::MalformedId))?,
        ),
    };
    let after = match &q.after {
        None => None,
        Some(c) => Some(InboxAfter {
            received_at: c.received_at,
            id: id_of(&c.id)?,
            kind: wire_kind(c.kind),
        }),
    };
    let req = InboxRequest {
        kind: q.kind.map(wire_kind),
        advisor,
        state: q.state.map(wire_state),
        from: q.from,
        to: q.to,
        after,
        limit: q.limit.clamp(1, INBOX_PAGE_MAX),
    };
    let page = api.inbox(&token, &req).map_err(command_error)?;
    Ok(InboxPage {
        items: page.items.iter().filter_map(row).collect(),
        // A cursor of a kind this build does not know cannot be handed
        // back typed: the list ends there (a newer server's kind).
        next: page.next.and_then(|n| {
            Some(InboxCursor {
                received_at: n.received_at,
                id: n.id.to_string(),
                kind: kind_code(&n.kind)?,
            })
        }),
        counts: page
            .counts
            .iter()
            .filter_map(|c| {
                Some(InboxCount {
                    kind: kind_code(&c.kind)?,
                    count: c.count,
                })
            })
            .collect(),
    })
}

fn query_of(req: &InboxItemRequest) -> Result<InboxItemQuery, CommandError> {
    Ok(InboxItemQuery {
        id: id_of(&req.id)?,
        kind: wire_kind(req.kind),
    })
}

/// One inbox item with what it is about, as the server has it now.
pub fn inbox_item(
    store: &Store,
    api: &mut dyn OfficeApi,
    req: &InboxItemRequest,
) -> Result<InboxItemView, CommandError> {
    let token = office_token(store)?;
    let dto = api
        .inbox_item(&token, &query_of(req)?)
        .map_err(command_error)?;
    item_view(dto)
}

fn visit_view(r: &VisitRecordDto, photos: &[AttachmentRecordDto]) -> VisitReportView {
    let report = r.body.report().ok();
    let b = &r.body;
    VisitReportView {
        contact: report.as_ref().and_then(|rep| {
            let k = rep.contact.kind();
            VisitContact::ALL.into_iter().find(|c| c.kind() == k)
        }),
        outcome: report.as_ref().and_then(|rep| {
            let k = rep.result.kind();
            VisitOutcome::ALL.into_iter().find(|o| o.kind() == k)
        }),
        who: b.who.clone(),
        amount: b.amount,
        due_on: b.due_on,
        details: b.details.clone(),
        notes: b.notes.clone(),
        started_at: b.started_at,
        ended_at: b.ended_at,
        received_at: r.received_at,
        fix: b.fix.as_ref().map(|f| FixView {
            lat: f.lat,
            lon: f.lon,
            accuracy_m: f.accuracy_m,
            mock: f.mock,
        }),
        // Anything but a chain the server found whole reads as broken: an
        // unknown verdict is not a proof.
        chain: if r.chain == ChainCheck::Holds {
            ChainState::Holds
        } else {
            ChainState::Broken
        },
        expected_prev: r.expected_prev.clone(),
        sha256: r.sha256.clone(),
        photos: photos
            .iter()
            .filter(|p| p.visit_id == r.id)
            .map(|p| PhotoRecordView {
                id: p.id.to_string(),
                width: p.width,
                height: p.height,
                bytes: p.bytes,
                taken_at: p.taken_at,
            })
            .collect(),
        corrects: b.corrects.map(|c| c.to_string()),
    }
}

fn values_of(c: &ContactChangeDto) -> ChangeValues {
    ChangeValues {
        number: c.number.clone(),
        email: c.email.clone(),
        street: c.street.clone(),
        postal_code: c.postal_code.clone(),
        city: c.city.clone(),
    }
}

fn item_view(dto: InboxDetailDto) -> Result<InboxItemView, CommandError> {
    let unknown = || CommandError::Server {
        message: format!("an inbox item of an unknown kind ({})", dto.item.kind),
    };
    let row = row(&dto.item).ok_or_else(unknown)?;
    let status = domain::CaseStatus::from_code(&dto.status).map(Status::from);
    let detail = match dto.detail {
        InboxDetail::Visit { report, photos } => {
            InboxDetailView::Visit(visit_view(&report, &photos))
        }
        InboxDetail::Contact { record } => {
            let domain_record = record.record().ok_or_else(|| CommandError::Server {
                message: format!("the proposal {} cannot be read", record.id),
            })?;
            InboxDetailView::Contact(ContactProposalView {
                proposal: ProposalView::from(&domain_record),
                values: record.body.changes.iter().map(values_of).collect(),
            })
        }
        InboxDetail::Settlement { check } => InboxDetailView::Settlement(SettlementCheckView {
            holds: check.holds(),
            signature_problem: check.signature_problem,
            signer: check.signer,
            sha256: check.sha256,
            hash_matches: check.hash_matches,
            offer_id: check.offer_id.map(|o| o.to_string()),
            bound: check.bound,
            amends: check.amends.map(|a| a.to_string()),
            place: check.place,
            pdf_bytes: check.pdf_bytes,
        }),
        InboxDetail::Message { thread, photos } => {
            InboxDetailView::Message(crate::consult::office_view(sync_proto::ThreadView {
                case_id: dto.item.case_id,
                case_number: dto.case_number.clone(),
                debtor: dto.debtor.clone(),
                advisor_id: dto.item.advisor_id,
                thread,
                photos,
            }))
        }
        InboxDetail::DoorPayment { report, field } => {
            InboxDetailView::DoorPayment(DoorPaymentView {
                receipt_number: field
                    .as_ref()
                    .map(|f| f.number.clone())
                    .or_else(|| report.body.receipt.clone()),
                amount: field.as_ref().map(|f| f.amount).or(report.body.amount),
                taken_on: field.as_ref().map(|f| f.taken_on),
                receipt_state: field.as_ref().and_then(|f| match f.state {
                    FieldPaymentState::Field => Some(ReceiptState::Field),
                    FieldPaymentState::Booked => Some(ReceiptState::Booked),
                    FieldPaymentState::Unknown(_) => None,
                }),
                booked_on: field.as_ref().and_then(|f| f.booked_on),
                report: visit_view(&report, &[]),
            })
        }
    };
    Ok(InboxItemView {
        row,
        case_number: dto.case_number,
        debtor: dto.debtor,
        status,
        detail,
    })
}

/// Who handled an item before and when, read back from the server after
/// its 409 (its message is for the log, not for the screen).
fn handled_before(
    api: &mut dyn OfficeApi,
    token: &str,
    q: &InboxItemQuery,
    index: Option<usize>,
) -> CommandError {
    let dto = match api.inbox_item(token, q) {
        Ok(d) => d,
        Err(e) => return command_error(e),
    };
    if let (Some(i), InboxDetail::Contact { record }) = (index, &dto.detail) {
        if let Some(s) = record.states.get(i) {
            return CommandError::HandledBefore {
                by: s.by.clone(),
                at: s.at,
            };
        }
    }
    CommandError::HandledBefore {
        by: dto
            .item
            .decided_by
            .map(|u| u.to_string())
            .unwrap_or_default(),
        at: dto.item.decided_at,
    }
}

/// Registers a signed settlement (after the server verified it again) or
/// books a door payment (at the amount the server recorded), once.
pub fn inbox_handle(
    store: &Store,
    api: &mut dyn OfficeApi,
    req: &InboxItemRequest,
) -> Result<InboxItemView, CommandError> {
    if !matches!(
        req.kind,
        InboxKindCode::Settlement | InboxKindCode::DoorPayment
    ) {
        return Err(invalid(Field::InboxItem, Reason::NotAvailable));
    }
    let token = office_token(store)?;
    let q = query_of(req)?;
    match api.inbox_handle(&token, &q) {
        Ok(dto) => item_view(dto),
        Err(SyncError::Refused { status: 409, .. }) => Err(handled_before(api, &token, &q, None)),
        Err(e) => Err(command_error(e)),
    }
}

fn text_of(t: &Option<String>, field: Field) -> Result<String, CommandError> {
    match t.as_deref().map(str::trim) {
        None | Some("") => Err(invalid(field, Reason::Required)),
        Some(s) => Ok(s.to_owned()),
    }
}

fn value_error(field: Field, e: &domain::validate::ValidationError) -> CommandError {
    invalid(
        field,
        ValueProblem::of(e).map_or(Reason::Malformed, Reason::Value),
    )
}

/// The proposed change as the back office corrected it: the same kind on
/// the same entry, its value through the domain's validators (the server
/// checks the whole change again against its debtor).
pub fn edited_change(
    orig: &ContactChangeDto,
    edit: &ContactEdit,
) -> Result<ContactChangeDto, CommandError> {
    let mut c = orig.clone();
    match orig.kind {
        ChangeKind::Phone => {
            let raw = text_of(&edit.number, Field::ContactPhone)?;
            let n = normalize_phone(&raw).map_err(|e| value_error(Field::ContactPhone, &e))?;
            c.phone_kind = Some(PhoneKindCode::of(phone_kind(&n)));
            c.number = Some(n);
        }
        ChangeKind::Email => {
            let raw = text_of(&edit.email, Field::ContactEmail)?;
            c.email =
                Some(normalize_email(&raw).map_err(|e| value_error(Field::ContactEmail, &e))?);
        }
        ChangeKind::Address => {
            c.street = Some(text_of(&edit.street, Field::ContactStreet)?);
            let raw = text_of(&edit.postal_code, Field::ContactPostalCode)?;
            c.postal_code = Some(
                normalize_postal_code(&raw)
                    .map_err(|e| value_error(Field::ContactPostalCode, &e))?,
            );
            c.city = Some(text_of(&edit.city, Field::ContactCity)?);
        }
        // A consent is the client's word: taken or refused as given.
        ChangeKind::Consent | ChangeKind::Unknown(_) => {
            return Err(invalid(Field::ContactChanges, Reason::NotAvailable))
        }
    }
    Ok(c)
}

/// Decides one change of a contact proposal: "Przyjmij" (as proposed),
/// "Popraw i przyjmij" (as corrected) or "Odrzuć" (a comment required,
/// checked before anything is sent). Answers the item as stored after.
pub fn decide_change(
    store: &Store,
    api: &mut dyn OfficeApi,
    form: &ChangeDecisionForm,
) -> Result<InboxItemView, CommandError> {
    let comment = form.comment.trim();
    if form.verdict == ChangeVerdict::Reject && comment.is_empty() {
        return Err(invalid(Field::InboxComment, Reason::Required));
    }
    if comment.chars().count() > MAX_COMMENT {
        return Err(invalid(Field::InboxComment, Reason::TooLong));
    }
    let token = office_token(store)?;
    let q = InboxItemQuery {
        id: id_of(&form.item_id)?,
        kind: InboxKind::Contact,
    };
    // The proposal as the server has it now, never the screen's copy.
    let dto = api.inbox_item(&token, &q).map_err(command_error)?;
    let InboxDetail::Contact { record } = &dto.detail else {
        return Err(invalid(Field::InboxItem, Reason::NotAvailable));
    };
    let (Some(orig), Some(state)) = (
        record.body.changes.get(form.index),
        record.states.get(form.index),
    ) else {
        return Err(invalid(Field::ContactChanges, Reason::UnknownEntry));
    };
    if state.state != FieldStateCode::Proposed {
        return Err(CommandError::HandledBefore {
            by: state.by.clone(),
            at: state.at,
        });
    }
    let edited = match form.verdict {
        ChangeVerdict::AcceptEdited => {
            let edit = form
                .edited
                .as_ref()
                .ok_or(invalid(Field::ContactChanges, Reason::Required))?;
            Some(edited_change(orig, edit)?)
        }
        ChangeVerdict::Accept | ChangeVerdict::Reject => None,
    };
    let req = DecideContactRequest {
        case_id: dto.item.case_id,
        proposal_id: q.id,
        decisions: vec![ChangeDecisionDto {
            index: form.index,
            verdict: if form.verdict == ChangeVerdict::Reject {
                ContactVerdict::Reject
            } else {
                ContactVerdict::Accept
            },
            comment: comment.to_owned(),
            edited,
        }],
    };
    match api.decide_contact(&token, &req) {
        Ok(_) => {}
        Err(SyncError::Refused { status: 409, .. }) => {
            return Err(handled_before(api, &token, &q, Some(form.index)))
        }
        Err(e) => return Err(command_error(e)),
    }
    let after = api.inbox_item(&token, &q).map_err(command_error)?;
    item_view(after)
}

/// Fetches the signed PDF of a settlement or of a door receipt and saves
/// it into `dir` (for the system viewer); answers its path and size.
pub fn save_pdf(
    store: &Store,
    api: &mut dyn OfficeApi,
    dir: &Path,
    req: &InboxItemRequest,
) -> Result<(PathBuf, u64), CommandError> {
    let (which, name) = match req.kind {
        InboxKindCode::Settlement => (Pdf::Settlement, "ugoda"),
        InboxKindCode::DoorPayment => (Pdf::Receipt, "potwierdzenie-wplaty"),
        _ => return Err(invalid(Field::InboxItem, Reason::NotAvailable)),
    };
    let token = office_token(store)?;
    let id = id_of(&req.id)?;
    let pdf = api.pdf(&token, which, id).map_err(command_error)?;
    if !pdf.starts_with(b"%PDF-") {
        return Err(CommandError::Server {
            message: "the server's answer is not a PDF".into(),
        });
    }
    let io = |e: std::io::Error| CommandError::Storage {
        message: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let path = dir.join(format!("{name}-{id}.pdf"));
    std::fs::write(&path, &pdf).map_err(io)?;
    Ok((path, pdf.len() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phone(number: &str) -> ContactChangeDto {
        ContactChangeDto {
            number: Some(number.into()),
            phone_kind: Some(PhoneKindCode::Mobile),
            primary: true,
            ..ContactChangeDto::empty(ChangeKind::Phone)
        }
    }

    #[test]
    fn a_corrected_phone_is_normalized_and_keeps_its_entry() {
        let orig = phone("+48601234567");
        let edit = ContactEdit {
            number: Some(" 22 123 45 67 ".into()),
            ..ContactEdit::default()
        };
        let c = edited_change(&orig, &edit).unwrap();
        assert_eq!(c.number.as_deref(), Some("+48221234567"));
        assert_eq!(c.phone_kind, Some(PhoneKindCode::Landline));
        assert_eq!(
            (c.kind, c.target, c.primary),
            (orig.kind, orig.target, true)
        );
    }

    #[test]
    fn a_corrected_value_the_validator_refuses_names_its_field() {
        let orig = phone("+48601234567");
        let short = ContactEdit {
            number: Some("601 23".into()),
            ..ContactEdit::default()
        };
        assert_eq!(
            edited_change(&orig, &short),
            Err(invalid(
                Field::ContactPhone,
                Reason::Value(ValueProblem::PhoneLength)
            ))
        );
        let empty = ContactEdit::default();
        assert_eq!(
            edited_change(&orig, &empty),
            Err(invalid(Field::ContactPhone, Reason::Required))
        );
        let consent = ContactChangeDto {
            kind: ChangeKind::Consent,
            ..phone("x")
        };
        assert_eq!(
            edited_change(&consent, &short),
            Err(invalid(Field::ContactChanges, Reason::NotAvailable))
        );
    }

    #[test]
    fn every_kind_and_state_crosses_to_the_wire_and_back() {
        for k in InboxKindCode::ALL {
            assert_eq!(kind_code(&wire_kind(k)), Some(k));
        }
        for s in InboxStateCode::ALL {
            assert_eq!(state_code(&wire_state(s)), Some(s));
        }
        assert_eq!(kind_code(&InboxKind::Unknown("fax".into())), None);
    }
}
