//! The key-case score: how much a case deserves a visit now, in points, with
//! the reasons that add up to it. It builds on the key-case flags of
//! [`crate::priority`] and grades them: a promise due today weighs more than
//! one due in three days, a limitation date next week more than one in three
//! months.
//!
//! Vulnerability lowers pressure and never raises it: for a vulnerable client
//! the points that come from balance and silence alone are taken away, so a
//! vulnerable client's case never scores higher than the same case of a
//! client who is not vulnerable.
//!
//! The planner treats priorities strictly (it never drops a visit to keep any
//! number of visits with fewer points), so callers who want coarser classes
//! can pass `points / 10` as the priority.

use crate::money::Money;
use crate::priority::{key_flags, CaseFacts, KeyFlag, PriorityRules};
use chrono::NaiveDate;

/// The weights of the score; the defaults are the company policy.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRules {
    /// The thresholds behind the flags.
    pub flags: PriorityRules,
    pub appointment: u32,
    pub broken_promise: u32,
    /// A promise due on the last day of the "due soon" window; each day
    /// closer adds `promise_due_per_day`.
    pub promise_due: u32,
    pub promise_due_per_day: u32,
    /// A limitation date at the far end of the "near" window scores the
    /// minimum; tomorrow scores the maximum.
    pub limitation_min: u32,
    pub limitation_max: u32,
    /// A balance at the threshold; each further threshold's worth adds
    /// `high_balance_step`, up to `high_balance_max`.
    pub high_balance: u32,
    pub high_balance_step: u32,
    pub high_balance_max: u32,
    /// Silence at the threshold; every `silence_days_per_point` further days
    /// add a point, up to `silence_max`. A case never contacted scores the
    /// maximum.
    pub silence: u32,
    pub silence_days_per_point: i64,
    pub silence_max: u32,
}

impl Default for ScoreRules {
    fn default() -> Self {
        ScoreRules {
            flags: PriorityRules::default(),
            appointment: 50,
            broken_promise: 40,
            promise_due: 20,
            promise_due_per_day: 5,
            limitation_min: 15,
            limitation_max: 35,
            high_balance: 15,
            high_balance_step: 5,
            high_balance_max: 30,
            silence: 10,
            silence_days_per_point: 6,
            silence_max: 30,
        }
    }
}

/// One reason and what it adds (negative: what it takes away).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ScoreReason {
    pub flag: KeyFlag,
    pub points: i32,
}

/// The score of a case and its reasons, in the order of [`KeyFlag`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeyScore {
    pub points: u32,
    pub reasons: Vec<ScoreReason>,
}

/// The key-case score of a case today. A closed case scores nothing; a
/// time-barred claim is listed with no points (it may only be settled
/// voluntarily, so it adds no pressure).
pub fn key_case_score(facts: &CaseFacts, today: NaiveDate, rules: &ScoreRules) -> KeyScore {
    let flags = key_flags(facts, today, &rules.flags);
    let mut reasons = Vec::with_capacity(flags.len());
    let mut pressure = 0i32;
    for &flag in &flags {
        let points = match flag {
            KeyFlag::BrokenPromise => rules.broken_promise as i32,
            KeyFlag::PromiseDueSoon => {
                let days = facts
                    .next_promise_due
                    .map_or(0, |d| (d - today).num_days())
                    .clamp(0, rules.flags.promise_due_within_days);
                let closer = (rules.flags.promise_due_within_days - days) as i32;
                rules.promise_due as i32 + closer * rules.promise_due_per_day as i32
            }
            KeyFlag::Appointment => rules.appointment as i32,
            KeyFlag::LimitationNear => {
                let window = rules.flags.limitation_within_days.max(1);
                let days = facts
                    .limitation_date
                    .map_or(window, |d| (d - today).num_days())
                    .clamp(0, window);
                let span = (rules.limitation_max - rules.limitation_min) as i64;
                (rules.limitation_min as i64 + span * (window - days) / window) as i32
            }
            KeyFlag::TimeBarred => 0,
            KeyFlag::HighBalance => {
                let p = balance_points(facts.outstanding, rules);
                pressure += p;
                p
            }
            KeyFlag::LongWithoutContact => {
                let p = match facts.last_activity {
                    None => rules.silence_max as i32,
                    Some(d) => {
                        let over = (today - d).num_days() - rules.flags.no_contact_days;
                        let extra = over.max(0) / rules.silence_days_per_point.max(1);
                        (rules.silence as i64 + extra).min(rules.silence_max as i64) as i32
                    }
                };
                pressure += p;
                p
            }
            // Added below, once the pressure is known.
            KeyFlag::Vulnerable => continue,
        };
        reasons.push(ScoreReason { flag, points });
    }
    if facts.vulnerable && !flags.is_empty() {
        reasons.push(ScoreReason {
            flag: KeyFlag::Vulnerable,
            points: -pressure,
        });
    }
    let total: i32 = reasons.iter().map(|r| r.points).sum();
    KeyScore {
        points: total.max(0) as u32,
        reasons,
    }
}

