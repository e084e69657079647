//! Team leads' answers and the advisor's offer policy in a real replica file
//! (issues #4 and #5).

use chrono::NaiveDate;
use domain::offer::{Authority, DownPaymentRule, Policy, RateChange, ReferenceRates};
use domain::*;
use rust_decimal::Decimal;
use store::{Captured, DownloadPage, OfferApproval, Review, Reviewed, Store};
use tempfile::TempDir;
use uuid::Uuid;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn replica(dir: &TempDir) -> (Store, demo::Portfolio) {
    let p = demo::generate(&demo::DemoConfig {
        seed: 3,
        cases: 10,
        advisors: 1,
        today: today(),
    });
    let mut s = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    s.import(&p.advisors, &p.cases).unwrap();
    (s, p)
}

fn offer(s: &mut Store, case: CaseId, id: u128, needs_approval: bool) -> Uuid {
    let id = Uuid::from_u128(id);
    let at = today().and_hms_opt(10, 0, 0).unwrap();
    s.capture_offer(
        &Activity {
            id: ActivityId(id),
            case_id: case,
            at,
            kind: ActivityKind::Note,
            author: "Doradca".into(),
            summary: "Propozycja ugody".into(),
            received_at: None,
        },
        &Captured {
            mutation_id: id,
            kind: "offer".into(),
            case_id: case,
            payload: "{}".into(),
            created_at: at,
        },
        needs_approval,
        r#"{"variant":"custom"}"#,
    )
    .unwrap();
    id
}

#[test]
fn a_saved_offer_keeps_its_body_and_state_and_is_signed_once() {
    let dir = tempfile::TempDir::new().unwrap();
    let (mut s, p) = replica(&dir);
    let case = p.cases[0].case.id;
    let within = offer(&mut s, case, 0xA1, false);
    let beyond = offer(&mut s, case, 0xA2, true);
    let rows = s.saved_offers(case).unwrap();
    assert_eq!(
        rows.iter().map(|r| (r.id, r.review)).collect::<Vec<_>>(),
        [(within, None), (beyond, Some(OfferApproval::Pending))]
    );
    assert_eq!(rows[0].body_json, r#"{"variant":"custom"}"#);
    assert_eq!(s.saved_offer(Uuid::from_u128(0xA3)).unwrap(), None);

    let at = today().and_hms_opt(11, 0, 0).unwrap();
    let agreement = |id: Uuid| SignedAgreement {
        id,
        number: "UG/2026/11/0000000000".into(),
        signed_on: today(),
        total: Money::new(Decimal::new(1_000_00, 2)),
        voluntary_only: false,
        schedule: vec![
            (today(), Money::new(Decimal::new(400_00, 2))),
            (
                today() + chrono::Days::new(30),
                Money::new(Decimal::new(600_00, 2)),
            ),
        ],
        amends: None,
    };
    let settle = |s: &mut Store, id: u128| {
        let id = Uuid::from_u128(id);
        s.capture_settlement(
            &Activity {
                id: ActivityId(id),
                case_id: case,
                at,
                kind: ActivityKind::Note,
                author: "Doradca".into(),
                summary: "Ugoda".into(),
                received_at: None,
            },
            &Captured {
                mutation_id: id,
                kind: "settlement".into(),
                case_id: case,
                payload: "{}".into(),
                created_at: at,
            },
            (within, &agreement(id)),
            Some(domain::CaseStatus::SettlementSigned),
        )
    };
    settle(&mut s, 0xB1).unwrap();
    assert_eq!(
        s.case_file(case).unwrap().unwrap().case.status,
        domain::CaseStatus::SettlementSigned,
        "the case moves with the signature"
    );
    assert_eq!(
        s.saved_offer(within).unwrap().unwrap().settlement_id,
        Some(Uuid::from_u128(0xB1))
    );
    // The agreement is on the case, its schedule read back to the grosz.
    assert_eq!(
        s.case_file(case).unwrap().unwrap().agreements,
        [agreement(Uuid::from_u128(0xB1))]
    );
    // A second settlement of the same offer writes nothing at all.
    let outbox = s.outbox(store::OutboxState::Pending).unwrap().len();
    assert!(matches!(
        settle(&mut s, 0xB2),
        Err(store::StoreError::AlreadySigned(_))
    ));
    assert_eq!(s.outbox(store::OutboxState::Pending).unwrap().len(), outbox);
    assert_eq!(
        s.saved_offer(within).unwrap().unwrap().settlement_id,
        Some(Uuid::from_u128(0xB1))
    );
}

fn page<'a>(
    reviews: &'a [Review],
    policy: Option<(&'a Policy, &'a Authority)>,
) -> DownloadPage<'a> {
    DownloadPage {
        upserts: &[],
        removes: &[],
        advisor: None,
        reviews,
        policy,
        cursor: 7,
    }
}

