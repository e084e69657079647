//! The consultation thread (issue 12). On the advisor's device: a question
//! to the office, asked offline through [`crate::capture::record`] (its
//! timeline line and its outbox entry in one transaction) and delivered
//! once, in order; the case's thread as the server last sent it, with what
//! waits on the device (queued, or refused with the server's reason and
//! its text kept to send again); answers read, told to the server by a
//! "message_read" mutation. For the office (back office or team lead,
//! online only): the paged list, one thread, answer, close and urgent.

use crate::capture::{record, Capture};
use crate::team::command_error;
use crate::{json_error, storage_error};
use api::{
    AskForm, CaseRequest, CommandError, Field, MessageAuthor, MessageSaved, MessageState,
    MessageView, OfficeAnswerForm, OfficeThreadRow, OfficeThreadView, OfficeThreadsPage,
    OfficeThreadsQuery, OfficeUrgentForm, Reason, ResendRequest, ThreadPanel, ThreadRow,
};
use chrono::NaiveDateTime;
use domain::message::{check, preview, timeline_line, Author, Message, MessageError, ThreadState};
use domain::{CaseFile, CaseId};
use store::{OutboxItem, OutboxState, Store};
use sync_client::{ConsultApi, Desk};
use sync_proto::{
    AnswerRequest, MessageBody, MessageReadBody, Mutation, MutationKind, ThreadDto, ThreadQuery,
    ThreadStateCode, ThreadsRequest, UrgentRequest,
};
use uuid::Uuid;

fn case_id(s: &str) -> Result<CaseId, CommandError> {
    s.parse()
        .map_err(|_| CommandError::invalid(Field::CaseId, Reason::MalformedId))
}

fn message_error(e: &MessageError) -> CommandError {
    match e {
        MessageError::Empty => CommandError::invalid(Field::Message, Reason::Empty),
        MessageError::TooLong { .. } => CommandError::invalid(Field::Message, Reason::TooLong),
    }
}

fn the_case(store: &Store, id: CaseId) -> Result<CaseFile, CommandError> {
    store
        .case_file(id)
        .map_err(storage_error)?
        .ok_or(CommandError::NotFound {
            what: api::Missing::Case,
            key: Some(id.to_string()),
        })
}

/// Asks the office a question on a case: checked (`domain::message::check`)
/// and recorded offline under the mutation id `id`.
pub fn ask(
    store: &mut Store,
    at: NaiveDateTime,
    id: Uuid,
    form: &AskForm,
) -> Result<MessageSaved, CommandError> {
    let case = case_id(&form.case_id)?;
    let text = check(&form.text).map_err(|e| message_error(&e))?;
    the_case(store, case)?;
    // The photos are checked before anything is written; their ids are
    // derived from the question's, so a retried ask names the same ones.
    let photos = crate::photos::captures(id, case, at, &form.photos, domain::ActivityKind::Note)?;
    let author = crate::capture::author(store)?;
    let line = timeline_line(&Message {
        id,
        author: Author::Advisor,
        author_name: author,
        text: text.clone(),
        urgent: form.urgent,
        written_at: at,
        received_at: at,
        read_at: None,
    });
    let body = MessageBody {
        text,
        urgent: form.urgent,
    };
    let capture = Capture::new(MutationKind::Message, id, case, at, body, line.clone());
    if photos.is_empty() {
        record(store, capture)?;
    } else {
        crate::capture::record_with_photos(store, capture, photos)?;
    }
    Ok(MessageSaved {
        id: id.to_string(),
        line,
    })
}

/// The device's "message" and "message_read" items of a case, in order.
fn outbox_of(store: &Store, case: CaseId) -> Result<Vec<(OutboxItem, Mutation)>, CommandError> {
    let mut out = Vec::new();
    for state in [
        OutboxState::Applied,
        OutboxState::Pending,
        OutboxState::Rejected,
    ] {
        for item in store.outbox(state).map_err(storage_error)? {
            if item.case_id != Some(case.0)
                || (item.kind != sync_proto::kinds::MESSAGE
                    && item.kind != sync_proto::kinds::MESSAGE_READ)
            {
                continue;
            }
            if let Ok(m) = serde_json::from_str::<Mutation>(&item.payload) {
                out.push((item, m));
            }
        }
    }
    out.sort_by_key(|(i, _)| i.seq);
    Ok(out)
}

fn author_of(a: Author) -> MessageAuthor {
    match a {
        Author::Advisor => MessageAuthor::Advisor,
        Author::BackOffice => MessageAuthor::BackOffice,
        Author::TeamLead => MessageAuthor::TeamLead,
    }
}

