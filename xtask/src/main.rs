//! `cargo xtask <task>`: everything needed to set up, run, demo, test and
//! benchmark Partner on a fresh Debian machine, installing what is missing
//! and skipping what is there.

mod demo;
mod pg_cluster;
mod setup;
mod sh;
mod testing;
#[cfg(test)]
mod tidy;

use anyhow::{bail, Result};
use std::path::PathBuf;

const USAGE: &str = "usage: cargo xtask <task>

tasks:
  run [--headless]   install what is missing, build, create the demo replica and open the app;
                     with no display (or --headless) run the headless field-day demo instead
  demo               the headless field-day demo (same as run --headless)
  test               install what is missing and run every test, the UI test and the
                     storage stories on a throw-away PostgreSQL included
  postgres           start a throw-away PostgreSQL, print its URL (for
                     PARTNER_TEST_DATABASE_URL), stop it on Enter
  bench search       case search p50/p95 over a 5,000-case replica
  bench routes [DIR] TSPLIB, Solomon and advisor-day instances vs OR-Tools and VROOM
  bench offers       all offer variants per case over the 5,000-case demo portfolio
  bench sync         first sync of 5,000 cases, incremental sync, 500 concurrent advisors
  bench settlement   render and sign one settlement (PAdES) p50/p95, verify, PDF size
  bench visit        save a report with 3 photos, the photos' downscale, upload 100 reports with 300 photos
  bench office       the back office's search over 50,000 cases and inbox over 60,000 items, SQLite and PostgreSQL
  fuzz [SECONDS]     random and mutated inputs against the decoders, the replica file, the
                     signature check and every endpoint (SQLite and PostgreSQL), SECONDS
                     per target (default 600); failures are kept as proptest regressions
  setup [--ui-test]  only install what is missing
  build-ui           build the Leptos UI into src-ui/dist
";

/// The native build of the workspace, one invocation for `run` and `test`:
/// `--all-targets` brings the dev-dependencies' features in (the resolver
/// unifies features per invocation), so whichever of the two runs second
/// finds every crate fresh instead of rebuilding the Tauri stack with
/// another feature set. The UI crate is wasm-only and built by `build_ui`.
pub const NATIVE_BUILD: &[&str] = &[
    "build",
    "--workspace",
    "--all-targets",
    "--exclude",
    "partner-ui",
];

/// The workspace root (the folder above xtask/).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask is inside the workspace")
        .to_path_buf()
}

/// Cargo's target folder of the workspace.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["run"] => run(false),
        ["run", "--headless"] | ["demo"] => run(true),
        ["test"] => testing::test(),
        ["postgres"] => postgres(),
        ["bench", rest @ ..] => bench(rest),
        ["fuzz"] => fuzz(600),
        ["fuzz", secs] => fuzz(secs.parse().map_err(|_| {
            anyhow::anyhow!("usage: cargo xtask fuzz [SECONDS] (seconds per target)")
        })?),
        ["setup"] => setup::ensure(setup::Need::App),
        ["setup", "--ui-test"] => setup::ensure(setup::Need::UiTest),
        ["build-ui"] => setup::ensure(setup::Need::Ui).and_then(|()| build_ui()),
        _ => {
            eprint!("{USAGE}");
            bail!("unknown task: {}", args.join(" "))
        }
    }
}

fn has_display() -> bool {
    std::env::var_os("DISPLAY").is_some_and(|d| !d.is_empty())
        || std::env::var_os("WAYLAND_DISPLAY").is_some_and(|d| !d.is_empty())
}

fn run(headless: bool) -> Result<()> {
    let replica = target_dir().join("demo").join("replica.sqlite");
    if headless || !has_display() {
        if !headless {
            println!("No display found (DISPLAY and WAYLAND_DISPLAY are unset): running the headless demo instead.");
        }
        return demo::field_day(&replica);
    }
    setup::ensure(setup::Need::App)?;
    build_ui()?;
    sh::cargo(NATIVE_BUILD)?;
    let url = demo::start_server(&replica.with_file_name("server.sqlite"), "127.0.0.1:8787")?;
    let (_, first) = demo::synced_replica(&replica, &url)?;
    println!(
        "Demo server on {url} (logins doradca1, kierownik, biuro, admin; password {}).",
        server::seed::DEMO_PASSWORD
    );
    println!(
        "Opening Partner on {} ({} cases synced as {}).",
        replica.display(),
        first.downloaded,
        demo::LOGIN
    );
    sh::run(
        sh::cmd(target_dir().join("debug").join("partner"))
            .arg("--db")
            .arg(&replica)
            .arg("--server")
            .arg(&url)
            .arg("--keys")
            .arg(demo::keys(&replica)),
    )
}

