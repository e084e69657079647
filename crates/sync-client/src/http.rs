use crate::{SyncError, TeamApi, Transport};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::time::Duration;
use sync_proto::*;

/// The server over HTTP(S).
#[derive(Debug, Clone)]
pub struct HttpTransport {
    base: String,
    http: reqwest::blocking::Client,
}

impl HttpTransport {
    /// `base` is the server's address, e.g. "http://127.0.0.1:8787".
    pub fn new(base: &str) -> Result<Self, SyncError> {
        Self::build(base, None)
    }

    /// As [`HttpTransport::new`], also trusting the CA certificate `pem`
    /// for HTTPS (a company CA, a test's own); the system's CAs stay
    /// trusted.
    pub fn with_root_certificate(base: &str, pem: &[u8]) -> Result<Self, SyncError> {
        let ca = reqwest::Certificate::from_pem(pem)
            .map_err(|e| SyncError::Unreachable(format!("the CA certificate: {e}")))?;
        Self::build(base, Some(ca))
    }

    fn build(base: &str, ca: Option<reqwest::Certificate>) -> Result<Self, SyncError> {
        let mut builder = reqwest::blocking::Client::builder();
        if let Some(ca) = ca {
            builder = builder.add_root_certificate(ca);
        }
        let http = builder
            .connect_timeout(Duration::from_secs(10))
            .timeout(Duration::from_secs(60))
            .gzip(true)
            // The app's address is checked (https, or http to this
            // machine); a redirect must not take it elsewhere, or down to
            // plain http.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| SyncError::Unreachable(e.to_string()))?;
        Ok(HttpTransport {
            base: base.trim_end_matches('/').to_owned(),
            http,
        })
    }

    /// Ends the session of `token` on the server.
    pub fn logout(&self, token: &str) -> Result<(), SyncError> {
        self.post(paths::LOGOUT, Some(token), &())
    }

    pub(crate) fn post<Req: Serialize, Res: DeserializeOwned>(
        &self,
        path: &str,
        token: Option<&str>,
        req: &Req,
    ) -> Result<Res, SyncError> {
        let bytes = self.post_bytes(path, token, req)?;
        // "204 No Content" answers `()` (JSON null).
        let body: &[u8] = if bytes.is_empty() { b"null" } else { &bytes };
        serde_json::from_slice(body).map_err(|e| SyncError::Decode(e.to_string()))
    }
}

impl HttpTransport {
    /// Posts `req` as JSON and answers the body's bytes as they are (a
    /// PDF, or JSON for [`HttpTransport::post`]); a refusal is read from
    /// its `ErrorBody`.
    pub(crate) fn post_bytes<Req: Serialize>(
        &self,
        path: &str,
        token: Option<&str>,
        req: &Req,
    ) -> Result<Vec<u8>, SyncError> {
        let mut rb = self
            .http
            .post(format!("{}{path}", self.base))
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
            .json(req);
        if let Some(t) = token {
            rb = rb.bearer_auth(t);
        }
        let res = rb
            .send()
            .map_err(|e| SyncError::Unreachable(e.to_string()))?;
        let status = res.status();
        let bytes = res
            .bytes()
            .map_err(|e| SyncError::Unreachable(e.to_string()))?;
        if status.is_success() {
            return Ok(bytes.to_vec());
        }
        Err(match serde_json::from_slice::<ErrorBody>(&bytes) {
            Ok(body) => SyncError::from_body(status.as_u16(), body),
            Err(_) => SyncError::Refused {
                status: status.as_u16(),
                message: String::from_utf8_lossy(&bytes).chars().take(200).collect(),
            },
        })
    }
}

impl Transport for HttpTransport {
    fn login(&mut self, req: &LoginRequest) -> Result<LoginResponse, SyncError> {
        self.post(paths::LOGIN, None, req)
    }

    fn download(
        &mut self,
        token: &str,
        req: &DownloadRequest,
    ) -> Result<DownloadResponse, SyncError> {
        self.post(paths::DOWNLOAD, Some(token), req)
    }

    fn upload(&mut self, token: &str, req: &UploadRequest) -> Result<UploadResponse, SyncError> {
        self.post(paths::UPLOAD, Some(token), req)
    }
}

impl TeamApi for HttpTransport {
    fn team_offers(&mut self, token: &str) -> Result<TeamOffersResponse, SyncError> {
        self.post(paths::TEAM_OFFERS, Some(token), &TeamOffersRequest {})
    }

    fn team_plans(
        &mut self,
        token: &str,
        req: &TeamPlansRequest,
    ) -> Result<TeamPlansResponse, SyncError> {
        self.post(paths::TEAM_PLANS, Some(token), req)
    }

    fn team_decide(&mut self, token: &str, req: &DecideRequest) -> Result<ReviewDto, SyncError> {
        self.post(paths::TEAM_DECIDE, Some(token), req)
    }
}
