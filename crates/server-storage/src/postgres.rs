//! The PostgreSQL backend, for production: a small pool of synchronous
//! connections (`postgres` over `r2d2`), the schema from
//! migrations/postgres. Only the dialect: the rules are in `rules`.
//!
//! Two things SQLite gives for free need care here, because Postgres runs
//! transactions concurrently:
//!
//! - **Exactly once.** `claim_mutation` claims the mutation id with
//!   `INSERT ... ON CONFLICT DO NOTHING`. A concurrent upload of the same id
//!   blocks on the unique index until the first transaction ends; then it
//!   finds the row, committed, and answers `Duplicate` (or the stored
//!   rejection) without running `apply`. If the first one rolls back, the
//!   second one claims the id and applies it.
//! - **A feed that skips nothing.** `case_log.seq` comes from a sequence,
//!   and sequence values are handed out before commit: a reader could see
//!   seq 11 committed, move its cursor past it, and never see seq 10 that
//!   commits a moment later. So every transaction that appends rows for an
//!   advisor first takes that advisor's transaction-scoped advisory lock:
//!   one advisor's rows are then appended and committed one transaction
//!   after another, in seq order, and a reader (one snapshot per page) only
//!   ever sees a prefix of them. Different advisors do not wait for each
//!   other.
//!
//! Locks are taken in one order everywhere (mutation id, then the case row,
//! then advisory locks sorted by key), so these transactions cannot
//! deadlock with each other.

use crate::backend::{
    case_doc, Backend, Claim, FeedOp, FeedRow, RequestFilter, RequestInsert, Res, StoredOutcome,
    Tx, UserKey, UserRow,
};
use crate::{ApprovalRequest, Decision, Device, Holders, RequestKind, ServerDb, StorageError};
use ::postgres::types::{Json, ToSql};
use ::postgres::{GenericClient, IsolationLevel, NoTls, Transaction};
use chrono::NaiveDate;
use r2d2_postgres::PostgresConnectionManager;
use std::collections::HashMap;
use std::time::Duration;
use sync_proto::{CaseFileDto, Mutation, MutationKind, RejectCode};
use uuid::Uuid;

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;
type Conn = r2d2::PooledConnection<PostgresConnectionManager<NoTls>>;

/// The migrations, in order; the version of each is its position (from 1).
/// Only ever append: a database at version n gets the ones after n.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/postgres/0001_server.sql"),
    include_str!("../migrations/postgres/0002_reviews.sql"),
    include_str!("../migrations/postgres/0003_activity_ids.sql"),
    include_str!("../migrations/postgres/0004_offers_rates.sql"),
    include_str!("../migrations/postgres/0005_visits.sql"),
    include_str!("../migrations/postgres/0006_contacts.sql"),
    include_str!("../migrations/postgres/0007_threads.sql"),
    include_str!("../migrations/postgres/0008_inbox.sql"),
    include_str!("../migrations/postgres/0009_desk.sql"),
    include_str!("../migrations/postgres/0010_login_throttle.sql"),
    include_str!("../migrations/postgres/0011_audit.sql"),
    include_str!("../migrations/postgres/0012_revoke_mode.sql"),
    include_str!("../migrations/postgres/0013_inbox_counts.sql"),
];

/// The advisory lock (two-key form, a key space apart from the advisors'
/// one-key locks) that serializes migrations of one database.
const MIGRATION_LOCK: (i32, i32) = (0x5041_5254, 1);

/// How many connections the pool keeps at most. The server runs storage
/// calls on tokio's blocking pool; calls beyond this many wait for a free
/// connection (up to `CHECKOUT_TIMEOUT`), which keeps Postgres' backend
/// count bounded however many advisors sync at once.
const MAX_CONNECTIONS: u32 = 16;
const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(30);

impl From<::postgres::Error> for StorageError {
    /// The server's own message for a database error (the driver's
    /// `Display` says only "db error"), else the driver's message and its
    /// cause.
    fn from(e: ::postgres::Error) -> Self {
        StorageError::Database(match (e.as_db_error(), std::error::Error::source(&e)) {
            (Some(db), _) => db.to_string(),
            (None, Some(cause)) => format!("{e}: {cause}"),
            (None, None) => e.to_string(),
        })
    }
}

impl From<r2d2::Error> for StorageError {
    fn from(e: r2d2::Error) -> Self {
        StorageError::Database(format!("no database connection: {e}"))
    }
}

/// The server's database in PostgreSQL. Like every backend, it blocks:
/// call it off async threads (the server uses tokio's blocking pool), since
/// the synchronous driver runs a small runtime of its own per connection.
pub struct Pg {
    pool: Pool,
}

impl std::fmt::Debug for Pg {
    // Not derived: the pool's Debug would print the connection config.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.pool.state();
        f.debug_struct("Pg")
            .field("connections", &state.connections)
            .field("idle", &state.idle_connections)
            .finish()
    }
}

impl ServerDb<Pg> {
    /// Connects to `url` (`postgres://user[:password]@host[:port]/database`,
    /// optionally `?options=-c%20search_path%3Dschema` to use a schema other
    /// than `public`) and brings the schema up to date.
    pub fn connect(url: &str) -> Res<Self> {
        let config: ::postgres::Config = url.parse()?;
        let manager = PostgresConnectionManager::new(config, NoTls);
        let pool = r2d2::Pool::builder()
            .max_size(MAX_CONNECTIONS)
            // Grow on demand: a test or a quiet server needs one or two.
            .min_idle(Some(1))
            .connection_timeout(CHECKOUT_TIMEOUT)
            .build(manager)?;
        migrate(&mut *pool.get()?)?;
        Ok(ServerDb::new(Pg { pool }))
    }
}

impl Pg {
    fn conn(&self) -> Res<Conn> {
        Ok(self.pool.get()?)
    }
}

