//! The consultation thread end to end (issue 12), on SQLite and on
//! PostgreSQL: questions asked offline on a real replica are delivered
//! exactly once and in order; the back office lists the thread (paged,
//! urgent first), reads it (the advisor sees "przeczytana" after the next
//! sync), answers it (a retried answer counts once), and the team lead of
//! the advisor's team answers too, while another team's lead gets 403;
//! after the next download the answers are on the replica, unread until
//! read, and the read receipt reaches the office; a closed thread refuses
//! an answer with 409 and a new question reopens it. Hand-made uploads
//! (4001 characters, empty, another advisor's case, an unknown case,
//! malformed, a read receipt of no answer) are rejected with a reason,
//! never 5xx.

mod common;

use api::{
    AskForm, CaseRequest, CommandError, Field, MessageAuthor, MessageState, OfficeAnswerForm,
    OfficeThreadsQuery, Reason, ResendRequest,
};
use app::SeqIds;
use common::{now, today, Backend, PASSWORD};
use server::admin_paths;
use store::Store;
use sync_client::HttpTransport;
use sync_proto::*;
use uuid::Uuid;

on_both!(
    questions_asked_offline_are_answered_by_the_office_and_the_team_lead,
    hostile_messages_are_rejected_with_a_reason_never_5xx,
    the_office_list_is_paged_urgent_first,
    a_question_carries_its_photos_to_the_office,
);

/// A replica logged in as `login`, synced once.
fn device(h: &Backend, login: &str, prefix: u64) -> (tempfile::TempDir, Store, HttpTransport) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&h.url).unwrap();
    let mut ids = SeqIds { prefix, next: 0 };
    app::login::login(&mut store, &mut http, &mut ids, login, PASSWORD, "tablet").unwrap();
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    (dir, store, http)
}

impl Backend {
    fn open_case(&self, n: usize) -> CaseFileDto {
        let mut held = self.held();
        held.retain(|c| c.status != "closed");
        held.swap_remove(n)
    }

    /// A team lead with no advisors of their own.
    fn other_lead(&self) {
        self.storage
            .create_user(&server_storage::User {
                id: Uuid::from_u128(0xB0_0099),
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
}

fn at(h: u32, m: u32) -> chrono::NaiveDateTime {
    today().and_hms_opt(h, m, 0).unwrap()
}

fn questions_asked_offline_are_answered_by_the_office_and_the_team_lead(h: &Backend) {
    let (_d, mut store, mut http) = device(h, "doradca1", 21);
    let file = h.open_case(0);
    let case = CaseRequest {
        case_id: file.id.to_string(),
    };
    let ask = |text: &str, urgent: bool| AskForm {
        case_id: file.id.to_string(),
        text: text.into(),
        urgent,
        photos: vec![],
    };

    // Offline: an empty question is refused on its field in Polish and
    // nothing is queued; 4001 characters too.
    let q1 = Uuid::from_u128(0x3E_0001);
    let e = app::consult::ask(&mut store, at(9, 30), q1, &ask("  \n ", false)).unwrap_err();
    assert_eq!(e, CommandError::invalid(Field::Message, Reason::Empty));
    assert_eq!(
        api::labels::error(api::labels::Lang::Pl, &e),
        "Wpisz treść wiadomości."
    );
    let e =
        app::consult::ask(&mut store, at(9, 30), q1, &ask(&"x".repeat(4001), false)).unwrap_err();
    assert_eq!(e, CommandError::invalid(Field::Message, Reason::TooLong));
    assert_eq!(store.outbox_counts().unwrap().0, 0);
    // Two questions, the first urgent, 4000 characters of "ż" pass.
    let long = "ż".repeat(4000);
    let saved = app::consult::ask(
        &mut store,
        at(9, 30),
        q1,
        &ask("Czy mogę zgodzić się na 12 rat?", true),
    )
    .unwrap();
    assert_eq!(
        saved.line,
        "Konsultacja, pytanie do biura (pilne): Czy mogę zgodzić się na 12 rat?"
    );
    let q2 = Uuid::from_u128(0x3E_0002);
    app::consult::ask(&mut store, at(9, 31), q2, &ask(&long, false)).unwrap();
    let p = app::consult::thread(&store, &case).unwrap();
    assert_eq!(
        p.messages.iter().map(|m| m.state).collect::<Vec<_>>(),
        [MessageState::Queued, MessageState::Queued]
    );
    assert_eq!(p.messages[0].written_at, at(9, 30));
    assert_eq!(p.messages[0].received_at, None);
    let rows = app::consult::threads(&store).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].waiting, 2);

    // Sync twice: delivered once each, in order, with the server's time.
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (2, 0), "{r:?}");
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!(r.uploaded, 0);
    for id in [q1, q2] {
        assert_eq!(
            server_storage::Audit::mutation_count(h.storage.as_ref(), id).unwrap(),
            1
        );
    }
    let stored = h.stored(file.id);
    let t = stored.thread.clone().unwrap();
    assert_eq!(
        t.messages.iter().map(|m| m.id).collect::<Vec<_>>(),
        [q1, q2]
    );
    assert_eq!(t.messages[0].written_at, at(9, 30), "the device's time");
    assert_eq!(t.messages[0].received_at, now(), "the server's time");
    assert_eq!(t.messages[1].text.chars().count(), 4000);
    assert!(t.urgent);
    let p = app::consult::thread(&store, &case).unwrap();
    assert_eq!(
        p.messages.iter().map(|m| m.state).collect::<Vec<_>>(),
        [MessageState::Delivered, MessageState::Delivered]
    );

