//! Reading and writing whole case files.

use crate::codec::*;
use crate::{Store, StoreError};
use chrono::NaiveDate;
use domain::*;
use rusqlite::{params, OptionalExtension, Transaction};

/// One row of the case list: the key facts without the whole file.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseSummary {
    pub id: CaseId,
    pub number: String,
    pub debtor_name: String,
    pub city: String,
    pub status: CaseStatus,
    pub outstanding: Money,
    /// The case's promises and its payments, the inputs of its promise
    /// ledger (`domain::ledger`), which decides on the day asked which
    /// promise is next open and which is broken (issue 11: a stored
    /// "earliest pending promise" hid a later one due soon). Both are empty
    /// for a case without promises.
    pub promises: Vec<Promise>,
    pub payments: Vec<Payment>,
    /// The earliest limitation date over the case's debts.
    pub limitation_date: Option<NaiveDate>,
    /// The date of the latest timeline entry.
    pub last_activity: Option<NaiveDate>,
    pub vulnerable: bool,
    /// The day the vulnerability was noted, if known (its breathing space).
    pub vulnerable_since: Option<NaiveDate>,
    /// The client refused home visits (the consent to contact by home
    /// visit recorded as not granted).
    pub objects_to_visits: bool,
    pub appointment: Option<chrono::NaiveDateTime>,
    /// Why the case matched the text searched, when its name, number and
    /// town do not say it (a PESEL, a phone, an address).
    pub matched: Vec<domain::search::Matched>,
}

impl CaseSummary {
    /// The case's promise ledger on `today` and whether it moves the case
    /// to "broken promise": the same rule as on the server.
    pub fn verdict(
        &self,
        today: NaiveDate,
        rules: &domain::status::PromiseRules,
    ) -> domain::ledger::Verdict {
        domain::ledger::verdict(self.status, &self.promises, &self.payments, today, rules)
    }
}