/// Applies the migrations the database does not have yet, each in its own
/// transaction with its version row. Refuses a database whose schema is
/// newer than this build knows.
fn migrate(client: &mut ::postgres::Client) -> Res<()> {
    let known = i32::try_from(MIGRATIONS.len()).unwrap_or(i32::MAX);
    loop {
        let mut tx = client.transaction()?;
        // Two servers starting at once must not both migrate.
        tx.execute(
            "SELECT pg_advisory_xact_lock($1, $2)",
            &[&MIGRATION_LOCK.0, &MIGRATION_LOCK.1],
        )?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_version (
                 version     INTEGER PRIMARY KEY,
                 applied_at  TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
             )",
        )?;
        let at: i32 = tx
            .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])?
            .get(0);
        if at > known {
            return Err(StorageError::Schema(format!(
                "the database is at schema version {at}, newer than this server knows ({known})"
            )));
        }
        let next = usize::try_from(at).ok().and_then(|i| MIGRATIONS.get(i));
        if let Some(sql) = next {
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO schema_version (version) VALUES ($1)",
                &[&(at + 1)],
            )?;
        }
        tx.commit()?;
        if next.is_none() {
            return Ok(());
        }
    }
}

/// The advisory lock key of an advisor's feed. Two advisors sharing a key
/// only wait for each other; correctness needs just that one advisor always
/// maps to the same key.
fn feed_key(advisor: Uuid) -> i64 {
    let (hi, lo) = advisor.as_u64_pair();
    i64::from_ne_bytes((hi ^ lo).to_ne_bytes())
}

const USER_COLUMNS: &str = "id, login, name, role, password_hash, advisor, team_lead, offer_policy";

fn user_row(r: ::postgres::Row) -> UserRow {
    UserRow {
        id: r.get(0),
        login: r.get(1),
        name: r.get(2),
        role: r.get(3),
        password_hash: r.get(4),
        advisor: r.get(5),
        team_lead: r.get(6),
        offer_policy: r.get(7),
    }
}

const REQUEST_COLUMNS: &str = "a.id, a.kind, a.advisor_id, a.case_id, a.plan_date, a.body, a.submitted_at, a.status, a.comment, a.decided_by, a.decided_by_name, a.decided_at";

fn request_row(r: ::postgres::Row) -> Res<ApprovalRequest> {
    Ok(ApprovalRequest {
        id: r.get(0),
        kind: RequestKind::from_code(r.get(1))?,
        advisor_id: r.get(2),
        case_id: r.get(3),
        plan_date: r.get(4),
        body: r.get(5),
        submitted_at: r.get(6),
        status: sync_proto::Decision::from_code(r.get(7)),
        comment: r.get(8),
        decided_by: r.get(9),
        decided_by_name: r.get(10),
        decided_at: r.get(11),
    })
}

struct PgTx<'c>(Transaction<'c>);

impl PgTx<'_> {
    /// Locks the case row, if it exists, and returns who holds it.
    fn lock_holder(&mut self, id: Uuid) -> Res<Option<Option<Uuid>>> {
        Ok(self
            .0
            .query_opt(
                "SELECT advisor_id FROM cases WHERE id = $1 FOR UPDATE",
                &[&id],
            )?
            .map(|r| r.get(0)))
    }
}

