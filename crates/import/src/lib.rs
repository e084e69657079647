//! Portfolio files: the bytes of a creditor's CSV file (UTF-8 or
//! Windows-1250, `;` or `,`, Polish decimal commas) turned into validated
//! cases, or into every error with its line, column and a Polish message.
//! The columns are documented in docs/IMPORT.md.
//!
//! Owns the file format and its per-row checks, which are the domain's
//! validators (`domain::validate`), and the stable ids of imported cases: a
//! case's id is a UUID v5 of its (creditor, case number), so importing a
//! file again finds the same case. Must not know storage, the wire, the
//! clock or any I/O: the caller reads the file and decides what to write.

mod column;
mod error;

pub use column::Column;
pub use error::{Problem, RowError};

use chrono::NaiveDate;
use domain::limitation::{self, ClaimFacts, ClaimKind};
use domain::validate;
use domain::{
    Address, AddressKind, AdvisorId, Case, CaseFile, CaseId, CaseStatus, ContactId, CreditorKind,
    Debt, DebtComponents, DebtId, Debtor, DebtorId, Email, Money, Phone,
};
use std::collections::HashMap;
use uuid::Uuid;

/// The most debts one case may have: the server's limit of a case's rows
/// (`sync_proto::MAX_CASE_ROWS`), checked here so that the clerk learns it
/// with the line.
pub const MAX_DEBTS: usize = 500;

/// The character encoding of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1250,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Windows1250 => "windows-1250",
        }
    }

    /// "utf-8" / "utf8", "windows-1250" / "cp1250" (any case).
    pub fn from_name(name: &str) -> Option<Encoding> {
        match name.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(Self::Utf8),
            "windows-1250" | "cp1250" | "win1250" => Some(Self::Windows1250),
            _ => None,
        }
    }
}

/// How to read a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// `None`: detect (valid UTF-8, with or without a BOM, is UTF-8; anything
    /// else is Windows-1250).
    pub encoding: Option<Encoding>,
}

/// What identifies a case across imports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CaseKey {
    pub creditor: String,
    pub number: String,
}

/// The namespace of the UUID v5 ids of imported cases and their parts.
const ID_NAMESPACE: Uuid = Uuid::from_u128(0x5061_7274_6e65_7249_6d70_6f72_7430_0001);

/// A name's parts joined by the unit separator, which no cell contains in
/// practice, so ("A B", "C") and ("A", "B C") never collide.
fn v5(namespace: &Uuid, parts: &[&str]) -> Uuid {
    Uuid::new_v5(namespace, parts.join("\u{1f}").as_bytes())
}

impl CaseKey {
    /// The case's id: the same for the same (creditor, case number) in
    /// every import.
    pub fn case_id(&self) -> CaseId {
        CaseId(v5(&ID_NAMESPACE, &[&self.creditor, &self.number]))
    }
}

/// An address from the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedAddress {
    pub street: String,
    /// "00-950".
    pub postal_code: String,
    pub city: String,
}

/// The debtor of a case as the file has them, validated and normalized.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedDebtor {
    pub first_name: String,
    pub last_name: String,
    /// 11 digits with a good check digit.
    pub pesel: String,
    pub birth_date: NaiveDate,
    /// E.164, the first one primary, each once.
    pub phones: Vec<String>,
    /// Each once, the first one primary.
    pub emails: Vec<String>,
    pub residence: ImportedAddress,
    pub correspondence: Option<ImportedAddress>,
}

/// One debt (one row) of a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedDebt {
    pub line: u64,
    pub title: String,
    pub creditor_kind: CreditorKind,
    pub claim_kind: ClaimKind,
    pub outstanding: DebtComponents,
    pub due_since: NaiveDate,
    /// When interest starts to run; checked, not yet kept on the case
    /// (the domain's debt has no such field yet).
    pub interest_from: Option<NaiveDate>,
    /// `limitation::last_enforceable_day` of the claim type and due date.
    pub limitation_date: NaiveDate,
}

