//! The SQLite backend: one file, no setup; the default. Only the dialect:
//! the rules are in `rules`.
//!
//! One connection behind a lock: SQLite has one writer anyway, so every
//! transaction runs alone and the feed needs no locks of its own.

use crate::backend::{
    Backend, Claim, FeedOp, FeedRow, RequestFilter, RequestInsert, Res, StoredOutcome, Tx, UserKey,
    UserRow,
};
use crate::{ApprovalRequest, Decision, Device, Holders, RequestKind, ServerDb, StorageError};
use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rusqlite_migration::{Migrations, M};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};
use sync_proto::{CaseFileDto, Mutation, MutationKind, RejectCode};
use uuid::Uuid;

const DATETIME: &str = "%Y-%m-%dT%H:%M:%S";

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../migrations/sqlite/0001_server.sql")),
        M::up(include_str!("../migrations/sqlite/0002_reviews.sql")),
        M::up(include_str!("../migrations/sqlite/0003_activity_ids.sql")),
        M::up(include_str!("../migrations/sqlite/0004_offers_rates.sql")),
        M::up(include_str!("../migrations/sqlite/0005_visits.sql")),
        M::up(include_str!("../migrations/sqlite/0006_contacts.sql")),
        M::up(include_str!("../migrations/sqlite/0007_threads.sql")),
        M::up(include_str!("../migrations/sqlite/0008_inbox.sql")),
        M::up(include_str!("../migrations/sqlite/0009_desk.sql")),
        M::up(include_str!("../migrations/sqlite/0010_login_throttle.sql")),
        M::up(include_str!("../migrations/sqlite/0011_audit.sql")),
        M::up(include_str!("../migrations/sqlite/0012_revoke_mode.sql")),
        M::up(include_str!("../migrations/sqlite/0013_inbox_counts.sql")),
    ])
}

impl From<rusqlite::Error> for StorageError {
    fn from(e: rusqlite::Error) -> Self {
        StorageError::Database(e.to_string())
    }
}

impl From<rusqlite_migration::Error> for StorageError {
    fn from(e: rusqlite_migration::Error) -> Self {
        StorageError::Schema(e.to_string())
    }
}

/// The SQLite database: one connection behind a lock.
#[derive(Debug)]
pub struct Sqlite {
    conn: Mutex<Connection>,
}

impl ServerDb<Sqlite> {
    /// Opens (or creates) the database file, readable and writable by its
    /// owner only (0600; SQLite gives its -wal and -shm files the same).
    pub fn open(path: &Path) -> Res<Self> {
        let conn = Connection::open(path)?;
        owner_only(path)?;
        Ok(ServerDb::new(Sqlite::init(conn)?))
    }

    pub fn open_in_memory() -> Res<Self> {
        Ok(ServerDb::new(Sqlite::init(Connection::open_in_memory()?)?))
    }
}

/// Makes `path` readable and writable by its owner only.
#[cfg(unix)]
fn owner_only(path: &Path) -> Res<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| StorageError::Database(format!("{}: {e}", path.display())))
}

#[cfg(not(unix))]
fn owner_only(_: &Path) -> Res<()> {
    Ok(())
}

impl Sqlite {
    fn init(mut conn: Connection) -> Res<Self> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a receipt sent to a device must survive a power cut, or the
        // device would drop work the server lost. Uploads commit once per
        // batch, so this costs one sync per request.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations().to_latest(&mut conn)?;
        Ok(Sqlite {
            conn: Mutex::new(conn),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (the
        // transaction rolls back), so the connection is still usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn uuid(s: &str) -> Res<Uuid> {
    Uuid::parse_str(s).map_err(|_| StorageError::Corrupt(format!("uuid {s:?}")))
}

fn opt_uuid(s: Option<String>) -> Res<Option<Uuid>> {
    s.map(|s| uuid(&s)).transpose()
}

fn time(s: &str) -> Res<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s, DATETIME)
        .map_err(|_| StorageError::Corrupt(format!("time {s:?}")))
}

fn text_time(t: NaiveDateTime) -> String {
    t.format(DATETIME).to_string()
}

fn doc(s: &str) -> Res<CaseFileDto> {
    serde_json::from_str(s).map_err(|e| StorageError::Corrupt(format!("case document: {e}")))
}

fn json_text(v: &serde_json::Value) -> String {
    v.to_string()
}

fn json_value(s: Option<String>, what: &str) -> Res<Option<serde_json::Value>> {
    s.map(|s| serde_json::from_str(&s).map_err(|e| StorageError::Corrupt(format!("{what}: {e}"))))
        .transpose()
}

const USER_COLUMNS: &str = "id, login, name, role, password_hash, advisor, team_lead, offer_policy";

fn user_row(r: &rusqlite::Row<'_>) -> Res<UserRow> {
    Ok(UserRow {
        id: uuid(&r.get::<_, String>(0)?)?,
        login: r.get(1)?,
        name: r.get(2)?,
        role: r.get(3)?,
        password_hash: r.get(4)?,
        advisor: json_value(r.get(5)?, "advisor")?,
        team_lead: opt_uuid(r.get(6)?)?,
        offer_policy: json_value(r.get(7)?, "offer policy")?,
    })
}

const REQUEST_COLUMNS: &str = "a.id, a.kind, a.advisor_id, a.case_id, a.plan_date, a.body, a.submitted_at, a.status, a.comment, a.decided_by, a.decided_by_name, a.decided_at";

fn request_row(r: &rusqlite::Row<'_>) -> Res<ApprovalRequest> {
    let plan_date: Option<String> = r.get(4)?;
    let decided_at: Option<String> = r.get(11)?;
    Ok(ApprovalRequest {
        id: uuid(&r.get::<_, String>(0)?)?,
        kind: RequestKind::from_code(&r.get::<_, String>(1)?)?,
        advisor_id: uuid(&r.get::<_, String>(2)?)?,
        case_id: opt_uuid(r.get(3)?)?,
        plan_date: plan_date
            .map(|d| {
                d.parse::<NaiveDate>()
                    .map_err(|_| StorageError::Corrupt(format!("plan date {d:?}")))
            })
            .transpose()?,
        body: json_value(Some(r.get(5)?), "request body")?.unwrap_or_default(),
        submitted_at: time(&r.get::<_, String>(6)?)?,
        status: sync_proto::Decision::from_code(&r.get::<_, String>(7)?),
        comment: r.get(8)?,
        decided_by: opt_uuid(r.get(9)?)?,
        decided_by_name: r.get(10)?,
        decided_at: decided_at.map(|t| time(&t)).transpose()?,
    })
}

/// Every row of a query through a mapping that may fail.
fn collect<T>(
    mut rows: rusqlite::Rows<'_>,
    f: impl Fn(&rusqlite::Row<'_>) -> Res<T>,
) -> Res<Vec<T>> {
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(f(r)?);
    }
    Ok(out)
}

struct SqliteTx<'c>(Transaction<'c>);

