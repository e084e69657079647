//! The receipt of money taken at the door (issue 11), judged with the
//! visit report that carries it: the device signed a "potwierdzenie
//! wpłaty"; the server takes it only when the signature verifies against
//! its CA and names the uploading device, and when the PDF is exactly the
//! receipt the server renders from its own facts — its copy of the case,
//! the amount of the report, the advisor's name, the number it derives from
//! the mutation id and day, the town of the client's visit address and the
//! client's strokes. The payment is then recorded on the case as taken in
//! the field (`FieldPaymentDto`, "przyjęta w terenie") until the back
//! office books it; the PDF stays in the mutation's stored body.

use crate::offers::{refuse, stored_case, Refusal};
use domain::visit::{VisitReport, VisitResult};
use settlement::{Creditor, Receipt, Strokes};
use sync_proto::{FieldPaymentDto, FieldPaymentState, Mutation, RejectCode, SignedReceiptDto};

/// Who uploads, and what the server trusts.
pub struct Taker<'a> {
    /// The advisor's name, as the receipt names them.
    pub advisor: &'a str,
    pub device: uuid::Uuid,
    pub ca: &'a settlement::Authority,
    pub at: chrono::DateTime<chrono::Utc>,
}

fn mismatch<T>(reason: String) -> Result<T, Refusal> {
    Err((RejectCode::DocumentMismatch, reason))
}

fn invalid_signature<T>(reason: String) -> Result<T, Refusal> {
    Err((RejectCode::InvalidSignature, reason))
}

/// The payment at the door `report` records, judged with its `signed`
/// receipt, on the case `file`; `None` for any other result (which must
/// carry no receipt).
pub fn judge(
    file: &sync_proto::CaseFileDto,
    m: &Mutation,
    report: &VisitReport,
    signed: Option<&SignedReceiptDto>,
    who: &Taker<'_>,
) -> Result<Option<FieldPaymentDto>, Refusal> {
    let VisitResult::PaidAtDoor { amount, receipt } = &report.result else {
        if signed.is_some() {
            return refuse("only a payment at the door carries a receipt".into());
        }
        return Ok(None);
    };
    let Some(signed) = signed else {
        return refuse(
            "a payment at the door needs its signed receipt (potwierdzenie wpłaty): update the app"
                .into(),
        );
    };
    let day = m.created_at.date();
    let number = settlement::receipt_number(day, m.id.as_bytes());
    if *receipt != number {
        return mismatch(format!("the receipt's number is {number}"));
    }
    if file.field_payments.iter().any(|f| f.number == number) {
        return mismatch(format!(
            "the receipt {number} is on case {} already",
            file.number
        ));
    }
    let Some(pdf) = signed.pdf_bytes() else {
        return refuse("the receipt's PDF is not base64".into());
    };
    let ca_der = who
        .ca
        .certificate_der()
        .map_err(|e| (RejectCode::Internal, e.to_string()))?;
    let verified = settlement::verify(&pdf, &ca_der, who.at)
        .or_else(|e| invalid_signature(format!("the receipt: {e}")))?;
    if hex::encode(verified.file_sha256) != signed.sha256.to_ascii_lowercase() {
        return invalid_signature("the receipt's hash is not the one the device recorded".into());
    }
    if !verified.signer.contains(&who.device.to_string()) {
        return invalid_signature("the receipt was signed by another device".into());
    }
    let strokes = if signed.strokes.is_empty() {
        Strokes::default()
    } else {
        match Strokes::decode(&signed.strokes) {
            Some(s) => s,
            None => return refuse("the client's signature on the receipt is malformed".into()),
        }
    };
    let case = stored_case(file)?;
    let Some(place) = settlement::receipt_place(&case) else {
        return refuse(format!("case {} has no visit address", file.number));
    };
    let creditor = Creditor::company();
    let expected = settlement::render_receipt_plain(&Receipt {
        number: &number,
        date: day,
        place,
        creditor: &creditor,
        advisor: who.advisor,
        case: &case,
        amount: *amount,
        client_signature: &strokes,
    })
    .or_else(|e| refuse(format!("the receipt cannot be made: {e}")))?;
    settlement::same_receipt(&pdf, &expected).or_else(|e| {
        mismatch(format!(
            "the signed PDF is not the receipt of this payment of {}: {e}",
            domain::format::format_pln(*amount)
        ))
    })?;
    Ok(Some(FieldPaymentDto {
        id: m.id,
        number,
        taken_on: day,
        amount: amount.amount(),
        state: FieldPaymentState::Field,
        booked_on: None,
    }))
}
