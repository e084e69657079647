//! The SQLite backend: one file, no setup; the default.

use crate::*;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rusqlite_migration::{Migrations, M};
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

const DATETIME: &str = "%Y-%m-%dT%H:%M:%S";

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../migrations/sqlite/0001_server.sql")),
        M::up(include_str!("../migrations/sqlite/0002_reviews.sql")),
    ])
}

/// The server's database in one SQLite file. One connection behind a lock:
/// SQLite has one writer anyway, and each call is a short transaction.
#[derive(Debug)]
pub struct SqliteStorage {
    conn: Mutex<Connection>,
}

fn uuid(s: &str) -> Result<Uuid, StorageError> {
    Uuid::parse_str(s).map_err(|_| StorageError::Corrupt(format!("uuid {s:?}")))
}

fn doc(s: &str) -> Result<CaseFileDto, StorageError> {
    serde_json::from_str(s).map_err(|e| StorageError::Corrupt(format!("case document: {e}")))
}

fn json<T: serde::Serialize>(v: &T) -> String {
    // Serializing our own wire types cannot fail: they hold no maps with
    // non-string keys and no failing Serialize impls.
    serde_json::to_string(v).unwrap_or_default()
}

impl SqliteStorage {
    pub fn open(path: &Path) -> Result<Self, StorageError> {
        Self::init(Connection::open(path)?)
    }

