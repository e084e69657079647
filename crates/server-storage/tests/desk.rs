//! The desk's storage stories (issue #12): the portfolio search index kept
//! by every case write, devices' last sync as reported, users disabled
//! once, on every backend (SQLite file; PostgreSQL schema
//! when `PARTNER_TEST_DATABASE_URL` is set, as in stories.rs).

use chrono::NaiveDate;
use server_storage::{
    testing::TestSchema, AuditedStorage, PgStorage, SqliteStorage, SEARCH_COUNT_CAP,
    SEARCH_PAGE_MAX,
};
use sync_proto::{CaseFileDto, PhoneDto};
use uuid::Uuid;

macro_rules! stories {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(#[test] fn $story() { super::on_sqlite(super::$story) })*
        }
        mod postgres {
            $(#[test] fn $story() { super::on_postgres(stringify!($story), super::$story) })*
        }
    };
}

stories!(
    the_portfolio_is_found_by_number_name_pesel_phone_and_town,
    search_pages_are_bounded_and_the_total_is_capped,
    the_index_follows_every_write_and_a_closed_case_is_held_by_nobody,
    devices_report_their_sync_and_users_are_disabled_once,
);

fn on_sqlite(story: fn(&dyn AuditedStorage)) {
    let dir = tempfile::TempDir::new().unwrap();
    let s = SqliteStorage::open(&dir.path().join("server.sqlite")).unwrap();
    story(&s);
}

fn on_postgres(name: &str, story: fn(&dyn AuditedStorage)) {
    let Some(schema) = TestSchema::create(&format!("desk_{name}")) else {
        return;
    };
    let s = PgStorage::connect(&schema.url).unwrap();
    story(&s);
}

/// A demo case made into `n`: its own id, number, name, PESEL, phone, town.
fn case(n: u128, first: &str, last: &str, pesel: &str, phone: &str, town: &str) -> CaseFileDto {
    let p = demo::generate(&demo::DemoConfig {
        seed: 21,
        cases: 1,
        advisors: 1,
        today: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
    });
    let mut f = CaseFileDto::from(&p.cases[0]);
    f.id = Uuid::from_u128(0xdead_0000 + n);
    f.number = format!("WRO/2026/{n:05}");
    f.status = "new".into();
    for (i, a) in f.activities.iter_mut().enumerate() {
        a.id = Uuid::from_u128(f.id.as_u128() << 16 | i as u128);
    }
    f.debtor.first_name = first.into();
    f.debtor.last_name = last.into();
    f.debtor.pesel = pesel.into();
    f.debtor.phones = vec![PhoneDto {
        id: Uuid::from_u128(0xbeef_0000 + n),
        number: phone.into(),
        kind: "mobile".into(),
        primary: true,
        mark: None,
    }];
    if let Some(a) = f.debtor.addresses.first_mut() {
        a.city = town.into();
    }
    f
}

fn numbers(s: &dyn AuditedStorage, q: &str) -> Vec<String> {
    s.search_cases(q, 0, 100)
        .unwrap()
        .rows
        .into_iter()
        .map(|r| r.number)
        .collect()
}

fn the_portfolio_is_found_by_number_name_pesel_phone_and_town(s: &dyn AuditedStorage) {
    s.put_case(&case(
        1,
        "Jan",
        "Wójcik",
        "80010112345",
        "669-372-500",
        "Łódź",
    ))
    .unwrap();
    s.put_case(&case(
        2,
        "Anna",
        "Wójcikowska",
        "48051201234",
        "+48 601 000 111",
        "Kraków",
    ))
    .unwrap();
    s.put_case(&case(
        3,
        "Piotr",
        "Nowak",
        "90020254321",
        "0048 602 222 333",
        "Łódź",
    ))
    .unwrap();
    assert_eq!(numbers(s, "WRO/2026/00002"), ["WRO/2026/00002"]);
    assert_eq!(numbers(s, "wro2026 00003"), ["WRO/2026/00003"]);
    // A surname is a prefix: "wojcik" finds Wójcik and Wójcikowska.
    assert_eq!(numbers(s, "wojcik"), ["WRO/2026/00001", "WRO/2026/00002"]);
    assert_eq!(numbers(s, "Jan Wójcik"), ["WRO/2026/00001"]);
    assert_eq!(numbers(s, "80010112345"), ["WRO/2026/00001"]);
    // A PESEL starting with 48 is not taken for a +48 phone.
    assert_eq!(numbers(s, "48051201234"), ["WRO/2026/00002"]);
    for typed in ["669-372-500", "+48 669 372 500", "0048669372500"] {
        assert_eq!(numbers(s, typed), ["WRO/2026/00001"], "{typed}");
    }
    assert_eq!(numbers(s, "602 222 333"), ["WRO/2026/00003"]);
    assert_eq!(numbers(s, "lodz"), ["WRO/2026/00001", "WRO/2026/00003"]);
    assert_eq!(numbers(s, "Nowak Łódź"), ["WRO/2026/00003"]);
    assert!(numbers(s, "Nowak Kraków").is_empty());
    assert!(numbers(s, "   ").is_empty());
    let page = s.search_cases("lodz", 0, 10).unwrap();
    assert_eq!((page.total, page.capped), (2, false));
    let row = &page.rows[0];
    assert_eq!(
        (row.name.as_str(), row.pesel.as_str(), row.town.as_str()),
        ("Jan Wójcik", "80010112345", "Łódź")
    );
    assert!(row.outstanding > rust_decimal::Decimal::ZERO);
    assert_eq!(s.index_unindexed().unwrap(), 0, "every write indexes");
}