impl Store {
    /// Saves advisors and case files in one transaction (a portfolio import
    /// or a first sync).
    pub fn import(&mut self, advisors: &[Advisor], cases: &[CaseFile]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for a in advisors {
            upsert_advisor(&tx, a)?;
        }
        for c in cases {
            upsert_case_file(&tx, c)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Saves one case file, replacing what the replica held for it.
    pub fn save_case_file(&mut self, file: &CaseFile) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        upsert_case_file(&tx, file)?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a case (reassigned away or closed) with everything under it,
    /// and its debtor when no other case of the replica refers to them.
    pub fn remove_case(&mut self, id: CaseId) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        delete_case(&tx, id)?;
        tx.commit()?;
        Ok(())
    }

    pub fn advisors(&self) -> Result<Vec<Advisor>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT id, name, base_lat, base_lon, base_label FROM advisor ORDER BY name",
        )?;
        let rows = st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, f64>(2)?,
                r.get::<_, f64>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, name, lat, lon, base_label) = row?;
            out.push(Advisor {
                id: AdvisorId(parse_uuid("advisor.id", &id)?),
                name,
                base: GeoPoint { lat, lon },
                base_label,
            });
        }
        Ok(out)
    }

    pub fn case_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM case_file", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// The whole file of one case, or `None` when the replica does not hold it.
    pub fn case_file(&self, id: CaseId) -> Result<Option<CaseFile>, StoreError> {
        let key = id.to_string();
        let row = self
            .conn
            .query_row(
                "SELECT number, debtor_id, advisor_id, status, opened_on, appointment FROM case_file WHERE id = ?1",
                [&key],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, Option<String>>(5)?,
                    ))
                },
            )
            .optional()?;
        let Some((number, debtor_id, advisor_id, status, opened_on, appointment)) = row else {
            return Ok(None);
        };
        let case = Case {
            id,
            number,
            debtor_id: DebtorId(parse_uuid("case_file.debtor_id", &debtor_id)?),
            advisor_id: AdvisorId(parse_uuid("case_file.advisor_id", &advisor_id)?),
            status: code("case_file.status", &status, CaseStatus::from_code)?,
            opened_on: parse_date("case_file.opened_on", &opened_on)?,
            appointment: appointment
                .map(|a| parse_datetime("case_file.appointment", &a))
                .transpose()?,
        };
        let debtor = self.debtor(&debtor_id)?;
        Ok(Some(CaseFile {
            debts: self.debts(id, &key)?,
            payments: self.payments(id, &key)?,
            promises: self.promises(id, &key)?,
            activities: self.activities(id, &key)?,
            agreements: agreements(&self.conn, &key)?,
            contacts: crate::contacts::records(&self.conn, &key)?,
            thread: crate::messages::thread(&self.conn, &key)?,
            case,
            debtor,
        }))
    }

    fn debtor(&self, key: &str) -> Result<Debtor, StoreError> {
        let (first_name, last_name, pesel, vulnerability, since) = self.conn.query_row(
            "SELECT first_name, last_name, pesel, vulnerability, vulnerability_since
             FROM debtor WHERE id = ?1",
            [key],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                ))
            },
        )?;
        let mut phones = Vec::new();
        let mut st = self.conn.prepare_cached(
            "SELECT id, number, kind, is_primary, mark FROM phone WHERE debtor_id = ?1 ORDER BY position",
        )?;
        for row in st.query_map([key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })? {
            let (id, number, kind, primary, mark) = row?;
            phones.push(Phone {
                id: ContactId(parse_uuid("phone.id", &id)?),
                number,
                kind: code("phone.kind", &kind, PhoneKind::from_code)?,
                primary,
                mark: mark
                    .map(|m| code("phone.mark", &m, PhoneMark::from_code))
                    .transpose()?,
            });
        }
        let mut emails = Vec::new();
        let mut st = self.conn.prepare_cached(
            "SELECT id, address, is_primary FROM email WHERE debtor_id = ?1 ORDER BY position",
        )?;
        for row in st.query_map([key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
            ))
        })? {
            let (id, address, primary) = row?;
            emails.push(Email {
                id: ContactId(parse_uuid("email.id", &id)?),
                address,
                primary,
            });
        }
        let mut addresses = Vec::new();
        let mut st = self.conn.prepare_cached(
            "SELECT id, kind, street, postal_code, city, lat, lon FROM address WHERE debtor_id = ?1 ORDER BY position",
        )?;
        for row in st.query_map([key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<f64>>(5)?,
                r.get::<_, Option<f64>>(6)?,
            ))
        })? {
            let (id, kind, street, postal_code, city, lat, lon) = row?;
            addresses.push(Address {
                id: ContactId(parse_uuid("address.id", &id)?),
                kind: code("address.kind", &kind, AddressKind::from_code)?,
                street,
                postal_code,
                city,
                location: lat.zip(lon).map(|(lat, lon)| GeoPoint { lat, lon }),
            });
        }
        let mut consents = Vec::new();
        let mut st = self.conn.prepare_cached(
            "SELECT kind, granted, recorded_on, marketing, method, captured_by FROM consent
             WHERE debtor_id = ?1 ORDER BY rowid",
        )?;
        for row in st.query_map([key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, bool>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })? {
            let (kind, granted, recorded_on, marketing, method, captured_by) = row?;
            consents.push(Consent {
                kind: code("consent.kind", &kind, ConsentKind::from_code)?,
                granted,
                recorded_on: parse_date("consent.recorded_on", &recorded_on)?,
                marketing,
                method: method
                    .map(|m| code("consent.method", &m, crate::contacts::method_from_code))
                    .transpose()?,
                captured_by,
            });
        }
        Ok(Debtor {
            id: DebtorId(parse_uuid("debtor.id", key)?),
            first_name,
            last_name,
            pesel,
            phones,
            emails,
            addresses,
            consents,
            vulnerability,
            vulnerability_since: since
                .map(|d| parse_date("debtor.vulnerability_since", &d))
                .transpose()?,
        })
    }

    fn debts(&self, case_id: CaseId, key: &str) -> Result<Vec<Debt>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, title, original_creditor, creditor_kind, principal, interest, costs, due_since, limitation_date
             FROM debt WHERE case_id = ?1 ORDER BY position",
        )?;
        let rows = st.query_map([key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, title, original_creditor, kind, p, i, c, due, lim) = row?;
            out.push(Debt {
                id: DebtId(parse_uuid("debt.id", &id)?),
                case_id,
                title,
                original_creditor,
                creditor_kind: code("debt.creditor_kind", &kind, CreditorKind::from_code)?,
                outstanding: DebtComponents {
                    principal: money(p),
                    interest: money(i),
                    costs: money(c),
                },
                due_since: parse_date("debt.due_since", &due)?,
                limitation_date: parse_date("debt.limitation_date", &lim)?,
            });
        }
        Ok(out)
    }

    pub(crate) fn payments(&self, case_id: CaseId, key: &str) -> Result<Vec<Payment>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, paid_on, amount, channel FROM payment WHERE case_id = ?1 ORDER BY paid_on DESC, id",
        )?;
        let rows = st.query_map([key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, paid_on, amount, channel) = row?;
            out.push(Payment {
                id: PaymentId(parse_uuid("payment.id", &id)?),
                case_id,
                paid_on: parse_date("payment.paid_on", &paid_on)?,
                amount: money(amount),
                channel: code("payment.channel", &channel, PaymentChannel::from_code)?,
            });
        }
        Ok(out)
    }

    pub(crate) fn promises(&self, case_id: CaseId, key: &str) -> Result<Vec<Promise>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, made_on, due_on, amount, status FROM promise WHERE case_id = ?1 ORDER BY due_on DESC, id",
        )?;
        let rows = st.query_map([key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, made_on, due_on, amount, status) = row?;
            out.push(Promise {
                id: PromiseId(parse_uuid("promise.id", &id)?),
                case_id,
                made_on: parse_date("promise.made_on", &made_on)?,
                due_on: parse_date("promise.due_on", &due_on)?,
                amount: money(amount),
                status: code("promise.status", &status, PromiseStatus::from_code)?,
            });
        }
        Ok(out)
    }

    fn activities(&self, case_id: CaseId, key: &str) -> Result<Vec<Activity>, StoreError> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, at, kind, author, summary, received_at FROM activity WHERE case_id = ?1 ORDER BY at DESC, id",
        )?;
        let rows = st.query_map([key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, at, kind, author, summary, received_at) = row?;
            out.push(Activity {
                id: ActivityId(parse_uuid("activity.id", &id)?),
                case_id,
                at: parse_datetime("activity.at", &at)?,
                kind: code("activity.kind", &kind, ActivityKind::from_code)?,
                author,
                summary,
                received_at: received_at
                    .map(|t| parse_datetime("activity.received_at", &t))
                    .transpose()?,
            });
        }
        Ok(out)
    }
}

