//! The server's audit log on the wire (issue #15): who did what when —
//! logins and their failures, decisions, exports of documents,
//! revocations — paged newest first, for the admin (`admin_paths::AUDIT`).

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

crate::wire_code! {
    /// What an audit entry records.
    pub enum AuditAction {
        /// A login that succeeded (subject: the device).
        Login = "login",
        /// A wrong login or password (subject: the login typed).
        LoginFailed = "login_failed",
        /// A login refused by the throttle before any check.
        LoginThrottled = "login_throttled",
        /// A team lead's decision on an offer or a plan (subject: the request).
        Decision = "decision",
        /// The back office's decision on a contact proposal.
        ContactDecision = "contact_decision",
        /// An inbox item registered or booked (subject: the item).
        InboxHandled = "inbox_handled",
        /// A case closed or reopened (subject: the case).
        CaseClosed = "case_closed",
        CaseReopened = "case_reopened",
        /// A case moved to another advisor.
        CaseAssigned = "case_assigned",
        /// A device revoked (subject: the device).
        DeviceRevoked = "device_revoked",
        /// A user disabled or enabled again (subject: the user).
        UserDisabled = "user_disabled",
        /// A signed settlement, a receipt or photos read out of the server.
        Export = "export",
        /// An advisor's policy or a reference rate changed.
        PolicyChanged = "policy_changed",
    }
}

/// One entry, as the server recorded it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditEntryDto {
    /// Increasing with every entry.
    pub seq: i64,
    /// The server's time.
    pub at: NaiveDateTime,
    /// Who (a user id), when known.
    pub actor: Option<Uuid>,
    /// Their login or name as it was then.
    pub actor_name: String,
    pub action: AuditAction,
    /// What it was done to (a case, a device, a request, a login).
    pub subject: String,
    /// Anything else worth keeping (an address, a reason), short.
    pub detail: String,
}

/// A page of the audit log, newest first: the entries before `before`
/// (none: from the newest), at most `limit` (1 to 200).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<i64>,
    #[serde(default = "default_audit_limit")]
    pub limit: u32,
}

fn default_audit_limit() -> u32 {
    100
}

/// The most entries in one page.
pub const AUDIT_PAGE_MAX: u32 = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditPageDto {
    pub entries: Vec<AuditEntryDto>,
    /// Where the next (older) page starts; `None` at the oldest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<i64>,
}
