//! The storage story suite: each story is written once against
//! `&dyn AuditedStorage` and runs on every backend, as `sqlite::<story>` on a fresh
//! SQLite file and as `postgres::<story>` in a fresh schema of the database
//! at `PARTNER_TEST_DATABASE_URL` (which `cargo xtask test` starts and sets).
//! Without that variable the PostgreSQL tests pass with a note saying they
//! were skipped, unless `CI` or `PARTNER_REQUIRE_POSTGRES` is set: then they
//! fail, so that CI can never skip them silently.

use chrono::NaiveDate;
use server_storage::{
    testing::TestSchema, AuditedStorage, BatchItem, Decision, Device, Effect, NewRequest,
    PgStorage, RequestKind, SqliteStorage, Storage, StorageError, User,
};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Barrier;
use std::time::Duration;
use sync_proto::{CaseFileDto, Change, Mutation, Outcome, RejectCode, Role};
use uuid::Uuid;

/// Every story, once per backend.
macro_rules! stories {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $story() { super::on_sqlite(super::$story) })*
        }
        mod postgres {
            $(#[test] fn $story() { super::on_postgres(stringify!($story), super::$story) })*
        }
    };
}

stories!(
    users_and_devices,
    cases_are_stored_whole,
    each_advisor_gets_exactly_their_cases_in_pages,
    reassigned_and_closed_cases_leave_the_device,
    a_mutation_applies_exactly_once_and_a_rejection_is_remembered,
    concurrent_uploads_of_one_mutation_apply_it_once,
    concurrent_mutations_of_one_case_lose_no_update,
    a_new_case_stored_twice_at_once_has_one_holder,
    the_feed_misses_nothing_while_cases_move,
    an_applied_mutation_reads_back_as_sent,
    offers_beyond_authority_wait_for_the_team_lead_and_the_answer_reaches_the_feed,
    plans_are_reviewed_once_and_only_by_the_advisors_team_lead,
    an_advisor_policy_is_stored_and_replaced,
    reference_rates_are_seeded_and_the_admin_adds_and_corrects_them,
    two_decisions_at_once_only_one_stands,
    a_batch_answers_each_item_in_order_exactly_once,
    a_closed_case_stays_with_nobody_whoever_it_is_assigned_to,
    a_decision_on_a_moved_case_reaches_the_timeline_and_the_submitters_feed,
    a_timeline_id_is_used_once_across_every_case,
    a_devices_visit_chain_moves_once_with_every_visit_it_sends,
    open_contact_proposals_are_listed_until_decided_and_kept_by_the_back_office,
    a_mutation_that_would_overgrow_its_case_is_rejected_and_nothing_written,
);

fn on_sqlite(story: fn(&dyn AuditedStorage)) {
    let dir = tempfile::TempDir::new().unwrap();
    let s = SqliteStorage::open(&dir.path().join("server.sqlite")).unwrap();
    story(&s);
}

fn on_postgres(name: &str, story: fn(&dyn AuditedStorage)) {
    let Some(schema) = TestSchema::create(name) else {
        return;
    };
    let s = PgStorage::connect(&schema.url).unwrap();
    story(&s);
    // `s` is dropped before `schema` (also when the story panics), so its
    // connections are closed before the schema goes.
}

