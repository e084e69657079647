//! The case detail: everything about one case.

use crate::storage_error;
use api::{CaseDetail, CaseRequest, CommandError, DebtView, DebtorView, Field, Missing, Reason};
use chrono::NaiveDate;
use domain::priority::{key_flags, priority, CaseFacts, PriorityRules};
use domain::{CaseId, PromiseStatus};
use store::Store;

/// An offer's approval state as the case screen shows it.
pub fn approval_view(r: &store::OfferReview) -> api::ApprovalView {
    api::ApprovalView {
        state: match r.status {
            store::OfferApproval::Pending => api::ReviewState::Pending,
            store::OfferApproval::Approved => api::ReviewState::Approved,
            store::OfferApproval::Rejected => api::ReviewState::Rejected,
        },
        comment: r.comment.clone(),
        reviewed_by: r.reviewed_by.clone(),
        reviewed_at: r.reviewed_at,
    }
}

/// The case detail as the advisor opens it: the team lead's decisions on
/// its offers count as seen from now on (the sync bar stops announcing
/// them).
pub fn open_case(
    store: &mut Store,
    today: NaiveDate,
    req: &CaseRequest,
) -> Result<CaseDetail, CommandError> {
    let detail = get_case(store, today, req)?;
    let id: CaseId = req
        .case_id
        .parse()
        .map_err(|_| CommandError::invalid(Field::CaseId, Reason::MalformedId))?;
    store.see_decisions(Some(id), None).map_err(storage_error)?;
    Ok(detail)
}

pub fn get_case(
    store: &Store,
    today: NaiveDate,
    req: &CaseRequest,
) -> Result<CaseDetail, CommandError> {
    crate::case_data_open(store, today)?;
    let id: CaseId = req
        .case_id
        .parse()
        .map_err(|_| CommandError::invalid(Field::CaseId, Reason::MalformedId))?;
    let f = case_file(store, id)?;
    let total = f.outstanding();
    // The promise ledger on the day, offline: the same rule the server
    // applies when it stores the case.
    let verdict = domain::ledger::judge(&f, today, &crate::promise_rules(store)?);
    let status = verdict.status(f.case.status);
    let facts = CaseFacts {
        status,
        outstanding: total.total(),
        next_promise_due: verdict.ledger.next_open().map(|p| p.due_on),
        limitation_date: f.limitation_date(),
        last_activity: f.activities.iter().map(|a| a.at.date()).max(),
        vulnerable: f.is_vulnerable(),
        appointment: f.case.appointment.map(|a| a.date()),
    };
    let flags = key_flags(&facts, today, &PriorityRules::default());
    let prio = priority(&facts, &flags);
    let d = &f.debtor;
    Ok(CaseDetail {
        id: f.case.id.to_string(),
        number: f.case.number.clone(),
        status: status.into(),
        priority: prio.into(),
        flags: flags.into_iter().map(Into::into).collect(),
        opened_on: f.case.opened_on,
        appointment: f.case.appointment,
        debtor: DebtorView {
            name: d.full_name(),
            pesel: d.pesel.clone(),
            birth_date: domain::validate::parse_pesel(&d.pesel)
                .ok()
                .map(|p| p.birth_date),
            vulnerability: d.vulnerability.clone(),
            breathing_until: domain::breathing::on(
                d.vulnerability_since,
                today,
                &domain::breathing::BreathingRules::default(),
            )
            .map(|s| s.last_day),
            phones: d.phones.iter().map(Into::into).collect(),
            emails: d.emails.iter().map(|e| e.address.clone()).collect(),
            addresses: d.addresses.iter().map(Into::into).collect(),
            consents: d.consents.iter().map(Into::into).collect(),
        },
        debts: f.debts.iter().map(|x| debt_view(x, today)).collect(),
        total: total.into(),
        limitation_date: f.limitation_date(),
        time_barred: f.has_time_barred_claim(today),
        payments: f.payments.iter().map(Into::into).collect(),
        promises: verdict.ledger.promises.iter().map(Into::into).collect(),
        ledger: ledger_entries(&verdict.ledger)
            .into_iter()
            .map(|(_, e)| e)
            .collect(),
        receipts: store
            .door_receipts(f.case.id)
            .map_err(storage_error)?
            .iter()
            .map(|r| crate::receipt::receipt_view(r, &f))
            .collect(),
        in_force: f.agreement_in_force().map(|a| api::AgreementView {
            settlement_id: a.id.to_string(),
            number: a.number.clone(),
            signed_on: a.signed_on,
            total: a.total.amount(),
            unpaid: domain::offer::InForce::of(a).unpaid(&f).amount(),
            amendment: a.amends.is_some(),
            schedule: a
                .schedule
                .iter()
                .zip(1u32..)
                .map(|((due_on, amount), number)| api::InstallmentView {
                    number,
                    due_on: *due_on,
                    amount: amount.amount(),
                })
                .collect(),
        }),
        contacts: f.contacts.iter().map(Into::into).collect(),
        timeline: {
            let reviews = store.offer_reviews(f.case.id).map_err(storage_error)?;
            let offers = store.saved_offers(f.case.id).map_err(storage_error)?;
            let mut lines: Vec<api::ActivityView> = f
                .timeline_newest_first()
                .into_iter()
                .map(|a| {
                    let mut v = api::ActivityView::from(a);
                    v.approval = reviews
                        .iter()
                        .find(|r| r.offer_id == a.id.0)
                        .map(approval_view);
                    v.signing = offers
                        .iter()
                        .find(|o| o.id == a.id.0)
                        .map(crate::settlement::signing);
                    v.contact = f
                        .contacts
                        .iter()
                        .find(|r| r.id == a.id.0)
                        .map(crate::contact::overall);
                    v
                })
                .collect();
            lines.extend(ledger_entries(&verdict.ledger).into_iter().map(ledger_line));
            // Newest first; a stable sort keeps the stored lines' order.
            lines.sort_by_key(|a| std::cmp::Reverse(a.at));
            lines
        },
        photos: crate::photos::views(store, id)?,
        reports: {
            let mut reports: Vec<api::ReportView> = store
                .visits(id)
                .map_err(storage_error)?
                .into_iter()
                .map(|v| api::ReportView {
                    id: v.id.to_string(),
                    saved_at: v.created_at,
                    line: f
                        .activities
                        .iter()
                        .find(|a| a.id.0 == v.id)
                        .map(|a| a.summary.clone())
                        .unwrap_or_default(),
                })
                .collect();
            reports.reverse();
            reports
        },
    })
}

