//! The back office's desk (issue #12; online only): the portfolio search,
//! one case file as the server holds it, closing a case with a reason and
//! reopening it; devices (with what each reported at its last sync) and
//! revoking one; users, disabling and enabling one. The device holds none of it; the server decides (it
//! checks the reason, the note and the case's status again), the device
//! checks first only so that a mistake is shown beside its field without a
//! round trip.

use crate::storage_error;
use crate::team::command_error;
use api::{
    CaseRequest, CloseForm, CommandError, DeskCaseView, DeskDebtor, DeskHit, DeskSearchPage,
    DeskSearchQuery, Field, Missing, Reason,
};
use chrono::NaiveDate;
use domain::closure::MAX_CLOSE_NOTE_CHARS;
use store::Store;
use sync_client::{DeskApi, SyncError};
use sync_proto::{CloseRequest, DeskCaseQuery, ReopenRequest, SearchRequest, MAX_QUERY_CHARS};
use uuid::Uuid;

/// At most this many rows on a page, whatever is asked (the server's cap).
pub const PAGE_MAX: u32 = 100;

fn token(store: &Store) -> Result<String, CommandError> {
    store
        .sync_value("token")
        .map_err(storage_error)?
        .ok_or(CommandError::LoginRequired)
}

/// Only the back office's device calls the desk (the server checks the
/// role again on every call).
fn back_office(store: &Store) -> Result<String, CommandError> {
    if !crate::login::is_back_office(store).map_err(storage_error)? {
        return Err(CommandError::Forbidden);
    }
    token(store)
}

fn case_id(s: &str) -> Result<Uuid, CommandError> {
    s.trim()
        .parse()
        .map_err(|_| CommandError::invalid(Field::CaseId, Reason::MalformedId))
}

/// A refused call as the desk says it: a case the server does not have is
/// "not in the portfolio"; a 409 (closed or open already) is
/// [`CommandError::AlreadyDecided`].
fn desk_error(e: SyncError, case: Option<Uuid>) -> CommandError {
    match e {
        SyncError::Refused { status: 404, .. } => CommandError::NotFound {
            what: Missing::PortfolioCase,
            key: case.map(|c| c.to_string()),
        },
        other => command_error(other),
    }
}

fn status_of(code: &str) -> Option<api::Status> {
    domain::CaseStatus::from_code(code).map(Into::into)
}

/// A page of the portfolio search: by case number, name, PESEL, phone
/// (however typed) or town. A blank query finds nothing without asking
/// the server.
pub fn search(
    store: &Store,
    api: &mut dyn DeskApi,
    q: &DeskSearchQuery,
) -> Result<DeskSearchPage, CommandError> {
    let token = back_office(store)?;
    if q.query.chars().count() > MAX_QUERY_CHARS {
        return Err(CommandError::invalid(Field::SearchQuery, Reason::TooLong));
    }
    let limit = q.limit.clamp(1, PAGE_MAX);
    let offset = q.offset.min(sync_proto::MAX_SEARCH_OFFSET);
    if q.query.trim().is_empty() {
        return Ok(DeskSearchPage {
            query: q.query.clone(),
            rows: vec![],
            offset,
            total: 0,
            capped: false,
            next_offset: None,
        });
    }
    let res = api
        .search(
            &token,
            &SearchRequest {
                query: q.query.clone(),
                offset,
                limit,
            },
        )
        .map_err(|e| desk_error(e, None))?;
    let shown = offset + res.rows.len() as u32;
    let more = res.capped || shown < res.total;
    Ok(DeskSearchPage {
        query: q.query.clone(),
        next_offset: (more
            && res.rows.len() as u32 == limit
            && shown <= sync_proto::MAX_SEARCH_OFFSET)
            .then_some(shown),
        rows: res
            .rows
            .into_iter()
            .map(|r| DeskHit {
                case_id: r.case_id.to_string(),
                number: r.number,
                name: r.name,
                pesel: r.pesel,
                town: r.town,
                status: status_of(&r.status),
                outstanding: r.outstanding,
                assigned: r.advisor_id.is_some(),
            })
            .collect(),
        offset,
        total: res.total,
        capped: res.capped,
    })
}