/// A case of the file whose every row is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedCase {
    pub key: CaseKey,
    /// The lines of its rows, in file order.
    pub lines: Vec<u64>,
    pub debtor: ImportedDebtor,
    pub debts: Vec<ImportedDebt>,
    /// The advisor's login, when the file names one.
    pub advisor: Option<String>,
    /// The territory, when the file names one (kept for the territory
    /// rules to come; not used yet).
    pub territory: Option<String>,
}

impl ImportedCase {
    pub fn id(&self) -> CaseId {
        self.key.case_id()
    }

    fn part_id(&self, parts: &[&str]) -> Uuid {
        v5(&self.id().0, parts)
    }

    /// The debtor with ids stable per case (and per phone, e-mail and
    /// address), so a re-import of the same data is the same debtor.
    pub fn domain_debtor(&self) -> Debtor {
        let d = &self.debtor;
        let address = |kind: AddressKind, a: &ImportedAddress| Address {
            // By content: an address the creditor changed is another
            // address, added beside the one the advisor may have verified.
            id: ContactId(self.part_id(&[
                "address",
                kind.code(),
                &a.street,
                &a.postal_code,
                &a.city,
            ])),
            kind,
            street: a.street.clone(),
            postal_code: a.postal_code.clone(),
            city: a.city.clone(),
            location: None,
        };
        let mut addresses = vec![address(AddressKind::Residence, &d.residence)];
        if let Some(c) = &d.correspondence {
            addresses.push(address(AddressKind::Correspondence, c));
        }
        Debtor {
            id: DebtorId(self.part_id(&["debtor"])),
            first_name: d.first_name.clone(),
            last_name: d.last_name.clone(),
            pesel: d.pesel.clone(),
            phones: d
                .phones
                .iter()
                .enumerate()
                .map(|(i, n)| Phone {
                    id: self.phone_id(n),
                    number: n.clone(),
                    kind: validate::phone_kind(n),
                    primary: i == 0,
                    mark: None,
                })
                .collect(),
            emails: d
                .emails
                .iter()
                .enumerate()
                .map(|(i, e)| Email {
                    id: self.email_id(e),
                    address: e.clone(),
                    primary: i == 0,
                })
                .collect(),
            addresses,
            consents: Vec::new(),
            vulnerability: None,
            vulnerability_since: None,
        }
    }

    /// The id a phone of the file has on this case.
    pub fn phone_id(&self, e164: &str) -> ContactId {
        ContactId(self.part_id(&["phone", e164]))
    }

    /// The id an e-mail of the file has on this case.
    pub fn email_id(&self, address: &str) -> ContactId {
        ContactId(self.part_id(&["email", &address.to_lowercase()]))
    }

    /// The debts, each with an id stable per (case, debt title).
    pub fn domain_debts(&self) -> Vec<Debt> {
        self.debts
            .iter()
            .map(|d| Debt {
                id: DebtId(self.part_id(&["debt", &d.title])),
                case_id: self.id(),
                title: d.title.clone(),
                original_creditor: self.key.creditor.clone(),
                creditor_kind: d.creditor_kind,
                outstanding: d.outstanding,
                due_since: d.due_since,
                limitation_date: d.limitation_date,
            })
            .collect()
    }

    /// A new case file of this case, held by `advisor`, opened on
    /// `opened_on` (the import's day), with no history.
    pub fn case_file(&self, advisor: AdvisorId, opened_on: NaiveDate) -> CaseFile {
        let debtor = self.domain_debtor();
        CaseFile {
            case: Case {
                id: self.id(),
                number: self.key.number.clone(),
                debtor_id: debtor.id,
                advisor_id: advisor,
                status: CaseStatus::New,
                opened_on,
                appointment: None,
            },
            debtor,
            debts: self.domain_debts(),
            payments: Vec::new(),
            promises: Vec::new(),
            activities: Vec::new(),
            agreements: Vec::new(),
            contacts: Vec::new(),
            thread: Default::default(),
        }
    }
}

