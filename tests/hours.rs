//! Contact hours end to end (issue #14, `domain::hours`), on SQLite and on
//! PostgreSQL: the admin's policy is held to the ZDP limits, the advisor's
//! device plans within the policy's windows it received, and the server
//! refuses a hand-made plan on a Sunday, on a public holiday, on a
//! Saturday without a reason, or with a visit outside the window — with the
//! same domain check the device ran.

mod common;

use api::{PlanParams, SubmitPlanRequest};
use app::plan::PlanLimit;
use app::SeqIds;
use chrono::{NaiveDate, NaiveTime};
use common::{now, Backend, PASSWORD};
use store::Store;
use sync_client::HttpTransport;
use sync_proto::*;
use uuid::Uuid;

on_both!(
    the_policy_is_held_to_the_zdp_limits_and_the_device_plans_within_it,
    the_server_refuses_plans_outside_the_contact_hours,
    the_server_refuses_plans_the_guardrails_forbid,
);

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn the_policy_is_held_to_the_zdp_limits_and_the_device_plans_within_it(b: &Backend) {
    let admin = b.token("admin", 0xA0);
    let advisor = b.portfolio.advisors[0].id.0;
    // Saturday from 7:00 is outside the ZDP limits (8:00–20:00): 400 with
    // the field, the policy unchanged.
    let mut early = OfferPolicyDto::standard();
    early.contact_hours.sat = Some(DayHoursDto {
        from: t(7, 0),
        until: t(12, 0),
    });
    let (status, text) = b.post(
        &admin,
        server::admin_paths::POLICY,
        &serde_json::json!({"advisor_id": advisor, "policy": early}),
    );
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("contact_hours"), "{text}");
    // Monday 10:00–14:00 only, no Saturdays: taken.
    let mut short = OfferPolicyDto::standard();
    short.contact_hours.mon = Some(DayHoursDto {
        from: t(10, 0),
        until: t(14, 0),
    });
    short.contact_hours.sat = None;
    let (status, text) = b.post(
        &admin,
        server::admin_paths::POLICY,
        &serde_json::json!({"advisor_id": advisor, "policy": short}),
    );
    assert_eq!(status, 204, "{text}");

    // The device gets the windows with its first sync and plans Monday
    // 23.11.2026 from 8:00 to 16:00 within 10:00–14:00.
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&b.url).unwrap();
    let mut ids = SeqIds { prefix: 2, next: 0 };
    app::login::login(
        &mut store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet",
    )
    .unwrap();
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    let monday = PlanParams::for_date(d(2026, 11, 23));
    let plan = app::plan::plan_day(&mut store, now(), &mut ids, &monday, &PlanLimit::DAY).unwrap();
    assert!(!plan.stops.is_empty());
    for s in &plan.stops {
        assert!(s.arrival >= t(10, 0) && s.departure <= t(14, 0), "{s:?}");
    }
    // A Saturday is closed under this policy.
    let saturday = PlanParams::for_date(d(2026, 11, 28));
    assert_eq!(
        app::plan::plan_day(&mut store, now(), &mut ids, &saturday, &PlanLimit::DAY).unwrap_err(),
        api::CommandError::Invalid {
            field: api::Field::Date,
            code: api::Reason::ContactDayClosed(api::ClosedDay::NotInPolicy),
        }
    );
    // The plan within the window is sent and taken by the server.
    app::plan::submit_plan(
        &mut store,
        now(),
        &mut ids,
        &SubmitPlanRequest {
            params: monday,
            comment: None,
        },
    )
    .unwrap();
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (1, 0), "{r:?}");
}

/// A hand-made plan `n` of one stop of the advisor's.
fn plan(
    n: u128,
    case: Uuid,
    date: NaiveDate,
    (from, until): (NaiveTime, NaiveTime),
    comment: Option<&str>,
) -> serde_json::Value {
    let body = PlanBody {
        plan_id: Uuid::from_u128(0x9000 + n),
        date,
        stops: vec![PlanStopDto {
            case_id: case,
            arrival: from,
            departure: until,
            pinned: false,
            reasons: vec![],
        }],
        dropped: vec![],
        drive_minutes: 10,
        comment: comment.map(str::to_owned),
    };
    serde_json::json!({
        "id": Uuid::from_u128(0x9100 + n),
        "case_id": Uuid::nil(),
        "created_at": now(),
        "kind": "plan",
        "body": body,
    })
}

