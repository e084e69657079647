//! Day plans on a real replica file: drafts, submission with its outbox
//! entry in one transaction, the review, and visit places.

use chrono::{NaiveDate, NaiveDateTime};
use store::{OutboxState, PlanStatus, Store, StoreError};
use tempfile::TempDir;
use uuid::Uuid;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn at(h: u32, m: u32) -> NaiveDateTime {
    day().and_hms_opt(h, m, 0).unwrap()
}

#[test]
fn drafts_are_saved_listed_submitted_once_and_reviewed() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("replica.sqlite");
    let id = Uuid::from_u64_pair(1, 1);
    let other = Uuid::from_u64_pair(1, 2);
    {
        let mut s = Store::open(&path).unwrap();
        s.save_plan_draft(id, day(), r#"{"v":1}"#, at(7, 0))
            .unwrap();
        s.save_plan_draft(id, day(), r#"{"v":2}"#, at(7, 5))
            .unwrap();
        s.save_plan_draft(other, day().succ_opt().unwrap(), "{}", at(7, 6))
            .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    let on_day = s.day_plans_on(day()).unwrap();
    assert_eq!(on_day.len(), 1, "saving a draft again replaces it");
    let p = &on_day[0];
    assert_eq!((p.id, p.body.as_str()), (id, r#"{"v":2}"#));
    assert_eq!(p.status, PlanStatus::Draft);
    assert_eq!(p.updated_at, at(7, 5));
    assert_eq!(p.submitted_at, None);

    let mutation = Uuid::from_u64_pair(2, 1);
    s.submit_plan(id, r#"{"v":3}"#, at(7, 30), mutation, "plan", "{}")
        .unwrap();
    let p = s.day_plan(id).unwrap().unwrap();
    assert_eq!(p.status, PlanStatus::Submitted);
    assert_eq!(p.body, r#"{"v":3}"#);
    assert_eq!(p.submitted_at, Some(at(7, 30)));
    let pending = s.outbox(OutboxState::Pending).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].mutation_id, mutation);
    assert_eq!(pending[0].kind, "plan");
    assert_eq!(pending[0].case_id, None);

    // Submitted: neither a second submission nor an edit in place.
    assert!(matches!(
        s.submit_plan(id, "{}", at(7, 40), Uuid::from_u64_pair(2, 2), "plan", "{}"),
        Err(StoreError::PlanNotDraft { .. })
    ));
    assert!(matches!(
        s.save_plan_draft(id, day(), "{}", at(7, 41)),
        Err(StoreError::PlanNotDraft { .. })
    ));
    assert_eq!(s.outbox(OutboxState::Pending).unwrap().len(), 1);
    assert_eq!(s.day_plan(id).unwrap().unwrap().body, r#"{"v":3}"#);

    s.apply_download_page(&store::DownloadPage {
        upserts: &[],
        removes: &[],
        advisor: None,
        reviews: &[store::Review {
            about: store::Reviewed::Plan { plan_id: id },
            approved: false,
            comment: Some("Za dużo jazdy".into()),
            reviewed_by: "Kierownik".into(),
            reviewed_at: at(9, 0),
        }],
        policy: None,
        cursor: 1,
    })
    .unwrap();
    let p = s.day_plan(id).unwrap().unwrap();
    assert_eq!(p.status, PlanStatus::Returned);
    assert_eq!(p.review_comment.as_deref(), Some("Za dużo jazdy"));
    assert_eq!(p.reviewed_by.as_deref(), Some("Kierownik"));
    assert_eq!(p.reviewed_at, Some(at(9, 0)));
    assert!(s.day_plan(Uuid::from_u64_pair(9, 9)).unwrap().is_none());
    // A new draft of the day comes first, also after an answer to the old.
    let newer = Uuid::from_u64_pair(1, 3);
    s.save_plan_draft(newer, day(), "{}", at(9, 30)).unwrap();
    s.apply_download_page(&store::DownloadPage {
        upserts: &[],
        removes: &[],
        advisor: None,
        reviews: &[store::Review {
            about: store::Reviewed::Plan { plan_id: id },
            approved: true,
            comment: None,
            reviewed_by: "Kierownik".into(),
            reviewed_at: at(10, 0),
        }],
        policy: None,
        cursor: 2,
    })
    .unwrap();
    let ids: Vec<Uuid> = s
        .day_plans_on(day())
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    assert_eq!(ids, vec![newer, id]);
}

#[test]
fn a_failed_submission_writes_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let missing = Uuid::from_u64_pair(3, 3);
    assert!(matches!(
        s.submit_plan(
            missing,
            "{}",
            at(8, 0),
            Uuid::from_u64_pair(4, 4),
            "plan",
            "{}"
        ),
        Err(StoreError::PlanNotDraft { .. })
    ));
    assert!(s.outbox(OutboxState::Pending).unwrap().is_empty());
}

#[test]
fn visit_places_prefer_the_residence() {
    let p = demo::generate(&demo::DemoConfig {
        seed: 5,
        cases: 80,
        advisors: 1,
        today: day(),
    });
    let mut s = Store::open_in_memory().unwrap();
    s.import(&p.advisors, &p.cases).unwrap();
    let places = s.visit_places().unwrap();
    let with_address = p
        .cases
        .iter()
        .filter(|f| f.debtor.visit_address().is_some())
        .count();
    assert_eq!(places.len(), with_address);
    for place in &places {
        let f = p.cases.iter().find(|f| f.case.id == place.case_id).unwrap();
        let a = f.debtor.visit_address().unwrap();
        assert_eq!((&place.street, &place.city), (&a.street, &a.city));
        assert_eq!(place.location, a.location);
    }
    assert!(places.iter().any(|p| p.location.is_some()));
}
