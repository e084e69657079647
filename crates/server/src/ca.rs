//! The server's own certificate authority for devices' signing keys: a key
//! and a root certificate kept in a folder (`partner-server --ca DIR`).

use chrono::NaiveDateTime;
use settlement::Authority;
use std::path::Path;

const NAME: &str = "Partner CA";
const KEY_FILE: &str = "ca-key.pk8";
const CERT_FILE: &str = "ca-cert.der";
/// How long a device certificate lives; a device gets a new one at every
/// login.
pub const DEVICE_CERT_DAYS: u64 = 730;

/// A CA made now and kept only in memory.
pub fn ephemeral(now: NaiveDateTime) -> Result<Authority, settlement::Error> {
    Authority::create(NAME, &mut rand_core::OsRng, now.and_utc(), 20)
}

/// The CA in `dir`, made there (key readable by the owner only) when the
/// folder has none.
pub fn load_or_create(dir: &Path, now: NaiveDateTime) -> anyhow::Result<Authority> {
    let key = dir.join(KEY_FILE);
    let cert = dir.join(CERT_FILE);
    if key.exists() || cert.exists() {
        let ca = Authority::from_parts(&std::fs::read(&key)?, &std::fs::read(&cert)?)
            .map_err(|e| anyhow::anyhow!("the CA in {}: {e}", dir.display()))?;
        return Ok(ca);
    }
    std::fs::create_dir_all(dir)?;
    owner_only_dir(dir)?;
    let ca = ephemeral(now).map_err(|e| anyhow::anyhow!("making a CA: {e}"))?;
    let key_der = ca.key_pkcs8_der().map_err(|e| anyhow::anyhow!("{e}"))?;
    write_private(&key, &key_der)?;
    std::fs::write(
        &cert,
        ca.certificate_der().map_err(|e| anyhow::anyhow!("{e}"))?,
    )?;
    Ok(ca)
}

/// The CA's folder is the owner's only (0700).
#[cfg(unix)]
fn owner_only_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn owner_only_dir(_: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(bytes)
}

#[cfg(not(unix))]
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::write(path, bytes)
}
