//! The offer use cases on a real demo replica file (issue #4).

use api::{CommandError, OfferForm, OfferKind, SaveOfferRequest, Verdict};
use app::demo_replica::{create_demo_replica, DemoReplica};
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use store::OutboxState;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn form(case_id: &str) -> OfferForm {
    OfferForm {
        case_id: case_id.into(),
        income: "5 200,00".into(),
        housing: "1 400".into(),
        utilities: "450,50".into(),
        food: "1 100".into(),
        transport: "300".into(),
        dependants: "".into(),
        other_debts: "250".into(),
        custom_term: Some(12),
        custom_down_payment: "".into(),
        due_day: 31,
        amends: None,
    }
}

#[test]
fn variants_have_exact_schedules_and_saving_queues_the_offer() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = create_demo_replica(
        &dir.path().join("r.sqlite"),
        &DemoReplica {
            seed: 4,
            cases: 40,
            advisors: 1,
            today: today(),
        },
    )
    .unwrap();
    let rows = store.search(&store::CaseQuery::default()).unwrap();
    let row = rows
        .iter()
        .find(|r| r.outstanding.amount() > Decimal::new(3_000_00, 2))
        .unwrap();
    let f = form(&row.id.to_string());
    let view = app::offers::build_offers(&store, today(), &f).unwrap();
    // 5 200,00 − (1 400 + 450,50 + 1 100 + 300 + 250) = 1 699,50 disposable.
    assert_eq!(view.disposable, Decimal::new(1_699_50, 2));
    assert_eq!(view.debt.total, row.outstanding.amount());
    assert!(view.variants.iter().any(|v| v.kind == OfferKind::LumpSum));
    assert!(view.variants.iter().any(|v| v.kind == OfferKind::Custom));
    for v in &view.variants {
        let sum: Decimal = v.schedule.iter().map(|i| i.amount).sum();
        assert_eq!(sum, v.total, "{:?}", v.kind);
        assert!(v.schedule.windows(2).all(|w| w[0].due_on < w[1].due_on));
    }
    let custom = view
        .variants
        .iter()
        .find(|v| v.kind == OfferKind::Custom)
        .unwrap();
    // Due day 31 falls on the last day of shorter months.
    assert!(custom.schedule.iter().filter(|i| i.number > 0).all(|i| {
        let next = i.due_on.succ_opt().unwrap();
        next.month0() != i.due_on.month0()
    }));

    let saved = app::offers::save_offer(
        &mut store,
        today().and_hms_opt(12, 0, 0).unwrap(),
        uuid::Uuid::from_u128(42),
        &SaveOfferRequest {
            form: f.clone(),
            kind: OfferKind::LowestInstallment,
            reason: None,
        },
    )
    .unwrap();
    let lowest = view
        .variants
        .iter()
        .find(|v| v.kind == OfferKind::LowestInstallment)
        .unwrap();
    assert_eq!(saved.needs_approval, !lowest.approval.is_empty());
    let pending = store.outbox(OutboxState::Pending).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].kind, "offer");
    let m: sync_proto::Mutation = serde_json::from_str(&pending[0].payload).unwrap();
    let body: sync_proto::OfferBody = serde_json::from_value(m.body).unwrap();
    assert_eq!(body.total, lowest.total);
    assert_eq!(
        body.schedule.iter().map(|(_, a)| *a).sum::<Decimal>(),
        lowest.total
    );
    let file = store.case_file(row.id).unwrap().unwrap();
    assert!(file
        .activities
        .iter()
        .any(|a| a.id.0 == uuid::Uuid::from_u128(42) && a.summary.starts_with("Propozycja ugody")));
}

