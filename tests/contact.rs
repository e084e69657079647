//! Contact data as proposals end to end (issue 11), on SQLite and on
//! PostgreSQL: a proposal recorded offline on a real replica (a bad phone
//! refused on its field first, nothing written) arrives exactly once and
//! is shown as proposed; the back office lists it, accepts one change and
//! rejects another with a comment, once (a second decision is a 409);
//! after the next sync the advisor's replica holds the accepted phone as
//! the case's data and the rejected change with its comment. Hand-made
//! uploads with a real advisor's token are rejected with a reason, never
//! 5xx, and change nothing.

mod common;

use api::{
    CommandError, ContactChangeForm, ContactChangeKind, ContactForm, Field, ProposalState, Reason,
    ValueProblem,
};
use app::SeqIds;
use common::{now, today, Backend, PASSWORD};
use server::admin_paths;
use store::Store;
use sync_client::HttpTransport;
use sync_proto::*;
use uuid::Uuid;

on_both!(
    a_proposal_made_offline_arrives_once_and_the_back_offices_answer_reaches_the_device,
    hostile_proposals_are_rejected_with_a_reason_never_5xx,
);

impl Backend {
    /// An open case of the first advisor, by position.
    fn open_case(&self, n: usize) -> CaseFileDto {
        let mut held = self.held();
        held.retain(|c| c.status != "closed");
        held.swap_remove(n)
    }
}

fn phone_change(number: &str, primary: bool) -> ContactChangeForm {
    ContactChangeForm {
        number: number.into(),
        primary,
        ..ContactChangeForm::new(ContactChangeKind::Phone)
    }
}

fn email_change(address: &str) -> ContactChangeForm {
    ContactChangeForm {
        email: address.into(),
        ..ContactChangeForm::new(ContactChangeKind::Email)
    }
}

