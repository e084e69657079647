//! The replica on a real SQLite file: round trips, search, schema guards.

use chrono::NaiveDate;
use domain::*;
use store::{CaseQuery, OutboxState, Store, StoreError};
use tempfile::TempDir;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn portfolio(cases: usize) -> demo::Portfolio {
    demo::generate(&demo::DemoConfig {
        seed: 7,
        cases,
        advisors: 2,
        today: today(),
    })
}

/// Orders the lists whose order the replica does not keep, so two case files
/// can be compared with `==`.
fn canonical(mut f: CaseFile) -> CaseFile {
    f.payments.sort_by_key(|p| (p.paid_on, p.id));
    f.promises.sort_by_key(|p| (p.due_on, p.id));
    f.activities.sort_by_key(|a| (a.at, a.id));
    f
}

fn file_store(dir: &TempDir) -> Store {
    Store::open(&dir.path().join("replica.sqlite")).unwrap()
}

#[test]
fn every_entity_round_trips_through_a_real_file() {
    let dir = TempDir::new().unwrap();
    let mut p = portfolio(120);
    // The workflow's own kinds (written by the app, not in an imported
    // history) on one case, so every kind round-trips.
    {
        let f = &mut p.cases[0];
        let at = f.activities.first().map_or_else(
            || {
                chrono::NaiveDate::from_ymd_opt(2026, 11, 2)
                    .unwrap()
                    .and_hms_opt(10, 0, 0)
                    .unwrap()
            },
            |a| a.at,
        );
        for (n, kind) in [
            ActivityKind::Offer,
            ActivityKind::Approval,
            ActivityKind::Settlement,
            ActivityKind::Message,
        ]
        .into_iter()
        .enumerate()
        {
            f.activities.push(domain::Activity {
                id: domain::ActivityId(uuid::Uuid::from_u128(0xAC71 + n as u128)),
                case_id: f.case.id,
                at: at + chrono::Duration::minutes(n as i64 + 1),
                kind,
                author: "Doradca".into(),
                summary: format!("{kind:?}"),
                received_at: None,
            });
        }
    }
    {
        let mut s = file_store(&dir);
        s.import(&p.advisors, &p.cases).unwrap();
    }
    // Reopen: what was committed is what is read back.
    let s = file_store(&dir);
    assert_eq!(s.case_count().unwrap(), 120);
    let mut advisors = p.advisors.clone();
    advisors.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(s.advisors().unwrap(), advisors);
    let mut seen_kinds = std::collections::HashSet::new();
    for f in &p.cases {
        let back = s
            .case_file(f.case.id)
            .unwrap()
            .expect("case is in the replica");
        assert_eq!(
            canonical(back),
            canonical(f.clone()),
            "case {}",
            f.case.number
        );
        seen_kinds.extend(f.activities.iter().map(|a| a.kind));
    }
    // The sample is rich enough to have exercised every timeline kind.
    assert_eq!(seen_kinds.len(), ActivityKind::ALL.len());
}

