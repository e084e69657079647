//! The endpoints. Each checks the protocol version and the caller first,
//! parses the body itself (so malformed input gets a clear 4xx), and runs
//! storage calls off the async threads.

use crate::auth::{caller, check_version, new_token, token_hash, Caller};
use crate::{ApiError, ServerState};
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::Json;
use serde::de::DeserializeOwned;
use serde::Deserialize;
use server_storage::{Device, Effect, Named, NewRequest, RequestKind};
use sync_proto::*;
use uuid::Uuid;

/// Runs a storage call on the blocking pool.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, server_storage::StorageError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(ApiError::internal)?
        .map_err(ApiError::from)
}

pub(crate) fn parse<T: DeserializeOwned>(
    body: Result<Bytes, BytesRejection>,
) -> Result<T, ApiError> {
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                format!("the request is larger than {} bytes", MAX_BODY_BYTES),
            )
        } else {
            ApiError::bad_request(format!("cannot read the request: {e}"))
        }
    })?;
    serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::bad_request(format!("malformed request: {e}")))
}

/// The caller with the offer policy in force for them: their own (or the
/// standard one) under the server's table of reference rates.
async fn with_policy_in_force(state: &ServerState, mut c: Caller) -> Result<Caller, ApiError> {
    let storage = state.storage.clone();
    let rates = blocking(move || storage.reference_rates()).await?;
    let today = (state.clock)().date();
    c.user.offer_policy = Some(crate::offers::policy_in_force(
        c.user.offer_policy.as_ref(),
        rates,
        today,
    ));
    Ok(c)
}

pub(crate) fn require(c: &Caller, roles: &[Role]) -> Result<(), ApiError> {
    if roles.contains(&c.user.role) {
        Ok(())
    } else {
        Err(ApiError::forbidden(format!(
            "a {:?} may not do this",
            c.user.role
        )))
    }
}

/// A team lead acts on their own team's advisors only: 403 for another
/// advisor; anyone else passes (the role check is the caller's).
pub(crate) async fn in_team(
    state: &ServerState,
    c: &Caller,
    advisor: Uuid,
) -> Result<(), ApiError> {
    if c.user.role != Role::TeamLead {
        return Ok(());
    }
    let storage = state.storage.clone();
    let lead = c.user.id;
    let team = blocking(move || storage.team_of(lead)).await?;
    if team.iter().any(|u| u.id == advisor) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "this case's advisor is not in your team",
        ))
    }
}

/// As [`in_team`] for the case `case_id` (nothing to check when there is
/// no such case: the caller answers 404).
async fn case_in_team(state: &ServerState, c: &Caller, case_id: Uuid) -> Result<(), ApiError> {
    if c.user.role != Role::TeamLead {
        return Ok(());
    }
    let storage = state.storage.clone();
    match blocking(move || storage.case(case_id)).await? {
        Some(file) => in_team(state, c, file.advisor_id).await,
        None => Ok(()),
    }
}

