//! The inbox's records (issue #12): one row per thing the field sent,
//! written with its mutation, paged by keyset, decided once.

use crate::rules::whole_seconds;
use chrono::NaiveDateTime;
use sync_proto::{
    CaseFileDto, InboxCursor, InboxItemDto, InboxKind, InboxState, Mutation, MutationKind,
    VisitBody, INBOX_PAGE_MAX,
};

/// An inbox row as the rules write it: new; received at the database's
/// clock when it is inserted (the server's time, in whole seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct NewInboxRow {
    pub id: uuid::Uuid,
    pub kind: InboxKind,
    pub case_id: uuid::Uuid,
    pub advisor_id: uuid::Uuid,
    /// The device's time it was made.
    pub device_at: NaiveDateTime,
    pub summary: String,
}

/// The inbox rows an applied mutation writes: a visit gives its report,
/// and also a door payment when it took or promised money; a contact
/// proposal, a settlement and a question give one each; anything else none.
pub fn inbox_rows(m: &Mutation, file: Option<&CaseFileDto>) -> Vec<NewInboxRow> {
    let kinds: Vec<InboxKind> = match m.kind {
        MutationKind::Visit => {
            let door = serde_json::from_value::<VisitBody>(m.body.clone())
                .is_ok_and(|v| v.receipt.is_some() || v.amount.is_some());
            let mut k = vec![InboxKind::Visit];
            if door {
                k.push(InboxKind::DoorPayment);
            }
            k
        }
        MutationKind::Contact => vec![InboxKind::Contact],
        MutationKind::Settlement => vec![InboxKind::Settlement],
        MutationKind::Message => vec![InboxKind::Message],
        _ => Vec::new(),
    };
    let Some(file) = file else {
        return Vec::new();
    };
    let summary = summary(file);
    kinds
        .into_iter()
        .map(|kind| NewInboxRow {
            id: m.id,
            kind,
            case_id: m.case_id,
            advisor_id: file.advisor_id,
            device_at: whole_seconds(m.created_at),
            summary: summary.clone(),
        })
        .collect()
}

/// The state an item of `kind` takes when the office has handled it: a
/// proposal decided, a settlement registered, a door payment booked, a
/// question answered; a visit report is only read (`None`).
pub fn handled_state(kind: &InboxKind) -> Option<InboxState> {
    match kind {
        InboxKind::Contact => Some(InboxState::Decided),
        InboxKind::Settlement => Some(InboxState::Registered),
        InboxKind::DoorPayment => Some(InboxState::Booked),
        InboxKind::Message => Some(InboxState::Answered),
        _ => None,
    }
}

/// The list's line: the debtor's name and the case number.
pub fn summary(file: &CaseFileDto) -> String {
    format!(
        "{} {} · {}",
        file.debtor.first_name, file.debtor.last_name, file.number
    )
}

/// Which page of the inbox: newest first by (received_at, id, kind),
/// after `cursor`; only the given kind, advisor, state and received
/// between `from` and `to` (inclusive), when given.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InboxFilter {
    pub kind: Option<InboxKind>,
    pub advisor: Option<uuid::Uuid>,
    pub state: Option<InboxState>,
    pub from: Option<NaiveDateTime>,
    pub to: Option<NaiveDateTime>,
    pub cursor: Option<(InboxCursor, InboxKind)>,
    pub limit: u32,
}

impl InboxFilter {
    /// The page size actually read: 1..=100 whatever was asked.
    pub fn page_size(&self) -> u32 {
        self.limit.clamp(1, INBOX_PAGE_MAX)
    }
}

/// A page of the inbox and the counts per kind (of the filter without its
/// kind and cursor, for the navigation).
#[derive(Debug, Clone, PartialEq)]
pub struct InboxPage {
    pub items: Vec<InboxItemDto>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<(InboxCursor, InboxKind)>,
    pub counts: Vec<(InboxKind, u64)>,
}

#[cfg(test)]
mod plans {
    //! The inbox's first page and counts read an index, never the table
    //! (EXPLAIN on both backends).

    use crate::testing::TestSchema;

