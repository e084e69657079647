//! Backend uploads (issue "Offers and settlements that the law and the
//! server can trust"): hand-made mutations sent with a real advisor's token
//! to a real server, on SQLite and on PostgreSQL. Each is rejected with a
//! reason or becomes a pending request; none is applied as sent, none
//! answers 5xx; an honest offer still passes.

mod common;

use chrono::{NaiveDate, NaiveDateTime};
use common::{now, today, Backend, PASSWORD};
use domain::offer::{Budget, Expenses, OfferInputs, OfferRequest, VariantKind};
use domain::Money;
use rust_decimal::Decimal;
use std::str::FromStr;
use sync_client::HttpTransport;
use sync_proto::*;
use uuid::Uuid;

on_both!(
    an_honest_offer_is_taken_and_beyond_authority_waits_for_the_team_lead,
    an_offer_whose_numbers_are_not_the_engines_is_rejected,
    limits_crossed_are_the_servers_finding_not_the_devices,
    out_of_range_amounts_and_dates_are_rejected_never_5xx,
    a_back_office_case_with_amounts_out_of_range_is_refused,
    a_note_keeps_the_devices_time_and_the_servers_beside_it,
    a_settlement_is_the_agreement_of_one_offer_of_its_case_signed_once,
    a_settlement_of_an_offer_waiting_for_or_refused_approval_is_refused,
    an_amendment_reschedules_what_is_unpaid_under_the_agreement_in_force,
    hostile_reference_rates_are_refused_with_the_reason_never_5xx,
    an_added_reference_rate_caps_offers_from_its_day_and_not_before,
);

impl Backend {
    /// A token of `login` on a device of its own.
    fn login(&self, login: &str) -> String {
        self.token(login, 0xD0 + login.len() as u128)
    }

