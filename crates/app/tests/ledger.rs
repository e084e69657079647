//! Issue 11: the promise ledger on the device, offline: a promise overdue
//! past its grace days breaks the case (flag, status, top of the planning
//! candidates) and the case list shows the next promise still open, not
//! the earliest one ever.

use api::{CaseRequest, Flag, PlanParams, SearchRequest, Status};
use app::demo_replica::{create_demo_replica, DemoReplica};
use chrono::NaiveDate;
use domain::{
    CaseStatus, Money, Payment, PaymentChannel, PaymentId, Promise, PromiseId, PromiseStatus,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Monday 23.11.2026.
fn today() -> NaiveDate {
    d(2026, 11, 23)
}

fn replica(dir: &tempfile::TempDir) -> store::Store {
    create_demo_replica(
        &dir.path().join("demo.sqlite"),
        &DemoReplica {
            seed: 2026,
            cases: 120,
            advisors: 1,
            today: today(),
        },
    )
    .unwrap()
}

fn promise(
    f: &domain::CaseFile,
    n: u128,
    made_on: NaiveDate,
    due_on: NaiveDate,
    grosze: i64,
) -> Promise {
    Promise {
        id: PromiseId(uuid::Uuid::from_u128(0x11_0000 + n)),
        case_id: f.case.id,
        made_on,
        due_on,
        amount: Money::from_grosze(grosze),
        status: PromiseStatus::Pending,
    }
}

/// A quiet open case of the replica with a located address, its promises
/// and payments replaced by `promises` and `payments`, its status set.
fn rewrite(
    store: &mut store::Store,
    status: CaseStatus,
    make: impl Fn(&domain::CaseFile) -> (Vec<Promise>, Vec<Payment>),
) -> domain::CaseFile {
    let located: Vec<domain::CaseId> = store
        .visit_places()
        .unwrap()
        .into_iter()
        .filter(|p| p.location.is_some())
        .map(|p| p.case_id)
        .collect();
    let id = store
        .search(&store::CaseQuery::default())
        .unwrap()
        .into_iter()
        .find(|s| {
            s.status == CaseStatus::Visited && s.promises.is_empty() && located.contains(&s.id)
        })
        .expect("a visited case without promises")
        .id;
    let mut f = store.case_file(id).unwrap().unwrap();
    let (promises, payments) = make(&f);
    f.promises = promises;
    f.payments = payments;
    f.case.status = status;
    f.case.appointment = None;
    store.save_case_file(&f).unwrap();
    f
}

fn row(store: &store::Store, f: &domain::CaseFile) -> api::CaseRow {
    app::search_cases::search_cases(store, today(), &SearchRequest::default())
        .unwrap()
        .into_iter()
        .find(|r| r.id == f.case.id.to_string())
        .unwrap()
}

#[test]
fn a_promise_six_days_overdue_is_flagged_broken_and_tops_the_candidates() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    // Due Tuesday 17.11.2026, grace 18, 19, 20.11: broken from 21.11; on
    // 23.11 six days overdue. 100,00 of 400,00 zł paid in time.
    let f = rewrite(&mut store, CaseStatus::PromiseToPay, |f| {
        (
            vec![promise(f, 1, d(2026, 11, 9), d(2026, 11, 17), 400_00)],
            vec![Payment {
                id: PaymentId(uuid::Uuid::from_u128(0x22_0001)),
                case_id: f.case.id,
                paid_on: d(2026, 11, 16),
                amount: Money::from_grosze(100_00),
                channel: PaymentChannel::BankTransfer,
            }],
        )
    });
    let r = row(&store, &f);
    assert_eq!(r.status, Status::BrokenPromise);
    assert!(r.flags.contains(&Flag::BrokenPromise), "{:?}", r.flags);
    // The status filter sees it too.
    let broken = app::search_cases::search_cases(
        &store,
        today(),
        &SearchRequest {
            status: Some(Status::BrokenPromise),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(broken.iter().any(|b| b.id == r.id));

    // The case page: the computed state, the match and the timeline line.
    let detail = app::get_case::get_case(
        &store,
        today(),
        &CaseRequest {
            case_id: r.id.clone(),
        },
    )
    .unwrap();
    assert_eq!(detail.status, Status::BrokenPromise);
    assert_eq!(detail.promises[0].state, api::PromiseState::Broken);
    assert_eq!(detail.promises[0].last_day, Some(d(2026, 11, 20)));
    let said: Vec<&str> = detail
        .timeline
        .iter()
        .filter(|a| a.ledger.is_some())
        .map(|a| a.summary.as_str())
        .collect();
    assert_eq!(
        said,
        [
            "Deklaracja 400,00 zł na 17.11.2026: niedotrzymana, brak wpłaty 300,00 zł do 20.11.2026",
            "Wpłata 100,00 zł z 16.11.2026 zaliczona na deklarację z 17.11.2026, pozostało 300,00 zł",
        ]
    );
    assert!(detail.timeline.windows(2).all(|w| w[0].at >= w[1].at));

    // Back to the top of the day's candidates: only appointments of the
    // day come before it (none here), so it is among the first, and it
    // scores the broken promise.
    let c = app::plan::candidates(&store, &PlanParams::for_date(today())).unwrap();
    let at = c
        .candidates
        .iter()
        .position(|x| x.case_id == r.id)
        .expect("a candidate");
    let it = &c.candidates[at];
    assert!(it.reasons.iter().any(|x| x.flag == Flag::BrokenPromise));
    assert!(
        c.candidates[..at].iter().all(|x| x.points >= it.points),
        "ordered by score"
    );
    assert!(at < 10, "near the top: {at} of {}", c.candidates.len());
}

#[test]
fn the_case_list_shows_the_next_open_promise_not_the_earliest() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    // An old promise due 2.11.2026 (broken from 6.11) and, taken after it
    // broke, a new one due Wednesday 25.11.2026: in two days. The summary
    // used to show 2.11 (the earliest pending), so no "promise due" flag.
    let f = rewrite(&mut store, CaseStatus::PromiseToPay, |f| {
        (
            vec![
                promise(f, 1, d(2026, 10, 26), d(2026, 11, 2), 300_00),
                promise(f, 2, d(2026, 11, 12), d(2026, 11, 25), 300_00),
            ],
            vec![],
        )
    });
    let r = row(&store, &f);
    assert!(r.flags.contains(&Flag::PromiseDueSoon), "{:?}", r.flags);
    // The new promise answered the broken one: the case stays "promise to
    // pay".
    assert_eq!(r.status, Status::PromiseToPay);
    assert!(!r.flags.contains(&Flag::BrokenPromise));

    // Kept promises are not open either: the first paid in full in time,
    // the next one is what the list shows.
    let f = rewrite(&mut store, CaseStatus::PromiseToPay, |f| {
        (
            vec![
                promise(f, 3, d(2026, 11, 2), d(2026, 11, 20), 200_00),
                promise(f, 4, d(2026, 11, 2), d(2026, 11, 26), 200_00),
            ],
            vec![Payment {
                id: PaymentId(uuid::Uuid::from_u128(0x22_0002)),
                case_id: f.case.id,
                paid_on: d(2026, 11, 19),
                amount: Money::from_grosze(200_00),
                channel: PaymentChannel::PostOffice,
            }],
        )
    });
    let r = row(&store, &f);
    assert!(r.flags.contains(&Flag::PromiseDueSoon), "{:?}", r.flags);
    assert_eq!(r.status, Status::PromiseToPay);
}

#[test]
fn a_case_without_promises_is_never_broken_on_the_device() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    let f = rewrite(&mut store, CaseStatus::Visited, |_| (vec![], vec![]));
    for day in [today(), d(2027, 6, 1)] {
        let r = app::search_cases::search_cases(&store, day, &SearchRequest::default())
            .unwrap()
            .into_iter()
            .find(|r| r.id == f.case.id.to_string())
            .unwrap();
        assert_eq!(r.status, Status::Visited);
        assert!(!r.flags.contains(&Flag::BrokenPromise));
    }
}
