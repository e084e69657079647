//! Signed settlements (issue #6): the accepted offer becomes an A4 agreement
//! in Polish ("Ugoda", [`render`]), signed by the client's hand (strokes
//! drawn as PDF paths, [`Strokes`]) and by the advisor's device as PAdES
//! ([`sign`]), offline, with a key whose certificate the server's own CA
//! issued ([`DeviceKey`], [`Authority`]). The server checks it with
//! [`verify`] before it accepts the document.

mod amendment;
mod compare;
mod document;
mod handwriting;
mod pades;
mod pki;
mod receipt;

pub use amendment::{amendment_line, render_amendment, render_amendment_plain, Amendment};
pub use compare::same_agreement;
pub use document::{
    number, render, render_plain, timeline_line, Agreement, Creditor, FONT_LICENSE,
};
pub use handwriting::{Point, Stroke, Strokes};
pub use pades::{sign, verify, SignatureDetails, Verified};
pub use pki::{certificate_pem, pem_to_der, Authority, DeviceKey};
pub use receipt::{
    receipt_line, receipt_number, receipt_place, render_receipt, render_receipt_plain,
    same_receipt, Receipt,
};

/// Why a settlement could not be made, signed or verified.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A text of the agreement holds a character the embedded font lacks.
    #[error("the character {0:?} cannot be printed: the font has no glyph for it")]
    Glyph(char),
    /// The agreement's facts are incomplete (e.g. no schedule).
    #[error("the agreement cannot be made: {0}")]
    Facts(&'static str),
    /// The PDF could not be written or read.
    #[error("PDF: {0}")]
    Pdf(String),
    /// A key or certificate is unusable.
    #[error("certificate: {0}")]
    Certificate(&'static str),
    /// The signature is missing, broken, not trusted, or the document was
    /// changed after signing.
    #[error("the signature is not valid: {0}")]
    Invalid(String),
    /// A signed document is not the agreement it should be: where.
    #[error("the document is not the agreement: {0} differs")]
    Differs(String),
    /// ASN.1 encoding or decoding failed.
    #[error("ASN.1: {0}")]
    Der(#[from] der::Error),
}

impl From<der::pem::Error> for Error {
    fn from(_: der::pem::Error) -> Self {
        Error::Certificate("not a PEM text")
    }
}

impl From<lopdf::Error> for Error {
    fn from(e: lopdf::Error) -> Self {
        Error::Pdf(e.to_string())
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Pdf(e.to_string())
    }
}

impl From<printpdf::Error> for Error {
    fn from(e: printpdf::Error) -> Self {
        Error::Pdf(e.to_string())
    }
}

impl From<spki::Error> for Error {
    fn from(_: spki::Error) -> Self {
        Error::Certificate("unusable public key")
    }
}

impl From<p256::pkcs8::Error> for Error {
    fn from(_: p256::pkcs8::Error) -> Self {
        Error::Certificate("unusable private key")
    }
}

impl From<x509_cert::builder::Error> for Error {
    fn from(_: x509_cert::builder::Error) -> Self {
        Error::Certificate("the certificate could not be built")
    }
}

impl From<cms::builder::Error> for Error {
    fn from(_: cms::builder::Error) -> Self {
        Error::Certificate("the CMS signature could not be built")
    }
}
