//! Visit reports saved on this device (issue 11): the wire body as uploaded,
//! its link in the device's hash chain, and the chain's head. A report is
//! written with its timeline line, its outbox entry, the new head and the
//! case's new status in one transaction.

use crate::codec::*;
use crate::{Captured, Store, StoreError};
use chrono::NaiveDateTime;
use domain::{Activity, CaseId, CaseStatus, Promise};
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

/// The receipt of a payment at the door, signed on this device.
#[derive(Debug, Clone, PartialEq)]
pub struct DoorReceiptRow {
    /// The visit report's (mutation) id.
    pub id: Uuid,
    pub case_id: CaseId,
    pub number: String,
    pub amount: domain::Money,
    pub taken_on: chrono::NaiveDate,
    /// The signed PDF.
    pub pdf: Vec<u8>,
    /// SHA-256 of `pdf`, lowercase hex.
    pub sha256: String,
}

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

/// What a visit report writes besides its line, its outbox entry and its
/// link ([`Store::capture_visit`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct VisitExtras<'a> {
    /// The status the report moves its case to.
    pub status: Option<CaseStatus>,
    /// The promise to pay it adds to the case.
    pub promise: Option<&'a Promise>,
    /// A payment at the door's signed receipt.
    pub receipt: Option<&'a DoorReceiptRow>,
    /// Its photos, each queued after the report.
    pub photos: &'a [crate::PhotoCapture],
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
    /// with its link `sha256`, the chain's head moved to it, and what it
    /// adds (`VisitExtras`: the case's new status, its promise, its door
    /// receipt, its photos), in one transaction. The server adds the same
    /// promise by the same id, and the next download replaces the case
    /// whole.
    pub fn capture_visit(
        &mut self,
        activity: &Activity,
        c: &Captured,
        body_json: &str,
        sha256: &str,
        extras: &VisitExtras<'_>,
    ) -> Result<(), StoreError> {
        let VisitExtras {
            status,
            promise,
            receipt,
            photos,
        } = *extras;
        let tx = self.conn.transaction()?;
        if let Some(r) = receipt {
            tx.prepare_cached(
                "INSERT INTO door_receipt (id, case_id, number, amount, taken_on, pdf, sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                r.id.to_string(),
                r.case_id.to_string(),
                r.number,
                r.amount.grosze(),
                date(r.taken_on),
                r.pdf,
                r.sha256,
            ])?;
        }
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
        if let Some(p) = promise {
            tx.prepare_cached(
                "INSERT OR REPLACE INTO promise (id, case_id, made_on, due_on, amount, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                p.id.to_string(),
                p.case_id.to_string(),
                date(p.made_on),
                date(p.due_on),
                p.amount.grosze(),
                p.status.code()
            ])?;
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

    /// The receipts of payments at the door signed on this device for a
    /// case, oldest first.
    pub fn door_receipts(&self, case: CaseId) -> Result<Vec<DoorReceiptRow>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, number, amount, taken_on, pdf, sha256 FROM door_receipt
             WHERE case_id = ?1 ORDER BY taken_on, id",
        )?;
        let rows = st.query_map([case.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Vec<u8>>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?;
        rows.map(|row| {
            let (id, number, amount, taken_on, pdf, sha256) = row?;
            Ok(DoorReceiptRow {
                id: parse_uuid("door_receipt.id", &id)?,
                case_id: case,
                number,
                amount: money(amount),
                taken_on: parse_date("door_receipt.taken_on", &taken_on)?,
                pdf,
                sha256,
            })
        })
        .collect()
    }

    /// One receipt by its visit report's id.
    pub fn door_receipt(&self, id: Uuid) -> Result<Option<DoorReceiptRow>, StoreError> {
        let case: Option<String> = self
            .conn
            .query_row(
                "SELECT case_id FROM door_receipt WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        let Some(case) = case else { return Ok(None) };
        let case = CaseId(parse_uuid("door_receipt.case_id", &case)?);
        Ok(self.door_receipts(case)?.into_iter().find(|r| r.id == id))
    }
}
