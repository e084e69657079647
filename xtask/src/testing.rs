//! `cargo xtask test`: installs what is missing, builds the UI and the whole
//! workspace, starts a virtual display, tauri-driver and a throw-away
//! PostgreSQL, and runs every test: the UI test through WebDriver and the
//! server storage stories on PostgreSQL included.

use crate::{build_ui, pg_cluster, root, setup, sh, target_dir};
use anyhow::{bail, Context, Result};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A background process stopped when dropped, even when a step fails,
/// together with every process it started: tauri-driver starts
/// WebKitWebDriver (which starts the app), and killing tauri-driver alone
/// leaves them running. The children stay in our process group, so Ctrl-C
/// in the terminal still reaches them all.
struct Background(Child, &'static str);

impl Drop for Background {
    fn drop(&mut self) {
        stop_tree(&mut self.0);
        eprintln!("stopped {}", self.1);
    }
}

/// Kills `child` and all its descendants (found through /proc before the
/// kill, since they are re-parented once their parent is gone), and reaps
/// `child`.
fn stop_tree(child: &mut Child) {
    let mut pids = descendants(child.id());
    if !pids.is_empty() {
        pids.push(child.id());
        // Already gone is fine; there is nothing else to do on failure.
        let _ = Command::new("kill")
            .arg("-KILL")
            .args(pids.iter().map(u32::to_string))
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// The processes below `root`, children before grandchildren, from the
/// parent pids in /proc/<pid>/stat.
fn descendants(root: u32) -> Vec<u32> {
    let mut parent_of = Vec::new();
    for entry in std::fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        let ppid = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|p| p.parse::<u32>().ok());
        if let Some(ppid) = ppid {
            parent_of.push((pid, ppid));
        }
    }
    let mut found = vec![root];
    let mut i = 0;
    while i < found.len() {
        let parent = found[i];
        found.extend(
            parent_of
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    found.remove(0);
    found
}

fn free_display() -> u32 {
    (99..200)
        .find(|n| !std::path::Path::new(&format!("/tmp/.X{n}-lock")).exists())
        .unwrap_or(99)
}

pub fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0")?;
    Ok(l.local_addr()?.port())
}

fn wait_for_port(port: u16, what: &str) -> Result<()> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("{what} did not listen on port {port} within 30 s")
}

fn start_xvfb() -> Result<(Background, String)> {
    let n = free_display();
    let display = format!(":{n}");
    let child = Command::new("Xvfb")
        .args([
            display.as_str(),
            "-screen",
            "0",
            "1280x800x24",
            "-nolisten",
            "tcp",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start Xvfb")?;
    let bg = Background(child, "Xvfb");
    let start = Instant::now();
    while !std::path::Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
        if start.elapsed() > Duration::from_secs(15) {
            bail!("Xvfb did not start on {display}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Ok((bg, display))
}

/// Where the app under test and the tests keep replica keys: a folder of
/// key files ([`app::vault::FileVault`]); this machine has no keychain.
pub fn test_keys() -> std::path::PathBuf {
    target_dir().join("ui-keys")
}

fn start_tauri_driver(display: &str) -> Result<(Background, u16)> {
    let port = free_port()?;
    let native = free_port()?;
    let child = Command::new("tauri-driver")
        .args([
            "--port",
            &port.to_string(),
            "--native-port",
            &native.to_string(),
        ])
        .env("DISPLAY", display)
        // The app it starts answers "Nawiguj" with the link instead of
        // opening another application (none to check here).
        .env("PARTNER_NO_OPENER", "1")
        .env("PARTNER_KEYS", test_keys())
        .stdout(Stdio::null())
        .spawn()
        .context("cannot start tauri-driver")?;
    let bg = Background(child, "tauri-driver");
    wait_for_port(port, "tauri-driver")?;
    Ok((bg, port))
}

pub fn test() -> Result<()> {
    let started = Instant::now();
    setup::ensure(setup::Need::UiTest)?;
    sh::cargo(&["fmt", "--all", "--", "--check"])?;
    build_ui()?;
    // The UI crate is wasm-only: it is built, linted and checked for wasm32,
    // and left out of the native workspace build.
    sh::cargo(crate::NATIVE_BUILD)?;
    sh::cargo(&[
        "clippy",
        "--workspace",
        "--all-targets",
        "--exclude",
        "partner-ui",
        "--",
        "-D",
        "warnings",
    ])?;
    sh::cargo(&[
        "clippy",
        "--target",
        "wasm32-unknown-unknown",
        "-p",
        "partner-ui",
        "--",
        "-D",
        "warnings",
    ])?;

    let (_xvfb, display) = start_xvfb()?;
    let (_driver, port) = start_tauri_driver(&display)?;
    let postgres = pg_cluster::start()?;
    let app = target_dir().join("debug").join("partner");
    let shots = target_dir().join("ui-shots");
    std::fs::create_dir_all(&shots)?;
    // Every screen at 360 and 1280 px, for a person to look at after a run.
    let screens = target_dir().join("screens");
    std::fs::create_dir_all(&screens)?;
    let result = sh::run(
        sh::cmd(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
            .args([
                "test",
                "--workspace",
                "--exclude",
                "partner-ui",
                "--no-fail-fast",
            ])
            .env("DISPLAY", &display)
            .env("PARTNER_APP_BIN", &app)
            .env("PARTNER_WEBDRIVER", format!("http://127.0.0.1:{port}"))
            .env("PARTNER_SHOTS", &shots)
            .env("PARTNER_SCREENS", &screens)
            .env("PARTNER_KEYS", test_keys())
            // The storage stories run on PostgreSQL too, and must not skip.
            .env("PARTNER_TEST_DATABASE_URL", &postgres.url)
            .env("PARTNER_REQUIRE_POSTGRES", "1")
            // The settlement tests check signed PDFs with real tools, and
            // must not skip either.
            .env("PARTNER_PYHANKO", setup::pyhanko()?)
            .env("PARTNER_REQUIRE_SETTLEMENT_TOOLS", "1")
            .current_dir(root()),
    );
    eprintln!(
        "cargo xtask test took {:.0} s",
        started.elapsed().as_secs_f64()
    );
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alive(pid: u32) -> bool {
        // A zombie (state Z) has ended; only its parent has not reaped it.
        std::fs::read_to_string(format!("/proc/{pid}/stat")).is_ok_and(|s| {
            s.rsplit_once(')')
                .is_some_and(|(_, r)| !r.trim_start().starts_with('Z'))
        })
    }

    #[test]
    fn a_background_process_is_stopped_with_its_children() {
        // As tauri-driver does with WebKitWebDriver: a child that outlives
        // its parent unless it is stopped too.
        let child = Command::new("sh")
            .args(["-c", "sleep 300 & sleep 300"])
            .spawn()
            .expect("sh starts");
        let parent = child.id();
        let start = Instant::now();
        let mut below = descendants(parent);
        while below.len() < 2 && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
            below = descendants(parent);
        }
        assert_eq!(below.len(), 2, "sh started its two sleeps: {below:?}");
        drop(Background(child, "sh"));
        let start = Instant::now();
        while below.iter().any(|&p| alive(p)) && start.elapsed() < Duration::from_secs(10) {
            std::thread::sleep(Duration::from_millis(20));
        }
        let left: Vec<_> = below.iter().filter(|&&p| alive(p)).collect();
        assert!(left.is_empty(), "still running after the stop: {left:?}");
    }
}
