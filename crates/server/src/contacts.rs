//! Contact data as proposals (issue 11): a "contact" mutation is checked
//! with the domain's own check (`domain::contact::check`) against the case
//! as stored, kept on the case (`CaseFileDto::contacts`, every change
//! "proposed") with the server's own timeline line, and travels with the
//! case to every device that holds it. The back office lists the open
//! proposals and decides each change once: an accepted change becomes the
//! debtor's data through `domain::contact::apply`, a rejected one keeps
//! its comment; either way a timeline line, and the case goes into its
//! holder's feed.

use crate::auth::caller;
use crate::handlers::{blocking, parse, require};
use crate::offers::{recent, Refusal};
use crate::{ApiError, ServerState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use chrono::NaiveDateTime;
use domain::contact::{apply, check, describe, timeline_line, ContactError, MAX_COMMENT};
use domain::ContactId;
use server_storage::{Effect, StorageError};
use sync_proto::*;
use uuid::Uuid;

/// What a proposal does to its case, decided from the case as stored now
/// (already checked to be the advisor's and open).
pub fn effect(
    advisor: &str,
    m: &Mutation,
    mut file: CaseFileDto,
    now: NaiveDateTime,
) -> Result<Effect, Refusal> {
    let invalid = |reason: String| Err((RejectCode::InvalidBody, reason));
    let body: ContactBody = serde_json::from_value(m.body.clone()).map_err(|e| {
        (
            RejectCode::InvalidBody,
            format!("malformed contact proposal: {e}"),
        )
    })?;
    // Sizes first, before anything is read further.
    if body.changes.len() > domain::contact::MAX_CHANGES {
        return invalid(format!(
            "a proposal has at most {} changes",
            domain::contact::MAX_CHANGES
        ));
    }
    let proposal = match body.proposal() {
        Ok(p) => p,
        Err((i, field)) => {
            return invalid(format!(
                "change {i}: {field:?} is missing or of an unknown code"
            ))
        }
    };
    let case = crate::offers::stored_case(&file)?;
    let checked = check(&case.debtor, &proposal, now).map_err(|e| refusal(&e))?;
    recent(m.created_at, now, "a contact proposal")?;
    if let Some(v) = checked.visit {
        if !file.visits.iter().any(|r| r.id == v) {
            return invalid(format!(
                "the proposal refers to {v}, which is no visit report of this case"
            ));
        }
    }
    file.activities.push(ActivityDto {
        id: m.id,
        at: m.created_at,
        kind: domain::ActivityKind::Note.code().to_owned(),
        author: advisor.to_owned(),
        summary: timeline_line(&checked),
        received_at: Some(now),
    });
    let body = ContactBody::of(&checked);
    file.contacts.push(ContactRecordDto {
        id: m.id,
        made_at: m.created_at,
        author: advisor.to_owned(),
        states: vec![ChangeStateDto::proposed(); body.changes.len()],
        body,
        received_at: Some(now),
    });
    Ok(Effect::case(file))
}

/// The reason of a proposal the domain refuses, for the receipt.
fn refusal(e: &ContactError) -> (RejectCode, String) {
    use domain::contact::ContactProblem as P;
    let what = match &e.problem {
        P::Invalid(v) => v.to_string(),
        P::Required => "is required".into(),
        P::TooLong => "is too long".into(),
        P::TooMany => "too many".into(),
        P::UnknownTarget => "names no entry of the debtor".into(),
        P::OutOfRange => "is out of range".into(),
    };
    let at = e.index.map(|i| format!("change {i}: ")).unwrap_or_default();
    (
        RejectCode::InvalidBody,
        format!("{at}{:?}: {what}", e.field),
    )
}

/// The id a change adds a new entry under: derived from the proposal and
/// the change, so the same on every computation.
fn new_entry_id(proposal: Uuid, index: usize) -> ContactId {
    ContactId(Uuid::from_u128(
        proposal.as_u128()
            ^ 0xC0A7_0000_0000_0000_0000_0000_0000_0000
            ^ ((index as u128 + 1) << 32),
    ))
}

/// The id of the timeline line of a decision: from the proposal and the
/// first change it decides (each change is decided once).
fn decision_line_id(proposal: Uuid, first: usize) -> Uuid {
    Uuid::from_u128(
        proposal.as_u128()
            ^ 0xDEC1_0000_0000_0000_0000_0000_0000_0000
            ^ ((first as u128 + 1) << 48),
    )
}

/// The back office's decision on changes of one proposal, applied to the
/// case as stored now: each named change must still be proposed (else
/// `AlreadyDecided`, nothing written); accepted changes become the
/// debtor's data through `domain::contact::apply`.
pub fn decide(
    mut file: CaseFileDto,
    req: &DecideContactRequest,
    by: &str,
    at: NaiveDateTime,
) -> Result<CaseFileDto, StorageError> {
    let invalid = |why: &str| Err(StorageError::Invalid(why.to_owned()));
    let Some(pos) = file.contacts.iter().position(|r| r.id == req.proposal_id) else {
        return Err(StorageError::NotFound(format!(
            "proposal {} on this case",
            req.proposal_id
        )));
    };
    let record = file.contacts[pos].clone();
    let Some(domain_record) = record.record() else {
        return Err(StorageError::Corrupt(format!(
            "proposal {} cannot be read",
            record.id
        )));
    };
    if req.decisions.is_empty() || req.decisions.len() > record.states.len() {
        return invalid("decide one to all of the proposal's changes");
    }
    let mut seen = std::collections::HashSet::new();
    for d in &req.decisions {
        if d.index >= record.states.len() || !seen.insert(d.index) {
            return invalid("each change is named once, by its index in the proposal");
        }
        if !d.verdict.is_known() {
            return invalid("a change is accepted (\"accept\") or rejected (\"reject\")");
        }
        if d.verdict == ContactVerdict::Reject && d.comment.trim().is_empty() {
            return invalid("a comment is required to reject a change");
        }
        if d.comment.chars().count() > MAX_COMMENT {
            return invalid("a comment has at most 2000 characters");
        }
        let s = &record.states[d.index];
        if s.state != FieldStateCode::Proposed {
            return Err(StorageError::AlreadyDecided(format!(
                "change {} {} by {} at {}",
                d.index,
                s.state,
                s.by,
                s.at.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
                    .unwrap_or_default()
            )));
        }
    }
    let mut decisions: Vec<&ChangeDecisionDto> = req.decisions.iter().collect();
    decisions.sort_by_key(|d| d.index);
    // Edits, checked as any proposal on the debtor as stored now.
    let mut edited = std::collections::HashMap::new();
    for d in &decisions {
        let Some(e) = &d.edited else { continue };
        if d.verdict != ContactVerdict::Accept {
            return invalid("only an accepted change may be edited");
        }
        let proposed = &record.body.changes[d.index];
        if e.kind != proposed.kind || e.target != proposed.target {
            return invalid("an edit keeps the change's kind and the entry it corrects");
        }
        let one = ContactBody {
            changes: vec![e.clone()],
            visit: None,
            note: String::new(),
        };
        let p = one.proposal().map_err(|(_, field)| {
            StorageError::Invalid(format!(
                "the edit: {field:?} is missing or of an unknown code"
            ))
        })?;
        let case = domain::CaseFile::try_from(&file)
            .map_err(|e| StorageError::Corrupt(format!("the stored case: {e}")))?;
        let checked = check(&case.debtor, &p, at)
            .map_err(|e| StorageError::Invalid(format!("the edit: {}", refusal(&e).1)))?;
        edited.insert(d.index, checked.changes[0].clone());
    }
    let change_of = |i: usize| edited.get(&i).unwrap_or(&domain_record.proposal.changes[i]);
    let accepted: Vec<(ContactId, &domain::contact::ContactChange)> = decisions
        .iter()
        .filter(|d| d.verdict == ContactVerdict::Accept)
        .map(|d| (new_entry_id(record.id, d.index), change_of(d.index)))
        .collect();
    if !accepted.is_empty() {
        let case = domain::CaseFile::try_from(&file)
            .map_err(|e| StorageError::Corrupt(format!("the stored case: {e}")))?;
        let debtor = apply(case.debtor.clone(), accepted);
        let written = CaseFileDto::from(&domain::CaseFile { debtor, ..case });
        file.debtor = written.debtor;
    }
    let mut words = Vec::new();
    for d in &decisions {
        let change = describe(&domain_record.proposal.changes[d.index]);
        let correction = edited
            .get(&d.index)
            .map(|e| format!("poprawiono na: {}", describe(e)));
        let comment = match (d.comment.trim(), &correction) {
            ("", Some(c)) => c.clone(),
            (t, Some(c)) => format!("{c}; {t}"),
            (t, None) => t.to_owned(),
        };
        let comment = comment.as_str();
        words.push(match (&d.verdict, comment.is_empty()) {
            (ContactVerdict::Accept, true) => format!("przyjęto: {change}"),
            (ContactVerdict::Accept, false) => format!("przyjęto: {change} ({comment})"),
            _ => format!("odrzucono: {change} ({comment})"),
        });
        file.contacts[pos].states[d.index] = ChangeStateDto {
            state: match d.verdict {
                ContactVerdict::Accept => FieldStateCode::Accepted,
                _ => FieldStateCode::Rejected,
            },
            comment: comment.to_owned(),
            by: by.to_owned(),
            at: Some(at),
        };
    }
    file.activities.push(ActivityDto {
        id: decision_line_id(record.id, decisions[0].index),
        at,
        kind: domain::ActivityKind::Note.code().to_owned(),
        author: by.to_owned(),
        summary: format!("Dane kontaktowe, decyzja biura: {}", words.join("; ")),
        // Written by the server: `at` is the server's time already.
        received_at: None,
    });
    Ok(file)
}

/// Back office: the proposals still to decide, oldest first.
pub async fn open(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<OpenContactsResponse>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::BackOffice, Role::Admin])?;
    // A page of cases (`{}`: the first 100); a malformed body is a 400.
    let req: OpenContactsRequest = parse(body)?;
    if !(1..=100).contains(&req.limit) || req.offset > 100_000 {
        return Err(ApiError::bad_request(
            "limit must be 1 to 100 and offset at most 100000",
        ));
    }
    let storage = state.storage.clone();
    let cases = blocking(move || storage.open_contacts(req.offset, req.limit)).await?;
    let mut proposals: Vec<OpenContactDto> = cases
        .iter()
        .flat_map(|f| {
            f.contacts
                .iter()
                .filter(|r| r.is_open())
                .map(move |r| OpenContactDto {
                    case_id: f.id,
                    case_number: f.number.clone(),
                    advisor_id: f.advisor_id,
                    debtor: format!("{} {}", f.debtor.first_name, f.debtor.last_name),
                    record: r.clone(),
                })
        })
        .collect();
    proposals.sort_by_key(|p| (p.record.received_at, p.record.id));
    Ok(Json(OpenContactsResponse { proposals }))
}

/// Back office: accept or reject changes of one proposal; answers the
/// proposal with its states as stored.
pub async fn decide_changes(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ContactRecordDto>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::BackOffice, Role::Admin])?;
    let req: DecideContactRequest = parse(body)?;
    let at = (state.clock)();
    let (by, by_id) = (c.user.name.clone(), c.user.id);
    let storage = state.storage.clone();
    let id = req.proposal_id;
    // The proposal's inbox item is handled once its last change is decided.
    let file = blocking(move || {
        storage.change_case_handling(
            req.case_id,
            &|file| {
                let file = decide(file, &req, &by, at)?;
                let done = file.contacts.iter().any(|r| r.id == id && !r.is_open());
                let handled = if done {
                    vec![(id, InboxKind::Contact)]
                } else {
                    Vec::new()
                };
                Ok((file, handled))
            },
            by_id,
            at,
        )
    })
    .await?;
    let record = file
        .contacts
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| ApiError::internal("the decided proposal is gone"))?;
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::ContactDecision,
        id,
        format!("case {}", file.id),
    )
    .await;
    Ok(Json(record))
}