    #[test]
    fn sqlite_the_first_page_and_the_counts_use_an_index() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("server.sqlite");
        drop(crate::SqliteStorage::open(&path).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        let plan = |f: &crate::InboxFilter, counts: bool| -> String {
            let (sql, args) = crate::sqlite::inbox_sql(f, counts, 51);
            let mut st = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
            let rows = st
                .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
                .unwrap();
            rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
        };
        let all = crate::InboxFilter {
            kind: None,
            advisor: None,
            state: None,
            from: None,
            to: None,
            cursor: None,
            limit: 50,
        };
        let page = plan(&all, false);
        assert!(page.contains("USING INDEX inbox_order"), "{page}");
        assert!(!page.contains("TEMP B-TREE"), "no sort: {page}");
        let counts = plan(&all, true);
        assert!(counts.contains("INDEX inbox_kind"), "{counts}");
        assert!(!counts.contains("TEMP B-TREE"), "no sort: {counts}");
        // One advisor's page and counts read that advisor's index entries.
        let one = crate::InboxFilter {
            advisor: Some(uuid::Uuid::from_u128(7)),
            ..all.clone()
        };
        let page = plan(&one, false);
        assert!(
            page.contains("INDEX inbox_advisor (advisor_id=?)"),
            "{page}"
        );
        // Only the two rows of one visit with money (same time and id) are
        // sorted by kind; the page streams in the index's order.
        assert!(
            !page.contains("TEMP B-TREE FOR ORDER BY"),
            "no sort: {page}"
        );
        let counts = plan(&one, true);
        assert!(
            counts.contains("COVERING INDEX inbox_advisor_kind (advisor_id=?)"),
            "{counts}"
        );
        // A kind's page after a cursor reads the kind's index.
        let kind = crate::InboxFilter {
            kind: Some(sync_proto::InboxKind::Contact),
            cursor: Some((
                sync_proto::InboxCursor {
                    received_at: chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
                        .unwrap()
                        .and_hms_opt(8, 0, 0)
                        .unwrap(),
                    id: uuid::Uuid::from_u128(9),
                },
                sync_proto::InboxKind::Contact,
            )),
            ..all.clone()
        };
        let page = plan(&kind, false);
        assert!(page.contains("INDEX inbox_kind (kind=?"), "{page}");
        assert!(!page.contains("TEMP B-TREE"), "no sort: {page}");
    }

    #[test]
    fn postgres_the_first_page_and_the_counts_use_an_index() {
        let Some(schema) = TestSchema::create("inbox_plans") else {
            return;
        };
        drop(crate::PgStorage::connect(&schema.url).unwrap());
        let mut c = ::postgres::Client::connect(&schema.url, ::postgres::NoTls).unwrap();
        // A few rows only: the planner is told to prefer an index it can use.
        c.batch_execute("SET enable_seqscan = off; ANALYZE inbox")
            .unwrap();
        let explain = |c: &mut ::postgres::Client, sql: &str| -> String {
            c.query(&format!("EXPLAIN {sql}"), &[])
                .unwrap()
                .iter()
                .map(|r| r.get::<_, String>(0))
                .collect::<Vec<_>>()
                .join("\n")
        };
        // Every parameter NULL (no filter, no cursor), the page 101 long.
        let bind = |sql: &str, types: &[&str]| -> String {
            let mut sql = sql.to_owned();
            for (i, t) in types.iter().enumerate().rev() {
                let p = format!("${}", i + 1);
                let v = if *t == "limit" {
                    "101".to_owned()
                } else {
                    format!("NULL::{t}")
                };
                sql = sql.replace(&format!("{p}::{t}"), &p).replace(&p, &v);
            }
            sql
        };
        let page = bind(
            crate::postgres::INBOX_PAGE,
            &[
                "text",
                "uuid",
                "text",
                "timestamp",
                "timestamp",
                "timestamp",
                "uuid",
                "text",
                "limit",
            ],
        );
        let page = explain(&mut c, &page);
        assert!(page.contains("inbox_order"), "{page}");
        assert!(!page.contains("Seq Scan"), "{page}");
        let counts = bind(
            crate::postgres::INBOX_COUNTS,
            &["uuid", "text", "timestamp", "timestamp"],
        );
        let counts = explain(&mut c, &counts);
        assert!(
            counts.contains("Index Only Scan") || counts.contains("Index Scan"),
            "{counts}"
        );
        assert!(!counts.contains("Seq Scan"), "{counts}");
    }
}
