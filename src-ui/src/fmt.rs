//! Polish formats for the screen, from the domain's formatting rules.

use rust_decimal::Decimal;

pub fn pln(amount: Decimal) -> String {
    domain::format::format_pln(domain::Money::new(amount))
}

pub fn date(d: chrono::NaiveDate) -> String {
    domain::format::format_date(d)
}

pub fn datetime(d: chrono::NaiveDateTime) -> String {
    domain::format::format_datetime(d)
}