/// Issue #17 point 2: three taps on "Zapisz propozycję" (three requests,
/// three fresh mutation ids) make one offer on the timeline and one upload;
/// the same terms with a written reason are a new offer.
#[test]
fn the_same_offer_saved_three_times_is_one_offer() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = create_demo_replica(
        &dir.path().join("r.sqlite"),
        &DemoReplica {
            seed: 4,
            cases: 40,
            advisors: 1,
            today: today(),
        },
    )
    .unwrap();
    let rows = store.search(&store::CaseQuery::default()).unwrap();
    let row = rows
        .iter()
        .find(|r| r.outstanding.amount() > Decimal::new(3_000_00, 2))
        .unwrap();
    let plain = app::offers::build_offers(&store, today(), &form(&row.id.to_string()))
        .unwrap()
        .variants
        .into_iter()
        .find(|v| !v.requires_reason)
        .unwrap()
        .kind;
    let req = |f: OfferForm| SaveOfferRequest {
        form: f,
        kind: plain,
        reason: None,
    };
    let now = today().and_hms_opt(12, 0, 0).unwrap();
    let ids: Vec<String> = (1..=3)
        .map(|n| {
            app::offers::save_offer(
                &mut store,
                now,
                uuid::Uuid::from_u128(n),
                &req(form(&row.id.to_string())),
            )
            .unwrap()
            .offer_id
        })
        .collect();
    assert_eq!(ids, vec![uuid::Uuid::from_u128(1).to_string(); 3]);
    assert_eq!(store.outbox(OutboxState::Pending).unwrap().len(), 1);
    assert_eq!(store.saved_offers(row.id).unwrap().len(), 1);
    let offers_on_timeline = |store: &store::Store| {
        store
            .case_file(row.id)
            .unwrap()
            .unwrap()
            .activities
            .iter()
            .filter(|a| a.summary.starts_with("Propozycja ugody"))
            .count()
    };
    assert_eq!(offers_on_timeline(&store), 1);

    let mut other = req(form(&row.id.to_string()));
    other.reason = Some("klient sprzeda samochód".into());
    let second =
        app::offers::save_offer(&mut store, now, uuid::Uuid::from_u128(4), &other).unwrap();
    assert_eq!(second.offer_id, uuid::Uuid::from_u128(4).to_string());
    assert_eq!(store.outbox(OutboxState::Pending).unwrap().len(), 2);
    assert_eq!(offers_on_timeline(&store), 2);
}

#[test]
fn bad_input_gets_a_field_and_a_code_and_stretching_offers_need_a_reason() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = create_demo_replica(
        &dir.path().join("r.sqlite"),
        &DemoReplica {
            seed: 4,
            cases: 40,
            advisors: 1,
            today: today(),
        },
    )
    .unwrap();
    let row = store
        .search(&store::CaseQuery::default())
        .unwrap()
        .into_iter()
        .next()
        .unwrap();
    let mut f = form(&row.id.to_string());
    f.food = "1 100,555".into();
    assert_eq!(
        app::offers::build_offers(&store, today(), &f),
        Err(CommandError::Invalid {
            field: api::Field::Food,
            code: api::Reason::Amount(api::AmountProblem::Format)
        })
    );
    f.food = "-5".into();
    assert!(matches!(
        app::offers::build_offers(&store, today(), &f),
        Err(CommandError::Invalid {
            field: api::Field::Food,
            ..
        })
    ));
    // No disposable income: variants are still built, and saving one needs a reason.
    let mut f = form(&row.id.to_string());
    f.income = "1 000".into();
    let view = app::offers::build_offers(&store, today(), &f).unwrap();
    let v = view
        .variants
        .iter()
        .find(|v| v.kind == OfferKind::LowestInstallment)
        .unwrap();
    assert_eq!(v.verdict, Verdict::Unaffordable);
    let now = today().and_hms_opt(12, 0, 0).unwrap();
    let req = |reason: Option<&str>| SaveOfferRequest {
        form: f.clone(),
        kind: OfferKind::LowestInstallment,
        reason: reason.map(str::to_owned),
    };
    assert_eq!(
        app::offers::save_offer(&mut store, now, uuid::Uuid::from_u128(1), &req(None)),
        Err(CommandError::Invalid {
            field: api::Field::Reason,
            code: api::Reason::ReasonMissing
        })
    );
    assert_eq!(
        app::offers::save_offer(&mut store, now, uuid::Uuid::from_u128(2), &req(Some("   "))),
        Err(CommandError::Invalid {
            field: api::Field::Reason,
            code: api::Reason::ReasonBlank
        })
    );
    assert_eq!(store.outbox_counts().unwrap(), (0, 0), "nothing was queued");
    app::offers::save_offer(
        &mut store,
        now,
        uuid::Uuid::from_u128(3),
        &req(Some("Syn dokłada 600 zł miesięcznie")),
    )
    .unwrap();
    assert_eq!(store.outbox_counts().unwrap(), (1, 0));
}
