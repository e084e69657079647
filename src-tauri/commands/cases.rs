//! The case list and the case detail.

use crate::state::AppState;
use api::{AppInfo, CaseDetail, CaseRequest, CaseRow, CommandError, SearchRequest};
use tauri::State;

#[tauri::command]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, CommandError> {
    let today = state.today();
    state.with_store(|s| app::app_info::app_info(s, today))
}

#[tauri::command]
pub async fn search_cases(
    state: State<'_, AppState>,
    req: SearchRequest,
) -> Result<Vec<CaseRow>, CommandError> {
    let today = state.today();
    state.with_store(|s| app::search_cases::search_cases(s, today, &req))
}

#[tauri::command]
pub async fn get_case(
    state: State<'_, AppState>,
    req: CaseRequest,
) -> Result<CaseDetail, CommandError> {
    let today = state.today();
    state.with_store(|s| app::get_case::get_case(s, today, &req))
}