    // The back office: the thread in its list, unanswered and urgent.
    let (_o, office, mut office_http) = device(h, "biuro", 31);
    let page = app::consult::office_threads(
        &office,
        &mut office_http,
        &OfficeThreadsQuery {
            offset: 0,
            limit: 20,
        },
    )
    .unwrap();
    assert_eq!(page.threads.len(), 1);
    let row = &page.threads[0];
    assert_eq!(row.case_number, file.number);
    assert!(row.urgent && row.unanswered && row.open);
    assert_eq!((row.unread, row.messages), (2, 2));
    assert_eq!(row.advisor_name, h.portfolio.advisors[0].name);
    // An advisor may not look.
    let advisor_token = h.token("doradca1", 0xA1);
    let (status, _) = h.post(
        &advisor_token,
        admin_paths::THREADS,
        &serde_json::json!({ "offset": 0, "limit": 10 }),
    );
    assert_eq!(status, 403);
    // Reading marks the questions read by the office.
    let v = app::consult::office_thread(&office, &mut office_http, &case).unwrap();
    assert_eq!(v.messages.len(), 2);
    assert!(v
        .messages
        .iter()
        .all(|m| m.state == MessageState::ReadByOffice));
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    let p = app::consult::thread(&store, &case).unwrap();
    assert!(p
        .messages
        .iter()
        .all(|m| m.state == MessageState::ReadByOffice));
    assert_eq!(
        api::labels::message_state(api::labels::Lang::Pl, p.messages[0].state),
        "przeczytana"
    );

    // The answer, retried with the same id, is recorded once.
    let answer = OfficeAnswerForm {
        case_id: file.id.to_string(),
        text: "Tak, do 12 rat bez zgody kierownika.".into(),
    };
    let a1 = Uuid::from_u128(0xA5_0001);
    let lines = h.stored(file.id).activities.len();
    app::consult::office_answer(&office, &mut office_http, a1, &answer).unwrap();
    let v = app::consult::office_answer(&office, &mut office_http, a1, &answer).unwrap();
    assert_eq!(v.messages.len(), 3);
    assert_eq!(v.messages[2].author, MessageAuthor::BackOffice);
    assert_eq!(v.messages[2].author_name, "Biuro Obsługi");
    let stored = h.stored(file.id);
    assert_eq!(
        stored.activities.len(),
        lines + 1,
        "one line for the answer"
    );
    assert_eq!(
        stored.activities.last().unwrap().summary,
        "Konsultacja, odpowiedź biura (Biuro Obsługi): Tak, do 12 rat bez zgody kierownika."
    );
    // An empty answer is refused before the call.
    let e = app::consult::office_answer(
        &office,
        &mut office_http,
        Uuid::from_u128(0xA5_0009),
        &OfficeAnswerForm {
            case_id: file.id.to_string(),
            text: " ".into(),
        },
    )
    .unwrap_err();
    assert_eq!(e, CommandError::invalid(Field::Message, Reason::Empty));

