//! The app lock on the device (issue #15), by `domain::lock`'s rule: the
//! PIN's argon2id hash and the count of wrong tries in the (encrypted)
//! replica — counted before a try is checked, so killing the app mid-try
//! gives no free tries; a restart finds the app locked. [`Gate`] is the
//! shell's in-memory lock: every command the user makes passes it (and
//! counts as activity), the status poll and the background sync do not.

use crate::storage_error;
use api::{CommandError, Field, LockView, Reason, SetPinForm};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use domain::lock::{check_new_pin, opening, Opening, PinError};
use std::time::{Duration, Instant};
use store::Store;
use uuid::Uuid;

const PIN_HASH: &str = "lock_pin";
const FAILURES: &str = "lock_failures";

fn failures(store: &Store) -> Result<u32, CommandError> {
    Ok(store
        .sync_value(FAILURES)
        .map_err(storage_error)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

fn set_failures(store: &mut Store, n: u32) -> Result<(), CommandError> {
    store
        .set_sync_value(FAILURES, &n.to_string())
        .map_err(storage_error)
}

/// Whether a PIN is set on this device.
pub fn pin_set(store: &Store) -> Result<bool, CommandError> {
    Ok(store.sync_value(PIN_HASH).map_err(storage_error)?.is_some())
}

/// Where the lock stands, `locked` as the gate says.
pub fn view(store: &Store, locked: bool) -> Result<LockView, CommandError> {
    let f = failures(store)?;
    let (pending, _) = store.outbox_counts().map_err(storage_error)?;
    let (password_only, pins_left) = match opening(f) {
        Opening::Pin { tries_left } => (false, tries_left),
        Opening::Password { .. } | Opening::Wipe => (true, 0),
    };
    Ok(LockView {
        pin_set: pin_set(store)?,
        locked,
        password_only,
        pins_left,
        before_wipe: domain::lock::before_wipe(f),
        warn: domain::lock::warns(f),
        unsynced: u32::try_from(pending).unwrap_or(u32::MAX),
    })
}

fn pin_error(e: PinError) -> CommandError {
    match e {
        PinError::Format => CommandError::invalid(Field::Pin, Reason::Malformed),
        PinError::Guessable => CommandError::invalid(Field::Pin, Reason::GuessablePin),
        PinError::Mismatch => CommandError::invalid(Field::PinRepeat, Reason::Mismatch),
    }
}

/// Sets or changes the PIN (the app is open: the gate let the user in).
/// `salt` is a fresh id from the caller's id source. Only a logged-in
/// device may set one: the password that opens the app after five wrong
/// PINs is its user's.
pub fn set_pin(store: &mut Store, salt: Uuid, form: &SetPinForm) -> Result<(), CommandError> {
    check_new_pin(&form.pin, &form.repeat).map_err(pin_error)?;
    if store.sync_value("login").map_err(storage_error)?.is_none() {
        return Err(CommandError::LoginRequired);
    }
    let salt = SaltString::encode_b64(salt.as_bytes()).map_err(hash_error)?;
    let hash = Argon2::default()
        .hash_password(form.pin.as_bytes(), &salt)
        .map_err(hash_error)?
        .to_string();
    store
        .set_sync_value(PIN_HASH, &hash)
        .map_err(storage_error)?;
    set_failures(store, 0)
}

fn hash_error(e: argon2::password_hash::Error) -> CommandError {
    CommandError::Storage {
        message: format!("PIN hash: {e}"),
    }
}

/// What a try at the lock came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tried {
    Opened,
    /// Wrong; the error says what is left.
    Wrong(CommandError),
    /// The tries are used up: the caller destroys the key (crypto-shreds
    /// the replica); `lost` changes were not synced.
    Erase {
        lost: u32,
    },
}

fn after_failure(store: &Store, f: u32) -> Result<Tried, CommandError> {
    Ok(match opening(f) {
        Opening::Wipe => {
            let (pending, _) = store.outbox_counts().map_err(storage_error)?;
            Tried::Erase {
                lost: u32::try_from(pending).unwrap_or(u32::MAX),
            }
        }
        Opening::Pin { tries_left } => Tried::Wrong(CommandError::WrongPin {
            pins_left: tries_left,
            before_wipe: domain::lock::before_wipe(f),
        }),
        Opening::Password { before_wipe } => Tried::Wrong(CommandError::WrongPin {
            pins_left: 0,
            before_wipe,
        }),
    })
}

/// A PIN typed at the lock. After five wrong ones a PIN is not even
/// checked (nor counted): only the password opens the app.
pub fn try_pin(store: &mut Store, pin: &str) -> Result<Tried, CommandError> {
    let Some(hash) = store.sync_value(PIN_HASH).map_err(storage_error)? else {
        return Ok(Tried::Opened);
    };
    let f = failures(store)?;
    if let Opening::Password { before_wipe } = opening(f) {
        return Ok(Tried::Wrong(CommandError::WrongPin {
            pins_left: 0,
            before_wipe,
        }));
    }
    // Counted before it is checked: a kill mid-check gives no free try.
    set_failures(store, f + 1)?;
    let parsed = PasswordHash::new(&hash).map_err(hash_error)?;
    if Argon2::default()
        .verify_password(pin.as_bytes(), &parsed)
        .is_ok()
    {
        set_failures(store, 0)?;
        return Ok(Tried::Opened);
    }
    after_failure(store, f + 1)
}

/// The password typed at the lock, checked by the server as a login of
/// the device's user (which renews its token and certificate). Refused: one
/// more wrong try. No network: not a try ([`CommandError::Offline`]).
pub fn try_password(
    store: &mut Store,
    transport: &mut dyn sync_client::Transport,
    ids: &mut dyn crate::IdSource,
    password: &str,
    device_name: &str,
) -> Result<Tried, CommandError> {
    let Some(login) = store.sync_value("login").map_err(storage_error)? else {
        return Err(CommandError::LoginRequired);
    };
    match crate::login::login(store, transport, ids, &login, password, device_name) {
        Ok(_) => {
            set_failures(store, 0)?;
            Ok(Tried::Opened)
        }
        Err(crate::login::LoginError::Sync(sync_client::SyncError::Unauthorized(_))) => {
            let f = failures(store)? + 1;
            set_failures(store, f)?;
            after_failure(store, f)
        }
        Err(crate::login::LoginError::Sync(sync_client::SyncError::Unreachable(_))) => {
            Err(CommandError::Offline)
        }
        Err(crate::login::LoginError::Sync(e)) => Err(CommandError::Server {
            message: e.to_string(),
        }),
        Err(crate::login::LoginError::Store(e)) => Err(storage_error(e)),
    }
}

/// The shell's lock in memory: locked at start when a PIN is set, after
/// `domain::lock::IDLE` without the user's action, and on request. Time is
/// the monotonic clock's, so setting the device's clock back does not keep
/// the app open.
#[derive(Debug, Clone)]
pub struct Gate {
    pin_set: bool,
    locked: bool,
    last: Instant,
}

impl Gate {
    pub fn new(pin_set: bool, now: Instant) -> Gate {
        Gate {
            pin_set,
            locked: pin_set,
            last: now,
        }
    }

    /// Whether the app is locked at `now` (locks it when idle too long).
    pub fn locked(&mut self, now: Instant) -> bool {
        if self.pin_set && domain::lock::idle_locks(now.saturating_duration_since(self.last)) {
            self.locked = true;
        }
        self.pin_set && self.locked
    }

    /// A command of the user's: refused while locked, else the activity
    /// that keeps the app open.
    pub fn admit(&mut self, now: Instant) -> Result<(), CommandError> {
        if self.locked(now) {
            return Err(CommandError::AppLocked);
        }
        self.last = now;
        Ok(())
    }

    /// Opened with the PIN or the password.
    pub fn open(&mut self, now: Instant) {
        self.locked = false;
        self.last = now;
    }

    pub fn lock(&mut self) {
        self.locked = true;
    }

    /// A PIN was set (the app stays open) or the replica was erased
    /// (none is set).
    pub fn set_pin(&mut self, set: bool, now: Instant) {
        self.pin_set = set;
        self.open(now);
    }

    /// How long the user has been idle at `now`.
    pub fn idle(&self, now: Instant) -> Duration {
        now.saturating_duration_since(self.last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gate_locks_at_start_after_fifteen_idle_minutes_and_on_request() {
        let t0 = Instant::now();
        let min = |m: u64| t0 + Duration::from_secs(60 * m);
        // No PIN: never locked.
        let mut open = Gate::new(false, t0);
        assert!(!open.locked(min(600)));
        assert_eq!(open.admit(min(600)), Ok(()));
        // A PIN: locked at start until opened.
        let mut g = Gate::new(true, t0);
        assert_eq!(g.admit(t0), Err(CommandError::AppLocked));
        g.open(t0);
        // Each command keeps it open: 14 minutes apart, three times.
        for m in [14, 28, 42] {
            assert_eq!(g.admit(min(m)), Ok(()), "minute {m}");
        }
        // 15 minutes after the last one it locks, the poll finds it so.
        assert!(!g.locked(min(42 + 14)));
        assert!(g.locked(min(42 + 15)));
        assert_eq!(g.admit(min(42 + 15)), Err(CommandError::AppLocked));
        g.open(min(60));
        g.lock();
        assert_eq!(g.admit(min(60)), Err(CommandError::AppLocked));
    }
}
