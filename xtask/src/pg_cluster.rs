//! A private, throw-away PostgreSQL cluster for the server storage stories:
//! `initdb` into a fresh temp folder, started on a free loopback port with
//! its socket in that folder, trust authentication, stopped and deleted when
//! dropped. The machine's own cluster (if any) is never touched.
//!
//! `initdb` refuses to run as root, so as root (Debian CI, containers) the
//! cluster runs as the `postgres` user (which the apt package creates; it is
//! created here if missing) through `runuser`, and owns its folder.

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The database the stories get, and the role they connect as.
const DATABASE: &str = "partner_test";
const SUPERUSER: &str = "postgres";
/// The system user a root caller runs the cluster as.
const RUN_AS: &str = "postgres";
/// Folders of these clusters are named `<PREFIX><pid of the xtask>`.
const PREFIX: &str = "partner-pg-";

/// A running cluster; stopped and deleted when dropped, also when a later
/// step fails.
pub struct TestCluster {
    bin: PathBuf,
    dir: PathBuf,
    run_as: Option<&'static str>,
    /// `postgres://postgres@127.0.0.1:PORT/partner_test`
    pub url: String,
}

impl TestCluster {
    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }

    /// A server program, run as the cluster's user.
    fn server_cmd(&self, program: &str) -> Command {
        server_cmd(&self.bin, self.run_as, program, &self.dir)
    }
}