    // The team lead of the advisor's team answers too; another team's
    // lead may neither read nor answer.
    let (_l, lead, mut lead_http) = device(h, "kierownik", 41);
    let page = app::consult::office_threads(
        &lead,
        &mut lead_http,
        &OfficeThreadsQuery {
            offset: 0,
            limit: 20,
        },
    )
    .unwrap();
    assert_eq!(page.threads.len(), 1);
    let a2 = Uuid::from_u128(0xA5_0002);
    let v = app::consult::office_answer(
        &lead,
        &mut lead_http,
        a2,
        &OfficeAnswerForm {
            case_id: file.id.to_string(),
            text: "Potwierdzam.".into(),
        },
    )
    .unwrap();
    assert_eq!(v.messages[3].author, MessageAuthor::TeamLead);
    // A team lead may not close.
    assert_eq!(
        app::consult::office_close(&lead, &mut lead_http, &case).unwrap_err(),
        CommandError::Forbidden
    );
    h.other_lead();
    let other = h.token("kierownik2", 0xC2);
    let (status, text) = h.post(
        &other,
        paths::TEAM_THREADS,
        &serde_json::json!({ "offset": 0, "limit": 10 }),
    );
    assert_eq!(status, 200, "{text}");
    let page: ThreadsPage = serde_json::from_str(&text).unwrap();
    assert!(page.threads.is_empty(), "not their team's thread");
    let (status, _) = h.post(
        &other,
        paths::TEAM_THREAD,
        &serde_json::json!({ "case_id": file.id }),
    );
    assert_eq!(status, 403);
    let (status, _) = h.post(
        &other,
        paths::TEAM_THREAD_ANSWER,
        &serde_json::json!({ "case_id": file.id, "answer_id": Uuid::from_u128(0xA5_0003), "text": "Nie" }),
    );
    assert_eq!(status, 403);
    assert_eq!(h.stored(file.id).thread.unwrap().messages.len(), 4);

    // The next download brings both answers, unread, with the badge count.
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    let p = app::consult::thread(&store, &case).unwrap();
    assert_eq!(p.messages.len(), 4);
    assert_eq!(p.unread, 2);
    assert_eq!(
        p.messages[2..].iter().map(|m| m.state).collect::<Vec<_>>(),
        [MessageState::Unread, MessageState::Unread]
    );
    let rows = app::consult::threads(&store).unwrap();
    assert_eq!((rows[0].unread, rows[0].waiting), (2, 0));
    // Read on the device: read at once here, and the office sees it after
    // the next sync.
    let p = app::consult::read_answers(&mut store, at(10, 5), Uuid::from_u128(0x3E_0010), &case)
        .unwrap();
    assert_eq!(p.unread, 0);
    assert!(p.messages[2..]
        .iter()
        .all(|m| m.state == MessageState::Read));
    let again =
        app::consult::read_answers(&mut store, at(10, 6), Uuid::from_u128(0x3E_0011), &case)
            .unwrap();
    assert_eq!(again.unread, 0);
    assert_eq!(store.outbox_counts().unwrap().0, 1, "one read receipt");
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (1, 0), "{r:?}");
    let v = app::consult::office_thread(&office, &mut office_http, &case).unwrap();
    assert!(v.messages[2..]
        .iter()
        .all(|m| m.state == MessageState::Read));
    assert_eq!(v.messages[2].read_at, Some(now()));

    // Closed: an answer is a 409 with a reason; a new question reopens it.
    let v = app::consult::office_close(&office, &mut office_http, &case).unwrap();
    assert!(!v.open && !v.urgent);
    assert_eq!(v.closed_by.as_deref(), Some("Biuro Obsługi"));
    let office_token = h.token("biuro", 0xB7);
    let (status, text) = h.post(
        &office_token,
        admin_paths::THREAD_ANSWER,
        &serde_json::json!({ "case_id": file.id, "answer_id": Uuid::from_u128(0xA5_0004), "text": "Jeszcze coś" }),
    );
    assert_eq!(status, 409, "{text}");
    assert!(text.contains("closed by Biuro Obsługi"), "{text}");
    let (status, _) = h.post(
        &office_token,
        admin_paths::THREAD_CLOSE,
        &serde_json::json!({ "case_id": file.id }),
    );
    assert_eq!(status, 409, "closed once");
    let stored = h.stored(file.id);
    assert_eq!(
        stored.activities.last().unwrap().summary,
        "Konsultacja zamknięta przez Biuro Obsługi."
    );
    app::consult::ask(
        &mut store,
        at(10, 20),
        Uuid::from_u128(0x3E_0003),
        &ask("Jeszcze jedno pytanie", false),
    )
    .unwrap();
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    let p = app::consult::thread(&store, &case).unwrap();
    assert!(p.open);
    assert_eq!(p.messages.len(), 5);
    assert_eq!(p.messages[4].state, MessageState::Delivered);
}

