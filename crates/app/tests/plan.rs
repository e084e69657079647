//! The planning screen's use cases over a real demo replica file.

use api::{
    DropCode, EditPlanRequest, PlanEdit, PlanParams, PlanStatusCode, PlanWarningCode,
    SubmitPlanRequest,
};
use app::demo_replica::{create_demo_replica, DemoReplica};
use app::plan::{self, PlanLimit};
use app::SeqIds;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use store::{OutboxState, PlanStatus};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn now() -> NaiveDateTime {
    today().and_hms_opt(7, 0, 0).unwrap()
}

fn replica(dir: &tempfile::TempDir) -> store::Store {
    create_demo_replica(
        &dir.path().join("demo.sqlite"),
        &DemoReplica {
            seed: 2026,
            cases: 300,
            advisors: 1,
            today: today(),
        },
    )
    .unwrap()
}

fn ids() -> SeqIds {
    SeqIds { prefix: 7, next: 0 }
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

/// Times run forward: each stop starts after its arrival and the next
/// arrival is after the previous departure.
fn assert_times_flow(v: &api::DayPlanView) {
    let mut last = v.departure;
    for s in &v.stops {
        assert!(
            s.arrival >= last,
            "{} arrives before leaving",
            s.debtor_name
        );
        assert!(s.start >= s.arrival && s.departure > s.start);
        last = s.departure;
    }
    assert!(v.end >= last);
}

#[test]
fn the_day_plan_is_valid_deterministic_and_explains_what_it_leaves_out() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    let params = PlanParams::for_date(today());
    let cands = plan::candidates(&store, &params).unwrap();
    assert_eq!(cands.candidates.len(), plan::DAY_CANDIDATES);
    assert!(cands
        .candidates
        .iter()
        .all(|c| c.points > 0 || c.appointment.is_some()));
    let advisor = store.advisors().unwrap().remove(0);
    assert_eq!(
        cands.start.label, advisor.base_label,
        "the day starts at the base"
    );

    let v = plan::plan_day(&mut store, now(), &mut ids(), &params, &PlanLimit::DAY).unwrap();
    assert!(
        v.warnings.is_empty(),
        "the checker finds nothing: {:?}",
        v.warnings
    );
    assert_eq!(v.status, PlanStatusCode::Draft);
    assert!(v.stops.len() >= 5, "a real day: {} stops", v.stops.len());
    assert!(!v.dropped.is_empty(), "forty candidates do not fit one day");
    assert_eq!(v.stops.len() + v.dropped.len(), plan::DAY_CANDIDATES);
    assert!(v.departure >= t(8, 0) && v.end <= t(16, 0));
    assert!(v
        .dropped
        .iter()
        .all(|d| d.reason != DropCode::RemovedByAdvisor));
    assert_times_flow(&v);
    // An agreed visit starts at the agreed time (issue #17, 8).
    for s in &v.stops {
        if let Some(a) = s.appointment {
            assert_eq!(s.start, a, "{}", s.debtor_name);
            assert!(s.arrival <= a);
        }
    }
    // Saved as the day's draft; the same replica and date plan the same day.
    let again = plan::current_plan(&store, &params).unwrap().unwrap();
    assert_eq!(again, v);
    let dir2 = tempfile::TempDir::new().unwrap();
    let mut store2 = replica(&dir2);
    let v2 = plan::plan_day(&mut store2, now(), &mut ids(), &params, &PlanLimit::DAY).unwrap();
    assert_eq!(v2, v);

    // Bad input: a clear field and code, nothing lost.
    let bad = PlanParams {
        from: t(16, 0),
        until: t(8, 0),
        ..params.clone()
    };
    assert!(matches!(
        plan::plan_day(&mut store, now(), &mut ids(), &bad, &PlanLimit::DAY),
        Err(api::CommandError::Invalid {
            field: api::Field::Hours,
            ..
        })
    ));
    assert_eq!(plan::current_plan(&store, &params).unwrap().unwrap(), v);
}