impl SqliteTx<'_> {
    fn holder(&self, id: Uuid) -> Res<Option<Option<Uuid>>> {
        let held: Option<Option<String>> = self
            .0
            .prepare_cached("SELECT advisor_id FROM cases WHERE id = ?1")?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?;
        held.map(opt_uuid).transpose()
    }
}

impl Tx for SqliteTx<'_> {
    fn claim_mutation(&mut self, c: &Claim<'_>) -> Res<Option<StoredOutcome>> {
        let (device, m, at) = (c.device, c.mutation, c.at);
        let claimed = self
            .0
            .prepare_cached(
                "INSERT INTO mutations (id, device_id, user_id, case_id, kind, body, created_at, outcome)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'applied')
                 ON CONFLICT (id) DO NOTHING",
            )?
            .execute(params![
                m.id.to_string(),
                device.id.to_string(),
                device.user_id.to_string(),
                m.case_id.to_string(),
                m.kind.code(),
                json_text(&m.body),
                text_time(at),
            ])?;
        if claimed == 1 {
            return Ok(None);
        }
        let (outcome, code, reason): (String, Option<String>, Option<String>) = self
            .0
            .prepare_cached("SELECT outcome, code, reason FROM mutations WHERE id = ?1")?
            .query_row([m.id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        StoredOutcome::from_row(&outcome, code, reason).map(Some)
    }

    fn reject_mutation(&mut self, id: Uuid, code: &RejectCode, reason: &str) -> Res<()> {
        self.0
            .prepare_cached(
                "UPDATE mutations SET outcome = 'rejected', code = ?2, reason = ?3 WHERE id = ?1",
            )?
            .execute(params![id.to_string(), code.code(), reason])?;
        Ok(())
    }

    fn lock_case(&mut self, id: Uuid) -> Res<Option<(Option<Uuid>, CaseFileDto)>> {
        let row: Option<(Option<String>, String)> = self
            .0
            .prepare_cached("SELECT advisor_id, doc FROM cases WHERE id = ?1")?
            .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        row.map(|(a, d)| Ok((opt_uuid(a)?, doc(&d)?))).transpose()
    }

    fn holders(&mut self, ids: &[Uuid]) -> Res<Holders> {
        let mut holders = Holders::new();
        for id in ids {
            if let Some(Some(a)) = self.holder(*id)? {
                holders.insert(*id, a);
            }
        }
        Ok(holders)
    }

    fn upsert_case(&mut self, file: &CaseFileDto, holder: Option<Uuid>) -> Res<Option<Uuid>> {
        let before = self.holder(file.id)?.flatten();
        self.0
            .prepare_cached(
                "INSERT INTO cases (id, advisor_id, doc) VALUES (?1, ?2, ?3)
                 ON CONFLICT(id) DO UPDATE SET advisor_id = excluded.advisor_id, doc = excluded.doc",
            )?
            .execute(params![
                file.id.to_string(),
                holder.map(|a| a.to_string()),
                serde_json::to_string(file).map_err(|e| StorageError::Corrupt(e.to_string()))?
            ])?;
        Ok(before)
    }

    fn activity_owners(&mut self, ids: &[Uuid]) -> Res<HashMap<Uuid, Uuid>> {
        let mut st = self
            .0
            .prepare_cached("SELECT case_id FROM activity_ids WHERE id = ?1")?;
        let mut owners = HashMap::new();
        for id in ids {
            let owner: Option<String> = st.query_row([id.to_string()], |r| r.get(0)).optional()?;
            if let Some(owner) = owner {
                owners.insert(*id, uuid(&owner)?);
            }
        }
        Ok(owners)
    }

    fn add_activity_ids(&mut self, case_id: Uuid, ids: &[Uuid]) -> Res<Vec<Uuid>> {
        let mut st = self.0.prepare_cached(
            "INSERT INTO activity_ids (id, case_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
        )?;
        for id in ids {
            st.execute([id.to_string(), case_id.to_string()])?;
        }
        // One writer at a time: nobody took them since the rules looked.
        Ok(Vec::new())
    }

    fn lock_feeds(&mut self, _advisors: &[Uuid]) -> Res<()> {
        // One writer at a time: every feed appends in commit order already.
        Ok(())
    }

    fn append_feed(&mut self, advisor: Uuid, id: Uuid, op: FeedOp) -> Res<()> {
        self.0
            .prepare_cached("INSERT INTO case_log (case_id, advisor_id, op) VALUES (?1, ?2, ?3)")?
            .execute(params![id.to_string(), advisor.to_string(), op.code()])?;
        Ok(())
    }

    fn insert_request(&mut self, i: &RequestInsert<'_>) -> Res<()> {
        let r = i.request;
        self.0
            .prepare_cached(
                "INSERT INTO approvals (id, kind, advisor_id, case_id, plan_date, body, submitted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                i.id.to_string(),
                r.kind.code(),
                i.advisor.to_string(),
                r.case_id.map(|c| c.to_string()),
                r.plan_date.map(|d| d.to_string()),
                json_text(&r.body),
                text_time(i.submitted_at)
            ])?;
        Ok(())
    }

    fn offer(&mut self, id: Uuid) -> Res<Option<crate::StoredOffer>> {
        type Row = (String, String, String, Option<String>, Option<String>);
        let row: Option<Row> = self
            .0
            .prepare_cached(
                "SELECT m.case_id, m.created_at, m.body, a.status, s.settlement_id
                 FROM mutations m
                 LEFT JOIN approvals a ON a.id = m.id
                 LEFT JOIN settled_offers s ON s.offer_id = m.id
                 WHERE m.id = ?1 AND m.outcome = 'applied' AND m.kind = 'offer'",
            )?
            .query_row([id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        row.map(|(case_id, created_at, body, review, signed_by)| {
            Ok(crate::StoredOffer {
                mutation: Mutation {
                    id,
                    case_id: uuid(&case_id)?,
                    created_at: time(&created_at)?,
                    kind: MutationKind::Offer,
                    body: json_value(Some(body), "mutation body")?.unwrap_or_default(),
                },
                review: review.map(|c| sync_proto::Decision::from_code(&c)),
                signed_by: opt_uuid(signed_by)?,
            })
        })
        .transpose()
    }

    fn agreement(&mut self, id: Uuid) -> Res<Option<crate::StoredAgreement>> {
        type Row = (String, String, String, String, Option<String>);
        let row: Option<Row> = self
            .0
            .prepare_cached(
                "SELECT m.case_id, m.created_at, m.body, s.offer_id, a.amended_by
                 FROM mutations m
                 JOIN settled_offers s ON s.settlement_id = m.id
                 LEFT JOIN amended_agreements a ON a.settlement_id = m.id
                 WHERE m.id = ?1 AND m.outcome = 'applied' AND m.kind = 'settlement'",
            )?
            .query_row([id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?;
        let Some((case_id, created_at, body, offer_id, amended_by)) = row else {
            return Ok(None);
        };
        let Some(offer) = self.offer(uuid(&offer_id)?)? else {
            return Err(StorageError::Corrupt(format!(
                "settlement {id} signed an offer that is not stored"
            )));
        };
        Ok(Some(crate::StoredAgreement {
            settlement: Mutation {
                id,
                case_id: uuid(&case_id)?,
                created_at: time(&created_at)?,
                kind: MutationKind::Settlement,
                body: json_value(Some(body), "mutation body")?.unwrap_or_default(),
            },
            offer,
            amended_by: opt_uuid(amended_by)?,
        }))
    }

    fn chain_head(&mut self, device: Uuid) -> Res<Option<String>> {
        // One writer: nothing to lock.
        Ok(self
            .0
            .prepare_cached("SELECT head FROM visit_chains WHERE device_id = ?1")?
            .query_row([device.to_string()], |r| r.get::<_, String>(0))
            .optional()?)
    }

    fn set_chain_head(&mut self, device: Uuid, head: &str) -> Res<()> {
        self.0
            .prepare_cached(
                "INSERT INTO visit_chains (device_id, head) VALUES (?1, ?2)
                 ON CONFLICT (device_id) DO UPDATE SET head = excluded.head",
            )?
            .execute([device.to_string(), head.to_owned()])?;
        Ok(())
    }

    fn set_contacts_open(&mut self, case_id: Uuid, open: bool) -> Res<()> {
        let sql = if open {
            "INSERT INTO open_contacts (case_id) VALUES (?1) ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM open_contacts WHERE case_id = ?1"
        };
        self.0.prepare_cached(sql)?.execute([case_id.to_string()])?;
        Ok(())
    }

    fn set_thread(&mut self, case_id: Uuid, row: Option<&crate::ThreadRow>) -> Res<()> {
        match row {
            Some(r) => self
                .0
                .prepare_cached(
                    "INSERT INTO threads (case_id, advisor_id, urgent, unanswered, last_at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (case_id) DO UPDATE SET advisor_id = excluded.advisor_id,
                       urgent = excluded.urgent, unanswered = excluded.unanswered,
                       last_at = excluded.last_at",
                )?
                .execute(params![
                    case_id.to_string(),
                    r.advisor_id.to_string(),
                    r.urgent,
                    r.unanswered,
                    text_time(r.last_at)
                ])?,
            None => self
                .0
                .prepare_cached("DELETE FROM threads WHERE case_id = ?1")?
                .execute([case_id.to_string()])?,
        };
        Ok(())
    }

    fn amend_agreement(&mut self, settlement: Uuid, by: Uuid) -> Res<bool> {
        let n = self
            .0
            .prepare_cached(
                "INSERT INTO amended_agreements (settlement_id, amended_by) VALUES (?1, ?2)
                 ON CONFLICT DO NOTHING",
            )?
            .execute([settlement.to_string(), by.to_string()])?;
        Ok(n == 1)
    }

    fn sign_offer(&mut self, offer: Uuid, settlement: Uuid) -> Res<bool> {
        let n = self
            .0
            .prepare_cached(
                "INSERT INTO settled_offers (offer_id, settlement_id) VALUES (?1, ?2)
                 ON CONFLICT DO NOTHING",
            )?
            .execute([offer.to_string(), settlement.to_string()])?;
        Ok(n == 1)
    }

    fn request(&mut self, id: Uuid, _lock: bool) -> Res<Option<ApprovalRequest>> {
        // No row locks: the transaction runs alone.
        let sql = format!("SELECT {REQUEST_COLUMNS} FROM approvals a WHERE a.id = ?1");
        let mut st = self.0.prepare_cached(&sql)?;
        let mut rows = st.query([id.to_string()])?;
        rows.next()?.map(request_row).transpose()
    }

    fn team_lead_of(&mut self, user: Uuid) -> Res<Option<Uuid>> {
        let lead: Option<Option<String>> = self
            .0
            .prepare_cached("SELECT team_lead FROM users WHERE id = ?1")?
            .query_row([user.to_string()], |r| r.get(0))
            .optional()?;
        opt_uuid(lead.flatten())
    }

    fn write_decision(&mut self, id: Uuid, d: &Decision) -> Res<()> {
        self.0.execute(
            "UPDATE approvals SET status = ?2, comment = ?3, decided_by = ?4, decided_by_name = ?5, decided_at = ?6
             WHERE id = ?1",
            params![
                id.to_string(),
                d.status.code(),
                d.comment,
                d.lead.to_string(),
                d.lead_name,
                text_time(d.at)
            ],
        )?;
        Ok(())
    }

    fn feed(&mut self, advisor: Uuid, after: u64, limit: u32) -> Res<Vec<FeedRow>> {
        let mut st = self.0.prepare_cached(
            "SELECT seq, case_id, op FROM case_log WHERE advisor_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
        )?;
        let rows = st.query(params![
            advisor.to_string(),
            i64::try_from(after).unwrap_or(i64::MAX),
            limit
        ])?;
        collect(rows, |r| {
            Ok(FeedRow {
                seq: u64::try_from(r.get::<_, i64>(0)?)
                    .map_err(|_| StorageError::Corrupt("feed position".into()))?,
                id: uuid(&r.get::<_, String>(1)?)?,
                op: FeedOp::from_code(&r.get::<_, String>(2)?)?,
            })
        })
    }

    fn requests_by_id(&mut self, ids: &[Uuid]) -> Res<Vec<ApprovalRequest>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            out.extend(self.request(*id, false)?);
        }
        Ok(out)
    }

    fn held_cases(&mut self, ids: &[Uuid], advisor: Uuid) -> Res<HashMap<Uuid, CaseFileDto>> {
        let mut st = self
            .0
            .prepare_cached("SELECT doc FROM cases WHERE id = ?1 AND advisor_id = ?2")?;
        let key = advisor.to_string();
        let mut held = HashMap::with_capacity(ids.len());
        for id in ids {
            let d: Option<String> = st
                .query_row(params![id.to_string(), key], |r| r.get(0))
                .optional()?;
            if let Some(d) = d {
                held.insert(*id, doc(&d)?);
            }
        }
        Ok(held)
    }

    // #12 inbox: add below this line (branch inbox).
    fn handle_inbox(
        &mut self,
        id: Uuid,
        kind: &str,
        state: &str,
        by: Uuid,
        at: NaiveDateTime,
    ) -> Res<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE inbox SET state = ?3, decided_by = ?4, decided_at = ?5
                 WHERE id = ?1 AND kind = ?2 AND state = 'new'",
            )?
            .execute(params![
                id.to_string(),
                kind,
                state,
                by.to_string(),
                text_time(at)
            ])?;
        Ok(n == 1)
    }

    fn inbox_item(&mut self, id: Uuid, kind: &str) -> Res<Option<sync_proto::InboxItemDto>> {
        let mut st = self.0.prepare_cached(
            "SELECT id, kind, case_id, advisor_id, received_at, device_at, summary, state,
                    decided_by, decided_at FROM inbox WHERE id = ?1 AND kind = ?2",
        )?;
        let rows = st.query(params![id.to_string(), kind])?;
        Ok(collect(rows, inbox_row)?.pop())
    }
    fn insert_inbox(&mut self, rows: &[crate::NewInboxRow]) -> Res<()> {
        let mut st = self.0.prepare_cached(
            "INSERT INTO inbox (id, kind, case_id, advisor_id, received_at, device_at, summary, state)
             VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%S', 'now'), ?5, ?6, 'new')
             ON CONFLICT DO NOTHING",
        )?;
        for r in rows {
            st.execute(params![
                r.id.to_string(),
                r.kind.code(),
                r.case_id.to_string(),
                r.advisor_id.to_string(),
                text_time(r.device_at),
                r.summary,
            ])?;
        }
        Ok(())
    }
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    fn set_search(&mut self, r: &crate::desk::SearchRow, terms: &[String]) -> Res<()> {
        let id = r.case_id.to_string();
        self.0
            .prepare_cached(
                "INSERT INTO case_search (case_id, number, name, pesel, town, advisor_id, status, outstanding)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (case_id) DO UPDATE SET number = excluded.number,
                   name = excluded.name, pesel = excluded.pesel, town = excluded.town,
                   advisor_id = excluded.advisor_id, status = excluded.status,
                   outstanding = excluded.outstanding",
            )?
            .execute(params![
                id,
                r.number,
                r.name,
                r.pesel,
                r.town,
                r.advisor_id.map(|a| a.to_string()),
                r.status,
                r.outstanding.to_string()
            ])?;
        self.0
            .prepare_cached("DELETE FROM case_search_terms WHERE case_id = ?1")?
            .execute([&id])?;
        let mut st = self.0.prepare_cached(
            "INSERT OR IGNORE INTO case_search_terms (term, case_id) VALUES (?1, ?2)",
        )?;
        for t in terms {
            st.execute([t, &id])?;
        }
        Ok(())
    }

    fn unindexed_cases(&mut self, limit: u32) -> Res<Vec<(CaseFileDto, Option<Uuid>)>> {
        let mut st = self.0.prepare_cached(
            "SELECT c.doc, c.advisor_id FROM cases c
             WHERE NOT EXISTS (SELECT 1 FROM case_search s WHERE s.case_id = c.id)
             ORDER BY c.id LIMIT ?1",
        )?;
        let rows = st.query([limit])?;
        collect(rows, |r| {
            Ok((doc(&r.get::<_, String>(0)?)?, opt_uuid(r.get(1)?)?))
        })
    }
}

