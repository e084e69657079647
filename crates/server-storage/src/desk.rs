//! The desk's records (issue #12): the portfolio search index, closing
//! and reopening, devices and users as the back office sees them.

use crate::backend::Backend;
use crate::{CaseFileDto, StorageError, Uuid};
use domain::search::{digits, number_key, phone_key, query_prefixes, words};
use rust_decimal::Decimal;

/// At most this many search results in one page, whatever is asked.
pub const SEARCH_PAGE_MAX: u32 = 100;
/// The total of a search is counted up to this many cases.
pub const SEARCH_COUNT_CAP: u32 = 1_000;
/// At most this many words of a query are looked up.
pub const SEARCH_MAX_TERMS: usize = 6;

/// One case's row of the portfolio search index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRow {
    pub case_id: Uuid,
    pub number: String,
    /// "Imię Nazwisko" as written.
    pub name: String,
    pub pesel: String,
    pub town: String,
    /// Who holds it (nobody once closed).
    pub advisor_id: Option<Uuid>,
    /// A `domain::CaseStatus` code.
    pub status: String,
    /// Principal + interest + costs outstanding over the debts.
    pub outstanding: Decimal,
}

/// A page of a portfolio search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPage {
    pub rows: Vec<SearchRow>,
    /// How many cases match, counted up to [`SEARCH_COUNT_CAP`].
    pub total: u32,
    /// Whether more than [`SEARCH_COUNT_CAP`] match.
    pub capped: bool,
}

/// The words a case is found by: its name and town folded, its number (whole
/// and in parts), PESEL and phone keys. Every term is `[0-9a-z]+`.
pub(crate) fn index_of(file: &CaseFileDto, advisor: Option<Uuid>) -> (SearchRow, Vec<String>) {
    let d = &file.debtor;
    let town = d
        .addresses
        .first()
        .map(|a| a.city.clone())
        .unwrap_or_default();
    // The debts' components are what is outstanding now (payments are
    // already taken off them): the same sum the team lead's page and the
    // case file show (`domain::CaseFile::outstanding`).
    let owed: Decimal = file
        .debts
        .iter()
        .map(|x| x.principal + x.interest + x.costs)
        .sum();
    let row = SearchRow {
        case_id: file.id,
        number: file.number.clone(),
        name: format!("{} {}", d.first_name, d.last_name),
        pesel: d.pesel.clone(),
        town,
        advisor_id: advisor,
        status: file.status.clone(),
        outstanding: owed.max(Decimal::ZERO),
    };
    let mut terms: Vec<String> = Vec::new();
    terms.extend(words(&d.first_name));
    terms.extend(words(&d.last_name));
    for a in &d.addresses {
        terms.extend(words(&a.city));
    }
    terms.extend(words(&file.number));
    terms.push(number_key(&file.number));
    terms.push(digits(&d.pesel));
    for p in &d.phones {
        terms.push(phone_key(&p.number));
    }
    terms.retain(|t| !t.is_empty());
    terms.sort();
    terms.dedup();
    (row, terms)
}

/// The prefixes a query looks up, each as a `[from, to)` range of terms: a
/// case matches when every prefix matches one of its terms. What a query
/// means is `domain::search::query_prefixes` (the device's list reads it
/// the same way); at most `SEARCH_MAX_TERMS` words are looked up.
pub fn query_ranges(query: &str) -> Vec<(String, String)> {
    let mut prefixes = query_prefixes(query);
    prefixes.truncate(SEARCH_MAX_TERMS);
    prefixes
        .into_iter()
        .filter(|p| !p.is_empty())
        // Terms are [0-9a-z]: '{' sorts after every one of them.
        .map(|p| (p.clone(), format!("{p}{{")))
        .collect()
}

/// Indexes the cases stored before the index existed, a page at a time;
/// answers how many it indexed.
pub(crate) fn index_unindexed<B: Backend>(backend: &B) -> Result<u64, StorageError> {
    let mut n = 0;
    loop {
        let done = backend.write(|tx| {
            let files = tx.unindexed_cases(500)?;
            for (file, holder) in &files {
                let (row, terms) = index_of(file, *holder);
                tx.set_search(&row, &terms)?;
            }
            Ok(files.len() as u64)
        })?;
        n += done;
        if done == 0 {
            return Ok(n);
        }
    }
}

