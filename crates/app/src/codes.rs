//! The UI's codes (`api`) and the wire's codes (`sync-proto`) for the same
//! things, mapped variant by variant so that the compiler sees every one.

use api::{ApprovalCode, DecisionKind, OfferKind, ReviewState};
use sync_proto::{ApprovalLimit, DecideAction, Decision, OfferVariant};

pub fn variant(k: OfferKind) -> OfferVariant {
    match k {
        OfferKind::LumpSum => OfferVariant::LumpSum,
        OfferKind::FitsBudget => OfferVariant::FitsBudget,
        OfferKind::LowestInstallment => OfferVariant::LowestInstallment,
        OfferKind::Forbearance => OfferVariant::Forbearance,
        OfferKind::Custom => OfferVariant::Custom,
    }
}

/// The variant's kind; `None` for one this app does not know.
pub fn offer_kind(v: &OfferVariant) -> Option<OfferKind> {
    Some(match v {
        OfferVariant::LumpSum => OfferKind::LumpSum,
        OfferVariant::FitsBudget => OfferKind::FitsBudget,
        OfferVariant::LowestInstallment => OfferKind::LowestInstallment,
        OfferVariant::Forbearance => OfferKind::Forbearance,
        OfferVariant::Custom => OfferKind::Custom,
        OfferVariant::Unknown(_) => return None,
    })
}

pub fn approval_limit(a: ApprovalCode) -> ApprovalLimit {
    match a {
        ApprovalCode::DiscountShare => ApprovalLimit::DiscountShare,
        ApprovalCode::DiscountAmount => ApprovalLimit::DiscountAmount,
        ApprovalCode::PrincipalDiscount => ApprovalLimit::PrincipalDiscount,
        ApprovalCode::Term => ApprovalLimit::Term,
        ApprovalCode::InstallmentBelowMinimum => ApprovalLimit::InstallmentBelowMinimum,
        ApprovalCode::DownPaymentBelowPolicy => ApprovalLimit::DownPaymentBelowPolicy,
        ApprovalCode::ForbearanceWithoutVulnerability => {
            ApprovalLimit::ForbearanceWithoutVulnerability
        }
    }
}

/// The limit crossed; `None` for one this app does not know.
pub fn approval_code(a: &ApprovalLimit) -> Option<ApprovalCode> {
    Some(match a {
        ApprovalLimit::DiscountShare => ApprovalCode::DiscountShare,
        ApprovalLimit::DiscountAmount => ApprovalCode::DiscountAmount,
        ApprovalLimit::PrincipalDiscount => ApprovalCode::PrincipalDiscount,
        ApprovalLimit::Term => ApprovalCode::Term,
        ApprovalLimit::InstallmentBelowMinimum => ApprovalCode::InstallmentBelowMinimum,
        ApprovalLimit::DownPaymentBelowPolicy => ApprovalCode::DownPaymentBelowPolicy,
        ApprovalLimit::ForbearanceWithoutVulnerability => {
            ApprovalCode::ForbearanceWithoutVulnerability
        }
        ApprovalLimit::Unknown(_) => return None,
    })
}

/// Where a request stands; a decision this app does not know reads as
/// pending.
pub fn review_state(d: &Decision) -> ReviewState {
    match d {
        Decision::Approved => ReviewState::Approved,
        Decision::Rejected => ReviewState::Rejected,
        Decision::Returned => ReviewState::Returned,
        Decision::Pending | Decision::Unknown(_) => ReviewState::Pending,
    }
}

pub fn decide_action(d: DecisionKind) -> DecideAction {
    match d {
        DecisionKind::Approve => DecideAction::Approve,
        DecisionKind::Reject => DecideAction::Reject,
        DecisionKind::Return => DecideAction::Return,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json<T: serde::Serialize>(t: &T) -> String {
        serde_json::to_string(t).unwrap()
    }

    /// The UI's code and the wire's code of one thing are the same string.
    #[test]
    fn api_and_wire_codes_agree() {
        for v in OfferVariant::KNOWN {
            let k = offer_kind(v).unwrap();
            assert_eq!(&variant(k), v);
            assert_eq!(json(&k), json(v));
        }
        assert_eq!(offer_kind(&OfferVariant::from_code("new_kind")), None);
        for a in ApprovalLimit::KNOWN {
            let c = approval_code(a).unwrap();
            assert_eq!(&approval_limit(c), a);
            assert_eq!(json(&c), json(a));
        }
        assert_eq!(approval_code(&ApprovalLimit::from_code("new_limit")), None);
        for d in [
            DecisionKind::Approve,
            DecisionKind::Reject,
            DecisionKind::Return,
        ] {
            assert_eq!(json(&d), json(&decide_action(d)));
        }
        for d in Decision::KNOWN {
            assert_eq!(json(&review_state(d)), json(d));
        }
    }
}
