//! The demo portfolio: deterministic, of the requested size, valid in every
//! value, consistent in its facts and realistic in its mix.

// Amounts in grosze are written as złote and grosze: `150_00` is 150,00 zł.
#![allow(
    clippy::inconsistent_digit_grouping,
    reason = "amounts in grosze read as złote_grosze"
)]

use chrono::{Datelike, Days, NaiveDate, Timelike};
use demo::{generate, DemoConfig, Portfolio};
use domain::validate::{
    normalize_email, normalize_phone, normalize_postal_code, parse_pesel, phone_kind, Sex,
};
use domain::{AddressKind, CaseFile, CaseStatus, CreditorKind, Money, PromiseStatus};
use std::collections::{HashMap, HashSet};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn config(seed: u64, cases: usize, advisors: usize, today: NaiveDate) -> DemoConfig {
    DemoConfig {
        seed,
        cases,
        advisors,
        today,
    }
}

/// The default "today" of the tests: late in the year, so that claims near
/// their limitation date (always 31 December) exist.
fn today() -> NaiveDate {
    d(2026, 11, 23)
}

#[test]
fn the_same_seed_gives_the_same_portfolio() {
    let c = config(42, 300, 4, today());
    assert_eq!(generate(&c), generate(&c));
}

#[test]
fn another_seed_or_day_gives_another_portfolio() {
    let base = generate(&config(42, 50, 2, today()));
    for other in [
        config(43, 50, 2, today()),
        config(42, 50, 2, d(2026, 11, 24)),
    ] {
        let p = generate(&other);
        assert_ne!(p, base, "{other:?}");
        assert_ne!(
            p.cases[0].debtor.pesel, base.cases[0].debtor.pesel,
            "{other:?}"
        );
    }
}

#[test]
fn sizes_follow_the_config() {
    // (cases, advisors asked, advisors expected)
    let table = [
        (0, 0, 0),
        (0, 3, 3),
        (1, 1, 1),
        (10, 0, 1),
        (50, 3, 3),
        (7, 12, 12),
        (40, 40, 40),
    ];
    for (cases, advisors, expected) in table {
        let p = generate(&config(5, cases, advisors, today()));
        assert_eq!(p.cases.len(), cases, "{cases} cases, {advisors} advisors");
        assert_eq!(
            p.advisors.len(),
            expected,
            "{cases} cases, {advisors} advisors"
        );
        let ids: HashSet<_> = p.advisors.iter().map(|a| a.id).collect();
        let names: HashSet<_> = p.advisors.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(ids.len(), expected, "advisor ids are unique");
        assert_eq!(names.len(), expected, "advisor names are unique");
        for f in &p.cases {
            assert!(
                ids.contains(&f.case.advisor_id),
                "case {} has a known advisor",
                f.case.number
            );
        }
        // Cases are spread evenly over the advisors.
        let mut per_advisor: HashMap<_, usize> = HashMap::new();
        for f in &p.cases {
            *per_advisor.entry(f.case.advisor_id).or_default() += 1;
        }
        if cases >= expected && expected > 0 {
            assert_eq!(per_advisor.len(), expected);
            let (min, max) = (per_advisor.values().min(), per_advisor.values().max());
            assert!(max.unwrap() - min.unwrap() <= 1, "{per_advisor:?}");
        }
    }
}

#[test]
fn advisors_start_from_the_office_or_a_home_near_lodz() {
    let p = generate(&config(3, 0, 30, today()));
    assert_eq!(p.advisors[0].base_label, "Biuro Łódź, ul. Piotrkowska 148");
    assert!(
        (p.advisors[0].base.lat - 51.7592).abs() < 1e-9
            && (p.advisors[0].base.lon - 19.4560).abs() < 1e-9
    );
    for a in &p.advisors {
        assert!(a.name.split(' ').count() == 2, "{}", a.name);
        assert!(
            (51.55..=52.0).contains(&a.base.lat) && (19.2..=19.9).contains(&a.base.lon),
            "{a:?}"
        );
        assert!(
            a.base_label.starts_with("Biuro Łódź") || a.base_label.starts_with("Dom, "),
            "{a:?}"
        );
    }
    assert!(p.advisors.iter().any(|a| a.base_label.starts_with("Dom, ")));
}