fn balance_points(outstanding: Money, rules: &ScoreRules) -> i32 {
    let threshold = rules.flags.high_balance.grosze().max(1);
    let over = (outstanding.grosze() - threshold).max(0);
    let steps = over / threshold;
    let p = rules.high_balance as i64 + steps * rules.high_balance_step as i64;
    p.min(rules.high_balance_max as i64) as i32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::status::CaseStatus;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn today() -> NaiveDate {
        d(2026, 11, 23)
    }

    fn quiet() -> CaseFacts {
        CaseFacts {
            status: CaseStatus::New,
            outstanding: Money::from_grosze(100_000),
            next_promise_due: None,
            limitation_date: Some(d(2029, 12, 31)),
            last_activity: Some(d(2026, 11, 1)),
            vulnerable: false,
            appointment: None,
        }
    }

    fn show(s: &KeyScore) -> String {
        let reasons: Vec<String> = s
            .reasons
            .iter()
            .map(|r| format!("{:?} {:+}", r.flag, r.points))
            .collect();
        format!("{} [{}]", s.points, reasons.join(", "))
    }

    #[test]
    fn graded_reasons() {
        let rules = ScoreRules::default();
        let cases: Vec<(&str, CaseFacts, &str)> = vec![
            ("quiet", quiet(), "0 []"),
            (
                "broken promise",
                CaseFacts {
                    status: CaseStatus::BrokenPromise,
                    ..quiet()
                },
                "40 [BrokenPromise +40]",
            ),
            (
                "promise due today",
                CaseFacts {
                    next_promise_due: Some(today()),
                    ..quiet()
                },
                "35 [PromiseDueSoon +35]",
            ),
            (
                "promise due in 3 days",
                CaseFacts {
                    next_promise_due: Some(d(2026, 11, 26)),
                    ..quiet()
                },
                "20 [PromiseDueSoon +20]",
            ),
            (
                "appointment and limitation tomorrow",
                CaseFacts {
                    appointment: Some(today()),
                    limitation_date: Some(d(2026, 11, 24)),
                    ..quiet()
                },
                "84 [Appointment +50, LimitationNear +34]",
            ),
            (
                "limitation in 90 days",
                CaseFacts {
                    limitation_date: Some(d(2027, 2, 21)),
                    ..quiet()
                },
                "15 [LimitationNear +15]",
            ),
            (
                "time-barred adds no pressure",
                CaseFacts {
                    limitation_date: Some(d(2025, 1, 1)),
                    ..quiet()
                },
                "0 [TimeBarred +0]",
            ),
            (
                "three times the high balance",
                CaseFacts {
                    outstanding: Money::from_grosze(6_000_000),
                    ..quiet()
                },
                "25 [HighBalance +25]",
            ),
            (
                "silent for 120 days",
                CaseFacts {
                    last_activity: Some(d(2026, 7, 26)),
                    ..quiet()
                },
                "20 [LongWithoutContact +20]",
            ),
            (
                "never contacted",
                CaseFacts {
                    last_activity: None,
                    ..quiet()
                },
                "30 [LongWithoutContact +30]",
            ),
            (
                "vulnerable: balance and silence bring no pressure",
                CaseFacts {
                    outstanding: Money::from_grosze(6_000_000),
                    last_activity: None,
                    next_promise_due: Some(today()),
                    vulnerable: true,
                    ..quiet()
                },
                "35 [PromiseDueSoon +35, HighBalance +25, LongWithoutContact +30, Vulnerable -55]",
            ),
            (
                "closed scores nothing",
                CaseFacts {
                    status: CaseStatus::Closed,
                    last_activity: None,
                    ..quiet()
                },
                "0 []",
            ),
        ];
        for (name, facts, want) in cases {
            assert_eq!(
                show(&key_case_score(&facts, today(), &rules)),
                want,
                "{name}"
            );
        }
    }

    const STATUSES: [CaseStatus; 8] = [
        CaseStatus::New,
        CaseStatus::VisitPlanned,
        CaseStatus::Visited,
        CaseStatus::PromiseToPay,
        CaseStatus::SettlementSigned,
        CaseStatus::Paying,
        CaseStatus::BrokenPromise,
        CaseStatus::Closed,
    ];

    fn facts() -> impl Strategy<Value = CaseFacts> {
        let day = |lo: i64, hi: i64| {
            proptest::option::of(lo..hi)
                .prop_map(|o| o.map(|n| today() + chrono::Duration::days(n)))
        };
        (
            0..STATUSES.len(),
            0i64..20_000_000,
            day(-10, 10),
            day(-30, 400),
            day(-400, 1),
            day(-3, 10),
        )
            .prop_map(|(s, g, promise, lim, last, appt)| CaseFacts {
                status: STATUSES[s],
                outstanding: Money::from_grosze(g),
                next_promise_due: promise,
                limitation_date: lim,
                last_activity: last,
                vulnerable: false,
                appointment: appt,
            })
    }

    proptest! {
        #[test]
        fn vulnerability_never_raises_the_score(f in facts()) {
            let rules = ScoreRules::default();
            let plain = key_case_score(&f, today(), &rules);
            let vulnerable = key_case_score(&CaseFacts { vulnerable: true, ..f.clone() }, today(), &rules);
            prop_assert!(vulnerable.points <= plain.points);
            let sum: i32 = plain.reasons.iter().map(|r| r.points).sum();
            prop_assert_eq!(plain.points as i32, sum);
        }
    }
}