/// A file read: its valid cases and every error.
#[derive(Debug, Clone)]
pub struct Portfolio {
    pub encoding: Encoding,
    pub delimiter: u8,
    /// Data rows read (blank lines not counted).
    pub rows: usize,
    /// The cases whose every row is valid, in file order.
    pub cases: Vec<ImportedCase>,
    /// Every error, by line and column.
    pub errors: Vec<RowError>,
    /// The header cells as in the file.
    header: Vec<String>,
    /// Every data row: its line and its cells as in the file.
    records: Vec<(u64, Vec<String>)>,
}

impl Portfolio {
    /// Whether the file as a whole is unusable (its header, its encoding or
    /// its structure): then not even its valid rows can be imported.
    pub fn refused_whole(&self) -> bool {
        self.errors
            .iter()
            .any(|e| e.line <= 1 || matches!(e.problem, Problem::Csv(_) | Problem::NotUtf8))
    }

    /// The rows named by `errors` as a CSV text to fix: the header and the
    /// rows as in the file (same delimiter), each with a last column
    /// "bledy" listing its errors.
    pub fn rejected_csv(&self, errors: &[RowError]) -> String {
        let mut by_line: HashMap<u64, Vec<String>> = HashMap::new();
        for e in errors {
            let text = match e.column {
                Some(c) => format!("{c}: {}", e.message),
                None => e.message.clone(),
            };
            by_line.entry(e.line).or_default().push(text);
        }
        let mut w = csv::WriterBuilder::new()
            .delimiter(self.delimiter)
            .from_writer(Vec::new());
        let mut header = self.header.clone();
        header.push("bledy".into());
        // Writing into a Vec cannot fail; a failure would only lose lines of
        // a report, never data, so it is ignored rather than unwrapped.
        let _ = w.write_record(&header);
        for (line, cells) in &self.records {
            if let Some(msgs) = by_line.get(line) {
                let mut row = cells.clone();
                // A short row is padded so its errors land in "bledy"; a
                // long one keeps every cell it had.
                if row.len() < self.header.len() {
                    row.resize(self.header.len(), String::new());
                }
                row.push(msgs.join("; "));
                let _ = w.write_record(&row);
            }
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// Decodes the bytes: the encoding chosen, or detected.
fn decode(bytes: &[u8], choice: Option<Encoding>) -> Result<(Encoding, String), RowError> {
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let windows_1250 = || {
        let (text, _) = encoding_rs::WINDOWS_1250.decode_without_bom_handling(bytes);
        (Encoding::Windows1250, text.into_owned())
    };
    match choice {
        Some(Encoding::Windows1250) => Ok(windows_1250()),
        Some(Encoding::Utf8) => match std::str::from_utf8(without_bom) {
            Ok(s) => Ok((Encoding::Utf8, s.to_owned())),
            Err(e) => {
                let line = 1 + without_bom[..e.valid_up_to()]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u64;
                Err(RowError::new(line, None, Problem::NotUtf8))
            }
        },
        None => match std::str::from_utf8(without_bom) {
            Ok(s) => Ok((Encoding::Utf8, s.to_owned())),
            Err(_) => Ok(windows_1250()),
        },
    }
}

/// `;` when the header line has at least as many semicolons as commas (and
/// some), else `,`.
fn detect_delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let semi = first.matches(';').count();
    let comma = first.matches(',').count();
    if semi > 0 && semi >= comma {
        b';'
    } else {
        b','
    }
}

/// Reads a portfolio file. Never fails: what is wrong is in
/// [`Portfolio::errors`], and [`Portfolio::cases`] are the cases with no
/// error in any of their rows.
pub fn parse(bytes: &[u8], options: &ParseOptions) -> Portfolio {
    let (encoding, text) = match decode(bytes, options.encoding) {
        Ok(x) => x,
        Err(e) => {
            return Portfolio {
                encoding: options.encoding.unwrap_or(Encoding::Utf8),
                delimiter: b';',
                rows: 0,
                cases: Vec::new(),
                errors: vec![e],
                header: Vec::new(),
                records: Vec::new(),
            }
        }
    };
    let delimiter = detect_delimiter(&text);
    let mut out = Portfolio {
        encoding,
        delimiter,
        rows: 0,
        cases: Vec::new(),
        errors: Vec::new(),
        header: Vec::new(),
        records: Vec::new(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            out.errors
                .push(RowError::new(1, None, Problem::Csv(e.to_string())));
            return out;
        }
        None => {
            out.errors.push(RowError::new(1, None, Problem::Empty));
            return out;
        }
    };
    out.header = header.iter().map(str::to_owned).collect();
    let Some(columns) = read_header(&out.header, &mut out.errors) else {
        return out;
    };
    let mut rows = Vec::new();
    let mut lines = LineCounter::new(&text);
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                out.errors
                    .push(RowError::new(line, None, Problem::Csv(e.to_string())));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        let cells: Vec<String> = record.iter().map(str::to_owned).collect();
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        out.rows += 1;
        if cells.len() != out.header.len() {
            out.errors.push(RowError::new(
                line,
                None,
                Problem::FieldCount {
                    expected: out.header.len(),
                    found: cells.len(),
                },
            ));
        } else {
            rows.push(read_row(line, &cells, &columns, &mut out.errors));
        }
        out.records.push((line, cells));
    }
    if out.rows == 0 && out.errors.is_empty() {
        out.errors.push(RowError::new(1, None, Problem::Empty));
    }
    out.cases = group(rows, &mut out.errors);
    out.errors.sort_by_key(|a| (a.line, a.column));
    out
}

/// Line numbers from byte offsets. The csv reader's own line count is one
/// short after a CRLF (it reports the record's start at the LF), so lines
/// are counted here: a record starting at an LF starts on the next line.
struct LineCounter<'a> {
    bytes: &'a [u8],
    scanned: usize,
    newlines: u64,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            scanned: 0,
            newlines: 0,
        }
    }

    /// The line (1-based) of a record starting at `byte`; offsets only grow.
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut end = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        if self.bytes.get(end) == Some(&b'\n') {
            end += 1;
        }
        if end > self.scanned {
            self.newlines += self.bytes[self.scanned..end]
                .iter()
                .filter(|b| **b == b'\n')
                .count() as u64;
            self.scanned = end;
        }
        self.newlines + 1
    }
}

