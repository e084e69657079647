//! The app lock (issue #15): its status, setting the PIN, opening with the
//! PIN or the password, locking now. A try used up erases the replica as a
//! revocation does (`AppState::shred`).

use crate::state::AppState;
use api::{CommandError, LockView, PasswordUnlockForm, PinForm, SetPinForm};
use app::lock::Tried;
use std::time::Instant;
use sync_client::HttpTransport;
use tauri::{AppHandle, State};

fn view(state: &AppState) -> Result<LockView, CommandError> {
    let locked = state.locked();
    state.with_store_locked(|s| app::lock::view(s, locked))
}

/// What a try at the lock does to the app.
fn after(state: &AppState, tried: Tried) -> Result<LockView, CommandError> {
    match tried {
        Tried::Opened => {
            state.with_gate(|g| g.open(Instant::now()))?;
            view(state)
        }
        Tried::Wrong(e) => Err(e),
        Tried::Erase { lost } => {
            state.shred()?;
            Err(CommandError::Erased { lost })
        }
    }
}

#[tauri::command]
pub async fn lock_status(state: State<'_, AppState>) -> Result<LockView, CommandError> {
    view(&state)
}

#[tauri::command]
pub async fn set_pin(
    state: State<'_, AppState>,
    req: SetPinForm,
) -> Result<LockView, CommandError> {
    let salt = state.next_id()?;
    state.with_store(|s| app::lock::set_pin(s, salt, &req))?;
    state.with_gate(|g| g.set_pin(true, Instant::now()))?;
    view(&state)
}

#[tauri::command]
pub async fn unlock_pin(app_handle: AppHandle, req: PinForm) -> Result<LockView, CommandError> {
    // argon2 takes a moment: off the UI's thread.
    super::off_ui(app_handle, move |state| {
        let tried = state.with_store_locked(|s| app::lock::try_pin(s, &req.pin))?;
        after(state, tried)
    })
    .await
}

#[tauri::command]
pub async fn unlock_password(
    app_handle: AppHandle,
    req: PasswordUnlockForm,
) -> Result<LockView, CommandError> {
    super::off_ui(app_handle, move |state| {
        let mut store = state.connect_background()?;
        let Some(server) = store.sync_value("server").map_err(app::storage_error)? else {
            return Err(CommandError::LoginRequired);
        };
        let mut http = HttpTransport::new(&server).map_err(|e| CommandError::Storage {
            message: e.to_string(),
        })?;
        let mut ids = state.ids.lock().map(|g| *g).unwrap_or_default();
        let device_name = format!("Partner {}", std::env::consts::OS);
        let tried =
            app::lock::try_password(&mut store, &mut http, &mut ids, &req.password, &device_name)?;
        drop(store);
        after(state, tried)
    })
    .await
}

#[tauri::command]
pub async fn lock_now(state: State<'_, AppState>) -> Result<LockView, CommandError> {
    state.with_gate(|g| g.lock())?;
    view(&state)
}