impl Tx for PgTx<'_> {
    fn claim_mutation(&mut self, c: &Claim<'_>) -> Res<Option<StoredOutcome>> {
        let (device, m, at) = (c.device, c.mutation, c.at);
        // The row says "applied" until the rules say otherwise; nobody sees
        // it before the commit (see the module comment).
        let claimed = self.0.execute(
            "INSERT INTO mutations (id, device_id, user_id, case_id, kind, body, created_at, outcome)
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'applied')
             ON CONFLICT (id) DO NOTHING",
            &[
                &m.id,
                &device.id,
                &device.user_id,
                &m.case_id,
                &m.kind.code(),
                &Json(&m.body),
                &at,
            ],
        )?;
        if claimed == 1 {
            return Ok(None);
        }
        let seen = self.0.query_one(
            "SELECT outcome, code, reason FROM mutations WHERE id = $1",
            &[&m.id],
        )?;
        StoredOutcome::from_row(seen.get(0), seen.get(1), seen.get(2)).map(Some)
    }

    fn reject_mutation(&mut self, id: Uuid, code: &RejectCode, reason: &str) -> Res<()> {
        self.0.execute(
            "UPDATE mutations SET outcome = 'rejected', code = $2, reason = $3 WHERE id = $1",
            &[&id, &code.code(), &reason],
        )?;
        Ok(())
    }

    fn lock_case(&mut self, id: Uuid) -> Res<Option<(Option<Uuid>, CaseFileDto)>> {
        self.0
            .query_opt(
                "SELECT advisor_id, doc FROM cases WHERE id = $1 FOR UPDATE",
                &[&id],
            )?
            .map(|r| Ok((r.get(0), case_doc(r.get(1))?)))
            .transpose()
    }

    fn holders(&mut self, ids: &[Uuid]) -> Res<Holders> {
        Ok(self
            .0
            .query(
                "SELECT id, advisor_id FROM cases WHERE id = ANY($1) AND advisor_id IS NOT NULL",
                &[&ids],
            )?
            .into_iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    fn upsert_case(&mut self, file: &CaseFileDto, holder: Option<Uuid>) -> Res<Option<Uuid>> {
        let update = |tx: &mut Transaction<'_>| {
            tx.execute(
                "UPDATE cases SET advisor_id = $2, doc = $3 WHERE id = $1",
                &[&file.id, &holder, &Json(file)],
            )
        };
        if let Some(before) = self.lock_holder(file.id)? {
            update(&mut self.0)?;
            return Ok(before);
        }
        let inserted = self.0.execute(
            "INSERT INTO cases (id, advisor_id, doc) VALUES ($1, $2, $3)
             ON CONFLICT (id) DO NOTHING",
            &[&file.id, &holder, &Json(file)],
        )?;
        if inserted == 1 {
            return Ok(None);
        }
        // Another transaction created the case since we looked; the insert
        // waited for it to commit. Lock and update that row instead.
        let before = self.lock_holder(file.id)?.flatten();
        update(&mut self.0)?;
        Ok(before)
    }

    fn activity_owners(&mut self, ids: &[Uuid]) -> Res<HashMap<Uuid, Uuid>> {
        Ok(self
            .0
            .query(
                "SELECT id, case_id FROM activity_ids WHERE id = ANY($1)",
                &[&ids],
            )?
            .into_iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    fn add_activity_ids(&mut self, case_id: Uuid, ids: &[Uuid]) -> Res<Vec<Uuid>> {
        // A concurrent writer of the same id waits on the primary key; then
        // its row is skipped, and whether the id went to another case is
        // read back.
        self.0.execute(
            "INSERT INTO activity_ids (id, case_id) SELECT unnest($1::uuid[]), $2
             ON CONFLICT DO NOTHING",
            &[&ids, &case_id],
        )?;
        Ok(self
            .0
            .query(
                "SELECT id FROM activity_ids WHERE id = ANY($1) AND case_id <> $2",
                &[&ids, &case_id],
            )?
            .into_iter()
            .map(|r| r.get(0))
            .collect())
    }

    fn lock_feeds(&mut self, advisors: &[Uuid]) -> Res<()> {
        // Sorted, so that two transactions never wait for each other's
        // feeds in opposite orders.
        let mut keys: Vec<i64> = advisors.iter().map(|a| feed_key(*a)).collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            self.0
                .execute("SELECT pg_advisory_xact_lock($1)", &[&key])?;
        }
        Ok(())
    }

    fn append_feed(&mut self, advisor: Uuid, id: Uuid, op: FeedOp) -> Res<()> {
        self.0.execute(
            "INSERT INTO case_log (case_id, advisor_id, op) VALUES ($1, $2, $3)",
            &[&id, &advisor, &op.code()],
        )?;
        Ok(())
    }

    fn insert_request(&mut self, i: &RequestInsert<'_>) -> Res<()> {
        let r = i.request;
        self.0.execute(
            "INSERT INTO approvals (id, kind, advisor_id, case_id, plan_date, body, submitted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &i.id,
                &r.kind.code(),
                &i.advisor,
                &r.case_id,
                &r.plan_date,
                &Json(&r.body),
                &i.submitted_at,
            ],
        )?;
        Ok(())
    }

    fn offer(&mut self, id: Uuid) -> Res<Option<crate::StoredOffer>> {
        let row = self.0.query_opt(
            "SELECT m.case_id, m.created_at, m.body, a.status, s.settlement_id
             FROM mutations m
             LEFT JOIN approvals a ON a.id = m.id
             LEFT JOIN settled_offers s ON s.offer_id = m.id
             WHERE m.id = $1 AND m.outcome = 'applied' AND m.kind = 'offer'",
            &[&id],
        )?;
        Ok(row.map(|r| crate::StoredOffer {
            mutation: Mutation {
                id,
                case_id: r.get(0),
                created_at: r.get(1),
                kind: MutationKind::Offer,
                body: r.get::<_, Json<serde_json::Value>>(2).0,
            },
            review: r
                .get::<_, Option<String>>(3)
                .map(|c| sync_proto::Decision::from_code(&c)),
            signed_by: r.get(4),
        }))
    }

    fn agreement(&mut self, id: Uuid) -> Res<Option<crate::StoredAgreement>> {
        let Some(r) = self.0.query_opt(
            "SELECT m.case_id, m.created_at, m.body, s.offer_id, a.amended_by
             FROM mutations m
             JOIN settled_offers s ON s.settlement_id = m.id
             LEFT JOIN amended_agreements a ON a.settlement_id = m.id
             WHERE m.id = $1 AND m.outcome = 'applied' AND m.kind = 'settlement'",
            &[&id],
        )?
        else {
            return Ok(None);
        };
        let offer_id: Uuid = r.get(3);
        let Some(offer) = self.offer(offer_id)? else {
            return Err(StorageError::Corrupt(format!(
                "settlement {id} signed an offer that is not stored"
            )));
        };
        Ok(Some(crate::StoredAgreement {
            settlement: Mutation {
                id,
                case_id: r.get(0),
                created_at: r.get(1),
                kind: MutationKind::Settlement,
                body: r.get::<_, Json<serde_json::Value>>(2).0,
            },
            offer,
            amended_by: r.get(4),
        }))
    }

    fn chain_head(&mut self, device: Uuid) -> Res<Option<String>> {
        // The row first (a concurrent first report of the device waits on
        // the primary key), then locked until the transaction ends; an
        // empty head is "no report yet".
        self.0.execute(
            "INSERT INTO visit_chains (device_id, head) VALUES ($1, '') ON CONFLICT DO NOTHING",
            &[&device],
        )?;
        let head: String = self
            .0
            .query_one(
                "SELECT head FROM visit_chains WHERE device_id = $1 FOR UPDATE",
                &[&device],
            )?
            .get(0);
        Ok(Some(head).filter(|h| !h.is_empty()))
    }

    fn set_contacts_open(&mut self, case_id: Uuid, open: bool) -> Res<()> {
        let sql = if open {
            "INSERT INTO open_contacts (case_id) VALUES ($1) ON CONFLICT DO NOTHING"
        } else {
            "DELETE FROM open_contacts WHERE case_id = $1"
        };
        self.0.execute(sql, &[&case_id])?;
        Ok(())
    }

    fn set_thread(&mut self, case_id: Uuid, row: Option<&crate::ThreadRow>) -> Res<()> {
        match row {
            Some(r) => self.0.execute(
                "INSERT INTO threads (case_id, advisor_id, urgent, unanswered, last_at)
                 VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (case_id) DO UPDATE SET advisor_id = excluded.advisor_id,
                   urgent = excluded.urgent, unanswered = excluded.unanswered,
                   last_at = excluded.last_at",
                &[
                    &case_id,
                    &r.advisor_id,
                    &r.urgent,
                    &r.unanswered,
                    &r.last_at,
                ],
            )?,
            None => self
                .0
                .execute("DELETE FROM threads WHERE case_id = $1", &[&case_id])?,
        };
        Ok(())
    }

    fn set_chain_head(&mut self, device: Uuid, head: &str) -> Res<()> {
        self.0.execute(
            "INSERT INTO visit_chains (device_id, head) VALUES ($1, $2)
             ON CONFLICT (device_id) DO UPDATE SET head = EXCLUDED.head",
            &[&device, &head],
        )?;
        Ok(())
    }

    fn amend_agreement(&mut self, settlement: Uuid, by: Uuid) -> Res<bool> {
        // A concurrent amendment of the same agreement waits on the primary
        // key, then finds it taken.
        let n = self.0.execute(
            "INSERT INTO amended_agreements (settlement_id, amended_by) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
            &[&settlement, &by],
        )?;
        Ok(n == 1)
    }

    fn sign_offer(&mut self, offer: Uuid, settlement: Uuid) -> Res<bool> {
        // A concurrent settlement of the same offer waits on the primary
        // key, then finds it taken.
        let n = self.0.execute(
            "INSERT INTO settled_offers (offer_id, settlement_id) VALUES ($1, $2)
             ON CONFLICT DO NOTHING",
            &[&offer, &settlement],
        )?;
        Ok(n == 1)
    }

    fn request(&mut self, id: Uuid, lock: bool) -> Res<Option<ApprovalRequest>> {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM approvals a WHERE a.id = $1{}",
            if lock { " FOR UPDATE" } else { "" }
        );
        self.0.query_opt(&sql, &[&id])?.map(request_row).transpose()
    }

    fn team_lead_of(&mut self, user: Uuid) -> Res<Option<Uuid>> {
        Ok(self
            .0
            .query_opt("SELECT team_lead FROM users WHERE id = $1", &[&user])?
            .and_then(|r| r.get(0)))
    }

    fn write_decision(&mut self, id: Uuid, d: &Decision) -> Res<()> {
        self.0.execute(
            "UPDATE approvals SET status = $2, comment = $3, decided_by = $4, decided_by_name = $5,
               decided_at = $6 WHERE id = $1",
            &[
                &id,
                &d.status.code(),
                &d.comment,
                &d.lead,
                &d.lead_name,
                &d.at,
            ],
        )?;
        Ok(())
    }

    fn feed(&mut self, advisor: Uuid, after: u64, limit: u32) -> Res<Vec<FeedRow>> {
        self.0
            .query(
                "SELECT seq, case_id, op FROM case_log WHERE advisor_id = $1 AND seq > $2
                 ORDER BY seq LIMIT $3",
                &[
                    &advisor,
                    &i64::try_from(after).unwrap_or(i64::MAX),
                    &i64::from(limit),
                ],
            )?
            .into_iter()
            .map(|r| {
                Ok(FeedRow {
                    seq: u64::try_from(r.get::<_, i64>(0))
                        .map_err(|_| StorageError::Corrupt("feed position".into()))?,
                    id: r.get(1),
                    op: FeedOp::from_code(r.get(2))?,
                })
            })
            .collect()
    }

    fn requests_by_id(&mut self, ids: &[Uuid]) -> Res<Vec<ApprovalRequest>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("SELECT {REQUEST_COLUMNS} FROM approvals a WHERE a.id = ANY($1)");
        self.0
            .query(&sql, &[&ids])?
            .into_iter()
            .map(request_row)
            .collect()
    }

    fn held_cases(&mut self, ids: &[Uuid], advisor: Uuid) -> Res<HashMap<Uuid, CaseFileDto>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        self.0
            .query(
                "SELECT id, doc FROM cases WHERE id = ANY($1) AND advisor_id = $2",
                &[&ids, &advisor],
            )?
            .into_iter()
            .map(|r| Ok((r.get(0), case_doc(r.get(1))?)))
            .collect()
    }

    // #12 inbox: add below this line (branch inbox).
    fn handle_inbox(
        &mut self,
        id: Uuid,
        kind: &str,
        state: &str,
        by: Uuid,
        at: chrono::NaiveDateTime,
    ) -> Res<bool> {
        let n = self.0.execute(
            "UPDATE inbox SET state = $3, decided_by = $4, decided_at = $5
             WHERE id = $1 AND kind = $2 AND state = 'new'",
            &[&id, &kind, &state, &by, &at],
        )?;
        Ok(n == 1)
    }

    fn inbox_item(&mut self, id: Uuid, kind: &str) -> Res<Option<sync_proto::InboxItemDto>> {
        Ok(self
            .0
            .query_opt(
                "SELECT id, kind, case_id, advisor_id, received_at, device_at, summary, state,
                        decided_by, decided_at FROM inbox WHERE id = $1 AND kind = $2",
                &[&id, &kind],
            )?
            .map(|r| inbox_row(&r)))
    }
    fn insert_inbox(&mut self, rows: &[crate::NewInboxRow]) -> Res<()> {
        for r in rows {
            self.0.execute(
                "INSERT INTO inbox (id, kind, case_id, advisor_id, received_at, device_at, summary, state)
                 VALUES ($1, $2, $3, $4, date_trunc('second', now() AT TIME ZONE 'UTC'), $5, $6, 'new')
                 ON CONFLICT DO NOTHING",
                &[
                    &r.id,
                    &r.kind.code(),
                    &r.case_id,
                    &r.advisor_id,
                    &r.device_at,
                    &r.summary,
                ],
            )?;
        }
        Ok(())
    }
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    fn set_search(&mut self, r: &crate::desk::SearchRow, terms: &[String]) -> Res<()> {
        self.0.execute(
            "INSERT INTO case_search (case_id, number, name, pesel, town, advisor_id, status, outstanding)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (case_id) DO UPDATE SET number = excluded.number,
               name = excluded.name, pesel = excluded.pesel, town = excluded.town,
               advisor_id = excluded.advisor_id, status = excluded.status,
               outstanding = excluded.outstanding",
            &[
                &r.case_id,
                &r.number,
                &r.name,
                &r.pesel,
                &r.town,
                &r.advisor_id,
                &r.status,
                &r.outstanding.to_string(),
            ],
        )?;
        self.0.execute(
            "DELETE FROM case_search_terms WHERE case_id = $1",
            &[&r.case_id],
        )?;
        self.0.execute(
            "INSERT INTO case_search_terms (term, case_id)
             SELECT DISTINCT t, $2::uuid FROM unnest($1::text[]) AS t ON CONFLICT DO NOTHING",
            &[&terms, &r.case_id],
        )?;
        Ok(())
    }

    fn unindexed_cases(&mut self, limit: u32) -> Res<Vec<(CaseFileDto, Option<Uuid>)>> {
        self.0
            .query(
                "SELECT c.doc, c.advisor_id FROM cases c
                 WHERE NOT EXISTS (SELECT 1 FROM case_search s WHERE s.case_id = c.id)
                 ORDER BY c.id LIMIT $1",
                &[&i64::from(limit)],
            )?
            .into_iter()
            .map(|r| Ok((case_doc(r.get(0))?, r.get(1))))
            .collect()
    }
}

