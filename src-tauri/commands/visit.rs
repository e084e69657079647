//! The visit report (issue 11): start a visit, downscale a photo for it,
//! save its report.

use crate::state::AppState;
use api::{CaseRequest, CommandError, PhotoDraft, PhotoFile, VisitForm, VisitSaved, VisitStart};
use app::Clock;
use tauri::State;

#[tauri::command]
pub async fn start_visit(
    state: State<'_, AppState>,
    req: CaseRequest,
) -> Result<VisitStart, CommandError> {
    let now = state.clock.now();
    state.with_store(|s| app::visit::start_visit(s, now, &req))
}

/// Desktop has no position: [`app::visit::NoFix`] records "no fix". A
/// mobile build would answer with `tauri-plugin-geolocation` behind
/// `app::visit::Position` here.
#[tauri::command]
pub async fn record_visit(
    state: State<'_, AppState>,
    req: VisitForm,
) -> Result<VisitSaved, CommandError> {
    let now = state.clock.now();
    let id = state.next_id()?;
    let mut saved =
        state.with_store(|s| app::visit::record_visit(s, now, id, &app::visit::NoFix, &req))?;
    // The client's copy of a receipt. The report is saved and queued
    // already, so a failure to save the copy is reported, not a failure.
    if let Some(view) = saved.receipt.as_mut() {
        let row = state.with_store(|s| app::receipt::door_receipt(s, id))?;
        view.saved_to =
            row.and_then(
                |r| match app::receipt::save_for_client(&r, &state.documents) {
                    Ok(path) => Some(path.display().to_string()),
                    Err(e) => {
                        eprintln!(
                            "partner: cannot save the receipt into {}: {e}",
                            state.documents.display()
                        );
                        None
                    }
                },
            );
    }
    Ok(saved)
}

/// Proposes changes of a case's contact data (issue 11), from the case page
/// or the visit screen.
#[tauri::command]
pub async fn propose_contact(
    state: State<'_, AppState>,
    req: api::ContactForm,
) -> Result<api::ContactSaved, CommandError> {
    let now = state.clock.now();
    let id = state.next_id()?;
    state.with_store(|s| app::contact::propose_contact(s, now, id, &req))
}

/// The camera's file on mobile, a chosen file on desktop: downscaled off
/// the async threads (a camera picture takes a while to decode).
#[tauri::command]
pub async fn prepare_photo(req: PhotoFile) -> Result<PhotoDraft, CommandError> {
    tauri::async_runtime::spawn_blocking(move || app::photos::prepare_photo(&req))
        .await
        .map_err(|e| CommandError::Storage {
            message: e.to_string(),
        })?
}

/// The doorstep identity check (issue 14): the case at the door once the
/// person is confirmed as the debtor.
#[tauri::command]
pub async fn confirm_identity(
    state: State<'_, AppState>,
    req: api::IdentityForm,
) -> Result<api::DoorCase, CommandError> {
    state.with_store(|s| app::visit::confirm_identity(s, &req))
}
