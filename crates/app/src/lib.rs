//! The use cases of Partner as plain functions over the domain and the
//! replica: what the advisor can do, independent of how it is shown. The
//! Tauri adapter (src-tauri) and the headless demo (xtask) both call these.
//!
//! This crate must not know about Tauri, the UI framework or HTTP. It reads
//! the time only through a [`Clock`].

pub mod add_note;
pub mod app_info;
pub mod capture;
pub mod clock;
pub mod codes;
pub mod consult;
pub mod contact;
pub mod demo_replica;
pub mod desk;
pub mod get_case;
pub mod ids;
pub mod lock;
pub mod login;
pub mod offers;
pub mod office;
pub mod photos;
pub mod plan;
pub mod receipt;
pub mod search_cases;
pub mod settlement;
pub mod sync_now;
pub mod sync_status;
pub mod team;
pub mod today;
pub mod vault;
pub mod visit;

pub use clock::{Clock, FixedClock, SystemClock};
pub use ids::{IdSource, RandomIds, SeqIds};

use api::{CommandError, Missing};
use store::StoreError;

/// Maps a replica error to what the UI can act on.
/// Case data is open unless the device has not synced for longer than the
/// policy allows ([`domain::stale`]): the case list and the case file ask
/// this first.
pub fn case_data_open(store: &store::Store, today: chrono::NaiveDate) -> Result<(), CommandError> {
    let last = store
        .sync_value("last_sync")
        .map_err(storage_error)?
        .and_then(|s| chrono::NaiveDateTime::parse_from_str(&s, "%Y-%m-%dT%H:%M:%S").ok())
        .map(|t| t.date());
    match domain::stale::locked_for(last, today, domain::stale::LOCK_AFTER_DAYS) {
        Some(days) => Err(CommandError::Locked {
            days: u32::try_from(days).unwrap_or(u32::MAX),
        }),
        None => Ok(()),
    }
}

pub fn storage_error(e: StoreError) -> CommandError {
    match e {
        StoreError::SchemaTooNew { .. } => CommandError::ReplicaTooNew,
        StoreError::CaseNotFound(id) => CommandError::NotFound {
            what: Missing::Case,
            key: Some(id.to_string()),
        },
        other => CommandError::Storage {
            message: other.to_string(),
        },
    }
}

/// A value the user gave that the use case refuses, with the field and
/// the reason code the UI shows.
pub(crate) fn invalid(field: api::Field, code: api::Reason) -> CommandError {
    CommandError::Invalid { field, code }
}

/// A value that would not turn into JSON (or back): a replica problem.
pub(crate) fn json_error(e: serde_json::Error) -> CommandError {
    CommandError::Storage {
        message: e.to_string(),
    }
}

/// When a promise counts as broken on this device: the grace days of the
/// policy the server last sent (the one the server judges the advisor's
/// cases by), so that the device and the server judge a case alike.
pub(crate) fn promise_rules(
    store: &store::Store,
) -> Result<domain::status::PromiseRules, CommandError> {
    Ok(offers::policy_in_force(store)?.0.promises)
}

/// The priority facts of a case list row on `today`: the status after the
/// promise ledger (a promise broken today makes it "broken promise", offline
/// too) and the next promise still open, never an old broken one.
fn facts_of_summary(
    s: &store::CaseSummary,
    today: chrono::NaiveDate,
    promises: &domain::status::PromiseRules,
) -> domain::priority::CaseFacts {
    let verdict = s.verdict(today, promises);
    domain::priority::CaseFacts {
        status: verdict.status(s.status),
        outstanding: s.outstanding,
        next_promise_due: verdict.ledger.next_open().map(|p| p.due_on),
        limitation_date: s.limitation_date,
        last_activity: s.last_activity,
        vulnerable: s.vulnerable,
        appointment: s.appointment.map(|a| a.date()),
    }
}