#[test]
fn edits_recompute_times_keep_pins_and_warn_instead_of_losing_the_edit() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    let params = PlanParams::for_date(today());
    let mut ids = ids();
    let v = plan::plan_day(&mut store, now(), &mut ids, &params, &PlanLimit::DAY).unwrap();
    let edit = |store: &mut store::Store, ids: &mut SeqIds, edit: PlanEdit| {
        plan::edit_plan(
            store,
            now(),
            ids,
            &EditPlanRequest {
                params: params.clone(),
                edit,
            },
        )
        .unwrap()
    };
    let names = |v: &api::DayPlanView| -> Vec<String> {
        v.stops.iter().map(|s| s.case_id.clone()).collect()
    };

    // Move the third stop up: the order changes, nothing else, times follow.
    let third = v.stops[2].case_id.clone();
    let moved = edit(
        &mut store,
        &mut ids,
        PlanEdit::MoveUp {
            case_id: third.clone(),
        },
    );
    let mut expected = names(&v);
    expected.swap(1, 2);
    assert_eq!(names(&moved), expected);
    assert_eq!(moved.plan_id, v.plan_id, "the same draft");
    assert_ne!(
        (moved.stops[1].arrival, moved.stops[2].arrival),
        (v.stops[2].arrival, v.stops[1].arrival),
        "arrivals are recomputed for the new order"
    );
    assert_times_flow(&moved);

    // Pin it there, remove the first stop: the pinned stop is now first.
    let pinned = edit(
        &mut store,
        &mut ids,
        PlanEdit::Pin {
            case_id: third.clone(),
            pinned: true,
        },
    );
    assert!(pinned.stops[1].pinned);
    let first = pinned.stops[0].case_id.clone();
    let removed = edit(
        &mut store,
        &mut ids,
        PlanEdit::Remove {
            case_id: first.clone(),
        },
    );
    assert_eq!(removed.stops.len(), v.stops.len() - 1);
    assert_eq!(removed.stops[0].case_id, third);
    let out = removed.dropped.iter().find(|d| d.case_id == first).unwrap();
    assert_eq!(out.reason, DropCode::RemovedByAdvisor);
    assert!(removed.warnings.is_empty());
    assert_times_flow(&removed);

    // Planning again keeps the pin at its place and the removed stop out.
    let again = plan::plan_day(&mut store, now(), &mut ids, &params, &PlanLimit::DAY).unwrap();
    assert_eq!(again.stops[0].case_id, third);
    assert!(again.stops[0].pinned);
    assert!(again.stops.iter().all(|s| s.case_id != first));
    assert!(again
        .dropped
        .iter()
        .any(|d| d.case_id == first && d.reason == DropCode::RemovedByAdvisor));
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);

    // Adding eight dropped candidates back overfills the day: the edits stay
    // and the checker's finding comes back as a warning.
    let mut last = again.clone();
    for d in again.dropped.iter().take(8) {
        last = edit(
            &mut store,
            &mut ids,
            PlanEdit::AddBack {
                case_id: d.case_id.clone(),
            },
        );
        assert!(last.stops.iter().any(|s| s.case_id == d.case_id));
        assert!(last.dropped.iter().all(|x| x.case_id != d.case_id));
    }
    assert_eq!(last.stops.len(), again.stops.len() + 8);
    assert!(last
        .warnings
        .iter()
        .any(|w| w.code == PlanWarningCode::ReturnsLate));
    assert!(last.end > t(16, 0));
    assert_times_flow(&last);
    assert_eq!(plan::current_plan(&store, &params).unwrap().unwrap(), last);

    // An edit naming a case not in the plan is refused and changes nothing.
    let err = plan::edit_plan(
        &mut store,
        now(),
        &mut ids,
        &EditPlanRequest {
            params: params.clone(),
            edit: PlanEdit::MoveUp {
                case_id: uuid::Uuid::nil().to_string(),
            },
        },
    );
    assert!(matches!(err, Err(api::CommandError::Invalid { .. })));
    assert_eq!(plan::current_plan(&store, &params).unwrap().unwrap(), last);
}

