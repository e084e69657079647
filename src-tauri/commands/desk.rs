//! The back office's desk (issue #12): the portfolio search, one case
//! file, closing and reopening a case, devices and users. Online, like the
//! team lead's page.

use crate::commands::team::online;
use api::{CaseRequest, CloseForm, CommandError, DeskCaseView, DeskSearchPage, DeskSearchQuery};
use app::Clock;
use tauri::AppHandle;

#[tauri::command]
pub async fn desk_search(
    app_handle: AppHandle,
    req: DeskSearchQuery,
) -> Result<DeskSearchPage, CommandError> {
    online(app_handle, move |_, store, http| {
        app::desk::search(store, http, &req)
    })
    .await
}

#[tauri::command]
pub async fn desk_case(
    app_handle: AppHandle,
    req: CaseRequest,
) -> Result<DeskCaseView, CommandError> {
    online(app_handle, move |state, store, http| {
        app::desk::case(store, http, state.clock.today(), &req)
    })
    .await
}

#[tauri::command]
pub async fn desk_close(
    app_handle: AppHandle,
    req: CloseForm,
) -> Result<DeskCaseView, CommandError> {
    online(app_handle, move |state, store, http| {
        app::desk::close(store, http, state.clock.today(), &req)
    })
    .await
}

#[tauri::command]
pub async fn desk_reopen(
    app_handle: AppHandle,
    req: CaseRequest,
) -> Result<DeskCaseView, CommandError> {
    online(app_handle, move |state, store, http| {
        app::desk::reopen(store, http, state.clock.today(), &req)
    })
    .await
}

#[tauri::command]
pub async fn desk_devices(
    app_handle: AppHandle,
    req: api::DeskPageQuery,
) -> Result<api::DeskDevicesPage, CommandError> {
    online(app_handle, move |_, store, http| {
        app::desk::devices(store, http, &req)
    })
    .await
}

#[tauri::command]
pub async fn desk_users(
    app_handle: AppHandle,
    req: api::DeskPageQuery,
) -> Result<api::DeskUsersPage, CommandError> {
    online(app_handle, move |_, store, http| {
        app::desk::users(store, http, &req)
    })
    .await
}

#[tauri::command]
pub async fn desk_user_disabled(
    app_handle: AppHandle,
    req: api::UserDisabledForm,
) -> Result<api::DeskUser, CommandError> {
    online(app_handle, move |_, store, http| {
        app::desk::set_user_disabled(store, http, &req)
    })
    .await
}

#[tauri::command]
pub async fn desk_revoke(app_handle: AppHandle, req: api::RevokeForm) -> Result<(), CommandError> {
    online(app_handle, move |_, store, http| {
        app::desk::revoke(store, http, &req)
    })
    .await
}
