//! One file per command group. The names match `api::COMMAND_NAMES`; the
//! test in lib.rs checks the registration against them.

pub mod cases;
pub mod consult;
pub mod desk;
pub mod lock;
pub mod navigate;
pub mod office;
pub mod plan;
pub mod sync;
pub mod team;
pub mod visit;

use crate::state::AppState;
use api::CommandError;
use tauri::{AppHandle, Manager};

/// Runs `f` with the app's state on the blocking pool (network calls, the
/// PIN's hash), off the UI's thread.
pub(crate) async fn off_ui<T: Send + 'static>(
    app_handle: AppHandle,
    f: impl FnOnce(&AppState) -> Result<T, CommandError> + Send + 'static,
) -> Result<T, CommandError> {
    tauri::async_runtime::spawn_blocking(move || f(&app_handle.state::<AppState>()))
        .await
        .map_err(|e| CommandError::Storage {
            message: e.to_string(),
        })?
}
