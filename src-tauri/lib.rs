//! The Tauri shell of Partner: the window, the app state and the commands.
//! This is the only code that names `tauri`. Each command is a thin adapter
//! that calls one use case of the `app` crate and returns `api` types.
//!
//! The replica opened is, in order: `--db PATH` on the command line, the
//! `PARTNER_DB` environment variable, or `replica.sqlite` in the app's data
//! folder. `--server URL` presets the server's address for the login.
//! Signed settlements are saved for the client into `--documents DIR`, else
//! `Partner` in the user's documents folder, else `ugody` beside the replica.
//! The replica is encrypted; its key is in the system's keychain, or in
//! `--keys DIR` / `PARTNER_KEYS` (see `vault`).

mod commands;
mod state;
mod vault;

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

/// Registers the commands once. The macro gives Tauri's handler and the
/// names it answers to (a command is known by its function's name), so the
/// test below compares exactly what is registered with `api::COMMAND_NAMES`:
/// a command renamed on one side only fails `cargo test`, not the app.
macro_rules! register {
    ($($group:ident::$name:ident),* $(,)?) => {
        /// The command names Tauri answers to, in registration order.
        #[cfg(test)]
        const REGISTERED: &[&str] = &[$(stringify!($name)),*];

        fn invoke_handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$(commands::$group::$name),*]
        }
    };
}

register! {
    cases::app_info,
    cases::search_cases,
    cases::get_case,
    cases::add_note,
    cases::build_offers,
    cases::save_offer,
    cases::sign_settlement,
    cases::open_document,
    sync::login,
    sync::logout,
    sync::sync_now,
    sync::sync_status,
    sync::attention_items,
    plan::plan_candidates,
    plan::get_day_plan,
    plan::plan_day,
    plan::plan_week,
    plan::today,
    plan::save_week_drafts,
    plan::edit_plan,
    plan::submit_plan,
    team::team_offers,
    team::team_plans,
    team::team_decide,
    visit::start_visit,
    visit::record_visit,
    navigate::navigate,
    visit::propose_contact,
    visit::prepare_photo,
    consult::ask_office,
    consult::get_thread,
    consult::read_answers,
    consult::resend_message,
    consult::message_threads,
    consult::office_threads,
    consult::office_thread,
    consult::office_answer,
    consult::office_close,
    consult::office_urgent,
    visit::confirm_identity,
    // #12 inbox: add below this line (branch inbox).
    office::office_inbox,
    office::office_inbox_item,
    office::office_inbox_handle,
    office::office_decide_change,
    office::office_open_pdf,
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    desk::desk_search,
    desk::desk_case,
    desk::desk_close,
    desk::desk_reopen,
    desk::desk_devices,
    desk::desk_users,
    desk::desk_user_disabled,
    desk::desk_revoke,
    lock::lock_status,
    lock::set_pin,
    lock::unlock_pin,
    lock::unlock_password,
    lock::lock_now,
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let path = match replica_path_from_args() {
                Some(p) => p,
                None => {
                    let dir = app.path().app_data_dir()?;
                    std::fs::create_dir_all(&dir)?;
                    dir.join("replica.sqlite")
                }
            };
            let mut state = AppState::open(&path, vault::from_args());
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
        .invoke_handler(invoke_handler())
        .run(tauri::generate_context!())
        .expect("error while running Partner");
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    #[test]
    fn the_registered_commands_are_the_api_commands() {
        let registered: BTreeSet<&str> = super::REGISTERED.iter().copied().collect();
        let declared: BTreeSet<&str> = api::COMMAND_NAMES.iter().copied().collect();
        assert_eq!(
            registered.len(),
            super::REGISTERED.len(),
            "a command is registered twice"
        );
        assert_eq!(
            declared.len(),
            api::COMMAND_NAMES.len(),
            "api declares a command twice"
        );
        let unregistered: Vec<_> = declared.difference(&registered).collect();
        let undeclared: Vec<_> = registered.difference(&declared).collect();
        assert!(
            unregistered.is_empty() && undeclared.is_empty(),
            "src-tauri/lib.rs and api::COMMAND_NAMES disagree: in api but not registered \
             (the UI's invoke would fail at run time): {unregistered:?}; registered but not \
             in api (no typed way to call it): {undeclared:?}"
        );
    }
}