#[test]
fn an_offer_waits_then_carries_the_answer_across_reopening() {
    let dir = TempDir::new().unwrap();
    let (mut s, p) = replica(&dir);
    let case = p.cases[0].case.id;
    let within = offer(&mut s, case, 1, false);
    let beyond = offer(&mut s, case, 2, true);
    let reviews = s.offer_reviews(case).unwrap();
    assert_eq!(reviews.len(), 1, "only the offer beyond authority waits");
    assert_eq!(
        (reviews[0].offer_id, reviews[0].status),
        (beyond, OfferApproval::Pending)
    );
    assert_eq!(s.outbox_counts().unwrap().0, 2);

    let answer = Review {
        about: Reviewed::Offer {
            offer_id: beyond,
            case_id: case,
        },
        approved: false,
        comment: Some("Za długo".into()),
        reviewed_by: "Kierownik".into(),
        reviewed_at: today().and_hms_opt(15, 30, 0).unwrap(),
    };
    s.apply_download_page(&page(std::slice::from_ref(&answer), None))
        .unwrap();
    // Applying the same answer again (a replayed page) changes nothing.
    s.apply_download_page(&page(std::slice::from_ref(&answer), None))
        .unwrap();
    drop(s);
    let s = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let reviews = s.offer_reviews(case).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(reviews[0].status, OfferApproval::Rejected);
    assert_eq!(reviews[0].comment.as_deref(), Some("Za długo"));
    assert_eq!(reviews[0].reviewed_by.as_deref(), Some("Kierownik"));
    assert_eq!(reviews[0].reviewed_at, Some(answer.reviewed_at));
    assert!(reviews.iter().all(|r| r.offer_id != within));
    assert_eq!(s.sync_value("cursor").unwrap().as_deref(), Some("7"));
}

#[test]
fn an_answer_for_an_offer_made_elsewhere_is_kept_and_a_wipe_removes_it() {
    let dir = TempDir::new().unwrap();
    let (mut s, p) = replica(&dir);
    let case = p.cases[1].case.id;
    let answer = Review {
        about: Reviewed::Offer {
            offer_id: Uuid::from_u128(9),
            case_id: case,
        },
        approved: true,
        comment: None,
        reviewed_by: "Kierownik".into(),
        reviewed_at: today().and_hms_opt(9, 0, 0).unwrap(),
    };
    s.apply_download_page(&page(&[answer], None)).unwrap();
    assert_eq!(
        s.offer_reviews(case).unwrap()[0].status,
        OfferApproval::Approved
    );
    s.wipe_case_data().unwrap();
    assert!(s.offer_reviews(case).unwrap().is_empty());
}

#[test]
fn the_policy_the_server_sent_is_kept_exactly() {
    let dir = TempDir::new().unwrap();
    let (mut s, _) = replica(&dir);
    assert_eq!(
        s.offer_policy().unwrap(),
        None,
        "none until a server sends one"
    );
    let policy = Policy {
        min_installment: Money::from_grosze(75_50),
        max_term_months: 48,
        max_discount: Decimal::new(45, 2),
        lump_sum_discount: Decimal::new(3, 1),
        lump_sum_days: 21,
        down_payment: DownPaymentRule {
            min_share: Decimal::new(5, 2),
            due_within_days: 10,
        },
        first_installment_min_days: 30,
        affordable_share: Decimal::new(40, 2),
        // The seeded table and a later decision of the admin's.
        reference_rates: ReferenceRates::nbp().with(RateChange {
            from: NaiveDate::from_ymd_opt(2026, 12, 3).unwrap(),
            rate: Decimal::new(3_25, 4),
        }),
        plan_interest_rate: Some(Decimal::new(7, 2)),
        late_interest_rate: None,
        max_pause_months: 6,
        promises: Default::default(),
        // Monday 9:00–17:00, Wednesday none, Saturday none.
        contact_hours: domain::hours::ContactHours {
            weekdays: [
                Some(domain::hours::DayHours::hours(9, 17)),
                Some(domain::hours::DayHours::hours(8, 20)),
                None,
                Some(domain::hours::DayHours::hours(8, 20)),
                Some(domain::hours::DayHours::hours(8, 16)),
            ],
            saturday: None,
        },
    };
    let authority = Authority {
        max_discount_share: Decimal::new(20, 2),
        max_discount_amount: Money::from_grosze(1_500_00),
        max_term_months: 18,
    };
    s.apply_download_page(&page(&[], Some((&policy, &authority))))
        .unwrap();
    drop(s);
    let mut s = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    assert_eq!(s.offer_policy().unwrap(), Some((policy.clone(), authority)));
    assert_eq!(s.reference_rates().unwrap(), policy.reference_rates);
    // A page without a policy keeps the last one, and its rates.
    s.apply_download_page(&page(&[], None)).unwrap();
    assert_eq!(s.offer_policy().unwrap(), Some((policy.clone(), authority)));
    // A new policy replaces the whole table, not row by row.
    let fewer = Policy {
        reference_rates: ReferenceRates::constant(Decimal::new(4_00, 4)),
        ..policy
    };
    s.apply_download_page(&page(&[], Some((&fewer, &authority))))
        .unwrap();
    assert_eq!(s.offer_policy().unwrap(), Some((fewer, authority)));
}

