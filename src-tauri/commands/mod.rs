//! One file per command group. The names match `api::COMMAND_NAMES`.

pub mod cases;
pub mod plan;
pub mod sync;
pub mod team;
