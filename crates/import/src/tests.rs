use super::*;
use domain::validate::ValidationError;
use domain::PhoneKind;
use rust_decimal_macros::dec;

const SAMPLE: &[u8] = include_bytes!("../../../tests/data/portfolio-sample.csv");
const BROKEN: &[u8] = include_bytes!("../../../tests/data/portfolio-broken.csv");

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn money(d: rust_decimal::Decimal) -> Money {
    Money::new(d)
}

fn detect(bytes: &[u8]) -> Portfolio {
    parse(bytes, &ParseOptions::default())
}

#[test]
fn the_sample_is_windows_1250_with_semicolons_and_has_twenty_cases() {
    let p = detect(SAMPLE);
    assert_eq!(p.errors, vec![]);
    assert_eq!(p.encoding, Encoding::Windows1250);
    assert_eq!(p.delimiter, b';');
    assert_eq!(p.rows, 21);
    assert_eq!(p.cases.len(), 20);
    let two: Vec<_> = p.cases.iter().filter(|c| c.debts.len() == 2).collect();
    assert_eq!(two.len(), 1);
    assert_eq!(two[0].key.number, "PT/2026/001001");
    // Every case's id is its (creditor, number)'s, and they differ.
    let ids: std::collections::HashSet<_> = p.cases.iter().map(|c| c.id()).collect();
    assert_eq!(ids.len(), 20);
}

#[test]
fn the_first_case_of_the_sample_field_by_field() {
    let p = detect(SAMPLE);
    let c = &p.cases[0];
    assert_eq!(
        c.key,
        CaseKey {
            creditor: "Orange Polska S.A.".into(),
            number: "PT/2026/001001".into()
        }
    );
    assert_eq!(c.lines, vec![2, 3]);
    assert_eq!(c.advisor.as_deref(), Some("doradca1"));
    assert_eq!(c.territory.as_deref(), Some("małopolska"));
    let d = &c.debtor;
    assert_eq!(d.first_name, "Grzegorz");
    assert_eq!(d.last_name, "Brzęczyszczykiewicz");
    assert_eq!(d.pesel, "78031412356");
    assert_eq!(d.birth_date, ymd(1978, 3, 14));
    // The second row repeats the first phone in another spelling and adds
    // one: each number once, the first primary.
    assert_eq!(
        d.phones,
        vec!["+48600123456", "+48124210011", "+48698111222"]
    );
    assert_eq!(d.emails, vec!["grzegorz.b@example.pl"]);
    assert_eq!(
        d.residence,
        ImportedAddress {
            street: "ul. Źródlana 7/3".into(),
            postal_code: "30-001".into(),
            city: "Kraków".into()
        }
    );
    assert_eq!(
        d.correspondence,
        Some(ImportedAddress {
            street: "skr. poczt. 12".into(),
            postal_code: "30-960".into(),
            city: "Kraków".into()
        })
    );

    // "1 234,56" / "78,90" / "40,00" and "350,00" / "12,34" / "" (no costs).
    let [a, b] = c.debts.as_slice() else {
        panic!("two debts expected, got {:?}", c.debts)
    };
    assert_eq!(a.title, "Umowa nr 100/2019");
    assert_eq!(a.creditor_kind, CreditorKind::Telecom);
    assert_eq!(a.claim_kind, ClaimKind::Periodic);
    assert_eq!(a.outstanding.principal, money(dec!(1234.56)));
    assert_eq!(a.outstanding.interest, money(dec!(78.90)));
    assert_eq!(a.outstanding.costs, money(dec!(40.00)));
    assert_eq!(a.outstanding.total(), money(dec!(1353.46)));
    assert_eq!(a.due_since, ymd(2022, 3, 15));
    assert_eq!(a.interest_from, Some(ymd(2022, 3, 16)));
    // Three years from 15.03.2022, to the end of that calendar year.
    assert_eq!(a.limitation_date, ymd(2025, 12, 31));
    assert_eq!(b.title, "Kara umowna nr 100/2019");
    assert_eq!(b.outstanding.principal, money(dec!(350.00)));
    assert_eq!(b.outstanding.interest, money(dec!(12.34)));
    assert_eq!(b.outstanding.costs, Money::ZERO);
    assert_eq!(b.due_since, ymd(2022, 4, 30));
    assert_eq!(b.interest_from, None);
    assert_eq!(b.limitation_date, ymd(2025, 12, 31));

    // As a domain case file: 1 584,56 + 91,24 + 40,00 = 1 715,80 zł.
    let advisor = AdvisorId(Uuid::from_u128(7));
    let f = c.case_file(advisor, ymd(2026, 12, 6));
    assert_eq!(f.case.id, c.key.case_id());
    assert_eq!(f.case.number, "PT/2026/001001");
    assert_eq!(f.case.advisor_id, advisor);
    assert_eq!(f.case.status, CaseStatus::New);
    assert_eq!(f.case.opened_on, ymd(2026, 12, 6));
    assert_eq!(f.case.debtor_id, f.debtor.id);
    let out = f.outstanding();
    assert_eq!(out.principal, money(dec!(1584.56)));
    assert_eq!(out.interest, money(dec!(91.24)));
    assert_eq!(out.costs, money(dec!(40.00)));
    assert_eq!(out.total(), money(dec!(1715.80)));
    assert!(f.debts.iter().all(|x| x.case_id == f.case.id));
    assert!(f
        .debts
        .iter()
        .all(|x| x.original_creditor == "Orange Polska S.A."));
    let kinds: Vec<_> = f
        .debtor
        .phones
        .iter()
        .map(|p| (p.kind, p.primary))
        .collect();
    assert_eq!(
        kinds,
        vec![
            (PhoneKind::Mobile, true),
            (PhoneKind::Landline, false),
            (PhoneKind::Mobile, false)
        ]
    );
    let addresses: Vec<_> = f.debtor.addresses.iter().map(|a| a.kind).collect();
    assert_eq!(
        addresses,
        vec![AddressKind::Residence, AddressKind::Correspondence]
    );
    assert_eq!(
        f.debtor.visit_address().unwrap().one_line(),
        "ul. Źródlana 7/3, 30-001 Kraków"
    );
}

