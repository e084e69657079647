//! The "attachment" mutation (issue 11): one photo or document photographed
//! as a visit's evidence, uploaded as its own item after its visit report
//! ([`AttachmentBody`]), and the server's record of it on the case
//! ([`AttachmentRecordDto`], without the bytes) and to the back office
//! ([`AttachmentDto`], with them). The JPEG's size and dimensions are never
//! stated by the device: the server reads them from the JPEG itself.

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The body of an "attachment" mutation: a photo of a visit of the same
/// case, as the device downscaled it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachmentBody {
    /// What this photo belongs to: a visit report or a question to the
    /// office (its mutation id). The name is the wire's since issue 11.
    pub visit_id: Uuid,
    /// The JPEG, base64 (standard alphabet, padded).
    pub jpeg: String,
    /// SHA-256 of the JPEG, lowercase hex, as the device stored it.
    pub sha256: String,
}

impl AttachmentBody {
    pub fn new(visit_id: Uuid, jpeg: &[u8]) -> AttachmentBody {
        use base64ct::Encoding;
        AttachmentBody {
            visit_id,
            jpeg: base64ct::Base64::encode_string(jpeg),
            sha256: sha256_hex(jpeg),
        }
    }

    /// The JPEG's bytes; `None` when `jpeg` is not valid base64.
    pub fn jpeg_bytes(&self) -> Option<Vec<u8>> {
        use base64ct::Encoding;
        base64ct::Base64::decode_vec(&self.jpeg).ok()
    }
}

/// SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A photo as the server keeps it on its case (`CaseFileDto::attachments`):
/// what the server read from the JPEG, never what the device said. The
/// bytes stay in the applied mutation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachmentRecordDto {
    /// The attachment's mutation id (and its timeline line's id).
    pub id: Uuid,
    pub visit_id: Uuid,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub sha256: String,
    /// The device's time of the capture.
    pub taken_at: NaiveDateTime,
    pub received_at: NaiveDateTime,
}

/// A photo of a case for the back office, with its bytes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachmentDto {
    #[serde(flatten)]
    pub record: AttachmentRecordDto,
    /// The JPEG, base64.
    pub jpeg: String,
}

/// The back office's question: the photos of one case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttachmentsQuery {
    pub case_id: Uuid,
}