fn a_proposal_made_offline_arrives_once_and_the_back_offices_answer_reaches_the_device(
    h: &Backend,
) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&h.url).unwrap();
    let mut ids = SeqIds {
        prefix: 11,
        next: 0,
    };
    app::login::login(
        &mut store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet",
    )
    .unwrap();
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    let file = h.open_case(0);
    let lines_before = file.activities.len();
    let case = api::CaseRequest {
        case_id: file.id.to_string(),
    };

    // Offline. A number two digits short is refused on its field with the
    // validator's Polish sentence, and nothing is written.
    let mut form = ContactForm {
        case_id: file.id.to_string(),
        visit_id: None,
        changes: vec![
            phone_change("601 23", true),
            email_change("anna.nowak@example.pl"),
        ],
        note: "Klientka podała nowy numer przy drzwiach".into(),
    };
    let at = today().and_hms_opt(9, 40, 0).unwrap();
    let id = Uuid::from_u128(0xC0_0001);
    let e = app::contact::propose_contact(&mut store, at, id, &form).unwrap_err();
    assert_eq!(
        e,
        CommandError::invalid(
            Field::ContactPhone,
            Reason::Value(ValueProblem::PhoneLength)
        )
    );
    assert_eq!(
        api::labels::error(api::labels::Lang::Pl, &e),
        "Polski numer telefonu ma 9 cyfr."
    );
    assert_eq!(store.outbox_counts().unwrap().0, 0, "nothing queued");
    // Fixed, it is saved as proposed, normalized, on the case and its
    // timeline.
    form.changes[0].number = "+48 601 234 567".into();
    let saved = app::contact::propose_contact(&mut store, at, id, &form).unwrap();
    assert_eq!(
        saved.line,
        "Propozycja zmiany danych kontaktowych: telefon +48 601 234 567 (nowy), główny; e-mail anna.nowak@example.pl (nowy)"
    );
    let detail = app::get_case::get_case(&store, today(), &case).unwrap();
    assert_eq!(detail.contacts.len(), 1);
    assert!(detail.contacts[0]
        .changes
        .iter()
        .all(|c| c.state == ProposalState::Proposed));
    let line = detail
        .timeline
        .iter()
        .find(|l| l.summary == saved.line)
        .unwrap();
    assert_eq!(line.contact, Some(ProposalState::Proposed));

    // Sync twice: it arrives once.
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (1, 0), "{r:?}");
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!(r.uploaded, 0);
    assert_eq!(
        server_storage::Audit::mutation_count(h.storage.as_ref(), id).unwrap(),
        1
    );
    let stored = h.stored(file.id);
    assert_eq!(stored.activities.len(), lines_before + 1);
    assert_eq!(stored.contacts.len(), 1);
    assert_eq!(
        stored.contacts[0].body.changes[0].number.as_deref(),
        Some("+48601234567"),
        "the server keeps the normalized number"
    );
    assert_eq!(stored.contacts[0].received_at, Some(now()));
    let phones_before = stored.debtor.phones.len();

    // The back office sees it once; an advisor may not look.
    let advisor = h.token("doradca1", 0xA1);
    let (status, _) = h.post(&advisor, admin_paths::CONTACTS, &serde_json::json!({}));
    assert_eq!(status, 403);
    let office = h.token("biuro", 0xB1);
    let (status, text) = h.post(&office, admin_paths::CONTACTS, &serde_json::json!({}));
    assert_eq!(status, 200, "{text}");
    let open: OpenContactsResponse = serde_json::from_str(&text).unwrap();
    assert_eq!(open.proposals.len(), 1);
    assert_eq!(open.proposals[0].record.id, id);
    assert_eq!(open.proposals[0].case_number, file.number);
    // Paged by case: the second page is empty; a page is 1 to 100 cases.
    let (_, text) = h.post(
        &office,
        admin_paths::CONTACTS,
        &serde_json::json!({ "offset": 1, "limit": 1 }),
    );
    let next: OpenContactsResponse = serde_json::from_str(&text).unwrap();
    assert!(next.proposals.is_empty());
    for bad in [
        serde_json::json!({ "limit": 0 }),
        serde_json::json!({ "limit": 101 }),
        serde_json::json!({ "offset": -1 }),
    ] {
        assert_eq!(h.post(&office, admin_paths::CONTACTS, &bad).0, 400, "{bad}");
    }

    // Accept the phone, reject the e-mail; a rejection needs a comment.
    let decide = |decisions: serde_json::Value| {
        h.post(
            &office,
            admin_paths::CONTACTS_DECIDE,
            &serde_json::json!({ "case_id": file.id, "proposal_id": id, "decisions": decisions }),
        )
    };
    let (status, text) = decide(serde_json::json!([{ "index": 1, "verdict": "reject" }]));
    assert_eq!(status, 400, "{text}");
    let (status, text) = decide(serde_json::json!([
        { "index": 0, "verdict": "accept" },
        { "index": 1, "verdict": "reject", "comment": "Adres nie należy do klientki" },
    ]));
    assert_eq!(status, 200, "{text}");
    let record: ContactRecordDto = serde_json::from_str(&text).unwrap();
    assert_eq!(record.states[0].state, FieldStateCode::Accepted);
    assert_eq!(record.states[1].state, FieldStateCode::Rejected);
    assert_eq!(record.states[1].by, "Biuro Obsługi");
    // Decided once: a second decision is a conflict and changes nothing.
    let (status, text) =
        decide(serde_json::json!([{ "index": 0, "verdict": "reject", "comment": "jednak nie" }]));
    assert_eq!(status, 409, "{text}");
    let (_, text) = h.post(&office, admin_paths::CONTACTS, &serde_json::json!({}));
    let open: OpenContactsResponse = serde_json::from_str(&text).unwrap();
    assert!(open.proposals.is_empty(), "nothing left to decide");

    let stored = h.stored(file.id);
    assert_eq!(stored.debtor.phones.len(), phones_before + 1);
    let primary: Vec<_> = stored.debtor.phones.iter().filter(|p| p.primary).collect();
    assert_eq!(primary.len(), 1);
    assert_eq!(primary[0].number, "+48601234567");
    assert!(!stored
        .debtor
        .emails
        .iter()
        .any(|e| e.address == "anna.nowak@example.pl"));
    assert_eq!(
        stored.activities.len(),
        lines_before + 2,
        "one decision line"
    );

    // The next sync brings the answer to the advisor's replica.
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    let detail = app::get_case::get_case(&store, today(), &case).unwrap();
    let p = detail
        .debtor
        .phones
        .iter()
        .find(|p| p.number == "+48601234567")
        .expect("the accepted phone is the case's data");
    assert!(p.primary);
    assert_eq!(detail.debtor.phones.iter().filter(|p| p.primary).count(), 1);
    assert!(!detail
        .debtor
        .emails
        .contains(&"anna.nowak@example.pl".to_owned()));
    let changes = &detail.contacts[0].changes;
    assert_eq!(changes[0].state, ProposalState::Accepted);
    assert_eq!(changes[1].state, ProposalState::Rejected);
    assert_eq!(changes[1].comment, "Adres nie należy do klientki");
    assert!(detail.timeline.iter().any(|l| l
        .summary
        .starts_with("Dane kontaktowe, decyzja biura: przyjęto: telefon +48 601 234 567")));
    let line = detail
        .timeline
        .iter()
        .find(|l| l.summary == saved.line)
        .unwrap();
    assert_eq!(line.contact, Some(ProposalState::Accepted));
}

