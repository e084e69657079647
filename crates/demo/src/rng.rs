//! A thin wrapper over the seeded generator with the draws the generator
//! needs. Every draw goes through here, in a fixed order, so that a seed
//! always yields the same portfolio.

use chrono::{Days, NaiveDate};
use rand::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

pub struct Rng(ChaCha8Rng);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(ChaCha8Rng::seed_from_u64(seed))
    }

    pub fn uuid(&mut self) -> Uuid {
        uuid::Builder::from_random_bytes(self.0.random()).into_uuid()
    }

    /// A whole number in `lo..=hi`.
    pub fn int(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi, "{lo}..={hi}");
        self.0.random_range(lo..=hi)
    }

    /// A whole number in `lo..=hi`, skewed toward `lo`: the least of three
    /// uniform draws.
    pub fn int_low(&mut self, lo: i64, hi: i64) -> i64 {
        let a = self.int(lo, hi);
        let b = self.int(lo, hi);
        let c = self.int(lo, hi);
        a.min(b).min(c)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.0.random_bool(p)
    }

    /// A number in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        self.0.random()
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.0.random_range(0..items.len())]
    }

    /// One of `items`, each as likely as its weight.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        self.weighted_by(items, |(_, w)| *w).0
    }

    /// One of `items`, each as likely as `weight` says.
    pub fn weighted_by<'a, T>(&mut self, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
        let total: u32 = items.iter().map(&weight).sum();
        let mut x = self.0.random_range(0..total);
        for item in items {
            let w = weight(item);
            if x < w {
                return item;
            }
            x -= w;
        }
        unreachable!("the draw is below the total weight")
    }

    /// A day in `lo..=hi`; `lo` when the range is empty.
    pub fn date(&mut self, lo: NaiveDate, hi: NaiveDate) -> NaiveDate {
        let span = (hi - lo).num_days();
        if span <= 0 {
            return lo;
        }
        lo + Days::new(self.int(0, span) as u64)
    }

    /// `n` random decimal digits.
    pub fn digits(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| char::from(b'0' + self.0.random_range(0..10u8)))
            .collect()
    }

    /// `value` moved by up to `radius` either way, rounded to six places.
    pub fn jitter(&mut self, value: f64, radius: f64) -> f64 {
        let v = value + (self.unit() * 2.0 - 1.0) * radius;
        (v * 1e6).round() / 1e6
    }
}
