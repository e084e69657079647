//! Contact hours (issue #14, item 1): when an advisor may contact a debtor
//! at all. The company's windows per weekday are policy data; the limits of
//! the KPF "Zasady Dobrych Praktyk" (ZDP) bound every policy: on weekdays
//! 6:00–22:00, on Saturdays 8:00–20:00 and only with a written reason;
//! never on a Sunday or a Polish public holiday (`calendar`), whatever the
//! policy says.
//!
//! One rule, used by the planner on the device, by the server judging an
//! uploaded plan, and by the visit screen.

use crate::calendar::is_public_holiday;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// One day's window: contact from `from` until `until` (exclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayHours {
    pub from: NaiveTime,
    pub until: NaiveTime,
}

impl DayHours {
    /// A window from `from` until `until`, whole hours.
    pub fn hours(from: u32, until: u32) -> DayHours {
        DayHours {
            from: NaiveTime::from_hms_opt(from, 0, 0).unwrap_or(NaiveTime::MIN),
            until: NaiveTime::from_hms_opt(until, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }

    pub fn contains(&self, t: NaiveTime) -> bool {
        self.from <= t && t < self.until
    }

    /// Whether `self` lies within `outer`.
    pub fn within(&self, outer: &DayHours) -> bool {
        outer.from <= self.from && self.until <= outer.until
    }

    /// The part of `self` inside `other`, if any.
    pub fn intersect(&self, other: &DayHours) -> Option<DayHours> {
        let from = self.from.max(other.from);
        let until = self.until.min(other.until);
        (from < until).then_some(DayHours { from, until })
    }

    /// "8:00–20:00".
    pub fn polish(&self) -> String {
        format!(
            "{}–{}",
            self.from.format("%-H:%M"),
            self.until.format("%-H:%M")
        )
    }
}

/// The ZDP limit on a weekday (Monday to Friday): 6:00–22:00.
pub fn zdp_weekday() -> DayHours {
    DayHours::hours(6, 22)
}

/// The ZDP limit on a Saturday: 8:00–20:00.
pub fn zdp_weekend() -> DayHours {
    DayHours::hours(8, 20)
}

/// The company's contact windows: one per weekday from Monday to Friday
/// (none: no contact that day) and Saturday's, which always needs a written
/// reason. Sundays and public holidays have no window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactHours {
    /// Monday first.
    pub weekdays: [Option<DayHours>; 5],
    pub saturday: Option<DayHours>,
}

impl Default for ContactHours {
    /// Monday to Friday 8:00–20:00; Saturday 8:00–20:00 with a reason.
    fn default() -> Self {
        let day = Some(DayHours::hours(8, 20));
        ContactHours {
            weekdays: [day; 5],
            saturday: day,
        }
    }
}

/// Why a policy's contact hours are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HoursError {
    /// A window that ends before it starts.
    #[error("the window of {0:?} ends before it starts")]
    Empty(Weekday),
    /// A window beyond the ZDP limit of its day.
    #[error("the window of {0:?} is outside the ZDP limits")]
    OutsideZdp(Weekday),
}

impl HoursError {
    pub fn day(&self) -> Weekday {
        match self {
            HoursError::Empty(d) | HoursError::OutsideZdp(d) => *d,
        }
    }

    pub fn polish(&self) -> String {
        match self {
            HoursError::Empty(d) => format!(
                "Godziny kontaktu w {} kończą się przed rozpoczęciem.",
                polish_day_locative(*d)
            ),
            HoursError::OutsideZdp(d) => {
                let limit = if *d == Weekday::Sat {
                    zdp_weekend()
                } else {
                    zdp_weekday()
                };
                format!(
                    "Godziny kontaktu w {} wykraczają poza granice Zasad Dobrych Praktyk ({}).",
                    polish_day_locative(*d),
                    limit.polish()
                )
            }
        }
    }
}

/// Why no contact is allowed on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    Sunday,
    PublicHoliday,
    /// The policy has no window that weekday.
    NotInPolicy,
}

impl Closed {
    pub fn polish(&self) -> &'static str {
        match self {
            Closed::Sunday => "W niedzielę kontakt z klientem jest niedozwolony.",
            Closed::PublicHoliday => {
                "W święto ustawowo wolne od pracy kontakt z klientem jest niedozwolony."
            }
            Closed::NotInPolicy => {
                "Zasady firmy nie przewidują kontaktu z klientem w tym dniu tygodnia."
            }
        }
    }
}

/// What a day allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayRule {
    Open(DayHours),
    /// A Saturday: within the window and with a written reason only.
    WithReason(DayHours),
    Closed(Closed),
}