/// Where each known column is in a row.
type Columns = HashMap<Column, usize>;

/// The header's columns, or `None` (with the errors) when it is wrong.
fn read_header(header: &[String], errors: &mut Vec<RowError>) -> Option<Columns> {
    let before = errors.len();
    let mut columns = Columns::new();
    for (i, cell) in header.iter().enumerate() {
        let name = cell.trim().trim_start_matches('\u{feff}');
        if name.is_empty() {
            // Spreadsheets add empty columns at the end; their cells are
            // ignored.
            continue;
        }
        match Column::from_header(name) {
            Some(c) => {
                if columns.insert(c, i).is_some() {
                    errors.push(RowError::new(1, Some(c), Problem::ColumnTwice));
                }
            }
            None => errors.push(RowError::new(
                1,
                None,
                Problem::UnknownColumn(name.to_owned()),
            )),
        }
    }
    for c in Column::ALL {
        if c.required() && !columns.contains_key(&c) {
            errors.push(RowError::new(1, Some(c), Problem::MissingColumn));
        }
    }
    (errors.len() == before).then_some(columns)
}

/// One row read, with what could be read of it.
struct Row {
    line: u64,
    key: Option<CaseKey>,
    /// The trimmed values of the case-level columns, to compare rows.
    case_values: Vec<(Column, String)>,
    debtor: Option<ImportedDebtor>,
    /// The title as given (empty: numbered in the case).
    title: String,
    debt: Option<ImportedDebt>,
    advisor: Option<String>,
    territory: Option<String>,
    ok: bool,
}