#[test]
fn submitting_writes_one_plan_mutation_with_the_status_change() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    let params = PlanParams::for_date(today());
    let mut ids = ids();
    let v = plan::plan_day(&mut store, now(), &mut ids, &params, &PlanLimit::DAY).unwrap();
    assert!(store.outbox(OutboxState::Pending).unwrap().is_empty());
    let sent = plan::submit_plan(
        &mut store,
        now(),
        &mut ids,
        &SubmitPlanRequest {
            params: params.clone(),
            comment: Some("  Proszę o akceptację  ".into()),
        },
    )
    .unwrap();
    assert_eq!(sent.status, PlanStatusCode::Submitted);
    let pending = store.outbox(OutboxState::Pending).unwrap();
    assert_eq!(pending.len(), 1, "exactly one outbox row");
    let item = &pending[0];
    assert_eq!(item.kind, "plan");
    assert_eq!(item.case_id, None);
    let m: sync_proto::Mutation = serde_json::from_str(&item.payload).unwrap();
    assert_eq!(m.id, item.mutation_id);
    assert_eq!(m.case_id, uuid::Uuid::nil());
    assert_eq!(m.kind, sync_proto::MutationKind::Plan);
    let body: sync_proto::PlanBody = serde_json::from_value(m.body).unwrap();
    assert_eq!(body.plan_id.to_string(), v.plan_id);
    assert_eq!(body.date, today());
    assert_eq!(body.comment.as_deref(), Some("Proszę o akceptację"));
    let stops: Vec<(String, NaiveTime, NaiveTime)> = body
        .stops
        .iter()
        .map(|s| (s.case_id.to_string(), s.arrival, s.departure))
        .collect();
    let shown: Vec<(String, NaiveTime, NaiveTime)> = v
        .stops
        .iter()
        .map(|s| (s.case_id.clone(), s.arrival, s.departure))
        .collect();
    assert_eq!(stops, shown, "the submitted plan is the one on the screen");
    assert_eq!(body.dropped.len(), v.dropped.len());
    assert_eq!(body.drive_minutes, v.drive_minutes);
    let row = store.day_plan(body.plan_id).unwrap().unwrap();
    assert_eq!(row.status, PlanStatus::Submitted);
    assert_eq!(row.submitted_at, Some(now()));
    let stored: sync_proto::PlanBody = serde_json::from_str(&row.body).unwrap();
    assert_eq!(stored, body, "the replica keeps what was sent");

    // Sent once: a second submission is refused and queues nothing.
    let again = plan::submit_plan(
        &mut store,
        now(),
        &mut ids,
        &SubmitPlanRequest {
            params: params.clone(),
            comment: None,
        },
    );
    assert!(matches!(again, Err(api::CommandError::Invalid { .. })));
    assert_eq!(store.outbox(OutboxState::Pending).unwrap().len(), 1);

    // The team lead's answer shows; an edit then starts a new draft.
    store
        .apply_download_page(&store::DownloadPage {
            upserts: &[],
            removes: &[],
            advisor: None,
            reviews: &[store::Review {
                about: store::Reviewed::Plan {
                    plan_id: body.plan_id,
                },
                approved: false,
                comment: Some("Dodaj Zgierz".into()),
                reviewed_by: "Anna Kierownik".into(),
                reviewed_at: now(),
            }],
            policy: None,
            cursor: 1,
        })
        .unwrap();
    let shown = plan::current_plan(&store, &params).unwrap().unwrap();
    assert_eq!(shown.status, PlanStatusCode::Returned);
    assert_eq!(shown.review_comment.as_deref(), Some("Dodaj Zgierz"));
    let edited = plan::edit_plan(
        &mut store,
        now(),
        &mut ids,
        &EditPlanRequest {
            params: params.clone(),
            edit: PlanEdit::Remove {
                case_id: v.stops[0].case_id.clone(),
            },
        },
    )
    .unwrap();
    assert_ne!(
        edited.plan_id, v.plan_id,
        "a returned plan is edited as a new draft"
    );
    assert_eq!(edited.status, PlanStatusCode::Draft);
    assert_eq!(store.day_plans_on(today()).unwrap().len(), 2);
    assert_eq!(
        store.day_plan(body.plan_id).unwrap().unwrap().status,
        PlanStatus::Returned
    );
}

#[test]
fn the_week_spreads_visits_over_five_working_days() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = replica(&dir);
    // A Saturday: the week starts on Monday.
    let sat = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap();
    assert_eq!(
        plan::working_days(sat),
        (23..=27)
            .map(|d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap())
            .collect::<Vec<_>>()
    );
    let params = PlanParams::for_date(today());
    let w = plan::plan_week(&store, today(), &params, &PlanLimit::WEEK).unwrap();
    assert_eq!(w.days.len(), 5);
    let planned: usize = w.days.iter().map(|d| d.stops.len()).sum();
    assert!(
        w.days.iter().all(|d| d.stops.len() >= 3),
        "every day has visits"
    );
    assert!(planned > 20);
    for d in &w.days {
        assert!(d.departure >= t(8, 0) && d.end <= t(16, 0));
        for s in &d.stops {
            if let Some(a) = s.appointment {
                assert_eq!(s.start, a);
            }
        }
    }
    // Rounded per day, the days add up to the week's driving.
    let sum: u32 = w.days.iter().map(|d| d.drive_minutes).sum();
    assert!(
        w.drive_minutes.abs_diff(sum) <= 3,
        "{} vs {sum}",
        w.drive_minutes
    );
}

