//! The consultation thread (issue 12). A "message" mutation (the advisor's
//! question) is checked with the domain's own check
//! (`domain::message::check`) and appended to the thread on its case with
//! the server's time and a timeline line; a "message_read" records the
//! answers the advisor read. The office's endpoints: a paged list of
//! threads (the `threads` index the storage keeps, urgent first, then
//! unanswered, then the newest), one thread (read: the advisor's questions
//! become read by the office), an answer (idempotent by the client's
//! answer id; 409 on a closed thread), close (once; 409 after) and urgent.
//! The back office sees every thread; a team lead only those of their own
//! team's advisors (403 otherwise), and may list, read and answer. Every
//! answer and close is a timeline line with who and when, and every change
//! goes into the holder's feed with the case.

use crate::auth::{caller, Caller};
use crate::handlers::{blocking, parse, require};
use crate::offers::{recent, Refusal};
use crate::{ApiError, ServerState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use chrono::NaiveDateTime;
use domain::message::{
    check, close_line, preview, timeline_line, Author, Message, Thread, ThreadError,
    MAX_MESSAGE_CHARS,
};
use server_storage::{Effect, StorageError, ThreadFilter};
use sync_proto::*;
use uuid::Uuid;

/// The thread of a case as the domain reads it (empty when none).
fn thread_of(file: &CaseFileDto) -> Thread {
    file.thread
        .as_ref()
        .map(ThreadDto::thread)
        .unwrap_or_default()
}

fn put_thread(file: &mut CaseFileDto, t: &Thread) {
    file.thread = (!t.is_empty()).then(|| ThreadDto::from(t));
}

/// What a question does to its case (already checked to be the advisor's
/// and open): appended to the thread, reopening it, with its line.
pub fn effect(
    advisor: &str,
    m: &Mutation,
    mut file: CaseFileDto,
    now: NaiveDateTime,
) -> Result<Effect, Refusal> {
    let invalid = |reason: String| Err((RejectCode::InvalidBody, reason));
    // Sizes first: a text beyond four bytes a character is never read.
    if m.body
        .get("text")
        .and_then(|t| t.as_str())
        .is_some_and(|t| t.len() > 4 * MAX_MESSAGE_CHARS + 1024)
    {
        return invalid(format!(
            "a message has at most {MAX_MESSAGE_CHARS} characters"
        ));
    }
    let body: MessageBody = serde_json::from_value(m.body.clone())
        .map_err(|e| (RejectCode::InvalidBody, format!("malformed message: {e}")))?;
    let text = match check(&body.text) {
        Ok(t) => t,
        Err(domain::message::MessageError::Empty) => {
            return invalid("a message has 1 to 4000 characters; this one is empty".into())
        }
        Err(domain::message::MessageError::TooLong { chars }) => {
            return invalid(format!(
                "a message has 1 to 4000 characters; this one has {chars}"
            ))
        }
    };
    recent(m.created_at, now, "a message")?;
    let mut thread = thread_of(&file);
    let message = Message {
        id: m.id,
        author: Author::Advisor,
        author_name: advisor.to_owned(),
        text,
        urgent: body.urgent,
        written_at: m.created_at,
        received_at: now,
        read_at: None,
    };
    let line = timeline_line(&message);
    thread
        .ask(message)
        .map_err(|e| (RejectCode::InvalidBody, e.to_string()))?;
    put_thread(&mut file, &thread);
    file.activities.push(ActivityDto {
        id: m.id,
        at: m.created_at,
        kind: domain::ActivityKind::Message.code().to_owned(),
        author: advisor.to_owned(),
        summary: line,
        received_at: Some(now),
    });
    Ok(Effect::case(file))
}

/// What a read receipt does: the named answers of the case's thread read
/// now (the server's time).
pub fn read_effect(
    m: &Mutation,
    mut file: CaseFileDto,
    now: NaiveDateTime,
) -> Result<Effect, Refusal> {
    let body: MessageReadBody = serde_json::from_value(m.body.clone()).map_err(|e| {
        (
            RejectCode::InvalidBody,
            format!("malformed read receipt: {e}"),
        )
    })?;
    if body.ids.is_empty() || body.ids.len() > MAX_READ_IDS {
        return Err((
            RejectCode::InvalidBody,
            format!("a read receipt names 1 to {MAX_READ_IDS} answers"),
        ));
    }
    let mut thread = thread_of(&file);
    thread.read_answers(&body.ids, now).map_err(|id| {
        (
            RejectCode::UnknownMessage,
            format!("{id} is no answer in this case's thread"),
        )
    })?;
    put_thread(&mut file, &thread);
    Ok(Effect::case(file))
}

/// The office's reason for a refused change of a thread: 409.
fn refused(e: ThreadError) -> StorageError {
    match e {
        ThreadError::Closed { by, at } => StorageError::Conflict(format!(
            "the thread was closed by {by} at {}",
            at.format("%Y-%m-%d %H:%M")
        )),
        ThreadError::NoQuestion => StorageError::Conflict("the thread has no question".into()),
        ThreadError::Full => StorageError::Conflict("the thread is full".into()),
    }
}

/// The id of the timeline line of a close: from the case and how many
/// closes came before (each close is recorded once).
fn close_line_id(case: Uuid, at: NaiveDateTime) -> Uuid {
    Uuid::from_u128(
        case.as_u128()
            ^ 0xC105_0000_0000_0000_0000_0000_0000_0000
            ^ (u128::from(at.and_utc().timestamp().unsigned_abs()) << 32),
    )
}

/// Who is asking, as a message's author: the back office (or an admin)
/// or a team lead.
fn office_author(c: &Caller) -> Author {
    if c.user.role == Role::TeamLead {
        Author::TeamLead
    } else {
        Author::BackOffice
    }
}

/// A team lead may touch only their own team's cases: 403 otherwise.
async fn may_see(state: &ServerState, c: &Caller, file: &CaseFileDto) -> Result<(), ApiError> {
    crate::handlers::in_team(state, c, file.advisor_id).await
}

async fn stored(state: &ServerState, id: Uuid) -> Result<CaseFileDto, ApiError> {
    let storage = state.storage.clone();
    blocking(move || storage.case(id))
        .await?
        .ok_or_else(|| ApiError::from(StorageError::NotFound(format!("case {id}"))))
}

fn view(file: &CaseFileDto) -> ThreadView {
    ThreadView {
        case_id: file.id,
        case_number: file.number.clone(),
        debtor: format!("{} {}", file.debtor.first_name, file.debtor.last_name),
        advisor_id: file.advisor_id,
        thread: file.thread.clone().unwrap_or(ThreadDto {
            state: ThreadStateCode::Open,
            urgent: false,
            messages: Vec::new(),
            closed_by: None,
            closed_at: None,
        }),
        photos: question_photos(file),
    }
}

/// The photos of the case's questions (a photo names its question by id).
pub fn question_photos(file: &CaseFileDto) -> Vec<AttachmentRecordDto> {
    let Some(t) = &file.thread else {
        return Vec::new();
    };
    file.attachments
        .iter()
        .filter(|a| t.messages.iter().any(|m| m.id == a.visit_id))
        .cloned()
        .collect()
}

fn summary(file: &CaseFileDto) -> Option<ThreadSummaryDto> {
    let t = thread_of(file);
    let last = t.messages.last()?;
    Some(ThreadSummaryDto {
        case_id: file.id,
        case_number: file.number.clone(),
        debtor: format!("{} {}", file.debtor.first_name, file.debtor.last_name),
        advisor_id: file.advisor_id,
        advisor_name: t
            .messages
            .iter()
            .find(|m| !m.author.is_office())
            .map(|m| m.author_name.clone())
            .unwrap_or_default(),
        state: ThreadDto::from(&t).state,
        urgent: t.urgent_open(),
        unanswered: t.unanswered(),
        unread: t
            .messages
            .iter()
            .filter(|m| !m.author.is_office() && m.read_at.is_none())
            .count() as u32,
        messages: t.messages.len() as u32,
        last_text: preview(&last.text, 120),
        last_at: t.last_at().unwrap_or(last.received_at),
    })
}

async fn list(
    state: &ServerState,
    c: &Caller,
    req: ThreadsRequest,
) -> Result<ThreadsPage, ApiError> {
    if req.limit == 0 || req.limit > MAX_THREAD_PAGE {
        return Err(ApiError::bad_request(format!(
            "a page has 1 to {MAX_THREAD_PAGE} threads"
        )));
    }
    let lead = (c.user.role == Role::TeamLead).then_some(c.user.id);
    let storage = state.storage.clone();
    // One more than asked says whether a next page exists.
    let filter = ThreadFilter {
        lead,
        offset: req.offset,
        limit: req.limit + 1,
    };
    let mut cases = blocking(move || storage.threads(&filter)).await?;
    let more = cases.len() > req.limit as usize;
    cases.truncate(req.limit as usize);
    Ok(ThreadsPage {
        threads: cases.iter().filter_map(summary).collect(),
        next_offset: more.then(|| req.offset.saturating_add(req.limit)),
    })
}

/// Reads a thread: the advisor's questions become read by the office.
async fn read(state: &ServerState, c: &Caller, req: ThreadQuery) -> Result<ThreadView, ApiError> {
    let file = stored(state, req.case_id).await?;
    may_see(state, c, &file).await?;
    if thread_of(&file)
        .messages
        .iter()
        .all(|m| m.author.is_office() || m.read_at.is_some())
    {
        return Ok(view(&file));
    }
    let at = (state.clock)();
    let storage = state.storage.clone();
    let file = blocking(move || {
        storage.change_case(req.case_id, &|mut file| {
            let mut t = thread_of(&file);
            t.read_by_office(at);
            put_thread(&mut file, &t);
            Ok(file)
        })
    })
    .await?;
    Ok(view(&file))
}

async fn answer(
    state: &ServerState,
    c: &Caller,
    req: AnswerRequest,
) -> Result<ThreadView, ApiError> {
    if req.text.len() > 4 * MAX_MESSAGE_CHARS + 1024 {
        return Err(ApiError::bad_request(
            "an answer has at most 4000 characters",
        ));
    }
    let text = check(&req.text).map_err(|e| ApiError::bad_request(e.to_string()))?;
    let file = stored(state, req.case_id).await?;
    may_see(state, c, &file).await?;
    let at = (state.clock)();
    let (author, name, by) = (office_author(c), c.user.name.clone(), c.user.id);
    let storage = state.storage.clone();
    let file = blocking(move || {
        storage.change_case_handling(
            req.case_id,
            &|mut file| {
                let mut t = thread_of(&file);
                let m = Message {
                    id: req.answer_id,
                    author,
                    author_name: name.clone(),
                    text: text.clone(),
                    urgent: false,
                    written_at: at,
                    received_at: at,
                    read_at: None,
                };
                let line = timeline_line(&m);
                if !t.answer(m).map_err(refused)? {
                    // Recorded before: nothing changes again.
                    return Ok((file, Vec::new()));
                }
                // Answering reads what it answers.
                t.read_by_office(at);
                put_thread(&mut file, &t);
                // The questions answered leave the office's inbox as answered.
                let answered = t
                    .messages
                    .iter()
                    .filter(|m| !m.author.is_office())
                    .map(|m| (m.id, InboxKind::Message))
                    .collect();
                file.activities.push(ActivityDto {
                    id: req.answer_id,
                    at,
                    kind: domain::ActivityKind::Message.code().to_owned(),
                    author: name.clone(),
                    summary: line,
                    received_at: None,
                });
                Ok((file, answered))
            },
            by,
            at,
        )
    })
    .await?;
    Ok(view(&file))
}

async fn close(state: &ServerState, c: &Caller, req: ThreadQuery) -> Result<ThreadView, ApiError> {
    let at = (state.clock)();
    let name = c.user.name.clone();
    let storage = state.storage.clone();
    let file = blocking(move || {
        storage.change_case(req.case_id, &|mut file| {
            let mut t = thread_of(&file);
            t.close(&name, at).map_err(refused)?;
            put_thread(&mut file, &t);
            file.activities.push(ActivityDto {
                id: close_line_id(file.id, at),
                at,
                kind: domain::ActivityKind::Message.code().to_owned(),
                author: name.clone(),
                summary: close_line(&name),
                received_at: None,
            });
            Ok(file)
        })
    })
    .await?;
    Ok(view(&file))
}

async fn urgent(state: &ServerState, req: UrgentRequest) -> Result<ThreadView, ApiError> {
    let storage = state.storage.clone();
    let file = blocking(move || {
        storage.change_case(req.case_id, &|mut file| {
            let mut t = thread_of(&file);
            if t.is_empty() {
                return Err(StorageError::Conflict("the case has no thread".into()));
            }
            t.urgent = req.urgent;
            put_thread(&mut file, &t);
            Ok(file)
        })
    })
    .await?;
    Ok(view(&file))
}

const OFFICE: &[Role] = &[Role::BackOffice, Role::Admin];

/// Back office: a page of every thread.
pub async fn office_threads(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ThreadsPage>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, OFFICE)?;
    Ok(Json(list(&state, &c, parse(body)?).await?))
}