fn contact(id: u128, case: Uuid, body: serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "id": Uuid::from_u128(id),
        "case_id": case,
        "created_at": "2026-11-23T09:50:00",
        "kind": "contact",
        "body": body,
    })
}

fn phone(number: &str) -> serde_json::Value {
    serde_json::json!({ "kind": "phone", "number": number, "phone_kind": "mobile" })
}

fn hostile_proposals_are_rejected_with_a_reason_never_5xx(h: &Backend) {
    let token = h.token("doradca1", 0xBAD);
    let file = h.open_case(1);
    let theirs = h.open_case(2);
    h.storage
        .assign(theirs.id, Some(Uuid::from_u128(0x0DD)))
        .unwrap();
    let good = serde_json::json!({ "changes": [phone("601 234 567")] });
    let with = |k: &str, v: serde_json::Value| {
        let mut b = good.clone();
        b[k] = v;
        b
    };
    let cases: Vec<(&str, serde_json::Value, Uuid, RejectCode, &str)> = vec![
        (
            "another advisor's case",
            good.clone(),
            theirs.id,
            RejectCode::CaseNotAssigned,
            "not assigned",
        ),
        (
            "an unknown kind of change",
            with(
                "changes",
                serde_json::json!([{ "kind": "fax", "number": "1" }]),
            ),
            file.id,
            RejectCode::InvalidBody,
            "Changes",
        ),
        (
            "an unknown phone kind",
            with(
                "changes",
                serde_json::json!([{ "kind": "phone", "number": "601234567", "phone_kind": "satellite" }]),
            ),
            file.id,
            RejectCode::InvalidBody,
            "Phone",
        ),
        (
            "an unknown consent channel",
            with(
                "changes",
                serde_json::json!([{ "kind": "consent", "channel": "pigeon", "granted": true,
                    "captured_at": "2026-11-23T09:40:00", "method": "in_person", "captured_by": "Jan" }]),
            ),
            file.id,
            RejectCode::InvalidBody,
            "change 0",
        ),
        (
            "a note of 10 000 characters",
            with("note", "x".repeat(10_000).into()),
            file.id,
            RejectCode::InvalidBody,
            "Note",
        ),
        (
            "1 000 phones",
            with(
                "changes",
                serde_json::Value::Array((0..1000).map(|_| phone("601 234 567")).collect()),
            ),
            file.id,
            RejectCode::InvalidBody,
            "at most 20",
        ),
        (
            "a malformed number",
            with("changes", serde_json::json!([phone("601 23")])),
            file.id,
            RejectCode::InvalidBody,
            "9 digits",
        ),
        (
            "a correction of nobody's phone",
            with(
                "changes",
                serde_json::json!([{ "kind": "phone", "target": Uuid::from_u128(0xF00),
                    "number": "601234567", "phone_kind": "mobile" }]),
            ),
            file.id,
            RejectCode::InvalidBody,
            "Target",
        ),
        (
            "a postcode 90001x",
            with(
                "changes",
                serde_json::json!([{ "kind": "address", "address_kind": "residence",
                    "street": "ul. Zielona 5", "postal_code": "90001x", "city": "Łódź" }]),
            ),
            file.id,
            RejectCode::InvalidBody,
            "00-000",
        ),
        (
            "a consent captured next year",
            with(
                "changes",
                serde_json::json!([{ "kind": "consent", "channel": "sms", "granted": true,
                    "captured_at": "2027-11-23T09:40:00", "method": "in_person", "captured_by": "Jan" }]),
            ),
            file.id,
            RejectCode::InvalidBody,
            "CapturedAt",
        ),
        (
            "a visit that is not on the case",
            with("visit", serde_json::json!(Uuid::from_u128(0x515))),
            file.id,
            RejectCode::InvalidBody,
            "no visit report",
        ),
        (
            "no changes",
            with("changes", serde_json::json!([])),
            file.id,
            RejectCode::InvalidBody,
            "Changes",
        ),
        (
            "not a body",
            serde_json::json!("telefon"),
            file.id,
            RejectCode::InvalidBody,
            "malformed",
        ),
    ];
    for (n, (what, body, case, code, says)) in cases.into_iter().enumerate() {
        let (status, receipts) = h.upload(&token, &[contact(0xC100 + n as u128, case, body)]);
        assert_eq!(status, 200, "{what}");
        match &receipts[0].outcome {
            Outcome::Rejected { code: c, reason } => {
                assert_eq!(c, &code, "{what}: {reason}");
                assert!(reason.contains(says), "{what}: {reason}");
            }
            other => panic!("{what}: {other:?}"),
        }
    }
    assert!(h.stored(file.id).contacts.is_empty(), "none applied");
    assert_eq!(h.stored(file.id).activities, file.activities);
    // An honest one still passes, once.
    let (_, receipts) = h.upload(&token, &[contact(0xC1FF, file.id, good.clone())]);
    assert_eq!(receipts[0].outcome, Outcome::Applied);
    let (_, receipts) = h.upload(&token, &[contact(0xC1FF, file.id, good)]);
    assert_eq!(receipts[0].outcome, Outcome::Duplicate);
    assert_eq!(h.stored(file.id).contacts.len(), 1);

    // The back office's endpoints refuse bad decisions with a 4xx.
    let office = h.token("biuro", 0xB2);
    let decide = |body: serde_json::Value| h.post(&office, admin_paths::CONTACTS_DECIDE, &body);
    let id = Uuid::from_u128(0xC1FF);
    for (what, body, expect) in [
        (
            "an index beyond the changes",
            serde_json::json!({ "case_id": file.id, "proposal_id": id,
                "decisions": [{ "index": 5, "verdict": "accept" }] }),
            400,
        ),
        (
            "an unknown verdict",
            serde_json::json!({ "case_id": file.id, "proposal_id": id,
                "decisions": [{ "index": 0, "verdict": "maybe" }] }),
            400,
        ),
        (
            "a proposal not on the case",
            serde_json::json!({ "case_id": file.id, "proposal_id": Uuid::from_u128(1),
                "decisions": [{ "index": 0, "verdict": "accept" }] }),
            404,
        ),
        (
            "no such case",
            serde_json::json!({ "case_id": Uuid::from_u128(2), "proposal_id": id,
                "decisions": [{ "index": 0, "verdict": "accept" }] }),
            404,
        ),
        ("not a request", serde_json::json!([1]), 400),
    ] {
        let (status, text) = decide(body);
        assert_eq!(status, expect, "{what}: {text}");
    }
}