#[test]
fn ids_are_stable_per_creditor_and_case_number() {
    let a = detect(SAMPLE);
    let b = detect(SAMPLE);
    let day = ymd(2026, 1, 2);
    let adv = AdvisorId(Uuid::from_u128(1));
    assert_eq!(
        a.cases[0].case_file(adv, day),
        b.cases[0].case_file(adv, day)
    );
    let key = |creditor: &str, number: &str| {
        CaseKey {
            creditor: creditor.into(),
            number: number.into(),
        }
        .case_id()
    };
    assert_eq!(key("A", "1"), key("A", "1"));
    assert_ne!(key("A", "1"), key("B", "1"));
    assert_ne!(key("A B", "C"), key("A", "B C"));
}

#[test]
fn the_broken_copy_has_exactly_three_errors_with_their_lines_and_columns() {
    let p = detect(BROKEN);
    let got: Vec<_> = p
        .errors
        .iter()
        .map(|e| (e.line, e.column, e.problem.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                6,
                Some(Column::Pesel),
                Problem::Invalid(ValidationError::PeselChecksum)
            ),
            (
                11,
                Some(Column::Principal),
                Problem::Invalid(ValidationError::AmountFormat)
            ),
            (
                16,
                Some(Column::PostalCode),
                Problem::Invalid(ValidationError::PostalCodeFormat)
            ),
        ]
    );
    assert_eq!(
        p.errors[0].to_string(),
        "wiersz 6, kolumna pesel: Nieprawidłowa cyfra kontrolna numeru PESEL"
    );
    assert_eq!(p.errors[0].message_en, "the PESEL check digit is wrong");
    assert!(!p.refused_whole());
    // The other 17 cases are valid.
    assert_eq!(p.cases.len(), 17);
    let numbers: Vec<_> = p.cases.iter().map(|c| c.key.number.as_str()).collect();
    for bad in ["PT/2026/001004", "PT/2026/001009", "PT/2026/001014"] {
        assert!(!numbers.contains(&bad), "{bad} should be rejected");
    }
}

