//! A portfolio file into the server's storage (issue 13), idempotent by
//! (creditor, case number): the file is read by `import`, each case's
//! advisor is found by login, and each case is created, updated through
//! `Storage::change_case` (which writes nothing when nothing changed), or
//! left as it is. Both the command line (`partner-server import`) and, later,
//! the back office's screen call [`import`].

pub use ::import::{Column, Encoding, ParseOptions, Problem, RowError};
use ::import::{ImportedCase, Portfolio};
use chrono::NaiveDate;
use server_storage::{Storage, StorageError};
use std::cell::Cell;
use std::collections::HashMap;
use sync_proto::{CaseFileDto, Role};
use uuid::Uuid;

/// What the clerk asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportOptions {
    pub parse: ParseOptions,
    /// Check and count only; write nothing.
    pub dry_run: bool,
    /// Import the cases whose rows are all valid even when other rows are
    /// wrong, and hand the wrong ones back ([`ImportReport::rejected_csv`]).
    pub valid_rows: bool,
    /// The import's day: a new case is opened on it.
    pub today: NaiveDate,
}

/// What an import did (or, for a dry run or a refused file, would do).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// Data rows read.
    pub rows: usize,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Every error, by line and column.
    pub errors: Vec<RowError>,
    /// Whether anything was written (false for a dry run and for a refused
    /// file).
    pub written: bool,
    /// The rejected rows with an error column, when any row is wrong.
    pub rejected_csv: Option<String>,
}

/// A case of the file as it will be written.
enum Plan {
    Create(Box<CaseFileDto>),
    Update { id: Uuid, advisor: Option<Uuid> },
    Unchanged,
}

/// Imports a portfolio file into `storage`. Nothing is written while any
/// row is wrong, unless `valid_rows`; never anything for a dry run or a
/// file whose header or encoding is wrong. Errors are storage failures;
/// everything wrong with the file is in the report.
pub fn import<S: Storage + ?Sized>(
    storage: &S,
    bytes: &[u8],
    options: &ImportOptions,
) -> Result<ImportReport, StorageError> {
    let portfolio = ::import::parse(bytes, &options.parse);
    let mut errors = portfolio.errors.clone();
    let mut plans = Vec::with_capacity(portfolio.cases.len());
    let mut logins: HashMap<String, Option<Uuid>> = HashMap::new();
    for case in &portfolio.cases {
        match plan(storage, case, options.today, &mut logins)? {
            Ok(p) => plans.push((case, p)),
            Err(problem) => {
                for line in &case.lines {
                    errors.push(RowError::new(*line, Some(Column::Advisor), problem.clone()));
                }
            }
        }
    }
    errors.sort_by_key(|a| (a.line, a.column));
    let mut report = ImportReport {
        rows: portfolio.rows,
        created: 0,
        updated: 0,
        unchanged: 0,
        rejected_csv: (!errors.is_empty()).then(|| portfolio.rejected_csv(&errors)),
        errors,
        written: false,
    };
    let refused = refused(&portfolio, &report, options);
    for (_, p) in &plans {
        match p {
            Plan::Create(_) => report.created += 1,
            Plan::Update { .. } => report.updated += 1,
            Plan::Unchanged => report.unchanged += 1,
        }
    }
    if refused || options.dry_run {
        return Ok(report);
    }
    write(storage, &plans, &mut report)?;
    report.written = true;
    Ok(report)
}

/// Whether the file is refused as a whole: a wrong header or encoding, or
/// any wrong row when the clerk did not choose the valid rows.
fn refused(portfolio: &Portfolio, report: &ImportReport, options: &ImportOptions) -> bool {
    portfolio.refused_whole() || (!report.errors.is_empty() && !options.valid_rows)
}

/// Writes the plans; the counts are what was really written (a case changed
/// by someone else since the plan may have become unchanged, or the other
/// way round).
fn write<S: Storage + ?Sized>(
    storage: &S,
    plans: &[(&ImportedCase, Plan)],
    report: &mut ImportReport,
) -> Result<(), StorageError> {
    let new: Vec<CaseFileDto> = plans
        .iter()
        .filter_map(|(_, p)| match p {
            Plan::Create(f) => Some((**f).clone()),
            _ => None,
        })
        .collect();
    // In chunks, each one transaction, as `seed` stores a portfolio.
    for chunk in new.chunks(500) {
        storage.put_cases(chunk)?;
    }
    report.updated = 0;
    report.unchanged = plans
        .iter()
        .filter(|(_, p)| matches!(p, Plan::Unchanged))
        .count();
    for (case, p) in plans {
        let Plan::Update { id, advisor } = p else {
            continue;
        };
        let changed = Cell::new(false);
        storage.change_case(*id, &|stored| {
            let next = merged(&stored, case, *advisor);
            changed.set(next != stored);
            Ok(next)
        })?;
        if changed.get() {
            report.updated += 1;
        } else {
            report.unchanged += 1;
        }
    }
    Ok(())
}

