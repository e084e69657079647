//! A signed settlement from the demo portfolio, and the real tools that
//! check it (poppler's pdfsig and pdftotext, qpdf, NSS's certutil, pyHanko).

#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use domain::offer::{
    accept, propose, AcceptedOffer, Authority as OfferAuthority, Budget, DownPaymentRule, Expenses,
    OfferInputs, OfferRequest, Policy, ReferenceRates, VariantKind,
};
use domain::{CaseFile, Money};
use rust_decimal::Decimal;
use settlement::{
    Agreement, Authority, Creditor, DeviceKey, Point, SignatureDetails, Stroke, Strokes,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("date")
}

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 30, 0)
        .single()
        .expect("time")
}

pub fn policy() -> Policy {
    Policy {
        min_installment: Money::from_grosze(50_00),
        max_term_months: 36,
        max_discount: Decimal::new(50, 2),
        lump_sum_discount: Decimal::new(30, 2),
        lump_sum_days: 14,
        down_payment: DownPaymentRule {
            min_share: Decimal::new(10, 2),
            due_within_days: 7,
        },
        first_installment_min_days: 14,
        affordable_share: Decimal::new(50, 2),
        reference_rates: ReferenceRates::nbp(),
        plan_interest_rate: None,
        late_interest_rate: Some(Decimal::new(1150, 4)),
        max_pause_months: 3,
        promises: Default::default(),
        contact_hours: Default::default(),
    }
}

pub fn creditor() -> Creditor {
    Creditor::company()
}

/// A demo case: with a diacritic in the client's name, more than 1 000 zł
/// outstanding, and time-barred or not as asked.
pub fn case(time_barred: bool) -> CaseFile {
    let portfolio = demo::generate(&demo::DemoConfig {
        seed: 6,
        cases: 400,
        advisors: 1,
        today: today(),
    });
    portfolio
        .cases
        .into_iter()
        .find(|c| {
            !c.debtor.full_name().is_ascii()
                && c.outstanding().total() > Money::from_grosze(1_500_00)
                && c.has_time_barred_claim(today()) == time_barred
                && !c.is_vulnerable()
        })
        .expect("the demo portfolio has such a case")
}

/// The offer the client accepts: the installment plan that fits the budget.
pub fn offer(file: &CaseFile, kind: VariantKind) -> AcceptedOffer {
    offer_with(file, kind, policy())
}

/// As [`offer`], under `policy`; limitation per debt, as the device asks.
pub fn offer_with(file: &CaseFile, kind: VariantKind, policy: Policy) -> AcceptedOffer {
    let inputs = OfferInputs {
        today: today(),
        budget: Budget {
            income: Money::from_grosze(4_200_00),
            expenses: Expenses {
                housing: Money::from_grosze(1_300_00),
                utilities: Money::from_grosze(400_00),
                food: Money::from_grosze(1_200_00),
                transport: Money::from_grosze(200_00),
                dependants: Money::ZERO,
                other_debts: Money::ZERO,
            },
        },
        due_day: 10,
        custom: None,
    };
    let authority = OfferAuthority {
        max_discount_share: Decimal::new(25, 2),
        max_discount_amount: Money::from_grosze(2_000_00),
        max_term_months: 24,
    };
    let request = OfferRequest::for_case(file, inputs, policy, authority);
    let offers = propose(&request).expect("offers");
    let variant = offers
        .get(kind)
        .or_else(|| offers.variants.first())
        .expect("a variant")
        .clone();
    accept(variant, Some("Klient ma stałe dochody z umowy o pracę.")).expect("accepted")
}

/// A signature as a pad records it: two strokes.
pub fn strokes() -> Strokes {
    let wave = |y0: f32, t0: u32| Stroke {
        points: (0..40)
            .map(|i| Point {
                x: 10.0 + i as f32 * 7.0,
                y: y0 + (i as f32 / 3.0).sin() * 18.0,
                t: t0 + i * 12,
            })
            .collect(),
    };
    Strokes {
        width: 320.0,
        height: 120.0,
        strokes: vec![wave(60.0, 0), wave(85.0, 700)],
    }
}