#[test]
fn postgres_migrations_run_once_and_a_newer_schema_is_refused() {
    let Some(mut schema) = TestSchema::create("migrations") else {
        return;
    };
    let s = PgStorage::connect(&schema.url).unwrap();
    let u = user("jan", Role::Advisor);
    s.create_user(&u).unwrap();
    drop(s);
    // Connecting again migrates nothing and keeps the data.
    let s = PgStorage::connect(&schema.url).unwrap();
    assert_eq!(s.user(u.id).unwrap(), Some(u));
    drop(s);
    let versions: Vec<i32> = schema
        .admin
        .query(
            &format!(
                "SELECT version FROM {}.schema_version ORDER BY version",
                schema.name
            ),
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(versions, (1..=13).collect::<Vec<i32>>());
    // A database migrated by a newer server is left alone.
    schema
        .admin
        .batch_execute(&format!(
            "INSERT INTO {}.schema_version (version) VALUES (99)",
            schema.name
        ))
        .unwrap();
    let err = PgStorage::connect(&schema.url).unwrap_err();
    assert!(matches!(err, StorageError::Schema(_)), "{err}");
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

/// One mutation whose effect is only its case changed (as `apply` says).
fn apply_mutation(
    s: &dyn AuditedStorage,
    device: &Device,
    m: &Mutation,
    apply: &dyn Fn(Option<CaseFileDto>) -> Result<CaseFileDto, (RejectCode, String)>,
) -> Result<Outcome, StorageError> {
    s.apply_mutation_effect(device, m, &[], &|now, _| {
        apply(now).map(|file| Effect {
            case: Some(file),
            request: None,
            signs: None,
            amends: None,
        })
    })
}

/// A copy of a case made into a case of its own (its `id` set by the
/// caller): its timeline entries get ids of their own, since an entry id
/// belongs to one case.
fn as_new_case(file: &mut CaseFileDto) {
    for (i, a) in file.activities.iter_mut().enumerate() {
        a.id = Uuid::from_u128(file.id.as_u128() << 16 | i as u128);
    }
}

fn load(s: &dyn AuditedStorage, p: &demo::Portfolio) {
    for f in &p.cases {
        s.put_case(&CaseFileDto::from(f)).unwrap();
    }
}

/// Follows the feed like a device does and returns the case ids it holds.
fn follow(
    s: &dyn AuditedStorage,
    advisor: Uuid,
    held: &mut BTreeSet<Uuid>,
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

fn device() -> Device {
    Device {
        id: Uuid::from_u128(1),
        user_id: Uuid::from_u128(2),
        name: "t".into(),
        expires_at: NaiveDate::from_ymd_opt(2027, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap(),
        revoked: false,
        handover: false,
        revoked_at: None,
    }
}

fn note(id: u128, case: Uuid) -> Mutation {
    Mutation {
        id: Uuid::from_u128(id),
        case_id: case,
        created_at: NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
        kind: "note".into(),
        body: serde_json::json!({"text": "x"}),
    }
}

/// An `apply` that marks the case number, slowly enough that concurrent
/// callers overlap, counting its calls.
fn mark_slowly(
    calls: &AtomicUsize,
) -> impl Fn(Option<CaseFileDto>) -> Result<CaseFileDto, (RejectCode, String)> + '_ {
    move |f| {
        calls.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(20));
        let mut f = f.expect("the case exists");
        f.number.push('!');
        Ok(f)
    }
}

/// Runs `f(i)` on `n` threads that start together; their results in order.
fn at_once<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let start = Barrier::new(n);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .map(|i| {
                let (start, f) = (&start, &f);
                scope.spawn(move || {
                    start.wait();
                    f(i)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    })
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
        team_lead: None,
        offer_policy: None,
    }
}

fn users_and_devices(s: &dyn AuditedStorage) {
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
        handover: false,
        revoked_at: None,
    };
    s.register_device(&dev, "h1").unwrap();
    assert_eq!(s.device_by_token("h1").unwrap(), Some(dev.clone()));
    // A new login replaces the token.
    s.register_device(&dev, "h2").unwrap();
    assert_eq!(s.device_by_token("h1").unwrap(), None);
    // A device id belongs to one user: another user's login on it is
    // refused, and the device stays its owner's.
    let other = User {
        id: Uuid::from_u128(0x0707),
        login: "ewa".into(),
        ..u.clone()
    };
    s.create_user(&other).unwrap();
    let taken = Device {
        user_id: other.id,
        ..dev.clone()
    };
    assert!(matches!(
        s.register_device(&taken, "hx"),
        Err(StorageError::Conflict(_))
    ));
    assert_eq!(s.device_by_token("hx").unwrap(), None);
    assert_eq!(s.device_by_token("h2").unwrap().unwrap().user_id, u.id);
    let at = |h: u32| {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    s.revoke_device(dev.id, sync_proto::RevokeMode::Lost, at(10))
        .unwrap();
    assert!(s.device_by_token("h2").unwrap().unwrap().revoked);
    // Lost once, lost for good: a later handover lets no upload in.
    s.revoke_device(dev.id, sync_proto::RevokeMode::Handover, at(12))
        .unwrap();
    let lost = s.device_by_token("h2").unwrap().unwrap();
    assert!(lost.revoked && !lost.handover);
    // The revocation list keeps the first revocation's time.
    assert_eq!(lost.revoked_at, Some(at(10)));
    // A handover: revoked, its uploads still taken; then found lost.
    let handed = Device {
        id: Uuid::from_u128(0x0d02),
        ..dev.clone()
    };
    s.register_device(&handed, "h4").unwrap();
    s.revoke_device(handed.id, sync_proto::RevokeMode::Handover, at(11))
        .unwrap();
    let d = s.device_by_token("h4").unwrap().unwrap();
    assert!(d.revoked && d.handover);
    s.revoke_device(handed.id, sync_proto::RevokeMode::Lost, at(13))
        .unwrap();
    let d = s.device_by_token("h4").unwrap().unwrap();
    assert!(d.revoked && !d.handover);
    assert_eq!(d.revoked_at, Some(at(11)));
    // A revoked device stays revoked, even if it logs in again.
    s.register_device(&dev, "h3").unwrap();
    assert_eq!(s.device_by_token("h3").unwrap(), None);
    assert!(s.device_by_token("h2").unwrap().unwrap().revoked);
}

fn each_advisor_gets_exactly_their_cases_in_pages(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    for a in &p.advisors {
        for limit in [1, 3, 1000] {
            let mut held = Default::default();
            let mut cursor = 0;
            follow(s, a.id.0, &mut held, &mut cursor, limit);
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

fn reassigned_and_closed_cases_leave_the_device(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let (a, b) = (p.advisors[0].id.0, p.advisors[1].id.0);
    let (mut held_a, mut cur_a) = (Default::default(), 0);
    let (mut held_b, mut cur_b) = (Default::default(), 0);
    follow(s, a, &mut held_a, &mut cur_a, 5);
    follow(s, b, &mut held_b, &mut cur_b, 5);
    let moved = open_cases(&p, a)[0];
    s.assign(moved, Some(b)).unwrap();
    follow(s, a, &mut held_a, &mut cur_a, 5);
    follow(s, b, &mut held_b, &mut cur_b, 5);
    assert!(!held_a.contains(&moved) && held_b.contains(&moved));
    assert_eq!(s.case(moved).unwrap().unwrap().advisor_id, b);

    // Closing by the back office removes it too.
    let mut file = s.case(moved).unwrap().unwrap();
    file.status = "closed".into();
    s.put_case(&file).unwrap();
    follow(s, b, &mut held_b, &mut cur_b, 5);
    assert!(!held_b.contains(&moved));
    assert!(s.cases_of(b).unwrap().iter().all(|c| c.id != moved));
}

fn a_mutation_applies_exactly_once_and_a_rejection_is_remembered(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let case = open_cases(&p, p.advisors[0].id.0)[0];
    let dev = device();
    let m = note(10, case);
    let calls = std::cell::Cell::new(0);
    let add_number_suffix = |f: Option<CaseFileDto>| {
        calls.set(calls.get() + 1);
        let mut f = f.unwrap();
        f.number.push('!');
        Ok(f)
    };
    assert_eq!(
        apply_mutation(s, &dev, &m, &add_number_suffix).unwrap(),
        Outcome::Applied
    );
    assert_eq!(
        apply_mutation(s, &dev, &m, &add_number_suffix).unwrap(),
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
    let reject =
        |_: Option<CaseFileDto>| Err((RejectCode::from_code("nope"), "not allowed".to_string()));
    let first = apply_mutation(s, &dev, &bad, &reject).unwrap();
    assert_eq!(
        first,
        Outcome::Rejected {
            code: "nope".into(),
            reason: "not allowed".into()
        }
    );
    // Retried with a closure that would now succeed: the answer stays the same.
    assert_eq!(
        apply_mutation(s, &dev, &bad, &add_number_suffix).unwrap(),
        first
    );
    assert_eq!(calls.get(), 1);
}

fn cases_are_stored_whole(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    for f in &p.cases {
        assert_eq!(s.case(f.case.id.0).unwrap(), Some(CaseFileDto::from(f)));
    }
    assert_eq!(s.case(Uuid::from_u128(404)).unwrap(), None);
    for a in &p.advisors {
        let held: Vec<Uuid> = s.cases_of(a.id.0).unwrap().iter().map(|c| c.id).collect();
        assert_eq!(held, open_cases(&p, a.id.0), "in id order");
    }
}

/// A device that did not hear the answer uploads again while the first
/// upload is still being applied: the mutation is applied once (issue #3).
fn concurrent_uploads_of_one_mutation_apply_it_once(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let case = open_cases(&p, p.advisors[0].id.0)[0];
    let (dev, m) = (device(), note(20, case));
    let calls = AtomicUsize::new(0);
    let outcomes = at_once(8, |_| {
        apply_mutation(s, &dev, &m, &mark_slowly(&calls)).unwrap()
    });
    let applied = outcomes.iter().filter(|o| **o == Outcome::Applied).count();
    assert_eq!(applied, 1, "{outcomes:?}");
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, Outcome::Applied | Outcome::Duplicate)),
        "{outcomes:?}"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let number = s.case(case).unwrap().unwrap().number;
    assert!(number.ends_with('!') && !number.ends_with("!!"), "{number}");
    assert_eq!(s.mutation_count(m.id).unwrap(), 1);
}

fn concurrent_mutations_of_one_case_lose_no_update(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let case = open_cases(&p, p.advisors[0].id.0)[0];
    let dev = device();
    let calls = AtomicUsize::new(0);
    let outcomes = at_once(6, |i| {
        let m = note(100 + i as u128, case);
        apply_mutation(s, &dev, &m, &mark_slowly(&calls)).unwrap()
    });
    assert!(
        outcomes.iter().all(|o| *o == Outcome::Applied),
        "{outcomes:?}"
    );
    let number = s.case(case).unwrap().unwrap().number;
    assert!(
        number.ends_with("!!!!!!"),
        "each saw the others' changes: {number}"
    );
    assert!(!number.ends_with("!!!!!!!"), "{number}");
}

/// Imports of the same new case race while both advisors' devices follow
/// their feeds; whichever import wins, the devices agree with the stored
/// holder.
fn a_new_case_stored_twice_at_once_has_one_holder(s: &dyn AuditedStorage) {
    let p = portfolio();
    let advisors = [p.advisors[0].id.0, p.advisors[1].id.0];
    let feeds: Vec<std::sync::Mutex<(BTreeSet<Uuid>, u64)>> =
        advisors.iter().map(|_| Default::default()).collect();
    // Several rounds: the later ones start with every connection warm, so
    // the writers really do meet.
    for round in 0..10 {
        let mut file = CaseFileDto::from(&p.cases[0]);
        file.id = Uuid::from_u128(0xCA5E_0000 + round);
        as_new_case(&mut file);
        file.status = "new".into();
        let writers = 6;
        let written = AtomicUsize::new(0);
        at_once(writers + advisors.len(), |i| {
            if let Some(advisor) = i.checked_sub(writers).map(|r| advisors[r]) {
                let mut feed = feeds[i - writers].lock().unwrap();
                let (held, cursor) = &mut *feed;
                while written.load(Ordering::SeqCst) < writers {
                    follow(s, advisor, held, cursor, 2);
                }
                follow(s, advisor, held, cursor, 2);
            } else {
                let mut f = file.clone();
                f.advisor_id = advisors[i % 2];
                s.put_case(&f).unwrap();
                written.fetch_add(1, Ordering::SeqCst);
            }
        });
        let holder = s.case(file.id).unwrap().unwrap().advisor_id;
        for (advisor, feed) in advisors.into_iter().zip(&feeds) {
            let held = feed.lock().unwrap().0.contains(&file.id);
            assert_eq!(held, advisor == holder, "round {round}, advisor {advisor}");
            let stored = s.cases_of(advisor).unwrap().iter().any(|c| c.id == file.id);
            assert_eq!(stored, advisor == holder);
        }
    }
}

/// New cases arrive for two advisors on several threads, and existing ones
/// move between them, while both advisors' devices follow their feeds: in
/// the end each device holds exactly its advisor's cases, so no feed entry
/// was skipped (a feed entry that commits after a later one is read must
/// still be delivered; issue #3).
fn the_feed_misses_nothing_while_cases_move(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let (a, b) = (p.advisors[0].id.0, p.advisors[1].id.0);
    let moving = open_cases(&p, a);
    let template = CaseFileDto::from(&p.cases[0]);
    let writers = 4;
    let done = AtomicBool::new(false);
    let ready = Barrier::new(writers + 2);
    let held = std::thread::scope(|scope| {
        let readers: Vec<_> = [a, b]
            .into_iter()
            .map(|advisor| {
                let (done, ready) = (&done, &ready);
                scope.spawn(move || {
                    let (mut held, mut cursor) = (BTreeSet::new(), 0);
                    ready.wait();
                    while !done.load(Ordering::SeqCst) {
                        follow(s, advisor, &mut held, &mut cursor, 2);
                    }
                    follow(s, advisor, &mut held, &mut cursor, 2);
                    held
                })
            })
            .collect();
        let (moving, ready, template) = (&moving, &ready, &template);
        let writing: Vec<_> = (0..writers)
            .map(|w| {
                scope.spawn(move || {
                    ready.wait();
                    let mine: Vec<Uuid> = moving.iter().copied().skip(w).step_by(writers).collect();
                    for round in 0..40 {
                        // A new case: one feed entry, the only one it gets.
                        let mut f = template.clone();
                        f.id = Uuid::from_u128(0xFEED_0000 + (w * 1000 + round) as u128);
                        as_new_case(&mut f);
                        f.status = "new".into();
                        f.advisor_id = if round % 2 == 0 { a } else { b };
                        s.put_case(&f).unwrap();
                        // An odd number of moves: each moving case ends with b.
                        if round < 7 {
                            for case in &mine {
                                s.assign(*case, Some(if round % 2 == 0 { b } else { a }))
                                    .unwrap();
                            }
                        }
                    }
                })
            })
            .collect();
        for w in writing {
            w.join().unwrap();
        }
        done.store(true, Ordering::SeqCst);
        readers
            .into_iter()
            .map(|r| r.join().unwrap())
            .collect::<Vec<_>>()
    });
    for (advisor, held) in [a, b].into_iter().zip(held) {
        let now: BTreeSet<Uuid> = s.cases_of(advisor).unwrap().iter().map(|c| c.id).collect();
        assert_eq!(
            now.len(),
            if advisor == a {
                80
            } else {
                80 + open_cases(&p, b).len() + moving.len()
            }
        );
        assert_eq!(held, now, "advisor {advisor}");
    }
}

fn an_applied_mutation_reads_back_as_sent(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let case = open_cases(&p, p.advisors[0].id.0)[0];
    let dev = device();
    // A large body, as a signed settlement's PDF makes it.
    let m = Mutation {
        kind: "settlement".into(),
        body: serde_json::json!({"pdf": "QUJD".repeat(40_000), "number": "UG/2026/11/1"}),
        ..note(20, case)
    };
    assert_eq!(s.applied_mutation(m.id).unwrap(), None);
    assert_eq!(
        apply_mutation(s, &dev, &m, &|f| Ok(f.unwrap())).unwrap(),
        Outcome::Applied
    );
    assert_eq!(s.applied_mutation(m.id).unwrap(), Some(m.clone()));

    // A rejected one is not there to read.
    let bad = Mutation {
        id: Uuid::from_u128(21),
        ..m
    };
    let reject =
        |_: Option<CaseFileDto>| Err((RejectCode::from_code("nope"), "not allowed".to_string()));
    apply_mutation(s, &dev, &bad, &reject).unwrap();
    assert_eq!(s.applied_mutation(bad.id).unwrap(), None);
}

/// The portfolio's advisors as users of `lead`'s team, the other advisor
/// in no team; returns (lead, other lead).
fn team(s: &dyn AuditedStorage, p: &demo::Portfolio) -> (User, User) {
    let lead = user("kierownik", Role::TeamLead);
    let other = user("kierownik2", Role::TeamLead);
    s.create_user(&lead).unwrap();
    s.create_user(&other).unwrap();
    for (i, a) in p.advisors.iter().enumerate() {
        s.create_user(&User {
            id: a.id.0,
            login: format!("doradca{i}"),
            name: a.name.clone(),
            role: Role::Advisor,
            password_hash: "hash".into(),
            advisor: None,
            team_lead: (i == 0).then_some(lead.id).or(Some(other.id)),
            offer_policy: None,
        })
        .unwrap();
    }
    (lead, other)
}

fn device_of(advisor: Uuid) -> Device {
    Device {
        user_id: advisor,
        ..device()
    }
}

fn decision(lead: &User, status: &str, comment: Option<&str>, line: Option<Uuid>) -> Decision {
    Decision {
        lead: lead.id,
        lead_name: lead.name.clone(),
        status: status.into(),
        comment: comment.map(str::to_owned),
        at: NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap(),
        timeline: line.map(|id| sync_proto::ActivityDto {
            id,
            at: NaiveDate::from_ymd_opt(2026, 11, 24)
                .unwrap()
                .and_hms_opt(9, 30, 0)
                .unwrap(),
            kind: "note".into(),
            author: lead.name.clone(),
            summary: "Propozycja ugody odrzucona".into(),
            received_at: None,
        }),
    }
}

fn offers_beyond_authority_wait_for_the_team_lead_and_the_answer_reaches_the_feed(
    s: &dyn AuditedStorage,
) {
    let p = portfolio();
    load(s, &p);
    let (lead, other) = team(s, &p);
    let a = p.advisors[0].id.0;
    let case = open_cases(&p, a)[0];
    let (mut held, mut cursor) = (BTreeSet::new(), 0);
    follow(s, a, &mut held, &mut cursor, 1000);
    let m = Mutation {
        kind: "offer".into(),
        body: serde_json::json!({"approval": ["term"]}),
        ..note(20, case)
    };
    let calls = AtomicUsize::new(0);
    let offer = |f: Option<CaseFileDto>, _: &server_storage::Named| {
        calls.fetch_add(1, Ordering::SeqCst);
        Ok(Effect {
            case: f,
            request: Some(NewRequest {
                kind: RequestKind::Offer,
                case_id: Some(case),
                plan_date: None,
                body: serde_json::json!({"approval": ["term"]}),
            }),
            signs: None,
            amends: None,
        })
    };
    let dev = device_of(a);
    assert_eq!(
        s.apply_mutation_effect(&dev, &m, &[], &offer).unwrap(),
        Outcome::Applied
    );
    assert_eq!(
        s.apply_mutation_effect(&dev, &m, &[], &offer).unwrap(),
        Outcome::Duplicate
    );
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    let pending = s.pending_offers(lead.id).unwrap();
    assert_eq!(pending.len(), 1, "one request, however often uploaded");
    assert_eq!(
        (pending[0].id, pending[0].advisor_id, pending[0].case_id),
        (m.id, a, Some(case))
    );
    assert_eq!(pending[0].status.code(), "pending");
    assert_eq!(pending[0].submitted_at, m.created_at);
    assert!(
        s.pending_offers(other.id).unwrap().is_empty(),
        "another team's"
    );

    // Another team's lead cannot decide it; nothing changes.
    let line = Uuid::from_u128(0x11);
    let err = s
        .decide(m.id, &decision(&other, "rejected", Some("nie"), Some(line)))
        .unwrap_err();
    assert!(matches!(err, StorageError::NotFound(_)), "{err}");
    assert_eq!(s.request(m.id).unwrap().unwrap().status.code(), "pending");

    let decided = s
        .decide(
            m.id,
            &decision(&lead, "rejected", Some("Za długo"), Some(line)),
        )
        .unwrap();
    assert_eq!(decided.status.code(), "rejected");
    assert_eq!(decided.comment.as_deref(), Some("Za długo"));
    assert_eq!(decided.decided_by, Some(lead.id));
    assert!(s.pending_offers(lead.id).unwrap().is_empty());
    let file = s.case(case).unwrap().unwrap();
    assert_eq!(
        file.activities.iter().filter(|x| x.id == line).count(),
        1,
        "the decision is on the case timeline"
    );

    // Final: a second decision is refused and changes nothing.
    let err = s
        .decide(
            m.id,
            &decision(&lead, "approved", None, Some(Uuid::from_u128(0x12))),
        )
        .unwrap_err();
    assert!(
        matches!(err, StorageError::AlreadyDecided(ref w) if w.contains("rejected")),
        "{err}"
    );
    assert_eq!(s.request(m.id).unwrap().unwrap(), decided);
    assert_eq!(s.case(case).unwrap().unwrap(), file);

    // The advisor's feed carries the answer once, after the offer.
    let mut reviews = Vec::new();
    loop {
        let page = s.changes(a, cursor, 1).unwrap();
        reviews.extend(page.reviews);
        cursor = page.next_cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert_eq!(reviews[0].request_id, m.id);
    assert_eq!(reviews[0].decision, sync_proto::Decision::Rejected);
    assert_eq!(reviews[0].comment.as_deref(), Some("Za długo"));
    assert_eq!(reviews[0].reviewed_by, lead.name);
    assert_eq!(reviews[0].case_id, Some(case));
    // The other advisor's feed has none of it.
    let b = p.advisors[1].id.0;
    assert!(s.changes(b, 0, 1000).unwrap().reviews.is_empty());
}

fn plans_are_reviewed_once_and_only_by_the_advisors_team_lead(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let (lead, other) = team(s, &p);
    let (a, b) = (p.advisors[0].id.0, p.advisors[1].id.0);
    let own = open_cases(&p, a);
    let theirs = open_cases(&p, b)[0];
    let day = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let plan_id = Uuid::from_u128(0x9A);
    let m = Mutation {
        kind: "plan".into(),
        case_id: Uuid::nil(),
        body: serde_json::json!({"plan_id": plan_id}),
        ..note(30, Uuid::nil())
    };
    let named = [own[0], own[1], theirs];
    let seen = std::sync::Mutex::new(None);
    let plan = |f: Option<CaseFileDto>, n: &server_storage::Named| {
        assert!(f.is_none(), "the nil case does not exist");
        *seen.lock().unwrap() = Some(n.holders.clone());
        Ok(Effect {
            case: None,
            request: Some(NewRequest {
                kind: RequestKind::Plan,
                case_id: None,
                plan_date: Some(day),
                body: serde_json::json!({"plan_id": plan_id}),
            }),
            signs: None,
            amends: None,
        })
    };
    let dev = device_of(a);
    assert_eq!(
        s.apply_mutation_effect(&dev, &m, &named, &plan).unwrap(),
        Outcome::Applied
    );
    let holders = seen.lock().unwrap().clone().unwrap();
    assert_eq!(holders.get(&own[0]), Some(&a));
    assert_eq!(holders.get(&own[1]), Some(&a));
    assert_eq!(holders.get(&theirs), Some(&b), "who holds each named case");
    assert_eq!(
        s.apply_mutation_effect(&dev, &m, &named, &plan).unwrap(),
        Outcome::Duplicate
    );

    assert_eq!(s.plans_on(lead.id, day).unwrap().len(), 1);
    assert!(s
        .plans_on(lead.id, day.succ_opt().unwrap())
        .unwrap()
        .is_empty());
    assert!(s.plans_on(other.id, day).unwrap().is_empty());
    assert!(
        s.pending_offers(lead.id).unwrap().is_empty(),
        "a plan is not an offer"
    );
    assert!(matches!(
        s.decide(m.id, &decision(&other, "approved", None, None)),
        Err(StorageError::NotFound(_))
    ));
    let d = s
        .decide(
            m.id,
            &decision(&lead, "returned", Some("Dodaj wizytę"), None),
        )
        .unwrap();
    assert_eq!(d.status.code(), "returned");
    assert!(matches!(
        s.decide(m.id, &decision(&lead, "approved", None, None)),
        Err(StorageError::AlreadyDecided(_))
    ));
    // Still listed for the day, with its decision.
    let listed = s.plans_on(lead.id, day).unwrap();
    assert_eq!(listed, vec![d.clone()]);
    let page = s.changes(a, 0, 1000).unwrap();
    assert_eq!(page.reviews.len(), 1);
    assert_eq!(page.reviews[0].plan_id, Some(plan_id));
    assert_eq!(page.reviews[0].decision, sync_proto::Decision::Returned);
    assert_eq!(
        s.team_of(lead.id)
            .unwrap()
            .iter()
            .map(|u| u.id)
            .collect::<Vec<_>>(),
        vec![a]
    );
    assert!(matches!(
        s.decide(
            Uuid::from_u128(0xDEAD),
            &decision(&lead, "approved", None, None)
        ),
        Err(StorageError::NotFound(_))
    ));
}

fn an_advisor_policy_is_stored_and_replaced(s: &dyn AuditedStorage) {
    let p = portfolio();
    let (lead, _) = team(s, &p);
    let a = p.advisors[0].id.0;
    assert_eq!(s.user(a).unwrap().unwrap().offer_policy, None);
    assert_eq!(s.user(a).unwrap().unwrap().team_lead, Some(lead.id));
    let mut policy = sync_proto::OfferPolicyDto::standard();
    policy.authority.max_term_months = 12;
    s.set_offer_policy(a, Some(&policy)).unwrap();
    assert_eq!(s.user(a).unwrap().unwrap().offer_policy, Some(policy));
    s.set_offer_policy(a, None).unwrap();
    assert_eq!(s.user(a).unwrap().unwrap().offer_policy, None);
    assert!(matches!(
        s.set_offer_policy(lead.id, None),
        Err(StorageError::NotFound(_))
    ));
}

fn reference_rates_are_seeded_and_the_admin_adds_and_corrects_them(s: &dyn AuditedStorage) {
    use domain::offer::ReferenceRates;
    use rust_decimal::Decimal;
    use sync_proto::ReferenceRateDto;
    let table = |s: &dyn AuditedStorage| {
        ReferenceRates::new(
            s.reference_rates()
                .unwrap()
                .iter()
                .map(|r| r.change())
                .collect(),
        )
        .unwrap()
    };
    // The migration's seed is the domain's table, decision for decision.
    assert_eq!(table(s), ReferenceRates::nbp());
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    let rate = |since, bp| ReferenceRateDto {
        since,
        rate: Decimal::new(bp, 4),
    };
    // A new decision holds from its day; the days before keep theirs.
    s.set_reference_rate(&rate(d(2026, 12, 3), 350)).unwrap();
    let t = table(s);
    assert_eq!(t.rate_on(d(2026, 12, 2)), Decimal::new(375, 4));
    assert_eq!(t.rate_on(d(2026, 12, 3)), Decimal::new(350, 4));
    // A correction of that day replaces it; trailing zeros are dropped.
    s.set_reference_rate(&ReferenceRateDto {
        since: d(2026, 12, 3),
        rate: Decimal::new(32_500, 6),
    })
    .unwrap();
    let rows = s.reference_rates().unwrap();
    assert_eq!(rows.len(), ReferenceRates::nbp().changes().len() + 1);
    assert_eq!(rows.last().unwrap(), &rate(d(2026, 12, 3), 325));
    assert_eq!(rows.last().unwrap().rate.to_string(), "0.0325");
    // What the domain refuses is not stored.
    for bad in [rate(d(2027, 1, 7), 5_7500), rate(d(1990, 1, 1), 375)] {
        assert!(matches!(
            s.set_reference_rate(&bad),
            Err(StorageError::Invalid(_))
        ));
    }
    assert_eq!(s.reference_rates().unwrap(), rows);
}

fn two_decisions_at_once_only_one_stands(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let (lead, _) = team(s, &p);
    let a = p.advisors[0].id.0;
    let case = open_cases(&p, a)[0];
    let m = Mutation {
        kind: "offer".into(),
        ..note(40, case)
    };
    s.apply_mutation_effect(&device_of(a), &m, &[], &|f, _| {
        Ok(Effect {
            case: f,
            request: Some(NewRequest {
                kind: RequestKind::Offer,
                case_id: Some(case),
                plan_date: None,
                body: serde_json::json!({}),
            }),
            signs: None,
            amends: None,
        })
    })
    .unwrap();
    let results = at_once(8, |i| {
        let (status, comment) = if i % 2 == 0 {
            ("approved", None)
        } else {
            ("rejected", Some("nie"))
        };
        s.decide(
            m.id,
            &decision(
                &lead,
                status,
                comment,
                Some(Uuid::from_u128(0x100 + i as u128)),
            ),
        )
    });
    let won: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(won.len(), 1, "{results:?}");
    assert!(results
        .iter()
        .filter_map(|r| r.as_ref().err())
        .all(|e| matches!(e, StorageError::AlreadyDecided(_))));
    let stored = s.request(m.id).unwrap().unwrap();
    assert_eq!(&stored, won[0]);
    let file = s.case(case).unwrap().unwrap();
    let lines = file
        .activities
        .iter()
        .filter(|x| (0x100..0x108).contains(&x.id.as_u128()))
        .count();
    assert_eq!(lines, 1, "one decision on the timeline");
    let page = s.changes(a, 0, 1000).unwrap();
    assert_eq!(page.reviews.len(), 1, "one answer in the feed");
}

/// A batch as one upload brings it: two changes of one case (the second
/// sees the first), a rejection in the middle that blocks nothing, the same
/// id twice; sent again, every answer is the same and nothing runs twice.
fn a_batch_answers_each_item_in_order_exactly_once(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let case = open_cases(&p, p.advisors[0].id.0)[0];
    let dev = device();
    let item = |id: u128| BatchItem {
        offer: None,
        agreement: None,
        mutation: note(id, case),
        cases: Vec::new(),
    };
    let batch = vec![item(20), item(21), item(22), item(20)];
    let calls = std::cell::Cell::new(0);
    let apply = |m: &Mutation, f: Option<CaseFileDto>, _: &server_storage::Named| {
        calls.set(calls.get() + 1);
        if m.id == Uuid::from_u128(21) {
            return Err((RejectCode::from_code("nope"), "not allowed".to_string()));
        }
        let mut f = f.unwrap();
        f.number.push('!');
        Ok(Effect {
            case: Some(f),
            request: None,
            signs: None,
            amends: None,
        })
    };
    let rejected = Outcome::Rejected {
        code: "nope".into(),
        reason: "not allowed".into(),
    };
    let first = s.apply_batch(&dev, &batch, &apply).unwrap();
    assert_eq!(
        first,
        vec![
            Outcome::Applied,
            rejected.clone(),
            Outcome::Applied,
            Outcome::Duplicate
        ]
    );
    assert_eq!(calls.get(), 3);
    assert!(s.case(case).unwrap().unwrap().number.ends_with("!!"));
    assert!(!s.case(case).unwrap().unwrap().number.ends_with("!!!"));

    let again = s.apply_batch(&dev, &batch, &apply).unwrap();
    assert_eq!(
        again,
        vec![
            Outcome::Duplicate,
            rejected,
            Outcome::Duplicate,
            Outcome::Duplicate
        ]
    );
    assert_eq!(calls.get(), 3, "nothing runs twice");
    for id in [20, 21, 22] {
        assert_eq!(s.mutation_count(Uuid::from_u128(id)).unwrap(), 1);
    }
}

fn a_closed_case_stays_with_nobody_whoever_it_is_assigned_to(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let (a, b) = (p.advisors[0].id.0, p.advisors[1].id.0);
    let (mut held_a, mut cur_a) = (BTreeSet::new(), 0);
    let (mut held_b, mut cur_b) = (BTreeSet::new(), 0);
    follow(s, a, &mut held_a, &mut cur_a, 1000);
    follow(s, b, &mut held_b, &mut cur_b, 1000);
    let case = open_cases(&p, a)[0];
    let mut file = s.case(case).unwrap().unwrap();
    file.status = "closed".into();
    s.put_case(&file).unwrap();
    // Assigned to B while closed: the document names B, nobody holds it.
    s.assign(case, Some(b)).unwrap();
    assert_eq!(s.case(case).unwrap().unwrap().advisor_id, b);
    follow(s, a, &mut held_a, &mut cur_a, 1000);
    follow(s, b, &mut held_b, &mut cur_b, 1000);
    assert!(!held_a.contains(&case) && !held_b.contains(&case));
    assert!(s.cases_of(b).unwrap().iter().all(|c| c.id != case));
    // Unassigning an open case takes it from its holder.
    let other = open_cases(&p, b)[0];
    s.assign(other, None).unwrap();
    follow(s, b, &mut held_b, &mut cur_b, 1000);
    assert!(!held_b.contains(&other));
    assert!(matches!(
        s.assign(Uuid::from_u128(0xdead), Some(a)),
        Err(StorageError::NotFound(_))
    ));
    assert!(matches!(
        s.revoke_device(
            Uuid::from_u128(0xdead),
            sync_proto::RevokeMode::Lost,
            NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap()
        ),
        Err(StorageError::NotFound(_))
    ));
}

fn a_decision_on_a_moved_case_reaches_the_timeline_and_the_submitters_feed(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let (lead, _) = team(s, &p);
    let (a, b) = (p.advisors[0].id.0, p.advisors[1].id.0);
    let case = open_cases(&p, a)[0];
    let m = Mutation {
        kind: "offer".into(),
        body: serde_json::json!({"approval": ["term"]}),
        ..note(30, case)
    };
    let offer = |f: Option<CaseFileDto>, _: &server_storage::Named| {
        Ok(Effect {
            case: f,
            request: Some(NewRequest {
                kind: RequestKind::Offer,
                case_id: Some(case),
                plan_date: None,
                body: serde_json::json!({"approval": ["term"]}),
            }),
            signs: None,
            amends: None,
        })
    };
    assert_eq!(
        s.apply_mutation_effect(&device_of(a), &m, &[], &offer)
            .unwrap(),
        Outcome::Applied
    );
    // The case moves to B before the team lead decides.
    s.assign(case, Some(b)).unwrap();
    let (mut held_a, mut cur_a) = (BTreeSet::new(), 0);
    let (mut held_b, mut cur_b) = (BTreeSet::new(), 0);
    follow(s, a, &mut held_a, &mut cur_a, 1000);
    follow(s, b, &mut held_b, &mut cur_b, 1000);
    let line = Uuid::from_u128(0x31);
    s.decide(m.id, &decision(&lead, "approved", None, Some(line)))
        .unwrap();
    // The timeline line is on the case, which B's device receives again...
    let page = s.changes(b, cur_b, 1000).unwrap();
    let upserted: Vec<&CaseFileDto> = page
        .changes
        .iter()
        .filter_map(|c| match c {
            Change::Upsert { file } => Some(&**file),
            Change::Remove { .. } => None,
        })
        .collect();
    assert_eq!(upserted.len(), 1);
    assert_eq!(upserted[0].id, case);
    assert_eq!(
        upserted[0]
            .activities
            .iter()
            .filter(|x| x.id == line)
            .count(),
        1
    );
    assert!(page.reviews.is_empty(), "the answer is not B's");
    // ...and the answer goes to A, who made the offer, without the case.
    let page = s.changes(a, cur_a, 1000).unwrap();
    assert!(page.changes.is_empty(), "{:?}", page.changes);
    assert_eq!(page.reviews.len(), 1);
    assert_eq!(page.reviews[0].request_id, m.id);
    assert_eq!(page.reviews[0].decision.code(), "approved");
}

/// An `apply` that adds the mutation as a note to its case's timeline, as
/// the server does.
fn add_note_line(
    m: &Mutation,
) -> impl Fn(Option<CaseFileDto>) -> Result<CaseFileDto, (RejectCode, String)> + '_ {
    move |f| {
        let mut f = f.ok_or((RejectCode::CaseNotFound, "no case".to_owned()))?;
        f.activities.push(sync_proto::ActivityDto {
            id: m.id,
            at: m.created_at,
            kind: "note".into(),
            author: "doradca".into(),
            summary: "x".into(),
            received_at: None,
        });
        Ok(f)
    }
}

fn a_timeline_id_is_used_once_across_every_case(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let a = p.advisors[0].id.0;
    let cases = open_cases(&p, a);
    let (one, two) = (cases[0], cases[1]);
    let taken = s.case(one).unwrap().unwrap().activities[0].id;
    let dev = device_of(a);

    // A note whose id is an entry of another case, or of its own case, is
    // refused, and neither case changes.
    let before = (s.case(one).unwrap(), s.case(two).unwrap());
    for case in [two, one] {
        let m = Mutation {
            id: taken,
            ..note(0, case)
        };
        let outcome = apply_mutation(s, &dev, &m, &add_note_line(&m)).unwrap();
        assert!(
            matches!(outcome, Outcome::Rejected { ref code, .. } if *code == RejectCode::DuplicateId),
            "{outcome:?}"
        );
        assert_eq!((s.case(one).unwrap(), s.case(two).unwrap()), before);
        // Refused for good: the same id answers the same again.
        assert_eq!(
            apply_mutation(s, &dev, &m, &add_note_line(&m)).unwrap(),
            outcome
        );
    }

    // A fresh id is taken by its case.
    let fresh = note(0x41, two);
    assert_eq!(
        apply_mutation(s, &dev, &fresh, &add_note_line(&fresh)).unwrap(),
        Outcome::Applied
    );

    // The back office cannot store a case that reuses another's entry.
    let mut copy = s.case(one).unwrap().unwrap();
    copy.activities
        .push(s.case(two).unwrap().unwrap().activities[0].clone());
    assert!(matches!(s.put_case(&copy), Err(StorageError::Conflict(_))));
    assert_eq!(s.case(one).unwrap(), before.0);
    // Storing a case again as it is changes nothing about its ids.
    s.put_case(&s.case(two).unwrap().unwrap()).unwrap();
}

/// Issue 11: the head of a device's chain of visit reports is what the rules
/// hand the effect (`Named::chain`), per device; it moves to each visit the
/// device sends, applied or rejected, and a repeat moves nothing. Other
/// kinds neither see nor move it.
fn a_devices_visit_chain_moves_once_with_every_visit_it_sends(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let case = open_cases(&p, p.advisors[0].id.0)[0];
    let visit = |id: u128| Mutation {
        kind: sync_proto::MutationKind::Visit,
        ..note(id, case)
    };
    let item = |m: Mutation| BatchItem {
        offer: None,
        agreement: None,
        mutation: m,
        cases: Vec::new(),
    };
    let seen = std::cell::RefCell::new(Vec::new());
    let apply = |m: &Mutation, f: Option<CaseFileDto>, named: &server_storage::Named| {
        seen.borrow_mut()
            .push((m.id.as_u128(), named.chain.clone()));
        if m.id == Uuid::from_u128(0x32) {
            return Err((RejectCode::InvalidBody, "refused".to_string()));
        }
        Ok(Effect::case(f.unwrap()))
    };
    let a = device();
    let b = Device {
        id: Uuid::from_u128(0xB),
        ..device()
    };
    let link = |id: u128| Some(sync_proto::visit_link(&visit(id)));
    let batch = [visit(0x31), note(0x30, case), visit(0x32), visit(0x33)].map(item);
    let outcomes = s.apply_batch(&a, &batch, &apply).unwrap();
    assert_eq!(
        outcomes[2],
        Outcome::Rejected {
            code: RejectCode::InvalidBody,
            reason: "refused".into()
        }
    );
    s.apply_batch(&b, &[item(visit(0x41))], &apply).unwrap();
    // A repeat is answered from the first time: apply does not run, the
    // head stays.
    s.apply_batch(&a, &[item(visit(0x31))], &apply).unwrap();
    s.apply_batch(&a, &[item(visit(0x34))], &apply).unwrap();
    assert_eq!(
        seen.into_inner(),
        vec![
            (0x31, None),
            (0x30, None),
            (0x32, link(0x31)),
            (0x33, link(0x32)),
            (0x41, None),
            (0x34, link(0x33)),
        ]
    );
}

/// Issue 11: a case with a change still proposed is in the back office's
/// list; a back-office case keeps the server's proposals; a change of the
/// case that decides them takes it off the list and feeds its holder; a
/// change that fails writes nothing.
fn open_contact_proposals_are_listed_until_decided_and_kept_by_the_back_office(
    s: &dyn AuditedStorage,
) {
    use sync_proto::{ChangeStateDto, ContactBody, ContactRecordDto, FieldStateCode};
    let p = portfolio();
    load(s, &p);
    let advisor = p.advisors[0].id.0;
    let id = open_cases(&p, advisor)[0];
    assert!(s.open_contacts(0, 100).unwrap().is_empty());
    let at = NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let record = ContactRecordDto {
        id: Uuid::from_u128(0xC0),
        made_at: at,
        author: "Doradca".into(),
        body: ContactBody {
            changes: vec![],
            visit: None,
            note: String::new(),
        },
        states: vec![ChangeStateDto::proposed()],
        received_at: Some(at),
    };
    let mut f = s.case(id).unwrap().unwrap();
    f.contacts.push(record);
    s.change_case(id, &|mut stored| {
        stored.contacts = f.contacts.clone();
        Ok(stored)
    })
    .unwrap();
    let open = s.open_contacts(0, 100).unwrap();
    assert_eq!(open.iter().map(|c| c.id).collect::<Vec<_>>(), [id]);
    // The back office stores the case without them: they stay.
    let mut office = s.case(id).unwrap().unwrap();
    office.contacts.clear();
    s.put_case(&office).unwrap();
    assert_eq!(s.case(id).unwrap().unwrap().contacts.len(), 1);
    assert_eq!(s.open_contacts(0, 100).unwrap().len(), 1);
    // A failed change writes nothing.
    let err = s
        .change_case(id, &|_| Err(StorageError::AlreadyDecided("x".into())))
        .unwrap_err();
    assert!(matches!(err, StorageError::AlreadyDecided(_)), "{err}");
    assert_eq!(s.open_contacts(0, 100).unwrap().len(), 1);
    // Decided: off the list, and in the holder's feed.
    let before = s.changes(advisor, 0, 10_000).unwrap().next_cursor;
    s.change_case(id, &|mut stored| {
        stored.contacts[0].states[0].state = FieldStateCode::Accepted;
        Ok(stored)
    })
    .unwrap();
    assert!(s.open_contacts(0, 100).unwrap().is_empty());
    let page = s.changes(advisor, before, 100).unwrap();
    assert!(page.changes.iter().any(|c| matches!(c,
        sync_proto::Change::Upsert { file } if file.id == id
            && file.contacts[0].states[0].state == FieldStateCode::Accepted)));
    assert!(matches!(
        s.change_case(Uuid::from_u128(0xDEAD), &Ok).unwrap_err(),
        StorageError::NotFound(_)
    ));
}

fn a_mutation_that_would_overgrow_its_case_is_rejected_and_nothing_written(s: &dyn AuditedStorage) {
    let p = portfolio();
    load(s, &p);
    let case = open_cases(&p, p.advisors[0].id.0)[0];
    let before = s.case(case).unwrap().unwrap();
    let dev = device();
    let m = note(0x0B16, case);
    // One note of 4 MiB: the case's record would pass MAX_CASE_BYTES.
    let grow = |f: Option<CaseFileDto>| {
        let mut f = f.unwrap();
        f.activities.push(sync_proto::ActivityDto {
            id: m.id,
            at: m.created_at,
            kind: "note".into(),
            author: "doradca".into(),
            summary: "x".repeat(sync_proto::MAX_CASE_BYTES),
            received_at: None,
        });
        Ok(f)
    };
    match apply_mutation(s, &dev, &m, &grow).unwrap() {
        Outcome::Rejected { code, reason } => {
            assert_eq!(code, RejectCode::CaseTooLarge);
            assert!(reason.contains("4096 KB"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(s.case(case).unwrap().unwrap(), before, "nothing written");
    // A note of ordinary size goes in.
    let small = note(0x0B17, case);
    assert_eq!(
        apply_mutation(s, &dev, &small, &add_note_line(&small)).unwrap(),
        Outcome::Applied
    );
}