/// The cells of one row by column, collecting its errors.
struct Cells<'a> {
    line: u64,
    cells: &'a [String],
    columns: &'a Columns,
    errors: Vec<RowError>,
}

impl Cells<'_> {
    fn raw(&self, c: Column) -> &str {
        self.columns
            .get(&c)
            .and_then(|i| self.cells.get(*i))
            .map_or("", |s| s.trim())
    }

    fn fail(&mut self, c: Column, p: Problem) {
        self.errors.push(RowError::new(self.line, Some(c), p));
    }

    fn text(&mut self, c: Column) -> Option<String> {
        let v = self.raw(c).to_owned();
        if v.is_empty() {
            self.fail(c, Problem::Missing);
            return None;
        }
        Some(v)
    }

    fn optional(&self, c: Column) -> Option<String> {
        Some(self.raw(c).to_owned()).filter(|s| !s.is_empty())
    }

    fn check<T>(&mut self, c: Column, r: Result<T, ValidationErrorOrProblem>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(p) => {
                self.fail(c, p.into_problem());
                None
            }
        }
    }

    fn date(&mut self, c: Column, required: bool) -> Option<Option<NaiveDate>> {
        let v = self.raw(c);
        if v.is_empty() {
            if required {
                self.fail(c, Problem::Missing);
                return None;
            }
            return Some(None);
        }
        match domain::format::parse_date(v) {
            Some(d) => Some(Some(d)),
            None => {
                self.fail(c, Problem::Date);
                None
            }
        }
    }

    /// An amount as the domain reads it ("1 234,56", "1234,56"); empty is
    /// zero where `empty_is_zero`.
    fn amount(&mut self, c: Column, empty_is_zero: bool) -> Option<Money> {
        let v = self.raw(c);
        if v.is_empty() && empty_is_zero {
            return Some(Money::ZERO);
        }
        let parsed = validate::parse_amount(v)
            .map_err(ValidationErrorOrProblem::V)
            .and_then(|m| {
                domain::offer::input_amount(m.amount())
                    .ok_or(ValidationErrorOrProblem::P(Problem::AmountRange))
            });
        self.check(c, parsed)
    }

    fn address(
        &mut self,
        street: Column,
        postcode: Column,
        city: Column,
    ) -> Option<ImportedAddress> {
        let street = self.text(street);
        let postal_code = self.text(postcode).and_then(|p| {
            let r = validate::normalize_postal_code(&p).map_err(ValidationErrorOrProblem::V);
            self.check(postcode, r)
        });
        let city = self.text(city);
        Some(ImportedAddress {
            street: street?,
            postal_code: postal_code?,
            city: city?,
        })
    }

    /// Values separated by "|", each checked by `normalize`, each once.
    fn list(
        &mut self,
        c: Column,
        normalize: fn(&str) -> Result<String, validate::ValidationError>,
    ) -> Option<Vec<String>> {
        let mut out: Vec<String> = Vec::new();
        let mut ok = true;
        let raw = self.raw(c).to_owned();
        for part in raw.split('|').map(str::trim).filter(|p| !p.is_empty()) {
            match normalize(part) {
                Ok(v) => {
                    if !out.iter().any(|o| o.eq_ignore_ascii_case(&v)) {
                        out.push(v);
                    }
                }
                Err(e) => {
                    self.fail(c, Problem::Invalid(e));
                    ok = false;
                }
            }
        }
        ok.then_some(out)
    }
}

/// A domain validator's error or an import rule's, for [`Cells::check`].
enum ValidationErrorOrProblem {
    V(validate::ValidationError),
    P(Problem),
}

impl ValidationErrorOrProblem {
    fn into_problem(self) -> Problem {
        match self {
            Self::V(e) => Problem::Invalid(e),
            Self::P(p) => p,
        }
    }
}

