/// What can go wrong with the replica.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the replica has schema version {found}, newer than the {known} this app knows: update the app; the replica was left untouched")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("the replica has schema version {found}, older than the oldest this app can upgrade ({oldest}); the replica was left untouched")]
    SchemaTooOld { found: i64, oldest: i64 },
    #[error(
        "the file is not a Partner replica (application id {found:#x}); it was left untouched"
    )]
    NotAReplica { found: i64 },
    #[error(
        "the replica is encrypted with another key (or the file is damaged); it was left untouched"
    )]
    WrongKey,
    #[error("the file cannot be read: an encrypted replica opens only with its device's key, or it is not a database; it was left untouched")]
    Unreadable,
    #[error("replica file: {0}")]
    File(String),
    #[error("migration failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("corrupt value in column {column}: {value:?}")]
    Corrupt { column: &'static str, value: String },
    #[error("no case with id {0}")]
    CaseNotFound(String),
    #[error("the offer {0} is signed already")]
    AlreadySigned(String),
    #[error("day plan {id} is {status}, not a draft")]
    PlanNotDraft { id: String, status: String },
}
