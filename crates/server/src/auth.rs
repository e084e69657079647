//! Passwords (argon2), device tokens and who is asking.

use crate::{ApiError, ServerState};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::http::{HeaderMap, StatusCode};
use server_storage::{Device, User};
use sha2::{Digest, Sha256};
use sync_proto::{ErrorCode, PROTOCOL_VERSION, VERSION_HEADER};

/// How expensive a password hash is. The hash records its parameters, so
/// verification follows whatever a stored hash was made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordCost {
    /// argon2id with the crate's recommended defaults (19 MiB, 2 passes).
    Production,
    /// Minimal parameters, only for test fixtures that create many users.
    TestOnly,
}

pub fn hash_password(password: &str) -> Result<String, ApiError> {
    hash_password_with(password, PasswordCost::Production)
}

// A salt must be unpredictable: it comes from the OS, not an injected rng.
#[allow(clippy::disallowed_methods)]
pub fn hash_password_with(password: &str, cost: PasswordCost) -> Result<String, ApiError> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(ApiError::internal)?;
    let salt = SaltString::encode_b64(&salt).map_err(ApiError::internal)?;
    let argon = match cost {
        PasswordCost::Production => Argon2::default(),
        PasswordCost::TestOnly => Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(8, 1, 1, None).map_err(ApiError::internal)?,
        ),
    };
    Ok(argon
        .hash_password(password.as_bytes(), &salt)
        .map_err(ApiError::internal)?
        .to_string())
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash of nobody's password, verified when a login names no user, so
/// that a wrong login takes as long as a wrong password (nothing tells
/// which logins exist).
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("no one's password").expect("hashing a constant cannot fail"))
}

/// How many password hashes run at once: each takes 19 MiB and a core for
/// tens of milliseconds, so a flood of logins waits here instead of
/// filling the memory.
pub const CONCURRENT_HASHES: usize = 2;

/// How long a login waits for a hashing slot before it is answered 429.
const HASH_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Failed logins in a row a login may have before it must wait.
pub const FREE_FAILURES_PER_LOGIN: u32 = 5;
/// Failed logins in a row one address may have before it must wait (an
/// office behind one address has many people).
pub const FREE_FAILURES_PER_ADDRESS: u32 = 20;
/// The longest wait.
const MAX_WAIT_SECONDS: i64 = 15 * 60;

/// How long a key with `failures` failed logins in a row waits after the
/// last one before it may try again: nothing within `free`, then 1 s,
/// doubling with each failure, at most 15 minutes.
pub fn throttle_wait(failures: u32, free: u32) -> chrono::Duration {
    let Some(over) = failures.checked_sub(free) else {
        return chrono::Duration::zero();
    };
    chrono::Duration::seconds((1i64 << over.min(20)).min(MAX_WAIT_SECONDS))
}

/// The throttle's keys of a login from `address`, each with the failures
/// it may have before it waits.
fn throttle_keys(login: &str, address: std::net::IpAddr) -> [(String, u32); 2] {
    [
        (
            format!("login:{}", login.to_lowercase()),
            FREE_FAILURES_PER_LOGIN,
        ),
        (format!("address:{address}"), FREE_FAILURES_PER_ADDRESS),
    ]
}