fn creditor_kind(value: &str) -> Option<CreditorKind> {
    match domain::search::fold(value).as_str() {
        "bank" => Some(CreditorKind::Bank),
        "telekomunikacja" | "telekom" | "telecom" => Some(CreditorKind::Telecom),
        "media" | "energia" | "utility" => Some(CreditorKind::Utility),
        "pozyczka" | "loan" => Some(CreditorKind::Loan),
        _ => None,
    }
}

fn claim_kind(value: &str) -> Option<ClaimKind> {
    match domain::search::fold(value).as_str() {
        "ogolne" | "general" => Some(ClaimKind::General),
        "okresowe" | "periodic" => Some(ClaimKind::Periodic),
        "gospodarcze" | "business" => Some(ClaimKind::Business),
        _ => None,
    }
}

fn read_row(line: u64, cells: &[String], columns: &Columns, errors: &mut Vec<RowError>) -> Row {
    let mut c = Cells {
        line,
        cells,
        columns,
        errors: Vec::new(),
    };
    let number = c.text(Column::CaseNumber);
    let creditor = c.text(Column::Creditor);
    let first_name = c.text(Column::FirstName);
    let last_name = c.text(Column::LastName);
    let pesel = c.text(Column::Pesel).and_then(|p| {
        let r = validate::parse_pesel(&p).map_err(ValidationErrorOrProblem::V);
        c.check(Column::Pesel, r)
    });
    let birth_date = c.date(Column::BirthDate, false);
    if let (Some(p), Some(Some(b))) = (&pesel, birth_date) {
        if p.birth_date != b {
            c.fail(Column::BirthDate, Problem::BirthDateNotPesel);
        }
    }
    let residence = c.address(Column::Street, Column::PostalCode, Column::City);
    let correspondence = [
        Column::CorrespondenceStreet,
        Column::CorrespondencePostalCode,
        Column::CorrespondenceCity,
    ]
    .iter()
    .any(|col| !c.raw(*col).is_empty())
    .then(|| {
        c.address(
            Column::CorrespondenceStreet,
            Column::CorrespondencePostalCode,
            Column::CorrespondenceCity,
        )
    });
    let phones = c.list(Column::Phones, validate::normalize_phone);
    let emails = c.list(Column::Emails, validate::normalize_email);
    let creditor_kind = c.text(Column::CreditorKind).and_then(|v| {
        let k = creditor_kind(&v);
        if k.is_none() {
            c.fail(Column::CreditorKind, Problem::CreditorKind);
        }
        k
    });
    let principal = c.amount(Column::Principal, false);
    let interest = c.amount(Column::Interest, true);
    let costs = c.amount(Column::Costs, true);
    let due = c.date(Column::DueDate, true).flatten();
    let interest_from = c.date(Column::InterestFrom, false);
    if let (Some(d), Some(Some(i))) = (due, interest_from) {
        if i < d {
            c.fail(Column::InterestFrom, Problem::InterestBeforeDue);
        }
    }
    let claim = c.text(Column::ClaimType).and_then(|v| {
        let k = claim_kind(&v);
        if k.is_none() {
            c.fail(Column::ClaimType, Problem::ClaimType);
        }
        k
    });
    let case_values = Column::ALL
        .into_iter()
        .filter(|col| col.of_case())
        .map(|col| (col, c.raw(col).to_owned()))
        .collect();
    let debtor = (|| {
        let pesel = pesel?;
        Some(ImportedDebtor {
            first_name: first_name?,
            last_name: last_name?,
            birth_date: pesel.birth_date,
            pesel: pesel.digits,
            phones: phones?,
            emails: emails?,
            residence: residence?,
            correspondence: match correspondence {
                Some(a) => Some(a?),
                None => None,
            },
        })
    })();
    let debt = (|| {
        let due_since = due?;
        let claim_kind = claim?;
        Some(ImportedDebt {
            line,
            title: String::new(),
            creditor_kind: creditor_kind?,
            claim_kind,
            outstanding: DebtComponents {
                principal: principal?,
                interest: interest?,
                costs: costs?,
            },
            due_since,
            interest_from: interest_from?,
            limitation_date: limitation::last_enforceable_day(&ClaimFacts {
                kind: claim_kind,
                due: due_since,
                judgment_final: None,
                acknowledged: Vec::new(),
            }),
        })
    })();
    let row = Row {
        line,
        key: match (creditor, number) {
            (Some(creditor), Some(number)) => Some(CaseKey { creditor, number }),
            _ => None,
        },
        case_values,
        debtor,
        title: c.raw(Column::DebtTitle).to_owned(),
        debt,
        advisor: c.optional(Column::Advisor),
        territory: c.optional(Column::Territory),
        ok: c.errors.is_empty(),
    };
    errors.append(&mut c.errors);
    row
}

