//! The Polish calendar of days off: Sundays and public holidays (ustawa o
//! dniach wolnych od pracy), for deadlines that move to the next working
//! day.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous
/// Gregorian algorithm, Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// True on a Polish public holiday: New Year, Epiphany, Easter Sunday and
/// Monday, 1 and 3 May, Pentecost Sunday, Corpus Christi, 15 August,
/// 1 and 11 November, Christmas Eve (from 2025), 25 and 26 December.
pub fn is_public_holiday(date: NaiveDate) -> bool {
    let fixed = matches!(
        (date.month(), date.day()),
        (1, 1) | (1, 6) | (5, 1) | (5, 3) | (8, 15) | (11, 1) | (11, 11) | (12, 25) | (12, 26)
    );
    if fixed || (date.year() >= 2025 && (date.month(), date.day()) == (12, 24)) {
        return true;
    }
    let Some(easter) = easter_sunday(date.year()) else {
        return false;
    };
    [0u64, 1, 49, 60]
        .iter()
        .any(|&offset| easter.checked_add_days(Days::new(offset)) == Some(date))
}

/// `date`, or the next day that is neither a Sunday nor a public holiday.
pub fn next_working_day(date: NaiveDate) -> Option<NaiveDate> {
    let mut day = date;
    while day.weekday() == Weekday::Sun || is_public_holiday(day) {
        day = day.succ_opt()?;
    }
    Some(day)
}

/// The day a deadline ending on `date` really ends, as art. 115 KC counts
/// it (in force since 1.01.2017): a deadline falling on a public holiday, a
/// Sunday or a Saturday ends on the next day that is none of them. A
/// promise to pay is such a deadline. `None` past the end of the calendar.
pub fn deadline_day(date: NaiveDate) -> Option<NaiveDate> {
    let mut day = date;
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) || is_public_holiday(day) {
        day = day.succ_opt()?;
    }
    Some(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_and_the_holidays_that_move_with_it() {
        assert_eq!(easter_sunday(2025), Some(d(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(d(2027, 3, 28)));
        // 2026: Easter Monday 6.04, Pentecost 24.05, Corpus Christi 4.06.
        for day in [d(2026, 4, 6), d(2026, 5, 24), d(2026, 6, 4)] {
            assert!(is_public_holiday(day), "{day}");
        }
        assert!(!is_public_holiday(d(2026, 4, 7)));
        assert!(is_public_holiday(d(2025, 12, 24)));
        assert!(!is_public_holiday(d(2024, 12, 24)));
    }

    #[test]
    fn a_deadline_on_a_day_off_moves_to_the_next_working_day() {
        // Saturday 31.10.2026 stays; Sunday 1.11.2026 (also a holiday) →
        // Monday 2.11; Christmas Eve Thursday 24.12.2026 → 25, 26 (Sat is a
        // holiday), 27 Sunday → Monday 28.12.2026.
        assert_eq!(next_working_day(d(2026, 10, 31)), Some(d(2026, 10, 31)));
        assert_eq!(next_working_day(d(2026, 11, 1)), Some(d(2026, 11, 2)));
        assert_eq!(next_working_day(d(2026, 12, 24)), Some(d(2026, 12, 28)));
    }

    #[test]
    fn every_polish_public_holiday_of_2027() {
        // Easter 2027 is 28.03: Easter Monday 29.03, Pentecost (Easter + 49)
        // 16.05, Corpus Christi (Easter + 60) 27.05; Christmas Eve is a
        // holiday from 2025 on.
        let holidays = [
            d(2027, 1, 1),
            d(2027, 1, 6),
            d(2027, 3, 28),
            d(2027, 3, 29),
            d(2027, 5, 1),
            d(2027, 5, 3),
            d(2027, 5, 16),
            d(2027, 5, 27),
            d(2027, 8, 15),
            d(2027, 11, 1),
            d(2027, 11, 11),
            d(2027, 12, 24),
            d(2027, 12, 25),
            d(2027, 12, 26),
        ];
        let mut day = d(2027, 1, 1);
        while day.year() == 2027 {
            assert_eq!(is_public_holiday(day), holidays.contains(&day), "{day}");
            day = day.succ_opt().unwrap();
        }
        assert_eq!(easter_sunday(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter_sunday(2028), Some(d(2028, 4, 16)));
    }

    #[test]
    fn a_deadline_moves_past_saturdays_too_art_115_kc() {
        // Saturday 2.01.2027 → Sunday 3.01 → Monday 4.01.2027.
        assert_eq!(deadline_day(d(2027, 1, 2)), Some(d(2027, 1, 4)));
        // Tuesday 5.01.2027 stays; Wednesday 6.01 (Epiphany) → Thursday 7.01.
        assert_eq!(deadline_day(d(2027, 1, 5)), Some(d(2027, 1, 5)));
        assert_eq!(deadline_day(d(2027, 1, 6)), Some(d(2027, 1, 7)));
        // Thursday 24.12.2026 → 25, 26 (holidays), 27 Sunday → Monday 28.12.
        assert_eq!(deadline_day(d(2026, 12, 24)), Some(d(2026, 12, 28)));
        // Saturday 1.05.2027 (holiday), Sunday 2.05, Monday 3.05 (holiday) →
        // Tuesday 4.05.2027.
        assert_eq!(deadline_day(d(2027, 5, 1)), Some(d(2027, 5, 4)));
    }
}
