//! Money in Polish złoty. Always a `Decimal` with exactly two places (grosze);
//! never a float.

use rust_decimal::{Decimal, RoundingStrategy};
use std::iter::Sum;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

/// An amount in PLN, always rounded to the grosz (two decimal places,
/// half away from zero, as Polish accounting rounds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(Decimal);

impl Money {
    /// 0,00 zł: two places like every other amount (a bare
    /// `Decimal::ZERO` would travel as "0").
    pub const ZERO: Money = Money(Decimal::from_parts(0, 0, 0, false, 2));

    /// Rounds to the grosz.
    pub fn new(amount: Decimal) -> Money {
        let mut d = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
        d.rescale(2);
        Money(d)
    }

    /// An amount from whole grosze, e.g. `from_grosze(123456)` is 1 234,56 zł.
    pub fn from_grosze(grosze: i64) -> Money {
        Money::new(Decimal::new(grosze, 2))
    }

    pub fn amount(&self) -> Decimal {
        self.0
    }

    /// The amount in grosze; exact because the amount always has two places.
    pub fn grosze(&self) -> i64 {
        let mut d = self.0;
        d.rescale(2);
        i64::try_from(d.mantissa()).unwrap_or(if d.is_sign_negative() {
            i64::MIN
        } else {
            i64::MAX
        })
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_zero()
    }

    pub fn is_negative(&self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    pub fn max(self, other: Money) -> Money {
        if self >= other {
            self
        } else {
            other
        }
    }

    pub fn min(self, other: Money) -> Money {
        if self <= other {
            self
        } else {
            other
        }
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money::new(self.0 + rhs.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, rhs: Money) -> Money {
        Money::new(self.0 - rhs.0)
    }
}

impl SubAssign for Money {
    fn sub_assign(&mut self, rhs: Money) {
        *self = *self - rhs;
    }
}

impl Neg for Money {
    type Output = Money;
    fn neg(self) -> Money {
        Money::new(-self.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl<'a> Sum<&'a Money> for Money {
    fn sum<I: Iterator<Item = &'a Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + *b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn zero_has_two_places_like_every_amount() {
        assert_eq!(Money::ZERO.amount().to_string(), "0.00");
        assert_eq!(Money::ZERO, Money::new(dec!(0)));
        assert_eq!(
            (Money::ZERO + Money::new(dec!(1.5))).amount().to_string(),
            "1.50"
        );
    }

    #[test]
    fn rounds_half_away_from_zero_to_two_places() {
        assert_eq!(Money::new(dec!(1.005)).amount(), dec!(1.01));
        assert_eq!(Money::new(dec!(-1.005)).amount(), dec!(-1.01));
        assert_eq!(Money::new(dec!(7)).amount().to_string(), "7.00");
    }

    #[test]
    fn grosze_round_trip() {
        assert_eq!(Money::from_grosze(123456).grosze(), 123456);
        assert_eq!(Money::new(dec!(0.1)).grosze(), 10);
        assert_eq!(Money::from_grosze(-5).grosze(), -5);
    }

    #[test]
    fn sums_are_exact() {
        let total: Money = std::iter::repeat_n(Money::new(dec!(0.10)), 10).sum();
        assert_eq!(total, Money::new(dec!(1)));
    }
}
