//! The team lead's page (issues #4 and #5): the team's offers awaiting
//! approval and the team's day plans, and the decisions. Online only: these
//! are calls to the server, nothing is kept on the device.

use crate::{codes, storage_error};
use api::{
    CommandError, DecideForm, DecisionKind, DecisionView, Field, Missing, Reason, TeamOfferView,
    TeamPlanView, TeamPlansQuery, TeamPlansView, TeamStopView,
};
use chrono::NaiveDate;
use store::Store;
use sync_client::{SyncError, TeamApi};
use sync_proto::{DecideRequest, TeamPlansRequest};

/// What the team page can act on when a call fails.
pub fn command_error(e: SyncError) -> CommandError {
    match e {
        SyncError::Unreachable(_) => CommandError::Offline,
        SyncError::Unauthorized(_) | SyncError::DeviceRevoked(_) => CommandError::LoginRequired,
        SyncError::Refused { status: 403, .. } => CommandError::Forbidden,
        SyncError::Refused { status: 404, .. } => CommandError::NotFound {
            what: Missing::Request,
            key: None,
        },
        SyncError::Refused {
            status: 409,
            message,
        } => CommandError::AlreadyDecided { message },
        SyncError::Refused { message, .. }
        | SyncError::UpgradeRequired(message)
        | SyncError::Decode(message) => CommandError::Server { message },
    }
}

fn token(store: &Store) -> Result<String, CommandError> {
    store
        .sync_value("token")
        .map_err(storage_error)?
        .ok_or(CommandError::LoginRequired)
}

/// The team's offers awaiting approval, oldest first.
pub fn team_offers(
    store: &Store,
    api: &mut dyn TeamApi,
) -> Result<Vec<TeamOfferView>, CommandError> {
    let res = api.team_offers(&token(store)?).map_err(command_error)?;
    Ok(res
        .offers
        .into_iter()
        .map(|o| TeamOfferView {
            schedule: schedule_of(&o.offer),
            history: history_of(o.case_id, &o.history),
            budget: o.affordability.as_ref().and_then(budget_view),
            request_id: o.request_id.to_string(),
            advisor_name: o.advisor_name,
            submitted_at: o.submitted_at,
            case_number: o.case_number,
            debtor_name: o.debtor_name,
            city: o.city,
            outstanding: o.outstanding,
            kind: codes::offer_kind(&o.offer.variant),
            total: o.offer.total,
            down_payment: o.offer.down_payment,
            installment: o.offer.installment,
            term_months: o.offer.term_months,
            approval: o
                .offer
                .approval
                .iter()
                .filter_map(codes::approval_code)
                .collect(),
            reason: o.offer.reason,
            voluntary_only: o.offer.voluntary_only,
            summary: o.offer.summary,
        })
        .collect())
}

/// The case's latest timeline entries as the case screen shows them; an
/// entry of a kind this build does not know is left out.
fn history_of(case: uuid::Uuid, lines: &[sync_proto::ActivityDto]) -> Vec<api::ActivityView> {
    lines
        .iter()
        .filter_map(|a| {
            let kind = domain::ActivityKind::from_code(&a.kind)?;
            Some(api::ActivityView::from(&domain::Activity {
                id: domain::ActivityId(a.id),
                case_id: domain::CaseId(case),
                at: a.at,
                kind,
                author: a.author.clone(),
                summary: a.summary.clone(),
                received_at: a.received_at,
            }))
        })
        .collect()
}

/// An offer's payments as the screen numbers them: the down payment 0,
/// the installments from 1.
fn schedule_of(o: &sync_proto::OfferBody) -> Vec<api::InstallmentView> {
    let first = if o.down_payment.is_zero() { 1 } else { 0 };
    o.schedule
        .iter()
        .zip(first..)
        .map(|((due_on, amount), number)| api::InstallmentView {
            number,
            due_on: *due_on,
            amount: *amount,
        })
        .collect()
}

/// The server's affordability, or none for a verdict this build does not
/// know.
fn budget_view(a: &sync_proto::AffordabilityDto) -> Option<api::BudgetView> {
    use sync_proto::AffordabilityVerdict as W;
    let verdict = match a.verdict {
        W::Affordable => api::Verdict::Affordable,
        W::NeedsReason => api::Verdict::NeedsReason,
        W::Unaffordable => api::Verdict::Unaffordable,
        W::Unknown(_) => return None,
    };
    Some(api::BudgetView {
        income: a.income,
        expenses: a.expenses,
        disposable: a.disposable,
        limit: a.limit,
        payment: a.payment,
        share: a.share,
        verdict,
    })
}

/// The team's day plans of `q.date` (else `today`).
pub fn team_plans(
    store: &Store,
    api: &mut dyn TeamApi,
    today: NaiveDate,
    q: &TeamPlansQuery,
) -> Result<TeamPlansView, CommandError> {
    let date = q.date.unwrap_or(today);
    let res = api
        .team_plans(&token(store)?, &TeamPlansRequest { date })
        .map_err(command_error)?;
    Ok(TeamPlansView {
        date,
        plans: res
            .plans
            .into_iter()
            .map(|p| TeamPlanView {
                request_id: p.request_id.to_string(),
                advisor_name: p.advisor_name,
                submitted_at: p.submitted_at,
                state: codes::review_state(&p.status),
                comment: p.comment,
                reviewed_by: p.reviewed_by,
                reviewed_at: p.reviewed_at,
                advisor_comment: p.plan.comment,
                dropped: p.plan.dropped.len(),
                drive_minutes: p.plan.drive_minutes,
                stops: p
                    .stops
                    .into_iter()
                    .map(|s| TeamStopView {
                        case_number: s.case_number,
                        debtor_name: s.debtor_name,
                        address: s.address,
                        arrival: s.arrival,
                        departure: s.departure,
                        lat: s.lat,
                        lon: s.lon,
                    })
                    .collect(),
            })
            .collect(),
    })
}

/// Approves, rejects or returns one request. Rejecting and returning need a
/// comment; a request decided before is refused (`AlreadyDecided`).
pub fn team_decide(
    store: &Store,
    api: &mut dyn TeamApi,
    form: &DecideForm,
) -> Result<DecisionView, CommandError> {
    let request_id = form
        .request_id
        .parse()
        .map_err(|_| CommandError::invalid(Field::RequestId, Reason::MalformedId))?;
    let comment = form.comment.trim();
    if form.decision != DecisionKind::Approve && comment.is_empty() {
        return Err(CommandError::invalid(Field::Comment, Reason::Required));
    }
    if comment.chars().count() > 2000 {
        return Err(CommandError::invalid(Field::Comment, Reason::TooLong));
    }
    let r = api
        .team_decide(
            &token(store)?,
            &DecideRequest {
                request_id,
                decision: codes::decide_action(form.decision),
                comment: (!comment.is_empty()).then(|| comment.to_owned()),
            },
        )
        .map_err(command_error)?;
    Ok(DecisionView {
        state: codes::review_state(&r.decision),
        comment: r.comment,
        reviewed_by: r.reviewed_by,
        reviewed_at: r.reviewed_at,
    })
}
