//! The back office's desk on the wire (issue #12): portfolio search,
//! closing and reopening cases, devices and users (`desk_paths`).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The desk's endpoints (POST, JSON, back office and admin only).
pub mod desk_paths {
    /// [`super::SearchRequest`] → [`super::SearchResponse`].
    pub const SEARCH: &str = "/api/v1/desk/search";
    /// [`super::CloseRequest`] → the case file.
    pub const CLOSE: &str = "/api/v1/desk/close";
    /// [`super::ReopenRequest`] → the case file.
    pub const REOPEN: &str = "/api/v1/desk/reopen";
    /// [`super::DeskCaseQuery`] → the case file as the server holds it
    /// (the back office, team leads and admins see every case; an advisor
    /// only their own). The server names it `admin_paths::CASE`.
    pub const CASE: &str = "/api/v1/admin/case";
    /// [`super::DeskPageRequest`] → [`super::DevicesPage`]: every device,
    /// the latest sync first.
    pub const DEVICES: &str = "/api/v1/desk/devices";
    /// [`super::DeskPageRequest`] → [`super::UsersPage`]: every user by
    /// name.
    pub const USERS: &str = "/api/v1/desk/users";
    /// [`super::UserDisabledRequest`] → [`super::DeskUserDto`]: disables
    /// or enables a user (409 when it is so already).
    pub const USER_DISABLED: &str = "/api/v1/desk/user-disabled";
    /// [`super::RevokeRequest`] → 204: revokes a device (its replica's
    /// case data is wiped at its next call). The server names it
    /// `admin_paths::REVOKE`.
    pub const REVOKE: &str = "/api/v1/admin/revoke";
}

/// How a device is revoked (issue #15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevokeMode {
    /// Lost or stolen: nothing more is taken from it; its next call wipes it.
    #[default]
    Lost,
    /// Handed over (a new advisor, a new tablet): its pending work is still
    /// taken, then its next download wipes it.
    Handover,
}

impl RevokeMode {
    /// Its wire code (as serde writes it), for the audit log's detail.
    pub fn code(self) -> &'static str {
        match self {
            RevokeMode::Lost => "lost",
            RevokeMode::Handover => "handover",
        }
    }
}

/// Revokes one device ([`desk_paths::REVOKE`]). Without a mode: lost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevokeRequest {
    pub device_id: Uuid,
    #[serde(default)]
    pub mode: RevokeMode,
}

/// At most this many devices or users in one page.
pub const DESK_PAGE_MAX: u32 = 100;
/// The longest app version a device may report.
pub const MAX_APP_VERSION_CHARS: usize = 32;
/// The most pending changes a device may report.
pub const MAX_REPORTED_PENDING: u32 = 1_000_000;

/// A page of devices or users (`limit` 1 to [`DESK_PAGE_MAX`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskPageRequest {
    #[serde(default)]
    pub offset: u32,
    #[serde(default = "default_limit")]
    pub limit: u32,
}

/// One device as the back office sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskDeviceDto {
    pub device_id: Uuid,
    pub name: String,
    pub user_id: Uuid,
    pub login: String,
    pub user_name: String,
    pub role: crate::Role,
    pub user_disabled: bool,
    pub revoked: bool,
    /// The server's time of its last download.
    pub last_sync: Option<chrono::NaiveDateTime>,
    /// What the device reported at its last download.
    pub pending: Option<u32>,
    pub app_version: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevicesPage {
    pub devices: Vec<DeskDeviceDto>,
    pub next_offset: Option<u32>,
}

/// One user as the back office sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskUserDto {
    pub user_id: Uuid,
    pub login: String,
    pub name: String,
    pub role: crate::Role,
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsersPage {
    pub users: Vec<DeskUserDto>,
    pub next_offset: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDisabledRequest {
    pub user_id: Uuid,
    pub disabled: bool,
}

/// The longest portfolio search query, in characters (the server answers
/// 400 beyond it).
pub const MAX_QUERY_CHARS: usize = 200;
/// The furthest offset a portfolio search pages to.
pub const MAX_SEARCH_OFFSET: u32 = 100_000;

/// One case by its id ([`desk_paths::CASE`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskCaseQuery {
    pub case_id: Uuid,
}

/// A page of the portfolio search (`limit` at most 100).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchRequest {
    pub query: String,
    #[serde(default)]
    pub offset: u32,
    #[serde(default = "default_limit")]
    pub limit: u32,
}

fn default_limit() -> u32 {
    20
}

/// One case found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHitDto {
    pub case_id: Uuid,
    pub number: String,
    pub name: String,
    pub pesel: String,
    pub town: String,
    pub advisor_id: Option<Uuid>,
    /// A `domain::CaseStatus` code.
    pub status: String,
    pub outstanding: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResponse {
    pub rows: Vec<SearchHitDto>,
    /// How many match, counted up to a cap.
    pub total: u32,
    /// Whether more than `total` match.
    pub capped: bool,
}

/// Close a case with a reason (a `domain::closure::CloseReason` code); the
/// reason "other" needs a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CloseRequest {
    pub case_id: Uuid,
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReopenRequest {
    pub case_id: Uuid,
}

#[cfg(test)]
mod tests {
    use super::RevokeMode;

    #[test]
    fn a_revoke_modes_code_is_its_wire_code() {
        for m in [RevokeMode::Lost, RevokeMode::Handover] {
            assert_eq!(
                serde_json::to_value(m).unwrap(),
                serde_json::json!(m.code())
            );
        }
    }
}
