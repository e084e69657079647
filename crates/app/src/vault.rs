//! The replica's key: made once when the replica is first opened, kept in
//! the platform's keychain (never beside the file), used on every start,
//! and destroyed when the device is wiped, which makes what is left of the
//! file unreadable (crypto-shredding).
//!
//! The keychain is behind [`KeyVault`]: the shell gives the OS keychain
//! (the `keyring` crate: Secret Service, Keychain, Keystore); tests and the
//! headless demo give a [`FileVault`], a folder of key files of its own.

use std::path::{Path, PathBuf};
use store::{AtRest, ReplicaKey, Store, StoreError};

/// Why the keychain failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the keychain: {0}")]
pub struct VaultError(pub String);

/// Where replica keys are kept, by the replica's name (its absolute path).
pub trait KeyVault: Send + Sync {
    /// The key of `replica`; `None` when there is none.
    fn load(&self, replica: &str) -> Result<Option<ReplicaKey>, VaultError>;
    fn save(&self, replica: &str, key: &ReplicaKey) -> Result<(), VaultError>;
    /// Destroys the key; no key is not an error.
    fn destroy(&self, replica: &str) -> Result<(), VaultError>;
}

/// Why the replica could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum ReplicaError {
    #[error(transparent)]
    Vault(#[from] VaultError),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The file is encrypted but its key is gone (destroyed by a wipe, or
    /// the keychain was reset): nothing on it can be read again.
    #[error("the replica's key is gone (the device was wiped or its keychain reset): what it held cannot be read; sign in again to download the cases")]
    KeyLost,
}

/// The name a replica's key is kept under: its absolute path.
pub fn replica_name(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    abs.to_string_lossy().into_owned()
}

/// The key of the replica at `path`, made and kept first when there is no
/// replica yet (or a plaintext one, which [`Store::open_encrypted`] then
/// encrypts in place): a key is in the keychain before any file is written
/// with it.
pub fn replica_key(vault: &dyn KeyVault, path: &Path) -> Result<ReplicaKey, ReplicaError> {
    let name = replica_name(path);
    if let Some(k) = vault.load(&name)? {
        return Ok(k);
    }
    match store::at_rest(path)? {
        AtRest::Encrypted => Err(ReplicaError::KeyLost),
        AtRest::Absent | AtRest::Plaintext => {
            let k = ReplicaKey::generate();
            vault.save(&name, &k)?;
            Ok(k)
        }
    }
}

/// Opens the replica at `path` with its key from `vault` (see
/// [`replica_key`]).
pub fn open_replica(vault: &dyn KeyVault, path: &Path) -> Result<Store, ReplicaError> {
    let key = replica_key(vault, path)?;
    Ok(Store::open_encrypted(path, &key)?)
}

/// The names of the documents this app saves for the client: settlements
/// and receipts.
const DOCUMENT_PREFIXES: [&str; 2] = [crate::settlement::FILE_PREFIX, crate::receipt::FILE_PREFIX];

/// What a wipe removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shredded {
    /// The saved documents removed.
    pub documents: usize,
}

/// Crypto-shredding: destroys the replica's key first (what is left of the
/// file on the flash is then noise), then removes the replica, its -wal
/// and -shm, and the PDFs saved for clients in `documents`. The caller has
/// closed every connection to the replica.
pub fn shred(
    vault: &dyn KeyVault,
    path: &Path,
    documents: &Path,
) -> Result<Shredded, ReplicaError> {
    vault.destroy(&replica_name(path))?;
    Store::remove_files(path)?;
    let mut out = Shredded::default();
    let entries = match std::fs::read_dir(documents) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(StoreError::File(e.to_string()).into()),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_lowercase();
        let ours = name.ends_with(".pdf")
            && DOCUMENT_PREFIXES.iter().any(|p| {
                name.strip_prefix('.')
                    .unwrap_or(&name)
                    .starts_with(&p.to_lowercase())
            });
        if ours {
            std::fs::remove_file(entry.path()).map_err(|e| StoreError::File(e.to_string()))?;
            out.documents += 1;
        }
    }
    Ok(out)
}

/// Keys as files in a folder of their own (0700, each file 0600), named by
/// a hash of the replica's name: for tests, the headless demo and a
/// desktop without a keychain. It protects a copied replica file, not a
/// copied home folder.
#[derive(Debug, Clone)]
pub struct FileVault {
    dir: PathBuf,
}

impl FileVault {
    pub fn new(dir: impl Into<PathBuf>) -> FileVault {
        FileVault { dir: dir.into() }
    }

    fn file(&self, replica: &str) -> PathBuf {
        use sha2::Digest;
        let h = sha2::Sha256::digest(replica.as_bytes());
        self.dir.join(format!("{}.key", hex::encode(&h[..16])))
    }
}

fn io(e: std::io::Error) -> VaultError {
    VaultError(e.to_string())
}

