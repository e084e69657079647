use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use sync_proto::{ErrorBody, ErrorCode};

/// A request that failed as a whole: an HTTP status with a clear message.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: ErrorBody,
}

impl ApiError {
    pub fn new(status: StatusCode, code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            body: ErrorBody {
                code,
                message: message.into(),
            },
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, ErrorCode::BadRequest, message)
    }

    pub fn unauthorized(message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, ErrorCode::Unauthorized, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, ErrorCode::Forbidden, message)
    }

    pub fn internal(e: impl std::fmt::Display) -> Self {
        eprintln!("partner-server: internal error: {e}");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorCode::Internal,
            "internal server error",
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(self.body)).into_response()
    }
}

impl From<server_storage::StorageError> for ApiError {
    fn from(e: server_storage::StorageError) -> Self {
        match e {
            server_storage::StorageError::NotFound(what) => Self::new(
                StatusCode::NOT_FOUND,
                ErrorCode::NotFound,
                format!("{what} not found"),
            ),
            server_storage::StorageError::Conflict(what) => Self::new(
                StatusCode::CONFLICT,
                ErrorCode::Conflict,
                format!("conflict: {what}"),
            ),
            server_storage::StorageError::AlreadyDecided(what) => Self::new(
                StatusCode::CONFLICT,
                ErrorCode::Conflict,
                format!("already decided: {what}"),
            ),
            server_storage::StorageError::Invalid(why) => Self::bad_request(why),
            other => Self::internal(other),
        }
    }
}
