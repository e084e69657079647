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
