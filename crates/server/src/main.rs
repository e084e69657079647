//! `partner-server [--db PATH|postgres://URL] [--listen ADDR] [--demo]
//! [--tls-cert PEM --tls-key PEM]`: the
//! central server on a SQLite file (the default) or on PostgreSQL. With
//! `--demo` it seeds the demo users and portfolio into a new SQLite file, or
//! into an empty PostgreSQL database. `--ca DIR` keeps the CA that
//! certifies devices' signing keys (default: beside the SQLite file, or
//! ./partner-ca).
//!
//! `partner-server import FILE [--db PATH|postgres://URL] [--dry-run]
//! [--valid-rows REJECTED.csv] [--encoding utf-8|windows-1250]`: imports a
//! portfolio file (docs/IMPORT.md) into the storage and prints the report;
//! exits with 1 when the file is refused, 2 when some rows were rejected
//! and the valid ones imported.

use anyhow::{bail, Context, Result};
use server_storage::{PgStorage, SqliteStorage, Storage};
use std::sync::Arc;

// Not #[tokio::main]: the storage is synchronous (the PostgreSQL driver runs
// a runtime of its own inside), so it is opened and seeded before the async
// runtime starts; afterwards the server calls it on the blocking pool.
fn main() -> Result<()> {
    if std::env::args().nth(1).as_deref() == Some("import") {
        let code = import_command(std::env::args().skip(2))?;
        std::process::exit(code);
    }
    let mut db = "partner-server.sqlite".to_owned();
    let mut listen = "127.0.0.1:8787".to_owned();
    let mut demo = false;
    let mut ca_dir: Option<std::path::PathBuf> = None;
    let mut tls_cert: Option<std::path::PathBuf> = None;
    let mut tls_key: Option<std::path::PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => db = args.next().context("--db needs a path or a postgres:// URL")?,
            "--listen" => listen = args.next().context("--listen needs an address")?,
            "--demo" => demo = true,
            "--ca" => ca_dir = Some(args.next().context("--ca needs a folder")?.into()),
            "--tls-cert" => tls_cert = Some(args.next().context("--tls-cert needs a PEM file")?.into()),
            "--tls-key" => tls_key = Some(args.next().context("--tls-key needs a PEM file")?.into()),
            other => bail!("unknown argument {other}; usage: partner-server [--db PATH|postgres://URL] [--listen ADDR] [--demo] [--ca DIR] [--tls-cert PEM --tls-key PEM]"),
        }
    }
    // HTTPS with both files, plain HTTP (loopback and tests) with neither.
    let tls = match (&tls_cert, &tls_key) {
        (Some(c), Some(k)) => Some(server::tls::acceptor(c, k)?),
        (None, None) => None,
        _ => bail!("--tls-cert and --tls-key go together"),
    };
    let storage: Arc<dyn Storage> =
        if db.starts_with("postgres://") || db.starts_with("postgresql://") {
            Arc::new(PgStorage::connect(&db).context("connecting to PostgreSQL")?)
        } else {
            let path = std::path::Path::new(&db);
            if demo && path.exists() {
                std::fs::remove_file(path)?;
            }
            Arc::new(SqliteStorage::open(path)?)
        };
    // The desk's search index covers cases stored before it existed (#12).
    storage.index_unindexed()?;
    let clock = server::system_clock();
    // The CA that certifies devices' signing keys: beside a SQLite file, or
    // in ./partner-ca for PostgreSQL, unless --ca says where.
    let ca_dir = ca_dir.unwrap_or_else(|| {
        if db.starts_with("postgres://") || db.starts_with("postgresql://") {
            "partner-ca".into()
        } else {
            format!("{db}.ca").into()
        }
    });
    let ca = server::ca::load_or_create(&ca_dir, (clock)())?;
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
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?
        .block_on(async {
            let listener = tokio::net::TcpListener::bind(&listen)
                .await
                .with_context(|| format!("binding {listen}"))?;
            println!(
                "partner-server listening on {}://{}",
                if tls.is_some() { "https" } else { "http" },
                listener.local_addr()?
            );
            let state = server::ServerState::new(storage, clock).with_ca(ca);
            // Promises break with time, not with a write: the server judges
            // them once a day as the devices do offline.
            tokio::spawn(server::ledger::daily(state.clone()));
            // SIGTERM (or Ctrl-C): no new connections, the requests under
            // way finish, then the storage closes (SQLite checkpoints its
            // WAL when its connection closes).
            match tls {
                Some(tls) => server::serve_tls_until(listener, state, tls, stopped()).await?,
                None => server::serve_until(listener, state, stopped()).await?,
            }
            println!("partner-server stopped");
            Ok(())
        })
}

/// Opens the storage named by `--db` (a SQLite file or a PostgreSQL URL).
fn open_storage(db: &str) -> Result<Arc<dyn Storage>> {
    Ok(
        if db.starts_with("postgres://") || db.starts_with("postgresql://") {
            Arc::new(PgStorage::connect(db).context("connecting to PostgreSQL")?)
        } else {
            Arc::new(SqliteStorage::open(std::path::Path::new(db))?)
        },
    )
}

const IMPORT_USAGE: &str = "usage: partner-server import FILE [--db PATH|postgres://URL] [--dry-run] [--valid-rows REJECTED.csv] [--encoding utf-8|windows-1250]";

/// `partner-server import …`: the exit code (0 imported, 1 refused, 2
/// imported the valid rows and wrote the rejected ones).
fn import_command(mut args: impl Iterator<Item = String>) -> Result<i32> {
    let mut db = "partner-server.sqlite".to_owned();
    let mut file: Option<std::path::PathBuf> = None;
    let mut dry_run = false;
    let mut rejected: Option<std::path::PathBuf> = None;
    let mut encoding = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--db" => {
                db = args
                    .next()
                    .context("--db needs a path or a postgres:// URL")?
            }
            "--dry-run" => dry_run = true,
            "--valid-rows" => {
                rejected = Some(
                    args.next()
                        .context("--valid-rows needs a file for the rejected rows")?
                        .into(),
                )
            }
            "--encoding" => {
                let name = args
                    .next()
                    .context("--encoding needs utf-8 or windows-1250")?;
                encoding = Some(
                    import::Encoding::from_name(&name)
                        .with_context(|| format!("unknown encoding {name}; {IMPORT_USAGE}"))?,
                );
            }
            other if other.starts_with("--") => bail!("unknown argument {other}; {IMPORT_USAGE}"),
            path if file.is_none() => file = Some(path.into()),
            other => bail!("one file at a time ({other}); {IMPORT_USAGE}"),
        }
    }
    let file = file.context(IMPORT_USAGE)?;
    let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
    let storage = open_storage(&db)?;
    storage.index_unindexed()?;
    let today = (server::system_clock())().date();
    let report = server::portfolio::import(
        storage.as_ref(),
        &bytes,
        &server::portfolio::ImportOptions {
            parse: import::ParseOptions { encoding },
            dry_run,
            valid_rows: rejected.is_some(),
            today,
        },
    )?;
    print!("{}", report.text());
    if let (Some(path), Some(csv)) = (&rejected, &report.rejected_csv) {
        std::fs::write(path, csv).with_context(|| format!("writing {}", path.display()))?;
        println!("odrzucone wiersze: {}", path.display());
    }
    Ok(match (report.errors.is_empty(), report.written) {
        (true, _) => 0,
        (false, true) => 2,
        (false, false) => 1,
    })
}

/// Resolves on SIGTERM or Ctrl-C.
async fn stopped() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
    println!("partner-server stopping: finishing the requests under way");
}