impl Drop for TestCluster {
    fn drop(&mut self) {
        if self.data().join("postmaster.pid").exists() {
            // Immediate: nothing in it is worth a checkpoint.
            let stopped = self
                .server_cmd("pg_ctl")
                .arg("-D")
                .arg(self.data())
                .args(["-m", "immediate", "-w", "stop"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
            if !stopped.is_ok_and(|s| s.success()) {
                eprintln!(
                    "could not stop the test PostgreSQL in {}",
                    self.dir.display()
                );
            }
        }
        // Nothing else to do if it fails; the next run clears stale folders.
        let _ = std::fs::remove_dir_all(&self.dir);
        eprintln!("stopped PostgreSQL");
    }
}

fn server_cmd(bin: &Path, run_as: Option<&str>, program: &str, cwd: &Path) -> Command {
    let mut c = match run_as {
        Some(user) => {
            let mut c = Command::new("runuser");
            c.args(["-u", user, "--"]).arg(bin.join(program));
            c
        }
        None => Command::new(bin.join(program)),
    };
    // The server user may not be allowed into the workspace.
    c.current_dir(cwd);
    c
}

/// Runs a command with its output kept back, shown only when it fails.
fn quietly(c: &mut Command, what: &str) -> Result<()> {
    let out = c
        .stdin(Stdio::null())
        .output()
        .with_context(|| format!("cannot start {what} ({:?})", c.get_program()))?;
    if !out.status.success() {
        bail!(
            "{what} failed with {}:\n{}{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(())
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// The folder of the server programs: that of `initdb` on PATH (followed
/// through symlinks), else the newest /usr/lib/postgresql/<version>/bin
/// (Debian's layout, not on PATH).
fn bin_dir() -> Result<PathBuf> {
    let complete = |d: &Path| {
        ["initdb", "pg_ctl", "createdb"]
            .iter()
            .all(|p| d.join(p).is_file())
    };
    if let Some(dir) = on_path("initdb")
        .and_then(|p| p.canonicalize().ok())
        .and_then(|p| p.parent().map(Path::to_path_buf))
        .filter(|d| complete(d))
    {
        return Ok(dir);
    }
    let mut found: Vec<(Vec<u32>, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e
                .file_name()
                .to_str()?
                .split('.')
                .map(str::parse)
                .collect::<Result<Vec<u32>, _>>()
                .ok()?;
            let bin = e.path().join("bin");
            complete(&bin).then_some((version, bin))
        })
        .collect();
    found.sort();
    found
        .pop()
        .map(|(_, bin)| bin)
        .context("no PostgreSQL server found: neither initdb on PATH nor /usr/lib/postgresql/<version>/bin (apt package postgresql)")
}

fn is_root() -> bool {
    crate::sh::output("id", &["-u"]).is_some_and(|u| u.trim() == "0")
}

/// The uid and gid of a system user, created if missing.
fn system_user(name: &str) -> Result<(u32, u32)> {
    let id =
        |flag: &str| -> Option<u32> { crate::sh::output("id", &[flag, name])?.trim().parse().ok() };
    if id("-u").is_none() {
        crate::sh::run(Command::new("useradd").args([
            "--system",
            "--user-group",
            "--no-create-home",
            "--shell",
            "/usr/sbin/nologin",
            name,
        ]))?;
    }
    Ok((
        id("-u").with_context(|| format!("no uid for user {name}"))?,
        id("-g").with_context(|| format!("no gid for user {name}"))?,
    ))
}

/// Stops and deletes clusters left behind by test runs that were killed
/// (their folder names an xtask process that is gone). Clusters of runs
/// still going, in other checkouts too, are left alone.
fn clear_stale(bin: &Path, run_as: Option<&str>) {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name.to_str().and_then(|n| n.strip_prefix(PREFIX)) else {
            continue;
        };
        if pid.parse::<u32>().is_err() || Path::new("/proc").join(pid).exists() {
            continue;
        }
        let dir = e.path();
        if dir.join("data").join("postmaster.pid").exists() {
            let _ = server_cmd(bin, run_as, "pg_ctl", Path::new("/"))
                .arg("-D")
                .arg(dir.join("data"))
                .args(["-m", "immediate", "-w", "stop"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status();
        }
        eprintln!("removing a stale test PostgreSQL in {}", dir.display());
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Starts a fresh cluster with an empty `partner_test` database.
pub fn start() -> Result<TestCluster> {
    let bin = bin_dir()?;
    let run_as = is_root().then_some(RUN_AS);
    clear_stale(&bin, run_as);
    let dir = std::env::temp_dir().join(format!("{PREFIX}{}", std::process::id()));
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let port = crate::testing::free_port()?;
    // From here on the guard cleans up, whatever fails.
    let cluster = TestCluster {
        bin,
        dir,
        run_as,
        url: format!("postgres://{SUPERUSER}@127.0.0.1:{port}/{DATABASE}"),
    };
    if let Some(user) = run_as {
        let (uid, gid) = system_user(user)?;
        std::os::unix::fs::chown(&cluster.dir, Some(uid), Some(gid))
            .with_context(|| format!("giving {} to {user}", cluster.dir.display()))?;
    }
    eprintln!(
        "starting a test PostgreSQL ({}) in {} on port {port}{}",
        cluster.bin.display(),
        cluster.dir.display(),
        run_as.map(|u| format!(" as {u}")).unwrap_or_default()
    );
    quietly(
        cluster
            .server_cmd("initdb")
            .arg("-D")
            .arg(cluster.data())
            .args([
                "--auth=trust",
                &format!("--username={SUPERUSER}"),
                "--encoding=UTF8",
                "--no-locale",
                // A throw-away cluster: no fsync at any point.
                "--no-sync",
            ]),
        "initdb",
    )?;
    let log = cluster.dir.join("server.log");
    let options = format!(
        "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
        cluster.dir.display()
    );
    let started = quietly(
        cluster
            .server_cmd("pg_ctl")
            .arg("-D")
            .arg(cluster.data())
            .arg("-l")
            .arg(&log)
            .args(["-o", &options, "-w", "-t", "60", "start"]),
        "pg_ctl start",
    );
    if let Err(e) = started {
        let log = std::fs::read_to_string(&log).unwrap_or_default();
        bail!("{e}\nserver log:\n{log}");
    }
    // A client program: it may run as anyone.
    quietly(
        Command::new(cluster.bin.join("createdb"))
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "-U",
                SUPERUSER,
                DATABASE,
            ])
            .current_dir(&cluster.dir),
        "createdb",
    )?;
    eprintln!("test PostgreSQL ready: {}", cluster.url);
    Ok(cluster)
}
