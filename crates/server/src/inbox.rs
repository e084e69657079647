//! The back office's inbox (issue #12): `sync_proto::office_paths`.
//! Everything the field sent, newest first, paged by keyset and filtered;
//! one item with what it is about (a settlement verified again by the
//! server, not taken from the device's word); a settlement registered and
//! a door payment booked once, with who and when (409 after). Contact
//! proposals and questions are handled where they are decided
//! (`contacts::decide_changes`, the thread's answer), in the same
//! transaction. Back office and admin only; every input range-checked.

use crate::auth::{caller, Caller};
use crate::error::ApiError;
use crate::handlers::{blocking, parse, require};
use crate::ServerState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::{Json, Router};
use chrono::{NaiveDate, NaiveDateTime};
use server_storage::{InboxFilter, StorageError};
use sync_proto::*;
use uuid::Uuid;

/// The routes of this part of the back office.
pub fn routes() -> Router<ServerState> {
    Router::new()
        .route(office_paths::INBOX, post(page))
        .route(office_paths::INBOX_ITEM, post(item))
        .route(office_paths::INBOX_HANDLE, post(handle))
}

const OFFICE: [Role; 2] = [Role::BackOffice, Role::Admin];

/// The caller, if the back office or an admin, and the request's body.
async fn office<T: serde::de::DeserializeOwned>(
    state: &ServerState,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(Caller, T), ApiError> {
    let c = caller(state, headers).await?;
    require(&c, &OFFICE)?;
    Ok((c, parse(body)?))
}

/// The earliest and latest day a filter may name.
fn day_in_range(d: NaiveDate) -> bool {
    (NaiveDate::from_ymd_opt(2000, 1, 1).expect("a day")
        ..=NaiveDate::from_ymd_opt(2100, 12, 31).expect("a day"))
        .contains(&d)
}

/// The storage's filter of a request, every field checked.
pub fn filter_of(req: &InboxRequest) -> Result<InboxFilter, ApiError> {
    let bad = |why: String| Err(ApiError::bad_request(why));
    if !(1..=INBOX_PAGE_MAX).contains(&req.limit) {
        return bad(format!("limit must be 1 to {INBOX_PAGE_MAX}"));
    }
    if let Some(k) = req.kind.as_ref().filter(|k| !k.is_known()) {
        return bad(format!("unknown kind {k}"));
    }
    if let Some(s) = req.state.as_ref().filter(|s| !s.is_known()) {
        return bad(format!("unknown state {s}"));
    }
    if let Some(a) = req.after.as_ref().filter(|a| !a.kind.is_known()) {
        return bad(format!("unknown kind {} in the cursor", a.kind));
    }
    for d in [req.from, req.to].into_iter().flatten() {
        if !day_in_range(d) {
            return bad(format!("the day {d} is out of range"));
        }
    }
    if let (Some(f), Some(t)) = (req.from, req.to) {
        if f > t {
            return bad(format!("from {f} is after to {t}"));
        }
    }
    Ok(InboxFilter {
        kind: req.kind.clone(),
        advisor: req.advisor,
        state: req.state.clone(),
        from: req.from.map(|d| d.and_hms_opt(0, 0, 0).expect("midnight")),
        to: req.to.map(|d| d.and_hms_opt(23, 59, 59).expect("a time")),
        cursor: req.after.as_ref().map(|a| {
            (
                InboxCursor {
                    received_at: a.received_at,
                    id: a.id,
                },
                a.kind.clone(),
            )
        }),
        limit: req.limit,
    })
}

async fn page(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<InboxPageDto>, ApiError> {
    let (_, req): (_, InboxRequest) = office(&state, &headers, body).await?;
    let filter = filter_of(&req)?;
    let storage = state.storage.clone();
    let page = blocking(move || storage.inbox(&filter)).await?;
    let items = named(&state, page.items).await?;
    Ok(Json(InboxPageDto {
        items,
        next: page.next.map(|(c, kind)| InboxAfter {
            received_at: c.received_at,
            id: c.id,
            kind,
        }),
        counts: page
            .counts
            .into_iter()
            .map(|(kind, count)| InboxCountDto { kind, count })
            .collect(),
    }))
}

/// The items with their advisors' and handlers' names (one lookup per
/// person on the page, not per item).
async fn named(
    state: &ServerState,
    mut items: Vec<InboxItemDto>,
) -> Result<Vec<InboxItemDto>, ApiError> {
    let mut ids: Vec<uuid::Uuid> = items
        .iter()
        .flat_map(|i| std::iter::once(i.advisor_id).chain(i.decided_by))
        .collect();
    ids.sort();
    ids.dedup();
    let storage = state.storage.clone();
    let names: std::collections::BTreeMap<uuid::Uuid, String> = blocking(move || {
        let mut names = std::collections::BTreeMap::new();
        for id in ids {
            if let Some(u) = storage.user(id)? {
                names.insert(id, u.name);
            }
        }
        Ok(names)
    })
    .await?;
    for i in &mut items {
        i.advisor_name = names.get(&i.advisor_id).cloned().unwrap_or_default();
        i.decided_by_name = i.decided_by.and_then(|d| names.get(&d).cloned());
    }
    Ok(items)
}

fn not_found(what: String) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, ErrorCode::NotFound, what)
}

