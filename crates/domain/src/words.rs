//! Amounts in Polish words, as documents write them under the figures
//! ("słownie: sto pięćdziesiąt złotych 00/100"): the złoty in words with
//! the Polish plural (jeden złoty, dwa złote, pięć złotych, dwanaście
//! złotych, dwadzieścia dwa złote), the grosze as a fraction of a hundred,
//! as Polish cash receipts and bank forms write them.

use crate::money::Money;

/// The largest amount written in words: 999 999 999,99 zł, far above
/// anything a document of this app states (a payment at the door is at
/// most [`crate::visit::DoorPolicy`]'s limit).
pub const MAX_IN_WORDS_GROSZE: i64 = 99_999_999_999;

const UNITS: [&str; 10] = [
    "zero",
    "jeden",
    "dwa",
    "trzy",
    "cztery",
    "pięć",
    "sześć",
    "siedem",
    "osiem",
    "dziewięć",
];
const TEENS: [&str; 10] = [
    "dziesięć",
    "jedenaście",
    "dwanaście",
    "trzynaście",
    "czternaście",
    "piętnaście",
    "szesnaście",
    "siedemnaście",
    "osiemnaście",
    "dziewiętnaście",
];
const TENS: [&str; 10] = [
    "",
    "",
    "dwadzieścia",
    "trzydzieści",
    "czterdzieści",
    "pięćdziesiąt",
    "sześćdziesiąt",
    "siedemdziesiąt",
    "osiemdziesiąt",
    "dziewięćdziesiąt",
];
const HUNDREDS: [&str; 10] = [
    "",
    "sto",
    "dwieście",
    "trzysta",
    "czterysta",
    "pięćset",
    "sześćset",
    "siedemset",
    "osiemset",
    "dziewięćset",
];

/// Which of the three Polish forms a count takes: 1 → `one`; a last digit
/// 2–4 but not 12–14 → `few` (dwa złote, dwadzieścia trzy tysiące); else
/// `many` (pięć złotych, dwanaście tysięcy, zero złotych).
pub fn plural<'a>(n: u64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
        few
    } else {
        many
    }
}

/// 1 to 999 in words, pushed onto `out`.
fn below_thousand(n: u64, out: &mut Vec<&'static str>) {
    let (h, rest) = ((n / 100) as usize, n % 100);
    if h > 0 {
        out.push(HUNDREDS[h]);
    }
    match rest {
        0 => {}
        1..=9 => out.push(UNITS[rest as usize]),
        10..=19 => out.push(TEENS[(rest - 10) as usize]),
        _ => {
            out.push(TENS[(rest / 10) as usize]);
            if rest % 10 > 0 {
                out.push(UNITS[(rest % 10) as usize]);
            }
        }
    }
}

/// A whole number up to 999 999 999 in Polish words: "zero",
/// "tysiąc dwieście trzydzieści cztery", "dwa miliony tysiąc jeden". One
/// thousand and one million are "tysiąc" and "milion", without "jeden".
pub fn number_in_words(n: u64) -> Option<String> {
    if n > 999_999_999 {
        return None;
    }
    if n == 0 {
        return Some(UNITS[0].to_owned());
    }
    let mut out: Vec<&'static str> = Vec::new();
    let groups = [
        (n / 1_000_000, ("milion", "miliony", "milionów")),
        ((n / 1000) % 1000, ("tysiąc", "tysiące", "tysięcy")),
    ];
    for (count, (one, few, many)) in groups {
        if count == 0 {
            continue;
        }
        if count > 1 {
            below_thousand(count, &mut out);
        }
        out.push(plural(count, one, few, many));
    }
    below_thousand(n % 1000, &mut out);
    Some(out.join(" "))
}

