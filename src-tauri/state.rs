use api::{CommandError, SyncProblem};
use app::{Clock, RandomIds, SystemClock};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use store::Store;

/// The sync in progress or the last one.
#[derive(Debug, Default, Clone)]
pub struct SyncRun {
    pub running: bool,
    pub received: usize,
    pub problem: Option<SyncProblem>,
}

/// What the commands share: the replica (or why it could not be opened), its
/// path (sync opens its own connection, so the screens stay responsive while
/// it talks to the server), the clock, the id source and the sync state.
pub struct AppState {
    pub path: PathBuf,
    /// Where signed settlements are saved for the client to take.
    pub documents: PathBuf,
    store: Mutex<Result<Store, CommandError>>,
    pub clock: SystemClock,
    pub ids: Mutex<RandomIds>,
    pub sync: Mutex<SyncRun>,
}

fn poisoned() -> CommandError {
    CommandError::Storage {
        message: "a lock was poisoned".into(),
    }
}

impl AppState {
    pub fn open(path: &Path) -> AppState {
        let store = Store::open(path).map_err(|e| {
            eprintln!("partner: cannot open the replica {}: {e}", path.display());
            app::storage_error(e)
        });
        AppState {
            path: path.to_owned(),
            documents: path
                .parent()
                .unwrap_or_else(|| Path::new("."))
                .join("ugody"),
            store: Mutex::new(store),
            clock: SystemClock,
            ids: Mutex::new(RandomIds),
            sync: Mutex::new(SyncRun::default()),
        }
    }

    /// Runs `f` with the replica, or returns why there is none.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let mut guard = self.store.lock().map_err(|_| poisoned())?;
        match &mut *guard {
            Ok(store) => f(store),
            Err(e) => Err(e.clone()),
        }
    }

    /// A new id for a change captured on this device.
    pub fn next_id(&self) -> Result<uuid::Uuid, CommandError> {
        use app::IdSource;
        self.ids
            .lock()
            .map(|mut ids| ids.next_id())
            .map_err(|_| CommandError::Storage {
                message: "lock".into(),
            })
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    pub fn sync_run(&self) -> SyncRun {
        self.sync.lock().map(|s| s.clone()).unwrap_or_default()
    }

    pub fn update_sync(&self, f: impl FnOnce(&mut SyncRun)) {
        if let Ok(mut s) = self.sync.lock() {
            f(&mut s);
        }
    }
}
