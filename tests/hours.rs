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
