//! The columns of a portfolio file (docs/IMPORT.md), by their header names.

/// A column of a portfolio file. The header names are Polish, lowercase and
/// without diacritics; a header is matched after trimming, lowercasing and
/// folding diacritics, so "Imię" and "imie" name the same column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Column {
    CaseNumber,
    Creditor,
    CreditorKind,
    FirstName,
    LastName,
    Pesel,
    BirthDate,
    Street,
    PostalCode,
    City,
    CorrespondenceStreet,
    CorrespondencePostalCode,
    CorrespondenceCity,
    Phones,
    Emails,
    DebtTitle,
    Principal,
    Interest,
    Costs,
    DueDate,
    InterestFrom,
    ClaimType,
    Advisor,
    Territory,
}

impl Column {
    /// Every column, in the order docs/IMPORT.md lists them.
    pub const ALL: [Column; 24] = [
        Self::CaseNumber,
        Self::Creditor,
        Self::CreditorKind,
        Self::FirstName,
        Self::LastName,
        Self::Pesel,
        Self::BirthDate,
        Self::Street,
        Self::PostalCode,
        Self::City,
        Self::CorrespondenceStreet,
        Self::CorrespondencePostalCode,
        Self::CorrespondenceCity,
        Self::Phones,
        Self::Emails,
        Self::DebtTitle,
        Self::Principal,
        Self::Interest,
        Self::Costs,
        Self::DueDate,
        Self::InterestFrom,
        Self::ClaimType,
        Self::Advisor,
        Self::Territory,
    ];

    /// The header name in the file.
    pub fn name(self) -> &'static str {
        match self {
            Self::CaseNumber => "numer_sprawy",
            Self::Creditor => "wierzyciel",
            Self::CreditorKind => "rodzaj_wierzyciela",
            Self::FirstName => "imie",
            Self::LastName => "nazwisko",
            Self::Pesel => "pesel",
            Self::BirthDate => "data_urodzenia",
            Self::Street => "ulica",
            Self::PostalCode => "kod_pocztowy",
            Self::City => "miejscowosc",
            Self::CorrespondenceStreet => "koresp_ulica",
            Self::CorrespondencePostalCode => "koresp_kod_pocztowy",
            Self::CorrespondenceCity => "koresp_miejscowosc",
            Self::Phones => "telefony",
            Self::Emails => "emaile",
            Self::DebtTitle => "tytul",
            Self::Principal => "kapital",
            Self::Interest => "odsetki",
            Self::Costs => "koszty",
            Self::DueDate => "data_wymagalnosci",
            Self::InterestFrom => "data_naliczania_odsetek",
            Self::ClaimType => "rodzaj_roszczenia",
            Self::Advisor => "doradca",
            Self::Territory => "terytorium",
        }
    }

    /// Whether the header must have this column. Optional columns may be
    /// absent or empty; required ones must be there, and their values are
    /// required unless [`Column::may_be_empty`] says otherwise.
    pub fn required(self) -> bool {
        matches!(
            self,
            Self::CaseNumber
                | Self::Creditor
                | Self::CreditorKind
                | Self::FirstName
                | Self::LastName
                | Self::Pesel
                | Self::Street
                | Self::PostalCode
                | Self::City
                | Self::Principal
                | Self::Interest
                | Self::Costs
                | Self::DueDate
                | Self::ClaimType
        )
    }

    /// The column named by a header cell, if any.
    pub fn from_header(header: &str) -> Option<Column> {
        let h = domain::search::fold(header.trim().trim_start_matches('\u{feff}'));
        Self::ALL.into_iter().find(|c| c.name() == h)
    }

    /// The columns that describe the case rather than one debt: every row
    /// of a case must give them the same value.
    pub(crate) fn of_case(self) -> bool {
        !matches!(
            self,
            Self::DebtTitle
                | Self::Principal
                | Self::Interest
                | Self::Costs
                | Self::DueDate
                | Self::InterestFrom
                | Self::ClaimType
                | Self::CreditorKind
                | Self::Phones
                | Self::Emails
        )
    }
}

impl std::fmt::Display for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_name_reads_back_and_diacritics_are_folded() {
        for c in Column::ALL {
            assert_eq!(Column::from_header(c.name()), Some(c));
        }
        assert_eq!(Column::from_header(" Imię "), Some(Column::FirstName));
        assert_eq!(
            Column::from_header("\u{feff}numer_sprawy"),
            Some(Column::CaseNumber)
        );
        assert_eq!(Column::from_header("Miejscowość"), Some(Column::City));
        assert_eq!(Column::from_header("kolor"), None);
    }
}
