//! The back office's inbox calls (issue #12; online only): a page of the
//! inbox, one item with what it is about, registering a settlement or
//! booking a door payment (`office_paths`), deciding a contact proposal's
//! changes, and the signed PDFs as bytes. Questions are answered and
//! closed through [`crate::ConsultApi`].

use crate::{HttpTransport, SyncError};
use serde::Serialize;
use sync_proto::*;
use uuid::Uuid;

/// Which signed PDF to fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pdf {
    /// A settlement, by its "settlement" mutation's id.
    Settlement,
    /// A door receipt, by the id of the visit report that carried it.
    Receipt,
}

/// The PDF endpoints' body.
#[derive(Serialize)]
struct ById {
    id: Uuid,
}

pub trait OfficeApi {
    fn inbox(&mut self, token: &str, req: &InboxRequest) -> Result<InboxPageDto, SyncError>;
    fn inbox_item(
        &mut self,
        token: &str,
        req: &InboxItemQuery,
    ) -> Result<InboxDetailDto, SyncError>;
    /// Registers a settlement or books a door payment (409 the second time).
    fn inbox_handle(
        &mut self,
        token: &str,
        req: &InboxHandleRequest,
    ) -> Result<InboxDetailDto, SyncError>;
    /// Accepts (as proposed or as edited) or rejects changes of one
    /// proposal; answers the proposal as stored.
    fn decide_contact(
        &mut self,
        token: &str,
        req: &DecideContactRequest,
    ) -> Result<ContactRecordDto, SyncError>;
    /// The signed PDF as stored on the server.
    fn pdf(&mut self, token: &str, which: Pdf, id: Uuid) -> Result<Vec<u8>, SyncError>;
}

impl OfficeApi for HttpTransport {
    fn inbox(&mut self, token: &str, req: &InboxRequest) -> Result<InboxPageDto, SyncError> {
        self.post(office_paths::INBOX, Some(token), req)
    }

    fn inbox_item(
        &mut self,
        token: &str,
        req: &InboxItemQuery,
    ) -> Result<InboxDetailDto, SyncError> {
        self.post(office_paths::INBOX_ITEM, Some(token), req)
    }

    fn inbox_handle(
        &mut self,
        token: &str,
        req: &InboxHandleRequest,
    ) -> Result<InboxDetailDto, SyncError> {
        self.post(office_paths::INBOX_HANDLE, Some(token), req)
    }

    fn decide_contact(
        &mut self,
        token: &str,
        req: &DecideContactRequest,
    ) -> Result<ContactRecordDto, SyncError> {
        self.post(office_paths::CONTACTS_DECIDE, Some(token), req)
    }

    fn pdf(&mut self, token: &str, which: Pdf, id: Uuid) -> Result<Vec<u8>, SyncError> {
        let path = match which {
            Pdf::Settlement => office_paths::SETTLEMENT_PDF,
            Pdf::Receipt => office_paths::RECEIPT_PDF,
        };
        self.post_bytes(path, Some(token), &ById { id })
    }
}
