//! The server's judgement of an uploaded settlement. The device signed an
//! agreement; the server takes it only when it is the agreement of one
//! offer of that case that may be signed (taken within authority, or
//! approved by the team lead), signed once, and when the PDF is exactly
//! what the server renders from its own facts: its copy of the case, the
//! offer built again by the engine, the advisor, the number the server
//! derives, the day and place, and the client's strokes. The device's text
//! is never taken.

use crate::offers::{recent, refuse, stored_case, Refusal};
use chrono::NaiveDateTime;
use domain::offer::InForce;
use settlement::{Agreement, Amendment, Creditor, Strokes};
use sync_proto::{CaseFileDto, OfferBody, OfferPolicyDto, RejectCode, SettlementBody};
use uuid::Uuid;

/// What the server found: the offer the settlement signs, the agreement it
/// amends (an amendment's), and the line for the case timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    pub offer: Uuid,
    pub amends: Option<Uuid>,
    pub line: String,
    /// The agreement as the case keeps it from now on.
    pub agreement: sync_proto::AgreementDto,
}

/// The agreement in force that an offer or a settlement amends, if it
/// names one: a settlement the server took on the same case, not amended
/// since; with its number.
pub fn in_force(
    file: &CaseFileDto,
    amends: Option<Uuid>,
    stored: Option<&server_storage::StoredAgreement>,
) -> Result<Option<(InForce, String)>, Refusal> {
    let Some(id) = amends else {
        return Ok(None);
    };
    let a = match stored {
        Some(a) if a.settlement.case_id == file.id => a,
        _ => {
            return refuse(format!(
                "case {} has no signed agreement {id} to amend",
                file.number
            ))
        }
    };
    if a.amended_by.is_some() {
        return refuse(format!(
            "the agreement {id} was amended already: amend the one in force"
        ));
    }
    let offer: OfferBody = serde_json::from_value(a.offer.mutation.body.clone()).map_err(|e| {
        (
            RejectCode::Internal,
            format!("the stored offer cannot be read: {e}"),
        )
    })?;
    let signed_on = a.settlement.created_at.date();
    Ok(Some((
        InForce {
            signed_on,
            total: domain::Money::new(offer.total),
            voluntary_only: offer.voluntary_only,
        },
        settlement::number(signed_on, id.as_bytes()),
    )))
}

/// What the server needs to know about who uploads.
pub struct Signer<'a> {
    /// The advisor's name, as the agreement names them.
    pub advisor: &'a str,
    /// The advisor's policy and authority in force.
    pub policy: &'a OfferPolicyDto,
}

fn not_signable<T>(reason: String) -> Result<T, Refusal> {
    Err((RejectCode::OfferNotSignable, reason))
}

/// Judges the settlement `body` of the mutation `id`, made at `made_at`,
/// on the case `file`, naming `offer` as the storage found it, at the
/// server's `now`. The signature itself is verified before this.
pub fn judge(
    file: &CaseFileDto,
    (id, made_at): (Uuid, NaiveDateTime),
    body: &SettlementBody,
    (offer, agreement): (
        Option<&server_storage::StoredOffer>,
        Option<&server_storage::StoredAgreement>,
    ),
    who: &Signer<'_>,
    (pdf, now): (&[u8], NaiveDateTime),
) -> Result<Judged, Refusal> {
    let Some(offer_id) = body.offer_id else {
        return refuse("the settlement names no offer: update the app".into());
    };
    let offer = match offer {
        Some(o) if o.mutation.case_id == file.id => o,
        _ => return not_signable(format!("case {} has no offer {offer_id}", file.number)),
    };
    match &offer.review {
        None | Some(sync_proto::Decision::Approved) => {}
        Some(sync_proto::Decision::Pending) => {
            return not_signable("the offer waits for the team lead's approval".into())
        }
        Some(sync_proto::Decision::Rejected) => {
            return not_signable("the team lead rejected the offer".into())
        }
        Some(other) => return not_signable(format!("the offer is {other}")),
    }
    if offer.signed_by.is_some_and(|s| s != id) {
        return Err((
            RejectCode::AlreadySigned,
            format!("the offer {offer_id} is signed already"),
        ));
    }
    recent(made_at, now, "a settlement")?;
    if made_at.date() < offer.mutation.created_at.date() {
        return refuse("the settlement is dated before its offer".into());
    }
    let place = body.place.trim();
    if place.is_empty() || place.chars().count() > 100 {
        return refuse("the place of signing has 1 to 100 characters".into());
    }
    let strokes = match Strokes::decode(&body.strokes) {
        Some(s) if !s.is_blank() => s,
        _ => return refuse("the client's signature is blank or malformed".into()),
    };
    let case = stored_case(file)?;
    let offer_body: OfferBody =
        serde_json::from_value(offer.mutation.body.clone()).map_err(|e| {
            (
                RejectCode::Internal,
                format!("the stored offer cannot be read: {e}"),
            )
        })?;
    if !offer_body.capped_alike(&who.policy.policy(), made_at.date()) {
        return not_signable(
            "the NBP reference rate changed since the offer was made: make it again".into(),
        );
    }
    if body.amends != offer_body.amends {
        return refuse("the settlement does not amend what its offer amends".into());
    }
    let amended = in_force(file, offer_body.amends, agreement)?;
    let accepted = offer_body
        .rebuild(
            &case,
            who.policy.policy(),
            who.policy.authority(),
            amended.as_ref().map(|(a, _)| a),
        )
        .or_else(|e| {
            not_signable(format!(
                "the offer no longer holds ({e}); the case or the policy changed since it was made"
            ))
        })?;
    let number = settlement::number(made_at.date(), id.as_bytes());
    if body.number != number {
        return Err((
            RejectCode::DocumentMismatch,
            format!("the agreement's number is {number}"),
        ));
    }
    let creditor = Creditor::company();
    let total = accepted.variant().total;
    let (expected, line) = match &amended {
        None => (
            settlement::render_plain(&Agreement {
                number: &number,
                date: made_at.date(),
                place,
                creditor: &creditor,
                advisor: who.advisor,
                case: &case,
                offer: &accepted,
                client_signature: &strokes,
                advisor_signature: None,
            }),
            settlement::timeline_line(&number, total),
        ),
        Some((agreement, amended_number)) => (
            settlement::render_amendment_plain(&Amendment {
                number: &number,
                date: made_at.date(),
                place,
                creditor: &creditor,
                advisor: who.advisor,
                case: &case,
                amends: (amended_number, agreement.signed_on),
                unpaid: agreement.unpaid(&case),
                offer: &accepted,
                client_signature: &strokes,
            }),
            settlement::amendment_line(&number, amended_number, total),
        ),
    };
    let expected = expected.or_else(|e| refuse(format!("the agreement cannot be made: {e}")))?;
    settlement::same_agreement(pdf, &expected).map_err(|e| {
        (
            RejectCode::DocumentMismatch,
            format!("the signed PDF is not the agreement of offer {offer_id}: {e}"),
        )
    })?;
    let v = accepted.variant();
    Ok(Judged {
        offer: offer_id,
        amends: offer_body.amends,
        line,
        agreement: sync_proto::AgreementDto {
            id,
            number,
            signed_on: made_at.date(),
            total: v.total.amount(),
            voluntary_only: v.voluntary_only,
            schedule: v
                .schedule
                .iter()
                .map(|i| (i.due_on, i.amount.amount()))
                .collect(),
            amends: offer_body.amends,
        },
    })
}
