//! The device replica: one SQLite file (WAL, foreign keys on) holding the
//! advisor's cases, with migrations from the repository's `migrations/`
//! folder, repositories per entity, full-text search, the outbox of changes
//! waiting for upload and the sync bookkeeping.
//!
//! This crate owns rusqlite; no other crate of the device names it. It knows
//! the domain types and nothing of the UI, the network or Tauri.

mod cases;
mod codec;
mod contacts;
mod error;
mod key;
mod messages;
mod offers;
mod outbox;
mod photos;
mod plans;
mod reviews;
mod schema;
mod search;
mod sync_apply;
mod sync_state;
mod visits;

pub use cases::CaseSummary;
pub use error::StoreError;
pub use key::{at_rest, companions, AtRest, ReplicaKey};
pub use offers::SavedOfferRow;
pub use outbox::{OutboxItem, OutboxReceipt, OutboxState};
pub use photos::{PhotoBytes, PhotoCapture, PhotoRow};
pub use plans::{DayPlanRow, PlanStatus, VisitPlace};
pub use reviews::{OfferApproval, OfferReview, Review, Reviewed, UnseenDecision};
pub use schema::{migrations, SCHEMA_VERSION};
pub use search::CaseQuery;
pub use sync_apply::{Captured, DownloadPage};
pub use visits::{DoorReceiptRow, VisitExtras, VisitRow};

use rusqlite::Connection;
use std::path::Path;

/// An open device replica.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (creating if needed) the unencrypted replica at `path` and
    /// brings its schema up to date: for tests and tools; the app opens its
    /// replica with [`Store::open_encrypted`]. A replica written by a newer
    /// app, an encrypted one, or a file that is not a Partner replica, is
    /// refused with an error and left untouched.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        Self::init(conn)
    }

    /// A replica in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Store, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // SQLCipher logs a wrong key to stderr; the error says it already.
        conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
        // The first read: an encrypted file opened without its key (or
        // with a wrong one) says so here, before anything is written.
        conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
        .map_err(schema::unreadable)?;
        // WAL lets the UI read while a sync writes. FULL syncs the WAL on
        // every commit: a settlement signed a moment ago survives a power
        // cut, not only an app crash (NORMAL would).
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // 32 MiB of pages kept decrypted in memory (SQLite's default is
        // 2 MiB): SQLCipher decrypts and authenticates every page it reads
        // from the file, so a search over a portfolio larger than the cache
        // would pay that on every query.
        conn.pragma_update(None, "cache_size", -32_768)?;
        schema::check_and_migrate(&mut conn)?;
        let mut store = Store { conn };
        store.reindex_if_asked()?;
        Ok(store)
    }

    /// SQLite's `integrity_check`: the problems found, none when the file
    /// is sound.
    pub fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        let mut problems = Vec::new();
        for r in rows {
            let r = r?;
            if r != "ok" {
                problems.push(r);
            }
        }
        Ok(problems)
    }

    /// The schema version of the open replica.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}