/// A page of the portfolio search: `limit` (at most [`SEARCH_PAGE_MAX`])
/// from `offset`, by case number; an empty query finds nothing.
pub(crate) fn search<B: Backend>(
    backend: &B,
    query: &str,
    offset: u32,
    limit: u32,
) -> Result<SearchPage, StorageError> {
    let ranges = query_ranges(query);
    if ranges.is_empty() {
        return Ok(SearchPage {
            rows: vec![],
            total: 0,
            capped: false,
        });
    }
    let limit = limit.clamp(1, SEARCH_PAGE_MAX);
    let rows = backend.search_rows(&ranges, offset, limit)?;
    let total = backend.search_count(&ranges, SEARCH_COUNT_CAP + 1)?;
    Ok(SearchPage {
        rows,
        total: total.min(SEARCH_COUNT_CAP),
        capped: total > SEARCH_COUNT_CAP,
    })
}

/// One device as the back office's "Urządzenia" lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceSummary {
    pub id: Uuid,
    pub name: String,
    pub user_id: Uuid,
    pub login: String,
    pub user_name: String,
    pub role: sync_proto::Role,
    pub user_disabled: bool,
    pub revoked: bool,
    /// The server's time of the device's last download.
    pub last_sync: Option<chrono::NaiveDateTime>,
    /// What the device reported then.
    pub pending: Option<u32>,
    pub app_version: Option<String>,
}

/// One user as the back office lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSummary {
    pub id: Uuid,
    pub login: String,
    pub name: String,
    pub role: sync_proto::Role,
    pub disabled: bool,
}

/// What a device reported at a download, recorded at the server's time.
#[derive(Debug, Clone, Copy)]
pub struct SyncReport<'a> {
    pub device: Uuid,
    pub at: chrono::NaiveDateTime,
    pub pending: Option<u32>,
    pub app_version: Option<&'a str>,
}

/// A closure the back office asks for.
#[derive(Debug, Clone, Copy)]
pub struct CaseClosure<'a> {
    pub case_id: Uuid,
    pub reason: domain::closure::CloseReason,
    pub note: &'a str,
    pub by_name: &'a str,
    pub at: chrono::NaiveDateTime,
}

/// The timeline line of the `n`-th closing or reopening of a case.
pub(crate) fn closure_line(
    case_id: Uuid,
    n: usize,
    at: chrono::NaiveDateTime,
    author: &str,
    summary: String,
) -> sync_proto::ActivityDto {
    sync_proto::ActivityDto {
        id: Uuid::from_u128(
            case_id.as_u128() ^ 0xC105_E000_0000_0000_0000_0000_0000_0000 ^ n as u128,
        ),
        at,
        kind: domain::ActivityKind::Note.code().into(),
        author: author.into(),
        summary,
        received_at: Some(at),
    }
}

/// How many closing or reopening lines a case has.
pub(crate) fn closure_lines(file: &CaseFileDto) -> usize {
    file.activities
        .iter()
        .filter(|a| (a.id.as_u128() ^ file.id.as_u128()) >> 64 == 0xC105_E000_0000_0000)
        .count()
}

/// What a closure error answers.
pub(crate) fn close_error(e: domain::closure::CloseError) -> StorageError {
    use domain::closure::CloseError;
    match e {
        CloseError::Transition(domain::TransitionError::Unchanged(_)) => {
            StorageError::Conflict("the case is closed already".into())
        }
        other => StorageError::Invalid(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_become_prefix_ranges() {
        let r = |q: &str| -> Vec<String> { query_ranges(q).into_iter().map(|r| r.0).collect() };
        assert_eq!(r("669-372-500"), ["669372500"]);
        assert_eq!(r("+48 669 372 500"), ["669372500"]);
        assert_eq!(r("0048669372500"), ["669372500"]);
        assert_eq!(r("48051201234"), ["48051201234"]);
        assert_eq!(r("Łódź  Wójcik"), ["lodz", "wojcik"]);
        assert_eq!(r("WRO/2024/00123"), ["wro202400123"]);
        assert_eq!(r("wro/2024/001"), ["wro2024001"]);
        // A PESEL of someone born in 2000 (month 28 = February + 20) is
        // not a "00" phone prefix; a number without its check digit is.
        assert_eq!(r("00280166630"), ["00280166630"]);
        assert_eq!(r("00280166631"), ["280166631"]);
        assert!(r("  ").is_empty());
        assert_eq!(query_ranges("kow")[0].1, "kow{");
        assert_eq!(r("a b c d e f g h").len(), SEARCH_MAX_TERMS);
    }
}
