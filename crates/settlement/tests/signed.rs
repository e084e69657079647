//! A settlement rendered and signed by the crate, checked by the tools a
//! client, a court or an auditor would use: poppler (pdfsig, pdftotext)
//! with an NSS trust store, qpdf, pyHanko; and by the crate's own `verify`,
//! which the server runs before it accepts a settlement.

mod common;

use common::*;
use domain::format::format_pln;
use domain::offer::VariantKind;
use std::process::Command;

fn plan() -> Signed {
    signed(case(false), VariantKind::FitsBudget)
}

#[test]
fn pdfsig_finds_a_valid_trusted_signature_over_the_whole_document() {
    let Some(pdfsig) = tool("pdfsig", "poppler-utils") else {
        return;
    };
    let Some(certutil) = tool("certutil", "libnss3-tools") else {
        return;
    };
    let s = plan();
    let dir = tempfile::tempdir().expect("tempdir");
    let (pdf, ca) = write(dir.path(), "ugoda.pdf", &s.pdf, &s.pki);
    let nss = dir.path().join("nss");
    std::fs::create_dir(&nss).expect("nss dir");
    let db = format!("sql:{}", nss.display());
    let out = run(Command::new(&certutil).args(["-N", "-d", &db, "--empty-password"]));
    assert!(out.status.success(), "certutil -N: {}", text(&out));
    let out = run(Command::new(&certutil)
        .args(["-A", "-d", &db, "-n", "Partner CA", "-t", "CT,C,C", "-i"])
        .arg(&ca));
    assert!(out.status.success(), "certutil -A: {}", text(&out));

    // pdfsig exits 0 whatever it finds: its text is the verdict.
    let out = run(Command::new(&pdfsig).args(["-nssdir", &db]).arg(&pdf));
    let report = text(&out);
    assert!(report.contains("Signature is Valid"), "{report}");
    assert!(report.contains("Certificate is Trusted"), "{report}");
    assert!(report.contains("Total document signed"), "{report}");
    assert!(report.contains("ETSI.CAdES.detached"), "{report}");

    // The same file without the CA in the store: valid, but not trusted.
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).expect("dir");
    let empty_db = format!("sql:{}", empty.display());
    run(Command::new(&certutil).args(["-N", "-d", &empty_db, "--empty-password"]));
    let out = run(Command::new(&pdfsig).args(["-nssdir", &empty_db]).arg(&pdf));
    let report = text(&out);
    assert!(report.contains("Signature is Valid"), "{report}");
    assert!(!report.contains("Certificate is Trusted"), "{report}");
}

#[test]
fn pyhanko_validates_the_signature_against_the_ca() {
    let Some(pyhanko) = pyhanko() else { return };
    let s = plan();
    let dir = tempfile::tempdir().expect("tempdir");
    let (pdf, ca) = write(dir.path(), "ugoda.pdf", &s.pdf, &s.pki);
    let out = run(Command::new(&pyhanko)
        .args(["sign", "validate", "--pretty-print", "--trust"])
        .arg(&ca)
        .arg(&pdf));
    let report = text(&out);
    assert!(out.status.success(), "pyhanko failed: {report}");
    assert!(
        report.contains("VALID") && !report.contains("INVALID"),
        "{report}"
    );
    assert!(report.contains("The signature is judged VALID"), "{report}");
    assert!(report.contains("entire file"), "{report}");
}

#[test]
fn qpdf_finds_no_errors() {
    let Some(qpdf) = tool("qpdf", "qpdf") else {
        return;
    };
    let s = plan();
    let dir = tempfile::tempdir().expect("tempdir");
    let (pdf, _) = write(dir.path(), "ugoda.pdf", &s.pdf, &s.pki);
    let out = run(Command::new(&qpdf).arg("--check").arg(&pdf));
    let report = text(&out);
    assert!(out.status.success(), "qpdf --check: {report}");
    assert!(
        report.contains("No syntax or stream encoding errors found"),
        "{report}"
    );
    assert!(!report.to_lowercase().contains("warning"), "{report}");
}

