//! The offer screen: all variants for a case and the client's budget, and
//! saving the chosen one offline (to the timeline and the outbox).

use crate::capture::{record, Approval, Capture};
use crate::storage_error;
use api::{
    ApprovalCode, CommandError, Field, InstallmentView, OfferForm, OfferKind, OffersView, Reason,
    SaveOfferRequest, SavedOffer, UnbuiltView, VariantView, Verdict,
};
use chrono::{NaiveDate, NaiveDateTime};
use domain::offer::{
    ApprovalReason, Authority, Budget, CustomTerms, Expenses, OfferInputs, OfferRequest, Policy,
    Variant, VariantKind,
};
use domain::{CaseFile, CaseId, Money};
use store::Store;
use sync_proto::{MutationKind, OfferBody, OfferTermsDto};

/// The company's standard policy: what a device uses until the server has
/// sent the advisor's own (`sync_proto::OfferPolicyDto::standard`).
pub fn policy() -> Policy {
    sync_proto::OfferPolicyDto::standard().policy()
}

/// An advisor's standard authority, until the server sends theirs.
pub fn authority() -> Authority {
    sync_proto::OfferPolicyDto::standard().authority()
}

/// The policy and authority in force on this device: the ones the server
/// last sent with the advisor's data, else the standard ones.
pub fn policy_in_force(store: &Store) -> Result<(Policy, Authority), CommandError> {
    Ok(store
        .offer_policy()
        .map_err(storage_error)?
        .unwrap_or_else(|| (policy(), authority())))
}

fn amount(field: Field, text: &str) -> Result<Money, CommandError> {
    if text.trim().is_empty() {
        return Ok(Money::ZERO);
    }
    domain::validate::parse_amount(text).map_err(|e| CommandError::invalid(field, (&e).into()))
}

fn kind_of(k: VariantKind) -> OfferKind {
    match k {
        VariantKind::LumpSum => OfferKind::LumpSum,
        VariantKind::FitsBudget => OfferKind::FitsBudget,
        VariantKind::LowestInstallment => OfferKind::LowestInstallment,
        VariantKind::Forbearance => OfferKind::Forbearance,
        VariantKind::Custom => OfferKind::Custom,
    }
}

fn approval_code(a: &ApprovalReason) -> ApprovalCode {
    match a {
        ApprovalReason::DiscountShareAboveAuthority { .. } => ApprovalCode::DiscountShare,
        ApprovalReason::DiscountAmountAboveAuthority { .. } => ApprovalCode::DiscountAmount,
        ApprovalReason::PrincipalDiscount { .. } => ApprovalCode::PrincipalDiscount,
        ApprovalReason::TermAboveAuthority { .. } => ApprovalCode::Term,
        ApprovalReason::InstallmentBelowMinimum { .. } => ApprovalCode::InstallmentBelowMinimum,
        ApprovalReason::DownPaymentBelowPolicy { .. } => ApprovalCode::DownPaymentBelowPolicy,
        ApprovalReason::ForbearanceWithoutVulnerability => {
            ApprovalCode::ForbearanceWithoutVulnerability
        }
    }
}

fn view(v: &Variant) -> VariantView {
    VariantView {
        kind: kind_of(v.kind),
        total: v.total.amount(),
        discount: (v.discount.costs + v.discount.interest + v.discount.principal).amount(),
        down_payment: v.down_payment.amount(),
        installment: v.installment.amount(),
        term_months: v.term_months,
        pause_months: v.pause_months,
        schedule: v
            .schedule
            .iter()
            .map(|i| InstallmentView {
                number: i.number,
                due_on: i.due_on,
                amount: i.amount.amount(),
            })
            .collect(),
        verdict: match v.affordability.verdict {
            domain::offer::Verdict::Affordable => Verdict::Affordable,
            domain::offer::Verdict::NeedsReason => Verdict::NeedsReason,
            domain::offer::Verdict::Unaffordable => Verdict::Unaffordable,
        },
        share: v.affordability.share,
        approval: v.approval.iter().map(approval_code).collect(),
        voluntary_only: v.voluntary_only,
        requires_reason: v.requires_reason,
    }
}

struct Built {
    file: CaseFile,
    offers: domain::offer::Offers,
    request: OfferRequest,
    inputs: OfferInputs,
    /// For an amendment: the agreement it amends.
    amends: Option<uuid::Uuid>,
}