/// The CA, a device key and its certificate.
pub struct Pki {
    pub ca: Authority,
    pub ca_der: Vec<u8>,
    pub key: DeviceKey,
    pub cert_der: Vec<u8>,
}

pub fn pki() -> Pki {
    let mut rng = rand_core::OsRng;
    let ca = Authority::create(
        "Partner CA testowe",
        &mut rng,
        now() - chrono::Duration::days(30),
        10,
    )
    .expect("CA");
    let key = DeviceKey::generate(&mut rng);
    let csr = key.certificate_request("urządzenie testowe").expect("CSR");
    let cert_der = ca
        .issue(
            &csr,
            "Tablet doradcy 7 (Jan Kowalski)",
            &mut rng,
            now() - chrono::Duration::days(1),
            730,
        )
        .expect("certificate");
    let ca_der = ca.certificate_der().expect("CA DER");
    Pki {
        ca,
        ca_der,
        key,
        cert_der,
    }
}

/// A signed settlement for `file`, with everything that made it.
pub struct Signed {
    pub file: CaseFile,
    pub offer: AcceptedOffer,
    pub pki: Pki,
    pub pdf: Vec<u8>,
}

pub fn signed(file: CaseFile, kind: VariantKind) -> Signed {
    let offer = offer(&file, kind);
    let pki = pki();
    let creditor = creditor();
    let client = strokes();
    let pdf = settlement::render(&Agreement {
        number: "UG/2026/11/000123",
        date: today(),
        place: "Łódź",
        creditor: &creditor,
        advisor: "Jan Kowalski",
        case: &file,
        offer: &offer,
        client_signature: &client,
        advisor_signature: None,
    })
    .expect("rendered");
    let pdf = settlement::sign(
        &pdf,
        &pki.key,
        &pki.cert_der,
        &pki.ca_der,
        &SignatureDetails {
            name: "Jan Kowalski (tablet 7)".into(),
            reason: "Zawarcie ugody".into(),
            location: "Łódź".into(),
            time: now(),
        },
    )
    .expect("signed");
    Signed {
        file,
        offer,
        pki,
        pdf,
    }
}

// ------------------------------------------------------------------ tools

/// True when a missing tool must fail the test: in CI and under
/// `cargo xtask test`.
fn required() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
        || std::env::var_os("PARTNER_REQUIRE_SETTLEMENT_TOOLS").is_some()
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

/// A tool from PATH. Missing: the test fails under CI or `cargo xtask
/// test`, and otherwise says loudly that it checks nothing.
pub fn tool(name: &str, package: &str) -> Option<PathBuf> {
    let found = on_path(name);
    if found.is_none() {
        let msg = format!(
            "{name} is not on PATH (apt package {package}; `cargo xtask setup --ui-test` installs it)"
        );
        assert!(!required(), "{msg}");
        eprintln!("SKIPPED, NOTHING CHECKED: {msg}");
    }
    found
}

/// pyHanko from `PARTNER_PYHANKO` (set by `cargo xtask test`), else the
/// venv xtask makes at `<workspace>/.pyhanko-venv`.
pub fn pyhanko() -> Option<PathBuf> {
    let from_env = std::env::var_os("PARTNER_PYHANKO").map(PathBuf::from);
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.pyhanko-venv/bin/pyhanko");
    let found = from_env.clone().or(Some(venv)).filter(|p| p.is_file());
    if found.is_none() {
        let msg = format!(
            "pyHanko not found (PARTNER_PYHANKO={from_env:?}; `cargo xtask setup --ui-test` makes .pyhanko-venv)"
        );
        assert!(!required(), "{msg}");
        eprintln!("SKIPPED, NOTHING CHECKED: {msg}");
    }
    found
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    out
}

pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// Writes `pdf` and the CA (PEM) into `dir`.
pub fn write(dir: &Path, name: &str, pdf: &[u8], pki: &Pki) -> (PathBuf, PathBuf) {
    let file = dir.join(name);
    std::fs::write(&file, pdf).expect("write pdf");
    let ca = dir.join("ca.pem");
    std::fs::write(&ca, pki.ca.certificate_pem().expect("pem")).expect("write ca");
    (file, ca)
}
