//! The back office's desk calls (issue #12; online only): the portfolio
//! search, one case as the server holds it, closing and reopening a case,
//! devices and users (`sync_proto::desk_paths`).

use crate::{HttpTransport, SyncError};
use sync_proto::*;

pub trait DeskApi {
    fn search(&mut self, token: &str, req: &SearchRequest) -> Result<SearchResponse, SyncError>;
    fn case(&mut self, token: &str, req: &DeskCaseQuery) -> Result<CaseFileDto, SyncError>;
    fn close(&mut self, token: &str, req: &CloseRequest) -> Result<CaseFileDto, SyncError>;
    fn reopen(&mut self, token: &str, req: &ReopenRequest) -> Result<CaseFileDto, SyncError>;
    fn devices(&mut self, token: &str, req: &DeskPageRequest) -> Result<DevicesPage, SyncError>;
    fn users(&mut self, token: &str, req: &DeskPageRequest) -> Result<UsersPage, SyncError>;
    fn set_user_disabled(
        &mut self,
        token: &str,
        req: &UserDisabledRequest,
    ) -> Result<DeskUserDto, SyncError>;
    fn revoke(&mut self, token: &str, req: &RevokeRequest) -> Result<(), SyncError>;
}

impl DeskApi for HttpTransport {
    fn search(&mut self, token: &str, req: &SearchRequest) -> Result<SearchResponse, SyncError> {
        self.post(desk_paths::SEARCH, Some(token), req)
    }

    fn case(&mut self, token: &str, req: &DeskCaseQuery) -> Result<CaseFileDto, SyncError> {
        self.post(desk_paths::CASE, Some(token), req)
    }

    fn close(&mut self, token: &str, req: &CloseRequest) -> Result<CaseFileDto, SyncError> {
        self.post(desk_paths::CLOSE, Some(token), req)
    }

    fn reopen(&mut self, token: &str, req: &ReopenRequest) -> Result<CaseFileDto, SyncError> {
        self.post(desk_paths::REOPEN, Some(token), req)
    }

    fn devices(&mut self, token: &str, req: &DeskPageRequest) -> Result<DevicesPage, SyncError> {
        self.post(desk_paths::DEVICES, Some(token), req)
    }

    fn users(&mut self, token: &str, req: &DeskPageRequest) -> Result<UsersPage, SyncError> {
        self.post(desk_paths::USERS, Some(token), req)
    }

    fn set_user_disabled(
        &mut self,
        token: &str,
        req: &UserDisabledRequest,
    ) -> Result<DeskUserDto, SyncError> {
        self.post(desk_paths::USER_DISABLED, Some(token), req)
    }

    fn revoke(&mut self, token: &str, req: &RevokeRequest) -> Result<(), SyncError> {
        self.post(desk_paths::REVOKE, Some(token), req)
    }
}
