//! The team lead's page: online calls to the server, each on the blocking
//! pool with its own replica connection (for the token and the address).

use crate::state::AppState;
use api::{CommandError, DecideForm, DecisionView, TeamOfferView, TeamPlansQuery, TeamPlansView};
use app::Clock;
use store::Store;
use sync_client::HttpTransport;
use tauri::{AppHandle, Manager};

/// Runs `f` off the UI thread with the replica and the server's transport.
pub(crate) async fn online<T: Send + 'static>(
    app_handle: AppHandle,
    f: impl FnOnce(&AppState, &Store, &mut HttpTransport) -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app_handle.state::<AppState>();
        let store = state.connect()?;
        let server = store
            .sync_value("server")
            .map_err(app::storage_error)?
            .ok_or(CommandError::LoginRequired)?;
        let mut http = HttpTransport::new(&server).map_err(app::team::command_error)?;
        f(&state, &store, &mut http)
    })
    .await
    .map_err(|e| CommandError::Storage {
        message: e.to_string(),
    })?
}

#[tauri::command]
pub async fn team_offers(app_handle: AppHandle) -> Result<Vec<TeamOfferView>, CommandError> {
    online(app_handle, |_, store, http| {
        app::team::team_offers(store, http)
    })
    .await
}

#[tauri::command]
pub async fn team_plans(
    app_handle: AppHandle,
    req: TeamPlansQuery,
) -> Result<TeamPlansView, CommandError> {
    online(app_handle, move |state, store, http| {
        app::team::team_plans(store, http, state.clock.today(), &req)
    })
    .await
}

#[tauri::command]
pub async fn team_decide(
    app_handle: AppHandle,
    req: DecideForm,
) -> Result<DecisionView, CommandError> {
    online(app_handle, move |_, store, http| {
        app::team::team_decide(store, http, &req)
    })
    .await
}