fn users(
    client: &mut impl GenericClient,
    cond: &str,
    value: &(dyn ToSql + Sync),
) -> Res<Vec<UserRow>> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE {cond}");
    Ok(client
        .query(&sql, &[value])?
        .into_iter()
        .map(user_row)
        .collect())
}

fn inbox_row(r: &::postgres::Row) -> sync_proto::InboxItemDto {
    sync_proto::InboxItemDto {
        id: r.get(0),
        kind: sync_proto::InboxKind::from_code(r.get::<_, &str>(1)),
        case_id: r.get(2),
        advisor_id: r.get(3),
        received_at: r.get(4),
        device_at: r.get(5),
        summary: r.get(6),
        state: sync_proto::InboxState::from_code(r.get::<_, &str>(7)),
        decided_by: r.get(8),
        decided_at: r.get(9),
        advisor_name: String::new(),
        decided_by_name: None,
    }
}

/// The inbox's page: newest first, every filter optional, after the cursor.
pub(crate) const INBOX_PAGE: &str =
    "SELECT id, kind, case_id, advisor_id, received_at, device_at, summary, state,
            decided_by, decided_at
     FROM inbox
     WHERE ($1::text IS NULL OR kind = $1) AND ($2::uuid IS NULL OR advisor_id = $2)
       AND ($3::text IS NULL OR state = $3) AND ($4::timestamp IS NULL OR received_at >= $4)
       AND ($5::timestamp IS NULL OR received_at <= $5)
       AND ($6::timestamp IS NULL OR (received_at, id, kind) < ($6, $7::uuid, $8::text))
     ORDER BY received_at DESC, id DESC, kind DESC
     LIMIT $9";

