//! Issue 11, end to end: the back office books promises and payments on a
//! real server (SQLite and PostgreSQL), the server judges them with the
//! promise ledger as it stores the case, and a real device replica that
//! syncs judges them offline with the same domain function: both agree on
//! which promise is kept, pending or broken, and on the broken promise.

mod common;

use api::{CaseRequest, SearchRequest};
use app::sync_now::sync_now;
use app::SeqIds;
use chrono::NaiveDate;
use common::{now, today, Backend, PASSWORD};
use rust_decimal::Decimal;
use std::str::FromStr;
use store::Store;
use sync_client::HttpTransport;
use sync_proto::*;
use uuid::Uuid;

on_both!(
    device_and_server_agree_on_a_broken_promise_after_the_back_office_books_payments,
    the_policys_grace_days_judge_on_both_sides_and_the_server_judges_without_a_write,
);

impl Backend {
    /// Open cases of the advisor whose status the workflow lets a broken
    /// promise follow, as the server holds them.
    fn open_cases(&self) -> Vec<CaseFileDto> {
        let a = self.portfolio.advisors[0].id.0;
        let mut held = server_storage::Audit::cases_of(self.storage.as_ref(), a).unwrap();
        held.retain(|c| c.status == "visited" || c.status == "new");
        held.sort_by_key(|c| c.id);
        held
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn promise(n: u128, made_on: NaiveDate, due_on: NaiveDate, amount: &str) -> PromiseDto {
    PromiseDto {
        id: Uuid::from_u128(0x11_0000 + n),
        made_on,
        due_on,
        amount: d(amount),
        status: "pending".into(),
    }
}

fn payment(n: u128, paid_on: NaiveDate, amount: &str) -> PaymentDto {
    PaymentDto {
        id: Uuid::from_u128(0x22_0000 + n),
        paid_on,
        amount: d(amount),
        channel: "bank_transfer".into(),
    }
}

fn device_and_server_agree_on_a_broken_promise_after_the_back_office_books_payments(b: &Backend) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&b.url).unwrap();
    let mut ids = SeqIds { prefix: 1, next: 0 };
    app::login::login(
        &mut store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet",
    )
    .unwrap();
    sync_now(&mut store, &mut http, now()).unwrap();
    let office = b.token("biuro", 0xB0);

    let cases = b.open_cases();
    assert!(cases.len() >= 2, "two open cases to book on");
    // Case 1: 400,00 zł promised on 9.11 for Tuesday 17.11.2026 (grace 18,
    // 19, 20.11; broken from 21.11); the back office books 100,00 zł paid
    // on 16.11. On the server's day, 23.11, it is broken: 300,00 zł unpaid.
    let mut broken = cases[0].clone();
    broken.promises = vec![promise(1, date(2026, 11, 9), date(2026, 11, 17), "400.00")];
    broken
        .payments
        .retain(|p| p.paid_on < date(2026, 11, 9) || p.paid_on > date(2026, 11, 23));
    broken
        .payments
        .push(payment(1, date(2026, 11, 16), "100.00"));
    // Case 2: 300,00 zł for Saturday 21.11.2026 (moved to Monday 23.11, art.
    // 115 KC; in time until 26.11), paid 120,00 zł on 20.11 and 180,00 zł
    // on 23.11: kept. And a second promise for 4.12: pending.
    let mut kept = cases[1].clone();
    kept.promises = vec![
        promise(2, date(2026, 11, 10), date(2026, 11, 21), "300.00"),
        promise(3, date(2026, 11, 10), date(2026, 12, 4), "250.00"),
    ];
    kept.payments
        .retain(|p| p.paid_on < date(2026, 11, 10) || p.paid_on > date(2026, 11, 23));
    kept.payments.push(payment(2, date(2026, 11, 20), "120.00"));
    kept.payments.push(payment(3, date(2026, 11, 23), "180.00"));
    let kept_status = kept.status.clone();
    b.put_case(&office, &broken);
    b.put_case(&office, &kept);