pub async fn login(
    State(state): State<ServerState>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<LoginResponse>, ApiError> {
    check_version(&state, &headers)?;
    let req: LoginRequest = parse(body)?;
    let user = crate::auth::authenticate(&state, &req.login, req.password.clone(), peer.ip())
        .await?
        .ok_or_else(|| ApiError::unauthorized("wrong login or password"))?;
    // A disabled user is refused only once the password is right, so
    // that the answer tells nothing to someone guessing.
    crate::auth::refuse_disabled(&state, user.id).await?;
    // The device's signing key, certified by the server's CA: only an
    // advisor's device signs settlements and receipts.
    let (device_certificate, ca_certificate) = match req.certificate_request.clone() {
        None => (None, None),
        Some(_) if user.role != Role::Advisor => (None, None),
        Some(pem) => {
            let ca = state.ca.clone();
            let now = (state.clock)().and_utc();
            let subject = format!("{} ({})", user.name, req.device_id);
            let issued = tokio::task::spawn_blocking(move || {
                let der = settlement::pem_to_der(&pem, "CERTIFICATE REQUEST")?;
                let cert = ca.issue(
                    &der,
                    &subject,
                    &mut rand_core::OsRng,
                    now,
                    crate::ca::DEVICE_CERT_DAYS,
                )?;
                Ok::<_, settlement::Error>((
                    settlement::certificate_pem(&cert)?,
                    ca.certificate_pem()?,
                ))
            })
            .await
            .map_err(ApiError::internal)?
            .map_err(|e| {
                ApiError::bad_request(format!("the certificate request is not valid: {e}"))
            })?;
            (Some(issued.0), Some(issued.1))
        }
    };
    let token = new_token()?;
    let device = Device {
        id: req.device_id,
        user_id: user.id,
        name: req.device_name.chars().take(100).collect(),
        expires_at: (state.clock)() + state.token_ttl,
        revoked: false,
        handover: false,
        revoked_at: None,
    };
    let storage = state.storage.clone();
    let hash = token_hash(&token);
    let d = device.clone();
    blocking(move || storage.register_device(&d, &hash)).await?;
    // A revoked device cannot log back in: its registration was refused.
    let storage = state.storage.clone();
    let hash = token_hash(&token);
    let registered = blocking(move || storage.device_by_token(&hash)).await?;
    if registered.is_none() {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::DeviceRevoked,
            "this device was revoked and cannot log in",
        ));
    }
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&user),
        AuditAction::Login,
        req.device_id,
        format!("from {}, {}", peer.ip(), device.name),
    )
    .await;
    Ok(Json(LoginResponse {
        token,
        expires_at: device.expires_at,
        user_id: user.id,
        name: user.name,
        role: user.role,
        device_certificate,
        ca_certificate,
    }))
}

/// Ends the caller's session: the device's token is replaced by one nobody
/// holds and expires now; the device, its pending work and its certificate
/// stay (the user logs in again on it).
pub async fn logout(
    State(state): State<ServerState>,
    headers: HeaderMap,
) -> Result<StatusCode, ApiError> {
    let c = caller(&state, &headers).await?;
    let device = Device {
        expires_at: (state.clock)(),
        ..c.device
    };
    let hash = token_hash(&new_token()?);
    let storage = state.storage.clone();
    blocking(move || storage.register_device(&device, &hash)).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn download(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<DownloadResponse>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::Advisor])?;
    let req: DownloadRequest = parse(body)?;
    // What the device reports is shown to the back office, never trusted
    // for anything else; it is still bounded (issue #12).
    if req.pending.is_some_and(|p| p > MAX_REPORTED_PENDING) {
        return Err(ApiError::bad_request(format!(
            "pending must be at most {MAX_REPORTED_PENDING}"
        )));
    }
    if let Some(v) = &req.app_version {
        if v.is_empty()
            || v.chars().count() > MAX_APP_VERSION_CHARS
            || !v
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-+_".contains(c))
        {
            return Err(ApiError::bad_request(format!(
                "app_version must be 1 to {MAX_APP_VERSION_CHARS} of [0-9A-Za-z.+_-]"
            )));
        }
    }
    let storage = state.storage.clone();
    let (device, at, pending) = (c.device.id, (state.clock)(), req.pending);
    let version = req.app_version.clone();
    blocking(move || {
        storage.record_sync(&server_storage::SyncReport {
            device,
            at,
            pending,
            app_version: version.as_deref(),
        })
    })
    .await?;
    // The policy travels with the server's reference rates on every page,
    // also for an advisor on the standard policy.
    let c = with_policy_in_force(&state, c).await?;
    let limit = req.limit.clamp(1, 1000);
    let storage = state.storage.clone();
    let advisor = c.user.id;
    let page = blocking(move || storage.changes(advisor, req.cursor, limit)).await?;
    Ok(Json(DownloadResponse {
        changes: page.changes,
        next_cursor: page.next_cursor,
        more: page.more,
        advisor: c.user.advisor.clone(),
        reviews: page.reviews,
        offer_policy: c.user.offer_policy.clone(),
    }))
}