#[test]
fn saving_a_case_again_replaces_it() {
    let dir = TempDir::new().unwrap();
    let p = portfolio(5);
    let mut s = file_store(&dir);
    s.import(&p.advisors, &p.cases).unwrap();
    let mut f = p.cases[0].clone();
    f.payments.clear();
    f.debts.truncate(1);
    f.debtor.last_name = "Żółkiewska".into();
    s.save_case_file(&f).unwrap();
    assert_eq!(
        canonical(s.case_file(f.case.id).unwrap().unwrap()),
        canonical(f.clone())
    );
    let hits = s
        .search(&CaseQuery {
            text: "zolkiewska".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(
        hits.iter().map(|h| h.id).collect::<Vec<_>>(),
        vec![f.case.id]
    );
    // Saved again and again: still one search row per case.
    for _ in 0..3 {
        s.save_case_file(&f).unwrap();
    }
    drop(s);
    let conn = rusqlite::Connection::open(dir.path().join("replica.sqlite")).unwrap();
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM case_search", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 5);
}

#[test]
fn removing_a_case_removes_everything_under_it() {
    let dir = TempDir::new().unwrap();
    let p = portfolio(10);
    let mut s = file_store(&dir);
    s.import(&p.advisors, &p.cases).unwrap();
    let f = &p.cases[3];
    s.remove_case(f.case.id).unwrap();
    assert_eq!(s.case_file(f.case.id).unwrap(), None);
    assert_eq!(s.case_count().unwrap(), 9);
    let hits = s
        .search(&CaseQuery {
            text: f.case.number.clone(),
            ..Default::default()
        })
        .unwrap();
    assert!(hits.is_empty(), "{hits:?}");
}

#[test]
fn search_ignores_diacritics_and_finds_by_phone_and_number() {
    let dir = TempDir::new().unwrap();
    let p = portfolio(300);
    let mut s = file_store(&dir);
    s.import(&p.advisors, &p.cases).unwrap();

    // "Wojcik" typed without the accent finds every "Wójcik" and nothing else.
    let expected: std::collections::BTreeSet<CaseId> = p
        .cases
        .iter()
        .filter(|c| c.debtor.last_name == "Wójcik")
        .map(|c| c.case.id)
        .collect();
    assert!(!expected.is_empty(), "the demo portfolio has a Wójcik");
    let found: std::collections::BTreeSet<CaseId> = s
        .search(&CaseQuery {
            text: "Wojcik".into(),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|h| h.id)
        .collect();
    assert_eq!(found, expected);

    // A surname with "ł" folds too ("Michal" finds "Michał").
    let with_l = p
        .cases
        .iter()
        .find(|c| c.debtor.full_name().contains('ł'))
        .unwrap();
    let typed = domain::search::fold(&with_l.debtor.last_name);
    let hits = s
        .search(&CaseQuery {
            text: typed,
            ..Default::default()
        })
        .unwrap();
    assert!(hits.iter().any(|h| h.id == with_l.case.id));

    // By phone, typed the way people say it.
    let with_phone = p
        .cases
        .iter()
        .find(|c| !c.debtor.phones.is_empty())
        .unwrap();
    let e164 = &with_phone.debtor.phones[0].number;
    let national = &e164[3..];
    for typed in [
        format!("{} {} {}", &national[..3], &national[3..6], &national[6..]),
        national.to_string(),
        e164.clone(),
        national[..6].to_string(),
    ] {
        let hits = s
            .search(&CaseQuery {
                text: typed.clone(),
                ..Default::default()
            })
            .unwrap();
        assert!(
            hits.iter().any(|h| h.id == with_phone.case.id),
            "phone typed as {typed}"
        );
    }

    // By case number, whole or in part.
    let f = &p.cases[42];
    for typed in [
        f.case.number.clone(),
        f.case.number.to_lowercase(),
        f.case.number[8..].to_string(),
    ] {
        let hits = s
            .search(&CaseQuery {
                text: typed.clone(),
                ..Default::default()
            })
            .unwrap();
        assert!(
            hits.iter().any(|h| h.id == f.case.id),
            "number typed as {typed}"
        );
    }

    // By town.
    let town = f.debtor.visit_address().unwrap().city.clone();
    let hits = s
        .search(&CaseQuery {
            text: domain::search::fold(&town),
            ..Default::default()
        })
        .unwrap();
    assert!(hits.iter().any(|h| h.id == f.case.id));

    // Nothing matches gibberish, and punctuation alone finds nothing.
    assert!(s
        .search(&CaseQuery {
            text: "qxzqxz".into(),
            ..Default::default()
        })
        .unwrap()
        .is_empty());
    assert!(s
        .search(&CaseQuery {
            text: "--".into(),
            ..Default::default()
        })
        .unwrap()
        .is_empty());
}

/// Issue 11: the list's promise summary hid a later promise due soon
/// behind the earliest pending one; the row now carries the ledger's
/// inputs, and the ledger on the day gives the next promise still open.
#[test]
fn the_case_list_row_gives_the_next_open_promise_on_the_day() {
    let p = portfolio(10);
    let mut s = Store::open_in_memory().unwrap();
    s.import(&p.advisors, &p.cases).unwrap();
    let mut f = p.cases[0].clone();
    let promise = |n: u128, due_on: NaiveDate| Promise {
        id: PromiseId(uuid::Uuid::from_u128(n)),
        case_id: f.case.id,
        made_on: NaiveDate::from_ymd_opt(2026, 10, 20).unwrap(),
        due_on,
        amount: Money::from_grosze(300_00),
        status: PromiseStatus::Pending,
    };
    let old = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
    let soon = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    f.promises = vec![promise(1, old), promise(2, soon)];
    f.payments
        .retain(|p| p.paid_on < NaiveDate::from_ymd_opt(2026, 10, 20).unwrap());
    s.save_case_file(&f).unwrap();
    let row = s
        .search(&CaseQuery::default())
        .unwrap()
        .into_iter()
        .find(|r| r.id == f.case.id)
        .unwrap();
    let rules = status::PromiseRules::default();
    // On 23.11.2026 the promise of 2.11 is broken (from 6.11); the next
    // open one is due 25.11.
    let v = row.verdict(today(), &rules);
    assert_eq!(v.ledger.next_open().map(|p| p.due_on), Some(soon));
    assert_eq!(v.ledger.broken().count(), 1);
    // On 29.10 both were still open and the earlier was next.
    let before = row.verdict(NaiveDate::from_ymd_opt(2026, 10, 29).unwrap(), &rules);
    assert_eq!(before.ledger.next_open().map(|p| p.due_on), Some(old));
}

#[test]
fn case_list_rows_carry_the_key_facts() {
    let p = portfolio(60);
    let mut s = Store::open_in_memory().unwrap();
    s.import(&p.advisors, &p.cases).unwrap();
    let all = s.search(&CaseQuery::default()).unwrap();
    assert_eq!(all.len(), 60);
    for row in &all {
        let f = p.cases.iter().find(|c| c.case.id == row.id).unwrap();
        assert_eq!(row.outstanding, f.outstanding().total());
        assert_eq!(row.debtor_name, f.debtor.full_name());
        assert_eq!(row.status, f.case.status);
        assert_eq!(row.limitation_date, f.limitation_date());
        assert_eq!(row.vulnerable, f.is_vulnerable());
        // The promise ledger's inputs: every promise and, for a case with
        // promises, every payment (issue 11).
        assert_eq!(row.promises.len(), f.promises.len());
        let payments = if f.promises.is_empty() {
            0
        } else {
            f.payments.len()
        };
        assert_eq!(row.payments.len(), payments);
    }
    // Sorted by folded surname.
    let keys: Vec<String> = all
        .iter()
        .map(|r| {
            let f = p.cases.iter().find(|c| c.case.id == r.id).unwrap();
            domain::search::fold(&format!("{} {}", f.debtor.last_name, f.debtor.first_name))
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // Status filter and limit.
    let status = all[0].status;
    let filtered = s
        .search(&CaseQuery {
            status: Some(status),
            ..Default::default()
        })
        .unwrap();
    assert!(!filtered.is_empty() && filtered.iter().all(|r| r.status == status));
    assert_eq!(
        s.search(&CaseQuery {
            limit: Some(7),
            ..Default::default()
        })
        .unwrap()
        .len(),
        7
    );
}

#[test]
fn a_replica_from_a_newer_app_is_refused_and_left_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.sqlite");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", store::SCHEMA_VERSION + 1)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(StoreError::SchemaTooNew { found, known }) => {
            assert_eq!(
                (found, known),
                (store::SCHEMA_VERSION + 1, store::SCHEMA_VERSION)
            );
        }
        other => panic!("expected SchemaTooNew, got {other:?}"),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let message = Store::open(&path).unwrap_err().to_string();
    assert!(message.contains("update the app"), "{message}");
}

#[test]
fn a_foreign_sqlite_file_is_refused() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('keep me');")
            .unwrap();
    }
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NotAReplica { .. })
    ));
    let conn = rusqlite::Connection::open(&path).unwrap();
    let x: String = conn
        .query_row("SELECT x FROM notes", [], |r| r.get(0))
        .unwrap();
    assert_eq!(x, "keep me");
}