#[test]
fn pdftotext_extracts_the_polish_text() {
    let Some(pdftotext) = tool("pdftotext", "poppler-utils") else {
        return;
    };
    let s = plan();
    let dir = tempfile::tempdir().expect("tempdir");
    let (pdf, _) = write(dir.path(), "ugoda.pdf", &s.pdf, &s.pki);
    let out = run(Command::new(&pdftotext).arg(&pdf).arg("-"));
    assert!(out.status.success(), "pdftotext: {}", text(&out));
    let extracted = String::from_utf8(out.stdout).expect("UTF-8");
    let name = s.file.debtor.full_name();
    assert!(!name.is_ascii(), "the fixture has a Polish letter: {name}");
    assert!(extracted.contains(&name), "{name} not in:\n{extracted}");
    assert!(extracted.contains(&s.file.debtor.pesel), "{extracted}");
    let total = format_pln(s.offer.variant().total);
    assert!(
        s.offer.variant().total.grosze() >= 1_000_00,
        "a total with a thousands group: {total}"
    );
    assert!(extracted.contains(&total), "{total} not in:\n{extracted}");
    for phrase in [
        "UGODA nr UG/2026/11/000123",
        "zawarta w dniu 23.11.2026 w miejscowości Łódź",
        "dalej „Wierzyciel”",
        "§ 3. Spłata",
        "PL61 1090 1014 0000 0712 1981 2874",
        &s.file.case.number,
        "także na drodze sądowej",
        "Dłużnik uznaje",
    ] {
        assert!(
            extracted.contains(phrase),
            "{phrase:?} not in:\n{extracted}"
        );
    }
    // Every installment's amount and date.
    for i in &s.offer.variant().schedule {
        assert!(extracted.contains(&domain::format::format_date(i.due_on)));
        assert!(extracted.contains(&format_pln(i.amount)));
    }
}

#[test]
fn a_time_barred_claim_is_settled_voluntarily_without_a_threat_of_court() {
    let Some(pdftotext) = tool("pdftotext", "poppler-utils") else {
        return;
    };
    let s = signed(case(true), VariantKind::FitsBudget);
    assert!(s.offer.variant().voluntary_only);
    let dir = tempfile::tempdir().expect("tempdir");
    let (pdf, _) = write(dir.path(), "ugoda.pdf", &s.pdf, &s.pki);
    let out = run(Command::new(&pdftotext).arg(&pdf).arg("-"));
    let extracted = String::from_utf8(out.stdout).expect("UTF-8");
    let flat = extracted.split_whitespace().collect::<Vec<_>>().join(" ");
    // Limitation per debt (issue #10): the creditor informs, per debt.
    for d in &s.file.debts {
        let notice = format!(
            "Wierzyciel informuje, że roszczenie z tytułu {} ({})",
            d.title, d.original_creditor
        );
        assert!(flat.contains(&notice), "{notice:?} not in {flat}");
    }
    assert!(
        flat.contains("uległo przedawnieniu z upływem dnia"),
        "{flat}"
    );
    assert!(flat.contains("bez odsetek"), "{flat}");
    assert!(!flat.contains("Kwota obejmuje odsetki"), "{flat}");
    assert!(!flat.contains("może naliczać odsetki"), "{flat}");
    assert!(flat.contains("dobrowolnie"), "{flat}");
    assert!(flat.contains("Spłata jest dobrowolna"), "{flat}");
    assert!(!flat.contains("na drodze sądowej"), "{flat}");
    assert!(!flat.contains("wypowiedzieć"), "{flat}");
    assert!(!flat.contains("uznaje"), "{flat}");
    assert!(settlement::verify(&s.pdf, &s.pki.ca_der, now()).is_ok());
}

#[test]
fn the_crate_verifies_what_it_signed() {
    let s = plan();
    let v = settlement::verify(&s.pdf, &s.pki.ca_der, now()).expect("valid");
    assert!(v.signer.contains("Tablet doradcy 7"), "{}", v.signer);
    assert_eq!(v.signer_cert_der, s.pki.cert_der);
    use sha2::Digest;
    assert_eq!(
        v.file_sha256,
        <[u8; 32]>::from(sha2::Sha256::digest(&s.pdf))
    );
}

#[test]
fn the_crate_refuses_another_ca_and_an_expired_certificate() {
    let s = plan();
    let other = pki();
    let err = settlement::verify(&s.pdf, &other.ca_der, now()).expect_err("other CA");
    assert!(
        err.to_string().contains("trusted CA") || err.to_string().contains("CA signature"),
        "{err}"
    );
    let later = now() + chrono::Duration::days(800);
    let err = settlement::verify(&s.pdf, &s.pki.ca_der, later).expect_err("expired");
    assert!(err.to_string().contains("not valid at that time"), "{err}");
}

#[test]
fn a_size_and_a_font_fit_for_the_field() {
    let s = plan();
    assert!(s.pdf.len() < 200 * 1024, "{} bytes", s.pdf.len());
    // The font is embedded (FontFile2), not referenced.
    let count = s.pdf.windows(9).filter(|w| w == b"FontFile2").count();
    assert_eq!(count, 2, "regular and bold embedded");
}

#[test]
#[ignore = "writes target/settlement-sample.pdf for a look"]
fn write_a_sample() {
    let s = plan();
    let out =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/settlement-sample.pdf");
    std::fs::write(&out, &s.pdf).expect("write");
    std::fs::write(
        out.with_extension("pem"),
        s.pki.ca.certificate_pem().expect("pem"),
    )
    .expect("write");
}