/// The contact hours (issue #14, `domain::hours`), default policy: Monday
/// to Friday 8:00–20:00, Saturday with a written reason, never on Sundays
/// or public holidays.
#[test]
fn the_planner_keeps_to_the_contact_hours() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    let sunday = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
    let holiday = NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    for (date, closed) in [
        (sunday, api::ClosedDay::Sunday),
        (holiday, api::ClosedDay::PublicHoliday),
    ] {
        let refused = plan::plan_day(
            &mut store,
            now(),
            &mut ids(),
            &PlanParams::for_date(date),
            &PlanLimit::DAY,
        );
        let Err(e) = refused else {
            panic!("{date} was planned")
        };
        assert_eq!(
            e,
            api::CommandError::Invalid {
                field: api::Field::Date,
                code: api::Reason::ContactDayClosed(closed),
            }
        );
    }
    assert_eq!(
        api::labels::reason(
            api::labels::Lang::Pl,
            &api::Reason::ContactDayClosed(api::ClosedDay::Sunday)
        )
        .unwrap(),
        "w niedzielę kontakt z klientem jest niedozwolony"
    );
    // Asked for 6:00–22:00 on Monday 23.11.2026: the day is cut to 8:00–20:00.
    let wide = PlanParams {
        from: t(6, 0),
        until: t(22, 0),
        ..PlanParams::for_date(today())
    };
    let v = plan::plan_day(&mut store, now(), &mut ids(), &wide, &PlanLimit::DAY).unwrap();
    assert!(!v.stops.is_empty());
    assert!(v.departure >= t(8, 0), "left at {}", v.departure);
    assert!(v
        .stops
        .iter()
        .all(|s| s.arrival >= t(8, 0) && s.departure <= t(20, 0)));
    // Asked for 20:00–22:00 only: nothing of it is within the window.
    let late = PlanParams {
        from: t(20, 0),
        until: t(22, 0),
        ..PlanParams::for_date(today())
    };
    assert_eq!(
        plan::plan_day(&mut store, now(), &mut ids(), &late, &PlanLimit::DAY).unwrap_err(),
        api::CommandError::Invalid {
            field: api::Field::Hours,
            code: api::Reason::OutsideContactHours {
                from: t(8, 0),
                until: t(20, 0),
            },
        }
    );
    // An appointment agreed for 21:00 on Tuesday 24.11.2026 cannot be kept:
    // it is left out, and the reason is the contact hours.
    let tuesday = PlanParams::for_date(NaiveDate::from_ymd_opt(2026, 11, 24).unwrap());
    let late_case = {
        // A stop of Tuesday's plan without an appointment.
        let v = plan::plan_day(&mut store, now(), &mut ids(), &tuesday, &PlanLimit::DAY).unwrap();
        let stop = v.stops.iter().find(|s| s.appointment.is_none()).unwrap();
        let mut file = store
            .case_file(stop.case_id.parse().unwrap())
            .unwrap()
            .unwrap();
        file.case.appointment = NaiveDate::from_ymd_opt(2026, 11, 24)
            .unwrap()
            .and_hms_opt(21, 0, 0);
        store.save_case_file(&file).unwrap();
        stop.case_id.clone()
    };
    let v = plan::plan_day(&mut store, now(), &mut ids(), &tuesday, &PlanLimit::DAY).unwrap();
    let left = v.dropped.iter().find(|d| d.case_id == late_case).unwrap();
    assert_eq!(left.reason, DropCode::OutsideContactHours);
    assert!(v.stops.iter().all(|s| s.case_id != late_case));
    // A Saturday (28.11.2026) is planned, but sent only with a reason.
    let saturday = PlanParams::for_date(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    plan::plan_day(&mut store, now(), &mut ids(), &saturday, &PlanLimit::DAY).unwrap();
    let without = plan::submit_plan(
        &mut store,
        now(),
        &mut ids(),
        &SubmitPlanRequest {
            params: saturday.clone(),
            comment: Some("   ".into()),
        },
    );
    assert_eq!(
        without.unwrap_err(),
        api::CommandError::Invalid {
            field: api::Field::Comment,
            code: api::Reason::SaturdayNeedsReason,
        }
    );
    let sent = plan::submit_plan(
        &mut store,
        now(),
        &mut ids(),
        &SubmitPlanRequest {
            params: saturday,
            comment: Some("Klienci pracują w tygodniu".into()),
        },
    )
    .unwrap();
    assert_eq!(sent.status, PlanStatusCode::Submitted);
    // The week of Monday 21.12.2026 has Thursday 24 and Friday 25 December
    // off: three working days, none of them a holiday.
    // Planned on that Monday (the chain of days starts at today).
    let week = plan::plan_week(
        &store,
        NaiveDate::from_ymd_opt(2026, 12, 21).unwrap(),
        &PlanParams::for_date(NaiveDate::from_ymd_opt(2026, 12, 21).unwrap()),
        &PlanLimit::WEEK,
    )
    .unwrap();
    let days: Vec<NaiveDate> = week.days.iter().map(|d| d.date).collect();
    assert_eq!(
        days,
        [21, 22, 23]
            .map(|d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap())
            .to_vec()
    );
}