fn the_server_refuses_plans_outside_the_contact_hours(b: &Backend) {
    let token = b.token("doradca1", 0xD1);
    let case = b.held()[0].id;
    let refused = [
        // Sunday 29.11.2026.
        (
            plan(
                1,
                case,
                d(2026, 11, 29),
                (t(10, 0), t(10, 30)),
                Some("pilne"),
            ),
            "niedzielę",
        ),
        // Christmas Day, Friday 25.12.2026.
        (
            plan(2, case, d(2026, 12, 25), (t(10, 0), t(10, 30)), None),
            "święto",
        ),
        // Saturday 28.11.2026 without a reason, and with only spaces.
        (
            plan(3, case, d(2026, 11, 28), (t(10, 0), t(10, 30)), None),
            "sobotę",
        ),
        (
            plan(4, case, d(2026, 11, 28), (t(10, 0), t(10, 30)), Some("  ")),
            "sobotę",
        ),
        // Monday 23.11.2026, a visit from 19:45 to 20:15 (the window ends at 20:00).
        (
            plan(5, case, d(2026, 11, 23), (t(19, 45), t(20, 15)), None),
            "8:00–20:00",
        ),
        // … and one at 7:30.
        (
            plan(6, case, d(2026, 11, 23), (t(7, 30), t(8, 0)), None),
            "8:00–20:00",
        ),
    ];
    for (m, words) in refused {
        let (status, receipts) = b.upload(&token, std::slice::from_ref(&m));
        assert_eq!(status, 200);
        match &receipts[0].outcome {
            Outcome::Rejected { code, reason } => {
                assert_eq!(*code, RejectCode::OutsideContactHours, "{m}");
                assert!(reason.contains(words), "{reason}");
            }
            other => panic!("taken: {other:?} for {m}"),
        }
    }
    // Within the window, and a Saturday with a reason: taken.
    for m in [
        plan(7, case, d(2026, 11, 23), (t(19, 30), t(20, 0)), None),
        plan(
            8,
            case,
            d(2026, 11, 28),
            (t(10, 0), t(10, 30)),
            Some("Klient pracuje w tygodniu"),
        ),
    ] {
        let (status, receipts) = b.upload(&token, std::slice::from_ref(&m));
        assert_eq!(status, 200);
        assert_eq!(receipts[0].outcome, Outcome::Applied, "{receipts:?}");
    }
}

/// Issue 14, points 3–5 on the server: a plan is judged by the same
/// `domain::guard::may_visit` the device's planner applies, from the
/// server's own copy of each case — whatever the device says.
fn the_server_refuses_plans_the_guardrails_forbid(b: &Backend) {
    let token = b.token("doradca1", 0xD2);
    // Cases no guardrail stops yet.
    let free: Vec<CaseFileDto> = b
        .held()
        .into_iter()
        .filter(|f| {
            f.debtor.vulnerability_since.is_none()
                && !f
                    .debtor
                    .consents
                    .iter()
                    .any(|c| c.kind == "home_visit" && !c.granted)
                && !f.activities.iter().any(|a| a.kind == "visit")
        })
        .collect();
    let (mut fragile, mut objecting, mut visited) =
        (free[0].clone(), free[1].clone(), free[2].clone());
    // A vulnerability noted on Tuesday 10.11.2026: 60 days, the last one
    // Friday 8.01.2027 (10.11 + 59 days).
    fragile.debtor.vulnerability_since = Some(d(2026, 11, 10));
    // A refused consent to home visits (not a marketing one).
    objecting.debtor.consents.push(ConsentDto {
        kind: "home_visit".into(),
        granted: false,
        recorded_on: d(2026, 11, 2),
        marketing: false,
        method: None,
        captured_by: None,
    });
    // Visited on Monday 23 and Tuesday 24.11.2026: the week's two.
    for (n, day) in [(1u128, 23), (2, 24)] {
        visited.activities.push(ActivityDto {
            id: Uuid::from_u128(0x7700 + n),
            at: d(2026, 11, day).and_hms_opt(10, 0, 0).unwrap(),
            kind: "visit".into(),
            author: "Doradca".into(),
            summary: "Wizyta: nikogo nie zastano.".into(),
            received_at: None,
        });
    }
    for f in [&fragile, &objecting, &visited] {
        b.storage.put_case(f).unwrap();
    }
    let slot = (t(10, 0), t(10, 30));
    let refused = [
        (
            plan(20, fragile.id, d(2026, 11, 26), slot, None),
            "okresie ochronnym do 08.01.2027",
        ),
        // The last day of the space is still in it.
        (
            plan(21, fragile.id, d(2027, 1, 8), slot, None),
            "okresie ochronnym",
        ),
        (
            plan(22, objecting.id, d(2026, 11, 26), slot, None),
            "sprzeciwił się",
        ),
        // Thursday 26.11: a third visit in the week of 23–29.11.
        (
            plan(23, visited.id, d(2026, 11, 26), slot, None),
            "limit 2 wizyt w tygodniu",
        ),
    ];
    for (m, words) in refused {
        let (status, receipts) = b.upload(&token, std::slice::from_ref(&m));
        assert_eq!(status, 200);
        match &receipts[0].outcome {
            Outcome::Rejected { code, reason } => {
                assert_eq!(*code, RejectCode::VisitBlocked, "{m}");
                assert!(reason.contains(words), "{reason}");
            }
            other => panic!("taken: {other:?} for {m}"),
        }
    }
    // Monday 11.01.2027, the first day after the space; Monday 30.11.2026,
    // a new week and the month's third visit of four: taken.
    for m in [
        plan(24, fragile.id, d(2027, 1, 11), slot, None),
        plan(25, visited.id, d(2026, 11, 30), slot, None),
    ] {
        let (status, receipts) = b.upload(&token, std::slice::from_ref(&m));
        assert_eq!(status, 200);
        assert_eq!(receipts[0].outcome, Outcome::Applied, "{receipts:?}");
    }
}
