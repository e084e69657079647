//! PAdES signatures: a CAdES-detached CMS (RFC 5652, `cms`) over the whole
//! file except the `/Contents` hex string, in a signature field of the
//! document (ISO 32000 12.8, ETSI EN 319 142-1 baseline B-B).

use crate::pki::signature_verifier::verify_with;
use crate::pki::DeviceKey;
use crate::Error;
use chrono::{DateTime, Utc};
use cms::builder::{SignedDataBuilder, SignerInfoBuilder};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::ContentInfo;
use cms::signed_data::{EncapsulatedContentInfo, SignedData, SignerIdentifier};
use const_oid::db::{rfc5911, rfc5912};
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use lopdf::{Dictionary, Object, StringFormat};
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, DecodePublicKey};
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

/// Bytes reserved for the CMS in `/Contents` (written as twice as many hex
/// digits). A signature with the device and CA certificates takes about
/// 1.5 KB.
const CONTENTS_BYTES: usize = 8192;
/// A ByteRange placeholder wide enough for any offset in a file under 10 GB.
const BYTE_RANGE_PLACEHOLDER: i64 = 9_999_999_999;

/// What the signature dictionary says besides the signature itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureDetails {
    /// Who signs (the advisor and the device), `/Name`.
    pub name: String,
    /// `/Reason`, e.g. "Zawarcie ugody".
    pub reason: String,
    /// `/Location`: the town where the document is signed.
    pub location: String,
    /// `/M`: the signing time, from the device's clock.
    pub time: DateTime<Utc>,
}

/// ESS signing-certificate-v2 (RFC 5035): binds the signer's certificate
/// to the signed attributes. `hashAlgorithm` is left out: its DEFAULT is
/// SHA-256, which is what is used.
#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct EssCertIdV2 {
    cert_hash: OctetString,
    issuer_serial: IssuerSerial,
}

#[derive(Clone, Debug, Eq, PartialEq, Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial_number: SerialNumber,
}

fn signing_certificate_v2(cert: &Certificate) -> Result<Attribute, Error> {
    let value = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            cert_hash: OctetString::new(Sha256::digest(cert.to_der()?).to_vec())?,
            issuer_serial: IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    cert.tbs_certificate.issuer.clone(),
                )],
                serial_number: cert.tbs_certificate.serial_number.clone(),
            },
        }],
    };
    let mut values = SetOfVec::new();
    values.insert(Any::encode_from(&value)?)?;
    Ok(Attribute {
        oid: rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2,
        values,
    })
}

/// A PDF text string: PDFDocEncoding for ASCII, else UTF-16BE with its BOM.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

fn pdf_date(t: DateTime<Utc>) -> String {
    t.format("D:%Y%m%d%H%M%SZ").to_string()
}

