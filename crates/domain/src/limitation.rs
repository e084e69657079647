//! Limitation (przedawnienie) computed, not imported (issue #14, item 6):
//! the last day a claim can be enforced, from its kind, the day it became
//! due and what interrupted the period. Pure; the device and the server
//! call the same function.
//!
//! The rules (Kodeks cywilny as in force since 9 July 2018):
//! - art. 118: six years in general, three years for periodic claims and
//!   claims connected with running a business; a period of two years or
//!   more ends on the last day of a calendar year;
//! - art. 120 § 1: the period runs from the day the claim became due;
//! - art. 112: a period in years ends on the day whose date corresponds to
//!   its first day (29 February → 28 February);
//! - art. 125 § 1: a claim confirmed by a final judgment is barred six years
//!   after the judgment became final (the end-of-year rule of art. 118 is
//!   not applied to it here: it is a rule of art. 118's own periods — to
//!   confirm with the company's lawyer);
//! - art. 123 § 1 pkt 2 and art. 124 § 1: an acknowledgement of the claim
//!   (a signed settlement is one) interrupts the period, which runs anew
//!   from that day;
//! - art. 5 of the amending act of 13 April 2018 (the transitional rule):
//!   claims due before 9 July 2018 and not barred on that day fall under the
//!   new rules; where the new period is shorter than the old (ten years in
//!   general, ten years after a judgment), it runs from 9 July 2018, but a
//!   claim the old rules bar earlier is barred then. A claim the old rules
//!   barred before 9 July 2018 stays barred.

use chrono::{Datelike, Months, NaiveDate};

/// What a claim is, for its limitation period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClaimKind {
    /// Six years (art. 118): a loan, a bank's claim against a consumer.
    General,
    /// Three years: periodic benefits (rent, subscription fees).
    Periodic,
    /// Three years: connected with running a business (a telecom's or
    /// utility's invoice to a business).
    Business,
}

impl ClaimKind {
    /// The period under the rules in force since 9 July 2018, in years.
    pub fn years(self) -> u32 {
        match self {
            ClaimKind::General => 6,
            ClaimKind::Periodic | ClaimKind::Business => 3,
        }
    }

    /// The period under the rules before 9 July 2018, in years.
    fn years_before_2018(self) -> u32 {
        match self {
            ClaimKind::General => 10,
            ClaimKind::Periodic | ClaimKind::Business => 3,
        }
    }
}

/// The facts of one claim that decide its limitation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimFacts {
    pub kind: ClaimKind,
    /// The day the claim became due (wymagalność).
    pub due: NaiveDate,
    /// The day a judgment confirming the claim became final, if any.
    pub judgment_final: Option<NaiveDate>,
    /// Days the debtor acknowledged the claim (a signed settlement, a
    /// written acknowledgement, a part payment acknowledged as such).
    pub acknowledged: Vec<NaiveDate>,
}

/// The day the rules of art. 118 KC as amended came into force.
pub fn reform_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2018, 7, 9).unwrap_or(NaiveDate::MIN)
}

/// `from` plus `years` by art. 112: the corresponding date, or the last
/// day of the month when there is none (29 February).
fn plus_years(from: NaiveDate, years: u32) -> NaiveDate {
    from.checked_add_months(Months::new(years * 12))
        .unwrap_or(NaiveDate::MAX)
}

/// The last day of `day`'s calendar year.
fn end_of_year(day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year(), 12, 31).unwrap_or(NaiveDate::MAX)
}

/// A period of `years` from `start` under the rules since 2018.
fn new_period(start: NaiveDate, years: u32, end_of_year_rule: bool) -> NaiveDate {
    let end = plus_years(start, years);
    if end_of_year_rule && years >= 2 {
        end_of_year(end)
    } else {
        end
    }
}