/// The case file as the back office sees it, on `today` (limitation per
/// debt).
pub fn view(
    file: &sync_proto::CaseFileDto,
    today: NaiveDate,
) -> Result<DeskCaseView, CommandError> {
    let f = domain::CaseFile::try_from(file).map_err(|e| CommandError::Server {
        message: e.to_string(),
    })?;
    let d = &f.debtor;
    Ok(DeskCaseView {
        id: f.case.id.to_string(),
        number: f.case.number.clone(),
        status: f.case.status.into(),
        opened_on: f.case.opened_on,
        assigned: f.case.status.is_open(),
        debtor: DeskDebtor {
            name: d.full_name(),
            pesel: d.pesel.clone(),
            birth_date: domain::validate::parse_pesel(&d.pesel)
                .ok()
                .map(|p| p.birth_date),
            vulnerability: d.vulnerability.clone(),
            phones: d.phones.iter().map(Into::into).collect(),
            emails: d.emails.iter().map(|e| e.address.clone()).collect(),
            addresses: d.addresses.iter().map(Into::into).collect(),
        },
        debts: f
            .debts
            .iter()
            .map(|x| crate::get_case::debt_view(x, today))
            .collect(),
        total: f.outstanding().into(),
        payments: f.payments.iter().map(Into::into).collect(),
        visits: file.visits.len() as u32,
        photos: file.attachments.len() as u32,
        open_proposals: file.contacts.iter().filter(|c| c.is_open()).count() as u32,
        timeline: f
            .timeline_newest_first()
            .into_iter()
            .map(api::ActivityView::from)
            .collect(),
    })
}

/// One case file from the server.
pub fn case(
    store: &Store,
    api: &mut dyn DeskApi,
    today: NaiveDate,
    req: &CaseRequest,
) -> Result<DeskCaseView, CommandError> {
    let token = back_office(store)?;
    let id = case_id(&req.case_id)?;
    let file = api
        .case(&token, &DeskCaseQuery { case_id: id })
        .map_err(|e| desk_error(e, Some(id)))?;
    view(&file, today)
}

/// Checks a closure as the server will: a reason chosen, a note for
/// "inny powód", the note's length (`domain::closure`).
fn checked(form: &CloseForm) -> Result<(Uuid, api::CloseReasonCode), CommandError> {
    let id = case_id(&form.case_id)?;
    let reason = form
        .reason
        .ok_or(CommandError::invalid(Field::CloseReason, Reason::Required))?;
    let note = form.note.trim();
    if note.chars().count() > MAX_CLOSE_NOTE_CHARS {
        return Err(CommandError::invalid(Field::CloseNote, Reason::TooLong));
    }
    if note.is_empty() && reason.needs_note() {
        return Err(CommandError::invalid(Field::CloseNote, Reason::Required));
    }
    Ok((id, reason))
}

/// Closes a case with a reason: held by nobody from then on, it leaves
/// the advisor's device on the next sync. Closed already: 409, as
/// [`CommandError::AlreadyDecided`].
pub fn close(
    store: &Store,
    api: &mut dyn DeskApi,
    today: NaiveDate,
    form: &CloseForm,
) -> Result<DeskCaseView, CommandError> {
    let token = back_office(store)?;
    let (id, reason) = checked(form)?;
    let file = api
        .close(
            &token,
            &CloseRequest {
                case_id: id,
                reason: reason.reason().code().into(),
                note: form.note.trim().into(),
            },
        )
        .map_err(|e| desk_error(e, Some(id)))?;
    view(&file, today)
}

/// Reopens a closed case: back to its advisor ("nowa"), on their device
/// after the next sync. Open already: [`CommandError::AlreadyDecided`].
pub fn reopen(
    store: &Store,
    api: &mut dyn DeskApi,
    today: NaiveDate,
    req: &CaseRequest,
) -> Result<DeskCaseView, CommandError> {
    let token = back_office(store)?;
    let id = case_id(&req.case_id)?;
    let file = api
        .reopen(&token, &ReopenRequest { case_id: id })
        .map_err(|e| desk_error(e, Some(id)))?;
    view(&file, today)
}

fn role_of(r: sync_proto::Role) -> api::UserRole {
    match r {
        sync_proto::Role::Advisor => api::UserRole::Advisor,
        sync_proto::Role::TeamLead => api::UserRole::TeamLead,
        sync_proto::Role::BackOffice => api::UserRole::BackOffice,
        sync_proto::Role::Admin => api::UserRole::Admin,
    }
}

fn page_of(q: &api::DeskPageQuery) -> sync_proto::DeskPageRequest {
    sync_proto::DeskPageRequest {
        offset: q.offset.min(sync_proto::MAX_SEARCH_OFFSET),
        limit: q.limit.clamp(1, sync_proto::DESK_PAGE_MAX),
    }
}

