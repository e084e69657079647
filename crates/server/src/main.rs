//! `partner-server [--db PATH] [--listen ADDR] [--demo]`: the central server
//! on SQLite. With `--demo` it seeds the demo users and portfolio into a new
//! database.

use anyhow::{bail, Context, Result};
use server_storage::SqliteStorage;
use std::sync::Arc;

#[tokio::main]
async fn main() -> Result<()> {
    let mut db = std::path::PathBuf::from("partner-server.sqlite");
    let mut listen = "127.0.0.1:8787".to_owned();
    let mut demo = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next().context("--db needs a path")?.into(),
            "--listen" => listen = args.next().context("--listen needs an address")?,
            "--demo" => demo = true,
            other => bail!("unknown argument {other}; usage: partner-server [--db PATH] [--listen ADDR] [--demo]"),
        }
    }
    if demo && db.exists() {
        std::fs::remove_file(&db)?;
    }
    let storage = Arc::new(SqliteStorage::open(&db)?);
    let clock = server::system_clock();
    if demo {
        let today = (clock)().date();
        let portfolio = demo::generate(&demo::DemoConfig {
            seed: 2026,
            cases: 300,
            advisors: 1,
            today,
        });
        server::seed::seed(storage.as_ref(), &portfolio, server::seed::DEMO_PASSWORD)
            .map_err(|e| anyhow::anyhow!("{}", e.body.message))?;
        println!(
            "demo data: 300 cases; logins doradca1, kierownik, biuro, admin; password {}",
            server::seed::DEMO_PASSWORD
        );
    }
    let listener = tokio::net::TcpListener::bind(&listen)
        .await
        .with_context(|| format!("binding {listen}"))?;
    println!(
        "partner-server listening on http://{}",
        listener.local_addr()?
    );
    server::serve(listener, server::ServerState::new(storage, clock)).await?;
    Ok(())
}