/// Deletes a case with everything under it, and its debtor when no other case
/// refers to them.
pub(crate) fn delete_case(tx: &Transaction<'_>, id: CaseId) -> Result<(), StoreError> {
    let key = id.to_string();
    let debtor: Option<String> = tx
        .query_row(
            "SELECT debtor_id FROM case_file WHERE id = ?1",
            [&key],
            |r| r.get(0),
        )
        .optional()?;
    tx.execute(
        "DELETE FROM case_search WHERE rowid = (SELECT rowid FROM case_file WHERE id = ?1)",
        [&key],
    )?;
    tx.execute("DELETE FROM case_file WHERE id = ?1", [&key])?;
    if let Some(d) = debtor {
        tx.execute(
            "DELETE FROM debtor WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM case_file WHERE debtor_id = ?1)",
            [&d],
        )?;
    }
    Ok(())
}

pub(crate) fn upsert_advisor(tx: &Transaction<'_>, a: &Advisor) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO advisor (id, name, base_lat, base_lon, base_label) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, base_lat = excluded.base_lat,
           base_lon = excluded.base_lon, base_label = excluded.base_label",
    )?
    .execute(params![
        a.id.to_string(),
        a.name,
        a.base.lat,
        a.base.lon,
        a.base_label
    ])?;
    Ok(())
}

