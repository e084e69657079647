//! The NBP reference rate (stopa referencyjna) as a dated table.
//!
//! The statutory maximum interest is derived from the reference rate in
//! force on the day the interest is agreed (art. 359 § 2¹ of the Civil
//! Code), and the Monetary Policy Council changes the rate several times a
//! year. A single number in the policy goes stale the day after a decision;
//! the table keeps every decision with the day it took effect, so an offer
//! made on any day is capped by the rate of that day, offline.
//!
//! The table belongs to the server (seeded with [`ReferenceRates::nbp`],
//! extended by the admin) and reaches the device inside the
//! [`super::Policy`]; [`ReferenceRates::check`], called by
//! [`super::Policy::validate`], is the one check of a table, so a table
//! that fails it is refused wherever a bad policy is.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The most decimal places a reference rate has: the Council decides in
/// basis points of a percent (3.75 % is 0.0375).
pub const RATE_PLACES: u32 = 4;

/// One decision: from `from` on (inclusive), the reference rate is `rate`
/// a year (0.0525 = 5.25 %).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateChange {
    /// The first day the rate is in force.
    pub from: NaiveDate,
    /// The yearly rate, as a fraction.
    pub rate: Decimal,
}

/// Why a table of reference rates, or one of its decisions, cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum RatesError {
    /// A table needs at least one rate: the earliest one also covers the
    /// days before it.
    #[error("the table of reference rates is empty")]
    Empty,
    /// A rate below zero, or of 100 % a year or more, is a unit mistake
    /// (5.25 or 1 sent for 5.25 % or 1 %).
    #[error("the reference rate from {from} must be at least 0 and below 1 a year, not {rate}")]
    RateOutOfRange {
        /// The day the rate would take effect.
        from: NaiveDate,
        /// The rate.
        rate: Decimal,
    },
    /// The Council decides in basis points: a fifth decimal place is a
    /// typing mistake.
    #[error("the reference rate from {from} has more than {RATE_PLACES} decimal places: {rate}")]
    TooManyPlaces {
        /// The day the rate would take effect.
        from: NaiveDate,
        /// The rate.
        rate: Decimal,
    },
    /// A day outside the years the table can mean (the NBP reference rate
    /// exists since 1998).
    #[error("a reference rate must take effect between 1998-01-01 and 2099-12-31, not on {0}")]
    DateOutOfRange(NaiveDate),
    /// Two decisions take effect on the same day: which one holds is unclear.
    #[error("two reference rates take effect on {0}")]
    SameDay(NaiveDate),
}

/// The first day a rate may take effect: the NBP reference rate was
/// introduced in 1998.
pub fn first_rate_day() -> NaiveDate {
    ymd(1998, 1, 1)
}

/// The last day a rate may take effect: beyond it a date is a typing
/// mistake, not a decision.
pub fn last_rate_day() -> NaiveDate {
    ymd(2099, 12, 31)
}

impl RateChange {
    /// Checks one decision as the admin enters it: a day between 1998 and
    /// 2099, a rate at least 0 and below 1 with at most four decimal places
    /// (trailing zeros do not count).
    pub fn check(&self) -> Result<(), RatesError> {
        let (from, rate) = (self.from, self.rate);
        if from < first_rate_day() || from > last_rate_day() {
            return Err(RatesError::DateOutOfRange(from));
        }
        if (rate.is_sign_negative() && !rate.is_zero()) || rate >= Decimal::ONE {
            return Err(RatesError::RateOutOfRange { from, rate });
        }
        if rate.normalize().scale() > RATE_PLACES {
            return Err(RatesError::TooManyPlaces { from, rate });
        }
        Ok(())
    }
}

/// The reference rates: the decisions in date order. The earliest decision
/// also covers the days before it, so the table has a rate for every day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceRates {
    changes: Vec<RateChange>,
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    // The seed dates are literals; a wrong one is a bug caught by the tests.
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

impl ReferenceRates {
    /// A checked table from decisions in any order (see
    /// [`ReferenceRates::check`]).
    pub fn new(changes: Vec<RateChange>) -> Result<ReferenceRates, RatesError> {
        let t = ReferenceRates::from_changes(changes);
        t.check()?;
        Ok(t)
    }

    /// The decisions as they were received (from the wire or the replica),
    /// in date order, not yet checked: [`ReferenceRates::check`] (and so
    /// [`super::Policy::validate`], which `propose` calls) says whether the
    /// table can be used.
    pub fn from_changes(mut changes: Vec<RateChange>) -> ReferenceRates {
        changes.sort_by_key(|c| c.from);
        ReferenceRates { changes }
    }

    /// Checks the table: at least one decision, each as
    /// [`RateChange::check`], no two on one day.
    pub fn check(&self) -> Result<(), RatesError> {
        if self.changes.is_empty() {
            return Err(RatesError::Empty);
        }
        for c in &self.changes {
            c.check()?;
        }
        if let Some(w) = self.changes.windows(2).find(|w| w[0].from == w[1].from) {
            return Err(RatesError::SameDay(w[0].from));
        }
        Ok(())
    }

    /// One rate for every day (a decision on the first possible day).
    pub fn constant(rate: Decimal) -> ReferenceRates {
        ReferenceRates {
            changes: vec![RateChange {
                from: first_rate_day(),
                rate,
            }],
        }
    }

