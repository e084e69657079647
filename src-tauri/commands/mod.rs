//! One file per command group. The names match `api::COMMAND_NAMES`; the
//! test in lib.rs checks the registration against them.

pub mod cases;
pub mod consult;
pub mod desk;
pub mod lock;
pub mod navigate;
pub mod office;
pub mod plan;
pub mod sync;
pub mod team;
pub mod visit;
