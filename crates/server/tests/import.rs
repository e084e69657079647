//! Portfolio import into the server's storage (issue 13), each story on a
//! fresh SQLite file and, when `PARTNER_TEST_DATABASE_URL` is set, in a
//! fresh PostgreSQL schema (as the storage stories run); and the real
//! `partner-server import` command on a SQLite file.

use chrono::NaiveDate;
use import::{Column, Encoding, ParseOptions, Problem};
use rust_decimal::Decimal;
use server::portfolio::{import, ImportOptions, ImportReport};
use server_storage::{testing::TestSchema, PgStorage, SqliteStorage, Storage, User};
use sync_proto::{AdvisorDto, Change, Role};
use uuid::Uuid;

const SAMPLE: &[u8] = include_bytes!("../../../tests/data/portfolio-sample.csv");
const BROKEN: &[u8] = include_bytes!("../../../tests/data/portfolio-broken.csv");

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
    the_sample_imports_and_a_second_import_changes_nothing,
    a_lowered_balance_updates_only_its_case_and_reaches_the_feed,
    the_broken_file_is_refused_whole_unless_the_valid_rows_are_chosen,
    a_new_case_needs_a_known_advisor_and_an_existing_one_keeps_its_own,
    what_the_server_recorded_on_a_case_survives_a_re_import,
);

fn on_sqlite(story: fn(&dyn Storage)) {
    let dir = tempfile::TempDir::new().unwrap();
    let s = SqliteStorage::open(&dir.path().join("server.sqlite")).unwrap();
    story(&s);
}

fn on_postgres(name: &str, story: fn(&dyn Storage)) {
    let Some(schema) = TestSchema::create(name) else {
        return;
    };
    let s = PgStorage::connect(&schema.url).unwrap();
    story(&s);
}

const ADVISOR: Uuid = Uuid::from_u128(0xA1);
const OTHER_ADVISOR: Uuid = Uuid::from_u128(0xA2);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 6).unwrap()
}

fn advisor(s: &dyn Storage, id: Uuid, login: &str) {
    s.create_user(&User {
        id,
        login: login.into(),
        name: format!("Doradca {login}"),
        role: Role::Advisor,
        password_hash: "not used".into(),
        advisor: Some(AdvisorDto {
            id,
            name: format!("Doradca {login}"),
            base_lat: 50.06,
            base_lon: 19.94,
            base_label: "Kraków".into(),
        }),
        team_lead: None,
        offer_policy: None,
    })
    .unwrap();
}

fn setup(s: &dyn Storage) {
    advisor(s, ADVISOR, "doradca1");
    advisor(s, OTHER_ADVISOR, "doradca2");
}

fn options() -> ImportOptions {
    ImportOptions {
        parse: ParseOptions::default(),
        dry_run: false,
        valid_rows: false,
        today: today(),
    }
}

fn run(s: &dyn Storage, bytes: &[u8], o: ImportOptions) -> ImportReport {
    import(s, bytes, &o).unwrap()
}

/// The (created, updated, unchanged, written) of a report.
fn counts(r: &ImportReport) -> (usize, usize, usize, bool) {
    (r.created, r.updated, r.unchanged, r.written)
}

/// The advisor's download after `cursor`: the cases' ids and the next cursor.
fn feed(s: &dyn Storage, who: Uuid, cursor: u64) -> (Vec<Change>, u64) {
    let page = s.changes(who, cursor, 1000).unwrap();
    assert!(!page.more);
    (page.changes, page.next_cursor)
}

fn case_key(number: &str, creditor: &str) -> Uuid {
    import::CaseKey {
        creditor: creditor.into(),
        number: number.into(),
    }
    .case_id()
    .0
}

/// The sample with one cell of one line replaced (Windows-1250 kept).
fn sample_with(line: usize, from: &str, to: &str) -> Vec<u8> {
    let (text, _, _) = encoding_rs::WINDOWS_1250.decode(SAMPLE);
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_owned).collect();
    assert!(lines[line - 1].contains(from), "{}", lines[line - 1]);
    lines[line - 1] = lines[line - 1].replacen(from, to, 1);
    let joined = lines.join("\r\n");
    let (bytes, _, bad) = encoding_rs::WINDOWS_1250.encode(&joined);
    assert!(!bad);
    bytes.into_owned()
}

