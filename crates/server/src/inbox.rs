//! The back office's inbox (issue #12): `sync_proto::office_paths`.

use crate::ServerState;
use axum::Router;

/// The routes of this part of the back office.
pub fn routes() -> Router<ServerState> {
    Router::new()
}