fn inbox_row(r: &rusqlite::Row<'_>) -> Res<sync_proto::InboxItemDto> {
    Ok(sync_proto::InboxItemDto {
        id: uuid(&r.get::<_, String>(0)?)?,
        kind: sync_proto::InboxKind::from_code(&r.get::<_, String>(1)?),
        case_id: uuid(&r.get::<_, String>(2)?)?,
        advisor_id: uuid(&r.get::<_, String>(3)?)?,
        received_at: time(&r.get::<_, String>(4)?)?,
        device_at: time(&r.get::<_, String>(5)?)?,
        summary: r.get(6)?,
        state: sync_proto::InboxState::from_code(&r.get::<_, String>(7)?),
        decided_by: opt_uuid(r.get(8)?)?,
        decided_at: r
            .get::<_, Option<String>>(9)?
            .map(|t| time(&t))
            .transpose()?,
        advisor_name: String::new(),
        decided_by_name: None,
    })
}

/// The inbox's page or its counts per kind, with only the filters given
/// in the SQL (an `?n IS NULL OR col = ?n` form would keep SQLite's planner
/// off the advisor's and the kind's indexes); the values in order.
pub(crate) fn inbox_sql(f: &crate::InboxFilter, counts: bool, limit: u32) -> (String, Vec<Value>) {
    let mut conds: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    let mut bind = |conds: &mut Vec<String>, cond: &str, v: Vec<Value>| {
        let mut cond = cond.to_owned();
        for (k, v) in v.into_iter().enumerate() {
            args.push(v);
            cond = cond.replace(&format!("${}", k + 1), &format!("?{}", args.len()));
        }
        conds.push(cond);
    };
    if let (Some(k), false) = (&f.kind, counts) {
        bind(
            &mut conds,
            "kind = $1",
            vec![Value::Text(k.code().to_owned())],
        );
    }
    if let Some(a) = f.advisor {
        bind(
            &mut conds,
            "advisor_id = $1",
            vec![Value::Text(a.to_string())],
        );
    }
    if let Some(st) = &f.state {
        bind(
            &mut conds,
            "state = $1",
            vec![Value::Text(st.code().to_owned())],
        );
    }
    if let Some(t) = f.from {
        bind(
            &mut conds,
            "received_at >= $1",
            vec![Value::Text(text_time(t))],
        );
    }
    if let Some(t) = f.to {
        bind(
            &mut conds,
            "received_at <= $1",
            vec![Value::Text(text_time(t))],
        );
    }
    if let (Some((c, k)), false) = (&f.cursor, counts) {
        bind(
            &mut conds,
            "(received_at, id, kind) < ($1, $2, $3)",
            vec![
                Value::Text(text_time(c.received_at)),
                Value::Text(c.id.to_string()),
                Value::Text(k.code().to_owned()),
            ],
        );
    }
    let filter = if conds.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conds.join(" AND "))
    };
    let sql = if counts {
        format!("SELECT kind, COUNT(*) FROM inbox{filter} GROUP BY kind")
    } else {
        args.push(Value::Integer(i64::from(limit)));
        format!(
            "SELECT id, kind, case_id, advisor_id, received_at, device_at, summary, state,
                    decided_by, decided_at
             FROM inbox{filter}
             ORDER BY received_at DESC, id DESC, kind DESC LIMIT ?{}",
            args.len()
        )
    };
    (sql, args)
}