fn the_sample_imports_and_a_second_import_changes_nothing(s: &dyn Storage) {
    setup(s);
    let first = run(s, SAMPLE, options());
    assert_eq!(first.errors, vec![]);
    assert_eq!(first.rows, 21);
    assert_eq!(counts(&first), (20, 0, 0, true));
    assert_eq!(first.rejected_csv, None);
    let (changes, cursor) = feed(s, ADVISOR, 0);
    assert_eq!(changes.len(), 20);

    // The two-debt case as stored: 1 234,56 + 350,00 principal, 78,90 +
    // 12,34 interest, 40,00 costs.
    let id = case_key("PT/2026/001001", "Orange Polska S.A.");
    let stored = s.case(id).unwrap().expect("the case is stored");
    assert_eq!(stored.advisor_id, ADVISOR);
    assert_eq!(stored.status, domain::CaseStatus::New.code());
    assert_eq!(stored.opened_on, today());
    assert_eq!(stored.debtor.pesel, "78031412356");
    assert_eq!(stored.debtor.last_name, "Brzęczyszczykiewicz");
    let amounts: Vec<(Decimal, Decimal, Decimal)> = stored
        .debts
        .iter()
        .map(|d| (d.principal, d.interest, d.costs))
        .collect();
    assert_eq!(
        amounts,
        vec![
            (
                Decimal::new(1234_56, 2),
                Decimal::new(78_90, 2),
                Decimal::new(40_00, 2)
            ),
            (
                Decimal::new(350_00, 2),
                Decimal::new(12_34, 2),
                Decimal::ZERO
            ),
        ]
    );
    let file = domain::CaseFile::try_from(&stored).unwrap();
    assert_eq!(
        file.outstanding().total().amount(),
        Decimal::new(1715_80, 2)
    );

    // The same file again: nothing written, nothing new to download, and
    // the case reads back the same.
    let second = run(s, SAMPLE, options());
    assert_eq!(counts(&second), (0, 0, 20, true));
    assert_eq!(feed(s, ADVISOR, cursor), (vec![], cursor));
    assert_eq!(s.case(id).unwrap(), Some(stored));
    // Also in UTF-8 with commas it is the same portfolio.
    let (text, _, _) = encoding_rs::WINDOWS_1250.decode(SAMPLE);
    let third = run(
        s,
        text.as_bytes(),
        ImportOptions {
            parse: ParseOptions {
                encoding: Some(Encoding::Utf8),
            },
            ..options()
        },
    );
    assert_eq!(counts(&third), (0, 0, 20, true));
    assert_eq!(feed(s, ADVISOR, cursor), (vec![], cursor));
}

fn a_lowered_balance_updates_only_its_case_and_reaches_the_feed(s: &dyn Storage) {
    setup(s);
    run(s, SAMPLE, options());
    let (_, cursor) = feed(s, ADVISOR, 0);
    let id = case_key("PT/2026/001003", "PGE Obrót S.A.");
    let debt_before = s.case(id).unwrap().unwrap().debts[0].id;
    // Line 5, PT/2026/001003: principal 1 951,74 lowered to 1 500,00.
    let lowered = sample_with(5, ";1951,74;", ";1500,00;");
    let dry = run(
        s,
        &lowered,
        ImportOptions {
            dry_run: true,
            ..options()
        },
    );
    assert_eq!(counts(&dry), (0, 1, 19, false));
    assert_eq!(feed(s, ADVISOR, cursor), (vec![], cursor));

    let report = run(s, &lowered, options());
    assert_eq!(counts(&report), (0, 1, 19, true));
    let (changes, next) = feed(s, ADVISOR, cursor);
    let [Change::Upsert { file }] = changes.as_slice() else {
        panic!("one upsert expected: {changes:?}")
    };
    assert_eq!(file.id, id);
    assert_eq!(file.debts.len(), 1);
    assert_eq!(file.debts[0].principal, Decimal::new(1500_00, 2));
    assert_eq!(file.debts[0].interest, Decimal::new(118_22, 2));
    assert_eq!(file.debts[0].costs, Decimal::new(54_00, 2));
    // The debt keeps its id: the device updates it, it does not add one.
    assert_eq!(file.debts[0].id, debt_before);
    // Once more: nothing.
    let again = run(s, &lowered, options());
    assert_eq!(counts(&again), (0, 0, 20, true));
    assert_eq!(feed(s, ADVISOR, next), (vec![], next));
}

