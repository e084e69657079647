//! Polish formats for screen and documents.
//!
//! Every amount, date and phone number the advisor sees or prints goes
//! through these functions, so the app, the UI and generated letters all
//! write them the same way.

use crate::model::PhoneKind;
use crate::money::Money;
use crate::validate::phone_kind;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

/// Amounts in Polish words for documents ("sto pięćdziesiąt złotych 00/100").
pub use crate::words::amount_in_words;

/// Formats an amount the Polish way: "1 234,56". Thousands are separated by
/// a plain ASCII space (so that the text survives every font, terminal and
/// PDF generator), the decimal separator is a comma, and there are always two
/// decimal places; negatives read "-1 234,56".
pub fn format_amount(m: Money) -> String {
    // `Money::ZERO` and `Money::default()` carry scale 0, so the scale is
    // fixed here rather than trusted.
    let mut d = m.amount();
    d.rescale(2);
    let mantissa = d.mantissa();
    let abs = mantissa.unsigned_abs();
    let whole = (abs / 100).to_string();
    // Groups of three counted from the right; the digits are ASCII, so the
    // byte chunks are valid strings.
    let groups: Vec<&str> = whole
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|g| std::str::from_utf8(g).unwrap_or_default())
        .collect();
    let sign = if mantissa < 0 { "-" } else { "" };
    format!("{sign}{},{:02}", groups.join(" "), abs % 100)
}

/// Formats an amount with the currency, as on letters and the case screen:
/// "1 234,56 zł".
pub fn format_pln(m: Money) -> String {
    format!("{} zł", format_amount(m))
}

/// Formats a date the Polish way, day first with leading zeros: "05.03.2026".
pub fn format_date(d: NaiveDate) -> String {
    format!("{:02}.{:02}.{:04}", d.day(), d.month(), d.year())
}

/// A date as people type it on a Polish screen: "05.03.2026" (also
/// "5.3.2026", with "-" or "/" between), or ISO "2026-03-05"; `None` for
/// anything else or a day that does not exist ("31.02.2026").
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let t = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Some(d);
    }
    let parts: Vec<&str> = t.split(['.', '-', '/']).collect();
    let [d, m, y] = parts.as_slice() else {
        return None;
    };
    if y.len() != 4 || d.is_empty() || d.len() > 2 || m.is_empty() || m.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Formats a date and time to the minute, in the 24-hour clock:
/// "05.03.2026 14:07". Seconds are left out because no appointment or
/// timeline entry needs them.
pub fn format_datetime(dt: NaiveDateTime) -> String {
    format!(
        "{} {:02}:{:02}",
        format_date(dt.date()),
        dt.hour(),
        dt.minute()
    )
}

/// Formats a normalized Polish phone number for reading aloud and dialling
/// by hand: mobiles in groups of three ("+48 600 123 456"), landlines as area
/// code and the rest ("+48 42 636 12 34"), the way Polish directories print
/// them. Anything that is not "+48" and nine digits is returned unchanged,
/// so that a number stored before validation existed is still shown.
pub fn format_phone(e164: &str) -> String {
    let Some(national) = e164.strip_prefix("+48") else {
        return e164.to_string();
    };
    if national.len() != 9 || !national.bytes().all(|b| b.is_ascii_digit()) {
        return e164.to_string();
    }
    let n = national;
    match phone_kind(e164) {
        PhoneKind::Mobile => format!("+48 {} {} {}", &n[..3], &n[3..6], &n[6..]),
        PhoneKind::Landline => {
            format!("+48 {} {} {} {}", &n[..2], &n[2..5], &n[5..7], &n[7..])
        }
    }
}