#[test]
fn the_rejected_rows_come_back_as_csv_with_an_error_column() {
    let p = detect(BROKEN);
    let csv = p.rejected_csv(&p.errors);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 4, "{csv}");
    assert!(lines[0].starts_with("numer_sprawy;wierzyciel;"));
    assert!(lines[0].ends_with(";bledy"));
    assert!(lines[1]
        .starts_with("PT/2026/001004;Provident Polska S.A.;pożyczka;Zofia;Kowalczyk;62010945680;"));
    assert!(lines[1].ends_with(";pesel: Nieprawidłowa cyfra kontrolna numeru PESEL"));
    assert!(lines[2].contains(";1 234,567;"));
    assert!(lines[3].ends_with(";kod_pocztowy: Kod pocztowy ma postać 00-000"));
    // The file to fix reads back with the same rows and the same errors.
    let again = detect(csv.as_bytes());
    assert_eq!(again.encoding, Encoding::Utf8);
    let cols: Vec<_> = again.errors.iter().map(|e| e.column).collect();
    // "bledy" is no column of the format: the clerk drops it after fixing.
    assert_eq!(cols, vec![None]);
}

#[test]
fn utf8_with_a_bom_and_comma_delimiters_read_the_same() {
    let (text, _, _) = encoding_rs::WINDOWS_1250.decode(SAMPLE);
    let mut utf8 = b"\xEF\xBB\xBF".to_vec();
    utf8.extend_from_slice(text.as_bytes());
    let a = detect(SAMPLE);
    let b = detect(&utf8);
    assert_eq!(b.encoding, Encoding::Utf8);
    assert_eq!(b.errors, vec![]);
    assert_eq!(a.cases, b.cases);

    // The same file with commas: amounts with a decimal comma are quoted.
    let mut w = csv::WriterBuilder::new()
        .delimiter(b',')
        .from_writer(Vec::new());
    let mut r = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.as_bytes());
    for rec in r.records() {
        w.write_record(&rec.unwrap()).unwrap();
    }
    let commas = w.into_inner().unwrap();
    let c = detect(&commas);
    assert_eq!(c.delimiter, b',');
    assert_eq!(c.errors, vec![]);
    assert_eq!(a.cases, c.cases);
}

#[test]
fn an_explicit_encoding_is_obeyed() {
    let p = parse(
        SAMPLE,
        &ParseOptions {
            encoding: Some(Encoding::Utf8),
        },
    );
    let got: Vec<_> = p
        .errors
        .iter()
        .map(|e| (e.line, e.problem.clone()))
        .collect();
    assert_eq!(got, vec![(2, Problem::NotUtf8)]);
    assert!(p.refused_whole());
    assert!(p.cases.is_empty());
    let w = parse(
        SAMPLE,
        &ParseOptions {
            encoding: Some(Encoding::Windows1250),
        },
    );
    assert_eq!(w.cases, detect(SAMPLE).cases);
    assert_eq!(
        Encoding::from_name("Windows-1250"),
        Some(Encoding::Windows1250)
    );
    assert_eq!(Encoding::from_name("utf8"), Some(Encoding::Utf8));
    assert_eq!(Encoding::from_name("latin2"), None);
}

const HEADER: &str = "numer_sprawy;wierzyciel;rodzaj_wierzyciela;imie;nazwisko;pesel;ulica;kod_pocztowy;miejscowosc;kapital;odsetki;koszty;data_wymagalnosci;rodzaj_roszczenia;data_urodzenia;telefony;doradca";

/// A file of the short header with the given rows.
fn file(rows: &[&str]) -> Vec<u8> {
    let mut s = format!("{HEADER}\n");
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s.into_bytes()
}

const GOOD: &str = "K/1;Bank A;bank;Jan;Nowak;78031412356;ul. Polna 1;30-001;Kraków;1234,56;0;;01.02.2023;ogólne;;600123456;doradca1";

fn errors_of(rows: &[&str]) -> Vec<(u64, Option<Column>, Problem)> {
    detect(&file(rows))
        .errors
        .into_iter()
        .map(|e| (e.line, e.column, e.problem))
        .collect()
}

