//! Visit reports saved on this device (issue 11): the wire body as uploaded,
//! its link in the device's hash chain, and the chain's head. A report is
//! written with its timeline line, its outbox entry, the new head and the
//! case's new status in one transaction.

use crate::codec::*;
use crate::{Captured, Store, StoreError};
use chrono::NaiveDateTime;
use domain::{Activity, CaseId, CaseStatus};
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

/// One saved visit report.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitRow {
    /// The report's mutation (and timeline entry) id.
    pub id: Uuid,
    pub case_id: CaseId,
    /// The wire body (JSON), as uploaded.
    pub body_json: String,
    /// Its link in the device's chain.
    pub sha256: String,
    pub created_at: NaiveDateTime,
}

impl Store {
    /// The link of the last report saved on this device; `None` before
    /// its first.
    pub fn visit_chain_head(&self) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT head FROM visit_chain WHERE id = 1", [], |r| {
                r.get(0)
            })
            .optional()?)
    }

    /// Records a visit report: its timeline and outbox entries, the report
    /// with its link `sha256`, the chain's head moved to it and, when the
    /// report moves the case, its new `status`, in one transaction.
    pub fn capture_visit(
        &mut self,
        activity: &Activity,
        c: &Captured,
        body_json: &str,
        sha256: &str,
        status: Option<CaseStatus>,
    ) -> Result<(), StoreError> {
        self.capture_visit_with_photos(activity, c, body_json, sha256, status, &[])
    }

    /// As [`Store::capture_visit`], with the visit's photos (each with its
    /// timeline line and outbox entry, queued after the report's), in the
    /// same transaction.
    pub fn capture_visit_with_photos(
        &mut self,
        activity: &Activity,
        c: &Captured,
        body_json: &str,
        sha256: &str,
        status: Option<CaseStatus>,
        photos: &[crate::PhotoCapture],
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        crate::sync_apply::capture_in(&tx, activity, c)?;
        tx.prepare_cached(
            "INSERT INTO visit_report (id, case_id, body, sha256, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            c.mutation_id.to_string(),
            activity.case_id.to_string(),
            body_json,
            sha256,
            datetime(c.created_at),
        ])?;
        tx.prepare_cached(
            "INSERT INTO visit_chain (id, head) VALUES (1, ?1)
             ON CONFLICT (id) DO UPDATE SET head = excluded.head",
        )?
        .execute([sha256])?;
        if let Some(s) = status {
            tx.prepare_cached("UPDATE case_file SET status = ?2 WHERE id = ?1")?
                .execute([activity.case_id.to_string(), s.code().to_owned()])?;
        }
        crate::photos::capture_in(&tx, photos)?;
        tx.commit()?;
        Ok(())
    }

    /// The reports saved on this device for a case, oldest first.
    pub fn visits(&self, case: CaseId) -> Result<Vec<VisitRow>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, body, sha256, created_at FROM visit_report
             WHERE case_id = ?1 ORDER BY created_at, id",
        )?;
        let rows = st.query_map([case.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        rows.map(|row| {
            let (id, body_json, sha256, at) = row?;
            Ok(VisitRow {
                id: parse_uuid("visit_report.id", &id)?,
                case_id: case,
                body_json,
                sha256,
                created_at: parse_datetime("visit_report.created_at", &at)?,
            })
        })
        .collect()
    }
}