#[test]
fn without_a_table_from_the_server_the_replica_has_the_seeded_one() {
    let dir = TempDir::new().unwrap();
    let (s, _) = replica(&dir);
    assert_eq!(s.reference_rates().unwrap(), ReferenceRates::nbp());
}

#[test]
fn a_plan_review_updates_the_day_plan() {
    let dir = TempDir::new().unwrap();
    let (mut s, _) = replica(&dir);
    let plan = Uuid::from_u128(0x77);
    {
        let conn = rusqlite::Connection::open(dir.path().join("replica.sqlite")).unwrap();
        conn.execute(
            "INSERT INTO day_plan (id, plan_date, body, status, submitted_at, updated_at)
             VALUES (?1, '2026-11-24', '{}', 'submitted', '2026-11-23T10:00:00', '2026-11-23T10:00:00')",
            [plan.to_string()],
        )
        .unwrap();
    }
    let answer = |approved: bool, id: Uuid| Review {
        about: Reviewed::Plan { plan_id: id },
        approved,
        comment: Some("Dodaj wizytę".into()),
        reviewed_by: "Kierownik".into(),
        reviewed_at: today().and_hms_opt(16, 0, 0).unwrap(),
    };
    // An answer for a plan no longer on the device is ignored.
    s.apply_download_page(&page(
        &[answer(false, plan), answer(true, Uuid::from_u128(1))],
        None,
    ))
    .unwrap();
    let conn = rusqlite::Connection::open(dir.path().join("replica.sqlite")).unwrap();
    let row: (String, String, String, String) = conn
        .query_row(
            "SELECT status, review_comment, reviewed_by, reviewed_at FROM day_plan WHERE id = ?1",
            [plan.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "returned".into(),
            "Dodaj wizytę".into(),
            "Kierownik".into(),
            "2026-11-23T16:00:00".into()
        )
    );
}

#[test]
fn a_version_2_replica_upgrades_in_place_keeping_its_outbox() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.sqlite");
    // A replica of this build rolled back to schema 2 (0003, 0006, 0007 and
    // 0009 and 0010 only add tables, 0005 a column, 0008 a table and a
    // column and rebuilds one, 0011 adds a column to 0003's table, 0015 a
    // table, 0016 a column, 0019 a table, 0020 rebuilds the timeline's
    // table, 0018 rebuilds the search table, filled by the
    // store from the case files), with unsynced work in its outbox.
    let (mut s, p) = replica(&dir);
    offer(&mut s, p.cases[0].case.id, 5, false);
    drop(s);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "DROP TABLE offer_review; DROP TABLE offer_policy;
             DROP TABLE offers; DROP TABLE reference_rates; DROP TABLE agreement;
             DROP TABLE visit_report; DROP TABLE visit_chain; DROP TABLE door_receipt;
             DROP TABLE visit_photo; DROP TABLE contact_hours; DROP TABLE case_thread;
             DROP TABLE contact_proposal; ALTER TABLE phone DROP COLUMN mark;
             ALTER TABLE activity DROP COLUMN received_at;
             ALTER TABLE debtor DROP COLUMN vulnerability_since;
             DROP TABLE unseen_decision; DROP TABLE case_search;
             CREATE VIRTUAL TABLE case_search USING fts5(case_id UNINDEXED, body,
                 tokenize = 'unicode61 remove_diacritics 2');
             INSERT INTO case_search (case_id, body) SELECT id, lower(number) FROM case_file;
             PRAGMA user_version = 2;",
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), store::SCHEMA_VERSION);
    assert_eq!(s.schema_version().unwrap(), 18);
    // 0004 re-keyed the search rows, 0018 and the store rebuilt them from
    // the case files: search finds a case by number, and by PESEL (new).
    let found = s
        .search(&store::CaseQuery {
            text: p.cases[0].case.number.clone(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, p.cases[0].case.id);
    let by_pesel = s
        .search(&store::CaseQuery {
            text: p.cases[0].debtor.pesel.clone(),
            ..Default::default()
        })
        .unwrap();
    assert!(by_pesel.iter().any(|c| c.id == p.cases[0].case.id));
    assert_eq!(s.outbox_counts().unwrap().0, 1, "unsynced work survives");
    assert!(s.offer_reviews(p.cases[0].case.id).unwrap().is_empty());
    assert_eq!(s.offer_policy().unwrap(), None);
    assert_eq!(s.reference_rates().unwrap(), ReferenceRates::nbp());
}