#[test]
fn outbox_and_sync_state_persist() {
    let dir = TempDir::new().unwrap();
    let m1 = uuid::Uuid::from_u128(1);
    let m2 = uuid::Uuid::from_u128(2);
    let at = today().and_hms_opt(9, 30, 0).unwrap();
    {
        let mut s = file_store(&dir);
        s.outbox_push(m1, "visit_report", None, "{\"a\":1}", at)
            .unwrap();
        s.outbox_push(m2, "note", Some(uuid::Uuid::from_u128(9)), "{}", at)
            .unwrap();
        // The same mutation id twice is a programming error the schema stops.
        assert!(s.outbox_push(m1, "visit_report", None, "{}", at).is_err());
        s.set_sync_value("cursor", "41").unwrap();
        s.set_sync_value("cursor", "42").unwrap();
    }
    let mut s = file_store(&dir);
    let pending = s.outbox(OutboxState::Pending).unwrap();
    assert_eq!(
        pending.iter().map(|i| i.mutation_id).collect::<Vec<_>>(),
        vec![m1, m2]
    );
    assert_eq!(pending[1].case_id, Some(uuid::Uuid::from_u128(9)));
    s.outbox_mark(m1, OutboxState::Rejected, Some("case closed"))
        .unwrap();
    assert_eq!(s.outbox_counts().unwrap(), (1, 1));
    let rejected = s.outbox(OutboxState::Rejected).unwrap();
    assert_eq!(rejected[0].last_error.as_deref(), Some("case closed"));
    assert_eq!(rejected[0].attempts, 1);
    assert_eq!(s.sync_value("cursor").unwrap().as_deref(), Some("42"));
    assert_eq!(s.sync_value("missing").unwrap(), None);
}
