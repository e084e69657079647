//! Limitation per debt in the agreement (issue #10, "The law, to the
//! grosz", item 4) and the statutory maximum stated as a rule (item 2):
//! worked examples read back with pdftotext, and a property over random
//! cases that no time-barred debt is acknowledged or carries interest and
//! no live debt is called time-barred.

mod common;

use chrono::NaiveDate;
use common::*;
use domain::offer::{Policy, RateChange, ReferenceRates, VariantKind};
use domain::{CaseFile, CreditorKind, Debt, DebtComponents, Money};
use proptest::prelude::*;
use rust_decimal::Decimal;
use settlement::Agreement;
use std::process::Command;
use std::sync::OnceLock;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn zl(grosze: i64) -> Money {
    Money::from_grosze(grosze)
}

/// A demo case (a Polish name and a valid PESEL and address), once.
fn base() -> &'static CaseFile {
    static BASE: OnceLock<CaseFile> = OnceLock::new();
    BASE.get_or_init(|| case(false))
}

fn debt(_n: u128, title: &str, creditor: &str, parts: [i64; 3], last_day: NaiveDate) -> Debt {
    Debt {
        // The document does not name debts by id.
        id: base().debts[0].id,
        case_id: base().case.id,
        title: title.into(),
        original_creditor: creditor.into(),
        creditor_kind: CreditorKind::Loan,
        outstanding: DebtComponents {
            principal: zl(parts[0]),
            interest: zl(parts[1]),
            costs: zl(parts[2]),
        },
        due_since: d(2019, 3, 1),
        limitation_date: last_day,
    }
}

fn with_debts(debts: Vec<Debt>) -> CaseFile {
    let mut f = base().clone();
    f.debts = debts;
    f
}

/// The standard test policy asking 25 % plan interest (held to the cap).
fn interest_policy(rates: ReferenceRates) -> Policy {
    Policy {
        plan_interest_rate: Some(Decimal::new(25, 2)),
        reference_rates: rates,
        ..policy()
    }
}

