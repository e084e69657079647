//! The use cases over a real demo replica file.

use api::{CaseRequest, CommandError, Priority, SearchRequest, Status};
use app::demo_replica::{create_demo_replica, DemoReplica};
use chrono::NaiveDate;
use rust_decimal::Decimal;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn replica(dir: &tempfile::TempDir) -> store::Store {
    create_demo_replica(
        &dir.path().join("demo.sqlite"),
        &DemoReplica {
            seed: 11,
            cases: 200,
            advisors: 1,
            today: today(),
        },
    )
    .unwrap()
}

#[test]
fn case_list_puts_high_priority_first_and_filters() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = replica(&dir);
    let rows = app::search_cases::search_cases(&store, today(), &SearchRequest::default()).unwrap();
    assert_eq!(rows.len(), 200);
    let prios: Vec<Priority> = rows.iter().map(|r| r.priority).collect();
    let mut sorted = prios.clone();
    sorted.sort();
    assert_eq!(prios, sorted, "high priority first");
    assert!(prios.contains(&Priority::High) && prios.contains(&Priority::Normal));

    let high = app::search_cases::search_cases(
        &store,
        today(),
        &SearchRequest {
            priority: Some(Priority::High),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!high.is_empty() && high.iter().all(|r| r.priority == Priority::High));

    let broken = app::search_cases::search_cases(
        &store,
        today(),
        &SearchRequest {
            status: Some(Status::BrokenPromise),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(!broken.is_empty());
    assert!(broken.iter().all(|r| r.status == Status::BrokenPromise
        && r.flags.contains(&api::Flag::BrokenPromise)
        && r.priority == Priority::High));
}

#[test]
fn case_detail_sums_the_debts_and_orders_the_timeline() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = replica(&dir);
    let rows = app::search_cases::search_cases(&store, today(), &SearchRequest::default()).unwrap();
    for row in rows.iter().take(40) {
        let d = app::get_case::get_case(
            &store,
            today(),
            &CaseRequest {
                case_id: row.id.clone(),
            },
        )
        .unwrap();
        assert_eq!(d.total.total, row.outstanding);
        let sum: Decimal = d.debts.iter().map(|x| x.amounts.total).sum();
        assert_eq!(sum, d.total.total);
        assert_eq!(
            d.total.principal + d.total.interest + d.total.costs,
            d.total.total
        );
        assert!(
            d.timeline.windows(2).all(|w| w[0].at >= w[1].at),
            "newest first"
        );
        assert_eq!(d.debtor.name, row.debtor_name);
        assert!(d.debtor.birth_date.is_some(), "demo PESELs are valid");
    }
}

/// Issue #10: limitation is shown per debt, barred from the day after its
/// last enforceable day; one barred debt does not mark the others.
#[test]
fn case_detail_shows_limitation_per_debt() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = replica(&dir);
    let rows = app::search_cases::search_cases(&store, today(), &SearchRequest::default()).unwrap();
    let detail = |id: &str, day: NaiveDate| {
        app::get_case::get_case(&store, day, &CaseRequest { case_id: id.into() }).unwrap()
    };
    for row in &rows {
        let d = detail(&row.id, today());
        for x in &d.debts {
            let expected = if today() <= x.limitation_date {
                api::DebtLimitation::Enforceable {
                    until: x.limitation_date,
                }
            } else if x.amounts.total > Decimal::ZERO {
                api::DebtLimitation::TimeBarred {
                    since: x.limitation_date.succ_opt().unwrap(),
                }
            } else {
                api::DebtLimitation::BarredPaid {
                    since: x.limitation_date.succ_opt().unwrap(),
                }
            };
            assert_eq!(x.limitation, expected, "{}", x.title);
        }
    }
    // The day itself and the day after, on one debt.
    let d = detail(&rows[0].id, today());
    let last = d.debts[0].limitation_date;
    let on = detail(&rows[0].id, last);
    assert_eq!(
        on.debts[0].limitation,
        api::DebtLimitation::Enforceable { until: last }
    );
    let after = detail(&rows[0].id, last.succ_opt().unwrap());
    assert!(matches!(
        after.debts[0].limitation,
        api::DebtLimitation::TimeBarred { since } | api::DebtLimitation::BarredPaid { since }
            if since == last.succ_opt().unwrap()
    ));
}

#[test]
fn unknown_and_malformed_case_ids_are_clear_errors() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = replica(&dir);
    let missing = uuid::Uuid::from_u128(5).to_string();
    assert!(matches!(
        app::get_case::get_case(&store, today(), &CaseRequest { case_id: missing }),
        Err(CommandError::NotFound { .. })
    ));
    assert_eq!(
        app::get_case::get_case(
            &store,
            today(),
            &CaseRequest {
                case_id: "nope".into()
            }
        ),
        Err(CommandError::Invalid {
            field: api::Field::CaseId,
            code: api::Reason::MalformedId
        })
    );
}

#[test]
fn app_info_counts_the_replica() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = replica(&dir);
    let info = app::app_info::app_info(&store, today()).unwrap();
    assert_eq!(info.case_count, 200);
    assert!(info.advisor_name.is_some());
}