fn build(store: &Store, today: NaiveDate, form: &OfferForm) -> Result<Built, CommandError> {
    let id: CaseId = form
        .case_id
        .parse()
        .map_err(|_| CommandError::invalid(Field::CaseId, Reason::MalformedId))?;
    let file = crate::get_case::case_file(store, id)?;
    if !(1..=31).contains(&form.due_day) {
        return Err(CommandError::invalid(Field::DueDay, Reason::OutOfRange));
    }
    let budget = Budget {
        income: amount(Field::Income, &form.income)?,
        expenses: Expenses {
            housing: amount(Field::Housing, &form.housing)?,
            utilities: amount(Field::Utilities, &form.utilities)?,
            food: amount(Field::Food, &form.food)?,
            transport: amount(Field::Transport, &form.transport)?,
            dependants: amount(Field::Dependants, &form.dependants)?,
            other_debts: amount(Field::OtherDebts, &form.other_debts)?,
        },
    };
    let custom = match form.custom_term {
        Some(term_months) => Some(CustomTerms {
            term_months,
            down_payment: amount(Field::CustomDownPayment, &form.custom_down_payment)?,
            discount: Money::ZERO,
            due_day: form.due_day,
            pause_months: 0,
            interest_freeze: false,
        }),
        None => None,
    };
    let (policy, authority) = policy_in_force(store)?;
    let inputs = OfferInputs {
        today,
        budget,
        due_day: form.due_day,
        custom,
    };
    let amends = form
        .amends
        .as_deref()
        .map(|s| {
            s.parse::<uuid::Uuid>()
                .map_err(|_| CommandError::invalid(Field::Offer, Reason::MalformedId))
        })
        .transpose()?;
    // The same request the server builds again from the offer's terms: on
    // the case, or on what is unpaid under the agreement it amends.
    let request = match crate::settlement::amended(&file, amends)? {
        None => OfferRequest::for_case(&file, inputs.clone(), policy, authority),
        Some(here) => OfferRequest::for_amendment(
            &file,
            &domain::offer::InForce::of(&here),
            inputs.clone(),
            policy,
            authority,
        ),
    };
    let offers = domain::offer::propose(&request)
        .map_err(|e| CommandError::invalid(Field::Offer, Reason::Rule(e.to_string())))?;
    Ok(Built {
        file,
        offers,
        request,
        inputs,
        amends,
    })
}

pub fn build_offers(
    store: &Store,
    today: NaiveDate,
    form: &OfferForm,
) -> Result<OffersView, CommandError> {
    let Built {
        offers, request, ..
    } = build(store, today, form)?;
    let disposable = request.budget.disposable();
    Ok(OffersView {
        // What the offer settles: the case's debt, or what is unpaid under
        // the agreement an amendment amends.
        debt: request.debt.into(),
        disposable: disposable.amount(),
        limit: domain::offer::affordable_limit(disposable, request.policy.affordable_share)
            .amount(),
        time_barred: request.time_barred,
        vulnerable: request.vulnerable,
        variants: offers.variants.iter().map(view).collect(),
        unbuilt: offers
            .unbuilt
            .iter()
            .map(|u| UnbuiltView {
                kind: kind_of(u.kind),
                reason: (&u.reason).into(),
            })
            .collect(),
    })
}

/// The case file and the chosen variant, accepted (the written reason
/// checked), rebuilt from the form as the offer screen showed it, with the
/// inputs the offer was built from.
fn accepted_with_inputs(
    store: &Store,
    today: chrono::NaiveDate,
    req: &SaveOfferRequest,
) -> Result<(domain::CaseFile, domain::offer::AcceptedOffer, Built), CommandError> {
    let built = build(store, today, &req.form)?;
    let file = built.file.clone();
    let variant = built
        .offers
        .variants
        .iter()
        .find(|v| kind_of(v.kind) == req.kind)
        .cloned()
        .ok_or_else(|| CommandError::invalid(Field::Variant, Reason::NotAvailable))?;
    let accepted = domain::offer::accept(variant, req.reason.as_deref()).map_err(|e| {
        CommandError::invalid(
            Field::Reason,
            match e {
                domain::offer::AcceptError::ReasonMissing => Reason::ReasonMissing,
                domain::offer::AcceptError::ReasonBlank => Reason::ReasonBlank,
            },
        )
    })?;
    Ok((file, accepted, built))
}

/// Saves the chosen variant: a timeline entry and its outbox entry in one
/// transaction, under the mutation id `id`.
pub fn save_offer(
    store: &mut Store,
    now: NaiveDateTime,
    id: uuid::Uuid,
    req: &SaveOfferRequest,
) -> Result<SavedOffer, CommandError> {
    let (file, accepted, built) = accepted_with_inputs(store, now.date(), req)?;
    let v = accepted.variant();
    let needs_approval = v.needs_approval();
    // The same line the server writes when it takes the offer.
    let summary = domain::offer::timeline_line(v);
    let mut body = OfferBody::of(
        v,
        req.reason.clone().filter(|r| !r.trim().is_empty()),
        summary.clone(),
        OfferTermsDto::from_inputs(&built.inputs),
    );
    body.amends = built.amends;
    let body_json = serde_json::to_string(&body).map_err(crate::json_error)?;
    // One tap, one offer: the same offer asked again (a double tap, a
    // repeated request) while the newest one is neither signed nor refused
    // is the one already saved.
    let newest = store
        .saved_offers(file.case.id)
        .map_err(storage_error)?
        .pop();
    if let Some(same) = newest.filter(|o| {
        o.settlement_id.is_none()
            && o.review != Some(store::OfferApproval::Rejected)
            && o.body_json == body_json
    }) {
        return Ok(SavedOffer {
            needs_approval: same.review == Some(store::OfferApproval::Pending),
            offer_id: same.id.to_string(),
        });
    }
    let approval = if needs_approval {
        Approval::OfferPending
    } else {
        Approval::NotNeeded
    };
    let case = file.case.id;
    let capture =
        Capture::new(MutationKind::Offer, id, case, now, body, summary).with_approval(approval);
    record(store, capture)?;
    Ok(SavedOffer {
        needs_approval,
        offer_id: id.to_string(),
    })
}
