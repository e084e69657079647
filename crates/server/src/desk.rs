//! The back office's desk (issue #12): `sync_proto::desk_paths`: the
//! portfolio search, closing and reopening cases. Back office and admin
//! only; every input range-checked.

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

/// The longest query searched, in characters.
const MAX_QUERY_CHARS: usize = 200;
/// The furthest offset a search pages to.
const MAX_OFFSET: u32 = 100_000;

/// The routes of this part of the back office.
pub fn routes() -> Router<ServerState> {
    Router::new()
        .route(desk_paths::SEARCH, post(search))
        .route(desk_paths::CLOSE, post(close))
        .route(desk_paths::REOPEN, post(reopen))
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
