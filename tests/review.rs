//! The team lead's review end to end (issues #4 and #5): a real server on
//! 127.0.0.1:0, real replica files for the advisor and the team lead, and
//! the app's use cases in between.

use api::{CommandError, DecideForm, DecisionKind, OfferForm, OfferKind, ReviewState};
use app::sync_now::sync_now;
use chrono::{NaiveDate, NaiveTime};
use rust_decimal::Decimal;
use std::path::PathBuf;
use store::Store;
use sync_client::HttpTransport;
use sync_proto::*;
use uuid::Uuid;

mod common;

use common::{now, today, Server, PASSWORD};

struct Device {
    store: Store,
    http: HttpTransport,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

fn device(server: &Server, login: &str, n: u64) -> Device {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("replica.sqlite");
    let mut store = Store::open(&path).unwrap();
    let mut http = HttpTransport::new(&server.url).unwrap();
    let mut ids = app::SeqIds { prefix: n, next: 0 };
    app::login::login(&mut store, &mut http, &mut ids, login, PASSWORD, "tablet").unwrap();
    Device {
        store,
        http,
        path,
        _dir: dir,
    }
}

/// A second team lead, leading nobody.
fn other_lead(server: &Server) {
    use server_storage::Storage;
    server
        .storage
        .create_user(&server_storage::User {
            id: Uuid::from_u128(0xB0_0100),
            login: "kierownik2".into(),
            name: "Inny Kierownik".into(),
            role: Role::TeamLead,
            password_hash: server::hash_password_with(PASSWORD, server::PasswordCost::TestOnly)
                .unwrap(),
            advisor: None,
            team_lead: None,
            offer_policy: None,
        })
        .unwrap();
}

/// A custom offer of `term` months with a fifth of `debt` down.
fn form(case_id: &str, debt: Decimal, term: u32) -> OfferForm {
    OfferForm {
        case_id: case_id.into(),
        income: "9 000".into(),
        housing: "1 000".into(),
        utilities: "".into(),
        food: "".into(),
        transport: "".into(),
        dependants: "".into(),
        other_debts: "".into(),
        custom_term: Some(term),
        custom_down_payment: (debt / Decimal::from(5)).floor().to_string(),
        due_day: 10,
        amends: None,
    }
}

/// Saves a custom offer of `term` months on a case of the advisor's with a
/// debt above 3 000 zł; returns the case id and the offer (mutation) id.
fn save_offer(a: &mut Device, n: u128, term: u32) -> (String, Uuid) {
    let rows = a.store.search(&store::CaseQuery::default()).unwrap();
    let row = rows
        .iter()
        .filter(|r| r.outstanding.amount() > Decimal::new(3_000_00, 2))
        .nth(n as usize)
        .unwrap();
    let case = row.id.to_string();
    let id = Uuid::from_u128(0x0FFE_0000 + n);
    let saved = app::offers::save_offer(
        &mut a.store,
        now(),
        id,
        &api::SaveOfferRequest {
            form: form(&case, row.outstanding.amount(), term),
            kind: OfferKind::Custom,
            // The down payment is a fifth of the debt: its month may be
            // above what the budget allows, which needs a written reason.
            reason: Some("Klient wpłaci z odprawy".into()),
        },
    )
    .unwrap();
    assert_eq!(saved.needs_approval, term > 24, "term {term}");
    (case, id)
}

/// The approval state shown on the case's offer line.
fn approval_of(a: &Device, case: &str) -> Option<api::ApprovalView> {
    let detail = app::get_case::get_case(
        &a.store,
        today(),
        &api::CaseRequest {
            case_id: case.into(),
        },
    )
    .unwrap();
    let line = detail
        .timeline
        .iter()
        .find(|l| l.summary.starts_with("Propozycja ugody (") && l.approval.is_some())
        .cloned();
    line.and_then(|l| l.approval)
}

#[test]
fn an_offer_beyond_authority_is_rejected_with_a_comment_and_the_advisor_sees_why() {
    let server = common::start_server(30, 2, today(), now);
    other_lead(&server);
    let mut a = device(&server, "doradca1", 1);
    sync_now(&mut a.store, &mut a.http, now()).unwrap();
    // Within authority (12 months): nothing to approve.
    let (_, within) = save_offer(&mut a, 1, 12);
    // 30 months is beyond the advisor's 24: it waits for the team lead.
    let (case, offer) = save_offer(&mut a, 0, 30);
    assert_eq!(
        approval_of(&a, &case).map(|v| v.state),
        Some(ReviewState::Pending),
        "czeka na zatwierdzenie"
    );
    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (2, 0), "{r:?}");

