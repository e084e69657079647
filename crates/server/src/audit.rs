//! The audit log (issue #15): [`record`] appends who did what when after
//! it happened — logins and their failures, decisions, exports of
//! documents, revocations, closures, policy changes —, and the admin reads
//! it paged newest first (`admin_paths::AUDIT`). Kept in the storage, so
//! every instance writes to the same log.

use crate::auth::caller;
use crate::handlers::{blocking, parse, require};
use crate::{ApiError, ServerState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use server_storage::{AuditEntry, User};
use sync_proto::*;
use uuid::Uuid;

/// Who did it: a user, or only the login someone typed.
pub enum Actor<'a> {
    User(&'a User),
    Typed(&'a str),
}

/// Appends an entry at the server's time. The action has happened: a log
/// that fails to write is reported on stderr, never to the client (who
/// would retry what is done).
pub async fn record(
    state: &ServerState,
    actor: Actor<'_>,
    action: AuditAction,
    subject: impl std::fmt::Display,
    detail: impl Into<String>,
) {
    let (actor, actor_name) = match actor {
        Actor::User(u) => (Some(u.id), u.login.clone()),
        Actor::Typed(login) => (None::<Uuid>, login.to_owned()),
    };
    let entry = AuditEntry {
        at: (state.clock)(),
        actor,
        actor_name,
        action,
        subject: subject.to_string(),
        detail: detail.into(),
    };
    let storage = state.storage.clone();
    if let Err(e) = blocking(move || storage.audit(&entry)).await {
        eprintln!(
            "partner-server: the audit log was not written: {}",
            e.body.message
        );
    }
}

/// Admin: a page of the audit log, newest first.
pub async fn page(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<AuditPageDto>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::Admin])?;
    let req: AuditRequest = parse(body)?;
    if !(1..=AUDIT_PAGE_MAX).contains(&req.limit) {
        return Err(ApiError::bad_request(format!(
            "limit must be 1 to {AUDIT_PAGE_MAX}"
        )));
    }
    let storage = state.storage.clone();
    let page = blocking(move || storage.audit_page(req.before, req.limit)).await?;
    Ok(Json(page))
}
