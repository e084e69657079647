//! Photos taken on this device, of a visit's evidence (issue 11) or of a
//! question to the office (issue 12): the JPEG and its thumbnail as blobs,
//! linked to the report or question (`visit_id`), each with its own
//! timeline line and outbox entry (an "attachment" mutation queued after
//! what it belongs to), written in that one's transaction. Whether a photo
//! was sent is its outbox entry's state, read by join.

use crate::codec::*;
use crate::outbox::OutboxState;
use crate::{Captured, Store, StoreError};
use domain::{Activity, CaseId};
use rusqlite::params;
use uuid::Uuid;

/// A photo to record with its visit.
#[derive(Debug, Clone)]
pub struct PhotoCapture {
    /// Its timeline line (the photo's id).
    pub activity: Activity,
    /// Its outbox entry ("attachment").
    pub captured: Captured,
    pub visit_id: Uuid,
    pub width: u32,
    pub height: u32,
    pub sha256: String,
    pub jpeg: Vec<u8>,
    pub thumb: Vec<u8>,
}

/// A stored photo's bytes: the JPEG and its thumbnail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoBytes {
    pub jpeg: Vec<u8>,
    pub thumb: Vec<u8>,
}

/// A photo as the case page shows it: the thumbnail, its facts and its
/// outbox state.
#[derive(Debug, Clone, PartialEq)]
pub struct PhotoRow {
    pub id: Uuid,
    pub visit_id: Uuid,
    pub ordinal: u32,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub thumb: Vec<u8>,
    /// `None` when the outbox no longer holds its entry (a wiped outbox).
    pub state: Option<OutboxState>,
    /// The server's reason when it refused the photo.
    pub error: Option<String>,
}

/// Writes `photos` of a visit inside the caller's transaction, in order,
/// each with its timeline line and outbox entry after the visit's.
pub(crate) fn capture_in(
    tx: &rusqlite::Transaction<'_>,
    photos: &[PhotoCapture],
) -> Result<(), StoreError> {
    for (ordinal, p) in photos.iter().enumerate() {
        crate::sync_apply::capture_in(tx, &p.activity, &p.captured)?;
        tx.prepare_cached(
            "INSERT INTO visit_photo
             (id, visit_id, case_id, ordinal, width, height, bytes, sha256, jpeg, thumb, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            p.captured.mutation_id.to_string(),
            p.visit_id.to_string(),
            p.activity.case_id.to_string(),
            ordinal as i64,
            i64::from(p.width),
            i64::from(p.height),
            p.jpeg.len() as i64,
            p.sha256,
            p.jpeg,
            p.thumb,
            datetime(p.captured.created_at),
        ])?;
    }
    Ok(())
}

impl Store {
    /// The JPEG and thumbnail of each photo of `of` (a report or a
    /// question), in order.
    pub fn photo_bytes(&self, of: Uuid) -> Result<Vec<PhotoBytes>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT jpeg, thumb FROM visit_photo WHERE visit_id = ?1 ORDER BY ordinal",
        )?;
        let rows = st.query_map([of.to_string()], |r| {
            Ok(PhotoBytes {
                jpeg: r.get(0)?,
                thumb: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Forgets the photos of `of` whose upload the server refused (a
    /// question sent again with them under new ids): their rows and their
    /// refused outbox entries, in one transaction. A photo sent or waiting
    /// stays.
    pub fn forget_refused_photos(&mut self, of: Uuid) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let refused: Vec<String> = tx
            .prepare_cached(
                "SELECT p.id FROM visit_photo p JOIN outbox o ON o.mutation_id = p.id
                 WHERE p.visit_id = ?1 AND o.state = 'rejected'",
            )?
            .query_map([of.to_string()], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        for id in &refused {
            tx.execute("DELETE FROM visit_photo WHERE id = ?1", [id])?;
            tx.execute(
                "DELETE FROM outbox WHERE mutation_id = ?1 AND state = 'rejected'",
                [id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Adds a timeline entry with its outbox entry and its photos (a
    /// question to the office), each photo queued after it, in one
    /// transaction.
    pub fn capture_with_photos(
        &mut self,
        activity: &Activity,
        c: &Captured,
        photos: &[PhotoCapture],
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        crate::sync_apply::capture_in(&tx, activity, c)?;
        capture_in(&tx, photos)?;
        tx.commit()?;
        Ok(())
    }

    /// The photos taken on this device for a case, by visit and order.
    pub fn visit_photos(&self, case: CaseId) -> Result<Vec<PhotoRow>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT p.id, p.visit_id, p.ordinal, p.width, p.height, p.bytes, p.thumb,
                    o.state, o.last_error
             FROM visit_photo p LEFT JOIN outbox o ON o.mutation_id = p.id
             WHERE p.case_id = ?1 ORDER BY p.created_at, p.visit_id, p.ordinal",
        )?;
        let rows = st.query_map([case.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Vec<u8>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
            ))
        })?;
        rows.map(|row| {
            let (id, visit, ordinal, w, h, bytes, thumb, state, error) = row?;
            let int = |column: &'static str, v: i64| {
                u32::try_from(v).map_err(|_| StoreError::Corrupt {
                    column,
                    value: v.to_string(),
                })
            };
            Ok(PhotoRow {
                id: parse_uuid("visit_photo.id", &id)?,
                visit_id: parse_uuid("visit_photo.visit_id", &visit)?,
                ordinal: int("visit_photo.ordinal", ordinal)?,
                width: int("visit_photo.width", w)?,
                height: int("visit_photo.height", h)?,
                bytes: u64::from(int("visit_photo.bytes", bytes)?),
                thumb,
                state: state
                    .map(|s| code("outbox.state", &s, OutboxState::from_code))
                    .transpose()?,
                error,
            })
        })
        .collect()
    }
}
