//! A settlement changed after signing is caught: by pyHanko and pdfsig, and
//! by the crate's own `verify` (the server's check before it accepts one).

mod common;

use common::*;
use domain::offer::VariantKind;
use std::process::Command;

fn original() -> Signed {
    signed(case(false), VariantKind::FitsBudget)
}

/// One byte inside the signed range changed: the producer's name in the
/// document information, so the file still parses everywhere.
fn one_byte_changed(pdf: &[u8]) -> Vec<u8> {
    let needle = b"Partner (printpdf)";
    let at = pdf
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("the producer is in the file");
    let mut out = pdf.to_vec();
    out[at + needle.len() - 2] = b'F';
    out
}

/// An incremental update appended after signing that replaces the first
/// page's content with other text: a well-formed new revision, as a PDF
/// editor would write it.
fn content_replaced(pdf: &[u8]) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(pdf).expect("parses");
    let page = *doc.get_pages().get(&1).expect("page 1");
    let content_id = doc.get_page_contents(page)[0];
    let root = doc
        .trailer
        .get(b"Root")
        .and_then(|r| r.as_reference())
        .expect("root");
    let size = doc.max_id + 1;
    let prev = {
        let at = pdf
            .windows(9)
            .rposition(|w| w == b"startxref")
            .expect("startxref");
        String::from_utf8_lossy(&pdf[at + 9..])
            .split_whitespace()
            .next()
            .expect("offset")
            .to_string()
    };
    let stream = b"BT /F0 12 Tf 72 700 Td (Ugoda anulowana) Tj ET";
    let mut out = pdf.to_vec();
    out.push(b'\n');
    let obj_at = out.len();
    out.extend_from_slice(
        format!(
            "{} {} obj\n<< /Length {} >>\nstream\n",
            content_id.0,
            content_id.1,
            stream.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(stream);
    out.extend_from_slice(b"\nendstream\nendobj\n");
    let xref_at = out.len();
    out.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \n{} 1\n{obj_at:010} {:05} n \ntrailer\n<< /Size {size} /Root {} {} R /Prev {prev} >>\nstartxref\n{xref_at}\n%%EOF\n",
            content_id.0, content_id.1, root.0, root.1
        )
        .as_bytes(),
    );
    out
}

fn pyhanko_verdict(pdf: &[u8], s: &Signed, name: &str) -> Option<(bool, String)> {
    let pyhanko = pyhanko()?;
    let dir = tempfile::tempdir().expect("tempdir");
    let (file, ca) = write(dir.path(), name, pdf, &s.pki);
    let out = run(Command::new(&pyhanko)
        .args(["sign", "validate", "--pretty-print", "--trust"])
        .arg(&ca)
        .arg(&file));
    let report = text(&out);
    eprintln!("pyhanko on {name}: {}\n{report}", out.status);
    Some((out.status.success(), report))
}

fn pdfsig_report(pdf: &[u8]) -> Option<String> {
    let pdfsig = tool("pdfsig", "poppler-utils")?;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("x.pdf");
    std::fs::write(&file, pdf).expect("write");
    Some(text(&run(Command::new(&pdfsig).arg(&file))))
}

#[test]
fn the_untouched_file_is_valid_everywhere() {
    // The tampering tests below mean something only if this passes.
    let s = original();
    settlement::verify(&s.pdf, &s.pki.ca_der, now()).expect("valid");
    if let Some((ok, report)) = pyhanko_verdict(&s.pdf, &s, "ugoda.pdf") {
        assert!(ok && report.contains("judged VALID"), "{report}");
    }
    if let Some(report) = pdfsig_report(&s.pdf) {
        assert!(report.contains("Signature is Valid"), "{report}");
    }
}

#[test]
fn one_byte_changed_in_the_signed_range_is_caught() {
    let s = original();
    let tampered = one_byte_changed(&s.pdf);
    assert_eq!(tampered.len(), s.pdf.len());
    let err = settlement::verify(&tampered, &s.pki.ca_der, now()).expect_err("tampered");
    assert!(err.to_string().contains("changed after signing"), "{err}");
    if let Some((ok, report)) = pyhanko_verdict(&tampered, &s, "tampered.pdf") {
        assert!(!ok, "pyHanko accepted a changed file: {report}");
        assert!(!report.contains("judged VALID"), "{report}");
    }
    if let Some(report) = pdfsig_report(&tampered) {
        assert!(!report.contains("Signature is Valid"), "{report}");
    }
}

#[test]
fn an_incremental_update_changing_the_content_is_caught() {
    let s = original();
    let tampered = content_replaced(&s.pdf);
    // The new revision is a well-formed PDF that shows the new text.
    let reread = lopdf::Document::load_mem(&tampered).expect("parses");
    let page = *reread.get_pages().get(&1).expect("page");
    let content = reread.get_page_content(page).expect("content");
    assert!(String::from_utf8_lossy(&content).contains("Ugoda anulowana"));

    let err = settlement::verify(&tampered, &s.pki.ca_der, now()).expect_err("appended");
    assert!(err.to_string().contains("whole file"), "{err}");
    if let Some((ok, report)) = pyhanko_verdict(&tampered, &s, "appended.pdf") {
        assert!(!ok, "pyHanko accepted a changed revision: {report}");
        assert!(!report.contains("judged VALID"), "{report}");
        assert!(
            report.contains("does not cover the entire file"),
            "{report}"
        );
        assert!(
            report.contains("incompatible with the current document modification policy"),
            "{report}"
        );
    }
    if let Some(report) = pdfsig_report(&tampered) {
        assert!(!report.contains("Total document signed"), "{report}");
    }
}

#[test]
fn a_signature_from_a_key_the_ca_never_certified_is_refused() {
    // A device key that is not the certificate's.
    let s = original();
    let stranger = settlement::DeviceKey::generate(&mut rand_core::OsRng);
    let err = settlement::sign(
        &s.pdf,
        &stranger,
        &s.pki.cert_der,
        &s.pki.ca_der,
        &settlement::SignatureDetails {
            name: "x".into(),
            reason: "x".into(),
            location: "x".into(),
            time: now(),
        },
    )
    .expect_err("mismatched key");
    assert!(err.to_string().contains("does not match"), "{err}");
}
