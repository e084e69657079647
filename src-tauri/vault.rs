//! The replica's key in the operating system's keychain, through the
//! `keyring` crate: Secret Service on a Linux desktop, the Keychain on
//! macOS and iOS, the Credential Manager on Windows. `--keys DIR` (or
//! `PARTNER_KEYS`) keeps keys in a folder instead ([`app::vault::FileVault`]):
//! the tests, the demo and a desktop without a keychain.
//!
//! Not run here: Secret Service (no session bus or keyring daemon on this
//! machine) and the mobile keystores. The test below runs the same code on
//! the Linux kernel's keyring, which is real here.

use app::vault::{FileVault, KeyVault, VaultError};
use store::ReplicaKey;

/// The keychain's service name for replica keys.
const SERVICE: &str = "Partner replica";

/// The operating system's keychain.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemVault;

fn err(e: keyring::Error) -> VaultError {
    VaultError(e.to_string())
}

impl KeyVault for SystemVault {
    fn load(&self, replica: &str) -> Result<Option<ReplicaKey>, VaultError> {
        let entry = keyring::Entry::new(SERVICE, replica).map_err(err)?;
        match entry.get_secret() {
            Ok(bytes) => ReplicaKey::from_slice(&bytes)
                .map(Some)
                .ok_or_else(|| VaultError("the keychain's key is not 32 bytes".into())),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(err(e)),
        }
    }

    fn save(&self, replica: &str, key: &ReplicaKey) -> Result<(), VaultError> {
        keyring::Entry::new(SERVICE, replica)
            .and_then(|e| e.set_secret(key.as_bytes()))
            .map_err(err)
    }

    fn destroy(&self, replica: &str) -> Result<(), VaultError> {
        let entry = keyring::Entry::new(SERVICE, replica).map_err(err)?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(err(e)),
        }
    }
}

/// The vault the app uses: `--keys DIR` or `PARTNER_KEYS`, else the
/// system's keychain.
pub fn from_args() -> Box<dyn KeyVault> {
    match crate::arg("--keys").or_else(|| std::env::var_os("PARTNER_KEYS")) {
        Some(dir) => Box::new(FileVault::new(dir)),
        None => Box::new(SystemVault),
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    #[test]
    fn a_key_is_kept_read_back_and_destroyed_in_the_kernel_keyring() {
        keyring::set_default_credential_builder(keyring::keyutils::default_credential_builder());
        let name = format!("/tmp/partner-vault-test-{}.sqlite", std::process::id());
        let vault = SystemVault;
        assert_eq!(vault.load(&name).unwrap(), None);
        let key = ReplicaKey::generate();
        vault.save(&name, &key).unwrap();
        assert_eq!(vault.load(&name).unwrap(), Some(key));
        vault.destroy(&name).unwrap();
        assert_eq!(vault.load(&name).unwrap(), None);
        // Destroying what is not there is no error: a wipe may run twice.
        vault.destroy(&name).unwrap();
    }
}
