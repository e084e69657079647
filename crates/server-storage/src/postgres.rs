//! The PostgreSQL backend, for production: a small pool of synchronous
//! connections (`postgres` over `r2d2`), the schema from
//! migrations/postgres, the same semantics as the SQLite backend.
//!
//! Two things SQLite gives for free need care here, because Postgres runs
//! transactions concurrently:
//!
//! - **Exactly once.** `apply_mutation` first claims the mutation id with
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

use crate::*;
use ::postgres::types::{Json, ToSql};
use ::postgres::{GenericClient, IsolationLevel, NoTls, Transaction};
use r2d2_postgres::PostgresConnectionManager;
use std::time::Duration;

type Pool = r2d2::Pool<PostgresConnectionManager<NoTls>>;
type Conn = r2d2::PooledConnection<PostgresConnectionManager<NoTls>>;

/// The migrations, in order; the version of each is its position (from 1).
/// Only ever append: a database at version n gets the ones after n.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/postgres/0001_server.sql"),
    include_str!("../migrations/postgres/0002_reviews.sql"),
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

/// The server's database in PostgreSQL. Like every `Storage`, it blocks:
/// call it off async threads (the server uses tokio's blocking pool), since
/// the synchronous driver runs a small runtime of its own per connection.
pub struct PgStorage {
    pool: Pool,
}

impl std::fmt::Debug for PgStorage {
    // Not derived: the pool's Debug would print the connection config.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = self.pool.state();
        f.debug_struct("PgStorage")
            .field("connections", &state.connections)
            .field("idle", &state.idle_connections)
            .finish()
    }
}

impl PgStorage {
    /// Connects to `url` (`postgres://user[:password]@host[:port]/database`,
    /// optionally `?options=-c%20search_path%3Dschema` to use a schema other
    /// than `public`) and brings the schema up to date.
    pub fn connect(url: &str) -> Result<Self, StorageError> {
        let config: ::postgres::Config = url.parse()?;
        let manager = PostgresConnectionManager::new(config, NoTls);
        let pool = r2d2::Pool::builder()
            .max_size(MAX_CONNECTIONS)
            // Grow on demand: a test or a quiet server needs one or two.
            .min_idle(Some(1))
            .connection_timeout(CHECKOUT_TIMEOUT)
            .build(manager)?;
        migrate(&mut *pool.get()?)?;
        Ok(PgStorage { pool })
    }

    fn conn(&self) -> Result<Conn, StorageError> {
        Ok(self.pool.get()?)
    }
}