    pub fn open_in_memory() -> Result<Self, StorageError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(mut conn: Connection) -> Result<Self, StorageError> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        // FULL: a receipt sent to a device must survive a power cut, or the
        // device would drop work the server lost. Uploads commit once per
        // batch, so this costs one sync per request.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrations().to_latest(&mut conn)?;
        Ok(SqliteStorage {
            conn: Mutex::new(conn),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (the
        // transaction rolls back), so the connection is still usable.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

fn log(tx: &Transaction<'_>, case_id: Uuid, advisor: Uuid, op: &str) -> Result<(), StorageError> {
    tx.prepare_cached("INSERT INTO case_log (case_id, advisor_id, op) VALUES (?1, ?2, ?3)")?
        .execute(params![case_id.to_string(), advisor.to_string(), op])?;
    Ok(())
}

fn current(
    tx: &Transaction<'_>,
    id: Uuid,
) -> Result<Option<(Option<Uuid>, CaseFileDto)>, StorageError> {
    let row: Option<(Option<String>, String)> = tx
        .query_row(
            "SELECT advisor_id, doc FROM cases WHERE id = ?1",
            [id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    row.map(|(a, d)| Ok((a.map(|a| uuid(&a)).transpose()?, doc(&d)?)))
        .transpose()
}

/// Writes a case and feeds the downloads: the advisor holding it gets an
/// upsert; a previous holder gets a removal.
fn write_case(
    tx: &Transaction<'_>,
    file: &CaseFileDto,
    advisor: Option<Uuid>,
) -> Result<(), StorageError> {
    let before = current(tx, file.id)?.and_then(|(a, _)| a);
    tx.prepare_cached(
        "INSERT INTO cases (id, advisor_id, doc) VALUES (?1, ?2, ?3)
         ON CONFLICT(id) DO UPDATE SET advisor_id = excluded.advisor_id, doc = excluded.doc",
    )?
    .execute(params![
        file.id.to_string(),
        advisor.map(|a| a.to_string()),
        json(file)
    ])?;
    if let Some(old) = before.filter(|old| Some(*old) != advisor) {
        log(tx, file.id, old, "remove")?;
    }
    if let Some(a) = advisor {
        log(tx, file.id, a, "upsert")?;
    }
    Ok(())
}

/// The advisor a case belongs to: none once it is closed.
fn holder(file: &CaseFileDto) -> Option<Uuid> {
    (file.status != domain::CaseStatus::Closed.code()).then_some(file.advisor_id)
}

impl Storage for SqliteStorage {
    fn create_user(&self, u: &User) -> Result<(), StorageError> {
        let conn = self.lock();
        let n = conn
            .execute(
                "INSERT INTO users (id, login, name, role, password_hash, advisor, team_lead, offer_policy)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT DO NOTHING",
                params![
                    u.id.to_string(),
                    u.login,
                    u.name,
                    role_code(u.role),
                    u.password_hash,
                    u.advisor.as_ref().map(json),
                    u.team_lead.map(|t| t.to_string()),
                    u.offer_policy.as_ref().map(json)
                ],
            )?;
        if n == 0 {
            return Err(StorageError::Conflict(format!("user {}", u.login)));
        }
        Ok(())
    }

    fn user_by_login(&self, login: &str) -> Result<Option<User>, StorageError> {
        self.user_where("login = ?1", login)
    }

    fn user(&self, id: Uuid) -> Result<Option<User>, StorageError> {
        self.user_where("id = ?1", &id.to_string())
    }

    fn register_device(&self, d: &Device, token_hash: &str) -> Result<(), StorageError> {
        let conn = self.lock();
        conn.execute(
            "INSERT INTO devices (id, user_id, name, token_hash, expires_at, revoked) VALUES (?1, ?2, ?3, ?4, ?5, 0)
             ON CONFLICT(id) DO UPDATE SET user_id = excluded.user_id, name = excluded.name,
               token_hash = excluded.token_hash, expires_at = excluded.expires_at
             WHERE devices.revoked = 0",
            params![
                d.id.to_string(),
                d.user_id.to_string(),
                d.name,
                token_hash,
                d.expires_at.format(DATETIME).to_string()
            ],
        )?;
        Ok(())
    }

    fn device_by_token(&self, token_hash: &str) -> Result<Option<Device>, StorageError> {
        let conn = self.lock();
        let row: Option<(String, String, String, String, bool)> = conn
            .query_row(
                "SELECT id, user_id, name, expires_at, revoked FROM devices WHERE token_hash = ?1",
                [token_hash],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        row.map(|(id, user_id, name, expires_at, revoked)| {
            Ok(Device {
                id: uuid(&id)?,
                user_id: uuid(&user_id)?,
                name,
                expires_at: NaiveDateTime::parse_from_str(&expires_at, DATETIME)
                    .map_err(|_| StorageError::Corrupt(format!("expires_at {expires_at:?}")))?,
                revoked,
            })
        })
        .transpose()
    }

    fn revoke_device(&self, id: Uuid) -> Result<(), StorageError> {
        let n = self.lock().execute(
            "UPDATE devices SET revoked = 1 WHERE id = ?1",
            [id.to_string()],
        )?;
        if n == 0 {
            return Err(StorageError::NotFound(format!("device {id}")));
        }
        Ok(())
    }

    fn put_case(&self, file: &CaseFileDto) -> Result<(), StorageError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        write_case(&tx, file, holder(file))?;
        tx.commit()?;
        Ok(())
    }

    fn case(&self, id: Uuid) -> Result<Option<CaseFileDto>, StorageError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        Ok(current(&tx, id)?.map(|(_, d)| d))
    }

    fn assign(&self, case_id: Uuid, advisor: Option<Uuid>) -> Result<(), StorageError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let (_, mut file) = current(&tx, case_id)?
            .ok_or_else(|| StorageError::NotFound(format!("case {case_id}")))?;
        if let Some(a) = advisor {
            file.advisor_id = a;
        }
        write_case(&tx, &file, advisor.filter(|_| holder(&file).is_some()))?;
        tx.commit()?;
        Ok(())
    }

    fn cases_of(&self, advisor: Uuid) -> Result<Vec<CaseFileDto>, StorageError> {
        let conn = self.lock();
        let mut st =
            conn.prepare_cached("SELECT doc FROM cases WHERE advisor_id = ?1 ORDER BY id")?;
        let docs = st.query_map([advisor.to_string()], |r| r.get::<_, String>(0))?;
        docs.map(|d| doc(&d?)).collect()
    }

    fn changes(&self, advisor: Uuid, cursor: u64, limit: u32) -> Result<Page, StorageError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let key = advisor.to_string();
        let rows: Vec<(i64, String, String)> = {
            let mut st = tx.prepare_cached(
                "SELECT seq, case_id, op FROM case_log WHERE advisor_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
            )?;
            let rows = st.query_map(
                params![key, i64::try_from(cursor).unwrap_or(i64::MAX), limit],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
            rows.collect::<Result<_, _>>()?
        };
        let more = rows.len() == limit as usize;
        let next_cursor = rows
            .last()
            .map_or(cursor, |r| u64::try_from(r.0).unwrap_or(cursor));
        // Within a page only the last operation per case matters.
        let mut last: Vec<(String, String)> = Vec::new();
        for (_, case_id, op) in rows {
            last.retain(|(c, _)| *c != case_id);
            last.push((case_id, op));
        }
        let mut changes = Vec::with_capacity(last.len());
        let mut reviews = Vec::new();
        for (case_id, op) in last {
            let id = uuid(&case_id)?;
            match op.as_str() {
                "review" => {
                    if let Some(r) = request_in(&tx, id)? {
                        reviews.push(r.review());
                    }
                }
                "upsert" => match current(&tx, id)? {
                    // Only what the advisor holds now is sent; if the case has
                    // moved on since, a removal follows later in the feed.
                    Some((Some(a), file)) if a == advisor => changes.push(Change::Upsert {
                        file: Box::new(file),
                    }),
                    _ => changes.push(Change::Remove { case_id: id }),
                },
                _ => changes.push(Change::Remove { case_id: id }),
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
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let outcome = apply_in(&tx, device, m, cases, apply)?;
        tx.commit()?;
        Ok(outcome)
    }

    fn apply_batch(
        &self,
        device: &Device,
        items: &[BatchItem],
        apply: &ApplyBatchEffect<'_>,
    ) -> Result<Vec<Outcome>, StorageError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let outcomes = items
            .iter()
            .map(|i| {
                apply_in(&tx, device, &i.mutation, &i.cases, &|now, held| {
                    apply(&i.mutation, now, held)
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        tx.commit()?;
        Ok(outcomes)
    }

    fn mutation_count(&self, id: Uuid) -> Result<u64, StorageError> {
        let n: i64 = self.lock().query_row(
            "SELECT count(*) FROM mutations WHERE id = ?1",
            [id.to_string()],
            |r| r.get(0),
        )?;
        Ok(u64::try_from(n).unwrap_or(0))
    }

    fn applied_mutation(&self, id: Uuid) -> Result<Option<Mutation>, StorageError> {
        let row: Option<(String, String, String, String)> = self
            .lock()
            .query_row(
                "SELECT case_id, created_at, kind, body FROM mutations
                 WHERE id = ?1 AND outcome = 'applied'",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((case_id, created_at, kind, body)) = row else {
            return Ok(None);
        };
        let corrupt = |what: &str| StorageError::Corrupt(format!("mutation {id}: {what}"));
        Ok(Some(Mutation {
            id,
            case_id: Uuid::parse_str(&case_id).map_err(|_| corrupt("case id"))?,
            created_at: NaiveDateTime::parse_from_str(&created_at, DATETIME)
                .map_err(|_| corrupt("time"))?,
            kind: kind.into(),
            body: serde_json::from_str(&body).map_err(|_| corrupt("body"))?,
        }))
    }

    fn set_offer_policy(
        &self,
        advisor: Uuid,
        policy: Option<&OfferPolicyDto>,
    ) -> Result<(), StorageError> {
        let n = self.lock().execute(
            "UPDATE users SET offer_policy = ?2 WHERE id = ?1 AND role = 'advisor'",
            params![advisor.to_string(), policy.map(json)],
        )?;
        if n == 0 {
            return Err(StorageError::NotFound(format!("advisor {advisor}")));
        }
        Ok(())
    }

    fn team_of(&self, lead: Uuid) -> Result<Vec<User>, StorageError> {
        let conn = self.lock();
        let sql =
            format!("SELECT {USER_COLUMNS} FROM users WHERE team_lead = ?1 ORDER BY name, id");
        let mut st = conn.prepare(&sql)?;
        let mut rows = st.query([lead.to_string()])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(user_row(r)?);
        }
        Ok(out)
    }

    fn pending_offers(&self, lead: Uuid) -> Result<Vec<ApprovalRequest>, StorageError> {
        requests(
            &self.lock(),
            "u.team_lead = ?1 AND a.kind = 'offer' AND a.status = 'pending'",
            &[&lead.to_string()],
        )
    }

    fn plans_on(&self, lead: Uuid, date: NaiveDate) -> Result<Vec<ApprovalRequest>, StorageError> {
        requests(
            &self.lock(),
            "u.team_lead = ?1 AND a.kind = 'plan' AND a.plan_date = ?2",
            &[&lead.to_string(), &date.to_string()],
        )
    }

    fn request(&self, id: Uuid) -> Result<Option<ApprovalRequest>, StorageError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        request_in(&tx, id)
    }

    fn decide(&self, id: Uuid, d: &Decision) -> Result<ApprovalRequest, StorageError> {
        let mut conn = self.lock();
        let tx = conn.transaction()?;
        let req =
            request_in(&tx, id)?.ok_or_else(|| StorageError::NotFound(format!("request {id}")))?;
        let lead: Option<String> = tx
            .query_row(
                "SELECT team_lead FROM users WHERE id = ?1",
                [req.advisor_id.to_string()],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        if lead != Some(d.lead.to_string()) {
            // Another team's request is not even shown to exist.
            return Err(StorageError::NotFound(format!("request {id}")));
        }
        if req.status != sync_proto::decisions::PENDING {
            return Err(StorageError::AlreadyDecided(already(&req)));
        }
        tx.execute(
            "UPDATE approvals SET status = ?2, comment = ?3, decided_by = ?4, decided_by_name = ?5, decided_at = ?6
             WHERE id = ?1",
            params![
                id.to_string(),
                d.status,
                d.comment,
                d.lead.to_string(),
                d.lead_name,
                d.at.format(DATETIME).to_string()
            ],
        )?;
        if let (RequestKind::Offer, Some(case_id), Some(line)) =
            (req.kind, req.case_id, &d.timeline)
        {
            if let Some((_, mut file)) = current(&tx, case_id)? {
                if file.activities.iter().all(|a| a.id != line.id) {
                    file.activities.push(line.clone());
                    write_case(&tx, &file, holder(&file))?;
                }
            }
        }
        log(&tx, id, req.advisor_id, "review")?;
        let decided =
            request_in(&tx, id)?.ok_or_else(|| StorageError::NotFound(format!("request {id}")))?;
        tx.commit()?;
        Ok(decided)
    }
}

impl SqliteStorage {
    fn user_where(&self, cond: &str, value: &str) -> Result<Option<User>, StorageError> {
        let conn = self.lock();
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE {cond}");
        let mut st = conn.prepare(&sql)?;
        let mut rows = st.query([value])?;
        rows.next()?.map(user_row).transpose()
    }
}

const USER_COLUMNS: &str = "id, login, name, role, password_hash, advisor, team_lead, offer_policy";

fn user_row(r: &rusqlite::Row<'_>) -> Result<User, StorageError> {
    let id: String = r.get(0)?;
    let role: String = r.get(3)?;
    let advisor: Option<String> = r.get(5)?;
    let team_lead: Option<String> = r.get(6)?;
    let policy: Option<String> = r.get(7)?;
    Ok(User {
        id: uuid(&id)?,
        login: r.get(1)?,
        name: r.get(2)?,
        role: role_from(&role)?,
        password_hash: r.get(4)?,
        advisor: advisor
            .map(|a| {
                serde_json::from_str(&a).map_err(|e| StorageError::Corrupt(format!("advisor: {e}")))
            })
            .transpose()?,
        team_lead: team_lead.map(|t| uuid(&t)).transpose()?,
        offer_policy: policy
            .map(|p| {
                serde_json::from_str(&p)
                    .map_err(|e| StorageError::Corrupt(format!("offer policy: {e}")))
            })
            .transpose()?,
    })
}

const REQUEST_COLUMNS: &str = "a.id, a.kind, a.advisor_id, a.case_id, a.plan_date, a.body, a.submitted_at, a.status, a.comment, a.decided_by, a.decided_by_name, a.decided_at";

fn time(s: &str) -> Result<NaiveDateTime, StorageError> {
    NaiveDateTime::parse_from_str(s, DATETIME)
        .map_err(|_| StorageError::Corrupt(format!("time {s:?}")))
}

fn request_row(r: &rusqlite::Row<'_>) -> Result<ApprovalRequest, StorageError> {
    let id: String = r.get(0)?;
    let kind: String = r.get(1)?;
    let advisor: String = r.get(2)?;
    let case_id: Option<String> = r.get(3)?;
    let plan_date: Option<String> = r.get(4)?;
    let body: String = r.get(5)?;
    let submitted: String = r.get(6)?;
    let decided_by: Option<String> = r.get(9)?;
    let decided_at: Option<String> = r.get(11)?;
    Ok(ApprovalRequest {
        id: uuid(&id)?,
        kind: RequestKind::from_code(&kind)?,
        advisor_id: uuid(&advisor)?,
        case_id: case_id.map(|c| uuid(&c)).transpose()?,
        plan_date: plan_date
            .map(|d| {
                d.parse::<NaiveDate>()
                    .map_err(|_| StorageError::Corrupt(format!("plan date {d:?}")))
            })
            .transpose()?,
        body: serde_json::from_str(&body)
            .map_err(|e| StorageError::Corrupt(format!("request body: {e}")))?,
        submitted_at: time(&submitted)?,
        status: r.get(7)?,
        comment: r.get(8)?,
        decided_by: decided_by.map(|d| uuid(&d)).transpose()?,
        decided_by_name: r.get(10)?,
        decided_at: decided_at.map(|t| time(&t)).transpose()?,
    })
}

fn request_in(tx: &Transaction<'_>, id: Uuid) -> Result<Option<ApprovalRequest>, StorageError> {
    let sql = format!("SELECT {REQUEST_COLUMNS} FROM approvals a WHERE a.id = ?1");
    let mut st = tx.prepare_cached(&sql)?;
    let mut rows = st.query([id.to_string()])?;
    rows.next()?.map(request_row).transpose()
}

fn requests(
    conn: &Connection,
    cond: &str,
    args: &[&dyn rusqlite::ToSql],
) -> Result<Vec<ApprovalRequest>, StorageError> {
    let sql = format!(
        "SELECT {REQUEST_COLUMNS} FROM approvals a JOIN users u ON u.id = a.advisor_id
         WHERE {cond} ORDER BY a.submitted_at, a.id"
    );
    let mut st = conn.prepare_cached(&sql)?;
    let mut rows = st.query(args)?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(request_row(r)?);
    }
    Ok(out)
}

/// One mutation inside the caller's transaction: exactly once (a repeat
/// answers as the first time); the effect and the mutation row together.
fn apply_in(
    tx: &Transaction<'_>,
    device: &Device,
    m: &Mutation,
    cases: &[Uuid],
    apply: &ApplyEffect<'_>,
) -> Result<Outcome, StorageError> {
    let seen: Option<(String, Option<String>, Option<String>)> = tx
        .query_row(
            "SELECT outcome, code, reason FROM mutations WHERE id = ?1",
            [m.id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((outcome, code, reason)) = seen {
        return Ok(match outcome.as_str() {
            "applied" => Outcome::Duplicate,
            _ => Outcome::Rejected {
                code: code.unwrap_or_default().into(),
                reason: reason.unwrap_or_default(),
            },
        });
    }
    let now = current(tx, m.case_id)?.map(|(_, d)| d);
    let mut holders = Holders::new();
    for id in cases {
        let held: Option<Option<String>> = tx
            .query_row(
                "SELECT advisor_id FROM cases WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(Some(a)) = held {
            holders.insert(*id, uuid(&a)?);
        }
    }
    let result = apply(now, &holders);
    let (outcome, code, reason) = match &result {
        Ok(effect) => {
            if let Some(file) = &effect.case {
                write_case(tx, file, holder(file))?;
            }
            if let Some(r) = &effect.request {
                tx.prepare_cached(
                    "INSERT INTO approvals (id, kind, advisor_id, case_id, plan_date, body, submitted_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    m.id.to_string(),
                    r.kind.code(),
                    device.user_id.to_string(),
                    r.case_id.map(|c| c.to_string()),
                    r.plan_date.map(|d| d.to_string()),
                    json(&r.body),
                    m.created_at.format(DATETIME).to_string()
                ])?;
            }
            (Outcome::Applied, None, None)
        }
        Err((code, reason)) => (
            Outcome::Rejected {
                code: code.as_str().into(),
                reason: reason.clone(),
            },
            Some(code.clone()),
            Some(reason.clone()),
        ),
    };
    tx.prepare_cached(
        "INSERT INTO mutations (id, device_id, user_id, case_id, kind, body, created_at, outcome, code, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        m.id.to_string(),
        device.id.to_string(),
        device.user_id.to_string(),
        m.case_id.to_string(),
        m.kind.code(),
        json(&m.body),
        m.created_at.format(DATETIME).to_string(),
        if result.is_ok() { "applied" } else { "rejected" },
        code,
        reason
    ])?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

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