/// A vulnerable client's breathing space (issue #14, `domain::breathing`):
/// 60 days from the day it was noted, no visit is planned, and the plan
/// says why.
#[test]
fn a_client_in_a_breathing_space_is_not_planned_and_the_plan_says_why() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    let params = PlanParams::for_date(today());
    let first = plan::plan_day(&mut store, now(), &mut ids(), &params, &PlanLimit::DAY).unwrap();
    // A stop that stays a key case when its client is vulnerable (a broken
    // promise, a limitation date near; the balance and the silence bring
    // no pressure then): it is still worth the trip, so the plan says why
    // it is not made.
    let stop = first
        .stops
        .iter()
        .find(|s| {
            s.reasons
                .iter()
                .all(|f| matches!(f, api::Flag::BrokenPromise | api::Flag::LimitationNear))
        })
        .unwrap()
        .case_id
        .clone();
    let case: domain::CaseId = stop.parse().unwrap();
    // Noted 5 days ago (18.11.2026): the space lasts to 16.01.2027.
    let mut file = store.case_file(case).unwrap().unwrap();
    file.debtor.vulnerability = Some("żałoba".into());
    file.debtor.vulnerability_since = NaiveDate::from_ymd_opt(2026, 11, 18);
    store.save_case_file(&file).unwrap();
    let v = plan::plan_day(&mut store, now(), &mut ids(), &params, &PlanLimit::DAY).unwrap();
    assert!(v.stops.iter().all(|s| s.case_id != stop));
    let left = v.dropped.iter().find(|d| d.case_id == stop).unwrap();
    assert_eq!(left.reason, DropCode::BreathingSpace);
    assert_eq!(
        api::labels::drop_reason(api::labels::Lang::Pl, left.reason),
        "klient w okresie ochronnym: bez wizyt"
    );
    // Putting it back into the day is refused, with the last day.
    let back = plan::edit_plan(
        &mut store,
        now(),
        &mut ids(),
        &EditPlanRequest {
            params: params.clone(),
            edit: PlanEdit::AddBack {
                case_id: stop.clone(),
            },
        },
    );
    let until = NaiveDate::from_ymd_opt(2027, 1, 16).unwrap();
    assert_eq!(
        back.unwrap_err(),
        api::CommandError::Invalid {
            field: api::Field::CaseId,
            code: api::Reason::BreathingSpace { until },
        }
    );
    // Noted 60 days before the 23.11.2026 (24.09.2026): day 61, over.
    file.debtor.vulnerability_since = NaiveDate::from_ymd_opt(2026, 9, 24);
    store.save_case_file(&file).unwrap();
    let v = plan::plan_day(&mut store, now(), &mut ids(), &params, &PlanLimit::DAY).unwrap();
    assert!(v
        .dropped
        .iter()
        .all(|d| d.reason != DropCode::BreathingSpace || d.case_id != stop));
}