/// Applies the migrations the database does not have yet, each in its own
/// transaction with its version row. Refuses a database whose schema is
/// newer than this build knows.
fn migrate(client: &mut ::postgres::Client) -> Result<(), StorageError> {
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

fn doc(v: serde_json::Value) -> Result<CaseFileDto, StorageError> {
    serde_json::from_value(v).map_err(|e| StorageError::Corrupt(format!("case document: {e}")))
}

/// Times are kept in whole seconds, as the SQLite backend keeps them (it
/// stores them as `%Y-%m-%dT%H:%M:%S` text); truncated here because a
/// TIMESTAMP(0) column would round instead.
fn whole_seconds(t: NaiveDateTime) -> NaiveDateTime {
    t - chrono::Duration::nanoseconds(i64::from(t.and_utc().timestamp_subsec_nanos()))
}

/// The advisory lock key of an advisor's feed. Two advisors sharing a key
/// only wait for each other; correctness needs just that one advisor always
/// maps to the same key.
fn feed_key(advisor: Uuid) -> i64 {
    let (hi, lo) = advisor.as_u64_pair();
    i64::from_ne_bytes((hi ^ lo).to_ne_bytes())
}

/// Locks the case row, if it exists, and returns who holds it and the case.
fn lock_case(
    tx: &mut Transaction<'_>,
    id: Uuid,
) -> Result<Option<(Option<Uuid>, CaseFileDto)>, StorageError> {
    tx.query_opt(
        "SELECT advisor_id, doc FROM cases WHERE id = $1 FOR UPDATE",
        &[&id],
    )?
    .map(|r| Ok((r.get(0), doc(r.get(1))?)))
    .transpose()
}

/// Locks the case row, if it exists, and returns who holds it.
fn lock_holder(tx: &mut Transaction<'_>, id: Uuid) -> Result<Option<Option<Uuid>>, StorageError> {
    Ok(tx
        .query_opt(
            "SELECT advisor_id FROM cases WHERE id = $1 FOR UPDATE",
            &[&id],
        )?
        .map(|r| r.get(0)))
}

/// Writes a case and feeds the downloads: the advisor holding it gets an
/// upsert; a previous holder gets a removal. `locked` is the case's row as
/// the caller locked it: `None` when it did not exist, else its holder.
fn write_case(
    tx: &mut Transaction<'_>,
    file: &CaseFileDto,
    advisor: Option<Uuid>,
    locked: Option<Option<Uuid>>,
) -> Result<(), StorageError> {
    let update = |tx: &mut Transaction<'_>| {
        tx.execute(
            "UPDATE cases SET advisor_id = $2, doc = $3 WHERE id = $1",
            &[&file.id, &advisor, &Json(file)],
        )
    };
    let before = match locked {
        Some(before) => {
            update(tx)?;
            before
        }
        None => {
            let inserted = tx.execute(
                "INSERT INTO cases (id, advisor_id, doc) VALUES ($1, $2, $3)
                 ON CONFLICT (id) DO NOTHING",
                &[&file.id, &advisor, &Json(file)],
            )?;
            if inserted == 1 {
                None
            } else {
                // Another transaction created the case since the caller
                // looked; the insert waited for it to commit. Lock and
                // update that row instead.
                let before = lock_holder(tx, file.id)?.flatten();
                update(tx)?;
                before
            }
        }
    };
    let removed_from = before.filter(|old| Some(*old) != advisor);
    let mut keys: Vec<i64> = removed_from
        .iter()
        .chain(&advisor)
        .map(|a| feed_key(*a))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&key])?;
    }
    if let Some(old) = removed_from {
        log(tx, file.id, old, "remove")?;
    }
    if let Some(a) = advisor {
        log(tx, file.id, a, "upsert")?;
    }
    Ok(())
}

/// Appends to an advisor's feed; the caller holds the advisor's lock.
fn log(
    tx: &mut Transaction<'_>,
    case_id: Uuid,
    advisor: Uuid,
    op: &str,
) -> Result<(), StorageError> {
    tx.execute(
        "INSERT INTO case_log (case_id, advisor_id, op) VALUES ($1, $2, $3)",
        &[&case_id, &advisor, &op],
    )?;
    Ok(())
}

/// The advisor a case belongs to: none once it is closed.
fn holder(file: &CaseFileDto) -> Option<Uuid> {
    (file.status != domain::CaseStatus::Closed.code()).then_some(file.advisor_id)
}

fn user_where(
    client: &mut impl GenericClient,
    cond: &str,
    value: &(dyn ToSql + Sync),
) -> Result<Option<User>, StorageError> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE {cond}");
    client.query_opt(&sql, &[value])?.map(user_row).transpose()
}

const USER_COLUMNS: &str = "id, login, name, role, password_hash, advisor, team_lead, offer_policy";

fn user_row(r: ::postgres::Row) -> Result<User, StorageError> {
    let role: &str = r.get(3);
    let advisor: Option<serde_json::Value> = r.get(5);
    let policy: Option<serde_json::Value> = r.get(7);
    Ok(User {
        id: r.get(0),
        login: r.get(1),
        name: r.get(2),
        role: role_from(role)?,
        password_hash: r.get(4),
        advisor: advisor
            .map(|a| {
                serde_json::from_value(a)
                    .map_err(|e| StorageError::Corrupt(format!("advisor: {e}")))
            })
            .transpose()?,
        team_lead: r.get(6),
        offer_policy: policy
            .map(|p| {
                serde_json::from_value(p)
                    .map_err(|e| StorageError::Corrupt(format!("offer policy: {e}")))
            })
            .transpose()?,
    })
}

const REQUEST_COLUMNS: &str = "a.id, a.kind, a.advisor_id, a.case_id, a.plan_date, a.body, a.submitted_at, a.status, a.comment, a.decided_by, a.decided_by_name, a.decided_at";

