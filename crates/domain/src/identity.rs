//! The doorstep identity check (issue #14, point 2). Before anything about
//! the debt is shown at the door — the amounts, the creditor, the case's
//! history — the advisor confirms that the person who opened is the debtor:
//! the name the person gives plus one fact only the debtor knows, checked
//! against the case. With anyone else nothing about the debt is disclosed
//! (art. 6 GDPR; ZDP: no information about the debt to third parties).
//!
//! [`confirm`] is the one check: the device runs it before it shows the
//! case at the door and when it saves the report, the server runs it again
//! on the report it receives, against its own copy of the debtor.

use crate::model::Debtor;
use crate::search::fold;
use crate::validate::parse_pesel;
use chrono::NaiveDate;

/// How many trailing PESEL digits the person tells.
pub const PESEL_END_DIGITS: usize = 4;
/// The longest name the advisor may type, in characters.
pub const MAX_NAME: usize = 200;

/// The one fact the person at the door tells besides the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdentityFact {
    /// Their birth date.
    BirthDate(NaiveDate),
    /// The last four digits of their PESEL, as typed.
    PeselEnd(String),
}

/// What the person at the door told, as the advisor typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdentityClaim {
    /// The name they gave ("Jan Kowalski", "kowalski jan").
    pub name: String,
    pub fact: IdentityFact,
}

/// Why the person was not confirmed as the debtor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    /// No name typed, or too long.
    #[error("enter the name the person gave")]
    NameMissing,
    /// The name is not the debtor's.
    #[error("the name is not the debtor's")]
    NameMismatch,
    /// The PESEL end is not four digits.
    #[error("enter the last four digits of the PESEL")]
    PeselEndMalformed,
    /// The fact does not match the case.
    #[error("the fact does not match the debtor")]
    FactMismatch,
    /// The case holds nothing to check the fact against.
    #[error("the case holds no such fact")]
    FactUnknown,
}

impl IdentityError {
    /// The sentence shown to the advisor.
    pub fn polish(self) -> &'static str {
        match self {
            IdentityError::NameMissing => "Wpisz imię i nazwisko, które podała osoba.",
            IdentityError::NameMismatch => {
                "To nie jest imię i nazwisko dłużnika: nie ujawniaj informacji o sprawie."
            }
            IdentityError::PeselEndMalformed => "Wpisz cztery ostatnie cyfry numeru PESEL.",
            IdentityError::FactMismatch => {
                "Podana informacja nie zgadza się z danymi dłużnika: nie ujawniaj informacji o sprawie."
            }
            IdentityError::FactUnknown => {
                "W sprawie brak tej informacji: zapytaj o inną (datę urodzenia lub PESEL)."
            }
        }
    }
}

/// The words of a name, folded ("Łukasz  Wójcik-Nowak" → ["lukasz",
/// "wojcik", "nowak"]), sorted.
fn words(name: &str) -> Vec<String> {
    let mut w: Vec<String> = fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    w.sort();
    w
}

/// Whether the person is the debtor: the name gives every word of the
/// debtor's first and last name and nothing else (in any order, with or
/// without Polish letters and capitals), and the fact is the debtor's.
pub fn confirm(debtor: &Debtor, claim: &IdentityClaim) -> Result<(), IdentityError> {
    let typed = claim.name.trim();
    if typed.is_empty() || typed.chars().count() > MAX_NAME {
        return Err(IdentityError::NameMissing);
    }
    if words(typed) != words(&debtor.full_name()) {
        return Err(IdentityError::NameMismatch);
    }
    let pesel = parse_pesel(&debtor.pesel).ok();
    match &claim.fact {
        IdentityFact::BirthDate(day) => match pesel {
            Some(p) if p.birth_date == *day => Ok(()),
            Some(_) => Err(IdentityError::FactMismatch),
            None => Err(IdentityError::FactUnknown),
        },
        IdentityFact::PeselEnd(end) => {
            let end = end.trim();
            if end.len() != PESEL_END_DIGITS || !end.chars().all(|c| c.is_ascii_digit()) {
                return Err(IdentityError::PeselEndMalformed);
            }
            match pesel {
                Some(p) if p.digits.ends_with(end) => Ok(()),
                Some(_) => Err(IdentityError::FactMismatch),
                None => Err(IdentityError::FactUnknown),
            }
        }
    }
}