/// The offer a mutation names: a settlement's.
fn named_offer(m: &Mutation) -> Option<Uuid> {
    if m.kind != MutationKind::Settlement {
        return None;
    }
    m.body
        .get("offer_id")
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse().ok())
}

/// The signed agreement a mutation names: what an amendment (its offer or
/// its settlement) amends.
fn named_agreement(m: &Mutation) -> Option<Uuid> {
    if m.kind != MutationKind::Offer && m.kind != MutationKind::Settlement {
        return None;
    }
    m.body
        .get("amends")
        .and_then(|v| v.as_str())
        .and_then(|s| s.parse().ok())
}

/// The cases a mutation names besides its own: a plan's stops.
fn named_cases(m: &Mutation) -> Vec<Uuid> {
    if m.kind != MutationKind::Plan {
        return Vec::new();
    }
    serde_json::from_value::<PlanBody>(m.body.clone())
        .map(|p| p.stops.iter().map(|s| s.case_id).collect())
        .unwrap_or_default()
}

/// What a mutation does, decided from the case as stored now and who holds
/// the cases it names. An advisor only ever changes the cases assigned to
/// them, and only by appending what they captured.
#[allow(clippy::too_many_arguments)]
fn effect(
    c: &Caller,
    m: &Mutation,
    now: Option<CaseFileDto>,
    named: &Named,
    ca: &settlement::Authority,
    at: chrono::DateTime<chrono::Utc>,
    plan_cases: &PlanCases,
) -> Result<Effect, (RejectCode, String)> {
    // A device handed over delivers what it made before its revocation;
    // nothing made or signed on it afterwards counts (its certificate is
    // on the revocation list from that moment).
    if let Some(revoked_at) = c.device.revoked_at.filter(|_| c.device.revoked) {
        if m.created_at > revoked_at {
            return Err((
                RejectCode::MadeAfterRevocation,
                format!(
                    "made at {} on a device revoked at {revoked_at}",
                    m.created_at
                ),
            ));
        }
    }
    if m.kind == MutationKind::Plan {
        return plan_effect(c, m, &named.holders, plan_cases);
    }
    let reject = |code: RejectCode, reason: String| Err((code, reason));
    let Some(mut file) = now else {
        return reject(
            RejectCode::CaseNotFound,
            format!("case {} does not exist", m.case_id),
        );
    };
    if file.advisor_id != c.user.id || file.status == domain::CaseStatus::Closed.code() {
        return reject(
            RejectCode::CaseNotAssigned,
            format!("case {} is not assigned to you", file.number),
        );
    }
    match &m.kind {
        MutationKind::Note => {
            let body: NoteBody = serde_json::from_value(m.body.clone())
                .map_err(|e| (RejectCode::InvalidBody, format!("malformed note: {e}")))?;
            let text = body.text.trim();
            if text.is_empty() || text.chars().count() > 4000 {
                return reject(
                    RejectCode::InvalidBody,
                    "a note has 1 to 4000 characters".into(),
                );
            }
            file.activities.push(ActivityDto {
                id: m.id,
                at: m.created_at,
                kind: domain::ActivityKind::Note.code().to_owned(),
                author: c.user.name.clone(),
                summary: text.to_owned(),
                received_at: Some(at.naive_utc()),
            });
            Ok(Effect::case(file))
        }
        MutationKind::Offer => {
            let body: OfferBody = serde_json::from_value(m.body.clone())
                .map_err(|e| (RejectCode::InvalidBody, format!("malformed offer: {e}")))?;
            if body.summary.trim().is_empty() || body.summary.chars().count() > 4000 {
                return reject(
                    RejectCode::InvalidBody,
                    "an offer needs a summary of 1 to 4000 characters".into(),
                );
            }
            if body
                .reason
                .as_ref()
                .is_some_and(|r| r.chars().count() > 4000)
            {
                return reject(
                    RejectCode::InvalidBody,
                    "a reason has at most 4000 characters".into(),
                );
            }
            // The server builds the offer again and decides what it crosses.
            let policy = c
                .user
                .offer_policy
                .clone()
                .unwrap_or_else(OfferPolicyDto::standard);
            // An amendment reschedules what is unpaid under the agreement in
            // force that it names.
            let agreement =
                crate::settlements::in_force(&file, body.amends, named.agreement.as_ref())?;
            let judged = crate::offers::judge(
                &file,
                &body,
                &policy,
                agreement.as_ref().map(|(a, _)| a),
                (m.created_at, at.naive_utc()),
            )?;
            // The line is the server's, from the engine's variant.
            file.activities.push(ActivityDto {
                id: m.id,
                at: m.created_at,
                kind: domain::ActivityKind::Offer.code().to_owned(),
                author: c.user.name.clone(),
                summary: judged.line,
                received_at: Some(at.naive_utc()),
            });
            // Beyond the advisor's authority it waits for the team lead.
            let request = (!judged.approval.is_empty()).then(|| NewRequest {
                kind: RequestKind::Offer,
                case_id: Some(file.id),
                plan_date: None,
                body: m.body.clone(),
            });
            Ok(Effect {
                case: Some(file),
                request,
                signs: None,
                amends: None,
            })
        }
        MutationKind::Settlement => {
            let body: SettlementBody = serde_json::from_value(m.body.clone()).map_err(|e| {
                (
                    RejectCode::InvalidBody,
                    format!("malformed settlement: {e}"),
                )
            })?;
            let Some(pdf) = body.pdf_bytes() else {
                return reject(RejectCode::InvalidBody, "the PDF is not base64".into());
            };
            // The signature, the chain to this server's CA, and the hash.
            let ca_der = ca
                .certificate_der()
                .map_err(|e| (RejectCode::Internal, e.to_string()))?;
            let verified = settlement::verify(&pdf, &ca_der, at)
                .map_err(|e| (RejectCode::InvalidSignature, e.to_string()))?;
            if hex::encode(verified.file_sha256) != body.sha256.to_ascii_lowercase() {
                return reject(
                    RejectCode::InvalidSignature,
                    "the PDF's hash is not the one the device recorded".into(),
                );
            }
            if !verified.signer.contains(&c.device.id.to_string()) {
                return reject(
                    RejectCode::InvalidSignature,
                    "the settlement was signed by another device".into(),
                );
            }
            // Bound to one offer of this case that may be signed, and the
            // agreement the server itself renders for it.
            let policy = c
                .user
                .offer_policy
                .clone()
                .unwrap_or_else(OfferPolicyDto::standard);
            let judged = crate::settlements::judge(
                &file,
                (m.id, m.created_at),
                &body,
                (named.offer.as_ref(), named.agreement.as_ref()),
                &crate::settlements::Signer {
                    advisor: &c.user.name,
                    policy: &policy,
                },
                (&pdf, at.naive_utc()),
            )?;
            file.activities.push(ActivityDto {
                id: m.id,
                at: m.created_at,
                kind: domain::ActivityKind::Settlement.code().to_owned(),
                author: c.user.name.clone(),
                summary: judged.line,
                received_at: Some(at.naive_utc()),
            });
            // The case moves as the device moved it: the same rule.
            let from = domain::CaseStatus::from_code(&file.status).ok_or_else(|| {
                (
                    RejectCode::Internal,
                    format!("the stored case has the status {:?}", file.status),
                )
            })?;
            if let Some(to) = domain::status::after_signing(from) {
                file.status = to.code().to_owned();
            }
            // The schedule in force from now on, on every device.
            file.agreements.push(judged.agreement);
            Ok(Effect {
                case: Some(file),
                request: None,
                signs: Some(judged.offer),
                amends: judged.amends,
            })
        }
        MutationKind::Visit => crate::visits::effect(
            &crate::receipts::Taker {
                advisor: &c.user.name,
                device: c.device.id,
                ca,
                at,
            },
            m,
            file,
            named,
        ),
        MutationKind::Contact => crate::contacts::effect(&c.user.name, m, file, at.naive_utc()),
        MutationKind::Attachment => {
            crate::attachments::effect(&c.user.name, m, file, at.naive_utc())
        }
        MutationKind::Message => crate::messages::effect(&c.user.name, m, file, at.naive_utc()),
        MutationKind::MessageRead => crate::messages::read_effect(m, file, at.naive_utc()),
        other @ (MutationKind::Plan | MutationKind::Unknown(_)) => reject(
            RejectCode::UnknownKind,
            format!("this server does not know the change {:?}", other.code()),
        ),
    }
}

