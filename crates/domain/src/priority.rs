//! Key-case flags for the case list: why a case deserves attention now.
//! (The full key-case score for route planning builds on these facts.)

use crate::money::Money;
use crate::status::CaseStatus;
use chrono::NaiveDate;

/// The facts about a case that its priority is derived from.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFacts {
    pub status: CaseStatus,
    pub outstanding: Money,
    pub next_promise_due: Option<NaiveDate>,
    pub limitation_date: Option<NaiveDate>,
    pub last_activity: Option<NaiveDate>,
    pub vulnerable: bool,
    pub appointment: Option<NaiveDate>,
}

/// One reason a case is key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyFlag {
    BrokenPromise,
    PromiseDueSoon,
    Appointment,
    LimitationNear,
    TimeBarred,
    HighBalance,
    LongWithoutContact,
    Vulnerable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    High,
    Normal,
    Low,
}

/// The thresholds behind the flags; the defaults are the company policy.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityRules {
    pub promise_due_within_days: i64,
    pub limitation_within_days: i64,
    pub high_balance: Money,
    pub no_contact_days: i64,
}

impl Default for PriorityRules {
    fn default() -> Self {
        PriorityRules {
            promise_due_within_days: 3,
            limitation_within_days: 90,
            high_balance: Money::from_grosze(2_000_000),
            no_contact_days: 60,
        }
    }
}

/// The flags that apply to a case today, in a stable order.
pub fn key_flags(f: &CaseFacts, today: NaiveDate, rules: &PriorityRules) -> Vec<KeyFlag> {
    let mut flags = Vec::new();
    if f.status == CaseStatus::Closed {
        return flags;
    }
    if f.status == CaseStatus::BrokenPromise {
        flags.push(KeyFlag::BrokenPromise);
    }
    if let Some(due) = f.next_promise_due {
        let days = (due - today).num_days();
        if (0..=rules.promise_due_within_days).contains(&days) {
            flags.push(KeyFlag::PromiseDueSoon);
        }
    }
    if f.appointment.is_some_and(|d| d >= today) {
        flags.push(KeyFlag::Appointment);
    }
    if let Some(lim) = f.limitation_date {
        // `lim` is the last enforceable day: barred only from the next day.
        let days = (lim - today).num_days();
        if days < 0 {
            flags.push(KeyFlag::TimeBarred);
        } else if days <= rules.limitation_within_days {
            flags.push(KeyFlag::LimitationNear);
        }
    }
    if f.outstanding >= rules.high_balance {
        flags.push(KeyFlag::HighBalance);
    }
    let silent = f
        .last_activity
        .is_none_or(|d| (today - d).num_days() >= rules.no_contact_days);
    if silent {
        flags.push(KeyFlag::LongWithoutContact);
    }
    if f.vulnerable {
        flags.push(KeyFlag::Vulnerable);
    }
    flags.sort();
    flags
}

/// The priority from the flags. Vulnerability lowers pressure and never
/// raises it: a vulnerable client's case is never high priority by balance or
/// silence alone.
pub fn priority(f: &CaseFacts, flags: &[KeyFlag]) -> Priority {
    use KeyFlag::*;
    if f.status == CaseStatus::Closed {
        return Priority::Low;
    }
    let urgent = flags.iter().any(|k| {
        matches!(
            k,
            BrokenPromise | PromiseDueSoon | Appointment | LimitationNear
        )
    });
    let heavy = flags
        .iter()
        .any(|k| matches!(k, HighBalance | LongWithoutContact));
    match (urgent, heavy, f.vulnerable) {
        (true, _, _) => Priority::High,
        (false, true, false) => Priority::High,
        (false, _, true) => Priority::Low,
        _ => Priority::Normal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn base() -> CaseFacts {
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

    #[test]
    fn flags_and_priorities() {
        let today = d(2026, 11, 23);
        let rules = PriorityRules::default();
        let cases: Vec<(&str, CaseFacts, Vec<KeyFlag>, Priority)> = vec![
            ("quiet", base(), vec![], Priority::Normal),
            (
                "broken promise",
                CaseFacts {
                    status: CaseStatus::BrokenPromise,
                    ..base()
                },
                vec![KeyFlag::BrokenPromise],
                Priority::High,
            ),
            (
                "promise due in 3 days",
                CaseFacts {
                    next_promise_due: Some(d(2026, 11, 26)),
                    ..base()
                },
                vec![KeyFlag::PromiseDueSoon],
                Priority::High,
            ),
            (
                "promise due in 4 days",
                CaseFacts {
                    next_promise_due: Some(d(2026, 11, 27)),
                    ..base()
                },
                vec![],
                Priority::Normal,
            ),
            (
                "limitation in 90 days",
                CaseFacts {
                    limitation_date: Some(d(2027, 2, 21)),
                    ..base()
                },
                vec![KeyFlag::LimitationNear],
                Priority::High,
            ),
            (
                "time-barred",
                CaseFacts {
                    limitation_date: Some(d(2025, 12, 31)),
                    ..base()
                },
                vec![KeyFlag::TimeBarred],
                Priority::Normal,
            ),
            // Issue #10: the last enforceable day is not yet barred, but
            // it is the last chance; the day after it is barred.
            (
                "last enforceable day",
                CaseFacts {
                    limitation_date: Some(today),
                    ..base()
                },
                vec![KeyFlag::LimitationNear],
                Priority::High,
            ),
            (
                "barred since yesterday",
                CaseFacts {
                    limitation_date: Some(d(2026, 11, 22)),
                    ..base()
                },
                vec![KeyFlag::TimeBarred],
                Priority::Normal,
            ),
            (
                "high balance",
                CaseFacts {
                    outstanding: Money::from_grosze(2_000_000),
                    ..base()
                },
                vec![KeyFlag::HighBalance],
                Priority::High,
            ),
            (
                "vulnerable with high balance stays low",
                CaseFacts {
                    outstanding: Money::from_grosze(5_000_000),
                    vulnerable: true,
                    ..base()
                },
                vec![KeyFlag::HighBalance, KeyFlag::Vulnerable],
                Priority::Low,
            ),
            (
                "no contact for 60 days",
                CaseFacts {
                    last_activity: Some(d(2026, 9, 24)),
                    ..base()
                },
                vec![KeyFlag::LongWithoutContact],
                Priority::High,
            ),
            (
                "closed has no flags",
                CaseFacts {
                    status: CaseStatus::Closed,
                    last_activity: None,
                    ..base()
                },
                vec![],
                Priority::Low,
            ),
        ];
        for (name, facts, flags, prio) in cases {
            let got = key_flags(&facts, today, &rules);
            assert_eq!(got, flags, "{name}");
            assert_eq!(priority(&facts, &got), prio, "{name}");
        }
    }
}
