//! The back office's desk end to end (issue #12), on SQLite and on
//! PostgreSQL: the portfolio search over HTTP (a phone typed with dashes
//! or with 0048, the PESEL masked in the list, pages bounded), closing a
//! case with a reason — it leaves the advisor's replica on the next sync,
//! a second close is a 409, "other" without a note a 400 — and reopening
//! it brings it back; an advisor's token gets 403 and hostile bodies a
//! 4xx, never a 5xx. The same through the app's use cases (`app::desk`,
//! what the Biuro screen's commands call): the typed errors beside their
//! fields, the Polish timeline line, 409 as `AlreadyDecided`.

mod common;

use app::SeqIds;
use common::{now, Backend, PASSWORD};
use store::Store;
use sync_client::HttpTransport;
use sync_proto::*;

on_both!(
    the_back_office_finds_closes_and_reopens_a_case_and_the_device_follows,
    hostile_desk_requests_get_a_4xx_never_a_5xx,
    the_desk_use_cases_find_close_and_reopen_through_the_app,
    the_back_office_sees_devices_and_disables_a_user,
);

fn search(h: &Backend, token: &str, query: &str) -> SearchResponse {
    let (status, text) = h.post(
        token,
        desk_paths::SEARCH,
        &serde_json::json!({ "query": query, "offset": 0, "limit": 20 }),
    );
    assert_eq!(status, 200, "{text}");
    serde_json::from_str(&text).unwrap()
}

fn the_back_office_finds_closes_and_reopens_a_case_and_the_device_follows(h: &Backend) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&h.url).unwrap();
    let mut ids = SeqIds {
        prefix: 12,
        next: 0,
    };
    app::login::login(
        &mut store, &mut http, &mut ids, "doradca1", PASSWORD, "tablet",
    )
    .unwrap();
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    let file = h
        .held()
        .into_iter()
        .find(|f| f.status != "closed" && !f.debtor.phones.is_empty())
        .expect("an open case with a phone");
    let on_device = |store: &Store| store.case_file(domain::CaseId(file.id)).unwrap().is_some();
    assert!(on_device(&store));
    let office = h.token("biuro", 0xB1);

    // The phone as people type it: "+48600123456" → "600-123-456" and
    // "0048600123456".
    let e164 = &file.debtor.phones[0].number;
    let national = &e164[e164.len() - 9..];
    let dashed = format!("{}-{}-{}", &national[..3], &national[3..6], &national[6..]);
    for typed in [dashed.clone(), format!("0048{national}")] {
        let found = search(h, &office, &typed);
        assert!(
            found.rows.iter().any(|r| r.case_id == file.id),
            "{typed}: {found:?}"
        );
    }
    let by_number = search(h, &office, &file.number);
    let hit = by_number
        .rows
        .iter()
        .find(|r| r.case_id == file.id)
        .expect("found by its number");
    // The list shows the PESEL's last four digits only.
    let pesel = &file.debtor.pesel;
    assert_eq!(hit.pesel, format!("•••••••{}", &pesel[7..]));
    assert!(!by_number.rows.iter().any(|r| r.pesel == *pesel));

    // "Other" needs a note; an unknown reason is refused.
    let close = |reason: &str, note: &str| {
        h.post(
            &office,
            desk_paths::CLOSE,
            &serde_json::json!({ "case_id": file.id, "reason": reason, "note": note }),
        )
    };
    assert_eq!(close("other", "").0, 400);
    assert_eq!(close("gone_fishing", "").0, 400);
    assert_eq!(h.stored(file.id).status, file.status, "nothing changed");
    // Paid in full: closed, held by nobody, and gone from the device.
    let (status, text) = close("paid_in_full", "");
    assert_eq!(status, 200, "{text}");
    assert_eq!(h.stored(file.id).status, "closed");
    assert!(!h.held().iter().any(|f| f.id == file.id));
    let (status, _) = close("paid_in_full", "");
    assert_eq!(status, 409, "closed once");
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert!(
        !on_device(&store),
        "the closed case left the advisor's device"
    );

    // Reopened: back to its advisor and the device.
    let (status, text) = h.post(
        &office,
        desk_paths::REOPEN,
        &serde_json::json!({ "case_id": file.id }),
    );
    assert_eq!(status, 200, "{text}");
    let (status, _) = h.post(
        &office,
        desk_paths::REOPEN,
        &serde_json::json!({ "case_id": file.id }),
    );
    assert_eq!(status, 409, "reopened once");
    app::sync_now::sync_now(&mut store, &mut http, now()).unwrap();
    assert!(on_device(&store), "the reopened case is back on the device");
}