fn the_broken_file_is_refused_whole_unless_the_valid_rows_are_chosen(s: &dyn Storage) {
    setup(s);
    let refused = run(s, BROKEN, options());
    let got: Vec<_> = refused
        .errors
        .iter()
        .map(|e| (e.line, e.column, e.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                6,
                Some(Column::Pesel),
                "Nieprawidłowa cyfra kontrolna numeru PESEL"
            ),
            (
                11,
                Some(Column::Principal),
                "Kwota to liczba z najwyżej dwoma miejscami po przecinku, np. 1 234,56"
            ),
            (
                16,
                Some(Column::PostalCode),
                "Kod pocztowy ma postać 00-000"
            ),
        ]
    );
    assert!(!refused.written);
    assert_eq!(feed(s, ADVISOR, 0).0, vec![]);
    assert_eq!(
        s.case(case_key("PT/2026/001002", "Bank Pekao S.A."))
            .unwrap(),
        None
    );

    let valid = run(
        s,
        BROKEN,
        ImportOptions {
            valid_rows: true,
            ..options()
        },
    );
    assert_eq!(counts(&valid), (17, 0, 0, true));
    assert_eq!(valid.errors.len(), 3);
    let csv = valid.rejected_csv.expect("the rejected rows");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(lines[1].starts_with("PT/2026/001004;"));
    assert!(lines[2].starts_with("PT/2026/001009;"));
    assert!(lines[3].starts_with("PT/2026/001014;"));
    assert_eq!(feed(s, ADVISOR, 0).0.len(), 17);
    assert_eq!(
        s.case(case_key("PT/2026/001004", "Provident Polska S.A."))
            .unwrap(),
        None
    );

    // The fixed sample brings the three, and leaves the 17 as they are.
    let rest = run(s, SAMPLE, options());
    assert_eq!(counts(&rest), (3, 0, 17, true));
}

fn a_new_case_needs_a_known_advisor_and_an_existing_one_keeps_its_own(s: &dyn Storage) {
    setup(s);
    // Line 5 (PT/2026/001003) with no advisor, line 7 with an unknown one.
    let no_advisor = sample_with(5, ";doradca1;", ";;");
    let unknown = sample_with(7, ";doradca1;", ";doradca9;");
    let r = run(s, &no_advisor, options());
    let got: Vec<_> = r
        .errors
        .iter()
        .map(|e| (e.line, e.column, e.problem.clone()))
        .collect();
    assert_eq!(got, vec![(5, Some(Column::Advisor), Problem::NoAdvisor)]);
    assert_eq!(r.errors[0].message, "Brak doradcy");
    assert!(!r.written);
    let r = run(s, &unknown, options());
    assert_eq!(
        r.errors
            .iter()
            .map(|e| (e.line, e.problem.clone()))
            .collect::<Vec<_>>(),
        vec![(7, Problem::UnknownAdvisor("doradca9".into()))]
    );
    assert!(!r.written);

    // Once imported, a row without an advisor keeps the case's; a row
    // naming another advisor moves the case to them.
    assert_eq!(counts(&run(s, SAMPLE, options())), (20, 0, 0, true));
    let (_, cursor) = feed(s, ADVISOR, 0);
    assert_eq!(counts(&run(s, &no_advisor, options())), (0, 0, 20, true));
    let moved = sample_with(5, ";doradca1;", ";doradca2;");
    assert_eq!(counts(&run(s, &moved, options())), (0, 1, 19, true));
    let id = case_key("PT/2026/001003", "PGE Obrót S.A.");
    assert_eq!(
        feed(s, ADVISOR, cursor).0,
        vec![Change::Remove { case_id: id }]
    );
    let (theirs, _) = feed(s, OTHER_ADVISOR, 0);
    assert!(matches!(theirs.as_slice(), [Change::Upsert { file }] if file.id == id));
}

