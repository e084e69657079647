//! A deterministic demo portfolio: advisors and case files with realistic
//! Polish data around Łódź, for demos, manual testing, benchmarks and the
//! tests of the crates above.
//!
//! This crate owns the demo data only: the tables of names, streets, towns
//! and creditors, and the rules that make the generated facts consistent
//! (PESEL numbers that match birth dates and sexes, limitation dates that
//! follow from due dates, promises and payments that match each case's
//! status, timelines within the case's life).
//!
//! It must not know about I/O of any kind (no files, no database, no
//! network) and it does not read the clock: `today` is passed in
//! [`DemoConfig`]. The same configuration always yields the same portfolio,
//! because every random draw comes from one ChaCha8 generator seeded with
//! [`DemoConfig::seed`]. Validation and formatting are `domain`'s; this crate
//! uses them rather than knowing the rules itself.

// Amounts in grosze are written as złote and grosze: `150_00` is 150,00 zł.
#![allow(
    clippy::inconsistent_digit_grouping,
    reason = "amounts in grosze read as złote_grosze"
)]

mod cases;
mod data;
mod people;
mod rng;

use chrono::NaiveDate;
use domain::{Advisor, CaseFile};
use std::collections::HashSet;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoConfig {
    /// The same seed (with the same other fields) gives the same portfolio.
    pub seed: u64,
    /// How many cases, each with its own debtor.
    pub cases: usize,
    /// How many advisors share the cases; at least one is generated when
    /// there are cases.
    pub advisors: usize,
    /// The day the portfolio is "as of": every date in it is on or before
    /// today, except pending promises and appointments, which lie ahead.
    pub today: NaiveDate,
}

/// The generated advisors and their case files.
#[derive(Debug, Clone, PartialEq)]
pub struct Portfolio {
    pub advisors: Vec<Advisor>,
    /// Case `i` belongs to advisor `i % advisors.len()`.
    pub cases: Vec<CaseFile>,
}

/// Generates the portfolio `config` describes.
pub fn generate(config: &DemoConfig) -> Portfolio {
    let mut g = Generator {
        rng: rng::Rng::new(config.seed),
        today: config.today,
        pesels: HashSet::with_capacity(config.cases),
        phones: HashSet::with_capacity(config.cases * 2),
        emails: HashSet::with_capacity(config.cases),
        numbers: HashSet::with_capacity(config.cases),
    };
    let advisor_count = if config.cases > 0 {
        config.advisors.max(1)
    } else {
        config.advisors
    };
    let mut names = HashSet::new();
    let advisors: Vec<Advisor> = (0..advisor_count)
        .map(|i| g.advisor(i, &mut names))
        .collect();
    let cases = (0..config.cases)
        .map(|i| g.case_file(&advisors[i % advisors.len()]))
        .collect();
    Portfolio { advisors, cases }
}

/// The generator's state: the random source, today, and what must stay
/// unique across the portfolio.
struct Generator {
    rng: rng::Rng,
    today: NaiveDate,
    pesels: HashSet<String>,
    phones: HashSet<String>,
    emails: HashSet<String>,
    numbers: HashSet<String>,
}
