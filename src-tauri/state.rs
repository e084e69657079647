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
    /// The app lock: every command of the user's passes it.
    gate: Mutex<app::lock::Gate>,
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
        let pin_set = store
            .as_ref()
            .is_ok_and(|s| app::lock::pin_set(s).unwrap_or(true));
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
            gate: Mutex::new(app::lock::Gate::new(pin_set, std::time::Instant::now())),
        }
    }

    /// Runs `f` with the replica for a command of the user's: refused while
    /// the app is locked, else it counts as activity.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        self.admit()?;
        self.with_store_locked(f)
    }

    /// The user's command passes the lock (and keeps the app open).
    pub fn admit(&self) -> Result<(), CommandError> {
        self.gate
            .lock()
            .map_err(|_| poisoned())?
            .admit(std::time::Instant::now())
    }

    /// Runs `f` with the replica whether the app is locked or not: the
    /// status poll and the lock's own commands (no activity).
    pub fn with_store_locked<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, CommandError>,
    ) -> Result<T, CommandError> {
        let mut guard = self.store.lock().map_err(|_| poisoned())?;
        match &mut *guard {
            Ok(store) => f(store),
            Err(e) => Err(e.clone()),
        }
    }

    /// A connection of its own to the replica for an online page of the
    /// user's (behind the lock, as `with_store`).
    pub fn connect(&self) -> Result<Store, CommandError> {
        self.admit()?;
        self.connect_background()
    }

    /// A connection of its own to the replica for the sync (the background
    /// sync runs while the app is locked: work leaves the device) and the
    /// login (the locked app is opened by the password through it).
    pub fn connect_background(&self) -> Result<Store, CommandError> {
        match self.key.lock().map_err(|_| poisoned())?.clone() {
            Some(key) => Store::open_encrypted(&self.path, &key).map_err(app::storage_error),
            // No key: the replica could not be opened; say why again.
            None => self.with_store_locked(|_| {
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
        // A new replica has no PIN.
        self.gate
            .lock()
            .map_err(|_| poisoned())?
            .set_pin(false, std::time::Instant::now());
        Ok(())
    }

    /// Whether the app is locked now (the poll's question; no activity).
    pub fn locked(&self) -> bool {
        self.gate
            .lock()
            .map(|mut g| g.locked(std::time::Instant::now()))
            .unwrap_or(true)
    }

    /// Changes the lock: `f` gets the gate.
    pub fn with_gate(&self, f: impl FnOnce(&mut app::lock::Gate)) -> Result<(), CommandError> {
        f(&mut *self.gate.lock().map_err(|_| poisoned())?);
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
