//! Day plans built on the device (issue #5): drafts and their submission
//! (the status change and the outbox entry in one transaction). The team
//! lead's answer arrives with the sync (`reviews`). The plan itself is
//! JSON that the app writes (a draft in its own form, a submitted plan as
//! the `sync_proto::PlanBody` it sent); this module does not read it.

use crate::codec::*;
use crate::{Store, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use domain::{CaseId, GeoPoint};
use rusqlite::{params, OptionalExtension};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    Draft,
    Submitted,
    Approved,
    Returned,
}

impl PlanStatus {
    pub const ALL: [PlanStatus; 4] = [Self::Draft, Self::Submitted, Self::Approved, Self::Returned];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Approved => "approved",
            Self::Returned => "returned",
        }
    }

    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.code() == s)
    }
}

/// One row of `day_plan`.
#[derive(Debug, Clone, PartialEq)]
pub struct DayPlanRow {
    pub id: Uuid,
    pub date: NaiveDate,
    /// The plan as JSON: the app's draft form, or the submitted `PlanBody`.
    pub body: String,
    pub status: PlanStatus,
    pub submitted_at: Option<NaiveDateTime>,
    pub review_comment: Option<String>,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<NaiveDateTime>,
    pub updated_at: NaiveDateTime,
}

/// Where the advisor visits a case: the debtor's visit address (residence,
/// else the first one), with its coordinates when known.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitPlace {
    pub case_id: CaseId,
    pub street: String,
    pub city: String,
    pub location: Option<GeoPoint>,
}

const COLUMNS: &str = "id, plan_date, body, status, submitted_at, review_comment, reviewed_by, reviewed_at, updated_at";

type RawRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
);

fn raw(r: &rusqlite::Row<'_>) -> rusqlite::Result<RawRow> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
    ))
}

fn row(raw: RawRow) -> Result<DayPlanRow, StoreError> {
    let (id, date, body, status, submitted, comment, by, reviewed, updated) = raw;
    let time = |column, v: Option<String>| v.map(|s| parse_datetime(column, &s)).transpose();
    Ok(DayPlanRow {
        id: parse_uuid("day_plan.id", &id)?,
        date: parse_date("day_plan.plan_date", &date)?,
        body,
        status: code("day_plan.status", &status, PlanStatus::from_code)?,
        submitted_at: time("day_plan.submitted_at", submitted)?,
        review_comment: comment,
        reviewed_by: by,
        reviewed_at: time("day_plan.reviewed_at", reviewed)?,
        updated_at: parse_datetime("day_plan.updated_at", &updated)?,
    })
}

impl Store {
    /// Saves a draft plan, creating it or replacing the draft with this id.
    /// A plan that was submitted is no longer a draft and is refused.
    pub fn save_plan_draft(
        &mut self,
        id: Uuid,
        day: NaiveDate,
        body: &str,
        now: NaiveDateTime,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let status: Option<String> = tx
            .query_row(
                "SELECT status FROM day_plan WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        match status.as_deref() {
            None => {
                tx.execute(
                    "INSERT INTO day_plan (id, plan_date, body, status, updated_at) VALUES (?1, ?2, ?3, 'draft', ?4)",
                    params![id.to_string(), date(day), body, datetime(now)],
                )?;
            }
            Some("draft") => {
                tx.execute(
                    "UPDATE day_plan SET plan_date = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
                    params![id.to_string(), date(day), body, datetime(now)],
                )?;
            }
            Some(other) => {
                return Err(StoreError::PlanNotDraft {
                    id: id.to_string(),
                    status: other.to_owned(),
                })
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// One plan by id.
    pub fn day_plan(&self, id: Uuid) -> Result<Option<DayPlanRow>, StoreError> {
        let sql = format!("SELECT {COLUMNS} FROM day_plan WHERE id = ?1");
        self.conn
            .query_row(&sql, [id.to_string()], raw)
            .optional()?
            .map(row)
            .transpose()
    }

    /// The plans for one day, the most recently created first: the first
    /// is the day's current plan (a team lead's answer to an older one does
    /// not put it back in front).
    pub fn day_plans_on(&self, day: NaiveDate) -> Result<Vec<DayPlanRow>, StoreError> {
        let sql =
            format!("SELECT {COLUMNS} FROM day_plan WHERE plan_date = ?1 ORDER BY rowid DESC");
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map([date(day)], raw)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(row(r?)?);
        }
        Ok(out)
    }

    /// The plans of `day` and every later day, by date, the most recently
    /// created of each day first (as [`Store::day_plans_on`]).
    pub fn day_plans_from(&self, day: NaiveDate) -> Result<Vec<DayPlanRow>, StoreError> {
        let sql = format!(
            "SELECT {COLUMNS} FROM day_plan WHERE plan_date >= ?1 ORDER BY plan_date, rowid DESC"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map([date(day)], raw)?;
        let mut out = Vec::new();
        for r in rows {
            out.push(row(r?)?);
        }
        Ok(out)
    }

    /// Submits a draft: its final body, the status `submitted` and the
    /// outbox entry that uploads it, in one transaction. Refused (and
    /// nothing written) when the plan is not a draft.
    pub fn submit_plan(
        &mut self,
        id: Uuid,
        body: &str,
        now: NaiveDateTime,
        mutation_id: Uuid,
        kind: &str,
        payload: &str,
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let changed = tx.execute(
            "UPDATE day_plan SET status = 'submitted', body = ?2, submitted_at = ?3, updated_at = ?3
             WHERE id = ?1 AND status = 'draft'",
            params![id.to_string(), body, datetime(now)],
        )?;
        if changed != 1 {
            let status: Option<String> = tx
                .query_row(
                    "SELECT status FROM day_plan WHERE id = ?1",
                    [id.to_string()],
                    |r| r.get(0),
                )
                .optional()?;
            return Err(StoreError::PlanNotDraft {
                id: id.to_string(),
                status: status.unwrap_or_else(|| "missing".into()),
            });
        }
        // A plan is about many cases: no case id in the outbox.
        crate::outbox::push(&tx, mutation_id, kind, None, payload, now)?;
        tx.commit()?;
        Ok(())
    }

    /// The visit address of every case, keyed by case.
    pub fn visit_places(&self) -> Result<Vec<VisitPlace>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.id, a.street, a.city, a.lat, a.lon
             FROM case_file c JOIN address a ON a.debtor_id = c.debtor_id
             ORDER BY c.id, a.kind <> 'residence', a.position",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<f64>>(3)?,
                r.get::<_, Option<f64>>(4)?,
            ))
        })?;
        let mut out: Vec<VisitPlace> = Vec::new();
        for r in rows {
            let (id, street, city, lat, lon) = r?;
            let case_id = CaseId(parse_uuid("case_file.id", &id)?);
            if out.last().is_some_and(|p| p.case_id == case_id) {
                continue;
            }
            out.push(VisitPlace {
                case_id,
                street,
                city,
                location: lat.zip(lon).map(|(lat, lon)| GeoPoint { lat, lon }),
            });
        }
        Ok(out)
    }
}