fn sha256_ranges(pdf: &[u8], ranges: [usize; 4]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(&pdf[ranges[0]..ranges[0] + ranges[1]]);
    h.update(&pdf[ranges[2]..ranges[2] + ranges[3]]);
    h.finalize().into()
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

/// Signs `pdf` on the device: adds an invisible signature field to the first
/// page and the signature with `cert_der` (the device's, issued by
/// `ca_cert_der`) over the whole saved file except the signature's hex.
pub fn sign(
    pdf: &[u8],
    key: &DeviceKey,
    cert_der: &[u8],
    ca_cert_der: &[u8],
    details: &SignatureDetails,
) -> Result<Vec<u8>, Error> {
    let cert = Certificate::from_der(cert_der)?;
    let ca_cert = Certificate::from_der(ca_cert_der)?;
    let cert_key =
        VerifyingKey::from_public_key_der(&cert.tbs_certificate.subject_public_key_info.to_der()?)?;
    if &cert_key != key.0.verifying_key() {
        return Err(Error::Certificate(
            "the device key does not match its certificate",
        ));
    }

    let mut doc = lopdf::Document::load_mem(pdf)?;
    let page_id = *doc
        .get_pages()
        .get(&1)
        .ok_or(Error::Pdf("the document has no page".into()))?;

    let sig_id = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Sig".to_vec())),
        ("Filter", Object::Name(b"Adobe.PPKLite".to_vec())),
        ("SubFilter", Object::Name(b"ETSI.CAdES.detached".to_vec())),
        (
            "ByteRange",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(BYTE_RANGE_PLACEHOLDER),
                Object::Integer(BYTE_RANGE_PLACEHOLDER),
                Object::Integer(BYTE_RANGE_PLACEHOLDER),
            ]),
        ),
        (
            "Contents",
            Object::String(vec![0; CONTENTS_BYTES], StringFormat::Hexadecimal),
        ),
        (
            "M",
            Object::String(pdf_date(details.time).into_bytes(), StringFormat::Literal),
        ),
        ("Name", text_string(&details.name)),
        ("Reason", text_string(&details.reason)),
        ("Location", text_string(&details.location)),
    ]));
    let field_id = doc.add_object(Dictionary::from_iter(vec![
        ("Type", Object::Name(b"Annot".to_vec())),
        ("Subtype", Object::Name(b"Widget".to_vec())),
        ("FT", Object::Name(b"Sig".to_vec())),
        ("T", text_string("Podpis urządzenia doradcy")),
        ("V", Object::Reference(sig_id)),
        ("P", Object::Reference(page_id)),
        (
            "Rect",
            Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
        ),
        // Print and Locked.
        ("F", Object::Integer(132)),
    ]));
    {
        let page = doc.get_dictionary_mut(page_id)?;
        match page.get_mut(b"Annots") {
            Ok(Object::Array(annots)) => annots.push(Object::Reference(field_id)),
            _ => page.set("Annots", Object::Array(vec![Object::Reference(field_id)])),
        }
    }
    doc.catalog_mut()?.set(
        "AcroForm",
        Dictionary::from_iter(vec![
            ("Fields", Object::Array(vec![Object::Reference(field_id)])),
            ("SigFlags", Object::Integer(3)),
        ]),
    );
    let mut out = Vec::with_capacity(pdf.len() + 2 * CONTENTS_BYTES + 1024);
    doc.save_to(&mut out)?;

    // Where the placeholders landed.
    let hex_zeros = vec![b'0'; 2 * CONTENTS_BYTES];
    let mut needle = Vec::with_capacity(hex_zeros.len() + 2);
    needle.push(b'<');
    needle.extend_from_slice(&hex_zeros);
    needle.push(b'>');
    let contents_at = find(&out, &needle, 0).ok_or(Error::Pdf(
        "the signature placeholder was not written".into(),
    ))?;
    let contents_end = contents_at + needle.len();
    let br_key =
        find(&out, b"/ByteRange", 0).ok_or(Error::Pdf("the ByteRange was not written".into()))?;
    let br_open = find(&out, b"[", br_key).ok_or(Error::Pdf("ByteRange".into()))?;
    let br_close = find(&out, b"]", br_open).ok_or(Error::Pdf("ByteRange".into()))?;
    let ranges = [0, contents_at, contents_end, out.len() - contents_end];
    let text = format!("[{} {} {} {}", ranges[0], ranges[1], ranges[2], ranges[3]);
    let width = br_close - br_open;
    if text.len() > width {
        return Err(Error::Pdf(
            "the ByteRange does not fit its placeholder".into(),
        ));
    }
    out[br_open..br_close].copy_from_slice(format!("{text:<width$}").as_bytes());

    let digest = sha256_ranges(&out, ranges);
    let cms = cades_detached(&digest, key, &cert, &ca_cert)?;
    if 2 * cms.len() > hex_zeros.len() {
        return Err(Error::Pdf(
            "the signature does not fit its placeholder".into(),
        ));
    }
    let digits = hex::encode_upper(&cms);
    out[contents_at + 1..contents_at + 1 + digits.len()].copy_from_slice(digits.as_bytes());
    Ok(out)
}