impl KeyVault for FileVault {
    fn load(&self, replica: &str) -> Result<Option<ReplicaKey>, VaultError> {
        match std::fs::read(self.file(replica)) {
            Ok(bytes) => ReplicaKey::from_slice(&bytes)
                .map(Some)
                .ok_or_else(|| VaultError("a key file is not 32 bytes".into())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(io(e)),
        }
    }

    fn save(&self, replica: &str, key: &ReplicaKey) -> Result<(), VaultError> {
        std::fs::create_dir_all(&self.dir).map_err(io)?;
        let file = self.file(replica);
        let part = file.with_extension("part");
        #[cfg(unix)]
        {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            std::fs::set_permissions(&self.dir, std::fs::Permissions::from_mode(0o700))
                .map_err(io)?;
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .mode(0o600)
                .open(&part)
                .map_err(io)?;
            std::io::Write::write_all(&mut f, key.as_bytes()).map_err(io)?;
            f.sync_all().map_err(io)?;
        }
        #[cfg(not(unix))]
        std::fs::write(&part, key.as_bytes()).map_err(io)?;
        std::fs::rename(&part, &file).map_err(io)
    }

    fn destroy(&self, replica: &str) -> Result<(), VaultError> {
        match std::fs::remove_file(self.file(replica)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_replica_opens_again_with_its_key_and_not_without_it() {
        let dir = tempfile::TempDir::new().unwrap();
        let vault = FileVault::new(dir.path().join("keys"));
        let path = dir.path().join("replica.sqlite");
        {
            let mut s = open_replica(&vault, &path).unwrap();
            s.set_sync_value("server", "http://127.0.0.1:1").unwrap();
        }
        assert_eq!(store::at_rest(&path).unwrap(), AtRest::Encrypted);
        let s = open_replica(&vault, &path).unwrap();
        assert_eq!(
            s.sync_value("server").unwrap().as_deref(),
            Some("http://127.0.0.1:1")
        );
        drop(s);
        // Without the key, and with another one.
        assert!(matches!(Store::open(&path), Err(StoreError::Unreadable)));
        assert!(matches!(
            Store::open_encrypted(&path, &ReplicaKey::generate()),
            Err(StoreError::WrongKey)
        ));
        // The key file is the owner's only.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let f = vault.file(&replica_name(&path));
            let mode = std::fs::metadata(f).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_plaintext_replica_is_encrypted_in_place_with_nothing_lost() {
        let dir = tempfile::TempDir::new().unwrap();
        let vault = FileVault::new(dir.path().join("keys"));
        let path = dir.path().join("replica.sqlite");
        let cases = {
            let mut s = crate::demo_replica::create_demo_replica(
                &path,
                &crate::demo_replica::DemoReplica {
                    seed: 7,
                    cases: 40,
                    advisors: 1,
                    today: chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
                },
            )
            .unwrap();
            s.set_sync_value("token", "sekretny-token-123").unwrap();
            s.case_count().unwrap()
        };
        assert!(cases > 0);
        assert_eq!(store::at_rest(&path).unwrap(), AtRest::Plaintext);
        let s = open_replica(&vault, &path).unwrap();
        assert_eq!(s.case_count().unwrap(), cases);
        assert_eq!(
            s.sync_value("token").unwrap().as_deref(),
            Some("sekretny-token-123")
        );
        assert_eq!(s.schema_version().unwrap(), store::SCHEMA_VERSION);
        drop(s);
        assert_eq!(store::at_rest(&path).unwrap(), AtRest::Encrypted);
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes
            .windows(b"sekretny-token-123".len())
            .any(|w| w == b"sekretny-token-123"));
        // Nothing of the export is left beside it.
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(".encrypting");
        assert!(!PathBuf::from(tmp).exists());
    }

    #[test]
    fn a_wipe_destroys_the_key_and_removes_the_files_and_the_saved_documents() {
        let dir = tempfile::TempDir::new().unwrap();
        let vault = FileVault::new(dir.path().join("keys"));
        let path = dir.path().join("replica.sqlite");
        let docs = dir.path().join("Partner");
        std::fs::create_dir_all(&docs).unwrap();
        std::fs::write(docs.join("Ugoda-UG-2026-12-1.pdf"), b"%PDF").unwrap();
        std::fs::write(docs.join("Potwierdzenie-KP-2026-12-1.pdf"), b"%PDF").unwrap();
        std::fs::write(docs.join("notatki.txt"), b"not ours").unwrap();
        drop(open_replica(&vault, &path).unwrap());
        let name = replica_name(&path);
        assert!(vault.load(&name).unwrap().is_some());
        let out = shred(&vault, &path, &docs).unwrap();
        assert_eq!(out.documents, 2);
        assert!(vault.load(&name).unwrap().is_none());
        assert!(!path.exists());
        for c in store::companions(&path) {
            assert!(!c.exists(), "{} left", c.display());
        }
        assert!(docs.join("notatki.txt").exists());
        // The next start makes a new replica with a new key.
        drop(open_replica(&vault, &path).unwrap());
        assert!(vault.load(&name).unwrap().is_some());
    }

    #[test]
    fn an_encrypted_replica_whose_key_is_gone_says_so() {
        let dir = tempfile::TempDir::new().unwrap();
        let vault = FileVault::new(dir.path().join("keys"));
        let path = dir.path().join("replica.sqlite");
        drop(open_replica(&vault, &path).unwrap());
        vault.destroy(&replica_name(&path)).unwrap();
        assert!(matches!(
            open_replica(&vault, &path),
            Err(ReplicaError::KeyLost)
        ));
    }
}