/// The item and its case, as stored now.
async fn stored(
    state: &ServerState,
    q: &InboxItemQuery,
) -> Result<(InboxItemDto, CaseFileDto), ApiError> {
    if !q.kind.is_known() {
        return Err(ApiError::bad_request(format!("unknown kind {}", q.kind)));
    }
    let storage = state.storage.clone();
    let (id, kind) = (q.id, q.kind.clone());
    let item = blocking(move || storage.inbox_item(id, &kind))
        .await?
        .ok_or_else(|| not_found(format!("no inbox item {} ({})", q.id, q.kind)))?;
    let storage = state.storage.clone();
    let case_id = item.case_id;
    let file = blocking(move || storage.case(case_id))
        .await?
        .ok_or_else(|| ApiError::internal("an inbox item's case is gone"))?;
    let item = named(state, vec![item])
        .await?
        .pop()
        .ok_or_else(|| ApiError::internal("the named item is gone"))?;
    Ok((item, file))
}

/// What the server finds when it verifies the settlement `id` again: the
/// signature against its own CA at the time it was made, the hash the
/// device recorded, and whether the case's agreements bind it.
pub fn check_settlement(
    state: &ServerState,
    m: &Mutation,
    file: &CaseFileDto,
) -> Result<SettlementCheckDto, ApiError> {
    let body: SettlementBody =
        serde_json::from_value(m.body.clone()).map_err(ApiError::internal)?;
    let pdf = body.pdf_bytes().unwrap_or_default();
    let sha256 = {
        use sha2::Digest;
        hex::encode(sha2::Sha256::digest(&pdf))
    };
    let ca = state.ca.certificate_der().map_err(ApiError::internal)?;
    let verified = settlement::verify(&pdf, &ca, m.created_at.and_utc());
    let (signature_problem, signer) = match verified {
        Ok(v) => (None, v.signer),
        Err(e) => (Some(e.to_string()), String::new()),
    };
    Ok(SettlementCheckDto {
        signature_problem,
        signer,
        hash_matches: sha256 == body.sha256.to_ascii_lowercase(),
        sha256,
        offer_id: body.offer_id,
        bound: file.agreements.iter().any(|a| a.id == m.id),
        amends: body.amends,
        place: body.place,
        pdf_bytes: pdf.len() as u64,
    })
}

/// The item with what it is about.
async fn detail(
    state: &ServerState,
    item: InboxItemDto,
    file: CaseFileDto,
) -> Result<InboxDetailDto, ApiError> {
    let gone = |what: &str| ApiError::internal(format!("the item's {what} is gone from its case"));
    let report = || {
        file.visits
            .iter()
            .find(|v| v.id == item.id)
            .cloned()
            .ok_or_else(|| gone("visit report"))
    };
    let detail = match &item.kind {
        InboxKind::Visit => InboxDetail::Visit {
            report: report()?,
            photos: file
                .attachments
                .iter()
                .filter(|a| a.visit_id == item.id)
                .cloned()
                .collect(),
        },
        InboxKind::DoorPayment => InboxDetail::DoorPayment {
            report: report()?,
            field: file
                .field_payments
                .iter()
                .find(|f| f.id == item.id)
                .cloned(),
        },
        InboxKind::Contact => InboxDetail::Contact {
            record: file
                .contacts
                .iter()
                .find(|r| r.id == item.id)
                .cloned()
                .ok_or_else(|| gone("proposal"))?,
        },
        InboxKind::Message => InboxDetail::Message {
            thread: file.thread.clone().ok_or_else(|| gone("thread"))?,
            photos: crate::messages::question_photos(&file),
        },
        InboxKind::Settlement => {
            let storage = state.storage.clone();
            let id = item.id;
            let m = blocking(move || storage.applied_mutation(id))
                .await?
                .filter(|m| m.kind == MutationKind::Settlement)
                .ok_or_else(|| gone("settlement"))?;
            InboxDetail::Settlement {
                check: check_settlement(state, &m, &file)?,
            }
        }
        InboxKind::Unknown(k) => return Err(ApiError::bad_request(format!("unknown kind {k}"))),
    };
    Ok(InboxDetailDto {
        case_number: file.number.clone(),
        debtor: format!("{} {}", file.debtor.first_name, file.debtor.last_name),
        status: file.status.clone(),
        item,
        detail,
    })
}

