//! Text folding for search: what the advisor types and what is indexed are
//! folded the same way, so "Wojcik" finds "Wójcik" and "lodz" finds "Łódź".

/// Lowercase ASCII transliteration ("Łódź" → "lodz", "Wójcik" → "wojcik").
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).to_lowercase()
}

/// The digits of a text, for matching phone numbers however they were typed.
pub fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect()
}

/// One key for a Polish phone number however it was typed: "669-372-500",
/// "+48 669 372 500" and "0048669372500" all give "669372500". The country
/// prefix 48 (with "+" or "00") is dropped when nine digits follow; other
/// numbers keep their digits (a leading "00" is dropped).
pub fn phone_key(text: &str) -> String {
    let d = digits(text);
    let d = d.strip_prefix("00").unwrap_or(&d);
    match d.strip_prefix("48") {
        Some(rest) if rest.len() == 9 => rest.to_owned(),
        _ => d.to_owned(),
    }
}

/// The folded alphanumeric words of a text: "ul. Piotrkowska 12/4" →
/// ["ul", "piotrkowska", "12", "4"].
pub fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A case number without its separators: "WRO/2024/00123" → "wro202400123".
pub fn number_key(number: &str) -> String {
    words(number).concat()
}

/// The prefixes a search looks for, however the query was typed; a case
/// matches when every prefix begins one of its indexed words. One rule for
/// the advisor's list on the device and the office's portfolio search.
///
/// - Digits with phone punctuation ("669-372-500", "600 123 456",
///   "+48 669 372 500", "0048669372500") are one number: with "+" or "00"
///   in front its phone key, else its digits (a phone's start, a PESEL).
///   Eleven digits with a PESEL's check digit stay a PESEL even when they
///   start with "00" (born 2000–2009), unless a "+" says phone.
/// - A text with "/" is a case number ("PT/2024/00"): one prefix of its key,
///   never its parts, which nearly every case shares ("2024").
/// - Anything else: its words.
pub fn query_prefixes(query: &str) -> Vec<String> {
    let q = query.trim();
    let phone_like = q.chars().any(|c| c.is_ascii_digit())
        && q.chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    let d = digits(q);
    let pesel = d.len() == 11 && !q.contains('+') && crate::validate::parse_pesel(&d).is_ok();
    let prefixes = if phone_like && !pesel && (q.starts_with('+') || q.starts_with("00")) {
        vec![phone_key(q)]
    } else if phone_like {
        vec![d]
    } else if q.contains('/') {
        vec![number_key(q)]
    } else {
        words(q)
    };
    prefixes.into_iter().filter(|p| !p.is_empty()).collect()
}

/// The words indexed for a phone: its key and all its digits, so
/// "0048669372500", "669-372-500" and "48669372500" all find
/// "+48 669 372 500".
pub fn phone_words(phone: &str) -> Vec<String> {
    let mut w = vec![phone_key(phone), digits(phone)];
    w.dedup();
    w.retain(|t| !t.is_empty());
    w
}

/// The words indexed for a case number: its words and its key.
pub fn number_words(number: &str) -> Vec<String> {
    let mut w = words(number);
    w.push(number_key(number));
    w
}

/// The prefixes of a query that the texts of a row (its name, case number
/// and town, which the list shows) do not explain.
pub fn unexplained(prefixes: &[String], row: &[&str]) -> Vec<String> {
    let shown: Vec<String> = row.iter().flat_map(|t| number_words(t)).collect();
    prefixes
        .iter()
        .filter(|p| !shown.iter().any(|w| w.starts_with(p.as_str())))
        .cloned()
        .collect()
}

/// The facts of a case a row does not show, as stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hidden {
    pub pesel: String,
    pub phones: Vec<String>,
    /// The addresses on one line each.
    pub addresses: Vec<String>,
}

/// Why a case is in the list beyond what its row shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Matched {
    /// The PESEL, as stored (the screen masks it).
    Pesel(String),
    /// A phone number, as stored.
    Phone(String),
    /// An address, on one line.
    Address(String),
}