fn cades_detached(
    digest: &[u8; 32],
    key: &DeviceKey,
    cert: &Certificate,
    ca_cert: &Certificate,
) -> Result<Vec<u8>, Error> {
    let econtent = EncapsulatedContentInfo {
        econtent_type: rfc5911::ID_DATA,
        econtent: None,
    };
    let sha256 = AlgorithmIdentifierOwned {
        oid: rfc5912::ID_SHA_256,
        parameters: None,
    };
    let sid = SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
        issuer: cert.tbs_certificate.issuer.clone(),
        serial_number: cert.tbs_certificate.serial_number.clone(),
    });
    let mut signer = SignerInfoBuilder::new(&key.0, sid, sha256.clone(), &econtent, Some(digest))?;
    signer.add_signed_attribute(signing_certificate_v2(cert)?)?;
    let content_info = SignedDataBuilder::new(&econtent)
        .add_digest_algorithm(sha256)?
        .add_certificate(CertificateChoices::Certificate(cert.clone()))?
        .add_certificate(CertificateChoices::Certificate(ca_cert.clone()))?
        .add_signer_info::<SigningKey, DerSignature>(signer)?
        .build()?;
    Ok(content_info.to_der()?)
}

/// What a verified signature says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// The signing device's certificate subject, e.g. "CN=...,O=Partner".
    pub signer: String,
    /// The signer certificate, DER.
    pub signer_cert_der: Vec<u8>,
    /// SHA-256 of the whole signed file.
    pub file_sha256: [u8; 32],
}

