//! The device side of sync: a [`Transport`] to the server (over HTTP with
//! reqwest in [`HttpTransport`]; tests wrap it to inject faults), and the pure
//! decisions of a sync run (what to upload in which batches, what a receipt
//! means for the outbox), tested with no network.
//!
//! This is the only crate that names reqwest. It knows the wire types, not
//! the replica.

pub mod consult;
pub mod desk;
mod http;
pub mod office;
pub mod plan;

pub use consult::{ConsultApi, Desk};
pub use desk::DeskApi;
pub use http::HttpTransport;
pub use office::{OfficeApi, Pdf};

use sync_proto::{
    DecideRequest, DownloadRequest, DownloadResponse, ErrorBody, LoginRequest, LoginResponse,
    ReviewDto, TeamOffersResponse, TeamPlansRequest, TeamPlansResponse, UploadRequest,
    UploadResponse,
};

/// Why a call to the server failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SyncError {
    /// No answer (no signal, dropped connection, timeout): try again later.
    #[error("the server cannot be reached: {0}")]
    Unreachable(String),
    /// The app is too old for the server; nothing local is discarded.
    #[error("update the app: {0}")]
    UpgradeRequired(String),
    /// The device was revoked by an administrator.
    #[error("this device was revoked: {0}")]
    DeviceRevoked(String),
    /// Not logged in, or the session expired.
    #[error("log in again: {0}")]
    Unauthorized(String),
    /// The server refused the request.
    #[error("the server refused the request ({status}): {message}")]
    Refused { status: u16, message: String },
    /// The answer could not be read.
    #[error("unreadable answer from the server: {0}")]
    Decode(String),
}

impl SyncError {
    pub(crate) fn from_body(status: u16, body: ErrorBody) -> Self {
        use sync_proto::ErrorCode::*;
        match body.code {
            UpgradeRequired => SyncError::UpgradeRequired(body.message),
            DeviceRevoked => SyncError::DeviceRevoked(body.message),
            Unauthorized => SyncError::Unauthorized(body.message),
            _ => SyncError::Refused {
                status,
                message: body.message,
            },
        }
    }

    /// Whether trying again later may succeed without the user doing anything.
    pub fn is_transient(&self) -> bool {
        matches!(self, SyncError::Unreachable(_) | SyncError::Decode(_))
            || matches!(self, SyncError::Refused { status, .. } if *status >= 500 || *status == 429)
    }
}

/// The calls a device makes. Each is one request and one answer.
pub trait Transport {
    fn login(&mut self, req: &LoginRequest) -> Result<LoginResponse, SyncError>;
    fn download(
        &mut self,
        token: &str,
        req: &DownloadRequest,
    ) -> Result<DownloadResponse, SyncError>;
    fn upload(&mut self, token: &str, req: &UploadRequest) -> Result<UploadResponse, SyncError>;
}

/// The team lead's calls (online only): the team's offers awaiting approval,
/// the team's plans of a day, and a decision.
pub trait TeamApi {
    fn team_offers(&mut self, token: &str) -> Result<TeamOffersResponse, SyncError>;
    fn team_plans(
        &mut self,
        token: &str,
        req: &TeamPlansRequest,
    ) -> Result<TeamPlansResponse, SyncError>;
    fn team_decide(&mut self, token: &str, req: &DecideRequest) -> Result<ReviewDto, SyncError>;
}
