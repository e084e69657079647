use api::{CommandError, SyncProblem};
use app::vault::{KeyVault, ReplicaError};
use app::{Clock, RandomIds, SystemClock};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use store::{ReplicaKey, Store};

/// The sync in progress or the last one.
#[derive(Debug, Default, Clone)]
pub struct SyncRun {
    pub running: bool,
    pub received: usize,
    pub problem: Option<SyncProblem>,
}

/// What the commands share: the replica (or why it could not be opened), its
/// path and key (sync opens its own connection, so the screens stay
/// responsive while it talks to the server), the keychain, the clock, the id
/// source and the sync state.
pub struct AppState {
    pub path: PathBuf,
    /// Where signed settlements are saved for the client to take.
    pub documents: PathBuf,
    vault: Box<dyn KeyVault>,
    key: Mutex<Option<ReplicaKey>>,
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

fn replica_error(path: &Path, e: ReplicaError) -> CommandError {
    eprintln!("partner: cannot open the replica {}: {e}", path.display());
    match e {
        ReplicaError::Store(e) => app::storage_error(e),
        other => CommandError::Storage {
            message: other.to_string(),
        },
    }
}

/// The replica at `path` with its key (made and kept first when new).
fn open_keyed(vault: &dyn KeyVault, path: &Path) -> Result<(Store, ReplicaKey), CommandError> {
    let key = app::vault::replica_key(vault, path).map_err(|e| replica_error(path, e))?;
    let store = Store::open_encrypted(path, &key).map_err(|e| replica_error(path, e.into()))?;
    Ok((store, key))
}

impl AppState {
    pub fn open(path: &Path, vault: Box<dyn KeyVault>) -> AppState {
        let (store, key) = match open_keyed(&*vault, path) {
            Ok((s, k)) => (Ok(s), Some(k)),
            Err(e) => (Err(e), None),
        };
        AppState {
            path: path.to_owned(),
            documents: path
                .parent()
                .unwrap_or_else(|| Path::new("."))
                .join("ugody"),
            vault,
            key: Mutex::new(key),
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

    /// A connection of its own to the replica (sync and the online pages
    /// use one, so the screens stay responsive).
    pub fn connect(&self) -> Result<Store, CommandError> {
        match self.key.lock().map_err(|_| poisoned())?.clone() {
            Some(key) => Store::open_encrypted(&self.path, &key).map_err(app::storage_error),
            // No key: the replica could not be opened; say why again.
            None => self.with_store(|_| {
                Err(CommandError::Storage {
                    message: "the replica has no key".into(),
                })
            }),
        }
    }

    /// The device was revoked: crypto-shreds the replica (its key destroyed,
    /// the files and the saved documents removed) and starts an empty one
    /// with a new key, keeping only the server's address for the login.
    /// The caller has dropped its own connections.
    pub fn shred(&self) -> Result<(), CommandError> {
        let mut guard = self.store.lock().map_err(|_| poisoned())?;
        let server = match &*guard {
            Ok(s) => s.sync_value("server").ok().flatten(),
            Err(_) => None,
        };
        // Closes the shell's connection before its files go.
        *guard = Err(CommandError::Storage {
            message: "the replica is being wiped".into(),
        });
        let mut key = self.key.lock().map_err(|_| poisoned())?;
        *key = None;
        app::vault::shred(&*self.vault, &self.path, &self.documents)
            .map_err(|e| replica_error(&self.path, e))?;
        let (mut store, new_key) = open_keyed(&*self.vault, &self.path)?;
        if let Some(server) = server {
            store
                .set_sync_value("server", &server)
                .map_err(app::storage_error)?;
        }
        *key = Some(new_key);
        *guard = Ok(store);
        Ok(())
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