/// Original creditors and their kinds.
const CREDITORS: &[(&str, CreditorKind)] = &[
    ("Orange Polska S.A.", CreditorKind::Telecom),
    ("T-Mobile Polska S.A.", CreditorKind::Telecom),
    ("Play (P4 sp. z o.o.)", CreditorKind::Telecom),
    ("Plus (Polkomtel sp. z o.o.)", CreditorKind::Telecom),
    ("mBank S.A.", CreditorKind::Bank),
    ("PKO BP S.A.", CreditorKind::Bank),
    ("Santander Bank Polska S.A.", CreditorKind::Bank),
    ("Bank Millennium S.A.", CreditorKind::Bank),
    ("Alior Bank S.A.", CreditorKind::Bank),
    ("PGE Obrót S.A.", CreditorKind::Utility),
    ("Tauron Sprzedaż sp. z o.o.", CreditorKind::Utility),
    ("Veolia Energia Łódź S.A.", CreditorKind::Utility),
    ("PGNiG Obrót Detaliczny sp. z o.o.", CreditorKind::Utility),
    ("Provident Polska S.A.", CreditorKind::Loan),
    ("Wonga.pl sp. z o.o.", CreditorKind::Loan),
    ("Vivus Finance sp. z o.o.", CreditorKind::Loan),
];

fn money_ok(m: Money) -> bool {
    !m.is_negative() && m.amount().scale() == 2
}

