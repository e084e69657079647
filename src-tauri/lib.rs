//! The Tauri shell of Partner: the window, the app state and the commands.
//! This is the only code that names `tauri`. Each command is a thin adapter
//! that calls one use case of the `app` crate and returns `api` types.
//!
//! The replica opened is, in order: `--db PATH` on the command line, the
//! `PARTNER_DB` environment variable, or `replica.sqlite` in the app's data
//! folder.

mod commands;
mod state;

use state::AppState;
use std::path::PathBuf;
use tauri::Manager;

fn replica_path_from_args() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(a) = args.next() {
        if a == "--db" {
            return args.next().map(PathBuf::from);
        }
    }
    std::env::var_os("PARTNER_DB").map(PathBuf::from)
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
            app.manage(AppState::open(&path));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::cases::app_info,
            commands::cases::search_cases,
            commands::cases::get_case,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Partner");
}
