//! Validation of Polish identifiers and contact data.
//!
//! Every function here takes what the advisor typed (or what an import file
//! holds) and either returns the one canonical form the rest of the app
//! stores, or a [`ValidationError`] that says precisely what is wrong. The UI
//! shows the error through its stable [`ValidationError::code`] or the short
//! messages in Polish and English, so the advisor can fix the field on the
//! spot instead of guessing.

use crate::model::PhoneKind;
use crate::money::Money;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The sex encoded in a PESEL number (the parity of its tenth digit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// An even tenth digit.
    Female,
    /// An odd tenth digit.
    Male,
}

/// A PESEL number that passed every check, with the facts it encodes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pesel {
    /// The 11 digits, without surrounding whitespace.
    pub digits: String,
    /// The birth date encoded in the first six digits and the century code.
    pub birth_date: NaiveDate,
    /// The sex encoded in the tenth digit.
    pub sex: Sex,
}

/// What is wrong with a value the user typed. There is one variant per
/// distinct problem so that the UI can tell the advisor exactly what to fix.
///
/// The `Display` text is the English message in lowercase without a trailing
/// period, for logs; the UI uses [`ValidationError::code`] or
/// [`ValidationError::message_pl`] instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValidationError {
    /// The PESEL field is empty.
    #[error("enter a PESEL number")]
    PeselEmpty,
    /// The PESEL contains something other than digits.
    #[error("a PESEL number may contain digits only")]
    PeselNotDigits,
    /// The PESEL does not have exactly 11 digits.
    #[error("a PESEL number has 11 digits")]
    PeselLength,
    /// The PESEL check digit (the 11th) does not match the other ten.
    #[error("the PESEL check digit is wrong")]
    PeselChecksum,
    /// The PESEL encodes no real date (a month code out of range, or a day
    /// such as 30 February).
    #[error("the PESEL encodes an impossible birth date")]
    PeselBirthDate,
    /// The account number field is empty.
    #[error("enter an account number")]
    IbanEmpty,
    /// The IBAN belongs to another country than Poland.
    #[error("only Polish account numbers (PL) are accepted")]
    IbanCountry,
    /// The account number contains letters or symbols after the country code.
    #[error("an account number may contain digits only after the country code")]
    IbanChars,
    /// The account number does not have 26 digits.
    #[error("a Polish account number has 26 digits")]
    IbanLength,
    /// The IBAN check digits do not match the rest of the number.
    #[error("the account number check digits are wrong")]
    IbanChecksum,
    /// The phone field is empty.
    #[error("enter a phone number")]
    PhoneEmpty,
    /// The phone number contains letters or symbols other than spaces,
    /// hyphens, parentheses and a leading plus.
    #[error(
        "a phone number may contain digits, spaces, hyphens, parentheses and a leading plus only"
    )]
    PhoneChars,
    /// The national part of the phone number does not have 9 digits.
    #[error("a Polish phone number has 9 digits")]
    PhoneLength,
    /// The national part of the phone number starts with 0.
    #[error("a Polish phone number does not start with 0")]
    PhoneLeadingZero,
    /// The phone number has another country code than +48.
    #[error("only Polish phone numbers (+48) are accepted")]
    PhoneCountry,
    /// The postal code field is empty.
    #[error("enter a postal code")]
    PostalCodeEmpty,
    /// The postal code is not of the form 00-000.
    #[error("a postal code has the form 00-000")]
    PostalCodeFormat,
    /// The e-mail field is empty.
    #[error("enter an e-mail address")]
    EmailEmpty,
    /// The e-mail address is malformed.
    #[error("the e-mail address is not valid")]
    EmailFormat,
    /// The amount field is empty.
    #[error("enter an amount")]
    AmountEmpty,
    /// The amount is not a number with at most two decimal places.
    #[error("an amount is a number with at most two decimal places, e.g. 1 234,56")]
    AmountFormat,
    /// The amount is below zero.
    #[error("the amount must not be negative")]
    AmountNegative,
}