#[test]
fn each_rule_of_a_row_reports_its_column() {
    assert_eq!(errors_of(&[GOOD]), vec![]);
    let bad = |from: &str, to: &str| GOOD.replacen(from, to, 1);
    let cases: Vec<(String, Column, Problem)> = vec![
        (bad("K/1;", ";"), Column::CaseNumber, Problem::Missing),
        (bad(";Jan;", ";;"), Column::FirstName, Problem::Missing),
        (
            bad("bank;Jan", "sklep;Jan"),
            Column::CreditorKind,
            Problem::CreditorKind,
        ),
        (
            bad("ogólne", "roczne"),
            Column::ClaimType,
            Problem::ClaimType,
        ),
        (
            bad("01.02.2023", "31.02.2023"),
            Column::DueDate,
            Problem::Date,
        ),
        (
            bad("1234,56", "-5"),
            Column::Principal,
            Problem::Invalid(ValidationError::AmountNegative),
        ),
        (
            bad("1234,56", ""),
            Column::Principal,
            Problem::Invalid(ValidationError::AmountEmpty),
        ),
        (
            bad("1234,56", "1.234,56"),
            Column::Principal,
            Problem::Invalid(ValidationError::AmountFormat),
        ),
        (
            bad("600123456", "600123456|12345"),
            Column::Phones,
            Problem::Invalid(ValidationError::PhoneLength),
        ),
        (
            bad(";;600", ";15.03.1978;600"),
            Column::BirthDate,
            Problem::BirthDateNotPesel,
        ),
        (
            bad("78031412356", "7803141235"),
            Column::Pesel,
            Problem::Invalid(ValidationError::PeselLength),
        ),
    ];
    for (row, col, problem) in cases {
        assert_eq!(errors_of(&[&row]), vec![(2, Some(col), problem)], "{row}");
    }
    // The right birth date is fine, and so is a postcode without the hyphen.
    assert_eq!(errors_of(&[&bad(";;600", ";14.03.1978;600")]), vec![]);
    let p = detect(&file(&[&bad("30-001", "30001")]));
    assert_eq!(p.cases[0].debtor.residence.postal_code, "30-001");
    // An amount beyond the app's range.
    let huge = bad("1234,56", "50000000000000000");
    assert_eq!(
        errors_of(&[&huge]),
        vec![(2, Some(Column::Principal), Problem::AmountRange)]
    );
}

#[test]
fn rows_of_one_case_must_agree_and_a_bad_row_rejects_its_whole_case() {
    let second = GOOD.replacen("1234,56", "10,00", 1);
    let other_name = second.replacen(";Jan;", ";Janusz;", 1);
    assert_eq!(
        errors_of(&[GOOD, &other_name]),
        vec![
            (2, None, Problem::CaseRejected { line: 3 }),
            (
                3,
                Some(Column::FirstName),
                Problem::DiffersInCase { first_line: 2 }
            )
        ]
    );
    let broken = second.replacen("01.02.2023", "jutro", 1);
    assert_eq!(
        errors_of(&[GOOD, &broken]),
        vec![
            (2, None, Problem::CaseRejected { line: 3 }),
            (3, Some(Column::DueDate), Problem::Date),
        ]
    );
    // Two debts without titles are numbered; the same title twice is not.
    let p = detect(&file(&[GOOD, &second]));
    let titles: Vec<_> = p.cases[0].debts.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, vec!["Zobowiązanie 1", "Zobowiązanie 2"]);
}

#[test]
fn a_wrong_header_refuses_the_whole_file() {
    let p = detect(b"numer_sprawy;kolor\nK/1;czerwony\n");
    assert!(p.refused_whole());
    assert!(p.cases.is_empty());
    assert!(p
        .errors
        .iter()
        .any(|e| e.problem == Problem::UnknownColumn("kolor".into())));
    assert!(p
        .errors
        .iter()
        .any(|e| e.column == Some(Column::Pesel) && e.problem == Problem::MissingColumn));
    let empty = detect(b"");
    assert_eq!(empty.errors[0].problem, Problem::Empty);
    let no_rows = detect(&file(&[]));
    assert_eq!(no_rows.errors[0].problem, Problem::Empty);
    let short = detect(&file(&["K/1;Bank A"]));
    assert_eq!(
        short.errors[0].problem,
        Problem::FieldCount {
            expected: 17,
            found: 2
        }
    );
    // Handed back whole, padded to the header, with its error.
    let back = short.rejected_csv(&short.errors);
    assert_eq!(
        back.lines().nth(1),
        Some("K/1;Bank A;;;;;;;;;;;;;;;;Liczba pól w wierszu: 2, w nagłówku: 17")
    );
}

#[test]
fn garbage_bytes_never_panic() {
    for bytes in [
        &b"\xff\xfe\x00\x01"[..],
        b"\"",
        b";;;;\n;;;;\n",
        b"numer_sprawy\n\"abc",
        &[0x81, 0x83, 0x88, 0x90, 0x98, b'\n', b';'],
    ] {
        let p = detect(bytes);
        assert!(p.cases.is_empty());
        assert!(!p.errors.is_empty());
    }
}
