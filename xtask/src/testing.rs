//! `cargo xtask test`: installs what is missing, builds the UI and the whole
//! workspace, starts a virtual display, tauri-driver and a throw-away
//! PostgreSQL, and runs every test: the UI test through WebDriver and the
//! server storage stories on PostgreSQL included.

use crate::{build_ui, pg_cluster, root, setup, sh, target_dir};
use anyhow::{bail, Context, Result};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A background process stopped when dropped, even when a step fails.
struct Background(Child, &'static str);

impl Drop for Background {
    fn drop(&mut self) {
        // Already gone is fine; there is nothing else to do on failure.
        let _ = self.0.kill();
        let _ = self.0.wait();
        eprintln!("stopped {}", self.1);
    }
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
    sh::cargo(&[
        "build",
        "--workspace",
        "--all-targets",
        "--exclude",
        "partner-ui",
    ])?;
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
