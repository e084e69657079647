//! The agreement's facts and the pieces around the signature, without
//! external tools.

mod common;

use common::*;
use domain::offer::VariantKind;
use settlement::{Agreement, Error, Strokes};

fn render_with(file: &domain::CaseFile, creditor: &settlement::Creditor) -> Result<Vec<u8>, Error> {
    let offer = offer(file, VariantKind::LowestInstallment);
    settlement::render(&Agreement {
        number: "UG/1",
        date: today(),
        place: "Łódź",
        creditor,
        advisor: "Jan Kowalski",
        case: file,
        offer: &offer,
        client_signature: &strokes(),
        advisor_signature: Some(&strokes()),
    })
}

#[test]
fn strokes_survive_storage_and_malformed_ones_are_refused() {
    let s = strokes();
    assert_eq!(Strokes::decode(&s.encode()), Some(s.clone()));
    assert!(!s.is_blank());
    assert!(Strokes::default().is_blank());
    for bad in [
        "",
        "320\n",
        "0 120\n",
        "320 120\n1,2",
        "320 120\n1,2,x",
        "320 120\nNaN,1,2",
    ] {
        assert_eq!(Strokes::decode(bad), None, "{bad:?}");
    }
}

#[test]
fn a_character_the_font_lacks_is_an_error_not_a_blank() {
    let mut file = case(false);
    file.debtor.last_name = "Шевченко".into();
    match render_with(&file, &creditor()) {
        Err(Error::Glyph('Ш')) => {}
        other => panic!("expected a glyph error, got {:?}", other.map(|p| p.len())),
    }
    // Letters of neighbouring languages print.
    file.debtor.last_name = "Dvořák-Müller".into();
    render_with(&file, &creditor()).expect("Latin Extended-A prints");
}

#[test]
fn an_invalid_account_or_pesel_is_refused() {
    let file = case(false);
    let mut bad_iban = creditor();
    bad_iban.iban = "PL61 1090 1014 0000 0712 1981 2875".into();
    assert!(matches!(
        render_with(&file, &bad_iban),
        Err(Error::Facts(_))
    ));
    let mut bad_pesel = file.clone();
    bad_pesel.debtor.pesel = "12345678901".into();
    assert!(matches!(
        render_with(&bad_pesel, &creditor()),
        Err(Error::Facts(_))
    ));
}

#[test]
fn a_long_schedule_runs_over_pages_and_still_signs() {
    let file = case(false);
    let pdf = render_with(&file, &creditor()).expect("rendered");
    let doc = lopdf::Document::load_mem(&pdf).expect("parses");
    assert!(
        doc.get_pages().len() >= 2,
        "{} pages",
        doc.get_pages().len()
    );
    let p = pki();
    let signed = settlement::sign(
        &pdf,
        &p.key,
        &p.cert_der,
        &p.ca_der,
        &settlement::SignatureDetails {
            name: "Jan".into(),
            reason: "Zawarcie ugody".into(),
            location: "Łódź".into(),
            time: now(),
        },
    )
    .expect("signed");
    settlement::verify(&signed, &p.ca_der, now()).expect("valid");
}

#[test]
fn the_ca_certifies_only_a_key_whose_holder_signed_the_request() {
    let p = pki();
    let mut rng = rand_core::OsRng;
    let key = settlement::DeviceKey::generate(&mut rng);
    let mut csr = key.certificate_request("tablet").expect("csr");
    let last = csr.len() - 3;
    csr[last] ^= 0x55;
    assert!(p.ca.issue(&csr, "tablet", &mut rng, now(), 30).is_err());
    // The key and the CA survive storage.
    let again = settlement::DeviceKey::from_pkcs8_der(&key.to_pkcs8_der().unwrap()).unwrap();
    assert_eq!(
        again.public_key_der().unwrap(),
        key.public_key_der().unwrap()
    );
    let ca = settlement::Authority::from_parts(
        &p.ca.key_pkcs8_der().unwrap(),
        &p.ca.certificate_der().unwrap(),
    )
    .unwrap();
    let csr = key.certificate_request("tablet").unwrap();
    ca.issue(&csr, "tablet", &mut rng, now(), 30)
        .expect("issued");
    // A CA key with another CA's certificate is refused.
    let other = pki();
    assert!(settlement::Authority::from_parts(
        &p.ca.key_pkcs8_der().unwrap(),
        &other.ca.certificate_der().unwrap()
    )
    .is_err());
}