impl Backend for Sqlite {
    const BATCH_IN_ONE_TRANSACTION: bool = true;

    fn write<R>(&self, f: impl FnOnce(&mut dyn Tx) -> Res<R>) -> Res<R> {
        let mut conn = self.lock();
        let mut tx = SqliteTx(conn.transaction()?);
        let r = f(&mut tx)?;
        tx.0.commit()?;
        Ok(r)
    }

    fn read<R>(&self, f: impl FnOnce(&mut dyn Tx) -> Res<R>) -> Res<R> {
        // A transaction that writes nothing: one snapshot, then rolled back.
        let mut conn = self.lock();
        let mut tx = SqliteTx(conn.transaction()?);
        f(&mut tx)
    }

    fn insert_user(&self, u: &UserRow) -> Res<bool> {
        let n = self.lock().execute(
            "INSERT INTO users (id, login, name, role, password_hash, advisor, team_lead, offer_policy)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT DO NOTHING",
            params![
                u.id.to_string(),
                u.login,
                u.name,
                u.role,
                u.password_hash,
                u.advisor.as_ref().map(json_text),
                u.team_lead.map(|t| t.to_string()),
                u.offer_policy.as_ref().map(json_text)
            ],
        )?;
        Ok(n == 1)
    }

    fn user(&self, key: UserKey<'_>) -> Res<Option<UserRow>> {
        let (cond, value) = match key {
            UserKey::Login(l) => ("login = ?1", l.to_owned()),
            UserKey::Id(id) => ("id = ?1", id.to_string()),
        };
        let conn = self.lock();
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE {cond}");
        let mut st = conn.prepare_cached(&sql)?;
        let mut rows = st.query([value])?;
        rows.next()?.map(user_row).transpose()
    }

