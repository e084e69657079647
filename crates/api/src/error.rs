use serde::{Deserialize, Serialize};

/// Why a command failed. The UI matches on the variant and shows a message in
/// the user's language; it never parses the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CommandError {
    #[error("{what} not found")]
    NotFound { what: String },
    /// Bad input: `field` names the input, `code` the problem (a stable code
    /// from the domain's validation).
    #[error("invalid {field}: {code}")]
    Invalid { field: String, code: String },
    /// The replica on this device was written by a newer app.
    #[error("the replica needs a newer app")]
    ReplicaTooNew,
    /// There is no replica yet on this device.
    #[error("no replica on this device")]
    NoReplica,
    /// Anything else on the device's storage; `message` is for the log.
    #[error("storage error: {message}")]
    Storage { message: String },
}
