//! The planning screen: candidates, day and week plans, edits, submission.

use crate::state::AppState;
use api::{
    CandidatesView, CommandError, DayPlanView, EditPlanRequest, PlanParams, SubmitPlanRequest,
    WeekPlanView,
};
use app::plan::PlanLimit;
use app::Clock;
use tauri::State;

fn lock_error() -> CommandError {
    CommandError::Storage {
        message: "lock".into(),
    }
}

#[tauri::command]
pub async fn plan_candidates(
    state: State<'_, AppState>,
    req: PlanParams,
) -> Result<CandidatesView, CommandError> {
    state.with_store(|s| app::plan::candidates(s, &req))
}

#[tauri::command]
pub async fn get_day_plan(
    state: State<'_, AppState>,
    req: PlanParams,
) -> Result<Option<DayPlanView>, CommandError> {
    state.with_store(|s| app::plan::open_plan(s, &req))
}

#[tauri::command]
pub async fn plan_day(
    state: State<'_, AppState>,
    req: PlanParams,
) -> Result<DayPlanView, CommandError> {
    let now = state.clock.now();
    let mut ids = state.ids.lock().map_err(|_| lock_error())?;
    state.with_store(|s| app::plan::plan_day(s, now, &mut *ids, &req, &PlanLimit::DAY))
}

/// Saves the week preview's days as day drafts (days with a plan kept).
#[tauri::command]
pub async fn save_week_drafts(
    state: State<'_, AppState>,
    req: PlanParams,
) -> Result<api::WeekDrafts, CommandError> {
    let now = state.clock.now();
    let mut ids = state.ids.lock().map_err(|_| lock_error())?;
    state.with_store(|s| app::plan::save_week_drafts(s, now, &mut *ids, &req, &PlanLimit::WEEK))
}

/// "Dziś": today's stops with the next one marked (offline).
#[tauri::command]
pub async fn today(state: State<'_, AppState>) -> Result<api::TodayView, CommandError> {
    let now = state.clock.now();
    state.with_store(|s| app::today::today(s, now))
}

#[tauri::command]
pub async fn plan_week(
    state: State<'_, AppState>,
    req: PlanParams,
) -> Result<WeekPlanView, CommandError> {
    let today = state.clock.today();
    state.with_store(|s| app::plan::plan_week(s, today, &req, &PlanLimit::WEEK))
}

#[tauri::command]
pub async fn edit_plan(
    state: State<'_, AppState>,
    req: EditPlanRequest,
) -> Result<DayPlanView, CommandError> {
    let now = state.clock.now();
    let mut ids = state.ids.lock().map_err(|_| lock_error())?;
    state.with_store(|s| app::plan::edit_plan(s, now, &mut *ids, &req))
}

#[tauri::command]
pub async fn submit_plan(
    state: State<'_, AppState>,
    req: SubmitPlanRequest,
) -> Result<DayPlanView, CommandError> {
    let now = state.clock.now();
    let mut ids = state.ids.lock().map_err(|_| lock_error())?;
    state.with_store(|s| app::plan::submit_plan(s, now, &mut *ids, &req))
}