/// An objection to home visits and the visit limits (issue #14,
/// `domain::guard`): two visits a week, four a month, counted from the
/// timeline's visits.
#[test]
fn an_objection_or_the_visit_limit_keeps_a_case_out_of_the_day() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    let params = PlanParams::for_date(today());
    let first = plan::plan_day(&mut store, now(), &mut ids(), &params, &PlanLimit::DAY).unwrap();
    let objecting = first.stops[0].case_id.clone();
    // A stop that stays a key case once visited today (not for the time
    // without contact, nor an appointment).
    let visited = first
        .stops
        .iter()
        .find(|s| {
            s.case_id != objecting
                && s.reasons
                    .iter()
                    .all(|f| !matches!(f, api::Flag::LongWithoutContact | api::Flag::Appointment))
        })
        .unwrap()
        .case_id
        .clone();
    // The client of the first stop refused home visits.
    let mut file = store
        .case_file(objecting.parse().unwrap())
        .unwrap()
        .unwrap();
    file.debtor
        .consents
        .retain(|c| c.kind != domain::ConsentKind::HomeVisit);
    file.debtor.consents.push(domain::Consent {
        kind: domain::ConsentKind::HomeVisit,
        granted: false,
        recorded_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        marketing: false,
        method: None,
        captured_by: None,
    });
    store.save_case_file(&file).unwrap();
    // The second was visited on Monday 23.11 at 7:00 already, and once on
    // the Sunday before (22.11, last week): one this week, so it may be
    // visited once more …
    let mut file = store.case_file(visited.parse().unwrap()).unwrap().unwrap();
    let visit = |n: u128, at: NaiveDateTime| domain::Activity {
        id: domain::ActivityId(uuid::Uuid::from_u128(0xA11_0000 + n)),
        case_id: file.case.id,
        at,
        kind: domain::ActivityKind::Visit,
        author: "Doradca".into(),
        summary: "Wizyta".into(),
        received_at: None,
    };
    let sunday = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    file.activities
        .push(visit(1, sunday.and_hms_opt(10, 0, 0).unwrap()));
    file.activities
        .push(visit(2, today().and_hms_opt(6, 30, 0).unwrap()));
    store.save_case_file(&file).unwrap();
    let v = plan::plan_day(&mut store, now(), &mut ids(), &params, &PlanLimit::DAY).unwrap();
    let reason_of = |v: &api::DayPlanView, id: &str| {
        v.dropped.iter().find(|d| d.case_id == id).map(|d| d.reason)
    };
    assert_eq!(reason_of(&v, &objecting), Some(DropCode::Objection));
    assert!(v.stops.iter().all(|s| s.case_id != objecting));
    assert_ne!(reason_of(&v, &visited), Some(DropCode::VisitLimit));
    // … but a second visit this week reaches the limit of two.
    file.activities
        .push(visit(3, today().and_hms_opt(6, 45, 0).unwrap()));
    store.save_case_file(&file).unwrap();
    let v = plan::plan_day(&mut store, now(), &mut ids(), &params, &PlanLimit::DAY).unwrap();
    assert_eq!(reason_of(&v, &visited), Some(DropCode::VisitLimit));
    assert!(v.stops.iter().all(|s| s.case_id != visited));
    assert_eq!(
        api::labels::invalid(
            api::labels::Lang::Pl,
            api::Field::CaseId,
            &api::Reason::VisitLimit {
                per_week: Some(2),
                per_month: None
            }
        ),
        "Nie można zaplanować: limit 2 wizyt w tygodniu wyczerpany."
    );
}

/// What a day's stops are: the case, and when the advisor arrives, starts
/// and leaves, in order.
fn stops_of(stops: &[api::PlanStopView]) -> Vec<(String, NaiveTime, NaiveTime, NaiveTime)> {
    stops
        .iter()
        .map(|s| (s.case_id.clone(), s.arrival, s.start, s.departure))
        .collect()
}

fn day_of(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
}