/// A message of the server's thread as shown; `read_here` are the answers
/// read on this device and not yet told to the server; `photos` how many
/// photos it carries.
fn shown(m: &Message, read_here: &[Uuid], photos: u32) -> MessageView {
    let state = match (m.author.is_office(), m.read_at) {
        (false, None) => MessageState::Delivered,
        (false, Some(_)) => MessageState::ReadByOffice,
        (true, Some(_)) => MessageState::Read,
        (true, None) if read_here.contains(&m.id) => MessageState::Read,
        (true, None) => MessageState::Unread,
    };
    MessageView {
        id: m.id.to_string(),
        author: author_of(m.author),
        author_name: m.author_name.clone(),
        text: m.text.clone(),
        urgent: m.urgent,
        written_at: m.written_at,
        received_at: Some(m.received_at),
        read_at: m.read_at,
        state,
        reason: None,
        photos,
    }
}

/// How many of `photos` (each naming what it belongs to) name `id`.
fn photos_of(photos: &[Uuid], id: Uuid) -> u32 {
    photos.iter().filter(|p| **p == id).count() as u32
}

/// The case's thread on this device.
pub fn thread(store: &Store, req: &CaseRequest) -> Result<ThreadPanel, CommandError> {
    let id = case_id(&req.case_id)?;
    let file = the_case(store, id)?;
    panel(store, &file)
}

fn panel(store: &Store, file: &CaseFile) -> Result<ThreadPanel, CommandError> {
    let items = outbox_of(store, file.case.id)?;
    let read_here: Vec<Uuid> = items
        .iter()
        .filter(|(i, m)| i.state != OutboxState::Rejected && m.kind == MutationKind::MessageRead)
        .filter_map(|(_, m)| serde_json::from_value::<MessageReadBody>(m.body.clone()).ok())
        .flat_map(|b| b.ids)
        .collect();
    let t = &file.thread;
    let photos: Vec<Uuid> = store
        .visit_photos(file.case.id)
        .map_err(storage_error)?
        .into_iter()
        .map(|p| p.visit_id)
        .collect();
    let mut messages: Vec<MessageView> = t
        .messages
        .iter()
        .map(|m| shown(m, &read_here, photos_of(&photos, m.id)))
        .collect();
    let author = crate::capture::author(store)?;
    for (item, m) in &items {
        if m.kind != MutationKind::Message || t.has(m.id) {
            continue;
        }
        let Ok(body) = serde_json::from_value::<MessageBody>(m.body.clone()) else {
            continue;
        };
        let (state, reason) = match item.state {
            OutboxState::Pending => (MessageState::Queued, None),
            // Taken by the server, not yet back with the case.
            OutboxState::Applied => (MessageState::Delivered, None),
            OutboxState::Rejected => (MessageState::Rejected, item.last_error.clone()),
        };
        messages.push(MessageView {
            id: m.id.to_string(),
            author: MessageAuthor::Advisor,
            author_name: author.clone(),
            text: body.text,
            urgent: body.urgent,
            written_at: m.created_at,
            received_at: None,
            read_at: None,
            state,
            reason,
            photos: photos_of(&photos, m.id),
        });
    }
    let unread = messages
        .iter()
        .filter(|m| m.state == MessageState::Unread)
        .count() as u32;
    Ok(ThreadPanel {
        case_id: file.case.id.to_string(),
        case_number: file.case.number.clone(),
        debtor: format!("{} {}", file.debtor.first_name, file.debtor.last_name),
        open: t.state == ThreadState::Open,
        urgent: t.urgent_open(),
        closed_by: t.closed.as_ref().map(|(by, _)| by.clone()),
        closed_at: t.closed.as_ref().map(|(_, at)| *at),
        messages,
        unread,
    })
}

/// Marks the case's unread answers read: one "message_read" mutation
/// (`id`) queued for the next sync; nothing when none is unread.
pub fn read_answers(
    store: &mut Store,
    at: NaiveDateTime,
    id: Uuid,
    req: &CaseRequest,
) -> Result<ThreadPanel, CommandError> {
    let case = case_id(&req.case_id)?;
    let file = the_case(store, case)?;
    let before = panel(store, &file)?;
    let ids: Vec<Uuid> = before
        .messages
        .iter()
        .filter(|m| m.state == MessageState::Unread)
        .filter_map(|m| m.id.parse().ok())
        .take(sync_proto::MAX_READ_IDS)
        .collect();
    if ids.is_empty() {
        return Ok(before);
    }
    let payload = crate::capture::payload(
        id,
        case.0,
        at,
        MutationKind::MessageRead,
        &MessageReadBody { ids },
    )?;
    store
        .outbox_push(
            id,
            sync_proto::kinds::MESSAGE_READ,
            Some(case.0),
            &payload,
            at,
        )
        .map_err(storage_error)?;
    panel(store, &file)
}