fn hostile_desk_requests_get_a_4xx_never_a_5xx(h: &Backend) {
    let office = h.token("biuro", 0xB2);
    let advisor = h.token("doradca1", 0xB3);
    let case = h.held()[0].id;
    let search_body = serde_json::json!({ "query": "Nowak", "offset": 0, "limit": 10 });
    // Only the back office (and the admin) may.
    for (path, body) in [
        (desk_paths::SEARCH, search_body.clone()),
        (
            desk_paths::CLOSE,
            serde_json::json!({ "case_id": case, "reason": "paid_in_full", "note": "" }),
        ),
        (desk_paths::REOPEN, serde_json::json!({ "case_id": case })),
    ] {
        assert_eq!(h.post(&advisor, path, &body).0, 403, "{path}");
    }
    let long = "x".repeat(201);
    for (path, body) in [
        (
            desk_paths::SEARCH,
            serde_json::json!({ "query": long, "offset": 0, "limit": 10 }),
        ),
        (
            desk_paths::SEARCH,
            serde_json::json!({ "query": "a", "offset": 0, "limit": 0 }),
        ),
        (
            desk_paths::SEARCH,
            serde_json::json!({ "query": "a", "offset": 0, "limit": 101 }),
        ),
        (
            desk_paths::SEARCH,
            serde_json::json!({ "query": "a", "offset": 100_001, "limit": 10 }),
        ),
        (
            desk_paths::SEARCH,
            serde_json::json!({ "query": "a", "offset": -1, "limit": 10 }),
        ),
        (desk_paths::SEARCH, serde_json::json!([1, 2, 3])),
        (
            desk_paths::CLOSE,
            serde_json::json!({ "case_id": "not-a-uuid", "reason": "paid_in_full" }),
        ),
        (
            desk_paths::CLOSE,
            serde_json::json!({ "case_id": uuid::Uuid::from_u128(0xF00), "reason": "paid_in_full", "note": "" }),
        ),
        (
            desk_paths::CLOSE,
            serde_json::json!({ "case_id": case, "reason": "other", "note": "x".repeat(2001) }),
        ),
        (
            desk_paths::REOPEN,
            serde_json::json!({ "case_id": uuid::Uuid::from_u128(0xF01) }),
        ),
    ] {
        let (status, text) = h.post(&office, path, &body);
        assert!(
            (400..500).contains(&status),
            "{path} {body}: {status} {text}"
        );
    }
    // Typing punctuation only finds nothing, and says so without a fault.
    assert!(search(h, &office, "--- ,,, ").rows.is_empty());
}

fn device(h: &Backend, login: &str, prefix: u64) -> (tempfile::TempDir, Store, HttpTransport) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(&dir.path().join("replica.sqlite")).unwrap();
    let mut http = HttpTransport::new(&h.url).unwrap();
    let mut ids = SeqIds { prefix, next: 0 };
    app::login::login(&mut store, &mut http, &mut ids, login, PASSWORD, "tablet").unwrap();
    (dir, store, http)
}

/// The device id a replica logged in with.
fn device_id_of(store: &Store) -> String {
    store.sync_value("device_id").unwrap().expect("a device id")
}