impl DayRule {
    /// The window, whatever it needs.
    pub fn window(&self) -> Option<DayHours> {
        match self {
            DayRule::Open(h) | DayRule::WithReason(h) => Some(*h),
            DayRule::Closed(_) => None,
        }
    }
}

/// Whether a contact at a moment is allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Contactable {
    Yes,
    /// Allowed with a written reason (a Saturday within its window).
    NeedsReason,
    /// Outside the day's window (`Some`) or on a day without one.
    Outside(Option<DayHours>),
    Closed(Closed),
}

impl ContactHours {
    /// The one check of a policy's hours: every window starts before it
    /// ends and lies within the ZDP limits of its day.
    pub fn validate(&self) -> Result<(), HoursError> {
        let days = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ];
        let all = days
            .iter()
            .zip(self.weekdays.iter())
            .map(|(d, h)| (*d, *h, zdp_weekday()))
            .chain(std::iter::once((
                Weekday::Sat,
                self.saturday,
                zdp_weekend(),
            )));
        for (day, hours, limit) in all {
            if let Some(h) = hours {
                if h.from >= h.until {
                    return Err(HoursError::Empty(day));
                }
                if !h.within(&limit) {
                    return Err(HoursError::OutsideZdp(day));
                }
            }
        }
        Ok(())
    }

    /// What `date` allows.
    pub fn on(&self, date: NaiveDate) -> DayRule {
        let weekday = date.weekday();
        if weekday == Weekday::Sun {
            return DayRule::Closed(Closed::Sunday);
        }
        if is_public_holiday(date) {
            return DayRule::Closed(Closed::PublicHoliday);
        }
        let window = match weekday {
            Weekday::Sat => self.saturday,
            d => self.weekdays[d.num_days_from_monday() as usize],
        };
        match (weekday, window) {
            (_, None) => DayRule::Closed(Closed::NotInPolicy),
            (Weekday::Sat, Some(h)) => DayRule::WithReason(h),
            (_, Some(h)) => DayRule::Open(h),
        }
    }

    /// `from`, or the first day after it that allows contact without a
    /// written reason (the planning screen's first day): past Sundays,
    /// public holidays, Saturdays and days the policy leaves out. `from`
    /// itself when no day of the next four weeks is open (a policy
    /// without any window).
    pub fn first_open_day(&self, from: NaiveDate) -> NaiveDate {
        from.iter_days()
            .take(28)
            .find(|d| matches!(self.on(*d), DayRule::Open(_)))
            .unwrap_or(from)
    }

    /// Whether a contact at `at` is allowed.
    pub fn judge(&self, at: NaiveDateTime) -> Contactable {
        match self.on(at.date()) {
            DayRule::Closed(c) => Contactable::Closed(c),
            DayRule::Open(h) if h.contains(at.time()) => Contactable::Yes,
            DayRule::WithReason(h) if h.contains(at.time()) => Contactable::NeedsReason,
            DayRule::Open(h) | DayRule::WithReason(h) => Contactable::Outside(Some(h)),
        }
    }
}

/// Why a day's planned visits are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PlanHoursError {
    #[error("no contact with clients on this day")]
    Closed(Closed),
    /// A Saturday without a written reason.
    #[error("work on a Saturday needs a written reason")]
    ReasonMissing,
    /// A visit (the first one found) begins before or ends after the window.
    #[error("a visit lies outside the contact hours")]
    Outside(DayHours),
}

impl PlanHoursError {
    pub fn polish(&self) -> String {
        match self {
            PlanHoursError::Closed(c) => c.polish().to_owned(),
            PlanHoursError::ReasonMissing => {
                "Praca w sobotę wymaga pisemnego uzasadnienia.".to_owned()
            }
            PlanHoursError::Outside(w) => format!(
                "Wizyta poza godzinami kontaktu z klientem ({}).",
                w.polish()
            ),
        }
    }
}

impl ContactHours {
    /// The one check of a day's planned visits, each from its arrival to
    /// its departure: the day allows contact, a Saturday has a written
    /// reason (not only whitespace), and every visit lies within the day's
    /// window. The device runs it before it sends a plan, the server on the
    /// plan it receives.
    pub fn check_visits(
        &self,
        date: NaiveDate,
        visits: &[(NaiveTime, NaiveTime)],
        reason: Option<&str>,
    ) -> Result<(), PlanHoursError> {
        let window = match self.on(date) {
            DayRule::Closed(c) => return Err(PlanHoursError::Closed(c)),
            DayRule::WithReason(w) => {
                if reason.is_none_or(|r| r.trim().is_empty()) {
                    return Err(PlanHoursError::ReasonMissing);
                }
                w
            }
            DayRule::Open(w) => w,
        };
        // A visit may end exactly when the window closes.
        if visits
            .iter()
            .any(|(from, until)| *from < window.from || *until > window.until || from > until)
        {
            return Err(PlanHoursError::Outside(window));
        }
        Ok(())
    }
}