fn request_row(r: ::postgres::Row) -> Result<ApprovalRequest, StorageError> {
    let kind: &str = r.get(1);
    Ok(ApprovalRequest {
        id: r.get(0),
        kind: RequestKind::from_code(kind)?,
        advisor_id: r.get(2),
        case_id: r.get(3),
        plan_date: r.get(4),
        body: r.get(5),
        submitted_at: r.get(6),
        status: r.get(7),
        comment: r.get(8),
        decided_by: r.get(9),
        decided_by_name: r.get(10),
        decided_at: r.get(11),
    })
}

fn request_in(
    client: &mut impl GenericClient,
    id: Uuid,
    lock: bool,
) -> Result<Option<ApprovalRequest>, StorageError> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM approvals a WHERE a.id = $1{}",
        if lock { " FOR UPDATE" } else { "" }
    );
    client.query_opt(&sql, &[&id])?.map(request_row).transpose()
}

fn requests_by_id(
    client: &mut impl GenericClient,
    ids: &[Uuid],
) -> Result<Vec<ApprovalRequest>, StorageError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!("SELECT {REQUEST_COLUMNS} FROM approvals a WHERE a.id = ANY($1)");
    client
        .query(&sql, &[&ids])?
        .into_iter()
        .map(request_row)
        .collect()
}

fn requests(
    client: &mut impl GenericClient,
    cond: &str,
    args: &[&(dyn ToSql + Sync)],
) -> Result<Vec<ApprovalRequest>, StorageError> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM approvals a JOIN users u ON u.id = a.advisor_id
         WHERE {cond} ORDER BY a.submitted_at, a.id"
    );
    client
        .query(&sql, args)?
        .into_iter()
        .map(request_row)
        .collect()
}

impl Storage for PgStorage {
    fn create_user(&self, u: &User) -> Result<(), StorageError> {
        let n = self.conn()?.execute(
            "INSERT INTO users (id, login, name, role, password_hash, advisor, team_lead, offer_policy)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT DO NOTHING",
            &[
                &u.id,
                &u.login,
                &u.name,
                &role_code(u.role),
                &u.password_hash,
                &u.advisor.as_ref().map(Json),
                &u.team_lead,
                &u.offer_policy.as_ref().map(Json),
            ],
        )?;
        if n == 0 {
            return Err(StorageError::Conflict(format!("user {}", u.login)));
        }
        Ok(())
    }

    fn user_by_login(&self, login: &str) -> Result<Option<User>, StorageError> {
        user_where(&mut *self.conn()?, "login = $1", &login)
    }

    fn user(&self, id: Uuid) -> Result<Option<User>, StorageError> {
        user_where(&mut *self.conn()?, "id = $1", &id)
    }

    fn register_device(&self, d: &Device, token_hash: &str) -> Result<(), StorageError> {
        self.conn()?.execute(
            "INSERT INTO devices (id, user_id, name, token_hash, expires_at, revoked)
             VALUES ($1, $2, $3, $4, $5, FALSE)
             ON CONFLICT (id) DO UPDATE SET user_id = excluded.user_id, name = excluded.name,
               token_hash = excluded.token_hash, expires_at = excluded.expires_at
             WHERE NOT devices.revoked",
            &[
                &d.id,
                &d.user_id,
                &d.name,
                &token_hash,
                &whole_seconds(d.expires_at),
            ],
        )?;
        Ok(())
    }

    fn device_by_token(&self, token_hash: &str) -> Result<Option<Device>, StorageError> {
        Ok(self
            .conn()?
            .query_opt(
                "SELECT id, user_id, name, expires_at, revoked FROM devices WHERE token_hash = $1",
                &[&token_hash],
            )?
            .map(|r| Device {
                id: r.get(0),
                user_id: r.get(1),
                name: r.get(2),
                expires_at: r.get(3),
                revoked: r.get(4),
            }))
    }

    fn revoke_device(&self, id: Uuid) -> Result<(), StorageError> {
        let n = self
            .conn()?
            .execute("UPDATE devices SET revoked = TRUE WHERE id = $1", &[&id])?;
        if n == 0 {
            return Err(StorageError::NotFound(format!("device {id}")));
        }
        Ok(())
    }