    let mut lead = device(&server, "kierownik", 2);
    // A team lead's device syncs no cases and says it is a team lead.
    let r = sync_now(&mut lead.store, &mut lead.http, now()).unwrap();
    assert!(r.error.is_none(), "{r:?}");
    assert!(
        app::sync_status::sync_status(&lead.store, false, 0, None)
            .unwrap()
            .team_lead
    );
    let offers = app::team::team_offers(&lead.store, &mut lead.http).unwrap();
    assert_eq!(
        offers.len(),
        1,
        "only the offer beyond authority: {offers:?}"
    );
    let o = &offers[0];
    assert_eq!(o.request_id, offer.to_string());
    assert_ne!(o.request_id, within.to_string());
    assert_eq!(o.advisor_name, server.portfolio.advisors[0].name);
    assert_eq!(o.kind, Some(OfferKind::Custom));
    assert_eq!(o.term_months, 30);
    assert_eq!(o.approval, vec![api::ApprovalCode::Term]);
    // Issue 17: the lead decides with the facts. The budget as typed
    // (income 9 000, housing 1 000: disposable 8 000,00 zł), the heaviest
    // month judged by the server's engine, and every payment numbered.
    let b = o.budget.as_ref().expect("the client's budget");
    assert_eq!(b.income, Decimal::new(9_000_00, 2));
    assert_eq!(b.expenses, Decimal::new(1_000_00, 2));
    assert_eq!(b.disposable, Decimal::new(8_000_00, 2));
    let share = sync_proto::OfferPolicyDto::standard()
        .policy()
        .affordable_share;
    assert_eq!(b.limit, (b.disposable * share).round_dp(2));
    assert_eq!(
        b.verdict,
        if b.payment <= b.limit {
            api::Verdict::Affordable
        } else {
            api::Verdict::NeedsReason
        }
    );
    assert_eq!(o.schedule.len(), 31, "the down payment and 30 installments");
    assert_eq!((o.schedule[0].number, o.schedule[30].number), (0, 30));
    assert_eq!(o.schedule[0].amount, o.down_payment);
    // The case's history beside it, newest first, the offer itself on top.
    assert!(!o.history.is_empty() && o.history.len() <= sync_proto::TEAM_HISTORY_LINES);
    assert!(o.history.windows(2).all(|w| w[0].at >= w[1].at));
    assert!(o.history.iter().any(|l| l.kind == api::ActivityKind::Offer));
    assert_eq!(
        o.schedule.iter().map(|i| i.amount).sum::<Decimal>(),
        o.total
    );
    assert!(!o.case_number.is_empty() && !o.debtor_name.is_empty());
    assert!(o.outstanding > Decimal::new(3_000_00, 2));

    // Another team's lead sees nothing and cannot decide it.
    let mut other = device(&server, "kierownik2", 3);
    assert!(app::team::team_offers(&other.store, &mut other.http)
        .unwrap()
        .is_empty());
    let err = app::team::team_decide(
        &other.store,
        &mut other.http,
        &DecideForm {
            request_id: offer.to_string(),
            decision: DecisionKind::Approve,
            comment: String::new(),
        },
    )
    .unwrap_err();
    assert!(matches!(err, CommandError::NotFound { .. }), "{err:?}");

    // Rejecting needs a comment: refused on the device and on the server.
    let reject = |comment: &str| DecideForm {
        request_id: offer.to_string(),
        decision: DecisionKind::Reject,
        comment: comment.into(),
    };
    let err = app::team::team_decide(&lead.store, &mut lead.http, &reject("  ")).unwrap_err();
    assert_eq!(
        err,
        CommandError::Invalid {
            field: api::Field::Comment,
            code: api::Reason::Required
        }
    );
    let token = lead.store.sync_value("token").unwrap().unwrap();
    let res = reqwest::blocking::Client::new()
        .post(format!("{}{}", server.url, paths::TEAM_DECIDE))
        .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
        .bearer_auth(&token)
        .json(&serde_json::json!({"request_id": offer, "decision": "reject", "comment": " "}))
        .send()
        .unwrap();
    assert_eq!(res.status(), 400);
    // A plan's decision on an offer is refused too.
    let res = reqwest::blocking::Client::new()
        .post(format!("{}{}", server.url, paths::TEAM_DECIDE))
        .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
        .bearer_auth(&token)
        .json(&serde_json::json!({"request_id": offer, "decision": "return", "comment": "x"}))
        .send()
        .unwrap();
    assert_eq!(res.status(), 400);

