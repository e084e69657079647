//! For the test suites (the storage stories and the end-to-end tests): a
//! fresh PostgreSQL schema per test in the database at
//! `PARTNER_TEST_DATABASE_URL`, so tests run in parallel on one database.
//! Without that variable the PostgreSQL tests are skipped with a note,
//! unless `CI` or `PARTNER_REQUIRE_POSTGRES` is set: then they fail, so that
//! CI can never skip them silently.

use std::sync::atomic::{AtomicUsize, Ordering};

/// Where the PostgreSQL tests find their database.
pub const DATABASE_URL: &str = "PARTNER_TEST_DATABASE_URL";

/// Whether the PostgreSQL tests must run (in CI, or when asked).
pub fn postgres_required() -> bool {
    ["CI", "PARTNER_REQUIRE_POSTGRES"]
        .iter()
        .any(|v| std::env::var(v).is_ok_and(|x| !matches!(x.trim(), "" | "0" | "false")))
}

/// A schema of its own for one test, so tests run in parallel on one
/// database; dropped with everything in it when the test ends.
pub struct TestSchema {
    pub admin: ::postgres::Client,
    pub name: String,
    /// The database URL with this schema as the search path.
    pub url: String,
}

impl TestSchema {
    /// The schema, or `None` when the PostgreSQL stories are skipped.
    pub fn create(story: &str) -> Option<TestSchema> {
        let Some(base) = std::env::var(DATABASE_URL).ok().filter(|u| !u.is_empty()) else {
            assert!(
                !postgres_required(),
                "{DATABASE_URL} is not set, but CI or PARTNER_REQUIRE_POSTGRES is: the \
                 PostgreSQL tests must run here. `cargo xtask test` starts a PostgreSQL and \
                 sets it; or point it at a database you may create schemas in."
            );
            static NOTE: std::sync::Once = std::sync::Once::new();
            NOTE.call_once(|| {
                // Straight to stderr: the test harness would swallow eprintln!.
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "note: the PostgreSQL tests were skipped ({DATABASE_URL} is not set; \
                     `cargo xtask test` sets it)"
                );
            });
            return None;
        };
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let mut short: String = story.chars().take(30).collect();
        short.make_ascii_lowercase();
        let name = format!(
            "test_{}_{}_{short}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = ::postgres::Client::connect(&base, ::postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to {DATABASE_URL}={base}: {e:?}"));
        admin
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {name} CASCADE; CREATE SCHEMA {name}"
            ))
            .unwrap();
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-c%20search_path%3D{name}");
        Some(TestSchema { admin, name, url })
    }
}

impl Drop for TestSchema {
    fn drop(&mut self) {
        let drop = format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name);
        if let Err(e) = self.admin.batch_execute(&drop) {
            eprintln!("could not drop test schema {}: {e:?}", self.name);
        }
    }
}
