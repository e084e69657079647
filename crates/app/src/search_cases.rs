//! The case list: search, filters, key facts and priority per row.

use crate::{facts_of_summary, storage_error};
use api::{CaseRow, CaseSort, CommandError, MatchKind, MatchView, SearchRequest};
use chrono::NaiveDate;
use domain::priority::{key_flags, priority, PriorityRules};
use domain::search::Matched;
use store::{CaseQuery, Store};

/// The list the advisor sees: matching cases, high priority first, then by
/// name. A priority filter keeps only rows of that priority.
pub fn search_cases(
    store: &Store,
    today: NaiveDate,
    req: &SearchRequest,
) -> Result<Vec<CaseRow>, CommandError> {
    crate::case_data_open(store, today)?;
    // The status filter is applied to the status after the promise ledger
    // (a promise broken today makes the case "broken promise" before any
    // sync), so the stored status is not asked of the store.
    let query = CaseQuery {
        text: req.text.clone(),
        status: None,
        limit: None,
    };
    let rules = PriorityRules::default();
    let promises = crate::promise_rules(store)?;
    let mut rows: Vec<CaseRow> = store
        .search(&query)
        .map_err(storage_error)?
        .into_iter()
        .map(|s| {
            let facts = facts_of_summary(&s, today, &promises);
            let flags = key_flags(&facts, today, &rules);
            let prio = priority(&facts, &flags);
            CaseRow {
                id: s.id.to_string(),
                number: s.number,
                debtor_name: s.debtor_name,
                city: s.city,
                status: facts.status.into(),
                outstanding: s.outstanding.amount(),
                priority: prio.into(),
                flags: flags.into_iter().map(Into::into).collect(),
                last_contact: s.last_activity,
                matched: s.matched.into_iter().map(match_view).collect(),
            }
        })
        .filter(|r| req.status.is_none_or(|s| r.status == s))
        .filter(|r| req.priority.is_none_or(|p| r.priority == p))
        .collect();
    // The store returns rows sorted by name; a stable sort keeps that order
    // among equals.
    match req.sort {
        CaseSort::Priority => rows.sort_by_key(|r| r.priority),
        CaseSort::Amount => rows.sort_by_key(|r| std::cmp::Reverse(r.outstanding)),
        // Never contacted first (None sorts before every day), then the
        // oldest contact.
        CaseSort::LastContact => rows.sort_by_key(|r| r.last_contact),
        CaseSort::Name => {}
    }
    Ok(rows)
}

/// A match as the list shows it: a PESEL masked but for its last four
/// digits (the advisor typed it; the screen need not repeat it).
fn match_view(m: Matched) -> MatchView {
    match m {
        Matched::Pesel(p) => MatchView {
            kind: MatchKind::Pesel,
            text: domain::format::mask_pesel(&p),
        },
        Matched::Phone(p) => MatchView {
            kind: MatchKind::Phone,
            text: domain::format::format_phone(&p),
        },
        Matched::Address(a) => MatchView {
            kind: MatchKind::Address,
            text: a,
        },
    }
}