/// Issue #17 (8): the week preview's day of a date is the day plan of that
/// date on the same replica: the same cases in the same order at the same
/// times, whichever day is planned first.
#[test]
fn the_week_preview_and_the_day_plans_agree_on_every_day() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    let params = PlanParams::for_date(today());
    let week = plan::plan_week(&store, today(), &params, &PlanLimit::WEEK).unwrap();
    assert_eq!(
        week.days.iter().map(|d| d.date).collect::<Vec<_>>(),
        (23..=27).map(day_of).collect::<Vec<_>>()
    );
    // No case is visited on two days of the week.
    let mut seen = std::collections::HashSet::new();
    for d in &week.days {
        assert!(d.stops.len() >= 3, "{}: a real day", d.date);
        for s in &d.stops {
            assert!(seen.insert(s.case_id.clone()), "{} twice", s.debtor_name);
        }
    }
    // Planned day by day, Monday first: each day is the preview's.
    let mut ids = ids();
    for d in &week.days {
        let day = PlanParams::for_date(d.date);
        let v = plan::plan_day(&mut store, now(), &mut ids, &day, &PlanLimit::DAY).unwrap();
        assert_eq!(stops_of(&v.stops), stops_of(&d.stops), "{}", d.date);
        assert_eq!((v.departure, v.end), (d.departure, d.end), "{}", d.date);
        assert_eq!(v.drive_minutes, d.drive_minutes, "{}", d.date);
    }
    // The preview again, with the five days saved: the same week.
    let again = plan::plan_week(&store, today(), &params, &PlanLimit::WEEK).unwrap();
    assert_eq!(again.days, week.days);
    // On a fresh replica, Friday planned first is still the preview's
    // Friday: the days before it are planned (not saved) the same way.
    let dir2 = tempfile::TempDir::new().unwrap();
    let mut store2 = replica(&dir2);
    let friday = week.days.last().unwrap();
    let v = plan::plan_day(
        &mut store2,
        now(),
        &mut ids,
        &PlanParams::for_date(friday.date),
        &PlanLimit::DAY,
    )
    .unwrap();
    assert_eq!(stops_of(&v.stops), stops_of(&friday.stops));
    assert_eq!(store2.day_plans_on(today()).unwrap().len(), 0);
}

/// Issue #17 (8): "a week can be turned into day drafts": one draft per
/// working day, a day with a plan left as it is, and said why.
#[test]
fn the_week_turns_into_day_drafts_without_overwriting_a_plan() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    let mut ids = ids();
    // Tuesday is planned and sent to the team lead first.
    let tuesday = PlanParams::for_date(day_of(24));
    let sent_tuesday =
        plan::plan_day(&mut store, now(), &mut ids, &tuesday, &PlanLimit::DAY).unwrap();
    plan::submit_plan(
        &mut store,
        now(),
        &mut ids,
        &SubmitPlanRequest {
            params: tuesday.clone(),
            comment: None,
        },
    )
    .unwrap();
    let params = PlanParams::for_date(today());
    let preview = plan::plan_week(&store, today(), &params, &PlanLimit::WEEK).unwrap();
    assert_eq!(
        stops_of(&preview.days[1].stops),
        stops_of(&sent_tuesday.stops)
    );
    let drafts =
        plan::save_week_drafts(&mut store, now(), &mut ids, &params, &PlanLimit::WEEK).unwrap();
    assert_eq!(
        drafts.saved.iter().map(|d| d.date).collect::<Vec<_>>(),
        [23, 25, 26, 27].map(day_of).to_vec()
    );
    assert!(drafts
        .saved
        .iter()
        .all(|d| d.status == PlanStatusCode::Draft));
    assert_eq!(
        drafts.skipped,
        vec![api::WeekDaySkipped {
            date: day_of(24),
            why: api::WeekSkip::HasPlan(PlanStatusCode::Submitted),
        }]
    );
    // Each draft is the preview's day, and is the day's plan now.
    for saved in &drafts.saved {
        let shown = preview.days.iter().find(|d| d.date == saved.date).unwrap();
        assert_eq!(stops_of(&saved.stops), stops_of(&shown.stops));
        let current = plan::current_plan(&store, &PlanParams::for_date(saved.date))
            .unwrap()
            .unwrap();
        assert_eq!(&current, saved);
    }
    assert_eq!(
        store.day_plans_on(day_of(24)).unwrap()[0].status,
        PlanStatus::Submitted
    );
    // Saved twice: nothing is overwritten, every day says why.
    let twice =
        plan::save_week_drafts(&mut store, now(), &mut ids, &params, &PlanLimit::WEEK).unwrap();
    assert!(twice.saved.is_empty());
    assert_eq!(
        twice
            .skipped
            .iter()
            .map(|s| (s.date, s.why.clone()))
            .collect::<Vec<_>>(),
        (23..=27)
            .map(|d| (
                day_of(d),
                api::WeekSkip::HasPlan(if d == 24 {
                    PlanStatusCode::Submitted
                } else {
                    PlanStatusCode::Draft
                })
            ))
            .collect::<Vec<_>>()
    );
    for d in 23..=27 {
        assert_eq!(store.day_plans_on(day_of(d)).unwrap().len(), 1);
    }
    // A week with public holidays (Thursday 24 and Friday 25 December,
    // planned on Monday 21 December): the holidays are skipped, and why.
    let december = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
    let xmas = plan::save_week_drafts(
        &mut store,
        december(21).and_hms_opt(7, 0, 0).unwrap(),
        &mut ids,
        &PlanParams::for_date(december(21)),
        &PlanLimit::WEEK,
    )
    .unwrap();
    assert_eq!(
        xmas.saved.iter().map(|d| d.date).collect::<Vec<_>>(),
        [21, 22, 23].map(december).to_vec()
    );
    let holiday =
        api::WeekSkip::Refused(api::Reason::ContactDayClosed(api::ClosedDay::PublicHoliday));
    assert_eq!(
        xmas.skipped,
        [24, 25]
            .map(|d| api::WeekDaySkipped {
                date: december(d),
                why: holiday.clone(),
            })
            .to_vec()
    );
    assert_eq!(
        api::labels::week_skip(api::labels::Lang::Pl, &xmas.skipped[0].why),
        "w święto ustawowo wolne od pracy kontakt z klientem jest niedozwolony"
    );
}