/// The inbox's counts per kind.
pub(crate) const INBOX_COUNTS: &str = "SELECT kind, COUNT(*) FROM inbox
     WHERE ($1::uuid IS NULL OR advisor_id = $1) AND ($2::text IS NULL OR state = $2)
       AND ($3::timestamp IS NULL OR received_at >= $3)
       AND ($4::timestamp IS NULL OR received_at <= $4)
     GROUP BY kind";

impl Backend for Pg {
    // One transaction per item: a batch in one transaction would hold the
    // locks of every case it touches until its end, and concurrent batches
    // would take them in different orders.
    const BATCH_IN_ONE_TRANSACTION: bool = false;

    fn write<R>(&self, f: impl FnOnce(&mut dyn Tx) -> Res<R>) -> Res<R> {
        let mut conn = self.conn()?;
        let mut tx = PgTx(conn.transaction()?);
        let r = f(&mut tx)?;
        tx.0.commit()?;
        Ok(r)
    }

    fn read<R>(&self, f: impl FnOnce(&mut dyn Tx) -> Res<R>) -> Res<R> {
        let mut conn = self.conn()?;
        let tx = conn
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let mut tx = PgTx(tx);
        let r = f(&mut tx)?;
        tx.0.commit()?;
        Ok(r)
    }

    fn insert_user(&self, u: &UserRow) -> Res<bool> {
        let n = self.conn()?.execute(
            "INSERT INTO users (id, login, name, role, password_hash, advisor, team_lead, offer_policy)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT DO NOTHING",
            &[
                &u.id,
                &u.login,
                &u.name,
                &u.role,
                &u.password_hash,
                &u.advisor,
                &u.team_lead,
                &u.offer_policy,
            ],
        )?;
        Ok(n == 1)
    }

    fn user(&self, key: UserKey<'_>) -> Res<Option<UserRow>> {
        let mut conn = self.conn()?;
        let rows = match key {
            UserKey::Login(l) => users(&mut *conn, "login = $1", &l)?,
            UserKey::Id(id) => users(&mut *conn, "id = $1", &id)?,
        };
        Ok(rows.into_iter().next())
    }