fn upsert_debtor(tx: &Transaction<'_>, d: &Debtor) -> Result<(), StoreError> {
    let key = d.id.to_string();
    tx.prepare_cached(
        "INSERT INTO debtor (id, first_name, last_name, pesel, vulnerability, sort_name,
           vulnerability_since) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(id) DO UPDATE SET first_name = excluded.first_name, last_name = excluded.last_name,
           pesel = excluded.pesel, vulnerability = excluded.vulnerability, sort_name = excluded.sort_name,
           vulnerability_since = excluded.vulnerability_since",
    )?
    .execute(params![
        key,
        d.first_name,
        d.last_name,
        d.pesel,
        d.vulnerability,
        domain::search::fold(&format!("{} {}", d.last_name, d.first_name)),
        d.vulnerability_since.map(|s| s.to_string())
    ])?;
    for table in ["phone", "email", "address", "consent"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE debtor_id = ?1"))?
            .execute([&key])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO phone (id, debtor_id, position, number, kind, is_primary, mark)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, p) in (0i64..).zip(d.phones.iter()) {
        st.execute(params![
            p.id.to_string(),
            key,
            i,
            p.number,
            p.kind.code(),
            p.primary,
            p.mark.map(PhoneMark::code)
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO email (id, debtor_id, position, address, is_primary) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for (i, e) in (0i64..).zip(d.emails.iter()) {
        st.execute(params![e.id.to_string(), key, i, e.address, e.primary])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO address (id, debtor_id, position, kind, street, postal_code, city, lat, lon)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, a) in (0i64..).zip(d.addresses.iter()) {
        st.execute(params![
            a.id.to_string(),
            key,
            i,
            a.kind.code(),
            a.street,
            a.postal_code,
            a.city,
            a.location.map(|l| l.lat),
            a.location.map(|l| l.lon)
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO consent (debtor_id, kind, granted, recorded_on, marketing, method, captured_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (debtor_id, kind, marketing) DO UPDATE SET granted = excluded.granted,
           recorded_on = excluded.recorded_on, method = excluded.method,
           captured_by = excluded.captured_by",
    )?;
    for c in &d.consents {
        st.execute(params![
            key,
            c.kind.code(),
            c.granted,
            date(c.recorded_on),
            c.marketing,
            c.method.map(crate::contacts::method_code),
            c.captured_by
        ])?;
    }
    Ok(())
}

pub(crate) fn upsert_case_file(tx: &Transaction<'_>, f: &CaseFile) -> Result<(), StoreError> {
    upsert_debtor(tx, &f.debtor)?;
    let c = &f.case;
    let key = c.id.to_string();
    tx.prepare_cached(
        "INSERT INTO case_file (id, number, debtor_id, advisor_id, status, opened_on, appointment)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(id) DO UPDATE SET number = excluded.number, debtor_id = excluded.debtor_id,
           advisor_id = excluded.advisor_id, status = excluded.status, opened_on = excluded.opened_on,
           appointment = excluded.appointment",
    )?
    .execute(params![
        key,
        c.number,
        c.debtor_id.to_string(),
        c.advisor_id.to_string(),
        c.status.code(),
        date(c.opened_on),
        c.appointment.map(datetime)
    ])?;
    for table in ["debt", "payment", "promise", "activity", "agreement"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE case_id = ?1"))?
            .execute([&key])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO debt (id, case_id, position, title, original_creditor, creditor_kind, principal, interest,
           costs, due_since, limitation_date) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (i, d) in (0i64..).zip(f.debts.iter()) {
        st.execute(params![
            d.id.to_string(),
            key,
            i,
            d.title,
            d.original_creditor,
            d.creditor_kind.code(),
            d.outstanding.principal.grosze(),
            d.outstanding.interest.grosze(),
            d.outstanding.costs.grosze(),
            date(d.due_since),
            date(d.limitation_date)
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO payment (id, case_id, paid_on, amount, channel) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for p in &f.payments {
        st.execute(params![
            p.id.to_string(),
            key,
            date(p.paid_on),
            p.amount.grosze(),
            p.channel.code()
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO promise (id, case_id, made_on, due_on, amount, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for p in &f.promises {
        st.execute(params![
            p.id.to_string(),
            key,
            date(p.made_on),
            date(p.due_on),
            p.amount.grosze(),
            p.status.code()
        ])?;
    }
    let mut st = tx.prepare_cached(
        "INSERT INTO activity (id, case_id, at, kind, author, summary, received_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for a in &f.activities {
        st.execute(params![
            a.id.to_string(),
            key,
            datetime(a.at),
            a.kind.code(),
            a.author,
            a.summary,
            a.received_at.map(datetime)
        ])?;
    }
    for a in &f.agreements {
        insert_agreement(tx, c.id, a)?;
    }
    crate::contacts::replace_from_server(tx, &key, &f.contacts)?;
    crate::messages::replace(tx, &key, &f.thread)?;
    refresh_summary(tx, &key)?;
    crate::search::reindex(tx, f)?;
    Ok(())
}

/// Adds a signed agreement to a case, last; inside the caller's
/// transaction.
pub(crate) fn insert_agreement(
    tx: &Transaction<'_>,
    case: CaseId,
    a: &domain::SignedAgreement,
) -> Result<(), StoreError> {
    let schedule: Vec<String> = a
        .schedule
        .iter()
        .map(|(d, m)| format!("{} {}", date(*d), m.grosze()))
        .collect();
    tx.prepare_cached(
        "INSERT INTO agreement (id, case_id, position, number, signed_on, total, voluntary_only,
           schedule, amends)
         VALUES (?1, ?2, (SELECT count(*) FROM agreement WHERE case_id = ?2), ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(id) DO NOTHING",
    )?
    .execute(params![
        a.id.to_string(),
        case.to_string(),
        a.number,
        date(a.signed_on),
        a.total.grosze(),
        i64::from(a.voluntary_only),
        schedule.join("\n"),
        a.amends.map(|u| u.to_string())
    ])?;
    Ok(())
}

fn agreements(
    conn: &rusqlite::Connection,
    key: &str,
) -> Result<Vec<domain::SignedAgreement>, StoreError> {
    type Row = (String, String, String, i64, i64, String, Option<String>);
    let mut st = conn.prepare_cached(
        "SELECT id, number, signed_on, total, voluntary_only, schedule, amends FROM agreement
         WHERE case_id = ?1 ORDER BY position",
    )?;
    let rows = st.query_map([key], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
        ))
    })?;
    rows.map(|row| {
        let (id, number, signed_on, total, voluntary_only, schedule, amends): Row = row?;
        let corrupt = || StoreError::Corrupt {
            column: "agreement.schedule",
            value: schedule.chars().take(80).collect(),
        };
        let schedule = schedule
            .lines()
            .map(|line| {
                let (d, g) = line.split_once(' ').ok_or_else(corrupt)?;
                let grosze: i64 = g.parse().map_err(|_| corrupt())?;
                Ok((parse_date("agreement.schedule", d)?, money(grosze)))
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(domain::SignedAgreement {
            id: parse_uuid("agreement.id", &id)?,
            number,
            signed_on: parse_date("agreement.signed_on", &signed_on)?,
            total: money(total),
            voluntary_only: voluntary_only != 0,
            schedule,
            amends: amends
                .map(|a| parse_uuid("agreement.amends", &a))
                .transpose()?,
        })
    })
    .collect()
}

/// Recomputes the case list's key facts of one case from its rows. Every
/// write to a case's debts, promises, activities or its debtor's addresses
/// calls this in the same transaction. `next_promise_due` is the earliest
/// date of any promise of the case: the list reads it only to know that a
/// case has promises, and then takes the next open one from the promise
/// ledger on the day (`CaseSummary::verdict`), since which promise is open
/// depends on the day and the payments.
pub(crate) fn refresh_summary(tx: &Transaction<'_>, case_key: &str) -> Result<(), StoreError> {
    tx.prepare_cached(
        "UPDATE case_file SET
           city = COALESCE((SELECT city FROM address a WHERE a.debtor_id = case_file.debtor_id
                            ORDER BY (a.kind = 'residence') DESC, a.position LIMIT 1), ''),
           outstanding = (SELECT COALESCE(SUM(principal + interest + costs), 0) FROM debt WHERE case_id = ?1),
           next_promise_due = (SELECT MIN(due_on) FROM promise WHERE case_id = ?1),
           limitation_date = (SELECT MIN(limitation_date) FROM debt WHERE case_id = ?1),
           last_activity = (SELECT MAX(at) FROM activity WHERE case_id = ?1)
         WHERE id = ?1",
    )?
    .execute([case_key])?;
    Ok(())
}