/// Rows with the same (creditor, case number) into cases; a case with a
/// wrong row is rejected whole, each of its good rows saying why.
fn group(rows: Vec<Row>, errors: &mut Vec<RowError>) -> Vec<ImportedCase> {
    let mut order: Vec<CaseKey> = Vec::new();
    let mut by_key: HashMap<CaseKey, Vec<Row>> = HashMap::new();
    for row in rows {
        // A row without its case's key belongs to no case: its own errors
        // say so.
        let Some(key) = row.key.clone() else { continue };
        if !by_key.contains_key(&key) {
            order.push(key.clone());
        }
        by_key.entry(key).or_default().push(row);
    }
    let mut cases = Vec::new();
    for key in order {
        let Some(mut rows) = by_key.remove(&key) else {
            continue;
        };
        let first_line = rows[0].line;
        let first_values = rows[0].case_values.clone();
        let mut titles: HashMap<String, u64> = HashMap::new();
        for (n, row) in rows.iter_mut().enumerate() {
            if n > 0 {
                for ((col, v), (_, first)) in row.case_values.iter().zip(&first_values) {
                    if v != first {
                        errors.push(RowError::new(
                            row.line,
                            Some(*col),
                            Problem::DiffersInCase { first_line },
                        ));
                        row.ok = false;
                    }
                }
            }
            if row.title.is_empty() {
                row.title = format!("Zobowiązanie {}", n + 1);
            }
            if let Some(first) = titles.insert(row.title.clone(), row.line) {
                errors.push(RowError::new(
                    row.line,
                    Some(Column::DebtTitle),
                    Problem::DebtTwice { first_line: first },
                ));
                row.ok = false;
            }
        }
        if rows.len() > MAX_DEBTS {
            errors.push(RowError::new(
                first_line,
                None,
                Problem::TooManyDebts { max: MAX_DEBTS },
            ));
            continue;
        }
        if let Some(bad) = rows.iter().find(|r| !r.ok).map(|r| r.line) {
            for r in rows.iter().filter(|r| r.ok) {
                errors.push(RowError::new(
                    r.line,
                    None,
                    Problem::CaseRejected { line: bad },
                ));
            }
            continue;
        }
        let mut debts = Vec::with_capacity(rows.len());
        let mut debtor: Option<ImportedDebtor> = None;
        for row in &mut rows {
            let (Some(d), Some(mut debt)) = (row.debtor.take(), row.debt.take()) else {
                continue;
            };
            debt.title = row.title.clone();
            debts.push(debt);
            match &mut debtor {
                None => debtor = Some(d),
                // Phones and e-mails may be spread over the case's rows.
                Some(first) => {
                    for p in d.phones {
                        if !first.phones.contains(&p) {
                            first.phones.push(p);
                        }
                    }
                    for e in d.emails {
                        if !first.emails.iter().any(|x| x.eq_ignore_ascii_case(&e)) {
                            first.emails.push(e);
                        }
                    }
                }
            }
        }
        let Some(debtor) = debtor else { continue };
        cases.push(ImportedCase {
            key,
            lines: rows.iter().map(|r| r.line).collect(),
            debtor,
            debts,
            advisor: rows[0].advisor.clone(),
            territory: rows[0].territory.clone(),
        });
    }
    cases
}

#[cfg(test)]
mod tests;