    fn put_case(&self, file: &CaseFileDto) -> Result<(), StorageError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        let locked = lock_holder(&mut tx, file.id)?;
        write_case(&mut tx, file, holder(file), locked)?;
        tx.commit()?;
        Ok(())
    }

    fn case(&self, id: Uuid) -> Result<Option<CaseFileDto>, StorageError> {
        self.conn()?
            .query_opt("SELECT doc FROM cases WHERE id = $1", &[&id])?
            .map(|r| doc(r.get(0)))
            .transpose()
    }

    fn assign(&self, case_id: Uuid, advisor: Option<Uuid>) -> Result<(), StorageError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        let (before, mut file) = lock_case(&mut tx, case_id)?
            .ok_or_else(|| StorageError::NotFound(format!("case {case_id}")))?;
        if let Some(a) = advisor {
            file.advisor_id = a;
        }
        let advisor = advisor.filter(|_| holder(&file).is_some());
        write_case(&mut tx, &file, advisor, Some(before))?;
        tx.commit()?;
        Ok(())
    }

    fn cases_of(&self, advisor: Uuid) -> Result<Vec<CaseFileDto>, StorageError> {
        self.conn()?
            .query(
                "SELECT doc FROM cases WHERE advisor_id = $1 ORDER BY id",
                &[&advisor],
            )?
            .into_iter()
            .map(|r| doc(r.get(0)))
            .collect()
    }

    fn changes(&self, advisor: Uuid, cursor: u64, limit: u32) -> Result<Page, StorageError> {
        let mut conn = self.conn()?;
        // One snapshot for the page: the log rows and the cases they name
        // are read as of the same moment, as in SQLite.
        let mut tx = conn
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()?;
        let rows: Vec<(i64, Uuid, String)> = tx
            .query(
                "SELECT seq, case_id, op FROM case_log WHERE advisor_id = $1 AND seq > $2
                 ORDER BY seq LIMIT $3",
                &[
                    &advisor,
                    &i64::try_from(cursor).unwrap_or(i64::MAX),
                    &i64::from(limit),
                ],
            )?
            .into_iter()
            .map(|r| (r.get(0), r.get(1), r.get(2)))
            .collect();
        let more = rows.len() == limit as usize;
        let next_cursor = rows
            .last()
            .map_or(cursor, |r| u64::try_from(r.0).unwrap_or(cursor));
        // Within a page only the last operation per case matters.
        let mut last: Vec<(Uuid, String)> = Vec::new();
        for (_, case_id, op) in rows {
            last.retain(|(c, _)| *c != case_id);
            last.push((case_id, op));
        }
        let reviewed: Vec<Uuid> = last
            .iter()
            .filter(|(_, op)| op == "review")
            .map(|(id, _)| *id)
            .collect();
        let mut decided = std::collections::HashMap::with_capacity(reviewed.len());
        for r in requests_by_id(&mut tx, &reviewed)? {
            decided.insert(r.id, r.review());
        }
        let upserted: Vec<Uuid> = last
            .iter()
            .filter(|(_, op)| op == "upsert")
            .map(|(id, _)| *id)
            .collect();
        let mut held = std::collections::HashMap::with_capacity(upserted.len());
        for r in tx.query(
            "SELECT id, doc FROM cases WHERE id = ANY($1) AND advisor_id = $2",
            &[&upserted, &advisor],
        )? {
            held.insert(r.get::<_, Uuid>(0), r.get::<_, serde_json::Value>(1));
        }
        tx.commit()?;
        let mut changes = Vec::with_capacity(last.len());
        let mut reviews = Vec::with_capacity(reviewed.len());
        for (case_id, op) in last {
            if op == "review" {
                reviews.extend(decided.remove(&case_id));
                continue;
            }
            // Only what the advisor holds now is sent; if the case has moved
            // on since, a removal follows later in the feed.
            match (op.as_str(), held.remove(&case_id)) {
                ("upsert", Some(d)) => changes.push(Change::Upsert {
                    file: Box::new(doc(d)?),
                }),
                _ => changes.push(Change::Remove { case_id }),
            }
        }
        Ok(Page {
            changes,
            reviews,
            next_cursor,
            more,
        })
    }

    fn apply_mutation_effect(
        &self,
        device: &Device,
        m: &Mutation,
        cases: &[Uuid],
        apply: &ApplyEffect<'_>,
    ) -> Result<Outcome, StorageError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        // Claim the id before anything else (see the module comment). The
        // row says "applied" until `apply` says otherwise; nobody sees it
        // before the commit.
        let claimed = tx.execute(
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
                &whole_seconds(m.created_at),
            ],
        )?;
        if claimed == 0 {
            let seen = tx.query_one(
                "SELECT outcome, code, reason FROM mutations WHERE id = $1",
                &[&m.id],
            )?;
            let outcome: &str = seen.get(0);
            return Ok(match outcome {
                "applied" => Outcome::Duplicate,
                _ => Outcome::Rejected {
                    code: seen.get::<_, Option<String>>(1).unwrap_or_default().into(),
                    reason: seen.get::<_, Option<String>>(2).unwrap_or_default(),
                },
            });
        }
        let locked = lock_case(&mut tx, m.case_id)?;
        let before = locked.as_ref().map(|(a, _)| *a);
        let mut holders = Holders::new();
        if !cases.is_empty() {
            for r in tx.query(
                "SELECT id, advisor_id FROM cases WHERE id = ANY($1) AND advisor_id IS NOT NULL",
                &[&cases],
            )? {
                holders.insert(r.get(0), r.get(1));
            }
        }
        let outcome = match apply(locked.map(|(_, d)| d), &holders) {
            Ok(effect) => {
                if let Some(file) = &effect.case {
                    // `apply` may answer another case than it was given; only
                    // the row of the mutation's case is locked and known.
                    let before = if file.id == m.case_id {
                        before
                    } else {
                        lock_holder(&mut tx, file.id)?
                    };
                    write_case(&mut tx, file, holder(file), before)?;
                }
                if let Some(r) = &effect.request {
                    tx.execute(
                        "INSERT INTO approvals (id, kind, advisor_id, case_id, plan_date, body, submitted_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                        &[
                            &m.id,
                            &r.kind.code(),
                            &device.user_id,
                            &r.case_id,
                            &r.plan_date,
                            &Json(&r.body),
                            &whole_seconds(m.created_at),
                        ],
                    )?;
                }
                Outcome::Applied
            }
            Err((code, reason)) => {
                tx.execute(
                    "UPDATE mutations SET outcome = 'rejected', code = $2, reason = $3 WHERE id = $1",
                    &[&m.id, &code, &reason],
                )?;
                Outcome::Rejected {
                    code: code.into(),
                    reason,
                }
            }
        };
        tx.commit()?;
        Ok(outcome)
    }

    fn mutation_count(&self, id: Uuid) -> Result<u64, StorageError> {
        let n: i64 = self
            .conn()?
            .query_one("SELECT count(*) FROM mutations WHERE id = $1", &[&id])?
            .get(0);
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn applied_mutation(&self, id: Uuid) -> Result<Option<Mutation>, StorageError> {
        let row = self.conn()?.query_opt(
            "SELECT case_id, created_at, kind, body FROM mutations
             WHERE id = $1 AND outcome = 'applied'",
            &[&id],
        )?;
        Ok(row.map(|r| Mutation {
            id,
            case_id: r.get(0),
            created_at: r.get(1),
            kind: r.get::<_, String>(2).into(),
            body: r.get::<_, Json<serde_json::Value>>(3).0,
        }))
    }

    fn set_offer_policy(
        &self,
        advisor: Uuid,
        policy: Option<&OfferPolicyDto>,
    ) -> Result<(), StorageError> {
        let n = self.conn()?.execute(
            "UPDATE users SET offer_policy = $2 WHERE id = $1 AND role = 'advisor'",
            &[&advisor, &policy.map(Json)],
        )?;
        if n == 0 {
            return Err(StorageError::NotFound(format!("advisor {advisor}")));
        }
        Ok(())
    }

    fn team_of(&self, lead: Uuid) -> Result<Vec<User>, StorageError> {
        let sql =
            format!("SELECT {USER_COLUMNS} FROM users WHERE team_lead = $1 ORDER BY name, id");
        self.conn()?
            .query(&sql, &[&lead])?
            .into_iter()
            .map(user_row)
            .collect()
    }

    fn pending_offers(&self, lead: Uuid) -> Result<Vec<ApprovalRequest>, StorageError> {
        requests(
            &mut *self.conn()?,
            "u.team_lead = $1 AND a.kind = 'offer' AND a.status = 'pending'",
            &[&lead],
        )
    }

    fn plans_on(&self, lead: Uuid, date: NaiveDate) -> Result<Vec<ApprovalRequest>, StorageError> {
        requests(
            &mut *self.conn()?,
            "u.team_lead = $1 AND a.kind = 'plan' AND a.plan_date = $2",
            &[&lead, &date],
        )
    }

    fn request(&self, id: Uuid) -> Result<Option<ApprovalRequest>, StorageError> {
        request_in(&mut *self.conn()?, id, false)
    }

    fn decide(&self, id: Uuid, d: &Decision) -> Result<ApprovalRequest, StorageError> {
        let mut conn = self.conn()?;
        let mut tx = conn.transaction()?;
        // Lock order as everywhere: the request (a mutation id), the case
        // row, then the advisory locks sorted by key.
        let req = request_in(&mut tx, id, true)?
            .ok_or_else(|| StorageError::NotFound(format!("request {id}")))?;
        let lead: Option<Uuid> = tx
            .query_opt(
                "SELECT team_lead FROM users WHERE id = $1",
                &[&req.advisor_id],
            )?
            .and_then(|r| r.get(0));
        if lead != Some(d.lead) {
            // Another team's request is not even shown to exist.
            return Err(StorageError::NotFound(format!("request {id}")));
        }
        if req.status != sync_proto::decisions::PENDING {
            return Err(StorageError::AlreadyDecided(already(&req)));
        }
        tx.execute(
            "UPDATE approvals SET status = $2, comment = $3, decided_by = $4, decided_by_name = $5,
               decided_at = $6 WHERE id = $1",
            &[
                &id,
                &d.status,
                &d.comment,
                &d.lead,
                &d.lead_name,
                &whole_seconds(d.at),
            ],
        )?;
        let case = match (req.kind, req.case_id, &d.timeline) {
            (RequestKind::Offer, Some(case_id), Some(line)) => lock_case(&mut tx, case_id)?
                .filter(|(_, f)| f.activities.iter().all(|a| a.id != line.id))
                .map(|(before, mut f)| {
                    f.activities.push(line.clone());
                    (before, f)
                }),
            _ => None,
        };
        // Every feed this transaction appends to, locked up front in key
        // order (write_case takes its own again, which Postgres allows).
        let mut keys: Vec<i64> = std::iter::once(req.advisor_id)
            .chain(case.iter().filter_map(|(before, _)| *before))
            .map(feed_key)
            .collect();
        keys.sort_unstable();
        keys.dedup();
        for key in keys {
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&key])?;
        }
        if let Some((before, file)) = &case {
            write_case(&mut tx, file, holder(file), Some(*before))?;
        }
        log(&mut tx, id, req.advisor_id, "review")?;
        let decided = request_in(&mut tx, id, false)?
            .ok_or_else(|| StorageError::NotFound(format!("request {id}")))?;
        tx.commit()?;
        Ok(decided)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_keep_whole_seconds() {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_nano_opt(10, 0, 0, 999_999_999)
            .unwrap();
        assert_eq!(
            whole_seconds(t),
            t.date().and_hms_opt(10, 0, 0).unwrap(),
            "truncated like the SQLite backend, never rounded up"
        );
    }

    #[test]
    fn an_advisor_always_has_the_same_feed_key() {
        let a = Uuid::from_u128(0x0123_4567_89ab_cdef_0011_2233_4455_6677);
        assert_eq!(feed_key(a), feed_key(a));
        assert_ne!(feed_key(a), feed_key(Uuid::from_u128(1)));
    }
}
