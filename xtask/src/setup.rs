//! Installing what is missing on a fresh Debian machine, and skipping what is
//! there: apt packages, the wasm32 target, wasm-bindgen-cli (the version in
//! Cargo.lock), tauri-driver and PostgreSQL.

use crate::sh;
use anyhow::{bail, Context, Result};

/// What a task needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Need {
    /// Building the UI only.
    Ui,
    /// Building and running the app.
    App,
    /// Running every test: the UI test under Xvfb through WebDriver, and the
    /// server storage stories on PostgreSQL.
    UiTest,
}

/// Tauri's Linux build dependencies.
const APP_PACKAGES: &[&str] = &[
    "build-essential",
    "pkg-config",
    "curl",
    "file",
    "libssl-dev",
    "libwebkit2gtk-4.1-dev",
    "libxdo-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "fonts-dejavu-core",
];

/// The virtual display and the WebKit WebDriver for the UI test, and the
/// openssl tool the HTTPS test makes its certificate with.
const UI_TEST_PACKAGES: &[&str] = &["xvfb", "xauth", "webkit2gtk-driver", "openssl"];

/// The tools the signed-settlement tests check PDFs with (crates/settlement):
/// pdfsig and pdftotext, qpdf, NSS's certutil for pdfsig's trust store, and
/// python3-venv for pyHanko's venv.
const SETTLEMENT_TEST_PACKAGES: &[&str] =
    &["poppler-utils", "qpdf", "libnss3-tools", "python3-venv"];

/// pyHanko, pinned, in a venv of its own at `<workspace>/.pyhanko-venv`.
const PYHANKO: &[&str] = &["pyHanko==0.38.0", "pyhanko-cli==0.6.0"];

/// The PostgreSQL server the storage stories run on (a private cluster of
/// its own, started by `cargo xtask test`; the package's cluster is unused).
const POSTGRES_PACKAGES: &[&str] = &["postgresql"];

pub fn ensure(need: Need) -> Result<()> {
    if need >= Need::App {
        let mut pkgs: Vec<&str> = APP_PACKAGES.to_vec();
        if need >= Need::UiTest {
            pkgs.extend_from_slice(UI_TEST_PACKAGES);
            pkgs.extend_from_slice(POSTGRES_PACKAGES);
            pkgs.extend_from_slice(SETTLEMENT_TEST_PACKAGES);
        }
        apt(&pkgs)?;
    }
    if need >= Need::UiTest {
        pyhanko()?;
    }
    wasm_target()?;
    wasm_bindgen_cli()?;
    if need >= Need::UiTest {
        cargo_install("tauri-driver", "tauri-driver", &["--locked"])?;
    }
    Ok(())
}

/// Only PostgreSQL, for `cargo xtask postgres`.
pub fn ensure_postgres() -> Result<()> {
    apt(POSTGRES_PACKAGES)
}

fn installed(pkg: &str) -> bool {
    sh::output("dpkg-query", &["-W", "-f=${Status}", pkg])
        .is_some_and(|s| s.contains("install ok installed"))
}

fn apt(pkgs: &[&str]) -> Result<()> {
    let missing: Vec<&str> = pkgs.iter().copied().filter(|p| !installed(p)).collect();
    if missing.is_empty() {
        return Ok(());
    }
    eprintln!("installing missing system packages: {}", missing.join(" "));
    let sudo: &[&str] = if sh::output("id", &["-u"]).is_some_and(|u| u.trim() == "0") {
        &[]
    } else {
        &["sudo"]
    };
    let apt_get = |args: &[&str]| -> Result<()> {
        let mut all: Vec<&str> = sudo.to_vec();
        all.push("apt-get");
        all.extend_from_slice(args);
        sh::run(
            sh::cmd(all[0])
                .args(&all[1..])
                .env("DEBIAN_FRONTEND", "noninteractive"),
        )
    };
    apt_get(&["update", "-qq"])?;
    let mut args = vec!["install", "-y", "-qq", "--no-install-recommends"];
    args.extend_from_slice(&missing);
    apt_get(&args)
}

fn wasm_target() -> Result<()> {
    let have = sh::output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if have.lines().any(|l| l.trim() == "wasm32-unknown-unknown") {
        return Ok(());
    }
    sh::run(sh::cmd("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

/// The version of a package as pinned in Cargo.lock.
pub fn locked_version(name: &str) -> Result<String> {
    let lock =
        std::fs::read_to_string(crate::root().join("Cargo.lock")).context("reading Cargo.lock")?;
    let needle = format!("name = \"{name}\"\nversion = \"");
    let start = lock
        .find(&needle)
        .with_context(|| format!("{name} is not in Cargo.lock"))?
        + needle.len();
    let end = lock[start..].find('"').context("malformed Cargo.lock")? + start;
    Ok(lock[start..end].to_owned())
}

fn wasm_bindgen_cli() -> Result<()> {
    let want = locked_version("wasm-bindgen")?;
    let have = sh::output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) == Some(want.as_str()) {
        return Ok(());
    }
    // Not --locked: one of its locked dependencies is missing from the
    // registry mirror here (SETUP-NOTES.md).
    sh::run(sh::cmd("cargo").args(["install", "wasm-bindgen-cli", "--version", &want]))?;
    let have = sh::output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have.split_whitespace().nth(1) != Some(want.as_str()) {
        bail!("wasm-bindgen on PATH is {have:?}, Cargo.lock wants {want}: is ~/.cargo/bin first on PATH?");
    }
    Ok(())
}

fn cargo_install(bin: &str, krate: &str, flags: &[&str]) -> Result<()> {
    if sh::output("which", &[bin]).is_some() {
        return Ok(());
    }
    let mut args = vec!["install", krate];
    args.extend_from_slice(flags);
    sh::run(sh::cmd("cargo").args(&args))
}

/// The pyHanko command in its venv, creating the venv and installing the
/// pinned pyHanko when it is not there. The settlement tests get its path
/// in `PARTNER_PYHANKO`.
pub fn pyhanko() -> Result<std::path::PathBuf> {
    let venv = crate::root().join(".pyhanko-venv");
    let bin = venv.join("bin");
    let pyhanko = bin.join("pyhanko");
    let have =
        sh::output(bin.join("pip").to_str().unwrap_or("pip"), &["freeze"]).unwrap_or_default();
    let pinned = PYHANKO
        .iter()
        .all(|p| have.lines().any(|l| l.eq_ignore_ascii_case(p)));
    if pyhanko.is_file() && pinned {
        return Ok(pyhanko);
    }
    if !bin.join("python").exists() {
        eprintln!("creating {} (python3 -m venv)", venv.display());
        sh::run(sh::cmd("python3").arg("-m").arg("venv").arg(&venv))?;
    }
    eprintln!("installing {}", PYHANKO.join(" "));
    sh::run(
        sh::cmd(bin.join("python"))
            .args(["-m", "pip", "install", "--disable-pip-version-check", "-q"])
            .args(PYHANKO),
    )?;
    if !pyhanko.is_file() {
        bail!("pip installed pyHanko but {} is missing", pyhanko.display());
    }
    Ok(pyhanko)
}
