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
    /// The server cannot be reached (an online-only action).
    #[error("the server cannot be reached")]
    Offline,
    /// Not logged in, or the session expired.
    #[error("log in first")]
    LoginRequired,
    /// The user's role may not do this.
    #[error("not allowed")]
    Forbidden,
    /// The request was decided before; `message` says by whom and when.
    #[error("already decided: {message}")]
    AlreadyDecided { message: String },
    /// The server refused; `message` is its explanation.
    #[error("the server refused: {message}")]
    Server { message: String },
    /// Anything else on the device's storage; `message` is for the log.
    #[error("storage error: {message}")]
    Storage { message: String },
}
