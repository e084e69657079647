//! Accepting a variant: the point where the advisor commits to an offer
//! and, when it strains the client's budget, says why.

use super::Variant;

/// A variant the client accepted, with the advisor's reason when one was
/// required. Only [`accept`] makes one, so whatever takes an
/// `AcceptedOffer` (the settlement, the approval request) knows the reason
/// rule was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AcceptedOffer {
    variant: Variant,
    reason: Option<String>,
}

impl AcceptedOffer {
    /// The accepted variant.
    pub fn variant(&self) -> &Variant {
        &self.variant
    }

    /// The advisor's reason, trimmed; `None` when none was given.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// True when the offer goes to a team lead before it can be signed.
    pub fn needs_approval(&self) -> bool {
        self.variant.needs_approval()
    }
}

/// Why a variant could not be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AcceptError {
    /// The installment is above the affordable share and no reason was
    /// given.
    #[error("a written reason is required: the installment is above the affordable share of the client's disposable income")]
    ReasonMissing,
    /// The installment is above the affordable share and the reason given
    /// is empty or only whitespace.
    #[error("the reason is empty: write why the client can carry this installment")]
    ReasonBlank,
}

/// Accepts `variant` with the advisor's `reason`.
///
/// A variant that [`Variant::requires_reason`] is refused without a reason
/// or with one that is empty or only whitespace: an affordability exception
/// must be explained in words someone can review later. For a variant that
/// needs no reason, a blank reason counts as none (the field was simply left
/// empty) and a real one is kept.
pub fn accept(variant: Variant, reason: Option<&str>) -> Result<AcceptedOffer, AcceptError> {
    let reason = reason.map(str::trim);
    let reason = match (variant.requires_reason, reason) {
        (true, None) => return Err(AcceptError::ReasonMissing),
        (true, Some("")) => return Err(AcceptError::ReasonBlank),
        (_, Some(r)) if !r.is_empty() => Some(r.to_string()),
        _ => None,
    };
    Ok(AcceptedOffer { variant, reason })
}
