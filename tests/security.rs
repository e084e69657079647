//! What a hostile or careless client cannot do at login (issue #15), on
//! SQLite and on PostgreSQL: take over another user's device by its id,
//! get a signing certificate for a back-office or team-lead login, or
//! break the server with a flood of wrong passwords (every one answered
//! 401 or 429, never a 5xx, and the right password works after).

mod common;

use common::{Backend, PASSWORD};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use sync_proto::*;
use uuid::Uuid;

on_both!(
    the_admin_reads_who_did_what_when_in_the_audit_log,
    team_leads_act_on_their_own_team_only,
    a_device_id_belongs_to_one_user,
    only_an_advisors_device_gets_a_signing_certificate,
    a_flood_of_wrong_passwords_is_answered_and_the_right_one_works_after,
);

fn login(
    url: &str,
    login: &str,
    password: &str,
    device: Uuid,
    csr: Option<String>,
) -> (u16, String) {
    let res = reqwest::blocking::Client::new()
        .post(format!("{url}{}", paths::LOGIN))
        .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
        .json(&LoginRequest {
            login: login.into(),
            password: password.into(),
            device_id: device,
            device_name: "tablet".into(),
            certificate_request: csr,
        })
        .send()
        .unwrap();
    (res.status().as_u16(), res.text().unwrap())
}

fn a_device_id_belongs_to_one_user(h: &Backend) {
    let device = Uuid::from_u128(0x5EC0_0001);
    let (status, text) = login(&h.url, "doradca1", PASSWORD, device, None);
    assert_eq!(status, 200, "{text}");
    let first: LoginResponse = serde_json::from_str(&text).unwrap();
    // Another user naming the same device id is refused, with why.
    let (status, text) = login(&h.url, "kierownik", PASSWORD, device, None);
    assert_eq!(status, 409, "{text}");
    let body: ErrorBody = serde_json::from_str(&text).unwrap();
    assert_eq!(body.code, ErrorCode::Conflict);
    assert!(body.message.contains("another user"), "{}", body.message);
    // The owner's session is untouched and the owner may log in again.
    let (status, _) = h.post(
        &first.token,
        paths::DOWNLOAD,
        &serde_json::json!({ "cursor": 0, "limit": 10 }),
    );
    assert_eq!(status, 200);
    assert_eq!(login(&h.url, "doradca1", PASSWORD, device, None).0, 200);
}

fn only_an_advisors_device_gets_a_signing_certificate(h: &Backend) {
    let csr = || {
        Some(
            settlement::DeviceKey::generate(&mut rand_core::OsRng)
                .certificate_request_pem("tablet")
                .unwrap(),
        )
    };
    for (who, n, certified) in [
        ("doradca1", 1, true),
        ("kierownik", 2, false),
        ("biuro", 3, false),
        ("admin", 4, false),
    ] {
        let (status, text) = login(
            &h.url,
            who,
            PASSWORD,
            Uuid::from_u128(0x5EC0_0100 + n),
            csr(),
        );
        assert_eq!(status, 200, "{who}: {text}");
        let r: LoginResponse = serde_json::from_str(&text).unwrap();
        assert_eq!(r.device_certificate.is_some(), certified, "{who}");
    }
}

fn a_flood_of_wrong_passwords_is_answered_and_the_right_one_works_after(h: &Backend) {
    // The same storage behind a server whose clock the test moves.
    let offset = Arc::new(AtomicI64::new(0));
    let base = common::now();
    let o = offset.clone();
    let storage: Arc<dyn server_storage::Storage> = h.storage.clone();
    let url = common::serve(server::ServerState::new(
        storage,
        Arc::new(move || base + chrono::Duration::seconds(o.load(Ordering::SeqCst))),
    ));
    let at = |who: &str, password: &str, device: u128| {
        login(
            &url,
            who,
            password,
            Uuid::from_u128(0x5EC0_0200 + device),
            None,
        )
    };
    // Five wrong passwords of one login are answered 401; the sixth try
    // waits 1 s — even with the right password.
    for _ in 0..5 {
        assert_eq!(at("doradca1", "zle-haslo", 1).0, 401);
    }
    let (status, text) = at("doradca1", PASSWORD, 1);
    assert_eq!(status, 429, "{text}");
    assert!(text.contains("try again in 1 s"), "{text}");
    // After the second: one more wrong one, now 2 s.
    offset.store(1, Ordering::SeqCst);
    assert_eq!(at("doradca1", "zle-haslo", 1).0, 401);
    let (status, text) = at("doradca1", PASSWORD, 1);
    assert_eq!(status, 429);
    assert!(text.contains("try again in 2 s"), "{text}");
    offset.store(3, Ordering::SeqCst);
    assert_eq!(at("doradca1", PASSWORD, 1).0, 200, "the wait is over");
    // A good login clears the count: the next wrong one is a plain 401.
    assert_eq!(at("doradca1", "zle-haslo", 1).0, 401);

    // 24 at once, for a real login and for one that does not exist: every
    // one answered 401 or 429, never a 5xx.
    let statuses: Vec<u16> = std::thread::scope(|s| {
        let tries: Vec<_> = (0..24u128)
            .map(|i| {
                let at = &at;
                s.spawn(move || {
                    let who = if i % 2 == 0 { "kierownik" } else { "nikt" };
                    at(who, "zle-haslo", 10 + i).0
                })
            })
            .collect();
        tries.into_iter().map(|t| t.join().unwrap()).collect()
    });
    assert!(
        statuses.iter().all(|s| *s == 401 || *s == 429),
        "{statuses:?}"
    );
    assert!(statuses.contains(&429), "the throttle held: {statuses:?}");
    // The address and the login wait at most a quarter of an hour.
    offset.store(3 + 15 * 60 + 1, Ordering::SeqCst);
    let (status, text) = at("kierownik", PASSWORD, 40);
    assert_eq!(status, 200, "{text}");
}