    let d = app::team::team_decide(
        &lead.store,
        &mut lead.http,
        &reject("Za długi okres spłaty"),
    )
    .unwrap();
    assert_eq!(d.state, ReviewState::Rejected);
    assert_eq!(d.reviewed_by, "Kierownik Zespołu");
    assert_eq!(d.reviewed_at, now());
    // Final: deciding again is refused with who decided.
    let err = app::team::team_decide(
        &lead.store,
        &mut lead.http,
        &DecideForm {
            request_id: offer.to_string(),
            decision: DecisionKind::Approve,
            comment: String::new(),
        },
    )
    .unwrap_err();
    match err {
        CommandError::AlreadyDecided { message } => {
            assert!(message.contains("Kierownik Zespołu"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    assert!(app::team::team_offers(&lead.store, &mut lead.http)
        .unwrap()
        .is_empty());

    // The advisor's next sync brings the answer, also to the case timeline.
    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!(r.reviews, 1, "{r:?}");
    let v = approval_of(&a, &case).unwrap();
    assert_eq!(v.state, ReviewState::Rejected);
    assert_eq!(v.comment.as_deref(), Some("Za długi okres spłaty"));
    assert_eq!(v.reviewed_by.as_deref(), Some("Kierownik Zespołu"));
    let detail = app::get_case::get_case(
        &a.store,
        today(),
        &api::CaseRequest {
            case_id: case.clone(),
        },
    )
    .unwrap();
    assert!(detail.timeline.iter().any(|l| l.summary
        == "Propozycja ugody odrzucona przez kierownika: Za długi okres spłaty"
        && l.author == "Kierownik Zespołu"));
    // A sync after that changes nothing.
    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!(r.reviews, 0);
}

#[test]
fn an_offer_approved_while_the_advisor_is_offline_arrives_on_the_next_sync() {
    let server = common::start_server(30, 1, today(), now);
    let mut a = device(&server, "doradca1", 1);
    sync_now(&mut a.store, &mut a.http, now()).unwrap();
    let (case, offer) = save_offer(&mut a, 0, 36);
    sync_now(&mut a.store, &mut a.http, now()).unwrap();
    let mut lead = device(&server, "kierownik", 2);
    let d = app::team::team_decide(
        &lead.store,
        &mut lead.http,
        &DecideForm {
            request_id: offer.to_string(),
            decision: DecisionKind::Approve,
            comment: String::new(),
        },
    )
    .unwrap();
    assert_eq!(d.state, ReviewState::Approved);
    // The advisor was "offline": the case was changed by others meanwhile,
    // many times; the answer still arrives, in small pages too.
    let mut file = {
        use server_storage::Storage;
        server.storage.case(case.parse().unwrap()).unwrap().unwrap()
    };
    for i in 0..5 {
        use server_storage::Storage;
        file.number = format!("{}-{i}", file.number);
        server.storage.put_case(&file).unwrap();
    }
    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!(r.reviews, 1);
    let v = approval_of(&a, &case).unwrap();
    assert_eq!(v.state, ReviewState::Approved, "zatwierdzona");
    // Issue 17: the decision is announced until the advisor opens the case;
    // a sync that brings it again announces nothing new.
    let announced = |a: &Device| {
        app::sync_status::sync_status(&a.store, false, 0, None)
            .unwrap()
            .decisions
    };
    assert_eq!(
        announced(&a),
        [api::DecisionNotice {
            case_id: Some(case.clone()),
            plan_date: None,
            approved: true,
        }]
    );
    // The decision's own line on the timeline, of its own kind.
    let detail = app::get_case::open_case(
        &mut a.store,
        today(),
        &api::CaseRequest {
            case_id: case.clone(),
        },
    )
    .unwrap();
    assert!(detail
        .timeline
        .iter()
        .any(|l| l.kind == api::ActivityKind::Approval
            && l.summary.starts_with("Propozycja ugody zatwierdzona")));
    assert!(detail
        .timeline
        .iter()
        .any(|l| l.kind == api::ActivityKind::Offer));
    assert!(announced(&a).is_empty(), "seen once the case is opened");
    sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert!(announced(&a).is_empty());
}

/// A day plan as the planning screen keeps it and submits it.
fn submit_plan(a: &mut Device, plan_id: Uuid, date: NaiveDate, cases: &[Uuid], mutation: Uuid) {
    let body = PlanBody {
        plan_id,
        date,
        stops: cases
            .iter()
            .enumerate()
            .map(|(i, c)| PlanStopDto {
                case_id: *c,
                arrival: NaiveTime::from_hms_opt(9 + i as u32, 0, 0).unwrap(),
                departure: NaiveTime::from_hms_opt(9 + i as u32, 30, 0).unwrap(),
                pinned: false,
                reasons: vec!["promise_due".into()],
            })
            .collect(),
        dropped: vec![],
        drive_minutes: 42,
        comment: Some("Dzień w Łodzi".into()),
    };
    let m = Mutation {
        id: mutation,
        case_id: Uuid::nil(),
        created_at: now(),
        kind: kinds::PLAN.into(),
        body: serde_json::to_value(&body).unwrap(),
    };
    let conn = rusqlite::Connection::open(&a.path).unwrap();
    conn.execute(
        "INSERT INTO day_plan (id, plan_date, body, status, submitted_at, updated_at)
         VALUES (?1, ?2, ?3, 'submitted', ?4, ?4)",
        rusqlite::params![
            plan_id.to_string(),
            date.to_string(),
            serde_json::to_string(&body).unwrap(),
            "2026-11-23T10:00:00"
        ],
    )
    .unwrap();
    a.store
        .outbox_push(
            m.id,
            kinds::PLAN,
            None,
            &serde_json::to_string(&m).unwrap(),
            now(),
        )
        .unwrap();
}

fn plan_row(a: &Device, plan_id: Uuid) -> (String, Option<String>, Option<String>) {
    let conn = rusqlite::Connection::open(&a.path).unwrap();
    conn.query_row(
        "SELECT status, review_comment, reviewed_by FROM day_plan WHERE id = ?1",
        [plan_id.to_string()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

#[test]
fn plans_are_approved_or_returned_and_the_advisor_sees_it() {
    let server = common::start_server(30, 2, today(), now);
    other_lead(&server);
    let mut a = device(&server, "doradca1", 1);
    sync_now(&mut a.store, &mut a.http, now()).unwrap();
    let own: Vec<Uuid> = a
        .store
        .search(&store::CaseQuery::default())
        .unwrap()
        .iter()
        .take(3)
        .map(|r| r.id.0)
        .collect();
    let theirs = {
        use server_storage::Audit;
        server
            .storage
            .cases_of(server.portfolio.advisors[1].id.0)
            .unwrap()[0]
            .id
    };
    let day = today().succ_opt().unwrap();
    let (good, returned, foreign) = (
        Uuid::from_u128(0x91),
        Uuid::from_u128(0x92),
        Uuid::from_u128(0x93),
    );
    submit_plan(&mut a, good, day, &own, Uuid::from_u128(0xA1));
    submit_plan(&mut a, returned, day, &own[..2], Uuid::from_u128(0xA2));
    // A plan with another advisor's case is rejected on its own.
    submit_plan(
        &mut a,
        foreign,
        day,
        &[own[0], theirs],
        Uuid::from_u128(0xA3),
    );
    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (2, 1), "{r:?}");
    let attention = app::sync_status::attention_items(&a.store).unwrap();
    assert!(
        attention[0].reason.contains("not assigned to you"),
        "{attention:?}"
    );

    let mut lead = device(&server, "kierownik", 2);
    let view = app::team::team_plans(
        &lead.store,
        &mut lead.http,
        today(),
        &api::TeamPlansQuery { date: Some(day) },
    )
    .unwrap();
    assert_eq!(view.date, day);
    assert_eq!(view.plans.len(), 2);
    let p = &view.plans[0];
    assert_eq!(p.state, ReviewState::Pending);
    assert_eq!(p.stops.len(), 3);
    assert_eq!(
        p.stops[1].arrival,
        NaiveTime::from_hms_opt(10, 0, 0).unwrap()
    );
    assert!(!p.stops[0].case_number.is_empty() && !p.stops[0].address.is_empty());
    // Issue 17: each stop's position, for the lead's sketch of the route.
    assert!(p.stops.iter().all(|s| s.lat.is_some() && s.lon.is_some()));
    assert_eq!(p.advisor_comment.as_deref(), Some("Dzień w Łodzi"));
    assert_eq!(p.drive_minutes, 42);
    // Today has none; the other lead sees none.
    assert!(app::team::team_plans(
        &lead.store,
        &mut lead.http,
        today(),
        &api::TeamPlansQuery::default()
    )
    .unwrap()
    .plans
    .is_empty());
    let mut other = device(&server, "kierownik2", 3);
    assert!(app::team::team_plans(
        &other.store,
        &mut other.http,
        today(),
        &api::TeamPlansQuery { date: Some(day) }
    )
    .unwrap()
    .plans
    .is_empty());

    let decide = |lead: &mut Device, id: &str, decision, comment: &str| {
        app::team::team_decide(
            &lead.store,
            &mut lead.http,
            &DecideForm {
                request_id: id.into(),
                decision,
                comment: comment.into(),
            },
        )
    };
    let (first, second) = (
        view.plans[0].request_id.clone(),
        view.plans[1].request_id.clone(),
    );
    assert!(matches!(
        decide(&mut lead, &second, DecisionKind::Return, ""),
        Err(CommandError::Invalid { .. })
    ));
    // "reject" is for offers.
    assert!(matches!(
        decide(&mut lead, &second, DecisionKind::Reject, "x"),
        Err(CommandError::Server { .. })
    ));
    decide(&mut lead, &first, DecisionKind::Approve, "").unwrap();
    decide(
        &mut lead,
        &second,
        DecisionKind::Return,
        "Dodaj wizytę u klienta z ugodą",
    )
    .unwrap();
    assert!(matches!(
        decide(&mut lead, &second, DecisionKind::Approve, ""),
        Err(CommandError::AlreadyDecided { .. })
    ));
    let view = app::team::team_plans(
        &lead.store,
        &mut lead.http,
        today(),
        &api::TeamPlansQuery { date: Some(day) },
    )
    .unwrap();
    assert_eq!(
        view.plans.iter().map(|p| p.state).collect::<Vec<_>>(),
        [ReviewState::Approved, ReviewState::Returned]
    );

    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!(r.reviews, 2);
    assert_eq!(
        plan_row(&a, good),
        ("approved".into(), None, Some("Kierownik Zespołu".into()))
    );
    assert_eq!(
        plan_row(&a, returned),
        (
            "returned".into(),
            Some("Dodaj wizytę u klienta z ugodą".into()),
            Some("Kierownik Zespołu".into())
        )
    );
    assert_eq!(plan_row(&a, foreign).0, "submitted", "rejected on upload");
}

#[test]
fn the_advisor_policy_comes_from_the_server_and_is_used_offline() {
    let server = common::start_server(30, 1, today(), now);
    let mut a = device(&server, "doradca1", 1);
    sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!(
        a.store.offer_policy().unwrap(),
        Some((app::offers::policy(), app::offers::authority())),
        "the seeded standard policy arrived"
    );
    // The admin narrows this advisor's authority to 6 months.
    let mut policy = OfferPolicyDto::standard();
    policy.authority.max_term_months = 6;
    let admin = {
        use sync_client::Transport;
        let mut t = HttpTransport::new(&server.url).unwrap();
        t.login(&LoginRequest {
            login: "admin".into(),
            password: PASSWORD.into(),
            device_id: Uuid::from_u128(0xAD),
            device_name: "office".into(),
            certificate_request: None,
        })
        .unwrap()
        .token
    };
    let set = |body: serde_json::Value| {
        reqwest::blocking::Client::new()
            .post(format!("{}{}", server.url, server::admin_paths::POLICY))
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
            .bearer_auth(&admin)
            .json(&body)
            .send()
            .unwrap()
            .status()
    };
    let advisor = server.portfolio.advisors[0].id.0;
    let mut bad = policy.clone();
    bad.authority.max_term_months = 99;
    assert_eq!(
        set(serde_json::json!({"advisor_id": advisor, "policy": bad})),
        400
    );
    assert_eq!(
        set(serde_json::json!({"advisor_id": advisor, "policy": policy})),
        204
    );
    // Before the sync the device still offers 12 months without approval.
    let rows = a.store.search(&store::CaseQuery::default()).unwrap();
    let row = rows
        .iter()
        .find(|r| r.outstanding.amount() > Decimal::new(3_000_00, 2))
        .unwrap();
    let custom = |store: &Store| {
        app::offers::build_offers(
            store,
            today(),
            &form(&row.id.to_string(), row.outstanding.amount(), 12),
        )
        .unwrap()
        .variants
        .into_iter()
        .find(|v| v.kind == OfferKind::Custom)
        .unwrap()
    };
    assert!(custom(&a.store).approval.is_empty());
    sync_now(&mut a.store, &mut a.http, now()).unwrap();
    // Offline from here: the stored policy decides.
    assert_eq!(custom(&a.store).approval, vec![api::ApprovalCode::Term]);
    let reopened = Store::open(&a.path).unwrap();
    assert_eq!(custom(&reopened).approval, vec![api::ApprovalCode::Term]);
}

/// A server answer altered on the way: the policy's table of reference
/// rates gets a rate of 575 % (5.75 sent for 5.75 %).
struct BadTable<'a>(&'a mut HttpTransport);

impl sync_client::Transport for BadTable<'_> {
    fn login(&mut self, req: &LoginRequest) -> Result<LoginResponse, sync_client::SyncError> {
        self.0.login(req)
    }
    fn download(
        &mut self,
        token: &str,
        req: &DownloadRequest,
    ) -> Result<DownloadResponse, sync_client::SyncError> {
        let mut page = self.0.download(token, req)?;
        if let Some(p) = &mut page.offer_policy {
            p.reference_rates.push(ReferenceRateDto {
                since: NaiveDate::from_ymd_opt(2027, 1, 7).unwrap(),
                rate: Decimal::new(575, 2),
            });
        }
        Ok(page)
    }
    fn upload(
        &mut self,
        token: &str,
        req: &UploadRequest,
    ) -> Result<UploadResponse, sync_client::SyncError> {
        self.0.upload(token, req)
    }
}

#[test]
fn the_reference_rates_come_from_the_server_and_cap_offers_offline() {
    let server = common::start_server(30, 1, today(), now);
    let mut a = device(&server, "doradca1", 1);
    sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!(
        a.store.reference_rates().unwrap(),
        domain::offer::ReferenceRates::nbp(),
        "the server's seed arrived"
    );
    let admin = {
        use sync_client::Transport;
        let mut t = HttpTransport::new(&server.url).unwrap();
        t.login(&LoginRequest {
            login: "admin".into(),
            password: PASSWORD.into(),
            device_id: Uuid::from_u128(0xAD),
            device_name: "office".into(),
            certificate_request: None,
        })
        .unwrap()
        .token
    };
    let post = |path: &str, body: serde_json::Value| {
        reqwest::blocking::Client::new()
            .post(format!("{}{path}", server.url))
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
            .bearer_auth(&admin)
            .json(&body)
            .send()
            .unwrap()
            .status()
    };
    // The advisor's policy asks 25 % plan interest: the statutory cap
    // decides what a plan carries.
    let mut policy = OfferPolicyDto::standard();
    policy.plan_interest_rate = Some(Decimal::new(25, 2));
    let advisor = server.portfolio.advisors[0].id.0;
    assert_eq!(
        post(
            server::admin_paths::POLICY,
            serde_json::json!({"advisor_id": advisor, "policy": policy})
        ),
        204
    );
    sync_now(&mut a.store, &mut a.http, now()).unwrap();
    // A 12-month plan on an enforceable case of more than 3 000 zł.
    let rows = a.store.search(&store::CaseQuery::default()).unwrap();
    let row = rows
        .iter()
        .find(|r| {
            let f = a.store.case_file(r.id).unwrap().unwrap();
            r.outstanding.amount() > Decimal::new(3_000_00, 2) && !f.has_time_barred_claim(today())
        })
        .unwrap();
    let case = row.id.to_string();
    let f = form(&case, row.outstanding.amount(), 12);
    let custom = |store: &Store| {
        app::offers::build_offers(store, today(), &f)
            .unwrap()
            .variants
            .into_iter()
            .find(|v| v.kind == OfferKind::Custom)
            .unwrap()
    };
    // Capped at 2 × (3,75 % + 3,5 %) = 14,5 % under the seeded table.
    let seeded = custom(&a.store);

    // The admin enters the Council's cut to 3,25 % from today.
    assert_eq!(
        post(
            server::admin_paths::REFERENCE_RATES,
            serde_json::json!({"since": today(), "rate": "0.0325"})
        ),
        200
    );
    assert_eq!(custom(&a.store), seeded, "not before the device syncs");
    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!(r.policy_refused, None);
    // Offline from here: the synced table decides, also after reopening.
    let reopened = Store::open(&a.path).unwrap();
    let t = reopened.reference_rates().unwrap();
    assert_eq!(t.rate_on(today()), Decimal::new(325, 4));
    assert_eq!(t.rate_on(today().pred_opt().unwrap()), Decimal::new(375, 4));
    let cut = custom(&reopened);
    // 2 × (3,25 % + 3,5 %) = 13,5 %: less interest on the same schedule.
    assert!(cut.total < seeded.total, "{} < {}", cut.total, seeded.total);
    let (p, _) = reopened.offer_policy().unwrap().unwrap();
    let file = reopened.case_file(row.id).unwrap().unwrap();
    let req = domain::offer::OfferRequest::for_case(
        &file,
        domain::offer::OfferInputs {
            today: today(),
            budget: domain::offer::Budget {
                income: domain::Money::new(Decimal::new(9_000, 0)),
                expenses: domain::offer::Expenses {
                    housing: domain::Money::new(Decimal::new(1_000, 0)),
                    ..Default::default()
                },
            },
            due_day: 10,
            custom: None,
        },
        p,
        app::offers::authority(),
    );
    let lowest = domain::offer::propose(&req)
        .unwrap()
        .get(domain::offer::VariantKind::LowestInstallment)
        .unwrap()
        .clone();
    assert_eq!(
        lowest.plan_interest.unwrap().rate.maximum,
        Decimal::new(135, 3)
    );
    drop(reopened);

    // The server judges the device's offer under the same table: taken.
    let id = Uuid::from_u128(0x0FFE_1000);
    app::offers::save_offer(
        &mut a.store,
        now(),
        id,
        &api::SaveOfferRequest {
            form: f.clone(),
            kind: OfferKind::Custom,
            reason: Some("Klient wpłaci z odprawy".into()),
        },
    )
    .unwrap();
    let r = sync_now(&mut a.store, &mut a.http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (1, 0), "{r:?}");

    // A table that fails the check is refused like a bad policy: the last
    // valid one stays in force, and the report says why.
    let r = sync_now(&mut a.store, &mut BadTable(&mut a.http), now()).unwrap();
    let why = r.policy_refused.expect("refused");
    assert!(why.starts_with("reference_rate"), "{why}");
    assert_eq!(a.store.reference_rates().unwrap(), t);
    assert_eq!(custom(&a.store), cut);
}

#[test]
fn without_a_server_the_team_page_says_offline_and_an_advisor_is_refused() {
    let server = common::start_server(10, 1, today(), now);
    let lead = device(&server, "kierownik", 1);
    // Nothing listens on port 1: the calls are online-only.
    let mut dead = HttpTransport::new("http://127.0.0.1:1").unwrap();
    assert_eq!(
        app::team::team_offers(&lead.store, &mut dead).unwrap_err(),
        CommandError::Offline
    );
    assert_eq!(
        app::team::team_decide(
            &lead.store,
            &mut dead,
            &DecideForm {
                request_id: Uuid::from_u128(1).to_string(),
                decision: DecisionKind::Approve,
                comment: String::new(),
            }
        )
        .unwrap_err(),
        CommandError::Offline
    );
    // An advisor's token cannot call the team's endpoints.
    let mut a = device(&server, "doradca1", 2);
    assert_eq!(
        app::team::team_offers(&a.store, &mut a.http).unwrap_err(),
        CommandError::Forbidden
    );
}
