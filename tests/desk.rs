//! The back office's desk end to end (issue #12), on SQLite and on
//! PostgreSQL: the portfolio search over HTTP (a phone typed with dashes
//! or with 0048, the PESEL masked in the list, pages bounded), closing a
//! case with a reason — it leaves the advisor's replica on the next sync,
//! a second close is a 409, "other" without a note a 400 — and reopening
//! it brings it back; an advisor's token gets 403 and hostile bodies a
//! 4xx, never a 5xx.

mod common;

use app::SeqIds;
use common::{now, Backend, PASSWORD};
use store::Store;
use sync_client::HttpTransport;
use sync_proto::*;

on_both!(
    the_back_office_finds_closes_and_reopens_a_case_and_the_device_follows,
    hostile_desk_requests_get_a_4xx_never_a_5xx,
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
