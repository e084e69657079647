//! The server's comparison of a signed settlement with the agreement it
//! renders itself (`settlement::same_agreement`): the genuine document
//! passes; one word, one amount, one page or one drawing more do not.

mod common;

use common::*;
use domain::offer::VariantKind;
use settlement::{Agreement, Error};

fn unsigned(place: &str, offer: &domain::offer::AcceptedOffer, file: &domain::CaseFile) -> Vec<u8> {
    settlement::render(&Agreement {
        number: "UG/2026/11/000123",
        date: today(),
        place,
        creditor: &creditor(),
        advisor: "Jan Kowalski",
        case: file,
        offer,
        client_signature: &strokes(),
        advisor_signature: None,
    })
    .unwrap()
}

fn differs(r: Result<(), Error>) -> String {
    match r {
        Err(Error::Differs(at)) => at,
        other => panic!("expected a difference, got {other:?}"),
    }
}

#[test]
fn the_signed_agreement_is_the_one_rendered_from_the_same_facts() {
    let s = signed(case(false), VariantKind::LowestInstallment);
    // The same facts render the same document, to the byte.
    let expected = unsigned("Łódź", &s.offer, &s.file);
    assert_eq!(expected, unsigned("Łódź", &s.offer, &s.file));
    settlement::same_agreement(&s.pdf, &expected).unwrap();
    // Uncompressed, as the server renders it to compare: the same agreement.
    let plain = settlement::render_plain(&Agreement {
        number: "UG/2026/11/000123",
        date: today(),
        place: "Łódź",
        creditor: &creditor(),
        advisor: "Jan Kowalski",
        case: &s.file,
        offer: &s.offer,
        client_signature: &strokes(),
        advisor_signature: None,
    })
    .unwrap();
    assert!(plain.len() > expected.len(), "uncompressed");
    settlement::same_agreement(&s.pdf, &plain).unwrap();
}

#[test]
fn another_place_amount_or_case_is_another_agreement() {
    let s = signed(case(false), VariantKind::LowestInstallment);
    differs(settlement::same_agreement(
        &s.pdf,
        &unsigned("Zgierz", &s.offer, &s.file),
    ));
    let other = offer(&s.file, VariantKind::LumpSum);
    differs(settlement::same_agreement(
        &s.pdf,
        &unsigned("Łódź", &other, &s.file),
    ));
    let mut renamed = s.file.clone();
    renamed.debtor.last_name = "Nowak".into();
    differs(settlement::same_agreement(
        &s.pdf,
        &unsigned("Łódź", &s.offer, &renamed),
    ));
}

#[test]
fn an_unsigned_document_or_a_drawing_on_the_signature_field_is_refused() {
    let s = signed(case(false), VariantKind::LowestInstallment);
    let expected = unsigned("Łódź", &s.offer, &s.file);
    // Not signed at all: no signature field.
    differs(settlement::same_agreement(&expected, &expected));
    // An appearance drawn on the signature field ("paid in full").
    let mut doc = lopdf::Document::load_mem(&s.pdf).unwrap();
    let widget = doc
        .objects
        .iter()
        .find(|(_, o)| {
            o.as_dict().is_ok_and(|d| {
                d.get(b"FT").and_then(|v| v.as_name()).ok() == Some(b"Sig".as_slice())
            })
        })
        .map(|(id, _)| *id)
        .unwrap();
    let look = doc.add_object(lopdf::Stream::new(
        lopdf::Dictionary::new(),
        b"BT /F1 12 Tf (zaplacono) Tj ET".to_vec(),
    ));
    doc.get_dictionary_mut(widget).unwrap().set(
        "AP",
        lopdf::Dictionary::from_iter(vec![("N", lopdf::Object::Reference(look))]),
    );
    let mut drawn = Vec::new();
    doc.save_to(&mut drawn).unwrap();
    assert_eq!(
        differs(settlement::same_agreement(&drawn, &expected)),
        "signature field"
    );
}

#[test]
fn an_amendment_is_rendered_alike_and_compared_like_an_agreement() {
    let s = signed(case(false), VariantKind::LowestInstallment);
    let total = s.offer.variant().total;
    let amendment = |place: &str| {
        settlement::render_amendment(&settlement::Amendment {
            number: "UG/2026/12/000124",
            date: today(),
            place,
            creditor: &creditor(),
            advisor: "Jan Kowalski",
            case: &s.file,
            amends: ("UG/2026/11/000123", today()),
            unpaid: total,
            offer: &s.offer,
            client_signature: &strokes(),
        })
        .unwrap()
    };
    let unsigned = amendment("Łódź");
    assert_eq!(
        unsigned,
        amendment("Łódź"),
        "the same facts, the same bytes"
    );
    let signed = settlement::sign(
        &unsigned,
        &s.pki.key,
        &s.pki.cert_der,
        &s.pki.ca_der,
        &settlement::SignatureDetails {
            name: "Jan Kowalski (tablet 7)".into(),
            reason: "Aneks".into(),
            location: "Łódź".into(),
            time: now(),
        },
    )
    .unwrap();
    settlement::same_agreement(&signed, &unsigned).unwrap();
    differs(settlement::same_agreement(&signed, &amendment("Zgierz")));
    // A schedule that does not add up to what is unpaid is no amendment.
    let short = settlement::render_amendment(&settlement::Amendment {
        number: "UG/2026/12/000124",
        date: today(),
        place: "Łódź",
        creditor: &creditor(),
        advisor: "Jan Kowalski",
        case: &s.file,
        amends: ("UG/2026/11/000123", today()),
        unpaid: total - domain::Money::new(rust_decimal::Decimal::ONE),
        offer: &s.offer,
        client_signature: &strokes(),
    });
    assert!(matches!(short, Err(Error::Facts(_))), "{short:?}");
}