/// Every rule a single case file must satisfy.
fn check_case(f: &CaseFile, today: NaiveDate) {
    let c = &f.case;
    let n = &c.number;
    let debtor = &f.debtor;

    // Number "PT/<year opened>/<6 digits>"; opened 1 month to 4 years ago.
    let parts: Vec<&str> = n.split('/').collect();
    assert_eq!(parts.len(), 3, "{n}");
    assert_eq!(parts[0], "PT", "{n}");
    assert_eq!(parts[1], c.opened_on.year().to_string(), "{n}");
    assert!(
        parts[2].len() == 6 && parts[2].bytes().all(|b| b.is_ascii_digit()),
        "{n}"
    );
    assert!(
        c.opened_on <= today - Days::new(30),
        "{n}: opened {}",
        c.opened_on
    );
    assert!(
        c.opened_on >= today - Days::new(4 * 365 + 1),
        "{n}: opened {}",
        c.opened_on
    );
    assert_eq!(c.debtor_id, debtor.id, "{n}");

    // PESEL: valid, of someone 19 to 85 years old, of the sex the names say.
    let pesel =
        parse_pesel(&debtor.pesel).unwrap_or_else(|e| panic!("{n}: PESEL {}: {e}", debtor.pesel));
    assert_eq!(pesel.digits, debtor.pesel);
    let age = today.years_since(pesel.birth_date).unwrap();
    assert!((19..=85).contains(&age), "{n}: age {age}");
    let female_first = debtor.first_name.ends_with('a');
    assert_eq!(
        pesel.sex == Sex::Female,
        female_first,
        "{n}: {} {:?}",
        debtor.first_name,
        pesel.sex
    );
    let last = &debtor.last_name;
    if ["ski", "cki", "dzki"].iter().any(|s| last.ends_with(s)) {
        assert_eq!(pesel.sex, Sex::Male, "{n}: {last}");
    }
    if ["ska", "cka", "dzka"].iter().any(|s| last.ends_with(s)) {
        assert_eq!(pesel.sex, Sex::Female, "{n}: {last}");
    }

    // Phones: normalized, of the right kind, one primary, a mobile first.
    assert!(debtor.phones.len() <= 4, "{n}");
    for p in &debtor.phones {
        assert_eq!(
            normalize_phone(&p.number).as_deref(),
            Ok(p.number.as_str()),
            "{n}"
        );
        assert_eq!(p.kind, phone_kind(&p.number), "{n}: {}", p.number);
    }
    if !debtor.phones.is_empty() {
        assert_eq!(debtor.phones.iter().filter(|p| p.primary).count(), 1, "{n}");
        assert!(debtor.phones[0].primary, "{n}");
    }
    for e in &debtor.emails {
        assert_eq!(
            normalize_email(&e.address).as_deref(),
            Ok(e.address.as_str()),
            "{n}"
        );
        assert!(e.address.is_ascii(), "{n}: {}", e.address);
    }
    if !debtor.emails.is_empty() {
        assert_eq!(debtor.emails.iter().filter(|e| e.primary).count(), 1, "{n}");
    }

    // Addresses: one residence, located; valid postal codes; Łódź in Łódź.
    assert_eq!(
        debtor
            .addresses
            .iter()
            .filter(|a| a.kind == AddressKind::Residence)
            .count(),
        1,
        "{n}"
    );
    assert_eq!(debtor.addresses[0].kind, AddressKind::Residence, "{n}");
    assert!(debtor.addresses[0].location.is_some(), "{n}");
    for a in &debtor.addresses {
        assert_eq!(
            normalize_postal_code(&a.postal_code).as_deref(),
            Ok(a.postal_code.as_str()),
            "{n}"
        );
        assert!(
            a.street.chars().any(|ch| ch.is_ascii_digit()),
            "{n}: {}",
            a.street
        );
        if a.city == "Łódź" {
            let prefix: u32 = a.postal_code[..2].parse().unwrap();
            assert!((90..=94).contains(&prefix), "{n}: {}", a.one_line());
            if let Some(g) = a.location {
                assert!(
                    (51.70..=51.83).contains(&g.lat) && (19.36..=19.58).contains(&g.lon),
                    "{n}: {g:?}"
                );
            }
        } else {
            assert!(a.postal_code.starts_with("95-"), "{n}: {}", a.one_line());
            if let Some(g) = a.location {
                assert!(
                    (51.55..=52.0).contains(&g.lat) && (19.2..=19.9).contains(&g.lon),
                    "{n}: {g:?}"
                );
            }
        }
    }

    // Consents: each kind at most once, recorded during the case.
    let kinds: HashSet<_> = debtor.consents.iter().map(|k| k.kind).collect();
    assert_eq!(kinds.len(), debtor.consents.len(), "{n}");
    for k in &debtor.consents {
        assert!(
            k.recorded_on >= c.opened_on && k.recorded_on <= today,
            "{n}: {k:?}"
        );
    }
    if let Some(v) = &debtor.vulnerability {
        assert!(!v.is_empty(), "{n}");
    }

    // Debts: one to three, with money in grosze and the limitation rule.
    assert!((1..=3).contains(&f.debts.len()), "{n}");
    for debt in &f.debts {
        assert_eq!(debt.case_id, c.id, "{n}");
        let o = debt.outstanding;
        assert!(
            money_ok(o.principal) && money_ok(o.interest) && money_ok(o.costs),
            "{n}: {o:?}"
        );
        assert!(debt.due_since < c.opened_on, "{n}: due {}", debt.due_since);
        assert_eq!(
            debt.limitation_date,
            d(debt.due_since.year() + 3, 12, 31),
            "{n}"
        );
        let kind = CREDITORS
            .iter()
            .find(|(name, _)| *name == debt.original_creditor)
            .map(|(_, k)| *k);
        assert_eq!(
            kind,
            Some(debt.creditor_kind),
            "{n}: {}",
            debt.original_creditor
        );
        assert!(debt.title.contains(" nr "), "{n}: {}", debt.title);
    }

    // Payments and promises: positive, in grosze, within the case's life.
    for p in &f.payments {
        assert_eq!(p.case_id, c.id, "{n}");
        assert!(money_ok(p.amount) && !p.amount.is_zero(), "{n}: {p:?}");
        assert!(p.paid_on >= c.opened_on && p.paid_on <= today, "{n}: {p:?}");
    }
    for p in &f.promises {
        assert_eq!(p.case_id, c.id, "{n}");
        assert!(money_ok(p.amount) && !p.amount.is_zero(), "{n}: {p:?}");
        assert!(
            p.made_on >= c.opened_on && p.made_on <= today && p.made_on <= p.due_on,
            "{n}: {p:?}"
        );
        match p.status {
            PromiseStatus::Pending => {
                assert!(p.due_on >= today, "{n}: {p:?}");
                assert!(
                    matches!(
                        c.status,
                        CaseStatus::PromiseToPay | CaseStatus::SettlementSigned
                    ),
                    "{n}"
                );
            }
            PromiseStatus::Broken => {
                assert!(p.due_on < today, "{n}: {p:?}");
                assert_eq!(c.status, CaseStatus::BrokenPromise, "{n}");
            }
            PromiseStatus::Kept => {
                assert!(p.due_on < today, "{n}: {p:?}");
                let paid = f.payments.iter().any(|x| {
                    x.amount == p.amount && x.paid_on >= p.made_on && x.paid_on <= p.due_on
                });
                assert!(paid, "{n}: a kept promise has its payment: {p:?}");
            }
        }
    }

    // Status facts.
    let pending = f
        .promises
        .iter()
        .filter(|p| p.status == PromiseStatus::Pending)
        .count();
    let broken = f
        .promises
        .iter()
        .filter(|p| p.status == PromiseStatus::Broken)
        .count();
    match c.status {
        CaseStatus::New => {
            assert!(f.payments.is_empty() && f.promises.is_empty(), "{n}");
        }
        CaseStatus::PromiseToPay => {
            assert_eq!(pending, 1, "{n}");
            let p = f
                .promises
                .iter()
                .find(|p| p.status == PromiseStatus::Pending)
                .unwrap();
            assert!(
                p.due_on >= today && p.due_on <= today + Days::new(21),
                "{n}: {p:?}"
            );
        }
        CaseStatus::BrokenPromise => {
            assert_eq!(broken, 1, "{n}");
            assert_eq!(pending, 0, "{n}");
        }
        CaseStatus::Paying => {
            assert!(f.payments.len() >= 2, "{n}: several payments");
            let latest = f.payments.iter().map(|p| p.paid_on).max().unwrap();
            assert!(
                latest >= today - Days::new(31),
                "{n}: latest payment {latest}"
            );
            assert!(f.outstanding().total() > Money::ZERO, "{n}: still paying");
        }
        _ => {}
    }
    if f.outstanding().total().is_zero() {
        assert_eq!(
            c.status,
            CaseStatus::Closed,
            "{n}: only closed cases are paid off"
        );
    }
    if let Some(at) = c.appointment {
        assert_eq!(c.status, CaseStatus::VisitPlanned, "{n}");
        assert!(
            at.date() >= today && at.date() <= today + Days::new(5),
            "{n}: {at}"
        );
        assert!(at.minute() % 30 == 0 && at.second() == 0, "{n}: {at}");
        assert!(
            (8..=17).contains(&at.hour()) && (at.hour() < 17 || at.minute() == 0),
            "{n}: {at}"
        );
        assert_ne!(at.weekday(), chrono::Weekday::Sun, "{n}: {at}");
    }

    // Timeline: 2 to 25 entries within the case's life, one per payment and
    // promise, Polish amounts in payment entries.
    assert!(
        (2..=25).contains(&f.activities.len()),
        "{n}: {} entries",
        f.activities.len()
    );
    for a in &f.activities {
        assert_eq!(a.case_id, c.id, "{n}");
        assert!(
            a.at.date() >= c.opened_on && a.at.date() <= today,
            "{n}: {a:?}"
        );
        assert!(!a.author.is_empty() && !a.summary.is_empty(), "{n}: {a:?}");
    }
    let count = |k: domain::ActivityKind| f.activities.iter().filter(|a| a.kind == k).count();
    assert_eq!(
        count(domain::ActivityKind::Payment),
        f.payments.len(),
        "{n}"
    );
    assert_eq!(
        count(domain::ActivityKind::Promise),
        f.promises.len(),
        "{n}"
    );
    for p in &f.payments {
        let text = format!("Wpłata {}", domain::format::format_pln(p.amount));
        let entry = f.activities.iter().any(|a| {
            a.kind == domain::ActivityKind::Payment
                && a.at.date() == p.paid_on
                && a.summary.starts_with(&text)
        });
        assert!(entry, "{n}: {text}");
    }
    assert!(
        f.activities.windows(2).all(|w| w[0].at <= w[1].at),
        "{n}: the timeline is in order"
    );
}

