//! "Nawiguj": the platform's navigation on an address, through the Tauri
//! opener plugin (a `geo:` URI on mobile, a map's directions on desktop;
//! the link itself is `api::navigation::link`, pure and tested).
//!
//! Opening another application cannot be checked here: with
//! `PARTNER_NO_OPENER` set (the UI tests set it) the link is answered and
//! not opened.

use api::navigation::{link, NavigateRequest, Navigation, Platform};
use api::{CommandError, Field, Reason};
use tauri_plugin_opener::OpenerExt;

#[tauri::command]
pub async fn navigate(
    app: tauri::AppHandle,
    req: NavigateRequest,
) -> Result<Navigation, CommandError> {
    if req.line.trim().is_empty() && (req.lat.is_none() || req.lon.is_none()) {
        return Err(CommandError::invalid(Field::Destination, Reason::Required));
    }
    let platform = if cfg!(mobile) {
        Platform::Mobile
    } else {
        Platform::Desktop
    };
    let url = link(&req, platform);
    let opened = std::env::var_os("PARTNER_NO_OPENER").is_none()
        && app.opener().open_url(url.as_str(), None::<&str>).is_ok();
    Ok(Navigation { url, opened })
}