fn team_leads_act_on_their_own_team_only(h: &Backend) {
    // A second team: its lead and one advisor.
    let hash = server::hash_password_with(PASSWORD, server::PasswordCost::TestOnly).unwrap();
    let (lead2, advisor2) = (Uuid::from_u128(0x5EC0_0A01), Uuid::from_u128(0x5EC0_0A02));
    for (id, login, role, lead) in [
        (lead2, "kierownik2", Role::TeamLead, None),
        (advisor2, "doradca9", Role::Advisor, Some(lead2)),
    ] {
        h.storage
            .create_user(&server_storage::User {
                id,
                login: login.into(),
                name: login.into(),
                role,
                password_hash: hash.clone(),
                advisor: None,
                team_lead: lead,
                offer_policy: None,
            })
            .unwrap();
    }
    let case = h.held()[0].clone();
    let other = h.token("kierownik2", 0x5EC0_0A10);
    let own = h.token("kierownik", 0x5EC0_0A11);
    let read = serde_json::json!({ "case_id": case.id });
    // Another team's lead reads nothing of the case and cannot take it.
    assert_eq!(h.post(&other, server::admin_paths::CASE, &read).0, 403);
    assert_eq!(
        h.post(&other, server::admin_paths::ATTACHMENTS, &read).0,
        403
    );
    let take = serde_json::json!({ "case_id": case.id, "advisor_id": advisor2 });
    assert_eq!(h.post(&other, server::admin_paths::ASSIGN, &take).0, 403);
    assert_eq!(h.stored(case.id).advisor_id, case.advisor_id, "not moved");
    // Its own lead reads it, but cannot give it to another team either.
    assert_eq!(h.post(&own, server::admin_paths::CASE, &read).0, 200);
    assert_eq!(h.post(&own, server::admin_paths::ASSIGN, &take).0, 403);
    // The back office may.
    let office = h.token("biuro", 0x5EC0_0A12);
    let (status, text) = h.post(&office, server::admin_paths::ASSIGN, &take);
    assert_eq!(status, 204, "{text}");
    assert_eq!(h.stored(case.id).advisor_id, advisor2);
    // Now the other lead's: they read it, the first lead does not.
    assert_eq!(h.post(&other, server::admin_paths::CASE, &read).0, 200);
    assert_eq!(h.post(&own, server::admin_paths::CASE, &read).0, 403);
}

/// Reads what the server sends until it closes the connection (or 10 s
/// pass: then `None`, it held the connection open).
fn until_closed(s: &mut std::net::TcpStream) -> Option<String> {
    use std::io::Read;
    s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
        .unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 1024];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return Some(String::from_utf8_lossy(&out).into_owned()),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return Some(String::from_utf8_lossy(&out).into_owned())
            }
            Err(_) => return None,
        }
    }
}

