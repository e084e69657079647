//! Conversions from domain values into wire types. Only this direction exists:
//! the backend turns its entities into views; requests carry plain values.

use crate::types::*;
use domain::priority::KeyFlag;

impl From<domain::CaseStatus> for Status {
    fn from(s: domain::CaseStatus) -> Self {
        use domain::CaseStatus as D;
        match s {
            D::New => Status::New,
            D::VisitPlanned => Status::VisitPlanned,
            D::Visited => Status::Visited,
            D::PromiseToPay => Status::PromiseToPay,
            D::SettlementSigned => Status::SettlementSigned,
            D::Paying => Status::Paying,
            D::BrokenPromise => Status::BrokenPromise,
            D::Closed => Status::Closed,
        }
    }
}

impl From<Status> for domain::CaseStatus {
    fn from(s: Status) -> Self {
        use domain::CaseStatus as D;
        match s {
            Status::New => D::New,
            Status::VisitPlanned => D::VisitPlanned,
            Status::Visited => D::Visited,
            Status::PromiseToPay => D::PromiseToPay,
            Status::SettlementSigned => D::SettlementSigned,
            Status::Paying => D::Paying,
            Status::BrokenPromise => D::BrokenPromise,
            Status::Closed => D::Closed,
        }
    }
}

impl From<domain::priority::Priority> for Priority {
    fn from(p: domain::priority::Priority) -> Self {
        match p {
            domain::priority::Priority::High => Priority::High,
            domain::priority::Priority::Normal => Priority::Normal,
            domain::priority::Priority::Low => Priority::Low,
        }
    }
}

impl From<KeyFlag> for Flag {
    fn from(f: KeyFlag) -> Self {
        match f {
            KeyFlag::BrokenPromise => Flag::BrokenPromise,
            KeyFlag::PromiseDueSoon => Flag::PromiseDueSoon,
            KeyFlag::Appointment => Flag::Appointment,
            KeyFlag::LimitationNear => Flag::LimitationNear,
            KeyFlag::TimeBarred => Flag::TimeBarred,
            KeyFlag::HighBalance => Flag::HighBalance,
            KeyFlag::LongWithoutContact => Flag::LongWithoutContact,
            KeyFlag::Vulnerable => Flag::Vulnerable,
        }
    }
}

impl From<domain::DebtComponents> for Components {
    fn from(c: domain::DebtComponents) -> Self {
        Components {
            principal: c.principal.amount(),
            interest: c.interest.amount(),
            costs: c.costs.amount(),
            total: c.total().amount(),
        }
    }
}

impl From<&domain::Phone> for PhoneView {
    fn from(p: &domain::Phone) -> Self {
        PhoneView {
            number: p.number.clone(),
            display: domain::format::format_phone(&p.number),
            mobile: p.kind == domain::PhoneKind::Mobile,
            primary: p.primary,
            id: p.id.to_string(),
            mark: p.mark.map(|m| match m {
                domain::PhoneMark::WrongNumber => crate::PhoneMarkCode::WrongNumber,
                domain::PhoneMark::NotInService => crate::PhoneMarkCode::NotInService,
            }),
        }
    }
}

impl From<&domain::Address> for AddressView {
    fn from(a: &domain::Address) -> Self {
        AddressView {
            id: a.id.to_string(),
            kind: match a.kind {
                domain::AddressKind::Residence => AddressKind::Residence,
                domain::AddressKind::Correspondence => AddressKind::Correspondence,
                domain::AddressKind::Registered => AddressKind::Registered,
            },
            line: a.one_line(),
            lat: a.location.map(|l| l.lat),
            lon: a.location.map(|l| l.lon),
        }
    }
}

impl From<&domain::Consent> for ConsentView {
    fn from(c: &domain::Consent) -> Self {
        ConsentView {
            kind: match c.kind {
                domain::ConsentKind::Phone => ConsentKind::Phone,
                domain::ConsentKind::Sms => ConsentKind::Sms,
                domain::ConsentKind::Email => ConsentKind::Email,
                domain::ConsentKind::HomeVisit => ConsentKind::HomeVisit,
            },
            granted: c.granted,
            recorded_on: c.recorded_on,
            marketing: c.marketing,
            method: c.method.map(|m| {
                use domain::contact::ConsentMethod as M;
                match m {
                    M::InPerson => crate::ConsentMethodCode::InPerson,
                    M::Written => crate::ConsentMethodCode::Written,
                    M::Phone => crate::ConsentMethodCode::Phone,
                    M::Electronic => crate::ConsentMethodCode::Electronic,
                }
            }),
            captured_by: c.captured_by.clone(),
        }
    }
}

