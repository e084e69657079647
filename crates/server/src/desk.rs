//! The back office's desk (issue #12): `sync_proto::desk_paths`.

use crate::ServerState;
use axum::Router;

/// The routes of this part of the back office.
pub fn routes() -> Router<ServerState> {
    Router::new()
}