#[test]
fn half_sent_requests_are_closed_and_the_server_keeps_serving() {
    use std::io::Write;
    let h = Backend::sqlite();
    let storage: Arc<dyn server_storage::Storage> = h.storage.clone();
    let mut state = server::ServerState::new(storage, Arc::new(common::now));
    state.timeouts = server::Timeouts {
        headers: std::time::Duration::from_secs(1),
        request: std::time::Duration::from_secs(2),
    };
    let url = common::serve(state);
    let addr = url.trim_start_matches("http://").to_owned();
    let connect = || std::net::TcpStream::connect(&addr).unwrap();
    // Forty clients that never finish their headers, and one whose body
    // never comes whole.
    let mut held: Vec<std::net::TcpStream> = (0..40)
        .map(|_| {
            let mut s = connect();
            s.write_all(b"POST /api/v1/login HTTP/1.1\r\nHost: partner\r\n")
                .unwrap();
            s
        })
        .collect();
    let mut slow = connect();
    slow.write_all(
        b"POST /api/v1/login HTTP/1.1\r\nHost: partner\r\nx-partner-protocol: 1\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{\"login\":",
    )
    .unwrap();
    // Meanwhile the server answers everyone else.
    let (status, text) = login(
        &url,
        "doradca1",
        PASSWORD,
        Uuid::from_u128(0x5EC0_0500),
        None,
    );
    assert_eq!(status, 200, "{text}");
    // The half-sent headers are cut off, the slow body answered 408.
    for s in &mut held {
        assert!(
            until_closed(s).is_some(),
            "a half-sent request was held open"
        );
    }
    let answer = until_closed(&mut slow).expect("the slow body was held open");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

fn the_admin_reads_who_did_what_when_in_the_audit_log(h: &Backend) {
    let device = Uuid::from_u128(0x5EC0_0A0D);
    assert_eq!(login(&h.url, "doradca1", "zle-haslo", device, None).0, 401);
    assert_eq!(login(&h.url, "doradca1", PASSWORD, device, None).0, 200);
    let office = h.token("biuro", 0x5EC0_0A0E);
    let case = h.held()[0].id;
    let (status, text) = h.post(
        &office,
        sync_proto::desk_paths::CLOSE,
        &serde_json::json!({ "case_id": case, "reason": "paid_in_full" }),
    );
    assert_eq!(status, 200, "{text}");
    let revoke = serde_json::json!({ "device_id": device });
    assert_eq!(h.post(&office, server::admin_paths::REVOKE, &revoke).0, 204);

    // Only the admin reads it.
    let read = serde_json::json!({ "limit": 50 });
    assert_eq!(h.post(&office, server::admin_paths::AUDIT, &read).0, 403);
    let admin = h.token("admin", 0x5EC0_0A0F);
    let (status, text) = h.post(&admin, server::admin_paths::AUDIT, &read);
    assert_eq!(status, 200, "{text}");
    let page: AuditPageDto = serde_json::from_str(&text).unwrap();
    // Newest first: the admin's own login, the revocation, the closure,
    // the back office's login, the advisor's login, the failure.
    let seen: Vec<(AuditAction, &str, String)> = page
        .entries
        .iter()
        .map(|e| (e.action.clone(), e.actor_name.as_str(), e.subject.clone()))
        .collect();
    let want = [
        (
            AuditAction::Login,
            "admin",
            Uuid::from_u128(0x5EC0_0A0F).to_string(),
        ),
        (AuditAction::DeviceRevoked, "biuro", device.to_string()),
        (AuditAction::CaseClosed, "biuro", case.to_string()),
        (
            AuditAction::Login,
            "biuro",
            Uuid::from_u128(0x5EC0_0A0E).to_string(),
        ),
        (AuditAction::Login, "doradca1", device.to_string()),
        (AuditAction::LoginFailed, "doradca1", "doradca1".to_string()),
    ];
    let got: Vec<(AuditAction, String, String)> = seen
        .iter()
        .take(6)
        .map(|(a, n, s)| (a.clone(), n.to_string(), s.clone()))
        .collect();
    let want: Vec<(AuditAction, String, String)> = want
        .into_iter()
        .map(|(a, n, s)| (a, n.to_string(), s))
        .collect();
    assert_eq!(got, want);
    let failed = &page.entries[5];
    assert_eq!(
        failed.actor, None,
        "a failure names the login typed, no user"
    );
    assert!(failed.detail.contains("127.0.0.1"), "{failed:?}");
    assert!(page.entries[1].actor.is_some());
    assert!(page.entries.windows(2).all(|w| w[0].seq > w[1].seq));
    // Paged: two at a time, the same entries.
    let first: AuditPageDto = serde_json::from_str(
        &h.post(
            &admin,
            server::admin_paths::AUDIT,
            &serde_json::json!({ "limit": 2 }),
        )
        .1,
    )
    .unwrap();
    assert_eq!(first.entries[..], page.entries[..2]);
    let second: AuditPageDto = serde_json::from_str(
        &h.post(
            &admin,
            server::admin_paths::AUDIT,
            &serde_json::json!({ "limit": 2, "before": first.before }),
        )
        .1,
    )
    .unwrap();
    assert_eq!(second.entries[..], page.entries[2..4]);
    for bad in [
        serde_json::json!({ "limit": 0 }),
        serde_json::json!({ "limit": 201 }),
        serde_json::json!({ "before": "x" }),
    ] {
        assert_eq!(
            h.post(&admin, server::admin_paths::AUDIT, &bad).0,
            400,
            "{bad}"
        );
    }
}
