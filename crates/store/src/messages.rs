//! The consultation thread of a case (issue 12), kept as the wire's
//! `ThreadDto` JSON and replaced with its case on every download. A
//! question asked here is a timeline line and an outbox entry until the
//! server's copy of the case brings it back in the thread.

use crate::{Store, StoreError};
use domain::message::Thread;
use rusqlite::{Connection, OptionalExtension, Transaction};
use sync_proto::ThreadDto;

/// The server's thread of a case replaces the one kept before.
pub(crate) fn replace(tx: &Transaction<'_>, case_key: &str, t: &Thread) -> Result<(), StoreError> {
    if t.is_empty() {
        tx.prepare_cached("DELETE FROM case_thread WHERE case_id = ?1")?
            .execute([case_key])?;
        return Ok(());
    }
    let json = serde_json::to_string(&ThreadDto::from(t)).map_err(|e| StoreError::Corrupt {
        column: "case_thread.thread",
        value: e.to_string(),
    })?;
    tx.prepare_cached(
        "INSERT INTO case_thread (case_id, thread) VALUES (?1, ?2)
         ON CONFLICT (case_id) DO UPDATE SET thread = excluded.thread",
    )?
    .execute([case_key, &json])?;
    Ok(())
}

/// The thread of a case (empty when the server sent none).
pub(crate) fn thread(conn: &Connection, case_key: &str) -> Result<Thread, StoreError> {
    let json: Option<String> = conn
        .prepare_cached("SELECT thread FROM case_thread WHERE case_id = ?1")?
        .query_row([case_key], |r| r.get(0))
        .optional()?;
    let Some(json) = json else {
        return Ok(Thread::default());
    };
    let dto: ThreadDto = serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
        column: "case_thread.thread",
        value: json.clone(),
    })?;
    Ok(dto.thread())
}

impl Store {
    /// Forgets an item the server refused (its text was sent again as a
    /// new item); an item in any other state stays.
    pub fn outbox_forget_rejected(&mut self, mutation_id: uuid::Uuid) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("DELETE FROM outbox WHERE mutation_id = ?1 AND state = 'rejected'")?
            .execute([mutation_id.to_string()])?;
        Ok(())
    }

    /// The cases with a thread from the server, by case id.
    pub fn thread_cases(&self) -> Result<Vec<domain::CaseId>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT case_id FROM case_thread ORDER BY case_id")?;
        let rows = st.query_map([], |r| r.get::<_, String>(0))?;
        let mut out = Vec::new();
        for r in rows {
            let key = r?;
            out.push(domain::CaseId(crate::codec::parse_uuid(
                "case_thread.case_id",
                &key,
            )?));
        }
        Ok(out)
    }
}
