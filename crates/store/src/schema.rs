use crate::StoreError;
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

/// Marks a SQLite file as a Partner replica ("PRTN").
const APPLICATION_ID: i64 = 0x5052_544E;

/// The migrations of the replica, in order; the schema version is their count.
/// Migrations are only ever appended: a device may come back after weeks
/// offline with unsynced work in an old schema, and it must upgrade in place.
pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("../../../migrations/0001_replica.sql")),
        M::up(include_str!("../../../migrations/0002_day_plan.sql")),
        M::up(include_str!("../../../migrations/0003_reviews_policy.sql")),
        M::up(include_str!("../../../migrations/0004_search_rowid.sql")),
        M::up(include_str!(
            "../../../migrations/0005_activity_received.sql"
        )),
        M::up(include_str!("../../../migrations/0006_offers_rates.sql")),
        M::up(include_str!("../../../migrations/0007_visits.sql")),
        M::up(include_str!("../../../migrations/0008_contacts.sql")),
        M::up(include_str!("../../../migrations/0009_visit_photos.sql")),
        M::up(include_str!("../../../migrations/0010_door_receipts.sql")),
        M::up(include_str!("../../../migrations/0011_promise_grace.sql")),
        M::up(include_str!("../../../migrations/0012_messages.sql")),
        M::up(include_str!("../../../migrations/0015_contact_hours.sql")),
        M::up(include_str!("../../../migrations/0016_breathing_space.sql")),
        M::up(include_str!("../../../migrations/0017_cash_payments.sql")),
        M::up(include_str!("../../../migrations/0018_search_fields.sql")),
        M::up(include_str!(
            "../../../migrations/0019_unseen_decisions.sql"
        )),
        M::up(include_str!("../../../migrations/0020_activity_kinds.sql")),
    ])
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 18;

/// The oldest schema version this build can upgrade.
const OLDEST_UPGRADABLE: i64 = 0;

pub(crate) fn check_and_migrate(conn: &mut Connection) -> Result<(), StoreError> {
    check_known(conn)?;
    migrations().to_latest(conn)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    Ok(())
}

/// Refuses a file that is not a Partner replica, or one in a schema this
/// build cannot upgrade; reads nothing else.
pub(crate) fn check_known(conn: &mut Connection) -> Result<(), StoreError> {
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if app_id != APPLICATION_ID && (app_id != 0 || tables > 0) {
        return Err(StoreError::NotAReplica { found: app_id });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::SchemaTooNew {
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    if version < OLDEST_UPGRADABLE {
        return Err(StoreError::SchemaTooOld {
            found: version,
            oldest: OLDEST_UPGRADABLE,
        });
    }
    Ok(())
}

/// "file is not a database" from the first read: an encrypted replica
/// opened without its key, or a file that is no database.
pub(crate) fn unreadable(e: rusqlite::Error) -> StoreError {
    match &e {
        rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::NotADatabase => {
            StoreError::Unreadable
        }
        _ => e.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_validate() {
        migrations().validate().unwrap();
    }

    #[test]
    fn schema_version_matches_migration_count() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrations().to_latest(&mut conn).unwrap();
        let v: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }
}