/// Back office: one thread (its questions become read by the office).
pub async fn office_thread(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ThreadView>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, OFFICE)?;
    Ok(Json(read(&state, &c, parse(body)?).await?))
}

/// Back office: answers a thread.
pub async fn office_answer(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ThreadView>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, OFFICE)?;
    Ok(Json(answer(&state, &c, parse(body)?).await?))
}

/// Back office: closes a thread.
pub async fn office_close(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ThreadView>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, OFFICE)?;
    Ok(Json(close(&state, &c, parse(body)?).await?))
}

/// Back office: marks a thread urgent or not.
pub async fn office_urgent(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ThreadView>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, OFFICE)?;
    Ok(Json(urgent(&state, parse(body)?).await?))
}

/// Team lead: a page of the team's threads.
pub async fn team_threads(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ThreadsPage>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::TeamLead])?;
    Ok(Json(list(&state, &c, parse(body)?).await?))
}

/// Team lead: one thread of the team.
pub async fn team_thread(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ThreadView>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::TeamLead])?;
    Ok(Json(read(&state, &c, parse(body)?).await?))
}

/// Team lead: answers a thread of the team.
pub async fn team_answer(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ThreadView>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::TeamLead])?;
    Ok(Json(answer(&state, &c, parse(body)?).await?))
}
