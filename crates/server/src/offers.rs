//! The server's judgement of an uploaded offer. The device proposes; the
//! server builds the offer again from its own copy of the case, the
//! advisor's policy and authority in force and the terms the offer was made
//! on (the same `domain::offer` engine the device runs), and takes only an
//! offer whose numbers are exactly the engine's. The limits crossed are the
//! engine's, never the device's word.

use chrono::{NaiveDate, NaiveDateTime};
use sync_proto::{
    ApprovalLimit, CaseFileDto, OfferBody, OfferPolicyDto, ReferenceRateDto, RejectCode,
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
    /// The offer's timeline line, from the engine's variant.
    pub line: String,
}

pub type Refusal = (RejectCode, String);

pub fn refuse<T>(reason: String) -> Result<T, Refusal> {
    Err((RejectCode::InvalidBody, reason))
}

/// Judges `body`, made at `made_at` by the device, against the case `file`
/// as the server holds it and the advisor's `policy`, at the server's
/// `now`.
pub fn judge(
    file: &CaseFileDto,
    body: &OfferBody,
    policy: &OfferPolicyDto,
    agreement: Option<&domain::offer::InForce>,
    (made_at, now): (NaiveDateTime, NaiveDateTime),
) -> Result<Judged, Refusal> {
    let amounts = [body.total, body.down_payment, body.installment]
        .into_iter()
        .chain(body.schedule.iter().map(|(_, a)| *a));
    if body.schedule.len() > 1 + domain::offer::MAX_TERM_MONTHS as usize
        || amounts.into_iter().any(|a| a.scale() != 2)
    {
        return refuse("an offer's amounts are złoty with exactly two decimal places".into());
    }
    let inputs = body.inputs().or_else(|e| refuse(e.to_string()))?;
    if inputs.today != made_at.date() {
        return refuse("the offer's date is not the day it was made".into());
    }
    recent(made_at, now, "an offer")?;
    let case = stored_case(file)?;
    let accepted = body
        .rebuild(&case, policy.policy(), policy.authority(), agreement)
        .or_else(|e| refuse(e.to_string()))?;
    let approval: Vec<ApprovalLimit> = accepted
        .variant()
        .approval
        .iter()
        .map(ApprovalLimit::of)
        .collect();
    Ok(Judged {
        approval,
        line: domain::offer::timeline_line(accepted.variant()),
    })
}

/// Refuses a thing made (by the device's clock) more than [`MAX_AGE_DAYS`]
/// before the server's `now` or more than a day after it.
pub fn recent(made_at: NaiveDateTime, now: NaiveDateTime, what: &str) -> Result<(), Refusal> {
    if made_at > now + chrono::Duration::days(1)
        || made_at < now - chrono::Duration::days(MAX_AGE_DAYS)
    {
        return refuse(format!(
            "{what} is taken within {MAX_AGE_DAYS} days of being made, and not from the future"
        ));
    }
    Ok(())
}

/// The case as the server stores it, as the domain reads it.
pub fn stored_case(file: &CaseFileDto) -> Result<domain::CaseFile, Refusal> {
    domain::CaseFile::try_from(file).map_err(|e| {
        (
            RejectCode::Internal,
            format!("the stored case cannot be read: {e}"),
        )
    })
}