/// Checks every case and what must be unique across the portfolio.
fn check_portfolio(p: &Portfolio, today: NaiveDate) {
    let mut ids = HashSet::new();
    let mut numbers = HashSet::new();
    let mut pesels = HashSet::new();
    let mut phones = HashSet::new();
    let mut emails = HashSet::new();
    for a in &p.advisors {
        assert!(ids.insert(a.id.as_uuid()));
    }
    for f in &p.cases {
        check_case(f, today);
        let n = &f.case.number;
        assert!(numbers.insert(n.clone()), "duplicate case number {n}");
        assert!(
            pesels.insert(f.debtor.pesel.clone()),
            "duplicate PESEL {}",
            f.debtor.pesel
        );
        for ph in &f.debtor.phones {
            assert!(
                phones.insert(ph.number.clone()),
                "duplicate phone {}",
                ph.number
            );
        }
        for e in &f.debtor.emails {
            assert!(
                emails.insert(e.address.clone()),
                "duplicate e-mail {}",
                e.address
            );
        }
        let d = &f.debtor;
        let all = [f.case.id.as_uuid(), d.id.as_uuid()]
            .into_iter()
            .chain(d.phones.iter().map(|x| x.id.as_uuid()))
            .chain(d.emails.iter().map(|x| x.id.as_uuid()))
            .chain(d.addresses.iter().map(|x| x.id.as_uuid()))
            .chain(f.debts.iter().map(|x| x.id.as_uuid()))
            .chain(f.payments.iter().map(|x| x.id.as_uuid()))
            .chain(f.promises.iter().map(|x| x.id.as_uuid()))
            .chain(f.activities.iter().map(|x| x.id.as_uuid()));
        for id in all {
            assert!(ids.insert(id), "{n}: duplicate id {id}");
        }
    }
}

