//! Sync bookkeeping as key/value pairs: the download cursor, the device id,
//! the time of the last successful sync, the server's address.

use crate::{Store, StoreError};
use rusqlite::{params, OptionalExtension};

impl Store {
    pub fn sync_value(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM sync_state WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_sync_value(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "INSERT INTO sync_state (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    /// Forgets `key` (a logout forgets the session's token).
    pub fn forget_sync_value(&mut self, key: &str) -> Result<(), StoreError> {
        self.conn
            .execute("DELETE FROM sync_state WHERE key = ?1", [key])?;
        Ok(())
    }
}
