//! Whether a case may be planned for a visit on a day (issue #14): the
//! guardrails the planner applies, in one place — a client's breathing
//! space (`breathing`), a recorded objection to home visits (a refused
//! consent to home visits, or a court's contact ban), and the company's
//! limit on how often a case is visited (per week and per month, counted
//! from the visit reports on the case's timeline). Pure.

use crate::breathing::{BreathingRules, BreathingSpace};
use chrono::{Datelike, NaiveDate};

/// How often a case may be visited: at most `per_week` visits (and
/// attempts) in a calendar week, Monday to Sunday, and `per_month` in a
/// calendar month. A company policy (no statute sets the numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisitLimits {
    pub per_week: u32,
    pub per_month: u32,
}

impl Default for VisitLimits {
    fn default() -> Self {
        VisitLimits {
            per_week: 2,
            per_month: 4,
        }
    }
}

/// What the planner knows of a case for the guardrails.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct VisitFacts {
    /// The day the client's vulnerability was noted, if known.
    pub vulnerable_since: Option<NaiveDate>,
    /// The client objected to home visits (or a court banned contact).
    pub objects_to_visits: bool,
    /// The days of the visits (and attempts) on the case's timeline.
    pub visit_days: Vec<NaiveDate>,
}

impl VisitFacts {
    /// The facts of a whole case file: what the server judges an uploaded
    /// plan by (the device reads the same from its replica's rows: the
    /// debtor's `vulnerability_since`, a refused non-marketing consent to
    /// home visits, the days of the timeline's visits).
    pub fn of(f: &crate::model::CaseFile) -> VisitFacts {
        use crate::model::{ActivityKind, ConsentKind};
        VisitFacts {
            vulnerable_since: f.debtor.vulnerability_since,
            objects_to_visits: f
                .debtor
                .consents
                .iter()
                .any(|c| c.kind == ConsentKind::HomeVisit && !c.marketing && !c.granted),
            visit_days: f
                .activities
                .iter()
                .filter(|a| a.kind == ActivityKind::Visit)
                .map(|a| a.at.date())
                .collect(),
        }
    }
}

impl Blocked {
    /// The reason as the server gives it on a refused plan.
    pub fn polish(&self) -> String {
        match self {
            Blocked::BreathingSpace(s) => format!(
                "klient jest w okresie ochronnym do {}: bez wizyt",
                crate::format::format_date(s.last_day)
            ),
            Blocked::Objection => "klient sprzeciwił się wizytom domowym".into(),
            Blocked::WeekLimit(n) => format!("limit {n} wizyt w tygodniu wyczerpany"),
            Blocked::MonthLimit(n) => format!("limit {n} wizyt w miesiącu wyczerpany"),
        }
    }
}

/// Why a case may not be visited on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    BreathingSpace(BreathingSpace),
    /// A recorded objection to home visits.
    Objection,
    /// The week's visits reached the limit.
    WeekLimit(u32),
    /// The month's visits reached the limit.
    MonthLimit(u32),
}

/// Whether the case may be visited on `day`: the first guardrail that
/// forbids it, in the order of the issue (breathing space, objection,
/// frequency).
pub fn may_visit(
    f: &VisitFacts,
    day: NaiveDate,
    breathing: &BreathingRules,
    limits: &VisitLimits,
) -> Result<(), Blocked> {
    if let Some(space) = crate::breathing::on(f.vulnerable_since, day, breathing) {
        return Err(Blocked::BreathingSpace(space));
    }
    if f.objects_to_visits {
        return Err(Blocked::Objection);
    }
    let week = day.iso_week();
    let in_week = f.visit_days.iter().filter(|d| d.iso_week() == week).count();
    if in_week >= limits.per_week as usize {
        return Err(Blocked::WeekLimit(limits.per_week));
    }
    let in_month = f
        .visit_days
        .iter()
        .filter(|d| d.year() == day.year() && d.month() == day.month())
        .count();
    if in_month >= limits.per_month as usize {
        return Err(Blocked::MonthLimit(limits.per_month));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn may(f: &VisitFacts, day: NaiveDate) -> Result<(), Blocked> {
        may_visit(f, day, &BreathingRules::default(), &VisitLimits::default())
    }

    #[test]
    fn two_visits_a_week_and_four_a_month() {
        // Visits on Mon 2.11 and Wed 4.11.2026: the week of 2–8 November is full.
        let mut f = VisitFacts {
            visit_days: vec![d(2026, 11, 2), d(2026, 11, 4)],
            ..Default::default()
        };
        assert_eq!(may(&f, d(2026, 11, 6)), Err(Blocked::WeekLimit(2)));
        assert_eq!(may(&f, d(2026, 11, 8)), Err(Blocked::WeekLimit(2)));
        // Monday 9.11 starts a new week.
        assert_eq!(may(&f, d(2026, 11, 9)), Ok(()));
        // Two more in the week of 16 November: four in November.
        f.visit_days.extend([d(2026, 11, 16), d(2026, 11, 17)]);
        assert_eq!(may(&f, d(2026, 11, 23)), Err(Blocked::MonthLimit(4)));
        // December is a new month, and the week of 30.11–6.12 has none.
        assert_eq!(may(&f, d(2026, 12, 1)), Ok(()));
        // An ISO week across the new year: Mon 28.12.2026 – Sun 3.01.2027.
        let g = VisitFacts {
            visit_days: vec![d(2026, 12, 28), d(2026, 12, 30)],
            ..Default::default()
        };
        assert_eq!(may(&g, d(2027, 1, 2)), Err(Blocked::WeekLimit(2)));
        assert_eq!(may(&g, d(2027, 1, 4)), Ok(()));
    }

    #[test]
    fn a_breathing_space_comes_first_then_an_objection() {
        let f = VisitFacts {
            vulnerable_since: Some(d(2026, 11, 20)),
            objects_to_visits: true,
            visit_days: vec![],
        };
        assert!(matches!(
            may(&f, d(2026, 11, 23)),
            Err(Blocked::BreathingSpace(_))
        ));
        // Day 61 after 20.11.2026 is 19.01.2027: the objection still stands.
        assert_eq!(may(&f, d(2027, 1, 19)), Err(Blocked::Objection));
    }
}