    fn team_of(&self, lead: Uuid) -> Res<Vec<UserRow>> {
        let conn = self.lock();
        let sql =
            format!("SELECT {USER_COLUMNS} FROM users WHERE team_lead = ?1 ORDER BY name, id");
        let mut st = conn.prepare_cached(&sql)?;
        let users = collect(st.query([lead.to_string()])?, user_row)?;
        Ok(users)
    }

    fn register_device(&self, d: &Device, token_hash: &str) -> Res<bool> {
        let n = self.lock().execute(
            "INSERT INTO devices (id, user_id, name, token_hash, expires_at, revoked) VALUES (?1, ?2, ?3, ?4, ?5, 0)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name,
               token_hash = excluded.token_hash, expires_at = excluded.expires_at
             WHERE devices.revoked = 0 AND devices.user_id = excluded.user_id",
            params![
                d.id.to_string(),
                d.user_id.to_string(),
                d.name,
                token_hash,
                text_time(d.expires_at)
            ],
        )?;
        Ok(n == 1)
    }

    fn device(&self, id: Uuid) -> Res<Option<Device>> {
        let conn = self.lock();
        let mut st = conn.prepare_cached(
            "SELECT id, user_id, name, expires_at, revoked, handover, revoked_at FROM devices WHERE id = ?1",
        )?;
        let mut rows = st.query([id.to_string()])?;
        rows.next()?
            .map(|r| {
                Ok(Device {
                    id: uuid(&r.get::<_, String>(0)?)?,
                    user_id: uuid(&r.get::<_, String>(1)?)?,
                    name: r.get(2)?,
                    expires_at: time(&r.get::<_, String>(3)?)?,
                    revoked: r.get(4)?,
                    handover: r.get(5)?,
                    revoked_at: r
                        .get::<_, Option<String>>(6)?
                        .map(|t| time(&t))
                        .transpose()?,
                })
            })
            .transpose()
    }

    fn device_by_token(&self, token_hash: &str) -> Res<Option<Device>> {
        let conn = self.lock();
        let mut st = conn.prepare_cached(
            "SELECT id, user_id, name, expires_at, revoked, handover, revoked_at FROM devices WHERE token_hash = ?1",
        )?;
        let mut rows = st.query([token_hash])?;
        rows.next()?
            .map(|r| {
                Ok(Device {
                    id: uuid(&r.get::<_, String>(0)?)?,
                    user_id: uuid(&r.get::<_, String>(1)?)?,
                    name: r.get(2)?,
                    expires_at: time(&r.get::<_, String>(3)?)?,
                    revoked: r.get(4)?,
                    handover: r.get(5)?,
                    revoked_at: r
                        .get::<_, Option<String>>(6)?
                        .map(|t| time(&t))
                        .transpose()?,
                })
            })
            .transpose()
    }

    fn revoke_device(&self, id: Uuid, handover: bool, at: NaiveDateTime) -> Res<bool> {
        // The right side reads the row as it was: lost once, lost for good.
        let n = self.lock().execute(
            "UPDATE devices SET revoked = 1,
                 handover = CASE WHEN revoked = 1 AND handover = 0 THEN 0 ELSE ?2 END,
                 revoked_at = COALESCE(revoked_at, ?3)
             WHERE id = ?1",
            rusqlite::params![id.to_string(), handover, text_time(at)],
        )?;
        Ok(n == 1)
    }

    fn login_failures(&self, keys: &[String]) -> Res<Vec<crate::LoginFailures>> {
        let conn = self.lock();
        let mut st = conn
            .prepare_cached("SELECT key, failures, last_at FROM login_failures WHERE key = ?1")?;
        let mut found = Vec::new();
        for k in keys {
            let mut rows = st.query([k])?;
            if let Some(r) = rows.next()? {
                found.push(crate::LoginFailures {
                    key: r.get(0)?,
                    failures: r.get::<_, i64>(1)?.clamp(0, i64::from(u32::MAX)) as u32,
                    last_at: time(&r.get::<_, String>(2)?)?,
                });
            }
        }
        found.sort_by(|a, b| a.key.cmp(&b.key));
        Ok(found)
    }