/// Sends a refused question again: its text and urgency as they were, as
/// a new question `id`; the refused one leaves "Wymaga uwagi".
pub fn resend(
    store: &mut Store,
    at: NaiveDateTime,
    id: Uuid,
    req: &ResendRequest,
) -> Result<MessageSaved, CommandError> {
    let old: Uuid = req
        .message_id
        .parse()
        .map_err(|_| CommandError::invalid(Field::Message, Reason::MalformedId))?;
    let item = store
        .outbox(OutboxState::Rejected)
        .map_err(storage_error)?
        .into_iter()
        .find(|i| i.mutation_id == old && i.kind == sync_proto::kinds::MESSAGE)
        .ok_or(CommandError::invalid(Field::Message, Reason::UnknownEntry))?;
    let m: Mutation = serde_json::from_str(&item.payload).map_err(json_error)?;
    let body: MessageBody = serde_json::from_value(m.body).map_err(json_error)?;
    // Its photos go again with it (the server refused them with it).
    let photos = store
        .photo_bytes(old)
        .map_err(storage_error)?
        .into_iter()
        .map(|p| draft_of(&p.jpeg, &p.thumb))
        .collect::<Result<Vec<_>, _>>()?;
    let saved = ask(
        store,
        at,
        id,
        &AskForm {
            case_id: m.case_id.to_string(),
            text: body.text,
            urgent: body.urgent,
            photos,
        },
    )?;
    store.outbox_forget_rejected(old).map_err(storage_error)?;
    store.forget_refused_photos(old).map_err(storage_error)?;
    Ok(saved)
}

/// A stored photo as a form's draft again.
fn draft_of(jpeg: &[u8], thumb: &[u8]) -> Result<api::PhotoDraft, CommandError> {
    use base64ct::{Base64, Encoding};
    let facts = evidence::check(jpeg).map_err(|e| crate::photos::photo_error(&e))?;
    Ok(api::PhotoDraft {
        jpeg: Base64::encode_string(jpeg),
        thumb: Base64::encode_string(thumb),
        width: facts.width,
        height: facts.height,
        bytes: facts.bytes as u64,
    })
}

/// "Wiadomości": every thread of the advisor (the server's, and cases with
/// questions waiting here), unread first, then the newest.
pub fn threads(store: &Store) -> Result<Vec<ThreadRow>, CommandError> {
    let mut cases: Vec<CaseId> = store.thread_cases().map_err(storage_error)?;
    for state in [OutboxState::Pending, OutboxState::Rejected] {
        for item in store.outbox(state).map_err(storage_error)? {
            if item.kind == sync_proto::kinds::MESSAGE {
                if let Some(c) = item.case_id {
                    cases.push(CaseId(c));
                }
            }
        }
    }
    cases.sort_by_key(|c| c.0);
    cases.dedup();
    let mut rows = Vec::new();
    for c in cases {
        let Some(file) = store.case_file(c).map_err(storage_error)? else {
            continue;
        };
        let p = panel(store, &file)?;
        let Some(last) = p
            .messages
            .iter()
            .max_by_key(|m| m.received_at.unwrap_or(m.written_at))
        else {
            continue;
        };
        rows.push(ThreadRow {
            case_id: p.case_id.clone(),
            case_number: p.case_number.clone(),
            debtor: p.debtor.clone(),
            open: p.open,
            urgent: p.urgent,
            unread: p.unread,
            waiting: p
                .messages
                .iter()
                .filter(|m| matches!(m.state, MessageState::Queued | MessageState::Rejected))
                .count() as u32,
            last_text: preview(&last.text, 120),
            last_at: last.received_at.unwrap_or(last.written_at),
        });
    }
    rows.sort_by(|a, b| {
        (b.unread > 0)
            .cmp(&(a.unread > 0))
            .then(b.last_at.cmp(&a.last_at))
    });
    Ok(rows)
}

// The office (online only).

fn token(store: &Store) -> Result<String, CommandError> {
    store
        .sync_value("token")
        .map_err(storage_error)?
        .ok_or(CommandError::LoginRequired)
}

/// Which office desk this device is: the back office's, or a team lead's.
fn desk(store: &Store) -> Result<Desk, CommandError> {
    if crate::login::is_team_lead(store).map_err(storage_error)? {
        Ok(Desk::TeamLead)
    } else if crate::login::is_back_office(store).map_err(storage_error)? {
        Ok(Desk::BackOffice)
    } else {
        Err(CommandError::Forbidden)
    }
}

