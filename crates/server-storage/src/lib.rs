//! Storage of the central server: the [`Storage`] trait the server is written
//! against, and its backends: SQLite ([`SqliteStorage`], the embedded
//! default) and PostgreSQL ([`PgStorage`], for production), each with its own
//! migrations folder. Every backend passes the same story suite
//! (tests/stories.rs).
//!
//! This crate owns the server's database drivers; it knows the sync wire
//! types it stores, and nothing of HTTP.

mod postgres;
mod sqlite;

pub use crate::postgres::PgStorage;
pub use sqlite::SqliteStorage;

use chrono::NaiveDateTime;
use sync_proto::{AdvisorDto, CaseFileDto, Change, Mutation, Outcome, Role};
use uuid::Uuid;

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("database error: {}", describe_pg(.0))]
    Postgres(#[from] ::postgres::Error),
    #[error("no database connection: {0}")]
    Pool(#[from] r2d2::Error),
    /// The database's schema is not one this build can work with.
    #[error("database schema: {0}")]
    Schema(String),
    #[error("corrupt stored value: {0}")]
    Corrupt(String),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0} already exists")]
    Conflict(String),
}

/// The server's own message for a database error (the driver's `Display`
/// says only "db error"), else the driver's message and its cause.
fn describe_pg(e: &::postgres::Error) -> String {
    match (e.as_db_error(), std::error::Error::source(e)) {
        (Some(db), _) => db.to_string(),
        (None, Some(cause)) => format!("{e}: {cause}"),
        (None, None) => e.to_string(),
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct User {
    pub id: Uuid,
    pub login: String,
    pub name: String,
    pub role: Role,
    pub password_hash: String,
    pub advisor: Option<AdvisorDto>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Device {
    pub id: Uuid,
    pub user_id: Uuid,
    pub name: String,
    pub expires_at: NaiveDateTime,
    pub revoked: bool,
}

/// A page of the download feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub changes: Vec<Change>,
    pub next_cursor: u64,
    pub more: bool,
}

/// The server's storage. Methods are synchronous; the server calls them off
/// its async threads. Each method is one transaction.
pub trait Storage: Send + Sync + 'static {
    fn create_user(&self, user: &User) -> Result<(), StorageError>;
    fn user_by_login(&self, login: &str) -> Result<Option<User>, StorageError>;
    fn user(&self, id: Uuid) -> Result<Option<User>, StorageError>;

    /// Registers (or re-registers) a device of a user with a new token.
    fn register_device(&self, device: &Device, token_hash: &str) -> Result<(), StorageError>;
    fn device_by_token(&self, token_hash: &str) -> Result<Option<Device>, StorageError>;
    fn revoke_device(&self, id: Uuid) -> Result<(), StorageError>;

    /// Stores a case as the back office has it (portfolio import or any
    /// back-office change), feeding its advisor's download.
    fn put_case(&self, file: &CaseFileDto) -> Result<(), StorageError>;
    fn case(&self, id: Uuid) -> Result<Option<CaseFileDto>, StorageError>;
    /// Moves a case to another advisor (or to none, e.g. when closed): the
    /// old advisor's device removes it, the new one's receives it.
    fn assign(&self, case_id: Uuid, advisor: Option<Uuid>) -> Result<(), StorageError>;
    /// The cases an advisor holds now.
    fn cases_of(&self, advisor: Uuid) -> Result<Vec<CaseFileDto>, StorageError>;

    /// The advisor's changes after `cursor`, at most `limit`.
    fn changes(&self, advisor: Uuid, cursor: u64, limit: u32) -> Result<Page, StorageError>;

    /// Applies one mutation exactly once: a second call with the same id
    /// changes nothing and answers `Duplicate` (or the same rejection).
    /// `apply` decides what the mutation does to the case, given the case
    /// as stored now; it runs inside the transaction.
    fn apply_mutation(
        &self,
        device: &Device,
        m: &Mutation,
        apply: &dyn Fn(Option<CaseFileDto>) -> Result<CaseFileDto, (String, String)>,
    ) -> Result<Outcome, StorageError>;
    /// How many mutations with this id are stored (0 or 1), for audits.
    fn mutation_count(&self, id: Uuid) -> Result<u64, StorageError>;
    /// An applied mutation as the device sent it (e.g. a signed settlement
    /// for the back office to download); `None` when there is none or it
    /// was rejected.
    fn applied_mutation(&self, id: Uuid) -> Result<Option<Mutation>, StorageError>;
}