    fn record_login_failure(&self, keys: &[String], at: NaiveDateTime) -> Res<()> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        for k in keys {
            tx.execute(
                "INSERT INTO login_failures (key, failures, last_at) VALUES (?1, 1, ?2)
                 ON CONFLICT (key) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at",
                params![k, text_time(at)],
            )?;
        }
        // Keys quiet for a day are forgotten: the table stays small.
        tx.execute(
            "DELETE FROM login_failures WHERE last_at < ?1",
            [text_time(at - chrono::Duration::days(1))],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn clear_login_failures(&self, keys: &[String]) -> Res<()> {
        let conn = self.lock();
        for k in keys {
            conn.execute("DELETE FROM login_failures WHERE key = ?1", [k])?;
        }
        Ok(())
    }

    fn append_audit(&self, e: &crate::AuditEntry) -> Res<()> {
        self.lock().execute(
            "INSERT INTO audit_log (at, actor, actor_name, action, subject, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                text_time(e.at),
                e.actor.map(|a| a.to_string()),
                e.actor_name,
                e.action.code(),
                e.subject,
                e.detail
            ],
        )?;
        Ok(())
    }

    fn audit_page(&self, before: Option<i64>, limit: u32) -> Res<Vec<sync_proto::AuditEntryDto>> {
        let conn = self.lock();
        let mut st = conn.prepare_cached(
            "SELECT seq, at, actor, actor_name, action, subject, detail FROM audit_log
             WHERE (?1 IS NULL OR seq < ?1) ORDER BY seq DESC LIMIT ?2",
        )?;
        let rows = st.query_map(params![before, i64::from(limit)], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        rows.map(|row| {
            let (seq, at, actor, actor_name, action, subject, detail) = row?;
            Ok(sync_proto::AuditEntryDto {
                seq,
                at: time(&at)?,
                actor: actor.as_deref().map(uuid).transpose()?,
                actor_name,
                action: sync_proto::AuditAction::from_code(&action),
                subject,
                detail,
            })
        })
        .collect()
    }

    fn case(&self, id: Uuid) -> Res<Option<CaseFileDto>> {
        let d: Option<String> = self
            .lock()
            .prepare_cached("SELECT doc FROM cases WHERE id = ?1")?
            .query_row([id.to_string()], |r| r.get(0))
            .optional()?;
        d.map(|d| doc(&d)).transpose()
    }

    fn applied_mutation(&self, id: Uuid) -> Res<Option<Mutation>> {
        let row: Option<(String, String, String, String)> = self
            .lock()
            .query_row(
                "SELECT case_id, created_at, kind, body FROM mutations
                 WHERE id = ?1 AND outcome = 'applied'",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        row.map(|(case_id, created_at, kind, body)| {
            Ok(Mutation {
                id,
                case_id: uuid(&case_id)?,
                created_at: time(&created_at)?,
                kind: MutationKind::from_code(&kind),
                body: json_value(Some(body), "mutation body")?.unwrap_or_default(),
            })
        })
        .transpose()
    }

    fn set_offer_policy(&self, advisor: Uuid, policy: Option<&serde_json::Value>) -> Res<bool> {
        let n = self.lock().execute(
            "UPDATE users SET offer_policy = ?2 WHERE id = ?1 AND role = 'advisor'",
            params![advisor.to_string(), policy.map(json_text)],
        )?;
        Ok(n == 1)
    }

