//! The replica at rest: SQLCipher with a random 256-bit raw key (no
//! passphrase, so no key derivation on every open). The key is kept outside
//! the file by the caller (the platform's keychain); this module only uses
//! it, turns a plaintext replica into an encrypted one in place, and tells a
//! wrong key from a damaged file.

use crate::{Store, StoreError};
use rand_core::RngCore;
use rusqlite::{params, Connection};
use std::path::{Path, PathBuf};

/// A replica's key: 32 random bytes. Its `Debug` never shows the bytes, and
/// it is overwritten when dropped.
#[derive(Clone, PartialEq, Eq)]
pub struct ReplicaKey([u8; 32]);

impl std::fmt::Debug for ReplicaKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ReplicaKey(..)")
    }
}

impl Drop for ReplicaKey {
    fn drop(&mut self) {
        zeroize::Zeroize::zeroize(&mut self.0);
    }
}

impl ReplicaKey {
    /// A new key from the operating system's random source.
    pub fn generate() -> ReplicaKey {
        let mut k = [0u8; 32];
        // A key source (xtask/src/tidy.rs OS_RNG_SOURCES): a key is the one
        // thing that must come from the OS generator, not an injected one.
        rand_core::OsRng.fill_bytes(&mut k);
        ReplicaKey(k)
    }

    pub fn from_bytes(bytes: [u8; 32]) -> ReplicaKey {
        ReplicaKey(bytes)
    }

    /// The key as a keychain keeps it; `None` when it is not 32 bytes.
    pub fn from_slice(bytes: &[u8]) -> Option<ReplicaKey> {
        Some(ReplicaKey(bytes.try_into().ok()?))
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// SQLCipher's raw-key literal: `x'…'` with 64 hex digits.
    fn literal(&self) -> String {
        format!("x'{}'", hex::encode(self.0))
    }
}

/// The first bytes of every plaintext SQLite file.
const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What the file at `path` is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AtRest {
    /// No file, or an empty one.
    Absent,
    /// A plaintext SQLite file.
    Plaintext,
    /// Anything else: an encrypted replica (or not a database at all).
    Encrypted,
}

/// Reads the header of the file at `path`.
pub fn at_rest(path: &Path) -> Result<AtRest, StoreError> {
    use std::io::Read;
    let mut f = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(AtRest::Absent),
        Err(e) => return Err(StoreError::File(e.to_string())),
    };
    let mut head = Vec::with_capacity(16);
    f.by_ref()
        .take(16)
        .read_to_end(&mut head)
        .map_err(|e| StoreError::File(e.to_string()))?;
    Ok(if head.is_empty() {
        AtRest::Absent
    } else if head.as_slice() == SQLITE_HEADER {
        AtRest::Plaintext
    } else {
        AtRest::Encrypted
    })
}

/// The files SQLite keeps beside the replica.
pub fn companions(path: &Path) -> [PathBuf; 3] {
    let with = |suffix: &str| {
        let mut s = path.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    [with("-wal"), with("-shm"), with("-journal")]
}

fn apply_key(conn: &Connection, key: &ReplicaKey) -> Result<(), StoreError> {
    // SQLCipher logs a wrong key to stderr; the error says it already.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    // The key is hex digits only: nothing in it needs quoting.
    conn.execute_batch(&format!("PRAGMA key = \"{}\";", key.literal()))?;
    // The first read decrypts page 1: a wrong key fails here, not later.
    match conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(crate::schema::unreadable)
    {
        Ok(_) => Ok(()),
        Err(StoreError::Unreadable) => Err(StoreError::WrongKey),
        Err(e) => Err(e),
    }
}

/// Turns the plaintext replica at `path` into one encrypted with `key`: the
/// whole database is exported into a new file beside it, which then takes
/// its place (a crash before that leaves the plaintext replica as it was,
/// and the next start does it again). Refuses a file that is not a replica.
fn encrypt_in_place(path: &Path, key: &ReplicaKey) -> Result<(), StoreError> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".encrypting");
    let tmp = PathBuf::from(tmp);
    remove_if_there(&tmp)?;
    for c in companions(&tmp) {
        remove_if_there(&c)?;
    }
    {
        let mut plain = Connection::open(path)?;
        // The schema check first: only a Partner replica is rewritten.
        plain
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })
            .map_err(crate::schema::unreadable)?;
        crate::schema::check_known(&mut plain)?;
        let version: i64 = plain.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let app_id: i64 = plain.pragma_query_value(None, "application_id", |r| r.get(0))?;
        plain.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            params![tmp.to_string_lossy(), key.literal()],
        )?;
        plain.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        // The export copies the schema and the rows, not the header's
        // numbers: the schema version and the application id go by hand.
        plain.execute_batch(&format!(
            "PRAGMA encrypted.user_version = {version}; PRAGMA encrypted.application_id = {app_id};"
        ))?;
        plain.execute_batch("DETACH DATABASE encrypted;")?;
        // Closing the last connection checkpoints and removes its WAL.
        plain.close().map_err(|(_, e)| e)?;
    }
    for c in companions(path) {
        remove_if_there(&c)?;
    }
    std::fs::rename(&tmp, path).map_err(|e| StoreError::File(e.to_string()))?;
    Ok(())
}

fn remove_if_there(p: &Path) -> Result<(), StoreError> {
    match std::fs::remove_file(p) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::File(format!("{}: {e}", p.display()))),
    }
}

impl Store {
    /// Opens (creating if needed) the replica at `path` encrypted with
    /// `key`, and brings its schema up to date. A plaintext replica (an
    /// older app's) is encrypted in place first, nothing lost. A replica
    /// encrypted with another key is refused ([`StoreError::WrongKey`]) and
    /// left untouched.
    pub fn open_encrypted(path: &Path, key: &ReplicaKey) -> Result<Store, StoreError> {
        if at_rest(path)? == AtRest::Plaintext {
            encrypt_in_place(path, key)?;
        }
        let conn = Connection::open(path)?;
        apply_key(&conn, key)?;
        Self::init(conn)
    }

    /// Removes the replica at `path` and the files SQLite keeps beside it.
    /// With the key destroyed first, what is left on the flash is noise.
    pub fn remove_files(path: &Path) -> Result<(), StoreError> {
        remove_if_there(path)?;
        for c in companions(path) {
            remove_if_there(&c)?;
        }
        Ok(())
    }
}