fn hostile_messages_are_rejected_with_a_reason_never_5xx(h: &Backend) {
    let token = h.token("doradca1", 0xA2);
    let file = h.open_case(1);
    let mine = |n: u128, case: Uuid, kind: &str, body: serde_json::Value| {
        serde_json::json!({
            "id": Uuid::from_u128(0xBAD_0000 + n),
            "case_id": case,
            "created_at": now(),
            "kind": kind,
            "body": body,
        })
    };
    let other_case = h
        .portfolio
        .cases
        .iter()
        .find(|c| c.case.advisor_id != h.portfolio.advisors[0].id)
        .map(|c| c.case.id.0);
    let mut items = vec![
        mine(
            1,
            file.id,
            "message",
            serde_json::json!({ "text": "a".repeat(4001) }),
        ),
        mine(2, file.id, "message", serde_json::json!({ "text": " \t " })),
        mine(
            3,
            Uuid::from_u128(0xDEAD),
            "message",
            serde_json::json!({ "text": "Pytanie" }),
        ),
        mine(
            4,
            file.id,
            "message",
            serde_json::json!({ "txt": "Pytanie" }),
        ),
        mine(5, file.id, "message", serde_json::json!("not an object")),
        mine(
            6,
            file.id,
            "message_read",
            serde_json::json!({ "ids": [Uuid::from_u128(7)] }),
        ),
        mine(7, file.id, "message_read", serde_json::json!({ "ids": [] })),
        mine(
            8,
            file.id,
            "message",
            serde_json::json!({ "text": "x".repeat(70_000) }),
        ),
    ];
    if let Some(c) = other_case {
        items.push(mine(
            9,
            c,
            "message",
            serde_json::json!({ "text": "Pytanie" }),
        ));
    }
    let (status, receipts) = h.upload(&token, &items);
    assert_eq!(status, 200);
    assert_eq!(receipts.len(), items.len());
    let codes: Vec<RejectCode> = receipts
        .iter()
        .map(|r| match &r.outcome {
            Outcome::Rejected { code, reason } => {
                assert!(!reason.is_empty());
                code.clone()
            }
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        codes[..8],
        [
            RejectCode::InvalidBody,
            RejectCode::InvalidBody,
            RejectCode::CaseNotFound,
            RejectCode::InvalidBody,
            RejectCode::InvalidBody,
            RejectCode::UnknownMessage,
            RejectCode::InvalidBody,
            RejectCode::InvalidBody,
        ]
    );
    if other_case.is_some() {
        assert_eq!(codes[8], RejectCode::CaseNotAssigned);
    }
    match &receipts[0].outcome {
        Outcome::Rejected { reason, .. } => assert!(reason.contains("4001"), "{reason}"),
        _ => unreachable!(),
    }
    assert!(h.stored(file.id).thread.is_none(), "nothing stored");
    // The office's endpoints: malformed, unknown case, bad page size.
    let office = h.token("biuro", 0xB2);
    for (path, body, want) in [
        (
            admin_paths::THREADS,
            serde_json::json!({ "offset": 0, "limit": 0 }),
            400,
        ),
        (
            admin_paths::THREADS,
            serde_json::json!({ "offset": 0, "limit": 101 }),
            400,
        ),
        (
            admin_paths::THREADS,
            serde_json::json!({ "limit": "x" }),
            400,
        ),
        (
            admin_paths::THREAD,
            serde_json::json!({ "case_id": Uuid::from_u128(0xDEAD) }),
            404,
        ),
        (
            admin_paths::THREAD_ANSWER,
            serde_json::json!({ "case_id": file.id, "answer_id": Uuid::from_u128(1), "text": "" }),
            400,
        ),
        (
            admin_paths::THREAD_ANSWER,
            serde_json::json!({ "case_id": file.id, "answer_id": Uuid::from_u128(1), "text": "a".repeat(4001) }),
            400,
        ),
        (
            admin_paths::THREAD_ANSWER,
            serde_json::json!({ "case_id": file.id, "answer_id": Uuid::from_u128(1), "text": "Odpowiedź" }),
            409,
        ),
        (
            admin_paths::THREAD_CLOSE,
            serde_json::json!({ "case_id": file.id }),
            409,
        ),
        (
            admin_paths::THREAD_URGENT,
            serde_json::json!({ "case_id": file.id, "urgent": true }),
            409,
        ),
    ] {
        let (status, text) = h.post(&office, path, &body);
        assert_eq!(status, want, "{path} {body}: {text}");
    }

    // A refused question keeps its text on the device and is sent again.
    let (_d, mut store, mut http) = device(h, "doradca1", 22);
    let form = AskForm {
        case_id: file.id.to_string(),
        text: "Pytanie, które serwer odrzuci".into(),
        urgent: true,
        photos: vec![],
    };
    let bad = Uuid::from_u128(0x3E_0100);
    app::consult::ask(&mut store, now(), bad, &form).unwrap();
    // The device's clock was a year off: the server refuses it.
    let mut item = store.outbox(store::OutboxState::Pending).unwrap().remove(0);
    let mut m: Mutation = serde_json::from_str(&item.payload).unwrap();
    m.created_at = now() - chrono::Duration::days(400);
    item.payload = serde_json::to_string(&m).unwrap();
    store
        .outbox_mark(bad, store::OutboxState::Applied, None)
        .unwrap();
    let (_, r) = h.upload(&token, &[serde_json::to_value(&m).unwrap()]);
    let Outcome::Rejected { reason, .. } = &r[0].outcome else {
        panic!("{r:?}")
    };
    store
        .outbox_mark(bad, store::OutboxState::Rejected, Some(reason))
        .unwrap();
    let case = CaseRequest {
        case_id: file.id.to_string(),
    };
    let p = app::consult::thread(&store, &case).unwrap();
    assert_eq!(p.messages[0].state, MessageState::Rejected);
    assert_eq!(p.messages[0].text, form.text);
    assert!(p.messages[0].reason.is_some());
    let attention = app::sync_status::attention_items(&store).unwrap();
    assert_eq!(attention.len(), 1, "in \"Wymaga uwagi\"");
    assert_eq!(
        attention[0].message_id,
        Some(bad.to_string()),
        "with \"Wyślij ponownie\""
    );
    assert!(!attention[0].reason.is_empty());
    app::consult::resend(
        &mut store,
        now(),
        Uuid::from_u128(0x3E_0101),
        &ResendRequest {
            message_id: bad.to_string(),
        },
    )
    .unwrap();
    assert!(app::sync_status::attention_items(&store)
        .unwrap()
        .is_empty());
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (1, 0), "{r:?}");
    let t = h.stored(file.id).thread.unwrap();
    assert_eq!(t.messages.len(), 1);
    assert_eq!(t.messages[0].text, form.text);
    assert!(t.messages[0].urgent);
}

