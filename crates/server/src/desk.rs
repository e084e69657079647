//! The back office's desk (issue #12): `sync_proto::desk_paths`: the
//! portfolio search, closing and reopening cases, devices and users
//! (disabling a user refuses their login and every token of theirs). Back
//! office and admin only; every input range-checked.

use crate::auth::caller;
use crate::error::ApiError;
use crate::handlers::{blocking, parse, require};
use crate::ServerState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use domain::closure::CloseReason;
use sync_proto::*;

// The bounds are the wire's (`sync_proto::MAX_QUERY_CHARS`,
// `MAX_SEARCH_OFFSET`), so the device checks the same ones.
const MAX_OFFSET: u32 = MAX_SEARCH_OFFSET;

/// The routes of this part of the back office.
pub fn routes() -> Router<ServerState> {
    Router::new()
        .route(desk_paths::SEARCH, post(search))
        .route(desk_paths::CLOSE, post(close))
        .route(desk_paths::REOPEN, post(reopen))
        .route(desk_paths::DEVICES, post(devices))
        .route(desk_paths::USERS, post(users))
        .route(desk_paths::USER_DISABLED, post(user_disabled))
}

const DESK: [Role; 2] = [Role::BackOffice, Role::Admin];

async fn search(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<SearchResponse>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &DESK)?;
    let req: SearchRequest = parse(body)?;
    if req.query.chars().count() > MAX_QUERY_CHARS {
        return Err(ApiError::bad_request(format!(
            "the query is longer than {MAX_QUERY_CHARS} characters"
        )));
    }
    if !(1..=server_storage::SEARCH_PAGE_MAX).contains(&req.limit) {
        return Err(ApiError::bad_request(format!(
            "limit must be 1 to {}",
            server_storage::SEARCH_PAGE_MAX
        )));
    }
    if req.offset > MAX_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset must be at most {MAX_OFFSET}"
        )));
    }
    let storage = state.storage.clone();
    let page = blocking(move || storage.search_cases(&req.query, req.offset, req.limit)).await?;
    Ok(Json(SearchResponse {
        rows: page
            .rows
            .into_iter()
            .map(|r| SearchHitDto {
                case_id: r.case_id,
                number: r.number,
                name: r.name,
                // Data shown is data needed (#14): the last four digits in a
                // list, the whole number only in the case file.
                pesel: domain::format::mask_pesel(&r.pesel),
                town: r.town,
                advisor_id: r.advisor_id,
                status: r.status,
                outstanding: r.outstanding,
            })
            .collect(),
        total: page.total,
        capped: page.capped,
    }))
}

async fn close(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CaseFileDto>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &DESK)?;
    let req: CloseRequest = parse(body)?;
    let reason = CloseReason::from_code(&req.reason)
        .ok_or_else(|| ApiError::bad_request(format!("unknown reason {:?}", req.reason)))?;
    let at = (state.clock)();
    let storage = state.storage.clone();
    let name = c.user.name.clone();
    let file = blocking(move || {
        storage.close_case(&server_storage::CaseClosure {
            case_id: req.case_id,
            reason,
            note: &req.note,
            by_name: &name,
            at,
        })
    })
    .await?;
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::CaseClosed,
        file.id,
        reason.code(),
    )
    .await;
    Ok(Json(file))
}

async fn reopen(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CaseFileDto>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &DESK)?;
    let req: ReopenRequest = parse(body)?;
    let at = (state.clock)();
    let storage = state.storage.clone();
    let name = c.user.name.clone();
    let file = blocking(move || storage.reopen_case(req.case_id, &name, at)).await?;
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::CaseReopened,
        file.id,
        "",
    )
    .await;
    Ok(Json(file))
}

/// A page's bounds, checked: `limit` 1 to `DESK_PAGE_MAX`, `offset` at most
/// [`MAX_OFFSET`].
fn page_of(req: &DeskPageRequest) -> Result<(u32, u32), ApiError> {
    if !(1..=DESK_PAGE_MAX).contains(&req.limit) {
        return Err(ApiError::bad_request(format!(
            "limit must be 1 to {DESK_PAGE_MAX}"
        )));
    }
    if req.offset > MAX_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset must be at most {MAX_OFFSET}"
        )));
    }
    Ok((req.offset, req.limit))
}

/// The next page's offset, when a page of `limit` came back full (one
/// more row was asked for to know).
fn next_offset<T>(rows: &mut Vec<T>, offset: u32, limit: u32) -> Option<u32> {
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    more.then_some(offset + limit)
}

async fn devices(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<DevicesPage>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &DESK)?;
    let (offset, limit) = page_of(&parse(body)?)?;
    let storage = state.storage.clone();
    // One more than asked, to tell whether another page follows.
    let mut rows = blocking(move || storage.devices(offset, limit + 1)).await?;
    let next_offset = next_offset(&mut rows, offset, limit);
    Ok(Json(DevicesPage {
        devices: rows
            .into_iter()
            .map(|d| DeskDeviceDto {
                device_id: d.id,
                name: d.name,
                user_id: d.user_id,
                login: d.login,
                user_name: d.user_name,
                role: d.role,
                user_disabled: d.user_disabled,
                revoked: d.revoked,
                last_sync: d.last_sync,
                pending: d.pending,
                app_version: d.app_version,
            })
            .collect(),
        next_offset,
    }))
}

fn user_dto(u: server_storage::UserSummary) -> DeskUserDto {
    DeskUserDto {
        user_id: u.id,
        login: u.login,
        name: u.name,
        role: u.role,
        disabled: u.disabled,
    }
}

async fn users(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<UsersPage>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &DESK)?;
    let (offset, limit) = page_of(&parse(body)?)?;
    let storage = state.storage.clone();
    let mut rows = blocking(move || storage.users(offset, limit + 1)).await?;
    let next_offset = next_offset(&mut rows, offset, limit);
    Ok(Json(UsersPage {
        users: rows.into_iter().map(user_dto).collect(),
        next_offset,
    }))
}

async fn user_disabled(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<DeskUserDto>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &DESK)?;
    let req: UserDisabledRequest = parse(body)?;
    // Locking oneself out would leave nobody to undo it from this desk.
    if req.user_id == c.user.id {
        return Err(ApiError::bad_request("you cannot disable your own account"));
    }
    let storage = state.storage.clone();
    let u = blocking(move || storage.set_user_disabled(req.user_id, req.disabled)).await?;
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::UserDisabled,
        req.user_id,
        if req.disabled { "disabled" } else { "enabled" },
    )
    .await;
    Ok(Json(user_dto(u)))
}