/// The user whose password this is; `None` for a wrong login or password,
/// in the same time either way. At most [`CONCURRENT_HASHES`] at once; a
/// login or an address with too many failures in a row waits
/// ([`throttle_wait`], kept in the storage so that every instance sees
/// them) and is answered 429 before any hashing, whatever the password.
pub async fn authenticate(
    state: &ServerState,
    login: &str,
    password: String,
    address: std::net::IpAddr,
) -> Result<Option<User>, ApiError> {
    // One slot from the throttle's check to its record: concurrent tries
    // of one login cannot all pass the check before any failure counts.
    let _slot = tokio::time::timeout(HASH_WAIT, state.hashing.clone().acquire_owned())
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorCode::TooManyRequests,
                "too many logins at once: try again in a minute",
            )
        })?
        .map_err(ApiError::internal)?;
    let login = login.trim().to_owned();
    let allowed = throttle_keys(&login, address);
    let keys: Vec<String> = allowed.iter().map(|(k, _)| k.clone()).collect();
    let now = (state.clock)();
    let storage = state.storage.clone();
    let k = keys.clone();
    let failures = crate::handlers::blocking(move || storage.login_failures(&k)).await?;
    let free = |key: &str| {
        allowed
            .iter()
            .find(|(k, _)| k == key)
            .map_or(FREE_FAILURES_PER_LOGIN, |(_, n)| *n)
    };
    if let Some(until) = failures
        .iter()
        .map(|f| f.last_at + throttle_wait(f.failures, free(&f.key)))
        .filter(|until| *until > now)
        .max()
    {
        let seconds = (until - now).num_seconds().max(1);
        crate::audit::record(
            state,
            crate::audit::Actor::Typed(&login),
            sync_proto::AuditAction::LoginThrottled,
            &login,
            format!("from {address}, wait {seconds} s"),
        )
        .await;
        return Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            ErrorCode::TooManyRequests,
            format!("too many failed logins in a row: try again in {seconds} s"),
        ));
    }
    let storage = state.storage.clone();
    let typed = login.clone();
    let user = crate::handlers::blocking(move || storage.user_by_login(&login)).await?;
    // Verification is slow on purpose; keep it off the async threads.
    let user = tokio::task::spawn_blocking(move || {
        let hash = user
            .as_ref()
            .map_or(dummy_hash(), |u| u.password_hash.as_str());
        let ok = verify_password(&password, hash);
        user.filter(|_| ok)
    })
    .await
    .map_err(ApiError::internal)?;
    if user.is_none() {
        crate::audit::record(
            state,
            crate::audit::Actor::Typed(&typed),
            sync_proto::AuditAction::LoginFailed,
            &typed,
            format!("from {address}"),
        )
        .await;
    }
    let storage = state.storage.clone();
    let good = user.is_some();
    crate::handlers::blocking(move || {
        if good {
            storage.clear_login_failures(&keys)
        } else {
            storage.record_login_failure(&keys, now)
        }
    })
    .await?;
    Ok(user)
}

/// A fresh random bearer token (256 bits, hex).
// A session token must be unguessable: it comes from the OS, not an
// injected rng.
#[allow(clippy::disallowed_methods)]
pub fn new_token() -> Result<String, ApiError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(ApiError::internal)?;
    Ok(hex::encode(bytes))
}

/// Tokens are stored hashed: a leaked database does not leak sessions.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Refuses devices whose protocol is too old (or unknown), before anything.
pub fn check_version(state: &ServerState, headers: &HeaderMap) -> Result<u32, ApiError> {
    let v = headers
        .get(VERSION_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u32>().ok())
        .ok_or_else(|| {
            ApiError::bad_request(format!(
                "the {VERSION_HEADER} header is missing or not a number"
            ))
        })?;
    let min = state.min_protocol;
    if v < min {
        return Err(ApiError::new(
            StatusCode::UPGRADE_REQUIRED,
            ErrorCode::UpgradeRequired,
            format!("protocol {v} is too old (this server needs {min} to {PROTOCOL_VERSION}): update the app; unsynced work stays on the device"),
        ));
    }
    if v > PROTOCOL_VERSION {
        // A version this server does not know: never guess what it means.
        return Err(ApiError::bad_request(format!(
            "protocol {v} is unknown to this server (it speaks {min} to {PROTOCOL_VERSION})"
        )));
    }
    Ok(v)
}

/// The device and user behind a request.
pub struct Caller {
    pub device: Device,
    pub user: User,
}

pub async fn caller(state: &ServerState, headers: &HeaderMap) -> Result<Caller, ApiError> {
    caller_or_handover(state, headers, false).await
}

