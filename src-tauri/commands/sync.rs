//! Login, sync and the sync status. Network calls run on the blocking pool
//! with their own replica connection.

use crate::state::AppState;
use api::{AttentionItem, CommandError, Field, LoginRequest, Reason, SyncProblem, SyncStatus};
use app::Clock;
use sync_client::HttpTransport;
use tauri::{AppHandle, Manager, State};

/// The status bar's facts (polled: no activity, answered while locked).
fn status(state: &AppState) -> Result<SyncStatus, CommandError> {
    let run = state.sync_run();
    let locked = state.locked();
    state.with_store_locked(|s| {
        let st = app::sync_status::sync_status(s, run.running, run.received, run.problem.clone())?;
        Ok(SyncStatus { locked, ..st })
    })
}

#[tauri::command]
pub async fn sync_status(state: State<'_, AppState>) -> Result<SyncStatus, CommandError> {
    status(&state)
}

#[tauri::command]
pub async fn attention_items(
    state: State<'_, AppState>,
) -> Result<Vec<AttentionItem>, CommandError> {
    state.with_store(|s| app::sync_status::attention_items(s))
}

fn storage(e: store::StoreError) -> CommandError {
    app::storage_error(e)
}

#[tauri::command]
pub async fn login(app_handle: AppHandle, req: LoginRequest) -> Result<SyncStatus, CommandError> {
    super::off_ui(app_handle, move |state| {
        let server = app::login::server_address(&req.server)?;
        if req.login.trim().is_empty() || req.password.is_empty() {
            return Err(CommandError::invalid(Field::Login, Reason::Empty));
        }
        // A login is the user's command: not while the app is locked (the
        // lock's password opens it).
        state.admit()?;
        let mut store = state.connect_background()?;
        let mut http = HttpTransport::new(&server).map_err(|e| CommandError::Storage {
            message: e.to_string(),
        })?;
        let mut ids = state.ids.lock().map(|g| *g).unwrap_or_default();
        let device_name = format!("Partner {}", std::env::consts::OS);
        match app::login::login(
            &mut store,
            &mut http,
            &mut ids,
            req.login.trim(),
            &req.password,
            &device_name,
        ) {
            Ok(_) => {
                store.set_sync_value("server", &server).map_err(storage)?;
                state.update_sync(|s| s.problem = None);
            }
            Err(app::login::LoginError::Sync(e)) => {
                state.update_sync(|s| s.problem = Some(app::sync_status::problem(&e)));
            }
            Err(app::login::LoginError::Store(e)) => return Err(storage(e)),
        }
        drop(store);
        status(state)
    })
    .await
}

#[tauri::command]
pub async fn logout(app_handle: AppHandle) -> Result<api::LoggedOut, CommandError> {
    super::off_ui(app_handle, move |state| {
        state.admit()?;
        let mut store = state.connect_background()?;
        let server = store
            .sync_value("server")
            .map_err(storage)?
            .and_then(|s| HttpTransport::new(&s).ok());
        let out = app::login::logout(&mut store, server.as_ref()).map_err(storage)?;
        state.update_sync(|s| s.problem = None);
        Ok(out)
    })
    .await
}

/// One sync run on its own connection; sets the status while it runs.
pub fn run_sync(state: &AppState) -> Result<(), CommandError> {
    {
        let mut s = state.sync.lock().map_err(|_| CommandError::Storage {
            message: "lock".into(),
        })?;
        if s.running {
            return Ok(());
        }
        s.running = true;
        s.received = 0;
    }
    let result = (|| {
        let mut store = state.connect_background()?;
        let Some(server) = store.sync_value("server").map_err(storage)? else {
            state.update_sync(|s| s.problem = Some(SyncProblem::LoginRequired));
            return Ok(());
        };
        let mut http = HttpTransport::new(&server).map_err(|e| CommandError::Storage {
            message: e.to_string(),
        })?;
        let report = app::sync_now::sync_now_with_progress(
            &mut store,
            &mut http,
            state.clock.now(),
            &mut |n| state.update_sync(|s| s.received = n),
        );
        match report {
            Ok(r) => {
                if r.wiped {
                    // Revoked: the case data is deleted already; now the
                    // key goes, and with it what is left of the file.
                    drop(store);
                    state.shred()?;
                }
                state.update_sync(|s| s.problem = r.error.as_ref().map(app::sync_status::problem))
            }
            Err(app::sync_now::SyncRunError::NotLoggedIn) => {
                state.update_sync(|s| s.problem = Some(SyncProblem::LoginRequired))
            }
            Err(e) => {
                return Err(CommandError::Storage {
                    message: e.to_string(),
                })
            }
        }
        Ok(())
    })();
    state.update_sync(|s| s.running = false);
    result
}

#[tauri::command]
pub async fn sync_now(app_handle: AppHandle) -> Result<SyncStatus, CommandError> {
    super::off_ui(app_handle, move |state| {
        state.admit()?;
        run_sync(state)?;
        status(state)
    })
    .await
}

/// Syncs in the background whenever the app is logged in: every minute, so
/// captured work leaves the device as soon as there is a network.
pub fn start_auto_sync(app_handle: AppHandle) {
    std::thread::spawn(move || loop {
        std::thread::sleep(std::time::Duration::from_secs(60));
        let state = app_handle.state::<AppState>();
        // A failed run is recorded in the status; the loop just tries again.
        let _ = run_sync(&state);
    });
}