impl ValidationError {
    /// A stable snake_case code for the problem. The UI translates codes into
    /// messages and tests compare codes, so a code never changes once shipped.
    pub fn code(&self) -> &'static str {
        match self {
            Self::PeselEmpty => "pesel_empty",
            Self::PeselNotDigits => "pesel_not_digits",
            Self::PeselLength => "pesel_length",
            Self::PeselChecksum => "pesel_checksum",
            Self::PeselBirthDate => "pesel_birth_date",
            Self::IbanEmpty => "iban_empty",
            Self::IbanCountry => "iban_country",
            Self::IbanChars => "iban_chars",
            Self::IbanLength => "iban_length",
            Self::IbanChecksum => "iban_checksum",
            Self::PhoneEmpty => "phone_empty",
            Self::PhoneChars => "phone_chars",
            Self::PhoneLength => "phone_length",
            Self::PhoneLeadingZero => "phone_leading_zero",
            Self::PhoneCountry => "phone_country",
            Self::PostalCodeEmpty => "postal_code_empty",
            Self::PostalCodeFormat => "postal_code_format",
            Self::EmailEmpty => "email_empty",
            Self::EmailFormat => "email_format",
            Self::AmountEmpty => "amount_empty",
            Self::AmountFormat => "amount_format",
            Self::AmountNegative => "amount_negative",
        }
    }

    /// A short message in Polish for the advisor, shown under the field.
    pub fn message_pl(&self) -> &'static str {
        match self {
            Self::PeselEmpty => "Podaj numer PESEL",
            Self::PeselNotDigits => "Numer PESEL może zawierać tylko cyfry",
            Self::PeselLength => "Numer PESEL ma 11 cyfr",
            Self::PeselChecksum => "Nieprawidłowa cyfra kontrolna numeru PESEL",
            Self::PeselBirthDate => "Numer PESEL zawiera nieistniejącą datę urodzenia",
            Self::IbanEmpty => "Podaj numer rachunku",
            Self::IbanCountry => "Akceptowane są tylko polskie numery rachunków (PL)",
            Self::IbanChars => "Numer rachunku może zawierać tylko cyfry po kodzie kraju",
            Self::IbanLength => "Polski numer rachunku ma 26 cyfr",
            Self::IbanChecksum => "Nieprawidłowe cyfry kontrolne numeru rachunku",
            Self::PhoneEmpty => "Podaj numer telefonu",
            Self::PhoneChars => {
                "Numer telefonu może zawierać tylko cyfry, spacje, myślniki, nawiasy i plus na początku"
            }
            Self::PhoneLength => "Polski numer telefonu ma 9 cyfr",
            Self::PhoneLeadingZero => "Polski numer telefonu nie zaczyna się od 0",
            Self::PhoneCountry => "Akceptowane są tylko polskie numery telefonów (+48)",
            Self::PostalCodeEmpty => "Podaj kod pocztowy",
            Self::PostalCodeFormat => "Kod pocztowy ma postać 00-000",
            Self::EmailEmpty => "Podaj adres e-mail",
            Self::EmailFormat => "Nieprawidłowy adres e-mail",
            Self::AmountEmpty => "Podaj kwotę",
            Self::AmountFormat => "Kwota to liczba z najwyżej dwoma miejscami po przecinku, np. 1 234,56",
            Self::AmountNegative => "Kwota nie może być ujemna",
        }
    }

    /// A short message in English for the advisor; the same text as
    /// `Display`, so logs and screens never disagree.
    pub fn message_en(&self) -> &'static str {
        match self {
            Self::PeselEmpty => "enter a PESEL number",
            Self::PeselNotDigits => "a PESEL number may contain digits only",
            Self::PeselLength => "a PESEL number has 11 digits",
            Self::PeselChecksum => "the PESEL check digit is wrong",
            Self::PeselBirthDate => "the PESEL encodes an impossible birth date",
            Self::IbanEmpty => "enter an account number",
            Self::IbanCountry => "only Polish account numbers (PL) are accepted",
            Self::IbanChars => "an account number may contain digits only after the country code",
            Self::IbanLength => "a Polish account number has 26 digits",
            Self::IbanChecksum => "the account number check digits are wrong",
            Self::PhoneEmpty => "enter a phone number",
            Self::PhoneChars => {
                "a phone number may contain digits, spaces, hyphens, parentheses and a leading plus only"
            }
            Self::PhoneLength => "a Polish phone number has 9 digits",
            Self::PhoneLeadingZero => "a Polish phone number does not start with 0",
            Self::PhoneCountry => "only Polish phone numbers (+48) are accepted",
            Self::PostalCodeEmpty => "enter a postal code",
            Self::PostalCodeFormat => "a postal code has the form 00-000",
            Self::EmailEmpty => "enter an e-mail address",
            Self::EmailFormat => "the e-mail address is not valid",
            Self::AmountEmpty => "enter an amount",
            Self::AmountFormat => "an amount is a number with at most two decimal places, e.g. 1 234,56",
            Self::AmountNegative => "the amount must not be negative",
        }
    }
}

/// Whitespace a user may type or paste between groups of digits. Polish
/// office software and banks often use a non-breaking or narrow non-breaking
/// space as the thousands separator, so those count as spaces too.
fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{00A0}' | '\u{2007}' | '\u{202F}')
}

/// The weights of the first ten PESEL digits in its check digit.
const PESEL_WEIGHTS: [u32; 10] = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];

/// The check digit for the first ten digits of a PESEL.
fn pesel_check_digit(first_ten: &[u32]) -> u32 {
    let sum: u32 = first_ten
        .iter()
        .zip(PESEL_WEIGHTS)
        .map(|(d, w)| d * w)
        .sum();
    (10 - sum % 10) % 10
}

