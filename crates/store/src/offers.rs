//! Offers saved on this device, each a thing with an identity: the wire
//! body as uploaded (its terms rebuild it exactly), when it was saved, its
//! approval state and the settlement that signed it. Signing renders the
//! saved offer, never the form as it is now.

use crate::codec::*;
use crate::reviews::{offer_pending, OfferApproval};
use crate::{Captured, Store, StoreError};
use chrono::NaiveDateTime;
use domain::{Activity, CaseId};
use rusqlite::{params, OptionalExtension, Transaction};
use uuid::Uuid;

/// One saved offer.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedOfferRow {
    /// The offer's mutation (and timeline entry) id.
    pub id: Uuid,
    pub case_id: CaseId,
    /// The offer's wire body (JSON), as uploaded.
    pub body_json: String,
    pub saved_at: NaiveDateTime,
    /// `None`: within authority, no team lead needed.
    pub review: Option<OfferApproval>,
    /// The settlement (its mutation id) that signed it.
    pub settlement_id: Option<Uuid>,
}

const COLUMNS: &str = "o.id, o.case_id, o.body, o.saved_at, r.status, o.settlement_id
     FROM offers o LEFT JOIN offer_review r ON r.offer_id = o.id";

type Row = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
    ))
}

fn saved(
    (id, case_id, body, saved_at, review, settlement_id): Row,
) -> Result<SavedOfferRow, StoreError> {
    Ok(SavedOfferRow {
        id: parse_uuid("offers.id", &id)?,
        case_id: CaseId(parse_uuid("offers.case_id", &case_id)?),
        body_json: body,
        saved_at: parse_datetime("offers.saved_at", &saved_at)?,
        review: review
            .map(|s| code("offer_review.status", &s, OfferApproval::from_code))
            .transpose()?,
        settlement_id: settlement_id
            .map(|s| parse_uuid("offers.settlement_id", &s))
            .transpose()?,
    })
}

fn insert_offer(
    tx: &Transaction<'_>,
    id: Uuid,
    case_id: CaseId,
    body_json: &str,
    saved_at: NaiveDateTime,
) -> Result<(), StoreError> {
    tx.prepare_cached("INSERT INTO offers (id, case_id, body, saved_at) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![
            id.to_string(),
            case_id.to_string(),
            body_json,
            datetime(saved_at)
        ])?;
    Ok(())
}

impl Store {
    /// Saves an offer: its timeline entry, outbox entry and saved body, and
    /// when it needs a team lead's approval its pending state; one
    /// transaction. `body_json` is the offer's wire body.
    pub fn capture_offer(
        &mut self,
        activity: &Activity,
        c: &Captured,
        needs_approval: bool,
        body_json: &str,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        crate::sync_apply::capture_in(&tx, activity, c)?;
        insert_offer(
            &tx,
            c.mutation_id,
            activity.case_id,
            body_json,
            c.created_at,
        )?;
        if needs_approval {
            offer_pending(&tx, c.mutation_id, activity.case_id)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records a settlement that signs the saved offer `offer`: its timeline
    /// and outbox entries, the offer marked signed and the signed
    /// `agreement` on the case (until the server's copy replaces it) and the
    /// case moved to `status` (`domain::status::after_signing`), in one
    /// transaction; `AlreadySigned` (nothing written) when a settlement
    /// signed the offer before.
    pub fn capture_settlement(
        &mut self,
        activity: &Activity,
        c: &Captured,
        (offer, agreement): (Uuid, &domain::SignedAgreement),
        status: Option<domain::CaseStatus>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let n = tx
            .prepare_cached(
                "UPDATE offers SET settlement_id = ?2 WHERE id = ?1 AND settlement_id IS NULL",
            )?
            .execute(params![offer.to_string(), c.mutation_id.to_string()])?;
        if n != 1 {
            return Err(StoreError::AlreadySigned(offer.to_string()));
        }
        crate::sync_apply::capture_in(&tx, activity, c)?;
        crate::cases::insert_agreement(&tx, activity.case_id, agreement)?;
        if let Some(s) = status {
            tx.prepare_cached("UPDATE case_file SET status = ?2 WHERE id = ?1")?
                .execute([activity.case_id.to_string(), s.code().to_owned()])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A saved offer by id.
    pub fn saved_offer(&self, id: Uuid) -> Result<Option<SavedOfferRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} WHERE o.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.to_string()], row)
            .optional()?
            .map(saved)
            .transpose()
    }

    /// A case's saved offers, oldest first.
    pub fn saved_offers(&self, case: CaseId) -> Result<Vec<SavedOfferRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} WHERE o.case_id = ?1 ORDER BY o.saved_at, o.id");
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map([case.to_string()], row)?;
        rows.map(|r| saved(r?)).collect()
    }
}
