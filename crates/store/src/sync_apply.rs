//! Writes of a sync run and of captured changes, each in one transaction.

use crate::codec::*;
use crate::{Store, StoreError};
use chrono::NaiveDateTime;
use domain::*;
use rusqlite::params;
use uuid::Uuid;

/// One downloaded page as the replica applies it.
#[derive(Debug, Clone, Copy)]
pub struct DownloadPage<'a> {
    pub upserts: &'a [CaseFile],
    pub removes: &'a [CaseId],
    pub advisor: Option<&'a Advisor>,
    pub reviews: &'a [crate::Review],
    pub policy: Option<(&'a offer::Policy, &'a offer::Authority)>,
    pub cursor: u64,
}

/// One change captured on the device and the outbox entry that uploads it.
#[derive(Debug, Clone)]
pub struct Captured {
    pub mutation_id: Uuid,
    pub kind: String,
    pub case_id: CaseId,
    /// The mutation in the sync protocol's JSON form.
    pub payload: String,
    pub created_at: NaiveDateTime,
}

impl Store {
    /// Applies one downloaded page: case files replaced, cases removed, the
    /// advisor updated and the cursor advanced, all or nothing, so that a
    /// crash mid-page never skips a change.
    pub fn apply_download(
        &mut self,
        upserts: &[CaseFile],
        removes: &[CaseId],
        advisor: Option<&Advisor>,
        cursor: u64,
    ) -> Result<(), StoreError> {
        self.apply_download_page(&DownloadPage {
            upserts,
            removes,
            advisor,
            reviews: &[],
            policy: None,
            cursor,
        })
        .map(|_| ())
    }

    /// As [`Store::apply_download`], with the team leads' answers and the
    /// advisor's offer policy of the page: all or nothing, but for a case
    /// the replica cannot hold (say, a timeline entry whose id another case
    /// has): that case alone is left out, and answered with why, so that
    /// one bad row never stops the sync.
    pub fn apply_download_page(
        &mut self,
        page: &DownloadPage<'_>,
    ) -> Result<Vec<(CaseId, String)>, StoreError> {
        let DownloadPage {
            upserts,
            removes,
            advisor,
            reviews,
            policy,
            cursor,
        } = *page;
        let tx = self.conn.transaction()?;
        if let Some(a) = advisor {
            crate::cases::upsert_advisor(&tx, a)?;
        }
        if let Some((p, a)) = policy {
            crate::reviews::save_policy(&tx, p, a)?;
        }
        let mut skipped = Vec::new();
        for f in upserts {
            // Each case under a savepoint: a case that breaks a constraint
            // rolls back alone.
            tx.execute_batch("SAVEPOINT one_case")?;
            match crate::cases::upsert_case_file(&tx, f) {
                Ok(()) => tx.execute_batch("RELEASE one_case")?,
                Err(StoreError::Sqlite(e)) => {
                    tx.execute_batch("ROLLBACK TO one_case; RELEASE one_case")?;
                    skipped.push((f.case.id, e.to_string()));
                }
                Err(e) => return Err(e),
            }
        }
        for id in removes {
            crate::cases::delete_case(&tx, *id)?;
        }
        crate::reviews::apply_reviews(&tx, reviews)?;
        tx.execute(
            "INSERT INTO sync_state (key, value) VALUES ('cursor', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [cursor.to_string()],
        )?;
        tx.commit()?;
        Ok(skipped)
    }

    /// Adds a timeline entry captured on the device together with its outbox
    /// entry, in one transaction.
    pub fn capture_activity(
        &mut self,
        activity: &Activity,
        c: &Captured,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        capture_in(&tx, activity, c)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes every case, debtor and captured change from the replica (a
    /// revoked device). The device id stays so the device can be recognised.
    pub fn wipe_case_data(&mut self) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute_batch(
            "DELETE FROM case_search; DELETE FROM case_file; DELETE FROM debtor; DELETE FROM advisor;
             DELETE FROM outbox; DELETE FROM offer_review; DELETE FROM offers; DELETE FROM day_plan; DELETE FROM visit_report; DELETE FROM contact_proposal; DELETE FROM visit_photo; DELETE FROM case_thread; DELETE FROM unseen_decision;
             DELETE FROM sync_state WHERE key IN ('cursor', 'token');",
        )?;
        tx.commit()?;
        Ok(())
    }
}

/// A timeline entry and its outbox entry, inside the caller's transaction.
pub(crate) fn capture_in(
    tx: &rusqlite::Transaction<'_>,
    activity: &Activity,
    c: &Captured,
) -> Result<(), StoreError> {
    let key = activity.case_id.to_string();
    let exists: i64 = tx.query_row(
        "SELECT count(*) FROM case_file WHERE id = ?1",
        [&key],
        |r| r.get(0),
    )?;
    if exists == 0 {
        return Err(StoreError::CaseNotFound(key));
    }
    tx.prepare_cached(
            "INSERT INTO activity (id, case_id, at, kind, author, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            activity.id.to_string(),
            key,
            datetime(activity.at),
            activity.kind.code(),
            activity.author,
            activity.summary
        ])?;
    crate::cases::refresh_summary(tx, &key)?;
    crate::outbox::push(
        tx,
        c.mutation_id,
        &c.kind,
        Some(c.case_id.0),
        &c.payload,
        c.created_at,
    )?;
    Ok(())
}
