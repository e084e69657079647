use api::CommandError;
use app::{Clock, SystemClock};
use std::path::Path;
use std::sync::Mutex;
use store::Store;

/// What the commands share: the open replica (or why it could not be opened)
/// and the clock.
pub struct AppState {
    store: Mutex<Result<Store, CommandError>>,
    pub clock: SystemClock,
}

impl AppState {
    pub fn open(path: &Path) -> AppState {
        let store = Store::open(path).map_err(|e| {
            eprintln!("partner: cannot open the replica {}: {e}", path.display());
            app::storage_error(e)
        });
        AppState {
            store: Mutex::new(store),
            clock: SystemClock,
        }
    }

    /// Runs `f` with the replica, or returns why there is none.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let mut guard = self.store.lock().map_err(|_| CommandError::Storage {
            message: "replica lock poisoned".into(),
        })?;
        match &mut *guard {
            Ok(store) => f(store),
            Err(e) => Err(e.clone()),
        }
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }
}
