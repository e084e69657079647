//! One page per file.

pub mod attention;
pub mod case_detail;
pub mod cases;
pub mod consult;
pub mod contact;
pub mod door;
pub mod lock;
pub mod login;
pub mod offer;
pub mod office;
pub mod plan;
pub mod signature;
pub mod team;
pub mod today;
pub mod visit;
