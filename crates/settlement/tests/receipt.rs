//! The receipt of a payment at the door (potwierdzenie wpłaty, issue 11):
//! the same facts give the same bytes, other facts other bytes, the signed
//! file verifies with the crate's `verify` and with pyHanko, the server's
//! structural comparison takes exactly the receipt it renders, and the
//! text states the amount in figures and in words.

mod common;

use common::*;
use domain::{CaseFile, Money};
use settlement::{Receipt, SignatureDetails, Strokes};
use std::process::Command;

const NUMBER: &str = "KP/2026/11/0A0B0C0D0E";

fn receipt<'a>(
    file: &'a CaseFile,
    number: &'a str,
    amount: Money,
    client: &'a Strokes,
    creditor: &'a settlement::Creditor,
) -> Receipt<'a> {
    Receipt {
        number,
        date: today(),
        place: settlement::receipt_place(file).expect("a visit address"),
        creditor,
        advisor: "Jan Kowalski",
        case: file,
        amount,
        client_signature: client,
    }
}

fn sign(pdf: &[u8], pki: &Pki) -> Vec<u8> {
    settlement::sign(
        pdf,
        &pki.key,
        &pki.cert_der,
        &pki.ca_der,
        &SignatureDetails {
            name: "Jan Kowalski".into(),
            reason: "Potwierdzenie wpłaty".into(),
            location: "Łódź".into(),
            time: now(),
        },
    )
    .expect("signed")
}

#[test]
fn the_number_is_derived_from_the_day_and_the_visit() {
    let id: [u8; 16] = [
        0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ];
    assert_eq!(
        settlement::receipt_number(today(), &id),
        "KP/2026/11/0A0B0C0D0E"
    );
    let mut other = [0u8; 16];
    other[0] = 0xff;
    assert_eq!(
        settlement::receipt_number(today(), &other),
        "KP/2026/11/FF00000000"
    );
    // Another month of the same visit: another number.
    let dec = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(
        settlement::receipt_number(dec, &id),
        "KP/2026/12/0A0B0C0D0E"
    );
}

#[test]
fn same_facts_same_bytes_other_facts_other_bytes() {
    let file = case(false);
    let creditor = creditor();
    let client = strokes();
    let blank = Strokes::default();
    let one = |n: &str, g: i64, s: &Strokes| {
        settlement::render_receipt(&receipt(&file, n, Money::from_grosze(g), s, &creditor))
            .expect("rendered")
    };
    let a = one(NUMBER, 150_00, &client);
    assert_eq!(a, one(NUMBER, 150_00, &client));
    assert_ne!(a, one(NUMBER, 150_01, &client));
    assert_ne!(a, one("KP/2026/11/0A0B0C0D0F", 150_00, &client));
    assert_ne!(a, one(NUMBER, 150_00, &blank));
    assert!(a.len() < 120_000, "{} bytes", a.len());
    // Nothing to receipt: an error, not a document.
    let zero = settlement::render_receipt(&receipt(&file, NUMBER, Money::ZERO, &client, &creditor));
    assert!(matches!(zero, Err(settlement::Error::Facts(_))));
}

#[test]
fn the_signed_receipt_verifies_and_is_the_receipt_the_server_renders() {
    let file = case(false);
    let creditor = creditor();
    let client = strokes();
    let pki = pki();
    let amount = Money::from_grosze(150_00);
    let unsigned =
        settlement::render_receipt(&receipt(&file, NUMBER, amount, &client, &creditor)).unwrap();
    let signed = sign(&unsigned, &pki);
    let v = settlement::verify(&signed, &pki.ca_der, now()).expect("verifies");
    assert!(v.signer.contains("Tablet doradcy 7"), "{}", v.signer);

    // The server renders it uncompressed from its own facts.
    let expected =
        settlement::render_receipt_plain(&receipt(&file, NUMBER, amount, &client, &creditor))
            .unwrap();
    settlement::same_receipt(&signed, &expected).expect("the same receipt");
    for other in [
        receipt(
            &file,
            NUMBER,
            Money::from_grosze(1_500_00),
            &client,
            &creditor,
        ),
        receipt(&file, "KP/2026/11/FFFFFFFFFF", amount, &client, &creditor),
        receipt(&file, NUMBER, amount, &Strokes::default(), &creditor),
    ] {
        let e = settlement::render_receipt_plain(&other).unwrap();
        assert!(matches!(
            settlement::same_receipt(&signed, &e),
            Err(settlement::Error::Differs(_))
        ));
    }
    // Tampered bytes no longer verify.
    let mut tampered = signed.clone();
    let at = tampered.len() / 3;
    tampered[at] ^= 0x01;
    assert!(settlement::verify(&tampered, &pki.ca_der, now()).is_err());
    // Another CA's key: not trusted.
    let stranger = common::pki();
    assert!(settlement::verify(&signed, &stranger.ca_der, now()).is_err());
}

#[test]
fn pdftotext_reads_the_amount_in_figures_and_in_words() {
    let Some(pdftotext) = tool("pdftotext", "poppler-utils") else {
        return;
    };
    let file = case(false);
    let creditor = creditor();
    let client = strokes();
    let pdf = settlement::render_receipt(&receipt(
        &file,
        NUMBER,
        Money::from_grosze(1_234_56),
        &client,
        &creditor,
    ))
    .unwrap();
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("kp.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let out = run(Command::new(&pdftotext).arg(&path).arg("-"));
    assert!(out.status.success(), "pdftotext: {}", text(&out));
    let t = String::from_utf8(out.stdout).unwrap();
    let t = t.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "POTWIERDZENIE WPŁATY nr KP/2026/11/0A0B0C0D0E",
        "1 234,56 zł",
        "tysiąc dwieście trzydzieści cztery złote 56/100",
        "23.11.2026",
        file.case.number.as_str(),
        "Jan Kowalski",
        "Partner Windykacja Sp. z o.o.",
        "przyjęta w terenie",
    ] {
        assert!(t.contains(needle), "{needle:?} not in {t}");
    }
    assert!(t.contains(&file.debtor.full_name()), "{t}");
}

#[test]
fn pyhanko_validates_the_signed_receipt() {
    let Some(pyhanko) = pyhanko() else { return };
    let file = case(false);
    let creditor = creditor();
    let client = strokes();
    let pki = pki();
    let unsigned = settlement::render_receipt(&receipt(
        &file,
        NUMBER,
        Money::from_grosze(150_00),
        &client,
        &creditor,
    ))
    .unwrap();
    let signed = sign(&unsigned, &pki);
    let dir = tempfile::tempdir().expect("tempdir");
    let (pdf, ca) = write(dir.path(), "kp.pdf", &signed, &pki);
    let out = run(Command::new(&pyhanko)
        .args(["sign", "validate", "--pretty-print", "--trust"])
        .arg(&ca)
        .arg(&pdf));
    let report = text(&out);
    assert!(out.status.success(), "pyhanko failed: {report}");
    assert!(report.contains("The signature is judged VALID"), "{report}");
    assert!(report.contains("entire file"), "{report}");
}