/// The agreement as pdftotext reads it, whitespace folded; `None` when
/// pdftotext is missing (allowed outside CI).
fn text_of(file: &CaseFile, offer: &domain::offer::AcceptedOffer) -> Option<String> {
    let pdftotext = tool("pdftotext", "poppler-utils")?;
    let pdf = settlement::render(&Agreement {
        number: "UG/2026/11/000124",
        date: today(),
        place: "Łódź",
        creditor: &creditor(),
        advisor: "Jan Kowalski",
        case: file,
        offer,
        client_signature: &strokes(),
        advisor_signature: None,
    })
    .expect("rendered");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ugoda.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = run(Command::new(&pdftotext).arg(&path).arg("-"));
    assert!(out.status.success(), "pdftotext: {}", text(&out));
    let extracted = String::from_utf8(out.stdout).expect("UTF-8");
    Some(extracted.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// 4 000,00 on a loan, enforceable until 31.12.2025 (so time-barred on
/// 23.11.2026), and 1 500,00 on a phone contract, enforceable until
/// 31.12.2028.
fn mixed() -> CaseFile {
    with_debts(vec![
        debt(
            1,
            "Umowa pożyczki nr 7/2019",
            "Pożyczka Plus S.A.",
            [3_000_00, 900_00, 100_00],
            d(2025, 12, 31),
        ),
        debt(
            2,
            "Umowa abonamentowa nr 12/2023",
            "Telekom S.A.",
            [1_000_00, 300_00, 200_00],
            d(2028, 12, 31),
        ),
    ])
}

#[test]
fn a_barred_and_a_live_debt_worked_by_hand() {
    let file = mixed();
    let offer = offer_with(
        &file,
        VariantKind::FitsBudget,
        interest_policy(ReferenceRates::nbp()),
    );
    let v = offer.variant();
    // 5 500,00 owed; the budget allows 550,00 a month (4 200 − 3 100 = 1 100
    // disposable, half of it). 550,00 down on 30.11.2026, then 550,00 on
    // the 10th from 10.12.2026. The balance before each installment, from
    // the offer day, and its days: 4 950 × 17 + 4 400 × 31 + 3 850 × 31 +
    // 3 300 × 28 + 2 750 × 31 + 2 200 × 30 + 1 650 × 31 + 1 100 × 30 +
    // 550 × 31 = 684 750 zł-days. The cap on 23.11.2026 is 2 × (3,75 % +
    // 3,5 %) = 14,5 % (the 25 % asked is held to it), and it runs on the
    // live 1 500 / 5 500 = 3/11 only: 684 750 × 0,145 × 3/11 / 365 =
    // 27 078,75 / 365 = 74,188… → 74,18. On the whole 5 500 at 14,5 %
    // it would have been 272,02.
    assert!(v.voluntary_only);
    assert_eq!(v.time_barred_debt, zl(4_000_00));
    let pi = v.plan_interest.unwrap();
    assert_eq!(pi.rate.applied, Decimal::new(145, 3));
    assert_eq!(
        pi.charged_share,
        Decimal::from(1_500) / Decimal::from(5_500)
    );
    assert_eq!(pi.amount, zl(74_18));
    assert_eq!(v.total, zl(5_574_18));
    assert_eq!(v.down_payment, zl(550_00));
    let last = v.schedule.last().unwrap();
    assert_eq!((last.due_on, last.amount), (d(2027, 9, 10), zl(74_18)));
    // The late-payment rate stays, on the live debt only: 11,5 % asked,
    // below the 2 × (3,75 % + 5,5 %) = 18,5 % cap.
    let late = v.late_interest.unwrap();
    assert_eq!(
        (late.applied, late.maximum),
        (Decimal::new(115, 3), Decimal::new(185, 3))
    );

    let Some(t) = text_of(&file, &offer) else {
        return;
    };
    for phrase in [
        // The live debt is acknowledged, alone.
        "Dłużnik uznaje, że w sprawie nr",
        "jego zadłużenie wobec Wierzyciela z tytułu roszczeń nieprzedawnionych wynosi łącznie 1 500,00 zł, na co składają się:",
        // The barred one is only informed about, with its day.
        "Wierzyciel informuje, że roszczenie z tytułu Umowa pożyczki nr 7/2019 (Pożyczka Plus S.A.) w kwocie 4 000,00 zł (należność główna 3 000,00 zł, odsetki 900,00 zł, koszty 100,00 zł) uległo przedawnieniu z upływem dnia 31.12.2025.",
        "Spłata roszczenia przedawnionego jest dobrowolna",
        "nie oznacza uznania roszczenia przedawnionego ani zrzeczenia się zarzutu przedawnienia",
        "Od roszczenia przedawnionego nie nalicza się odsetek za rozłożenie na raty ani odsetek za opóźnienie.",
        // Interest on the live debt, the maximum as the rule it is.
        "Kwota obejmuje odsetki za rozłożenie na raty w wysokości 74,18 zł, naliczone według stopy 14,5% w skali roku wyłącznie od niespłaconej części roszczeń nieprzedawnionych.",
        "odsetek maksymalnych (art. 359 § 2¹ Kodeksu cywilnego), tj. dwukrotności sumy stopy referencyjnej Narodowego Banku Polskiego i 3,5 punktu procentowego, wynoszących na dzień zawarcia ugody 14,5% w skali roku",
        "należą się odsetki maksymalne (art. 359 § 2² Kodeksu cywilnego)",
        "Każdą wpłatę zalicza się na roszczenia nieprzedawnione i przedawnione w stosunku ich kwot z § 1 (1 500,00 zł do 4 000,00 zł).",
        "łącznie 5 574,18 zł w 11 płatnościach",
        // Termination and court only over the live debt.
        "wypowiedzieć ugodę w części dotyczącej roszczeń nieprzedawnionych",
        "dochodzić niezapłaconej części roszczeń nieprzedawnionych, także na drodze sądowej",
        "Od kwot przypadających na roszczenia nieprzedawnione, zapłaconych po terminie, Wierzyciel może naliczać odsetki za opóźnienie w wysokości 11,5% w skali roku",
        "odsetki maksymalne za opóźnienie (art. 481 § 2¹ Kodeksu cywilnego), tj. dwukrotność sumy stopy referencyjnej Narodowego Banku Polskiego i 5,5 punktu procentowego, wynoszące na dzień zawarcia ugody 18,5% w skali roku",
    ] {
        assert!(t.contains(phrase), "{phrase:?} not in:\n{t}");
    }
    // The barred debt is named once (its notice), never in the table of
    // what the client acknowledges; the live one is never called barred.
    assert_eq!(t.matches("Umowa pożyczki nr 7/2019").count(), 1, "{t}");
    assert!(!t.contains("roszczenie z tytułu Umowa abonamentowa"), "{t}");
    assert!(!t.contains("roszczenie jest przedawnione"), "{t}");
}

#[test]
fn only_barred_debts_make_a_voluntary_settlement_without_interest() {
    let mut file = mixed();
    file.debts[1].limitation_date = d(2024, 12, 31);
    let offer = offer_with(
        &file,
        VariantKind::FitsBudget,
        interest_policy(ReferenceRates::nbp()),
    );
    let v = offer.variant();
    // 5 500,00 at 550,00 a month with 550,00 down: no interest at all.
    assert!(v.plan_interest.is_none() && v.late_interest.is_none());
    assert_eq!(v.total, zl(5_500_00));
    let Some(t) = text_of(&file, &offer) else {
        return;
    };
    for phrase in [
        "Wierzyciel informuje, że roszczenie z tytułu Umowa pożyczki nr 7/2019 (Pożyczka Plus S.A.) w kwocie 4 000,00 zł",
        "Wierzyciel informuje, że roszczenie z tytułu Umowa abonamentowa nr 12/2023 (Telekom S.A.) w kwocie 1 500,00 zł (należność główna 1 000,00 zł, odsetki 300,00 zł, koszty 200,00 zł) uległo przedawnieniu z upływem dnia 31.12.2024.",
        "Spłata roszczeń przedawnionych jest dobrowolna",
        "Ugoda jest ugodą o dobrowolnej spłacie, bez odsetek",
        "Spłata jest dobrowolna. Jeśli Dłużnik nie zapłaci w terminie",
        "łącznie 5 500,00 zł w 10 płatnościach",
    ] {
        assert!(t.contains(phrase), "{phrase:?} not in:\n{t}");
    }
    for absent in [
        "uznaje",
        "Kwota obejmuje odsetki",
        "może naliczać odsetki za opóźnienie",
        "na drodze sądowej",
        "wypowiedzieć",
        "Każdą wpłatę",
    ] {
        assert!(!t.contains(absent), "{absent:?} in:\n{t}");
    }
}

#[test]
fn the_maximum_is_that_of_the_rate_in_force_on_the_day_of_the_agreement() {
    // The admin entered a cut to 3,25 % from the day of the agreement:
    // 2 × (3,25 % + 3,5 %) = 13,5 %, and for late payment 2 × (3,25 % +
    // 5,5 %) = 17,5 %. A cut from the next day does not change it.
    let file = with_debts(vec![mixed().debts[1].clone()]);
    let cut = |from| {
        ReferenceRates::nbp().with(RateChange {
            from,
            rate: Decimal::new(325, 4),
        })
    };
    let offer = offer_with(
        &file,
        VariantKind::FitsBudget,
        interest_policy(cut(today())),
    );
    assert_eq!(
        offer.variant().plan_interest.unwrap().rate.maximum,
        Decimal::new(135, 3)
    );
    let Some(t) = text_of(&file, &offer) else {
        return;
    };
    assert!(
        t.contains("wynoszących na dzień zawarcia ugody 13,5% w skali roku"),
        "{t}"
    );
    assert!(
        t.contains("wynoszące na dzień zawarcia ugody 17,5% w skali roku"),
        "{t}"
    );
    assert!(
        t.contains("naliczone według stopy 13,5% w skali roku od niespłaconej części zadłużenia"),
        "{t}"
    );
    assert!(!t.contains("przedawn"), "no debt is barred: {t}");
    let later = offer_with(
        &file,
        VariantKind::FitsBudget,
        interest_policy(cut(today().succ_opt().unwrap())),
    );
    let t = text_of(&file, &later).unwrap();
    assert!(
        t.contains("wynoszących na dzień zawarcia ugody 14,5% w skali roku"),
        "{t}"
    );
}

#[test]
fn an_offer_built_on_another_limitation_is_refused() {
    // Made as if the loan were still enforceable: the document would call
    // a debt barred that the offer charged interest on.
    let file = mixed();
    let mut live = file.clone();
    live.debts[0].limitation_date = d(2030, 12, 31);
    let offer = offer_with(
        &live,
        VariantKind::FitsBudget,
        interest_policy(ReferenceRates::nbp()),
    );
    let err = settlement::render(&Agreement {
        number: "UG/1",
        date: today(),
        place: "Łódź",
        creditor: &creditor(),
        advisor: "Jan Kowalski",
        case: &file,
        offer: &offer,
        client_signature: &strokes(),
        advisor_signature: None,
    })
    .unwrap_err();
    assert!(matches!(err, settlement::Error::Facts(_)), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Whatever the debts and their limitation days: every barred debt is
    /// only informed about and never acknowledged; no live debt is called
    /// barred; with barred debts only there is no plan and no late-payment
    /// interest; with both, interest is stated on the live debts only.
    #[test]
    fn no_barred_debt_carries_interest_and_no_live_debt_is_called_barred(
        debts in proptest::collection::vec(
            ((1i64..=5_000_00), (0i64..=2_000_00), (0i64..=500_00), -800i64..=800),
            1..=3,
        ),
        plan_rate in proptest::option::of(1i64..=30),
        kind in prop_oneof![Just(VariantKind::FitsBudget), Just(VariantKind::LowestInstallment), Just(VariantKind::LumpSum)],
    ) {
        let file = with_debts(
            debts
                .iter()
                .enumerate()
                .map(|(i, (p, int, c, off))| {
                    debt(
                        i as u128,
                        &format!("Umowa nr {}/2019", i + 1),
                        "Wierzyciel Pierwotny S.A.",
                        [*p, *int, *c],
                        today() + chrono::Duration::days(*off),
                    )
                })
                .collect(),
        );
        let policy = Policy {
            plan_interest_rate: plan_rate.map(|r| Decimal::new(r, 2)),
            ..policy()
        };
        let offer = offer_with(&file, kind, policy);
        let Some(t) = text_of(&file, &offer) else {
            return Ok(());
        };
        let barred: Vec<&Debt> = file.debts.iter().filter(|d| today() > d.limitation_date).collect();
        let live: Vec<&Debt> = file.debts.iter().filter(|d| today() <= d.limitation_date).collect();
        for d in &barred {
            let notice = format!("Wierzyciel informuje, że roszczenie z tytułu {} ({})", d.title, d.original_creditor);
            prop_assert!(t.contains(&notice), "{} not informed: {}", d.title, t);
            prop_assert_eq!(t.matches(d.title.as_str()).count(), 1, "{} also in the table: {}", d.title, t);
        }
        for d in &live {
            let notice = format!("roszczenie z tytułu {} ", d.title);
            prop_assert!(!t.contains(&notice), "{} called barred: {}", d.title, t);
        }
        if live.is_empty() {
            for absent in ["uznaje", "Kwota obejmuje odsetki", "może naliczać odsetki za opóźnienie", "na drodze sądowej"] {
                prop_assert!(!t.contains(absent), "{} with barred debts only: {}", absent, t);
            }
        } else {
            prop_assert!(t.contains("Dłużnik uznaje"), "{}", t);
            prop_assert!(t.contains("może naliczać odsetki za opóźnienie"), "{}", t);
        }
        if !barred.is_empty() && !live.is_empty() {
            if t.contains("Kwota obejmuje odsetki") {
                prop_assert!(t.contains("wyłącznie od niespłaconej części roszczeń nieprzedawnionych"), "{}", t);
            }
            prop_assert!(t.contains("Od kwot przypadających na roszczenia nieprzedawnione"), "{}", t);
        }
        if barred.is_empty() {
            prop_assert!(!t.contains("przedawn"), "{}", t);
        }
    }
}