/// Parses and checks a PESEL number.
///
/// Surrounding whitespace is ignored. The checks run in the order a person
/// would fix them: only digits, then exactly 11 of them, then the check
/// digit (which catches most typos), and last the birth date, which must be
/// a real day in a century the month code can express (1800–2299).
pub fn parse_pesel(input: &str) -> Result<Pesel, ValidationError> {
    let s = input.trim_matches(is_space);
    if s.is_empty() {
        return Err(ValidationError::PeselEmpty);
    }
    if !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValidationError::PeselNotDigits);
    }
    if s.len() != 11 {
        return Err(ValidationError::PeselLength);
    }
    let d: Vec<u32> = s.bytes().map(|b| u32::from(b - b'0')).collect();
    if pesel_check_digit(&d[..10]) != d[10] {
        return Err(ValidationError::PeselChecksum);
    }
    let yy = d[0] * 10 + d[1];
    let month_code = d[2] * 10 + d[3];
    let day = d[4] * 10 + d[5];
    // The month code carries the century in steps of 20; 1800s come last
    // (80) because the scheme was designed in the 1970s for the 1900s (0).
    let (century, month) = match month_code {
        1..=12 => (1900, month_code),
        21..=32 => (2000, month_code - 20),
        41..=52 => (2100, month_code - 40),
        61..=72 => (2200, month_code - 60),
        81..=92 => (1800, month_code - 80),
        _ => return Err(ValidationError::PeselBirthDate),
    };
    let year = century + yy as i32;
    let birth_date =
        NaiveDate::from_ymd_opt(year, month, day).ok_or(ValidationError::PeselBirthDate)?;
    let sex = if d[9] % 2 == 1 {
        Sex::Male
    } else {
        Sex::Female
    };
    Ok(Pesel {
        digits: s.to_string(),
        birth_date,
        sex,
    })
}

/// Builds a valid PESEL for a birth date, a serial number and a sex. The demo
/// data generator uses it so that every generated debtor passes
/// [`parse_pesel`] and shows a plausible birth date.
///
/// Digits 7–9 are `serial % 1000`; the tenth digit is `serial % 5 * 2`, plus
/// one for a man, so that it varies with the serial yet keeps the parity the
/// sex requires; the eleventh is the check digit.
///
/// # Panics
///
/// Panics when `birth_date` lies outside 1800-01-01..=2299-12-31, because the
/// PESEL month code cannot express other centuries; passing such a date is a
/// bug in the caller.
pub fn pesel_from_parts(birth_date: NaiveDate, serial: u16, sex: Sex) -> String {
    let year = birth_date.year();
    let month_offset = match year {
        1800..=1899 => 80,
        1900..=1999 => 0,
        2000..=2099 => 20,
        2100..=2199 => 40,
        2200..=2299 => 60,
        _ => panic!("a PESEL cannot encode the birth year {year}"),
    };
    let serial = u32::from(serial % 1000);
    let sex_digit = serial % 5 * 2 + u32::from(sex == Sex::Male);
    let first_ten = format!(
        "{:02}{:02}{:02}{:03}{}",
        year % 100,
        birth_date.month() + month_offset,
        birth_date.day(),
        serial,
        sex_digit
    );
    let digits: Vec<u32> = first_ten.bytes().map(|b| u32::from(b - b'0')).collect();
    format!("{first_ten}{}", pesel_check_digit(&digits))
}

/// The ISO 13616 remainder of a string of digits and uppercase letters, with
/// letters counted as 10..=35. It runs digit by digit on a `u32` so that no
/// bignum is needed however long the number is.
fn iban_mod97(chars: impl Iterator<Item = char>) -> u32 {
    chars.fold(0u32, |acc, c| match c.to_digit(36) {
        Some(v) if v >= 10 => (acc * 100 + v) % 97,
        Some(v) => (acc * 10 + v) % 97,
        None => acc,
    })
}

/// Normalizes a Polish bank account number to its IBAN form "PL" + 26 digits.
///
/// Accepts spaces, lowercase letters and an optional "PL" prefix; 26 digits
/// alone are a Polish NRB, which is the same number without the country code.
/// The check digits must satisfy ISO 13616 (mod 97 equals 1) and lie in
/// 02..=98, because 00, 01 and 99 are never issued and would let a wrong
/// number pass under an alias.
pub fn normalize_iban_pl(input: &str) -> Result<String, ValidationError> {
    let compact: String = input
        .chars()
        .filter(|&c| !is_space(c))
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if compact.is_empty() {
        return Err(ValidationError::IbanEmpty);
    }
    let mut chars = compact.chars();
    let starts_with_country = matches!(
        (chars.next(), chars.next()),
        (Some(a), Some(b)) if a.is_ascii_alphabetic() && b.is_ascii_alphabetic()
    );
    let digits = if starts_with_country {
        if !compact.starts_with("PL") {
            return Err(ValidationError::IbanCountry);
        }
        &compact[2..]
    } else {
        compact.as_str()
    };
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(ValidationError::IbanChars);
    }
    if digits.len() != 26 {
        return Err(ValidationError::IbanLength);
    }
    let (check, bban) = digits.split_at(2);
    let rearranged = bban.chars().chain("PL".chars()).chain(check.chars());
    let check_value: u32 = check.parse().unwrap_or(0);
    if !(2..=98).contains(&check_value) || iban_mod97(rearranged) != 1 {
        return Err(ValidationError::IbanChecksum);
    }
    Ok(format!("PL{digits}"))
}

