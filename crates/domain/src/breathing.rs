//! The breathing space of a vulnerable client (issue #14, item 3): from the
//! day a vulnerability (illness, bereavement, crisis, disability) is noted,
//! for the policy's length (60 days by default), no visit is planned; the
//! team lead reviews it between day 25 and day 35. Pure; the planner on the
//! device and the server's check of a plan call the same rule.

use chrono::{Days, NaiveDate};

/// The policy's breathing space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreathingRules {
    /// How long it lasts, in days, the day it is noted being the first.
    pub days: u32,
    /// The review window, in days since it was noted (day 1 is the first).
    pub review_from_day: u32,
    pub review_until_day: u32,
}

impl Default for BreathingRules {
    fn default() -> Self {
        BreathingRules {
            days: 60,
            review_from_day: 25,
            review_until_day: 35,
        }
    }
}

/// One breathing space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BreathingSpace {
    /// The day the vulnerability was noted: the first day.
    pub since: NaiveDate,
    /// The last day of the space.
    pub last_day: NaiveDate,
    /// The team lead's review window, both days included.
    pub review_from: NaiveDate,
    pub review_until: NaiveDate,
}

impl BreathingSpace {
    /// The space opened by a vulnerability noted on `since`.
    pub fn from(since: NaiveDate, rules: &BreathingRules) -> BreathingSpace {
        let nth = |n: u32| {
            since
                .checked_add_days(Days::new(u64::from(n.saturating_sub(1))))
                .unwrap_or(NaiveDate::MAX)
        };
        BreathingSpace {
            since,
            last_day: nth(rules.days),
            review_from: nth(rules.review_from_day),
            review_until: nth(rules.review_until_day),
        }
    }

    /// Whether `day` is within the space.
    pub fn covers(&self, day: NaiveDate) -> bool {
        self.since <= day && day <= self.last_day
    }

    /// Whether the team lead should review it on `day`.
    pub fn review_due(&self, day: NaiveDate) -> bool {
        self.review_from <= day && day <= self.review_until
    }
}

/// The space that covers `day`, if the client's vulnerability was noted on
/// `since` (none when no date is known: the older replicas' vulnerability
/// text alone opens none).
pub fn on(
    since: Option<NaiveDate>,
    day: NaiveDate,
    rules: &BreathingRules,
) -> Option<BreathingSpace> {
    since
        .map(|s| BreathingSpace::from(s, rules))
        .filter(|s| s.covers(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn sixty_days_from_the_day_it_was_noted_with_a_review_from_day_25_to_35() {
        let rules = BreathingRules::default();
        // Noted on Mon 2.11.2026: day 60 is Thu 31.12.2026.
        let s = BreathingSpace::from(d(2026, 11, 2), &rules);
        assert_eq!(s.last_day, d(2026, 12, 31));
        assert_eq!(s.review_from, d(2026, 11, 26));
        assert_eq!(s.review_until, d(2026, 12, 6));
        assert!(!s.covers(d(2026, 11, 1)));
        assert!(s.covers(d(2026, 11, 2)));
        assert!(s.covers(d(2026, 12, 31)));
        assert!(!s.covers(d(2027, 1, 1)));
        assert!(!s.review_due(d(2026, 11, 25)));
        assert!(s.review_due(d(2026, 11, 26)));
        assert!(s.review_due(d(2026, 12, 6)));
        assert!(!s.review_due(d(2026, 12, 7)));
        // Across February of a leap year: noted 15.01.2028, day 60 is 14.03.2028.
        assert_eq!(
            BreathingSpace::from(d(2028, 1, 15), &rules).last_day,
            d(2028, 3, 14)
        );
        assert_eq!(on(Some(d(2026, 11, 2)), d(2026, 12, 2), &rules), Some(s));
        assert_eq!(on(Some(d(2026, 11, 2)), d(2027, 1, 1), &rules), None);
        assert_eq!(on(None, d(2026, 12, 2), &rules), None);
    }
}