    fn team_of(&self, lead: Uuid) -> Res<Vec<UserRow>> {
        users(
            &mut *self.conn()?,
            "team_lead = $1 ORDER BY name, id",
            &lead,
        )
    }

    fn register_device(&self, d: &Device, token_hash: &str) -> Res<bool> {
        let n = self.conn()?.execute(
            "INSERT INTO devices (id, user_id, name, token_hash, expires_at, revoked)
             VALUES ($1, $2, $3, $4, $5, FALSE)
             ON CONFLICT (id) DO UPDATE SET name = excluded.name,
               token_hash = excluded.token_hash, expires_at = excluded.expires_at
             WHERE NOT devices.revoked AND devices.user_id = excluded.user_id",
            &[&d.id, &d.user_id, &d.name, &token_hash, &d.expires_at],
        )?;
        Ok(n == 1)
    }

    fn device(&self, id: Uuid) -> Res<Option<Device>> {
        Ok(self
            .conn()?
            .query_opt(
                "SELECT id, user_id, name, expires_at, revoked, handover, revoked_at FROM devices WHERE id = $1",
                &[&id],
            )?
            .map(|r| Device {
                id: r.get(0),
                user_id: r.get(1),
                name: r.get(2),
                expires_at: r.get(3),
                revoked: r.get(4),
                handover: r.get(5),
                revoked_at: r.get(6),
            }))
    }

    fn device_by_token(&self, token_hash: &str) -> Res<Option<Device>> {
        Ok(self
            .conn()?
            .query_opt(
                "SELECT id, user_id, name, expires_at, revoked, handover, revoked_at FROM devices WHERE token_hash = $1",
                &[&token_hash],
            )?
            .map(|r| Device {
                id: r.get(0),
                user_id: r.get(1),
                name: r.get(2),
                expires_at: r.get(3),
                revoked: r.get(4),
                handover: r.get(5),
                revoked_at: r.get(6),
            }))
    }

    fn revoke_device(&self, id: Uuid, handover: bool, at: chrono::NaiveDateTime) -> Res<bool> {
        // The right side reads the row as it was: lost once, lost for good.
        let n = self.conn()?.execute(
            "UPDATE devices SET revoked = TRUE,
                 handover = CASE WHEN revoked AND NOT handover THEN FALSE ELSE $2 END,
                 revoked_at = COALESCE(revoked_at, $3)
             WHERE id = $1",
            &[&id, &handover, &at],
        )?;
        Ok(n == 1)
    }

    fn login_failures(&self, keys: &[String]) -> Res<Vec<crate::LoginFailures>> {
        Ok(self
            .conn()?
            .query(
                "SELECT key, failures, last_at FROM login_failures WHERE key = ANY($1) ORDER BY key",
                &[&keys],
            )?
            .iter()
            .map(|r| crate::LoginFailures {
                key: r.get(0),
                failures: r.get::<_, i32>(1).max(0) as u32,
                last_at: r.get(2),
            })
            .collect())
    }