#[test]
fn every_value_is_valid_and_every_fact_consistent() {
    // Days across the year, a leap day and the year's last day included.
    let table = [
        (1, 600, 3, today()),
        (2, 400, 1, d(2025, 3, 1)),
        (3, 400, 5, d(2024, 2, 29)),
        (4, 400, 2, d(2026, 12, 31)),
        (5, 400, 2, d(2027, 1, 1)),
        (6, 400, 4, d(2026, 10, 3)),
    ];
    for (seed, cases, advisors, today) in table {
        let p = generate(&config(seed, cases, advisors, today));
        check_portfolio(&p, today);
    }
}

/// Shares of cases in `p` for which `pred` holds.
fn share(p: &Portfolio, pred: impl Fn(&CaseFile) -> bool) -> f64 {
    p.cases.iter().filter(|f| pred(f)).count() as f64 / p.cases.len() as f64
}

#[test]
fn the_mix_is_realistic() {
    let today = today();
    let p = generate(&config(2024, 2000, 8, today));
    let diacritics = |s: &str| s.chars().any(|c| "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".contains(c));
    let near = |f: &CaseFile| {
        f.limitation_date()
            .is_some_and(|l| l > today && l <= today + Days::new(90))
    };
    // (what, share, lowest, highest)
    let table: Vec<(&str, f64, f64, f64)> = vec![
        (
            "time-barred",
            share(&p, |f| f.has_time_barred_claim(today)),
            0.04,
            0.11,
        ),
        ("limitation within 90 days", share(&p, near), 0.02, 0.09),
        ("vulnerable", share(&p, |f| f.is_vulnerable()), 0.02, 0.09),
        (
            "surname with diacritics",
            share(&p, |f| diacritics(&f.debtor.last_name)),
            0.30,
            1.0,
        ),
        (
            "in Łódź",
            share(&p, |f| f.debtor.addresses[0].city == "Łódź"),
            0.62,
            0.78,
        ),
        (
            "with e-mail",
            share(&p, |f| !f.debtor.emails.is_empty()),
            0.54,
            0.66,
        ),
        (
            "with phone",
            share(&p, |f| !f.debtor.phones.is_empty()),
            0.85,
            0.97,
        ),
        (
            "with 3 or 4 phones",
            share(&p, |f| f.debtor.phones.len() >= 3),
            0.08,
            0.22,
        ),
        (
            "with a landline",
            share(&p, |f| {
                f.debtor
                    .phones
                    .iter()
                    .any(|x| x.number.starts_with("+4842"))
            }),
            0.1,
            0.4,
        ),
        (
            "with appointment",
            share(&p, |f| f.case.appointment.is_some()),
            0.01,
            0.06,
        ),
        (
            "with a kept promise",
            share(&p, |f| {
                f.promises.iter().any(|x| x.status == PromiseStatus::Kept)
            }),
            0.08,
            0.3,
        ),
        (
            "with a second address",
            share(&p, |f| f.debtor.addresses.len() > 1),
            0.12,
            0.30,
        ),
        (
            "with several debts",
            share(&p, |f| f.debts.len() > 1),
            0.25,
            0.45,
        ),
        (
            "high balance (>= 20 000 zł)",
            share(&p, |f| {
                f.outstanding().total() >= Money::from_grosze(20_000_00)
            }),
            0.03,
            0.2,
        ),
        (
            "touched in the last 60 days",
            share(&p, |f| {
                f.activities
                    .iter()
                    .any(|a| a.at.date() >= today - Days::new(60))
            }),
            0.75,
            0.97,
        ),
    ];
    for (what, got, lo, hi) in table {
        assert!(
            (lo..=hi).contains(&got),
            "{what}: {got:.3} not in {lo}..={hi}"
        );
    }

    // Every status near its intended share.
    let statuses = [
        (CaseStatus::New, 0.35),
        (CaseStatus::VisitPlanned, 0.10),
        (CaseStatus::Visited, 0.10),
        (CaseStatus::PromiseToPay, 0.12),
        (CaseStatus::SettlementSigned, 0.05),
        (CaseStatus::Paying, 0.15),
        (CaseStatus::BrokenPromise, 0.10),
        (CaseStatus::Closed, 0.03),
    ];
    for (status, target) in statuses {
        let got = share(&p, |f| f.case.status == status);
        assert!(
            got > 0.0 && (got - target).abs() < 0.035,
            "{status:?}: {got:.3}, about {target}"
        );
    }
    for kind in CreditorKind::ALL {
        assert!(
            p.cases
                .iter()
                .flat_map(|f| &f.debts)
                .any(|d| d.creditor_kind == kind),
            "{kind:?}"
        );
    }
    // The history a portfolio arrives with; offers, approvals, settlements
    // and messages are Partner's own lines, written as the app is used.
    use domain::ActivityKind as K;
    for kind in domain::ActivityKind::ALL
        .into_iter()
        .filter(|k| !matches!(k, K::Offer | K::Approval | K::Settlement | K::Message))
    {
        assert!(
            p.cases
                .iter()
                .flat_map(|f| &f.activities)
                .any(|a| a.kind == kind),
            "{kind:?}"
        );
    }

    // Names: many different ones, the common ones with Polish letters often.
    let surnames: HashSet<_> = p
        .cases
        .iter()
        .map(|f| f.debtor.last_name.as_str())
        .collect();
    let firsts: HashSet<_> = p
        .cases
        .iter()
        .map(|f| f.debtor.first_name.as_str())
        .collect();
    assert!(
        surnames.len() >= 150,
        "{} surnames (both genders)",
        surnames.len()
    );
    assert!(firsts.len() >= 60, "{} first names", firsts.len());
    for name in [
        "Wójcik",
        "Łukasz",
        "Małgorzata",
        "Wiśniewska",
        "Kowalski",
        "Dąbrowska",
        "Stępień",
    ] {
        let count = p
            .cases
            .iter()
            .filter(|f| f.debtor.first_name == name || f.debtor.last_name == name)
            .count();
        assert!(count >= 5, "{name}: {count}");
    }
    // Towns near Łódź appear too.
    let cities: HashSet<_> = p
        .cases
        .iter()
        .map(|f| f.debtor.addresses[0].city.as_str())
        .collect();
    assert!(cities.len() >= 12, "{cities:?}");
}

#[test]
fn the_mix_holds_early_in_the_year_too() {
    // In March no claim can fall due within 90 days (limitation ends on
    // 31 December), but time-barred claims keep their share.
    let today = d(2026, 3, 10);
    let p = generate(&config(99, 2000, 3, today));
    let barred = share(&p, |f| f.has_time_barred_claim(today));
    assert!((0.04..=0.11).contains(&barred), "{barred}");
    let near = share(&p, |f| {
        f.limitation_date()
            .is_some_and(|l| l > today && l <= today + Days::new(90))
    });
    assert_eq!(near, 0.0);
}

#[test]
fn five_thousand_cases_are_generated() {
    let started = std::time::Instant::now();
    let p = generate(&config(1, 5000, 10, today()));
    assert_eq!(p.cases.len(), 5000);
    // A loose bound that holds in debug builds; release takes a fraction.
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}