    fn requests(&self, filter: RequestFilter) -> Res<Vec<ApprovalRequest>> {
        let (cond, args) = match filter {
            RequestFilter::PendingOffers { lead } => (
                "u.team_lead = ?1 AND a.kind = 'offer' AND a.status = 'pending'",
                vec![lead.to_string()],
            ),
            RequestFilter::PlansOn { lead, date } => (
                "u.team_lead = ?1 AND a.kind = 'plan' AND a.plan_date = ?2",
                vec![lead.to_string(), date.to_string()],
            ),
        };
        let conn = self.lock();
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM approvals a JOIN users u ON u.id = a.advisor_id
             WHERE {cond} ORDER BY a.submitted_at, a.id"
        );
        let mut st = conn.prepare_cached(&sql)?;
        let requests = collect(
            st.query(rusqlite::params_from_iter(args.iter()))?,
            request_row,
        )?;
        Ok(requests)
    }

    fn cases_of(&self, advisor: Uuid) -> Res<Vec<CaseFileDto>> {
        let conn = self.lock();
        let mut st =
            conn.prepare_cached("SELECT doc FROM cases WHERE advisor_id = ?1 ORDER BY id")?;
        let cases = collect(st.query([advisor.to_string()])?, |r| {
            doc(&r.get::<_, String>(0)?)
        })?;
        Ok(cases)
    }

    fn held_case_ids(&self) -> Res<Vec<(Uuid, Uuid)>> {
        let conn = self.lock();
        let mut st = conn.prepare_cached(
            "SELECT id, advisor_id FROM cases WHERE advisor_id IS NOT NULL ORDER BY id",
        )?;
        let ids = collect(st.query([])?, |r| {
            Ok((
                uuid(&r.get::<_, String>(0)?)?,
                uuid(&r.get::<_, String>(1)?)?,
            ))
        })?;
        Ok(ids)
    }

    fn open_contact_cases(&self, offset: u32, limit: u32) -> Res<Vec<CaseFileDto>> {
        let conn = self.lock();
        let mut st = conn.prepare_cached(
            "SELECT c.doc FROM open_contacts o JOIN cases c ON c.id = o.case_id ORDER BY c.id
             LIMIT ?1 OFFSET ?2",
        )?;
        let cases = collect(st.query([i64::from(limit), i64::from(offset)])?, |r| {
            doc(&r.get::<_, String>(0)?)
        })?;
        Ok(cases)
    }

    fn thread_cases(&self, f: &crate::ThreadFilter) -> Res<Vec<CaseFileDto>> {
        let conn = self.lock();
        let order = "ORDER BY t.urgent DESC, t.unanswered DESC, t.last_at DESC, t.case_id
                     LIMIT ?1 OFFSET ?2";
        let (sql, lead) = match f.lead {
            None => (
                format!("SELECT c.doc FROM threads t JOIN cases c ON c.id = t.case_id {order}"),
                String::new(),
            ),
            Some(lead) => (
                format!(
                    "SELECT c.doc FROM threads t JOIN cases c ON c.id = t.case_id
                     WHERE t.advisor_id IN (SELECT id FROM users WHERE team_lead = ?3) {order}"
                ),
                lead.to_string(),
            ),
        };
        let mut st = conn.prepare_cached(&sql)?;
        let rows = if f.lead.is_some() {
            st.query(params![f.limit, f.offset, lead])?
        } else {
            st.query(params![f.limit, f.offset])?
        };
        let cases = collect(rows, |r| doc(&r.get::<_, String>(0)?))?;
        Ok(cases)
    }

    fn mutation_count(&self, id: Uuid) -> Res<u64> {
        let n: i64 = self.lock().query_row(
            "SELECT count(*) FROM mutations WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn reference_rates(&self) -> Res<Vec<(NaiveDate, String)>> {
        let conn = self.lock();
        let mut st =
            conn.prepare_cached("SELECT since, rate FROM reference_rates ORDER BY since")?;
        let rows = collect(st.query([])?, |r| {
            let since: String = r.get(0)?;
            let day = since
                .parse::<NaiveDate>()
                .map_err(|_| StorageError::Corrupt(format!("reference rate day {since:?}")))?;
            Ok((day, r.get::<_, String>(1)?))
        })?;
        Ok(rows)
    }

    fn put_reference_rate(&self, since: NaiveDate, rate: &str) -> Res<()> {
        self.lock().execute(
            "INSERT INTO reference_rates (since, rate) VALUES (?1, ?2)
             ON CONFLICT(since) DO UPDATE SET rate = excluded.rate",
            params![since.to_string(), rate],
        )?;
        Ok(())
    }

    // #12 inbox: add below this line (branch inbox).
    fn inbox_items(
        &self,
        f: &crate::InboxFilter,
        limit: u32,
    ) -> Res<Vec<sync_proto::InboxItemDto>> {
        let conn = self.lock();
        let (sql, args) = inbox_sql(f, false, limit);
        let mut st = conn.prepare_cached(&sql)?;
        let rows = st.query(rusqlite::params_from_iter(args))?;
        collect(rows, inbox_row)
    }

    fn inbox_counts(&self, f: &crate::InboxFilter) -> Res<Vec<(String, u64)>> {
        let conn = self.lock();
        let (sql, args) = inbox_sql(f, true, 0);
        let mut st = conn.prepare_cached(&sql)?;
        let rows = st.query(rusqlite::params_from_iter(args))?;
        collect(rows, |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?.max(0) as u64))
        })
    }
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    fn search_rows(
        &self,
        ranges: &[(String, String)],
        offset: u32,
        limit: u32,
    ) -> Res<Vec<crate::desk::SearchRow>> {
        let conn = self.lock();
        let plan = SearchPlan::of(&conn, ranges, crate::desk::SEARCH_COUNT_CAP)?;
        let sql = format!(
            "SELECT s.case_id, s.number, s.name, s.pesel, s.town, s.advisor_id, s.status, s.outstanding
             FROM case_search s {} WHERE {} ORDER BY s.number, s.case_id LIMIT ?1 OFFSET ?2",
            if plan.driver.is_none() {
                "INDEXED BY case_search_number"
            } else {
                ""
            },
            plan.where_clause(ranges.len())
        );
        let mut st = conn.prepare_cached(&sql)?;
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&limit, &offset];
        for (from, to) in ranges {
            args.push(from);
            args.push(to);
        }
        let rows = st.query(args.as_slice())?;
        collect(rows, |r| {
            let outstanding: String = r.get(7)?;
            Ok(crate::desk::SearchRow {
                case_id: uuid(&r.get::<_, String>(0)?)?,
                number: r.get(1)?,
                name: r.get(2)?,
                pesel: r.get(3)?,
                town: r.get(4)?,
                advisor_id: opt_uuid(r.get(5)?)?,
                status: r.get(6)?,
                outstanding: outstanding
                    .parse()
                    .map_err(|_| StorageError::Corrupt(format!("outstanding {outstanding:?}")))?,
            })
        })
    }

    fn search_count(&self, ranges: &[(String, String)], cap: u32) -> Res<u32> {
        let conn = self.lock();
        let plan = SearchPlan::of(&conn, ranges, 10 * crate::desk::SEARCH_COUNT_CAP)?;
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM case_search s WHERE {} LIMIT ?1 OFFSET ?2)",
            plan.where_clause(ranges.len())
        );
        let mut st = conn.prepare_cached(&sql)?;
        let zero = 0u32;
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&cap, &zero];
        for (from, to) in ranges {
            args.push(from);
            args.push(to);
        }
        let n: i64 = st.query_row(args.as_slice(), |r| r.get(0))?;
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    fn record_sync(&self, r: &crate::SyncReport<'_>) -> Res<()> {
        self.lock().execute(
            "UPDATE devices SET last_sync = ?2, pending = ?3, app_version = ?4 WHERE id = ?1",
            params![
                r.device.to_string(),
                text_time(r.at),
                r.pending,
                r.app_version
            ],
        )?;
        Ok(())
    }

    fn device_rows(&self, offset: u32, limit: u32) -> Res<Vec<crate::DeviceSummary>> {
        let conn = self.lock();
        let mut st = conn.prepare_cached(
            "SELECT d.id, d.name, u.id, u.login, u.name, u.role, u.disabled, d.revoked,
                    d.last_sync, d.pending, d.app_version
             FROM devices d JOIN users u ON u.id = d.user_id
             ORDER BY d.last_sync IS NULL, d.last_sync DESC, d.id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = st.query(params![limit, offset])?;
        collect(rows, |r| {
            let last: Option<String> = r.get(8)?;
            Ok(crate::DeviceSummary {
                id: uuid(&r.get::<_, String>(0)?)?,
                name: r.get(1)?,
                user_id: uuid(&r.get::<_, String>(2)?)?,
                login: r.get(3)?,
                user_name: r.get(4)?,
                role: crate::backend::role_from(&r.get::<_, String>(5)?)?,
                user_disabled: r.get(6)?,
                revoked: r.get(7)?,
                last_sync: last.map(|t| time(&t)).transpose()?,
                pending: r.get(9)?,
                app_version: r.get(10)?,
            })
        })
    }

    fn user_rows(&self, offset: u32, limit: u32) -> Res<Vec<crate::UserSummary>> {
        let conn = self.lock();
        let mut st = conn.prepare_cached(
            "SELECT id, login, name, role, disabled FROM users ORDER BY name, id LIMIT ?1 OFFSET ?2",
        )?;
        let rows = st.query(params![limit, offset])?;
        collect(rows, user_summary)
    }

    fn user_row(&self, id: Uuid) -> Res<Option<crate::UserSummary>> {
        let conn = self.lock();
        let mut st =
            conn.prepare_cached("SELECT id, login, name, role, disabled FROM users WHERE id = ?1")?;
        let mut rows = st.query([id.to_string()])?;
        rows.next()?.map(user_summary).transpose()
    }

    fn update_user_disabled(&self, id: Uuid, disabled: bool) -> Res<bool> {
        let n = self.lock().execute(
            "UPDATE users SET disabled = ?2 WHERE id = ?1 AND disabled <> ?2",
            params![id.to_string(), disabled],
        )?;
        Ok(n == 1)
    }
}