fn search_pages_are_bounded_and_the_total_is_capped(s: &dyn AuditedStorage) {
    let n = u128::from(SEARCH_COUNT_CAP) + 5;
    let mut files: Vec<CaseFileDto> = (0..n)
        .map(|i| case(i, "Ewa", "Kowal", "", "", "Opole"))
        .collect();
    // Without a timeline, a thousand cases load quickly.
    for f in &mut files {
        f.activities.clear();
    }
    for f in &files {
        s.put_case(f).unwrap();
    }
    let first = s.search_cases("opole", 0, 500).unwrap();
    assert_eq!(first.rows.len(), SEARCH_PAGE_MAX as usize);
    assert_eq!((first.total, first.capped), (SEARCH_COUNT_CAP, true));
    assert_eq!(first.rows[0].number, "WRO/2026/00000");
    let next = s.search_cases("opole", 100, 100).unwrap();
    assert_eq!(next.rows[0].number, "WRO/2026/00100");
    let last = s.search_cases("kowal ewa", 1000, 100).unwrap();
    assert_eq!(last.rows.len(), 5);
    assert_eq!(last.rows[4].number, "WRO/2026/01004");
    let none = s.search_cases("opole", 5000, 100).unwrap();
    assert!(none.rows.is_empty());
    // A limit of 0 still answers one row.
    assert_eq!(s.search_cases("opole", 0, 0).unwrap().rows.len(), 1);
    // A rare word beside the town found everywhere: the three Nowaks of
    // Opole in number order, not the one of Łódź.
    for (i, town) in [
        (n + 3, "Opole"),
        (n + 1, "Łódź"),
        (n + 2, "Opole"),
        (n, "Opole"),
    ] {
        s.put_case(&case(i, "Jan", "Nowak", "", "", town)).unwrap();
    }
    let nowak = s.search_cases("opole nowak", 0, 100).unwrap();
    let got: Vec<&str> = nowak.rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(got, ["WRO/2026/01005", "WRO/2026/01007", "WRO/2026/01008"]);
    assert_eq!((nowak.total, nowak.capped), (3, false));
    // Two words both found everywhere still meet in number order.
    let both = s.search_cases("ewa opole", 998, 100).unwrap();
    let got: Vec<&str> = both.rows.iter().map(|r| r.number.as_str()).collect();
    assert_eq!(
        got,
        [
            "WRO/2026/00998",
            "WRO/2026/00999",
            "WRO/2026/01000",
            "WRO/2026/01001",
            "WRO/2026/01002",
            "WRO/2026/01003",
            "WRO/2026/01004"
        ]
    );
}

fn the_index_follows_every_write_and_a_closed_case_is_held_by_nobody(s: &dyn AuditedStorage) {
    let mut f = case(7, "Jan", "Wójcik", "80010112345", "669-372-500", "Łódź");
    s.put_case(&f).unwrap();
    let advisor = f.advisor_id;
    let hit = |q: &str| s.search_cases(q, 0, 10).unwrap().rows;
    assert_eq!(hit("wojcik")[0].advisor_id, Some(advisor));
    f.debtor.last_name = "Zieliński".into();
    f.debtor.phones.clear();
    f.status = "closed".into();
    s.put_case(&f).unwrap();
    assert!(hit("wojcik").is_empty(), "the old name is gone");
    assert!(hit("669372500").is_empty(), "the old phone is gone");
    let r = &hit("zielinski")[0];
    assert_eq!((r.status.as_str(), r.advisor_id), ("closed", None));
}

