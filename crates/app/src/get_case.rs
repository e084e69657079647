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

pub fn get_case(
    store: &Store,
    today: NaiveDate,
    req: &CaseRequest,
) -> Result<CaseDetail, CommandError> {
    let id: CaseId = req
        .case_id
        .parse()
        .map_err(|_| CommandError::invalid(Field::CaseId, Reason::MalformedId))?;
    let f = case_file(store, id)?;
    let total = f.outstanding();
    let facts = CaseFacts {
        status: f.case.status,
        outstanding: total.total(),
        next_promise_due: f
            .promises
            .iter()
            .filter(|p| p.status == PromiseStatus::Pending)
            .map(|p| p.due_on)
            .min(),
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
        status: f.case.status.into(),
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
            phones: d.phones.iter().map(Into::into).collect(),
            emails: d.emails.iter().map(|e| e.address.clone()).collect(),
            addresses: d.addresses.iter().map(Into::into).collect(),
            consents: d.consents.iter().map(Into::into).collect(),
        },
        debts: f
            .debts
            .iter()
            .map(|x| DebtView {
                title: x.title.clone(),
                original_creditor: x.original_creditor.clone(),
                amounts: x.outstanding.into(),
                due_since: x.due_since,
                limitation_date: x.limitation_date,
                time_barred: x.is_time_barred(today),
                limitation: limitation_of(x, today),
            })
            .collect(),
        total: total.into(),
        limitation_date: f.limitation_date(),
        time_barred: f.has_time_barred_claim(today),
        payments: f.payments.iter().map(Into::into).collect(),
        promises: f.promises.iter().map(Into::into).collect(),
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
        timeline: {
            let reviews = store.offer_reviews(f.case.id).map_err(storage_error)?;
            let offers = store.saved_offers(f.case.id).map_err(storage_error)?;
            f.timeline_newest_first()
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
                    v
                })
                .collect()
        },
    })
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
