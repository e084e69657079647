//! The back office's inbox commands (issue #12): online calls through
//! `app::office`, like the team lead's page. "Otwórz PDF" saves the signed
//! PDF into the system's temporary folder and opens it in the system
//! viewer through the opener plugin; with `PARTNER_NO_OPENER` set (the UI
//! tests set it: no other application can be checked here) it only
//! answers the path.

use crate::commands::team::online;
use api::{
    ChangeDecisionForm, CommandError, InboxItemRequest, InboxItemView, InboxPage, InboxQuery,
    PdfOpened,
};
use tauri::AppHandle;
use tauri_plugin_opener::OpenerExt;

#[tauri::command]
pub async fn office_inbox(
    app_handle: AppHandle,
    req: InboxQuery,
) -> Result<InboxPage, CommandError> {
    online(app_handle, move |_, store, http| {
        app::office::inbox(store, http, &req)
    })
    .await
}

#[tauri::command]
pub async fn office_inbox_item(
    app_handle: AppHandle,
    req: InboxItemRequest,
) -> Result<InboxItemView, CommandError> {
    online(app_handle, move |_, store, http| {
        app::office::inbox_item(store, http, &req)
    })
    .await
}

#[tauri::command]
pub async fn office_inbox_handle(
    app_handle: AppHandle,
    req: InboxItemRequest,
) -> Result<InboxItemView, CommandError> {
    online(app_handle, move |_, store, http| {
        app::office::inbox_handle(store, http, &req)
    })
    .await
}

#[tauri::command]
pub async fn office_decide_change(
    app_handle: AppHandle,
    req: ChangeDecisionForm,
) -> Result<InboxItemView, CommandError> {
    online(app_handle, move |_, store, http| {
        app::office::decide_change(store, http, &req)
    })
    .await
}

#[tauri::command]
pub async fn office_open_pdf(
    app_handle: AppHandle,
    req: InboxItemRequest,
) -> Result<PdfOpened, CommandError> {
    let opener = app_handle.clone();
    let (path, bytes) = online(app_handle, move |_, store, http| {
        let dir = std::env::temp_dir().join("partner-pdf");
        app::office::save_pdf(store, http, &dir, &req)
    })
    .await?;
    let shown = path.to_string_lossy().into_owned();
    let opened = std::env::var_os("PARTNER_NO_OPENER").is_none()
        && opener
            .opener()
            .open_path(shown.as_str(), None::<&str>)
            .is_ok();
    Ok(PdfOpened {
        path: shown,
        opened,
        bytes,
    })
}
