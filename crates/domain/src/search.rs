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

#[cfg(test)]
mod tests {
    use super::*;

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