async fn item(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<InboxDetailDto>, ApiError> {
    let (_, q): (_, InboxItemQuery) = office(&state, &headers, body).await?;
    let (item, file) = stored(&state, &q).await?;
    Ok(Json(detail(&state, item, file).await?))
}

/// Books the money taken at the door on the visit report `id`: a payment
/// of the case with the report's id, at the amount the server recorded
/// from the verified receipt (never an amount the office types), on the
/// server's day.
pub fn book(mut file: CaseFileDto, id: Uuid, on: NaiveDate) -> Result<CaseFileDto, StorageError> {
    let Some(f) = file.field_payments.iter().find(|f| f.id == id).cloned() else {
        return Err(StorageError::NotFound(format!(
            "money taken at the door on {id}"
        )));
    };
    if f.state == FieldPaymentState::Booked || file.payments.iter().any(|p| p.id == id) {
        return Err(StorageError::AlreadyDecided(format!(
            "the payment {} is booked already{}",
            f.number,
            f.booked_on
                .map(|d| format!(" on {}", d.format("%d.%m.%Y")))
                .unwrap_or_default()
        )));
    }
    file.payments.push(PaymentDto {
        id,
        paid_on: on,
        amount: f.amount,
        channel: ChannelCode::Cash.code().to_owned(),
    });
    for f in file.field_payments.iter_mut().filter(|f| f.id == id) {
        f.state = FieldPaymentState::Booked;
        f.booked_on = Some(on);
    }
    Ok(file)
}

async fn handle(
    State(state): State<ServerState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<InboxDetailDto>, ApiError> {
    let (c, q): (_, InboxHandleRequest) = office(&state, &headers, body).await?;
    let (item, file) = stored(&state, &q).await?;
    let at: NaiveDateTime = (state.clock)();
    let by = c.user.id;
    match &q.kind {
        InboxKind::Settlement => {
            if let InboxDetail::Settlement { check } = &detail(&state, item.clone(), file).await?.detail
            {
                if !check.holds() {
                    return Err(ApiError::new(
                        StatusCode::UNPROCESSABLE_ENTITY,
                        ErrorCode::BadRequest,
                        format!(
                            "the settlement does not verify: {}",
                            check
                                .signature_problem
                                .clone()
                                .unwrap_or_else(|| "its hash or its offer".into())
                        ),
                    ));
                }
            }
            let storage = state.storage.clone();
            let kind = q.kind.clone();
            blocking(move || storage.handle_inbox(q.id, &kind, by, at)).await?;
        }
        InboxKind::DoorPayment if file.field_payments.iter().any(|f| f.id == q.id) => {
            let storage = state.storage.clone();
            let id = q.id;
            blocking(move || {
                storage.change_case_handling(
                    item.case_id,
                    &|file| {
                        let booked = book(file, id, at.date())?;
                        Ok((booked, vec![(id, InboxKind::DoorPayment)]))
                    },
                    by,
                    at,
                )
            })
            .await?;
        }
        InboxKind::DoorPayment => {
            // A promise without money changes no case: only marked handled.
            let storage = state.storage.clone();
            let kind = q.kind.clone();
            blocking(move || storage.handle_inbox(q.id, &kind, by, at)).await?;
        }
        other => {
            return Err(ApiError::bad_request(format!(
                "an item of kind {other} is handled where it is decided (a contact proposal, a thread's answer)"
            )))
        }
    }
    crate::audit::record(
        &state,
        crate::audit::Actor::User(&c.user),
        AuditAction::InboxHandled,
        q.id,
        q.kind.code(),
    )
    .await;
    let (item, file) = stored(&state, &q).await?;
    Ok(Json(detail(&state, item, file).await?))
}
