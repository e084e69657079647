//! The consultation thread (issue 12): the advisor's questions and answers
//! on the replica (offline), and the office's threads (online, like the
//! team lead's page).

use crate::commands::team::online;
use crate::state::AppState;
use api::{
    AskForm, CaseRequest, CommandError, MessageSaved, OfficeAnswerForm, OfficeThreadView,
    OfficeThreadsPage, OfficeThreadsQuery, OfficeUrgentForm, ResendRequest, ThreadPanel, ThreadRow,
};
use app::Clock;
use tauri::{AppHandle, State};

#[tauri::command]
pub async fn ask_office(
    state: State<'_, AppState>,
    req: AskForm,
) -> Result<MessageSaved, CommandError> {
    let now = state.clock.now();
    let id = state.next_id()?;
    state.with_store(|s| app::consult::ask(s, now, id, &req))
}

#[tauri::command]
pub async fn get_thread(
    state: State<'_, AppState>,
    req: CaseRequest,
) -> Result<ThreadPanel, CommandError> {
    state.with_store(|s| app::consult::thread(s, &req))
}

#[tauri::command]
pub async fn read_answers(
    state: State<'_, AppState>,
    req: CaseRequest,
) -> Result<ThreadPanel, CommandError> {
    let now = state.clock.now();
    let id = state.next_id()?;
    state.with_store(|s| app::consult::read_answers(s, now, id, &req))
}

#[tauri::command]
pub async fn resend_message(
    state: State<'_, AppState>,
    req: ResendRequest,
) -> Result<MessageSaved, CommandError> {
    let now = state.clock.now();
    let id = state.next_id()?;
    state.with_store(|s| app::consult::resend(s, now, id, &req))
}

#[tauri::command]
pub async fn message_threads(state: State<'_, AppState>) -> Result<Vec<ThreadRow>, CommandError> {
    state.with_store(|s| app::consult::threads(s))
}

#[tauri::command]
pub async fn office_threads(
    app_handle: AppHandle,
    req: OfficeThreadsQuery,
) -> Result<OfficeThreadsPage, CommandError> {
    online(app_handle, move |_, store, http| {
        app::consult::office_threads(store, http, &req)
    })
    .await
}

#[tauri::command]
pub async fn office_thread(
    app_handle: AppHandle,
    req: CaseRequest,
) -> Result<OfficeThreadView, CommandError> {
    online(app_handle, move |_, store, http| {
        app::consult::office_thread(store, http, &req)
    })
    .await
}

#[tauri::command]
pub async fn office_answer(
    app_handle: AppHandle,
    req: OfficeAnswerForm,
) -> Result<OfficeThreadView, CommandError> {
    online(app_handle, move |state, store, http| {
        let id = state.next_id()?;
        app::consult::office_answer(store, http, id, &req)
    })
    .await
}

#[tauri::command]
pub async fn office_close(
    app_handle: AppHandle,
    req: CaseRequest,
) -> Result<OfficeThreadView, CommandError> {
    online(app_handle, move |_, store, http| {
        app::consult::office_close(store, http, &req)
    })
    .await
}

#[tauri::command]
pub async fn office_urgent(
    app_handle: AppHandle,
    req: OfficeUrgentForm,
) -> Result<OfficeThreadView, CommandError> {
    online(app_handle, move |_, store, http| {
        app::consult::office_urgent(store, http, &req)
    })
    .await
}
