//! What is wrong with a portfolio file, row by row.

use crate::Column;
use domain::validate::ValidationError;

/// One problem of a file: a value that fails a domain validator, or a rule
/// of the file format. Each has a Polish message (for the clerk) and an
/// English one (for logs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A domain validator refused the value (PESEL, postcode, phone,
    /// e-mail, amount).
    Invalid(ValidationError),
    /// A required value is empty.
    Missing,
    /// Not a date as dd.mm.rrrr (or rrrr-mm-dd).
    Date,
    /// The birth date is not the one the PESEL encodes.
    BirthDateNotPesel,
    /// The amount is above the largest one the app handles.
    AmountRange,
    /// The interest starts before the debt became due.
    InterestBeforeDue,
    /// Not one of the creditor kinds of docs/IMPORT.md.
    CreditorKind,
    /// Not one of the claim types of docs/IMPORT.md.
    ClaimType,
    /// Another row of the same case gives this case-level column another
    /// value.
    DiffersInCase { first_line: u64 },
    /// Two rows of the same case have the same debt title.
    DebtTwice { first_line: u64 },
    /// The row itself is fine, but another row of its case is not: a case
    /// is imported whole or not at all.
    CaseRejected { line: u64 },
    /// A new case with no advisor: every case is held by one (territory
    /// rules come later).
    NoAdvisor,
    /// No active advisor has this login.
    UnknownAdvisor(String),
    /// The case is too large for the app (too many debts).
    TooManyDebts { max: usize },
    /// The row does not have as many fields as the header.
    FieldCount { expected: usize, found: usize },
    /// A required column is absent from the header.
    MissingColumn,
    /// The header names a column twice.
    ColumnTwice,
    /// The header names a column this format does not know.
    UnknownColumn(String),
    /// The file has no header line or no rows.
    Empty,
    /// The bytes are not valid UTF-8 although UTF-8 was chosen.
    NotUtf8,
    /// The CSV structure itself is broken (e.g. an unclosed quote).
    Csv(String),
}

impl Problem {
    /// The message in Polish, for the clerk.
    pub fn message_pl(&self) -> String {
        match self {
            Self::Invalid(e) => e.message_pl().to_owned(),
            Self::Missing => "Brak wartości".into(),
            Self::Date => "Data ma postać dd.mm.rrrr".into(),
            Self::BirthDateNotPesel => {
                "Data urodzenia nie zgadza się z datą zapisaną w numerze PESEL".into()
            }
            Self::AmountRange => "Kwota jest za duża".into(),
            Self::InterestBeforeDue => {
                "Odsetki nie mogą być naliczane przed datą wymagalności".into()
            }
            Self::CreditorKind => {
                "Nieznany rodzaj wierzyciela (bank, telekomunikacja, media, pożyczka)".into()
            }
            Self::ClaimType => "Nieznany rodzaj roszczenia (ogólne, okresowe, gospodarcze)".into(),
            Self::DiffersInCase { first_line } => {
                format!("Inna wartość niż w wierszu {first_line} tej samej sprawy")
            }
            Self::DebtTwice { first_line } => {
                format!("Zobowiązanie o tym tytule jest już w wierszu {first_line} tej sprawy")
            }
            Self::CaseRejected { line } => {
                format!("Sprawa odrzucona w całości: błąd w wierszu {line}")
            }
            Self::NoAdvisor => "Brak doradcy".into(),
            Self::UnknownAdvisor(login) => format!("Nieznany doradca „{login}”"),
            Self::TooManyDebts { max } => format!("Sprawa może mieć najwyżej {max} zobowiązań"),
            Self::FieldCount { expected, found } => {
                format!("Liczba pól w wierszu: {found}, w nagłówku: {expected}")
            }
            Self::MissingColumn => "Brak wymaganej kolumny w nagłówku".into(),
            Self::ColumnTwice => "Kolumna występuje w nagłówku dwa razy".into(),
            Self::UnknownColumn(name) => format!("Nieznana kolumna „{name}”"),
            Self::Empty => "Plik nie zawiera nagłówka i wierszy".into(),
            Self::NotUtf8 => "Plik nie jest zapisany w kodowaniu UTF-8".into(),
            Self::Csv(e) => format!("Nieprawidłowy plik CSV: {e}"),
        }
    }

    /// The message in English, for logs.
    pub fn message_en(&self) -> String {
        match self {
            Self::Invalid(e) => e.message_en().to_owned(),
            Self::Missing => "the value is missing".into(),
            Self::Date => "a date has the form dd.mm.yyyy".into(),
            Self::BirthDateNotPesel => "the birth date is not the one in the PESEL".into(),
            Self::AmountRange => "the amount is too large".into(),
            Self::InterestBeforeDue => "interest cannot run before the due date".into(),
            Self::CreditorKind => "unknown creditor kind".into(),
            Self::ClaimType => "unknown claim type".into(),
            Self::DiffersInCase { first_line } => {
                format!("another value than on line {first_line} of the same case")
            }
            Self::DebtTwice { first_line } => {
                format!("a debt with this title is already on line {first_line} of the case")
            }
            Self::CaseRejected { line } => {
                format!("the whole case is rejected: error on line {line}")
            }
            Self::NoAdvisor => "no advisor".into(),
            Self::UnknownAdvisor(login) => format!("unknown advisor {login:?}"),
            Self::TooManyDebts { max } => format!("a case holds at most {max} debts"),
            Self::FieldCount { expected, found } => {
                format!("the row has {found} fields, the header {expected}")
            }
            Self::MissingColumn => "a required column is missing from the header".into(),
            Self::ColumnTwice => "the header names the column twice".into(),
            Self::UnknownColumn(name) => format!("unknown column {name:?}"),
            Self::Empty => "the file has no header and no rows".into(),
            Self::NotUtf8 => "the file is not UTF-8".into(),
            Self::Csv(e) => format!("invalid CSV: {e}"),
        }
    }
}

/// A problem at a line of the file (1 is the header), in a column (`None`:
/// the row or the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub column: Option<Column>,
    pub problem: Problem,
    /// [`Problem::message_pl`], kept with the error for the report.
    pub message: String,
    /// [`Problem::message_en`].
    pub message_en: String,
}

impl RowError {
    pub fn new(line: u64, column: Option<Column>, problem: Problem) -> RowError {
        RowError {
            line,
            column,
            message: problem.message_pl(),
            message_en: problem.message_en(),
            problem,
        }
    }
}

impl std::fmt::Display for RowError {
    /// "wiersz 7, kolumna pesel: Nieprawidłowa cyfra kontrolna numeru PESEL".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.column {
            Some(c) => write!(f, "wiersz {}, kolumna {}: {}", self.line, c, self.message),
            None => write!(f, "wiersz {}: {}", self.line, self.message),
        }
    }
}
