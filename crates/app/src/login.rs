//! Logging the device in: the server registers it and issues a token.

use store::{Store, StoreError};
use sync_client::{SyncError, Transport};
use sync_proto::LoginRequest;

#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error(transparent)]
    Sync(#[from] SyncError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// How the user's role is kept in the replica.
pub fn role_code(r: sync_proto::Role) -> &'static str {
    match r {
        sync_proto::Role::Advisor => "advisor",
        sync_proto::Role::TeamLead => "team_lead",
        sync_proto::Role::BackOffice => "back_office",
        sync_proto::Role::Admin => "admin",
    }
}

/// Whether the logged-in user is a team lead (their device holds no cases).
pub fn is_team_lead(store: &Store) -> Result<bool, StoreError> {
    Ok(store.sync_value("token")?.is_some()
        && store.sync_value("role")?.as_deref() == Some("team_lead"))
}

/// Whether the logged-in user is the back office (its device holds no
/// cases: the office's workspace is online).
pub fn is_back_office(store: &Store) -> Result<bool, StoreError> {
    Ok(store.sync_value("token")?.is_some()
        && store.sync_value("role")?.as_deref() == Some("back_office"))
}

/// Whether the logged-in user's device holds no cases (a team lead or the
/// back office): nothing to upload or download.
pub fn holds_no_cases(store: &Store) -> Result<bool, StoreError> {
    Ok(is_team_lead(store)? || is_back_office(store)?)
}

/// The device's id, created once and kept in the replica.
pub fn device_id(
    store: &mut Store,
    ids: &mut dyn crate::IdSource,
) -> Result<uuid::Uuid, StoreError> {
    if let Some(id) = store.sync_value("device_id")?.and_then(|s| s.parse().ok()) {
        return Ok(id);
    }
    let id = ids.next_id();
    store.set_sync_value("device_id", &id.to_string())?;
    Ok(id)
}

/// Logs in and keeps the token and the server's address in the replica.
pub fn login(
    store: &mut Store,
    transport: &mut dyn Transport,
    ids: &mut dyn crate::IdSource,
    login: &str,
    password: &str,
    device_name: &str,
) -> Result<sync_proto::LoginResponse, LoginError> {
    let device_id = device_id(store, ids)?;
    // The key the device signs settlements with; the server's CA certifies
    // it at every login.
    let certificate_request =
        crate::settlement::certificate_request(store, &format!("{device_name} ({device_id})"))?;
    let res = transport.login(&LoginRequest {
        login: login.to_owned(),
        password: password.to_owned(),
        device_id,
        device_name: device_name.to_owned(),
        certificate_request: Some(certificate_request),
    })?;
    store.set_sync_value("token", &res.token)?;
    if let (Some(cert), Some(ca)) = (&res.device_certificate, &res.ca_certificate) {
        crate::settlement::keep_certificates(store, cert, ca)?;
    }
    store.set_sync_value("user", &res.name)?;
    store.set_sync_value("role", role_code(res.role))?;
    Ok(res)
}
