//! The storage story suite. Every backend must pass it; today it runs on
//! SQLite files.

use chrono::NaiveDate;
use server_storage::{Device, SqliteStorage, Storage, StorageError, User};
use sync_proto::{CaseFileDto, Change, Mutation, Outcome, Role};
use uuid::Uuid;

fn backend() -> (tempfile::TempDir, SqliteStorage) {
    let dir = tempfile::TempDir::new().unwrap();
    let s = SqliteStorage::open(&dir.path().join("server.sqlite")).unwrap();
    (dir, s)
}

fn portfolio() -> demo::Portfolio {
    demo::generate(&demo::DemoConfig {
        seed: 21,
        cases: 40,
        advisors: 2,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    })
}

fn open_cases(p: &demo::Portfolio, advisor: Uuid) -> Vec<Uuid> {
    let mut v: Vec<Uuid> = p
        .cases
        .iter()
        .filter(|c| c.case.advisor_id.0 == advisor && c.case.status.is_open())
        .map(|c| c.case.id.0)
        .collect();
    v.sort();
    v
}

fn load(s: &dyn Storage, p: &demo::Portfolio) {
    for f in &p.cases {
        s.put_case(&CaseFileDto::from(f)).unwrap();
    }
}

/// Follows the feed like a device does and returns the case ids it holds.
fn follow(
    s: &dyn Storage,
    advisor: Uuid,
    held: &mut std::collections::BTreeSet<Uuid>,
    cursor: &mut u64,
    limit: u32,
) {
    loop {
        let page = s.changes(advisor, *cursor, limit).unwrap();
        for c in page.changes {
            match c {
                Change::Upsert { file } => {
                    assert_eq!(
                        file.advisor_id, advisor,
                        "only the advisor's own cases are sent"
                    );
                    held.insert(file.id);
                }
                Change::Remove { case_id } => {
                    held.remove(&case_id);
                }
            }
        }
        assert!(page.next_cursor >= *cursor);
        *cursor = page.next_cursor;
        if !page.more {
            break;
        }
    }
}

fn user(login: &str, role: Role) -> User {
    User {
        id: Uuid::from_u128(
            login.len() as u128 * 7919 + login.bytes().map(u128::from).sum::<u128>(),
        ),
        login: login.into(),
        name: login.into(),
        role,
        password_hash: "hash".into(),
        advisor: None,
    }
}

#[test]
fn users_and_devices() {
    let (_d, s) = backend();
    let u = user("jan", Role::Advisor);
    s.create_user(&u).unwrap();
    assert!(matches!(s.create_user(&u), Err(StorageError::Conflict(_))));
    assert_eq!(s.user_by_login("jan").unwrap(), Some(u.clone()));
    assert_eq!(s.user(u.id).unwrap(), Some(u.clone()));
    assert_eq!(s.user_by_login("nobody").unwrap(), None);

    let dev = Device {
        id: Uuid::from_u128(77),
        user_id: u.id,
        name: "tablet".into(),
        expires_at: NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
        revoked: false,
    };
    s.register_device(&dev, "h1").unwrap();
    assert_eq!(s.device_by_token("h1").unwrap(), Some(dev.clone()));
    // A new login replaces the token.
    s.register_device(&dev, "h2").unwrap();
    assert_eq!(s.device_by_token("h1").unwrap(), None);
    s.revoke_device(dev.id).unwrap();
    assert!(s.device_by_token("h2").unwrap().unwrap().revoked);
    // A revoked device stays revoked, even if it logs in again.
    s.register_device(&dev, "h3").unwrap();
    assert_eq!(s.device_by_token("h3").unwrap(), None);
    assert!(s.device_by_token("h2").unwrap().unwrap().revoked);
}