impl From<&domain::Payment> for PaymentView {
    fn from(p: &domain::Payment) -> Self {
        PaymentView {
            paid_on: p.paid_on,
            amount: p.amount.amount(),
            channel: match p.channel {
                domain::PaymentChannel::BankTransfer => PaymentChannel::BankTransfer,
                domain::PaymentChannel::PostOffice => PaymentChannel::PostOffice,
                domain::PaymentChannel::Enforcement => PaymentChannel::Enforcement,
                domain::PaymentChannel::Cash => PaymentChannel::Cash,
            },
        }
    }
}

impl From<&domain::Promise> for PromiseView {
    fn from(p: &domain::Promise) -> Self {
        PromiseView {
            made_on: p.made_on,
            due_on: p.due_on,
            amount: p.amount.amount(),
            state: match p.status {
                domain::PromiseStatus::Pending => PromiseState::Pending,
                domain::PromiseStatus::Kept => PromiseState::Kept,
                domain::PromiseStatus::Broken => PromiseState::Broken,
            },
            paid: rust_decimal::Decimal::ZERO,
            last_day: None,
        }
    }
}

impl From<domain::PromiseStatus> for PromiseState {
    fn from(s: domain::PromiseStatus) -> Self {
        match s {
            domain::PromiseStatus::Pending => PromiseState::Pending,
            domain::PromiseStatus::Kept => PromiseState::Kept,
            domain::PromiseStatus::Broken => PromiseState::Broken,
        }
    }
}

impl From<&domain::ledger::PromiseLine> for PromiseView {
    fn from(p: &domain::ledger::PromiseLine) -> Self {
        PromiseView {
            made_on: p.made_on,
            due_on: p.due_on,
            amount: p.amount.amount(),
            state: p.state.into(),
            paid: p.paid.amount(),
            last_day: Some(p.last_day),
        }
    }
}

impl From<&domain::ledger::PaymentMatch> for LedgerEntry {
    fn from(m: &domain::ledger::PaymentMatch) -> Self {
        LedgerEntry::PaymentMatched {
            paid_on: m.paid_on,
            amount: m.amount.amount(),
            promise_due_on: m.promise_due_on,
            left: m.left.amount(),
        }
    }
}

impl From<&domain::ledger::PromiseLine> for LedgerEntry {
    fn from(p: &domain::ledger::PromiseLine) -> Self {
        LedgerEntry::Promise {
            due_on: p.due_on,
            amount: p.amount.amount(),
            paid: p.paid.amount(),
            last_day: p.last_day,
            state: p.state.into(),
        }
    }
}

impl From<&domain::Activity> for ActivityView {
    fn from(a: &domain::Activity) -> Self {
        use domain::ActivityKind as D;
        ActivityView {
            at: a.at,
            kind: match a.kind {
                D::Call => ActivityKind::Call,
                D::Sms => ActivityKind::Sms,
                D::Letter => ActivityKind::Letter,
                D::Visit => ActivityKind::Visit,
                D::Note => ActivityKind::Note,
                D::Payment => ActivityKind::Payment,
                D::Promise => ActivityKind::Promise,
                D::Offer => ActivityKind::Offer,
                D::Approval => ActivityKind::Approval,
                D::Settlement => ActivityKind::Settlement,
                D::Message => ActivityKind::Message,
            },
            author: a.author.clone(),
            summary: a.summary.clone(),
            approval: None,
            received_at: a.received_at,
            signing: None,
            ledger: None,
            contact: None,
        }
    }
}

impl From<&domain::offer::UnbuiltReason> for UnbuiltReason {
    fn from(r: &domain::offer::UnbuiltReason) -> Self {
        use domain::offer::UnbuiltReason as D;
        match *r {
            D::BudgetTooSmall { limit, minimum } => UnbuiltReason::BudgetTooSmall {
                limit: limit.amount(),
                minimum: minimum.amount(),
            },
            D::TermTooLong { needed, maximum } => UnbuiltReason::TermTooLong { needed, maximum },
            D::TermZero => UnbuiltReason::TermZero,
            D::TermAbovePolicy { months, maximum } => {
                UnbuiltReason::TermAbovePolicy { months, maximum }
            }
            D::InvalidDueDay(day) => UnbuiltReason::InvalidDueDay { day },
            D::NegativeDiscount => UnbuiltReason::NegativeDiscount,
            D::NegativeDownPayment => UnbuiltReason::NegativeDownPayment,
            D::DiscountAboveDebt { discount, debt } => UnbuiltReason::DiscountAboveDebt {
                discount: discount.amount(),
                debt: debt.amount(),
            },
            D::DiscountAbovePolicy { share, maximum } => {
                UnbuiltReason::DiscountAbovePolicy { share, maximum }
            }
            D::DownPaymentCoversTotal {
                down_payment,
                total,
            } => UnbuiltReason::DownPaymentCoversTotal {
                down_payment: down_payment.amount(),
                total: total.amount(),
            },
            D::PauseAbovePolicy { months, maximum } => {
                UnbuiltReason::PauseAbovePolicy { months, maximum }
            }
            D::NothingLeftToPay => UnbuiltReason::NothingLeftToPay,
            D::Schedule(_) => UnbuiltReason::Schedule,
            D::AmountTooLarge => UnbuiltReason::AmountTooLarge,
        }
    }
}