/// A day plan: every stop's case must be the advisor's own, now.
/// The stored cases of the plans of an upload, by id, read before the
/// batch's transaction (a plan changes no case; a case changed meanwhile
/// is judged as it was a moment before).
type PlanCases = std::collections::HashMap<Uuid, CaseFileDto>;

fn plan_effect(
    c: &Caller,
    m: &Mutation,
    holders: &server_storage::Holders,
    cases: &PlanCases,
) -> Result<Effect, (RejectCode, String)> {
    let reject = |code: RejectCode, reason: String| Err((code, reason));
    let body: PlanBody = serde_json::from_value(m.body.clone())
        .map_err(|e| (RejectCode::InvalidBody, format!("malformed plan: {e}")))?;
    if !m.case_id.is_nil() {
        return reject(
            RejectCode::InvalidBody,
            "a plan is not about one case: its case_id is the nil UUID".into(),
        );
    }
    if body.stops.is_empty() || body.stops.len() > 100 {
        return reject(RejectCode::InvalidBody, "a plan has 1 to 100 visits".into());
    }
    if body.stops.iter().any(|s| s.departure < s.arrival)
        || body.stops.windows(2).any(|w| w[1].arrival < w[0].departure)
    {
        return reject(
            RejectCode::InvalidBody,
            "the visits' times are not in order".into(),
        );
    }
    if body
        .comment
        .as_ref()
        .is_some_and(|t| t.chars().count() > 4000)
    {
        return reject(
            RejectCode::InvalidBody,
            "a comment has at most 4000 characters".into(),
        );
    }
    // The contact hours of the advisor's policy (`domain::hours`), the
    // check the device ran before sending.
    let hours = c
        .user
        .offer_policy
        .as_ref()
        .map_or_else(
            || OfferPolicyDto::standard().contact_hours,
            |p| p.contact_hours,
        )
        .hours();
    let visits: Vec<_> = body
        .stops
        .iter()
        .map(|s| (s.arrival, s.departure))
        .collect();
    hours
        .check_visits(body.date, &visits, body.comment.as_deref())
        .map_err(|e| (RejectCode::OutsideContactHours, e.polish()))?;
    if let Some(s) = body
        .stops
        .iter()
        .find(|s| holders.get(&s.case_id) != Some(&c.user.id))
    {
        return reject(
            RejectCode::CaseNotAssigned,
            format!("case {} of the plan is not assigned to you", s.case_id),
        );
    }
    // The guardrails the device's planner applies (`domain::guard`): no
    // visit in a breathing space, against an objection, or beyond the
    // visit limits, judged from the server's own copy of each case.
    for s in &body.stops {
        let Some(file) = cases.get(&s.case_id) else {
            return reject(
                RejectCode::CaseNotFound,
                format!("case {} of the plan does not exist", s.case_id),
            );
        };
        let case = crate::offers::stored_case(file)?;
        if let Err(b) = domain::guard::may_visit(
            &domain::guard::VisitFacts::of(&case),
            body.date,
            &domain::breathing::BreathingRules::default(),
            &domain::guard::VisitLimits::default(),
        ) {
            return reject(
                RejectCode::VisitBlocked,
                format!(
                    "case {} may not be visited on {}: {}",
                    file.number,
                    body.date,
                    b.polish()
                ),
            );
        }
    }
    Ok(Effect {
        case: None,
        request: Some(NewRequest {
            kind: RequestKind::Plan,
            case_id: None,
            plan_date: Some(body.date),
            body: m.body.clone(),
        }),
        signs: None,
        amends: None,
    })
}