/// "w poniedziałek", "we wtorek", … (the locative after "w").
pub fn polish_day_locative(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "poniedziałek",
        Weekday::Tue => "wtorek",
        Weekday::Wed => "środę",
        Weekday::Thu => "czwartek",
        Weekday::Fri => "piątek",
        Weekday::Sat => "sobotę",
        Weekday::Sun => "niedzielę",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        day(y, m, d).and_hms_opt(h, min, 0).unwrap()
    }

    #[test]
    fn the_default_is_weekdays_eight_to_eight_and_saturday_with_a_reason() {
        let hours = ContactHours::default();
        assert_eq!(hours.validate(), Ok(()));
        // Wed 2.12.2026.
        assert_eq!(
            hours.on(day(2026, 12, 2)),
            DayRule::Open(DayHours::hours(8, 20))
        );
        assert_eq!(
            hours.judge(at(2026, 12, 2, 7, 59)),
            Contactable::Outside(Some(DayHours::hours(8, 20)))
        );
        assert_eq!(hours.judge(at(2026, 12, 2, 8, 0)), Contactable::Yes);
        assert_eq!(hours.judge(at(2026, 12, 2, 19, 59)), Contactable::Yes);
        // 20:00 is the end: not within.
        assert_eq!(
            hours.judge(at(2026, 12, 2, 20, 0)),
            Contactable::Outside(Some(DayHours::hours(8, 20)))
        );
        // Sat 5.12.2026: with a reason.
        assert_eq!(
            hours.judge(at(2026, 12, 5, 10, 0)),
            Contactable::NeedsReason
        );
        assert_eq!(
            hours.judge(at(2026, 12, 5, 20, 30)),
            Contactable::Outside(Some(DayHours::hours(8, 20)))
        );
        // Sun 6.12.2026: never.
        assert_eq!(
            hours.judge(at(2026, 12, 6, 10, 0)),
            Contactable::Closed(Closed::Sunday)
        );
    }

    #[test]
    fn public_holidays_are_closed_easter_based_ones_too() {
        let hours = ContactHours::default();
        // Easter Monday 2027 is 29 March (Easter Sunday 28.03.2027).
        assert_eq!(
            hours.on(day(2027, 3, 29)),
            DayRule::Closed(Closed::PublicHoliday)
        );
        assert_eq!(
            hours.on(day(2027, 3, 30)),
            DayRule::Open(DayHours::hours(8, 20))
        );
        // Corpus Christi 2026: Thursday 4 June (Easter 5.04.2026 + 60).
        assert_eq!(
            hours.on(day(2026, 6, 4)),
            DayRule::Closed(Closed::PublicHoliday)
        );
        // 15 August 2026 is a Saturday and a holiday: closed, not "with a reason".
        assert_eq!(
            hours.on(day(2026, 8, 15)),
            DayRule::Closed(Closed::PublicHoliday)
        );
        // Christmas Eve is a holiday from 2025: Thu 24.12.2026.
        assert_eq!(
            hours.on(day(2026, 12, 24)),
            DayRule::Closed(Closed::PublicHoliday)
        );
        // 29 February 2028 (a leap year, a Tuesday) is an ordinary day.
        assert_eq!(
            hours.on(day(2028, 2, 29)),
            DayRule::Open(DayHours::hours(8, 20))
        );
        // 11 November 2026 (Wednesday): Independence Day.
        assert_eq!(
            hours.judge(at(2026, 11, 11, 12, 0)),
            Contactable::Closed(Closed::PublicHoliday)
        );
    }

    #[test]
    fn a_policy_outside_the_zdp_limits_is_refused() {
        let mut hours = ContactHours::default();
        // Weekdays 6:00–22:00 is the widest allowed.
        hours.weekdays[0] = Some(DayHours::hours(6, 22));
        assert_eq!(hours.validate(), Ok(()));
        hours.weekdays[0] = Some(DayHours {
            from: NaiveTime::from_hms_opt(5, 59, 0).unwrap(),
            until: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
        });
        assert_eq!(hours.validate(), Err(HoursError::OutsideZdp(Weekday::Mon)));
        hours.weekdays[0] = Some(DayHours::hours(8, 16));
        hours.weekdays[4] = Some(DayHours {
            from: NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            until: NaiveTime::from_hms_opt(22, 1, 0).unwrap(),
        });
        assert_eq!(hours.validate(), Err(HoursError::OutsideZdp(Weekday::Fri)));
        hours.weekdays[4] = None;
        // Saturday: 8:00–20:00 at most; 7:00 is too early though fine on a weekday.
        hours.saturday = Some(DayHours::hours(7, 12));
        let e = hours.validate().unwrap_err();
        assert_eq!(e, HoursError::OutsideZdp(Weekday::Sat));
        assert_eq!(
            e.polish(),
            "Godziny kontaktu w sobotę wykraczają poza granice Zasad Dobrych Praktyk (8:00–20:00)."
        );
        hours.saturday = Some(DayHours::hours(12, 12));
        assert_eq!(hours.validate(), Err(HoursError::Empty(Weekday::Sat)));
        hours.saturday = None;
        assert_eq!(hours.validate(), Ok(()));
        // A weekday the policy leaves out is closed; Saturday without a window too.
        assert_eq!(
            hours.on(day(2026, 12, 4)),
            DayRule::Closed(Closed::NotInPolicy)
        );
        assert_eq!(
            hours.on(day(2026, 12, 5)),
            DayRule::Closed(Closed::NotInPolicy)
        );
        assert_eq!(
            hours.on(day(2026, 12, 7)),
            DayRule::Open(DayHours::hours(8, 16))
        );
    }

    #[test]
    fn a_days_visits_are_checked_against_its_window() {
        let hours = ContactHours::default();
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        // Wed 2.12.2026: 8:00–8:30 and 19:30–20:00 fit (a visit may end at 20:00).
        let fine = [(t(8, 0), t(8, 30)), (t(19, 30), t(20, 0))];
        assert_eq!(hours.check_visits(day(2026, 12, 2), &fine, None), Ok(()));
        // 7:45 is before the window, 19:45–20:15 runs past it.
        let early = [(t(7, 45), t(8, 15))];
        assert_eq!(
            hours.check_visits(day(2026, 12, 2), &early, None),
            Err(PlanHoursError::Outside(DayHours::hours(8, 20)))
        );
        let late = [(t(19, 45), t(20, 15))];
        assert!(hours
            .check_visits(day(2026, 12, 2), &late, Some("klient prosił"))
            .is_err());
        // Sat 5.12.2026: only with a reason; whitespace is none.
        assert_eq!(
            hours.check_visits(day(2026, 12, 5), &fine, None),
            Err(PlanHoursError::ReasonMissing)
        );
        assert_eq!(
            hours.check_visits(day(2026, 12, 5), &fine, Some("  ")),
            Err(PlanHoursError::ReasonMissing)
        );
        assert_eq!(
            hours.check_visits(day(2026, 12, 5), &fine, Some("Klient pracuje w tygodniu")),
            Ok(())
        );
        // Sun 6.12.2026 and Fri 25.12.2026: never, reason or not.
        assert_eq!(
            hours.check_visits(day(2026, 12, 6), &fine, Some("pilne")),
            Err(PlanHoursError::Closed(Closed::Sunday))
        );
        assert_eq!(
            hours.check_visits(day(2026, 12, 25), &fine, Some("pilne")),
            Err(PlanHoursError::Closed(Closed::PublicHoliday))
        );
    }

    #[test]
    fn the_first_open_day_skips_weekends_and_holidays() {
        let hours = ContactHours::default();
        // Wed 2.12.2026 is open.
        assert_eq!(hours.first_open_day(day(2026, 12, 2)), day(2026, 12, 2));
        // Sat 5.12.2026 → Mon 7.12.2026.
        assert_eq!(hours.first_open_day(day(2026, 12, 5)), day(2026, 12, 7));
        // Thu 24.12.2026 (Christmas Eve), 25, 26 (Sat), 27 (Sun) → Mon 28.12.2026.
        assert_eq!(hours.first_open_day(day(2026, 12, 24)), day(2026, 12, 28));
        // Sat 1.05.2027 (holiday), Sun 2, Mon 3 May (holiday) → Tue 4.05.2027.
        assert_eq!(hours.first_open_day(day(2027, 5, 1)), day(2027, 5, 4));
        let none = ContactHours {
            weekdays: [None; 5],
            saturday: None,
        };
        assert_eq!(none.first_open_day(day(2026, 12, 2)), day(2026, 12, 2));
    }

    #[test]
    fn windows_intersect() {
        let work = DayHours::hours(7, 16);
        assert_eq!(
            work.intersect(&DayHours::hours(8, 20)),
            Some(DayHours::hours(8, 16))
        );
        assert_eq!(
            DayHours::hours(20, 22).intersect(&DayHours::hours(8, 20)),
            None
        );
        assert_eq!(DayHours::hours(8, 20).polish(), "8:00–20:00");
    }
}
