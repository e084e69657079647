//! Running commands, loudly.

use anyhow::{bail, Context, Result};
use std::ffi::OsStr;
use std::process::Command;

pub fn cmd(program: impl AsRef<OsStr>) -> Command {
    let mut c = Command::new(program);
    c.current_dir(crate::root());
    c
}

pub fn run(c: &mut Command) -> Result<()> {
    eprintln!("$ {}", show(c));
    let status = c
        .status()
        .with_context(|| format!("cannot start {}", show(c)))?;
    if !status.success() {
        bail!("{} failed with {status}", show(c));
    }
    Ok(())
}

pub fn cargo(args: &[&str]) -> Result<()> {
    run(cmd(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())).args(args))
}

/// The command's standard output, or `None` when it cannot run or fails.
pub fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn show(c: &Command) -> String {
    let mut s = c.get_program().to_string_lossy().into_owned();
    for a in c.get_args() {
        s.push(' ');
        s.push_str(&a.to_string_lossy());
    }
    s
}