/// An amount in Polish words for documents: the złoty in words, the grosze
/// as "NN/100" — "sto pięćdziesiąt złotych 00/100", "jeden złoty 00/100",
/// "tysiąc dwieście trzydzieści cztery złote 56/100". `None` for a
/// negative amount or one above [`MAX_IN_WORDS_GROSZE`].
pub fn amount_in_words(m: Money) -> Option<String> {
    // A `Money` holds whole grosze: two places at most by construction.
    let grosze = u64::try_from(m.grosze()).ok()?;
    if grosze > MAX_IN_WORDS_GROSZE as u64 {
        return None;
    }
    let zl = grosze / 100;
    Some(format!(
        "{} {} {:02}/100",
        number_in_words(zl)?,
        plural(zl, "złoty", "złote", "złotych"),
        grosze % 100
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rust_decimal::Decimal;
    use rust_decimal_macros::dec;

    fn words(d: Decimal) -> String {
        amount_in_words(Money::new(d)).unwrap()
    }

    /// Worked by hand, as a Polish cash receipt writes them.
    #[test]
    fn worked_amounts() {
        let cases = [
            (dec!(0), "zero złotych 00/100"),
            (dec!(0.01), "zero złotych 01/100"),
            (dec!(0.5), "zero złotych 50/100"),
            (dec!(1), "jeden złoty 00/100"),
            (dec!(2), "dwa złote 00/100"),
            (dec!(3), "trzy złote 00/100"),
            (dec!(4), "cztery złote 00/100"),
            (dec!(5), "pięć złotych 00/100"),
            (dec!(10), "dziesięć złotych 00/100"),
            (dec!(11), "jedenaście złotych 00/100"),
            (dec!(12), "dwanaście złotych 00/100"),
            (dec!(13), "trzynaście złotych 00/100"),
            (dec!(14), "czternaście złotych 00/100"),
            (dec!(19.99), "dziewiętnaście złotych 99/100"),
            (dec!(20), "dwadzieścia złotych 00/100"),
            (dec!(21), "dwadzieścia jeden złotych 00/100"),
            (dec!(22), "dwadzieścia dwa złote 00/100"),
            (dec!(25), "dwadzieścia pięć złotych 00/100"),
            (dec!(44), "czterdzieści cztery złote 00/100"),
            (dec!(100), "sto złotych 00/100"),
            (dec!(101), "sto jeden złotych 00/100"),
            (dec!(102), "sto dwa złote 00/100"),
            (dec!(112), "sto dwanaście złotych 00/100"),
            (dec!(150), "sto pięćdziesiąt złotych 00/100"),
            (dec!(150.00), "sto pięćdziesiąt złotych 00/100"),
            (dec!(200), "dwieście złotych 00/100"),
            (dec!(342.10), "trzysta czterdzieści dwa złote 10/100"),
            (dec!(999.99), "dziewięćset dziewięćdziesiąt dziewięć złotych 99/100"),
            (dec!(1000), "tysiąc złotych 00/100"),
            (dec!(1001), "tysiąc jeden złotych 00/100"),
            (
                dec!(1234.56),
                "tysiąc dwieście trzydzieści cztery złote 56/100",
            ),
            (dec!(2000), "dwa tysiące złotych 00/100"),
            (dec!(4500), "cztery tysiące pięćset złotych 00/100"),
            (dec!(5000), "pięć tysięcy złotych 00/100"),
            (dec!(12000), "dwanaście tysięcy złotych 00/100"),
            (
                dec!(12345.67),
                "dwanaście tysięcy trzysta czterdzieści pięć złotych 67/100",
            ),
            (dec!(15000), "piętnaście tysięcy złotych 00/100"),
            (dec!(21000), "dwadzieścia jeden tysięcy złotych 00/100"),
            (dec!(22002), "dwadzieścia dwa tysiące dwa złote 00/100"),
            (dec!(112000), "sto dwanaście tysięcy złotych 00/100"),
            (dec!(122000), "sto dwadzieścia dwa tysiące złotych 00/100"),
            (dec!(1000000), "milion złotych 00/100"),
            (
                dec!(2001001),
                "dwa miliony tysiąc jeden złotych 00/100",
            ),
            (dec!(5000000), "pięć milionów złotych 00/100"),
            (
                dec!(999999999.99),
                "dziewięćset dziewięćdziesiąt dziewięć milionów dziewięćset dziewięćdziesiąt dziewięć tysięcy dziewięćset dziewięćdziesiąt dziewięć złotych 99/100",
            ),
        ];
        for (d, expected) in cases {
            assert_eq!(words(d), expected, "{d}");
        }
    }

    #[test]
    fn what_cannot_be_written_is_none() {
        for d in [dec!(-0.01), dec!(-150), dec!(1000000000)] {
            assert_eq!(amount_in_words(Money::new(d)), None, "{d}");
        }
        // Trailing zeros are not places: 1,500 is 1,50.
        assert_eq!(words(dec!(1.500)), "jeden złoty 50/100");
        assert_eq!(words(dec!(-0)), "zero złotych 00/100");
        assert_eq!(number_in_words(1_000_000_000), None);
    }

    #[test]
    fn plural_forms() {
        let forms: Vec<&str> = [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 24, 25, 102, 112, 1000]
            .into_iter()
            .map(|n| plural(n, "złoty", "złote", "złotych"))
            .collect();
        assert_eq!(
            forms,
            [
                "złotych", "złoty", "złote", "złote", "złotych", "złotych", "złotych", "złotych",
                "złotych", "złote", "złote", "złotych", "złote", "złotych", "złotych"
            ]
        );
    }

    proptest! {
        /// Every amount up to the door's limit and far beyond has words,
        /// one space between words, the right złoty form for its count and
        /// its grosze as a fraction; and the words of n and n + 1 grosz
        /// differ (no two amounts read alike).
        #[test]
        fn every_amount_has_its_own_words(g in 0i64..MAX_IN_WORDS_GROSZE) {
            let w = amount_in_words(Money::from_grosze(g)).unwrap();
            let next = amount_in_words(Money::from_grosze(g + 1)).unwrap();
            prop_assert_ne!(&w, &next);
            prop_assert!(!w.contains("  ") && !w.starts_with(' '));
            let zl = (g / 100) as u64;
            let form = plural(zl, "złoty", "złote", "złotych");
            let suffix = format!(" {form} {:02}/100", g % 100);
            prop_assert!(w.ends_with(&suffix), "{} does not end with {}", w, suffix);
            prop_assert!(w.split(' ').all(|t| !t.is_empty()));
        }

        /// Small amounts, the door's range, all of them at grosz steps.
        #[test]
        fn door_amounts_have_words(g in 0i64..=1_500_000) {
            let w = amount_in_words(Money::from_grosze(g)).unwrap();
            prop_assert!(w.chars().all(|c| c.is_alphabetic() || c == ' ' || c.is_ascii_digit() || c == '/'));
        }
    }
}