/// What the visit screen may show about the debt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disclosure {
    /// Nothing yet: nobody confirmed.
    Nothing,
    /// The debtor confirmed: the amounts, the creditor and the history.
    Case,
    /// A third party: nothing, now or on paper.
    NothingToThirdParty,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::ids::DebtorId;
    use uuid::Uuid;

    /// Anna Wójcik, PESEL 85071523489: born 15.07.1985 (month 07: the
    /// 1900s), serial 234, sex digit 8 (even: female), check digit 9 —
    /// weights 1 3 7 9 1 3 7 9 1 3 over 8 5 0 7 1 5 2 3 4 8 give
    /// 8 + 15 + 0 + 63 + 1 + 15 + 14 + 27 + 4 + 24 = 171, and 10 − 1 = 9.
    pub(crate) fn anna() -> Debtor {
        let pesel = "85071523489".to_owned();
        Debtor {
            id: DebtorId(Uuid::nil()),
            first_name: "Anna".into(),
            last_name: "Wójcik".into(),
            pesel,
            phones: vec![],
            emails: vec![],
            addresses: vec![],
            consents: vec![],
            vulnerability: None,
            vulnerability_since: None,
        }
    }

    fn claim(name: &str, fact: IdentityFact) -> IdentityClaim {
        IdentityClaim {
            name: name.into(),
            fact,
        }
    }

    fn born(y: i32, m: u32, d: u32) -> IdentityFact {
        IdentityFact::BirthDate(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn the_pesel_of_the_worked_example() {
        let p = parse_pesel(&anna().pesel).unwrap();
        assert_eq!(p.birth_date, NaiveDate::from_ymd_opt(1985, 7, 15).unwrap());
        assert_eq!(
            anna().pesel,
            crate::validate::pesel_from_parts(p.birth_date, 234, crate::validate::Sex::Female)
        );
    }

    #[test]
    fn the_debtor_with_the_birth_date_is_confirmed() {
        let a = anna();
        assert_eq!(
            confirm(&a, &claim("Anna Wójcik", born(1985, 7, 15))),
            Ok(())
        );
        // Order, capitals and Polish letters do not matter.
        assert_eq!(
            confirm(&a, &claim("  WOJCIK anna ", born(1985, 7, 15))),
            Ok(())
        );
    }

    #[test]
    fn a_birth_date_one_day_off_is_not_the_debtor() {
        let a = anna();
        assert_eq!(
            confirm(&a, &claim("Anna Wójcik", born(1985, 7, 16))),
            Err(IdentityError::FactMismatch)
        );
        assert_eq!(
            confirm(&a, &claim("Anna Wójcik", born(1985, 7, 14))),
            Err(IdentityError::FactMismatch)
        );
    }

    #[test]
    fn the_last_four_pesel_digits_confirm() {
        let a = anna();
        assert_eq!(
            confirm(
                &a,
                &claim("Anna Wójcik", IdentityFact::PeselEnd("3489".into()))
            ),
            Ok(())
        );
        assert_eq!(
            confirm(
                &a,
                &claim("Anna Wójcik", IdentityFact::PeselEnd("3488".into()))
            ),
            Err(IdentityError::FactMismatch)
        );
        for bad in ["348", "34890", "34a9", ""] {
            assert_eq!(
                confirm(
                    &a,
                    &claim("Anna Wójcik", IdentityFact::PeselEnd(bad.into()))
                ),
                Err(IdentityError::PeselEndMalformed),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn another_name_is_not_the_debtor_even_with_the_right_fact() {
        let a = anna();
        for name in ["Anna", "Wójcik", "Jan Wójcik", "Anna Maria Wójcik"] {
            assert_eq!(
                confirm(&a, &claim(name, born(1985, 7, 15))),
                Err(IdentityError::NameMismatch),
                "{name}"
            );
        }
        assert_eq!(
            confirm(&a, &claim("   ", born(1985, 7, 15))),
            Err(IdentityError::NameMissing)
        );
    }

    #[test]
    fn a_case_without_a_valid_pesel_cannot_check_the_fact() {
        let mut a = anna();
        a.pesel = String::new();
        assert_eq!(
            confirm(&a, &claim("Anna Wójcik", born(1985, 7, 15))),
            Err(IdentityError::FactUnknown)
        );
    }
}
