//! The receipt of money taken at the door (potwierdzenie wpłaty, issue 11):
//! rendered by crates/settlement from the case, the amount of the report,
//! the advisor and the number derived from the report's mutation id and
//! day (`settlement::receipt_number`, as the server derives it), signed by
//! the client on the pad if they wish and by the device's certified key
//! like a settlement, kept in the replica with the report and shown on the
//! case as "przyjęta w terenie" until the back office books it (a payment
//! of the case with the report's id arrives with a download).

use crate::capture::author;
use crate::settlement::{document_error, identity};
use api::{CommandError, ReceiptState, ReceiptView};
use chrono::NaiveDateTime;
use domain::{CaseFile, Money};
use settlement::{Creditor, Receipt, SignatureDetails, Strokes};
use sha2::Digest;
use store::{DoorReceiptRow, Store};
use sync_proto::SignedReceiptDto;
use uuid::Uuid;

/// Renders and signs the receipt of `amount` taken on `file`'s case `now`
/// under the visit report `id`: the wire part for the report and the row
/// the replica keeps.
pub fn sign_receipt(
    store: &mut Store,
    now: NaiveDateTime,
    id: Uuid,
    file: &CaseFile,
    amount: Money,
    client: Option<&Strokes>,
) -> Result<(SignedReceiptDto, DoorReceiptRow), CommandError> {
    // What the server reads back: the strokes as they travel.
    let encoded = client
        .filter(|s| !s.is_blank())
        .map(Strokes::encode)
        .unwrap_or_default();
    let strokes = if encoded.is_empty() {
        Strokes::default()
    } else {
        Strokes::decode(&encoded)
            .ok_or_else(|| crate::invalid(api::Field::Signature, api::Reason::Malformed))?
    };
    let (key, cert, ca) = identity(store)?;
    let advisor = author(store)?;
    let number = settlement::receipt_number(now.date(), id.as_bytes());
    let place = settlement::receipt_place(file)
        .ok_or_else(|| crate::invalid(api::Field::VisitAmount, api::Reason::NotAvailable))?
        .to_owned();
    let creditor = Creditor::company();
    let unsigned = settlement::render_receipt(&Receipt {
        number: &number,
        date: now.date(),
        place: &place,
        creditor: &creditor,
        advisor: &advisor,
        case: file,
        amount,
        client_signature: &strokes,
    })
    .map_err(document_error)?;
    let pdf = settlement::sign(
        &unsigned,
        &key,
        &cert,
        &ca,
        &SignatureDetails {
            name: advisor.clone(),
            reason: format!("Potwierdzenie wpłaty w sprawie {}", file.case.number),
            location: place,
            time: now.and_utc(),
        },
    )
    .map_err(document_error)?;
    let sha256: [u8; 32] = sha2::Sha256::digest(&pdf).into();
    let dto = SignedReceiptDto::new(&pdf, &sha256, encoded);
    let row = DoorReceiptRow {
        id,
        case_id: file.case.id,
        number,
        amount,
        taken_on: now.date(),
        pdf,
        sha256: hex::encode(sha256),
    };
    Ok((dto, row))
}

/// The receipt as the case shows it: booked once a payment of the case
/// has the report's id (the back office books it on the server).
pub fn receipt_view(r: &DoorReceiptRow, file: &CaseFile) -> ReceiptView {
    let booked = file.payments.iter().any(|p| p.id.0 == r.id);
    ReceiptView {
        id: r.id.to_string(),
        number: r.number.clone(),
        amount: r.amount.amount(),
        words: domain::format::amount_in_words(r.amount).unwrap_or_default(),
        taken_on: r.taken_on,
        state: if booked {
            ReceiptState::Booked
        } else {
            ReceiptState::Field
        },
        saved_to: None,
    }
}

/// How the client's copy of a receipt is named (and found by a wipe).
pub const FILE_PREFIX: &str = "Potwierdzenie-";

/// The file name of the client's copy, e.g.
/// `Potwierdzenie-KP-2026-11-8DEE575855.pdf`.
pub fn file_name(r: &DoorReceiptRow) -> String {
    let safe: String = r
        .number
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    format!("{FILE_PREFIX}{safe}.pdf")
}

/// Saves the client's copy of the signed receipt into `dir` (created if
/// missing), written whole or not at all; answers the file's path.
pub fn save_for_client(
    r: &DoorReceiptRow,
    dir: &std::path::Path,
) -> std::io::Result<std::path::PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(file_name(r));
    let partial = dir.join(format!(".{}.part", file_name(r)));
    std::fs::write(&partial, &r.pdf)?;
    std::fs::rename(&partial, &path)?;
    Ok(path)
}

/// The receipt of the visit report `id`, as the replica keeps it.
pub fn door_receipt(store: &Store, id: Uuid) -> Result<Option<DoorReceiptRow>, CommandError> {
    store.door_receipt(id).map_err(crate::storage_error)
}