#[test]
fn each_advisor_gets_exactly_their_cases_in_pages() {
    let (_d, s) = backend();
    let p = portfolio();
    load(&s, &p);
    for a in &p.advisors {
        for limit in [1, 3, 1000] {
            let mut held = Default::default();
            let mut cursor = 0;
            follow(&s, a.id.0, &mut held, &mut cursor, limit);
            assert_eq!(
                held.into_iter().collect::<Vec<_>>(),
                open_cases(&p, a.id.0),
                "limit {limit}"
            );
            // Nothing new: an empty page at the same cursor.
            let again = s.changes(a.id.0, cursor, limit).unwrap();
            assert!(again.changes.is_empty() && !again.more && again.next_cursor == cursor);
        }
    }
}

#[test]
fn reassigned_and_closed_cases_leave_the_device() {
    let (_d, s) = backend();
    let p = portfolio();
    load(&s, &p);
    let (a, b) = (p.advisors[0].id.0, p.advisors[1].id.0);
    let (mut held_a, mut cur_a) = (Default::default(), 0);
    let (mut held_b, mut cur_b) = (Default::default(), 0);
    follow(&s, a, &mut held_a, &mut cur_a, 5);
    follow(&s, b, &mut held_b, &mut cur_b, 5);
    let moved = open_cases(&p, a)[0];
    s.assign(moved, Some(b)).unwrap();
    follow(&s, a, &mut held_a, &mut cur_a, 5);
    follow(&s, b, &mut held_b, &mut cur_b, 5);
    assert!(!held_a.contains(&moved) && held_b.contains(&moved));
    assert_eq!(s.case(moved).unwrap().unwrap().advisor_id, b);

    // Closing by the back office removes it too.
    let mut file = s.case(moved).unwrap().unwrap();
    file.status = "closed".into();
    s.put_case(&file).unwrap();
    follow(&s, b, &mut held_b, &mut cur_b, 5);
    assert!(!held_b.contains(&moved));
    assert!(s.cases_of(b).unwrap().iter().all(|c| c.id != moved));
}

#[test]
fn a_mutation_applies_exactly_once_and_a_rejection_is_remembered() {
    let (_d, s) = backend();
    let p = portfolio();
    load(&s, &p);
    let case = open_cases(&p, p.advisors[0].id.0)[0];
    let dev = Device {
        id: Uuid::from_u128(1),
        user_id: Uuid::from_u128(2),
        name: "t".into(),
        expires_at: NaiveDate::from_ymd_opt(2027, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
        revoked: false,
    };
    let m = Mutation {
        id: Uuid::from_u128(10),
        case_id: case,
        created_at: NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
        kind: "note".into(),
        body: serde_json::json!({"text": "x"}),
    };
    let calls = std::cell::Cell::new(0);
    let add_number_suffix = |f: Option<CaseFileDto>| {
        calls.set(calls.get() + 1);
        let mut f = f.unwrap();
        f.number.push('!');
        Ok(f)
    };
    assert_eq!(
        s.apply_mutation(&dev, &m, &add_number_suffix).unwrap(),
        Outcome::Applied
    );
    assert_eq!(
        s.apply_mutation(&dev, &m, &add_number_suffix).unwrap(),
        Outcome::Duplicate
    );
    assert_eq!(calls.get(), 1, "a duplicate is not applied again");
    assert!(s.case(case).unwrap().unwrap().number.ends_with('!'));
    assert!(!s.case(case).unwrap().unwrap().number.ends_with("!!"));
    assert_eq!(s.mutation_count(m.id).unwrap(), 1);

    let bad = Mutation {
        id: Uuid::from_u128(11),
        ..m.clone()
    };
    let reject = |_: Option<CaseFileDto>| Err(("nope".to_string(), "not allowed".to_string()));
    let first = s.apply_mutation(&dev, &bad, &reject).unwrap();
    assert_eq!(
        first,
        Outcome::Rejected {
            code: "nope".into(),
            reason: "not allowed".into()
        }
    );
    // Retried with a closure that would now succeed: the answer stays the same.
    assert_eq!(
        s.apply_mutation(&dev, &bad, &add_number_suffix).unwrap(),
        first
    );
    assert_eq!(calls.get(), 1);
}
