//! The Tauri shell of Partner: the window, the app state and the commands.
//! This is the only code that names `tauri`. Each command is a thin adapter
//! that calls one use case of the `app` crate and returns `api` types.
//!
//! The replica opened is, in order: `--db PATH` on the command line, the
//! `PARTNER_DB` environment variable, or `replica.sqlite` in the app's data
//! folder. `--server URL` presets the server's address for the login.
//! Signed settlements are saved for the client into `--documents DIR`, else
//! `Partner` in the user's documents folder, else `ugody` beside the replica.

mod commands;
mod state;

use state::AppState;
use std::path::PathBuf;
use tauri::Manager;

fn arg(name: &str) -> Option<std::ffi::OsString> {
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        if a == name {
            return args.next();
        }
    }
    None
}

fn replica_path_from_args() -> Option<PathBuf> {
    arg("--db")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("PARTNER_DB").map(PathBuf::from))
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let path = match replica_path_from_args() {
                Some(p) => p,
                None => {
                    let dir = app.path().app_data_dir()?;
                    std::fs::create_dir_all(&dir)?;
                    dir.join("replica.sqlite")
                }
            };
            let mut state = AppState::open(&path);
            if let Some(dir) = arg("--documents")
                .map(PathBuf::from)
                .or_else(|| app.path().document_dir().ok().map(|d| d.join("Partner")))
            {
                state.documents = dir;
            }
            if let Some(server) = arg("--server").and_then(|s| s.into_string().ok()) {
                // Only a preset for the login screen; a failure shows there.
                let _ = state.with_store(|s| {
                    s.set_sync_value("server", &server)
                        .map_err(app::storage_error)
                });
            }
            app.manage(state);
            commands::sync::start_auto_sync(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::cases::app_info,
            commands::cases::search_cases,
            commands::cases::get_case,
            commands::cases::add_note,
            commands::cases::build_offers,
            commands::cases::save_offer,
            commands::cases::sign_settlement,
            commands::sync::login,
            commands::sync::sync_now,
            commands::sync::sync_status,
            commands::sync::attention_items,
            commands::plan::plan_candidates,
            commands::plan::get_day_plan,
            commands::plan::plan_day,
            commands::plan::plan_week,
            commands::plan::edit_plan,
            commands::plan::submit_plan,
            commands::team::team_offers,
            commands::team::team_plans,
            commands::team::team_decide,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Partner");
}