fn the_office_list_is_paged_urgent_first(h: &Backend) {
    let token = h.token("doradca1", 0xA3);
    let cases: Vec<CaseFileDto> = h
        .held()
        .into_iter()
        .filter(|c| c.status != "closed")
        .take(5)
        .collect();
    // Five questions, one a minute apart on the device; the third urgent.
    let items: Vec<serde_json::Value> = cases
        .iter()
        .enumerate()
        .map(|(i, c)| {
            serde_json::json!({
                "id": Uuid::from_u128(0x5E_0000 + i as u128),
                "case_id": c.id,
                "created_at": at(9, i as u32),
                "kind": "message",
                "body": { "text": format!("Pytanie {i}"), "urgent": i == 2 },
            })
        })
        .collect();
    let (status, receipts) = h.upload(&token, &items);
    assert_eq!(status, 200);
    assert!(
        receipts.iter().all(|r| r.outcome == Outcome::Applied),
        "{receipts:?}"
    );
    let office = h.token("biuro", 0xB3);
    // Answer the first: it goes after the unanswered ones.
    let (status, text) = h.post(
        &office,
        admin_paths::THREAD_ANSWER,
        &serde_json::json!({ "case_id": cases[0].id, "answer_id": Uuid::from_u128(0xA6_0001), "text": "Tak" }),
    );
    assert_eq!(status, 200, "{text}");
    let page = |offset: u32| -> ThreadsPage {
        let (status, text) = h.post(
            &office,
            admin_paths::THREADS,
            &serde_json::json!({ "offset": offset, "limit": 2 }),
        );
        assert_eq!(status, 200, "{text}");
        serde_json::from_str(&text).unwrap()
    };
    let mut seen = Vec::new();
    let mut offset = Some(0);
    let mut pages = 0;
    while let Some(o) = offset {
        let p = page(o);
        assert!(p.threads.len() <= 2);
        seen.extend(
            p.threads
                .iter()
                .map(|t| (t.case_id, t.urgent, t.unanswered)),
        );
        offset = p.next_offset;
        pages += 1;
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 5, "every thread once");
    assert_eq!(seen[0], (cases[2].id, true, true), "the urgent one first");
    assert!(
        seen[1..4].iter().all(|(_, u, un)| !u && *un),
        "then unanswered"
    );
    assert_eq!(
        seen[4],
        (cases[0].id, false, false),
        "the answered one last"
    );
    // Marked urgent by the office, the answered one comes first.
    let (status, _) = h.post(
        &office,
        admin_paths::THREAD_URGENT,
        &serde_json::json!({ "case_id": cases[0].id, "urgent": true }),
    );
    assert_eq!(status, 200);
    let p = page(0);
    assert_eq!(p.threads.len(), 2);
    let firsts: Vec<Uuid> = p.threads.iter().map(|t| t.case_id).collect();
    assert!(firsts.contains(&cases[0].id) && firsts.contains(&cases[2].id));
}

