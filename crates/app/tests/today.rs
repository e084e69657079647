//! "Dziś" (issue 17 point 7) over a real demo replica file.

use api::PlanParams;
use app::demo_replica::{create_demo_replica, DemoReplica};
use app::plan::{self, PlanLimit};
use app::SeqIds;
use chrono::{NaiveDate, NaiveDateTime};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(7, 0, 0).unwrap()
}

#[test]
fn today_lists_the_plans_stops_in_order_and_the_next_moves_after_a_visit() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = create_demo_replica(
        &dir.path().join("demo.sqlite"),
        &DemoReplica {
            seed: 2026,
            cases: 300,
            advisors: 1,
            today: today(),
        },
    )
    .unwrap();
    // No plan yet: the screen offers to plan the day.
    let empty = app::today::today(&store, now()).unwrap();
    assert!(!empty.planned && empty.stops.is_empty() && empty.next.is_none());

    let params = PlanParams::for_date(today());
    let plan = plan::plan_day(
        &mut store,
        now(),
        &mut SeqIds { prefix: 7, next: 0 },
        &params,
        &PlanLimit::DAY,
    )
    .unwrap();
    assert!(plan.stops.len() >= 2);
    let v = app::today::today(&store, now()).unwrap();
    assert!(v.planned);
    assert_eq!(
        v.stops
            .iter()
            .map(|s| (&s.case_id, s.start))
            .collect::<Vec<_>>(),
        plan.stops
            .iter()
            .map(|s| (&s.case_id, s.start))
            .collect::<Vec<_>>(),
        "the plan's stops, in its order, at its times"
    );
    assert_eq!(v.next, Some(0));
    // The phone to call is a good one of the client's, shown in Polish form.
    for s in &v.stops {
        let file = store
            .case_file(domain::CaseId(s.case_id.parse().unwrap()))
            .unwrap()
            .unwrap();
        if let Some(p) = &s.phone {
            let phone = file.debtor.phones.iter().find(|q| &q.number == p).unwrap();
            assert!(phone.mark.is_none());
            assert_eq!(
                s.phone_display.as_deref(),
                Some(domain::format::format_phone(p).as_str())
            );
        }
    }

    // A visit recorded at the first stop: the next is the second.
    let first = domain::CaseId(v.stops[0].case_id.parse().unwrap());
    let at = today().and_hms_opt(9, 10, 0).unwrap();
    let id = uuid::Uuid::from_u128(0x5151);
    store
        .capture_activity(
            &domain::Activity {
                id: domain::ActivityId(id),
                case_id: first,
                at,
                kind: domain::ActivityKind::Visit,
                author: "Doradca".into(),
                summary: "wizyta".into(),
                received_at: None,
            },
            &store::Captured {
                mutation_id: id,
                kind: "note".into(),
                case_id: first,
                payload: "{}".into(),
                created_at: at,
            },
        )
        .unwrap();
    let after = app::today::today(&store, now()).unwrap();
    assert!(after.stops[0].visited);
    assert_eq!(after.next, Some(1));
}