    // The server's verdict, stored with the case.
    let on_server = |id: Uuid| b.storage.case(id).unwrap().unwrap();
    let s1 = on_server(broken.id);
    assert_eq!(s1.status, "broken_promise");
    assert_eq!(s1.promises[0].status, "broken");
    let s2 = on_server(kept.id);
    assert_eq!(s2.status, kept_status, "a kept promise moves nothing");
    let states: Vec<(Uuid, String)> = s2
        .promises
        .iter()
        .map(|p| (p.id, p.status.clone()))
        .collect();
    assert_eq!(
        states,
        [
            (Uuid::from_u128(0x11_0002), "kept".to_string()),
            (Uuid::from_u128(0x11_0003), "pending".to_string()),
        ]
    );

    // The device downloads them and judges them offline on the same day:
    // the same states, the same status, the broken promise flagged.
    sync_now(&mut store, &mut http, now()).unwrap();
    for server_file in [&s1, &s2] {
        let id = domain::CaseId(server_file.id);
        let replica = store.case_file(id).unwrap().unwrap();
        let verdict =
            domain::ledger::judge(&replica, today(), &domain::status::PromiseRules::default());
        assert_eq!(
            verdict.moves_to, None,
            "nothing left to move: the server did it"
        );
        let detail = app::get_case::get_case(
            &store,
            today(),
            &CaseRequest {
                case_id: id.to_string(),
            },
        )
        .unwrap();
        assert_eq!(
            serde_json::to_value(detail.status).unwrap(),
            serde_json::json!(server_file.status)
        );
        let device_states: Vec<serde_json::Value> = detail
            .promises
            .iter()
            .map(|p| serde_json::to_value(p.state).unwrap())
            .collect();
        let mut server_promises = server_file.promises.clone();
        server_promises.sort_by_key(|p| (p.due_on, p.made_on, p.id));
        let server_states: Vec<serde_json::Value> = server_promises
            .iter()
            .map(|p| serde_json::json!(p.status))
            .collect();
        assert_eq!(device_states, server_states);
    }
    let row = app::search_cases::search_cases(&store, today(), &SearchRequest::default())
        .unwrap()
        .into_iter()
        .find(|r| r.id == broken.id.to_string())
        .unwrap();
    assert_eq!(row.status, api::Status::BrokenPromise);
    assert!(row.flags.contains(&api::Flag::BrokenPromise));
    let detail = app::get_case::get_case(
        &store,
        today(),
        &CaseRequest {
            case_id: broken.id.to_string(),
        },
    )
    .unwrap();
    assert!(detail.timeline.iter().any(|a| {
        a.summary
        == "Wpłata 100,00 zł z 16.11.2026 zaliczona na deklarację z 17.11.2026, pozostało 300,00 zł"
    }));

    // Booked again unchanged, the case does not move twice.
    b.put_case(&office, &s1);
    assert_eq!(on_server(broken.id).status, "broken_promise");
}

/// The state of each promise of `id` on the device on `day`, and its
/// status, as the case page shows them.
fn on_device(store: &Store, id: Uuid, day: NaiveDate) -> (api::Status, Vec<serde_json::Value>) {
    let detail = app::get_case::get_case(
        store,
        day,
        &CaseRequest {
            case_id: id.to_string(),
        },
    )
    .unwrap();
    let states = detail
        .promises
        .iter()
        .map(|p| serde_json::to_value(p.state).unwrap())
        .collect();
    (detail.status, states)
}

