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
}
