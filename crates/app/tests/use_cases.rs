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

/// Issue 17 point 6: a PESEL and a phone typed as people type them find the
/// case, and the row says which fact matched.
#[test]
fn the_list_finds_a_pesel_and_a_phone_as_typed_and_says_why() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = replica(&dir);
    let all = app::search_cases::search_cases(&store, today(), &SearchRequest::default()).unwrap();
    let case = all
        .iter()
        .map(|r| {
            store
                .case_file(domain::CaseId(r.id.parse().unwrap()))
                .unwrap()
                .unwrap()
        })
        .find(|f| {
            f.debtor
                .phones
                .iter()
                .any(|p| p.number.starts_with("+48") && p.number.len() == 12)
        })
        .expect("a case with a Polish phone");
    let id = case.case.id.to_string();
    let find = |text: &str| {
        app::search_cases::search_cases(
            &store,
            today(),
            &SearchRequest {
                text: text.into(),
                ..Default::default()
            },
        )
        .unwrap()
    };
    let pesel = &case.debtor.pesel;
    let rows = find(pesel);
    let row = rows.iter().find(|r| r.id == id).expect("found by PESEL");
    assert_eq!(
        row.matched,
        [api::MatchView {
            kind: api::MatchKind::Pesel,
            text: format!("•••••••{}", &pesel[7..]),
        }]
    );
    let phone = case
        .debtor
        .phones
        .iter()
        .find(|p| p.number.starts_with("+48") && p.number.len() == 12)
        .unwrap();
    let n = &phone.number[3..];
    let dashed = format!("{}-{}-{}", &n[..3], &n[3..6], &n[6..]);
    for typed in [
        dashed.clone(),
        format!("0048{n}"),
        format!("+48 {}", &n[..3]),
        n.to_string(),
    ] {
        let rows = find(&typed);
        let row = rows
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("found by {typed}"));
        assert_eq!(row.matched.len(), 1, "{typed}: {:?}", row.matched);
        assert_eq!(row.matched[0].kind, api::MatchKind::Phone, "{typed}");
        assert_eq!(
            row.matched[0].text,
            domain::format::format_phone(&phone.number)
        );
    }
    // The name explains itself: no reason is added.
    let rows = find(&case.debtor.last_name);
    assert!(rows.iter().find(|r| r.id == id).unwrap().matched.is_empty());
}

/// Issue 17 point 7: the list sorts by the amount owed and by the oldest
/// contact (never contacted first).
#[test]
fn the_list_sorts_by_amount_and_by_the_oldest_contact() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = replica(&dir);
    let sorted = |sort| {
        app::search_cases::search_cases(
            &store,
            today(),
            &SearchRequest {
                sort,
                ..Default::default()
            },
        )
        .unwrap()
    };
    let by_amount = sorted(api::CaseSort::Amount);
    assert_eq!(by_amount.len(), 200);
    assert!(by_amount
        .windows(2)
        .all(|w| w[0].outstanding >= w[1].outstanding));
    let by_contact = sorted(api::CaseSort::LastContact);
    assert!(by_contact
        .windows(2)
        .all(|w| w[0].last_contact <= w[1].last_contact));
    assert!(by_contact.iter().any(|r| r.last_contact.is_some()));
    let by_name = sorted(api::CaseSort::Name);
    assert_ne!(
        by_name.iter().map(|r| &r.id).collect::<Vec<_>>(),
        by_amount.iter().map(|r| &r.id).collect::<Vec<_>>()
    );
}
