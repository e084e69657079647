//! The team lead's endpoints (issues #4 and #5): the team's offers awaiting
//! approval, the team's day plans for a date, and the decision on one of
//! them. Only team leads, and only for advisors of their own team.

use crate::auth::{caller, Caller};
use crate::handlers::{blocking, parse, require};
use crate::{ApiError, ServerState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use server_storage::{ApprovalRequest, RequestKind};
use std::collections::HashMap;
use sync_proto::*;
use uuid::Uuid;

/// What the team lead sees of a case: number, debtor, city, outstanding.
struct CaseFacts {
    number: String,
    debtor: String,
    city: String,
    address: String,
    /// The address's position, when known.
    at: Option<(f64, f64)>,
    outstanding: rust_decimal::Decimal,
    /// The latest timeline entries, newest first.
    history: Vec<ActivityDto>,
}

fn facts(file: &CaseFileDto) -> CaseFacts {
    let addr = file.debtor.addresses.first();
    let outstanding = domain::CaseFile::try_from(file)
        .map(|f| f.outstanding().total().amount())
        .unwrap_or_default();
    CaseFacts {
        number: file.number.clone(),
        debtor: format!("{} {}", file.debtor.first_name, file.debtor.last_name),
        city: addr.map(|a| a.city.clone()).unwrap_or_default(),
        address: addr
            .map(|a| format!("{}, {} {}", a.street, a.postal_code, a.city))
            .unwrap_or_default(),
        at: addr.and_then(|a| a.lat.zip(a.lon)),
        outstanding,
        history: {
            let mut h = file.activities.clone();
            h.sort_by(|a, b| b.at.cmp(&a.at).then(b.id.cmp(&a.id)));
            h.truncate(TEAM_HISTORY_LINES);
            h
        },
    }
}

/// The team's advisors by id.
async fn team(
    state: &ServerState,
    c: &Caller,
) -> Result<HashMap<Uuid, server_storage::User>, ApiError> {
    let storage = state.storage.clone();
    let lead = c.user.id;
    Ok(blocking(move || storage.team_of(lead))
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

/// An advisor's name, empty for one who left the team.
fn name_of(team: &HashMap<Uuid, server_storage::User>, id: Uuid) -> String {
    team.get(&id).map(|u| u.name.clone()).unwrap_or_default()
}

/// The cases by id, as stored now (unknown ones left out).
async fn cases(state: &ServerState, ids: Vec<Uuid>) -> Result<HashMap<Uuid, CaseFacts>, ApiError> {
    let storage = state.storage.clone();
    blocking(move || {
        let mut out = HashMap::new();
        for id in ids {
            if let Some(f) = storage.case(id)? {
                out.insert(id, facts(&f));
            }
        }
        Ok(out)
    })
    .await
}

fn corrupt(e: serde_json::Error) -> ApiError {
    ApiError::internal(format!("stored request: {e}"))
}

pub async fn offers(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<TeamOffersResponse>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::TeamLead])?;
    let _: TeamOffersRequest = parse(body)?;
    let storage = state.storage.clone();
    let lead = c.user.id;
    let pending = blocking(move || storage.pending_offers(lead)).await?;
    let advisors = team(&state, &c).await?;
    let facts = cases(&state, pending.iter().filter_map(|r| r.case_id).collect()).await?;
    let offers = pending
        .into_iter()
        .map(|r| {
            let offer: OfferBody = serde_json::from_value(r.body.clone()).map_err(corrupt)?;
            let case_id = r.case_id.unwrap_or_default();
            let f = facts.get(&case_id);
            Ok(TeamOfferDto {
                request_id: r.id,
                advisor_id: r.advisor_id,
                advisor_name: name_of(&advisors, r.advisor_id),
                submitted_at: r.submitted_at,
                case_id,
                case_number: f.map(|f| f.number.clone()).unwrap_or_default(),
                debtor_name: f.map(|f| f.debtor.clone()).unwrap_or_default(),
                city: f.map(|f| f.city.clone()).unwrap_or_default(),
                outstanding: f.map(|f| f.outstanding).unwrap_or_default(),
                // With the advisor's own policy, else the standard one.
                affordability: AffordabilityDto::of(
                    &offer,
                    advisors
                        .get(&r.advisor_id)
                        .and_then(|u| u.offer_policy.clone())
                        .unwrap_or_else(OfferPolicyDto::standard)
                        .policy()
                        .affordable_share,
                ),
                history: f.map(|f| f.history.clone()).unwrap_or_default(),
                offer,
                status: r.status.clone(),
            })
        })
        .collect::<Result<_, ApiError>>()?;
    Ok(Json(TeamOffersResponse { offers }))
}

pub async fn plans(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<TeamPlansResponse>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::TeamLead])?;
    let req: TeamPlansRequest = parse(body)?;
    let storage = state.storage.clone();
    let lead = c.user.id;
    let found = blocking(move || storage.plans_on(lead, req.date)).await?;
    let advisors = team(&state, &c).await?;
    let bodies: Vec<(ApprovalRequest, PlanBody)> = found
        .into_iter()
        .map(|r| {
            let p: PlanBody = serde_json::from_value(r.body.clone()).map_err(corrupt)?;
            Ok((r, p))
        })
        .collect::<Result<_, ApiError>>()?;
    let ids = bodies
        .iter()
        .flat_map(|(_, p)| p.stops.iter().map(|s| s.case_id))
        .collect();
    let facts = cases(&state, ids).await?;
    let plans = bodies
        .into_iter()
        .map(|(r, plan)| TeamPlanDto {
            request_id: r.id,
            advisor_id: r.advisor_id,
            advisor_name: name_of(&advisors, r.advisor_id),
            submitted_at: r.submitted_at,
            stops: plan
                .stops
                .iter()
                .map(|s| {
                    let f = facts.get(&s.case_id);
                    TeamPlanStopDto {
                        case_id: s.case_id,
                        case_number: f.map(|f| f.number.clone()).unwrap_or_default(),
                        debtor_name: f.map(|f| f.debtor.clone()).unwrap_or_default(),
                        address: f.map(|f| f.address.clone()).unwrap_or_default(),
                        arrival: s.arrival,
                        departure: s.departure,
                        lat: f.and_then(|f| f.at).map(|(lat, _)| lat),
                        lon: f.and_then(|f| f.at).map(|(_, lon)| lon),
                    }
                })
                .collect(),
            plan,
            status: r.status.clone(),
            comment: r.comment,
            reviewed_by: r.decided_by_name,
            reviewed_at: r.decided_at,
        })
        .collect();
    Ok(Json(TeamPlansResponse { plans }))
}