/// Why a mutation cannot even be recorded: a kind that is not a plain code,
/// or text with a NUL character.
fn unstorable(m: &Mutation) -> Option<String> {
    let kind = m.kind.code();
    let kind_ok = !kind.is_empty()
        && kind.len() <= 40
        && kind.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    if !kind_ok {
        return Some("the kind of change is not a valid code".into());
    }
    if has_nul(&m.body) {
        return Some("the change contains a NUL character".into());
    }
    None
}

/// Whether any text in `v` (a key or a string) holds a NUL character;
/// walked rather than serialized, since a photo's body is large.
fn has_nul(v: &serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::String(s) => s.contains('\0'),
        Value::Array(a) => a.iter().any(has_nul),
        Value::Object(o) => o.iter().any(|(k, v)| k.contains('\0') || has_nul(v)),
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

pub async fn upload(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<UploadResponse>, ApiError> {
    // A device handed over still delivers what it has (issue #15).
    let c = crate::auth::uploader(&state, &headers).await?;
    require(&c, &[Role::Advisor])?;
    let req: UploadRequest = parse(body)?;
    // Offers are judged under the policy and reference rates in force.
    let c = with_policy_in_force(&state, c).await?;
    if req.mutations.len() > MAX_BATCH {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            format!("at most {MAX_BATCH} changes per upload"),
        ));
    }
    let storage = state.storage.clone();
    let ca = state.ca.clone();
    let at = (state.clock)().and_utc();
    let receipts = tokio::task::spawn_blocking(move || {
        // Items that can never be stored are answered without storing (as
        // PostgreSQL refuses NUL characters); the same input always gets the
        // same answer, so a retry stays exactly-once. The rest go to the
        // storage as one batch.
        let ids: Vec<Uuid> = req.mutations.iter().map(|m| m.id).collect();
        let mut early: Vec<Option<Outcome>> = Vec::with_capacity(ids.len());
        let mut items = Vec::new();
        let mut plan_cases = PlanCases::new();
        for m in req.mutations {
            match unstorable(&m) {
                Some(reason) => early.push(Some(Outcome::Rejected {
                    code: RejectCode::Malformed,
                    reason,
                })),
                None => {
                    early.push(None);
                    let cases = named_cases(&m);
                    if m.kind == MutationKind::Plan {
                        for id in cases.iter().take(100) {
                            if let Some(f) = storage.case(*id)? {
                                plan_cases.insert(*id, f);
                            }
                        }
                    }
                    let offer = named_offer(&m);
                    let agreement = named_agreement(&m);
                    items.push(server_storage::BatchItem {
                        mutation: m,
                        cases,
                        offer,
                        agreement,
                    });
                }
            }
        }
        let mut stored = storage
            .apply_batch(&c.device, &items, &|m, now, named| {
                // The storage keeps the code as its string.
                effect(&c, m, now, named, &ca, at, &plan_cases)
            })?
            .into_iter();
        ids.into_iter()
            .zip(early)
            .map(|(id, early)| {
                let outcome = match early {
                    Some(outcome) => outcome,
                    None => stored.next().ok_or_else(|| {
                        server_storage::StorageError::Corrupt(
                            "the storage answered fewer outcomes than items".into(),
                        )
                    })?,
                };
                Ok(Receipt { id, outcome })
            })
            .collect::<Result<Vec<_>, server_storage::StorageError>>()
    })
    .await
    .map_err(ApiError::internal)??;
    Ok(Json(UploadResponse { receipts }))
}

