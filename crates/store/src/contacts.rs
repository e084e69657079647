//! The contact proposals of a case (issue 11), kept as the wire's
//! `ContactRecordDto` JSON: those made on this device until the server's
//! copy of the case brings them back with the back office's answers, and
//! the server's, replaced with their case. A proposal made here is written
//! with its timeline line and its outbox entry in one transaction
//! (`capture_contact`); one the server refused shows as rejected with the
//! server's reason, so nothing is "proposed" forever.

use crate::codec::*;
use crate::{Captured, Store, StoreError};
use domain::contact::{ChangeState, ConsentMethod, ContactRecord, FieldState};
use domain::Activity;
use rusqlite::{params, Connection, Transaction};
use sync_proto::{ConsentMethodCode, ContactRecordDto};

/// A consent method's column code.
pub(crate) fn method_code(m: ConsentMethod) -> &'static str {
    match m {
        ConsentMethod::InPerson => "in_person",
        ConsentMethod::Written => "written",
        ConsentMethod::Phone => "phone",
        ConsentMethod::Electronic => "electronic",
    }
}

pub(crate) fn method_from_code(s: &str) -> Option<ConsentMethod> {
    ConsentMethodCode::from_code(s).method()
}

fn to_json(r: &ContactRecord) -> Result<String, StoreError> {
    serde_json::to_string(&ContactRecordDto::from(r)).map_err(|e| StoreError::Corrupt {
        column: "contact_proposal.record",
        value: e.to_string(),
    })
}

/// The server's proposals of a case replace those it had before and the
/// local ones it has now; local ones still waiting to be uploaded stay. A
/// local one the server refused goes with the server's copy of its case,
/// like the device's own timeline lines: the refusal stays in the
/// "needs attention" list (the outbox).
pub(crate) fn replace_from_server(
    tx: &Transaction<'_>,
    case_key: &str,
    records: &[ContactRecord],
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "DELETE FROM contact_proposal WHERE case_id = ?1 AND (from_server = 1
           OR id IN (SELECT mutation_id FROM outbox WHERE state <> 'pending'))",
    )?
    .execute([case_key])?;
    let mut st = tx.prepare_cached(
        "INSERT INTO contact_proposal (id, case_id, record, from_server, made_at)
         VALUES (?1, ?2, ?3, 1, ?4)
         ON CONFLICT (id) DO UPDATE SET record = excluded.record, from_server = 1",
    )?;
    for r in records {
        st.execute(params![
            r.id.to_string(),
            case_key,
            to_json(r)?,
            datetime(r.made_at)
        ])?;
    }
    Ok(())
}

/// The proposals of a case, oldest first. A local one whose upload the
/// server rejected has every change rejected, with the server's reason.
pub(crate) fn records(conn: &Connection, case_key: &str) -> Result<Vec<ContactRecord>, StoreError> {
    let mut st = conn.prepare_cached(
        "SELECT p.record, p.from_server, o.state, o.last_error FROM contact_proposal p
         LEFT JOIN outbox o ON o.mutation_id = p.id
         WHERE p.case_id = ?1 ORDER BY p.made_at, p.id",
    )?;
    let rows = st.query_map([case_key], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, bool>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (json, from_server, state, error) = row?;
        let dto: ContactRecordDto =
            serde_json::from_str(&json).map_err(|_| StoreError::Corrupt {
                column: "contact_proposal.record",
                value: json.clone(),
            })?;
        // A record of codes this build does not know is left out.
        let Some(mut record) = dto.record() else {
            continue;
        };
        if !from_server && state.as_deref() == Some("rejected") {
            for s in &mut record.states {
                *s = ChangeState {
                    state: FieldState::Rejected,
                    comment: error.clone().unwrap_or_default(),
                    by: "serwer".into(),
                    at: None,
                };
            }
        }
        out.push(record);
    }
    Ok(out)
}

impl Store {
    /// Records a proposal made on this device: its timeline line, its
    /// outbox entry and the proposal (every change proposed), in one
    /// transaction.
    pub fn capture_contact(
        &mut self,
        activity: &Activity,
        c: &Captured,
        record: &ContactRecord,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        crate::sync_apply::capture_in(&tx, activity, c)?;
        tx.prepare_cached(
            "INSERT INTO contact_proposal (id, case_id, record, from_server, made_at)
             VALUES (?1, ?2, ?3, 0, ?4)",
        )?
        .execute(params![
            record.id.to_string(),
            activity.case_id.to_string(),
            to_json(record)?,
            datetime(record.made_at)
        ])?;
        tx.commit()?;
        Ok(())
    }
}
