//! Signing a settlement at the door, offline: the accepted offer becomes the
//! agreement (crates/settlement), the client signs it by hand on the pad,
//! the device signs it with its certified key (PAdES), and the PDF with its
//! hash goes to the timeline and the outbox (`kind = "settlement"`) in one
//! transaction. The server verifies it before it accepts it.

use crate::capture::{author, record, Capture};
use crate::offers::accepted;
use crate::{invalid, storage_error};
use api::{CommandError, SaveOfferRequest};
use chrono::NaiveDateTime;
use settlement::{Agreement, Creditor, DeviceKey, SignatureDetails, Strokes};
use sha2::Digest;
use store::{Store, StoreError};
use sync_proto::SettlementBody;

/// Replica keys of the device's signing identity (sync_state).
const KEY: &str = "device_key";
const CERT: &str = "device_certificate";
const CA: &str = "ca_certificate";

/// The creditor the client settles with. Meant to come from the server with
/// the advisor's data, like the policy (`offers::policy`).
pub fn creditor() -> Creditor {
    Creditor {
        name: "Partner Windykacja Sp. z o.o.".into(),
        address: "ul. Piotrkowska 100, 90-004 Łódź".into(),
        registry: "KRS 0000123456, NIP 7251234567".into(),
        iban: "PL61 1090 1014 0000 0712 1981 2874".into(),
    }
}

/// The device's signing key, made (from the operating system's random
/// source) and kept in the replica the first time it is needed.
pub fn device_key(store: &mut Store) -> Result<DeviceKey, StoreError> {
    if let Some(key) = store
        .sync_value(KEY)?
        .and_then(|h| hex::decode(h).ok())
        .and_then(|der| DeviceKey::from_pkcs8_der(&der).ok())
    {
        return Ok(key);
    }
    let key = DeviceKey::generate(&mut rand_core::OsRng);
    let der = key.to_pkcs8_der().map_err(|e| StoreError::Corrupt {
        column: "device_key",
        value: e.to_string(),
    })?;
    store.set_sync_value(KEY, &hex::encode(&der))?;
    Ok(key)
}

/// The certificate request the login sends for the device's key.
pub fn certificate_request(store: &mut Store, device_name: &str) -> Result<String, StoreError> {
    device_key(store)?
        .certificate_request_pem(device_name)
        .map_err(|e| StoreError::Corrupt {
            column: "device_key",
            value: e.to_string(),
        })
}

/// Keeps the certificates the server returned at login.
pub fn keep_certificates(
    store: &mut Store,
    device_certificate: &str,
    ca_certificate: &str,
) -> Result<(), StoreError> {
    store.set_sync_value(CERT, device_certificate)?;
    store.set_sync_value(CA, ca_certificate)
}

/// A signed settlement as the device keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedSettlement {
    pub number: String,
    pub pdf: Vec<u8>,
    pub sha256: [u8; 32],
}

impl SignedSettlement {
    /// The file name of the client's copy, e.g. `Ugoda-UG-2026-11-8DEE575855.pdf`.
    pub fn file_name(&self) -> String {
        let safe: String = self
            .number
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("Ugoda-{safe}.pdf")
    }

    /// Saves the client's copy of the signed PDF into `dir` (created if
    /// missing), written whole or not at all; answers the file's path.
    pub fn save_for_client(&self, dir: &std::path::Path) -> std::io::Result<std::path::PathBuf> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(self.file_name());
        let partial = dir.join(format!(".{}.part", self.file_name()));
        std::fs::write(&partial, &self.pdf)?;
        std::fs::rename(&partial, &path)?;
        Ok(path)
    }
}

/// What the advisor sends from the signature screen.
#[derive(Debug, Clone, PartialEq)]
pub struct SignRequest {
    /// The offer as accepted on the offer screen.
    pub offer: SaveOfferRequest,
    /// The town where the client signs.
    pub place: String,
    /// The client's signature from the pad.
    pub strokes: Strokes,
}

/// The pad's strokes as the settlement crate draws them.
pub fn strokes_from(s: &api::SignatureStrokes) -> Strokes {
    Strokes {
        width: s.width,
        height: s.height,
        strokes: s
            .strokes
            .iter()
            .map(|points| settlement::Stroke {
                points: points
                    .iter()
                    .map(|&(x, y, t)| settlement::Point { x, y, t })
                    .collect(),
            })
            .collect(),
    }
}

/// Makes the agreement for the accepted offer, signs it (the client's
/// strokes and the device's PAdES signature) and records it under the
/// mutation id `id`: timeline entry and outbox entry in one transaction.
pub fn sign_settlement(
    store: &mut Store,
    now: NaiveDateTime,
    id: uuid::Uuid,
    req: &SignRequest,
) -> Result<SignedSettlement, CommandError> {
    if req.strokes.is_blank() {
        return Err(invalid(api::Field::Signature, api::Reason::Blank));
    }
    let place = req.place.trim();
    if place.is_empty() {
        return Err(invalid(api::Field::Place, api::Reason::Empty));
    }
    let (file, offer) = accepted(store, now.date(), &req.offer)?;
    // Beyond the advisor's authority the team lead decides first.
    if offer.needs_approval() {
        return Err(invalid(api::Field::Offer, api::Reason::NeedsApproval));
    }
    let key = device_key(store).map_err(storage_error)?;
    let pem = |k: &str| -> Result<Vec<u8>, CommandError> {
        let text = store
            .sync_value(k)
            .map_err(storage_error)?
            .ok_or_else(|| invalid(api::Field::Device, api::Reason::NotCertified))?;
        settlement::pem_to_der(&text, "CERTIFICATE")
            .map_err(|_| invalid(api::Field::Device, api::Reason::NotCertified))
    };
    let cert = pem(CERT)?;
    let ca = pem(CA)?;
    let advisor = author(store)?;
    let number = format!(
        "UG/{}/{}",
        now.format("%Y/%m"),
        id.simple().to_string()[..10].to_uppercase()
    );
    let creditor = creditor();
    let fail = |e: settlement::Error| match e {
        settlement::Error::Glyph(c) => invalid(api::Field::Text, api::Reason::Glyph(c as u32)),
        other => CommandError::Storage {
            message: other.to_string(),
        },
    };
    let unsigned = settlement::render(&Agreement {
        number: &number,
        date: now.date(),
        place,
        creditor: &creditor,
        advisor: &advisor,
        case: &file,
        offer: &offer,
        client_signature: &req.strokes,
        advisor_signature: None,
    })
    .map_err(fail)?;
    let pdf = settlement::sign(
        &unsigned,
        &key,
        &cert,
        &ca,
        &SignatureDetails {
            name: advisor.clone(),
            reason: format!("Ugoda w sprawie {}", file.case.number),
            location: place.to_owned(),
            time: now.and_utc(),
        },
    )
    .map_err(fail)?;
    let sha256: [u8; 32] = sha2::Sha256::digest(&pdf).into();
    let summary = format!(
        "Ugoda nr {number} podpisana: razem {}",
        domain::format::format_pln(offer.variant().total)
    );
    let body = SettlementBody::new(
        number.clone(),
        &pdf,
        &sha256,
        req.strokes.encode(),
        summary.clone(),
    );
    let case = file.case.id;
    record(
        store,
        Capture::new(
            sync_proto::MutationKind::Settlement,
            id,
            case,
            now,
            body,
            summary,
        ),
    )?;
    Ok(SignedSettlement {
        number,
        pdf,
        sha256,
    })
}
