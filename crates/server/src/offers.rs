//! The server's judgement of an uploaded offer. The device proposes; the
//! server builds the offer again from its own copy of the case, the
//! advisor's policy and authority in force and the terms the offer was made
//! on (the same `domain::offer` engine the device runs), and takes only an
//! offer whose numbers are exactly the engine's. The limits crossed are the
//! engine's, never the device's word.

use chrono::{NaiveDate, NaiveDateTime};
use domain::offer::{OfferRequest, Variant};
use sync_proto::{
    ApprovalLimit, CaseFileDto, OfferBody, OfferPolicyDto, OfferVariant, ReferenceRateDto,
    RejectCode,
};

/// The policy in force for an advisor: their own (or the standard one)
/// under the server's table of reference rates, as the download sends it
/// and as [`judge`] applies it, so that the device and the server cap an
/// offer by the same rate.
pub fn policy_in_force(
    own: Option<&OfferPolicyDto>,
    rates: Vec<ReferenceRateDto>,
    today: NaiveDate,
) -> OfferPolicyDto {
    own.cloned()
        .unwrap_or_else(OfferPolicyDto::standard)
        .with_reference_rates(rates, today)
}

/// How old an offer may be when it arrives: a device stays offline for
/// days, not for months (and its session lasts 30 days).
const MAX_AGE_DAYS: i64 = 35;

/// What the server found: the limits of the advisor's authority the offer
/// crosses (empty: within authority).
#[derive(Debug, Clone, PartialEq)]
pub struct Judged {
    pub approval: Vec<ApprovalLimit>,
}

type Refusal = (RejectCode, String);

fn refuse<T>(reason: String) -> Result<T, Refusal> {
    Err((RejectCode::InvalidBody, reason))
}

/// Judges `body`, made at `made_at` by the device, against the case `file`
/// as the server holds it and the advisor's `policy`, at the server's
/// `now`.
pub fn judge(
    file: &CaseFileDto,
    body: &OfferBody,
    policy: &OfferPolicyDto,
    made_at: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<Judged, Refusal> {
    let amounts = [body.total, body.down_payment, body.installment]
        .into_iter()
        .chain(body.schedule.iter().map(|(_, a)| *a));
    if body.schedule.len() > 1 + domain::offer::MAX_TERM_MONTHS as usize
        || amounts.into_iter().any(|a| a.scale() != 2)
    {
        return refuse("an offer's amounts are złoty with exactly two decimal places".into());
    }
    let Some(terms) = &body.terms else {
        return refuse("the offer carries no terms to check it by: update the app".into());
    };
    let inputs = terms
        .inputs()
        .or_else(|field| refuse(format!("the offer's {field} is out of range")))?;
    if inputs.today != made_at.date() {
        return refuse("the offer's date is not the day it was made".into());
    }
    if made_at > now + chrono::Duration::days(1)
        || made_at < now - chrono::Duration::days(MAX_AGE_DAYS)
    {
        return refuse(format!(
            "an offer is taken within {MAX_AGE_DAYS} days of being made, and not from the future"
        ));
    }
    let case = domain::CaseFile::try_from(file).map_err(|e| {
        (
            RejectCode::Internal,
            format!("the stored case cannot be read: {e}"),
        )
    })?;
    let request = OfferRequest::for_case(&case, inputs, policy.policy(), policy.authority());
    let offers = domain::offer::propose(&request)
        .or_else(|e| refuse(format!("no offer can be made on these terms: {e}")))?;
    let variant = match offers
        .variants
        .into_iter()
        .find(|v| OfferVariant::of(v.kind) == body.variant)
    {
        Some(v) => v,
        None => {
            let why = offers
                .unbuilt
                .iter()
                .find(|u| OfferVariant::of(u.kind) == body.variant)
                .map_or_else(|| "unknown variant".to_owned(), |u| u.reason.to_string());
            return refuse(format!(
                "the engine makes no {} offer on these terms ({why})",
                body.variant
            ));
        }
    };
    if let Some(diff) = difference(body, &variant) {
        return refuse(format!(
            "the offer is not what the engine gives for its terms ({diff}); \
             the case or the policy may have changed since: make it again"
        ));
    }
    let approval: Vec<ApprovalLimit> = variant.approval.iter().map(ApprovalLimit::of).collect();
    domain::offer::accept(variant, body.reason.as_deref())
        .or_else(|e| refuse(format!("the offer needs a written reason: {e}")))?;
    Ok(Judged { approval })
}

/// The first number in which the offer differs from the engine's variant.
fn difference(body: &OfferBody, v: &Variant) -> Option<String> {
    let pln = |d: rust_decimal::Decimal| domain::format::format_pln(domain::Money::new(d));
    if body.total != v.total.amount() {
        return Some(format!(
            "total {}, the engine's {}",
            pln(body.total),
            domain::format::format_pln(v.total)
        ));
    }
    if body.down_payment != v.down_payment.amount() || body.installment != v.installment.amount() {
        return Some("down payment or installment".into());
    }
    if body.term_months != v.term_months {
        return Some(format!(
            "{} months, the engine's {}",
            body.term_months, v.term_months
        ));
    }
    let schedule: Vec<_> = v
        .schedule
        .iter()
        .map(|i| (i.due_on, i.amount.amount()))
        .collect();
    if body.schedule != schedule {
        return Some("the schedule's dates or amounts".into());
    }
    if body.voluntary_only != v.voluntary_only {
        return Some("whether the claim is time-barred".into());
    }
    let mut sent: Vec<String> = body.approval.iter().map(|a| a.code().to_owned()).collect();
    let mut found: Vec<String> = v
        .approval
        .iter()
        .map(|a| ApprovalLimit::of(a).code().to_owned())
        .collect();
    sent.sort_unstable();
    found.sort_unstable();
    (sent != found).then(|| "the limits of authority crossed".into())
}