/// "Urządzenia": a page of the devices, the latest sync first, each with
/// what it reported at that sync.
pub fn devices(
    store: &Store,
    api: &mut dyn DeskApi,
    q: &api::DeskPageQuery,
) -> Result<api::DeskDevicesPage, CommandError> {
    let token = back_office(store)?;
    let req = page_of(q);
    let page = api.devices(&token, &req).map_err(|e| desk_error(e, None))?;
    Ok(api::DeskDevicesPage {
        devices: page
            .devices
            .into_iter()
            .map(|d| api::DeskDevice {
                device_id: d.device_id.to_string(),
                name: d.name,
                user_id: d.user_id.to_string(),
                login: d.login,
                user_name: d.user_name,
                role: role_of(d.role),
                user_disabled: d.user_disabled,
                revoked: d.revoked,
                last_sync: d.last_sync,
                pending: d.pending,
                app_version: d.app_version,
            })
            .collect(),
        offset: req.offset,
        next_offset: page.next_offset,
    })
}

fn user_of(u: sync_proto::DeskUserDto) -> api::DeskUser {
    api::DeskUser {
        user_id: u.user_id.to_string(),
        login: u.login,
        name: u.name,
        role: role_of(u.role),
        disabled: u.disabled,
    }
}

/// A page of the users by name.
pub fn users(
    store: &Store,
    api: &mut dyn DeskApi,
    q: &api::DeskPageQuery,
) -> Result<api::DeskUsersPage, CommandError> {
    let token = back_office(store)?;
    let req = page_of(q);
    let page = api.users(&token, &req).map_err(|e| desk_error(e, None))?;
    Ok(api::DeskUsersPage {
        users: page.users.into_iter().map(user_of).collect(),
        offset: req.offset,
        next_offset: page.next_offset,
    })
}

/// "Zablokuj użytkownika" / "Odblokuj": a disabled user's login and
/// tokens are refused by the server. So already: `AlreadyDecided`.
pub fn set_user_disabled(
    store: &Store,
    api: &mut dyn DeskApi,
    form: &api::UserDisabledForm,
) -> Result<api::DeskUser, CommandError> {
    let token = back_office(store)?;
    let id: Uuid = form
        .user_id
        .trim()
        .parse()
        .map_err(|_| CommandError::invalid(Field::UserId, Reason::MalformedId))?;
    let u = api
        .set_user_disabled(
            &token,
            &sync_proto::UserDisabledRequest {
                user_id: id,
                disabled: form.disabled,
            },
        )
        .map_err(|e| match e {
            SyncError::Refused { status: 404, .. } => {
                CommandError::invalid(Field::UserId, Reason::UnknownEntry)
            }
            other => desk_error(other, None),
        })?;
    Ok(user_of(u))
}

/// "Unieważnij": revokes a device; its replica is wiped at its next call to
/// the server (lost or stolen) or once its pending work is delivered (a
/// handover).
pub fn revoke(
    store: &Store,
    api: &mut dyn DeskApi,
    form: &api::RevokeForm,
) -> Result<(), CommandError> {
    let token = back_office(store)?;
    let id: Uuid = form
        .device_id
        .trim()
        .parse()
        .map_err(|_| CommandError::invalid(Field::DeviceId, Reason::MalformedId))?;
    let mode = match form.mode {
        api::RevokeModeCode::Lost => sync_proto::RevokeMode::Lost,
        api::RevokeModeCode::Handover => sync_proto::RevokeMode::Handover,
    };
    api.revoke(
        &token,
        &sync_proto::RevokeRequest {
            device_id: id,
            mode,
        },
    )
    .map_err(|e| match e {
        SyncError::Refused { status: 404, .. } => {
            CommandError::invalid(Field::DeviceId, Reason::UnknownEntry)
        }
        other => desk_error(other, None),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use api::CloseReasonCode;

    fn form(reason: Option<CloseReasonCode>, note: &str) -> CloseForm {
        CloseForm {
            case_id: Uuid::from_u128(7).to_string(),
            reason,
            note: note.into(),
        }
    }

    #[test]
    fn a_closure_needs_a_reason_and_other_needs_a_note() {
        let refused = |f: &CloseForm| match checked(f) {
            Err(CommandError::Invalid { field, code }) => (field, code),
            other => panic!("{other:?}"),
        };
        assert_eq!(
            refused(&form(None, "")),
            (Field::CloseReason, Reason::Required)
        );
        assert_eq!(
            refused(&form(Some(CloseReasonCode::Other), "   ")),
            (Field::CloseNote, Reason::Required)
        );
        let long = "ż".repeat(MAX_CLOSE_NOTE_CHARS + 1);
        assert_eq!(
            refused(&form(Some(CloseReasonCode::Sold), &long)),
            (Field::CloseNote, Reason::TooLong)
        );
        assert!(checked(&form(Some(CloseReasonCode::Other), "klient wyjechał")).is_ok());
        assert!(checked(&form(Some(CloseReasonCode::PaidInFull), "")).is_ok());
        let mut bad = form(Some(CloseReasonCode::Sold), "");
        bad.case_id = "nie-id".into();
        assert_eq!(refused(&bad), (Field::CaseId, Reason::MalformedId));
    }
}
