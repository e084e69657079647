//! The device keys and the server's own certificate authority.
//!
//! Each device makes a P-256 key pair when it registers and keeps the private
//! key in its replica; it sends a certificate request (PKCS #10) at login and
//! the server's CA answers with a certificate for it. Everything here is
//! RustCrypto's (`p256`, `x509-cert`); this module only chooses the profile.

use crate::Error;
use chrono::{DateTime, Utc};
use der::asn1::UtcTime;
use der::{Decode, Encode, EncodePem};
use p256::ecdsa::{DerSignature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rand_core::CryptoRngCore;
use signature_verifier::verify_with;
use spki::{DecodePublicKey, EncodePublicKey, SubjectPublicKeyInfoOwned};
use std::str::FromStr;
use std::time::Duration;
use x509_cert::builder::{Builder, CertificateBuilder, Profile, RequestBuilder};
use x509_cert::name::Name;
use x509_cert::request::CertReq;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

/// A device's signing key (ECDSA P-256).
#[derive(Clone)]
pub struct DeviceKey(pub(crate) SigningKey);

impl std::fmt::Debug for DeviceKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceKey(..)")
    }
}

impl DeviceKey {
    /// A new key pair from the operating system's random source (passed in).
    pub fn generate(rng: &mut impl CryptoRngCore) -> DeviceKey {
        DeviceKey(SigningKey::random(rng))
    }

    /// The private key as PKCS #8 DER, as the replica keeps it.
    pub fn to_pkcs8_der(&self) -> Result<Vec<u8>, Error> {
        Ok(self.0.to_pkcs8_der()?.as_bytes().to_vec())
    }

    /// The key the replica kept.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<DeviceKey, Error> {
        Ok(DeviceKey(SigningKey::from_pkcs8_der(der)?))
    }

    /// The public key as SubjectPublicKeyInfo DER.
    pub fn public_key_der(&self) -> Result<Vec<u8>, Error> {
        Ok(self.0.verifying_key().to_public_key_der()?.into_vec())
    }

    /// The certificate request as PEM, as the login sends it.
    pub fn certificate_request_pem(&self, device_name: &str) -> Result<String, Error> {
        let der = self.certificate_request(device_name)?;
        Ok(der::pem::encode_string(
            "CERTIFICATE REQUEST",
            der::pem::LineEnding::LF,
            &der,
        )?)
    }

    /// A certificate request (PKCS #10, DER) for this key, naming the device.
    pub fn certificate_request(&self, device_name: &str) -> Result<Vec<u8>, Error> {
        let subject = name(device_name)?;
        let builder = RequestBuilder::new(subject, &self.0)?;
        let req = builder.build::<DerSignature>()?;
        Ok(req.to_der()?)
    }
}

/// The server's certificate authority: a self-signed root whose key signs
/// the devices' certificates.
#[derive(Clone)]
pub struct Authority {
    key: SigningKey,
    cert: Certificate,
}

impl std::fmt::Debug for Authority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Authority")
            .field("subject", &self.cert.tbs_certificate.subject.to_string())
            .finish_non_exhaustive()
    }
}

