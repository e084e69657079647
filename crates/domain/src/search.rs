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
