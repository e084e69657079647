//! What an offer is built from besides the case and the policy: the day,
//! the client's budget and the advisor's own terms. One function turns a
//! case and these inputs into the engine's request, so that the device that
//! makes an offer and the server that checks it ask the engine the same
//! question.

use super::{Authority, Budget, CustomTerms, OfferDebt, OfferRequest, Policy, MAX_AMOUNT_GROSZE};
use crate::{CaseFile, Money};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The inputs of an offer the advisor typed or chose.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferInputs {
    /// The day the offer was made.
    pub today: NaiveDate,
    /// The client's budget as typed.
    pub budget: Budget,
    /// The day of the month the client pays (1 to 31).
    pub due_day: u8,
    /// The advisor's own term and down payment, if they set them.
    pub custom: Option<CustomTerms>,
}

impl OfferRequest {
    /// The engine's request for an offer on `file` with these inputs, the
    /// policy and the authority in force.
    pub fn for_case(
        file: &CaseFile,
        inputs: OfferInputs,
        policy: Policy,
        authority: Authority,
    ) -> OfferRequest {
        let today = inputs.today;
        let debts: Vec<OfferDebt> = file
            .debts
            .iter()
            .map(|d| OfferDebt {
                outstanding: d.outstanding,
                time_barred: d.is_time_barred_claim(today),
            })
            .collect();
        OfferRequest {
            debt: file.outstanding(),
            today,
            budget: inputs.budget,
            policy,
            authority,
            due_day: inputs.due_day,
            // Limitation is per debt: each debt is barred from the day after
            // its last enforceable day, so one barred debt does not make a
            // live one voluntary (nor a paid-off barred one anything). The
            // caps follow the rate in force on the offer date in the
            // policy's table, on the device and on the server alike.
            time_barred: debts.iter().any(|d| d.time_barred),
            debts,
            vulnerable: file.is_vulnerable(),
            custom: inputs.custom,
        }
    }
}

/// An amount as an input of an offer: at most two decimal places, not
/// negative, at most the engine's ceiling; `None` otherwise.
pub fn input_amount(d: Decimal) -> Option<Money> {
    let ceiling = Money::from_grosze(MAX_AMOUNT_GROSZE).amount();
    (d.scale() <= 2 && !d.is_sign_negative() && d <= ceiling).then(|| Money::new(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn an_input_amount_has_grosze_at_most_and_is_in_range() {
        assert_eq!(input_amount(dec!(1234.56)), Some(Money::new(dec!(1234.56))));
        assert_eq!(input_amount(dec!(0)), Some(Money::ZERO));
        assert_eq!(input_amount(dec!(1.5)), Some(Money::new(dec!(1.50))));
        assert_eq!(input_amount(dec!(1.005)), None, "three places");
        assert_eq!(input_amount(dec!(-0.01)), None, "negative");
        assert_eq!(input_amount(Decimal::MAX), None, "beyond the ceiling");
        assert_eq!(
            input_amount(dec!(10000000000000.00)),
            Some(Money::new(dec!(10000000000000.00))),
            "the ceiling itself (10 000 000 000 000 zł)"
        );
        assert_eq!(input_amount(dec!(10000000000000.01)), None);
    }
}
