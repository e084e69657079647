//! The NBP reference rate (stopa referencyjna) as a dated table.
//!
//! The statutory maximum interest is derived from the reference rate in
//! force on the day the interest is agreed (art. 359 § 2¹ of the Civil
//! Code), and the Monetary Policy Council changes the rate several times a
//! year. A single number in the policy goes stale the day after a decision;
//! the table keeps every decision with the day it took effect, so an offer
//! made on any day is capped by the rate of that day, offline.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// One decision: from `from` on (inclusive), the reference rate is `rate`
/// a year (0.0525 = 5.25 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateChange {
    /// The first day the rate is in force.
    pub from: NaiveDate,
    /// The yearly rate, as a fraction.
    pub rate: Decimal,
}

/// Why a table of reference rates cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RatesError {
    /// A rate below zero or above 100 % a year is a unit mistake (5.25 sent
    /// for 5.25 %).
    #[error("the reference rate from {from} must be between 0 and 1 a year, not {rate}")]
    RateOutOfRange {
        /// The day the rate would take effect.
        from: NaiveDate,
        /// The rate.
        rate: Decimal,
    },
    /// Two decisions take effect on the same day: which one holds is unclear.
    #[error("two reference rates take effect on {0}")]
    SameDay(NaiveDate),
}

/// The reference rates: the rate before the first dated decision, and the
/// decisions in date order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceRates {
    before: Decimal,
    changes: Vec<RateChange>,
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    // The seed dates are literals; a wrong one is a bug caught by the tests.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

impl ReferenceRates {
    /// A table from the rate in force before any of `changes` and the
    /// changes in any order. Refuses a rate outside 0..=1 and two changes on
    /// one day.
    pub fn new(
        before: Decimal,
        mut changes: Vec<RateChange>,
    ) -> Result<ReferenceRates, RatesError> {
        let in_range = |r: Decimal| (Decimal::ZERO..=Decimal::ONE).contains(&r);
        if !in_range(before) {
            return Err(RatesError::RateOutOfRange {
                from: NaiveDate::MIN,
                rate: before,
            });
        }
        if let Some(c) = changes.iter().find(|c| !in_range(c.rate)) {
            return Err(RatesError::RateOutOfRange {
                from: c.from,
                rate: c.rate,
            });
        }
        changes.sort_by_key(|c| c.from);
        if let Some(w) = changes.windows(2).find(|w| w[0].from == w[1].from) {
            return Err(RatesError::SameDay(w[0].from));
        }
        Ok(ReferenceRates { before, changes })
    }

    /// One rate for every day: what a policy with a single
    /// `reference_rate` means.
    pub fn constant(rate: Decimal) -> ReferenceRates {
        ReferenceRates {
            before: rate,
            changes: Vec::new(),
        }
    }

    /// The decisions of the Monetary Policy Council the app ships with:
    /// 5.75 % before 8.05.2025, then 5.25 % (8.05.2025), 5.00 % (3.07.2025),
    /// 4.75 % (4.09.2025), 4.50 % (9.10.2025), 4.25 % (6.11.2025), 4.00 %
    /// (4.12.2025) and 3.75 % (5.03.2026). Later decisions are added by the
    /// admin on the server and reach the device with the policy.
    pub fn nbp() -> ReferenceRates {
        let change = |y, m, d, bp| RateChange {
            from: ymd(y, m, d),
            rate: Decimal::new(bp, 4),
        };
        ReferenceRates {
            before: Decimal::new(575, 4),
            changes: vec![
                change(2025, 5, 8, 525),
                change(2025, 7, 3, 500),
                change(2025, 9, 4, 475),
                change(2025, 10, 9, 450),
                change(2025, 11, 6, 425),
                change(2025, 12, 4, 400),
                change(2026, 3, 5, 375),
            ],
        }
    }

    /// The rate in force on `date`: that of the last decision that took
    /// effect on or before it.
    pub fn rate_on(&self, date: NaiveDate) -> Decimal {
        let taken = self.changes.partition_point(|c| c.from <= date);
        match taken {
            0 => self.before,
            n => self.changes[n - 1].rate,
        }
    }