pub async fn put_case(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::BackOffice, Role::Admin])?;
    let mut file: CaseFileDto = parse(body)?;
    file.check_amounts()
        .map_err(|e| ApiError::bad_request(format!("invalid case: {e}")))?;
    let read = domain::CaseFile::try_from(&file)
        .map_err(|e| ApiError::bad_request(format!("invalid case: {e}")))?;
    // The back office books payments and promises with the case: the
    // promise ledger decides on the server's day, under the holder's
    // policy, as the holder's device does.
    let storage = state.storage.clone();
    let holder = file.advisor_id;
    let policy = blocking(move || storage.user(holder))
        .await?
        .and_then(|u| u.offer_policy);
    let rules = crate::ledger::promise_rules(policy.as_ref());
    crate::ledger::apply(&mut file, &read, (state.clock)().date(), &rules);
    let storage = state.storage.clone();
    blocking(move || storage.put_case(&file)).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct AssignRequest {
    pub case_id: Uuid,
    pub advisor_id: Uuid,
}

pub async fn assign(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::TeamLead, Role::BackOffice, Role::Admin])?;
    let req: AssignRequest = parse(body)?;
    let storage = state.storage.clone();
    let target = blocking(move || storage.user(req.advisor_id)).await?;
    if target.is_none_or(|u| u.role != Role::Advisor) {
        return Err(ApiError::bad_request("cases are assigned to advisors only"));
    }
    // A team lead moves cases within the team: from and to its advisors.
    case_in_team(&state, &c, req.case_id).await?;
    in_team(&state, &c, req.advisor_id).await?;
    let storage = state.storage.clone();
    blocking(move || storage.assign(req.case_id, Some(req.advisor_id))).await?;
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::CaseAssigned,
        req.case_id,
        format!("to {}", req.advisor_id),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn revoke(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, ApiError> {
    let c = caller(&state, &headers).await?;
    // The back office revokes devices from its desk too (#12).
    require(&c, &[Role::BackOffice, Role::Admin])?;
    let req: RevokeRequest = parse(body)?;
    let storage = state.storage.clone();
    let at = (state.clock)();
    blocking(move || storage.revoke_device(req.device_id, req.mode, at)).await?;
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::DeviceRevoked,
        req.device_id,
        req.mode.code(),
    )
    .await;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize)]
