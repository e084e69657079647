//! Signing a settlement at the door, offline: the accepted offer becomes the
//! agreement (crates/settlement), the client signs it by hand on the pad,
//! the device signs it with its certified key (PAdES), and the PDF with its
//! hash goes to the timeline and the outbox (`kind = "settlement"`) in one
//! transaction. The server verifies it before it accepts it.

use crate::capture::{author, record, Capture};
use crate::{invalid, json_error, storage_error};
use api::CommandError;
use chrono::NaiveDateTime;
use domain::offer::{AcceptedOffer, InForce};
use domain::SignedAgreement;
use settlement::{Agreement, Amendment, Creditor, DeviceKey, SignatureDetails, Strokes};
use sha2::Digest;
use store::{OfferApproval, Store, StoreError};
use sync_proto::{OfferBody, SettlementBody};

/// Replica keys of the device's signing identity (sync_state).
const KEY: &str = "device_key";
const CERT: &str = "device_certificate";
const CA: &str = "ca_certificate";

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

/// The device's signing key, its certificate and the CA's (DER), as the
/// login kept them; "not certified" before the first login.
pub(crate) fn identity(store: &mut Store) -> Result<(DeviceKey, Vec<u8>, Vec<u8>), CommandError> {
    let key = device_key(store).map_err(storage_error)?;
    let pem = |k: &str| -> Result<Vec<u8>, CommandError> {
        let text = store
            .sync_value(k)
            .map_err(storage_error)?
            .ok_or_else(|| invalid(api::Field::Device, api::Reason::NotCertified))?;
        settlement::pem_to_der(&text, "CERTIFICATE")
            .map_err(|_| invalid(api::Field::Device, api::Reason::NotCertified))
    };
    Ok((key, pem(CERT)?, pem(CA)?))
}

/// A settlement error as the screen shows it: a character the font lacks
/// on the text, anything else as a failure.
pub(crate) fn document_error(e: settlement::Error) -> CommandError {
    match e {
        settlement::Error::Glyph(c) => invalid(api::Field::Text, api::Reason::Glyph(c as u32)),
        other => CommandError::Storage {
            message: other.to_string(),
        },
    }
}

/// A signed settlement as the device keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedSettlement {
    pub number: String,
    pub pdf: Vec<u8>,
    pub sha256: [u8; 32],
}

/// How the client's copy of a settlement is named (and found by a wipe).
pub const FILE_PREFIX: &str = "Ugoda-";