fn devices_report_their_sync_and_users_are_disabled_once(s: &dyn AuditedStorage) {
    use server_storage::{Device, StorageError, SyncReport, User};
    use sync_proto::Role;
    let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let at = |h: u32| day.and_hms_opt(h, 0, 0).unwrap();
    let user = |n: u128, name: &str, role: Role| User {
        id: Uuid::from_u128(0xA0 + n),
        login: format!("u{n}"),
        name: name.into(),
        role,
        password_hash: "x".into(),
        advisor: None,
        team_lead: None,
        offer_policy: None,
    };
    let anna = user(1, "Anna Nowak", Role::Advisor);
    let biuro = user(2, "Biuro Obsługi", Role::BackOffice);
    s.create_user(&anna).unwrap();
    s.create_user(&biuro).unwrap();
    for (n, owner, name) in [
        (1u128, &anna, "tablet"),
        (2, &anna, "telefon"),
        (3, &biuro, "pc"),
    ] {
        let d = Device {
            id: Uuid::from_u128(0xD0 + n),
            user_id: owner.id,
            name: name.into(),
            expires_at: at(23),
            revoked: false,
            handover: false,
            revoked_at: None,
        };
        s.register_device(&d, &format!("hash{n}")).unwrap();
    }
    // The tablet synced at 9 with 3 waiting, the phone at 11 with none;
    // the PC never: the latest first, the never-synced last.
    s.record_sync(&SyncReport {
        device: Uuid::from_u128(0xD1),
        at: at(9),
        pending: Some(3),
        app_version: Some("0.4.1"),
    })
    .unwrap();
    s.record_sync(&SyncReport {
        device: Uuid::from_u128(0xD2),
        at: at(11) + chrono::Duration::milliseconds(400),
        pending: Some(0),
        app_version: Some("0.4.2"),
    })
    .unwrap();
    let all = s.devices(0, 10).unwrap();
    let names: Vec<&str> = all.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(names, ["telefon", "tablet", "pc"]);
    assert_eq!(all[0].last_sync, Some(at(11)), "whole seconds");
    assert_eq!(all[1].pending, Some(3));
    assert_eq!(all[1].app_version.as_deref(), Some("0.4.1"));
    assert_eq!((all[1].login.as_str(), all[1].role), ("u1", Role::Advisor));
    assert_eq!(all[2].last_sync, None);
    assert_eq!(all[2].pending, None);
    let page: Vec<String> = s
        .devices(1, 1)
        .unwrap()
        .into_iter()
        .map(|d| d.name)
        .collect();
    assert_eq!(page, ["tablet"]);
    s.revoke_device(
        Uuid::from_u128(0xD1),
        sync_proto::RevokeMode::Lost,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
    )
    .unwrap();
    assert!(s.devices(0, 10).unwrap()[1].revoked);

    // Users by name; disabled once, 409 the second time; enabled again.
    let users: Vec<String> = s
        .users(0, 10)
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(users, ["Anna Nowak", "Biuro Obsługi"]);
    assert!(!s.user_disabled(anna.id).unwrap());
    let u = s.set_user_disabled(anna.id, true).unwrap();
    assert!(u.disabled);
    assert!(s.user_disabled(anna.id).unwrap());
    assert!(s
        .devices(0, 10)
        .unwrap()
        .iter()
        .filter(|d| d.user_id == anna.id)
        .all(|d| d.user_disabled));
    assert!(matches!(
        s.set_user_disabled(anna.id, true),
        Err(StorageError::Conflict(_))
    ));
    assert!(!s.set_user_disabled(anna.id, false).unwrap().disabled);
    assert!(matches!(
        s.set_user_disabled(anna.id, false),
        Err(StorageError::Conflict(_))
    ));
    assert!(matches!(
        s.set_user_disabled(Uuid::from_u128(0xFFFF), true),
        Err(StorageError::NotFound(_))
    ));
    assert!(!s.user_disabled(Uuid::from_u128(0xFFFF)).unwrap());
}