    /// The decisions of the Monetary Policy Council the app ships with, and
    /// the server's seed: 5.75 % (since 5.10.2023, and for every earlier
    /// day), then 5.25 % (8.05.2025), 5.00 % (3.07.2025), 4.75 %
    /// (4.09.2025), 4.50 % (9.10.2025), 4.25 % (6.11.2025), 4.00 %
    /// (4.12.2025) and 3.75 % (5.03.2026). Later decisions are added by the
    /// admin on the server and reach the device with the policy.
    pub fn nbp() -> ReferenceRates {
        let change = |y, m, d, bp| RateChange {
            from: ymd(y, m, d),
            rate: Decimal::new(bp, 4),
        };
        ReferenceRates {
            changes: vec![
                change(2023, 10, 5, 575),
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

    /// The same table with `change` added, or replacing the rate of its
    /// day (an admin's correction).
    pub fn with(&self, change: RateChange) -> ReferenceRates {
        let mut changes: Vec<RateChange> = self
            .changes
            .iter()
            .copied()
            .filter(|c| c.from != change.from)
            .collect();
        changes.push(change);
        ReferenceRates::from_changes(changes)
    }

    /// The rate in force on `date`: that of the last decision that took
    /// effect on or before it, or the earliest decision's for a day before
    /// all of them. Zero for an empty table, which
    /// [`ReferenceRates::check`] refuses.
    pub fn rate_on(&self, date: NaiveDate) -> Decimal {
        let taken = self.changes.partition_point(|c| c.from <= date);
        match (taken, self.changes.first()) {
            (0, Some(first)) => first.rate,
            (0, None) => Decimal::ZERO,
            (n, _) => self.changes[n - 1].rate,
        }
    }

    /// The decisions, in date order.
    pub fn changes(&self) -> &[RateChange] {
        &self.changes
    }
}

impl Default for ReferenceRates {
    /// The seeded NBP table: what is in force when no server ever sent one.
    fn default() -> Self {
        ReferenceRates::nbp()
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
        let change = |y, m, day, rate| RateChange {
            from: d(y, m, day),
            rate,
        };
        let t = ReferenceRates::new(vec![
            change(2026, 1, 1, dec!(0.04)),
            change(2025, 1, 1, dec!(0.05)),
        ])
        .unwrap();
        // The earliest decision also covers the days before it.
        assert_eq!(t.rate_on(d(2024, 12, 31)), dec!(0.05));
        assert_eq!(t.rate_on(d(2025, 6, 1)), dec!(0.05));
        assert_eq!(t.rate_on(d(2026, 6, 1)), dec!(0.04));
        let same = change(2025, 1, 1, dec!(0.05));
        assert_eq!(
            ReferenceRates::new(vec![same, same]),
            Err(RatesError::SameDay(d(2025, 1, 1)))
        );
        assert_eq!(ReferenceRates::new(Vec::new()), Err(RatesError::Empty));
        // 5.25 sent for 5.25 %, and 1 sent for 1 %: unit mistakes.
        for rate in [dec!(5.25), dec!(1), dec!(-0.0001)] {
            assert_eq!(
                ReferenceRates::new(vec![RateChange { rate, ..same }]),
                Err(RatesError::RateOutOfRange {
                    from: d(2025, 1, 1),
                    rate
                }),
                "{rate}"
            );
        }
        assert_eq!(
            change(2025, 1, 1, dec!(0.03755)).check(),
            Err(RatesError::TooManyPlaces {
                from: d(2025, 1, 1),
                rate: dec!(0.03755)
            })
        );
        // Trailing zeros are not places; zero is a rate.
        assert_eq!(change(2025, 1, 1, dec!(0.037500)).check(), Ok(()));
        assert_eq!(change(2025, 1, 1, dec!(0)).check(), Ok(()));
        assert_eq!(
            change(1997, 12, 31, dec!(0.05)).check(),
            Err(RatesError::DateOutOfRange(d(1997, 12, 31)))
        );
        assert_eq!(
            change(2100, 1, 1, dec!(0.05)).check(),
            Err(RatesError::DateOutOfRange(d(2100, 1, 1)))
        );
        assert_eq!(change(1998, 1, 1, dec!(0.05)).check(), Ok(()));
        assert_eq!(
            ReferenceRates::constant(dec!(0.0575)).rate_on(d(2030, 1, 1)),
            dec!(0.0575)
        );
        assert_eq!(ReferenceRates::constant(dec!(0.0575)).check(), Ok(()));
        assert_eq!(ReferenceRates::nbp().check(), Ok(()));
    }

    #[test]
    fn an_added_rate_holds_from_its_day_and_a_correction_replaces_it() {
        let t = ReferenceRates::nbp().with(RateChange {
            from: d(2026, 12, 3),
            rate: dec!(0.035),
        });
        assert_eq!(t.rate_on(d(2026, 12, 2)), dec!(0.0375));
        assert_eq!(t.rate_on(d(2026, 12, 3)), dec!(0.035));
        let corrected = t.with(RateChange {
            from: d(2026, 12, 3),
            rate: dec!(0.0325),
        });
        assert_eq!(corrected.changes().len(), t.changes().len());
        assert_eq!(corrected.rate_on(d(2027, 1, 1)), dec!(0.0325));
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
            prop_assume!(!changes.is_empty());
            let t = ReferenceRates::new(changes.clone()).unwrap();
            let day = base + chrono::Days::new(probe);
            let earliest = changes.iter().min_by_key(|c| c.from).map(|c| c.rate);
            let expected = changes
                .iter()
                .filter(|c| c.from <= day)
                .max_by_key(|c| c.from)
                .map(|c| c.rate)
                .or(earliest)
                .unwrap();
            prop_assert_eq!(t.rate_on(day), expected);
        }
    }
}