impl From<&domain::validate::ValidationError> for crate::Reason {
    /// An amount's problem; the other validation errors (PESEL, IBAN, ...)
    /// come from fields that are not amounts and are not typed here yet, so
    /// they read as malformed.
    fn from(e: &domain::validate::ValidationError) -> Self {
        use domain::validate::ValidationError as V;
        match e {
            V::AmountEmpty => crate::Reason::Amount(crate::AmountProblem::Empty),
            V::AmountFormat => crate::Reason::Amount(crate::AmountProblem::Format),
            V::AmountNegative => crate::Reason::Amount(crate::AmountProblem::Negative),
            _ => crate::Reason::Malformed,
        }
    }
}

impl From<&domain::contact::ContactRecord> for crate::ProposalView {
    fn from(r: &domain::contact::ContactRecord) -> Self {
        use domain::contact::{ContactChange as C, FieldState as S};
        crate::ProposalView {
            id: r.id.to_string(),
            made_at: r.made_at,
            author: r.author.clone(),
            visit_id: r.proposal.visit.map(|v| v.to_string()),
            note: r.proposal.note.clone(),
            changes: r
                .proposal
                .changes
                .iter()
                .zip(&r.states)
                .map(|(c, s)| crate::ProposalChangeView {
                    kind: match c {
                        C::Phone { .. } => crate::ContactChangeKind::Phone,
                        C::Email { .. } => crate::ContactChangeKind::Email,
                        C::Address { .. } => crate::ContactChangeKind::Address,
                        C::Consent { .. } => crate::ContactChangeKind::Consent,
                    },
                    text: domain::contact::describe(c),
                    state: match s.state {
                        S::Proposed => crate::ProposalState::Proposed,
                        S::Accepted => crate::ProposalState::Accepted,
                        S::Rejected => crate::ProposalState::Rejected,
                    },
                    comment: s.comment.clone(),
                    decided_by: s.by.clone(),
                    decided_at: s.at,
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_time_shows_when_it_is_an_hour_or_more_from_the_devices() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let line = |received: Option<chrono::NaiveDateTime>| ActivityView {
            at,
            kind: ActivityKind::Note,
            author: "Doradca".into(),
            summary: "x".into(),
            approval: None,
            received_at: received,
            signing: None,
            ledger: None,
            contact: None,
        };
        let m = chrono::Duration::minutes;
        assert_eq!(line(None).received_apart(), None);
        assert_eq!(
            line(Some(at + m(59))).received_apart(),
            None,
            "synced soon after"
        );
        assert_eq!(line(Some(at + m(60))).received_apart(), Some(at + m(60)));
        // A device clock set to 2019 shows the server's time beside it.
        let in_2019 = chrono::NaiveDate::from_ymd_opt(2019, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let odd = ActivityView {
            at: in_2019,
            ..line(Some(at))
        };
        assert_eq!(odd.received_apart(), Some(at));
    }

    #[test]
    fn every_status_round_trips_and_serializes_as_the_domain_code() {
        for s in domain::CaseStatus::ALL {
            let wire = Status::from(s);
            assert_eq!(domain::CaseStatus::from(wire), s);
            let json = serde_json::to_string(&wire).unwrap();
            assert_eq!(json, format!("\"{}\"", s.code()));
        }
    }

    #[test]
    fn command_errors_serialize_with_a_kind_tag() {
        let e = crate::CommandError::Invalid {
            field: crate::Field::Income,
            code: crate::Reason::Amount(crate::AmountProblem::Format),
        };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(
            json,
            r#"{"kind":"invalid","field":"income","code":{"amount":"format"}}"#
        );
        let back: crate::CommandError = serde_json::from_str(&json).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn payment_channels_serialize_as_the_domain_code() {
        const NIL: &str = "00000000-0000-0000-0000-000000000000";
        for c in domain::PaymentChannel::ALL {
            let p = domain::Payment {
                id: NIL.parse().unwrap(),
                case_id: NIL.parse().unwrap(),
                paid_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
                amount: domain::Money::ZERO,
                channel: c,
            };
            let json = serde_json::to_string(&PaymentView::from(&p).channel).unwrap();
            assert_eq!(json, format!("\"{}\"", c.code()));
        }
    }

    #[test]
    fn money_travels_as_an_exact_string() {
        let c = Components::from(domain::DebtComponents {
            principal: domain::Money::from_grosze(100_00),
            interest: domain::Money::from_grosze(1),
            costs: domain::Money::from_grosze(0),
        });
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(
            json,
            r#"{"principal":"100.00","interest":"0.01","costs":"0.00","total":"100.01"}"#
        );
    }
}
