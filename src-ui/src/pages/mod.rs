//! One page per file.

pub mod case_detail;
pub mod cases;
