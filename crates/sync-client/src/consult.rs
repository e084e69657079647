//! The office's calls on the consultation threads (issue 12; online only):
//! the back office's on `paths::ADMIN_THREAD*`, a team lead's on
//! `paths::TEAM_THREAD*` (`lead`), where a team lead may list, read and
//! answer only.

use crate::{HttpTransport, SyncError};
use sync_proto::*;

/// Which of the office's paths to call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Desk {
    BackOffice,
    TeamLead,
}

pub trait ConsultApi {
    fn threads(
        &mut self,
        token: &str,
        desk: Desk,
        req: &ThreadsRequest,
    ) -> Result<ThreadsPage, SyncError>;
    fn thread(
        &mut self,
        token: &str,
        desk: Desk,
        req: &ThreadQuery,
    ) -> Result<ThreadView, SyncError>;
    fn answer(
        &mut self,
        token: &str,
        desk: Desk,
        req: &AnswerRequest,
    ) -> Result<ThreadView, SyncError>;
    /// Back office only.
    fn close(&mut self, token: &str, req: &ThreadQuery) -> Result<ThreadView, SyncError>;
    /// Back office only.
    fn urgent(&mut self, token: &str, req: &UrgentRequest) -> Result<ThreadView, SyncError>;
}

impl ConsultApi for HttpTransport {
    fn threads(
        &mut self,
        token: &str,
        desk: Desk,
        req: &ThreadsRequest,
    ) -> Result<ThreadsPage, SyncError> {
        let path = match desk {
            Desk::BackOffice => paths::ADMIN_THREADS,
            Desk::TeamLead => paths::TEAM_THREADS,
        };
        self.post(path, Some(token), req)
    }

    fn thread(
        &mut self,
        token: &str,
        desk: Desk,
        req: &ThreadQuery,
    ) -> Result<ThreadView, SyncError> {
        let path = match desk {
            Desk::BackOffice => paths::ADMIN_THREAD,
            Desk::TeamLead => paths::TEAM_THREAD,
        };
        self.post(path, Some(token), req)
    }

    fn answer(
        &mut self,
        token: &str,
        desk: Desk,
        req: &AnswerRequest,
    ) -> Result<ThreadView, SyncError> {
        let path = match desk {
            Desk::BackOffice => paths::ADMIN_THREAD_ANSWER,
            Desk::TeamLead => paths::TEAM_THREAD_ANSWER,
        };
        self.post(path, Some(token), req)
    }

    fn close(&mut self, token: &str, req: &ThreadQuery) -> Result<ThreadView, SyncError> {
        self.post(paths::ADMIN_THREAD_CLOSE, Some(token), req)
    }

    fn urgent(&mut self, token: &str, req: &UrgentRequest) -> Result<ThreadView, SyncError> {
        self.post(paths::ADMIN_THREAD_URGENT, Some(token), req)
    }
}