pub struct CaseQuery {
    pub case_id: Uuid,
}

/// One case as the server holds it: back office, team leads and admins see
/// every case; an advisor only their own.
pub async fn get_case(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CaseFileDto>, ApiError> {
    let c = caller(&state, &headers).await?;
    let req: CaseQuery = parse(body)?;
    let storage = state.storage.clone();
    let file = blocking(move || storage.case(req.case_id))
        .await?
        .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, "no such case"))?;
    if c.user.role == Role::Advisor && file.advisor_id != c.user.id {
        return Err(ApiError::forbidden("this case is not assigned to you"));
    }
    in_team(&state, &c, file.advisor_id).await?;
    Ok(Json(file))
}

#[derive(Deserialize)]
pub struct SettlementQuery {
    /// The id of the "settlement" mutation that delivered it.
    pub id: Uuid,
}

/// The back office (or an admin) has the server judge every held case's
/// promises on its day now, as the daily run does.
pub async fn judge_promises(
    State(state): State<ServerState>,
    headers: HeaderMap,
) -> Result<Json<serde_json::Value>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::BackOffice, Role::Admin])?;
    let storage = state.storage.clone();
    let today = (state.clock)().date();
    let changed = blocking(move || crate::ledger::sweep(storage.as_ref(), today)).await?;
    Ok(Json(serde_json::json!({ "changed": changed })))
}