/// A PESEL as lists show it (issue #14, point 8: data shown is data
/// needed): its last four digits, the rest as dots ("•••••••3489"); the
/// whole number only in the case file. Anything not 11 characters long is
/// masked whole.
pub fn mask_pesel(pesel: &str) -> String {
    let p = pesel.trim();
    if p.chars().count() != 11 {
        return "•".repeat(p.chars().count().min(11));
    }
    let tail: String = p.chars().skip(7).collect();
    format!("•••••••{tail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn amounts() {
        let cases = [
            (Money::ZERO, "0,00"),
            (Money::default(), "0,00"),
            (Money::new(dec!(0)), "0,00"),
            (Money::new(dec!(0.05)), "0,05"),
            (Money::new(dec!(-0.05)), "-0,05"),
            (Money::new(dec!(7)), "7,00"),
            (Money::new(dec!(999.99)), "999,99"),
            (Money::new(dec!(1000)), "1 000,00"),
            (Money::new(dec!(1234.56)), "1 234,56"),
            (Money::new(dec!(12345.6)), "12 345,60"),
            (Money::new(dec!(123456)), "123 456,00"),
            (Money::new(dec!(1234567.89)), "1 234 567,89"),
            (Money::new(dec!(-1234.5)), "-1 234,50"),
            (Money::new(dec!(-999)), "-999,00"),
            (Money::new(dec!(-1000000)), "-1 000 000,00"),
        ];
        for (m, expected) in cases {
            assert_eq!(format_amount(m), expected, "{m:?}");
        }
    }

    #[test]
    fn pln() {
        assert_eq!(format_pln(Money::new(dec!(1234.56))), "1 234,56 zł");
        assert_eq!(format_pln(Money::ZERO), "0,00 zł");
        assert_eq!(format_pln(Money::new(dec!(-1234.5))), "-1 234,50 zł");
    }

    #[test]
    fn formatted_amounts_parse_back() {
        for grosze in [0, 5, 99_999, 100_000, 123_456, 123_456_789] {
            let m = Money::from_grosze(grosze);
            assert_eq!(
                crate::validate::parse_amount(&format_pln(m)),
                Ok(m),
                "{grosze}"
            );
        }
    }

    #[test]
    fn dates() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let cases = [
            (d(2026, 3, 5), "05.03.2026"),
            (d(2026, 12, 31), "31.12.2026"),
            (d(1944, 5, 14), "14.05.1944"),
            (d(2000, 1, 1), "01.01.2000"),
        ];
        for (date, expected) in cases {
            assert_eq!(format_date(date), expected);
        }
    }

    #[test]
    fn datetimes() {
        let dt = |y, mo, d, h, mi, s| {
            NaiveDate::from_ymd_opt(y, mo, d)
                .unwrap()
                .and_hms_opt(h, mi, s)
                .unwrap()
        };
        let cases = [
            (dt(2026, 3, 5, 14, 7, 0), "05.03.2026 14:07"),
            (dt(2026, 3, 5, 14, 7, 59), "05.03.2026 14:07"),
            (dt(2026, 1, 9, 0, 0, 0), "09.01.2026 00:00"),
            (dt(2025, 11, 30, 9, 5, 0), "30.11.2025 09:05"),
            (dt(2025, 12, 31, 23, 59, 0), "31.12.2025 23:59"),
        ];
        for (value, expected) in cases {
            assert_eq!(format_datetime(value), expected);
        }
    }

    #[test]
    fn phones() {
        let cases = [
            ("+48600123456", "+48 600 123 456"),
            ("+48881234567", "+48 881 234 567"),
            ("+48451234567", "+48 451 234 567"),
            ("+48426361234", "+48 42 636 12 34"),
            ("+48221234567", "+48 22 123 45 67"),
            // Not "+48" and nine digits: shown as stored.
            ("+4860012345", "+4860012345"),
            ("+486001234567", "+486001234567"),
            ("+4930123456", "+4930123456"),
            ("600123456", "600123456"),
            ("+48 600 123 456", "+48 600 123 456"),
            ("+48600a23456", "+48600a23456"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(format_phone(input), expected, "{input:?}");
        }
    }

    #[test]
    fn dates_typed_the_polish_way() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        assert_eq!(parse_date("05.03.2026"), d(2026, 3, 5));
        assert_eq!(parse_date(" 5.3.2026 "), d(2026, 3, 5));
        assert_eq!(parse_date("05-03-2026"), d(2026, 3, 5));
        assert_eq!(parse_date("05/03/2026"), d(2026, 3, 5));
        assert_eq!(parse_date("2026-03-05"), d(2026, 3, 5));
        assert_eq!(parse_date("31.02.2026"), None);
        assert_eq!(parse_date("05.03.26"), None);
        assert_eq!(
            parse_date("12/01/2026"),
            d(2026, 1, 12),
            "day first, never the US order"
        );
        assert_eq!(parse_date("jutro"), None);
        assert_eq!(parse_date(""), None);
        let x = d(2026, 12, 1).unwrap();
        assert_eq!(parse_date(&format_date(x)), Some(x));
    }

    #[test]
    fn a_pesel_in_a_list_shows_its_last_four_digits() {
        assert_eq!(mask_pesel("85071523489"), "•••••••3489");
        assert_eq!(mask_pesel(" 85071523489 "), "•••••••3489");
        assert_eq!(mask_pesel("123"), "•••");
        assert_eq!(mask_pesel(""), "");
    }
}
