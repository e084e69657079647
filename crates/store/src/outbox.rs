//! The outbox: every change captured on the device, recorded in the same
//! transaction as the change, to be uploaded exactly once.

use crate::codec::*;
use crate::{Store, StoreError};
use chrono::NaiveDateTime;
use rusqlite::{params, Transaction};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutboxState {
    Pending,
    Applied,
    Rejected,
}

impl OutboxState {
    fn code(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Applied => "applied",
            Self::Rejected => "rejected",
        }
    }

    pub(crate) fn from_code(s: &str) -> Option<Self> {
        [Self::Pending, Self::Applied, Self::Rejected]
            .into_iter()
            .find(|x| x.code() == s)
    }
}

/// The server's answer on one uploaded item, as [`Store::outbox_settle`]
/// records it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxReceipt {
    pub id: Uuid,
    pub state: OutboxState,
    pub error: Option<String>,
    /// Drop the delivered payload (its bytes are kept elsewhere).
    pub compact: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutboxItem {
    pub seq: i64,
    pub mutation_id: Uuid,
    pub kind: String,
    pub case_id: Option<Uuid>,
    /// The mutation as JSON, in the wire format of the sync protocol.
    pub payload: String,
    pub created_at: NaiveDateTime,
    pub state: OutboxState,
    pub attempts: i64,
    pub last_error: Option<String>,
}

/// Records a mutation inside the caller's transaction, so that the change and
/// its outbox entry are committed together or not at all.
pub(crate) fn push(
    tx: &Transaction<'_>,
    mutation_id: Uuid,
    kind: &str,
    case_id: Option<Uuid>,
    payload: &str,
    created_at: NaiveDateTime,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO outbox (mutation_id, kind, case_id, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        mutation_id.to_string(),
        kind,
        case_id.map(|c| c.to_string()),
        payload,
        datetime(created_at)
    ])?;
    Ok(())
}

impl Store {
    /// Records a mutation on its own (for changes that touch no other table).
    pub fn outbox_push(
        &mut self,
        mutation_id: Uuid,
        kind: &str,
        case_id: Option<Uuid>,
        payload: &str,
        created_at: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        push(&tx, mutation_id, kind, case_id, payload, created_at)?;
        tx.commit()?;
        Ok(())
    }

    /// Items in one state, oldest first.
    pub fn outbox(&self, state: OutboxState) -> Result<Vec<OutboxItem>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT seq, mutation_id, kind, case_id, payload, created_at, state, attempts, last_error
             FROM outbox WHERE state = ?1 ORDER BY seq",
        )?;
        let rows = st.query_map([state.code()], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, i64>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, id, kind, case_id, payload, created_at, state, attempts, last_error) = row?;
            out.push(OutboxItem {
                seq,
                mutation_id: parse_uuid("outbox.mutation_id", &id)?,
                kind,
                case_id: case_id
                    .map(|c| parse_uuid("outbox.case_id", &c))
                    .transpose()?,
                payload,
                created_at: parse_datetime("outbox.created_at", &created_at)?,
                state: code("outbox.state", &state, OutboxState::from_code)?,
                attempts,
                last_error,
            });
        }
        Ok(out)
    }

    /// How many items wait in each state: (pending, rejected).
    pub fn outbox_counts(&self) -> Result<(usize, usize), StoreError> {
        let (p, r): (i64, i64) = self.conn.query_row(
            "SELECT COALESCE(SUM(state = 'pending'), 0), COALESCE(SUM(state = 'rejected'), 0) FROM outbox",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((
            usize::try_from(p).unwrap_or(0),
            usize::try_from(r).unwrap_or(0),
        ))
    }

    /// Records the server's receipts for a batch in one transaction. A
    /// receipt with `compact` drops its delivered item's payload: the entry
    /// stays as the receipt of delivery (its id, kind and state), the bytes
    /// go.
    pub fn outbox_settle(&mut self, receipts: &[OutboxReceipt]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        {
            let mut mark = tx.prepare_cached(
                "UPDATE outbox SET state = ?2, attempts = attempts + 1, last_error = ?3 WHERE mutation_id = ?1",
            )?;
            let mut compact = tx.prepare_cached(
                "UPDATE outbox SET payload = '' WHERE mutation_id = ?1 AND state = 'applied'",
            )?;
            for r in receipts {
                let id = r.id.to_string();
                mark.execute(params![id, r.state.code(), r.error])?;
                if r.compact {
                    compact.execute([&id])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Records the server's receipt for one item.
    pub fn outbox_mark(
        &mut self,
        mutation_id: Uuid,
        state: OutboxState,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn
            .prepare_cached(
                "UPDATE outbox SET state = ?2, attempts = attempts + 1, last_error = ?3 WHERE mutation_id = ?1",
            )?
            .execute(params![mutation_id.to_string(), state.code(), error])?;
        Ok(())
    }
}