pub(crate) fn office_view(v: sync_proto::ThreadView) -> OfficeThreadView {
    let t = v.thread.thread();
    let photos: Vec<Uuid> = v.photos.iter().map(|p| p.visit_id).collect();
    OfficeThreadView {
        case_id: v.case_id.to_string(),
        case_number: v.case_number,
        debtor: v.debtor,
        open: t.state == ThreadState::Open,
        urgent: t.urgent_open(),
        closed_by: t.closed.as_ref().map(|(by, _)| by.clone()),
        closed_at: t.closed.as_ref().map(|(_, at)| *at),
        messages: t
            .messages
            .iter()
            .map(|m| shown(m, &[], photos_of(&photos, m.id)))
            .collect(),
    }
}

/// The office's page of threads: urgent first, then unanswered, then the
/// newest.
pub fn office_threads(
    store: &Store,
    api: &mut dyn ConsultApi,
    q: &OfficeThreadsQuery,
) -> Result<OfficeThreadsPage, CommandError> {
    let desk = desk(store)?;
    let page = api
        .threads(
            &token(store)?,
            desk,
            &ThreadsRequest {
                offset: q.offset,
                limit: q.limit.clamp(1, sync_proto::MAX_THREAD_PAGE),
            },
        )
        .map_err(command_error)?;
    Ok(OfficeThreadsPage {
        threads: page
            .threads
            .into_iter()
            .map(|t| OfficeThreadRow {
                case_id: t.case_id.to_string(),
                case_number: t.case_number,
                debtor: t.debtor,
                advisor_name: t.advisor_name,
                open: t.state != ThreadStateCode::Closed,
                urgent: t.urgent,
                unanswered: t.unanswered,
                unread: t.unread,
                messages: t.messages,
                last_text: t.last_text,
                last_at: t.last_at,
            })
            .collect(),
        next_offset: page.next_offset,
    })
}

/// The office reads one thread (its questions become read by the office).
pub fn office_thread(
    store: &Store,
    api: &mut dyn ConsultApi,
    req: &CaseRequest,
) -> Result<OfficeThreadView, CommandError> {
    let case = case_id(&req.case_id)?;
    let v = api
        .thread(
            &token(store)?,
            desk(store)?,
            &ThreadQuery { case_id: case.0 },
        )
        .map_err(command_error)?;
    Ok(office_view(v))
}

/// The office answers a thread; `answer_id` makes a retried answer count
/// once. The text is checked as the device checks a question.
pub fn office_answer(
    store: &Store,
    api: &mut dyn ConsultApi,
    answer_id: Uuid,
    form: &OfficeAnswerForm,
) -> Result<OfficeThreadView, CommandError> {
    let case = case_id(&form.case_id)?;
    let text = check(&form.text).map_err(|e| message_error(&e))?;
    let v = api
        .answer(
            &token(store)?,
            desk(store)?,
            &AnswerRequest {
                case_id: case.0,
                answer_id,
                text,
            },
        )
        .map_err(command_error)?;
    Ok(office_view(v))
}

/// The back office closes a thread.
pub fn office_close(
    store: &Store,
    api: &mut dyn ConsultApi,
    req: &CaseRequest,
) -> Result<OfficeThreadView, CommandError> {
    let case = case_id(&req.case_id)?;
    if desk(store)? != Desk::BackOffice {
        return Err(CommandError::Forbidden);
    }
    let v = api
        .close(&token(store)?, &ThreadQuery { case_id: case.0 })
        .map_err(command_error)?;
    Ok(office_view(v))
}

/// The back office marks a thread urgent or not.
pub fn office_urgent(
    store: &Store,
    api: &mut dyn ConsultApi,
    form: &OfficeUrgentForm,
) -> Result<OfficeThreadView, CommandError> {
    let case = case_id(&form.case_id)?;
    if desk(store)? != Desk::BackOffice {
        return Err(CommandError::Forbidden);
    }
    let v = api
        .urgent(
            &token(store)?,
            &UrgentRequest {
                case_id: case.0,
                urgent: form.urgent,
            },
        )
        .map_err(command_error)?;
    Ok(office_view(v))
}

/// The thread of a server case document as the UI shows it (for tests and
/// the demo).
pub fn thread_of_dto(t: &ThreadDto) -> Vec<MessageView> {
    t.thread()
        .messages
        .iter()
        .map(|m| shown(m, &[], 0))
        .collect()
}