impl Authority {
    /// A new root, valid from `now` for `years`.
    pub fn create(
        common_name: &str,
        rng: &mut impl CryptoRngCore,
        now: DateTime<Utc>,
        years: u32,
    ) -> Result<Authority, Error> {
        let key = SigningKey::random(rng);
        let spki = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key())?;
        let builder = CertificateBuilder::new(
            Profile::Root,
            serial(rng)?,
            validity(now, u64::from(years) * 365)?,
            name(common_name)?,
            spki,
            &key,
        )?;
        let cert = builder.build::<DerSignature>()?;
        Ok(Authority { key, cert })
    }

    /// The authority from its stored key (PKCS #8 DER) and certificate (DER).
    pub fn from_parts(key_pkcs8: &[u8], cert_der: &[u8]) -> Result<Authority, Error> {
        let key = SigningKey::from_pkcs8_der(key_pkcs8)?;
        let cert = Certificate::from_der(cert_der)?;
        let cert_key = VerifyingKey::from_public_key_der(
            &cert.tbs_certificate.subject_public_key_info.to_der()?,
        )?;
        if &cert_key != key.verifying_key() {
            return Err(Error::Certificate("the key does not match the certificate"));
        }
        Ok(Authority { key, cert })
    }

    /// The private key as PKCS #8 DER, for the server's storage.
    pub fn key_pkcs8_der(&self) -> Result<Vec<u8>, Error> {
        Ok(self.key.to_pkcs8_der()?.as_bytes().to_vec())
    }

    /// The root certificate, DER.
    pub fn certificate_der(&self) -> Result<Vec<u8>, Error> {
        Ok(self.cert.to_der()?)
    }

    /// The root certificate, PEM (what a reader's trust store imports).
    pub fn certificate_pem(&self) -> Result<String, Error> {
        Ok(self.cert.to_pem(der::pem::LineEnding::LF)?)
    }

    /// Issues a device certificate for a certificate request, valid from
    /// `now` for `days`. The request must be signed by the key it names
    /// (proof of possession); the subject is the one the server chooses,
    /// not the one requested.
    pub fn issue(
        &self,
        request_der: &[u8],
        device_name: &str,
        rng: &mut impl CryptoRngCore,
        now: DateTime<Utc>,
        days: u64,
    ) -> Result<Vec<u8>, Error> {
        let req = CertReq::from_der(request_der)?;
        if req.algorithm.oid != const_oid::db::rfc5912::ECDSA_WITH_SHA_256 {
            return Err(Error::Certificate(
                "the request is not signed with ECDSA P-256",
            ));
        }
        let key = VerifyingKey::from_public_key_der(&req.info.public_key.to_der()?)?;
        verify_with(
            &key,
            &req.info.to_der()?,
            req.signature.as_bytes().unwrap_or_default(),
        )
        .map_err(|_| Error::Certificate("the request's signature does not verify"))?;
        let builder = CertificateBuilder::new(
            Profile::Leaf {
                issuer: self.cert.tbs_certificate.subject.clone(),
                enable_key_agreement: false,
                enable_key_encipherment: false,
            },
            serial(rng)?,
            validity(now, days)?,
            name(device_name)?,
            req.info.public_key.clone(),
            &self.key,
        )?;
        let cert = builder.build::<DerSignature>()?;
        Ok(cert.to_der()?)
    }
}

/// The DER inside a PEM text with the expected label.
pub fn pem_to_der(pem: &str, label: &str) -> Result<Vec<u8>, Error> {
    let (found, der) = der::pem::decode_vec(pem.trim().as_bytes())?;
    if found != label {
        return Err(Error::Certificate("unexpected PEM label"));
    }
    Ok(der)
}

/// A certificate (DER) as PEM.
pub fn certificate_pem(der: &[u8]) -> Result<String, Error> {
    Ok(der::pem::encode_string(
        "CERTIFICATE",
        der::pem::LineEnding::LF,
        der,
    )?)
}

/// `CN=<common name>,O=Partner`, with the common name's special characters
/// of RFC 4514 escaped.
fn name(common_name: &str) -> Result<Name, Error> {
    let mut escaped = String::new();
    for c in common_name.chars() {
        if matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=' | '#') {
            escaped.push('\\');
        }
        escaped.push(c);
    }
    Name::from_str(&format!("CN={escaped},O=Partner"))
        .map_err(|_| Error::Certificate("the name is not a valid distinguished name"))
}

/// A random positive 16-byte serial number.
fn serial(rng: &mut impl CryptoRngCore) -> Result<SerialNumber, Error> {
    let mut bytes = [0u8; 16];
    rng.fill_bytes(&mut bytes);
    bytes[0] &= 0x7f;
    bytes[0] |= 0x01;
    Ok(SerialNumber::new(&bytes)?)
}

fn time(at: DateTime<Utc>) -> Result<Time, Error> {
    let secs = u64::try_from(at.timestamp()).map_err(|_| Error::Certificate("time before 1970"))?;
    Ok(Time::UtcTime(UtcTime::from_unix_duration(
        Duration::from_secs(secs),
    )?))
}

/// From an hour before `now` (a device's clock may run a little behind the
/// server's) for `days`.
fn validity(now: DateTime<Utc>, days: u64) -> Result<Validity, Error> {
    let from = now - chrono::Duration::hours(1);
    let to = now + chrono::Duration::days(i64::try_from(days).unwrap_or(i64::MAX / 86_400_000));
    Ok(Validity {
        not_before: time(from)?,
        not_after: time(to)?,
    })
}

pub(crate) mod signature_verifier {
    use p256::ecdsa::signature::Verifier;
    use p256::ecdsa::{DerSignature, VerifyingKey};

    /// Verifies a DER-encoded ECDSA P-256 / SHA-256 signature over `message`.
    pub fn verify_with(key: &VerifyingKey, message: &[u8], der_sig: &[u8]) -> Result<(), ()> {
        let sig = DerSignature::from_bytes(der_sig).map_err(|_| ())?;
        key.verify(message, &sig).map_err(|_| ())
    }
}