fn what_the_server_recorded_on_a_case_survives_a_re_import(s: &dyn Storage) {
    setup(s);
    run(s, SAMPLE, options());
    let id = case_key("PT/2026/001001", "Orange Polska S.A.");
    // The advisor visited and added a phone the file does not know.
    s.change_case(id, &|mut f| {
        f.status = domain::CaseStatus::Visited.code().into();
        let mut phone = f.debtor.phones[0].clone();
        phone.id = Uuid::from_u128(0xF00);
        phone.number = "+48511222333".into();
        phone.primary = false;
        f.debtor.phones.push(phone);
        Ok(f)
    })
    .unwrap();
    let (_, cursor) = feed(s, ADVISOR, 0);
    let before = s.case(id).unwrap().unwrap();
    assert_eq!(counts(&run(s, SAMPLE, options())), (0, 0, 20, true));
    assert_eq!(s.case(id).unwrap().unwrap(), before);
    assert_eq!(feed(s, ADVISOR, cursor), (vec![], cursor));
    // A new phone in the file is added beside them, the first one stays
    // primary.
    let more = sample_with(2, "600 123 456|", "600 123 456|733 444 555|");
    assert_eq!(counts(&run(s, &more, options())), (0, 1, 19, true));
    let after = s.case(id).unwrap().unwrap();
    assert_eq!(after.status, domain::CaseStatus::Visited.code());
    let phones: Vec<(&str, bool)> = after
        .debtor
        .phones
        .iter()
        .map(|p| (p.number.as_str(), p.primary))
        .collect();
    assert_eq!(
        phones,
        vec![
            ("+48600123456", true),
            ("+48124210011", false),
            ("+48698111222", false),
            ("+48511222333", false),
            ("+48733444555", false),
        ]
    );
}

/// The real binary: a dry run, an import, a re-import, and a broken file
/// with its rejected rows written.
#[test]
fn the_command_line_imports_and_reports() {
    let dir = tempfile::TempDir::new().unwrap();
    let db = dir.path().join("server.sqlite");
    {
        let s = SqliteStorage::open(&db).unwrap();
        setup(&s);
    }
    let sample = dir.path().join("sample.csv");
    std::fs::write(&sample, SAMPLE).unwrap();
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, BROKEN).unwrap();
    let rejected = dir.path().join("rejected.csv");
    let cli = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_partner-server"))
            .arg("import")
            .args(args)
            .args(["--db", db.to_str().unwrap()])
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let p = sample.to_str().unwrap();
    let (code, out, err) = cli(&[p, "--dry-run", "--encoding", "windows-1250"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("wierszy: 21\nsprawy utworzone: 20\n"), "{out}");
    assert!(out.contains("nic nie zapisano"), "{out}");
    let (code, out, _) = cli(&[p]);
    assert_eq!(code, Some(0));
    assert!(out.contains("sprawy utworzone: 20\nsprawy zaktualizowane: 0\nsprawy bez zmian: 0\nbłędy: 0\nzapisano\n"), "{out}");
    let (_, out, _) = cli(&[p]);
    assert!(
        out.contains("sprawy utworzone: 0\nsprawy zaktualizowane: 0\nsprawy bez zmian: 20\n"),
        "{out}"
    );

    let b = broken.to_str().unwrap();
    let (code, out, _) = cli(&[b]);
    assert_eq!(code, Some(1));
    assert!(out.contains("błędy: 3\n"), "{out}");
    assert!(
        out.contains("wiersz 6, kolumna pesel: Nieprawidłowa cyfra kontrolna numeru PESEL\n"),
        "{out}"
    );
    assert!(out.contains("wiersz 11, kolumna kapital: "), "{out}");
    assert!(
        out.contains("wiersz 16, kolumna kod_pocztowy: Kod pocztowy ma postać 00-000\n"),
        "{out}"
    );
    let (code, out, _) = cli(&[b, "--valid-rows", rejected.to_str().unwrap()]);
    assert_eq!(code, Some(2), "{out}");
    // The 17 valid cases are the sample's, imported before: unchanged.
    assert!(out.contains("sprawy bez zmian: 17\n"), "{out}");
    let text = std::fs::read_to_string(&rejected).unwrap();
    assert_eq!(text.lines().count(), 4, "{text}");

    let (code, _, err) = cli(&[p, "--encoding", "latin2"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("unknown encoding latin2"), "{err}");
}