fn the_policys_grace_days_judge_on_both_sides_and_the_server_judges_without_a_write(b: &Backend) {
    // The admin gives the advisor a policy without grace days.
    let admin = b.token("admin", 0xA0);
    let advisor = b.portfolio.advisors[0].id.0;
    let policy = OfferPolicyDto {
        promise_grace_days: 0,
        ..OfferPolicyDto::standard()
    };
    let (status, text) = b.post(
        &admin,
        server::admin_paths::POLICY,
        &serde_json::json!({"advisor_id": advisor, "policy": policy}),
    );
    assert_eq!(status, 204, "{text}");
    // 400 grace days is no policy: refused with the field, nothing changes.
    let (status, text) = b.post(
        &admin,
        server::admin_paths::POLICY,
        &serde_json::json!({"advisor_id": advisor, "policy": OfferPolicyDto {
            promise_grace_days: 400,
            ..OfferPolicyDto::standard()
        }}),
    );
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("promise_grace_days"), "{text}");

    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&b.url).unwrap();
    let mut ids = SeqIds { prefix: 2, next: 0 };
    app::login::login(
        &mut store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet",
    )
    .unwrap();
    sync_now(&mut store, &mut http, now()).unwrap();
    let office = b.token("biuro", 0xB1);
    let cases = b.open_cases();
    // Case A: 200,00 zł promised on 10.11 for Friday 20.11.2026, unpaid.
    // Without grace days its last day is 20.11: broken from 21.11, so on
    // the server's day, 23.11, broken (with the standard 3 days, 21, 22 and
    // 23.11 would still be in time).
    let mut a = cases[0].clone();
    a.promises = vec![promise(
        10,
        date(2026, 11, 10),
        date(2026, 11, 20),
        "200.00",
    )];
    a.payments.retain(|p| p.paid_on < date(2026, 11, 10));
    // Case B: 150,00 zł for Monday 23.11.2026, today: in time today,
    // broken from Tuesday 24.11.
    let mut c = cases[1].clone();
    c.promises = vec![promise(
        11,
        date(2026, 11, 10),
        date(2026, 11, 23),
        "150.00",
    )];
    c.payments.retain(|p| p.paid_on < date(2026, 11, 10));
    b.put_case(&office, &a);
    b.put_case(&office, &c);
    assert_eq!(b.stored(a.id).status, "broken_promise");
    assert_eq!(b.stored(a.id).promises[0].status, "broken");
    assert_eq!(b.stored(c.id).promises[0].status, "pending");
    assert_ne!(b.stored(c.id).status, "broken_promise");

    sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!(
        on_device(&store, a.id, today()),
        (
            api::Status::BrokenPromise,
            vec![serde_json::json!("broken")]
        )
    );
    let (_, states) = on_device(&store, c.id, today());
    assert_eq!(states, [serde_json::json!("pending")]);

    // The back office's "judge now" is the daily run: on the server's day
    // nothing is left to change (storing the cases judged them); an
    // advisor may not ask for it.
    let (status, text) = b.post(
        &office,
        server::admin_paths::JUDGE_PROMISES,
        &serde_json::json!({}),
    );
    assert_eq!((status, text.as_str()), (200, r#"{"changed":0}"#));
    let token = b.token("doradca1", 0xD1);
    let (status, _) = b.post(
        &token,
        server::admin_paths::JUDGE_PROMISES,
        &serde_json::json!({}),
    );
    assert_eq!(status, 403);

    // On 24.11 the device, offline, finds case B's promise broken; the
    // server finds it too, with nobody writing the case (the daily run).
    let tomorrow = date(2026, 11, 24);
    assert_eq!(
        on_device(&store, c.id, tomorrow),
        (
            api::Status::BrokenPromise,
            vec![serde_json::json!("broken")]
        )
    );
    assert_eq!(
        server::ledger::sweep(b.storage.as_ref(), tomorrow).unwrap(),
        1,
        "only case B changed"
    );
    let stored = b.stored(c.id);
    assert_eq!(stored.status, "broken_promise");
    assert_eq!(stored.promises[0].status, "broken");
    assert_eq!(
        server::ledger::sweep(b.storage.as_ref(), tomorrow).unwrap(),
        0,
        "judged again, nothing moves twice"
    );
    // The change reached the advisor's feed: the next download brings the
    // server's verdict, and the device agrees.
    let r = sync_now(
        &mut store,
        &mut http,
        tomorrow.and_hms_opt(8, 0, 0).unwrap(),
    )
    .unwrap();
    assert!(r.downloaded >= 1, "{r:?}");
    let replica = store.case_file(domain::CaseId(c.id)).unwrap().unwrap();
    assert_eq!(replica.case.status, domain::CaseStatus::BrokenPromise);
}