/// Builds the UI: the wasm crate in release, wasm-bindgen's web bindings, and
/// the static files, into src-ui/dist (tauri.conf.json's frontendDist).
pub fn build_ui() -> Result<()> {
    let root = root();
    sh::cargo(&[
        "build",
        "--release",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "partner-ui",
    ])?;
    let dist = root.join("src-ui").join("dist");
    std::fs::create_dir_all(&dist)?;
    let wasm = target_dir()
        .join("wasm32-unknown-unknown")
        .join("release")
        .join("partner-ui.wasm");
    sh::run(
        sh::cmd("wasm-bindgen")
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--out-name",
                "partner_ui",
                "--out-dir",
            ])
            .arg(&dist)
            .arg(&wasm),
    )?;
    for f in ["index.html", "style.css"] {
        std::fs::copy(root.join("src-ui").join(f), dist.join(f))?;
    }
    Ok(())
}

/// A throw-away PostgreSQL for running the storage stories by hand.
fn postgres() -> Result<()> {
    setup::ensure_postgres()?;
    let cluster = pg_cluster::start()?;
    println!(
        "PARTNER_TEST_DATABASE_URL={} cargo test -p server-storage",
        cluster.url
    );
    println!("press Enter to stop it");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    Ok(())
}

/// The long fuzzing run (issue #15): `secs` per target, the endpoints on
/// SQLite and on a private PostgreSQL cluster (stopped after, also on
/// failure). `cargo xtask test` runs the same targets for a few seconds.
fn fuzz(secs: u64) -> Result<()> {
    setup::ensure(setup::Need::UiTest)?;
    let cluster = pg_cluster::start()?;
    sh::run(
        sh::cmd(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args([
                // The debug build `cargo xtask test` made: no second profile.
                "test",
                "-p",
                "e2e",
                "-p",
                "settlement",
                "--test",
                "fuzz",
                "--",
                "--nocapture",
            ])
            .env("PARTNER_FUZZ_SECONDS", secs.to_string())
            .env("PARTNER_TEST_DATABASE_URL", &cluster.url)
            .env("PARTNER_REQUIRE_POSTGRES", "1")
            .current_dir(root()),
    )
}

/// The office's bench on SQLite and on a private PostgreSQL cluster,
/// stopped after it (also on failure).
fn bench_office() -> Result<()> {
    setup::ensure(setup::Need::UiTest)?;
    let cluster = pg_cluster::start()?;
    sh::run(
        sh::cmd(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args(["bench", "-p", "e2e", "--bench", "office"])
            .env("PARTNER_TEST_DATABASE_URL", &cluster.url)
            .current_dir(root()),
    )
}

fn bench(what: &[&str]) -> Result<()> {
    match what {
        ["search"] => sh::cargo(&["bench", "-p", "app", "--bench", "search"]),
        ["sync"] => sh::cargo(&["bench", "-p", "e2e", "--bench", "sync"]),
        ["offers"] => sh::cargo(&["bench", "-p", "app", "--bench", "offers"])
            .and_then(|()| sh::cargo(&["bench", "-p", "server", "--bench", "offer_check"])),
        ["routes"] => sh::cargo(&["bench", "-p", "bench", "--bench", "routes"]),
        ["settlement"] => sh::cargo(&["bench", "-p", "settlement", "--bench", "settlement"]),
        ["visit"] => sh::cargo(&["bench", "-p", "e2e", "--bench", "visit"]),
        ["office"] => bench_office(),
        ["routes", dir] => {
            // Relative to where the command was typed, not to the workspace.
            let dir = std::fs::canonicalize(dir)?;
            let dir = dir
                .to_str()
                .ok_or_else(|| anyhow::anyhow!("the folder's name is not UTF-8"))?;
            sh::cargo(&["bench", "-p", "bench", "--bench", "routes", "--", dir])
        }
        _ => bail!(
            "usage: cargo xtask bench search|sync|offers|settlement|visit|office|routes [DIR]"
        ),
    }
}