/// Formats an IBAN in groups of four for screens and letters, e.g.
/// "PL61 1090 1014 0000 0712 1981 2874". Whitespace in the input is dropped
/// first, so formatting an already formatted number changes nothing.
pub fn format_iban(normalized: &str) -> String {
    let compact: Vec<char> = normalized.chars().filter(|&c| !is_space(c)).collect();
    compact
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The prefixes of the national number that Polish operators use for mobile
/// phones.
const MOBILE_PREFIXES: [&str; 13] = [
    "45", "50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88",
];

/// Splits the Polish country code off the digits of a phone number, if the
/// number carries one. `explicit_plus` tells whether the user wrote a "+".
fn national_part(digits: &str, explicit_plus: bool) -> Result<&str, ValidationError> {
    let international = if explicit_plus {
        Some(digits)
    } else {
        digits.strip_prefix("00")
    };
    match international {
        Some(rest) => match rest.strip_prefix("48") {
            Some(national) => Ok(national),
            // "+", "+4" or "004" are unfinished rather than foreign.
            None if "48".starts_with(rest) => Err(ValidationError::PhoneLength),
            None => Err(ValidationError::PhoneCountry),
        },
        // Eleven digits starting with 48 are a Polish number with its country
        // code but without the plus. Nine digits starting with 48 are a
        // national number (48 is the Radom area code), so they stay as typed.
        None if digits.len() == 11 => Ok(digits.strip_prefix("48").unwrap_or(digits)),
        None => Ok(digits),
    }
}

/// Normalizes a Polish phone number to E.164, e.g. "+48600123456".
///
/// Accepts the spellings people use: "600123456", "600 123 456",
/// "600-123-456", "+48 600 123 456", "0048600123456", "48600123456" and
/// landlines like "(42) 636 12 34". The national number must have 9 digits
/// and must not start with 0 (Poland dropped the trunk zero in 2005). Numbers
/// with another country code are refused, because the app can only call and
/// text Polish numbers.
pub fn normalize_phone(input: &str) -> Result<String, ValidationError> {
    let s = input.trim_matches(is_space);
    if s.is_empty() {
        return Err(ValidationError::PhoneEmpty);
    }
    let (explicit_plus, rest) = match s.strip_prefix('+') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let allowed =
        |c: char| c.is_ascii_digit() || is_space(c) || matches!(c, '-' | '(' | ')' | '.' | '/');
    if !rest.chars().all(allowed) {
        return Err(ValidationError::PhoneChars);
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let national = national_part(&digits, explicit_plus)?;
    if national.starts_with('0') {
        return Err(ValidationError::PhoneLeadingZero);
    }
    if national.len() != 9 {
        return Err(ValidationError::PhoneLength);
    }
    Ok(format!("+48{national}"))
}

/// Tells a mobile number from a landline by its national prefix, so that the
/// app offers SMS only where it can arrive. The number is normalized first;
/// anything that is not a valid Polish number counts as a landline, the kind
/// for which the app promises less.
pub fn phone_kind(e164: &str) -> PhoneKind {
    match normalize_phone(e164) {
        Ok(n) if MOBILE_PREFIXES.iter().any(|p| n[3..].starts_with(p)) => PhoneKind::Mobile,
        _ => PhoneKind::Landline,
    }
}

/// Normalizes a Polish postal code to "00-950". Five digits without the
/// hyphen ("00950") are accepted too, because that is how many import files
/// and hurried advisors write them.
pub fn normalize_postal_code(input: &str) -> Result<String, ValidationError> {
    let s = input.trim_matches(is_space);
    if s.is_empty() {
        return Err(ValidationError::PostalCodeEmpty);
    }
    let b = s.as_bytes();
    let all_digits = |bytes: &[u8]| bytes.iter().all(u8::is_ascii_digit);
    match b.len() {
        6 if b[2] == b'-' && all_digits(&b[..2]) && all_digits(&b[3..]) => Ok(s.to_string()),
        5 if all_digits(b) => Ok(format!("{}-{}", &s[..2], &s[2..])),
        _ => Err(ValidationError::PostalCodeFormat),
    }
}

/// Whether `label` is a valid DNS label: letters, digits and hyphens, not
/// starting or ending with a hyphen, at most 63 characters.
fn is_domain_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// Checks an e-mail address pragmatically and returns it with the domain in
/// lowercase.
///
/// The full RFC 5322 grammar accepts addresses no mail provider hands out,
/// so this checks what catches real typos instead: exactly one "@"; a
/// non-empty local part without whitespace and without leading, trailing or
/// doubled dots; a domain of at least two dot-separated labels of
/// `[A-Za-z0-9-]` that do not start or end with "-"; and a top-level domain
/// of at least two letters. The local part keeps its case, because some
/// servers treat it as case-sensitive.
pub fn normalize_email(input: &str) -> Result<String, ValidationError> {
    let s = input.trim_matches(is_space);
    if s.is_empty() {
        return Err(ValidationError::EmailEmpty);
    }
    let (local, domain) = s.split_once('@').ok_or(ValidationError::EmailFormat)?;
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '@')
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(|l| is_domain_label(l))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    if !local_ok || !domain_ok {
        return Err(ValidationError::EmailFormat);
    }
    Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
}

/// Currency suffixes a user may type after an amount, in lowercase.
const CURRENCY_SUFFIXES: [&str; 3] = ["zł", "zl", "pln"];

/// Whether the integer part of an amount is digits, optionally grouped by
/// spaces into thousands ("1 234 567"). Stray spaces such as "12 34" are
/// refused, because they usually mean a digit is missing.
fn is_grouped_integer(int_part: &str) -> bool {
    let groups: Vec<&str> = int_part.split(is_space).collect();
    let digits_only = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    if !groups.iter().all(|g| digits_only(g)) {
        return false;
    }
    groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3))
}