/// How long after its revocation (the server's time) a device revoked for
/// a handover may still deliver its pending work; after that it is treated
/// as lost. The device's clock cannot stretch it: both times are the
/// server's. Its changes must also have been made before the revocation
/// (`RejectCode::MadeAfterRevocation`, by the device's clock): together a
/// device set back in time can add work for three days at most.
pub const HANDOVER_WINDOW: chrono::Duration = chrono::Duration::hours(72);

/// Whether `now` is within the handover window of a revocation at `at`.
pub fn within_handover(at: Option<chrono::NaiveDateTime>, now: chrono::NaiveDateTime) -> bool {
    at.is_some_and(|at| now < at + HANDOVER_WINDOW)
}

/// As [`caller`], also for a device revoked for a handover: its uploads
/// are still taken within [`HANDOVER_WINDOW`] (the pending work delivered),
/// and its next download wipes it (issue #15).
pub async fn uploader(state: &ServerState, headers: &HeaderMap) -> Result<Caller, ApiError> {
    caller_or_handover(state, headers, true).await
}

async fn caller_or_handover(
    state: &ServerState,
    headers: &HeaderMap,
    handover_ok: bool,
) -> Result<Caller, ApiError> {
    check_version(state, headers)?;
    let token = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or_else(|| ApiError::unauthorized("log in first: no bearer token"))?
        .to_owned();
    let storage = state.storage.clone();
    let hash = token_hash(&token);
    let device = crate::handlers::blocking(move || storage.device_by_token(&hash))
        .await?
        .ok_or_else(|| ApiError::unauthorized("unknown or replaced token: log in again"))?;
    let handing_over =
        handover_ok && device.handover && within_handover(device.revoked_at, (state.clock)());
    if device.revoked && !handing_over {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            ErrorCode::DeviceRevoked,
            "this device was revoked: its case data is removed",
        ));
    }
    if device.expires_at <= (state.clock)() {
        return Err(ApiError::unauthorized("the session expired: log in again"));
    }
    let storage = state.storage.clone();
    let user_id = device.user_id;
    let user = crate::handlers::blocking(move || storage.user(user_id))
        .await?
        .ok_or_else(|| ApiError::unauthorized("the user no longer exists"))?;
    refuse_disabled(state, user.id).await?;
    Ok(Caller { device, user })
}

/// Refuses a user the back office disabled (issue #12): their login and
/// every token of theirs, whichever device.
pub async fn refuse_disabled(state: &ServerState, user: uuid::Uuid) -> Result<(), ApiError> {
    let storage = state.storage.clone();
    if crate::handlers::blocking(move || storage.user_disabled(user)).await? {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            ErrorCode::UserDisabled,
            "this user was disabled by the back office",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_handed_over_device_delivers_for_three_days_after_its_revocation() {
        let revoked = chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap();
        let h = chrono::Duration::hours;
        // Revoked on Thursday 3 December at 10:00: until Sunday 10:00.
        assert!(within_handover(Some(revoked), revoked));
        assert!(within_handover(
            Some(revoked),
            revoked + h(71) + chrono::Duration::minutes(59)
        ));
        assert!(!within_handover(Some(revoked), revoked + h(72)));
        // No recorded time (revoked before migration 0012): not at all.
        assert!(!within_handover(None, revoked));
    }

    #[test]
    fn the_wait_doubles_after_the_free_failures_up_to_a_quarter_of_an_hour() {
        let s = chrono::Duration::seconds;
        // Five wrong passwords of one login are free; the sixth try waits.
        assert_eq!(throttle_wait(4, 5), s(0));
        assert_eq!(throttle_wait(5, 5), s(1));
        assert_eq!(throttle_wait(6, 5), s(2));
        assert_eq!(throttle_wait(10, 5), s(32));
        // 2^10 = 1 024 s is more than 900 s.
        assert_eq!(throttle_wait(15, 5), s(900));
        assert_eq!(throttle_wait(40, 5), s(900));
        assert_eq!(throttle_wait(u32::MAX, 5), s(900));
        // An address has twenty.
        assert_eq!(throttle_wait(19, 20), s(0));
        assert_eq!(throttle_wait(21, 20), s(2));
    }
}