/// What to do with one case of the file, or why it cannot be imported.
fn plan<S: Storage + ?Sized>(
    storage: &S,
    case: &ImportedCase,
    today: NaiveDate,
    logins: &mut HashMap<String, Option<Uuid>>,
) -> Result<Result<Plan, Problem>, StorageError> {
    let advisor = match &case.advisor {
        Some(login) => {
            let id = match logins.get(login) {
                Some(id) => *id,
                None => {
                    let id = advisor_by_login(storage, login)?;
                    logins.insert(login.clone(), id);
                    id
                }
            };
            match id {
                Some(id) => Some(id),
                None => return Ok(Err(Problem::UnknownAdvisor(login.clone()))),
            }
        }
        None => None,
    };
    let id = case.id().0;
    Ok(match storage.case(id)? {
        Some(stored) => {
            if merged(&stored, case, advisor) == stored {
                Ok(Plan::Unchanged)
            } else {
                Ok(Plan::Update { id, advisor })
            }
        }
        // Every case is held by an advisor; territory rules come later.
        None => match advisor {
            None => Err(Problem::NoAdvisor),
            Some(a) => Ok(Plan::Create(Box::new(CaseFileDto::from(
                &case.case_file(domain::AdvisorId(a), today),
            )))),
        },
    })
}

/// The id of the active advisor with this login.
fn advisor_by_login<S: Storage + ?Sized>(
    storage: &S,
    login: &str,
) -> Result<Option<Uuid>, StorageError> {
    let Some(u) = storage.user_by_login(login)? else {
        return Ok(None);
    };
    if u.role != Role::Advisor || storage.user_disabled(u.id)? {
        return Ok(None);
    }
    Ok(Some(u.id))
}

/// A stored case with the file's data: the file owns the debts (their
/// amounts, dates and titles: a balance the creditor lowered is lowered),
/// the debtor's name and PESEL, and, when it names one, the advisor.
/// Contact data from the file is added, never removed or replaced, so that
/// what the advisor verified in the field stays. Everything else (status,
/// history, payments, promises, agreements, visits) stays as stored.
fn merged(stored: &CaseFileDto, case: &ImportedCase, advisor: Option<Uuid>) -> CaseFileDto {
    let fresh = CaseFileDto::from(&case.case_file(
        domain::AdvisorId(advisor.unwrap_or(stored.advisor_id)),
        stored.opened_on,
    ));
    let mut out = stored.clone();
    out.advisor_id = fresh.advisor_id;
    out.number = fresh.number;
    out.debts = fresh.debts;
    let (d, f) = (&mut out.debtor, fresh.debtor);
    d.first_name = f.first_name;
    d.last_name = f.last_name;
    d.pesel = f.pesel;
    for mut p in f.phones {
        let key = domain::search::phone_key(&p.number);
        if !d
            .phones
            .iter()
            .any(|x| domain::search::phone_key(&x.number) == key)
        {
            p.primary = p.primary && !d.phones.iter().any(|x| x.primary);
            d.phones.push(p);
        }
    }
    for mut e in f.emails {
        if !d
            .emails
            .iter()
            .any(|x| x.address.eq_ignore_ascii_case(&e.address))
        {
            e.primary = e.primary && !d.emails.iter().any(|x| x.primary);
            d.emails.push(e);
        }
    }
    for a in f.addresses {
        if !d.addresses.iter().any(|x| {
            x.kind == a.kind
                && x.street == a.street
                && x.postal_code == a.postal_code
                && x.city == a.city
        }) {
            d.addresses.push(a);
        }
    }
    out
}

impl ImportReport {
    /// The report as the command line prints it, in Polish.
    pub fn text(&self) -> String {
        let mut s = format!(
            "wierszy: {}\nsprawy utworzone: {}\nsprawy zaktualizowane: {}\nsprawy bez zmian: {}\nbłędy: {}\n",
            self.rows,
            self.created,
            self.updated,
            self.unchanged,
            self.errors.len()
        );
        for e in &self.errors {
            s.push_str(&format!("{e}\n"));
        }
        s.push_str(if self.written {
            "zapisano\n"
        } else {
            "nic nie zapisano\n"
        });
        s
    }
}
