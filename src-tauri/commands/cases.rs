//! The case list and the case detail.

use crate::state::AppState;
use api::{
    AppInfo, CaseDetail, CaseRequest, CaseRow, CommandError, NoteRequest, OfferForm, OffersView,
    SaveOfferRequest, SavedOffer, SearchRequest, SignSettlementRequest, SignedSettlement,
};
use app::Clock;
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
    state.with_store(|s| app::get_case::open_case(s, today, &req))
}

#[tauri::command]
pub async fn add_note(state: State<'_, AppState>, req: NoteRequest) -> Result<(), CommandError> {
    let now = state.clock.now();
    let id = state.next_id()?;
    state.with_store(|s| app::add_note::add_note(s, now, id, &req.case_id, &req.text))
}

#[tauri::command]
pub async fn build_offers(
    state: State<'_, AppState>,
    req: OfferForm,
) -> Result<OffersView, CommandError> {
    let today = state.today();
    state.with_store(|s| app::offers::build_offers(s, today, &req))
}

#[tauri::command]
pub async fn save_offer(
    state: State<'_, AppState>,
    req: SaveOfferRequest,
) -> Result<SavedOffer, CommandError> {
    let now = state.clock.now();
    let id = state.next_id()?;
    state.with_store(|s| app::offers::save_offer(s, now, id, &req))
}

#[tauri::command]
pub async fn sign_settlement(
    state: State<'_, AppState>,
    req: SignSettlementRequest,
) -> Result<SignedSettlement, CommandError> {
    let now = state.clock.now();
    let id = state.next_id()?;
    let strokes = app::settlement::strokes_from(&req.strokes);
    let offer = req.offer_id.parse().map_err(|_| CommandError::Invalid {
        field: api::Field::Offer,
        code: api::Reason::MalformedId,
    })?;
    let sign = app::settlement::SignRequest {
        offer,
        place: req.place,
        strokes,
    };
    let signed = state.with_store(|s| app::settlement::sign_settlement(s, now, id, &sign))?;
    // The client's copy. The settlement is signed and queued already, so a
    // failure to save it is reported on screen, not as a failed signing.
    let saved_to = match signed.save_for_client(&state.documents) {
        Ok(path) => Some(path.display().to_string()),
        Err(e) => {
            eprintln!(
                "partner: cannot save the settlement into {}: {e}",
                state.documents.display()
            );
            None
        }
    };
    Ok(SignedSettlement {
        size_bytes: signed.pdf.len() as u64,
        sha256: hex::encode(signed.sha256),
        number: signed.number,
        saved_to,
    })
}

/// "Otwórz PDF" after signing or a receipt: the client's copy, only from the
/// documents folder, in the system viewer (with `PARTNER_NO_OPENER` the path
/// is answered and nothing opened, as for "Nawiguj").
#[tauri::command]
pub async fn open_document(
    app_handle: tauri::AppHandle,
    state: State<'_, AppState>,
    req: api::OpenDocumentRequest,
) -> Result<api::PdfOpened, CommandError> {
    use tauri_plugin_opener::OpenerExt;
    let file = app::settlement::client_document(&state.documents, &req.path)?;
    let bytes = std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
    let shown = file.display().to_string();
    let opened = std::env::var_os("PARTNER_NO_OPENER").is_none()
        && app_handle
            .opener()
            .open_path(shown.as_str(), None::<&str>)
            .is_ok();
    Ok(api::PdfOpened {
        path: shown,
        opened,
        bytes,
    })
}
