//! Full-text search over the case list (FTS5). Both the indexed text and the
//! query are folded by `domain::search::fold`, so diacritics never matter.

use crate::cases::CaseSummary;
use crate::codec::*;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use domain::search::{digits, fold};
use domain::*;
use rusqlite::{params, Transaction};

/// What the case list asks for.
#[derive(Debug, Clone, Default)]
pub struct CaseQuery {
    /// Free text: a name, a case number, a street or town, a phone number.
    pub text: String,
    pub status: Option<CaseStatus>,
    /// At most this many rows; `None` for all.
    pub limit: Option<usize>,
}

/// Rebuilds the search row of one case.
pub(crate) fn reindex(tx: &Transaction<'_>, f: &CaseFile) -> Result<(), StoreError> {
    let key = f.case.id.to_string();
    let mut body = Vec::new();
    body.push(fold(&f.debtor.full_name()));
    body.push(fold(&f.case.number));
    // The number without separators too, so "pt2024004512" matches as well.
    body.push(
        fold(&f.case.number)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect(),
    );
    for a in &f.debtor.addresses {
        body.push(fold(&a.one_line()));
    }
    for p in &f.debtor.phones {
        let d = digits(&p.number);
        body.push(national(&d).to_owned());
        body.push(d);
    }
    // The search row shares the case's rowid (migration 0004): replacing it
    // is a rowid lookup, never a scan of the index.
    tx.prepare_cached("INSERT OR REPLACE INTO case_search (rowid, case_id, body) SELECT rowid, ?1, ?2 FROM case_file WHERE id = ?1")?
        .execute(params![key, body.join(" ")])?;
    Ok(())
}

/// The national part of a Polish number given as digits.
fn national(d: &str) -> &str {
    if d.len() == 13 && d.starts_with("0048") {
        &d[4..]
    } else if d.len() == 11 && d.starts_with("48") {
        &d[2..]
    } else {
        d
    }
}

/// Turns what the advisor typed into an FTS5 query, or `None` when nothing
/// searchable was typed. Every word must match as a prefix.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let looks_like_phone = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()/".contains(c))
        && digits(text).len() >= 3;
    if looks_like_phone && text.contains(' ') {
        // "600 123 456" is one phone number, not three words.
        return Some(format!("\"{}\"*", national(&digits(text))));
    }
    if text.contains('/') {
        // A case number ("PT/2024/004512" or a start of it): one prefix token
        // of its letters and digits, which the index holds too.
        let compact: String = fold(text)
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect();
        if !compact.is_empty() {
            return Some(format!("\"{compact}\"*"));
        }
    }
    let words: Vec<String> = fold(text)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\"*"))
        .collect();
    if words.is_empty() {
        None
    } else {
        Some(words.join(" "))
    }
}

impl Store {
    /// The case list: cases matching the text and the status, sorted by the
    /// debtor's name.
    pub fn search(&self, q: &CaseQuery) -> Result<Vec<CaseSummary>, StoreError> {
        let fts = fts_query(&q.text);
        if fts.is_none() && !q.text.trim().is_empty() {
            // Only punctuation was typed: nothing can match.
            return Ok(Vec::new());
        }
        let limit = q.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let mut st = self.conn.prepare_cached(
            "SELECT c.id, c.number, d.first_name || ' ' || d.last_name, c.city, c.status,
               c.outstanding, c.next_promise_due, c.limitation_date, c.last_activity,
               d.vulnerability IS NOT NULL, c.appointment, d.vulnerability_since,
               EXISTS (SELECT 1 FROM consent k WHERE k.debtor_id = d.id
                         AND k.kind = 'home_visit' AND k.marketing = 0 AND k.granted = 0)
             FROM case_file c JOIN debtor d ON d.id = c.debtor_id
             WHERE (?1 IS NULL OR c.rowid IN (SELECT rowid FROM case_search WHERE case_search MATCH ?1))
               AND (?2 IS NULL OR c.status = ?2)
             ORDER BY d.sort_name, c.number
             LIMIT ?3",
        )?;
        let rows = st.query_map(params![fts, q.status.map(CaseStatus::code), limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<String>>(6)?,
                r.get::<_, Option<String>>(7)?,
                r.get::<_, Option<String>>(8)?,
                r.get::<_, bool>(9)?,
                r.get::<_, Option<String>>(10)?,
                r.get::<_, Option<String>>(11)?,
                r.get::<_, bool>(12)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (
                id,
                number,
                debtor_name,
                city,
                status,
                total,
                promise,
                limitation,
                last,
                vulnerable,
                appt,
                since,
                objects,
            ) = row?;
            let case_id = CaseId(parse_uuid("case_file.id", &id)?);
            // Only a case with promises needs its ledger's inputs.
            let (promises, payments) = if promise.is_some() {
                (self.promises(case_id, &id)?, self.payments(case_id, &id)?)
            } else {
                (Vec::new(), Vec::new())
            };
            out.push(CaseSummary {
                id: case_id,
                number,
                debtor_name,
                city,
                status: code("case_file.status", &status, CaseStatus::from_code)?,
                outstanding: money(total),
                promises,
                payments,
                limitation_date: limitation
                    .map(|d| parse_date("debt.limitation_date", &d))
                    .transpose()?,
                last_activity: last
                    .map(|d| parse_datetime("activity.at", &d).map(|t| t.date()))
                    .transpose()?,
                vulnerable,
                vulnerable_since: since
                    .map(|d| parse_date("debtor.vulnerability_since", &d))
                    .transpose()?,
                objects_to_visits: objects,
                appointment: appt
                    .map(|d| parse_datetime("case_file.appointment", &d))
                    .transpose()?,
            });
        }
        Ok(out)
    }

    /// The days of the visits (and attempts) on each case's timeline from
    /// `since` on, for the visit limits (`domain::guard`).
    pub fn visit_days(
        &self,
        since: NaiveDate,
    ) -> Result<std::collections::HashMap<CaseId, Vec<NaiveDate>>, StoreError> {
        let mut st = self
            .conn
            .prepare_cached("SELECT case_id, at FROM activity WHERE kind = 'visit' AND at >= ?1")?;
        let rows = st.query_map([since.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out: std::collections::HashMap<CaseId, Vec<NaiveDate>> = Default::default();
        for row in rows {
            let (case, at) = row?;
            out.entry(CaseId(parse_uuid("activity.case_id", &case)?))
                .or_default()
                .push(parse_datetime("activity.at", &at)?.date());
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries() {
        let cases = [
            ("Wójcik", Some("\"wojcik\"*")),
            ("  jan  KOWAL ", Some("\"jan\"* \"kowal\"*")),
            ("PT/2024/004512", Some("\"pt2024004512\"*")),
            ("pt/2024/00", Some("\"pt202400\"*")),
            ("PT 2024 004512", Some("\"pt\"* \"2024\"* \"004512\"*")),
            ("600 123 456", Some("\"600123456\"*")),
            ("+48 600 123 456", Some("\"600123456\"*")),
            ("600123", Some("\"600123\"*")),
            ("\"; DROP TABLE", Some("\"drop\"* \"table\"*")),
            ("--", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(fts_query(input).as_deref(), expected, "{input}");
        }
    }
}