/// The id of the timeline line a decision on an offer adds: derived from the
/// request, so it is the same however often it is computed.
fn decision_line_id(request: Uuid) -> Uuid {
    Uuid::from_u128(request.as_u128() ^ 0x5EE0_0000_0000_0000_0000_0000_0000_0001)
}

pub async fn decide(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ReviewDto>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::TeamLead])?;
    let req: DecideRequest = parse(body)?;
    let storage = state.storage.clone();
    let id = req.request_id;
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "no such request in your team",
        )
    };
    let found = blocking(move || storage.request(id))
        .await?
        .ok_or_else(not_found)?;
    let status = match (found.kind, &req.decision) {
        (_, DecideAction::Approve) => Decision::Approved,
        (RequestKind::Offer, DecideAction::Reject) => Decision::Rejected,
        (RequestKind::Plan, DecideAction::Return) => Decision::Returned,
        (RequestKind::Offer, _) => {
            return Err(ApiError::bad_request(
                "an offer is approved (\"approve\") or rejected (\"reject\")",
            ))
        }
        (RequestKind::Plan, _) => {
            return Err(ApiError::bad_request(
                "a plan is approved (\"approve\") or returned (\"return\")",
            ))
        }
    };
    let comment = req
        .comment
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned);
    if status != Decision::Approved && comment.is_none() {
        return Err(ApiError::bad_request(
            "a comment is required to reject an offer or return a plan",
        ));
    }
    if comment.as_ref().is_some_and(|t| t.chars().count() > 2000) {
        return Err(ApiError::bad_request(
            "a comment has at most 2000 characters",
        ));
    }
    let at = (state.clock)();
    let timeline = (found.kind == RequestKind::Offer).then(|| ActivityDto {
        id: decision_line_id(found.id),
        at,
        kind: domain::ActivityKind::Approval.code().to_owned(),
        author: c.user.name.clone(),
        summary: match (&status, &comment) {
            (Decision::Approved, None) => "Propozycja ugody zatwierdzona przez kierownika".into(),
            (Decision::Approved, Some(t)) => {
                format!("Propozycja ugody zatwierdzona przez kierownika: {t}")
            }
            (_, t) => format!(
                "Propozycja ugody odrzucona przez kierownika: {}",
                t.as_deref().unwrap_or_default()
            ),
        },
        // Written by the server: `at` is the server's time already.
        received_at: None,
    });
    let decision = server_storage::Decision {
        lead: c.user.id,
        lead_name: c.user.name.clone(),
        status,
        comment,
        at,
        timeline,
    };
    let storage = state.storage.clone();
    let decided = blocking(move || storage.decide(id, &decision))
        .await
        .map_err(|e| {
            if e.status == StatusCode::NOT_FOUND {
                not_found()
            } else {
                e
            }
        })?;
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::Decision,
        id,
        decided.status.code(),
    )
    .await;
    Ok(Json(decided.review()))
}

/// Admin: sets an advisor's offer policy and authority limits; their
/// devices get them with the next download.
pub async fn set_policy(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::Admin])?;
    let req: SetPolicyRequest = parse(body)?;
    req.policy
        .check()
        .map_err(|e| ApiError::bad_request(format!("invalid policy: {e}")))?;
    if !req.policy.reference_rates.is_empty() {
        // One table for every advisor, kept by the server: a copy stored
        // with one advisor's policy would silently go stale.
        return Err(ApiError::bad_request(format!(
            "invalid policy: the reference rates are the server's, set at {}",
            crate::admin_paths::REFERENCE_RATES
        )));
    }
    let storage = state.storage.clone();
    let advisor = req.advisor_id;
    blocking(move || storage.set_offer_policy(req.advisor_id, Some(&req.policy))).await?;
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::PolicyChanged,
        advisor,
        "offer policy",
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}

/// Admin: adds a decision of the NBP reference rate (or corrects the rate
/// of a day already in the table) and answers the whole table; every
/// advisor's devices get it with their next download. A rate outside 0 to
/// below 1, with more than four decimal places, or a day outside 1998 to
/// 2099 is a 400 with the reason (a date that does not exist does not
/// parse: 400 too).
pub async fn set_reference_rate(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ReferenceRatesResponse>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::Admin])?;
    let req: SetReferenceRateRequest = parse(body)?;
    let row = ReferenceRateDto {
        since: req.since,
        rate: req.rate,
    };
    row.check()
        .map_err(|e| ApiError::bad_request(format!("invalid reference rate: {e}")))?;
    let storage = state.storage.clone();
    let rates = blocking(move || {
        storage.set_reference_rate(&row)?;
        storage.reference_rates()
    })
    .await?;
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::PolicyChanged,
        "reference rates",
        format!("{} from {}", req.rate, req.since),
    )
    .await;
    Ok(Json(ReferenceRatesResponse { rates }))
}