fn user_summary(r: &rusqlite::Row<'_>) -> Res<crate::UserSummary> {
    Ok(crate::UserSummary {
        id: uuid(&r.get::<_, String>(0)?)?,
        login: r.get(1)?,
        name: r.get(2)?,
        role: crate::backend::role_from(&r.get::<_, String>(3)?)?,
        disabled: r.get(4)?,
    })
}

/// The search's condition over `n` term ranges, numbered from ?3.
/// How SQLite reads a portfolio search. Its planner has no statistics of
/// a prefix range's size, so the plan is chosen by counting each range's
/// terms (an index range read, up to `list_at_most` + 1): the smallest
/// range within `list_at_most` drives (its cases listed, the other words
/// probed per case through `case_search_terms_case`); when every range is
/// larger (a town where most debtors live), the cases are read in order
/// and probed, which stops after a few probes per wanted row instead of
/// listing tens of thousands of matches. The page lists at most the count
/// cap (it sorts what it lists); the count, which sorts nothing, lists up
/// to ten times that (a town of 4 % of the portfolio: 2 000 terms listed
/// beat 25 000 probes).
struct SearchPlan {
    /// The range whose cases are listed; `None`: scan in number order.
    driver: Option<usize>,
}

impl SearchPlan {
    fn of(conn: &Connection, ranges: &[(String, String)], list_at_most: u32) -> Res<SearchPlan> {
        let mut st = conn.prepare_cached(
            "SELECT count(*) FROM (SELECT 1 FROM case_search_terms
             WHERE term >= ?1 AND term < ?2 LIMIT ?3)",
        )?;
        let mut best: Option<(usize, i64)> = None;
        for (i, (from, to)) in ranges.iter().enumerate() {
            let n: i64 = st.query_row(params![from, to, list_at_most + 1], |r| r.get(0))?;
            if n <= i64::from(list_at_most) && best.is_none_or(|(_, b)| n < b) {
                best = Some((i, n));
            }
        }
        Ok(SearchPlan {
            driver: best.map(|(i, _)| i),
        })
    }

    /// The condition over `s` (case_search); range `i` is bound at
    /// `?{2i+3}` and `?{2i+4}`.
    fn where_clause(&self, n: usize) -> String {
        (0..n)
            .map(|i| {
                let (from, to) = (2 * i + 3, 2 * i + 4);
                if self.driver == Some(i) {
                    format!(
                        "s.case_id IN (SELECT case_id FROM case_search_terms
                         WHERE term >= ?{from} AND term < ?{to})"
                    )
                } else {
                    format!(
                        "EXISTS (SELECT 1 FROM case_search_terms t WHERE t.case_id = s.case_id
                         AND t.term >= ?{from} AND t.term < ?{to})"
                    )
                }
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_is_driven_by_its_rarest_word_or_read_in_number_order() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let tx = conn.transaction().unwrap();
        for i in 0..=crate::desk::SEARCH_COUNT_CAP + 1 {
            tx.execute(
                "INSERT INTO case_search_terms VALUES ('opole', ?1), ('ewa', ?1)",
                [format!("c{i:05}")],
            )
            .unwrap();
        }
        tx.execute(
            "INSERT INTO case_search_terms VALUES ('nowak', 'c00001'), ('nowak', 'c00002')",
            [],
        )
        .unwrap();
        tx.commit().unwrap();
        let plan = |q: &str| -> (Option<usize>, String) {
            let ranges = crate::desk::query_ranges(q);
            let p = SearchPlan::of(&conn, &ranges, crate::desk::SEARCH_COUNT_CAP).unwrap();
            let sql = format!(
                "EXPLAIN QUERY PLAN SELECT s.case_id FROM case_search s {} WHERE {}
                 ORDER BY s.number, s.case_id LIMIT ?1 OFFSET ?2",
                if p.driver.is_none() {
                    "INDEXED BY case_search_number"
                } else {
                    ""
                },
                p.where_clause(ranges.len())
            );
            let mut args: Vec<String> = vec!["20".into(), "0".into()];
            for (a, b) in &ranges {
                args.extend([a.clone(), b.clone()]);
            }
            let mut st = conn.prepare(&sql).unwrap();
            let rows = st
                .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
                .unwrap();
            (
                p.driver,
                rows.map(Result::unwrap).collect::<Vec<_>>().join("; "),
            )
        };
        // "nowak" (2 cases) drives, "opole" (1 002) is probed per case.
        let (driver, explain) = plan("opole nowak");
        assert_eq!(driver, Some(1));
        assert!(explain.contains("LIST SUBQUERY"), "{explain}");
        assert!(explain.contains("case_search_terms_case"), "{explain}");
        // Every word beyond the cap: the cases in number order, no sort.
        let (driver, explain) = plan("opole ewa");
        assert_eq!(driver, None);
        assert!(
            explain.contains("SCAN s USING") && explain.contains("INDEX case_search_number"),
            "{explain}"
        );
        assert!(!explain.contains("TEMP B-TREE"), "{explain}");
    }

    #[test]
    fn the_feed_keeps_its_order_across_the_reviews_migration() {
        let mut conn = Connection::open_in_memory().unwrap();
        let v1 = Migrations::new(vec![M::up(include_str!(
            "../migrations/sqlite/0001_server.sql"
        ))]);
        v1.to_latest(&mut conn).unwrap();
        for (case, op) in [("c1", "upsert"), ("c2", "upsert"), ("c1", "remove")] {
            conn.execute(
                "INSERT INTO case_log (case_id, advisor_id, op) VALUES (?1, 'a', ?2)",
                [case, op],
            )
            .unwrap();
        }
        migrations().to_latest(&mut conn).unwrap();
        let rows: Vec<(i64, String, String)> = conn
            .prepare("SELECT seq, case_id, op FROM case_log ORDER BY seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                (1, "c1".into(), "upsert".into()),
                (2, "c2".into(), "upsert".into()),
                (3, "c1".into(), "remove".into())
            ]
        );
        conn.execute(
            "INSERT INTO case_log (case_id, advisor_id, op) VALUES ('r', 'a', 'review')",
            [],
        )
        .unwrap();
        let last: i64 = conn
            .query_row("SELECT max(seq) FROM case_log", [], |r| r.get(0))
            .unwrap();
        assert_eq!(last, 4, "the sequence continues after the copied rows");
    }
}
