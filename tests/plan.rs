//! Issue #5 end to end: a day planned and submitted with the planning
//! screen's use cases reaches the team lead through a real server on
//! 127.0.0.1:0 as planned, and the team lead's answer comes back to the
//! planning screen with the next sync.

use api::{DecideForm, DecisionKind, PlanEdit, PlanParams, PlanStatusCode, ReviewState};
use app::plan::PlanLimit;
use app::sync_now::sync_now;
use store::Store;
use sync_client::HttpTransport;

mod common;

use common::{now, today, PASSWORD};

fn device(url: &str, login: &str, n: u64) -> (Store, HttpTransport, tempfile::TempDir) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(url).unwrap();
    let mut ids = app::SeqIds { prefix: n, next: 0 };
    app::login::login(&mut store, &mut http, &mut ids, login, PASSWORD, "tablet").unwrap();
    (store, http, dir)
}

#[test]
fn a_planned_day_reaches_the_team_lead_as_planned_and_the_answer_comes_back() {
    let server = common::start_server(80, 2, today(), now);
    let (mut a, mut a_http, _a_dir) = device(&server.url, "doradca1", 1);
    sync_now(&mut a, &mut a_http, now()).unwrap();
    let mut ids = app::SeqIds { prefix: 9, next: 0 };
    let params = PlanParams::for_date(today());
    let planned = app::plan::plan_day(&mut a, now(), &mut ids, &params, &PlanLimit::DAY).unwrap();
    assert!(planned.stops.len() >= 3, "{} stops", planned.stops.len());
    assert!(planned.warnings.is_empty());
    app::plan::submit_plan(
        &mut a,
        now(),
        &mut ids,
        &api::SubmitPlanRequest {
            params: params.clone(),
            comment: Some("Po południu Zgierz".into()),
        },
    )
    .unwrap();
    let r = sync_now(&mut a, &mut a_http, now()).unwrap();
    assert_eq!(
        (r.uploaded, r.rejected),
        (1, 0),
        "the server takes the plan"
    );

    // The team lead sees the same day: the same visits at the same times.
    let (lead, mut lead_http, _l_dir) = device(&server.url, "kierownik", 2);
    let view = app::team::team_plans(
        &lead,
        &mut lead_http,
        today(),
        &api::TeamPlansQuery {
            date: Some(today()),
        },
    )
    .unwrap();
    assert_eq!(view.plans.len(), 1);
    let p = &view.plans[0];
    assert_eq!(p.state, ReviewState::Pending);
    let seen: Vec<(String, chrono::NaiveTime, chrono::NaiveTime)> = p
        .stops
        .iter()
        .map(|s| (s.case_number.clone(), s.arrival, s.departure))
        .collect();
    let sent: Vec<(String, chrono::NaiveTime, chrono::NaiveTime)> = planned
        .stops
        .iter()
        .map(|s| (s.number.clone(), s.arrival, s.departure))
        .collect();
    assert_eq!(seen, sent);
    assert_eq!(p.dropped, planned.dropped.len());
    assert_eq!(p.drive_minutes, planned.drive_minutes);
    assert_eq!(p.advisor_comment.as_deref(), Some("Po południu Zgierz"));

    app::team::team_decide(
        &lead,
        &mut lead_http,
        &DecideForm {
            request_id: p.request_id.clone(),
            decision: DecisionKind::Return,
            comment: "Najpierw wizyta umówiona".into(),
        },
    )
    .unwrap();

    // The advisor's next sync brings the answer to the planning screen.
    let r = sync_now(&mut a, &mut a_http, now()).unwrap();
    assert_eq!(r.reviews, 1);
    let shown = app::plan::current_plan(&a, &params).unwrap().unwrap();
    assert_eq!(shown.status, PlanStatusCode::Returned);
    assert_eq!(
        shown.review_comment.as_deref(),
        Some("Najpierw wizyta umówiona")
    );
    assert!(shown.reviewed_by.is_some());
    assert_eq!(shown.plan_id, planned.plan_id);

    // Reworked and sent again: a new plan id, accepted on its own.
    let first = shown.stops[0].case_id.clone();
    let edited = app::plan::edit_plan(
        &mut a,
        now(),
        &mut ids,
        &api::EditPlanRequest {
            params: params.clone(),
            edit: PlanEdit::MoveDown { case_id: first },
        },
    )
    .unwrap();
    assert_ne!(edited.plan_id, planned.plan_id);
    app::plan::submit_plan(
        &mut a,
        now(),
        &mut ids,
        &api::SubmitPlanRequest {
            params,
            comment: None,
        },
    )
    .unwrap();
    let r = sync_now(&mut a, &mut a_http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (1, 0));
    let view = app::team::team_plans(
        &lead,
        &mut lead_http,
        today(),
        &api::TeamPlansQuery {
            date: Some(today()),
        },
    )
    .unwrap();
    assert_eq!(view.plans.len(), 2);
}