/// The ledger's lines with the day each belongs to, newest first: each
/// payment match on the day paid; a promise kept on the day of its last
/// payment, broken on the day after its last day of grace, pending on the
/// day it was made.
fn ledger_entries(l: &domain::ledger::PromiseLedger) -> Vec<(NaiveDate, api::LedgerEntry)> {
    let mut out: Vec<(NaiveDate, api::LedgerEntry)> =
        l.matches.iter().map(|m| (m.paid_on, m.into())).collect();
    for p in &l.promises {
        let on = match p.state {
            PromiseStatus::Kept => l
                .matches
                .iter()
                .filter(|m| m.promise == p.id)
                .map(|m| m.paid_on)
                .max()
                .unwrap_or(p.made_on),
            PromiseStatus::Broken => p.broken_from().unwrap_or(p.last_day),
            PromiseStatus::Pending => p.made_on,
        };
        out.push((on, p.into()));
    }
    out.sort_by_key(|a| std::cmp::Reverse(a.0));
    out
}

/// A ledger line on the timeline: worded in Polish like every timeline
/// entry, by the system, with the entry itself for another language.
fn ledger_line((on, entry): (NaiveDate, api::LedgerEntry)) -> api::ActivityView {
    api::ActivityView {
        at: on.and_time(chrono::NaiveTime::MIN),
        kind: match entry {
            api::LedgerEntry::PaymentMatched { .. } => api::ActivityKind::Payment,
            api::LedgerEntry::Promise { .. } => api::ActivityKind::Promise,
        },
        author: "System".into(),
        summary: api::labels::ledger_entry(api::labels::Lang::Pl, &entry),
        approval: None,
        received_at: None,
        signing: None,
        ledger: Some(entry),
        contact: None,
    }
}

/// One debt as the case screens show it on `today` (the advisor's and
/// the back office's).
pub(crate) fn debt_view(x: &domain::Debt, today: NaiveDate) -> DebtView {
    DebtView {
        title: x.title.clone(),
        original_creditor: x.original_creditor.clone(),
        amounts: x.outstanding.into(),
        due_since: x.due_since,
        limitation_date: x.limitation_date,
        time_barred: x.is_time_barred(today),
        limitation: limitation_of(x, today),
    }
}

/// One debt's limitation on `today`, as the offer engine judges it: barred
/// from the day after its last enforceable day.
fn limitation_of(d: &domain::Debt, today: NaiveDate) -> api::DebtLimitation {
    let since = d.time_barred_from().unwrap_or(d.limitation_date);
    if d.is_time_barred_claim(today) {
        api::DebtLimitation::TimeBarred { since }
    } else if d.is_time_barred(today) {
        api::DebtLimitation::BarredPaid { since }
    } else {
        api::DebtLimitation::Enforceable {
            until: d.limitation_date,
        }
    }
}

/// The case file on this device, or "the case is not on this device".
pub(crate) fn case_file(store: &Store, id: CaseId) -> Result<domain::CaseFile, CommandError> {
    store
        .case_file(id)
        .map_err(storage_error)?
        .ok_or_else(|| CommandError::NotFound {
            what: Missing::Case,
            key: Some(id.to_string()),
        })
}