    /// An open case of the advisor, as the server holds it.
    fn case(&self, n: usize) -> CaseFileDto {
        let a = self.portfolio.advisors[0].id.0;
        let mut held = server_storage::Audit::cases_of(self.storage.as_ref(), a).unwrap();
        held.retain(|c| c.status != "closed" && !c.debts.is_empty());
        held.swap_remove(n)
    }
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn date(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The inputs an advisor types: 6 000 zł income, 3 400 zł essential
/// expenses, paying on the 10th.
fn inputs(today: NaiveDate) -> OfferInputs {
    let m = |s: &str| Money::new(d(s));
    OfferInputs {
        today,
        budget: Budget {
            income: m("6000.00"),
            expenses: Expenses {
                housing: m("1500.00"),
                utilities: m("400.00"),
                food: m("1200.00"),
                transport: m("300.00"),
                dependants: m("0.00"),
                other_debts: m("0.00"),
            },
        },
        due_day: 10,
        custom: None,
    }
}

/// What an honest device sends for the variant `kind` on `file` (as the app
/// builds it), or `None` when the engine makes no such variant.
fn honest(file: &CaseFileDto, kind: VariantKind) -> Option<OfferBody> {
    honest_under(file, kind, &OfferPolicyDto::standard())
}

/// As [`honest`], for a device that holds `policy` (with its table of
/// reference rates).
fn honest_under(
    file: &CaseFileDto,
    kind: VariantKind,
    policy: &OfferPolicyDto,
) -> Option<OfferBody> {
    let case = domain::CaseFile::try_from(file).unwrap();
    let inputs = inputs(today());
    let request =
        OfferRequest::for_case(&case, inputs.clone(), policy.policy(), policy.authority());
    let v = domain::offer::propose(&request)
        .unwrap()
        .variants
        .into_iter()
        .find(|v| v.kind == kind)?;
    Some(OfferBody::of(
        &v,
        v.requires_reason.then(|| "Klient ma stałe dochody".into()),
        "Propozycja ugody".into(),
        OfferTermsDto::from_inputs(&inputs),
    ))
}

fn offer(id: u128, case: Uuid, at: NaiveDateTime, body: &OfferBody) -> serde_json::Value {
    serde_json::json!({
        "id": Uuid::from_u128(id),
        "case_id": case,
        "created_at": at,
        "kind": "offer",
        "body": body,
    })
}

/// The upload answered 200 with one receipt, a rejection with a reason, and
/// nothing of it reached the case.
fn assert_rejected(h: &Backend, token: &str, m: serde_json::Value, what: &str) {
    let id: Uuid = serde_json::from_value(m["id"].clone()).unwrap();
    let case: Uuid = serde_json::from_value(m["case_id"].clone()).unwrap();
    let before = h.storage.case(case).unwrap();
    let (status, receipts) = h.upload(token, &[m]);
    assert_eq!(status, 200, "{what}: answered {status}");
    assert_eq!(receipts.len(), 1, "{what}");
    match &receipts[0].outcome {
        Outcome::Rejected { code, reason } => {
            assert_eq!(*code, RejectCode::InvalidBody, "{what}: {reason}");
            assert!(!reason.is_empty(), "{what}: a reason");
        }
        other => panic!("{what}: {other:?}"),
    }
    assert_eq!(
        h.storage.case(case).unwrap(),
        before,
        "{what}: case unchanged"
    );
    assert!(
        h.storage.applied_mutation(id).unwrap().is_none(),
        "{what}: not applied"
    );
}

fn an_honest_offer_is_taken_and_beyond_authority_waits_for_the_team_lead(h: &Backend) {
    let token = h.login("doradca1");
    let lead = server::seed::TEAM_LEAD_ID;
    // Find a case with a variant within authority and one beyond it.
    let mut within = None;
    let mut beyond = None;
    for n in 0..10 {
        let file = h.case(n);
        for kind in [
            VariantKind::LumpSum,
            VariantKind::FitsBudget,
            VariantKind::LowestInstallment,
        ] {
            if let Some(body) = honest(&file, kind) {
                let slot = if body.approval.is_empty() {
                    &mut within
                } else {
                    &mut beyond
                };
                if slot.is_none() {
                    *slot = Some((file.id, body));
                }
            }
        }
    }
    let (case_a, within) = within.expect("an offer within authority");
    let (case_b, beyond) = beyond.expect("an offer beyond authority");
    let (status, receipts) = h.upload(
        &token,
        &[
            offer(1, case_a, now(), &within),
            offer(2, case_b, now(), &beyond),
        ],
    );
    assert_eq!(status, 200);
    assert_eq!(receipts[0].outcome, Outcome::Applied, "{receipts:?}");
    assert_eq!(receipts[1].outcome, Outcome::Applied, "{receipts:?}");
    let pending = h.storage.pending_offers(lead).unwrap();
    assert_eq!(
        pending.iter().map(|r| r.id).collect::<Vec<_>>(),
        [Uuid::from_u128(2)],
        "only the offer beyond authority waits"
    );
    assert!(h
        .storage
        .case(case_a)
        .unwrap()
        .unwrap()
        .activities
        .iter()
        .any(|a| a.id == Uuid::from_u128(1)));
}

fn an_offer_whose_numbers_are_not_the_engines_is_rejected(h: &Backend) {
    let token = h.login("doradca1");
    let file = h.case(0);
    let body = honest(&file, VariantKind::FitsBudget)
        .or_else(|| honest(&file, VariantKind::LumpSum))
        .unwrap();
    let due = today() + chrono::Duration::days(7);
    // 1,00 zł for the whole debt, with no limits crossed.
    let one_zloty = OfferBody {
        total: d("1.00"),
        down_payment: d("0.00"),
        installment: d("1.00"),
        term_months: 1,
        schedule: vec![(due, d("1.00"))],
        approval: vec![],
        ..body.clone()
    };
    assert_rejected(h, &token, offer(10, file.id, now(), &one_zloty), "1,00 zł");
    // A negative installment that the next one makes up for.
    let negative = OfferBody {
        total: d("1.00"),
        schedule: vec![
            (due, d("-500.00")),
            (due + chrono::Duration::days(30), d("501.00")),
        ],
        term_months: 2,
        ..body.clone()
    };
    assert_rejected(
        h,
        &token,
        offer(11, file.id, now(), &negative),
        "-500 + 501",
    );
    // Dates out of order, and in 1999.
    let mut shuffled = body.clone();
    shuffled.schedule.reverse();
    if shuffled.schedule.len() > 1 {
        assert_rejected(
            h,
            &token,
            offer(12, file.id, now(), &shuffled),
            "dates out of order",
        );
    }
    let mut old = body.clone();
    for (when, _) in &mut old.schedule {
        *when = date(1999, 1, 10);
    }
    assert_rejected(h, &token, offer(13, file.id, now(), &old), "dates in 1999");
    // A 999-month term.
    let long = OfferBody {
        term_months: 999,
        ..body.clone()
    };
    assert_rejected(h, &token, offer(14, file.id, now(), &long), "999 months");
    // An offer without the terms it was made on.
    let bare = OfferBody {
        terms: None,
        ..body.clone()
    };
    assert_rejected(h, &token, offer(15, file.id, now(), &bare), "no terms");
    // The honest one still passes afterwards.
    let (_, receipts) = h.upload(&token, &[offer(16, file.id, now(), &body)]);
    assert_eq!(receipts[0].outcome, Outcome::Applied, "{receipts:?}");
}

fn limits_crossed_are_the_servers_finding_not_the_devices(h: &Backend) {
    let token = h.login("doradca1");
    let lead = server::seed::TEAM_LEAD_ID;
    let (file, body) = (0..10)
        .map(|n| h.case(n))
        .find_map(|f| {
            [VariantKind::LowestInstallment, VariantKind::FitsBudget]
                .into_iter()
                .filter_map(|k| honest(&f, k))
                .find(|b| !b.approval.is_empty())
                .map(|b| (f, b))
        })
        .expect("a variant beyond authority");
    // Beyond authority, sent as if within it: not applied, no request.
    let hidden = OfferBody {
        approval: vec![],
        ..body.clone()
    };
    assert_rejected(
        h,
        &token,
        offer(20, file.id, now(), &hidden),
        "limits hidden",
    );
    // A limit code that does not exist.
    let mut made_up = body.clone();
    made_up
        .approval
        .push(ApprovalLimit::from_code("free_money"));
    assert_rejected(
        h,
        &token,
        offer(21, file.id, now(), &made_up),
        "unknown limit",
    );
    assert!(h.storage.pending_offers(lead).unwrap().is_empty());
}

fn out_of_range_amounts_and_dates_are_rejected_never_5xx(h: &Backend) {
    let token = h.login("doradca1");
    let file = h.case(1);
    let body = honest(&file, VariantKind::LumpSum)
        .or_else(|| honest(&file, VariantKind::FitsBudget))
        .unwrap();
    // Amounts with one and with ten decimal places, on the wire as text.
    for (n, total) in [(30, "100.5"), (31, "100.5000000000")] {
        let mut m = offer(n, file.id, now(), &body);
        m["body"]["total"] = serde_json::json!(total);
        assert_rejected(h, &token, m, total);
    }
    // Two installments of the largest decimal (an overflow on addition).
    let max = Decimal::MAX.to_string();
    let mut m = offer(32, file.id, now(), &body);
    m["body"]["total"] = serde_json::json!(max);
    m["body"]["schedule"] = serde_json::json!([["2026-12-10", max], ["2027-01-10", max]]);
    assert_rejected(h, &token, m, "Decimal::MAX installments");
    // A budget beyond any real one, and one with ten places.
    for (n, income) in [
        (33, Decimal::MAX.to_string()),
        (34, "6000.0000000001".to_owned()),
    ] {
        let mut m = offer(n, file.id, now(), &body);
        m["body"]["terms"]["income"] = serde_json::json!(income);
        assert_rejected(h, &token, m, "income out of range");
    }
    // Made in 2019, or dated another day than it was made.
    let in_2019 = date(2019, 3, 1).and_hms_opt(10, 0, 0).unwrap();
    let mut old = body.clone();
    if let Some(t) = &mut old.terms {
        t.offered_on = in_2019.date();
    }
    assert_rejected(h, &token, offer(35, file.id, in_2019, &old), "made in 2019");
    assert_rejected(h, &token, offer(36, file.id, now(), &old), "dated 2019");
    // A due day that is no day of a month.
    let mut m = offer(37, file.id, now(), &body);
    m["body"]["terms"]["due_day"] = serde_json::json!(32);
    assert_rejected(h, &token, m, "due day 32");
}

fn a_back_office_case_with_amounts_out_of_range_is_refused(h: &Backend) {
    let office = h.login("biuro");
    let lead = h.login("kierownik");
    let mut file = h.case(2);
    let post = |token: &str, path: &str, body: &serde_json::Value| {
        reqwest::blocking::Client::new()
            .post(format!("{}{path}", h.url))
            .header(VERSION_HEADER, "1")
            .bearer_auth(token)
            .json(body)
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    for bad in [Decimal::MAX, d("-1.00"), d("1.001")] {
        file.debts[0].principal = bad;
        let status = post(
            &office,
            server::admin_paths::PUT_CASE,
            &serde_json::to_value(&file).unwrap(),
        );
        assert_eq!(status, 400, "principal {bad}");
    }
    // Nothing was stored, so the team lead's page still answers.
    assert_eq!(post(&lead, paths::TEAM_OFFERS, &serde_json::json!({})), 200);
}

fn a_note_keeps_the_devices_time_and_the_servers_beside_it(h: &Backend) {
    let token = h.login("doradca1");
    let file = h.case(3);
    let in_2019 = date(2019, 3, 1).and_hms_opt(10, 0, 0).unwrap();
    let note = serde_json::json!({
        "id": Uuid::from_u128(40),
        "case_id": file.id,
        "created_at": in_2019,
        "kind": "note",
        "body": { "text": "Klient nie otworzył" },
    });
    let (status, receipts) = h.upload(&token, &[note]);
    assert_eq!(status, 200);
    assert_eq!(receipts[0].outcome, Outcome::Applied, "{receipts:?}");
    let stored = h.storage.case(file.id).unwrap().unwrap();
    let line = stored
        .activities
        .iter()
        .find(|a| a.id == Uuid::from_u128(40))
        .unwrap();
    assert_eq!(line.at, in_2019, "the device's time, as it said");
    assert_eq!(line.received_at, Some(now()), "and the server's own");
}

// ---- Settlements: bound to one offer that may be signed, once, and to the
// agreement the server renders itself.

/// An advisor's device: a real replica, logged in (with its certificate)
/// and synced.
struct Advisor {
    store: store::Store,
    http: HttpTransport,
    token: String,
    _dir: tempfile::TempDir,
}

impl Backend {
    fn device(&self, login: &str, n: u64) -> Advisor {
        let dir = tempfile::TempDir::new().unwrap();
        let mut store = store::Store::open(&dir.path().join("replica.sqlite")).unwrap();
        let mut http = HttpTransport::new(&self.url).unwrap();
        let mut ids = app::SeqIds { prefix: n, next: 0 };
        app::login::login(&mut store, &mut http, &mut ids, login, PASSWORD, "tablet").unwrap();
        let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
        assert_eq!(r.error, None);
        let token = store.sync_value("token").unwrap().unwrap();
        Advisor {
            store,
            http,
            token,
            _dir: dir,
        }
    }
}

impl Advisor {
    fn sync(&mut self) -> app::sync_now::SyncReport {
        let r = app::sync_now::sync_now(&mut self.store, &mut self.http, now()).unwrap();
        assert_eq!(r.error, None);
        r
    }

    /// Saves an offer on the `n`th case with a debt above 3 000 zł: custom
    /// terms of `term` months with a fifth down (beyond the advisor's 24
    /// months it needs the team lead). Answers the case and the offer id.
    fn save_offer(&mut self, n: usize, term: u32, id: u128) -> (Uuid, Uuid) {
        self.save_amendment(n, term, id, None)
    }

    /// As [`Advisor::save_offer`]; with `amends`, the amendment of that
    /// agreement (custom terms without a down payment).
    fn save_amendment(
        &mut self,
        n: usize,
        term: u32,
        id: u128,
        amends: Option<Uuid>,
    ) -> (Uuid, Uuid) {
        let rows = self.store.search(&store::CaseQuery::default()).unwrap();
        let row = rows
            .iter()
            .filter(|r| r.outstanding.amount() > d("3000.00"))
            .nth(n)
            .unwrap();
        let debt = row.outstanding.amount();
        let offer = Uuid::from_u128(id);
        let saved = app::offers::save_offer(
            &mut self.store,
            now(),
            offer,
            &api::SaveOfferRequest {
                form: api::OfferForm {
                    case_id: row.id.to_string(),
                    income: "9 000".into(),
                    housing: "1 000".into(),
                    utilities: "".into(),
                    food: "".into(),
                    transport: "".into(),
                    dependants: "".into(),
                    other_debts: "".into(),
                    custom_term: Some(term),
                    custom_down_payment: if amends.is_some() {
                        String::new()
                    } else {
                        (debt / Decimal::from(5)).floor().to_string()
                    },
                    due_day: 10,
                    amends: amends.map(|a| a.to_string()),
                },
                kind: api::OfferKind::Custom,
                reason: Some("Klient wpłaci z odprawy".into()),
            },
        )
        .unwrap();
        assert_eq!(saved.needs_approval, term > 24);
        (row.id.0, offer)
    }

    fn sign(
        &mut self,
        offer: Uuid,
        id: u128,
    ) -> Result<app::settlement::SignedSettlement, api::CommandError> {
        app::settlement::sign_settlement(
            &mut self.store,
            now(),
            Uuid::from_u128(id),
            &app::settlement::SignRequest {
                offer,
                place: "Łódź".into(),
                strokes: pad(),
            },
        )
    }

    /// Where the offer's line on the case stands for signing (each case
    /// here has one saved offer, `offer`).
    fn signing(&self, case: Uuid, offer: Uuid) -> Option<api::Signing> {
        assert!(self.store.saved_offer(offer).unwrap().is_some());
        let detail = app::get_case::get_case(
            &self.store,
            today(),
            &api::CaseRequest {
                case_id: case.to_string(),
            },
        )
        .unwrap();
        detail.timeline.into_iter().find_map(|l| l.signing)
    }

    /// A settlement mutation `id` on `case` naming `offer`, signed validly
    /// with this device's own key and certificate, whose PDF is the
    /// agreement of the saved offer as built again on the replica with
    /// `tweak` applied to its variant (and `place` printed), whatever the
    /// offer's approval state: what a tampered app could send.
    fn forge(
        &mut self,
        (id, case, offer): (u128, Uuid, Uuid),
        place: &str,
        tweak: impl FnOnce(&mut domain::offer::Variant),
    ) -> serde_json::Value {
        let id = Uuid::from_u128(id);
        let saved = self.store.saved_offer(offer).unwrap().unwrap();
        let body: OfferBody = serde_json::from_str(&saved.body_json).unwrap();
        let file = self.store.case_file(saved.case_id).unwrap().unwrap();
        let (policy, authority) = app::offers::policy_in_force(&self.store).unwrap();
        let accepted = body.rebuild(&file, policy, authority, None).unwrap();
        let mut variant = accepted.variant().clone();
        tweak(&mut variant);
        let accepted = domain::offer::accept(variant, accepted.reason()).unwrap();
        let number = settlement::number(today(), id.as_bytes());
        let advisor = self.store.advisors().unwrap()[0].name.clone();
        let unsigned = settlement::render(&settlement::Agreement {
            number: &number,
            date: today(),
            place,
            creditor: &settlement::Creditor::company(),
            advisor: &advisor,
            case: &file,
            offer: &accepted,
            client_signature: &pad(),
            advisor_signature: None,
        })
        .unwrap();
        let pem = |k: &str| {
            settlement::pem_to_der(&self.store.sync_value(k).unwrap().unwrap(), "CERTIFICATE")
                .unwrap()
        };
        let (cert, ca) = (pem("device_certificate"), pem("ca_certificate"));
        let key = app::settlement::device_key(&mut self.store).unwrap();
        let pdf = settlement::sign(
            &unsigned,
            &key,
            &cert,
            &ca,
            &settlement::SignatureDetails {
                name: advisor,
                reason: "Ugoda".into(),
                location: place.into(),
                time: now().and_utc(),
            },
        )
        .unwrap();
        let sha: [u8; 32] = <sha2::Sha256 as sha2::Digest>::digest(&pdf).into();
        let body = SettlementBody::new(
            number,
            &pdf,
            &sha,
            pad().encode(),
            "Ugoda podpisana".into(),
            offer,
            "Łódź".into(),
        );
        serde_json::json!({
            "id": id, "case_id": case, "created_at": now(), "kind": "settlement", "body": body,
        })
    }
}

fn pad() -> settlement::Strokes {
    settlement::Strokes {
        width: 300.0,
        height: 100.0,
        strokes: vec![settlement::Stroke {
            points: (0..20)
                .map(|i| settlement::Point {
                    x: 10.0 + i as f32 * 13.5,
                    y: 50.0 + (i as f32 / 3.0).sin() * 30.0,
                    t: i * 20,
                })
                .collect(),
        }],
    }
}

/// The upload answered 200 with a rejection of `code`, and nothing of it
/// reached the case.
fn refused(h: &Backend, token: &str, m: serde_json::Value, code: RejectCode, what: &str) -> String {
    let id: Uuid = serde_json::from_value(m["id"].clone()).unwrap();
    let case: Uuid = serde_json::from_value(m["case_id"].clone()).unwrap();
    let before = h.storage.case(case).unwrap();
    let (status, receipts) = h.upload(token, &[m]);
    assert_eq!(status, 200, "{what}: answered {status}");
    let reason = match &receipts[0].outcome {
        Outcome::Rejected { code: c, reason } => {
            assert_eq!(*c, code, "{what}: {reason}");
            reason.clone()
        }
        other => panic!("{what}: {other:?}"),
    };
    assert_eq!(
        h.storage.case(case).unwrap(),
        before,
        "{what}: case unchanged"
    );
    assert!(
        h.storage.applied_mutation(id).unwrap().is_none(),
        "{what}: not applied"
    );
    reason
}

fn a_settlement_is_the_agreement_of_one_offer_of_its_case_signed_once(h: &Backend) {
    let mut a = h.device("doradca1", 1);
    let (case, offer) = a.save_offer(0, 12, 0x0FFE_0001);
    let (other_case, _) = a.save_offer(1, 12, 0x0FFE_0002);
    a.sync();
    let token = a.token.clone();

    // Validly signed by the device, but the document says 1,00 zł.
    let cheap = a.forge((0x5E_0001, case, offer), "Łódź", |v| {
        let first = v.schedule[0];
        v.total = Money::new(d("1.00"));
        v.schedule = vec![domain::offer::Installment {
            amount: Money::new(d("1.00")),
            ..first
        }];
    });
    let why = refused(
        h,
        &token,
        cheap,
        RejectCode::DocumentMismatch,
        "a 1,00 zł agreement",
    );
    assert!(why.contains("not the agreement"), "{why}");
    // The place printed is not the place the body states.
    let elsewhere = a.forge((0x5E_0002, case, offer), "Zgierz", |_| {});
    refused(
        h,
        &token,
        elsewhere,
        RejectCode::DocumentMismatch,
        "another place printed",
    );
    // No offer named (an older app).
    let mut unnamed = a.forge((0x5E_0003, case, offer), "Łódź", |_| {});
    unnamed["body"].as_object_mut().unwrap().remove("offer_id");
    refused(
        h,
        &token,
        unnamed,
        RejectCode::InvalidBody,
        "no offer named",
    );
    // The agreement as the server would write it, uploaded on another case.
    let moved = a.forge((0x5E_0004, other_case, offer), "Łódź", |_| {});
    refused(
        h,
        &token,
        moved,
        RejectCode::OfferNotSignable,
        "another case's offer",
    );

    // The honest device: signed at the door, accepted, the line the server's.
    assert_eq!(
        a.signing(case, offer),
        Some(api::Signing::Ready {
            offer_id: offer.to_string()
        })
    );
    let signed = a.sign(offer, 0x5E_0010).unwrap();
    assert_eq!(a.signing(case, offer), Some(api::Signing::Signed));
    let r = a.sync();
    assert_eq!((r.pending, r.needs_attention), (0, 0), "{r:?}");
    let line = h
        .storage
        .case(case)
        .unwrap()
        .unwrap()
        .activities
        .into_iter()
        .find(|l| l.id == Uuid::from_u128(0x5E_0010))
        .expect("the settlement on the timeline");
    assert!(
        line.summary
            .starts_with(&format!("Ugoda nr {} podpisana: razem ", signed.number)),
        "{}",
        line.summary
    );

    // Once per offer: on the device, and on the server under a new id.
    assert_eq!(
        a.sign(offer, 0x5E_0011).unwrap_err(),
        api::CommandError::invalid(api::Field::Offer, api::Reason::AlreadySigned)
    );
    let again = a.forge((0x5E_0012, case, offer), "Łódź", |_| {});
    refused(
        h,
        &token,
        again,
        RejectCode::AlreadySigned,
        "a second settlement of the offer",
    );
}

fn a_settlement_of_an_offer_waiting_for_or_refused_approval_is_refused(h: &Backend) {
    let mut a = h.device("doradca1", 1);
    let mut lead = h.device("kierownik", 2);
    let (rejected_case, to_reject) = a.save_offer(0, 36, 0x0FFE_0011);
    let (approved_case, to_approve) = a.save_offer(1, 36, 0x0FFE_0012);
    a.sync();
    let token = a.token.clone();

    // Waiting: no pad on the device, and the server refuses a signed one.
    assert_eq!(
        a.signing(approved_case, to_approve),
        Some(api::Signing::NotYet)
    );
    assert_eq!(
        a.sign(to_approve, 0x5E_0020).unwrap_err(),
        api::CommandError::invalid(api::Field::Offer, api::Reason::NeedsApproval)
    );
    let early = a.forge((0x5E_0021, approved_case, to_approve), "Łódź", |_| {});
    let why = refused(
        h,
        &token,
        early,
        RejectCode::OfferNotSignable,
        "a pending offer",
    );
    assert!(why.contains("waits for the team lead"), "{why}");

    // The team lead rejects one and approves the other.
    for (offer, decision, comment) in [
        (
            to_reject,
            api::DecisionKind::Reject,
            "Za długi okres spłaty",
        ),
        (to_approve, api::DecisionKind::Approve, ""),
    ] {
        app::team::team_decide(
            &lead.store,
            &mut lead.http,
            &api::DecideForm {
                request_id: offer.to_string(),
                decision,
                comment: comment.into(),
            },
        )
        .unwrap();
    }
    a.sync();

    // Rejected: still no pad, and still refused.
    assert_eq!(
        a.signing(rejected_case, to_reject),
        Some(api::Signing::NotYet)
    );
    assert_eq!(
        a.sign(to_reject, 0x5E_0022).unwrap_err(),
        api::CommandError::invalid(api::Field::Offer, api::Reason::Rejected)
    );
    let late = a.forge((0x5E_0023, rejected_case, to_reject), "Łódź", |_| {});
    let why = refused(
        h,
        &token,
        late,
        RejectCode::OfferNotSignable,
        "a rejected offer",
    );
    assert!(why.contains("rejected"), "{why}");

    // Approved: the pad opens under it, the client signs, the server takes it.
    assert_eq!(
        a.signing(approved_case, to_approve),
        Some(api::Signing::Ready {
            offer_id: to_approve.to_string()
        })
    );
    a.sign(to_approve, 0x5E_0024).unwrap();
    let r = a.sync();
    assert_eq!((r.pending, r.needs_attention), (0, 0), "{r:?}");
    assert!(h
        .storage
        .applied_mutation(Uuid::from_u128(0x5E_0024))
        .unwrap()
        .is_some());
}

/// The agreement in force as the case shows it on the device.
fn in_force(a: &Advisor, case: Uuid) -> Option<api::AgreementView> {
    app::get_case::get_case(
        &a.store,
        today(),
        &api::CaseRequest {
            case_id: case.to_string(),
        },
    )
    .unwrap()
    .in_force
}

fn an_amendment_reschedules_what_is_unpaid_under_the_agreement_in_force(h: &Backend) {
    let mut a = h.device("doradca1", 1);
    let (case, first) = a.save_offer(0, 12, 0x0FFE_0021);
    a.sign(first, 0x5E_0031).unwrap();
    a.sync();
    let agreement = Uuid::from_u128(0x5E_0031);
    assert!(h.storage.applied_mutation(agreement).unwrap().is_some());
    let signed = in_force(&a, case).expect("the agreement in force");
    assert_eq!(signed.settlement_id, agreement.to_string());
    assert!(!signed.amendment);
    assert_eq!(signed.unpaid, signed.total);

    // The back office books a payment of 500,00 zł made today.
    let mut file = h.storage.case(case).unwrap().unwrap();
    file.payments.push(PaymentDto {
        id: Uuid::from_u128(0xFA_0001),
        paid_on: today(),
        amount: d("500.00"),
        channel: "bank_transfer".into(),
    });
    h.storage.put_case(&file).unwrap();
    a.sync();
    let unpaid = signed.total - d("500.00");
    assert_eq!(in_force(&a, case).unwrap().unpaid, unpaid);

    // A crafted amendment that reschedules the whole total, as if nothing
    // had been paid, is not the engine's.
    let token = a.token.clone();
    let wrong = {
        let file = a.store.case_file(domain::CaseId(case)).unwrap().unwrap();
        let (policy, authority) = app::offers::policy_in_force(&a.store).unwrap();
        let agreed = domain::offer::InForce {
            signed_on: today(),
            total: Money::new(signed.total),
            voluntary_only: false,
        };
        let mut inputs = inputs(today());
        inputs.custom = Some(domain::offer::CustomTerms {
            term_months: 20,
            down_payment: Money::ZERO,
            discount: Money::ZERO,
            due_day: 10,
            pause_months: 0,
            interest_freeze: false,
        });
        let request = OfferRequest::for_case(&file, inputs.clone(), policy, authority)
            .amending(&agreed, Money::new(signed.total));
        let v = domain::offer::propose(&request)
            .unwrap()
            .variants
            .into_iter()
            .find(|v| v.kind == VariantKind::Custom)
            .unwrap();
        OfferBody::of(
            &v,
            Some("x".into()),
            "x".into(),
            OfferTermsDto::from_inputs(&inputs),
        )
        .amending(agreement)
    };
    assert_rejected(
        h,
        &token,
        offer(0x0FFE_0022, case, now(), &wrong),
        "the whole total rescheduled",
    );

    // The honest amendment: what is unpaid, in 20 months, no interest.
    let (_, amendment) = a.save_amendment(0, 20, 0x0FFE_0023, Some(agreement));
    let view = app::offers::build_offers(
        &a.store,
        today(),
        &api::OfferForm {
            case_id: case.to_string(),
            income: "9 000".into(),
            housing: "1 000".into(),
            custom_term: Some(20),
            due_day: 10,
            amends: Some(agreement.to_string()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        view.debt.total, unpaid,
        "the offer screen shows what is unpaid"
    );
    a.sign(amendment, 0x5E_0032).unwrap();
    a.sync();
    let line = h
        .storage
        .case(case)
        .unwrap()
        .unwrap()
        .activities
        .into_iter()
        .find(|l| l.id == Uuid::from_u128(0x5E_0032))
        .expect("the amendment on the timeline");
    assert!(line.summary.starts_with("Aneks nr "), "{}", line.summary);
    let now_in_force = in_force(&a, case).unwrap();
    assert!(now_in_force.amendment);
    assert_eq!(
        now_in_force.settlement_id,
        Uuid::from_u128(0x5E_0032).to_string()
    );
    assert_eq!(now_in_force.total, unpaid);
    assert_eq!(
        now_in_force
            .schedule
            .iter()
            .map(|i| i.amount)
            .sum::<Decimal>(),
        unpaid
    );

    // The first agreement is amended: a second amendment of it is refused.
    let again = {
        let saved = a.store.saved_offer(amendment).unwrap().unwrap();
        let mut body: OfferBody = serde_json::from_str(&saved.body_json).unwrap();
        body.amends = Some(agreement);
        body
    };
    assert_rejected(
        h,
        &token,
        offer(0x0FFE_0024, case, now(), &again),
        "amending an amended agreement",
    );
}

fn hostile_reference_rates_are_refused_with_the_reason_never_5xx(h: &Backend) {
    let admin = h.login("admin");
    let path = server::admin_paths::REFERENCE_RATES;
    let before = h.storage.reference_rates().unwrap();
    assert_eq!(
        before,
        sync_proto::reference_rate_rows(&domain::offer::ReferenceRates::nbp()),
        "seeded with the NBP decisions"
    );
    for (body, what) in [
        (
            serde_json::json!({"since": "2026-12-03", "rate": "5.75"}),
            "5.75 for 5.75 %",
        ),
        (
            serde_json::json!({"since": "2026-12-03", "rate": "1"}),
            "100 %",
        ),
        (
            serde_json::json!({"since": "2026-12-03", "rate": "-0.0025"}),
            "negative",
        ),
        (
            serde_json::json!({"since": "2026-12-03", "rate": "0.03755"}),
            "five places",
        ),
        (
            serde_json::json!({"since": "2026-12-03", "rate": "79228162514264337593543950335"}),
            "Decimal::MAX",
        ),
        (
            serde_json::json!({"since": "2026-12-03", "rate": "abc"}),
            "not a number",
        ),
        (
            serde_json::json!({"since": "2026-12-03", "rate": null}),
            "no rate",
        ),
        (
            serde_json::json!({"since": "2026-02-30", "rate": "0.035"}),
            "30 February",
        ),
        (
            serde_json::json!({"since": "03.12.2026", "rate": "0.035"}),
            "a Polish date",
        ),
        (
            serde_json::json!({"since": "1990-01-01", "rate": "0.035"}),
            "before 1998",
        ),
        (
            serde_json::json!({"since": "+262143-12-31", "rate": "0.035"}),
            "the end of time",
        ),
        (serde_json::json!({"rate": "0.035"}), "no day"),
        (serde_json::json!([1, 2]), "not an object"),
    ] {
        let (status, text) = h.post(&admin, path, &body);
        assert_eq!(status, 400, "{what}: {text}");
        let err: ErrorBody = serde_json::from_str(&text).unwrap();
        assert!(!err.message.is_empty(), "{what}: a reason");
    }
    // Only the admin keeps the table.
    let ok = serde_json::json!({"since": "2026-12-03", "rate": "0.035"});
    assert_eq!(h.post(&h.login("doradca1"), path, &ok).0, 403);
    assert_eq!(h.post(&h.login("kierownik"), path, &ok).0, 403);
    assert_eq!(h.post("not-a-token", path, &ok).0, 401);
    assert_eq!(
        h.storage.reference_rates().unwrap(),
        before,
        "nothing stored"
    );
    // An advisor's policy cannot smuggle a table of its own in.
    let mut policy = OfferPolicyDto::standard();
    policy.reference_rates = vec![ReferenceRateDto {
        since: date(2026, 1, 1),
        rate: d("0.0001"),
    }];
    let advisor = h.portfolio.advisors[0].id.0;
    let (status, text) = h.post(
        &admin,
        server::admin_paths::POLICY,
        &serde_json::json!({"advisor_id": advisor, "policy": policy}),
    );
    assert_eq!(status, 400, "{text}");
    // And a good one is taken, answering the table.
    let (status, text) = h.post(&admin, path, &ok);
    assert_eq!(status, 200, "{text}");
    let table: ReferenceRatesResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(table.rates.len(), before.len() + 1);
    assert_eq!(table.rates, h.storage.reference_rates().unwrap());
}

fn an_added_reference_rate_caps_offers_from_its_day_and_not_before(h: &Backend) {
    let admin = h.login("admin");
    let token = h.login("doradca1");
    // The advisor's policy asks 25 % plan interest: the cap decides.
    let mut policy = OfferPolicyDto::standard();
    policy.plan_interest_rate = Some(d("0.25"));
    let advisor = h.portfolio.advisors[0].id.0;
    let (status, text) = h.post(
        &admin,
        server::admin_paths::POLICY,
        &serde_json::json!({"advisor_id": advisor, "policy": policy}),
    );
    assert_eq!(status, 204, "{text}");
    let seeded = policy
        .clone()
        .with_reference_rates(h.storage.reference_rates().unwrap(), today());
    let cut = |since: NaiveDate| {
        let (status, text) = h.post(
            &admin,
            server::admin_paths::REFERENCE_RATES,
            &serde_json::json!({"since": since, "rate": "0.0325"}),
        );
        assert_eq!(status, 200, "{text}");
        let rates: ReferenceRatesResponse = serde_json::from_str(&text).unwrap();
        policy.clone().with_reference_rates(rates.rates, today())
    };
    // A case of enforceable debts only, with an installment plan.
    let file = (0..10)
        .map(|n| h.case(n))
        .find(|f| {
            let case = domain::CaseFile::try_from(f).unwrap();
            !case.has_time_barred_claim(today())
        })
        .unwrap();
    let lowest = VariantKind::LowestInstallment;
    let cap = |body: &OfferBody, p: &OfferPolicyDto| {
        let case = domain::CaseFile::try_from(&file).unwrap();
        let req = OfferRequest::for_case(&case, inputs(today()), p.policy(), p.authority());
        let v = domain::offer::propose(&req).unwrap();
        let v = v.get(lowest).unwrap();
        assert_eq!(v.total.amount(), body.total);
        v.plan_interest.unwrap().rate.maximum
    };
    // 3,25 % from tomorrow: an offer of today keeps the 3,75 % of the seed,
    // a cap of 2 × (3,75 % + 3,5 %) = 14,5 %, and is taken.
    let tomorrow = cut(today() + chrono::Days::new(1));
    let body = honest_under(&file, lowest, &seeded).unwrap();
    assert_eq!(cap(&body, &seeded), d("0.145"));
    assert_eq!(honest_under(&file, lowest, &tomorrow), Some(body.clone()));
    let (_, receipts) = h.upload(&token, &[offer(50, file.id, now(), &body)]);
    assert_eq!(receipts[0].outcome, Outcome::Applied, "not before its day");

    // 3,25 % from today: the cap is 2 × (3,25 % + 3,5 %) = 13,5 %. The
    // offer made under the old table asks more interest than the law now
    // allows and is refused with the reason; the one under the new table
    // is taken.
    let today_cut = cut(today());
    let stale = honest_under(&file, lowest, &seeded).unwrap();
    let fresh = honest_under(&file, lowest, &today_cut).unwrap();
    assert_eq!(cap(&fresh, &today_cut), d("0.135"));
    assert!(
        fresh.total < stale.total,
        "{} < {}",
        fresh.total,
        stale.total
    );
    assert_rejected(h, &token, offer(51, file.id, now(), &stale), "the old cap");
    let (_, receipts) = h.upload(&token, &[offer(52, file.id, now(), &fresh)]);
    assert_eq!(receipts[0].outcome, Outcome::Applied, "from its day");
}
