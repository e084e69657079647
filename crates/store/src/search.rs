//! Full-text search over the case list (FTS5). Both the indexed text and the
//! query are folded by `domain::search::fold`, so diacritics never matter.

use crate::cases::CaseSummary;
use crate::codec::*;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use domain::search::{
    digits, fold, matched, number_words, phone_words, query_prefixes, unexplained, Hidden,
};
use domain::*;
use rusqlite::{params, OptionalExtension, Transaction};

/// What the case list asks for.
#[derive(Debug, Clone, Default)]
pub struct CaseQuery {
    /// Free text: a name, a case number, a street or town, a phone number.
    pub text: String,
    pub status: Option<CaseStatus>,
    /// At most this many rows; `None` for all.
    pub limit: Option<usize>,
}

/// Rebuilds the search row of one case: each fact in its own column
/// (migration 0018), folded by the domain's rule.
pub(crate) fn reindex(tx: &Transaction<'_>, f: &CaseFile) -> Result<(), StoreError> {
    let key = f.case.id.to_string();
    let number = number_words(&f.case.number).join(" ");
    let places: Vec<String> = f.debtor.addresses.iter().map(|a| a.one_line()).collect();
    let phones: Vec<String> = f.debtor.phones.iter().map(|p| p.number.clone()).collect();
    let phone_words: Vec<String> = phones.iter().map(|p| phone_words(p).join(" ")).collect();
    // The search row shares the case's rowid (migration 0004): replacing it
    // is a rowid lookup, never a scan of the index.
    tx.prepare_cached(
        "INSERT OR REPLACE INTO case_search
           (rowid, case_id, name, number, places, phones, pesel, places_shown, phones_shown)
         SELECT rowid, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM case_file WHERE id = ?1",
    )?
    .execute(params![
        key,
        fold(&f.debtor.full_name()),
        number,
        places
            .iter()
            .map(|a| fold(a))
            .collect::<Vec<_>>()
            .join(" | "),
        phone_words.join(" | "),
        digits(&f.debtor.pesel),
        places.join("\n"),
        phones.join("\n"),
    ])?;
    Ok(())
}

/// Turns what the advisor typed into an FTS5 query, or `None` when nothing
/// searchable was typed: every prefix of `domain::search::query_prefixes`
/// must begin a word of the case.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let prefixes = query_prefixes(text);
    if prefixes.is_empty() {
        None
    } else {
        Some(
            prefixes
                .iter()
                .map(|p| format!("\"{p}\"*"))
                .collect::<Vec<_>>()
                .join(" "),
        )
    }
}

impl Store {
    /// Fills the search table from the case files when a migration asked
    /// for it (0018 rebuilt the table), 500 cases per transaction; the
    /// request is removed with the last one, so a crash midway starts over
    /// on the next open.
    pub(crate) fn reindex_if_asked(&mut self) -> Result<(), StoreError> {
        let asked: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_state WHERE key = 'search_reindex')",
            [],
            |r| r.get(0),
        )?;
        if !asked {
            return Ok(());
        }
        let ids: Vec<String> = {
            let mut st = self
                .conn
                .prepare("SELECT id FROM case_file ORDER BY rowid")?;
            let rows = st.query_map([], |r| r.get::<_, String>(0))?;
            rows.collect::<Result<_, _>>()?
        };
        self.conn.execute("DELETE FROM case_search", [])?;
        for chunk in ids.chunks(500) {
            let mut files = Vec::with_capacity(chunk.len());
            for id in chunk {
                if let Some(f) = self.case_file(CaseId(parse_uuid("case_file.id", id)?))? {
                    files.push(f);
                }
            }
            let tx = self.conn.transaction()?;
            for f in &files {
                reindex(&tx, f)?;
            }
            tx.commit()?;
        }
        self.conn
            .execute("DELETE FROM sync_state WHERE key = 'search_reindex'", [])?;
        Ok(())
    }

    /// The case list: cases matching the text and the status, sorted by the
    /// debtor's name.
    pub fn search(&self, q: &CaseQuery) -> Result<Vec<CaseSummary>, StoreError> {
        let fts = fts_query(&q.text);
        if fts.is_none() && !q.text.trim().is_empty() {
            // Only punctuation was typed: nothing can match.
            return Ok(Vec::new());
        }
        let prefixes = query_prefixes(&q.text);
        let limit = q.limit.map_or(-1, |l| i64::try_from(l).unwrap_or(i64::MAX));
        let mut st = self.conn.prepare_cached(
            "SELECT c.id, c.number, d.first_name || ' ' || d.last_name, c.city, c.status,
               c.outstanding, c.next_promise_due, c.limitation_date, c.last_activity,
               d.vulnerability IS NOT NULL, c.appointment, d.vulnerability_since,
               EXISTS (SELECT 1 FROM consent k WHERE k.debtor_id = d.id
                         AND k.kind = 'home_visit' AND k.marketing = 0 AND k.granted = 0),
               c.rowid
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
                r.get::<_, i64>(13)?,
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
                rowid,
            ) = row?;
            // Why the row matched, when its name, number and town do not
            // say it: the hidden facts of its search row.
            let open = unexplained(&prefixes, &[&debtor_name, &number, &city]);
            let matched = if open.is_empty() {
                Vec::new()
            } else {
                matched(&open, &self.hidden_facts(rowid)?)
            };
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
                matched,
            });
        }
        Ok(out)
    }

    /// The PESEL, phones and addresses of a case's search row.
    fn hidden_facts(&self, rowid: i64) -> Result<Hidden, StoreError> {
        let lines = |t: Option<String>| -> Vec<String> {
            t.unwrap_or_default()
                .split('\n')
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        };
        let row = self
            .conn
            .prepare_cached(
                "SELECT pesel, phones_shown, places_shown FROM case_search WHERE rowid = ?1",
            )?
            .query_row([rowid], |r| {
                Ok((
                    r.get::<_, Option<String>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })
            .optional()?;
        Ok(
            row.map_or_else(Hidden::default, |(pesel, phones, places)| Hidden {
                pesel: pesel.unwrap_or_default(),
                phones: lines(phones),
                addresses: lines(places),
            }),
        )
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
            ("669-372-500", Some("\"669372500\"*")),
            ("0048669372500", Some("\"669372500\"*")),
            ("\"; DROP TABLE", Some("\"drop\"* \"table\"*")),
            ("--", None),
            ("", None),
        ];
        for (input, expected) in cases {
            assert_eq!(fts_query(input).as_deref(), expected, "{input}");
        }
    }
}
