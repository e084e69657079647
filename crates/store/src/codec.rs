//! Conversions between domain values and their column representation.

use crate::StoreError;
use chrono::{NaiveDate, NaiveDateTime};
use domain::Money;
use uuid::Uuid;

pub(crate) const DATE: &str = "%Y-%m-%d";
pub(crate) const DATETIME: &str = "%Y-%m-%dT%H:%M:%S";

pub(crate) fn date(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

pub(crate) fn datetime(d: NaiveDateTime) -> String {
    d.format(DATETIME).to_string()
}

pub(crate) fn parse_date(column: &'static str, s: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(s, DATE).map_err(|_| StoreError::Corrupt {
        column,
        value: s.to_owned(),
    })
}

pub(crate) fn parse_datetime(column: &'static str, s: &str) -> Result<NaiveDateTime, StoreError> {
    NaiveDateTime::parse_from_str(s, DATETIME).map_err(|_| StoreError::Corrupt {
        column,
        value: s.to_owned(),
    })
}

pub(crate) fn parse_uuid(column: &'static str, s: &str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|_| StoreError::Corrupt {
        column,
        value: s.to_owned(),
    })
}

pub(crate) fn money(grosze: i64) -> Money {
    Money::from_grosze(grosze)
}

pub(crate) fn code<T>(
    column: &'static str,
    s: &str,
    from: impl Fn(&str) -> Option<T>,
) -> Result<T, StoreError> {
    from(s).ok_or_else(|| StoreError::Corrupt {
        column,
        value: s.to_owned(),
    })
}
