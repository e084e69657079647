//! An offer's body built again: the one check, shared by the server that
//! judges an uploaded offer or settlement and the device that signs a saved
//! offer, that a body is exactly what the engine gives for its terms on a
//! case under a policy. What the check gives back is the accepted offer
//! itself, so that what is signed is rendered from the engine's numbers and
//! never from the body's.

use crate::{ApprovalLimit, OfferBody, OfferVariant};
use domain::offer::{
    AcceptError, AcceptedOffer, Authority, InForce, OfferInputs, OfferRequest, Policy,
};
use domain::CaseFile;
use std::fmt;

/// Why a body is not the engine's offer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mismatch {
    /// The body carries no terms (an older app).
    NoTerms,
    /// One of the terms is out of range: its name.
    Terms(&'static str),
    /// The engine makes no offer on these terms at all.
    NoOffer(String),
    /// The engine makes no offer of this variant on these terms (why).
    NoVariant(String),
    /// The body's numbers differ from the engine's (the first difference).
    Differs(String),
    /// The engine requires a written reason the body lacks.
    Reason(AcceptError),
    /// The body amends an agreement that is not the one in force (or
    /// amends none while one was given, or the other way round).
    NotInForce,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Mismatch::NoTerms => {
                f.write_str("the offer carries no terms to check it by: update the app")
            }
            Mismatch::Terms(field) => write!(f, "the offer's {field} is out of range"),
            Mismatch::NoOffer(e) => write!(f, "no offer can be made on these terms: {e}"),
            Mismatch::NoVariant(why) => {
                write!(f, "the engine makes no such offer on these terms ({why})")
            }
            Mismatch::Differs(diff) => write!(
                f,
                "the offer is not what the engine gives for its terms ({diff}); \
                 the case or the policy may have changed since: make it again"
            ),
            Mismatch::Reason(e) => write!(f, "the offer needs a written reason: {e}"),
            Mismatch::NotInForce => {
                f.write_str("the offer amends no agreement in force on the case")
            }
        }
    }
}

impl OfferBody {
    /// The engine's inputs of this offer.
    pub fn inputs(&self) -> Result<OfferInputs, Mismatch> {
        self.terms
            .as_ref()
            .ok_or(Mismatch::NoTerms)?
            .inputs()
            .map_err(Mismatch::Terms)
    }

    /// Whether the offer may still be signed on `day` under `policy`: the
    /// NBP reference rate in force that day is the one its caps were taken
    /// from on the day it was made, so that what the agreement states of
    /// the statutory maximum is true on the day it is made.
    pub fn capped_alike(&self, policy: &Policy, day: chrono::NaiveDate) -> bool {
        self.terms.as_ref().is_some_and(|t| {
            policy.reference_rates.rate_on(t.offered_on) == policy.reference_rates.rate_on(day)
        })
    }

    /// Builds the offer again on `file` under `policy` and `authority`
    /// (the same request the device built it with) and answers it accepted
    /// with the body's reason, when every number of the body is the
    /// engine's: total, down payment, installment, term, schedule, the
    /// time-barred flag and the limits of authority crossed. An amendment
    /// ([`OfferBody::amends`]) is built on what is unpaid under
    /// `agreement`, the agreement in force it names.
    pub fn rebuild(
        &self,
        file: &CaseFile,
        policy: Policy,
        authority: Authority,
        agreement: Option<&InForce>,
    ) -> Result<AcceptedOffer, Mismatch> {
        let inputs = self.inputs()?;
        let request = match (self.amends, agreement) {
            (None, None) => OfferRequest::for_case(file, inputs, policy, authority),
            (Some(_), Some(a)) => OfferRequest::for_amendment(file, a, inputs, policy, authority),
            _ => return Err(Mismatch::NotInForce),
        };
        let offers =
            domain::offer::propose(&request).map_err(|e| Mismatch::NoOffer(e.to_string()))?;
        let Some(variant) = offers
            .variants
            .into_iter()
            .find(|v| OfferVariant::of(v.kind) == self.variant)
        else {
            let why = offers
                .unbuilt
                .iter()
                .find(|u| OfferVariant::of(u.kind) == self.variant)
                .map_or_else(|| "unknown variant".to_owned(), |u| u.reason.to_string());
            return Err(Mismatch::NoVariant(format!("{}: {why}", self.variant)));
        };
        if let Some(diff) = difference(self, &variant) {
            return Err(Mismatch::Differs(diff));
        }
        domain::offer::accept(variant, self.reason.as_deref()).map_err(Mismatch::Reason)
    }
}

/// The first number in which the offer differs from the engine's variant.
fn difference(body: &OfferBody, v: &domain::offer::Variant) -> Option<String> {
    use domain::format::format_pln;
    if body.total != v.total.amount() {
        return Some(format!(
            "total {}, the engine's {}",
            format_pln(domain::Money::new(body.total)),
            format_pln(v.total)
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