impl SignedSettlement {
    /// The file name of the client's copy, e.g. `Ugoda-UG-2026-11-8DEE575855.pdf`.
    pub fn file_name(&self) -> String {
        let safe: String = self
            .number
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        format!("{FILE_PREFIX}{safe}.pdf")
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

/// The client's document at `shown` (a path the device answered when it
/// saved it), if it is one of ours: a settlement or a receipt directly in
/// the documents folder `dir`, still there. Anything else is refused, so the
/// screen cannot open an arbitrary file.
pub fn client_document(
    dir: &std::path::Path,
    shown: &str,
) -> Result<std::path::PathBuf, api::CommandError> {
    let missing = || api::CommandError::NotFound {
        what: api::Missing::Document,
        key: Some(shown.to_owned()),
    };
    let path = std::path::Path::new(shown);
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(missing)?;
    let ours = (name.starts_with(FILE_PREFIX) || name.starts_with(crate::receipt::FILE_PREFIX))
        && name.ends_with(".pdf")
        && path.parent() == Some(dir);
    let file = dir.join(name);
    if !ours || !file.is_file() {
        return Err(missing());
    }
    Ok(file)
}

/// What the advisor sends from the signature screen.
#[derive(Debug, Clone, PartialEq)]
pub struct SignRequest {
    /// The saved offer the client signs (`store::SavedOfferRow::id`).
    pub offer: uuid::Uuid,
    /// The town where the client signs.
    pub place: String,
    /// The client's signature from the pad.
    pub strokes: Strokes,
}

/// Whether a saved offer can be signed: within authority or approved, and
/// not signed yet.
fn refusal(o: &store::SavedOfferRow) -> Option<api::Reason> {
    if o.settlement_id.is_some() {
        return Some(api::Reason::AlreadySigned);
    }
    match o.review {
        None | Some(OfferApproval::Approved) => None,
        Some(OfferApproval::Pending) => Some(api::Reason::NeedsApproval),
        Some(OfferApproval::Rejected) => Some(api::Reason::Rejected),
    }
}

/// Where a saved offer stands for signing, as the case shows it.
pub fn signing(o: &store::SavedOfferRow) -> api::Signing {
    match refusal(o) {
        None => api::Signing::Ready {
            offer_id: o.id.to_string(),
        },
        Some(api::Reason::AlreadySigned) => api::Signing::Signed,
        Some(_) => api::Signing::NotYet,
    }
}

/// The agreement in force on `file` that `amends` names, for an amendment
/// (the case's agreement in force: as the server took it, or as this
/// device signed it until the server's copy arrives); `None` when `amends`
/// is `None`; refused when it is not the one in force.
pub fn amended(
    file: &domain::CaseFile,
    amends: Option<uuid::Uuid>,
) -> Result<Option<SignedAgreement>, CommandError> {
    let Some(id) = amends else {
        return Ok(None);
    };
    match file.agreement_in_force() {
        Some(a) if a.id == id => Ok(Some(a.clone())),
        _ => Err(invalid(api::Field::Offer, api::Reason::NotAvailable)),
    }
}

/// What is signed: the case, the offer built again, and for an amendment
/// the agreement it amends.
pub struct ToSign {
    pub file: domain::CaseFile,
    pub offer: AcceptedOffer,
    pub amends: Option<SignedAgreement>,
}

/// The saved offer `id`, built again on the case as the replica holds it
/// under the policy in force: the offer that is signed, exactly as it was
/// saved (a changed case or policy refuses it rather than sign another).
pub fn offer_to_sign(
    store: &Store,
    id: uuid::Uuid,
    day: chrono::NaiveDate,
) -> Result<ToSign, CommandError> {
    let saved = store
        .saved_offer(id)
        .map_err(storage_error)?
        .ok_or_else(|| CommandError::NotFound {
            what: api::Missing::Offer,
            key: Some(id.to_string()),
        })?;
    if let Some(why) = refusal(&saved) {
        return Err(invalid(api::Field::Offer, why));
    }
    let body: OfferBody = serde_json::from_str(&saved.body_json).map_err(json_error)?;
    let file = crate::get_case::case_file(store, saved.case_id)?;
    let (policy, authority) = crate::offers::policy_in_force(store)?;
    if !body.capped_alike(&policy, day) {
        return Err(invalid(api::Field::Offer, api::Reason::Changed));
    }
    let amends = amended(&file, body.amends)
        .map_err(|_| invalid(api::Field::Offer, api::Reason::Changed))?;
    let offer = body
        .rebuild(
            &file,
            policy,
            authority,
            amends.as_ref().map(InForce::of).as_ref(),
        )
        .map_err(|_| invalid(api::Field::Offer, api::Reason::Changed))?;
    Ok(ToSign {
        file,
        offer,
        amends,
    })
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

/// Makes the agreement for the saved offer, signs it (the client's strokes
/// and the device's PAdES signature) and records it under the mutation id
/// `id`: timeline entry, outbox entry and the offer marked signed in one
/// transaction. The server renders the same agreement from its own facts
/// and takes only that document.
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
    let ToSign {
        file,
        offer,
        amends,
    } = offer_to_sign(store, req.offer, now.date())?;
    // What the server reads back: the strokes as they travel.
    let encoded = req.strokes.encode();
    let strokes = Strokes::decode(&encoded)
        .ok_or_else(|| invalid(api::Field::Signature, api::Reason::Malformed))?;
    let (key, cert, ca) = identity(store)?;
    let advisor = author(store)?;
    let number = settlement::number(now.date(), id.as_bytes());
    let creditor = Creditor::company();
    let fail = |e: settlement::Error| match e {
        settlement::Error::Glyph(c) => invalid(api::Field::Text, api::Reason::Glyph(c as u32)),
        other => CommandError::Storage {
            message: other.to_string(),
        },
    };
    let total = offer.variant().total;
    let (unsigned, summary) = match &amends {
        None => (
            settlement::render(&Agreement {
                number: &number,
                date: now.date(),
                place,
                creditor: &creditor,
                advisor: &advisor,
                case: &file,
                offer: &offer,
                client_signature: &strokes,
                advisor_signature: None,
            }),
            settlement::timeline_line(&number, total),
        ),
        Some(here) => (
            settlement::render_amendment(&Amendment {
                number: &number,
                date: now.date(),
                place,
                creditor: &creditor,
                advisor: &advisor,
                case: &file,
                amends: (&here.number, here.signed_on),
                unpaid: InForce::of(here).unpaid(&file),
                offer: &offer,
                client_signature: &strokes,
            }),
            settlement::amendment_line(&number, &here.number, total),
        ),
    };
    let unsigned = unsigned.map_err(fail)?;
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
    let mut body = SettlementBody::new(
        number.clone(),
        &pdf,
        &sha256,
        encoded,
        summary.clone(),
        req.offer,
        place.to_owned(),
    );
    body.amends = amends.as_ref().map(|h| h.id);
    let v = offer.variant();
    let agreement = SignedAgreement {
        id,
        number: number.clone(),
        signed_on: now.date(),
        total: v.total,
        voluntary_only: v.voluntary_only,
        schedule: v.schedule.iter().map(|i| (i.due_on, i.amount)).collect(),
        amends: amends.map(|h| h.id),
    };
    let case = file.case.id;
    let moves_to = domain::status::after_signing(file.case.status);
    record(
        store,
        Capture::new(
            sync_proto::MutationKind::Settlement,
            id,
            case,
            now,
            body,
            summary,
        )
        .signing(req.offer, agreement)
        .moving_to(moves_to),
    )?;
    Ok(SignedSettlement {
        number,
        pdf,
        sha256,
    })
}

#[cfg(test)]
mod tests {
    use super::client_document;

    #[test]
    fn only_the_clients_own_pdfs_in_the_documents_folder_are_opened() {
        let dir = tempfile::TempDir::new().unwrap();
        let docs = dir.path().join("ugody");
        std::fs::create_dir_all(&docs).unwrap();
        let ugoda = docs.join("Ugoda-UG-2026-12-1.pdf");
        let receipt = docs.join("Potwierdzenie-KP-2026-12-1.pdf");
        std::fs::write(&ugoda, b"%PDF").unwrap();
        std::fs::write(&receipt, b"%PDF").unwrap();
        std::fs::write(docs.join("notes.txt"), b"x").unwrap();
        std::fs::write(dir.path().join("Ugoda-UG-2026-12-2.pdf"), b"%PDF").unwrap();
        let shown = |p: &std::path::Path| p.display().to_string();
        assert_eq!(client_document(&docs, &shown(&ugoda)).unwrap(), ugoda);
        assert_eq!(client_document(&docs, &shown(&receipt)).unwrap(), receipt);
        for refused in [
            shown(&docs.join("notes.txt")),
            shown(&dir.path().join("Ugoda-UG-2026-12-2.pdf")),
            shown(&docs.join("..").join("Ugoda-UG-2026-12-2.pdf")),
            shown(&docs.join("Ugoda-UG-2026-12-3.pdf")),
            "/etc/passwd".to_owned(),
            String::new(),
        ] {
            assert!(
                matches!(
                    client_document(&docs, &refused),
                    Err(api::CommandError::NotFound {
                        what: api::Missing::Document,
                        ..
                    })
                ),
                "{refused}"
            );
        }
    }
}
