//! The office inbox's storage stories (issue #12), once per backend: rows
//! are written with the mutation that brings them, paged newest first by
//! keyset (at most 100 a page), filtered and counted per kind.

use chrono::NaiveDate;
use server_storage::{
    testing::TestSchema, AuditedStorage, Device, Effect, InboxFilter, PgStorage, SqliteStorage,
    StorageError,
};
use std::collections::BTreeSet;
use sync_proto::{CaseFileDto, InboxKind, InboxState, Mutation, MutationKind, Outcome, RejectCode};
use uuid::Uuid;

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
    what_the_field_sends_is_in_the_inbox_once_newest_first_in_pages,
    the_inbox_filters_by_kind_advisor_and_dates_and_counts_per_kind,
    an_item_is_handled_once_with_who_and_when,
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
}

fn portfolio() -> demo::Portfolio {
    demo::generate(&demo::DemoConfig {
        seed: 21,
        cases: 20,
        advisors: 2,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    })
}

fn device(user: Uuid) -> Device {
    Device {
        id: Uuid::from_u128(1),
        user_id: user,
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

/// Loads the portfolio; the cases of each advisor.
fn load(s: &dyn AuditedStorage) -> Vec<(Uuid, Vec<Uuid>)> {
    let p = portfolio();
    for f in &p.cases {
        s.put_case(&CaseFileDto::from(f)).unwrap();
    }
    p.advisors
        .iter()
        .map(|a| {
            let cases = p
                .cases
                .iter()
                .filter(|c| c.case.advisor_id.0 == a.id.0)
                .map(|c| c.case.id.0)
                .collect();
            (a.id.0, cases)
        })
        .collect()
}

fn mutation(id: u128, case: Uuid, kind: MutationKind) -> Mutation {
    Mutation {
        id: Uuid::from_u128(id),
        case_id: case,
        created_at: NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap(),
        kind,
        body: serde_json::json!({}),
    }
}

/// Applies `m`, its case unchanged (or rejected when `reject`).
fn send(s: &dyn AuditedStorage, advisor: Uuid, m: &Mutation, reject: bool) -> Outcome {
    s.apply_mutation_effect(&device(advisor), m, &[], &|now, _| {
        if reject {
            return Err((RejectCode::InvalidBody, "no".into()));
        }
        Ok(Effect::case(now.expect("the case is stored")))
    })
    .unwrap()
}

fn all(s: &dyn AuditedStorage, mut f: InboxFilter) -> Vec<sync_proto::InboxItemDto> {
    let mut out = Vec::new();
    loop {
        let page = s.inbox(&f).unwrap();
        assert!(page.items.len() <= 100);
        out.extend(page.items);
        match page.next {
            Some(c) => f.cursor = Some(c),
            None => return out,
        }
    }
}

fn what_the_field_sends_is_in_the_inbox_once_newest_first_in_pages(s: &dyn AuditedStorage) {
    let advisors = load(s);
    let (a, cases) = &advisors[0];
    assert!(s.inbox(&InboxFilter::default()).unwrap().items.is_empty());
    // 130 questions and proposals, a note (not for the inbox), a rejected
    // proposal and a repeated upload.
    for i in 0..130u128 {
        let kind = if i % 2 == 0 {
            MutationKind::Message
        } else {
            MutationKind::Contact
        };
        let m = mutation(1000 + i, cases[i as usize % cases.len()], kind);
        assert_eq!(send(s, *a, &m, false), Outcome::Applied);
    }
    assert_eq!(
        send(
            s,
            *a,
            &mutation(1000, cases[0], MutationKind::Message),
            false
        ),
        Outcome::Duplicate
    );
    send(s, *a, &mutation(5000, cases[0], MutationKind::Note), false);
    let rejected = send(
        s,
        *a,
        &mutation(6000, cases[0], MutationKind::Contact),
        true,
    );
    assert!(matches!(rejected, Outcome::Rejected { .. }));
    // Asked for 1000 a page: 100 come, then the other 30.
    let first = s
        .inbox(&InboxFilter {
            limit: 1000,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(first.items.len(), 100);
    assert!(first.next.is_some());
    let every = all(
        s,
        InboxFilter {
            limit: 1000,
            ..Default::default()
        },
    );
    assert_eq!(every.len(), 130);
    let ids: BTreeSet<Uuid> = every.iter().map(|i| i.id).collect();
    assert_eq!(ids.len(), 130, "each once");
    assert!(!ids.contains(&Uuid::from_u128(5000)) && !ids.contains(&Uuid::from_u128(6000)));
    // Newest first, then by id descending.
    for w in every.windows(2) {
        assert!((w[0].received_at, w[0].id) > (w[1].received_at, w[1].id));
    }
    // Small pages walk the same list.
    let small = all(
        s,
        InboxFilter {
            limit: 7,
            ..Default::default()
        },
    );
    assert_eq!(small, every);
    let one = &every[0];
    assert_eq!(one.state, InboxState::New);
    assert_eq!(one.advisor_id, *a);
    let file = s.case(one.case_id).unwrap().unwrap();
    assert_eq!(
        one.summary,
        format!(
            "{} {} · {}",
            file.debtor.first_name, file.debtor.last_name, file.number
        )
    );
    assert_eq!(one.device_at.to_string(), "2026-11-23 09:00:00");
}

fn the_inbox_filters_by_kind_advisor_and_dates_and_counts_per_kind(s: &dyn AuditedStorage) {
    let advisors = load(s);
    let (a, a_cases) = &advisors[0];
    let (b, b_cases) = &advisors[1];
    for i in 0..12u128 {
        send(
            s,
            *a,
            &mutation(100 + i, a_cases[0], MutationKind::Message),
            false,
        );
    }
    for i in 0..5u128 {
        send(
            s,
            *a,
            &mutation(200 + i, a_cases[1], MutationKind::Contact),
            false,
        );
    }
    for i in 0..3u128 {
        send(
            s,
            *b,
            &mutation(300 + i, b_cases[0], MutationKind::Contact),
            false,
        );
    }
    let counts = |f: InboxFilter| s.inbox(&f).unwrap().counts;
    assert_eq!(
        counts(InboxFilter::default()),
        vec![
            (InboxKind::Visit, 0),
            (InboxKind::Contact, 8),
            (InboxKind::Settlement, 0),
            (InboxKind::Message, 12),
            (InboxKind::DoorPayment, 0),
        ]
    );
    let only_b = InboxFilter {
        advisor: Some(*b),
        ..Default::default()
    };
    assert_eq!(counts(only_b.clone())[1], (InboxKind::Contact, 3));
    assert_eq!(all(s, only_b).len(), 3);
    let contacts = all(
        s,
        InboxFilter {
            kind: Some(InboxKind::Contact),
            limit: 2,
            ..Default::default()
        },
    );
    assert_eq!(contacts.len(), 8);
    assert!(contacts.iter().all(|i| i.kind == InboxKind::Contact));
    let contacts_of_a = all(
        s,
        InboxFilter {
            kind: Some(InboxKind::Contact),
            advisor: Some(*a),
            ..Default::default()
        },
    );
    assert_eq!(contacts_of_a.len(), 5);
    // Received after 2000 (by the server's clock): all; from 2100 or
    // until 1999: none.
    let day = |y| NaiveDate::from_ymd_opt(y, 1, 1).unwrap();
    let from = |d: NaiveDate| InboxFilter {
        from: Some(d.and_hms_opt(0, 0, 0).unwrap()),
        ..Default::default()
    };
    assert_eq!(all(s, from(day(2000))).len(), 20);
    assert_eq!(all(s, from(day(2100))).len(), 0);
    assert_eq!(
        all(
            s,
            InboxFilter {
                to: Some(day(1999).and_hms_opt(23, 59, 59).unwrap()),
                ..Default::default()
            }
        )
        .len(),
        0
    );
    let decided = InboxFilter {
        state: Some(InboxState::Decided),
        ..Default::default()
    };
    assert!(all(s, decided.clone()).is_empty());
    assert!(counts(decided).iter().all(|(_, n)| *n == 0));
}

fn an_item_is_handled_once_with_who_and_when(s: &dyn AuditedStorage) {
    let advisors = load(s);
    let (a, cases) = &advisors[0];
    send(s, *a, &mutation(1, cases[0], MutationKind::Contact), false);
    send(s, *a, &mutation(2, cases[0], MutationKind::Message), false);
    let clerk = Uuid::from_u128(0xB1);
    let done = s
        .handle_inbox(Uuid::from_u128(1), &InboxKind::Contact, clerk, now())
        .unwrap();
    assert_eq!(done.state, InboxState::Decided);
    assert_eq!(done.decided_by, Some(clerk));
    assert_eq!(done.decided_at, Some(now()));
    // The second time: refused, saying who and when; the first stands.
    let again = s
        .handle_inbox(
            Uuid::from_u128(1),
            &InboxKind::Contact,
            Uuid::from_u128(0xB2),
            now(),
        )
        .unwrap_err();
    match again {
        StorageError::AlreadyDecided(why) => {
            assert!(why.starts_with(&format!("decided by {clerk} at ")), "{why}")
        }
        e => panic!("{e}"),
    }
    // A question is answered; a visit report takes no decision; an
    // unknown item is not found.
    let answered = s
        .handle_inbox(Uuid::from_u128(2), &InboxKind::Message, clerk, now())
        .unwrap();
    assert_eq!(answered.state, InboxState::Answered);
    assert!(matches!(
        s.handle_inbox(Uuid::from_u128(2), &InboxKind::Visit, clerk, now()),
        Err(StorageError::Invalid(_))
    ));
    assert!(matches!(
        s.handle_inbox(Uuid::from_u128(9), &InboxKind::Contact, clerk, now()),
        Err(StorageError::NotFound(_))
    ));
    let page = s
        .inbox(&InboxFilter {
            state: Some(InboxState::New),
            ..Default::default()
        })
        .unwrap();
    assert!(page.items.is_empty());
    let decided = s
        .inbox(&InboxFilter {
            state: Some(InboxState::Decided),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(decided.items, vec![done]);
}

fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 23)
        .unwrap()
        .and_hms_opt(15, 30, 0)
        .unwrap()
}