/// The hidden facts that the `unexplained` prefixes of a query begin, in
/// the order PESEL, phones, addresses.
pub fn matched(unexplained: &[String], case: &Hidden) -> Vec<Matched> {
    let found = |ws: &[String]| {
        unexplained
            .iter()
            .any(|p| ws.iter().any(|w| w.starts_with(p.as_str())))
    };
    let mut out = Vec::new();
    if found(&[digits(&case.pesel)]) {
        out.push(Matched::Pesel(case.pesel.clone()));
    }
    for p in &case.phones {
        if found(&phone_words(p)) {
            out.push(Matched::Phone(p.clone()));
        }
    }
    for a in &case.addresses {
        if found(&words(a)) {
            out.push(Matched::Address(a.clone()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn phone_keys_of_what_people_type() {
        for typed in [
            "669-372-500",
            "+48 669 372 500",
            "0048669372500",
            "48669372500",
            "(669) 372 500",
        ] {
            assert_eq!(phone_key(typed), "669372500", "{typed}");
        }
        assert_eq!(phone_key("+49 30 1234567"), "49301234567");
        assert_eq!(phone_key("372-500"), "372500");
        assert_eq!(phone_key("brak"), "");
    }

    proptest! {
        #[test]
        fn every_spelling_of_a_polish_number_has_one_key(n in 100_000_000u32..1_000_000_000u32) {
            let s = n.to_string();
            let dashed = format!("{}-{}-{}", &s[..3], &s[3..6], &s[6..]);
            let plus = format!("+48 {} {} {}", &s[..3], &s[3..6], &s[6..]);
            let zeros = format!("0048{s}");
            prop_assert_eq!(phone_key(&dashed), s.clone());
            prop_assert_eq!(phone_key(&plus), s.clone());
            prop_assert_eq!(phone_key(&zeros), s);
        }
    }

    #[test]
    fn queries_as_people_type_them() {
        let q = |t: &str| query_prefixes(t);
        assert_eq!(q("669-372-500"), ["669372500"]);
        assert_eq!(q("+48 669 372 500"), ["669372500"]);
        assert_eq!(q("0048669372500"), ["669372500"]);
        assert_eq!(q("600 123"), ["600123"]);
        assert_eq!(q("48051201234"), ["48051201234"]);
        assert_eq!(q("Łódź  Wójcik"), ["lodz", "wojcik"]);
        assert_eq!(q("PT/2024/00"), ["pt202400"]);
        assert_eq!(q("PT 2024 004512"), ["pt", "2024", "004512"]);
        // A PESEL of someone born in 2000 (month 28 = February + 20) is
        // not a "00" phone prefix; a number without its check digit is.
        assert_eq!(q("00280166630"), ["00280166630"]);
        assert_eq!(q("00280166631"), ["280166631"]);
        assert_eq!(q("\"; DROP TABLE"), ["drop", "table"]);
        assert!(q("--").is_empty());
        assert!(q("  ").is_empty());
    }

    fn anna() -> Hidden {
        Hidden {
            pesel: "85071523489".into(),
            phones: vec!["+48 669 372 500".into(), "42 630 11 22".into()],
            addresses: vec!["ul. Piotrkowska 12, 90-001 Łódź".into()],
        }
    }

    #[test]
    fn a_row_says_which_fact_matched() {
        let row = ["Anna Wójcik", "PT/2024/004512", "Łódź"];
        let m = |t: &str| matched(&unexplained(&query_prefixes(t), &row), &anna());
        // The row shows the name, the number and the town: nothing to add.
        assert!(unexplained(&query_prefixes("wojcik"), &row).is_empty());
        assert!(unexplained(&query_prefixes("PT/2024"), &row).is_empty());
        assert!(unexplained(&query_prefixes("anna lodz"), &row).is_empty());
        assert_eq!(
            unexplained(&query_prefixes("anna piotrk"), &row),
            ["piotrk"]
        );
        assert_eq!(m("850715"), [Matched::Pesel("85071523489".into())]);
        for typed in ["669-372-500", "0048669372500", "+48 669", "48669372500"] {
            assert_eq!(
                m(typed),
                [Matched::Phone("+48 669 372 500".into())],
                "{typed}"
            );
        }
        assert_eq!(m("42 630"), [Matched::Phone("42 630 11 22".into())]);
        assert_eq!(
            m("anna piotrk"),
            [Matched::Address("ul. Piotrkowska 12, 90-001 Łódź".into())]
        );
        assert!(m("kowalski").is_empty());
    }

    #[test]
    fn folds_polish_letters() {
        assert_eq!(fold("Wójcik"), "wojcik");
        assert_eq!(
            fold("ŁÓDŹ Żółć Gęś Ścięć Źdźbło ń"),
            "lodz zolc ges sciec zdzblo n"
        );
    }

    #[test]
    fn digits_of_phone() {
        assert_eq!(digits("+48 600-123 456"), "48600123456");
    }
}