/// The last day the claim can be enforced; it is time-barred from the next
/// day (`Debt::limitation_date`).
pub fn last_enforceable_day(c: &ClaimFacts) -> NaiveDate {
    // A judgment starts a period of its own.
    let rules = match c.judgment_final {
        Some(j) => Period {
            start: j,
            years: 6,
            old_years: 10,
            yearly_end: false,
        },
        None => Period {
            start: c.due,
            years: c.kind.years(),
            old_years: c.kind.years_before_2018(),
            yearly_end: true,
        },
    };
    let mut end = rules.end();
    // Each acknowledgement while the period runs starts it anew; one made
    // after the claim was barred interrupts nothing (it may waive the
    // defence, which is the debtor's to say, not a date).
    let mut acks: Vec<NaiveDate> = c
        .acknowledged
        .iter()
        .copied()
        .filter(|a| *a >= rules.start)
        .collect();
    acks.sort();
    for a in acks {
        if a > end {
            break;
        }
        end = end.max(Period { start: a, ..rules }.end());
    }
    end
}

/// A period of limitation from `start`, under the rules of its day.
#[derive(Debug, Clone, Copy)]
struct Period {
    start: NaiveDate,
    years: u32,
    old_years: u32,
    yearly_end: bool,
}

impl Period {
    fn end(&self) -> NaiveDate {
        let reform = reform_day();
        if self.start >= reform {
            return new_period(self.start, self.years, self.yearly_end);
        }
        // Started before 9 July 2018: barred by the old rules before the
        // reform?
        let old_end = plus_years(self.start, self.old_years);
        if old_end < reform {
            return old_end;
        }
        if self.years < self.old_years {
            // A shorter new period runs from the reform's day, unless the
            // old rules bar the claim earlier (art. 5 ust. 2).
            new_period(reform, self.years, self.yearly_end).min(old_end)
        } else {
            // Not shorter: the new rules apply whole, the year's end too
            // (art. 5 ust. 1).
            new_period(self.start, self.years, self.yearly_end)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn claim(kind: ClaimKind, due: NaiveDate) -> ClaimFacts {
        ClaimFacts {
            kind,
            due,
            judgment_final: None,
            acknowledged: Vec::new(),
        }
    }

    #[test]
    fn since_2018_periods_end_on_the_last_day_of_a_year() {
        // A loan due 15.03.2020: six years → 15.03.2026 → 31.12.2026.
        assert_eq!(
            last_enforceable_day(&claim(ClaimKind::General, d(2020, 3, 15))),
            d(2026, 12, 31)
        );
        // A subscription fee due 15.03.2020: three years → 31.12.2023.
        assert_eq!(
            last_enforceable_day(&claim(ClaimKind::Periodic, d(2020, 3, 15))),
            d(2023, 12, 31)
        );
        // A business invoice due 2.01.2023 → 2.01.2026 → 31.12.2026.
        assert_eq!(
            last_enforceable_day(&claim(ClaimKind::Business, d(2023, 1, 2))),
            d(2026, 12, 31)
        );
        // Due on 31.12.2019: three years → 31.12.2022, already a year's end.
        assert_eq!(
            last_enforceable_day(&claim(ClaimKind::Periodic, d(2019, 12, 31))),
            d(2022, 12, 31)
        );
        // Due on the reform's day itself: the new rules whole.
        assert_eq!(
            last_enforceable_day(&claim(ClaimKind::General, d(2018, 7, 9))),
            d(2024, 12, 31)
        );
    }

    #[test]
    fn an_acknowledgement_starts_the_period_anew() {
        // A fee due 10.05.2021 (→ 31.12.2024), settled on 20.11.2024: three
        // years from 20.11.2024 → 20.11.2027 → 31.12.2027.
        let mut c = claim(ClaimKind::Periodic, d(2021, 5, 10));
        assert_eq!(last_enforceable_day(&c), d(2024, 12, 31));
        c.acknowledged = vec![d(2023, 2, 1), d(2024, 11, 20)];
        assert_eq!(last_enforceable_day(&c), d(2027, 12, 31));
        // An acknowledgement dated before the claim was due changes nothing.
        c.acknowledged = vec![d(2021, 1, 1)];
        assert_eq!(last_enforceable_day(&c), d(2024, 12, 31));
        // One after the claim was barred (2.01.2025) revives nothing.
        c.acknowledged = vec![d(2025, 1, 2)];
        assert_eq!(last_enforceable_day(&c), d(2024, 12, 31));
        // Acknowledged 31.12.2024, its last day: anew to 31.12.2027; again
        // on 5.06.2027: to 31.12.2030.
        c.acknowledged = vec![d(2027, 6, 5), d(2024, 12, 31)];
        assert_eq!(last_enforceable_day(&c), d(2030, 12, 31));
    }

    #[test]
    fn a_judgment_bars_six_years_after_it_became_final() {
        // Final on 29.02.2020 (a leap day): 28.02.2026, no end-of-year rule.
        let c = ClaimFacts {
            judgment_final: Some(d(2020, 2, 29)),
            ..claim(ClaimKind::Periodic, d(2017, 6, 1))
        };
        assert_eq!(last_enforceable_day(&c), d(2026, 2, 28));
        // Final on 3.04.2015 (old rules: ten years → 3.04.2025; the new six
        // years run from 9.07.2018 → 9.07.2024, earlier): 9.07.2024.
        let old = ClaimFacts {
            judgment_final: Some(d(2015, 4, 3)),
            ..claim(ClaimKind::General, d(2012, 1, 10))
        };
        assert_eq!(last_enforceable_day(&old), d(2024, 7, 9));
    }

    #[test]
    fn claims_due_before_the_reform_follow_the_transitional_rule() {
        // A loan due 1.03.2016: old rules 1.03.2026; the new six years run
        // from 9.07.2018 → 9.07.2024 → 31.12.2024, earlier: 31.12.2024.
        assert_eq!(
            last_enforceable_day(&claim(ClaimKind::General, d(2016, 3, 1))),
            d(2024, 12, 31)
        );
        // A loan due 1.03.2010: old rules 1.03.2020, earlier than 31.12.2024.
        assert_eq!(
            last_enforceable_day(&claim(ClaimKind::General, d(2010, 3, 1))),
            d(2020, 3, 1)
        );
        // A loan due 10.07.2008: the old ten years ended 10.07.2018, after
        // the reform's day, and are still the earlier end.
        assert_eq!(
            last_enforceable_day(&claim(ClaimKind::General, d(2008, 7, 10))),
            d(2018, 7, 10)
        );
        // Due 8.07.2008: barred by the old rules on 8.07.2018, before the reform.
        assert_eq!(
            last_enforceable_day(&claim(ClaimKind::General, d(2008, 7, 8))),
            d(2018, 7, 8)
        );
        // A fee due 1.03.2017 (three years, not shorter): the new rules
        // from its due day, with the year's end: 31.12.2020.
        assert_eq!(
            last_enforceable_day(&claim(ClaimKind::Periodic, d(2017, 3, 1))),
            d(2020, 12, 31)
        );
        // A fee due 1.03.2015: barred on 1.03.2018 under the old rules.
        assert_eq!(
            last_enforceable_day(&claim(ClaimKind::Periodic, d(2015, 3, 1))),
            d(2018, 3, 1)
        );
    }

    #[test]
    fn a_later_fact_never_shortens_the_period() {
        // Property over many days: an acknowledgement on any day after the
        // claim was due never brings the last day earlier, and the last day
        // is never before the claim was due.
        let kinds = [ClaimKind::General, ClaimKind::Periodic, ClaimKind::Business];
        let mut day = d(2005, 1, 1);
        while day < d(2027, 1, 1) {
            for kind in kinds {
                let c = claim(kind, day);
                let base = last_enforceable_day(&c);
                assert!(base > day, "{kind:?} due {day}: {base}");
                for later in [1u64, 200, 800, 3000] {
                    let a = day + chrono::Days::new(later);
                    let again = ClaimFacts {
                        acknowledged: vec![a],
                        ..c.clone()
                    };
                    let after = last_enforceable_day(&again);
                    assert!(after >= base, "{kind:?} {day} {a}");
                    // Within the period it starts anew; after it, nothing.
                    if a <= base {
                        assert!(after > a, "{kind:?} {day} {a}");
                    } else {
                        assert_eq!(after, base, "{kind:?} {day} {a}");
                    }
                }
            }
            day = day + chrono::Days::new(37);
        }
    }
}