    fn record_login_failure(&self, keys: &[String], at: chrono::NaiveDateTime) -> Res<()> {
        let mut c = self.conn()?;
        let mut tx = c.transaction()?;
        for k in keys {
            tx.execute(
                "INSERT INTO login_failures (key, failures, last_at) VALUES ($1, 1, $2)
                 ON CONFLICT (key) DO UPDATE SET failures = login_failures.failures + 1,
                   last_at = excluded.last_at",
                &[k, &at],
            )?;
        }
        // Keys quiet for a day are forgotten: the table stays small.
        tx.execute(
            "DELETE FROM login_failures WHERE last_at < $1",
            &[&(at - chrono::Duration::days(1))],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn clear_login_failures(&self, keys: &[String]) -> Res<()> {
        self.conn()?
            .execute("DELETE FROM login_failures WHERE key = ANY($1)", &[&keys])?;
        Ok(())
    }

    fn append_audit(&self, e: &crate::AuditEntry) -> Res<()> {
        self.conn()?.execute(
            "INSERT INTO audit_log (at, actor, actor_name, action, subject, detail)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &e.at,
                &e.actor,
                &e.actor_name,
                &e.action.code(),
                &e.subject,
                &e.detail,
            ],
        )?;
        Ok(())
    }

    fn audit_page(&self, before: Option<i64>, limit: u32) -> Res<Vec<sync_proto::AuditEntryDto>> {
        Ok(self
            .conn()?
            .query(
                "SELECT seq, at, actor, actor_name, action, subject, detail FROM audit_log
                 WHERE ($1::BIGINT IS NULL OR seq < $1) ORDER BY seq DESC LIMIT $2",
                &[&before, &i64::from(limit)],
            )?
            .iter()
            .map(|r| sync_proto::AuditEntryDto {
                seq: r.get(0),
                at: r.get(1),
                actor: r.get(2),
                actor_name: r.get(3),
                action: sync_proto::AuditAction::from_code(r.get::<_, &str>(4)),
                subject: r.get(5),
                detail: r.get(6),
            })
            .collect())
    }

    fn case(&self, id: Uuid) -> Res<Option<CaseFileDto>> {
        self.conn()?
            .query_opt("SELECT doc FROM cases WHERE id = $1", &[&id])?
            .map(|r| case_doc(r.get(0)))
            .transpose()
    }

    fn applied_mutation(&self, id: Uuid) -> Res<Option<Mutation>> {
        let row = self.conn()?.query_opt(
            "SELECT case_id, created_at, kind, body FROM mutations
             WHERE id = $1 AND outcome = 'applied'",
            &[&id],
        )?;
        Ok(row.map(|r| Mutation {
            id,
            case_id: r.get(0),
            created_at: r.get(1),
            kind: MutationKind::from_code(r.get(2)),
            body: r.get::<_, Json<serde_json::Value>>(3).0,
        }))
    }

    fn set_offer_policy(&self, advisor: Uuid, policy: Option<&serde_json::Value>) -> Res<bool> {
        let n = self.conn()?.execute(
            "UPDATE users SET offer_policy = $2 WHERE id = $1 AND role = 'advisor'",
            &[&advisor, &policy],
        )?;
        Ok(n == 1)
    }

    fn requests(&self, filter: RequestFilter) -> Res<Vec<ApprovalRequest>> {
        let mut conn = self.conn()?;
        let select = |cond: &str| {
            format!(
                "SELECT {REQUEST_COLUMNS} FROM approvals a JOIN users u ON u.id = a.advisor_id
                 WHERE {cond} ORDER BY a.submitted_at, a.id"
            )
        };
        let rows = match filter {
            RequestFilter::PendingOffers { lead } => conn.query(
                &select("u.team_lead = $1 AND a.kind = 'offer' AND a.status = 'pending'"),
                &[&lead],
            )?,
            RequestFilter::PlansOn { lead, date } => conn.query(
                &select("u.team_lead = $1 AND a.kind = 'plan' AND a.plan_date = $2"),
                &[&lead, &date],
            )?,
        };
        rows.into_iter().map(request_row).collect()
    }

    fn open_contact_cases(&self, offset: u32, limit: u32) -> Res<Vec<CaseFileDto>> {
        self.conn()?
            .query(
                "SELECT c.doc FROM open_contacts o JOIN cases c ON c.id = o.case_id ORDER BY c.id
                 LIMIT $1 OFFSET $2",
                &[&i64::from(limit), &i64::from(offset)],
            )?
            .into_iter()
            .map(|r| case_doc(r.get(0)))
            .collect()
    }

    fn thread_cases(&self, f: &crate::ThreadFilter) -> Res<Vec<CaseFileDto>> {
        let order = "ORDER BY t.urgent DESC, t.unanswered DESC, t.last_at DESC, t.case_id
                     LIMIT $1 OFFSET $2";
        let (limit, offset) = (i64::from(f.limit), i64::from(f.offset));
        let rows = match f.lead {
            None => self.conn()?.query(
                &format!("SELECT c.doc FROM threads t JOIN cases c ON c.id = t.case_id {order}"),
                &[&limit, &offset],
            )?,
            Some(lead) => self.conn()?.query(
                &format!(
                    "SELECT c.doc FROM threads t JOIN cases c ON c.id = t.case_id
                     WHERE t.advisor_id IN (SELECT id FROM users WHERE team_lead = $3) {order}"
                ),
                &[&limit, &offset, &lead],
            )?,
        };
        rows.into_iter().map(|r| case_doc(r.get(0))).collect()
    }

    fn cases_of(&self, advisor: Uuid) -> Res<Vec<CaseFileDto>> {
        self.conn()?
            .query(
                "SELECT doc FROM cases WHERE advisor_id = $1 ORDER BY id",
                &[&advisor],
            )?
            .into_iter()
            .map(|r| case_doc(r.get(0)))
            .collect()
    }

    fn held_case_ids(&self) -> Res<Vec<(Uuid, Uuid)>> {
        Ok(self
            .conn()?
            .query(
                "SELECT id, advisor_id FROM cases WHERE advisor_id IS NOT NULL ORDER BY id",
                &[],
            )?
            .into_iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    fn mutation_count(&self, id: Uuid) -> Res<u64> {
        let n: i64 = self
            .conn()?
            .query_one("SELECT count(*) FROM mutations WHERE id = $1", &[&id])?
            .get(0);
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn reference_rates(&self) -> Res<Vec<(NaiveDate, String)>> {
        // NUMERIC crosses as text: the driver has no decimal type here.
        Ok(self
            .conn()?
            .query(
                "SELECT since, rate::text FROM reference_rates ORDER BY since",
                &[],
            )?
            .into_iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect())
    }

    fn put_reference_rate(&self, since: NaiveDate, rate: &str) -> Res<()> {
        self.conn()?.execute(
            "INSERT INTO reference_rates (since, rate) VALUES ($1, CAST($2::text AS NUMERIC))
             ON CONFLICT (since) DO UPDATE SET rate = excluded.rate",
            &[&since, &rate],
        )?;
        Ok(())
    }

    // #12 inbox: add below this line (branch inbox).
    fn inbox_items(
        &self,
        f: &crate::InboxFilter,
        limit: u32,
    ) -> Res<Vec<sync_proto::InboxItemDto>> {
        let (c_at, c_id, c_kind) = match &f.cursor {
            Some((c, k)) => (Some(c.received_at), Some(c.id), Some(k.code().to_owned())),
            None => (None, None, None),
        };
        let kind = f.kind.as_ref().map(|k| k.code().to_owned());
        let state = f.state.as_ref().map(|s| s.code().to_owned());
        let rows = self.conn()?.query(
            INBOX_PAGE,
            &[
                &kind,
                &f.advisor,
                &state,
                &f.from,
                &f.to,
                &c_at,
                &c_id,
                &c_kind,
                &i64::from(limit),
            ],
        )?;
        Ok(rows.into_iter().map(|r| inbox_row(&r)).collect())
    }

    fn inbox_counts(&self, f: &crate::InboxFilter) -> Res<Vec<(String, u64)>> {
        let state = f.state.as_ref().map(|s| s.code().to_owned());
        let rows = self
            .conn()?
            .query(INBOX_COUNTS, &[&f.advisor, &state, &f.from, &f.to])?;
        Ok(rows
            .into_iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1).max(0) as u64))
            .collect())
    }
    // (the line between keeps the two branches' additions apart)
    // #12 desk: add below this line (branch desk).
    fn search_rows(
        &self,
        ranges: &[(String, String)],
        offset: u32,
        limit: u32,
    ) -> Res<Vec<crate::desk::SearchRow>> {
        let sql = format!(
            "SELECT s.case_id, s.number, s.name, s.pesel, s.town, s.advisor_id, s.status, s.outstanding
             FROM case_search s WHERE {} ORDER BY s.number, s.case_id LIMIT $1 OFFSET $2",
            pg_search_where(ranges.len())
        );
        let (limit, offset) = (i64::from(limit), i64::from(offset));
        let mut args: Vec<&(dyn ToSql + Sync)> = vec![&limit, &offset];
        for (from, to) in ranges {
            args.push(from);
            args.push(to);
        }
        self.conn()?
            .query(&sql, &args)?
            .into_iter()
            .map(|r| {
                let outstanding: String = r.get(7);
                Ok(crate::desk::SearchRow {
                    case_id: r.get(0),
                    number: r.get(1),
                    name: r.get(2),
                    pesel: r.get(3),
                    town: r.get(4),
                    advisor_id: r.get(5),
                    status: r.get(6),
                    outstanding: outstanding.parse().map_err(|_| {
                        StorageError::Corrupt(format!("outstanding {outstanding:?}"))
                    })?,
                })
            })
            .collect()
    }

    fn search_count(&self, ranges: &[(String, String)], cap: u32) -> Res<u32> {
        let sql = format!(
            "SELECT count(*) FROM (SELECT 1 FROM case_search s WHERE {} LIMIT $1 OFFSET $2) x",
            pg_search_where(ranges.len())
        );
        let (cap, zero) = (i64::from(cap), 0i64);
        let mut args: Vec<&(dyn ToSql + Sync)> = vec![&cap, &zero];
        for (from, to) in ranges {
            args.push(from);
            args.push(to);
        }
        let n: i64 = self.conn()?.query_one(&sql, &args)?.get(0);
        Ok(u32::try_from(n).unwrap_or(u32::MAX))
    }

    fn record_sync(&self, r: &crate::SyncReport<'_>) -> Res<()> {
        let pending: Option<i32> = r.pending.map(|p| i32::try_from(p).unwrap_or(i32::MAX));
        self.conn()?.execute(
            "UPDATE devices SET last_sync = $2, pending = $3, app_version = $4 WHERE id = $1",
            &[&r.device, &r.at, &pending, &r.app_version],
        )?;
        Ok(())
    }

    fn device_rows(&self, offset: u32, limit: u32) -> Res<Vec<crate::DeviceSummary>> {
        let (limit, offset) = (i64::from(limit), i64::from(offset));
        let rows = self.conn()?.query(
            "SELECT d.id, d.name, u.id, u.login, u.name, u.role, u.disabled, d.revoked,
                    d.last_sync, d.pending, d.app_version
             FROM devices d JOIN users u ON u.id = d.user_id
             ORDER BY d.last_sync DESC NULLS LAST, d.id LIMIT $1 OFFSET $2",
            &[&limit, &offset],
        )?;
        rows.into_iter()
            .map(|r| {
                let pending: Option<i32> = r.get(9);
                Ok(crate::DeviceSummary {
                    id: r.get(0),
                    name: r.get(1),
                    user_id: r.get(2),
                    login: r.get(3),
                    user_name: r.get(4),
                    role: crate::backend::role_from(&r.get::<_, String>(5))?,
                    user_disabled: r.get(6),
                    revoked: r.get(7),
                    last_sync: r.get(8),
                    pending: pending.map(|p| u32::try_from(p).unwrap_or(0)),
                    app_version: r.get(10),
                })
            })
            .collect()
    }

    fn user_rows(&self, offset: u32, limit: u32) -> Res<Vec<crate::UserSummary>> {
        let (limit, offset) = (i64::from(limit), i64::from(offset));
        let rows = self.conn()?.query(
            "SELECT id, login, name, role, disabled FROM users ORDER BY name, id LIMIT $1 OFFSET $2",
            &[&limit, &offset],
        )?;
        rows.iter().map(pg_user_summary).collect()
    }

    fn user_row(&self, id: Uuid) -> Res<Option<crate::UserSummary>> {
        self.conn()?
            .query_opt(
                "SELECT id, login, name, role, disabled FROM users WHERE id = $1",
                &[&id],
            )?
            .as_ref()
            .map(pg_user_summary)
            .transpose()
    }

    fn update_user_disabled(&self, id: Uuid, disabled: bool) -> Res<bool> {
        let n = self.conn()?.execute(
            "UPDATE users SET disabled = $2 WHERE id = $1 AND disabled <> $2",
            &[&id, &disabled],
        )?;
        Ok(n == 1)
    }
}

fn pg_user_summary(r: &::postgres::Row) -> Res<crate::UserSummary> {
    Ok(crate::UserSummary {
        id: r.get(0),
        login: r.get(1),
        name: r.get(2),
        role: crate::backend::role_from(&r.get::<_, String>(3))?,
        disabled: r.get(4),
    })
}

/// The search's condition over `n` term ranges, numbered from $3.
fn pg_search_where(n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "s.case_id IN (SELECT case_id FROM case_search_terms WHERE term >= ${} AND term < ${})",
                2 * i + 3,
                2 * i + 4
            )
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advisors_get_distinct_feed_keys() {
        let a = Uuid::from_u128(0x0123_4567_89ab_cdef_0011_2233_4455_6677);
        let b = Uuid::from_u128(0x0123_4567_89ab_cdef_0011_2233_4455_6678);
        assert_ne!(feed_key(a), feed_key(b));
        assert_ne!(feed_key(a), feed_key(Uuid::from_u128(1)));
    }
}
