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

/// The server's address as the login screen takes it: `https://` to any
/// host; `http://` only to this machine (loopback: the demo server, the
/// tests), since a token and case data would travel in the clear.
pub fn server_address(typed: &str) -> Result<String, api::CommandError> {
    use api::{CommandError, Field, Reason};
    let s = typed.trim();
    let (tls, rest) = if let Some(r) = s.strip_prefix("https://") {
        (true, r)
    } else if let Some(r) = s.strip_prefix("http://") {
        (false, r)
    } else {
        return Err(CommandError::invalid(Field::Server, Reason::Url));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host = if let Some(v6) = authority.strip_prefix('[') {
        v6.split(']').next().unwrap_or_default()
    } else {
        authority.split(':').next().unwrap_or_default()
    };
    if host.is_empty() || authority.contains('@') {
        return Err(CommandError::invalid(Field::Server, Reason::Url));
    }
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if !tls && !loopback {
        return Err(CommandError::invalid(Field::Server, Reason::InsecureUrl));
    }
    Ok(s.trim_end_matches('/').to_owned())
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
    // The app lock's password is this user's.
    store.set_sync_value("login", login)?;
    Ok(res)
}

/// Logs the device out: the server is told when it can be reached (the
/// token is refused from then on; offline it expires by itself) and the
/// token is forgotten. Everything captured stays on the device and is sent
/// after the next login; the answer says how much that is.
pub fn logout(
    store: &mut Store,
    server: Option<&sync_client::HttpTransport>,
) -> Result<api::LoggedOut, StoreError> {
    let told = match (server, store.sync_value("token")?) {
        (Some(http), Some(token)) => http.logout(&token).is_ok(),
        _ => false,
    };
    store.forget_sync_value("token")?;
    let (pending, refused) = store.outbox_counts()?;
    Ok(api::LoggedOut {
        unsynced: pending + refused,
        server_told: told,
    })
}

#[cfg(test)]
mod tests {
    use super::server_address;
    use api::{CommandError, Field, Reason};

    #[test]
    fn https_anywhere_plain_http_only_to_this_machine() {
        for ok in [
            "https://partner.best.pl",
            "https://partner.best.pl:8443/",
            "https://10.0.0.5",
            "http://127.0.0.1:8787",
            "http://127.1.2.3:8787",
            "http://localhost:8787/",
            "http://[::1]:8787",
            "  http://LOCALHOST  ",
        ] {
            assert!(server_address(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            server_address("https://partner.best.pl/").unwrap(),
            "https://partner.best.pl"
        );
        let insecure = CommandError::invalid(Field::Server, Reason::InsecureUrl);
        for bad in [
            "http://partner.best.pl",
            "http://10.0.0.5:8787",
            "http://127.0.0.1.evil.pl:8787",
            "http://localhost.evil.pl",
        ] {
            assert_eq!(server_address(bad), Err(insecure.clone()), "{bad}");
        }
        let not_an_address = CommandError::invalid(Field::Server, Reason::Url);
        for bad in [
            "",
            "partner.best.pl",
            "ftp://partner.best.pl",
            "https://",
            "http://:8787",
            "http://evil.pl@127.0.0.1",
        ] {
            assert_eq!(server_address(bad), Err(not_an_address.clone()), "{bad}");
        }
    }
}