/// Parses an amount of money as Polish users type it: "1 234,56",
/// "1234,5", "1234.56", "1 234,56 zł", "1234 zł", with ordinary or
/// non-breaking spaces between thousands.
///
/// Either a comma or a dot is the decimal separator, but not both, because
/// "1.234,56" and "1,234.56" cannot be told apart safely. At most two decimal
/// places are accepted, since an amount with more ("1 234,567") is a typo,
/// not something to round silently. Negative amounts are refused: a payment
/// or a promise is never below zero.
pub fn parse_amount(input: &str) -> Result<Money, ValidationError> {
    let mut s = input.trim_matches(is_space);
    if s.is_empty() {
        return Err(ValidationError::AmountEmpty);
    }
    let lower = s.to_lowercase();
    if let Some(suffix) = CURRENCY_SUFFIXES.iter().find(|suf| lower.ends_with(*suf)) {
        // Lowercasing "zł"/"ZŁ" and "PLN" keeps byte lengths, so the suffix
        // can be cut from the original string.
        s = s[..s.len() - suffix.len()].trim_matches(is_space);
    }
    let (negative, unsigned) = match s.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start_matches(is_space)),
        None => (false, s),
    };
    let separators = unsigned.matches([',', '.']).count();
    let (int_part, frac_part) = match separators {
        0 => (unsigned, ""),
        1 => unsigned
            .split_once([',', '.'])
            .ok_or(ValidationError::AmountFormat)?,
        _ => return Err(ValidationError::AmountFormat),
    };
    let frac_ok = frac_part.len() <= 2 && frac_part.chars().all(|c| c.is_ascii_digit());
    let has_fraction = separators == 1;
    if !is_grouped_integer(int_part) || !frac_ok || (has_fraction && frac_part.is_empty()) {
        return Err(ValidationError::AmountFormat);
    }
    let int_digits: String = int_part.chars().filter(char::is_ascii_digit).collect();
    let grosze = format!("{int_digits}{frac_part:0<2}");
    // Parsing whole grosze into an i64 keeps the amount exact and turns an
    // absurdly long input into a format error instead of a silent rounding.
    let grosze: i64 = grosze.parse().map_err(|_| ValidationError::AmountFormat)?;
    if negative && grosze != 0 {
        return Err(ValidationError::AmountNegative);
    }
    Ok(Money::new(Decimal::new(grosze, 2)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every variant, so that the tests below cover codes and messages of
    /// all of them. The match makes the compiler complain when a variant is
    /// added but not listed here.
    fn all_errors() -> Vec<ValidationError> {
        use ValidationError::*;
        let all = vec![
            PeselEmpty,
            PeselNotDigits,
            PeselLength,
            PeselChecksum,
            PeselBirthDate,
            IbanEmpty,
            IbanCountry,
            IbanChars,
            IbanLength,
            IbanChecksum,
            PhoneEmpty,
            PhoneChars,
            PhoneLength,
            PhoneLeadingZero,
            PhoneCountry,
            PostalCodeEmpty,
            PostalCodeFormat,
            EmailEmpty,
            EmailFormat,
            AmountEmpty,
            AmountFormat,
            AmountNegative,
        ];
        for e in &all {
            match e {
                PeselEmpty | PeselNotDigits | PeselLength | PeselChecksum | PeselBirthDate
                | IbanEmpty | IbanCountry | IbanChars | IbanLength | IbanChecksum | PhoneEmpty
                | PhoneChars | PhoneLength | PhoneLeadingZero | PhoneCountry | PostalCodeEmpty
                | PostalCodeFormat | EmailEmpty | EmailFormat | AmountEmpty | AmountFormat
                | AmountNegative => {}
            }
        }
        all
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Either the normalized value or the error code, so one table can hold
    /// both good and bad inputs.
    fn outcome<T: ToString>(r: Result<T, ValidationError>) -> String {
        match r {
            Ok(v) => v.to_string(),
            Err(e) => e.code().to_string(),
        }
    }

    #[test]
    fn error_codes_are_unique_snake_case_and_messages_are_set() {
        let all = all_errors();
        let mut codes: Vec<&str> = all.iter().map(|e| e.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len(), "duplicate error codes");
        for e in &all {
            let code = e.code();
            assert!(
                code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{code} is not snake_case"
            );
            assert_eq!(e.to_string(), e.message_en(), "{code}: Display differs");
            let en = e.message_en();
            assert!(!en.ends_with('.'), "{code}: trailing period");
            assert!(
                en.starts_with(|c: char| c.is_lowercase()),
                "{code}: not lowercase"
            );
            let pl = e.message_pl();
            assert!(
                !pl.is_empty() && !pl.ends_with('.'),
                "{code}: bad Polish message"
            );
        }
    }

    #[test]
    fn valid_pesels() {
        // (input, birth date, sex)
        let cases = [
            ("44051401359", date(1944, 5, 14), Sex::Male),
            ("  44051401359\t", date(1944, 5, 14), Sex::Male),
            // Month code 07 is July of the 1900s: born 1902-07-08.
            ("02070803628", date(1902, 7, 8), Sex::Female),
            // Month code 27 is July of the 2000s.
            ("02270803624", date(2002, 7, 8), Sex::Female),
            ("04222901237", date(2004, 2, 29), Sex::Male),
            ("99923104568", date(1899, 12, 31), Sex::Female),
            ("12923112346", date(1812, 12, 31), Sex::Female),
            ("00410100000", date(2100, 1, 1), Sex::Female),
            ("99723199977", date(2299, 12, 31), Sex::Male),
            ("50010100003", date(1950, 1, 1), Sex::Female),
        ];
        for (input, birth_date, sex) in cases {
            let p = parse_pesel(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(p.digits, input.trim(), "{input}");
            assert_eq!(p.birth_date, birth_date, "{input}");
            assert_eq!(p.sex, sex, "{input}");
        }
    }

    #[test]
    fn invalid_pesels() {
        let cases = [
            ("", "pesel_empty"),
            ("   ", "pesel_empty"),
            ("44051401358", "pesel_checksum"),
            ("44051401350", "pesel_checksum"),
            ("54051401359", "pesel_checksum"),
            // Check digits are right, dates are not.
            ("85023001236", "pesel_birth_date"), // 1985-02-30
            ("02222901233", "pesel_birth_date"), // 2002-02-29, not a leap year
            ("50043100003", "pesel_birth_date"), // 31 April
            ("50010000006", "pesel_birth_date"), // day 00
            ("99823104565", "pesel_birth_date"), // 1899-02-31
            ("50130100008", "pesel_birth_date"), // month code 13
            ("50000100002", "pesel_birth_date"), // month code 00
            ("50330100004", "pesel_birth_date"), // month code 33
            ("50930100002", "pesel_birth_date"), // month code 93
            ("4405140135", "pesel_length"),
            ("440514013590", "pesel_length"),
            ("4405140135X", "pesel_not_digits"),
            ("440514 01359", "pesel_not_digits"),
            ("44-05-14-01359", "pesel_not_digits"),
            ("４4051401359", "pesel_not_digits"),
        ];
        for (input, code) in cases {
            assert_eq!(
                outcome(parse_pesel(input).map(|p| p.digits)),
                code,
                "{input:?}"
            );
        }
    }

    #[test]
    fn pesel_from_parts_examples() {
        assert_eq!(
            pesel_from_parts(date(1944, 5, 14), 13, Sex::Male),
            "44051401373"
        );
        let p = parse_pesel(&pesel_from_parts(date(2002, 7, 8), 1999, Sex::Female)).unwrap();
        assert_eq!(&p.digits[6..9], "999", "serial is taken mod 1000");
        assert_eq!((p.birth_date, p.sex), (date(2002, 7, 8), Sex::Female));
    }

    #[test]
    #[should_panic(expected = "cannot encode the birth year 2300")]
    fn pesel_from_parts_refuses_years_it_cannot_encode() {
        pesel_from_parts(date(2300, 1, 1), 1, Sex::Male);
    }

    proptest! {
        #[test]
        fn pesel_from_parts_round_trips(
            days in 0i64..=182_620, // 1800-01-01 ..= 2299-12-31
            serial in 0u16..=999,
            male in any::<bool>(),
        ) {
            let first = date(1800, 1, 1);
            let birth_date = first + chrono::Duration::days(days);
            prop_assume!(birth_date <= date(2299, 12, 31));
            let sex = if male { Sex::Male } else { Sex::Female };
            let digits = pesel_from_parts(birth_date, serial, sex);
            let p = parse_pesel(&digits).unwrap();
            prop_assert_eq!(p.birth_date, birth_date);
            prop_assert_eq!(p.sex, sex);
            prop_assert_eq!(&digits[6..9], format!("{serial:03}"));
        }
    }

    #[test]
    fn the_proptest_range_ends_on_the_last_encodable_day() {
        let last = date(1800, 1, 1) + chrono::Duration::days(182_620);
        assert_eq!(last, date(2299, 12, 31));
    }

    #[test]
    fn ibans() {
        let ok = "PL61109010140000071219812874";
        let cases = [
            ("PL61109010140000071219812874", ok),
            ("PL61 1090 1014 0000 0712 1981 2874", ok),
            ("pl61 1090 1014 0000 0712 1981 2874", ok),
            ("  PL 61 1090 1014 0000 0712 1981 2874  ", ok),
            ("61 1090 1014 0000 0712 1981 2874", ok),
            ("61109010140000071219812874", ok),
            (
                "61\u{a0}1090\u{a0}1014\u{a0}0000\u{a0}0712\u{a0}1981\u{a0}2874",
                ok,
            ),
            ("", "iban_empty"),
            ("PL61 1090 1014 0000 0712 1981 2875", "iban_checksum"),
            ("PL62 1090 1014 0000 0712 1981 2874", "iban_checksum"),
            ("PL61 1090 1014 0000 0712 1918 2874", "iban_checksum"),
            ("DE89 3704 0044 0532 0130 00", "iban_country"),
            ("GB29 NWBK 6016 1331 9268 19", "iban_country"),
            ("PL61 1090 1014 0000 0712 1981 287", "iban_length"),
            ("PL61 1090 1014 0000 0712 1981 28744", "iban_length"),
            ("PL", "iban_length"),
            ("PL61 1090 1014 0000 0712 1981 287A", "iban_chars"),
            ("PL61-1090-1014-0000-0712-1981-2874", "iban_chars"),
        ];
        for (input, expected) in cases {
            assert_eq!(outcome(normalize_iban_pl(input)), expected, "{input:?}");
        }
    }

    #[test]
    fn iban_check_digits_outside_02_to_98_are_refused() {
        // (BBAN, its canonical check digits, the alias that also passes mod 97)
        let cases = [
            ("109010140000071219812874", 61, None),
            ("000000000000000000000054", 98, Some(1)),
            ("000000000000000000000072", 97, Some(0)),
            ("000000000000000000000036", 2, Some(99)),
        ];
        for (bban, canonical, alias) in cases {
            let accepted: Vec<u32> = (0..=99u32)
                .filter(|check| normalize_iban_pl(&format!("PL{check:02}{bban}")).is_ok())
                .collect();
            assert_eq!(accepted, [canonical], "{bban}");
            if let Some(alias) = alias {
                let rearranged = format!("{bban}PL{alias:02}");
                assert_eq!(
                    iban_mod97(rearranged.chars()),
                    1,
                    "{bban}: alias {alias:02}"
                );
            }
        }
    }

    #[test]
    fn formats_iban_in_groups_of_four() {
        assert_eq!(
            format_iban("PL61109010140000071219812874"),
            "PL61 1090 1014 0000 0712 1981 2874"
        );
        assert_eq!(
            format_iban("PL61 1090 1014 0000 0712 1981 2874"),
            "PL61 1090 1014 0000 0712 1981 2874"
        );
        assert_eq!(format_iban(""), "");
    }

    #[test]
    fn phones() {
        let cases = [
            ("600123456", "+48600123456"),
            ("600 123 456", "+48600123456"),
            ("600-123-456", "+48600123456"),
            ("+48 600 123 456", "+48600123456"),
            ("+48600123456", "+48600123456"),
            ("+48 (600) 123-456", "+48600123456"),
            ("0048600123456", "+48600123456"),
            ("0048 600 123 456", "+48600123456"),
            ("48600123456", "+48600123456"),
            ("  600 123 456  ", "+48600123456"),
            ("600\u{a0}123\u{a0}456", "+48600123456"),
            ("(42) 636 12 34", "+48426361234"),
            ("42 636-12-34", "+48426361234"),
            ("+48 42 636 12 34", "+48426361234"),
            ("48 123 45 67", "+48481234567"),
            ("", "phone_empty"),
            ("   ", "phone_empty"),
            ("60012345", "phone_length"),
            ("6001234567", "phone_length"),
            ("+48 600 123 45", "phone_length"),
            ("004860012345678", "phone_length"),
            ("+", "phone_length"),
            ("+4", "phone_length"),
            ("060 012 345", "phone_leading_zero"),
            ("(0-42) 636 12 34", "phone_leading_zero"),
            ("+48 0600 123 45", "phone_leading_zero"),
            ("600 abc 456", "phone_chars"),
            ("600 123 456 wew. 12", "phone_chars"),
            ("+48 +600123456", "phone_chars"),
            ("600#123#456", "phone_chars"),
            ("+49 30 1234567", "phone_country"),
            ("+49 600 123 456", "phone_country"),
            ("0049 30 1234567", "phone_country"),
            ("+1 202 555 0123", "phone_country"),
        ];
        for (input, expected) in cases {
            assert_eq!(outcome(normalize_phone(input)), expected, "{input:?}");
        }
    }

    #[test]
    fn phone_kinds() {
        let cases = [
            ("+48600123456", PhoneKind::Mobile),
            ("+48451234567", PhoneKind::Mobile),
            ("+48501234567", PhoneKind::Mobile),
            ("+48511234567", PhoneKind::Mobile),
            ("+48531234567", PhoneKind::Mobile),
            ("+48571234567", PhoneKind::Mobile),
            ("+48661234567", PhoneKind::Mobile),
            ("+48691234567", PhoneKind::Mobile),
            ("+48721234567", PhoneKind::Mobile),
            ("+48731234567", PhoneKind::Mobile),
            ("+48781234567", PhoneKind::Mobile),
            ("+48791234567", PhoneKind::Mobile),
            ("+48881234567", PhoneKind::Mobile),
            ("600 123 456", PhoneKind::Mobile),
            ("+48426361234", PhoneKind::Landline),
            ("+48221234567", PhoneKind::Landline),
            ("+48581234567", PhoneKind::Landline),
            ("+48801234567", PhoneKind::Landline),
            ("+4930123456", PhoneKind::Landline),
            ("not a number", PhoneKind::Landline),
        ];
        for (input, kind) in cases {
            assert_eq!(phone_kind(input), kind, "{input:?}");
        }
    }

    #[test]
    fn postal_codes() {
        let cases = [
            ("00-950", "00-950"),
            ("90-006", "90-006"),
            (" 00-950 ", "00-950"),
            ("00950", "00-950"),
            ("", "postal_code_empty"),
            ("00-95", "postal_code_format"),
            ("00-9500", "postal_code_format"),
            ("009500", "postal_code_format"),
            ("0-0950", "postal_code_format"),
            ("00 950", "postal_code_format"),
            ("00–950", "postal_code_format"),
            ("AB-123", "postal_code_format"),
            ("00-95O", "postal_code_format"),
        ];
        for (input, expected) in cases {
            assert_eq!(outcome(normalize_postal_code(input)), expected, "{input:?}");
        }
    }

    #[test]
    fn emails() {
        let cases = [
            ("jan.kowalski@example.pl", "jan.kowalski@example.pl"),
            ("  jan.kowalski@example.pl  ", "jan.kowalski@example.pl"),
            ("Jan.Kowalski@Example.PL", "Jan.Kowalski@example.pl"),
            (
                "jan+windykacja@poczta.onet.pl",
                "jan+windykacja@poczta.onet.pl",
            ),
            ("a@b-c.com.pl", "a@b-c.com.pl"),
            ("", "email_empty"),
            ("jan.kowalski", "email_format"),
            ("jan.kowalski@", "email_format"),
            ("@example.pl", "email_format"),
            ("jan@kowalski@example.pl", "email_format"),
            ("jan kowalski@example.pl", "email_format"),
            ("jan@example", "email_format"),
            ("jan@example.p", "email_format"),
            ("jan@example.p1", "email_format"),
            ("jan@-example.pl", "email_format"),
            ("jan@example-.pl", "email_format"),
            ("jan@example..pl", "email_format"),
            ("jan@.example.pl", "email_format"),
            ("jan@example.pl.", "email_format"),
            ("jan@exa_mple.pl", "email_format"),
            ("jan@przykład.pl", "email_format"),
            ("jan..kowalski@example.pl", "email_format"),
            (".jan@example.pl", "email_format"),
        ];
        for (input, expected) in cases {
            assert_eq!(outcome(normalize_email(input)), expected, "{input:?}");
        }
    }

    #[test]
    fn amounts() {
        let cases = [
            ("1 234,56", "1234.56"),
            ("1234,5", "1234.50"),
            ("1234.56", "1234.56"),
            ("1 234,56 zł", "1234.56"),
            ("1234 zł", "1234.00"),
            ("1234zł", "1234.00"),
            ("1234 ZŁ", "1234.00"),
            ("1234 zl", "1234.00"),
            ("1234,00 PLN", "1234.00"),
            ("1\u{a0}234,56", "1234.56"),
            ("1\u{202f}234\u{202f}567,89\u{a0}zł", "1234567.89"),
            ("1 234 567", "1234567.00"),
            ("0", "0.00"),
            ("0,05", "0.05"),
            ("-0", "0.00"),
            ("  12,3  ", "12.30"),
            ("007", "7.00"),
            ("", "amount_empty"),
            ("  ", "amount_empty"),
            ("1 234,567", "amount_format"),
            ("1234.567", "amount_format"),
            ("1.234,56", "amount_format"),
            ("1,234.56", "amount_format"),
            ("12 34", "amount_format"),
            ("1234 5", "amount_format"),
            ("1234,", "amount_format"),
            (",50", "amount_format"),
            ("12a", "amount_format"),
            ("zł", "amount_format"),
            ("-", "amount_format"),
            ("1 234,5 6", "amount_format"),
            ("1e3", "amount_format"),
            ("+100", "amount_format"),
            ("99999999999999999999", "amount_format"),
            ("-1 234,56", "amount_negative"),
            ("-5 zł", "amount_negative"),
            ("\u{2212}0,01", "amount_negative"),
        ];
        for (input, expected) in cases {
            let got = outcome(parse_amount(input).map(|m| m.amount()));
            assert_eq!(got, expected, "{input:?}");
        }
    }
}