fn the_desk_use_cases_find_close_and_reopen_through_the_app(h: &Backend) {
    use api::{CaseRequest, CloseForm, CloseReasonCode, CommandError, DeskSearchQuery, Field};
    let (_a, mut advisor, mut advisor_http) = device(h, "doradca1", 21);
    app::sync_now::sync_now(&mut advisor, &mut advisor_http, now()).unwrap();
    let (_o, office, mut http) = device(h, "biuro", 22);
    let file = h
        .held()
        .into_iter()
        .find(|f| f.status != "closed" && !f.debtor.phones.is_empty())
        .expect("an open case with a phone");
    let on_device = |store: &Store| store.case_file(domain::CaseId(file.id)).unwrap().is_some();
    assert!(on_device(&advisor));
    let today = common::today();

    // Found by the phone as typed with dashes; the row as the list shows it.
    let e164 = &file.debtor.phones[0].number;
    let n = &e164[e164.len() - 9..];
    let q = |query: &str| DeskSearchQuery {
        query: query.into(),
        offset: 0,
        limit: 20,
    };
    let page = app::desk::search(
        &office,
        &mut http,
        &q(&format!("{}-{}-{}", &n[..3], &n[3..6], &n[6..])),
    )
    .unwrap();
    let hit = page
        .rows
        .iter()
        .find(|r| r.case_id == file.id.to_string())
        .expect("found by the dashed phone");
    assert_eq!(hit.number, file.number);
    assert_eq!(hit.pesel, format!("•••••••{}", &file.debtor.pesel[7..]));
    assert!(hit.assigned);
    assert!(page.total >= 1 && !page.capped);
    let opened = app::desk::view(&file, today).unwrap();
    assert_eq!(
        hit.outstanding, opened.total.total,
        "the list's balance is the file's"
    );
    assert_eq!(hit.status, Some(opened.status));
    // A blank query asks nothing; a query too long is refused on its field.
    assert!(app::desk::search(&office, &mut http, &q("   "))
        .unwrap()
        .rows
        .is_empty());
    assert_eq!(
        app::desk::search(&office, &mut http, &q(&"a".repeat(201))).unwrap_err(),
        CommandError::invalid(Field::SearchQuery, api::Reason::TooLong)
    );
    // The advisor's device may not use the desk.
    assert_eq!(
        app::desk::search(&advisor, &mut advisor_http, &q("Nowak")).unwrap_err(),
        CommandError::Forbidden
    );

    // The case file: the whole PESEL, the debts, the timeline.
    let req = CaseRequest {
        case_id: file.id.to_string(),
    };
    let v = app::desk::case(&office, &mut http, today, &req).unwrap();
    assert_eq!(v.debtor.pesel, file.debtor.pesel);
    assert_eq!(v.debts.len(), file.debts.len());
    assert_eq!(v.timeline.len(), file.activities.len());
    assert!(v.assigned);
    let unknown = CaseRequest {
        case_id: uuid::Uuid::from_u128(0xF00D).to_string(),
    };
    assert!(matches!(
        app::desk::case(&office, &mut http, today, &unknown).unwrap_err(),
        CommandError::NotFound {
            what: api::Missing::PortfolioCase,
            ..
        }
    ));

    // "Inny powód" without a note: refused on the note, nothing closed;
    // no reason: refused on the reason.
    let close = |reason, note: &str| CloseForm {
        case_id: file.id.to_string(),
        reason,
        note: note.into(),
    };
    let mut http2 = HttpTransport::new(&h.url).unwrap();
    assert_eq!(
        app::desk::close(
            &office,
            &mut http2,
            today,
            &close(Some(CloseReasonCode::Other), "  ")
        )
        .unwrap_err(),
        CommandError::invalid(Field::CloseNote, api::Reason::Required)
    );
    assert_eq!(
        app::desk::close(&office, &mut http2, today, &close(None, "")).unwrap_err(),
        CommandError::invalid(Field::CloseReason, api::Reason::Required)
    );
    assert_eq!(h.stored(file.id).status, file.status, "nothing closed");

    // Closed with a note: the Polish line on the timeline, held by nobody.
    let note = "Klient wyjechał na stałe za granicę";
    let v = app::desk::close(
        &office,
        &mut http2,
        today,
        &close(Some(CloseReasonCode::Other), note),
    )
    .unwrap();
    assert_eq!(v.status, api::Status::Closed);
    assert!(!v.assigned);
    let line = v
        .timeline
        .iter()
        .find(|a| a.summary == format!("Sprawa zamknięta: inny powód. {note}"))
        .expect("the closure on the timeline, in Polish");
    assert_eq!(line.author, "Biuro Obsługi");
    assert_eq!(line.at, now(), "the server's time");
    assert!(matches!(
        app::desk::close(
            &office,
            &mut http2,
            today,
            &close(Some(CloseReasonCode::Sold), "")
        )
        .unwrap_err(),
        CommandError::AlreadyDecided { .. }
    ));
    let found = app::desk::search(&office, &mut http, &q(&file.number)).unwrap();
    let row = found
        .rows
        .iter()
        .find(|r| r.case_id == file.id.to_string())
        .unwrap();
    assert_eq!(row.status, Some(api::Status::Closed));
    assert!(!row.assigned);
    app::sync_now::sync_now(&mut advisor, &mut advisor_http, now()).unwrap();
    assert!(!on_device(&advisor), "the closed case left the device");

    // Reopened: back to the advisor; a second reopen is refused.
    let v = app::desk::reopen(&office, &mut http2, today, &req).unwrap();
    assert_eq!(v.status, api::Status::New);
    assert!(v
        .timeline
        .iter()
        .any(|a| a.summary == "Sprawa otwarta ponownie"));
    assert!(matches!(
        app::desk::reopen(&office, &mut http2, today, &req).unwrap_err(),
        CommandError::AlreadyDecided { .. }
    ));
    app::sync_now::sync_now(&mut advisor, &mut advisor_http, now()).unwrap();
    assert!(on_device(&advisor), "the reopened case is back");
}