/// A signed settlement's PDF, as the device signed it, for the back office
/// (and team leads and admins).
pub async fn get_settlement(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<axum::response::Response, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::TeamLead, Role::BackOffice, Role::Admin])?;
    let req: SettlementQuery = parse(body)?;
    let storage = state.storage.clone();
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "no such settlement",
        )
    };
    let m = blocking(move || storage.applied_mutation(req.id))
        .await?
        .filter(|m| m.kind == MutationKind::Settlement)
        .ok_or_else(not_found)?;
    case_in_team(&state, &c, m.case_id).await?;
    let body: SettlementBody = serde_json::from_value(m.body).map_err(ApiError::internal)?;
    let pdf = body.pdf_bytes().ok_or_else(not_found)?;
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::Export,
        req.id,
        format!("settlement {} of case {}", body.number, m.case_id),
    )
    .await;
    Ok(pdf_response(pdf, &format!("ugoda-{}.pdf", req.id)))
}

/// A door receipt's PDF (potwierdzenie wpłaty), as the device signed it,
/// for the back office (and team leads and admins): `id` is the visit
/// report that carried it.
pub async fn get_receipt(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<axum::response::Response, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::TeamLead, Role::BackOffice, Role::Admin])?;
    let req: SettlementQuery = parse(body)?;
    let storage = state.storage.clone();
    let not_found = || {
        ApiError::new(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            "no such receipt",
        )
    };
    let m = blocking(move || storage.applied_mutation(req.id))
        .await?
        .filter(|m| m.kind == MutationKind::Visit)
        .ok_or_else(not_found)?;
    case_in_team(&state, &c, m.case_id).await?;
    let body: VisitBody = serde_json::from_value(m.body).map_err(ApiError::internal)?;
    let pdf = body
        .signed_receipt
        .and_then(|r| r.pdf_bytes())
        .ok_or_else(not_found)?;
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::Export,
        req.id,
        format!("receipt of case {}", m.case_id),
    )
    .await;
    Ok(pdf_response(pdf, &format!("potwierdzenie-{}.pdf", req.id)))
}

/// A signed PDF as a download named `name`.
fn pdf_response(pdf: Vec<u8>, name: &str) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        [
            (
                axum::http::header::CONTENT_TYPE,
                "application/pdf".to_owned(),
            ),
            (
                axum::http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        pdf,
    )
        .into_response()
}

/// The photos of a case with their bytes, oldest first, for the back
/// office (and team leads and admins): each as the server recorded it on
/// the case, its JPEG from the applied mutation.
pub async fn get_attachments(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Vec<AttachmentDto>>, ApiError> {
    let c = caller(&state, &headers).await?;
    require(&c, &[Role::TeamLead, Role::BackOffice, Role::Admin])?;
    let req: AttachmentsQuery = parse(body)?;
    case_in_team(&state, &c, req.case_id).await?;
    let case_id = req.case_id;
    let storage = state.storage.clone();
    let out = blocking(move || {
        let Some(file) = storage.case(req.case_id)? else {
            return Ok(None);
        };
        let mut out = Vec::with_capacity(file.attachments.len());
        for record in file.attachments {
            let m = storage
                .applied_mutation(record.id)?
                .filter(|m| m.kind == MutationKind::Attachment);
            let body = m.and_then(|m| serde_json::from_value::<AttachmentBody>(m.body).ok());
            let Some(body) = body else {
                return Err(server_storage::StorageError::Corrupt(format!(
                    "the photo {} has no applied mutation",
                    record.id
                )));
            };
            out.push(AttachmentDto {
                record,
                jpeg: body.jpeg,
            });
        }
        Ok(Some(out))
    })
    .await?
    .ok_or_else(|| ApiError::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, "no such case"))?;
    if !out.is_empty() {
        crate::audit::record(
            &state,
            crate::audit::Actor::User(&c.user),
            AuditAction::Export,
            case_id,
            format!("{} photos", out.len()),
        )
        .await;
    }
    Ok(Json(out))
}