    /// The rate before the first decision of the table.
    pub fn before(&self) -> Decimal {
        self.before
    }

    /// The decisions, in date order.
    pub fn changes(&self) -> &[RateChange] {
        &self.changes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_rate_in_force_on_each_day_of_the_seed() {
        let t = ReferenceRates::nbp();
        // Each decision takes effect on its day, not the day after: the day
        // before still has the previous rate.
        let cases = [
            (d(2020, 1, 1), dec!(0.0575)),
            (d(2025, 5, 7), dec!(0.0575)),
            (d(2025, 5, 8), dec!(0.0525)),
            (d(2025, 7, 2), dec!(0.0525)),
            (d(2025, 7, 3), dec!(0.0500)),
            (d(2025, 9, 4), dec!(0.0475)),
            (d(2025, 10, 8), dec!(0.0475)),
            (d(2025, 10, 9), dec!(0.0450)),
            (d(2025, 11, 6), dec!(0.0425)),
            (d(2025, 12, 3), dec!(0.0425)),
            (d(2025, 12, 4), dec!(0.0400)),
            (d(2026, 3, 4), dec!(0.0400)),
            (d(2026, 3, 5), dec!(0.0375)),
            (d(2030, 1, 1), dec!(0.0375)),
        ];
        for (day, rate) in cases {
            assert_eq!(t.rate_on(day), rate, "{day}");
        }
        // The cap on 23.11.2026: 2 × (3,75 % + 3,5 %) = 14,5 %, not the
        // 18,5 % of the stale constant.
        assert_eq!(
            crate::offer::max_interest_rate(t.rate_on(d(2026, 11, 23))),
            dec!(0.145)
        );
    }

    #[test]
    fn a_table_in_any_order_and_its_errors() {
        let t = ReferenceRates::new(
            dec!(0.06),
            vec![
                RateChange {
                    from: d(2026, 1, 1),
                    rate: dec!(0.04),
                },
                RateChange {
                    from: d(2025, 1, 1),
                    rate: dec!(0.05),
                },
            ],
        )
        .unwrap();
        assert_eq!(t.rate_on(d(2024, 12, 31)), dec!(0.06));
        assert_eq!(t.rate_on(d(2025, 6, 1)), dec!(0.05));
        assert_eq!(t.rate_on(d(2026, 6, 1)), dec!(0.04));
        let same = RateChange {
            from: d(2025, 1, 1),
            rate: dec!(0.05),
        };
        assert_eq!(
            ReferenceRates::new(dec!(0.06), vec![same, same]),
            Err(RatesError::SameDay(d(2025, 1, 1)))
        );
        assert_eq!(
            ReferenceRates::new(
                dec!(0.06),
                vec![RateChange {
                    rate: dec!(5.25),
                    ..same
                }]
            ),
            Err(RatesError::RateOutOfRange {
                from: d(2025, 1, 1),
                rate: dec!(5.25)
            })
        );
        assert_eq!(
            ReferenceRates::constant(dec!(0.0575)).rate_on(d(2030, 1, 1)),
            dec!(0.0575)
        );
    }

    proptest! {
        #[test]
        fn the_rate_on_a_day_is_the_last_decision_on_or_before_it(
            days in proptest::collection::vec(0u64..5_000, 0..12),
            probe in 0u64..6_000,
        ) {
            let base = d(2020, 1, 1);
            let mut seen = std::collections::BTreeSet::new();
            let changes: Vec<RateChange> = days
                .iter()
                .filter(|x| seen.insert(**x))
                .map(|x| RateChange {
                    from: base + chrono::Days::new(*x),
                    rate: Decimal::new(*x as i64 % 1000, 4),
                })
                .collect();
            let t = ReferenceRates::new(dec!(0.0575), changes.clone()).unwrap();
            let day = base + chrono::Days::new(probe);
            let expected = changes
                .iter()
                .filter(|c| c.from <= day)
                .max_by_key(|c| c.from)
                .map_or(dec!(0.0575), |c| c.rate);
            prop_assert_eq!(t.rate_on(day), expected);
        }
    }
}