/// Verifies a signed settlement as the server does before accepting it:
/// one signature; its ByteRange covers the whole file but the signature's
/// hex; the CMS message digest matches; the signature verifies with the
/// signer certificate, which carries the signing-certificate-v2 binding, was
/// issued by the trusted CA and is valid at `at`.
pub fn verify(pdf: &[u8], ca_cert_der: &[u8], at: DateTime<Utc>) -> Result<Verified, Error> {
    let bad = |why: &str| Error::Invalid(why.to_string());
    let ca = Certificate::from_der(ca_cert_der)?;

    // The ByteRange, found in the bytes: exactly one signature.
    let first = find(pdf, b"/ByteRange", 0).ok_or_else(|| bad("no signature"))?;
    if find(pdf, b"/ByteRange", first + 1).is_some() {
        return Err(bad("more than one signature or revision"));
    }
    let open = find(pdf, b"[", first).ok_or_else(|| bad("malformed ByteRange"))?;
    let close = find(pdf, b"]", open).ok_or_else(|| bad("malformed ByteRange"))?;
    let numbers: Vec<usize> = std::str::from_utf8(&pdf[open + 1..close])
        .map_err(|_| bad("malformed ByteRange"))?
        .split_ascii_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .map_err(|_| bad("malformed ByteRange"))?;
    let [a, b, c, d] = numbers[..] else {
        return Err(bad("malformed ByteRange"));
    };
    if a != 0 || b == 0 || c <= b || c.checked_add(d) != Some(pdf.len()) {
        return Err(bad("the signature does not cover the whole file"));
    }
    if pdf[b] != b'<' || pdf[c - 1] != b'>' {
        return Err(bad("the ByteRange gap is not the signature"));
    }
    let bytes =
        hex::decode(&pdf[b + 1..c - 1]).map_err(|_| bad("the signature is not a hex string"))?;
    let digest = sha256_ranges(pdf, [a, b, c, d]);

    // The CMS (zero padding after it).
    let mut reader = der::SliceReader::new(&bytes)?;
    let content_info: ContentInfo = der::Decode::decode(&mut reader)?;
    if content_info.content_type != rfc5911::ID_SIGNED_DATA {
        return Err(bad("not a CMS SignedData"));
    }
    let signed: SignedData = content_info.content.decode_as()?;
    if signed.encap_content_info.econtent.is_some() {
        return Err(bad("not a detached signature"));
    }
    let [signer_info] = signed.signer_infos.0.as_slice() else {
        return Err(bad("not exactly one signer"));
    };
    if signer_info.digest_alg.oid != rfc5912::ID_SHA_256 {
        return Err(bad("the digest is not SHA-256"));
    }
    if signer_info.signature_algorithm.oid != rfc5912::ECDSA_WITH_SHA_256 {
        return Err(bad("the signature is not ECDSA with SHA-256"));
    }
    let SignerIdentifier::IssuerAndSerialNumber(sid) = &signer_info.sid else {
        return Err(bad("the signer is not named by issuer and serial"));
    };
    let cert = signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .find_map(|c| match c {
            CertificateChoices::Certificate(c)
                if c.tbs_certificate.issuer == sid.issuer
                    && c.tbs_certificate.serial_number == sid.serial_number =>
            {
                Some(c)
            }
            _ => None,
        })
        .ok_or_else(|| bad("the signer's certificate is not in the signature"))?;

    // Signed attributes: content type, message digest, signing certificate.
    let attrs = signer_info
        .signed_attrs
        .as_ref()
        .ok_or_else(|| bad("no signed attributes"))?;
    let single = |oid| -> Result<&Any, Error> {
        let mut found = attrs.iter().filter(|a| a.oid == oid);
        let attr = found
            .next()
            .ok_or_else(|| bad("a signed attribute is missing"))?;
        if found.next().is_some() || attr.values.len() != 1 {
            return Err(bad("a signed attribute is repeated"));
        }
        attr.values
            .get(0)
            .ok_or_else(|| bad("an empty signed attribute"))
    };
    let content_type: der::asn1::ObjectIdentifier =
        single(rfc5911::ID_CONTENT_TYPE)?.decode_as()?;
    if content_type != rfc5911::ID_DATA {
        return Err(bad("the content type is not id-data"));
    }
    let message_digest: OctetString = single(rfc5911::ID_MESSAGE_DIGEST)?.decode_as()?;
    if message_digest.as_bytes() != digest {
        return Err(bad("the document was changed after signing"));
    }
    let signing_cert: SigningCertificateV2 =
        single(rfc5911::ID_AA_SIGNING_CERTIFICATE_V_2)?.decode_as()?;
    let cert_hash: [u8; 32] = Sha256::digest(cert.to_der()?).into();
    if signing_cert
        .certs
        .first()
        .is_none_or(|id| id.cert_hash.as_bytes() != cert_hash)
    {
        return Err(bad("the signing-certificate-v2 does not name the signer"));
    }

    // The signature over the DER of the signed attributes (a SET OF).
    let signer_key =
        VerifyingKey::from_public_key_der(&cert.tbs_certificate.subject_public_key_info.to_der()?)?;
    verify_with(
        &signer_key,
        &attrs.to_der()?,
        signer_info.signature.as_bytes(),
    )
    .map_err(|()| bad("the signature does not verify"))?;

    // The chain: the signer's certificate, issued by the trusted CA.
    if cert.tbs_certificate.issuer != ca.tbs_certificate.subject {
        return Err(bad("the certificate was not issued by the trusted CA"));
    }
    if cert.signature_algorithm.oid != rfc5912::ECDSA_WITH_SHA_256 {
        return Err(bad("the certificate is not signed with ECDSA P-256"));
    }
    let ca_key =
        VerifyingKey::from_public_key_der(&ca.tbs_certificate.subject_public_key_info.to_der()?)?;
    verify_with(
        &ca_key,
        &cert.tbs_certificate.to_der()?,
        cert.signature.as_bytes().unwrap_or_default(),
    )
    .map_err(|()| bad("the certificate's CA signature does not verify"))?;
    let at_unix = u64::try_from(at.timestamp()).unwrap_or(0);
    let validity = &cert.tbs_certificate.validity;
    let from = validity.not_before.to_unix_duration().as_secs();
    let to = validity.not_after.to_unix_duration().as_secs();
    if at_unix < from || at_unix > to {
        return Err(bad("the certificate is not valid at that time"));
    }

    Ok(Verified {
        signer: cert.tbs_certificate.subject.to_string(),
        signer_cert_der: cert.to_der()?,
        file_sha256: Sha256::digest(pdf).into(),
    })
}