/// Issue #17 (8): a day gone by is not planned; the refusal names the day
/// it is today, in Polish, and nothing is saved.
#[test]
fn a_day_in_the_past_is_refused() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    let friday = PlanParams::for_date(day_of(20));
    let refusal = api::CommandError::Invalid {
        field: api::Field::Date,
        code: api::Reason::DayInPast { today: today() },
    };
    assert_eq!(
        plan::plan_day(&mut store, now(), &mut ids(), &friday, &PlanLimit::DAY).unwrap_err(),
        refusal
    );
    assert_eq!(
        plan::plan_week(&store, today(), &friday, &PlanLimit::WEEK).unwrap_err(),
        refusal
    );
    assert_eq!(
        plan::save_week_drafts(&mut store, now(), &mut ids(), &friday, &PlanLimit::WEEK)
            .unwrap_err(),
        refusal
    );
    assert!(store.day_plans_on(day_of(20)).unwrap().is_empty());
    assert_eq!(
        api::labels::error(api::labels::Lang::Pl, &refusal),
        "Nie można zaplanować: ten dzień już minął (dziś jest 23.11.2026)."
    );
    // Today itself is planned, early or late in the day.
    let late = today().and_hms_opt(18, 0, 0).unwrap();
    let params = PlanParams::for_date(today());
    assert!(plan::plan_day(&mut store, late, &mut ids(), &params, &PlanLimit::DAY).is_ok());
}

/// Issue #17 (8): an appointment at 12:00 is visited at 12:00 (not at
/// 12:14, nor from 11:45); one at 16:30, after work ends at 16:00, is
/// left out for the working hours, not as "cannot be reached".
#[test]
fn agreed_times_are_kept_to_the_minute_or_left_out_for_the_working_hours() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = replica(&dir);
    let params = PlanParams::for_date(today());
    let first = plan::plan_day(&mut store, now(), &mut ids(), &params, &PlanLimit::DAY).unwrap();
    let free: Vec<String> = first
        .stops
        .iter()
        .filter(|s| s.appointment.is_none())
        .map(|s| s.case_id.clone())
        .collect();
    let agree = |store: &mut store::Store, case: &str, at: NaiveTime| {
        let mut file = store.case_file(case.parse().unwrap()).unwrap().unwrap();
        file.case.appointment = Some(today().and_time(at));
        store.save_case_file(&file).unwrap();
    };
    agree(&mut store, &free[0], t(12, 0));
    agree(&mut store, &free[1], t(16, 30));
    let v = plan::plan_day(&mut store, now(), &mut ids(), &params, &PlanLimit::DAY).unwrap();
    let noon = v.stops.iter().find(|s| s.case_id == free[0]).unwrap();
    assert_eq!(noon.appointment, Some(t(12, 0)));
    assert_eq!(noon.start, t(12, 0));
    assert_eq!(noon.departure, t(12, 30));
    assert!(noon.arrival <= t(12, 0));
    let late = v.dropped.iter().find(|d| d.case_id == free[1]).unwrap();
    assert_eq!(late.reason, DropCode::AfterWorkingHours);
    assert_eq!(
        api::labels::drop_reason(api::labels::Lang::Pl, late.reason),
        "umówiona wizyta skończyłaby się po końcu dnia pracy"
    );
    assert!(v.warnings.is_empty(), "{:?}", v.warnings);
}
