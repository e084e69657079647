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
    Ok(v)
}

/// The device and user behind a request.
pub struct Caller {
    pub device: Device,
    pub user: User,
}

pub async fn caller(state: &ServerState, headers: &HeaderMap) -> Result<Caller, ApiError> {
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
    if device.revoked {
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