/// A question with two photos (issue 12: "optional photos as in the
/// visit"): asked offline, the photos queued after it; after the sync the
/// server holds both as the question's, the office sees "2" on the
/// question (thread and inbox); refused, the question goes again with its
/// photos under new ids. A photo naming the office's answer, or nothing
/// of the case, is refused with the reason.
fn a_question_carries_its_photos_to_the_office(h: &Backend) {
    use base64ct::{Base64, Encoding};
    let (_d, mut store, mut http) = device(h, "doradca1", 41);
    let file = h.open_case(2);
    let case = CaseRequest {
        case_id: file.id.to_string(),
    };
    let drafts: Vec<api::PhotoDraft> = (0..2)
        .map(|i| {
            app::photos::prepare_photo(&api::PhotoFile {
                name: format!("zdjecie{i}.png"),
                data: Base64::encode_string(&evidence::sample_png(1800, 1200 + 8 * i, i)),
            })
            .unwrap()
        })
        .collect();
    let q = Uuid::from_u128(0x41_0001);
    let form = AskForm {
        case_id: file.id.to_string(),
        text: "Dłużnik pokazał pismo z sądu — czy to wstrzymuje ugodę?".into(),
        urgent: false,
        photos: drafts.clone(),
    };
    app::consult::ask(&mut store, at(10, 0), q, &form).unwrap();
    let p = app::consult::thread(&store, &case).unwrap();
    assert_eq!(p.messages.len(), 1);
    assert_eq!(
        (p.messages[0].state, p.messages[0].photos),
        (MessageState::Queued, 2)
    );
    let kinds: Vec<String> = store
        .outbox(store::OutboxState::Pending)
        .unwrap()
        .into_iter()
        .filter(|i| i.case_id == Some(file.id))
        .map(|i| i.kind)
        .collect();
    assert_eq!(kinds, ["message", "attachment", "attachment"], "in order");
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (3, 0), "{r:?}");
    let stored = h.stored(file.id);
    let photos: Vec<&AttachmentRecordDto> = stored
        .attachments
        .iter()
        .filter(|a| a.visit_id == q)
        .collect();
    assert_eq!(photos.len(), 2);
    assert!(photos
        .iter()
        .all(|a| a.width <= evidence::MAX_SIDE && a.height <= evidence::MAX_SIDE));
    let line = stored
        .activities
        .iter()
        .find(|a| a.id == photos[0].id)
        .unwrap();
    assert_eq!(
        line.kind, "note",
        "a question's photo is a note, as the question"
    );
    // On the device after the download, still two photos on the question.
    let p = app::consult::thread(&store, &case).unwrap();
    assert_eq!(
        (p.messages[0].state, p.messages[0].photos),
        (MessageState::Delivered, 2)
    );

    // The office sees them on the question.
    let (_o, office, mut office_http) = device(h, "biuro", 42);
    let v = app::consult::office_thread(&office, &mut office_http, &case).unwrap();
    assert_eq!(v.messages[0].photos, 2);
    let a = Uuid::from_u128(0x41_00A0);
    let answer = OfficeAnswerForm {
        case_id: file.id.to_string(),
        text: "Nie wstrzymuje; proszę dołączyć kopię do raportu.".into(),
    };
    let v = app::consult::office_answer(&office, &mut office_http, a, &answer).unwrap();
    assert_eq!((v.messages[1].photos, v.messages.len()), (0, 2));

    // A photo of the office's answer, or of no question, is refused.
    let token = h.token("doradca1", 0xA9);
    let jpeg = Base64::decode_vec(&drafts[0].jpeg).unwrap();
    let photo = |n: u128, of: Uuid| {
        serde_json::to_value(Mutation {
            id: Uuid::from_u128(0x41_0B00 + n),
            case_id: file.id,
            created_at: now(),
            kind: MutationKind::Attachment,
            body: serde_json::to_value(AttachmentBody::new(of, &jpeg)).unwrap(),
        })
        .unwrap()
    };
    let (status, receipts) = h.upload(&token, &[photo(1, a), photo(2, Uuid::from_u128(0x41_FFFF))]);
    assert_eq!(status, 200);
    for r in &receipts {
        match &r.outcome {
            Outcome::Rejected { code, reason } => {
                assert_eq!(*code, RejectCode::UnknownVisit);
                assert!(reason.contains("pytaniem doradcy"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        h.stored(file.id)
            .attachments
            .iter()
            .filter(|x| x.visit_id == q || x.visit_id == a)
            .count(),
        2
    );

    // Refused (as a sync records a refusal), the question goes again with
    // its photo under new ids; the refused photo leaves the device.
    let q2 = Uuid::from_u128(0x41_0002);
    let form = AskForm {
        text: "Drugie pytanie ze zdjęciem".into(),
        photos: drafts[..1].to_vec(),
        ..form
    };
    app::consult::ask(&mut store, now(), q2, &form).unwrap();
    let queued: Vec<Uuid> = store
        .outbox(store::OutboxState::Pending)
        .unwrap()
        .into_iter()
        .map(|i| i.mutation_id)
        .collect();
    assert_eq!(queued.len(), 2, "the question and its photo");
    for id in &queued {
        store
            .outbox_mark(
                *id,
                store::OutboxState::Rejected,
                Some("Odrzucone na próbę"),
            )
            .unwrap();
    }
    let q3 = Uuid::from_u128(0x41_0003);
    app::consult::resend(
        &mut store,
        now(),
        q3,
        &ResendRequest {
            message_id: q2.to_string(),
        },
    )
    .unwrap();
    assert!(store
        .outbox(store::OutboxState::Rejected)
        .unwrap()
        .is_empty());
    assert!(store.photo_bytes(q2).unwrap().is_empty());
    assert_eq!(store.photo_bytes(q3).unwrap().len(), 1);
    let r = app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert_eq!((r.uploaded, r.rejected), (2, 0), "{r:?}");
    let stored = h.stored(file.id);
    assert_eq!(
        stored
            .attachments
            .iter()
            .filter(|x| x.visit_id == q3)
            .count(),
        1
    );
    let p = app::consult::thread(&store, &case).unwrap();
    let last = p.messages.last().unwrap();
    assert_eq!(
        (last.id.as_str(), last.photos),
        (q3.to_string().as_str(), 1)
    );
}