fn the_back_office_sees_devices_and_disables_a_user(h: &Backend) {
    let (_a, mut advisor, mut advisor_http) = device(h, "doradca1", 31);
    let r = app::sync_now::sync_now(&mut advisor, &mut advisor_http, now()).unwrap();
    assert!(r.error.is_none(), "{r:?}");
    let office = h.token("biuro", 0xB4);
    let page = |token: &str, offset: u32, limit: u32| {
        h.post(
            token,
            desk_paths::DEVICES,
            &serde_json::json!({ "offset": offset, "limit": limit }),
        )
    };
    let (status, text) = page(&office, 0, 100);
    assert_eq!(status, 200, "{text}");
    let devices: DevicesPage = serde_json::from_str(&text).unwrap();
    // The advisor's tablet synced last: first, with what it reported.
    let tablet = &devices.devices[0];
    assert_eq!(tablet.login, "doradca1");
    assert_eq!(tablet.role, Role::Advisor);
    assert_eq!(tablet.last_sync, Some(now()));
    assert_eq!(tablet.pending, Some(0));
    assert!(tablet.app_version.as_deref().is_some_and(|v| !v.is_empty()));
    assert!(!tablet.revoked && !tablet.user_disabled);
    // Paged: one at a time, with the next offset.
    let one: DevicesPage = serde_json::from_str(&page(&office, 0, 1).1).unwrap();
    assert_eq!(one.devices.len(), 1);
    assert_eq!(one.next_offset, Some(1));
    let users: UsersPage = serde_json::from_str(
        &h.post(
            &office,
            desk_paths::USERS,
            &serde_json::json!({ "limit": 100 }),
        )
        .1,
    )
    .unwrap();
    let doradca = users
        .users
        .iter()
        .find(|u| u.login == "doradca1")
        .expect("listed")
        .clone();
    assert!(!doradca.disabled);

    // Disabled: its token and a new login are refused with the code;
    // disabling twice is a 409; the back office cannot disable itself.
    let disable = |disabled: bool| {
        h.post(
            &office,
            desk_paths::USER_DISABLED,
            &serde_json::json!({ "user_id": doradca.user_id, "disabled": disabled }),
        )
    };
    let (status, text) = disable(true);
    assert_eq!(status, 200, "{text}");
    assert!(serde_json::from_str::<DeskUserDto>(&text).unwrap().disabled);
    assert_eq!(disable(true).0, 409);
    // Recorded once, with who did it.
    let log = h.storage.audit_page(None, 20).unwrap();
    let disabled: Vec<_> = log
        .entries
        .iter()
        .filter(|e| e.action == AuditAction::UserDisabled)
        .collect();
    assert_eq!(disabled.len(), 1, "{log:?}");
    assert_eq!(disabled[0].subject, doradca.user_id.to_string());
    assert_eq!(
        (disabled[0].actor_name.as_str(), disabled[0].detail.as_str()),
        ("biuro", "disabled")
    );
    let r = app::sync_now::sync_now(&mut advisor, &mut advisor_http, now()).unwrap();
    assert!(
        matches!(
            r.error,
            Some(sync_client::SyncError::Refused { status: 403, .. })
        ),
        "{r:?}"
    );
    let (status, text) = h.post(
        "",
        sync_proto::paths::LOGIN,
        &serde_json::json!({
            "login": "doradca1", "password": PASSWORD,
            "device_id": uuid::Uuid::from_u128(0xD15), "device_name": "x"
        }),
    );
    assert_eq!(status, 403, "{text}");
    let body: ErrorBody = serde_json::from_str(&text).unwrap();
    assert_eq!(body.code, ErrorCode::UserDisabled);
    let listed: DevicesPage = serde_json::from_str(&page(&office, 0, 100).1).unwrap();
    assert!(listed
        .devices
        .iter()
        .filter(|d| d.login == "doradca1")
        .all(|d| d.user_disabled));
    let me = users.users.iter().find(|u| u.login == "biuro").unwrap();
    let (status, _) = h.post(
        &office,
        desk_paths::USER_DISABLED,
        &serde_json::json!({ "user_id": me.user_id, "disabled": true }),
    );
    assert_eq!(status, 400, "not oneself");

    // Enabled again: the same device syncs.
    assert_eq!(disable(false).0, 200);
    assert_eq!(disable(false).0, 409);
    let r = app::sync_now::sync_now(&mut advisor, &mut advisor_http, now()).unwrap();
    assert!(r.error.is_none(), "{r:?}");

    // Only the desk; every bound a 4xx.
    let advisor_token = h.token("doradca1", 0xB5);
    assert_eq!(page(&advisor_token, 0, 10).0, 403);
    for body in [
        serde_json::json!({ "offset": 0, "limit": 0 }),
        serde_json::json!({ "offset": 0, "limit": 101 }),
        serde_json::json!({ "offset": 100_001, "limit": 10 }),
        serde_json::json!({ "offset": -1 }),
    ] {
        for path in [desk_paths::DEVICES, desk_paths::USERS] {
            let (status, text) = h.post(&office, path, &body);
            assert_eq!(status, 400, "{path} {body}: {text}");
        }
    }
    for body in [
        serde_json::json!({ "user_id": "nope", "disabled": true }),
        serde_json::json!({ "user_id": uuid::Uuid::from_u128(0xF02), "disabled": true }),
        serde_json::json!({ "disabled": true }),
    ] {
        let (status, text) = h.post(&office, desk_paths::USER_DISABLED, &body);
        assert!((400..500).contains(&status), "{body}: {status} {text}");
    }
    // What a device reports is bounded too.
    for body in [
        serde_json::json!({ "cursor": 0, "limit": 10, "pending": 1_000_001 }),
        serde_json::json!({ "cursor": 0, "limit": 10, "app_version": "" }),
        serde_json::json!({ "cursor": 0, "limit": 10, "app_version": "x".repeat(33) }),
        serde_json::json!({ "cursor": 0, "limit": 10, "app_version": "1.0<script>" }),
    ] {
        let (status, text) = h.post(&advisor_token, sync_proto::paths::DOWNLOAD, &body);
        assert_eq!(status, 400, "{body}: {text}");
    }

    // The same through the app's use cases: the list, a bad id on its
    // field, and "Unieważnij" wipes the advisor's replica at its next sync.
    let (_o, office_store, mut office_http) = device(h, "biuro", 32);
    let q = api::DeskPageQuery {
        offset: 0,
        limit: 100,
    };
    let listed = app::desk::devices(&office_store, &mut office_http, &q).unwrap();
    let tablet = listed
        .devices
        .iter()
        .find(|d| d.login == "doradca1" && d.last_sync.is_some())
        .expect("the advisor's synced device")
        .clone();
    assert_eq!(tablet.role, api::UserRole::Advisor);
    assert_eq!(tablet.pending, Some(0));
    let users = app::desk::users(&office_store, &mut office_http, &q).unwrap();
    assert!(users
        .users
        .iter()
        .any(|u| u.login == "doradca1" && !u.disabled));
    assert_eq!(
        app::desk::revoke(
            &office_store,
            &mut office_http,
            &api::RevokeForm {
                device_id: "nie-id".into(),
                mode: api::RevokeModeCode::Lost,
            }
        )
        .unwrap_err(),
        api::CommandError::invalid(api::Field::DeviceId, api::Reason::MalformedId)
    );
    assert_eq!(
        app::desk::set_user_disabled(
            &office_store,
            &mut office_http,
            &api::UserDisabledForm {
                user_id: uuid::Uuid::from_u128(0xF03).to_string(),
                disabled: true
            }
        )
        .unwrap_err(),
        api::CommandError::invalid(api::Field::UserId, api::Reason::UnknownEntry)
    );
    assert!(matches!(
        app::desk::set_user_disabled(
            &office_store,
            &mut office_http,
            &api::UserDisabledForm {
                user_id: tablet.user_id.clone(),
                disabled: false
            }
        )
        .unwrap_err(),
        api::CommandError::AlreadyDecided { .. }
    ));
    // A note written after the tablet was lost is not taken: a lost
    // device delivers nothing more.
    let case = h.held()[0].id;
    let lost_note = uuid::Uuid::from_u128(0x1057_0001);
    app::add_note::add_note(
        &mut advisor,
        now(),
        lost_note,
        &case.to_string(),
        "po zgubieniu",
    )
    .unwrap();
    app::desk::revoke(
        &office_store,
        &mut office_http,
        &api::RevokeForm {
            device_id: tablet.device_id.clone(),
            mode: api::RevokeModeCode::Lost,
        },
    )
    .unwrap();
    let r = app::sync_now::sync_now(&mut advisor, &mut advisor_http, now()).unwrap();
    assert!(r.wiped, "{r:?}");
    assert_eq!(r.uploaded, 0, "{r:?}");
    assert_eq!(h.storage.mutation_count(lost_note).unwrap(), 0);
    assert_eq!(advisor.case_count().unwrap(), 0);

    // A handover: the new tablet's pending note is delivered first, then
    // the device is wiped by the same sync.
    let (_n, mut handed, mut handed_http) = device(h, "doradca1", 33);
    app::sync_now::sync_now(&mut handed, &mut handed_http, now()).unwrap();
    let handed_id = device_id_of(&handed);
    let note = uuid::Uuid::from_u128(0x4A4D_0001);
    app::add_note::add_note(
        &mut handed,
        now(),
        note,
        &case.to_string(),
        "przed przekazaniem",
    )
    .unwrap();
    // Made after the revocation (the server revokes at its own now()):
    // refused, whatever the device has.
    let late = uuid::Uuid::from_u128(0x4A4D_0002);
    app::add_note::add_note(
        &mut handed,
        now() + chrono::Duration::minutes(1),
        late,
        &case.to_string(),
        "po przekazaniu",
    )
    .unwrap();
    app::desk::revoke(
        &office_store,
        &mut office_http,
        &api::RevokeForm {
            device_id: handed_id,
            mode: api::RevokeModeCode::Handover,
        },
    )
    .unwrap();
    let r = app::sync_now::sync_now(&mut handed, &mut handed_http, now()).unwrap();
    assert!(r.wiped, "{r:?}");
    assert_eq!((r.uploaded, r.rejected), (1, 1), "{r:?}");
    assert_eq!(h.storage.mutation_count(note).unwrap(), 1);
    // The late note is recorded as refused, not on the case.
    let on_case = h.storage.case(case).unwrap().unwrap();
    assert!(on_case.activities.iter().any(|a| a.id == note));
    assert!(!on_case.activities.iter().any(|a| a.id == late));
    assert_eq!(handed.case_count().unwrap(), 0);
    // Wiped, it cannot deliver again, and a download is refused.
    let again = app::sync_now::sync_now(&mut handed, &mut handed_http, now());
    assert!(
        matches!(again, Err(app::sync_now::SyncRunError::NotLoggedIn)),
        "{again:?}"
    );
    let listed = app::desk::devices(&office_store, &mut office_http, &q).unwrap();
    assert!(
        listed
            .devices
            .iter()
            .find(|d| d.device_id == tablet.device_id)
            .unwrap()
            .revoked
    );
}
